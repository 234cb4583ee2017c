"""The audit log: hash-chained whatever the insert path, no personal values, tamper found by link;
migration 0007 repairs duplicate natural keys before the unique indexes exist."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlmodel import select

from ppid_desktop.core import audit, paths
from ppid_desktop.core.audit import AuditLog, log_event, verify_chain
from ppid_desktop.core.db import Store, bulk_insert
from ppid_desktop.layanan.masukan import KoreksiPermohonan, PermohonanMasukan
from ppid_desktop.master.masukan import IsianOpd
from ppid_desktop.master.models import PerangkatDaerah
from ppid_desktop.schema import metadata
from ppid_desktop.services import Services

UNIQUE_INDEXES = {
    "ux_permohonan_nomor", "ux_keberatan_nomor", "ux_sengketa_nomor_ki", "ux_surat_keluar_nomor",
    "ux_monev_jawaban_sesi_pertanyaan", "ux_monev_sesi_jadwal_revisi", "ux_pengaturan_layanan_kunci",
    "ux_templat_nomor_jenis", "ux_kalender_tahun_tahun", "ux_monev_instrumen_kode_versi",
    "ux_rekap_pemetaan_jenis_tanda",
}


def _indexes(db: Path) -> set[str]:
    con = sqlite3.connect(db)
    try:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    finally:
        con.close()


def test_every_insert_path_is_chained_and_the_chain_verifies(services: Services, admin) -> None:  # type: ignore[no-untyped-def]
    with services.store.session(admin) as s:
        s.add(PerangkatDaerah(kode="DINKES", nama="Dinas Kesehatan"))  # unit of work's own audit row
        log_event(s, admin, "view", "permohonan", "x", "lihat")  # a service's event
        s.add(AuditLog(username="lain", device_id="d", action="uji", entity="uji"))  # any AuditLog row
        bulk_insert(s, PerangkatDaerah, [{"kode": "DISDIK", "nama": "Dinas Pendidikan"}], "impor")
    with services.store.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT prev_hash, row_hash, os_user FROM audit_log ORDER BY id").fetchall()
        result = verify_chain(conn)
    assert result.utuh and result.baris == len(rows) >= 4
    assert all(r[1] and len(r[1]) == 64 for r in rows)
    assert all(rows[i][0] == rows[i - 1][1] for i in range(1, len(rows)))
    assert rows[-1][2] == audit.os_user() != ""


def test_tampering_with_the_sqlite_shell_is_found_at_the_first_broken_link(services: Services, admin,  # type: ignore[no-untyped-def]
                                                                           db_path: Path) -> None:
    for kode in ("A1", "B2", "C3", "D4"):
        services.master.simpan_opd(admin, IsianOpd.dari({"kode": kode, "nama": f"Dinas {kode}"}))
    con = sqlite3.connect(db_path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="hanya boleh ditambah"):
            con.execute("UPDATE audit_log SET summary = 'palsu' WHERE id = 3")
        with pytest.raises(sqlite3.DatabaseError, match="hanya boleh ditambah"):
            con.execute("DELETE FROM audit_log WHERE id = 3")
        # Someone who knows the schema drops the guard and edits a row.
        con.execute("DROP TRIGGER audit_log_tanpa_ubah")
        con.execute("UPDATE audit_log SET summary = 'palsu' WHERE id = 3")
        con.commit()
        found = verify_chain(con)
        assert not found.utuh and found.putus is not None
        assert found.putus.id == 3 and "diubah" in found.putus.alasan
        # Recomputing that row's hash does not help: the next link still points at the old one.
        con.execute("UPDATE audit_log SET summary = summary")  # no-op
        con.execute("DROP TRIGGER audit_log_tanpa_hapus")
        con.execute("DELETE FROM audit_log WHERE id = 2")
        con.commit()
        assert verify_chain(con).putus.id == 3  # type: ignore[union-attr]
    finally:
        con.close()


def test_personal_fields_are_logged_as_changed_never_with_values(profil: Services, admin) -> None:  # type: ignore[no-untyped-def]
    p = profil.layanan.catat_permohonan(admin, PermohonanMasukan.dari_dict({
        "tanggal_diterima": date(2026, 3, 16), "nama": "Siti Aminah Rahayu", "nik": "3201014503800003",
        "alamat": "Jl. Melati Nomor 7", "telepon": "081234567890", "email": "siti@contoh.id",
        "rincian": "Salinan DPA", "tujuan": "Penelitian"}))
    profil.layanan.ubah_permohonan(admin, p.id, KoreksiPermohonan.dari_dict({"alamat": "Jl. Kenanga 9", "telepon": "089876543210",
                                                   "email": "baru@contoh.id", "nama": "Siti A. Rahayu"}))
    with profil.store.read() as s:
        rows = list(s.exec(select(AuditLog)))
    blob = json.dumps([(r.summary, r.changes) for r in rows], ensure_ascii=False)
    for secret in ("Siti", "Melati", "Kenanga", "0812345", "0898765", "contoh.id", "3201014503800003"):
        assert secret not in blob
    changed = [json.loads(r.changes) for r in rows if r.entity == "permohonan" and r.changes]
    assert any(c.get("alamat") == "diubah" and c.get("telepon") == "diubah" for c in changed)


def test_0007_repairs_duplicates_first_then_makes_keys_unique(tmp_path: Path) -> None:
    db = tmp_path / "v0006.sqlite"
    shutil.copyfile(paths.migrations_dir() / "fixtures" / "v0006.sqlite", db)
    con = sqlite3.connect(db)
    # Two requests given the same number (what three racing processes did), a duplicate answer row,
    # and personal values sitting in the old audit log.
    cols = [r[1] for r in con.execute("PRAGMA table_info(permohonan)")]
    first = dict(zip(cols, con.execute("SELECT * FROM permohonan ORDER BY rowid LIMIT 1").fetchone(), strict=True))
    twin = dict(first, id="kembar-1", created_at="2099-01-01 00:00:00")
    con.execute(f"INSERT INTO permohonan ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
                [twin[c] for c in cols])
    jcols = [r[1] for r in con.execute("PRAGMA table_info(monev_jawaban)")]
    ans = dict(zip(jcols, con.execute("SELECT * FROM monev_jawaban WHERE deleted = 0 LIMIT 1").fetchone(), strict=True))
    newer = dict(ans, id="jawaban-baru", dijawab_at="2099-01-01 00:00:00", nilai="baru")
    con.execute(f"INSERT INTO monev_jawaban ({', '.join(jcols)}) VALUES ({', '.join('?' for _ in jcols)})",
                [newer[c] for c in jcols])
    con.execute("INSERT INTO audit_log (at, username, device_id, action, entity, entity_id, summary, changes) "
                "VALUES ('2025-01-01 00:00:00', 'x', 'd', 'update', 'permohonan', ?, '', ?)",
                (first["id"], json.dumps({"alamat": ["Jl. Rahasia 1", "Jl. Rahasia 2"], "status": ["a", "b"]})))
    con.commit()
    con.close()

    Store.open(db, metadata).close()

    assert _indexes(db) >= UNIQUE_INDEXES
    con = sqlite3.connect(db)
    try:
        nomor = {r[0]: r[1] for r in con.execute("SELECT id, nomor FROM permohonan WHERE id IN (?, ?)",
                                                 (first["id"], "kembar-1"))}
        assert nomor == {first["id"]: first["nomor"], "kembar-1": f"{first['nomor']}-2"}  # the older keeps it
        live = con.execute("SELECT id, nilai FROM monev_jawaban WHERE deleted = 0 AND sesi_id = ? AND pertanyaan = ?",
                           (ans["sesi_id"], ans["pertanyaan"])).fetchall()
        assert live == [("jawaban-baru", "baru")]  # the newest answer stays, the other is a tombstone
        repairs = con.execute("SELECT entity, entity_id, summary FROM audit_log WHERE action = 'perbaikan_duplikat'").fetchall()
        assert ("permohonan", "kembar-1") in {(e, i) for e, i, _ in repairs}
        assert ("monev_jawaban", ans["id"]) in {(e, i) for e, i, _ in repairs}
        blob = " ".join(r[0] or "" for r in con.execute("SELECT changes FROM audit_log"))
        assert "Rahasia" not in blob and '"status": ["a", "b"]' in blob
        assert verify_chain(con).utuh
    finally:
        con.close()


def test_check_reports_a_broken_chain_and_corrupt_pages_as_findings(services: Services, admin, db_path: Path,  # type: ignore[no-untyped-def]
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from ppid_desktop.cli import main

    for i in range(300):
        services.master.simpan_opd(admin, IsianOpd.dari({"kode": f"K{i}", "nama": f"Dinas nomor {i} " + "x" * 150}))
    services.close()
    con = sqlite3.connect(db_path)
    con.execute("DROP TRIGGER audit_log_tanpa_ubah")
    con.execute("UPDATE audit_log SET summary = 'diubah diam-diam' WHERE id = 5")
    con.commit()
    con.close()
    assert main(["--db", str(db_path), "check", "--json"]) == 1
    found = json.loads(capsys.readouterr().out)["masalah"]
    assert any("rantai audit putus pada baris #5" in m for m in found)
    Store.open(db_path, metadata).close()  # checkpoint the WAL into the file
    data = bytearray(db_path.read_bytes())
    page = 4096
    mid = (len(data) // page // 2) * page
    data[mid + 100: mid + 400] = b"\xff" * 300  # a damaged page in the middle of the file
    db_path.write_bytes(bytes(data))
    rc = main(["--db", str(db_path), "check"])
    out = capsys.readouterr()
    assert rc in (1, 2) and "Traceback" not in out.err
    assert ("Masalah" in out.out) or ("rusak" in out.err)


def test_a_row_arriving_with_another_laptops_hashes_is_rechained(services: Services, admin) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import insert

    with services.store.session(admin) as s:  # e.g. a sync package copying audit rows verbatim
        s.execute(insert(AuditLog.__table__), [{  # type: ignore[attr-defined]
            "at": datetime(2026, 1, 1, tzinfo=UTC), "username": "lain", "device_id": "laptop-lain", "action": "create",
            "entity": "uji", "summary": "", "os_user": "x", "prev_hash": "a" * 64, "row_hash": "b" * 64}])
    with services.store.engine.connect() as conn:
        assert verify_chain(conn).utuh
