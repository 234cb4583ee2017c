"""Keberatan filing window set by hand (with a reason), the sengketa clocks of Pasal 37(2) and 38, and the
annual report's completeness: time to fulfil, what followed answers and rulings, court cases, report sent."""

from __future__ import annotations

from datetime import date

import pytest

from ppid_desktop.core.errors import ValidationError
from ppid_desktop.layanan import laporan as LP  # noqa: N812
from ppid_desktop.layanan import rules as RU  # noqa: N812
from ppid_desktop.layanan.masukan import (
    KeberatanMasukan,
    KeputusanMasukan,
    KoreksiSengketa,
    PengirimanLaporanMasukan,
    PermohonanMasukan,
    PutusanKeberatanMasukan,
    SengketaMasukan,
)
from tests.unit.layanan.conftest import data_permohonan


@pytest.fixture
def ditolak(kantor, petugas, ppid):
    L = kantor.layanan
    p = L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan(tanggal_diterima=date(2026, 3, 2))))
    L.putuskan(ppid, p.id, KeputusanMasukan.dari_dict({"keputusan": RU.DITOLAK, "pasal17": "h", "uji_konsekuensi": "BA 1/2026",
                            "tanggal_pemberitahuan": date(2026, 3, 6)}))
    return p


def test_filing_window_start_needs_a_reason(kantor, petugas, ditolak):
    L = kantor.layanan
    data = {"alasan": "b", "kasus_posisi": "Informasi berkala tidak diumumkan", "tanggal_diterima": date(2026, 5, 4),
            "tanggal_dasar": date(2026, 4, 20)}
    with pytest.raises(ValidationError) as exc:
        L.catat_keberatan(petugas, ditolak.id, KeberatanMasukan.dari_dict(data))
    assert "alasan_tanggal_dasar" in exc.value.problems
    k, warnings = L.catat_keberatan(petugas, ditolak.id, KeberatanMasukan.dari_dict({**data, "alasan_tanggal_dasar": "Pemohon mengetahui "
                                                            "DPA tidak diumumkan pada 20 April 2026"}))
    assert k.tanggal_dasar == date(2026, 4, 20) and not k.terlambat_diajukan and warnings == []
    assert "mengetahui DPA" in k.alasan_tanggal_dasar
    assert any("dihitung sejak 20 April 2026" in e.catatan for e in L.riwayat(k.id))


def test_sengketa_window_from_answer_received_and_ki_clock(kantor, petugas, atasan, ditolak):
    L = kantor.layanan
    k, _ = L.catat_keberatan(petugas, ditolak.id, KeberatanMasukan.dari_dict({"alasan": "a", "kasus_posisi": "x", "tanggal_diterima": date(2026, 3, 9)}))
    L.putus_keberatan(atasan, k.id, PutusanKeberatanMasukan.dari_dict({"putusan": "ditolak", "isi_tanggapan": "Menguatkan", "atasan_nama": "Drs. W",
                                     "tanggal_tanggapan": date(2026, 3, 13)}))
    cal, _ = L.kalender(date(2026, 3, 13))
    diterima = date(2026, 3, 27)  # the answer reached the requester two weeks later (post)
    aju = cal.add_workdays(diterima, 14).jatuh_tempo  # on time counted from receipt, late from the answer date
    assert aju > cal.add_workdays(date(2026, 3, 13), 14).jatuh_tempo
    g, warnings = L.catat_sengketa(petugas, k.id, SengketaMasukan.dari_dict({"tanggal_diajukan": aju, "tanggal_jawaban_diterima": diterima}))
    assert not g.terlambat_diajukan and warnings == [] and g.batas_pengajuan == aju
    assert g.batas_ki == cal.add_workdays(aju, 100).jatuh_tempo
    assert "100 hari kerja" in L.jam_ki(g) and "sisa" in L.jam_ki(g)
    g2, warnings = L.catat_sengketa(petugas, k.id, SengketaMasukan.dari_dict({"tanggal_diajukan": aju}))  # receipt unknown: from the answer
    assert g2.terlambat_diajukan and warnings
    with pytest.raises(ValidationError):
        L.catat_sengketa(petugas, k.id, SengketaMasukan.dari_dict({"tanggal_diajukan": aju, "tanggal_jawaban_diterima": date(2026, 3, 10)}))


def test_annual_report_completeness_and_sent_record(kantor, petugas, ppid, atasan, ditolak, admin):
    L = kantor.layanan
    a = L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan(nama="A", tanggal_diterima=date(2026, 3, 2))))
    L.putuskan(ppid, a.id, KeputusanMasukan.dari_dict({"keputusan": RU.SELURUHNYA, "tanggal_pemberitahuan": date(2026, 3, 4)}))
    L.serahkan(petugas, a.id, date(2026, 3, 9))
    k, _ = L.catat_keberatan(petugas, ditolak.id, KeberatanMasukan.dari_dict({"alasan": "a", "kasus_posisi": "x", "tanggal_diterima": date(2026, 3, 9)}))
    L.putus_keberatan(atasan, k.id, PutusanKeberatanMasukan.dari_dict({"putusan": "dikabulkan", "isi_tanggapan": "Berikan", "atasan_nama": "Drs. W",
                                     "tanggal_tanggapan": date(2026, 3, 13)}))
    L.tindak_lanjut_keberatan(petugas, k.id, "dilaksanakan")
    g, _ = L.catat_sengketa(petugas, k.id, SengketaMasukan.dari_dict({"tanggal_diajukan": date(2026, 3, 20)}))
    L.ubah_sengketa(petugas, g.id, KoreksiSengketa.dari_dict({"tahap": "putusan_ki", "tanggal_putusan": date(2026, 5, 4),
                                      "putusan_dilaksanakan": "tidak_dilaksanakan",
                                      "tanggal_diajukan_pengadilan": date(2026, 5, 11)}))
    cal, _ = L.kalender(date(2026, 3, 1))
    with kantor.store.read() as s:
        r = LP.compute(s, date(2026, 1, 1), date(2026, 12, 31), cal=cal)
    assert r.diserahkan == 1 and r.rata_hk_pemenuhan == cal.workdays_between(date(2026, 3, 4), date(2026, 3, 9))
    assert r.keberatan_tindak_lanjut == {"dilaksanakan": 1}
    assert r.sengketa_putusan_dilaksanakan == {"tidak_dilaksanakan": 1}
    assert r.pengadilan_total == 1 and r.pengadilan_diputus == 0
    L.clock = lambda: date(2027, 2, 10)
    assert "31 Maret 2027" in L.ringkasan().pengingat_laporan
    with pytest.raises(ValidationError):
        L.catat_pengiriman_laporan(admin, date(2026, 1, 1), date(2026, 12, 31), PengirimanLaporanMasukan.dari_dict({"kepada": ""}))
    L.catat_pengiriman_laporan(admin, date(2026, 1, 1), date(2026, 12, 31),
                               PengirimanLaporanMasukan.dari_dict({"kepada": "Komisi Informasi Provinsi Jawa Tengah", "tanggal": date(2027, 2, 9),
                                "cara": "surat dinas"}))
    assert L.ringkasan().pengingat_laporan == ""
    with kantor.store.read() as s:
        r = LP.compute(s, date(2026, 1, 1), date(2026, 12, 31), cal=cal)
    assert r.terkirim == [{"kepada": "Komisi Informasi Provinsi Jawa Tengah", "tanggal": "2027-02-09",
                           "cara": "surat dinas"}]
