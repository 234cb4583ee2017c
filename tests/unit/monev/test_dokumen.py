"""Monev naskah: read the PDFs back with pypdf."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from ppid_desktop.core.errors import UserError
from ppid_desktop.monev import dokumen as D
from ppid_desktop.monev.masukan import RekomendasiBaru


def text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def selesai(env):  # noqa: ANN001
    m, a = env.monev, env.actor
    _, prog = env.program("ppid_checklist", n_opd=2)
    m.atur_tim(a, prog.id, [(env.pegawai_ids[0], "Ketua"), (env.pegawai_ids[1], "Anggota")])
    j = m.daftar_jadwal(prog.id)[0][0]
    m.atur_jadwal(a, j.id, date(2026, 3, 16), "09.00", "Ruang rapat Diskominfo")
    sesi = m.mulai_sesi(a, j.id)
    m.tambah_responden(a, sesi.id, "Eni Setiawan", "Sekretaris Dinas", nip="196903071997042014")
    for q in m.muat_sesi(sesi.id).defn.pertanyaan():
        if q.jenis == "ya_tidak":
            m.jawab(a, sesi.id, q.kode, "ya")
    m.finalisasi(a, sesi.id, tanggal_ba=date(2026, 3, 16), paksa=True)
    m.tambah_rekomendasi(a, RekomendasiBaru(prog.id, j.opd_id, "Mutakhirkan DIP setiap semester."))
    return prog, sesi


def test_berita_acara_words_date_number_signatures(env, selesai) -> None:  # noqa: ANN001
    _, sesi = selesai
    t = text(D.berita_acara_pdf(env.services, sesi.id))
    assert "BERITA ACARA MONITORING DAN EVALUASI" in t and "(DRAF)" not in t
    assert "Pada hari ini Senin tanggal enam belas bulan Maret tahun dua ribu dua puluh enam" in " ".join(t.split())
    assert env.monev.ambil_sesi(sesi.id).ba_nomor in t
    assert "Eni Setiawan" in t and "19690307 199704 2 014" in t and "Agus Santoso" in t
    assert "Ruang rapat Diskominfo" in t and "PEMERINTAH KOTA SALATIGA" in t


def test_surat_tugas_pemberitahuan_laporan(env, selesai) -> None:  # noqa: ANN001
    prog, sesi = selesai
    t = " ".join(text(D.surat_tugas_pdf(env.services, prog.id)).split())
    assert "SURAT TUGAS" in t and "Agus Santoso" in t and "Ketua" in t and "19800315 200501 1 002" in t
    t = " ".join(text(D.surat_pemberitahuan_pdf(env.services, prog.id, nomor="000.8/12/PPID/2026")).split())
    assert "Pemberitahuan Monev" in t and "JADWAL KUNJUNGAN" in t and "Senin, 16 Maret 2026" in t
    assert "000.8/12/PPID/2026" in t and "90 menit" in t
    t = " ".join(text(D.laporan_pdf(env.services, sesi.id)).split())
    assert "LAPORAN HASIL MONITORING DAN EVALUASI" in t and "DINAS KOMUNIKASI DAN INFORMATIKA" in t
    assert "Mutakhirkan DIP setiap semester." in t and "K.1.1" in t
    # handed to the unit with a receipt on its own last page (seed 000 step 13)
    pages = [" ".join((pg.extract_text() or "").split()) for pg in PdfReader(io.BytesIO(
        D.laporan_pdf(env.services, sesi.id, nomor="000.8/31/PPID/2026"))).pages]
    assert "TANDA TERIMA" in pages[-1] and "TANDA TERIMA" not in " ".join(pages[:-1])
    unit = env.monev.muat_sesi(sesi.id).opd.nama
    assert "000.8/31/PPID/2026" in pages[-1] and f"1 Kepala {unit}" in pages[-1] and "tanggal -" not in pages[-1]


def test_surat_tugas_needs_team(env) -> None:  # noqa: ANN001
    _, prog = env.program("ppid_checklist")
    with pytest.raises(UserError, match="Tim Monev"):
        D.surat_tugas_pdf(env.services, prog.id)
