"""Demo filler: realistic requests over two years (channels, OPD, decisions, extensions, refusals with
Pasal 17 grounds, late answers, open and overdue ones), keberatan and a sengketa.

Bulk and bounded: requests are generated and written ``CHUNK`` at a time (Core executemany), so memory
does not grow with ``--permohonan``; the register's secondary indexes and full-text triggers are dropped
for the load and rebuilt once at the end (one sort instead of a million random index inserts), all in
one transaction (a failure or a SIGKILL leaves the database as it was); personal numbers are encrypted
once per distinct demo NIK (a pool), not once per row. Per row only Python work that cannot be shared is
done: rows become sqlite3 tuples by one merge over the converted defaults (``_Rows``), numbers and
weighted draws reuse what was computed once (``_Nomor``, ``_weighted``, the same random stream), deadline
arithmetic is memoised per day (``_Plus``) and record ids follow one another from a random start (``_Ids``:
the primary-key indexes are appended to)."""

from __future__ import annotations

import random
import uuid
from bisect import bisect
from datetime import date, timedelta
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from sqlmodel import Session, select

from ppid_desktop.core import crypto, penomoran
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.identitas import mask_nik
from ppid_desktop.core.tanggal import bulan_romawi
from ppid_desktop.core.tipe import b64_ke_db, hex_ke_db, uuid_ke_db
from ppid_desktop.layanan import rincian as rincian_ringkas
from ppid_desktop.layanan import rules as RU  # noqa: N812
from ppid_desktop.layanan.models import Keberatan, Permohonan, RiwayatLayanan, Sengketa

if TYPE_CHECKING:
    from ppid_desktop.services import Services

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
KASUS_MANDIRI = {
    "b": "Informasi berkala {x} tidak diumumkan pada laman PPID maupun papan pengumuman.",
    "c": "Surat permintaan informasi tentang {x} tidak ditanggapi dan tidak tercatat sebagai permohonan.",
    "f": "Pemohon dikenai biaya penggandaan {x} di atas tarif yang ditetapkan PPID.",
}
BERKALA = ("laporan keuangan tahun lalu", "ringkasan program dan kegiatan", "laporan akses informasi publik",
           "daftar informasi publik", "rencana kerja dan anggaran")
NIK_POOL = 3000  # distinct demo NIKs per sex (requesters come back; each is encrypted once)
BULK_TABLES = ("permohonan", "riwayat_layanan", "keberatan")


class _Ids:
    """Record ids of one demo run: random version-4 UUIDs that follow one another (a random 128-bit start,
    then +1 in the last 48 bits), so the primary-key indexes are appended to instead of written at random
    pages (faster, and the index pages stay full). Unique like ``new_uuid`` (a fresh random start per run)."""

    def __init__(self) -> None:
        u = uuid.uuid4()
        self.head = str(u)[:24]
        self.head_raw = u.bytes[:10]
        self.n = u.int & 0xFFFF_FFFF_FFFF
        if self.n > 0xFFFF_FFFF_FFFF - 50_000_000:  # room for any run without touching the other fields
            self.n -= 50_000_000

    def __call__(self) -> str:
        self.n += 1
        return f"{self.head}{self.n:012x}"

    def raw(self) -> bytes:
        """The next id as the 16 bytes ``core.tipe.Uuid16`` stores (the same sequence as the text ids)."""
        self.n += 1
        return self.head_raw + self.n.to_bytes(6, "big")


new_uuid = _Ids()


class _Fast(random.Random):
    """The demo's random stream: ``choice`` and ``randint`` from one ``random()`` each (the base class
    draws rejection-sampled bits through three Python frames: a quarter of the demo's time at a
    million rows). Deterministic for a seed like the base class; seeded from the run's own stream."""

    def choice(self, seq: Any) -> Any:
        return seq[int(self.random() * len(seq))]

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))


_CUM: dict[tuple[int, tuple[int, ...] | None], tuple[list[Any], list[int], int]] = {}


