"""The real interactive start, driven by timers: first run → demo data → sign-in → sign-out → sign-in
as another user → close. The window is painted before the database layer is loaded and stays on
screen across sign-outs."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ppid_desktop import app as app_module
from ppid_desktop import demo
from ppid_desktop.ui.akun import FirstRunDialog, LoginDialog
from ppid_desktop.ui.main_window import MainWindow


def _main_window() -> MainWindow | None:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()), None)


def _drive(steps: dict[str, Any]) -> QTimer:
    """Run ``steps["drive"]`` every 50 ms; an unexpected message box is recorded in ``steps["galat"]`` and
    closed, so a failure ends the test instead of hanging it."""
    from PySide6.QtWidgets import QMessageBox

    from ppid_desktop.ui.akun import KunciPemulihanDialog

    def tick() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, KunciPemulihanDialog):  # an office database just encrypted: the key is noted
            steps.setdefault("kunci_pemulihan", []).append(modal.kode)
            modal.sudah.setChecked(True)
            modal.ok.click()
            return
        if isinstance(modal, QMessageBox):
            steps.setdefault("galat", modal.text())
            modal.reject()
            return
        steps["drive"]()

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(50)
    return timer


def test_first_run_demo_sign_in_sign_out_back_to_office(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """First run → demo → the demo banner → signing out leads back to the office database, not the demo."""
    monkeypatch.setenv("PPID_DATA_DIR", str(tmp_path))
    real = demo.DemoOptions
    monkeypatch.setattr(demo, "DemoOptions", lambda: real(permohonan=10, opd=6))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # _interactive installs its own; restore after
    seen: list[str] = []
    state: dict[str, Any] = {"step": "first-run"}

    def drive() -> None:
        modal = QApplication.activeModalWidget()
        window = _main_window()
        step = state["step"]
        if step == "first-run" and isinstance(modal, FirstRunDialog):
            assert window is not None and window.ctx is None, "the window is up before the database is loaded"
            seen.append("first-run over an empty window")
            modal.demo_btn.click()
            state["step"] = "login-admin"
        elif step == "login-admin" and isinstance(modal, LoginDialog):
            assert modal.username.text() == "admin"
            modal.password.setText("rahasia123")
            modal.ok.click()
            state["step"] = "signed-in-admin"
        elif step == "signed-in-admin" and modal is None and window is not None and window.ctx is not None:
            seen.append(f"signed in as {window.ctx.actor.username}; {window.ctx.services.store.path.name}")
            assert "Administrator" in window.user_label.text()
            assert window.ctx.demo and window.demo_bar.isVisible() and "DATA DEMO" in window.demo_label.text()
            assert "DATA DEMO" in window.windowTitle() and window.act_real.isVisible()
            window.sign_out_requested.emit()
            state["step"] = "office"
        elif step == "office" and isinstance(modal, FirstRunDialog):
            assert window is not None and not window.demo_bar.isVisible()
            seen.append(f"back to {modal.services.store.path.name}")
            modal.reject()
            state["step"] = "closed"

    steps: dict[str, Any] = {"drive": drive}
    timer = _drive(steps)
    try:
        rc = app_module._interactive(QApplication.instance(), tmp_path / "ppid.sqlite", demo=False)
    finally:
        timer.stop()
    assert "galat" not in steps, steps.get("galat")
    assert rc == 0
    assert state["step"] == "closed"
    assert seen == ["first-run over an empty window", "signed in as admin; demo.sqlite", "back to ppid.sqlite"]
    assert (tmp_path / "demo.sqlite").exists()
    from ppid_desktop.core import kunci_db  # the one-click demo is born encrypted (issue #9)

    assert kunci_db.terenkripsi(tmp_path / "demo.sqlite") and {"admin", "petugas"} <= kunci_db.akun_berkunci(
        tmp_path / "demo.sqlite")


def test_demo_banner_button_returns_to_the_office_database(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PPID_DATA_DIR", str(tmp_path))
    real = demo.DemoOptions
    monkeypatch.setattr(demo, "DemoOptions", lambda: real(permohonan=10, opd=6))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    state: dict[str, Any] = {"step": "login"}

    def drive() -> None:
        modal = QApplication.activeModalWidget()
        window = _main_window()
        step = state["step"]
        if step == "login" and isinstance(modal, LoginDialog):
            modal.password.setText("rahasia123")
            modal.ok.click()
            state["step"] = "demo"
        elif step == "demo" and modal is None and window is not None and window.ctx is not None:
            assert window.demo_bar.isVisible()
            window.demo_back.click()
            state["step"] = "office"
        elif step == "office" and isinstance(modal, FirstRunDialog):
            state["office"] = modal.services.store.path.name
            modal.reject()
            state["step"] = "closed"

    steps: dict[str, Any] = {"drive": drive}
    timer = _drive(steps)
    try:
        rc = app_module._interactive(QApplication.instance(), app_module.demo_db_path(), demo=True)
    finally:
        timer.stop()
    assert "galat" not in steps, steps.get("galat")
    assert rc == 0 and state["step"] == "closed"
    assert state["office"] == "ppid.sqlite"


def test_office_sign_out_then_sign_in_as_another_user(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PPID_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    from ppid_desktop.services import Services

    office = tmp_path / "kantor.sqlite"
    svc = Services.open(office)
    try:
        demo.fill(svc, svc.system(), demo.DemoOptions(permohonan=5, opd=6))
    finally:
        svc.close()
    seen: list[str] = []
    state: dict[str, Any] = {"step": "login-admin"}

    def drive() -> None:
        modal = QApplication.activeModalWidget()
        window = _main_window()
        step = state["step"]
        if step == "login-admin" and isinstance(modal, LoginDialog):
            modal.username.setText("admin")
            modal.password.setText("rahasia123")
            modal.ok.click()
            state["step"] = "signed-in-admin"
        elif step == "signed-in-admin" and modal is None and window is not None and window.ctx is not None:
            assert not window.demo_bar.isVisible()
            seen.append(f"signed in as {window.ctx.actor.username}")
            window.sign_out_requested.emit()
            state["step"] = "login-petugas"
        elif step == "login-petugas" and isinstance(modal, LoginDialog):
            assert window is not None and window.ctx is None and window.pages == {}, "signed out: window emptied"
            modal.username.setText("petugas")
            modal.password.setText("rahasia123")
            modal.ok.click()
            state["step"] = "signed-in-petugas"
        elif step == "signed-in-petugas" and modal is None and window is not None and window.ctx is not None:
            seen.append(f"signed in as {window.ctx.actor.username}; {window.ctx.services.store.path.name}")
            window.close()
            state["step"] = "closed"

    steps: dict[str, Any] = {"drive": drive}
    timer = _drive(steps)
    try:
        rc = app_module._interactive(QApplication.instance(), office, demo=False)
    finally:
        timer.stop()
    assert "galat" not in steps, steps.get("galat")
    assert rc == 0 and state["step"] == "closed"
    assert seen == ["signed in as admin", "signed in as petugas; kantor.sqlite"]
    # The Admin's sign-in encrypted the office database; the petugas then signed into it with her own password.
    assert len(steps.get("kunci_pemulihan", [])) == 1 and not office.read_bytes().startswith(b"SQLite format 3")


@pytest.mark.parametrize("content", [b"bukan database sama sekali"])
def test_unreadable_database_is_reported_over_the_window(qtbot, tmp_path, monkeypatch, content: bytes) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PPID_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    bad = tmp_path / "rusak.sqlite"
    bad.write_bytes(content)
    shown: list[str] = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.critical", lambda _p, _t, text: shown.append(text))
    rc = app_module._interactive(QApplication.instance(), bad, demo=False)
    assert rc == 2
    assert shown and "bukan database PPID Desktop" in shown[0]
    assert bad.read_bytes() == content
