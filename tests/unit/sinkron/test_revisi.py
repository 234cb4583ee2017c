"""Session revisions across laptops. A revision copies the answers through a bulk path (random ids for the
copies); the copies of one revision made on two laptops are one natural thing each (session + question),
mapped onto one id on import. A revision made on one laptop and answered on others converges, and so do
two laptops making the same revision independently."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import text

from tests.unit.sinkron.tim import Dasar, Pos, Replika


def _dump(r: Replika) -> str:
    return json.dumps(r.s.dump(stempel=False), sort_keys=True, default=str)


def _jawaban(r: Replika, sesi_id: str) -> dict[str, Any]:
    return {k: (j.nilai, j.catatan) for k, j in r.svc.monev.muat_sesi(sesi_id).jawaban.items()}


def _satu_per_kunci(r: Replika) -> None:
    with r.svc.store.engine.connect() as conn:
        twice = conn.execute(text(
            "SELECT sesi_id, pertanyaan, count(*) FROM monev_jawaban WHERE deleted = 0 "
            "GROUP BY sesi_id, pertanyaan HAVING count(*) > 1")).all()
        sesi = conn.execute(text("SELECT jadwal_id, revisi, count(*) FROM monev_sesi WHERE deleted = 0 "
                                 "GROUP BY jadwal_id, revisi HAVING count(*) > 1")).all()
    assert twice == [] and sesi == []


def test_a_revision_made_on_one_laptop_and_answered_on_others_converges(
        tim: list[Replika], dasar: Dasar, tmp_path: Path) -> None:
    a, b, c = tim
    pos = Pos(tmp_path)
    q = dasar.pertanyaan
    se = a.svc.monev.mulai_sesi(a.actor, dasar.jadwal_ids[0])
    for kode in q:
        a.svc.monev.catat(a.actor, se.id, kode, f"awal {kode}")
    a.svc.monev.finalisasi(a.actor, se.id, paksa=True)
    pos.tukar(*tim, putaran=1)
    rev2 = a.svc.monev.revisi(a.actor, se.id, "koreksi catatan")
    pos.kirim(a, b)
    pos.kirim(a, c)
    assert b.svc.monev.ambil_sesi(rev2.id).revisi == 2
    # Answered on two other laptops, and on the one that made it, before anyone exchanges again.
    b.svc.monev.catat(b.actor, rev2.id, q[1], "dari B")
    c.svc.monev.catat(c.actor, rev2.id, q[2], "dari C")
    a.svc.monev.catat(a.actor, rev2.id, q[3], "dari A")
    pos.tukar(*tim)
    for r in tim:
        got = _jawaban(r, rev2.id)
        assert [got[k][1] for k in q] == [f"awal {q[0]}", "dari B", "dari C", "dari A"]
        assert _jawaban(r, se.id)[q[1]][1] == f"awal {q[1]}"  # the replaced revision keeps its history
        assert r.svc.monev.ambil_sesi(se.id).status == "diganti"
        _satu_per_kunci(r)
        assert r.s.konflik() == []
    assert _dump(a) == _dump(b) == _dump(c)


def test_the_same_revision_made_on_two_laptops_is_one_revision(
        tim: list[Replika], dasar: Dasar, tmp_path: Path) -> None:
    a, b, c = tim
    pos = Pos(tmp_path)
    q = dasar.pertanyaan
    se = a.svc.monev.mulai_sesi(a.actor, dasar.jadwal_ids[1])
    for kode in q:
        a.svc.monev.catat(a.actor, se.id, kode, f"awal {kode}")
    a.svc.monev.finalisasi(a.actor, se.id, paksa=True)
    pos.tukar(*tim, putaran=1)
    ra = a.svc.monev.revisi(a.actor, se.id, "koreksi di kantor")
    rb = b.svc.monev.revisi(b.actor, se.id, "koreksi di lapangan")
    assert ra.id == rb.id  # one natural thing (schedule, revision 2), one id on every laptop
    a.svc.monev.catat(a.actor, ra.id, q[0], "A di revisi 2")
    b.svc.monev.catat(b.actor, rb.id, q[1], "B di revisi 2")
    pos.tukar(*tim)
    # Answered again after the copies met: the write lands on the one mapped record everywhere.
    c.svc.monev.catat(c.actor, ra.id, q[2], "C sesudah bertemu")
    pos.tukar(*tim)
    for r in tim:
        got = _jawaban(r, ra.id)
        assert [got[k][1] for k in q] == ["A di revisi 2", "B di revisi 2", "C sesudah bertemu", f"awal {q[3]}"]
        _satu_per_kunci(r)
    assert _dump(a) == _dump(b) == _dump(c)
    # The two laptops wrote the revision reason concurrently: kept as a conflict, the same everywhere.
    ids = [sorted(k["id"] for k in r.s.konflik()) for r in tim]
    assert ids[0] == ids[1] == ids[2]
