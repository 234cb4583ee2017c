"""Benchmark (not collected by pytest): ``./dev bench perbarui [N]`` — re-encrypting a database of the earlier
release (4 KiB pages, HMAC-SHA512) with the current settings (16 KiB, HMAC-SHA256): how long the first
sign-in after the update waits.

The database of ``N`` requests (default 100,000) is the plaintext one ``bench_enkripsi`` builds with the app
(``ppid init --tanpa-enkripsi`` + ``ppid demo``), encrypted once by the app's own conversion with the old
settings (``kunci_db.enkripsi`` under a key file without a ``sqlcipher`` record, as the earlier release wrote
it) and cached. Each run starts from a fresh copy of it and times, in its own process:

- the app: ``ppid enkripsi --perbarui`` (sign-in with argon2id, lock, checkpoint, ``sqlcipher_export``,
  integrity check and row counts of both files, safety copy, swap, key-file record);
- the library alone: ``sqlcipher3`` attaching a new file with the new settings and ``sqlcipher_export`` into
  it (the same data key), nothing else.

Prints the medians of ``PPID_BENCH_RUNS`` alternating runs (default 3) and the ratio app / library.
"""

from __future__ import annotations

import json
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
sys.path.insert(0, str(Path(__file__).resolve().parent))

SANDI = "rahasia123"
RAW = r'''
import sys
from ppid_desktop.core import kunci_db
key = kunci_db.buka(sys.argv[1], "admin", sys.argv[3])
con = kunci_db.modul_cipher().connect(sys.argv[1])
con.isolation_level = None
kunci_db.pasang_kunci(con, key, kunci_db.SETELAN_LAMA)
con.execute(f"ATTACH DATABASE ? AS baru KEY \"x'{key.hex()}'\"", (sys.argv[2],))
kunci_db.pasang_kunci(con, key, kunci_db.SETELAN_BARU, skema="baru")
con.execute("SELECT sqlcipher_export('baru')")
con.execute("DETACH DATABASE baru")
con.close()
'''


def _env() -> dict[str, str]:
    return {**os.environ, "PPID_PENGGUNA": "admin", "PPID_KATA_SANDI": SANDI}


def build(n: int) -> Path:
    """The app-built plaintext database of ``n`` requests, encrypted with the earlier release's settings."""
    import bench_enkripsi

    from ppid_desktop.core import kunci_db
    from ppid_desktop.services import Services

    polos = bench_enkripsi.build(n, False)
    db = polos.with_name(polos.stem.replace("-polos", "-lama4k") + ".sqlite")
    if db.exists() and kunci_db.berkas_kunci(db).exists():
        return db
    t = time.perf_counter()
    work = db.with_name(db.name + ".bangun.sqlite")
    shutil.copyfile(polos, work)
    svc = Services.open(work)
    try:
        hashes = svc.akun.hash_untuk_kunci(svc.akun.authenticate("admin", SANDI))
    finally:
        svc.close()
    key, _ = kunci_db.buat(work, "admin", SANDI)
    data = json.loads(kunci_db.berkas_kunci(work).read_text())
    del data["sqlcipher"]  # as the earlier release wrote it: SQLCipher's defaults
    kunci_db._tulis(work, data)
    kunci_db.tambah_dari_hash(work, {u: h for u, h in hashes.items() if u != "admin"})
    kunci_db.enkripsi(work, key)
    Services.open(work).close()  # its keyring, made at the first open
    for suffix in (".kunci", ".kunci-data", ""):
        if Path(f"{work}{suffix}").exists():
            os.replace(f"{work}{suffix}", f"{db}{suffix}")
    print(f"  dibangun {db.name} dalam {time.perf_counter() - t:.0f} s", flush=True)
    return db


def _salin(src: Path, folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    dst = folder / "ppid.sqlite"
    for suffix in ("", ".kunci", ".kunci-data"):
        if Path(f"{src}{suffix}").exists():
            shutil.copyfile(f"{src}{suffix}", f"{dst}{suffix}")
    return dst


def _waktu(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    return time.perf_counter() - t


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    lama = build(n)
    work = Path(tempfile.mkdtemp(prefix="ppid-bench-perbarui-"))
    ppid = Path(sys.executable).parent / "ppid"
    runs = int(os.environ.get("PPID_BENCH_RUNS", "3"))
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    print("Perbarui enkripsi, " + f"{n:,}".replace(",", ".") + f" permohonan, {lama.stat().st_size / 1e6:.0f} MB "
          f"(median dari {runs}, bergantian; beban mesin {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, "
          f"{os.cpu_count()} inti):", flush=True)
    app, raw = [], []
    try:
        for _ in range(runs):
            db = _salin(lama, work / "app")
            app.append(_waktu([str(ppid), "--db", str(db), "enkripsi", "--perbarui"]))
            db = _salin(lama, work / "raw")
            raw.append(_waktu([sys.executable, "-c", RAW, str(db), str(work / "raw" / "baru.sqlite"), SANDI]))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    ma, mr = statistics.median(app), statistics.median(raw)
    print(f"  aplikasi (ppid enkripsi --perbarui): {ma:.1f} s; pustaka saja (sqlcipher_export): {mr:.1f} s — "
          f"rasio {ma / mr:.2f}× (semua: {' '.join(f'{x:.1f}' for x in app)} | {' '.join(f'{x:.1f}' for x in raw)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
