"""Demo data for the monev room: one programme per shipped template kind, sessions across most
OPDs (many finalised, some verified), answers, evidence (small generated photos with EXIF time and
GPS, small PDFs), respondents, sanggah, rekomendasi and tindak lanjut."""

from __future__ import annotations

import json
import random
import shutil
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ppid_desktop.core import lampiran
from ppid_desktop.core.base import utcnow
from ppid_desktop.core.db import bulk_insert
from ppid_desktop.master.masukan import IsianOpd
from ppid_desktop.monev import instrumen as I
from ppid_desktop.monev.bukti import WIB, exif_info
from ppid_desktop.monev.models import Bukti, Jadwal, Jawaban, Rekomendasi, Responden, Sesi, TindakLanjut

if TYPE_CHECKING:
    from ppid_desktop.services import Services

PLAN = (
    # template, programme name, share of OPD, days before today it started, duration days
    ("kip_2025", "Monev Keterbukaan Informasi Publik Perangkat Daerah {tahun}", 0.85, 75, 90),
    ("ppid_checklist", "Monev Pelayanan Informasi Publik PPID Pelaksana {tahun}", 0.7, 40, 50),
    ("spbe_59_2020", "Evaluasi Mandiri SPBE Perangkat Daerah {tahun}", 0.5, 100, 120),
    ("pekppp_2025", "Evaluasi Pelayanan Publik (PEKPPP) Unit Layanan {tahun}", 0.35, 60, 70),
    ("monitoring_kegiatan", "Monitoring Kegiatan dan Layanan Bidang Triwulan I {tahun}", 0.2, 30, 35),
)
TEMPAT = ("Ruang rapat {s}", "Ruang kerja Sekretaris {s}", "Ruang layanan informasi {s}", "Aula {s}")
JABATAN = ("Sekretaris", "Kepala Subbagian Umum dan Kepegawaian", "Pengelola Layanan Informasi",
           "Kepala Subbagian Perencanaan", "Pranata Komputer")
REKOMENDASI = (
    "Mutakhirkan Daftar Informasi Publik dan tetapkan dengan keputusan kepala perangkat daerah.",
    "Lengkapi menu PPID di situs web dengan informasi berkala tahun berjalan.",
    "Sediakan meja layanan informasi yang mudah dijangkau, termasuk bagi penyandang disabilitas.",
    "Catat setiap permohonan informasi dalam register dan laporkan setiap triwulan ke PPID Utama.",
    "Tetapkan standar layanan dan maklumat pelayanan serta umumkan di ruang layanan.",
)


def _make_media(folder: Path, rng: random.Random, n: int = 10) -> tuple[list[Path], list[Path]]:
    from PIL import Image, ImageDraw

    photos, pdfs = [], []
    base = datetime.now(WIB).replace(microsecond=0) - timedelta(days=30)
    for i in range(n):
        colour = (rng.randint(40, 220), rng.randint(40, 220), rng.randint(40, 220))
        img = Image.new("RGB", (160, 120), colour)
        draw = ImageDraw.Draw(img)
        draw.rectangle((10, 70, 150, 110), fill=(240, 240, 240))
        draw.text((16, 78), f"Dokumentasi monev {i + 1}", fill=(20, 20, 20))
        exif = Image.Exif()
        taken = base + timedelta(days=i * 2, hours=rng.randint(0, 6))
        exif.get_ifd(0x8769)[0x9003] = taken.strftime("%Y:%m:%d %H:%M:%S")
        gps = exif.get_ifd(0x8825)
        lat_s = 19 + rng.random() * 3
        lon_m = 29 + rng.random() * 3
        gps[1], gps[2], gps[3], gps[4] = "S", (7.0, lat_s, 0.0), "E", (110.0, lon_m, 0.0)
        p = folder / f"foto_monev_{i + 1:02d}.jpg"
        img.save(p, "JPEG", quality=70, exif=exif)
        photos.append(p)
        doc = Image.new("RGB", (210, 297), (255, 255, 255))
        ImageDraw.Draw(doc).text((10, 10), f"Data dukung {i + 1}", fill=(0, 0, 0))
        d = folder / f"data_dukung_{i + 1:02d}.pdf"
        doc.save(d, "PDF")
        pdfs.append(d)
    return photos, pdfs


