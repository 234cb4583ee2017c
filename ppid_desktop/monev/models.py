"""Monev tables. Every row is a travelling ``SyncRecord`` (UUID, revision, tombstone)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, text
from sqlmodel import Field

from ppid_desktop.core.base import SyncRecord

STATUS_INSTRUMEN = ("draf", "terbit")
STATUS_JADWAL = ("dijadwalkan", "berlangsung", "selesai", "difinalkan", "diverifikasi")
STATUS_JADWAL_LABEL = {
    "dijadwalkan": "Dijadwalkan", "berlangsung": "Berlangsung", "selesai": "Selesai dikunjungi",
    "difinalkan": "Difinalkan", "diverifikasi": "Diverifikasi",
}
STATUS_SESI = ("draf", "final", "diganti")
STATUS_TL = ("belum", "proses", "selesai", "batal")
STATUS_TL_LABEL = {"belum": "Belum ditindaklanjuti", "proses": "Dalam proses", "selesai": "Selesai", "batal": "Dibatalkan"}


class Instrumen(SyncRecord, table=True):
    """One VERSION of an instrument; ``kode`` groups the versions, ``definisi`` is the frozen JSON."""

    __tablename__ = "monev_instrumen"
    __table_args__ = (Index("ux_monev_instrumen_kode_versi", "kode", "versi", unique=True,
                            sqlite_where=text("deleted = 0")),)

    kode: str = Field(index=True, max_length=64)
    versi: int = 1
    status: str = Field(default="draf", max_length=16)
    nama: str = Field(max_length=300)
    jenis: str = Field(default="lain", max_length=32)
    penerbit: str = Field(default="", max_length=200)
    tahun: int | None = None
    jumlah_pertanyaan: int = 0
    definisi: str = "{}"
    diterbitkan_at: datetime | None = None


class Program(SyncRecord, table=True):
    """A monev programme: period, frozen instrument version, target OPDs (``MonevJadwal``), team."""

    __tablename__ = "monev_program"

    nama: str = Field(max_length=300)
    periode: str = Field(default="", max_length=64)
    tanggal_mulai: date | None = None
    tanggal_selesai: date | None = None
    instrumen_id: str = Field(foreign_key="monev_instrumen.id", max_length=36, index=True)
    durasi_menit: int = 90
    dasar: str = ""  # dasar surat / keterangan
    status: str = Field(default="aktif", max_length=16)  # aktif | selesai


class TimMonev(SyncRecord, table=True):
    __tablename__ = "monev_tim"

    program_id: str = Field(foreign_key="monev_program.id", max_length=36, index=True)
    pegawai_id: str = Field(foreign_key="pegawai.id", max_length=36)
    peran: str = Field(default="Anggota", max_length=64)  # Ketua | Anggota | Sekretaris | Verifikator


class Jadwal(SyncRecord, table=True):
    """A target OPD of a programme: schedule and status."""

    __tablename__ = "monev_jadwal"

    program_id: str = Field(foreign_key="monev_program.id", max_length=36, index=True)
    opd_id: str = Field(foreign_key="perangkat_daerah.id", max_length=36, index=True)
    tanggal: date | None = None
    jam: str = Field(default="", max_length=16)
    tempat: str = Field(default="", max_length=300)
    status: str = Field(default="dijadwalkan", max_length=16)


class Sesi(SyncRecord, table=True):
    """A field session (one revision). Finalised sessions are locked; corrections make a new revision."""

    __tablename__ = "monev_sesi"
    __table_args__ = (Index("ux_monev_sesi_jadwal_revisi", "jadwal_id", "revisi", unique=True,
                            sqlite_where=text("deleted = 0")),)

    program_id: str = Field(foreign_key="monev_program.id", max_length=36, index=True)
    jadwal_id: str = Field(foreign_key="monev_jadwal.id", max_length=36, index=True)
    opd_id: str = Field(foreign_key="perangkat_daerah.id", max_length=36, index=True)
    instrumen_id: str = Field(foreign_key="monev_instrumen.id", max_length=36)
    instrumen_versi: int = 1
    revisi: int = 1
    sebelumnya_id: str | None = Field(default=None, max_length=36)
    alasan_revisi: str = ""
    status: str = Field(default="draf", max_length=16)
    mulai_at: datetime | None = None
    selesai_at: datetime | None = None
    final_at: datetime | None = None
    final_oleh: str = Field(default="", max_length=64)
    verifikasi_at: datetime | None = None
    verifikasi_oleh: str = Field(default="", max_length=64)
    nilai_tahap: str = "{}"  # JSON {tahap kode: nilai} for stages entered by hand (visitasi)
    catatan: str = ""
    ba_nomor: str = Field(default="", max_length=100)
    ba_tanggal: date | None = None


class Responden(SyncRecord, table=True):
    __tablename__ = "monev_responden"
    __sensitive__ = frozenset({"telepon", "nama", "nip"})

    sesi_id: str = Field(foreign_key="monev_sesi.id", max_length=36, index=True)
    nama: str = Field(max_length=200)
    jabatan: str = Field(default="", max_length=200)
    nip: str = Field(default="", max_length=20)
    telepon: str = Field(default="", max_length=32)


class Jawaban(SyncRecord, table=True):
    """One answer; records the instrument version it was given on."""

    __tablename__ = "monev_jawaban"
    __table_args__ = (
        Index("ix_monev_jawaban_sesi_kode", "sesi_id", "pertanyaan"),
        Index("ux_monev_jawaban_sesi_pertanyaan", "sesi_id", "pertanyaan", unique=True,
              sqlite_where=text("deleted = 0")),
    )

    sesi_id: str = Field(foreign_key="monev_sesi.id", max_length=36, index=True)
    pertanyaan: str = Field(max_length=64)
    instrumen_id: str = Field(foreign_key="monev_instrumen.id", max_length=36)
    instrumen_versi: int = 1
    nilai: str | None = None  # self assessment / answer given in the field
    na: bool = False
    nilai_verifikasi: str | None = None
    catatan: str = ""
    catatan_verifikasi: str = ""
    dijawab_at: datetime | None = None


class Bukti(SyncRecord, table=True):
    """Evidence for a question: a file/photo stored by content hash, or a link."""

    __tablename__ = "monev_bukti"

    sesi_id: str = Field(foreign_key="monev_sesi.id", max_length=36, index=True)
    pertanyaan: str = Field(max_length=64)
    jenis: str = Field(default="berkas", max_length=16)  # berkas | foto | tautan
    sha256: str = Field(default="", max_length=80)
    nama_berkas: str = Field(default="", max_length=300)
    ukuran: int = 0
    url: str = Field(default="", max_length=1000)
    diambil_at: datetime | None = None  # EXIF capture time
    lat: float | None = None
    lon: float | None = None
    keterangan: str = Field(default="", max_length=500)


class Sanggah(SyncRecord, table=True):
    __tablename__ = "monev_sanggah"

    sesi_id: str = Field(foreign_key="monev_sesi.id", max_length=36, index=True)
    pertanyaan: str = Field(default="", max_length=64)
    alasan: str = ""
    diajukan_oleh: str = Field(default="", max_length=200)
    diajukan_tanggal: date | None = None
    keputusan: str = Field(default="", max_length=16)  # "" (menunggu) | diterima | ditolak
    jawaban: str = ""
    nilai_usulan: str | None = None  # what the OPD proposed (kept as filed)
    nilai_baru: str | None = None  # the value in force after an accepted sanggah
    dijawab_oleh: str = Field(default="", max_length=64)
    dijawab_tanggal: date | None = None


class Rekomendasi(SyncRecord, table=True):
    __tablename__ = "monev_rekomendasi"

    program_id: str = Field(foreign_key="monev_program.id", max_length=36, index=True)
    opd_id: str = Field(foreign_key="perangkat_daerah.id", max_length=36, index=True)
    sesi_id: str | None = Field(default=None, max_length=36)
    pertanyaan: str = Field(default="", max_length=64)
    uraian: str = ""
    prioritas: str = Field(default="sedang", max_length=16)


class TindakLanjut(SyncRecord, table=True):
    __tablename__ = "monev_tindak_lanjut"

    rekomendasi_id: str = Field(foreign_key="monev_rekomendasi.id", max_length=36, index=True)
    uraian: str = ""  # what
    pic: str = Field(default="", max_length=200)  # who
    tenggat: date | None = None
    status: str = Field(default="belum", max_length=16)
    bukti_sha256: str = Field(default="", max_length=80)
    bukti_nama: str = Field(default="", max_length=300)
    catatan: str = ""
    selesai_tanggal: date | None = None


STATUS_ALUR = ("berjalan", "selesai")
JENIS_AKSI = ("selesai", "keputusan", "disposisi", "siklus")


class SopTemplat(SyncRecord, table=True):
    """An office's own version of an SOP (the shipped ones live in ``resources/templates/sop``; a row
    with the same ``kode`` overrides the shipped one). ``definisi`` is the whole SOP as JSON."""

    __tablename__ = "monev_sop"

    kode: str = Field(index=True, max_length=64)
    nama: str = Field(max_length=300)
    asal: str = Field(default="kantor", max_length=200)
    definisi: str = "{}"


class Alur(SyncRecord, table=True):
    """One run of an SOP: for a programme (optionally one unit of it) or another source (``sumber``,
    e.g. a service-report run). ``definisi`` is the SOP frozen when the run started."""

    __tablename__ = "monev_alur"

    program_id: str | None = Field(default=None, foreign_key="monev_program.id", max_length=36, index=True)
    opd_id: str | None = Field(default=None, foreign_key="perangkat_daerah.id", max_length=36)
    sumber: str = Field(default="", max_length=200)
    sop_kode: str = Field(max_length=64)
    definisi: str = "{}"
    langkah: int = 1  # the current step (``no``)
    siklus: int = 1
    status: str = Field(default="berjalan", max_length=16)
    mulai_at: datetime | None = None
    langkah_at: datetime | None = None  # when the current step became current
    selesai_at: datetime | None = None


class AlurAksi(SyncRecord, table=True):
    """A recorded act on a run: a step done, a decision (with where it led), a disposisi, a new cycle.
    ``mulai_at``..``waktu`` is the time the step took on this visit."""

    __tablename__ = "monev_alur_aksi"

    alur_id: str = Field(foreign_key="monev_alur.id", max_length=36, index=True)
    langkah: int
    siklus: int = 1
    jenis: str = Field(default="selesai", max_length=16)
    keputusan: str = Field(default="", max_length=32)
    ke_langkah: int | None = None
    oleh: str = Field(default="", max_length=64)
    pelaksana: str = Field(default="", max_length=200)
    dari: str = Field(default="", max_length=200)
    kepada: str = Field(default="", max_length=200)
    instruksi: str = ""
    catatan: str = ""
    dokumen: str = ""
    mulai_at: datetime | None = None
    waktu: datetime | None = None
