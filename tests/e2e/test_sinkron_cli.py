"""``ppid sinkron …`` end to end in real subprocesses: a field day between an office and a field laptop,
refused packages (exit 2, Indonesian, nothing written), SIGKILL in the middle of an import, and a
package made by every released schema is tested in ``tests/unit/sinkron/test_fixtures.py``."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

BIN = Path(sys.executable).parent
PPID = [str(BIN / "ppid")] if (BIN / "ppid").exists() else [sys.executable, "-m", "ppid_desktop.cli"]


def _ada_akun(db: Path) -> bool:
    import sqlite3

    if not db.exists():
        return False
    con = sqlite3.connect(db)
    try:
        return bool(con.execute("SELECT 1 FROM pengguna LIMIT 1").fetchone())
    except sqlite3.DatabaseError:
        return False
    finally:
        con.close()


def run(data: Path, *args: str, env: dict[str, str] | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    e = {**os.environ, "PPID_DATA_DIR": str(data), "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    if not env or "PPID_SANDI" not in env:
        e.pop("PPID_SANDI", None)
    # The CLI signs in (PPID_PENGGUNA/PPID_KATA_SANDI): a database without accounts gets its first Admin.
    e.setdefault("PPID_PENGGUNA", "admin")
    e.setdefault("PPID_KATA_SANDI", "rahasia123")
    if "--db" in args and "init" not in args:
        db = Path(args[args.index("--db") + 1])
        if not _ada_akun(db):
            subprocess.run([*PPID, "--db", str(db), "init", "--tanpa-enkripsi"], capture_output=True, text=True, env=e, timeout=300,
                           check=True)
    p = subprocess.run([*PPID, *args], capture_output=True, text=True, env=e, timeout=300)
    if check and p.returncode != 0:
        raise AssertionError(f"ppid {' '.join(args)} -> {p.returncode}\n{p.stdout}\n{p.stderr}")
    assert "Traceback" not in p.stderr
    return p


def jrun(data: Path, *args: str, **kw: Any) -> Any:
    return json.loads(run(data, *args, "--json", **kw).stdout)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def dua(tmp_path: Path) -> tuple[Path, Path, Path]:
    data = tmp_path / "data"
    data.mkdir()
    kantor, lapangan = tmp_path / "kantor.sqlite", tmp_path / "lapangan.sqlite"
    kunci = run(data, "--db", str(kantor), "sinkron", "kunci", "--buat").stdout.strip()
    assert kunci.startswith("PPIDTIM1-")
    out = run(data, "--db", str(lapangan), "sinkron", "kunci", "--pasang", kunci).stdout
    assert "Kunci tim dipasang" in out
    return data, kantor, lapangan


def test_field_day_by_file(dua: tuple[Path, Path, Path], tmp_path: Path) -> None:
    data, kantor, lapangan = dua
    run(data, "--db", str(kantor), "demo", "--permohonan", "20", "--opd", "6")  # monev demo needs 6 OPD
    program = jrun(data, "--db", str(kantor), "monev", "program", "list")[0]["id"]
    bekal = tmp_path / "bekal.ppidsync"
    out = jrun(data, "--db", str(kantor), "sinkron", "ekspor", str(bekal), "--program", program)
    assert out["jenis"] == "program" and out["jumlah"]["monev_program"] == 1
    pre = jrun(data, "--db", str(lapangan), "sinkron", "impor", str(bekal), "--pratinjau")
    assert pre["pratinjau"] is True
    assert set(pre["per_jenis"]["monev_jadwal"]) == {"baru", "diperbarui", "sama", "konflik"}
    assert jrun(data, "--db", str(lapangan), "sinkron", "riwayat") == []
    done = jrun(data, "--db", str(lapangan), "sinkron", "impor", str(bekal))
    assert done["per_jenis"] == pre["per_jenis"]
    # A fresh install that took a programme package is a field laptop; the office stays the office.
    assert jrun(data, "--db", str(lapangan), "sinkron", "peran") == {"peran": "lapangan"}
    assert jrun(data, "--db", str(kantor), "sinkron", "peran") == {"peran": "kantor"}
    again = jrun(data, "--db", str(lapangan), "sinkron", "impor", str(bekal))
    assert again["total"]["baru"] == again["total"]["diperbarui"] == 0
    # The field laptop sends back what the office has not acknowledged, encrypted.
    kembali = tmp_path / "kembali.ppidsync"
    peers = jrun(data, "--db", str(lapangan), "sinkron", "perangkat")
    office_id = peers["rekan"][0]["replika"]
    run(data, "--db", str(lapangan), "sinkron", "ekspor", str(kembali), "--untuk", office_id,
        env={"PPID_SANDI": "sandi lapangan"})
    refused = run(data, "--db", str(kantor), "sinkron", "impor", str(kembali), check=False)
    assert refused.returncode == 2 and "terenkripsi" in refused.stderr
    res = jrun(data, "--db", str(kantor), "sinkron", "impor", str(kembali), env={"PPID_SANDI": "sandi lapangan"})
    assert res["dari"]["replika"] != office_id
    hist = jrun(data, "--db", str(kantor), "sinkron", "riwayat")
    assert [h["arah"] for h in hist][:2] == ["masuk", "keluar"]
    assert jrun(data, "--db", str(kantor), "sinkron", "konflik") == []
    me = jrun(data, "--db", str(kantor), "sinkron", "perangkat")
    assert me["rekan"][0]["replika"] == res["dari"]["replika"]


def test_conflict_listed_and_resolved_from_the_command_line(dua: tuple[Path, Path, Path], tmp_path: Path) -> None:
    data, kantor, lapangan = dua
    # The same office profile field changed on both laptops (one profile, one id on every laptop).
    code = ("import sys; from ppid_desktop.services import Services; from ppid_desktop.master.masukan import IsianProfil; "
            "s = Services.open(sys.argv[1]); "
            "a = s.system(); s.master.simpan_profil(a, IsianProfil(pemerintah='PEMERINTAH KOTA SALATIGA', perangkat_daerah="
            "'DISKOMINFO', alamat='Jalan Letjen Sukowati 51', kota='Salatiga', telepon=sys.argv[2])); "
            "s.close()")
    env = {**os.environ, "PPID_DATA_DIR": str(data)}
    subprocess.run([sys.executable, "-c", code, str(kantor), "(0298) 111"], check=True, env=env)
    subprocess.run([sys.executable, "-c", code, str(lapangan), "(0298) 222"], check=True, env=env)
    p1, p2 = tmp_path / "k.ppidsync", tmp_path / "l.ppidsync"
    run(data, "--db", str(kantor), "sinkron", "ekspor", str(p1))
    run(data, "--db", str(lapangan), "sinkron", "ekspor", str(p2))
    run(data, "--db", str(lapangan), "sinkron", "impor", str(p1))
    run(data, "--db", str(kantor), "sinkron", "impor", str(p2))
    for db in (kantor, lapangan):
        rows = jrun(data, "--db", str(db), "sinkron", "konflik")
        assert len(rows) == 1
        k = rows[0]
        assert k["entitas"] == "profil_instansi" and k["grup"] == "kop"
        assert {k["menang"]["nilai"]["telepon"], k["kalah"]["nilai"]["telepon"]} == {"(0298) 111", "(0298) 222"}
        assert k["menang"]["replika"] and k["kalah"]["waktu"]
    run(data, "--db", str(kantor), "sinkron", "selesaikan", k["id"], "--pakai", "milik-saya")
    assert jrun(data, "--db", str(kantor), "sinkron", "konflik") == []
    p3 = tmp_path / "k2.ppidsync"
    run(data, "--db", str(kantor), "sinkron", "ekspor", str(p3))
    run(data, "--db", str(lapangan), "sinkron", "impor", str(p3))
    assert jrun(data, "--db", str(lapangan), "sinkron", "konflik") == []


def test_refused_package_exit_2_and_nothing_written(dua: tuple[Path, Path, Path], tmp_path: Path) -> None:
    data, _, lapangan = dua
    bad = tmp_path / "rusak.ppidsync"
    bad.write_bytes(b"bukan zip sama sekali")
    before = _domain(lapangan)  # (opening and closing the app itself may refresh planner statistics)
    p = run(data, "--db", str(lapangan), "sinkron", "impor", str(bad), "--json", check=False)
    assert p.returncode == 2
    assert "ditolak" in p.stderr and "bukan paket" in p.stderr
    assert _domain(lapangan) == before
    assert jrun(data, "--db", str(lapangan), "sinkron", "riwayat") == []
    p = run(data, "--db", str(lapangan), "sinkron", "kunci", "--pasang", "SALAH", check=False)
    assert p.returncode == 2 and "PPIDTIM1-" in p.stderr


def _domain(db: Path) -> str:
    import sqlite3

    con = sqlite3.connect(db)
    try:
        from ppid_desktop.sinkron.spesifikasi import semua_tabel

        travelling = set(semua_tabel())  # the data a package may change (not statistics, logs or sign-ins)
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
                 if r[0] in travelling]
        h = hashlib.sha256()
        for n in names:
            for row in con.execute(f'SELECT * FROM "{n}" ORDER BY 1'):
                h.update(repr(row).encode())
        return h.hexdigest()
    finally:
        con.close()


def test_sigkill_during_import_leaves_data_as_before(dua: tuple[Path, Path, Path], tmp_path: Path) -> None:
    data, kantor, lapangan = dua
    run(data, "--db", str(kantor), "demo", "--permohonan", "200", "--opd", "6")
    paket = tmp_path / "besar.ppidsync"
    run(data, "--db", str(kantor), "sinkron", "ekspor", str(paket), "--semua")
    run(data, "--db", str(lapangan), "check")
    before = _domain(lapangan)
    rng = random.Random(int(os.environ.get("PPID_SEED", "10")))
    env = {**os.environ, "PPID_DATA_DIR": str(data), "QT_QPA_PLATFORM": "offscreen"}
    killed = 0
    for _ in range(4):
        proc = subprocess.Popen([*PPID, "--db", str(lapangan), "sinkron", "impor", str(paket)], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 2.5))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed += 1
        proc.wait()
        check = run(data, "--db", str(lapangan), "check", check=False)
        assert check.returncode == 0, check.stdout
        if proc.returncode == 0:
            break  # it finished before the kill: the next check is that it applied completely
        if _domain(lapangan) != before:
            # Killed after its commit, before the process ended: then the package is in whole —
            # importing it again finds it applied and has nothing left to add.
            again = jrun(data, "--db", str(lapangan), "sinkron", "impor", str(paket), "--pratinjau")
            assert again["sudah_diterapkan"], "a killed import left part of its changes"
            assert again["total"]["baru"] == 0 and again["total"]["diperbarui"] == 0, again
            break
    res = jrun(data, "--db", str(lapangan), "sinkron", "impor", str(paket))
    assert res["total"]["baru"] > 0 or res["sudah_diterapkan"] or killed == 0
    assert _domain(lapangan) != before
    run(data, "--db", str(lapangan), "check")


def test_role_shown_and_set_from_the_command_line(dua: tuple[Path, Path, Path]) -> None:
    data, kantor, _lapangan = dua
    assert "peran kantor" in run(data, "--db", str(kantor), "sinkron", "perangkat").stdout
    out = run(data, "--db", str(kantor), "sinkron", "peran", "lapangan").stdout
    assert "Peran laptop ini: lapangan" in out
    assert jrun(data, "--db", str(kantor), "sinkron", "perangkat")["peran"] == "lapangan"
    bad = run(data, "--db", str(kantor), "sinkron", "peran", "cabang", check=False)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
