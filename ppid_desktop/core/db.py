"""The store: one SQLite file, its engine, migrations and units of work.

- Pragmas: WAL, ``synchronous=NORMAL``, ``foreign_keys=ON``, a busy timeout (``BUSY_TIMEOUT_MS``).
- Transactions are ours, not pysqlite's: every connection runs with ``isolation_level=None`` and the
  engine's ``begin`` event emits the ``BEGIN``. A write unit of work (``store.session``) starts with
  ``BEGIN IMMEDIATE``, so writers are serialised from their first statement (a counter read inside it
  cannot race another process); ``store.read()`` starts a plain deferred ``BEGIN`` and never blocks
  writers (WAL). DDL runs inside the transaction too, so a migration is all or nothing.
- ``Store.open`` refuses a file that is not an SQLite database, is read-only, or carries a schema
  revision newer than this app knows; it creates a new database (``create_all`` + ``stamp head``)
  or backs the file up (timestamped copy, the last ``KEEP_MIGRATION_COPIES`` kept) and upgrades an
  older one in ONE transaction. It holds a shared lock on ``<db>.kunci`` while open (restore takes it
  exclusively) and removes leftovers of killed backups/restores beside the database.
- ``store.session(actor)`` is one unit of work: commit on success, rollback on any error. Every
  ``SyncRecord`` added or changed in it is stamped (author, device, time, revision) and audited;
  text columns are normalised and checked (``core.teks``). Hard deletes of sync records are refused:
  set ``deleted = True`` (a tombstone).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
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

from ppid_desktop.core import audit, crypto, kunci_db, paths, teks
from ppid_desktop.core.actor import Actor, system_actor
from ppid_desktop.core.audit import AuditLog
from ppid_desktop.core.base import SyncRecord, new_uuid, utcnow
from ppid_desktop.core.errors import StorageError

if TYPE_CHECKING:
    from alembic.config import Config

SQLITE_MAGIC = b"SQLite format 3\x00"


BUSY_TIMEOUT_MS = 15000
KEEP_MIGRATION_COPIES = 3


def _set_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # Take transaction control away from pysqlite (it would BEGIN only at the first DML and run DDL
    # outside any transaction); ``_begin`` below emits the BEGIN instead.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    if type(dbapi_conn).__module__.startswith("sqlite3"):  # SQLCipher sets its own (cipher_page_size, kunci_db)
        cur.execute("PRAGMA page_size=16384")  # a new file only (#15: ~2 % smaller than 4 KiB pages); else a no-op
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA secure_delete=ON")  # deleted/overwritten values are zeroed, not left in free pages
    cur.close()
    audit.register_sql_functions(dbapi_conn)


_SYNC_RE = re.compile(r"^\s*PRAGMA\s+synchronous\s*=\s*(FULL|2)\s*;?\s*$", re.IGNORECASE)


def _begin(conn: Any) -> None:
    """``BEGIN IMMEDIATE`` for write units of work (execution option ``ppid_tulis``), else ``BEGIN``.

    A write unit of work is durable: ``synchronous=FULL`` is set on its connection before the BEGIN
    (SQLite refuses to change it inside a transaction), so an acknowledged write survives a power cut.
    """
    if conn.get_execution_options().get("ppid_tulis"):
        info = conn.connection.info
        if info.get("ppid_sync") != "FULL":
            conn.connection.dbapi_connection.execute("PRAGMA synchronous=FULL")
            info["ppid_sync"] = "FULL"
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


def _sync_in_transaction(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any,
                         executemany: bool) -> tuple[str, Any]:
    """``PRAGMA synchronous=FULL`` inside a write unit of work (monev asks for it) is already in force:
    run it as the harmless query form instead of failing."""
    if statement.lstrip()[:6].upper() == "PRAGMA" and _SYNC_RE.match(statement) and conn.in_transaction():
        return "PRAGMA synchronous", ()
    return statement, parameters


def _on_connect_engine(engine: Engine) -> None:
    event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "begin", _begin)
    event.listen(engine, "before_cursor_execute", _sync_in_transaction, retval=True)


def storage_message(exc: BaseException, path: Path | None = None) -> str:
    """Turn an SQLite environment error into an Indonesian message."""
    text = str(exc).lower()
    where = f" ({path})" if path else ""
    if "disk is full" in text or "database or disk is full" in text:
        return f"Disk penuh: data tidak dapat disimpan{where}. Kosongkan ruang disk lalu coba lagi."
    if "readonly" in text or "read-only" in text:
        return f"Berkas database hanya dapat dibaca (read-only){where}. Periksa izin berkas atau folder."
    if "locked" in text or "busy" in text:
        return (f"Database sedang dipakai proses lain untuk menyimpan{where} dan tidak lepas dalam "
                f"{BUSY_TIMEOUT_MS // 1000} detik. Tunggu sebentar lalu coba lagi, atau tutup aplikasi lain "
                "yang sedang menyimpan ke database ini.")
    if "unique constraint failed" in text:
        return _unique_message(text)
    if "not a database" in text or "malformed" in text or "file is encrypted" in text:
        return f"Berkas ini bukan database PPID Desktop atau rusak{where}."
    if "unable to open" in text:
        return f"Berkas database tidak dapat dibuka{where}. Periksa lokasi dan izin folder."
    return f"Kesalahan penyimpanan{where}: {exc}"


_UNIQUE_WHAT = {
    "permohonan": "Nomor pendaftaran permohonan itu sudah dipakai pada tahun yang sama",
    "keberatan": "Nomor registrasi keberatan itu sudah dipakai pada tahun yang sama",
    "sengketa": "Nomor registrasi sengketa itu sudah dipakai pada tahun yang sama",
    "surat_keluar": "Nomor surat itu sudah dipakai pada tahun yang sama",
    "monev_jawaban": "Pertanyaan ini sudah punya jawaban di sesi tersebut",
    "monev_sesi": "Jadwal ini sudah punya sesi dengan revisi yang sama",
    "pengaturan_layanan": "Pengaturan dengan kunci itu sudah ada",
    "templat_nomor": "Templat nomor untuk jenis itu sudah ada",
    "kalender_tahun": "Tahun kalender itu sudah ada",
    "monev_instrumen": "Instrumen dengan kode dan versi itu sudah ada",
    "rekap_pemetaan": "Pemetaan kolom untuk tata letak itu sudah ada",
    "pengguna": "Nama pengguna itu sudah dipakai",
}


def _unique_message(text: str) -> str:
    table = ""
    if m := re.search(r"failed: ([a-z_]+)\.", text):
        table = m.group(1)
    elif m := re.search(r"index '(?:ux_)?([a-z_]+)'", text):
        table = max((t for t in _UNIQUE_WHAT if m.group(1).startswith(t)), key=len, default="")
    what = _UNIQUE_WHAT.get(table, "Data yang sama sudah tersimpan")
    return f"Data ganda ditolak: {what}. Tidak ada yang disimpan; muat ulang lalu coba lagi."


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
    from ppid_desktop.core.ringan import head_revisions  # the same scan the light start path uses

    heads = head_revisions()
    if len(heads) == 1:
        return heads.pop()
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None
    return head


class Store:
    """An open PPID database file."""

    def __init__(self, path: Path, engine: Engine, metadata: MetaData, kunci: bytes | None = None) -> None:
        self.path = path
        self.kunci = kunci  # the SQLCipher data key when the file is encrypted (core.kunci_db), else None
        self.engine = engine
        self.metadata = metadata
        # The same pool, but every transaction begun through it is BEGIN IMMEDIATE (see ``_begin``).
        self.writer = engine.execution_options(ppid_tulis=True)
        self._lock: paths.KunciBerkas | None = None

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(cls, path: Path | str, metadata: MetaData, *, migrate: bool = True, kunci: bytes | None = None) -> Store:
        """Open (and by default create or upgrade) the database; ``metadata`` holds every table
        (``ppid_desktop.schema.metadata``: core does not know the rooms).

        An encrypted file is opened with its data key (``kunci``, or the one unlocked in this process by
        ``kunci_db.buka``); a new file is created encrypted when a key is given or unlocked for it. A
        plaintext file opens as plaintext (``kunci_db.enkripsi`` converts it)."""
        paths.private_umask()
        path = Path(path).expanduser().resolve()
        if kunci is not None:
            kunci_db.daftarkan(path, kunci)
        key = kunci_db.kunci_untuk(path)
        _check_file(path, key)
        fresh = not path.exists() or path.stat().st_size == 0
        if key is not None and not fresh and kunci_db.polos(path):
            key = None  # a plaintext database: converted on an Admin's sign-in or by 'ppid enkripsi'

        lock = paths.KunciBerkas(path)
        if not lock.bersama():
            raise StorageError(
                f"Database {path.name} sedang dipulihkan dari cadangan oleh proses lain. "
                "Tunggu sampai pemulihan selesai lalu buka lagi."
            )
        paths.clean_leftovers(path.parent)
        paths.clean_leftovers(paths.backups_dir(path))
        if key is None:
            engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})
        else:
            engine = create_engine(f"sqlite:///{path}", module=kunci_db.modul_cipher(),
                                   creator=lambda: kunci_db.sambung(path, key, check_same_thread=False))
        _on_connect_engine(engine)
        event.listen(engine.pool, "checkout", lambda *_: crypto.aktifkan(path))  # the keyring this db uses
        store = cls(path, engine, metadata, key)
        store._lock = lock
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA schema_version").fetchone()
            if migrate:
                store.migrate()
                if not store.has_statistics():
                    store.analyze()  # a database from a release that never ran ANALYZE
            if key is not None:  # its own personal-data keyring, sealed beside it (never the folder's)
                kunci_db.pasang_ring(path, key)
            crypto.aktifkan(path, bawaan=True)
            paths.make_private(path)
        except (OperationalError, DatabaseError) as exc:
            store.close()
            raise StorageError(storage_message(exc.orig or exc, path)) from exc
        except BaseException:
            store.close()
            raise
        return store

    def close(self) -> None:
        """Close the pool; first ``PRAGMA optimize`` so the planner's statistics follow the data (SQLite's
        advice for every connection that is about to close)."""
        with contextlib.suppress(OperationalError, DatabaseError):
            self.optimize()
        self.engine.dispose()
        crypto.lepas(self.path)
        if self._lock is not None:
            self._lock.lepas()
            self._lock = None

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
        with self.writer.connect() as conn:  # it writes sqlite_stat1: a writer's BEGIN IMMEDIATE
            conn.exec_driver_sql(f"PRAGMA analysis_limit={self.ANALYSIS_LIMIT}")
            conn.exec_driver_sql("ANALYZE")
            conn.commit()

    def optimize(self) -> None:
        """``PRAGMA optimize``: re-analyse what SQLite thinks went stale; a no-op when nothing did. This
        SQLite only judges the tables the closing connection itself queried, so tables that got their
        first rows since the last analysis (answers typed in the field, a first import) are analysed here."""
        with self.writer.connect() as conn:
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
            dbapi: Any = conn.connection.driver_connection  # sqlite3, or sqlcipher3 (same API) when encrypted
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
        """Create or upgrade the schema in ONE transaction; returns the revision now in force.

        A crash (SIGKILL, power cut) at any point leaves the file at its old revision with every row:
        SQLite DDL is transactional and pysqlite no longer commits behind our back (``_set_pragmas``).
        """
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
            with self.writer.begin() as conn:
                self.metadata.create_all(conn)
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
            folder = paths.backups_dir(self.path)
            self.backup_to(unique_path(folder / _backup_name(self.path, current)), dengan_kunci=True)
            _prune(folder, f"{self.path.stem}-sebelum-migrasi-", KEEP_MIGRATION_COPIES)
            with self.writer.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
            self.analyze()
        return str(head)

    # ------------------------------------------------------------------ backup
    def backup_to(self, target: Path, *, dengan_kunci: bool = False) -> Path:
        """A consistent snapshot (WAL included) through SQLite's online backup API, mode 0600.

        Written to a temporary name beside ``target`` and renamed into place; never overwrites an
        existing file (``StorageError``). ``dengan_kunci`` (the safety copies kept in ``cadangan/``): an
        encrypted database's key file and sealed personal-data keyring are copied beside it first, so the
        copy opens where it lies, with the same passwords or recovery key (both files are encrypted)."""
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            raise StorageError(f"Salinan {target} sudah ada dan tidak akan ditimpa.")
        tmp = paths.partial(target)
        try:
            if dengan_kunci and self.kunci is not None:
                for berkas in (kunci_db.berkas_kunci, crypto.berkas_ring):
                    if berkas(self.path).exists():
                        shutil.copyfile(berkas(self.path), berkas(target))
                        paths.make_private(berkas(target))
            tmp.unlink(missing_ok=True)
            kunci_db.salin_db(self.path, tmp, self.kunci)  # encrypted with the same key as the source
            paths.make_private(tmp)
            os.replace(tmp, target)
        except (sqlite3.Error, kunci_db.modul_cipher().Error, OSError) as exc:
            tmp.unlink(missing_ok=True)
            raise StorageError(storage_message(exc, target)) from exc
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return target

    # --------------------------------------------------------- units of work
    @contextlib.contextmanager
    def session(self, actor: Actor | None = None, *, massal: bool = False) -> Iterator[Session]:
        """One unit of work. Commits on success, rolls back on any exception.

        ``massal``: a bulk load of new rows (``ppid demo`` of a large register). The unit of work runs on its
        own connection under the rollback journal instead of the WAL when no other connection, in this
        process or another, has the file open: the new pages are written once (not to the WAL and again at
        the checkpoint) and journal nothing, which made the commit of a million requests 6 s shorter. It is
        as atomic: a kill mid-load leaves a hot journal that the next connection rolls back before reading.
        The file returns to WAL at the end; when the switch is refused (the file is in use) the load simply
        runs in WAL."""
        crypto.aktifkan(self.path)
        conn = raw = None
        if massal:
            self.engine.dispose()  # idle pooled connections keep the WAL open and would refuse the switch
            conn = self.writer.connect()
            raw = conn.connection.dbapi_connection
            with contextlib.suppress(sqlite3.Error, kunci_db.modul_cipher().Error, AttributeError):
                raw.execute("PRAGMA journal_mode=DELETE").fetchall()  # type: ignore[union-attr]
        session = Session(conn if conn is not None else self.writer, expire_on_commit=False)
        session.info["actor"] = actor or system_actor()
        try:
            yield session
            session.commit()
            if session.info.pop("ppid_checkpoint", False):
                self.checkpoint()
        except (OperationalError, DatabaseError) as exc:
            session.rollback()
            raise StorageError(storage_message(exc.orig or exc, self.path)) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()
            if conn is not None:
                with contextlib.suppress(sqlite3.Error, kunci_db.modul_cipher().Error, AttributeError):
                    raw.execute("PRAGMA journal_mode=WAL").fetchall()  # type: ignore[union-attr]
                conn.close()

    def checkpoint(self) -> None:
        """Move the WAL into the main file and truncate it (after wiping personal data, so old page
        images with the wiped values do not linger in the ``-wal`` file)."""
        raw = self.engine.raw_connection()
        try:
            with contextlib.suppress(sqlite3.Error, kunci_db.modul_cipher().Error):
                raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()  # type: ignore[union-attr]
        finally:
            raw.close()

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session (rolled back at the end)."""
        crypto.aktifkan(self.path)
        session = Session(self.engine, expire_on_commit=False, autoflush=False)
        try:
            yield session
        finally:
            # close() (not rollback()) ends the transaction without expiring the loaded objects,
            # so callers get detached rows they can read.
            session.close()

    def integrity_check(self, *, audit_chain: bool = False) -> list[str]:
        """``PRAGMA integrity_check`` and ``foreign_key_check`` (and, asked, the audit hash chain); an
        empty list means healthy. A page too damaged to read is a finding, not a crash."""
        problems: list[str] = []
        try:
            with self.engine.connect() as conn:
                rows = conn.exec_driver_sql("PRAGMA integrity_check").fetchall()
                problems += [str(r[0]) for r in rows if str(r[0]).lower() != "ok"]
                fk = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                problems += [f"foreign key: tabel {r[0]} baris {r[1]} -> {r[2]}" for r in fk]
        except (OperationalError, DatabaseError) as exc:
            problems.append(f"database rusak, halaman tidak terbaca: {exc.orig or exc}")
            return problems
        if audit_chain:
            try:
                with self.engine.connect() as conn:
                    hasil = audit.verify_chain(conn)
            except (OperationalError, DatabaseError) as exc:
                problems.append(f"jejak audit tidak terbaca: {exc.orig or exc}")
            else:
                if hasil.putus is not None:
                    problems.append(str(hasil.putus))
        return problems


