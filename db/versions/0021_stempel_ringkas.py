"""compact record stamps: timestamps as integers, device ids and the history table's ids as 16 bytes

Revision ID: 0021
Revises: 0020

Measured with ``dbstat`` on a demo database of 100,000 requests (issue #15, "Where the bytes are" in the
README): every sync record carried ``created_at``/``updated_at`` as 26-character ISO text and
``device_id`` as a 36-character UUID; ``riwayat_layanan`` (two rows per request) its own ``id`` and
``objek_id`` as 36-character UUIDs plus two indexes holding them. From this revision (``core.tipe``):

- ``created_at``/``updated_at`` of every table with the record base's columns: integer microseconds
  since 1970-01-01 UTC of the stored text (SQLModel's ``UTCDateTime`` wrote UTC without an offset; a
  text with an offset is converted to UTC) — read back as the same aware UTC ``datetime``;
- ``device_id`` of those tables: the UUID's 16 bytes when the text is a canonical UUID, else unchanged;
- ``riwayat_layanan.id`` and ``objek_id``: 16 bytes the same way;
- ``permohonan.nik_hash`` (64 hex characters) as its 32 bytes and ``permohonan.nik_enc`` (a base64url
  Fernet token) as its decoded bytes — each only when the bytes give back exactly the same text;
- ``permohonan``/``keberatan.tenggat_rincian`` and ``riwayat_layanan.catatan`` deflated against a frozen
  preset dictionary (``core.tipe.Ringkas``), only when shorter.

No DDL: SQLite stores an integer in a ``DATETIME`` column and a blob in a ``VARCHAR`` one as they are,
so the tables keep their declared types (new databases declare ``BIGINT`` for the timestamps). Values
are rewritten in place, in rowid batches, with the raw connection inside the migration's one
transaction (all or nothing, SQLCipher too). A value that cannot be read as a timestamp is left as it
is (the reader accepts the old text). Sync packages are unchanged — rows travel as text as before —
so the transform is ``identitas``.

The pages freed inside the tables are reused by later writes; the file shrinks at the next ``VACUUM``.
"""
from __future__ import annotations

import base64
import binascii
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

BATCH = 20_000
BASE = ("id", "created_at", "updated_at", "created_by", "updated_by", "device_id", "rev", "deleted")
EPOCH = datetime(1970, 1, 1)
# Columns beyond the base's, by table: (column, kind).
EXTRA = {"riwayat_layanan": (("id", "uuid"), ("objek_id", "uuid"), ("catatan", "ringkas2")),
         "permohonan": (("nik_hash", "hex"), ("nik_enc", "b64"), ("tenggat_rincian", "ringkas1")),
         "keberatan": (("tenggat_rincian", "ringkas1"),)}
_HEX = frozenset("0123456789abcdef")


def _to_int(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:
        dt = datetime.fromisoformat(value.strip())
    except ValueError:
        return value
    if dt.utcoffset() is not None:
        dt = dt.astimezone(UTC)
    d = dt.replace(tzinfo=None) - EPOCH
    return (d.days * 86_400 + d.seconds) * 1_000_000 + d.microseconds


def _to_text(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return (EPOCH + timedelta(microseconds=value)).strftime("%Y-%m-%d %H:%M:%S.%f")
    return value


def _to_blob(value: Any) -> Any:
    if isinstance(value, str) and len(value) == 36:
        try:
            u = uuid.UUID(value)
        except ValueError:
            return value
        if str(u) == value:
            return u.bytes
    return value


def _from_blob(value: Any) -> Any:
    if isinstance(value, bytes) and len(value) == 16:
        return str(uuid.UUID(bytes=value))
    return value


def _hex_blob(value: Any) -> Any:
    if isinstance(value, str) and value and len(value) % 2 == 0 and _HEX.issuperset(value):
        return bytes.fromhex(value)
    return value


def _blob_hex(value: Any) -> Any:
    return value.hex() if isinstance(value, bytes) else value


def _b64_blob(value: Any) -> Any:
    if not isinstance(value, str) or not value or not value.isascii():
        return value
    try:
        raw = base64.urlsafe_b64decode(value)
    except (binascii.Error, ValueError):
        return value
    return raw if base64.urlsafe_b64encode(raw).decode("ascii") == value else value


def _blob_b64(value: Any) -> Any:
    return base64.urlsafe_b64encode(value).decode("ascii") if isinstance(value, bytes) else value


CONVERT = {  # kind: (up, down, stored type before up, stored type before down)
    "waktu": (_to_int, _to_text, "text", "integer"),
    "uuid": (_to_blob, _from_blob, "text", "blob"),
    "hex": (_hex_blob, _blob_hex, "text", "blob"),
    "b64": (_b64_blob, _blob_b64, "text", "blob"),
    # the frozen dictionaries live with the type (core.tipe.KAMUS: a dictionary is never edited)
    "ringkas1": (lambda v: _ringkas(v, 1), lambda v: _ringkas_teks(v), "text", "blob"),
    "ringkas2": (lambda v: _ringkas(v, 2), lambda v: _ringkas_teks(v), "text", "blob"),
}


def _ringkas(value: Any, kamus: int) -> Any:
    from ppid_desktop.core.tipe import ringkas_ke_db

    return ringkas_ke_db(value, kamus) if isinstance(value, str) else value


def _ringkas_teks(value: Any) -> Any:
    from ppid_desktop.core.tipe import ringkas_dari_db

    return ringkas_dari_db(value) if isinstance(value, bytes) else value


def _record_tables(conn: Any) -> list[str]:
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL "
                                        "AND name NOT LIKE 'sqlite_%'")]
    out = []
    for name in names:
        cols = {r[1] for r in conn.execute(f'PRAGMA table_info("{name}")')}
        if set(BASE) <= cols:
            out.append(name)
    return out


def _rewrite(up: bool) -> None:
    conn = op.get_bind().connection.driver_connection  # the raw DB-API connection, same transaction
    for table in _record_tables(conn):
        kinds = (("created_at", "waktu"), ("updated_at", "waktu"), ("device_id", "uuid"), *EXTRA.get(table, ()))
        cols = [c for c, _k in kinds]
        conv = {c: CONVERT[k][0 if up else 1] for c, k in kinds}
        # Only rows that hold a value of the old (up) or new (down) shape are read.
        where = " OR ".join(f"typeof(\"{c}\") = '{CONVERT[k][2 if up else 3]}'" for c, k in kinds)
        sets = ", ".join(f'"{c}" = ?' for c in cols)
        last = -(2**63)
        while True:
            rows = conn.execute(
                f'SELECT rowid, {", ".join(chr(34) + c + chr(34) for c in cols)} FROM "{table}" '  # noqa: S608
                f"WHERE rowid > ? AND ({where}) ORDER BY rowid LIMIT ?", (last, BATCH)).fetchall()
            if not rows:
                break
            last = rows[-1][0]
            changed = []
            for row in rows:
                new = tuple(conv[c](v) for c, v in zip(cols, row[1:], strict=True))
                if new != tuple(row[1:]):
                    changed.append((*new, row[0]))
            if changed:
                conn.executemany(f'UPDATE "{table}" SET {sets} WHERE rowid = ?', changed)  # noqa: S608


def upgrade() -> None:
    _rewrite(True)


def downgrade() -> None:
    _rewrite(False)
