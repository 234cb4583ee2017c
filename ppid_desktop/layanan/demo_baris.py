"""The request demo's rows (``layanan.demo`` writes them): realistic requests over two years (channels, OPD,
decisions, extensions, refusals with Pasal 17 grounds, late answers, open and overdue ones), their history,
keberatan and a few sengketa, drawn from one seeded random stream and turned into the sqlite3 parameter
tuples the tables store.

Everything here is a pure function of a :class:`Rencana` (the plan the writer builds from the database:
OPD, numbering patterns, the working calendar's entries, a pool of already encrypted demo NIKs, the
tables' column shapes, the random seed and the first record id), so the same plan gives the same rows in
this process or in a separate one. A large demo draws them in a child process (:func:`anak`, started by
``layanan.demo``) while the writer process writes the previous chunk: the drawing and the writing each take
a core. The child holds no key and no database: the NIKs arrive encrypted in the plan.

Per row only Python work that cannot be shared is done: rows become tuples by one generated function per
table over the converted defaults (:class:`Bentuk`), numbers and weighted draws reuse what was computed
once (``_Nomor``, ``_weighted``, the same random stream), deadline arithmetic is a table look-up
(``_Plus``) and record ids follow one another from a random start (``_Ids``: the primary-key indexes are
appended to)."""

from __future__ import annotations

import contextlib
import functools
import marshal
import os
import pickle
import random
import sys
import uuid
from bisect import bisect
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import accumulate
from typing import Any, NamedTuple

from ppid_desktop.core.hari_kerja import Entry, Kebijakan, WorkCalendar
from ppid_desktop.core.tanggal import bulan_romawi
from ppid_desktop.layanan import rincian as rincian_ringkas
from ppid_desktop.layanan import rules as RU  # noqa: N812

RINCIAN = (
    "Salinan Dokumen Pelaksanaan Anggaran (DPA) {opd} tahun {th}",
    "Laporan realisasi anggaran {opd} semester {sem} tahun {th}",
    "Daftar penerima bantuan sosial di Kecamatan {kec} tahun {th}",
    "Rencana Kerja (Renja) {opd} tahun {th}",
    "Data jumlah tenaga kesehatan per puskesmas tahun {th}",
    "Salinan kontrak pekerjaan rehabilitasi jalan lingkungan di Kelurahan {kel}",
    "Dokumen AMDAL/UKL-UPL pembangunan pasar di Kecamatan {kec}",
    "Data angka stunting per kelurahan tahun {th}",
    "Standar operasional prosedur pelayanan pada {opd}",
    "Hasil evaluasi SAKIP {opd} tahun {th}",
    "Daftar aset tanah milik pemerintah daerah di Kelurahan {kel}",
    "Data jumlah penduduk menurut kelompok umur tahun {th}",
    "Salinan Laporan Hasil Pemeriksaan BPK atas LKPD tahun {th}",
    "Data izin mendirikan bangunan/PBG yang terbit di Kecamatan {kec} tahun {th}",
    "Notulen rapat musrenbang Kecamatan {kec} tahun {th}",
)
TUJUAN = ("Penelitian skripsi", "Bahan kajian LSM", "Pemberitaan media", "Pengawasan anggaran oleh warga",
          "Kepentingan pribadi", "Penyusunan tesis", "Bahan advokasi kebijakan", "Referensi usaha")
PEKERJAAN = ("Mahasiswa", "Wiraswasta", "Wartawan", "Karyawan swasta", "Pegiat LSM", "Guru", "Petani",
             "Ibu rumah tangga", "Dosen", "Pensiunan")
KEC = ("Sidomukti", "Sidorejo", "Tingkir", "Argomulyo")
KEL = ("Kalicacing", "Mangunsari", "Gendongan", "Kutowinangun", "Dukuh", "Blotongan", "Ledok", "Tegalrejo",
       "Noborejo", "Kauman Kidul", "Pulutan", "Bugel")
JALAN = ("Jl. Diponegoro", "Jl. Sudirman", "Jl. Kartini", "Jl. Imam Bonjol", "Jl. Osamaliki", "Jl. Hasanudin",
         "Jl. Monginsidi", "Jl. Ahmad Yani", "Jl. Fatmawati", "Jl. Veteran")
SALURAN_W = (("langsung", 30), ("email", 22), ("website", 25), ("surat", 10), ("lapor", 6), ("telepon", 3), ("medsos", 4))
KEPUTUSAN_W = ((RU.SELURUHNYA, 62), (RU.SEBAGIAN, 13), (RU.DITOLAK, 9), (RU.TIDAK_DIKUASAI, 9),
               (RU.BELUM_DIDOKUMENTASIKAN, 3), ("ditarik", 4))
BADAN_HUKUM = ("Yayasan Lentera Hati", "LBH Semarang", "PT Sinar Media Salatiga", "Perkumpulan Warga Peduli Anggaran",
               "CV Karya Mandiri", "Yayasan Pendidikan Satya Wacana")


CHUNK = 5000
MANDIRI_AWAL, MANDIRI_PER = 3, 1500  # keberatan standing alone: 3 in the first chunk, then one per 1,500 requests
SENGKETA_PASTI = 3  # the first chunk takes every unaccepted keberatan to the Komisi Informasi until there are three
KASUS_MANDIRI = {
    "b": "Informasi berkala {x} tidak diumumkan pada laman PPID maupun papan pengumuman.",
    "c": "Surat permintaan informasi tentang {x} tidak ditanggapi dan tidak tercatat sebagai permohonan.",
    "f": "Pemohon dikenai biaya penggandaan {x} di atas tarif yang ditetapkan PPID.",
}
BERKALA = ("laporan keuangan tahun lalu", "ringkasan program dan kegiatan", "laporan akses informasi publik",
           "daftar informasi publik", "rencana kerja dan anggaran")


