"""UI fixtures: an AppContext on a real database with a synchronous task runner, non-blocking messages."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.tasks import SyncTaskRunner
from ppid_desktop.ui.widgets import Messages


@pytest.fixture
def messages() -> Iterator[list[tuple[str, str, str]]]:
    """Every message box the code under test would have shown: (kind, title, text)."""
    shown: list[tuple[str, str, str]] = []
    Messages.sink = lambda kind, title, text: shown.append((kind, title, text))
    Messages.answer = True
    try:
        yield shown
    finally:
        Messages.sink = None


@pytest.fixture
def ctx(qtbot, profil, admin, messages) -> AppContext:  # type: ignore[no-untyped-def]
    return AppContext(services=profil, actor=admin, tasks=SyncTaskRunner())
