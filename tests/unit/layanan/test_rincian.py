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
