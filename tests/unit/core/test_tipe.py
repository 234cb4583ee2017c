"""The compact column types (``core.tipe``): every value reads back exactly as it went in, stored small,
through the real ORM on a real SQLite file; values of an older release (text) still read."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import select

from ppid_desktop.core import tipe
from ppid_desktop.core.actor import system_actor
from ppid_desktop.core.db import Store
from ppid_desktop.layanan.models import RiwayatLayanan
from ppid_desktop.schema import metadata

NAIVE = st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 12, 31))


@given(NAIVE)
def test_waktu_round_trip_is_exact(dt: datetime) -> None:
    stored = tipe.waktu_ke_db(dt)
    assert isinstance(stored, int)
    back = tipe.waktu_dari_db(stored)
    assert back == dt.replace(tzinfo=UTC) and back is not None and back.tzinfo is UTC  # aware UTC, as before
    assert tipe.waktu_ke_db(dt.replace(tzinfo=UTC)) == stored  # a naive value is taken as UTC
    # what SQLModel's UTCDateTime wrote before (UTC text without an offset) reads to the same value
    assert tipe.waktu_dari_db(dt.strftime("%Y-%m-%d %H:%M:%S.%f")) == back
    assert tipe.waktu_ke_db(dt.strftime("%Y-%m-%d %H:%M:%S.%f")) == stored


@given(NAIVE, NAIVE)
def test_waktu_integers_sort_like_the_text_did(a: datetime, b: datetime) -> None:
    ta, tb = (x.strftime("%Y-%m-%d %H:%M:%S.%f") for x in (a, b))  # the text UTCDateTime wrote
    ia, ib = tipe.waktu_ke_db(a), tipe.waktu_ke_db(b)
    assert ia is not None and ib is not None
    assert (ia < ib) == (ta < tb) and (ia == ib) == (ta == tb)


def test_waktu_converts_an_aware_value_to_utc_like_utcdatetime_did() -> None:
    aware = datetime(2026, 12, 1, 6, 53, 45, 716395, tzinfo=timezone(timedelta(hours=7)))
    assert tipe.waktu_dari_db(tipe.waktu_ke_db(aware)) == datetime(2026, 11, 30, 23, 53, 45, 716395, tzinfo=UTC)
    assert tipe.waktu_dari_db(tipe.waktu_ke_db(datetime(2026, 1, 1, tzinfo=UTC))) == datetime(2026, 1, 1, tzinfo=UTC)
    assert tipe.waktu_dari_db("2026-01-02T10:04:05+07:00") == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert tipe.waktu_ke_db(None) is None and tipe.waktu_dari_db(None) is None


@given(st.uuids())
def test_uuid16_round_trip(u: uuid.UUID) -> None:
    stored = tipe.uuid_ke_db(str(u))
    assert stored == u.bytes and len(stored) == 16
    assert tipe.uuid_dari_db(stored) == str(u)


@given(st.text(max_size=70))
def test_uuid16_any_other_text_is_kept_as_text(s: str) -> None:
    stored = tipe.uuid_ke_db(s)
    assert tipe.uuid_dari_db(stored) == s
    upper = str(uuid.uuid4()).upper()
    assert tipe.uuid_ke_db(upper) == upper  # not canonical: stored as it is, read back as it is


@given(st.binary(max_size=64))
def test_hex_and_base64_round_trip(raw: bytes) -> None:
    import base64

    h = raw.hex()
    assert tipe.hex_dari_db(tipe.hex_ke_db(h)) == h
    b = base64.urlsafe_b64encode(raw).decode()
    stored = tipe.b64_ke_db(b)
    assert tipe.b64_dari_db(stored) == b
    if raw:
        assert stored == raw


@given(st.text(max_size=80))
def test_hex_and_base64_keep_any_other_text(s: str) -> None:
    assert tipe.hex_dari_db(tipe.hex_ke_db(s)) == s
    assert tipe.b64_dari_db(tipe.b64_ke_db(s)) == s


@given(st.text(max_size=400), st.sampled_from(sorted(tipe.KAMUS)))
def test_ringkas_round_trip_and_never_longer(s: str, kamus: int) -> None:
    stored = tipe.ringkas_ke_db(s, kamus)
    assert tipe.ringkas_dari_db(stored) == s
    size = len(stored) if isinstance(stored, bytes) else len(s.encode())
    assert size <= len(s.encode())


def test_ringkas_shrinks_what_the_service_writes() -> None:
    note = "Permohonan dicatat melalui Langsung (meja layanan)"
    stored = tipe.ringkas_ke_db(note, 2)
    assert isinstance(stored, bytes) and len(stored) <= 8
    rincian = ('{"k":2,"p":{"x":[["2025-12-25","Libur nasional: Hari Raya Natal"],'
               '["2025-12-26","Cuti bersama: Cuti Bersama Hari Raya Natal"]]}}')
    packed = tipe.ringkas_ke_db(rincian, 1)
    assert isinstance(packed, bytes) and len(packed) < len(rincian) // 3
    assert tipe.ringkas_dari_db(packed) == rincian


def test_orm_reads_text_and_stores_compact(tmp_path: Path) -> None:
    db = tmp_path / "t.sqlite"
    store = Store.open(db, metadata)
    try:
        pid = str(uuid.uuid4())
        with store.session(system_actor(device_id=str(uuid.uuid4()))) as s:
            ev = RiwayatLayanan(objek="permohonan", objek_id=pid, aksi="dicatat", catatan="Dikabulkan seluruhnya")
            s.add(ev)
            s.flush()
            rid = ev.id
        with store.read() as s:
            got = s.exec(select(RiwayatLayanan).where(RiwayatLayanan.objek_id == pid)).one()
            assert (got.id, got.objek_id, got.catatan) == (rid, pid, "Dikabulkan seluruhnya")
            assert isinstance(got.created_at, datetime) and got.created_at.tzinfo is UTC
            assert abs(got.created_at - datetime.now(UTC)) < timedelta(minutes=5)
            assert s.get(RiwayatLayanan, rid) is not None
    finally:
        store.close()
    con = sqlite3.connect(db)
    try:
        row = con.execute("SELECT typeof(id), typeof(objek_id), typeof(created_at), typeof(updated_at), "
                          "typeof(device_id), length(id), typeof(catatan) FROM riwayat_layanan").fetchone()
        assert row == ("blob", "blob", "integer", "integer", "blob", 16, "blob")
        assert con.execute("PRAGMA page_size").fetchone()[0] == 16384  # a new plaintext file
    finally:
        con.close()


@given(st.uuids())
def test_sql_uuid_teks_gives_the_text_the_orm_reads(u: uuid.UUID) -> None:
    con = sqlite3.connect(":memory:")
    try:
        expr = tipe.sql_uuid_teks(":v")
        assert con.execute(f"SELECT {expr}", {"v": tipe.uuid_ke_db(str(u))}).fetchone()[0] == str(u)
        assert con.execute(f"SELECT {expr}", {"v": "bukan-uuid"}).fetchone()[0] == "bukan-uuid"
    finally:
        con.close()
