"""Benchmark (run as a script, not collected by pytest): the permohonan register at a million requests.

    ./dev bench register [N]        (default N = 1,000,000)

The database is built the way the app builds it — ``demo.fill`` (``ppid demo --permohonan N``), whose
own ``Store.analyze`` gives the statistics; nothing here runs ANALYZE or touches the schema — once, and
cached outside the repository in ``~/.cache/ppid-bench/`` (keyed by N and the migration scripts; delete
the file to rebuild). Then, through the real page and its threaded model (as the app runs it):

- opening the Layanan page (both registers, first screen shown);
- the first screen after each filter, search and sort (the model's first page on its worker thread,
  40 rows read through ``data()``), and when the count arrives;
- jumping to the last row (Ctrl+End, scrollbar at the bottom);

beside the raw sqlite3 baseline of the same statement (``LIMIT 40``, plus ``count(*)``) in the same
run. Medians of alternating runs; the ratio is app / raw. Targets: first screen < 100 ms, page open
< 300 ms.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PPID_DATA_DIR", str(Path.home() / ".cache" / "ppid-bench" / "data"))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

CACHE = Path.home() / ".cache" / "ppid-bench"
RUNS = 5


def cached_path(n: int) -> Path:
    """Cache file of the ``n``-request database, keyed by the migration scripts' content (revisions are
    renumbered when branches are merged, so the head revision alone is not enough)."""
    import hashlib

    from ppid_desktop.core import paths

    digest = hashlib.sha256()
    for script in sorted((paths.migrations_dir() / "versions").glob("*.py")):
        digest.update(script.read_bytes())
    return CACHE / f"register-{n}-{digest.hexdigest()[:10]}.sqlite"


def build(n: int) -> Path:
    """The demo database of ``n`` requests, built once by the app's own demo path."""
    from ppid_desktop import demo
    from ppid_desktop.services import Services

    CACHE.mkdir(parents=True, exist_ok=True)
    db = cached_path(n)
    if db.exists():
        return db
    tmp = db.with_name(db.name + ".baru")
    for p in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        p.unlink(missing_ok=True)
    t = time.perf_counter()
    svc = Services.open(tmp)
    demo.fill(svc, svc.system(), demo.DemoOptions(permohonan=n))
    svc.close()
    dt = time.perf_counter() - t
    print(f"database dibangun: {n:,} permohonan dalam {dt:.0f} s ({n / dt:,.0f} permohonan/s) -> {db}")
    tmp.rename(db)
    return db


