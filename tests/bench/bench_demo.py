"""Benchmark (run as a script, not collected by pytest): demo generation speed, its memory, and the size of
the database it builds.

    ./dev bench demo [N]        (default N = 1,000,000; the size line is per 100,000 requests)

1. **App**: a fresh database made the way a user makes one — ``ppid init --tanpa-enkripsi`` then
   ``ppid demo --permohonan N`` in a child process (every room's demo, the statistics at the end; a large
   demo draws its rows in two drawing processes of its own while it writes); wall time, CPU time of
   ``ppid demo`` and its drawing processes (``wait4`` rusage), peak memory of the largest process and the
   peak of their sum (``/proc``, sampled every 0.1 s). Requests written per second = N / wall time of
   ``ppid demo``, and N / its CPU time (the figure a shared, loaded machine can still compare).
2. **Raw baseline**, same run: the same request, history, keberatan and sengketa rows, read back from the
   app's database in batches of 5,000, written by plain ``sqlite3`` ``executemany`` into a new file with
   the same tables and page size, then the same indexes and the same full-text index built once (what the
   demo does: load, then index) — one transaction under the rollback journal (what the demo's bulk load
   does); the values are copied as stored (the compact forms of ``core.tipe``); wall and CPU time
   (``process_time``). Ratio = app time / raw
   time (the app also draws the data, numbers, deadlines and the other rooms' demo).
3. **Size**: the app's database file (WAL checkpointed by the CLI's close) in bytes per 100,000 requests,
   and where the bytes are (SQLite's ``dbstat``, top tables and indexes).

Both databases are built in a temporary folder and removed afterwards.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

SANDI = "bench-demo-kata-sandi-2026"
TABLES = ("permohonan", "riwayat_layanan", "keberatan", "sengketa")
BATCH = 5000


def _ppid() -> list[str]:
    exe = Path(sys.executable).parent / "ppid"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "ppid_desktop.cli"]


def _tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and its descendants now (Linux ``/proc``; 0 elsewhere)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            total += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int, int]:
    """Wall seconds, CPU seconds (user + system, its reaped children included), peak RSS in bytes of the
    largest process and the peak of the process tree's sum, of one child process."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.1):
            peak[0] = max(peak[0], _tree_rss(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    stop.set()
    sampler.join()
    err = proc.stderr.read().decode() if proc.stderr else ""
    if status != 0:
        raise SystemExit(f"gagal ({status}): {' '.join(cmd)}\n{err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, peak[0]


def raw_baseline(src: Path, dst: Path) -> tuple[float, float, int]:
    """The same rows written by plain sqlite3 into ``dst`` (tables, executemany, then indexes and FTS)."""
    s = sqlite3.connect(src)
    ddl_tables = [sql for (sql,) in s.execute(
        f"SELECT sql FROM sqlite_master WHERE type = 'table' AND name IN ({','.join('?' * len(TABLES))})", TABLES)]
    names = "','".join(TABLES)
    ddl_after = [sql for (sql,) in s.execute(
        f"SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name IN ('{names}') AND sql IS NOT NULL")]
    fts = s.execute("SELECT sql FROM sqlite_master WHERE name = 'permohonan_fts'").fetchone()[0]
    page = s.execute("PRAGMA page_size").fetchone()[0]
    d = sqlite3.connect(dst, isolation_level=None)
    d.execute(f"PRAGMA page_size={int(page)}")  # the app's own page size (16 KiB for a new plaintext file)
    d.execute("PRAGMA journal_mode=DELETE")  # the demo's bulk load runs under the rollback journal too
    d.execute("PRAGMA synchronous=NORMAL")
    d.execute("PRAGMA foreign_keys=OFF")
    for sql in ddl_tables:  # the tables reference master tables the raw file does not have: FKs stay off
        d.execute(sql)
    rows = 0
    t, c = time.perf_counter(), time.process_time()
    d.execute("BEGIN")
    for table in TABLES:
        cur = s.execute(f"SELECT * FROM {table} ORDER BY rowid")
        width = len(cur.description)
        sql = f"INSERT INTO {table} VALUES ({','.join('?' * width)})"
        while batch := cur.fetchmany(BATCH):
            d.executemany(sql, batch)
            rows += len(batch)
    d.execute(fts)
    for sql in ddl_after:
        d.execute(sql)
    d.execute("INSERT INTO permohonan_fts(permohonan_fts) VALUES ('rebuild')")
    d.execute("COMMIT")
    dt, cpu = time.perf_counter() - t, time.process_time() - c
    d.close()
    s.close()
    return dt, cpu, rows


def sizes(db: Path, top: int = 8) -> list[tuple[str, int]]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT ?", (top,)).fetchall()
    except sqlite3.OperationalError:  # a sqlite3 built without the dbstat table
        return []
    finally:
        con.close()


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    with tempfile.TemporaryDirectory(prefix="ppid-bench-demo-") as tmp:
        work = Path(tmp)
        db = work / "demo.sqlite"
        env = {**os.environ, "PPID_PENGGUNA": "admin", "PPID_KATA_SANDI": SANDI, "PPID_DATA_DIR": str(work / "data")}
        _run([*_ppid(), "--db", str(db), "init", "--tanpa-enkripsi"], env)  # a new database: WAL, 16 KiB pages
        print(f"ppid demo --permohonan {n:,} …", flush=True)
        wall, cpu, rss, tree = _run([*_ppid(), "--db", str(db), "demo", "--permohonan", str(n), "--seed", "2026"], env)
        con = sqlite3.connect(db)
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        con.close()
        size = db.stat().st_size
        raw, raw_cpu, raw_rows = raw_baseline(db, work / "raw.sqlite")
        raw_size = (work / "raw.sqlite").stat().st_size
        load = os.getloadavg()[0]
        print(f"\nBaris: {', '.join(f'{t} {c:,}' for t, c in counts.items())} (beban mesin {load:.1f}, {os.cpu_count()} inti)")
        print(f"{'jalur':<44}{'app':>14}{'baseline':>14}{'rasio':>8}")
        print(f"{'demo: permohonan ditulis per detik':<44}{n / wall:>14,.0f}{n / raw:>14,.0f}{(wall / raw):>7.1f}×")
        print(f"{'demo: permohonan per detik CPU':<44}{n / cpu:>14,.0f}{n / raw_cpu:>14,.0f}{(cpu / raw_cpu):>7.1f}×")
        print(f"{'demo: waktu (s) dinding / CPU':<44}{f'{wall:.1f} / {cpu:.1f}':>14}{f'{raw:.1f} / {raw_cpu:.1f}':>14}")
        print(f"{'demo: memori puncak proses terbesar (MB)':<44}{rss / 1e6:>14.0f}{'—':>14}")
        print(f"{'demo: memori puncak semua proses (MB)':<44}{tree / 1e6:>14.0f}{'—':>14}")
        print(f"{'ukuran database per 100.000 permohonan (MB)':<44}{size * 100_000 / n / 1e6:>14.1f}"
              f"{raw_size * 100_000 / n / 1e6:>14.1f}{size / raw_size:>7.2f}×")
        print(f"  (baseline: hanya tabel layanan, {raw_rows:,} baris; app: semua ruang)")
        for name, b in sizes(db):
            print(f"  {name:<42}{b * 100_000 / n / 1e6:>10.1f} MB per 100.000")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
