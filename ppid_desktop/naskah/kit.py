"""The naskah dinas kit: kop surat, layouts, signature and paraf blocks, page numbers, big registers.

Everything here is Qt-free and built on reportlab platypus. A :class:`DocumentKit` is made from an
:class:`~ppid_desktop.naskah.model.Instansi` (paper, font, margins, kop lines) and turns a handful of
arguments into PDF bytes::

    kit = DocumentKit(instansi)
    pdf = kit.surat(nomor="000.9/15/PPID", hal="Pemberitahuan Tertulis", kepada=["Sdr. Budi"],
                    di="Salatiga", isi=[kit.p("Menindaklanjuti …")], ttd=ttd, tembusan=["Arsip"])

Text conventions: values that the kit lays out itself (``nomor``, ``hal``, ``kepada``, ``tembusan``,
``judul``, names in the model dataclasses …) are **plain text** and escaped by the kit. Strings in ``isi``
and the strings given to :meth:`DocumentKit.p`, :meth:`~DocumentKit.judul_bagian`,
:meth:`~DocumentKit.kv_table` and :meth:`~DocumentKit.daftar` are **Paragraph markup** (``<b>``, ``<i>``,
``<u>``, ``<br/>``): escape user values in them with :func:`~ppid_desktop.naskah.util.esc`.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ppid_desktop.core.paths import resource
from ppid_desktop.core.tanggal import tanggal_angka, tanggal_panjang
from ppid_desktop.naskah.fonts import Keluarga, font_family, keluarga, register_fonts
from ppid_desktop.naskah.model import Instansi, Paraf, TandaTangan
from ppid_desktop.naskah.util import esc, format_nip, pangkat_golongan

__all__ = [
    "A4",
    "F4",
    "FORMAT_HALAMAN",
    "FORMAT_HALAMAN_STRIP",
    "DocumentKit",
    "GarisKop",
    "ukuran_kertas",
]

MM: float = float(mm)

A4: tuple[float, float] = (210 * MM, 297 * MM)
"""A4 portrait in points (595.28 × 841.89)."""
F4: tuple[float, float] = (215 * MM, 330 * MM)
"""F4/Folio portrait in points (609.45 × 935.43) — defined explicitly, never Legal."""

FORMAT_HALAMAN = "Halaman {n} dari {total}"
FORMAT_HALAMAN_STRIP = "- {n} -"

_HITAM = colors.black
_ZEBRA = colors.Color(0.93, 0.94, 0.96)
_KEPALA_TABEL = colors.Color(0.84, 0.87, 0.91)
_GARIS_TABEL = colors.Color(0.45, 0.45, 0.45)


def ukuran_kertas(kertas: str, landscape: bool = False) -> tuple[float, float]:
    """Page size in points for ``"A4"`` or ``"F4"``; swapped when ``landscape``."""
    sizes = {"A4": A4, "F4": F4}
    try:
        w, h = sizes[kertas.strip().upper()]
    except KeyError:
        raise ValueError(f"Ukuran kertas '{kertas}' tidak didukung (pilih A4 atau F4).") from None
    return (h, w) if landscape else (w, h)


def _logo_default() -> Path:
    return resource("icons", "logo-default.png")


def _logo_terbaca(path: str | None) -> Path | None:
    """The logo file if it is a readable raster image, else ``None``."""
    if not path:
        return None
    p = Path(path)
    if not p.is_file():
        return None
    try:
        from PIL import Image as PILImage

        with PILImage.open(p) as img:
            img.verify()
    except Exception:
        return None
    return p


def _ukuran_gambar(path: Path) -> tuple[int, int]:
    from PIL import Image as PILImage

    with PILImage.open(path) as img:
        return int(img.size[0]), int(img.size[1])


class GarisKop(Flowable):  # type: ignore[misc]
    """The kop's closing rule: a thick line over a thin one, full frame width."""

    def __init__(self, tebal: float = 2.4, tipis: float = 0.7, jarak: float = 1.6) -> None:
        super().__init__()
        self.tebal = tebal
        self.tipis = tipis
        self.jarak = jarak
        self.lebar = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.lebar = avail_width
        return avail_width, self.tebal + self.jarak + self.tipis

    def draw(self) -> None:
        c = self.canv
        tinggi = self.tebal + self.jarak + self.tipis
        c.saveState()
        c.setStrokeColor(_HITAM)
        c.setLineWidth(self.tebal)
        y = tinggi - self.tebal / 2
        c.line(0, y, self.lebar, y)
        c.setLineWidth(self.tipis)
        y = self.tipis / 2
        c.line(0, y, self.lebar, y)
        c.restoreState()


class _Garis(Flowable):  # type: ignore[misc]
    """A single horizontal rule of the frame width (or a fixed width)."""

    def __init__(self, tebal: float = 0.8, lebar: float | None = None, sebelum: float = 2, sesudah: float = 4) -> None:
        super().__init__()
        self.tebal = tebal
        self.lebar_tetap = lebar
        self.lebar = 0.0
        self.sebelum = sebelum
        self.sesudah = sesudah

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.lebar = self.lebar_tetap if self.lebar_tetap is not None else avail_width
        return self.lebar, self.sebelum + self.tebal + self.sesudah

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setLineWidth(self.tebal)
        y = self.sesudah + self.tebal / 2
        c.line(0, y, self.lebar, y)
        c.restoreState()


class _KanvasBernomor(Canvas):  # type: ignore[misc]
    """Two-pass canvas: pages are kept until ``save`` so each can print "Halaman n dari total".

    Numbers are printed only when the document has more than one page.
    """

    def __init__(
        self,
        *args: Any,
        format_halaman: str = FORMAT_HALAMAN,
        font_halaman: str = "LiberationSans-Regular",
        ukuran_halaman: float = 9,
        y_halaman: float = 12 * MM,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._halaman: list[dict[str, Any]] = []
        self._format_halaman = format_halaman
        self._font_halaman = font_halaman
        self._ukuran_halaman = ukuran_halaman
        self._y_halaman = y_halaman

    def showPage(self) -> None:
        self._halaman.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._halaman)
        for state in self._halaman:
            self.__dict__.update(state)
            if total > 1 and self._format_halaman:
                self._gambar_nomor(total)
            Canvas.showPage(self)
        Canvas.save(self)

    def _gambar_nomor(self, total: int) -> None:
        teks = self._format_halaman.format(n=self._pageNumber, total=total)
        self.saveState()
        self.setFont(self._font_halaman, self._ukuran_halaman)
        self.setFillColor(_HITAM)
        self.drawCentredString(self._pagesize[0] / 2, self._y_halaman, teks)
        self.restoreState()


