"""The composition root's Qt-free half: open a database and build every service on it.

``app.py`` (GUI) and ``cli.py`` (headless) both call ``Services.open``; nothing reaches for a global.
Rooms add their service here (one attribute each).
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ppid_desktop.akun.service import AkunService
from ppid_desktop.core.actor import Actor, system_actor
from ppid_desktop.core.db import Store
from ppid_desktop.core.device import Device, load_device
from ppid_desktop.layanan.service import LayananService
from ppid_desktop.master.service import MasterService
from ppid_desktop.monev.service import MonevService
from ppid_desktop.naskah.agenda import AgendaService
from ppid_desktop.sinkron.fs import cek_bukan_jaringan
from ppid_desktop.sinkron.service import SinkronService

if TYPE_CHECKING:
    from ppid_desktop.rekap.service import RekapService


class Services:
    def __init__(self, store: Store, device: Device) -> None:
        self.store = store
        self.device = device
        self.akun = AkunService(store, device)
        self.master = MasterService(store)
        self.agenda = AgendaService(store, self.master)
        self.monev = MonevService(store, self.master)
        self.layanan = LayananService(store, self.master)
        self.master.on_calendar_changed(self.layanan.hitung_ulang_tenggat)
        self.sinkron = SinkronService(store, device, self.master)
        self.sinkron.after_import.append(self.layanan.hitung_ulang_tenggat)
        with store.session(self.system()) as s:
            self.master.ensure_default_templates(s)

    @cached_property
    def rekap(self) -> RekapService:
        """Excel import/export, built on first use (keeps openpyxl out of start-up)."""
        from ppid_desktop.rekap.service import RekapService

        return RekapService(self)

    @classmethod
    def open(cls, db_path: Path | str, device: Device | None = None) -> Services:
        cek_bukan_jaringan(db_path)
        store = Store.open(Path(db_path))
        return cls(store, device or load_device())

    def system(self) -> Actor:
        return system_actor(self.device.id, self.device.name)

    def close(self) -> None:
        self.store.close()
