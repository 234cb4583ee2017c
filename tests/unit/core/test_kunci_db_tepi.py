"""Edges of the database key file and the personal-data cipher, on real files: a refused password change
puts the key file back as it was, a removed account can no longer unlock, a damaged or foreign key file
and a damaged attachment are named in Indonesian, and a converted database refuses a second conversion."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ppid_desktop.core import crypto, kunci_db
from ppid_desktop.core.errors import UserError


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "kantor.sqlite"
    key, _kode = kunci_db.buat(path, "admin", "rahasia123")
    with kunci_db.koneksi(path, key) as con:  # a real encrypted database beside its key file
        con.execute("CREATE TABLE t (x TEXT)")
        con.execute("INSERT INTO t VALUES ('Siti Aminah')")
        con.commit()
    yield path
    kunci_db.lupakan(path)


def test_a_failed_password_change_puts_the_key_file_back(db: Path) -> None:
    key = kunci_db.buka(db, "admin", "rahasia123")
    before = kunci_db.berkas_kunci(db).read_bytes()
    with pytest.raises(RuntimeError), kunci_db.entri_akun(db, key, "admin", "sandibaru456"):
        assert kunci_db.berkas_kunci(db).read_bytes() != before  # written first…
        raise RuntimeError("the database write failed")
    assert kunci_db.berkas_kunci(db).read_bytes() == before  # …and put back
    assert kunci_db.buka(db, "admin", "rahasia123") == key
    with pytest.raises(UserError, match="salah"):
        kunci_db.buka(db, "admin", "sandibaru456")


def test_a_removed_account_cannot_unlock(db: Path) -> None:
    kunci_db.buka(db, "admin", "rahasia123")
    kunci_db.atur_akun(db, "petugas", "petugas123")
    assert kunci_db.buka(db, "petugas", "petugas123") == kunci_db.kunci_untuk(db)
    kunci_db.hapus_akun(db, "petugas")
    assert "petugas" not in kunci_db.baca(db)["akun"]
    with pytest.raises(UserError, match="belum punya kunci database"):
        kunci_db.buka(db, "petugas", "petugas123")


def test_a_damaged_or_foreign_key_file_is_named(db: Path) -> None:
    berkas = kunci_db.berkas_kunci(db)
    berkas.write_text("{bukan json", encoding="utf-8")
    with pytest.raises(UserError, match="tidak dapat dibaca atau rusak"):
        kunci_db.baca(db)
    berkas.write_text(json.dumps({"format": "lain", "akun": {}}), encoding="utf-8")
    with pytest.raises(UserError, match="bukan berkas kunci PPID Desktop"):
        kunci_db.baca(db)
    berkas.unlink()
    with pytest.raises(UserError, match="tidak ada di sampingnya"):
        kunci_db.buka(db, "admin", "rahasia123")


def test_an_encrypted_database_is_not_converted_twice(db: Path) -> None:
    assert kunci_db.terenkripsi(db)
    with pytest.raises(UserError, match="sudah terenkripsi"):
        kunci_db.konversi(db, "admin", "rahasia123", {})


def test_damaged_or_missing_attachments_are_named(tmp_path: Path) -> None:
    sumber = tmp_path / "KTP.jpg"
    sumber.write_bytes(b"\xff\xd8 foto KTP 3373015507900004")
    berkas = crypto.encrypt_file(sumber, tmp_path / "lampiran" / "KTP.jpg.enc")
    assert b"3373015507900004" not in berkas.read_bytes()
    assert crypto.decrypt_file(berkas) == sumber.read_bytes()
    rusak = bytearray(berkas.read_bytes())
    rusak[len(rusak) // 2] ^= 0xFF
    berkas.write_bytes(bytes(rusak))
    with pytest.raises(UserError, match="tidak dapat dibuka"):
        crypto.decrypt_file(berkas)
    with pytest.raises(UserError, match="tidak dapat dibaca"):
        crypto.decrypt_file(tmp_path / "tidak-ada.enc")
    with pytest.raises(UserError, match="tidak dapat dibaca"):
        crypto.encrypt_file(tmp_path / "tidak-ada.jpg", tmp_path / "x.enc")
