"""Signature blocks (a.n./u.b./Plt./Plh.), the paraf table and the tembusan list."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ppid_desktop.core.tanggal import tanggal_panjang
from ppid_desktop.dokumen.dasar import KitDasar
from ppid_desktop.dokumen.data import Paraf, TandaTangan
from ppid_desktop.dokumen.halaman import _HITAM, MM, paraf_dipakai, paraf_tunda
from ppid_desktop.dokumen.teks import esc, format_nip, pangkat_golongan


class KitTtd(KitDasar):
    """Signature and paraf building blocks."""

    # ------------------------------------------------------------------ signatures and paraf

    def tempat_tanggal(self, tanggal: date | None, tempat: str = "") -> str:
        """``"Salatiga, 16 Maret 2026"`` (plain text). Without a date: dotted space for a hand-written one,
        with the kit's ``tahun`` when given (``DocumentKit(ins, tahun=2026)``), else a blank year."""
        place = tempat.strip() or self.instansi.kota.strip()
        when = tanggal_panjang(tanggal) if tanggal else "…………………… " + (str(self.tahun) if self.tahun else "20……")
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

    def blok_ttd(self, ttd: TandaTangan, *, dengan_tanggal: bool = True, mengetahui: bool = False,
                 ruang_mm: float = 18) -> list[Flowable]:
        """The flowables of one signature block (centred): [label] [place, date] jabatan, space, name,
        pangkat (golongan), NIP."""
        st = self.styles["ttd"]
        out: list[Flowable] = []
        # Place and date first, then the label and the jabatan (tata naskah: the jabatan sits right
        # above the signature space).
        if dengan_tanggal and ttd.tanggal is not None:
            out.append(Paragraph(esc(self.tempat_tanggal(ttd.tanggal, ttd.tempat)), st))
        if mengetahui:
            out.append(Paragraph("Mengetahui,", st))
        if ttd.label.strip():
            out.append(Paragraph(esc(ttd.label.strip()), st))
        for line in self._kepala_ttd(ttd):
            out.append(Paragraph(esc(line), st))
        if ttd.tte:
            kecil = self.gaya("ttd", fontSize=self.ukuran - 3, leading=(self.ukuran - 3) * 1.2, textColor=colors.dimgrey)
            out.append(Spacer(1, 3 * MM))
            out.append(Paragraph("<i>Ditandatangani secara elektronik</i>", kecil))
            out.append(Spacer(1, 3 * MM))
        else:
            out.append(Spacer(1, ruang_mm * MM))
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
        paraf_dipakai()
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

    def x_ttd_untuk(self, ttd: TandaTangan, *, dengan_tanggal: bool = True) -> float:
        """Left edge of a right-hand signature block: the usual half of the width, moved left (down to a
        third) so that the longest heading line ("Pejabat Pengelola Informasi dan Dokumentasi,") fits on
        one line instead of wrapping."""
        lines = [ttd.label.strip(), *self._kepala_ttd(ttd)]
        if dengan_tanggal and ttd.tanggal is not None:
            lines.append(self.tempat_tanggal(ttd.tanggal, ttd.tempat))
        pj = ttd.pejabat
        lines += [pj.nama.strip(), f"NIP {format_nip(pj.nip)}" if pj.nip.strip() else ""]
        fonts = [self.font.normal] * (len(lines) - 2) + [self.font.bold, self.font.normal]
        need = max(stringWidth(t, f, self.ukuran) for t, f in zip(lines, fonts, strict=True)) + 2 * MM
        return float(max(min(self.x_ttd, self.lebar - need), self.lebar / 3))

    def ttd_kanan(
        self, ttd: TandaTangan, *, dengan_tanggal: bool = True, paraf: Sequence[Paraf] = (), ruang_mm: float = 18
    ) -> Flowable:
        """One signature block on the right half; the paraf table (if any, or the agenda's pending one,
        see ``halaman.paraf_naskah``) bottom-left beside it."""
        x = self.x_ttd_untuk(ttd, dengan_tanggal=dengan_tanggal)
        paraf = paraf or paraf_tunda()
        kiri: Any = ""
        if paraf:
            kiri = self.tabel_paraf(paraf, lebar=min(x - 4 * MM, 85 * MM))
        t = self._tabel_tata_letak(
            [[kiri, self.blok_ttd(ttd, dengan_tanggal=dengan_tanggal, ruang_mm=ruang_mm)]], [x, self.lebar - x]
        )
        t.setStyle(TableStyle([("VALIGN", (0, 0), (0, 0), "BOTTOM")]))
        return t

    def kv_ttd(self, rows: Sequence[tuple[str, str | Flowable]], ttd: TandaTangan, *, ruang_mm: float = 12,
               gaya: str = "normal") -> Flowable:
        """Label/value rows on the left and the signature block beside them on the right: the compact
        receipt (tanda bukti) that shares a sheet with its form."""
        x = self.x_ttd_untuk(ttd)
        kiri = self.kv_table(rows, lebar_mm=(x - 3 * MM) / MM, gaya=gaya)
        t = self._tabel_tata_letak([[kiri, self.blok_ttd(ttd, ruang_mm=ruang_mm)]], [x, self.lebar - x])
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
        return t

    def ttd_banyak(
        self,
        ttd: Sequence[TandaTangan],
        *,
        mengetahui: TandaTangan | None = None,
        dengan_tanggal: bool = True,
        ruang_mm: float = 18,
    ) -> list[Flowable]:
        """Several signers side by side (two per row; a lone last one is centred), then an optional
        centred "Mengetahui," block — the berita acara arrangement. One flowable per row, so a page may
        break between rows but never inside one."""
        half = self.lebar / 2
        rows: list[list[Any]] = []
        for i in range(0, len(ttd), 2):
            rows.append([self.blok_ttd(t, dengan_tanggal=dengan_tanggal, ruang_mm=ruang_mm) for t in ttd[i : i + 2]])
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
