"""Migration 0021 (compact stamps) on the released v0020 database, plaintext and SQLCipher: every record's
id, timestamps, device, NIK fields, deadline explanation and history note read back through Core/ORM
exactly as the text stored before; the stored forms are the compact ones; the downgrade gives the
original text back byte for byte."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import literal_column, select

from ppid_desktop.core import kunci_db, paths
from ppid_desktop.core.db import Store, alembic_config
from ppid_desktop.schema import metadata

V0020 = paths.migrations_dir() / "fixtures" / "v0020.sqlite"
BASE = ("id", "created_at", "updated_at", "created_by", "updated_by", "device_id", "rev", "deleted")
EXTRA = {"riwayat_layanan": ("objek_id", "catatan"), "permohonan": ("nik_hash", "nik_enc", "tenggat_rincian"),
         "keberatan": ("tenggat_rincian",)}


def _tables(con: Any) -> list[str]:
    out = []
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"):
        cols = {r[1] for r in con.execute(f'PRAGMA table_info("{name}")')}
        if set(BASE) <= cols:
            out.append(name)
    return out


def _raw(con: Any) -> dict[str, dict[int, tuple[Any, ...]]]:
    out = {}
    for t in _tables(con):
        cols = ("id", "created_at", "updated_at", "device_id", *EXTRA.get(t, ()))
        out[t] = {r[0]: tuple(r[1:]) for r in con.execute(f'SELECT rowid, {", ".join(cols)} FROM "{t}"')}
    return out


def _text(v: Any) -> Any:
    return v.strftime("%Y-%m-%d %H:%M:%S.%f") if isinstance(v, datetime) else v


def _through_core(store: Store) -> dict[str, dict[int, tuple[Any, ...]]]:
    out: dict[str, dict[int, tuple[Any, ...]]] = {}
    with store.engine.connect() as conn:
        for name, t in metadata.tables.items():
            if not set(BASE) <= set(t.c.keys()):
                continue
            cols = [t.c[c] for c in ("id", "created_at", "updated_at", "device_id", *EXTRA.get(name, ()))]
            out[name] = {r[0]: tuple(_text(v) for v in r[1:])
                         for r in conn.execute(select(literal_column("rowid"), *cols).select_from(t))}
    return out


def _check_stored_forms(con: Any) -> None:
    kinds = dict(con.execute("SELECT typeof(created_at), count(*) FROM permohonan GROUP BY 1").fetchall())
    assert set(kinds) == {"integer"}
    assert con.execute("SELECT count(*) FROM permohonan WHERE typeof(device_id) <> 'blob'").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM riwayat_layanan WHERE length(id) <> 16 OR length(objek_id) <> 16"
                       ).fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM permohonan WHERE nik_hash IS NOT NULL AND length(nik_hash) <> 32"
                       ).fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM riwayat_layanan WHERE typeof(catatan) = 'blob'").fetchone()[0] > 0


def _compare(before: dict[str, dict[int, tuple[Any, ...]]], after: dict[str, dict[int, tuple[Any, ...]]]) -> None:
    assert set(before) <= set(after)
    for t, rows in before.items():
        got = {k: v for k, v in after[t].items() if k in rows}
        assert got == rows, t


def test_upgrade_keeps_every_value_and_downgrade_restores_the_text(tmp_path: Path) -> None:
    db = tmp_path / "v0020.sqlite"
    shutil.copyfile(V0020, db)
    con = sqlite3.connect(db)
    before = _raw(con)
    con.close()
    assert sum(len(r) for r in before.values()) > 300 and len(before["riwayat_layanan"]) > 50
    assert {type(v[1]) for v in before["permohonan"].values()} == {str}
    store = Store.open(db, metadata)
    try:
        _compare(before, _through_core(store))
    finally:
        store.close()
    con = sqlite3.connect(db)
    _check_stored_forms(con)
    con.close()
    command.downgrade(alembic_config(f"sqlite:///{db}"), "0020")
    con = sqlite3.connect(db)
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0020"
        _compare(before, _raw(con))
    finally:
        con.close()


def test_upgrade_of_an_encrypted_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("sqlcipher3")
    monkeypatch.setenv("PPID_DATA_DIR", str(tmp_path / "data"))
    plain = tmp_path / "v0020.sqlite"
    shutil.copyfile(V0020, plain)
    con = sqlite3.connect(plain)
    before = _raw(con)
    con.close()
    db = tmp_path / "sandi" / "ppid.sqlite"
    db.parent.mkdir()
    key, _pemulihan = kunci_db.buat(db, "admin", "rahasia123")  # the key file beside the database
    kunci_db.enkripsi_berkas(plain, db, key, kunci_db.setelan_untuk(db))
    assert kunci_db.polos(db) is False  # no plaintext header
    try:
        store = Store.open(db, metadata, kunci=key)
        try:
            assert store.current_revision() != "0020"
            _compare(before, _through_core(store))
            with store.engine.connect() as conn:
                _check_stored_forms(conn.connection.driver_connection)
        finally:
            store.close()
    finally:
        kunci_db.lupakan(db)
