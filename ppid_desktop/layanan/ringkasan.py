"""Beranda's deadline summary, in plain DB-API SQL (the light start path, ``core.ringan``, and
``LayananService.ringkasan`` run this same code; ``Store.raw()`` gives the services' connection).

- ``ringkasan(conn, hari_ini) -> Ringkasan``: open requests due today, this week and overdue per OPD,
  keberatan due this week / overdue, and the annual-report reminder until the year's report is sent.
- ``ringkasan_tenggat`` (the two aggregate queries) and ``laporan_terkirim`` are its parts.

No ORM, no SQLAlchemy: it runs before the database layer is imported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ppid_desktop.layanan import rules as RU  # noqa: N812


@dataclass
class Ringkasan:
    """What the Beranda shows: open deadlines per OPD and the annual-report reminder."""

    hari_ini: date
    per_opd: list[dict[str, Any]] = field(default_factory=list)  # opd, hari_ini, minggu_ini, terlambat
    total_hari_ini: int = 0
    total_minggu_ini: int = 0
    total_terlambat: int = 0
    keberatan_terlambat: int = 0
    keberatan_minggu_ini: int = 0
    pengingat_laporan: str = ""


def ringkasan(conn: Any, hari_ini: date) -> Ringkasan:
    """What Beranda shows of this room (see the module doc)."""
    out = ringkasan_tenggat(conn, hari_ini)
    if out.pengingat_laporan and laporan_terkirim(conn, hari_ini.year - 1):
        out.pengingat_laporan = ""  # the reminder stops once the year's report is recorded as sent
    return out


def laporan_terkirim(conn: Any, tahun: int) -> bool:
    """Whether the report covering the whole of ``tahun`` is recorded as sent."""
    return conn.execute("SELECT 1 FROM pengiriman_laporan WHERE deleted = 0 AND dari <= ? AND sampai >= ? LIMIT 1",
                        [date(tahun, 1, 1).isoformat(), date(tahun, 12, 31).isoformat()]).fetchone() is not None


def ringkasan_tenggat(conn: Any, hari_ini: date) -> Ringkasan:
    """What Beranda shows (``service.Ringkasan``): open requests due today, this week and overdue per OPD,
    keberatan due this week / overdue, and the annual-report reminder — counted by SQLite in two
    aggregate queries over ``ix_permohonan_status_tenggat`` (status, tenggat_efektif, opd_id, deleted) and
    the keberatan deadline index, so the cost follows the open deadlines, not the register. Qt-free:
    call it on a worker thread with ``Store.raw()``."""
    today = hari_ini.isoformat()
    akhir_minggu = (hari_ini + timedelta(days=6 - hari_ini.weekday())).isoformat()
    out = Ringkasan(hari_ini=hari_ini)
    names = {i: (s or n) for i, s, n in conn.execute("SELECT id, singkatan, nama FROM perangkat_daerah")}
    per: dict[str, dict[str, Any]] = {}
    sql = (f"SELECT p.opd_id, sum(p.tenggat_efektif < ?), sum(p.tenggat_efektif = ?), sum(p.tenggat_efektif > ?) "
           f"FROM permohonan p WHERE p.status IN ({','.join('?' * len(RU.STATUS_TERBUKA))}) "
           f"AND p.tenggat_efektif <= ? AND +p.deleted = 0 GROUP BY p.opd_id")
    for opd_id, lewat, hari, minggu in conn.execute(sql, [today, today, today, *RU.STATUS_TERBUKA, akhir_minggu]):
        name = names.get(opd_id or "", "(belum didisposisi)")
        row = per.setdefault(name, {"opd": name, "hari_ini": 0, "minggu_ini": 0, "terlambat": 0})
        row["terlambat"] += lewat
        row["hari_ini"] += hari
        row["minggu_ini"] += minggu
    k = conn.execute("SELECT sum(k.tenggat_jawaban < ?), sum(k.tenggat_jawaban >= ?) FROM keberatan k "
                     "WHERE k.status = ? AND k.tenggat_jawaban <= ? AND +k.deleted = 0",
                     [today, today, RU.K_DITERIMA, akhir_minggu]).fetchone()
    out.keberatan_terlambat, out.keberatan_minggu_ini = int(k[0] or 0), int(k[1] or 0)
    out.per_opd = sorted(per.values(), key=lambda r: (-r["terlambat"], -r["hari_ini"], r["opd"]))
    out.total_hari_ini = sum(r["hari_ini"] for r in out.per_opd)
    out.total_minggu_ini = sum(r["minggu_ini"] for r in out.per_opd)
    out.total_terlambat = sum(r["terlambat"] for r in out.per_opd)
    if hari_ini.month in (2, 3):
        out.pengingat_laporan = (
            f"Laporan layanan informasi publik tahun {hari_ini.year - 1} wajib tersedia paling lambat "
            f"31 Maret {hari_ini.year} (Perki 1/2021 Pasal 56)."
        )
    return out
