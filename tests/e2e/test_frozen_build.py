"""The frozen build: PyInstaller builds ``build.spec`` into a temporary folder, then the frozen
``ppid-desktop --smoke-test`` and ``ppid`` run from it, from a neutral working directory, with an
environment that points nowhere near the source tree.

Skipped only when PyInstaller is not importable, and never in CI (``CI=true``): there a missing
PyInstaller is a failure.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest

from ppid_desktop.core.db import head_revision
from ppid_desktop.ui.sections import SECTIONS

# The build alone may take 25 minutes on a loaded machine (its subprocess timeout is 1500 s).
pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "build.spec"
BUILD_BUDGET_S = 240  # say so when the build takes longer than 4 minutes


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


@dataclass
class Frozen:
    folder: Path
    seconds: float

    @property
    def app(self) -> Path:
        return self.folder / "ppid-desktop"

    @property
    def cli(self) -> Path:
        return self.folder / "ppid"


@pytest.fixture(scope="module")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> Frozen:
    if importlib.util.find_spec("PyInstaller") is None:
        if _in_ci():
            pytest.fail("PyInstaller tidak terpasang, padahal CI wajib menguji build beku (pip install -e '.[dev]')")
        pytest.skip("PyInstaller tidak terpasang")
    base = tmp_path_factory.mktemp("frozen")
    started = time.monotonic()
    p = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(base / "dist"), "--workpath", str(base / "work"), str(SPEC)],
        cwd=ROOT, capture_output=True, text=True, timeout=1500, stdin=subprocess.DEVNULL,
    )
    seconds = time.monotonic() - started
    assert p.returncode == 0, f"PyInstaller gagal (exit {p.returncode}):\n{p.stdout[-4000:]}\n{p.stderr[-8000:]}"
    if seconds > BUILD_BUDGET_S:
        warnings.warn(f"build PyInstaller memakan {seconds:.0f} detik (> {BUILD_BUDGET_S})", stacklevel=1)
    folder = base / "dist" / "ppid-desktop"
    assert folder.is_dir(), sorted(p.name for p in (base / "dist").iterdir())
    return Frozen(folder=folder, seconds=seconds)


def _run(exe: Path, *args: str, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    # A clean environment: no virtualenv, no PYTHONPATH, no source tree on the way.
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(cwd),
        "LANG": "C.UTF-8",
        "PPID_DATA_DIR": str(cwd / "data"),
        "QT_QPA_PLATFORM": "offscreen",
        "PPID_PENGGUNA": "admin",  # the CLI signs in; init/demo make this first Admin
        "PPID_KATA_SANDI": "rahasia123",
    }
    return subprocess.run([str(exe), *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL)


def _ok(p: subprocess.CompletedProcess[str]) -> str:
    assert p.returncode == 0, f"exit {p.returncode}\n--- stdout\n{p.stdout}\n--- stderr\n{p.stderr}"
    return p.stdout


def test_layout_has_both_executables_and_bundled_resources(frozen: Frozen) -> None:
    assert os.access(frozen.app, os.X_OK)
    assert os.access(frozen.cli, os.X_OK)
    internal = frozen.folder / "_internal"
    assert (internal / "resources" / "style" / "app.qss").is_file()
    assert (internal / "resources" / "icons" / "app.svg").is_file()
    assert sorted(p.name for p in (internal / "db" / "versions").glob("0*.py"))
    platforms = {p.name for p in (internal / "PySide6" / "Qt" / "plugins" / "platforms").iterdir()}
    assert {"libqoffscreen.so", "libqxcb.so"} <= platforms
    assert not list(internal.rglob("libQt6Quick*")), "QtQuick mestinya tidak ikut dibundel"
    assert not list(internal.rglob("libQt6WebEngine*"))


SIZE_BUDGET_MIB = 200  # issue #15: the trimmed one-folder build, as ``du -sm`` counts it (254 before)


def test_build_is_trimmed(frozen: Frozen) -> None:
    """≤ 200 MiB: stripped libraries, no test fixtures, no dev-only packages, no Pillow AVIF codec."""
    files = [p for p in frozen.folder.rglob("*") if p.is_file() and not p.is_symlink()]
    total_mib = sum(p.stat().st_size for p in files) / 2**20
    largest = sorted(files, key=lambda p: p.stat().st_size, reverse=True)[:5]
    assert total_mib <= SIZE_BUDGET_MIB, (round(total_mib), [(p.name, p.stat().st_size >> 20) for p in largest])
    internal = frozen.folder / "_internal"
    assert not (internal / "db" / "fixtures").exists(), "fixture uji tidak ikut dibundel"
    assert (internal / "db" / "env.py").is_file() and (internal / "db" / "script.py.mako").is_file()
    assert not list(internal.rglob("libavif*"))
    toc = next((frozen.folder.parents[1] / "work").rglob("PYZ-00.toc")).read_text(encoding="utf-8")
    for dev_only in ("rich", "pygments", "markdown_it"):
        assert f"('{dev_only}'," not in toc and f"('{dev_only}." not in toc, dev_only


def test_frozen_smoke_test(frozen: Frozen, tmp_path: Path) -> None:
    db = tmp_path / "beku.sqlite"
    out = _ok(_run(frozen.app, "--smoke-test", "--db", str(db), cwd=tmp_path))
    assert f"Uji asap berhasil: {len(SECTIONS)} halaman dibuka ({db})." in out
    assert db.is_file()


def test_frozen_cli_init_demo_check_and_calendar(frozen: Frozen, tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite"
    out = _ok(_run(frozen.cli, "--db", str(db), "init", cwd=tmp_path))
    assert f"Database: {db}" in out
    assert f"Revisi skema: {head_revision()}" in out
    _ok(_run(frozen.cli, "--db", str(db), "demo", "--permohonan", "20", "--opd", "5", cwd=tmp_path))
    assert "Keutuhan: baik" in _ok(_run(frozen.cli, "--db", str(db), "check", cwd=tmp_path))
    # holidays' Indonesian names come from gettext catalogues that must be bundled.
    data = json.loads(_ok(_run(frozen.cli, "--db", str(db), "kalender", "tenggat", "2026-03-16", "10", "--json",
                               cwd=tmp_path)))
    assert data.get("tenggat", data.get("jatuh_tempo")) == "2026-04-07"
    assert any("Nyepi" in d["alasan"] for d in data["hari_dilewati"])
    # a large demo is drawn by a child process: the frozen ``ppid`` starts its sibling ``ppid _demo-baris``
    besar = tmp_path / "besar.sqlite"
    got = json.loads(_ok(_run(frozen.cli, "--db", str(besar), "demo", "--permohonan", "20000", "--opd", "5",
                              "--tanpa-enkripsi", "--json", cwd=tmp_path)))
    assert got["layanan"]["permohonan"] == 20000 and got["layanan"]["proses_anak"] == 1, got["layanan"]


def test_frozen_app_starts_on_the_demo_database(frozen: Frozen, tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite"
    _ok(_run(frozen.cli, "--db", str(db), "demo", "--permohonan", "30", "--opd", "8", cwd=tmp_path))
    out = _ok(_run(frozen.app, "--smoke-test", "--db", str(db), cwd=tmp_path))
    assert "Uji asap berhasil" in out


def test_frozen_cli_help_loads_no_qt(frozen: Frozen, tmp_path: Path) -> None:
    """``ppid --help`` in the frozen build loads neither Qt nor the multiprocessing helpers: PyInstaller's
    PySide6 run-time hook (which imports QtCore at every start) and its multiprocessing hook are replaced
    by a hook that only sets the plugin paths (issue #15: frozen start within 1.2x of the venv). glibc's
    loader names every shared library it maps when ``LD_DEBUG=files`` is set."""
    env_debug = {"LD_DEBUG": "files"}
    p = subprocess.run([str(frozen.cli), "--help"], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                       env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8", **env_debug},
                       stdin=subprocess.DEVNULL)
    assert p.returncode == 0, p.stderr[-4000:]
    assert "perintah" in p.stdout
    loaded = p.stderr
    assert "libpython3" in loaded, "LD_DEBUG tidak melaporkan pustaka yang dimuat"
    for heavy in ("libQt6Core", "libshiboken6", "libicu", "_posixsubprocess", "_socket"):
        assert heavy not in loaded, f"ppid --help memuat {heavy}"
