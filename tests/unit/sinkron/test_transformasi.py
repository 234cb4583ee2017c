"""Packages from older schemas: the registry of one transform per migration, and packages made at the
revision of every released fixture in ``db/fixtures`` (the rows as that schema stored them, not upgraded
first) imported at head. What the import makes of them is compared with what the app's own migrations
made of the same fixture: the transforms redo each migration's change on the rows."""

from __future__ import annotations

import json
import shutil
import sqlite3
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from ppid_desktop.core.db import head_revision
from ppid_desktop.core.device import Device
from ppid_desktop.core.errors import UserError
from ppid_desktop.services import Services
from ppid_desktop.sinkron import paket as P
from ppid_desktop.sinkron import transformasi as T
from ppid_desktop.sinkron.gabung import urutan_tabel
from ppid_desktop.sinkron.rekam import group_hash, groups_of
from ppid_desktop.sinkron.spesifikasi import semua_tabel

FIXTURES = sorted((Path(__file__).resolve().parents[3] / "db" / "fixtures").glob("v*.sqlite"))
# The sender of a hand-made old package (never this database).
LAMA = "0ld0ld00-0000-4000-8000-000000000001"
JAM = "01767225600000.00000"  # its clock: 1 January 2026


def buat_paket_lama(db: Path, target: Path, kunci: str) -> tuple[str, dict[str, int]]:
    """A ``semua`` package of ``db`` exactly as its schema stores it (columns and values of that revision),
    signed with ``kunci``; returns (revision, rows per table)."""
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        rev = str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])
        ada = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        tmp = target.with_suffix(".zip")
        w = P.Penulis(tmp)
        info: dict[str, Any] = {}
        jumlah: dict[str, int] = {}
        counter = 0
        for tabel in urutan_tabel(t for t in semua_tabel() if t in ada):
            rows = [dict(r) for r in conn.execute(f"SELECT * FROM {tabel} ORDER BY id")]  # noqa: S608
            if not rows:
                continue
            waktu = [c["name"] for c in conn.execute(f"PRAGMA table_info({tabel})") if c["type"] == "DATETIME"]
            items = []
            for r in rows:
                for c in waktu:  # stored naive in UTC; the app serialises times as ISO with the offset
                    if r[c]:
                        r[c] = datetime.fromisoformat(str(r[c])).replace(tzinfo=UTC).isoformat()
                counter += 1
                dot = [LAMA, counter, JAM, "lama@Laptop Lama"]
                grup = {g: [*dot, group_hash(r, cols)] for g, cols in groups_of(tabel).items()}
                items.append({"id": r["id"], "row": r, "vv": {LAMA: counter}, "grup": grup})
            jumlah[tabel] = w.tulis_baris(f"data/{tabel}.jsonl", iter(items))
            info[tabel] = {"kolom": list(rows[0]), "jumlah": jumlah[tabel]}
        w.tulis_baris("audit.jsonl", iter([]))
        w.tutup({"format": P.FORMAT, "paket_id": str(uuid.uuid4()), "dibuat": "2026-01-01T00:00:00+00:00",
                 "revisi_skema": rev, "replika": LAMA, "perangkat": "Laptop Lama", "pengguna": "lama@Laptop Lama",
                 "jam": JAM, "jenis": "semua", "seq": counter, "counter": counter,
                 "diterima": {}, "data_pribadi": True, "tabel": info, "jumlah": jumlah}, P.parse_kunci(kunci))
        P.selesaikan_berkas(tmp, target, None)
        return rev, jumlah
    finally:
        conn.close()


# ---------------------------------------------------------------- the registry
def test_every_released_migration_has_its_transform_and_the_chain_starts_at_the_foundation() -> None:
    chain = T.rantai_migrasi()
    assert chain[0] == "0001" and chain[-1] == head_revision()
    released = [r for r in chain if r <= "0012"]
    assert released == [f"{i:04d}" for i in range(1, 13)]
    assert set(released) <= set(T.TRANSFORMASI)
    assert set(T.TRANSFORMASI) <= set(chain)  # no transform for a migration that does not exist
    assert T.rantai(head_revision()) == []
    assert [rev for rev, _ in T.rantai("0005")][:4] == ["0006", "0009", "0010", "0011"]


def test_the_sanggah_migration_redone_on_a_row() -> None:
    naik = T.rantai("0005")
    ditolak = T.naikkan(naik, "monev_sanggah", {"nilai_baru": "100", "keputusan": "ditolak"})
    assert (ditolak["nilai_usulan"], ditolak["nilai_baru"]) == ("100", None)
    diterima = T.naikkan(naik, "monev_sanggah", {"nilai_baru": "50", "keputusan": "diterima"})
    assert (diterima["nilai_usulan"], diterima["nilai_baru"]) == ("50", "50")
    assert T.naikkan(naik, "perangkat_daerah", {"kode": "X"})["jenis_unit"] == "perangkat_daerah"
    assert T.naikkan(naik, "permohonan", {"nomor": "1"})["tanpa_nik"] is False


