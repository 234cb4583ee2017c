"""Shared fixtures: offscreen Qt, a private data folder, one real SQLite file per test.

The file is a copy of one migrated template built once per session (per xdist worker, whose
``tmp_path_factory`` is its own): copying takes ≈0.01 s where creating and stamping takes ≈0.14 s.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ppid_desktop.master.masukan import IsianProfil

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PPID_DATA_DIR", tempfile.mkdtemp(prefix="ppid-test-data-"))
# The CLI signs in (``ppid init``/``demo`` create this first Admin on a database without accounts).
os.environ.setdefault("PPID_PENGGUNA", "admin")
os.environ.setdefault("PPID_KATA_SANDI", "rahasia123")

import pytest  # noqa: E402

from ppid_desktop.akun import roles as R  # noqa: E402
from ppid_desktop.core.actor import Actor  # noqa: E402
from ppid_desktop.core.device import Device  # noqa: E402
from ppid_desktop.services import Services  # noqa: E402

TEST_DEVICE = Device(id="perangkat-uji", name="Laptop Uji")


# Files that hold one long test (a hypothesis state machine, the PyInstaller build, the screen check): under
# xdist (``./dev test`` runs ``-n auto --dist loadfile --no-loadscope-reorder``) they are handed out first, so
# no worker is left alone with one of them at the end of the run. Serial runs keep pytest's own order.
FIRST_UNDER_XDIST = (
    "tests/unit/sinkron/test_konvergensi.py",
    "tests/e2e/test_frozen_build.py",
    "tests/ui/test_tangkap.py",
    "tests/e2e/test_sinkron_cli.py",
)


def _distributing(config: pytest.Config) -> bool:
    """True in the xdist controller, which runs no test itself and starts the workers."""
    return (not hasattr(config, "workerinput") and config.getoption("dist", "no") != "no"
            and bool(config.getoption("tx", None)) and not config.getoption("collectonly", False))


def pytest_configure(config: pytest.Config) -> None:
    # ``./dev test`` measures the pytest processes (the xdist workers too) through coverage's
    # ``patch = ["subprocess"]``, which hands its settings on in COVERAGE_PROCESS_CONFIG. The process that
    # runs the tests drops it, so the ``ppid`` processes the tests start stay unmeasured (and as fast) as
    # they were before the suite ran in parallel; only the controller keeps it for its workers.
    if not _distributing(config):
        os.environ.pop("COVERAGE_PROCESS_CONFIG", None)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not hasattr(config, "workerinput"):
        return
    rank = {name: i for i, name in enumerate(FIRST_UNDER_XDIST)}
    # sort is stable: every other file keeps its place, after the long ones.
    items.sort(key=lambda item: rank.get(item.nodeid.split("::", 1)[0], len(rank)))


SANDI_LAPTOP = "rahasia123"  # the password of the account ``laptop_terenkripsi``'s CLI signs in with


@pytest.fixture
def laptop_terenkripsi(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An office laptop as the CLI sees it (``tmp_path``): its data folder, the account ``admin`` /
    ``SANDI_LAPTOP`` the CLI signs in with, no recovery key in the environment, this process's key caches
    empty; the databases' unwrapped keys are forgotten afterwards."""
    from ppid_desktop.core import crypto, kunci_db

    monkeypatch.setenv("PPID_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PPID_PENGGUNA", "admin")
    monkeypatch.setenv("PPID_KATA_SANDI", SANDI_LAPTOP)
    monkeypatch.delenv("PPID_KUNCI_PEMULIHAN", raising=False)
    crypto._cache.clear()
    crypto._ring_cache.clear()
    yield tmp_path
    for db in tmp_path.rglob("*.sqlite"):
        kunci_db.lupakan(db)


def init_cli(db: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> dict[str, Any]:
    """``ppid --db DB init --json [extra]`` in this process (the CLI's own path: a new database is born
    encrypted unless ``--tanpa-enkripsi``); returns its JSON."""
    import json

    from ppid_desktop import cli

    assert cli.main(["--db", str(db), "init", "--json", *extra]) == 0
    out: dict[str, Any] = json.loads(capsys.readouterr().out)
    return out


def cli_admin(db: Path) -> None:
    """Create the account the CLI signs in as (``PPID_PENGGUNA``/``PPID_KATA_SANDI``) if ``db`` has none."""
    svc = Services.open(db, device=TEST_DEVICE)
    try:
        if not svc.akun.has_users():
            svc.akun.create_user(None, os.environ["PPID_PENGGUNA"], "Administrator", os.environ["PPID_KATA_SANDI"],
                                 [R.ADMIN])
    finally:
        svc.close()


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database at the newest revision, with what ``Services`` writes on first open, checkpointed
    into its main file (no -wal/-shm to copy)."""
    path = tmp_path_factory.mktemp("templat") / "templat.sqlite"
    Services.open(path, device=TEST_DEVICE).close()
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    return path


def copy_template(template: Path, target: Path) -> Path:
    """A fresh, migrated database at ``target`` (a copy of the session's template)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, target)
    return target


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "ppid.sqlite"


@pytest.fixture
def services(db_path: Path, template_db: Path) -> Iterator[Services]:
    """Services on a fresh, migrated database file (copied from the template)."""
    copy_template(template_db, db_path)
    svc = Services.open(db_path, device=TEST_DEVICE)
    try:
        yield svc
    finally:
        svc.close()


def make_actor(*roles: str, username: str = "uji") -> Actor:
    return Actor(username=username, device_id=TEST_DEVICE.id, device_name=TEST_DEVICE.name,
                 roles=frozenset(roles), nama=username.title())


@pytest.fixture
def admin() -> Actor:
    return make_actor(R.ADMIN, username="admin")


@pytest.fixture
def profil(services: Services, admin: Actor) -> Services:
    """Services with a filled office profile (Kota Salatiga, F4)."""
    services.master.simpan_profil(admin, IsianProfil.dari({
        "pemerintah": "PEMERINTAH KOTA SALATIGA", "perangkat_daerah": "DINAS KOMUNIKASI DAN INFORMATIKA",
        "alamat": "Jalan Letjen Sukowati Nomor 51", "kota": "Salatiga", "kertas": "F4", "font": "Arial",
        "telepon": "(0298) 326767", "email": "ppid@salatiga.go.id", "website": "ppid.salatiga.go.id",
        "kode_unit": "DISKOMINFO",
    }))
    return services
