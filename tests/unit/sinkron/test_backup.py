from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from ppid_desktop.core.errors import UserError
from ppid_desktop.master.masukan import IsianOpd
from ppid_desktop.services import Services
from ppid_desktop.sinkron.backup import backup, restore, verify
from tests.conftest import TEST_DEVICE


@pytest.fixture
def filled(profil, admin, tmp_path: Path) -> Services:  # type: ignore[no-untyped-def]
    profil.master.simpan_opd(admin, IsianOpd.dari({"kode": "DINKES", "nama": "Dinas Kesehatan"}))
    img = tmp_path / "logo.png"
    Image.new("RGB", (64, 64), "red").save(img)
    profil.master.atur_logo(admin, img)
    return profil


def test_backup_restore_roundtrip(filled: Services, tmp_path: Path) -> None:
    archive = tmp_path / "cadangan.ppidbak"
    info = backup(filled.store, archive)
    manifest = verify(archive)
    logo = filled.master.profil().logo_hash or ""
    names = set(manifest["files"])  # type: ignore[arg-type]
    assert {"ppid.sqlite", f"lampiran/{logo[:2]}/{logo}"} <= names
    assert all(n.startswith("kunci/") for n in names - {"ppid.sqlite", f"lampiran/{logo[:2]}/{logo}"})
    assert info.files == len(names)
    target = tmp_path / "lain" / "pulih.sqlite"
    restore(archive, target)
    svc = Services.open(target, device=TEST_DEVICE)
    try:
        assert [o.kode for o in svc.master.daftar_opd()] == ["DINKES"]
        logo = svc.master.logo_path()
        assert logo is not None and logo.exists()
    finally:
        svc.close()


def test_restore_refuses_non_empty_target_without_overwrite(filled: Services, tmp_path: Path) -> None:
    archive = tmp_path / "c.ppidbak"
    backup(filled.store, archive)
    with pytest.raises(UserError, match="--timpa"):
        restore(archive, filled.store.path)
    before = filled.master.daftar_opd()
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


def test_keyring_travels_with_the_backup(filled: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ppid_desktop.core import crypto

    secret = crypto.encrypt_text("3373015203900003")
    archive = tmp_path / "dengan-kunci.ppidbak"
    backup(filled.store, archive)
    bare = tmp_path / "tanpa-kunci.ppidbak"
    backup(filled.store, bare, kunci=False)
    with zipfile.ZipFile(bare) as zf:
        assert not [n for n in zf.namelist() if n.startswith("kunci/")]
    # another laptop: a fresh data folder with its own primary key
    monkeypatch.setenv("PPID_DATA_DIR", str(tmp_path / "laptop-lain"))
    crypto._cache.clear()
    crypto._ring_cache.clear()
    with pytest.raises(UserError, match="kunci enkripsi"):
        crypto.decrypt_text(secret)
    restore(bare, tmp_path / "a.sqlite")
    with pytest.raises(UserError):
        crypto.decrypt_text(secret)
    restore(archive, tmp_path / "b.sqlite")
    assert crypto.decrypt_text(secret) == "3373015203900003"
    # new data on this laptop is still written with its own primary key
    assert crypto.fingerprint(crypto.all_keys()[0]) != crypto.fingerprint(crypto.all_keys()[1])
    crypto._cache.clear()
    crypto._ring_cache.clear()
