"""Backup and restore under attack, with real processes: a restore never runs under an open database,
the safety copy carries the WAL and is never overwritten, an archive without a usable database is
refused, and SIGKILL at any moment of a backup or a restore leaves a database that opens, with every
acknowledged write, and no leftovers after the next start.

Kill points are reproducible: the child counts Python function calls (``sys.setprofile``) and
SIGKILLs itself at call N, N drawn (seeded) over the whole run measured by a dry run.
"""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from ppid_desktop.core import paths
from ppid_desktop.core.errors import UserError
from ppid_desktop.master.masukan import IsianOpd
from ppid_desktop.services import Services
from ppid_desktop.sinkron.backup import backup, restore
from tests.conftest import TEST_DEVICE

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and flock are POSIX")

KILLS = 5

CHILD = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    mode, a, b, limit = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    from ppid_desktop.sinkron.backup import backup, restore
    from ppid_desktop.core.db import Store
    from ppid_desktop.schema import metadata
    store = Store.open(a, metadata) if mode == "backup" else None
    seen = [0]
    def prof(frame, event, arg):
        if event == "call":
            seen[0] += 1
            if limit and seen[0] >= limit:
                os.kill(os.getpid(), signal.SIGKILL)
    sys.setprofile(prof)
    if mode == "backup":
        backup(store, Path(b))
    else:
        restore(Path(a), Path(b), overwrite=True)
    sys.setprofile(None)
    print("PANGGILAN", seen[0], flush=True)
""")

HOLD = textwrap.dedent("""
    import sys
    from ppid_desktop.core.device import Device
    from ppid_desktop.services import Services
    svc = Services.open(sys.argv[1], device=Device(id="lain", name="Proses lain"))
    print("TERBUKA", flush=True)
    sys.stdin.readline()
    svc.close()
