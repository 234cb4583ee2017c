"""What a room is, as data: the one description every registry reads (``ppid_desktop.rooms`` lists them).

Qt-free and import-free on purpose: every reference to code is a dotted string (``"pkg.module"`` or
``"pkg.module:attr"``) imported only when it is used, so listing the rooms costs nothing at start-up
(``ppid --help`` loads no room) and no lower floor learns about a higher one.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any

#: Names a :class:`ServiceSpec` may ask for besides another service's attribute.
BASIC_NEEDS = ("store", "device", "clock", "services")


@dataclass(frozen=True)
class ServiceSpec:
    """One attribute of ``Services``: ``attr = factory(*needs)``.

    ``needs`` are passed positionally in order: ``"store"``, ``"device"``, ``"services"`` or the ``attr`` of a
    service built earlier (rooms are built in registry order). ``"clock"`` is passed as the keyword
    ``clock=`` (every service takes one). ``lazy`` builds it on first use (keeps e.g. openpyxl out of start-up).
    """

    attr: str
    factory: str  # "module:Class"
    needs: tuple[str, ...] = ()
    lazy: bool = False


@dataclass(frozen=True)
class Command:
    """A top-level ``ppid`` sub-command a room adds (name and one-line Indonesian help for ``ppid --help``)."""

    name: str
    help: str


@dataclass(frozen=True)
class Cli:
    """The room's ``ppid`` commands: ``module.register(sub)`` is imported only when one of ``commands`` runs."""

    module: str
    commands: tuple[Command, ...]


@dataclass(frozen=True)
class UiSection:
    """The room's sidebar entry. ``page`` is ``"module:Class"`` (the Qt wing imports it); ``position`` orders
    the sidebar (Beranda is 0, Pengaturan 100)."""

    key: str
    title: str
    icon: str  # file name in resources/icons (without .svg)
    page: str | None
    position: int
    coming: tuple[str, ...] = ()


@dataclass(frozen=True)
class Travel:
    """A table that travels between laptops (sinkron) and the merge group it belongs to."""

    table: str
    group: str = ""


@dataclass(frozen=True)
class Room:
    """One room of the house. Every field but ``name`` is optional; see docs/CONTRACT.md "How to add a room"."""

    name: str
    models: tuple[str, ...] = ()  # modules whose import registers the room's tables on SQLModel.metadata
    services: tuple[ServiceSpec, ...] = ()
    on_open: str | None = None  # "module:function(services)", run once every eager service exists
    cli: Cli | None = None
    demo: str | None = None  # "module:function(services, actor, rng, options) -> counts"
    rekap_kinds: tuple[str, ...] = ()  # modules holding the room's JenisImpor/JenisEkspor classes
    section: UiSection | None = None
    travel: tuple[Travel, ...] = ()


def resolve(ref: str) -> Any:
    """Import ``"module:attr"`` (or ``"module"``) and return it."""
    module, _, attr = ref.partition(":")
    obj = import_module(module)
    return getattr(obj, attr) if attr else obj
