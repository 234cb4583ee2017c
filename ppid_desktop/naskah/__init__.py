"""Naskah & Arsip: the agenda of outgoing letters (``agenda``), its models, and the kop test page.

The document kit lives one floor down, in :mod:`ppid_desktop.dokumen` (master and naskah both use it
without importing each other).
"""

from typing import TYPE_CHECKING

from ppid_desktop.core.room import Cli, Command, Room, ServiceSpec, Travel, UiSection

if TYPE_CHECKING:
    from ppid_desktop.services import Services

ROOM = Room(
    name="naskah",
    models=("ppid_desktop.naskah.models",),
    services=(ServiceSpec("agenda", "ppid_desktop.naskah.agenda:AgendaService", ("store", "master")),),
    demo="ppid_desktop.naskah.demo:fill",
    rekap_kinds=("ppid_desktop.rekap.kinds.surat",),
    section=UiSection("naskah", "Naskah & Arsip", "naskah", "ppid_desktop.ui.naskah.page:NaskahPage", 30),
    cli=Cli("ppid_desktop.naskah.commands", (
        Command("agenda", "agenda surat keluar (naskah dinas): daftar dan cetak"),
    )),
    on_open="ppid_desktop.naskah:on_open",
    travel=tuple(Travel(t) for t in (  # sinkron: the merge rules live in sinkron/spesifikasi.py
        "surat_keluar", "paraf_surat", "paraf_baku", "riwayat_surat", "versi_surat", "klasifikasi_arsip",
        "pengaturan_naskah",
    )),
)


def on_open(services: "Services") -> None:
    """Letters of other rooms are composed with their services: the agenda gets the composition root."""
    services.agenda.services = services
