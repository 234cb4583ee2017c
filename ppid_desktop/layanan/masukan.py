"""Typed inputs of the layanan room (issue #8): what a form, the CLI or an import hands to the service.

Each is a small frozen dataclass; the service turns it into the field dict its validation works on
(``sebagai_dict``), so the rules stay in one place (``permohonan.validasi`` and friends). A *correction*
input (``KoreksiPermohonan``, ``KoreksiKeberatan``, ``KoreksiSengketa``) carries only what changes: a field
left ``None`` is not touched (``ABAIKAN`` semantics), which is why those fields are optional.

The service's public methods take these only (no plain dicts); ``dari_dict`` builds one from a form's dict,
ignoring unknown keys (the CLI refuses unknown JSON keys itself, with an Indonesian message, before it builds one).
An import row is ``BarisImporPermohonan`` / ``BarisImporKeberatan``: every field defaults to ``TETAP`` (not in the
file's columns: left as it is on update), so a workbook with fewer columns never blanks a stored field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, ClassVar, TypeVar

from ppid_desktop.master.masukan import TETAP, IsianParsial, Tetap

T = TypeVar("T", bound="_Masukan")


class _Masukan:
    """Shared conversion helpers (the subclasses are frozen dataclasses)."""

    _SELALU: tuple[str, ...] = ()  # fields always passed, even when ``None`` (creation inputs: all)

    @classmethod
    def dari_dict(cls: type[T], data: Mapping[str, Any]) -> T:
        names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        kw: dict[str, Any] = {}
        for k, v in data.items():
            if k not in names:
                continue
            kw[k] = tuple(v) if isinstance(v, list) else v
        return cls(**kw)

    def sebagai_dict(self) -> dict[str, Any]:
        """The fields the service reads: every field of a creation input; the set (non-``None``) fields of a
        correction input. Tuples become lists (the validators take either)."""
        out: dict[str, Any] = {}
        for f in fields(self):  # type: ignore[arg-type]
            v = getattr(self, f.name)
            if v is None and f.name not in self._SELALU:
                continue
            out[f.name] = list(v) if isinstance(v, tuple) else v
        return out


# ------------------------------------------------------------------ permohonan
@dataclass(frozen=True)
class PermohonanMasukan(_Masukan):
    """A new request (the entry form, ``ppid permohonan baru``, an imported row)."""

    nama: str = ""
    nik: str = ""
    tanggal_diterima: date | None = None
    saluran: str = "langsung"
    jenis_pemohon: str = "perorangan"
    no_sk_badan_hukum: str = ""
    kuasa: bool = False
    nama_kuasa: str = ""
    alamat: str = ""
    pekerjaan: str = ""
    telepon: str = ""
    email: str = ""
    rincian: str = ""
    tujuan: str = ""
    cara_memperoleh: str = "salinan_softcopy"
    cara_salinan: str = "email"
    opd_id: str | None = None
    petugas: str = ""

    _SELALU = ("tanggal_diterima", "opd_id")


@dataclass(frozen=True)
class KoreksiPermohonan(_Masukan):
    """"Ubah data" of a request: only the fields given change (``nik`` replaces the stored NIK)."""

    nama: str | None = None
    nik: str | None = None
    tanggal_diterima: date | None = None
    saluran: str | None = None
    jenis_pemohon: str | None = None
    no_sk_badan_hukum: str | None = None
    kuasa: bool | None = None
    nama_kuasa: str | None = None
    alamat: str | None = None
    pekerjaan: str | None = None
    telepon: str | None = None
    email: str | None = None
    rincian: str | None = None
    tujuan: str | None = None
    cara_memperoleh: str | None = None
    cara_salinan: str | None = None
    opd_id: str | None = None


@dataclass(frozen=True)
class KeputusanMasukan(_Masukan):
    """The written notice (Pasal 22(7)): the decision and what the letter states."""

    keputusan: str = ""
    tanggal_pemberitahuan: date | None = None
    pasal17: tuple[str, ...] = ()
    uji_konsekuensi: str = ""
    catatan_penghitaman: str = ""
    badan_penguasa: str = ""
    waktu_dokumentasi: str = ""
    bentuk_informasi: str | None = None
    waktu_penyediaan: str = ""
    biaya_per_lembar: int = 0
    jumlah_lembar: int = 0
    biaya_kirim: int = 0
    catatan_keputusan: str = ""

    _SELALU = ("tanggal_pemberitahuan",)


# ------------------------------------------------------------------ keberatan
@dataclass(frozen=True)
class KeberatanMasukan(_Masukan):
    """A new objection against a request (Pasal 35)."""

    tanggal_diterima: date | None = None
    alasan: tuple[str, ...] = ()
    kasus_posisi: str = ""
    nama_kuasa: str = ""
    alamat_kuasa: str = ""
    tanggal_dasar: date | None = None
    alasan_tanggal_dasar: str = ""

    _SELALU = ("tanggal_diterima",)


@dataclass(frozen=True)
class PutusanKeberatanMasukan(_Masukan):
    """The Atasan PPID's written answer."""

    putusan: str = ""
    tanggal_tanggapan: date | None = None
    isi_tanggapan: str = ""
    atasan_nama: str = ""
    atasan_jabatan: str = ""
    atasan_nip: str = ""

    _SELALU = ("tanggal_tanggapan",)


@dataclass(frozen=True)
class KoreksiKeberatan(_Masukan):
    """"Ubah data" of an objection: identity, proxy, case narrative, and (before the answer) its grounds."""

    nama: str | None = None
    nama_kuasa: str | None = None
    alamat_kuasa: str | None = None
    alasan: tuple[str, ...] | None = None
    kasus_posisi: str | None = None
    # a keberatan without a permohonan only: the pemohon's own identity (NIK empty or None: unchanged)
    nik: str | None = None
    alamat: str | None = None
    pekerjaan: str | None = None
    telepon: str | None = None
    email: str | None = None


