"""Demo filler of the requests room: the writer. The rows themselves (requests over two years, their history,
keberatan, sengketa) are drawn by :mod:`ppid_desktop.layanan.demo_baris` from a plan (:class:`Rencana`) this
module builds from the database.

Bulk and bounded: the rows arrive ``CHUNK`` requests at a time and are written by one executemany per table
straight on the sqlite3 connection, so memory does not grow with ``--permohonan``; the register's
secondary indexes and full-text triggers are dropped for the load and rebuilt once at the end (one sort
instead of a million random index inserts), all in one transaction (a failure or a SIGKILL leaves the
database as it was); personal numbers are encrypted once per pooled demo NIK, here, before any row is
drawn.

A large demo (``MASSAL_MIN`` requests or more, or ``DemoOptions.massal``) is a **bulk load**: the rows are
drawn by a child process (``ppid _demo-baris``) while this process writes the previous chunk — each takes a
core; the chunks are independent, so several children could take turns (``ANAK``), but one keeps pace
with the writer — and the transaction runs under SQLite's rollback journal instead of the WAL when no other
connection has the file open (a load of new pages journals nothing and is not written twice; the
database returns to WAL at the end, and a kill mid-load is rolled back from the journal at the next open).
The child holds no key: the plan carries the NIKs already encrypted. If the child cannot be started the
same rows are drawn here."""

from __future__ import annotations

import marshal
import os
import pickle
import random
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from sqlmodel import Session, select

from ppid_desktop.core import crypto, penomoran
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.errors import UserError
from ppid_desktop.core.identitas import mask_nik
from ppid_desktop.core.tipe import b64_ke_db, hex_ke_db
from ppid_desktop.layanan.demo_baris import (
    PERINTAH_ANAK,
    TABEL,
    Bentuk,
    NikDemo,
    Opd,
    Penomor,
    Rencana,
    _Fast,
    baris,
    jumlah_potongan,
    periksa_pola,
)
from ppid_desktop.layanan.models import Keberatan, Permohonan, RiwayatLayanan, Sengketa

if TYPE_CHECKING:
    from ppid_desktop.services import Services

NIK_POOL = 3000  # distinct demo NIKs per sex at most (requesters come back; each is encrypted once)
BULK_TABLES = ("permohonan", "riwayat_layanan", "keberatan")
MASSAL_MIN = 20_000  # requests from which a demo is a bulk load (child processes, rollback journal)
ANAK = 1  # drawing processes of a bulk load: two were 7 % faster at a million but 380 MB in all, one 300 MB (#15: <= 400)
MODELS = {"permohonan": Permohonan, "riwayat_layanan": RiwayatLayanan, "keberatan": Keberatan, "sengketa": Sengketa}
RINGKASAN = {"permohonan": "data demo permohonan", "riwayat_layanan": "data demo riwayat layanan",
             "keberatan": "data demo keberatan", "sengketa": "data demo sengketa"}


def _tulis(s: Session, bentuk: Bentuk, tuples: list[tuple[Any, ...]], summary: str) -> int:
    """Insert ready parameter tuples in one executemany straight on the sqlite3 connection, with one audit
    row per batch."""
    if not tuples:
        return 0
    from ppid_desktop.core.audit import AuditLog

    s.connection().exec_driver_sql(bentuk.sql, tuples)
    actor = s.info["actor"]
    s.add(AuditLog(username=actor.username, device_id=actor.device_id, action="bulk_create",
                   entity=bentuk.table, summary=f"{summary}: {len(tuples)} baris"))
    return len(tuples)


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


def kumpulan_nik(db: Path, n: int, seed: int) -> dict[str, list[NikDemo]]:
    """The demo's NIKs, per sex, in every stored form: drawn from their own stream of ``seed`` and encrypted
    under the keyring of ``db`` (named) once each (``NIK_POOL`` per sex at most; fewer for a small demo)."""
    from ppid_desktop.core import demodata as D  # noqa: N812

    rng = _Fast(seed ^ 0x6E_696B)
    sandi, hash_ = crypto.penyandi_massal("nik", db)
    size = min(NIK_POOL, max(20, n))
    out: dict[str, list[NikDemo]] = {}
    for sex in "LP":
        pool: list[NikDemo] = []
        for _ in range(size):
            nik = D.make_nik(rng, sex)
            enc, h = sandi(nik), hash_(nik)
            pool.append((enc, h, mask_nik(nik), b64_ke_db(enc), hex_ke_db(h)))  # type: ignore[arg-type]
        out[sex] = pool
    return out


def _perintah_anak() -> list[str] | None:
    """The command line of the drawing process: ``ppid _demo-baris`` — this interpreter with the CLI module, or
    in a frozen build the ``ppid`` program beside this executable (its name picks the CLI); ``None`` when
    there is none (the rows are then drawn in this process)."""
    if not getattr(sys, "frozen", False):
        return [sys.executable, "-m", "ppid_desktop.cli", PERINTAH_ANAK]
    exe = Path(sys.executable)
    for name in ("ppid.exe", "ppid"):
        cli = exe.with_name(name)
        if cli.exists():
            return [str(cli), PERINTAH_ANAK]
    return None


