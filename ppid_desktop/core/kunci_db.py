"""The whole database encrypted at rest (SQLCipher) and the key file beside it.

- Each encrypted database has one random 256-bit **data key**. SQLCipher (``sqlcipher3`` from
  ``sqlcipher3-wheels``) encrypts every page of the file and of its ``-wal`` with it; every connection the
  app opens (the engine's pool, ``Store.raw``, the backup API, restore checks, conversion) runs
  ``PRAGMA key`` first, through ``sambung`` or the store's engine.
- The data key is never written in clear. The **key file** ``<db>.kunci`` (JSON, mode 0600) holds it
  wrapped (AES-256-GCM) once per account, under a key derived from that account's password (argon2id),
  and once under the **recovery key** (random, shown once at set-up, ``XXXX-XXXX-…``). Signing in
  unwraps it (``buka``); the recovery key sets a new password entry (``buka_pemulihan``).
- The key file is rewritten atomically (temporary file + fsync + rename) whenever an account is
  created, a password changed or reset (``atur_akun``).
- An unlocked data key lives in this process only (``kunci_untuk``), by database path.
- A plaintext database (releases 1 and 2) is converted with ``sqlcipher_export`` (``enkripsi``): a new
  encrypted file beside it, checked, then swapped in atomically; its pre-migration copies in
  ``cadangan/`` are encrypted the same way.
- A database encrypted by an earlier release (``SETELAN_LAMA``) is re-encrypted with ``SETELAN_BARU`` at the
  next sign-in (``perbarui_bila_perlu``; ``ppid enkripsi --perbarui``): see ``perbarui``.

Wrong passwords are counted in the key file per account (``MAX_GAGAL`` in a row lock that entry for
``LAMA_KUNCI``): the database itself cannot be opened to count them.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import secrets
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from ppid_desktop.core.errors import Cancelled, StorageError, UserError
from ppid_desktop.core.progress import Progress

SQLITE_MAGIC = b"SQLite format 3\x00"
FORMAT = "ppid-kunci-db"
VERSI = 1
PEMULIHAN = "*pemulihan*"  # the entry wrapped by the recovery key (no account can be named so)
# argon2id as for password hashes (OWASP's first configuration: m = 19 MiB, t = 2, p = 1).
KDF = {"jenis": "argon2id", "t": 2, "m": 19 * 1024, "p": 1}
MAX_GAGAL = 5
LAMA_KUNCI = timedelta(minutes=15)

_lock = threading.Lock()
_terbuka: dict[str, bytes] = {}


# ----------------------------------------------------------------- paths and state
def berkas_kunci(db: Path | str) -> Path:
    """The key file of ``db``: ``<db>.kunci`` beside it."""
    return Path(f"{Path(db).expanduser().resolve()}.kunci")


def _id(db: Path | str) -> str:
    return str(Path(db).expanduser().resolve())


def polos(path: Path) -> bool | None:
    """True: a plaintext SQLite file; False: something else; None: missing or empty."""
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return None
        with path.open("rb") as fh:
            return fh.read(16) == SQLITE_MAGIC
    except OSError:
        return None


def terenkripsi(db: Path | str) -> bool:
    """Whether ``db`` is an encrypted PPID database: no plaintext SQLite header, and its key file beside it
    (any other file is simply not a database)."""
    return polos(Path(db)) is False and berkas_kunci(db).exists()


def perlu_masuk(db: Path | str) -> bool:
    """The database is encrypted and not unlocked in this process: a sign-in must come first."""
    return terenkripsi(db) and kunci_untuk(db) is None


def kunci_untuk(db: Path | str) -> bytes | None:
    """The unlocked data key of ``db`` in this process, if any."""
    return _terbuka.get(_id(db))


def daftarkan(db: Path | str, kunci: bytes) -> None:
    _terbuka[_id(db)] = kunci


def lupakan(db: Path | str) -> None:
    from ppid_desktop.core import crypto

    _terbuka.pop(_id(db), None)
    crypto.lupakan_ring(db)


# ----------------------------------------------------------------- the personal-data keyring
TABEL_NIK = ("permohonan", "keberatan")  # the tables whose ``nik_enc`` holds Fernet tokens


def kunci_terpakai(db: Path | str, data_key: bytes, calon: list[bytes]) -> list[bytes]:
    """Which of the folder keys ``calon`` the rows of ``db`` need: a key that opens at least one NIK token
    (``nik_enc`` of permohonan and keberatan) or one encrypted attachment (KTP scans) of this database."""
    from cryptography.fernet import Fernet, InvalidToken

    from ppid_desktop.core import lampiran

    calon = list(dict.fromkeys(calon))
    if not calon:
        return []
    fernets = {k: Fernet(k) for k in calon}
    perlu: list[bytes] = []

    def coba(token: bytes) -> None:
        for k in sorted(fernets, key=lambda k: k not in perlu):
            try:
                fernets[k].decrypt(token)
            except (InvalidToken, ValueError):
                continue
            if k not in perlu:
                perlu.append(k)
            return

    con = sambung(db, data_key)
    try:
        for tabel in TABEL_NIK:
            kolom = {r[1] for r in con.execute(f'PRAGMA table_info("{tabel}")')}
            if "nik_enc" not in kolom:
                continue
            for (token,) in con.execute(f'SELECT nik_enc FROM "{tabel}" WHERE nik_enc IS NOT NULL AND nik_enc != \'\''):
                coba(str(token).encode("ascii", "replace"))
                if len(perlu) == len(calon):
                    return perlu
    finally:
        con.close()
    folder = Path(_id(db)).parent / f"{Path(_id(db)).stem}-lampiran"
    if folder.is_dir():
        for f in sorted(folder.rglob("*")):
            if len(perlu) == len(calon):
                break
            with contextlib.suppress(OSError):
                if f.is_file() and not f.name.endswith((".tmp", ".sebagian")):
                    kunci_luar, token = lampiran.kunci_dipakai(f, calon)  # encrypted at rest (core.lampiran)
                    if kunci_luar is not None and kunci_luar not in perlu:
                        perlu.append(kunci_luar)
                    if token is not None:
                        coba(token)
                        continue
                    with f.open("rb") as fh:
                        if fh.read(6) != b"gAAAAA":  # a Fernet token starts so; plain files (PDF letters) do not
                            continue
                    coba(f.read_bytes())
    return perlu


def pasang_ring(db: Path | str, data_key: bytes) -> None:
    """Unseal (or create) ``db``'s own personal-data keyring (``crypto.pasang``), never the folder's."""
    from ppid_desktop.core import crypto

    crypto.pasang(db, data_key, lambda calon: kunci_terpakai(db, data_key, calon))


# ----------------------------------------------------------------- wrapping
def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _turunkan(rahasia: str, garam: bytes, kdf: dict[str, Any]) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    if kdf.get("jenis") != "argon2id":
        raise UserError("Berkas kunci memakai cara penurunan kunci yang tidak dikenal.")
    return hash_secret_raw(rahasia.encode("utf-8"), garam, time_cost=int(kdf["t"]), memory_cost=int(kdf["m"]),
                           parallelism=int(kdf["p"]), hash_len=32, type=Type.ID)


def _bungkus(data_key: bytes, rahasia: str, nama: str) -> dict[str, Any]:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    garam, nonce = os.urandom(16), os.urandom(12)
    kek = _turunkan(rahasia, garam, KDF)
    sandi = AESGCM(kek).encrypt(nonce, data_key, f"{FORMAT}|{nama}".encode())
    return {"kdf": dict(KDF), "garam": _b64(garam), "nonce": _b64(nonce), "kunci": _b64(sandi)}


def _buka_bungkus(entri: dict[str, Any], rahasia: str, nama: str) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        kek = _turunkan(rahasia, _unb64(entri["garam"]), entri["kdf"])
        return AESGCM(kek).decrypt(_unb64(entri["nonce"]), _unb64(entri["kunci"]), f"{FORMAT}|{nama}".encode())
    except InvalidTag:
        return None
    except (KeyError, TypeError, ValueError) as exc:
        raise UserError(f"Berkas kunci rusak (entri {nama}): {exc}.") from None


def _kek_hash(raw: bytes) -> bytes:
    import hashlib

    return hashlib.sha256(b"ppid-kek-hash|" + raw).digest()


def _bungkus_hash(data_key: bytes, password_hash: str, nama: str) -> dict[str, Any] | None:
    """An entry for an account whose password is not at hand (conversion): the key-encryption key comes
    from the account's argon2id password hash, and the entry keeps only that hash's salt and parameters.
    Signing in recomputes the hash from the typed password (same cost as any sign-in), then the entry is
    replaced by an ordinary one. None for a hash of another kind."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    parts = password_hash.split("$")
    if len(parts) != 6 or parts[1] != "argon2id":
        return None
    raw = base64.b64decode(parts[5] + "=" * (-len(parts[5]) % 4))
    nonce = os.urandom(12)
    sandi = AESGCM(_kek_hash(raw)).encrypt(nonce, data_key, f"{FORMAT}|{nama}".encode())
    return {"kdf": {"jenis": "argon2-hash", "hash": "$".join(parts[:5]), "panjang": len(raw)},
            "nonce": _b64(nonce), "kunci": _b64(sandi)}


