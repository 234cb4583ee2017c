"""Shared ground of the monev service parts: the store, the lookups every part uses, ``SesiData``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

from sqlmodel import Session, col, select

from ppid_desktop.akun import roles as R
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.clock import SYSTEM_CLOCK, Clock
from ppid_desktop.core.db import Store
from ppid_desktop.core.errors import UserError
from ppid_desktop.master.models import PerangkatDaerah
from ppid_desktop.monev import instrumen as I
from ppid_desktop.monev import skor as S
from ppid_desktop.monev.models import (
    Bukti,
    Instrumen,
    Jadwal,
    Jawaban,
    Program,
    Responden,
    Sanggah,
    Sesi,
)

NOT_DELETED = False
STATUS_PROGRAM = ("aktif", "selesai")


class _Keep:
    """Sentinel: leave a field unchanged."""


_IsianT = TypeVar("_IsianT", Responden, Bukti)

PERAN_TIM = ("Ketua", "Sekretaris", "Verifikator", "Anggota")


@dataclass
class SesiData:
    """Everything the field form needs, loaded in one read."""

    sesi: Sesi
    program: Program
    opd: PerangkatDaerah
    jadwal: Jadwal
    defn: I.Definisi
    jawaban: dict[str, Jawaban]
    bukti: dict[str, list[Bukti]]
    responden: list[Responden]
    sanggah: list[Sanggah] = field(default_factory=list)

    @property
    def terkunci(self) -> bool:
        return self.sesi.status != "draf"

    # What each act on the session needs: a permission and the session's state (what the service checks).
    TINDAKAN: ClassVar[dict[str, str]] = {
        "isi": R.MONEV_LAPANGAN, "finalisasi": R.MONEV_LAPANGAN, "revisi": R.MONEV_LAPANGAN,
        "sanggah": R.MONEV_LAPANGAN, "verifikasi": R.MONEV_VERIFIKASI, "jawab_sanggah": R.MONEV_VERIFIKASI,
    }

    def alasan_tolak(self, actor: Actor, tindakan: str) -> str | None:
        """Why ``actor`` may not do ``tindakan`` (see ``TINDAKAN``) on this session now, in words for a
        tooltip; ``None`` when the service would accept it. The screens disable what this refuses."""
        izin = self.TINDAKAN[tindakan]
        if not R.can(actor, izin):  # worded like the screens' other disabled buttons (ui.widgets)
            peran = [r for r, p in R.PERMISSIONS.items() if izin in p]
            hanya = " atau ".join([", ".join(peran[:-1]), peran[-1]] if len(peran) > 1 else peran)
            return f"Peran Anda tidak berwenang {R.DESCRIPTION[izin]}." + (
                f" Hanya {hanya} yang dapat melakukannya." if peran else "")
        st = self.sesi.status
        if tindakan in ("isi", "finalisasi") and st != "draf":
            return "Sesi ini sudah difinalkan dan terkunci. Buat revisi untuk melakukan koreksi."
        if tindakan in ("revisi", "sanggah") and st != "final":
            return ("Sanggah hanya dapat diajukan atas sesi yang sudah difinalkan." if tindakan == "sanggah"
                    else "Revisi dibuat dari sesi yang sudah difinalkan.")
        if tindakan == "verifikasi" and (st not in ("draf", "final") or self.sesi.verifikasi_at is not None):
            return "Sesi ini sudah diverifikasi atau diganti; gunakan sanggah atau revisi."
        if tindakan == "jawab_sanggah" and not any(not x.keputusan for x in self.sanggah):
            return "Tidak ada sanggah yang menunggu jawaban."
        return None

    def isian(self) -> dict[str, S.Isian]:
        return {k: S.Isian(j.nilai, j.na, j.nilai_verifikasi) for k, j in self.jawaban.items()}

    def hasil(self) -> S.Hasil:
        return S.hitung(self.defn, self.isian(), S.nilai_tahap(self.sesi.nilai_tahap))


def _kemajuan(c: dict[str, int]) -> dict[str, int]:
    """Progress counts of a programme from its schedule-status counts."""
    return {
        "opd": sum(c.values()),
        "dikunjungi": sum(c[k] for k in ("berlangsung", "selesai", "difinalkan", "diverifikasi")),
        "difinalkan": c["difinalkan"] + c["diverifikasi"],
        "diverifikasi": c["diverifikasi"],
    }



class MonevBasis:
    """What every part of ``MonevService`` stands on."""

    store: Store
    master: Any

    def __init__(self, store: Store, master: Any, *, clock: Clock = SYSTEM_CLOCK) -> None:
        self.store = store
        self.master = master
        self.clock = clock

    def ambil_instrumen(self, instrumen_id: str) -> Instrumen:
        with self.store.read() as s:
            row: Instrumen | None = s.get(Instrumen, instrumen_id)
        if row is None or row.deleted:
            raise UserError("Instrumen tidak ditemukan.")
        return row

    def definisi(self, instrumen_id: str) -> I.Definisi:
        return S.definisi_of(self.ambil_instrumen(instrumen_id))

    def _sesi(self, s: Session, sesi_id: str, *, edit: bool = False) -> Sesi:
        row = s.get(Sesi, sesi_id)
        if row is None or row.deleted:
            raise UserError("Sesi monev tidak ditemukan.")
        if edit and row.status != "draf":
            raise UserError("Sesi ini sudah difinalkan dan terkunci. Buat revisi untuk melakukan koreksi.")
        return row

    @staticmethod
    def _baris_jawaban(s: Session, se: Sesi, kode: str) -> Jawaban:
        """The live answer row of question ``kode`` in session ``se``, or a new (unsaved) one."""
        row = s.exec(select(Jawaban).where(Jawaban.sesi_id == se.id, Jawaban.pertanyaan == kode,
                                           Jawaban.deleted == NOT_DELETED)).first()
        if row is None:
            row = Jawaban(sesi_id=se.id, pertanyaan=kode, instrumen_id=se.instrumen_id,
                          instrumen_versi=se.instrumen_versi)
        return row

    @staticmethod
    def _sesi_berjalan(s: Session, jadwal_id: str) -> Sesi | None:
        """The current (not superseded) revision of the session of a scheduled OPD."""
        return s.exec(select(Sesi).where(Sesi.jadwal_id == jadwal_id, Sesi.deleted == NOT_DELETED,
                                         Sesi.status != "diganti")).first()
    def ambil_sesi(self, sesi_id: str) -> Sesi:
        with self.store.read() as s:
            return self._sesi(s, sesi_id)

    @staticmethod
    def _sanggah_jadwal(s: Session, jadwal_id: str) -> list[Sanggah]:
        ids = list(s.exec(select(Sesi.id).where(Sesi.jadwal_id == jadwal_id)))
        return list(s.exec(select(Sanggah).where(col(Sanggah.sesi_id).in_(ids), Sanggah.deleted == NOT_DELETED)
                           .order_by(col(Sanggah.diajukan_tanggal), col(Sanggah.created_at))))
