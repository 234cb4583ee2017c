"""Letter and register numbering: templates with tokens and a per-year, per-series counter.

Template tokens: ``{urut}`` (serial, ``{urut:03}`` zero-padded), ``{kode}`` (kode klasifikasi
arsip), ``{unit}`` (unit pengolah code), ``{bulan}`` (01–12), ``{romawi}`` (I–XII), ``{tahun}``.
Example: ``000.8.3.3/{urut}/DISKOMINFO/{tahun}`` or ``{urut:03}/PPID/{romawi}/{tahun}``.
The counter is taken inside the caller's unit of work, so a rolled-back save gives the number back.
"""

from __future__ import annotations

import re
import string
from datetime import date

from sqlmodel import Field, Session, SQLModel, select

from ppid_desktop.core.errors import UserError
from ppid_desktop.core.tanggal import bulan_romawi

TOKENS = {"urut", "kode", "unit", "bulan", "romawi", "tahun"}


class NomorUrut(SQLModel, table=True):
    """Last serial used per series and year (local to this database)."""

    __tablename__ = "nomor_urut"

    seri: str = Field(primary_key=True, max_length=64)
    tahun: int = Field(primary_key=True)
    terakhir: int = 0


def validate_template(pola: str) -> None:
    if not pola.strip():
        raise UserError("Pola nomor wajib diisi.", field="pola")
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(pola) if f is not None]
    except ValueError as exc:
        raise UserError(f"Pola nomor tidak valid: {exc}.", field="pola") from None
    unknown = [f for f in fields if f not in TOKENS]
    if unknown:
        raise UserError(
            f"Pola nomor memuat penanda yang tidak dikenal: {', '.join('{' + u + '}' for u in unknown)}. "
            f"Yang dikenal: {', '.join('{' + t + '}' for t in sorted(TOKENS))}.",
            field="pola",
        )
    if "urut" not in fields:
        raise UserError("Pola nomor harus memuat {urut}.", field="pola")


def render(pola: str, urut: int, tanggal: date, kode: str = "", unit: str = "") -> str:
    validate_template(pola)
    text = pola.format(
        urut=urut, kode=kode, unit=unit, bulan=f"{tanggal.month:02d}", romawi=bulan_romawi(tanggal.month),
        tahun=tanggal.year,
    )
    # An empty token must not leave "//" or a leading/trailing separator ("/1/BA/…").
    return re.sub(r"/{2,}", "/", text).strip("/.- ")


def next_number(session: Session, seri: str, tanggal: date) -> int:
    """Take the next serial of ``seri`` for ``tanggal.year`` (inside the caller's transaction)."""
    row = session.exec(select(NomorUrut).where(NomorUrut.seri == seri, NomorUrut.tahun == tanggal.year)).first()
    if row is None:
        row = NomorUrut(seri=seri, tahun=tanggal.year, terakhir=0)
    row.terakhir += 1
    session.add(row)
    session.flush()
    return row.terakhir


def bump_to_at_least(session: Session, seri: str, tahun: int, value: int) -> None:
    """Keep the counter ahead of numbers that arrived from elsewhere (import, sync)."""
    row = session.exec(select(NomorUrut).where(NomorUrut.seri == seri, NomorUrut.tahun == tahun)).first()
    if row is None:
        session.add(NomorUrut(seri=seri, tahun=tahun, terakhir=value))
    elif row.terakhir < value:
        row.terakhir = value
        session.add(row)
