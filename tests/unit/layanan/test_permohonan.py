"""Status machine, decisions and their grounds, bad input, NIK protection, keberatan, sengketa, register."""

from __future__ import annotations

import itertools
import sqlite3
from datetime import date

import pytest
from sqlmodel import select

from ppid_desktop.akun import roles as R  # noqa: N812
from ppid_desktop.core.audit import AuditLog
from ppid_desktop.core.errors import PermissionDenied, UserError, ValidationError
from ppid_desktop.layanan import rules as RU  # noqa: N812
from ppid_desktop.layanan.masukan import (
    KeberatanMasukan,
    KeputusanMasukan,
    KoreksiSengketa,
    PermohonanMasukan,
    PutusanKeberatanMasukan,
    SengketaMasukan,
)
from ppid_desktop.layanan.queries import RegisterFilter, keberatan_rows, register_rows
from ppid_desktop.master.service import attachment_path
from tests.conftest import make_actor
from tests.unit.layanan.conftest import HARI_INI, data_permohonan

NIK = "3373011203800003"


# ------------------------------------------------------------------ status machine
def test_every_forbidden_transition_refused():
    allowed = {(t.dari, t.ke) for t in RU.TRANSISI}
    admin = make_actor(R.ADMIN)
    refused = 0
    for dari, ke in itertools.product(RU.STATUS, RU.STATUS):
        if (dari, ke) in allowed:
            continue
        with pytest.raises(UserError, match="tidak diperbolehkan"):
            RU.cek_transisi(dari, ke, admin, RU.SELURUHNYA)
        refused += 1
    assert refused == len(RU.STATUS) ** 2 - len(allowed)


def test_roles_per_transition():
    petugas = make_actor(R.PETUGAS)
    RU.cek_transisi(RU.DITERIMA, RU.DIPROSES, petugas)
    with pytest.raises(PermissionDenied):
        RU.cek_transisi(RU.DIPROSES, RU.DIPUTUSKAN, petugas)
    with pytest.raises(PermissionDenied):
        RU.cek_transisi(RU.DIPROSES, RU.DIPERPANJANG, make_actor(R.MONEV))


def test_granted_request_must_be_delivered_before_closing():
    admin = make_actor(R.ADMIN)
    with pytest.raises(UserError, match="penyerahan"):
        RU.cek_transisi(RU.DIPUTUSKAN, RU.SELESAI, admin, RU.SELURUHNYA)
    with pytest.raises(UserError, match="dikabulkan"):
        RU.cek_transisi(RU.DIPUTUSKAN, RU.DISERAHKAN, admin, RU.DITOLAK)
    RU.cek_transisi(RU.DIPUTUSKAN, RU.SELESAI, admin, RU.DITOLAK)


def test_full_lifecycle_with_history(kantor, petugas, ppid, opd):
    L = kantor.layanan
    p = L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan()))
    assert p.nomor == "001/PPID/VI/2026" and p.status == "diterima"
    L.disposisi(petugas, p.id, opd["DINKES"], "Mohon disiapkan")
    L.putuskan(ppid, p.id, KeputusanMasukan.dari_dict({"keputusan": RU.SELURUHNYA, "tanggal_pemberitahuan": date(2026, 6, 5),
                            "biaya_per_lembar": 500, "jumlah_lembar": 20, "biaya_kirim": 10000}))
    L.serahkan(petugas, p.id, date(2026, 6, 8), "email", "Budi Santoso")
    p = L.selesaikan(petugas, p.id, "Pemohon menerima berkas")
    assert p.status == "selesai" and p.biaya_total == 20000 and p.hk_pemberitahuan == 4
    hist = L.riwayat(p.id)
    assert [h.status_ke for h in hist] == ["diterima", "diproses", "diputuskan", "diserahkan", "selesai"]
    assert all(h.oleh and h.created_at for h in hist)
    assert "Dinas Kesehatan" in hist[1].catatan
    p2 = L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan(nama="Ani")))
    assert p2.nomor == "002/PPID/VI/2026"


