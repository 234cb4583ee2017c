"""The generic import/export engine: kinds, plans and results.

An import kind (``JenisImpor``) declares its sheets and columns, how to find the stable key of a
row, how to validate a row into model fields and how to look up existing records. The engine
then plans every row as *baru* (create), *ubah* (update, only with ``perbarui``) or *lewati*
(skip: identical, or existing without ``perbarui``), reports duplicate keys inside the file, and
applies a clean plan inside the caller's single unit of work.

An export kind (``JenisEkspor``) writes one or more table sheets into a ``writer.Buku``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from sqlmodel import Session

from ppid_desktop.core.actor import Actor
from ppid_desktop.core.db import bulk_insert
from ppid_desktop.core.errors import Problem, UserError
from ppid_desktop.core.progress import Progress
from ppid_desktop.core.tanggal import tanggal_panjang
from ppid_desktop.rekap.reader import Baris, HasilBaca, Kandidat, SheetSpec, TataLetak
from ppid_desktop.rekap.writer import Buku, KolomEkspor

if TYPE_CHECKING:
    from ppid_desktop.services import Services

BARU, UBAH, LEWATI = "baru", "ubah", "lewati"


@dataclass
class Item:
    aksi: str
    kunci: str
    data: dict[str, Any]
    baris: Baris
    id: str | None = None
    alasan: str = ""


@dataclass
class Konteks:
    """What a kind sees while planning: services, the read tables, the problem list, the mode."""

    services: Services
    baca: HasilBaca
    perbarui: bool
    masalah: list[Problem] = field(default_factory=list)

    def layout(self, spec: str) -> TataLetak | None:
        return self.baca.tata_letak.get(spec)

    def salah(self, spec: str, b: Baris, key: str | None, pesan: str, nilai: Any = None,
              severity: str = "error") -> None:
        lay = self.layout(spec)
        col = lay.huruf(key) if lay is not None and key is not None and key in lay.kolom else None
        shown = None if nilai is None else (nilai.isoformat() if isinstance(nilai, date) else str(nilai))
        self.masalah.append(Problem(pesan, sheet=b.sheet, row=b.nomor, column=col, value=shown, severity=severity))


@dataclass
class HasilImpor:
    jenis: str
    berkas: str
    perbarui: bool
    items: list[Item] = field(default_factory=list)
    masalah: list[Problem] = field(default_factory=list)
    kandidat: Kandidat | None = None
    tata_letak: dict[str, TataLetak] = field(default_factory=dict)
    diterapkan: bool = False

    def hitung(self, aksi: str) -> int:
        return sum(1 for i in self.items if i.aksi == aksi)

    @property
    def baru(self) -> int:
        return self.hitung(BARU)

    @property
    def ubah(self) -> int:
        return self.hitung(UBAH)

    @property
    def lewati(self) -> int:
        return self.hitung(LEWATI)

    @property
    def galat(self) -> list[Problem]:
        return [p for p in self.masalah if p.severity == "error"]

    @property
    def bersih(self) -> bool:
        return not self.galat

    def ringkasan(self) -> str:
        return (f"{self.baru} baru, {self.ubah} diperbarui, {self.lewati} dilewati; "
                f"{len(self.galat)} galat, {len(self.masalah) - len(self.galat)} peringatan")

    def to_dict(self) -> dict[str, Any]:
        return {
            "jenis": self.jenis, "berkas": self.berkas, "perbarui": self.perbarui, "bersih": self.bersih,
            "diterapkan": self.diterapkan, "baru": self.baru, "ubah": self.ubah, "lewati": self.lewati,
            "masalah": [
                {"tingkat": p.severity, "sheet": p.sheet, "baris": p.row, "kolom": p.column,
                 "nilai": p.value, "pesan": p.message} for p in self.masalah
            ],
        }


M = TypeVar("M")


def ambil(session: Session, model: type[M], record_id: Any, b: Baris) -> M:
    """The stored row an item of the plan refers to; gone since the dry run -> ``UserError`` (the
    transaction rolls back, nothing is saved)."""
    row = session.get(model, record_id)
    if row is None:
        raise UserError(f"Sheet {b.sheet}, baris {b.nomor}: data yang dirujuk sudah dihapus atau diubah sejak uji "
                        "coba. Tidak ada yang disimpan; jalankan uji coba lagi.")
    return row


def urutkan_masalah(problems: list[Problem], sheets: list[str]) -> list[Problem]:
    order = {s: i for i, s in enumerate(sheets)}
    return sorted(problems, key=lambda p: (p.severity != "error", order.get(p.sheet or "", -1),
                                           p.row or 0, p.column or ""))


class JenisImpor:
    """Base class of an import kind. Simple kinds set ``model`` and override ``bersihkan`` + ``ada``."""

    nama: str = ""
    judul: str = ""
    keterangan: str = ""
    izin: tuple[str, ...] = ()
    sheets: tuple[SheetSpec, ...] = ()
    kunci_kolom: tuple[str, ...] = ()  # fields forming the stable key
    model: Any = None

    def kunci(self, nilai: dict[str, Any]) -> str | None:
        parts = [nilai.get(k) for k in self.kunci_kolom]
        if any(p is None or p == "" for p in parts):
            return None
        return "|".join(p.isoformat() if isinstance(p, date) else str(p).strip().upper() for p in parts)

    # -- to override -----------------------------------------------------
    def ada(self, ctx: Konteks) -> dict[str, dict[str, Any]]:
        """Existing records: key -> dict of field values (with ``id``)."""
        return {}

    def bersihkan(self, ctx: Konteks, b: Baris) -> dict[str, Any] | None:
        """Row -> model fields, or None after reporting problems through ``ctx.salah``."""
        return dict(b.nilai)

    def mulai(self, ctx: Konteks) -> None:
        """Hook before planning (e.g. load lookup tables)."""

    def rujukan(self, ctx: Konteks, b: Baris) -> None:
        """Hook for a row skipped for cell errors: report its unknown references (OPD, request number) too,
        so one dry run lists every problem of the row."""

    # -- generic ---------------------------------------------------------
    def rencana(self, ctx: Konteks, progress: Progress) -> list[Item]:
        self.mulai(ctx)
        spec = self.sheets[0]
        rows = ctx.baca.tabel.get(spec.nama, [])
        existing = self.ada(ctx)
        seen: dict[str, int] = {}
        items: list[Item] = []
        progress.start(len(rows), "Memeriksa baris")
        for b in rows:
            progress.step()
            missing = False
            for k in spec.kolom:
                if k.wajib and k.key not in b.nilai and k.key not in b.salah:
                    ctx.salah(spec.nama, b, k.key, f"{k.label} wajib diisi.")
                    missing = True
            key = self.kunci(b.nilai)
            if key is not None:
                if key in seen:
                    ctx.salah(spec.nama, b, self.kunci_kolom[0],
                              f"Kunci ganda di dalam berkas: sama dengan baris {seen[key]}.", key)
                    continue
                seen[key] = b.nomor
            if missing or b.salah or key is None:
                self.rujukan(ctx, b)  # an unknown OPD/request is reported in the same dry run as cell errors
                continue
            data = self.bersihkan(ctx, b)
            if data is None:
                continue
            items.append(self.banding(ctx, key, data, b, existing.get(key)))
        return items

    def banding(self, ctx: Konteks, key: str, data: dict[str, Any], b: Baris, old: dict[str, Any] | None) -> Item:
        if old is None:
            return Item(BARU, key, data, b)
        diff = {f: v for f, v in data.items() if old.get(f) != v}
        if not diff:
            return Item(LEWATI, key, data, b, old.get("id"), "sama dengan data yang ada")
        if not ctx.perbarui:
            ctx.salah(self.sheets[0].nama, b, self.kunci_kolom[0],
                      "Sudah ada dengan isi berbeda; baris dilewati. Pilih mode 'perbarui' untuk mengubahnya "
                      f"(berbeda: {', '.join(sorted(diff))}).", key, severity="warning")
            return Item(LEWATI, key, data, b, old.get("id"), "sudah ada")
        return Item(UBAH, key, diff, b, old.get("id"))

    def terapkan(self, ctx: Konteks, session: Session, actor: Actor, items: list[Item]) -> None:
        baru = [self._lengkap(i.data) for i in items if i.aksi == BARU]
        if baru:
            bulk_insert(session, self.model, baru, f"impor {self.nama}")
        for i in items:
            if i.aksi == UBAH:
                row = ambil(session, self.model, i.id, i.baris)
                for f, v in i.data.items():
                    setattr(row, f, v)
                session.add(row)

    _SYNC = ("id", "created_at", "updated_at", "created_by", "updated_by", "device_id", "rev", "deleted")

    def _lengkap(self, data: dict[str, Any]) -> dict[str, Any]:
        """Model defaults + ``data`` (executemany needs the same keys in every row).

        The defaults are read once from the model's field table (building a SQLModel instance per row
        cost about a third of a 10,000-row import)."""
        row = {k: (v() if fac else v) for k, (fac, v) in _defaults(self.model).items()}
        row.update(data)
        return row

    def selesai(self, ctx: Konteks, actor: Actor) -> None:
        """Hook after a successful apply (outside the transaction)."""


_DEFAULTS: dict[Any, dict[str, tuple[bool, Any]]] = {}


def _defaults(model: Any) -> dict[str, tuple[bool, Any]]:
    """field -> (is_factory, default or factory) for a model's non-sync fields (None when required)."""
    got = _DEFAULTS.get(model)
    if got is None:
        from pydantic_core import PydanticUndefined

        got = {}
        for name, f in model.model_fields.items():
            if name in JenisImpor._SYNC:
                continue
            if f.default_factory is not None:
                got[name] = (True, f.default_factory)
            else:
                got[name] = (False, None if f.default is PydanticUndefined else f.default)
        _DEFAULTS[model] = got
    return got


