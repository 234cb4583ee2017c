"""Registry of import and export kinds (by their CLI name): every ``JenisImpor``/``JenisEkspor`` class
with a ``nama`` in the modules the rooms list in ``Room.rekap_kinds`` (``ppid_desktop.rooms``).

A kind module that fails to import is an error (it used to be skipped silently, which hid whole
kinds from the CLI and the page while every room was still landing).
"""

from __future__ import annotations

import importlib
from functools import cache

from ppid_desktop.rekap.engine import JenisEkspor, JenisImpor

IMPOR_URUT = ("opd", "pegawai", "permohonan", "keberatan", "instrumen", "kalender", "jawaban")
EKSPOR_URUT = ("register-permohonan", "register-keberatan", "laporan-layanan", "rekap-monev", "tindak-lanjut",
               "opd", "pegawai", "instrumen", "kalender", "agenda-surat", "sop")


def kind_modules() -> tuple[str, ...]:
    from ppid_desktop.rooms import ROOMS

    return tuple(m for room in ROOMS for m in room.rekap_kinds)


@cache
def _load() -> tuple[dict[str, JenisImpor], dict[str, JenisEkspor]]:
    impor: dict[str, JenisImpor] = {}
    ekspor: dict[str, JenisEkspor] = {}
    for name in kind_modules():
        mod = importlib.import_module(name)
        for obj in vars(mod).values():
            if isinstance(obj, type) and obj.__module__ == mod.__name__:
                if issubclass(obj, JenisImpor) and obj.nama:
                    impor[obj.nama] = obj()
                elif issubclass(obj, JenisEkspor) and obj.nama:
                    ekspor[obj.nama] = obj()
    return impor, ekspor


def jenis_impor() -> dict[str, JenisImpor]:
    """Import kinds in the order of ``IMPOR_URUT``, then any other in registry order."""
    impor = _load()[0]
    return {k: impor[k] for k in IMPOR_URUT if k in impor} | {k: v for k, v in impor.items() if k not in IMPOR_URUT}


def jenis_ekspor() -> dict[str, JenisEkspor]:
    """Export kinds in the order of ``EKSPOR_URUT``, then any other in registry order."""
    ekspor = _load()[1]
    return {k: ekspor[k] for k in EKSPOR_URUT if k in ekspor} | {k: v for k, v in ekspor.items() if k not in EKSPOR_URUT}