def test_forbidden_step_through_service_leaves_record(kantor, petugas, ppid):
    L = kantor.layanan
    p = L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan()))
    with pytest.raises(UserError, match="tidak diperbolehkan"):
        L.serahkan(petugas, p.id)
    with pytest.raises(PermissionDenied):
        L.putuskan(petugas, p.id, KeputusanMasukan.dari_dict({"keputusan": RU.SELURUHNYA}))
    assert L.ambil_permohonan(p.id).status == "diterima" and len(L.riwayat(p.id)) == 1


# ------------------------------------------------------------------ decisions need grounds
@pytest.mark.parametrize(("data", "field"), [
    ({"keputusan": RU.DITOLAK, "uji_konsekuensi": "BA Uji Konsekuensi 01/2026"}, "pasal17"),
    ({"keputusan": RU.DITOLAK, "pasal17": "h"}, "uji_konsekuensi"),
    ({"keputusan": RU.DITOLAK, "pasal17": "z", "uji_konsekuensi": "x"}, "pasal17"),
    ({"keputusan": RU.SEBAGIAN}, "catatan_penghitaman"),
    ({"keputusan": RU.TIDAK_DIKUASAI}, "badan_penguasa"),
    ({"keputusan": RU.BELUM_DIDOKUMENTASIKAN}, "waktu_dokumentasi"),
    ({"keputusan": RU.DITOLAK, "pasal17": "h", "uji_konsekuensi": "x", "biaya_per_lembar": 500, "jumlah_lembar": 2}, "biaya_per_lembar"),
    ({"keputusan": ""}, "keputusan"),
])
def test_decision_without_ground_refused_record_unchanged(kantor, petugas, ppid, data, field):
    L = kantor.layanan
    p = L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan()))
    with pytest.raises(ValidationError) as err:
        L.putuskan(ppid, p.id, KeputusanMasukan.dari_dict(data))
    assert field in err.value.problems
    after = L.ambil_permohonan(p.id)
    assert after.status == "diterima" and after.keputusan is None and after.rev == p.rev


def test_a_cost_other_than_the_copy_is_not_part_of_the_decision_input():
    # the typed input has no field for any other cost (Perki 1/2021: only copying and sending are charged)
    with pytest.raises(TypeError):
        KeputusanMasukan(keputusan=RU.SELURUHNYA, biaya_lain=50000)  # type: ignore[call-arg]


def test_refusal_with_grounds(kantor, petugas, ppid):
    L = kantor.layanan
    p = L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan()))
    p = L.putuskan(ppid, p.id, KeputusanMasukan.dari_dict({"keputusan": RU.DITOLAK, "pasal17": "h, j", "uji_konsekuensi": "SK PPID 5/2026",
                                "tanggal_pemberitahuan": date(2026, 6, 12)}))
    assert p.pasal17 == "h,j" and p.status == "diputuskan"
    assert "huruf h" in L.riwayat(p.id)[-1].catatan


# ------------------------------------------------------------------ bad input
@pytest.mark.parametrize(("kw", "field", "text"), [
    ({"nik": "33730112038000"}, "nik", "16 digit"),
    ({"nik": "3373013213800003"}, "nik", "tanggal lahir"),
    ({"nik": ""}, "nik", "wajib"),
    ({"tanggal_diterima": date(2026, 6, 16)}, "tanggal_diterima", "setelah hari ini"),
    ({"email": "budi@"}, "email", "e-mail"),
    ({"rincian": ""}, "rincian", "wajib"),
    ({"jenis_pemohon": "badan_hukum", "nik": ""}, "no_sk_badan_hukum", "SK"),
    ({"kuasa": True}, "nama_kuasa", "kuasa"),
    ({"saluran": "merpati"}, "saluran", "tidak dikenal"),
])
def test_bad_input_clear_message_nothing_saved(kantor, petugas, kw, field, text):
    with pytest.raises(ValidationError) as err:
        kantor.layanan.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan(**kw)))
    assert field in err.value.problems and text.lower() in err.value.problems[field].lower()
    with kantor.store.read() as s:
        assert list(register_rows(s)) == []


def test_badan_hukum_without_nik(kantor, petugas):
    p = kantor.layanan.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan(
        jenis_pemohon="badan_hukum", nik="", no_sk_badan_hukum="AHU-0012345.AH.01.07.2020", nama="Yayasan Lentera")))
    assert p.nik_enc is None and p.nik_mask == ""


