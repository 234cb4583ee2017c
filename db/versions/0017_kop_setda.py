"""naskah: the Sekretariat Daerah's own kop lines in the office profile (name, address, phone, e-mail,
website) for the letters the Sekretaris Daerah signs as Atasan PPID (tanggapan atas keberatan, BA evaluasi
mandiri); empty means "derived from the pemda name" (see ``naskah.kop.instansi_setda``).

Revision ID: 0017
Revises: 0012
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0017"
down_revision = "0015"
branch_labels = None
depends_on = None

KOLOM = (("setda_nama", 200), ("setda_alamat", 300), ("setda_telepon", 100), ("setda_email", 200),
         ("setda_website", 200))


def upgrade() -> None:
    # plain ADD COLUMN only (the profile table is not rebuilt)
    for name, length in KOLOM:
        op.add_column("profil_instansi", sa.Column(name, sqlmodel.sql.sqltypes.AutoString(length=length),
                                                   nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("profil_instansi", schema=None) as batch_op:
        for name, _length in reversed(KOLOM):
            batch_op.drop_column(name)
