"""layanan second pass: requests imported without NIK, the reason when the start of a keberatan's filing
window is set by hand, what followed an answer or a ruling (carried out or not), the day the requester
received the Atasan's answer and the KI's 100-working-day clock, and a record that the annual report was
sent.

Revision ID: 0010
Revises: 0009
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _teks(name: str, length: int | None = None) -> sa.Column:
    return sa.Column(name, sqlmodel.sql.sqltypes.AutoString(length=length), nullable=False, server_default="")


def upgrade() -> None:
    # plain ADD COLUMN only: no table is rebuilt (permohonan keeps its full-text triggers, keberatan and
    # sengketa their foreign keys)
    op.add_column("permohonan", sa.Column("tanpa_nik", sa.Boolean(), nullable=False, server_default="0"))
    op.add_column("keberatan", _teks("alasan_tanggal_dasar"))
    op.add_column("keberatan", _teks("tindak_lanjut", 32))
    op.add_column("sengketa", sa.Column("tanggal_jawaban_diterima", sa.Date(), nullable=True))
    op.add_column("sengketa", sa.Column("batas_ki", sa.Date(), nullable=True))
    op.add_column("sengketa", _teks("putusan_dilaksanakan", 32))
    op.create_table(
        "pengiriman_laporan",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("updated_by", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("device_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("dari", sa.Date(), nullable=False),
        sa.Column("sampai", sa.Date(), nullable=False),
        sa.Column("kepada", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("tanggal", sa.Date(), nullable=False),
        sa.Column("cara", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("catatan", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("pengiriman_laporan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pengiriman_laporan_deleted"), ["deleted"], unique=False)
        batch_op.create_index(batch_op.f("ix_pengiriman_laporan_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_pengiriman_laporan_dari"), ["dari"], unique=False)


def downgrade() -> None:
    op.drop_table("pengiriman_laporan")
    for table, col in (("sengketa", "putusan_dilaksanakan"), ("sengketa", "batas_ki"),
                       ("sengketa", "tanggal_jawaban_diterima"), ("keberatan", "tindak_lanjut"),
                       ("keberatan", "alasan_tanggal_dasar"), ("permohonan", "tanpa_nik")):
        op.drop_column(table, col)
