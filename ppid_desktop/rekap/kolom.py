"""Column specifications and typed-cell conversion for imports.

A ``Kolom`` names one field of an import kind: its label (the header of our own exports and
templates), the header variants offices use (``sinonim``), its type and whether it is required.
``konversi(kolom, value)`` turns one cell value (as openpyxl returns it) into the field value or
raises ``NilaiSalah`` with an Indonesian message (and ``peringatan`` for warnings that still keep
the value).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from ppid_desktop.core.identitas import IdentitasError, digits_only, parse_nik, parse_nip
from ppid_desktop.core.tanggal import parse_tanggal
from ppid_desktop.master.service import EMAIL_RE  # the rule of the Data Master forms

TEKS, ANGKA, DESIMAL, TANGGAL, NIK, NIP, TELEPON, YA_TIDAK, PILIHAN, EMAIL, CENTANG = (
    "teks", "angka", "desimal", "tanggal", "nik", "nip", "telepon", "ya_tidak", "pilihan", "email", "centang",
)

TIPE_LABEL = {
    TEKS: "teks", ANGKA: "bilangan bulat", DESIMAL: "angka", TANGGAL: "tanggal (sel tanggal Excel, "
    "16/03/2026, 2026-03-16 atau 16 Maret 2026)", NIK: "NIK 16 digit (format sel Teks)",
    NIP: "NIP 18 digit (format sel Teks)", TELEPON: "nomor telepon (format sel Teks)",
    YA_TIDAK: "Ya / Tidak", PILIHAN: "salah satu pilihan", EMAIL: "alamat e-mail",
    CENTANG: "tanda centang (√, v, x, 1 atau ya) di salah satu sub-kolom",
}
TANDA_CENTANG = frozenset({"√", "✓", "✔", "v", "x", "1", "ya", "y", "true", "benar", "ada", "o", "•"})
"""Marks offices put in one of a group's sub-columns (Perki register: Status Informasi, Bentuk, Jenis)."""
_HARI_DEPAN = re.compile(r"^\s*(senin|selasa|rabu|kamis|jumat|jum'at|jum at|sabtu|minggu|ahad)\s*[,.]?\s*", re.I)

MAX_EXACT = 2**53
# Abbreviations normalised to one word before comparing headers.
_SINGKATAN = {
    "no": "nomor", "nmr": "nomor", "nomer": "nomor", "tgl": "tanggal", "tanggal": "tanggal",
    "telp": "telepon", "tlp": "telepon", "telpon": "telepon", "hp": "telepon", "wa": "telepon",
    "thn": "tahun", "ket": "keterangan", "jml": "jumlah", "kd": "kode", "nm": "nama",
    "reg": "registrasi", "pendaftaran": "pendaftaran", "opd": "opd", "pd": "opd",
    "e": "e", "mail": "mail",
}


class NilaiSalah(ValueError):  # noqa: N818
    """The cell value cannot be used; ``str(exc)`` is the Indonesian message."""


def normal(text: Any) -> str:
    """Header normalisation: lower case, accents and punctuation removed, abbreviations expanded."""
    if text is None:
        return ""
    return _normal(text if isinstance(text, str) else str(text))


@lru_cache(maxsize=16384)
def _normal(text: str) -> str:  # registers repeat the same few values (channels, decisions) on every row
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = _NON_ALNUM.sub(" ", s.lower()).split()
    return " ".join(_SINGKATAN.get(w, w) for w in words)


_NON_ALNUM = re.compile(r"[^0-9a-zA-Z]+")


def normal_tanpa_kurung(text: Any) -> str:
    return normal(re.sub(r"\([^)]*\)", " ", str(text or "")))