class DocumentKit:
    """Layouts and building blocks for the naskah dinas of one office profile.

    Construct once per document (it is cheap) and call one of the layout methods, which return PDF bytes:
    :meth:`surat` (korespondensi), :meth:`naskah_judul` (judul layout: surat tugas, berita acara,
    laporan …), :meth:`nota_dinas`, :meth:`tabel` (big registers). Each has a ``story_*`` twin returning
    the flowables, to be combined and passed to :meth:`build`.
    """

    def __init__(self, instansi: Instansi, *, format_halaman: str = FORMAT_HALAMAN) -> None:
        register_fonts()
        self.instansi = instansi
        self.format_halaman = format_halaman
        self.family: str = font_family(instansi.font)
        self.font: Keluarga = keluarga(self.family)
        self.ukuran: float = float(instansi.ukuran_font)
        self.leading: float = round(self.ukuran * 1.2 * instansi.spasi, 2)
        self.pagesize: tuple[float, float] = ukuran_kertas(instansi.kertas)
        self.lebar: float = self.pagesize[0] - (instansi.margin_kiri + instansi.margin_kanan) * MM
        """Frame width of a portrait page, in points."""
        self.x_ttd: float = self.lebar * 0.5
        """Left edge of the signature block (and of the date on the Nomor line), from the left margin."""
        self.styles: dict[str, ParagraphStyle] = self._buat_gaya()

    # ------------------------------------------------------------------ styles and small helpers

    def _gaya(self, name: str, **kw: Any) -> ParagraphStyle:
        base: dict[str, Any] = {
            "fontName": self.font.normal,
            "fontSize": self.ukuran,
            "leading": self.leading,
            "alignment": TA_LEFT,
            "spaceBefore": 0,
            "spaceAfter": 0,
        }
        base.update(kw)
        return ParagraphStyle(name, **base)

    def _buat_gaya(self) -> dict[str, ParagraphStyle]:
        u, lead, f = self.ukuran, self.leading, self.font
        kecil = max(u - 3, 7)
        return {
            "normal": self._gaya("normal"),
            "isi": self._gaya("isi", alignment=TA_JUSTIFY, spaceAfter=lead * 0.5),
            "alinea": self._gaya("alinea", alignment=TA_JUSTIFY, spaceAfter=lead * 0.5, firstLineIndent=12.5 * MM),
            "tengah": self._gaya("tengah", alignment=TA_CENTER),
            "kanan": self._gaya("kanan", alignment=TA_RIGHT),
            "tebal": self._gaya("tebal", fontName=f.bold),
            "bagian": self._gaya("bagian", fontName=f.bold, spaceBefore=lead * 0.5, spaceAfter=lead * 0.25),
            "judul": self._gaya("judul", fontName=f.bold, fontSize=u + 2, leading=(u + 2) * 1.25, alignment=TA_CENTER),
            "subjudul": self._gaya("subjudul", alignment=TA_CENTER),
            "ttd": self._gaya("ttd", alignment=TA_CENTER, leading=u * 1.2),
            "kecil": self._gaya("kecil", fontSize=kecil + 1, leading=(kecil + 1) * 1.2),
            "paraf": self._gaya("paraf", fontSize=kecil, leading=kecil * 1.15),
            "paraf_kepala": self._gaya(
                "paraf_kepala", fontName=f.bold, fontSize=kecil, leading=kecil * 1.15, alignment=TA_CENTER
            ),
            "sel": self._gaya("sel", fontSize=kecil + 1, leading=(kecil + 1) * 1.18),
            "sel_kepala": self._gaya(
                "sel_kepala", fontName=f.bold, fontSize=kecil + 1, leading=(kecil + 1) * 1.18, alignment=TA_CENTER
            ),
        }

    def gaya(self, nama: str, **ubah: Any) -> ParagraphStyle:
        """A named style (``normal``, ``isi``, ``alinea``, ``tengah``, ``kanan``, ``tebal``, ``bagian``,
        ``judul``, ``subjudul``, ``kecil`` …), optionally changed (``gaya("isi", leftIndent=10)``)."""
        style = self.styles[nama]
        if not ubah:
            return style
        return ParagraphStyle(f"{nama}-x", parent=style, **ubah)

    def p(self, markup: str, gaya: str = "isi", **ubah: Any) -> Flowable:
        """A Paragraph from markup (default: justified body text). Escape user values with ``esc``."""
        return Paragraph(markup, self.gaya(gaya, **ubah))

    def teks(self, plain: str, gaya: str = "normal", **ubah: Any) -> Flowable:
        """A Paragraph from plain text (escaped; line breaks kept)."""
        return Paragraph(esc(plain), self.gaya(gaya, **ubah))

    def judul_bagian(self, markup: str) -> Flowable:
        """A bold section heading (``"A. Dasar"``), kept with the next flowable."""
        return Paragraph(markup, self.gaya("bagian", keepWithNext=1))

    def spasi(self, tinggi_mm: float = 4) -> Flowable:
        """Vertical space."""
        return Spacer(1, tinggi_mm * MM)

    def baris_kosong(self, n: float = 1) -> Flowable:
        """Vertical space of ``n`` text lines."""
        return Spacer(1, self.leading * n)

    def garis(self, tebal: float = 0.8) -> Flowable:
        """A full-width horizontal rule."""
        return _Garis(tebal)

    def halaman_baru(self) -> Flowable:
        return PageBreak()

    def _sel(self, nilai: str | Flowable | Sequence[Flowable], gaya: str) -> Any:
        if isinstance(nilai, str):
            return Paragraph(nilai, self.styles[gaya])
        return nilai

    def _tabel_tata_letak(self, data: list[list[Any]], lebar: Sequence[float], **kw: Any) -> Any:
        """A borderless layout table with zero padding, top-aligned."""
        t = Table(data, colWidths=list(lebar), **kw)
        t.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), self.font.normal, self.ukuran, self.leading),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return t

    def _lebar_label(self, labels: Iterable[str], font: str | None = None) -> float:
        fn = font or self.font.normal
        widest = max((stringWidth(lbl, fn, self.ukuran) for lbl in labels), default=0.0)
        return float(widest) + 2 * MM

    def kv_table(
        self,
        rows: Sequence[tuple[str, str | Flowable]],
        *,
        lebar_label_mm: float | None = None,
        indent_mm: float = 0,
        lebar_mm: float | None = None,
        gaya: str = "normal",
        jarak_baris: float = 0,
    ) -> Flowable:
        """Label / ``:`` / value rows with aligned colons (``Nama : Budi``). Labels and str values are markup.

        The label column fits the longest label unless ``lebar_label_mm`` is given; ``jarak_baris`` adds
        points of space under every row.
        """
        total = (lebar_mm * MM) if lebar_mm else self.lebar
        total -= indent_mm * MM
        plain_labels = [lbl.replace("<b>", "").replace("</b>", "") for lbl, _ in rows]
        w_label = lebar_label_mm * MM if lebar_label_mm else min(self._lebar_label(plain_labels), total * 0.45)
        w_colon = stringWidth(": ", self.font.normal, self.ukuran) + 1
        data = [[self._sel(lbl, gaya), Paragraph(":", self.styles[gaya]), self._sel(val, gaya)] for lbl, val in rows]
        widths = [w_label, w_colon, total - w_label - w_colon]
        if indent_mm:
            data = [["", *row] for row in data]
            widths = [indent_mm * MM, *widths]
        t = self._tabel_tata_letak(data, widths)
        if jarak_baris:
            t.setStyle(TableStyle([("BOTTOMPADDING", (0, 0), (-1, -1), jarak_baris)]))
        t.spaceAfter = self.leading * 0.35
        return t

    def daftar(
        self,
        items: Sequence[str | Flowable],
        *,
        penanda: str = "1.",
        indent_mm: float = 0,
        gaya: str = "isi",
        mulai: int = 1,
    ) -> Flowable:
        """A list with hanging indent. ``penanda``: ``"1."``, ``"1)"``, ``"a."``, ``"a)"``, ``"-"`` or ``"•"``.

        Items are markup strings or flowables.
        """
        def tanda(i: int) -> str:
            if penanda in ("1.", "1)"):
                return f"{i}{penanda[1]}"
            if penanda in ("a.", "a)"):
                return f"{_huruf(i)}{penanda[1]}"
            return penanda

        marks = [tanda(mulai + k) for k in range(len(items))]
        w_mark = max(stringWidth(m, self.font.normal, self.ukuran) for m in marks) + 2.5 * MM if marks else 0
        w_mark = max(w_mark, 6 * MM)
        style = self.gaya(gaya, spaceAfter=self.leading * 0.15)
        data = [[Paragraph(m, self.styles["normal"]), self._sel_gaya(item, style)] for m, item in zip(marks, items, strict=True)]
        widths = [w_mark, self.lebar - w_mark - indent_mm * MM]
        if indent_mm:
            data = [["", *row] for row in data]
            widths = [indent_mm * MM, *widths]
        if not data:
            return Spacer(1, 0)
        t = self._tabel_tata_letak(data, widths)
        t.spaceAfter = self.leading * 0.35
        return t

    @staticmethod
    def _sel_gaya(item: str | Flowable, style: ParagraphStyle) -> Any:
        return Paragraph(item, style) if isinstance(item, str) else item

    # ------------------------------------------------------------------ kop surat

    def _muat_satu_baris(self, teks: str, font: str, ukuran: float, lebar: float, minimum: float) -> float:
        """The largest size ≤ ``ukuran`` (down to ``minimum``) at which ``teks`` fits on one line."""
        size = ukuran
        while size > minimum and stringWidth(teks, font, size) > lebar:
            size -= 0.5
        return size

    def _bagian_alamat(self) -> list[str]:
        ins = self.instansi
        bagian = [ins.alamat.strip()]
        if ins.telepon.strip():
            bagian.append(f"Telepon {ins.telepon.strip()}")
        if ins.kode_pos.strip():
            bagian.append(f"Kode Pos {ins.kode_pos.strip()}")
        if ins.website.strip():
            bagian.append(f"Laman {ins.website.strip()}")
        if ins.email.strip():
            bagian.append(f"Pos-el {ins.email.strip()}")
        return [b for b in bagian if b]

    def _baris_alamat(self, lebar: float, font: str, ukuran: float) -> list[str]:
        """Pack the address parts greedily into as few lines as fit ``lebar``."""
        lines: list[str] = []
        for part in self._bagian_alamat():
            if lines and stringWidth(f"{lines[-1]}, {part}", font, ukuran) <= lebar:
                lines[-1] = f"{lines[-1]}, {part}"
            else:
                lines.append(part)
        return lines

    def kop(self, *, lebar: float | None = None) -> list[Flowable]:
        """The kop surat: logo left, centred lines, then the thick-thin double rule."""
        ins = self.instansi
        total = lebar or self.lebar
        logo_path = _logo_terbaca(ins.logo_path) or _logo_default()
        w_px, h_px = _ukuran_gambar(logo_path)
        max_w, max_h = 22 * MM, 26 * MM
        skala = min(max_w / w_px, max_h / h_px)
        logo = Image(str(logo_path), width=w_px * skala, height=h_px * skala, mask="auto")
        w_logo_col = max_w + 3 * MM

        f = self.font
        u = self.ukuran
        baris: list[tuple[str, str, float, float]] = [(ins.pemerintah.upper(), f.bold, u + 2, u - 1)]
        baris.append((ins.perangkat_daerah.upper(), f.bold, u + 5, u))
        if ins.sub_unit.strip():
            baris.append((ins.sub_unit.upper(), f.bold, u, u - 2))

        # Centre the text on the page when it fits between two logo-wide columns, else use the rest.
        simetris = total - 2 * w_logo_col
        muat = all(stringWidth(t, fn, mn) <= simetris for t, fn, _, mn in baris[:2])
        w_teks = simetris if muat else total - w_logo_col
        u_alamat = max(u - 2, 8)
        for b in self._baris_alamat(w_teks, f.normal, u_alamat):
            baris.append((b, f.normal, u_alamat, u_alamat - 1.5))
        paras = []
        for t, fn, size, minimum in baris:
            s = self._muat_satu_baris(t, fn, size, w_teks, minimum)
            style = ParagraphStyle("kop", fontName=fn, fontSize=s, leading=s * 1.18, alignment=TA_CENTER)
            paras.append(Paragraph(esc(t), style))
        cols = [w_logo_col, w_teks] + ([total - w_logo_col - w_teks] if muat else [])
        row: list[Any] = [logo, paras] + ([""] if muat else [])
        t = self._tabel_tata_letak([row], cols)
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (0, 0), (0, 0), "LEFT")]))
        return [t, Spacer(1, 2 * MM), GarisKop(), Spacer(1, 6 * MM)]

    # ------------------------------------------------------------------ signatures and paraf

    def tempat_tanggal(self, tanggal: date | None, tempat: str = "") -> str:
        """``"Salatiga, 16 Maret 2026"`` (plain text). Without a date: dotted space for a hand-written one."""
        place = tempat.strip() or self.instansi.kota.strip()
        when = tanggal_panjang(tanggal) if tanggal else "…………………… " + str(date.today().year)
        return f"{place}, {when}" if place else when

    def _kepala_ttd(self, ttd: TandaTangan) -> list[str]:
        """Heading lines (plain) above the signature space; the last one ends with a comma."""
        jab = ttd.pejabat.jabatan.strip()
        an = [s.strip() for s in ttd.atas_nama_jabatan.split("\n") if s.strip()]
        lines: list[str] = []
        if ttd.mode in ("a.n.", "u.b.") and an:
            lines.append(f"a.n. {an[0]}")
            lines.extend(an[1:])
        if ttd.mode == "u.b.":
            lines.append("u.b.")
        if ttd.mode in ("Plt.", "Plh.", "Pj.", "Pjs."):
            jab = f"{ttd.mode} {jab}"
        if jab:
            lines.append(jab)
        if lines and not lines[-1].endswith(","):
            lines[-1] += ","
        return lines

    def blok_ttd(self, ttd: TandaTangan, *, dengan_tanggal: bool = True, mengetahui: bool = False) -> list[Flowable]:
        """The flowables of one signature block (centred): [label] [place, date] jabatan, space, name,
        pangkat (golongan), NIP."""
        st = self.styles["ttd"]
        out: list[Flowable] = []
        if mengetahui:
            out.append(Paragraph("Mengetahui,", st))
        if ttd.label.strip():
            out.append(Paragraph(esc(ttd.label.strip()), st))
        if dengan_tanggal and ttd.tanggal is not None:
            out.append(Paragraph(esc(self.tempat_tanggal(ttd.tanggal, ttd.tempat)), st))
        for line in self._kepala_ttd(ttd):
            out.append(Paragraph(esc(line), st))
        if ttd.tte:
            kecil = self.gaya("ttd", fontSize=self.ukuran - 3, leading=(self.ukuran - 3) * 1.2, textColor=colors.dimgrey)
            out.append(Spacer(1, 3 * MM))
            out.append(Paragraph("<i>Ditandatangani secara elektronik</i>", kecil))
            out.append(Spacer(1, 3 * MM))
        else:
            out.append(Spacer(1, 20 * MM))
        pj = ttd.pejabat
        nama = pj.nama.strip()
        if nama:
            out.append(Paragraph(f"<b><u>{esc(nama)}</u></b>", st))
        else:
            out.append(Paragraph("(" + "." * 45 + ")", st))
        pg = pangkat_golongan(pj.pangkat, pj.golongan)
        if pg:
            out.append(Paragraph(esc(pg), st))
        if pj.nip.strip():
            out.append(Paragraph(f"NIP {esc(format_nip(pj.nip))}", st))
        return out

    def tabel_paraf(self, paraf: Sequence[Paraf], *, lebar: float | None = None) -> Flowable:
        """The small paraf table: No / Nama / Jabatan / Paraf."""
        total = lebar or 85 * MM
        sk, sh = self.styles["paraf"], self.styles["paraf_kepala"]
        data: list[list[Any]] = [[Paragraph(h, sh) for h in ("No", "Nama", "Jabatan", "Paraf")]]
        for i, row in enumerate(paraf, 1):
            data.append(
                [Paragraph(str(i), self.gaya("paraf", alignment=TA_CENTER)), Paragraph(esc(row.nama), sk),
                 Paragraph(esc(row.jabatan), sk), ""]
            )
        w_no, w_paraf = 7 * MM, 15 * MM
        rest = total - w_no - w_paraf
        widths = [w_no, rest * 0.45, rest * 0.55, w_paraf]
        heights: list[float | None] = [None]
        for row_cells in data[1:]:
            # At least 7 mm per row so there is room to initial; more when a name or jabatan wraps.
            need = max(c.wrap(w - 4, 1000)[1] for c, w in zip(row_cells[1:3], widths[1:3], strict=True))
            heights.append(max(7 * MM, need + 5))
        t = Table(data, colWidths=widths, rowHeights=heights, hAlign="LEFT")
        t.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), sk.fontName, sk.fontSize, sk.leading),
                    ("GRID", (0, 0), (-1, -1), 0.5, _HITAM),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 2),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        return t

    def ttd_kanan(
        self, ttd: TandaTangan, *, dengan_tanggal: bool = True, paraf: Sequence[Paraf] = ()
    ) -> Flowable:
        """One signature block on the right half; the paraf table (if any) bottom-left beside it."""
        kiri: Any = ""
        if paraf:
            kiri = self.tabel_paraf(paraf, lebar=min(self.x_ttd - 4 * MM, 85 * MM))
        t = self._tabel_tata_letak(
            [[kiri, self.blok_ttd(ttd, dengan_tanggal=dengan_tanggal)]], [self.x_ttd, self.lebar - self.x_ttd]
        )
        t.setStyle(TableStyle([("VALIGN", (0, 0), (0, 0), "BOTTOM")]))
        return t

    def ttd_banyak(
        self,
        ttd: Sequence[TandaTangan],
        *,
        mengetahui: TandaTangan | None = None,
        dengan_tanggal: bool = True,
    ) -> list[Flowable]:
        """Several signers side by side (two per row; a lone last one is centred), then an optional
        centred "Mengetahui," block — the berita acara arrangement. One flowable per row, so a page may
        break between rows but never inside one."""
        half = self.lebar / 2
        rows: list[list[Any]] = []
        for i in range(0, len(ttd), 2):
            rows.append([self.blok_ttd(t, dengan_tanggal=dengan_tanggal) for t in ttd[i : i + 2]])
        if mengetahui is not None:
            rows.append([self.blok_ttd(mengetahui, dengan_tanggal=dengan_tanggal, mengetahui=True)])
        out: list[Flowable] = []
        for r, blocks in enumerate(rows):
            if len(blocks) == 1:
                t = self._tabel_tata_letak([[blocks[0], ""]], [half, half])
                cmds: list[Any] = [("SPAN", (0, 0), (1, 0))]
            else:
                t = self._tabel_tata_letak([blocks], [half, half])
                cmds = []
            cmds += [("LEFTPADDING", (0, 0), (-1, -1), 3 * MM), ("RIGHTPADDING", (0, 0), (-1, -1), 3 * MM)]
            t.setStyle(TableStyle(cmds))
            if r:
                out.append(self.baris_kosong(1))
            out.append(t)
        return out

    def tembusan(self, daftar: Sequence[str]) -> list[Flowable]:
        """``Tembusan:`` and a numbered list (no number for a single entry). Entries are plain text."""
        if not daftar:
            return []
        st = self.gaya("normal", leading=self.ukuran * 1.2)
        out: list[Flowable] = [Paragraph("Tembusan:", st)]
        if len(daftar) == 1:
            out.append(Paragraph(esc(daftar[0]), st))
            return [KeepTogether(out)]
        items = [esc(x) for x in daftar]
        out.append(self.daftar(items, gaya="normal"))
        return [KeepTogether(out)]

    # ------------------------------------------------------------------ building

    def build(
        self,
        story: Sequence[Flowable],
        *,
        landscape: bool = False,
        judul: str = "",
        subjek: str = "",
        nomor_halaman: bool = True,
        margin_mm: tuple[float, float, float, float] | None = None,
    ) -> bytes:
        """Lay out ``story`` on the profile's paper and return PDF bytes.

        ``margin_mm`` = (atas, kanan, bawah, kiri) overrides the profile margins. Page numbers
        (``format_halaman``) are printed on every page when there is more than one page.
        """
        ins = self.instansi
        pagesize = ukuran_kertas(ins.kertas, landscape)
        if margin_mm is None:
            atas, kanan, bawah, kiri = ins.margin_atas, ins.margin_kanan, ins.margin_bawah, ins.margin_kiri
        else:
            atas, kanan, bawah, kiri = margin_mm
        buf = io.BytesIO()
        doc = BaseDocTemplate(
            buf,
            pagesize=pagesize,
            leftMargin=kiri * MM,
            rightMargin=kanan * MM,
            topMargin=atas * MM,
            bottomMargin=bawah * MM,
            title=judul,
            subject=subjek,
            author=ins.perangkat_daerah,
            creator="PPID Desktop",
            invariant=1,
            # The canvas preamble would otherwise select the unembedded standard Helvetica.
            initialFontName=self.font.normal,
            initialFontSize=self.ukuran,
            initialLeading=self.leading,
        )
        frame = Frame(
            doc.leftMargin,
            doc.bottomMargin,
            doc.width,
            doc.height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="isi",
        )
        doc.addPageTemplates([PageTemplate(id="halaman", frames=[frame], pagesize=pagesize)])
        maker = functools.partial(
            _KanvasBernomor,
            format_halaman=self.format_halaman if nomor_halaman else "",
            font_halaman=self.font.normal,
            ukuran_halaman=max(self.ukuran - 2, 8),
            y_halaman=max(bawah * MM / 2, 6 * MM),
        )
        doc.build(list(story), canvasmaker=maker)
        return buf.getvalue()

    # ------------------------------------------------------------------ korespondensi layout

    def _blok_nomor(
        self, nomor: str, sifat: str, lampiran: str, hal: str, tanggal_teks: str
    ) -> Flowable:
        """Nomor/Sifat/Lampiran/Hal with aligned colons; place and date right-aligned on the Nomor line."""
        labels = ["Nomor", "Sifat", "Lampiran", "Hal"]
        values = [nomor, sifat or "Biasa", lampiran or "-", hal]
        w_label = self._lebar_label(labels)
        w_colon = stringWidth(": ", self.font.normal, self.ukuran) + 1
        w_tgl = min(stringWidth(tanggal_teks, self.font.normal, self.ukuran) + 1, self.lebar * 0.45)
        w_val = self.lebar - w_label - w_colon - w_tgl
        # Sifat/Lampiran/Hal values may run under the date column, but Hal wraps before ~65% of the width.
        w_hal = self.lebar * 0.65 - w_label - w_colon
        st = self.styles["normal"]
        st_hal = self.gaya("normal", rightIndent=max(w_val + w_tgl - w_hal, 0))
        data: list[list[Any]] = []
        for i, (lbl, val) in enumerate(zip(labels, values, strict=True)):
            kanan: Any = Paragraph(esc(tanggal_teks), self.styles["kanan"]) if i == 0 else ""
            data.append([Paragraph(lbl, st), Paragraph(":", st), Paragraph(esc(val), st if i == 0 else st_hal), kanan])
        t = self._tabel_tata_letak(data, [w_label, w_colon, w_val, w_tgl])
        t.setStyle(TableStyle([("SPAN", (2, r), (3, r)) for r in range(1, 4)]))
        return t

    def _blok_yth(self, kepada: Sequence[str], di: str) -> list[Flowable]:
        st = self.styles["normal"]
        w_yth = stringWidth("Yth. ", self.font.normal, self.ukuran) + 1
        w_isi = self.x_ttd + 25 * MM - w_yth
        if len(kepada) == 1:
            isi: Any = Paragraph(esc(kepada[0]), st)
        else:
            w_no = stringWidth(f"{len(kepada)}. ", self.font.normal, self.ukuran) + 1
            isi = self._tabel_tata_letak(
                [[Paragraph(f"{i}.", st), Paragraph(esc(k), st)] for i, k in enumerate(kepada, 1)], [w_no, w_isi - w_no]
            )
        rows: list[list[Any]] = [[Paragraph("Yth.", st), isi]]
        out: list[Flowable] = [self._tabel_tata_letak(rows, [w_yth, w_isi], hAlign="LEFT")]
        if di.strip():
            out.append(Paragraph("di", st))
            out.append(Paragraph(esc(di.strip()), self.gaya("normal", leftIndent=w_yth + 5 * MM)))
        return out

    def _isi(self, isi: Sequence[str | Flowable], gaya: str = "isi") -> list[Flowable]:
        return [Paragraph(x, self.styles[gaya]) if isinstance(x, str) else x for x in isi]

    def _akhir(self, badan: list[Flowable], penutup: Sequence[Flowable], lanjutan: Sequence[Flowable] = ()) -> list[Flowable]:
        """Keep the last body flowable with the signature so a signature never stands alone on a page.

        ``penutup`` is kept together with the last body flowable; ``lanjutan`` follows freely. (No
        KeepTogether may be nested in another one: its wrap reports a huge height and forces a break.)
        """
        keep = [*penutup]
        if badan and not isinstance(badan[-1], KeepTogether):
            return [*badan[:-1], KeepTogether([badan[-1], self.baris_kosong(0.5), *keep]), *lanjutan]
        return [KeepTogether(keep), *lanjutan]

    def story_surat(
        self,
        *,
        nomor: str,
        hal: str,
        kepada: Sequence[str],
        isi: Sequence[str | Flowable],
        ttd: TandaTangan,
        di: str = "",
        sifat: str = "Biasa",
        lampiran: str = "-",
        tanggal: date | None = None,
        tempat: str = "",
        tembusan: Sequence[str] = (),
        paraf: Sequence[Paraf] = (),
        halaman_lampiran: Sequence[Flowable] = (),
        kop: bool = True,
    ) -> list[Flowable]:
        """Flowables of a korespondensi letter (see :meth:`surat`)."""
        when = tanggal or ttd.tanggal
        story: list[Flowable] = self.kop() if kop else []
        story.append(self._blok_nomor(nomor, sifat, lampiran, hal, self.tempat_tanggal(when, tempat or ttd.tempat)))
        story.append(self.baris_kosong(1))
        story.extend(self._blok_yth(kepada, di))
        story.append(self.baris_kosong(1))
        story.extend(self._akhir(self._isi(isi), [self.ttd_kanan(ttd, dengan_tanggal=False, paraf=paraf)]))
        if tembusan:
            story.append(self.baris_kosong(1))
            story.extend(self.tembusan(tembusan))
        if halaman_lampiran:
            story.append(PageBreak())
            story.extend(halaman_lampiran)
        return story

    def surat(
        self,
        *,
        nomor: str,
        hal: str,
        kepada: Sequence[str],
        isi: Sequence[str | Flowable],
        ttd: TandaTangan,
        di: str = "",
        sifat: str = "Biasa",
        lampiran: str = "-",
        tanggal: date | None = None,
        tempat: str = "",
        tembusan: Sequence[str] = (),
        paraf: Sequence[Paraf] = (),
        halaman_lampiran: Sequence[Flowable] = (),
        kop: bool = True,
    ) -> bytes:
        """A surat dinas in the korespondensi layout, as PDF bytes.

        Kop; ``Tempat, tanggal`` top right on the Nomor line (``tanggal`` or ``ttd.tanggal``; ``tempat`` or
        ``ttd.tempat`` or the profile's ``kota``); Nomor/Sifat/Lampiran/Hal; ``Yth.`` + ``kepada`` (one
        line each, numbered when several) + ``di`` place; ``isi`` (markup strings or flowables,
        justified); signature on the right with the paraf table beside it; Tembusan bottom-left;
        ``halaman_lampiran`` flowables start on a new page (see :meth:`kepala_lampiran`).
        """
        story = self.story_surat(
            nomor=nomor, hal=hal, kepada=kepada, isi=isi, ttd=ttd, di=di, sifat=sifat, lampiran=lampiran,
            tanggal=tanggal, tempat=tempat, tembusan=tembusan, paraf=paraf, halaman_lampiran=halaman_lampiran,
            kop=kop,
        )
        return self.build(story, judul=hal, subjek=nomor)

    def kepala_lampiran(
        self, keterangan: str, nomor: str, tanggal: date | None, hal: str = ""
    ) -> Flowable:
        """The block at the top right of an attachment page (plain text)::

            LAMPIRAN SURAT KEPALA DINAS …
            NOMOR    : 000.9/15/PPID
            TANGGAL  : 16 Maret 2026
            HAL      : …
        """
        st = self.gaya("normal", fontSize=self.ukuran - 1, leading=(self.ukuran - 1) * 1.2)
        w = self.lebar - self.x_ttd + 10 * MM
        rows = [("NOMOR", nomor), ("TANGGAL", tanggal_panjang(tanggal) if tanggal else "")]
        if hal:
            rows.append(("HAL", hal))
        w_label = max(stringWidth(r[0], st.fontName, st.fontSize) for r in rows) + 2 * MM
        w_colon = stringWidth(": ", st.fontName, st.fontSize) + 1
        data: list[list[Any]] = [[Paragraph(esc(keterangan.upper()), st), "", ""]]
        data += [[Paragraph(a, st), Paragraph(":", st), Paragraph(esc(b), st)] for a, b in rows]
        inner = self._tabel_tata_letak(data, [w_label, w_colon, w - w_label - w_colon])
        inner.setStyle(TableStyle([("SPAN", (0, 0), (-1, 0))]))
        outer = self._tabel_tata_letak([["", inner]], [self.lebar - w, w])
        outer.spaceAfter = self.leading
        return outer

    # ------------------------------------------------------------------ judul layout

    def blok_judul(self, judul: str, nomor: str = "", subjudul: Sequence[str] = ()) -> list[Flowable]:
        """Centred bold underlined title, ``NOMOR …`` under it, then optional centred lines (plain text)."""
        out: list[Flowable] = [Paragraph(f"<u>{esc(judul.upper())}</u>", self.styles["judul"])]
        if nomor:
            out.append(Paragraph(f"NOMOR {esc(nomor)}", self.styles["subjudul"]))
        for line in subjudul:
            out.append(Paragraph(esc(line), self.styles["subjudul"]))
        out.append(self.baris_kosong(1))
        return out

    def story_naskah_judul(
        self,
        *,
        judul: str,
        isi: Sequence[str | Flowable],
        ttd: Sequence[TandaTangan] | TandaTangan = (),
        nomor: str = "",
        subjudul: Sequence[str] = (),
        mengetahui: TandaTangan | None = None,
        tanggal: date | None = None,
        tempat: str = "",
        tembusan: Sequence[str] = (),
        paraf: Sequence[Paraf] = (),
        kop: bool = True,
    ) -> list[Flowable]:
        """Flowables of a judul-layout naskah (see :meth:`naskah_judul`)."""
        signers = [ttd] if isinstance(ttd, TandaTangan) else list(ttd)
        story: list[Flowable] = self.kop() if kop else []
        story.extend(self.blok_judul(judul, nomor, subjudul))
        badan = self._isi(isi)
        penutup: list[Flowable] = []
        lanjutan: list[Flowable] = []
        if tanggal is not None:
            teks = self.tempat_tanggal(tanggal, tempat)
            if len(signers) == 1 and mengetahui is None:
                penutup.append(self._tabel_tata_letak([["", Paragraph(esc(teks), self.styles["ttd"])]],
                                                      [self.x_ttd, self.lebar - self.x_ttd]))
            else:
                penutup.append(Paragraph(esc(teks), self.styles["kanan"]))
                penutup.append(self.baris_kosong(0.5))
        if len(signers) == 1 and mengetahui is None:
            penutup.append(self.ttd_kanan(signers[0], paraf=paraf))
        elif signers or mengetahui is not None:
            rows = self.ttd_banyak(signers, mengetahui=mengetahui)
            penutup.append(rows[0])
            lanjutan.extend(rows[1:])
            if paraf:
                lanjutan.append(self.baris_kosong(1))
                lanjutan.append(self.tabel_paraf(paraf))
        if penutup:
            story.extend(self._akhir(badan, penutup, lanjutan))
        else:
            story.extend(badan)
        if tembusan:
            story.append(self.baris_kosong(1))
            story.extend(self.tembusan(tembusan))
        return story

    def naskah_judul(
        self,
        *,
        judul: str,
        isi: Sequence[str | Flowable],
        ttd: Sequence[TandaTangan] | TandaTangan = (),
        nomor: str = "",
        subjudul: Sequence[str] = (),
        mengetahui: TandaTangan | None = None,
        tanggal: date | None = None,
        tempat: str = "",
        tembusan: Sequence[str] = (),
        paraf: Sequence[Paraf] = (),
        kop: bool = True,
    ) -> bytes:
        """A naskah in the judul layout (surat tugas, berita acara, laporan …), as PDF bytes.

        Kop; centred bold underlined ``judul``; ``NOMOR nomor``; ``subjudul`` lines (``"TENTANG …"``);
        ``isi``; signatures: one signer -> right half (its own ``tempat``/``tanggal`` line when set),
        several -> side by side, two per row, with ``mengetahui`` centred below. ``tanggal`` prints one
        shared ``Tempat, tanggal`` line above the signatures.
        """
        story = self.story_naskah_judul(
            judul=judul, isi=isi, ttd=ttd, nomor=nomor, subjudul=subjudul, mengetahui=mengetahui,
            tanggal=tanggal, tempat=tempat, tembusan=tembusan, paraf=paraf, kop=kop,
        )
        return self.build(story, judul=judul, subjek=nomor)

    # ------------------------------------------------------------------ nota dinas

    def story_nota_dinas(
        self,
        *,
        kepada: str,
        dari: str,
        nomor: str,
        hal: str,
        isi: Sequence[str | Flowable],
        ttd: TandaTangan,
        tanggal: date | None = None,
        tembusan: Sequence[str] = (),
        sifat: str = "Biasa",
        lampiran: str = "-",
        paraf: Sequence[Paraf] = (),
        kop: bool = True,
    ) -> list[Flowable]:
        """Flowables of a nota dinas (see :meth:`nota_dinas`)."""
        when = tanggal or ttd.tanggal
        story: list[Flowable] = self.kop() if kop else []
        story.append(Paragraph("<u>NOTA DINAS</u>", self.styles["judul"]))
        story.append(self.baris_kosong(1))
        tembusan_sel: str | Flowable
        if not tembusan:
            tembusan_sel = "-"
        elif len(tembusan) == 1:
            tembusan_sel = esc(tembusan[0])
        else:
            tembusan_sel = self._daftar_sempit([esc(t) for t in tembusan])
        rows: list[tuple[str, str | Flowable]] = [
            ("Kepada", f"Yth. {esc(kepada)}"),
            ("Dari", esc(dari)),
            ("Tembusan", tembusan_sel),
            ("Tanggal", esc(tanggal_panjang(when)) if when else ""),
            ("Nomor", esc(nomor)),
            ("Sifat", esc(sifat or "Biasa")),
            ("Lampiran", esc(lampiran or "-")),
            ("Hal", esc(hal)),
        ]
        story.append(self.kv_table(rows))
        story.append(_Garis(1.2, sebelum=4, sesudah=8))
        story.extend(self._akhir(self._isi(isi), [self.ttd_kanan(ttd, dengan_tanggal=False, paraf=paraf)]))
        return story

    def _daftar_sempit(self, items: Sequence[str]) -> Flowable:
        st = self.styles["normal"]
        w_no = stringWidth(f"{len(items)}. ", self.font.normal, self.ukuran) + 1
        return self._tabel_tata_letak(
            [[Paragraph(f"{i}.", st), Paragraph(x, st)] for i, x in enumerate(items, 1)],
            [w_no, self.lebar * 0.7 - w_no],
        )

    def nota_dinas(
        self,
        *,
        kepada: str,
        dari: str,
        nomor: str,
        hal: str,
        isi: Sequence[str | Flowable],
        ttd: TandaTangan,
        tanggal: date | None = None,
        tembusan: Sequence[str] = (),
        sifat: str = "Biasa",
        lampiran: str = "-",
        paraf: Sequence[Paraf] = (),
        kop: bool = True,
    ) -> bytes:
        """A nota dinas as PDF bytes: kop, ``NOTA DINAS``, the Kepada/Dari/Tembusan/Tanggal/Nomor/Sifat/
        Lampiran/Hal table, a rule, the body and the signature (no place/date line; no stamp)."""
        story = self.story_nota_dinas(
            kepada=kepada, dari=dari, nomor=nomor, hal=hal, isi=isi, ttd=ttd, tanggal=tanggal,
            tembusan=tembusan, sifat=sifat, lampiran=lampiran, paraf=paraf, kop=kop,
        )
        return self.build(story, judul=f"Nota Dinas: {hal}", subjek=nomor)

    # ------------------------------------------------------------------ big registers

    def story_tabel(
        self,
        *,
        judul: str,
        kolom: Sequence[str],
        baris: Iterable[Sequence[object]],
        lebar: Sequence[float] | None = None,
        rata: Sequence[str] | None = None,
        subjudul: Sequence[str] = (),
        landscape: bool = True,
        margin_mm: float = 15,
        kop: bool = False,
        sebelum: Sequence[Flowable] = (),
        sesudah: Sequence[Flowable] = (),
    ) -> list[Flowable]:
        """Flowables of a register (see :meth:`tabel`)."""
        pw, ph = ukuran_kertas(self.instansi.kertas, landscape)
        frame_w = pw - 2 * margin_mm * MM
        frame_h = ph - 2 * margin_mm * MM
        n = len(kolom)
        weights = list(lebar) if lebar else [max(len(k), 4) for k in kolom]
        if len(weights) != n:
            raise ValueError("Jumlah lebar kolom tidak sama dengan jumlah kolom.")
        total_w = float(sum(weights))
        widths = [frame_w * w / total_w for w in weights]
        aligns = [_ALIGN.get((rata[i] if rata and i < len(rata) else "kiri").lower(), "LEFT") for i in range(n)]

        story: list[Flowable] = []
        if kop:
            story.extend(self.kop(lebar=frame_w))
        story.append(Paragraph(esc(judul.upper()), self.styles["judul"]))
        for line in subjudul:
            story.append(Paragraph(esc(line), self.styles["subjudul"]))
        story.append(self.baris_kosong(0.75))
        story.extend(sebelum)

        sel, sel_kepala = self.styles["sel"], self.styles["sel_kepala"]
        font, size = sel.fontName, sel.fontSize
        pad_h, pad_v = 3.0, 2.0
        header = [Paragraph(esc(k), sel_kepala) for k in kolom]
        h_satu_baris = sel.leading + 2 * pad_v + 0.5
        used = sum(f.wrap(frame_w, frame_h)[1] + f.getSpaceAfter() + f.getSpaceBefore() for f in story)
        para_styles = [self.gaya("sel", alignment={"LEFT": TA_LEFT, "CENTER": TA_CENTER, "RIGHT": TA_RIGHT}[a])
                       for a in aligns]

        def sel_dari(nilai: object, i: int) -> Any:
            if isinstance(nilai, Flowable):
                return nilai
            if nilai is None:
                return ""
            if isinstance(nilai, date):
                teks = tanggal_angka(nilai)
            else:
                teks = str(nilai)
            if "\n" not in teks and stringWidth(teks, font, size) <= widths[i] - 2 * pad_h:
                return teks
            return Paragraph(esc(teks), para_styles[i])

        def tabel_potongan(rows: list[list[Any]], mulai: int) -> Any:
            t = Table([header, *rows], colWidths=widths, repeatRows=1)
            zebra = [colors.white, _ZEBRA] if mulai % 2 == 0 else [_ZEBRA, colors.white]
            cmds: list[Any] = [
                ("FONT", (0, 0), (-1, -1), font, size, sel.leading),
                ("GRID", (0, 0), (-1, -1), 0.4, _GARIS_TABEL),
                ("BACKGROUND", (0, 0), (-1, 0), _KEPALA_TABEL),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), zebra),
                ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
                ("VALIGN", (0, 1), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), pad_h),
                ("RIGHTPADDING", (0, 0), (-1, -1), pad_h),
                ("TOPPADDING", (0, 0), (-1, -1), pad_v),
                ("BOTTOMPADDING", (0, 0), (-1, -1), pad_v + 0.5),
            ]
            cmds.extend(("ALIGN", (i, 1), (i, -1), a) for i, a in enumerate(aligns) if a != "LEFT")
            t.setStyle(TableStyle(cmds))
            return t

        # Room for body rows on the first page and on the following ones: the header row is measured with
        # the table's real style and paddings (an unstyled measurement over-estimated it and cost a row on
        # every page); a small safety margin stays.
        _, h_header = tabel_potongan([], 0).wrap(frame_w, frame_h)
        aman = 2.0
        ruang_pertama = frame_h - used - h_header - aman
        ruang_halaman = frame_h - h_header - aman

        def tinggi_baris(cells: list[Any]) -> float:
            h = h_satu_baris
            for i, c in enumerate(cells):
                if not isinstance(c, str):
                    h = max(h, c.wrap(widths[i] - 2 * pad_h, frame_h)[1] + 2 * pad_v + 0.5)
            return float(h)

        # One Table per page: cut the rows where the measured heights fill the page, then break the page
        # (reportlab splitting one huge table is quadratic; a too-tall chunk would still split safely).
        chunk: list[list[Any]] = []
        ruang = ruang_pertama
        terpakai = 0.0
        start = 0
        ada_tabel = False
        for index, row in enumerate(baris):
            if len(row) != n:
                raise ValueError(f"Baris {index + 1} berisi {len(row)} sel, seharusnya {n}.")
            cells = [sel_dari(v, i) for i, v in enumerate(row)]
            h = tinggi_baris(cells)
            if chunk and terpakai + h > ruang:
                story.append(tabel_potongan(chunk, start))
                story.append(PageBreak())
                ada_tabel = True
                start, chunk, terpakai, ruang = index, [], 0.0, ruang_halaman
            elif not chunk and ada_tabel is False and terpakai + h > ruang:
                # Not even one row fits under the title: start the table on the next page.
                story.append(PageBreak())
                ruang = ruang_halaman
            chunk.append(cells)
            terpakai += h
        if chunk or not ada_tabel:
            story.append(tabel_potongan(chunk, start))
        story.extend(sesudah)
        return story

    def tabel(
        self,
        *,
        judul: str,
        kolom: Sequence[str],
        baris: Iterable[Sequence[object]],
        lebar: Sequence[float] | None = None,
        rata: Sequence[str] | None = None,
        subjudul: Sequence[str] = (),
        landscape: bool = True,
        margin_mm: float = 15,
        kop: bool = False,
        sebelum: Sequence[Flowable] = (),
        ttd: TandaTangan | None = None,
    ) -> bytes:
        """A register/recap table as PDF bytes: title, then page-sized tables with a repeated header row.

        ``kolom``: header texts; ``baris``: any iterable of row sequences (str, int, date, None or a
        Flowable per cell; plain text is escaped, long text wraps); ``lebar``: relative column widths
        (scaled to the page width; default from the header lengths); ``rata``: per column ``"kiri"``,
        ``"tengah"`` or ``"kanan"``. Rows are cut into page-sized tables (one reportlab Table per page),
        which keeps 10,000-row registers fast. ``ttd`` adds a signature block at the end.
        """
        pw, _ = ukuran_kertas(self.instansi.kertas, landscape)
        sesudah: list[Flowable] = []
        if ttd is not None:
            frame_w = pw - 2 * margin_mm * MM
            w = max(frame_w * 0.35, 80 * MM)
            blok = self._tabel_tata_letak([["", self.blok_ttd(ttd)]], [frame_w - w, w])
            sesudah = [self.baris_kosong(1), blok]
        story = self.story_tabel(
            judul=judul, kolom=kolom, baris=baris, lebar=lebar, rata=rata, subjudul=subjudul,
            landscape=landscape, margin_mm=margin_mm, kop=kop, sebelum=sebelum, sesudah=sesudah,
        )
        m = margin_mm
        return self.build(story, landscape=landscape, judul=judul, margin_mm=(m, m, m, m))


_ALIGN = {"kiri": "LEFT", "tengah": "CENTER", "kanan": "RIGHT", "left": "LEFT", "center": "CENTER", "right": "RIGHT"}


def _huruf(i: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa."""
    s = ""
    while i > 0:
        i, r = divmod(i - 1, 26)
        s = chr(ord("a") + r) + s
    return s
