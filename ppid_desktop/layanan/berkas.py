"""Writing an output file (PDF, xlsx) for the CLI and the UI, with an Indonesian message when it fails."""

from __future__ import annotations

from pathlib import Path

from ppid_desktop.core.errors import UserError


def tulis(path: Path | str, data: bytes) -> Path:
    """Write ``data`` to ``path`` (folders created); ``UserError`` naming the file when the disk refuses."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        raise UserError(f"Berkas {path} tidak dapat ditulis: {exc.strerror or exc}. "
                        "Periksa foldernya, atau tutup berkas itu bila sedang dibuka program lain.") from None
    return path
