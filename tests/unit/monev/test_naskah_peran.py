"""Issue #9 on the monev paperwork: drafting a monev naskah checks the acting account's role
(``monev.naskah_agenda.SYARAT_SUSUN``): allowed and refused roles, nothing written when refused."""

from __future__ import annotations

from typing import Any

import pytest

from ppid_desktop.akun import roles as R
from ppid_desktop.core.errors import PermissionDenied
from ppid_desktop.monev import naskah_agenda as NA
from tests.conftest import make_actor


def _prog(env: Any) -> Any:
    _inst, prog = env.program("kip_2025", n_opd=2)
    env.monev.atur_tim(env.actor, prog.id, [(env.pegawai_ids[0], "Ketua"), (env.pegawai_ids[1], "Anggota")])
    return prog


@pytest.mark.parametrize(("peran", "jenis", "boleh"), [
    (R.SEKRETARIAT, "sk-tim", True),
    (R.PPID, "sk-tim", True),
    (R.MONEV, "sk-tim", False),  # the team does not draft its own appointment
    (R.MONEV, "laporan-program", True),
    (R.PPID, "laporan-program", False),  # the team's report
    (R.MONEV, "undangan", True),
    (R.PPID, "undangan", True),
    (R.PETUGAS, "undangan", False),
    (R.ATASAN, "proposal", False),
    (R.MONEV, "notulen", True),
    (R.PETUGAS, "notulen", False),
])
def test_who_may_draft_which_monev_naskah(env: Any, peran: str, jenis: str, boleh: bool) -> None:
    prog = _prog(env)
    actor = make_actor(peran, username="uji")
    ttd = env.pegawai_ids[0] if jenis != "sk-tim" else None
    assert NA.boleh_susun(actor, jenis) is boleh
    if boleh:
        row = NA.siapkan(env.services, actor, jenis, prog.id, penandatangan_id=ttd)
        assert row.status == "konsep" and row.konseptor == "uji"
    else:
        with pytest.raises(PermissionDenied) as e:
            NA.siapkan(env.services, actor, jenis, prog.id, penandatangan_id=ttd)
        assert "tidak berwenang menyusun konsep" in str(e.value) and "uji" in str(e.value)
        assert NA.surat(env.services, jenis, prog.id) is None  # nothing written
