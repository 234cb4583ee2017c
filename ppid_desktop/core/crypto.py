"""Field and file encryption for personal data (NIK, KTP scans) at rest.

Fernet (AES-128-CBC + HMAC-SHA256, from ``cryptography``) with one key per data folder: the key file
``kunci-data.key`` lives in ``core.paths.data_dir()`` and is created with mode 0600 on first use.
A keyed, non-reversible hash (``nik_hash``: HMAC-SHA256 with a sub-key derived from the same key)
lets services look up duplicate NIKs without decrypting.

Losing the key file means the encrypted fields cannot be read again: the backup command copies
the data folder, and ``decrypt_*`` raise ``UserError`` with an Indonesian message rather than crash.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import threading
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from ppid_desktop.core import paths
from ppid_desktop.core.errors import UserError

KEY_FILENAME = "kunci-data.key"
_lock = threading.Lock()
_cache: dict[str, bytes] = {}


def key_path() -> Path:
    return paths.data_dir() / KEY_FILENAME


def _key() -> bytes:
    path = key_path()
    cached = _cache.get(str(path))
    if cached is not None:
        return cached
    with _lock:
        if path.exists():
            try:
                key = path.read_bytes().strip()
                Fernet(key)
            except (OSError, ValueError) as exc:
                raise UserError(
                    f"Kunci enkripsi data pribadi ({path}) tidak dapat dibaca atau rusak: {exc}. "
                    "Pulihkan berkas kunci dari cadangan."
                ) from None
        else:
            key = Fernet.generate_key()
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(key)
            os.chmod(tmp, 0o600)
            os.replace(tmp, path)
        _cache[str(path)] = key
        return key


def _fernet() -> Fernet:
    return Fernet(_key())


def encrypt_text(text: str) -> str:
    """Encrypt ``text`` to an ASCII token (store it in a ``*_enc`` column)."""
    return _fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt_text(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, ValueError, UnicodeError):
        raise UserError(
            "Data pribadi terenkripsi tidak dapat dibuka: kunci enkripsi di perangkat ini berbeda "
            "atau data rusak. Gunakan berkas kunci-data.key yang sama dengan saat data dicatat."
        ) from None


def encrypt_bytes(data: bytes) -> bytes:
    return _fernet().encrypt(data)


def decrypt_bytes(data: bytes) -> bytes:
    try:
        return _fernet().decrypt(data)
    except (InvalidToken, ValueError):
        raise UserError(
            "Lampiran terenkripsi tidak dapat dibuka: kunci enkripsi di perangkat ini berbeda atau berkas rusak."
        ) from None


def encrypt_file(source: Path | str, target: Path | str) -> Path:
    """Write an encrypted copy of ``source`` to ``target`` (mode 0600)."""
    source, target = Path(source), Path(target)
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise UserError(f"Berkas '{source.name}' tidak dapat dibaca: {exc.strerror}.") from None
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(encrypt_bytes(data))
    return target


def decrypt_file(source: Path | str) -> bytes:
    try:
        data = Path(source).read_bytes()
    except OSError as exc:
        raise UserError(f"Lampiran tidak dapat dibaca: {exc.strerror}.") from None
    return decrypt_bytes(data)


def keyed_hash(text: str, purpose: str = "nik") -> str:
    """A non-reversible, keyed hash for equality lookups (e.g. duplicate NIK)."""
    sub = hashlib.sha256(b"ppid-hash|" + purpose.encode() + b"|" + base64.urlsafe_b64decode(_key())).digest()
    return hmac.new(sub, text.encode("utf-8"), hashlib.sha256).hexdigest()
