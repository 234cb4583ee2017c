"""#11 remaining gaps: the register drawn on the canvas (streamed, bounded memory, tall rows), the paraf table
on every agenda letter (monev composers included), the Sekretariat Daerah's own kop, the service report as
an agenda letter, and no hidden ``date.today()`` in the kit."""

from __future__ import annotations

import io
import random
import shutil
import subprocess
import tracemalloc
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from pypdf import PdfReader

from ppid_desktop.akun import roles as R  # noqa: N812
from ppid_desktop.core.clock import FixedClock
from ppid_desktop.core.errors import UserError, ValidationError
from ppid_desktop.dokumen import DocumentKit, Instansi, Paraf, Pejabat, TandaTangan
from ppid_desktop.dokumen.data import domain_pemda, instansi_setda
from ppid_desktop.layanan import dokumen
from ppid_desktop.layanan import laporan as LP  # noqa: N812
from ppid_desktop.layanan.dokumen import register_pdf
from ppid_desktop.layanan.masukan import KeberatanMasukan, PermohonanMasukan, PutusanKeberatanMasukan
from ppid_desktop.master.masukan import IsianPegawai, IsianProfil
from ppid_desktop.naskah.agenda import ParafInput
from ppid_desktop.naskah.dokumen.uji_kop import halaman_uji_kop
from ppid_desktop.naskah.jenis import MENUNGGU_NOMOR
from ppid_desktop.naskah.masukan import IsianKonsep
from ppid_desktop.naskah.susun import daftarkan
from tests.conftest import make_actor
from tests.unit.layanan.conftest import data_permohonan, kantor, opd, petugas  # noqa: F401  (fixtures)
from tests.unit.monev.conftest import env  # noqa: F401  (fixture)

PPID = Pejabat(nama="Dra. Sri Lestari, M.Si.", jabatan="PPID", nip="196804111993032009")
INS = Instansi("PEMERINTAH KOTA SALATIGA", "DINAS KOMUNIKASI DAN INFORMATIKA", kota="Salatiga", kertas="F4",
               alamat="Jalan Letjen Sukowati Nomor 51", telepon="(0298) 326767")


