from __future__ import annotations

import io
import re
import time
from datetime import date
from pathlib import Path

import pytest
from PIL import Image as PILImage
from pypdf import PdfReader

from ppid_desktop.dokumen import (
    A4,
    F4,
    DocumentKit,
    Instansi,
    Paraf,
    Pejabat,
    TandaTangan,
    esc,
    format_nip,
    pangkat_golongan,
    rangkap,
    ukuran_kertas,
)
from ppid_desktop.naskah.dokumen.uji_kop import halaman_uji_kop

KEPALA = Pejabat(
    nama="Drs. Ahmad Fauzi, M.Si.",
    jabatan="Kepala Dinas Komunikasi dan Informatika",
    nip="196804111993031009",
    pangkat="Pembina Utama Muda",
    golongan="IV/c",
)
SEKRETARIS = Pejabat("Ir. Joko Susilo", "Sekretaris", "196905051995031002", "Pembina", "IV/a")
TANGGAL = date(2026, 3, 16)


def instansi(kertas: str = "F4", **kw: object) -> Instansi:
    base: dict[str, object] = dict(
        pemerintah="Pemerintah Kota Salatiga",
        perangkat_daerah="Dinas Komunikasi dan Informatika",
        sub_unit="Pejabat Pengelola Informasi dan Dokumentasi",
        alamat="Jalan Letjend Sukowati Nomor 51",
        kota="Salatiga",
        kode_pos="50724",
        telepon="(0298) 326767",
        email="diskominfo@salatiga.go.id",
        website="www.salatiga.go.id",
        kertas=kertas,
    )
    base.update(kw)
    return Instansi(**base)  # type: ignore[arg-type]


def baca(pdf: bytes) -> PdfReader:
    assert pdf.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(pdf))


def teks(reader: PdfReader, page: int) -> str:
    return " ".join(reader.pages[page].extract_text().split())


def semua_teks(reader: PdfReader) -> str:
    return " ".join(teks(reader, i) for i in range(len(reader.pages)))


def ukuran(reader: PdfReader, page: int = 0) -> tuple[float, float]:
    box = reader.pages[page].mediabox
    return float(box.width), float(box.height)


# ---------------------------------------------------------------------- helpers


def test_format_nip() -> None:
    assert format_nip("196804111993031009") == "19680411 199303 1 009"
    assert format_nip(" 19680411 199303 1 009 ") == "19680411 199303 1 009"
    assert format_nip("19680411.199303.1.009") == "19680411 199303 1 009"
    # Not an 18-digit NIP: left as typed (trimmed), never silently mangled.
    assert format_nip("12345") == "12345"
    assert format_nip("") == ""


def test_esc_and_small_helpers() -> None:
    assert esc("A & B <C>") == "A &amp; B &lt;C&gt;"
    assert esc("baris 1\nbaris 2") == "baris 1<br/>baris 2"
    assert esc(None) == ""
    assert pangkat_golongan("Pembina", "IV/a") == "Pembina (IV/a)"
    assert pangkat_golongan("", "IV/a") == "IV/a"
    assert pangkat_golongan("Pembina", "") == "Pembina"
    assert rangkap(2) == "2 (dua)"


def test_page_sizes_are_explicit() -> None:
    assert ukuran_kertas("A4") == pytest.approx((595.28, 841.89), abs=0.01)
    assert ukuran_kertas("F4") == pytest.approx((609.45, 935.43), abs=0.01)
    assert (ukuran_kertas("A4"), ukuran_kertas("F4")) == (A4, F4)
    assert ukuran_kertas("f4", landscape=True) == pytest.approx((935.43, 609.45), abs=0.01)
    with pytest.raises(ValueError):
        ukuran_kertas("Legal")
    with pytest.raises(ValueError, match="tidak didukung"):
        instansi("Legal")


def test_model_validation() -> None:
    with pytest.raises(ValueError):
        TandaTangan(KEPALA, mode="atas nama")
    with pytest.raises(ValueError):
        instansi(margin_kiri=0)
    assert instansi("a4").kertas == "A4"


# ---------------------------------------------------------------------- the kop test letter


@pytest.fixture(scope="module")
def uji_f4() -> PdfReader:
    return baca(halaman_uji_kop(instansi("F4"), TandaTangan(KEPALA, tanggal=TANGGAL)))


@pytest.mark.parametrize(("kertas", "size"), [("A4", (595.28, 841.89)), ("F4", (609.45, 935.43))])
def test_uji_kop_page_size_and_three_pages(kertas: str, size: tuple[float, float]) -> None:
    reader = baca(halaman_uji_kop(instansi(kertas), TandaTangan(KEPALA, tanggal=TANGGAL)))
    assert len(reader.pages) == 3  # the letter, its attachment, the Sekretariat Daerah's kop
    for i in range(3):
        assert ukuran(reader, i) == pytest.approx(size, abs=0.05)


