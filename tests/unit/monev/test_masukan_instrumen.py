"""The typed instrument input (``monev.masukan.IsianInstrumen``): every shipped template survives the trip
through it unchanged, an unknown header key is refused in Indonesian, and ``simpan_instrumen`` takes it."""

from __future__ import annotations

from typing import Any

import pytest

from ppid_desktop.core.errors import UserError
from ppid_desktop.monev import instrumen as I  # noqa: N812
from ppid_desktop.monev.instrumen import InstrumenTidakValid
from ppid_desktop.monev.masukan import BandInstrumen, IsianInstrumen, KepalaInstrumen


@pytest.mark.parametrize("nama", [n for n, _ in I.daftar_templat()])
def test_every_template_survives_the_typed_header(nama: str) -> None:
    data = I.muat_templat(nama)
    isian = IsianInstrumen.dari_dict(data)
    assert isian.kepala.kode == data["kode"] and len(isian.kepala.band) == len(data["band"])
    assert I.dari_dict(isian.sebagai_dict()) == I.dari_dict(data)


def test_an_unknown_header_key_is_refused_and_stored_version_keys_ignored() -> None:
    data = I.muat_templat("ppid_checklist")
    with pytest.raises(UserError, match="tidak dikenal: bobot_total"):
        IsianInstrumen.dari_dict({**data, "bobot_total": 100})
    assert IsianInstrumen.dari_dict({**data, "id": "x", "versi": 3, "status": "terbit"}) == IsianInstrumen.dari_dict(data)


def test_numbers_left_none_take_monev_defaults_and_bad_ones_are_reported(services: Any, admin: Any) -> None:
    aspek = I.muat_templat("ppid_checklist")["aspek"]
    kepala = KepalaInstrumen(kode="uji", nama="Instrumen uji", band=(BandInstrumen("Kurang", 0, 60),
                                                                      BandInstrumen("Baik", 60, 100)))
    row = services.monev.simpan_instrumen(admin, IsianInstrumen(kepala, tuple(aspek)))
    defn = services.monev.definisi(row.id)
    assert (defn.skala, defn.presisi, defn.durasi_menit) == (100.0, 2, 90)
    salah = KepalaInstrumen(kode="uji", nama="Instrumen uji", skala=100, band=(BandInstrumen("Kurang", 0, 50),))
    with pytest.raises(InstrumenTidakValid):
        services.monev.simpan_instrumen(admin, IsianInstrumen(salah, tuple(aspek)))
