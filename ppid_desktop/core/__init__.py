"""Qt-free core: storage, sync-ready base record, paths, errors, calendar, dates, identity checks."""

from ppid_desktop.core.room import Room, Travel

ROOM = Room(
    name="core",
    models=("ppid_desktop.core.audit", "ppid_desktop.core.kalender", "ppid_desktop.core.penomoran"),
    travel=tuple(Travel(t) for t in ("kalender_tahun", "hari_libur")),  # sinkron: rules in sinkron/spesifikasi.py
)
