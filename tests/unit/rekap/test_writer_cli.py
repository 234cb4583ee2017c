"""Exported files re-opened with openpyxl: types, formats, freeze, filter, print setup, no formulas; CLI."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook

from ppid_desktop import cli
from ppid_desktop.core import kalender as K
from ppid_desktop.master.masukan import IsianProfil
from ppid_desktop.master.models import PerangkatDaerah
from ppid_desktop.rekap.writer import Buku, KolomEkspor

from .conftest import count


def test_formula_injection_is_neutralised(tmp_path: Path) -> None:
    buku = Buku(["PEMERINTAH KOTA SALATIGA"], "A4")
    bad = ["=1+1", "+62 811", "-2+3", "@SUM(A1)", '=HYPERLINK("http://x","klik")']
    buku.tabel("T", "JUDUL", [KolomEkspor("Teks")], [[b] for b in bad], header_rows=[["=Judul"]])
    path = buku.simpan(tmp_path / "t.xlsx")
    ws = load_workbook(path)["T"]
    vals = [(c.value, c.data_type) for (c,) in ws.iter_rows(min_row=4, max_col=1) if c.value is not None]
    assert vals[0] == ("=Judul", "s")
    assert vals[1:] == [(b, "s") for b in bad]
    assert all(c.quotePrefix for (c,) in ws.iter_rows(min_row=4, max_col=1) if c.value in bad)


def test_kop_title_and_identity_lines_are_text_never_formulas(tmp_path: Path) -> None:
    """The lines above a table (kop, title, period, identity values) go through the same guard as the cells:
    an SOP whose instansi line was "=0" came back empty, because the line was written as a formula."""
    buku = Buku(["=0", "@PEMDA"], "A4")
    buku.tabel("T", "=JUDUL", [KolomEkspor("Teks")], [["x"]], periode="+2026", identitas=[("Nomor", "=cmd|' /C calc'!A0")])
    ws = load_workbook(buku.simpan(tmp_path / "t.xlsx"))["T"]
    cells = [c for row in ws.iter_rows(max_row=8) for c in row if isinstance(c.value, str) and c.value[:1] in "=@+"]
    assert {c.value for c in cells} == {"=0", "@PEMDA", "=JUDUL", "+2026", "=cmd|' /C calc'!A0"}
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_layout_types_and_print_setup(profil, admin, tmp_path: Path) -> None:
    profil.master.tambah_hari(admin, date(2026, 7, 1), K.LIBUR_LOKAL, "=cmd|' /C calc'!A0")
    path = tmp_path / "kal.xlsx"
    n = profil.rekap.ekspor(admin, "kalender", path, dari=date(2026, 1, 1))
    wb = load_workbook(path)
    ws = wb["Kalender"]
    assert ws["A1"].value == "PEMERINTAH KOTA SALATIGA" and ws["A3"].value == "KALENDER HARI KERJA"
    assert ws["A4"].value == "Tahun 2026"
    hdr = 6
    assert [c.value for c in ws[hdr]][:3] == ["Tanggal", "Jenis", "Keterangan"]
    assert ws.freeze_panes == f"A{hdr + 1}"
    assert ws.auto_filter.ref == f"A{hdr}:E{hdr + n}"
    assert ws.print_title_rows == f"${hdr}:${hdr}"
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 14  # F4 -> Folio
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    first = ws.cell(row=hdr + 1, column=1)
    assert isinstance(first.value, datetime) and first.is_date and first.number_format == "dd/mm/yyyy"
    injected = [r for r in ws.iter_rows(min_row=hdr + 1) if r[2].value and r[2].value.startswith("=")]
    assert injected and injected[0][2].data_type == "s"
    assert ws.column_dimensions["C"].width > 20


def test_a4_paper_from_profile(profil, admin, tmp_path: Path) -> None:
    profil.master.simpan_profil(admin, IsianProfil.dari({"kertas": "A4"}))
    path = tmp_path / "opd.xlsx"
    profil.rekap.ekspor(admin, "opd", path)
    assert int(load_workbook(path)["OPD"].page_setup.paperSize) == 9


def _run(db: Path, *argv: str) -> int:
    from tests.conftest import cli_admin

    cli_admin(db)  # the CLI signs in (PPID_PENGGUNA/PPID_KATA_SANDI): the account must exist
    return cli.main(["--db", str(db), *argv])


def test_cli_impor_ekspor_templat(db_path: Path, tmp_path: Path, xlsx, capsys) -> None:
    tpl = tmp_path / "templat.xlsx"
    assert _run(db_path, "templat", "opd", str(tpl)) == 0
    good = xlsx([["Kode OPD", "Nama Perangkat Daerah"], ["A", "Satu"]])
    assert _run(db_path, "impor", "opd", str(good), "--dry-run") == 0
    assert _run(db_path, "impor", "opd", str(good), "--json") == 0
    out = capsys.readouterr().out
    data = json.loads(out[out.index("{"):])
    assert data["diterapkan"] and data["baru"] == 1
    bad = xlsx([["Judul"], ["Kode OPD", "Nama Perangkat Daerah"], ["B", "Dua"], ["B", "Tiga"]])
    assert _run(db_path, "impor", "opd", str(bad)) == 1
    out = capsys.readouterr().out
    assert "baris 4" in out and "Kunci ganda" in out and "Tidak ada data yang disimpan" in out
    exp = tmp_path / "opd.xlsx"
    assert _run(db_path, "ekspor", "opd", str(exp)) == 0
    assert load_workbook(exp)["OPD"]["A4"].value == "A"  # no profile: title, blank, header
    assert _run(db_path, "impor", "opd", str(tmp_path / "tidakada.xlsx")) == 2
    assert "tidak ditemukan" in capsys.readouterr().err


def test_cli_bad_file_writes_nothing(db_path: Path, tmp_path: Path, services, capsys) -> None:
    p = tmp_path / "lama.xls"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    assert _run(db_path, "impor", "opd", str(p)) == 2
    assert "Simpan sebagai" in capsys.readouterr().err
    assert count(services, PerangkatDaerah) == 0


def test_export_period_line() -> None:
    from datetime import date

    from ppid_desktop.rekap.engine import OpsiEkspor

    assert OpsiEkspor().periode() == "Semua periode"
    assert OpsiEkspor(date(2026, 1, 1), date(2026, 3, 31)).periode() == "Periode 1 Januari 2026 s.d. 31 Maret 2026"
    assert OpsiEkspor(dari=date(2026, 1, 1)).periode().startswith("Sejak ")
    assert OpsiEkspor(sampai=date(2026, 1, 1)).periode().startswith("Sampai ")