def wait(app: QApplication, cond: Callable[[], bool], timeout: float = 120.0) -> None:
    """Run the event loop until ``cond()`` (checked every millisecond). A nested QEventLoop, not a
    processEvents() spin: PySide6 6.12's processEvents(flags, ms) loses a reference to None per call and
    a spin of a few seconds crashes the interpreter."""
    if cond():
        return
    end = time.perf_counter() + timeout
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(1)

    def check() -> None:
        if cond() or time.perf_counter() > end:
            loop.quit()

    timer.timeout.connect(check)
    timer.start()
    loop.exec()
    timer.stop()
    if not cond():
        raise TimeoutError("menunggu terlalu lama")


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    app = QApplication.instance() or QApplication([])
    db = build(n)

    from ppid_desktop.akun import roles as R
    from ppid_desktop.core.actor import Actor
    from ppid_desktop.layanan.queries import PermohonanSource, RegisterFilter, where_permohonan
    from ppid_desktop.services import Services
    from ppid_desktop.ui.context import AppContext
    from ppid_desktop.ui.layanan.page import LayananPage
    from ppid_desktop.ui.tasks import TaskRunner

    svc = Services.open(db)
    actor = Actor(username="admin", device_id="bench", device_name="bench", roles=frozenset({R.ADMIN}), nama="Admin")
    ctx = AppContext(services=svc, actor=actor, tasks=TaskRunner())
    today = svc.layanan.clock()
    raw = sqlite3.connect(db)

    def page_open() -> float:
        t = time.perf_counter()
        page = LayananPage(ctx)
        page.refresh()
        page.show()
        wait(app, lambda: page.permohonan.model.rowCount() > 0 and page.keberatan.model.rowCount() > 0)
        for r in range(40):
            for c in range(page.permohonan.model.columnCount()):
                page.permohonan.model.index(r, c).data(Qt.ItemDataRole.DisplayRole)
        dt = (time.perf_counter() - t) * 1000
        wait(app, lambda: page.permohonan.model.total is not None and page.keberatan.model.total is not None)
        page.close()
        page.deleteLater()
        app.processEvents()
        return dt

    opens = [page_open() for _ in range(RUNS)]
    print(f"buka halaman Layanan (dua register, layar pertama): median {statistics.median(opens):.0f} ms "
          f"(target < 300 ms)")

    page = LayananPage(ctx)
    page.refresh()
    page.show()
    model = page.permohonan.model
    wait(app, lambda: model.total is not None)
    opd = svc.master.daftar_opd(jenis_unit="perangkat_daerah")[3].id  # (the monev bidang units have no requests)
    cases: list[tuple[str, Any, str, bool]] = [
        ("buka (urut tanggal)", RegisterFilter(hari_ini=today), "tanggal_diterima", True),
        ("saring status diproses", RegisterFilter(status=("diproses",), hari_ini=today), "tanggal_diterima", True),
        ("saring OPD + saluran", RegisterFilter(opd_id=opd, saluran="email", hari_ini=today), "tanggal_diterima", True),
        ("saring terlambat", RegisterFilter(terlambat=True, hari_ini=today), "tenggat_efektif", False),
        ("saring periode 1 bulan", RegisterFilter(dari=date(today.year, 1, 1), sampai=date(today.year, 1, 31),
                                                  hari_ini=today), "tanggal_diterima", True),
        ("cari 'stunting'", RegisterFilter(cari="stunting", hari_ini=today), "tanggal_diterima", True),
        ("cari luas 'salinan'", RegisterFilter(cari="salinan", hari_ini=today), "tanggal_diterima", True),
        ("cari nama 'Wulan'", RegisterFilter(cari="Wulan", hari_ini=today), "tanggal_diterima", True),
        ("urut nama", RegisterFilter(hari_ini=today), "nama", False),
        ("urut OPD", RegisterFilter(hari_ini=today), "opd", False),
        ("urut status", RegisterFilter(hari_ini=today), "status", False),
        ("urut keputusan", RegisterFilter(hari_ini=today), "keputusan", True),
    ]
    print(f"\n{n:,} permohonan — layar pertama (40 baris) lewat model berutas vs sqlite3 mentah, median {RUNS}x")
    print(f"{'kasus':<26}{'baris':>11}{'app ms':>9}{'mentah':>9}{'rasio':>7}{'hitung ms':>11}{'mentah':>9}")
    worst = 0.0
    for name, f, sort, desc in cases:
        src = PermohonanSource(None, f, sort, desc)
        sql, params = src._sql(None, 40, desc, 0, raw)
        where, wparams = where_permohonan(f)
        app_ms, raw_ms, count_ms, raw_count_ms = [], [], [], []
        rows = 0
        for _ in range(RUNS):
            t = time.perf_counter()
            model.source.sort, model.source.desc = sort, desc
            model.set_filter(f)
            wait(app, lambda: model._loading is None)
            for r in range(min(40, model.rowCount())):
                for c in range(model.columnCount()):
                    model.index(r, c).data(Qt.ItemDataRole.DisplayRole)
            app_ms.append((time.perf_counter() - t) * 1000)
            wait(app, lambda: model.total is not None)
            count_ms.append((time.perf_counter() - t) * 1000)
            rows = model.total or 0
            t = time.perf_counter()
            raw.execute(sql, params).fetchall()
            raw_ms.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            raw_rows = raw.execute(f"SELECT count(*) FROM permohonan p WHERE {where}", wparams).fetchone()[0]
            raw_count_ms.append((time.perf_counter() - t) * 1000)
            assert raw_rows == rows, (name, raw_rows, rows)
        a, b = statistics.median(app_ms), statistics.median(raw_ms)
        worst = max(worst, a)
        print(f"{name:<26}{rows:>11,}{a:>9.1f}{b:>9.1f}{a / max(b, 0.05):>7.1f}"
              f"{statistics.median(count_ms):>11.0f}{statistics.median(raw_count_ms):>9.0f}")
    print(f"layar pertama terlama {worst:.1f} ms — {'OK (< 100 ms)' if worst < 100 else 'MELEBIHI 100 ms'}")

    # the end of the register: what Ctrl+End / dragging the scrollbar to the bottom asks for
    model.source.sort, model.source.desc = "tanggal_diterima", True
    model.set_filter(RegisterFilter(hari_ini=today))
    wait(app, lambda: model.total is not None)
    last = model.rowCount() - 1
    t = time.perf_counter()
    assert model.index(last, 0).data() is None  # not loaded: asked of the worker, the GUI goes on
    gui_ms = (time.perf_counter() - t) * 1000
    wait(app, lambda: model.index(last, 0).data() is not None)
    end_ms = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    raw.execute("SELECT p.nomor FROM permohonan p WHERE +p.deleted = 0 ORDER BY p.tanggal_diterima, p.nomor, "
                "p.deleted, p.rowid LIMIT 200").fetchall()
    raw_end = (time.perf_counter() - t) * 1000
    print(f"\nlompat ke baris terakhir: GUI tertahan {gui_ms:.1f} ms, baris tampil setelah {end_ms:.0f} ms "
          f"(mentah {raw_end:.1f} ms)")
    mid = model.rowCount() // 2
    t = time.perf_counter()
    model.index(mid, 0).data()
    wait(app, lambda: model.index(mid, 0).data() is not None)
    print(f"lompat ke tengah (baris {mid:,}): {(time.perf_counter() - t) * 1000:.0f} ms, di luar utas GUI")
    page.close()
    raw.close()
    svc.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
