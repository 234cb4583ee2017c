"""MonevService: instruments, programmes, field sessions, evidence, sanggah, rekomendasi.

Every answer is written in its own small unit of work the moment it is given (WAL, and
``synchronous=FULL`` on that connection so a power cut after the call returns loses nothing).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import func
from sqlmodel import Session, col, select

from ppid_desktop.akun import roles as R
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.base import utcnow
from ppid_desktop.core.clock import SYSTEM_CLOCK, Clock
from ppid_desktop.core.db import Store, bulk_insert
from ppid_desktop.core.errors import UserError, ValidationError
from ppid_desktop.core.identitas import IdentitasError, digits_only, parse_nip
from ppid_desktop.master.models import Pegawai, PerangkatDaerah
from ppid_desktop.monev import instrumen as I
from ppid_desktop.monev import skor as S
from ppid_desktop.monev import tindak_lanjut as TL
from ppid_desktop.monev.bukti import periksa_berkas
from ppid_desktop.monev.models import (
    STATUS_JADWAL,
    STATUS_TL,
    Bukti,
    Instrumen,
    Jadwal,
    Jawaban,
    Program,
    Rekomendasi,
    Responden,
    Sanggah,
    Sesi,
    TimMonev,
    TindakLanjut,
)

NOT_DELETED = False
STATUS_PROGRAM = ("aktif", "selesai")


class _Keep:
    """Sentinel: leave a field unchanged."""


_IsianT = TypeVar("_IsianT", Responden, Bukti)

PERAN_TIM = ("Ketua", "Sekretaris", "Verifikator", "Anggota")


@dataclass
class SesiData:
    """Everything the field form needs, loaded in one read."""

    sesi: Sesi
    program: Program
    opd: PerangkatDaerah
    jadwal: Jadwal
    defn: I.Definisi
    jawaban: dict[str, Jawaban]
    bukti: dict[str, list[Bukti]]
    responden: list[Responden]
    sanggah: list[Sanggah] = field(default_factory=list)

    @property
    def terkunci(self) -> bool:
        return self.sesi.status != "draf"

    def isian(self) -> dict[str, S.Isian]:
        return {k: S.Isian(j.nilai, j.na, j.nilai_verifikasi) for k, j in self.jawaban.items()}

    def hasil(self) -> S.Hasil:
        return S.hitung(self.defn, self.isian(), S.nilai_tahap(self.sesi.nilai_tahap))


def _kemajuan(c: dict[str, int]) -> dict[str, int]:
    """Progress counts of a programme from its schedule-status counts."""
    return {
        "opd": sum(c.values()),
        "dikunjungi": sum(c[k] for k in ("berlangsung", "selesai", "difinalkan", "diverifikasi")),
        "difinalkan": c["difinalkan"] + c["diverifikasi"],
        "diverifikasi": c["diverifikasi"],
    }


class MonevService:
    def __init__(self, store: Store, master: Any, *, clock: Clock = SYSTEM_CLOCK) -> None:
        self.store = store
        self.master = master
        self.clock = clock

    # ================================================================ instruments
    def list_instrumen(self, kode: str | None = None) -> list[Instrumen]:
        with self.store.read() as s:
            stmt = select(Instrumen).where(Instrumen.deleted == NOT_DELETED)
            if kode:
                stmt = stmt.where(Instrumen.kode == kode)
            return list(s.exec(stmt.order_by(col(Instrumen.kode), col(Instrumen.versi).desc())))

    def get_instrumen(self, instrumen_id: str) -> Instrumen:
        with self.store.read() as s:
            row: Instrumen | None = s.get(Instrumen, instrumen_id)
        if row is None or row.deleted:
            raise UserError("Instrumen tidak ditemukan.")
        return row

    def definisi(self, instrumen_id: str) -> I.Definisi:
        return S.definisi_of(self.get_instrumen(instrumen_id))

    def save_instrumen(self, actor: Actor, data: dict[str, Any]) -> Instrumen:
        """Validate and save (new version if the latest is published). See ``instrumen.save``."""
        row: Instrumen = I.save(self.store, actor, data)
        return row

    def terbitkan(self, actor: Actor, instrumen_id: str) -> Instrumen:
        R.require(actor, R.MONEV_KELOLA)
        with self.store.session(actor) as s:
            row = s.get(Instrumen, instrumen_id)
            if row is None or row.deleted:
                raise UserError("Instrumen tidak ditemukan.")
            if row.status != "terbit":
                row.status = "terbit"
                row.diterbitkan_at = utcnow()
                s.add(row)
        return row

    def impor_templat(self, actor: Actor, name: str, terbitkan: bool = True) -> Instrumen:
        row = self.save_instrumen(actor, I.load_template(name))
        return self.terbitkan(actor, row.id) if terbitkan else row

    # ================================================================= programmes
    def buat_program(self, actor: Actor, nama: str, instrumen_id: str, opd_ids: list[str], *, periode: str = "",
                     tanggal_mulai: date | None = None, tanggal_selesai: date | None = None,
                     durasi_menit: int | None = None, dasar: str = "") -> Program:
        R.require(actor, R.MONEV_KELOLA)
        problems: dict[str, str] = {}
        if not nama.strip():
            problems["nama"] = "Nama program wajib diisi."
        if tanggal_mulai and tanggal_selesai and tanggal_selesai < tanggal_mulai:
            problems["tanggal_selesai"] = "Tanggal selesai tidak boleh sebelum tanggal mulai."
        if not opd_ids:
            problems["opd"] = "Pilih minimal satu perangkat daerah sasaran."
        if problems:
            raise ValidationError(problems)
        inst = self.get_instrumen(instrumen_id)
        if inst.status != "terbit":
            raise UserError(f"Instrumen {inst.nama} versi {inst.versi} masih draf: terbitkan dahulu sebelum dipakai program.")
        defn = S.definisi_of(inst)
        with self.store.session(actor) as s:
            prog = Program(nama=nama.strip(), periode=periode.strip(), instrumen_id=instrumen_id,
                           tanggal_mulai=tanggal_mulai, tanggal_selesai=tanggal_selesai,
                           durasi_menit=durasi_menit or defn.durasi_menit, dasar=dasar)
            s.add(prog)
            s.flush()
            self._add_opd(s, prog.id, opd_ids)
        return prog

    def _add_opd(self, s: Session, program_id: str, opd_ids: list[str]) -> int:
        have = set(s.exec(select(Jadwal.opd_id).where(Jadwal.program_id == program_id, Jadwal.deleted == NOT_DELETED)))
        n = 0
        for oid in dict.fromkeys(opd_ids):
            if oid in have:
                continue
            if s.get(PerangkatDaerah, oid) is None:
                raise UserError("Perangkat daerah sasaran tidak ditemukan.")
            s.add(Jadwal(program_id=program_id, opd_id=oid))
            n += 1
        return n

    def tambah_opd(self, actor: Actor, program_id: str, opd_ids: list[str]) -> int:
        R.require(actor, R.MONEV_KELOLA)
        with self.store.session(actor) as s:
            return self._add_opd(s, program_id, opd_ids)

    def ubah_program(self, actor: Actor, program_id: str, **fields: Any) -> Program:
        """Change programme fields (validated; see ``simpan_program`` for the whole form in one go)."""
        return self.simpan_program(actor, program_id, data=fields)

    def _cek_program(self, prog: Program, fields: dict[str, Any], problems: dict[str, str]) -> None:
        allowed = {"nama", "periode", "tanggal_mulai", "tanggal_selesai", "durasi_menit", "dasar", "status"}
        for k in fields:
            if k not in allowed:
                raise UserError(f"Isian '{k}' tidak dapat diubah.")
        if "nama" in fields and not str(fields["nama"] or "").strip():
            problems["nama"] = "Nama program wajib diisi."
        if "status" in fields and fields["status"] not in STATUS_PROGRAM:
            problems["status"] = "Status program harus aktif atau selesai."
        if "durasi_menit" in fields:
            try:
                ok = 1 <= int(fields["durasi_menit"]) <= 1440
            except (TypeError, ValueError):
                ok = False
            if not ok:
                problems["durasi_menit"] = "Durasi kunjungan harus 1–1440 menit."
        mulai = fields.get("tanggal_mulai", prog.tanggal_mulai)
        selesai = fields.get("tanggal_selesai", prog.tanggal_selesai)
        if mulai and selesai and selesai < mulai:
            problems["tanggal_selesai"] = "Tanggal selesai tidak boleh sebelum tanggal mulai."

    @staticmethod
    def _jam(jam: str) -> str | None:
        jam = (jam or "").strip()
        if not jam:
            return ""
        try:
            datetime.strptime(jam.replace(".", ":"), "%H:%M")
        except ValueError:
            return None
        return jam.replace(":", ".")

    def simpan_program(self, actor: Actor, program_id: str, *, data: dict[str, Any] | None = None,
                       jadwal: dict[str, tuple[date | None, str, str]] | None = None,
                       opd_tambah: list[str] | None = None, opd_hapus: list[str] | None = None,
                       tim: list[tuple[str, str]] | None = None) -> Program:
        """Save the whole programme form in ONE unit of work: fields (``data``), the schedule per target
        OPD (``jadwal`` = {jadwal_id, or the opd id of an OPD in ``opd_tambah``: (tanggal, jam, tempat)}), OPDs to add (ids) or remove (jadwal ids;
        only while no session has started), and the Tim Monev (``[(pegawai_id, peran)]``, replaces).

        Every problem is collected first (``ValidationError`` with Indonesian messages; keys ``nama``,
        ``status``, ``tanggal_selesai``, ``durasi_menit``, ``jadwal``, ``opd``, ``tim``); nothing is
        written unless everything is valid.
        """
        R.require(actor, R.MONEV_KELOLA)
        data = dict(data or {})
        if "nama" in data and isinstance(data["nama"], str):
            data["nama"] = data["nama"].strip()
        problems: dict[str, str] = {}
        with self.store.session(actor) as s:
            prog = s.get(Program, program_id)
            if prog is None or prog.deleted:
                raise UserError("Program monev tidak ditemukan.")
            self._cek_program(prog, data, problems)
            mulai = data.get("tanggal_mulai", prog.tanggal_mulai)
            selesai = data.get("tanggal_selesai", prog.tanggal_selesai)
            rows = {j.id: j for j in s.exec(select(Jadwal).where(Jadwal.program_id == program_id,
                                                                 Jadwal.deleted == NOT_DELETED))}
            names = {o.id: o.nama for o in s.exec(select(PerangkatDaerah))}
            jadwal_msgs: list[str] = []
            clean: dict[str, tuple[date | None, str, str]] = {}
            baru = set(opd_tambah or [])
            for jid, (tgl, jam, tempat) in (jadwal or {}).items():
                j = rows.get(jid)
                if j is None and jid not in baru:
                    jadwal_msgs.append("Jadwal tidak ditemukan (mungkin sudah dihapus).")
                    continue
                nama = names.get(j.opd_id if j else jid, "?")
                jam_ok = self._jam(jam)
                if jam_ok is None:
                    jadwal_msgs.append(f"{nama}: jam '{jam}' tidak valid (contoh 09.00).")
                if tgl and mulai and selesai and not (mulai <= tgl <= selesai):
                    jadwal_msgs.append(f"{nama}: tanggal kunjungan di luar periode program.")
                clean[jid] = (tgl, jam_ok or "", (tempat or "").strip())
            hapus: list[Jadwal] = []
            for jid in opd_hapus or []:
                j = rows.get(jid)
                if j is None:
                    continue
                started = s.exec(select(Sesi.id).where(Sesi.jadwal_id == jid, Sesi.deleted == NOT_DELETED)).first()
                if started or j.status != "dijadwalkan":
                    jadwal_msgs.append(f"{names.get(j.opd_id, '?')}: sesi sudah dimulai, perangkat daerah tidak "
                                       "dapat dihapus dari sasaran.")
                else:
                    hapus.append(j)
            if jadwal_msgs:
                problems["jadwal"] = " ".join(jadwal_msgs)
            for oid in opd_tambah or []:
                if oid not in names:
                    problems["opd"] = "Perangkat daerah sasaran tidak ditemukan."
            remaining = {j.opd_id for j in rows.values()} - {j.opd_id for j in hapus} | set(opd_tambah or [])
            if not remaining:
                problems["opd"] = "Program harus memiliki minimal satu perangkat daerah sasaran."
            if tim is not None:
                seen: set[str] = set()
                for pid, peran in tim:
                    peg = s.get(Pegawai, pid)
                    if peg is None or peg.deleted:
                        problems["tim"] = "Pegawai anggota Tim Monev tidak ditemukan."
                    elif pid in seen:
                        problems["tim"] = f"{peg.nama} tercantum lebih dari sekali dalam Tim Monev."
                    elif peran and peran not in PERAN_TIM:
                        problems["tim"] = f"Peran '{peran}' tidak dikenal ({', '.join(PERAN_TIM)})."
                    seen.add(pid)
                if sum(1 for _, peran in tim if peran == "Ketua") > 1:
                    problems["tim"] = "Tim Monev hanya boleh memiliki satu Ketua."
            if problems:
                raise ValidationError(problems)
            for k, v in data.items():
                setattr(prog, k, int(v) if k == "durasi_menit" else v)
            s.add(prog)
            for j in hapus:
                j.deleted = True
                s.add(j)
            if opd_tambah:
                s.flush()
                self._add_opd(s, program_id, opd_tambah)
                s.flush()
                rows.update({j.opd_id: j for j in s.exec(select(Jadwal).where(
                    Jadwal.program_id == program_id, Jadwal.deleted == NOT_DELETED, col(Jadwal.opd_id).in_(baru)))})
            for jid, (tgl, jam, tempat) in clean.items():
                j = rows[jid]
                j.tanggal, j.jam, j.tempat = tgl, jam, tempat
                s.add(j)
            if tim is not None:
                self._set_tim(s, program_id, tim)
        return prog

    def hapus_opd(self, actor: Actor, jadwal_id: str) -> None:
        """Remove a target OPD before its session has started."""
        with self.store.read() as s:
            j = s.get(Jadwal, jadwal_id)
        if j is None or j.deleted:
            raise UserError("Jadwal tidak ditemukan.")
        self.simpan_program(actor, j.program_id, opd_hapus=[jadwal_id])

    def list_program(self) -> list[dict[str, Any]]:
        with self.store.read() as s:
            progs = list(s.exec(select(Program).where(Program.deleted == NOT_DELETED)
                                .order_by(col(Program.tanggal_mulai).desc(), col(Program.nama))))
            counts: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(STATUS_JADWAL, 0))
            for pid, status, n in s.exec(
                select(Jadwal.program_id, Jadwal.status, func.count()).where(Jadwal.deleted == NOT_DELETED)
                .group_by(Jadwal.program_id, Jadwal.status)
            ):
                counts[pid][status] = n
            insts = {i.id: i for i in s.exec(select(Instrumen))}
        out = []
        for p in progs:
            c = counts[p.id]
            inst = insts.get(p.instrumen_id)
            out.append({
                "id": p.id, "nama": p.nama, "periode": p.periode, "tanggal_mulai": p.tanggal_mulai,
                "tanggal_selesai": p.tanggal_selesai, "status": p.status,
                "instrumen": inst.nama if inst else "", "instrumen_versi": inst.versi if inst else None,
                "jenis": inst.jenis if inst else "", **_kemajuan(c),
            })
        return out

    def get_program(self, program_id: str) -> Program:
        with self.store.read() as s:
            p = s.get(Program, program_id)
        if p is None or p.deleted:
            raise UserError("Program monev tidak ditemukan.")
        return p

    def cari_program(self, ref: str) -> Program:
        """By id, id prefix or exact name (CLI)."""
        with self.store.read() as s:
            rows = list(s.exec(select(Program).where(Program.deleted == NOT_DELETED)))
        for p in rows:
            if p.id == ref or p.nama == ref:
                return p
        pref = [p for p in rows if p.id.startswith(ref)]
        if len(pref) == 1:
            return pref[0]
        raise UserError(f"Program monev '{ref}' tidak ditemukan" + (" (awalan id ambigu)." if pref else "."))

    def list_jadwal(self, program_id: str) -> list[tuple[Jadwal, PerangkatDaerah]]:
        with self.store.read() as s:
            return [(j, o) for j, o in s.exec(
                select(Jadwal, PerangkatDaerah).join(PerangkatDaerah, PerangkatDaerah.id == Jadwal.opd_id)  # type: ignore[arg-type]
                .where(Jadwal.program_id == program_id, Jadwal.deleted == NOT_DELETED)
                .order_by(col(Jadwal.tanggal), col(Jadwal.jam), col(PerangkatDaerah.kode)))]

    def atur_jadwal(self, actor: Actor, jadwal_id: str, tanggal: date | None, jam: str = "", tempat: str = "") -> Jadwal:
        R.require(actor, R.MONEV_KELOLA)
        jam_ok = self._jam(jam)
        if jam_ok is None:
            raise ValidationError({"jam": f"Jam '{jam.strip()}' tidak valid (contoh 09.00)."})
        with self.store.session(actor) as s:
            j = s.get(Jadwal, jadwal_id)
            if j is None:
                raise UserError("Jadwal tidak ditemukan.")
            prog = s.get(Program, j.program_id)
            if tanggal and prog and prog.tanggal_mulai and prog.tanggal_selesai and not (
                    prog.tanggal_mulai <= tanggal <= prog.tanggal_selesai):
                raise ValidationError({"tanggal": "Tanggal kunjungan di luar periode program."})
            j.tanggal, j.jam, j.tempat = tanggal, jam_ok, tempat.strip()
            s.add(j)
        return j

    def atur_tim(self, actor: Actor, program_id: str, anggota: list[tuple[str, str]]) -> None:
        """Replace the Tim Monev of a programme: ``[(pegawai_id, peran)]``."""
        R.require(actor, R.MONEV_KELOLA)
        with self.store.session(actor) as s:
            self._set_tim(s, program_id, anggota)

    def _set_tim(self, s: Session, program_id: str, anggota: list[tuple[str, str]]) -> None:
        have = list(s.exec(select(TimMonev).where(TimMonev.program_id == program_id,
                                                  TimMonev.deleted == NOT_DELETED)))
        want = [(pid, peran or "Anggota") for pid, peran in anggota]
        if sorted((t.pegawai_id, t.peran) for t in have) == sorted(want):
            return
        for t in have:
            t.deleted = True
            s.add(t)
        for pid, peran in want:
            if s.get(Pegawai, pid) is None:
                raise UserError("Pegawai anggota Tim Monev tidak ditemukan.")
            s.add(TimMonev(program_id=program_id, pegawai_id=pid, peran=peran))

    def list_tim(self, program_id: str) -> list[tuple[TimMonev, Pegawai]]:
        order = {"Ketua": 0, "Sekretaris": 1, "Verifikator": 2}
        with self.store.read() as s:
            rows = list(s.exec(select(TimMonev, Pegawai).join(Pegawai, Pegawai.id == TimMonev.pegawai_id)  # type: ignore[arg-type]
                               .where(TimMonev.program_id == program_id, TimMonev.deleted == NOT_DELETED)))
        return sorted(rows, key=lambda r: (order.get(r[0].peran, 9), r[1].nama))

    # =================================================================== sessions
    def _sesi(self, s: Session, sesi_id: str, *, edit: bool = False) -> Sesi:
        row = s.get(Sesi, sesi_id)
        if row is None or row.deleted:
            raise UserError("Sesi monev tidak ditemukan.")
        if edit and row.status != "draf":
            raise UserError("Sesi ini sudah difinalkan dan terkunci. Buat revisi untuk melakukan koreksi.")
        return row

    @staticmethod
    def _baris_jawaban(s: Session, se: Sesi, kode: str) -> Jawaban:
        """The live answer row of question ``kode`` in session ``se``, or a new (unsaved) one."""
        row = s.exec(select(Jawaban).where(Jawaban.sesi_id == se.id, Jawaban.pertanyaan == kode,
                                           Jawaban.deleted == NOT_DELETED)).first()
        if row is None:
            row = Jawaban(sesi_id=se.id, pertanyaan=kode, instrumen_id=se.instrumen_id,
                          instrumen_versi=se.instrumen_versi)
        return row

    @staticmethod
    def _sesi_berjalan(s: Session, jadwal_id: str) -> Sesi | None:
        """The current (not superseded) revision of the session of a scheduled OPD."""
        return s.exec(select(Sesi).where(Sesi.jadwal_id == jadwal_id, Sesi.deleted == NOT_DELETED,
                                         Sesi.status != "diganti")).first()

    def mulai_sesi(self, actor: Actor, jadwal_id: str) -> Sesi:
        """Open (or return) the current session of a scheduled OPD; status becomes ``berlangsung``."""
        R.require(actor, R.MONEV_LAPANGAN)
        with self.store.session(actor) as s:
            j = s.get(Jadwal, jadwal_id)
            if j is None or j.deleted:
                raise UserError("Jadwal tidak ditemukan.")
            cur = self._sesi_berjalan(s, jadwal_id)
            if cur is not None:
                if cur.mulai_at is None:
                    cur.mulai_at = utcnow()
                    s.add(cur)
                return cur
            prog = s.get(Program, j.program_id)
            assert prog is not None
            inst = s.get(Instrumen, prog.instrumen_id)
            assert inst is not None
            cur = Sesi(program_id=prog.id, jadwal_id=j.id, opd_id=j.opd_id, instrumen_id=inst.id,
                       instrumen_versi=inst.versi, mulai_at=utcnow())
            s.add(cur)
            if j.status == "dijadwalkan":
                j.status = "berlangsung"
                s.add(j)
        return cur

    def sesi_jadwal(self, jadwal_id: str) -> Sesi | None:
        with self.store.read() as s:
            return self._sesi_berjalan(s, jadwal_id)

    def get_sesi(self, sesi_id: str) -> Sesi:
        with self.store.read() as s:
            return self._sesi(s, sesi_id)

    def list_sesi(self, program_id: str | None = None, semua_revisi: bool = False) -> list[dict[str, Any]]:
        with self.store.read() as s:
            stmt = (select(Sesi, PerangkatDaerah, Program)
                    .join(PerangkatDaerah, PerangkatDaerah.id == Sesi.opd_id)  # type: ignore[arg-type]
                    .join(Program, Program.id == Sesi.program_id)  # type: ignore[arg-type]
                    .where(Sesi.deleted == NOT_DELETED))
            if program_id:
                stmt = stmt.where(Sesi.program_id == program_id)
            if not semua_revisi:
                stmt = stmt.where(Sesi.status != "diganti")
            rows = list(s.exec(stmt.order_by(col(Program.nama), col(PerangkatDaerah.kode), col(Sesi.revisi))))
            counts = dict(s.exec(select(Jawaban.sesi_id, func.count()).where(
                Jawaban.deleted == NOT_DELETED, (Jawaban.nilai.is_not(None)) | (Jawaban.na == True))  # type: ignore[union-attr]  # noqa: E712
                .group_by(Jawaban.sesi_id)).all())
            jad = {j.id: j for j in s.exec(select(Jadwal).where(Jadwal.deleted == NOT_DELETED))}
            insts = {i.id: i for i in s.exec(select(Instrumen))}
        return [{
            "id": se.id, "program_id": p.id, "program": p.nama, "opd": o.nama, "opd_kode": o.kode,
            "revisi": se.revisi, "status": se.status, "status_jadwal": jad[se.jadwal_id].status if se.jadwal_id in jad else "",
            "instrumen_versi": se.instrumen_versi, "mulai": se.mulai_at, "final": se.final_at,
            "terjawab": counts.get(se.id, 0), "jumlah_pertanyaan": insts[se.instrumen_id].jumlah_pertanyaan,
        } for se, o, p in rows]

    def muat_sesi(self, sesi_id: str) -> SesiData:
        """Load a session with its instrument version, answers, evidence and respondents."""
        with self.store.read() as s:
            se = self._sesi(s, sesi_id)
            prog = s.get(Program, se.program_id)
            opd = s.get(PerangkatDaerah, se.opd_id)
            jad = s.get(Jadwal, se.jadwal_id)
            inst = s.get(Instrumen, se.instrumen_id)
            jaw = {j.pertanyaan: j for j in s.exec(select(Jawaban).where(Jawaban.sesi_id == sesi_id,
                                                                       Jawaban.deleted == NOT_DELETED))}
            bukti: dict[str, list[Bukti]] = defaultdict(list)
            for b in s.exec(select(Bukti).where(Bukti.sesi_id == sesi_id, Bukti.deleted == NOT_DELETED)
                            .order_by(col(Bukti.created_at))):
                bukti[b.pertanyaan].append(b)
            resp = list(s.exec(select(Responden).where(Responden.sesi_id == sesi_id, Responden.deleted == NOT_DELETED)
                               .order_by(col(Responden.created_at))))
            sang = self._sanggah_jadwal(s, se.jadwal_id)
        assert prog and opd and jad and inst
        return SesiData(se, prog, opd, jad, S.definisi_of(inst), jaw, dict(bukti), resp, sang)

    def jawab(self, actor: Actor, sesi_id: str, kode: str, nilai: Any = None, *, na: bool = False,
              catatan: str | None = None, verifikasi: bool = False) -> Jawaban:
        """Save ONE answer now, in its own transaction. ``verifikasi=True`` writes the verifier column.

        Raises ``UserError`` for an answer outside its range, N/A where not allowed, or a locked session.
        """
        R.require(actor, R.MONEV_VERIFIKASI if verifikasi else R.MONEV_LAPANGAN)
        with self.store.session(actor) as s:
            s.connection().exec_driver_sql("PRAGMA synchronous=FULL")
            se = self._sesi(s, sesi_id, edit=True)
            inst = s.get(Instrumen, se.instrumen_id)
            q = S.definisi_of(inst).get(kode)
            if na and not q.boleh_na:
                raise UserError(f"Pertanyaan {q.kode} tidak boleh dijawab N/A (tidak berlaku).")
            stored = None if na else I.normalise_answer(q, nilai)
            row = self._baris_jawaban(s, se, kode)
            if verifikasi:
                row.nilai_verifikasi = stored
                if catatan is not None:
                    row.catatan_verifikasi = catatan
            else:
                row.nilai = stored
                row.na = na
                if catatan is not None:
                    row.catatan = catatan
            row.dijawab_at = utcnow()
            s.add(row)
        return row

    def catat(self, actor: Actor, sesi_id: str, kode: str, catatan: str, verifikasi: bool = False) -> Jawaban:
        """Save the note of a question (without touching its answer); ``verifikasi=True`` writes the
        verifier's note and needs the verifier's permission, as in ``jawab``."""
        R.require(actor, R.MONEV_VERIFIKASI if verifikasi else R.MONEV_LAPANGAN)
        with self.store.session(actor) as s:
            s.connection().exec_driver_sql("PRAGMA synchronous=FULL")
            se = self._sesi(s, sesi_id, edit=True)
            S.definisi_of(s.get(Instrumen, se.instrumen_id)).get(kode)
            row = self._baris_jawaban(s, se, kode)
            if verifikasi:
                row.catatan_verifikasi = catatan.strip()
            else:
                row.catatan = catatan.strip()
            s.add(row)
        return row

    def set_nilai_tahap(self, actor: Actor, sesi_id: str, kode_tahap: str, nilai: float | None) -> None:
        """Enter the score of an ``input`` stage (e.g. visitasi) on the instrument scale."""
        R.require(actor, R.MONEV_VERIFIKASI)
        with self.store.session(actor) as s:
            se = self._sesi(s, sesi_id)
            if se.status == "diganti":
                raise UserError("Sesi ini sudah diganti revisi yang lebih baru.")
            defn = S.definisi_of(s.get(Instrumen, se.instrumen_id))
            tahap = next((t for t in defn.tahap if t.kode == kode_tahap and t.sumber == "input"), None)
            if tahap is None:
                raise UserError(f"Tahap '{kode_tahap}' tidak ada atau tidak diisi manual pada instrumen ini.")
            if nilai is not None and not 0 <= float(nilai) <= defn.skala:
                raise ValidationError({"nilai": f"Nilai {tahap.nama} harus antara 0 dan {defn.skala:g}."})
            d = json.loads(se.nilai_tahap or "{}")
            d[kode_tahap] = None if nilai is None else float(nilai)
            se.nilai_tahap = json.dumps(d)
            s.add(se)

    def tambah_responden(self, actor: Actor, sesi_id: str, nama: str, jabatan: str = "", nip: str = "",
                         telepon: str = "") -> Responden:
        R.require(actor, R.MONEV_LAPANGAN)
        problems: dict[str, str] = {}
        if not nama.strip():
            problems["nama"] = "Nama narasumber wajib diisi."
        if nip.strip():
            try:
                nip = parse_nip(nip).nip
            except IdentitasError as exc:
                problems["nip"] = exc.message
        tel = digits_only(telepon).lstrip("+")
        if telepon.strip() and (not tel.isdigit() or not 8 <= len(tel) <= 15):
            problems["telepon"] = "Nomor telepon harus 8–15 digit angka."
        if problems:
            raise ValidationError(problems)
        with self.store.session(actor) as s:
            self._sesi(s, sesi_id, edit=True)
            row = Responden(sesi_id=sesi_id, nama=nama.strip(), jabatan=jabatan.strip(), nip=nip, telepon=telepon.strip())
            s.add(row)
        return row

    def _hapus_isian(self, actor: Actor, model: type[_IsianT], row_id: str, hilang: str) -> None:
        """Tombstone a respondent or an evidence item of a session that is still a draft."""
        R.require(actor, R.MONEV_LAPANGAN)
        with self.store.session(actor) as s:
            row = s.get(model, row_id)
            if row is None:
                raise UserError(hilang)
            self._sesi(s, row.sesi_id, edit=True)
            row.deleted = True
            s.add(row)

    def hapus_responden(self, actor: Actor, responden_id: str) -> None:
        self._hapus_isian(actor, Responden, responden_id, "Narasumber tidak ditemukan.")

    def tambah_bukti(self, actor: Actor, sesi_id: str, kode: str, path: Path | str | None = None, *,
                     url: str = "", keterangan: str = "", jenis: str | None = None) -> Bukti:
        """Attach evidence: a file/photo (copied by content hash; EXIF time and GPS read) or a link."""
        R.require(actor, R.MONEV_LAPANGAN)
        from ppid_desktop.master.service import store_attachment

        se = self.get_sesi(sesi_id)
        if se.status != "draf":
            raise UserError("Sesi ini sudah difinalkan dan terkunci. Buat revisi untuk melakukan koreksi.")
        q = self.definisi(se.instrumen_id).get(kode)
        if path is None:
            url = url.strip()
            if not url.lower().startswith(("http://", "https://")):
                raise ValidationError({"url": "Tautan bukti harus diawali http:// atau https://."})
            row = Bukti(sesi_id=sesi_id, pertanyaan=q.kode, jenis="tautan", url=url, keterangan=keterangan.strip())
        else:
            info = periksa_berkas(path, jenis or ("foto" if q.bukti == "foto" else "berkas"))
            digest = store_attachment(self.store, Path(path))
            row = Bukti(sesi_id=sesi_id, pertanyaan=q.kode, jenis="foto" if info.foto else "berkas", sha256=digest,
                        nama_berkas=info.nama, ukuran=info.ukuran, diambil_at=info.diambil_at, lat=info.lat,
                        lon=info.lon, keterangan=keterangan.strip())
        with self.store.session(actor) as s:
            self._sesi(s, sesi_id, edit=True)
            s.add(row)
        return row

    def hapus_bukti(self, actor: Actor, bukti_id: str) -> None:
        self._hapus_isian(actor, Bukti, bukti_id, "Bukti tidak ditemukan.")

    def path_bukti(self, bukti: Bukti) -> Path | None:
        from ppid_desktop.master.service import attachment_path

        return attachment_path(self.store, bukti.sha256) if bukti.sha256 else None

    def kelengkapan(self, sesi_id: str, data: SesiData | None = None) -> list[str]:
        """What still blocks finalising: required answers, required evidence, respondents."""
        d = data or self.muat_sesi(sesi_id)
        out: list[str] = []
        if not d.responden:
            out.append("Belum ada narasumber yang dicatat.")
        for q in d.defn.pertanyaan():
            j = d.jawaban.get(q.kode)
            answered = j is not None and (j.na or j.nilai is not None)
            if q.wajib and not answered:
                out.append(f"{q.kode}: belum dijawab — {q.teks[:80]}")
            if q.bukti and q.wajib and not (j is not None and j.na) and not d.bukti.get(q.kode):
                out.append(f"{q.kode}: bukti ({I.JENIS_BUKTI[q.bukti].lower()}) belum dilampirkan")
        return out

    def akhiri_kunjungan(self, actor: Actor, sesi_id: str) -> None:
        R.require(actor, R.MONEV_LAPANGAN)
        with self.store.session(actor) as s:
            se = self._sesi(s, sesi_id, edit=True)
            se.selesai_at = utcnow()
            s.add(se)
            j = s.get(Jadwal, se.jadwal_id)
            if j and j.status in ("dijadwalkan", "berlangsung"):
                j.status = "selesai"
                s.add(j)

    def finalisasi(self, actor: Actor, sesi_id: str, tanggal_ba: date | None = None, paksa: bool = False) -> Sesi:
        """Lock the session after the completeness check; numbers the berita acara."""
        R.require(actor, R.MONEV_LAPANGAN)
        problems = self.kelengkapan(sesi_id)
        if problems and not paksa:
            more = f"\n… dan {len(problems) - 10} lainnya." if len(problems) > 10 else ""
            raise UserError("Sesi belum lengkap dan belum dapat difinalkan:\n" +
                            "\n".join(f"- {p}" for p in problems[:10]) + more)
        tgl = tanggal_ba or date.today()
        with self.store.session(actor) as s:
            se = self._sesi(s, sesi_id, edit=True)
            now = utcnow()
            se.status = "final"
            se.final_at = now
            se.final_oleh = actor.username
            se.selesai_at = se.selesai_at or now
            if not se.ba_nomor:
                se.ba_nomor = self.master.nomor_berikut(s, "berita_acara", tgl)
                se.ba_tanggal = tgl
            s.add(se)
            j = s.get(Jadwal, se.jadwal_id)
            if j is not None:
                j.status = "difinalkan"
                s.add(j)
        return se

    def verifikasi(self, actor: Actor, sesi_id: str) -> Sesi:
        R.require(actor, R.MONEV_VERIFIKASI)
        with self.store.session(actor) as s:
            se = self._sesi(s, sesi_id)
            if se.status != "final":
                raise UserError("Hanya sesi yang sudah difinalkan yang dapat diverifikasi.")
            se.verifikasi_at = utcnow()
            se.verifikasi_oleh = actor.username
            s.add(se)
            j = s.get(Jadwal, se.jadwal_id)
            if j is not None:
                j.status = "diverifikasi"
                s.add(j)
        return se

    def jawab_verifikasi_final(self, actor: Actor, sesi_id: str, kode: str, nilai: Any, catatan: str = "") -> Jawaban:
        """The verifier's score on a FINALISED session (verification happens after the visit); like
        ``jawab``, ONE answer in its own transaction with ``synchronous=FULL``."""
        R.require(actor, R.MONEV_VERIFIKASI)
        with self.store.session(actor) as s:
            s.connection().exec_driver_sql("PRAGMA synchronous=FULL")
            se = self._sesi(s, sesi_id)
            if se.status == "diganti" or se.verifikasi_at is not None:
                raise UserError("Sesi ini sudah diverifikasi atau diganti; gunakan sanggah atau revisi.")
            q = S.definisi_of(s.get(Instrumen, se.instrumen_id)).get(kode)
            stored = I.normalise_answer(q, nilai)
            row = self._baris_jawaban(s, se, kode)
            row.nilai_verifikasi = stored
            if catatan:
                row.catatan_verifikasi = catatan
            s.add(row)
        return row

    def revisi(self, actor: Actor, sesi_id: str, alasan: str) -> Sesi:
        """Correct a finalised session: a NEW revision (draft) copying answers, evidence and respondents;
        the old one is kept as ``diganti`` (history)."""
        R.require(actor, R.MONEV_LAPANGAN)
        if not alasan.strip():
            raise ValidationError({"alasan": "Alasan revisi wajib diisi."})
        with self.store.session(actor) as s:
            old = self._sesi(s, sesi_id)
            if old.status != "final":
                raise UserError("Hanya sesi yang sudah difinalkan yang dapat direvisi; sesi draf dapat langsung diubah.")
            new = self._revisi_in(s, old, alasan.strip())
            j = s.get(Jadwal, old.jadwal_id)
            if j is not None:
                j.status = "selesai"
                s.add(j)
        return new

    def _revisi_in(self, s: Session, old: Sesi, alasan: str, *, tetap_final: bool = False) -> Sesi:
        """Inside a unit of work: copy ``old`` into revision n+1 and mark ``old`` as ``diganti``.

        ``tetap_final``: the new revision keeps the final/verified state and the berita acara number
        (used when an accepted sanggah corrects a locked session)."""
        new = Sesi(program_id=old.program_id, jadwal_id=old.jadwal_id, opd_id=old.opd_id,
                   instrumen_id=old.instrumen_id, instrumen_versi=old.instrumen_versi, revisi=old.revisi + 1,
                   sebelumnya_id=old.id, alasan_revisi=alasan, status="draf", mulai_at=old.mulai_at,
                   selesai_at=old.selesai_at, nilai_tahap=old.nilai_tahap, catatan=old.catatan)
        if tetap_final:
            new.status, new.final_at, new.final_oleh = "final", old.final_at, old.final_oleh
            new.verifikasi_at, new.verifikasi_oleh = old.verifikasi_at, old.verifikasi_oleh
            new.ba_nomor, new.ba_tanggal = old.ba_nomor, old.ba_tanggal
        s.add(new)
        s.flush()
        skip = {"id", "created_at", "updated_at", "created_by", "updated_by", "device_id", "rev", "sesi_id"}

        def copy(model: Any, rows: list[Any]) -> None:
            cols = [c.key for c in model.__table__.columns if c.key not in skip]
            bulk_insert(s, model, [{**{c: getattr(r, c) for c in cols}, "sesi_id": new.id} for r in rows],
                        f"revisi {new.revisi} sesi monev")

        for model in (Jawaban, Bukti, Responden):
            m: Any = model
            copy(m, list(s.exec(select(m).where(m.sesi_id == old.id, m.deleted == NOT_DELETED))))
        old.status = "diganti"
        s.add(old)
        return new

    def riwayat(self, sesi_id: str) -> list[Sesi]:
        """Every revision of the session's OPD in this programme, oldest first."""
        with self.store.read() as s:
            se = self._sesi(s, sesi_id)
            return list(s.exec(select(Sesi).where(Sesi.jadwal_id == se.jadwal_id, Sesi.deleted == NOT_DELETED)
                               .order_by(col(Sesi.revisi))))

    def hasil(self, sesi_id: str) -> S.Hasil:
        return self.muat_sesi(sesi_id).hasil()

    def program_scores(self, program_id: str) -> list[S.SkorOpd]:
        with self.store.read() as s:
            return S.program_scores(s, program_id)

    def dasbor(self, program_id: str) -> dict[str, Any]:
        """Progress counts plus the ranked scores of a programme."""
        skor = self.program_scores(program_id)
        c = dict.fromkeys(STATUS_JADWAL, 0)
        for r in skor:
            c[r.status] = c.get(r.status, 0) + 1
        return {**_kemajuan(c), "status": c, "skor": skor}

    # ==================================================================== sanggah
    def ajukan_sanggah(self, actor: Actor, sesi_id: str, alasan: str, *, pertanyaan: str = "",
                       diajukan_oleh: str = "", tanggal: date | None = None, nilai_usulan: Any = None) -> Sanggah:
        """Record an objection to a score of a finalised session. ``nilai_usulan`` (the value the OPD
        proposes, checked against the question's range) is kept as filed in ``Sanggah.nilai_usulan``."""
        R.require(actor, R.MONEV_LAPANGAN)
        problems: dict[str, str] = {}
        if not alasan.strip():
            problems["alasan"] = "Alasan sanggah wajib diisi."
        if not diajukan_oleh.strip():
            problems["diajukan_oleh"] = "Isi siapa yang mengajukan sanggah (nama/jabatan atau perangkat daerah)."
        if problems:
            raise ValidationError(problems)
        with self.store.session(actor) as s:
            se = self._sesi(s, sesi_id)
            if se.status != "final":
                raise UserError("Sanggah hanya dapat diajukan atas sesi yang sudah difinalkan.")
            usulan = None
            if pertanyaan:
                q = S.definisi_of(s.get(Instrumen, se.instrumen_id)).get(pertanyaan)
                if nilai_usulan not in (None, ""):
                    usulan = I.normalise_answer(q, nilai_usulan)
            elif nilai_usulan not in (None, ""):
                raise ValidationError({"pertanyaan": "Pilih pertanyaan yang nilainya disanggah."})
            row = Sanggah(sesi_id=sesi_id, pertanyaan=pertanyaan, alasan=alasan.strip(),
                          diajukan_oleh=diajukan_oleh.strip(), diajukan_tanggal=tanggal or date.today(),
                          nilai_usulan=usulan)
            s.add(row)
        return row

    def jawab_sanggah(self, actor: Actor, sanggah_id: str, keputusan: str, jawaban: str,
                      nilai_baru: Any = None, tanggal: date | None = None) -> Sanggah:
        """Decide a sanggah.

        Accepted with a value (``nilai_baru``, or the proposed value when left empty): the verifier score
        of that question changes. The session is finalised and locked, so the change is made in a NEW
        revision (``alasan_revisi`` "Sanggah diterima: …") that keeps the final/verified state and the
        berita acara number; the old revision stays as ``diganti`` (history, old score intact).
        Rejected: nothing changes and ``nilai_baru`` stays empty; the proposal stays in ``nilai_usulan``.
        """
        R.require(actor, R.MONEV_VERIFIKASI)
        problems: dict[str, str] = {}
        if keputusan not in ("diterima", "ditolak"):
            problems["keputusan"] = "Keputusan sanggah harus 'diterima' atau 'ditolak'."
        if not jawaban.strip():
            problems["jawaban"] = "Jawaban atas sanggah wajib diisi."
        if problems:
            raise ValidationError(problems)
        with self.store.session(actor) as s:
            row = s.get(Sanggah, sanggah_id)
            if row is None or row.deleted:
                raise UserError("Sanggah tidak ditemukan.")
            if row.keputusan:
                raise UserError("Sanggah ini sudah dijawab.")
            se = self._sesi(s, row.sesi_id)
            if se.status == "diganti":  # a later revision exists: apply to the current one
                se = self._sesi_berjalan(s, se.jadwal_id) or se
            stored = row.nilai_usulan if keputusan == "diterima" else None
            if keputusan == "diterima" and nilai_baru not in (None, ""):
                if not row.pertanyaan:
                    raise UserError("Sanggah ini tidak merujuk pertanyaan tertentu; nilai baru tidak dapat diterapkan.")
                q = S.definisi_of(s.get(Instrumen, se.instrumen_id)).get(row.pertanyaan)
                stored = I.normalise_answer(q, nilai_baru)
            if keputusan == "diterima" and stored is not None and row.pertanyaan:
                if se.status == "draf":
                    target = se
                else:
                    target = self._revisi_in(s, se, f"Sanggah diterima ({row.pertanyaan}): {jawaban.strip()}",
                                             tetap_final=True)
                j = self._baris_jawaban(s, target, row.pertanyaan)
                j.nilai_verifikasi = stored
                j.catatan_verifikasi = f"Diubah karena sanggah diterima: {jawaban.strip()}"
                s.add(j)
            row.keputusan, row.jawaban, row.nilai_baru = keputusan, jawaban.strip(), stored
            row.dijawab_oleh, row.dijawab_tanggal = actor.username, tanggal or date.today()
            s.add(row)
        return row

    def sanggah_sesi(self, sesi_id: str) -> list[Sanggah]:
        """Every sanggah filed on any revision of this session's OPD visit, oldest first."""
        with self.store.read() as s:
            return self._sanggah_jadwal(s, self._sesi(s, sesi_id).jadwal_id)

    @staticmethod
    def _sanggah_jadwal(s: Session, jadwal_id: str) -> list[Sanggah]:
        ids = list(s.exec(select(Sesi.id).where(Sesi.jadwal_id == jadwal_id)))
        return list(s.exec(select(Sanggah).where(col(Sanggah.sesi_id).in_(ids), Sanggah.deleted == NOT_DELETED)
                           .order_by(col(Sanggah.diajukan_tanggal), col(Sanggah.created_at))))

    def list_sanggah(self, program_id: str | None = None) -> list[tuple[Sanggah, Sesi, PerangkatDaerah]]:
        with self.store.read() as s:
            stmt = (select(Sanggah, Sesi, PerangkatDaerah).join(Sesi, Sesi.id == Sanggah.sesi_id)  # type: ignore[arg-type]
                    .join(PerangkatDaerah, PerangkatDaerah.id == Sesi.opd_id)  # type: ignore[arg-type]
                    .where(Sanggah.deleted == NOT_DELETED))
            if program_id:
                stmt = stmt.where(Sesi.program_id == program_id)
            return [(sg, se, o) for sg, se, o in s.exec(stmt.order_by(col(Sanggah.diajukan_tanggal), col(Sanggah.created_at)))]

    # ======================================================= rekomendasi + TL
    def tambah_rekomendasi(self, actor: Actor, program_id: str, opd_id: str, uraian: str, *,
                           pertanyaan: str = "", prioritas: str = "sedang", sesi_id: str | None = None) -> Rekomendasi:
        R.require(actor, R.MONEV_LAPANGAN)
        if not uraian.strip():
            raise ValidationError({"uraian": "Uraian rekomendasi wajib diisi."})
        if prioritas not in ("tinggi", "sedang", "rendah"):
            raise ValidationError({"prioritas": "Prioritas harus tinggi, sedang atau rendah."})
        with self.store.session(actor) as s:
            if s.get(Program, program_id) is None:
                raise UserError("Program monev tidak ditemukan.")
            row = Rekomendasi(program_id=program_id, opd_id=opd_id, uraian=uraian.strip(), pertanyaan=pertanyaan,
                              prioritas=prioritas, sesi_id=sesi_id)
            s.add(row)
        return row

    def tambah_tindak_lanjut(self, actor: Actor, rekomendasi_id: str, uraian: str, pic: str,
                             tenggat: date | None, status: str = "belum", *, catatan: str = "",
                             bukti: Path | str | None = None) -> TindakLanjut:
        """Add a follow-up with its note and evidence file in ONE unit of work (the file is checked and
        stored first; nothing is written on a problem)."""
        R.require(actor, R.MONEV_LAPANGAN)
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
                               status=status, selesai_tanggal=date.today() if status == "selesai" else None,
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
                                            terlambat_per=terlambat_per))

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
                row.selesai_tanggal = (tanggal or date.today()) if status == "selesai" else None
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

    def path_bukti_tl(self, tl: Any) -> Path | None:
        from ppid_desktop.master.service import attachment_path

        return attachment_path(self.store, tl.bukti_sha256) if tl.bukti_sha256 else None
