"""Working-day arithmetic (Qt-free, no database): the kinds of calendar day, the office's policy, a deadline and
how it was counted, and :class:`WorkCalendar` over calendar entries. ``core.kalender`` keeps the stored
calendar (seeding, the tables) and re-exports these names; a process without the database layer (the demo's
drawing process, the public calendar) needs only this module."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ppid_desktop.core.errors import UserError
from ppid_desktop.core.tanggal import HARI

LIBUR_NASIONAL = "libur_nasional"
CUTI_BERSAMA = "cuti_bersama"
LIBUR_LOKAL = "libur_lokal"
KANTOR_TUTUP = "kantor_tutup"
HARI_KERJA_PENGGANTI = "hari_kerja_pengganti"

JENIS_LABEL: dict[str, str] = {
    LIBUR_NASIONAL: "Libur nasional",
    CUTI_BERSAMA: "Cuti bersama",
    LIBUR_LOKAL: "Libur daerah",
    KANTOR_TUTUP: "Kantor tutup",
    HARI_KERJA_PENGGANTI: "Hari kerja pengganti",
}
CLOSED_KINDS = {LIBUR_NASIONAL, CUTI_BERSAMA, LIBUR_LOKAL, KANTOR_TUTUP}
MIN_YEAR, MAX_YEAR = 1950, 2100


@dataclass(frozen=True)
class Kebijakan:
    """Office policy. Default: cuti bersama is not a working day; Saturday is not one either."""

    cuti_bersama_hari_kerja: bool = False
    sabtu_hari_kerja: bool = False


@dataclass(frozen=True)
class HariDilewati:
    tanggal: date
    alasan: str

    def to_dict(self) -> dict[str, str]:
        return {"tanggal": self.tanggal.isoformat(), "alasan": self.alasan}


@dataclass(frozen=True)
class Tenggat:
    """A deadline and how it was computed."""

    mulai: date
    hari_kerja: int
    jatuh_tempo: date
    dilewati: tuple[HariDilewati, ...]
    versi_kalender: str

    def to_dict(self) -> dict[str, object]:
        return {
            "mulai": self.mulai.isoformat(),
            "hari_kerja": self.hari_kerja,
            "tenggat": self.jatuh_tempo.isoformat(),
            "hari_dilewati": [d.to_dict() for d in self.dilewati],
            "versi_kalender": self.versi_kalender,
        }


@dataclass
class Entry:
    tanggal: date
    jenis: str
    nama: str


def package_entries(year: int) -> list[Entry]:
    """Libur nasional and cuti bersama for ``year`` from the ``holidays`` package."""
    import holidays  # imported on first use: keeps start-up lean

    out: list[Entry] = []
    for category, jenis in (("public", LIBUR_NASIONAL), ("government", CUTI_BERSAMA)):
        cal = holidays.country_holidays("ID", years=year, categories=(category,), language="id")
        for day, name in sorted(cal.items()):
            for part in str(name).split("; "):
                out.append(Entry(day, jenis, part))
    return out


def check_year(d: date) -> None:
    if not MIN_YEAR <= d.year <= MAX_YEAR:
        raise UserError(f"Tanggal {d.isoformat()} di luar rentang kalender ({MIN_YEAR}–{MAX_YEAR}).")


class WorkCalendar:
    """Pure working-day arithmetic over a set of calendar entries.

    ``loader(year)`` returns the entries of a year; it is called once per year on first use, so a
    computation that runs into a year not yet seeded seeds it.
    """

    def __init__(self, loader: Callable[[int], Iterable[Entry]], kebijakan: Kebijakan | None = None) -> None:
        self._loader = loader
        self.kebijakan = kebijakan or Kebijakan()
        self._years: dict[int, dict[date, list[Entry]]] = {}

    @classmethod
    def from_entries(cls, entries: Iterable[Entry], kebijakan: Kebijakan | None = None) -> WorkCalendar:
        by_year: dict[int, list[Entry]] = {}
        for e in entries:
            by_year.setdefault(e.tanggal.year, []).append(e)
        return cls(lambda y: by_year.get(y, []), kebijakan)

    def entries(self) -> list[Entry]:
        """The entries of every year loaded so far (``from_entries`` of them answers the same for those
        years: a calendar handed to another process)."""
        return [e for year in self._years.values() for day in year.values() for e in day]

    def _day_entries(self, d: date) -> list[Entry]:
        check_year(d)
        year = self._years.get(d.year)
        if year is None:
            year = {}
            for e in self._loader(d.year):
                year.setdefault(e.tanggal, []).append(e)
            self._years[d.year] = year
        return year.get(d, [])

    def reason_closed(self, d: date) -> str | None:
        """Why ``d`` is not a working day, or ``None`` if it is one."""
        entries = self._day_entries(d)
        if any(e.jenis == HARI_KERJA_PENGGANTI for e in entries):
            return None
        closed = [e for e in entries if e.jenis in CLOSED_KINDS]
        if self.kebijakan.cuti_bersama_hari_kerja:
            closed = [e for e in closed if e.jenis != CUTI_BERSAMA]
        if closed:
            order = [LIBUR_NASIONAL, CUTI_BERSAMA, LIBUR_LOKAL, KANTOR_TUTUP]
            closed.sort(key=lambda e: order.index(e.jenis))
            return "; ".join(f"{JENIS_LABEL[e.jenis]}: {e.nama}" for e in closed)
        wd = d.weekday()
        if wd == 6 or (wd == 5 and not self.kebijakan.sabtu_hari_kerja):
            return f"Akhir pekan ({HARI[wd]})"
        return None

    def is_workday(self, d: date) -> bool:
        return self.reason_closed(d) is None

    def add_workdays(self, start: date, n: int, versi: str = "") -> Tenggat:
        if n < 0:
            raise ValueError("n must be >= 0")
        check_year(start)
        skipped: list[HariDilewati] = []
        d = start
        counted = 0
        while counted < n:
            d += timedelta(days=1)
            why = self.reason_closed(d)
            if why is None:
                counted += 1
            else:
                skipped.append(HariDilewati(d, why))
        return Tenggat(start, n, d, tuple(skipped), versi)

    def workdays_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative if ``end`` is earlier)."""
        if end == start:
            return 0
        sign = 1 if end > start else -1
        a, b = (start, end) if sign > 0 else (end, start)
        count = 0
        d = a
        while d < b:
            d += timedelta(days=1)
            if self.is_workday(d):
                count += 1
        return sign * count


# ------------------------------------------------------------------ database side


def versi_dari(entries: Iterable[Any], kebijakan: Kebijakan) -> str:
    """The version hash of ``entries`` (anything with ``tanggal``, ``jenis``, ``nama``, in the order
    ``active_entries`` gives) under ``kebijakan``: the database's and the public calendar file's alike."""
    h = hashlib.sha1()
    h.update(f"{kebijakan.cuti_bersama_hari_kerja}|{kebijakan.sabtu_hari_kerja}".encode())
    for r in entries:
        h.update(f"|{r.tanggal.isoformat()}:{r.jenis}:{r.nama}".encode())
    return h.hexdigest()[:12]