def _buka_hash(entri: dict[str, Any], password: str, nama: str) -> bytes | None:
    from argon2.low_level import Type, hash_secret_raw
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        _, _, versi, param, garam = entri["kdf"]["hash"].split("$")
        p = dict(kv.split("=") for kv in param.split(","))
        salt = base64.b64decode(garam + "=" * (-len(garam) % 4))
        raw = hash_secret_raw(password.encode("utf-8"), salt, time_cost=int(p["t"]), memory_cost=int(p["m"]),
                              parallelism=int(p["p"]), hash_len=int(entri["kdf"]["panjang"]), type=Type.ID,
                              version=int(versi.split("=")[1]))
        return AESGCM(_kek_hash(raw)).decrypt(_unb64(entri["nonce"]), _unb64(entri["kunci"]),
                                              f"{FORMAT}|{nama}".encode())
    except InvalidTag:
        return None
    except (KeyError, TypeError, ValueError) as exc:
        raise UserError(f"Berkas kunci rusak (entri {nama}): {exc}.") from None


def tambah_dari_hash(db: Path | str, hashes: dict[str, str]) -> list[str]:
    """Entries for accounts without one, from their password hashes (``enkripsi``: the other accounts keep
    signing in with their own passwords). Returns the accounts that got one."""
    key = kunci_untuk(db)
    if key is None:
        raise UserError("Database belum dibuka dengan kunci: masuk dulu.")
    done = []
    with _lock:
        data = baca(db)
        for user, h in hashes.items():
            if user in data["akun"]:
                continue
            entri = _bungkus_hash(key, h, user)
            if entri is not None:
                data["akun"][user] = entri
                done.append(user)
        _tulis(db, data)
    return done


