"""Damaged workbooks and archives: an Indonesian problem, never a traceback, never a change to the data.

Real files are made with openpyxl / ``ppid backup`` and then damaged: a flipped byte in a deflate
stream, formula cells saved without a cached value, a table longer than the row cap, and (hypothesis)
random byte mutations of a real workbook and of a real backup archive.
"""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ppid_desktop.core.errors import UserError
from ppid_desktop.master.masukan import IsianOpd
from ppid_desktop.rekap import reader
from ppid_desktop.rekap.kinds import jenis_impor
from ppid_desktop.services import Services
from tests.unit.rekap.conftest import build_xlsx

NIK = "3373011203800003"
ROWS = [["Kode OPD", "Nama Perangkat Daerah"], *[[f"K{i}", f"Dinas {i} " + "teks " * 20] for i in range(60)]]


def _flip_deflate(src: Path, dst: Path, member: str) -> None:
    data = bytearray(src.read_bytes())
    with zipfile.ZipFile(src) as zf:
        info = zf.getinfo(member)
    # local header: 30 bytes + name + extra, then the compressed stream
    name_len = int.from_bytes(data[info.header_offset + 26: info.header_offset + 28], "little")
    extra_len = int.from_bytes(data[info.header_offset + 28: info.header_offset + 30], "little")
    start = info.header_offset + 30 + name_len + extra_len
    for k in range(5):
        data[start + info.compress_size // 2 + k] ^= 0xFF
    dst.write_bytes(bytes(data))


def _count(svc: Services) -> int:
    con = sqlite3.connect(svc.store.path)
    try:
        return sum(con.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]
                   for t in ("perangkat_daerah", "pegawai", "permohonan", "keberatan", "monev_instrumen"))
    finally:
        con.close()


@pytest.mark.parametrize("jenis", sorted(jenis_impor()))
def test_a_flipped_byte_in_the_sheet_stream_is_a_problem_in_every_kind(services: Services, admin, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                       jenis: str) -> None:
    good = build_xlsx(tmp_path / "baik.xlsx", ROWS)
    bad = tmp_path / "rusak.xlsx"
    _flip_deflate(good, bad, "xl/worksheets/sheet1.xml")
    before = _count(services)
    with pytest.raises(UserError, match="rusak"):
        services.rekap.impor(admin, jenis, bad)
    monkey = pytest.MonkeyPatch()
    monkey.setattr(reader, "periksa_berkas", lambda p: None)  # past the zip check: the XML reader itself
    try:
        with pytest.raises(UserError, match="rusak"):
            services.rekap.impor(admin, jenis, bad)
    finally:
        monkey.undo()
    assert _count(services) == before


def test_formula_cells_without_a_cached_value_are_warned_by_cell(services: Services, admin, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = build_xlsx(tmp_path / "rumus.xlsx", [["Kode OPD", "Nama Perangkat Daerah"], ["A", "Satu"],
                                                ["B", "=UPPER(B2)"]])
    hasil = services.rekap.impor(admin, "opd", path, dry_run=True)
    warn = [p for p in hasil.masalah if "rumus tanpa nilai" in p.message]
    assert [(p.sheet, p.row, p.column, p.severity) for p in warn] == [("Sheet1", 3, "B", "warning")]


def test_a_table_longer_than_the_cap_stops_reading_with_a_problem(services: Services, admin, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "MAX_BARIS", 25)
    path = build_xlsx(tmp_path / "panjang.xlsx", ROWS)
    hasil = services.rekap.impor(admin, "opd", path)
    assert not hasil.diterapkan
    assert any("terlalu panjang" in p.message and p.row == 27 for p in hasil.masalah)
    assert services.master.daftar_opd() == []


@pytest.fixture(scope="module")
def contoh(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from ppid_desktop.sinkron.backup import backup
    from tests.conftest import TEST_DEVICE, make_actor

    root = tmp_path_factory.mktemp("fuzz")
    wb = build_xlsx(root / "opd.xlsx", ROWS[:8])
    svc = Services.open(root / "sumber.sqlite", device=TEST_DEVICE)
    try:
        svc.master.simpan_opd(make_actor("Admin"), IsianOpd.dari({"kode": "DINKES", "nama": "Dinas Kesehatan"}))
        arsip = root / "arsip.ppidbak"
        backup(svc.store, arsip)
    finally:
        svc.close()
    return {"xlsx": wb.read_bytes(), "arsip": arsip.read_bytes(), "root": root}


def _mutate(data: bytes, edits: list[tuple[int, int]]) -> bytes:
    out = bytearray(data)
    for pos, val in edits:
        out[pos % len(out)] = val
    return bytes(out)


EDITS = st.lists(st.tuples(st.integers(0, 10**7), st.integers(0, 255)), min_size=1, max_size=6)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=EDITS)
def test_fuzzed_workbooks_never_raise_anything_but_a_user_error(services: Services, admin, contoh, edits) -> None:  # type: ignore[no-untyped-def]
    path = contoh["root"] / "fuzz.xlsx"
    path.write_bytes(_mutate(contoh["xlsx"], edits))
    before = _count(services)
    try:
        hasil = services.rekap.impor(admin, "opd", path, dry_run=True)
        assert not hasil.diterapkan
    except UserError:
        pass
    assert _count(services) == before


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=EDITS)
def test_fuzzed_backups_never_raise_anything_but_a_user_error(contoh, edits) -> None:  # type: ignore[no-untyped-def]
    from ppid_desktop.sinkron.backup import restore

    path = contoh["root"] / "fuzz.ppidbak"
    path.write_bytes(_mutate(contoh["arsip"], edits))
    target = contoh["root"] / "tujuan" / "ppid.sqlite"
    try:
        restore(path, target, overwrite=True)
    except UserError:
        assert not target.exists() or target.stat().st_size > 0
