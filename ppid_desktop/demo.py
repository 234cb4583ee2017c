"""Realistic demo data: a Kota Salatiga office, its OPD, pegawai, users; rooms add their own.

Rooms register a filler in ``FILLERS`` (``fill(services, actor, rng, options) -> counts``).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import select

from ppid_desktop.akun import roles as R
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.db import bulk_insert
from ppid_desktop.master.models import Pegawai, PerangkatDaerah
from ppid_desktop.services import Services

OPD_SALATIGA: tuple[tuple[str, str, str], ...] = (
    ("SETDA", "Sekretariat Daerah", "Setda"),
    ("SETWAN", "Sekretariat DPRD", "Setwan"),
    ("INSP", "Inspektorat Daerah", "Inspektorat"),
    ("BAPPEDA", "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah", "Bapperida"),
    ("DISDIK", "Dinas Pendidikan", "Disdik"),
    ("DINKES", "Dinas Kesehatan", "Dinkes"),
    ("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR"),
    ("DPKP", "Dinas Perumahan dan Kawasan Permukiman", "Disperkim"),
    ("SATPOLPP", "Satuan Polisi Pamong Praja", "Satpol PP"),
    ("DINSOS", "Dinas Sosial", "Dinsos"),
    ("DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil"),
    ("DP3APPKB", "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan KB", "DP3APPKB"),
    ("DISHUB", "Dinas Perhubungan", "Dishub"),
    ("DISKOMINFO", "Dinas Komunikasi dan Informatika", "Diskominfo"),
    ("DKUKMP", "Dinas Koperasi, Usaha Kecil, Menengah dan Perindustrian", "DKUKMP"),
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP"),
    ("DISPORA", "Dinas Kepemudaan dan Olahraga", "Dispora"),
    ("DISBUDPAR", "Dinas Kebudayaan dan Pariwisata", "Disbudpar"),
    ("DISPERPUSIP", "Dinas Perpustakaan dan Kearsipan", "Dinperpus"),
    ("DISPERTAN", "Dinas Pertanian", "Dispertan"),
    ("DISDAG", "Dinas Perdagangan", "Disdag"),
    ("DLH", "Dinas Lingkungan Hidup", "DLH"),
    ("BKD", "Badan Keuangan Daerah", "BKD"),
    ("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM"),
    ("BPBD", "Badan Penanggulangan Bencana Daerah", "BPBD"),
    ("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik", "Kesbangpol"),
    ("RSUD", "Rumah Sakit Umum Daerah", "RSUD"),
    ("KEC-SIDOMUKTI", "Kecamatan Sidomukti", "Kec. Sidomukti"),
    ("KEC-SIDOREJO", "Kecamatan Sidorejo", "Kec. Sidorejo"),
    ("KEC-TINGKIR", "Kecamatan Tingkir", "Kec. Tingkir"),
    ("KEC-ARGOMULYO", "Kecamatan Argomulyo", "Kec. Argomulyo"),
)

NAMA_DEPAN_L = ("Agus", "Budi", "Dwi", "Eko", "Fajar", "Hendra", "Joko", "Rudi", "Slamet", "Teguh", "Wahyu",
                "Yusuf", "Bambang", "Arif", "Dedi", "Heru", "Imam", "Nugroho", "Rahmat", "Sigit")
NAMA_DEPAN_P = ("Ani", "Dewi", "Endang", "Fitri", "Indah", "Kartika", "Lestari", "Nur", "Ratna", "Sri",
                "Tri", "Wulan", "Yuni", "Retno", "Siti", "Rina", "Diah", "Anita", "Puji", "Eni")
NAMA_BELAKANG = ("Santoso", "Wibowo", "Prasetyo", "Handayani", "Susanti", "Setiawan", "Kurniawan",
                 "Rahayu", "Hidayat", "Saputra", "Wijaya", "Purnomo", "Lestari", "Utami", "Nugraha",
                 "Firmansyah", "Maharani", "Permana", "Suryani", "Hartono")
GELAR = ("S.Sos.", "S.Kom.", "S.E.", "S.H.", "S.T.", "S.IP.", "M.Si.", "M.M.", "M.Kom.", "S.Pd.")
PANGKAT = (("Penata Muda", "III/a"), ("Penata Muda Tingkat I", "III/b"), ("Penata", "III/c"),
           ("Penata Tingkat I", "III/d"), ("Pembina", "IV/a"), ("Pembina Tingkat I", "IV/b"),
           ("Pembina Utama Muda", "IV/c"))


@dataclass
class DemoOptions:
    permohonan: int = 300
    opd: int = 31
    seed: int = 2026
    today: date | None = None


Filler = Callable[[Services, Actor, random.Random, DemoOptions], dict[str, int]]
FILLERS: list[tuple[str, str]] = [
    # (module path, function name) filled by rooms, e.g. ("ppid_desktop.layanan.demo", "fill")
    ("ppid_desktop.layanan.demo", "fill"),
    ("ppid_desktop.monev.demo", "fill"),
    ("ppid_desktop.naskah.demo", "fill"),
]


def person_name(rng: random.Random, sex: str | None = None) -> tuple[str, str]:
    sex = sex or rng.choice("LP")
    first = rng.choice(NAMA_DEPAN_L if sex == "L" else NAMA_DEPAN_P)
    return f"{first} {rng.choice(NAMA_BELAKANG)}", sex


def make_nip(rng: random.Random, sex: str) -> str:
    born = date(rng.randint(1966, 1996), rng.randint(1, 12), rng.randint(1, 28))
    tmt_year = min(born.year + rng.randint(22, 30), 2024)
    return f"{born:%Y%m%d}{tmt_year}{rng.randint(1, 12):02d}{'1' if sex == 'L' else '2'}{rng.randint(1, 19):03d}"


def make_nik(rng: random.Random, sex: str | None = None) -> str:
    sex = sex or rng.choice("LP")
    born = date(rng.randint(1960, 2004), rng.randint(1, 12), rng.randint(1, 28))
    day = born.day + (40 if sex == "P" else 0)
    kec = rng.choice(("01", "02", "03", "04"))
    return f"3373{kec}{day:02d}{born.month:02d}{born.year % 100:02d}{rng.randint(1, 2999):04d}"


def fill_master(services: Services, actor: Actor, rng: random.Random, opt: DemoOptions) -> dict[str, int]:
    master = services.master
    master.save_profil(actor, {
        "pemerintah": "PEMERINTAH KOTA SALATIGA",
        "perangkat_daerah": "DINAS KOMUNIKASI DAN INFORMATIKA",
        "sub_unit": "PPID Utama — DATA DEMO",
        "alamat": "Jalan Letjen Sukowati Nomor 51, Salatiga",
        "kota": "Salatiga", "kode_pos": "50724", "telepon": "(0298) 326767",
        "email": "ppid@salatiga.go.id", "website": "ppid.salatiga.go.id", "kertas": "F4",
        "font": "Arial", "kode_unit": "DISKOMINFO",
        "dpo_nama": "Kepala Bidang Persandian dan Statistik", "dpo_kontak": "pdp@salatiga.go.id",
    })
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
            ("Kepala Dinas Komunikasi dan Informatika", "Pembina Utama Muda", "IV/c", "surat_tugas,nota_dinas,berita_acara,laporan,surat_keluar"),
            ("Sekretaris Daerah Kota Salatiga (Atasan PPID)", "Pembina Utama Madya", "IV/d", "keberatan,surat_keluar"),
            ("Sekretaris Dinas Komunikasi dan Informatika", "Pembina", "IV/a", "nota_dinas,surat_keluar,laporan"),
            ("Kepala Bidang Informasi dan Komunikasi Publik (PPID)", "Pembina", "IV/a", "pemberitahuan,berita_acara,laporan"),
            ("Analis Kebijakan Ahli Muda", "Penata Tingkat I", "III/d", ""),
            ("Pranata Humas Ahli Pertama", "Penata Muda Tingkat I", "III/b", ""),
            ("Pengelola Layanan Informasi", "Penata Muda", "III/a", ""),
            ("Pranata Komputer Ahli Muda", "Penata", "III/c", ""),
        ]
        for jabatan, pangkat, gol, ttd in staff:
            nama, sex = person_name(rng)
            master.save_pegawai(actor, {
                "nama": f"{nama}, {rng.choice(GELAR)}", "nip": make_nip(rng, sex), "pangkat": pangkat,
                "golongan": gol, "jabatan": jabatan, "opd_id": kominfo.id if kominfo else None, "boleh_ttd": ttd,
            })
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
    today = opt.today or date.today()
    master.ensure_years([today.year - 2, today.year - 1, today.year, today.year + 1])
    return counts


def fill(services: Services, actor: Actor, opt: DemoOptions) -> dict[str, Any]:
    """Fill every room with demo data; returns counts per room."""
    import importlib

    rng = random.Random(opt.seed)
    out: dict[str, Any] = {"master": fill_master(services, actor, rng, opt)}
    for module, func in FILLERS:
        filler: Filler = getattr(importlib.import_module(module), func)
        out[module.split(".")[-2]] = filler(services, actor, rng, opt)
    return out
