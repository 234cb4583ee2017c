"""a keberatan without a permohonan (UU 14/2008 Pasal 35(1) b–g): ``keberatan.permohonan_id`` becomes
nullable and the keberatan carries the pemohon's own identity (NIK encrypted, address, phone, e-mail,
occupation, kuasa) and the day its personal data was wiped.

Revision ID: 0015
Revises: 0013

SQLite cannot drop a NOT NULL in place, so ``keberatan`` is rebuilt by hand. Alembic's batch mode
(copy into a temporary table, DROP the old one, rename) cannot be used here: the app migrates inside
one transaction with ``foreign_keys=ON`` (the pragma is a no-op inside a transaction), and dropping
``keberatan`` while ``sengketa`` rows point at it fails the foreign-key check at commit, deferred or
not. So both tables are rebuilt in an order that never leaves a dangling reference:

1. ``keberatan_0015`` (the old definition read from ``sqlite_master``, the NOT NULL dropped), rows copied;
2. ``sengketa_0015`` referencing ``keberatan_0015``, rows copied;
3. DROP ``sengketa`` (nothing references it), DROP ``keberatan`` (nothing references it any more);
4. RENAME ``keberatan_0015`` → ``keberatan`` (SQLite rewrites ``sengketa_0015``'s reference to it),
   RENAME ``sengketa_0015`` → ``sengketa``;
5. every index and trigger the two tables had (read from ``sqlite_master`` before the drop: the 0007
   natural keys, the 0012 register index, anything a later room added) is created again, same name,
   same SQL.

Definitions are read from the file, not frozen here, so columns other rooms' migrations add to either
table survive. The new columns are plain ADD COLUMNs afterwards.
"""
import re

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0015"
down_revision = "0013"
branch_labels = None
depends_on = None

TABEL = ("keberatan", "sengketa")
SEMENTARA = "_0015"


def _teks(name: str, length: int | None = None) -> sa.Column:
    return sa.Column(name, sqlmodel.sql.sqltypes.AutoString(length=length), nullable=False, server_default="")


def _kolom_baru() -> tuple[sa.Column, ...]:
    return (
        sa.Column("nik_enc", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("nik_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        _teks("nik_mask", 32),
        _teks("alamat", 300),
        _teks("pekerjaan", 100),
        _teks("telepon", 64),
        _teks("email", 200),
        sa.Column("kuasa", sa.Boolean(), nullable=False, server_default="0"),
        sa.Column("dianonimkan", sa.Date(), nullable=True),
    )


def _ganti_nama(sql: str, lama: str, baru: str) -> str:
    """``CREATE TABLE lama (`` → ``CREATE TABLE baru (`` (quoted or not)."""
    out, n = re.subn(rf'^\s*CREATE\s+TABLE\s+"?{lama}"?\s*\(', f"CREATE TABLE {baru} (", sql, count=1, flags=re.I)
    if n != 1:
        raise RuntimeError(f"definisi tabel {lama} tidak dikenali")
    return out


def _bangun_ulang(keberatan_sql: str) -> None:
    conn = op.get_bind()
    rujukan = [t for (t,) in conn.exec_driver_sql(
        "SELECT m.name FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table' "
        "AND f.\"table\" IN ('keberatan', 'sengketa') AND m.name <> 'sengketa'")]
    if rujukan:  # a later room's table pointing here would block the DROP: say which, plainly
        raise RuntimeError("Migrasi 0015 membangun ulang keberatan dan sengketa, tetapi tabel "
                           f"{', '.join(sorted(set(rujukan)))} merujuk keduanya; tambahkan ke urutan bangun ulang.")
    master = {name: sql for name, sql in conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type='table' AND name IN ('keberatan', 'sengketa')")}
    # indexes (not the automatic ones) and triggers of both tables, recreated after the rebuild
    lain = list(conn.exec_driver_sql(
        "SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ('keberatan', 'sengketa') "
        "AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name"))
    kolom = {t: [r[1] for r in conn.exec_driver_sql(f'PRAGMA table_info("{t}")')] for t in TABEL}

    conn.exec_driver_sql(_ganti_nama(keberatan_sql, "keberatan", "keberatan" + SEMENTARA))
    daftar = ", ".join(f'"{c}"' for c in kolom["keberatan"])
    conn.exec_driver_sql(f"INSERT INTO keberatan{SEMENTARA} ({daftar}) SELECT {daftar} FROM keberatan")

    sengketa_sql = _ganti_nama(master["sengketa"], "sengketa", "sengketa" + SEMENTARA)
    sengketa_sql, n = re.subn(r'REFERENCES\s+"?keberatan"?\s*\(', f"REFERENCES keberatan{SEMENTARA} (",
                              sengketa_sql, flags=re.I)
    if n != 1:
        raise RuntimeError("rujukan sengketa ke keberatan tidak dikenali")
    conn.exec_driver_sql(sengketa_sql)
    daftar = ", ".join(f'"{c}"' for c in kolom["sengketa"])
    conn.exec_driver_sql(f"INSERT INTO sengketa{SEMENTARA} ({daftar}) SELECT {daftar} FROM sengketa")

    conn.exec_driver_sql("DROP TABLE sengketa")
    conn.exec_driver_sql("DROP TABLE keberatan")
    conn.exec_driver_sql(f"ALTER TABLE keberatan{SEMENTARA} RENAME TO keberatan")
    conn.exec_driver_sql(f"ALTER TABLE sengketa{SEMENTARA} RENAME TO sengketa")
    for _type, _name, sql in lain:
        conn.exec_driver_sql(sql)


def upgrade() -> None:
    conn = op.get_bind()
    sql = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type='table' AND name='keberatan'").scalar_one()
    baru, n = re.subn(r'("?permohonan_id"?\s+VARCHAR\(36\))\s+NOT\s+NULL', r"\1", sql, count=1, flags=re.I)
    if n == 1:
        _bangun_ulang(baru)
    for c in _kolom_baru():
        op.add_column("keberatan", c)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.exec_driver_sql("SELECT count(*) FROM keberatan WHERE permohonan_id IS NULL").scalar_one():
        raise RuntimeError("Ada keberatan tanpa permohonan: skema tidak dapat diturunkan ke 0012.")
    for c in reversed(_kolom_baru()):
        op.drop_column("keberatan", c.name)
    sql = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type='table' AND name='keberatan'").scalar_one()
    lama, n = re.subn(r'("?permohonan_id"?\s+VARCHAR\(36\))(\s*,)', r"\1 NOT NULL\2", sql, count=1, flags=re.I)
    if n == 1:
        _bangun_ulang(lama)
