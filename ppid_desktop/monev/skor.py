"""Scoring: per indikator, aspek and total with weights; N/A excluded and re-weighted.

- A question's score is a fraction 0..1 (ya = 1, pilihan = skor/skor tertinggi, level = level/5,
  angka = min(realisasi/target, 1)); teks and tanggal are not scored.
- Indikator = weighted mean of its scored questions (question weights), times ``skala``.
  A question answered N/A is left out; an UNANSWERED required question counts as 0, an
  unanswered optional one is left out.
- Aspek = weighted mean of its indikator scores (indikator weights); an indikator whose questions are
  all N/A is left out and the remaining weights re-normalised. Total likewise over the aspek.
- Two columns side by side: ``mandiri`` (self answers) and ``verifikasi`` (verifier answer where given,
  else the self answer).
- Final = Σ stage weight × stage score over the stages that have a score (``tahap`` of the instrument:
  the ``instrumen`` stage takes the verifier total, ``input`` stages are entered per session);
  ``tahap_lengkap`` tells whether every stage was there.
- Everything shown is rounded half-up to the instrument's ``presisi``; the band (kategori) is looked
  up on the rounded final score, so 89.95 is Menuju Informatif and 90.00 Informatif.

``program_scores(session, program_id)`` returns one ``SkorOpd`` per target OPD (current revisions);
only complete results (``lengkap``: every stage scored) are ranked, incomplete ones follow unranked.
``bobot_teks(defn)`` says in words how the final score is made (printed wherever a final score is).
``indeks_instansi(defn, hasil)`` is the SPBE index of the whole instansi (Permenpan RB 59/2020) from the
OPD contributions.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select as sa_select
from sqlalchemy import text as sa_text
from sqlmodel import Session, select

from ppid_desktop.monev import instrumen as I


@dataclass(frozen=True)
class Isian:
    """One stored answer as the scorer sees it."""

    nilai: str | None = None
    na: bool = False
    nilai_verifikasi: str | None = None


@dataclass
class SkorNode:
    kode: str
    nama: str
    bobot: float
    mandiri: float | None
    verifikasi: float | None


@dataclass
class Hasil:
    indikator: list[SkorNode]
    aspek: list[SkorNode]
    mandiri: float | None
    verifikasi: float | None
    tahap: dict[str, float | None]
    final: float | None
    tahap_lengkap: bool
    kategori: str
    warna: str
    terjawab: int
    total_pertanyaan: int


def teks_nilai(x: float | None, kosong: str = "—") -> str:
    """A score as shown to people: two decimals with a decimal comma (``82,50``); ``kosong`` when absent."""
    return kosong if x is None else f"{x:.2f}".replace(".", ",")


def _wmean(pairs: list[tuple[float, float | None]]) -> float | None:
    num = den = 0.0
    for w, x in pairs:
        if x is None:
            continue
        num += w * x
        den += w
    if den <= 0:
        return None
    return num / den


def hitung(defn: I.Definisi, jawaban: Mapping[str, Isian], nilai_tahap: Mapping[str, float | None] | None = None) -> Hasil:
    """Score one session's answers against its instrument version."""
    nilai_tahap = nilai_tahap or {}
    ind_nodes: list[SkorNode] = []
    asp_nodes: list[SkorNode] = []
    asp_pairs_m: list[tuple[float, float | None]] = []
    asp_pairs_v: list[tuple[float, float | None]] = []
    terjawab = total_q = 0
    for a in defn.aspek:
        ind_pairs_m: list[tuple[float, float | None]] = []
        ind_pairs_v: list[tuple[float, float | None]] = []
        for ind in a.indikator:
            qm: list[tuple[float, float | None]] = []
            qv: list[tuple[float, float | None]] = []
            for q in ind.pertanyaan:
                total_q += 1
                isian = jawaban.get(q.kode)
                if isian is not None and (isian.na or isian.nilai is not None or isian.nilai_verifikasi is not None):
                    terjawab += 1
                if not q.berskor:
                    continue
                if isian is not None and isian.na and q.boleh_na:
                    continue
                if not q.wajib and (isian is None or (isian.nilai is None and isian.nilai_verifikasi is None)):
                    continue  # an optional question left empty does not count
                fm = I.pecahan(q, isian.nilai) if isian else None
                fv_raw = I.pecahan(q, isian.nilai_verifikasi) if isian else None
                fv = fv_raw if fv_raw is not None else fm
                qm.append((q.bobot, fm if fm is not None else 0.0))
                qv.append((q.bobot, fv if fv is not None else 0.0))
            sm, sv = _wmean(qm), _wmean(qv)
            sm = sm * defn.skala if sm is not None else None
            sv = sv * defn.skala if sv is not None else None
            ind_nodes.append(SkorNode(ind.kode, ind.nama, ind.bobot, defn.bulat(sm), defn.bulat(sv)))
            ind_pairs_m.append((ind.bobot, sm))
            ind_pairs_v.append((ind.bobot, sv))
        am, av = _wmean(ind_pairs_m), _wmean(ind_pairs_v)
        asp_nodes.append(SkorNode(a.kode, a.nama, a.bobot, defn.bulat(am), defn.bulat(av)))
        asp_pairs_m.append((a.bobot, am))
        asp_pairs_v.append((a.bobot, av))
    tm, tv = _wmean(asp_pairs_m), _wmean(asp_pairs_v)
    tahap: dict[str, float | None] = {}
    lengkap = True
    if defn.tahap:
        pairs: list[tuple[float, float | None]] = []
        for t in defn.tahap:
            x = tv if t.sumber == "instrumen" else nilai_tahap.get(t.kode)
            tahap[t.kode] = defn.bulat(x)
            if x is None:
                lengkap = False
            pairs.append((t.bobot, x))
        final = _wmean(pairs)
    else:
        final = tv
    final_r = defn.bulat(final)
    band = I.band_untuk(defn, final_r)
    return Hasil(
        indikator=ind_nodes, aspek=asp_nodes, mandiri=defn.bulat(tm), verifikasi=defn.bulat(tv), tahap=tahap,
        final=final_r, tahap_lengkap=lengkap, kategori=band.nama if band else "", warna=band.warna if band else "",
        terjawab=terjawab, total_pertanyaan=total_q,
    )


