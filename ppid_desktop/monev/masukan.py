"""Typed inputs of the monev forms (issue #8): small frozen dataclasses that the screens, the CLI and the
rekap kinds build and the ``MonevService`` methods take, instead of ``dict[str, Any]``.

- ``IsianProgram``     the programme's own fields; a field left ``TETAP`` is not changed
- ``JadwalKunjungan``  the visit of one target OPD (date, time, place)
- ``AnggotaTim``       one Tim Monev member (pegawai, peran)
- ``PerubahanProgram`` the whole programme form, saved in ONE unit of work by ``simpan_program``
- ``RekomendasiBaru``  a rekomendasi for one OPD of a programme (``tambah_rekomendasi``)
- ``IsianTindakLanjut`` a follow-up (``tambah_tindak_lanjut``; ``ubah_tindak_lanjut`` changes the fields given)

Validation stays in the service (every problem at once, Indonesian messages); these only fix the shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any

from ppid_desktop.master.masukan import TETAP, Tetap


@dataclass(frozen=True)
class IsianProgram:
    nama: str | Tetap = TETAP
    periode: str | Tetap = TETAP
    tanggal_mulai: date | None | Tetap = TETAP
    tanggal_selesai: date | None | Tetap = TETAP
    durasi_menit: int | Tetap = TETAP
    dasar: str | Tetap = TETAP
    status: str | Tetap = TETAP

    def diubah(self) -> dict[str, Any]:
        """The fields that change, by name."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not TETAP}

    @classmethod
    def dari(cls, data: Mapping[str, Any]) -> IsianProgram:
        """From loose keyword fields (``ubah_program(actor, id, nama=…)``); an unknown field is refused."""
        from ppid_desktop.core.errors import UserError

        known = {f.name for f in fields(cls)}
        for k in data:
            if k not in known:
                raise UserError(f"Isian '{k}' tidak dapat diubah.")
        return cls(**dict(data))


@dataclass(frozen=True)
class JadwalKunjungan:
    tanggal: date | None
    jam: str = ""
    tempat: str = ""


@dataclass(frozen=True)
class AnggotaTim:
    pegawai_id: str
    peran: str


@dataclass(frozen=True)
class PerubahanProgram:
    """The programme form: ``jadwal`` is keyed by jadwal id, or by the opd id of an OPD in ``opd_tambah``;
    ``opd_hapus`` holds jadwal ids (only while no session started); ``tim`` replaces the team (``None``:
    leave it)."""

    isian: IsianProgram = field(default_factory=IsianProgram)
    jadwal: Mapping[str, JadwalKunjungan] = field(default_factory=dict)
    opd_tambah: tuple[str, ...] = ()
    opd_hapus: tuple[str, ...] = ()
    tim: tuple[AnggotaTim, ...] | None = None


@dataclass(frozen=True)
class RekomendasiBaru:
    program_id: str
    opd_id: str
    uraian: str
    prioritas: str = "sedang"
    pertanyaan: str = ""
    sesi_id: str | None = None


@dataclass(frozen=True)
class IsianTindakLanjut:
    uraian: str
    pic: str
    tenggat: date | None = None
    status: str = "belum"
    catatan: str = ""
    bukti: Path | str | None = None
