"""Fixtures for the monev room: a few OPD, pegawai, published shipped templates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from ppid_desktop.akun import roles as R
from ppid_desktop.core.actor import Actor
from ppid_desktop.master.masukan import IsianOpd, IsianPegawai
from tests.conftest import make_actor


@dataclass
class Env:
    services: Any
    actor: Actor
    opd_ids: list[str]
    pegawai_ids: list[str]

    @property
    def monev(self) -> Any:
        return self.services.monev

    def program(self, template: str = "kip_2025", n_opd: int = 3, **kw: Any) -> tuple[Any, Any]:
        inst = self.monev.impor_templat(self.actor, template) if not kw.get("instrumen") else kw.pop("instrumen")
        prog = self.monev.buat_program(self.actor, f"Monev {template}", inst.id, self.opd_ids[:n_opd], periode="2026", **kw)
        return inst, prog

    def sesi(self, prog: Any, i: int = 0) -> Any:
        jadwal = self.monev.daftar_jadwal(prog.id)[i][0]
        return self.monev.mulai_sesi(self.actor, jadwal.id)


@pytest.fixture
def env(profil: Any, admin: Actor) -> Env:
    svc = profil
    ids = []
    for kode, nama in (("DISKOMINFO", "Dinas Komunikasi dan Informatika"), ("DINKES", "Dinas Kesehatan"),
                       ("DISDIK", "Dinas Pendidikan"), ("BAPPEDA", "Bappeda")):
        ids.append(svc.master.simpan_opd(admin, IsianOpd.dari({"kode": kode, "nama": nama})).id)
    peg = [svc.master.simpan_pegawai(admin, IsianPegawai.dari({"nama": "Agus Santoso, S.Kom.", "nip": "198003152005011002",
                                          "jabatan": "Kepala Bidang IKP", "pangkat": "Pembina", "golongan": "IV/a",
                                          "boleh_ttd": "surat_tugas,berita_acara,laporan,surat_keluar"})).id,
           svc.master.simpan_pegawai(admin, IsianPegawai.dari({"nama": "Sri Lestari, S.Sos.", "nip": "198507202010012003",
                                          "jabatan": "Pranata Humas Ahli Pertama"})).id]
    return Env(svc, make_actor(R.MONEV, username="monev"), ids, peg)