def _weighted(rng: random.Random, items: Any, weights: tuple[int, ...] | None = None) -> Any:
    """``rng.choices(keys, weights)[0]`` with the cumulative weights computed once per table (the same
    draw ``choices`` makes: one ``random()`` bisected into the cumulative weights)."""
    got = _CUM.get((id(items), weights))
    if got is None:
        keys, ws = (list(items), list(weights)) if weights is not None else ([k for k, _ in items], [w for _, w in items])
        cum = list(accumulate(ws))
        got = _CUM[(id(items), weights)] = (keys, cum, cum[-1])
    return got[0][bisect(got[1], rng.random() * got[2], 0, len(got[1]) - 1)]


class _Nomor:
    """``penomoran.render`` of one pattern, the template checked once and the month's parts formatted once
    (the same text: the slow path is taken whenever the separators would need cleaning)."""

    def __init__(self, pola: str, unit: str) -> None:
        self.pola, self.unit = pola, unit
        penomoran.validate_template(pola)
        self._parts: dict[tuple[int, int], dict[str, Any]] = {}

    def __call__(self, urut: int, d: date) -> str:
        parts = self._parts.get((d.year, d.month))
        if parts is None:
            parts = self._parts[(d.year, d.month)] = {"kode": "", "unit": self.unit, "bulan": f"{d.month:02d}",
                                                      "romawi": bulan_romawi(d.month), "tahun": d.year}
        text = self.pola.format(urut=urut, **parts)
        if "//" in text or text[:1] in "/.- " or text[-1:] in "/.- ":
            return penomoran.render(self.pola, urut, d, "", self.unit)
        return text


_JENIS = ("perorangan", "kelompok", "badan_hukum")
_TANGGAPAN = ("menerima", "tidak_menerima")
_PUTUSAN_MANDIRI = ("dikabulkan", "dikabulkan_sebagian", "musyawarah")
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