class _Ids:
    """Record ids of one demo run: random version-4 UUIDs that follow one another (a random 128-bit start,
    then +1 in the last 48 bits), so the primary-key indexes are appended to instead of written at random
    pages (faster, and the index pages stay full). Unique like ``new_uuid`` (a fresh random start per run)."""

    def __init__(self, u: uuid.UUID | None = None, offset: int = 0) -> None:
        u = u or uuid.uuid4()
        self.head = str(u)[:24]
        self.head_raw = u.bytes[:10]
        self.n = u.int & 0xFFFF_FFFF_FFFF
        if self.n > 0xFFFF_FFFF_FFFF - (1 << 36):  # room for any run (65,536 chunks) without touching the other fields
            self.n -= 1 << 36
        self.n += offset

    def __call__(self) -> str:
        self.n += 1
        return f"{self.head}{self.n:012x}"

    def pasangan(self) -> tuple[str, bytes]:
        """The next id as text and as its 16 bytes (``uuid_ke_db`` of the text), made together."""
        self.n += 1
        return f"{self.head}{self.n:012x}", self.head_raw + self.n.to_bytes(6, "big")

    def raw(self) -> bytes:
        """The next id as the 16 bytes ``core.tipe.Uuid16`` stores (the same sequence as the text ids)."""
        self.n += 1
        return self.head_raw + self.n.to_bytes(6, "big")


class _Fast(random.Random):
    """The demo's random stream: ``choice`` and ``randint`` from one ``random()`` each (the base class
    draws rejection-sampled bits through three Python frames: a quarter of the demo's time at a
    million rows). Deterministic for a seed like the base class; seeded from the run's own stream."""

    def choice(self, seq: Any) -> Any:
        return seq[int(self.random() * len(seq))]

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))


class _Bobot:
    """A weighted draw from a fixed table: ``rng.choices(keys, weights)[0]`` with the cumulative weights made
    once (the same draw ``choices`` makes: one ``random()`` bisected into the cumulative weights)."""

    __slots__ = ("cum", "hi", "keys", "total")

    def __init__(self, items: Any, weights: tuple[int, ...] | None = None) -> None:
        keys, ws = (list(items), list(weights)) if weights is not None else ([k for k, _ in items], [w for _, w in items])
        self.keys, self.cum = keys, list(accumulate(ws))
        self.total, self.hi = self.cum[-1], len(self.cum) - 1

    def __call__(self, rng: random.Random) -> Any:
        return self.keys[bisect(self.cum, rng.random() * self.total, 0, self.hi)]


class _Nomor:
    """``penomoran.render`` of one pattern (checked by the writer, :func:`periksa_pola`), the month's parts
    formatted once (the same text: the slow path is taken whenever the separators would need cleaning)."""

    def __init__(self, pola: str, unit: str) -> None:
        self.pola, self.unit = pola, unit
        self._parts: dict[tuple[int, int], dict[str, Any]] = {}

    def __call__(self, urut: int, d: date) -> str:
        parts = self._parts.get((d.year, d.month))
        if parts is None:
            parts = self._parts[(d.year, d.month)] = {"kode": "", "unit": self.unit, "bulan": f"{d.month:02d}",
                                                      "romawi": bulan_romawi(d.month), "tahun": d.year}
        text = self.pola.format(urut=urut, **parts)
        if "//" in text or text[:1] in "/.- " or text[-1:] in "/.- ":
            from ppid_desktop.core import penomoran  # the database layer, only for a pattern that needs it

            return penomoran.render(self.pola, urut, d, "", self.unit)
        return text


def periksa_pola(pola: dict[str, str]) -> None:
    """The office's request and keberatan patterns the demo numbers with are valid (else a ``UserError``)."""
    from ppid_desktop.core import penomoran

    for jenis in ("permohonan", "keberatan"):
        penomoran.validate_template(pola.get(jenis, _POLA_BAKU[jenis]))


_JENIS = _Bobot(("perorangan", "kelompok", "badan_hukum"), (85, 7, 8))
_SALURAN = _Bobot(SALURAN_W)
_CARA_MEMPEROLEH = _Bobot(RU.CARA_MEMPEROLEH, (15, 25, 60))
_CARA_SALINAN = _Bobot(RU.CARA_SALINAN, (30, 3, 5, 1, 61))
_KEPUTUSAN = _Bobot(KEPUTUSAN_W)
_PUTUSAN = _Bobot(RU.PUTUSAN_KEBERATAN, (25, 15, 50, 10))
_TANGGAPAN = _Bobot(("menerima", "tidak_menerima"), (80, 20))
_PUTUSAN_MANDIRI = _Bobot(("dikabulkan", "dikabulkan_sebagian", "musyawarah"), (50, 20, 30))
_TANGGAPAN_MANDIRI = _Bobot(("menerima", "tidak_menerima"), (85, 15))
_POLA_BAKU = {"permohonan": "{urut:03}/PPID/{romawi}/{tahun}", "keberatan": "{urut:03}/KEB/PPID/{romawi}/{tahun}"}
_NOMOR: dict[tuple[str, str], _Nomor] = {}


def _nomor_of(pola: dict[str, str], jenis: str, unit: str) -> _Nomor:
    key = (pola.get(jenis, _POLA_BAKU[jenis]), unit)
    got = _NOMOR.get(key)
    if got is None:
        got = _NOMOR[key] = _Nomor(*key)
    return got


