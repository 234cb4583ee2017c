"""Typed inputs of Data Master (``master.masukan``): a change names only what it changes, a form's unknown
field is refused, the service takes them (real SQLite file)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ppid_desktop.core.actor import Actor
from ppid_desktop.core.errors import UserError, ValidationError
from ppid_desktop.master.masukan import TETAP, IsianOpd, IsianPegawai, IsianProfil
from ppid_desktop.monev.masukan import IsianProgram
from ppid_desktop.services import Services


def test_a_partial_change_keeps_the_other_fields(profil: Services, admin: Actor) -> None:
    m = profil.master
    opd = m.simpan_opd(admin, IsianOpd(kode="DINKES", nama="Dinas Kesehatan", ppid_pelaksana="Sekretaris Dinkes"))
    m.simpan_opd(admin, IsianOpd(nama="Dinas Kesehatan Kota"), opd.id)
    (row,) = m.daftar_opd()
    assert (row.kode, row.nama, row.ppid_pelaksana) == ("DINKES", "Dinas Kesehatan Kota", "Sekretaris Dinkes")
    with pytest.raises(ValidationError) as exc:  # a new record must name the required fields
        m.simpan_pegawai(admin, IsianPegawai(nip="198003152005011002"))
    assert set(exc.value.problems) >= {"nama", "jabatan"}
    p = m.simpan_pegawai(admin, IsianPegawai(nama="Agus Santoso", jabatan="Kepala Dinas", nip="19800315 200501 1 002",
                                           opd_id="", boleh_ttd="surat_keluar"))
    assert p.nip == "198003152005011002" and p.opd_id is None
    m.simpan_profil(admin, IsianProfil(kota="Salatiga", ukuran_font=11.5))
    pr = m.profil()
    assert pr.kota == "Salatiga" and pr.ukuran_font == 11.5 and pr.pemerintah  # the rest kept


def test_a_form_field_the_input_does_not_know_is_refused() -> None:
    with pytest.raises(UserError, match="Isian tidak dikenal: warna"):
        IsianOpd.dari({"kode": "X", "warna": "merah"})
    assert IsianPegawai.dari({"nama": "A"}).diubah() == {"nama": "A"}


@given(st.dictionaries(st.sampled_from(["nama", "periode", "dasar", "status"]), st.text(max_size=20)))
def test_only_the_named_fields_change(data: dict[str, str]) -> None:
    isian = IsianProgram.dari(data)
    assert isian.diubah() == data
    assert all(getattr(isian, k) is TETAP for k in {"nama", "periode", "dasar", "status"} - set(data))


def test_the_profile_input_names_every_profile_field() -> None:
    """A field the service validates but the typed input lacks is refused as "tidak dikenal" by the form
    (the Setda kop fields were once added to one side only)."""
    from dataclasses import fields

    from ppid_desktop.master.service import PROFIL_FIELDS

    assert {f.name for f in PROFIL_FIELDS} <= {f.name for f in fields(IsianProfil)}
