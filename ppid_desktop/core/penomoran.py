"""Letter and register numbering: templates with tokens and a per-year, per-series counter.

Template tokens: ``{urut}`` (serial, ``{urut:03}`` zero-padded), ``{kode}`` (kode klasifikasi
arsip), ``{unit}`` (unit pengolah code), ``{bulan}`` (01–12), ``{romawi}`` (I–XII), ``{tahun}``.
Example: ``000.8.3.3/{urut}/DISKOMINFO/{tahun}`` or ``{urut:03}/PPID/{romawi}/{tahun}``.
The counter is taken inside the caller's unit of work, so a rolled-back save gives the number back.

Only the office database issues register numbers: a database whose sync role is ``lapangan`` (a field
laptop; ``sinkron_info.peran``, read here by name because core does not import the sync room) refuses
every series but ``berita_acara``, and takes those only from the block its programme package assigned.
"""

from __future__ import annotations

import json
import re
import string
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlmodel import Field, Session, SQLModel

from ppid_desktop.core.errors import UserError
from ppid_desktop.core.tanggal import bulan_romawi

TOKENS = {"urut", "kode", "unit", "bulan", "romawi", "tahun"}
SERI_LAPANGAN = "berita_acara"  # the one series a field laptop numbers (from its assigned block)
_SERI_LABEL = {"permohonan": "nomor pendaftaran permohonan", "keberatan": "nomor registrasi keberatan"}


class NomorKantor(UserError):
    """A field (``lapangan``) database was asked for a number only the office issues."""


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
    """Take the next serial of ``seri`` for ``tanggal.year`` (inside the caller's transaction).

    One atomic statement (upsert + ``RETURNING``) inside the caller's ``BEGIN IMMEDIATE`` unit of
    work: no other process can take the same number."""
    return reserve_numbers(session, seri, tanggal.year, 1).start


def reserve_numbers(session: Session, seri: str, tahun: int, n: int) -> range:
    """Reserve ``n`` consecutive serials of ``seri`` in ``tahun`` in one statement (bulk imports)."""
    if n < 1:
        raise ValueError("n must be positive")
    cek_peran(session.connection(), seri, tahun, n)
    last = session.connection().execute(
        text("INSERT INTO nomor_urut (seri, tahun, terakhir) VALUES (:seri, :tahun, :n) "
             "ON CONFLICT (seri, tahun) DO UPDATE SET terakhir = terakhir + :n RETURNING terakhir"),
        {"seri": seri, "tahun": tahun, "n": n},
    ).scalar_one()
    return range(int(last) - n + 1, int(last) + 1)


def bump_to_at_least(session: Session, seri: str, tahun: int, value: int) -> None:
    """Keep the counter ahead of numbers that arrived from elsewhere (import, sync)."""
    session.connection().execute(
        text("INSERT INTO nomor_urut (seri, tahun, terakhir) VALUES (:seri, :tahun, :v) "
             "ON CONFLICT (seri, tahun) DO UPDATE SET terakhir = max(terakhir, excluded.terakhir)"),
        {"seri": seri, "tahun": tahun, "v": value},
    )


def peran(conn: Any) -> str:
    """``kantor`` or ``lapangan``: the role the sync room gave this database (``kantor`` when unset)."""
    if not conn.execute(text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sinkron_info'")).first():
        return "kantor"
    row = conn.execute(text("SELECT nilai FROM sinkron_info WHERE kunci = 'peran'")).first()
    return "lapangan" if row is not None and row[0] == "lapangan" else "kantor"


def cek_peran(conn: Any, seri: str, tahun: int, n: int = 1) -> None:
    """Refuse (``NomorKantor``) a number a field laptop may not issue; a no-op on the office database."""
    if peran(conn) != "lapangan":
        return
    if seri != SERI_LAPANGAN:
        apa = _SERI_LABEL.get(seri, f"nomor surat keluar (seri {seri})")
        raise NomorKantor(
            f"Laptop ini berperan sebagai laptop lapangan: {apa} hanya diterbitkan oleh database kantor, agar "
            "nomor resmi tidak pernah ganda. Catat atau beri nomor di laptop kantor (peran dapat diubah Admin "
            "di halaman Sinkronisasi).")
    row = conn.execute(text("SELECT nilai FROM sinkron_info WHERE kunci = 'blok_ba'")).first()
    try:
        blok = json.loads(row[0]) if row is not None and row[0] else {}
        dari, sampai, blok_tahun = int(blok["dari"]), int(blok["sampai"]), int(blok["tahun"])
    except (ValueError, KeyError, TypeError):
        raise NomorKantor(
            "Laptop lapangan ini belum mendapat blok nomor berita acara dari kantor. Impor paket program monev "
            "dari laptop kantor (membawa blok nomor), atau finalkan sesi di laptop kantor.") from None
    got = conn.execute(text("SELECT terakhir FROM nomor_urut WHERE seri = :s AND tahun = :t"),
                       {"s": seri, "t": tahun}).first()
    last = max(int(got[0]) if got else 0, dari - 1)
    if blok_tahun != tahun or last + n > sampai:
        raise NomorKantor(
            f"Blok nomor berita acara laptop lapangan ini ({dari}–{sampai}/{blok_tahun}) "
            + ("sudah habis" if blok_tahun == tahun else f"bukan untuk tahun {tahun}")
            + ". Minta paket program monev baru dari laptop kantor (blok baru), atau finalkan sesi di laptop kantor.")
