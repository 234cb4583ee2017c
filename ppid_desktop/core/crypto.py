"""Field and file encryption for personal data (NIK, KTP scans) at rest.

Fernet (AES-128-CBC + HMAC-SHA256, from ``cryptography``). Each data folder has a **keyring**:

- the primary key ``kunci-data.key`` (created with mode 0600 on first use) encrypts new data;
- keys brought from other laptops or restored from a backup live in ``kunci-data.d/<sidik>.key``
  and are used, with the primary, to decrypt (``MultiFernet``), so data recorded on another laptop
  stays readable after a restore.

A keyed, non-reversible hash (``nik_hash``: HMAC-SHA256 with a sub-key derived from the primary key)
lets services look up duplicate NIKs without decrypting; ``keyed_hashes`` gives the hash under every
key of the ring for look-ups across data from several laptops.

When the database is encrypted (``core.kunci_db``) the keyring is **sealed** under its data key:
``kunci-data.key.gcm`` and ``kunci-data.d/<sidik>.key.gcm`` (AES-256-GCM, JSON with one sealed copy per
data key that opened it), never a Fernet key in clear. ``segel(data_key)`` (called when an encrypted store
opens, i.e. after a sign-in, and by restore) unseals it in this process and seals any clear key file left
by an older release, removing the clear file. Without a data key a sealed keyring is refused (sign in
first); an unencrypted data folder keeps its clear keyring as before.

Losing every key means the encrypted fields cannot be read again: ``ppid backup`` puts the keyring in
the archive (unless ``--tanpa-kunci``), and ``decrypt_*`` raise ``UserError`` with an Indonesian
message rather than crash.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
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
SEAL_SUFFIX = ".gcm"
SEAL_FORMAT = "ppid-kunci-data"
_lock = threading.Lock()
_cache: dict[str, bytes] = {}
_segel: dict[str, bytes] = {}  # data folder -> the data key of its encrypted database (this process only)


def key_path() -> Path:
    return paths.data_dir() / KEY_FILENAME


def keyring_dir() -> Path:
    return paths.data_dir() / KEYRING_DIR


def fingerprint(key: bytes) -> str:
    """A short, non-secret name for a key."""
    return hashlib.sha256(key).hexdigest()[:16]


def _data_key() -> bytes | None:
    return _segel.get(str(paths.data_dir()))


def _sealed(path: Path) -> Path:
    return path.with_name(path.name + SEAL_SUFFIX)


def _seal_id(data_key: bytes) -> str:
    return hashlib.sha256(b"ppid-segel|" + data_key).hexdigest()[:16]


def _seal_one(data_key: bytes, key: bytes) -> str:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(12)
    return base64.b64encode(nonce + AESGCM(data_key).encrypt(nonce, key, SEAL_FORMAT.encode())).decode("ascii")


def _seal_doc(data_key: bytes, key: bytes, doc: dict[str, object] | None = None) -> bytes:
    """The sealed-file content holding ``key`` under ``data_key`` (added to the copies already in ``doc``)."""
    segel = dict(doc.get("segel", {})) if doc else {}  # type: ignore[call-overload]
    segel[_seal_id(data_key)] = _seal_one(data_key, key)
    return json.dumps({"format": SEAL_FORMAT, "segel": segel}, sort_keys=True).encode("ascii")


def _read_doc(path: Path) -> dict[str, object]:
    try:
        doc = json.loads(path.read_bytes())
        if not isinstance(doc, dict) or doc.get("format") != SEAL_FORMAT or not isinstance(doc.get("segel"), dict):
            raise ValueError("format tidak dikenal")
        return doc
    except (OSError, ValueError) as exc:
        raise UserError(f"Kunci data pribadi tersegel ({path}) tidak dapat dibaca atau rusak: {exc}.") from None


def _unseal_doc(path: Path, data_key: bytes, known: bytes | None = None) -> bytes:
    """The key sealed in ``path`` under ``data_key``. A file sealed only under another database's key
    gains a copy under this one when this process already knows the key (``known``)."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    doc = _read_doc(path)
    entry = doc["segel"].get(_seal_id(data_key))  # type: ignore[attr-defined]
    if entry is None and known is not None:
        _write_private(path, _seal_doc(data_key, known, doc))
        return known
    try:
        raw = base64.b64decode(str(entry))
        key = AESGCM(data_key).decrypt(raw[:12], raw[12:], SEAL_FORMAT.encode())
    except (InvalidTag, ValueError, TypeError):
        raise UserError(
            f"Kunci data pribadi tersegel ({path.name}) tidak cocok dengan database yang dibuka. "
            "Buka database yang sama dengan saat data dicatat, atau pulihkan dari cadangan."
        ) from None
    if not _valid_key(key):
        raise UserError(f"Kunci data pribadi tersegel ({path.name}) rusak.")
    return key


