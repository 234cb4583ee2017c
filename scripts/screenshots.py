"""Regenerate the README screenshots, offscreen: ``./dev screenshots``.

Runs the screen check anyone can run (``ppid-desktop --smoke-test --tangkap DIR --ukuran 1366x768``: every
page and main dialog on a fresh demo database, at the size of an office laptop) and copies the pictures
the README and the user guide show into ``docs/screenshots/``. Fails when the screen check fails.

Options: ``--out DIR`` (default docs/screenshots), ``--ukuran WxH`` (default 1366x768),
``--semua`` (copy every window the check took, not only the README set).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# name in the screen check -> name in docs/screenshots (the README links these)
README_SET = {
    "beranda": "beranda", "layanan": "layanan", "monev": "monev", "naskah": "naskah", "rekap": "rekap",
    "sinkron": "sinkron", "master": "master", "pengaturan": "pengaturan", "pertama": "first-run",
    "masuk": "login", "permohonan-baru": "permohonan-baru", "sesi-monev": "sesi-monev",
    "pratinjau-pdf": "pratinjau-pdf",
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    ap.add_argument("--ukuran", default="1366x768")
    ap.add_argument("--semua", action="store_true")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="ppid-screenshots-") as tmp:
        folder = Path(tmp) / "layar"
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
        res = subprocess.run([sys.executable, "-m", "ppid_desktop.app", "--smoke-test", "--tangkap", str(folder),
                              "--ukuran", args.ukuran], cwd=ROOT, env=env)
        if res.returncode != 0:
            print(f"Pemeriksaan layar gagal (kode {res.returncode}); lihat {folder}/laporan.json", file=sys.stderr)
            return res.returncode
        args.out.mkdir(parents=True, exist_ok=True)
        pairs = {p.stem: p.stem for p in folder.glob("*.png")} if args.semua else README_SET
        written = 0
        for source, target in sorted(pairs.items()):
            png = folder / f"{source}.png"
            if png.is_file():
                shutil.copyfile(png, args.out / f"{target}.png")
                written += 1
                print(f"  {(args.out / f'{target}.png').relative_to(ROOT) if args.out.is_relative_to(ROOT) else target}")
    print(f"{written} tangkapan layar ditulis ke {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
