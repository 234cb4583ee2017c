"""The sidebar sections and the page class behind each: Beranda, every room's ``Room.section`` (from
``ppid_desktop.rooms``, ordered by ``position``), Pengaturan.

A room shows up here by setting ``section=UiSection(key, title, icon, "ppid_desktop.ui.<room>.page:Class",
position)`` on its ``ROOM``; ``page=None`` shows the placeholder with the ``coming`` lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ppid_desktop.core.room import UiSection
from ppid_desktop.rooms import ROOMS


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    icon: str  # file name in resources/icons (without .svg)
    page: str | None  # "module:Class"; None shows the placeholder
    coming: tuple[str, ...] = field(default_factory=tuple)


#: The shell's own pages (no room behind them): first and last in the sidebar.
SHELL: tuple[UiSection, ...] = (
    UiSection("beranda", "Beranda", "beranda", "ppid_desktop.ui.beranda:BerandaPage", 0),
    UiSection("pengaturan", "Pengaturan", "pengaturan", "ppid_desktop.ui.pengaturan:PengaturanPage", 100),
)


def _sections() -> list[Section]:
    found = list(SHELL) + [r.section for r in ROOMS if r.section is not None]
    return [Section(s.key, s.title, s.icon, s.page, s.coming) for s in sorted(found, key=lambda s: s.position)]


SECTIONS: list[Section] = _sections()
