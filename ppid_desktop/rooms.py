"""The one ordered list of rooms. Everything that used to be registered by hand iterates it:
``services.Services`` (one attribute per ``ServiceSpec``), ``schema`` (models), ``cli`` (commands),
``demo`` (fillers), ``rekap.kinds`` (Excel kinds) and ``ui.sections`` (the sidebar).

Order matters twice: services are built in this order (a service may only need one listed before it),
and demo data is filled in this order (one random stream, so the demo database stays the same).
``LAYERS`` is the import-linter layers contract in ``pyproject.toml``, top to bottom
(``tests/unit/test_rooms.py`` checks that the two agree). How to add a room: docs/CONTRACT.md.
"""

from __future__ import annotations

from ppid_desktop import akun, core, layanan, master, monev, naskah, rekap
from ppid_desktop.core.room import Cli, Command, Room, ServiceSpec, Travel, UiSection

#: Sinkron works across every room (it reads this registry and every room's tables), so it sits above
#: the registry and its entry lives here instead of in its package (which would make an import cycle).
SINKRON = Room(
    name="sinkron",
    models=("ppid_desktop.sinkron.models",),
    services=(ServiceSpec("sinkron", "ppid_desktop.sinkron.service:SinkronService", ("store", "device", "master")),),
    on_open="ppid_desktop.sinkron:on_open",
    cli=Cli("ppid_desktop.sinkron.commands", (
        Command("sinkron", "sinkronisasi antarlaptop lewat berkas paket (.ppidsync)"),
    )),
    section=UiSection("sinkron", "Sinkronisasi", "sinkron", "ppid_desktop.ui.sinkron:SinkronPage", 50),
    travel=(Travel("sinkron_serah"), Travel("sinkron_konflik")),
)

ROOMS: tuple[Room, ...] = (
    core.ROOM,
    akun.ROOM,
    master.ROOM,
    layanan.ROOM,
    monev.ROOM,
    naskah.ROOM,
    rekap.ROOM,
    SINKRON,
)

#: The import-linter layers contract, top floor down, below the composition root (app, ui, cli, demo,
#: services and sinkron, schema, rooms); rooms on one line are independent of each other.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("rekap",),
    ("layanan", "monev"),
    ("naskah",),
    ("master",),
    ("dokumen",),  # the document kit: not a room, a floor master and naskah both stand on
    ("akun",),
    ("core",),
)


def room(name: str) -> Room:
    for r in ROOMS:
        if r.name == name:
            return r
    raise KeyError(name)
