"""A large demo is a bulk load (#15): its rows are drawn by a child process (``ppid _demo-baris``) while the
writer writes, under SQLite's rollback journal. Real processes throughout: the child draws exactly the rows
the writer would draw itself; a writer killed mid-load takes its child along and leaves nothing (the hot
journal is rolled back at the next open, the file returns to WAL); a child killed mid-load is an Indonesian
error with exit 2 and nothing kept; the rollback journal is only taken when no one else has the file open."""

from __future__ import annotations

import json
import os
import random
import select
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

from ppid_desktop import demo
from ppid_desktop.layanan import demo as LD  # noqa: N812
from ppid_desktop.layanan.demo_baris import TABEL, baris, jumlah_potongan
from ppid_desktop.master import demo as master_demo
from ppid_desktop.services import Services
from tests.conftest import TEST_DEVICE

TODAY = date(2026, 6, 15)

# A writer process with two hooks: it prints the drawing child's pid when it starts one, and at the k-th
# statement starting with the marker it kills either itself or that child (SIGKILL).
WRITER = textwrap.dedent("""
    import os, signal, subprocess, sys
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    db, marker, k, who = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    children = []
    class Popen(subprocess.Popen):
        def __init__(self, *a, **kw):
            super().__init__(*a, **kw)
            children.append(self.pid)
            print("ANAK", self.pid, flush=True)
    subprocess.Popen = Popen
    seen = [0]
    def count(_conn, _cursor, statement, *_a):
        if statement.lstrip().startswith(marker):
            seen[0] += 1
            if seen[0] == k:
                os.kill(os.getpid() if who == "penulis" else children[0], signal.SIGKILL)
    event.listen(Engine, "before_cursor_execute", count)
    from ppid_desktop import cli
    sys.exit(cli.main(["--db", db, "demo", "--permohonan", "20000"]))
""")


def _plan(tmp_path: Path, n: int) -> LD.Rencana:
    svc = Services.open(tmp_path / "rencana.sqlite", device=TEST_DEVICE)
    try:
        master_demo.fill(svc, svc.system(), random.Random(5), demo.DemoOptions())
        plan = LD.rencana(svc, svc.system(), 77, n, TODAY)
        assert plan is not None
        return plan
    finally:
        svc.close()


def test_the_children_draw_exactly_the_rows_of_the_plan(tmp_path: Path) -> None:
    plan = _plan(tmp_path, 12_000)  # three chunks
    here = list(baris(plan))
    there = list(LD._dari_anak(plan, anak=2))  # two real ``ppid _demo-baris`` processes taking turns
    assert len(there) == jumlah_potongan(plan) == 3
    assert sum(len(isi["permohonan"]) for isi in there) == 12_000
    assert there == here  # the same tuples, ids included (the plan fixes the seed and the first id)
    ids = [row[0] for isi in there for table in TABEL for row in isi[table]]
    assert len(ids) == len(set(ids))  # each chunk its own block of record ids


def _init(db: Path, env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-m", "ppid_desktop.cli", "--db", str(db), "init", "--tanpa-enkripsi"],
                   env=env, check=True, capture_output=True, timeout=120)


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "PPID_DATA_DIR": str(tmp_path / "data"), "PPID_PENGGUNA": "admin",
            "PPID_KATA_SANDI": "rahasia-demo-2026"}


def _await_exit(pid: int) -> None:
    """Wait (without polling) until process ``pid`` — not our child — has ended."""
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return  # already gone
    try:
        ready, _, _ = select.select([fd], [], [], 60)
        assert ready, f"proses anak {pid} masih hidup setelah penulisnya mati"
    finally:
        os.close(fd)


def _empty_and_whole(db: Path) -> None:
    svc = Services.open(db, device=TEST_DEVICE)
    try:
        assert svc.store.integrity_check() == []
        with svc.store.raw() as conn:
            for table in TABEL:
                assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            names = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE tbl_name = 'permohonan'")}
            assert {"ix_permohonan_tanggal", "permohonan_fts_ai"} <= names  # the dropped DDL came back
    finally:
        svc.close()