# ------------------------------------------------------------------ sengketa
@dataclass(frozen=True)
class SengketaMasukan(_Masukan):
    """A dispute filed with the Komisi Informasi."""

    tanggal_diajukan: date | None = None
    tanggal_jawaban_diterima: date | None = None
    nomor_ki: str = ""
    komisi: str = ""
    catatan: str = ""

    _SELALU = ("tanggal_diajukan", "tanggal_jawaban_diterima")


@dataclass(frozen=True)
class KoreksiSengketa(_Masukan):
    """A dispute's stage update; a field left ``None`` is unchanged, except the dates listed in
    ``kosongkan`` (cleared on purpose)."""

    tahap: str | None = None
    nomor_ki: str | None = None
    hasil_mediasi: str | None = None
    hasil_ajudikasi: str | None = None
    tanggal_putusan: date | None = None
    nomor_putusan: str | None = None
    pengadilan: str | None = None
    nomor_perkara: str | None = None
    tanggal_diajukan_pengadilan: date | None = None
    tanggal_putusan_pengadilan: date | None = None
    tanggal_kasasi: date | None = None
    tanggal_putusan_kasasi: date | None = None
    putusan_pengadilan: str | None = None
    putusan_dilaksanakan: str | None = None
    catatan: str | None = None
    kosongkan: tuple[str, ...] = field(default=())

    def sebagai_dict(self) -> dict[str, Any]:
        out = super().sebagai_dict()
        out.pop("kosongkan", None)
        for name in self.kosongkan:
            out[name] = None
        return out


@dataclass(frozen=True)
class PengirimanLaporanMasukan(_Masukan):
    """That the annual service report was sent: to whom, when, how."""

    kepada: str = ""
    tanggal: date | None = None
    cara: str = ""
    catatan: str = ""



# ------------------------------------------------------------------ import rows (rekap's Excel imports)
@dataclass(frozen=True)
class _BarisImpor(IsianParsial):
    """A row of an imported register: only the columns the file has are set; every other field is ``TETAP``
    (not in this row: a new record takes the model's default, an update leaves the stored value alone)."""

    TAK_DIKENAL: ClassVar[str] = "Kolom impor"


@dataclass(frozen=True)
class BarisImporPermohonan(_BarisImpor):
    """One row of the permohonan register import (``services.layanan.impor_permohonan``); also what
    ``validasi_permohonan`` checks for a row (only the fields set)."""

    tanggal_diterima: date | Tetap = TETAP
    nama: str | Tetap = TETAP
    nik: str | None | Tetap = TETAP
    tanpa_nik: bool | Tetap = TETAP
    alamat: str | Tetap = TETAP
    telepon: str | Tetap = TETAP
    email: str | Tetap = TETAP
    pekerjaan: str | Tetap = TETAP
    jenis_pemohon: str | Tetap = TETAP
    no_sk_badan_hukum: str | Tetap = TETAP
    kuasa: bool | Tetap = TETAP
    nama_kuasa: str | Tetap = TETAP
    rincian: str | Tetap = TETAP
    tujuan: str | Tetap = TETAP
    cara_memperoleh: str | Tetap = TETAP
    cara_salinan: str | Tetap = TETAP
    saluran: str | Tetap = TETAP
    opd_id: str | None | Tetap = TETAP
    petugas: str | Tetap = TETAP
    keputusan: str | None | Tetap = TETAP
    pasal17: str | Tetap = TETAP
    tanggal_pemberitahuan: date | None | Tetap = TETAP
    badan_penguasa: str | Tetap = TETAP
    bentuk_informasi: str | None | Tetap = TETAP
    biaya_total: int | Tetap = TETAP
    catatan_keputusan: str | Tetap = TETAP
    status: str | Tetap = TETAP
    tanggal_perpanjangan: date | None | Tetap = TETAP
    alasan_perpanjangan: str | Tetap = TETAP
    tanggal_penyerahan: date | None | Tetap = TETAP
    tanggal_selesai: date | None | Tetap = TETAP
    alasan_ditarik: str | Tetap = TETAP


@dataclass(frozen=True)
class BarisImporKeberatan(_BarisImpor):
    """One row of the keberatan register import (``services.layanan.impor_keberatan``); ``permohonan_id``
    ``None``: an objection without a registered request (Pasal 35(1) b–g)."""

    permohonan_id: str | None | Tetap = TETAP
    tanggal_diterima: date | Tetap = TETAP
    nama: str | Tetap = TETAP
    nik: str | None | Tetap = TETAP
    alamat: str | Tetap = TETAP
    pekerjaan: str | Tetap = TETAP
    telepon: str | Tetap = TETAP
    email: str | Tetap = TETAP
    nama_kuasa: str | Tetap = TETAP
    alamat_kuasa: str | Tetap = TETAP
    alasan: str | Tetap = TETAP
    kasus_posisi: str | Tetap = TETAP
    tanggal_dasar: date | None | Tetap = TETAP
    alasan_tanggal_dasar: str | Tetap = TETAP
    status: str | Tetap = TETAP
    putusan: str | Tetap = TETAP
    tanggal_tanggapan: date | None | Tetap = TETAP
    atasan_nama: str | Tetap = TETAP
    isi_tanggapan: str | Tetap = TETAP


__all__ = [
    "TETAP", "BarisImporKeberatan", "BarisImporPermohonan", "KeberatanMasukan", "KeputusanMasukan", "KoreksiKeberatan", "KoreksiPermohonan", "KoreksiSengketa",
    "PengirimanLaporanMasukan", "PermohonanMasukan", "PutusanKeberatanMasukan", "SengketaMasukan",
]
