"""Keberatan register rows without a request number (Pasal 35(1) b–g) import as standalone keberatan with
the pemohon's own identity; ground a without a request is refused with sheet, row and column; the app's
own export of standalone keberatan re-imports to the same rows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from ppid_desktop.core import crypto
from ppid_desktop.layanan.keberatan import KeberatanMandiri
from ppid_desktop.layanan.masukan import PermohonanMasukan
from ppid_desktop.layanan.models import Keberatan
from ppid_desktop.services import Services
from tests.conftest import TEST_DEVICE

from .conftest import count

NIK = "3373014203850002"
HEAD = ["No. Registrasi Keberatan", "Tanggal Keberatan", "Nomor Permohonan", "Nama Pemohon", "NIK", "Alamat",
        "Alasan Keberatan", "Kasus Posisi"]


@pytest.fixture
def empty(tmp_path: Path) -> Services:
    svc = Services.open(tmp_path / "kosong.sqlite", device=TEST_DEVICE)
    yield svc
    svc.close()


def test_rows_without_request_number_import_standalone(profil: Services, admin, xlsx) -> None:
    profil.layanan.catat_permohonan(admin, PermohonanMasukan.dari_dict({"tanggal_diterima": date(2026, 3, 2), "nama": "Budi", "nik": NIK,
                                             "rincian": "Data", "tujuan": "Kajian"}), nomor="001/PPID/III/2026")
    p = xlsx([["REGISTER KEBERATAN"], HEAD,
              ["K1", "10/03/2026", "001/PPID/III/2026", "", "", "", "c", "Tidak ditanggapi"],
              ["K2", "Selasa, 10 Maret 2026", "", "Siti Aminah", NIK, "Jl. Merdeka 5", "b",
               "Laporan berkala tidak diumumkan"],
              ["K3", "11/03/2026", None, "Tono", None, None, "d", "Tidak sesuai"]],
             text_cells=("E4",))
    h = profil.rekap.impor(admin, "keberatan", p)
    assert h.diterapkan and h.baru == 3, h.masalah
    assert any(m.row == 5 and "tanpa NIK" in m.message for m in h.masalah if m.severity == "warning"), h.masalah
    with profil.store.read() as s:
        ks = {k.nomor: k for k in s.exec(select(Keberatan))}
    assert ks["K1"].permohonan_id is not None and ks["K1"].nama == "Budi"
    k2 = ks["K2"]
    assert k2.permohonan_id is None and k2.nama == "Siti Aminah" and k2.alamat == "Jl. Merdeka 5"
    assert k2.nik_hash == crypto.keyed_hash(NIK) and crypto.decrypt_text(k2.nik_enc or "") == NIK
    assert ks["K3"].permohonan_id is None and ks["K3"].nik_enc is None


def test_ground_a_or_no_name_without_request_is_an_error_nothing_written(profil: Services, admin, xlsx) -> None:
    p = xlsx([["REGISTER KEBERATAN"], HEAD,
              ["K1", "10/03/2026", "", "Siti", NIK, "", "a", "Ditolak"],
              ["K2", "10/03/2026", "", "", NIK, "", "b", "x"],
              ["K3", "10/03/2026", "", "Tono", NIK, "", "b", "ok"]], text_cells=("E3", "E4", "E5"))
    h = profil.rekap.impor(admin, "keberatan", p)
    assert not h.diterapkan and count(profil, Keberatan) == 0
    by_row = {e.row: e for e in h.galat}
    assert set(by_row) == {3, 4}, h.masalah
    assert "huruf a" in by_row[3].message and by_row[3].column.startswith("C")
    assert "Nama pemohon wajib" in by_row[4].message and by_row[4].column.startswith("D")
    assert by_row[3].sheet


def test_export_import_round_trip_of_standalone(profil: Services, empty: Services, admin, tmp_path: Path) -> None:
    lay = profil.layanan
    lay.clock = lambda: date(2026, 6, 15)
    k, _ = lay.catat_keberatan_mandiri(admin, KeberatanMandiri(
        nama="Siti Aminah", nik=NIK, alamat="Jl. Merdeka 5", pekerjaan="Guru", telepon="081298765432",
        email="siti@example.com", alasan="b,c", kasus_posisi="Tidak diumumkan", tanggal_diterima=date(2026, 6, 10)),
        nomor="001/KEB/2026")
    keb = tmp_path / "keb.xlsx"
    assert profil.rekap.ekspor(admin, "register-keberatan", keb) == 1
    empty.layanan.clock = lambda: date(2026, 6, 15)
    h = empty.rekap.impor(admin, "keberatan", keb)
    assert h.diterapkan and h.baru == 1, h.masalah

    def fields(svc: Services) -> list[tuple[object, ...]]:
        with svc.store.read() as s:
            return [(x.nomor, x.permohonan_id, x.tanggal_diterima, x.nama, x.alamat, x.pekerjaan, x.telepon, x.email,
                     x.alasan, x.kasus_posisi, x.status, x.tenggat_jawaban) for x in s.exec(select(Keberatan))]

    assert fields(empty) == fields(profil)
    # the export carries the NIK masked: the re-import keeps no NIK rather than a wrong one
    with empty.store.read() as s:
        assert s.exec(select(Keberatan)).one().nik_hash is None
    h = empty.rekap.impor(admin, "keberatan", keb)
    assert (h.baru, h.ubah, h.lewati) == (0, 0, 1), h.masalah
