"""The store: one SQLite file, its engine, migrations and units of work.

- Pragmas: WAL, ``synchronous=NORMAL``, ``foreign_keys=ON``, a busy timeout.
- ``Store.open`` refuses a file that is not an SQLite database, is read-only, or carries a schema
  revision newer than this app knows; it creates a new database (``create_all`` + ``stamp head``)
  or backs the file up and then upgrades an older one.
- ``store.session(actor)`` is one unit of work: commit on success, rollback on any error. Every
  ``SyncRecord`` added or changed in it is stamped (author, device, time, revision) and audited.
  Hard deletes of sync records are refused: set ``deleted = True`` (a tombstone).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
import stat
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import MetaData, event, insert, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlmodel import Session, create_engine

from ppid_desktop.core import paths
from ppid_desktop.core.actor import Actor, system_actor
from ppid_desktop.core.audit import AuditLog
from ppid_desktop.core.base import SyncRecord, new_uuid, utcnow
from ppid_desktop.core.errors import StorageError

if TYPE_CHECKING:
    from alembic.config import Config

SQLITE_MAGIC = b"SQLite format 3\x00"
_REV_RE = re.compile(r"^(down_revision|revision)\s*(?::[^=]*)?=\s*['\"]?([\w.-]*)['\"]?", re.MULTILINE)


def _set_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def storage_message(exc: BaseException, path: Path | None = None) -> str:
    """Turn an SQLite environment error into an Indonesian message."""
    text = str(exc).lower()
    where = f" ({path})" if path else ""
    if "disk is full" in text or "database or disk is full" in text:
        return f"Disk penuh: data tidak dapat disimpan{where}. Kosongkan ruang disk lalu coba lagi."
    if "readonly" in text or "read-only" in text:
        return f"Berkas database hanya dapat dibaca (read-only){where}. Periksa izin berkas atau folder."
    if "locked" in text or "busy" in text:
        return f"Database sedang dipakai proses lain{where}. Tutup aplikasi lain yang membukanya lalu coba lagi."
    if "not a database" in text or "malformed" in text or "file is encrypted" in text:
        return f"Berkas ini bukan database PPID Desktop atau rusak{where}."
    if "unable to open" in text:
        return f"Berkas database tidak dapat dibuka{where}. Periksa lokasi dan izin folder."
    return f"Kesalahan penyimpanan{where}: {exc}"


def alembic_config(url: str) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(paths.migrations_dir()))
    cfg.set_main_option("sqlalchemy.url", url)
    return cfg


def head_revision() -> str:
    """The newest schema revision, read from the migration scripts' ``revision``/``down_revision`` lines.

    Start-up uses this to skip loading Alembic when the database is already at head; anything unusual
    (several heads, unparsable scripts) falls back to Alembic itself.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (paths.migrations_dir() / "versions").glob("*.py"):
        found = dict(_REV_RE.findall(script.read_text(encoding="utf-8")))
        if found.get("revision"):
            revisions.add(found["revision"])
            if found.get("down_revision") and found["down_revision"] != "None":
                parents.add(found["down_revision"])
    heads = revisions - parents
    if len(heads) == 1:
        return heads.pop()
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None
    return head


