"""Crash safety for real: a child process answers questions and is SIGKILLed mid-session.

Every answer the child acknowledged (``jawab`` returned) must be in the reopened database, and the
file must pass ``PRAGMA integrity_check``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlmodel import select

from ppid_desktop.monev.masukan import IsianInstrumen
from ppid_desktop.monev.models import Jawaban
from ppid_desktop.services import Services
from tests.conftest import TEST_DEVICE

N_QUESTIONS = 3000
KILL_AFTER = 150

CHILD = textwrap.dedent("""
    import sys
    from ppid_desktop.akun import roles as R
    from ppid_desktop.core.actor import Actor
    from ppid_desktop.core.device import Device
    from ppid_desktop.services import Services

    db, sesi_id, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    svc = Services.open(db, device=Device(id="anak", name="Proses anak"))
    actor = Actor(username="lapangan", device_id="anak", roles=frozenset({R.MONEV}))
    print("SIAP", flush=True)
    for i in range(n):
        kode = f"q{i:04d}"
        nilai = "ya" if i % 3 else "tidak"
        svc.monev.jawab(actor, sesi_id, kode, nilai, catatan=f"catatan {i}")
        print(f"ACK {kode} {nilai}", flush=True)
""")


def big_instrument() -> dict:
    qs = [{"kode": f"q{i:04d}", "teks": f"Pertanyaan {i}", "jenis": "ya_tidak"} for i in range(N_QUESTIONS)]
    return {"kode": "crash", "nama": "Uji crash", "jenis": "lain",
            "band": [{"nama": "Semua", "min": 0, "max": 100}],
            "aspek": [{"kode": "A", "nama": "A", "bobot": 100,
                       "indikator": [{"kode": "A1", "nama": "A1", "pertanyaan": qs}]}]}


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_answers_survive_sigkill(env, db_path: Path) -> None:  # noqa: ANN001
    m, a = env.monev, env.actor
    inst = m.simpan_instrumen(a, IsianInstrumen.dari_dict(big_instrument()))
    m.terbitkan(a, inst.id)
    prog = m.buat_program(a, "Uji crash", inst.id, env.opd_ids[:1])
    sesi = env.sesi(prog)
    env.services.close()

    root = Path(__file__).resolve().parents[3]
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db_path), sesi.id, str(N_QUESTIONS)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    acked: dict[str, str] = {}
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert first.strip() == "SIAP", proc.stderr.read() if proc.stderr else first
        while len(acked) < KILL_AFTER:
            line = proc.stdout.readline()
            assert line, proc.stderr.read() if proc.stderr else "child ended early"
            _, kode, nilai = line.split()
            acked[kode] = nilai
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert len(acked) < N_QUESTIONS  # killed mid-session

    svc = Services.open(db_path, device=TEST_DEVICE)
    try:
        assert svc.store.integrity_check() == []
        with svc.store.read() as s:
            rows = {j.pertanyaan: j for j in s.exec(select(Jawaban).where(Jawaban.sesi_id == sesi.id))}
        missing = [k for k in acked if k not in rows]
        assert missing == []
        assert all(rows[k].nilai == v and rows[k].instrumen_versi == 1 for k, v in acked.items())
        assert rows["q0000"].catatan == "catatan 0"
        # the session is still a usable draft
        svc.monev.jawab(a, sesi.id, f"q{N_QUESTIONS - 1:04d}", "ya")
    finally:
        svc.close()
