"""Encrypting a plaintext office database at an Admin's sign-in (Qt-free: the sign-in dialog and the first
run both call it on a worker thread)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ppid_desktop.akun import roles as R
from ppid_desktop.core import kunci_db
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.errors import UserError

if TYPE_CHECKING:
    from ppid_desktop.services import Services


def enkripsi_setelah_masuk(services: Services, actor: Actor, username: str, password: str,
                           buka: Callable[[Path], Services]) -> tuple[Services, str | None, str]:
    """An Admin signed into a plaintext database: convert it (the store is closed, encrypted in place and
    opened again). Returns ``(services, recovery key or None, warning)``; a conversion that cannot run
    now (another process has the file open) leaves the database as it was and says why."""
    if services.store.kunci is not None:
        services, peringatan = perbarui_setelah_masuk(services, buka)
        return services, None, peringatan
    if not R.can(actor, R.AKUN_KELOLA):
        return services, None, ""
    path = services.store.path
    hashes = services.akun.hash_untuk_kunci(actor)
    services.close()
    try:
        kode, _, _ = kunci_db.konversi(path, username, password, hashes)
    except UserError as exc:
        return buka(path), None, f"Database belum dienkripsi: {exc}"
    return buka(path), kode, ""


def perbarui_setelah_masuk(services: Services, buka: Callable[[Path], Services]) -> tuple[Services, str]:
    """Any account signed into a database encrypted by an earlier release (``kunci_db.SETELAN_LAMA``): like a
    migration, re-encrypt it with the current settings (the store is closed, re-encrypted and opened again).
    When another process has it open it stays as it is (still usable) until a later sign-in; a failure
    leaves it as it was and says why. Returns ``(services, warning)``."""
    if not kunci_db.perlu_perbarui(services.store.path):
        return services, ""
    path = services.store.path
    services.close()
    peringatan = ""
    try:
        kunci_db.perbarui_bila_perlu(path)
    except UserError as exc:
        peringatan = f"Enkripsi database belum diperbarui ke pengaturan terbaru: {exc}"
    return buka(path), peringatan
