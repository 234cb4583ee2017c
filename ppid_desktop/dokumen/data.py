"""Plain data the document kit consumes.

The Data Master layer maps its database rows into these dataclasses; the kit never touches the database.
All string fields are *plain text* (the kit escapes them before they reach reportlab markup).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = ["KERTAS", "MODE_TTD", "Instansi", "Paraf", "Pejabat", "TandaTangan", "domain_pemda", "instansi_setda"]

KERTAS: tuple[str, ...] = ("A4", "F4")
"""Supported paper names (F4 = 215 × 330 mm, never mapped to Legal)."""

MODE_TTD: tuple[str, ...] = ("", "a.n.", "u.b.", "Plt.", "Plh.", "Pj.", "Pjs.")
"""Signing modes: own authority, atas nama, untuk beliau, Pelaksana Tugas/Harian, Penjabat (Sementara)."""


@dataclass(frozen=True)
class Instansi:
    """Office profile: kop lines, logo, paper and typography."""

    pemerintah: str
    """First kop line, e.g. ``"PEMERINTAH KOTA SALATIGA"`` (printed as given, upper-cased)."""
    perangkat_daerah: str
    """Second kop line, e.g. ``"DINAS KOMUNIKASI DAN INFORMATIKA"``."""
    sub_unit: str = ""
    alamat: str = ""
    kota: str = ""
    """Place name used in the date line (``"Salatiga, 16 Maret 2026"``)."""
    kode_pos: str = ""
    telepon: str = ""
    email: str = ""
    website: str = ""
    logo_path: str | None = None
    kertas: str = "F4"
    font: str = "Arial"
    ukuran_font: float = 12
    margin_atas: float = 25
    margin_bawah: float = 25
    margin_kiri: float = 30
    margin_kanan: float = 20
    spasi: float = 1.15

    def __post_init__(self) -> None:
        object.__setattr__(self, "kertas", self.kertas.strip().upper())
        if self.kertas not in KERTAS:
            raise ValueError(f"Ukuran kertas '{self.kertas}' tidak didukung (pilih A4 atau F4).")
        if not 6 <= self.ukuran_font <= 20:
            raise ValueError(f"Ukuran huruf {self.ukuran_font} tidak wajar (6–20 pt).")
        for nama in ("margin_atas", "margin_bawah", "margin_kiri", "margin_kanan"):
            nilai = getattr(self, nama)
            if not 5 <= nilai <= 60:
                raise ValueError(f"Margin {nama.removeprefix('margin_')} {nilai} mm tidak wajar (5–60 mm).")
        if not 0.8 <= self.spasi <= 3:
            raise ValueError(f"Spasi baris {self.spasi} tidak wajar (0,8–3).")


@dataclass(frozen=True)
class Pejabat:
    """An official as printed under a signature."""

    nama: str
    """Full name with academic titles, printed as given (bold, underlined)."""
    jabatan: str
    nip: str = ""
    pangkat: str = ""
    golongan: str = ""


@dataclass(frozen=True)
class TandaTangan:
    """One signature block.

    ``mode`` is one of :data:`MODE_TTD`. For ``a.n.`` and ``u.b.``, ``atas_nama_jabatan`` is the jabatan
    signed for (``"KEPALA DINAS KOMUNIKASI DAN INFORMATIKA"``); for ``u.b.`` it may hold two lines separated
    by ``"\\n"`` (the a.n. jabatan and the intermediate official). ``label`` is an optional line printed
    above everything else (``"PIHAK KESATU,"`` in a berita acara). ``tempat``/``tanggal`` feed the date line
    (``tempat`` falls back to :attr:`Instansi.kota`). ``tte=True`` marks an electronic signature.
    """

    pejabat: Pejabat
    mode: str = ""
    atas_nama_jabatan: str = ""
    tempat: str = ""
    tanggal: date | None = None
    tte: bool = False
    label: str = ""

    def __post_init__(self) -> None:
        if self.mode not in MODE_TTD:
            raise ValueError(f"Mode tanda tangan '{self.mode}' tidak dikenal (pilih: {', '.join(MODE_TTD[1:])}).")


@dataclass(frozen=True)
class Paraf:
    """One row of the paraf (initials) table: the drafter's chain or a coordinating unit."""

    nama: str
    jabatan: str


_JENIS_PEMDA = (("PROVINSI", "prov"), ("KABUPATEN", "kab"), ("KOTA", "kota"))


def domain_pemda(pemerintah: str) -> str:
    """``"PEMERINTAH KOTA SALATIGA"`` -> ``"salatigakota.go.id"`` (``kab``/``prov`` likewise); ``""`` when the
    name is not of that form."""
    nama = " ".join(pemerintah.upper().split())
    nama = nama.removeprefix("PEMERINTAH ").strip()
    for jenis, akhiran in _JENIS_PEMDA:
        if nama.startswith(jenis + " "):
            wilayah = "".join(ch for ch in nama[len(jenis):].lower() if ch.isalnum())
            return f"{wilayah}{akhiran}.go.id" if wilayah else ""
    return ""


def instansi_setda(ins: Instansi, *, nama: str = "", alamat: str = "", telepon: str = "", email: str = "",
                   website: str = "") -> Instansi:
    """The kop of the Sekretariat Daerah (letters the Sekretaris Daerah signs as Atasan PPID) on the
    office's paper and type: its own name/address/phone/e-mail/website lines from the profile, each empty
    one derived from the pemda name (``SEKRETARIAT DAERAH``, the place name, ``setda.<pemda>.go.id``,
    ``setda@<pemda>.go.id``) — never the office's own address line."""
    from dataclasses import replace

    domain = domain_pemda(ins.pemerintah)
    return replace(
        ins, perangkat_daerah=nama.strip() or "SEKRETARIAT DAERAH", sub_unit="",
        alamat=alamat.strip() or ins.kota.strip(), kode_pos="", telepon=telepon.strip(),
        email=email.strip() or (f"setda@{domain}" if domain else ""),
        website=website.strip() or (f"setda.{domain}" if domain else ""),
    )