def test_uji_kop_kop_and_letter_parts(uji_f4: PdfReader) -> None:
    p1 = teks(uji_f4, 0)
    assert "PEMERINTAH KOTA SALATIGA" in p1
    assert "DINAS KOMUNIKASI DAN INFORMATIKA" in p1
    assert "PEJABAT PENGELOLA INFORMASI DAN DOKUMENTASI" in p1
    assert "Telepon (0298) 326767" in p1
    assert "Salatiga, 16 Maret 2026" in p1
    assert "Nomor" in p1 and "000.8.3.3/001/PPID/III/2026" in p1
    assert "Yth." in p1 and "Tembusan:" in p1
    assert "Drs. Ahmad Fauzi, M.Si." in p1
    assert "Pembina Utama Muda (IV/c)" in p1
    assert "NIP 19680411 199303 1 009" in p1
    assert "Paraf" in p1 and "Pengolah Data" in p1


def test_uji_kop_page_numbers(uji_f4: PdfReader) -> None:
    assert "Halaman 1 dari 3" in teks(uji_f4, 0)
    assert "Halaman 2 dari 3" in teks(uji_f4, 1)
    assert "LAMPIRAN SURAT" in teks(uji_f4, 1)
    p3 = teks(uji_f4, 2)
    assert "Halaman 3 dari 3" in p3 and "SEKRETARIAT DAERAH" in p3 and "setda.salatigakota.go.id" in p3
    assert "Jalan Letjend Sukowati" not in p3  # the Setda kop never reuses the office's address line


def test_uji_kop_accepts_a_pejabat() -> None:
    reader = baca(halaman_uji_kop(instansi("A4"), KEPALA, tanggal=date(2026, 8, 17)))
    assert "Salatiga, 17 Agustus 2026" in teks(reader, 0)
    assert "Pada hari ini Senin tanggal tujuh belas bulan Agustus" in semua_teks(reader)


def test_only_embedded_truetype_fonts(uji_f4: PdfReader) -> None:
    fonts: dict[str, bool] = {}
    for page in uji_f4.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            name = str(font["/BaseFont"])
            descriptor = font.get("/FontDescriptor")
            fonts[name] = bool(descriptor and "/FontFile2" in descriptor.get_object())
    assert fonts, "no fonts found"
    assert not any("Helvetica" in name for name in fonts)
    assert all(fonts.values()), fonts
    assert any("LiberationSans-Bold" in name for name in fonts)


def test_serif_font_profile() -> None:
    reader = baca(halaman_uji_kop(instansi("F4", font="Bookman Old Style"), KEPALA, tanggal=TANGGAL))
    names = {str(ref.get_object()["/BaseFont"]) for ref in reader.pages[0]["/Resources"]["/Font"].values()}
    assert any("LiberationSerif" in n for n in names)
    assert not any("LiberationSans" in n for n in names)


# ---------------------------------------------------------------------- layouts


def test_single_page_has_no_page_number() -> None:
    kit = DocumentKit(instansi("A4"))
    reader = baca(
        kit.surat(nomor="1/2026", hal="Uji", kepada=["Sdr. Budi"], di="Salatiga", isi=["Isi singkat."],
                  ttd=TandaTangan(KEPALA, tanggal=TANGGAL))
    )
    assert len(reader.pages) == 1
    assert "Halaman" not in teks(reader, 0)


def test_strip_page_number_format() -> None:
    kit = DocumentKit(instansi("A4"), format_halaman="- {n} -")
    reader = baca(kit.naskah_judul(judul="Laporan", isi=["Satu", kit.halaman_baru(), "Dua", kit.halaman_baru(), "Tiga"]))
    assert len(reader.pages) == 3
    assert "- 2 -" in teks(reader, 1) and "- 3 -" in teks(reader, 2)


def test_surat_escapes_plain_fields_and_numbers_recipients() -> None:
    kit = DocumentKit(instansi("F4"))
    reader = baca(
        kit.surat(
            nomor="045/12/PPID", hal="Data <Anggaran> & Realisasi", kepada=["Sdr. A & B", "Sdr. C"],
            di="Tempat", isi=[f"Nama: <b>{esc('Budi <Uji>')}</b>"], tanggal=TANGGAL, tempat="Ungaran",
            ttd=TandaTangan(SEKRETARIS, mode="a.n.", atas_nama_jabatan="KEPALA DINAS KOMUNIKASI DAN INFORMATIKA"),
            tembusan=["Wali Kota Salatiga"],
        )
    )
    t = teks(reader, 0)
    assert "Data <Anggaran> & Realisasi" in t
    assert "1. Sdr. A & B" in t and "2. Sdr. C" in t
    assert "Nama: Budi <Uji>" in t
    assert "Ungaran, 16 Maret 2026" in t
    assert "a.n. KEPALA DINAS KOMUNIKASI DAN INFORMATIKA" in t
    assert "Sekretaris," in t
    assert "Tembusan: Wali Kota Salatiga" in t


