"""Wrong passwords typed before an encrypted database is unlocked reach its audit log (issue #9).

The audit log lives inside the encrypted database, so a failed unlock can only be counted in the key file
(``<db>.kunci``); the next successful sign-in writes each one into the audit log (its time, account and OS
user) and clears it from the key file. Every step is a separate real ``ppid`` process.
"""

from __future__ import annotations

import getpass
import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from ppid_desktop.core import kunci_db

SANDI = "rahasia123"
CLI = "import sys; from ppid_desktop import cli; raise SystemExit(cli.main(sys.argv[1:]))"


def _ppid(db: Path, env: dict[str, str], *args: str, user: str = "admin", sandi: str = SANDI) -> subprocess.CompletedProcess[str]:
    e = {**env, "PPID_PENGGUNA": user, "PPID_KATA_SANDI": sandi}
    return subprocess.run([sys.executable, "-c", CLI, "--db", str(db), *args], capture_output=True, text=True, env=e,
                          timeout=300)


def test_failed_unlocks_reach_the_audit_log_at_the_next_sign_in(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"PPID_PENGGUNA", "PPID_KATA_SANDI", "PPID_KUNCI_PEMULIHAN"}}
    env["PPID_DATA_DIR"] = str(tmp_path / "data")
    db = tmp_path / "ppid.sqlite"
    p = _ppid(db, env, "init", "--json")
    assert p.returncode == 0, p.stderr[-2000:]
    assert kunci_db.terenkripsi(db)

    sebelum = datetime.now().astimezone()
    for user, sandi in (("admin", "salah-satu"), ("admin", "salah-dua"), ("tamu", "apa-saja")):
        p = _ppid(db, env, "permohonan", "list", user=user, sandi=sandi)
        assert p.returncode == 2 and "Traceback" not in p.stderr
        assert "salah" in p.stderr
    tertunda = json.loads(kunci_db.berkas_kunci(db).read_text())["gagal_masuk"]
    assert [c["akun"] for c in tertunda] == ["admin", "admin", "tamu"]
    assert all(c["pengguna_os"] == getpass.getuser()[:64] for c in tertunda)
    assert "salah-satu" not in kunci_db.berkas_kunci(db).read_text()  # never the typed password

    p = _ppid(db, env, "audit", "list", "--json")
    assert p.returncode == 0, p.stderr[-2000:]
    rows = json.loads(p.stdout)
    gagal = [r for r in rows if r["aksi"] == "login_gagal"]
    assert [r["akun"] for r in gagal] == ["admin", "admin", "tamu"]
    for r, c in zip(gagal, tertunda, strict=True):
        assert datetime.fromisoformat(r["waktu"]) >= sebelum.replace(microsecond=0)
        assert datetime.fromisoformat(r["waktu"]) == datetime.fromisoformat(c["waktu"])  # the attempt's own time
        assert r["pengguna_os"] == c["pengguna_os"] and "berkas kunci" in r["ringkasan"]
    by_id = {r["id"]: r for r in rows}  # written in the sign-in's own unit of work, right after its 'login'
    assert by_id[gagal[0]["id"] - 1]["aksi"] == "login" and by_id[gagal[0]["id"] - 1]["akun"] == "admin"
    assert [r["id"] for r in gagal] == list(range(gagal[0]["id"], gagal[0]["id"] + 3))
    assert "gagal_masuk" not in json.loads(kunci_db.berkas_kunci(db).read_text())  # cleared

    # Written once: the next sign-in adds nothing, and the chain still verifies.
    p = _ppid(db, env, "audit", "list", "--json")
    assert len([r for r in json.loads(p.stdout) if r["aksi"] == "login_gagal"]) == 3
    p = _ppid(db, env, "audit", "periksa", "--json")
    assert p.returncode == 0 and json.loads(p.stdout)["utuh"] is True
