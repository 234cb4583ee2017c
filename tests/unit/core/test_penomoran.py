from __future__ import annotations

from datetime import date

import pytest

from ppid_desktop.core import penomoran
from ppid_desktop.core.errors import UserError, ValidationError


def test_render_tokens() -> None:
    assert penomoran.render("{urut:03}/PPID/{romawi}/{tahun}", 7, date(2026, 3, 16)) == "007/PPID/III/2026"
    assert penomoran.render("{kode}/{urut}/{unit}/{tahun}", 15, date(2026, 11, 2), "000.8.3.3", "OR") == \
        "000.8.3.3/15/OR/2026"
    # an empty token does not leave a double slash
    assert penomoran.render("{kode}/{urut}/{unit}/{tahun}", 1, date(2026, 1, 2), "000.9", "") == "000.9/1/2026"
    assert penomoran.render("{kode}/{urut}/BA/{unit}/{tahun}", 1, date(2026, 9, 14), "", "DISKOMINFO") == \
        "1/BA/DISKOMINFO/2026"


@pytest.mark.parametrize("pola", ["", "{nomor}/{tahun}", "PPID/{tahun}", "{urut"])
def test_bad_templates_refused(pola: str) -> None:
    with pytest.raises(UserError):
        penomoran.validate_template(pola)


def test_counter_per_series_and_year_and_rollback(profil, admin) -> None:  # type: ignore[no-untyped-def]
    master = profil.master
    with profil.store.session(admin) as s:
        a = master.nomor_berikut(s, "permohonan", date(2026, 3, 16))
        b = master.nomor_berikut(s, "permohonan", date(2026, 3, 17))
        k = master.nomor_berikut(s, "keberatan", date(2026, 3, 17))
        n = master.nomor_berikut(s, "permohonan", date(2027, 1, 4))
    assert (a, b, k, n) == ("001/PPID/III/2026", "002/PPID/III/2026", "001/KEB/PPID/III/2026", "001/PPID/I/2027")
    with pytest.raises(RuntimeError), profil.store.session(admin) as s:
        master.nomor_berikut(s, "permohonan", date(2026, 4, 1))
        raise RuntimeError("save failed")
    with profil.store.session(admin) as s:
        assert master.nomor_berikut(s, "permohonan", date(2026, 4, 1)) == "003/PPID/IV/2026"


def test_template_editing(profil, admin) -> None:  # type: ignore[no-untyped-def]
    profil.master.simpan_pola_nomor(admin, "surat_tugas", "{kode}/{urut}/{unit}/{tahun}", "800.1.11.1")
    with profil.store.session(admin) as s:
        assert profil.master.nomor_berikut(s, "surat_tugas", date(2026, 5, 4)) == "800.1.11.1/1/DISKOMINFO/2026"
    with pytest.raises(ValidationError):
        profil.master.simpan_pola_nomor(admin, "surat_tugas", "{tahun}/{hal}")
