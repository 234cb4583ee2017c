"""Small text helpers shared by the kit and the documents (Qt-free, no reportlab)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from ppid_desktop.core import identitas
from ppid_desktop.core.tanggal import terbilang

__all__ = ["NOMOR_MENUNGGU", "esc", "format_nip", "nomor_cetak", "pangkat_golongan", "rangkap"]

# What a document prints for its number before it has one (agenda drafts, plain prints of a programme).
NOMOR_MENUNGGU = "(diberikan saat ditandatangani)"


def esc(text: object) -> str:
    """Escape plain user text for reportlab Paragraph markup; line breaks become ``<br/>``.

    ``None`` becomes ``""``. Use it for every user-supplied value put into a markup string::

        kit.p(f"Nama pemohon: <b>{esc(pemohon.nama)}</b>")
    """
    if text is None:
        return ""
    s = escape(str(text))
    return "<br/>".join(s.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def format_nip(nip: str) -> str:
    """NIP in 8-6-1-3 groups: ``"196804111993031009"`` -> ``"19680411 199303 1 009"``.

    Spaces, dots and dashes in the input are ignored. A value that is not 18 digits (PPPK numbers,
    typos) is returned trimmed and otherwise unchanged, so nothing is silently lost.
    (The rule lives in :func:`ppid_desktop.core.identitas.format_nip`; the kit re-exports it.)
    """
    return identitas.format_nip(nip)


def pangkat_golongan(pangkat: str, golongan: str) -> str:
    """``"Pembina Tingkat I (IV/b)"``; either part may be empty."""
    pangkat, golongan = pangkat.strip(), golongan.strip()
    if pangkat and golongan:
        return f"{pangkat} ({golongan})"
    return pangkat or golongan


def rangkap(n: int) -> str:
    """``2`` -> ``"2 (dua)"`` — the number-with-words form used for lampiran and rangkap counts."""
    return f"{n} ({terbilang(n)})"


def nomor_cetak(nomor: str) -> str:
    """The number as printed: a blank (or whitespace-only) number prints :data:`NOMOR_MENUNGGU`."""
    return nomor.strip() or NOMOR_MENUNGGU
