"""``ppid monev cetak JENIS PROGRAM`` and ``ppid sop cetak KODE``: one dispatcher for every monev document.

``JENIS_CETAK`` lists the kinds; ``cetak(services, jenis, program_id, unit=None) -> bytes``;
``sop_pdf(services, sop) -> bytes`` prints an SOP in the SOP Administrasi Pemerintahan layout
(Permenpan RB 35/2012: identity table; steps table with one column per pelaksana, the acting cell
marked with a box — a diamond for a decision —, the flow written under the mark, mutu baku columns);
``tulis_pdf(path, data)`` writes atomically with an Indonesian message on failure.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from ppid_desktop.core.errors import UserError
from ppid_desktop.dokumen import DocumentKit, esc
from ppid_desktop.monev import dokumen as D
from ppid_desktop.monev import dokumen_program as DP
from ppid_desktop.monev.jenis_cetak import JENIS_CETAK, PER_UNIT  # reportlab-free: the CLI parser lists them

if TYPE_CHECKING:
    from ppid_desktop.services import Services

__all__ = ["JENIS_CETAK", "PER_UNIT", "cetak", "sop_pdf", "tulis_pdf"]


def tulis_pdf(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (temp file + rename); nothing half-written on failure."""
    p = Path(path)
    if not p.parent.exists():
        raise UserError(f"Folder {p.parent} tidak ada.")
    try:
        fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=".ppid-", suffix=".pdf")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, p)
    except OSError as exc:
        raise UserError(f"Berkas {p} tidak dapat ditulis: {exc.strerror or exc}.") from None


def _unit(services: Services, program_id: str, kode: str | None) -> Any:
    jadwal = services.monev.daftar_jadwal(program_id)
    if not kode:
        return None
    for j, o in jadwal:
        if o.kode.lower() == kode.strip().lower():
            return j, o
    raise UserError(f"Unit '{kode}' bukan sasaran program ini.")


def cetak(services: Services, jenis: str, program_id: str, unit: str | None = None) -> bytes:
    """PDF bytes of one monev document of a programme (``unit`` = unit code where it applies)."""
    if jenis not in JENIS_CETAK:
        raise UserError(f"Jenis naskah '{jenis}' tidak dikenal (pilih: {', '.join(JENIS_CETAK)}).")
    m = services.monev
    ju = _unit(services, program_id, unit)
    from ppid_desktop.monev.naskah_agenda import cetak_agenda

    lewat_agenda = cetak_agenda(services, jenis, program_id, ju[1].id if ju is not None and jenis == "laporan-unit" else None)
    if lewat_agenda is not None:  # drafted in the agenda: its print (frozen and numbered once signed)
        return lewat_agenda
    if jenis in PER_UNIT:
        if ju is None:
            raise UserError(f"{jenis}: sebutkan unitnya dengan --unit KODE.")
        sesi = m.sesi_jadwal(ju[0].id)
        if sesi is None:
            raise UserError(f"{ju[1].nama} belum memiliki sesi monev.")
        return D.berita_acara_pdf(services, sesi.id) if jenis == "berita-acara" else D.laporan_pdf(services, sesi.id)
    if jenis == "surat-pemberitahuan":
        if ju is None:
            return DP.pemberitahuan_per_unit_pdf(services, program_id)
        return DP.pemberitahuan_per_unit_pdf(services, program_id, [ju[1].id])
    if jenis == "surat-permintaan-data":  # not drafted yet: the plain letter, number blank
        return DP.permintaan_data_pdf(services, program_id, opd_ids=[ju[1].id] if ju is not None else None)
    if jenis == "surat-tugas":
        from ppid_desktop.monev import surat

        return surat.pdf(services, program_id, "surat_tugas")
    fn = {"sk-tim": DP.sk_tim_pdf, "undangan": DP.undangan_pdf, "laporan-program": DP.laporan_program_pdf,
          "laporan-solusi": DP.laporan_solusi_pdf, "ba-evaluasi-mandiri": DP.ba_evaluasi_mandiri_pdf,
          "proposal": DP.proposal_pdf, "notulen": DP.notulen_pdf, "laporan-evaluasi": DP.laporan_evaluasi_pdf}[jenis]
    data: bytes = fn(services, program_id)
    return data


class _Tanda(Flowable):  # type: ignore[misc]
    """The flow mark in the acting pelaksana's cell: a box (activity), a diamond (decision), a rounded
    box (first/last step)."""

    def __init__(self, bentuk: str, w: float = 9 * mm, h: float = 5 * mm) -> None:
        super().__init__()
        self.bentuk, self.w, self.h = bentuk, w, h

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.w, self.h

    def draw(self) -> None:
        c = self.canv
        c.setLineWidth(0.8)
        c.setFillColor(HexColor("#dfe8f5"))
        if self.bentuk == "keputusan":
            p = c.beginPath()
            p.moveTo(self.w / 2, self.h)
            p.lineTo(self.w, self.h / 2)
            p.lineTo(self.w / 2, 0)
            p.lineTo(0, self.h / 2)
            p.close()
            c.drawPath(p, fill=1, stroke=1)
        elif self.bentuk == "ujung":
            c.roundRect(0, 0, self.w, self.h, self.h / 2, fill=1, stroke=1)
        else:
            c.rect(0, 0, self.w, self.h, fill=1, stroke=1)


