"""RekapService: dry run, all-or-nothing import, export, templates, remembered column mappings.

    services.rekap.periksa("opd", path)                     # dry run -> HasilImpor (nothing written)
    services.rekap.impor(actor, "opd", path, perbarui=True)  # applies only when clean, one transaction
    services.rekap.ekspor(actor, "register-permohonan", path, dari=..., sampai=...)
    services.rekap.templat("pegawai", path)
    services.rekap.simpan_pemetaan(actor, "opd", kandidat, Pemetaan(...))
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlmodel import select

from ppid_desktop.akun import roles as R  # noqa: N812
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.audit import log_event
from ppid_desktop.core.clock import SYSTEM_CLOCK, Clock
from ppid_desktop.core.errors import UserError
from ppid_desktop.core.progress import Progress
from ppid_desktop.rekap import kinds
from ppid_desktop.rekap.engine import (
    HasilImpor,
    JenisEkspor,
    JenisImpor,
    Konteks,
    OpsiEkspor,
    kolom_dari_spec,
    urutkan_masalah,
)
from ppid_desktop.rekap.kolom import TIPE_LABEL
from ppid_desktop.rekap.models import PemetaanKolom
from ppid_desktop.rekap.reader import Kandidat, Pemetaan, baca
from ppid_desktop.rekap.writer import Buku

if TYPE_CHECKING:
    from ppid_desktop.services import Services


ANALISIS_SETELAH = 1000
"""Rows written by one import after which the planner statistics are refreshed (``Store.analyze``)."""


class RekapService:
    def __init__(self, services: Services, *, clock: Clock = SYSTEM_CLOCK) -> None:
        self.services = services
        self.store = services.store
        self.clock = clock

    # ------------------------------------------------------------------ kinds
    @staticmethod
    def jenis_impor() -> dict[str, JenisImpor]:
        return kinds.jenis_impor()

    @staticmethod
    def jenis_ekspor() -> dict[str, JenisEkspor]:
        return kinds.jenis_ekspor()

    def _impor_kind(self, jenis: str) -> JenisImpor:
        k = kinds.jenis_impor().get(jenis)
        if k is None:
            raise UserError(f"Jenis impor '{jenis}' tidak dikenal. Pilihan: {', '.join(kinds.jenis_impor())}.")
        return k

    def _ekspor_kind(self, jenis: str) -> JenisEkspor:
        k = kinds.jenis_ekspor().get(jenis)
        if k is None:
            raise UserError(f"Jenis ekspor '{jenis}' tidak dikenal. Pilihan: {', '.join(kinds.jenis_ekspor())}.")
        return k

    # ----------------------------------------------------------------- import
    def periksa(self, jenis: str, path: Path | str, *, perbarui: bool = False, pemetaan: Pemetaan | None = None,
                progress: Progress | None = None) -> HasilImpor:
        """Dry run: read, validate and plan; nothing is written."""
        hasil, _ctx = self._plan(jenis, path, perbarui, pemetaan, progress or Progress())
        return hasil

    def _plan(self, jenis: str, path: Path | str, perbarui: bool, pemetaan: Pemetaan | None,
              progress: Progress) -> tuple[HasilImpor, Konteks]:
        kind = self._impor_kind(jenis)
        data = baca(path, kind.sheets, pemetaan=pemetaan, cari_pemetaan=self._pencari(jenis), progress=progress,
                    maks_baris=self.services.akun.batas_baris_tersimpan())
        ctx = Konteks(self.services, data, perbarui, list(data.masalah))
        complete = all(spec.nama in data.tata_letak for spec in kind.sheets if spec.wajib)
        items = kind.rencana(ctx, progress) if complete else []
        hasil = HasilImpor(jenis, Path(path).name, perbarui, items,
                           urutkan_masalah(ctx.masalah, [s.nama for s in kind.sheets]),
                           data.kandidat, data.tata_letak)
        return hasil, ctx

    def impor(self, actor: Actor, jenis: str, path: Path | str, *, perbarui: bool = False,
              pemetaan: Pemetaan | None = None, dry_run: bool = False, progress: Progress | None = None) -> HasilImpor:
        """Validate, then (unless ``dry_run``) apply a clean file in ONE transaction.

        A file with any error is not applied (``hasil.diterapkan`` stays False).
        """
        kind = self._impor_kind(jenis)
        R.require_impor(actor, jenis)  # rekap.impor, or the per-kind rekap.impor.<jenis>
        for perm in kind.izin:
            R.require(actor, perm)
        progress = progress or Progress()
        hasil, ctx = self._plan(jenis, path, perbarui, pemetaan, progress)
        if dry_run or not hasil.bersih:
            return hasil
        progress.check()
        with self.store.session(actor) as s:
            kind.terapkan(ctx, s, actor, hasil.items)
            log_event(s, actor, "import", f"rekap:{jenis}", None,
                      f"{hasil.berkas}: {hasil.baru} baru, {hasil.ubah} diperbarui, {hasil.lewati} dilewati",
                      {"berkas": hasil.berkas, "perbarui": perbarui})
        hasil.diterapkan = True
        if hasil.baru + hasil.ubah >= ANALISIS_SETELAH:  # the planner's statistics follow a large import
            self.store.analyze()
        kind.selesai(ctx, actor)
        return hasil

    def impor_sop(self, actor: Actor, path: Path | str, *, dry_run: bool = False) -> HasilImpor:
        """SOP workbooks (``ppid sop impor``): the SOP AP sheets ``ppid ekspor sop`` writes, read back by
        ``rekap.kinds.sop.impor_sop`` (dry run, located problems, all or nothing)."""
        from ppid_desktop.rekap.kinds.sop import impor_sop

        return impor_sop(self.services, actor, path, dry_run=dry_run)

    # --------------------------------------------------------------- mappings
    def _pencari(self, jenis: str) -> Any:
        def cari(tanda: str) -> Pemetaan | None:
            with self.store.read() as s:
                row = s.exec(select(PemetaanKolom).where(
                    PemetaanKolom.jenis == jenis, PemetaanKolom.tanda == tanda,
                    PemetaanKolom.deleted == False)).first()  # noqa: E712
            if row is None:
                return None
            return Pemetaan(row.baris_judul, json.loads(row.kolom))
        return cari

    def simpan_pemetaan(self, actor: Actor, jenis: str, kandidat: Kandidat, pemetaan: Pemetaan) -> None:
        """Remember ``pemetaan`` for files whose header row has ``kandidat.tanda``."""
        R.require(actor, R.REKAP_IMPOR)
        kind = self._impor_kind(jenis)
        wajib = [k.label for k in kind.sheets[0].kolom if k.wajib and not pemetaan.kolom.get(k.key)]
        if wajib:
            raise UserError(f"Kolom wajib belum dipetakan: {', '.join(wajib)}.")
        with self.store.session(actor) as s:
            row = s.exec(select(PemetaanKolom).where(
                PemetaanKolom.jenis == jenis, PemetaanKolom.tanda == kandidat.tanda,
                PemetaanKolom.deleted == False)).first()  # noqa: E712
            if row is None:
                row = PemetaanKolom(jenis=jenis, tanda=kandidat.tanda)
            row.baris_judul = pemetaan.baris_judul
            row.kolom = json.dumps(pemetaan.kolom, sort_keys=True)
            row.contoh = ", ".join(t for _, t in kandidat.judul)[:500]
            s.add(row)

    # ----------------------------------------------------------------- export
    def kop(self) -> tuple[list[str], str]:
        p = self.services.master.profil()
        lines = [p.pemerintah, p.perangkat_daerah, p.sub_unit]
        return [x for x in lines if x], p.kertas or "A4"

    def ekspor(self, actor: Actor, jenis: str, path: Path | str, *, dari: date | None = None,
               sampai: date | None = None, program: str | None = None, tampilkan_nik: bool = False,
               progress: Progress | None = None) -> int:
        """Write one export kind to ``path``; returns the number of data rows written."""
        buku, n = self._isi(actor, jenis, dari=dari, sampai=sampai, program=program, tampilkan_nik=tampilkan_nik,
                            progress=progress)
        out = buku.simpan(path)
        self._catat(actor, jenis, out.name, n, tampilkan_nik, {"berkas": str(out)})
        return n

    def ekspor_bytes(self, actor: Actor, jenis: str, *, dari: date | None = None, sampai: date | None = None,
                     program: str | None = None, progress: Progress | None = None) -> bytes:
        """One export kind as .xlsx bytes, the same workbook ``ekspor`` writes (e.g. the service report
        for ``ppid laporan layanan --xlsx`` and the Laporan page, written with ``layanan.berkas.tulis``)."""
        buku, n = self._isi(actor, jenis, dari=dari, sampai=sampai, program=program, tampilkan_nik=False,
                            progress=progress)
        data = buku.ke_bytes()
        self._catat(actor, jenis, jenis, n, False, {})
        return data

    def _catat(self, actor: Actor, jenis: str, nama: str, n: int, tampilkan_nik: bool, extra: dict[str, Any]) -> None:
        if self._ekspor_kind(jenis).data_pribadi or tampilkan_nik:
            with self.store.session(actor) as s:
                log_event(s, actor, "export", f"rekap:{jenis}", None,
                          f"{nama}: {n} baris, NIK {'lengkap' if tampilkan_nik else 'disamarkan'}",
                          {**extra, "nik_lengkap": tampilkan_nik})

    def _isi(self, actor: Actor, jenis: str, *, dari: date | None, sampai: date | None, program: str | None,
             tampilkan_nik: bool, progress: Progress | None) -> tuple[Buku, int]:
        kind = self._ekspor_kind(jenis)
        for perm in kind.izin:
            R.require(actor, perm)
        if tampilkan_nik or kind.data_pribadi:
            R.require(actor, R.PDP_LIHAT)
        if kind.butuh_program and not program:
            raise UserError("Pilih program monev (--program ID).")
        if dari and sampai and dari > sampai:
            raise UserError("Tanggal awal periode harus sebelum tanggal akhir.")
        kop, kertas = self.kop()
        buku = Buku(kop, kertas)
        opsi = OpsiEkspor(dari, sampai, program, tampilkan_nik)
        n = kind.tulis(self.services, actor, buku, opsi, progress or Progress())
        return buku, n

    # -------------------------------------------------------------- templates
    def templat(self, jenis: str, path: Path | str) -> Path:
        """An empty, documented template for an import kind (one sheet per table + 'Petunjuk')."""
        kind = self._impor_kind(jenis)
        kop, kertas = self.kop()
        buku = Buku(kop, kertas)
        doc: list[tuple[str, ...]] = []
        for spec in kind.sheets:
            buku.tabel(spec.nama, f"TEMPLAT IMPOR: {kind.judul.upper()}", kolom_dari_spec(spec), [],
                       catatan=["Isi mulai baris di bawah judul kolom. Kolom bertanda wajib harus diisi. "
                                "Lihat sheet Petunjuk."])
            for k in spec.kolom:
                if not k.templat:
                    continue
                fmt = TIPE_LABEL.get(k.tipe, k.tipe)
                if k.pilihan:
                    fmt += ": " + ", ".join(label for _, label in k.pilihan)
                alias = ("Judul lain yang dikenali: " + ", ".join(k.sinonim)) if k.sinonim else ""
                doc.append((f"{spec.nama} › {k.label}", "Wajib" if k.wajib else "Boleh kosong", fmt,
                            " ".join(x for x in (k.keterangan, alias) if x), k.contoh))
        buku.petunjuk(f"Petunjuk templat impor {kind.judul}. {kind.keterangan} Baris judul di atas tabel, "
                      "baris kosong dan blok tanda tangan di bawah tabel diabaikan.", doc,
                      ["Kolom", "Wajib", "Format", "Keterangan", "Contoh"])
        return buku.simpan(path)
