"""Model registry: importing this module registers every room's tables (``Room.models`` in
``ppid_desktop.rooms``) on ``SQLModel.metadata``, so ``create_all`` and Alembic's autogenerate see the
whole schema. Callers hand ``metadata`` to ``Store.open`` (core never imports the rooms)."""

from importlib import import_module

from sqlmodel import SQLModel

from ppid_desktop.rooms import ROOMS

for _room in ROOMS:
    for _module in _room.models:
        import_module(_module)

metadata = SQLModel.metadata
