"""Typed inputs of the Data Master forms (issue #8): small frozen dataclasses that the screens build and the
``MasterService`` methods take, instead of ``dict[str, Any]``.

- ``IsianOpd``      a perangkat daerah (``simpan_opd``)
- ``IsianPegawai``  a pegawai or pejabat (``simpan_pegawai``)
- ``IsianProfil``   the office profile: kop, paper, calendar policy, PDP officer (``simpan_profil``)
- ``PolaNomor``     a letter-number pattern (``simpan_pola_nomor``)
- ``HariBaru``      a day off added by the office (``tambah_hari``)

Every field of ``IsianOpd``, ``IsianPegawai`` and ``IsianProfil`` defaults to ``TETAP``: a change names only
the fields it changes (a new record must still name the required ones; the service says which are missing).
Validation stays in the service (every problem at once, Indonesian messages); these only fix the shape.
The services take these only (no plain mapping); ``X.dari(mapping)`` builds one from a form's values.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from typing import Any, ClassVar, TypeVar


class Tetap(enum.Enum):
    """The value of a field that is left as it is (a partial change)."""

    TETAP = "tetap"


TETAP = Tetap.TETAP

_I = TypeVar("_I", bound="IsianParsial")


@dataclass(frozen=True)
class IsianParsial:
    """A partial change: the fields that are set, every other one ``TETAP``. The base of the master forms and of
    layanan's import rows (``layanan.masukan.BarisImporPermohonan``)."""

    TAK_DIKENAL: ClassVar[str] = "Isian"  # how a refused unknown name is announced

    def diubah(self) -> dict[str, Any]:
        """The fields that are set, by name (what the service validates and writes)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not TETAP}

    @classmethod
    def dari(cls: type[_I], data: Mapping[str, Any]) -> _I:
        """From a form's values (or a cleaned row's fields) by name; a name it does not know is refused."""
        from ppid_desktop.core.errors import UserError

        known = {f.name for f in fields(cls)}
        unknown = sorted(k for k in data if k not in known)
        if unknown:
            raise UserError(f"{cls.TAK_DIKENAL} tidak dikenal: {', '.join(unknown)}.")
        return cls(**dict(data))


@dataclass(frozen=True)
class IsianOpd(IsianParsial):
    kode: str | Tetap = TETAP
    nama: str | Tetap = TETAP
    singkatan: str | Tetap = TETAP
    alamat: str | Tetap = TETAP
    kepala: str | Tetap = TETAP
    kepala_nip: str | Tetap = TETAP
    ppid_pelaksana: str | Tetap = TETAP
    ppid_telepon: str | Tetap = TETAP
    ppid_email: str | Tetap = TETAP
    aktif: bool | Tetap = TETAP
    jenis_unit: str | Tetap = TETAP


@dataclass(frozen=True)
class IsianPegawai(IsianParsial):
    nama: str | Tetap = TETAP
    nip: str | Tetap = TETAP
    pangkat: str | Tetap = TETAP
    golongan: str | Tetap = TETAP
    jabatan: str | Tetap = TETAP
    opd_id: str | None | Tetap = TETAP
    telepon: str | Tetap = TETAP
    email: str | Tetap = TETAP
    boleh_ttd: str | Tetap = TETAP  # kinds of letter, comma-separated (``TTD_JENIS`` keys)
    aktif: bool | Tetap = TETAP


@dataclass(frozen=True)
class IsianProfil(IsianParsial):
    pemerintah: str | Tetap = TETAP
    perangkat_daerah: str | Tetap = TETAP
    sub_unit: str | Tetap = TETAP
    alamat: str | Tetap = TETAP
    kota: str | Tetap = TETAP
    kode_pos: str | Tetap = TETAP
    telepon: str | Tetap = TETAP
    email: str | Tetap = TETAP
    website: str | Tetap = TETAP
    kode_unit: str | Tetap = TETAP
    kertas: str | Tetap = TETAP
    font: str | Tetap = TETAP
    ukuran_font: float | Tetap = TETAP
    spasi: float | Tetap = TETAP
    margin_atas: float | Tetap = TETAP
    margin_bawah: float | Tetap = TETAP
    margin_kiri: float | Tetap = TETAP
    margin_kanan: float | Tetap = TETAP
    cuti_bersama_hari_kerja: bool | Tetap = TETAP
    sabtu_hari_kerja: bool | Tetap = TETAP
    dpo_nama: str | Tetap = TETAP
    dpo_kontak: str | Tetap = TETAP
    # the Sekretariat Daerah's kop (letters the Sekda signs); empty lines are derived from the pemda name
    setda_nama: str | Tetap = TETAP
    setda_alamat: str | Tetap = TETAP
    setda_telepon: str | Tetap = TETAP
    setda_email: str | Tetap = TETAP
    setda_website: str | Tetap = TETAP


@dataclass(frozen=True)
class PolaNomor:
    jenis: str
    pola: str
    kode_klasifikasi: str = ""
    nama: str = ""


@dataclass(frozen=True)
class HariBaru:
    tanggal: date
    jenis: str
    nama: str
