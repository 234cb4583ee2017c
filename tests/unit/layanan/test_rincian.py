"""The compact deadline explanation gives back exactly what the working calendar computed."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from ppid_desktop.core import kalender as K
from ppid_desktop.layanan import rincian

ENTRIES = [
    K.Entry(date(2026, 3, 18), K.CUTI_BERSAMA, "Cuti Bersama Hari Suci Nyepi"),
    K.Entry(date(2026, 3, 19), K.LIBUR_NASIONAL, "Hari Suci Nyepi"),
    K.Entry(date(2026, 3, 21), K.LIBUR_NASIONAL, "Libur di hari Sabtu"),
    K.Entry(date(2026, 3, 28), K.HARI_KERJA_PENGGANTI, "Masuk pengganti"),
    K.Entry(date(2026, 12, 25), K.LIBUR_NASIONAL, "Hari Raya Natal"),
]


@settings(max_examples=200, deadline=None)
@given(start=st.dates(date(2026, 1, 2), date(2026, 12, 1)), n=st.sampled_from([7, 10, 14, 30]),
       ext=st.booleans(), sabtu=st.booleans())
def test_pack_unpack_is_exact(start: date, n: int, ext: bool, sabtu: bool) -> None:
    cal = K.WorkCalendar.from_entries(ENTRIES, K.Kebijakan(sabtu_hari_kerja=sabtu))
    awal = cal.add_workdays(start, n, "v1")
    full = {"awal": awal.to_dict(), "perpanjangan": cal.add_workdays(awal.jatuh_tempo, 7, "v1").to_dict() if ext else None}
    packed = rincian.pack(full)
    assert rincian.unpack(packed) == full
    assert len(packed) < len(json.dumps(full, ensure_ascii=False))
    one = cal.add_workdays(start, 30, "v1").to_dict()
    assert rincian.unpack(rincian.pack_one(one)) == one


def test_first_release_text_and_garbage_are_read() -> None:
    full = {"awal": {"mulai": "2026-03-16", "hari_kerja": 10, "tenggat": "2026-03-30", "hari_dilewati": [],
                     "versi_kalender": "x"}, "perpanjangan": None}
    assert rincian.unpack(json.dumps(full)) == full
    assert rincian.unpack("") == {} and rincian.unpack("{rusak") == {} and rincian.unpack("[1]") == {}


@settings(max_examples=200, deadline=None)
@given(start=st.dates(date(2026, 1, 2), date(2026, 12, 1)), ext=st.booleans(), sabtu=st.booleans(),
       n=st.sampled_from([10, 10, 10, 9]))
def test_form2_relative_to_the_row_is_exact(start: date, ext: bool, sabtu: bool, n: int) -> None:
    """Form 2 keeps only what the row does not give; read back with the row it is the full explanation.
    A part that does not match the row (another length here) keeps form 1."""
    cal = K.WorkCalendar.from_entries(ENTRIES, K.Kebijakan(sabtu_hari_kerja=sabtu))
    awal = cal.add_workdays(start, n, "v1")
    t7 = cal.add_workdays(awal.jatuh_tempo, 7, "v1") if ext else None
    full = {"awal": awal.to_dict(), "perpanjangan": t7.to_dict() if t7 else None}
    row = {"tanggal_diterima": start, "tenggat": awal.jatuh_tempo, "versi_kalender": "v1",
           "tenggat_perpanjangan": t7.jatuh_tempo if t7 else None}
    packed = rincian.pack_row(full, row)
    assert packed.startswith('{"k":2') == (n == 10)
    assert rincian.unpack_row(packed, row) == full
    assert len(packed) <= len(rincian.pack(full))
    assert rincian.to_form2(rincian.pack(full), row) == packed  # the migration's rewrite is the same text
    first = json.dumps(full)  # first-release text: rewritten when it matches, else left as it is
    assert rincian.to_form2(first, row) == (packed if n == 10 else first)


def test_form2_without_holidays_is_eight_bytes_and_garbage_stays() -> None:
    cal = K.WorkCalendar.from_entries([], K.Kebijakan())
    awal = cal.add_workdays(date(2026, 5, 4), 10, "v1")
    row = {"tanggal_diterima": "2026-05-04", "tenggat": awal.jatuh_tempo.isoformat(), "versi_kalender": "v1",
           "tenggat_perpanjangan": None}
    assert rincian.pack_row({"awal": awal.to_dict(), "perpanjangan": None}, row) == '{"k":2}'
    assert rincian.unpack_row('{"k":2}', row)["awal"]["hari_dilewati"][0]["alasan"].startswith("Akhir pekan")
    assert rincian.unpack_row("rusak", row) == {} and rincian.to_form2("rusak", row) == "rusak"
    other = {**row, "versi_kalender": "v2"}  # another version: the stored text keeps its own (form 1)
    assert rincian.pack_row({"awal": awal.to_dict(), "perpanjangan": None}, other).startswith('{"k":1')
