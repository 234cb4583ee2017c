"""Upgrades from every released schema in db/fixtures reach head and match the models."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel, select

import ppid_desktop.schema  # noqa: F401
from ppid_desktop.core import paths
from ppid_desktop.core.db import Store, head_revision
from ppid_desktop.master.models import Pegawai, ProfilInstansi

FIXTURES = sorted((paths.migrations_dir() / "fixtures").glob("v*.sqlite"))


def _not_fts(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    return not (type_ == "table" and (name or "").startswith("permohonan_fts"))  # FTS5 table + shadow tables


def _diff(store: Store) -> list[object]:
    with store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"render_as_batch": True, "compare_type": False,
                                                     "include_object": _not_fts})
        return [d for d in compare_metadata(ctx, SQLModel.metadata)]


def test_there_is_a_fixture_per_released_schema() -> None:
    assert [f.name for f in FIXTURES][:1] == ["v0001.sqlite"]


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_upgrade_fixture_to_head(fixture: Path, tmp_path: Path) -> None:
    db = tmp_path / fixture.name
    shutil.copyfile(fixture, db)
    store = Store.open(db)
    try:
        assert store.current_revision() == head_revision()
        assert _diff(store) == []
        assert store.integrity_check() == []
        with store.read() as s:
            profil = s.exec(select(ProfilInstansi)).one()
            assert profil.perangkat_daerah == "DINAS KOMUNIKASI DAN INFORMATIKA"
            assert s.exec(select(Pegawai)).one().nip == "196707151993091001"
    finally:
        store.close()
    backups = list((tmp_path / "cadangan").glob(f"{db.stem}-sebelum-migrasi-*.sqlite"))
    if fixture.stem != f"v{head_revision()}":
        assert len(backups) == 1, "the database must be backed up before it is migrated"


def test_upgrade_from_empty_matches_create_all(tmp_path: Path) -> None:
    from alembic import command

    from ppid_desktop.core.db import alembic_config

    db = tmp_path / "bertahap.sqlite"
    command.upgrade(alembic_config(f"sqlite:///{db}"), "head")
    store = Store.open(db)
    try:
        assert _diff(store) == []
    finally:
        store.close()