class _Plus:
    """Working-day arithmetic of the demo on a precomputed calendar: the working days from ``start`` to
    well past ``today`` are listed once (``work``) with, per day, how many of them fall on or before it
    (``upto``), so "the k-th working day after d" is one index and "working days from d to today" one
    subtraction — the same answers as ``WorkCalendar.add_workdays`` / ``workdays_between``, which are
    still used (memoised) for a day outside the table."""

    SPAN_AFTER = 200  # days after today in the table (the demo's chains end within ~60 working days)

    def __init__(self, cal: Any, today: date, start: date | None = None) -> None:
        self.cal, self.today = cal, today
        self._plus: dict[tuple[date, int], date] = {}
        self._age: dict[date, int] = {}
        self._jawab: dict[tuple[date, str], tuple[date, str]] = {}
        self.work: list[date] = []
        self.upto: dict[date, int] = {}
        if start is not None:
            d, end = start, today + timedelta(days=self.SPAN_AFTER)
            while d <= end:
                if cal.is_workday(d):
                    self.work.append(d)
                self.upto[d] = len(self.work)
                d += timedelta(days=1)

    def jawab(self, d: date, versi: str) -> tuple[date, str]:
        """The keberatan answer deadline from ``d`` and its packed explanation."""
        got = self._jawab.get((d, versi))
        if got is None:
            t = self.cal.add_workdays(d, RU.HK_KEBERATAN_JAWAB, versi)
            got = self._jawab[(d, versi)] = (t.jatuh_tempo, rincian_ringkas.pack_one(t.to_dict()))
        return got

    def __call__(self, d: date, k: int) -> date:
        at = self.upto.get(d)
        if at is not None and k > 0 and at + k <= len(self.work):
            return self.work[at + k - 1]
        key = (d, k)
        got = self._plus.get(key)
        if got is None:
            got = self._plus[key] = self.cal.add_workdays(d, k).jatuh_tempo
        return got

    def age(self, d: date) -> int:
        at, now = self.upto.get(d), self.upto.get(self.today)
        if at is not None and now is not None:
            return now - at
        got = self._age.get(d)
        if got is None:
            got = self._age[d] = self.cal.workdays_between(d, self.today)
        return got


@dataclass
class Bentuk:
    """The shape of one table's rows as sqlite3 parameter tuples, column order of the table: the stamp
    (created/updated at and by, device, rev 1, not deleted) and the column defaults converted once by
    SQLAlchemy's own bind processors (``base``); per row only the dict's values are taken over them (one
    generated function per table, :meth:`pembuat`), a missing ``id`` made, dates/booleans converted as
    SQLAlchemy's SQLite types do (ISO text, 0/1) and the compact types of ``core.tipe`` by their plain
    functions (``ke_db``: ``core.tipe_nilai``). Picklable, without the database layer: it travels to the
    drawing process in the plan. SQLAlchemy's per-row, per-column parameter processing was most of the
    demo's time at a million rows."""

    table: str
    names: list[str]
    base: dict[str, Any]
    dates: list[int] = field(default_factory=list)
    bools: list[int] = field(default_factory=list)
    procs: list[tuple[int, Callable[[Any], Any]]] = field(default_factory=list)  # (column index, ke_db)

    @property
    def sql(self) -> str:
        return f"INSERT INTO {self.table} ({', '.join(self.names)}) VALUES ({', '.join('?' * len(self.names))})"

    @classmethod
    def dari(cls, model: Any, dialect: Any, username: str, device_id: str, now: datetime) -> Bentuk:
        table = model.__table__
        stamp = {"created_at": now, "updated_at": now, "created_by": username, "updated_by": username,
                 "device_id": device_id, "rev": 1, "deleted": False}
        cols = list(table.columns)
        out = cls(table.name, [c.name for c in cols], {})
        for i, c in enumerate(cols):
            proc = c.type._cached_bind_processor(dialect)  # what SQLAlchemy itself applies
            v = stamp.get(c.name, c.default.arg if c.default is not None and not callable(c.default.arg) else None)
            out.base[c.name] = proc(v) if proc is not None and v is not None else v
            if proc is None or c.name in stamp:
                continue
            try:
                py = c.type.python_type
            except NotImplementedError:
                py = None
            if py is date:
                out.dates.append(i)
            elif py is bool:
                out.bools.append(i)
            else:  # a compact type (core.tipe): its plain conversion; another typed column is not supported here
                out.procs.append((i, c.type.ke_db()))
        return out

    def pengubah(self, name: str) -> Callable[[Any], Any]:
        """The conversion SQLAlchemy applies to column ``name`` (to store a value made once, converted once)."""
        i = self.names.index(name)
        for j, proc in self.procs:
            if j == i:
                return proc
        return lambda v: v

    def tuples(self, rows: list[dict[str, Any]], ids: _Ids | None = None) -> list[tuple[Any, ...]]:
        return list(map(self.pembuat(ids or _Ids()), rows))

    def pembuat(self, ids: _Ids) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
        """One generated function that turns a row dict into the parameter tuple in a single tuple display —
        the same values as merging the dict over ``base`` and converting dates (ISO), booleans (0/1) and
        any other typed column, without the merged dict, the item getter and the per-column loops (half the
        Python time of a row). Column names are the table's own (identifiers)."""
        base = [self.base[n] for n in self.names]
        procs = dict(self.procs)
        exprs = []
        for i, name in enumerate(self.names):
            g = f"g({name!r}, _M)"
            if name == "id":  # a compact id type (core.tipe.Uuid16): the made id as its bytes at once
                exprs.append(f"(P[{i}](v) if (v := g('id')) else _newb())" if i in procs else "(g('id') or _new())")
            elif i in procs:  # a value already in its stored form (bytes, made once per value) is taken as it is
                exprs.append(f"(B[{i}] if (v := {g}) is _M else None if v is None else v if v.__class__ is bytes "
                             f"else P[{i}](v))")
            elif i in self.dates:
                exprs.append(f"(B[{i}] if (v := {g}) is _M else None if v is None else v.isoformat())")
            elif i in self.bools:
                exprs.append(f"(B[{i}] if (v := {g}) is _M else None if v is None else int(v))")
            else:
                exprs.append(f"g({name!r}, B[{i}])")
        src = "def make(row):\n    g = row.get\n    return (" + ", ".join(exprs) + ",)\n"
        ns: dict[str, Any] = {"B": base, "P": procs, "_M": object(), "_new": ids, "_newb": ids.raw}
        exec(compile(src, f"<demo rows {self.table}>", "exec"), ns)  # noqa: S102 - generated from column names
        make: Callable[[dict[str, Any]], tuple[Any, ...]] = ns["make"]
        return make


