"""The one clock every service reads "today" and "now" from (injected by ``Services``; tests fix it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol


class Clock(Protocol):
    def today(self) -> date: ...

    def now(self) -> datetime: ...


class SystemClock:
    """The machine's local clock."""

    def today(self) -> date:
        return date.today()

    def now(self) -> datetime:
        return datetime.now()


@dataclass
class FixedClock:
    """A clock that says what it is told (tests, demo data for a given day). ``now`` is midnight of ``hari``
    unless ``saat`` is given."""

    hari: date
    saat: datetime | None = None

    def today(self) -> date:
        return self.hari

    def now(self) -> datetime:
        return self.saat or datetime(self.hari.year, self.hari.month, self.hari.day)


SYSTEM_CLOCK: Clock = SystemClock()
