"""One way to run a change from a screen (issue #8): ``operasi(ctx, fn, rooms=...)``.

The service call runs on the task runner (never on the GUI thread); a ``UserError`` is shown in one place —
the dialog's ``FormFeedback`` (marking the offending fields) when one is given, a message box otherwise; on
success ``ctx.changed`` is emitted with the rooms the call touched, so every page that shows them refreshes,
then ``on_done(result)`` runs. Bugs (anything that is not a ``UserError``) are shown as unexpected errors
and printed with their traceback by the task runner.

    operasi(self.ctx, lambda: svc.simpan(actor, data), rooms={"layanan"}, title="Menyimpan…",
            parent=self, feedback=self.feedback, fields=self.widgets, on_done=lambda _r: self.accept())
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtWidgets import QWidget

from ppid_desktop.core.errors import UserError
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.tasks import Task
from ppid_desktop.ui.widgets import FormFeedback, show_error


def tampilkan_galat(exc: BaseException, parent: QWidget | None = None, feedback: FormFeedback | None = None,
                    fields: dict[str, QWidget] | None = None) -> None:
    """The one place a failed operation is shown."""
    if feedback is not None and isinstance(exc, UserError):
        feedback.show_exception(exc, fields)
    else:
        show_error(parent, exc)


def operasi(ctx: AppContext, fn: Callable[..., Any], *, rooms: Iterable[str], title: str = "Menyimpan…",
            parent: QWidget | None = None, feedback: FormFeedback | None = None,
            fields: dict[str, QWidget] | None = None, on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None, progres: bool = False) -> Task:
    """``progres=True``: ``fn`` takes the task's ``Progress`` (long work: an import) and the user may cancel."""
    rooms = frozenset(rooms)
    if feedback is not None:
        feedback.clear_problems()

    def done(result: Any) -> None:
        ctx.notify(rooms)
        if on_done is not None:
            on_done(result)

    def failed(exc: BaseException) -> None:
        tampilkan_galat(exc, parent, feedback, fields)
        if on_error is not None:
            on_error(exc)

    if progres:
        return ctx.tasks.run(fn, title=title, on_done=done, on_error=failed, parent=parent, cancellable=True)
    return ctx.tasks.run(lambda _progress: fn(), title=title, on_done=done, on_error=failed, parent=parent,
                         cancellable=False)
