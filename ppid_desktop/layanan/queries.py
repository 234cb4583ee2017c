"""Qt-free register queries: filter, search and sort in SQL, for the UI, the CLI and the Rekap room.

- ``RegisterFilter``: status, OPD, channel, date range, overdue, free text (number, name, rincian).
- ``PermohonanSource`` / ``KeberatanSource``: the two-step shape a lazy table needs — ``ids()`` returns
  the ordered rowids of the current filter/sort from one indexed SQL query; ``rows(ids)`` fetches
  the display values of just those rows. Both go straight to the sqlite3 connection (no ORM per row).
- ``register_rows(session, filter)`` yields plain dicts (NIK masked) for exports and the CLI.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlmodel import Session

from ppid_desktop.core.db import Store
from ppid_desktop.layanan import rules as RU  # noqa: N812


@dataclass(frozen=True)
class RegisterFilter:
    status: tuple[str, ...] = ()
    opd_id: str | None = None
    saluran: str | None = None
    keputusan: str | None = None
    dari: date | None = None
    sampai: date | None = None
    terlambat: bool = False
    dijawab_terlambat: bool = False  # written notice after the 10 (or, extended in time, 17) working days
    cari: str = ""
    hari_ini: date | None = None

    def with_(self, **kw: Any) -> RegisterFilter:
        return replace(self, **kw)


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def where_permohonan(f: RegisterFilter) -> tuple[str, list[Any]]:
    parts = ["p.deleted = 0"]
    params: list[Any] = []
    if f.status:
        parts.append(f"p.status IN ({','.join('?' * len(f.status))})")
        params += list(f.status)
    if f.opd_id:
        parts.append("p.opd_id = ?")
        params.append(f.opd_id)
    if f.saluran:
        parts.append("p.saluran = ?")
        params.append(f.saluran)
    if f.keputusan:
        parts.append("p.keputusan = ?")
        params.append(f.keputusan)
    if f.dari:
        parts.append("p.tanggal_diterima >= ?")
        params.append(f.dari.isoformat())
    if f.sampai:
        parts.append("p.tanggal_diterima <= ?")
        params.append(f.sampai.isoformat())
    if f.terlambat:
        today = (f.hari_ini or date.today()).isoformat()
        parts.append(f"p.status IN ({','.join('?' * len(RU.STATUS_TERBUKA))}) AND p.tenggat_efektif < ?")
        params += [*RU.STATUS_TERBUKA, today]
    if f.dijawab_terlambat:
        parts.append(RU.SQL_DIJAWAB_TERLAMBAT)
    text = f.cari.strip()
    if text:
        match = fts_query(text)
        if match:
            parts.append("p.rowid IN (SELECT rowid FROM permohonan_fts WHERE permohonan_fts MATCH ?)")
            params.append(match)
        else:  # only punctuation: plain substring match
            like = _like(text)
            parts.append("(p.nomor LIKE ? ESCAPE '\\' OR p.nama LIKE ? ESCAPE '\\' OR p.rincian LIKE ? ESCAPE '\\')")
            params += [like, like, like]
    return " AND ".join(parts), params


_TOKEN = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str:
    """The FTS5 MATCH expression of a free-text search: every word, as a word prefix, must occur in
    nomor, nama or rincian ("wul" finds Wulan, "001/PPID" finds 001/PPID/VI/2026). Empty when the text
    has no word characters."""
    return " AND ".join(f'"{t}"*' for t in _TOKEN.findall(text.lower()))


# Each order matches one ix_permohonan_reg_* index (deleted, column[, tanggal_diterima, nomor]) whose
# implicit trailing rowid is the final tie-break, so sorting is an index walk, not a temp b-tree.
PERMOHONAN_SORT: dict[str, str] = {
    "nomor": "p.tanggal_diterima {d}, p.nomor {d}, p.rowid {d}",
    "tanggal_diterima": "p.tanggal_diterima {d}, p.nomor {d}, p.rowid {d}",
    "nama": "p.nama {d}, p.rowid {d}",
    "saluran": "p.saluran {d}, p.tanggal_diterima {d}, p.nomor {d}, p.rowid {d}",
    "opd": "p.tanggal_diterima {d}, p.nomor {d}, p.rowid {d}",  # within one OPD (see PermohonanSource.sql_ids)
    "rincian": "p.rincian {d}, p.rowid {d}",
    "status": "p.status {d}, p.tanggal_diterima {d}, p.nomor {d}, p.rowid {d}",
    "tenggat_efektif": "p.tenggat_efektif {d}, p.rowid {d}",
    "keputusan": "p.keputusan {d}, p.tanggal_diterima {d}, p.nomor {d}, p.rowid {d}",
}

_PERMOHONAN_COLS = (
    "p.rowid, p.id, p.nomor, p.tanggal_diterima, p.nama, p.saluran, o.singkatan, o.nama, "
    "substr(p.rincian, 1, 160), p.status, p.tenggat, p.tenggat_perpanjangan, p.tenggat_efektif, p.keputusan, "
    "p.tanggal_pemberitahuan, p.hk_pemberitahuan, p.jenis_pemohon, p.nik_mask, p.pekerjaan, p.alamat, "
    "p.telepon, p.email, p.tujuan, p.pasal17, p.biaya_total, p.opd_id, " + RU.SQL_DIJAWAB_TERLAMBAT
)
_PERMOHONAN_KEYS = (
    "rowid", "id", "nomor", "tanggal_diterima", "nama", "saluran", "opd", "opd_nama", "rincian", "status",
    "tenggat", "tenggat_perpanjangan", "tenggat_efektif", "keputusan", "tanggal_pemberitahuan",
    "hk_pemberitahuan", "jenis_pemohon", "nik", "pekerjaan", "alamat", "telepon", "email", "tujuan",
    "pasal17", "biaya_total", "opd_id", "dijawab_terlambat",
)


def raw_connection(session_or_store: Session | Store) -> sqlite3.Connection:
    if isinstance(session_or_store, Store):
        return sqlite3.connect(session_or_store.path, check_same_thread=False)
    return session_or_store.connection().connection.driver_connection  # type: ignore[return-value]


@dataclass
class PermohonanSource:
    """Ordered ids + page fetch over the permohonan register (used by the lazy Qt model)."""

    conn: sqlite3.Connection
    filter: RegisterFilter = field(default_factory=RegisterFilter)
    sort: str = "tanggal_diterima"
    desc: bool = True

    def sql_ids(self) -> tuple[str, list[Any]]:
        where, params = where_permohonan(self.filter)
        d = "DESC" if self.desc else "ASC"
        order = PERMOHONAN_SORT.get(self.sort, PERMOHONAN_SORT["tanggal_diterima"]).format(d=d)
        if self.sort == "opd" and not self.filter.opd_id:
            return self._sql_ids_per_opd(where, params, order)
        f = self.filter
        if (f.status or f.opd_id or f.saluran or f.keputusan or f.terlambat or f.dijawab_terlambat or f.cari.strip()) and \
                self.sort not in ("nomor", "tanggal_diterima", "opd"):
            # A narrow filter: let SQLite use the filter's index and sort the few rows, instead of
            # walking the whole sort index (unary + keeps the ORDER BY term off the index).
            order = "+" + order
        return f"SELECT p.rowid FROM permohonan p WHERE {where} ORDER BY {order}", params

    def _sql_ids_per_opd(self, where: str, params: list[Any], order: str) -> tuple[str, list[Any]]:
        """Sort by OPD abbreviation without sorting 100,000 joined rows: one index walk per OPD (ordered
        by abbreviation, requests without an OPD first when ascending), concatenated with UNION ALL."""
        opds = [r[0] for r in self.conn.execute(
            "SELECT id FROM perangkat_daerah ORDER BY singkatan IS NULL, singkatan, nama, id")]
        groups: list[tuple[str, list[Any]]] = [("p.opd_id IS NULL", [])]
        groups += [("p.opd_id = ?", [o]) for o in opds]
        if self.desc:
            groups.reverse()
        parts, all_params = [], []
        for cond, extra in groups:
            parts.append(f"SELECT * FROM (SELECT p.rowid FROM permohonan p WHERE {where} AND {cond} ORDER BY {order})")
            all_params += [*params, *extra]
        return " UNION ALL ".join(parts), all_params

    def ids(self) -> list[int]:
        sql, params = self.sql_ids()
        return [r[0] for r in self.conn.execute(sql, params)]

    def count(self) -> int:
        where, params = where_permohonan(self.filter)
        return int(self.conn.execute(f"SELECT count(*) FROM permohonan p WHERE {where}", params).fetchone()[0])

    def rows(self, rowids: Sequence[int]) -> dict[int, dict[str, Any]]:
        if not rowids:
            return {}
        sql = (f"SELECT {_PERMOHONAN_COLS} FROM permohonan p LEFT JOIN perangkat_daerah o ON o.id = p.opd_id "
               f"WHERE p.rowid IN ({','.join('?' * len(rowids))})")
        today = (self.filter.hari_ini or date.today()).isoformat()
        out = {}
        for r in self.conn.execute(sql, list(rowids)):
            row = dict(zip(_PERMOHONAN_KEYS, r, strict=True))
            row["terlambat"] = row["status"] in RU.STATUS_TERBUKA and row["tenggat_efektif"] < today
            row["dijawab_terlambat"] = bool(row["dijawab_terlambat"])
            out[row["rowid"]] = row
        return out


# ------------------------------------------------------------------ keberatan
def where_keberatan(f: RegisterFilter) -> tuple[str, list[Any]]:
    parts = ["k.deleted = 0"]
    params: list[Any] = []
    if f.status:
        parts.append(f"k.status IN ({','.join('?' * len(f.status))})")
        params += list(f.status)
    if f.opd_id:
        parts.append("p.opd_id = ?")
        params.append(f.opd_id)
    if f.dari:
        parts.append("k.tanggal_diterima >= ?")
        params.append(f.dari.isoformat())
    if f.sampai:
        parts.append("k.tanggal_diterima <= ?")
        params.append(f.sampai.isoformat())
    if f.terlambat:
        parts.append("k.status = ? AND k.tenggat_jawaban < ?")
        params += [RU.K_DITERIMA, (f.hari_ini or date.today()).isoformat()]
    text = f.cari.strip()
    if text:
        like = _like(text)
        parts.append("(k.nomor LIKE ? ESCAPE '\\' OR k.nama LIKE ? ESCAPE '\\' OR p.nomor LIKE ? ESCAPE '\\' "
                     "OR k.kasus_posisi LIKE ? ESCAPE '\\')")
        params += [like] * 4
    return " AND ".join(parts), params


KEBERATAN_SORT: dict[str, str] = {
    "nomor": "k.tanggal_diterima {d}, k.nomor {d}",
    "tanggal_diterima": "k.tanggal_diterima {d}",
    "nama": "k.nama {d}",
    "permohonan": "p.nomor {d}",
    "alasan": "k.alasan {d}",
    "status": "k.status {d}",
    "tenggat_jawaban": "k.tenggat_jawaban {d}",
    "putusan": "k.putusan {d}",
}
_KEBERATAN_KEYS = (
    "rowid", "id", "nomor", "tanggal_diterima", "nama", "permohonan", "permohonan_id", "rincian", "tujuan",
    "alasan", "status", "tenggat_jawaban", "putusan", "tanggal_tanggapan", "atasan_nama", "atasan_jabatan",
    "tanggapan_pemohon", "terlambat_diajukan", "opd",
)


@dataclass
class KeberatanSource:
    conn: sqlite3.Connection
    filter: RegisterFilter = field(default_factory=RegisterFilter)
    sort: str = "tanggal_diterima"
    desc: bool = True

    def ids(self) -> list[int]:
        where, params = where_keberatan(self.filter)
        d = "DESC" if self.desc else "ASC"
        order = KEBERATAN_SORT.get(self.sort, KEBERATAN_SORT["tanggal_diterima"]).format(d=d)
        sql = f"SELECT k.rowid FROM keberatan k JOIN permohonan p ON p.id = k.permohonan_id WHERE {where} ORDER BY {order}, k.rowid {d}"
        return [r[0] for r in self.conn.execute(sql, params)]

    def rows(self, rowids: Sequence[int]) -> dict[int, dict[str, Any]]:
        if not rowids:
            return {}
        sql = ("SELECT k.rowid, k.id, k.nomor, k.tanggal_diterima, k.nama, p.nomor, p.id, substr(p.rincian, 1, 160), "
               "p.tujuan, k.alasan, k.status, k.tenggat_jawaban, k.putusan, k.tanggal_tanggapan, k.atasan_nama, "
               "k.atasan_jabatan, k.tanggapan_pemohon, k.terlambat_diajukan, o.singkatan "
               "FROM keberatan k JOIN permohonan p ON p.id = k.permohonan_id "
               "LEFT JOIN perangkat_daerah o ON o.id = p.opd_id "
               f"WHERE k.rowid IN ({','.join('?' * len(rowids))})")
        today = (self.filter.hari_ini or date.today()).isoformat()
        out = {}
        for r in self.conn.execute(sql, list(rowids)):
            row = dict(zip(_KEBERATAN_KEYS, r, strict=True))
            row["terlambat"] = row["status"] == RU.K_DITERIMA and row["tenggat_jawaban"] < today
            out[row["rowid"]] = row
        return out


# ------------------------------------------------------------------ plain-dict export
def _iter_source(src: Any, batch: int = 500) -> Iterator[dict[str, Any]]:
    ids = src.ids()
    for i in range(0, len(ids), batch):
        chunk = ids[i:i + batch]
        got = src.rows(chunk)
        for rid in chunk:
            yield got[rid]


def register_rows(session: Session, filter: RegisterFilter | None = None, sort: str = "tanggal_diterima",
                  desc: bool = False) -> Iterator[dict[str, Any]]:
    """Permohonan register rows as plain dicts (dates ISO strings, NIK masked, labels added)."""
    src = PermohonanSource(raw_connection(session), filter or RegisterFilter(), sort, desc)
    for row in _iter_source(src):
        row = dict(row)
        row.pop("rowid", None)
        row["saluran_label"] = RU.label(RU.SALURAN, row["saluran"])
        row["status_label"] = RU.label(RU.STATUS, row["status"])
        row["keputusan_label"] = RU.label(RU.KEPUTUSAN, row["keputusan"]) if row["keputusan"] else ""
        row["jenis_pemohon_label"] = RU.label(RU.JENIS_PEMOHON, row["jenis_pemohon"])
        yield row


def keberatan_rows(session: Session, filter: RegisterFilter | None = None, sort: str = "tanggal_diterima",
                   desc: bool = False) -> Iterator[dict[str, Any]]:
    src = KeberatanSource(raw_connection(session), filter or RegisterFilter(), sort, desc)
    for row in _iter_source(src):
        row = dict(row)
        row.pop("rowid", None)
        row["status_label"] = RU.label(RU.STATUS_KEBERATAN, row["status"])
        row["putusan_label"] = RU.label(RU.PUTUSAN_KEBERATAN, row["putusan"]) if row["putusan"] else ""
        row["terlambat_diajukan"] = bool(row["terlambat_diajukan"])
        yield row
