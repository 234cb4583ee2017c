"""The composition root's Qt-free half: open a database and build every room's service on it.

``app.py`` (GUI) and ``cli.py`` (headless) both call ``Services.open``; nothing reaches for a global.
The services come from the room registry (``Room.services`` in ``ppid_desktop.rooms``), built in
registry order with what each asks for (``store``, ``device``, ``clock``, ``services`` or an earlier
service), then each room's ``on_open`` hook runs. The annotations below are the typed face the UI, the
CLI and the other rooms see (``tests/unit/test_rooms.py`` checks they match the registry).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ppid_desktop.core.actor import Actor, system_actor
from ppid_desktop.core.clock import SYSTEM_CLOCK, Clock
from ppid_desktop.core.db import Store
from ppid_desktop.core.device import Device, load_device
from ppid_desktop.core.room import ServiceSpec, resolve

if TYPE_CHECKING:
    from ppid_desktop.akun.service import AkunService
    from ppid_desktop.layanan.service import LayananService
    from ppid_desktop.master.service import MasterService
    from ppid_desktop.monev.service import MonevService
    from ppid_desktop.naskah.agenda import AgendaService
    from ppid_desktop.rekap.service import RekapService
    from ppid_desktop.sinkron.service import SinkronService


class Services:
    store: Store
    device: Device
    clock: Clock
    akun: AkunService
    master: MasterService
    layanan: LayananService
    monev: MonevService
    agenda: AgendaService
    sinkron: SinkronService
    rekap: RekapService  # lazy: built on first use (keeps openpyxl out of start-up)

    def __init__(self, store: Store, device: Device, clock: Clock = SYSTEM_CLOCK) -> None:
        from ppid_desktop.rooms import ROOMS

        self.store = store
        self.device = device
        self.clock = clock
        self._lazy: dict[str, ServiceSpec] = {}
        for room in ROOMS:
            for spec in room.services:
                if spec.lazy:
                    self._lazy[spec.attr] = spec
                else:
                    setattr(self, spec.attr, self._build(spec))
        for room in ROOMS:
            if room.on_open:
                resolve(room.on_open)(self)

    def _build(self, spec: ServiceSpec) -> Any:
        args = [self if need == "services" else getattr(self, need) for need in spec.needs]
        return resolve(spec.factory)(*args, clock=self.clock)

    if not TYPE_CHECKING:  # hidden from mypy, so a misspelt attribute stays a type error

        def __getattr__(self, name: str) -> Any:
            # Only called for attributes not set yet: the lazy services.
            spec = self.__dict__.get("_lazy", {}).get(name)
            if spec is None:
                raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
            value = self._build(spec)
            setattr(self, name, value)
            return value

    @classmethod
    def open(cls, db_path: Path | str, device: Device | None = None, clock: Clock = SYSTEM_CLOCK) -> Services:
        from ppid_desktop.schema import metadata
        from ppid_desktop.sinkron.fs import cek_bukan_jaringan

        cek_bukan_jaringan(db_path)  # SQLite's WAL does not work on NFS/SMB/CIFS
        store = Store.open(Path(db_path), metadata)
        return cls(store, device or load_device(), clock)

    def system(self) -> Actor:
        return system_actor(self.device.id, self.device.name)

    def close(self) -> None:
        self.store.close()