def _text(pdf: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


def _row(i: int, rincian: str = "Salinan DPA Dinas Kesehatan tahun 2025") -> dict[str, object]:
    d = date(2025, 1, 1) + timedelta(days=i % 360)
    return {"nomor": f"{i:05d}/PPID/XII/2025", "tanggal_diterima": d.isoformat(), "nama": f"Pemohon Nomor {i}",
            "nik": f"3373••••••••{i % 10000:04d}", "alamat": "Jl. Diponegoro No. 10, Salatiga", "telepon": "0812345",
            "email": "", "pekerjaan": "Wiraswasta", "rincian": rincian, "tujuan": "Penelitian", "opd": "Dinas Kesehatan",
            "keputusan": "dikabulkan_seluruhnya", "status": "diputuskan", "pasal17": "",
            "tanggal_pemberitahuan": (d + timedelta(days=9)).isoformat(), "biaya_total": 17000 if i % 5 == 0 else 0}


# ---------------------------------------------------------------------- the drawn register

def test_register_streams_from_a_callable_read_once_and_reads_back() -> None:
    reads = []

    def rows() -> Iterator[dict[str, object]]:
        reads.append(1)
        for i in range(1, 301):
            yield _row(i)

    pdf = register_pdf(INS, rows, dari=date(2025, 1, 1), sampai=date(2025, 12, 31), ppid=PPID, tanggal=date(2026, 1, 5))
    assert len(reads) == 1  # the query runs once; the drawing pass reads the texts back from a spooled file
    pages = _text(pdf)
    assert "PEMERINTAH KOTA SALATIGA" in pages[0] and "REGISTER PERMOHONAN INFORMASI PUBLIK" in pages[0]
    text = "\n".join(pages)
    for i in range(1, 301):
        assert f"{i:05d}/PPID/XII/2025" in text
    for n, page in enumerate(pages, 1):
        assert "No. Pendaftaran" in page and f"Halaman {n} dari {len(pages)}" in " ".join(page.split())
    assert "Jumlah permohonan dalam register ini: 300" in pages[-1]
    assert "5 Januari 2026" in pages[-1] and "NIP 19680411 199303 2 009" in pages[-1]
    # a one-shot generator works too (read into a list), and gives the same pages
    assert len(_text(register_pdf(INS, (r for r in (_row(i) for i in range(1, 301))), dari=date(2025, 1, 1),
                                  sampai=date(2025, 12, 31), ppid=PPID, tanggal=date(2026, 1, 5)))) == len(pages)


def test_f4_page_is_dense_one_line_rows() -> None:
    """Short rows: an F4 landscape page holds 42 one-line register rows (a secretariat's printed register
    took 19 pages for a year at five rows a page)."""
    rows = [{**_row(i), "nama": f"Budi {i}", "nik": "", "alamat": "Salatiga", "rincian": "Salinan DPA"}
            for i in range(1, 201)]
    pages = _text(register_pdf(INS, rows, dari=date(2025, 1, 1), sampai=date(2025, 12, 31)))
    per_page = [p.count("/PPID/XII/2025") for p in pages]
    assert sum(per_page) == 200
    assert min(per_page[1:-1] or per_page) >= 40, per_page


def test_a_row_taller_than_a_page_continues_on_the_next_page() -> None:
    rng = random.Random(3)
    words = ["salinan", "dokumen", "pelaksanaan", "anggaran", "laporan", "realisasi", "belanja", "modal", "tahun"]
    panjang = " ".join(rng.choice(words) for _ in range(1500)) + " AKHIRRINCIAN"
    rows = [_row(1), _row(2, panjang), _row(3)]
    pages = _text(register_pdf(INS, rows, dari=date(2025, 1, 1), sampai=date(2025, 12, 31)))
    text = "\n".join(pages)
    assert len(pages) >= 3
    assert "AKHIRRINCIAN" in text and "00003/PPID/XII/2025" in text
    assert "Jumlah permohonan dalam register ini: 3" in pages[-1]


def test_register_with_a_full_temporary_folder_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import tempfile

    class Penuh(io.BytesIO):
        def __init__(self, *a: object, **kw: object) -> None:
            super().__init__()

        def write(self, b: object) -> int:  # type: ignore[override]
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "SpooledTemporaryFile", Penuh)
    with pytest.raises(UserError, match="folder sementara .* tidak dapat ditulis"):
        register_pdf(INS, [_row(i) for i in range(1, 300)], dari=date(2025, 1, 1), sampai=date(2025, 12, 31))


def test_register_fonts_embedded_and_metadata() -> None:
    if shutil.which("pdffonts") is None:
        pytest.skip("poppler-utils not installed")
    pdf = register_pdf(INS, [_row(i) for i in range(1, 40)], dari=date(2025, 1, 1), sampai=date(2025, 12, 31),
                       ppid=PPID, tanggal=date(2026, 1, 5))
    out = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    rows = [ln.split() for ln in out.splitlines()[2:] if ln.strip()]
    assert rows and all(r[-5] == "yes" for r in rows), out
    assert "Helvetica" not in out
    meta = PdfReader(io.BytesIO(pdf)).metadata
    assert meta is not None and meta.title == "Register Permohonan Informasi Publik"
    assert b"/CreationDate (D:2000" not in pdf


def test_register_memory_grows_with_the_pdf_not_with_the_rows() -> None:
    """#15: the register for 50,000 rows within 300 MB. Rows are streamed and pages compressed as they are
    finished, so the traced peak grows by well under 2 kB per row (50,000 rows: < 100 MB above the base)."""
    base = [_row(i) for i in range(1, 101)]

    def peak(n: int) -> int:
        def rows() -> Iterator[dict[str, object]]:
            for i in range(n):
                yield {**base[i % 100], "nomor": f"{i:05d}/PPID/XII/2025"}

        register_pdf(INS, rows, dari=date(2025, 1, 1), sampai=date(2025, 12, 31))  # warm caches
        tracemalloc.start()
        try:
            register_pdf(INS, rows, dari=date(2025, 1, 1), sampai=date(2025, 12, 31))
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    small, big = peak(500), peak(5000)
    per_row = (big - small) / 4500
    assert per_row < 2000, (small, big, per_row)
    assert big < 8 * small, (small, big)  # rows kept in memory would make it ~10x


