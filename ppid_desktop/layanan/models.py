"""Tables of the information service: permohonan, keberatan, sengketa, history, attachments, report text."""

from __future__ import annotations

from datetime import date

from sqlalchemy import DDL, Index, event, text
from sqlmodel import Field

from ppid_desktop.core.base import SyncRecord, new_uuid
from ppid_desktop.core.tipe import B64Blob, HexBlob, Ringkas, Uuid16


class Permohonan(SyncRecord, table=True):
    __tablename__ = "permohonan"
    __sensitive__ = frozenset({"nik_enc", "nik_hash", "nik_mask", "nama", "nama_kuasa", "alamat", "telepon",
                               "email", "no_sk_badan_hukum", "penerima"})
    # Register indexes (migration 0012): one per sort/filter of the register, (column[, tanggal_diterima,
    # nomor], deleted) — the sort key first so a page is an index walk from the last row seen (keyset),
    # ``deleted`` last so the tombstone check and the row count stay inside the index; the implicit rowid
    # is the final tie-break. No index leads with ``deleted`` (one value: SQLite walked it and sorted).
    __table_args__ = (
        # Natural key (migration 0007): one live request per registration number and year.
        Index("ux_permohonan_nomor", "nomor", text("substr(tanggal_diterima, 1, 4)"), unique=True,
              sqlite_where=text("deleted = 0 AND nomor <> ''")),
        Index("ix_permohonan_status_tenggat", "status", "tenggat_efektif", "opd_id", "deleted"),  # Beranda, terlambat
        Index("ix_permohonan_tanggal", "tanggal_diterima", "nomor", "deleted"),
        Index("ix_permohonan_nama", "nama", "deleted"),
        Index("ix_permohonan_saluran_tanggal", "saluran", "tanggal_diterima", "nomor", "deleted"),
        Index("ix_permohonan_status_tanggal", "status", "tanggal_diterima", "nomor", "deleted"),
        Index("ix_permohonan_opd_tanggal", "opd_id", "tanggal_diterima", "nomor", "deleted"),
        Index("ix_permohonan_tenggat_efektif", "tenggat_efektif", "deleted"),
        Index("ix_permohonan_keputusan_tanggal", "keputusan", "tanggal_diterima", "nomor", "deleted"),
        Index("ix_permohonan_rincian", "rincian", "deleted"),
        Index("ix_permohonan_retensi", "retain_until"),
    )

    deleted: bool = False  # tombstone, without the base class's single-column index (see above)
    nomor: str = Field(default="", max_length=64, index=True)
    tanggal_diterima: date
    saluran: str = Field(default="langsung", max_length=16)
    jenis_pemohon: str = Field(default="perorangan", max_length=16)
    nama: str = Field(max_length=200)
    # Stored as bytes (core.tipe, migration 0021): the Fernet token base64-decoded, the keyed hash unhexed.
    nik_enc: str | None = Field(default=None, sa_type=B64Blob)
    nik_hash: str | None = Field(default=None, max_length=64, index=True, sa_type=HexBlob(64))
    nik_mask: str = Field(default="", max_length=32)
    no_sk_badan_hukum: str = Field(default="", max_length=100)
    kuasa: bool = False
    nama_kuasa: str = Field(default="", max_length=200)
    alamat: str = Field(default="", max_length=300)
    pekerjaan: str = Field(default="", max_length=100)
    telepon: str = Field(default="", max_length=64)
    email: str = Field(default="", max_length=200)
    rincian: str = ""
    tujuan: str = ""
    cara_memperoleh: str = Field(default="salinan_softcopy", max_length=32)
    cara_salinan: str = Field(default="email", max_length=32)
    opd_id: str | None = Field(default=None, max_length=36, foreign_key="perangkat_daerah.id")
    petugas: str = Field(default="", max_length=200)

    status: str = Field(default="diterima", max_length=16)
    # deadlines (stored with the calendar version used; rincian = JSON of the skipped days)
    tenggat: date
    tenggat_perpanjangan: date | None = None
    tenggat_efektif: date
    versi_kalender: str = Field(default="", max_length=32)
    tenggat_rincian: str = Field(default="", sa_type=Ringkas(1))  # deflated (core.tipe)
    tanggal_perpanjangan: date | None = None
    alasan_perpanjangan: str = ""

    # decision (pemberitahuan tertulis)
    keputusan: str | None = Field(default=None, max_length=32)
    tanggal_pemberitahuan: date | None = None
    hk_pemberitahuan: int | None = None
    pasal17: str = Field(default="", max_length=32)
    uji_konsekuensi: str = Field(default="", max_length=300)
    catatan_penghitaman: str = ""
    badan_penguasa: str = Field(default="", max_length=300)
    waktu_dokumentasi: str = Field(default="", max_length=200)
    catatan_keputusan: str = ""
    bentuk_informasi: str = Field(default="", max_length=16)
    waktu_penyediaan: str = Field(default="", max_length=100)
    biaya_per_lembar: int = 0
    jumlah_lembar: int = 0
    biaya_kirim: int = 0
    biaya_total: int = 0
    pejabat_id: str | None = Field(default=None, max_length=36)

    # delivery and closing
    tanggal_penyerahan: date | None = None
    cara_penyerahan: str = Field(default="", max_length=32)
    penerima: str = Field(default="", max_length=200)
    tanggal_selesai: date | None = None
    alasan_ditarik: str = ""
    nomor_surat: str = ""  # JSON {jenis: nomor} of outgoing letters, taken once on first print

    # personal-data retention (UU 27/2022): set when the request is closed; anonimkan() wipes after it
    retain_until: date | None = None
    dianonimkan: date | None = None
    tanpa_nik: bool = False  # an old register row imported without any NIK (the Perki register has no NIK column)


