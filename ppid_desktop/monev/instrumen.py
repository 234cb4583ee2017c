"""Instruments as data: parse, validate, normalise answers, and load/save versions.

An instrument is a plain dict (the same shape as the JSON templates in
``resources/templates/instrumen`` and what the Excel import of issue #5 produces)::

    {
      "kode": "kip-2025", "nama": "...", "jenis": "kip", "penerbit": "...", "tahun": 2025,
      "skala": 100, "presisi": 2, "durasi_menit": 90, "catatan": "TEMPLAT — sesuaikan ...",
      "band": [{"nama": "Informatif", "min": 90, "max": 100, "warna": "#1b7f3b"}, ...],
      "tahap": [{"kode": "saq", "nama": "SAQ", "bobot": 80, "sumber": "instrumen"},
                {"kode": "visitasi", "nama": "Visitasi", "bobot": 20, "sumber": "input"}],
      "aspek": [{"kode": "A", "nama": "...", "bobot": 40, "kelompok": "",
                 "indikator": [{"kode": "A.1", "nama": "...", "bobot": 20,
                                "pertanyaan": [{"kode": "A.1.1", "teks": "...", "jenis": "ya_tidak",
                                                "bobot": 1, "wajib": true, "bukti": "berkas",
                                                "bantuan": "...", "boleh_na": false,
                                                "opsi": [{"kode": "a", "label": "...", "skor": 5}],
                                                "level": [{"level": 1, "kriteria": "..."}]}]}]}]
    }

Weights: aspek weights add up to 100; indikator weights inside an aspek add up to the aspek weight
(global percentages, as SPBE publishes them) or are all left empty (equal split); question weights
are relative inside their indikator (default 1). Bands are half-open ``[min, max)`` except the top
band, which includes ``max`` (= ``skala``); they must cover ``0..skala`` with no gap or overlap.
Stage weights (``tahap``) add up to 100; the stage with ``sumber = "instrumen"`` takes the instrument
score, the others are numbers entered per session (e.g. visitasi).

Public functions: ``periksa(data) -> list[Problem]``, ``dari_dict(data) -> Definisi`` (raises
``InstrumenTidakValid``), ``sebagai_dict(defn) -> dict``, ``daftar_templat() / muat_templat(name)``,
``normalkan_jawaban(q, value)`` (raises ``UserError`` for an answer out of range), ``band_untuk(defn, x)``,
and the storage pair ``simpan(store, actor, data, ...)`` / ``muat(store, instrumen_id) -> dict``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from ppid_desktop.core.errors import Problem, UserError

JENIS_JAWABAN: dict[str, str] = {
    "ya_tidak": "Ya/Tidak",
    "pilihan": "Pilihan (skor per opsi)",
    "level": "Level 1–5",
    "angka": "Angka (target/realisasi)",
    "teks": "Teks",
    "tanggal": "Tanggal",
}
BERSKOR = frozenset({"ya_tidak", "pilihan", "level", "angka"})
JENIS_BUKTI: dict[str, str] = {"": "Tidak perlu", "berkas": "Berkas", "foto": "Foto", "tautan": "Tautan"}
JENIS_INSTRUMEN: dict[str, str] = {
    "kip": "Monev Keterbukaan Informasi Publik",
    "spbe": "Evaluasi SPBE",
    "pekppp": "Evaluasi Pelayanan Publik (PEKPPP)",
    "checklist": "Daftar periksa layanan PPID",
    "kegiatan": "Monitoring kegiatan dan layanan",
    "lain": "Lainnya",
}
SUMBER_TAHAP = ("instrumen", "input")
EPS = 1e-6


class InstrumenTidakValid(UserError):
    """The instrument has problems; ``problems`` lists them (nothing was saved)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        head = f"Instrumen tidak dapat disimpan: {len(problems)} masalah."
        body = "\n".join(f"- {p}" for p in problems[:15])
        more = f"\n… dan {len(problems) - 15} masalah lain." if len(problems) > 15 else ""
        super().__init__(f"{head}\n{body}{more}")


# ----------------------------------------------------------------- structure
@dataclass(frozen=True)
class Opsi:
    kode: str
    label: str
    skor: float


