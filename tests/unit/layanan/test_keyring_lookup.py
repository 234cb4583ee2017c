"""Duplicate-NIK look-up also finds requests recorded on another laptop (another key of the ring)."""

from __future__ import annotations

from datetime import date

from ppid_desktop.core import crypto
from ppid_desktop.layanan.models import Permohonan


def test_find_by_nik_across_keys(profil, admin, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from cryptography.fernet import Fernet

    monkeypatch.setenv("PPID_DATA_DIR", str(tmp_path / "data"))  # a private keyring for this test
    crypto._cache.clear()
    crypto._ring_cache.clear()
    nik = "3373015203900003"
    other = Fernet.generate_key()
    # a request that arrived from another laptop: its hash was made with that laptop's key
    with profil.store.session(admin) as s:
        s.add(Permohonan(nomor="099/PPID/III/2026", tanggal_diterima=date(2026, 3, 16), nama="Sri Rahayu",
                         tenggat=date(2026, 4, 7), tenggat_efektif=date(2026, 4, 7),
                         nik_hash=crypto._hash_with(other, nik, "nik")))
    assert profil.layanan.cari_nik(nik) == []
    assert crypto.import_key(other)
    assert [p.nomor for p in profil.layanan.cari_nik(nik)] == ["099/PPID/III/2026"]
    assert not crypto.import_key(other)  # already in the ring
    crypto._cache.clear()
    crypto._ring_cache.clear()