def test_imported_number_kept_and_counter_bumped(kantor, petugas):
    L = kantor.layanan
    p = L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan()), nomor="041/PPID/VI/2026")
    assert p.nomor == "041/PPID/VI/2026" and L.cari_nomor("041/PPID/VI/2026").id == p.id
    assert L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan())).nomor == "042/PPID/VI/2026"
    with pytest.raises(ValidationError, match="sudah dipakai"):
        L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan()), nomor="041/PPID/VI/2026")


# ------------------------------------------------------------------ personal data
def test_nik_encrypted_masked_and_reveal_audited(kantor, petugas, db_path, tmp_path):
    L = kantor.layanan
    ktp = tmp_path / "ktp.jpg"
    ktp.write_bytes(b"\xff\xd8JPEG-KTP-" + NIK.encode())
    p = L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan()), lampiran=[("ktp", ktp)])
    raw = sqlite3.connect(db_path).execute("SELECT nik_enc, nik_hash, nik_mask FROM permohonan").fetchone()
    assert NIK.encode() not in raw[0] and NIK.encode() not in raw[1] and raw[2] == "3373••••••••0003"  # bytes (core.tipe)
    assert NIK.encode() not in db_path.read_bytes()
    (lamp,) = L.lampiran(p.id)
    assert NIK.encode() not in attachment_path(kantor.store, lamp.digest).read_bytes()
    with pytest.raises(PermissionDenied):
        L.lihat_nik(make_actor(R.MONEV), p.id)
    assert L.lihat_nik(petugas, p.id) == NIK
    assert L.buka_lampiran(petugas, lamp.id) == ktp.read_bytes()
    with kantor.store.read() as s:
        views = list(s.exec(select(AuditLog).where(AuditLog.action == "view")))
        assert {v.entity for v in views} == {"permohonan", "lampiran_layanan"}
        changes = " ".join(a.changes or "" for a in s.exec(select(AuditLog)))
        assert NIK not in changes
    assert [x.id for x in L.cari_nik(NIK)] == [p.id]


# ------------------------------------------------------------------ keberatan & sengketa
def test_keberatan_clock_late_warning_and_atasan_decision(kantor, petugas, ppid, atasan):
    L = kantor.layanan
    L.clock = lambda: date(2026, 3, 2)
    p = L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan(tanggal_diterima=date(2026, 1, 9))))
    L.putuskan(ppid, p.id, KeputusanMasukan.dari_dict({"keputusan": RU.DITOLAK, "pasal17": "h", "uji_konsekuensi": "BA 1/2026",
                            "tanggal_pemberitahuan": date(2026, 1, 20)}))
    L.clock = lambda: HARI_INI
    k, warn = L.catat_keberatan(petugas, p.id, KeberatanMasukan.dari_dict({"alasan": "a", "kasus_posisi": "Menurut pemohon bukan rahasia pribadi",
                                                 "tanggal_diterima": date(2026, 3, 10)}))
    assert k.nomor == "001/KEB/PPID/III/2026"
    # 20 Jan + 30 HK: skips 16 Feb cuti, 17 Feb Imlek -> 5 Mar; filed 10 Mar -> late, warned, still saved
    assert k.batas_pengajuan == date(2026, 3, 5) and k.terlambat_diajukan and "melewati batas 30 hari kerja" in warn[0]
    with pytest.raises(PermissionDenied):
        L.putus_keberatan(ppid, k.id, PutusanKeberatanMasukan.dari_dict({"putusan": "ditolak", "isi_tanggapan": "x", "atasan_nama": "Sekda"}))
    with pytest.raises(ValidationError, match="musyawarah"):
        L.putus_keberatan(atasan, k.id, PutusanKeberatanMasukan.dari_dict({"putusan": "musyawarah", "isi_tanggapan": "x", "atasan_nama": "Sekda"}))
    k = L.putus_keberatan(atasan, k.id, PutusanKeberatanMasukan.dari_dict({"putusan": "ditolak", "isi_tanggapan": "Menguatkan PPID",
                                         "atasan_nama": "Drs. Wuryanto", "tanggal_tanggapan": date(2026, 4, 20)}))
    assert k.status == "diputuskan"
    L.tanggapan_pemohon(petugas, k.id, "tidak_menerima")
    s, warn = L.catat_sengketa(petugas, k.id, SengketaMasukan.dari_dict({"tanggal_diajukan": date(2026, 5, 4), "nomor_ki": "010/V/KIP-JT-PS/2026"}))
    assert not s.terlambat_diajukan and s.batas_pengajuan == date(2026, 5, 11)  # 20 Apr + 14 HK, 1 May skipped
    L.ubah_sengketa(petugas, s.id, KoreksiSengketa.dari_dict({"tahap": "mediasi", "hasil_mediasi": "mediasi_gagal"}))
    assert L.sengketa_untuk(k.id)[0].tahap == "mediasi"
    with kantor.store.read() as sess:
        rows = list(keberatan_rows(sess))
    assert rows[0]["permohonan"] == p.nomor and rows[0]["alasan"] == "a"


