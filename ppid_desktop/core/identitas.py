"""Identity-number checks: NIP (civil servants) and NIK (population register).

- NIP: 18 digits = birth date YYYYMMDD + TMT CPNS YYYYMM + sex (1 male, 2 female) + serial 3
  (Perka BKN 22/2007). Written in 8-6-1-3 groups.
- NIK: 16 digits = province 2 + kab/kota 2 + kecamatan 2 + birth date DDMMYY (day + 40 for women)
  + serial 4.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ppid_desktop.core.errors import UserError, ValidationError


class IdentitasError(UserError):
    pass


@dataclass(frozen=True)
class NipInfo:
    nip: str
    tanggal_lahir: date
    tmt_tahun: int
    tmt_bulan: int
    jenis_kelamin: str  # "L" | "P"
    urut: str


@dataclass(frozen=True)
class NikInfo:
    nik: str
    kode_wilayah: str
    tanggal_lahir: date
    jenis_kelamin: str  # "L" | "P"
    urut: str


def digits_only(text: str) -> str:
    """Strip spaces, dots, dashes and a leading apostrophe (as typed or pasted from Excel)."""
    return re.sub(r"[\s.\-'\u200b\u200c\u200d\u2060\ufeff]", "", str(text or "").strip())


def _ascii_digits(value: str, what: str, field: str) -> None:
    """Only ASCII 0–9: full-width, Arabic-Indic or superscript digits are named, not guessed at."""
    from ppid_desktop.core import teks

    try:
        teks.cek_angka(value, field, what)
    except ValidationError as exc:
        raise IdentitasError(exc.problems[field], field=field) from None
    odd = next((ch for ch in value if not ("0" <= ch <= "9")), None)
    if odd is not None:
        import unicodedata

        raise IdentitasError(
            f"{what} hanya boleh berisi angka 0–9; ditemukan '{odd}' "
            f"(U+{ord(odd):04X} {unicodedata.name(odd, '')}).".replace(" )", ")"), field=field)


def _today(hari_ini: date | None) -> date:
    """The date plausibility checks compare against: the caller's (its service clock), else the system's."""
    if hari_ini is not None:
        return hari_ini
    from ppid_desktop.core.clock import SYSTEM_CLOCK

    return SYSTEM_CLOCK.today()


def parse_nip(raw: str, hari_ini: date | None = None) -> NipInfo:
    """``hari_ini``: today by the caller's clock (one clock, issue #8); default the system clock."""
    nip = digits_only(raw)
    if not nip:
        raise IdentitasError("NIP wajib diisi.", field="nip")
    _ascii_digits(nip, "NIP", "nip")
    if len(nip) != 18:
        raise IdentitasError(f"NIP harus 18 digit (terisi {len(nip)} digit).", field="nip")
    try:
        lahir = date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise IdentitasError(
            f"NIP tidak valid: 8 digit pertama ({nip[0:8]}) bukan tanggal lahir yang mungkin.", field="nip"
        ) from None
    if not 1940 <= lahir.year <= _today(hari_ini).year - 15:
        raise IdentitasError(f"NIP tidak valid: tahun lahir {lahir.year} tidak wajar.", field="nip")
    tmt_tahun, tmt_bulan = int(nip[8:12]), int(nip[12:14])
    if not 1 <= tmt_bulan <= 12:
        raise IdentitasError(f"NIP tidak valid: bulan TMT CPNS ({nip[12:14]}) harus 01–12.", field="nip")
    if tmt_tahun < lahir.year + 15:
        raise IdentitasError(
            f"NIP tidak valid: tahun TMT CPNS {tmt_tahun} terlalu dekat dengan tahun lahir {lahir.year}.",
            field="nip",
        )
    sex = nip[14]
    if sex not in "12":
        raise IdentitasError(
            f"NIP tidak valid: digit ke-15 ({sex}) harus 1 (laki-laki) atau 2 (perempuan).", field="nip"
        )
    return NipInfo(nip, lahir, tmt_tahun, tmt_bulan, "L" if sex == "1" else "P", nip[15:])


def format_nip(raw: str) -> str:
    """``196804111993031009`` -> ``19680411 199303 1 009``; other input is returned as typed."""
    nip = digits_only(raw)
    if len(nip) == 18 and nip.isascii() and nip.isdigit():
        return f"{nip[0:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    return str(raw or "").strip()


def parse_nik(raw: str, hari_ini: date | None = None) -> NikInfo:
    """``hari_ini``: today by the caller's clock (decides the century of the birth year); default the system clock."""
    nik = digits_only(raw)
    if not nik:
        raise IdentitasError("NIK wajib diisi.", field="nik")
    _ascii_digits(nik, "NIK", "nik")
    if len(nik) != 16:
        raise IdentitasError(f"NIK harus 16 digit (terisi {len(nik)} digit).", field="nik")
    if int(nik[0:2]) < 11 or int(nik[0:2]) > 99:
        raise IdentitasError(f"NIK tidak valid: kode provinsi {nik[0:2]} tidak dikenal.", field="nik")
    if nik[2:4] == "00" or nik[4:6] == "00":
        raise IdentitasError("NIK tidak valid: kode kabupaten/kota atau kecamatan 00.", field="nik")
    day, month, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    sex = "L"
    if day > 40:
        day -= 40
        sex = "P"
    this_year = _today(hari_ini).year
    year = 2000 + yy if 2000 + yy <= this_year else 1900 + yy
    try:
        lahir = date(year, month, day)
    except ValueError:
        raise IdentitasError(
            f"NIK tidak valid: digit 7–12 ({nik[6:12]}) bukan tanggal lahir yang mungkin.", field="nik"
        ) from None
    if nik[12:] == "0000":
        raise IdentitasError("NIK tidak valid: nomor urut 0000.", field="nik")
    return NikInfo(nik, nik[0:6], lahir, sex, nik[12:])


def mask_nik(nik: str | None) -> str:
    """``3201011203800003`` -> ``3201••••••••0003`` (region prefix and serial only)."""
    n = digits_only(nik or "")
    if len(n) < 8:
        return "•" * len(n)
    return n[:4] + "•" * (len(n) - 8) + n[-4:]
