"""Qt-free progress reporting and cancellation for long work.

Core functions that take a while accept a ``Progress`` and call ``step()``; the UI's task runner
passes one wired to its progress dialog, the CLI and tests pass ``Progress()`` (silent).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from ppid_desktop.core.errors import Cancelled


class Progress:
    def __init__(self, callback: Callable[[int, int, str], None] | None = None) -> None:
        self._callback = callback
        self._cancel = threading.Event()
        self.done = 0
        self.total = 0
        self.message = ""

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise ``Cancelled`` if cancellation was requested."""
        if self._cancel.is_set():
            raise Cancelled()

    def start(self, total: int, message: str = "") -> None:
        self.total, self.done, self.message = total, 0, message
        self._emit()

    def step(self, n: int = 1, message: str | None = None) -> None:
        self.done += n
        if message is not None:
            self.message = message
        self._emit()
        self.check()

    def _emit(self) -> None:
        if self._callback is not None:
            self._callback(self.done, self.total, self.message)
