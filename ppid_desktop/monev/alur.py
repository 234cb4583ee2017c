"""SOPs as live workflows: the SOP catalogue and the step tracker (``alur``) of a programme.

An SOP is a plain dict (the shape of ``resources/templates/sop/*.json``; the office may save its own
version, which overrides the shipped one with the same ``kode``)::

    {"kode": "BPN-MONEV-PI", "nama": "...", "asal": "...", "nomor": "...", "tanggal_pembuatan": "...",
     "tanggal_revisi": "...", "tanggal_efektif": "...", "disahkan_oleh": "...", "dasar_hukum": [...],
     "kualifikasi": [...], "keterkaitan": [...], "peralatan": [...], "peringatan": [...],
     "pencatatan": [...], "instansi": [...],
     "pelaksana": ["Ketua PPID", ...],                    # the pelaksana columns
     "peran": {"Ketua PPID": "PPID", ...},                # which app role records that pelaksana's acts
     "per_unit": [8, 13],                                 # optional: steps done once per evaluated unit
     "siklus": {"hari": 30, "mulai": 1},                  # optional: monitoring in cycles
     "kegiatan": [{"no": 1, "kegiatan": "...", "pelaksana": "Ketua PPID", "kelengkapan": "...",
                   "waktu": "5 menit", "output": "...", "keterangan": "",
                   "disposisi": true,                     # the step is a disposisi (from, to, instruction)
                   "dokumen": ["sk-tim"],                 # documents the step produces (``monev cetak`` kinds)
                   "keputusan": [{"label": "Disetujui", "ke": 12}, {"label": "Tidak disetujui", "ke": 10}]}]}

A run (``Alur``) walks the steps: the current step, who must act (pelaksana and the app role), the
documents it needs (kelengkapan) and produces, and every act (``AlurAksi``: who, when, note). A
decision goes where its chosen branch says; going BACK needs a note. Steps in ``per_unit`` are done
in one child run per target unit of the programme; the programme run waits there until every unit
run has passed the range. The actual time of a step is the time between the step becoming current
and the act that completes it, summed over visits, and compared with the waktu baku.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from ppid_desktop.akun import roles as R
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.audit import log_event
from ppid_desktop.core.base import utcnow
from ppid_desktop.core.errors import Problem, UserError, ValidationError
from ppid_desktop.master.models import PerangkatDaerah
from ppid_desktop.monev.basis import NOT_DELETED, MonevBasis
from ppid_desktop.monev.models import Alur, AlurAksi, Jadwal, Program, SopTemplat

SATUAN_MENIT = {"menit": 1, "jam": 60, "hari": 1440, "minggu": 7 * 1440, "bulan": 30 * 1440}
STATUS_LANGKAH = {"selesai": "Selesai", "berjalan": "Berjalan", "menunggu": "Menunggu",
                  "unit": "Berjalan per unit"}


# ----------------------------------------------------------------- SOP data
def waktu_menit(teks: Any) -> int | None:
    """The standard time of a step in minutes from its text ("5 menit", "1 Jam", "1Hari",
    "1 - 2 minggu" -> the upper bound); ``None`` for "Tentatif", "Real Time" or blank."""
    if isinstance(teks, int | float):
        return int(teks)
    m = re.findall(r"(\d+(?:[.,]\d+)?)\s*-?\s*", str(teks or ""))
    satuan = re.search(r"(menit|jam|hari|minggu|bulan)", str(teks or "").lower())
    if not m or not satuan:
        return None
    return int(round(float(m[-1].replace(",", ".")) * SATUAN_MENIT[satuan.group(1)]))


def sop_dir() -> Path:
    from ppid_desktop.core import paths

    return paths.resource("templates", "sop")


def sop_bawaan() -> list[dict[str, Any]]:
    """The shipped SOPs (sorted by file name)."""
    out = []
    for path in sorted(sop_dir().glob("*.json")):
        with path.open(encoding="utf-8") as fh:
            out.append(json.load(fh))
    return out


def periksa_sop(d: dict[str, Any]) -> list[Problem]:
    """Problems of an SOP dict (Indonesian; ``sheet`` "Identitas" or "Langkah", ``row`` = step no)."""
    out: list[Problem] = []
    if not str(d.get("kode") or "").strip():
        out.append(Problem("Kode SOP wajib diisi.", sheet="Identitas", column="kode"))
    if not str(d.get("nama") or "").strip():
        out.append(Problem("Nama SOP wajib diisi.", sheet="Identitas", column="nama"))
    pel = list(d.get("pelaksana") or [])
    if not pel:
        out.append(Problem("Isi minimal satu pelaksana.", sheet="Identitas", column="pelaksana"))
    peran = dict(d.get("peran") or {})
    for p, role in peran.items():
        if role not in R.ROLES:
            out.append(Problem(f"Peran '{role}' untuk pelaksana {p} tidak dikenal ({', '.join(R.ROLES)}).",
                               sheet="Identitas", column="peran"))
    steps = list(d.get("kegiatan") or [])
    if not steps:
        out.append(Problem("SOP belum memiliki langkah.", sheet="Langkah"))
    nos = [k.get("no") for k in steps]
    if nos != list(range(1, len(steps) + 1)):
        out.append(Problem("Nomor langkah harus berurutan mulai 1 tanpa loncatan.", sheet="Langkah", column="no"))
    for k in steps:
        no = k.get("no")
        if not str(k.get("kegiatan") or "").strip():
            out.append(Problem("Uraian kegiatan wajib diisi.", sheet="Langkah", row=no, column="kegiatan"))
        if k.get("pelaksana") and k["pelaksana"] not in pel:
            out.append(Problem(f"Pelaksana '{k['pelaksana']}' tidak ada dalam daftar pelaksana.", sheet="Langkah",
                               row=no, column="pelaksana"))
        if not k.get("pelaksana"):
            out.append(Problem("Pelaksana langkah wajib dipilih.", sheet="Langkah", row=no, column="pelaksana"))
        for cab in k.get("keputusan") or []:
            if not str(cab.get("label") or "").strip() or cab.get("ke") not in nos:
                out.append(Problem(f"Cabang keputusan '{cab.get('label')}' harus menuju nomor langkah yang ada.",
                                   sheet="Langkah", row=no, column="keputusan"))
    pu = d.get("per_unit")
    if pu and not (isinstance(pu, list) and len(pu) == 2 and pu[0] in nos and pu[1] in nos and pu[0] <= pu[1]):
        out.append(Problem("Rentang langkah per unit harus dua nomor langkah yang ada (awal ≤ akhir).",
                           sheet="Identitas", column="per_unit"))
    return out


@dataclass
class Langkah:
    """One step of a run as the tracker shows it."""

    no: int
    kegiatan: str
    pelaksana: str
    peran: str
    kelengkapan: str
    output: str
    waktu: str
    waktu_baku_menit: int | None
    dokumen: list[str]
    keputusan: list[dict[str, Any]]
    disposisi: bool
    per_unit: bool
    status: str = "menunggu"
    kunjungan: int = 0
    waktu_aktual_menit: int | None = None
    melampaui: int = 0  # visits longer than the standard
    aksi: list[AlurAksi] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"no": self.no, "kegiatan": self.kegiatan, "pelaksana": self.pelaksana, "peran": self.peran,
                "status": self.status, "waktu_baku_menit": self.waktu_baku_menit,
                "waktu_aktual_menit": self.waktu_aktual_menit, "kunjungan": self.kunjungan,
                "melampaui": self.melampaui, "kelengkapan": self.kelengkapan, "output": self.output,
                "dokumen": self.dokumen, "keputusan": self.keputusan, "disposisi": self.disposisi,
                "per_unit": self.per_unit}


@dataclass
class AlurView:
    alur: Alur
    sop: dict[str, Any]
    langkah: list[Langkah]
    unit: list[tuple[Alur, str]] = field(default_factory=list)  # child runs with the unit name

    @property
    def sekarang(self) -> Langkah | None:
        return next((x for x in self.langkah if x.no == self.alur.langkah), None) if self.alur.status == "berjalan" else None

    def alasan_tolak(self, actor: Actor) -> str | None:
        """Why ``actor`` may not act on the current step (the tracker shows it on the disabled buttons); ``None``
        when the service would accept the act."""
        k = self.sekarang
        if k is None:
            return "Alur SOP ini sudah selesai."
        if self.alur.opd_id is None and _in_unit(self.sop, k.no):
            return f"Langkah {k.no} dikerjakan per unit; selesaikan pada alur setiap unit."
        return _alasan_pelaku(actor, k.no, k.kegiatan, k.pelaksana, k.peran)


def _menit(a: datetime | None, b: datetime | None) -> int | None:
    if a is None or b is None:
        return None
    return max(0, int(round((b - a).total_seconds() / 60)))


def _steps(sop: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {int(k["no"]): k for k in sop.get("kegiatan") or []}


def _peran(sop: dict[str, Any], pelaksana: str) -> str:
    return str((sop.get("peran") or {}).get(pelaksana) or R.MONEV)


def _alasan_pelaku(actor: Actor, no: int, kegiatan: str, pelaksana: str, peran: str) -> str | None:
    if R.ADMIN in actor.roles or peran in actor.roles:
        return None
    return (f"Langkah {no} ({kegiatan[:60]}) dilakukan oleh {pelaksana or '-'} (peran {peran}); "
            f"pengguna {actor.username} tidak memiliki peran itu.")


def _in_unit(sop: dict[str, Any], no: int) -> bool:
    pu: list[int] = sop.get("per_unit") or []
    return bool(pu) and pu[0] <= no <= pu[1]


class AlurMixin(MonevBasis):
    """SOP catalogue and runs on ``MonevService``."""

    # ------------------------------------------------------------ catalogue
    def daftar_sop(self) -> list[dict[str, Any]]:
        """Every SOP (shipped, or the office's own version of it, or the office's own): kode, nama, asal,
        ``jumlah_langkah`` (also under the issue's prose spelling ``"jumlah langkah"``), and ``diubah``
        (an office version is in force)."""
        with self.store.read() as s:
            own = {r.kode: r for r in s.exec(select(SopTemplat).where(SopTemplat.deleted == NOT_DELETED))}
        out: dict[str, dict[str, Any]] = {}
        for d in sop_bawaan():
            out[d["kode"]] = {"kode": d["kode"], "nama": d["nama"], "asal": d.get("asal", ""),
                              "jumlah_langkah": len(d.get("kegiatan") or []), "diubah": False}
        for kode, r in own.items():
            d = json.loads(r.definisi)
            out[kode] = {"kode": kode, "nama": r.nama, "asal": r.asal, "jumlah_langkah": len(d.get("kegiatan") or []),
                         "diubah": True}
        for v in out.values():
            v["jumlah langkah"] = v["jumlah_langkah"]
        return sorted(out.values(), key=lambda x: x["kode"])

    def sop(self, kode: str) -> dict[str, Any]:
        """The SOP in force under ``kode`` (the office's version first)."""
        with self.store.read() as s:
            row = s.exec(select(SopTemplat).where(SopTemplat.kode == kode, SopTemplat.deleted == NOT_DELETED)).first()
        if row is not None:
            d: dict[str, Any] = json.loads(row.definisi)
            return d
        for d in sop_bawaan():
            if d["kode"] == kode or d.get("slug") == kode:
                return d
        raise UserError(f"SOP '{kode}' tidak ditemukan. Lihat daftar dengan: ppid sop list")

    def simpan_sop(self, actor: Actor, data: dict[str, Any]) -> SopTemplat:
        """Save the office's version of an SOP (validated first; nothing saved on a problem). Runs already
        started keep the version they were started with."""
        return self.simpan_banyak_sop(actor, [data])[0]

    def simpan_banyak_sop(self, actor: Actor, daftar: list[dict[str, Any]], *, catatan: str = "") -> list[SopTemplat]:
        """Save several SOPs in ONE transaction (the Excel import): every one is checked first, nothing
        is saved when any has a problem; ``catatan`` (e.g. the file imported) goes to the audit log."""
        R.require(actor, R.MONEV_KELOLA)
        for data in daftar:
            problems = periksa_sop(data)
            if problems:
                awal = f"SOP {data.get('kode')}: " if len(daftar) > 1 else ""
                raise ValidationError({p.column or "sop": awal + (f"Langkah {p.row}: " if p.row else "") + p.message
                                       for p in problems})
        out = []
        with self.store.session(actor) as s:
            for data in daftar:
                row = s.exec(select(SopTemplat).where(SopTemplat.kode == data["kode"],
                                                      SopTemplat.deleted == NOT_DELETED)).first()
                if row is None:
                    row = SopTemplat(kode=data["kode"], nama=data["nama"])
                row.nama = str(data["nama"]).strip()
                row.asal = str(data.get("asal") or "kantor")[:200]
                row.definisi = json.dumps(data, ensure_ascii=False)
                s.add(row)
                out.append(row)
            if catatan:
                log_event(s, actor, "import", "monev_sop", None, catatan)
        return out

    # ----------------------------------------------------------------- runs
    def mulai_alur(self, actor: Actor, sop_kode: str, *, program_id: str | None = None, sumber: str = "",
                   waktu: datetime | None = None) -> Alur:
        """Start a run of an SOP for a programme (or another ``sumber``, e.g. a service-report run).
        The SOP is frozen into the run. A programme has at most one running run."""
        R.require(actor, R.MONEV_KELOLA)
        sop = self.sop(sop_kode)
        if periksa_sop(sop):
            raise UserError(f"SOP {sop_kode} belum lengkap (pelaksana atau langkah); perbaiki di daftar SOP dahulu.")
        if program_id is None and not sumber.strip():
            raise ValidationError({"program": "Pilih program monev (atau sumber lain) yang menjalankan SOP ini."})
        now = waktu or utcnow()
        with self.store.session(actor) as s:
            if program_id is not None:
                prog = s.get(Program, program_id)
                if prog is None or prog.deleted:
                    raise UserError("Program monev tidak ditemukan.")
                have = s.exec(select(Alur).where(Alur.program_id == program_id, col(Alur.opd_id).is_(None),
                                                 Alur.deleted == NOT_DELETED, Alur.status == "berjalan")).first()
                if have is not None:
                    raise UserError(f"Program ini sudah menjalankan SOP {have.sop_kode}.")
            row = Alur(program_id=program_id, sumber=sumber.strip(), sop_kode=sop["kode"],
                       definisi=json.dumps(sop, ensure_ascii=False), langkah=1, mulai_at=now, langkah_at=now)
            s.add(row)
            s.flush()
            self._masuk_unit(s, row, now)
        return row

    def _masuk_unit(self, s: Session, alur: Alur, now: datetime) -> None:
        """When a programme run reaches the per-unit range: one child run per target unit."""
        sop = json.loads(alur.definisi)
        if alur.opd_id is not None or not _in_unit(sop, alur.langkah) or alur.program_id is None:
            return
        opd_ids = list(s.exec(select(Jadwal.opd_id).where(Jadwal.program_id == alur.program_id,
                                                          Jadwal.deleted == NOT_DELETED)))
        for oid in opd_ids:
            s.add(Alur(program_id=alur.program_id, opd_id=oid, sumber=f"monev.alur:{alur.id}", sop_kode=alur.sop_kode,
                       definisi=alur.definisi, langkah=alur.langkah, siklus=alur.siklus, mulai_at=now, langkah_at=now))

    def _alur(self, s: Session, alur_id: str) -> Alur:
        row = s.get(Alur, alur_id)
        if row is None or row.deleted:
            raise UserError("Alur SOP tidak ditemukan.")
        return row

    def _cek_pelaku(self, actor: Actor, sop: dict[str, Any], k: dict[str, Any]) -> str:
        peran = _peran(sop, k.get("pelaksana", ""))
        alasan = _alasan_pelaku(actor, int(k["no"]), str(k["kegiatan"]), str(k.get("pelaksana") or ""), peran)
        if alasan is not None:
            raise UserError(alasan)
        return peran

    def _langkah_kini(self, s: Session, actor: Actor, alur_id: str) -> tuple[Alur, dict[str, Any], dict[str, Any]]:
        alur = self._alur(s, alur_id)
        if alur.status != "berjalan":
            raise UserError("Alur SOP ini sudah selesai.")
        sop = json.loads(alur.definisi)
        if alur.opd_id is None and _in_unit(sop, alur.langkah):
            raise UserError(f"Langkah {alur.langkah} dikerjakan per unit; selesaikan pada alur setiap unit.")
        k = _steps(sop)[alur.langkah]
        self._cek_pelaku(actor, sop, k)
        return alur, sop, k

    def _maju(self, s: Session, alur: Alur, sop: dict[str, Any], ke: int | None, now: datetime) -> None:
        """Move the pointer to ``ke`` (``None``: the run is finished)."""
        pu: list[int] = sop.get("per_unit") or []
        keluar_unit = alur.opd_id is not None and bool(pu) and (ke is None or ke > pu[1])
        if ke is None or keluar_unit:
            alur.status, alur.selesai_at, alur.langkah_at = "selesai", now, now
            if keluar_unit:
                alur.langkah = pu[1]
            s.add(alur)
            s.flush()
            if keluar_unit:
                self._lanjut_induk(s, alur, now)
            return
        alur.langkah, alur.langkah_at = ke, now
        s.add(alur)
        self._masuk_unit(s, alur, now)

    def _lanjut_induk(self, s: Session, child: Alur, now: datetime) -> None:
        """A unit run left the per-unit range: move the programme run on once every unit run has."""
        parent_id = child.sumber.removeprefix("monev.alur:")
        parent = s.get(Alur, parent_id)
        if parent is None or parent.status != "berjalan":
            return
        sisa = s.exec(select(Alur.id).where(Alur.sumber == child.sumber, Alur.status == "berjalan",
                                            Alur.siklus == parent.siklus, Alur.deleted == NOT_DELETED)).first()
        if sisa is not None:
            return
        sop = json.loads(parent.definisi)
        nxt = sop["per_unit"][1] + 1
        self._maju(s, parent, sop, nxt if nxt in _steps(sop) else None, now)

    def selesaikan_langkah(self, actor: Actor, alur_id: str, *, catatan: str = "", dokumen: str = "",
                           waktu: datetime | None = None) -> Alur:
        """Record that the current (non-decision) step is done; the run moves to the next step."""
        now = waktu or utcnow()
        with self.store.session(actor) as s:
            alur, sop, k = self._langkah_kini(s, actor, alur_id)
            if k.get("keputusan"):
                raise UserError(f"Langkah {k['no']} adalah keputusan: pilih "
                                + " / ".join(c["label"] for c in k["keputusan"]) + ".")
            s.add(AlurAksi(alur_id=alur.id, langkah=k["no"], siklus=alur.siklus, jenis="selesai", oleh=actor.username,
                           pelaksana=k.get("pelaksana", ""), catatan=catatan.strip(), dokumen=dokumen.strip(),
                           mulai_at=alur.langkah_at, waktu=now))
            nxt = k["no"] + 1
            self._maju(s, alur, sop, nxt if nxt in _steps(sop) else None, now)
        return alur

    def putuskan(self, actor: Actor, alur_id: str, pilihan: str, *, catatan: str = "",
                 waktu: datetime | None = None) -> Alur:
        """Decide the current decision step: the run goes where the chosen branch says. Going back to an
        earlier step needs a note (what must be corrected)."""
        now = waktu or utcnow()
        with self.store.session(actor) as s:
            alur, sop, k = self._langkah_kini(s, actor, alur_id)
            cabang = {c["label"].lower(): c for c in k.get("keputusan") or []}
            if not cabang:
                raise UserError(f"Langkah {k['no']} bukan langkah keputusan.")
            c = cabang.get(pilihan.strip().lower())
            if c is None:
                raise ValidationError({"keputusan": f"Pilihan '{pilihan}' tidak ada; pilih "
                                                    + " / ".join(x["label"] for x in k["keputusan"]) + "."})
            if int(c["ke"]) <= k["no"] and not catatan.strip():
                raise ValidationError({"catatan": f"Keputusan '{c['label']}' mengembalikan ke langkah {c['ke']}: "
                                                  "catatan apa yang harus diperbaiki wajib diisi."})
            s.add(AlurAksi(alur_id=alur.id, langkah=k["no"], siklus=alur.siklus, jenis="keputusan", keputusan=c["label"],
                           ke_langkah=int(c["ke"]), oleh=actor.username, pelaksana=k.get("pelaksana", ""),
                           catatan=catatan.strip(), mulai_at=alur.langkah_at, waktu=now))
            self._maju(s, alur, sop, int(c["ke"]), now)
        return alur

    def disposisi(self, actor: Actor, alur_id: str, kepada: str, instruksi: str, *, dari: str = "",
                  waktu: datetime | None = None) -> AlurAksi:
        """Record a disposisi (from whom, to whom, instruction, date). On a disposisi step it completes
        the step; elsewhere it is recorded on the current step without moving the run."""
        problems = {}
        if not kepada.strip():
            problems["kepada"] = "Isi kepada siapa disposisi ditujukan."
        if not instruksi.strip():
            problems["instruksi"] = "Isi instruksi/arahan disposisi."
        if problems:
            raise ValidationError(problems)
        now = waktu or utcnow()
        with self.store.session(actor) as s:
            alur, sop, k = self._langkah_kini(s, actor, alur_id)
            row = AlurAksi(alur_id=alur.id, langkah=k["no"], siklus=alur.siklus, jenis="disposisi", oleh=actor.username,
                           pelaksana=k.get("pelaksana", ""), dari=(dari or k.get("pelaksana", "")).strip(),
                           kepada=kepada.strip(), instruksi=instruksi.strip(), mulai_at=alur.langkah_at, waktu=now)
            s.add(row)
            if k.get("disposisi"):
                nxt = k["no"] + 1
                self._maju(s, alur, sop, nxt if nxt in _steps(sop) else None, now)
        return row

    def siklus_baru(self, actor: Actor, alur_id: str, *, waktu: datetime | None = None) -> Alur:
        """Start the next monitoring cycle of a finished programme run (SOPs with ``siklus``)."""
        R.require(actor, R.MONEV_KELOLA)
        now = waktu or utcnow()
        with self.store.session(actor) as s:
            alur = self._alur(s, alur_id)
            sop = json.loads(alur.definisi)
            if not sop.get("siklus"):
                raise UserError("SOP ini tidak berjalan dalam siklus.")
            if alur.status != "selesai":
                raise UserError("Siklus berjalan belum selesai.")
            alur.siklus += 1
            alur.status, alur.selesai_at = "berjalan", None
            s.add(AlurAksi(alur_id=alur.id, langkah=int(sop["siklus"].get("mulai", 1)), siklus=alur.siklus,
                           jenis="siklus", oleh=actor.username, catatan=f"Siklus {alur.siklus} dimulai.",
                           mulai_at=now, waktu=now))
            self._maju(s, alur, sop, int(sop["siklus"].get("mulai", 1)), now)
        return alur

    # ---------------------------------------------------------------- views
    def alur_program(self, program_id: str) -> Alur | None:
        """The programme's run (the running one, else the newest)."""
        with self.store.read() as s:
            rows = list(s.exec(select(Alur).where(Alur.program_id == program_id, col(Alur.opd_id).is_(None),
                                                  Alur.deleted == NOT_DELETED).order_by(col(Alur.created_at).desc())))
        return next((r for r in rows if r.status == "berjalan"), rows[0] if rows else None)

    def alur_unit(self, alur_id: str) -> list[tuple[Alur, str]]:
        """The child runs (one per unit) of a programme run, with the unit name; newest cycle."""
        with self.store.read() as s:
            return [(a, o.nama) for a, o in s.exec(
                select(Alur, PerangkatDaerah).join(PerangkatDaerah, PerangkatDaerah.id == Alur.opd_id)  # type: ignore[arg-type]
                .where(Alur.sumber == f"monev.alur:{alur_id}", Alur.deleted == NOT_DELETED)
                .order_by(col(Alur.siklus), col(PerangkatDaerah.kode)))]

    def lihat_alur(self, alur_id: str) -> AlurView:
        """The tracker: every step with its status, acts, actual vs standard time (a programme run
        includes the acts of its unit runs on the per-unit steps)."""
        with self.store.read() as s:
            alur = self._alur(s, alur_id)
            ids = [alur.id]
            if alur.opd_id is None:
                ids += list(s.exec(select(Alur.id).where(Alur.sumber == f"monev.alur:{alur.id}")))
            aksi = list(s.exec(select(AlurAksi).where(col(AlurAksi.alur_id).in_(ids), AlurAksi.deleted == NOT_DELETED)
                               .order_by(col(AlurAksi.waktu), col(AlurAksi.created_at))))
        sop = json.loads(alur.definisi)
        unit = self.alur_unit(alur.id) if alur.opd_id is None else []
        out = []
        for k in sop.get("kegiatan") or []:
            no = int(k["no"])
            baku = k.get("waktu_menit") if k.get("waktu_menit") is not None else waktu_menit(k.get("waktu"))
            lk = Langkah(no, k["kegiatan"], k.get("pelaksana", ""), _peran(sop, k.get("pelaksana", "")),
                         k.get("kelengkapan", ""), k.get("output", ""), k.get("waktu", ""), baku,
                         list(k.get("dokumen") or []), list(k.get("keputusan") or []), bool(k.get("disposisi")),
                         _in_unit(sop, no))
            lk.aksi = [a for a in aksi if a.langkah == no and a.jenis != "siklus"]
            selesai = [a for a in lk.aksi if a.jenis in ("selesai", "keputusan")
                       or (a.jenis == "disposisi" and lk.disposisi)]
            lk.kunjungan = len(selesai)
            menit = [m for a in selesai if (m := _menit(a.mulai_at, a.waktu)) is not None]
            lk.waktu_aktual_menit = sum(menit) if menit else None
            lk.melampaui = sum(1 for m in menit if baku is not None and m > baku)
            out.append(lk)
        cur_siklus = [a for a in aksi if a.siklus == alur.siklus]
        done_now = {a.langkah for a in cur_siklus if a.jenis in ("selesai", "keputusan", "disposisi")}
        anak = [u for u, _n in unit if u.siklus == alur.siklus]
        for lk in out:
            if alur.status == "selesai" or lk.no in done_now and lk.no < alur.langkah:
                lk.status = "selesai"
            elif lk.per_unit and anak and alur.opd_id is None:
                # a programme run on a per-unit step: the status follows the unit runs
                if all(u.status == "selesai" or u.langkah > lk.no for u in anak):
                    lk.status = "selesai"
                elif any(u.status == "berjalan" and u.langkah == lk.no for u in anak):
                    lk.status = "unit"
            elif alur.status == "berjalan" and lk.no == alur.langkah:
                lk.status = "berjalan"
        return AlurView(alur, sop, out, unit)

    def kepatuhan(self, program_id: str) -> dict[str, Any]:
        """Compliance of a programme's run with the SOP's standard times: per step (standard, actual
        total, visits, overruns) and totals."""
        alur = self.alur_program(program_id)
        if alur is None:
            raise UserError("Program ini belum menjalankan SOP.")
        v = self.lihat_alur(alur.id)
        rows = [x.to_dict() for x in v.langkah]
        diukur = [x for x in v.langkah if x.waktu_baku_menit is not None and x.kunjungan]
        return {
            "sop": v.sop["kode"], "nama": v.sop["nama"], "status": alur.status, "siklus": alur.siklus,
            "langkah": rows,
            "jumlah_diukur": len(diukur),
            "tepat_waktu": sum(1 for x in diukur if x.melampaui == 0),
            "melampaui": sum(1 for x in diukur if x.melampaui),
            "waktu_baku_menit": sum((x.waktu_baku_menit or 0) * x.kunjungan for x in diukur),
            "waktu_aktual_menit": sum(x.waktu_aktual_menit or 0 for x in diukur),
        }
