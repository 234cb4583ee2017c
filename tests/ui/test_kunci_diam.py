"""The idle lock: after the configured idle time the window hides its content behind a lock screen
that only the signed-in account's password opens; "Keluar akun" signs out."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ppid_desktop.akun import roles as R
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.main_window import MainWindow, settings
from ppid_desktop.ui.tasks import SyncTaskRunner


@pytest.fixture
def win(qtbot, profil):  # type: ignore[no-untyped-def]
    profil.akun.create_user(None, "petugas", "Petugas Layanan", "sandi-petugas-1", [R.PETUGAS])
    actor = profil.akun.authenticate("petugas", "sandi-petugas-1")
    settings().setValue("keamanan/kunci_menit", 5)
    try:
        w = MainWindow(AppContext(services=profil, actor=actor, tasks=SyncTaskRunner()))
    finally:
        settings().remove("keamanan/kunci_menit")
    qtbot.addWidget(w)
    w.show()
    w.penjaga.timer.setInterval(50)  # the tests do not wait minutes
    yield w
    w.detach()


def test_idle_window_locks_and_only_the_password_opens_it(qtbot, win) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(win.penjaga.terkunci, timeout=5000):
        win.penjaga.buka()  # idle from now
    dlg = win.layar_kunci
    assert dlg.isVisible() and not win.centralWidget().isVisible()
    dlg.password.setText("salah-sekali")
    qtbot.mouseClick(dlg.ok, Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and "salah" in dlg.feedback.text().lower()
    dlg.password.setText("sandi-petugas-1")
    with qtbot.waitSignal(dlg.accepted, timeout=5000):
        qtbot.mouseClick(dlg.ok, Qt.MouseButton.LeftButton)
    assert win.centralWidget().isVisible() and not win.penjaga.dikunci


def test_sign_out_from_the_lock_screen(qtbot, win) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(win.penjaga.terkunci, timeout=5000):
        win.penjaga.buka()  # idle from now
    with qtbot.waitSignal(win.sign_out_requested, timeout=5000):
        qtbot.mouseClick(win.layar_kunci.keluar, Qt.MouseButton.LeftButton)
