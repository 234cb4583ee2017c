"""Benchmark (not collected by pytest): ``./dev bench enkripsi [N]`` — encryption on vs off, side by side.

Two databases of ``N`` requests (default 100,000) built by the app itself, with the same content:
``ppid init --tanpa-enkripsi`` + ``ppid demo`` (plaintext), and a copy of it converted by ``ppid enkripsi``
(SQLCipher with the settings new databases get: 16 KiB pages, HMAC-SHA256), cached beside
``bench_register``'s. One warm-up run each, then each measured step is the real command in its own
process, alternating plaintext/encrypted, ``PPID_BENCH_RUNS`` times (default 5); the medians are compared:

- opening and filtering the register: ``ppid permohonan list --status selesai --json`` (to /dev/null);
- the Excel export: ``ppid ekspor register-permohonan``;
- for reference, the libraries alone: one full scan of ``permohonan`` by ``sqlite3`` vs ``sqlcipher3``.

Prints the machine's load average, the median seconds and the ratio encrypted/plaintext per step.
Target: ≤ 1.2×. The encrypted run signs in like every CLI run: one extra argon2id derivation (the key
file's password entry) is part of "opening".
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

SANDI = "rahasia123"
RAW = r'''
import sys
from ppid_desktop.core import kunci_db
if sys.argv[2] == "sandi":
    kunci_db.buka(sys.argv[1], "admin", sys.argv[3])
con = kunci_db.sambung(sys.argv[1])
n = 0
for row in con.execute("SELECT nomor, nama, alamat, rincian, status, tanggal_diterima FROM permohonan WHERE status = 'selesai'"):
    n += 1
print(n)
'''


def _ppid() -> list[str]:
    exe = Path(sys.executable).parent / "ppid"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "ppid_desktop.cli"]


def _env() -> dict[str, str]:
    return {**os.environ, "PPID_PENGGUNA": "admin", "PPID_KATA_SANDI": SANDI}


def build(n: int, sandi: bool) -> Path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_register import cached_path

    base = cached_path(n)
    db = base.with_name(base.stem.replace("register-", "enkripsi-") + ("-sandi16k" if sandi else "-polos") + ".sqlite")
    if db.exists():
        return db
    db.parent.mkdir(parents=True, exist_ok=True)
    work = db.with_name(db.name + ".bangun")
    for p in work.parent.glob(work.name + "*"):
        if p.is_file():
            p.unlink()
    t = time.perf_counter()
    if sandi:  # the same content as the plaintext one, converted by the app ('ppid enkripsi')
        polos = build(n, False)
        shutil.copyfile(polos, work)
        subprocess.run([*_ppid(), "--db", str(work), "enkripsi"], check=True, env=_env(), stdout=subprocess.DEVNULL)
    else:
        subprocess.run([*_ppid(), "--db", str(work), "init", "--tanpa-enkripsi"], check=True, env=_env(),
                       stdout=subprocess.DEVNULL)
        subprocess.run([*_ppid(), "--db", str(work), "demo", "--permohonan", str(n), "--seed", "2026",
                        "--tanpa-enkripsi"], check=True, env=_env(), stdout=subprocess.DEVNULL)
    for suffix in ("", ".kunci", ".kunci-data"):
        if Path(f"{work}{suffix}").exists():
            os.replace(f"{work}{suffix}", f"{db}{suffix}")
    lampiran = work.with_name(f"{work.stem}-lampiran")
    if lampiran.is_dir() and not db.with_name(f"{db.stem}-lampiran").exists():
        os.replace(lampiran, db.with_name(f"{db.stem}-lampiran"))
    print(f"  dibangun {db.name} dalam {time.perf_counter() - t:.0f} s", flush=True)
    return db


def run(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - t


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    polos, sandi = build(n, False), build(n, True)
    out = Path(tempfile.mkdtemp(prefix="ppid-bench-enkripsi-"))
    steps = {
        "buka + saring register (permohonan list --status selesai --json)":
            lambda db: [*_ppid(), "--db", str(db), "permohonan", "list", "--status", "selesai", "--json"],
        "ekspor Excel (ekspor register-permohonan)":
            lambda db: [*_ppid(), "--db", str(db), "ekspor", "register-permohonan", str(out / f"{db.stem}.xlsx")],
        "pustaka saja: sqlite3 vs sqlcipher3, satu pindai permohonan":
            lambda db: [sys.executable, "-c", RAW, str(db), "sandi" if db == sandi else "polos", SANDI],
    }
    runs = int(os.environ.get("PPID_BENCH_RUNS", "5"))
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    print("Enkripsi database, " + f"{n:,}".replace(",", ".") + f" permohonan (median dari {runs}, bergantian; "
          f"beban mesin {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, {os.cpu_count()} inti):")
    worst = 0.0
    for label, cmd in steps.items():
        for db in (polos, sandi):  # warm-up: the OS cache holds both files alike
            (out / f"{db.stem}.xlsx").unlink(missing_ok=True)
            run(cmd(db))
        a, b = [], []
        for _ in range(runs):
            for db in (polos, sandi):
                (out / f"{db.stem}.xlsx").unlink(missing_ok=True)
            a.append(run(cmd(polos)))
            b.append(run(cmd(sandi)))
        ma, mb = statistics.median(a), statistics.median(b)
        ratio = mb / ma
        pasangan = statistics.median(y / x for x, y in zip(a, b, strict=True))  # each pair ran back to back
        if not label.startswith("pustaka"):
            worst = max(worst, ratio)
        print(f"  {label}: tanpa enkripsi {ma:.2f} s, terenkripsi {mb:.2f} s — rasio {ratio:.2f}× "
              f"(median rasio per pasangan {pasangan:.2f}×) "
              f"(semua: {' '.join(f'{x:.2f}' for x in a)} | {' '.join(f'{x:.2f}' for x in b)})", flush=True)
    shutil.rmtree(out, ignore_errors=True)
    print(f"Rasio terburuk (aplikasi): {worst:.2f}× (target ≤ 1,2×)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
