"""Backup and restore: a consistent SQLite snapshot plus attachments in one verified archive.

Archive layout (zip): ``manifest.json`` (format, app version, schema revision, sha256 and size of
every member), ``ppid.sqlite`` (made with SQLite's online backup API), ``lampiran/<xx>/<sha256>``,
and ``kunci/<sidik>.key``: the personal-data keyring, so NIK and KTP scans stay readable after a
restore on another laptop (leave it out with ``kunci=False`` when the archive leaves the office).
Restore verifies every hash, the snapshot's integrity and schema revision before it writes
anything, then swaps the files into place (nothing half-written on failure).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from ppid_desktop import __version__
from ppid_desktop.core import crypto, paths
from ppid_desktop.core.db import Store
from ppid_desktop.core.errors import UserError
from ppid_desktop.core.progress import Progress

FORMAT = "ppid-desktop-cadangan/1"
MAX_UNCOMPRESSED = 20 * 1024**3  # refuse archives claiming more than 20 GiB


@dataclass
class BackupInfo:
    path: Path
    revision: str | None
    files: int
    bytes: int


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def backup(store: Store, target: Path, progress: Progress | None = None, kunci: bool = True) -> BackupInfo:
    progress = progress or Progress()
    target = Path(target)
    attach = paths.attachments_dir(store.path)
    files = sorted(p for p in attach.rglob("*") if p.is_file() and not p.name.endswith(".tmp"))
    progress.start(len(files) + 1, "Membuat salinan database")
    with tempfile.TemporaryDirectory(dir=target.parent if target.parent.exists() else None) as tmp:
        snap = store.backup_to(Path(tmp) / "ppid.sqlite")
        manifest: dict[str, object] = {
            "format": FORMAT, "app_version": __version__, "revision": store.current_revision(),
            "files": {"ppid.sqlite": {"sha256": _sha256(snap), "size": snap.stat().st_size}},
        }
        members: dict[str, dict[str, object]] = manifest["files"]  # type: ignore[assignment]
        progress.step()
        partial = target.with_name(target.name + ".sebagian")
        try:
            with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
                zf.write(snap, "ppid.sqlite")
                for f in files:
                    rel = "lampiran/" + f.relative_to(attach).as_posix()
                    members[rel] = {"sha256": _sha256(f), "size": f.stat().st_size}
                    zf.write(f, rel)
                    progress.step(message=f"Lampiran {f.name[:12]}…")
                if kunci:
                    for key in crypto.all_keys():
                        rel = f"kunci/{crypto.fingerprint(key)}.key"
                        members[rel] = {"sha256": hashlib.sha256(key).hexdigest(), "size": len(key)}
                        zf.writestr(rel, key)
                zf.writestr("manifest.json", json.dumps(manifest, indent=2))
            os.replace(partial, target)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise UserError(f"Cadangan tidak dapat ditulis ke {target}: {exc.strerror or exc}.") from None
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    total = sum(int(m["size"]) for m in members.values())  # type: ignore[call-overload]
    return BackupInfo(target, str(manifest["revision"]), len(members), total)


def _read_manifest(zf: zipfile.ZipFile, source: Path) -> dict[str, object]:
    try:
        manifest = json.loads(zf.read("manifest.json"))
    except KeyError:
        raise UserError(f"{source.name} bukan berkas cadangan PPID Desktop (manifest.json tidak ada).") from None
    except ValueError:
        raise UserError(f"manifest.json di {source.name} rusak.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise UserError(f"{source.name} bukan berkas cadangan PPID Desktop yang dikenal.")
    return manifest


def verify(source: Path) -> dict[str, object]:
    """Check an archive fully without writing anywhere permanent; returns its manifest."""
    source = Path(source)
    try:
        zf = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError):
        raise UserError(f"{source.name} bukan berkas cadangan yang valid (bukan arsip zip atau rusak).") from None
    with zf:
        try:
            manifest = _read_manifest(zf, source)
        except (zipfile.BadZipFile, zlib.error, EOFError):
            raise UserError(f"{source.name} rusak: manifest tidak dapat dibaca.") from None
        files: dict[str, dict[str, object]] = manifest.get("files", {})  # type: ignore[assignment]
        declared = sum(int(m.get("size", 0)) for m in files.values())  # type: ignore[call-overload]
        actual = sum(i.file_size for i in zf.infolist())
        if declared > MAX_UNCOMPRESSED or actual > MAX_UNCOMPRESSED:
            raise UserError(f"{source.name} terlalu besar setelah diekstrak; ditolak demi keamanan.")
        names = set(zf.namelist()) - {"manifest.json"}
        if names != set(files):
            raise UserError(f"Isi {source.name} tidak sesuai manifest (ada berkas yang hilang atau tambahan).")
        for name, meta in files.items():
            if name.startswith("/") or ".." in Path(name).parts:
                raise UserError(f"Nama berkas tidak aman di dalam cadangan: {name}.")
            h = hashlib.sha256()
            try:
                with zf.open(name) as fh:
                    while chunk := fh.read(1 << 20):
                        h.update(chunk)
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
                raise UserError(f"Cadangan rusak: {name} tidak dapat dibaca dari arsip.") from None
            if h.hexdigest() != meta.get("sha256"):
                raise UserError(f"Cadangan rusak atau diubah: isi {name} tidak cocok dengan sidik (sha256).")
    return manifest


def _db_is_empty(path: Path) -> bool:
    if not path.exists() or path.stat().st_size == 0:
        return True
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for t in tables:
            if t in {"alembic_version", "nomor_urut", "audit_log", "kalender_tahun", "hari_libur", "templat_nomor"}:
                continue
            if con.execute(f'SELECT 1 FROM "{t}" LIMIT 1').fetchone():
                return False
        return True
    finally:
        con.close()


def restore(source: Path, target_db: Path, overwrite: bool = False, progress: Progress | None = None) -> dict[str, object]:
    progress = progress or Progress()
    source, target_db = Path(source), Path(target_db)
    progress.start(3, "Memeriksa cadangan")
    manifest = verify(source)
    progress.step()
    if not overwrite and not _db_is_empty(target_db):
        raise UserError(
            f"Database tujuan {target_db} sudah berisi data. Gunakan --timpa untuk menimpanya "
            "(salinan database lama disimpan di folder cadangan)."
        )
    target_db.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target_db.parent) as tmp:
        tmpdir = Path(tmp)
        with zipfile.ZipFile(source) as zf:
            zf.extractall(tmpdir)
        snap = tmpdir / "ppid.sqlite"
        con = sqlite3.connect(snap)
        try:
            ok = con.execute("PRAGMA integrity_check").fetchone()
        except sqlite3.DatabaseError:
            ok = ("rusak",)
        finally:
            con.close()
        if not ok or ok[0] != "ok":
            raise UserError(f"Database di dalam {source.name} rusak (integrity_check: {ok[0] if ok else '?'}).")
        # Opening it checks the schema revision (refuses a newer one) and upgrades an older one.
        from ppid_desktop.schema import metadata

        Store.open(snap, metadata).close()
        progress.step(message="Memulihkan berkas")
        if target_db.exists() and target_db.stat().st_size > 0:
            keep = paths.backups_dir(target_db) / f"{target_db.stem}-sebelum-pulih.sqlite"
            shutil.copyfile(target_db, keep)
        # Keys and attachments first: both are additive, so adding them is harmless if the swap fails.
        keys = tmpdir / "kunci"
        if keys.is_dir():
            for f in sorted(keys.glob("*.key")):
                try:
                    crypto.import_key(f.read_bytes())
                except ValueError:
                    raise UserError(f"Kunci {f.name} di dalam cadangan rusak.") from None
        src_attach = tmpdir / "lampiran"
        if src_attach.exists():
            dest = paths.attachments_dir(target_db)
            for f in src_attach.rglob("*"):
                if f.is_file():
                    out = dest / f.relative_to(src_attach)
                    out.parent.mkdir(parents=True, exist_ok=True)
                    if not out.exists():
                        os.replace(f, out)
        for suffix in ("-wal", "-shm"):
            Path(str(target_db) + suffix).unlink(missing_ok=True)
        os.replace(snap, target_db)
        progress.step()
    return manifest