_ISO = functools.cache(date.isoformat)  # a date as SQLAlchemy's SQLite Date stores it (ISO text), once per day


class Opd(NamedTuple):
    id: str
    nama: str


# a pooled demo NIK in every form the tables store: token and keyed hash as text (keberatan) and as the
# bytes of core.tipe (permohonan), and the mask
NikDemo = tuple[str, str, str, bytes, bytes]


@dataclass
class Rencana:
    """Everything the rows depend on; the same plan gives the same rows in any process."""

    n: int
    seed: int
    id_awal: bytes  # the first record id's 16 bytes (a fresh random version-4 UUID per run)
    today: date
    start: date
    opd: list[Opd]
    pola: dict[str, str]
    unit: str
    versi: str
    kalender: list[Entry]  # the working calendar's entries of every year the demo reaches
    kebijakan: Kebijakan
    petugas: list[str]
    pencatat: str  # the username the history rows name
    at_nama: str
    at_jab: str
    nik: dict[str, list[NikDemo]]  # per sex
    bentuk: dict[str, Bentuk]  # per table


TABEL = ("permohonan", "riwayat_layanan", "keberatan", "sengketa")  # the order they are written in
BLOK_ID = 1 << 20  # record ids per chunk (a chunk makes ~17,000): each chunk's ids follow the previous chunk's