@dataclass(frozen=True)
class Level:
    level: int
    kriteria: str


@dataclass(frozen=True)
class Pertanyaan:
    kode: str
    teks: str
    jenis: str
    bobot: float = 1.0
    wajib: bool = True
    bukti: str = ""
    bantuan: str = ""
    boleh_na: bool = False
    opsi: tuple[Opsi, ...] = ()
    level: tuple[Level, ...] = ()
    satuan: str = ""
    aspek_kode: str = ""
    indikator_kode: str = ""

    @property
    def berskor(self) -> bool:
        return self.jenis in BERSKOR

    def opsi_max(self) -> float:
        return max((o.skor for o in self.opsi), default=0.0)


@dataclass(frozen=True)
class Indikator:
    kode: str
    nama: str
    bobot: float
    pertanyaan: tuple[Pertanyaan, ...]
    penjelasan: str = ""


@dataclass(frozen=True)
class Aspek:
    kode: str
    nama: str
    bobot: float
    indikator: tuple[Indikator, ...]
    kelompok: str = ""


@dataclass(frozen=True)
class Band:
    nama: str
    min: float
    max: float
    warna: str = ""


@dataclass(frozen=True)
class Tahap:
    kode: str
    nama: str
    bobot: float
    sumber: str = "instrumen"


@dataclass(frozen=True)
class Definisi:
    kode: str
    nama: str
    jenis: str
    aspek: tuple[Aspek, ...]
    band: tuple[Band, ...]
    tahap: tuple[Tahap, ...] = ()
    penerbit: str = ""
    tahun: int | None = None
    skala: float = 100.0
    presisi: int = 2
    durasi_menit: int = 90
    catatan: str = ""
    templat: bool = False
    _index: dict[str, Pertanyaan] = field(default_factory=dict, compare=False, repr=False)

    def pertanyaan(self) -> list[Pertanyaan]:
        return [q for a in self.aspek for i in a.indikator for q in i.pertanyaan]

    def ambil(self, kode: str) -> Pertanyaan:
        if not self._index:
            self._index.update({q.kode: q for q in self.pertanyaan()})
        try:
            return self._index[kode]
        except KeyError:
            raise UserError(f"Pertanyaan '{kode}' tidak ada dalam instrumen {self.nama}.") from None

    def bulat(self, x: float | None) -> float | None:
        return bulat(x, self.presisi)


def bulat(x: float | None, presisi: int = 2) -> float | None:
    """Round half up (as issuers do), not banker's rounding."""
    if x is None:
        return None
    q = Decimal(1).scaleb(-presisi)
    return float(Decimal(repr(x)).quantize(q, rounding=ROUND_HALF_UP))


def band_untuk(defn: Definisi, x: float | None) -> Band | None:
    """The band holding ``x``: ``[min, max)``, the top band also holds ``max``."""
    if x is None:
        return None
    bands = sorted(defn.band, key=lambda b: b.min)
    for i, b in enumerate(bands):
        top = i == len(bands) - 1
        if b.min - EPS <= x < b.max - EPS or (top and b.min - EPS <= x <= b.max + EPS):
            return b
    return None


# ------------------------------------------------------------------ parsing
def _num(v: Any) -> float | None:
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, bool):
        return None
    if isinstance(v, str):
        v = v.strip().replace(",", ".")
    try:
        return float(v)
    except (TypeError, ValueError):
        raise ValueError(str(v)) from None


def _bool(v: Any, default: bool) -> bool:
    if v is None or v == "":
        return default
    if isinstance(v, str):
        return v.strip().lower() in {"1", "ya", "y", "true", "benar", "wajib", "x"}
    return bool(v)


def _fmt(x: float) -> str:
    s = f"{x:.4f}".rstrip("0").rstrip(".")
    return s.replace(".", ",")


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, msg: str, sheet: str | None = None, value: Any = None, column: str | None = None) -> None:
        self.problems.append(Problem(msg, sheet=sheet, column=column,
                                     value=None if value is None else str(value)))

    def num(self, v: Any, label: str, sheet: str | None, column: str) -> float | None:
        try:
            return _num(v)
        except ValueError:
            self.add(f"{label} harus berupa angka.", sheet, v, column)
            return None