@pytest.mark.parametrize(
    ("mode", "atas_nama", "expected"),
    [
        ("", "", ["Kepala Dinas Komunikasi dan Informatika,"]),
        ("Plt.", "", ["Plt. Kepala Dinas Komunikasi dan Informatika,"]),
        ("Plh.", "", ["Plh. Kepala Dinas Komunikasi dan Informatika,"]),
        ("u.b.", "WALI KOTA SALATIGA\nSekretaris Daerah", ["a.n. WALI KOTA SALATIGA", "Sekretaris Daerah", "u.b.",
                                                            "Kepala Dinas Komunikasi dan Informatika,"]),
    ],
)
def test_signature_heading_modes(mode: str, atas_nama: str, expected: list[str]) -> None:
    kit = DocumentKit(instansi("A4"))
    assert kit._kepala_ttd(TandaTangan(KEPALA, mode=mode, atas_nama_jabatan=atas_nama)) == expected


def test_naskah_judul_many_signers_and_mengetahui() -> None:
    kit = DocumentKit(instansi("A4", font="Times New Roman"))
    reader = baca(
        kit.naskah_judul(
            judul="Berita Acara Verifikasi", nomor="000.9/21/BA/2026",
            isi=[kit.p("Pada hari ini Minggu tanggal dua puluh dua bulan November tahun dua ribu dua puluh enam.")],
            ttd=[TandaTangan(KEPALA, label="PIHAK KESATU,"), TandaTangan(SEKRETARIS, label="PIHAK KEDUA,")],
            mengetahui=TandaTangan(Pejabat("Hj. Siti Rahayu", "Sekretaris Daerah", "197203152000032004")),
            tanggal=date(2026, 11, 22),
        )
    )
    t = semua_teks(reader)
    assert "BERITA ACARA VERIFIKASI" in t
    assert "NOMOR 000.9/21/BA/2026" in t
    assert "Salatiga, 22 November 2026" in t
    assert "PIHAK KESATU," in t and "PIHAK KEDUA," in t and "Mengetahui," in t
    assert "NIP 19680411 199303 1 009" in t and "NIP 19690505 199503 1 002" in t
    assert "NIP 19720315 200003 2 004" in t
    assert len(reader.pages) == 1


def test_nota_dinas_fields() -> None:
    kit = DocumentKit(instansi("F4"))
    reader = baca(
        kit.nota_dinas(
            kepada="Kepala Dinas Komunikasi dan Informatika", dari="Sekretaris", nomor="000.1/45/Sekr",
            hal="Permohonan Data", tanggal=date(2026, 4, 6), tembusan=["Kepala Bidang", "Arsip"],
            isi=["Dengan hormat kami mohon data."], ttd=TandaTangan(SEKRETARIS),
            paraf=[Paraf("Rina", "Analis")],
        )
    )
    t = teks(reader, 0)
    assert "NOTA DINAS" in t
    assert "Kepada : Yth. Kepala Dinas Komunikasi dan Informatika" in t
    assert "Tanggal : 6 April 2026" in t
    assert "1. Kepala Bidang" in t and "2. Arsip" in t
    assert "Rina" in t and "NIP 19690505 199503 1 002" in t


def test_logo_fallback_and_custom_logo(tmp_path: Path) -> None:
    bad = tmp_path / "logo.png"
    bad.write_text("bukan gambar")
    pdf_bad = halaman_uji_kop(instansi("A4", logo_path=str(bad)), KEPALA, tanggal=TANGGAL)
    pdf_missing = halaman_uji_kop(instansi("A4", logo_path=str(tmp_path / "tidak-ada.png")), KEPALA, tanggal=TANGGAL)
    good = tmp_path / "lambang.png"
    PILImage.new("RGB", (120, 150), (200, 30, 30)).save(good)
    pdf_good = halaman_uji_kop(instansi("A4", logo_path=str(good)), KEPALA, tanggal=TANGGAL)

    def image_sizes(pdf: bytes) -> list[tuple[int, int]]:
        # The logo is drawn once per PDF inside a form XObject and reused: look through forms too.
        def walk(xobjects: object) -> list[tuple[int, int]]:
            out: list[tuple[int, int]] = []
            for x in xobjects.values():  # type: ignore[attr-defined]
                o = x.get_object()
                if o["/Subtype"] == "/Image":
                    out.append((int(o["/Width"]), int(o["/Height"])))
                elif o["/Subtype"] == "/Form" and "/XObject" in o.get("/Resources", {}):
                    out += walk(o["/Resources"]["/XObject"])
            return out

        return walk(baca(pdf).pages[0]["/Resources"]["/XObject"])

    default = image_sizes(pdf_bad)
    assert default == image_sizes(pdf_missing) and len(default) == 1
    assert image_sizes(pdf_good) == [(120, 150)]
    assert default != [(120, 150)]


