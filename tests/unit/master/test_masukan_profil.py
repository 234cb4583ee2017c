"""Every field the service knows for the office profile has its place in ``IsianProfil`` (a field added to the
profile without it would be refused by the Profil form)."""

from __future__ import annotations

from dataclasses import fields

from ppid_desktop.master.masukan import IsianProfil
from ppid_desktop.master.service import PROFIL_FIELDS


def test_isian_profil_names_every_profile_field() -> None:
    assert {f.name for f in fields(IsianProfil)} == {spec.name for spec in PROFIL_FIELDS}
