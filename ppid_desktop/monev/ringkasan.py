"""Beranda's monev lines (plain DB-API SQL, shared by the light start path and the services): per
programme still running, the visits scheduled up to the end of this week and the sessions started but not
finished."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

#: A programme whose status is one of these is running whatever its schedule says.
PROGRAM_BERJALAN = ("", "aktif", "berjalan")
SELESAI = ("difinalkan", "diverifikasi")  # the schedule statuses of a visit whose session is final


@dataclass(frozen=True)
class BarisMonev:
    program_id: str
    nama: str
    minggu_ini: int  # visits scheduled up to the end of this week, not started
    berlangsung: int  # sessions started, not finished


def antrean_monev(conn: Any, hari_ini: date) -> list[BarisMonev]:
    """The programmes with visits this week or unfinished sessions, newest programme first. A programme
    counts while it runs, or while it has visits not yet final (``opd`` ≠ ``difinalkan`` in its progress)."""
    akhir_minggu = (hari_ini + timedelta(days=6 - hari_ini.weekday())).isoformat()
    jadwal = {pid: (int(semua or 0), int(final or 0)) for pid, semua, final in conn.execute(
        f"SELECT program_id, count(*), sum(status IN ({','.join('?' * len(SELESAI))})) FROM monev_jadwal "
        "WHERE deleted = 0 GROUP BY program_id", SELESAI)}
    kunjungan = {pid: (int(minggu or 0), int(jalan or 0)) for pid, minggu, jalan in conn.execute(
        "SELECT j.program_id, sum(j.status = 'dijadwalkan' AND j.tanggal IS NOT NULL AND j.tanggal <= ?), "
        "sum(j.status = 'berlangsung') FROM monev_jadwal j JOIN perangkat_daerah o ON o.id = j.opd_id "
        "WHERE j.deleted = 0 GROUP BY j.program_id", [akhir_minggu])}
    out: list[BarisMonev] = []
    for pid, nama, status in conn.execute("SELECT id, nama, status FROM monev_program WHERE deleted = 0 "
                                          "ORDER BY tanggal_mulai DESC, nama"):
        semua, final = jadwal.get(pid, (0, 0))
        if (status or "") not in PROGRAM_BERJALAN and semua == final:
            continue
        minggu, jalan = kunjungan.get(pid, (0, 0))
        if minggu or jalan:
            out.append(BarisMonev(str(pid), str(nama), minggu, jalan))
    return out