class _Rows:
    """Rows of one table as sqlite3 parameter tuples, column order of the table: the stamp (created/updated
    at and by, device, rev 1, not deleted) and the column defaults converted once by SQLAlchemy's own bind
    processors; per row only the dict's values are taken over them (one generated function per table,
    ``_compile``), a missing ``id`` made, and dates/booleans converted as SQLAlchemy's SQLite types do
    (ISO text, 0/1). SQLAlchemy's per-row, per-column parameter processing was most of the demo's time at
    a million rows."""

    def __init__(self, s: Session, model: Any) -> None:
        from ppid_desktop.core.base import utcnow

        table = model.__table__
        dialect = s.get_bind().dialect
        actor = s.info["actor"]
        now = utcnow()
        stamp = {"created_at": now, "updated_at": now, "created_by": actor.username, "updated_by": actor.username,
                 "device_id": actor.device_id, "rev": 1, "deleted": False}
        cols = list(table.columns)
        self.table, self.names = table.name, [c.name for c in cols]
        base: dict[str, Any] = {}
        self.dates: list[int] = []
        self.bools: list[int] = []
        self.procs: list[tuple[int, Any]] = []  # any other converted column (none in the demo's tables)
        for i, c in enumerate(cols):
            proc = c.type._cached_bind_processor(dialect)  # what SQLAlchemy itself applies
            v = stamp.get(c.name, c.default.arg if c.default is not None and not callable(c.default.arg) else None)
            base[c.name] = proc(v) if proc is not None and v is not None else v
            if proc is None or c.name in stamp:
                continue
            try:
                py = c.type.python_type
            except NotImplementedError:
                py = None
            if py is date:
                self.dates.append(i)
            elif py is bool:
                self.bools.append(i)
            else:
                self.procs.append((i, proc))
        self.base = base
        self.sql = f"INSERT INTO {table.name} ({', '.join(self.names)}) VALUES ({', '.join('?' * len(self.names))})"

    def tuples(self, rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        make = self.__dict__.get("_make") or self._compile()
        return list(map(make, rows))

    def _compile(self) -> Any:
        """One generated function per table that turns a row dict into the parameter tuple in a single
        tuple display — the same values as merging the dict over ``base`` and converting dates (ISO),
        booleans (0/1) and any other processed column, without the merged dict, the item getter and the
        per-column loops (half the Python time of a row). Column names are the table's own (identifiers)."""
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
        ns: dict[str, Any] = {"B": base, "P": procs, "_M": object(), "_new": lambda: new_uuid(),
                              "_newb": lambda: new_uuid.raw() if isinstance(new_uuid, _Ids) else uuid_ke_db(new_uuid())}
        exec(compile(src, f"<demo rows {self.table}>", "exec"), ns)  # noqa: S102 - generated from column names
        self._make = ns["make"]
        return self._make


def _insert(s: Session, model: Any, rows: list[dict[str, Any]], summary: str,
            cache: dict[str, _Rows] | None = None) -> int:
    """Insert ``rows`` (dicts of the model's columns) in one executemany straight on the sqlite3
    connection, stamped, with one audit row per batch."""
    if not rows:
        return 0
    from ppid_desktop.core.audit import AuditLog

    conv = cache.get(model.__tablename__) if cache is not None else None
    if conv is None:
        conv = _Rows(s, model)
        if cache is not None:
            cache[model.__tablename__] = conv
    s.connection().exec_driver_sql(conv.sql, conv.tuples(rows))
    actor = s.info["actor"]
    s.add(AuditLog(username=actor.username, device_id=actor.device_id, action="bulk_create",
                   entity=conv.table, summary=f"{summary}: {len(rows)} baris"))
    return len(rows)


def actor_name(s: Session) -> str:
    return str(s.info["actor"].username)


def _drop_secondary(s: Session) -> list[str]:
    """Drop the secondary indexes and triggers of the bulk-loaded tables; returns their DDL to rebuild."""
    names = ",".join(f"'{t}'" for t in BULK_TABLES)
    ddl = [(kind, name, sql) for kind, name, sql in s.execute(text(
        f"SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name IN ({names}) "
        "AND sql IS NOT NULL"))]
    for kind, name, _sql in ddl:
        s.execute(text(f'DROP {kind.upper()} "{name}"'))
    return [sql for _k, _n, sql in ddl]


def _rebuild(s: Session, ddl: list[str]) -> None:
    for sql in ddl:
        s.execute(text(sql))
    s.execute(text("INSERT INTO permohonan_fts(permohonan_fts) VALUES ('rebuild')"))


def fill(services: Services, actor: Actor, rng: random.Random, opt: Any) -> dict[str, int]:
    from ppid_desktop.core import demodata as D  # noqa: N812

    global new_uuid
    new_uuid = _Ids()
    rng = _Fast(rng.getrandbits(64))
    n = max(0, int(opt.permohonan))
    if n == 0:
        return {"permohonan": 0}
    today = opt.today or services.clock.today()
    master = services.master
    opd = master.daftar_opd(include_inactive=False)
    if not opd:
        return {"permohonan": 0}
    start = today - timedelta(days=730)
    master.pastikan_tahun(range(start.year, today.year + 2))
    cal = master.kalender_kerja()
    versi = master.versi_kalender()
    days = [start + timedelta(days=i) for i in range((today - start).days + 1)]
    workdays = [d for d in days if cal.is_workday(d)]
    tanggal = sorted(rng.choice(workdays) for _ in range(n))
    tanggal[-1] = workdays[-1]  # the last working day's intake is never empty: a demo always has open requests
    pola = {t.jenis: t.pola for t in master.daftar_pola_nomor()}
    unit = master.profil().kode_unit

    cache: dict[date, tuple[date, date, str, str]] = {}

    def deadlines(d: date) -> tuple[date, date, str, str]:
        got = cache.get(d)
        if got is None:
            t10 = cal.add_workdays(d, RU.HK_PEMBERITAHUAN, versi)
            t7 = cal.add_workdays(t10.jatuh_tempo, RU.HK_PERPANJANGAN, versi)
            row = {"tanggal_diterima": d, "tenggat": t10.jatuh_tempo, "versi_kalender": versi}
            base = rincian_ringkas.pack_row({"awal": t10.to_dict(), "perpanjangan": None},
                                            {**row, "tenggat_perpanjangan": None})
            ext = rincian_ringkas.pack_row({"awal": t10.to_dict(), "perpanjangan": t7.to_dict()},
                                           {**row, "tenggat_perpanjangan": t7.jatuh_tempo})
            got = cache[d] = (t10.jatuh_tempo, t7.jatuh_tempo, base, ext)
        return got

    plus = _Plus(cal, today, start)

    counters: dict[int, int] = {}
    keb_counter: dict[int, int] = {}
    officers = [actor.nama or "Petugas Layanan", "Sri Wulandari", "Agus Prasetyo", "Rina Handayani"]
    atasan = master.daftar_pegawai(boleh_ttd="keberatan")
    at_nama = atasan[0].nama if atasan else "Sekretaris Daerah"
    at_jab = atasan[0].jabatan if atasan else "Atasan PPID"
    niks: dict[str, list[tuple[str, str, str]]] = {"L": [], "P": []}
    for y in range(start.year, today.year + 3):  # load every year now: no seeding session inside ours
        cal.is_workday(date(y, 1, 1))

    def nik_of(sex: str) -> tuple[str, str, str]:
        pool = niks[sex]
        if len(pool) < NIK_POOL:
            nik = D.make_nik(rng, sex)
            pool.append((crypto.encrypt_text(nik), crypto.keyed_hash(nik), mask_nik(nik)))
            return pool[-1]
        return pool[rng.randrange(NIK_POOL)]

    stored: dict[str, tuple[Any, Any]] = {}

    def nik_of_db(sex: str) -> tuple[Any, Any, str]:
        """A request's NIK fields in the form its columns store (core.tipe: token and hash as bytes), converted
        once per pooled NIK; the same draws as ``nik_of`` (keberatan columns keep the text)."""
        enc, h, mask = nik_of(sex)
        got = stored.get(enc)
        if got is None:
            got = stored[enc] = (b64_ke_db(enc), hex_ke_db(h))
        return got[0], got[1], mask

    n_rows = n_keb = 0
    n_sengketa = [0]
    with services.store.session(actor) as s:
        if s.exec(select(Permohonan.id).limit(1)).first() is not None:
            return {"permohonan": 0, "lewati": 1}
        conn = s.connection()
        conn.exec_driver_sql("PRAGMA cache_size=-65536")  # 64 MiB while loading (default 2 MiB)
        ddl = _drop_secondary(s)
        conv: dict[str, _Rows] = {}
        for i in range(0, len(tanggal), CHUNK):
            rows, events, refused = _chunk(tanggal[i:i + CHUNK], rng, D, opd, pola, unit, versi, today, cal,
                                           deadlines, plus, counters, officers, nik_of_db, actor)
            keb_rows, sengketa_rows = _keberatan(refused, rng, pola, unit, versi, today, cal, plus, keb_counter,
                                                 at_nama, at_jab, n_sengketa)
            keb_rows += _mandiri(tanggal[i:i + CHUNK], MANDIRI_AWAL if i == 0 else 0, rng, D, pola, unit, versi,
                                 today, plus, keb_counter, nik_of, at_nama, at_jab)
            _insert(s, Permohonan, rows, "data demo permohonan", conv)
            _insert(s, RiwayatLayanan, events, "data demo riwayat layanan", conv)
            _insert(s, Keberatan, keb_rows, "data demo keberatan", conv)
            _insert(s, Sengketa, sengketa_rows, "data demo sengketa", conv)
            n_rows += len(rows)
            n_keb += len(keb_rows)
            del rows, events, refused, keb_rows, sengketa_rows
        _rebuild(s, ddl)
        conn.exec_driver_sql("PRAGMA cache_size=-2000")
        for year, last in counters.items():
            penomoran.bump_to_at_least(s, "permohonan", year, last)
        for year, last in keb_counter.items():
            penomoran.bump_to_at_least(s, "keberatan", year, last)
    return {"permohonan": n_rows, "keberatan": n_keb, "sengketa": n_sengketa[0]}


def _chunk(tanggal: list[date], rng: random.Random, D: Any, opd: list[Any], pola: dict[str, str], unit: str,  # noqa: N803, PLR0913
           versi: str, today: date, cal: Any, deadlines: Any, plus: Any, counters: dict[int, int],
           officers: list[str], nik_of: Any, actor: Actor) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """The requests received on ``tanggal`` (one chunk), their history events and the refused/late ones."""
    rows: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    decided_refused: list[dict[str, Any]] = []
    nomor_p = _nomor_of(pola, "permohonan", unit)
    for d in tanggal:
        counters[d.year] = counters.get(d.year, 0) + 1
        nomor = nomor_p(counters[d.year], d)
        jenis = _weighted(rng, _JENIS, (85, 7, 8))
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
        pid = new_uuid()
        pb = uuid_ke_db(pid)  # the history rows' objek_id in its stored form (core.tipe.Uuid16), made once
        saluran = _weighted(rng, SALURAN_W)
        row: dict[str, Any] = {
            "id": pid, "nomor": nomor, "tanggal_diterima": d, "saluran": saluran, "jenis_pemohon": jenis,
            "nama": nama, "nik_enc": nik_enc, "nik_hash": nik_hash, "nik_mask": nik_mask,
            "no_sk_badan_hukum": f"AHU-{rng.randint(1000, 99999):05d}.AH.01.04.{rng.randint(2010, 2024)}" if jenis == "badan_hukum" else "",
            "kuasa": jenis == "kelompok", "nama_kuasa": D.person_name(rng)[0] if jenis == "kelompok" else "",
            "alamat": f"{rng.choice(JALAN)} No. {rng.randint(1, 150)}, {rng.choice(KEL)}, Salatiga",
            "pekerjaan": "" if jenis == "badan_hukum" else rng.choice(PEKERJAAN),
            "telepon": f"08{rng.randint(11, 99)}{rng.randint(10000000, 99999999)}",
            "email": f"{nama.split()[0].lower()}{rng.randint(1, 999)}@contoh.id" if saluran != "surat" else "",
            "rincian": rincian, "tujuan": rng.choice(TUJUAN),
            "cara_memperoleh": _weighted(rng, RU.CARA_MEMPEROLEH, (15, 25, 60)),
            "cara_salinan": _weighted(rng, RU.CARA_SALINAN, (30, 3, 5, 1, 61)),
            "opd_id": o.id, "petugas": rng.choice(officers), "status": RU.DITERIMA,
            "tenggat": t10, "tenggat_perpanjangan": None, "tenggat_efektif": t10, "versi_kalender": versi,
            "tenggat_rincian": rin10, "tanggal_perpanjangan": None, "alasan_perpanjangan": "",
            "keputusan": None, "tanggal_pemberitahuan": None, "hk_pemberitahuan": None, "pasal17": "",
            "uji_konsekuensi": "", "catatan_penghitaman": "", "badan_penguasa": "", "waktu_dokumentasi": "",
            "catatan_keputusan": "", "bentuk_informasi": "", "waktu_penyediaan": "", "biaya_per_lembar": 0,
            "jumlah_lembar": 0, "biaya_kirim": 0, "biaya_total": 0, "pejabat_id": None, "tanggal_penyerahan": None,
            "cara_penyerahan": "", "penerima": "", "tanggal_selesai": None, "alasan_ditarik": "", "nomor_surat": "",
        }
        events.append({"objek": "permohonan", "objek_id": pb, "aksi": "dicatat", "status_dari": "",
                       "status_ke": RU.DITERIMA, "catatan": f"Permohonan dicatat melalui {RU.SALURAN[saluran]}",
                       "oleh": actor.username, "oleh_nama": row["petugas"]})
        age = plus.age(d) if (today - d).days < 40 else 99
        extended = rng.random() < 0.1
        if extended and age >= 3:
            row.update(tanggal_perpanjangan=plus(d, rng.randint(3, 9)), tenggat_perpanjangan=t17, tenggat_efektif=t17,
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
            rows.append(row)
            continue
        kep = _weighted(rng, KEPUTUSAN_W)
        if kep == "ditarik":
            row.update(status=RU.DITARIK, alasan_ditarik="Pemohon mencabut permohonan secara lisan",
                       tanggal_selesai=plus(d, min(hk, 5)))
            rows.append(row)
            continue
        tp = plus(d, hk)
        if tp > today:
            tp = today
            hk = cal.workdays_between(d, tp)
        row.update(keputusan=kep, tanggal_pemberitahuan=tp, hk_pemberitahuan=hk, status=RU.DIPUTUSKAN,
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
                row.update(status=RU.SELESAI, tanggal_penyerahan=ts, cara_penyerahan=row["cara_salinan"],
                           penerima=nama, tanggal_selesai=ts)
        elif plus(tp, 1) <= today:
            row.update(status=RU.SELESAI, tanggal_selesai=plus(tp, 1))
        events.append({"objek": "permohonan", "objek_id": pb, "aksi": RU.DIPUTUSKAN, "status_dari": RU.DIPROSES,
                       "status_ke": RU.DIPUTUSKAN, "catatan": RU.KEPUTUSAN[kep], "oleh": "ppid", "oleh_nama": "PPID"})
        if kep in (RU.DITOLAK, RU.SEBAGIAN, RU.TIDAK_DIKUASAI) or hk > 17:
            decided_refused.append(row)
        rows.append(row)
    return rows, events, decided_refused


def _keberatan(decided_refused: list[dict[str, Any]], rng: random.Random, pola: dict[str, str], unit: str,  # noqa: PLR0913
               versi: str, today: date, cal: Any, plus: Any, keb_counter: dict[int, int], at_nama: str,
               at_jab: str, n_sengketa: list[int]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Keberatan against a share of the refused, partial and late answers of one chunk (and a few sengketa)."""
    # keberatan: a share of refusals / partial / late answers
    keb_rows: list[dict[str, Any]] = []
    sengketa_rows: list[dict[str, Any]] = []
    for row in decided_refused:
        if rng.random() > 0.25:
            continue
        tk = plus(row["tanggal_pemberitahuan"], rng.randint(2, 32))
        if tk > today:
            continue
        keb_counter[tk.year] = keb_counter.get(tk.year, 0) + 1
        alasan = "a" if row["keputusan"] == RU.DITOLAK else ("g" if (row["hk_pemberitahuan"] or 0) > 17 else rng.choice("de"))
        kid = new_uuid()
        batas = plus(row["tanggal_pemberitahuan"], RU.HK_KEBERATAN_AJU)
        tj, tj_rincian = plus.jawab(tk, versi)
        k = {
            "id": kid, "nomor": _nomor_of(pola, "keberatan", unit)(keb_counter[tk.year], tk),
            "permohonan_id": row["id"], "tanggal_diterima": tk, "nama": row["nama"], "nama_kuasa": "", "alamat_kuasa": "",
            "alasan": alasan, "kasus_posisi": "Pemohon tidak sependapat dengan jawaban PPID atas permohonannya.",
            "tanggal_dasar": row["tanggal_pemberitahuan"], "batas_pengajuan": batas, "terlambat_diajukan": tk > batas,
            "tenggat_jawaban": tj, "versi_kalender": versi,
            "tenggat_rincian": tj_rincian, "status": RU.K_DITERIMA, "putusan": "",
            "tanggal_tanggapan": None, "isi_tanggapan": "", "atasan_nama": "", "atasan_jabatan": "", "atasan_nip": "",
            "tanggapan_pemohon": "", "catatan_pemohon": "",
        }
        tt = plus(tk, rng.randint(5, 32))
        if tt <= today:
            put = _weighted(rng, RU.PUTUSAN_KEBERATAN, (25, 15, 50, 10))
            if put == "musyawarah" and alasan == "a":
                put = "ditolak"
            k.update(status=RU.K_SELESAI, putusan=put, tanggal_tanggapan=tt, atasan_nama=at_nama, atasan_jabatan=at_jab,
                     isi_tanggapan="Atasan PPID telah memeriksa keberatan dan dokumen terkait.",
                     tanggapan_pemohon=_weighted(rng, _TANGGAPAN, (80, 20)))
            if k["tanggapan_pemohon"] == "tidak_menerima" and (n_sengketa[0] < 3 or rng.random() < 0.3):
                ts = plus(tt, rng.randint(3, 13))
                if ts <= today:
                    tahap = rng.choice(("registrasi", "mediasi", "ajudikasi", "putusan_ki", "selesai"))
                    n_sengketa[0] += 1
                    sengketa_rows.append({
                        "keberatan_id": kid, "nomor_ki": f"{n_sengketa[0] + 1:03d}/{bulan_romawi(ts.month)}/KIP-JTG-PS/{ts.year}",
                        "komisi": "Komisi Informasi Provinsi Jawa Tengah", "tanggal_diajukan": ts,
                        "batas_pengajuan": plus(tt, RU.HK_SENGKETA_AJU), "terlambat_diajukan": False, "tahap": tahap,
                        "hasil_mediasi": "mediasi_gagal" if tahap in ("ajudikasi", "putusan_ki") else ("mediasi_berhasil" if tahap == "selesai" else ""),
                        "hasil_ajudikasi": rng.choice(("dikabulkan_sebagian", "ditolak")) if tahap == "putusan_ki" else "",
                        "tanggal_putusan": None, "pengadilan": "", "nomor_perkara": "", "putusan_pengadilan": "", "catatan": "",
                    })
        keb_rows.append(k)

    return keb_rows, sengketa_rows


def _mandiri(tanggal: list[date], extra: int, rng: random.Random, D: Any, pola: dict[str, str], unit: str,  # noqa: N803, PLR0913
             versi: str, today: date, plus: Any, keb_counter: dict[int, int], nik_of: Any, at_nama: str,
             at_jab: str) -> list[dict[str, Any]]:
    """A few keberatan standing alone (UU 14/2008 Pasal 35(1) b, c, f without a registered request; what
    ``catat_keberatan_mandiri`` stores): the pemohon's own identity, the 30-working-day window from the
    day received, some answered by the Atasan PPID."""
    out: list[dict[str, Any]] = []
    for _ in range(len(tanggal) // MANDIRI_PER + extra):
        tk = rng.choice(tanggal)
        if tk > today:
            continue
        keb_counter[tk.year] = keb_counter.get(tk.year, 0) + 1
        alasan = rng.choice(("b", "c", "f", "b"))
        nama, sex = D.person_name(rng)
        nik_enc, nik_hash, nik_mask = nik_of(sex)
        tj, tj_rincian = plus.jawab(tk, versi)
        k = {
            "nomor": _nomor_of(pola, "keberatan", unit)(keb_counter[tk.year], tk), "permohonan_id": None,
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
            k.update(status=RU.K_SELESAI, putusan=_weighted(rng, _PUTUSAN_MANDIRI, (50, 20, 30)),
                     tanggal_tanggapan=tt, atasan_nama=at_nama, atasan_jabatan=at_jab,
                     isi_tanggapan="Atasan PPID memerintahkan PPID Pelaksana memenuhi permintaan pemohon.",
                     tanggapan_pemohon=_weighted(rng, _TANGGAPAN, (85, 15)))
        out.append(k)
    return out
