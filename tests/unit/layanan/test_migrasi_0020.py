"""Migration 0020 on the released v0018 database (demo data): every request's deadline explanation is
rewritten relative to its row (form 2) and reads back exactly as before; other rows and text are left."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from ppid_desktop.core import paths
from ppid_desktop.core.db import Store
from ppid_desktop.core.tipe import ringkas_dari_db
from ppid_desktop.layanan import rincian
from ppid_desktop.schema import metadata

V0018 = paths.migrations_dir() / "fixtures" / "v0018.sqlite"
COLS = "id, tenggat_rincian, tanggal_diterima, tenggat, tenggat_perpanjangan, versi_kalender"


def _rows(db: Path) -> dict[str, tuple[str, dict[str, object]]]:
    con = sqlite3.connect(db)
    try:
        # read as the app reads it: 0021 (at head) stores the explanation deflated (core.tipe.Ringkas)
        return {i: (ringkas_dari_db(t), {"tanggal_diterima": d, "tenggat": tg, "tenggat_perpanjangan": tp,
                                         "versi_kalender": v})
                for i, t, d, tg, tp, v in con.execute(f"SELECT {COLS} FROM permohonan")}
    finally:
        con.close()


def test_explanations_become_relative_and_read_back_the_same(tmp_path: Path) -> None:
    db = tmp_path / "v0018.sqlite"
    shutil.copyfile(V0018, db)
    con = sqlite3.connect(db)
    with con:  # one request whose stored text cannot be read, one from the first release (full JSON)
        ids = [r[0] for r in con.execute("SELECT id FROM permohonan ORDER BY id LIMIT 2")]
        con.execute("UPDATE permohonan SET tenggat_rincian = '{rusak' WHERE id = ?", (ids[0],))
        text, d, tg, tp, v = con.execute("SELECT tenggat_rincian, tanggal_diterima, tenggat, tenggat_perpanjangan, "
                                         "versi_kalender FROM permohonan WHERE id = ?", (ids[1],)).fetchone()

        con.execute("UPDATE permohonan SET tenggat_rincian = ? WHERE id = ?", (json.dumps(rincian.unpack(text)), ids[1]))
    con.close()
    before = _rows(db)
    assert len(before) >= 50 and sum(t.startswith('{"k":1') for t, _ in before.values()) >= 48
    store = Store.open(db, metadata)
    store.close()
    after = _rows(db)
    assert after.keys() == before.keys()
    assert after[ids[0]][0] == "{rusak"  # unreadable: left as it was
    for pid, (text, row) in before.items():
        if pid == ids[0]:
            continue
        new = after[pid][0]
        assert new.startswith('{"k":2'), (text, new)
        assert rincian.unpack_row(new, row) == rincian.unpack(text)
        assert len(new) < len(text)
    assert sum(len(t) for t, _ in after.values()) < 0.6 * sum(len(t) for t, _ in before.values())
