"""The one-time conversion of an earlier release's clear attachments, after sign-in (``core.lampiran``).

Runs in the background task runner with a progress dialog the user may cancel (the next sign-in
continues where it stopped: every file is converted on its own, atomically)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ppid_desktop.core import lampiran
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.tasks import Task
from ppid_desktop.ui.widgets import show_error


def enkripsi_lampiran_lama(ctx: AppContext | None, parent: QWidget | None = None) -> Task | None:
    """Start converting clear attachments (or those under the clear folder keyring) when there are any."""
    if ctx is None:
        return None
    store = ctx.services.store
    try:
        lampiran.bersihkan_sisa(store, semua=False)  # what a killed writer left (its pid is gone)
        if not lampiran.perlu_konversi(store):
            return None
    except OSError:  # an unreadable attachments folder: the readers say so when a file is opened
        return None

    def selesai(hasil: dict[str, int]) -> None:
        n = hasil["dienkripsi"] + hasil["dikunci_ulang"]
        if n or hasil["rusak"]:
            ctx.status(f"Lampiran dienkripsi: {n}" + (f"; {hasil['rusak']} rusak dibiarkan (lihat 'ppid check')."
                                                     if hasil["rusak"] else "."))

    return ctx.tasks.run(lambda p: lampiran.konversi(store, p), title="Mengenkripsi lampiran lama…",
                         on_done=selesai, on_error=lambda exc: show_error(parent, exc), parent=parent,
                         cancellable=True)
