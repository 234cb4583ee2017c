"""Qt-free core: storage, sync-ready base record, paths, errors, calendar, dates, identity checks."""

from ppid_desktop.core.room import Room

ROOM = Room(
    name="core",
    models=("ppid_desktop.core.audit", "ppid_desktop.core.kalender", "ppid_desktop.core.penomoran"),
)
