"""naskah: one path for every outgoing letter (frozen signed versions, history, classification list,
default paraf chains, tata naskah settings)

Revision ID: 0009
Revises: 0006
"""
import json
import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

S = sqlmodel.sql.sqltypes.AutoString


def _base() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("id", S(length=36), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("created_by", S(length=64), nullable=True),
        sa.Column("updated_by", S(length=64), nullable=True),
        sa.Column("device_id", S(length=64), nullable=True),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
    ]


def _indexes(table: str, *cols: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        for col in ("deleted", "updated_at", *cols):
            batch_op.create_index(batch_op.f(f"ix_{table}_{col}"), [col], unique=False)


def upgrade() -> None:
    with op.batch_alter_table("surat_keluar", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seri", S(length=64), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("urut", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("versi", sa.Integer(), nullable=False, server_default="1"))
        batch_op.add_column(sa.Column("pdf_sha256", S(length=80), nullable=True))
        batch_op.add_column(sa.Column("ditandatangani_pada", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    op.create_table(
        "riwayat_surat", *_base(),
        sa.Column("surat_id", S(length=36), nullable=False),
        sa.Column("waktu", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("aksi", S(length=32), nullable=False),
        sa.Column("oleh", S(length=200), nullable=False),
        sa.Column("catatan", S(), nullable=False),
        sa.Column("versi", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["surat_id"], ["surat_keluar.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes("riwayat_surat", "surat_id")
    op.create_table(
        "versi_surat", *_base(),
        sa.Column("surat_id", S(length=36), nullable=False),
        sa.Column("versi", sa.Integer(), nullable=False),
        sa.Column("nomor", S(length=100), nullable=False),
        sa.Column("tanggal", sa.Date(), nullable=False),
        sa.Column("sha256", S(length=80), nullable=False),
        sa.Column("alasan", S(), nullable=False),
        sa.Column("ditandatangani_pada", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["surat_id"], ["surat_keluar.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes("versi_surat", "surat_id")
    op.create_table(
        "klasifikasi_arsip", *_base(),
        sa.Column("kode", S(length=64), nullable=False),
        sa.Column("nama", S(length=300), nullable=False),
        sa.Column("aktif", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes("klasifikasi_arsip", "kode")
    op.create_table(
        "paraf_baku", *_base(),
        sa.Column("jenis_surat", S(length=64), nullable=False),
        sa.Column("urutan", sa.Integer(), nullable=False),
        sa.Column("jenis", S(length=16), nullable=False),
        sa.Column("pegawai_id", S(length=36), nullable=False),
        sa.ForeignKeyConstraint(["pegawai_id"], ["pegawai.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes("paraf_baku", "jenis_surat")
    op.create_table(
        "pengaturan_naskah", *_base(),
        sa.Column("kunci", S(length=64), nullable=False),
        sa.Column("nilai", S(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes("pengaturan_naskah", "kunci")
    _nomor_layanan_ke_agenda()


HAL = {"pemberitahuan": "Pemberitahuan Tertulis atas Permohonan Informasi {}",
       "perpanjangan": "Pemberitahuan Perpanjangan Waktu Permohonan Informasi {}",
       "penolakan": "Keputusan PPID tentang Penolakan Permohonan Informasi {}"}


def _nomor_layanan_ke_agenda() -> None:
    """Letter numbers the information service took on first print before this version (permohonan.nomor_surat,
    JSON {jenis: nomor}) become signed letters of the agenda, so every printed number is in the agenda.
    They have no frozen PDF yet: the agenda freezes each on its first print."""
    conn = op.get_bind()
    cols = {c["name"] for c in sa.inspect(conn).get_columns("permohonan")}
    if "nomor_surat" not in cols:
        return
    signer = conn.execute(sa.text(
        "SELECT id, nama FROM pegawai WHERE deleted = 0 AND (',' || boleh_ttd || ',') LIKE '%,pemberitahuan,%' "
        "ORDER BY nama LIMIT 1")).first()
    now = datetime.now(UTC).replace(tzinfo=None)
    rows = conn.execute(sa.text(
        "SELECT id, nomor, nama, nomor_surat, tanggal_pemberitahuan, tanggal_perpanjangan, created_at FROM permohonan "
        "WHERE nomor_surat IS NOT NULL AND nomor_surat <> ''")).fetchall()
    for r in rows:
        try:
            numbers = json.loads(r.nomor_surat)
        except ValueError:
            continue
        if not isinstance(numbers, dict):
            continue
        for jenis, nomor in numbers.items():
            if jenis not in HAL or not nomor:
                continue
            tanggal = r.tanggal_perpanjangan if jenis == "perpanjangan" else r.tanggal_pemberitahuan
            conn.execute(sa.text(
                "INSERT INTO surat_keluar (id, created_at, updated_at, created_by, updated_by, device_id, rev, deleted, "
                "jenis, hal, kepada, sifat, lampiran, ringkasan, kode_klasifikasi, konseptor, penandatangan_id, "
                "penandatangan, mode_ttd, status, nomor, tanggal, tanggal_kirim, cara_kirim, sumber, pdf_hash, catatan, "
                "seri, urut, versi, pdf_sha256, ditandatangani_pada) VALUES (:id, :now, :now, 'migrasi', 'migrasi', NULL, "
                "0, 0, :jenis, :hal, :kepada, 'Biasa', '-', :ringkasan, '', 'migrasi', :ttd_id, :ttd, '', "
                "'ditandatangani', :nomor, :tanggal, NULL, '', :sumber, NULL, '', 'surat_keluar', NULL, 1, NULL, NULL)"),
                {"id": str(uuid.uuid4()), "now": now, "jenis": jenis, "hal": HAL[jenis].format(r.nomor),
                 "kepada": f"Sdr. {r.nama}", "ringkasan": "Nomor diberikan saat dicetak, sebelum agenda surat keluar.",
                 "ttd_id": signer.id if signer else None, "ttd": signer.nama if signer else "", "nomor": str(nomor),
                 "tanggal": tanggal or (r.created_at.date() if hasattr(r.created_at, "date") else None),
                 "sumber": f"layanan.permohonan:{r.id}:{jenis}"})


def downgrade() -> None:
    for table in ("pengaturan_naskah", "paraf_baku", "klasifikasi_arsip", "versi_surat", "riwayat_surat"):
        op.drop_table(table)
    with op.batch_alter_table("surat_keluar", schema=None) as batch_op:
        for col in ("ditandatangani_pada", "pdf_sha256", "versi", "urut", "seri"):
            batch_op.drop_column(col)
