from __future__ import annotations

from datetime import date

import pytest

from ppid_desktop.core.identitas import IdentitasError, format_nip, mask_nik, parse_nik, parse_nip


def test_valid_nip_parts() -> None:
    info = parse_nip("19680411 199303 1 009")
    assert info.tanggal_lahir == date(1968, 4, 11)
    assert (info.tmt_tahun, info.tmt_bulan) == (1993, 3)
    assert info.jenis_kelamin == "L"
    assert info.urut == "009"
    assert parse_nip("'197001012000032001").jenis_kelamin == "P"


@pytest.mark.parametrize(("raw", "fragment"), [
    ("", "wajib"),
    ("1968041119930310", "18 digit"),
    ("19680411199303100X", "angka"),
    ("19681311199303 1 009", "tanggal lahir"),  # month 13
    ("19680230199303 1 009", "tanggal lahir"),  # 30 February
    ("19680411199313 1 009", "bulan TMT"),
    ("19680411199303 3 009", "digit ke-15"),
    ("19680411197003 1 009", "terlalu dekat"),
])
def test_invalid_nip_messages(raw: str, fragment: str) -> None:
    with pytest.raises(IdentitasError) as err:
        parse_nip(raw)
    assert fragment in err.value.message


def test_format_nip_groups() -> None:
    assert format_nip("196804111993031009") == "19680411 199303 1 009"
    assert format_nip("123") == "123"


def test_nik_female_birthdate_and_mask() -> None:
    info = parse_nik("3373015203900003")  # 12-03-1990 + 40 -> female
    assert info.tanggal_lahir == date(1990, 3, 12)
    assert info.jenis_kelamin == "P"
    assert info.kode_wilayah == "337301"
    assert mask_nik("3373015203900003") == "3373••••••••0003"
    assert parse_nik("3373011203051234").tanggal_lahir == date(2005, 3, 12)


@pytest.mark.parametrize(("raw", "fragment"), [
    ("337301520390000", "16 digit"),        # 15 digits
    ("3373013102900003", "tanggal lahir"),  # 31 February
    ("3373017203900003", "tanggal lahir"),  # day 32 (72-40)
    ("0573015203900003", "provinsi"),
    ("3373015203900000", "urut"),
    ("33730152039000a3", "angka"),
])
def test_invalid_nik(raw: str, fragment: str) -> None:
    with pytest.raises(IdentitasError) as err:
        parse_nik(raw)
    assert fragment in err.value.message


def test_today_comes_from_the_callers_clock() -> None:
    """One clock (issue #8): the birth-year plausibility and the NIK century follow the date passed in."""
    nip = "201001012030011001"  # born 2010: a civil servant only once 2010 is 15+ years ago
    with pytest.raises(IdentitasError, match="tahun lahir 2010"):
        parse_nip(nip, hari_ini=date(2020, 1, 1))
    assert parse_nip(nip, hari_ini=date(2030, 1, 1)).nip == nip
    nik = "3373010101300001"  # yy = 30: 2030 once that year has come, else 1930
    assert parse_nik(nik, hari_ini=date(2026, 6, 1)).tanggal_lahir.year == 1930
    assert parse_nik(nik, hari_ini=date(2031, 6, 1)).tanggal_lahir.year == 2030
