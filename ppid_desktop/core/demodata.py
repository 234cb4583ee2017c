"""Demo-data helpers every room's filler shares (Qt-free, no room imports): the OPD of Kota Salatiga,
Indonesian names, NIP and NIK generators, and the options of one ``ppid demo`` run."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

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
    massal: bool | None = None  # a bulk load (rows drawn by a child process); None: by size (layanan.demo)


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
