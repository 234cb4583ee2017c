"""The request demo (``layanan.demo``): deterministic for a seed, every kind of case the register and the
reports show (open, overdue, extended, decided kinds, withdrawn, keberatan from a request and standing
alone, sengketa), deadlines that are the working calendar's own, and its precomputed calendar equal to
``WorkCalendar``'s arithmetic."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from ppid_desktop import demo
from ppid_desktop.layanan import rincian
from ppid_desktop.layanan import rules as RU  # noqa: N812
from ppid_desktop.layanan.demo_baris import _Plus
from ppid_desktop.layanan.models import Permohonan
from ppid_desktop.services import Services
from tests.conftest import TEST_DEVICE

TODAY = date(2026, 6, 15)
N = 4000
# columns that differ between two runs by design: record ids, stamps, the random IV of the encrypted NIK,
# the per-database keyed hash, the OPD's record id
SKIP = {"id", "created_at", "updated_at", "device_id", "nik_enc", "nik_hash", "opd_id", "permohonan_id",
        "objek_id", "keberatan_id"}


def _build(path: Path) -> Path:
    svc = Services.open(path, device=TEST_DEVICE)
    try:
        demo.fill(svc, svc.system(), demo.DemoOptions(permohonan=N, today=TODAY, seed=11))
    finally:
        svc.close()
    return path


@pytest.fixture(scope="module")
def dbs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("demo")
    return _build(base / "a.sqlite"), _build(base / "b.sqlite")


def _table(db: Path, table: str) -> list[tuple[object, ...]]:
    con = sqlite3.connect(db)
    try:
        cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})") if r[1] not in SKIP]
        return con.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY {', '.join(cols)}").fetchall()
    finally:
        con.close()


def test_same_seed_same_data(dbs: tuple[Path, Path]) -> None:
    a, b = dbs
    for table in ("permohonan", "riwayat_layanan", "keberatan", "sengketa"):
        rows = _table(a, table)
        assert rows and rows == _table(b, table), table


def test_every_kind_of_case_is_there(dbs: tuple[Path, Path]) -> None:
    con = sqlite3.connect(dbs[0])
    try:
        status = dict(con.execute("SELECT status, count(*) FROM permohonan GROUP BY status").fetchall())
        keputusan = {k for (k,) in con.execute("SELECT DISTINCT keputusan FROM permohonan WHERE keputusan IS NOT NULL")}
        overdue = con.execute("SELECT count(*) FROM permohonan WHERE status IN ('diterima', 'diproses', 'diperpanjang') "
                              "AND tenggat_efektif < ?", (TODAY.isoformat(),)).fetchone()[0]
        mandiri = con.execute("SELECT count(*), count(DISTINCT alasan), min(nik_mask <> ''), sum(status = 'selesai') "
                              "FROM keberatan WHERE permohonan_id IS NULL").fetchone()
        dari_permohonan = con.execute("SELECT count(*) FROM keberatan WHERE permohonan_id IS NOT NULL").fetchone()[0]
        sengketa = con.execute("SELECT count(*) FROM sengketa").fetchone()[0]
        history = con.execute("SELECT count(*) FROM riwayat_layanan").fetchone()[0]
        monev = con.execute("SELECT count(*) FROM monev_jawaban").fetchone()[0]
        nomor = con.execute("SELECT count(*), count(DISTINCT nomor || substr(tanggal_diterima, 1, 4)) FROM keberatan").fetchone()
    finally:
        con.close()
    assert sum(status.values()) == N
    assert {RU.SELESAI, RU.DITARIK, RU.DIPROSES, RU.DIPERPANJANG} <= set(status), status
    assert {RU.SELURUHNYA, RU.SEBAGIAN, RU.DITOLAK, RU.TIDAK_DIKUASAI, RU.BELUM_DIDOKUMENTASIKAN} <= keputusan
    assert overdue > 0 and dari_permohonan > 50 and sengketa >= 3 and monev > 0 and history >= 1.5 * N
    # keberatan standing alone (Pasal 35(1) b, c, f): a few, with the pemohon's own identity, some answered
    assert mandiri[0] >= demo_layanan_mandiri(N) and mandiri[1] >= 2 and mandiri[2] == 1 and mandiri[3] >= 1, mandiri
    assert nomor[0] == nomor[1]  # keberatan numbers unique per year, the standalone ones included


def test_a_small_demo_always_has_an_open_request(tmp_path: Path) -> None:
    """The last working day's intake is never empty and nothing is decided the day it arrives: the
    screens that need an open request (decision, keberatan dialogs) always find one, whatever the day."""
    for seed, today in ((1, date(2026, 6, 15)), (2, date(2026, 6, 13)), (3, date(2026, 1, 2))):
        svc = Services.open(tmp_path / f"kecil{seed}.sqlite", device=TEST_DEVICE)
        try:
            demo.fill(svc, svc.system(), demo.DemoOptions(permohonan=20, today=today, seed=seed))
        finally:
            svc.close()
        con = sqlite3.connect(tmp_path / f"kecil{seed}.sqlite")
        try:
            assert con.execute("SELECT count(*) FROM permohonan WHERE status IN ('diterima', 'diproses')").fetchone()[0] >= 1
        finally:
            con.close()


def demo_layanan_mandiri(n: int) -> int:
    from ppid_desktop.layanan import demo_baris as LD  # noqa: N812

    return LD.MANDIRI_AWAL + n // LD.MANDIRI_PER - 2  # a draw after today is skipped


def test_deadlines_are_the_calendars_own(dbs: tuple[Path, Path]) -> None:
    svc = Services.open(dbs[0], device=TEST_DEVICE)
    try:
        cal = svc.master.kalender_kerja()  # the days are the calendar's; the version is the one at demo time
        with svc.store.read() as s:
            rows = list(s.exec(Permohonan.__table__.select().order_by(Permohonan.nomor).limit(400)))  # type: ignore[attr-defined]
        for r in rows:
            versi = r.versi_kalender
            t10 = cal.add_workdays(r.tanggal_diterima, RU.HK_PEMBERITAHUAN, versi)
            assert r.tenggat == t10.jatuh_tempo
            full = rincian.unpack_row(r.tenggat_rincian, dict(r._mapping))
            assert full["awal"] == t10.to_dict()
            if r.tenggat_perpanjangan is not None:
                t7 = cal.add_workdays(t10.jatuh_tempo, RU.HK_PERPANJANGAN, versi)
                assert r.tenggat_perpanjangan == r.tenggat_efektif == t7.jatuh_tempo
                assert full["perpanjangan"] == t7.to_dict()
            else:
                assert full["perpanjangan"] is None
    finally:
        svc.close()


def test_precomputed_calendar_equals_the_working_calendar(dbs: tuple[Path, Path]) -> None:
    svc = Services.open(dbs[0], device=TEST_DEVICE)
    try:
        cal = svc.master.kalender_kerja()
        start = TODAY - timedelta(days=730)
        plus = _Plus(cal, TODAY, start)
        for i in range(0, 760, 3):
            d = start + timedelta(days=i)
            assert plus.age(d) == cal.workdays_between(d, TODAY), d
            for k in (0, 1, 3, 7, 10, 17, 30):
                assert plus(d, k) == cal.add_workdays(d, k).jatuh_tempo, (d, k)
        late = TODAY + timedelta(days=_Plus.SPAN_AFTER - 5)  # past the table's end: the calendar itself
        assert plus(late, 30) == cal.add_workdays(late, 30).jatuh_tempo
    finally:
        svc.close()


def test_generated_row_tuples_equal_the_merged_dict(tmp_path: Path) -> None:
    """``Bentuk``'s generated row function gives what merging the row over the converted defaults gives:
    stamps and defaults where the row is silent, the row's values (None kept), dates as ISO text,
    booleans as 0/1, an id made only when missing."""
    from ppid_desktop.core.base import utcnow
    from ppid_desktop.layanan.demo_baris import Bentuk
    from ppid_desktop.layanan.models import Keberatan, RiwayatLayanan

    svc = Services.open(tmp_path / "t.sqlite", device=TEST_DEVICE)
    try:
        actor = svc.system()
        for model, row in (
            (Permohonan, {"nomor": "001/PPID/2026", "tanggal_diterima": date(2026, 3, 2), "kuasa": True,
                          "tenggat_perpanjangan": None, "tenggat": date(2026, 3, 16), "biaya_total": 7})
            , (Keberatan, {"id": "tetap", "tanggal_diterima": date(2026, 3, 2), "tenggat_jawaban": date(2026, 4, 14),
                           "terlambat_diajukan": False, "tanggal_tanggapan": None, "nama": "Siti"}),
            (RiwayatLayanan, {"objek": "permohonan", "objek_id": "x", "aksi": "dicatat"})):
            conv = Bentuk.dari(model, svc.store.engine.dialect, actor.username, actor.device_id, utcnow())
            got = conv.tuples([row])[0]
            merged = {**conv.base, **row}
            want = [merged[n] for n in conv.names]
            for i in conv.dates:
                want[i] = want[i].isoformat() if want[i] is not None else None
            for i in conv.bools:
                want[i] = int(want[i]) if want[i] is not None else None
            id_at = conv.names.index("id")
            assert got[id_at] == row.get("id", got[id_at]) and got[id_at]
            want[id_at] = got[id_at]
            assert list(got) == want, model
            assert isinstance(got[conv.names.index("created_at")], int)  # the stamp, converted once (core.tipe)
    finally:
        svc.close()


def test_request_counters_follow_every_year_of_the_demo(tmp_path: Path) -> None:
    """A small demo's one chunk spans three calendar years: every year's counter moves past its last demo
    number, so the next request registered in any of those years gets the next number, not a taken one."""
    svc = Services.open(tmp_path / "tahun.sqlite", device=TEST_DEVICE)
    try:
        demo.fill(svc, svc.system(), demo.DemoOptions(permohonan=600, today=TODAY, seed=4))
        con = sqlite3.connect(tmp_path / "tahun.sqlite")
        try:
            per_tahun = dict(con.execute("SELECT substr(tanggal_diterima, 1, 4), count(*) FROM permohonan GROUP BY 1"))
            terakhir = dict(con.execute("SELECT tahun, terakhir FROM nomor_urut WHERE seri = 'permohonan'"))
        finally:
            con.close()
        assert set(per_tahun) == {"2024", "2025", "2026"}
        assert {str(t): n for t, n in terakhir.items()} == per_tahun  # numbered 1..n in each year
    finally:
        svc.close()
