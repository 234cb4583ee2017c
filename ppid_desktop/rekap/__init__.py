"""Rekap Excel (issue #5): import and export of registers, master lists, instruments and recaps.

Public API (through ``services.rekap``, a ``rekap.service.RekapService``):

- ``periksa(jenis, path, perbarui=False, pemetaan=None, progress=None) -> HasilImpor`` — dry run:
  counts of rows to create/update/skip and every problem (sheet, Excel row, column letter + header,
  value, Indonesian message), errors first. Nothing is written.
- ``impor(actor, jenis, path, perbarui=False, pemetaan=None, dry_run=False, progress=None)`` — the same,
  then applies a clean file in one transaction (``hasil.diterapkan``); a file with errors writes nothing.
- ``ekspor(actor, jenis, path, dari=None, sampai=None, program=None, tampilkan_nik=False)`` -> rows.
- ``templat(jenis, path)`` — empty documented template; ``simpan_pemetaan(actor, jenis, kandidat, pemetaan)``.
- ``jenis_impor()`` / ``jenis_ekspor()`` — the registered kinds (``rekap.kinds``).

Modules: ``reader`` (safety checks, header detection, typed cells), ``writer`` (write-only workbook
with title block, print setup, formula-injection guard), ``kolom`` (column specs and conversion),
``engine`` (kinds, planning), ``kinds/*`` (one module per owning room), ``commands`` (CLI).
"""

from ppid_desktop.core.room import Cli, Command, Room, ServiceSpec, Travel, UiSection

ROOM = Room(
    name="rekap",
    models=("ppid_desktop.rekap.models",),
    services=(ServiceSpec("rekap", "ppid_desktop.rekap.service:RekapService", ("services",), lazy=True),),
    cli=Cli("ppid_desktop.rekap.commands", (
        Command("impor", "impor data dari berkas Excel .xlsx"),
        Command("ekspor", "ekspor register/rekap ke berkas Excel .xlsx"),
        Command("templat", "buat templat impor kosong yang terdokumentasi"),
    )),
    rekap_kinds=("ppid_desktop.rekap.kinds.sop",),
    section=UiSection("rekap", "Rekap Excel", "rekap", "ppid_desktop.ui.rekap.page:RekapPage", 40, (
        "Impor dan ekspor register, data master, instrumen dan rekap monev (.xlsx)",
        "Uji coba impor dengan daftar masalah per sheet, baris dan kolom",
    )),
    travel=(Travel("rekap_pemetaan"),),  # sinkron: the merge rules live in sinkron/spesifikasi.py
)