def test_keberatan_answer_due_30_workdays(kantor, petugas):
    L = kantor.layanan
    p = L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan()))
    k, warn = L.catat_keberatan(petugas, p.id, KeberatanMasukan.dari_dict({"alasan": ["c"], "kasus_posisi": "Tidak ditanggapi",
                                                 "tanggal_diterima": date(2026, 6, 15)}))
    assert k.tenggat_jawaban == kantor.master.tenggat(date(2026, 6, 15), 30).jatuh_tempo
    assert not warn
    with pytest.raises(ValidationError):
        L.catat_keberatan(petugas, p.id, KeberatanMasukan.dari_dict({"alasan": "", "kasus_posisi": ""}))


# ------------------------------------------------------------------ register queries
def test_register_filters_search_sort_overdue(kantor, petugas, ppid, opd):
    L = kantor.layanan
    a = L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan(nama="Zainal", tanggal_diterima=date(2026, 5, 4),
                                                     opd_id=opd["DINKES"], rincian="Data stunting 2025")))
    b = L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan(nama="Anita", saluran="email", opd_id=opd["DPUPR"],
                                                     tanggal_diterima=date(2026, 6, 12), rincian="RAB jalan lingkar")))
    L.putuskan(ppid, b.id, KeputusanMasukan.dari_dict({"keputusan": RU.SELURUHNYA, "tanggal_pemberitahuan": date(2026, 6, 15)}))

    def rows(**kw):
        with kantor.store.read() as s:
            return [r["nomor"] for r in register_rows(s, RegisterFilter(hari_ini=HARI_INI, **kw))]

    assert rows() == [a.nomor, b.nomor]
    assert rows(terlambat=True) == [a.nomor]
    assert rows(status=("diputuskan",)) == [b.nomor]
    assert rows(opd_id=opd["DINKES"]) == [a.nomor]
    assert rows(saluran="email") == [b.nomor]
    assert rows(cari="stunting") == [a.nomor]
    assert rows(cari="anita") == [b.nomor]
    assert rows(cari=b.nomor) == [b.nomor]
    assert rows(cari="100%") == []
    assert rows(dari=date(2026, 6, 1), sampai=date(2026, 6, 30)) == [b.nomor]
    with kantor.store.read() as s:
        by_name = [r["nama"] for r in register_rows(s, RegisterFilter(), sort="nama")]
        by_opd = [r["opd"] for r in register_rows(s, RegisterFilter(), sort="opd", desc=True)]
    assert by_name == ["Anita", "Zainal"] and by_opd == ["Dinkes", "DPUPR"]


def test_ringkasan_beranda(kantor, petugas, opd):
    L = kantor.layanan
    L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan(tanggal_diterima=date(2026, 5, 4), opd_id=opd["DINKES"])))
    L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan(tanggal_diterima=date(2026, 6, 1), opd_id=opd["DINKES"])))
    r = L.ringkasan(HARI_INI)
    assert r.total_terlambat == 1 and r.total_hari_ini == 1
    assert r.per_opd[0]["opd"] == "Dinkes"
    assert L.ringkasan(date(2026, 2, 10)).pengingat_laporan.startswith("Laporan layanan informasi publik tahun 2025")
    assert L.ringkasan(date(2026, 4, 10)).pengingat_laporan == ""
