from __future__ import annotations

from datetime import date, timedelta

import pytest

from ppid_desktop.core.tanggal import (
    BULAN,
    HARI,
    bulan_romawi,
    nama_hari,
    parse_tanggal,
    tanggal_angka,
    tanggal_hari,
    tanggal_kata,
    tanggal_panjang,
    terbilang,
)

# Independent of HARI: weekday() number -> expected Indonesian name.
WEEKDAY_ID = {0: "Senin", 1: "Selasa", 2: "Rabu", 3: "Kamis", 4: "Jumat", 5: "Sabtu", 6: "Minggu"}


def test_names() -> None:
    assert len(HARI) == 7 and len(BULAN) == 12
    assert BULAN[2] == "Maret" and BULAN[7] == "Agustus" and BULAN[11] == "Desember"


@pytest.mark.parametrize(
    ("d", "hari"),
    [
        (date(2026, 3, 16), "Senin"),
        (date(2026, 11, 22), "Minggu"),
        (date(2026, 8, 17), "Senin"),
        (date(2026, 1, 1), "Kamis"),
        (date(2026, 12, 25), "Jumat"),
    ],
)
def test_known_weekdays(d: date, hari: str) -> None:
    assert nama_hari(d) == hari
    assert tanggal_kata(d).startswith(f"Pada hari ini {hari} tanggal ")


def test_tanggal_panjang_and_hari() -> None:
    assert tanggal_panjang(date(2026, 3, 16)) == "16 Maret 2026"
    assert tanggal_panjang(date(2026, 3, 6)) == "6 Maret 2026"
    assert tanggal_hari(date(2026, 3, 16)) == "Senin, 16 Maret 2026"
    assert tanggal_angka(date(2026, 11, 2)) == "02-11-2026"


def test_tanggal_kata_examples() -> None:
    assert tanggal_kata(date(2026, 3, 16)) == (
        "Pada hari ini Senin tanggal enam belas bulan Maret tahun dua ribu dua puluh enam"
    )
    assert tanggal_kata(date(2026, 11, 22)) == (
        "Pada hari ini Minggu tanggal dua puluh dua bulan November tahun dua ribu dua puluh enam"
    )
    assert tanggal_kata(date(2026, 8, 1), pembuka="") == (
        "Sabtu tanggal satu bulan Agustus tahun dua ribu dua puluh enam"
    )


def test_tanggal_kata_every_day_of_2026() -> None:
    d = date(2026, 1, 1)
    count = 0
    while d.year == 2026:
        words = tanggal_kata(d)
        expected = (
            f"Pada hari ini {WEEKDAY_ID[d.weekday()]} tanggal {terbilang(d.day)} "
            f"bulan {BULAN[d.month - 1]} tahun dua ribu dua puluh enam"
        )
        assert words == expected
        assert not any(ch.isdigit() for ch in words)
        d += timedelta(days=1)
        count += 1
    assert count == 365


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "nol"),
        (1, "satu"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (12, "dua belas"),
        (19, "sembilan belas"),
        (20, "dua puluh"),
        (31, "tiga puluh satu"),
        (100, "seratus"),
        (115, "seratus lima belas"),
        (1000, "seribu"),
        (2026, "dua ribu dua puluh enam"),
    ],
)
def test_terbilang(n: int, words: str) -> None:
    assert terbilang(n) == words


def test_terbilang_rejects_non_int() -> None:
    with pytest.raises(TypeError):
        terbilang(1.5)  # type: ignore[arg-type]


def test_bulan_romawi() -> None:
    assert [bulan_romawi(m) for m in range(1, 13)] == [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
    ]
    with pytest.raises(ValueError):
        bulan_romawi(13)
    with pytest.raises(ValueError):
        bulan_romawi(0)


@pytest.mark.parametrize(
    "text",
    [
        "16 Maret 2026",
        "16 maret 2026",
        "16 MARET 2026",
        "16 Mar 2026",
        "16 mar. 2026",
        "  16   Maret  2026 ",
        "16/03/2026",
        "16/3/2026",
        "16-03-2026",
        "16.03.2026",
        "2026-03-16",
    ],
)
def test_parse_tanggal_variants(text: str) -> None:
    assert parse_tanggal(text) == date(2026, 3, 16)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 Jan 2026", date(2026, 1, 1)),
        ("2 Feb 2026", date(2026, 2, 2)),
        ("3 Apr 2026", date(2026, 4, 3)),
        ("4 Mei 2026", date(2026, 5, 4)),
        ("5 Jun 2026", date(2026, 6, 5)),
        ("6 Jul 2026", date(2026, 7, 6)),
        ("17 Agu 2026", date(2026, 8, 17)),
        ("17 Agt 2026", date(2026, 8, 17)),
        ("17 Agustus 2026", date(2026, 8, 17)),
        ("7 Sep 2026", date(2026, 9, 7)),
        ("8 Okt 2026", date(2026, 10, 8)),
        ("22 Nov 2026", date(2026, 11, 22)),
        ("25 Des 2026", date(2026, 12, 25)),
        ("29 Februari 2028", date(2028, 2, 29)),
    ],
)
def test_parse_tanggal_short_months(text: str, expected: date) -> None:
    assert parse_tanggal(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "30 Februari 2026",
        "29 Februari 2026",
        "31 April 2026",
        "31/06/2026",
        "2026-13-01",
        "16 Maretz 2026",
        "16 March 2026",
        "Senin",
        "",
        "16/03/26",
    ],
)
def test_parse_tanggal_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_tanggal(text)


def test_parse_tanggal_message_is_indonesian() -> None:
    with pytest.raises(ValueError, match="Tanggal tidak ada"):
        parse_tanggal("30 Februari 2026")
    with pytest.raises(ValueError, match="tidak dikenal"):
        parse_tanggal("kemarin")
