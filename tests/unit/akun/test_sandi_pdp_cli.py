"""``ppid permohonan list`` / ``show`` print personal fields only to accounts with PDP_LIHAT: every role
signs in through the CLI; the others get the same JSON keys with the values masked."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ppid_desktop import cli
from ppid_desktop.akun import roles as R
from ppid_desktop.layanan.commands import DISAMARKAN
from ppid_desktop.layanan.masukan import PermohonanMasukan
from ppid_desktop.services import Services
from tests.conftest import TEST_DEVICE, make_actor

SANDI = "sandi-uji-123"
NAMA, ALAMAT, NIK = "Sulastri Wijayakusuma", "Jl. Kenanga Ungu 17", "3373011203800003"


@pytest.fixture(scope="module")
def dasar(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    base = tmp_path_factory.mktemp("pdp") / "dasar.sqlite"
    admin = make_actor(R.ADMIN, username="admin")
    svc = Services.open(base, device=TEST_DEVICE)
    try:
        p = svc.layanan.catat_permohonan(admin, PermohonanMasukan.dari_dict({"tanggal_diterima": date(2026, 6, 1), "nama": NAMA, "nik": NIK,
                                                     "alamat": ALAMAT, "rincian": "Salinan DPA",
                                                     "tujuan": "Penelitian"}))
        for role in R.ROLES:
            svc.akun.create_user(None if not svc.akun.has_users() else admin, f"u{R.ROLES.index(role)}", role,
                                 SANDI, [role])
    finally:
        svc.close()
    return {"base": base, "nomor": p.nomor}


@pytest.mark.parametrize("role", R.ROLES)
def test_list_and_show_mask_personal_fields_without_pdp_lihat(role: str, dasar: dict[str, Any], tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "ppid.sqlite"
    shutil.copyfile(dasar["base"], db)
    monkeypatch.setenv("PPID_PENGGUNA", f"u{R.ROLES.index(role)}")
    monkeypatch.setenv("PPID_KATA_SANDI", SANDI)
    boleh = R.can(make_actor(role), R.PDP_LIHAT)

    assert cli.main(["--db", str(db), "permohonan", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 1 and "nama" in rows[0]
    assert rows[0]["nama"] == (NAMA if boleh else DISAMARKAN)

    assert cli.main(["--db", str(db), "permohonan", "list"]) == 0
    teks = capsys.readouterr().out
    assert (NAMA in teks) is boleh and dasar["nomor"] in teks

    assert cli.main(["--db", str(db), "permohonan", "show", dasar["nomor"], "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"nama", "nik", "alamat"} <= set(data)
    if boleh:
        assert data["nama"] == NAMA and data["alamat"] == ALAMAT and data["nik"].endswith(NIK[-4:])
    else:
        assert data["nama"] == data["alamat"] == data["nik"] == DISAMARKAN

    assert cli.main(["--db", str(db), "permohonan", "show", dasar["nomor"]]) == 0
    teks = capsys.readouterr().out
    assert (NAMA in teks) is boleh and (NIK[-4:] in teks) is boleh
