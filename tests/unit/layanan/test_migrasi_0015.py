"""Migration 0015 (keberatan without a permohonan) on the released v0012 database: the hand-written
rebuild of keberatan and sengketa keeps every row, index, trigger and foreign key."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from ppid_desktop.core import paths
from ppid_desktop.core.db import Store
from ppid_desktop.schema import metadata

V0012 = paths.migrations_dir() / "fixtures" / "v0012.sqlite"
TABEL = ("keberatan", "sengketa")


def _baris(con: sqlite3.Connection, tabel: str, kolom: list[str]) -> list[tuple[object, ...]]:
    daftar = ", ".join(f'"{c}"' for c in kolom)
    return con.execute(f"SELECT {daftar} FROM {tabel} ORDER BY id").fetchall()


def _skema(con: sqlite3.Connection) -> dict[str, str]:
    """Name → SQL of every index and trigger on keberatan/sengketa (automatic indexes included, SQL '')."""
    return {n: s or "" for n, s in con.execute(
        "SELECT name, sql FROM sqlite_master WHERE tbl_name IN ('keberatan', 'sengketa') "
        "AND type IN ('index', 'trigger')")}


@pytest.fixture
def v0012(tmp_path: Path) -> Path:
    db = tmp_path / "v0012.sqlite"
    shutil.copyfile(V0012, db)
    return db


def test_rebuild_keeps_rows_indexes_triggers_and_foreign_keys(v0012: Path) -> None:
    con = sqlite3.connect(v0012)
    # a trigger of the kind another room could have hung on the table must survive the rebuild too
    con.execute("CREATE TRIGGER uji_keberatan_au AFTER UPDATE OF status ON keberatan BEGIN SELECT 1; END")
    con.commit()
    kolom = {t: [r[1] for r in con.execute(f"PRAGMA table_info({t})")] for t in TABEL}
    sebelum = {t: _baris(con, t, kolom[t]) for t in TABEL}
    skema = _skema(con)
    con.close()
    assert sebelum["keberatan"] and sebelum["sengketa"], "the fixture must carry keberatan and sengketa rows"
    assert {"ux_keberatan_nomor", "ix_keberatan_tanggal", "ux_sengketa_nomor_ki"} <= set(skema)

    # up to 0015 exactly as ``Store.migrate`` runs it: one transaction on the app's connection
    # (foreign_keys=ON); later revisions may change these tables on purpose
    from alembic import command

    from ppid_desktop.core.db import alembic_config

    store = Store.open(v0012, metadata, migrate=False)
    try:
        with store.writer.begin() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            cfg = alembic_config(f"sqlite:///{v0012}")
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0015")
    finally:
        store.close()

    con = sqlite3.connect(v0012)
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0015"
        assert {t: _baris(con, t, kolom[t]) for t in TABEL} == sebelum
        assert _skema(con) == skema  # same names, same SQL
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        info = {r[1]: r for r in con.execute("PRAGMA table_info(keberatan)")}
        assert info["permohonan_id"][3] == 0, "permohonan_id must be nullable"
        assert {"nik_enc", "nik_hash", "nik_mask", "alamat", "pekerjaan", "telepon", "email", "kuasa",
                "dianonimkan"} <= set(info)
        fk = con.execute("PRAGMA foreign_key_list(sengketa)").fetchall()
        assert [(r[2], r[3], r[4]) for r in fk] == [("keberatan", "keberatan_id", "id")]
        assert not con.execute("SELECT name FROM sqlite_master WHERE name LIKE '%\\_0015' ESCAPE '\\'").fetchall()
        # the foreign keys still bite: a sengketa cannot point at a keberatan that is not there
        con.execute("PRAGMA foreign_keys=ON")
        with pytest.raises(sqlite3.IntegrityError):
            con.execute("UPDATE sengketa SET keberatan_id = 'tidak-ada'")
        with pytest.raises(sqlite3.IntegrityError):
            con.execute("DELETE FROM keberatan")
        # the natural key still bites
        nomor, tgl = con.execute("SELECT nomor, tanggal_diterima FROM keberatan WHERE deleted = 0").fetchone()
        with pytest.raises(sqlite3.IntegrityError):
            con.execute("UPDATE keberatan SET nomor = ? WHERE nomor <> ? AND substr(tanggal_diterima, 1, 4) = ?",
                        (nomor, nomor, tgl[:4]))
    finally:
        con.close()


def test_downgrade_restores_not_null_and_refuses_to_drop_standalone_keberatan(v0012: Path) -> None:
    from alembic import command

    from ppid_desktop.core.db import alembic_config

    cfg = alembic_config(f"sqlite:///{v0012}")
    command.upgrade(cfg, "0015")
    con = sqlite3.connect(v0012)
    con.execute("UPDATE keberatan SET permohonan_id = NULL WHERE rowid = (SELECT min(rowid) FROM keberatan)")
    con.commit()
    con.close()
    with pytest.raises(RuntimeError, match="tanpa permohonan"):
        command.downgrade(cfg, "0015-1")  # the revision before ours, whatever the chain
    con = sqlite3.connect(v0012)
    pid = con.execute("SELECT id FROM permohonan LIMIT 1").fetchone()[0]
    con.execute("UPDATE keberatan SET permohonan_id = ? WHERE permohonan_id IS NULL", (pid,))
    con.commit()
    con.close()
    command.downgrade(cfg, "0015-1")  # the revision before ours, whatever the chain
    con = sqlite3.connect(v0012)
    try:
        info = {r[1]: r for r in con.execute("PRAGMA table_info(keberatan)")}
        assert info["permohonan_id"][3] == 1 and "nik_enc" not in info
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        assert con.execute("SELECT count(*) FROM keberatan").fetchone()[0] == 6
    finally:
        con.close()
