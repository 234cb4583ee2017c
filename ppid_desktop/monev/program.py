"""Programme part of ``MonevService``: the programme form, targets and schedule, Tim Monev, dashboard."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from ppid_desktop.akun import roles as R
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.errors import UserError, ValidationError
from ppid_desktop.master.models import Pegawai, PerangkatDaerah
from ppid_desktop.monev import skor as S
from ppid_desktop.monev.basis import (
    NOT_DELETED,
    PERAN_TIM,
    STATUS_PROGRAM,
    MonevBasis,
    _kemajuan,
)
from ppid_desktop.monev.masukan import IsianProgram, PerubahanProgram
from ppid_desktop.monev.models import (
    STATUS_JADWAL,
    Instrumen,
    Jadwal,
    Program,
    Sesi,
    TimMonev,
)


class ProgramMixin(MonevBasis):
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
        inst = self.ambil_instrumen(instrumen_id)
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
        return self.simpan_program(actor, program_id, PerubahanProgram(isian=IsianProgram.dari(fields)))

    def _cek_program(self, prog: Program, fields: dict[str, Any], problems: dict[str, str]) -> None:
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

    def simpan_program(self, actor: Actor, program_id: str, ubah: PerubahanProgram) -> Program:
        """Save the whole programme form (``masukan.PerubahanProgram``) in ONE unit of work: the fields that
        change, the schedule per target OPD, OPDs to add (ids) or remove (jadwal ids; only while no session
        has started), and the Tim Monev (replaces).

        Every problem is collected first (``ValidationError`` with Indonesian messages; keys ``nama``,
        ``status``, ``tanggal_selesai``, ``durasi_menit``, ``jadwal``, ``opd``, ``tim``); nothing is
        written unless everything is valid.
        """
        R.require(actor, R.MONEV_KELOLA)
        data = ubah.isian.diubah()
        opd_tambah, opd_hapus = list(ubah.opd_tambah), list(ubah.opd_hapus)
        tim = [(t.pegawai_id, t.peran) for t in ubah.tim] if ubah.tim is not None else None
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
            for jid, kunjungan in ubah.jadwal.items():
                tgl, jam, tempat = kunjungan.tanggal, kunjungan.jam, kunjungan.tempat
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
        self.simpan_program(actor, j.program_id, PerubahanProgram(opd_hapus=(jadwal_id,)))

    def daftar_program(self) -> list[dict[str, Any]]:
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

    def ambil_program(self, program_id: str) -> Program:
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

    def daftar_jadwal(self, program_id: str) -> list[tuple[Jadwal, PerangkatDaerah]]:
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

    def daftar_tim(self, program_id: str) -> list[tuple[TimMonev, Pegawai]]:
        order = {"Ketua": 0, "Sekretaris": 1, "Verifikator": 2}
        with self.store.read() as s:
            rows = list(s.exec(select(TimMonev, Pegawai).join(Pegawai, Pegawai.id == TimMonev.pegawai_id)  # type: ignore[arg-type]
                               .where(TimMonev.program_id == program_id, TimMonev.deleted == NOT_DELETED)))
        return sorted(rows, key=lambda r: (order.get(r[0].peran, 9), r[1].nama))


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

    def indeks_instansi(self, program_id: str, skor: list[S.SkorOpd] | None = None) -> S.IndeksInstansi | None:
        """For an SPBE programme: the instansi index fed by the OPD contributions (``None`` otherwise)."""
        prog = self.ambil_program(program_id)
        defn = self.definisi(prog.instrumen_id)
        if defn.jenis != "spbe":
            return None
        rows = skor if skor is not None else self.program_scores(program_id)
        return S.indeks_instansi(defn, [r.hasil for r in rows if r.hasil is not None])
