"""The account queries of the light start path (``core.ringan``): plain DB-API SQL, no ORM.

``periksa_masuk`` recognises only the clean sign-in — the account exists, is active, is not locked,
the password verifies and its hash needs no upgrade — and answers ``None`` for everything else, so every
failure (wrong password, unknown or inactive account, lockout, rehash) goes through
``AkunService.authenticate`` exactly as before (counters, lockout, audit). The writes of a clean sign-in
(``last_login``, counters reset, the audit ``login``, the key file's pending ``login_gagal``) are made by
``AkunService.catat_masuk`` once the services are loaded, before any other write.

The argon2 hasher lives here too (the service imports it): loaded on first use, not at import.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from argon2 import PasswordHasher

# argon2id at the OWASP Password Storage Cheat Sheet's first configuration: m = 19 MiB, t = 2, p = 1
# (~0.1 s on a 2-core laptop; argon2-cffi's default 64 MiB, t = 3, p = 4 took ~0.6 s at every sign-in
# and every demo account). Hashes keep their own parameters, so older ones still verify.
ARGON2_TIME_COST = 2
ARGON2_MEMORY_KIB = 19 * 1024
ARGON2_PARALLELISM = 1

# Security settings of a database (Pengaturan, Admin only): the idle lock and the import row cap.
KUNCI_MENIT_BAWAAN = 10  # minutes without keyboard or mouse before the app locks (0: never)
KUNCI_MENIT_MAKS = 240


@cache
def hasher() -> PasswordHasher:
    """argon2id with the parameters above, loaded on first sign-in."""
    from argon2 import PasswordHasher

    return PasswordHasher(time_cost=ARGON2_TIME_COST, memory_cost=ARGON2_MEMORY_KIB, parallelism=ARGON2_PARALLELISM)


def verify(password_hash: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return bool(hasher().verify(password_hash, password))
    except (VerificationError, InvalidHashError):
        return False


@dataclass(frozen=True)
class AkunMasuk:
    """The account a clean sign-in found (what ``AkunService.actor_for`` reads of ``Pengguna``)."""

    id: str
    username: str
    nama: str
    roles: frozenset[str]


def waktu_utc(value: Any) -> datetime | None:
    """A stored ``DATETIME`` (naive UTC text as SQLAlchemy writes it) as an aware datetime; None if unreadable."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            return None
    else:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def periksa_masuk(conn: Any, username: str, password: str, now: datetime) -> AkunMasuk | None:
    """The account if this is a clean sign-in (see the module doc), else None: take the full path."""
    username = username.strip().lower()
    row = conn.execute("SELECT id, username, nama, password_hash, roles, aktif, terkunci_sampai FROM pengguna "
                       "WHERE username = ?", [username]).fetchone()
    if row is None or not row[5]:
        return None
    if row[6] is not None:
        sampai = waktu_utc(row[6])
        if sampai is None or sampai > now:
            return None
    if not verify(row[3], password) or hasher().check_needs_rehash(row[3]):
        return None
    return AkunMasuk(str(row[0]), str(row[1]), str(row[2] or ""),
                     frozenset(r.strip() for r in str(row[4] or "").split(",") if r.strip()))


def ada_pengguna(conn: Any) -> bool:
    return conn.execute("SELECT 1 FROM pengguna LIMIT 1").fetchone() is not None


def pengaturan(conn: Any, kunci: str, bawaan: int, lo: int, hi: int) -> int:
    """An integer security setting of ``pengaturan_akun``; ``bawaan`` when unset, unreadable or out of range."""
    row = conn.execute("SELECT nilai FROM pengaturan_akun WHERE kunci = ?", [kunci]).fetchone()
    try:
        value = int(row[0]) if row is not None else bawaan
    except (TypeError, ValueError):
        return bawaan
    return value if lo <= value <= hi else bawaan


def kunci_menit(conn: Any) -> int:
    """Idle minutes before the app locks (0: never)."""
    return pengaturan(conn, "kunci_menit", KUNCI_MENIT_BAWAAN, 0, KUNCI_MENIT_MAKS)
