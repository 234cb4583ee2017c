"""Attendance of a monev rapat recorded as data (``monev.rapat``): the invitation's addressees plus extra
names, hadir/tidak, jabatan/instansi; printed in the daftar hadir and the notulen; bad input refused
with nothing written; a second save updates in place."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from pypdf import PdfReader

from ppid_desktop.akun import roles as R
from ppid_desktop.core.errors import PermissionDenied, ValidationError
from ppid_desktop.monev import rapat as RAPAT
from ppid_desktop.monev.cetak import cetak
from tests.conftest import make_actor


def _halaman(pdf: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages]


def _prog(env: Any) -> Any:
    _inst, prog = env.program("kip_2025", n_opd=2)
    env.monev.atur_tim(env.actor, prog.id, [(env.pegawai_ids[0], "Ketua"), (env.pegawai_ids[1], "Anggota")])
    return prog


def test_invitation_list_then_recorded_attendance_printed(env: Any) -> None:
    svc = env.services
    prog = _prog(env)
    peserta, tercatat = RAPAT.daftar_hadir(svc, prog.id)
    assert not tercatat and [p.instansi for p in peserta][:2] == ["Tim Monev", "Tim Monev"]
    assert sorted(p.instansi for p in peserta[2:]) == ["Dinas Kesehatan", "Dinas Komunikasi dan Informatika"]
    assert peserta[2].nama == "" and peserta[2].jabatan == f"Perwakilan {peserta[2].instansi}"
    assert all(p.hadir is None for p in peserta)
    # recorded: the team's Anggota absent, both unit representatives named, one extra guest
    peserta[1].hadir = False
    peserta[0].hadir = True
    peserta[2].nama, peserta[2].hadir = "Rudi Hartono, S.T.", True
    peserta[3].nama, peserta[3].hadir = "Dewi Kartika", True
    peserta.append(RAPAT.Peserta("Ir. Bambang Susilo", "Kepala Bagian Organisasi", "Sekretariat Daerah", True,
                                 sumber="tambahan"))
    rows = RAPAT.catat_hadir(svc, env.actor, prog.id, peserta)
    assert len(rows) == 5
    again, tercatat = RAPAT.daftar_hadir(svc, prog.id)
    assert tercatat and [p.hadir for p in again] == [True, False, True, True, True]
    assert again[4].sumber == "tambahan" and again[2].opd_id is not None and again[0].pegawai_id == env.pegawai_ids[0]
    # the notulen: how many came, who did not, and the daftar hadir with the Kehadiran column
    from ppid_desktop.monev import naskah_agenda as NA

    sek = make_actor(R.SEKRETARIAT, username="sek")
    draft = NA.siapkan(svc, sek, "notulen", prog.id, penandatangan_id=env.pegawai_ids[0])
    pages = _halaman(svc.agenda.cetak(draft.id))
    assert "4 orang hadir dari 5 peserta tercatat" in pages[0] and "Tidak hadir" in pages[0]
    assert "Sri Lestari" in pages[0]  # the absent one named
    last = pages[-1]
    assert "DAFTAR HADIR" in last and "Hadir 4 orang, tidak hadir 1 orang" in last and "Kehadiran" in last
    assert "Rudi Hartono, S.T." in last and "Ir. Bambang Susilo" in last and "Sekretariat Daerah" in last
    assert "Tidak hadir" in last
    # the undangan's daftar hadir shows the recorded names too
    und = " ".join(_halaman(cetak(svc, "undangan", prog.id)))
    assert "Ir. Bambang Susilo" in und and "Kehadiran" in und
    # a second save with fewer rows updates in place and tombstones the rest
    ids = [r.id for r in rows]
    rows2 = RAPAT.catat_hadir(svc, env.actor, prog.id, again[:3])
    assert [r.id for r in rows2] == ids[:3] and len(RAPAT.daftar_hadir(svc, prog.id)[0]) == 3


def test_bad_attendance_is_refused_and_nothing_written(env: Any) -> None:
    svc = env.services
    prog = _prog(env)
    peserta, _ = RAPAT.daftar_hadir(svc, prog.id)
    peserta[2].hadir = True  # a present unit representative without a name
    peserta.append(RAPAT.Peserta("", "", "", False))
    with pytest.raises(ValidationError) as e:
        RAPAT.catat_hadir(svc, env.actor, prog.id, peserta)
    msg = str(e.value)
    assert f"baris 3 ({peserta[2].jabatan}): peserta yang hadir harus bernama" in msg
    assert "baris 5: isi nama atau jabatan" in msg
    assert RAPAT.daftar_hadir(svc, prog.id)[1] is False
    with pytest.raises(ValidationError, match="kosong"):
        RAPAT.catat_hadir(svc, env.actor, prog.id, [])
    with pytest.raises(PermissionDenied, match="daftar hadir"):
        RAPAT.catat_hadir(svc, make_actor(R.PETUGAS, username="petugas"), prog.id, peserta[:2])
    assert RAPAT.daftar_hadir(svc, prog.id)[1] is False


def test_attendance_rows_carry_the_natural_id_of_their_place_so_two_laptops_merge_them(env: Any) -> None:
    """The same rapat recorded on two laptops is one list after a sync: each row's id is the UUIDv5 of
    (programme, rapat, position), the same everywhere, so the merge meets the same record instead of
    adding a second row per person."""
    from ppid_desktop.sinkron.identitas import id_alami

    svc = env.services
    prog = _prog(env)
    peserta, _ = RAPAT.daftar_hadir(svc, prog.id)
    for p in peserta:
        p.nama, p.hadir = p.nama or "Wakil", True
    rows = RAPAT.catat_hadir(svc, env.actor, prog.id, peserta)
    assert [r.id for r in rows] == [id_alami("monev_hadir_rapat", prog.id, r.rapat, r.urutan) for r in rows]
    assert len({r.id for r in rows}) == len(rows)
    again = RAPAT.catat_hadir(svc, env.actor, prog.id, peserta[:-1])  # a shorter list keeps the ids it reuses
    assert [r.id for r in again] == [r.id for r in rows[:-1]]
