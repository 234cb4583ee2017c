"""Benchmark (not collected by pytest): ``./dev bench laporan_program``

The programme report (``monev cetak laporan-program``) of 60 units with its chart, on a database the
app built (shipped KIP instrument, answers for every unit, visitasi for all but a few), beside raw
reportlab laying out the same pages (the same tables and chart from precomputed rows, no database,
no scoring) in the same run. Prints milliseconds, the ratio, and OK when the app is under 2 s.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from ppid_desktop.master.masukan import IsianPegawai, IsianProfil

os.environ.setdefault("PPID_DATA_DIR", tempfile.mkdtemp(prefix="ppid-bench-"))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from reportlab.graphics.charts.barcharts import HorizontalBarChart  # noqa: E402
from reportlab.graphics.shapes import Drawing  # noqa: E402
from reportlab.lib.colors import HexColor  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import getSampleStyleSheet  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle  # noqa: E402

from ppid_desktop.akun import roles as R  # noqa: E402
from ppid_desktop.core.actor import Actor  # noqa: E402
from ppid_desktop.core.db import bulk_insert  # noqa: E402
from ppid_desktop.core.device import Device  # noqa: E402
from ppid_desktop.master.models import PerangkatDaerah  # noqa: E402
from ppid_desktop.monev.dokumen_program import laporan_program_pdf  # noqa: E402
from ppid_desktop.monev.models import Jawaban  # noqa: E402
from ppid_desktop.services import Services  # noqa: E402

N_UNIT = 60


def timed(fn, repeat: int = 5) -> float:  # noqa: ANN001
    fn()
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return statistics.median(out)


def raw_pdf(rows: list[tuple[str, float]], aspek: list[tuple[str, float]]) -> bytes:
    """The same pages in plain reportlab: ranking table, category table, chart, per-aspek table."""
    import io

    st = getSampleStyleSheet()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4)
    w = A4[0] - 60 * mm
    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, HexColor("#000000"))])
    rank = Table([["Peringkat", "Unit", "Nilai", "Kategori"]]
                 + [[str(i), Paragraph(n, st["Normal"]), f"{v:.2f}", "Informatif"] for i, (n, v) in enumerate(rows, 1)],
                 colWidths=[w * 0.15, w * 0.49, w * 0.16, w * 0.2], repeatRows=1)
    rank.setStyle(grid)
    kat = Table([["Kategori", "Jumlah"]] + [[k, "12"] for k in ("A", "B", "C", "D", "E")])
    kat.setStyle(grid)
    charts = []
    for i in range(0, len(rows), 35):
        part = rows[i:i + 35]
        d = Drawing(w, 14 * len(part) + 30)
        ch = HorizontalBarChart()
        ch.x, ch.y, ch.width, ch.height = w * 0.38, 15, w * 0.58, 14 * len(part)
        ch.data = [[v for _n, v in part]]
        ch.categoryAxis.categoryNames = [n[:38] for n, _v in part]
        ch.categoryAxis.labels.fontSize = 6.5
        d.add(ch)
        charts.append(d)
    asp = Table([["Aspek", "Rata-rata"]] + [[Paragraph(n, st["Normal"]), f"{v:.2f}"] for n, v in aspek])
    asp.setStyle(grid)
    doc.build([Paragraph("LAPORAN", st["Title"]), rank, Spacer(1, 10), kat, Spacer(1, 10), *charts, asp])
    return buf.getvalue()


def main() -> int:
    rng = random.Random(7)
    path = Path(tempfile.mkdtemp()) / "bench.sqlite"
    svc = Services.open(path, device=Device(id="bench", name="bench"))
    actor = Actor(username="bench", device_id="bench", roles=frozenset({R.ADMIN}))
    svc.master.simpan_profil(actor, IsianProfil.dari({"pemerintah": "PEMERINTAH KOTA CONTOH", "perangkat_daerah": "DINAS KOMINFO",
                                   "alamat": "Jalan Contoh 1", "kota": "Contoh", "kertas": "A4"}))
    with svc.store.session(actor) as s:
        bulk_insert(s, PerangkatDaerah, [{"kode": f"U{i:02d}", "nama": f"Dinas Perangkat Daerah Nomor {i}"}
                                         for i in range(N_UNIT)], "bench")
    peg = svc.master.simpan_pegawai(actor, IsianPegawai.dari({"nama": "Ketua Tim", "nip": "198003152005011002", "jabatan": "Kepala Bidang",
                                          "boleh_ttd": "laporan,surat_keluar"}))
    inst = svc.monev.impor_templat(actor, "kip_2025")
    defn = svc.monev.definisi(inst.id)
    prog = svc.monev.buat_program(actor, "Bench laporan", inst.id, [o.id for o in svc.master.daftar_opd()])
    svc.monev.atur_tim(actor, prog.id, [(peg.id, "Ketua")])
    for n, (j, _o) in enumerate(svc.monev.daftar_jadwal(prog.id)):
        se = svc.monev.mulai_sesi(actor, j.id)
        rows = []
        for q in defn.pertanyaan():
            v = {"ya_tidak": rng.choice(["ya", "tidak"]), "level": str(rng.randint(1, 5)),
                 "pilihan": rng.choice([o.kode for o in q.opsi]) if q.opsi else None}.get(q.jenis)
            rows.append({"sesi_id": se.id, "pertanyaan": q.kode, "instrumen_id": inst.id, "instrumen_versi": 1,
                         "nilai": v, "na": False, "nilai_verifikasi": None, "catatan": "", "catatan_verifikasi": ""})
        with svc.store.session(actor) as s:
            bulk_insert(s, Jawaban, rows, "bench")
        if n % 10:
            svc.monev.atur_nilai_tahap(actor, se.id, "visitasi", rng.uniform(40, 100))
    skor = svc.monev.program_scores(prog.id)
    rows_raw = [(r.opd, float(r.total or 0)) for r in skor]
    aspek_raw = [(a.nama, 50.0) for a in defn.aspek]

    def app() -> None:
        pdf = laporan_program_pdf(svc, prog.id)
        assert pdf.startswith(b"%PDF")

    def raw() -> None:
        raw_pdf(rows_raw, aspek_raw)

    t_raw, t_app = timed(raw), timed(app)
    print(f"Laporan program {N_UNIT} unit + grafik : {t_app:7.1f} ms  (reportlab mentah {t_raw:6.1f} ms, "
          f"rasio {t_app / t_raw:4.1f}×)  {'OK' if t_app < 2000 else 'LAMBAT'}")
    svc.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
