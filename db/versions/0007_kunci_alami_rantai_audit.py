"""reliability: unique natural keys (duplicates repaired first), hash-chained audit log without personal
data, sign-in lockout columns

Revision ID: 0007
Revises: 0006

Steps, all in the one upgrade transaction:

1. ``audit_log`` gains ``os_user``, ``prev_hash``, ``row_hash``; ``pengguna`` gains ``gagal_masuk`` and
   ``terkunci_sampai``.
2. Personal values already in ``audit_log.changes`` are replaced by ``"diubah"`` (and respondent names in
   summaries removed).
3. Duplicates of every natural key are reported (logger ``ppid.migrasi``, and one ``audit_log`` row
   ``perbaikan_duplikat`` each) and repaired deterministically: numbers (permohonan, keberatan, sengketa,
   surat keluar) after the first (oldest ``created_at``, then rowid) get a ``-2``, ``-3``… suffix;
   instrument versions are moved after the last version; for the other keys the newest row stays live and
   the rest are tombstoned (``deleted = 1``). Every repaired row gets ``rev + 1`` so it travels.
4. The unique partial indexes are created, the chain is computed over every existing row, and the
   triggers that chain new rows and refuse updates/deletes are created.
"""
import hashlib
import json
import logging
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

log = logging.getLogger("ppid.migrasi")

# Frozen copies (the models may change later; this migration must not).
PERSONAL: dict[str, set[str]] = {
    "permohonan": {"nik_enc", "nik_hash", "nik_mask", "nama", "nama_kuasa", "alamat", "telepon", "email",
                   "no_sk_badan_hukum", "penerima"},
    "keberatan": {"nama", "nama_kuasa", "alamat_kuasa"},
    "lampiran_layanan": {"nama_berkas"},
    "monev_responden": {"telepon", "nama", "nip"},
    "pegawai": {"telepon", "email"},
    "perangkat_daerah": {"ppid_telepon", "ppid_email"},
}
SUMMARY_IS_PERSONAL = {"monev_responden"}

# (index, table, key columns/expressions, extra WHERE, repair, order of the row that stays)
RENUMBER = "renumber"
TOMBSTONE = "tombstone"
NEXT_VERSION = "next_version"
KEYS: tuple[tuple[str, str, tuple[str, ...], str, str, str], ...] = (
    ("ux_permohonan_nomor", "permohonan", ("nomor", "substr(tanggal_diterima, 1, 4)"), "nomor <> ''",
     RENUMBER, "created_at, rowid"),
    ("ux_keberatan_nomor", "keberatan", ("nomor", "substr(tanggal_diterima, 1, 4)"), "nomor <> ''",
     RENUMBER, "created_at, rowid"),
    ("ux_sengketa_nomor_ki", "sengketa", ("nomor_ki", "substr(tanggal_diajukan, 1, 4)"), "nomor_ki <> ''",
     RENUMBER, "created_at, rowid"),
    ("ux_surat_keluar_nomor", "surat_keluar", ("jenis", "nomor", "substr(tanggal, 1, 4)"),
     "nomor IS NOT NULL AND nomor <> ''", RENUMBER, "created_at, rowid"),
    ("ux_monev_jawaban_sesi_pertanyaan", "monev_jawaban", ("sesi_id", "pertanyaan"), "",
     TOMBSTONE, "dijawab_at DESC, updated_at DESC, rowid DESC"),
    ("ux_monev_sesi_jadwal_revisi", "monev_sesi", ("jadwal_id", "revisi"), "", TOMBSTONE, "created_at, rowid"),
    ("ux_pengaturan_layanan_kunci", "pengaturan_layanan", ("kunci",), "", TOMBSTONE,
     "updated_at DESC, rowid DESC"),
    ("ux_templat_nomor_jenis", "templat_nomor", ("jenis",), "", TOMBSTONE, "updated_at DESC, rowid DESC"),
    ("ux_kalender_tahun_tahun", "kalender_tahun", ("tahun",), "", TOMBSTONE, "created_at, rowid"),
    ("ux_monev_instrumen_kode_versi", "monev_instrumen", ("kode", "versi"), "", NEXT_VERSION,
     "created_at, rowid"),
    ("ux_rekap_pemetaan_jenis_tanda", "rekap_pemetaan", ("jenis", "tanda"), "", TOMBSTONE,
     "updated_at DESC, rowid DESC"),
)

