"""Benchmark (not collected by pytest): importing requests beside raw openpyxl + sqlite3 executemany.

    ./dev bench impor_permohonan [--n 10000] [--profil]

1. The app's own export: ``ppid demo`` fills 10,000 requests, ``rekap.ekspor("register-permohonan")``
   writes the register (NIK in full), and ``rekap.impor("permohonan")`` (read, validate, plan, one
   transaction) loads it into a new database that has the same OPD (imported first, not timed).
2. A register kept in the Perki 1/2021 layout (two header rows with ticked sub-columns, a row of column
   numbers, weekday dates, no NIK column), written by ``perki_register`` below, imported the same way.

Baseline for each, in the same run: ``openpyxl.load_workbook(read_only=True)`` over the same file, every
row's values, and ``sqlite3.executemany`` of those rows into a scratch table with as many columns.
Prints seconds and the ratio (target ≤ 2×).
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("PPID_DATA_DIR", tempfile.mkdtemp(prefix="ppid-bench-"))


def raw_import(path: Path, db: Path, header_rows: int) -> int:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    ws = wb.worksheets[0]
    rows = [r for r in ws.iter_rows(min_row=header_rows + 1, values_only=True) if r and any(v is not None for v in r)]
    wb.close()
    width = max(len(r) for r in rows)
    conn = sqlite3.connect(db)
    conn.execute(f"CREATE TABLE t ({', '.join(f'c{i}' for i in range(width))})")
    with conn:
        conn.executemany(f"INSERT INTO t VALUES ({', '.join('?' * width)})",
                         [tuple(str(v) if isinstance(v, date) else v for v in r) + (None,) * (width - len(r))
                          for r in rows])
    conn.close()
    return len(rows)


HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember")


def teks_tanggal(d: date) -> str:
    return f"{HARI[d.weekday()]}, {d.day} {BULAN[d.month - 1]} {d.year}"


def perki_register(path: Path, n: int, seed: int = 7) -> None:
    """A Perki-layout register as offices keep it (see docs/rekap.md): group headers over ticked columns."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Register")
    ws.append(["BUKU REGISTER PERMOHONAN INFORMASI PUBLIK"])
    ws.append([])
    ws.append(["No", "Tanggal", "Nama", "Alamat", "Nomor Kontak", "Pekerjaan", "Informasi yang Diminta",
               "Tujuan Penggunaan Informasi", "Status Informasi", None, None, "Bentuk Informasi yang Dikuasai", None,
               "Jenis Permohonan", None, "Keputusan", "Alasan Penolakan", "Hari dan Tanggal Pemberitahuan Tertulis",
               "Biaya dan Cara Pembayaran"])
    ws.append([None] * 8 + ["Dikuasai", "Tidak Dikuasai", "Belum Didokumentasikan", "Softcopy", "Hardcopy",
                            "Melihat/Mengetahui", "Meminta Salinan", None, None, None, None])
    ws.append(list(range(1, 20)))
    d0 = date(2025, 1, 2)
    for i in range(n):
        d = d0 + timedelta(days=rng.randint(0, 500))
        while d.weekday() >= 5:
            d += timedelta(days=1)
        pb = d + timedelta(days=rng.randint(1, 12))
        while pb.weekday() >= 5:
            pb += timedelta(days=1)
        tolak = i % 17 == 0
        ws.append([f"{i + 1}/PPID/{d.year}", teks_tanggal(d), f"Pemohon {i}", "Jl. Diponegoro 1, Salatiga",
                   "081234567890", "Swasta", "Dokumen anggaran dan realisasi tahun 2024", "Penelitian",
                   "√", None, None, "v" if i % 2 else None, None if i % 2 else "V", None, "√",
                   "Ditolak" if tolak else "Dikabulkan Seluruhnya",
                   "Pasal 17 huruf h UU 14/2008 (rahasia pribadi)" if tolak else None, teks_tanggal(pb),
                   "Rp0 (gratis)"])
    wb.save(path)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--profil", action="store_true", help="cProfile impor aplikasi (20 fungsi teratas)")
    args = ap.parse_args()

    from ppid_desktop import demo
    from ppid_desktop.services import Services

    tmp = Path(tempfile.mkdtemp(prefix="bench-impor-"))
    src = Services.open(tmp / "sumber.sqlite")
    actor = src.system()
    print(f"Mengisi {args.n} permohonan (ppid demo)…", flush=True)
    demo.fill(src, actor, demo.DemoOptions(permohonan=args.n))
    n_ekspor = src.rekap.ekspor(actor, "register-permohonan", tmp / "register.xlsx", tampilkan_nik=True)
    src.rekap.ekspor(actor, "opd", tmp / "opd.xlsx")
    src.close()
    perki_register(tmp / "perki.xlsx", args.n)

    def target(name: str) -> Services:
        """A new database as an office has it before importing its register: the OPD imported and the
        working calendar of the register's years in use (the app seeds a year's holidays the first time
        any request of that year is recorded); neither is timed."""
        svc = Services.open(tmp / f"{name}.sqlite")
        h = svc.rekap.impor(svc.system(), "opd", tmp / "opd.xlsx")
        assert h.diterapkan, h.ringkasan()
        svc.layanan.kalender(date(2024, 1, 1), date(2025, 1, 1), date(2026, 1, 1), date.today())
        return svc

    for judul, berkas, header in (("Ekspor aplikasi", "register.xlsx", 4), ("Register Perki", "perki.xlsx", 5)):
        svc = target(berkas.split(".")[0])
        t0 = time.perf_counter()
        n_raw = raw_import(tmp / berkas, tmp / f"raw-{berkas}.sqlite", header)
        t_raw = time.perf_counter() - t0
        prof = None
        if args.profil:
            import cProfile

            prof = cProfile.Profile()
            prof.enable()
        t0 = time.perf_counter()
        h = svc.rekap.impor(svc.system(), "permohonan", tmp / berkas)
        t_app = time.perf_counter() - t0
        if prof is not None:
            import pstats

            prof.disable()
            st = pstats.Stats(prof).sort_stats("tottime")
            st.print_stats(25)
            st.sort_stats("cumulative").print_stats("ppid_desktop", 30)
        assert h.diterapkan, (h.ringkasan(), [p.message for p in h.galat[:5]])
        print(f"{judul}: {h.baru} permohonan (ekspor {n_ekspor}, mentah {n_raw} baris) | aplikasi {t_app:.2f} s | "
              f"mentah openpyxl+sqlite3 {t_raw:.2f} s | rasio {t_app / t_raw:.2f}× (target ≤ 2×)", flush=True)
        svc.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