# Full-text search over nomor, nama and rincian: an FTS5 external-content table on permohonan kept in
# sync by triggers. Created for new databases by ``create_all`` (the DDL events below) and for existing
# ones by migration 0002 (which carries a frozen copy of these statements).
FTS_TABLE = "permohonan_fts"
FTS_DDL: tuple[str, ...] = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS permohonan_fts USING fts5("
    "nomor, nama, rincian, content='permohonan', content_rowid='rowid', "
    "tokenize='unicode61 remove_diacritics 2')",  # no prefix indexes (migration 0018): 2.5x smaller, as fast
    "CREATE TRIGGER IF NOT EXISTS permohonan_fts_ai AFTER INSERT ON permohonan BEGIN "
    "INSERT INTO permohonan_fts(rowid, nomor, nama, rincian) VALUES (new.rowid, new.nomor, new.nama, new.rincian); END",
    "CREATE TRIGGER IF NOT EXISTS permohonan_fts_ad AFTER DELETE ON permohonan BEGIN "
    "INSERT INTO permohonan_fts(permohonan_fts, rowid, nomor, nama, rincian) "
    "VALUES ('delete', old.rowid, old.nomor, old.nama, old.rincian); END",
    "CREATE TRIGGER IF NOT EXISTS permohonan_fts_au AFTER UPDATE OF nomor, nama, rincian ON permohonan BEGIN "
    "INSERT INTO permohonan_fts(permohonan_fts, rowid, nomor, nama, rincian) "
    "VALUES ('delete', old.rowid, old.nomor, old.nama, old.rincian); "
    "INSERT INTO permohonan_fts(rowid, nomor, nama, rincian) VALUES (new.rowid, new.nomor, new.nama, new.rincian); END",
)
FTS_DROP: tuple[str, ...] = (
    "DROP TRIGGER IF EXISTS permohonan_fts_au", "DROP TRIGGER IF EXISTS permohonan_fts_ad",
    "DROP TRIGGER IF EXISTS permohonan_fts_ai", "DROP TABLE IF EXISTS permohonan_fts",
)
for _stmt in FTS_DDL:
    event.listen(Permohonan.__table__, "after_create", DDL(_stmt).execute_if(dialect="sqlite"))  # type: ignore[attr-defined,no-untyped-call]
for _stmt in FTS_DROP:
    event.listen(Permohonan.__table__, "before_drop", DDL(_stmt).execute_if(dialect="sqlite"))  # type: ignore[attr-defined,no-untyped-call]


