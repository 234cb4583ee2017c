"""A holiday that arrives by sync reaches the public calendar file beside an encrypted database at once (what
``ppid kalender`` reads without an account), not only at the next open."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from ppid_desktop.core import kalender as K
from ppid_desktop.master import kalender_publik
from ppid_desktop.services import Services
from tests.conftest import SANDI_LAPTOP as SANDI
from tests.conftest import init_cli

HARI = date(2026, 7, 20)


def _libur(db: Path) -> set[tuple[date, str]]:
    """The days the public calendar file beside ``db`` lists."""
    data = json.loads(kalender_publik.berkas(db).read_text(encoding="utf-8"))
    return {(date.fromisoformat(h["tanggal"]), h["nama"]) for h in data["hari"]}


def test_a_synced_holiday_reaches_the_public_calendar_at_once(laptop_terenkripsi: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    a_db, b_db = laptop_terenkripsi / "a" / "ppid.sqlite", laptop_terenkripsi / "b" / "ppid.sqlite"
    for db in (a_db, b_db):
        assert init_cli(db, capsys)["terenkripsi"] is True
    a, b = Services.open(a_db), Services.open(b_db)
    try:
        aa, ba = a.akun.authenticate("admin", SANDI), b.akun.authenticate("admin", SANDI)
        b.sinkron.kunci_pasang(ba, a.sinkron.kunci_buat(aa))
        a.master.tambah_hari(aa, HARI, K.LIBUR_LOKAL, "Hari Jadi Kota")
        assert (HARI, "Hari Jadi Kota") in _libur(a_db)  # the sender's own change rewrote its file
        assert (HARI, "Hari Jadi Kota") not in _libur(b_db)
        paket = laptop_terenkripsi / "kalender.ppidsync"
        a.sinkron.ekspor(aa, paket, semua=True)
        b.sinkron.impor(ba, paket)
        assert (HARI, "Hari Jadi Kota") in _libur(b_db)  # without reopening B
        assert kalender_publik.baca(b_db).tenggat(date(2026, 7, 17), 1).jatuh_tempo == date(2026, 7, 21)  # type: ignore[union-attr]
    finally:
        a.close()
        b.close()
