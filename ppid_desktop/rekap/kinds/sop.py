"""SOP AP workbooks from the shipped SOP data (``resources/templates/sop/<slug>.json``).

Each JSON holds one office's SOP (Permenpan-RB 35/2012 layout): the office lines, nomor SOP, dates,
who approved it, nama SOP, dasar hukum, kualifikasi pelaksana, keterkaitan, peralatan/perlengkapan,
peringatan, pencatatan/pendataan, the pelaksana columns and the activity rows (``no``, ``kegiatan``,
``pelaksana`` = the column that acts, or "" when the source does not say, ``kelengkapan``, ``waktu``,
``output``, ``keterangan``). The export writes one sheet per SOP: identity block, then the table
No | Kegiatan | Pelaksana… | Kelengkapan | Waktu | Output | Keterangan, typed, landscape.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ppid_desktop.core.actor import Actor
from ppid_desktop.core.errors import UserError
from ppid_desktop.core.progress import Progress
from ppid_desktop.rekap.engine import JenisEkspor, OpsiEkspor
from ppid_desktop.rekap.writer import Buku, KolomEkspor

if TYPE_CHECKING:
    from ppid_desktop.services import Services

TANDA = "✓"  # the acting pelaksana's cell


def sop_dir() -> Path:
    from ppid_desktop.core import paths

    return paths.resource("templates", "sop")


def daftar_sop() -> list[dict[str, Any]]:
    """Every shipped SOP (sorted by slug)."""
    out = []
    for path in sorted(sop_dir().glob("*.json")):
        with path.open(encoding="utf-8") as fh:
            out.append(json.load(fh))
    return out


def tulis_sop(buku: Buku, sop: dict[str, Any], nama_sheet: str | None = None) -> int:
    pel = list(sop.get("pelaksana") or [])
    kolom = [KolomEkspor("No", "angka", 5), KolomEkspor("Kegiatan", lebar=46, bungkus=True),
             *[KolomEkspor(p, lebar=12, bungkus=True) for p in pel],
             KolomEkspor("Kelengkapan", lebar=28, bungkus=True), KolomEkspor("Waktu", lebar=11),
             KolomEkspor("Output", lebar=28, bungkus=True), KolomEkspor("Keterangan", lebar=20, bungkus=True)]
    kosong_pel = [""] * max(len(pel) - 1, 0)
    header = [["No", "Kegiatan", "Pelaksana", *kosong_pel, "Mutu Baku", "", "", "Keterangan"],
              ["", "", *pel, "Kelengkapan", "Waktu", "Output", ""]]
    rows = []
    for r in sop.get("kegiatan") or []:
        acts = [TANDA if r.get("pelaksana") and r.get("pelaksana") == p else None for p in pel]
        rows.append([int(r["no"]), r.get("kegiatan") or None, *acts, r.get("kelengkapan") or None,
                     r.get("waktu") or None, r.get("output") or None, r.get("keterangan") or None])
    identitas = [
        ("Nomor SOP", sop.get("nomor") or "-"), ("Tanggal Pembuatan", sop.get("tanggal_pembuatan") or "-"),
        ("Tanggal Revisi", sop.get("tanggal_revisi") or "-"), ("Tanggal Efektif", sop.get("tanggal_efektif") or "-"),
        ("Disahkan oleh", sop.get("disahkan_oleh") or "-"), ("Nama SOP", sop.get("nama") or "-"),
        ("Dasar Hukum", list(sop.get("dasar_hukum") or [])),
        ("Kualifikasi Pelaksana", list(sop.get("kualifikasi") or [])),
        ("Keterkaitan", list(sop.get("keterkaitan") or [])),
        ("Peralatan/Perlengkapan", list(sop.get("peralatan") or [])),
        ("Peringatan", list(sop.get("peringatan") or [])),
        ("Pencatatan dan Pendataan", list(sop.get("pencatatan") or [])),
    ]
    return buku.tabel(nama_sheet or sop.get("slug", "SOP"), "STANDAR OPERASIONAL PROSEDUR", kolom, rows,
                      kop=list(sop.get("instansi") or []), identitas=identitas, identitas_kolom=1,
                      header_rows=header, catatan=[str(sop.get("nama") or "").upper()])


class EksporSop(JenisEkspor):
    nama = "sop"
    judul = "Templat SOP (SOP AP)"
    keterangan = ("SOP administrasi pemerintahan dari data SOP yang disertakan (resources/templates/sop): satu sheet "
                  "per SOP, blok identitas lalu tabel kegiatan, pelaksana, mutu baku dan keterangan.")

    def tulis(self, services: Services, actor: Actor, buku: Buku, opsi: OpsiEkspor, progress: Progress) -> int:
        # the SOPs in force: the office's own version where it edited one, else the shipped one
        sops = [services.monev.sop(r["kode"]) for r in services.monev.daftar_sop()] or daftar_sop()
        if not sops:
            raise UserError("Data SOP tidak ditemukan (resources/templates/sop).")
        return sum(tulis_sop(buku, sop, _nama_sheet(sop)) for sop in sops)


def _nama_sheet(sop: dict[str, Any]) -> str:
    return str(sop.get("sheet") or sop.get("slug") or "SOP")[:31]
