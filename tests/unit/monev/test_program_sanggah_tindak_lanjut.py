"""Programme editing in one unit of work, sanggah with proposal and revision, follow-up edits, agenda letters."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from ppid_desktop.core.errors import UserError, ValidationError
from ppid_desktop.monev import surat
from ppid_desktop.monev import tindak_lanjut as TL
from ppid_desktop.monev.masukan import (
    AnggotaTim,
    IsianProgram,
    IsianTindakLanjut,
    JadwalKunjungan,
    PerubahanProgram,
    RekomendasiBaru,
)


def _text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_simpan_program_all_or_nothing(env) -> None:  # noqa: ANN001
    _, prog = env.program("kip_2025", n_opd=2, tanggal_mulai=date(2026, 5, 1), tanggal_selesai=date(2026, 5, 31))
    m, a = env.monev, env.actor
    (j1, o1), (j2, _) = m.daftar_jadwal(prog.id)
    with pytest.raises(ValidationError) as exc:
        m.simpan_program(a, prog.id, PerubahanProgram(
            isian=IsianProgram(nama="Monev KIP 2026 (ubah)", status="arsip"),
            jadwal={j1.id: JadwalKunjungan(date(2026, 5, 4), "09.00", "Aula"),
                    j2.id: JadwalKunjungan(date(2026, 6, 9), "25.00", "")},
            opd_tambah=(env.opd_ids[3],),
            tim=(AnggotaTim(env.pegawai_ids[0], "Ketua"), AnggotaTim(env.pegawai_ids[1], "Ketua"))))
    p = exc.value.problems
    assert p["status"] == "Status program harus aktif atau selesai."
    assert "jam '25.00' tidak valid" in p["jadwal"] and "di luar periode program" in p["jadwal"]
    assert "satu Ketua" in p["tim"]
    # nothing half-saved
    assert m.ambil_program(prog.id).nama == "Monev kip_2025" and m.daftar_tim(prog.id) == []
    assert len(m.daftar_jadwal(prog.id)) == 2 and all(j.tanggal is None for j, _ in m.daftar_jadwal(prog.id))
    m.simpan_program(a, prog.id, PerubahanProgram(
        isian=IsianProgram(nama="Monev KIP 2026 (ubah)", status="selesai", durasi_menit=120),
        jadwal={j1.id: JadwalKunjungan(date(2026, 5, 4), "9:30", " Aula Diskominfo ")},
        opd_tambah=(env.opd_ids[3],), opd_hapus=(j2.id,),
        tim=(AnggotaTim(env.pegawai_ids[0], "Ketua"), AnggotaTim(env.pegawai_ids[1], "Anggota"))))
    p2 = m.ambil_program(prog.id)
    assert (p2.nama, p2.status, p2.durasi_menit) == ("Monev KIP 2026 (ubah)", "selesai", 120)
    rows = {o.kode: j for j, o in m.daftar_jadwal(prog.id)}
    assert set(rows) == {o1.kode, "BAPPEDA"}
    assert (rows[o1.kode].jam, rows[o1.kode].tempat, rows[o1.kode].tanggal) == ("9.30", "Aula Diskominfo", date(2026, 5, 4))
    assert [(t.peran, p.nama) for t, p in m.daftar_tim(prog.id)] == [("Ketua", "Agus Santoso, S.Kom."),
                                                                    ("Anggota", "Sri Lestari, S.Sos.")]


def test_started_opd_cannot_be_removed_and_last_opd_stays(env) -> None:  # noqa: ANN001
    _, prog = env.program("ppid_checklist", n_opd=2)
    m, a = env.monev, env.actor
    (j1, o1), (j2, _) = m.daftar_jadwal(prog.id)
    m.mulai_sesi(a, j1.id)
    with pytest.raises(ValidationError, match="sesi sudah dimulai"):
        m.hapus_opd(a, j1.id)
    m.hapus_opd(a, j2.id)
    assert [o.id for _, o in m.daftar_jadwal(prog.id)] == [o1.id]
    _, prog2 = env.program("ppid_checklist", n_opd=1)
    (only, _), = m.daftar_jadwal(prog2.id)
    with pytest.raises(ValidationError, match="minimal satu perangkat daerah"):
        m.hapus_opd(a, only.id)
    with pytest.raises(ValidationError, match="Nama program wajib"):
        m.ubah_program(a, prog.id, nama="  ")
    with pytest.raises(UserError, match="Isian 'pemilik' tidak dapat diubah"):
        m.ubah_program(a, prog.id, pemilik="x")


def _final_session(env):  # noqa: ANN001, ANN202
    _, prog = env.program("ppid_checklist")
    sesi = env.sesi(prog)
    m, a = env.monev, env.actor
    m.tambah_responden(a, sesi.id, "Budi Santoso", "Sekretaris")
    for q in m.muat_sesi(sesi.id).defn.pertanyaan():
        if q.jenis == "ya_tidak":
            m.jawab(a, sesi.id, q.kode, "ya")
        elif q.jenis == "tanggal":
            m.jawab(a, sesi.id, q.kode, "2026-03-02")
        if q.bukti and q.wajib:
            m.tambah_bukti(a, sesi.id, q.kode, url="https://contoh.go.id/bukti")
    m.finalisasi(a, sesi.id, paksa=True)
    m.jawab_verifikasi_final(a, sesi.id, "W.1.1", "tidak")
    return prog, sesi


def test_sanggah_proposal_rejected_and_accepted_revisions(env) -> None:  # noqa: ANN001
    prog, sesi = _final_session(env)
    m, a = env.monev, env.actor
    with pytest.raises(ValidationError) as exc:
        m.ajukan_sanggah(a, sesi.id, "", pertanyaan="W.1.1")
    assert set(exc.value.problems) == {"alasan", "diajukan_oleh"}
    with pytest.raises(UserError, match="Ya atau Tidak|ya/tidak|tidak valid|tidak dikenal"):
        m.ajukan_sanggah(a, sesi.id, "Ada di situs", pertanyaan="W.1.1", diajukan_oleh="PPID", nilai_usulan="mungkin")
    s1 = m.ajukan_sanggah(a, sesi.id, "Ada di situs", pertanyaan="W.1.1", diajukan_oleh="PPID Dinkes", nilai_usulan="ya")
    s2 = m.ajukan_sanggah(a, sesi.id, "Nilai W.1.2 terlalu rendah", pertanyaan="W.1.2", diajukan_oleh="PPID Dinkes")
    assert s1.nilai_usulan == "ya" and s1.nilai_baru is None
    m.jawab_sanggah(a, s2.id, "ditolak", "Bukti tidak ditemukan")
    assert m.ambil_sesi(sesi.id).status == "final"  # rejected: no revision
    before = m.hasil(sesi.id).verifikasi
    m.jawab_sanggah(a, s1.id, "diterima", "Tautan aktif")  # empty new value -> the proposal
    cur = m.sesi_jadwal(sesi.jadwal_id)
    assert cur.id != sesi.id and cur.revisi == 2 and cur.status == "final"
    assert m.hasil(sesi.id).verifikasi == before  # history kept
    assert m.muat_sesi(cur.id).jawaban["W.1.1"].nilai_verifikasi == "ya"
    decided = {x.pertanyaan: x for x in m.sanggah_sesi(cur.id)}
    assert (decided["W.1.1"].nilai_usulan, decided["W.1.1"].nilai_baru) == ("ya", "ya")
    assert (decided["W.1.2"].nilai_usulan, decided["W.1.2"].nilai_baru) == (None, None)
    assert [r.revisi for r in m.riwayat(cur.id)] == [1, 2]
    # the new revision shows every sanggah of the visit
    assert [(x.pertanyaan, x.keputusan) for x in m.muat_sesi(cur.id).sanggah] == [("W.1.1", "diterima"),
                                                                                 ("W.1.2", "ditolak")]
    assert len(m.sanggah_sesi(sesi.id)) == 2
    # the dashboard score follows the current revision
    (row, *_), = [r for r in [m.program_scores(prog.id)] if r]
    assert row.sesi_id == cur.id


def test_tindak_lanjut_edit_close_and_late(env, tmp_path: Path) -> None:  # noqa: ANN001
    _, prog = env.program("ppid_checklist")
    m, a = env.monev, env.actor
    r = m.tambah_rekomendasi(a, RekomendasiBaru(prog.id, env.opd_ids[0], "Tetapkan SOP PPID"))
    t = m.tambah_tindak_lanjut(a, r.id, IsianTindakLanjut("Rapat", "Sekretaris", date.today() - timedelta(days=3)))
    with pytest.raises(ValidationError) as exc:
        m.ubah_tindak_lanjut(a, t.id, uraian=" ", pic="", status="x")
    assert set(exc.value.problems) == {"uraian", "pic", "status"}
    with env.services.store.read() as s:
        (row,) = TL.daftar_tindak_lanjut(s, program_id=prog.id, hari_ini=m.clock.today())
    assert row.uraian == "Rapat" and row.terlambat
    m.ubah_tindak_lanjut(a, t.id, uraian="Rapat penetapan SOP", pic="Kasubag Umum", tenggat=date.today() + timedelta(days=5))
    ev = tmp_path / "sk.pdf"
    ev.write_bytes(b"%PDF-1.4 sk")
    with env.services.store.read() as s:
        (row,) = TL.daftar_tindak_lanjut(s, program_id=prog.id, hari_ini=m.clock.today())
    assert (row.uraian, row.pic, row.terlambat) == ("Rapat penetapan SOP", "Kasubag Umum", False)
    m.ubah_tindak_lanjut(a, t.id, status="selesai", bukti=ev, tenggat=None)
    with env.services.store.read() as s:
        (row,) = TL.daftar_tindak_lanjut(s, status="selesai", hari_ini=m.clock.today())
    assert row.tenggat is None and row.bukti_nama == "sk.pdf" and row.selesai_tanggal == date.today()
    assert m.lokasi_bukti_tl(row).read_bytes() == b"%PDF-1.4 sk"


def test_letters_get_agenda_numbers(env) -> None:  # noqa: ANN001
    from ppid_desktop.akun import roles as R
    from ppid_desktop.core.errors import PermissionDenied
    from tests.conftest import make_actor

    svc = env.services
    _, p0 = env.program("ppid_checklist", n_opd=1)
    with pytest.raises(PermissionDenied):  # drafting an agenda letter is the secretariat's right
        surat.siapkan(svc, env.actor, p0.id, "pemberitahuan")
    a = make_actor(R.MONEV, R.SEKRETARIAT, username="sekretariat")
    _, prog = env.program("ppid_checklist", n_opd=2)
    env.monev.atur_tim(a, prog.id, [(env.pegawai_ids[0], "Ketua")])
    # no agenda letter: blank number
    assert surat.surat_program(svc, prog.id, "pemberitahuan") is None
    assert "menunggu" not in _text(surat.pdf(svc, prog.id, "pemberitahuan"))
    s1 = surat.siapkan(svc, a, prog.id, "pemberitahuan", kode_klasifikasi="000.9")
    assert surat.siapkan(svc, a, prog.id, "pemberitahuan").id == s1.id  # reused by sumber
    st = surat.siapkan(svc, a, prog.id, "surat_tugas", penandatangan_id=env.pegawai_ids[0])
    assert (s1.jenis, st.jenis, s1.sumber) == ("surat_keluar", "surat_tugas", f"monev.program:{prog.id}")
    assert s1.penandatangan == "Agus Santoso, S.Kom." and s1.hal == "Pemberitahuan Monev ppid_checklist"
    assert surat.MENUNGGU in _text(surat.pdf(svc, prog.id, "pemberitahuan"))
    from ppid_desktop.naskah.agenda import ParafInput

    svc.agenda.batalkan(a, st.id, "salah penanda tangan")
    st2 = surat.siapkan(svc, a, prog.id, "surat_tugas", paraf=[ParafInput(env.pegawai_ids[1])])
    assert st2.id != st.id
    svc.agenda.ajukan(a, st2.id)
    svc.agenda.paraf(a, st2.id, True)
    assert surat.MENUNGGU in _text(surat.pdf(svc, prog.id, "surat_tugas"))
    signed = svc.agenda.tandatangani(a, st2.id, date.today())
    assert signed.nomor
    txt = _text(surat.pdf(svc, prog.id, "surat_tugas"))
    assert signed.nomor in txt and surat.MENUNGGU not in txt


def test_sanggah_accepted_with_other_value_keeps_the_proposal(env) -> None:  # noqa: ANN001
    _prog, sesi = _final_session(env)
    m, a = env.monev, env.actor
    sg = m.ajukan_sanggah(a, sesi.id, "Sudah ada", pertanyaan="W.1.1", diajukan_oleh="PPID Dinkes", nilai_usulan="ya")
    m.jawab_sanggah(a, sg.id, "diterima", "Sebagian saja terbukti", nilai_baru="tidak")
    row = next(x for x in m.sanggah_sesi(sesi.id) if x.id == sg.id)
    assert (row.nilai_usulan, row.nilai_baru) == ("ya", "tidak")
