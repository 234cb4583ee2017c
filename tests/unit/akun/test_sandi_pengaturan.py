"""The database's security settings through ``AkunService``: defaults, validation per field, Admin only,
logged; the row cap set there is the one an Excel import enforces."""

from __future__ import annotations

from pathlib import Path

import pytest

from ppid_desktop.akun import roles as R
from ppid_desktop.akun import service as S
from ppid_desktop.core.errors import PermissionDenied, ValidationError
from ppid_desktop.services import Services
from tests.conftest import make_actor
from tests.unit.rekap.conftest import build_xlsx


def test_defaults_validation_roles_and_audit(services: Services, admin) -> None:  # type: ignore[no-untyped-def]
    akun = services.akun
    assert akun.kunci_menit() == S.KUNCI_MENIT_BAWAAN and akun.batas_baris_impor() == S.BATAS_BARIS_BAWAAN
    assert akun.batas_baris_tersimpan() is None
    for role in R.ROLES:
        if role == R.ADMIN:
            continue
        with pytest.raises(PermissionDenied):
            akun.atur_keamanan(make_actor(role), kunci_menit=5, batas_baris_impor=1000)
    with pytest.raises(ValidationError) as err:
        akun.atur_keamanan(admin, kunci_menit=-1, batas_baris_impor=50)
    assert set(err.value.problems) == {"kunci_menit", "batas_baris_impor"}
    with pytest.raises(ValidationError) as err:
        akun.atur_keamanan(admin, kunci_menit=S.KUNCI_MENIT_MAKS + 1, batas_baris_impor=S.BATAS_BARIS_MAKS + 1)
    assert "240" in err.value.problems["kunci_menit"] and "1.000.000" in err.value.problems["batas_baris_impor"]
    assert akun.kunci_menit() == S.KUNCI_MENIT_BAWAAN  # nothing half-saved
    akun.atur_keamanan(admin, kunci_menit=0, batas_baris_impor=2500)
    assert akun.kunci_menit() == 0 and akun.batas_baris_impor() == 2500 == akun.batas_baris_tersimpan()
    akun.atur_keamanan(admin, kunci_menit=15, batas_baris_impor=2500)
    assert akun.kunci_menit() == 15
    log = akun.audit(admin)
    assert [e.summary for e in log if e.entity == "pengaturan_akun"][-1] == \
        "kunci otomatis 15 menit; batas baris impor 2500"


def test_the_import_row_cap_comes_from_pengaturan(services: Services, admin, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = [["Kode OPD", "Nama Perangkat Daerah"], *[[f"K{i}", f"Dinas {i}"] for i in range(150)]]
    path = build_xlsx(tmp_path / "opd.xlsx", rows)
    services.akun.atur_keamanan(admin, kunci_menit=10, batas_baris_impor=100)
    hasil = services.rekap.impor(admin, "opd", path)
    assert not hasil.diterapkan
    assert any("terlalu panjang" in p.message and "100 baris" in p.message for p in hasil.masalah)
    assert services.master.daftar_opd() == []
    services.akun.atur_keamanan(admin, kunci_menit=10, batas_baris_impor=1000)
    hasil = services.rekap.impor(admin, "opd", path)
    assert hasil.diterapkan and len(services.master.daftar_opd()) == 150
