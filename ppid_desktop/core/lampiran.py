"""Attachments at rest: every file in the attachments folder is encrypted under its database's keyring.

One store for every room (KTP scans, archived letter PDFs, monev and tindak-lanjut evidence, the kop logo,
demo media, files received by sync). A file lives at ``<db>-lampiran/<sha[:2]>/<sha>`` where ``sha`` is the
SHA-256 of the **plaintext** (content addressing, dedup, ``pdf_sha256``/``sha256`` columns and sync ids keep
their meaning); on disk it is::

    MAGIC | u32 header length | header JSON {"v", "kunci", "garam", "nonce"} | chunks (core.aliran)

``kunci`` names (by ``crypto.fingerprint``) the keyring key the file key comes from, ``garam`` is a random
salt: the file key is HMAC-SHA256(sub-key of that ring key, salt), a fresh AES-256-GCM key per file, so
nonces never repeat under one key. The keyring is the one of the database the store names
(``crypto.kunci_untuk``): an encrypted database's own sealed keyring, a plaintext one's folder keyring.
Streamed in 1 MiB chunks: a 50 MB video never sits in memory whole.

- ``simpan(store, source)`` -> digest: encrypts while hashing into a private temporary file beside the
  target (``.<name>.<pid>.sebagian``, fsync), then renames it into place; a file already stored is kept.
- ``baca(store, digest)`` -> bytes, ``salin(store, digest, dst)`` streamed: decrypt and **verify the
  SHA-256**; a tampered, truncated or swapped file is a ``UserError`` in Indonesian.
- ``berkas_sementara(store, digest, nama)``: a decrypted copy for what needs a *file* (the system viewer,
  reportlab's logo, previews) in a private folder ``.ppid-sementara-<pid>-…`` (0700, files 0600) beside
  the database, removed when the process exits (``atexit``; ``bersihkan_sementara``) and, after a kill,
  by the next ``Store.open`` (``paths.clean_leftovers``: the pid is gone).
- Legacy clear files (earlier releases) stay readable: no ``MAGIC`` means clear, still verified against
  its name. ``konversi(store)`` encrypts them in place, one atomic rename per file (a crash leaves each
  file either the old clear one or the new encrypted one), and marks the folder done (``SELESAI``).
"""

from __future__ import annotations

import atexit
import base64
import contextlib
import hashlib
import hmac
import io
import json
import os
import re
import shutil
import struct
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, Protocol

from ppid_desktop.core import aliran, crypto, paths
from ppid_desktop.core.errors import UserError
from ppid_desktop.core.progress import Progress

MAGIC = b"PPIDLAMPIRAN1\n"
SELESAI = ".semua-terenkripsi"  # marker: konversi found no clear file left
_DIGEST_RE = re.compile(r"^[0-9a-f]{64}$")
_BACA = 1 << 20


class PunyaPath(Protocol):
    """A ``core.db.Store`` or anything else that names its database file."""

    @property
    def path(self) -> Path: ...


# ---------------------------------------------------------------- names
def folder(store: PunyaPath) -> Path:
    return paths.attachments_dir(Path(store.path))


def berkas(store: PunyaPath, digest: str) -> Path:
    """Where the attachment ``digest`` lives on disk (its encrypted form: never read it directly)."""
    if not _DIGEST_RE.match(digest or ""):
        raise UserError(f"Sidik lampiran '{str(digest)[:70]}' tidak sah (harus 64 digit heksadesimal SHA-256).")
    return folder(store) / digest[:2] / digest


def ada(store: PunyaPath, digest: str) -> bool:
    return bool(digest) and _DIGEST_RE.match(digest) is not None and berkas(store, digest).is_file()


def terenkripsi(path: Path) -> bool:
    """Whether the file at ``path`` is in the encrypted form (else a clear file of an earlier release)."""
    with open(path, "rb") as fh:
        return fh.read(len(MAGIC)) == MAGIC


def _kunci_berkas(ring_key: bytes, garam: bytes) -> bytes:
    sub = hashlib.sha256(b"ppid-lampiran|" + base64.urlsafe_b64decode(ring_key)).digest()
    return hmac.new(sub, garam, hashlib.sha256).digest()