def _parse(data: dict[str, Any]) -> tuple[Definisi | None, list[Problem]]:
    c = _Collector()
    if not isinstance(data, dict):
        return None, [Problem("Instrumen harus berupa struktur data (dict).")]
    kode = str(data.get("kode") or "").strip()
    nama = str(data.get("nama") or "").strip()
    if not kode:
        c.add("Kode instrumen wajib diisi.", "Instrumen", column="kode")
    if not nama:
        c.add("Nama instrumen wajib diisi.", "Instrumen", column="nama")
    jenis = str(data.get("jenis") or "lain").strip()
    if jenis not in JENIS_INSTRUMEN:
        c.add(f"Jenis instrumen '{jenis}' tidak dikenal (pilih: {', '.join(JENIS_INSTRUMEN)}).", "Instrumen", jenis, "jenis")
        jenis = "lain"
    skala = c.num(data.get("skala", 100), "Skala nilai", "Instrumen", "skala") or 100.0
    if skala <= 0:
        c.add("Skala nilai harus lebih dari 0.", "Instrumen", skala, "skala")
        skala = 100.0
    presisi_raw = c.num(data.get("presisi", 2), "Presisi", "Instrumen", "presisi")
    presisi = int(presisi_raw) if presisi_raw is not None else 2
    if not 0 <= presisi <= 4:
        c.add("Presisi (jumlah desimal) harus 0–4.", "Instrumen", presisi, "presisi")
        presisi = 2
    durasi = c.num(data.get("durasi_menit", 90), "Durasi standar", "Instrumen", "durasi_menit") or 90
    tahun_raw = c.num(data.get("tahun"), "Tahun", "Instrumen", "tahun")

    seen: set[str] = set()
    aspek_list: list[Aspek] = []
    raw_aspek = data.get("aspek") or []
    if not raw_aspek:
        c.add("Instrumen belum memiliki aspek.", "Pertanyaan")
    for ai, a in enumerate(raw_aspek, 1):
        akode = str(a.get("kode") or f"{ai}").strip()
        anama = str(a.get("nama") or "").strip()
        where = f"aspek {akode}"
        if not anama:
            c.add(f"Nama {where} wajib diisi.", "Pertanyaan", column="aspek")
        if akode in seen:
            c.add(f"Kode '{akode}' dipakai lebih dari sekali.", "Pertanyaan", akode, "kode")
        seen.add(akode)
        abobot = c.num(a.get("bobot"), f"Bobot {where}", "Pertanyaan", "bobot_aspek")
        if abobot is None or abobot < 0:
            c.add(f"Bobot {where} ({anama}) wajib diisi dengan angka ≥ 0.", "Pertanyaan", a.get("bobot"), "bobot_aspek")
            abobot = 0.0
        ind_list: list[Indikator] = []
        raw_ind = a.get("indikator") or []
        if not raw_ind:
            c.add(f"Aspek {akode} ({anama}) belum memiliki indikator.", "Pertanyaan")
        ind_weights: list[float | None] = []
        for ii, ind in enumerate(raw_ind, 1):
            ikode = str(ind.get("kode") or f"{akode}.{ii}").strip()
            inama = str(ind.get("nama") or "").strip()
            if not inama:
                c.add(f"Nama indikator {ikode} wajib diisi.", "Pertanyaan", column="indikator")
            if ikode in seen:
                c.add(f"Kode '{ikode}' dipakai lebih dari sekali.", "Pertanyaan", ikode, "kode")
            seen.add(ikode)
            ib = c.num(ind.get("bobot"), f"Bobot indikator {ikode}", "Pertanyaan", "bobot_indikator")
            if ib is not None and ib < 0:
                c.add(f"Bobot indikator {ikode} tidak boleh negatif.", "Pertanyaan", ib, "bobot_indikator")
                ib = 0.0
            ind_weights.append(ib)
            q_list: list[Pertanyaan] = []
            raw_q = ind.get("pertanyaan") or []
            if not raw_q:
                c.add(f"Indikator {ikode} ({inama}) belum memiliki pertanyaan.", "Pertanyaan")
            for qi, q in enumerate(raw_q, 1):
                pq = _parse_q(c, q, f"{ikode}.{qi}", akode, ikode, seen)
                if pq is not None:
                    q_list.append(pq)
            if raw_q and not any(q.berskor for q in q_list) and q_list:
                pass  # an indikator of only teks/tanggal questions is allowed (not scored)
            ind_list.append(Indikator(ikode, inama, ib if ib is not None else -1.0, tuple(q_list),
                                      str(ind.get("penjelasan") or "")))
        # indikator weights: all empty (equal split) or adding up to the aspek weight
        given = [w for w in ind_weights if w is not None]
        if given and len(given) != len(ind_weights):
            c.add(f"Bobot indikator di aspek {akode} harus diisi semua atau dikosongkan semua.", "Pertanyaan")
        elif given and abs(sum(given) - abobot) > 0.001:
            c.add(f"Jumlah bobot indikator di aspek {akode} ({anama}) adalah {_fmt(sum(given))}, "
                  f"seharusnya sama dengan bobot aspek {_fmt(abobot)}.", "Pertanyaan", _fmt(sum(given)), "bobot_indikator")
        if not given and ind_list:
            share = abobot / len(ind_list)
            ind_list = [Indikator(i.kode, i.nama, share, i.pertanyaan, i.penjelasan) for i in ind_list]
        aspek_list.append(Aspek(akode, anama, abobot, tuple(ind_list), str(a.get("kelompok") or "")))
    total_w = sum(a.bobot for a in aspek_list)
    if aspek_list and abs(total_w - 100) > 0.001:
        c.add(f"Jumlah bobot aspek adalah {_fmt(total_w)}, seharusnya 100.", "Pertanyaan", _fmt(total_w), "bobot_aspek")

    bands = _parse_bands(c, data.get("band") or [], skala)
    tahap = _parse_tahap(c, data.get("tahap") or [])
    if c.problems:
        return None, c.problems
    return Definisi(
        kode=kode, nama=nama, jenis=jenis, aspek=tuple(aspek_list), band=tuple(bands), tahap=tuple(tahap),
        penerbit=str(data.get("penerbit") or ""), tahun=int(tahun_raw) if tahun_raw else None, skala=skala,
        presisi=presisi, durasi_menit=int(durasi), catatan=str(data.get("catatan") or ""),
        templat=bool(data.get("templat", False)),
    ), []


