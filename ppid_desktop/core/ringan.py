"""The light read path of the start (issue #15): one plain DB-API connection, no SQLAlchemy, no ORM.

The signed-in start reads little — the account being signed into and Beranda's counts — but the ORM
costs a second of imports and mapper set-up before its first query. ``buka(path)`` opens the database
the way ``Store.open`` would read it (the same key for an encrypted file, the shared ``<db>-kunci``
lock, a read-only connection) and answers only when the file needs nothing ``Store.open`` would do
first: it exists, is a PPID database at the schema head (``head_revision``) with planner statistics.
Anything else (a new, older, foreign, corrupt or locked file) gives ``None`` and the caller takes the
full path (``Services.open``), which migrates, reports or refuses with its own messages.

The rooms own their queries (``layanan.ringkasan``, ``naskah.ringkasan``, ``monev.ringkasan``,
``master.ringkasan``, ``sinkron.ringkasan``, ``akun.ringan``): each takes a DB-API connection, so the
services run the very same SQL through ``Store.raw()``. This module only holds the connection.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ppid_desktop.core import kunci_db, paths
from ppid_desktop.core.clock import SYSTEM_CLOCK, Clock
from ppid_desktop.core.device import Device, load_device

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 15000
#: The tables the light queries read (``akun.ringan`` and the rooms' ``ringkasan`` modules): a database
#: lacking one is not served here (the full path opens it and says what is wrong).
TABEL = ("pengguna", "pengaturan_akun", "profil_instansi", "perangkat_daerah", "kalender_tahun", "hari_libur",
         "permohonan", "keberatan", "pengiriman_laporan", "surat_keluar", "monev_program", "monev_jadwal",
         "sinkron_konflik")
_REV_RE = re.compile(r"^(down_revision|revision)\s*(?::[^=]*)?=\s*['\"]?([\w.-]*)['\"]?", re.MULTILINE)


def head_revisions() -> set[str]:
    """The heads of the migration scripts, read from their ``revision``/``down_revision`` lines (no Alembic)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (paths.migrations_dir() / "versions").glob("*.py"):
        found = dict(_REV_RE.findall(script.read_text(encoding="utf-8")))
        if found.get("revision"):
            revisions.add(found["revision"])
            if found.get("down_revision") and found["down_revision"] != "None":
                parents.add(found["down_revision"])
    return revisions - parents


@dataclass
class Ringan:
    """An open light connection. ``pakai()`` lends it to one thread at a time (the sign-in's and Beranda's
    workers, the GUI thread for the office name); ``tutup()`` closes it and drops the lock."""

    path: Path
    conn: Any  # sqlite3.Connection, or sqlcipher3's (same API) for an encrypted file
    device: Device
    clock: Clock = SYSTEM_CLOCK
    _lock: paths.KunciBerkas | None = None
    _guard: threading.Lock = field(default_factory=threading.Lock)

    @contextlib.contextmanager
    def pakai(self) -> Iterator[Any]:
        with self._guard:
            if self.conn is None:
                raise sqlite3.ProgrammingError("koneksi ringan sudah ditutup")
            try:
                yield self.conn
            finally:
                if self.conn.in_transaction:
                    self.conn.rollback()

    @property
    def terbuka(self) -> bool:
        return self.conn is not None

    def tutup(self) -> None:
        with self._guard:
            if self.conn is not None:
                with contextlib.suppress(Exception):
                    self.conn.close()
                self.conn = None
            if self._lock is not None:
                self._lock.lepas()
                self._lock = None


def buka(path: Path | str, device: Device | None = None, clock: Clock = SYSTEM_CLOCK) -> Ringan | None:
    """The light connection to ``path``, or ``None`` when the full path must open it (see the module doc)."""
    path = Path(path).expanduser().resolve()
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return None
        with path.open("rb") as fh:
            plain = fh.read(16) == SQLITE_MAGIC
    except OSError:
        return None
    key = kunci_db.kunci_untuk(path)
    if not plain and key is None:
        return None
    lock = paths.KunciBerkas(path)
    if not lock.bersama():
        return None  # a restore is swapping the file: the full path says so
    conn: Any = None
    try:
        conn = (sqlite3.connect(path, check_same_thread=False) if plain
                else kunci_db.sambung(path, key, check_same_thread=False))
        conn.isolation_level = None
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA query_only=ON")  # this path never writes: the services do, once loaded
        ready = _siap(conn)
    except Exception:  # noqa: BLE001 - sqlite3's or sqlcipher3's errors: the full path reports them
        ready = False
    except BaseException:
        _tutup(conn, lock)
        raise
    if not ready:
        _tutup(conn, lock)
        return None
    return Ringan(path, conn, device or load_device(), clock, lock)


def _tutup(conn: Any, lock: paths.KunciBerkas) -> None:
    if conn is not None:
        with contextlib.suppress(Exception):
            conn.close()
    lock.lepas()


def _siap(conn: Any) -> bool:
    """At the schema head (nothing to migrate) and with planner statistics (nothing to analyse)?"""
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {"alembic_version", "sqlite_stat1", *TABEL} <= names:
        return False
    rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    heads = head_revisions()
    if len(rows) != 1 or len(heads) != 1 or rows[0][0] not in heads:
        return False
    return conn.execute("SELECT 1 FROM sqlite_stat1 LIMIT 1").fetchone() is not None
