"""Personal-data retention and anonymisation, sengketa stages with their 14-day windows, FTS sync."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from datetime import date

import pytest
from sqlmodel import select

from ppid_desktop.core.audit import AuditLog
from ppid_desktop.core.errors import PermissionDenied, ValidationError
from ppid_desktop.layanan import rules as RU  # noqa: N812
from ppid_desktop.layanan.laporan import laporan
from ppid_desktop.layanan.masukan import (
    KeberatanMasukan,
    KeputusanMasukan,
    KoreksiPermohonan,
    KoreksiSengketa,
    PermohonanMasukan,
    PutusanKeberatanMasukan,
    SengketaMasukan,
)
from ppid_desktop.layanan.queries import RegisterFilter, fts_query, register_rows
from ppid_desktop.master.service import attachment_path
from tests.unit.layanan.conftest import HARI_INI, data_permohonan

NIK = "3373011203800003"


def _selesai(L, petugas, ppid, tanggal: date, **kw):  # noqa: N803
    p = L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan(tanggal_diterima=tanggal, **kw)))
    L.putuskan(ppid, p.id, KeputusanMasukan.dari_dict({"keputusan": RU.TIDAK_DIKUASAI,
                            "badan_penguasa": "BPS Kota", "tanggal_pemberitahuan": tanggal}))
    return L.selesaikan(petugas, p.id, "selesai", tanggal=tanggal)


def test_retain_until_default_five_years_and_configurable(kantor, petugas, ppid, admin):
    L = kantor.layanan
    assert L.retensi_tahun() == 5
    p = _selesai(L, petugas, ppid, date(2026, 6, 1))
    assert p.retain_until == date(2031, 6, 1)
    with pytest.raises(PermissionDenied):
        L.atur_retensi(petugas, 2)
    with pytest.raises(ValidationError):
        L.atur_retensi(admin, 0)
    assert L.atur_retensi(admin, 2) == 1
    assert L.retensi_tahun() == 2 and L.ambil_permohonan(p.id).retain_until == date(2028, 6, 1)


def test_anonimkan_wipes_personal_data_keeps_report_figures(kantor, petugas, ppid, admin, tmp_path, db_path):
    L = kantor.layanan
    L.clock = lambda: date(2020, 3, 2)
    ktp = tmp_path / "ktp.jpg"
    ktp.write_bytes(b"KTP-" + NIK.encode())
    tua = L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan(tanggal_diterima=date(2020, 2, 3))), lampiran=[("ktp", ktp)])
    L.putuskan(ppid, tua.id, KeputusanMasukan.dari_dict({"keputusan": "tidak_dikuasai", "badan_penguasa": "BPS", "tanggal_pemberitahuan": date(2020, 2, 10)}))
    L.selesaikan(petugas, tua.id, tanggal=date(2020, 2, 10))
    L.clock = lambda: HARI_INI
    baru = _selesai(L, petugas, ppid, date(2026, 6, 1), nama="Siti")
    (lamp,) = L.lampiran(tua.id)
    berkas = attachment_path(kantor.store, lamp.digest)
    assert berkas.exists()
    sebelum = laporan(kantor, admin, date(2020, 1, 1), date(2020, 12, 31))

    with pytest.raises(PermissionDenied):
        L.anonimkan(petugas, HARI_INI)
    with pytest.raises(ValidationError):
        L.anonimkan(admin, date(2027, 1, 1))
    dry = L.anonimkan(admin, HARI_INI, dry_run=True)
    assert dry["permohonan"] == 1 and dry["lampiran"] == 1 and dry["nomor"] == [tua.nomor]
    assert L.ambil_permohonan(tua.id).nik_enc is not None and berkas.exists()  # dry run changes nothing

    r = L.anonimkan(admin, HARI_INI)
    assert r["permohonan"] == 1 and r["lampiran"] == 1
    p = L.ambil_permohonan(tua.id)
    assert p.nik_enc is None and p.nik_hash is None and p.nik_mask == ""
    assert p.alamat == p.telepon == p.email == ""
    assert p.dianonimkan == HARI_INI and p.retain_until == date(2025, 2, 10)
    assert L.lampiran(tua.id) == [] and not berkas.exists()
    raw = sqlite3.connect(db_path).execute("SELECT alamat, telepon, email, nik_enc FROM permohonan WHERE id = ?",
                                           (tua.id,)).fetchone()
    assert raw == ("", "", "", None)
    # the newer request is untouched; aggregate figures of the old period are the same
    assert L.ambil_permohonan(baru.id).nik_enc is not None
    sesudah = laporan(kantor, admin, date(2020, 1, 1), date(2020, 12, 31))
    assert (sesudah.per_keputusan, sesudah.per_saluran, sesudah.per_jenis_pemohon) == \
        (sebelum.per_keputusan, sebelum.per_saluran, sebelum.per_jenis_pemohon)
    assert any(h.aksi == "dianonimkan" for h in L.riwayat(tua.id))
    with kantor.store.read() as s:
        assert s.exec(select(AuditLog).where(AuditLog.action == "anonymize")).first() is not None
    assert L.anonimkan(admin, HARI_INI)["permohonan"] == 0  # idempotent


def test_anonimkan_is_all_or_nothing(kantor, petugas, ppid, admin, monkeypatch):
    L = kantor.layanan
    L.clock = lambda: date(2019, 3, 1)
    a = _selesai(L, petugas, ppid, date(2019, 2, 4))
    b = _selesai(L, petugas, ppid, date(2019, 2, 5), nama="Rina")
    L.clock = lambda: HARI_INI
    calls = {"n": 0}
    orig = L.retensi._event

    def boom(*args, **kw):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk penuh")
        return orig(*args, **kw)

    monkeypatch.setattr(L.retensi, "_event", boom)
    with pytest.raises(RuntimeError):
        L.anonimkan(admin, HARI_INI)
    assert L.ambil_permohonan(a.id).nik_enc is not None and L.ambil_permohonan(b.id).nik_enc is not None


def test_anonimkan_skips_open_keberatan(kantor, petugas, ppid, admin):
    L = kantor.layanan
    L.clock = lambda: date(2019, 3, 1)
    p = L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan(tanggal_diterima=date(2019, 2, 4))))
    L.putuskan(ppid, p.id, KeputusanMasukan.dari_dict({"keputusan": RU.DITOLAK, "pasal17": "h", "uji_konsekuensi": "BA 1/2019",
                            "tanggal_pemberitahuan": date(2019, 2, 8)}))
    L.catat_keberatan(petugas, p.id, KeberatanMasukan.dari_dict({"alasan": "a", "kasus_posisi": "x", "tanggal_diterima": date(2019, 2, 20)}))
    L.selesaikan(petugas, p.id, tanggal=date(2019, 2, 28))
    L.clock = lambda: HARI_INI
    r = L.anonimkan(admin, HARI_INI)
    assert r["permohonan"] == 0 and r["dilewati"] == 1 and L.ambil_permohonan(p.id).nik_enc is not None


def test_cli_anonimkan_dry_run_json(kantor, petugas, ppid, db_path, capsys):
    from ppid_desktop.cli import main

    L = kantor.layanan
    L.clock = lambda: date(2019, 3, 1)
    p = _selesai(L, petugas, ppid, date(2019, 2, 4))
    assert main(["--db", str(db_path), "init"]) == 0  # the CLI signs in: init creates the first Admin
    capsys.readouterr()
    assert main(["--db", str(db_path), "permohonan", "anonimkan", "--sampai", "2025-06-15", "--dry-run", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["permohonan"] == 1 and data["dry_run"] is True and data["nomor"] == [p.nomor]
    assert main(["--db", str(db_path), "permohonan", "anonimkan", "--sampai", "2025-06-15"]) == 0
    assert "1 permohonan dianonimkan" in capsys.readouterr().out
    assert L.ambil_permohonan(p.id).nik_enc is None


# ------------------------------------------------------------------ sengketa stages
@pytest.fixture
def sengketa(kantor, petugas, ppid, atasan):
    L = kantor.layanan
    L.clock = lambda: date(2026, 3, 2)
    p = L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan(tanggal_diterima=date(2026, 1, 9))))
    L.putuskan(ppid, p.id, KeputusanMasukan.dari_dict({"keputusan": RU.DITOLAK, "pasal17": "h", "uji_konsekuensi": "BA 1/2026",
                            "tanggal_pemberitahuan": date(2026, 1, 20)}))
    L.clock = lambda: HARI_INI
    k, _ = L.catat_keberatan(petugas, p.id, KeberatanMasukan.dari_dict({"alasan": "a", "kasus_posisi": "x", "tanggal_diterima": date(2026, 2, 2)}))
    L.putus_keberatan(atasan, k.id, PutusanKeberatanMasukan.dari_dict({"putusan": "ditolak", "isi_tanggapan": "Menguatkan", "atasan_nama": "Sekda",
                                     "tanggal_tanggapan": date(2026, 2, 20)}))
    s, _ = L.catat_sengketa(petugas, k.id, SengketaMasukan.dari_dict({"tanggal_diajukan": date(2026, 3, 2), "nomor_ki": "010/KIP/2026"}))
    return s


def test_sengketa_stages_dates_and_windows(kantor, petugas, sengketa):
    L = kantor.layanan
    s = L.ubah_sengketa(petugas, sengketa.id, KoreksiSengketa.dari_dict({"tahap": "mediasi", "hasil_mediasi": "mediasi_gagal"}))
    s = L.ubah_sengketa(petugas, s.id, KoreksiSengketa.dari_dict({"tahap": "ajudikasi", "hasil_ajudikasi": "ditolak"}))
    with pytest.raises(ValidationError, match="tanggal putusan"):
        L.ubah_sengketa(petugas, s.id, KoreksiSengketa.dari_dict({"tahap": "putusan_ki"}))
    with pytest.raises(ValidationError, match="tidak boleh sebelum"):
        L.ubah_sengketa(petugas, s.id, KoreksiSengketa.dari_dict({"tahap": "putusan_ki", "tanggal_putusan": date(2026, 2, 1)}))
    assert L.ambil_sengketa(s.id).tahap == "ajudikasi"  # refused update leaves the record unchanged
    s = L.ubah_sengketa(petugas, s.id, KoreksiSengketa.dari_dict({"tahap": "putusan_ki", "tanggal_putusan": date(2026, 4, 6),
                                          "nomor_putusan": "15/PTS/KIP/2026"}))
    assert L.peringatan_sengketa(s) == []
    # 6 Apr + 14 HK = 24 Apr (no holidays in between besides weekends? 3 Apr Good Friday is before)
    s = L.ubah_sengketa(petugas, s.id, KoreksiSengketa.dari_dict({"tahap": "pengadilan", "pengadilan": "PTUN Semarang",
                                          "tanggal_diajukan_pengadilan": date(2026, 5, 11)}))
    warn = L.peringatan_sengketa(s)
    assert len(warn) == 1 and "PTUN/PN" in warn[0] and "melewati 14 hari kerja" in warn[0]
    s = L.ubah_sengketa(petugas, s.id, KoreksiSengketa.dari_dict({"tanggal_putusan_pengadilan": date(2026, 5, 25), "tahap": "kasasi",
                                          "tanggal_kasasi": date(2026, 6, 12)}))
    warn = L.peringatan_sengketa(s)
    assert len(warn) == 2 and "Kasasi" in warn[1] and "8 Juni 2026" in warn[1]
    with pytest.raises(ValidationError, match="setelah hari ini"):
        L.ubah_sengketa(petugas, s.id, KoreksiSengketa.dari_dict({"tanggal_putusan_kasasi": date(2026, 7, 1)}))
    hist = [h.catatan for h in L.riwayat(s.id)]
    assert any("Mediasi gagal" in c for c in hist) and any("Kasasi" in c for c in hist)


# ------------------------------------------------------------------ full-text search index
def test_fts_follows_inserts_updates_and_query_syntax(kantor, petugas, db_path):
    L = kantor.layanan
    p = L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan(nama="Wulandari", rincian="Data stunting kelurahan")))

    def cari(teks):
        with kantor.store.read() as s:
            return [r["nomor"] for r in register_rows(s, RegisterFilter(cari=teks, hari_ini=HARI_INI))]

    assert cari("wulan") == [p.nomor] and cari("STUNTING kelurahan") == [p.nomor] and cari(p.nomor) == [p.nomor]
    assert cari("stunting gizi") == []
    L.ubah_permohonan(petugas, p.id, KoreksiPermohonan.dari_dict({"rincian": "Anggaran gizi buruk"}))
    assert cari("stunting") == [] and cari("gizi") == [p.nomor]
    assert fts_query('a"b OR c*') == '"a"* AND "b"* AND "or"* AND "c"*'
    # Closed at the end: the check's INSERT opens a write transaction, which left open kept the services'
    # close waiting out the whole busy timeout (15 s) in teardown.
    with contextlib.closing(sqlite3.connect(db_path)) as con:
        assert con.execute("INSERT INTO permohonan_fts(permohonan_fts, rank) VALUES ('integrity-check', 1)") is not None
        assert {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")} >= {
            "permohonan_fts_ai", "permohonan_fts_ad", "permohonan_fts_au"}


def test_register_sorts_use_indexes(kantor, petugas, db_path):
    from ppid_desktop.layanan.queries import PermohonanSource

    con = sqlite3.connect(db_path)
    for sort in ("tanggal_diterima", "nama", "status", "saluran", "tenggat_efektif", "keputusan", "nomor"):
        for desc in (False, True):
            sql, params = PermohonanSource(con, RegisterFilter(hari_ini=HARI_INI), sort, desc).sql_page(None, 200)
            plan = " ".join(r[3] for r in con.execute("EXPLAIN QUERY PLAN " + sql, params))
            assert "TEMP B-TREE" not in plan, (sort, desc, plan)


def test_new_retention_period_is_only_tried_in_a_dry_run_and_saved_with_the_wipe(kantor, petugas, ppid, admin):
    L = kantor.layanan
    L.clock = lambda: date(2023, 6, 1)
    p = _selesai(L, petugas, ppid, date(2023, 6, 1))
    L.clock = lambda: HARI_INI  # 2026-06-15: three years later, a 5-year period has not ended
    assert L.anonimkan(admin, HARI_INI, dry_run=True)["permohonan"] == 0
    coba = L.anonimkan(admin, HARI_INI, dry_run=True, tahun=2)
    assert coba["permohonan"] == 1 and coba["retensi_tahun"] == 2
    assert L.retensi_tahun() == 5 and L.ambil_permohonan(p.id).retain_until == date(2028, 6, 1)  # nothing saved
    with pytest.raises(ValidationError):
        L.anonimkan(admin, HARI_INI, tahun=0)
    assert L.retensi_tahun() == 5 and L.ambil_permohonan(p.id).nik_enc
    hasil = L.anonimkan(admin, HARI_INI, tahun=2)
    assert hasil["permohonan"] == 1 and L.retensi_tahun() == 2
    assert L.ambil_permohonan(p.id).nik_enc is None and L.ambil_permohonan(p.id).retain_until == date(2025, 6, 1)


def test_missing_records_are_named_in_indonesian(kantor, petugas, admin):
    from ppid_desktop.core.errors import UserError

    L = kantor.layanan
    for call, nama in ((lambda: L.ambil_permohonan("x"), "Permohonan"), (lambda: L.ambil_keberatan("x"), "Keberatan"),
                       (lambda: L.tanggapan_pemohon(petugas, "x", "menerima"), "Keberatan"),
                       (lambda: L.ambil_sengketa("x"), "Sengketa"),
                       (lambda: L.ubah_sengketa(petugas, "x", KoreksiSengketa.dari_dict({"tahap": "mediasi"})), "Sengketa"),
                       (lambda: L.buka_lampiran(admin, "x"), "Lampiran")):
        with pytest.raises(UserError, match=f"^{nama} tidak ditemukan"):
            call()
