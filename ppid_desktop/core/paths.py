"""Where things live: the user data folder, the default database, and bundled resources.

Resources are located the same way from a source checkout, an installed wheel and a frozen
PyInstaller build (``sys._MEIPASS``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from ppid_desktop import APP_ID

DATA_DIR_ENV = "PPID_DATA_DIR"
DB_FILENAME = "ppid.sqlite"


def data_dir() -> Path:
    """The user data folder (created on demand). ``PPID_DATA_DIR`` overrides it."""
    override = os.environ.get(DATA_DIR_ENV)
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_ID, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
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
    path.mkdir(parents=True, exist_ok=True)
    return path
