"""The ``.ppidsync`` package: a signed zip, optionally wrapped in streamed passphrase encryption.

Layout: ``manifest.json`` (format, package id, schema revision and columns per table, sender, clock,
kind, what the sender has and has received, counts, size and SHA-256 of every member),
``manifest.sig`` (HMAC-SHA256 of the manifest bytes under the team key), ``data/<tabel>.jsonl``
(one record state per line: row, version vector, group dots), ``audit.jsonl`` and
``lampiran/<sha256>`` (each attachment once, by content hash).

Encryption (when a passphrase is given): ``MAGIC``, a JSON header (scrypt salt and parameters, chunk
size, nonce prefix), then chunks of at most 1 MiB sealed with AES-256-GCM, each with its own nonce
(prefix + index) and AAD (header hash + index + a final flag), so reordering, truncation and
tampering are detected and a 500 MB package never needs 500 MB of memory.

``verify`` checks everything before anything is written: zip structure, allowed member names,
sizes, signature, every hash, format and schema revision.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import secrets
import struct
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ppid_desktop.core import aliran
from ppid_desktop.core.errors import UserError

FORMAT = "ppidsync/1"
MAGIC = b"PPIDSYNC-ENC1\n"
CHUNK = aliran.CHUNK
MAX_MEMBER = 4 * 1024**3  # one member may not claim more than 4 GiB
MAX_MANIFEST = 64 * 1024**2
MAX_TOTAL = 50 * 1024**3
KUNCI_PREFIX = "PPIDTIM1-"
_NAME_RE = re.compile(r"^(manifest\.json|manifest\.sig|audit\.jsonl|kunci\.jsonl|data/[a-z_]{1,64}\.jsonl|"
                      r"lampiran/[0-9a-f]{64})$")
KUNCI_MEMBER = "kunci.jsonl"  # the sender's personal-data keys, sealed under the team key (data_pribadi only)


def _kek_tim(team_key: bytes) -> bytes:
    return hashlib.sha256(b"ppid-sinkron-kunci-data|" + team_key).digest()


def segel_kunci(team_key: bytes, key: bytes) -> str:
    """A personal-data (Fernet) key sealed (AES-256-GCM) under a key derived from the team key."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(12)
    return base64.b64encode(nonce + AESGCM(_kek_tim(team_key)).encrypt(nonce, key, b"ppid-sinkron|kunci")).decode()


def buka_segel_kunci(team_key: bytes, sealed: str) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        raw = base64.b64decode(sealed.encode("ascii"), validate=True)
        return AESGCM(_kek_tim(team_key)).decrypt(raw[:12], raw[12:], b"ppid-sinkron|kunci")
    except (InvalidTag, ValueError, TypeError, UnicodeError):
        return None


# ---------------------------------------------------------------- team key
def kunci_baru() -> str:
    raw = secrets.token_bytes(32)
    return KUNCI_PREFIX + base64.b32encode(raw).decode().rstrip("=")


def parse_kunci(teks: str) -> bytes:
    t = "".join(teks.split()).upper()
    if not t.startswith(KUNCI_PREFIX):
        raise UserError("Teks kunci tim tidak dikenal: harus diawali 'PPIDTIM1-'. Salin seluruh teks dari laptop "
                        "yang membuat kunci.")
    body = t[len(KUNCI_PREFIX):]
    try:
        raw = base64.b32decode(body + "=" * (-len(body) % 8))
    except ValueError:
        raise UserError("Teks kunci tim rusak (ada huruf yang salah salin).") from None
    if len(raw) != 32:
        raise UserError("Teks kunci tim tidak lengkap (panjangnya salah).")
    return raw


def sidik_kunci(raw: bytes) -> str:
    return hashlib.sha256(b"ppid-tim" + raw).hexdigest()[:12]


def sign(key: bytes, data: bytes) -> str:
    return hmac.new(key, data, hashlib.sha256).hexdigest()


# ---------------------------------------------------------------- encryption
def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def encrypt_stream(src: IO[bytes], dst: IO[bytes], passphrase: str) -> None:
    salt, prefix = os.urandom(16), os.urandom(4)
    header = json.dumps({"kdf": "scrypt", "n": 2**15, "r": 8, "p": 1, "salt": base64.b64encode(salt).decode(),
                         "chunk": CHUNK, "nonce": base64.b64encode(prefix).decode()}).encode()
    dst.write(MAGIC + struct.pack(">I", len(header)) + header)
    aliran.segel(src, dst, _derive(passphrase, salt, 2**15, 8, 1), prefix, hashlib.sha256(header).digest())


