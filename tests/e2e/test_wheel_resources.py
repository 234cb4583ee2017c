"""An installed wheel finds resources/ and db/ the same way the source tree does."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_bundles_resources_and_migrations(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(out),
                    str(ROOT)], check=True, cwd=tmp_path)
    wheel = next(out.glob("ppid_desktop-*.whl"))
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    code = ("from ppid_desktop.core import paths; "
            "print(paths.resource('fonts', 'LiberationSans-Regular.ttf')); print(paths.migrations_dir() / 'env.py')")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                         env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}, check=True)
    font, env = (Path(line) for line in res.stdout.split())
    assert site in font.parents and font.is_file()
    assert "_bundle" in font.parts
    assert env.is_file() and (env.parent / "versions" / "0001_foundation.py").is_file()
    # the user guides (Bantuan › Panduan pengguna) ship too, without the screenshots
    docs = site / "ppid_desktop" / "_bundle" / "docs"
    assert (docs / "panduan.md").is_file() and (docs / "layanan.md").is_file()
    assert not (docs / "screenshots").exists()