def jumlah_potongan(r: Rencana) -> int:
    return -(-r.n // CHUNK)


class Penarik:
    """Draws the chunks of one plan. Chunk ``i`` (requests ``i * CHUNK`` … of the two years' intake, sorted by
    day) is a pure function of the plan and ``i``: its own random stream, its own block of record ids, the
    request numbers from its position in the year. So chunks can be drawn by several processes in any
    order; the numbers of keberatan and sengketa, which depend on the chunks before, are given by the writer
    (:class:`Penomor`)."""

    def __init__(self, r: Rencana) -> None:
        from ppid_desktop.core import demodata as D  # noqa: N812

        self.r, self.D = r, D
        self.cal = cal = WorkCalendar.from_entries(r.kalender, r.kebijakan)
        start, today = r.start, r.today
        days = [start + timedelta(days=i) for i in range((today - start).days + 1)]
        workdays = [d for d in days if cal.is_workday(d)]
        rng = _Fast(r.seed)
        self.tanggal = tanggal = sorted(rng.choice(workdays) for _ in range(r.n))
        tanggal[-1] = workdays[-1]  # the last working day's intake is never empty: a demo always has open requests
        self.awal_tahun: dict[int, int] = {}  # the position of each year's first request
        for y in range(start.year, today.year + 1):
            self.awal_tahun[y] = bisect(tanggal, date(y - 1, 12, 31))
        self.plus = _Plus(cal, today, start)
        self.rincian_db = r.bentuk["permohonan"].pengubah("tenggat_rincian")
        self._tenggat: dict[date, tuple[str, str, Any, Any]] = {}
        self.templat = {name: dict(r.bentuk[name].base) for name in ("permohonan", "riwayat_layanan")}
        self.catatan = functools.cache(r.bentuk["riwayat_layanan"].pengubah("catatan"))  # a dozen notes
        self.id_awal = uuid.UUID(bytes=r.id_awal)

    def deadlines(self, d: date) -> tuple[str, str, Any, Any]:
        """The request deadlines from ``d`` (10 and 10 + 7 working days) as stored: ISO dates and the packed,
        deflated explanations (made once per day)."""
        got = self._tenggat.get(d)
        if got is None:
            cal, versi = self.cal, self.r.versi
            t10 = cal.add_workdays(d, RU.HK_PEMBERITAHUAN, versi)
            t7 = cal.add_workdays(t10.jatuh_tempo, RU.HK_PERPANJANGAN, versi)
            row = {"tanggal_diterima": d, "tenggat": t10.jatuh_tempo, "versi_kalender": versi}
            base = rincian_ringkas.pack_row({"awal": t10.to_dict(), "perpanjangan": None},
                                            {**row, "tenggat_perpanjangan": None})
            ext = rincian_ringkas.pack_row({"awal": t10.to_dict(), "perpanjangan": t7.to_dict()},
                                           {**row, "tenggat_perpanjangan": t7.jatuh_tempo})
            got = self._tenggat[d] = (t10.jatuh_tempo.isoformat(), t7.jatuh_tempo.isoformat(),
                                      self.rincian_db(base), self.rincian_db(ext))
        return got

    def potongan(self, i: int) -> dict[str, Any]:
        """Chunk ``i``: ``{table: parameter tuples}`` and ``"nomor"``, the last request number per year in it."""
        r, D, today, versi, plus = self.r, self.D, self.r.today, self.r.versi, self.plus  # noqa: N806
        rng = _Fast((r.seed << 20) + i + 1)
        ids = _Ids(self.id_awal, i * BLOK_ID)
        niks = r.nik

        def nik_of(sex: str) -> tuple[str, str, str]:
            t = rng.choice(niks[sex])
            return t[0], t[1], t[2]

        def nik_of_db(sex: str) -> tuple[bytes, bytes, str]:
            t = rng.choice(niks[sex])
            return t[3], t[4], t[2]

        p0 = i * CHUNK
        tanggal = self.tanggal[p0:p0 + CHUNK]
        counters = {y: max(0, p0 - first) for y, first in self.awal_tahun.items()}
        rows, events, refused = _chunk(tanggal, rng, D, r.opd, r.pola, r.unit, versi, today, self.cal,
                                       self.deadlines, plus, counters, r.petugas, nik_of_db, r.pencatat, ids,
                                       self.templat, self.catatan)
        keb_rows, sengketa_rows = _keberatan(refused, rng, versi, today, plus, r.at_nama, r.at_jab,
                                             0 if i == 0 else SENGKETA_PASTI, ids)
        keb_rows += _mandiri(tanggal, MANDIRI_AWAL if i == 0 else 0, rng, D, versi, today, plus, nik_of,
                             r.at_nama, r.at_jab)
        for name, made in (("permohonan", rows), ("riwayat_layanan", events)):  # a key that is no column would lengthen it
            if made and len(made[0]) != len(r.bentuk[name].names):
                raise ValueError(f"baris demo {name} tidak cocok dengan kolom tabelnya")
        make = {name: r.bentuk[name].pembuat(ids) for name in ("keberatan", "sengketa")}
        return {"permohonan": rows, "riwayat_layanan": events,
                "keberatan": list(map(make["keberatan"], keb_rows)),
                "sengketa": list(map(make["sengketa"], sengketa_rows)),
                "nomor": {y: counters[y] for y in {d.year for d in tanggal}}}  # every year the chunk touches


def baris(r: Rencana, bagian: int = 0, dari: int = 1) -> Iterator[dict[str, Any]]:
    """The chunks ``bagian``, ``bagian + dari``, … of the plan, in order (all of them by default)."""
    penarik = Penarik(r)
    for i in range(bagian, jumlah_potongan(r), dari):
        yield penarik.potongan(i)


class Penomor:
    """The writer's numbering of the chunks, which arrive in order: keberatan numbers per year (the office's
    pattern) and sengketa register numbers follow on from the chunks before; the requests' last number
    per year is kept for the counters."""

    def __init__(self, r: Rencana) -> None:
        self.nomor_keberatan = _nomor_of(r.pola, "keberatan", r.unit)
        kb, sg = r.bentuk["keberatan"].names, r.bentuk["sengketa"].names
        self._k = (kb.index("nomor"), kb.index("tanggal_diterima"))
        self._s = (sg.index("nomor_ki"), sg.index("tanggal_diajukan"))
        self.permohonan: dict[int, int] = {}
        self.keberatan: dict[int, int] = {}
        self.sengketa = 0

    def beri(self, isi: dict[str, Any]) -> None:
        for y, last in isi["nomor"].items():
            self.permohonan[y] = max(self.permohonan.get(y, 0), last)
        (kn, kt), (sn, st) = self._k, self._s
        rows = isi["keberatan"]
        for j, t in enumerate(rows):
            d = date.fromisoformat(t[kt])
            self.keberatan[d.year] = urut = self.keberatan.get(d.year, 0) + 1
            rows[j] = (*t[:kn], self.nomor_keberatan(urut, d), *t[kn + 1:])
        rows = isi["sengketa"]
        for j, t in enumerate(rows):
            d = date.fromisoformat(t[st])
            self.sengketa += 1
            rows[j] = (*t[:sn], f"{self.sengketa:03d}/{bulan_romawi(d.month)}/KIP-JTG-PS/{d.year}", *t[sn + 1:])


PERINTAH_ANAK = "_demo-baris"  # the hidden command of ``ppid`` that runs :func:`anak`


def anak() -> int:
    """A drawing process: reads one pickled ``(Rencana, bagian, dari)`` on stdin, writes each chunk of
    :func:`baris` on stdout as an 8-byte length and its ``marshal`` form (tuples of str, bytes, int and
    None: the fastest of the standard formats to write and read), then exits. Its stdout carries only those
    frames (fd 1 is pointed at stderr for anything else). When the writer process is gone (killed), the
    next write fails and this process ends; an error of its own is sent as ``("galat", text)``."""
    if sys.stdin.isatty():  # typed by hand: it is not a user command
        print("Galat: _demo-baris adalah proses internal pembuat data demo. Jalankan: ppid demo --permohonan N",
              file=sys.stderr)
        return 2
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)

    def kirim(item: Any) -> None:
        data = marshal.dumps(item)
        out.write(len(data).to_bytes(8, "big"))
        out.write(data)
        out.flush()

    try:
        rencana, bagian, dari = pickle.load(sys.stdin.buffer)
        for isi in baris(rencana, bagian, dari):
            kirim(isi)
    except (BrokenPipeError, ConnectionError):
        os._exit(1)  # the writer is gone: nothing to tell, nobody to tell it
    except Exception as exc:  # noqa: BLE001 - reported to the writer, which says it in Indonesian
        with contextlib.suppress(OSError):
            kirim(("galat", f"{type(exc).__name__}: {exc}"))
        os._exit(1)
    out.close()
    return 0


