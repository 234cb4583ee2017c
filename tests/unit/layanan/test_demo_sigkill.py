"""A demo generation killed (SIGKILL, a real process) in the middle of its bulk load leaves a consistent
database: the requests' unit of work is one transaction, so nothing of it is there — no request, no
history row, the dropped register indexes and search triggers still in place — and the next demo run
fills it normally."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ppid_desktop.services import Services
from tests.conftest import TEST_DEVICE

CHILD = textwrap.dedent("""
    import os, signal, sys
    from datetime import date
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    marker, k = sys.argv[2], int(sys.argv[3])
    seen = [0]
    def count(_conn, _cursor, statement, *_a):
        if statement.lstrip().startswith(marker):
            seen[0] += 1
            if seen[0] >= k:
                os.kill(os.getpid(), signal.SIGKILL)
    event.listen(Engine, "before_cursor_execute", count)
    from ppid_desktop import demo
    from ppid_desktop.services import Services
    svc = Services.open(sys.argv[1])
    demo.fill(svc, svc.system(), demo.DemoOptions(permohonan=6000, today=date(2026, 6, 15)))
    print("SELESAI", flush=True)
""")

# (statement prefix, occurrence): the second batch of requests, an index being rebuilt, the search
# table being filled after the load.
KILLS = [("INSERT INTO permohonan (", 2), ("CREATE INDEX", 3), ("INSERT INTO permohonan_fts(permohonan_fts)", 1)]


def _schema(db: Path) -> set[tuple[str, str]]:
    con = sqlite3.connect(db)
    try:
        return {(t, n) for t, n in con.execute(
            "SELECT type, name FROM sqlite_master WHERE tbl_name IN ('permohonan', 'riwayat_layanan', 'keberatan') "
            "AND type IN ('index', 'trigger')")}
    finally:
        con.close()


@pytest.mark.parametrize(("marker", "k"), KILLS, ids=["batch", "index", "fts"])
def test_killed_demo_leaves_a_consistent_database(tmp_path: Path, marker: str, k: int) -> None:
    db = tmp_path / "demo.sqlite"
    Services.open(db, device=TEST_DEVICE).close()
    before = _schema(db)
    assert ("index", "ix_permohonan_tanggal") in before and ("trigger", "permohonan_fts_ai") in before
    p = subprocess.run([sys.executable, "-c", CHILD, str(db), marker, str(k)], capture_output=True, text=True,
                       timeout=600)
    assert p.returncode == -9, (p.returncode, p.stdout[-2000:], p.stderr[-4000:])  # killed, not finished

    assert _schema(db) == before  # the dropped indexes and triggers came back with the rollback
    svc = Services.open(db, device=TEST_DEVICE)
    try:
        assert svc.store.integrity_check() == []
        with svc.store.raw() as conn:
            for table in ("permohonan", "riwayat_layanan", "keberatan", "sengketa"):
                assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
            conn.execute("INSERT INTO permohonan_fts(permohonan_fts) VALUES ('integrity-check')")
        from ppid_desktop import demo

        got = demo.fill(svc, svc.system(), demo.DemoOptions(permohonan=300))
        assert got["layanan"]["permohonan"] == 300
    finally:
        svc.close()
