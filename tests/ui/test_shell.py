"""The shell: first-run, sign-in, main window navigation, task runner with cancel."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from ppid_desktop.akun import roles as R
from ppid_desktop.core.progress import Progress
from ppid_desktop.ui.akun import FirstRunDialog, LoginDialog
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.main_window import MainWindow
from ppid_desktop.ui.sections import SECTIONS
from ppid_desktop.ui.tasks import TaskRunner


def test_first_run_refuses_incomplete_form_and_writes_nothing(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    dlg = FirstRunDialog(services)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.keyClicks(dlg.pemerintah, "Pemerintah Kota Salatiga")
    qtbot.mouseClick(dlg.save_btn, Qt.MouseButton.LeftButton)  # checked on the task runner
    qtbot.waitUntil(lambda: dlg.feedback.isVisible() and not dlg.sibuk)
    assert "Nama lengkap Admin wajib diisi" in dlg.feedback.text()
    assert not services.master.ada_profil()
    assert not services.akun.has_users()
    assert dlg.result() != QDialog.DialogCode.Accepted


def test_first_run_creates_profile_and_admin(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    dlg = FirstRunDialog(services)
    qtbot.addWidget(dlg)
    for widget, text in ((dlg.pemerintah, "Pemerintah Kota Salatiga"), (dlg.perangkat, "Dinas Komunikasi dan Informatika"),
                         (dlg.alamat, "Jalan Letjen Sukowati 51"), (dlg.kota, "Salatiga"),
                         (dlg.nama, "Sri Handayani"), (dlg.password, "sandi-admin-1"), (dlg.password2, "sandi-admin-1")):
        qtbot.keyClicks(widget, text)
    dlg.kertas.setCurrentText("A4")
    with qtbot.waitSignal(dlg.accepted, timeout=20000):
        qtbot.mouseClick(dlg.save_btn, Qt.MouseButton.LeftButton)
    assert dlg.result() == QDialog.DialogCode.Accepted
    assert dlg.actor is not None and R.ADMIN in dlg.actor.roles
    profil = services.master.profil()
    assert profil.pemerintah == "PEMERINTAH KOTA SALATIGA"
    assert profil.kertas == "A4"


def test_first_run_bad_username_writes_no_profile(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    dlg = FirstRunDialog(services)
    qtbot.addWidget(dlg)
    for widget, text in ((dlg.pemerintah, "Pemerintah Kota Salatiga"), (dlg.perangkat, "Dinas Kominfo"),
                         (dlg.alamat, "Jalan Sukowati 51"), (dlg.kota, "Salatiga"), (dlg.nama, "Sri Handayani"),
                         (dlg.password, "sandi-admin-1"), (dlg.password2, "sandi-admin-1")):
        qtbot.keyClicks(widget, text)
    dlg.username.setText("admin kantor")  # a space: refused by the account rules
    qtbot.mouseClick(dlg.save_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "huruf, angka" in dlg.feedback.text())
    assert not services.master.ada_profil(), "the profile must not be saved without its admin"
    assert not services.akun.has_users()


def test_first_run_mismatched_passwords(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    dlg = FirstRunDialog(services)
    qtbot.addWidget(dlg)
    qtbot.keyClicks(dlg.password, "satu-dua-tiga")
    qtbot.keyClicks(dlg.password2, "satu-dua-empat")
    qtbot.mouseClick(dlg.save_btn, Qt.MouseButton.LeftButton)
    assert "tidak sama" in dlg.feedback.text()
    assert dlg.password.property("invalid") is True


def test_first_run_offers_demo(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    dlg = FirstRunDialog(services)
    qtbot.addWidget(dlg)
    qtbot.mouseClick(dlg.demo_btn, Qt.MouseButton.LeftButton)
    assert dlg.result() == FirstRunDialog.DEMO


def test_login(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    services.akun.create_user(None, "admin", "Administrator", "sandi-admin-1", [R.ADMIN])
    dlg = LoginDialog(services)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    qtbot.keyClicks(dlg.username, "admin")
    qtbot.keyClicks(dlg.password, "salah-sandi")
    qtbot.keyClick(dlg.password, Qt.Key.Key_Return)  # checked on a worker thread
    qtbot.waitUntil(lambda: "salah" in dlg.feedback.text())
    assert dlg.actor is None
    dlg.password.clear()
    qtbot.keyClicks(dlg.password, "sandi-admin-1")
    qtbot.keyClick(dlg.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dlg.actor is not None)
    assert dlg.actor is not None and dlg.actor.username == "admin" and dlg.hash_seconds > 0


def test_main_window_sections_and_status(qtbot, ctx: AppContext) -> None:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitActive(win)
    assert win.sidebar.count() == len(SECTIONS)
    assert [win.sidebar.item(i).text() for i in range(win.sidebar.count())][:2] == ["Beranda", "Layanan Informasi"]
    assert str(ctx.services.store.path) in win.db_label.text()
    assert "Laptop Uji" in win.device_label.text()
    with qtbot.waitSignal(win.section_changed) as blocker:
        qtbot.keyClick(win.windowHandle(), Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == ["master"]
    assert win.current_page() is win.pages["master"]
    assert win.stack.currentWidget().isAncestorOf(win.pages["master"])
    win.show_section("pengaturan")
    assert win.current_key() == "pengaturan"


def test_task_runner_delivers_result_on_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    seen: dict[str, object] = {}
    gui = threading.get_ident()

    def work(p: Progress) -> int:
        seen["worker"] = threading.get_ident()
        p.start(3)
        for _ in range(3):
            p.step()
        return 42

    task = runner.run(work, title="uji", on_done=lambda r: seen.update(result=r, thread=threading.get_ident()))
    with qtbot.waitSignal(task.ended, timeout=5000):
        pass
    assert seen["result"] == 42
    assert seen["thread"] == gui and seen["worker"] != gui


def test_task_runner_cancel(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    started = threading.Event()
    results: list[object] = []

    def work(p: Progress) -> str:
        p.start(10_000)
        started.set()
        for _ in range(10_000):
            threading.Event().wait(0.001)
            p.step()
        return "selesai"

    task = runner.run(work, title="uji", on_done=results.append)
    assert started.wait(5)
    with qtbot.waitSignal(task.ended, timeout=10000):
        task.cancel()
    assert results == []
    assert task.progress.cancelled
