"""Moving data between laptops by file: signed change packages (.ppidsync) that merge, and backups."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ppid_desktop.services import Services


def on_open(services: Services) -> None:
    """Derived fields are recomputed after a merge, never merged: deadlines follow every applied package."""
    services.sinkron.after_import.append(services.layanan.hitung_ulang_tenggat)
