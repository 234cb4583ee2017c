"""The room's parts behind the façade: the view model the detail screen uses, and the bulk import API."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from ppid_desktop.akun import roles as R  # noqa: N812
from ppid_desktop.akun.roles import can
from ppid_desktop.core.audit import AuditLog
from ppid_desktop.core.errors import PermissionDenied
from ppid_desktop.core.penomoran import NomorUrut
from ppid_desktop.layanan import rules as RU  # noqa: N812
from ppid_desktop.layanan.impor import BarisImpor
from ppid_desktop.layanan.masukan import (
    BarisImporPermohonan,
    KeberatanMasukan,
    KeputusanMasukan,
    KoreksiKeberatan,
    KoreksiPermohonan,
    KoreksiSengketa,
    PermohonanMasukan,
    PutusanKeberatanMasukan,
    SengketaMasukan,
)
from ppid_desktop.layanan.models import Permohonan, RiwayatLayanan
from tests.unit.layanan.conftest import data_permohonan


def _boleh(actor):
    return lambda izin: can(actor, izin)


def test_view_model_steps_follow_cek_transisi(kantor, petugas, ppid):
    L = kantor.layanan
    p = L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan()))
    vm = RU.tampilan_permohonan(L.ambil_permohonan(p.id), _boleh(petugas))
    assert {t.ke for t in vm.langkah} == {RU.DIPROSES, RU.DITARIK}  # putuskan needs LAYANAN_PUTUS
    assert vm.dokumen == ("tanda-bukti",) and not vm.boleh_keberatan and vm.boleh_ubah
    L.putuskan(ppid, p.id, KeputusanMasukan.dari_dict({"keputusan": RU.SELURUHNYA, "tanggal_pemberitahuan": date(2026, 6, 5)}))
    vm = RU.tampilan_permohonan(L.ambil_permohonan(p.id), _boleh(ppid))
    # granted: delivery is offered, closing is not (cek_transisi refuses it before delivery)
    assert [t.ke for t in vm.langkah] == [RU.DISERAHKAN]
    assert vm.dokumen == ("tanda-bukti", "pemberitahuan") and vm.boleh_keberatan
    for t in vm.langkah:  # every offered step passes the service's own guard
        RU.cek_transisi(L.ambil_permohonan(p.id).status, t.ke, ppid, L.ambil_permohonan(p.id).keputusan)


def test_view_model_refusal_documents(kantor, petugas, ppid):
    L = kantor.layanan
    p = L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan()))
    L.putuskan(ppid, p.id, KeputusanMasukan.dari_dict({"keputusan": RU.DITOLAK, "pasal17": "h", "uji_konsekuensi": "BA 1/2026",
                            "tanggal_pemberitahuan": date(2026, 6, 5)}))
    vm = RU.tampilan_permohonan(L.ambil_permohonan(p.id), _boleh(ppid))
    assert "penolakan" in vm.dokumen and [t.ke for t in vm.langkah] == [RU.SELESAI]


def test_impor_permohonan_bulk_one_counter_move_history_per_row(kantor, petugas, profil):
    L = kantor.layanan
    pola = next(t.pola for t in kantor.master.daftar_pola_nomor() if t.jenis == "permohonan")
    from ppid_desktop.core.penomoran import render

    rows = []
    for i in range(1, 6):
        data = L.validasi_permohonan(PermohonanMasukan.dari_dict(data_permohonan(nama=f"Pemohon {i}", tanggal_diterima=date(2026, 5, i))),
                                     baru=True)
        if i == 5:
            data.update(keputusan=RU.SELURUHNYA, tanggal_pemberitahuan=date(2026, 5, 20))
        rows.append(BarisImpor(render(pola, 40 + i, date(2026, 5, i)), BarisImporPermohonan.dari(data), sumber=f"Excel (baris {i + 1})"))
    with kantor.store.session(petugas) as s:
        assert L.impor_permohonan(s, petugas, rows) == 5
    with kantor.store.read() as s:
        got = {p.nomor: p for p in s.exec(select(Permohonan))}
        assert len(got) == 5
        p5 = got[rows[4].nomor]
        cal, versi = L.kalender(date(2026, 5, 5))
        assert p5.status == RU.DIPUTUSKAN
        assert p5.hk_pemberitahuan == cal.workdays_between(date(2026, 5, 5), date(2026, 5, 20)) > 0
        assert p5.tenggat_efektif == cal.add_workdays(date(2026, 5, 5), 10).jatuh_tempo
        assert p5.nik_mask and p5.nik_enc and p5.nik_enc != "3373011203800003"
        hist = sorted(s.exec(select(RiwayatLayanan).where(RiwayatLayanan.objek_id == p5.id)), key=lambda h: h.created_at)
        assert [h.catatan for h in hist] == ["Diimpor dari Excel (baris 6).",
                                             "Dikabulkan seluruhnya — pemberitahuan tertulis 20 Mei 2026 (dari register)."]
        assert [h.status_ke for h in hist] == [RU.DITERIMA, RU.DIPUTUSKAN]
        assert s.exec(select(NomorUrut.terakhir).where(NomorUrut.seri == "permohonan", NomorUrut.tahun == 2026)).one() == 45
        assert s.exec(select(AuditLog).where(AuditLog.action == "bulk_create", AuditLog.entity == "permohonan")).first()
    nxt = L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan()))
    assert nxt.nomor == render(pola, 46, nxt.tanggal_diterima)


def test_impor_needs_permission(kantor):
    from tests.conftest import make_actor

    tamu = make_actor(R.MONEV, username="tamu")
    with pytest.raises(PermissionDenied), kantor.store.session(tamu) as s:
        kantor.layanan.impor_permohonan(s, tamu, [])


def test_update_permohonan_history_old_new_nik_masked(kantor, petugas):
    L = kantor.layanan
    p = L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan(nama="Budi Santos")))
    L.ubah_permohonan(petugas, p.id, KoreksiPermohonan.dari_dict({"nama": "Budi Santoso", "nik": "3373015507900004", "saluran": "email"}))
    note = [e.catatan for e in L.riwayat(p.id) if e.aksi == "diubah"][0]
    assert "Nama pemohon: “Budi Santos” → “Budi Santoso”" in note
    assert "Saluran: Langsung (meja layanan) → " in note
    assert "NIK: 3373••••••••0003 → 3373••••••••0004" in note and "3373015507900004" not in note
    L.ubah_permohonan(petugas, p.id, KoreksiPermohonan.dari_dict({"nama": "Budi Santoso"}))  # no change: no event
    assert len([e for e in L.riwayat(p.id) if e.aksi == "diubah"]) == 1


def test_update_keberatan_and_sengketa_history(kantor, petugas, ppid, atasan):
    L = kantor.layanan
    p = L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan()))
    L.putuskan(ppid, p.id, KeputusanMasukan.dari_dict({"keputusan": RU.DITOLAK, "pasal17": "h", "uji_konsekuensi": "BA 1/2026",
                            "tanggal_pemberitahuan": date(2026, 6, 5)}))
    k, _ = L.catat_keberatan(petugas, p.id, KeberatanMasukan.dari_dict({"alasan": "a", "kasus_posisi": "Bukan rahasia",
                                              "tanggal_diterima": date(2026, 6, 8)}))
    L.ubah_keberatan(petugas, k.id, KoreksiKeberatan.dari_dict({"kasus_posisi": "Bukan rahasia pribadi", "alasan": ["a", "e"]}))
    note = [e.catatan for e in L.riwayat(k.id) if e.aksi == "diubah"][0]
    assert "Kasus posisi: “Bukan rahasia” → “Bukan rahasia pribadi”" in note and "“a” → “a,e”" in note
    L.putus_keberatan(atasan, k.id, PutusanKeberatanMasukan.dari_dict({"putusan": "ditolak", "isi_tanggapan": "Menguatkan", "atasan_nama": "Drs. W",
                                     "tanggal_tanggapan": date(2026, 6, 10)}))
    from ppid_desktop.core.errors import ValidationError

    with pytest.raises(ValidationError):
        L.ubah_keberatan(petugas, k.id, KoreksiKeberatan.dari_dict({"alasan": ["c"]}))
    g, _ = L.catat_sengketa(petugas, k.id, SengketaMasukan.dari_dict({"tanggal_diajukan": date(2026, 6, 12), "nomor_ki": "01/REG/2026"}))
    L.ubah_sengketa(petugas, g.id, KoreksiSengketa.dari_dict({"nomor_ki": "001/REG-PSI/VI/2026", "tahap": "mediasi"}))
    note = [e.catatan for e in L.riwayat(g.id) if e.aksi == "diubah"][-1]
    assert "Nomor registrasi KI: “01/REG/2026” → “001/REG-PSI/VI/2026”" in note
    assert "Tahap: Registrasi di Komisi Informasi → Mediasi" in note


def test_import_working_day_counts_match_the_calendar(kantor):
    """The import's running count of working days gives cal.workdays_between for any pair, in any order."""
    import random

    from ppid_desktop.layanan.impor import _Kalender

    cal, versi = kantor.layanan.kalender(date(2025, 12, 1), date(2026, 6, 1))
    kal = _Kalender(cal, versi)
    rng = random.Random(5)
    days = [date(2026, 1, 1).fromordinal(date(2026, 1, 1).toordinal() + rng.randint(-20, 150)) for _ in range(60)]
    for a, b in zip(days, reversed(days), strict=True):
        assert kal.hk(a, b) == cal.workdays_between(a, b), (a, b)


def test_view_model_says_which_letters_a_role_may_print(kantor, petugas, ppid):
    L = kantor.layanan
    p = L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan()))
    L.putuskan(ppid, p.id, KeputusanMasukan.dari_dict({"keputusan": RU.SELURUHNYA, "tanggal_pemberitahuan": date(2026, 6, 5)}))
    row = L.ambil_permohonan(p.id)
    atasan = _boleh_set({R.KEBERATAN_PUTUS, R.PDP_LIHAT})
    vm = RU.tampilan_permohonan(row, atasan)
    assert vm.dokumen == ("tanda-bukti", "pemberitahuan")
    # the receipt prints the whole NIK and is the service desk's; the notice needs PDP_LIHAT only
    assert vm.cetak == (False, True)
    assert vm.izin_cetak == ((R.PDP_LIHAT, R.LAYANAN_CATAT), (R.PDP_LIHAT,))
    assert RU.tampilan_permohonan(row, _boleh(ppid)).cetak == (True, True)
    assert RU.tampilan_permohonan(row, _boleh_set(set())).cetak == (False, False)


def _boleh_set(izin: set[str]):
    return lambda i: i in izin