class Store:
    """An open PPID database file."""

    def __init__(self, path: Path, engine: Engine, metadata: MetaData) -> None:
        self.path = path
        self.engine = engine
        self.metadata = metadata

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(cls, path: Path | str, metadata: MetaData, *, migrate: bool = True) -> Store:
        """Open (and by default create or upgrade) the database; ``metadata`` holds every table
        (``ppid_desktop.schema.metadata``: core does not know the rooms)."""
        path = Path(path).expanduser().resolve()
        _check_file(path)
        engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _set_pragmas)
        store = cls(path, engine, metadata)
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA schema_version").fetchone()
            if migrate:
                store.migrate()
                if not store.has_statistics():
                    store.analyze()  # a database from a release that never ran ANALYZE
        except (OperationalError, DatabaseError) as exc:
            engine.dispose()
            raise StorageError(storage_message(exc.orig or exc, path)) from exc
        except StorageError:
            engine.dispose()
            raise
        return store

    def close(self) -> None:
        """Close the pool; first ``PRAGMA optimize`` so the planner's statistics follow the data (SQLite's
        advice for every connection that is about to close)."""
        with contextlib.suppress(OperationalError, DatabaseError):
            self.optimize()
        self.engine.dispose()

    # -------------------------------------------------------------- statistics
    # SQLite's query planner needs ``sqlite_stat1`` to choose between indexes (without it the number
    # look-up walked a composite index of 1,000,000 rows). SQLite recommends ``PRAGMA optimize`` before a
    # connection closes and after large changes, with ``analysis_limit`` so an ANALYZE samples a bounded
    # number of rows per index (milliseconds even at a million rows); this SQLite (3.40) only re-analyses
    # in ``optimize`` the tables that connection used, so bulk writers call ``analyze()`` explicitly.
    ANALYSIS_LIMIT = 10000  # exact below 10,000 rows per index; ~0.2 s at a million requests

    def analyze(self) -> None:
        """Refresh the planner statistics of every table (after migrations, imports, demo data, a
        restored or synced database). Bounded by ``ANALYSIS_LIMIT`` rows per index."""
        with self.engine.connect() as conn:
            conn.exec_driver_sql(f"PRAGMA analysis_limit={self.ANALYSIS_LIMIT}")
            conn.exec_driver_sql("ANALYZE")
            conn.commit()

    def optimize(self) -> None:
        """``PRAGMA optimize``: re-analyse what SQLite thinks went stale; a no-op when nothing did. This
        SQLite only judges the tables the closing connection itself queried, so tables that got their
        first rows since the last analysis (answers typed in the field, a first import) are analysed here."""
        with self.engine.connect() as conn:
            conn.exec_driver_sql(f"PRAGMA analysis_limit={self.ANALYSIS_LIMIT}")
            has_stat = conn.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'").fetchone()
            known = {r[0] for r in conn.exec_driver_sql("SELECT DISTINCT tbl FROM sqlite_stat1")} if has_stat else set()
            tables = [r[0] for r in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND sql NOT LIKE 'CREATE VIRTUAL%'")]
            for name in tables:
                if name not in known and conn.exec_driver_sql(f'SELECT 1 FROM "{name}" LIMIT 1').fetchone():
                    conn.exec_driver_sql(f'ANALYZE "{name}"')
            conn.exec_driver_sql("PRAGMA optimize")
            conn.commit()

    def has_statistics(self) -> bool:
        with self.engine.connect() as conn:
            row = conn.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'").fetchone()
            if row is None:
                return False
            return conn.exec_driver_sql("SELECT 1 FROM sqlite_stat1 LIMIT 1").fetchone() is not None

    @contextlib.contextmanager
    def raw(self) -> Iterator[sqlite3.Connection]:
        """The pool's own sqlite3 connection (pragmas set) for read-only Core-free queries such as the
        registers; returned to the pool at the end. One per thread: never share it across threads."""
        with self.engine.connect() as conn:
            dbapi = conn.connection.driver_connection
            assert isinstance(dbapi, sqlite3.Connection)
            try:
                yield dbapi
            finally:
                conn.rollback()

    # -------------------------------------------------------------- migrations
    def current_revision(self) -> str | None:
        with self.engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").fetchone()
            return str(row[0]) if row else None

    def migrate(self) -> str:
        """Create or upgrade the schema; returns the revision now in force."""
        if self.current_revision() == head_revision():
            return head_revision()  # the common case: no need to load Alembic at all
        from alembic import command
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        cfg = alembic_config(f"sqlite:///{self.path}")
        script = ScriptDirectory.from_config(cfg)
        head = script.get_current_head()
        with self.engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
            has_tables = bool(inspect(conn).get_table_names())
        if current is None and not has_tables:
            self.metadata.create_all(self.engine)
            with self.engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.stamp(cfg, "head")
            self.analyze()
            return str(head)
        if current is None:
            raise StorageError(
                f"Berkas {self.path.name} berisi tabel yang tidak dikenal: bukan database PPID Desktop."
            )
        try:
            known = script.get_revision(current)
        except Exception:  # alembic raises several kinds for unknown ids
            known = None
        if known is None:
            raise StorageError(
                f"Database {self.path.name} dibuat oleh versi PPID Desktop yang lebih baru "
                f"(revisi skema {current}). Perbarui aplikasi untuk membukanya."
            )
        if current != head:
            self.backup_to(paths.backups_dir(self.path) / _backup_name(self.path, current))
            with self.engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
            self.analyze()
        return str(head)

    # ------------------------------------------------------------------ backup
    def backup_to(self, target: Path) -> Path:
        """A consistent snapshot through SQLite's online backup API."""
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        src = sqlite3.connect(self.path)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
            finally:
                dst.close()
        except sqlite3.Error as exc:
            tmp.unlink(missing_ok=True)
            raise StorageError(storage_message(exc, target)) from exc
        finally:
            src.close()
        os.replace(tmp, target)
        return target

    # --------------------------------------------------------- units of work
    @contextlib.contextmanager
    def session(self, actor: Actor | None = None) -> Iterator[Session]:
        """One unit of work. Commits on success, rolls back on any exception."""
        session = Session(self.engine, expire_on_commit=False)
        session.info["actor"] = actor or system_actor()
        try:
            yield session
            session.commit()
        except (OperationalError, DatabaseError) as exc:
            session.rollback()
            raise StorageError(storage_message(exc.orig or exc, self.path)) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session (rolled back at the end)."""
        session = Session(self.engine, expire_on_commit=False, autoflush=False)
        try:
            yield session
        finally:
            # close() (not rollback()) ends the transaction without expiring the loaded objects,
            # so callers get detached rows they can read.
            session.close()

    def integrity_check(self) -> list[str]:
        """``PRAGMA integrity_check`` and ``foreign_key_check``; an empty list means healthy."""
        problems: list[str] = []
        with self.engine.connect() as conn:
            rows = conn.exec_driver_sql("PRAGMA integrity_check").fetchall()
            problems += [str(r[0]) for r in rows if str(r[0]).lower() != "ok"]
            fk = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            problems += [f"foreign key: tabel {r[0]} baris {r[1]} -> {r[2]}" for r in fk]
        return problems


def _backup_name(path: Path, revision: str) -> str:
    return f"{path.stem}-sebelum-migrasi-{revision}-{datetime.now():%Y%m%d-%H%M%S}.sqlite"


def _check_file(path: Path) -> None:
    if path.exists():
        if path.is_dir():
            raise StorageError(f"{path} adalah folder, bukan berkas database.")
        if path.stat().st_size > 0:
            try:
                with path.open("rb") as fh:
                    magic = fh.read(16)
            except OSError as exc:
                raise StorageError(storage_message(exc, path)) from exc
            if magic != SQLITE_MAGIC:
                raise StorageError(f"Berkas {path.name} bukan database PPID Desktop (bukan berkas SQLite).")
        # The mode bits are checked too: root (and some network shares) ignore os.access.
        read_only = not (path.stat().st_mode & stat.S_IWUSR)
        if read_only or not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
            raise StorageError(
                f"Berkas database {path.name} hanya dapat dibaca (read-only). "
                "Salin ke folder yang dapat ditulis atau periksa izinnya."
            )
    else:
        if not path.parent.exists():
            try:
                path.parent.mkdir(parents=True)
            except OSError as exc:
                raise StorageError(storage_message(exc, path)) from exc
        if not os.access(path.parent, os.W_OK):
            raise StorageError(f"Folder {path.parent} tidak dapat ditulis: database tidak dapat dibuat.")


# ------------------------------------------------------------- stamping & audit
def _changes(obj: SyncRecord) -> dict[str, Any]:
    state = inspect(obj)
    out: dict[str, Any] = {}
    sensitive = type(obj).__sensitive__
    for attr in state.mapper.column_attrs:
        name = attr.key
        if name in {"updated_at", "updated_by", "rev", "device_id"}:
            continue
        hist = state.attrs[name].history
        if hist.has_changes():
            if name in sensitive:
                out[name] = "<disamarkan>"
            else:
                old = hist.deleted[0] if hist.deleted else None
                new = hist.added[0] if hist.added else None
                out[name] = [old, new]
    return out


def _before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    actor: Actor | None = session.info.get("actor")
    now = utcnow()
    for obj in list(session.deleted):
        if isinstance(obj, SyncRecord):
            raise RuntimeError(f"hard delete of {type(obj).__name__} refused: set deleted=True")
    for obj in list(session.new):
        if isinstance(obj, SyncRecord):
            if actor is None:
                raise RuntimeError("write outside a unit of work with an actor")
            if not obj.id:
                obj.id = new_uuid()
            obj.created_by = obj.created_by or actor.username
            obj.updated_by = actor.username
            obj.device_id = actor.device_id
            obj.created_at = obj.created_at or now
            obj.updated_at = now
            obj.rev = max(obj.rev or 0, 0) + 1
            session.add(
                AuditLog(
                    username=actor.username,
                    device_id=actor.device_id,
                    action="create",
                    entity=type(obj).__tablename__,  # type: ignore[arg-type]
                    entity_id=obj.id,
                    summary=_label(obj),
                )
            )
    for obj in list(session.dirty):
        if isinstance(obj, SyncRecord) and session.is_modified(obj, include_collections=False):
            if actor is None:
                raise RuntimeError("write outside a unit of work with an actor")
            changes = _changes(obj)
            if not changes:
                continue
            action = "delete" if changes.get("deleted") == [False, True] else "update"
            obj.updated_by = actor.username
            obj.device_id = actor.device_id
            obj.updated_at = now
            obj.rev = (obj.rev or 0) + 1
            session.add(
                AuditLog(
                    username=actor.username,
                    device_id=actor.device_id,
                    action=action,
                    entity=type(obj).__tablename__,  # type: ignore[arg-type]
                    entity_id=obj.id,
                    summary=_label(obj),
                    changes=json.dumps(changes, default=str, ensure_ascii=False),
                )
            )


def _label(obj: SyncRecord) -> str:
    for name in ("nomor", "nama", "kode", "judul", "hal", "username"):
        value = getattr(obj, name, None)
        if value:
            return str(value)[:200]
    return ""


event.listen(Session, "before_flush", _before_flush)


def bulk_insert(session: Session, model: type[SyncRecord], rows: Sequence[dict[str, Any]], summary: str) -> int:
    """Fast path for imports, sync and demo data: Core ``insert()`` executemany.

    Stamps the sync fields like the unit of work does and writes one audit row for the batch.
    """
    if not rows:
        return 0
    actor: Actor = session.info.get("actor") or system_actor()
    now = utcnow()
    stamped = []
    for row in rows:
        item = dict(row)
        item.setdefault("id", new_uuid())
        item.setdefault("created_at", now)
        item.setdefault("updated_at", now)
        item.setdefault("created_by", actor.username)
        item.setdefault("updated_by", actor.username)
        item.setdefault("device_id", actor.device_id)
        item.setdefault("rev", 1)
        item.setdefault("deleted", False)
        stamped.append(item)
    session.execute(insert(model.__table__), stamped)  # type: ignore[attr-defined]
    session.add(
        AuditLog(
            username=actor.username,
            device_id=actor.device_id,
            action="bulk_create",
            entity=model.__tablename__,  # type: ignore[arg-type]
            summary=f"{summary}: {len(stamped)} baris",
        )
    )
    return len(stamped)
