"""Append-only audit log: who did what, when, from which device.

Rows are written by the unit of work for every create/update/delete of a ``SyncRecord`` and by
services for reads and exports of personal data (``log_event``). Nothing updates or deletes them.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import event
from sqlmodel import Field, Session, SQLModel, select

from ppid_desktop.core.actor import Actor
from ppid_desktop.core.base import utcnow


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
