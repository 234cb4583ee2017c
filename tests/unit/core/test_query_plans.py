"""The planner uses the intended index for every register filter and sort, the number look-up, the Beranda
summary and monev scoring, on a database built the way the app builds it: demo data through the app's
own code (``demo.fill``), statistics through the app's own ANALYZE (``Store.analyze`` inside it) — no
private ANALYZE here. The statements of the services are captured as they run, then explained."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from ppid_desktop import demo
from ppid_desktop.layanan import rules as RU
from ppid_desktop.layanan.queries import KeberatanSource, PermohonanSource, RegisterFilter
from ppid_desktop.master.masukan import IsianProfil
from ppid_desktop.services import Services
from tests.conftest import TEST_DEVICE

TODAY = date(2026, 6, 15)


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    db = tmp_path_factory.mktemp("plans") / "demo.sqlite"
    svc = Services.open(db, device=TEST_DEVICE)
    demo.fill(svc, svc.system(), demo.DemoOptions(permohonan=3000, today=TODAY))
    svc.layanan.clock = lambda: TODAY
    try:
        yield svc
    finally:
        svc.close()


def plan(conn: sqlite3.Connection, sql: str, params: Any = ()) -> str:
    return " | ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql, params))


@contextlib.contextmanager
def captured(app: Services) -> Iterator[list[tuple[str, Any]]]:
    got: list[tuple[str, Any]] = []

    def listen(_conn: Any, _cursor: Any, statement: str, parameters: Any, _ctx: Any, _many: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            got.append((statement, parameters))

    event.listen(app.store.engine, "before_cursor_execute", listen)
    try:
        yield got
    finally:
        event.remove(app.store.engine, "before_cursor_execute", listen)


def plans_of(app: Services, fn: Callable[[], Any], table: str) -> list[str]:
    with captured(app) as got:
        fn()
    with app.store.raw() as conn:
        return [plan(conn, sql, params) for sql, params in got if f"FROM {table}" in sql]


def test_statistics_exist_after_demo(app: Services) -> None:
    assert app.store.has_statistics()
    with app.store.raw() as conn:
        names = {r[0] for r in conn.execute("SELECT idx FROM sqlite_stat1 WHERE tbl = 'permohonan'")}
    assert {"ix_permohonan_tanggal", "ix_permohonan_nomor", "ix_permohonan_status_tenggat"} <= names
    # no index leads with the tombstone any more
    with app.store.raw() as conn:
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='index' AND tbl_name='permohonan'"):
            cols = [r[2] for r in conn.execute(f"PRAGMA index_info('{name}')")]
            assert cols[:1] != ["deleted"], name


SORT_INDEX = {
    "tanggal_diterima": "ix_permohonan_tanggal", "nomor": "ix_permohonan_tanggal", "nama": "ix_permohonan_nama",
    "saluran": "ix_permohonan_saluran_tanggal", "status": "ix_permohonan_status_tanggal",
    "tenggat_efektif": "ix_permohonan_tenggat_efektif", "keputusan": "ix_permohonan_keputusan_tanggal",
    "rincian": "ix_permohonan_rincian", "opd": "ix_permohonan_opd_tanggal",
}


@pytest.mark.parametrize("sort", sorted(SORT_INDEX))
@pytest.mark.parametrize("desc", [False, True])
def test_every_sort_is_an_index_walk_first_page_and_next(app: Services, sort: str, desc: bool) -> None:
    with app.store.raw() as conn:
        src = PermohonanSource(conn, RegisterFilter(hari_ini=TODAY), sort, desc)
        first = src.page(None, 50)
        assert len(first) == 50
        for after in (None, first[-1]["_k"]):
            sql, params = src._sql(after, 50, desc, 0, conn)
            p = plan(conn, sql, params)
            assert SORT_INDEX[sort] in p, (sort, p)
            assert "TEMP B-TREE" not in p, (sort, p)
            if after is not None and sort != "keputusan":  # keputusan (nullable) may OR in its NULL group
                assert "SEARCH" in p, p  # seeks to the last row seen, does not walk from the start


def _opd_id(app: Services) -> str:
    return app.master.daftar_opd()[0].id


FILTERS: dict[str, tuple[Callable[[Services], RegisterFilter], str]] = {
    "status": (lambda a: RegisterFilter(status=(RU.SELESAI,), hari_ini=TODAY), "ix_permohonan_status_tanggal"),
    "opd": (lambda a: RegisterFilter(opd_id=_opd_id(a), hari_ini=TODAY), "ix_permohonan_opd_tanggal"),
    "saluran": (lambda a: RegisterFilter(saluran="email", hari_ini=TODAY), "ix_permohonan_saluran_tanggal"),
    "keputusan": (lambda a: RegisterFilter(keputusan=RU.DITOLAK, hari_ini=TODAY), "ix_permohonan_keputusan_tanggal"),
    "periode": (lambda a: RegisterFilter(dari=date(2025, 3, 1), sampai=date(2025, 3, 31), hari_ini=TODAY),
                "ix_permohonan_tanggal (tanggal_diterima>? AND tanggal_diterima<?)"),
    "terlambat": (lambda a: RegisterFilter(terlambat=True, hari_ini=TODAY), "ix_permohonan_status_tenggat"),
    "cari": (lambda a: RegisterFilter(cari="salinan", hari_ini=TODAY), "permohonan_fts VIRTUAL TABLE"),
}


@pytest.mark.parametrize("name", sorted(FILTERS))
def test_every_register_filter_uses_its_index(app: Services, name: str) -> None:
    make, index = FILTERS[name]
    with app.store.raw() as conn:
        src = PermohonanSource(conn, make(app), "tanggal_diterima", True)
        sql, params = src._sql(None, 50, True, 0, conn)
        p = plan(conn, sql, params)
        # its own index, or (when SQLite judges the matches dense enough) a walk of the sort order
        assert index in p or ("ix_permohonan_tanggal" in p and "TEMP B-TREE" not in p), p
        where_sql = f"SELECT count(*) FROM permohonan p WHERE {src_where(src)[0]}"
        p = plan(conn, where_sql, src_where(src)[1])
        assert "SCAN p" not in [x.strip() for x in p.split("|")], p  # the count never scans the table


def src_where(src: PermohonanSource) -> tuple[str, list[Any]]:
    from ppid_desktop.layanan.queries import where_permohonan

    return where_permohonan(src.filter)


def test_count_of_the_whole_register_stays_in_an_index(app: Services) -> None:
    with app.store.raw() as conn:
        src = PermohonanSource(conn, RegisterFilter(hari_ini=TODAY))
        where, params = src_where(src)
        assert "COVERING INDEX" in plan(conn, f"SELECT count(*) FROM permohonan p WHERE {where}", params)


def test_number_lookup_uses_the_number_index(app: Services) -> None:
    with app.store.raw() as conn:
        nomor = conn.execute("SELECT nomor FROM permohonan ORDER BY rowid DESC LIMIT 1").fetchone()[0]
    plans = plans_of(app, lambda: app.layanan.cari_nomor(nomor), "permohonan")
    assert plans and all("ix_permohonan_nomor (nomor=?)" in p for p in plans), plans


def test_beranda_summary_uses_the_deadline_index(app: Services) -> None:
    from ppid_desktop.layanan.ringkasan import ringkasan_tenggat

    with app.store.raw() as conn:
        traced: list[str] = []
        conn.set_trace_callback(traced.append)
        try:
            r = ringkasan_tenggat(conn, TODAY)
        finally:
            conn.set_trace_callback(None)
        plans = {sql: plan(conn, sql) for sql in traced if sql.lstrip().upper().startswith("SELECT")}
    assert r.total_terlambat + r.total_minggu_ini + r.total_hari_ini > 0
    per = [p for sql, p in plans.items() if "FROM permohonan" in sql]
    assert per and all("COVERING INDEX ix_permohonan_status_tenggat (status=? AND tenggat_efektif<?)" in p
                       for p in per), per
    keb = [p for sql, p in plans.items() if "FROM keberatan" in sql]
    assert keb and all("ix_keberatan_tenggat_jawaban" in p or "ix_keberatan_status" in p for p in keb), keb
    assert app.layanan.ringkasan(TODAY) == r  # the service answers with the same query


def test_monev_scoring_reads_answers_by_session(app: Services) -> None:
    with app.store.raw() as conn:
        program = conn.execute("SELECT program_id FROM monev_sesi GROUP BY program_id ORDER BY count(*) DESC").fetchone()[0]
    plans = plans_of(app, lambda: app.monev.program_scores(program), "monev_jawaban")
    # one index seek per session (not the tombstone index, not a scan of every answer): linear in answers
    assert plans and all("SEARCH monev_jawaban USING INDEX ix_monev_jawaban_sesi" in p and "(sesi_id=?" in p
                         for p in plans), plans


def test_keberatan_register_default_order_is_an_index_walk(app: Services) -> None:
    with app.store.raw() as conn:
        src = KeberatanSource(conn, RegisterFilter(hari_ini=TODAY))
        first = src.page(None, 20)
        assert first
        sql, params = src._sql(first[-1]["_k"], 20, True, 0)
        p = plan(conn, sql, params)
        assert "ix_keberatan_tanggal" in p and "TEMP B-TREE" not in p, p


def test_database_from_a_release_without_statistics_gets_them_on_open(tmp_path: Path) -> None:
    db = tmp_path / "lama.sqlite"
    svc = Services.open(db, device=TEST_DEVICE)
    demo.fill(svc, svc.system(), demo.DemoOptions(permohonan=50, today=TODAY))
    svc.close()
    con = sqlite3.connect(db)
    con.execute("DROP TABLE sqlite_stat1")
    con.commit()
    con.close()
    svc = Services.open(db, device=TEST_DEVICE)
    try:
        assert svc.store.has_statistics()
    finally:
        svc.close()


def test_close_analyses_tables_that_got_their_first_rows(tmp_path: Path) -> None:
    """A table empty at the last ANALYZE that has rows now gets statistics when the store closes
    (``Store.optimize``), whichever pooled connection wrote them."""
    from ppid_desktop.core.db import Store
    from ppid_desktop.schema import metadata

    db = tmp_path / "baru.sqlite"
    svc = Services.open(db, device=TEST_DEVICE)
    svc.master.simpan_profil(svc.system(), IsianProfil.dari({"pemerintah": "PEMERINTAH KOTA SALATIGA"}))
    with svc.store.raw() as conn:
        assert not conn.execute("SELECT 1 FROM sqlite_stat1 WHERE tbl = 'profil_instansi'").fetchone()
    svc.close()
    store = Store.open(db, metadata)
    try:
        with store.raw() as conn:
            assert conn.execute("SELECT 1 FROM sqlite_stat1 WHERE tbl = 'profil_instansi'").fetchone()
    finally:
        store.close()


def test_broad_search_walks_the_sort_order_and_narrow_search_is_driven_by_the_match(app: Services) -> None:
    with app.store.raw() as conn:
        src = PermohonanSource(conn, RegisterFilter(cari="salinan", hari_ini=TODAY), "tanggal_diterima", True)
        src.CARI_LUAS = 50  # type: ignore[misc]  # "salinan" matches hundreds of the 3,000 demo requests
        sql, params = src._sql(None, 50, True, 0, conn)
        p = plan(conn, sql, params)
        assert "ix_permohonan_tanggal" in p and "TEMP B-TREE" not in p, p
        broad = [r["rowid"] for r in src.page(None, 50)]
        narrow_src = PermohonanSource(conn, RegisterFilter(cari="salinan", hari_ini=TODAY), "tanggal_diterima", True)
        sql, params = narrow_src._sql(None, 50, True, 0, conn)
        assert "SEARCH p USING INTEGER PRIMARY KEY" in plan(conn, sql, params)
        assert [r["rowid"] for r in narrow_src.page(None, 50)] == broad  # the same rows either way


def test_broad_search_decision_reads_a_bounded_number_of_matches(app: Services) -> None:
    """Deciding between a broad and a narrow search must not count every match before the first screen
    (at a million requests "salinan" has 200,000): the decision reads at most ``CARI_LUAS + 1``."""
    with app.store.raw() as conn:
        traced: list[str] = []
        conn.set_trace_callback(traced.append)
        try:
            src = PermohonanSource(conn, RegisterFilter(cari="salinan", hari_ini=TODAY), "tanggal_diterima", True)
            src.CARI_LUAS = 50  # type: ignore[misc]
            rows = src.page(None, 40)
        finally:
            conn.set_trace_callback(None)
        total = conn.execute("SELECT count(*) FROM permohonan_fts WHERE permohonan_fts MATCH ?",
                             ['"salinan"*']).fetchone()[0]
        walk = plan(conn, *src._sql(None, 40, True, 0, conn))
    assert total > 50 and len(rows) == 40
    fts = [sql for sql in traced if "permohonan_fts MATCH" in sql and "count(*)" in sql]
    assert len(fts) == 1 and "LIMIT" in fts[0], fts  # one bounded look, not a full count
    assert "ix_permohonan_tanggal" in walk and "TEMP B-TREE" not in walk, walk  # broad: walks the order


def test_search_index_has_no_prefix_indexes_and_finds_word_prefixes(app: Services) -> None:
    """Migration 0018 / create_all: the FTS5 table without ``prefix=`` (2.5x smaller); a prefix query of two
    letters still finds what the substring does."""
    with app.store.raw() as conn:
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'permohonan_fts'").fetchone()[0]
        assert "prefix" not in sql
        src = PermohonanSource(conn, RegisterFilter(cari="wu", hari_ini=TODAY))
        got = {r["rowid"] for r in src.iter_rows()}
        want = {r[0] for r in conn.execute(
            "SELECT rowid FROM permohonan WHERE deleted = 0 AND (' ' || lower(nama) || ' ' || lower(rincian)) LIKE '% wu%'")}
    assert got and got == want


def test_big_layanan_tables_carry_no_unused_single_column_indexes(app: Services) -> None:
    with app.store.raw() as conn:
        names = {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('permohonan', 'keberatan', "
            "'riwayat_layanan')")}
    assert not names & {"ix_permohonan_updated_at", "ix_riwayat_layanan_updated_at", "ix_riwayat_layanan_deleted"}
    assert "ix_riwayat_layanan_objek_id" in names  # the history is read by its object


def test_register_today_comes_from_the_injected_clock(app: Services) -> None:
    """Without ``hari_ini`` in the filter, overdue is judged against the source's clock, not the machine's."""
    from ppid_desktop.core.clock import FixedClock
    from ppid_desktop.layanan.queries import KeberatanSource

    far = FixedClock(date(2099, 1, 1))
    with app.store.raw() as conn:
        early = PermohonanSource(conn, RegisterFilter(terlambat=True), clock=FixedClock(date(2000, 1, 1)))
        late = PermohonanSource(conn, RegisterFilter(terlambat=True), clock=far)
        assert early.count() == 0
        assert late.count() > 0 and all(r["terlambat"] for r in late.page(None, 20))
        keb = KeberatanSource(conn, RegisterFilter(terlambat=True), clock=far)
        assert keb.count() == conn.execute(
            "SELECT count(*) FROM keberatan WHERE deleted = 0 AND status = ?", [RU.K_DITERIMA]).fetchone()[0]


def test_holiday_source_is_looked_up_once() -> None:
    from ppid_desktop.core.kalender import package_source

    package_source.cache_clear()
    first = package_source()
    assert first.startswith("holidays")
    assert package_source() == first and package_source.cache_info().hits >= 1
