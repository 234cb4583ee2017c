"""A keberatan without a permohonan (UU 14/2008 Pasal 35(1) b–g): recorded with the pemohon's own identity,
listed, printed, imported, anonymised, carried by the CLI; ground a still needs the refused request."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlmodel import select

from ppid_desktop import cli
from ppid_desktop.core.audit import AuditLog
from ppid_desktop.core.errors import ValidationError
from ppid_desktop.layanan import rules as RU  # noqa: N812
from ppid_desktop.layanan.keberatan import KeberatanMandiri
from ppid_desktop.layanan.masukan import (
    KeberatanMasukan,
    KoreksiKeberatan,
    PermohonanMasukan,
    PutusanKeberatanMasukan,
    SengketaMasukan,
)
from ppid_desktop.layanan.models import Keberatan, RiwayatLayanan
from ppid_desktop.layanan.queries import RegisterFilter, keberatan_rows
from tests.conftest import cli_admin
from tests.unit.layanan.conftest import HARI_INI, data_permohonan

NIK = "3373011203800003"


def _mandiri(**kw: object) -> KeberatanMandiri:
    base: dict[str, object] = {
        "nama": "Siti Aminah", "nik": NIK, "alamat": "Jl. Merdeka 5, Salatiga", "pekerjaan": "Guru",
        "telepon": "081298765432", "email": "siti@example.com", "alasan": ("b",),
        "kasus_posisi": "Laporan keuangan tahun 2025 tidak diumumkan secara berkala.",
        "tanggal_diterima": date(2026, 6, 10),
    }
    base.update(kw)
    return KeberatanMandiri(**base)  # type: ignore[arg-type]


def _teks_pdf(data: bytes) -> str:
    return " ".join((pg.extract_text() or "") for pg in PdfReader(io.BytesIO(data)).pages)


def test_recorded_alone_with_own_identity_nik_encrypted(kantor, petugas):
    L = kantor.layanan
    k, warnings = L.catat_keberatan_mandiri(petugas, _mandiri())
    assert warnings == []
    got = L.ambil_keberatan(k.id)
    assert got.permohonan_id is None and got.nama == "Siti Aminah" and got.alasan == "b"
    assert got.alamat.startswith("Jl. Merdeka") and got.pekerjaan == "Guru" and got.email == "siti@example.com"
    assert got.nik_enc and NIK not in got.nik_enc and got.nik_hash and got.nik_mask and NIK not in got.nik_mask
    # the window runs from the receipt when no start is set: never late; the answer 30 working days on
    assert got.tanggal_dasar == date(2026, 6, 10) and not got.terlambat_diajukan
    assert got.tenggat_jawaban > got.tanggal_diterima
    with kantor.store.read() as s:
        riwayat = [e.catatan for e in s.exec(select(RiwayatLayanan).where(RiwayatLayanan.objek_id == k.id))]
    assert any("tanpa permohonan" in c for c in riwayat), riwayat
    with kantor.store.read() as s:
        rows = list(keberatan_rows(s, RegisterFilter(hari_ini=HARI_INI)))
    assert [(r["nomor"], r["nama"], r["permohonan"], r["tanpa_permohonan"]) for r in rows] == [
        (k.nomor, "Siti Aminah", None, True)]


def test_rules_ground_a_needs_a_request_identity_required_nik_checked(kantor, petugas):
    L = kantor.layanan
    with pytest.raises(ValidationError) as exc:
        L.catat_keberatan_mandiri(petugas, _mandiri(alasan=("a", "b")))
    assert "huruf a" in exc.value.problems["alasan"]
    with pytest.raises(ValidationError) as exc:
        L.catat_keberatan_mandiri(petugas, _mandiri(nama="  ", nik="123", email="bukan-surel", kuasa=True))
    assert set(exc.value.problems) == {"nama", "nik", "email", "nama_kuasa"}
    with kantor.store.read() as s:
        assert s.exec(select(Keberatan)).all() == []  # nothing written


def test_filing_window_from_a_set_date_with_reason(kantor, petugas):
    L = kantor.layanan
    with pytest.raises(ValidationError) as exc:
        L.catat_keberatan_mandiri(petugas, _mandiri(tanggal_dasar=date(2026, 3, 2)))
    assert "alasan_tanggal_dasar" in exc.value.problems
    k, warnings = L.catat_keberatan_mandiri(petugas, _mandiri(
        tanggal_dasar=date(2026, 3, 2), alasan_tanggal_dasar="Pemohon mengetahui laporan tidak diumumkan"))
    assert k.terlambat_diajukan and k.batas_pengajuan is not None and k.batas_pengajuan < k.tanggal_diterima
    assert warnings and "melewati batas 30 hari kerja" in warnings[0]
    assert k.alasan_tanggal_dasar.startswith("Pemohon mengetahui")


def test_answer_letters_and_sengketa_follow(kantor, petugas, atasan, admin):
    from ppid_desktop.layanan import dokumen

    L = kantor.layanan
    k, _ = L.catat_keberatan_mandiri(petugas, _mandiri())
    pdf, _name = dokumen.cetak(kantor, admin, "keberatan", k.nomor)
    teks = _teks_pdf(pdf)
    assert "Siti Aminah" in teks and "tanpa permohonan" in teks and k.nik_mask in teks and "Guru" in teks
    L.putus_keberatan(atasan, k.id, PutusanKeberatanMasukan.dari_dict({"putusan": "dikabulkan", "isi_tanggapan": "Laporan diumumkan.",
                                     "atasan_nama": "Drs. Agus", "tanggal_tanggapan": date(2026, 6, 12)}))
    pdf, _name = dokumen.cetak(kantor, admin, "tanggapan-keberatan", k.nomor)
    teks = " ".join(_teks_pdf(pdf).split())
    assert "Siti Aminah" in teks and "Jl. Merdeka" in teks and "atas permohonan informasi nomor" not in teks
    g, _w = L.catat_sengketa(petugas, k.id, SengketaMasukan.dari_dict({"tanggal_diajukan": date(2026, 6, 15), "komisi": "KI Jateng"}))
    assert g.keberatan_id == k.id


def test_nik_is_shown_only_to_pdp_roles_and_audited(kantor, petugas, admin):
    from ppid_desktop.akun import roles as R  # noqa: N812
    from ppid_desktop.core.errors import PermissionDenied
    from tests.conftest import make_actor

    L = kantor.layanan
    k, _ = L.catat_keberatan_mandiri(petugas, _mandiri())
    with pytest.raises(PermissionDenied):
        L.lihat_nik_keberatan(make_actor(R.MONEV, username="monev"), k.id)
    assert L.lihat_nik_keberatan(admin, k.id) == NIK
    with kantor.store.read() as s:
        assert s.exec(select(AuditLog).where(AuditLog.entity == "keberatan", AuditLog.action == "view")).all()


def test_anonymised_after_retention(kantor, petugas, atasan, admin):
    L = kantor.layanan
    k, _ = L.catat_keberatan_mandiri(petugas, _mandiri(kuasa=True, nama_kuasa="LBH Salatiga",
                                                       alamat_kuasa="Jl. Kartini 1"))
    L.putus_keberatan(atasan, k.id, PutusanKeberatanMasukan.dari_dict({"putusan": "dikabulkan", "isi_tanggapan": "ok", "atasan_nama": "Drs. Agus",
                                     "tanggal_tanggapan": date(2026, 6, 12)}))
    L.tanggapan_pemohon(petugas, k.id, next(iter(RU.TANGGAPAN_PEMOHON)))
    L.clock = lambda: date(2031, 6, 20)
    dry = L.anonimkan(admin, date(2031, 6, 20), dry_run=True)
    assert dry["keberatan"] == 1 and dry["nomor_keberatan"] == [k.nomor]
    assert L.ambil_keberatan(k.id).nik_enc  # a dry run changes nothing
    early = L.anonimkan(admin, date(2031, 6, 11))
    assert early["keberatan"] == 0
    r = L.anonimkan(admin, date(2031, 6, 20))
    assert r["keberatan"] == 1
    got = L.ambil_keberatan(k.id)
    assert (got.nik_enc, got.nik_hash, got.nik_mask, got.alamat, got.telepon, got.email, got.nama_kuasa,
            got.alamat_kuasa) == (None, None, "", "", "", "", "", "")
    assert got.nama == "Siti Aminah" and got.alasan == "b" and got.dianonimkan == date(2031, 6, 20)
    assert L.anonimkan(admin, date(2031, 6, 20))["keberatan"] == 0  # once


def test_keberatan_of_a_request_still_works_and_wipes_with_it(kantor, petugas):
    L = kantor.layanan
    p = L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan()))
    k, _ = L.catat_keberatan(petugas, p.id, KeberatanMasukan.dari_dict({"alasan": "c", "kasus_posisi": "Tidak ditanggapi",
                                              "tanggal_diterima": date(2026, 6, 12)}))
    assert k.permohonan_id == p.id and k.nama == p.nama and k.nik_enc is None


def _cli(kantor, capsys, *args: str) -> tuple[int, str, str]:
    cli_admin(kantor.store.path)
    capsys.readouterr()
    rc = cli.main(["--db", str(kantor.store.path), *args])
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_cli_keberatan_baru_alone_and_of_a_request(kantor, petugas, capsys, tmp_path: Path):
    p = kantor.layanan.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan()))
    f = tmp_path / "k.json"
    f.write_text(json.dumps({"tanggal_diterima": "2026-06-10", "alasan": ["b", "c"], "nama": "Siti Aminah",
                             "nik": NIK, "alamat": "Jl. Merdeka 5", "kasus_posisi": "Tidak diumumkan"}))
    rc, out, err = _cli(kantor, capsys, "keberatan", "baru", str(f), "--json")
    assert rc == 0, err
    data = json.loads(out)
    assert data["permohonan"] is None and data["alasan"] == "b,c" and data["nik"] != NIK and data["nomor"]
    f.write_text(json.dumps({"permohonan": p.nomor, "tanggal_diterima": "2026-06-12", "alasan": "c",
                             "kasus_posisi": "Tidak ditanggapi"}))
    rc, out, err = _cli(kantor, capsys, "keberatan", "baru", str(f), "--json")
    assert rc == 0, err
    assert json.loads(out)["permohonan"] == p.nomor
    rc, out, err = _cli(kantor, capsys, "keberatan", "list", "--json")
    rows = json.loads(out)
    assert sorted(r["tanpa_permohonan"] for r in rows) == [False, True]
    # bad input: exit 2, an Indonesian message naming what, nothing written
    f.write_text(json.dumps({"alasan": "a", "nama": "X", "nik": NIK, "kasus_posisi": "x", "warna": "merah"}))
    rc, out, err = _cli(kantor, capsys, "keberatan", "baru", str(f))
    assert rc == 2 and "warna" in err and "Traceback" not in err
    f.write_text(json.dumps({"alasan": "a", "nama": "X", "nik": NIK, "kasus_posisi": "x"}))
    rc, out, err = _cli(kantor, capsys, "keberatan", "baru", str(f))
    assert rc == 2 and "huruf a" in err
    f.write_text("{bukan json")
    rc, out, err = _cli(kantor, capsys, "keberatan", "baru", str(f))
    assert rc == 2 and "bukan JSON" in err
    with kantor.store.read() as s:
        assert len(s.exec(select(Keberatan)).all()) == 2


def test_travels_by_sync_package_nik_only_with_personal_data(tmp_path: Path):
    from tests.unit.sinkron.tim import buat_dasar, salin

    dasar = buat_dasar(tmp_path / "dasar", n_opd=1)
    a, b, c = (salin(dasar, tmp_path, n) for n in "abc")
    try:
        a.svc.layanan.clock = lambda: HARI_INI
        k, _ = a.svc.layanan.catat_keberatan_mandiri(a.actor, _mandiri())
        a.s.ekspor(a.actor, tmp_path / "biasa.ppidsync", untuk=b.s.replika)
        b.s.impor(b.actor, tmp_path / "biasa.ppidsync")
        got = b.svc.layanan.ambil_keberatan(k.id)
        assert (got.permohonan_id, got.nama, got.alamat, got.pekerjaan, got.email, got.alasan, got.nik_mask) == (
            None, "Siti Aminah", k.alamat, "Guru", k.email, "b", k.nik_mask)
        assert got.nik_enc is None and got.nik_hash is None  # personal data stays home without --data-pribadi
        a.s.ekspor(a.actor, tmp_path / "pribadi.ppidsync", untuk=c.s.replika, data_pribadi=True)
        c.s.impor(c.actor, tmp_path / "pribadi.ppidsync")
        assert c.svc.layanan.ambil_keberatan(k.id).nik_hash == k.nik_hash
    finally:
        for r in (a, b, c):
            r.svc.close()


def test_correction_of_own_identity_nik_masked_in_history_ground_a_refused(kantor, petugas):
    L = kantor.layanan
    k, _ = L.catat_keberatan_mandiri(petugas, _mandiri())
    L.ubah_keberatan(petugas, k.id, KoreksiKeberatan.dari_dict({"nik": "3373015507900004", "alamat": "Jl. Baru 1", "nama": "Siti Aminah"}))
    got = L.ambil_keberatan(k.id)
    assert got.alamat == "Jl. Baru 1" and got.nik_hash != k.nik_hash
    note = [e.catatan for e in L.riwayat(k.id) if e.aksi == "diubah"][0]
    assert f"NIK: {k.nik_mask} → {got.nik_mask}" in note and "3373015507900004" not in note
    with pytest.raises(ValidationError) as exc:
        L.ubah_keberatan(petugas, k.id, KoreksiKeberatan.dari_dict({"alasan": "a,b"}))
    assert "huruf a" in exc.value.problems["alasan"]
    with pytest.raises(ValidationError):
        L.ubah_keberatan(petugas, k.id, KoreksiKeberatan.dari_dict({"nik": "12"}))


def test_odd_unicode_in_identity_is_refused_by_field_nothing_written(kantor, petugas):
    L = kantor.layanan
    with pytest.raises(ValidationError) as exc:
        L.catat_keberatan_mandiri(petugas, _mandiri(nama="Siti\u202eAminah", alamat="Jl.\x00Merdeka"))
    assert set(exc.value.problems) & {"nama", "alamat"}
    k, _ = L.catat_keberatan_mandiri(petugas, _mandiri(nama="Sìti A\u0301minah"))  # combining accent: normalised
    assert L.ambil_keberatan(k.id).nama == "Sìti Áminah"
    with kantor.store.read() as s:
        assert len(s.exec(select(Keberatan)).all()) == 1
