"""Error classes.

``UserError`` carries a message in Indonesian that the UI and CLI show as is: an environment or
input problem the user can act on (disk full, file locked, bad NIP…). Anything else is a bug and
fails loudly (qutebrowser's KnownError/BugError split).
"""

from __future__ import annotations

from dataclasses import dataclass


class UserError(Exception):
    """A problem the user can fix; ``str(err)`` is the Indonesian message."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class ValidationError(UserError):
    """One or more field problems; ``problems`` maps field name to message."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = dict(problems)
        text = "; ".join(f"{msg}" for msg in self.problems.values())
        super().__init__(text, field=next(iter(self.problems), None))


class StorageError(UserError):
    """The database file cannot be used (not a database, read-only, newer schema, disk full)."""


class PermissionDenied(UserError):
    """The signed-in user's role does not allow this action."""


class Cancelled(Exception):
    """Long work stopped on the user's request; nothing was written."""


@dataclass
class Problem:
    """One problem found in an input file (sheet, row, column as the user sees them)."""

    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    severity: str = "error"  # "error" | "warning"

    def where(self) -> str:
        parts = []
        if self.sheet:
            parts.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            parts.append(f"baris {self.row}")
        if self.column:
            parts.append(f"kolom {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.where()
        val = f" (nilai: {self.value!r})" if self.value not in (None, "") else ""
        return f"{where}: {self.message}{val}" if where else f"{self.message}{val}"