# ------------------------------------------------------------ programme level
@dataclass
class SkorOpd:
    opd_id: str
    opd: str
    opd_kode: str
    jadwal_id: str
    status: str
    sesi_id: str | None
    revisi: int | None
    hasil: Hasil | None
    peringkat: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def total(self) -> float | None:
        return self.hasil.final if self.hasil else None

    @property
    def kategori(self) -> str:
        return self.hasil.kategori if self.hasil else ""

    @property
    def lengkap(self) -> bool:
        """A final score: every stage of the instrument has a score (a KIP score without visitasi is
        not final, is never ranked with final ones and is printed as such)."""
        return self.hasil is not None and self.hasil.final is not None and self.hasil.tahap_lengkap

    def to_dict(self) -> dict[str, Any]:
        h = self.hasil
        return {
            "opd": self.opd,
            "opd_kode": self.opd_kode,
            "status": self.status,
            "sesi_id": self.sesi_id,
            "revisi": self.revisi,
            "aspek": [{"kode": a.kode, "nama": a.nama, "bobot": a.bobot, "skor": a.verifikasi,
                       "skor_mandiri": a.mandiri} for a in (h.aspek if h else [])],
            "skor_mandiri": h.mandiri if h else None,
            "skor_verifikasi": h.verifikasi if h else None,
            "tahap": h.tahap if h else {},
            "tahap_lengkap": h.tahap_lengkap if h else False,
            "total": self.total,
            "kategori": self.kategori,
            "lengkap": self.lengkap,
            "peringkat": self.peringkat,
            "terjawab": h.terjawab if h else 0,
            "jumlah_pertanyaan": h.total_pertanyaan if h else 0,
        }


