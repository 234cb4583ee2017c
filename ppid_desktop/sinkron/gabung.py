"""Merging a verified package into this database, record by record and field group by field group.

For one record, with ``L`` the local state and ``R`` the incoming one (each a version vector and per
group the dot of its last write):

- ``R`` seen by ``L`` (vv(R) <= vv(L)): nothing to do (``sama``).
- ``L`` seen by ``R``: ``R`` replaces ``L`` (``diperbarui``).
- otherwise, per group: a dot the other side has seen loses; two unseen dots are concurrent writes to
  the same group: the provisional winner is the greater (HLC, replica, counter), the same on every
  laptop, and the loser is kept in ``sinkron_konflik`` (unless both wrote the same value). An unseen
  delete on one side and unseen edits on the other are a ``hapus`` conflict.
- monev answers of a finalised session: an unseen answer written elsewhere does not change the locked
  value; it is kept as a ``terkunci`` conflict and this laptop re-asserts the locked value with a
  write that has seen it, so every laptop converges on the locked value.

Rows are written with SQLAlchemy Core statements, so the unit of work does not re-stamp them: they
keep their origin's author, device and times. Derived fields are recomputed, official numbers are
checked for duplicates (``nomor_ganda``) and the number counters move past every number received.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, bindparam, insert, select, text, update
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from ppid_desktop.core.db import head_revision
from ppid_desktop.core.errors import UserError
from ppid_desktop.sinkron import identitas as ID
from ppid_desktop.sinkron import transformasi
from ppid_desktop.sinkron.paket import Paket
from ppid_desktop.sinkron.rekam import capture, deser, group_hash, groups_of, ser, table_of, travelling
from ppid_desktop.sinkron.spesifikasi import HAPUS, STEMPEL, Tabel

Dot = list[Any]
KINDS = ("baru", "diperbarui", "sama", "konflik")
_LOCKED_GROUPS = ("nilai", "catatan")
_NOMOR_SERI = {("permohonan", "nomor"): "permohonan", ("keberatan", "nomor"): "keberatan",
               ("monev_sesi", "ba_nomor"): "berita_acara"}


@dataclass
class Hasil:
    jumlah: dict[str, dict[str, int]] = field(default_factory=dict)
    konflik_baru: int = 0

    def add(self, tabel: str, kind: str, n: int = 1) -> None:
        row = self.jumlah.setdefault(tabel, dict.fromkeys(KINDS, 0))
        row[kind] += n

    def total(self) -> dict[str, int]:
        out = dict.fromkeys(KINDS, 0)
        for row in self.jumlah.values():
            for k in KINDS:
                out[k] += row[k]
        return out


def seen(dot: Dot | None, vv: dict[str, int]) -> bool:
    return dot is None or int(dot[1]) <= int(vv.get(str(dot[0]), 0))


def vv_leq(a: dict[str, int], b: dict[str, int]) -> bool:
    return all(int(v) <= int(b.get(k, 0)) for k, v in a.items())


def vv_max(a: dict[str, int], b: dict[str, int]) -> dict[str, int]:
    out = dict(a)
    for k, v in b.items():
        out[k] = max(int(v), int(out.get(k, 0)))
    return out


def _order(d: Dot) -> tuple[str, str, int]:
    return (str(d[2]), str(d[0]), int(d[1]))


def _hlc_time(hlc: str) -> datetime:
    ms, _ = ID.parse_hlc(hlc)
    return datetime.fromtimestamp(ms / 1000, UTC)


def urutan_tabel(names: Iterable[str]) -> list[str]:
    """Parents before children (foreign keys); the sync's own tables last."""
    wanted = set(names)
    order = [t.name for t in SQLModel.metadata.sorted_tables if t.name in wanted and not t.name.startswith("sinkron_")]
    return order + [n for n in ("sinkron_serah", "sinkron_konflik") if n in wanted]