def _sidik(data_key: bytes) -> str:
    import hashlib

    return hashlib.sha256(b"ppid-sidik|" + data_key).hexdigest()[:16]


# ----------------------------------------------------------------- the recovery key
def buat_kode_pemulihan() -> str:
    """160 random bits as 8 groups of 4 base32 letters/digits (no padding), e.g. ``K7QM-…``."""
    text = base64.b32encode(secrets.token_bytes(20)).decode("ascii")
    return "-".join(text[i:i + 4] for i in range(0, len(text), 4))


def rapikan_kode(kode: str) -> str:
    """The recovery key as typed (spaces, dashes, lower case, O for 0) in its canonical form."""
    raw = "".join(ch for ch in kode.upper() if ch.isalnum()).replace("0", "O").replace("1", "I").replace("8", "B")
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


# ----------------------------------------------------------------- the key file
def baca(db: Path | str) -> dict[str, Any]:
    path = berkas_kunci(db)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(f"Database {Path(db).name} terenkripsi, tetapi berkas kuncinya ({path.name}) tidak ada "
                        "di sampingnya. Salin berkas kunci dari cadangan ke folder yang sama.") from None
    except (OSError, ValueError) as exc:
        raise UserError(f"Berkas kunci {path} tidak dapat dibaca atau rusak: {exc}.") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("akun"), dict):
        raise UserError(f"Berkas {path.name} bukan berkas kunci PPID Desktop.")
    return data


def _tulis(db: Path | str, data: dict[str, Any]) -> None:
    """Atomic: a private temporary file beside the key file, fsynced, renamed into place."""
    path = berkas_kunci(db)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.sebagian")
    payload = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        if os.name == "posix":
            with contextlib.suppress(OSError):
                dfd = os.open(path.parent, os.O_RDONLY)
                try:
                    os.fsync(dfd)
                finally:
                    os.close(dfd)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"Berkas kunci {path} tidak dapat ditulis: {exc.strerror or exc}.") from None


def buat(db: Path | str, username: str, password: str) -> tuple[bytes, str]:
    """A new data key for ``db`` and its key file (the account's entry and the recovery entry).

    Returns ``(data_key, recovery_key)``; the recovery key is shown once and never stored in clear.
    Refuses to replace an existing key file (its database would become unreadable)."""
    path = berkas_kunci(db)
    if path.exists():
        raise UserError(f"Berkas kunci {path.name} sudah ada dan tidak akan ditimpa.")
    data_key = secrets.token_bytes(32)
    kode = buat_kode_pemulihan()
    user = username.strip().lower()
    data = {"format": FORMAT, "versi": VERSI, "sidik": _sidik(data_key), "dibuat": _now().isoformat(),
            "sqlcipher": dict(SETELAN_BARU), "akun": {user: _bungkus(data_key, password, user)},
            "pemulihan": _bungkus(data_key, kode, PEMULIHAN)}
    _tulis(db, data)
    daftarkan(db, data_key)
    return data_key, kode


def _now() -> datetime:
    return datetime.now(UTC)


