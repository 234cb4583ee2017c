"""Append-only, hash-chained audit log: who did what, when, from which device and OS account.

Rows are written by the unit of work for every create/update/delete of a ``SyncRecord`` and by
services for reads and exports of personal data (``log_event``). Nothing updates or deletes them:
the ORM refuses it and so does the database (triggers).

**No personal data.** A change to a personal field (``SyncRecord.__sensitive__``: NIK, names,
addresses, phones, e-mails, proxy names…) is recorded as ``"diubah"``, never with its values, and a
record's summary never quotes a personal field.

**Hash chain.** The database itself chains every row, however it was inserted (ORM ``session.add``,
``bulk_insert``, Core ``insert()``): an ``AFTER INSERT`` trigger stores the previous row's hash in
``prev_hash`` and ``row_hash = sha256(canonical [prev_hash, id, at, username, os_user, device_id,
action, entity, entity_id, summary, changes])`` through the SQL function ``ppid_audit_hash`` that
``core.db`` registers on every connection. Never set ``prev_hash``/``row_hash`` yourself.
``verify_chain`` recomputes the chain and names the first broken link (``ppid check``,
``ppid audit periksa``).
"""

from __future__ import annotations

import getpass
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import DDL, event
from sqlmodel import Field, Session, SQLModel, select

from ppid_desktop.core.actor import Actor
from ppid_desktop.core.base import utcnow

MASKED = "diubah"


@cache
def os_user() -> str:
    """The operating-system account running this process (shown next to the app account)."""
    try:
        return getpass.getuser()[:64]
    except (OSError, KeyError, ImportError):
        return "?"


class AuditLog(SQLModel, table=True):
    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    username: str = Field(max_length=64)
    device_id: str = Field(max_length=64)
    action: str = Field(max_length=32)  # create, update, delete, view, export, print, login, import, ...
    entity: str = Field(max_length=64, index=True)
    entity_id: str | None = Field(default=None, max_length=64, index=True)
    summary: str = ""
    changes: str | None = None  # JSON
    os_user: str = Field(default_factory=os_user, max_length=64, sa_column_kwargs={"server_default": ""})
    prev_hash: str | None = Field(default=None, max_length=64)  # set by the database (trigger)
    row_hash: str | None = Field(default=None, max_length=64)  # set by the database (trigger)


# The columns the hash covers, in order (after prev_hash).
CHAINED = ("id", "at", "username", "os_user", "device_id", "action", "entity", "entity_id", "summary", "changes")


