"""Benchmark (not collected by pytest): ``./dev bench enkripsi [N]`` — encryption on vs off, side by side.

Two databases of ``N`` requests (default 100,000) built by the app itself, with the same demo seed:
``ppid init --tanpa-enkripsi`` + ``ppid demo`` (plaintext) and ``ppid init`` + ``ppid demo`` (SQLCipher),
cached beside ``bench_register``'s. Each measured step is the real command in its own process, alternating
plaintext/encrypted, best of three:

- opening and filtering the register: ``ppid permohonan list --status selesai --json`` (to /dev/null);
- the Excel export: ``ppid ekspor register-permohonan``;
- for reference, the libraries alone: one full scan of ``permohonan`` by ``sqlite3`` vs ``sqlcipher3``.

Prints seconds and the ratio encrypted/plaintext per step. Target: ≤ 1.2×.
"""

from __future__ import annotations

import os
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
    db = base.with_name(base.stem.replace("register-", "enkripsi-") + ("-sandi" if sandi else "-polos") + ".sqlite")
    if db.exists():
        return db
    db.parent.mkdir(parents=True, exist_ok=True)
    work = db.with_name(db.name + ".bangun")
    for p in work.parent.glob(work.name + "*"):
        p.unlink()
    t = time.perf_counter()
    init = [*_ppid(), "--db", str(work), "init"] + ([] if sandi else ["--tanpa-enkripsi"])
    subprocess.run(init, check=True, env=_env(), stdout=subprocess.DEVNULL)
    subprocess.run([*_ppid(), "--db", str(work), "demo", "--permohonan", str(n), "--seed", "2026"], check=True,
                   env=_env(), stdout=subprocess.DEVNULL)
    for suffix in ("", ".kunci"):
        if Path(f"{work}{suffix}").exists():
            os.replace(f"{work}{suffix}", f"{db}{suffix}")
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
    print(f"Enkripsi database, {n:,}".replace(",", ".") + " permohonan (terbaik dari 3, bergantian):")
    worst = 0.0
    for label, cmd in steps.items():
        a, b = [], []
        for _ in range(3):
            for db in (polos, sandi):
                (out / f"{db.stem}.xlsx").unlink(missing_ok=True)
            a.append(run(cmd(polos)))
            b.append(run(cmd(sandi)))
        ratio = min(b) / min(a)
        if not label.startswith("pustaka"):
            worst = max(worst, ratio)
        print(f"  {label}: tanpa enkripsi {min(a):.2f} s, terenkripsi {min(b):.2f} s — rasio {ratio:.2f}×")
    print(f"Rasio terburuk (aplikasi): {worst:.2f}× (target ≤ 1,2×)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
