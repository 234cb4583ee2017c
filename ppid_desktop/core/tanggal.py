"""Indonesian date helpers for naskah dinas (Qt-free).

* ``HARI`` / ``BULAN``: day and month names (``HARI[d.weekday()]``, ``BULAN[m - 1]``).
* ``nama_hari(d)`` -> ``"Senin"``; ``tanggal_panjang(d)`` -> ``"16 Maret 2026"``;
  ``tanggal_hari(d)`` -> ``"Senin, 16 Maret 2026"``; ``tanggal_angka(d)`` -> ``"16-03-2026"``.
* ``bulan_romawi(3)`` -> ``"III"`` (letter numbers).
* ``terbilang(2026)`` -> ``"dua ribu dua puluh enam"`` (cardinal number words).
* ``tanggal_kata(d)`` -> ``"Pada hari ini Senin tanggal enam belas bulan Maret tahun dua ribu dua puluh
  enam"`` — the berita acara form. The weekday is always derived from the date, never typed by users.
* ``parse_tanggal(text)`` accepts ``16 Maret 2026``, ``16 Mar 2026``, ``16/03/2026``, ``16-03-2026`` and
  ``2026-03-16``; it raises ``ValueError`` with an Indonesian message for anything else or for an
  impossible date (``30 Februari 2026``).
"""

from __future__ import annotations

import re
from datetime import date

__all__ = [
    "BULAN",
    "HARI",
    "bulan_romawi",
    "nama_bulan",
    "nama_hari",
    "parse_tanggal",
    "tanggal_angka",
    "tanggal_hari",
    "tanggal_kata",
    "tanggal_panjang",
    "terbilang",
]

HARI: tuple[str, ...] = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
"""Indonesian day names indexed by ``date.weekday()`` (Monday = 0)."""

BULAN: tuple[str, ...] = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
"""Indonesian month names; ``BULAN[month - 1]``."""

_ROMAWI: tuple[str, ...] = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")

# Month names and their usual abbreviations (lower case) -> month number.
_BULAN_KATA: dict[str, int] = {nama.lower(): i + 1 for i, nama in enumerate(BULAN)}
_BULAN_KATA.update(
    {
        "jan": 1,
        "feb": 2,
        "peb": 2,
        "pebruari": 2,
        "mar": 3,
        "apr": 4,
        "jun": 6,
        "jul": 7,
        "agu": 8,
        "agt": 8,
        "agus": 8,
        "ags": 8,
        "sep": 9,
        "sept": 9,
        "okt": 10,
        "nov": 11,
        "nop": 11,
        "nopember": 11,
        "des": 12,
    }
)

_RE_KATA = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})$")
_RE_DMY = re.compile(r"^(\d{1,2})([/\-.])(\d{1,2})\2(\d{4})$")
_RE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def nama_hari(d: date) -> str:
    """Indonesian weekday name of ``d`` (``"Senin"`` … ``"Minggu"``)."""
    return HARI[d.weekday()]


def nama_bulan(bulan: int) -> str:
    """Indonesian month name for ``bulan`` in 1..12."""
    if not 1 <= bulan <= 12:
        raise ValueError(f"Bulan harus 1 sampai 12, bukan {bulan}.")
    return BULAN[bulan - 1]


def tanggal_panjang(d: date) -> str:
    """``16 Maret 2026`` (no leading zero, no trailing full stop)."""
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


def tanggal_hari(d: date) -> str:
    """``Senin, 16 Maret 2026``."""
    return f"{nama_hari(d)}, {tanggal_panjang(d)}"


def tanggal_angka(d: date) -> str:
    """``16-03-2026`` — the numeric form often put in brackets after the words form."""
    return f"{d.day:02d}-{d.month:02d}-{d.year:04d}"


def bulan_romawi(bulan: int) -> str:
    """Roman numeral of a month (``3`` -> ``"III"``), as used in letter numbers."""
    if not 1 <= bulan <= 12:
        raise ValueError(f"Bulan harus 1 sampai 12, bukan {bulan}.")
    return _ROMAWI[bulan - 1]


def terbilang(n: int) -> str:
    """Indonesian cardinal words: ``2026`` -> ``"dua ribu dua puluh enam"``, ``0`` -> ``"nol"``."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError("terbilang() hanya menerima bilangan bulat.")
    if n < 0:
        return "minus " + terbilang(-n)
    from num2words import num2words  # imported on first use: keeps start-up lean

    words = str(num2words(n, lang="id"))
    return " ".join(words.split())


def tanggal_kata(d: date, *, pembuka: str = "Pada hari ini") -> str:
    """The berita acara words form of ``d``.

    ``Pada hari ini Senin tanggal enam belas bulan Maret tahun dua ribu dua puluh enam``.
    The weekday is derived from the date. ``pembuka`` replaces the opening words; with ``""`` the
    result starts at the weekday (``Senin tanggal …``).
    """
    inti = f"{nama_hari(d)} tanggal {terbilang(d.day)} bulan {BULAN[d.month - 1]} tahun {terbilang(d.year)}"
    return f"{pembuka} {inti}" if pembuka else inti


def _buat_tanggal(tahun: int, bulan: int, hari: int, teks: str) -> date:
    if not 1 <= bulan <= 12:
        raise ValueError(f"Bulan tidak dikenal pada tanggal '{teks}'.")
    try:
        return date(tahun, bulan, hari)
    except ValueError:
        raise ValueError(
            f"Tanggal tidak ada: {hari} {BULAN[bulan - 1]} {tahun} "
            f"(bulan {BULAN[bulan - 1]} {tahun} tidak memiliki tanggal {hari})."
        ) from None


def parse_tanggal(text: str) -> date:
    """Parse an Indonesian date written by a user.

    Accepted: ``16 Maret 2026``, ``16 mar 2026``, ``16 Agt. 2026``, ``16/03/2026``, ``16-03-2026``,
    ``16.03.2026`` and ISO ``2026-03-16``. Raises ``ValueError`` with an Indonesian message.
    """
    teks = " ".join(str(text).split())
    if not teks:
        raise ValueError("Tanggal belum diisi.")
    if m := _RE_ISO.match(teks):
        return _buat_tanggal(int(m.group(1)), int(m.group(2)), int(m.group(3)), teks)
    if m := _RE_DMY.match(teks):
        return _buat_tanggal(int(m.group(4)), int(m.group(3)), int(m.group(1)), teks)
    if m := _RE_KATA.match(teks):
        nama = m.group(2).lower()
        bulan = _BULAN_KATA.get(nama)
        if bulan is None:
            raise ValueError(f"Nama bulan '{m.group(2)}' tidak dikenal.")
        return _buat_tanggal(int(m.group(3)), bulan, int(m.group(1)), teks)
    raise ValueError(
        f"Format tanggal '{teks}' tidak dikenal. Gunakan misalnya 16 Maret 2026, 16/03/2026 atau 2026-03-16."
    )