def test_no_path_is_refused_in_indonesian(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(UserError, match="lebih baru"):
        T.rantai("9999")
    with pytest.raises(UserError, match="tidak dikenal"):
        T.rantai("a1b2c3")
    monkeypatch.setitem(T.TRANSFORMASI, "0009", None)
    with pytest.raises(UserError, match="revisi 0009 tidak dapat diterapkan"):
        T.rantai("0007")
    assert T.rantai("0009") is not None  # after that migration the path is open again


# ---------------------------------------------------------------- packages from every fixture
def _baris(svc: Services, tabel: str) -> dict[str, dict[str, Any]]:
    spec = semua_tabel()[tabel]
    skip = {"rev", "updated_at", "updated_by", "device_id", *spec.turunan}
    with svc.store.engine.connect() as conn:
        cur = conn.exec_driver_sql(f"SELECT * FROM {tabel}")  # noqa: S608
        cols = list(cur.keys())
        return {str(r[0]): {c: v for c, v in zip(cols, r, strict=True) if c not in skip} for r in cur}


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_a_package_made_at_every_released_schema_imports_at_head(fixture: Path, tmp_path: Path) -> None:
    head = Services.open(tmp_path / "baru.sqlite", device=Device(id="baru", name="Laptop Baru"))
    try:
        b = head.system()
        kunci = head.sinkron.kunci_buat(b)
        paket = tmp_path / "lama.ppidsync"
        rev, jumlah = buat_paket_lama(fixture, paket, kunci)
        assert rev == fixture.stem[1:]
        res = head.sinkron.impor(b, paket)
        t = res["total"]
        assert t["baru"] + t["diperbarui"] + t["sama"] + t["konflik"] == sum(jumlah.values())
        assert head.store.integrity_check() == []
        # The same fixture upgraded by the app's migrations: the imported rows are the upgraded rows.
        upgraded = tmp_path / fixture.name
        shutil.copyfile(fixture, upgraded)
        ref = Services.open(upgraded, device=Device(id="ref", name="Rujukan"))
        try:
            compared = 0
            for tabel in jumlah:
                spec = semua_tabel()[tabel]
                if spec.kunci_alami or spec.tunggal:
                    continue  # seeded on both sides before they met: mapped by natural key, compared elsewhere
                mine, theirs = _baris(head, tabel), _baris(ref, tabel)
                for rid, row in theirs.items():
                    if rid not in mine:
                        assert row.get("created_by") == "migrasi", (tabel, rid)  # made by the sender's own upgrade
                        continue
                    assert json.dumps(mine[rid], default=str, sort_keys=True) == \
                        json.dumps(row, default=str, sort_keys=True), (tabel, rid)
                    compared += 1
            assert compared > 0
            # OPDs have a natural key (kode) and none is seeded: compared by it.
            mine_opd = {r["kode"]: {k: v for k, v in r.items() if k not in ("id", "created_at")}
                        for r in _baris(head, "perangkat_daerah").values()}
            ref_opd = {r["kode"]: {k: v for k, v in r.items() if k not in ("id", "created_at")}
                       for r in _baris(ref, "perangkat_daerah").values()}
            assert json.dumps(mine_opd, default=str, sort_keys=True) == json.dumps(ref_opd, default=str, sort_keys=True)
        finally:
            ref.close()
    finally:
        head.close()


def test_a_package_across_a_migration_with_no_transform_is_refused_and_changes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fixture = next(f for f in FIXTURES if f.stem == "v0005")
    head = Services.open(tmp_path / "baru.sqlite", device=Device(id="baru", name="Laptop Baru"))
    try:
        b = head.system()
        paket = tmp_path / "lama.ppidsync"
        buat_paket_lama(fixture, paket, head.sinkron.kunci_buat(b))
        head.close()
        before = (tmp_path / "baru.sqlite").read_bytes()
        head = Services.open(tmp_path / "baru.sqlite", device=Device(id="baru", name="Laptop Baru"))
        monkeypatch.setitem(T.TRANSFORMASI, "0006", None)
        with pytest.raises(UserError, match="skema lama \\(revisi 0005\\).*revisi 0006"):
            head.sinkron.impor(head.system(), paket)
        assert head.sinkron.riwayat() == []
    finally:
        head.close()
    assert (tmp_path / "baru.sqlite").read_bytes() == before
