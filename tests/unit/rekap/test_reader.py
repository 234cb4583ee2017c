"""Bad inputs are refused before parsing; messy real-office layouts are read correctly."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest

from ppid_desktop.core.errors import UserError
from ppid_desktop.master.models import PerangkatDaerah
from ppid_desktop.rekap import kolom as T
from ppid_desktop.rekap.kolom import Kolom
from ppid_desktop.rekap.reader import OLE2_MAGIC, SheetSpec, baca, periksa_berkas

from .conftest import count

SPEC = SheetSpec("Data", (
    Kolom("nomor", "Nomor Pendaftaran", wajib=True,
          sinonim=("No. Pendaftaran", "No Registrasi", "Nomor Permohonan", "No. Reg")),
    Kolom("tanggal", "Tanggal Permohonan", T.TANGGAL, wajib=True, sinonim=("Tanggal", "Tgl. Masuk")),
    Kolom("nama", "Nama Pemohon", wajib=True, sinonim=("Nama",)),
    Kolom("nik", "NIK", T.NIK),
    Kolom("telepon", "Nomor Kontak", T.TELEPON, sinonim=("No. HP", "Telepon")),
))
NIK = "3373014203850002"  # Salatiga, woman born 2 March 1985


# ------------------------------------------------------------------ refusals
def _refused(path: Path, *words: str) -> str:
    with pytest.raises(UserError) as exc:
        periksa_berkas(path)
    msg = str(exc.value)
    for w in words:
        assert w in msg, msg
    return msg


def test_text_file_is_not_xlsx(tmp_path: Path) -> None:
    p = tmp_path / "data.xlsx"
    p.write_text("no;nama\n1;Budi\n")
    _refused(p, "bukan buku kerja Excel .xlsx", "CSV")


def test_old_xls_explains_conversion(tmp_path: Path) -> None:
    p = tmp_path / "lama.xls"
    p.write_bytes(OLE2_MAGIC + b"\x00" * 4000)
    _refused(p, ".xls", "Simpan sebagai", ".xlsx")


def test_password_protected_workbook(tmp_path: Path) -> None:
    p = tmp_path / "rahasia.xlsx"
    p.write_bytes(OLE2_MAGIC + b"\x00" * 600 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 600)
    _refused(p, "kata sandi")


def test_corrupt_zip(tmp_path: Path, xlsx) -> None:
    good = xlsx([["Kode OPD", "Nama Perangkat Daerah"], ["A", "B"]])
    p = tmp_path / "rusak.xlsx"
    p.write_bytes(good.read_bytes()[:400])
    _refused(p, "rusak")


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    p = tmp_path / "surat.xlsx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    _refused(p, "bukan buku kerja Excel")


def test_zip_bomb_refused_before_parsing(tmp_path: Path) -> None:
    p = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(p, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\x00" * (20 * 1024 * 1024))
    assert p.stat().st_size < 200_000
    _refused(p, "zip bomb")


def test_broken_xml_inside_zip_is_corrupt(tmp_path: Path, services) -> None:
    p = tmp_path / "xmlrusak.xlsx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types")
        zf.writestr("xl/workbook.xml", "<workbook")
    with pytest.raises(UserError, match="rusak"):
        services.rekap.periksa("opd", p)


@pytest.mark.parametrize("kind", ["text", "xls", "bomb"])
def test_refused_file_writes_nothing(tmp_path: Path, services, admin, kind: str) -> None:
    p = tmp_path / "x.xlsx"
    if kind == "text":
        p.write_text("Kode OPD,Nama\nX,Y\n")
    elif kind == "xls":
        p.write_bytes(OLE2_MAGIC + b"\x00" * 100)
    else:
        with zipfile.ZipFile(p, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("xl/workbook.xml", b" " * (10 * 1024 * 1024))
    before = count(services, PerangkatDaerah)
    with pytest.raises(UserError):
        services.rekap.impor(admin, "opd", p)
    assert count(services, PerangkatDaerah) == before


# -------------------------------------------------------------- messy traits
def test_title_rows_above_header(xlsx) -> None:
    p = xlsx([["PEMERINTAH KOTA SALATIGA"], ["REGISTER PERMOHONAN INFORMASI PUBLIK"], ["Tahun 2026"], [],
              ["No. Pendaftaran", "Tanggal", "Nama", "NIK"],
              ["001/PPID/III/2026", date(2026, 3, 16), "Budi", NIK]])
    r = baca(p, (SPEC,))
    assert not r.ada_galat, r.masalah
    (b,) = r.tabel["Data"]
    assert b.nomor == 6
    assert b.nilai == {"nomor": "001/PPID/III/2026", "tanggal": date(2026, 3, 16), "nama": "Budi", "nik": NIK}
    assert r.tata_letak["Data"].baris_judul == 5


def test_two_row_header_with_merged_cells(xlsx) -> None:
    p = xlsx([["Register"], [],
              ["No Registrasi", "Pemohon", None, "Tgl. Masuk"],
              [None, "Nama", "NIK", None],
              ["002/PPID/III/2026", "Sri Lestari", NIK, "16/03/2026"]],
             merges=["A3:A4", "B3:C3", "D3:D4"])
    r = baca(p, (SPEC,))
    assert not r.ada_galat, r.masalah
    (b,) = r.tabel["Data"]
    assert b.nomor == 5
    assert b.nilai["nama"] == "Sri Lestari" and b.nilai["nik"] == NIK
    assert b.nilai["tanggal"] == date(2026, 3, 16)
    assert r.tata_letak["Data"].huruf("nik").startswith("C")


@pytest.mark.parametrize("header", ["No. Pendaftaran", "NO REGISTRASI", "Nomor  Permohonan", "no.reg", "Nomor Pendaftaran"])
def test_column_name_variants(xlsx, header: str) -> None:
    p = xlsx([[header, "TANGGAL", "nama"], ["X1", "2026-03-16", "A"]])
    r = baca(p, (SPEC,))
    assert not r.ada_galat, r.masalah
    assert r.tabel["Data"][0].nilai["nomor"] == "X1"


@pytest.mark.parametrize("value", [datetime(2026, 3, 16), date(2026, 3, 16), "16 Maret 2026", "16/03/2026",
                                   "2026-03-16", 46097])
def test_dates_as_excel_dates_or_text(xlsx, value) -> None:
    p = xlsx([["Nomor Permohonan", "Tanggal", "Nama"], ["X", value, "A"]])
    r = baca(p, (SPEC,))
    assert not r.ada_galat, r.masalah
    assert r.tabel["Data"][0].nilai["tanggal"] == date(2026, 3, 16)


def test_thirty_february_is_a_problem_with_excel_row_and_column(xlsx) -> None:
    p = xlsx([["Judul"], ["Nomor Permohonan", "Tanggal", "Nama"], ["X", "30/02/2026", "A"]])
    r = baca(p, (SPEC,))
    (prob,) = [m for m in r.masalah if m.severity == "error"]
    assert prob.row == 3 and prob.column == "B (Tanggal)" and prob.value == "30/02/2026"
    assert "tidak ada" in prob.message and "Februari" in prob.message


def test_nik_as_number_is_an_error_as_text_and_with_apostrophe_fine(xlsx) -> None:
    """A number cell keeps 15 significant digits (3373020512950538 is stored as 3373020512950540): the row is
    refused with the reason and the fix (format the column as Text), never imported with wrong digits."""
    p = xlsx([["Nomor Permohonan", "Tanggal", "Nama", "NIK"],
              ["A", "16/03/2026", "x", int(NIK)],
              ["B", "16/03/2026", "x", NIK],
              ["C", "16/03/2026", "x", "'" + NIK],
              ["D", "16/03/2026", "x", NIK]],
             quote_cells=["D5"])
    r = baca(p, (SPEC,))
    (err,) = [m for m in r.masalah if m.severity == "error"]
    assert err.row == 2 and err.column == "D (NIK)" and err.value == NIK
    assert "15 digit" in err.message and "Teks" in err.message
    assert "nik" in r.tabel["Data"][0].salah
    assert [b.nilai["nik"] for b in r.tabel["Data"][1:]] == [NIK] * 3


def test_nik_problems(xlsx) -> None:
    p = xlsx([["Nomor Permohonan", "Tanggal", "Nama", "NIK"],
              ["A", "16/03/2026", "x", NIK[:15]],  # 15 digits
              ["B", "16/03/2026", "x", "3.37301E+15"],  # scientific notation text
              ["C", "16/03/2026", "x", 3373014203850.5],  # float with a fraction
              ["D", "16/03/2026", "x", 9_400_000_000_000_001]])  # beyond 2^53
    r = baca(p, (SPEC,))
    errs = {m.row: m.message for m in r.masalah if m.severity == "error"}
    assert "16 digit" in errs[2] and "15" in errs[2]
    assert "notasi ilmiah" in errs[3]
    assert 4 in errs and 5 in errs


def test_phone_as_number_gets_its_leading_zero_back(xlsx) -> None:
    p = xlsx([["Nomor Permohonan", "Tanggal", "Nama", "No. HP"], ["A", "16/03/2026", "x", 81234567890],
              ["B", "16/03/2026", "x", "'081234567890"]])
    r = baca(p, (SPEC,))
    assert [b.nilai["telepon"] for b in r.tabel["Data"]] == ["081234567890", "081234567890"]


def test_empty_rows_number_row_and_signature_block(xlsx) -> None:
    p = xlsx([["REKAP"], ["Nomor Permohonan", "Tanggal", "Nama"], [1, 2, 3],
              ["A", "16/03/2026", "x"], [], [None, None, None], ["B", "17/03/2026", "y"], [],
              ["Jumlah", None, 2], [],
              [None, None, "Salatiga, 31 Maret 2026"], [None, None, "Mengetahui,"],
              [None, None, "Kepala Dinas"], [None, None, "NIP 196804111993031009"]])
    r = baca(p, (SPEC,))
    assert not r.ada_galat, r.masalah
    assert [(b.nomor, b.nilai["nomor"]) for b in r.tabel["Data"]] == [(4, "A"), (7, "B")]
    assert any(m.severity == "warning" and m.row == 9 for m in r.masalah)


def test_signature_block_without_total_row(xlsx) -> None:
    p = xlsx([["Nomor Permohonan", "Tanggal", "Nama"], ["A", "16/03/2026", "x"], [],
              [None, "Salatiga, 31 Maret 2026"], [None, "Pejabat Pengelola Informasi"]])
    r = baca(p, (SPEC,))
    assert not r.ada_galat and len(r.tabel["Data"]) == 1


def test_missing_required_column_is_reported_with_headers_read(xlsx) -> None:
    p = xlsx([["Judul"], ["Nomor Permohonan", "Nama", "Alamat"], ["A", "x", "y"]])
    r = baca(p, (SPEC,))
    assert r.ada_galat and "Data" not in r.tabel
    msg = r.masalah[0].message
    assert "Kolom wajib tidak ditemukan" in msg and "Tanggal Permohonan" in msg
    assert r.kandidat is not None and r.kandidat.baris_judul == 2
    assert ("C", "Alamat") in r.kandidat.judul
