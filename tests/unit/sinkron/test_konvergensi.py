"""Property: three real SQLite replicas converge whatever they do and however packages travel.

Random creates, edits and deletes of OPD, monev sessions started, answered (score and note),
finalised and handed over; packages exported in random direction, delivered in random order, some
twice and some never. After a final round in which every replica hears from every other, the
canonical dumps of the three are identical, no natural key exists twice among live rows, and every
note written is the current value, kept in a conflict, or superseded by a write that had seen it.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule

from ppid_desktop.core.errors import UserError
from ppid_desktop.master.masukan import IsianOpd
from ppid_desktop.sinkron.rekam import travelling
from tests.unit.sinkron.tim import Dasar, Replika, buat_dasar, salin

EXAMPLES = int(os.environ.get("PPID_SINKRON_EXAMPLES", "200"))
# Real SQLite files; on tmpfs when there is one, so hundreds of examples are not bound by fsync.
_ROOT = Path(tempfile.mkdtemp(prefix="ppid-konvergensi-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None))
_DASAR: Dasar | None = None


def dasar() -> Dasar:
    global _DASAR
    if _DASAR is None:
        _DASAR = buat_dasar(_ROOT / "dasar")
    return _DASAR


REP = st.integers(0, 2)


class Konvergensi(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(dir=_ROOT))
        self.base = dasar()
        self.reps: list[Replika] = []
        self.mail: list[tuple[int, Path]] = []
        self.n = 0
        # note value -> the notes it replaced on its replica (what that write had seen)
        self.catatan: dict[str, set[str]] = {}
        self.dilihat: list[dict[str, set[str]]] = []  # per replica, per answer key: notes seen there

    @initialize()
    def mulai(self) -> None:
        self.reps = [salin(self.base, self.dir, n) for n in "abc"]
        self.dilihat = [{} for _ in self.reps]

    def teardown(self) -> None:
        for r in self.reps:
            r.svc.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    # ----------------------------------------------------------- local work
    def _sesi(self, r: int, j: int) -> Any:
        rep = self.reps[r]
        return rep.svc.monev.mulai_sesi(rep.actor, self.base.jadwal_ids[j])

    @rule(r=REP, j=st.integers(0, 1), q=st.integers(0, 2))
    def catat(self, r: int, j: int, q: int) -> None:
        rep = self.reps[r]
        self.n += 1
        value = f"{rep.name}{self.n}"
        try:
            se = self._sesi(r, j)
            rep.svc.monev.catat(rep.actor, se.id, self.base.pertanyaan[q], value)
        except UserError:
            return  # finalised or handed over: refused, nothing written
        key = f"{j}/{q}"
        seen = self.dilihat[r].setdefault(key, set())
        self.catatan[value] = set(seen)
        seen.add(value)

    @rule(r=REP, j=st.integers(0, 1), q=st.integers(0, 2), v=st.sampled_from(["0", "1", "2", None]))
    def jawab(self, r: int, j: int, q: int, v: str | None) -> None:
        rep = self.reps[r]
        try:
            se = self._sesi(r, j)
            rep.svc.monev.jawab(rep.actor, se.id, self.base.pertanyaan[q], v)
        except UserError:
            return

    @rule(r=REP, j=st.integers(0, 1))
    def finalisasi(self, r: int, j: int) -> None:
        rep = self.reps[r]
        try:
            se = self._sesi(r, j)
            rep.svc.monev.finalisasi(rep.actor, se.id, paksa=True)
        except UserError:
            return

    @rule(r=REP, o=st.integers(0, 1), nama=st.sampled_from(["Dinas A", "Dinas B", "Badan C"]))
    def ubah_opd(self, r: int, o: int, nama: str) -> None:
        rep = self.reps[r]
        try:
            rep.svc.master.simpan_opd(rep.actor, IsianOpd.dari({"nama": f"{nama} {rep.name}"}), self.base.opd_ids[o])
        except UserError:
            return

    @rule(r=REP, kode=st.sampled_from(["BARU1", "BARU2"]))
    def buat_opd(self, r: int, kode: str) -> None:
        rep = self.reps[r]
        try:
            rep.svc.master.simpan_opd(rep.actor, IsianOpd.dari({"kode": kode, "nama": f"OPD {kode}"}))
        except UserError:
            return

    @rule(r=REP, kode=st.sampled_from(["BARU1", "BARU2"]))
    def hapus_opd(self, r: int, kode: str) -> None:
        rep = self.reps[r]
        for opd in rep.svc.master.daftar_opd():
            if opd.kode == kode:
                rep.svc.master.hapus_opd(rep.actor, opd.id)

    # ----------------------------------------------------------- packages
    def _paket(self) -> Path:
        self.n += 1
        return self.dir / f"p{self.n}.ppidsync"

    @rule(src=REP, dst=REP)
    def kirim(self, src: int, dst: int) -> None:
        if src == dst:
            return
        path = self._paket()
        self.reps[src].s.ekspor(self.reps[src].actor, path, untuk=self.reps[dst].s.replika)
        self.mail.append((dst, path))

    @rule(src=REP, dst=REP, j=st.integers(0, 1))
    def serahkan(self, src: int, dst: int, j: int) -> None:
        if src == dst:
            return
        rep = self.reps[src]
        path = self._paket()
        try:
            self._sesi(src, j)
            rep.s.ekspor(rep.actor, path, serahkan=self.base.jadwal_ids[j])
        except UserError:
            return
        self.mail.append((dst, path))

    @rule(i=st.integers(0, 50), lagi=st.booleans(), hilang=st.booleans())
    def terima(self, i: int, lagi: bool, hilang: bool) -> None:
        if not self.mail:
            return
        dst, path = self.mail.pop(i % len(self.mail))
        if hilang:
            return
        self._impor(dst, path)
        if lagi:
            self.mail.append((dst, path))

    def _impor(self, dst: int, path: Path) -> None:
        rep = self.reps[dst]
        rep.s.impor(rep.actor, path)
        # Every note the package carried has been seen here now.
        for key, notes in self._notes_in(rep).items():
            self.dilihat[dst].setdefault(key, set()).update(notes)

    def _notes_in(self, rep: Replika) -> dict[str, set[str]]:
        """Notes present in this replica (current values and conflict values), by answer key."""
        from sqlalchemy import text

        out: dict[str, set[str]] = {}
        jadwal = {jid: j for j, jid in enumerate(self.base.jadwal_ids)}
        soal = {kode: q for q, kode in enumerate(self.base.pertanyaan)}
        with rep.svc.store.engine.connect() as conn:
            rows = conn.execute(text("SELECT s.jadwal_id, j.pertanyaan, j.catatan FROM monev_jawaban j "
                                     "JOIN monev_sesi s ON s.id = j.sesi_id")).all()
            for jid, kode, note in rows:
                out.setdefault(f"{jadwal.get(jid)}/{soal.get(kode)}", set()).add(str(note))
            for (note_json,) in conn.execute(text(
                    "SELECT nilai_kalah FROM sinkron_konflik WHERE grup = 'catatan'")).all():
                note = json.loads(note_json).get("catatan")
                for key in out:
                    out[key].add(str(note))
        return {k: {n for n in v if n in self.catatan} for k, v in out.items()}

    # ----------------------------------------------------------- the end
    def check_akhir(self) -> None:
        # Gossip round the ring (one more hop at the end, so the last writer hears from everyone) until
        # the three agree; conflicts and lock writes made on the way travel in the next round.
        for _ in range(5):
            for src, dst in ((0, 1), (1, 2), (2, 0), (0, 1)):
                path = self._paket()
                self.reps[src].s.ekspor(self.reps[src].actor, path, untuk=self.reps[dst].s.replika)
                self.reps[dst].s.impor(self.reps[dst].actor, path)
            dumps = [json.dumps(r.s.dump(stempel=False), sort_keys=True, default=str) for r in self.reps]
            if dumps[0] == dumps[1] == dumps[2]:
                break
        if dumps[0] != dumps[1] or dumps[0] != dumps[2]:
            a, b = (json.loads(d) for d in dumps[:2])
            diff = {t: (len(a[t]), len(b[t])) for t in a if a[t] != b.get(t)}
            raise AssertionError(f"replicas diverged: {diff}; dumps {dumps[2] != dumps[0]}")
        state = json.loads(dumps[0])
        for tabel, spec in travelling().items():
            if not spec.kunci_alami:
                continue
            keys = [tuple(r[k] for k in spec.kunci_alami) for r in state[tabel] if not r["deleted"]]
            assert len(keys) == len(set(keys)), f"natural key twice in {tabel}"
        # Every note is current, kept in a conflict, or superseded by a write that had seen it.
        current = {r["catatan"] for r in state["monev_jawaban"]}
        kept = set()
        for k in state["sinkron_konflik"]:
            for col in ("nilai_kalah", "nilai_menang"):
                kept.add(json.loads(k[col]).get("catatan"))
        superseded = set().union(*self.catatan.values()) if self.catatan else set()
        for note in self.catatan:
            assert note in current or note in kept or note in superseded, f"note {note} lost"


def test_konvergensi_tiga_replika() -> None:
    class Mesin(Konvergensi):
        def teardown(self) -> None:
            try:
                if self.reps:
                    self.check_akhir()
            finally:
                super().teardown()

    Mesin.TestCase.settings = settings(
        max_examples=EXAMPLES, stateful_step_count=8, deadline=None, derandomize=os.environ.get("PPID_SINKRON_ACAK") != "1",
        phases=list(Phase) if os.environ.get("PPID_SINKRON_SHRINK", "1") == "1" else [Phase.generate],
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
    Mesin.TestCase().runTest()


@pytest.fixture(scope="module", autouse=True)
def _cleanup() -> Any:
    yield
    shutil.rmtree(_ROOT, ignore_errors=True)
