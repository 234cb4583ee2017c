"""Benchmark (not collected by pytest): ``./dev bench list [N]`` — ``ppid permohonan list --json`` at a million.

Runs the real command in a subprocess on the cached demo database of ``bench_register`` (built by the
app's own demo path; ``./dev bench register`` builds it first if missing), output to /dev/null, beside a
raw baseline in its own subprocess: the same rows by one sqlite3 query, each written with
``json.dumps(indent=2)``. Prints seconds, peak memory (max RSS of each child) and the ratios. Targets:
≤ 1.5× the raw time, ≤ 150 MB.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

RAW = r'''
import json, sqlite3, sys
con = sqlite3.connect(sys.argv[1])
out = sys.stdout
keys = ("nomor", "tanggal_diterima", "nama", "saluran", "opd", "status", "keputusan", "tenggat",
        "tenggat_perpanjangan", "tenggat_efektif", "tanggal_pemberitahuan", "hk_pemberitahuan", "terlambat", "rincian")
sql = ("SELECT p.nomor, p.tanggal_diterima, p.nama, p.saluran, o.singkatan, p.status, p.keputusan, p.tenggat, "
       "p.tenggat_perpanjangan, p.tenggat_efektif, p.tanggal_pemberitahuan, p.hk_pemberitahuan, "
       "p.status IN ('diterima','diproses','diperpanjang') AND p.tenggat_efektif < date('now'), substr(p.rincian, 1, 160) "
       "FROM permohonan p LEFT JOIN perangkat_daerah o ON o.id = p.opd_id WHERE p.deleted = 0 "
       "ORDER BY p.tanggal_diterima, p.nomor, p.rowid")
first = True
for r in con.execute(sql):
    d = dict(zip(keys, r))
    d["terlambat"] = bool(d["terlambat"])
    out.write(("[\n  " if first else ",\n  ") + json.dumps(d, ensure_ascii=False, indent=2).replace("\n", "\n  "))
    first = False
out.write("\n]\n")
'''


def run(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process."""
    t = time.perf_counter()
    with open(os.devnull, "w") as sink:
        proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.DEVNULL)
        _, rusage = os.wait4(proc.pid, 0)[1:]
    dt = time.perf_counter() - t
    return dt, rusage.ru_maxrss / 1024


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_register import cached_path

    db = cached_path(n)
    if not db.exists():
        subprocess.run([sys.executable, str(ROOT / "tests" / "bench" / "bench_register.py"), str(n)], check=True)
    ppid = [sys.executable, "-m", "ppid_desktop.cli"] if not (Path(sys.executable).parent / "ppid").exists() \
        else [str(Path(sys.executable).parent / "ppid")]
    app_t, app_m, raw_t, raw_m = [], [], [], []
    for _ in range(2):  # alternating
        t, m = run([*ppid, "--db", str(db), "permohonan", "list", "--json"])
        app_t.append(t)
        app_m.append(m)
        t, m = run([sys.executable, "-c", RAW, str(db)])
        raw_t.append(t)
        raw_m.append(m)
    a, r = min(app_t), min(raw_t)
    print(f"ppid permohonan list --json, {n:,} permohonan: {a:.1f} s, {max(app_m):.0f} MB puncak "
          f"(mentah {r:.1f} s, {max(raw_m):.0f} MB) — rasio {a / r:.2f}× (target ≤ 1,5×, ≤ 150 MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
