"""Field sessions: answers in range, lock + revision, completeness, evidence, sanggah, tindak lanjut."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from sqlmodel import func, select

from ppid_desktop.core.errors import PermissionDenied, UserError, ValidationError
from ppid_desktop.master.service import attachment_path
from ppid_desktop.monev import tindak_lanjut as TL
from ppid_desktop.monev.masukan import IsianTindakLanjut, RekomendasiBaru
from ppid_desktop.monev.models import Bukti, Jawaban, Sesi
from tests.conftest import make_actor


def count(env, model, **where) -> int:  # noqa: ANN001
    with env.services.store.read() as s:
        stmt = select(func.count()).select_from(model)
        for k, v in where.items():
            stmt = stmt.where(getattr(model, k) == v)
        return s.exec(stmt).one()


def fill_all(env, sesi_id: str, photo: Path) -> None:  # noqa: ANN001
    m, a = env.monev, env.actor
    d = m.muat_sesi(sesi_id)
    for q in d.defn.pertanyaan():
        if q.jenis == "ya_tidak":
            m.jawab(a, sesi_id, q.kode, "ya")
        elif q.jenis == "pilihan":
            m.jawab(a, sesi_id, q.kode, q.opsi[0].kode)
        elif q.jenis == "tanggal":
            m.jawab(a, sesi_id, q.kode, "16 Maret 2026")
        elif q.jenis == "teks":
            m.jawab(a, sesi_id, q.kode, "catatan")
        if q.bukti == "tautan":
            m.tambah_bukti(a, sesi_id, q.kode, url="https://ppid.salatiga.go.id/dip")
        elif q.bukti:
            m.tambah_bukti(a, sesi_id, q.kode, photo)


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    img = Image.new("RGB", (64, 48), (30, 120, 200))
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9003] = "2026:03:16 09:15:30"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "S", (7.0, 19.0, 48.0), "E", (110.0, 30.0, 0.0)
    p = tmp_path / "meja_layanan.jpg"
    img.save(p, exif=exif)
    return p


def test_answers_out_of_range_are_refused_and_nothing_saved(env) -> None:  # noqa: ANN001
    _, prog = env.program("spbe_59_2020")
    sesi = env.sesi(prog)
    m, a = env.monev, env.actor
    with pytest.raises(UserError, match="harus 1–5"):
        m.jawab(a, sesi.id, "I01.L", 6)
    _, prog2 = env.program("kip_2025")
    s2 = env.sesi(prog2)
    with pytest.raises(UserError, match="bukan salah satu opsi"):
        m.jawab(a, s2.id, "JI.1.1", "z")
    with pytest.raises(UserError, match="Ya atau Tidak"):
        m.jawab(a, s2.id, "JI.1.4", "mungkin")
    with pytest.raises(UserError, match="tidak boleh dijawab N/A"):
        m.jawab(a, s2.id, "JI.1.4", na=True)
    with pytest.raises(UserError, match="bukan tanggal|tidak dikenali|Tanggal"):
        m.jawab(a, s2.id, "KO.1.2", "30 Februari 2026")
    _, prog3 = env.program("monitoring_kegiatan")
    s3 = env.sesi(prog3)
    with pytest.raises(UserError, match="tidak boleh negatif"):
        m.jawab(a, s3.id, "KG.1.R", {"target": 10, "realisasi": -1})
    with pytest.raises(UserError, match="harus berupa angka"):
        m.jawab(a, s3.id, "KG.1.R", {"target": "sepuluh", "realisasi": 1})
    assert count(env, Jawaban) == 0
    m.jawab(a, s3.id, "KG.1.R", {"target": "10", "realisasi": "7,5"})
    assert json.loads(m.muat_sesi(s3.id).jawaban["KG.1.R"].nilai) == {"target": 10.0, "realisasi": 7.5}


def test_evidence_photo_exif_and_bad_files(env, photo: Path, tmp_path: Path) -> None:  # noqa: ANN001
    _, prog = env.program("ppid_checklist")
    sesi = env.sesi(prog)
    m, a = env.monev, env.actor
    b = m.tambah_bukti(a, sesi.id, "S.1.1", photo, keterangan="Meja layanan")
    assert b.jenis == "foto" and b.sha256 and attachment_path(env.services.store, b.sha256).exists()
    assert b.diambil_at is not None and b.diambil_at.isoformat().startswith("2026-03-16T02:15:30")  # 09:15 WIB
    assert b.lat == pytest.approx(-7.33, abs=1e-3) and b.lon == pytest.approx(110.5)
    # same content twice: one stored file
    b2 = m.tambah_bukti(a, sesi.id, "S.1.2", photo)
    assert b2.sha256 == b.sha256
    fake = tmp_path / "bukan_foto.jpg"
    fake.write_text("ini bukan gambar")
    empty = tmp_path / "kosong.pdf"
    empty.write_bytes(b"")
    before = count(env, Bukti)
    with pytest.raises(UserError, match="bukan foto"):
        m.tambah_bukti(a, sesi.id, "S.1.1", fake)
    with pytest.raises(UserError, match="tidak ditemukan"):
        m.tambah_bukti(a, sesi.id, "K.1.1", tmp_path / "hilang.pdf")
    with pytest.raises(UserError, match="bukan berkas"):
        m.tambah_bukti(a, sesi.id, "K.1.1", tmp_path)
    with pytest.raises(UserError, match="kosong"):
        m.tambah_bukti(a, sesi.id, "K.1.1", empty)
    with pytest.raises(ValidationError, match="http"):
        m.tambah_bukti(a, sesi.id, "W.1.1", url="ppid.go.id")
    assert count(env, Bukti) == before


def test_completeness_finalise_lock_revision_history(env, photo: Path) -> None:  # noqa: ANN001
    _, prog = env.program("ppid_checklist")
    sesi = env.sesi(prog)
    m, a = env.monev, env.actor
    problems = m.kelengkapan(sesi.id)
    assert "Belum ada narasumber yang dicatat." in problems
    assert any(p.startswith("K.1.1: belum dijawab") for p in problems)
    with pytest.raises(UserError, match="belum lengkap"):
        m.finalisasi(a, sesi.id)
    with pytest.raises(ValidationError, match="NIP"):
        m.tambah_responden(a, sesi.id, "Budi", "Sekretaris", nip="12345")
    m.tambah_responden(a, sesi.id, "Budi Santoso", "Sekretaris Dinas", nip="19800315 200501 1 002", telepon="0812-3456-7890")
    fill_all(env, sesi.id, photo)
    assert m.kelengkapan(sesi.id) == []
    final = m.finalisasi(a, sesi.id, tanggal_ba=date(2026, 3, 16))
    assert final.status == "final" and "/BA/" in final.ba_nomor
    assert m.daftar_jadwal(prog.id)[0][0].status == "difinalkan"
    with pytest.raises(UserError, match="terkunci"):
        m.jawab(a, sesi.id, "W.1.1", "tidak")
    with pytest.raises(UserError, match="terkunci"):
        m.tambah_bukti(a, sesi.id, "W.1.1", photo)
    score_before = m.hasil(sesi.id).final
    with pytest.raises(ValidationError):
        m.revisi(a, sesi.id, "")
    rev = m.revisi(a, sesi.id, "Salah input W.1.1")
    assert rev.revisi == 2 and rev.sebelumnya_id == sesi.id
    assert m.ambil_sesi(sesi.id).status == "diganti"
    data = m.muat_sesi(rev.id)
    assert len(data.jawaban) == len(m.muat_sesi(sesi.id).jawaban) and data.responden and data.bukti
    m.jawab(a, rev.id, "W.1.1", "tidak")
    m.finalisasi(a, rev.id)
    assert [s.revisi for s in m.riwayat(rev.id)] == [1, 2]
    assert [s.status for s in m.riwayat(rev.id)] == ["diganti", "final"]
    # the old revision keeps its answers (history), the programme uses the new one
    assert m.muat_sesi(sesi.id).jawaban["W.1.1"].nilai == "ya"
    row = m.program_scores(prog.id)[0]
    assert row.revisi == 2 and row.total < score_before
    verifier = make_actor("Tim Monev", username="verifikator")
    m.verifikasi(verifier, rev.id)
    assert m.daftar_jadwal(prog.id)[0][0].status == "diverifikasi"
    assert m.daftar_program()[0]["diverifikasi"] == 1


def test_sanggah_changes_verifier_score(env, photo: Path) -> None:  # noqa: ANN001
    _, prog = env.program("ppid_checklist")
    sesi = env.sesi(prog)
    m, a = env.monev, env.actor
    m.tambah_responden(a, sesi.id, "Budi Santoso", "Sekretaris")
    fill_all(env, sesi.id, photo)
    m.jawab(a, sesi.id, "W.1.2", "tidak")
    m.finalisasi(a, sesi.id)
    m.jawab_verifikasi_final(a, sesi.id, "W.1.1", "tidak")
    h = m.hasil(sesi.id)
    assert h.mandiri == 92.5 and h.verifikasi == 85.0  # W: 50 self, 0 verified
    with pytest.raises(ValidationError):
        m.ajukan_sanggah(a, sesi.id, "  ")
    sg = m.ajukan_sanggah(a, sesi.id, "Halaman PPID ada di menu Profil", pertanyaan="W.1.1", diajukan_oleh="PPID Dinkes")
    m.jawab_sanggah(a, sg.id, "diterima", "Tautan terbukti aktif", nilai_baru="ya")
    # the finalised session is locked: the accepted sanggah made revision 2 (still final), the old one is history
    assert m.hasil(sesi.id).verifikasi == 85.0 and m.ambil_sesi(sesi.id).status == "diganti"
    cur = m.sesi_jadwal(sesi.jadwal_id)
    assert cur.revisi == 2 and cur.status == "final" and cur.ba_nomor == m.ambil_sesi(sesi.id).ba_nomor
    assert m.hasil(cur.id).verifikasi == 92.5 and cur.alasan_revisi.startswith("Sanggah diterima (W.1.1)")
    with pytest.raises(UserError, match="sudah dijawab"):
        m.jawab_sanggah(a, sg.id, "ditolak", "x")
    (row, sesi_row, opd), = m.daftar_sanggah(prog.id)
    assert row.keputusan == "diterima" and row.nilai_baru == "ya" and opd.id == sesi_row.opd_id


def test_stage_scores_and_permissions(env) -> None:  # noqa: ANN001
    _, prog = env.program("kip_2025")
    sesi = env.sesi(prog)
    m, a = env.monev, env.actor
    with pytest.raises(ValidationError, match="antara 0 dan 100"):
        m.atur_nilai_tahap(a, sesi.id, "visitasi", 120)
    m.atur_nilai_tahap(a, sesi.id, "visitasi", 80)
    assert m.hasil(sesi.id).tahap["visitasi"] == 80.0
    petugas = make_actor("Petugas Layanan", username="petugas")
    with pytest.raises(PermissionDenied):
        m.jawab(petugas, sesi.id, "JI.1.4", "ya")


def test_rekomendasi_and_tindak_lanjut_lists(env, tmp_path: Path) -> None:  # noqa: ANN001
    _, prog = env.program("ppid_checklist")
    m, a = env.monev, env.actor
    r = m.tambah_rekomendasi(a, RekomendasiBaru(prog.id, env.opd_ids[1], "Mutakhirkan DIP dan tetapkan dengan SK", prioritas="tinggi"))
    with pytest.raises(ValidationError):
        m.tambah_tindak_lanjut(a, r.id, IsianTindakLanjut("", "", None))
    t1 = m.tambah_tindak_lanjut(a, r.id, IsianTindakLanjut("Rapat pemutakhiran DIP", "Sekretaris Dinkes", date(2026, 4, 1)))
    m.tambah_tindak_lanjut(a, r.id, IsianTindakLanjut("Unggah DIP ke situs", "Admin web", date(2026, 6, 1)))
    ev = tmp_path / "notulen.pdf"
    ev.write_bytes(b"%PDF-1.4 notulen")
    m.ubah_tindak_lanjut(a, t1.id, status="selesai", bukti=ev, tanggal=date(2026, 3, 30))
    with env.services.store.read() as s:
        recs = TL.daftar_rekomendasi(s, program_id=prog.id)
        tls = TL.daftar_tindak_lanjut(s, program_id=prog.id, hari_ini=date(2026, 5, 1))
        late = TL.daftar_tindak_lanjut(s, terlambat_per=date(2026, 7, 1), hari_ini=date(2026, 5, 1))
    assert recs[0].jumlah_tl == 2 and recs[0].tl_selesai == 1 and recs[0].opd == "Dinas Kesehatan"
    assert [t.status for t in tls] == ["selesai", "belum"] and tls[0].bukti_nama == "notulen.pdf"
    assert [t.uraian for t in late] == ["Unggah DIP ke situs"] and late[0].terlambat
    assert tls[0].to_dict()["tenggat"] == "2026-04-01"


def test_program_scores_ranking_and_unvisited(env, photo: Path) -> None:  # noqa: ANN001
    _, prog = env.program("ppid_checklist", n_opd=3)
    m, a = env.monev, env.actor
    for i, nilai in ((0, "ya"), (1, "tidak")):
        s = env.sesi(prog, i)
        for q in m.muat_sesi(s.id).defn.pertanyaan():
            if q.jenis == "ya_tidak":
                m.jawab(a, s.id, q.kode, nilai)
    rows = m.program_scores(prog.id)
    assert [r.peringkat for r in rows] == [1, 2, None]
    assert rows[0].total == 100.0 and rows[0].kategori == "Informatif"
    assert rows[1].total == 0.0 and rows[1].kategori == "Tidak Informatif"
    assert rows[2].hasil is None and rows[2].to_dict()["aspek"] == []
    d = rows[0].to_dict()
    assert set(d) >= {"opd", "aspek", "total", "kategori"} and {"nama", "skor"} <= set(d["aspek"][0])
    assert m.dasbor(prog.id)["dikunjungi"] == 2
    with env.services.store.read() as s:
        assert s.exec(select(func.count()).select_from(Sesi)).one() == 2
