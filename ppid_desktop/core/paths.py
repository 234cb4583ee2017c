"""Where things live: the user data folder, the default database, and bundled resources.

Resources are located the same way from a source checkout, an installed wheel and a frozen
PyInstaller build (``sys._MEIPASS``).

Private by default: the data folder is 0700 and the app creates files 0600 (``private_umask``,
``make_private``). Work in progress lives beside its target under names that carry the writer's pid
(``partial``: ``<name>.<pid>.sebagian``; ``temp_dir``: ``.ppid-sementara-<pid>-…``) so the next start
removes what a killed run left behind (``clean_leftovers``) without touching a live writer's files.
``KunciBerkas`` is the advisory lock that says "this database is open" (shared) or "being restored"
(exclusive).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import IO

import platformdirs

from ppid_desktop import APP_ID

DATA_DIR_ENV = "PPID_DATA_DIR"
DB_FILENAME = "ppid.sqlite"


def data_dir() -> Path:
    """The user data folder (created on demand). ``PPID_DATA_DIR`` overrides it."""
    override = os.environ.get(DATA_DIR_ENV)
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_ID, appauthor=False))
    if not path.is_dir():
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    _chmod_own(path, 0o700)
    return path


def default_db_path() -> Path:
    return data_dir() / DB_FILENAME


def _bundle_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    # Source checkout or editable install: the repo root is two levels above this file.
    here = Path(__file__).resolve().parent.parent.parent
    if (here / "resources").is_dir():
        return here
    # Installed wheel: resources are shipped as package data next to the package.
    return Path(__file__).resolve().parent.parent / "_bundle"


def resources_dir() -> Path:
    return _bundle_root() / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def migrations_dir() -> Path:
    return _bundle_root() / "db"


def attachments_dir(db_path: Path) -> Path:
    """Attachments (evidence, scans) live next to the database, by content hash."""
    path = db_path.parent / f"{db_path.stem}-lampiran"
    path.mkdir(parents=True, exist_ok=True)
    return path


def backups_dir(db_path: Path) -> Path:
    path = db_path.parent / "cadangan"
    if not path.is_dir():
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


# ------------------------------------------------------------------ private files
def _chmod_own(path: Path, mode: int) -> None:
    """chmod a file or folder this user owns (never someone else's, e.g. a shared folder)."""
    with contextlib.suppress(OSError, AttributeError):
        if path.stat().st_uid == os.getuid():
            path.chmod(mode)


def private_umask() -> None:
    """New files 0600 and folders 0700 for the rest of this process (database, WAL, backups, exports)."""
    if os.name == "posix":
        os.umask(0o077)


def make_private(path: Path) -> None:
    """Mode 0600 on a database file and its ``-wal``/``-shm`` companions."""
    if os.name != "posix":
        return
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if p.exists():
            _chmod_own(p, 0o600)


# ------------------------------------------------------------------ work in progress
PARTIAL_RE = re.compile(r"\.(\d+)\.sebagian$")
TEMP_PREFIX = ".ppid-sementara-"
JOURNAL = "sebagian.txt"


def fsync_folder(folder: Path) -> None:
    """Make a rename inside ``folder`` durable (POSIX: sync the directory; a no-op elsewhere)."""
    if os.name == "posix":
        with contextlib.suppress(OSError):
            fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


def partial(path: Path) -> Path:
    """Where to write ``path`` before renaming it into place: ``<name>.<pid>.sebagian`` beside it."""
    return path.with_name(f"{path.name}.{os.getpid()}.sebagian")


def temp_dir(parent: Path) -> Path:
    """A private work folder beside ``parent``'s contents, named after this process."""
    parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", dir=parent))


def note_partial(work: Path, path: Path) -> None:
    """Record in ``work`` (a ``temp_dir``) a partial file written elsewhere, so a later start can
    remove it if this process is killed."""
    with open(work / JOURNAL, "a", encoding="utf-8") as fh:
        fh.write(f"{path}\n")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def clean_leftovers(folder: Path) -> list[Path]:
    """Remove partial files and work folders in ``folder`` whose writer process is gone."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        pid: int | None = None
        if name.startswith(TEMP_PREFIX) and entry.is_dir():
            head = name[len(TEMP_PREFIX):].split("-", 1)[0]
            pid = int(head) if head.isdigit() else None
            if pid is not None and not _alive(pid):
                with contextlib.suppress(OSError):
                    for line in (entry / JOURNAL).read_text(encoding="utf-8").splitlines():
                        other = Path(line.strip())
                        if PARTIAL_RE.search(other.name):
                            with contextlib.suppress(OSError):
                                other.unlink()
                                removed.append(other)
                shutil.rmtree(entry, ignore_errors=True)
                removed.append(entry)
        elif m := PARTIAL_RE.search(name):
            if not _alive(int(m.group(1))):
                with contextlib.suppress(OSError):
                    entry.unlink()
                    removed.append(entry)
        elif name.endswith((".sebagian", ".sqlite.tmp")) and entry.is_file():
            with contextlib.suppress(OSError):  # written by a release before pids were in the names
                entry.unlink()
                removed.append(entry)
    return removed


class KunciBerkas:
    """The advisory lock ``<db>-kunci``: shared while a process has the database open, exclusive
    while a restore swaps it. ``portalocker`` (``flock`` on POSIX, ``LockFileEx`` on Windows), so the
    Windows laptops of the offices get the same guarantee."""

    def __init__(self, db_path: Path) -> None:
        self.path = Path(f"{db_path}-kunci")
        self._fh: IO[bytes] | None = None

    def _take(self, exclusive: bool) -> bool:
        import portalocker

        self.lepas()
        try:
            fh = open(self.path, "a+b")  # noqa: SIM115 - held until lepas()
        except OSError:
            return True  # a read-only folder: nothing else can restore into it either
        flags = (portalocker.LOCK_EX if exclusive else portalocker.LOCK_SH) | portalocker.LOCK_NB
        try:
            portalocker.lock(fh, flags)
        except (portalocker.exceptions.BaseLockException, OSError):
            fh.close()
            return False
        self._fh = fh
        return True

    def bersama(self) -> bool:
        """Take the shared lock (False when a restore holds it exclusively)."""
        return self._take(False)

    def eksklusif(self) -> bool:
        """Take the exclusive lock (False when any process has the database open)."""
        return self._take(True)

    def lepas(self) -> None:
        if self._fh is not None:
            import portalocker

            with contextlib.suppress(OSError, portalocker.exceptions.BaseLockException):
                portalocker.unlock(self._fh)
            with contextlib.suppress(OSError):
                self._fh.close()
            self._fh = None
