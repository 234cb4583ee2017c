"""register indexes the planner can use: no index leads with ``deleted``; one (sort key, …, deleted)
index per register sort/filter; planner statistics (ANALYZE) follow every migration

Revision ID: 0012
Revises: 0006

The first release's ``(deleted, column, …)`` composites and the single-column ``deleted`` index of
permohonan/keberatan made SQLite (without statistics, and even with them for ORDER BY … LIMIT) walk one
value of ``deleted`` and sort the whole table. The new indexes put the sort key first and ``deleted``
last (the tombstone check and the row count stay inside the index). ``Store.migrate`` runs ANALYZE
after every upgrade, so the statistics are there when the app first queries.
"""
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

DROP_PERMOHONAN = (
    "ix_permohonan_deleted", "ix_permohonan_reg_tanggal", "ix_permohonan_reg_nama", "ix_permohonan_reg_saluran",
    "ix_permohonan_reg_status", "ix_permohonan_reg_opd", "ix_permohonan_reg_tenggat", "ix_permohonan_reg_keputusan",
    "ix_permohonan_reg_rincian", "ix_permohonan_retensi", "ix_permohonan_opd_tanggal",
    "ix_permohonan_tanggal_diterima", "ix_permohonan_saluran", "ix_permohonan_status", "ix_permohonan_keputusan",
    "ix_permohonan_tenggat", "ix_permohonan_nama", "ix_permohonan_tenggat_efektif", "ix_permohonan_status_tenggat",
)
CREATE_PERMOHONAN = (
    ("ix_permohonan_status_tenggat", ["status", "tenggat_efektif", "opd_id", "deleted"]),  # Beranda: covering
    ("ix_permohonan_tanggal", ["tanggal_diterima", "nomor", "deleted"]),
    ("ix_permohonan_nama", ["nama", "deleted"]),
    ("ix_permohonan_saluran_tanggal", ["saluran", "tanggal_diterima", "nomor", "deleted"]),
    ("ix_permohonan_status_tanggal", ["status", "tanggal_diterima", "nomor", "deleted"]),
    ("ix_permohonan_opd_tanggal", ["opd_id", "tanggal_diterima", "nomor", "deleted"]),
    ("ix_permohonan_tenggat_efektif", ["tenggat_efektif", "deleted"]),
    ("ix_permohonan_keputusan_tanggal", ["keputusan", "tanggal_diterima", "nomor", "deleted"]),
    ("ix_permohonan_rincian", ["rincian", "deleted"]),
    ("ix_permohonan_retensi", ["retain_until"]),
)
DROP_KEBERATAN = ("ix_keberatan_deleted", "ix_keberatan_tanggal_diterima")
CREATE_KEBERATAN = (("ix_keberatan_tanggal", ["tanggal_diterima", "nomor", "deleted"]),)

# The first release's indexes, for downgrade.
OLD_PERMOHONAN = (
    ("ix_permohonan_status_tenggat", ["status", "tenggat_efektif"]),
    ("ix_permohonan_deleted", ["deleted"]), ("ix_permohonan_keputusan", ["keputusan"]),
    ("ix_permohonan_nama", ["nama"]), ("ix_permohonan_opd_tanggal", ["opd_id", "tanggal_diterima"]),
    ("ix_permohonan_saluran", ["saluran"]), ("ix_permohonan_status", ["status"]),
    ("ix_permohonan_tanggal_diterima", ["tanggal_diterima"]), ("ix_permohonan_tenggat", ["tenggat"]),
    ("ix_permohonan_tenggat_efektif", ["tenggat_efektif"]),
    ("ix_permohonan_reg_keputusan", ["deleted", "keputusan", "tanggal_diterima", "nomor"]),
    ("ix_permohonan_reg_nama", ["deleted", "nama"]),
    ("ix_permohonan_reg_opd", ["deleted", "opd_id", "tanggal_diterima", "nomor"]),
    ("ix_permohonan_reg_rincian", ["deleted", "rincian"]),
    ("ix_permohonan_reg_saluran", ["deleted", "saluran", "tanggal_diterima", "nomor"]),
    ("ix_permohonan_reg_status", ["deleted", "status", "tanggal_diterima", "nomor"]),
    ("ix_permohonan_reg_tanggal", ["deleted", "tanggal_diterima", "nomor"]),
    ("ix_permohonan_reg_tenggat", ["deleted", "tenggat_efektif"]),
    ("ix_permohonan_retensi", ["deleted", "retain_until"]),
)
OLD_KEBERATAN = (("ix_keberatan_deleted", ["deleted"]), ("ix_keberatan_tanggal_diterima", ["tanggal_diterima"]))


def upgrade() -> None:
    for name in DROP_PERMOHONAN:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    for name, cols in CREATE_PERMOHONAN:
        op.create_index(name, "permohonan", cols, unique=False)
    for name in DROP_KEBERATAN:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    for name, cols in CREATE_KEBERATAN:
        op.create_index(name, "keberatan", cols, unique=False)


def downgrade() -> None:
    for name, _cols in CREATE_KEBERATAN:
        op.drop_index(name, table_name="keberatan")
    for name, cols in OLD_KEBERATAN:
        op.create_index(name, "keberatan", cols, unique=False)
    for name, _cols in CREATE_PERMOHONAN:
        op.drop_index(name, table_name="permohonan")
    for name, cols in OLD_PERMOHONAN:
        op.create_index(name, "permohonan", cols, unique=False)
