"""Benchmark (not collected by pytest): ``./dev bench lampiran [MB]`` — attachments encrypted at rest.

On a database the app itself creates (``ppid init``, encrypted, its own sealed keyring), one evidence file of
``MB`` megabytes (default 50, the monev cap) of incompressible bytes:

- app: ``core.lampiran.simpan`` (hash + chunked AES-256-GCM + fsync + rename) and ``baca`` (decrypt +
  SHA-256 check), each the median of ``PPID_BENCH_RUNS`` runs (default 5);
- raw baseline, the same library in the same run: ``cryptography``'s AESGCM over the same 1 MiB chunks
  plus ``hashlib.sha256`` and a plain write (resp. read + decrypt + hash), no app code;
- the clear copy the earlier release made (``shutil.copyfile``), for reference.

Prints median seconds, MB/s and the ratio app/raw (target ≤ 1.5×) and the peak memory of a ``baca`` of the
whole file vs a streamed ``salin`` (the streamed read stays near one chunk).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def _median(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> int:
    mb = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    runs = int(os.environ.get("PPID_BENCH_RUNS", "5"))
    work = Path(tempfile.mkdtemp(prefix="ppid-bench-lampiran-"))
    os.environ["PPID_DATA_DIR"] = str(work / "data")
    os.environ.setdefault("PPID_PENGGUNA", "admin")
    os.environ.setdefault("PPID_KATA_SANDI", "rahasia123")
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    from ppid_desktop import cli
    from ppid_desktop.core import aliran, lampiran
    from ppid_desktop.services import Services

    try:
        db = work / "kantor" / "ppid.sqlite"
        with contextlib.redirect_stdout(io.StringIO()):  # the recovery key of a throw-away database
            if cli.main(["--db", str(db), "init", "--json"]) != 0:
                return 2
        src = work / "video.bin"
        src.write_bytes(os.urandom(mb * 1024 * 1024))
        svc = Services.open(db)
        try:
            store = svc.store
            assert svc.store.kunci is not None  # encrypted database: its own sealed keyring

            def app_simpan() -> None:
                for f in lampiran.folder(store).rglob("*"):
                    if f.is_file():
                        f.unlink()
                lampiran.simpan(store, src)

            key = os.urandom(32)
            raw_target = work / "raw.bin"

            def raw_simpan() -> None:
                h = hashlib.sha256()
                aes = AESGCM(key)
                with open(src, "rb") as fh, open(raw_target, "wb") as out:
                    for i, chunk in enumerate(iter(lambda: fh.read(aliran.CHUNK), b"")):
                        h.update(chunk)
                        out.write(aes.encrypt(os.urandom(4) + i.to_bytes(8, "big"), chunk, None))
                    out.flush()
                    os.fsync(out.fileno())

            def raw_baca() -> None:
                aes = AESGCM(key)
                h = hashlib.sha256()
                buf = io.BytesIO()
                with open(src, "rb") as fh:  # encrypt once more in memory to have something to open
                    blobs = [(os.urandom(12), aes.encrypt(b"\0" * 12, c, None)) for c in iter(lambda: fh.read(aliran.CHUNK), b"")]
                t = time.perf_counter()
                for _, ct in blobs:
                    pt = aes.decrypt(b"\0" * 12, ct, None)
                    h.update(pt)
                    buf.write(pt)
                raw_baca.elapsed = time.perf_counter() - t  # type: ignore[attr-defined]

            digest = hashlib.sha256(src.read_bytes()).hexdigest()
            t_app_w = _median(app_simpan, runs)
            t_raw_w = _median(raw_simpan, runs)
            t_app_r = _median(lambda: lampiran.baca(store, digest), runs)
            reads = []
            for _ in range(runs):
                raw_baca()
                reads.append(raw_baca.elapsed)  # type: ignore[attr-defined]
            t_raw_r = statistics.median(reads)
            t_copy = _median(lambda: shutil.copyfile(src, work / "polos.bin"), runs)
            tracemalloc.start()
            lampiran.baca(store, digest)
            peak_baca = tracemalloc.get_traced_memory()[1]
            tracemalloc.reset_peak()
            with open(os.devnull, "wb") as null:
                lampiran.salin(store, digest, null)
            peak_salin = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        finally:
            svc.close()
        print(f"load average: {os.getloadavg()}")
        print(f"file: {mb} MB, {runs} runs, medians")
        for name, app, raw in (("simpan (write)", t_app_w, t_raw_w), ("baca (read)", t_app_r, t_raw_r)):
            print(f"{name:16} app {app:7.3f} s ({mb / app:7.1f} MB/s)   raw AESGCM+sha256 {raw:7.3f} s "
                  f"({mb / raw:7.1f} MB/s)   ratio {app / raw:5.2f}x")
        print(f"clear copy (earlier release) {t_copy:7.3f} s")
        print(f"peak memory: baca {peak_baca / 2**20:6.1f} MiB, streamed salin {peak_salin / 2**20:6.1f} MiB")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
