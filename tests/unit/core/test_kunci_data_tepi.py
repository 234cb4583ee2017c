"""Edges of the per-database personal-data keyring (``crypto.pasang`` / ``tulis_ring`` / ``import_key``) and
of the failed-unlock record in the key file, on real files in this process."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from ppid_desktop.core import crypto, kunci_db
from ppid_desktop.core.errors import UserError


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "ppid.sqlite"
    yield path
    crypto.lupakan_ring(path)
    crypto.lepas(path)


def test_restore_writes_the_keyring_and_keeps_keys_of_the_same_database(db: Path) -> None:
    data_key = os.urandom(32)
    lama = crypto.pasang(db, data_key)
    a, b = Fernet.generate_key(), Fernet.generate_key()
    crypto.tulis_ring(db, data_key, [a, b], utama=a)
    assert crypto.ring_untuk(db) is None  # unsealed again at the next open
    ring = crypto.pasang(db, data_key)
    assert ring.utama == a and set(ring.lain) == {b, lama.utama}  # the old primary is kept for old rows
    crypto.tulis_ring(db, data_key, [b])  # no primary named (an archive of an earlier release): a new one
    ring = crypto.pasang(db, data_key)
    assert ring.utama not in {a, b} and {a, b, lama.utama} <= set(ring.lain)
    other = os.urandom(32)  # another database's keyring in the way: replaced (the safety copy kept it)
    crypto.tulis_ring(db, other, [a], utama=a)
    assert crypto.pasang(db, other).semua() == [a]


def test_import_into_the_ring_in_use_and_the_ring_only(db: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PPID_DATA_DIR", str(tmp_path / "data"))
    crypto._ring_cache.clear()
    data_key = os.urandom(32)
    ring = crypto.pasang(db, data_key)
    crypto.aktifkan(db)
    assert crypto.ring_aktif() is ring and crypto.other_keys() == [] and crypto.all_keys() == [ring.utama]
    k = Fernet.generate_key()
    assert crypto.import_key(k) is True and crypto.import_key(k) is False
    assert crypto.other_keys() == [k]
    with pytest.raises(ValueError):
        crypto.import_key(b"bukan kunci")
    token = crypto.encrypt_text("3373011203800003")
    assert crypto.decrypt_text(token) == "3373011203800003"
    assert not (tmp_path / "data" / crypto.KEY_FILENAME).exists()  # the folder ring was never made
    assert k not in crypto.berkas_ring(db).read_bytes()  # sealed, never in clear
    crypto.lepas(db)
    assert crypto.ring_aktif() is None or crypto.ring_aktif() is not ring
    with pytest.raises(ValueError):
        crypto.import_key_folder(b"rusak")


@pytest.mark.parametrize("rusak", ["{", '{"format": "lain"}', "tampered", "tanpa-utama"])
def test_a_damaged_keyring_is_refused_in_indonesian(db: Path, rusak: str) -> None:
    data_key = os.urandom(32)
    crypto.pasang(db, data_key)
    path = crypto.berkas_ring(db)
    doc = json.loads(path.read_text())
    if rusak == "tampered":
        fp = next(iter(doc["kunci"]))
        doc["kunci"][fp] = doc["kunci"][fp][:-6] + "AAAAAA"
        text = json.dumps(doc)
    elif rusak == "tanpa-utama":
        doc["utama"] = "0" * 16
        text = json.dumps(doc)
    else:
        text = rusak
    path.write_text(text)
    crypto.lupakan_ring(db)
    with pytest.raises(UserError, match="Kunci data pribadi"):
        crypto.pasang(db, data_key)


def test_failed_unlock_record_edges(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite"
    assert kunci_db.gagal_tertunda(db) == []  # no key file yet
    kunci_db.hapus_gagal(db, [])
    assert kunci_db.setelan_untuk(db) == kunci_db.SETELAN_LAMA
    kunci_db.buat(db, "admin", "rahasia123")
    kunci_db.lupakan(db)
    for _ in range(2):
        with pytest.raises(UserError):
            kunci_db.buka(db, "admin", "salah")
    with pytest.raises(UserError):
        kunci_db.buka(db, "siapa", "salah")
    tertunda = kunci_db.gagal_tertunda(db)
    assert [c["akun"] for c in tertunda] == ["admin", "admin", "siapa"]
    assert [c["alasan"] for c in tertunda][-1] == "akun tanpa entri kunci"
    kunci_db.hapus_gagal(db, [tertunda[0]["id"]])
    assert len(kunci_db.gagal_tertunda(db)) == 2
    kunci_db.hapus_gagal(db, [c["id"] for c in tertunda])
    assert "gagal_masuk" not in kunci_db.baca(db)
    kunci_db.berkas_kunci(db).write_text("{rusak")
    assert kunci_db.gagal_tertunda(db) == []
