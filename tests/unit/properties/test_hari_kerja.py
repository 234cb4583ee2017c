"""Working-day arithmetic as properties (hypothesis), on the real Indonesian calendar of 2025–2027 plus
random office days (local holidays, closures, replacement working days) and both cuti-bersama policies."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from ppid_desktop.core import kalender as K

YEARS = (2025, 2026, 2027)
PACKAGE = [e for y in YEARS for e in K.package_entries(y)]
DATES = st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 9, 30))


@st.composite
def calendars(draw: st.DrawFn) -> K.WorkCalendar:
    kind = st.sampled_from((K.LIBUR_LOKAL, K.KANTOR_TUTUP, K.HARI_KERJA_PENGGANTI))
    extra = draw(st.lists(st.builds(lambda d, j: K.Entry(d, j, "Hari kantor"), DATES, kind), max_size=12))
    policy = K.Kebijakan(cuti_bersama_hari_kerja=draw(st.booleans()))
    return K.WorkCalendar.from_entries(PACKAGE + extra, policy)


@settings(max_examples=80, deadline=None)
@given(cal=calendars(), start=DATES, n=st.integers(0, 45))
def test_counting_back_gives_n_and_the_due_day_is_a_working_day(cal: K.WorkCalendar, start: date, n: int) -> None:
    t = cal.add_workdays(start, n)
    assert cal.workdays_between(start, t.jatuh_tempo) == n
    assert cal.workdays_between(t.jatuh_tempo, start) == -n
    if n:
        assert cal.is_workday(t.jatuh_tempo)
        assert cal.reason_closed(t.jatuh_tempo) is None
    # every skipped day has a reason and really is closed; no working day is skipped
    assert all(d.alasan and not cal.is_workday(d.tanggal) for d in t.dilewati)
    assert (t.jatuh_tempo - start).days == n + len(t.dilewati)


@settings(max_examples=60, deadline=None)
@given(cal=calendars(), start=DATES, n=st.integers(1, 45))
def test_the_due_day_is_never_a_weekend_holiday_or_closure_unless_made_a_working_day(
        cal: K.WorkCalendar, start: date, n: int) -> None:
    due = cal.add_workdays(start, n).jatuh_tempo
    entries = {e.jenis for e in cal._day_entries(due)}
    if K.HARI_KERJA_PENGGANTI not in entries:
        assert due.weekday() != 6
        assert due.weekday() != 5 or cal.kebijakan.sabtu_hari_kerja
        closed = {K.LIBUR_NASIONAL, K.LIBUR_LOKAL, K.KANTOR_TUTUP}
        if not cal.kebijakan.cuti_bersama_hari_kerja:
            closed.add(K.CUTI_BERSAMA)
        assert not (entries & closed)


@settings(max_examples=60, deadline=None)
@given(cal=calendars(), start=DATES, n=st.integers(0, 44), later=st.integers(0, 20))
def test_monotonic_in_n_and_in_the_start_day(cal: K.WorkCalendar, start: date, n: int, later: int) -> None:
    due = cal.add_workdays(start, n).jatuh_tempo
    assert cal.add_workdays(start, n + 1).jatuh_tempo > due
    assert cal.add_workdays(start + timedelta(days=later), n).jatuh_tempo >= due


@settings(max_examples=40, deadline=None)
@given(start=DATES, n=st.integers(0, 45))
def test_counting_cuti_bersama_as_working_days_never_makes_a_deadline_later(start: date, n: int) -> None:
    libur = K.WorkCalendar.from_entries(PACKAGE, K.Kebijakan(cuti_bersama_hari_kerja=False))
    kerja = K.WorkCalendar.from_entries(PACKAGE, K.Kebijakan(cuti_bersama_hari_kerja=True))
    assert kerja.add_workdays(start, n).jatuh_tempo <= libur.add_workdays(start, n).jatuh_tempo
