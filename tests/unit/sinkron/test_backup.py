from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from ppid_desktop.core.errors import UserError
from ppid_desktop.services import Services
from ppid_desktop.sinkron.backup import backup, restore, verify
from tests.conftest import TEST_DEVICE


@pytest.fixture
def filled(profil, admin, tmp_path: Path) -> Services:  # type: ignore[no-untyped-def]
    profil.master.save_opd(admin, {"kode": "DINKES", "nama": "Dinas Kesehatan"})
    img = tmp_path / "logo.png"
    Image.new("RGB", (64, 64), "red").save(img)
    profil.master.set_logo(admin, img)
    return profil


def test_backup_restore_roundtrip(filled: Services, tmp_path: Path) -> None:
    archive = tmp_path / "cadangan.ppidbak"
    info = backup(filled.store, archive)
    assert info.files == 2
    manifest = verify(archive)
    assert set(manifest["files"]) == {"ppid.sqlite", f"lampiran/{filled.master.profil().logo_hash[:2]}/{filled.master.profil().logo_hash}"}  # type: ignore[index]
    target = tmp_path / "lain" / "pulih.sqlite"
    restore(archive, target)
    svc = Services.open(target, device=TEST_DEVICE)
    try:
        assert [o.kode for o in svc.master.list_opd()] == ["DINKES"]
        logo = svc.master.logo_path()
        assert logo is not None and logo.exists()
    finally:
        svc.close()


def test_restore_refuses_non_empty_target_without_overwrite(filled: Services, tmp_path: Path) -> None:
    archive = tmp_path / "c.ppidbak"
    backup(filled.store, archive)
    with pytest.raises(UserError, match="--timpa"):
        restore(archive, filled.store.path)
    before = filled.master.list_opd()
    assert [o.kode for o in before] == ["DINKES"]


def test_tampered_archive_is_refused_and_nothing_written(filled: Services, tmp_path: Path) -> None:
    archive = tmp_path / "c.ppidbak"
    backup(filled.store, archive)
    tampered = tmp_path / "rusak.ppidbak"
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(tampered, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "ppid.sqlite":
                data = data[:-10] + b"0123456789"
            dst.writestr(item, data)
    target = tmp_path / "baru.sqlite"
    with pytest.raises(UserError, match="sha256"):
        restore(tampered, target)
    assert not target.exists()


def test_foreign_files_are_refused(tmp_path: Path) -> None:
    notzip = tmp_path / "x.ppidbak"
    notzip.write_text("halo")
    with pytest.raises(UserError, match="bukan berkas cadangan"):
        verify(notzip)
    other = tmp_path / "y.zip"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("manifest.json", json.dumps({"format": "lain"}))
    with pytest.raises(UserError, match="bukan berkas cadangan"):
        verify(other)


def test_snapshot_is_a_valid_database(filled: Services, tmp_path: Path) -> None:
    archive = tmp_path / "c.ppidbak"
    backup(filled.store, archive)
    with zipfile.ZipFile(archive) as zf:
        zf.extract("ppid.sqlite", tmp_path / "x")
    con = sqlite3.connect(tmp_path / "x" / "ppid.sqlite")
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()
