"""Upgrades from every released schema in db/fixtures reach head and match the models."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel, select

from ppid_desktop.core import paths
from ppid_desktop.core.db import Store, head_revision
from ppid_desktop.master.models import Pegawai, ProfilInstansi
from ppid_desktop.schema import metadata

FIXTURES = sorted((paths.migrations_dir() / "fixtures").glob("v*.sqlite"))


def _not_fts(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    return not (type_ == "table" and (name or "").startswith("permohonan_fts"))  # FTS5 table + shadow tables


def _diff(store: Store) -> list[object]:
    with store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"render_as_batch": True, "compare_type": False,
                                                     "include_object": _not_fts})
        return [d for d in compare_metadata(ctx, SQLModel.metadata)]


def _row_counts(db: Path) -> dict[str, int]:
    con = sqlite3.connect(db)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
                 if not r[0].startswith(("sqlite_", "permohonan_fts"))]
        return {n: con.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        con.close()


def test_there_is_a_fixture_per_released_schema() -> None:
    names = [f.name for f in FIXTURES]
    assert names[0] == "v0001.sqlite"
    # The schema this release ships is a released schema too: its fixture must exist.
    assert f"v{head_revision()}.sqlite" in names


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_upgrade_fixture_to_head(fixture: Path, tmp_path: Path) -> None:
    db = tmp_path / fixture.name
    shutil.copyfile(fixture, db)
    before = _row_counts(db)
    assert sum(before.values()) > 0, "a fixture must carry real data"
    store = Store.open(db, metadata)
    try:
        assert store.current_revision() == head_revision()
        assert _diff(store) == []
        assert store.integrity_check() == []
    finally:
        store.close()
    after = _row_counts(db)
    lost = {t: (n, after.get(t)) for t, n in before.items() if t != "alembic_version" and after.get(t, 0) < n}
    assert lost == {}, f"rows lost in the upgrade: {lost}"
    con = sqlite3.connect(db)
    try:  # the register's full-text index exists after any upgrade
        assert con.execute("SELECT name FROM sqlite_master WHERE name='permohonan_fts'").fetchone()
    finally:
        con.close()
    if fixture.stem == "v0001":
        store = Store.open(db, metadata)
        try:
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
    store = Store.open(db, metadata)
    try:
        assert _diff(store) == []
    finally:
        store.close()


def test_0006_splits_the_sanggah_proposal_from_the_decided_value(tmp_path: Path) -> None:
    db = tmp_path / "v0005.sqlite"
    shutil.copyfile(paths.migrations_dir() / "fixtures" / "v0005.sqlite", db)
    con = sqlite3.connect(db)
    cols = [r[1] for r in con.execute("PRAGMA table_info(monev_sanggah)")]
    base = dict(zip(cols, con.execute("SELECT * FROM monev_sanggah").fetchone(), strict=True))
    pending = dict(base, id="sanggah-menunggu", keputusan="", nilai_baru="1", jawaban="")
    con.execute(f"INSERT INTO monev_sanggah ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
                [pending[c] for c in cols])
    con.commit()
    con.close()
    Store.open(db, metadata).close()
    con = sqlite3.connect(db)
    rows = dict((r[0], r[1:]) for r in con.execute("SELECT id, keputusan, nilai_usulan, nilai_baru FROM monev_sanggah"))
    con.close()
    assert rows["sanggah-menunggu"] == ("", "1", None)  # a pending proposal is not a decided value
    assert rows[base["id"]] == ("diterima", base["nilai_baru"], base["nilai_baru"])
