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
    pdf_hash: str | None = Field(default=None, max_length=80)  # the archived signed scan (arsipkan)
    catatan: str = Field(default="")
    seri: str = Field(default="", max_length=64)  # number template / counter series, set at signature
    urut: int | None = None  # serial taken at signature (a sisipan keeps its base serial)
    versi: int = 1
    pdf_sha256: str | None = Field(default=None, max_length=80)  # frozen PDF of the signed version
    ditandatangani_pada: datetime | None = None


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


class RiwayatSurat(SyncRecord, table=True):
    """One act on a letter (dibuat, diubah, diajukan, paraf, dikembalikan, ditandatangani, koreksi, …)."""

    __tablename__ = "riwayat_surat"

    surat_id: str = Field(foreign_key="surat_keluar.id", index=True, max_length=36)
    waktu: datetime
    aksi: str = Field(max_length=32)
    oleh: str = Field(default="", max_length=200)
    catatan: str = Field(default="")
    versi: int = 1


class VersiSurat(SyncRecord, table=True):
    """A frozen signed version: the PDF file (attachments folder, by SHA-256), its number and date."""

    __tablename__ = "versi_surat"

    surat_id: str = Field(foreign_key="surat_keluar.id", index=True, max_length=36)
    versi: int = 1
    nomor: str = Field(max_length=100)
    tanggal: date
    sha256: str = Field(max_length=80)
    alasan: str = Field(default="")
    ditandatangani_pada: datetime


class KlasifikasiArsip(SyncRecord, table=True):
    """The office's kode klasifikasi arsip list (Data Master), used in letter numbers."""

    __tablename__ = "klasifikasi_arsip"

    kode: str = Field(index=True, max_length=64)
    nama: str = Field(max_length=300)
    aktif: bool = True


class ParafBaku(SyncRecord, table=True):
    """The default paraf chain of a letter kind (the office edits it); copied into each new draft."""

    __tablename__ = "paraf_baku"

    jenis_surat: str = Field(index=True, max_length=64)
    urutan: int = 1
    jenis: str = Field(default="hierarki", max_length=16)  # hierarki | koordinasi
    pegawai_id: str = Field(foreign_key="pegawai.id", max_length=36)


class PengaturanNaskah(SyncRecord, table=True):
    """Office settings of the tata naskah (key/value): ``tanggal_mundur``, ``tabel_paraf``."""

    __tablename__ = "pengaturan_naskah"

    kunci: str = Field(index=True, max_length=64)
    nilai: str = Field(default="", max_length=200)
