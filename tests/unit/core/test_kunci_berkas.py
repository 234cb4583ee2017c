"""The database lock ``<db>-kunci`` (portalocker: flock on POSIX, LockFileEx on Windows) between real
processes: many readers share it, a restore's exclusive hold excludes them and the other way round."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ppid_desktop.core.paths import KunciBerkas

HOLD = """
import sys
from pathlib import Path
from ppid_desktop.core.paths import KunciBerkas
k = KunciBerkas(Path(sys.argv[1]))
ok = k.eksklusif() if sys.argv[2] == "x" else k.bersama()
print("DAPAT" if ok else "DITOLAK", flush=True)
sys.stdin.readline()
k.lepas()
"""


def _holder(db: Path, mode: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", HOLD, str(db), mode], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)


def _first_line(proc: subprocess.Popen[str]) -> str:
    assert proc.stdout is not None
    return proc.stdout.readline().strip()


def test_shared_holders_coexist_and_exclude_an_exclusive_taker(tmp_path: Path) -> None:
    db = tmp_path / "ppid.sqlite"
    a, b = _holder(db, "s"), _holder(db, "s")
    try:
        assert _first_line(a) == "DAPAT" and _first_line(b) == "DAPAT"
        assert KunciBerkas(db).eksklusif() is False
    finally:
        a.communicate("\n", timeout=60)
        b.communicate("\n", timeout=60)
    mine = KunciBerkas(db)
    assert mine.eksklusif() is True  # both gone: the restore may swap
    mine.lepas()


def test_an_exclusive_holder_refuses_openers_until_it_lets_go(tmp_path: Path) -> None:
    db = tmp_path / "ppid.sqlite"
    x = _holder(db, "x")
    try:
        assert _first_line(x) == "DAPAT"
        assert KunciBerkas(db).bersama() is False
        other = _holder(db, "s")
        assert _first_line(other) == "DITOLAK"
        other.communicate("\n", timeout=60)
    finally:
        x.communicate("\n", timeout=60)
    k = KunciBerkas(db)
    assert k.bersama() is True
    k.lepas()
    assert Path(f"{db}-kunci").exists()
