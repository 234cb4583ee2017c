"""Beranda's count of letters waiting (plain DB-API SQL, shared by the light start path and the services)."""

from __future__ import annotations

from typing import Any

PARAF = "paraf"
SIAP_TTD = "siap_ttd"


def naskah_menunggu(conn: Any) -> tuple[int, int]:
    """(letters waiting for paraf, letters ready to be signed) in the agenda, tombstones left out."""
    counts = dict(conn.execute("SELECT status, count(*) FROM surat_keluar WHERE deleted = 0 AND status IN (?, ?) "
                               "GROUP BY status", [PARAF, SIAP_TTD]).fetchall())
    return int(counts.get(PARAF, 0)), int(counts.get(SIAP_TTD, 0))
