"""Deadline rules over real 2026 dates (hand-computed) and recompute on calendar change."""

from __future__ import annotations

from datetime import date

import pytest

from ppid_desktop.core import kalender as K  # noqa: N812
from ppid_desktop.core.errors import ValidationError
from ppid_desktop.layanan.masukan import KeputusanMasukan, PermohonanMasukan
from ppid_desktop.layanan.models import Permohonan
from tests.unit.layanan.conftest import data_permohonan


def _skipped(svc, p):
    info = svc.layanan.penjelasan_tenggat(p)
    return {x["tanggal"]: x["alasan"] for x in info["awal"]["hari_dilewati"]}


def test_friday_receipt_over_nyepi_and_idul_fitri(kantor, petugas):
    # Fri 13 Mar 2026: 16,17 | Nyepi 18 (cuti) 19, Idul Fitri 20–24 | 25,26,27,30,31,1 Apr,2 | Good Friday 3 | Mon 6 Apr
    p = kantor.layanan.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan(tanggal_diterima=date(2026, 3, 13))))
    assert p.tenggat == date(2026, 4, 6)
    assert p.tenggat_efektif == date(2026, 4, 6)
    assert p.versi_kalender == kantor.master.versi_kalender()
    skipped = _skipped(kantor, p)
    assert "Nyepi" in skipped["2026-03-19"]
    assert "Idul Fitri" in skipped["2026-03-21"]
    assert skipped["2026-03-18"].startswith("Cuti bersama")
    assert "Wafat Yesus Kristus" in skipped["2026-04-03"]
    assert "2026-03-16" not in skipped and "2026-03-25" not in skipped
    text = kantor.layanan.teks_penjelasan(kantor.layanan.penjelasan_tenggat(p))
    assert "Jumat, 13 Maret 2026" in text and "Senin, 6 April 2026" in text and "Nyepi" in text


def test_domain_example_16_march(kantor, petugas):
    p = kantor.layanan.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan(tanggal_diterima=date(2026, 3, 16))))
    assert p.tenggat == date(2026, 4, 7)  # domain.md 6: 7 April when cuti bersama is skipped


def test_christmas_and_new_year(kantor, petugas):
    kantor.layanan.clock = lambda: date(2026, 12, 21)
    # Fri 18 Dec: 21,22,23 | cuti 24, Natal 25 | 28,29,30,31 | 1 Jan | 4 | Isra Mikraj 5 Jan 2027 | 6, 7
    p = kantor.layanan.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan(tanggal_diterima=date(2026, 12, 18))))
    assert p.tenggat == date(2027, 1, 7)
    skipped = _skipped(kantor, p)
    assert "Natal" in skipped["2026-12-25"] and "Natal" in skipped["2026-12-24"]
    assert "Tahun Baru" in skipped["2027-01-01"]


def test_plain_friday_with_isra_mikraj(kantor, petugas):
    # Fri 9 Jan 2026: 12–15 (4), Isra Mikraj Fri 16 Jan skipped, 19–23 (9), Mon 26 Jan (10)
    p = kantor.layanan.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan(tanggal_diterima=date(2026, 1, 9))))
    assert p.tenggat == date(2026, 1, 26)


def test_extension_adds_seven_workdays_once(kantor, petugas, ppid):
    kantor.layanan.clock = lambda: date(2026, 4, 1)
    p = kantor.layanan.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan(tanggal_diterima=date(2026, 3, 13))))
    kantor.layanan.disposisi(petugas, p.id)
    p = kantor.layanan.perpanjang(ppid, p.id, "Informasi masih dihimpun dari tiga bidang", date(2026, 4, 1))
    assert p.tenggat == date(2026, 4, 6)
    assert p.tenggat_perpanjangan == date(2026, 4, 15)  # 7,8,9,10,13,14,15 April
    assert p.tenggat_efektif == date(2026, 4, 15)
    info = kantor.layanan.penjelasan_tenggat(p)
    assert info["perpanjangan"]["hari_kerja"] == 7
    with pytest.raises(Exception, match="tidak diperbolehkan"):
        kantor.layanan.perpanjang(ppid, p.id, "lagi", date(2026, 4, 1))


def test_extension_after_first_ten_days_refused_record_unchanged(kantor, petugas, ppid):
    kantor.layanan.clock = lambda: date(2026, 4, 8)
    p = kantor.layanan.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan(tanggal_diterima=date(2026, 3, 13))))
    kantor.layanan.disposisi(petugas, p.id)
    with pytest.raises(ValidationError) as err:
        kantor.layanan.perpanjang(ppid, p.id, "Terlambat menghimpun", date(2026, 4, 7))
    assert "sebelum 10 hari kerja pertama habis" in str(err.value)
    assert "tanggal_perpanjangan" in err.value.problems
    after = kantor.layanan.ambil_permohonan(p.id)
    assert after.status == "diproses" and after.tenggat_perpanjangan is None and after.alasan_perpanjangan == ""


def test_extension_without_reason_refused(kantor, petugas, ppid):
    p = kantor.layanan.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan(tanggal_diterima=date(2026, 6, 10))))
    kantor.layanan.disposisi(petugas, p.id)
    with pytest.raises(ValidationError, match="alasan tertulis"):
        kantor.layanan.perpanjang(ppid, p.id, "  ")


def test_calendar_change_recomputes_open_deadlines_and_logs(kantor, petugas, ppid, admin):
    L = kantor.layanan
    open_p = L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan(tanggal_diterima=date(2026, 6, 1))))
    closed = L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan(tanggal_diterima=date(2026, 6, 1), nama="Ani")))
    L.putuskan(ppid, closed.id, KeputusanMasukan.dari_dict({"keputusan": "dikabulkan_seluruhnya", "tanggal_pemberitahuan": date(2026, 6, 3)}))
    # 1 Jun 2026 is Hari Lahir Pancasila (a holiday, but receipt day is day 0); 10 HK -> 15 Jun
    assert open_p.tenggat == date(2026, 6, 15)
    kantor.master.tambah_hari(admin, date(2026, 6, 10), K.KANTOR_TUTUP, "Kantor tutup: pemadaman listrik")
    after = L.ambil_permohonan(open_p.id)
    assert after.tenggat == date(2026, 6, 17)  # 16 Jun 2026 is Tahun Baru Islam 1448 H
    assert after.versi_kalender == kantor.master.versi_kalender() != open_p.versi_kalender
    events = [e for e in L.riwayat(open_p.id) if e.aksi == "tenggat_dihitung_ulang"]
    assert len(events) == 1 and "17 Juni 2026" in events[0].catatan
    assert L.ambil_permohonan(closed.id).tenggat == date(2026, 6, 15)  # decided: left alone
    assert _skipped(kantor, after)["2026-06-10"].startswith("Kantor tutup")


def test_deadlines_stored_with_calendar_version(kantor, petugas):
    p = kantor.layanan.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan()))
    with kantor.store.read() as s:
        row = s.get(Permohonan, p.id)
    from ppid_desktop.layanan.rincian import unpack_row  # compact: weekends, row dates implied

    assert row.tenggat_rincian.startswith('{"k":2') and row.tanggal_diterima.isoformat() not in row.tenggat_rincian
    full = unpack_row(row.tenggat_rincian, row.model_dump())
    assert row.versi_kalender and "hari_dilewati" in full["awal"] and full["awal"]["tenggat"] == row.tenggat.isoformat()
