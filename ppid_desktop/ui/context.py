"""What every page receives: the services, the signed-in actor, the task runner, a status sink, and the
``changed(rooms)`` signal every page listens to so that a change made anywhere refreshes what shows it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, SignalInstance

from ppid_desktop.core.actor import Actor
from ppid_desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:  # the services pull in the database layer: not needed to paint the first window
    from ppid_desktop.services import Services


class Perubahan(QObject):
    """Carries ``changed(rooms)``: a frozenset of room names ("layanan", "monev", "naskah", "master", …)."""

    changed = Signal(frozenset)


@dataclass
class AppContext:
    services: Services
    actor: Actor
    tasks: TaskRunner
    _status: Callable[[str], None] = field(default=lambda _msg: None)
    demo: bool = False  # the demo database is open (the window shows a banner)
    bus: Perubahan = field(default_factory=Perubahan)

    def status(self, message: str) -> None:
        self._status(message)

    def can(self, permission: str) -> bool:
        from ppid_desktop.akun.roles import can

        return can(self.actor, permission)

    @property
    def changed(self) -> SignalInstance:
        """``ctx.changed.connect(slot)``; the slot receives the frozenset of rooms that changed."""
        return self.bus.changed

    def notify(self, rooms: Iterable[str]) -> None:
        """Tell every page that data of these rooms changed."""
        self.bus.changed.emit(frozenset(rooms))
