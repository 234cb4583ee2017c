"""SOP AP workbooks from the shipped SOP data (``resources/templates/sop/<slug>.json``).

Each JSON holds one office's SOP (Permenpan-RB 35/2012 layout): the office lines, nomor SOP, dates,
who approved it, nama SOP, dasar hukum, kualifikasi pelaksana, keterkaitan, peralatan/perlengkapan,
peringatan, pencatatan/pendataan, the pelaksana columns and the activity rows (``no``, ``kegiatan``,
``pelaksana`` = the column that acts, or "" when the source does not say, ``kelengkapan``, ``waktu``,
``output``, ``keterangan``). The export writes one sheet per SOP: identity block, then the table
No | Kegiatan | Pelaksana… | Kelengkapan | Waktu | Output | Keterangan | Keputusan | Dokumen | Disposisi,
typed, landscape.

The same workbook imports back (``impor_sop``; ``ppid sop impor F.xlsx [--dry-run] [--json]``, the
"Impor Excel…" button of the SOP tab): every sheet with an SOP table is one SOP, read as the office
would edit it (kop lines above the title, "Label | value" identity rows with numbered list items, the
acting pelaksana marked ``✓`` — ``(✓)`` when the source did not say and the pelaksana was inferred —,
decisions written ``Disetujui → 12; Tidak disetujui → 10``, documents as comma-separated ``monev
cetak`` kinds, ``Ya`` in Disposisi). Dry run, row-numbered problems (sheet, Excel row, column), all or
nothing in one transaction; an SOP equal to the one in force is skipped, so importing again changes
nothing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ppid_desktop.core.actor import Actor
from ppid_desktop.core.errors import Problem, UserError
from ppid_desktop.core.progress import Progress
from ppid_desktop.rekap.engine import BARU, LEWATI, UBAH, HasilImpor, Item, JenisEkspor, OpsiEkspor
from ppid_desktop.rekap.reader import Baris
from ppid_desktop.rekap.writer import Buku, KolomEkspor

if TYPE_CHECKING:
    from ppid_desktop.services import Services

TANDA = "✓"  # the acting pelaksana's cell
TANDA_DISIMPULKAN = "(✓)"  # the acting pelaksana inferred (the source SOP does not say)
JUDUL = "STANDAR OPERASIONAL PROSEDUR"
PANAH = "→"


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
             KolomEkspor("Output", lebar=28, bungkus=True), KolomEkspor("Keterangan", lebar=20, bungkus=True),
             KolomEkspor("Keputusan", lebar=24, bungkus=True), KolomEkspor("Dokumen", lebar=18, bungkus=True),
             KolomEkspor("Disposisi", lebar=9)]
    kosong_pel = [""] * max(len(pel) - 1, 0)
    header = [["No", "Kegiatan", "Pelaksana", *kosong_pel, "Mutu Baku", "", "", "Keterangan", "Keputusan", "Dokumen",
               "Disposisi"],
              ["", "", *pel, "Kelengkapan", "Waktu", "Output", "", "", "", ""]]
    rows = []
    for r in sop.get("kegiatan") or []:
        tanda = TANDA_DISIMPULKAN if r.get("pelaksana_disimpulkan") else TANDA
        acts = [tanda if r.get("pelaksana") and r.get("pelaksana") == p else None for p in pel]
        cabang = "; ".join(f"{c['label']} {PANAH} {c['ke']}" for c in r.get("keputusan") or [])
        rows.append([int(r["no"]), r.get("kegiatan") or None, *acts, r.get("kelengkapan") or None,
                     r.get("waktu") or None, r.get("output") or None, r.get("keterangan") or None, cabang or None,
                     ", ".join(r.get("dokumen") or []) or None, "Ya" if r.get("disposisi") else None])
    pu = sop.get("per_unit")
    siklus = sop.get("siklus") or {}
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
        # what the app needs to run the SOP (kept on import)
        ("Kode SOP", sop.get("kode") or "-"), ("Asal", sop.get("asal") or "-"), ("Sumber", sop.get("sumber") or "-"),
        ("Peran Aplikasi", [f"{p}: {r}" for p, r in (sop.get("peran") or {}).items()]),
        ("Langkah per Unit", f"{pu[0]}-{pu[1]}" if pu else "-"),
        ("Siklus", f"{siklus['hari']} hari mulai langkah {siklus.get('mulai', 1)}" if siklus.get("hari") else "-"),
    ]
    return buku.tabel(nama_sheet or sop.get("slug", "SOP"), JUDUL, kolom, rows,
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


# ------------------------------------------------------------------ import
_DAFTAR = {"Dasar Hukum": "dasar_hukum", "Kualifikasi Pelaksana": "kualifikasi", "Keterkaitan": "keterkaitan",
           "Peralatan/Perlengkapan": "peralatan", "Peringatan": "peringatan", "Pencatatan dan Pendataan": "pencatatan",
           "Peran Aplikasi": "peran"}
_TUNGGAL = {"Nomor SOP": "nomor", "Tanggal Pembuatan": "tanggal_pembuatan", "Tanggal Revisi": "tanggal_revisi",
            "Tanggal Efektif": "tanggal_efektif", "Disahkan oleh": "disahkan_oleh", "Nama SOP": "nama",
            "Kode SOP": "kode", "Asal": "asal", "Sumber": "sumber", "Langkah per Unit": "per_unit", "Siklus": "siklus"}
_NOMOR = re.compile(r"^\s*\d+\.\s+")
_CABANG = re.compile(r"^\s*(.+?)\s*(?:→|->)\s*(\d+)\s*$")
_KOLOM_LANGKAH = {"Kelengkapan": "kelengkapan", "Waktu": "waktu", "Output": "output", "Keterangan": "keterangan"}


def _teks(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip()


def kanonik(sop: dict[str, Any]) -> dict[str, Any]:
    """The SOP as compared on import: empty optional keys and the file-only ``slug``/``sheet`` left out."""
    out = {k: v for k, v in sop.items() if k not in ("slug", "sheet") and v not in (None, "", [], {})}
    out["kegiatan"] = [{k: v for k, v in step.items() if v not in (None, "", [], {}, False)}
                       for step in sop.get("kegiatan") or []]
    return out


def _baca_sheet(nama: str, rows: list[tuple[Any, ...]], masalah: list[Problem]) -> dict[str, Any] | None:
    """One SOP sheet -> the SOP dict (``None`` when the sheet holds no SOP table); problems appended."""
    def salah(pesan: str, row: int | None = None, column: str | None = None, nilai: Any = None,
              severity: str = "error") -> None:
        masalah.append(Problem(pesan, sheet=nama, row=row, column=column,
                               value=None if nilai in (None, "") else str(nilai), severity=severity))

    head = next((i for i, r in enumerate(rows) if len(r) > 1 and _teks(r[0]) == "No" and _teks(r[1]) == "Kegiatan"),
                None)
    if head is None:
        return None
    top = rows[:head]
    judul = next((i for i, r in enumerate(top) if r and _teks(r[0]) == JUDUL), None)
    sop: dict[str, Any] = {"sheet": nama, "instansi": [_teks(r[0]) for r in top[:judul or 0] if r and _teks(r[0])]}
    # identity: "Label | value" rows (label in column B), list items continue on rows without a label
    groups: list[tuple[str, int, list[str]]] = []
    for i, r in enumerate(top[(judul or 0) + 1:], start=(judul or 0) + 2):
        lab, val = (_teks(r[1]) if len(r) > 1 else ""), (_teks(r[2]) if len(r) > 2 else "")
        if lab:
            groups.append((lab, i, [val]))
        elif val and groups:
            groups[-1][2].append(val)
    for lab, row, vals in groups:
        if lab in _TUNGGAL:
            v = "" if vals[0] == "-" else vals[0]
            key = _TUNGGAL[lab]
            if key == "per_unit" and v:
                m = re.fullmatch(r"\s*(\d+)\s*[-–]\s*(\d+)\s*", v)
                if m is None:
                    salah("Tulis rentang langkah per unit seperti 8-13.", row, "C", v)
                    continue
                sop[key] = [int(m.group(1)), int(m.group(2))]
            elif key == "siklus" and v:
                m = re.fullmatch(r"\s*(\d+)\s*hari(?:\s*mulai\s*langkah\s*(\d+))?\s*", v, re.IGNORECASE)
                if m is None:
                    salah("Tulis siklus seperti '30 hari mulai langkah 1'.", row, "C", v)
                    continue
                sop[key] = {"hari": int(m.group(1)), "mulai": int(m.group(2) or 1)}
            elif key not in ("per_unit", "siklus"):
                sop[key] = v
        elif lab in _DAFTAR:
            items = [x for x in vals if x]
            items = [] if items == ["-"] else [_NOMOR.sub("", x) if len(items) > 1 else x for x in items]
            if _DAFTAR[lab] == "peran":
                peran: dict[str, str] = {}
                for x in items:
                    p, sep, role = x.rpartition(":")
                    if not sep or not p.strip():
                        salah("Tulis peran seperti 'Ketua PPID: PPID' (pelaksana: peran aplikasi).", row, "C", x)
                        continue
                    peran[p.strip()] = role.strip()
                sop["peran"] = peran
            else:
                sop[_DAFTAR[lab]] = items
        else:
            salah(f"Label identitas '{lab}' tidak dikenal; baris diabaikan.", row, "B", severity="warning")
    # the steps table: two header rows, then one row per step
    h1 = [_teks(x) for x in rows[head]]
    h2 = [_teks(x) for x in rows[head + 1]] if head + 1 < len(rows) else []
    try:
        awal_mutu = h2.index("Kelengkapan")
    except ValueError:
        salah("Judul kolom 'Kelengkapan' (di bawah 'Mutu Baku') tidak ditemukan.", head + 2)
        return sop
    pel_cols = list(range(2, awal_mutu))
    sop["pelaksana"] = [h2[c] for c in pel_cols if h2[c]]
    kol: dict[str, int] = {}
    for c, t in enumerate(h2):
        if t in _KOLOM_LANGKAH:
            kol[_KOLOM_LANGKAH[t]] = c
    for c, t in enumerate(h1):
        if t in ("Keterangan", "Keputusan", "Dokumen", "Disposisi"):
            kol[t.lower()] = c
    from openpyxl.utils import get_column_letter

    def sel(r: tuple[Any, ...], key: str) -> str:
        c = kol.get(key)
        return _teks(r[c]) if c is not None and c < len(r) else ""

    steps: list[dict[str, Any]] = []
    baris_langkah: dict[int, int] = {}
    for i, r in enumerate(rows[head + 2:], start=head + 3):
        if not any(_teks(x) for x in r):
            continue
        no_raw = r[0] if r else None
        try:
            no = int(_teks(no_raw))
        except ValueError:
            salah("Nomor langkah harus bilangan bulat.", i, "A", no_raw)
            continue
        baris_langkah[no] = i
        step: dict[str, Any] = {"no": no, "kegiatan": _teks(r[1]) if len(r) > 1 else ""}
        acts = [(c, _teks(r[c])) for c in pel_cols if c < len(r) and _teks(r[c])]
        if len(acts) != 1:
            salah(f"Tandai tepat satu kolom pelaksana dengan {TANDA} (ditemukan {len(acts)}).", i,
                  get_column_letter(pel_cols[0] + 1) if pel_cols else None)
            step["pelaksana"] = ""
        else:
            step["pelaksana"] = h2[acts[0][0]]
            if acts[0][1] == TANDA_DISIMPULKAN:
                step["pelaksana_disimpulkan"] = True
        for key in ("kelengkapan", "waktu", "output", "keterangan"):
            step[key] = sel(r, key)
        cabang = sel(r, "keputusan")
        if cabang:
            keputusan = []
            for part in cabang.split(";"):
                m = _CABANG.match(part)
                if m is None:
                    salah(f"Tulis cabang keputusan seperti 'Disetujui {PANAH} 12; Tidak disetujui {PANAH} 10'.", i,
                          get_column_letter(kol["keputusan"] + 1), part.strip())
                    continue
                keputusan.append({"label": m.group(1), "ke": int(m.group(2))})
            step["keputusan"] = keputusan
        dok = sel(r, "dokumen")
        if dok:
            step["dokumen"] = [x.strip() for x in dok.split(",") if x.strip()]
        disp = sel(r, "disposisi").lower()
        if disp in ("ya", TANDA):
            step["disposisi"] = True
        elif disp not in ("", "tidak", "-"):
            salah("Isi kolom Disposisi dengan Ya atau kosongkan.", i, get_column_letter(kol["disposisi"] + 1), disp)
        steps.append(step)
    sop["kegiatan"] = steps
    # the app's own checks, located at the step's Excel row
    from ppid_desktop.monev.alur import periksa_sop

    for pr in periksa_sop(sop):
        salah(pr.message, baris_langkah.get(pr.row) if pr.row is not None else None, pr.column)
    return sop


def baca_sop(path: str | Path) -> tuple[list[dict[str, Any]], list[Problem]]:
    """Every SOP in the workbook (one per sheet holding an SOP table) and the problems found."""
    from ppid_desktop.rekap.reader import buka_workbook

    wb = buka_workbook(path)
    masalah: list[Problem] = []
    sops: list[dict[str, Any]] = []
    try:
        for ws in wb.worksheets:
            rows = [tuple(r) for r in ws.iter_rows(values_only=True)]
            sop = _baca_sheet(ws.title, rows, masalah)
            if sop is not None:
                sops.append(sop)
    finally:
        wb.close()
    if not sops and not masalah:
        masalah.append(Problem(f"Tidak ada tabel SOP (baris judul 'No | Kegiatan') di berkas {Path(path).name}: "
                               "gunakan buku kerja hasil ekspor SOP."))
    seen: dict[str, str] = {}
    for sop in sops:
        kode = str(sop.get("kode") or "")
        if kode and kode in seen:
            masalah.append(Problem(f"Kode SOP {kode} ganda (sama dengan sheet '{seen[kode]}').", sheet=sop["sheet"],
                                   column="Kode SOP"))
        seen.setdefault(kode, sop["sheet"])
    return sops, masalah


def impor_sop(services: Services, actor: Actor, path: str | Path, *, dry_run: bool = False) -> HasilImpor:
    """Dry run or apply (all or nothing, one transaction) the SOPs of a workbook; an SOP equal to the one
    in force is skipped."""
    from ppid_desktop.akun import roles as R

    R.require(actor, R.MONEV_KELOLA)
    sops, masalah = baca_sop(path)
    m = services.monev
    ada = {r["kode"] for r in m.daftar_sop()}
    items: list[Item] = []
    for sop in sops:
        b = Baris(sop["sheet"], 0, {})
        kode = str(sop.get("kode") or "")
        if kode in ada:
            lama = m.sop(kode)
            if lama.get("slug"):
                sop["slug"] = lama["slug"]
            aksi = LEWATI if kanonik(lama) == kanonik(sop) else UBAH
        else:
            aksi = BARU
        items.append(Item(aksi, kode, sop, b, alasan="sama dengan SOP yang berlaku" if aksi == LEWATI else ""))
    hasil = HasilImpor("sop", Path(path).name, True, items, masalah)
    if dry_run or not hasil.bersih:
        return hasil
    m.simpan_banyak_sop(actor, [i.data for i in items if i.aksi != LEWATI],
                        catatan=f"{hasil.berkas}: {hasil.baru} SOP baru, {hasil.ubah} diperbarui, {hasil.lewati} sama")
    hasil.diterapkan = True
    return hasil
