"""Compact column types for the record base: what is stored is small, what every caller sees stays the same.

- ``Waktu``: a ``datetime`` stored as an integer, microseconds since 1970-01-01 UTC (8 bytes instead of
  the 26-character ISO text SQLModel's ``UTCDateTime`` wrote). Like that type it stores an aware value
  converted to UTC and reads back an aware UTC ``datetime``; a naive value is taken as UTC (that type
  refused it). Integers sort like the text did.
- ``Uuid16``: a canonical UUID string stored as its 16 raw bytes (instead of 36 characters); read back as
  the same lower-case string. Any other string (a hand-made id, an old non-UUID device name) is stored as
  text and read back unchanged, so nothing is ever refused or altered.
- ``HexBlob``: a lower-case hexadecimal digest (the keyed NIK hash, 64 characters) stored as its bytes.
- ``B64Blob``: an ASCII base64url token (the encrypted NIK, a Fernet token) stored as its decoded bytes.
  Both store any value that would not read back as exactly the same string as text, unchanged.
- ``Ringkas``: free text that repeats a small vocabulary (the deadline explanation's JSON with holiday
  names, a history step's note) stored deflated against a **frozen** preset dictionary
  (``KAMUS``; a stored value starts with its dictionary's number, so a later dictionary gets a new
  number and old rows stay readable), only when that is shorter. Never on a column a query filters
  or sorts on (compare the text, not the bytes).

Both are ``TypeDecorator``s: the ORM, Core statements (``select(table)``, ``insert(table)``, comparisons
with a Python value) and the bulk paths that take a column's own bind processor convert on their own.
**Raw SQL does not**: a ``text()`` query that binds a timestamp or such an id, or reads one, converts
with ``waktu_ke_db`` / ``waktu_dari_db`` and ``uuid_ke_db`` / ``uuid_dari_db`` (stored values written by
an older release, ISO text, are read by both ``*_dari_db`` too).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy.engine.interfaces import Dialect
from sqlalchemy.types import BigInteger, String, TypeDecorator

from ppid_desktop.core import tipe_nilai as _tn

# The conversions live in core.tipe_nilai (no database layer); their names are this module's too.
EPOCH = _tn.EPOCH
EPOCH_UTC = _tn.EPOCH_UTC
_US = _tn._US
waktu_ke_db = _tn.waktu_ke_db
waktu_dari_db = _tn.waktu_dari_db
uuid_ke_db = _tn.uuid_ke_db
sql_uuid_teks = _tn.sql_uuid_teks
uuid_dari_db = _tn.uuid_dari_db
_HEX = _tn._HEX
hex_ke_db = _tn.hex_ke_db
hex_dari_db = _tn.hex_dari_db
b64_ke_db = _tn.b64_ke_db
b64_dari_db = _tn.b64_dari_db
KAMUS = _tn.KAMUS
_deflate = _tn._deflate
_inflate = _tn._inflate
ringkas_ke_db = _tn.ringkas_ke_db
ringkas_dari_db = _tn.ringkas_dari_db


class _Blob(TypeDecorator[str]):
    """Shared shape of the string ↔ bytes types: the declared type stays ``VARCHAR``; a subclass names
    its two conversions (``ke``: to the stored form, ``dari``: back to the string)."""

    impl = String
    cache_ok = True
    ke: Any = staticmethod(lambda value: value)
    dari: Any = staticmethod(lambda value: value)

    @property
    def python_type(self) -> type[str]:
        return str

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | bytes | None:
        return self.ke(value)  # type: ignore[no-any-return]

    def ke_db(self) -> Callable[[Any], Any]:
        """The conversion to the stored form as a plain, picklable function of ``core.tipe_nilai`` (what
        ``process_bind_param`` does; for a process without the database layer)."""
        return self.ke  # type: ignore[no-any-return]

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        return self.dari(value)  # type: ignore[no-any-return]

    def process_literal_param(self, value: Any, dialect: Dialect) -> str:
        stored = self.process_bind_param(value, dialect)
        if stored is None:
            return "NULL"
        if isinstance(stored, bytes):
            return f"X'{stored.hex()}'"
        return "'" + str(stored).replace("'", "''") + "'"


class HexBlob(_Blob):
    cache_ok = True
    ke, dari = staticmethod(hex_ke_db), staticmethod(hex_dari_db)


class B64Blob(_Blob):
    cache_ok = True
    ke, dari = staticmethod(b64_ke_db), staticmethod(b64_dari_db)


class Ringkas(_Blob):
    """Text ↔ deflated bytes against the frozen dictionary ``KAMUS[kamus]`` (see the module docstring)."""

    cache_ok = True

    def __init__(self, kamus: int) -> None:
        super().__init__()
        self.kamus = kamus

    dari = staticmethod(ringkas_dari_db)

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | bytes | None:
        return ringkas_ke_db(value, self.kamus)

    def ke_db(self) -> Callable[[Any], Any]:
        return functools.partial(ringkas_ke_db, kamus=self.kamus)


class Waktu(TypeDecorator[datetime]):
    """``datetime`` ↔ integer microseconds (see the module docstring)."""

    impl = BigInteger
    cache_ok = True

    @property
    def python_type(self) -> type[datetime]:
        return datetime

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        return waktu_ke_db(value)

    def ke_db(self) -> Callable[[Any], Any]:
        return waktu_ke_db

    def process_literal_param(self, value: Any, dialect: Dialect) -> str:
        stored = waktu_ke_db(value)
        return "NULL" if stored is None else str(stored)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        return waktu_dari_db(value)


class Uuid16(_Blob):
    """UUID ``str`` ↔ 16 bytes (see the module docstring). The column's declared type stays ``VARCHAR``."""

    cache_ok = True
    ke, dari = staticmethod(uuid_ke_db), staticmethod(uuid_dari_db)
