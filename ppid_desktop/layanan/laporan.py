"""Laporan layanan informasi publik (Perki 1/2021 Ps. 56) for any period: figures, narrative, PDF, xlsx.

``compute(session, dari, sampai)`` -> ``LaporanLayanan`` (plain data, Qt-free; the Rekap room may reuse
it). Requests counted are those *received* in the period; time taken is measured in working days from
receipt to the written notice (``hk_pemberitahuan``). ``pdf(...)`` renders it on the office kop with
charts (reportlab.graphics); the workbook is the rekap room's ``laporan-layanan`` export (one
writer for ``ppid laporan layanan --xlsx``, the Laporan page and ``ppid ekspor laporan-layanan``).
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from ppid_desktop.core.errors import UserError
from ppid_desktop.core.tanggal import tanggal_panjang
from ppid_desktop.layanan import rules as RU  # noqa: N812
from ppid_desktop.layanan.queries import raw_connection
from ppid_desktop.naskah.masukan import IsianKonsep
from ppid_desktop.naskah.susun import daftarkan, tanda_tangan

if TYPE_CHECKING:
    from ppid_desktop.services import Services


@dataclass
class LaporanLayanan:
    dari: date
    sampai: date
    total: int = 0
    per_saluran: dict[str, int] = field(default_factory=dict)
    per_jenis_pemohon: dict[str, int] = field(default_factory=dict)
    per_keputusan: dict[str, int] = field(default_factory=dict)
    per_status: dict[str, int] = field(default_factory=dict)
    per_opd: list[dict[str, Any]] = field(default_factory=list)  # opd, total, dikabulkan, ditolak, lainnya, proses
    diputuskan: int = 0
    rata_hk: float | None = None
    median_hk: float | None = None
    maks_hk: int | None = None
    lebih_10_hk: int = 0
    lebih_17_hk: int = 0
    dijawab_tepat_waktu: int = 0  # written notice within 10 HK (17 with an extension made in time)
    dijawab_terlambat: int = 0  # written notice after that (Pasal 22(7)–(8) UU 14/2008 broken)
    diperpanjang: int = 0
    per_pasal17: dict[str, int] = field(default_factory=dict)
    keberatan_total: int = 0
    keberatan_per_alasan: dict[str, int] = field(default_factory=dict)
    keberatan_per_putusan: dict[str, int] = field(default_factory=dict)
    keberatan_terlambat_dijawab: int = 0
    keberatan_tindak_lanjut: dict[str, int] = field(default_factory=dict)  # dilaksanakan / tidak / belum_dicatat
    diserahkan: int = 0  # requests whose information was handed over
    rata_hk_pemenuhan: float | None = None  # working days from the written notice to the handover
    maks_hk_pemenuhan: int | None = None
    sengketa_total: int = 0
    sengketa_per_tahap: dict[str, int] = field(default_factory=dict)
    sengketa_per_hasil: dict[str, int] = field(default_factory=dict)
    sengketa_putusan_dilaksanakan: dict[str, int] = field(default_factory=dict)  # of KI rulings
    sengketa_melewati_100_hk: int = 0  # KI rulings later than Pasal 38's 100 working days
    pengadilan_total: int = 0  # disputes taken to PTUN/PN
    pengadilan_diputus: int = 0
    kasasi_total: int = 0
    kasasi_diputus: int = 0
    terkirim: list[dict[str, Any]] = field(default_factory=list)  # kepada, tanggal, cara of the report sent
    narasi: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from dataclasses import asdict

        d = asdict(self)
        d["dari"], d["sampai"] = self.dari.isoformat(), self.sampai.isoformat()
        return d


def compute(session: Session, dari: date, sampai: date, narasi: dict[str, str] | None = None,
            cal: Any = None) -> LaporanLayanan:
    """The report's figures. ``cal`` (the working calendar) counts the time to fulfil in working days;
    without it, in calendar days."""
    conn = raw_connection(session)
    a, b = dari.isoformat(), sampai.isoformat()
    r = LaporanLayanan(dari=dari, sampai=sampai, narasi=dict(narasi or {}))
    where = "p.deleted = 0 AND p.tanggal_diterima BETWEEN ? AND ?"

    def group(col: str) -> dict[str, int]:
        rows = conn.execute(f"SELECT {col}, count(*) FROM permohonan p WHERE {where} GROUP BY 1", (a, b))
        return {str(k or ""): int(n) for k, n in rows}

    r.per_saluran = {k: n for k, n in sorted(group("p.saluran").items(), key=lambda x: list(RU.SALURAN).index(x[0]) if x[0] in RU.SALURAN else 99)}
    r.per_jenis_pemohon = group("p.jenis_pemohon")
    r.per_status = group("p.status")
    kep = group("p.keputusan")
    r.per_keputusan = {k: kep.get(k, 0) for k in RU.KEPUTUSAN}
    r.per_keputusan["belum_diputuskan"] = sum(n for k, n in r.per_status.items() if k in RU.STATUS_TERBUKA)
    r.per_keputusan["ditarik"] = r.per_status.get(RU.DITARIK, 0)
    r.total = sum(r.per_status.values())
    r.diperpanjang = int(conn.execute(f"SELECT count(*) FROM permohonan p WHERE {where} AND p.tanggal_perpanjangan IS NOT NULL", (a, b)).fetchone()[0])

    opd_rows = conn.execute(
        "SELECT coalesce(o.nama, '(belum didisposisi)'), count(*), "
        "sum(p.keputusan IN ('dikabulkan_seluruhnya','dikabulkan_sebagian')), sum(p.keputusan = 'ditolak'), "
        "sum(p.keputusan IN ('tidak_dikuasai','belum_didokumentasikan')), "
        "sum(p.status IN ('diterima','diproses','diperpanjang')), avg(p.hk_pemberitahuan), "
        f"sum(p.tanggal_pemberitahuan IS NOT NULL AND NOT {RU.SQL_DIJAWAB_TERLAMBAT}), sum({RU.SQL_DIJAWAB_TERLAMBAT}) "
        f"FROM permohonan p LEFT JOIN perangkat_daerah o ON o.id = p.opd_id WHERE {where} GROUP BY 1 ORDER BY 2 DESC, 1",
        (a, b),
    )
    r.per_opd = [{"opd": o, "total": int(n), "dikabulkan": int(g or 0), "ditolak": int(t or 0), "tidak_dapat": int(x or 0),
                  "proses": int(pr or 0), "rata_hk": round(float(avg), 1) if avg is not None else None,
                  "dijawab_tepat_waktu": int(tw or 0), "dijawab_terlambat": int(tl or 0)}
                 for o, n, g, t, x, pr, avg, tw, tl in opd_rows]
    r.dijawab_tepat_waktu = sum(o["dijawab_tepat_waktu"] for o in r.per_opd)
    r.dijawab_terlambat = sum(o["dijawab_terlambat"] for o in r.per_opd)

    hk = [int(x) for (x,) in conn.execute(f"SELECT p.hk_pemberitahuan FROM permohonan p WHERE {where} AND p.hk_pemberitahuan IS NOT NULL", (a, b))]
    r.diputuskan = len(hk)
    if hk:
        r.rata_hk = round(statistics.fmean(hk), 1)
        r.median_hk = float(statistics.median(hk))
        r.maks_hk = max(hk)
        r.lebih_10_hk = sum(1 for x in hk if x > RU.HK_PEMBERITAHUAN)
        r.lebih_17_hk = sum(1 for x in hk if x > RU.HK_PEMBERITAHUAN + RU.HK_PERPANJANGAN)

    pemenuhan = []
    for pb, serah in conn.execute(f"SELECT p.tanggal_pemberitahuan, p.tanggal_penyerahan FROM permohonan p WHERE {where} "
                                  "AND p.tanggal_penyerahan IS NOT NULL AND p.tanggal_pemberitahuan IS NOT NULL", (a, b)):
        d1, d2 = date.fromisoformat(str(pb)[:10]), date.fromisoformat(str(serah)[:10])
        pemenuhan.append(cal.workdays_between(d1, d2) if cal is not None else (d2 - d1).days)
    r.diserahkan = len(pemenuhan)
    if pemenuhan:
        r.rata_hk_pemenuhan = round(statistics.fmean(pemenuhan), 1)
        r.maks_hk_pemenuhan = max(pemenuhan)

    pasal: Counter[str] = Counter()
    for (csv,) in conn.execute(f"SELECT p.pasal17 FROM permohonan p WHERE {where} AND p.keputusan = 'ditolak'", (a, b)):
        pasal.update(h for h in (csv or "").split(",") if h)
    r.per_pasal17 = {h: pasal[h] for h in RU.PASAL_17 if pasal[h]}

    kw = "k.deleted = 0 AND k.tanggal_diterima BETWEEN ? AND ?"
    alasan: Counter[str] = Counter()
    putusan: Counter[str] = Counter()
    tindak: Counter[str] = Counter()
    for csv, put, status, tgl_t, tenggat, tl in conn.execute(
        f"SELECT k.alasan, k.putusan, k.status, k.tanggal_tanggapan, k.tenggat_jawaban, k.tindak_lanjut "
        f"FROM keberatan k WHERE {kw}", (a, b)
    ):
        r.keberatan_total += 1
        if put:
            tindak[tl or "belum_dicatat"] += 1
        alasan.update(h for h in (csv or "").split(",") if h)
        putusan[put or ("ditarik" if status == RU.K_DITARIK else "belum_diputus")] += 1
        if tgl_t and tgl_t > tenggat:
            r.keberatan_terlambat_dijawab += 1
    r.keberatan_per_alasan = {h: alasan[h] for h in RU.PASAL_35 if alasan[h]}
    r.keberatan_per_putusan = dict(putusan)
    r.keberatan_tindak_lanjut = dict(tindak)

    sw = "s.deleted = 0 AND s.tanggal_diajukan BETWEEN ? AND ?"
    dilaksanakan: Counter[str] = Counter()
    for tahap, hm, ha, tgl_put, batas_ki, dil, aju_pn, put_pn, kas, put_kas in conn.execute(
            "SELECT s.tahap, s.hasil_mediasi, s.hasil_ajudikasi, s.tanggal_putusan, s.batas_ki, s.putusan_dilaksanakan, "
            "s.tanggal_diajukan_pengadilan, s.tanggal_putusan_pengadilan, s.tanggal_kasasi, s.tanggal_putusan_kasasi "
            f"FROM sengketa s WHERE {sw}", (a, b)):
        r.sengketa_total += 1
        if tgl_put:
            dilaksanakan[dil or "belum_dicatat"] += 1
            if batas_ki and str(tgl_put) > str(batas_ki):
                r.sengketa_melewati_100_hk += 1
        r.pengadilan_total += bool(aju_pn)
        r.pengadilan_diputus += bool(put_pn)
        r.kasasi_total += bool(kas)
        r.kasasi_diputus += bool(put_kas)
        r.sengketa_per_tahap[tahap] = r.sengketa_per_tahap.get(tahap, 0) + 1
        hasil = ha or hm or ""
        if hasil:
            r.sengketa_per_hasil[hasil] = r.sengketa_per_hasil.get(hasil, 0) + 1
    r.sengketa_putusan_dilaksanakan = dict(dilaksanakan)
    for kepada, tgl, cara in conn.execute(
            "SELECT kepada, tanggal, cara FROM pengiriman_laporan WHERE deleted = 0 AND dari = ? AND sampai = ? "
            "ORDER BY tanggal", (a, b)):
        r.terkirim.append({"kepada": kepada, "tanggal": str(tgl)[:10], "cara": cara})
    return r


TINDAK_LANJUT_LAPORAN = {"dilaksanakan": "Dilaksanakan", "tidak_dilaksanakan": "Tidak dilaksanakan",
                         "belum_dicatat": "Belum dicatat"}


# ------------------------------------------------------------------ rendering helpers
def _rows_labelled(d: dict[str, int], labels: dict[str, str], total: int | None = None) -> list[list[object]]:
    out: list[list[object]] = []
    for k, n in d.items():
        pct = f"{100 * n / total:.1f}%".replace(".", ",") if total else ""
        out.append([labels.get(k, k or "-"), n, pct])
    return out


KEPUTUSAN_LAPORAN = {**RU.KEPUTUSAN, "belum_diputuskan": "Belum diputuskan (dalam proses)", "ditarik": "Ditarik pemohon"}
PUTUSAN_KEBERATAN_LAPORAN = {**RU.PUTUSAN_KEBERATAN, "belum_diputus": "Belum diputus", "ditarik": "Ditarik"}


def _fmt(x: float | int | None) -> str:
    if x is None:
        return "-"
    return f"{x:g}".replace(".", ",")


def periode_teks(r: LaporanLayanan) -> str:
    return f"Periode {tanggal_panjang(r.dari)} s.d. {tanggal_panjang(r.sampai)}"


def pdf(instansi: Any, r: LaporanLayanan, ttd: Any = None, *, nomor: str | None = None, kepada: str = "",
        paraf: Any = ()) -> bytes:
    """The report on the office kop: narrative sections, tables and two charts. ``nomor`` (the agenda letter
    that sends it out: its number, or the draft's "(diberikan saat ditandatangani)") and ``kepada`` print
    under the title; ``paraf`` beside the signature. Without ``nomor``: the internal, un-numbered report."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.charts.piecharts import Pie
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Table

    from ppid_desktop.dokumen import DocumentKit, esc
    from ppid_desktop.layanan.service import NARASI_BAGIAN

    kit = DocumentKit(instansi)

    def tabel(kolom: list[str], rows: list[list[object]], lebar: list[float]) -> Table:
        # Column widths from the content (no word or number split, numbers right-aligned): the kit's rule.
        t = kit.tabel_data(kolom, rows or [["Tidak ada data"] + [""] * (len(kolom) - 1)])  # lebar: no longer needed
        t.spaceAfter = kit.leading * 0.6
        return t

    palette = [colors.HexColor(c) for c in ("#1f4e79", "#2e75b6", "#9dc3e6", "#c55a11", "#f4b183", "#548235", "#a9d18e", "#7f7f7f")]

    def bar_chart(title: str, data: dict[str, int], labels: dict[str, str]) -> Drawing:
        items = [(labels.get(k, k), v) for k, v in data.items() if v]
        h = 22 * mm + 7 * mm * max(len(items), 1)
        d = Drawing(kit.lebar, h)
        d.add(String(0, h - 10, title, fontName=kit.font.bold, fontSize=9))
        if items:
            c = HorizontalBarChart()
            c.x, c.y, c.width, c.height = 60 * mm, 8 * mm, kit.lebar - 75 * mm, h - 24 * mm
            c.data = [[v for _, v in reversed(items)]]
            c.categoryAxis.categoryNames = [lbl[:40] for lbl, _ in reversed(items)]
            c.categoryAxis.labels.fontName = kit.font.normal
            c.categoryAxis.labels.fontSize = 7.5
            c.valueAxis.labels.fontName = kit.font.normal
            c.valueAxis.labels.fontSize = 7
            c.valueAxis.valueMin = 0
            c.bars[0].fillColor = palette[1]
            c.barLabelFormat = "%d"
            c.barLabels.fontName = kit.font.normal
            c.barLabels.fontSize = 7
            c.barLabels.nudge = 8
            d.add(c)
        return d

    def pie_chart(title: str, data: dict[str, int], labels: dict[str, str]) -> Drawing:
        items = [(labels.get(k, k), v) for k, v in data.items() if v]
        d = Drawing(kit.lebar, 62 * mm)
        d.add(String(0, 62 * mm - 10, title, fontName=kit.font.bold, fontSize=9))
        if items:
            p = Pie()
            p.x, p.y, p.width, p.height = 8 * mm, 6 * mm, 44 * mm, 44 * mm
            p.data = [v for _, v in items]
            p.labels = None
            for i in range(len(items)):
                p.slices[i].fillColor = palette[i % len(palette)]
                p.slices[i].strokeColor = colors.white
            d.add(p)
            total = sum(v for _, v in items)
            for i, (lbl, v) in enumerate(items):
                y = 50 * mm - i * 6 * mm
                from reportlab.graphics.shapes import Rect

                d.add(Rect(62 * mm, y, 4 * mm, 4 * mm, fillColor=palette[i % len(palette)], strokeColor=None))
                d.add(String(68 * mm, y + 1, f"{lbl}: {v} ({100 * v / total:.1f}%)".replace(".", ","),
                             fontName=kit.font.normal, fontSize=8))
        return d

    story = kit.kop()
    story += kit.blok_judul("Laporan Layanan Informasi Publik", nomor=nomor or "",
                            subjudul=[instansi.perangkat_daerah, periode_teks(r)])
    if kepada.strip():
        tujuan = [k.strip() for k in kepada.split(";") if k.strip()]
        story.append(kit.kv_table([("Kepada Yth.", "<br/>".join(esc(k) for k in tujuan))]))
    narasi = r.narasi or {}

    def bagian(no: str, judul: str) -> None:
        story.append(kit.judul_bagian(f"{no}. {esc(judul)}"))

    def teks(key: str) -> None:
        isi = (narasi.get(key) or "").strip()
        for para in (isi.split("\n\n") if isi else ["(belum diisi)"]):
            story.append(kit.p(esc(para).replace("\n", "<br/>")))

    bagian("I", NARASI_BAGIAN["kebijakan"])
    teks("kebijakan")
    bagian("II", NARASI_BAGIAN["pelaksanaan"])
    teks("pelaksanaan")
    bagian("III", "Rincian pelayanan informasi publik")
    story.append(kit.p(
        f"Selama periode ini diterima <b>{r.total}</b> permohonan informasi; {r.diputuskan} telah diberi pemberitahuan "
        f"tertulis dengan waktu rata-rata <b>{_fmt(r.rata_hk)}</b> hari kerja (median {_fmt(r.median_hk)}, terlama "
        f"{_fmt(r.maks_hk)}). Sebanyak {r.diperpanjang} permohonan diperpanjang; {r.lebih_10_hk} dijawab lebih dari "
        f"10 hari kerja dan {r.lebih_17_hk} lebih dari 17 hari kerja. Pemberitahuan tepat waktu: "
        f"<b>{r.dijawab_tepat_waktu}</b>; terlambat (melewati 10 hari kerja, atau 17 bila diperpanjang tepat waktu): "
        f"<b>{r.dijawab_terlambat}</b>."))
    story.append(KeepTogether([kit.teks("Tabel 1. Permohonan menurut saluran", "tebal"),
                               tabel(["Saluran", "Jumlah", "%"], _rows_labelled(r.per_saluran, RU.SALURAN, r.total), [6, 2, 2])]))
    story.append(bar_chart("Grafik 1. Permohonan menurut saluran", r.per_saluran, RU.SALURAN))
    story.append(KeepTogether([kit.teks("Tabel 2. Permohonan menurut jenis pemohon", "tebal"),
                               tabel(["Jenis pemohon", "Jumlah", "%"], _rows_labelled(r.per_jenis_pemohon, RU.JENIS_PEMOHON, r.total), [6, 2, 2])]))
    story.append(KeepTogether([kit.teks("Tabel 3. Keputusan atas permohonan", "tebal"),
                               tabel(["Keputusan", "Jumlah", "%"], _rows_labelled(r.per_keputusan, KEPUTUSAN_LAPORAN, r.total), [6, 2, 2])]))
    story.append(pie_chart("Grafik 2. Keputusan atas permohonan", r.per_keputusan, KEPUTUSAN_LAPORAN))
    story.append(kit.teks("Tabel 4. Permohonan menurut perangkat daerah (PPID Pelaksana)", "tebal"))
    story.append(tabel(["Perangkat daerah", "Jumlah", "Dikabulkan", "Ditolak", "Tidak dapat diberikan", "Dalam proses",
                        "Rata-rata HK", "Dijawab tepat waktu", "Dijawab terlambat"],
                       [[o["opd"], o["total"], o["dikabulkan"], o["ditolak"], o["tidak_dapat"], o["proses"], _fmt(o["rata_hk"]),
                         o["dijawab_tepat_waktu"], o["dijawab_terlambat"]] for o in r.per_opd],
                       [6, 1.5, 1.8, 1.5, 2, 1.7, 1.6, 1.8, 1.8]))
    story.append(KeepTogether([kit.teks("Tabel 5. Waktu pemberitahuan tertulis (hari kerja)", "tebal"), tabel(
        ["Ukuran", "Nilai"],
        [["Permohonan yang telah diberi pemberitahuan", r.diputuskan], ["Rata-rata", _fmt(r.rata_hk)],
         ["Median", _fmt(r.median_hk)], ["Terlama", _fmt(r.maks_hk)], ["Diperpanjang", r.diperpanjang],
         ["Lebih dari 10 hari kerja", r.lebih_10_hk], ["Lebih dari 17 hari kerja (melampaui batas)", r.lebih_17_hk],
         ["Dijawab tepat waktu", r.dijawab_tepat_waktu],
         ["Dijawab terlambat (lewat 10 hari kerja, atau 17 bila diperpanjang tepat waktu)", r.dijawab_terlambat]], [7, 3])]))
    story.append(kit.p(
        f"Informasi diserahkan untuk {r.diserahkan} permohonan; waktu pemenuhan (pemberitahuan tertulis sampai "
        f"informasi diserahkan) rata-rata <b>{_fmt(r.rata_hk_pemenuhan)}</b> hari kerja, terlama "
        f"{_fmt(r.maks_hk_pemenuhan)}."))
    story.append(KeepTogether([kit.teks("Tabel 6. Penolakan menurut alasan pengecualian (Pasal 17 UU 14/2008)", "tebal"), tabel(
        ["Huruf", "Alasan", "Jumlah"], [[h, RU.PASAL_17[h], n] for h, n in r.per_pasal17.items()], [1, 8, 1.5])]))
    bagian("IV", "Rincian keberatan dan penyelesaian sengketa informasi")
    story.append(kit.p(f"Keberatan yang diterima: <b>{r.keberatan_total}</b>; dijawab melewati 30 hari kerja: "
                       f"{r.keberatan_terlambat_dijawab}. Sengketa informasi yang diajukan ke Komisi Informasi: "
                       f"<b>{r.sengketa_total}</b>."))
    story.append(KeepTogether([kit.teks("Tabel 7. Keberatan menurut alasan (Pasal 35 ayat (1))", "tebal"), tabel(
        ["Huruf", "Alasan", "Jumlah"], [[h, RU.PASAL_35[h], n] for h, n in r.keberatan_per_alasan.items()], [1, 8, 1.5])]))
    story.append(KeepTogether([kit.teks("Tabel 8. Keberatan menurut putusan Atasan PPID", "tebal"), tabel(
        ["Putusan", "Jumlah"], [[PUTUSAN_KEBERATAN_LAPORAN.get(k, k), n] for k, n in r.keberatan_per_putusan.items()], [8, 2])]))
    story.append(KeepTogether([kit.teks("Tabel 9. Sengketa informasi menurut tahap dan hasil", "tebal"), tabel(
        ["Tahap / hasil", "Jumlah"],
        [[RU.TAHAP_SENGKETA.get(k, k), n] for k, n in r.sengketa_per_tahap.items()]
        + [[RU.HASIL_SENGKETA.get(k, k), n] for k, n in r.sengketa_per_hasil.items()], [8, 2])]))
    story.append(KeepTogether([kit.teks("Tabel 10. Tindak lanjut jawaban keberatan, putusan Komisi Informasi dan "
                                        "perkara di pengadilan", "tebal"), tabel(
        ["Ukuran", "Jumlah"],
        [[f"Jawaban keberatan: {TINDAK_LANJUT_LAPORAN.get(k, k).lower()}", n] for k, n in r.keberatan_tindak_lanjut.items()]
        + [[f"Putusan Komisi Informasi: {TINDAK_LANJUT_LAPORAN.get(k, k).lower()}", n]
           for k, n in r.sengketa_putusan_dilaksanakan.items()]
        + [["Putusan Komisi Informasi melewati 100 hari kerja", r.sengketa_melewati_100_hk],
           ["Diajukan ke PTUN/PN", r.pengadilan_total], ["Diputus PTUN/PN", r.pengadilan_diputus],
           ["Kasasi ke Mahkamah Agung", r.kasasi_total], ["Diputus kasasi", r.kasasi_diputus]], [8, 2])]))
    bagian("V", NARASI_BAGIAN["kendala"])
    teks("kendala")
    bagian("VI", NARASI_BAGIAN["rekomendasi"])
    teks("rekomendasi")
    if ttd is not None:
        story.append(kit.baris_kosong(1))
        story.append(kit.ttd_kanan(ttd, paraf=paraf))
    return kit.build(story, judul="Laporan Layanan Informasi Publik", subjek=nomor or periode_teks(r))


def laporan(services: Services, actor: Any, dari: date, sampai: date) -> LaporanLayanan:
    """Compute the report with the stored narrative of the period."""
    from ppid_desktop.core.audit import log_event

    narasi = services.layanan.narasi(dari, sampai)
    cal, _ = services.layanan.kalender(dari, sampai)
    with services.store.read() as s:
        r = compute(s, dari, sampai, narasi, cal)
    with services.store.session(actor) as s:
        log_event(s, actor, "export", "laporan_layanan", None, periode_teks(r))
    return r


def penandatangan(services: Services) -> Any:
    from ppid_desktop.dokumen import TandaTangan

    rows = services.master.daftar_pegawai(boleh_ttd="laporan") or services.master.daftar_pegawai(boleh_ttd="pemberitahuan")
    return TandaTangan(pejabat=services.master.pejabat(rows[0]), tanggal=services.clock.today()) if rows else None


# ------------------------------------------------------------------ the report that goes out: an agenda letter
PREFIX = "layanan.laporan"
KEPADA_BAKU = "Atasan PPID; Komisi Informasi"


def sumber(dari: date, sampai: date) -> str:
    """The agenda ``sumber`` of the report of ``dari``–``sampai`` (one letter per period)."""
    return f"{PREFIX}:{dari.isoformat()}:{sampai.isoformat()}"


def naskah(services: Services, dari: date, sampai: date) -> Any | None:
    """The agenda letter of this period's report, if one was drafted (cancelled ones excluded)."""
    agenda = getattr(services, "agenda", None)
    return agenda.dari_sumber(sumber(dari, sampai)) if agenda is not None else None


def konsep(services: Services, actor: Any, dari: date, sampai: date, kepada: str = "") -> Any:
    """The report as an outgoing letter (to the Atasan PPID / Komisi Informasi): the agenda draft of the
    period, created once (kind ``laporan``: the office's paraf chain, number only at signature, then the
    frozen PDF). ``ppid laporan layanan`` keeps printing the internal un-numbered report."""
    from ppid_desktop.akun import roles as R  # noqa: N812
    from ppid_desktop.core.errors import ValidationError

    R.require(actor, R.LAYANAN_CATAT)
    if sampai < dari:
        raise ValidationError({"sampai": "Akhir periode tidak boleh sebelum awal periode."})
    agenda = getattr(services, "agenda", None)
    if agenda is None:
        raise UserError("Agenda surat (Naskah & Arsip) tidak tersedia.")
    pj = penandatangan(services)
    rows = services.master.daftar_pegawai(boleh_ttd="laporan") or services.master.daftar_pegawai(boleh_ttd="pemberitahuan")
    data = {"jenis": "laporan", "hal": f"Laporan Layanan Informasi Publik {periode_teks_tanggal(dari, sampai)}",
            "kepada": (kepada.strip() or KEPADA_BAKU)[:200], "penandatangan_id": rows[0].id if rows else None,
            "penandatangan": pj.pejabat.nama if pj is not None else "",
            "ringkasan": f"Laporan layanan informasi publik {periode_teks_tanggal(dari, sampai)} (dihitung dari register "
                         "saat dicetak; dibekukan saat ditandatangani)."}
    return agenda.pastikan_konsep(actor, sumber(dari, sampai), IsianKonsep.dari(data))


def cetak_naskah(services: Services, actor: Any, dari: date, sampai: date, kepada: str = "") -> bytes:
    """The report letter as the agenda prints it: the draft without a number (consumes nothing), or the
    frozen signed PDF."""
    surat = konsep(services, actor, dari, sampai, kepada)
    data: bytes = services.agenda.cetak(surat.id)
    return data


def catatan_pengiriman(services: Services, dari: date, sampai: date) -> str:
    """What the "report sent" record notes about the letter: its number once signed (the record of
    #12 then points at the agenda letter), else why it is not a numbered letter yet."""
    row = naskah(services, dari, sampai)
    if row is None:
        return ""
    if row.nomor:
        return f"Surat laporan nomor {row.nomor} tanggal {row.tanggal.isoformat() if row.tanggal else '-'}."
    return "Surat laporan masih konsep di agenda (belum bernomor)."


def periode_teks_tanggal(dari: date, sampai: date) -> str:
    return f"Periode {tanggal_panjang(dari)} s.d. {tanggal_panjang(sampai)}"


def _susun(services: Services, c: Any) -> bytes:
    """The agenda's composer for ``layanan.laporan:<dari>:<sampai>``: the report computed now (a draft) or
    at signature (then frozen), with the letter's number, addressees, signer, date and paraf."""
    parts = c.surat.sumber.split(":")
    if len(parts) != 3:
        raise UserError(f"Sumber surat '{c.surat.sumber}' tidak dikenali.")
    try:
        dari, sampai = date.fromisoformat(parts[1]), date.fromisoformat(parts[2])
    except ValueError:
        raise UserError(f"Sumber surat '{c.surat.sumber}' tidak dikenali.") from None
    narasi = services.layanan.narasi(dari, sampai)
    cal, _ = services.layanan.kalender(dari, sampai)
    with services.store.read() as s:
        r = compute(s, dari, sampai, narasi, cal)
    ins = services.master.instansi()
    ttd = replace(tanda_tangan(c, ins), tanggal=c.tanggal)
    return pdf(ins, r, ttd, nomor=c.nomor, kepada=c.surat.kepada, paraf=c.paraf)


daftarkan(PREFIX, _susun)