@dataclass(frozen=True)
class Kolom:
    key: str
    label: str
    tipe: str = TEKS
    wajib: bool = False
    sinonim: tuple[str, ...] = ()
    keterangan: str = ""
    contoh: str = ""
    max_len: int = 500
    lebar: int = 18
    pilihan: tuple[tuple[str, str], ...] = ()  # (code, label)
    alias: tuple[tuple[str, str], ...] = ()  # (value as offices write it, code) for PILIHAN
    templat: bool = True  # False: read when present (e.g. a Perki register's tick columns), not in templates
    format_teks: bool = False  # written as Text in templates/exports (NIK, NIP, phone, numbers)
    _names: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    _pilihan_peta: dict[str, str] = field(default_factory=dict, compare=False, repr=False, hash=False)

    def __post_init__(self) -> None:
        names = {normal(self.label), normal_tanpa_kurung(self.label), normal(self.key)}
        names |= {normal(s) for s in self.sinonim}
        object.__setattr__(self, "_names", frozenset(n for n in names if n))
        peta: dict[str, str] = {}
        for code, label in self.pilihan:
            peta.setdefault(normal(code), code)
            peta.setdefault(normal(label), code)
        for teks, code in self.alias:
            peta.setdefault(normal(teks), code)
        object.__setattr__(self, "_pilihan_peta", peta)

    def cocok(self, header_normal: str) -> bool:
        return header_normal in self._names


def _angka_ke_teks(value: int | float) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


_SCI_RE = re.compile(r"^\s*\d+(?:[.,]\d+)?\s*[eE]\s*\+?\s*\d+\s*$")


def _digit_id(value: Any, nama: str, panjang: int) -> tuple[str, str | None]:
    """Digits of a NIK/NIP cell (a number cell is refused); returns (digits, warning)."""
    if isinstance(value, bool):
        raise NilaiSalah(f"{nama} harus berupa angka {panjang} digit.")
    if isinstance(value, int | float):
        # Excel and LibreOffice keep only 15 significant digits of a number: 3373020512950538 is stored as
        # 3373020512950540. The digits cannot be trusted, so the row is refused (never imported wrong).
        shown = _angka_ke_teks(value) if isinstance(value, int) or value.is_integer() else str(value)
        raise NilaiSalah(
            f"{nama} {shown} tersimpan sebagai angka, bukan teks: Excel/LibreOffice hanya menyimpan 15 digit "
            f"bermakna sehingga digit terakhir {nama} {panjang} digit bisa berubah. Format kolom {nama} sebagai "
            f"Teks (klik kanan › Format Sel › Teks), ketik ulang {nama} dari dokumen aslinya (atau awali dengan "
            "tanda '), lalu impor lagi."
        )
    text = str(value).strip()
    if _SCI_RE.match(text):
        raise NilaiSalah(
            f"{nama} tertulis dalam notasi ilmiah ({text}): digitnya sudah hilang. "
            "Format kolom sebagai Teks lalu ketik ulang."
        )
    return digits_only(text), None


@lru_cache(maxsize=8192)
def _tanggal_teks(teks: str) -> tuple[date, str | None]:
    """A date written as text, e.g. "Selasa, 10 Februari 2026" (the weekday in front is dropped and checked).
    Cached: a register repeats a few hundred distinct dates over thousands of rows (errors are not cached)."""
    try:
        hari = _HARI_DEPAN.match(teks)
        d = parse_tanggal(teks[hari.end():] if hari else teks)
    except ValueError as exc:
        raise NilaiSalah(str(exc)) from None
    if hari:
        from ppid_desktop.core.tanggal import nama_hari

        ditulis = normal(hari.group(1)).replace(" ", "")
        if ditulis != normal(nama_hari(d)).replace(" ", "") and not (ditulis == "ahad" and d.weekday() == 6):
            return d, (f"Hari '{hari.group(1)}' tidak cocok dengan tanggalnya ({nama_hari(d)}, "
                       f"{d.day}-{d.month:02d}-{d.year}); tanggal yang dipakai.")
    return d, None


