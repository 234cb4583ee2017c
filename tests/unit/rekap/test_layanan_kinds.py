"""Permohonan import (with decisions) and register exports."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ppid_desktop.layanan.masukan import KeberatanMasukan, PermohonanMasukan, PutusanKeberatanMasukan
from ppid_desktop.layanan.models import Permohonan
from ppid_desktop.master.masukan import IsianOpd
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
    p1 = lay.catat_permohonan(admin, PermohonanMasukan.dari_dict({"tanggal_diterima": date(2026, 3, 16), "nama": "Budi", "nik": NIK,
                                       "telepon": "081234567890", "rincian": "=SUM(A1) anggaran", "tujuan": "Kajian",
                                       "saluran": "email"}))
    lay.catat_permohonan(admin, PermohonanMasukan.dari_dict({"tanggal_diterima": date(2026, 3, 17), "nama": "Sri", "nik": NIK,
                                  "rincian": "Data", "tujuan": "Tugas"}))
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

    profil.layanan.catat_permohonan(admin, PermohonanMasukan.dari_dict({"tanggal_diterima": date(2026, 3, 16), "nama": "Budi", "nik": NIK,
                                             "rincian": "x", "tujuan": "y"}))
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


# ------------------------------------------------------------------ keberatan import
def _keberatan_db(profil: Services, admin) -> Services:
    lay = profil.layanan
    p1 = lay.catat_permohonan(admin, PermohonanMasukan.dari_dict({"tanggal_diterima": date(2026, 3, 2), "nama": "Budi", "nik": NIK,
                                       "rincian": "Data", "tujuan": "Kajian"}), nomor="001/PPID/III/2026")
    p2 = lay.catat_permohonan(admin, PermohonanMasukan.dari_dict({"tanggal_diterima": date(2026, 3, 3), "nama": "Sri", "nik": NIK,
                                       "rincian": "Data", "tujuan": "Tugas"}), nomor="002/PPID/III/2026")
    k1, _ = lay.catat_keberatan(admin, p1.id, KeberatanMasukan.dari_dict({"tanggal_diterima": date(2026, 3, 20), "alasan": "c,e",
                                                "kasus_posisi": "=Tidak ditanggapi", "nama_kuasa": "LBH"}),
                                 nomor="001/KEB/2026")
    lay.putus_keberatan(admin, k1.id, PutusanKeberatanMasukan.dari_dict({"putusan": "dikabulkan", "isi_tanggapan": "PPID diperintahkan memberi",
                                       "atasan_nama": "Drs. Agus", "tanggal_tanggapan": date(2026, 3, 25)}))
    lay.catat_keberatan(admin, p2.id, KeberatanMasukan.dari_dict({"tanggal_diterima": date(2026, 3, 23), "alasan": "d",
                                        "kasus_posisi": "Tidak sesuai"}), nomor="002/KEB/2026")
    return profil


def _keb_rows(svc: Services) -> list[tuple]:
    from sqlmodel import select

    from ppid_desktop.layanan.models import Keberatan

    with svc.store.read() as s:
        nomor = {p.id: p.nomor for p in s.exec(select(Permohonan))}
        ks = s.exec(select(Keberatan)).all()
    return sorted((k.nomor, nomor[k.permohonan_id], k.tanggal_diterima, k.nama, k.nama_kuasa, k.alasan, k.kasus_posisi,
                   k.status, k.putusan, k.tanggal_tanggapan, k.atasan_nama, k.isi_tanggapan, k.tenggat_jawaban,
                   k.terlambat_diajukan) for k in ks)


def test_keberatan_round_trip_and_idempotence(profil: Services, empty: Services, admin, tmp_path: Path) -> None:
    from ppid_desktop.layanan.models import Keberatan

    _keberatan_db(profil, admin)
    reg, keb = tmp_path / "reg.xlsx", tmp_path / "keb.xlsx"
    profil.rekap.ekspor(admin, "register-permohonan", reg, tampilkan_nik=True)
    assert profil.rekap.ekspor(admin, "register-keberatan", keb) == 2
    ws = load_workbook(keb)["Register Keberatan"]
    cells = {c.value: c for r in ws.iter_rows() for c in r if c.value is not None}
    assert cells["=Tidak ditanggapi"].data_type == "s"
    assert any(c.is_date and c.number_format == "dd/mm/yyyy" for c in cells.values())
    h = empty.rekap.impor(admin, "keberatan", keb)  # permohonan not there yet -> problems, nothing written
    assert not h.diterapkan and all("tidak ditemukan" in e.message for e in h.galat) and len(h.galat) == 2
    assert h.galat[0].column.startswith("C ")
    assert count(empty, Keberatan) == 0
    assert empty.rekap.impor(admin, "permohonan", reg).diterapkan
    h = empty.rekap.impor(admin, "keberatan", keb)
    assert h.diterapkan and h.baru == 2, h.masalah
    assert _keb_rows(empty) == _keb_rows(profil)
    h = empty.rekap.impor(admin, "keberatan", keb)
    assert (h.baru, h.ubah, h.lewati) == (0, 0, 2) and count(empty, Keberatan) == 2


def test_keberatan_bad_rows_write_nothing(profil: Services, admin, xlsx) -> None:
    from ppid_desktop.layanan.models import Keberatan

    profil.layanan.catat_permohonan(admin, PermohonanMasukan.dari_dict({"tanggal_diterima": date(2026, 3, 2), "nama": "Budi", "nik": NIK,
                                             "rincian": "Data", "tujuan": "Kajian"}), nomor="001/PPID/III/2026")
    head = ["No. Registrasi Keberatan", "Tanggal Keberatan", "Nomor Permohonan", "Alasan Keberatan", "Kasus Posisi",
            "Putusan", "Atasan PPID", "Tanggal Tanggapan", "Isi Tanggapan"]
    p = xlsx([["REGISTER KEBERATAN"], head,
              ["K1", "10/03/2026", "001/PPID/III/2026", "h", "x"],                       # 3: ground h not in a–g
              ["K2", "01/03/2026", "001/PPID/III/2026", "c", "x"],                       # 4: before the request
              ["K3", "10/03/2026", "001/PPID/III/2026", "a", "x", "Selesai melalui musyawarah", "Agus",
               "12/03/2026", "ok"],                                                      # 5: musyawarah on a
              ["K4", "10/03/2026", "001/PPID/III/2026", "c", "x", "Dikabulkan sebagian"],  # 6: no answer data
              ["K4", "10/03/2026", "001/PPID/III/2026", "c", "x"],                       # 7: duplicate key
              ["K5", "10/03/2026", "001/PPID/III/2026", "b,c", "ok"]])                   # 8: clean
    h = profil.rekap.impor(admin, "keberatan", p)
    rows = {e.row for e in h.galat}
    assert rows == {3, 4, 5, 6, 7}, h.masalah
    assert any("Huruf h" in e.message and e.column.startswith("D") for e in h.galat)
    assert any("musyawarah" in e.message for e in h.galat)
    assert not h.diterapkan and count(profil, Keberatan) == 0


# ------------------------------------------------------------------ laporan layanan
def test_laporan_layanan_export_matches_compute(profil: Services, admin, tmp_path: Path) -> None:
    from ppid_desktop.layanan import laporan as L

    _keberatan_db(profil, admin)
    with profil.store.session(admin) as s:
        p = s.exec(__import__("sqlmodel").select(Permohonan).where(Permohonan.nomor == "001/PPID/III/2026")).one()
        p.keputusan, p.pasal17, p.tanggal_pemberitahuan, p.status, p.hk_pemberitahuan = (
            "ditolak", "a,h", date(2026, 3, 10), "diputuskan", 6)
    path = tmp_path / "lap.xlsx"
    dari, sampai = date(2026, 1, 1), date(2026, 12, 31)
    n = profil.rekap.ekspor(admin, "laporan-layanan", path, dari=dari, sampai=sampai)
    with profil.store.read() as s:
        r = L.compute(s, dari, sampai)
    wb = load_workbook(path)
    assert wb.sheetnames == ["Ringkasan", "Saluran", "OPD", "Jenis Pemohon", "Keputusan", "Waktu", "Pasal 17",
                             "Keberatan", "Putusan Keberatan", "Sengketa", "Narasi"]
    assert n > 10

    def table(name: str) -> dict:
        ws = wb[name]
        assert ws.freeze_panes and ws.auto_filter.ref and ws.page_setup.orientation == "landscape"
        return {row[0].value: row for row in ws.iter_rows(min_row=int(ws.freeze_panes[1:]))}

    ring = table("Ringkasan")
    assert ring["Permohonan diterima"][1].value == r.total == 2
    assert ring["Periode awal"][1].is_date and ring["Periode awal"][1].number_format == "dd/mm/yyyy"
    assert ring["Rata-rata waktu pemberitahuan (hari kerja)"][1].value == r.rata_hk
    assert ring["Rata-rata waktu pemberitahuan (hari kerja)"][1].number_format == "#,##0.00"
    pasal = table("Pasal 17")
    assert {k: v[2].value for k, v in pasal.items()} == r.per_pasal17 == {"a": 1, "h": 1}
    assert isinstance(pasal["h"][2].value, int)
    keb = table("Keberatan")
    assert {k: v[2].value for k, v in keb.items()} == r.keberatan_per_alasan
    kep = table("Keputusan")
    tolak = kep["Ditolak (informasi dikecualikan)"] if "Ditolak (informasi dikecualikan)" in kep else next(
        v for k, v in kep.items() if v[1].value == "ditolak")
    assert tolak[2].value == 1 and tolak[3].value == 0.5 and tolak[3].number_format == "0.00%"
    put = table("Putusan Keberatan")
    assert sum(v[2].value for v in put.values()) == r.keberatan_total == 2


def test_opd_named_by_singkatan_or_unknown(profil: Services, admin, xlsx) -> None:  # type: ignore[no-untyped-def]
    opd = profil.master.simpan_opd(admin, IsianOpd.dari({"kode": "DK", "nama": "Dinas Kominfo", "singkatan": "Diskominfo"}))
    head = ["No. Pendaftaran", "Tanggal", "Nama", "NIK", "Informasi yang Diminta", "Tujuan", "OPD"]
    f = xlsx([head, ["001", "16/03/2026", "Budi", NIK, "Data", "Kajian", "diskominfo"],
              ["002", "16/03/2026", "Sri", NIK, "Data", "Kajian", "Dinas Sihir"]], text_cells=("D2", "D3"))
    h = profil.rekap.periksa("permohonan", f)
    assert [(p.row, p.column, p.value) for p in h.galat] == [(3, "G (OPD)", "Dinas Sihir")]
    assert "tidak dikenal di Data Master" in h.galat[0].message
    assert [i.data["opd_id"] for i in h.items] == [opd.id]


def test_keberatan_workbook_missing_columns_blanks_nothing(profil: Services, empty: Services, admin,
                                                           tmp_path: Path) -> None:
    """A keberatan register without the proxy, ruling and identity columns, imported with 'perbarui' over the
    stored register, changes the column it has (kasus posisi) and leaves every other field as it was."""
    _keberatan_db(profil, admin)
    reg, keb, kurang = tmp_path / "reg.xlsx", tmp_path / "keb.xlsx", tmp_path / "kurang.xlsx"
    profil.rekap.ekspor(admin, "register-permohonan", reg, tampilkan_nik=True)
    profil.rekap.ekspor(admin, "register-keberatan", keb)
    assert empty.rekap.impor(admin, "permohonan", reg).diterapkan
    assert empty.rekap.impor(admin, "keberatan", keb).diterapkan
    before = _keb_rows(empty)
    wb = load_workbook(keb)
    ws = wb["Register Keberatan"]
    hdr = next(r for r in range(1, 15) if ws.cell(r, 1).value == "No. Registrasi Keberatan")
    judul = {ws.cell(hdr, c).value: c for c in range(1, ws.max_column + 1)}
    for r in range(hdr + 1, ws.max_row + 1):
        if ws.cell(r, 1).value:
            ws.cell(r, judul["Kasus Posisi"]).value = "Kasus posisi diperbarui"
    for name in sorted(("Nama Kuasa", "Alamat Kuasa", "Status", "Putusan", "Tanggal Tanggapan", "Atasan PPID",
                        "Isi Tanggapan", "Alamat", "Pekerjaan", "Nomor Kontak", "E-mail"), key=judul.get, reverse=True):
        ws.delete_cols(judul[name])
    wb.save(kurang)
    h = empty.rekap.impor(admin, "keberatan", kurang, perbarui=True)
    assert h.diterapkan and h.ubah == 2, h.masalah
    after = _keb_rows(empty)
    assert [r[6] for r in after] == ["Kasus posisi diperbarui"] * 2
    assert [r[:6] + r[7:] for r in after] == [r[:6] + r[7:] for r in before]
