"""Pulihkan dari cadangan (#9): a backup of an encrypted database made on *another laptop* (its own data
folder, in a real process) restored through the dialog with an account's password, with the recovery key;
a wrong password is an Indonesian message in the dialog and writes nothing."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from ppid_desktop.core import kunci_db
from ppid_desktop.services import Services
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.pulihkan import PulihkanDialog, cadangan_terenkripsi
from ppid_desktop.ui.tasks import TaskRunner

SANDI = "sandi-laptop-lain-1"
NAMA = "Sulastri Wijayakusuma"
BUAT = """
import json, sys
from datetime import date
from ppid_desktop import cli
from ppid_desktop.core import kunci_db
from ppid_desktop.layanan.masukan import PermohonanMasukan
from ppid_desktop.services import Services
db, arsip, sandi, nama = sys.argv[1:5]
kunci_db.buka(db, "kepala", sandi)
svc = Services.open(db)
a = svc.akun.authenticate("kepala", sandi)
p = svc.layanan.catat_permohonan(a, PermohonanMasukan(tanggal_diterima=date(2026, 6, 1), nama=nama,
                                                      nik="3373011203800003", rincian="Salinan DPA", tujuan="Penelitian"))
svc.close()
raise SystemExit(cli.main(["--db", db, "backup", arsip]))
"""


@pytest.fixture(scope="module")
def arsip_laptop_lain(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """An encrypted office database on another laptop (its own PPID_DATA_DIR), one request, its backup."""
    root = tmp_path_factory.mktemp("laptop-lain")
    env = {**os.environ, "PPID_DATA_DIR": str(root / "data"), "PPID_PENGGUNA": "kepala", "PPID_KATA_SANDI": SANDI}
    env.pop("PPID_KUNCI_PEMULIHAN", None)
    db, arsip = root / "kantor" / "ppid.sqlite", root / "kantor-lain.ppidbak"
    cli = "import sys; from ppid_desktop import cli; raise SystemExit(cli.main(sys.argv[1:]))"
    p = subprocess.run([sys.executable, "-c", cli, "--db", str(db), "init", "--json"], env=env,
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    kode = json.loads(p.stdout[p.stdout.index("{"):])["kunci_pemulihan"]
    p = subprocess.run([sys.executable, "-c", BUAT, str(db), str(arsip), SANDI, NAMA], env=env, capture_output=True,
                       text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    assert cadangan_terenkripsi(arsip) is True
    return arsip, kode


def _isi(dlg: PulihkanDialog, arsip: Path, tujuan: Path) -> None:
    dlg.berkas.setText(str(arsip))
    dlg.periksa_berkas()
    dlg.tujuan.setText(str(tujuan))


def _nama_di(target: Path) -> list[str]:
    svc = Services.open(target)
    try:
        with svc.store.raw() as con:
            return [r[0] for r in con.execute("SELECT nama FROM permohonan")]
    finally:
        svc.close()


def test_restore_with_the_other_laptops_password_off_the_gui_thread(qtbot, ctx: AppContext, tmp_path: Path,
                                                                    arsip_laptop_lain) -> None:  # type: ignore[no-untyped-def]
    arsip, _kode = arsip_laptop_lain
    tujuan = tmp_path / "pulihan" / "ppid.sqlite"
    live = AppContext(services=ctx.services, actor=ctx.actor, tasks=TaskRunner())  # a real worker thread
    dlg = PulihkanDialog(live, None)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.pengguna.text() == ctx.actor.username  # the signed-in account is the first guess
    _isi(dlg, arsip, tujuan)
    qtbot.waitUntil(lambda: dlg.terenkripsi is True, timeout=10000)
    assert "terenkripsi" in dlg.status_kunci.text() and dlg.sandi.isEnabled()
    dlg.simpan()  # no password yet: checked before anything runs
    assert "kata sandi" in dlg.feedback.text() and dlg.sandi.property("invalid") is True
    # this laptop's account is not in the other database's key file: an Indonesian message, nothing written
    dlg.sandi.setText("sandi-yang-salah")
    dlg.simpan()
    qtbot.waitUntil(lambda: not dlg.sibuk and dlg.feedback.isVisible(), timeout=60000)
    assert "salah" in dlg.feedback.text() and "Traceback" not in dlg.feedback.text()
    assert dlg.isVisible() and not tujuan.exists()
    dlg.pengguna.setText("kepala")
    dlg.sandi.setText(SANDI)
    with qtbot.waitSignal(dlg.accepted, timeout=120000):
        dlg.simpan()
    assert dlg.hasil["revision"]
    assert kunci_db.terenkripsi(tujuan)
    assert _nama_di(tujuan) == [NAMA]
    kunci_db.lupakan(tujuan)


def test_restore_with_the_recovery_key(qtbot, ctx: AppContext, messages, tmp_path: Path,
                                       arsip_laptop_lain) -> None:  # type: ignore[no-untyped-def]
    arsip, kode = arsip_laptop_lain
    tujuan = tmp_path / "dengan-kode.sqlite"
    dlg = PulihkanDialog(ctx, None)
    qtbot.addWidget(dlg)
    dlg.show()
    _isi(dlg, arsip, tujuan)
    assert dlg.terenkripsi is True
    dlg.pakai_kode.setChecked(True)
    assert dlg.kode.isEnabled() and not dlg.sandi.isEnabled()
    dlg.kode.setText("AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF")
    dlg.simpan()
    assert dlg.feedback.isVisible() and dlg.kode.property("invalid") is True and not tujuan.exists()
    dlg.kode.setText(kode)
    dlg.simpan()
    assert dlg.result() == QDialog.DialogCode.Accepted, dlg.feedback.text()
    assert any(str(tujuan) in text for _kind, _title, text in messages)
    assert _nama_di(tujuan) == [NAMA]
    kunci_db.lupakan(tujuan)


def test_plain_archive_needs_no_key_and_bad_input_is_named(qtbot, ctx: AppContext, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ppid_desktop.sinkron.backup import backup

    arsip = tmp_path / "polos.ppidbak"
    backup(ctx.services.store, arsip)
    dlg = PulihkanDialog(ctx, None)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.tujuan.setText(str(ctx.services.store.path))
    dlg.simpan()
    assert "Pilih berkas cadangan" in dlg.feedback.text() and "sedang dibuka" in dlg.feedback.text()
    rusak = tmp_path / "rusak.ppidbak"
    rusak.write_bytes(b"bukan zip")
    _isi(dlg, rusak, tmp_path / "x.sqlite")
    assert dlg.terenkripsi is None
    dlg.simpan()
    assert dlg.feedback.isVisible() and dlg.berkas.property("invalid") is True and not (tmp_path / "x.sqlite").exists()
    _isi(dlg, arsip, tmp_path / "polos.sqlite")
    assert dlg.terenkripsi is False and not dlg.sandi.isEnabled() and not dlg.kode.isEnabled()
    dlg.simpan()
    assert dlg.result() == QDialog.DialogCode.Accepted, dlg.feedback.text()
    con = sqlite3.connect(tmp_path / "polos.sqlite")
    try:
        assert con.execute("SELECT perangkat_daerah FROM profil_instansi").fetchone()[0] == ctx.services.master.profil().perangkat_daerah
    finally:
        con.close()