def _backup_name(path: Path, revision: str) -> str:
    return f"{path.stem}-sebelum-migrasi-{revision}-{datetime.now():%Y%m%d-%H%M%S-%f}.sqlite"


def unique_path(path: Path) -> Path:
    """``path``, or ``path`` with ``-2``, ``-3``… before the suffix when it exists (never overwrite)."""
    n = 1
    out = path
    while out.exists():
        n += 1
        out = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return out


def _prune(folder: Path, prefix: str, keep: int) -> None:
    """Keep the newest ``keep`` files named ``prefix*.sqlite`` in ``folder`` (by modification time), and the
    key files of only those (``<copy>.kunci``, ``<copy>.kunci-data``: see ``Store.backup_to``)."""
    copies = sorted(folder.glob(f"{prefix}*.sqlite"), key=lambda p: (p.stat().st_mtime, p.name))
    for old in copies[:-keep] if keep > 0 else copies:
        with contextlib.suppress(OSError):
            old.unlink()
    for sisa in folder.glob(f"{prefix}*.sqlite.kunci*"):  # of copies pruned now or before
        if not Path(str(sisa).split(".sqlite.kunci")[0] + ".sqlite").exists():
            sisa.unlink(missing_ok=True)


def _check_file(path: Path, key: bytes | None = None) -> None:
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
                if not kunci_db.berkas_kunci(path).exists():
                    raise StorageError(f"Berkas {path.name} bukan database PPID Desktop (bukan berkas SQLite).")
                if key is None:
                    raise StorageError(f"Database {path.name} terenkripsi: masuk dengan akun yang terdaftar "
                                       "(atau kunci pemulihan) untuk membukanya.")
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
                out[name] = audit.MASKED  # personal data: that it changed, never the values
            else:
                old = hist.deleted[0] if hist.deleted else None
                new = hist.added[0] if hist.added else None
                out[name] = [old, new]
    return out