def _tmp(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.sebagian")


def _fsync_replace(tmp: Path, target: Path) -> None:
    os.replace(tmp, target)
    paths.fsync_folder(target.parent)  # the rename itself durable


def _tulis(src: IO[bytes], tmp: Path, primary: bytes) -> str:
    """Encrypt ``src`` into ``tmp`` (0600, synced); returns the SHA-256 of the plaintext."""
    garam, prefix = os.urandom(16), os.urandom(4)
    header = json.dumps({"v": 1, "kunci": crypto.fingerprint(primary), "garam": base64.b64encode(garam).decode(),
                         "nonce": base64.b64encode(prefix).decode()}, sort_keys=True).encode()
    h = hashlib.sha256()
    tmp.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as dst:
        dst.write(MAGIC + struct.pack(">I", len(header)) + header)
        aliran.segel(src, dst, _kunci_berkas(primary, garam), prefix, hashlib.sha256(header).digest(), h.update)
        dst.flush()
        os.fsync(dst.fileno())
    return h.hexdigest()


def _pesan_io(exc: OSError) -> str:
    return exc.strerror or str(exc)


# ---------------------------------------------------------------- writing
def simpan(store: PunyaPath, source: Path | str | bytes | IO[bytes], *, digest: str | None = None) -> str:
    """Store ``source`` (a file, bytes or a binary stream) encrypted; returns the plaintext's SHA-256.

    ``digest`` (e.g. from a sync package): the content must hash to it, else nothing is stored and a
    ``UserError`` says so."""
    primary, _ = crypto.kunci_untuk(store.path)
    base = folder(store)
    tmp = base / f".baru.{os.getpid()}.{threading.get_ident()}.sebagian"
    try:
        if isinstance(source, (bytes, bytearray, memoryview)):
            got = _tulis(io.BytesIO(bytes(source)), tmp, primary)
        elif isinstance(source, (str, Path)):
            try:
                fh = open(source, "rb")  # noqa: SIM115 - closed below
            except OSError as exc:
                raise UserError(f"Berkas '{Path(source).name}' tidak dapat dibaca: {_pesan_io(exc)}.") from None
            with fh:
                got = _tulis(fh, tmp, primary)
        else:
            got = _tulis(source, tmp, primary)
        if digest is not None and got != digest:
            raise UserError(f"Lampiran {digest[:12]}… rusak: isinya tidak cocok dengan sidik SHA-256-nya.")
        target = berkas(store, got)
        if target.is_file() and terenkripsi(target):
            return got  # already stored (content addressing): keep the file that is there
        target.parent.mkdir(parents=True, exist_ok=True)
        _fsync_replace(tmp, target)
        return got
    except OSError as exc:
        raise UserError(f"Lampiran tidak dapat disimpan di {base}: {_pesan_io(exc)}.") from None
    finally:
        tmp.unlink(missing_ok=True)


def hapus(store: PunyaPath, digest: str) -> None:
    """Remove the attachment ``digest`` from disk (retention, anonymisation); absent is fine."""
    if ada(store, digest):
        berkas(store, digest).unlink(missing_ok=True)


# ---------------------------------------------------------------- reading
def _rusak(digest: str) -> UserError:
    return UserError(f"Lampiran {digest[:12]}… rusak atau telah diubah (isi tidak cocok dengan sidik SHA-256-nya). "
                     "Pulihkan berkas lampiran dari cadangan.")


def _salin_berkas(path: Path, digest: str, dst: IO[bytes] | None, keys: list[bytes] | None) -> int:
    """Decrypt (or, for a legacy clear file, copy) ``path`` into ``dst`` and verify the SHA-256."""
    h = hashlib.sha256()
    size = 0

    def lihat(chunk: bytes) -> None:
        nonlocal size
        h.update(chunk)
        size += len(chunk)

    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        raise UserError(f"Berkas lampiran {digest[:12]}… tidak ada di folder lampiran ({path.parent.parent}).") from None
    except OSError as exc:
        raise UserError(f"Lampiran {digest[:12]}… tidak dapat dibaca: {_pesan_io(exc)}.") from None
    with fh:
        if fh.read(len(MAGIC)) != MAGIC:  # a clear file of an earlier release
            fh.seek(0)
            for chunk in iter(lambda: fh.read(_BACA), b""):
                lihat(chunk)
                if dst is not None:
                    dst.write(chunk)
        else:
            try:
                (hlen,) = struct.unpack(">I", fh.read(4))
                if hlen > 4096:
                    raise ValueError("header")
                header = fh.read(hlen)
                doc = json.loads(header)
                fp, garam, prefix = str(doc["kunci"]), base64.b64decode(doc["garam"]), base64.b64decode(doc["nonce"])
                if len(prefix) != 4 or len(garam) != 16:
                    raise ValueError("header")
            except (struct.error, ValueError, KeyError, TypeError, UnicodeError):
                raise _rusak(digest) from None
            ring = keys if keys is not None else []
            key = next((k for k in ring if crypto.fingerprint(k) == fp), None)
            if key is None:
                raise UserError(f"Lampiran {digest[:12]}… terenkripsi dengan kunci yang tidak ada di perangkat ini "
                                f"(kunci {fp}). Pulihkan kunci data pribadi dari cadangan atau terima paket "
                                "sinkronisasi yang membawanya.")
            aliran.buka(fh, dst, _kunci_berkas(key, garam), prefix, hashlib.sha256(header).digest(), _rusak(digest),
                        lihat)
    if h.hexdigest() != digest:
        raise _rusak(digest)
    return size


class _BukanToken(Exception):
    pass


class _TokenSaja(io.BytesIO):
    """Keeps what is written only while it looks like a Fernet token (stops after the first chunk else)."""

    def write(self, b: bytes | bytearray | memoryview, /) -> int:  # type: ignore[override]
        if self.tell() == 0 and bytes(b[:6]) != b"gAAAAA":
            raise _BukanToken()
        return super().write(b)


def kunci_dipakai(path: Path, calon: list[bytes]) -> tuple[bytes | None, bytes | None]:
    """For the key inventory of ``kunci_db.kunci_terpakai``: ``(the candidate key the encrypted file at
    ``path`` names, or None; the Fernet token inside it (a KTP scan), or None)``. A file that is not in
    the encrypted form gives ``(None, None)``; only the first chunk of anything but a token is decrypted."""
    fp = _sidik_header(path)
    if fp is None:
        return None, None
    key = next((k for k in calon if crypto.fingerprint(k) == fp), None)
    if key is None:
        return None, None
    out = _TokenSaja()
    try:
        _salin_berkas(path, path.name, out, [key])
    except (_BukanToken, UserError):
        return key, None
    return key, out.getvalue()


def salin(store: PunyaPath, digest: str, dst: IO[bytes]) -> int:
    """Stream the verified plaintext of ``digest`` into ``dst``; returns its size. On a ``UserError``
    part of the content may already be in ``dst``: callers write into a temporary file and discard it."""
    path = berkas(store, digest)
    _, keys = crypto.kunci_untuk(store.path)
    return _salin_berkas(path, digest, dst, keys)


def baca(store: PunyaPath, digest: str) -> bytes:
    """The verified plaintext of the attachment ``digest`` (small files: letters, scans, logos)."""
    buf = io.BytesIO()
    salin(store, digest, buf)
    return buf.getvalue()


def periksa(store: PunyaPath, digest: str) -> None:
    """Decrypt and verify ``digest`` without keeping the content (``UserError`` when it does not hold)."""
    path = berkas(store, digest)
    _, keys = crypto.kunci_untuk(store.path)
    _salin_berkas(path, digest, None, keys)


# ---------------------------------------------------------------- decrypted copies for viewers
_sementara: dict[str, Path] = {}
_sementara_lock = threading.Lock()
_atexit: list[bool] = []


def folder_sementara(store: PunyaPath) -> Path:
    """This process's private folder of decrypted copies beside ``store``'s database (0700)."""
    parent = Path(store.path).parent
    with _sementara_lock:
        got = _sementara.get(str(parent))
        if got is None or not got.is_dir():
            if not _atexit:
                atexit.register(bersihkan_sementara)
                _atexit.append(True)
            got = paths.temp_dir(parent)
            with contextlib.suppress(OSError):
                got.chmod(0o700)
            _sementara[str(parent)] = got
        return got


def _nama_aman(nama: str) -> str:
    base = Path(nama or "").name
    base = re.sub(r"[^\w.\- ]+", "_", base).strip(" .")[:80]
    return base


def berkas_sementara(store: PunyaPath, digest: str, nama: str = "", *, akhiran: str = "",
                     pakai_ulang: bool = False) -> Path:
    """A verified decrypted copy of ``digest`` as a file (0600) in this process's private folder, for the
    system viewer or a library that needs a path; ``nama`` (the original file name) keeps its extension
    so the viewer picks the right program. Written afresh at every call (a viewer may have changed the last
    copy), except with ``pakai_ulang`` (the kop logo, read by every document). Removed when the process exits."""
    work = folder_sementara(store)
    nama = _nama_aman(nama)
    sub = work / digest[:16]
    target = sub / (nama or f"{digest[:16]}{akhiran}")
    if pakai_ulang and target.is_file():
        return target
    return _salinan_pribadi(work, target, lambda fh: salin(store, digest, fh))


def _salinan_pribadi(work: Path, target: Path, isi: Callable[[IO[bytes]], object]) -> Path:
    """Write a decrypted copy at ``target`` (0600, its folder 0700) through ``isi``, atomically."""
    tmp = _tmp(target)
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            isi(fh)
        os.replace(tmp, target)
    except OSError as exc:
        raise UserError(f"Salinan lampiran untuk dibuka tidak dapat dibuat di {work}: {_pesan_io(exc)}.") from None
    finally:
        tmp.unlink(missing_ok=True)
    return target


def tulis_sementara(store: PunyaPath, data: bytes, nama: str) -> Path:
    """``data`` (already decrypted, e.g. a KTP scan) as a private file (0600) named ``nama`` in this process's
    folder of decrypted copies, for the system viewer; removed when the process exits."""
    work = folder_sementara(store)
    sub = work / hashlib.sha256(data).hexdigest()[:16]
    return _salinan_pribadi(work, sub / (_nama_aman(nama) or "lampiran"), lambda fh: fh.write(data))


def bersihkan_sementara() -> None:
    """Remove this process's decrypted copies (at exit, when the app closes)."""
    with _sementara_lock:
        for work in _sementara.values():
            shutil.rmtree(work, ignore_errors=True)
        _sementara.clear()


# ---------------------------------------------------------------- converting clear files
def _semua_berkas(base: Path) -> list[Path]:
    out: list[Path] = []
    with contextlib.suppress(OSError):
        for sub in sorted(base.iterdir()):
            if sub.is_dir() and len(sub.name) == 2:
                out.extend(f for f in sorted(sub.iterdir()) if f.is_file() and _DIGEST_RE.match(f.name))
    return out


def bersihkan_sisa(store: PunyaPath, *, semua: bool = True) -> list[Path]:
    """Remove the half-written files (``*.<pid>.<thread>.sebagian``) a killed writer left in the attachments
    folder: in its root (``simpan``) and, with ``semua``, in every sub-folder (``konversi``)."""
    base = folder(store)
    removed: list[Path] = []
    try:
        folders = [base, *(p for p in base.iterdir() if p.is_dir())] if semua else [base]
    except OSError:
        return removed
    for d in folders:
        for f in list(d.glob(".*.sebagian")):
            m = re.search(r"\.(\d+)\.\d+\.sebagian$", f.name)
            if m and not paths._alive(int(m.group(1))):
                with contextlib.suppress(OSError):
                    f.unlink()
                    removed.append(f)
    return removed


def periksa_semua(store: PunyaPath, progress: Progress | None = None) -> tuple[int, list[str]]:
    """Decrypt and verify every file of the attachments folder (``ppid check --lampiran``): the number of
    files checked and one Indonesian line per file that is damaged, under a missing key, or still in clear."""
    progress = progress or Progress()
    _, keys = crypto.kunci_untuk(store.path)
    files = _semua_berkas(folder(store))
    progress.start(len(files), "Memeriksa lampiran…")
    masalah: list[str] = []
    for f in files:
        progress.check()
        try:
            _salin_berkas(f, f.name, None, keys)
            if not terenkripsi(f):
                masalah.append(f"lampiran {f.name[:12]}… belum dienkripsi (jalankan 'ppid enkripsi')")
        except UserError as exc:
            masalah.append(str(exc))
        except OSError as exc:
            masalah.append(f"lampiran {f.name[:12]}… tidak dapat dibaca: {_pesan_io(exc)}")
        progress.step()
    return len(files), masalah


def _tanda(primary: bytes) -> str:
    return f"ppid-lampiran/1 {crypto.fingerprint(primary)}\n"


def _sidik_header(path: Path) -> str | None:
    """The key fingerprint an encrypted file names, or None (clear or unreadable header)."""
    try:
        with open(path, "rb") as fh:
            if fh.read(len(MAGIC)) != MAGIC:
                return None
            (hlen,) = struct.unpack(">I", fh.read(4))
            return str(json.loads(fh.read(min(hlen, 4096)))["kunci"])
    except (OSError, struct.error, ValueError, KeyError, TypeError, UnicodeError):
        return None


def perlu_konversi(store: PunyaPath) -> bool:
    """Whether ``konversi`` has work: the folder may hold clear files of an earlier release, or (after the
    database was encrypted) files under a key of the clear folder keyring. Cheap once done (a marker file
    names the key the folder was completed under)."""
    base = folder(store)
    try:
        primary, _ = crypto.kunci_untuk(store.path)
        if (base / SELESAI).read_text(encoding="ascii") == _tanda(primary):
            return False
    except (OSError, UnicodeError, UserError):
        pass
    return any(True for _ in _semua_berkas(base))


def konversi(store: PunyaPath, progress: Progress | None = None,
             catat: Callable[[str], object] | None = None) -> dict[str, int]:
    """Encrypt in place every clear attachment (earlier releases) of ``store``; idempotent.

    Each file: encrypt into ``.<name>.<pid>.sebagian`` beside it (fsync) while hashing, check the hash
    against its name and that the new file opens, then rename it over the old one: a crash leaves each
    file either the old or the new form, both readable. A clear file whose content does not match its
    name is left as it is and counted in ``rusak`` (``catat`` gets a message). For an encrypted database
    (its own sealed keyring) a file under another key (the clear folder keyring of the time the database
    was plaintext) is re-encrypted under the sealed primary (``dikunci_ulang``): a copied data folder
    then opens nothing without a sign-in. Returns ``{"dienkripsi", "dikunci_ulang", "sudah", "rusak"}``."""
    progress = progress or Progress()
    primary, keys = crypto.kunci_untuk(store.path)
    tersegel = crypto.ring_untuk(store.path) is not None
    fp_utama = crypto.fingerprint(primary)
    base = folder(store)
    bersihkan_sisa(store)
    files = _semua_berkas(base)
    progress.start(len(files), "Mengenkripsi lampiran…")
    hasil = {"dienkripsi": 0, "dikunci_ulang": 0, "sudah": 0, "rusak": 0}
    for f in files:
        progress.check()
        try:
            fp = _sidik_header(f)
            if fp is not None and (fp == fp_utama or not tersegel):
                hasil["sudah"] += 1
                progress.step()
                continue
            tmp = _tmp(f)
            try:
                if fp is None:  # clear
                    with open(f, "rb") as src:
                        got = _tulis(src, tmp, primary)
                else:  # under a key of the clear folder keyring: through memory (files are capped at 50 MB)
                    buf = io.BytesIO()
                    _salin_berkas(f, f.name, buf, keys)
                    buf.seek(0)
                    got = _tulis(buf, tmp, primary)
                if got != f.name:
                    hasil["rusak"] += 1
                    if catat is not None:
                        catat(f"Lampiran {f.name[:12]}… tidak cocok dengan sidiknya: dibiarkan apa adanya.")
                else:
                    _salin_berkas(tmp, got, None, keys)  # what replaces the old file opens
                    _fsync_replace(tmp, f)
                    hasil["dienkripsi" if fp is None else "dikunci_ulang"] += 1
            finally:
                tmp.unlink(missing_ok=True)
        except FileNotFoundError:
            pass  # deleted meanwhile (retention)
        except UserError as exc:
            hasil["rusak"] += 1
            if catat is not None:
                catat(str(exc))
        except OSError as exc:
            raise UserError(f"Lampiran {f.name[:12]}… tidak dapat dienkripsi di {f.parent}: {_pesan_io(exc)}.") from None
        progress.step()
    if hasil["rusak"] == 0:
        with contextlib.suppress(OSError):
            _tulis_tanda(base / SELESAI, _tanda(primary))
    return hasil


def _tulis_tanda(path: Path, text: str) -> None:
    tmp = _tmp(path)
    tmp.write_text(text, encoding="ascii")
    os.replace(tmp, path)
