"""Change capture: every write to a travelling record bumps its version vector and the dots of the
field groups it changed.

Registered on the ORM ``Session`` when this module is imported (``Services`` builds the sync service,
which imports it), so the domain services need no change:

- ``before_flush`` (runs before the unit of work's own stamping): new rows of tables with a natural
  key get the UUIDv5 of that key as id; a write to a monev session handed over to another laptop is
  refused.
- ``after_flush``: the flushed rows are captured in the same transaction.

Rows written by other paths (Core ``bulk_insert``, older versions of the app) are caught by
``scan`` before every export and import: a row whose ``rev`` differs from the one captured.
Which groups changed is found by comparing a hash of each group's values, so a capture is exact
whatever wrote the row.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Table, bindparam, event, select, text
from sqlalchemy.engine import Connection
from sqlmodel import Session, SQLModel

from ppid_desktop.core.base import SyncRecord
from ppid_desktop.core.errors import UserError
from ppid_desktop.core.tipe import Uuid16, sql_uuid_teks, waktu_dari_db
from ppid_desktop.sinkron import identitas as ID
from ppid_desktop.sinkron.spesifikasi import HAPUS, STEMPEL, UMUM, Tabel, semua_tabel

Dot = list[Any]  # [replica, counter, hlc, author, hash]
_EMPTY = (None, "", False, 0, 0.0, "{}", "[]")


# ------------------------------------------------------------------ values
def ser(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def deser(column: Any, value: Any) -> Any:
    if value is None:
        return None
    pytype = _pytype(column)
    if pytype is None:
        return value
    if pytype is datetime and isinstance(value, str):
        return datetime.fromisoformat(value)
    if pytype is date and isinstance(value, str):
        return date.fromisoformat(value)
    if pytype is bool:
        return bool(value)
    if pytype is float and isinstance(value, int):
        return float(value)
    return value


@cache
def _pytype_of(type_: Any) -> Any:
    for candidate in (getattr(type_, "impl_instance", None), getattr(type_, "impl", None), type_):
        if candidate is None or isinstance(candidate, type):
            continue
        try:
            found = candidate.python_type
        except (NotImplementedError, AttributeError):
            continue
        if found is not object:
            return found
    return None


def _pytype(column: Any) -> Any:
    return _pytype_of(column.type)


def table_of(name: str) -> Table:
    return SQLModel.metadata.tables[name]


@cache
def groups_of(name: str) -> dict[str, tuple[str, ...]]:
    """Field groups of a travelling table: declared groups, one per ``per_kolom`` column, the rest in
    ``umum``, ``deleted`` in ``hapus``. Stamp and derived columns belong to no group."""
    spec = semua_tabel()[name]
    cols = [c.key for c in table_of(name).columns]
    out: dict[str, tuple[str, ...]] = {}
    taken: set[str] = set(STEMPEL) | set(spec.turunan) | {"deleted"}
    for g, members in spec.grup.items():
        out[g] = tuple(c for c in members if c in cols)
        taken |= set(members)
    for c in (*spec.paling_awal, *spec.paling_akhir, *spec.per_kolom):
        if c in cols and c not in taken:
            out[c] = (c,)
            taken.add(c)
    rest = tuple(c for c in cols if c not in taken)
    if rest:
        out[UMUM] = rest
    out[HAPUS] = ("deleted",)
    return out


def group_hash(row: dict[str, Any], cols: Iterable[str]) -> str:
    data = json.dumps([ser(row.get(c)) for c in cols], ensure_ascii=False, default=str)
    return hashlib.sha1(data.encode()).hexdigest()[:16]


def travelling() -> dict[str, Tabel]:
    return {k: v for k, v in semua_tabel().items() if k in SQLModel.metadata.tables}


def author(actor: Any) -> str:
    if actor is None:
        return "sistem"
    device = getattr(actor, "device_name", "") or getattr(actor, "device_id", "")
    return f"{actor.username}@{device}" if device else str(actor.username)


# ------------------------------------------------------------------ capture
def _has_sync(conn: Connection) -> bool:
    return bool(conn.execute(text("SELECT 1 FROM sqlite_master WHERE type='table' AND name='sinkron_info'")).first())


def capture(conn: Connection, tabel: str, ids: list[str], who: str, *, replika: str | None = None,
            hlc: str | None = None, waktu_baris: bool = False) -> int:
    """Record local writes to ``ids`` of ``tabel``: new dots for the groups whose values changed.

    ``waktu_baris`` (a late capture, by ``scan``): the write happened when the row says (``updated_at``),
    not now, so its dots carry that time (never later than now). A revision's answers copied in bulk
    and captured at the next export must not look newer than an answer written after the copy."""
    if not ids:
        return 0
    replika = replika or ID.get_info(conn, "replika")
    if not replika:
        return 0
    t = table_of(tabel)
    groups = groups_of(tabel)
    n = 0
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        rows = {r["id"]: dict(r) for r in conn.execute(select(t).where(t.c.id.in_(chunk))).mappings()}
        metas = {r[0]: r for r in conn.execute(
            text("SELECT rec_id, rev, vv, grup FROM sinkron_meta WHERE tabel = :t AND rec_id IN :ids")
            .bindparams(bindparam("ids", expanding=True)), {"t": tabel, "ids": chunk})}
        for rid in chunk:
            row = rows.get(rid)
            if row is None:
                continue
            meta = metas.get(rid)
            vv: dict[str, int] = json.loads(meta[2]) if meta else {}
            gdots: dict[str, Dot] = json.loads(meta[3]) if meta else {}
            changed = []
            kosong: list[tuple[str, str]] = []
            for g, cols in groups.items():
                h = group_hash(row, cols)
                old = gdots.get(g)
                if old is None and meta is None and all(row.get(c) in _EMPTY for c in cols):
                    kosong.append((g, h))  # a new row's empty group is not a write: it never wins
                elif old is None or old[4] != h:
                    changed.append((g, h))
            for g, h in kosong:
                gdots[g] = ["", 0, "", "", h]
            if not changed and meta is not None:
                if int(meta[1] or 0) != int(row.get("rev") or 0):
                    conn.execute(text("UPDATE sinkron_meta SET rev = :r WHERE tabel = :t AND rec_id = :i"),
                                 {"r": int(row.get("rev") or 0), "t": tabel, "i": rid})
                continue
            seq = ID.next_counter(conn, "seq")
            if changed:
                hlc = hlc or ID.tick(conn)
                dot_hlc = min(_hlc_baris(row), hlc) if waktu_baris else hlc
                counter = ID.next_counter(conn)
                vv[replika] = counter
                # An answer written while its session was already final here (a verifier's score, a
                # resolution) knows of the lock: flagged, so other laptops do not hold it back.
                aware = tabel == "monev_jawaban" and _sesi_final(conn, row.get("sesi_id"))
                for g, h in changed:
                    gdots[g] = [replika, counter, dot_hlc, who, h] + ([1] if aware else [])
                n += 1
            conn.execute(text(
                "INSERT INTO sinkron_meta (tabel, rec_id, seq, rev, vv, grup) VALUES (:t, :i, :s, :r, :vv, :g) "
                "ON CONFLICT(tabel, rec_id) DO UPDATE SET seq = excluded.seq, rev = excluded.rev, "
                "vv = excluded.vv, grup = excluded.grup"),
                {"t": tabel, "i": rid, "s": seq, "r": int(row.get("rev") or 0),
                 "vv": json.dumps(vv, sort_keys=True), "g": json.dumps(gdots, sort_keys=True)})
    return n


def _hlc_baris(row: dict[str, Any]) -> str:
    """The clock value of when ``row`` was last written by its own account (``updated_at``)."""
    at = row.get("updated_at")
    if isinstance(at, str):
        try:
            at = datetime.fromisoformat(at)
        except ValueError:
            at = None
    if not isinstance(at, datetime):
        return ID.format_hlc(0, 0)
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return ID.format_hlc(int(at.timestamp() * 1000), 0)


def _sesi_final(conn: Connection, sesi_id: Any) -> bool:
    row = conn.execute(text("SELECT status FROM monev_sesi WHERE id = :i"), {"i": sesi_id}).first()
    return bool(row and row[0] in ("final", "diganti"))


def scan(conn: Connection, who: str = "sistem") -> int:
    """Capture every row written without passing through a flush (bulk paths, older app versions)."""
    n = 0
    for name in travelling():
        tid = sql_uuid_teks("t.id") if isinstance(table_of(name).c.id.type, Uuid16) else "t.id"  # ids as text
        ids = [r[0] for r in conn.execute(text(
            f"SELECT {tid} FROM {name} t LEFT JOIN sinkron_meta m ON m.tabel = :t AND m.rec_id = {tid} "  # noqa: S608
            "WHERE m.rec_id IS NULL OR m.rev <> t.rev"), {"t": name})]
        if ids:
            n += capture(conn, name, ids, who, waktu_baris=True)
    return n


# ------------------------------------------------------------------ ORM hooks
def _natural_ids(session: Session) -> None:
    specs = travelling()
    for obj in list(session.new):
        if not isinstance(obj, SyncRecord):
            continue
        name = getattr(obj, "__tablename__", "")
        spec = specs.get(str(name))
        if spec is None or not (spec.kunci_alami or spec.tunggal):
            continue
        key = [getattr(obj, k, None) for k in spec.kunci_alami]
        if any(k is None or k == "" for k in key):
            continue
        new_id = ID.id_alami(str(name), *[ser(k) for k in key])
        if obj.id == new_id:
            continue
        if session.get(type(obj), new_id) is not None:
            continue  # a tombstone (or a twin) holds the natural id already: keep the random one
        if any(o is not obj and getattr(o, "id", None) == new_id for o in session.new):
            continue
        obj.id = new_id


def _natural_ids_bulk(session: Session, tabel: str, rows: list[dict[str, Any]]) -> None:
    """``core.db.bulk_insert`` rows of a table with a natural key get the UUIDv5 of it, like the ORM path
    (a revision's answers copied in bulk on two laptops are then one record with one id everywhere)."""
    spec = travelling().get(tabel)
    if spec is None or not spec.kunci_alami or not rows:
        return
    cand: list[tuple[dict[str, Any], str]] = []
    for row in rows:
        key = [row.get(k) for k in spec.kunci_alami]
        if any(k is None or k == "" for k in key):
            continue
        cand.append((row, ID.id_alami(tabel, *[ser(k) for k in key])))
    taken: set[str] = set()
    t = table_of(tabel)
    conn = session.connection()
    for start in range(0, len(cand), 500):
        chunk = [nid for _r, nid in cand[start:start + 500]]
        taken |= {str(r[0]) for r in conn.execute(select(t.c.id).where(t.c.id.in_(chunk)))}
    for row, nid in cand:
        if nid not in taken:  # a tombstone or a twin holds it already: keep a random id
            row["id"] = nid
            taken.add(nid)


def _guard_handover(session: Session) -> None:
    from ppid_desktop.sinkron.models import Serah

    touched: set[str] = set()
    for item in list(session.new) + list(session.dirty):
        if not isinstance(item, SyncRecord) or isinstance(item, Serah):
            continue
        obj: Any = item
        name = str(getattr(obj, "__tablename__", ""))
        if name == "monev_sesi":
            touched.add(obj.id)
            if getattr(obj, "sebelumnya_id", None):
                touched.add(str(obj.sebelumnya_id))
        elif name in ("monev_jawaban", "monev_bukti", "monev_responden") and getattr(obj, "sesi_id", None):
            touched.add(str(obj.sesi_id))
    if not touched:
        return
    conn = session.connection()
    if not _has_sync(conn):
        return
    me = ID.get_info(conn, "replika")
    rows = conn.execute(text("SELECT id, pemegang, perangkat, updated_at, updated_by FROM sinkron_serah "
                             "WHERE deleted = 0 AND id IN :ids")
                        .bindparams(bindparam("ids", expanding=True)), {"ids": sorted(touched)}).all()
    for _sid, holder, perangkat, sejak, oleh in rows:
        if holder and holder != me:
            at = waktu_dari_db(sejak)
            raise UserError(
                keterangan_serah(str(holder), str(perangkat or ""), at, str(oleh or "")) + " Sesi ini tidak dapat "
                "diubah di laptop ini sampai dikembalikan lewat paket serah, atau diambil kembali secara tegas "
                "(tombol “Ambil kembali” di sesi monev).")


def keterangan_serah(pemegang: str, perangkat: str, sejak: datetime | None, oleh: str = "") -> str:
    """The sentence shown wherever a handed-over monev session appears: who holds it, since when."""
    waktu = ""
    if sejak is not None:
        local = (sejak if sejak.tzinfo else sejak.replace(tzinfo=UTC)).astimezone()
        waktu = f" sejak {local:%d-%m-%Y %H:%M}"
    if pemegang == "diserahkan":
        siapa = f" oleh {oleh}" if oleh else ""
        return (f"Sesi monev ini diserahkan{siapa}{waktu} lewat {perangkat or 'paket serah'}; laptop penerima "
                "belum mengirim kabar.")
    return f"Sesi monev ini sudah diserahkan dan dipegang laptop lain ({perangkat or pemegang[:8]}){waktu}."


def _before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    if session.info.get("sinkron_off"):
        return
    _natural_ids(session)
    _guard_handover(session)


def _after_flush(session: Session, _ctx: Any) -> None:
    if session.info.get("sinkron_off"):
        return
    specs = travelling()
    todo: dict[str, list[str]] = {}
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, SyncRecord):
            name = str(getattr(obj, "__tablename__", ""))
            if name in specs and obj.id:
                todo.setdefault(name, []).append(obj.id)
    if not todo:
        return
    conn = session.connection()
    if not _has_sync(conn):
        return
    replika = ID.get_info(conn, "replika")
    if not replika:
        return
    who = author(session.info.get("actor"))
    hlc = ID.tick(conn)
    for name, ids in todo.items():
        capture(conn, name, list(dict.fromkeys(ids)), who, replika=replika, hlc=hlc)


_registered = False


def register_hooks() -> None:
    global _registered
    if _registered:
        return
    event.listen(Session, "before_flush", _before_flush, insert=True)
    event.listen(Session, "after_flush", _after_flush)
    from ppid_desktop.core import db

    db.ID_MASSAL.append(_natural_ids_bulk)
    _registered = True


register_hooks()
