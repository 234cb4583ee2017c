from __future__ import annotations

from sqlalchemy import Index, text
from sqlmodel import Field

from ppid_desktop.core.base import SyncRecord


class ProfilInstansi(SyncRecord, table=True):
    """The office (one row): kop surat lines, paper and letter settings, calendar policy, DPO."""

    __tablename__ = "profil_instansi"

    pemerintah: str = Field(default="", max_length=200)  # PEMERINTAH KOTA SALATIGA
    perangkat_daerah: str = Field(default="", max_length=200)  # DINAS KOMUNIKASI DAN INFORMATIKA
    sub_unit: str = Field(default="", max_length=200)
    alamat: str = Field(default="", max_length=300)
    kota: str = Field(default="", max_length=100)  # place name on letters
    kode_pos: str = Field(default="", max_length=10)
    telepon: str = Field(default="", max_length=100)
    email: str = Field(default="", max_length=200)
    website: str = Field(default="", max_length=200)
    logo_hash: str | None = Field(default=None, max_length=80)  # file in the attachments folder
    kertas: str = Field(default="F4", max_length=8)  # "A4" | "F4"
    font: str = Field(default="Arial", max_length=64)
    ukuran_font: float = 12.0
    margin_atas: float = 25.0
    margin_bawah: float = 25.0
    margin_kiri: float = 30.0
    margin_kanan: float = 20.0
    spasi: float = 1.15
    cuti_bersama_hari_kerja: bool = False
    sabtu_hari_kerja: bool = False
    dpo_nama: str = Field(default="", max_length=200)  # pejabat pelindungan data pribadi
    dpo_kontak: str = Field(default="", max_length=200)
    kode_unit: str = Field(default="", max_length=64)  # unit pengolah code used in numbers
    # The Sekretariat Daerah's kop (letters the Sekda signs as Atasan PPID); empty: derived from the pemda name
    setda_nama: str = Field(default="", max_length=200)
    setda_alamat: str = Field(default="", max_length=300)
    setda_telepon: str = Field(default="", max_length=100)
    setda_email: str = Field(default="", max_length=200)
    setda_website: str = Field(default="", max_length=200)


JENIS_UNIT = {"perangkat_daerah": "Perangkat daerah", "kabupaten_kota": "Kabupaten/Kota",
              "bidang": "Bidang/unit kerja internal"}


class PerangkatDaerah(SyncRecord, table=True):
    __tablename__ = "perangkat_daerah"
    __sensitive__ = frozenset({"ppid_telepon", "ppid_email"})

    kode: str = Field(index=True, max_length=32)
    nama: str = Field(max_length=200)
    singkatan: str = Field(default="", max_length=64)
    alamat: str = Field(default="", max_length=300)
    kepala: str = Field(default="", max_length=200)
    kepala_nip: str = Field(default="", max_length=20)
    ppid_pelaksana: str = Field(default="", max_length=200)
    ppid_telepon: str = Field(default="", max_length=64)
    ppid_email: str = Field(default="", max_length=200)
    aktif: bool = True
    # what kind of unit this is: perangkat_daerah | kabupaten_kota | bidang (JENIS_UNIT); only
    # perangkat_daerah are offered where a request's OPD is chosen
    jenis_unit: str = Field(default="perangkat_daerah", max_length=32, sa_column_kwargs={"server_default": "perangkat_daerah"})


class Pegawai(SyncRecord, table=True):
    __tablename__ = "pegawai"
    __sensitive__ = frozenset({"telepon", "email"})

    nama: str = Field(max_length=200)  # with academic titles, as printed
    nip: str = Field(default="", index=True, max_length=20)
    pangkat: str = Field(default="", max_length=64)  # Pembina
    golongan: str = Field(default="", max_length=16)  # IV/a
    jabatan: str = Field(default="", max_length=200)
    opd_id: str | None = Field(default=None, foreign_key="perangkat_daerah.id", max_length=36)
    telepon: str = Field(default="", max_length=64)
    email: str = Field(default="", max_length=200)
    # Which documents this official may sign, comma-separated keys (see master.service.TTD_JENIS).
    boleh_ttd: str = Field(default="", max_length=500)
    aktif: bool = True


class TemplatNomor(SyncRecord, table=True):
    """Number template per document kind (see core.penomoran for tokens)."""

    __tablename__ = "templat_nomor"
    __table_args__ = (Index("ux_templat_nomor_jenis", "jenis", unique=True, sqlite_where=text("deleted = 0")),)

    jenis: str = Field(index=True, max_length=64)
    nama: str = Field(max_length=200)
    pola: str = Field(max_length=200)
    kode_klasifikasi: str = Field(default="", max_length=64)