# ---------------------------------------------------------------------- paraf on every agenda letter

def _tanpa_paraf(services: Any, c: Any) -> bytes:
    """A composer like the monev ones: it never passes ``c.paraf``."""
    kit = DocumentKit(services.master.instansi())
    if c.surat.hal.startswith("Berita"):
        return kit.naskah_judul(judul="BERITA ACARA UJI", nomor=c.nomor, isi=[kit.p("Isi berita acara.")],
                                ttd=TandaTangan(pejabat=Pejabat("Drs. Budi", "Kepala Dinas", nip="196707151993091001")))
    return kit.build([kit.p("Laporan tanpa blok tanda tangan.")])


daftarkan("uji.tanpaparaf", _tanpa_paraf)


@pytest.fixture
def rantai(profil, admin):  # type: ignore[no-untyped-def]
    m = profil.master
    kadis = m.simpan_pegawai(admin, IsianPegawai.dari({"nama": "Drs. Budi Prasetiyono, M.Si.", "nip": "196707151993091001",
                                   "jabatan": "Kepala Dinas", "boleh_ttd": "laporan,berita_acara,surat_keluar"}))
    kabid = m.simpan_pegawai(admin, IsianPegawai.dari({"nama": "Agus Wibowo, S.Kom.", "nip": "198002022005011002",
                                   "jabatan": "Kepala Bidang Statistik"}))
    return profil, kadis, kabid


@pytest.mark.parametrize("hal", ["Berita Acara Uji", "Laporan Uji"])
def test_agenda_letters_of_composers_without_paraf_print_the_table(rantai, admin, hal) -> None:  # type: ignore[no-untyped-def]
    svc, kadis, kabid = rantai
    surat = svc.agenda.buat_konsep(admin, IsianKonsep.dari({"jenis": "berita_acara", "hal": hal, "penandatangan_id": kadis.id,
                                           "sumber": "uji.tanpaparaf:1"}), [ParafInput(kabid.id)])
    text = " ".join(_text(svc.agenda.cetak(surat.id))[-1].split())
    assert "Paraf" in text and "Agus Wibowo, S.Kom." in text and "Kepala Bidang Statistik" in text
    assert text.count("Agus Wibowo, S.Kom.") == 1
    svc.agenda.simpan_pengaturan(admin, "tabel_paraf", "tidak")
    assert "Agus Wibowo" not in " ".join(_text(svc.agenda.cetak(surat.id))[-1].split())


def test_explicit_paraf_is_printed_once_and_kit_outside_the_agenda_unchanged() -> None:
    from ppid_desktop.dokumen.halaman import paraf_naskah

    kit = DocumentKit(INS)
    ttd = TandaTangan(pejabat=Pejabat("Drs. Budi", "Kepala Dinas", nip="196707151993091001"), tanggal=date(2026, 3, 2))
    with paraf_naskah([Paraf("Rina Utami", "Pranata Humas")]):
        pdf = kit.surat(nomor="1", hal="Uji", kepada=["Sdr. A"], isi=[kit.p("Isi.")], ttd=ttd,
                        paraf=[Paraf("Rina Utami", "Pranata Humas")])
        again = kit.surat(nomor="2", hal="Uji", kepada=["Sdr. A"], isi=[kit.p("Isi.")], ttd=ttd)
    assert " ".join(_text(pdf)[0].split()).count("Rina Utami") == 1
    assert " ".join(_text(again)[0].split()).count("Rina Utami") == 1  # the next document gets it again
    plain = kit.surat(nomor="3", hal="Uji", kepada=["Sdr. A"], isi=[kit.p("Isi.")], ttd=ttd)
    assert "Rina Utami" not in _text(plain)[0]


# ---------------------------------------------------------------------- the Sekretariat Daerah's kop

