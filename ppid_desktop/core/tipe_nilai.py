"""The stored forms of ``core.tipe``'s column types as plain functions (no database layer): what each type
converts a value to and from. ``core.tipe`` builds its SQLAlchemy types on them and re-exports them; a
process that only makes rows (the demo's drawing process) needs only this module. See ``core.tipe`` for
what is stored and why."""

from __future__ import annotations

import base64
import binascii
import uuid
import zlib
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

EPOCH = datetime(1970, 1, 1)
EPOCH_UTC = EPOCH.replace(tzinfo=UTC)
_US = timedelta(microseconds=1)


def waktu_ke_db(value: datetime | str | int | None) -> int | None:
    """The stored integer of a timestamp: microseconds since 1970-01-01 UTC. An aware value is converted
    to UTC; a naive one (and ISO text without an offset) is taken as UTC already."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise TypeError("waktu bukan boolean")
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        value = datetime.fromisoformat(value.strip())
    if not isinstance(value, datetime):
        raise TypeError(f"waktu harus datetime, bukan {type(value).__name__}")
    if value.tzinfo is not None and value.utcoffset() is not None:
        value = value.astimezone(UTC)
    d = value.replace(tzinfo=None) - EPOCH
    return (d.days * 86_400 + d.seconds) * 1_000_000 + d.microseconds


def waktu_dari_db(value: Any) -> datetime | None:
    """The aware UTC ``datetime`` of a stored timestamp: an integer of this release or the ISO text (UTC
    without an offset) of an older one — what SQLModel's ``UTCDateTime`` gave back before."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.utcoffset() is None else value.astimezone(UTC)
    if isinstance(value, int):
        return EPOCH_UTC + value * _US
    if isinstance(value, float):
        return EPOCH_UTC + int(value) * _US
    if isinstance(value, bytes):
        value = value.decode()
    dt = datetime.fromisoformat(str(value).strip())
    return dt.replace(tzinfo=UTC) if dt.utcoffset() is None else dt.astimezone(UTC)


def uuid_ke_db(value: str | bytes | None) -> str | bytes | None:
    """16 bytes for a canonical (lower-case, hyphenated) UUID string; any other string unchanged."""
    if value is None or isinstance(value, bytes):
        return value
    s = str(value)
    if len(s) == 36 and s[8] == "-" and s[13] == "-" and s[18] == "-" and s[23] == "-":
        h = s.replace("-", "")
        try:
            raw = bytes.fromhex(h)
        except ValueError:
            return s
        if len(raw) == 16 and raw.hex() == h:  # lower-case only: it must read back as exactly this string
            return raw
    return s


def sql_uuid_teks(kolom: str) -> str:
    """SQL for the text a ``Uuid16`` column reads as (16 bytes → the canonical UUID string; text as it is):
    for raw SQL that joins or compares such a column with a text id (``sinkron_meta.rec_id``)."""
    h = f"lower(hex({kolom}))"
    return (f"(CASE WHEN typeof({kolom}) = 'blob' AND length({kolom}) = 16 THEN substr({h}, 1, 8) || '-' || "
            f"substr({h}, 9, 4) || '-' || substr({h}, 13, 4) || '-' || substr({h}, 17, 4) || '-' || "
            f"substr({h}, 21) ELSE {kolom} END)")


