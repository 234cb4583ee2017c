"""Benchmark (not collected by pytest): rekap export/import beside raw openpyxl + raw SQLite.

    .venv/bin/python tests/bench/bench_excel.py [--ekspor 100000] [--impor 10000]

Export: 100,000 register rows with ``rekap.ekspor("register-permohonan")`` vs a raw baseline that
SELECTs the same columns with sqlite3 and appends them to an openpyxl write-only sheet.
Import: 10,000 OPD rows with ``rekap.impor("opd")`` (dry run + one transaction) vs a raw baseline
that reads the same file with openpyxl read-only and executemany-INSERTs into a scratch SQLite table.
Prints seconds, ratios and peak Python memory (tracemalloc) and the process max RSS.
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("PPID_DATA_DIR", tempfile.mkdtemp(prefix="ppid-bench-"))


TRACE = "--tracemalloc" in sys.argv  # tracemalloc slows Python a lot: off by default (time first)


def measure(fn):  # type: ignore[no-untyped-def]
    if TRACE:
        tracemalloc.start()
    t0 = time.perf_counter()
    result = fn()
    dt = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1] if TRACE else 0
    if TRACE:
        tracemalloc.stop()
    return dt, peak / 1e6, result


def fill_permohonan(services, n: int) -> None:  # type: ignore[no-untyped-def]
    from ppid_desktop.core.db import bulk_insert
    from ppid_desktop.layanan.models import Permohonan

    d0 = date(2025, 1, 2)
    rows = []
    for i in range(n):
        d = d0 + timedelta(days=i % 600)
        rows.append({"nomor": f"{i + 1:06d}/PPID/{d.year}", "tanggal_diterima": d, "nama": f"Pemohon {i}",
                     "alamat": "Jl. Diponegoro No. 1, Salatiga", "telepon": "081234567890", "pekerjaan": "Swasta",
                     "nik_mask": "3373••••••••0002", "rincian": "Dokumen anggaran dan realisasi " * 3,
                     "tujuan": "Penelitian", "tenggat": d + timedelta(days=14), "tenggat_efektif": d + timedelta(days=14),
                     "status": "selesai", "keputusan": "dikabulkan_seluruhnya", "tanggal_pemberitahuan": d + timedelta(days=5),
                     "hk_pemberitahuan": 4, "biaya_total": 0})
    with services.store.session(services.system()) as s:
        for i in range(0, n, 5000):
            bulk_insert(s, Permohonan, [Permohonan(**r).model_dump(exclude={"id", "created_at", "updated_at", "rev",
                                                                            "deleted", "device_id", "created_by",
                                                                            "updated_by"}) for r in rows[i:i + 5000]],
                        "bench")


def raw_export(db: Path, out: Path) -> int:
    """Same SELECT as the register export, same columns, plain appends (dates as date objects)."""
    from openpyxl import Workbook

    from ppid_desktop.rekap.kinds.layanan import _SQL_REG

    conn = sqlite3.connect(db)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Register")
    ws.append([f"Kolom {i}" for i in range(28)])
    n = 0
    for r in conn.execute(_SQL_REG + " ORDER BY p.tanggal_diterima, p.nomor"):
        r = list(r)
        for i in (1, 19, 24, 25):
            r[i] = date.fromisoformat(r[i][:10]) if r[i] else None
        ws.append(r)
        n += 1
    wb.save(out)
    conn.close()
    return n


def make_opd_file(path: Path, n: int) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("OPD")
    ws.append(["DAFTAR PERANGKAT DAERAH"])
    ws.append([])
    ws.append(["Kode OPD", "Nama Perangkat Daerah", "Singkatan", "Alamat", "Kepala Perangkat Daerah",
               "Telepon PPID Pelaksana", "E-mail PPID Pelaksana", "Aktif"])
    for i in range(n):
        ws.append([f"OPD{i:05d}", f"Dinas Nomor {i}", f"D{i}", "Jl. Sukowati 51", f"Kepala {i}", "0298326767",
                   f"ppid{i}@salatiga.go.id", "Ya"])
    wb.save(path)


def raw_import(path: Path, db: Path) -> int:
    from openpyxl import load_workbook

    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE IF NOT EXISTS opd (kode TEXT, nama TEXT, singkatan TEXT, alamat TEXT, kepala TEXT, "
                 "telepon TEXT, email TEXT, aktif INTEGER)")
    wb = load_workbook(path, read_only=True, data_only=True)
    rows = [r for r in wb.active.iter_rows(min_row=4, values_only=True) if r and r[0]]
    wb.close()
    with conn:
        conn.executemany("INSERT INTO opd VALUES (?,?,?,?,?,?,?,?)", rows)
    conn.close()
    return len(rows)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ekspor", type=int, default=100_000)
    ap.add_argument("--impor", type=int, default=10_000)
    ap.add_argument("--tracemalloc", action="store_true", help="ukur puncak memori Python (lebih lambat)")
    args = ap.parse_args()

    from ppid_desktop.services import Services

    tmp = Path(tempfile.mkdtemp(prefix="bench-excel-"))
    svc = Services.open(tmp / "ppid.sqlite")
    actor = svc.system()
    print(f"Mengisi {args.ekspor} permohonan…", flush=True)
    fill_permohonan(svc, args.ekspor)

    t_raw, m_raw, n_raw = measure(lambda: raw_export(svc.store.path, tmp / "raw.xlsx"))
    t_app, m_app, n_app = measure(lambda: svc.rekap.ekspor(actor, "register-permohonan", tmp / "app.xlsx"))
    print(f"EKSPOR {n_app} baris: rekap {t_app:.2f} s ({m_app:.0f} MB puncak) | mentah {t_raw:.2f} s "
          f"({m_raw:.0f} MB) | rasio {t_app / t_raw:.2f}× (target ≤ 1.3×)")

    make_opd_file(tmp / "opd.xlsx", args.impor)
    t_raw, m_raw, n_raw = measure(lambda: raw_import(tmp / "opd.xlsx", tmp / "raw.sqlite"))
    t_app, m_app, h = measure(lambda: svc.rekap.impor(actor, "opd", tmp / "opd.xlsx"))
    assert h.diterapkan and h.baru == args.impor, h.ringkasan()
    print(f"IMPOR {h.baru} baris: rekap {t_app:.2f} s ({m_app:.0f} MB puncak) | mentah {t_raw:.2f} s "
          f"({m_raw:.0f} MB) | rasio {t_app / t_raw:.2f}× (target ≤ 2×)")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"RSS maksimum proses: {rss:.0f} MB (target < 250 MB)")
    svc.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
