"""naskah: one path for every outgoing letter (frozen signed versions, history, classification list,
default paraf chains, tata naskah settings)

Revision ID: 0009
Revises: 0006
"""
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


def downgrade() -> None:
    for table in ("pengaturan_naskah", "paraf_baku", "klasifikasi_arsip", "versi_surat", "riwayat_surat"):
        op.drop_table(table)
    with op.batch_alter_table("surat_keluar", schema=None) as batch_op:
        for col in ("ditandatangani_pada", "pdf_sha256", "versi", "urut", "seri"):
            batch_op.drop_column(col)