def _parse_q(c: _Collector, q: dict[str, Any], default_kode: str, akode: str, ikode: str,
             seen: set[str]) -> Pertanyaan | None:
    kode = str(q.get("kode") or default_kode).strip()
    sheet = "Pertanyaan"
    if kode in seen:
        c.add(f"Kode pertanyaan '{kode}' dipakai lebih dari sekali.", sheet, kode, "kode")
    seen.add(kode)
    teks = str(q.get("teks") or "").strip()
    if not teks:
        c.add(f"Teks pertanyaan {kode} wajib diisi.", sheet, column="teks")
    jenis = str(q.get("jenis") or "ya_tidak").strip()
    if jenis not in JENIS_JAWABAN:
        c.add(f"Jenis jawaban '{jenis}' pada pertanyaan {kode} tidak dikenal (pilih: {', '.join(JENIS_JAWABAN)}).",
              sheet, jenis, "jenis")
        return None
    bobot = c.num(q.get("bobot", 1), f"Bobot pertanyaan {kode}", sheet, "bobot")
    if bobot is None:
        bobot = 1.0
    if bobot < 0:
        c.add(f"Bobot pertanyaan {kode} tidak boleh negatif.", sheet, bobot, "bobot")
    bukti = str(q.get("bukti") or "").strip()
    if bukti not in JENIS_BUKTI:
        c.add(f"Jenis bukti '{bukti}' pada pertanyaan {kode} tidak dikenal (berkas, foto, tautan, atau kosong).",
              sheet, bukti, "bukti")
        bukti = ""
    opsi: list[Opsi] = []
    if jenis == "pilihan":
        raw = q.get("opsi") or []
        if len(raw) < 2:
            c.add(f"Pertanyaan pilihan {kode} harus memiliki minimal 2 opsi.", "Opsi", kode, "opsi")
        kodes: set[str] = set()
        for oi, o in enumerate(raw, 1):
            ok = str(o.get("kode") or oi).strip()
            if ok in kodes:
                c.add(f"Kode opsi '{ok}' pada pertanyaan {kode} dipakai lebih dari sekali.", "Opsi", ok, "kode_opsi")
            kodes.add(ok)
            skor = c.num(o.get("skor"), f"Skor opsi {ok} pertanyaan {kode}", "Opsi", "skor")
            if skor is None:
                c.add(f"Skor opsi {ok} pada pertanyaan {kode} wajib diisi.", "Opsi", column="skor")
                skor = 0.0
            if skor < 0:
                c.add(f"Skor opsi {ok} pada pertanyaan {kode} tidak boleh negatif.", "Opsi", skor, "skor")
            label = str(o.get("label") or "").strip()
            if not label:
                c.add(f"Label opsi {ok} pada pertanyaan {kode} wajib diisi.", "Opsi", column="label")
            opsi.append(Opsi(ok, label, skor))
        if opsi and max(o.skor for o in opsi) <= 0:
            c.add(f"Pertanyaan {kode}: minimal satu opsi harus bernilai lebih dari 0.", "Opsi")
    levels: list[Level] = []
    if jenis == "level":
        raw = q.get("level") or []
        nums = []
        for lv in raw:
            n = c.num(lv.get("level"), f"Level pertanyaan {kode}", "Level", "level")
            if n is None or int(n) != n or not 1 <= n <= 5:
                c.add(f"Level pada pertanyaan {kode} harus bilangan bulat 1–5.", "Level", lv.get("level"), "level")
                continue
            nums.append(int(n))
            levels.append(Level(int(n), str(lv.get("kriteria") or "").strip()))
        if raw and sorted(nums) != [1, 2, 3, 4, 5]:
            c.add(f"Pertanyaan level {kode} harus memiliki kriteria untuk level 1 sampai 5 tepat satu kali.", "Level")
        levels.sort(key=lambda x: x.level)
    return Pertanyaan(
        kode=kode, teks=teks, jenis=jenis, bobot=bobot, wajib=_bool(q.get("wajib"), True), bukti=bukti,
        bantuan=str(q.get("bantuan") or ""), boleh_na=_bool(q.get("boleh_na"), False), opsi=tuple(opsi),
        level=tuple(levels), satuan=str(q.get("satuan") or ""), aspek_kode=akode, indikator_kode=ikode,
    )


