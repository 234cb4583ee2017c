"""Sign-in before open, through the real interactive start: the first run creates the office database,
encrypts it and shows the recovery key once; after signing out, the sign-in dialog opens the encrypted
file only with a right password (a wrong one is refused in the dialog)."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ppid_desktop import app as app_module
from ppid_desktop.core import kunci_db
from ppid_desktop.ui.akun import FirstRunDialog, KunciPemulihanDialog, LoginDialog
from ppid_desktop.ui.main_window import MainWindow


def _window() -> MainWindow | None:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()), None)


def test_first_run_encrypts_then_sign_in_opens_the_encrypted_file(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PPID_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    db = tmp_path / "ppid.sqlite"
    state: dict[str, Any] = {"step": "first-run", "seen": []}

    def tick() -> None:
        modal = QApplication.activeModalWidget()
        window = _window()
        step = state["step"]
        state["ticks"] = state.get("ticks", 0) + 1
        if state["ticks"] > 2400:  # two minutes: end the test instead of hanging it
            fb = getattr(modal, "feedback", None)
            state.setdefault("galat", f"macet pada langkah {step}: {modal!r} {fb.text() if fb else ''}")
            if modal is not None:
                modal.reject()
            elif window is not None:
                window.close()
            return
        if isinstance(modal, QMessageBox):
            state.setdefault("galat", modal.text())
            modal.reject()
        elif step == "first-run" and isinstance(modal, FirstRunDialog):
            modal.pemerintah.setText("Pemerintah Kota Salatiga")
            modal.perangkat.setText("Dinas Komunikasi dan Informatika")
            modal.alamat.setText("Jalan Letjen Sukowati 51")
            modal.kota.setText("Salatiga")
            modal.nama.setText("Sri Lestari")
            modal.password.setText("sandi-kantor-1")
            modal.password2.setText("sandi-kantor-1")
            modal.save_btn.click()
            state["step"] = "kunci"
        elif step == "kunci" and isinstance(modal, KunciPemulihanDialog):
            assert not modal.ok.isEnabled()  # not before the key is noted
            state["kode"] = modal.kode
            modal.sudah.setChecked(True)
            modal.ok.click()
            state["step"] = "signed-in"
        elif step == "signed-in" and modal is None and window is not None and window.ctx is not None:
            state["seen"].append(("first", window.ctx.services.store.kunci is not None))
            window.sign_out_requested.emit()
            state["step"] = "login-wrong"
        elif step == "login-wrong" and isinstance(modal, LoginDialog):
            assert modal.services is None  # encrypted: nothing opened before the password
            modal.username.setText("admin")
            modal.password.setText("salah-sekali")
            modal.ok.click()
            state["step"] = "wait-wrong"
        elif step == "wait-wrong" and isinstance(modal, LoginDialog) and not modal._busy:
            state["seen"].append(("wrong", modal.services is None and modal.actor is None))
            modal.password.setText("sandi-kantor-1")
            modal.ok.click()
            state["step"] = "signed-in-again"
        elif step == "signed-in-again" and modal is None and window is not None and window.ctx is not None:
            state["seen"].append(("again", window.ctx.actor.username, window.ctx.services.store.kunci is not None))
            window.close()
            state["step"] = "closed"

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(50)
    try:
        rc = app_module._interactive(QApplication.instance(), db, demo=False)
    finally:
        timer.stop()
        kunci_db.lupakan(db)
    assert "galat" not in state, state.get("galat")
    assert rc == 0 and state["step"] == "closed"
    assert ("first", True) in state["seen"] and ("wrong", True) in state["seen"]
    assert ("again", "admin", True) in state["seen"]
    assert kunci_db.terenkripsi(db) and len(state["kode"].split("-")) == 8
    assert b"Komunikasi" not in db.read_bytes()
