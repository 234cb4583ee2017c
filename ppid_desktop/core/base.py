"""The sync-ready base record every travelling table inherits.

Each record carries a UUID key, created/updated times and authors, the device that last changed
it, a revision counter and a tombstone (``deleted``) instead of hard deletes. The fields are
stamped by the unit of work (see ``core.db``), never by hand.

Storage (migration 0021, ``core.tipe``): ``created_at``/``updated_at`` are integers (microseconds since
1970 UTC, read back as aware UTC ``datetime`` like before) and ``device_id`` is a UUID's 16 bytes; Python code sees ``datetime``
and ``str`` as before. The record ``id`` stays text here (raw SQL across the rooms compares it); a
big table whose ids raw SQL never touches stores them as 16 bytes too (``layanan.models.RiwayatLayanan``).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlmodel import Field, SQLModel

from ppid_desktop.core.tipe import Uuid16, Waktu


def new_uuid() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(UTC)


class SyncRecord(SQLModel):
    """Mixin (not a table). Subclasses declare ``table=True``.

    ``__sensitive__`` names fields whose values are never written to the audit log.
    """

    __sensitive__: frozenset[str] = frozenset()

    id: str = Field(default_factory=new_uuid, primary_key=True, max_length=36)
    created_at: datetime = Field(default_factory=utcnow, sa_type=Waktu)
    updated_at: datetime = Field(default_factory=utcnow, index=True, sa_type=Waktu)
    created_by: str | None = Field(default=None, max_length=64)
    updated_by: str | None = Field(default=None, max_length=64)
    device_id: str | None = Field(default=None, max_length=64, sa_type=Uuid16(64))
    rev: int = Field(default=0)
    deleted: bool = Field(default=False, index=True)
