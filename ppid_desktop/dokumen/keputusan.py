"""The keputusan layout (tata naskah dinas): kop, ``KEPUTUSAN <JABATAN>``, ``NOMOR``, ``TENTANG``, the
official's title, Menimbang (a., b., …), Mengingat (1., 2., …), ``MEMUTUSKAN:``, Menetapkan and the
diktum (KESATU, KEDUA, …), ``Ditetapkan di`` signature, then the lampiran pages headed with the
keputusan's number and date. One renderer for the SK Tim Monev and a keputusan typed in Naskah & Arsip.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from ppid_desktop.dokumen.data import Paraf, TandaTangan
from ppid_desktop.dokumen.kit import DocumentKit
from ppid_desktop.dokumen.teks import esc

__all__ = ["pasal", "story_keputusan"]


def pasal(kit: DocumentKit, label: str, items: Sequence[str], penanda: str = "a.") -> Table:
    """``Menimbang : a. …`` — label, colon and a lettered/numbered list that stays inside the margin
    (``items`` are markup)."""
    st = kit.styles["normal"]
    isi = kit.gaya("isi", spaceAfter=kit.leading * 0.15)
    w_label = stringWidth("Menimbang  ", kit.font.normal, kit.ukuran)
    w_colon = stringWidth(": ", kit.font.normal, kit.ukuran) + 1
    w_mark = stringWidth("10. ", kit.font.normal, kit.ukuran) + 2
    rows = []
    for i, x in enumerate(items):
        mark = f"{chr(ord('a') + i % 26)}." if penanda == "a." else f"{i + 1}."
        rows.append([Paragraph(label if i == 0 else "", st), Paragraph(":" if i == 0 else "", st), Paragraph(mark, st),
                     Paragraph(x, isi)])
    t = Table(rows, colWidths=[w_label, w_colon, w_mark, kit.lebar - w_label - w_colon - w_mark])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    t.spaceAfter = kit.leading * 0.5
    return t


def story_keputusan(kit: DocumentKit, *, jabatan: str, nomor: str, tentang: str, menimbang: Sequence[str],
                    mengingat: Sequence[str], diktum: Sequence[tuple[str, str]], ttd: TandaTangan,
                    menetapkan: str = "", lampiran: Sequence[Flowable] = (), keterangan_lampiran: str = "",
                    tanggal: date | None = None, paraf: Sequence[Paraf] = ()) -> list[Flowable]:
    """Flowables of a keputusan (markup in ``menimbang``/``mengingat``/``diktum`` texts; ``jabatan`` and
    ``tentang`` plain). ``menetapkan`` empty: ``KEPUTUSAN <JABATAN> TENTANG <TENTANG>.``; ``lampiran``
    flowables start on a new page under a header with the number and date."""
    jab = jabatan.upper()
    isi: list[Flowable] = [kit.p(f"{esc(jab)},", alignment=1)]
    if menimbang:
        isi.append(pasal(kit, "Menimbang", menimbang, "a."))
    if mengingat:
        isi.append(pasal(kit, "Mengingat", mengingat, "1."))
    tetap = menetapkan.strip() or f"KEPUTUSAN {esc(jab)} TENTANG {esc(tentang.upper())}."
    isi += [kit.p("<b>MEMUTUSKAN:</b>", alignment=1), kit.kv_table([("Menetapkan", tetap), *diktum])]
    story = kit.story_naskah_judul(judul=f"KEPUTUSAN {jab}", nomor=nomor, subjudul=["TENTANG", tentang.upper()],
                                   isi=isi, ttd=ttd, paraf=paraf)
    if lampiran:
        story += [kit.halaman_baru(),
                  kit.kepala_lampiran(keterangan_lampiran or f"Lampiran Keputusan {jabatan}", nomor, tanggal or ttd.tanggal,
                                      tentang),
                  *lampiran]
    return story
