"""Benchmark (not collected by pytest): ``./dev bench beku [DIST]`` — the frozen build against the venv.

Builds ``build.spec`` with PyInstaller once into ``~/.cache/ppid-bench/beku/`` (keyed by the spec's
content; ``DIST`` uses an existing ``dist/ppid-desktop`` folder instead), then prints:

- the folder's size (target ≤ 200 MiB, as ``du -sm`` counts) and its largest parts;
- start-up, frozen vs venv, in fresh processes, alternating, median of ``RUNS``: ``ppid --help`` (the
  headless command) and ``ppid-desktop --smoke-test`` on a fresh database (the windowed app: start,
  create and migrate the database, open every page offscreen, quit). Target: frozen ≤ 1.2× the venv.

The frozen executables run with a clean environment (no virtualenv, no PYTHONPATH), as the frozen-build
test runs them; the venv side runs from cached bytecode, as an installed wheel does, and each side has
one warm-up run first. ``ppid --help`` no longer loads Qt in the frozen build: ``build.spec`` drops
PyInstaller's PySide6 and multiprocessing run-time hooks on Linux/macOS (see there).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path.home() / ".cache" / "ppid-bench" / "beku"
VENV_BIN = Path(sys.executable).parent
RUNS = 5
TARGET_MB = 200.0
TARGET_RATIO = 1.2


def build() -> Path:
    key = hashlib.sha256((ROOT / "build.spec").read_bytes()).hexdigest()[:10]
    dist = CACHE / key / "dist"
    folder = dist / "ppid-desktop"
    if folder.is_dir():
        return folder
    shutil.rmtree(CACHE / key, ignore_errors=True)
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--distpath",
                    str(dist), "--workpath", str(CACHE / key / "work"), str(ROOT / "build.spec")],
                   cwd=ROOT, check=True, stdin=subprocess.DEVNULL)
    print(f"build PyInstaller: {time.perf_counter() - t:.0f} s -> {folder}")
    return folder


def size_mib(path: Path) -> float:
    """MiB, as ``du -sm`` counts (the unit of the issue's 254 MB)."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20


def timed(cmd: list[str], env: dict[str, str], cwd: Path) -> float:
    t = time.perf_counter()
    p = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=600)
    dt = time.perf_counter() - t
    if p.returncode != 0:
        raise SystemExit(f"gagal: {' '.join(cmd)} (exit {p.returncode})\n{p.stdout[-2000:]}\n{p.stderr[-2000:]}")
    return dt


def main() -> int:
    folder = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else build()
    total = size_mib(folder)
    internal = folder / "_internal"
    parts = sorted(((size_mib(p) if p.is_dir() else p.stat().st_size / 2**20, p.name) for p in internal.iterdir()
                    if not p.is_symlink()), reverse=True)[:8]
    print(f"build beku {folder}: {total:.0f} MiB = {total * 2**20 / 1e6:.0f} MB desimal (target ≤ {TARGET_MB:.0f} MiB) — "
          f"{'OK' if total <= TARGET_MB else 'MELEBIHI'}")
    print("  terbesar: " + ", ".join(f"{n} {mb:.0f} MiB" for mb, n in parts))

    with tempfile.TemporaryDirectory(prefix="ppid-bench-beku-") as tmp:
        work = Path(tmp)
        clean = {"PATH": "/usr/bin:/bin", "HOME": str(work), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen",
                 "PPID_DATA_DIR": str(work / "data")}
        venv_env = {**os.environ, **clean, "PATH": f"{VENV_BIN}:/usr/bin:/bin"}
        # The frozen build carries compiled bytecode; the venv side does too (an installed wheel's .pyc),
        # not a compile of the app's modules from source at every start under PYTHONDONTWRITEBYTECODE.
        if venv_env.pop("PYTHONDONTWRITEBYTECODE", None):
            venv_env.setdefault("PYTHONPYCACHEPREFIX", str(CACHE.parent / "pycache"))
        cases = [
            ("ppid --help", [str(folder / "ppid"), "--help"], [str(VENV_BIN / "ppid"), "--help"]),
            ("ppid-desktop --smoke-test", [str(folder / "ppid-desktop"), "--smoke-test", "--db"],
             [str(VENV_BIN / "ppid-desktop"), "--smoke-test", "--db"]),
        ]
        print(f"\nmulai, beku vs venv (median {RUNS}x, bergantian; mesin dipakai bersama — angka berisik):")
        worst = 0.0
        for name, frozen_cmd, venv_cmd in cases:
            fz, vv = [], []
            timed(venv_cmd + ([str(work / "warm.sqlite")] if venv_cmd[-1] == "--db" else []), venv_env, work)
            timed(frozen_cmd + ([str(work / "warmf.sqlite")] if frozen_cmd[-1] == "--db" else []), clean, work)
            for i in range(RUNS):
                extra = [str(work / f"f{i}.sqlite")] if frozen_cmd[-1] == "--db" else []
                fz.append(timed(frozen_cmd + extra, clean, work))
                extra = [str(work / f"v{i}.sqlite")] if venv_cmd[-1] == "--db" else []
                vv.append(timed(venv_cmd + extra, venv_env, work))
            a, b = statistics.median(fz), statistics.median(vv)
            worst = max(worst, a / b)
            print(f"  {name:<28} beku {a * 1000:7.0f} ms   venv {b * 1000:7.0f} ms   rasio {a / b:4.2f}")
        print(f"rasio terburuk {worst:.2f} (target ≤ {TARGET_RATIO}) — {'OK' if worst <= TARGET_RATIO else 'MELEBIHI'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
