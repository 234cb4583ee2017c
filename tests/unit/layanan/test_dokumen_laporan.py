"""PDFs read back with pypdf, NIK masking, report figures against a hand-computed fixture, xlsx typed."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from ppid_desktop.core.errors import UserError
from ppid_desktop.layanan import dokumen
from ppid_desktop.layanan import laporan as LP  # noqa: N812
from ppid_desktop.layanan import rules as RU  # noqa: N812
from ppid_desktop.layanan.masukan import (
    KeberatanMasukan,
    KeputusanMasukan,
    PermohonanMasukan,
    PutusanKeberatanMasukan,
)
from tests.unit.layanan.conftest import data_permohonan

NIK = "3373011203800003"


def _text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def kasus(kantor, petugas, ppid, atasan, opd):
    L = kantor.layanan
    # A: 1 Jun, granted in full on 5 Jun (4 HK), delivered, Dinkes, langsung
    a = L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan(opd_id=opd["DINKES"])))
    L.putuskan(ppid, a.id, KeputusanMasukan.dari_dict({"keputusan": RU.SELURUHNYA, "tanggal_pemberitahuan": date(2026, 6, 5), "bentuk_informasi": "softcopy"}))
    L.serahkan(petugas, a.id, date(2026, 6, 8))
    # B: 2 Jun, email, refused Ps.17 h+j on 12 Jun (8 HK), DPUPR
    b = L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan(nama="Ani", saluran="email", tanggal_diterima=date(2026, 6, 2),
                                                     opd_id=opd["DPUPR"], nik="3373024507900012")))
    L.putuskan(ppid, b.id, KeputusanMasukan.dari_dict({"keputusan": RU.DITOLAK, "pasal17": "h,j", "uji_konsekuensi": "BA UK 3/2026",
                            "tanggal_pemberitahuan": date(2026, 6, 12)}))
    # C: 1 Jun, email, extended, granted in part on 15 Jun (10 HK)
    c = L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan(nama="Cahyo", saluran="email", opd_id=opd["DINKES"])))
    L.disposisi(petugas, c.id)
    L.perpanjang(ppid, c.id, "Dihimpun dari puskesmas", date(2026, 6, 10))
    L.putuskan(ppid, c.id, KeputusanMasukan.dari_dict({"keputusan": RU.SEBAGIAN, "catatan_penghitaman": "NIK pasien dihitamkan",
                            "tanggal_pemberitahuan": date(2026, 6, 15)}))
    # D: 10 Jun, open; E: badan hukum, 15 Jun, withdrawn
    L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan(nama="Dodi", tanggal_diterima=date(2026, 6, 10))))
    e = L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan(nama="Yayasan X", jenis_pemohon="badan_hukum", nik="",
                                                     no_sk_badan_hukum="AHU-1", tanggal_diterima=date(2026, 6, 15))))
    L.tarik(petugas, e.id, "Dicabut")
    k, _ = L.catat_keberatan(petugas, b.id, KeberatanMasukan.dari_dict({"alasan": "a", "kasus_posisi": "Bukan rahasia", "tanggal_diterima": date(2026, 6, 15)}))
    L.putus_keberatan(atasan, k.id, PutusanKeberatanMasukan.dari_dict({"putusan": "ditolak", "isi_tanggapan": "Menguatkan PPID", "atasan_nama": "Drs. Wuryanto",
                                     "tanggal_tanggapan": date(2026, 6, 15)}))
    return {"a": a, "b": b, "c": c, "k": k}


def test_report_figures_hand_computed(kantor, kasus):
    with kantor.store.read() as s:
        r = LP.compute(s, date(2026, 6, 1), date(2026, 6, 30))
    assert r.total == 5
    assert r.per_saluran == {"langsung": 3, "email": 2}
    assert r.per_jenis_pemohon == {"perorangan": 4, "badan_hukum": 1}
    assert r.per_keputusan[RU.SELURUHNYA] == 1 and r.per_keputusan[RU.SEBAGIAN] == 1 and r.per_keputusan[RU.DITOLAK] == 1
    assert r.per_keputusan["belum_diputuskan"] == 1 and r.per_keputusan["ditarik"] == 1
    assert r.diputuskan == 3 and r.maks_hk == 10 and r.median_hk == 8.0 and r.rata_hk == round((4 + 8 + 10) / 3, 1)
    assert r.lebih_10_hk == 0 and r.lebih_17_hk == 0 and r.diperpanjang == 1
    assert r.per_pasal17 == {"h": 1, "j": 1}
    assert r.keberatan_total == 1 and r.keberatan_per_alasan == {"a": 1} and r.keberatan_per_putusan == {"ditolak": 1}
    dinkes = next(o for o in r.per_opd if o["opd"] == "Dinas Kesehatan")
    assert dinkes["total"] == 2 and dinkes["dikabulkan"] == 2 and dinkes["rata_hk"] == 7.0
    with kantor.store.read() as s:
        assert LP.compute(s, date(2026, 7, 1), date(2026, 7, 31)).total == 0


def test_report_pdf_and_xlsx(kantor, kasus, admin):
    kantor.layanan.simpan_narasi(admin, date(2026, 6, 1), date(2026, 6, 30), {"kebijakan": "SK Wali Kota tentang PPID."})
    r = LP.laporan(kantor, admin, date(2026, 6, 1), date(2026, 6, 30))
    text = _text(LP.pdf(kantor.master.instansi(), r))
    assert "LAPORAN LAYANAN INFORMASI PUBLIK" in text and "SK Wali Kota tentang PPID." in text
    assert "Grafik 1" in text and "Pasal 17" in text



def test_report_workbook_is_the_shared_export(kantor, kasus, admin, tmp_path):
    """``laporan layanan --xlsx`` / the Laporan page and ``ppid ekspor laporan-layanan`` are one workbook:
    same sheets, print setup, dates typed, narrative that looks like a formula stays text."""
    teks = '=HYPERLINK("http://x","klik")'
    kantor.layanan.simpan_narasi(admin, date(2026, 6, 1), date(2026, 6, 30), {"kendala": teks})
    data = kantor.rekap.ekspor_bytes(admin, "laporan-layanan", dari=date(2026, 6, 1), sampai=date(2026, 6, 30))
    kantor.rekap.ekspor(admin, "laporan-layanan", tmp_path / "ekspor.xlsx", dari=date(2026, 6, 1), sampai=date(2026, 6, 30))
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == load_workbook(tmp_path / "ekspor.xlsx").sheetnames
    assert "Narasi" in wb.sheetnames
    cells = [c for row in wb["Narasi"].iter_rows() for c in row if c.value == teks]
    assert cells and cells[0].data_type == "s"  # text, not a live formula
    ws = wb["Ringkasan"]
    assert ws.page_setup.paperSize is not None and ws.page_setup.orientation == "landscape"
    vals = {r[0].value: r[1] for r in ws.iter_rows() if r[0].value}
    assert vals["Permohonan diterima"].value == 5
    assert vals["Periode awal"].value.date() == date(2026, 6, 1)
    assert vals["Dijawab tepat waktu"].value == 3 and vals["Dijawab terlambat (lewat 10 hari kerja, atau 17 bila "
                                                              "diperpanjang tepat waktu)"].value == 0


def test_documents_read_back_nik_masked_except_form(kantor, kasus, petugas):
    a, b, c, k = kasus["a"], kasus["b"], kasus["c"], kasus["k"]
    texts = {}
    for jenis, nomor in (("tanda-bukti", a.nomor), ("pemberitahuan", a.nomor), ("penyerahan", a.nomor),
                         ("penolakan", b.nomor), ("pemberitahuan", b.nomor), ("perpanjangan", c.nomor),
                         ("keberatan", k.nomor), ("tanggapan-keberatan", k.nomor)):
        pdf, name = dokumen.cetak(kantor, petugas, jenis, nomor)
        assert pdf.startswith(b"%PDF") and name.endswith(".pdf")
        texts[(jenis, nomor)] = _text(pdf)
    assert NIK in texts[("tanda-bukti", a.nomor)]  # the form the requester signs
    assert "3373••••••••0003" in texts[("tanda-bukti", a.nomor)]  # the receipt slip is masked
    for key, t in texts.items():
        if key[0] != "tanda-bukti":
            assert NIK not in t and "3373024507900012" not in t, key
    assert "PEMERINTAH KOTA SALATIGA" in texts[("pemberitahuan", a.nomor)]
    assert "Informasi dapat diberikan" in texts[("pemberitahuan", a.nomor)]
    assert "tidak dapat diberikan" in texts[("pemberitahuan", b.nomor)]
    tolak = " ".join(texts[("penolakan", b.nomor)].split())
    assert "rahasia pribadi" in tolak and "BA UK 3/2026" in tolak
    assert "paling lama 7" in " ".join(texts[("perpanjangan", c.nomor)].split())
    assert "Tanda Terima" in texts[("keberatan", k.nomor)] or "TANDA TERIMA" in texts[("keberatan", k.nomor)]
    again, _ = dokumen.cetak(kantor, petugas, "perpanjangan", c.nomor)
    assert _text(again).count("Nomor") >= 1
    import re
    for key, t in texts.items():  # issue #11: a letter without its number yet prints the draft placeholder
        flat = " ".join(t.split())
        if key[0] in ("pemberitahuan", "penolakan", "perpanjangan", "tanggapan-keberatan"):  # agenda drafts
            assert "(diberikan saat ditandatangani)" in flat, key
        for m in re.finditer(r"\b(?:NOMOR(?: :)?|Nomor :) ", flat):
            assert re.match(r"\(diberikan saat ditandatangani\)|\S*\d\S*", flat[m.end():]), (key, flat[m.start():m.end() + 30])
    with pytest.raises(UserError, match="tidak ditolak"):
        dokumen.cetak(kantor, petugas, "penolakan", a.nomor)


def test_register_pdf_landscape_repeated_header(kantor, petugas):
    for i in range(60):
        kantor.layanan.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan(nama=f"Pemohon {i:02d}")))
    pdf = dokumen.cetak_register(kantor, petugas, date(2026, 6, 1), date(2026, 6, 30))
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) > 1
    page = reader.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)
    for p in reader.pages:
        assert "No. Pendaftaran" in p.extract_text()
    assert NIK not in "".join(p.extract_text() for p in reader.pages)