def buka(db: Path | str, username: str, password: str) -> bytes:
    """Unwrap the data key with an account's password and keep it for this process.

    A wrong password counts against the entry; ``MAX_GAGAL`` in a row lock it for ``LAMA_KUNCI``."""
    user = username.strip().lower()
    with _lock:
        data = baca(db)
        entri = data["akun"].get(user)
        if entri is None:
            _catat_gagal(db, data, user, "akun tanpa entri kunci")
            raise UserError("Nama pengguna atau kata sandi salah (atau akun ini belum punya kunci database: "
                            "minta Admin mengatur ulang kata sandinya).")
        sampai = entri.get("terkunci_sampai")
        if sampai and datetime.fromisoformat(sampai) > _now():
            _catat_gagal(db, data, user, "akun terkunci")
            menit = max(1, int((datetime.fromisoformat(sampai) - _now()).total_seconds() // 60) + 1)
            raise UserError(f"Akun {user} terkunci karena terlalu sering salah kata sandi. Coba lagi dalam "
                            f"{menit} menit atau minta Admin mengatur ulang kata sandinya.")
        dari_hash = entri.get("kdf", {}).get("jenis") == "argon2-hash"
        key = _buka_hash(entri, password, user) if dari_hash else _buka_bungkus(entri, password, user)
        if key is None:
            gagal = int(entri.get("gagal", 0)) + 1
            entri["gagal"] = gagal
            if gagal >= MAX_GAGAL:
                entri["gagal"] = 0
                entri["terkunci_sampai"] = (_now() + LAMA_KUNCI).isoformat()
            _catat_gagal(db, data, user, "kata sandi salah" + (f"; dikunci {int(LAMA_KUNCI.total_seconds() // 60)} "
                                                                 "menit" if gagal >= MAX_GAGAL else ""))
            raise UserError("Nama pengguna atau kata sandi salah.")
        if dari_hash:  # the password is at hand now: an ordinary entry of its own
            data["akun"][user] = _bungkus(key, password, user)
        if dari_hash or entri.get("gagal") or entri.get("terkunci_sampai"):
            entri.pop("gagal", None)
            entri.pop("terkunci_sampai", None)
            with contextlib.suppress(UserError):
                _tulis(db, data)
    daftarkan(db, key)
    cocokkan_setelan(db, key)  # a re-encryption killed between its swap and its record
    return key


# ----------------------------------------------------------------- failed sign-ins before the unlock
MAX_CATATAN_GAGAL = 500  # the key file keeps at most this many pending failed attempts (the newest)


def _catat_gagal(db: Path | str, data: dict[str, Any], user: str, alasan: str) -> None:
    """Count a failed unlock in the key file (the audit log is inside the database, which stays closed):
    when, which account, which OS user, why. Written to the audit log at the next unlock
    (``tulis_gagal_ke_audit``). Best effort: a key file that cannot be written does not hide the error."""
    from ppid_desktop.core.audit import os_user

    catatan = data.setdefault("gagal_masuk", [])
    if not isinstance(catatan, list):
        catatan = data["gagal_masuk"] = []
    catatan.append({"id": secrets.token_hex(8), "waktu": _now().isoformat(timespec="seconds"),
                    "akun": user[:64], "pengguna_os": os_user(), "alasan": alasan})
    del catatan[:-MAX_CATATAN_GAGAL]
    with contextlib.suppress(UserError):
        _tulis(db, data)


def gagal_tertunda(db: Path | str) -> list[dict[str, Any]]:
    """The failed unlocks recorded in ``db``'s key file and not yet in its audit log (oldest first)."""
    if not berkas_kunci(db).exists():
        return []
    try:
        catatan = baca(db).get("gagal_masuk", [])
    except UserError:
        return []
    return [c for c in catatan if isinstance(c, dict) and isinstance(c.get("id"), str)] if isinstance(catatan, list) else []


def tulis_gagal_ke_audit(session: Any, db: Path | str, device_id: str) -> list[str]:
    """Add one audit entry (``login_gagal``, at the attempt's time, with its account and OS user) per failed
    unlock pending in the key file, inside the caller's unit of work. Returns their ids: pass them to
    ``hapus_gagal`` once that unit of work has committed."""
    from ppid_desktop.core.audit import AuditLog

    ids = []
    for c in gagal_tertunda(db):
        try:
            waktu = datetime.fromisoformat(str(c.get("waktu")))
        except ValueError:
            waktu = _now()
        akun = str(c.get("akun") or "?")[:64]
        session.add(AuditLog(at=waktu, username=akun, device_id=device_id[:64], action="login_gagal",
                             entity="pengguna", os_user=str(c.get("pengguna_os") or "?")[:64],
                             summary=f"{akun}: gagal membuka database terenkripsi ({c.get('alasan') or 'kata sandi salah'}); "
                                     "tercatat di berkas kunci sebelum database terbuka",
                             changes=json.dumps({"waktu": c.get("waktu"), "akun": akun,
                                                 "pengguna_os": c.get("pengguna_os")}, ensure_ascii=False)))
        ids.append(str(c["id"]))
    return ids


def hapus_gagal(db: Path | str, ids: list[str]) -> None:
    """Remove from the key file the failed attempts now in the audit log."""
    if not ids:
        return
    hapus = set(ids)
    with _lock:
        data = baca(db)
        catatan = data.get("gagal_masuk", [])
        if isinstance(catatan, list):
            data["gagal_masuk"] = [c for c in catatan if not (isinstance(c, dict) and c.get("id") in hapus)]
            if not data["gagal_masuk"]:
                data.pop("gagal_masuk")
            _tulis(db, data)


def buka_pemulihan(db: Path | str, kode: str) -> bytes:
    """Unwrap the data key with the recovery key (and keep it for this process)."""
    data = baca(db)
    entri = data.get("pemulihan")
    key = _buka_bungkus(entri, rapikan_kode(kode), PEMULIHAN) if isinstance(entri, dict) else None
    if key is None:
        raise UserError("Kunci pemulihan salah untuk database ini.")
    daftarkan(db, key)
    cocokkan_setelan(db, key)
    return key


def atur_akun(db: Path | str, username: str, password: str) -> None:
    """Add or replace ``username``'s entry (new account, changed or reset password). The data key must
    be unlocked in this process (the acting account is signed in)."""
    key = kunci_untuk(db)
    if key is None:
        raise UserError("Database belum dibuka dengan kunci: masuk dulu.")
    user = username.strip().lower()
    with _lock:
        data = baca(db)
        data["akun"][user] = _bungkus(key, password, user)
        _tulis(db, data)


@contextlib.contextmanager
def entri_akun(db: Path | str, kunci: bytes | None, username: str, password: str) -> Iterator[None]:
    """Around a password change in the database: the key-file entry is written first and put back as it
    was when the database write fails, so the file and the database never disagree. No-op for a
    plaintext database (``kunci`` None)."""
    if kunci is None:
        yield
        return
    daftarkan(db, kunci)
    lama = baca(db)
    atur_akun(db, username, password)
    try:
        yield
    except BaseException:
        with _lock:
            _tulis(db, lama)
        raise


def hapus_akun(db: Path | str, username: str) -> None:
    with _lock:
        data = baca(db)
        if data["akun"].pop(username.strip().lower(), None) is not None:
            _tulis(db, data)


def akun_berkunci(db: Path | str) -> set[str]:
    """Accounts that have an entry in the key file."""
    return set(baca(db)["akun"])


def salin_ke(db: Path | str, target_db: Path | str) -> None:
    """Copy ``db``'s key file (wrapped entries only) beside ``target_db``."""
    data = baca(db)
    _tulis(target_db, data)


# ----------------------------------------------------------------- connections
# SQLCipher settings of a database, recorded in its key file ("sqlcipher"); every connection applies them
# right after ``PRAGMA key``. Databases encrypted by an earlier release have none: SQLCipher 4's defaults.
# New ones use 16 KiB pages and HMAC-SHA256 (both SQLCipher-supported; SHA-256 uses the CPU's SHA
# instructions): per page, SQLCipher pays an IV, an HMAC and a cipher set-up, so 4x fewer, larger pages
# cut the full-scan overhead over plaintext from ~2.8x to ~1.6x (raw library, 100,000 requests).
SETELAN_LAMA: dict[str, Any] = {"halaman": 4096, "hmac": "HMAC_SHA512"}
SETELAN_BARU: dict[str, Any] = {"halaman": 16384, "hmac": "HMAC_SHA256"}
_HMAC = {"HMAC_SHA1", "HMAC_SHA256", "HMAC_SHA512"}


def setelan_untuk(db: Path | str) -> dict[str, Any]:
    """The SQLCipher settings of ``db`` from its key file (read each time: connections are few and pooled)."""
    try:
        data = json.loads(berkas_kunci(db).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return dict(SETELAN_LAMA)
    st = data.get("sqlcipher") if isinstance(data, dict) else None
    return _setelan_sah(st) if isinstance(st, dict) else dict(SETELAN_LAMA)


def _setelan_sah(st: dict[str, Any]) -> dict[str, Any]:
    halaman, hmac_ = st.get("halaman"), st.get("hmac")
    if not isinstance(halaman, int) or halaman not in {1024, 2048, 4096, 8192, 16384, 32768, 65536} \
            or hmac_ not in _HMAC:
        raise UserError("Berkas kunci rusak: pengaturan enkripsi (sqlcipher) tidak dikenal.")
    return {"halaman": halaman, "hmac": hmac_}


def _pragma_key(key: bytes) -> str:
    return f"PRAGMA key = \"x'{key.hex()}'\""


def modul_cipher() -> Any:
    import sqlcipher3.dbapi2 as dbapi

    return dbapi


def sambung(db: Path | str, kunci: bytes | None = None, setelan: dict[str, Any] | None = None, **kw: Any) -> Any:
    """A DB-API connection to ``db``: SQLCipher with ``PRAGMA key`` first when the file is encrypted (or
    ``kunci`` is given for a new file), the standard sqlite3 otherwise. ``setelan``: the SQLCipher settings
    (default: those in ``db``'s key file). The caller closes it."""
    key = kunci if kunci is not None else kunci_untuk(db)
    if key is None and terenkripsi(db):
        raise StorageError(f"Database {Path(db).name} terenkripsi: masuk dengan akun yang terdaftar (atau "
                           "kunci pemulihan) untuk membukanya.")
    if key is None:
        return sqlite3.connect(db, **kw)
    con = modul_cipher().connect(str(db), **kw)
    pasang_kunci(con, key, setelan if setelan is not None else setelan_untuk(db))
    return con


def pasang_kunci(con: Any, key: bytes, setelan: dict[str, Any] | None = None, skema: str = "") -> None:
    """``PRAGMA key`` (raw 256-bit key: no per-connection key derivation), the database's page size and
    HMAC, and temp data kept in memory, so sorts and temporary indexes never spill plaintext to a temp file."""
    st = setelan or SETELAN_LAMA
    pre = f"{skema}." if skema else ""
    if not skema:
        con.execute(_pragma_key(key))
    con.execute(f"PRAGMA {pre}cipher_page_size = {int(st['halaman'])}")
    con.execute(f"PRAGMA {pre}cipher_hmac_algorithm = {st['hmac'] if st['hmac'] in _HMAC else 'HMAC_SHA512'}")
    if not skema:
        con.execute("PRAGMA temp_store = MEMORY")


@contextlib.contextmanager
def koneksi(db: Path | str, kunci: bytes | None = None) -> Iterator[Any]:
    con = sambung(db, kunci)
    try:
        yield con
    finally:
        con.close()


def salin_db(src: Path | str, dst: Path | str, kunci: bytes | None = None) -> None:
    """SQLite's online backup API from ``src`` to a new file ``dst`` (WAL included), with the same key."""
    key = kunci if kunci is not None else kunci_untuk(src)
    st = setelan_untuk(src)
    a = sambung(src, key, st)
    try:
        b = sambung(dst, key, st) if key is not None else sqlite3.connect(dst)
        try:
            a.backup(b)
        finally:
            b.close()
    finally:
        a.close()


# ----------------------------------------------------------------- conversion
def enkripsi_berkas(src: Path, dst: Path, key: bytes, setelan: dict[str, Any] | None = None, *,
                    sumber: dict[str, Any] | None = None, progress: Progress | None = None) -> None:
    """Write an encrypted copy of the database ``src`` (WAL included) to the new file ``dst``: ``src`` is
    plaintext, or (``sumber``: its SQLCipher settings) encrypted under the same ``key`` (re-encryption).
    ``progress``: its Batal interrupts the export (``Cancelled``; ``dst`` is then incomplete, the caller
    removes it)."""
    dbapi = modul_cipher()
    st = setelan or SETELAN_LAMA
    con = dbapi.connect(str(src))
    try:
        con.isolation_level = None
        if sumber is not None:
            pasang_kunci(con, key, sumber)
        if progress is not None:
            con.set_progress_handler(lambda: 1 if progress.cancelled else 0, 10_000)
        user_version = con.execute("PRAGMA user_version").fetchone()[0]
        con.execute(f"ATTACH DATABASE ? AS enkripsi KEY \"x'{key.hex()}'\"", (str(dst),))
        pasang_kunci(con, key, st, skema="enkripsi")
        try:
            con.execute("SELECT sqlcipher_export('enkripsi')")
        except dbapi.OperationalError:
            if progress is not None and progress.cancelled:
                raise Cancelled() from None
            raise
        con.execute(f"PRAGMA enkripsi.user_version = {int(user_version)}")
        con.execute("DETACH DATABASE enkripsi")
    finally:
        con.close()
    check = sambung(dst, key, st)
    try:
        ok = check.execute("PRAGMA integrity_check").fetchone()
        check.execute("PRAGMA journal_mode=WAL").fetchone()
    finally:
        check.close()
    if not ok or ok[0] != "ok":
        raise StorageError(f"Salinan terenkripsi {dst.name} tidak utuh ({ok[0] if ok else '?'}).")


def enkripsi(db: Path | str, key: bytes) -> list[Path]:
    """Convert the plaintext database ``db`` in place to SQLCipher under ``key``.

    The caller holds the data folder's lock (no other process has ``db`` open). The encrypted copy is
    written beside ``db``, checked, then swapped in with one rename; the old ``-wal``/``-shm`` go. Its
    plaintext copies in ``cadangan/`` are converted too. Returns the files converted."""
    from ppid_desktop.core import paths

    db = Path(db).expanduser().resolve()
    if terenkripsi(db):
        return []
    done: list[Path] = []
    targets = [db]
    folder = db.parent / "cadangan"
    if folder.is_dir():
        targets += sorted(p for p in folder.glob(f"{db.stem}-*.sqlite") if polos(p))
    for path in targets:
        tmp = paths.partial(path)
        tmp.unlink(missing_ok=True)
        try:
            plain = sqlite3.connect(path)  # the WAL moved into the main file first: nothing lives only there
            try:
                plain.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            finally:
                plain.close()
            enkripsi_berkas(path, tmp, key, setelan_untuk(db))
            paths.make_private(tmp)
            for suffix in ("-wal", "-shm"):  # checkpointed above; never to be replayed onto the new file
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            os.replace(tmp, path)
        except Exception:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{tmp}{suffix}").unlink(missing_ok=True)
            raise
        done.append(path)
    return done


def konversi(db: Path | str, username: str, password: str, hashes: dict[str, str]) -> tuple[str, list[Path], list[str]]:
    """Encrypt the plaintext database ``db`` for good (no process may have it open: the caller closed its
    own store). The signed-in Admin (``username``/``password``) gets an entry, every other account one
    from its password hash (``hashes``), and a recovery key is made. Returns ``(recovery_key, files
    converted, accounts left without an entry)``."""
    from ppid_desktop.core import paths

    path = Path(db).expanduser().resolve()
    if terenkripsi(path):
        raise UserError(f"Database {path.name} sudah terenkripsi.")
    kunci = paths.KunciBerkas(path)
    if not kunci.eksklusif():
        raise UserError(f"Database {path.name} sedang dibuka oleh aplikasi atau proses lain. Tutup dulu, lalu ulangi.")
    try:
        berkas_kunci(path).unlink(missing_ok=True)  # left by a conversion killed before its swap
        key, kode = buat(path, username, password)
        try:
            lain = {u: h for u, h in hashes.items() if u != username.strip().lower()}
            dapat = tambah_dari_hash(path, lain)
            files = enkripsi(path, key)
        except BaseException:
            berkas_kunci(path).unlink(missing_ok=True)
            lupakan(path)
            raise
    finally:
        kunci.lepas()
    return kode, files, sorted(set(lain) - set(dapat))


# ----------------------------------------------------------------- re-encryption with the current settings
PREFIX_PERBARUI = "sebelum-perbarui-enkripsi-"  # safety copies: cadangan/<stem>-sebelum-perbarui-enkripsi-<time>.sqlite


def _langkah(_nama: str) -> None:
    """A named point of ``perbarui`` (the crash tests replace it to SIGKILL the process there)."""


def perlu_perbarui(db: Path | str) -> bool:
    """``db`` is encrypted with settings older than ``SETELAN_BARU`` (a database of an earlier release)."""
    try:
        return terenkripsi(db) and setelan_untuk(db) != SETELAN_BARU
    except UserError:
        return False


def _coba_setelan(db: Path | str, key: bytes, setelan: dict[str, Any]) -> bool:
    try:
        con = sambung(db, key, setelan)
    except (StorageError, modul_cipher().Error):
        return False
    try:
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except modul_cipher().Error:
        return False
    finally:
        con.close()


def cocokkan_setelan(db: Path | str, key: bytes) -> dict[str, Any]:
    """The SQLCipher settings that really open ``db``, put right in its key file when they differ.

    ``perbarui`` swaps the database file and then records the new settings: a crash between the two
    leaves a file the key file describes wrongly. Every unlock (``buka``, ``buka_pemulihan``) calls this,
    so such a database opens at the next sign-in. Cheap: one connection when the record is right."""
    try:
        tercatat = setelan_untuk(db)
    except UserError:
        return dict(SETELAN_LAMA)
    if polos(Path(db)) is not False or _coba_setelan(db, key, tercatat):
        return tercatat
    for calon in (SETELAN_BARU, SETELAN_LAMA):
        if calon != tercatat and _coba_setelan(db, key, calon):
            _catat_setelan(db, calon)
            return dict(calon)
    return tercatat  # neither: the real error surfaces when the database is opened


def _catat_setelan(db: Path | str, setelan: dict[str, Any]) -> None:
    with _lock:
        data = baca(db)
        data["sqlcipher"] = dict(setelan)
        _tulis(db, data)


def _jumlah_baris(con: Any) -> dict[str, int]:
    names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                                       "AND sql NOT LIKE 'CREATE VIRTUAL%'")]
    return {n: int(con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]) for n in names}


