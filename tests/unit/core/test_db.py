"""The store on a real SQLite file: pragmas, refusal of bad files, stamping, tombstones, audit."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlmodel import select

from ppid_desktop.core.audit import AuditLog
from ppid_desktop.core.db import Store, head_revision
from ppid_desktop.core.errors import StorageError
from ppid_desktop.master.masukan import IsianOpd
from ppid_desktop.master.models import PerangkatDaerah
from ppid_desktop.schema import metadata
from tests.conftest import make_actor


def test_new_database_is_stamped_and_uses_wal(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "baru.sqlite", metadata)
    try:
        assert store.current_revision() == head_revision()
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert store.integrity_check() == []
    finally:
        store.close()


def test_not_a_database_is_refused_and_untouched(tmp_path: Path) -> None:
    bad = tmp_path / "catatan.sqlite"
    bad.write_text("ini bukan database, hanya catatan rapat")
    with pytest.raises(StorageError, match="bukan database PPID Desktop"):
        Store.open(bad, metadata)
    assert bad.read_text() == "ini bukan database, hanya catatan rapat"


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "lain.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE pelanggan (id INTEGER)")
    con.commit()
    con.close()
    with pytest.raises(StorageError, match="tidak dikenal"):
        Store.open(other, metadata)


def test_read_only_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ro.sqlite"
    Store.open(path, metadata).close()
    path.chmod(0o444)
    try:
        with pytest.raises(StorageError, match="hanya dapat dibaca"):
            Store.open(path, metadata)
    finally:
        path.chmod(0o644)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "masa-depan.sqlite"
    Store.open(path, metadata).close()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999_masa_depan'")
    con.commit()
    con.close()
    with pytest.raises(StorageError, match="versi PPID Desktop yang lebih baru"):
        Store.open(path, metadata)


def test_unit_of_work_stamps_and_audits(services, admin) -> None:  # type: ignore[no-untyped-def]
    opd = services.master.simpan_opd(admin, IsianOpd.dari({"kode": "DINKES", "nama": "Dinas Kesehatan"}))
    assert opd.rev == 1
    assert opd.created_by == "admin" and opd.device_id == "perangkat-uji"
    other = make_actor("Admin", username="sekretariat")
    opd2 = services.master.simpan_opd(other, IsianOpd.dari({"nama": "Dinas Kesehatan Kota"}), opd.id)
    assert opd2.rev == 2
    assert opd2.updated_by == "sekretariat" and opd2.created_by == "admin"
    services.master.hapus_opd(admin, opd.id)
    with services.store.read() as s:
        row = s.get(PerangkatDaerah, opd.id)
        assert row is not None and row.deleted and row.rev == 3
        log = list(s.exec(select(AuditLog).where(AuditLog.entity_id == opd.id).order_by(AuditLog.id)))
    assert [a.action for a in log] == ["create", "update", "delete"]
    assert json.loads(log[1].changes or "{}")["nama"] == ["Dinas Kesehatan", "Dinas Kesehatan Kota"]
    assert services.master.daftar_opd() == []


def test_hard_delete_is_refused_and_rolled_back(services, admin) -> None:  # type: ignore[no-untyped-def]
    opd = services.master.simpan_opd(admin, IsianOpd.dari({"kode": "DLH", "nama": "Dinas Lingkungan Hidup"}))
    with pytest.raises(RuntimeError, match="hard delete"), services.store.session(admin) as s:
        s.delete(s.get(PerangkatDaerah, opd.id))
    assert [o.kode for o in services.master.daftar_opd()] == ["DLH"]


def test_audit_log_is_append_only(services, admin) -> None:  # type: ignore[no-untyped-def]
    services.master.simpan_opd(admin, IsianOpd.dari({"kode": "X", "nama": "Y"}))
    with pytest.raises(RuntimeError, match="append-only"), services.store.session(admin) as s:
        row = s.exec(select(AuditLog)).first()
        assert row is not None
        row.summary = "diubah"
        s.add(row)
        s.flush()


def test_failed_unit_of_work_writes_nothing(services, admin) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ZeroDivisionError), services.store.session(admin) as s:
        s.add(PerangkatDaerah(kode="A", nama="A"))
        s.flush()
        _ = 1 / 0
    assert services.master.daftar_opd() == []
    with services.store.read() as s:
        assert s.exec(select(AuditLog).where(AuditLog.entity == "perangkat_daerah")).first() is None


def test_backup_api_snapshot_is_consistent(services, admin, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    services.master.simpan_opd(admin, IsianOpd.dari({"kode": "DISDIK", "nama": "Dinas Pendidikan"}))
    snap = services.store.backup_to(tmp_path / "snap.sqlite")
    con = sqlite3.connect(snap)
    assert con.execute("SELECT kode FROM perangkat_daerah").fetchall() == [("DISDIK",)]
    con.close()


def test_copy_of_open_database_can_be_opened(services, admin, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    services.master.simpan_opd(admin, IsianOpd.dari({"kode": "DISDIK", "nama": "Dinas Pendidikan"}))
    snap = services.store.backup_to(tmp_path / "salin.sqlite")
    copy = tmp_path / "salinan2.sqlite"
    shutil.copyfile(snap, copy)
    store = Store.open(copy, metadata)
    try:
        assert store.integrity_check() == []
    finally:
        store.close()


def test_full_disk_is_a_clear_message_and_nothing_half_written(services, admin) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import event

    services.master.simpan_opd(admin, IsianOpd.dari({"kode": "DINKES", "nama": "Dinas Kesehatan"}))
    with services.store.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

    def limit(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite answers SQLITE_FULL past this

    services.store.engine.dispose()
    event.listen(services.store.engine, "connect", limit)
    try:
        with pytest.raises(StorageError, match="Disk penuh"), services.store.session(admin) as s:
            for i in range(400):
                s.add(PerangkatDaerah(kode=f"X{i}", nama="Nama perangkat daerah yang cukup panjang " * 4))
    finally:
        event.remove(services.store.engine, "connect", limit)
        services.store.engine.dispose()
    assert [o.kode for o in services.master.daftar_opd()] == ["DINKES"]
    assert services.store.integrity_check() == []
