"""Field and file encryption for personal data (NIK, KTP scans) at rest.

Fernet (AES-128-CBC + HMAC-SHA256, from ``cryptography``). Each data folder has a **keyring**:

- the primary key ``kunci-data.key`` (created with mode 0600 on first use) encrypts new data;
- keys brought from other laptops or restored from a backup live in ``kunci-data.d/<sidik>.key``
  and are used, with the primary, to decrypt (``MultiFernet``), so data recorded on another laptop
  stays readable after a restore.

A keyed, non-reversible hash (``nik_hash``: HMAC-SHA256 with a sub-key derived from the primary key)
lets services look up duplicate NIKs without decrypting; ``keyed_hashes`` gives the hash under every
key of the ring for look-ups across data from several laptops.

**A keyring per encrypted database.** The folder keyring above sits in clear, which is only acceptable
for a plaintext database (whose rows are in clear anyway). An encrypted database (``core.kunci_db``) has
its own keyring, ``<db>.kunci-data`` beside it: every Fernet key sealed (AES-256-GCM) under that
database's SQLCipher data key, never in clear. ``pasang(db, data_key, perlu)`` (called when the encrypted
store opens, i.e. after a sign-in or the recovery key) unseals it for this process, or creates it: a new
primary key plus the folder keys the database's rows still need (``perlu``: a database converted by
``ppid enkripsi`` or encrypted by an earlier release). The folder files are left alone for the plaintext
databases that use them, and an encrypted database never reads them again.

Which keyring a call uses: the database the current thread/context last touched (``aktifkan``, set by
``Store`` when a unit of work begins or a connection is checked out), else the database opened last in
this process; a database without a keyring of its own (plaintext) uses the folder keyring.

Losing every key means the encrypted fields cannot be read again: ``ppid backup`` puts the keyring in
the archive (unless ``--tanpa-kunci``; sealed under the data key for an encrypted database), and
``decrypt_*`` raise ``UserError`` with an Indonesian message rather than crash.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import os
import threading
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
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


RING_SUFFIX = ".kunci-data"
RING_FORMAT = "ppid-kunci-data"


@dataclass
class Ring:
    """The unsealed keyring of one encrypted database (this process only)."""

    db: Path
    data_key: bytes
    utama: bytes
    lain: list[bytes] = field(default_factory=list)

    def semua(self) -> list[bytes]:
        return [self.utama] + [k for k in self.lain if k != self.utama]


_rings: dict[str, Ring] = {}
_aktif: ContextVar[str | None] = ContextVar("ppid_kunci_data_db", default=None)
_bawaan: dict[str, str] = {}  # "db" -> the database opened last in this process


def _db_id(db: Path | str) -> str:
    return str(Path(db).expanduser().resolve())


def berkas_ring(db: Path | str) -> Path:
    """The sealed keyring of the encrypted database ``db``: ``<db>.kunci-data`` beside it."""
    return Path(f"{_db_id(db)}{RING_SUFFIX}")


def aktifkan(db: Path | str, *, bawaan: bool = False) -> None:
    """The database the current thread/context works on (and, with ``bawaan``, this process's default)."""
    ident = _db_id(db)
    if _aktif.get() != ident:
        _aktif.set(ident)
    if bawaan:
        _bawaan["db"] = ident


def lepas(db: Path | str) -> None:
    """``db`` closed: it is no longer the database in use here nor this process's default."""
    ident = _db_id(db)
    if _aktif.get() == ident:
        _aktif.set(None)
    if _bawaan.get("db") == ident:
        _bawaan.pop("db", None)


def ring_aktif() -> Ring | None:
    """The keyring of the database in use, or None: the folder keyring (a plaintext database)."""
    ident = _aktif.get() or _bawaan.get("db")
    return _rings.get(ident) if ident else None


def ring_untuk(db: Path | str) -> Ring | None:
    return _rings.get(_db_id(db))


def kunci_untuk(db: Path | str) -> tuple[bytes, list[bytes]]:
    """``(primary, every key)`` of the keyring of ``db`` by name (never "the one this thread used last"):
    its own unsealed keyring when encrypted, else the folder keyring; ``UserError`` when ``db`` has a
    sealed keyring that this process has not unsealed (nobody signed in)."""
    ring = ring_untuk(db)
    if ring is not None:
        return ring.utama, ring.semua()
    if berkas_ring(db).exists():
        raise UserError(f"Kunci data pribadi database {Path(db).name} belum terbuka: masuk dengan akun terlebih dahulu.")
    primary = _folder_key()
    return primary, [primary] + [k for k in other_keys_folder() if k != primary]


def lupakan_ring(db: Path | str) -> None:
    """Forget ``db``'s unsealed keyring (signed out)."""
    _rings.pop(_db_id(db), None)


def _aad(fp: str) -> bytes:
    return f"{RING_FORMAT}|{fp}".encode()


def _seal_key(data_key: bytes, key: bytes) -> str:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(12)
    return base64.b64encode(nonce + AESGCM(data_key).encrypt(nonce, key, _aad(fingerprint(key)))).decode("ascii")


def _unseal_key(data_key: bytes, fp: str, sealed: str) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        raw = base64.b64decode(sealed.encode("ascii"), validate=True)
        key = AESGCM(data_key).decrypt(raw[:12], raw[12:], _aad(fp))
    except (InvalidTag, ValueError, TypeError, UnicodeError):
        return None
    return key if _valid_key(key) and fingerprint(key) == fp else None


def sidik_data(data_key: bytes) -> str:
    """A non-secret name of a data key (which database a sealed keyring belongs to)."""
    return hashlib.sha256(b"ppid-kunci-data-sidik|" + data_key).hexdigest()[:16]


def _ring_doc(data_key: bytes, utama: bytes, keys: list[bytes]) -> bytes:
    doc = {"format": RING_FORMAT, "versi": 1, "sidik": sidik_data(data_key), "utama": fingerprint(utama),
           "kunci": {fingerprint(k): _seal_key(data_key, k) for k in [utama, *keys]}}
    return json.dumps(doc, indent=1, sort_keys=True).encode("ascii")


def _read_ring(path: Path, data_key: bytes) -> tuple[bytes, list[bytes]]:
    """``(primary, others)`` unsealed from the keyring file ``path``; ``UserError`` when it cannot be."""
    try:
        doc = json.loads(path.read_bytes())
        if not isinstance(doc, dict) or doc.get("format") != RING_FORMAT or not isinstance(doc.get("kunci"), dict):
            raise ValueError("bukan berkas kunci data pribadi PPID Desktop")
    except (OSError, ValueError, UnicodeError, RecursionError) as exc:
        raise UserError(f"Kunci data pribadi {path.name} tidak dapat dibaca atau rusak: {exc}. "
                        "Pulihkan berkas itu dari cadangan.") from None
    if doc.get("sidik") != sidik_data(data_key):
        raise UserError(f"Kunci data pribadi {path.name} milik database lain (kunci database tidak cocok). "
                        "Pulihkan database beserta berkas-berkas di sampingnya dari cadangan yang sama.")
    keys: dict[str, bytes] = {}
    for fp, sealed in doc["kunci"].items():
        key = _unseal_key(data_key, str(fp), str(sealed))
        if key is None:
            raise UserError(f"Kunci data pribadi {path.name} rusak (kunci {fp}).")
        keys[str(fp)] = key
    utama = keys.get(str(doc.get("utama")))
    if utama is None:
        raise UserError(f"Kunci data pribadi {path.name} rusak (kunci utama tidak ada).")
    return utama, [k for fp, k in sorted(keys.items()) if k != utama]


@contextlib.contextmanager
def _kunci_tulis(path: Path) -> Iterator[None]:
    """An exclusive lock (``<path>.lock``) around a read-modify-write of a key file, across processes."""
    import portalocker

    path.parent.mkdir(parents=True, exist_ok=True)
    fh = None
    try:
        fh = open(path.with_name(path.name + ".lock"), "a+b")  # noqa: SIM115 - closed below
        portalocker.lock(fh, portalocker.LOCK_EX)
    except (OSError, portalocker.exceptions.BaseLockException):
        pass
    try:
        yield
    finally:
        if fh is not None:
            fh.close()


def pasang(db: Path | str, data_key: bytes,
           perlu: Callable[[list[bytes]], list[bytes]] | None = None) -> Ring:
    """Unseal (or create) the keyring of the encrypted database ``db`` and use it in this process.

    Created when missing: a new primary key, plus those of the folder keys (``folder_keys``) that
    ``perlu`` says the database's rows were encrypted with (its NIKs and scans stay readable)."""
    path = berkas_ring(db)
    with _kunci_tulis(path):
        if path.exists():
            utama, lain = _read_ring(path, data_key)
        else:
            from cryptography.fernet import Fernet

            lama = perlu(folder_keys()) if perlu is not None else []
            utama, lain = Fernet.generate_key(), list(dict.fromkeys(lama))
            _write_private(path, _ring_doc(data_key, utama, lain))
    ring = Ring(Path(_db_id(db)), data_key, utama, lain)
    _rings[_db_id(db)] = ring
    return ring


def tulis_ring(db: Path | str, data_key: bytes, keys: list[bytes], utama: bytes | None = None) -> Path:
    """Write the keyring of ``db`` (restore): ``keys`` sealed under ``data_key``, ``utama`` (or a new key)
    the primary; keys already in an existing keyring of the same data key are kept."""
    from cryptography.fernet import Fernet

    path = berkas_ring(db)
    with _kunci_tulis(path):
        lama: list[bytes] = []
        if path.exists():
            with contextlib.suppress(UserError):
                u, o = _read_ring(path, data_key)
                lama = [u, *o]
        keys = [k for k in dict.fromkeys([*keys, *lama]) if _valid_key(k)]
        primary = utama if utama is not None and _valid_key(utama) else Fernet.generate_key()
        _write_private(path, _ring_doc(data_key, primary, [k for k in keys if k != primary]))
    _rings.pop(_db_id(db), None)
    return path


def folder_keys() -> list[bytes]:
    """The keys of the folder keyring (clear files) that exist, without creating a primary."""
    out: list[bytes] = []
    path = key_path()
    with contextlib.suppress(OSError):
        if path.exists():
            key = path.read_bytes().strip()
            if _valid_key(key):
                out.append(key)
    return list(dict.fromkeys(out + other_keys_folder()))


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
    with _kunci_tulis(path):
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


_ring_cache: dict[str, list[bytes]] = {}


def valid_key(key: bytes) -> bool:
    """Whether ``key`` is a well-formed Fernet key."""
    return _valid_key(key)


def _valid_key(key: bytes) -> bool:
    from cryptography.fernet import Fernet  # imported on first use: keeps start-up lean

    try:
        Fernet(key)
    except ValueError:
        return False
    return True


def other_keys() -> list[bytes]:
    """Keys of the ring in use besides the primary (valid ones only)."""
    ring = ring_aktif()
    if ring is not None:
        return [k for k in ring.lain if k != ring.utama]
    return other_keys_folder()


def other_keys_folder() -> list[bytes]:
    """Keys of the folder ring besides the primary (valid ones only); cached until ``import_key``."""
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
    ring = ring_aktif()
    if ring is not None:
        return ring.semua()
    primary = _folder_key()
    return [primary] + [k for k in other_keys_folder() if k != primary]


def import_key(key: bytes, db: Path | str | None = None) -> bool:
    """Add ``key`` to the ring in use (``db``'s own keyring when given and encrypted); False when it is
    already there."""
    ring = ring_untuk(db) if db is not None else ring_aktif()
    if ring is not None:
        return import_key_ring(ring, key)
    return import_key_folder(key)


def import_key_ring(ring: Ring, key: bytes) -> bool:
    key = key.strip()
    if not _valid_key(key):
        raise ValueError("malformed Fernet key")
    path = berkas_ring(ring.db)
    with _kunci_tulis(path):
        utama, lain = _read_ring(path, ring.data_key) if path.exists() else (ring.utama, list(ring.lain))
        if key == utama or key in lain:
            ring.lain = lain
            return False
        lain.append(key)
        _write_private(path, _ring_doc(ring.data_key, utama, lain))
        ring.utama, ring.lain = utama, lain
    return True


def import_key_folder(key: bytes) -> bool:
    """Add ``key`` to the folder ring (plaintext databases)."""
    key = key.strip()
    if not _valid_key(key):
        raise ValueError("malformed Fernet key")
    folder_ring = [_folder_key()] + other_keys_folder()
    if key in folder_ring:
        return False
    _write_private(keyring_dir() / f"{fingerprint(key)}.key", key)
    _ring_cache.pop(str(keyring_dir()), None)
    return True


def _key() -> bytes:
    ring = ring_aktif()
    if ring is not None:
        return ring.utama
    return _folder_key()


def _folder_key() -> bytes:
    """The folder ring's primary, created (0600, race-free) on first use."""
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


def penyandi_massal(purpose: str = "nik", db: Path | str | None = None
                    ) -> tuple[Callable[[str], str], Callable[[str], str]]:
    """``(encrypt_text, keyed_hash)`` for many values (bulk imports): the key ring is read once, not per value;
    the ring of ``db`` by name when given (``kunci_untuk``), else the one in use."""
    if db is not None:
        from cryptography.fernet import Fernet, MultiFernet

        key, keys = kunci_untuk(db)
        fernet = MultiFernet([Fernet(k) for k in keys])
    else:
        fernet = _fernet()
        key = _key()

    def sandi(text: str) -> str:
        return fernet.encrypt(text.encode("utf-8")).decode("ascii")

    def hash_(text: str) -> str:
        return _hash_with(key, text, purpose)

    return sandi, hash_