def test_setda_kop_defaults_from_the_pemda_name() -> None:
    assert domain_pemda("PEMERINTAH KOTA SALATIGA") == "salatigakota.go.id"
    assert domain_pemda("Pemerintah Kabupaten Semarang") == "semarangkab.go.id"
    assert domain_pemda("PEMERINTAH PROVINSI JAWA TENGAH") == "jawatengahprov.go.id"
    assert domain_pemda("DINAS X") == ""
    s = instansi_setda(INS)
    assert s.perangkat_daerah == "SEKRETARIAT DAERAH" and s.alamat == "Salatiga"
    assert s.email == "setda@salatigakota.go.id" and s.website == "setda.salatigakota.go.id"
    assert s.telepon == "" and "Sukowati" not in s.alamat  # never the office's own address line
    own = instansi_setda(INS, nama="SEKRETARIAT DAERAH KOTA SALATIGA", alamat="Jalan Letjen Sukowati Nomor 51 Gedung B",
                         telepon="(0298) 311111")
    assert own.alamat.endswith("Gedung B") and own.telepon == "(0298) 311111" and own.kertas == INS.kertas


def test_setda_kop_from_the_profile_on_the_tanggapan_and_the_test_page(kantor, petugas, admin) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    m = kantor.master
    with pytest.raises(ValidationError, match="Sekretariat Daerah"):
        m.simpan_profil(admin, IsianProfil.dari({"setda_email": "bukan-email"}))
    m.simpan_profil(admin, IsianProfil.dari({"setda_alamat": "Jalan Letjen Sukowati Nomor 51 Gedung Setda", "setda_telepon": "(0298) 311111",
                          "setda_email": "setda@salatiga.go.id"}))
    s = m.instansi_setda()
    assert s.alamat.endswith("Gedung Setda") and s.email == "setda@salatiga.go.id"
    assert s.website == "setda.salatigakota.go.id"  # the empty line is derived
    L = kantor.layanan
    p = L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan()))
    k, _ = L.catat_keberatan(petugas, p.id, KeberatanMasukan.dari_dict({"alasan": "a", "kasus_posisi": "x", "tanggal_diterima": date(2026, 6, 15)}))
    L.putus_keberatan(make_actor(R.ATASAN, username="atasan"), k.id, PutusanKeberatanMasukan.dari_dict({
        "putusan": "ditolak", "isi_tanggapan": "Menguatkan PPID", "atasan_nama": "Drs. Wuryanto",
        "tanggal_tanggapan": date(2026, 6, 15)}))
    pdf, _ = dokumen.cetak(kantor, petugas, "tanggapan-keberatan", k.nomor)
    first = " ".join(_text(pdf)[0].split())
    assert "SEKRETARIAT DAERAH" in first and "Gedung Setda" in first and "311111" in first
    assert "326767" not in first  # not the Diskominfo kop's phone
    uji = [" ".join(t.split()) for t in _text(halaman_uji_kop(m.instansi(), PPID, setda=s,
                                                            clock=FixedClock(date(2026, 2, 3))))]
    assert "DINAS KOMUNIKASI DAN INFORMATIKA" in uji[0] and "3 Februari 2026" in uji[0]
    assert "SEKRETARIAT DAERAH" in uji[-1] and "Gedung Setda" in uji[-1] and "Kop Sekretariat Daerah" in uji[-1]


# ---------------------------------------------------------------------- the service report as an agenda letter

