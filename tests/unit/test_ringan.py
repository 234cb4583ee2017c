"""The light start path (issue #15): ``core.ringan`` opens only a database the full path would not change,
``akun.ringan`` recognises only the clean sign-in, and Beranda's one SQL pass (``ui.beranda.hitung``, the
rooms' ``ringkasan`` modules) answers what the services' ORM methods answer, on a demo database shuffled
at random."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from ppid_desktop.akun import ringan as AR
from ppid_desktop.akun import roles as R
from ppid_desktop.core import kalender as K
from ppid_desktop.core import paths
from ppid_desktop.core import ringan as CR
from ppid_desktop.core.demodata import DemoOptions
from ppid_desktop.layanan import rules as RU
from ppid_desktop.master import ringkasan as MR
from ppid_desktop.master.models import ProfilInstansi
from ppid_desktop.monev.models import STATUS_JADWAL
from ppid_desktop.services import Services
from tests.conftest import TEST_DEVICE


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from ppid_desktop import demo

    db = tmp_path_factory.mktemp("ringan") / "demo.sqlite"
    services = Services.open(db, device=TEST_DEVICE)
    try:
        demo.fill(services, services.system(), DemoOptions(permohonan=80, opd=6))
        services.master.pastikan_tahun(range(2024, 2030))
        services.store.analyze()
    finally:
        services.close()
    return db


@pytest.fixture
def copy(demo_db: Path, tmp_path: Path) -> Path:
    target = tmp_path / "salinan.sqlite"
    shutil.copyfile(demo_db, target)
    return target


@pytest.fixture
def light(copy: Path) -> Iterator[CR.Ringan]:
    r = CR.buka(copy, device=TEST_DEVICE)
    assert r is not None
    try:
        yield r
    finally:
        r.tutup()


# ------------------------------------------------------------------ opening
def test_opens_only_what_the_full_path_would_not_change(copy: Path, tmp_path: Path) -> None:
    assert CR.buka(tmp_path / "tidak-ada.sqlite") is None
    (tmp_path / "kosong.sqlite").write_bytes(b"")
    assert CR.buka(tmp_path / "kosong.sqlite") is None
    (tmp_path / "asing.sqlite").write_bytes(b"bukan database" * 100)
    assert CR.buka(tmp_path / "asing.sqlite") is None
    r = CR.buka(copy)
    assert r is not None and r.terbuka
    with r.pakai() as conn, pytest.raises(sqlite3.OperationalError):  # read-only: this path never writes
        conn.execute("UPDATE pengguna SET gagal_masuk = 1")
    r.tutup()
    assert not r.terbuka
    with pytest.raises(sqlite3.ProgrammingError), r.pakai():
        pass


def test_a_database_to_migrate_or_analyse_takes_the_full_path(copy: Path) -> None:
    with sqlite3.connect(copy) as con:
        con.execute("UPDATE alembic_version SET version_num = '0001'")
    assert CR.buka(copy) is None  # Services.open migrates it
    with sqlite3.connect(copy) as con:
        con.execute("UPDATE alembic_version SET version_num = ?", [next(iter(CR.head_revisions()))])
        con.execute("DELETE FROM sqlite_stat1")
    assert CR.buka(copy) is None  # Services.open analyses it first
    with sqlite3.connect(copy) as con:
        con.execute("ANALYZE")
    assert CR.buka(copy) is not None


def test_a_restore_in_progress_takes_the_full_path(copy: Path) -> None:
    lock = paths.KunciBerkas(copy)
    assert lock.eksklusif()
    try:
        assert CR.buka(copy) is None
    finally:
        lock.lepas()


def test_head_is_the_one_store_open_checks() -> None:
    from ppid_desktop.core.db import head_revision

    assert CR.head_revisions() == {head_revision()}


def test_calendar_constants_follow_core_kalender() -> None:
    assert (MR.CUTI_BERSAMA, MR.MIN_YEAR, MR.MAX_YEAR) == (K.CUTI_BERSAMA, K.MIN_YEAR, K.MAX_YEAR)


# ------------------------------------------------------------------ sign-in
NOW = datetime(2026, 6, 15, 8, 0, tzinfo=UTC)


def test_only_a_clean_sign_in_is_recognised(light: CR.Ringan, copy: Path) -> None:
    with light.pakai() as conn:
        akun = AR.periksa_masuk(conn, " Admin ", "rahasia123", NOW)
        assert akun is not None and akun.username == "admin" and R.ADMIN in akun.roles
        assert AR.periksa_masuk(conn, "admin", "salah-sekali", NOW) is None
        assert AR.periksa_masuk(conn, "tidak-ada", "rahasia123", NOW) is None
    with sqlite3.connect(copy) as con:
        con.execute("UPDATE pengguna SET terkunci_sampai = ? WHERE username = 'admin'",
                    [(NOW + timedelta(minutes=5)).replace(tzinfo=None).isoformat(" ")])
        con.execute("UPDATE pengguna SET aktif = 0 WHERE username = 'petugas'")
    with light.pakai() as conn:
        assert AR.periksa_masuk(conn, "admin", "rahasia123", NOW) is None  # locked: the full path says so
        assert AR.periksa_masuk(conn, "admin", "rahasia123", NOW + timedelta(minutes=6)) is not None  # lock over
        assert AR.periksa_masuk(conn, "petugas", "rahasia123", NOW) is None  # inactive


def test_a_hash_with_old_parameters_takes_the_full_path(light: CR.Ringan, copy: Path) -> None:
    from argon2 import PasswordHasher

    with sqlite3.connect(copy) as con:
        con.execute("UPDATE pengguna SET password_hash = ? WHERE username = 'admin'",
                    [PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1).hash("rahasia123")])
    with light.pakai() as conn:
        assert AR.periksa_masuk(conn, "admin", "rahasia123", NOW) is None  # authenticate rehashes it


def test_the_sign_in_writes_come_with_the_services(copy: Path) -> None:
    with sqlite3.connect(copy) as con:
        con.execute("UPDATE pengguna SET gagal_masuk = 3 WHERE username = 'admin'")
    services = Services.open(copy, device=TEST_DEVICE)
    try:
        actor = services.akun.catat_masuk("admin", NOW)
        assert actor.username == "admin" and R.ADMIN in actor.roles
        user = next(u for u in services.akun.list_users() if u.username == "admin")
        assert user.gagal_masuk == 0 and user.last_login is not None
        assert user.last_login.replace(tzinfo=None) == NOW.replace(tzinfo=None)
        newest = services.akun.audit_terbaru(1)[0]
        assert (newest.action, newest.entity, newest.username) == ("login", "pengguna", "admin")
        assert services.akun.periksa_audit(actor).utuh
    finally:
        services.close()


def test_kunci_menit_is_the_services_answer(light: CR.Ringan, copy: Path) -> None:
    services = Services.open(copy, device=TEST_DEVICE)
    try:
        admin = services.akun.actor_for(next(u for u in services.akun.list_users() if u.username == "admin"))
        services.akun.atur_keamanan(admin, kunci_menit=37, batas_baris_impor=5000)
        with light.pakai() as conn:
            assert AR.kunci_menit(conn) == services.akun.kunci_menit() == 37
    finally:
        services.close()


# ------------------------------------------------------------------ Beranda: light SQL == the services' ORM
def _oracle(services: Services, today: date) -> dict[str, object]:
    """What Beranda showed when it was computed through the services' ORM methods (the release before)."""
    per: dict[str, dict[str, int]] = {}
    with services.store.raw() as conn:
        names = {i: (s or n) for i, s, n in conn.execute("SELECT id, singkatan, nama FROM perangkat_daerah")}
        rows = conn.execute("SELECT status, tenggat_efektif, opd_id, deleted FROM permohonan").fetchall()
        keb = conn.execute("SELECT status, tenggat_jawaban, deleted FROM keberatan").fetchall()
    akhir = today + timedelta(days=6 - today.weekday())
    for status, tenggat, opd_id, deleted in rows:
        if deleted or status not in RU.STATUS_TERBUKA or tenggat is None or tenggat > akhir.isoformat():
            continue
        row = per.setdefault(names.get(opd_id or "", "(belum didisposisi)"), {"terlambat": 0, "hari_ini": 0, "minggu_ini": 0})
        row["terlambat" if tenggat < today.isoformat() else "hari_ini" if tenggat == today.isoformat() else "minggu_ini"] += 1
    k_lewat = sum(1 for s, t, d in keb if not d and s == RU.K_DITERIMA and t is not None and t < today.isoformat())
    k_minggu = sum(1 for s, t, d in keb if not d and s == RU.K_DITERIMA and t is not None
                   and today.isoformat() <= t <= akhir.isoformat())
    monev = []
    for p in services.monev.daftar_program():
        if p.get("status") not in (None, "", "aktif", "berjalan") and p.get("opd", 0) == p.get("difinalkan", 0):
            continue
        minggu = berlangsung = 0
        for j, _opd in services.monev.daftar_jadwal(p["id"]):
            if j.status == "berlangsung":
                berlangsung += 1
            elif j.status == "dijadwalkan" and j.tanggal is not None and j.tanggal <= akhir:
                minggu += 1
        if minggu or berlangsung:
            monev.append((p["id"], p["nama"], minggu, berlangsung))
    with services.store.read() as s:
        missing = K.years_without_cuti_bersama(s, [today.year, today.year + 1])
        profil = s.exec(select(ProfilInstansi.id).where(ProfilInstansi.deleted == False)).first()  # noqa: E712
    return {
        "per_opd": {n: r for n, r in per.items()},
        "keberatan": (k_lewat, k_minggu),
        "paraf": len(services.agenda.daftar(status="paraf")),
        "siap_ttd": len(services.agenda.daftar(status="siap_ttd")),
        "monev": monev,
        "konflik": len(services.sinkron.konflik()),
        "kalender": missing,
        "profil": profil is not None,
    }


