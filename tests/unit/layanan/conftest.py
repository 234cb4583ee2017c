"""Fixtures for the layanan room: an office with two OPD, actors per role, a fixed 'today'."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from ppid_desktop.akun import roles as R  # noqa: N812
from ppid_desktop.master.masukan import IsianOpd, IsianPegawai
from tests.conftest import make_actor

HARI_INI = date(2026, 6, 15)


@pytest.fixture
def kantor(profil: Any, admin: Any) -> Any:
    svc = profil
    svc.master.simpan_opd(admin, IsianOpd.dari({"kode": "DINKES", "nama": "Dinas Kesehatan", "singkatan": "Dinkes"}))
    svc.master.simpan_opd(admin, IsianOpd.dari({"kode": "DPUPR", "nama": "Dinas Pekerjaan Umum dan Penataan Ruang", "singkatan": "DPUPR"}))
    svc.master.simpan_pegawai(admin, IsianPegawai.dari({"nama": "Dra. Sri Lestari, M.Si.", "nip": "196804111993032009",
                                    "jabatan": "Kepala Bidang IKP (PPID)", "boleh_ttd": "pemberitahuan"}))
    svc.layanan.clock = lambda: HARI_INI
    return svc


@pytest.fixture
def opd(kantor: Any) -> dict[str, str]:
    return {o.kode: o.id for o in kantor.master.daftar_opd()}


@pytest.fixture
def petugas() -> Any:
    return make_actor(R.PETUGAS, username="petugas")


@pytest.fixture
def ppid() -> Any:
    return make_actor(R.PPID, username="ppid")


@pytest.fixture
def atasan() -> Any:
    return make_actor(R.ATASAN, username="atasan")


def data_permohonan(**kw: Any) -> dict[str, Any]:
    base = {
        "tanggal_diterima": date(2026, 6, 1), "saluran": "langsung", "jenis_pemohon": "perorangan",
        "nama": "Budi Santoso", "nik": "3373011203800003", "alamat": "Jl. Diponegoro 10, Salatiga",
        "pekerjaan": "Wiraswasta", "telepon": "081234567890", "email": "budi@example.com",
        "rincian": "Salinan DPA Dinas Kesehatan tahun 2025", "tujuan": "Penelitian skripsi",
        "cara_memperoleh": "salinan_softcopy", "cara_salinan": "email",
    }
    base.update(kw)
    return base
