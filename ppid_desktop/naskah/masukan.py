"""Typed input of an agenda letter's draft (issue #8): what ``AgendaService.buat_konsep``, ``ubah_konsep`` and
``pastikan_konsep`` take, from the Naskah & Arsip screen and from the rooms that draft their letters (layanan's
notices and report, monev's programme paperwork).

Every field defaults to ``TETAP``: a new draft names what it has (the service says what is missing, every problem
at once); an edit names only what it changes. ``IsianKonsep.dari(mapping)`` builds one from a form's values and
refuses a name it does not know.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ppid_desktop.master.masukan import TETAP, IsianParsial, Tetap


@dataclass(frozen=True)
class IsianKonsep(IsianParsial):
    TAK_DIKENAL: ClassVar[str] = "Isian konsep"

    jenis: str | Tetap = TETAP
    hal: str | Tetap = TETAP
    kepada: str | Tetap = TETAP
    sifat: str | Tetap = TETAP
    lampiran: str | Tetap = TETAP
    ringkasan: str | Tetap = TETAP
    kode_klasifikasi: str | Tetap = TETAP
    penandatangan_id: str | None | Tetap = TETAP
    penandatangan: str | Tetap = TETAP  # a name only: a room's draft before Data Master has the official
    mode_ttd: str | Tetap = TETAP
    sumber: str | Tetap = TETAP  # the room's record the letter belongs to (set by ``pastikan_konsep``)


__all__ = ["IsianKonsep"]