def _light(r: CR.Ringan, today: date) -> dict[str, object]:
    from ppid_desktop.ui.beranda import hitung

    with r.pakai() as conn:
        d = hitung(conn, today)
    assert d.lengkap
    return {
        "per_opd": {row["opd"]: {"terlambat": row["terlambat"], "hari_ini": row["hari_ini"], "minggu_ini": row["minggu_ini"]}
                    for row in d.per_opd},
        "keberatan": (d.keberatan_terlambat, d.keberatan_minggu_ini),
        "paraf": d.paraf,
        "siap_ttd": d.siap_ttd,
        "monev": [(m.program_id, m.nama, m.minggu_ini, m.berlangsung) for m in d.monev],
        "konflik": d.konflik,
        "kalender": [y for y in (today.year, today.year + 1) if any(str(y) in w for w in d.peringatan
                                                                       if w.startswith("Kalender"))],
        "profil": not any(w.startswith("Profil instansi belum diisi") for w in d.peringatan),
    }


_dates = st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 12, 31))
_acak = st.lists(st.tuples(st.sampled_from(["permohonan", "keberatan", "surat", "jadwal", "program", "libur", "profil"]),
                           st.integers(0, 10_000), st.integers(0, 10_000), _dates, st.booleans()), max_size=25)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(today=_dates, changes=_acak)
