"""Tables whose column widths come from their content: no number, date or NIP split across lines."""

from __future__ import annotations

import io
import random
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from ppid_desktop.dokumen import DocumentKit, Instansi, Pejabat
from ppid_desktop.dokumen.fonts import register_fonts
from ppid_desktop.dokumen.tabel import angka_kolom, lebar_kolom
from ppid_desktop.layanan.dokumen import register_pdf

PEKERJAAN = ["Wiraswasta", "Pegawai Negeri Sipil", "Mahasiswa", "Wartawan", "Lembaga Swadaya Masyarakat", "Pekerjaan"]
RINCIAN = ["Salinan DPA", "Data jumlah penduduk per kelurahan tahun 2025",
           "Salinan dokumen pelaksanaan anggaran dan laporan realisasi belanja modal tahun anggaran 2025 beserta "
           "seluruh lampiran dan dokumen pendukungnya"]


def _rows(n: int) -> list[dict[str, object]]:
    rng = random.Random(7)
    out = []
    for i in range(1, n + 1):
        d = date(2025, 1, 1) + timedelta(days=i % 360)
        out.append({
            "nomor": f"{i:03d}/PPID/XII/2025", "tanggal_diterima": d.isoformat(),
            "nama": rng.choice(["Budi", "Sri Rahayu Ningsih Wulandari", "Yayasan Lembaga Bantuan Hukum Semarang"]),
            "nik": f"3373••••••••{i % 10000:04d}", "alamat": "Jl. Diponegoro No. 10, Sidorejo, Salatiga",
            "telepon": "081234567890", "email": "budi@example.com", "pekerjaan": rng.choice(PEKERJAAN),
            "rincian": rng.choice(RINCIAN), "tujuan": "Penelitian", "opd": "Dinas Kesehatan",
            "keputusan": "ditolak" if i % 7 == 0 else "dikabulkan_seluruhnya", "status": "diputuskan",
            "pasal17": "h,j" if i % 7 == 0 else "", "tanggal_pemberitahuan": (d + timedelta(days=9)).isoformat(),
            "biaya_total": 17000 if i % 5 == 0 else 0,
        })
    return out


def test_thousand_row_register_never_splits_numbers_dates_or_nik(profil) -> None:  # type: ignore[no-untyped-def]
    rows = _rows(1000)
    ppid = Pejabat(nama="Dra. Sri Lestari, M.Si.", jabatan="PPID", nip="196804111993032009")
    pdf = register_pdf(profil.master.instansi(), rows, dari=date(2025, 1, 1), sampai=date(2025, 12, 31), ppid=ppid,
                       tanggal=date(2026, 1, 5))
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]
    text = "\n".join(pages)
    for r in rows:
        d = date.fromisoformat(str(r["tanggal_diterima"]))
        for token in (r["nomor"], d.strftime("%d-%m-%Y"), r["nik"]):
            assert token in text, f"{token} is split or missing"
    assert "Rp17.000" in text and "Rp17.00\n" not in text
    assert "Pekerjaa\n" not in text and "Jumla\n" not in text
    # far more than five rows per F4 page; the last page closes with the count and the PPID's signature
    assert len(pages) < 1000 / 12
    assert "Jumlah permohonan dalam register ini: 1000" in pages[-1]
    assert "NIP 19680411 199303 2 009" in pages[-1]


def test_numbers_right_aligned_and_register_header_repeated(profil) -> None:  # type: ignore[no-untyped-def]
    assert angka_kolom(["12", "1.250", "Rp17.000", "90,83", "-", ""])
    assert not angka_kolom(["12", "dua"])
    pdf = register_pdf(profil.master.instansi(), _rows(40), dari=date(2025, 1, 1), sampai=date(2025, 12, 31))
    for page in PdfReader(io.BytesIO(pdf)).pages:
        assert "No. Pendaftaran" in page.extract_text()


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-.,", min_size=1, max_size=18)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.lists(words, min_size=1, max_size=6).map(" ".join), min_size=4, max_size=4),
                min_size=1, max_size=30))
def test_every_column_is_at_least_its_widest_word(rows: list[list[str]]) -> None:
    register_fonts()
    font, size = "LiberationSans-Regular", 8.0
    kepala = ["No.", "Nomor", "Uraian", "Jumlah"]
    total = 500.0
    widths = lebar_kolom(kepala, rows, total, font=font, font_kepala="LiberationSans-Bold", ukuran=size)
    assert abs(sum(widths) - total) < 0.01
    need = [max(stringWidth(w, font, size) for r in rows for w in r[i].split()) for i in range(4)]
    if sum(n + 7 for n in need) <= total:
        for i in range(4):
            assert widths[i] - 6 >= need[i] - 0.01


def test_report_grid_table_fits_the_frame(profil) -> None:  # type: ignore[no-untyped-def]
    kit = DocumentKit(profil.master.instansi())
    t = kit.tabel_data(["Aspek", "Bobot", "Nilai"], [["Pengumuman informasi berkala", "20", "88,50"]] * 3,
                       baris_jumlah=["Jumlah", "100", "90,83"])
    w, _ = t.wrap(kit.lebar, 1000)
    assert w <= kit.lebar + 0.01
    pdf = kit.build([t])
    assert "90,83" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_instansi_defaults_a4_letter_fits_one_page() -> None:
    ins = Instansi("PEMERINTAH KOTA SALATIGA", "DINAS KOMUNIKASI DAN INFORMATIKA", kota="Salatiga", kertas="A4")
    kit = DocumentKit(ins)
    from ppid_desktop.dokumen import TandaTangan

    isi = [kit.p("Menindaklanjuti surat Saudara, dengan hormat kami sampaikan hal-hal berikut ini. " * 4)
           for _ in range(4)]
    pdf = kit.surat(nomor="000.8.3.3/15/DISKOMINFO/2026", hal="Pemberitahuan", kepada=["Sdr. Budi"], di="Salatiga",
                    isi=isi, ttd=TandaTangan(Pejabat("Drs. Budi", "Kepala Dinas", nip="196707151993091001")),
                    tanggal=date(2026, 3, 16), tembusan=["Arsip"])
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1


def test_register_and_chart_fonts_are_all_embedded(profil) -> None:  # type: ignore[no-untyped-def]
    import shutil
    import subprocess

    import pytest
    from reportlab.graphics.charts.piecharts import Pie
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.platypus import Table

    if shutil.which("pdffonts") is None:
        pytest.skip("poppler-utils not installed")
    kit = DocumentKit(profil.master.instansi())
    d = Drawing(200, 120)
    pie = Pie()
    pie.data, pie.labels = [3, 5], ["Surat", "E-mail"]
    d.add(pie)
    d.add(String(10, 110, "Grafik"))
    plain = Table([["Tabel tanpa gaya", "12"]])  # reportlab's own defaults, as other rooms build tables
    docs = [register_pdf(profil.master.instansi(), _rows(30), dari=date(2025, 1, 1), sampai=date(2025, 12, 31)),
            kit.build([d, plain, kit.tabel_data(["A", "B"], [["x", 1]])])]
    for pdf in docs:
        out = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
        rows = [ln.split() for ln in out.splitlines()[2:] if ln.strip()]
        assert rows and all(r[-5] == "yes" for r in rows), out
        assert "Helvetica" not in out, out