def test_a_killed_writer_takes_its_children_along_and_keeps_nothing(tmp_path: Path) -> None:
    db, env = tmp_path / "demo.sqlite", _env(tmp_path)
    _init(db, env)
    p = subprocess.run([sys.executable, "-c", WRITER, str(db), "INSERT INTO permohonan (", "2", "penulis"],
                       env=env, capture_output=True, text=True, timeout=600)
    assert p.returncode == -9, (p.returncode, p.stdout[-2000:], p.stderr[-4000:])
    pids = [int(line.split()[1]) for line in p.stdout.splitlines() if line.startswith("ANAK ")]
    assert len(pids) == min(LD.ANAK, os.cpu_count() or 1)
    for pid in pids:
        _await_exit(pid)  # each child's next write found no reader
    journal = Path(f"{db}-journal")
    assert journal.exists()  # the load ran under the rollback journal: a hot journal is left
    _empty_and_whole(db)  # ... and rolled back by the next open, which returns the file to WAL
    assert not journal.exists()


def test_a_killed_child_is_a_clear_error_and_keeps_nothing(tmp_path: Path) -> None:
    db, env = tmp_path / "demo.sqlite", _env(tmp_path)
    _init(db, env)
    p = subprocess.run([sys.executable, "-c", WRITER, str(db), "INSERT INTO permohonan (", "2", "anak"],
                       env=env, capture_output=True, text=True, timeout=600)
    assert p.returncode == 2, (p.returncode, p.stdout[-2000:], p.stderr[-4000:])
    assert "Pembuat data demo (proses anak) berhenti sebelum selesai" in p.stderr
    assert "Traceback" not in p.stderr
    _empty_and_whole(db)
    again = subprocess.run([sys.executable, "-m", "ppid_desktop.cli", "--db", str(db), "demo", "--permohonan", "20000",
                            "--json"], env=env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr[-3000:]
    assert json.loads(again.stdout)["layanan"]["proses_anak"] == 1  # drawn by the child, not in the writer
    con = sqlite3.connect(db)
    try:
        assert con.execute("SELECT count(*) FROM permohonan").fetchone()[0] == 20_000
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        con.close()


@pytest.mark.parametrize("busy", [False, True], ids=["alone", "file-in-use"])
def test_a_bulk_unit_of_work_takes_the_rollback_journal_only_when_alone(tmp_path: Path, busy: bool) -> None:
    db = tmp_path / "t.sqlite"
    svc = Services.open(db, device=TEST_DEVICE)
    other = None
    try:
        if busy:  # another process holds the file open in WAL (a reader that stays)
            other = subprocess.Popen([sys.executable, "-c", (
                "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('SELECT count(*) FROM sqlite_master').fetchall(); "
                "print('siap', flush=True); sys.stdin.read()"), str(db)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
            assert other.stdout is not None and other.stdout.readline().strip() == "siap"
        with svc.store.session(svc.system(), massal=True) as s:
            mode = s.connection().exec_driver_sql("PRAGMA journal_mode").scalar()
            s.connection().exec_driver_sql("CREATE TABLE t_massal (x)")
        assert mode == ("wal" if busy else "delete")
        with svc.store.raw() as conn:
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert conn.execute("SELECT count(*) FROM t_massal").fetchone()[0] == 0  # committed
    finally:
        if other is not None:
            other.communicate("", timeout=30)
        svc.close()


def test_a_child_given_no_plan_reports_its_error_in_a_frame() -> None:
    """What the writer reads when the child fails on its own: one frame ``("galat", text)``, exit 1, no
    traceback on its stdout (the writer turns it into an Indonesian message)."""
    import marshal

    p = subprocess.run([sys.executable, "-m", "ppid_desktop.cli", "_demo-baris"], input=b"bukan rencana",
                       capture_output=True, timeout=120)
    assert p.returncode == 1
    size = int.from_bytes(p.stdout[:8], "big")
    assert len(p.stdout) == 8 + size
    kind, text = marshal.loads(p.stdout[8:])
    assert kind == "galat" and "Unpickling" in text