def _hygiene(obj: Any, new: bool) -> None:
    """Normalise and check every str column of a new record (the changed ones of an edited record)."""
    state = inspect(obj)
    table = getattr(type(obj), "__tablename__", "")
    for attr in state.mapper.column_attrs:
        name = attr.key
        if not teks.perlu_periksa(name):
            continue
        if not new and not state.attrs[name].history.has_changes():
            continue
        value = getattr(obj, name, None)
        if not isinstance(value, str) or not value:
            continue
        label = name.replace("_", " ").capitalize()
        clean = teks.bersihkan(value, name, label)
        if name in teks.ANGKA_SAJA:
            teks.cek_angka(clean, name, label)
        if teks.NAMA_BERKAS_PRIBADI.get(table) == name:
            clean = teks.nama_berkas_aman(clean, str(getattr(obj, "jenis", "") or ""))
        if clean != value:
            setattr(obj, name, clean)
    name_col = teks.NAMA_BERKAS_PRIBADI.get(table)
    if name_col and getattr(obj, "deleted", False):  # a removed personal attachment keeps no name
        jenis = str(getattr(obj, "jenis", "") or "berkas")
        if getattr(obj, name_col) != f"{jenis} (dihapus)":
            setattr(obj, name_col, f"{jenis} (dihapus)")


