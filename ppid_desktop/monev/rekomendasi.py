"""Follow-up part of ``MonevService``: rekomendasi and tindak lanjut with their evidence."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from ppid_desktop.akun import roles as R
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.errors import UserError, ValidationError
from ppid_desktop.monev import tindak_lanjut as TL
from ppid_desktop.monev.basis import (
    MonevBasis,
    _Keep,
)
from ppid_desktop.monev.bukti import periksa_berkas
from ppid_desktop.monev.masukan import IsianTindakLanjut, RekomendasiBaru
from ppid_desktop.monev.models import (
    STATUS_TL,
    Program,
    Rekomendasi,
    TindakLanjut,
)


class TindakLanjutMixin(MonevBasis):
    # ======================================================= rekomendasi + TL
    def tambah_rekomendasi(self, actor: Actor, baru: RekomendasiBaru) -> Rekomendasi:
        """A rekomendasi for one OPD of a programme (``masukan.RekomendasiBaru``)."""
        R.require(actor, R.MONEV_LAPANGAN)
        program_id, opd_id, uraian, prioritas = baru.program_id, baru.opd_id, baru.uraian, baru.prioritas
        problems: dict[str, str] = {}
        if not program_id or not opd_id:
            problems["opd"] = "Pilih program dan perangkat daerah."
        if not uraian.strip():
            problems["uraian"] = "Uraian rekomendasi wajib diisi."
        if prioritas not in ("tinggi", "sedang", "rendah"):
            problems["prioritas"] = "Prioritas harus tinggi, sedang atau rendah."
        if problems:
            raise ValidationError(problems)
        with self.store.session(actor) as s:
            if s.get(Program, program_id) is None:
                raise UserError("Program monev tidak ditemukan.")
            row = Rekomendasi(program_id=program_id, opd_id=opd_id, uraian=uraian.strip(), pertanyaan=baru.pertanyaan,
                              prioritas=prioritas, sesi_id=baru.sesi_id)
            s.add(row)
        return row

    def tambah_tindak_lanjut(self, actor: Actor, rekomendasi_id: str, isian: IsianTindakLanjut) -> TindakLanjut:
        """Add a follow-up (``masukan.IsianTindakLanjut``) with its note and evidence file in ONE unit of work
        (the file is checked and stored first; nothing is written on a problem)."""
        R.require(actor, R.MONEV_LAPANGAN)
        uraian, pic, tenggat, status = isian.uraian, isian.pic, isian.tenggat, isian.status
        catatan, bukti = isian.catatan, isian.bukti
        problems: dict[str, str] = {}
        if not uraian.strip():
            problems["uraian"] = "Uraian tindak lanjut wajib diisi."
        if not pic.strip():
            problems["pic"] = "Penanggung jawab wajib diisi."
        if status not in STATUS_TL:
            problems["status"] = "Status tindak lanjut tidak dikenal."
        if problems:
            raise ValidationError(problems)
        digest, name = self._simpan_bukti_tl(bukti)
        with self.store.session(actor) as s:
            if s.get(Rekomendasi, rekomendasi_id) is None:
                raise UserError("Rekomendasi tidak ditemukan.")
            row = TindakLanjut(rekomendasi_id=rekomendasi_id, uraian=uraian.strip(), pic=pic.strip(), tenggat=tenggat,
                               status=status, selesai_tanggal=self.clock.today() if status == "selesai" else None,
                               catatan=catatan.strip(), bukti_sha256=digest, bukti_nama=name)
            s.add(row)
        return row

    def daftar_tindak_lanjut(self, program_id: str | None = None, opd_id: str | None = None, status: str | None = None,
                             terlambat_per: date | None = None) -> tuple[list[TL.BarisRekomendasi],
                                                                         list[TL.BarisTindakLanjut]]:
        """Rekomendasi and tindak lanjut rows for the follow-up tab, in one read (see ``tindak_lanjut``)."""
        with self.store.read() as s:
            return (TL.daftar_rekomendasi(s, program_id=program_id, opd_id=opd_id),
                    TL.daftar_tindak_lanjut(s, program_id=program_id, opd_id=opd_id, status=status,
                                            terlambat_per=terlambat_per, hari_ini=self.clock.today()))

    def _simpan_bukti_tl(self, bukti: Path | str | None) -> tuple[str, str]:
        """Check and store a follow-up's evidence file: (sha256, file name), or ("", "") without one."""
        if bukti is None:
            return "", ""
        from ppid_desktop.master.service import store_attachment

        info = periksa_berkas(bukti, "berkas")
        return store_attachment(self.store, Path(bukti)), info.nama

    def ubah_tindak_lanjut(self, actor: Actor, tl_id: str, *, status: str | None = None, catatan: str | None = None,
                           bukti: Path | str | None = None, tanggal: date | None = None, uraian: str | None = None,
                           pic: str | None = None, tenggat: date | None | type[_Keep] = _Keep) -> TindakLanjut:
        """Edit a follow-up: what (``uraian``), who (``pic``), ``tenggat`` (``None`` clears it), ``status``
        (``selesai`` stamps ``selesai_tanggal``), ``catatan`` and the evidence file. Validated first;
        nothing is written on a problem."""
        R.require(actor, R.MONEV_LAPANGAN)
        problems: dict[str, str] = {}
        if status is not None and status not in STATUS_TL:
            problems["status"] = "Status tindak lanjut tidak dikenal."
        if uraian is not None and not uraian.strip():
            problems["uraian"] = "Uraian tindak lanjut wajib diisi."
        if pic is not None and not pic.strip():
            problems["pic"] = "Penanggung jawab wajib diisi."
        if problems:
            raise ValidationError(problems)
        digest, name = self._simpan_bukti_tl(bukti)
        with self.store.session(actor) as s:
            row = s.get(TindakLanjut, tl_id)
            if row is None or row.deleted:
                raise UserError("Tindak lanjut tidak ditemukan.")
            if status is not None and status != row.status:
                row.status = status
                row.selesai_tanggal = (tanggal or self.clock.today()) if status == "selesai" else None
            if uraian is not None:
                row.uraian = uraian.strip()
            if pic is not None:
                row.pic = pic.strip()
            if tenggat is not _Keep:
                row.tenggat = tenggat  # type: ignore[assignment]
            if catatan is not None:
                row.catatan = catatan.strip()
            if digest:
                row.bukti_sha256, row.bukti_nama = digest, name
            s.add(row)
        return row

    def lokasi_bukti_tl(self, tl: Any) -> Path | None:
        """A verified decrypted copy of the follow-up's evidence (encrypted at rest, ``core.lampiran``) for the
        system viewer; None without one or when the file is missing."""
        from ppid_desktop.core import lampiran

        if not tl.bukti_sha256 or not lampiran.ada(self.store, tl.bukti_sha256):
            return None
        return lampiran.berkas_sementara(self.store, tl.bukti_sha256, tl.bukti_nama or "")
