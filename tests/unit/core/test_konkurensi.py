"""Several real processes writing one database at once (the GUI and the CLI on one file do this).

Each worker is a spawned process with its own engine; a barrier releases them together so their
units of work contend. Writers are serialised by ``BEGIN IMMEDIATE``: numbers are unique and
consecutive, a question has one answer, a schedule one session.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import re
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from ppid_desktop.akun import roles as R
from ppid_desktop.core import penomoran
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.device import Device
from ppid_desktop.core.errors import StorageError
from ppid_desktop.layanan.masukan import PermohonanMasukan
from ppid_desktop.master.masukan import IsianOpd
from ppid_desktop.monev.masukan import IsianInstrumen
from ppid_desktop.monev.models import Jawaban, Sesi
from ppid_desktop.schema import metadata
from ppid_desktop.services import Services

N_PROC = 4
PER_PROC = 12
N_Q = 10


def _open(db: str, i: int) -> tuple[Services, Device]:
    dev = Device(id=f"proses-{i}", name=f"Proses {i}")
    return Services.open(db, device=dev), dev


def _daftar(db: str, i: int, barrier: Any, out: Any) -> None:
    svc, dev = _open(db, i)
    actor = Actor(username=f"petugas{i}", device_id=dev.id, roles=frozenset({R.PETUGAS}))
    barrier.wait()
    got = []
    for k in range(PER_PROC):
        p = svc.layanan.catat_permohonan(actor, PermohonanMasukan.dari_dict({
            "tanggal_diterima": date(2026, 3, 16), "nama": f"Pemohon {i}-{k}", "alamat": "Jl. Uji",
            "nik": f"320101120380{i * 100 + k + 1:04d}",
            "rincian": "Salinan dokumen anggaran", "tujuan": "Penelitian"}))
        got.append(p.nomor)
    svc.close()
    out.put(got)


def _jawab(db: str, i: int, jadwal_id: str, barrier: Any, out: Any) -> None:
    svc, dev = _open(db, i)
    actor = Actor(username=f"lapangan{i}", device_id=dev.id, roles=frozenset({R.MONEV}))
    barrier.wait()
    sesi = svc.monev.mulai_sesi(actor, jadwal_id)
    for k in range(N_Q):
        svc.monev.jawab(actor, sesi.id, f"q{k:02d}", "ya" if (k + i) % 2 else "tidak")
    svc.close()
    out.put(sesi.id)


def _run(target: Any, args: tuple[Any, ...]) -> list[Any]:
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(N_PROC)
    out = ctx.Queue()
    procs = [ctx.Process(target=target, args=(*args[:1], i, *args[1:], barrier, out)) for i in range(N_PROC)]
    for p in procs:
        p.start()
    results: list[Any] = []
    while len(results) < len(procs):
        try:
            results.append(out.get(timeout=1))
        except queue.Empty:
            dead = [p.exitcode for p in procs if p.exitcode not in (None, 0)]
            assert not dead, f"a worker failed (exit codes {dead})"
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    return results


def test_processes_registering_at_once_get_unique_consecutive_numbers(profil: Services, db_path: Path) -> None:
    profil.close()
    results = _run(_daftar, (str(db_path),))
    numbers = [n for got in results for n in got]
    assert len(numbers) == N_PROC * PER_PROC
    assert len(set(numbers)) == len(numbers), "a registration number was given twice"
    serials = sorted(int(re.match(r"(\d+)/", n).group(1)) for n in numbers)  # type: ignore[union-attr]
    assert serials == list(range(1, N_PROC * PER_PROC + 1))
    con = sqlite3.connect(db_path)
    try:
        stored = [r[0] for r in con.execute("SELECT nomor FROM permohonan WHERE deleted = 0")]
    finally:
        con.close()
    assert sorted(stored) == sorted(numbers)


def _instrumen() -> dict[str, Any]:
    qs = [{"kode": f"q{k:02d}", "teks": f"Pertanyaan {k}", "jenis": "ya_tidak"} for k in range(N_Q)]
    return {"kode": "serentak", "nama": "Uji serentak", "jenis": "lain",
            "band": [{"nama": "Semua", "min": 0, "max": 100}],
            "aspek": [{"kode": "A", "nama": "A", "bobot": 100,
                       "indikator": [{"kode": "A1", "nama": "A1", "pertanyaan": qs}]}]}


def test_processes_answering_one_session_give_one_answer_per_question(profil: Services, admin: Actor,
                                                                       db_path: Path) -> None:
    opd = profil.master.simpan_opd(admin, IsianOpd.dari({"kode": "DINKES", "nama": "Dinas Kesehatan"}))
    inst = profil.monev.simpan_instrumen(admin, IsianInstrumen.dari_dict(_instrumen()))
    profil.monev.terbitkan(admin, inst.id)
    prog = profil.monev.buat_program(admin, "Uji serentak", inst.id, [opd.id])
    jadwal = profil.monev.daftar_jadwal(prog.id)[0][0]
    profil.close()
    sesi_ids = _run(_jawab, (str(db_path), jadwal.id))
    assert len(set(sesi_ids)) == 1, "one schedule got several sessions"
    svc = Services.open(db_path, device=Device(id="induk", name="Induk"))
    try:
        with svc.store.read() as s:
            rows = list(s.exec(select(Jawaban).where(Jawaban.deleted == False)))  # noqa: E712
            sesi = list(s.exec(select(Sesi).where(Sesi.deleted == False)))  # noqa: E712
    finally:
        svc.close()
    assert len(sesi) == 1
    assert sorted(r.pertanyaan for r in rows) == [f"q{k:02d}" for k in range(N_Q)]


def test_reserve_block_is_one_statement_and_contiguous(services: Services, admin: Actor) -> None:
    with services.store.session(admin) as s:
        first = penomoran.next_number(s, "uji", date(2026, 1, 5))
        block = penomoran.reserve_numbers(s, "uji", 2026, 50)
        after = penomoran.next_number(s, "uji", date(2026, 7, 1))
        penomoran.bump_to_at_least(s, "uji", 2026, 10)  # never goes back
        again = penomoran.next_number(s, "uji", date(2026, 7, 1))
    assert (first, block, after, again) == (1, range(2, 52), 52, 53)


def test_a_duplicate_number_is_refused_by_the_schema_in_indonesian(profil: Services, admin: Actor) -> None:
    from ppid_desktop.layanan.models import Permohonan

    with (pytest.raises(StorageError, match="Data ganda ditolak: Nomor pendaftaran permohonan"),
          profil.store.session(admin) as s):
        for _ in range(2):
            s.add(Permohonan(nomor="001/PPID/III/2026", tanggal_diterima=date(2026, 3, 16), nama="X",
                             tenggat=date(2026, 3, 30), tenggat_efektif=date(2026, 3, 30)))
    with profil.store.read() as s:
        assert s.exec(select(Permohonan)).first() is None


def test_a_writer_that_cannot_get_the_lock_gets_an_indonesian_message(services: Services, admin: Actor,
                                                                      db_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import ppid_desktop.core.db as dbmod

    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        monkeypatch.setattr(dbmod, "BUSY_TIMEOUT_MS", 1)
        other = dbmod.Store.open(db_path, metadata)
        try:
            with (pytest.raises(StorageError, match="sedang dipakai proses lain untuk menyimpan"),
                  other.session(admin) as s):
                s.connection()
            with other.read() as s:  # reading never waits for the writer
                assert s.connection().exec_driver_sql("SELECT COUNT(*) FROM templat_nomor").scalar()
        finally:
            other.close()
    finally:
        holder.rollback()
        holder.close()