def _before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    actor: Actor | None = session.info.get("actor")
    now = utcnow()
    for obj in list(session.new):
        if not isinstance(obj, AuditLog):
            _hygiene(obj, True)
        elif obj.action == "anonymize":
            session.info["ppid_checkpoint"] = True
    for obj in list(session.dirty):
        if not isinstance(obj, AuditLog) and session.is_modified(obj, include_collections=False):
            _hygiene(obj, False)
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
    sensitive = type(obj).__sensitive__
    for name in ("nomor", "nama", "kode", "judul", "hal", "username"):
        if name in sensitive:
            continue  # a summary never quotes a personal field
        value = getattr(obj, name, None)
        if value:
            return str(value)[:200]
    return ""


event.listen(Session, "before_flush", _before_flush)


# Hooks that give bulk rows without an id a deterministic one (the sync room registers the UUIDv5 of a
# natural key, as its ORM hook does for the unit of work): (session, table, rows) -> None, setting "id".
ID_MASSAL: list[Any] = []


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
        for key, value in item.items():
            if isinstance(value, str) and value and teks.perlu_periksa(key):
                item[key] = teks.bersihkan(value, key, key.replace("_", " ").capitalize())
                if key in teks.ANGKA_SAJA:
                    teks.cek_angka(item[key], key)
        item.setdefault("created_at", now)
        item.setdefault("updated_at", now)
        item.setdefault("created_by", actor.username)
        item.setdefault("updated_by", actor.username)
        item.setdefault("device_id", actor.device_id)
        item.setdefault("rev", 1)
        item.setdefault("deleted", False)
        stamped.append(item)
    for hook in ID_MASSAL:
        hook(session, str(model.__tablename__), [i for i in stamped if "id" not in i])
    for item in stamped:
        item.setdefault("id", new_uuid())
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
