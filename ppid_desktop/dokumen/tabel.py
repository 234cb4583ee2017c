"""Registers and recap tables: page-sized chunks with a repeated header row."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    PageBreak,
    Paragraph,
    Table,
    TableStyle,
)

from ppid_desktop.core.tanggal import tanggal_angka
from ppid_desktop.dokumen.dasar import _ALIGN
from ppid_desktop.dokumen.data import TandaTangan
from ppid_desktop.dokumen.halaman import _GARIS_TABEL, _KEPALA_TABEL, _ZEBRA, MM, ukuran_kertas
from ppid_desktop.dokumen.teks import esc
from ppid_desktop.dokumen.ttd import KitTtd


class KitTabel(KitTtd):
    """Big tables."""

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
