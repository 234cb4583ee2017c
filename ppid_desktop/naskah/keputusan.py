"""The body of a keputusan typed in Naskah & Arsip: Menimbang, Mengingat, Menetapkan, the diktum
(KESATU, KEDUA, …) and an optional lampiran, kept in the letter's ``ringkasan`` as plain text so it
travels, exports and diffs like any other draft::

    Menimbang:
    bahwa ...;
    bahwa ...;
    Mengingat:
    Undang-Undang Nomor 14 Tahun 2008 ...;
    Menetapkan:
    KEPUTUSAN KEPALA DINAS ... TENTANG ...
    Memutuskan:
    Menunjuk ...
    Keputusan ini mulai berlaku pada tanggal ditetapkan.
    Lampiran:
    No | Nama | Jabatan
    1 | ... | ...

One item per line under each heading (a leading ``a.``/``1.``/``-`` is dropped: the print numbers them);
``Menetapkan`` is one line (empty: ``KEPUTUSAN <JABATAN PENANDA TANGAN> TENTANG <HAL>``); the
``Lampiran`` text is kept as written (lines with ``|`` print as a table, the first one its header).
Text with none of the headings (a draft from before) reads as diktum only. Qt- and reportlab-free.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["DIKTUM", "IsiKeputusan", "periksa", "teks", "urai"]

DIKTUM = ("KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA", "KEENAM", "KETUJUH", "KEDELAPAN", "KESEMBILAN",
          "KESEPULUH", "KESEBELAS", "KEDUA BELAS", "KETIGA BELAS", "KEEMPAT BELAS", "KELIMA BELAS")
_KEPALA = {"menimbang": "menimbang", "mengingat": "mengingat", "menetapkan": "menetapkan",
           "memutuskan": "diktum", "lampiran": "lampiran"}
_JUDUL = re.compile(r"^\s*(menimbang|mengingat|menetapkan|memutuskan|lampiran)\s*:\s*(.*)$", re.IGNORECASE)
_PENANDA = re.compile(r"^\s*(?:[a-z]\.|\d{1,2}\.|[-•*])\s+", re.IGNORECASE)
_LABEL_DIKTUM = re.compile(r"^\s*(?:" + "|".join(sorted(DIKTUM, key=len, reverse=True)) + r")\s*[:.]?\s+")


@dataclass
class IsiKeputusan:
    menimbang: list[str] = field(default_factory=list)
    mengingat: list[str] = field(default_factory=list)
    menetapkan: str = ""
    diktum: list[str] = field(default_factory=list)
    lampiran: str = ""

    def diktum_berlabel(self) -> list[tuple[str, str]]:
        return [(DIKTUM[i] if i < len(DIKTUM) else f"KE-{i + 1}", x) for i, x in enumerate(self.diktum)]


def _butir(baris: list[str], diktum: bool = False) -> list[str]:
    out = []
    for b in baris:
        x = _PENANDA.sub("", b.strip(), count=1)
        if diktum:
            x = _LABEL_DIKTUM.sub("", x, count=1)
        if x.strip():
            out.append(x.strip())
    return out


def urai(teks_: str) -> IsiKeputusan:
    """Read the body back (see the module docstring)."""
    bagian: dict[str, list[str]] = {k: [] for k in _KEPALA.values()}
    kini: str | None = None
    lepas: list[str] = []
    for line in (teks_ or "").replace("\r\n", "\n").split("\n"):
        m = _JUDUL.match(line)
        if m:
            kini = _KEPALA[m.group(1).lower()]
            if m.group(2).strip():
                bagian[kini].append(m.group(2))
        elif kini is None:
            lepas.append(line)
        else:
            bagian[kini].append(line)
    if not any(bagian.values()):  # no headings: an older plain draft, its paragraphs are the diktum
        paragraf = [" ".join(p.split()) for p in "\n".join(lepas).split("\n\n") if p.strip()]
        return IsiKeputusan(diktum=paragraf)
    return IsiKeputusan(menimbang=_butir(bagian["menimbang"]), mengingat=_butir(bagian["mengingat"]),
                        menetapkan=" ".join(x.strip() for x in bagian["menetapkan"] if x.strip()),
                        diktum=_butir(bagian["diktum"], diktum=True),
                        lampiran="\n".join(bagian["lampiran"]).strip("\n"))


def teks(isi: IsiKeputusan) -> str:
    """The ``ringkasan`` text of ``isi`` (``urai(teks(x)) == x`` for clean items)."""
    out = ["Menimbang:", *isi.menimbang, "Mengingat:", *isi.mengingat]
    if isi.menetapkan.strip():
        out += ["Menetapkan:", isi.menetapkan.strip()]
    out += ["Memutuskan:", *isi.diktum]
    if isi.lampiran.strip():
        out += ["Lampiran:", isi.lampiran.strip("\n")]
    return "\n".join(out)


def periksa(isi: IsiKeputusan) -> dict[str, str]:
    """What a keputusan typed in Naskah & Arsip still lacks (field -> Indonesian message)."""
    problems = {}
    if not isi.menimbang:
        problems["menimbang"] = "Menimbang wajib diisi (paling sedikit satu pertimbangan, satu per baris)."
    if not isi.mengingat:
        problems["mengingat"] = "Mengingat wajib diisi (paling sedikit satu dasar hukum, satu per baris)."
    if not isi.diktum:
        problems["diktum"] = "Memutuskan wajib diisi (paling sedikit diktum KESATU, satu diktum per baris)."
    elif len(isi.diktum) > len(DIKTUM):
        problems["diktum"] = f"Paling banyak {len(DIKTUM)} diktum."
    return problems
