"""monev: a sanggah keeps the proposed value apart from the decided one

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("monev_sanggah", schema=None) as batch_op:
        batch_op.add_column(sa.Column("nilai_usulan", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    # Until 0005 one column held the proposal while pending (and for rejected ones), the value in force
    # once accepted. The proposal is the best knowledge of what was filed; only accepted rows keep a value.
    op.execute("UPDATE monev_sanggah SET nilai_usulan = nilai_baru")
    op.execute("UPDATE monev_sanggah SET nilai_baru = NULL WHERE keputusan <> 'diterima'")


def downgrade() -> None:
    op.execute("UPDATE monev_sanggah SET nilai_baru = nilai_usulan WHERE nilai_baru IS NULL")
    with op.batch_alter_table("monev_sanggah", schema=None) as batch_op:
        batch_op.drop_column("nilai_usulan")
