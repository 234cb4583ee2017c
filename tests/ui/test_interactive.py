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


def test_first_run_demo_sign_in_sign_out_close(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PPID_DATA_DIR", str(tmp_path))
    real = demo.DemoOptions
    monkeypatch.setattr(demo, "DemoOptions", lambda: real(permohonan=10, opd=4))
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
            window.sign_out_requested.emit()
            state["step"] = "login-petugas"
        elif step == "login-petugas" and isinstance(modal, LoginDialog):
            assert window is not None and window.ctx is None and window.pages == {}, "signed out: window emptied"
            modal.username.setText("petugas")
            modal.password.setText("rahasia123")
            modal.ok.click()
            state["step"] = "signed-in-petugas"
        elif step == "signed-in-petugas" and modal is None and window is not None and window.ctx is not None:
            seen.append(f"signed in as {window.ctx.actor.username}")
            window.close()
            state["step"] = "closed"

    timer = QTimer()
    timer.timeout.connect(drive)
    timer.start(50)
    try:
        rc = app_module._interactive(QApplication.instance(), tmp_path / "ppid.sqlite", demo=False)
    finally:
        timer.stop()
    assert rc == 0
    assert state["step"] == "closed"
    assert seen == ["first-run over an empty window", "signed in as admin; demo.sqlite", "signed in as petugas"]
    assert (tmp_path / "demo.sqlite").exists()


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
