"""Working-day calendar: weekends, libur nasional, cuti bersama, local holidays and closures.

Seeded per year from the ``holidays`` package (Indonesia, categories ``public`` = libur nasional and
``government`` = cuti bersama), editable by the office (local holidays, office closures, replacement
working days) and carried between laptops like every other record.

``WorkCalendar.add_workdays(start, n)`` gives the date *n* working days after ``start`` (the start
day itself is day 0), and explains itself: every day it skipped and why.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date

from sqlalchemy import Index, text
from sqlmodel import Field, Session, select

from ppid_desktop.core import hari_kerja as _hk
from ppid_desktop.core.base import SyncRecord

# The arithmetic lives in core.hari_kerja (no database layer); its names are this module's too.
LIBUR_NASIONAL = _hk.LIBUR_NASIONAL
CUTI_BERSAMA = _hk.CUTI_BERSAMA
LIBUR_LOKAL = _hk.LIBUR_LOKAL
KANTOR_TUTUP = _hk.KANTOR_TUTUP
HARI_KERJA_PENGGANTI = _hk.HARI_KERJA_PENGGANTI
JENIS_LABEL = _hk.JENIS_LABEL
CLOSED_KINDS = _hk.CLOSED_KINDS
MIN_YEAR = _hk.MIN_YEAR
MAX_YEAR = _hk.MAX_YEAR
Kebijakan = _hk.Kebijakan
HariDilewati = _hk.HariDilewati
Tenggat = _hk.Tenggat
Entry = _hk.Entry
package_entries = _hk.package_entries
check_year = _hk.check_year
WorkCalendar = _hk.WorkCalendar
versi_dari = _hk.versi_dari


@functools.cache
def package_source() -> str:
    """``holidays <version>``, the source recorded on seeded entries. Looked up once per process: the
    metadata look-up scans site-packages (~10 ms) and ran for every holiday of every seeded year (~0.3 s
    per new database)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"holidays {version('holidays')}"
    except PackageNotFoundError:
        return "holidays"


class HariLibur(SyncRecord, table=True):
    __tablename__ = "hari_libur"

    tanggal: date = Field(index=True)
    jenis: str = Field(max_length=32)
    nama: str = Field(max_length=200)
    sumber: str = Field(default="manual", max_length=64)


class KalenderTahun(SyncRecord, table=True):
    """A year seeded from the ``holidays`` package (so deleted entries are not re-added)."""

    __tablename__ = "kalender_tahun"
    __table_args__ = (Index("ux_kalender_tahun_tahun", "tahun", unique=True, sqlite_where=text("deleted = 0")),)

    tahun: int = Field(index=True)
    sumber: str = Field(default_factory=package_source, max_length=64)


def seeded_years(session: Session) -> set[int]:
    rows = session.exec(select(KalenderTahun.tahun).where(KalenderTahun.deleted == False)).all()  # noqa: E712
    return set(rows)


def ensure_years(session: Session, years: Iterable[int]) -> list[int]:
    """Seed each year not seeded yet from the ``holidays`` package; returns the years seeded now."""
    have = seeded_years(session)
    done: list[int] = []
    for year in sorted(set(years)):
        if year in have or not MIN_YEAR <= year <= MAX_YEAR:
            continue
        existing = {
            (r.tanggal, r.jenis, r.nama)
            for r in session.exec(
                select(HariLibur).where(HariLibur.tanggal >= date(year, 1, 1), HariLibur.tanggal <= date(year, 12, 31))
            )
        }
        for e in package_entries(year):
            if (e.tanggal, e.jenis, e.nama) not in existing:
                session.add(HariLibur(tanggal=e.tanggal, jenis=e.jenis, nama=e.nama, sumber=package_source()))
        session.add(KalenderTahun(tahun=year))
        done.append(year)
    return done


def refresh_year(session: Session, year: int) -> int:
    """Add package entries missing from ``year`` (e.g. a newly published SKB); tombstoned ones stay deleted."""
    existing = {
        (r.tanggal, r.jenis, r.nama)
        for r in session.exec(
            select(HariLibur).where(HariLibur.tanggal >= date(year, 1, 1), HariLibur.tanggal <= date(year, 12, 31))
        )
    }
    added = 0
    for e in package_entries(year):
        if (e.tanggal, e.jenis, e.nama) not in existing:
            session.add(HariLibur(tanggal=e.tanggal, jenis=e.jenis, nama=e.nama, sumber=package_source()))
            added += 1
    if year not in seeded_years(session):
        session.add(KalenderTahun(tahun=year))
    return added


def active_entries(session: Session, year: int | None = None) -> list[HariLibur]:
    stmt = select(HariLibur).where(HariLibur.deleted == False)  # noqa: E712
    if year is not None:
        stmt = stmt.where(HariLibur.tanggal >= date(year, 1, 1), HariLibur.tanggal <= date(year, 12, 31))
    return list(session.exec(stmt.order_by(HariLibur.tanggal)))  # type: ignore[arg-type]


def calendar_version(session: Session, kebijakan: Kebijakan) -> str:
    """A content hash of the active calendar and policy: equal calendars give equal versions."""
    return versi_dari(active_entries(session), kebijakan)


def years_without_cuti_bersama(session: Session, years: Iterable[int]) -> list[int]:
    have = {r.tanggal.year for r in active_entries(session) if r.jenis == CUTI_BERSAMA}
    return sorted(y for y in set(years) if y not in have)