def test_output_is_deterministic_for_one_time_and_dated_by_it() -> None:
    import re
    from datetime import UTC, datetime

    from ppid_desktop.dokumen.halaman import waktu_dokumen

    ttd = TandaTangan(KEPALA, tanggal=TANGGAL)
    with waktu_dokumen(datetime(2026, 3, 16, 2, 30, tzinfo=UTC)):
        a, b = halaman_uji_kop(instansi("F4"), ttd), halaman_uji_kop(instansi("F4"), ttd)
    assert a == b
    # The creation date is the given time, never reportlab's invariant 2000-01-01.
    stamp = re.search(rb"/CreationDate \(D:(\d{8})", a)
    assert stamp is not None and stamp.group(1) != b"20000101"
    now = re.search(rb"/CreationDate \(D:(\d{4})", halaman_uji_kop(instansi("F4"), ttd))
    assert now is not None and int(now.group(1)) == datetime.now().year


# ---------------------------------------------------------------------- registers


def test_tabel_big_register() -> None:
    kit = DocumentKit(instansi("F4"))
    n = 2000
    rows = (
        (i, f"REG/{i:05d}", date(2026, 1, 1 + i % 28), f"Pemohon {i}" + (" dengan nama panjang sekali" * 3 if i % 9 == 0 else ""),
         None)
        for i in range(1, n + 1)
    )
    start = time.perf_counter()
    pdf = kit.tabel(judul="Buku Register Permohonan", kolom=["No", "Nomor", "Tanggal", "Pemohon", "Ket."],
                    baris=rows, lebar=[5, 14, 10, 40, 10], rata=["tengah", "kiri", "tengah"])
    elapsed = time.perf_counter() - start
    reader = baca(pdf)
    pages = len(reader.pages)
    assert pages > 10
    assert ukuran(reader) == pytest.approx((935.43, 609.45), abs=0.05)  # landscape F4
    seen = []
    for i in range(pages):
        t = reader.pages[i].extract_text()
        assert t.count("Nomor") == 1, f"header row missing or doubled on page {i + 1}"
        assert f"Halaman {i + 1} dari {pages}" in " ".join(t.split())
        seen.extend(int(m) for m in re.findall(r"REG/(\d{5})", t))
    assert seen == list(range(1, n + 1))
    assert "BUKU REGISTER PERMOHONAN" in teks(reader, 0)
    assert "01-01-2026" in semua_teks(reader)  # dates print as dd-mm-yyyy
    assert elapsed < 20


def test_tabel_rejects_ragged_rows_and_handles_empty() -> None:
    kit = DocumentKit(instansi("A4"))
    with pytest.raises(ValueError, match="Baris 2"):
        kit.tabel(judul="X", kolom=["A", "B"], baris=[("1", "2"), ("3",)])
    reader = baca(kit.tabel(judul="Kosong", kolom=["A", "B"], baris=[], landscape=False,
                            ttd=TandaTangan(KEPALA, tanggal=TANGGAL)))
    assert len(reader.pages) == 1
    assert ukuran(reader) == pytest.approx((595.28, 841.89), abs=0.05)
    assert "NIP 19680411 199303 1 009" in teks(reader, 0)


def test_tabel_full_page_is_filled() -> None:
    """A4 landscape, 15 mm margins, one-line rows: every full page holds as many rows as the frame fits
    (measured row height), leaving less than two rows of blank space at the foot."""
    from ppid_desktop.dokumen.halaman import MM
    from ppid_desktop.dokumen.kit import ukuran_kertas

    kit = DocumentKit(instansi("A4"))
    rows = [(i, f"REG/{i:05d}", date(2026, 1, 2), f"Pemohon {i}", "-") for i in range(1, 301)]
    reader = baca(kit.tabel(judul="Register", kolom=["No", "Nomor", "Tanggal", "Pemohon", "Ket."], baris=rows,
                            lebar=[5, 14, 10, 40, 10]))
    _, ph = ukuran_kertas("A4", True)
    frame_h = ph - 30 * MM
    sel = kit.styles["sel"]
    row_h = sel.leading + 2 * 2.0 + 0.5  # leading + top/bottom padding, as laid out
    header_h = row_h
    n_full = int((frame_h - header_h - 4.0) // row_h)
    assert n_full >= 27  # a known page size: A4 landscape holds at least 27 one-line rows
    per_page = [len(re.findall(r"REG/\d{5}", reader.pages[i].extract_text())) for i in range(len(reader.pages))]
    assert sum(per_page) == 300
    assert all(n >= n_full for n in per_page[1:-1]), (per_page, n_full)
