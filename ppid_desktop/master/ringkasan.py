"""What Beranda and the window frame read of the master data, in plain DB-API SQL (shared by the light
start path and ``MasterService``): whether the office profile exists, the office's name, and the
calendar warning (years without cuti bersama)."""

from __future__ import annotations

from datetime import date
from typing import Any

# ``core.kalender``'s values (that module loads SQLModel; tests/unit/test_ringan.py checks they agree).
CUTI_BERSAMA = "cuti_bersama"
MIN_YEAR, MAX_YEAR = 1950, 2100


def ada_profil(conn: Any) -> bool:
    return conn.execute("SELECT 1 FROM profil_instansi WHERE deleted = 0 LIMIT 1").fetchone() is not None


def nama_instansi(conn: Any) -> str:
    """The office (``perangkat_daerah`` of the profile), or "" when the profile is not filled in."""
    row = conn.execute("SELECT perangkat_daerah FROM profil_instansi WHERE deleted = 0 LIMIT 1").fetchone()
    return str(row[0] or "") if row else ""


def tahun_kalender(hari_ini: date) -> list[int]:
    """The years the calendar warning looks at (last, this and next year); the service seeds them first."""
    return [hari_ini.year - 1, hari_ini.year, hari_ini.year + 1]


def tahun_belum_diisi(conn: Any, years: list[int]) -> set[int]:
    """Of ``years``, those the calendar has not been seeded with yet (``kalender_tahun``)."""
    have = {int(r[0]) for r in conn.execute("SELECT tahun FROM kalender_tahun WHERE deleted = 0")}
    return {y for y in years if MIN_YEAR <= y <= MAX_YEAR and y not in have}


def peringatan_kalender(conn: Any, hari_ini: date) -> list[str] | None:
    """One line per year (this and next) whose calendar has no cuti bersama; ``None`` while one of the
    years is not seeded yet (seeding writes: ``MasterService.pastikan_tahun`` first)."""
    years = tahun_kalender(hari_ini)
    if tahun_belum_diisi(conn, years):
        return None
    have = {int(r[0]) for r in conn.execute(
        "SELECT DISTINCT CAST(substr(tanggal, 1, 4) AS INTEGER) FROM hari_libur WHERE deleted = 0 AND jenis = ?",
        [CUTI_BERSAMA])}
    return [f"Kalender {y} belum memuat cuti bersama (SKB 3 Menteri). Perbarui paket kalender atau "
            "tambahkan manual di Data Master › Kalender." for y in sorted(set(years[1:])) if y not in have]