class Penggabung:
    def __init__(self, conn: Connection, paket: Paket, replika: str, who: str, *, pratinjau: bool) -> None:
        self.conn = conn
        self.paket = paket
        self.me = replika
        self.who = who
        self.pratinjau = pratinjau
        self.hasil = Hasil()
        self.specs = travelling()
        self.peta: dict[str, dict[str, str]] = {}
        for tabel, asing, lokal in conn.execute(text("SELECT tabel, id_asing, id_lokal FROM sinkron_peta")):
            self.peta.setdefault(tabel, {})[asing] = lokal
        self.tersentuh: dict[str, set[str]] = {}
        # A package from an older schema: its rows pass through the transform of every later migration.
        self.langkah = transformasi.rantai(str(paket.manifest.get("revisi_skema") or "")) \
            if paket.manifest.get("revisi_skema") != head_revision() else []
        self._asing: set[str] = set()
        self._hlc: str | None = None

    # ------------------------------------------------------------ helpers
    def hlc(self) -> str:
        if self._hlc is None:
            self._hlc = ID.tick(self.conn, self.paket.manifest.get("jam"))
        return self._hlc

    def _map(self, tabel: str, rid: Any) -> Any:
        if rid is None:
            return None
        return self.peta.get(tabel, {}).get(str(rid), rid)

    def _fks(self, t: Table) -> dict[str, str]:
        out: dict[str, str] = {}
        for c in t.columns:
            for fk in c.foreign_keys:
                out[c.key] = fk.column.table.name
        return out

    def _translate(self, tabel: str, row: dict[str, Any], fks: dict[str, str]) -> None:
        for col, target in fks.items():
            if col in row:
                row[col] = self._map(target, row[col])
        if "objek_id" in row and "objek" in row:
            row["objek_id"] = self._map(str(row["objek"]), row["objek_id"])
        if tabel == "sinkron_konflik" and "rec_id" in row:
            row["rec_id"] = self._map(str(row.get("tabel")), row["rec_id"])
        if tabel == "sinkron_serah":
            row["id"] = self._map("monev_sesi", row["id"])

    def _natural(self, t: Table, spec: Tabel, row: dict[str, Any]) -> str | None:
        if spec.tunggal:
            got = self.conn.execute(select(t.c.id).where(t.c.deleted == False).limit(1)).first()  # noqa: E712
            return str(got[0]) if got else None
        if not spec.kunci_alami or any(k not in row for k in spec.kunci_alami):
            return None
        cond = [t.c[k] == deser(t.c[k], row[k]) for k in spec.kunci_alami]
        got = self.conn.execute(select(t.c.id).where(t.c.deleted == False, *cond).limit(1)).first()  # noqa: E712
        return str(got[0]) if got else None

    # ------------------------------------------------------------ the merge
    def jalankan(self) -> Hasil:
        for tabel in urutan_tabel(n for n in self.paket.tabel if n in self.specs):
            self._tabel(tabel)
        return self.hasil

    def _tabel(self, tabel: str) -> None:
        t = table_of(tabel)
        spec = self.specs[tabel]
        groups = groups_of(tabel)
        local_cols = {c.key for c in t.columns}
        fks = self._fks(t)
        # Ids the sender knows in this table: a local twin among them is a separate record for the sender
        # too (e.g. deleted and created again), so it is not mapped onto the incoming one.
        self._asing = {str(self._map(tabel, item["id"])) for item in self.paket.baris(tabel)} \
            if (spec.kunci_alami or spec.tunggal) else set()
        batch: list[dict[str, Any]] = []
        for item in self.paket.baris(tabel):
            batch.append(item)
            if len(batch) >= 500:
                self._batch(tabel, t, spec, groups, local_cols, fks, batch)
                batch = []
        if batch:
            self._batch(tabel, t, spec, groups, local_cols, fks, batch)

    def _batch(self, tabel: str, t: Table, spec: Tabel, groups: dict[str, tuple[str, ...]], local_cols: set[str],
               fks: dict[str, str], items: list[dict[str, Any]]) -> None:
        incoming: list[tuple[dict[str, Any], dict[str, int], dict[str, Dot]]] = []
        for item in items:
            raw = dict(item["row"])
            if self.langkah:
                raw = transformasi.naikkan(self.langkah, tabel, raw)
            row = {k: v for k, v in raw.items() if k in local_cols}
            row["id"] = self._map(tabel, item["id"])
            self._translate(tabel, row, fks)
            incoming.append((row, {str(k): int(v) for k, v in item["vv"].items()}, dict(item["grup"])))
        ids = [r[0]["id"] for r in incoming]
        local = {str(r["id"]): dict(r) for r in self.conn.execute(select(t).where(t.c.id.in_(ids))).mappings()}
        metas = {str(r[0]): (json.loads(r[1]), json.loads(r[2])) for r in self.conn.execute(
            text("SELECT rec_id, vv, grup FROM sinkron_meta WHERE tabel = :t AND rec_id IN :ids")
            .bindparams(bindparam("ids", expanding=True)), {"t": tabel, "ids": ids})}
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        meta_rows: list[dict[str, Any]] = []
        for row, ivv, ig in incoming:
            rid = str(row["id"])
            cur = local.get(rid)
            if cur is None and (spec.kunci_alami or spec.tunggal):
                twin = self._natural(t, spec, row)
                if twin is not None and twin != rid and twin not in self._asing:
                    self.conn.execute(text("INSERT OR REPLACE INTO sinkron_peta (tabel, id_asing, id_lokal) "
                                           "VALUES (:t, :a, :l)"), {"t": tabel, "a": rid, "l": twin})
                    self.peta.setdefault(tabel, {})[rid] = twin
                    rid = twin
                    row["id"] = twin
                    cur = dict(self.conn.execute(select(t).where(t.c.id == twin)).mappings().one())
                    tm = self.conn.execute(text("SELECT vv, grup FROM sinkron_meta WHERE tabel = :t AND rec_id = :i"),
                                           {"t": tabel, "i": twin}).first()
                    if tm is not None:
                        metas[twin] = (json.loads(tm[0]), json.loads(tm[1]))
            if cur is None:
                full = self._complete(t, row, groups, ig)
                inserts.append({k: deser(t.c[k], v) for k, v in full.items()})
                meta_rows.append({"t": tabel, "i": rid, "r": int(full.get("rev") or 0),
                                  "vv": json.dumps(ivv, sort_keys=True), "g": json.dumps(ig, sort_keys=True)})
                self.hasil.add(tabel, "baru")
                self.tersentuh.setdefault(tabel, set()).add(rid)
                continue
            lvv, lg = metas.get(rid, ({}, {}))
            result = self._merge(tabel, spec, groups, cur, lvv, lg, row, ivv, ig)
            if result is None:
                self.hasil.add(tabel, "sama")
                continue
            new_row, vv, gd, kind = result
            updates.append({k: deser(t.c[k], v) for k, v in new_row.items() if k in local_cols})
            meta_rows.append({"t": tabel, "i": rid, "r": int(new_row.get("rev") or 0),
                              "vv": json.dumps(vv, sort_keys=True), "g": json.dumps(gd, sort_keys=True)})
            self.hasil.add(tabel, kind)
            self.tersentuh.setdefault(tabel, set()).add(rid)
        if inserts:
            by_cols: dict[tuple[str, ...], list[dict[str, Any]]] = {}
            for r in inserts:
                by_cols.setdefault(tuple(sorted(r)), []).append(r)
            for rows in by_cols.values():
                self.conn.execute(insert(t), rows)
        if updates:
            by_cols = {}
            for r in updates:
                by_cols.setdefault(tuple(sorted(r)), []).append(r)
            for cols, rows in by_cols.items():
                stmt = update(t).where(t.c.id == bindparam("_id")).values(
                    {c: bindparam(f"_{c}") for c in cols if c != "id"})
                self.conn.execute(stmt, [{f"_{k}": v for k, v in r.items()} for r in rows])
        for m in meta_rows:
            m["s"] = ID.next_counter(self.conn, "seq")
        if meta_rows:
            self.conn.execute(text(
                "INSERT INTO sinkron_meta (tabel, rec_id, seq, rev, vv, grup) VALUES (:t, :i, :s, :r, :vv, :g) "
                "ON CONFLICT(tabel, rec_id) DO UPDATE SET seq = excluded.seq, rev = excluded.rev, "
                "vv = excluded.vv, grup = excluded.grup"), meta_rows)

    def _complete(self, t: Table, row: dict[str, Any], groups: dict[str, tuple[str, ...]],
                  ig: dict[str, Dot]) -> dict[str, Any]:
        """An incoming new row, with columns the sender did not send (older schema, personal data) at
        their defaults and a never-winning dot for groups the sender did not send."""
        full = dict(row)
        for c in t.columns:
            if c.key in full:
                continue
            default: Any = c.default
            if default is not None and getattr(default, "is_scalar", False):
                full[c.key] = default.arg
            elif default is not None and getattr(default, "is_callable", False):
                full[c.key] = ser(default.arg(None))
            elif c.nullable:
                full[c.key] = None
        for g, cols in groups.items():
            if g not in ig:
                ig[g] = ["", 0, "", "", group_hash(full, cols)]
        return full

    def _merge(self, tabel: str, spec: Tabel, groups: dict[str, tuple[str, ...]], cur: dict[str, Any],
               lvv: dict[str, int], lg: dict[str, Dot], row: dict[str, Any], ivv: dict[str, int],
               ig: dict[str, Dot]) -> tuple[dict[str, Any], dict[str, int], dict[str, Dot], str] | None:
        if vv_leq(ivv, lvv):
            return None
        cur_ser = {k: ser(v) for k, v in cur.items()}
        new = dict(cur_ser)
        gd = {k: list(v) for k, v in lg.items()}
        vv = vv_max(lvv, ivv)
        conflicts: list[tuple[str, str, Dot, Dot, dict[str, Any], dict[str, Any]]] = []
        took_any = False
        dominated = vv_leq(lvv, ivv)
        locked = self._sesi_locked(str(cur.get("sesi_id"))) if tabel == "monev_jawaban" else None
        union = tabel == "sinkron_konflik"
        lock_groups: list[str] = []
        for g, cols in groups.items():
            dl, dr = lg.get(g), ig.get(g)
            if dr is None or not all(c in row for c in cols):
                continue
            if dl is not None and dl[0] == dr[0] and int(dl[1]) == int(dr[1]):
                continue
            l_seen_r, r_seen_l = seen(dr, lvv), seen(dl, ivv)
            take = False
            if dominated or (r_seen_l and not l_seen_r):
                take = True
            elif l_seen_r and not r_seen_l:
                take = False
            elif g in spec.paling_awal or g in spec.paling_akhir:
                # A time that only ever moves one way (first start, last answer): no conflict.
                lv_, rv_ = cur_ser.get(g), row.get(g)
                if lv_ is None or rv_ is None:
                    take = lv_ is None and rv_ is not None
                else:
                    take = (str(rv_) < str(lv_)) if g in spec.paling_awal else (str(rv_) > str(lv_))
                    take = take or (str(rv_) == str(lv_) and _order(dr) > _order(dl))  # type: ignore[arg-type]
            elif union:
                # A conflict row's content is fixed by its id; ``selesai`` only ever goes to true.
                assert dl is not None
                take = bool(row.get("selesai")) if g == "selesai" and bool(row.get("selesai")) != bool(
                    cur.get("selesai")) else _order(dr) > _order(dl)
            else:
                assert dl is not None
                take = _order(dr) > _order(dl)
                if dl[4] != dr[4] and not (l_seen_r and r_seen_l):
                    win, lose = (dr, dl) if take else (dl, dr)
                    lv = {c: row[c] for c in cols} if not take else {c: cur_ser.get(c) for c in cols}
                    wv = {c: row[c] for c in cols} if take else {c: cur_ser.get(c) for c in cols}
                    conflicts.append((g, "nilai", win, lose, wv, lv))
            if (take and locked is not None and g in _LOCKED_GROUPS and not l_seen_r and dl is not None
                    and dl[4] != dr[4] and str(dr[2]) > locked and len(dr) < 6):
                # A finalised session is locked: the unseen answer is kept as a conflict, the locked value stays.
                conflicts = [c for c in conflicts if c[0] != g]
                conflicts.append((g, "terkunci", dl, dr, {c: cur_ser.get(c) for c in cols}, {c: row[c] for c in cols}))
                lock_groups.append(g)
                continue
            if take:
                for c in cols:
                    new[c] = row[c]
                gd[g] = list(dr)
                took_any = True
        # Edit on one side, delete on the other: never a silent loss.
        if not dominated and not vv_leq(lvv, ivv):
            del_r = bool(row.get("deleted")) and not seen(ig.get(HAPUS), lvv)
            del_l = bool(cur.get("deleted")) and not seen(lg.get(HAPUS), ivv)
            edit_l = any(not seen(d, ivv) for g, d in lg.items() if g != HAPUS)
            edit_r = any(not seen(d, lvv) for g, d in ig.items() if g != HAPUS)
            if (del_r and edit_l) or (del_l and edit_r):
                dh = ig.get(HAPUS) if del_r else lg.get(HAPUS)
                other = max((d for g, d in (lg if del_r else ig).items() if g != HAPUS and
                             not seen(d, ivv if del_r else lvv)), key=_order)
                assert dh is not None
                conflicts.append((HAPUS, "hapus", dh, other, {"deleted": True}, {"deleted": False}))
        # Stamps follow the newest write.
        if _order(max(ig.values(), key=_order)) > _order(max(lg.values(), key=_order) if lg else ["", 0, "", "", ""]):
            for c in ("updated_at", "updated_by", "device_id"):
                if c in row:
                    new[c] = row[c]
        if (str(row.get("created_at") or "~"), str(row.get("created_by") or "")) < (
                str(cur_ser.get("created_at") or "~"), str(cur_ser.get("created_by") or "")):
            new["created_at"], new["created_by"] = row.get("created_at"), row.get("created_by")
        new["rev"] = max(int(cur.get("rev") or 0), int(row.get("rev") or 0))
        if lock_groups:
            counter = ID.next_counter(self.conn)
            vv[self.me] = counter
            for g in lock_groups:
                gd[g] = [self.me, counter, self.hlc(), self.who, group_hash(new, groups[g]), 1]
        for g, jenis, win, lose, wv, lv in conflicts:
            self._konflik(tabel, spec, str(cur["id"]), new, g, jenis, win, lose, wv, lv)
        if not took_any and not lock_groups and vv == lvv:
            return None
        changed = any(new[k] != cur_ser.get(k) for k in new if k != "rev")
        kind = "konflik" if conflicts else "diperbarui" if changed else "sama"
        return new, vv, gd, kind

    def _sesi_locked(self, sesi_id: str) -> str | None:
        """The HLC of the finalisation of ``sesi_id`` when it is finalised here, else None. An answer
        written (HLC) after it cannot have been seen by whoever finalised."""
        row = self.conn.execute(text("SELECT status FROM monev_sesi WHERE id = :i"), {"i": sesi_id}).first()
        if not row or row[0] not in ("final", "diganti"):
            return None
        m = self.conn.execute(text("SELECT grup FROM sinkron_meta WHERE tabel = 'monev_sesi' AND rec_id = :i"),
                              {"i": sesi_id}).first()
        dot = json.loads(m[0]).get("status") if m else None
        return str(dot[2]) if dot else ""

    def _konflik(self, tabel: str, spec: Tabel, rec_id: str, row: dict[str, Any], grup: str, jenis: str,
                 win: Dot, lose: Dot, wv: dict[str, Any], lv: dict[str, Any]) -> None:
        kid = ID.id_alami("sinkron_konflik", tabel, rec_id, grup, jenis, lose[0], lose[1], win[0], win[1])
        self._tulis_konflik(kid, tabel, rec_id, grup, jenis, "", lv, lose, wv, win)

    def _tulis_konflik(self, kid: str, tabel: str, rec_id: str, grup: str, jenis: str, label: str,
                       lv: dict[str, Any], lose: Dot, wv: dict[str, Any], win: Dot) -> None:
        if self.conn.execute(text("SELECT 1 FROM sinkron_konflik WHERE id = :i"), {"i": kid}).first():
            return
        at = _hlc_time(str(lose[2]) or str(win[2]))
        self.conn.execute(insert(table_of("sinkron_konflik")), [{
            "id": kid, "created_at": at, "updated_at": at, "created_by": "sinkron", "updated_by": "sinkron",
            "device_id": "sinkron", "rev": 1, "deleted": False, "tabel": tabel, "rec_id": rec_id, "grup": grup,
            "jenis": jenis, "label": label, "nilai_kalah": json.dumps(lv, sort_keys=True, default=str),
            "kalah": json.dumps(list(lose[:4])), "nilai_menang": json.dumps(wv, sort_keys=True, default=str),
            "menang": json.dumps(list(win[:4])), "selesai": False, "selesai_oleh": ""}])
        capture(self.conn, "sinkron_konflik", [kid], "sinkron", replika=self.me, hlc=self.hlc())
        self.hasil.konflik_baru += 1

    # ------------------------------------------------------------ after the merge
    def sesudah(self) -> None:
        self._jadwal_status()
        self._nomor()

    def _jadwal_status(self) -> None:
        """Derived: a schedule's status follows its current session."""
        sesi = self.tersentuh.get("monev_sesi", set()) | self.tersentuh.get("monev_jadwal", set())
        if not sesi:
            return
        self.conn.execute(text(
            "UPDATE monev_jadwal SET status = CASE "
            " WHEN EXISTS (SELECT 1 FROM monev_sesi s WHERE s.jadwal_id = monev_jadwal.id AND s.deleted = 0 "
            "   AND s.status = 'final' AND s.verifikasi_at IS NOT NULL) THEN 'diverifikasi' "
            " WHEN EXISTS (SELECT 1 FROM monev_sesi s WHERE s.jadwal_id = monev_jadwal.id AND s.deleted = 0 "
            "   AND s.status = 'final') THEN 'difinalkan' "
            " WHEN EXISTS (SELECT 1 FROM monev_sesi s WHERE s.jadwal_id = monev_jadwal.id AND s.deleted = 0 "
            "   AND s.status = 'draf' AND s.selesai_at IS NOT NULL) THEN 'selesai' "
            " WHEN EXISTS (SELECT 1 FROM monev_sesi s WHERE s.jadwal_id = monev_jadwal.id AND s.deleted = 0 "
            "   AND s.status = 'draf') THEN 'berlangsung' "
            " ELSE status END "
            "WHERE EXISTS (SELECT 1 FROM monev_sesi s WHERE s.jadwal_id = monev_jadwal.id)"))

    def _nomor(self) -> None:
        """Official numbers: a number held by two live records is a ``nomor_ganda`` conflict; the local
        counters move past every number received."""
        for tabel, spec in self.specs.items():
            if not spec.nomor or tabel not in self.tersentuh:
                continue
            for col in spec.nomor:
                live = " AND status <> 'diganti'" if tabel == "monev_sesi" else ""  # a revision keeps its BA number
                dup = self.conn.execute(text(
                    f"SELECT {col}, group_concat(id, ',') FROM {tabel} WHERE deleted = 0 AND {col} IS NOT NULL "  # noqa: S608
                    f"AND {col} <> ''{live} GROUP BY {col} HAVING count(*) > 1")).all()
                for nomor, ids in dup:
                    both = sorted(str(ids).split(","))
                    kid = ID.id_alami("sinkron_konflik", tabel, "nomor_ganda", col, nomor, *both)
                    self._tulis_konflik(kid, tabel, both[0], col, "nomor_ganda", str(nomor),
                                        {"id": both[1:], col: nomor}, ["", 0, "", ""], {"id": both[0], col: nomor},
                                        ["", 0, "", ""])
                self._geser_penghitung(tabel, col)

    def _geser_penghitung(self, tabel: str, col: str) -> None:
        ids = sorted(self.tersentuh.get(tabel, set()))
        if not ids:
            return
        jenis_col = "jenis" if tabel == "surat_keluar" else None
        sel = f"SELECT {col}, {jenis_col or repr(_NOMOR_SERI.get((tabel, col), tabel))} FROM {tabel} WHERE id IN :ids"
        rows = self.conn.execute(text(sel).bindparams(bindparam("ids", expanding=True)), {"ids": ids}).all()
        pola: dict[str, str] = dict(self.conn.execute(text("SELECT jenis, pola FROM templat_nomor WHERE deleted = 0")).all())
        for nomor, jenis in rows:
            if not nomor or str(jenis) not in pola:
                continue
            got = _urut_dari(str(pola[str(jenis)]), str(nomor))
            if got is None:
                continue
            urut, tahun = got
            self.conn.execute(text(
                "INSERT INTO nomor_urut (seri, tahun, terakhir) VALUES (:s, :t, :u) "
                "ON CONFLICT(seri, tahun) DO UPDATE SET terakhir = max(terakhir, excluded.terakhir)"),
                {"s": str(jenis), "t": tahun, "u": urut})


def _urut_dari(pola: str, nomor: str) -> tuple[int, int] | None:
    """Read the serial and year back out of a number made from ``pola``."""
    parts = []
    try:
        parsed = list(string.Formatter().parse(pola))
    except ValueError:
        return None
    for literal, name, _spec, _conv in parsed:
        parts.append(re.escape(literal))
        if name == "urut":
            parts.append(r"(?P<urut>\d+)")
        elif name == "tahun":
            parts.append(r"(?P<tahun>\d{4})")
        elif name is not None:
            parts.append(r".*?")
    m = re.fullmatch("".join(parts), nomor)
    if m is None or "tahun" not in m.groupdict():
        return None
    return int(m.group("urut")), int(m.group("tahun"))


def cek_tidak_ada(pesan: str) -> UserError:
    return UserError(pesan)


__all__ = ["KINDS", "STEMPEL", "Hasil", "Penggabung", "seen", "urutan_tabel", "vv_leq", "vv_max"]