def _without_index(model: type[SyncRecord], *columns: str) -> None:
    """Drop the base class's single-column index of ``columns`` (``updated_at``, ``deleted``) from a big
    table: nothing queries them, and they are a tenth of the database (migration 0018). The columns keep
    their place in the table."""
    table = model.__table__  # type: ignore[attr-defined]
    for ix in list(table.indexes):
        if [c.name for c in ix.columns] in ([c] for c in columns):
            table.indexes.discard(ix)
    for c in columns:
        table.c[c].index = None


class PengaturanLayanan(SyncRecord, table=True):
    """Settings of the information service (key/value), e.g. the personal-data retention period."""

    __tablename__ = "pengaturan_layanan"
    __table_args__ = (Index("ux_pengaturan_layanan_kunci", "kunci", unique=True, sqlite_where=text("deleted = 0")),)

    kunci: str = Field(max_length=64, index=True)
    nilai: str = Field(default="", max_length=200)


class Keberatan(SyncRecord, table=True):
    __tablename__ = "keberatan"
    __sensitive__ = frozenset({"nama", "nama_kuasa", "alamat_kuasa", "nik_enc", "nik_hash", "nik_mask", "alamat",
                               "telepon", "email"})
    # The register's default order (migration 0012); like permohonan, no index leads with ``deleted``.
    __table_args__ = (
        Index("ix_keberatan_tanggal", "tanggal_diterima", "nomor", "deleted"),
        Index("ux_keberatan_nomor", "nomor", text("substr(tanggal_diterima, 1, 4)"), unique=True,
              sqlite_where=text("deleted = 0 AND nomor <> ''")),
    )

    deleted: bool = False
    nomor: str = Field(default="", max_length=64, index=True)
    # None: a keberatan standing alone (Pasal 35(1) b–g without a registered request, migration 0015);
    # the pemohon's own identity is then carried below (NIK encrypted like the permohonan's).
    permohonan_id: str | None = Field(default=None, max_length=36, foreign_key="permohonan.id", index=True)
    tanggal_diterima: date
    nama: str = Field(default="", max_length=200)
    nama_kuasa: str = Field(default="", max_length=200)
    alamat_kuasa: str = Field(default="", max_length=300)
    alasan: str = Field(default="", max_length=32)  # Pasal 35 letters, "a,c"
    kasus_posisi: str = ""
    tanggal_dasar: date | None = None  # day the ground arose (for the 30 HK window)
    batas_pengajuan: date | None = None
    terlambat_diajukan: bool = False
    tenggat_jawaban: date = Field(index=True)
    versi_kalender: str = Field(default="", max_length=32)
    tenggat_rincian: str = Field(default="", sa_type=Ringkas(1))  # deflated (core.tipe)
    status: str = Field(default="diterima", max_length=16, index=True)
    putusan: str = Field(default="", max_length=32)
    tanggal_tanggapan: date | None = None
    isi_tanggapan: str = ""
    atasan_nama: str = Field(default="", max_length=200)
    atasan_jabatan: str = Field(default="", max_length=200)
    atasan_nip: str = Field(default="", max_length=24)
    tanggapan_pemohon: str = Field(default="", max_length=32)
    catatan_pemohon: str = ""
    alasan_tanggal_dasar: str = ""  # why the 30-working-day window runs from tanggal_dasar, when set by hand
    tindak_lanjut: str = Field(default="", max_length=32)  # dilaksanakan | tidak_dilaksanakan (the answer carried out?)
    # the pemohon's own identity when the keberatan stands alone (migration 0015); empty otherwise
    nik_enc: str | None = Field(default=None)
    nik_hash: str | None = Field(default=None, max_length=64)
    nik_mask: str = Field(default="", max_length=32)
    alamat: str = Field(default="", max_length=300)
    pekerjaan: str = Field(default="", max_length=100)
    telepon: str = Field(default="", max_length=64)
    email: str = Field(default="", max_length=200)
    kuasa: bool = False
    dianonimkan: date | None = None  # personal data wiped after retention (standalone keberatan)


