"""Agenda surat keluar: outgoing letters, their paraf chain, signature, number and archive."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, text
from sqlmodel import Field

from ppid_desktop.core.base import SyncRecord


class SuratKeluar(SyncRecord, table=True):
    __tablename__ = "surat_keluar"
    __table_args__ = (
        Index("ux_surat_keluar_nomor", "jenis", "nomor", text("substr(tanggal, 1, 4)"), unique=True,
              sqlite_where=text("deleted = 0 AND nomor IS NOT NULL AND nomor <> ''")),
    )

    jenis: str = Field(index=True, max_length=64)  # template key: surat_keluar, nota_dinas, surat_tugas, ...
    hal: str = Field(max_length=300)
    kepada: str = Field(default="", max_length=500)
    sifat: str = Field(default="Biasa", max_length=32)
    lampiran: str = Field(default="-", max_length=64)
    ringkasan: str = Field(default="")
    kode_klasifikasi: str = Field(default="", max_length=64)
    konseptor: str = Field(default="", max_length=64)  # username of the drafter
    penandatangan_id: str | None = Field(default=None, foreign_key="pegawai.id", max_length=36)
    penandatangan: str = Field(default="", max_length=200)  # name as signed
    mode_ttd: str = Field(default="", max_length=8)  # "", a.n., u.b., Plt., Plh., Pj.
    status: str = Field(default="konsep", index=True, max_length=32)
    nomor: str | None = Field(default=None, index=True, max_length=100)
    tanggal: date | None = Field(default=None, index=True)  # date signed (the letter's date)
    tanggal_kirim: date | None = None
    cara_kirim: str = Field(default="", max_length=64)
    sumber: str = Field(default="", max_length=120)  # e.g. "monev.program:<id>" or "layanan.permohonan:<id>"
    pdf_hash: str | None = Field(default=None, max_length=80)
    catatan: str = Field(default="")


class ParafSurat(SyncRecord, table=True):
    __tablename__ = "paraf_surat"

    surat_id: str = Field(foreign_key="surat_keluar.id", index=True, max_length=36)
    urutan: int = 1
    jenis: str = Field(default="hierarki", max_length=16)  # hierarki | koordinasi
    pegawai_id: str | None = Field(default=None, foreign_key="pegawai.id", max_length=36)
    nama: str = Field(max_length=200)
    jabatan: str = Field(default="", max_length=200)
    status: str = Field(default="menunggu", max_length=16)  # menunggu | disetujui | dikembalikan
    catatan: str = Field(default="")
    waktu: datetime | None = None
    dicatat_oleh: str = Field(default="", max_length=64)