def sop_pdf(services: Services, sop: dict[str, Any]) -> bytes:
    """An SOP in the SOP AP layout (landscape, on the office's paper)."""
    kit = DocumentKit(services.master.instansi())
    st, kepala = kit.styles["sel"], kit.styles["sel_kepala"]
    from ppid_desktop.dokumen.kit import ukuran_kertas

    pw, _ = ukuran_kertas(kit.instansi.kertas, True)
    lebar = pw - 30 * mm

    def daftar(xs: list[str]) -> str:
        return "<br/>".join(f"{i}. {esc(x)}" for i, x in enumerate(xs, 1)) or "-"

    kop = "<br/>".join(f"<b>{esc(x)}</b>" for x in sop.get("instansi") or []) or f"<b>{esc(kit.instansi.perangkat_daerah)}</b>"
    ident = [
        ("Nomor SOP", sop.get("nomor") or "-"), ("Tanggal Pembuatan", sop.get("tanggal_pembuatan") or "-"),
        ("Tanggal Revisi", sop.get("tanggal_revisi") or "-"), ("Tanggal Efektif", sop.get("tanggal_efektif") or "-"),
        ("Disahkan oleh", sop.get("disahkan_oleh") or "-"), ("Nama SOP", sop.get("nama") or "-"),
    ]
    rows: list[list[Any]] = []
    for i, (k, v) in enumerate(ident):
        rows.append([Paragraph(kop, kit.gaya("sel", alignment=1)) if i == 0 else "", Paragraph(esc(k), st),
                     Paragraph(esc(v), st)])
    t1 = Table(rows, colWidths=[lebar * 0.45, lebar * 0.17, lebar * 0.38])
    t1.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, HexColor("#000000")), ("SPAN", (0, 0), (0, -1)),
                            ("VALIGN", (0, 0), (0, -1), "MIDDLE"), ("VALIGN", (1, 0), (-1, -1), "TOP")]))
    pairs = [("Dasar Hukum", "dasar_hukum", "Kualifikasi Pelaksana", "kualifikasi"),
             ("Keterkaitan", "keterkaitan", "Peralatan/Perlengkapan", "peralatan"),
             ("Peringatan", "peringatan", "Pencatatan dan Pendataan", "pencatatan")]
    rows2: list[list[Any]] = []
    for a, ka, b, kb in pairs:
        rows2.append([Paragraph(f"<b>{a}:</b>", st), Paragraph(f"<b>{b}:</b>", st)])
        rows2.append([Paragraph(daftar(list(sop.get(ka) or [])), st), Paragraph(daftar(list(sop.get(kb) or [])), st)])
    t2 = Table(rows2, colWidths=[lebar * 0.5, lebar * 0.5])
    t2.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.5, HexColor("#000000")),
                            ("LINEAFTER", (0, 0), (0, -1), 0.5, HexColor("#000000")),
                            *[("LINEBELOW", (0, r), (-1, r), 0.5, HexColor("#000000")) for r in range(1, len(rows2), 2)],
                            ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    pel = list(sop.get("pelaksana") or [])
    steps = list(sop.get("kegiatan") or [])
    head1 = ["No", "Kegiatan", "Pelaksana", *[""] * (len(pel) - 1), "Mutu Baku", "", "", "Ket."]
    head2 = ["", "", *pel, "Kelengkapan", "Waktu", "Output", ""]
    data: list[list[Any]] = [[Paragraph(esc(h), kepala) for h in head1], [Paragraph(esc(h), kepala) for h in head2]]
    for idx, k in enumerate(steps):
        bentuk = "keputusan" if k.get("keputusan") else "ujung" if idx in (0, len(steps) - 1) else "kotak"
        alur = "; ".join(f"{c['label']} → {c['ke']}" for c in k.get("keputusan") or [])
        if not alur and idx < len(steps) - 1:
            alur = f"→ {k['no'] + 1}"
        cells: list[Any] = []
        for p in pel:
            if k.get("pelaksana") == p:
                cells.append([_Tanda(bentuk), Paragraph(esc(alur), kit.gaya("sel", fontSize=6, leading=7, alignment=1))])
            else:
                cells.append("")
        ket = " ".join(x for x in [k.get("keterangan") or "", "(pelaksana disimpulkan)" if k.get("pelaksana_disimpulkan") else ""] if x)
        data.append([str(k["no"]), Paragraph(esc(k.get("kegiatan", "")), st), *cells,
                     Paragraph(esc(k.get("kelengkapan", "")), st), Paragraph(esc(k.get("waktu", "")), st),
                     Paragraph(esc(k.get("output", "")), st), Paragraph(esc(ket), st)])
    w_pel = min(22 * mm, lebar * 0.32 / max(len(pel), 1))
    rest = lebar - w_pel * len(pel)
    widths = [rest * 0.04, rest * 0.30, *[w_pel] * len(pel), rest * 0.22, rest * 0.09, rest * 0.22, rest * 0.13]
    t3 = Table(data, colWidths=widths, repeatRows=2)
    n = len(pel)
    t3.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, HexColor("#000000")), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 1), HexColor("#e8e8e8")),
        ("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)), ("SPAN", (2, 0), (1 + n, 0)),
        ("SPAN", (2 + n, 0), (4 + n, 0)), ("SPAN", (5 + n, 0), (5 + n, 1)),
        ("ALIGN", (0, 2), (0, -1), "CENTER"), ("ALIGN", (2, 2), (1 + n, -1), "CENTER"),
    ]))
    story: list[Flowable] = [t1, kit.spasi(3), t2, kit.halaman_baru(),
                             Paragraph(esc(str(sop.get("nama") or "").upper()), kit.styles["judul"]), kit.spasi(3), t3]
    return kit.build(story, landscape=True, judul=f"SOP {sop.get('nama', '')}", subjek=str(sop.get("nomor") or ""),
                     margin_mm=(15, 15, 15, 15))