def _chunk(tanggal: list[date], rng: random.Random, D: Any, opd: list[Opd], pola: dict[str, str], unit: str,  # noqa: N803, PLR0913
           versi: str, today: date, cal: Any, deadlines: Any, plus: Any, counters: dict[int, int],
           officers: list[str], nik_of: Any, oleh: str, ids: _Ids, templat: dict[str, dict[str, Any]],
           catatan: Callable[[str], Any]) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[dict[str, Any], date]]]:
    """The requests received on ``tanggal`` (one chunk), their history events and the refused/late ones (with
    the day each was answered). Requests and events are made as dicts over their table's converted defaults
    (every column, in the table's order), each value in its stored form (ISO dates, 0/1, compact ids and
    deflated texts made once per value): the tuple of a dict's values is the row."""
    rows: list[tuple[Any, ...]] = []
    events: list[tuple[Any, ...]] = []
    decided_refused: list[tuple[dict[str, Any], date]] = []
    nomor_p = _nomor_of(pola, "permohonan", unit)
    tp_, te_ = templat["permohonan"], templat["riwayat_layanan"]
    iso = _ISO
    for d in tanggal:
        counters[d.year] = counters.get(d.year, 0) + 1
        nomor = nomor_p(counters[d.year], d)
        jenis = _JENIS(rng)
        if jenis == "badan_hukum":
            nama = rng.choice(BADAN_HUKUM)
            sex = rng.choice("LP")
        else:
            nama, sex = D.person_name(rng)
        nik_enc, nik_hash, nik_mask = nik_of(sex) if jenis != "badan_hukum" else (None, None, "")
        o = rng.choice(opd)
        rincian = rng.choice(RINCIAN).format(opd=o.nama, th=d.year - rng.choice((0, 1)), sem=rng.choice(("I", "II")),
                                             kec=rng.choice(KEC), kel=rng.choice(KEL))
        t10, t17, rin10, rin17 = deadlines(d)
        pid, pb = ids.pasangan()  # pb: the history rows' objek_id in its stored form (core.tipe.Uuid16)
        saluran = _SALURAN(rng)
        row: dict[str, Any] = {
            **tp_,
            "id": pid, "nomor": nomor, "tanggal_diterima": iso(d), "saluran": saluran, "jenis_pemohon": jenis,
            "nama": nama, "nik_enc": nik_enc, "nik_hash": nik_hash, "nik_mask": nik_mask,
            "no_sk_badan_hukum": f"AHU-{rng.randint(1000, 99999):05d}.AH.01.04.{rng.randint(2010, 2024)}" if jenis == "badan_hukum" else "",
            "kuasa": 1 if jenis == "kelompok" else 0, "nama_kuasa": D.person_name(rng)[0] if jenis == "kelompok" else "",
            "alamat": f"{rng.choice(JALAN)} No. {rng.randint(1, 150)}, {rng.choice(KEL)}, Salatiga",
            "pekerjaan": "" if jenis == "badan_hukum" else rng.choice(PEKERJAAN),
            "telepon": f"08{rng.randint(11, 99)}{rng.randint(10000000, 99999999)}",
            "email": f"{nama.split()[0].lower()}{rng.randint(1, 999)}@contoh.id" if saluran != "surat" else "",
            "rincian": rincian, "tujuan": rng.choice(TUJUAN),
            "cara_memperoleh": _CARA_MEMPEROLEH(rng), "cara_salinan": _CARA_SALINAN(rng),
            "opd_id": o.id, "petugas": rng.choice(officers), "status": RU.DITERIMA,
            "tenggat": t10, "tenggat_perpanjangan": None, "tenggat_efektif": t10, "versi_kalender": versi,
            "tenggat_rincian": rin10, "tanggal_perpanjangan": None, "alasan_perpanjangan": "",
            "keputusan": None, "tanggal_pemberitahuan": None, "hk_pemberitahuan": None, "pasal17": "",
            "uji_konsekuensi": "", "catatan_penghitaman": "", "badan_penguasa": "", "waktu_dokumentasi": "",
            "catatan_keputusan": "", "bentuk_informasi": "", "waktu_penyediaan": "", "biaya_per_lembar": 0,
            "jumlah_lembar": 0, "biaya_kirim": 0, "biaya_total": 0, "pejabat_id": None, "tanggal_penyerahan": None,
            "cara_penyerahan": "", "penerima": "", "tanggal_selesai": None, "alasan_ditarik": "", "nomor_surat": "",
        }
        events.append(tuple({**te_, "id": ids.raw(), "objek": "permohonan", "objek_id": pb, "aksi": "dicatat",
                             "status_dari": "", "status_ke": RU.DITERIMA,
                             "catatan": catatan(f"Permohonan dicatat melalui {RU.SALURAN[saluran]}"),
                             "oleh": oleh, "oleh_nama": row["petugas"]}.values()))
        age = plus.age(d) if (today - d).days < 40 else 99
        extended = rng.random() < 0.1
        if extended and age >= 3:
            row.update(tanggal_perpanjangan=iso(plus(d, rng.randint(3, 9))), tenggat_perpanjangan=t17, tenggat_efektif=t17,
                       tenggat_rincian=rin17, status=RU.DIPERPANJANG,
                       alasan_perpanjangan=rng.choice(("Informasi masih dihimpun dari beberapa bidang",
                                                       "Menunggu uji konsekuensi oleh PPID",
                                                       "Dokumen berada di arsip inaktif")))
        elif age >= 1:
            row["status"] = RU.DIPROSES
        # decide: most old ones; recent ones may stay open (some overdue)
        hk = rng.choice((1, 2, 3, 3, 4, 5, 5, 6, 7, 8, 9, 10))
        if extended:
            hk = rng.randint(11, 17)
        if rng.random() < 0.03:
            hk = rng.randint(18, 25)
        open_prob = 0.0 if age > 30 else (1.0 if age == 0 else 0.9 if age < hk else 0.15)  # none decided on arrival
        if rng.random() < open_prob:
            rows.append(tuple(row.values()))
            continue
        kep = _KEPUTUSAN(rng)
        if kep == "ditarik":
            row.update(status=RU.DITARIK, alasan_ditarik="Pemohon mencabut permohonan secara lisan",
                       tanggal_selesai=iso(plus(d, min(hk, 5))))
            rows.append(tuple(row.values()))
            continue
        tp = plus(d, hk)
        if tp > today:
            tp = today
            hk = cal.workdays_between(d, tp)
        row.update(keputusan=kep, tanggal_pemberitahuan=iso(tp), hk_pemberitahuan=hk, status=RU.DIPUTUSKAN,
                   bentuk_informasi="softcopy" if row["cara_memperoleh"] != "salinan_hardcopy" else "hardcopy",
                   waktu_penyediaan=f"{rng.randint(1, 5)} hari kerja")
        if kep == RU.DITOLAK:
            row.update(pasal17=",".join(sorted(rng.sample(("a", "b", "c", "h", "h", "i", "j"), rng.choice((1, 1, 2))))),
                       uji_konsekuensi=f"Penetapan PPID Nomor {rng.randint(1, 60):03d}/UK/PPID/{tp.year}")
            row["pasal17"] = ",".join(sorted(set(row["pasal17"].split(","))))
        elif kep == RU.SEBAGIAN:
            row["catatan_penghitaman"] = "Nama, NIK dan alamat perorangan dihitamkan (Pasal 17 huruf h)"
        elif kep == RU.TIDAK_DIKUASAI:
            row["badan_penguasa"] = rng.choice(("BPS Kota Salatiga", "Kantor Pertanahan Kota Salatiga",
                                                "Pemerintah Provinsi Jawa Tengah", "Kementerian Keuangan"))
        elif kep == RU.BELUM_DIDOKUMENTASIKAN:
            row["waktu_dokumentasi"] = f"{rng.randint(10, 30)} hari kerja"
        if kep in RU.KEPUTUSAN_DIBERIKAN:
            if row["cara_memperoleh"] == "salinan_hardcopy":
                row.update(biaya_per_lembar=500, jumlah_lembar=rng.randint(5, 120))
                row["biaya_kirim"] = 15000 if row["cara_salinan"] in ("pos", "kurir") else 0
                row["biaya_total"] = row["biaya_per_lembar"] * row["jumlah_lembar"] + row["biaya_kirim"]
            ts = plus(tp, rng.randint(0, 3))
            if ts <= today:
                row.update(status=RU.SELESAI, tanggal_penyerahan=iso(ts), cara_penyerahan=row["cara_salinan"],
                           penerima=nama, tanggal_selesai=iso(ts))
        elif plus(tp, 1) <= today:
            row.update(status=RU.SELESAI, tanggal_selesai=iso(plus(tp, 1)))
        events.append(tuple({**te_, "id": ids.raw(), "objek": "permohonan", "objek_id": pb, "aksi": RU.DIPUTUSKAN,
                             "status_dari": RU.DIPROSES, "status_ke": RU.DIPUTUSKAN,
                             "catatan": catatan(RU.KEPUTUSAN[kep]), "oleh": "ppid", "oleh_nama": "PPID"}.values()))
        if kep in (RU.DITOLAK, RU.SEBAGIAN, RU.TIDAK_DIKUASAI) or hk > 17:
            decided_refused.append((row, tp))
        rows.append(tuple(row.values()))
    return rows, events, decided_refused


