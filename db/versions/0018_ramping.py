"""a smaller database: no single-column ``updated_at`` / ``deleted`` indexes on the big layanan tables
(nothing queries them), and the register's full-text index without prefix indexes

Revision ID: 0018
Revises: 0017

Measured with the ``dbstat`` table on a demo database of 100,000 requests (194,000 history rows): the
``updated_at`` indexes of permohonan and riwayat_layanan and riwayat_layanan's ``deleted`` index were
12 MB (keberatan's, 0.3 MB, stays: 0015 rebuilds that table and its test keeps its schema), and the
FTS5 ``prefix='2 3'`` indexes 12.7 MB of the 21 MB search table, for no measured gain (a 7-letter
prefix query reads the term index either way; "sa"* 4.9 → 7.2 ms). The FTS statements are a frozen
copy (models.FTS_DDL may change later); the index is rebuilt from permohonan in the same transaction.
"""
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_permohonan_updated_at", "permohonan", "updated_at"),
    ("ix_riwayat_layanan_updated_at", "riwayat_layanan", "updated_at"),
    ("ix_riwayat_layanan_deleted", "riwayat_layanan", "deleted"),
)

FTS_DROP = (
    "DROP TRIGGER IF EXISTS permohonan_fts_au", "DROP TRIGGER IF EXISTS permohonan_fts_ad",
    "DROP TRIGGER IF EXISTS permohonan_fts_ai", "DROP TABLE IF EXISTS permohonan_fts",
)


def _fts(prefix: str) -> tuple[str, ...]:
    return (
        "CREATE VIRTUAL TABLE permohonan_fts USING fts5("
        "nomor, nama, rincian, content='permohonan', content_rowid='rowid', "
        f"tokenize='unicode61 remove_diacritics 2'{prefix})",
        "CREATE TRIGGER permohonan_fts_ai AFTER INSERT ON permohonan BEGIN "
        "INSERT INTO permohonan_fts(rowid, nomor, nama, rincian) VALUES (new.rowid, new.nomor, new.nama, new.rincian); END",
        "CREATE TRIGGER permohonan_fts_ad AFTER DELETE ON permohonan BEGIN "
        "INSERT INTO permohonan_fts(permohonan_fts, rowid, nomor, nama, rincian) "
        "VALUES ('delete', old.rowid, old.nomor, old.nama, old.rincian); END",
        "CREATE TRIGGER permohonan_fts_au AFTER UPDATE OF nomor, nama, rincian ON permohonan BEGIN "
        "INSERT INTO permohonan_fts(permohonan_fts, rowid, nomor, nama, rincian) "
        "VALUES ('delete', old.rowid, old.nomor, old.nama, old.rincian); "
        "INSERT INTO permohonan_fts(rowid, nomor, nama, rincian) VALUES (new.rowid, new.nomor, new.nama, new.rincian); END",
        "INSERT INTO permohonan_fts(permohonan_fts) VALUES ('rebuild')",
    )


def upgrade() -> None:
    for name, _table, _col in INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    for stmt in (*FTS_DROP, *_fts("")):
        op.execute(stmt)


def downgrade() -> None:
    for stmt in (*FTS_DROP, *_fts(", prefix='2 3'")):
        op.execute(stmt)
    for name, table, col in INDEXES:
        op.create_index(name, table, [col], unique=False)
