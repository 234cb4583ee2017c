"""Compatibility re-export: the kit lives in :mod:`ppid_desktop.dokumen.kit`."""

from ppid_desktop.dokumen.halaman import MM
from ppid_desktop.dokumen.kit import (
    A4,
    F4,
    FORMAT_HALAMAN,
    FORMAT_HALAMAN_STRIP,
    DocumentKit,
    GarisKop,
    ukuran_kertas,
)

__all__ = ["A4", "F4", "FORMAT_HALAMAN", "FORMAT_HALAMAN_STRIP", "MM", "DocumentKit", "GarisKop", "ukuran_kertas"]
