"""Data Master's demo filler: the office profile of Kota Salatiga, its OPD, pegawai, the demo accounts."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from sqlmodel import select

from ppid_desktop.akun import roles as R
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.db import bulk_insert
from ppid_desktop.core.demodata import GELAR, OPD_SALATIGA, DemoOptions, make_nip, person_name
from ppid_desktop.master.masukan import IsianPegawai, IsianProfil
from ppid_desktop.master.models import Pegawai, PerangkatDaerah

if TYPE_CHECKING:
    from ppid_desktop.services import Services


def fill(services: Services, actor: Actor, rng: random.Random, opt: DemoOptions) -> dict[str, int]:
    master = services.master
    master.simpan_profil(actor, IsianProfil.dari({
        "pemerintah": "PEMERINTAH KOTA SALATIGA",
        "perangkat_daerah": "DINAS KOMUNIKASI DAN INFORMATIKA",
        "sub_unit": "PPID Utama — DATA DEMO",
        "alamat": "Jalan Letjen Sukowati Nomor 51, Salatiga",
        "kota": "Salatiga", "kode_pos": "50724", "telepon": "(0298) 326767",
        "email": "ppid@salatiga.go.id", "website": "ppid.salatiga.go.id", "kertas": "F4",
        "font": "Arial", "kode_unit": "DISKOMINFO",
        "dpo_nama": "Kepala Bidang Persandian dan Statistik", "dpo_kontak": "pdp@salatiga.go.id",
    }))
    counts = {"opd": 0, "pegawai": 0, "pengguna": 0}
    with services.store.session(actor) as s:
        have = {o.kode for o in s.exec(select(PerangkatDaerah).where(PerangkatDaerah.deleted == False))}  # noqa: E712
        rows = []
        for kode, nama, singkat in OPD_SALATIGA[: max(1, min(opt.opd, len(OPD_SALATIGA)))]:
            if kode in have:
                continue
            kepala, sex = person_name(rng)
            ppid, _ = person_name(rng)
            rows.append({
                "kode": kode, "nama": nama, "singkatan": singkat, "alamat": "Salatiga",
                "kepala": f"{kepala}, {rng.choice(GELAR)}", "kepala_nip": make_nip(rng, sex),
                "ppid_pelaksana": f"{ppid}, {rng.choice(GELAR)}",
                "ppid_telepon": f"0812{rng.randint(10000000, 99999999)}",
                "ppid_email": f"ppid.{kode.lower()}@salatiga.go.id", "aktif": True,
            })
        counts["opd"] = bulk_insert(s, PerangkatDaerah, rows, "data demo OPD")
        kominfo = s.exec(select(PerangkatDaerah).where(PerangkatDaerah.kode == "DISKOMINFO")).first()
        have_pegawai = s.exec(select(Pegawai.id).where(Pegawai.deleted == False).limit(1)).first()  # noqa: E712
    if have_pegawai is None:
        staff = [
            ("Kepala Dinas Komunikasi dan Informatika", "Pembina Utama Muda", "IV/c", "surat_tugas,nota_dinas,berita_acara,laporan,surat_keluar,keputusan"),
            ("Sekretaris Daerah Kota Salatiga (Atasan PPID)", "Pembina Utama Madya", "IV/d", "keberatan,surat_keluar,keputusan"),
            ("Sekretaris Dinas Komunikasi dan Informatika", "Pembina", "IV/a", "nota_dinas,surat_keluar,laporan"),
            ("Kepala Bidang Informasi dan Komunikasi Publik (PPID)", "Pembina", "IV/a", "pemberitahuan,berita_acara,laporan"),
            ("Analis Kebijakan Ahli Muda", "Penata Tingkat I", "III/d", ""),
            ("Pranata Humas Ahli Pertama", "Penata Muda Tingkat I", "III/b", ""),
            ("Pengelola Layanan Informasi", "Penata Muda", "III/a", ""),
            ("Pranata Komputer Ahli Muda", "Penata", "III/c", ""),
        ]
        for jabatan, pangkat, gol, ttd in staff:
            nama, sex = person_name(rng)
            master.simpan_pegawai(actor, IsianPegawai.dari({
                "nama": f"{nama}, {rng.choice(GELAR)}", "nip": make_nip(rng, sex), "pangkat": pangkat,
                "golongan": gol, "jabatan": jabatan, "opd_id": kominfo.id if kominfo else None, "boleh_ttd": ttd,
            }))
            counts["pegawai"] += 1
    existing = {u.username for u in services.akun.list_users()}
    for username, nama, roles in (
        ("admin", "Administrator", [R.ADMIN]),
        ("petugas", "Petugas Layanan Informasi", [R.PETUGAS]),
        ("ppid", "PPID Utama", [R.PPID]),
        ("atasan", "Atasan PPID", [R.ATASAN]),
        ("monev", "Anggota Tim Monev", [R.MONEV]),
        ("sekretariat", "Sekretariat PPID", [R.SEKRETARIAT]),
    ):
        if username not in existing:
            services.akun.create_user(actor, username, nama, "rahasia123", roles)
            counts["pengguna"] += 1
    today = opt.today or services.clock.today()
    master.pastikan_tahun([today.year - 2, today.year - 1, today.year, today.year + 1])
    return counts
