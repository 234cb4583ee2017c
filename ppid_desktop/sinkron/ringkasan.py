"""Beranda's count of open sync conflicts (plain DB-API SQL, shared by the light start path and
``SinkronService.jumlah_konflik``)."""

from __future__ import annotations

from typing import Any


def jumlah_konflik(conn: Any) -> int:
    """Conflicts a merge left for a person to decide."""
    row = conn.execute("SELECT count(*) FROM sinkron_konflik WHERE deleted = 0 AND selesai = 0").fetchone()
    return int(row[0]) if row else 0