def _parse_bands(c: _Collector, raw: list[dict[str, Any]], skala: float) -> list[Band]:
    sheet = "Band"
    if not raw:
        c.add("Tabel kategori (band nilai) wajib diisi.", sheet)
        return []
    bands: list[Band] = []
    for b in raw:
        nama = str(b.get("nama") or "").strip()
        lo = c.num(b.get("min"), f"Batas bawah kategori '{nama}'", sheet, "min")
        hi = c.num(b.get("max"), f"Batas atas kategori '{nama}'", sheet, "max")
        if not nama:
            c.add("Nama kategori wajib diisi.", sheet, column="nama")
        if lo is None or hi is None:
            c.add(f"Kategori '{nama}': batas bawah dan batas atas wajib diisi.", sheet)
            continue
        if lo >= hi:
            c.add(f"Kategori '{nama}': batas bawah {_fmt(lo)} harus lebih kecil dari batas atas {_fmt(hi)}.", sheet)
            continue
        bands.append(Band(nama, lo, hi, str(b.get("warna") or "")))
    bands.sort(key=lambda b: b.min)
    if not bands:
        return []
    if abs(bands[0].min) > EPS:
        c.add(f"Tabel kategori harus dimulai dari 0; kategori terendah '{bands[0].nama}' dimulai dari "
              f"{_fmt(bands[0].min)} (nilai 0–{_fmt(bands[0].min)} tidak masuk kategori mana pun).", sheet)
    if abs(bands[-1].max - skala) > EPS:
        c.add(f"Kategori tertinggi '{bands[-1].nama}' harus berakhir di {_fmt(skala)} (skala nilai), "
              f"bukan {_fmt(bands[-1].max)}.", sheet)
    for prev, nxt in zip(bands, bands[1:], strict=False):
        if nxt.min > prev.max + EPS:
            c.add(f"Ada celah antara kategori '{prev.nama}' (sampai {_fmt(prev.max)}) dan '{nxt.nama}' "
                  f"(mulai {_fmt(nxt.min)}): nilai di antaranya tidak masuk kategori mana pun. "
                  f"Gunakan batas yang sama (rentang setengah terbuka [min, max)).", sheet)
        elif nxt.min < prev.max - EPS:
            c.add(f"Kategori '{prev.nama}' ({_fmt(prev.min)}–{_fmt(prev.max)}) dan '{nxt.nama}' "
                  f"({_fmt(nxt.min)}–{_fmt(nxt.max)}) tumpang tindih.", sheet)
    return bands