""")

WRITE_AND_DIE = textwrap.dedent("""
    import os, signal, sys
    from ppid_desktop.akun import roles as R
    from ppid_desktop.core.actor import Actor
    from ppid_desktop.core.device import Device
    from ppid_desktop.services import Services
    svc = Services.open(sys.argv[1], device=Device(id="lain", name="Proses lain"))
    admin = Actor(username="admin", device_id="lain", roles=frozenset({R.ADMIN}))
    from ppid_desktop.master.masukan import IsianOpd
    svc.master.simpan_opd(admin, IsianOpd(kode="WALSAJA", nama="Hanya di WAL"))
    print("DISIMPAN", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
""")


def _child(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300)


def _opd(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return sorted(r[0] for r in con.execute("SELECT kode FROM perangkat_daerah WHERE deleted = 0"))
    finally:
        con.close()


@pytest.fixture
def two_dbs(profil: Services, admin, tmp_path: Path) -> tuple[Path, Path, Path]:  # type: ignore[no-untyped-def]
    """An archive with OPD SUMBER, and a separate live database with OPD TUJUAN to restore over."""
    profil.master.simpan_opd(admin, IsianOpd.dari({"kode": "SUMBER", "nama": "Dari cadangan"}))
    archive = tmp_path / "arsip.ppidbak"
    backup(profil.store, archive)
    profil.close()
    target = tmp_path / "kantor" / "ppid.sqlite"
    target.parent.mkdir()
    svc = Services.open(target, device=TEST_DEVICE)
    svc.master.simpan_opd(admin, IsianOpd.dari({"kode": "TUJUAN", "nama": "Data kantor"}))
    svc.close()
    return archive, target, tmp_path


def test_restore_refuses_while_another_process_has_the_database_open(two_dbs) -> None:  # type: ignore[no-untyped-def]
    archive, target, _ = two_dbs
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(target)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "TERBUKA"
        with pytest.raises(UserError, match="sedang dibuka oleh aplikasi atau proses lain"):
            restore(archive, target, overwrite=True)
        assert _opd(target) == ["TUJUAN"]
    finally:
        holder.communicate("\n", timeout=60)
    restore(archive, target, overwrite=True)  # closed now: allowed
    assert _opd(target) == ["SUMBER"]


def test_safety_copy_keeps_writes_still_in_the_wal_and_is_never_overwritten(two_dbs) -> None:  # type: ignore[no-untyped-def]
    archive, target, _ = two_dbs
    proc = _child(WRITE_AND_DIE, str(target))
    assert "DISIMPAN" in proc.stdout and proc.returncode == -signal.SIGKILL
    assert Path(f"{target}-wal").stat().st_size > 0  # the acknowledged write lives in the WAL only
    restore(archive, target, overwrite=True)
    restore(archive, target, overwrite=True)
    copies = sorted((target.parent / "cadangan").glob("ppid-sebelum-pulih-*.sqlite"))
    assert len(copies) == 2, "a second restore must not overwrite the first safety copy"
    assert _opd(copies[0]) == ["TUJUAN", "WALSAJA"]
    assert _opd(copies[1]) == ["SUMBER"]
    assert all(c.stat().st_mode & 0o077 == 0 for c in copies)


def _rezip(src: Path, dst: Path, drop: str | None = None, replace: dict[str, bytes] | None = None) -> None:
    with zipfile.ZipFile(src) as zin:
        manifest = json.loads(zin.read("manifest.json"))
        with zipfile.ZipFile(dst, "w") as zout:
            for item in zin.infolist():
                if item.filename in ("manifest.json", drop):
                    continue
                data = (replace or {}).get(item.filename, zin.read(item.filename))
                zout.writestr(item.filename, data)
            if drop:
                manifest["files"].pop(drop)
            for name, data in (replace or {}).items():
                import hashlib

                manifest["files"][name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
            zout.writestr("manifest.json", json.dumps(manifest))


def test_archive_without_a_database_or_with_an_empty_one_is_refused(two_dbs) -> None:  # type: ignore[no-untyped-def]
    archive, target, tmp = two_dbs
    no_db = tmp / "tanpa-db.ppidbak"
    _rezip(archive, no_db, drop="ppid.sqlite")
    with pytest.raises(UserError, match="tidak berisi database"):
        restore(no_db, target, overwrite=True)
    empty = tmp / "db-kosong.ppidbak"
    _rezip(archive, empty, replace={"ppid.sqlite": b""})
    with pytest.raises(UserError, match="tidak berisi database"):
        restore(empty, target, overwrite=True)
    foreign = tmp / "lain.sqlite"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE pelanggan (id INTEGER)")
    con.commit()
    con.close()
    alien = tmp / "db-asing.ppidbak"
    _rezip(archive, alien, replace={"ppid.sqlite": foreign.read_bytes()})
    with pytest.raises(UserError, match="bukan database PPID Desktop"):
        restore(alien, target, overwrite=True)
    assert _opd(target) == ["TUJUAN"]
    for bad in ('{"format": "ppid-desktop-cadangan/1", "files": []}', '{"format": "ppid-desktop-cadangan/1",'
                ' "files": {"ppid.sqlite": {"sha256": 5, "size": "x"}}}', "[1, 2", '"teks"'):
        weird = tmp / "manifest-aneh.ppidbak"
        with zipfile.ZipFile(weird, "w") as zf:
            zf.writestr("manifest.json", bad)
        with pytest.raises(UserError):
            restore(weird, target, overwrite=True)
    leftovers = [p.name for p in target.parent.iterdir() if paths.TEMP_PREFIX in p.name or ".sebagian" in p.name]
    assert leftovers == []


def _calls(mode: str, a: Path, b: Path) -> int:
    proc = _child(CHILD, mode, str(a), str(b), "0")
    assert proc.returncode == 0, proc.stderr[-3000:]
    return int(proc.stdout.split("PANGGILAN")[1].split()[0])


def test_sigkill_during_restore_leaves_the_old_or_the_new_database_and_no_leftovers(two_dbs) -> None:  # type: ignore[no-untyped-def]
    archive, target, tmp = two_dbs
    dry_target = tmp / "coba" / "ppid.sqlite"
    dry_target.parent.mkdir()
    total = _calls("restore", archive, dry_target)
    rng = random.Random("pulih")
    for n in sorted(rng.sample(range(1, total), KILLS)):
        proc = _child(CHILD, "restore", str(archive), str(target), str(n))
        assert proc.returncode in (-signal.SIGKILL, 0), proc.stderr[-3000:]
        svc = Services.open(target, device=TEST_DEVICE)  # the next start
        try:
            kode = [o.kode for o in svc.master.daftar_opd()]
        finally:
            svc.close()
        assert kode in (["TUJUAN"], ["SUMBER"]), f"killed at call {n}: {kode}"
        left = [p.name for p in target.parent.rglob("*") if paths.TEMP_PREFIX in p.name or ".sebagian" in p.name]
        assert left == [], f"killed at call {n}: leftovers {left}"


def test_sigkill_during_backup_leaves_no_partial_archive_or_plaintext_snapshot(two_dbs) -> None:  # type: ignore[no-untyped-def]
    _, db, tmp = two_dbs
    out = tmp / "usb"
    out.mkdir()
    total = _calls("backup", db, out / "coba.ppidbak")
    rng = random.Random("cadang")
    for i, n in enumerate(sorted(rng.sample(range(1, total), KILLS))):
        target = out / f"c{i}.ppidbak"
        proc = _child(CHILD, "backup", str(db), str(target), str(n))
        assert proc.returncode in (-signal.SIGKILL, 0), proc.stderr[-3000:]
        Services.open(db, device=TEST_DEVICE).close()  # the next start cleans up
        left = [p.name for p in [*db.parent.rglob("*"), *out.iterdir()]
                if paths.TEMP_PREFIX in p.name or ".sebagian" in p.name]
        assert left == [], f"killed at call {n}: leftovers {left}"
        if target.exists():  # a finished archive is complete
            restore(target, tmp / f"periksa{i}.sqlite")
    assert _opd(db) == ["TUJUAN"]