CHAINED = ("id", "at", "username", "os_user", "device_id", "action", "entity", "entity_id", "summary", "changes")
_PREV = "COALESCE((SELECT row_hash FROM audit_log WHERE id < NEW.id ORDER BY id DESC LIMIT 1), '')"
TRIGGERS = (
    "CREATE TRIGGER IF NOT EXISTS audit_log_rantai AFTER INSERT ON audit_log BEGIN "
    f"UPDATE audit_log SET prev_hash = {_PREV}, row_hash = ppid_audit_hash({_PREV}, "
    + ", ".join(f"NEW.{c}" for c in CHAINED) + ") WHERE id = NEW.id; END",
    # Content never changes; the chain columns are the trigger's to fill (a row copied from another
    # laptop may arrive with that laptop's hashes: they are recomputed here, and verify_chain checks them).
    "CREATE TRIGGER IF NOT EXISTS audit_log_tanpa_ubah BEFORE UPDATE OF "
    + ", ".join(CHAINED) + " ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log hanya boleh ditambah'); END",
    "CREATE TRIGGER IF NOT EXISTS audit_log_tanpa_hapus BEFORE DELETE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log hanya boleh ditambah'); END",
)


def _chain_hash(prev: str | None, *values: Any) -> str:
    payload = json.dumps([prev or "", *values], ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _tables(conn: Any) -> set[str]:
    return {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}


def _scrub_audit(conn: Any) -> int:
    rows = conn.exec_driver_sql(
        "SELECT id, entity, summary, changes FROM audit_log WHERE entity IN ("
        + ", ".join(f"'{t}'" for t in PERSONAL) + ")").fetchall()
    fixed = []
    for rid, entity, summary, changes in rows:
        new_summary = "" if entity in SUMMARY_IS_PERSONAL else summary
        new_changes = changes
        if changes:
            try:
                data = json.loads(changes)
            except ValueError:
                data = None
            if isinstance(data, dict):
                for key in list(data):
                    if key in PERSONAL[entity] or data[key] == "<disamarkan>":
                        data[key] = "diubah"
                new_changes = json.dumps(data, ensure_ascii=False, default=str)
        if new_summary != summary or new_changes != changes:
            fixed.append({"s": new_summary, "c": new_changes, "i": rid})
    if fixed:
        conn.execute(sa.text("UPDATE audit_log SET summary = :s, changes = :c WHERE id = :i"), fixed)
    return len(fixed)


def _audit(conn: Any, entity: str, entity_id: str, summary: str) -> None:
    conn.execute(sa.text(
        "INSERT INTO audit_log (at, username, device_id, action, entity, entity_id, summary, os_user) "
        "VALUES (:at, 'sistem', 'migrasi-0007', 'perbaikan_duplikat', :e, :i, :s, '')"),
        {"at": _now(), "e": entity, "i": entity_id, "s": summary[:500]})


def _repair(conn: Any, index: str, table: str, keys: tuple[str, ...], where: str, how: str, order: str) -> int:
    cond = "deleted = 0" + (f" AND {where}" if where else "")
    key_sql = ", ".join(keys)
    aliased = ", ".join(f"{k} AS k{i}" for i, k in enumerate(keys))
    outer = ", ".join(f"k{i}" for i in range(len(keys)))
    dupes = conn.exec_driver_sql(
        f"SELECT rid_, id, {outer}, rn FROM (SELECT rowid AS rid_, id, {aliased}, ROW_NUMBER() OVER "
        f"(PARTITION BY {key_sql} ORDER BY {order}) AS rn FROM {table} WHERE {cond}) WHERE rn > 1 "
        "ORDER BY rid_").fetchall()
    now = _now()
    for rowid, rid, *rest in dupes:
        key_vals = rest[:-1]
        if how == RENUMBER:
            col = keys[0] if table != "surat_keluar" else "nomor"
            old = key_vals[0] if table != "surat_keluar" else key_vals[1]
            year_expr = keys[-1]
            n = 2
            while True:
                candidate = f"{old}-{n}"
                clash = conn.exec_driver_sql(
                    f"SELECT 1 FROM {table} WHERE {col} = ? AND {year_expr} = ? AND deleted = 0"
                    + (" AND jenis = ?" if table == "surat_keluar" else "") + " LIMIT 1",
                    (candidate, key_vals[-1], *((key_vals[0],) if table == "surat_keluar" else ())),
                ).fetchone()
                if not clash:
                    break
                n += 1
            conn.exec_driver_sql(
                f"UPDATE {table} SET {col} = ?, rev = rev + 1, updated_at = ?, updated_by = 'sistem' "
                "WHERE rowid = ?", (candidate, now, rowid))
            summary = f"Nomor ganda {old} ({key_vals[-1]}) diganti {candidate}"
        elif how == NEXT_VERSION:
            top = conn.exec_driver_sql(f"SELECT MAX(versi) FROM {table} WHERE kode = ?", (key_vals[0],)).scalar()
            conn.exec_driver_sql(
                f"UPDATE {table} SET versi = ?, rev = rev + 1, updated_at = ?, updated_by = 'sistem' "
                "WHERE rowid = ?", (int(top or 0) + 1, now, rowid))
            summary = f"Versi ganda {key_vals[0]} v{key_vals[1]} dipindah ke v{int(top or 0) + 1}"
        else:
            conn.exec_driver_sql(
                f"UPDATE {table} SET deleted = 1, rev = rev + 1, updated_at = ?, updated_by = 'sistem' "
                "WHERE rowid = ?", (now, rowid))
            summary = "Baris ganda (" + ", ".join(str(v) for v in key_vals) + ") ditandai terhapus"
        log.warning("migrasi 0007: %s %s: %s", table, rid, summary)
        _audit(conn, table, rid, summary)
    return len(dupes)


def _chain(conn: Any) -> int:
    rows = conn.exec_driver_sql(f"SELECT {', '.join(CHAINED)} FROM audit_log ORDER BY id").fetchall()
    prev = ""
    params = []
    for row in rows:
        h = _chain_hash(prev, *row)
        params.append({"p": prev, "h": h, "i": row[0]})
        prev = h
    if params:
        conn.execute(sa.text("UPDATE audit_log SET prev_hash = :p, row_hash = :h WHERE id = :i"), params)
    return len(params)


def upgrade() -> None:
    conn = op.get_bind()
    op.add_column("audit_log", sa.Column("os_user", sa.String(length=64), nullable=False, server_default=""))
    op.add_column("audit_log", sa.Column("prev_hash", sa.String(length=64), nullable=True))
    op.add_column("audit_log", sa.Column("row_hash", sa.String(length=64), nullable=True))
    op.add_column("pengguna", sa.Column("gagal_masuk", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("pengguna", sa.Column("terkunci_sampai", sa.DateTime(), nullable=True))

    scrubbed = _scrub_audit(conn)
    if scrubbed:
        log.warning("migrasi 0007: data pribadi dihapus dari %d baris audit_log", scrubbed)
    tables = _tables(conn)
    for index, table, keys, where, how, order in KEYS:
        if table not in tables:
            continue
        _repair(conn, index, table, keys, where, how, order)
        cond = "deleted = 0" + (f" AND {where}" if where else "")
        op.create_index(index, table, [sa.text(k) if "(" in k else k for k in keys], unique=True,
                        sqlite_where=sa.text(cond))
    _chain(conn)
    for stmt in TRIGGERS:
        op.execute(stmt)


def downgrade() -> None:
    for name in ("audit_log_tanpa_hapus", "audit_log_tanpa_ubah", "audit_log_rantai"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for index, table, *_ in reversed(KEYS):
        op.drop_index(index, table_name=table)
    with op.batch_alter_table("pengguna") as batch_op:
        batch_op.drop_column("terkunci_sampai")
        batch_op.drop_column("gagal_masuk")
    with op.batch_alter_table("audit_log") as batch_op:
        batch_op.drop_column("row_hash")
        batch_op.drop_column("prev_hash")
        batch_op.drop_column("os_user")
