"""Registers and data tables whose column widths come from their content.

Rules (what a secretariat checks on a printed register):

* reportlab wraps a Paragraph only at spaces (and splits a word that is wider than its column letter by
  letter), so a column is never narrower than its widest *word*: a number, a date, a NIP or a letter
  number (``139/PPID/XII/2025``, ``06-01-2025``, ``Rp17.000``) is one word and never breaks;
* the rest of the width goes to the columns whose text wraps, in proportion to how much they need (or to
  the caller's relative weights); header words never break (give short headers or abbreviations);
* numeric columns are right-aligned; every row takes the height its longest text needs; a register is
  drawn straight onto the canvas (:mod:`ppid_desktop.dokumen.register`), the header repeated on every
  page; it may end with a count line and a signature block.

:func:`lebar_kolom` is the width rule alone, for any table built elsewhere; :meth:`KitTabel.tabel_data`
returns a grid table flowable for reports; :meth:`KitTabel.tabel` a whole register PDF.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from ppid_desktop.core.tanggal import tanggal_angka
from ppid_desktop.dokumen.dasar import _ALIGN
from ppid_desktop.dokumen.data import TandaTangan
from ppid_desktop.dokumen.halaman import _GARIS_TABEL, _KEPALA_TABEL, _ZEBRA, MM, ukuran_kertas
from ppid_desktop.dokumen.teks import esc
from ppid_desktop.dokumen.ttd import KitTtd

__all__ = ["KitTabel", "angka_kolom", "bagi_lebar", "lebar_kolom", "teks_sel"]

_ANGKA = re.compile(r"^[-+]?(Rp\s?)?[\d.,]+(\s?%)?$")


def teks_sel(nilai: object) -> str:
    """The printed text of a cell value (dates as dd-mm-yyyy, None as empty)."""
    if nilai is None:
        return ""
    if isinstance(nilai, date):
        return tanggal_angka(nilai)
    return str(nilai)


def angka_kolom(teks: Iterable[str]) -> bool:
    """Whether every non-empty text of a column is a number (``12``, ``1.250``, ``Rp17.000``, ``90,83``)."""
    ada = False
    for t in teks:
        t = t.strip()
        if not t or t == "-":
            continue
        if not _ANGKA.match(t):
            return False
        ada = True
    return ada


class _Pengukur:
    """Exact widest-word and widest-line widths of many texts, measuring only the candidates that can win
    (texts sorted by length; stop when even the widest glyph times the length cannot beat the best)."""

    def __init__(self, font: str, ukuran: float) -> None:
        self.font, self.ukuran = font, ukuran
        f = getFont(font)
        widths = getattr(getattr(f, "face", None), "charWidths", None)
        em = max(widths.values()) if isinstance(widths, dict) and widths else 1000
        self.maks_glyph = float(em) * ukuran / 1000.0

    def terlebar(self, teks: Iterable[str], batas: float = float("inf")) -> float:
        """The widest of ``teks`` (or any value ≥ ``batas`` once one is that wide)."""
        calon = sorted(set(teks), key=len, reverse=True)
        best = 0.0
        for t in calon:
            if len(t) * self.maks_glyph <= best or best >= batas:
                break
            best = max(best, float(stringWidth(t, self.font, self.ukuran)))
        return best


def lebar_kolom(
    kepala: Sequence[str],
    isi: Sequence[Sequence[str]],
    lebar_total: float,
    *,
    font: str,
    font_kepala: str,
    ukuran: float,
    pad: float = 3.0,
    bobot: Sequence[float] | None = None,
    maks_baris: float = 0.45,
) -> list[float]:
    """Column widths (points) that sum to ``lebar_total``: each at least its widest word (header words in
    ``font_kepala``), the rest shared by need (the widest line, capped at ``maks_baris`` of the total) or by
    ``bobot``. Only when even the widest words do not fit are columns scaled below them."""
    n = len(kepala)
    ukur, ukur_kepala = _Pengukur(font, ukuran), _Pengukur(font_kepala, ukuran)
    kolom_teks: list[list[str]] = [[] for _ in range(n)]
    for row in isi:
        for i in range(n):
            kolom_teks[i].append(row[i])
    minimum, ingin = [], []
    for i in range(n):
        kata = (w for t in kolom_teks[i] for w in t.split())
        baris = (ln for t in kolom_teks[i] for ln in t.split("\n"))
        w_kata = max(ukur.terlebar(kata), ukur_kepala.terlebar(kepala[i].split()))
        w_baris = max(ukur.terlebar(baris, lebar_total * maks_baris), w_kata)
        minimum.append(w_kata + 2 * pad + 1)
        ingin.append(w_baris + 2 * pad + 1)
    return bagi_lebar(minimum, ingin, lebar_total, bobot=bobot, maks_baris=maks_baris)


def bagi_lebar(minimum: Sequence[float], ingin: Sequence[float], lebar_total: float, *,
               bobot: Sequence[float] | None = None, maks_baris: float = 0.45) -> list[float]:
    """The width rule of :func:`lebar_kolom` from measured widths: ``minimum`` (widest word plus padding)
    and ``ingin`` (widest line plus padding) per column."""
    n = len(minimum)
    ingin = [min(max(ingin[i], minimum[i]), max(lebar_total * maks_baris, minimum[i])) for i in range(n)]
    total_min = sum(minimum)
    if total_min > lebar_total:  # cannot fit: scale (long words will split), never overflow the page
        return [w * lebar_total / total_min for w in minimum]
    sisa = lebar_total - total_min
    if bobot is not None:
        kebutuhan = [float(b) for b in bobot]
    else:
        kebutuhan = [max(ingin[i] - minimum[i], 0.0) for i in range(n)]
    if sum(kebutuhan) <= 0:
        kebutuhan = [1.0] * n
    if bobot is None and sum(kebutuhan) <= sisa:
        # Everything fits on one line: give each column its line and share what is left by need.
        lebar = [max(ingin[i], minimum[i]) for i in range(n)]
        extra = (lebar_total - sum(lebar)) / n
        return [w + extra for w in lebar]
    total_k = sum(kebutuhan)
    return [minimum[i] + sisa * kebutuhan[i] / total_k for i in range(n)]


class KitTabel(KitTtd):
    """Big tables."""

    def _gaya_tabel(self, ukuran: float | None) -> tuple[Any, Any]:
        sel, kepala = self.styles["sel"], self.styles["sel_kepala"]
        if ukuran is None:
            return sel, kepala
        lead = ukuran * 1.18
        return (self.gaya("sel", fontSize=ukuran, leading=lead),
                self.gaya("sel_kepala", fontSize=ukuran, leading=lead))

    def tabel_data(
        self,
        kolom: Sequence[str],
        baris: Sequence[Sequence[object]],
        *,
        lebar_total: float | None = None,
        bobot: Sequence[float] | None = None,
        rata: Sequence[str] | None = None,
        ukuran: float | None = None,
        baris_jumlah: Sequence[object] | None = None,
    ) -> Flowable:
        """A grid table for a report (header repeated when it breaks across pages), widths from content.
        ``baris_jumlah`` is an optional bold total row."""
        sel, kepala = self._gaya_tabel(ukuran)
        total = lebar_total or self.lebar
        semua = [list(r) for r in baris] + ([list(baris_jumlah)] if baris_jumlah is not None else [])
        teks = [[teks_sel(v) if not isinstance(v, Flowable) else "" for v in r] for r in semua]
        widths = lebar_kolom(kolom, teks, total, font=sel.fontName, font_kepala=kepala.fontName, ukuran=sel.fontSize,
                             bobot=bobot)
        aligns = self._rata(kolom, teks, rata)
        gaya = [self.gaya("sel", fontSize=sel.fontSize, leading=sel.leading, alignment=_ENUM[a]) for a in aligns]
        data: list[list[Any]] = [[Paragraph(esc(k), kepala) for k in kolom]]
        for r, row in enumerate(semua):
            cells: list[Any] = []
            for i, v in enumerate(row):
                if isinstance(v, Flowable):
                    cells.append(v)
                    continue
                cells.append(Paragraph(esc(teks[r][i]), gaya[i]))
            data.append(cells)
        t = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
        cmds = self._perintah_grid(sel, aligns, 0)
        if baris_jumlah is not None:
            cmds.append(("BACKGROUND", (0, -1), (-1, -1), _KEPALA_TABEL))
        t.setStyle(TableStyle(cmds))
        return t

    @staticmethod
    def _rata(kolom: Sequence[str], teks: Sequence[Sequence[str]], rata: Sequence[str] | None) -> list[str]:
        out = []
        for i in range(len(kolom)):
            if rata and i < len(rata) and rata[i]:
                out.append(_ALIGN.get(rata[i].lower(), "LEFT"))
            elif angka_kolom(r[i] for r in teks):
                out.append("RIGHT")
            else:
                out.append("LEFT")
        return out

    def _perintah_grid(self, sel: Any, aligns: Sequence[str], mulai: int, pad_h: float = 3.0, pad_v: float = 2.0) -> list[Any]:
        zebra = [colors.white, _ZEBRA] if mulai % 2 == 0 else [_ZEBRA, colors.white]
        cmds: list[Any] = [
            ("FONT", (0, 0), (-1, -1), sel.fontName, sel.fontSize, sel.leading),
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
        return cmds

    # ------------------------------------------------------------------ big registers

    def tabel(
        self,
        *,
        judul: str,
        kolom: Sequence[str],
        baris: Iterable[Sequence[object]] | Callable[[], Iterable[Sequence[object]]],
        lebar: Sequence[float] | None = None,
        rata: Sequence[str] | None = None,
        subjudul: Sequence[str] = (),
        landscape: bool = True,
        margin_mm: float = 15,
        kop: bool = False,
        sebelum: Sequence[Flowable] = (),
        ttd: TandaTangan | None = None,
        ukuran: float | None = None,
        jumlah: str = "",
    ) -> bytes:
        """A register/recap table as PDF bytes, drawn straight onto the canvas
        (:mod:`ppid_desktop.dokumen.register`): title (and kop), the table with its header row repeated on
        every page, page numbers, then the count line and the signature block together.

        ``kolom``: header texts (keep header words short); ``baris``: rows of str, int, date or None per
        cell — any iterable (a generator too), or a zero-argument callable returning one (read once:
        the measuring pass spools the texts to a temporary file for the drawing pass); ``lebar``: optional
        relative weights for sharing the width left after every column got its widest word (default: by
        need); ``rata``: per column ``"kiri"``, ``"tengah"`` or ``"kanan"`` (default: numbers right, the
        rest left); ``ukuran``: cell font size; ``jumlah``: closing count line (``"Jumlah: {n}
        permohonan"``); ``ttd``: closing signature block.
        """
        from ppid_desktop.dokumen.register import GayaRegister, gambar_register

        n = len(kolom)
        if lebar is not None and len(lebar) != n:
            raise ValueError("Jumlah lebar kolom tidak sama dengan jumlah kolom.")
        sel, sel_kepala = self._gaya_tabel(ukuran)
        size = float(sel.fontSize)
        gaya = GayaRegister(font=sel.fontName, font_kepala=sel_kepala.fontName, ukuran=size,
                            leading=round(size * 1.15, 2))
        pw, ph = ukuran_kertas(self.instansi.kertas, landscape)
        m = margin_mm * MM
        frame_w = pw - 2 * m
        pembuka: list[Flowable] = list(self.kop(lebar=frame_w)) if kop else []
        pembuka.append(Paragraph(esc(judul.upper()), self.styles["judul"]))
        pembuka += [Paragraph(esc(line), self.styles["subjudul"]) for line in subjudul]
        pembuka.append(self.baris_kosong(0.6))
        pembuka += list(sebelum)

        def penutup(count: int) -> list[Flowable]:
            out: list[Flowable] = []
            if jumlah:
                out += [self.baris_kosong(0.5),
                        Paragraph(esc(jumlah.format(n=count, jumlah=count)), self.styles["tebal"])]
            if ttd is not None:
                w = max(frame_w * 0.35, 80 * MM)
                out += [self.baris_kosong(1), self._tabel_tata_letak([["", self.blok_ttd(ttd)]], [frame_w - w, w])]
            return out

        fmt = self.format_halaman
        return gambar_register(
            kolom=list(kolom), baris=baris, teks=teks_sel, pagesize=(pw, ph), margin=(m, m, m, m), gaya=gaya,
            lebar_kolom=lambda mn, ing, total: bagi_lebar(mn, ing, total, bobot=lebar),
            rata=[_ALIGN.get(r.lower()) if r else None for r in (rata or [])],
            pembuka=pembuka, penutup=penutup,
            nomor_halaman=(lambda i, total: fmt.format(n=i, total=total)) if fmt else None,
            font_halaman=(self.font.normal, max(self.ukuran - 2, 8)),
            meta={"judul": judul, "penulis": self.instansi.perangkat_daerah},
        )


_ENUM = {"LEFT": TA_LEFT, "CENTER": TA_CENTER, "RIGHT": TA_RIGHT}