def _parse_tahap(c: _Collector, raw: list[dict[str, Any]]) -> list[Tahap]:
    out: list[Tahap] = []
    for t in raw:
        kode = str(t.get("kode") or "").strip()
        nama = str(t.get("nama") or kode).strip()
        bobot = c.num(t.get("bobot"), f"Bobot tahap '{nama}'", "Tahap", "bobot")
        sumber = str(t.get("sumber") or "input").strip()
        if not kode:
            c.add("Kode tahap wajib diisi.", "Tahap", column="kode")
        if sumber not in SUMBER_TAHAP:
            c.add(f"Sumber tahap '{nama}' harus 'instrumen' atau 'input'.", "Tahap", sumber, "sumber")
        if bobot is None or bobot < 0:
            c.add(f"Bobot tahap '{nama}' wajib diisi dengan angka ≥ 0.", "Tahap", t.get("bobot"), "bobot")
            bobot = 0.0
        out.append(Tahap(kode, nama, bobot, sumber))
    if out:
        total = sum(t.bobot for t in out)
        if abs(total - 100) > 0.001:
            c.add(f"Jumlah bobot tahap penilaian adalah {_fmt(total)}, seharusnya 100.", "Tahap", _fmt(total))
        if sum(1 for t in out if t.sumber == "instrumen") != 1:
            c.add("Tepat satu tahap harus bersumber dari instrumen (nilai kuesioner).", "Tahap")
    return out


def periksa(data: dict[str, Any]) -> list[Problem]:
    """All problems of an instrument dict (empty list = valid)."""
    return _parse(data)[1]


def dari_dict(data: dict[str, Any]) -> Definisi:
    defn, problems = _parse(data)
    if problems or defn is None:
        raise InstrumenTidakValid(problems)
    return defn


def sebagai_dict(defn: Definisi) -> dict[str, Any]:
    """The canonical plain-dict form (stored as JSON, exported to Excel)."""
    def q_dict(q: Pertanyaan) -> dict[str, Any]:
        d: dict[str, Any] = {"kode": q.kode, "teks": q.teks, "jenis": q.jenis, "bobot": q.bobot, "wajib": q.wajib,
                             "bukti": q.bukti, "bantuan": q.bantuan, "boleh_na": q.boleh_na}
        if q.satuan:
            d["satuan"] = q.satuan
        if q.opsi:
            d["opsi"] = [{"kode": o.kode, "label": o.label, "skor": o.skor} for o in q.opsi]
        if q.level:
            d["level"] = [{"level": lv.level, "kriteria": lv.kriteria} for lv in q.level]
        return d

    return {
        "kode": defn.kode, "nama": defn.nama, "jenis": defn.jenis, "penerbit": defn.penerbit, "tahun": defn.tahun,
        "skala": defn.skala, "presisi": defn.presisi, "durasi_menit": defn.durasi_menit, "catatan": defn.catatan,
        "templat": defn.templat,
        "band": [{"nama": b.nama, "min": b.min, "max": b.max, "warna": b.warna} for b in defn.band],
        "tahap": [{"kode": t.kode, "nama": t.nama, "bobot": t.bobot, "sumber": t.sumber} for t in defn.tahap],
        "aspek": [
            {"kode": a.kode, "nama": a.nama, "bobot": a.bobot, "kelompok": a.kelompok,
             "indikator": [{"kode": i.kode, "nama": i.nama, "bobot": i.bobot, "penjelasan": i.penjelasan,
                            "pertanyaan": [q_dict(q) for q in i.pertanyaan]} for i in a.indikator]}
            for a in defn.aspek
        ],
    }