_DEFN_CACHE: dict[tuple[str, int], I.Definisi] = {}


def definisi_of(row: Any) -> I.Definisi:
    """Parse a stored ``Instrumen`` row (cached by id + revision; rows of a version never change
    once published, drafts bump ``rev``)."""
    key = (row.id, row.rev)
    d = _DEFN_CACHE.get(key)
    if d is None:
        d = I.dari_dict(json.loads(row.definisi))
        if len(_DEFN_CACHE) > 64:
            _DEFN_CACHE.clear()
        _DEFN_CACHE[key] = d
    return d


def nilai_tahap(raw: str | None) -> dict[str, float]:
    """The entered stage scores of a session (``Sesi.nilai_tahap`` JSON), blanks left out."""
    return {k: float(v) for k, v in json.loads(raw or "{}").items() if v is not None}


def program_scores(session: Session, program_id: str) -> list[SkorOpd]:
    """Per target OPD of a programme: aspek scores, total (final), kategori, ranking.

    Uses the current revision of each OPD's session (not ``diganti``); OPDs with no session yet are
    listed with ``hasil = None``. Sorted by total (desc), then OPD name; ``peringkat`` set on scored rows.
    """
    from ppid_desktop.master.models import PerangkatDaerah
    from ppid_desktop.monev.models import Instrumen, Jadwal, Jawaban, Program, Sesi

    prog = session.get(Program, program_id)
    if prog is None or prog.deleted:
        from ppid_desktop.core.errors import UserError

        raise UserError("Program monev tidak ditemukan.")
    rows = session.exec(
        select(Jadwal, PerangkatDaerah)
        .join(PerangkatDaerah, PerangkatDaerah.id == Jadwal.opd_id)  # type: ignore[arg-type]
        .where(Jadwal.program_id == program_id, Jadwal.deleted == False)  # noqa: E712
    ).all()
    sesi_rows = session.exec(
        select(Sesi).where(Sesi.program_id == program_id, Sesi.deleted == False, Sesi.status != "diganti")  # noqa: E712
    ).all()
    sesi_by_jadwal = {s.jadwal_id: s for s in sesi_rows}
    ids = [s.id for s in sesi_rows]
    answers: dict[str, dict[str, Isian]] = defaultdict(dict)
    if ids:
        tbl = Jawaban.__table__  # type: ignore[attr-defined]
        stmt = sa_select(tbl.c.sesi_id, tbl.c.pertanyaan, tbl.c.nilai, tbl.c.na, tbl.c.nilai_verifikasi).where(
            # "+": the tombstone never drives the plan (its index has one value); answers are read by session
            tbl.c.sesi_id.in_(ids), sa_text("+monev_jawaban.deleted = 0")
        )
        for sid, kode, nilai, na, nv in session.execute(stmt):
            answers[sid][kode] = Isian(nilai, bool(na), nv)
    inst_cache: dict[str, I.Definisi] = {}

    def defn_for(instrumen_id: str) -> I.Definisi:
        if instrumen_id not in inst_cache:
            row = session.get(Instrumen, instrumen_id)
            inst_cache[instrumen_id] = definisi_of(row)
        return inst_cache[instrumen_id]

    out: list[SkorOpd] = []
    for jadwal, opd in rows:
        s = sesi_by_jadwal.get(jadwal.id)
        hasil = None
        if s is not None:
            hasil = hitung(defn_for(s.instrumen_id), answers.get(s.id, {}), nilai_tahap(s.nilai_tahap))
        out.append(SkorOpd(opd.id, opd.nama, opd.kode, jadwal.id, jadwal.status, s.id if s else None,
                           s.revisi if s else None, hasil))
    out.sort(key=lambda r: (not r.lengkap, r.total is None, -(r.total or 0.0), r.opd))
    rank = 0
    prev: float | None = None
    for i, r in enumerate(out, 1):
        if not r.lengkap:  # incomplete results are listed after the final ones, unranked
            continue
        if r.total != prev:
            rank = i
            prev = r.total
        r.peringkat = rank
    return out


