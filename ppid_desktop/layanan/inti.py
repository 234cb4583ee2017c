"""The unit the layanan parts share: the working calendar, history events, numbering and row look-ups.

``Inti`` holds the store, the master service and the injectable clock; every part (permohonan,
keberatan, sengketa, retensi) is a ``Bagian`` built on the same ``Inti``, so a test that sets
``services.layanan.clock`` moves every clock of the room at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from sqlmodel import Session

from ppid_desktop.core import crypto, penomoran
from ppid_desktop.core import kalender as K  # noqa: N812
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.db import Store
from ppid_desktop.core.errors import UserError
from ppid_desktop.core.identitas import mask_nik
from ppid_desktop.layanan.models import Keberatan, LampiranLayanan, Permohonan, RiwayatLayanan, Sengketa
from ppid_desktop.master.service import MasterService

_Row = TypeVar("_Row", Permohonan, Keberatan, Sengketa, LampiranLayanan)


def ada(s: Session, model: type[_Row], row_id: str, nama: str) -> _Row:
    """The live row ``row_id`` of ``model``; ``UserError("<nama> tidak ditemukan.")`` when absent or deleted."""
    row = s.get(model, row_id)
    if row is None or row.deleted:
        raise UserError(f"{nama} tidak ditemukan.")
    return row


def nama_aktor(actor: Actor) -> str:
    return actor.nama or actor.username


def set_nik(p: Permohonan | Keberatan, nik: str | None) -> None:
    """Store ``nik`` encrypted with its keyed hash and mask (None/empty: clear all three)."""
    if nik:
        p.nik_enc = crypto.encrypt_text(nik)
        p.nik_hash = crypto.keyed_hash(nik)
        p.nik_mask = mask_nik(nik)
    else:
        p.nik_enc = p.nik_hash = None
        p.nik_mask = ""


def riwayat_baru(actor: Actor, objek: str, objek_id: str, aksi: str, dari: str = "", ke: str = "",
                 catatan: str = "") -> RiwayatLayanan:
    """One history row (not yet added to a session)."""
    return RiwayatLayanan(objek=objek, objek_id=objek_id, aksi=aksi, status_dari=dari, status_ke=ke,
                          catatan=catatan, oleh=actor.username, oleh_nama=nama_aktor(actor))


class Inti:
    """Store, master service and clock of the room, and the calendar/numbering helpers the parts share."""

    def __init__(self, store: Store, master: MasterService) -> None:
        self.store = store
        self.master = master
        self.clock: Callable[[], date] = date.today

    def kalender(self, *days: date | None) -> tuple[K.WorkCalendar, str]:
        """The working calendar with the years around ``days`` loaded (and seeded) up front, so no
        seeding session opens while our unit of work holds the write lock; then its version."""
        cal = self.master.kalender_kerja()
        years = {d.year + k for d in days if d is not None for k in (0, 1)} or {self.clock().year}
        for y in sorted(years):
            if K.MIN_YEAR <= y <= K.MAX_YEAR:
                cal.is_workday(date(y, 1, 1))
        return cal, self.master.versi_kalender()

    @staticmethod
    def event(s: Session, actor: Actor, objek: str, objek_id: str, aksi: str, dari: str = "", ke: str = "",
              catatan: str = "") -> None:
        s.add(riwayat_baru(actor, objek, objek_id, aksi, dari, ke, catatan))

    def pola_urut(self, jenis: str) -> re.Pattern[str] | None:
        """The office's number template of ``jenis`` as a regex with an ``urut`` group (None: no template)."""
        pola = next((t.pola for t in self.master.daftar_pola_nomor() if t.jenis == jenis), None)
        if not pola:
            return None
        rx = re.escape(pola)
        rx = re.sub(r"\\\{urut[^}]*\\\}", r"(?P<urut>\\d+)", rx)
        rx = re.sub(r"\\\{[a-z]+\\\}", r".*?", rx)
        return re.compile(rx)

    def bump(self, s: Session, jenis: str, nomor: str, tanggal: date) -> None:
        """Keep the yearly counter ahead of an imported number that follows the office template."""
        rx = self.pola_urut(jenis)
        m = rx.fullmatch(nomor) if rx else None
        if m:
            penomoran.bump_to_at_least(s, jenis, tanggal.year, int(m.group("urut")))


class Bagian:
    """Base of a part of the room: the shared ``Inti`` under the names the moved code uses."""

    def __init__(self, inti: Inti) -> None:
        self.inti = inti
        self.store = inti.store
        self.master = inti.master

    def clock(self) -> date:
        return self.inti.clock()

    def _kalender(self, *days: date | None) -> tuple[K.WorkCalendar, str]:
        return self.inti.kalender(*days)

    _event = staticmethod(Inti.event)

    def _bump(self, s: Session, jenis: str, nomor: str, tanggal: date) -> None:
        self.inti.bump(s, jenis, nomor, tanggal)