def segel(data_key: bytes) -> list[Path]:
    """Unseal this data folder's keyring under ``data_key`` for this process, sealing (and removing) any
    clear key file first. Returns the clear files sealed."""
    done: list[Path] = []
    with _lock:
        _segel[str(paths.data_dir())] = data_key
        _ring_cache.pop(str(keyring_dir()), None)
        clear = key_path()
        key = clear.read_bytes().strip() if clear.exists() else b""
        if key and _valid_key(key):  # a damaged clear key stays as it is: reported where it is used
            sealed = _sealed(clear)
            if sealed.exists():  # both: keep the clear one as another key of the ring
                _write_private(_sealed(keyring_dir() / f"{fingerprint(key)}.key"), _seal_doc(data_key, key))
            else:
                _publish_once(sealed, _seal_doc(data_key, key))
            clear.unlink()
            _fsync_dir(clear.parent)
            done.append(clear)
        folder = keyring_dir()
        if folder.is_dir():
            for f in sorted(folder.glob("*.key")):
                key = f.read_bytes().strip()
                if _valid_key(key):  # a damaged one is left alone (it is skipped when the ring is read)
                    _write_private(_sealed(f), _seal_doc(data_key, key))
                    f.unlink()
                    done.append(f)
        known, sealed = _cache.get(str(clear)), _sealed(clear)
        if known is not None and sealed.exists():  # another database of this folder sealed it: add a copy
            _unseal_doc(sealed, data_key, known=known)
    return done


def lupakan_segel() -> None:
    """Forget this data folder's unsealed keyring (signing out): the next sign-in unseals it again."""
    with _lock:
        _segel.pop(str(paths.data_dir()), None)
        _cache.pop(str(key_path()), None)
        _ring_cache.pop(str(keyring_dir()), None)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


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
    data_key = _data_key()
    if folder.is_dir():
        for f in sorted(folder.glob("*.key")):
            try:
                key = f.read_bytes().strip()
            except OSError:
                continue
            if _valid_key(key):
                out.append(key)
        if data_key is not None:
            for f in sorted(folder.glob("*.key" + SEAL_SUFFIX)):
                try:
                    out.append(_unseal_doc(f, data_key))
                except UserError:
                    continue  # sealed under another database's key only: not readable here
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
    data_key = _data_key()
    if data_key is not None:
        _write_private(_sealed(keyring_dir() / f"{fingerprint(key)}.key"), _seal_doc(data_key, key))
    else:
        _write_private(keyring_dir() / f"{fingerprint(key)}.key", key)
    _ring_cache.pop(str(keyring_dir()), None)
    return True


def _key() -> bytes:
    path = key_path()
    cached = _cache.get(str(path))
    if cached is not None:
        return cached
    with _lock:
        data_key = _data_key()
        sealed = _sealed(path)
        if data_key is not None and not path.exists():
            if sealed.exists():
                key = _unseal_doc(sealed, data_key)
            else:
                from cryptography.fernet import Fernet

                _publish_once(sealed, _seal_doc(data_key, Fernet.generate_key()))
                key = _unseal_doc(sealed, data_key)  # another process may have won: use its key
        elif sealed.exists() and not path.exists():
            raise UserError(
                "Kunci data pribadi di folder data ini tersegel dengan kunci database terenkripsi: "
                "masuk dengan akun yang terdaftar (atau kunci pemulihan) untuk membukanya."
            )
        elif path.exists():
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