def bobot_teks(defn: I.Definisi) -> str:
    """How the final score is made, in words (e.g. "Nilai akhir = 80% SAQ + 20% Visitasi")."""
    if not defn.tahap:
        return (f"Nilai akhir = rata-rata tertimbang nilai aspek (bobot aspek dalam persen), skala 0–{defn.skala:g}.")
    return "Nilai akhir = " + " + ".join(f"{t.bobot:g}% {t.nama}" for t in defn.tahap) + \
        "; nilai yang belum memiliki semua tahap belum final dan tidak diperingkat."


# ------------------------------------------------------------------ SPBE instansi
@dataclass
class IndeksNode:
    kode: str
    nama: str
    bobot: float
    indeks: float | None


@dataclass
class IndeksInstansi:
    """The pemda's SPBE evaluation: indicator levels, aspect and domain indices, index, predikat."""

    indikator: list[IndeksNode]
    aspek: list[IndeksNode]
    domain: list[IndeksNode]
    indeks: float | None
    predikat: str
    kontributor: int

    def to_dict(self) -> dict[str, Any]:
        def rows(xs: list[IndeksNode]) -> list[dict[str, Any]]:
            return [{"kode": x.kode, "nama": x.nama, "bobot": x.bobot, "indeks": x.indeks} for x in xs]

        return {"indeks": self.indeks, "predikat": self.predikat, "domain": rows(self.domain), "aspek": rows(self.aspek),
                "indikator": rows(self.indikator), "kontributor": self.kontributor}


def _domain_layanan(nama: str) -> bool:
    return "layanan" in nama.lower()


def indeks_instansi(defn: I.Definisi, hasil: list[Hasil]) -> IndeksInstansi:
    """SPBE per Permenpan RB 59/2020: ONE evaluation of the instansi fed by its OPD contributions.

    Indicator level of the instansi: in the policy, governance and management domains (one policy or
    team serves the whole pemda) the highest level an OPD showed; in the service domain (services are
    delivered by each OPD) the mean of the OPD levels. Aspect and domain indices and the index are the
    weighted means of the indicator levels (indicator weights); predikat from the instrument's bands
    (Memuaskan ≥ 4,2; Sangat Baik ≥ 3,5; Baik ≥ 2,6; Cukup ≥ 1,8; Kurang).
    """
    per_ind: dict[str, list[float]] = defaultdict(list)
    for h in hasil:
        for node in h.indikator:
            if node.verifikasi is not None:
                per_ind[node.kode].append(node.verifikasi)
    ind_nodes: list[IndeksNode] = []
    asp_nodes: list[IndeksNode] = []
    dom_pairs: dict[str, list[tuple[float, float | None]]] = defaultdict(list)
    dom_bobot: dict[str, float] = defaultdict(float)
    all_pairs: list[tuple[float, float | None]] = []
    for a in defn.aspek:
        dom = a.kelompok or a.nama
        pairs: list[tuple[float, float | None]] = []
        for ind in a.indikator:
            xs = per_ind.get(ind.kode) or []
            lv = (sum(xs) / len(xs) if _domain_layanan(dom) else max(xs)) if xs else None
            ind_nodes.append(IndeksNode(ind.kode, ind.nama, ind.bobot, defn.bulat(lv)))
            pairs.append((ind.bobot, lv))
        asp_nodes.append(IndeksNode(a.kode, a.nama, a.bobot, defn.bulat(_wmean(pairs))))
        dom_pairs[dom] += pairs
        dom_bobot[dom] += a.bobot
        all_pairs += pairs
    domain = [IndeksNode(f"D{i}", d, dom_bobot[d], defn.bulat(_wmean(p))) for i, (d, p) in enumerate(dom_pairs.items(), 1)]
    idx = defn.bulat(_wmean(all_pairs))
    band = I.band_untuk(defn, idx)
    return IndeksInstansi(ind_nodes, asp_nodes, domain, idx, band.nama if band else "", len(hasil))