def konversi(k: Kolom, value: Any) -> tuple[Any, str | None]:
    """Convert one cell. Returns (value, warning). Empty cells give None. Raises ``NilaiSalah``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    t = k.tipe
    if t in (TEKS, EMAIL):
        if isinstance(value, datetime | date):
            value = value.strftime("%d/%m/%Y")
        text = _angka_ke_teks(value) if isinstance(value, int | float) and not isinstance(value, bool) else str(value)
        text = text.strip()
        if len(text) > k.max_len:
            raise NilaiSalah(f"{k.label} terlalu panjang ({len(text)} karakter, maksimal {k.max_len}).")
        if t == EMAIL and not EMAIL_RE.match(text):
            raise NilaiSalah("Alamat e-mail tidak valid.")
        return text, None
    if t == TANGGAL:
        if isinstance(value, datetime):
            return value.date(), None
        if isinstance(value, date):
            return value, None
        if isinstance(value, int | float) and not isinstance(value, bool):
            from openpyxl.utils.datetime import from_excel

            try:
                d = from_excel(value)
            except (ValueError, OverflowError):
                raise NilaiSalah("Angka ini bukan tanggal Excel yang sah.") from None
            return (d.date() if isinstance(d, datetime) else d), None
        return _tanggal_teks(str(value))
    if t in (ANGKA, DESIMAL):
        if isinstance(value, bool):
            raise NilaiSalah("Harus berupa angka.")
        if isinstance(value, str):
            s = value.strip().replace(" ", "")
            if t == ANGKA:
                s = s.replace(".", "")
            else:
                s = s.replace(",", ".")
            try:
                value = float(s)
            except ValueError:
                raise NilaiSalah(f"'{value}' bukan angka.") from None
        if isinstance(value, float) and not math.isfinite(value):
            raise NilaiSalah("Harus berupa angka.")
        if t == ANGKA:
            if isinstance(value, float) and not value.is_integer():
                raise NilaiSalah("Harus bilangan bulat.")
            return int(value), None
        return float(value), None
    if t == NIK:
        if isinstance(value, str) and ("•" in value or "*" in value):
            return None, "NIK disamarkan (•) sehingga tidak diimpor; NIK yang tersimpan tidak berubah."
        digits, warn = _digit_id(value, "NIK", 16)
        try:
            return parse_nik(digits).nik, warn
        except IdentitasError as exc:
            raise NilaiSalah(exc.message) from None
    if t == NIP:
        digits, warn = _digit_id(value, "NIP", 18)
        try:
            return parse_nip(digits).nip, warn
        except IdentitasError as exc:
            raise NilaiSalah(exc.message) from None
    if t == TELEPON:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int) and not isinstance(value, bool):
            text = str(value)
            # A number cell drops the leading 0 of 08xx / 0298… numbers.
            if text.startswith("62"):
                return "+" + text, None
            return "0" + text, "Nomor telepon tersimpan sebagai angka; angka 0 di depannya ditambahkan kembali."
        text = str(value).strip().lstrip("'")
        if _SCI_RE.match(text):
            raise NilaiSalah("Nomor telepon tertulis dalam notasi ilmiah: digitnya hilang. Format kolom sebagai Teks.")
        if len(text) > k.max_len:
            raise NilaiSalah(f"{k.label} terlalu panjang.")
        return text, None
    if t == YA_TIDAK:
        if isinstance(value, bool):
            return value, None
        s = normal(value)
        if s in {"ya", "y", "yes", "1", "true", "benar", "aktif", "v", "x", "ada"}:
            return True, None
        if s in {"tidak", "t", "n", "no", "0", "false", "salah", "nonaktif", "tidak aktif", "tidak ada", "-"}:
            return False, None
        raise NilaiSalah("Isi dengan Ya atau Tidak.")
    if t == CENTANG:
        if isinstance(value, bool):
            return (True if value else None), None
        if isinstance(value, int | float):
            return (True if value == 1 else None), None
        s = str(value).strip().lower()
        if s in TANDA_CENTANG:
            return True, None
        if s in {"-", "0", "tidak", "t", "n", "no", "false"}:
            return None, None
        raise NilaiSalah("Isi sub-kolom dengan tanda centang (√, v, x, 1 atau ya) atau kosongkan.")
    if t == PILIHAN:
        got = k._pilihan_peta.get(normal(value))
        if got is not None:
            return got, None
        daftar = ", ".join(label for _, label in k.pilihan)
        raise NilaiSalah(f"Pilihan tidak dikenal. Gunakan salah satu: {daftar}.")
    raise AssertionError(f"tipe kolom tidak dikenal: {t}")
