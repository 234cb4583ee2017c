"""The view model the screens disable with (``SesiData.alasan_tolak``) agrees with the service: for every role
and session state, an act it allows is accepted and an act it refuses is refused (real SQLite file)."""

from __future__ import annotations

from typing import Any

import pytest

from ppid_desktop.akun import roles as R
from ppid_desktop.core.errors import UserError
from tests.conftest import make_actor


def _coba(fn: Any) -> bool:
    try:
        fn()
    except UserError:  # PermissionDenied is a UserError too
        return False
    return True


@pytest.mark.parametrize("role", R.ROLES)
def test_view_model_and_service_agree_for_every_role(env: Any, role: str) -> None:
    m = env.monev
    _, prog = env.program("ppid_checklist", n_opd=1)
    sesi = env.sesi(prog)
    actor = make_actor(role, username="uji")
    kode = m.muat_sesi(sesi.id).defn.pertanyaan()[0].kode
    draf = m.muat_sesi(sesi.id)
    assert (draf.alasan_tolak(actor, "isi") is None) == _coba(lambda: m.jawab(actor, sesi.id, kode, "ya"))
    assert (draf.alasan_tolak(actor, "verifikasi") is None) == _coba(
        lambda: m.jawab(actor, sesi.id, kode, "ya", verifikasi=True))
    assert (draf.alasan_tolak(actor, "sanggah") is None) == _coba(
        lambda: m.ajukan_sanggah(actor, sesi.id, "Bukti ada", diajukan_oleh="Dinas"))
    m.tambah_responden(env.actor, sesi.id, "Budi", "Kabid")
    m.finalisasi(env.actor, sesi.id, paksa=True)
    final = m.muat_sesi(sesi.id)
    assert final.alasan_tolak(actor, "isi") is not None  # locked for everyone, the admin included
    assert not _coba(lambda: m.jawab(actor, sesi.id, kode, "tidak"))
    assert (final.alasan_tolak(actor, "verifikasi") is None) == _coba(
        lambda: m.jawab_verifikasi_final(actor, sesi.id, kode, "ya"))
    assert (final.alasan_tolak(actor, "sanggah") is None) == _coba(
        lambda: m.ajukan_sanggah(actor, sesi.id, "Bukti ada", diajukan_oleh="Dinas"))
    if not m.muat_sesi(sesi.id).sanggah:  # this role may not file one: file it as the Tim Monev
        m.ajukan_sanggah(env.actor, sesi.id, "Bukti ada", diajukan_oleh="Dinas")
    after = m.muat_sesi(sesi.id)
    assert (after.alasan_tolak(actor, "jawab_sanggah") is None) == _coba(
        lambda: m.jawab_sanggah(actor, after.sanggah[0].id, "ditolak", "Bukti tidak sesuai"))
