"""The headless command says what is wrong in Indonesian and exits non-zero, writing nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ppid_desktop.cli import main


def test_not_a_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "laporan.sqlite"
    bad.write_bytes(b"PK\x03\x04 ini arsip zip, bukan database")
    assert main(["--db", str(bad), "check"]) == 2
    err = capsys.readouterr().err
    assert "bukan database PPID Desktop" in err
    assert bad.read_bytes().startswith(b"PK\x03\x04")


def test_init_check_and_deadline_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "ppid.sqlite"
    assert main(["--db", str(db), "init", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["database"] == str(db) and out["revisi"]
    assert main(["--db", str(db), "check"]) == 0
    assert "Keutuhan: baik" in capsys.readouterr().out
    assert main(["--db", str(db), "kalender", "tenggat", "16 Maret 2026", "10", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["tenggat"] == "2026-04-07"
    reasons = {d["tanggal"]: d["alasan"] for d in data["hari_dilewati"]}
    assert reasons["2026-03-19"] == "Libur nasional: Hari Suci Nyepi"


def test_impossible_date_argument(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--db", str(tmp_path / "x.sqlite"), "kalender", "tenggat", "30/02/2026", "10"])
    assert exc.value.code == 2
    assert "Februari 2026 tidak memiliki tanggal 30" in capsys.readouterr().err
    assert not (tmp_path / "x.sqlite").exists()


def test_restore_refuses_tampered_and_keeps_target(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "ppid.sqlite"
    assert main(["--db", str(db), "init"]) == 0
    archive = tmp_path / "c.ppidbak"
    assert main(["--db", str(db), "backup", str(archive)]) == 0
    capsys.readouterr()
    data = bytearray(archive.read_bytes())
    data[200] ^= 0xFF
    archive.write_bytes(bytes(data))
    target = tmp_path / "baru.sqlite"
    assert main(["--db", str(target), "restore", str(archive)]) == 2
    assert "Galat:" in capsys.readouterr().err
    assert not target.exists()


def test_a_reader_that_closes_the_pipe_gets_silence_not_an_error(tmp_path: Path) -> None:
    """``ppid … --json | head``: the reader goes away; the command stops quietly (no 'Galat', no traceback)."""
    import os
    import subprocess
    import sys

    db = tmp_path / "p.sqlite"
    env = {**os.environ, "PPID_DATA_DIR": str(tmp_path / "data"), "PPID_PENGGUNA": "admin",
           "PPID_KATA_SANDI": "rahasia123"}
    cli = [sys.executable, "-m", "ppid_desktop.cli", "--db", str(db)]
    subprocess.run([*cli, "init", "--tanpa-enkripsi"], env=env, check=True, capture_output=True, timeout=300)
    r, w = os.pipe()
    os.close(r)  # the reader is gone before the first byte
    p = subprocess.run([*cli, "kalender", "tenggat", "2026-06-01", "10", "--json"], env=env, stdout=w,
                       stderr=subprocess.PIPE, text=True, timeout=300)
    os.close(w)
    assert p.returncode == 1 and p.stderr == "", p.stderr
