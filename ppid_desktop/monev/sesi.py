"""Field-session part of ``MonevService``: answers, evidence, respondents, finalising, verification,
revisions and sanggah.

Every answer is written in its own small unit of work the moment it is given (WAL, and
``synchronous=FULL`` on that connection so a power cut after the call returns loses nothing).
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from ppid_desktop.akun import roles as R
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.base import utcnow
from ppid_desktop.core.db import bulk_insert
from ppid_desktop.core.errors import UserError, ValidationError
from ppid_desktop.core.identitas import IdentitasError, digits_only, parse_nip
from ppid_desktop.master.models import PerangkatDaerah
from ppid_desktop.monev import instrumen as I
from ppid_desktop.monev import skor as S
from ppid_desktop.monev.basis import (
    NOT_DELETED,
    MonevBasis,
    SesiData,
    _IsianT,
)
from ppid_desktop.monev.bukti import periksa_berkas
from ppid_desktop.monev.models import (
    Bukti,
    Instrumen,
    Jadwal,
    Jawaban,
    Program,
    Responden,
    Sanggah,
    Sesi,
)


class SesiMixin(MonevBasis):
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

    def daftar_sesi(self, program_id: str | None = None, semua_revisi: bool = False) -> list[dict[str, Any]]:
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
            q = S.definisi_of(inst).ambil(kode)
            if na and not q.boleh_na:
                raise UserError(f"Pertanyaan {q.kode} tidak boleh dijawab N/A (tidak berlaku).")
            stored = None if na else I.normalkan_jawaban(q, nilai)
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
            S.definisi_of(s.get(Instrumen, se.instrumen_id)).ambil(kode)
            row = self._baris_jawaban(s, se, kode)
            if verifikasi:
                row.catatan_verifikasi = catatan.strip()
            else:
                row.catatan = catatan.strip()
            s.add(row)
        return row

    def atur_nilai_tahap(self, actor: Actor, sesi_id: str, kode_tahap: str, nilai: float | None) -> None:
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

        se = self.ambil_sesi(sesi_id)
        if se.status != "draf":
            raise UserError("Sesi ini sudah difinalkan dan terkunci. Buat revisi untuk melakukan koreksi.")
        q = self.definisi(se.instrumen_id).ambil(kode)
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

    def lokasi_bukti(self, bukti: Bukti) -> Path | None:
        """A verified decrypted copy of the evidence file for the system viewer (attachments are encrypted at
        rest, ``core.lampiran``), named as it was; None for a link or a missing file; ``UserError`` when the
        file was tampered with."""
        from ppid_desktop.core import lampiran

        if not bukti.sha256 or not lampiran.ada(self.store, bukti.sha256):
            return None
        return lampiran.berkas_sementara(self.store, bukti.sha256, bukti.nama_berkas or "")

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
        tgl = tanggal_ba or self.clock.today()
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
            q = S.definisi_of(s.get(Instrumen, se.instrumen_id)).ambil(kode)
            stored = I.normalkan_jawaban(q, nilai)
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
                q = S.definisi_of(s.get(Instrumen, se.instrumen_id)).ambil(pertanyaan)
                if nilai_usulan not in (None, ""):
                    usulan = I.normalkan_jawaban(q, nilai_usulan)
            elif nilai_usulan not in (None, ""):
                raise ValidationError({"pertanyaan": "Pilih pertanyaan yang nilainya disanggah."})
            row = Sanggah(sesi_id=sesi_id, pertanyaan=pertanyaan, alasan=alasan.strip(),
                          diajukan_oleh=diajukan_oleh.strip(), diajukan_tanggal=tanggal or self.clock.today(),
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
                q = S.definisi_of(s.get(Instrumen, se.instrumen_id)).ambil(row.pertanyaan)
                stored = I.normalkan_jawaban(q, nilai_baru)
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
            row.dijawab_oleh, row.dijawab_tanggal = actor.username, tanggal or self.clock.today()
            s.add(row)
        return row

    def sanggah_sesi(self, sesi_id: str) -> list[Sanggah]:
        """Every sanggah filed on any revision of this session's OPD visit, oldest first."""
        with self.store.read() as s:
            return self._sanggah_jadwal(s, self._sesi(s, sesi_id).jadwal_id)

    def daftar_sanggah(self, program_id: str | None = None) -> list[tuple[Sanggah, Sesi, PerangkatDaerah]]:
        with self.store.read() as s:
            stmt = (select(Sanggah, Sesi, PerangkatDaerah).join(Sesi, Sesi.id == Sanggah.sesi_id)  # type: ignore[arg-type]
                    .join(PerangkatDaerah, PerangkatDaerah.id == Sesi.opd_id)  # type: ignore[arg-type]
                    .where(Sanggah.deleted == NOT_DELETED))
            if program_id:
                stmt = stmt.where(Sesi.program_id == program_id)
            return [(sg, se, o) for sg, se, o in s.exec(stmt.order_by(col(Sanggah.diajukan_tanggal), col(Sanggah.created_at)))]
