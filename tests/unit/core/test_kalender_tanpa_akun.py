"""``ppid kalender`` on an encrypted database without credentials (#9: the calendar is public information):
the app writes ``<db>.kalender.json`` beside it at every open and every calendar change, and the command
reads it, giving the same answers as the signed-in path; with no file, the built-in calendar and a note.
``ppid check`` without credentials says what it could and could not check."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from ppid_desktop import cli
from ppid_desktop.core import kalender as K
from ppid_desktop.core import kunci_db
from ppid_desktop.master import kalender_publik
from ppid_desktop.master.masukan import IsianProfil
from ppid_desktop.services import Services

SANDI = "rahasia123"
PERTANYAAN = [
    ["kalender", "tenggat", "2026-06-10", "10", "--json"],  # over the office's own cuti bersama and libur daerah
    ["kalender", "tenggat", "2026-12-20", "15", "--json"],  # into a year the database has not seeded yet
    ["kalender", "tenggat", "2031-03-02", "20", "--json"],  # a far year: from the holidays package
    ["kalender", "hari-kerja", "2026-06-01", "2026-07-31", "--json"],
    ["kalender", "hari-kerja", "2026-06-12", "2026-06-14", "--json"],  # the replacement working Saturday
]


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    """An encrypted office database with its own calendar days and policy (set through the app)."""
    monkeypatch.setenv("PPID_PENGGUNA", "admin")
    monkeypatch.setenv("PPID_KATA_SANDI", SANDI)
    path = tmp_path / "kantor" / "ppid.sqlite"
    assert cli.main(["--db", str(path), "init"]) == 0
    capsys.readouterr()
    svc = Services.open(path)
    try:
        a = svc.akun.authenticate("admin", SANDI)
        svc.master.tambah_hari(a, date(2026, 6, 15), K.CUTI_BERSAMA, "Cuti bersama kantor (uji)")
        svc.master.tambah_hari(a, date(2026, 6, 12), K.LIBUR_LOKAL, "Hari Jadi Kota")
        svc.master.tambah_hari(a, date(2026, 6, 13), K.HARI_KERJA_PENGGANTI, "Ganti cuti bersama")
        svc.master.simpan_profil(a, IsianProfil.dari({"sabtu_hari_kerja": False, "cuti_bersama_hari_kerja": False}))
    finally:
        svc.close()
    yield path
    kunci_db.lupakan(path)


def _tanya(path: Path, argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[dict[str, object], str]:
    kunci_db.lupakan(path)  # every run starts as a new process would: nothing unlocked
    assert cli.main(["--db", str(path), *argv]) == 0
    cap = capsys.readouterr()
    return json.loads(cap.out), cap.err


def test_same_answers_with_and_without_sign_in(db: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    berkas = kalender_publik.berkas(db)
    assert berkas.exists() and oct(berkas.stat().st_mode & 0o777) == "0o600"
    isi = json.loads(berkas.read_text(encoding="utf-8"))
    assert {"tanggal": "2026-06-15", "jenis": K.CUTI_BERSAMA, "nama": "Cuti bersama kantor (uji)"} in isi["hari"]
    tanpa: list[dict[str, object]] = []
    dengan: list[dict[str, object]] = []
    for argv in PERTANYAAN:  # each question asked both ways on the same database state
        monkeypatch.delenv("PPID_PENGGUNA", raising=False)
        out, err = _tanya(db, argv, capsys)
        assert "berkas kalender publik" in err and kunci_db.kunci_untuk(db) is None
        tanpa.append(out)
        monkeypatch.setenv("PPID_PENGGUNA", "admin")  # the signed-in path seeds the years it needs
        dengan.append(_tanya(db, argv, capsys)[0])
    assert dengan == tanpa
    first = dengan[0]
    assert isinstance(first["hari_dilewati"], list)
    skipped = {d["tanggal"] for d in first["hari_dilewati"]}
    assert {"2026-06-12", "2026-06-15"} <= skipped and "2026-06-13" not in skipped  # the office's own days
    assert dengan[4]["hari_kerja"] == 1
    # the seeded years are in the file now: once more, both ways, the same (and the same dates as before)
    monkeypatch.delenv("PPID_PENGGUNA")
    again = [_tanya(db, argv, capsys)[0] for argv in PERTANYAAN]
    monkeypatch.setenv("PPID_PENGGUNA", "admin")
    assert again == [_tanya(db, argv, capsys)[0] for argv in PERTANYAAN]
    assert [{k: v for k, v in a.items() if k != "versi_kalender"} for a in again] == \
        [{k: v for k, v in d.items() if k != "versi_kalender"} for d in dengan]


def test_calendar_change_rewrites_the_file(db: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    svc = Services.open(db)
    try:
        a = svc.akun.authenticate("admin", SANDI)
        svc.master.simpan_profil(a, IsianProfil.dari({"cuti_bersama_hari_kerja": True}))
        day = svc.master.tambah_hari(a, date(2026, 6, 16), K.KANTOR_TUTUP, "Banjir")
        versi = svc.master.versi_kalender()
    finally:
        svc.close()
    assert json.loads(kalender_publik.berkas(db).read_text())["versi_kalender"] == versi
    monkeypatch.delenv("PPID_PENGGUNA")
    out, _ = _tanya(db, PERTANYAAN[0], capsys)
    skipped = {d["tanggal"]: d["alasan"] for d in out["hari_dilewati"]}
    assert out["cuti_bersama_hari_kerja"] is True and "2026-06-15" not in skipped and "Banjir" in skipped["2026-06-16"]
    assert out["versi_kalender"] == versi
    assert day.id


def test_without_file_the_built_in_calendar_with_a_note(db: Path, capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    kalender_publik.berkas(db).unlink()
    monkeypatch.delenv("PPID_PENGGUNA")
    out, err = _tanya(db, PERTANYAAN[0], capsys)
    assert "kalender bawaan" in err and "--pengguna" in err
    skipped = {d["tanggal"] for d in out["hari_dilewati"]}
    assert "2026-06-15" not in skipped and "2026-06-12" not in skipped  # the office's days are not known
    kalender_publik.berkas(db).write_text("{bukan json", encoding="utf-8")
    kunci_db.lupakan(db)
    assert cli.main(["--db", str(db), *PERTANYAAN[0]]) == 2
    err = capsys.readouterr().err
    assert "kalender publik" in err and "rusak" in err and "Traceback" not in err


def test_check_without_credentials_says_what_it_checked(db: Path, capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PPID_PENGGUNA")
    kunci_db.lupakan(db)
    assert cli.main(["--db", str(db), "check", "--json"]) == 2
    cap = capsys.readouterr()
    out = json.loads(cap.out)
    assert out["terenkripsi"] is True and out["masalah"] == [] and out["revisi"] is None
    assert any("berkas kunci" in d for d in out["diperiksa"]) and "rantai sidik jejak audit" in out["tidak_diperiksa"]
    assert "tanpa akun" in cap.err and "PPID_KATA_SANDI" in cap.err
    with open(db, "ab") as fh:  # a torn last page is seen even without the key
        fh.write(b"\0" * 100)
    kunci_db.lupakan(db)
    assert cli.main(["--db", str(db), "check"]) == 2
    assert "bukan kelipatan halaman" in capsys.readouterr().out
    os.truncate(db, db.stat().st_size - 100)
    monkeypatch.setenv("PPID_PENGGUNA", "admin")
    kunci_db.lupakan(db)
    assert cli.main(["--db", str(db), "check", "--json"]) == 0  # with the account: the full check
    out = json.loads(capsys.readouterr().out)
    assert out["masalah"] == [] and out["revisi"]


def test_restore_drops_the_old_public_calendar_and_the_next_open_writes_the_restored_one(
        db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    arsip = db.parent / "arsip.ppidbak"
    kunci_db.lupakan(db)
    assert cli.main(["--db", str(db), "backup", str(arsip)]) == 0
    svc = Services.open(db)
    try:
        a = svc.akun.authenticate("admin", SANDI)
        svc.master.tambah_hari(a, date(2026, 6, 17), K.KANTOR_TUTUP, "Sesudah cadangan")
    finally:
        svc.close()
    assert "Sesudah cadangan" in kalender_publik.berkas(db).read_text(encoding="utf-8")
    kunci_db.lupakan(db)
    assert cli.main(["--db", str(db), "restore", str(arsip), "--timpa"]) == 0
    capsys.readouterr()
    assert not kalender_publik.berkas(db).exists()  # never a stale calendar of the replaced database
    monkeypatch.delenv("PPID_PENGGUNA")
    _, err = _tanya(db, PERTANYAAN[0], capsys)
    assert "kalender bawaan" in err
    monkeypatch.setenv("PPID_PENGGUNA", "admin")
    _tanya(db, PERTANYAAN[0], capsys)  # a signed-in open writes the restored database's calendar
    isi = kalender_publik.berkas(db).read_text(encoding="utf-8")
    assert "Sesudah cadangan" not in isi and "Hari Jadi Kota" in isi
