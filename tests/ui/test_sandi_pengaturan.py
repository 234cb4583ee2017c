"""Pengaturan's security box (Admin changes, others see it disabled) and the Admin's "Atur ulang kata
sandi" on the Pengguna tab: on an encrypted database the reset also rewrites that account's key-file
entry, so the new password opens the file."""

from __future__ import annotations

from pathlib import Path

from ppid_desktop.akun import roles as R
from ppid_desktop.core import kunci_db
from ppid_desktop.services import Services
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.master.page import PenggunaTab
from ppid_desktop.ui.pengaturan import PengaturanPage
from ppid_desktop.ui.tasks import SyncTaskRunner


def test_security_settings_saved_by_admin_only(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    services.akun.create_user(None, "admin", "Administrator", "sandi-admin-1", [R.ADMIN])
    admin = services.akun.authenticate("admin", "sandi-admin-1")
    page = PengaturanPage(AppContext(services=services, actor=admin, tasks=SyncTaskRunner()))
    qtbot.addWidget(page)
    page.show()
    assert page.kunci_menit.isEnabled() and page.status_enkripsi.text() == "TIDAK terenkripsi"
    page.kunci_menit.setValue(3)
    page.batas_baris.setValue(5000)
    page.simpan_keamanan.click()
    assert not page.feedback_keamanan.isVisible()
    assert services.akun.kunci_menit() == 3 and services.akun.batas_baris_impor() == 5000
    services.akun.create_user(admin, "petugas", "Petugas", "sandi-petugas-1", [R.PETUGAS])
    petugas = services.akun.authenticate("petugas", "sandi-petugas-1")
    other = PengaturanPage(AppContext(services=services, actor=petugas, tasks=SyncTaskRunner()))
    qtbot.addWidget(other)
    assert other.kunci_menit.value() == 3 and not other.kunci_menit.isEnabled()
    assert not other.simpan_keamanan.isEnabled()


def test_reset_password_button_rewrites_the_key_file_entry(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "ppid.sqlite"
    kunci_db.buat(db, "admin", "sandi-admin-1")
    svc = Services.open(db)
    try:
        svc.akun.create_user(None, "admin", "Administrator", "sandi-admin-1", [R.ADMIN])
        admin = svc.akun.authenticate("admin", "sandi-admin-1")
        svc.akun.create_user(admin, "petugas", "Petugas", "sandi-petugas-1", [R.PETUGAS])
        assert "petugas" in kunci_db.akun_berkunci(db)
        tab = PenggunaTab(AppContext(services=svc, actor=admin, tasks=SyncTaskRunner()))
        qtbot.addWidget(tab)
        tab.show()
        assert tab.reset_btn.isEnabled()
        row = [u.username for u in svc.akun.list_users()].index("petugas")
        tab.table.setCurrentIndex(tab.model.index(row, 0))
        assert tab.username.text() == "petugas"
        tab.password.setText("pendek")
        tab.reset_btn.click()
        assert tab.feedback.isVisible() and "minimal" in tab.feedback.text()
        tab.password.setText("sandi-baru-petugas")
        tab.reset_btn.click()
        assert not tab.password.text()
        assert svc.akun.authenticate("petugas", "sandi-baru-petugas").username == "petugas"
    finally:
        svc.close()
    kunci_db.lupakan(db)
    assert kunci_db.buka(db, "petugas", "sandi-baru-petugas")  # the key file follows the reset
    kunci_db.lupakan(db)
    try:
        kunci_db.buka(db, "petugas", "sandi-petugas-1")
    except Exception as exc:  # noqa: BLE001
        assert "salah" in str(exc)
    else:
        raise AssertionError("the old password still opens the database")
    kunci_db.lupakan(db)
