"""Working-day arithmetic on the real 2026 Indonesian calendar (holidays package + office policy)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ppid_desktop.core import kalender as K
from ppid_desktop.core.errors import UserError, ValidationError
from ppid_desktop.master.masukan import IsianProfil


def cal(cuti_kerja: bool = False, extra: list[K.Entry] | None = None) -> K.WorkCalendar:
    entries = K.package_entries(2026) + K.package_entries(2027) + K.package_entries(2025) + (extra or [])
    return K.WorkCalendar.from_entries(entries, K.Kebijakan(cuti_bersama_hari_kerja=cuti_kerja))


def test_2026_package_matches_skb() -> None:
    entries = K.package_entries(2026)
    cuti = sorted(e.tanggal for e in entries if e.jenis == K.CUTI_BERSAMA)
    assert cuti == [date(2026, 2, 16), date(2026, 3, 18), date(2026, 3, 20), date(2026, 3, 23), date(2026, 3, 24),
                    date(2026, 5, 15), date(2026, 5, 28), date(2026, 12, 24)]
    assert len({e.tanggal for e in entries if e.jenis == K.LIBUR_NASIONAL}) == 17


def test_idul_fitri_and_nyepi_week_default_policy() -> None:
    t = cal().add_workdays(date(2026, 3, 16), 10)
    assert t.jatuh_tempo == date(2026, 4, 7)
    skipped = {d.tanggal: d.alasan for d in t.dilewati}
    assert "Nyepi" in skipped[date(2026, 3, 19)]
    assert skipped[date(2026, 3, 23)].startswith("Cuti bersama")
    assert "Wafat Yesus Kristus" in skipped[date(2026, 4, 3)]
    assert skipped[date(2026, 3, 28)] == "Akhir pekan (Sabtu)"


def test_cuti_bersama_counted_as_workday_policy() -> None:
    t = cal(cuti_kerja=True).add_workdays(date(2026, 3, 16), 10)
    assert t.jatuh_tempo == date(2026, 3, 31)
    assert all(not d.alasan.startswith("Cuti bersama") for d in t.dilewati)


def test_friday_receipt_counts_from_monday() -> None:
    t = cal().add_workdays(date(2026, 6, 5), 1)  # Friday
    assert t.jatuh_tempo == date(2026, 6, 8)
    assert [d.tanggal for d in t.dilewati] == [date(2026, 6, 6), date(2026, 6, 7)]


def test_christmas_and_new_year() -> None:
    # 24 Dec cuti bersama, 25 Dec Natal, weekend 26-27, 1 Jan 2027 Tahun Baru.
    t = cal().add_workdays(date(2026, 12, 23), 4)
    assert t.jatuh_tempo == date(2026, 12, 31)
    assert [d.tanggal for d in t.dilewati][:2] == [date(2026, 12, 24), date(2026, 12, 25)]
    t2 = cal().add_workdays(date(2026, 12, 23), 5)
    assert t2.jatuh_tempo == date(2027, 1, 4)
    assert date(2027, 1, 1) in {d.tanggal for d in t2.dilewati}


def test_extension_17_days() -> None:
    assert cal().add_workdays(date(2026, 3, 16), 17).jatuh_tempo == date(2026, 4, 16)


def test_local_holiday_and_replacement_workday() -> None:
    extra = [K.Entry(date(2026, 7, 1), K.LIBUR_LOKAL, "Hari Jadi Kota"),
             K.Entry(date(2026, 7, 4), K.HARI_KERJA_PENGGANTI, "Pengganti")]
    c = cal(extra=extra)
    assert not c.is_workday(date(2026, 7, 1))
    assert c.reason_closed(date(2026, 7, 1)) == "Libur daerah: Hari Jadi Kota"
    assert c.is_workday(date(2026, 7, 4))  # a Saturday made a working day
    assert c.add_workdays(date(2026, 6, 30), 3).jatuh_tempo == date(2026, 7, 4)


def test_workdays_between_is_inverse_of_add() -> None:
    c = cal()
    assert c.workdays_between(date(2026, 3, 16), date(2026, 4, 7)) == 10
    assert c.workdays_between(date(2026, 4, 7), date(2026, 3, 16)) == -10


def test_out_of_range_date_is_user_error() -> None:
    with pytest.raises(UserError, match="di luar rentang"):
        cal().add_workdays(date(2101, 1, 1), 3)


@settings(max_examples=60, deadline=None)
@given(start=st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 6, 30)), n=st.integers(0, 40))
def test_add_workdays_properties(start: date, n: int) -> None:
    c = cal()
    t = c.add_workdays(start, n)
    assert c.workdays_between(start, t.jatuh_tempo) == n
    if n:
        assert c.is_workday(t.jatuh_tempo)
    # every day strictly between start and due is either counted or listed as skipped with a reason
    days = (t.jatuh_tempo - start).days
    assert days == n + len(t.dilewati)
    assert all(start < d.tanggal < t.jatuh_tempo for d in t.dilewati)


def test_service_seeds_years_lazily_and_versions_change(profil, admin) -> None:  # type: ignore[no-untyped-def]
    master = profil.master
    v1 = master.versi_kalender()
    t = master.tenggat(date(2026, 3, 16), 10)
    assert t.jatuh_tempo == date(2026, 4, 7)
    assert t.versi_kalender
    calls: list[str] = []
    master.saat_kalender_berubah(lambda actor: calls.append(actor.username))
    master.tambah_hari(admin, date(2026, 3, 17), K.KANTOR_TUTUP, "Pemadaman listrik")
    assert calls == ["admin"]
    assert master.tenggat(date(2026, 3, 16), 10).jatuh_tempo == date(2026, 4, 8)
    assert master.versi_kalender() != v1
    # a date in a far year seeds that year on demand
    t2030 = master.tenggat(date(2030, 12, 20), 5)
    assert date(2030, 12, 25) in {d.tanggal for d in t2030.dilewati}


def test_service_rejects_bad_days(profil, admin) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as err:
        profil.master.tambah_hari(admin, date(2026, 3, 17), K.HARI_KERJA_PENGGANTI, "x")
    assert "Sabtu atau Minggu" in err.value.problems["jenis"]
    with pytest.raises(ValidationError):
        profil.master.tambah_hari(admin, date(2026, 3, 17), K.LIBUR_LOKAL, "  ")
    days = profil.master.daftar_hari(2026)
    assert all(d.jenis != K.LIBUR_LOKAL for d in days)


def test_remove_day_is_tombstone_and_reseed_does_not_resurrect(profil, admin) -> None:  # type: ignore[no-untyped-def]
    master = profil.master
    natal = next(d for d in master.daftar_hari(2026) if d.tanggal == date(2026, 12, 25))
    master.hapus_hari(admin, natal.id)
    assert date(2026, 12, 25) not in {d.tanggal for d in master.daftar_hari(2026)}
    master.pastikan_tahun([2026])
    assert date(2026, 12, 25) not in {d.tanggal for d in master.daftar_hari(2026)}
    assert master.kalender_kerja().is_workday(date(2026, 12, 25))


def test_warning_for_year_without_cuti_bersama(profil) -> None:  # type: ignore[no-untyped-def]
    warnings = profil.master.peringatan_kalender(today=date(2028, 1, 10))
    assert any("2028" in w and "cuti bersama" in w for w in warnings)
    assert profil.master.peringatan_kalender(today=date(2026, 1, 10)) == []


def test_policy_change_notifies_listeners(profil, admin) -> None:  # type: ignore[no-untyped-def]
    calls: list[str] = []
    profil.master.saat_kalender_berubah(lambda a: calls.append("x"))
    profil.master.simpan_profil(admin, IsianProfil.dari({"cuti_bersama_hari_kerja": True}))
    assert calls == ["x"]
    assert profil.master.tenggat(date(2026, 3, 16), 10).jatuh_tempo == date(2026, 3, 31)
    profil.master.simpan_profil(admin, IsianProfil.dari({"alamat": "Jalan Baru 1"}))
    assert calls == ["x"]


def test_every_day_of_2026_has_consistent_reason() -> None:
    c = cal()
    d = date(2026, 1, 1)
    while d.year == 2026:
        reason = c.reason_closed(d)
        if d.weekday() >= 5 and reason is not None:
            assert reason  # weekend days always explain themselves
        d += timedelta(days=1)
    assert c.reason_closed(date(2026, 8, 17)) == "Libur nasional: Hari Kemerdekaan Republik Indonesia"
