"""Keyset pagination of the register: paging through while another real process inserts requests loses
no row that was there and shows no row twice; the streamed export holds one page, not the register."""

from __future__ import annotations

import multiprocessing as mp
import random
import tracemalloc
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from ppid_desktop import demo
from ppid_desktop.core.db import Store, bulk_insert
from ppid_desktop.layanan.models import Permohonan
from ppid_desktop.layanan.queries import PermohonanSource, RegisterFilter, register_rows
from ppid_desktop.schema import metadata
from ppid_desktop.services import Services
from tests.conftest import TEST_DEVICE, make_actor

TODAY = date(2026, 6, 15)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("keyset") / "demo.sqlite"
    svc = Services.open(db, device=TEST_DEVICE)
    demo.fill(svc, svc.system(), demo.DemoOptions(permohonan=1500, today=TODAY))
    svc.close()
    return db


def _inserter(db: str, started: Any, inserted: Any, stop: Any) -> None:
    """Another process: inserts requests with dates and names spread over the whole register (so new rows
    land before, inside and after the page being read) until told to stop."""
    store = Store.open(db, metadata)
    rng = random.Random(7)
    actor = make_actor("Admin", username="proses-lain")
    try:
        while not stop.is_set():
            rows = []
            for _ in range(5):
                d = TODAY - timedelta(days=rng.randint(0, 730))
                rows.append({"nomor": f"X/{rng.randint(0, 10**9)}", "tanggal_diterima": d,
                             "nama": f"{rng.choice('ABMZ')}sisipan {rng.randint(0, 999)}", "rincian": "sisipan",
                             "status": rng.choice(("diterima", "diproses", "selesai")), "tenggat": d,
                             "tenggat_efektif": d})
            with store.session(actor) as s:
                bulk_insert(s, Permohonan, rows, "uji")
            with inserted.get_lock():
                inserted.value += len(rows)
            started.set()
    finally:
        store.close()


@pytest.mark.parametrize(("sort", "desc"), [("tanggal_diterima", True), ("nama", False), ("status", True),
                                            ("keputusan", False), ("keputusan", True), ("opd", False)])
def test_paging_under_concurrent_inserts_loses_and_repeats_nothing(demo_db: Path, tmp_path: Path, sort: str,
                                                                   desc: bool) -> None:
    db = tmp_path / "salin.sqlite"
    src_store = Store.open(demo_db, metadata)
    src_store.backup_to(db)
    src_store.close()
    store = Store.open(db, metadata)
    try:
        with store.raw() as conn:
            before = {r[0] for r in conn.execute("SELECT rowid FROM permohonan WHERE deleted = 0")}
        ctx = mp.get_context("spawn")
        started, stop = ctx.Event(), ctx.Event()
        inserted = ctx.Value("i", 0)
        proc = ctx.Process(target=_inserter, args=(str(db), started, inserted, stop))
        proc.start()
        try:
            assert started.wait(60), "the inserting process did not start"
            src = PermohonanSource(None, RegisterFilter(hari_ini=TODAY), sort, desc)
            seen: list[int] = []
            after = None
            while True:
                mark = inserted.value
                with store.raw() as conn:  # each page its own read transaction
                    rows = src.page(after, 40, conn=conn)
                seen += [r["rowid"] for r in rows]
                if len(rows) < 40:
                    break
                after = rows[-1]["_k"]
                while inserted.value == mark and proc.is_alive():  # the other process writes between pages
                    started.wait(0.01)
        finally:
            stop.set()
            proc.join(60)
        assert proc.exitcode == 0
        assert inserted.value > 0
        assert len(seen) == len(set(seen)), "a row was shown twice"
        assert before <= set(seen), f"{len(before - set(seen))} rows lost"
    finally:
        store.close()


def test_pages_follow_each_other_exactly(demo_db: Path) -> None:
    store = Store.open(demo_db, metadata)
    try:
        with store.raw() as conn:
            for sort in ("tanggal_diterima", "nama", "keputusan", "opd", "tenggat_efektif"):
                for desc in (False, True):
                    src = PermohonanSource(conn, RegisterFilter(hari_ini=TODAY), sort, desc)
                    paged = [r["rowid"] for r in src.iter_rows(batch=97)]
                    whole = [r["rowid"] for r in src.page(None, 10**6)]
                    assert paged == whole and len(whole) == src.count()
                    # a jump by position gives the same rows as walking there, from either end
                    total = len(whole)
                    for offset in (0, 500, total - 30):
                        assert [r["rowid"] for r in src.page_at(offset, 30, total=total)] == whole[offset:offset + 30]
                    # backwards from a key gives the rows before it
                    key = src.page(None, 600)[-1]["_k"]
                    assert [r["rowid"] for r in src.page(key, 50, backward=True)] == whole[549:599]
    finally:
        store.close()


def test_streamed_register_rows_memory_does_not_grow_with_the_register(demo_db: Path, tmp_path: Path) -> None:
    """tracemalloc peak while streaming 600 rows (two pages) vs 1,500 rows: one page at a time, so about the same."""
    store = Store.open(demo_db, metadata)
    try:
        def peak(limit: int) -> int:
            with store.read() as s:
                tracemalloc.start()
                try:
                    for n, _row in enumerate(register_rows(s, RegisterFilter(hari_ini=TODAY)), 1):
                        if n >= limit:
                            break
                    return tracemalloc.get_traced_memory()[1]
                finally:
                    tracemalloc.stop()

        small, big = peak(600), peak(1500)
        assert big < small * 1.5, (small, big)
    finally:
        store.close()


def test_cli_list_json_is_streamed(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``ppid permohonan list --json``: the same JSON as one dump, and memory that does not follow the size."""
    import io
    import json
    import sys

    from ppid_desktop.cli import main

    class Sink(io.TextIOBase):  # a terminal that keeps nothing: only the command's own memory is traced
        written = 0

        def write(self, text: str) -> int:
            self.written += len(text)
            return len(text)

    def run(*extra: str, keep: bool = False) -> tuple[str, int]:
        out: io.TextIOBase = io.StringIO() if keep else Sink()
        monkeypatch.setattr(sys, "stdout", out)
        tracemalloc.start()
        try:
            assert main(["--db", str(demo_db), "permohonan", "list", "--json", *extra]) == 0
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
            monkeypatch.undo()
        return (out.getvalue() if isinstance(out, io.StringIO) else ""), peak

    text, _ = run(keep=True)
    rows = json.loads(text)
    assert len(rows) == 1500 and text == json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n"
    _, small = run("--batas", "600")
    _, big = run("--batas", "1500")
    assert big < small * 1.5, (small, big)