def _answer(q: I.Pertanyaan, mutu: float, rng: random.Random, today: date) -> tuple[str | None, bool]:
    if q.boleh_na and rng.random() < 0.12:
        return None, True
    good = rng.random() < mutu
    if q.jenis == "ya_tidak":
        return ("ya" if good else "tidak"), False
    if q.jenis == "pilihan":
        opts = sorted(q.opsi, key=lambda o: o.skor)
        k = len(opts) - 1 if good else rng.randrange(len(opts))
        if good and rng.random() < 0.3:
            k = max(0, k - 1)
        return opts[k].kode, False
    if q.jenis == "level":
        lv = max(1, min(5, round(0.8 + mutu * 3.6 + rng.uniform(-1.2, 0.9))))
        return str(lv), False
    if q.jenis == "angka":
        target = rng.choice((4, 10, 12, 20, 50, 100))
        real = round(target * min(1.2, max(0.0, rng.gauss(mutu, 0.2))), 1)
        return json.dumps({"target": float(target), "realisasi": float(real)}), False
    if q.jenis == "tanggal":
        return (today - timedelta(days=rng.randint(100, 900))).isoformat(), False
    if "kendala" in q.teks.lower():
        return (rng.choice(("Anggaran belum cair", "Keterbatasan SDM", "Jaringan internet terganggu", "Tidak ada kendala"))), False
    if "solusi" in q.teks.lower():
        return rng.choice(("Koordinasi dengan BKD", "Penjadwalan ulang", "Dukungan teknis Diskominfo", "-")), False
    return rng.choice(("Dokumen tersedia dan mutakhir.", "Perlu pembaruan konten situs.", "Sudah baik.")), False


