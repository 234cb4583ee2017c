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


# ------------------------------------------------------------------ instruments
@dataclass(frozen=True)
class BandInstrumen:
    """A score band (kategori): ``[min, max)``, the top band includes ``max``."""

    nama: str
    min: float | None
    max: float | None
    warna: str = ""


@dataclass(frozen=True)
class TahapInstrumen:
    """A stage weight: ``sumber`` ``instrumen`` (the questionnaire's score) or ``input`` (entered per session)."""

    kode: str
    nama: str
    bobot: float | None
    sumber: str = "input"


_KEPALA_ANGKA = ("skala", "presisi", "durasi_menit")


@dataclass(frozen=True)
class KepalaInstrumen:
    """The header of an instrument: identity, scale and precision, the bands and the stage weights. A number
    left ``None`` takes monev's default (skala 100, presisi 2, durasi 90 menit). Values are checked by
    ``instrumen.periksa`` (every problem at once, with its sheet and column), not here."""

    kode: str
    nama: str
    jenis: str = "lain"
    penerbit: str = ""
    tahun: int | None = None
    skala: float | None = None
    presisi: int | None = None
    durasi_menit: int | None = None
    catatan: str = ""
    templat: bool = False
    band: tuple[BandInstrumen, ...] = ()
    tahap: tuple[TahapInstrumen, ...] = ()


@dataclass(frozen=True)
class IsianInstrumen:
    """An instrument to save (``monev.simpan_instrumen``): its typed header and its question tree
    (``aspek`` → ``indikator`` → ``pertanyaan``, in the shape of the JSON templates)."""

    kepala: KepalaInstrumen
    aspek: tuple[Mapping[str, Any], ...] = ()

    def sebagai_dict(self) -> dict[str, Any]:
        """The plain instrument dict ``instrumen.periksa`` / ``dari_dict`` read (a ``None`` number left out)."""
        k = self.kepala
        out: dict[str, Any] = {"kode": k.kode, "nama": k.nama, "jenis": k.jenis, "penerbit": k.penerbit,
                               "tahun": k.tahun, "catatan": k.catatan, "templat": k.templat}
        out.update({n: getattr(k, n) for n in _KEPALA_ANGKA if getattr(k, n) is not None})
        out["band"] = [{"nama": b.nama, "min": b.min, "max": b.max, "warna": b.warna} for b in k.band]
        if k.tahap:
            out["tahap"] = [{"kode": t.kode, "nama": t.nama, "bobot": t.bobot, "sumber": t.sumber} for t in k.tahap]
        out["aspek"] = [dict(a) for a in self.aspek]
        return out

    @classmethod
    def dari_dict(cls, data: Mapping[str, Any]) -> IsianInstrumen:
        """From an instrument dict (a template, the editor's tree); ``id``/``versi``/``status`` of a stored
        version are ignored, any other unknown key is refused."""
        from ppid_desktop.core.errors import UserError

        kepala_nama = {f.name for f in fields(KepalaInstrumen)}
        unknown = sorted(k for k in data if k not in kepala_nama | {"aspek", "id", "versi", "status"})
        if unknown:
            raise UserError(f"Isian instrumen tidak dikenal: {', '.join(unknown)}.")

        def teks(key: str, default: str = "") -> str:
            v = data.get(key)
            return default if v is None else str(v)

        band = tuple(BandInstrumen(teks_dari(b, "nama"), b.get("min"), b.get("max"), teks_dari(b, "warna"))
                     for b in data.get("band") or ())
        tahap = tuple(TahapInstrumen(teks_dari(t, "kode"), teks_dari(t, "nama"), t.get("bobot"),
                                     teks_dari(t, "sumber") or "input") for t in data.get("tahap") or ())
        kepala = KepalaInstrumen(
            kode=teks("kode"), nama=teks("nama"), jenis=teks("jenis") or "lain", penerbit=teks("penerbit"),
            tahun=data.get("tahun"), skala=data.get("skala"), presisi=data.get("presisi"),
            durasi_menit=data.get("durasi_menit"), catatan=teks("catatan"), templat=bool(data.get("templat")),
            band=band, tahap=tahap)
        return cls(kepala, tuple(data.get("aspek") or ()))


def teks_dari(d: Mapping[str, Any], key: str) -> str:
    v = d.get(key)
    return "" if v is None else str(v)
