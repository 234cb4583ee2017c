"""Imported requests go into the register through a TEMP staging table and one INSERT … SELECT: the
full-text index, the audit row and the all-or-nothing rule are the same as a row-by-row insert."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlmodel import select

from ppid_desktop.core.audit import AuditLog
from ppid_desktop.layanan.masukan import PermohonanMasukan
from ppid_desktop.layanan.models import Permohonan
from ppid_desktop.layanan.queries import RegisterFilter, register_rows
from ppid_desktop.services import Services

from .conftest import count

HEAD = ["No. Pendaftaran", "Tanggal", "Nama", "NIK", "Informasi yang Diminta", "Tujuan Penggunaan Informasi"]
NIK = "3373014203850002"


def _berkas(xlsx, n: int, *, rusak: bool = False) -> Path:
    rows = [[f"{i:03d}/PPID/2026", "02/03/2026", f"Wulandari {i}", NIK, f"Dokumen anggaran nomor {i}",
             "Penelitian"] for i in range(1, n + 1)]
    if rusak:
        rows[-1][0] = rows[0][0]  # a duplicate number: the whole file is refused
    return xlsx([HEAD, *rows], text_cells=[f"D{r}" for r in range(2, n + 2)])


def test_staged_insert_feeds_full_text_index_and_leaves_no_temp_table(services: Services, admin, xlsx) -> None:
    h = services.rekap.impor(admin, "permohonan", _berkas(xlsx, 30))
    assert h.diterapkan and h.baru == 30, h.masalah
    with services.store.read() as s:
        found = list(register_rows(s, RegisterFilter(cari="wulandari 17")))
        assert [r["nomor"] for r in found] == ["017/PPID/2026"]
        assert len(list(register_rows(s, RegisterFilter(cari="anggaran")))) == 30
        audit = s.exec(select(AuditLog).where(AuditLog.action == "bulk_create",
                                              AuditLog.entity == "permohonan")).all()
        assert [a.summary for a in audit] == ["impor permohonan: 30 baris"]
        # the deadline explanation is stored in the compact form (layanan.rincian), not the full day list
        assert all(p.tenggat_rincian.startswith('{"k":2') and "hari_dilewati" not in p.tenggat_rincian
                   for p in s.exec(select(Permohonan)))
    con = sqlite3.connect(services.store.path)
    try:
        assert con.execute("INSERT INTO permohonan_fts(permohonan_fts, rank) VALUES ('integrity-check', 1)") is not None
        assert con.execute("SELECT count(*) FROM permohonan_fts WHERE permohonan_fts MATCH 'wulandari'").fetchone() == (30,)
    finally:
        con.close()


def test_refused_file_writes_nothing_and_a_later_import_works(services: Services, admin, xlsx) -> None:
    h = services.rekap.impor(admin, "permohonan", _berkas(xlsx, 5, rusak=True))
    assert not h.diterapkan and count(services, Permohonan) == 0
    h = services.rekap.impor(admin, "permohonan", _berkas(xlsx, 5))
    assert h.diterapkan and count(services, Permohonan) == 5
    h = services.rekap.impor(admin, "permohonan", _berkas(xlsx, 8))  # the staging table is made afresh
    assert h.diterapkan and h.baru == 3 and count(services, Permohonan) == 8, h.masalah


def test_staged_values_are_stored_as_the_orm_stores_them(services: Services, admin, xlsx) -> None:
    """Dates, timestamps, booleans and numbers written through the staging table have the same SQLite
    type and text shape as a request saved by the entry form (sorting and sync compare them)."""
    import re
    from datetime import date

    services.layanan.catat_permohonan(admin, PermohonanMasukan.dari_dict({"tanggal_diterima": date(2026, 3, 2), "nama": "Form", "nik": NIK,
                                               "rincian": "Data", "tujuan": "Kajian"}), nomor="900/PPID/2026")
    assert services.rekap.impor(admin, "permohonan", _berkas(xlsx, 3)).diterapkan
    con = sqlite3.connect(services.store.path)
    try:
        cols = [r[1] for r in con.execute("PRAGMA table_info(permohonan)")]
        shape = ", ".join(f'typeof("{c}")' for c in cols)
        form = con.execute(f"SELECT {shape} FROM permohonan WHERE nama = 'Form'").fetchone()
        for row in con.execute(f"SELECT {shape} FROM permohonan WHERE nama <> 'Form'"):
            diff = {c: (a, b) for c, a, b in zip(cols, row, form, strict=True) if "null" not in (a, b) and a != b}
            assert diff == {}, diff
        for created, updated, tgl in con.execute("SELECT created_at, updated_at, tanggal_diterima FROM permohonan"):
            # the stamps are integer microseconds (core.tipe.Waktu, migration 0021); dates stay ISO text
            assert isinstance(created, int) and isinstance(updated, int) and re.match(r"^\d{4}-\d{2}-\d{2}$", tgl)
    finally:
        con.close()
