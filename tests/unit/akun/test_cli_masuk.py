"""The signed-in CLI: first Admin at init, demo keeps it, lockout after wrong passwords, Admin reset,
``permohonan baru`` all or nothing, ``audit list`` with the account and the OS user."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ppid_desktop import cli
from ppid_desktop.akun import roles as R
from ppid_desktop.akun.service import MAX_GAGAL
from ppid_desktop.core.audit import os_user
from ppid_desktop.core.errors import UserError
from ppid_desktop.services import Services
from tests.conftest import TEST_DEVICE


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    monkeypatch.setenv("PPID_PENGGUNA", "kepala")
    monkeypatch.setenv("PPID_KATA_SANDI", "sandi-kepala-1")
    path = tmp_path / "ppid.sqlite"
    assert cli.main(["--db", str(path), "init"]) == 0
    assert "Admin pertama dibuat: kepala" in capsys.readouterr().err
    return path


def test_init_makes_the_first_admin_and_demo_keeps_it(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--db", str(db), "demo", "--permohonan", "5", "--opd", "3", "--json"]) == 0
    capsys.readouterr()
    svc = Services.open(db, device=TEST_DEVICE)
    try:
        users = {u.username: u.role_set() for u in svc.akun.list_users()}
        assert users["kepala"] == {R.ADMIN}
        assert {"admin", "petugas", "ppid", "atasan", "monev", "sekretariat"} <= set(users)
        svc.akun.authenticate("kepala", "sandi-kepala-1")  # its password is untouched
    finally:
        svc.close()


def test_permohonan_baru_is_all_or_nothing_and_prints_the_numbers(db: Path, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    good = {"tanggal_diterima": "2026-03-16", "saluran": "email", "jenis_pemohon": "perorangan", "nama": "Budi",
            "nik": "3201011203800003", "alamat": "Jl. A", "telepon": "0812", "email": "b@contoh.id",
            "pekerjaan": "Guru", "rincian": "DPA", "tujuan": "Kajian"}
    bad = dict(good, nama="Rina\x0bWati")
    path = tmp_path / "form.json"
    path.write_text(json.dumps([good, bad]), encoding="utf-8")
    assert cli.main(["--db", str(db), "permohonan", "baru", str(path)]) == 2
    err = capsys.readouterr().err
    assert "permohonan ke-2" in err and "U+000B" in err
    path.write_text(json.dumps([good, dict(good, nama="Rina")]), encoding="utf-8")
    assert cli.main(["--db", str(db), "permohonan", "baru", str(path), "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert [g["nomor"] for g in got] == ["001/PPID/III/2026", "002/PPID/III/2026"]
    assert cli.main(["--db", str(db), "permohonan", "show", "002/PPID/III/2026", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["nama"] == "Rina" and shown["saluran"] == "email"
    assert cli.main(["--db", str(db), "audit", "list", "--dari", "2020-01-01", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    created = [r for r in rows if r["aksi"] == "create" and r["entitas"] == "permohonan"]
    assert len(created) == 2 and all(r["akun"] == "kepala" and r["pengguna_os"] == os_user() for r in created)


def test_five_wrong_passwords_lock_the_account_and_an_admin_resets_it(db: Path) -> None:
    svc = Services.open(db, device=TEST_DEVICE)
    try:
        admin = svc.akun.authenticate("kepala", "sandi-kepala-1")
        svc.akun.create_user(admin, "petugas", "Petugas", "sandi-petugas-1", [R.PETUGAS])
        for _ in range(MAX_GAGAL):
            with pytest.raises(UserError, match="salah"):
                svc.akun.authenticate("petugas", "keliru-sekali")
        with pytest.raises(UserError, match="terkunci"):
            svc.akun.authenticate("petugas", "sandi-petugas-1")  # even the right password now
        petugas_actor = svc.akun.actor_for(next(u for u in svc.akun.list_users() if u.username == "petugas"))
        with pytest.raises(UserError, match="tidak berwenang"):
            svc.akun.reset_password(petugas_actor, "petugas", "sandi-baru-123")
        svc.akun.reset_password(admin, "petugas", "sandi-baru-123")
        assert svc.akun.authenticate("petugas", "sandi-baru-123").username == "petugas"
        actions = [r.action for r in svc.akun.audit(admin)]
        assert "akun_dikunci" in actions and "login_ditolak" in actions and "reset_kata_sandi" in actions
    finally:
        svc.close()


def test_audit_list_window_takes_indonesian_dates_and_a_bare_end_date_covers_that_day(
        db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import datetime, timedelta

    from ppid_desktop.akun.commands import _sampai, _waktu

    assert _waktu("16 Maret 2026").date() == _waktu("2026-03-16").date()
    # A bare end date includes the whole day; an end with a time is taken as it is.
    assert _sampai("2026-03-16") - _waktu("2026-03-16") == timedelta(days=1)
    assert _sampai("2026-03-16T09:30") == _waktu("2026-03-16T09:30")
    today = datetime.now().astimezone().date().isoformat()
    assert cli.main(["--db", str(db), "audit", "list", "--dari", today, "--sampai", today, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(r["aksi"] for r in rows)  # init wrote today's rows (the first Admin)
    assert cli.main(["--db", str(db), "audit", "list", "--dari", "1 Maret 1990", "--sampai", "2 Maret 1990",
                     "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    with pytest.raises(SystemExit) as exc:
        cli.main(["--db", str(db), "audit", "list", "--dari", "kemarin sore"])
    assert exc.value.code == 2
    assert "waktu tidak dikenal" in capsys.readouterr().err