def chain_hash(prev: str | None, *values: Any) -> str:
    """sha256 over the canonical JSON of ``[prev, *values]`` (values as SQLite stores them)."""
    payload = json.dumps([prev or "", *values], ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def register_sql_functions(dbapi_conn: Any) -> None:
    """Make ``ppid_audit_hash`` available to the chain trigger on a raw sqlite3 connection."""
    dbapi_conn.create_function("ppid_audit_hash", 1 + len(CHAINED), chain_hash, deterministic=True)


_PREV = "COALESCE((SELECT row_hash FROM audit_log WHERE id < NEW.id ORDER BY id DESC LIMIT 1), '')"
# Kept in step with migration 0007 (which carries a frozen copy of these statements).
TRIGGERS: tuple[str, ...] = (
    "CREATE TRIGGER IF NOT EXISTS audit_log_rantai AFTER INSERT ON audit_log BEGIN "
    f"UPDATE audit_log SET prev_hash = {_PREV}, row_hash = ppid_audit_hash({_PREV}, "
    + ", ".join(f"NEW.{c}" for c in CHAINED) + ") WHERE id = NEW.id; END",
    # Content never changes; the chain columns are the trigger's to fill (a row copied from another
    # laptop may arrive with that laptop's hashes: they are recomputed here, and verify_chain checks them).
    "CREATE TRIGGER IF NOT EXISTS audit_log_tanpa_ubah BEFORE UPDATE OF "
    + ", ".join(CHAINED) + " ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log hanya boleh ditambah'); END",
    "CREATE TRIGGER IF NOT EXISTS audit_log_tanpa_hapus BEFORE DELETE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log hanya boleh ditambah'); END",
)
for _stmt in TRIGGERS:
    event.listen(AuditLog.__table__, "after_create", DDL(_stmt).execute_if(dialect="sqlite"))  # type: ignore[attr-defined,no-untyped-call]


@event.listens_for(AuditLog, "before_update")
def _refuse_update(*_: Any) -> None:
    raise RuntimeError("audit_log is append-only")


@event.listens_for(AuditLog, "before_delete")
def _refuse_delete(*_: Any) -> None:
    raise RuntimeError("audit_log is append-only")


def log_event(
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: str | None = None,
    summary: str = "",
    changes: dict[str, Any] | None = None,
) -> None:
    session.add(
        AuditLog(
            username=actor.username,
            device_id=actor.device_id,
            action=action,
            entity=entity,
            entity_id=entity_id,
            summary=summary,
            changes=json.dumps(changes, default=str, ensure_ascii=False) if changes else None,
        )
    )


def recent(session: Session, limit: int = 200, entity: str | None = None) -> list[AuditLog]:
    stmt = select(AuditLog).order_by(AuditLog.id.desc()).limit(limit)  # type: ignore[union-attr]
    if entity:
        stmt = stmt.where(AuditLog.entity == entity)
    return list(session.exec(stmt))


def between(session: Session, dari: datetime | None = None, sampai: datetime | None = None,
            limit: int | None = None) -> list[AuditLog]:
    """Rows with ``dari <= at < sampai`` (either bound optional), oldest first."""
    stmt = select(AuditLog).order_by(AuditLog.id)  # type: ignore[arg-type]
    if dari is not None:
        stmt = stmt.where(AuditLog.at >= dari)
    if sampai is not None:
        stmt = stmt.where(AuditLog.at < sampai)
    if limit is not None:
        stmt = stmt.limit(limit)
    return list(session.exec(stmt))


@dataclass(frozen=True)
class RantaiPutus:
    """The first broken link of the chain."""

    id: int
    at: str
    alasan: str

    def __str__(self) -> str:
        return f"rantai audit putus pada baris #{self.id} ({self.at}): {self.alasan}"


@dataclass(frozen=True)
class HasilRantai:
    baris: int
    putus: RantaiPutus | None

    @property
    def utuh(self) -> bool:
        return self.putus is None


def _rows(conn: Any) -> Iterator[tuple[Any, ...]]:
    cols = ", ".join(("prev_hash", "row_hash", *CHAINED))
    cur = conn.execute(f"SELECT {cols} FROM audit_log ORDER BY id")
    while batch := cur.fetchmany(2000):
        yield from batch


def verify_chain(conn: Any) -> HasilRantai:
    """Recompute the chain over every row (``conn``: a DB-API or SQLAlchemy connection)."""
    execute = getattr(conn, "exec_driver_sql", None)
    source = _rows(_Exec(execute) if execute else conn)
    prev = ""
    n = 0
    for row in source:
        prev_hash, row_hash, *values = row
        n += 1
        rid, at = values[0], str(values[1])
        if not row_hash:
            return HasilRantai(n, RantaiPutus(rid, at, "baris tanpa sidik (ditambahkan di luar aplikasi)"))
        if (prev_hash or "") != prev:
            return HasilRantai(n, RantaiPutus(rid, at, "baris sebelumnya hilang atau diubah"))
        if chain_hash(prev_hash, *values) != row_hash:
            return HasilRantai(n, RantaiPutus(rid, at, "isi baris ini diubah"))
        prev = row_hash
    return HasilRantai(n, None)


class _Exec:
    """Adapts a SQLAlchemy connection to the ``execute`` of DB-API for ``_rows``."""

    def __init__(self, execute: Any) -> None:
        self._execute = execute

    def execute(self, sql: str) -> Any:
        return self._execute(sql)
