"""The safety copies an encrypted database leaves in ``cadangan/`` (before a migration, before a sync import)
carry its key file and sealed personal-data keyring beside them: a copy opens where it lies with the same
password, NIKs included; pruning an old copy takes its key files along."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ppid_desktop.core import crypto, kunci_db, paths
from ppid_desktop.core.db import _prune
from ppid_desktop.layanan.masukan import PermohonanMasukan
from ppid_desktop.services import Services
from tests.conftest import SANDI_LAPTOP as SANDI
from tests.conftest import init_cli

NIK = "3373011203800003"


def test_safety_copies_open_where_they_lie_and_go_with_their_keys(laptop_terenkripsi: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    db = laptop_terenkripsi / "kantor" / "ppid.sqlite"
    assert init_cli(db, capsys)["terenkripsi"] is True
    svc = Services.open(db)
    try:
        a = svc.akun.authenticate("admin", SANDI)
        svc.layanan.catat_permohonan(a, PermohonanMasukan.dari_dict({
            "tanggal_diterima": date(2026, 6, 1), "nama": "Budi", "nik": NIK, "alamat": "Jl. Uji",
            "rincian": "Salinan DPA", "tujuan": "Penelitian"}))
        folder = paths.backups_dir(db)
        copies = []
        for i in range(4):  # what ``migrate`` does before an upgrade, four times
            copies.append(svc.store.backup_to(folder / f"ppid-sebelum-migrasi-0020-{i}.sqlite", dengan_kunci=True))
            _prune(folder, "ppid-sebelum-migrasi-", 3)
    finally:
        svc.close()
    assert not copies[0].exists()
    assert not kunci_db.berkas_kunci(copies[0]).exists() and not crypto.berkas_ring(copies[0]).exists()
    for copy in copies[1:]:
        assert kunci_db.berkas_kunci(copy).exists() and crypto.berkas_ring(copy).exists()
    kunci_db.buka(copies[-1], "admin", SANDI)  # the copy's own key file, the same password
    salinan = Services.open(copies[-1])
    try:
        b = salinan.akun.authenticate("admin", SANDI)
        found = salinan.layanan.cari_nik(NIK)  # the keyed hash, under the copy's own keyring
        assert [p.nama for p in found] == ["Budi"]
        assert salinan.layanan.lihat_nik(b, found[0].id) == NIK  # the NIK decrypts
    finally:
        salinan.close()
        kunci_db.lupakan(copies[-1])
