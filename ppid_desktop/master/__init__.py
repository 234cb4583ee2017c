"""Data Master: office profile, perangkat daerah, pegawai/pejabat, number templates, calendar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ppid_desktop.core.room import Room, ServiceSpec, Travel, UiSection

if TYPE_CHECKING:
    from ppid_desktop.services import Services

ROOM = Room(
    name="master",
    models=("ppid_desktop.master.models",),
    services=(ServiceSpec("master", "ppid_desktop.master.service:MasterService", ("store",)),),
    on_open="ppid_desktop.master:on_open",
    demo="ppid_desktop.master.demo:fill",
    rekap_kinds=("ppid_desktop.rekap.kinds.master",),
    section=UiSection("master", "Data Master", "master", "ppid_desktop.ui.master.page:MasterPage", 60),
    travel=tuple(Travel(t) for t in (  # sinkron: the merge rules live in sinkron/spesifikasi.py
        "profil_instansi", "perangkat_daerah", "pegawai", "templat_nomor",
    )),
)


def on_open(services: Services) -> None:
    """Every database carries the default number templates; an encrypted one its public calendar beside it
    (``kalender_publik``: written after the sign-in and the migrations, read by ``ppid kalender`` without one)."""
    with services.store.session(services.system()) as s:
        services.master.pastikan_pola_bawaan(s)
    if services.store.kunci is not None:
        from ppid_desktop.master import kalender_publik

        kalender_publik.tulis(services.master)
