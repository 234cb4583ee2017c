"""Who may import the self-assessment workbook: ``rekap.impor`` (every kind) or the per-kind
``rekap.impor.jawaban`` that Tim Monev holds. Tried through the signed-in CLI as every role: Tim Monev
imports ``jawaban`` but no other kind; roles without field work are refused with exit 2."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from ppid_desktop import cli
from ppid_desktop.akun import roles as R
from ppid_desktop.core.actor import Actor
from ppid_desktop.monev.lembar_kerja import ekspor_lembar_kerja
from tests.conftest import make_actor
from tests.unit.monev.test_lembar_kerja import _isi_openpyxl, _jawaban_uji

SANDI = "sandi-uji-123"


@pytest.fixture
def siap(env: Any, admin: Actor, tmp_path: Path) -> tuple[Path, Path, Any]:
    _inst, prog = env.program("kip_2025", n_opd=2)
    for role in R.ROLES:
        env.services.akun.create_user(None if not env.services.akun.has_users() else admin, role.lower().replace(" ", "."),
                                      role, SANDI, [role])
    lk = tmp_path / "lembar.xlsx"
    ekspor_lembar_kerja(env.services, prog.id, "DISKOMINFO", lk)
    _isi_openpyxl(lk, _jawaban_uji(env.monev.definisi(prog.instrumen_id)))
    return Path(env.services.store.path), lk, prog


@pytest.mark.parametrize("role", R.ROLES)
def test_impor_jawaban_per_role_through_the_cli(role: str, siap: tuple[Path, Path, Any], tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    db, lk, _prog = siap
    monkeypatch.setenv("PPID_PENGGUNA", role.lower().replace(" ", "."))
    monkeypatch.setenv("PPID_KATA_SANDI", SANDI)
    boleh = R.boleh(make_actor(role), dict(R.TINDAKAN)["Impor lembar kerja evaluasi mandiri (`ppid impor jawaban`)"])
    assert boleh == (role in (R.ADMIN, R.MONEV))
    capsys.readouterr()
    rc = cli.main(["--db", str(db), "impor", "jawaban", str(lk), "--dry-run", "--json"])
    out, err = capsys.readouterr()
    if boleh:
        assert rc == 0, err
        assert json.loads(out)["diterapkan"] is False  # a dry run writes nothing
    else:
        assert rc == 2 and "tidak berwenang" in err, (rc, err)
    # a per-kind permission, not all of rekap: Tim Monev may not import master data
    opd = tmp_path / "opd.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["Kode", "Nama"])
    wb.active.append(["BARU", "Dinas Baru"])
    wb.save(opd)
    rc = cli.main(["--db", str(db), "impor", "opd", str(opd), "--dry-run"])
    err = capsys.readouterr().err
    if role == R.MONEV:
        assert rc == 2 and "tidak berwenang mengimpor data dari Excel (opd)" in err, err


def test_tim_monev_import_applies(siap: tuple[Path, Path, Any], monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str], env: Any) -> None:
    db, lk, prog = siap
    monkeypatch.setenv("PPID_PENGGUNA", "tim.monev")
    monkeypatch.setenv("PPID_KATA_SANDI", SANDI)
    assert cli.main(["--db", str(db), "impor", "jawaban", str(lk)]) == 0, capsys.readouterr().err
    jadwal = next(j for j, o in env.monev.daftar_jadwal(prog.id) if o.kode == "DISKOMINFO")
    sesi = env.monev.sesi_jadwal(jadwal.id)
    assert sesi is not None and env.monev.muat_sesi(sesi.id).jawaban  # the answers are recorded
