"""Benchmark (run as a script, not collected by pytest): the permohonan register on 100,000 requests.

    .venv/bin/python tests/bench/bench_register.py [N]

Fills a fresh database with N demo requests (default 100,000), then times the register's open,
filter, search and sort through ``LazySqlTableModel`` (ids query + first visible page) beside the
raw sqlite3 query of the same filter, and prints the ratio. Target: each under 100 ms.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PPID_DATA_DIR", tempfile.mkdtemp(prefix="ppid-bench-"))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from ppid_desktop import demo  # noqa: E402
from ppid_desktop.layanan.queries import PermohonanSource, RegisterFilter  # noqa: E402
from ppid_desktop.services import Services  # noqa: E402
from ppid_desktop.ui.layanan.page import PERMOHONAN_KOLOM  # noqa: E402
from ppid_desktop.ui.models.lazy import LazySqlTableModel  # noqa: E402


def ms(fn) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    best, out = 1e9, None
    for _ in range(3):
        t = time.perf_counter()
        out = fn()
        best = min(best, (time.perf_counter() - t) * 1000)
    return best, out


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    app = QApplication.instance() or QApplication([])  # noqa: F841
    db = Path(tempfile.mkdtemp(prefix="ppid-bench-db-")) / "bench.sqlite"
    svc = Services.open(db)
    t = time.perf_counter()
    demo.fill(svc, svc.system(), demo.DemoOptions(permohonan=n, today=date(2026, 6, 30)))
    print(f"demo {n:,} permohonan: {time.perf_counter() - t:.1f} s")
    with sqlite3.connect(db) as c:
        c.execute("ANALYZE")
    conn = sqlite3.connect(db, check_same_thread=False)
    raw = sqlite3.connect(db)
    today = date(2026, 6, 30)
    opd = svc.master.list_opd()[3].id
    cases = [
        ("buka (urut tanggal)", RegisterFilter(hari_ini=today), "tanggal_diterima", True),
        ("saring status diproses", RegisterFilter(status=("diproses",), hari_ini=today), "tanggal_diterima", True),
        ("saring OPD + saluran", RegisterFilter(opd_id=opd, saluran="email", hari_ini=today), "tanggal_diterima", True),
        ("saring terlambat", RegisterFilter(terlambat=True, hari_ini=today), "tenggat_efektif", False),
        ("saring periode Q1 2026", RegisterFilter(dari=date(2026, 1, 1), sampai=date(2026, 3, 31), hari_ini=today), "tanggal_diterima", True),
        ("cari 'stunting'", RegisterFilter(cari="stunting", hari_ini=today), "tanggal_diterima", True),
        ("cari nama 'Wulan'", RegisterFilter(cari="Wulan", hari_ini=today), "tanggal_diterima", True),
        ("urut nama", RegisterFilter(hari_ini=today), "nama", False),
        ("urut OPD", RegisterFilter(hari_ini=today), "opd", False),
        ("urut status", RegisterFilter(hari_ini=today), "status", False),
    ]
    print(f"{'kasus':<26}{'baris':>9}{'model ms':>10}{'sqlite ms':>11}{'rasio':>8}")
    worst = 0.0
    for name, f, sort, desc in cases:
        src = PermohonanSource(conn, f, sort, desc)
        sql, params = src.sql_ids()

        def via_model(src=src):  # type: ignore[no-untyped-def]
            m = LazySqlTableModel(src, PERMOHONAN_KOLOM)
            for r in range(min(40, m.rowCount())):  # the first screen of rows
                for col in range(m.columnCount()):
                    m.index(r, col).data(Qt.ItemDataRole.DisplayRole)
            return m.rowCount()

        def via_raw(sql=sql, params=params):  # type: ignore[no-untyped-def]
            return len(raw.execute(sql, params).fetchall())

        t_model, rows = ms(via_model)
        t_raw, rows_raw = ms(via_raw)
        assert rows == rows_raw, (rows, rows_raw)
        worst = max(worst, t_model)
        print(f"{name:<26}{rows:>9,}{t_model:>10.1f}{t_raw:>11.1f}{t_model / max(t_raw, 0.01):>8.2f}")
    print(f"terlama {worst:.1f} ms — {'OK (< 100 ms)' if worst < 100 else 'MELEBIHI 100 ms'}")
    svc.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
