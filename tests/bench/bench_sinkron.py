"""Benchmark (not collected by pytest): a sync package of 10,000 changed records and 200 photos of 2 MB.

    ./dev bench sinkron [--n 10000] [--foto 200] [--mb 2]

The app builds the source database itself (10,000 requests written by the bulk path, a monev session
with 200 photo evidence files), exports a ``semua`` package and imports it into a fresh database that
shares the team key. Each step runs in its own process so its peak memory (max RSS) is measured.

Baseline in the same run, on the same package: ``sqlite3.executemany`` of the same rows (read from the
package's JSON lines) into a table with the same columns, plus extracting the same photo members from
the same zip with their SHA-256 computed. Prints seconds, the ratio (target import ≤ 2× baseline) and
the peak memory (target < 300 MB).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing as mp
import os
import resource
import sqlite3
import sys
import tempfile
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ppid_desktop.master.masukan import IsianOpd

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("PPID_DATA_DIR", tempfile.mkdtemp(prefix="ppid-bench-"))


def build(src: Path, n: int, foto: int, mb: int, folder: Path) -> None:
    import random

    from ppid_desktop.core.db import bulk_insert
    from ppid_desktop.core.device import Device
    from ppid_desktop.layanan.models import Permohonan
    from ppid_desktop.services import Services

    svc = Services.open(src, device=Device(id="kantor", name="Kantor"))
    a = svc.system()
    svc.sinkron.kunci_buat(a)
    opd = svc.master.simpan_opd(a, IsianOpd.dari({"kode": "DINKES", "nama": "Dinas Kesehatan"}))
    inst = svc.monev.impor_templat(a, "kip_2025")
    prog = svc.monev.buat_program(a, "Monev Bench", inst.id, [opd.id], periode="2026")
    jadwal = svc.monev.daftar_jadwal(prog.id)[0][0]
    se = svc.monev.mulai_sesi(a, jadwal.id)
    kode = svc.monev.definisi(inst.id).pertanyaan()[0].kode
    rng = random.Random(7)
    for i in range(foto):
        p = folder / f"foto-{i}.jpg"
        p.write_bytes(b"\xff\xd8\xff\xe0" + rng.randbytes(mb * 1024 * 1024 - 4))
        svc.monev.tambah_bukti(a, se.id, kode, p)
        p.unlink()
    start = date(2026, 1, 5)
    versi = svc.master.versi_kalender()
    rows = [{"nomor": f"{i + 1}/PPID/2026", "tanggal_diterima": start + timedelta(days=i % 300), "nama": f"Pemohon {i}",
             "alamat": f"Jalan Uji {i}", "rincian": f"Informasi anggaran kegiatan nomor {i} tahun 2026",
             "tujuan": "penelitian", "tenggat": start + timedelta(days=i % 300 + 14),
             "tenggat_efektif": start + timedelta(days=i % 300 + 14), "opd_id": opd.id,
             "versi_kalender": versi} for i in range(n)]
    with svc.store.session(a) as s:
        bulk_insert(s, Permohonan, rows, "bench")
    svc.close()


def export(src: Path, pkg: Path, q: Any) -> None:
    from ppid_desktop.core.device import Device
    from ppid_desktop.services import Services

    svc = Services.open(src, device=Device(id="kantor", name="Kantor"))
    t = time.perf_counter()
    out = svc.sinkron.ekspor(svc.system(), pkg, semua=True)
    q.put((time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, out["jumlah"],
           svc.sinkron.teks_kunci(svc.system())))
    svc.close()


def impor(dst: Path, pkg: Path, kunci: str, q: Any) -> None:
    from ppid_desktop.core.device import Device
    from ppid_desktop.services import Services

    svc = Services.open(dst, device=Device(id="lapangan", name="Lapangan"))
    svc.sinkron.kunci_pasang(svc.system(), kunci)
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = time.perf_counter()
    out = svc.sinkron.impor(svc.system(), pkg)
    q.put((time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, base_rss, out["total"]))
    svc.close()


def baseline(pkg: Path, db: Path, out_dir: Path) -> tuple[float, int]:
    t = time.perf_counter()
    conn = sqlite3.connect(db)
    n = 0
    with zipfile.ZipFile(pkg) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        for tabel, info in manifest["tabel"].items():
            cols = info["kolom"]
            conn.execute(f"CREATE TABLE {tabel} ({', '.join(cols)})")
            with zf.open(f"data/{tabel}.jsonl") as fh:
                rows = [tuple(json.loads(line)["row"][c] for c in cols) for line in fh]
            with conn:
                conn.executemany(f"INSERT INTO {tabel} VALUES ({', '.join('?' * len(cols))})", rows)
            n += len(rows)
        for name in zf.namelist():
            if name.startswith("lampiran/"):
                h = hashlib.sha256()
                with zf.open(name) as src, open(out_dir / name.split("/")[1], "wb") as dst:
                    for chunk in iter(lambda src=src: src.read(1 << 20), b""):  # type: ignore[misc]
                        h.update(chunk)
                        dst.write(chunk)
                assert h.hexdigest() == name.split("/")[1]
    conn.close()
    return time.perf_counter() - t, n


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--foto", type=int, default=200)
    ap.add_argument("--mb", type=int, default=2)
    args = ap.parse_args()
    ctx = mp.get_context("spawn")
    with tempfile.TemporaryDirectory(prefix="ppid-bench-sinkron-") as tmp:
        folder = Path(tmp)
        src, dst, pkg = folder / "kantor.sqlite", folder / "lapangan.sqlite", folder / "semua.ppidsync"
        t = time.perf_counter()
        p = ctx.Process(target=build, args=(src, args.n, args.foto, args.mb, folder))
        p.start()
        p.join()
        print(f"database sumber dibangun oleh aplikasi: {time.perf_counter() - t:.1f} s")
        q = ctx.Queue()
        p = ctx.Process(target=export, args=(src, pkg, q))
        p.start()
        t_exp, rss_exp, jumlah, kunci = q.get()
        p.join()
        size = pkg.stat().st_size / 1e6
        print(f"ekspor: {t_exp:.2f} s, {sum(jumlah.values())} rekaman, paket {size:.0f} MB, puncak memori "
              f"{rss_exp / 1024:.0f} MB")
        p = ctx.Process(target=impor, args=(dst, pkg, kunci, q))
        p.start()
        t_imp, rss_imp, rss_base, total = q.get()
        p.join()
        (folder / "raw").mkdir()
        t_raw, n_raw = baseline(pkg, folder / "raw.sqlite", folder / "raw")
        ratio = t_imp / t_raw
        print(f"impor aplikasi: {t_imp:.2f} s ({total})")
        print(f"baseline sqlite3.executemany {n_raw} baris + ekstrak {args.foto} foto dengan SHA-256: {t_raw:.2f} s")
        print(f"rasio impor/baseline: {ratio:.2f}× (target ≤ 2×) — {'LULUS' if ratio <= 2 else 'GAGAL'}")
        print(f"puncak memori impor: {rss_imp / 1024:.0f} MB (proses setelah membuka database: {rss_base / 1024:.0f} MB; "
              f"target < 300 MB) — {'LULUS' if rss_imp / 1024 < 300 else 'GAGAL'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
