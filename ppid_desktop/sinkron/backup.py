"""Backup and restore: a consistent SQLite snapshot plus attachments in one verified archive.

Archive layout (zip): ``manifest.json`` (format, app version, schema revision, sha256 and size of
every member), ``ppid.sqlite`` (made with SQLite's online backup API, WAL included),
``lampiran/<xx>/<sha256>``, and ``kunci/<sidik>.key``: the personal-data keyring, so NIK and KTP scans
stay readable after a restore on another laptop (leave it out with ``kunci=False`` when the archive
leaves the office).

An encrypted database (``core.kunci_db``) travels encrypted: the snapshot is SQLCipher under the same data
key, the archive carries its key file ``kunci/ppid.sqlite.kunci`` (wrapped entries only) and the
database's own personal-data keyring (``<db>.kunci-data``, see ``core.crypto``) as
``kunci/<sidik>.key.gcm`` (AES-GCM under the data key; the manifest names the primary in
``kunci_utama``), never a key in clear, never the folder keyring. Restoring it needs an account's
password or the recovery key (``kredensial``/``kode_pemulihan``), on any laptop; the restored database
gets its keyring back, sealed beside it.

Safety rules:

- Work in progress lives beside its target and carries this process's pid (``core.paths.partial`` /
  ``temp_dir``); a failure removes it, and the next start removes what a killed run left behind.
  Archives are written 0600.
- Restore checks everything before it touches the target: the archive's size and compression ratio
  (zip bombs), the manifest, every member's sha256, that it holds a database (missing or empty →
  refused), the snapshot's ``integrity_check`` and its schema (a PPID database this app can open).
- Restore refuses while any process has the target open (the ``<db>-kunci`` lock every ``Store``
  holds); it holds that lock exclusively while it swaps.
- Before a non-empty target is replaced, a safety copy is made through the SQLite backup API (so
  writes still in the WAL are in it), named by time, never overwriting an earlier one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import zipfile
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ppid_desktop import __version__
from ppid_desktop.core import crypto, kunci_db, lampiran, paths
from ppid_desktop.core.db import Store
from ppid_desktop.core.errors import StorageError, UserError
from ppid_desktop.core.progress import Progress

FORMAT = "ppid-desktop-cadangan/1"
DB_MEMBER = "ppid.sqlite"
MAX_UNCOMPRESSED = 20 * 1024**3  # refuse archives claiming more than 20 GiB once extracted
MAX_ARCHIVE = 20 * 1024**3  # refuse archive files larger than this
MAX_RATIO = 1000  # refuse a member that inflates more than this (and is larger than RATIO_FLOOR)
RATIO_FLOOR = 16 * 1024**2
MAX_MEMBERS = 500_000
CHUNK = 1 << 20


KEYFILE_MEMBER = "kunci/ppid.sqlite.kunci"


def _seal(data_key: bytes, payload: bytes) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(12)
    return nonce + AESGCM(data_key).encrypt(nonce, payload, b"ppid-cadangan|kunci")


def _unseal(data_key: bytes, sealed: bytes) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(data_key).decrypt(sealed[:12], sealed[12:], b"ppid-cadangan|kunci")
    except (InvalidTag, ValueError):
        return None


@dataclass
class BackupInfo:
    path: Path
    revision: str | None
    files: int
    bytes: int


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(CHUNK), b""):
            h.update(chunk)
    return h.hexdigest()


def _fsync(path: Path) -> None:
    with contextlib.suppress(OSError), open(path, "rb") as fh:
        os.fsync(fh.fileno())


def backup(store: Store, target: Path, progress: Progress | None = None, kunci: bool = True) -> BackupInfo:
    progress = progress or Progress()
    target = Path(target)
    if not target.parent.is_dir():
        raise UserError(f"Folder tujuan cadangan {target.parent} tidak ada.")
    attach = paths.attachments_dir(store.path)
    files = sorted(p for p in attach.rglob("*") if p.is_file() and not p.name.endswith((".tmp", ".sebagian")))
    progress.start(len(files) + 2, "Membuat salinan database")
    work = paths.temp_dir(store.path.parent)
    partial = paths.partial(target)
    try:
        paths.note_partial(work, partial)
        snap = store.backup_to(work / DB_MEMBER)
        manifest: dict[str, object] = {
            "format": FORMAT, "app_version": __version__, "revision": store.current_revision(),
            "dibuat": datetime.now().astimezone().isoformat(timespec="seconds"),
            "files": {DB_MEMBER: {"sha256": _sha256(snap), "size": snap.stat().st_size}},
        }
        members: dict[str, dict[str, object]] = manifest["files"]  # type: ignore[assignment]
        progress.step()
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
            zf.write(snap, DB_MEMBER)
            snap.unlink()  # the plaintext snapshot does not wait for the rest
            for f in files:
                rel = "lampiran/" + f.relative_to(attach).as_posix()
                members[rel] = {"sha256": _sha256(f), "size": f.stat().st_size}
                zf.write(f, rel)
                progress.step(message=f"Lampiran {f.name[:12]}…")
            if store.kunci is not None:
                data = json.dumps(kunci_db.baca(store.path), indent=1, sort_keys=True).encode("utf-8")
                members[KEYFILE_MEMBER] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                zf.writestr(KEYFILE_MEMBER, data)
            if kunci and store.kunci is not None:
                ring = crypto.ring_untuk(store.path) or crypto.pasang(store.path, store.kunci)
                manifest["kunci_utama"] = crypto.fingerprint(ring.utama)
                for key in ring.semua():
                    rel = f"kunci/{crypto.fingerprint(key)}.key.gcm"
                    sealed = _seal(store.kunci, key)
                    members[rel] = {"sha256": hashlib.sha256(sealed).hexdigest(), "size": len(sealed)}
                    zf.writestr(rel, sealed)
            elif kunci:
                for key in crypto.folder_keys() or crypto.all_keys():
                    rel = f"kunci/{crypto.fingerprint(key)}.key"
                    members[rel] = {"sha256": hashlib.sha256(key).hexdigest(), "size": len(key)}
                    zf.writestr(rel, key)
            zf.writestr("manifest.json", json.dumps(manifest, indent=2))
        paths.make_private(partial)
        _fsync(partial)
        os.replace(partial, target)
        progress.step()
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise UserError(f"Cadangan tidak dapat ditulis ke {target}: {exc.strerror or exc}.") from None
    except StorageError as exc:
        partial.unlink(missing_ok=True)
        raise UserError(f"Cadangan tidak dapat dibuat: {exc}") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    total = sum(int(m["size"]) for m in members.values())  # type: ignore[call-overload]
    return BackupInfo(target, str(manifest["revision"]), len(members), total)


def _read_manifest(zf: zipfile.ZipFile, source: Path) -> dict[str, Any]:
    try:
        info = zf.getinfo("manifest.json")
    except KeyError:
        raise UserError(f"{source.name} bukan berkas cadangan PPID Desktop (manifest.json tidak ada).") from None
    if info.file_size > 64 * 1024**2:
        raise UserError(f"manifest.json di {source.name} terlalu besar; ditolak.")
    try:
        manifest = json.loads(zf.read("manifest.json"))
    except (ValueError, UnicodeError, RecursionError):
        raise UserError(f"manifest.json di {source.name} rusak.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise UserError(f"{source.name} bukan berkas cadangan PPID Desktop yang dikenal.")
    files = manifest.get("files")
    if not isinstance(files, dict) or not all(
        isinstance(k, str) and isinstance(v, dict) and isinstance(v.get("sha256"), str)
        and isinstance(v.get("size"), int) and not isinstance(v.get("size"), bool) and v["size"] >= 0
        for k, v in files.items()
    ):
        raise UserError(f"manifest.json di {source.name} rusak: daftar berkas tidak sah.")
    if not isinstance(manifest.get("revision"), str | None):
        raise UserError(f"manifest.json di {source.name} rusak: revisi skema tidak sah.")
    return manifest


def _open_zip(source: Path) -> zipfile.ZipFile:
    try:
        size = source.stat().st_size
    except OSError as exc:
        raise UserError(f"Berkas cadangan {source} tidak dapat dibaca: {exc.strerror or exc}.") from None
    if size > MAX_ARCHIVE:
        raise UserError(f"{source.name} terlalu besar untuk sebuah cadangan; ditolak demi keamanan.")
    try:
        return zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise UserError(f"{source.name} bukan berkas cadangan yang valid (bukan arsip zip atau rusak).") from None


def _check_sizes(zf: zipfile.ZipFile, source: Path, files: dict[str, Any]) -> None:
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise UserError(f"{source.name} memuat terlalu banyak berkas; ditolak demi keamanan.")
    declared = sum(int(m["size"]) for m in files.values())
    actual = sum(i.file_size for i in infos)
    if declared > MAX_UNCOMPRESSED or actual > MAX_UNCOMPRESSED:
        raise UserError(f"{source.name} terlalu besar setelah diekstrak; ditolak demi keamanan.")
    for i in infos:
        if i.file_size > RATIO_FLOOR and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise UserError(f"{source.name}: {i.filename} mengembang tidak wajar (bom zip?); ditolak demi keamanan.")
        meta = files.get(i.filename)
        if meta is not None and int(meta["size"]) != i.file_size:
            raise UserError(f"Cadangan rusak atau diubah: ukuran {i.filename} tidak cocok dengan manifest.")


def _safe_name(name: str) -> bool:
    parts = Path(name).parts
    return bool(parts) and not name.startswith(("/", "\\")) and ".." not in parts and ":" not in name \
        and "\\" not in name and (name == DB_MEMBER or parts[0] in {"lampiran", "kunci"})


def verify(source: Path, extract_to: Path | None = None) -> dict[str, Any]:
    """Check an archive fully; returns its manifest. With ``extract_to``, members are written there
    while they are hashed (streamed, never more than declared)."""
    source = Path(source)
    with _open_zip(source) as zf:
        try:
            manifest = _read_manifest(zf, source)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError):
            raise UserError(f"{source.name} rusak: manifest tidak dapat dibaca.") from None
        files: dict[str, Any] = manifest["files"]
        _check_sizes(zf, source, files)
        names = set(zf.namelist()) - {"manifest.json"}
        if names != set(files):
            raise UserError(f"Isi {source.name} tidak sesuai manifest (ada berkas yang hilang atau tambahan).")
        if DB_MEMBER not in files or int(files[DB_MEMBER]["size"]) == 0:
            raise UserError(f"{source.name} tidak berisi database ({DB_MEMBER}); tidak ada yang dipulihkan.")
        for name, meta in files.items():
            if not _safe_name(name):
                raise UserError(f"Nama berkas tidak aman di dalam cadangan: {name}.")
            h = hashlib.sha256()
            out = None
            if extract_to is not None:
                dest = extract_to / name
                dest.parent.mkdir(parents=True, exist_ok=True)
                out = open(dest, "wb")  # noqa: SIM115 - closed below
            written = 0
            try:
                with zf.open(name) as fh:
                    while chunk := fh.read(CHUNK):
                        written += len(chunk)
                        if written > int(meta["size"]):
                            raise UserError(f"Cadangan rusak: {name} lebih besar dari yang tercatat di manifest.")
                        h.update(chunk)
                        if out is not None:
                            out.write(chunk)
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError):
                raise UserError(f"Cadangan rusak: {name} tidak dapat dibaca dari arsip.") from None
            finally:
                if out is not None:
                    out.close()
            if h.hexdigest() != meta["sha256"]:
                raise UserError(f"Cadangan rusak atau diubah: isi {name} tidak cocok dengan sidik (sha256).")
    return manifest


def _db_is_empty(path: Path) -> bool:
    if not path.exists() or path.stat().st_size == 0:
        return True
    try:
        con = kunci_db.sambung(path)
    except StorageError:
        return False  # encrypted and not unlocked: holding data (never replaced without --timpa)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for t in tables:
            if t in {"alembic_version", "nomor_urut", "audit_log", "kalender_tahun", "hari_libur", "templat_nomor"}:
                continue
            if t.startswith(("sqlite_", "permohonan_fts")):
                continue
            if con.execute(f'SELECT 1 FROM "{t}" LIMIT 1').fetchone():
                return False
        return True
    except (sqlite3.DatabaseError, kunci_db.modul_cipher().DatabaseError):
        return False  # unreadable: treat as holding data (never replaced without --timpa)
    finally:
        con.close()


def _check_snapshot(snap: Path, source: Path) -> None:
    """The database inside the archive: SQLite, intact, a PPID schema this app can open."""
    try:
        with open(snap, "rb") as fh:
            magic = fh.read(16)
    except OSError:
        magic = b""
    if magic != b"SQLite format 3\x00" and kunci_db.kunci_untuk(snap) is None:
        raise UserError(f"Database di dalam {source.name} bukan database SQLite.")
    con = kunci_db.sambung(snap)
    try:
        ok = con.execute("PRAGMA integrity_check").fetchone()
        has_version = con.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'").fetchone()
    except (sqlite3.DatabaseError, kunci_db.modul_cipher().DatabaseError):
        ok, has_version = ("rusak",), None
    finally:
        con.close()
    if not ok or ok[0] != "ok":
        raise UserError(f"Database di dalam {source.name} rusak (integrity_check: {ok[0] if ok else '?'}).")
    if not has_version:
        raise UserError(f"Database di dalam {source.name} bukan database PPID Desktop (tanpa revisi skema).")
    from ppid_desktop.schema import metadata

    try:  # checks the schema revision (refuses a newer one) and upgrades an older one
        Store.open(snap, metadata).close()
    except StorageError as exc:
        raise UserError(f"Database di dalam {source.name} tidak dapat dipakai: {exc}") from None


def safety_copy(target_db: Path) -> Path:
    """A timestamped copy of ``target_db`` (WAL included) in its ``cadangan`` folder; never overwrites."""
    folder = paths.backups_dir(target_db)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    keep = folder / f"{target_db.stem}-sebelum-pulih-{stamp}.sqlite"
    n = 1
    while keep.exists():
        n += 1
        keep = folder / f"{target_db.stem}-sebelum-pulih-{stamp}-{n}.sqlite"
    partial = paths.partial(keep)
    try:
        if kunci_db.perlu_masuk(target_db):  # encrypted, key not at hand: the files as they are (still encrypted)
            for suffix in ("-wal", ""):
                if Path(f"{target_db}{suffix}").exists():
                    shutil.copyfile(f"{target_db}{suffix}", f"{partial}{suffix}")
                    paths.make_private(Path(f"{partial}{suffix}"))
            if Path(f"{partial}-wal").exists():
                os.replace(f"{partial}-wal", f"{keep}-wal")
        else:
            kunci_db.salin_db(target_db, partial)  # backup API, WAL included, same key as the target
            paths.make_private(partial)
        _fsync(partial)
        if kunci_db.berkas_kunci(target_db).exists():  # an encrypted copy keeps its key file beside it
            shutil.copyfile(kunci_db.berkas_kunci(target_db), kunci_db.berkas_kunci(keep))
        if crypto.berkas_ring(target_db).exists():  # ... and its sealed personal-data keyring
            shutil.copyfile(crypto.berkas_ring(target_db), crypto.berkas_ring(keep))
        os.replace(partial, keep)
    except (sqlite3.Error, kunci_db.modul_cipher().Error, StorageError, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise UserError(f"Salinan pengaman {target_db.name} tidak dapat dibuat ({exc}); pemulihan dibatalkan.") from None
    return keep


def _buka_kunci_arsip(work: Path, snap: Path, source: Path, kredensial: tuple[str, str] | None,
                      kode_pemulihan: str | None, target_db: Path) -> bytes | None:
    """An encrypted snapshot: its key file from the archive, unlocked with an account's password, the
    recovery key, or the key this process already holds for the target (same database). None: plaintext."""
    keyfile = work / KEYFILE_MEMBER
    if not keyfile.exists():
        return None
    os.replace(keyfile, kunci_db.berkas_kunci(snap))
    data = kunci_db.baca(snap)
    held = kunci_db.kunci_untuk(target_db)
    if held is not None and kunci_db._sidik(held) == data.get("sidik"):
        kunci_db.daftarkan(snap, held)
        return held
    if kode_pemulihan:
        return kunci_db.buka_pemulihan(snap, kode_pemulihan)
    if kredensial is not None:
        return kunci_db.buka(snap, *kredensial)
    raise UserError(f"Database di dalam {source.name} terenkripsi: beri nama pengguna dan kata sandi salah satu "
                    "akunnya, atau kunci pemulihannya, untuk memulihkan.")


def restore(source: Path, target_db: Path, overwrite: bool = False, progress: Progress | None = None, *,
            kredensial: tuple[str, str] | None = None, kode_pemulihan: str | None = None) -> dict[str, Any]:
    progress = progress or Progress()
    source, target_db = Path(source), Path(target_db).expanduser().resolve()
    progress.start(5, "Memeriksa cadangan")
    if target_db.is_dir():
        raise UserError(f"{target_db} adalah folder, bukan berkas database.")
    paths.private_umask()
    verify(source)  # everything checked before anything is written
    progress.step()
    if not overwrite and not _db_is_empty(target_db):
        raise UserError(
            f"Database tujuan {target_db} sudah berisi data. Gunakan --timpa untuk menimpanya "
            "(salinan database lama disimpan di folder cadangan)."
        )
    try:
        target_db.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"Folder tujuan {target_db.parent} tidak dapat dibuat: {exc.strerror or exc}.") from None
    lock = paths.KunciBerkas(target_db)
    if not lock.eksklusif():
        raise UserError(
            f"Database tujuan {target_db.name} sedang dibuka oleh aplikasi atau proses lain. "
            "Tutup PPID Desktop (dan perintah ppid lain) yang memakainya, lalu ulangi pemulihan."
        )
    try:
        paths.clean_leftovers(target_db.parent)
        work = paths.temp_dir(target_db.parent)
        try:
            manifest = verify(source, extract_to=work)
            progress.step(message="Memeriksa database di dalam cadangan")
            snap = work / DB_MEMBER
            data_key = _buka_kunci_arsip(work, snap, source, kredensial, kode_pemulihan, target_db)
            _check_snapshot(snap, source)
            for suffix in ("-wal", "-shm"):
                Path(f"{snap}{suffix}").unlink(missing_ok=True)
            progress.step(message="Membuat salinan pengaman")
            if target_db.exists() and target_db.stat().st_size > 0:
                safety_copy(target_db)
            progress.step(message="Memulihkan berkas")
            # Keys and attachments first: both are additive, so adding them is harmless if the swap fails.
            keys = work / "kunci"
            tersegel: list[bytes] = []
            if keys.is_dir():
                for f in sorted(keys.glob("*.key")):
                    try:
                        crypto.import_key_folder(f.read_bytes())  # a plaintext archive: the folder keyring
                    except ValueError:
                        raise UserError(f"Kunci {f.name} di dalam cadangan rusak.") from None
                for f in sorted(keys.glob("*.key.gcm")):
                    key = _unseal(data_key, f.read_bytes()) if data_key is not None else None
                    if key is None or not crypto.valid_key(key):
                        raise UserError(f"Kunci {f.name} di dalam cadangan rusak.")
                    tersegel.append(key)
            if data_key is not None:  # the database's own keyring, sealed beside it: never the folder's
                utama = next((k for k in tersegel if crypto.fingerprint(k) == manifest.get("kunci_utama")), None)
                crypto.tulis_ring(target_db, data_key, tersegel, utama)
            src_attach = work / "lampiran"
            if src_attach.exists():
                dest = paths.attachments_dir(target_db)
                for f in src_attach.rglob("*"):
                    if f.is_file():
                        out = dest / f.relative_to(src_attach)
                        out.parent.mkdir(parents=True, exist_ok=True)
                        if not out.exists():
                            os.replace(f, out)
                if not (src_attach / lampiran.SELESAI).exists():  # clear files of an earlier release may be back
                    (dest / lampiran.SELESAI).unlink(missing_ok=True)
            _fsync(snap)
            for suffix in ("-wal", "-shm"):
                Path(f"{target_db}{suffix}").unlink(missing_ok=True)
            if data_key is not None:  # the key file first: an encrypted file never sits without its key
                kunci_db.salin_ke(snap, target_db)
            os.replace(snap, target_db)
            Path(f"{target_db}.kalender.json").unlink(missing_ok=True)  # the old database's public calendar
            if data_key is None:  # a plaintext archive over an encrypted target: its old key files go
                kunci_db.berkas_kunci(target_db).unlink(missing_ok=True)
                crypto.berkas_ring(target_db).unlink(missing_ok=True)
                kunci_db.lupakan(target_db)
            else:
                kunci_db.daftarkan(target_db, data_key)
            paths.make_private(target_db)
            progress.step()
        except OSError as exc:
            raise UserError(f"Pemulihan gagal: {exc.strerror or exc}. Database tujuan tidak diubah.") from None
        finally:
            shutil.rmtree(work, ignore_errors=True)
    finally:
        lock.lepas()
    return manifest