def fill(services: Services, actor: Any, rng: random.Random, opt: Any) -> dict[str, int]:
    from ppid_desktop.core.demodata import make_nip, person_name

    m = services.monev
    counts = {"instrumen": 0, "program": 0, "sesi": 0, "jawaban": 0, "bukti": 0, "rekomendasi": 0, "tindak_lanjut": 0}
    if m.daftar_program():
        return counts
    today = opt.today or services.clock.today()
    opds = services.master.daftar_opd(include_inactive=False, jenis_unit="perangkat_daerah")
    pegawai = services.master.daftar_pegawai()
    if not opds:
        return counts
    bidang = _bidang(services, actor)
    tmp = Path(tempfile.mkdtemp(prefix="ppid-demo-monev-"))
    try:  # the clear media are removed once stored (encrypted) in the attachments folder
        photos, pdfs = _make_media(tmp, rng)
        media: dict[Path, tuple[str, Any, int]] = {}
        for p in photos + pdfs:
            media[p] = (lampiran.simpan(services.store, p), exif_info(p) if p.suffix == ".jpg" else (None, None, None),
                        p.stat().st_size)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for tpl, nama, share, start_ago, days in PLAN:
        inst = m.impor_templat(actor, tpl)
        counts["instrumen"] += 1
        defn = m.definisi(inst.id)
        n = max(2, round(len(opds) * share))
        target = bidang if tpl == "monitoring_kegiatan" and bidang else rng.sample(opds, min(n, len(opds)))
        mulai = today - timedelta(days=start_ago)
        prog = m.buat_program(actor, nama.format(tahun=today.year), inst.id, [o.id for o in target],
                              periode=str(today.year), tanggal_mulai=mulai, tanggal_selesai=mulai + timedelta(days=days),
                              dasar="Keputusan Kepala Dinas Komunikasi dan Informatika tentang Tim Monev")
        counts["program"] += 1
        if pegawai:
            tim = rng.sample(pegawai, min(4, len(pegawai)))
            m.atur_tim(actor, prog.id, [(p.id, "Ketua" if i == 0 else "Anggota") for i, p in enumerate(tim)])
        jadwal = m.daftar_jadwal(prog.id)
        step = max(1, (days - 5) // max(1, len(jadwal)))
        with services.store.session(actor) as s:
            for i, (j, opd) in enumerate(jadwal):
                row = s.get(Jadwal, j.id)
                assert row is not None
                row.tanggal = mulai + timedelta(days=3 + i * step // 1)
                while row.tanggal.weekday() >= 5:
                    row.tanggal += timedelta(days=1)
                row.jam = rng.choice(("08.30", "09.00", "10.00", "13.00"))
                row.tempat = rng.choice(TEMPAT).format(s=opd.singkatan or opd.nama)
                s.add(row)
        jadwal = m.daftar_jadwal(prog.id)
        for j, opd in jadwal:
            if j.tanggal is None or j.tanggal > today - timedelta(days=1):
                continue
            mutu = min(0.97, max(0.15, rng.gauss(0.72, 0.18)))
            sesi = m.mulai_sesi(actor, j.id)
            counts["sesi"] += 1
            start = datetime.combine(j.tanggal, time(int(j.jam[:2]), int(j.jam[3:]))).replace(tzinfo=WIB)
            jrows, brows = [], []
            for q in defn.pertanyaan():
                if not q.wajib and rng.random() < 0.4:
                    continue
                nilai, na = _answer(q, mutu, rng, today)
                ver = None
                if nilai is not None and q.berskor and rng.random() < 0.15:
                    ver, _ = _answer(q, mutu - 0.2, rng, today)
                jrows.append({"sesi_id": sesi.id, "pertanyaan": q.kode, "instrumen_id": inst.id,
                              "instrumen_versi": inst.versi, "nilai": nilai, "na": na, "nilai_verifikasi": ver,
                              "catatan": "" if rng.random() < 0.8 else "Dokumen ditunjukkan saat kunjungan.",
                              "catatan_verifikasi": "", "dijawab_at": start + timedelta(minutes=rng.randint(5, 85))})
                if q.bukti and not na and rng.random() < 0.8:
                    if q.bukti == "tautan":
                        brows.append({"sesi_id": sesi.id, "pertanyaan": q.kode, "jenis": "tautan", "sha256": "",
                                      "nama_berkas": "", "ukuran": 0, "keterangan": "",
                                      "diambil_at": None, "lat": None, "lon": None,
                                      "url": f"https://ppid.salatiga.go.id/{(opd.singkatan or opd.kode).lower().replace(' ', '')}/{q.kode.lower()}"})
                    else:
                        src = rng.choice(photos if q.bukti == "foto" else pdfs)
                        digest, (taken, lat, lon), ukuran = media[src]
                        brows.append({"sesi_id": sesi.id, "pertanyaan": q.kode, "jenis": "foto" if q.bukti == "foto" else "berkas",
                                      "sha256": digest, "nama_berkas": src.name, "ukuran": ukuran,
                                      "url": "", "diambil_at": taken, "lat": lat, "lon": lon,
                                      "keterangan": "Dokumentasi kunjungan" if q.bukti == "foto" else "Data dukung"})
            resp = []
            for k in range(rng.randint(1, 3)):
                nm, sex = person_name(rng)
                resp.append({"sesi_id": sesi.id, "nama": nm, "jabatan": f"{JABATAN[k % len(JABATAN)]} {opd.singkatan}",
                             "nip": make_nip(rng, sex), "telepon": f"0812{rng.randint(10000000, 99999999)}"})
            r = rng.random()
            with services.store.session(actor) as s:
                counts["jawaban"] += bulk_insert(s, Jawaban, jrows, "demo jawaban monev")
                counts["bukti"] += bulk_insert(s, Bukti, brows, "demo bukti monev")
                bulk_insert(s, Responden, resp, "demo narasumber monev")
                se = s.get(Sesi, sesi.id)
                jr = s.get(Jadwal, j.id)
                assert se is not None and jr is not None
                se.mulai_at = start
                se.selesai_at = start + timedelta(minutes=rng.randint(70, 110))
                if any(t.sumber == "input" for t in defn.tahap):
                    se.nilai_tahap = json.dumps({t.kode: round(min(100.0, max(30.0, rng.gauss(mutu * 100, 8))), 2)
                                                 for t in defn.tahap if t.sumber == "input"})
                jr.status = "selesai"
                if r < 0.75:
                    se.status, se.final_at, se.final_oleh = "final", se.selesai_at, actor.username
                    se.ba_nomor = services.master.nomor_berikut(s, "berita_acara", j.tanggal)
                    se.ba_tanggal = j.tanggal
                    jr.status = "difinalkan"
                    if r < 0.4:
                        se.verifikasi_at, se.verifikasi_oleh = utcnow(), actor.username
                        jr.status = "diverifikasi"
                s.add(se)
                s.add(jr)
                if r < 0.75 and mutu < 0.8:
                    rek = Rekomendasi(program_id=prog.id, opd_id=opd.id, sesi_id=sesi.id, uraian=rng.choice(REKOMENDASI),
                                      prioritas=rng.choice(("tinggi", "sedang", "rendah")))
                    s.add(rek)
                    s.flush()
                    counts["rekomendasi"] += 1
                    for _ in range(rng.randint(1, 2)):
                        st = rng.choice(("belum", "proses", "selesai"))
                        s.add(TindakLanjut(rekomendasi_id=rek.id, uraian="Menyusun dan menetapkan perbaikan sesuai rekomendasi",
                                           pic=f"Sekretaris {opd.singkatan}", tenggat=j.tanggal + timedelta(days=rng.randint(14, 60)),
                                           status=st, selesai_tanggal=today if st == "selesai" else None))
                        counts["tindak_lanjut"] += 1
    # one sanggah on a finalised KIP session
    kip = next((p for p in m.daftar_program() if p["jenis"] == "kip"), None)
    if kip:
        final = [x for x in m.daftar_sesi(kip["id"]) if x["status"] == "final"]
        if final:
            sg = m.ajukan_sanggah(actor, final[0]["id"], "Informasi berkala sudah diumumkan di situs; mohon diverifikasi ulang.",
                                  pertanyaan="JI.1.1", diajukan_oleh=f"PPID Pelaksana {final[0]['opd']}")
            m.jawab_sanggah(actor, sg.id, "diterima", "Tautan terbukti aktif saat verifikasi ulang.", nilai_baru="2")
    counts["alur"] = _alur(services, actor, rng, today)
    return counts


BIDANG = (("BID-IKP", "Bidang Informasi dan Komunikasi Publik"), ("BID-APTIKA", "Bidang Aplikasi Informatika"),
          ("BID-STATSAN", "Bidang Statistik dan Persandian"), ("SEKRETARIAT", "Sekretariat Dinas Komunikasi dan Informatika"))


def _bidang(services: Services, actor: Any) -> list[Any]:
    """The office's own bidang as evaluated units of kind ``bidang`` (seed 004): they never appear where a
    request's OPD is chosen."""
    have: list[Any] = services.master.daftar_opd(jenis_unit="bidang")
    if have:
        return have
    return [services.master.simpan_opd(actor, IsianOpd.dari({"kode": k, "nama": n, "jenis_unit": "bidang"})) for k, n in BIDANG]


def _alur(services: Services, actor: Any, rng: random.Random, today: date) -> int:
    """SOP runs on three programmes, with acts at office-hour times so the compliance view has figures."""
    m = services.monev
    plan = {"kip": ("BPN-MONEV-PI", 9), "spbe": ("PTK-MONEV-SPBE", 5), "kegiatan": ("SLG-MONEV-BIDANG", 12)}
    n = 0
    for p in m.daftar_program():
        if p["jenis"] not in plan or p["tanggal_mulai"] is None:
            continue
        kode, sampai = plan[p["jenis"]]
        t0 = datetime.combine(p["tanggal_mulai"], time(8, 0)).replace(tzinfo=WIB)
        alur = m.mulai_alur(actor, kode, program_id=p["id"], waktu=t0)
        n += 1
        for _ in range(60):
            runs = [alur.id] + [u.id for u, _n in m.alur_unit(alur.id) if u.status == "berjalan"][:3]
            progressed = False
            for rid in list(runs):
                v = m.lihat_alur(rid)
                k = v.sekarang
                if v.alur.status != "berjalan" or k is None or k.no >= sampai or (k.per_unit and v.alur.opd_id is None):
                    continue
                baku = k.waktu_baku_menit or 30
                # each run keeps its own time: the act comes a plausible while after the step became current
                t = (v.alur.langkah_at or t0) + timedelta(minutes=max(1, round(baku * rng.uniform(0.6, 1.4))))
                if t.date() >= today:
                    continue
                if k.disposisi:
                    m.disposisi(actor, rid, "Petugas Informasi PPID", "Siapkan bahan monev sesuai SOP", waktu=t)
                elif k.keputusan:
                    back = next((c for c in k.keputusan if int(c["ke"]) <= k.no), None)
                    if back is not None and rng.random() < 0.3 and not any(a.keputusan for a in k.aksi):
                        m.putuskan(actor, rid, back["label"], catatan="Perlu dilengkapi sebelum disetujui.", waktu=t)
                    else:
                        fwd = next(c for c in k.keputusan if int(c["ke"]) > k.no)
                        m.putuskan(actor, rid, fwd["label"], waktu=t)
                else:
                    m.selesaikan_langkah(actor, rid, waktu=t)
                progressed = True
            if not progressed:
                break
    return n
