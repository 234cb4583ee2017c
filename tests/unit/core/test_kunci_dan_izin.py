"""Six processes creating the first personal-data key at once get ONE key; the data folder, database,
WAL, backups and exports are private to the user."""

from __future__ import annotations

import multiprocessing as mp
import os
import stat
import sys
from pathlib import Path
from typing import Any

import pytest

from ppid_desktop.master.masukan import IsianOpd
from ppid_desktop.services import Services
from ppid_desktop.sinkron.backup import backup

N = 6
ROUNDS = 3


def _kunci(folder: str, barrier: Any, out: Any) -> None:
    os.environ["PPID_DATA_DIR"] = folder
    from ppid_desktop.core import crypto

    barrier.wait()
    token = crypto.encrypt_text("3373011203800003")
    out.put((crypto.fingerprint(crypto.all_keys()[0]), token))


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX processes")
def test_six_processes_creating_the_first_key_get_one_key(tmp_path: Path) -> None:
    ctx = mp.get_context("spawn")
    for r in range(ROUNDS):
        folder = tmp_path / f"data{r}"
        folder.mkdir()
        barrier, out = ctx.Barrier(N), ctx.Queue()
        procs = [ctx.Process(target=_kunci, args=(str(folder), barrier, out)) for _ in range(N)]
        for p in procs:
            p.start()
        got = [out.get(timeout=180) for _ in procs]
        for p in procs:
            p.join(timeout=60)
            assert p.exitcode == 0
        assert len({fp for fp, _ in got}) == 1, "two processes made two different keys"
        assert [f.name for f in folder.iterdir() if f.suffix == ".tmp"] == []
        # every token is readable with the one key that stayed
        os.environ["PPID_DATA_DIR"], old = str(folder), os.environ["PPID_DATA_DIR"]
        from ppid_desktop.core import crypto

        crypto._cache.clear()
        crypto._ring_cache.clear()
        try:
            assert {crypto.decrypt_text(t) for _, t in got} == {"3373011203800003"}
        finally:
            os.environ["PPID_DATA_DIR"] = old
            crypto._cache.clear()
            crypto._ring_cache.clear()


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_database_wal_backups_and_exports_are_private(profil: Services, admin, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ppid_desktop.core import paths

    db = profil.store.path
    profil.master.simpan_opd(admin, IsianOpd.dari({"kode": "DINKES", "nama": "Dinas Kesehatan"}))
    assert _mode(db) == 0o600 and _mode(Path(f"{db}-wal")) == 0o600
    arsip = tmp_path / "c.ppidbak"
    backup(profil.store, arsip)
    assert _mode(arsip) == 0o600
    ekspor = tmp_path / "opd.xlsx"
    profil.rekap.ekspor(admin, "opd", ekspor)
    assert _mode(ekspor) == 0o600
    assert _mode(paths.data_dir()) == 0o700
    assert _mode(paths.backups_dir(db)) == 0o700