def _keberatan(decided_refused: list[tuple[dict[str, Any], date]], rng: random.Random, versi: str,  # noqa: PLR0913
               today: date, plus: Any, at_nama: str, at_jab: str, n_sengketa: int,
               ids: _Ids) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Keberatan against a share of the refused, partial and late answers of one chunk, and a few sengketa:
    every keberatan the pemohon does not accept while fewer than ``SENGKETA_PASTI`` were taken (counting
    from ``n_sengketa``: the first chunk's), then three in ten. Their numbers are the writer's
    (:class:`Penomor`)."""
    keb_rows: list[dict[str, Any]] = []
    sengketa_rows: list[dict[str, Any]] = []
    for row, tp in decided_refused:
        if rng.random() > 0.25:
            continue
        tk = plus(tp, rng.randint(2, 32))
        if tk > today:
            continue
        alasan = "a" if row["keputusan"] == RU.DITOLAK else ("g" if (row["hk_pemberitahuan"] or 0) > 17 else rng.choice("de"))
        kid = ids()
        batas = plus(tp, RU.HK_KEBERATAN_AJU)
        tj, tj_rincian = plus.jawab(tk, versi)
        k = {
            "id": kid, "nomor": "",
            "permohonan_id": row["id"], "tanggal_diterima": tk, "nama": row["nama"], "nama_kuasa": "", "alamat_kuasa": "",
            "alasan": alasan, "kasus_posisi": "Pemohon tidak sependapat dengan jawaban PPID atas permohonannya.",
            "tanggal_dasar": tp, "batas_pengajuan": batas, "terlambat_diajukan": tk > batas,
            "tenggat_jawaban": tj, "versi_kalender": versi,
            "tenggat_rincian": tj_rincian, "status": RU.K_DITERIMA, "putusan": "",
            "tanggal_tanggapan": None, "isi_tanggapan": "", "atasan_nama": "", "atasan_jabatan": "", "atasan_nip": "",
            "tanggapan_pemohon": "", "catatan_pemohon": "",
        }
        tt = plus(tk, rng.randint(5, 32))
        if tt <= today:
            put = _PUTUSAN(rng)
            if put == "musyawarah" and alasan == "a":
                put = "ditolak"
            k.update(status=RU.K_SELESAI, putusan=put, tanggal_tanggapan=tt, atasan_nama=at_nama, atasan_jabatan=at_jab,
                     isi_tanggapan="Atasan PPID telah memeriksa keberatan dan dokumen terkait.",
                     tanggapan_pemohon=_TANGGAPAN(rng))
            if k["tanggapan_pemohon"] == "tidak_menerima" and (n_sengketa < SENGKETA_PASTI or rng.random() < 0.3):
                ts = plus(tt, rng.randint(3, 13))
                if ts <= today:
                    tahap = rng.choice(("registrasi", "mediasi", "ajudikasi", "putusan_ki", "selesai"))
                    n_sengketa += 1
                    sengketa_rows.append({
                        "keberatan_id": kid, "nomor_ki": "",
                        "komisi": "Komisi Informasi Provinsi Jawa Tengah", "tanggal_diajukan": ts,
                        "batas_pengajuan": plus(tt, RU.HK_SENGKETA_AJU), "terlambat_diajukan": False, "tahap": tahap,
                        "hasil_mediasi": "mediasi_gagal" if tahap in ("ajudikasi", "putusan_ki") else ("mediasi_berhasil" if tahap == "selesai" else ""),
                        "hasil_ajudikasi": rng.choice(("dikabulkan_sebagian", "ditolak")) if tahap == "putusan_ki" else "",
                        "tanggal_putusan": None, "pengadilan": "", "nomor_perkara": "", "putusan_pengadilan": "", "catatan": "",
                    })
        keb_rows.append(k)

    return keb_rows, sengketa_rows


def _mandiri(tanggal: list[date], extra: int, rng: random.Random, D: Any, versi: str, today: date,  # noqa: N803, PLR0913
             plus: Any, nik_of: Any, at_nama: str, at_jab: str) -> list[dict[str, Any]]:
    """A few keberatan standing alone (UU 14/2008 Pasal 35(1) b, c, f without a registered request; what
    ``catat_keberatan_mandiri`` stores): the pemohon's own identity, the 30-working-day window from the
    day received, some answered by the Atasan PPID."""
    out: list[dict[str, Any]] = []
    for j in range(len(tanggal) // MANDIRI_PER + extra):
        tk = rng.choice(tanggal)
        if tk > today:
            continue
        alasan = rng.choice(("b", "c", "f", "b")) if j >= min(extra, 3) else "bcf"[j]  # the first: one of each kind
        nama, sex = D.person_name(rng)
        nik_enc, nik_hash, nik_mask = nik_of(sex)
        tj, tj_rincian = plus.jawab(tk, versi)
        k = {
            "nomor": "", "permohonan_id": None,
            "tanggal_diterima": tk, "nama": nama, "nama_kuasa": "", "alamat_kuasa": "", "alasan": alasan,
            "kasus_posisi": KASUS_MANDIRI[alasan].format(x=rng.choice(BERKALA)),
            "tanggal_dasar": tk, "batas_pengajuan": plus(tk, RU.HK_KEBERATAN_AJU), "terlambat_diajukan": False,
            "tenggat_jawaban": tj, "versi_kalender": versi, "tenggat_rincian": tj_rincian, "status": RU.K_DITERIMA,
            "putusan": "", "tanggal_tanggapan": None, "isi_tanggapan": "", "atasan_nama": "", "atasan_jabatan": "",
            "atasan_nip": "", "tanggapan_pemohon": "", "catatan_pemohon": "",
            "nik_enc": nik_enc, "nik_hash": nik_hash, "nik_mask": nik_mask,
            "alamat": f"{rng.choice(JALAN)} No. {rng.randint(1, 150)}, {rng.choice(KEL)}, Salatiga",
            "pekerjaan": rng.choice(PEKERJAAN), "telepon": f"08{rng.randint(11, 99)}{rng.randint(10000000, 99999999)}",
            "email": f"{nama.split()[0].lower()}{rng.randint(1, 999)}@contoh.id", "kuasa": False,
        }
        tt = plus(tk, rng.randint(5, 32))
        if tt <= today:
            k.update(status=RU.K_SELESAI, putusan=_PUTUSAN_MANDIRI(rng),
                     tanggal_tanggapan=tt, atasan_nama=at_nama, atasan_jabatan=at_jab,
                     isi_tanggapan="Atasan PPID memerintahkan PPID Pelaksana memenuhi permintaan pemohon.",
                     tanggapan_pemohon=_TANGGAPAN_MANDIRI(rng))
        out.append(k)
    return out

