"""MonevService: the monev room's face (instruments, programmes, field sessions, evidence, sanggah,
rekomendasi), assembled from its parts:

- ``monev.basis``        store, shared lookups, ``SesiData``
- ``monev.katalog``      instruments: versions, publishing, shipped templates
- ``monev.program``      programmes, targets and schedule, Tim Monev, dashboard and scores
- ``monev.sesi``         field sessions, answers, evidence, finalising, verification, revisions, sanggah
- ``monev.rekomendasi``  rekomendasi and tindak lanjut
- ``monev.alur``         SOP catalogue and SOP runs (step tracker, decisions, disposisi, compliance)
"""

from __future__ import annotations

from ppid_desktop.monev import naskah_agenda as _naskah_agenda  # noqa: F401  (registers the agenda composer)
from ppid_desktop.monev.alur import AlurMixin
from ppid_desktop.monev.basis import (
    NOT_DELETED,
    PERAN_TIM,
    STATUS_PROGRAM,
    MonevBasis,
    SesiData,
    _Keep,
    _kemajuan,
)
from ppid_desktop.monev.katalog import InstrumenMixin
from ppid_desktop.monev.program import ProgramMixin
from ppid_desktop.monev.rekomendasi import TindakLanjutMixin
from ppid_desktop.monev.sesi import SesiMixin

__all__ = ["NOT_DELETED", "PERAN_TIM", "STATUS_PROGRAM", "MonevBasis", "MonevService", "SesiData", "_Keep",
           "_kemajuan"]


class MonevService(InstrumenMixin, ProgramMixin, SesiMixin, TindakLanjutMixin, AlurMixin):
    """The public face of the monev room (see ``ppid_desktop.monev`` for the method list)."""
