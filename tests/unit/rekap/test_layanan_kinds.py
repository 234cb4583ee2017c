"""Permohonan import (with decisions) and register exports."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ppid_desktop.layanan.models import Permohonan
from ppid_desktop.services import Services
from tests.conftest import TEST_DEVICE

from .conftest import count

NIK = "3373014203850002"


@pytest.fixture
def empty(tmp_path: Path) -> Services:
    svc = Services.open(tmp_path / "kosong.sqlite", device=TEST_DEVICE)
    yield svc
    svc.close()


def _rows(svc: Services) -> list[tuple]:
    with svc.store.read() as s:
        ps = s.exec(__import__("sqlmodel").select(Permohonan)).all()
    return sorted((p.nomor, p.tanggal_diterima, p.nama, p.telepon, p.rincian, p.tujuan, p.saluran, p.nik_mask,
                   p.keputusan, p.tanggal_pemberitahuan, p.pasal17, p.tenggat) for p in ps)


def test_register_round_trip_and_idempotence(profil: Services, empty: Services, admin, tmp_path: Path) -> None:
    lay = profil.layanan
    p1 = lay.create_permohonan(admin, {"tanggal_diterima": date(2026, 3, 16), "nama": "Budi", "nik": NIK,
                                       "telepon": "081234567890", "rincian": "=SUM(A1) anggaran", "tujuan": "Kajian",
                                       "saluran": "email"})
    lay.create_permohonan(admin, {"tanggal_diterima": date(2026, 3, 17), "nama": "Sri", "nik": NIK,
                                  "rincian": "Data", "tujuan": "Tugas"})
    with profil.store.session(admin) as s:  # a decision, written like the service would
        p = s.get(Permohonan, p1.id)
        p.keputusan, p.pasal17, p.tanggal_pemberitahuan, p.status = "ditolak", "h", date(2026, 3, 20), "diputuskan"
    path = tmp_path / "reg.xlsx"
    n = profil.rekap.ekspor(admin, "register-permohonan", path, tampilkan_nik=True)
    assert n == 2
    ws = load_workbook(path)["Register Permohonan"]
    header = next(r for r in ws.iter_rows(values_only=True) if r and r[0] == "No. Pendaftaran")
    assert "Hari Kerja Terpakai" in header and "Tenggat" in header
    h = empty.rekap.impor(admin, "permohonan", path)
    assert h.diterapkan and h.baru == 2, h.masalah
    assert _rows(empty) == _rows(profil)
    h = empty.rekap.impor(admin, "permohonan", path)
    assert (h.baru, h.ubah, h.lewati) == (0, 0, 2) and count(empty, Permohonan) == 2


def test_masked_export_is_the_default_and_audited(profil: Services, admin, tmp_path: Path) -> None:
    from ppid_desktop.core.audit import AuditLog

    profil.layanan.create_permohonan(admin, {"tanggal_diterima": date(2026, 3, 16), "nama": "Budi", "nik": NIK,
                                             "rincian": "x", "tujuan": "y"})
    path = tmp_path / "reg.xlsx"
    profil.rekap.ekspor(admin, "register-permohonan", path)
    text = [c for r in load_workbook(path).active.iter_rows(values_only=True) for c in r if c]
    assert NIK not in text and any("••••" in str(c) for c in text)
    with profil.store.read() as s:
        assert s.exec(__import__("sqlmodel").select(AuditLog).where(AuditLog.action == "export")).first()


def test_permohonan_bad_rows_write_nothing(services: Services, admin, xlsx) -> None:
    p = xlsx([["REGISTER"], ["No. Registrasi", "Tanggal Permohonan", "Nama Pemohon", "NIK",
                             "Informasi yang Diminta", "Tujuan", "Keputusan"],
              ["001", "30/02/2026", "A", NIK, "x", "y", None],
              ["002", "16/03/2026", "B", NIK[:15], "x", "y", None],
              ["003", "16/03/2026", "C", NIK, "x", "y", "Ditolak (informasi dikecualikan)"],
              ["003", "16/03/2026", "D", NIK, "x", "y", None],
              ["004", "16/03/2026", "E", NIK, "x", "y", None]])
    h = services.rekap.impor(admin, "permohonan", p)
    rows = {e.row for e in h.galat}
    assert {3, 4, 5, 6} <= rows and 7 not in rows
    assert any("16 digit" in e.message for e in h.galat)
    assert any("Kunci ganda" in e.message for e in h.galat)
    assert count(services, Permohonan) == 0


def test_register_keberatan_export_opens(profil: Services, admin, tmp_path: Path) -> None:
    path = tmp_path / "keb.xlsx"
    assert profil.rekap.ekspor(admin, "register-keberatan", path) == 0
    assert load_workbook(path)["Register Keberatan"].freeze_panes
