"""History rows store their ids as 16 bytes (``core.tipe.Uuid16``, migration 0021): the late capture
(``rekam.scan``) joins them with ``sinkron_meta``'s text ids, records each once under its text id, and
finds nothing left the second time."""

from __future__ import annotations

import uuid
from pathlib import Path

from sqlalchemy import text
from sqlmodel import select

from ppid_desktop.core.db import bulk_insert
from ppid_desktop.core.device import Device
from ppid_desktop.layanan.models import RiwayatLayanan
from ppid_desktop.services import Services
from ppid_desktop.sinkron.rekam import scan


def test_scan_captures_bulk_written_history_once_under_text_ids(tmp_path: Path) -> None:
    svc = Services.open(tmp_path / "a.sqlite", device=Device(id=str(uuid.uuid4()), name="Laptop A"))
    try:
        a = svc.system()
        svc.sinkron.kunci_buat(a)
        pid = str(uuid.uuid4())
        with svc.store.session(a) as s:  # the bulk path: no flush, so nothing captured yet
            bulk_insert(s, RiwayatLayanan, [{"objek": "permohonan", "objek_id": pid, "aksi": "dicatat",
                                             "catatan": "Dikabulkan seluruhnya"} for _ in range(3)], "uji")
        with svc.store.engine.begin() as conn:
            kinds = {r[0] for r in conn.execute(text("SELECT typeof(id) FROM riwayat_layanan"))}
            assert kinds == {"blob"}  # stored as bytes, not the text id
            assert scan(conn) >= 3
            got = {r[0] for r in conn.execute(text("SELECT rec_id FROM sinkron_meta WHERE tabel = 'riwayat_layanan'"))}
            assert scan(conn) == 0  # the join found them all: nothing captured again
        with svc.store.read() as s:
            rows = list(s.exec(select(RiwayatLayanan)))
        assert got == {r.id for r in rows} and all(r.objek_id == pid for r in rows)
    finally:
        svc.close()
