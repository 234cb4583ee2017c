"""Text hygiene at the service boundary: one place that every stored string passes through.

``core.db``'s unit of work applies ``bersihkan`` to every ``str`` column of every new or changed
record (and ``bulk_insert`` to every row), so a Word paste with ``\\x0b``, a NUL, a bidi override or a
full-width digit in a NIK never reaches the database:

- text is NFC-normalised; ``\\r\\n``/``\\r`` become ``\\n``;
- control characters other than tab and newline are refused, naming the field and the character;
- text made only of zero-width/format characters, and bidi overrides/isolates (the "Trojan source"
  trick that shows a different text than is stored), are refused;
- identity numbers and phones (``ANGKA_SAJA``) refuse digits that are not ASCII 0–9 (full-width,
  Arabic-Indic, superscript…), naming the odd character;
- a personal attachment's file name (``KTP_<NIK>.jpg``) is stored without the number
  (``nama_berkas_aman``).

``aman_untuk_ekspor`` is the other direction: what old data may still hold is escaped for
registers and spreadsheets, never a crash.
"""

from __future__ import annotations

import re
import unicodedata

from ppid_desktop.core.errors import ValidationError

ALLOWED_CONTROLS = {"\t", "\n"}
BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
ZERO_WIDTH = set("\u200b\u200c\u200d\u2060\ufeff\u00ad")

# Columns holding numbers people type (NIK, NIP, phone): only ASCII digits count as digits.
ANGKA_SAJA = {"nip", "kepala_nip", "atasan_nip", "telepon", "ppid_telepon", "nik", "no_telepon"}
# Tables whose attachment names may carry personal data, and the column holding the name.
NAMA_BERKAS_PRIBADI = {"lampiran_layanan": "nama_berkas"}
# Columns that hold ciphertext, hashes or machine JSON: left as they are.
_SKIP_SUFFIX = ("_enc", "_hash")


def _nama_karakter(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}{' ' + name if name else ''}"


def _tampak(ch: str) -> str:
    return repr(ch)[1:-1] if unicodedata.category(ch)[0] in "CZ" else ch


def bersihkan(value: str, field: str = "teks", label: str | None = None) -> str:
    """The stored form of ``value`` or ``ValidationError({field: pesan})``."""
    if not value:
        return value
    label = label or field
    text = value
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii() and text.isprintable():
        return text  # the common case: nothing else to look at
    for ch in text:
        cat = unicodedata.category(ch)
        if cat == "Cc" and ch not in ALLOWED_CONTROLS:
            raise ValidationError({field: f"{label} memuat karakter kendali '{_tampak(ch)}' ({_nama_karakter(ch)}) "
                                          "yang tidak diizinkan; hapus karakter itu (sering terbawa saat menyalin "
                                          "dari Word atau PDF)."})
        if ch in BIDI_CONTROLS:
            raise ValidationError({field: f"{label} memuat karakter pembalik arah teks ({_nama_karakter(ch)}) "
                                          "yang dapat menyamarkan isi; hapus karakter itu."})
    if text.strip() and all(ch in ZERO_WIDTH or ch.isspace() for ch in text):
        raise ValidationError({field: f"{label} hanya berisi karakter tak terlihat (lebar nol); isi dengan teks."})
    return text


def cek_angka(value: str, field: str, label: str | None = None) -> None:
    """Refuse digits other than ASCII 0–9 (full-width, Arabic-Indic, superscript…) in ``value``."""
    for ch in value:
        if not ch.isascii() and (ch.isdigit() or unicodedata.category(ch) in {"Nd", "No", "Nl"}):
            raise ValidationError({field: f"{label or field.upper()} memuat '{ch}' ({_nama_karakter(ch)}), bukan "
                                          "angka 0–9 biasa. Ketik ulang angkanya dengan papan ketik biasa."})


_NOMOR_PANJANG = re.compile(r"\d[\d .\-]{4,}\d")
_SUREL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


def nama_berkas_aman(nama: str, jenis: str = "") -> str:
    """An attachment name without personal data: a KTP scan is just ``KTP.<ext>``; elsewhere long
    numbers (NIK, phone) and e-mail addresses are replaced by ``•••``."""
    if not nama:
        return nama
    stem, dot, ext = nama.rpartition(".")
    if not dot or len(ext) > 8 or not ext.isalnum():
        stem, ext = nama, ""
    if jenis.lower() == "ktp":
        return "KTP" + (f".{ext.lower()}" if ext else "")
    stem = _SUREL.sub("•••", stem)
    stem = _NOMOR_PANJANG.sub("•••", stem)
    return stem + (f".{ext}" if ext else "")


def perlu_periksa(column: str) -> bool:
    return not column.endswith(_SKIP_SUFFIX)


_EKSPOR_BURUK = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def aman_untuk_ekspor(value: str) -> str:
    """Escape control and bidi characters that old data may hold (``\\x0b`` → ``\\x0b`` as text)."""
    if not value or value.isascii() and value.isprintable():
        return value
    return _EKSPOR_BURUK.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                             else f"\\u{ord(m.group()):04x}", value)