def uuid_dari_db(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        if len(value) == 16:
            return str(uuid.UUID(bytes=value))
        return value.decode()
    return str(value)


_HEX = frozenset("0123456789abcdef")


def hex_ke_db(value: str | bytes | None) -> str | bytes | None:
    if value is None or isinstance(value, bytes):
        return value
    s = str(value)
    if s and len(s) % 2 == 0 and _HEX.issuperset(s):
        return bytes.fromhex(s)
    return s


def hex_dari_db(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


def b64_ke_db(value: str | bytes | None) -> str | bytes | None:
    if value is None or isinstance(value, bytes):
        return value
    s = str(value)
    if not s or not s.isascii():
        return s
    try:
        raw = base64.urlsafe_b64decode(s)
    except (binascii.Error, ValueError):
        return s
    return raw if base64.urlsafe_b64encode(raw).decode("ascii") == s else s


def b64_dari_db(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        return base64.urlsafe_b64encode(value).decode("ascii")
    return str(value)


# Frozen preset dictionaries of ``Ringkas`` (never edit one: add a new number). Deflate finds a match
# cheapest near the end, so the most frequent phrases come last.
KAMUS: dict[int, bytes] = {
    1: (  # permohonan/keberatan.tenggat_rincian (layanan.rincian form 2) with the calendar's holiday names
        b'"Libur nasional: Hari Raya Natal"],["'
        b'"Cuti bersama: Cuti Bersama Hari Raya Idul Adha"],["'
        b'"Cuti bersama: Cuti Bersama Hari Raya Waisak"],["'
        b'"Cuti bersama: Cuti Bersama Hari Suci Nyepi"],["'
        b'"Cuti bersama: Cuti Bersama Kenaikan Yesus Kristus"],["'
        b'"Cuti bersama: Cuti Bersama Tahun Baru Imlek"],["'
        b'"Cuti bersama: Cuti Bersama Hari Raya Natal"],["'
        b'"Libur nasional: Isra Mikraj Nabi Muhammad"],["'
        b'"Libur nasional: Hari Raya Idul Adha"],["'
        b'"Libur nasional: Hari kedua dari Hari Raya Idul Fitri"],["'
        b'"Libur nasional: Hari Raya Idul Fitri"],["'
        b'"Libur nasional: Hari Suci Nyepi"],["'
        b'"Libur nasional: Kenaikan Yesus Kristus"],["'
        b'"Libur nasional: Maulid Nabi Muhammad"],["'
        b'"Libur nasional: Hari Kemerdekaan Republik Indonesia"],["'
        b'"Libur nasional: Hari Lahir Pancasila"],["'
        b'"Libur nasional: Hari Raya Waisak"],["'
        b'"Libur nasional: Tahun Baru Imlek"],["'
        b'"Libur nasional: Kebangkitan Yesus Kristus"],["'
        b'"Libur nasional: Wafat Yesus Kristus"],["'
        b'"Libur nasional: Tahun Baru Masehi"],["'
        b'"Libur nasional: Tahun Baru Islam"],["'
        b'"Libur nasional: Hari Buruh Internasional"],["'
        b'"Cuti bersama: Cuti Bersama Hari Raya Idul Fitri"],["'
        b'"Akhir pekan (Sabtu)"],["Akhir pekan (Minggu)"],["'
        b'{"k":2,"p":{"x":[["2024-12-2'
        b'{"k":2,"p":{"x":[["2025-0'
        b'{"k":2,"p":{"x":[["2026-0'
    ),
    2: (  # riwayat_layanan.catatan: the notes the service writes for its steps
        b"Diajukan sengketa ke Komisi Informasi. Keberatan diajukan. Lampiran ditambahkan: "
        b"Formulir permohonan dicetak (NIK utuh). Tenggat dihitung ulang. Diperpanjang. Dianonimkan. "
        b"Tidak dapat diberikan: belum didokumentasikan"
        b"Permohonan dicatat melalui Telepon"
        b"Permohonan dicatat melalui Media sosial"
        b"Permohonan dicatat melalui SP4N-LAPOR!"
        b"Tidak dapat diberikan: informasi tidak dikuasai"
        b"Ditolak (informasi dikecualikan)"
        b"Permohonan dicatat melalui Surat"
        b"Dikabulkan sebagian"
        b"Permohonan dicatat melalui E-mail"
        b"Permohonan dicatat melalui Website PPID"
        b"Permohonan dicatat melalui Langsung (meja layanan)"
        b"Dikabulkan seluruhnya"
    ),
}


@lru_cache(maxsize=4096)  # the values repeat (a dozen history notes, a few dozen explanations)
def _deflate(s: str, kamus: int) -> str | bytes:
    raw = s.encode()
    if len(raw) < 8:
        return s
    z = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, KAMUS[kamus])
    packed = bytes((kamus,)) + z.compress(raw) + z.flush()
    return packed if len(packed) < len(raw) else s


@lru_cache(maxsize=4096)
def _inflate(value: bytes) -> str:
    if value and value[0] in KAMUS:
        z = zlib.decompressobj(-15, KAMUS[value[0]])
        return (z.decompress(value[1:]) + z.flush()).decode()
    return value.decode()


def ringkas_ke_db(value: str | bytes | None, kamus: int) -> str | bytes | None:
    """The deflated bytes (first byte: the dictionary's number) when shorter than the text, else the text."""
    if value is None or isinstance(value, bytes):
        return value
    return _deflate(str(value), kamus)


def ringkas_dari_db(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        return _inflate(value)
    return str(value)
