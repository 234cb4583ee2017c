"""The grid table of the monev and naskah documents and the **tanda terima** page: the receipt of a letter
handed to one or several addressees (who received it, when, signature), headed by the letter's number, date
and hal. One page design for every letter that needs one (monev's pemberitahuan, permintaan data, undangan,
surat tugas and laporan per unit; a nota dinas that carries another letter to its signer)."""

from __future__ import annotations

from datetime import date
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from ppid_desktop.core.tanggal import tanggal_panjang
from ppid_desktop.dokumen.kit import DocumentKit
from ppid_desktop.dokumen.teks import esc, nomor_cetak

NBSP = "\u00a0"


def grid(kit: DocumentKit, kolom: list[str], baris: list[list[Any]], lebar: list[float],
         rata: list[str] | None = None) -> Table:
    """A ruled table across the text width: header row shaded and repeated, ``lebar`` relative column
    widths, ``rata`` "tengah" centres a column."""
    sel, kepala = kit.styles["sel"], kit.styles["sel_kepala"]
    total = float(sum(lebar))
    widths = [kit.lebar * w / total for w in lebar]
    data: list[list[Any]] = [[Paragraph(esc(k), kepala) for k in kolom]]
    for row in baris:
        data.append([c if not isinstance(c, str) else Paragraph(c, sel) for c in row])
    t = Table(data, colWidths=widths, repeatRows=1)
    style = [("GRID", (0, 0), (-1, -1), 0.5, HexColor("#000000")), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("BACKGROUND", (0, 0), (-1, 0), HexColor("#e8e8e8"))]
    for i, r in enumerate(rata or []):
        if r == "tengah":
            style.append(("ALIGN", (i, 1), (i, -1), "CENTER"))
    t.setStyle(TableStyle(style))
    return t


def tanda_terima(kit: DocumentKit, nomor: str, tanggal: date | None, hal: str, kepada: list[str]) -> list[Flowable]:
    """The tanda terima page, on a page of its own: one line per addressee."""
    rows = [[str(i), esc(k), " ", " ", f"{i}." + NBSP * 12] for i, k in enumerate(kepada, 1)]
    tgl = esc(tanggal_panjang(tanggal)) if tanggal else "-"
    return [kit.halaman_baru(), kit.p("<b>TANDA TERIMA</b>", alignment=1),
            kit.p(f"Surat Nomor {esc(nomor_cetak(nomor))} tanggal {tgl} hal {esc(hal)}", alignment=1),
            grid(kit, ["No", "Kepada", "Nama penerima", "Tanggal terima", "Tanda tangan"], rows,
                 [6, 36, 22, 16, 20], ["tengah"])]
