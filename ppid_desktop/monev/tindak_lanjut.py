"""Qt-free list queries over rekomendasi and tindak lanjut (for the UI, the recap workbook and CLI).

``daftar_rekomendasi(session, program_id=None, opd_id=None) -> list[BarisRekomendasi]`` and
``daftar_tindak_lanjut(session, program_id=None, opd_id=None, status=None, terlambat_per=None, *, hari_ini)
-> list[BarisTindakLanjut]``; every row is a plain dataclass with ``to_dict()``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from ppid_desktop.master.models import PerangkatDaerah
from ppid_desktop.monev.models import STATUS_TL_LABEL, Program, Rekomendasi, TindakLanjut


@dataclass(frozen=True)
class BarisRekomendasi:
    id: str
    program_id: str
    program: str
    opd_id: str
    opd: str
    pertanyaan: str
    uraian: str
    prioritas: str
    jumlah_tl: int
    tl_selesai: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class BarisTindakLanjut:
    id: str
    rekomendasi_id: str
    rekomendasi: str
    program: str
    opd: str
    uraian: str
    pic: str
    tenggat: date | None
    status: str
    status_label: str
    terlambat: bool
    bukti_sha256: str
    bukti_nama: str
    catatan: str
    selesai_tanggal: date | None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for k in ("tenggat", "selesai_tanggal"):
            d[k] = d[k].isoformat() if d[k] else None
        return d


def daftar_rekomendasi(session: Session, program_id: str | None = None, opd_id: str | None = None) -> list[BarisRekomendasi]:
    stmt = (select(Rekomendasi, Program, PerangkatDaerah)
            .join(Program, Program.id == Rekomendasi.program_id)  # type: ignore[arg-type]
            .join(PerangkatDaerah, PerangkatDaerah.id == Rekomendasi.opd_id)  # type: ignore[arg-type]
            .where(Rekomendasi.deleted == False))  # noqa: E712
    if program_id:
        stmt = stmt.where(Rekomendasi.program_id == program_id)
    if opd_id:
        stmt = stmt.where(Rekomendasi.opd_id == opd_id)
    rows = list(session.exec(stmt.order_by(col(PerangkatDaerah.kode), col(Rekomendasi.created_at))))
    tls: dict[str, list[TindakLanjut]] = {}
    ids = [r.id for r, _, _ in rows]
    if ids:
        for t in session.exec(select(TindakLanjut).where(col(TindakLanjut.rekomendasi_id).in_(ids),
                                                         TindakLanjut.deleted == False)):  # noqa: E712
            tls.setdefault(t.rekomendasi_id, []).append(t)
    return [BarisRekomendasi(r.id, p.id, p.nama, o.id, o.nama, r.pertanyaan, r.uraian, r.prioritas,
                             len(tls.get(r.id, [])), sum(1 for t in tls.get(r.id, []) if t.status == "selesai"))
            for r, p, o in rows]


def daftar_tindak_lanjut(session: Session, program_id: str | None = None, opd_id: str | None = None,
                         status: str | None = None, terlambat_per: date | None = None, *,
                         hari_ini: date) -> list[BarisTindakLanjut]:
    """Follow-ups, each marked late against ``hari_ini`` (the caller's clock: the service's, never the
    machine's date); ``terlambat_per=day`` keeps only those past due on that day and not finished."""
    stmt = (select(TindakLanjut, Rekomendasi, Program, PerangkatDaerah)
            .join(Rekomendasi, Rekomendasi.id == TindakLanjut.rekomendasi_id)  # type: ignore[arg-type]
            .join(Program, Program.id == Rekomendasi.program_id)  # type: ignore[arg-type]
            .join(PerangkatDaerah, PerangkatDaerah.id == Rekomendasi.opd_id)  # type: ignore[arg-type]
            .where(TindakLanjut.deleted == False, Rekomendasi.deleted == False))  # noqa: E712
    if program_id:
        stmt = stmt.where(Rekomendasi.program_id == program_id)
    if opd_id:
        stmt = stmt.where(Rekomendasi.opd_id == opd_id)
    if status:
        stmt = stmt.where(TindakLanjut.status == status)
    today = terlambat_per or hari_ini
    out = []
    for t, r, p, o in session.exec(stmt.order_by(col(TindakLanjut.tenggat), col(PerangkatDaerah.kode))):
        late = bool(t.tenggat and t.tenggat < today and t.status not in ("selesai", "batal"))
        if terlambat_per is not None and not late:
            continue
        out.append(BarisTindakLanjut(t.id, r.id, r.uraian, p.nama, o.nama, t.uraian, t.pic, t.tenggat, t.status,
                                     STATUS_TL_LABEL.get(t.status, t.status), late, t.bukti_sha256, t.bukti_nama,
                                     t.catatan, t.selesai_tanggal))
    return out
