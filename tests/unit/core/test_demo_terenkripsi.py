"""``ppid demo`` on a new database creates it encrypted (issue #9): the data key wrapped for every demo
account's password and a recovery key; ``--tanpa-enkripsi`` keeps the old plaintext demo for tools."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from ppid_desktop.core import kunci_db

CLI = "import sys; from ppid_desktop import cli; raise SystemExit(cli.main(sys.argv[1:]))"


def _ppid(env: dict[str, str], *args: str, user: str = "admin", sandi: str = "rahasia123") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", CLI, *args], capture_output=True, text=True, timeout=600,
                          env={**env, "PPID_PENGGUNA": user, "PPID_KATA_SANDI": sandi})


def test_demo_on_a_new_database_is_encrypted_for_every_demo_account(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"PPID_PENGGUNA", "PPID_KATA_SANDI", "PPID_KUNCI_PEMULIHAN"}}
    env["PPID_DATA_DIR"] = str(tmp_path / "data")
    db = tmp_path / "demo.sqlite"
    p = _ppid(env, "--db", str(db), "demo", "--permohonan", "8", "--opd", "6", "--json")
    assert p.returncode == 0, p.stderr[-3000:]
    assert "KUNCI PEMULIHAN" in p.stderr
    kode = p.stderr.split("KUNCI PEMULIHAN (hanya ditampilkan sekali):")[1].split()[0]
    assert json.loads(p.stdout)["master"]["opd"] == 6  # the JSON counts are unchanged
    assert kunci_db.terenkripsi(db) and kunci_db.polos(db) is False
    assert {"admin", "petugas", "ppid", "atasan", "monev", "sekretariat"} <= kunci_db.akun_berkunci(db)
    assert crypto_ring(db).exists()

    p = _ppid(env, "--db", str(db), "permohonan", "list", "--json", user="petugas")  # a demo account unlocks it
    assert p.returncode == 0, p.stderr[-2000:]
    assert len(json.loads(p.stdout)) >= 1
    p = _ppid(env, "--db", str(db), "permohonan", "list", user="petugas", sandi="salah")
    assert p.returncode == 2 and "Traceback" not in p.stderr
    try:  # and the recovery key printed once opens it too
        assert kunci_db.buka_pemulihan(db, kode) == kunci_db.buka(db, "atasan", "rahasia123")
    finally:
        kunci_db.lupakan(db)

    polos = tmp_path / "polos.sqlite"
    p = _ppid(env, "--db", str(polos), "demo", "--permohonan", "3", "--opd", "6", "--tanpa-enkripsi")
    assert p.returncode == 0, p.stderr[-2000:]
    assert kunci_db.polos(polos) is True and not kunci_db.berkas_kunci(polos).exists()


def crypto_ring(db: Path) -> Path:
    from ppid_desktop.core import crypto

    return crypto.berkas_ring(db)
