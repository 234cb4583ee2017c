"""Writing .xlsx registers and recaps with openpyxl in write-only (streaming) mode.

Each table sheet gets a title block (office from the profile, title, period), a bold header row,
typed cells (dates as dates with ``dd/mm/yyyy``, numbers as numbers), a frozen header, an
autofilter, column widths, and print setup: landscape, fit to one page wide, header rows repeated
on every page, paper from the office profile (A4, or F4 → Folio, see ``PAPER``).

Text that starts with ``=``, ``+``, ``-`` or ``@`` is written as a string cell (data type ``s``,
with Excel's quote prefix) so it can never run as a formula (formula / CSV injection).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from ppid_desktop.core.errors import UserError
from ppid_desktop.core.teks import aman_untuk_ekspor

# openpyxl's paperSize codes follow the OOXML list, which has no F4 (215 x 330 mm). The closest is
# 14 = Folio (8.5 x 13 in = 215.9 x 330.2 mm), which is what Indonesian offices' "F4" printers use.
PAPER = {"A4": 9, "F4": 14}
FORMAT_TANGGAL = "dd/mm/yyyy"
FORMAT_ANGKA = "#,##0"
FORMAT_DESIMAL = "#,##0.00"
BERBAHAYA = ("=", "+", "-", "@", "\t", "\r")

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=13)
_HEAD_FILL = PatternFill("solid", fgColor="D9E2F3")
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="center", horizontal="center")
_TOP = Alignment(vertical="top")


@dataclass(frozen=True)
class KolomEkspor:
    label: str
    tipe: str = "teks"  # teks | tanggal | angka | desimal | persen
    lebar: float = 16
    bungkus: bool = False  # wrap long text (e.g. the activities of an SOP)
    format_teks: bool = False  # column formatted as Text (NIK, NIP, phone, numbers): Excel keeps every digit


def aman(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(BERBAHAYA)


class Buku:
    """A write-only workbook; ``tabel(...)`` adds a table sheet. Call ``simpan(path)`` once."""

    def __init__(self, kop: Sequence[str] = (), kertas: str = "F4") -> None:
        self.wb = Workbook(write_only=True)
        self.kop = [k for k in kop if k]
        self.kertas = kertas if kertas in PAPER else "A4"

    def tabel(
        self,
        nama: str,
        judul: str,
        kolom: Sequence[KolomEkspor],
        baris: Iterable[Sequence[Any]],
        *,
        periode: str = "",
        catatan: Sequence[str] = (),
        header_rows: Sequence[Sequence[str]] | None = None,
        warna: dict[str, str] | None = None,
        warna_kolom: Sequence[int] = (),
        progress: Any = None,
        kop: Sequence[str] | None = None,
        identitas: Sequence[tuple[str, Any]] = (),
        identitas_kolom: int = 0,
    ) -> int:
        """Write one table sheet; returns the number of data rows.

        ``warna`` maps a cell text (e.g. a category) to a fill colour; applied as conditional
        formatting on ``warna_kolom`` (0-based column indexes). ``kop`` replaces the workbook's
        office lines for this sheet; ``identitas`` adds (label, value) rows under the title (e.g. the
        identity block of an SOP): the label in column ``identitas_kolom`` (0-based), the value in the
        next one (a list gives one numbered row per item, the label on the first only).
        """
        ws = self.wb.create_sheet(_sheet_title(nama))
        ncol = len(kolom)
        last = get_column_letter(max(ncol, 1))
        for i, k in enumerate(kolom, start=1):
            ws.column_dimensions[get_column_letter(i)].width = k.lebar
            if k.format_teks:  # what a user types later in the column stays text (a NIK keeps its 16 digits)
                ws.column_dimensions[get_column_letter(i)].number_format = "@"
        kop_lines = [k for k in kop if k] if kop is not None else self.kop
        lines = [*kop_lines, judul]
        if periode:
            lines.append(periode)
        lines += list(catatan)
        ident: list[tuple[str | None, Any]] = []
        for lab, v in identitas:
            if isinstance(v, list | tuple):
                items = [f"{i}. {x}" for i, x in enumerate(v, start=1)] if len(v) > 1 else list(v)
                ident += [(lab if i == 0 else None, x) for i, x in enumerate(items or ["-"])]
            else:
                ident.append((lab, v if v not in (None, "") else "-"))
        head = len(lines) + 2 + (len(ident) + 1 if ident else 0)  # blank row(s), then the header
        heads = list(header_rows) if header_rows else [[k.label for k in kolom]]
        hdr_last = head + len(heads) - 1
        ws.freeze_panes = f"A{hdr_last + 1}"
        ws.print_title_rows = f"{head}:{hdr_last}"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = PAPER[self.kertas]
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.oddFooter.center.text = "Halaman &P dari &N"

        for i, line in enumerate(lines):
            c = _teks_aman(ws, line)  # a kop line or an SOP's instansi may begin with "=": text, never a formula
            c.font = _TITLE if i == len(kop_lines) else _BOLD
            ws.append([c])
        ws.append([])
        if ident:
            for id_lab, val in ident:
                lc = WriteOnlyCell(ws, value=id_lab)
                lc.font = _BOLD
                lc.alignment = _TOP
                vc = _teks_aman(ws, val)
                vc.alignment = _TOP
                ws.append([*([None] * identitas_kolom), lc, vc])
            ws.append([])
        for hrow in heads:
            cells = []
            for text in hrow:
                c = WriteOnlyCell(ws, value=text)
                if aman(text):
                    c.data_type = "s"
                c.font = _BOLD
                c.fill = _HEAD_FILL
                c.border = _BORDER
                c.alignment = _WRAP
                cells.append(c)
            ws.append(cells)

        fmts = [("teks_sel" if k.format_teks else "bungkus" if k.bungkus and k.tipe == "teks" else k.tipe)
                for k in kolom]
        self._gaya = _gaya_bersama(ws)
        n = 0
        for row in baris:
            ws.append(self._sel(ws, row, fmts))
            n += 1
            if progress is not None and n % 1000 == 0:
                progress.step(1000)
        end = hdr_last + max(n, 1)
        ws.auto_filter.ref = f"A{hdr_last}:{last}{end}"
        if warna and n:
            from openpyxl.formatting.rule import CellIsRule

            for ci in warna_kolom:
                col = get_column_letter(ci + 1)
                rng = f"{col}{hdr_last + 1}:{col}{end}"
                for text, color in warna.items():
                    ws.conditional_formatting.add(
                        rng, CellIsRule(operator="equal", formula=[f'"{text}"'],
                                        fill=PatternFill("solid", fgColor=color, bgColor=color)))
        return n

    _gaya: dict[str, Any] = {}

    def _sel(self, ws: Any, row: Sequence[Any], fmts: list[str]) -> list[Any]:
        """Typed cells. Styled cells (dates, decimals, quoted text) share ONE style array per format,
        made once per sheet (``_gaya_bersama``), instead of a style lookup per cell."""
        out: list[Any] = []
        gaya = self._gaya if self._gaya.get("_ws") is ws else _gaya_bersama(ws)
        nf = len(fmts)
        for i, v in enumerate(row):
            t = type(v)
            if t is str and not v.isprintable():  # old data may hold control characters: escaped, never a crash
                v = aman_untuk_ekspor(v)
            if i < nf and fmts[i] == "teks_sel" and v is not None:
                out.append(_sel_gaya(ws, v if t is str else str(v), "s", gaya["teks_sel"]))
            elif v is None or t is int or (t is str and not v.startswith(BERBAHAYA) and (i >= nf or fmts[i] != "bungkus")):
                out.append(v)
            elif t is str and not v.startswith(BERBAHAYA):
                out.append(_sel_gaya(ws, v, "s", gaya["bungkus"]))
            elif t is str:
                out.append(_sel_gaya(ws, v, "s", gaya["teks"]))
            elif t is date:
                out.append(_sel_gaya(ws, v, "d", gaya["tanggal"]))
            elif t is datetime:
                out.append(_sel_gaya(ws, v.date(), "d", gaya["tanggal"]))
            elif t is float and i < nf and fmts[i] in ("desimal", "persen"):
                out.append(_sel_gaya(ws, v, "n", gaya[fmts[i]]))
            elif isinstance(v, date):
                out.append(_sel_gaya(ws, v.date() if isinstance(v, datetime) else v, "d", gaya["tanggal"]))
            else:
                out.append(v)
        return out

    def petunjuk(self, judul: str, baris: Sequence[tuple[str, ...]], kolom: Sequence[str]) -> None:
        """A plain documentation sheet (templates)."""
        ws = self.wb.create_sheet("Petunjuk")
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = PAPER[self.kertas]
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.print_title_rows = "3:3"
        ws.oddFooter.center.text = "Halaman &P dari &N"
        widths = [22, 12, 34, 60, 22][: len(kolom)]
        for i, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = w
        c = WriteOnlyCell(ws, value=judul)
        c.font = _TITLE
        ws.append([c])
        ws.append([])
        head = []
        for text in kolom:
            hc = WriteOnlyCell(ws, value=text)
            hc.font = _BOLD
            hc.fill = _HEAD_FILL
            head.append(hc)
        ws.append(head)
        self._gaya = _gaya_bersama(ws)
        for row in baris:
            ws.append(self._sel(ws, row, ["bungkus"] * len(kolom)))

    def ke_bytes(self) -> bytes:
        """The workbook as .xlsx bytes (for a caller that writes the file itself; call once)."""
        import io

        if not self.wb.worksheets:
            self.wb.create_sheet("Kosong")
        buf = io.BytesIO()
        self.wb.save(buf)
        return buf.getvalue()

    def simpan(self, path: Path | str) -> Path:
        path = Path(path)
        if not self.wb.worksheets:
            self.wb.create_sheet("Kosong")
        tmp = path.with_name(path.name + ".tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.wb.save(tmp)
            tmp.replace(path)
        except PermissionError:
            tmp.unlink(missing_ok=True)
            raise UserError(f"Berkas '{path.name}' tidak dapat ditulis: mungkin sedang dibuka di Excel. "
                            "Tutup berkasnya lalu coba lagi.") from None
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise UserError(f"Berkas '{path.name}' tidak dapat ditulis: {exc.strerror}.") from None
        return path


def _gaya_bersama(ws: Any) -> dict[str, Any]:
    """One style array per cell format for ``ws`` (dates, decimals, percents, quoted text)."""
    out: dict[str, Any] = {"_ws": ws}
    for key, fmt in (("tanggal", FORMAT_TANGGAL), ("desimal", FORMAT_DESIMAL), ("persen", "0.00%")):
        c = WriteOnlyCell(ws)
        c.number_format = fmt
        out[key] = c._style
    c = WriteOnlyCell(ws)
    c.quotePrefix = True
    out["teks"] = c._style
    c = WriteOnlyCell(ws)
    c.number_format = "@"
    c.quotePrefix = True
    out["teks_sel"] = c._style
    c = WriteOnlyCell(ws)
    c.alignment = Alignment(wrap_text=True, vertical="top")
    out["bungkus"] = c._style
    return out


def _teks_aman(ws: Any, value: Any) -> WriteOnlyCell:
    """A cell of ``value``; text that Excel would run as a formula is kept as text (quote prefix)."""
    c = WriteOnlyCell(ws, value=value)
    if aman(value):
        c.data_type = "s"
        c.quotePrefix = True
    return c


def _sel_gaya(ws: Any, value: Any, data_type: str, style: Any) -> WriteOnlyCell:
    c = WriteOnlyCell(ws)
    c._value = value
    c.data_type = data_type
    c._style = style  # shared, never mutated: the writer only reads it (style_id lookup)
    return c


def _sheet_title(nama: str) -> str:
    bad = '[]:*?/\\'
    title = "".join("_" if ch in bad else ch for ch in nama).strip("'") or "Sheet"
    return title[:31]