def perbarui(db: Path | str, kunci: bytes | None = None, progress: Progress | None = None) -> Path | None:
    """Re-encrypt ``db`` (encrypted by an earlier release: 4 KiB pages, HMAC-SHA512) with ``SETELAN_BARU``
    (16 KiB pages, HMAC-SHA256), under the same data key. Returns the safety copy of the old file, or None
    when there is nothing to do. Refused (``UserError``) while any process has ``db`` open.

    Like a migration, safe against a crash at any moment:

    1. the database's exclusive lock (``paths.KunciBerkas``, as restore takes it): no process has it open;
    2. its WAL checkpointed into the main file (nothing lives only there);
    3. ``sqlcipher_export`` into a new file in a work folder beside it (``paths.temp_dir``: removed by the
       next start when this process died), then ``integrity_check`` and the row count of every table of
       the copy compared with the original;
    4. the old file kept as ``cadangan/<stem>-sebelum-perbarui-enkripsi-<time>.sqlite`` (a hard link, or a
       copy), with its key file (old settings recorded) and sealed keyring beside it; the newest
       ``KEEP_MIGRATION_COPIES`` are kept, like the migration copies;
    5. one ``os.replace`` swaps the new file in, then the key file records ``SETELAN_BARU``. A crash between
       the two is put right by the next unlock (``cocokkan_setelan``)."""
    from ppid_desktop.core import crypto, paths
    from ppid_desktop.core.db import KEEP_MIGRATION_COPIES, _prune

    path = Path(db).expanduser().resolve()
    progress = progress or Progress()
    if not terenkripsi(path):
        raise UserError(f"Database {path.name} tidak terenkripsi: jalankan 'ppid enkripsi' untuk mengenkripsinya.")
    key = kunci if kunci is not None else kunci_untuk(path)
    if key is None:
        raise UserError(f"Database {path.name} terenkripsi: masuk dengan akun yang terdaftar untuk memperbarui "
                        "enkripsinya.")
    kunci_berkas = paths.KunciBerkas(path)
    if not kunci_berkas.eksklusif():
        raise UserError(f"Database {path.name} sedang dibuka oleh aplikasi atau proses lain. Tutup PPID Desktop "
                        "(dan perintah ppid lain) yang memakainya, lalu ulangi pembaruan enkripsi.")
    work: Path | None = None
    try:
        lama = cocokkan_setelan(path, key)
        if lama == SETELAN_BARU:
            return None
        paths.clean_leftovers(path.parent)
        folder = paths.backups_dir(path)
        paths.clean_leftovers(folder)
        progress.start(4, "Memperbarui enkripsi database")
        _langkah("mulai")
        con = sambung(path, key, lama)
        try:  # the WAL moved into the main file first: nothing lives only there
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            sebelum = _jumlah_baris(con)
        finally:
            con.close()
        progress.step(message="Menyalin ke berkas terenkripsi baru")
        work = paths.temp_dir(path.parent)
        baru = work / path.name
        _langkah("ekspor")
        enkripsi_berkas(path, baru, key, SETELAN_BARU, sumber=lama, progress=progress)
        con = sambung(baru, key, SETELAN_BARU)
        try:
            sesudah = _jumlah_baris(con)
        finally:
            con.close()
        if sesudah != sebelum:
            beda = sorted(t for t in set(sebelum) | set(sesudah) if sebelum.get(t) != sesudah.get(t))
            raise StorageError(f"Salinan terenkripsi baru tidak sama dengan database (tabel {', '.join(beda[:5])}); "
                               "database tidak diubah.")
        _pindah_inode(baru, path, key)
        paths.make_private(baru)
        progress.step(message="Menyimpan salinan pengaman")
        _langkah("salinan")
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        keep = folder / f"{path.stem}-{PREFIX_PERBARUI}{stamp}.sqlite"
        data = baca(path)
        data["sqlcipher"] = dict(lama)
        _tulis(keep, data)  # the copy's key file first: the copy never sits without its key and settings
        if crypto.berkas_ring(path).exists():
            shutil.copyfile(crypto.berkas_ring(path), crypto.berkas_ring(keep))
        try:
            os.link(path, keep)
        except OSError:  # no hard links here (FAT, some shares): a real copy, renamed into place
            tmp = paths.partial(keep)
            shutil.copyfile(path, tmp)
            paths.make_private(tmp)
            os.replace(tmp, keep)
        _prune(folder, f"{path.stem}-{PREFIX_PERBARUI}", KEEP_MIGRATION_COPIES)  # with the pruned copies' key files
        progress.step(message="Menukar berkas")
        _langkah("tukar")
        for suffix in ("-wal", "-shm"):  # checkpointed above; never to be replayed onto the new file
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.replace(baru, path)
        paths.fsync_folder(path.parent)
        _langkah("catat")
        _catat_setelan(path, SETELAN_BARU)
        progress.step()
        return keep
    except OSError as exc:
        raise UserError(f"Pembaruan enkripsi {path.name} gagal: {exc.strerror or exc}. Database tidak diubah.") from None
    except modul_cipher().Error as exc:
        raise UserError(f"Pembaruan enkripsi {path.name} gagal: {exc}. Database tidak diubah.") from None
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
        kunci_berkas.lepas()


