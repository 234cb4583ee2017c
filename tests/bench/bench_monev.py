"""Benchmark (not collected by pytest): ``./dev bench monev``

1. Scoring a programme of 60, 120 and 240 OPDs × 200 questions (``program_scores``) beside the raw
   query that reads the same answers, and the time per OPD (linear: about the same at every size).
2. Opening a session with 200 questions and 100 photos (``muat_sesi`` + ``hasil``) beside the raw
   queries of its rows.
The databases are filled through the app's services and bulk path, then closed and reopened as the
app would be (closing runs ``Store.optimize``, which analyses the tables that got their first rows); no
private ANALYZE. Prints milliseconds and the ratio to the raw query time; targets: < 200 ms at 60 OPD,
≤ 4× the raw query at 240 OPD.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from ppid_desktop.monev.masukan import IsianInstrumen

os.environ.setdefault("PPID_DATA_DIR", tempfile.mkdtemp(prefix="ppid-bench-"))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from ppid_desktop.akun import roles as R  # noqa: E402
from ppid_desktop.core.actor import Actor  # noqa: E402
from ppid_desktop.core.db import bulk_insert  # noqa: E402
from ppid_desktop.core.device import Device  # noqa: E402
from ppid_desktop.master.models import PerangkatDaerah  # noqa: E402
from ppid_desktop.monev.models import Bukti, Jawaban  # noqa: E402
from ppid_desktop.services import Services  # noqa: E402

N_OPD, N_Q, N_PHOTO = 60, 200, 100


def instrument() -> dict:
    aspek = []
    for a in range(5):
        inds = []
        for i in range(8):
            qs = []
            for q in range(5):
                kode = f"A{a}.{i}.{q}"
                if q % 3 == 0:
                    qs.append({"kode": kode, "teks": f"Pertanyaan {kode}", "jenis": "ya_tidak", "bukti": "foto"})
                elif q % 3 == 1:
                    qs.append({"kode": kode, "teks": f"Pertanyaan {kode}", "jenis": "level",
                               "level": [{"level": n, "kriteria": f"Level {n}"} for n in range(1, 6)]})
                else:
                    qs.append({"kode": kode, "teks": f"Pertanyaan {kode}", "jenis": "pilihan", "boleh_na": True,
                               "opsi": [{"label": x, "skor": s} for x, s in (("Tidak", 0), ("Sebagian", 50), ("Ya", 100))]})
            inds.append({"kode": f"A{a}.{i}", "nama": f"Indikator {a}.{i}", "pertanyaan": qs})
        aspek.append({"kode": f"A{a}", "nama": f"Aspek {a}", "bobot": 20, "indikator": inds})
    return {"kode": "bench", "nama": "Bench", "jenis": "lain",
            "band": [{"nama": "Rendah", "min": 0, "max": 60}, {"nama": "Tinggi", "min": 60, "max": 100}],
            "aspek": aspek}


def timed(fn, repeat: int = 7) -> float:  # noqa: ANN001
    fn()
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return statistics.median(out)


def main() -> int:
    results = [run(n, photos=(n == N_OPD)) for n in (N_OPD, 2 * N_OPD, 4 * N_OPD)]
    base = results[0][1] / N_OPD
    for n, t_score, t_raw in results:
        print(f"Skor program {n:3d} OPD × {N_Q} pertanyaan : {t_score:7.1f} ms  (kueri mentah {t_raw:6.1f} ms, "
              f"rasio {t_score / t_raw:4.1f}×; {t_score / n:.2f} ms per OPD, {t_score / n / base:.2f}× dari 60 OPD)")
    return 0


def run(n_opd: int, *, photos: bool) -> tuple[int, float, float]:
    rng = random.Random(1)
    path = Path(tempfile.mkdtemp()) / "bench.sqlite"
    svc = Services.open(path, device=Device(id="bench", name="bench"))
    actor = Actor(username="bench", device_id="bench", roles=frozenset({R.ADMIN}))
    with svc.store.session(actor) as s:
        bulk_insert(s, PerangkatDaerah, [{"kode": f"OPD{i:03d}", "nama": f"Perangkat Daerah {i}"} for i in range(n_opd)], "bench")
    opd = [o.id for o in svc.master.daftar_opd()]
    inst = svc.monev.simpan_instrumen(actor, IsianInstrumen.dari_dict(instrument()))
    svc.monev.terbitkan(actor, inst.id)
    defn = svc.monev.definisi(inst.id)
    assert len(defn.pertanyaan()) == N_Q
    prog = svc.monev.buat_program(actor, "Bench", inst.id, opd)
    photo = Path(tempfile.mkdtemp()) / "foto.jpg"
    from PIL import Image

    Image.new("RGB", (32, 32), (10, 200, 10)).save(photo)
    from ppid_desktop.master.service import store_attachment

    digest = store_attachment(svc.store, photo)
    sesi_ids = []
    for j, _ in svc.monev.daftar_jadwal(prog.id):
        sesi = svc.monev.mulai_sesi(actor, j.id)
        sesi_ids.append(sesi.id)
        rows = []
        for q in defn.pertanyaan():
            v = {"ya_tidak": rng.choice(["ya", "tidak"]), "level": str(rng.randint(1, 5)),
                 "pilihan": rng.choice(["1", "2", "3"])}[q.jenis]
            rows.append({"sesi_id": sesi.id, "pertanyaan": q.kode, "instrumen_id": inst.id, "instrumen_versi": 1,
                         "nilai": v, "na": False, "nilai_verifikasi": None, "catatan": "", "catatan_verifikasi": ""})
        with svc.store.session(actor) as s:
            bulk_insert(s, Jawaban, rows, "bench")
    photos_q = [q.kode for q in defn.pertanyaan() if q.bukti == "foto"]
    with svc.store.session(actor) as s:
        bulk_insert(s, Bukti, [{"sesi_id": sesi_ids[0], "pertanyaan": photos_q[i % len(photos_q)], "jenis": "foto",
                                "sha256": digest, "nama_berkas": f"foto{i}.jpg", "ukuran": 100, "url": "",
                                "keterangan": ""} for i in range(N_PHOTO)], "bench")

    def raw_program() -> None:
        with svc.store.engine.connect() as c:
            c.exec_driver_sql(
                "SELECT j.sesi_id, j.pertanyaan, j.nilai, j.na, j.nilai_verifikasi FROM monev_jawaban j "
                "JOIN monev_sesi s ON s.id = j.sesi_id WHERE s.program_id = ? AND j.deleted = 0", (prog.id,)).fetchall()

    def raw_sesi() -> None:
        with svc.store.engine.connect() as c:
            for tbl in ("monev_jawaban", "monev_bukti", "monev_responden"):
                c.exec_driver_sql(f"SELECT * FROM {tbl} WHERE sesi_id = ? AND deleted = 0", (sesi_ids[0],)).fetchall()

    def score() -> None:
        rows = svc.monev.program_scores(prog.id)
        assert len(rows) == n_opd and all(r.total is not None for r in rows)

    def open_sesi() -> None:
        d = svc.monev.muat_sesi(sesi_ids[0])
        assert sum(len(b) for b in d.bukti.values()) == N_PHOTO and len(d.jawaban) == N_Q
        d.hasil()

    svc.close()  # as the app closes: Store.optimize analyses the answers table
    svc = Services.open(path, device=Device(id="bench", name="bench"))
    t_raw_p, t_score = [], []
    for _ in range(7):  # alternating runs, medians
        t_raw_p.append(timed(raw_program, repeat=1))
        t_score.append(timed(score, repeat=1))
    if photos:
        t_raw_s, t_open = timed(raw_sesi), timed(open_sesi)
        print(json.dumps({"opd": n_opd, "pertanyaan": N_Q, "foto": N_PHOTO}))
        print(f"Buka sesi {N_Q} pertanyaan + {N_PHOTO} foto    : {t_open:7.1f} ms  (kueri mentah {t_raw_s:6.1f} ms, "
              f"rasio {t_open / t_raw_s:5.1f}×)  {'OK' if t_open < 200 else 'LAMBAT'}")
    svc.close()
    return n_opd, statistics.median(t_score), statistics.median(t_raw_p)


if __name__ == "__main__":
    raise SystemExit(main())
