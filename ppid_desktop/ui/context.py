"""What every page receives: the services, the signed-in actor, the task runner, a status sink."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ppid_desktop.core.actor import Actor
from ppid_desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:  # the services pull in the database layer: not needed to paint the first window
    from ppid_desktop.services import Services


@dataclass
class AppContext:
    services: Services
    actor: Actor
    tasks: TaskRunner
    _status: Callable[[str], None] = field(default=lambda _msg: None)

    def status(self, message: str) -> None:
        self._status(message)

    def can(self, permission: str) -> bool:
        from ppid_desktop.akun.roles import can

        return can(self.actor, permission)
