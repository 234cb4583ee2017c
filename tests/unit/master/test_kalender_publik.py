"""``master.kalender_publik``: the calendar read back from its public file answers exactly as the database
(a hypothesis property over random office days, policies and questions), and a damaged file is a message."""

from __future__ import annotations

import contextlib
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ppid_desktop.core import kalender as K
from ppid_desktop.core.errors import UserError, ValidationError
from ppid_desktop.master import kalender_publik
from ppid_desktop.master.masukan import IsianProfil
from ppid_desktop.services import Services
from tests.conftest import TEST_DEVICE, make_actor

ADMIN = make_actor("Admin", username="admin")


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> Services:
    s = Services.open(tmp_path_factory.mktemp("kalender") / "ppid.sqlite", device=TEST_DEVICE)
    yield s
    s.close()


hari = st.dates(min_value=date(2025, 12, 1), max_value=date(2027, 2, 28))
langkah = st.one_of(
    st.tuples(st.just("hari"), hari, st.sampled_from(sorted(K.JENIS_LABEL))),
    st.tuples(st.just("kebijakan"), st.booleans(), st.booleans()),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ubah=langkah, mulai=st.dates(min_value=date(2026, 1, 1), max_value=date(2028, 12, 31)),
       n=st.integers(min_value=0, max_value=40), rentang=st.integers(min_value=0, max_value=90))
def test_public_file_answers_as_the_database(svc: Services, ubah: tuple[object, ...], mulai: date, n: int,
                                              rentang: int) -> None:
    if ubah[0] == "hari":
        _, tanggal, jenis = ubah
        with contextlib.suppress(ValidationError):  # a duplicate or a replacement day on a weekday: no change
            svc.master.tambah_hari(ADMIN, tanggal, jenis, f"Uji {jenis}")  # type: ignore[arg-type]
    else:
        svc.master.simpan_profil(ADMIN, IsianProfil.dari({"cuti_bersama_hari_kerja": ubah[1],
                                                          "sabtu_hari_kerja": ubah[2]}))
    kalender_publik.tulis(svc.master, paksa=True)  # the file as the app keeps it beside an encrypted database
    kal = kalender_publik.baca(svc.store.path)
    assert kal is not None
    publik = kal.tenggat(mulai, n)  # asked first: the database then seeds the years it needs
    cal_p = kal.kalender_kerja()
    hk_p = cal_p.workdays_between(mulai, mulai + timedelta(days=rentang))
    assert publik == svc.master.tenggat(mulai, n)
    assert hk_p == svc.master.kalender_kerja().workdays_between(mulai, mulai + timedelta(days=rentang))
    assert kal.kebijakan() == svc.master.kebijakan()


def test_damaged_or_foreign_file_is_a_message(tmp_path: Path) -> None:
    db = tmp_path / "ppid.sqlite"
    assert kalender_publik.baca(db) is None
    berkas = kalender_publik.berkas(db)
    for isi in ('{"format": "lain"}', "[1, 2]", '{"format": "ppid-kalender-publik", "kebijakan": {}}',
                '{"format": "ppid-kalender-publik", "versi_kalender": "x", "tahun": [], "kebijakan": '
                '{"cuti_bersama_hari_kerja": false, "sabtu_hari_kerja": false}, "hari": [{"tanggal": "2026-13-01", '
                '"jenis": "libur_lokal", "nama": "x"}]}', "\xff\x00"):
        berkas.write_text(isi, encoding="utf-8", errors="surrogateescape")
        with pytest.raises(UserError, match=berkas.name):
            kalender_publik.baca(db)