def _dari_anak(rencana: Rencana, anak: int = ANAK, mulai: list[int] | None = None) -> Iterator[dict[str, Any]]:
    """The chunks of ``rencana``, in order, drawn by ``anak`` child processes (see ``demo_baris.anak``; no
    more than the cores) taking turns: child ``j`` draws chunks ``j``, ``j + k``, … Each child is at most one
    chunk ahead (it waits on the pipe), so memory stays bounded on both sides. A child that stops early is
    an Indonesian error (the caller's unit of work rolls back); the children are killed and reaped whatever
    happens. Without a way to start them the chunks are drawn here. ``mulai`` gets how many were started."""
    cmd = _perintah_anak()
    k = max(1, min(anak, os.cpu_count() or 1, jumlah_potongan(rencana)))
    procs: list[subprocess.Popen[bytes]] = []
    done = False
    berhenti = UserError("Pembuat data demo (proses anak) berhenti sebelum selesai; tidak ada data demo yang disimpan.")
    try:
        try:
            while cmd is not None and len(procs) < k:  # started together: they load their modules side by side
                procs.append(subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL))
            for j, proc in enumerate(procs):
                assert proc.stdin is not None
                proc.stdin.write(pickle.dumps((rencana, j, k), protocol=pickle.HIGHEST_PROTOCOL))
                proc.stdin.close()
        except OSError as exc:
            if not procs:  # none could be started (a frozen build without its ``ppid``): draw them here
                yield from baris(rencana)
                return
            raise berhenti from exc
        if mulai is not None:
            mulai.append(len(procs))
        if not procs:
            yield from baris(rencana)
            return
        for i in range(jumlah_potongan(rencana)):
            out = procs[i % k].stdout
            assert out is not None
            head = out.read(8)
            size = int.from_bytes(head, "big") if len(head) == 8 else -1
            data = out.read(size) if size >= 0 else b""
            if size < 0 or len(data) != size:
                raise berhenti
            isi = marshal.loads(data)
            if isinstance(isi, tuple):  # ("galat", text)
                raise UserError(f"Pembuat data demo gagal: {isi[1]}. Tidak ada data demo yang disimpan.")
            yield isi
        done = True  # every chunk arrived: the children are exiting by themselves
    finally:
        for proc in procs:
            try:
                proc.wait(timeout=5 if done else 0)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            if proc.stdout is not None:
                proc.stdout.close()


def rencana(services: Services, actor: Actor, seed: int, n: int, today: date) -> Rencana | None:
    """The plan of ``n`` demo requests received over the two years to ``today`` (None without an active OPD):
    read from the database and made before the unit of work that writes the rows (under a bulk load no
    other connection may open the file)."""
    master = services.master
    opd = master.daftar_opd(include_inactive=False)
    if not opd:
        return None
    start = today - timedelta(days=730)
    master.pastikan_tahun(range(start.year, today.year + 2))
    cal = master.kalender_kerja()
    for y in range(start.year, today.year + 3):  # load every year now: no seeding session inside ours
        cal.is_workday(date(y, 1, 1))
    atasan = master.daftar_pegawai(boleh_ttd="keberatan")
    pola = {t.jenis: t.pola for t in master.daftar_pola_nomor()}
    periksa_pola(pola)
    from ppid_desktop.core.base import utcnow

    dialect, now = services.store.engine.dialect, utcnow()
    return Rencana(
        n=n, seed=seed, id_awal=uuid.uuid4().bytes, today=today, start=start,
        opd=[Opd(o.id, o.nama) for o in opd], pola=pola,
        unit=master.profil().kode_unit, versi=master.versi_kalender(), kalender=cal.entries(),
        kebijakan=cal.kebijakan,
        petugas=[actor.nama or "Petugas Layanan", "Sri Wulandari", "Agus Prasetyo", "Rina Handayani"],
        pencatat=actor.username, at_nama=atasan[0].nama if atasan else "Sekretaris Daerah",
        at_jab=atasan[0].jabatan if atasan else "Atasan PPID", nik=kumpulan_nik(services.store.path, n, seed),
        bentuk={t: Bentuk.dari(m, dialect, actor.username, actor.device_id, now) for t, m in MODELS.items()},
    )


def fill(services: Services, actor: Actor, rng: random.Random, opt: Any) -> dict[str, int]:
    seed = rng.getrandbits(64)
    n = max(0, int(opt.permohonan))
    if n == 0:
        return {"permohonan": 0}
    with services.store.read() as s:
        if s.exec(select(Permohonan.id).limit(1)).first() is not None:
            return {"permohonan": 0, "lewati": 1}
    plan = rencana(services, actor, seed, n, opt.today or services.clock.today())
    if plan is None:
        return {"permohonan": 0}
    massal = n >= MASSAL_MIN if opt.massal is None else bool(opt.massal)
    n_rows = n_keb = 0
    anak: list[int] = []
    with services.store.session(actor, massal=massal) as s:
        if s.exec(select(Permohonan.id).limit(1)).first() is not None:  # another writer came first
            return {"permohonan": 0, "lewati": 1}
        conn = s.connection()
        conn.exec_driver_sql("PRAGMA cache_size=-65536")  # 64 MiB while loading (default 2 MiB)
        ddl = _drop_secondary(s)
        nomor = Penomor(plan)
        for isi in _dari_anak(plan, mulai=anak) if massal else baris(plan):
            nomor.beri(isi)
            for table in TABEL:
                _tulis(s, plan.bentuk[table], isi[table], RINGKASAN[table])
            n_rows += len(isi["permohonan"])
            n_keb += len(isi["keberatan"])
            del isi
        _rebuild(s, ddl)
        conn.exec_driver_sql("PRAGMA cache_size=-2000")
        for year, last in nomor.permohonan.items():
            penomoran.bump_to_at_least(s, "permohonan", year, last)
        for year, last in nomor.keberatan.items():
            penomoran.bump_to_at_least(s, "keberatan", year, last)
    out = {"permohonan": n_rows, "keberatan": n_keb, "sengketa": nomor.sengketa}
    if anak and anak[0]:
        out["proses_anak"] = anak[0]  # a bulk load drawn by child processes (0: drawn here)
    return out
