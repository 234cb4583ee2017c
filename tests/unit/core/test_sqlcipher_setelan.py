"""SQLCipher settings per database (``kunci_db.setelan_untuk``): new databases get 16 KiB pages and
HMAC-SHA256 (recorded in the key file); a key file from an earlier release (no ``sqlcipher`` entry) keeps
SQLCipher 4's defaults, so those databases still open; backups and conversion carry the settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ppid_desktop.core import kunci_db
from ppid_desktop.core.db import Store
from ppid_desktop.core.errors import UserError
from ppid_desktop.schema import metadata


@pytest.fixture(autouse=True)
def _lupakan(tmp_path: Path) -> None:
    yield
    for db in tmp_path.rglob("*.sqlite"):
        kunci_db.lupakan(db)


def _buka_dengan(db: Path, key: bytes, setelan: dict[str, object]) -> int:
    con = kunci_db.sambung(db, key, setelan)
    try:
        return int(con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])
    finally:
        con.close()


def test_new_database_uses_16k_pages_and_hmac_sha256(tmp_path: Path) -> None:
    db = tmp_path / "baru.sqlite"
    key, _ = kunci_db.buat(db, "admin", "rahasia123")
    assert json.loads(kunci_db.berkas_kunci(db).read_text())["sqlcipher"] == kunci_db.SETELAN_BARU
    Store.open(db, metadata).close()
    assert _buka_dengan(db, key, kunci_db.SETELAN_BARU) > 10
    with pytest.raises(kunci_db.modul_cipher().DatabaseError):  # the settings really are in force
        _buka_dengan(db, key, kunci_db.SETELAN_LAMA)
    copy = tmp_path / "salinan.sqlite"
    kunci_db.salin_db(db, copy, key)  # the backup API copy keeps the source's settings
    assert _buka_dengan(copy, key, kunci_db.SETELAN_BARU) > 10


def test_key_file_of_an_earlier_release_keeps_sqlcipher_defaults(tmp_path: Path) -> None:
    db = tmp_path / "lama.sqlite"
    key, _ = kunci_db.buat(db, "admin", "rahasia123")
    data = json.loads(kunci_db.berkas_kunci(db).read_text())
    del data["sqlcipher"]
    kunci_db._tulis(db, data)
    Store.open(db, metadata).close()
    assert kunci_db.setelan_untuk(db) == kunci_db.SETELAN_LAMA
    assert _buka_dengan(db, key, kunci_db.SETELAN_LAMA) > 10
    kunci_db.lupakan(db)
    kunci_db.buka(db, "admin", "rahasia123")
    Store.open(db, metadata).close()


def test_tampered_settings_are_refused_in_indonesian(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite"
    kunci_db.buat(db, "admin", "rahasia123")
    data = json.loads(kunci_db.berkas_kunci(db).read_text())
    data["sqlcipher"] = {"halaman": 12345, "hmac": "HMAC_SHA256; DROP"}
    kunci_db._tulis(db, data)
    with pytest.raises(UserError, match="pengaturan enkripsi"):
        kunci_db.setelan_untuk(db)
