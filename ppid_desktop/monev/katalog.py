"""Instrument catalogue part of ``MonevService``: versions, publishing, shipped templates."""

from __future__ import annotations

from sqlmodel import col, select

from ppid_desktop.akun import roles as R
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.base import utcnow
from ppid_desktop.core.errors import UserError
from ppid_desktop.monev import instrumen as I
from ppid_desktop.monev.basis import (
    NOT_DELETED,
    MonevBasis,
)
from ppid_desktop.monev.masukan import IsianInstrumen
from ppid_desktop.monev.models import (
    Instrumen,
)


class InstrumenMixin(MonevBasis):
    def daftar_instrumen(self, kode: str | None = None) -> list[Instrumen]:
        with self.store.read() as s:
            stmt = select(Instrumen).where(Instrumen.deleted == NOT_DELETED)
            if kode:
                stmt = stmt.where(Instrumen.kode == kode)
            return list(s.exec(stmt.order_by(col(Instrumen.kode), col(Instrumen.versi).desc())))

    def simpan_instrumen(self, actor: Actor, isian: IsianInstrumen) -> Instrumen:
        """Validate and save (new version if the latest is published). See ``instrumen.simpan``."""
        row: Instrumen = I.simpan(self.store, actor, isian.sebagai_dict())
        return row

    def terbitkan(self, actor: Actor, instrumen_id: str) -> Instrumen:
        R.require(actor, R.MONEV_KELOLA)
        with self.store.session(actor) as s:
            row = s.get(Instrumen, instrumen_id)
            if row is None or row.deleted:
                raise UserError("Instrumen tidak ditemukan.")
            if row.status != "terbit":
                row.status = "terbit"
                row.diterbitkan_at = utcnow()
                s.add(row)
        return row

    def impor_templat(self, actor: Actor, name: str, terbitkan: bool = True) -> Instrumen:
        row = self.simpan_instrumen(actor, IsianInstrumen.dari_dict(I.muat_templat(name)))
        return self.terbitkan(actor, row.id) if terbitkan else row
