"""Typed inputs of the layanan room (issue #8): the dataclasses a form, the CLI or an import builds, and the
service methods that take them (the old dicts still work)."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ppid_desktop.core.errors import UserError, ValidationError
from ppid_desktop.layanan import impor
from ppid_desktop.layanan import rules as RU  # noqa: N812
from ppid_desktop.layanan.impor import BarisImpor
from ppid_desktop.layanan.masukan import (
    TETAP,
    BarisImporKeberatan,
    BarisImporPermohonan,
    KeberatanMasukan,
    KeputusanMasukan,
    KoreksiKeberatan,
    KoreksiPermohonan,
    KoreksiSengketa,
    PermohonanMasukan,
    PutusanKeberatanMasukan,
    SengketaMasukan,
)
from ppid_desktop.master.masukan import IsianOpd

teks = st.text(max_size=30)


@settings(max_examples=60, deadline=None)
@given(nama=teks, nik=teks, rincian=teks, kuasa=st.booleans(), opd=st.none() | teks,
       tgl=st.none() | st.dates(min_value=date(2008, 1, 1), max_value=date(2030, 12, 31)))
def test_a_request_input_round_trips_through_its_dict(nama: str, nik: str, rincian: str, kuasa: bool,
                                                      opd: str | None, tgl: date | None) -> None:
    m = PermohonanMasukan(nama=nama, nik=nik, rincian=rincian, kuasa=kuasa, opd_id=opd, tanggal_diterima=tgl)
    d = m.sebagai_dict()
    assert set(d) == {f.name for f in dataclasses.fields(PermohonanMasukan)}  # every field, None included
    assert PermohonanMasukan.dari_dict({**d, "asing": 1}) == m  # an unknown key is ignored


@settings(max_examples=60, deadline=None)
@given(nama=st.none() | teks, email=st.none() | teks, kuasa=st.none() | st.booleans())
def test_a_correction_carries_only_what_changes(nama: str | None, email: str | None, kuasa: bool | None) -> None:
    d = KoreksiPermohonan(nama=nama, email=email, kuasa=kuasa).sebagai_dict()
    assert d == {k: v for k, v in {"nama": nama, "email": email, "kuasa": kuasa}.items() if v is not None}


@settings(max_examples=60, deadline=None)
@given(isi=st.fixed_dictionaries({}, optional={"nama": teks, "alamat": teks, "email": teks, "nik": st.none() | teks,
                                              "opd_id": st.none() | teks, "tanpa_nik": st.booleans(),
                                              "tanggal_pemberitahuan": st.none() | st.dates()}))
def test_an_import_row_sets_only_the_file_s_columns(isi: dict[str, Any]) -> None:
    b = BarisImporPermohonan.dari(isi)
    assert b.diubah() == isi  # None is a value (a cleared cell), TETAP is "not in this file"
    assert all(getattr(b, f.name) is TETAP for f in dataclasses.fields(b) if f.name not in isi)
    assert BarisImpor("001", b).data == isi


def test_an_import_row_refuses_an_unknown_column_and_the_wrong_kind() -> None:
    with pytest.raises(UserError, match="Kolom impor tidak dikenal: warna"):
        BarisImporKeberatan.dari({"alasan": "b", "warna": "merah"})
    with pytest.raises(TypeError):
        impor.impor_permohonan(None, None, None, [BarisImpor("001", BarisImporKeberatan(alasan="b"))])  # type: ignore[arg-type]


def test_the_master_saves_take_the_typed_input_only(services: Any, admin: Any) -> None:
    with pytest.raises(TypeError):
        services.master.simpan_opd(admin, {"kode": "X", "nama": "Dinas X"})
    assert services.master.simpan_opd(admin, IsianOpd(kode="X", nama="Dinas X")).kode == "X"


def test_lists_become_tuples_and_back_and_cleared_dates_are_none() -> None:
    k = KeberatanMasukan.dari_dict({"alasan": ["a", "c"], "kasus_posisi": "x"})
    assert k.alasan == ("a", "c") and k.sebagai_dict()["alasan"] == ["a", "c"]
    assert hash(k)  # frozen: usable as a value
    with pytest.raises(dataclasses.FrozenInstanceError):
        k.kasus_posisi = "y"  # type: ignore[misc]
    g = KoreksiSengketa(tahap="ajudikasi", kosongkan=("tanggal_kasasi",))
    assert g.sebagai_dict() == {"tahap": "ajudikasi", "tanggal_kasasi": None}


def test_the_service_takes_typed_inputs_through_a_request_s_life(kantor: Any, petugas: Any, ppid: Any, admin: Any) -> None:
    lay = kantor.layanan
    p = lay.catat_permohonan(petugas, PermohonanMasukan(
        nama="Siti Aminah", nik="3373015507900004", tanggal_diterima=date(2026, 6, 1), rincian="DPA 2025",
        tujuan="Penelitian"))
    assert p.nomor and p.saluran == "langsung" and p.nik_mask == "3373••••••••0004"
    with pytest.raises(ValidationError) as err:
        lay.catat_permohonan(petugas, PermohonanMasukan(nama="Tanpa NIK", tanggal_diterima=date(2026, 6, 1),
                                                         rincian="x", tujuan="y"))
    assert "nik" in err.value.problems
    p = lay.ubah_permohonan(petugas, p.id, KoreksiPermohonan(email="siti@contoh.id"))
    assert p.email == "siti@contoh.id" and p.nama == "Siti Aminah"  # untouched fields stay
    lay.disposisi(petugas, p.id)
    p = lay.putuskan(ppid, p.id, KeputusanMasukan(keputusan=RU.DITOLAK, pasal17=("h",), uji_konsekuensi="BA 1/2026",
                                                  tanggal_pemberitahuan=date(2026, 6, 3)))
    assert p.keputusan == RU.DITOLAK and p.pasal17 == "h"
    k, _ = lay.catat_keberatan(petugas, p.id, KeberatanMasukan(tanggal_diterima=date(2026, 6, 4), alasan=("a",),
                                                                kasus_posisi="Ditolak tanpa alasan"))
    k = lay.ubah_keberatan(petugas, k.id, KoreksiKeberatan(kasus_posisi="Ditolak; uji konsekuensi tidak ada"))
    assert k.kasus_posisi.startswith("Ditolak;") and k.alasan == "a"
    k = lay.putus_keberatan(admin, k.id, PutusanKeberatanMasukan(putusan="ditolak", isi_tanggapan="Menguatkan",
                                                                 atasan_nama="Sekda", tanggal_tanggapan=date(2026, 6, 8)))
    assert k.status == RU.K_DIPUTUSKAN
    g, _ = lay.catat_sengketa(petugas, k.id, SengketaMasukan(tanggal_diajukan=date(2026, 6, 12), nomor_ki="010/2026"))
    g = lay.ubah_sengketa(petugas, g.id, KoreksiSengketa(tahap="ajudikasi"))
    assert g.tahap == "ajudikasi" and g.nomor_ki == "010/2026"