def test_beranda_light_sql_equals_the_services(demo_db: Path, tmp_path_factory: pytest.TempPathFactory, today: date,
                                              changes: list[tuple[str, int, int, date, bool]]) -> None:
    db = tmp_path_factory.mktemp("acak") / "acak.sqlite"
    shutil.copyfile(demo_db, db)
    _shuffle(db, changes)
    services = Services.open(db, device=TEST_DEVICE)
    try:
        expected = _oracle(services, today)
    finally:
        services.close()
    r = CR.buka(db, device=TEST_DEVICE)
    assert r is not None
    try:
        assert _light(r, today) == expected
    finally:
        r.tutup()


SURAT = ["konsep", "paraf", "siap_ttd", "ditandatangani", "terkirim"]
PROGRAM = ["aktif", "selesai", "", "berjalan"]


def _shuffle(db: Path, changes: list[tuple[str, int, int, date, bool]]) -> None:
    """Random edits straight into the tables Beranda reads: statuses, dates, tombstones, OPD."""
    with sqlite3.connect(db) as con:
        def pick(table: str, n: int) -> str | None:
            ids = [r[0] for r in con.execute(f"SELECT id FROM {table} ORDER BY id")]
            return ids[n % len(ids)] if ids else None

        opd = [r[0] for r in con.execute("SELECT id FROM perangkat_daerah ORDER BY id")] + [None]
        for kind, a, b, tgl, flag in changes:
            if kind == "permohonan" and (i := pick("permohonan", a)):
                con.execute("UPDATE permohonan SET status = ?, tenggat_efektif = ?, opd_id = ?, deleted = ? WHERE id = ?",
                            [(*RU.STATUS_TERBUKA, "selesai")[b % 4], tgl.isoformat(), opd[b % len(opd)], int(flag and b % 5 == 0), i])
            elif kind == "keberatan" and (i := pick("keberatan", a)):
                con.execute("UPDATE keberatan SET status = ?, tenggat_jawaban = ?, deleted = ? WHERE id = ?",
                            [(RU.K_DITERIMA, "diputus")[b % 2], tgl.isoformat(), int(flag and b % 4 == 0), i])
            elif kind == "surat" and (i := pick("surat_keluar", a)):
                con.execute("UPDATE surat_keluar SET status = ?, deleted = ? WHERE id = ?",
                            [SURAT[b % len(SURAT)], int(flag and b % 3 == 0), i])
            elif kind == "jadwal" and (i := pick("monev_jadwal", a)):
                con.execute("UPDATE monev_jadwal SET status = ?, tanggal = ?, deleted = ? WHERE id = ?",
                            [STATUS_JADWAL[b % len(STATUS_JADWAL)], None if b % 7 == 0 else tgl.isoformat(),
                             int(flag and b % 6 == 0), i])
            elif kind == "program" and (i := pick("monev_program", a)):
                con.execute("UPDATE monev_program SET status = ?, tanggal_mulai = ? WHERE id = ?",
                            [PROGRAM[b % len(PROGRAM)], None if b % 5 == 0 else tgl.isoformat(), i])
            elif kind == "libur":
                con.execute("UPDATE hari_libur SET deleted = ? WHERE jenis = 'cuti_bersama' AND tanggal LIKE ?",
                            [int(flag), f"{2025 + b % 5}-%"])
            elif kind == "profil":
                con.execute("UPDATE profil_instansi SET deleted = ?", [int(flag)])


def test_a_database_missing_a_table_the_light_queries_read_takes_the_full_path(copy: Path) -> None:
    assert CR.buka(copy) is not None
    with sqlite3.connect(copy) as con:
        con.execute("DROP TABLE pengaturan_akun")
    assert CR.buka(copy) is None
