"""Naskah kinds: buku agenda surat keluar (export from ``services.agenda.baris_ekspor``)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ppid_desktop.akun import roles as R  # noqa: N812
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.progress import Progress
from ppid_desktop.rekap.engine import JenisEkspor, OpsiEkspor
from ppid_desktop.rekap.writer import Buku, KolomEkspor

if TYPE_CHECKING:
    from ppid_desktop.services import Services

AGENDA_KOLOM = (
    KolomEkspor("No.", "angka", 6), KolomEkspor("Nomor Surat", lebar=26), KolomEkspor("Tanggal", "tanggal", 12),
    KolomEkspor("Jenis Naskah", lebar=18), KolomEkspor("Hal", lebar=40), KolomEkspor("Kepada", lebar=30),
    KolomEkspor("Sifat", lebar=10), KolomEkspor("Penanda Tangan", lebar=26), KolomEkspor("Status", lebar=18),
    KolomEkspor("Tanggal Kirim", "tanggal", 12), KolomEkspor("Cara Kirim", lebar=16),
    KolomEkspor("Konseptor", lebar=16),
)
_FIELDS = ("nomor", "tanggal", "jenis", "hal", "kepada", "sifat", "penandatangan", "status", "tanggal_kirim",
           "cara_kirim", "konseptor")


class EksporAgendaSurat(JenisEkspor):
    nama = "agenda-surat"
    judul = "Buku Agenda Surat Keluar"
    keterangan = ("Surat keluar dari agenda naskah (nomor, tanggal, hal, tujuan, penanda tangan, status, "
                  "pengiriman); --dari/--sampai memilih tanggal surat (konsep tanpa tanggal hanya pada "
                  "'semua periode').")
    izin = (R.NASKAH_KELOLA,)

    def tulis(self, services: Services, actor: Actor, buku: Buku, opsi: OpsiEkspor, progress: Progress) -> int:
        tahun = opsi.dari.year if opsi.dari and opsi.sampai and opsi.dari.year == opsi.sampai.year else None
        rows = services.agenda.baris_ekspor(tahun)
        if opsi.dari or opsi.sampai:
            lo, hi = opsi.dari or date.min, opsi.sampai or date.max
            rows = [r for r in rows if r.get("tanggal") and lo <= r["tanggal"] <= hi]
        # Agenda order: by date then number; drafts (no date yet) last.
        rows.sort(key=lambda r: (r.get("tanggal") is None, r.get("tanggal") or date.max, r.get("nomor") or ""))
        data = ([i, *[(r.get(f) if r.get(f) not in ("",) else None) for f in _FIELDS]]
                for i, r in enumerate(rows, start=1))
        return buku.tabel("Agenda Surat Keluar", self.judul.upper(), AGENDA_KOLOM, data,
                          periode=opsi.periode(), progress=progress)
