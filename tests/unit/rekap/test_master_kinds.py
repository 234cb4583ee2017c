"""OPD, pegawai and calendar: round trip, idempotence, --perbarui, bad rows write nothing, mappings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ppid_desktop.core import kalender as K
from ppid_desktop.master.masukan import IsianOpd, IsianPegawai
from ppid_desktop.master.models import Pegawai, PerangkatDaerah
from ppid_desktop.rekap.reader import Pemetaan
from ppid_desktop.services import Services
from tests.conftest import TEST_DEVICE

from .conftest import count

NIP = "196804111993031009"


@pytest.fixture
def filled(profil: Services, admin) -> Services:
    m = profil.master
    dk = m.simpan_opd(admin, IsianOpd.dari({"kode": "DISKOMINFO", "nama": "Dinas Komunikasi dan Informatika", "singkatan": "Diskominfo",
                            "kepala": "Drs. Agus", "kepala_nip": NIP, "ppid_email": "ppid@salatiga.go.id",
                            "ppid_telepon": "0298326767"}))
    m.simpan_opd(admin, IsianOpd.dari({"kode": "DINKES", "nama": "=HYPERLINK(\"http://x\")", "alamat": "+62 jalan", "aktif": False}))
    m.simpan_pegawai(admin, IsianPegawai.dari({"nama": "Drs. Agus Santoso, M.Si.", "nip": NIP, "jabatan": "Kepala Dinas", "opd_id": dk.id,
                           "pangkat": "Pembina", "golongan": "IV/a", "boleh_ttd": "pemberitahuan,laporan",
                           "telepon": "081234567890"}))
    m.tambah_hari(admin, date(2026, 7, 1), K.LIBUR_LOKAL, "Hari Jadi Kota Salatiga")
    m.tambah_hari(admin, date(2026, 7, 4), K.HARI_KERJA_PENGGANTI, "Pengganti cuti")
    return profil


@pytest.fixture
def empty(tmp_path: Path) -> Services:
    svc = Services.open(tmp_path / "kosong.sqlite", device=TEST_DEVICE)
    yield svc
    svc.close()


def _opd(svc: Services) -> list[tuple]:
    return sorted((o.kode, o.nama, o.singkatan, o.alamat, o.kepala, o.kepala_nip, o.ppid_telepon, o.ppid_email, o.aktif)
                  for o in svc.master.daftar_opd())


def _peg(svc: Services) -> list[tuple]:
    kode = {o.id: o.kode for o in svc.master.daftar_opd()}
    return sorted((p.nip, p.nama, p.pangkat, p.golongan, p.jabatan, kode.get(p.opd_id), p.telepon, p.boleh_ttd, p.aktif)
                  for p in svc.master.daftar_pegawai())


def _manual_days(svc: Services) -> list[tuple]:
    return sorted((d.tanggal, d.jenis, d.nama) for d in svc.master.daftar_hari(2026) if d.sumber != K.package_source())


def test_round_trip_into_empty_database(filled: Services, empty: Services, admin, tmp_path: Path) -> None:
    for jenis in ("opd", "pegawai", "kalender"):
        path = tmp_path / f"{jenis}.xlsx"
        filled.rekap.ekspor(admin, jenis, path, dari=date(2026, 1, 1), sampai=date(2026, 12, 31))
        hasil = empty.rekap.impor(admin, jenis, path)
        assert hasil.bersih and hasil.diterapkan, hasil.masalah
    assert _opd(empty) == _opd(filled)
    assert _peg(empty) == _peg(filled)
    assert {(d, j, n) for d, j, n in _manual_days(filled)} <= {
        (d.tanggal, d.jenis, d.nama) for d in empty.master.daftar_hari(2026)}


def test_reimport_changes_nothing_and_perbarui_updates(filled: Services, admin, tmp_path: Path) -> None:
    path = tmp_path / "opd.xlsx"
    filled.rekap.ekspor(admin, "opd", path)
    h = filled.rekap.impor(admin, "opd", path)
    assert (h.baru, h.ubah, h.lewati) == (0, 0, 2) and h.diterapkan
    assert count(filled, PerangkatDaerah) == 2
    dk = next(o for o in filled.master.daftar_opd() if o.kode == "DISKOMINFO")
    filled.master.simpan_opd(admin, IsianOpd.dari({"singkatan": "Kominfo"}), dk.id)
    h = filled.rekap.impor(admin, "opd", path)
    assert (h.baru, h.ubah, h.lewati) == (0, 0, 2)
    assert any("perbarui" in p.message for p in h.masalah if p.severity == "warning")
    assert filled.master.ambil_opd(dk.id).singkatan == "Kominfo"
    h = filled.rekap.impor(admin, "opd", path, perbarui=True)
    assert (h.baru, h.ubah, h.lewati) == (0, 1, 1)
    assert filled.master.ambil_opd(dk.id).singkatan == "Diskominfo"
    assert count(filled, PerangkatDaerah) == 2


def test_dry_run_writes_nothing(services: Services, admin, xlsx) -> None:
    p = xlsx([["Kode OPD", "Nama Perangkat Daerah"], ["A", "Satu"], ["B", "Dua"]])
    h = services.rekap.impor(admin, "opd", p, dry_run=True)
    assert h.bersih and not h.diterapkan and h.baru == 2
    assert count(services, PerangkatDaerah) == 0


@pytest.mark.parametrize("rows,needle", [
    ([["Kode OPD", "Nama Perangkat Daerah"], ["A", "Satu"], ["a", "Dua"]], "Kunci ganda"),
    ([["Kode OPD", "Nama Perangkat Daerah"], ["A", "Satu"], ["B", None]], "wajib diisi"),
    ([["Kode OPD", "Nama Perangkat Daerah", "NIP Kepala"], ["A", "Satu", "19680411199303100"]], "18 digit"),
    ([["Kode OPD", "Nama Perangkat Daerah", "E-mail PPID Pelaksana"], ["A", "Satu", "bukan-email"]], "e-mail"),
    ([["Kode OPD", "Singkatan"], ["A", "Satu"]], "Kolom wajib tidak ditemukan"),
])
def test_bad_rows_write_nothing(services: Services, admin, xlsx, rows, needle: str) -> None:
    rows = [*rows, ["C", "Tiga"]] if "Nama Perangkat Daerah" in rows[0] else rows
    p = xlsx(rows)
    h = services.rekap.impor(admin, "opd", p)
    assert not h.bersih and not h.diterapkan
    assert any(needle in e.message for e in h.galat), h.masalah
    assert count(services, PerangkatDaerah) == 0


def test_errors_come_first_with_excel_rows(services: Services, admin, xlsx) -> None:
    p = xlsx([["Daftar"], ["NIP", "Nama", "Jabatan", "Telepon"], [NIP, "A", "Staf", 81234567890],
              ["1968041119930310", "B", "Staf"], [int(NIP), "C", "Staf"]])
    h = services.rekap.periksa("pegawai", p)
    assert h.masalah[0].severity == "error" and h.masalah[0].row == 4 and h.masalah[0].column == "A (NIP)"
    assert h.masalah[1].row == 5 and "sebagai Teks" in h.masalah[1].message
    assert h.masalah[-1].severity == "warning" and h.masalah[-1].row == 3


def test_pegawai_unknown_opd_and_ttd(services: Services, admin, xlsx) -> None:
    p = xlsx([["NIP", "Nama", "Jabatan", "OPD", "Berwenang Menandatangani"],
              [NIP, "A", "Staf", "TIDAKADA", "pemberitahuan"], ["197001011995031001", "B", "Staf", None, "sihir"]])
    h = services.rekap.impor(admin, "pegawai", p)
    msgs = [e.message for e in h.galat]
    assert any("tidak dikenal di Data Master" in m for m in msgs) and any("sihir" in m for m in msgs)
    assert count(services, Pegawai) == 0


def test_calendar_import_rules(services: Services, admin, xlsx) -> None:
    p = xlsx([["Tanggal", "Jenis", "Keterangan"], ["01/07/2026", "Libur daerah", "Hari Jadi"],
              ["30 Februari 2026", "libur_lokal", "x"], ["06/07/2026", "Hari kerja pengganti", "Senin"]])
    h = services.rekap.impor(admin, "kalender", p)
    assert len(h.galat) == 2 and not h.diterapkan
    p = xlsx([["Tanggal", "Jenis", "Keterangan"], [date(2026, 7, 1), "Libur daerah", "Hari Jadi"]])
    h = services.rekap.impor(admin, "kalender", p)
    assert h.diterapkan and h.baru == 1
    assert not services.master.kalender_kerja().is_workday(date(2026, 7, 1))
    assert services.rekap.impor(admin, "kalender", p).lewati == 1


def test_permission_required(services: Services, xlsx) -> None:
    from ppid_desktop.akun import roles as R
    from ppid_desktop.core.errors import PermissionDenied
    from tests.conftest import make_actor

    p = xlsx([["Kode OPD", "Nama Perangkat Daerah"], ["A", "Satu"]])
    with pytest.raises(PermissionDenied):
        services.rekap.impor(make_actor(R.PETUGAS), "opd", p)
    assert count(services, PerangkatDaerah) == 0


def test_unknown_layout_mapping_is_remembered(services: Services, admin, xlsx, tmp_path: Path) -> None:
    rows = [["Data unit kerja"], ["Singkatan unit", "Uraian unit", "Keterangan"], ["DK", "Dinas K", "-"]]
    p = xlsx(rows)
    h = services.rekap.periksa("opd", p)
    assert not h.bersih and h.kandidat is not None and h.kandidat.baris_judul == 2
    mapping = Pemetaan(2, {"kode": "A", "nama": "B"})
    h = services.rekap.periksa("opd", p, pemetaan=mapping)
    assert h.bersih and h.baru == 1
    services.rekap.simpan_pemetaan(admin, "opd", h.kandidat or services.rekap.periksa("opd", p).kandidat, mapping)
    p2 = xlsx([*rows, ["DL", "Dinas L", ""]])
    h = services.rekap.impor(admin, "opd", p2)
    assert h.diterapkan and h.baru == 2, h.masalah
    assert {o.kode for o in services.master.daftar_opd()} == {"DK", "DL"}


def test_template_is_documented_and_imports_clean(services: Services, admin, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    for jenis in services.rekap.jenis_impor():
        path = services.rekap.templat(jenis, tmp_path / f"templat-{jenis}.xlsx")
        wb = load_workbook(path)
        assert "Petunjuk" in wb.sheetnames
        assert wb["Petunjuk"].max_row > 3
        h = services.rekap.periksa(jenis, path)
        assert h.bersih and (h.baru, h.ubah) == (0, 0), (jenis, h.masalah)


def test_row_gone_since_dry_run_rolls_back_everything(profil: Services, admin, xlsx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ppid_desktop.core.errors import UserError

    profil.master.simpan_opd(admin, IsianOpd.dari({"kode": "A", "nama": "Satu"}))
    kind = profil.rekap.jenis_impor()["opd"]
    real = kind.ada

    def ada(ctx):  # type: ignore[no-untyped-def]
        return {k: {**v, "id": "hilang"} for k, v in real(ctx).items()}

    monkeypatch.setattr(kind, "ada", ada)
    f = xlsx([["Kode OPD", "Nama Perangkat Daerah"], ["B", "Dua"], ["A", "Satu baru"]])
    with pytest.raises(UserError, match="baris 3") as exc:
        profil.rekap.impor(admin, "opd", f, perbarui=True)
    assert "uji coba lagi" in exc.value.message
    assert count(profil, PerangkatDaerah) == 1
