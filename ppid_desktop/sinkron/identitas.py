"""Who this database is (replica id), its clock (HLC) and deterministic ids of natural things.

The replica id lives in the database (``sinkron_info``) together with a random marker that is also
kept in a small file beside the database and with the file's inode. A copied or restored database
disagrees with one of them and takes a new replica id, so two files never speak as one replica.

The hybrid logical clock is ``max(wall clock, last HLC)`` in milliseconds plus a logical counter: it
never goes backwards, moves past every clock it receives, and so orders writes for display and for
the provisional winner of a conflict even when a laptop's wall clock is wrong.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import time
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

NS = uuid.UUID("6f1d2a8e-5b0c-4c7e-9a55-70b1d0e5c3a1")  # namespace of PPID Desktop natural ids


def id_alami(tabel: str, *key: Any) -> str:
    """UUIDv5 of a natural key: the same thing gets the same id on every laptop."""
    return str(uuid.uuid5(NS, tabel + "\x1f" + "\x1f".join("" if k is None else str(k) for k in key)))


# ------------------------------------------------------------------ key/value
def get_info(conn: Connection, kunci: str, default: str = "") -> str:
    row = conn.execute(text("SELECT nilai FROM sinkron_info WHERE kunci = :k"), {"k": kunci}).first()
    return str(row[0]) if row else default


def set_info(conn: Connection, kunci: str, nilai: str) -> None:
    conn.execute(text("INSERT INTO sinkron_info (kunci, nilai) VALUES (:k, :v) "
                      "ON CONFLICT(kunci) DO UPDATE SET nilai = excluded.nilai"), {"k": kunci, "v": nilai})


def _sidecar(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".replika")


def pastikan_replika(conn: Connection, db_path: Path) -> str:
    """The replica id of this database file, re-keyed when the file is a copy (called at open)."""
    replika = get_info(conn, "replika")
    penanda = get_info(conn, "penanda")
    try:
        inode = str(os.stat(db_path).st_ino)
    except OSError:
        inode = ""
    side: dict[str, str] = {}
    try:
        side = json.loads(_sidecar(db_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        side = {}
    same = (replika and side.get("replika") == replika and side.get("penanda") == penanda
            and get_info(conn, "inode") == inode and get_info(conn, "lokasi") == str(db_path))
    if same:
        return replika
    if replika:
        lama = json.loads(get_info(conn, "replika_lama", "[]"))
        lama.append(replika)
        set_info(conn, "replika_lama", json.dumps(lama))
    replika = str(uuid.uuid4())
    penanda = secrets.token_hex(16)
    set_info(conn, "replika", replika)
    set_info(conn, "penanda", penanda)
    set_info(conn, "inode", inode)
    set_info(conn, "lokasi", str(db_path))
    # A read-only folder: the next open re-keys again, which is safe.
    with contextlib.suppress(OSError):
        _sidecar(db_path).write_text(json.dumps({"replika": replika, "penanda": penanda}), encoding="utf-8")
    return replika


# ------------------------------------------------------------------- the clock
def format_hlc(ms: int, logical: int) -> str:
    return f"{ms:014d}.{logical:05d}"


def parse_hlc(value: str) -> tuple[int, int]:
    try:
        a, b = value.split(".")
        return int(a), int(b)
    except (ValueError, AttributeError):
        return 0, 0


def tick(conn: Connection, received: str | None = None) -> str:
    """Advance this replica's HLC (past ``received`` when given) and return the new value."""
    last_ms, last_l = parse_hlc(get_info(conn, "hlc", format_hlc(0, 0)))
    wall = int(time.time() * 1000)
    r_ms, r_l = parse_hlc(received) if received else (0, 0)
    ms = max(wall, last_ms, r_ms)
    if ms == last_ms and ms == r_ms:
        logical = max(last_l, r_l) + 1
    elif ms == last_ms:
        logical = last_l + 1
    elif ms == r_ms:
        logical = r_l + 1
    else:
        logical = 0
    value = format_hlc(ms, logical)
    set_info(conn, "hlc", value)
    return value


def next_counter(conn: Connection, name: str = "counter") -> int:
    value = int(get_info(conn, name, "0")) + 1
    set_info(conn, name, str(value))
    return value
