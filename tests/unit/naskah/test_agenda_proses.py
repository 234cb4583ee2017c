"""Two real processes sign 50 drafts at the same time: 50 consecutive numbers, no gap, no duplicate."""

from __future__ import annotations

import multiprocessing as mp
import re
from datetime import date
from pathlib import Path

from ppid_desktop.akun import roles as R
from ppid_desktop.master.masukan import IsianPegawai
from ppid_desktop.naskah.masukan import IsianKonsep
from ppid_desktop.services import Services
from tests.conftest import TEST_DEVICE, make_actor

N = 50


def _sign_all(db: str, ids: list[str], start: mp.synchronize.Event) -> None:  # type: ignore[name-defined]
    svc = Services.open(db, TEST_DEVICE)
    actor = make_actor(R.ADMIN, username="proses")
    start.wait(30)
    try:
        for sid in ids:
            svc.agenda.tandatangani(actor, sid, date(2026, 6, 10), hari_ini=date(2026, 6, 30))
    finally:
        svc.close()


def test_two_processes_sign_fifty_drafts_consecutively(profil, admin, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    svc = profil
    kadis = svc.master.simpan_pegawai(admin, IsianPegawai.dari({"nama": "Drs. Budi Prasetiyono, M.Si.", "nip": "196707151993091001",
                                            "jabatan": "Kepala Dinas", "boleh_ttd": "nota_dinas"}))
    ids = []
    for i in range(N):
        s = svc.agenda.buat_konsep(admin, IsianKonsep.dari({"jenis": "nota_dinas", "hal": f"Surat {i}", "penandatangan_id": kadis.id,
                                           "kode_klasifikasi": "000.8.3.3"}), [])
        svc.agenda.ajukan(admin, s.id)
        ids.append(s.id)
    db = str(svc.store.path)
    ctx = mp.get_context("spawn")
    start = ctx.Event()
    procs = [ctx.Process(target=_sign_all, args=(db, ids[k::2], start)) for k in range(2)]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(180)
    assert [p.exitcode for p in procs] == [0, 0]
    rows = [svc.agenda.ambil(i) for i in ids]
    urut = sorted(int(re.match(r"000\.8\.3\.3/(\d+)/", r.nomor or "").group(1)) for r in rows)  # type: ignore[union-attr]
    assert urut == list(range(1, N + 1))
    # numbers follow the order of signature
    by_time = sorted(rows, key=lambda r: r.ditandatangani_pada)
    assert [r.urut for r in by_time] == list(range(1, N + 1))
    assert all(r.pdf_sha256 and svc.agenda.cetak(r.id) for r in rows[:3])
