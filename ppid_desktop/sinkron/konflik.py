"""Conflicts of a sync merge: list them, resolve one, and count them per record for the other rooms' badges.

``KonflikSinkron`` is the conflict half of ``SinkronService`` (which inherits it): the merge in
``sinkron.gabung`` records a conflict row (``sinkron_konflik``) when two laptops wrote the same field group;
here a user picks a side (or types a value) and the resolution is written as a fresh write of the group
that has seen both sides, so it wins wherever it travels.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select, text
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from ppid_desktop.core.actor import Actor
from ppid_desktop.core.db import Store
from ppid_desktop.core.errors import UserError
from ppid_desktop.sinkron import identitas as ID  # noqa: N812
from ppid_desktop.sinkron.rekam import groups_of, ser, table_of, travelling
from ppid_desktop.sinkron.spesifikasi import SESI_ANAK


def potong(ids: list[str], n: int = 500) -> Iterator[list[str]]:
    for i in range(0, len(ids), n):
        yield ids[i:i + n]


class KonflikSinkron:
    """Conflict listing and resolution; needs ``store``, ``replika`` and ``_who`` from ``SinkronService``."""

    store: Store

    @property
    def replika(self) -> str:
        raise NotImplementedError

    def _who(self, actor: Actor) -> str:
        raise NotImplementedError

    def jumlah_konflik(self) -> int:
        """Open conflicts (Beranda's count: ``sinkron.ringkasan.jumlah_konflik``, the light start path's SQL)."""
        from ppid_desktop.sinkron.ringkasan import jumlah_konflik

        with self.store.raw() as conn:
            return jumlah_konflik(conn)

    def konflik(self, semua: bool = False) -> list[dict[str, Any]]:
        specs = travelling()
        with self.store.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(text(
                "SELECT * FROM sinkron_konflik WHERE deleted = 0" + ("" if semua else " AND selesai = 0") +
                " ORDER BY created_at")).mappings()]
            out = []
            for r in rows:
                spec = specs.get(r["tabel"])
                label = ""
                if spec is not None:
                    t = table_of(r["tabel"])
                    rec = conn.execute(select(t).where(t.c.id == r["rec_id"])).mappings().first()
                    if rec is not None:
                        label = next((str(rec[c]) for c in spec.label if c in rec and rec[c]), "")
                kalah, menang = json.loads(r["kalah"]), json.loads(r["menang"])
                out.append({
                    "id": r["id"], "entitas": r["tabel"], "rec_id": r["rec_id"], "label": label[:200],
                    "grup": r["grup"], "jenis": r["jenis"], "selesai": bool(r["selesai"]),
                    "menang": {"nilai": json.loads(r["nilai_menang"]), "replika": menang[0] if menang else "",
                               "penulis": menang[3] if len(menang) > 3 else "",
                               "waktu": _hlc_iso(menang[2]) if len(menang) > 2 else ""},
                    "kalah": {"nilai": json.loads(r["nilai_kalah"]), "replika": kalah[0] if kalah else "",
                              "penulis": kalah[3] if len(kalah) > 3 else "",
                              "waktu": _hlc_iso(kalah[2]) if len(kalah) > 2 else ""},
                })
            return out

    def selesaikan(self, actor: Actor, konflik_id: str, pakai: str, nilai: dict[str, Any] | None = None) -> None:
        """Resolve: a new write of the group that has seen both sides (travels and clears the conflict
        everywhere). ``pakai``: ``milik-saya`` (the value on this laptop now), ``milik-mereka`` (the other
        value) or ``ubah`` (``nilai`` given by the user)."""
        if pakai not in ("milik-saya", "milik-mereka", "ubah"):
            raise UserError("Pilihan penyelesaian: milik-saya, milik-mereka atau ubah.")
        who = self._who(actor)
        found = [k for k in self.konflik(semua=True) if k["id"] == konflik_id or k["id"].startswith(konflik_id)]
        if len(found) != 1:
            raise UserError(f"Konflik '{konflik_id}' tidak ditemukan.")
        k = found[0]
        if k["selesai"]:
            raise UserError("Konflik ini sudah diselesaikan.")
        tabel, rid, grup = k["entitas"], k["rec_id"], k["grup"]
        t = table_of(tabel)
        with self.store.session(actor) as s:
            conn = s.connection()
            cur = conn.execute(select(t).where(t.c.id == rid)).mappings().first()
            if k["jenis"] == "nomor_ganda":
                values: dict[str, Any] = {}
            elif pakai == "ubah":
                values = dict(nilai or {})
            else:
                mine = {c: ser(cur[c]) for c in k["menang"]["nilai"]} if cur is not None else k["menang"]["nilai"]
                other = k["kalah"]["nilai"] if mine == k["menang"]["nilai"] else k["menang"]["nilai"]
                values = mine if pakai == "milik-saya" else other
            if cur is not None and values:
                cols = groups_of(tabel).get(grup, ()) if grup in groups_of(tabel) else tuple(values)
                values = {c: v for c, v in values.items() if c in cols or c == "deleted"}
                model = _model(tabel)
                obj = s.get(model, rid)
                if obj is None:
                    raise UserError("Rekaman konflik tidak ditemukan.")
                for c, v in values.items():
                    setattr(obj, c, _deser_attr(t, c, v))
                s.add(obj)
                s.flush()
                self._paksa_dot(conn, tabel, rid, grup if grup in groups_of(tabel) else None, who)
            from ppid_desktop.sinkron.models import Konflik

            row = s.get(Konflik, k["id"])
            assert row is not None
            row.selesai = True
            row.selesai_oleh = who[:200]
            s.add(row)

    def _paksa_dot(self, conn: Connection, tabel: str, rid: str, grup: str | None, who: str) -> None:
        """Give the resolved group a fresh write of this replica even when its value did not change, so the
        resolution has seen both sides and wins wherever it travels."""
        m = conn.execute(text("SELECT vv, grup FROM sinkron_meta WHERE tabel = :t AND rec_id = :i"),
                         {"t": tabel, "i": rid}).first()
        if m is None:
            return
        vv, gd = json.loads(m[0]), json.loads(m[1])
        counter = ID.next_counter(conn)
        hlc = ID.tick(conn)
        vv[self.replika] = counter
        for g in ([grup] if grup else ["hapus"]):
            if g in gd:
                gd[g] = [self.replika, counter, hlc, who, gd[g][4], 1]  # a resolution knows of any lock
        conn.execute(text("UPDATE sinkron_meta SET vv = :vv, grup = :g, seq = :s WHERE tabel = :t AND rec_id = :i"),
                     {"vv": json.dumps(vv, sort_keys=True), "g": json.dumps(gd, sort_keys=True),
                      "s": ID.next_counter(conn, "seq"), "t": tabel, "i": rid})

    # ------------------------------------------------------------ badges for the other rooms' screens
    def konflik_untuk(self, entitas: str, ids: Iterable[str] | None = None) -> dict[str, int]:
        """Open conflicts per record of ``entitas`` (only records that have some), for a badge on the row.

        ``permohonan``, ``keberatan``, ``surat_keluar`` …: conflicts on the record itself (a duplicate
        number marks both records). ``monev_sesi``: those of the session and of its answers, evidence,
        respondents and sanggah. ``monev_jadwal``: those of its sessions, the same way."""
        wanted = set(ids) if ids is not None else None
        out: dict[str, int] = {}
        for _kid, key in self._konflik_per(entitas):
            if wanted is None or key in wanted:
                out[key] = out.get(key, 0) + 1
        return out

    def konflik_dari(self, entitas: str, rec_id: str) -> set[str]:
        """The ids of the open conflicts ``konflik_untuk`` counts for one record (the resolution screen
        opened from a badge shows just these)."""
        return {kid for kid, key in self._konflik_per(entitas) if key == rec_id}

    def _konflik_per(self, entitas: str) -> list[tuple[str, str]]:
        sesi_level = entitas in ("monev_sesi", "monev_jadwal")
        tabel = ("monev_sesi", *SESI_ANAK) if sesi_level else (entitas,)
        pairs: list[tuple[str, str, str]] = []  # (conflict id, table, record id)
        with self.store.engine.connect() as conn:
            rows = conn.execute(text(
                "SELECT id, tabel, rec_id, jenis, nilai_kalah FROM sinkron_konflik WHERE deleted = 0 AND selesai = 0 "
                "AND tabel IN :t").bindparams(bindparam("t", expanding=True)), {"t": list(tabel)}).all()
            for kid, t, rid, jenis, kalah in rows:
                rids = [str(rid)]
                if jenis == "nomor_ganda":  # both records hold the number
                    with contextlib.suppress(ValueError, AttributeError):
                        rids += [str(x) for x in json.loads(kalah).get("id", [])]
                pairs += [(str(kid), str(t), r) for r in rids]
            if not sesi_level:
                return [(kid, r) for kid, _t, r in pairs]
            sesi_of: dict[str, str] = {r: r for _k, t, r in pairs if t == "monev_sesi"}
            for t in SESI_ANAK:
                child = sorted({r for _k, tt, r in pairs if tt == t})
                for chunk in potong(child):
                    sesi_of.update({str(a): str(b) for a, b in conn.execute(
                        text(f"SELECT id, sesi_id FROM {t} WHERE id IN :ids")  # noqa: S608
                        .bindparams(bindparam("ids", expanding=True)), {"ids": chunk})})
            jadwal_of: dict[str, str] = {}
            if entitas == "monev_jadwal":
                for chunk in potong(sorted(set(sesi_of.values()))):
                    jadwal_of.update({str(a): str(b) for a, b in conn.execute(
                        text("SELECT id, jadwal_id FROM monev_sesi WHERE id IN :ids")
                        .bindparams(bindparam("ids", expanding=True)), {"ids": chunk})})
        out: list[tuple[str, str]] = []
        for kid, _t, r in pairs:
            sid = sesi_of.get(r)
            key = jadwal_of.get(sid or "") if entitas == "monev_jadwal" else sid
            if key is not None:
                out.append((kid, key))
        return out


def _hlc_iso(hlc: str) -> str:
    ms, _ = ID.parse_hlc(str(hlc))
    if not ms:
        return ""
    return datetime.fromtimestamp(ms / 1000).astimezone().isoformat(timespec="seconds")


def _model(tabel: str) -> Any:
    for mapper in SQLModel._sa_registry.mappers:
        if getattr(mapper.class_, "__tablename__", None) == tabel:
            return mapper.class_
    raise UserError(f"Tabel {tabel} tidak dikenal.")


def _deser_attr(t: Any, col: str, value: Any) -> Any:
    from ppid_desktop.sinkron.rekam import deser

    return deser(t.c[col], value)
