"""The one dialog base (issue #8): ``DialogDasar`` needs no ``AppContext``, runs its call off the GUI thread
and shows a ``UserError`` in its feedback box; no screen in ``ui/`` catches ``UserError`` itself."""

from __future__ import annotations

import re
import threading
from pathlib import Path

from PySide6.QtWidgets import QLineEdit

import ppid_desktop.ui
from ppid_desktop.core.errors import ValidationError
from ppid_desktop.ui.dialog import DialogDasar


class _Uji(DialogDasar):
    def __init__(self) -> None:
        super().__init__("Uji")
        self.nama = self.baris("nama", "Nama", QLineEdit())
        self.thread: threading.Thread | None = None

    def kirim(self):  # type: ignore[no-untyped-def]
        nama = self.nama.text()

        def call() -> str:
            self.thread = threading.current_thread()
            if not nama:
                raise ValidationError({"nama": "Nama wajib diisi."})
            return nama.upper()

        return call


def test_context_free_base_runs_off_the_gui_thread_and_shows_user_errors(qtbot) -> None:  # type: ignore[no-untyped-def]
    dlg = _Uji()
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.simpan_btn.click()
    qtbot.waitUntil(lambda: "Nama wajib diisi" in dlg.feedback.text() and not dlg.sibuk)
    assert dlg.nama.property("invalid") is True and dlg.simpan_btn.isEnabled() and dlg.isVisible()
    assert dlg.thread is not None and dlg.thread is not threading.main_thread()
    dlg.nama.setText("salatiga")
    with qtbot.waitSignal(dlg.accepted, timeout=10000):
        dlg.simpan_btn.click()
    assert dlg.hasil == "SALATIGA"


def test_no_screen_catches_user_error_itself() -> None:
    root = Path(ppid_desktop.ui.__file__).parent
    pola = re.compile(r"^\s*except\b[^:]*\bUserError\b")
    hits = [f"{p.relative_to(root)}:{n}" for p in sorted(root.rglob("*.py"))
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if pola.search(line)]
    assert hits == []


def test_date_fields_take_the_services_clock_not_the_system_clock() -> None:
    import inspect

    from ppid_desktop.ui.widgets import make_date_edit

    root = Path(ppid_desktop.ui.__file__).parent
    assert [str(p) for p in root.rglob("*.py") if "SYSTEM_CLOCK" in p.read_text(encoding="utf-8")] == []
    assert inspect.signature(make_date_edit).parameters["value"].default is inspect.Parameter.empty


def test_program_dialog_dates_follow_the_services_clock(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from ppid_desktop.core.clock import FixedClock
    from ppid_desktop.ui.monev.page import ProgramBaruDialog

    ctx.services.clock = FixedClock(date(2024, 2, 29))
    dlg = ProgramBaruDialog(ctx)
    qtbot.addWidget(dlg)
    assert dlg.tgl_mulai.date().toPython() == date(2024, 2, 29)
    assert dlg.tgl_selesai.date().toPython() == date(2024, 2, 29)


def test_no_ui_module_is_above_800_lines() -> None:
    root = Path(ppid_desktop.ui.__file__).parent
    besar = {str(p.relative_to(root)): n for p in root.rglob("*.py")
             if (n := len(p.read_text(encoding="utf-8").splitlines())) > 800}
    assert besar == {}
