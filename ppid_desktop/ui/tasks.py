"""Background work with progress and Cancel, through one small API.

``runner.run(fn, title=..., on_done=...)``: ``fn(progress)`` runs on a ``QThreadPool`` worker and
never touches widgets; the result (or the error) comes back to the GUI thread by signal. A modal
progress dialog with "Batal" appears only if the work takes longer than ~600 ms (Anki's rule).
``SyncTaskRunner`` runs inline for tests.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from ppid_desktop.core.errors import Cancelled, UserError
from ppid_desktop.core.progress import Progress

SHOW_AFTER_MS = 600


class _Signals(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object, str)
    cancelled = Signal()


class _Job(QRunnable):
    def __init__(self, fn: Callable[[Progress], Any], signals: _Signals, progress: Progress) -> None:
        super().__init__()
        self.fn, self.signals, self.progress = fn, signals, progress
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn(self.progress)
        except Cancelled:
            self.signals.cancelled.emit()
        except BaseException as exc:  # noqa: BLE001 - forwarded to the GUI thread
            self.signals.failed.emit(exc, traceback.format_exc())
        else:
            self.signals.finished.emit(result)


class Task(QObject):
    """One running job; keeps its dialog and signals alive until it ends."""

    done = Signal(object)
    error = Signal(object)
    ended = Signal()

    def __init__(self, parent: QWidget | None, title: str, cancellable: bool) -> None:
        super().__init__(parent)
        self._parent = parent
        self.title = title
        self.cancellable = cancellable
        self.signals = _Signals()
        self.progress = Progress(self.signals.progressed.emit)
        self.dialog: QProgressDialog | None = None
        self._last = (0, 0, title)
        self.signals.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self.signals.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self.signals.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        self.signals.cancelled.connect(self._on_cancelled, Qt.ConnectionType.QueuedConnection)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show_dialog)

    def start(self, fn: Callable[[Progress], Any], pool: QThreadPool, *, diam: bool = False) -> None:
        if not diam:
            self._timer.start(SHOW_AFTER_MS)
        pool.start(_Job(fn, self.signals, self.progress))

    @Slot()
    def _show_dialog(self) -> None:
        dlg = QProgressDialog(self._parent)
        dlg.setWindowTitle(self.title)
        dlg.setLabelText(self._last[2] or self.title)
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.setMinimumDuration(0)
        dlg.setAutoClose(False)
        dlg.setAutoReset(False)
        if self.cancellable:
            dlg.setCancelButtonText(self.tr("Batal"))
            dlg.canceled.connect(self.cancel)
        else:
            dlg.setCancelButton(None)
        done, total, _ = self._last
        dlg.setRange(0, max(total, 0))
        dlg.setValue(min(done, total) if total else 0)
        dlg.show()
        self.dialog = dlg

    @Slot()
    def cancel(self) -> None:
        self.progress.cancel()
        if self.dialog is not None:
            self.dialog.setLabelText(self.tr("Membatalkan…"))

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, message: str) -> None:
        self._last = (done, total, message or self._last[2])
        if self.dialog is not None:
            self.dialog.setRange(0, max(total, 0))
            if total:
                self.dialog.setValue(min(done, total))
            if message:
                self.dialog.setLabelText(message)

    def _close(self) -> None:
        self._timer.stop()
        if self.dialog is not None:
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None
        self.ended.emit()

    @Slot(object)
    def _on_finished(self, result: object) -> None:
        self._close()
        self.done.emit(result)

    @Slot(object, str)
    def _on_failed(self, exc: object, tb: str) -> None:
        self._close()
        if not isinstance(exc, UserError):
            print(tb)  # a bug: make it visible on the console and in logs
        self.error.emit(exc)

    @Slot()
    def _on_cancelled(self) -> None:
        self._close()


class TaskRunner(QObject):
    """Runs jobs off the GUI thread. Database writes are serialised on one worker."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # one writer: SQLite serialises writes anyway
        self._live: set[Task] = set()

    def run(
        self,
        fn: Callable[[Progress], Any],
        *,
        title: str,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        parent: QWidget | None = None,
        cancellable: bool = True,
        diam: bool = False,
    ) -> Task:
        """``diam``: no progress dialog however long it takes (work the user did not ask for, e.g. loading
        the services behind Beranda)."""
        task = Task(parent, title, cancellable)
        self._live.add(task)
        if on_done is not None:
            task.done.connect(on_done)
        task.error.connect(on_error or (lambda exc: _default_error(parent, exc)))
        task.ended.connect(lambda: self._live.discard(task))
        task.start(fn, self.pool, diam=diam)
        return task

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)


class SyncTaskRunner(TaskRunner):
    """Runs jobs inline on the calling thread (tests)."""

    def run(self, fn: Callable[[Progress], Any], *, title: str,
            on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None,
            parent: QWidget | None = None, cancellable: bool = True, diam: bool = False) -> Task:
        task = Task(parent, title, cancellable)
        try:
            result = fn(task.progress)
        except Cancelled:
            return task
        except BaseException as exc:  # noqa: BLE001
            if on_error is not None:
                on_error(exc)
            elif isinstance(exc, UserError):
                _default_error(parent, exc)
            else:
                raise
            return task
        if on_done is not None:
            on_done(result)
        return task


def _default_error(parent: QWidget | None, exc: BaseException) -> None:
    from ppid_desktop.ui.widgets import show_error

    show_error(parent, exc)
