"""The base of the document kit: styles, paragraphs, label/value tables, lists, the kop surat and ``build``."""

from __future__ import annotations

import functools
import io
from collections.abc import Iterable, Sequence
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ppid_desktop.dokumen.data import Instansi
from ppid_desktop.dokumen.fonts import Keluarga, font_family, keluarga, register_fonts
from ppid_desktop.dokumen.halaman import (
    FORMAT_HALAMAN,
    MM,
    GarisKop,
    Logo,
    _Garis,
    _KanvasBernomor,
    _logo_default,
    _logo_terbaca,
    _ukuran_gambar,
    paraf_sisa,
    ukuran_kertas,
)
from ppid_desktop.dokumen.teks import esc


class KitDasar:
    """Styles and building blocks shared by every layout (see :class:`ppid_desktop.dokumen.DocumentKit`)."""

    def __init__(self, instansi: Instansi, *, format_halaman: str = FORMAT_HALAMAN, tahun: int | None = None) -> None:
        register_fonts()
        self.instansi = instansi
        self.tahun = tahun
        """The year printed after the dotted space of an undated signature (no clock is read here)."""
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
            "isi": self._gaya("isi", alignment=TA_JUSTIFY, spaceAfter=lead * 0.4),
            "alinea": self._gaya("alinea", alignment=TA_JUSTIFY, spaceAfter=lead * 0.4, firstLineIndent=12.5 * MM),
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

    def _tabel_tata_letak(self, data: list[list[Any]], lebar: Sequence[float | str], **kw: Any) -> Any:
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
        # The value column takes what is left of the width the table gets at layout time ("*"), so a
        # table nested in another one's cell never runs into the margin.
        widths: list[Any] = [w_label, w_colon, (total - w_label - w_colon) if lebar_mm else "*"]
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
        widths: list[Any] = [w_mark, "*"]  # the item column fills the width given at layout time
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
        logo = Logo(logo_path, w_px * skala, h_px * skala)
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
        return [t, Spacer(1, 2 * MM), GarisKop(), Spacer(1, 4 * MM)]

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
            invariant=0,
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
        story = list(story)
        sisa = paraf_sisa()
        if sisa:  # an agenda letter whose layout has no place for the paraf table: at the end
            story.append(KeepTogether([self.baris_kosong(1), self.tabel_paraf(sisa)]))  # type: ignore[attr-defined]
            paraf_sisa()
        doc.build(story, canvasmaker=maker)
        return buf.getvalue()


_ALIGN = {"kiri": "LEFT", "tengah": "CENTER", "kanan": "RIGHT", "left": "LEFT", "center": "CENTER", "right": "RIGHT"}


def _huruf(i: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa."""
    s = ""
    while i > 0:
        i, r = divmod(i - 1, 26)
        s = chr(ord("a") + r) + s
    return s
