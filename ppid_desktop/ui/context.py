"""What every page receives: the services, the signed-in actor, the task runner, a status sink."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ppid_desktop.core.actor import Actor
from ppid_desktop.services import Services
from ppid_desktop.ui.tasks import TaskRunner


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
