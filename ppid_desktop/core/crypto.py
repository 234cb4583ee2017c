"""Field and file encryption for personal data (NIK, KTP scans) at rest.

Fernet (AES-128-CBC + HMAC-SHA256, from ``cryptography``). Each data folder has a **keyring**:

- the primary key ``kunci-data.key`` (created with mode 0600 on first use) encrypts new data;
- keys brought from other laptops or restored from a backup live in ``kunci-data.d/<sidik>.key``
  and are used, with the primary, to decrypt (``MultiFernet``), so data recorded on another laptop
  stays readable after a restore.

A keyed, non-reversible hash (``nik_hash``: HMAC-SHA256 with a sub-key derived from the primary key)
lets services look up duplicate NIKs without decrypting; ``keyed_hashes`` gives the hash under every
key of the ring for look-ups across data from several laptops.

Losing every key means the encrypted fields cannot be read again: ``ppid backup`` puts the keyring in
the archive (unless ``--tanpa-kunci``), and ``decrypt_*`` raise ``UserError`` with an Indonesian
message rather than crash.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryptography.fernet import MultiFernet

from ppid_desktop.core import paths
from ppid_desktop.core.errors import UserError

KEY_FILENAME = "kunci-data.key"
KEYRING_DIR = "kunci-data.d"
_lock = threading.Lock()
_cache: dict[str, bytes] = {}


def key_path() -> Path:
    return paths.data_dir() / KEY_FILENAME


def keyring_dir() -> Path:
    return paths.data_dir() / KEYRING_DIR


def fingerprint(key: bytes) -> str:
    """A short, non-secret name for a key."""
    return hashlib.sha256(key).hexdigest()[:16]


def _write_tmp(path: Path, data: bytes) -> Path:
    """``data`` in a private (0600) temporary file beside ``path``, named after this process, synced."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.chmod(tmp, 0o600)
    return tmp


def _write_private(path: Path, data: bytes) -> None:
    tmp = _write_tmp(path, data)
    os.replace(tmp, path)


def _publish_once(path: Path, data: bytes) -> bytes:
    """Create ``path`` with ``data`` unless it exists, race-free across processes; returns what is there.

    The content is written to a temporary file first and published with ``os.link`` (fails when the
    name exists), so a reader never sees a half-written key and two creators never both win; an
    exclusive lock (portalocker) on ``<path>.lock`` serialises the creators where it is available."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lock_fh = None
    import portalocker  # flock on POSIX, LockFileEx on Windows

    try:
        lock_fh = open(path.with_name(path.name + ".lock"), "a+b")  # noqa: SIM115 - closed below
        portalocker.lock(lock_fh, portalocker.LOCK_EX)
    except (OSError, portalocker.exceptions.BaseLockException):
        pass
    try:
        if not path.exists():
            tmp = _write_tmp(path, data)
            try:
                os.link(tmp, path)
            except FileExistsError:
                pass
            except OSError:  # a file system without hard links: exclusive create instead
                with contextlib.suppress(FileExistsError):
                    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                    with os.fdopen(fd, "wb") as fh:
                        fh.write(data)
                        fh.flush()
                        os.fsync(fh.fileno())
            finally:
                tmp.unlink(missing_ok=True)
        return path.read_bytes().strip()
    finally:
        if lock_fh is not None:
            lock_fh.close()


_ring_cache: dict[str, list[bytes]] = {}


def _valid_key(key: bytes) -> bool:
    from cryptography.fernet import Fernet  # imported on first use: keeps start-up lean

    try:
        Fernet(key)
    except ValueError:
        return False
    return True


def other_keys() -> list[bytes]:
    """Keys of the ring besides the primary (valid ones only); cached until ``import_key``."""
    folder = keyring_dir()
    cached = _ring_cache.get(str(folder))
    if cached is not None:
        return list(cached)
    out: list[bytes] = []
    if folder.is_dir():
        for f in sorted(folder.glob("*.key")):
            try:
                key = f.read_bytes().strip()
            except OSError:
                continue
            if _valid_key(key):
                out.append(key)
    _ring_cache[str(folder)] = out
    return list(out)


def all_keys() -> list[bytes]:
    primary = _key()
    return [primary] + [k for k in other_keys() if k != primary]


def import_key(key: bytes) -> bool:
    """Add ``key`` to the ring; returns False when it is already there."""
    key = key.strip()
    if not _valid_key(key):
        raise ValueError("malformed Fernet key")
    if key in all_keys():
        return False
    _write_private(keyring_dir() / f"{fingerprint(key)}.key", key)
    _ring_cache.pop(str(keyring_dir()), None)
    return True


def _key() -> bytes:
    path = key_path()
    cached = _cache.get(str(path))
    if cached is not None:
        return cached
    with _lock:
        if path.exists():
            try:
                key = path.read_bytes().strip()
                if not _valid_key(key):
                    raise ValueError("format kunci tidak valid")
            except (OSError, ValueError) as exc:
                raise UserError(
                    f"Kunci enkripsi data pribadi ({path}) tidak dapat dibaca atau rusak: {exc}. "
                    "Pulihkan berkas kunci dari cadangan."
                ) from None
        else:
            from cryptography.fernet import Fernet

            key = _publish_once(path, Fernet.generate_key())  # another process may have won: use its key
        _cache[str(path)] = key
        return key


def _fernet() -> MultiFernet:
    """Encrypts with the primary key, decrypts with any key of the ring."""
    from cryptography.fernet import Fernet, MultiFernet

    return MultiFernet([Fernet(k) for k in all_keys()])


def encrypt_text(text: str) -> str:
    """Encrypt ``text`` to an ASCII token (store it in a ``*_enc`` column)."""
    return _fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt_text(token: str) -> str:
    from cryptography.fernet import InvalidToken

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
    from cryptography.fernet import InvalidToken

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


def _hash_with(key: bytes, text: str, purpose: str) -> str:
    sub = hashlib.sha256(b"ppid-hash|" + purpose.encode() + b"|" + base64.urlsafe_b64decode(key)).digest()
    return hmac.new(sub, text.encode("utf-8"), hashlib.sha256).hexdigest()


def keyed_hash(text: str, purpose: str = "nik") -> str:
    """A non-reversible, keyed hash for equality lookups (e.g. duplicate NIK), under the primary key."""
    return _hash_with(_key(), text, purpose)


def keyed_hashes(text: str, purpose: str = "nik") -> list[str]:
    """The hash of ``text`` under every key of the ring (look-ups across laptops' data)."""
    return [_hash_with(k, text, purpose) for k in all_keys()]


def penyandi_massal(purpose: str = "nik") -> tuple[Callable[[str], str], Callable[[str], str]]:
    """``(encrypt_text, keyed_hash)`` for many values (bulk imports): the key ring is read once, not per value."""
    fernet = _fernet()
    key = _key()

    def sandi(text: str) -> str:
        return fernet.encrypt(text.encode("utf-8")).decode("ascii")

    def hash_(text: str) -> str:
        return _hash_with(key, text, purpose)

    return sandi, hash_