@dataclass
class OpsiEkspor:
    dari: date | None = None
    sampai: date | None = None
    program: str | None = None
    tampilkan_nik: bool = False

    def periode(self) -> str:
        """The period line under a sheet's title."""
        if self.dari and self.sampai:
            return f"Periode {tanggal_panjang(self.dari)} s.d. {tanggal_panjang(self.sampai)}"
        if self.dari:
            return f"Sejak {tanggal_panjang(self.dari)}"
        if self.sampai:
            return f"Sampai {tanggal_panjang(self.sampai)}"
        return "Semua periode"


class JenisEkspor:
    nama: str = ""
    judul: str = ""
    keterangan: str = ""
    izin: tuple[str, ...] = ()
    pakai_program: bool = False  # takes --program (the page's programme box)
    butuh_program: bool = False  # ... and cannot run without one
    data_pribadi: bool = False  # has NIK (masked unless asked and allowed)

    def tulis(self, services: Services, actor: Actor, buku: Buku, opsi: OpsiEkspor, progress: Progress) -> int:
        raise NotImplementedError


_TEKS_ANGKA = ("nik", "nip", "telepon")


def kolom_dari_spec(spec: SheetSpec) -> list[KolomEkspor]:
    """Export/template columns of a sheet spec (columns with ``templat=False`` left out). NIK, NIP, phone
    and number columns are formatted as Text, so Excel keeps every digit of what is typed in them."""
    tipe = {"tanggal": "tanggal", "angka": "angka", "desimal": "desimal"}
    return [KolomEkspor(k.label, tipe.get(k.tipe, "teks"), k.lebar,
                        format_teks=k.format_teks or k.tipe in _TEKS_ANGKA or k.key.startswith("nomor")
                        or k.key.startswith("no_"))
            for k in spec.kolom if k.templat]
