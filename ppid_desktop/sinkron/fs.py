"""Refuse a database on a network filesystem: SQLite's WAL needs shared memory on one machine, and
two laptops opening one file over NFS/SMB corrupt it. File packages are how offices share."""

from __future__ import annotations

from pathlib import Path

from ppid_desktop.core.errors import StorageError

NETWORK_FS = frozenset({"nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "afs", "9p",
                        "fuse.sshfs", "sshfs", "davfs", "fuse.davfs2", "fuse.rclone", "glusterfs", "ceph"})


def _unescape(field: str) -> str:
    return field.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\")


def fs_type(path: Path, mounts: str | None = None) -> str:
    """The filesystem type of the mount holding ``path`` (from ``/proc/mounts``; "" when unknown)."""
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
    try:
        target = Path(path).expanduser().resolve()
    except OSError:
        target = Path(path)
    best, kind = -1, ""
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        mnt = Path(_unescape(parts[1]))
        if (target == mnt or mnt in target.parents) and len(str(mnt)) > best:
            best, kind = len(str(mnt)), parts[2]
    return kind


def cek_bukan_jaringan(db_path: Path | str, mounts: str | None = None) -> None:
    """Raise ``StorageError`` when the database's folder is on a network filesystem."""
    folder = Path(db_path).expanduser().parent
    kind = fs_type(folder, mounts)
    if kind.lower() in NETWORK_FS or kind.lower().startswith(("nfs", "smb", "cifs")):
        raise StorageError(
            f"Database {Path(db_path).name} berada di folder jaringan ({kind}: {folder}). SQLite tidak aman "
            "dipakai bersama lewat NFS/SMB/CIFS dan berkasnya dapat rusak. Simpan database di disk laptop ini, "
            "lalu bagikan data antarlaptop dengan paket sinkronisasi (.ppidsync).")
