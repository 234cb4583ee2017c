"""Rekap tables: column mappings remembered per header layout."""

from __future__ import annotations

from sqlalchemy import Index, text
from sqlmodel import Field

from ppid_desktop.core.base import SyncRecord


class PemetaanKolom(SyncRecord, table=True):
    """A user's mapping of an unknown layout, keyed by import kind + header signature."""

    __tablename__ = "rekap_pemetaan"
    __table_args__ = (Index("ux_rekap_pemetaan_jenis_tanda", "jenis", "tanda", unique=True,
                            sqlite_where=text("deleted = 0")),)

    jenis: str = Field(index=True, max_length=32)
    tanda: str = Field(index=True, max_length=32)  # reader.tanda_judul of the header row
    baris_judul: int = 1
    kolom: str = Field(default="{}")  # JSON: field -> column letter
    contoh: str = Field(default="", max_length=500)  # header texts, for the user
