"""Realistic demo data: every room's filler in registry order (``Room.demo``), Data Master first.

A filler is ``fill(services, actor, rng, options) -> counts``; the shared helpers (names, NIP, NIK, the
OPD of Kota Salatiga, :class:`DemoOptions`) live in :mod:`ppid_desktop.core.demodata`.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ppid_desktop.core.actor import Actor
from ppid_desktop.core.demodata import OPD_SALATIGA as OPD_SALATIGA  # re-exported: app, tests, scripts
from ppid_desktop.core.demodata import DemoOptions as DemoOptions
from ppid_desktop.core.demodata import make_nik as make_nik
from ppid_desktop.core.demodata import make_nip as make_nip
from ppid_desktop.core.demodata import person_name as person_name
from ppid_desktop.core.room import resolve
from ppid_desktop.master.demo import fill as fill_master  # noqa: F401  (re-exported)

if TYPE_CHECKING:
    from ppid_desktop.services import Services

Filler = Callable[["Services", Actor, random.Random, DemoOptions], dict[str, int]]


def fill(services: Services, actor: Actor, opt: DemoOptions) -> dict[str, Any]:
    """Fill every room with demo data; returns counts per room."""
    from ppid_desktop.rooms import ROOMS

    rng = random.Random(opt.seed)
    out: dict[str, Any] = {}
    for room in ROOMS:
        if room.demo:
            filler: Filler = resolve(room.demo)
            out[room.name] = filler(services, actor, rng, opt)
    services.store.analyze()  # a large write: the planner's statistics follow the data
    return out