class Sengketa(SyncRecord, table=True):
    __tablename__ = "sengketa"
    __table_args__ = (
        Index("ux_sengketa_nomor_ki", "nomor_ki", text("substr(tanggal_diajukan, 1, 4)"), unique=True,
              sqlite_where=text("deleted = 0 AND nomor_ki <> ''")),
    )

    keberatan_id: str = Field(max_length=36, foreign_key="keberatan.id", index=True)
    nomor_ki: str = Field(default="", max_length=100)
    komisi: str = Field(default="", max_length=200)
    tanggal_diajukan: date
    batas_pengajuan: date | None = None
    terlambat_diajukan: bool = False
    tahap: str = Field(default="registrasi", max_length=32)
    hasil_mediasi: str = Field(default="", max_length=32)
    hasil_ajudikasi: str = Field(default="", max_length=32)
    tanggal_putusan: date | None = None
    nomor_putusan: str = Field(default="", max_length=100)  # putusan Komisi Informasi
    tanggal_diajukan_pengadilan: date | None = None  # keberatan ke PTUN/PN (14 HK after the KI decision)
    tanggal_putusan_pengadilan: date | None = None
    tanggal_kasasi: date | None = None  # permohonan kasasi (14 hari after the PTUN/PN decision)
    tanggal_putusan_kasasi: date | None = None
    pengadilan: str = Field(default="", max_length=200)
    nomor_perkara: str = Field(default="", max_length=100)
    putusan_pengadilan: str = ""
    catatan: str = ""
    tanggal_jawaban_diterima: date | None = None  # the requester received the Atasan's answer (Pasal 37(2))
    batas_ki: date | None = None  # the KI settles within 100 working days of registration (Pasal 38)
    putusan_dilaksanakan: str = Field(default="", max_length=32)  # dilaksanakan | tidak_dilaksanakan


class RiwayatLayanan(SyncRecord, table=True):
    """One step in the history of a permohonan / keberatan / sengketa (who, when, what, note).

    The second-largest table (two rows per request): its own ``id`` and ``objek_id`` are stored as a
    UUID's 16 bytes (``core.tipe.Uuid16``, migration 0021; read and compared as text through the ORM and
    Core — no raw SQL reads this table), its note deflated (``core.tipe.Ringkas``)."""

    __tablename__ = "riwayat_layanan"

    id: str = Field(default_factory=new_uuid, primary_key=True, max_length=36, sa_type=Uuid16(36))
    objek: str = Field(max_length=16)  # permohonan | keberatan | sengketa
    objek_id: str = Field(max_length=36, index=True, sa_type=Uuid16(36))
    aksi: str = Field(max_length=32)
    status_dari: str = Field(default="", max_length=16)
    status_ke: str = Field(default="", max_length=16)
    catatan: str = Field(default="", sa_type=Ringkas(2))  # deflated (core.tipe)
    oleh: str = Field(default="", max_length=64)
    oleh_nama: str = Field(default="", max_length=200)


class LampiranLayanan(SyncRecord, table=True):
    """A file attached to a permohonan or keberatan, stored encrypted under its content hash."""

    __tablename__ = "lampiran_layanan"
    __sensitive__ = frozenset({"nama_berkas"})

    objek: str = Field(max_length=16)
    objek_id: str = Field(max_length=36, index=True)
    jenis: str = Field(max_length=32)  # ktp | surat_kuasa | surat | akta | lain
    nama_berkas: str = Field(max_length=255)
    digest: str = Field(max_length=80)
    ukuran: int = 0
    terenkripsi: bool = True


class PengirimanLaporan(SyncRecord, table=True):
    """A record that the annual service report of a period was sent (to whom, when, how); the Beranda
    reminder stops once the period's report is recorded as sent."""

    __tablename__ = "pengiriman_laporan"

    dari: date = Field(index=True)
    sampai: date
    kepada: str = Field(max_length=200)
    tanggal: date
    cara: str = Field(default="", max_length=64)
    catatan: str = ""


class NarasiLaporan(SyncRecord, table=True):
    """Editable narrative sections of the service report, per period."""

    __tablename__ = "narasi_laporan"

    dari: date = Field(index=True)
    sampai: date
    bagian: str = Field(max_length=32)  # kebijakan | pelaksanaan | kendala | rekomendasi
    isi: str = ""


_without_index(Permohonan, "updated_at")
_without_index(RiwayatLayanan, "updated_at", "deleted")
