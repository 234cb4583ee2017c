"""Bulk import of permohonan and keberatan rows (the rekap room's Excel imports call these).

``impor_permohonan(inti, session, actor, rows)`` / ``impor_keberatan(...)`` write inside the caller's
unit of work (the import is all or nothing). New rows go through SQLAlchemy Core ``executemany`` in
batches (``core.db.bulk_insert``: sync fields stamped, one audit row per batch); the working calendar
and the numbering templates are read once per import and each yearly counter is moved once, to the
highest imported serial. Rows that update an existing record (``BarisImpor.id`` set) go through the
ORM one by one, with their changes audited field by field (NIK masked).

Rows arrive validated (``PermohonanLayanan.validasi`` and the rules in ``layanan.rules``); here only
the derived fields are computed: deadlines (``hitung_tenggat``), the working days to the written notice,
the status when the file gives none, the encrypted NIK, and one history event per row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Column, MetaData, Table
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from ppid_desktop.core import crypto, penomoran, teks
from ppid_desktop.core.actor import Actor, system_actor
from ppid_desktop.core.audit import AuditLog
from ppid_desktop.core.base import new_uuid, utcnow
from ppid_desktop.core.db import bulk_insert
from ppid_desktop.core.errors import UserError
from ppid_desktop.core.identitas import mask_nik
from ppid_desktop.core.tanggal import tanggal_panjang
from ppid_desktop.layanan import rincian as rincian_ringkas
from ppid_desktop.layanan import rules as RU  # noqa: N812
from ppid_desktop.layanan.inti import Inti, nama_aktor, set_nik
from ppid_desktop.layanan.keberatan import tanggal_dasar
from ppid_desktop.layanan.masukan import BarisImporKeberatan, BarisImporPermohonan
from ppid_desktop.layanan.models import Keberatan, Permohonan, RiwayatLayanan
from ppid_desktop.layanan.permohonan import hitung_tenggat, terapkan_tenggat
from ppid_desktop.layanan.retensi import RetensiLayanan, retain_until

BATCH = 2000
"""Rows per ``executemany`` (bounded memory for any file size)."""


def _sisip_sementara(session: Session, table: Table, nama: str, rows: Sequence[dict[str, Any]], summary: str,
                     sasaran: str | None = None) -> int:
    """``core.db.bulk_insert`` for the import's own rows (the TEMP staging table; the history rows into
    ``sasaran``), with the executemany handed to the driver as tuples: the same stamps (id, created/updated
    at/by, device, rev, deleted), the same text checks (``teks.bersihkan`` / ``cek_angka``) and the same audit
    row under the real table's name; each value goes through its column type's own bind processor, looked
    up once per column instead of once per value."""
    actor: Actor = session.info.get("actor") or system_actor()
    now = utcnow()
    stempel = {"created_at": now, "updated_at": now, "created_by": actor.username, "updated_by": actor.username,
               "device_id": actor.device_id, "rev": 1, "deleted": False}
    conn = session.connection()
    kolom = list(table.columns)
    nama_kolom = [c.name for c in kolom]
    proses = [(i, p) for i, c in enumerate(kolom)  # as SQLAlchemy does: the dialect's processor of each type
              if (p := c.type.dialect_impl(conn.dialect).bind_processor(conn.dialect)) is not None]
    periksa = [(n, n.replace("_", " ").capitalize(), n in teks.ANGKA_SAJA) for n in nama_kolom if teks.perlu_periksa(n)]
    data: list[tuple[Any, ...]] = []
    for row in rows:
        item = {**stempel, **row}
        if not item.get("id"):
            item["id"] = new_uuid()
        for key, label, angka in periksa:
            value = item.get(key)
            if isinstance(value, str) and value:
                item[key] = teks.bersihkan(value, key, label)
                if angka:
                    teks.cek_angka(item[key], key)
        vals = [item.get(n) for n in nama_kolom]
        for i, p in proses:
            if vals[i] is not None:
                vals[i] = p(vals[i])
        data.append(tuple(vals))  # SQLAlchemy passes a list of tuples to the driver's executemany
    names = ", ".join(f'"{c.name}"' for c in kolom)
    conn.exec_driver_sql(f"INSERT INTO {sasaran or 'temp.' + table.name} ({names}) "
                         f"VALUES ({', '.join('?' * len(kolom))})", data)
    session.add(AuditLog(username=actor.username, device_id=actor.device_id, action="bulk_create", entity=nama,
                         summary=f"{summary}: {len(data)} baris"))
    return len(data)


def sisip_sekaligus(session: Session, model: Any, rows: Sequence[dict[str, Any]], summary: str) -> int:
    """Insert new rows of ``model`` (Core executemany, sync stamps, one audit row: as ``core.db.bulk_insert``)
    through a TEMP copy of its table, then ONE ``INSERT … SELECT`` into the table itself.

    Why: the register's full-text index (the FTS5 trigger on ``permohonan``) is flushed at the end of every
    statement, and an executemany is one statement per row — 10,000 rows wrote 10,000 small index
    segments (4–5× the time of the same rows in one statement). Rows must carry every column
    (``_baris`` fills the model's defaults)."""
    if not rows:
        return 0
    asli = model.__table__
    tmp = Table(f"impor_{asli.name}", MetaData(), *(Column(c.name, c.type) for c in asli.columns),
                prefixes=["TEMPORARY"])
    conn = session.connection()
    tmp.create(conn)
    try:
        n = _sisip_sementara(session, tmp, asli.name, rows, summary)
        names = ", ".join(f'"{c.name}"' for c in asli.columns)
        conn.exec_driver_sql(f"INSERT INTO {asli.name} ({names}) SELECT {names} FROM temp.{tmp.name}")
    finally:
        tmp.drop(conn)
    return n


@dataclass
class BarisImpor:
    """One row to import: its number, its validated fields (a typed row of ``layanan.masukan``: only the
    file's columns set, every other field ``TETAP``), the stored row it updates (``id``), and where it came
    from (for the history note, e.g. ``"Excel (baris 12)"``). ``data`` is the set fields by name."""

    nomor: str
    isian: BarisImporPermohonan | BarisImporKeberatan
    id: str | None = None
    sumber: str = "Excel"
    catatan: list[str] = field(default_factory=list)  # extra history lines (e.g. what the file said)
    data: dict[str, Any] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.data = self.isian.diubah()


def _periksa_jenis(rows: Sequence[BarisImpor], jenis: type[BarisImporPermohonan | BarisImporKeberatan]) -> None:
    for b in rows:
        if not isinstance(b.isian, jenis):
            raise TypeError(f"{b.nomor}: baris impor {type(b.isian).__name__}, bukan {jenis.__name__}")


def _defaults(model: Any) -> dict[str, Any]:
    from pydantic_core import PydanticUndefined

    out: dict[str, Any] = {}
    for name, f in model.model_fields.items():
        if name in ("id", "created_at", "updated_at", "created_by", "updated_by", "device_id", "rev", "deleted"):
            continue
        if f.default_factory is not None:
            out[name] = f.default_factory
        else:
            out[name] = None if f.default is PydanticUndefined else f.default
    return out


_DEF: dict[Any, dict[str, Any]] = {}


def _baris(model: Any, data: dict[str, Any]) -> dict[str, Any]:
    d = _DEF.get(model)
    if d is None:
        d = _DEF[model] = _defaults(model)
    row = {k: (v() if callable(v) else v) for k, v in d.items()}
    row.update(data)
    return row


class _Penghitung:
    """The highest serial seen per (series, year) in the imported numbers; the counters are moved once."""

    def __init__(self, inti: Inti, jenis: str) -> None:
        self.jenis = jenis
        self.rx = inti.pola_urut(jenis)
        self.maks: dict[int, int] = {}

    def lihat(self, nomor: str, tanggal: date) -> None:
        m = self.rx.fullmatch(nomor) if self.rx else None
        if m:
            urut = int(m.group("urut"))
            if urut > self.maks.get(tanggal.year, 0):
                self.maks[tanggal.year] = urut

    def simpan(self, s: Session) -> None:
        for tahun, urut in sorted(self.maks.items()):
            penomoran.bump_to_at_least(s, self.jenis, tahun, urut)


def _riwayat(actor: Actor, objek: str, objek_id: str, aksi: str, ke: str, catatan: str,
             urut: int = 0) -> dict[str, Any]:
    row: dict[str, Any] = {"objek": objek, "objek_id": objek_id, "aksi": aksi, "status_dari": "", "status_ke": ke,
           "catatan": catatan, "oleh": actor.username, "oleh_nama": nama_aktor(actor)}
    if urut:  # the steps of one request keep their order (the history sorts on created_at)
        row["created_at"] = utcnow() + timedelta(microseconds=urut)
    return row


def tonggak(p: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The steps an imported request went through, from its fields: (aksi, status, note) for the
    extension, the written notice, the delivery and the closing or withdrawal — one history event each,
    so an imported register shows the same history summary as the one it was exported from."""
    out: list[tuple[str, str, str]] = []
    if p.get("tanggal_perpanjangan"):
        alasan = f" Alasan: {p['alasan_perpanjangan']}" if p.get("alasan_perpanjangan") else ""
        out.append((RU.DIPERPANJANG, RU.DIPERPANJANG,
                    f"Diperpanjang {tanggal_panjang(p['tanggal_perpanjangan'])} (dari register).{alasan}"))
    if p.get("keputusan") and p.get("tanggal_pemberitahuan"):
        note = f"{RU.label(RU.KEPUTUSAN, p['keputusan'])} — pemberitahuan tertulis {tanggal_panjang(p['tanggal_pemberitahuan'])}"
        if p.get("pasal17"):
            note += f"; Pasal 17 huruf {p['pasal17']}"
        if p.get("biaya_total"):
            note += f"; biaya {RU.rupiah(p['biaya_total'])}"
        out.append((RU.DIPUTUSKAN, RU.DIPUTUSKAN, note + " (dari register)."))
    if p.get("tanggal_penyerahan"):
        out.append((RU.DISERAHKAN, RU.DISERAHKAN,
                    f"Informasi diserahkan {tanggal_panjang(p['tanggal_penyerahan'])} (dari register)."))
    if p.get("status") == RU.DITARIK:
        out.append((RU.DITARIK, RU.DITARIK, f"Ditarik {tanggal_panjang(p['tanggal_selesai'])}"
                    + (f": {p['alasan_ditarik']}" if p.get("alasan_ditarik") else "") + " (dari register)."))
    elif p.get("status") == RU.SELESAI and p.get("tanggal_selesai"):
        out.append((RU.SELESAI, RU.SELESAI, f"Selesai {tanggal_panjang(p['tanggal_selesai'])} (dari register)."))
    return out


@dataclass
class _Tutup:
    status: str
    tanggal_selesai: date


def _status_awal(data: dict[str, Any]) -> str:
    if data.get("status"):
        return str(data["status"])
    if data.get("keputusan") and data.get("tanggal_pemberitahuan"):
        return RU.DIPUTUSKAN
    return RU.DITERIMA


class _Kalender:
    """The calendar work of one import, each distinct question answered once: deadlines per (receipt day,
    extended?) and working days per (receipt, notice) pair — a register has a few hundred distinct days."""

    def __init__(self, cal: Any, versi: str) -> None:
        self.cal, self.versi = cal, versi
        self._tenggat: dict[tuple[date, bool], dict[str, Any]] = {}
        self._hk: dict[date, int] = {}
        self._awal = date.min

    def tenggat(self, diterima: date, perpanjangan: date | None) -> dict[str, Any]:
        key = (diterima, perpanjangan is not None)
        got = self._tenggat.get(key)
        if got is None:
            got = self._tenggat[key] = hitung_tenggat(self.cal, self.versi, diterima, perpanjangan)
        return got

    def hk(self, diterima: date, pemberitahuan: date) -> int:
        """``cal.workdays_between(diterima, pemberitahuan)`` as a difference of running counts of working
        days (each calendar day asked once per import)."""
        self._jumlah(min(diterima, pemberitahuan))  # the running count starts early enough for both
        return self._jumlah(pemberitahuan) - self._jumlah(diterima)

    def _jumlah(self, d: date) -> int:
        """Working days after ``self._awal`` up to and including ``d`` (negative before it)."""
        if not self._hk:
            self._awal = d
            self._hk[d] = 0
        if d < self._awal:  # a date before the start: count again from there (rare: rows arrive unsorted)
            awal, self._awal = self._awal, d
            self._hk = {d: 0}
            self._isi(awal)
        elif d not in self._hk:
            self._isi(d)
        return self._hk[d]

    def _isi(self, sampai: date) -> None:
        akhir = max(self._hk)
        n = self._hk[akhir]
        while akhir < sampai:
            akhir += timedelta(days=1)
            n += 1 if self.cal.is_workday(akhir) else 0
            self._hk[akhir] = n


def _derived(p: dict[str, Any] | Permohonan, kal: _Kalender) -> dict[str, Any]:
    get = p.get if isinstance(p, dict) else lambda k, d=None: getattr(p, k, d)
    out: dict[str, Any] = {}
    tgl_pb = get("tanggal_pemberitahuan")
    if get("keputusan") and tgl_pb:
        out["hk_pemberitahuan"] = kal.hk(get("tanggal_diterima"), tgl_pb)  # type: ignore[arg-type]
    return out


def _catatan(b: BarisImpor, aksi: str) -> str:
    note = f"{aksi} dari {b.sumber}."
    if b.catatan:
        note += " " + " ".join(b.catatan)
    return note


def impor_permohonan(inti: Inti, session: Session, actor: Actor, rows: Sequence[BarisImpor]) -> int:
    """Write ``rows`` (new ones in bulk, ``id`` ones as updates). Returns how many were written."""
    _periksa_jenis(rows, BarisImporPermohonan)
    days = [b.data.get("tanggal_diterima") for b in rows]
    cal, versi = inti.kalender(*(d for d in days if isinstance(d, date)), inti.clock())
    kal = _Kalender(cal, versi)
    counter = _Penghitung(inti, "permohonan")
    tahun = RetensiLayanan(inti).retensi_tahun()
    petugas = nama_aktor(actor)
    baru = [b for b in rows if b.id is None]
    sandi, hash_nik = crypto.penyandi_massal() if baru else (crypto.encrypt_text, crypto.keyed_hash)
    for start in range(0, len(baru), BATCH):
        chunk = baru[start:start + BATCH]
        prow: list[dict[str, Any]] = []
        hrow: list[dict[str, Any]] = []
        for b in chunk:
            data = dict(b.data)
            nik = data.pop("nik", None)
            data.setdefault("petugas", petugas)
            status = _status_awal(data)
            row = _baris(Permohonan, data)
            row["id"] = new_uuid()
            row["nomor"] = b.nomor
            if nik:
                row["nik_enc"], row["nik_hash"], row["nik_mask"] = sandi(nik), hash_nik(nik), mask_nik(nik)
            row.update(kal.tenggat(row["tanggal_diterima"], row.get("tanggal_perpanjangan")))
            row.update(_derived(row, kal))
            row["status"] = status
            if status in (RU.SELESAI, RU.DITARIK) and row.get("tanggal_selesai"):
                row["retain_until"] = retain_until(_Tutup(status, row["tanggal_selesai"]), tahun)  # type: ignore[arg-type]
            counter.lihat(b.nomor, row["tanggal_diterima"])
            prow.append(row)
            hrow.append(_riwayat(actor, "permohonan", row["id"], "diimpor", RU.DITERIMA, _catatan(b, "Diimpor"), 1))
            for urut, (aksi, ke, note) in enumerate(tonggak(row), start=2):
                hrow.append(_riwayat(actor, "permohonan", row["id"], aksi, ke, note, urut))
        sisip_sekaligus(session, Permohonan, prow, "impor permohonan")
        tabel_riwayat = RiwayatLayanan.__table__  # type: ignore[attr-defined]
        _sisip_sementara(session, tabel_riwayat, tabel_riwayat.name, [_baris(RiwayatLayanan, h) for h in hrow],
                         "impor riwayat permohonan", sasaran=tabel_riwayat.name)
    for b in rows:
        if b.id is None:
            continue
        p = session.get(Permohonan, b.id)
        if p is None:
            raise UserError(f"Permohonan {b.nomor} sudah dihapus atau diubah sejak uji coba. Tidak ada yang "
                            "disimpan; jalankan uji coba lagi.")
        data = dict(b.data)
        if "nik" in data:
            set_nik(p, data.pop("nik"))
        for k, v in data.items():
            setattr(p, k, v)
        terapkan_tenggat(p, cal, versi)
        for k, v in _derived(p, kal).items():
            setattr(p, k, v)
        if not data.get("status") and p.keputusan and p.tanggal_pemberitahuan and p.status in RU.STATUS_TERBUKA:
            p.status = RU.DIPUTUSKAN
        if p.status in (RU.SELESAI, RU.DITARIK) and p.tanggal_selesai:
            p.retain_until = retain_until(p, tahun)
        session.add(p)
        Inti.event(session, actor, "permohonan", p.id, "diperbarui", "", p.status, _catatan(b, "Diperbarui"))
    counter.simpan(session)
    return len(rows)


def _permohonan_dasar(session: Session, ids: Iterable[str]) -> dict[str, tuple[str, date, date | None, date]]:
    """id -> (nomor, tanggal_diterima, tanggal_pemberitahuan, tenggat_efektif) of the requests the
    objections refer to (one query per 500 ids)."""
    ids = list(dict.fromkeys(ids))
    out: dict[str, tuple[str, date, date | None, date]] = {}
    for start in range(0, len(ids), 500):
        part = ids[start:start + 500]
        stmt = sa_select(col(Permohonan.id), col(Permohonan.nomor), col(Permohonan.tanggal_diterima),
                         col(Permohonan.tanggal_pemberitahuan), col(Permohonan.tenggat_efektif)).where(
            col(Permohonan.id).in_(part))
        for pid, nomor, tgl, pb, te in session.execute(stmt):
            out[pid] = (nomor, tgl, pb, te)
    return out


def _tenggat_keberatan(cal: Any, versi: str, tgl: date, dasar: date) -> dict[str, Any]:
    batas = cal.add_workdays(dasar, RU.HK_KEBERATAN_AJU).jatuh_tempo
    t = cal.add_workdays(tgl, RU.HK_KEBERATAN_JAWAB, versi)
    return {"tanggal_dasar": dasar, "batas_pengajuan": batas, "terlambat_diajukan": tgl > batas,
            "tenggat_jawaban": t.jatuh_tempo, "versi_kalender": versi,
            "tenggat_rincian": rincian_ringkas.pack_one(t.to_dict())}


def impor_keberatan(inti: Inti, session: Session, actor: Actor, rows: Sequence[BarisImpor]) -> int:
    """Write objection ``rows``; ``data["permohonan_id"]`` names the request each belongs to (or None for
    an objection without a registered request, Pasal 35(1) b–g, with ``tanggal_dasar`` in the data)."""
    _periksa_jenis(rows, BarisImporKeberatan)
    days = [b.data.get("tanggal_diterima") for b in rows] + [b.data.get("tanggal_dasar") for b in rows]
    dasar_p = _permohonan_dasar(session, (b.data["permohonan_id"] for b in rows if b.data.get("permohonan_id")))
    more = [d for v in dasar_p.values() for d in (v[2], v[3])]
    cal, versi = inti.kalender(*(d for d in [*days, *more] if isinstance(d, date)), inti.clock())
    counter = _Penghitung(inti, "keberatan")

    def dasar_of(data: dict[str, Any]) -> date:
        if data.get("tanggal_dasar"):
            return data["tanggal_dasar"]  # type: ignore[no-any-return]
        info = dasar_p.get(data.get("permohonan_id") or "")
        if info is None:
            return data["tanggal_diterima"]  # type: ignore[no-any-return]
        return info[2] or info[3]

    baru = [b for b in rows if b.id is None]
    for start in range(0, len(baru), BATCH):
        krow: list[dict[str, Any]] = []
        hrow: list[dict[str, Any]] = []
        for b in baru[start:start + BATCH]:
            data = dict(b.data)
            nik = data.pop("nik", None)  # a standalone keberatan's own pemohon (Pasal 35(1) b–g)
            row = _baris(Keberatan, data)
            if nik:
                row["nik_enc"], row["nik_hash"], row["nik_mask"] = (crypto.encrypt_text(nik), crypto.keyed_hash(nik),
                                                                    mask_nik(nik))
            row["id"] = new_uuid()
            row["nomor"] = b.nomor
            row.update(_tenggat_keberatan(cal, versi, row["tanggal_diterima"], dasar_of(row)))
            counter.lihat(b.nomor, row["tanggal_diterima"])
            krow.append(row)
            info = dasar_p.get(row.get("permohonan_id") or "")
            atas = f"Keberatan atas permohonan {info[0]} diimpor" if info else "Keberatan diimpor"
            hrow.append(_riwayat(actor, "keberatan", row["id"], "diimpor", row["status"], _catatan(b, atas)))
        bulk_insert(session, Keberatan, krow, "impor keberatan")
        bulk_insert(session, RiwayatLayanan, hrow, "impor riwayat keberatan")
    for b in rows:
        if b.id is None:
            continue
        k = session.get(Keberatan, b.id)
        if k is None:
            raise UserError(f"Keberatan {b.nomor} sudah dihapus atau diubah sejak uji coba. Tidak ada yang "
                            "disimpan; jalankan uji coba lagi.")
        for f, v in b.data.items():
            if f == "nik":
                set_nik(k, v)
            else:
                setattr(k, f, v)
        for f, v in _tenggat_keberatan(cal, versi, k.tanggal_diterima, dasar_of(b.data | {
                "tanggal_diterima": k.tanggal_diterima, "permohonan_id": k.permohonan_id,
                "tanggal_dasar": b.data.get("tanggal_dasar")})).items():
            setattr(k, f, v)
        session.add(k)
        Inti.event(session, actor, "keberatan", k.id, "diperbarui", "", k.status, _catatan(b, "Diperbarui"))
    counter.simpan(session)
    return len(rows)


__all__ = ["BATCH", "BarisImpor", "impor_keberatan", "impor_permohonan", "tanggal_dasar"]