# ------------------------------------------------------------------ answers
def normalkan_jawaban(q: Pertanyaan, value: Any) -> str | None:
    """Check an answer against its question and return the stored text form.

    ``None``/empty clears the answer. Raises ``UserError`` (Indonesian) when out of range.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    j = q.jenis
    if j == "ya_tidak":
        v = str(value).strip().lower()
        if v in {"ya", "y", "1", "true"} or value is True:
            return "ya"
        if v in {"tidak", "t", "0", "false", "n"} or value is False:
            return "tidak"
        raise UserError(f"Jawaban pertanyaan {q.kode} harus Ya atau Tidak, bukan '{value}'.")
    if j == "pilihan":
        v = str(value).strip()
        for o in q.opsi:
            if v in (o.kode, o.label):
                return o.kode
        raise UserError(f"Jawaban '{value}' bukan salah satu opsi pertanyaan {q.kode} "
                        f"({'; '.join(f'{o.kode} = {o.label}' for o in q.opsi)}).")
    if j == "level":
        try:
            n = float(str(value).replace(",", "."))
        except ValueError:
            n = -1
        if n != int(n) or not 1 <= n <= 5:
            raise UserError(f"Level pertanyaan {q.kode} harus 1–5, bukan '{value}'.")
        return str(int(n))
    if j == "angka":
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except json.JSONDecodeError:
                raise UserError(f"Jawaban angka {q.kode} tidak dapat dibaca: '{value}'.") from None
        if isinstance(value, int | float):
            value = {"target": None, "realisasi": value}
        if not isinstance(value, dict):
            raise UserError(f"Jawaban angka {q.kode} harus berisi target dan realisasi.")
        out: dict[str, float | None] = {}
        for key in ("target", "realisasi"):
            raw = value.get(key)
            try:
                num = _num(raw)
            except ValueError:
                raise UserError(f"{key.title()} pertanyaan {q.kode} harus berupa angka, bukan '{raw}'.") from None
            if num is not None and num < 0:
                raise UserError(f"{key.title()} pertanyaan {q.kode} tidak boleh negatif.")
            out[key] = num
        if out["realisasi"] is None:
            raise UserError(f"Realisasi pertanyaan {q.kode} wajib diisi.")
        return json.dumps(out)
    if j == "tanggal":
        if isinstance(value, date):
            return value.isoformat()
        from ppid_desktop.core.tanggal import parse_tanggal

        try:
            return parse_tanggal(str(value)).isoformat()
        except ValueError as exc:
            raise UserError(f"Tanggal pertanyaan {q.kode}: {exc}") from None
    text = str(value).strip()
    if len(text) > 4000:
        raise UserError(f"Jawaban teks {q.kode} terlalu panjang (maksimal 4000 karakter).")
    return text


def pecahan(q: Pertanyaan, stored: str | None) -> float | None:
    """The 0..1 score of a stored answer; ``None`` when not scored or not answered."""
    if stored is None or not q.berskor:
        return None
    j = q.jenis
    if j == "ya_tidak":
        return 1.0 if stored == "ya" else 0.0
    if j == "pilihan":
        mx = q.opsi_max()
        for o in q.opsi:
            if o.kode == stored:
                return o.skor / mx if mx else 0.0
        return None
    if j == "level":
        return int(stored) / 5.0
    if j == "angka":
        d = json.loads(stored)
        t, r = d.get("target"), d.get("realisasi")
        if r is None:
            return None
        if not t:
            return 1.0 if r else 0.0
        return max(0.0, min(float(r) / float(t), 1.0))
    return None


def uraikan(q: Pertanyaan, stored: str | None) -> str:
    """An answer as text for tables and documents."""
    if stored is None:
        return ""
    if q.jenis == "ya_tidak":
        return "Ya" if stored == "ya" else "Tidak"
    if q.jenis == "pilihan":
        for o in q.opsi:
            if o.kode == stored:
                return f"{o.label} ({_fmt(o.skor)})"
        return stored
    if q.jenis == "level":
        lv = next((x for x in q.level if str(x.level) == stored), None)
        return f"Level {stored}" + (f" — {lv.kriteria}" if lv and lv.kriteria else "")
    if q.jenis == "angka":
        d = json.loads(stored)
        t = "" if d.get("target") is None else _fmt(d["target"])
        r = "" if d.get("realisasi") is None else _fmt(d["realisasi"])
        sat = f" {q.satuan}" if q.satuan else ""
        return f"{r}{sat} dari target {t}{sat}" if t else f"{r}{sat}"
    if q.jenis == "tanggal":
        from ppid_desktop.core.tanggal import tanggal_panjang

        return tanggal_panjang(date.fromisoformat(stored))
    return stored


# ---------------------------------------------------------------- templates
def folder_templat() -> Path:
    from ppid_desktop.core import paths

    return paths.resource("templates", "instrumen")


def daftar_templat() -> list[tuple[str, str]]:
    """``[(file stem, instrument name)]`` of the shipped templates."""
    out = []
    for p in sorted(folder_templat().glob("*.json")):
        with p.open(encoding="utf-8") as fh:
            out.append((p.stem, json.load(fh).get("nama", p.stem)))
    return out


def muat_templat(name: str) -> dict[str, Any]:
    path = folder_templat() / f"{name}.json"
    if not path.exists():
        raise UserError(f"Templat instrumen '{name}' tidak ditemukan.")
    with path.open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


# ------------------------------------------------------------------ storage
def simpan(store: Any, actor: Any, data: dict[str, Any], instrumen_id: str | None = None) -> Any:
    """Validate and store an instrument dict; returns the ``Instrumen`` row written.

    - New ``kode``: version 1 (draft).
    - Latest version of that ``kode`` is a draft: it is updated in place.
    - Latest version is published (``terbit``): a NEW version (draft) is created; the published one
      and every programme frozen on it stay unchanged.
    Nothing is written when the dict has problems (``InstrumenTidakValid``).
    """
    from sqlmodel import col, select

    from ppid_desktop.akun import roles as R
    from ppid_desktop.monev.models import Instrumen

    R.require(actor, R.MONEV_KELOLA)
    defn = dari_dict(data)
    payload = json.dumps(sebagai_dict(defn), ensure_ascii=False)
    with store.session(actor) as s:
        latest = s.exec(
            select(Instrumen).where(Instrumen.kode == defn.kode, Instrumen.deleted == False)  # noqa: E712
            .order_by(col(Instrumen.versi).desc())
        ).first()
        if instrumen_id is not None:
            base = s.get(Instrumen, instrumen_id)
            if base is None:
                raise UserError("Instrumen tidak ditemukan.")
        if latest is not None and latest.status == "draf":
            row = latest
        else:
            row = Instrumen(kode=defn.kode, nama=defn.nama, versi=(latest.versi + 1) if latest else 1, status="draf")
        row.nama, row.jenis, row.penerbit, row.tahun = defn.nama, defn.jenis, defn.penerbit, defn.tahun
        row.definisi = payload
        row.jumlah_pertanyaan = len(defn.pertanyaan())
        s.add(row)
    return row


def muat(store: Any, instrumen_id: str) -> dict[str, Any]:
    """The stored instrument version as a plain dict (with ``versi``/``status``/``id`` added)."""
    from ppid_desktop.monev.models import Instrumen

    with store.read() as s:
        row = s.get(Instrumen, instrumen_id)
    if row is None or row.deleted:
        raise UserError("Instrumen tidak ditemukan.")
    d: dict[str, Any] = json.loads(row.definisi)
    d.update({"id": row.id, "versi": row.versi, "status": row.status})
    return d
