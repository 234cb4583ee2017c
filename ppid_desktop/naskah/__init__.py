"""Naskah & Arsip: the agenda of outgoing letters (``agenda``), its models, and the kop test page.

The document kit moved one floor down to :mod:`ppid_desktop.dokumen` (so master and naskah both use it
without importing each other); the kit's names stay importable from here for existing callers.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ppid_desktop.core.room import Cli, Command, Room, ServiceSpec, Travel, UiSection

if TYPE_CHECKING:
    from ppid_desktop.dokumen.data import Instansi, Paraf, Pejabat, TandaTangan
    from ppid_desktop.dokumen.fonts import register_fonts
    from ppid_desktop.dokumen.kit import (
        A4,
        F4,
        FORMAT_HALAMAN,
        FORMAT_HALAMAN_STRIP,
        DocumentKit,
        ukuran_kertas,
    )
    from ppid_desktop.dokumen.teks import esc, format_nip, pangkat_golongan, rangkap
    from ppid_desktop.services import Services

# The kit pulls in reportlab; import it on first use so the app starts without it (PEP 562).
_LAZY = {
    "register_fonts": "fonts", "A4": "kit", "F4": "kit", "FORMAT_HALAMAN": "kit", "FORMAT_HALAMAN_STRIP": "kit",
    "DocumentKit": "kit", "ukuran_kertas": "kit", "Instansi": "data", "Paraf": "data", "Pejabat": "data",
    "TandaTangan": "data", "esc": "teks", "format_nip": "teks", "pangkat_golongan": "teks", "rangkap": "teks",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"ppid_desktop.dokumen.{module}"), name)
    globals()[name] = value
    return value

__all__ = [
    "A4",
    "F4",
    "FORMAT_HALAMAN",
    "FORMAT_HALAMAN_STRIP",
    "DocumentKit",
    "Instansi",
    "Paraf",
    "Pejabat",
    "TandaTangan",
    "esc",
    "format_nip",
    "pangkat_golongan",
    "rangkap",
    "register_fonts",
    "ukuran_kertas",
]

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