def test_service_report_goes_out_as_an_agenda_letter(kantor, petugas, admin) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    svc = kantor
    kadis = svc.master.simpan_pegawai(admin, IsianPegawai.dari({"nama": "Drs. Budi Prasetiyono, M.Si.", "nip": "196707151993091001",
                                            "jabatan": "Kepala Dinas", "boleh_ttd": "laporan"}))
    kabid = svc.master.simpan_pegawai(admin, IsianPegawai.dari({"nama": "Agus Wibowo, S.Kom.", "nip": "198002022005011002",
                                            "jabatan": "Kepala Bidang IKP"}))
    svc.agenda.simpan_paraf_baku(admin, "laporan", [ParafInput(kabid.id)])
    svc.layanan.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan()))
    dari, sampai = date(2026, 1, 1), date(2026, 6, 30)
    with pytest.raises(ValidationError):
        LP.konsep(svc, admin, sampai, dari)
    for _ in range(3):  # previewing the draft consumes no number
        draft = " ".join(" ".join(_text(LP.cetak_naskah(svc, admin, dari, sampai))).split())
        assert MENUNGGU_NOMOR in draft and "Atasan PPID" in draft and "Komisi Informasi" in draft
    surat = LP.naskah(svc, dari, sampai)
    assert surat is not None and surat.jenis == "laporan" and surat.nomor is None and surat.penandatangan_id == kadis.id
    assert "Agus Wibowo" in draft  # the kind's default paraf chain, printed
    assert LP.catatan_pengiriman(svc, dari, sampai).startswith("Surat laporan masih konsep")
    svc.agenda.ajukan(admin, surat.id)
    svc.agenda.paraf(admin, surat.id, True)
    signed = svc.agenda.tandatangani(admin, surat.id, date(2026, 7, 3), hari_ini=date(2026, 7, 3))
    assert signed.nomor
    frozen = LP.cetak_naskah(svc, admin, dari, sampai)
    assert frozen == LP.cetak_naskah(svc, admin, dari, sampai)  # the frozen PDF, byte for byte
    text = " ".join(" ".join(_text(frozen)).split())
    assert signed.nomor in text and "3 Juli 2026" in text and MENUNGGU_NOMOR not in text
    assert signed.nomor in LP.catatan_pengiriman(svc, dari, sampai)
    # the internal report stays un-numbered
    with svc.store.read() as s:
        r = LP.compute(s, dari, sampai)
    assert signed.nomor not in " ".join(_text(LP.pdf(svc.master.instansi(), r)))


# ---------------------------------------------------------------------- #8: no hidden clock in the kit

def test_undated_signature_reads_no_clock() -> None:
    kit = DocumentKit(INS)
    assert kit.tempat_tanggal(None) == "Salatiga, …………………… 20……"
    assert DocumentKit(INS, tahun=2026).tempat_tanggal(None) == "Salatiga, …………………… 2026"
    pdf = register_pdf(INS, [_row(1)], dari=date(2025, 1, 1), sampai=date(2025, 12, 31), ppid=PPID)
    assert "2026" not in " ".join(_text(pdf)[-1].split())  # no date given: none invented from the machine's clock


# ---------------------------------------------------------------------- monev letters made from a programme

def test_monev_programme_letters_print_the_paraf_table(env) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from ppid_desktop.monev import naskah_agenda as NA  # noqa: N812

    svc = env.services
    a = make_actor(R.MONEV, R.SEKRETARIAT, R.ADMIN, username="sekretariat")
    _, prog = env.program("ppid_checklist", n_opd=2)
    env.monev.atur_tim(a, prog.id, [(env.pegawai_ids[0], "Ketua")])
    pemaraf = svc.master.ambil_pegawai(env.pegawai_ids[1])
    for kind in {NA.JENIS_AGENDA["sk-tim"], NA.JENIS_AGENDA["laporan-program"]}:
        svc.agenda.simpan_paraf_baku(a, kind, [ParafInput(pemaraf.id)])
    for jenis in ("sk-tim", "laporan-program"):
        surat = NA.siapkan(svc, a, jenis, prog.id)
        text = " ".join(" ".join(_text(svc.agenda.cetak(surat.id))).split())
        assert pemaraf.nama in text and "Paraf" in text, jenis


def test_columns_too_narrow_for_their_words_are_cut_not_overflowing() -> None:
    """Twelve columns of long words on A4 portrait cannot all get their widest word: the widths are scaled
    to the frame and over-long words are cut letter by letter inside their cell."""
    from ppid_desktop.dokumen.halaman import MM

    kit = DocumentKit(Instansi("PEMERINTAH KOTA SALATIGA", "DINAS KOMINFO", kota="Salatiga", kertas="A4"))
    kolom = [f"Kolom{i}" for i in range(12)]
    rows = [[f"Kata{i}Sangat{'Panjang' * 3}{r}" for i in range(12)] for r in range(5)]
    pdf = kit.tabel(judul="Sempit", kolom=kolom, baris=rows, landscape=False)
    reader = PdfReader(io.BytesIO(pdf))
    assert "Kata0Sangat" in "".join(reader.pages[0].extract_text().split())
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils not installed")
    import re

    html = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    x_max = [float(m) for m in re.findall(r'xMax="([\d.]+)"', html)]
    assert x_max and max(x_max) <= 210 * MM - 15 * MM + 0.5  # nothing runs past the right margin
