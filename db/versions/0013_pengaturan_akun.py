"""pengaturan_akun: this database's security settings (idle-lock minutes, import row cap), set by an Admin

Revision ID: 0013
Revises: 0012

A local key/value table of the accounts room (not synchronised, like ``pengguna``): the values are read
through ``AkunService`` (defaults when a key is absent), so existing databases need no data.
"""
import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pengaturan_akun",
        sa.Column("kunci", sa.String(length=64), nullable=False),
        sa.Column("nilai", sa.String(length=200), nullable=False),
        sa.Column("diubah_oleh", sa.String(length=64), nullable=False),
        sa.Column("diubah_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("kunci"),
    )


def downgrade() -> None:
    op.drop_table("pengaturan_akun")
