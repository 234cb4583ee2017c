"""Self-assessment by workbook: the evaluation workbook one unit fills and sends back.

``ekspor_lembar_kerja(services, program_id, unit_kode, path) -> int`` writes an .xlsx with:

- sheet ``Jawaban``: title and unit above a table ``Kode | Aspek | Indikator | Pertanyaan | Jenis jawaban |
  Pilihan | Jawaban | Bukti (tautan/nama berkas) | Catatan``; one row per question of the programme's
  FROZEN instrument version; the Jawaban cell is constrained by data validation to its type (list of
  options, Ya/Tidak, whole number 1–5, decimal ≥ 0, date), with N/A in the list where allowed; only the
  Jawaban, Bukti and Catatan cells are unlocked, the sheet structure is protected;
- sheet ``Petunjuk``: how to fill it in and send it back;
- sheet ``Info`` (protected): program, unit, instrument id and version, and ``tanda`` — a digest of all
  of these and of the question codes, so a workbook of another programme, unit or instrument version,
  or one whose rows were changed, is refused on import.

The import is the rekap kind ``jawaban`` (``ppid impor jawaban F.xlsx [--dry-run] [--json]``,
``rekap/kinds/monev.py``): it records the answers as the unit's self-assessment (SAQ stage: the
``nilai`` column of the unit's current draft session), all or nothing, and importing the same file
again changes nothing.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ppid_desktop.core.errors import UserError
from ppid_desktop.monev import instrumen as I

if TYPE_CHECKING:
    from ppid_desktop.services import Services

SHEET = "Jawaban"
INFO = "Info"
NA = "N/A"
SANDI = "ppid"  # sheet protection guards against accidental edits, not against a determined user
JENIS_LABEL = {"ya_tidak": "Ya/Tidak", "pilihan": "Pilihan", "level": "Level 1–5", "angka": "Angka (realisasi)",
               "teks": "Teks", "tanggal": "Tanggal (dd/mm/yyyy)"}


def tanda(program_id: str, opd_id: str, instrumen_id: str, versi: int, kode: list[str]) -> str:
    raw = "|".join([program_id, opd_id, instrumen_id, str(versi), *kode])
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:24]


def cari_unit(services: Services, program_id: str, unit_kode: str) -> tuple[Any, Any]:
    for j, o in services.monev.daftar_jadwal(program_id):
        if o.kode.strip().lower() == unit_kode.strip().lower():
            return j, o
    raise UserError(f"Unit '{unit_kode}' bukan sasaran program ini.")


def ekspor_lembar_kerja(services: Services, program_id: str, unit_kode: str, path: str | Path) -> int:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    m = services.monev
    prog = m.ambil_program(program_id)
    inst = m.ambil_instrumen(prog.instrumen_id)
    defn = m.definisi(inst.id)
    jadwal, opd = cari_unit(services, program_id, unit_kode)
    sesi = m.sesi_jadwal(jadwal.id)
    ada: dict[str, Any] = m.muat_sesi(sesi.id).jawaban if sesi is not None else {}
    qs = [(a, ind, q) for a in defn.aspek for ind in a.indikator for q in ind.pertanyaan]
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws["A1"] = f"LEMBAR KERJA EVALUASI MANDIRI — {prog.nama}"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = f"Unit: {opd.nama} ({opd.kode})"
    ws["A3"] = f"Instrumen: {defn.nama} versi {inst.versi}. Isi kolom Jawaban, Bukti dan Catatan saja (lihat sheet Petunjuk)."
    head = ["Kode", "Aspek", "Indikator", "Pertanyaan", "Jenis jawaban", "Pilihan", "Jawaban",
            "Bukti (tautan/nama berkas)", "Catatan"]
    r0 = 5
    for c, h in enumerate(head, 1):
        cell = ws.cell(r0, c, h)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    open_fill = PatternFill("solid", fgColor="FFF8DC")
    validations: dict[str, DataValidation] = {}

    def dv(key: str, **kw: Any) -> DataValidation:
        if key not in validations:
            v = DataValidation(allow_blank=True, showErrorMessage=True, errorTitle="Jawaban tidak valid", **kw)
            ws.add_data_validation(v)
            validations[key] = v
        return validations[key]

    for i, (a, ind, q) in enumerate(qs):
        r = r0 + 1 + i
        pilihan = ""
        if q.jenis == "pilihan":
            pilihan = "; ".join(o.label for o in q.opsi)
        elif q.jenis == "level":
            pilihan = "; ".join(f"{lv.level}: {lv.kriteria}" for lv in q.level) or "1–5"
        elif q.jenis == "ya_tidak":
            pilihan = "Ya; Tidak"
        if q.boleh_na:
            pilihan += f"; {NA}" if pilihan else NA
        j = ada.get(q.kode)
        nilai: Any = None
        if j is not None:
            nilai = NA if j.na else _tampil(q, j.nilai)
        row = [q.kode, a.nama, ind.nama, q.teks, JENIS_LABEL.get(q.jenis, q.jenis), pilihan, nilai, None,
               (j.catatan if j is not None else None) or None]
        for c, v in enumerate(row, 1):
            cell = ws.cell(r, c, v)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for c in (7, 8, 9):
            ws.cell(r, c).protection = Protection(locked=False)
            ws.cell(r, c).fill = open_fill
        ref = f"G{r}"
        na = [NA] if q.boleh_na else []
        if q.jenis == "pilihan":
            labels = [o.label.replace(",", " ") for o in q.opsi] + na
            formula = '"' + ",".join(labels) + '"'
            if len(formula) <= 255:
                v = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                                   errorTitle="Jawaban tidak valid", error="Pilih salah satu opsi dari daftar.")
                ws.add_data_validation(v)
                v.add(ref)
        elif q.jenis == "ya_tidak":
            dv("yt" + ("na" if na else ""), type="list", formula1='"' + ",".join(["Ya", "Tidak", *na]) + '"',
               error="Isi Ya atau Tidak.").add(ref)
        elif q.jenis == "level":
            if na:
                dv("lvna", type="list", formula1=f'"1,2,3,4,5,{NA}"', error="Pilih level 1–5.").add(ref)
            else:
                dv("lv", type="whole", operator="between", formula1="1", formula2="5", error="Level harus 1–5.").add(ref)
        elif q.jenis == "angka":
            dv("angka", type="decimal", operator="greaterThanOrEqual", formula1="0", error="Isi angka ≥ 0.").add(ref)
        elif q.jenis == "tanggal":
            dv("tgl", type="date", operator="greaterThan", formula1="1", error="Isi tanggal.").add(ref)
            ws.cell(r, 7).number_format = "DD/MM/YYYY"
    for col, w in zip("ABCDEFGHI", (10, 22, 26, 60, 14, 30, 16, 30, 24), strict=True):
        ws.column_dimensions[col].width = w
    ws.freeze_panes = ws.cell(r0 + 1, 5)
    ws.protection.sheet = True
    ws.protection.password = SANDI
    ws.protection.formatColumns = False
    ws.protection.formatRows = False

    pt = wb.create_sheet("Petunjuk")
    for i, line in enumerate([
        "PETUNJUK PENGISIAN", "",
        "1. Isi kolom Jawaban setiap baris di sheet Jawaban. Sel Jawaban hanya menerima isian sesuai jenisnya "
        "(pilih dari daftar, Ya/Tidak, level 1–5, angka, atau tanggal).",
        f"2. Tulis {NA} bila pertanyaan tidak berlaku (hanya bila tersedia di daftar).",
        "3. Kolom Bukti: tautan (https://…) atau nama berkas bukti dukung yang dikirim bersama lembar kerja.",
        "4. Jangan menambah, menghapus atau memindah baris dan kolom; jangan mengubah sheet Info.",
        "5. Simpan sebagai .xlsx (Excel atau LibreOffice) dan kirim kembali ke Tim Monev.",
        "Lembar kerja hanya berlaku untuk program, unit dan versi instrumen yang tertera; yang lain ditolak saat impor.",
    ], 1):
        pt.cell(i, 1, line)
    pt.column_dimensions["A"].width = 120
    pt["A1"].font = Font(bold=True)

    info = wb.create_sheet(INFO)
    rows = [("Kunci", "Nilai"), ("program_id", prog.id), ("program", prog.nama), ("unit_id", opd.id),
            ("unit_kode", opd.kode), ("unit", opd.nama), ("instrumen_id", inst.id), ("instrumen_kode", inst.kode),
            ("instrumen_versi", inst.versi),
            ("tanda", tanda(prog.id, opd.id, inst.id, inst.versi, [q.kode for _a, _i, q in qs]))]
    for i, (k, v) in enumerate(rows, 1):
        info.cell(i, 1, k)
        info.cell(i, 2, v)
    info.column_dimensions["A"].width = 18
    info.column_dimensions["B"].width = 60
    info.protection.sheet = True
    info.protection.password = SANDI
    _simpan(wb, Path(path))
    return len(qs)


def _tampil(q: I.Pertanyaan, stored: str | None) -> Any:
    if stored is None:
        return None
    if q.jenis == "pilihan":
        return next((o.label for o in q.opsi if o.kode == stored), stored)
    if q.jenis == "ya_tidak":
        return "Ya" if stored == "ya" else "Tidak"
    if q.jenis == "level":
        return int(stored)
    if q.jenis == "angka":
        import json

        return json.loads(stored).get("realisasi")
    return stored


def _simpan(wb: Any, p: Path) -> None:
    if not p.parent.exists():
        raise UserError(f"Folder {p.parent} tidak ada.")
    try:
        fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=".ppid-", suffix=".xlsx")
        os.close(fd)
        wb.save(tmp)
        os.replace(tmp, p)
    except OSError as exc:
        raise UserError(f"Berkas {p} tidak dapat ditulis: {exc.strerror or exc}.") from None