def decrypt_stream(src: IO[bytes], dst: IO[bytes], passphrase: str) -> None:
    bad = UserError("Sandi paket salah, atau paket terenkripsi ini rusak/terpotong.")
    if src.read(len(MAGIC)) != MAGIC:
        raise bad
    try:
        (hlen,) = struct.unpack(">I", src.read(4))
        if hlen > 4096:
            raise bad
        header = src.read(hlen)
        h = json.loads(header)
        salt, prefix = base64.b64decode(h["salt"]), base64.b64decode(h["nonce"])
        n, r, p = int(h["n"]), int(h["r"]), int(h["p"])
        if not (2**10 <= n <= 2**20 and 1 <= r <= 16 and 1 <= p <= 4) or len(prefix) != 4:
            raise bad
    except (struct.error, ValueError, KeyError, TypeError):
        raise bad from None
    aliran.buka(src, dst, _derive(passphrase, salt, n, r, p), prefix, hashlib.sha256(header).digest(), bad)


def is_encrypted(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(len(MAGIC)) == MAGIC


# ---------------------------------------------------------------- writing
class Penulis:
    """Writes a package zip member by member, hashing as it goes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.zf = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1, allowZip64=True)
        self.anggota: dict[str, dict[str, Any]] = {}

    def tulis_baris(self, name: str, lines: Iterator[dict[str, Any]]) -> int:
        h = hashlib.sha256()
        size = n = 0
        with self.zf.open(name, "w", force_zip64=True) as out:
            buf: list[bytes] = []
            for item in lines:
                b = (json.dumps(item, ensure_ascii=False, separators=(",", ":"), default=str) + "\n").encode()
                buf.append(b)
                n += 1
                if len(buf) >= 500:
                    blob = b"".join(buf)
                    h.update(blob)
                    size += len(blob)
                    out.write(blob)
                    buf = []
            blob = b"".join(buf)
            h.update(blob)
            size += len(blob)
            out.write(blob)
        self.anggota[name] = {"ukuran": size, "sha256": h.hexdigest()}
        return n

    def tulis_berkas(self, name: str, isi: Callable[[IO[bytes]], int], digest: str) -> None:
        """A file member written by ``isi`` (e.g. an attachment decrypted and verified on the fly by
        ``core.lampiran.salin``), which returns the number of bytes it wrote."""
        with self.zf.open(zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0)), "w", force_zip64=True) as out:
            size = isi(out)
        self.anggota[name] = {"ukuran": size, "sha256": digest}

    def tutup(self, manifest: dict[str, Any], key: bytes) -> None:
        manifest["anggota"] = self.anggota
        data = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode()
        self.zf.writestr("manifest.json", data)
        self.zf.writestr("manifest.sig", sign(key, data))
        self.zf.close()


def selesaikan_berkas(tmp_zip: Path, target: Path, passphrase: str | None) -> None:
    """Encrypt (when asked) and move the finished package into place atomically."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if passphrase:
        enc = target.with_name(target.name + ".tmp-enc")
        with open(tmp_zip, "rb") as src, open(enc, "wb") as dst:
            encrypt_stream(src, dst, passphrase)
        tmp_zip.unlink()
        os.replace(enc, target)
    else:
        os.replace(tmp_zip, target)


# ---------------------------------------------------------------- reading
@dataclass
class Paket:
    path: Path  # the plain zip (a temporary file when the package was encrypted)
    manifest: dict[str, Any]
    zf: zipfile.ZipFile
    sementara: Path | None = None
    tabel: list[str] = field(default_factory=list)

    def baris(self, tabel: str) -> Iterator[dict[str, Any]]:
        name = f"data/{tabel}.jsonl"
        if name not in self.manifest["anggota"]:
            return
        with self.zf.open(name) as fh:
            for line in fh:
                if line.strip():
                    yield json.loads(line)

    def audit(self) -> Iterator[dict[str, Any]]:
        if "audit.jsonl" not in self.manifest["anggota"]:
            return
        with self.zf.open("audit.jsonl") as fh:
            for line in fh:
                if line.strip():
                    yield json.loads(line)

    def close(self) -> None:
        self.zf.close()
        if self.sementara is not None:
            self.sementara.unlink(missing_ok=True)


def _refuse(msg: str) -> UserError:
    return UserError(f"Paket sinkronisasi ditolak: {msg}")


def buka(path: Path, key: bytes | None, passphrase: str | None, tmp_dir: Path | None = None) -> Paket:
    """Open and verify a package completely. Raises ``UserError`` (Indonesian) on any problem."""
    path = Path(path)
    if not path.is_file():
        raise _refuse(f"berkas {path} tidak ditemukan.")
    sementara: Path | None = None
    zpath = path
    if is_encrypted(path):
        if not passphrase:
            raise _refuse("paket ini terenkripsi dengan sandi. Isi sandinya (PPID_SANDI) lalu coba lagi.")
        fd, name = tempfile.mkstemp(suffix=".zip", dir=tmp_dir)
        sementara = Path(name)
        try:
            with open(path, "rb") as src, os.fdopen(fd, "wb") as dst:
                decrypt_stream(src, dst, passphrase)
        except BaseException:
            sementara.unlink(missing_ok=True)
            raise
        zpath = sementara
    try:
        return _verify(zpath, key, sementara)
    except BaseException:
        if sementara is not None:
            sementara.unlink(missing_ok=True)
        raise


def _verify(zpath: Path, key: bytes | None, sementara: Path | None) -> Paket:
    try:
        zf = zipfile.ZipFile(zpath)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _refuse(f"{zpath.name if sementara is None else 'isi paket'} bukan paket .ppidsync "
                      "(bukan arsip zip yang utuh; mungkin terpotong saat disalin).") from None
    try:
        infos = zf.infolist()
        names = [i.filename for i in infos]
        if len(set(names)) != len(names):
            raise _refuse("ada anggota paket dengan nama ganda.")
        for info in infos:
            if not _NAME_RE.match(info.filename) or ".." in info.filename or info.filename.startswith("/"):
                raise _refuse(f"anggota '{info.filename[:80]}' berada di luar susunan paket (jalur tidak sah).")
            if info.file_size > MAX_MEMBER or info.file_size < 0:
                raise _refuse(f"anggota '{info.filename}' terlalu besar ({info.file_size} bita).")
        if "manifest.json" not in names or "manifest.sig" not in names:
            raise _refuse("manifest atau tanda tangan paket tidak ada.")
        if zf.getinfo("manifest.json").file_size > MAX_MANIFEST:
            raise _refuse("manifest terlalu besar.")
        raw = _read_limited(zf, "manifest.json", MAX_MANIFEST)
        sig = _read_limited(zf, "manifest.sig", 200).decode("ascii", "replace").strip()
        if key is None:
            raise _refuse("kunci tim belum dipasang di laptop ini. Pasang dulu di halaman Sinkronisasi "
                          "atau dengan 'ppid sinkron kunci --pasang TEKS'.")
        if not hmac.compare_digest(sign(key, raw), sig):
            raise _refuse("tanda tangan tidak cocok: paket dibuat dengan kunci tim lain atau manifestnya diubah.")
        try:
            manifest = json.loads(raw)
        except ValueError:
            raise _refuse("manifest bukan JSON yang sah.") from None
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise _refuse(f"format paket '{manifest.get('format') if isinstance(manifest, dict) else '?'}' "
                          f"tidak dikenal (yang dikenal: {FORMAT}).")
        anggota = manifest.get("anggota")
        if not isinstance(anggota, dict):
            raise _refuse("daftar anggota di manifest tidak sah.")
        expected = set(anggota) | {"manifest.json", "manifest.sig"}
        if expected != set(names):
            beda = sorted(expected.symmetric_difference(names))
            raise _refuse(f"isi paket tidak sesuai manifest ({', '.join(beda[:3])}).")
        total = 0
        for name, meta in anggota.items():
            size, digest = int(meta["ukuran"]), str(meta["sha256"])
            info = zf.getinfo(name)
            total += size
            if info.file_size != size or size > MAX_MEMBER or total > MAX_TOTAL:
                raise _refuse(f"ukuran anggota '{name}' tidak sesuai manifest.")
            h = hashlib.sha256()
            got = 0
            try:
                with zf.open(name) as fh:
                    for chunk in iter(lambda fh=fh: fh.read(CHUNK), b""):  # type: ignore[misc]
                        got += len(chunk)
                        if got > size:
                            raise _refuse(f"anggota '{name}' lebih besar daripada yang dinyatakan.")
                        h.update(chunk)
            except (zipfile.BadZipFile, zlib_error(), OSError, EOFError) as exc:
                raise _refuse(f"anggota '{name}' rusak ({type(exc).__name__}).") from None
            if got != size or h.hexdigest() != digest:
                raise _refuse(f"sidik SHA-256 anggota '{name}' tidak cocok: isi paket berubah atau rusak.")
        tabel = [n[5:-6] for n in anggota if n.startswith("data/")]
        return Paket(zpath, manifest, zf, sementara, tabel)
    except BaseException:
        zf.close()
        raise


def zlib_error() -> type[Exception]:
    import zlib

    return zlib.error


def _read_limited(zf: zipfile.ZipFile, name: str, limit: int) -> bytes:
    try:
        with zf.open(name) as fh:
            data = fh.read(limit + 1)
    except (zipfile.BadZipFile, OSError, EOFError, zlib_error()):
        raise _refuse(f"anggota '{name}' rusak.") from None
    if len(data) > limit:
        raise _refuse(f"anggota '{name}' terlalu besar.")
    return data