def _pindah_inode(baru: Path, lama: Path, key: bytes) -> None:
    """The sync room knows a database file by its inode (``sinkron.identitas``: a copy takes a new replica
    id). The re-encrypted file is the same database: it records the inode it will have after the rename."""
    con = sambung(baru, key, SETELAN_BARU)
    try:
        if con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sinkron_info'").fetchone():
            con.execute("UPDATE sinkron_info SET nilai = ? WHERE kunci = 'inode' AND nilai = ?",
                        (str(baru.stat().st_ino), str(lama.stat().st_ino)))
            con.commit()
    finally:
        con.close()


def perbarui_bila_perlu(db: Path | str) -> Path | None:
    """After an unlock (CLI and GUI sign-in), like a migration: re-encrypt an old-settings database now
    when no other process has it open (else it stays as it is, still usable, until a later sign-in).
    Returns the safety copy when it was re-encrypted."""
    from ppid_desktop.core import paths

    if not perlu_perbarui(db) or kunci_untuk(db) is None:
        return None
    probe = paths.KunciBerkas(Path(db).expanduser().resolve())
    if not probe.eksklusif():
        return None
    probe.lepas()
    try:
        return perbarui(db)
    except UserError as exc:
        if "sedang dibuka" in str(exc):  # another process opened it in the meantime: a later sign-in
            return None
        raise
