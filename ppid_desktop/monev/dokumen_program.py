"""Programme-level monev documents (PDF bytes through the document kit).

- ``sk_tim_pdf``: SK Tim Monev in the keputusan layout (Menimbang, Mengingat, MEMUTUSKAN, Menetapkan,
  KESATU…, signature, lampiran with the team).
- ``pemberitahuan_per_unit_pdf``: the surat pemberitahuan, one letter per unit (batch), each addressed
  to the head of that unit, with its own schedule line, then a tanda terima with one line per addressee.
- ``undangan_pdf``: undangan rapat persiapan/koordinasi with a daftar hadir and a notulen sheet.
- ``laporan_program_pdf``: the report of the whole programme (how the final score is made, ranking of
  final results, incomplete ones apart, categories, a bar chart, per-aspek table, findings,
  recommendations, SPBE instansi index where it applies, SOP compliance).
- ``laporan_solusi_pdf``: laporan hasil analisa dan solusi permasalahan (seed 004) from the run's notes.
- ``ba_evaluasi_mandiri_pdf``: BA Evaluasi Mandiri SPBE of the instansi, signed by the Sekda.
- ``proposal_pdf``: Proposal/KAK monev (seed 000 step 3): background with the SOP's legal basis, aims,
  scope, schedule, team, outputs (the documents the SOP's steps produce), budget; proposed by the
  Ketua Tim, approved by the Kepala.
- ``notulen_pdf``: notulen of the rapat koordinasi as held (points from the agenda draft), then daftar hadir.
- ``permintaan_data_pdf``: surat permintaan data / evaluasi mandiri (seed 002), one letter per unit
  (batch) with the deadline (``batas_permintaan``) and how to send the workbook back, then a tanda terima.
Numbers: letters routed through the agenda print their agenda number (``monev.surat``); the others
print a blank number line to be filled at signature.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import TYPE_CHECKING, Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable

from ppid_desktop.core.errors import UserError
from ppid_desktop.core.tanggal import tanggal_hari, tanggal_kata, tanggal_panjang
from ppid_desktop.dokumen import DocumentKit, Pejabat, TandaTangan, esc, format_nip, pangkat_golongan
from ppid_desktop.dokumen.tanda_terima import grid as _grid
from ppid_desktop.dokumen.tanda_terima import tanda_terima
from ppid_desktop.monev.dokumen import _n, _penandatangan, _program, ttd_sejajar
from ppid_desktop.monev.skor import bobot_teks

if TYPE_CHECKING:
    from ppid_desktop.services import Services

NBSP = "\u00a0"


def _nip(nip: str) -> str:
    """A NIP that never breaks across lines."""
    return format_nip(nip).replace(" ", NBSP)


def _kepala(nama: str) -> str:
    return nama if nama.lower().startswith("kepala") else f"Kepala {nama}"


def _ketua(services: Services, program_id: str) -> Pejabat:
    tim = services.monev.daftar_tim(program_id)
    ketua = next((p for t, p in tim if t.peran == "Ketua"), tim[0][1] if tim else None)
    if ketua is not None:
        pj: Pejabat = services.master.pejabat(ketua)
        return pj
    return _penandatangan(services, "laporan", "surat_keluar")


def sk_tim_pdf(services: Services, program_id: str, tanggal: date | None = None, nomor: str = " ",
               penandatangan: Pejabat | None = None) -> bytes:
    """SK Tim Monev in the keputusan layout (``dokumen.keputusan``, the same renderer as a keputusan
    typed in Naskah & Arsip), with the team in the lampiran."""
    from ppid_desktop.dokumen.keputusan import story_keputusan

    prog, jadwal, tim = _program(services, program_id)
    if not tim:
        raise UserError("Tim Monev program ini belum diisi: SK Tim Monev memerlukan susunan tim.")
    ins = services.master.instansi()
    kit = DocumentKit(ins)
    pj = penandatangan or _penandatangan(services, "keputusan", "surat_keluar")
    tgl = tanggal or services.clock.today()
    jabatan = pj.jabatan or f"Kepala {ins.perangkat_daerah}"
    tentang = f"PEMBENTUKAN TIM MONITORING DAN EVALUASI {prog.nama.upper()}"
    menimbang = [
        f"bahwa dalam rangka pelaksanaan {esc(prog.nama)} perlu dilakukan monitoring dan evaluasi terhadap "
        f"{len(jadwal)} unit sasaran;",
        "bahwa untuk kelancaran pelaksanaan monitoring dan evaluasi sebagaimana dimaksud dalam huruf a, perlu "
        "membentuk Tim Monitoring dan Evaluasi;",
        "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan Keputusan "
        f"{esc(pj.jabatan or 'Kepala')} tentang Pembentukan Tim Monitoring dan Evaluasi;",
    ]
    dasar = [esc(prog.dasar)] if prog.dasar else []
    dasar += ["Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik;",
              "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;",
              "Peraturan Komisi Informasi Nomor 1 Tahun 2021 tentang Standar Layanan Informasi Publik;"]
    diktum = [
        ("KESATU", f"Membentuk Tim Monitoring dan Evaluasi {esc(prog.nama)} dengan susunan sebagaimana tercantum "
                   "dalam Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan ini."),
        ("KEDUA", "Tim sebagaimana dimaksud dalam Diktum KESATU bertugas menyusun instrumen dan jadwal, melaksanakan "
                  "monitoring dan evaluasi, menyusun berita acara dan laporan hasil, serta menyampaikan rekomendasi."),
        ("KETIGA", "Segala biaya yang timbul sebagai akibat ditetapkannya Keputusan ini dibebankan pada anggaran "
                   f"{esc(ins.perangkat_daerah.title())}."),
        ("KEEMPAT", "Keputusan ini mulai berlaku pada tanggal ditetapkan."),
    ]
    anggota = [[str(i), f"<b>{esc(p.nama)}</b><br/>NIP{NBSP}{esc(_nip(p.nip) or '-')}",
                esc(pangkat_golongan(p.pangkat, p.golongan) or "-"), esc(p.jabatan), esc(t.peran)]
               for i, (t, p) in enumerate(tim, 1)]
    lampiran: list[Flowable] = [
        kit.p(f"<b>SUSUNAN TIM MONITORING DAN EVALUASI {esc(prog.nama.upper())}</b>", alignment=1),
        _grid(kit, ["No", "Nama / NIP", "Pangkat (Gol.)", "Jabatan", "Kedudukan dalam Tim"], anggota,
              [6, 34, 18, 27, 15], ["tengah"]),
    ]
    story = story_keputusan(kit, jabatan=jabatan, nomor=nomor, tentang=tentang, menimbang=menimbang, mengingat=dasar,
                            diktum=diktum, ttd=TandaTangan(pejabat=pj, tanggal=tgl, label="Ditetapkan di " + (ins.kota or "")),
                            lampiran=lampiran, keterangan_lampiran=f"Lampiran Keputusan {pj.jabatan}", tanggal=tgl)
    return kit.build(story, judul=f"SK Tim Monev {prog.nama}")


def pemberitahuan_per_unit_pdf(services: Services, program_id: str, opd_ids: list[str] | None = None) -> bytes:
    """One surat pemberitahuan per target unit (batch), each to that unit's head."""
    from ppid_desktop.monev import surat

    prog, jadwal, _ = _program(services, program_id)
    ins = services.master.instansi()
    kit = DocumentKit(ins)
    c = surat.nomor_cetak(surat.surat_program(services, program_id, "pemberitahuan"))
    pj = _penandatangan(services, "surat_keluar", "surat_tugas", pegawai_id=c.penandatangan_id)
    tgl = c.tanggal or services.clock.today()
    defn = services.monev.definisi(prog.instrumen_id)
    story: list[Flowable] = []
    rows = [(j, o) for j, o in jadwal if not opd_ids or o.id in opd_ids]
    if not rows:
        raise UserError("Tidak ada unit sasaran untuk diberi surat pemberitahuan.")
    for i, (j, o) in enumerate(rows):
        waktu = (f"pada hari {tanggal_hari(j.tanggal)}" + (f" pukul {j.jam} WIB" if j.jam else "")) if j.tanggal else \
            "pada waktu yang akan diberitahukan kemudian"
        isi = [
            kit.p(f"Dalam rangka pelaksanaan {esc(prog.nama)}, Tim Monitoring dan Evaluasi akan melaksanakan kunjungan "
                  f"ke {esc(o.nama)} {esc(waktu)}" + (f" bertempat di {esc(j.tempat)}" if j.tempat else "") + "."),
            kit.p(f"Kunjungan berlangsung ± {prog.durasi_menit or defn.durasi_menit} menit dengan instrumen "
                  f"<i>{esc(defn.nama)}</i>. Mohon Saudara menugaskan PPID Pelaksana beserta pejabat terkait sebagai "
                  "narasumber serta menyiapkan dokumen dan bukti dukung yang diperlukan."),
            kit.p("Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih."),
        ]
        if i:
            story.append(kit.halaman_baru())
        story += kit.story_surat(nomor=c.nomor, hal=f"Pemberitahuan {prog.nama}", lampiran="-",
                                 kepada=[f"Kepala {o.nama}" if not o.nama.lower().startswith("kepala") else o.nama],
                                 di=ins.kota, isi=isi, ttd=TandaTangan(pejabat=pj, tanggal=tgl), tanggal=tgl)
    story += tanda_terima(kit, c.nomor, tgl, f"Pemberitahuan {prog.nama}", [_kepala(o.nama) for _j, o in rows])
    return kit.build(story, judul=f"Pemberitahuan {prog.nama}")


def undangan_pdf(services: Services, program_id: str, tanggal: date | None = None, nomor: str = " ",
                penandatangan: Pejabat | None = None) -> bytes:
    """Undangan rapat (persiapan/koordinasi) to the target units, with daftar hadir and notulen."""
    prog, jadwal, tim = _program(services, program_id)
    ins = services.master.instansi()
    kit = DocumentKit(ins)
    pj = penandatangan or _penandatangan(services, "surat_keluar", "surat_tugas")
    tgl = tanggal or services.clock.today()
    rapat = prog.tanggal_mulai or tgl
    isi = [
        kit.p(f"Dalam rangka persiapan dan koordinasi {esc(prog.nama)}, dengan hormat kami mengundang Saudara "
              "untuk hadir pada:"),
        kit.kv_table([("Hari, tanggal", esc(tanggal_hari(rapat))), ("Waktu", "09.00 WIB s.d. selesai"),
                      ("Tempat", esc(ins.alamat or "-")), ("Acara", f"Rapat koordinasi {esc(prog.nama)}")], indent_mm=10),
        kit.p("Mengingat pentingnya acara tersebut, dimohon kehadiran Saudara tepat pada waktunya. Demikian disampaikan, "
              "atas perhatiannya diucapkan terima kasih."),
    ]
    peserta, tercatat = _peserta(services, program_id)
    lampiran: list[Flowable] = [
        *_daftar_hadir(kit, prog, rapat, peserta, tercatat),
        kit.halaman_baru(),
        kit.p("<b>NOTULEN RAPAT</b>", alignment=1),
        kit.kv_table([("Acara", f"Rapat koordinasi {esc(prog.nama)}"), ("Hari, tanggal", esc(tanggal_hari(rapat))),
                      ("Pimpinan rapat", " "), ("Notulis", " "), ("Peserta", f"{len(peserta)} orang (daftar hadir terlampir)")]),
        kit.p("<b>Pembahasan dan kesimpulan:</b>"),
        _grid(kit, ["No", "Pokok bahasan", "Hasil / tindak lanjut"], [[str(i), " <br/><br/><br/>", " "] for i in range(1, 6)],
              [6, 40, 54], ["tengah"]),
        *tanda_terima(kit, nomor, tanggal, f"Undangan Rapat Koordinasi {prog.nama}", [_kepala(o.nama) for _j, o in jadwal]),
    ]
    return kit.surat(nomor=nomor, hal=f"Undangan Rapat Koordinasi {prog.nama}", lampiran="2 (dua) lembar",
                     kepada=["Kepala Perangkat Daerah/Unit (daftar terlampir)"], di=ins.kota, isi=isi,
                     ttd=TandaTangan(pejabat=pj, tanggal=tgl), tanggal=tgl, halaman_lampiran=lampiran)


def _peserta(services: Services, program_id: str) -> tuple[list[Any], bool]:
    """Who attends the rapat (``monev.rapat``): the recorded attendance, else the invitation's addressees
    (the team by name, one representative line per target unit)."""
    from ppid_desktop.monev.rapat import daftar_hadir

    return daftar_hadir(services, program_id)


def _daftar_hadir(kit: DocumentKit, prog: Any, rapat: date, peserta: list[Any], tercatat: bool) -> list[Flowable]:
    """The daftar hadir page: a form to sign (invitation list) or, once attendance is recorded, who came
    (Hadir / Tidak hadir; only those present sign)."""
    head = [kit.p("<b>DAFTAR HADIR</b>", alignment=1), kit.p(f"Rapat koordinasi {esc(prog.nama)}", alignment=1),
            kit.p(f"Hari, tanggal: {esc(tanggal_hari(rapat))}")]
    if not tercatat:
        rows = [[str(i), esc(p.nama) or " ", esc(p.jabatan), esc(p.instansi), f"{i}." + NBSP * 14]
                for i, p in enumerate(peserta, 1)]
        return [*head, _grid(kit, ["No", "Nama", "Jabatan", "Unit", "Tanda Tangan"], rows, [6, 28, 26, 22, 18],
                             ["tengah"])]
    rows = [[str(i), esc(p.nama) or "-", esc(p.jabatan) or "-", esc(p.instansi) or "-",
             "Hadir" if p.hadir else "Tidak hadir", f"{i}." + NBSP * 12 if p.hadir else "-"]
            for i, p in enumerate(peserta, 1)]
    hadir = sum(1 for p in peserta if p.hadir)
    return [*head, kit.p(f"Hadir {hadir} orang, tidak hadir {len(peserta) - hadir} orang."),
            _grid(kit, ["No", "Nama", "Jabatan", "Instansi/Unit", "Kehadiran", "Tanda Tangan"], rows,
                  [6, 23, 22, 18, 15, 16], ["tengah", "", "", "", "tengah"])]


def notulen_pdf(services: Services, program_id: str, tanggal: date | None = None, nomor: str = " ",
                penandatangan: Pejabat | None = None, uraian: str = "") -> bytes:
    """Notulen of the rapat koordinasi as held (seed 002 step 6, seed 001/004 rapat): acara, date, place,
    pimpinan rapat (the signer), notulis (the team's Sekretaris, else its Ketua, else blank), what was discussed —
    from the agenda draft's text, one line ``pokok bahasan | hasil / tindak lanjut`` per row, other
    paragraphs as kesimpulan (blank rows to fill by hand when there is none) — signed by notulis and
    pimpinan, then the daftar hadir."""
    from reportlab.platypus import KeepTogether

    prog, jadwal, tim = _program(services, program_id)
    ins = services.master.instansi()
    kit = DocumentKit(ins)
    tgl = tanggal or services.clock.today()
    rapat = prog.tanggal_mulai or tgl
    pj = penandatangan or _penandatangan(services, "laporan", "surat_keluar")
    sek = next((p for t, p in tim if t.peran == "Sekretaris"), None)
    notulis = services.master.pejabat(sek) if sek is not None else \
        _ketua(services, program_id) if tim else Pejabat(nama="", jabatan="")  # no team: written in by hand
    teks = "" if (uraian or "").startswith("Dibuat dari program monev") else (uraian or "")
    bahas = [(a.strip(), b.strip()) for a, _, b in (x.partition("|") for x in teks.splitlines() if "|" in x)]
    simpul = [t.strip() for t in "\n".join(x for x in teks.splitlines() if "|" not in x).split("\n\n") if t.strip()]
    from ppid_desktop.monev.rapat import ringkas

    peserta, tercatat = _peserta(services, program_id)
    absen = [p.nama or p.jabatan for p in peserta if tercatat and not p.hadir]
    rows = [[str(i), esc(a), esc(b)] for i, (a, b) in enumerate(bahas, 1)] or \
        [[str(i), " <br/><br/><br/>", " "] for i in range(1, 6)]
    isi: list[Any] = [
        kit.kv_table([("Acara", f"Rapat koordinasi {esc(prog.nama)}"), ("Hari, tanggal", esc(tanggal_hari(rapat))),
                      ("Tempat", esc(ins.alamat or "-")), ("Pimpinan rapat", esc(pj.nama or " ")),
                      ("Notulis", esc(notulis.nama or " ")),
                      ("Peserta", f"{esc(ringkas(peserta, tercatat))} (daftar hadir terlampir)"),
                      *([("Tidak hadir", esc("; ".join(absen)))] if absen else [])]),
        kit.judul_bagian("PEMBAHASAN"),
        _grid(kit, ["No", "Pokok bahasan", "Hasil / tindak lanjut"], rows, [6, 40, 54], ["tengah"]),
        kit.spasi(2),
    ]
    if simpul:
        isi += [kit.judul_bagian("KESIMPULAN"), *[kit.p(esc(t)) for t in simpul]]
    isi.append(KeepTogether([kit.p(esc(", ".join(x for x in (ins.kota or "", tanggal_panjang(tgl)) if x)), alignment=2),
                             kit.spasi(2), ttd_sejajar(kit, [TandaTangan(pejabat=notulis, label="Notulis,"),
                                                             TandaTangan(pejabat=pj, label="Pimpinan Rapat,")])]))
    story = kit.story_naskah_judul(judul="NOTULEN RAPAT KOORDINASI", nomor=nomor, subjudul=[prog.nama.upper()], isi=isi)
    return kit.build([*story, kit.halaman_baru(), *_daftar_hadir(kit, prog, rapat, peserta, tercatat)],
                     judul=f"Notulen {prog.nama}")


def _grafik(skor: list[Any], lebar: float, per_gambar: int = 35) -> list[Drawing]:
    """Horizontal bars of the final scores in ranked order, at most ``per_gambar`` units per drawing so
    each fits a page (60 units -> two charts)."""
    rows = [r for r in skor if r.total is not None]
    if not rows:
        d = Drawing(lebar, 20)
        d.add(String(0, 5, "Belum ada nilai.", fontSize=8))
        return [d]
    out = []
    for i in range(0, len(rows), per_gambar):
        part = rows[i:i + per_gambar]
        h = 14.0 * len(part) + 30
        d = Drawing(lebar, h)
        ch = HorizontalBarChart()
        ch.x, ch.y, ch.width, ch.height = lebar * 0.38, 15, lebar * 0.58, h - 25
        ch.data = [[float(r.total) for r in reversed(part)]]
        ch.categoryAxis.categoryNames = [(r.opd[:38] + ("*" if not r.lengkap else "")) for r in reversed(part)]
        ch.categoryAxis.labels.fontSize = 6.5
        ch.categoryAxis.labels.boxAnchor = "e"
        ch.valueAxis.valueMin = 0
        ch.valueAxis.labels.fontSize = 7
        ch.bars[0].fillColor = HexColor("#3b6ea8")
        ch.barSpacing = 1
        d.add(ch)
        out.append(d)
    return out


def _teks_durasi(services: Services, prog: Any) -> str:
    """Visit durations of the programme against its standard: how many visits were timed, overran,
    and the mean duration."""
    from sqlmodel import select

    from ppid_desktop.monev.dokumen import durasi_kunjungan
    from ppid_desktop.monev.models import Sesi

    standar = prog.durasi_menit or 90
    with services.store.read() as s:
        rows = list(s.exec(select(Sesi).where(Sesi.program_id == prog.id, Sesi.deleted == False,  # noqa: E712
                                              Sesi.status != "diganti")))
    ukur: list[tuple[int, bool]] = []
    for se in rows:
        menit, x = durasi_kunjungan(se, standar)
        if menit is not None:
            ukur.append((menit, x))
    if not ukur:
        return f"Waktu baku kunjungan {standar} menit per unit; belum ada kunjungan yang tercatat waktunya."
    rata = sum(m for m, _ in ukur) / len(ukur)
    lewat = sum(1 for _, x in ukur if x)
    return (f"Waktu baku kunjungan {standar} menit per unit: {len(ukur)} kunjungan tercatat, rata-rata "
            f"{rata:.0f} menit, <b>{lewat} melampaui</b> waktu baku.")


def laporan_program_pdf(services: Services, program_id: str, tanggal: date | None = None, nomor: str = "") -> bytes:
    m = services.monev
    prog, jadwal, tim = _program(services, program_id)
    defn = m.definisi(prog.instrumen_id)
    skor = m.program_scores(program_id)
    kit = DocumentKit(services.master.instansi())
    final = [r for r in skor if r.lengkap]
    belum = [r for r in skor if not r.lengkap]
    kat = Counter(r.kategori for r in final)
    kat_rows = [[esc(b.nama), str(kat.get(b.nama, 0))] for b in reversed(defn.band)]
    aspek_rows = []
    for a in defn.aspek:
        xs = [x.verifikasi for r in skor if r.hasil for x in r.hasil.aspek if x.kode == a.kode and x.verifikasi is not None]
        aspek_rows.append([esc(a.nama), f"{a.bobot:g}".replace(".", ","), _n(sum(xs) / len(xs) if xs else None),
                           _n(min(xs) if xs else None), _n(max(xs) if xs else None)])
    temuan: list[str] = []
    scored_aspek = [(r[0], float(r[2].replace(",", "."))) for r in aspek_rows if r[2] != "-"]
    if scored_aspek:
        low = min(scored_aspek, key=lambda x: x[1])
        temuan.append(f"Aspek dengan rata-rata terendah: {low[0]} ({_n(low[1])}).")
    if final and defn.band:
        bawah = [r.opd for r in final if r.kategori == defn.band[0].nama]
        if bawah:
            temuan.append(f"{len(bawah)} unit berkategori {esc(defn.band[0].nama)}: {esc(', '.join(bawah))}.")
    if belum:
        temuan.append(f"{len(belum)} unit belum memiliki nilai final (tahap penilaian belum lengkap) dan tidak "
                      "diperingkat.")
    from ppid_desktop.monev import tindak_lanjut as TL

    with services.store.read() as s:
        rek = TL.daftar_rekomendasi(s, program_id=program_id)
    isi: list[Any] = [
        kit.judul_bagian("I. PENDAHULUAN"),
        kit.kv_table([("Program", esc(prog.nama)), ("Periode", esc(prog.periode or "-")),
                      ("Instrumen", f"{esc(defn.nama)}"), ("Unit sasaran", f"{len(jadwal)} unit"),
                      ("Tim Monev", "<br/>".join(f"{esc(p.nama)} ({esc(t.peran)})" for t, p in tim) or "-")], indent_mm=5),
        kit.p(f"<b>Cara nilai akhir dibentuk:</b> {esc(bobot_teks(defn))}"),
        kit.p(_teks_durasi(services, prog)),
        kit.judul_bagian("II. PERINGKAT HASIL FINAL"),
        # the kit's report table: widths from content, numbers right-aligned, nothing split mid-number
        kit.tabel_data(["Peringkat", "Unit", "Nilai akhir", "Kategori"],
                       [[r.peringkat, r.opd, _n(r.total), r.kategori or "-"] for r in final]
                       or [["-", "Belum ada nilai final", "-", "-"]], rata=["tengah", "kiri", "kanan", "kiri"]),
    ]
    if belum:
        isi += [kit.spasi(2), kit.p("<b>Belum final (tidak diperingkat):</b>"),
                kit.tabel_data(["Unit", "Nilai sementara", "Keterangan"],
                               [[r.opd, _n(r.total) if r.total is not None else "-",
                                 "tahap belum lengkap" if r.hasil is not None else "belum dinilai"] for r in belum],
                               rata=["kiri", "kanan", "kiri"])]
    isi += [
        kit.judul_bagian("III. SEBARAN KATEGORI DAN GRAFIK"),
        _grid(kit, ["Kategori", "Jumlah unit"], kat_rows, [70, 30], ["", "tengah"]),
        kit.spasi(2), *_grafik(skor, kit.lebar),
        kit.p("<i>Tanda * : nilai belum final.</i>", gaya="normal"),
        kit.judul_bagian("IV. NILAI PER ASPEK"),
        _grid(kit, ["Aspek", "Bobot (%)", "Rata-rata", "Terendah", "Tertinggi"], aspek_rows, [46, 12, 14, 14, 14],
              ["", "tengah", "tengah", "tengah", "tengah"]),
    ]
    inst = m.indeks_instansi(program_id, skor)
    if inst is not None:
        isi += [kit.judul_bagian("V. INDEKS SPBE INSTANSI"),
                kit.p(f"Indeks SPBE instansi <b>{_n(inst.indeks)}</b>, predikat <b>{esc(inst.predikat or '-')}</b>, "
                      f"disusun dari kontribusi {inst.kontributor} perangkat daerah."),
                _grid(kit, ["Domain", "Bobot (%)", "Indeks"], [[esc(d.nama), f"{d.bobot:g}".replace(".", ","), _n(d.indeks)]
                                                              for d in inst.domain], [60, 20, 20], ["", "tengah", "tengah"])]
    isi += [kit.judul_bagian("TEMUAN"), kit.daftar(temuan or ["Tidak ada temuan menonjol."], penanda="1."),
            kit.judul_bagian("REKOMENDASI"),
            kit.daftar([f"{esc(r.opd)}: {esc(r.uraian)}" for r in rek] or ["Belum ada rekomendasi."], penanda="1.")]
    alur = m.alur_program(program_id)
    if alur is not None:
        k = m.kepatuhan(program_id)
        rows = [[str(x["no"]), esc(x["kegiatan"][:80]), esc(x["pelaksana"]),
                 "-" if x["waktu_baku_menit"] is None else str(x["waktu_baku_menit"]),
                 "-" if x["waktu_aktual_menit"] is None else str(x["waktu_aktual_menit"]), str(x["melampaui"])]
                for x in k["langkah"]]
        isi += [kit.judul_bagian("KEPATUHAN TERHADAP SOP"),
                kit.p(f"SOP {esc(k['sop'])}: {k['tepat_waktu']} langkah tepat waktu, {k['melampaui']} melampaui waktu baku."),
                _grid(kit, ["No", "Kegiatan", "Pelaksana", "Baku (mnt)", "Aktual (mnt)", "Lewat"], rows,
                      [6, 42, 20, 11, 11, 8], ["tengah", "", "", "tengah", "tengah", "tengah"])]
    isi += [kit.judul_bagian("PENUTUP"),
            kit.p("Demikian laporan hasil monitoring dan evaluasi ini disusun sebagai bahan pengambilan keputusan "
                  "dan tindak lanjut.")]
    return kit.naskah_judul(judul="LAPORAN HASIL MONITORING DAN EVALUASI", nomor=nomor, subjudul=[prog.nama.upper()],
                            isi=isi, ttd=TandaTangan(pejabat=_ketua(services, program_id), label="Ketua Tim Monev,",
                                                     tanggal=tanggal or services.clock.today()))


def laporan_solusi_pdf(services: Services, program_id: str, tanggal: date | None = None, nomor: str = "") -> bytes:
    """Laporan hasil analisa dan solusi permasalahan: the problems noted in the run (decision notes,
    analysis notes) and the recommendations with their follow-up."""
    m = services.monev
    prog, _jadwal, _tim = _program(services, program_id)
    kit = DocumentKit(services.master.instansi())
    alur = m.alur_program(program_id)
    catatan: list[str] = []
    if alur is not None:
        v = m.lihat_alur(alur.id)
        for lk in v.langkah:
            for a in lk.aksi:
                if a.catatan:
                    catatan.append(f"Langkah {lk.no} ({esc(lk.kegiatan[:60])}), siklus {a.siklus}: {esc(a.catatan)}")
    from ppid_desktop.monev import tindak_lanjut as TL

    with services.store.read() as s:
        rek = TL.daftar_rekomendasi(s, program_id=program_id)
    isi: list[Any] = [
        kit.judul_bagian("I. PERMASALAHAN"),
        kit.daftar(catatan or ["Tidak ada permasalahan yang dicatat."], penanda="1."),
        kit.judul_bagian("II. ANALISA DAN SOLUSI"),
        _grid(kit, ["No", "Unit", "Solusi / rekomendasi", "Prioritas"],
              [[str(i), esc(r.opd), esc(r.uraian), esc(r.prioritas)] for i, r in enumerate(rek, 1)]
              or [["-", "-", "Belum ada solusi yang dicatat.", "-"]], [6, 30, 50, 14], ["tengah"]),
        kit.judul_bagian("III. PENUTUP"),
        kit.p("Demikian laporan hasil analisa dan solusi permasalahan ini disusun untuk ditindaklanjuti."),
    ]
    return kit.naskah_judul(judul="LAPORAN HASIL ANALISA DAN SOLUSI PERMASALAHAN", nomor=nomor,
                            subjudul=[prog.nama.upper()], isi=isi,
                            ttd=TandaTangan(pejabat=_ketua(services, program_id), label="Ketua Tim Monev,",
                                            tanggal=tanggal or services.clock.today()))


def _wib(t: Any) -> str:
    """A recorded act's time as a date (WIB)."""
    from datetime import UTC, timedelta

    if t is None:
        return "-"
    if t.tzinfo is None:
        t = t.replace(tzinfo=UTC)
    return tanggal_panjang((t + timedelta(hours=7)).date())


def _singkat(teks: str, n: int) -> str:
    import textwrap

    return textwrap.shorten(teks, n, placeholder=" …")


def evaluasi_per_siklus(services: Services, program_id: str) -> list[dict[str, Any]]:
    """What the laporan hasil evaluasi (seed 004) reports, per monitoring cycle of the programme's SOP run:
    per unit the verification decisions (``Ya``: terverifikasi; a loop-back: dikembalikan with its note)
    and the status; the programme's own decisions (``Kendala?``) with their notes and the analysis/solution
    notes recorded after them in that cycle. A run without decisions still lists its units and cycles; a
    programme that runs no SOP has none (``[]``)."""
    m = services.monev
    alur = m.alur_program(program_id)
    if alur is None:
        return []
    v = m.lihat_alur(alur.id)
    langkah = {k.no: k for k in v.langkah}
    unit_steps = [k.no for k in v.langkah if k.per_unit and k.keputusan]
    prog_steps = [k.no for k in v.langkah if not k.per_unit and k.keputusan]
    out: list[dict[str, Any]] = []
    for siklus in range(1, alur.siklus + 1):
        units = []
        for u, nama in v.unit:
            if u.siklus != siklus:
                continue
            uv = m.lihat_alur(u.id)
            keputusan = [a for k in uv.langkah if k.no in unit_steps for a in k.aksi if a.jenis == "keputusan"]
            dikembalikan = [(a.waktu, a.catatan) for a in keputusan if (a.ke_langkah or 0) <= a.langkah]
            lolos = [a for a in keputusan if (a.ke_langkah or 0) > a.langkah]
            if lolos:
                status = f"terverifikasi {_wib(lolos[-1].waktu)}"
            elif u.status == "selesai":
                status = "selesai"
            else:
                sk = langkah.get(u.langkah)
                status = f"belum terverifikasi (langkah {u.langkah}{': ' + _singkat(sk.kegiatan, 45) if sk else ''})"
            units.append({"unit": nama, "dikembalikan": dikembalikan, "status": status, "terverifikasi": bool(lolos)})
        kendala: list[dict[str, Any]] = []
        solusi: list[str] = []
        dari = 0
        for no in prog_steps:
            for a in langkah[no].aksi:
                if a.siklus == siklus and a.jenis == "keputusan":
                    kendala.append({"tanya": langkah[no].kegiatan, "jawab": a.keputusan, "catatan": a.catatan,
                                    "waktu": a.waktu, "ke": a.ke_langkah})
                    dari = min(dari or (a.ke_langkah or 0), a.ke_langkah or 0)
        if kendala:
            for lk in v.langkah:
                if lk.per_unit or lk.no < dari:
                    continue
                for a in lk.aksi:
                    if a.siklus == siklus and a.catatan and a.jenis != "keputusan":
                        solusi.append(f"Langkah {lk.no} ({_singkat(lk.kegiatan, 60)}): {a.catatan}")
        out.append({"siklus": siklus, "unit": units, "kendala": kendala, "solusi": solusi})
    return out


def laporan_evaluasi_pdf(services: Services, program_id: str, tanggal: date | None = None, nomor: str = "") -> bytes:
    """Laporan hasil evaluasi kegiatan dan layanan bidang (seed 004 step 15): per cycle and per Bidang/unit
    the verification results (terverifikasi, dikembalikan with the note), the kendala found and their
    solutions, then the follow-up of the recommendations; signed by the Ketua Tim."""
    from ppid_desktop.monev import tindak_lanjut as TL

    prog, jadwal, tim = _program(services, program_id)
    data = evaluasi_per_siklus(services, program_id)
    alur = services.monev.alur_program(program_id)
    sop = services.monev.lihat_alur(alur.id).sop if alur is not None else {}
    kit = DocumentKit(services.master.instansi())
    tgl = tanggal or services.clock.today()
    isi: list[Any] = [
        kit.judul_bagian("I. PENDAHULUAN"),
        kit.kv_table([("Program", esc(prog.nama)), ("Periode", esc(prog.periode or "-")),
                      ("SOP", f"{esc(sop.get('nama') or '-')} ({esc(sop.get('kode') or '-')})"),
                      ("Unit/Bidang", f"{len(jadwal)} unit"), ("Siklus monitoring", f"{len(data)} siklus" if data else "-"),
                      ("Tim", "<br/>".join(f"{esc(p.nama)} ({esc(t.peran)})" for t, p in tim) or "-")], indent_mm=5),
    ]
    if not data:
        isi.append(kit.p("Program ini belum menjalankan SOP, sehingga belum ada hasil verifikasi per siklus, kendala "
                         "dan solusinya. Jalankan SOP program di Monev › Alur SOP."))
    for d in data:
        rows = []
        for i, u in enumerate(d["unit"], 1):
            kembali = "<br/>".join(f"{esc(_wib(w))}: {esc(c or '-')}" for w, c in u["dikembalikan"]) or "-"
            rows.append([str(i), esc(u["unit"]), esc(u["status"]), str(len(u["dikembalikan"])), kembali])
        n_ok = sum(1 for u in d["unit"] if u["terverifikasi"])
        isi += [kit.judul_bagian(f"II.{d['siklus']} SIKLUS {d['siklus']}"),
                kit.p(f"<b>Hasil verifikasi per unit</b> ({n_ok} dari {len(d['unit'])} unit terverifikasi):"),
                _grid(kit, ["No", "Bidang/Unit", "Status verifikasi", "Kali kembali", "Catatan pengembalian"],
                      rows or [["-", "Belum ada unit pada siklus ini", "-", "-", "-"]], [7, 24, 24, 14, 31],
                      ["tengah", "", "", "tengah"]),
                kit.spasi(2)]
        if d["kendala"]:
            isi.append(kit.p("<b>Kendala:</b>"))
            isi.append(kit.daftar([f"{esc(k['tanya'])} <b>{esc(k['jawab'])}</b> ({esc(_wib(k['waktu']))})"
                                   + (f": {esc(k['catatan'])}" if k["catatan"] else "") for k in d["kendala"]],
                                  penanda="1."))
            isi.append(kit.p("<b>Analisa dan solusi:</b>"))
            isi.append(kit.daftar([esc(x) for x in d["solusi"]] or ["Tidak ada solusi yang dicatat pada siklus ini."],
                                  penanda="1."))
        else:
            isi.append(kit.p("Kendala: belum diputuskan pada siklus ini."))
    with services.store.read() as s:
        tl = TL.daftar_tindak_lanjut(s, program_id=program_id, hari_ini=tgl)
        rek = TL.daftar_rekomendasi(s, program_id=program_id)
    isi += [kit.judul_bagian("III. TINDAK LANJUT"),
            _grid(kit, ["No", "Unit", "Rekomendasi", "Tindak lanjut", "Tenggat", "Status"],
                  [[str(i), esc(t.opd), esc(t.rekomendasi), esc(t.uraian or "-"),
                    esc(tanggal_panjang(t.tenggat)) if t.tenggat else "-",
                    esc(t.status_label) + (" (terlambat)" if t.terlambat else "")] for i, t in enumerate(tl, 1)]
                  or [[str(i), esc(r.opd), esc(r.uraian), "belum ada", "-", "belum ditindaklanjuti"]
                      for i, r in enumerate(rek, 1)]
                  or [["-", "-", "Belum ada rekomendasi.", "-", "-", "-"]], [7, 17, 24, 20, 14, 18], ["tengah"]),
            kit.judul_bagian("IV. PENUTUP"),
            kit.p("Demikian laporan hasil evaluasi kegiatan dan layanan ini disusun sebagai bahan perbaikan dan "
                  "perencanaan siklus berikutnya.")]
    return kit.naskah_judul(judul="LAPORAN HASIL EVALUASI", nomor=nomor, subjudul=[prog.nama.upper()], isi=isi,
                            ttd=TandaTangan(pejabat=_ketua(services, program_id), label="Ketua Tim Monev,", tanggal=tgl))


DOKUMEN_LABEL = {"proposal": "Proposal/KAK monev", "sk-tim": "SK Tim Monev", "surat-pemberitahuan": "Surat pemberitahuan",
                 "surat-tugas": "Surat tugas Tim Monev", "undangan": "Undangan rapat, daftar hadir dan notulen",
                 "berita-acara": "Berita acara kunjungan per unit", "laporan-unit": "Laporan hasil per unit",
                 "laporan-program": "Laporan hasil program", "laporan-solusi": "Laporan hasil analisa dan solusi",
                 "ba-evaluasi-mandiri": "Berita Acara Evaluasi Mandiri SPBE", "tanda-terima": "Tanda terima",
                 "lembar-kerja": "Lembar kerja evaluasi mandiri", "surat-permintaan-data": "Surat permintaan data",
                 "laporan-evaluasi": "Laporan hasil evaluasi",
                 "notulen": "Notulen rapat dan daftar hadir"}


def uraian_kak(teks: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The office's own text of a KAK draft (the agenda draft's ``ringkasan``): paragraphs added to the
    background, then after a line ``Anggaran:`` one budget line per line, ``uraian | jumlah``. The text
    the draft is created with ("Dibuat dari program monev …") adds nothing."""
    import re

    if not teks.strip() or teks.startswith("Dibuat dari program monev"):
        return [], []
    bagian = re.split(r"(?im)^\s*anggaran\s*:\s*$", teks.replace("\r\n", "\n"), maxsplit=1)
    latar = [t.strip() for t in bagian[0].split("\n\n") if t.strip()]
    anggaran = []
    for line in (bagian[1] if len(bagian) > 1 else "").splitlines():
        if line.strip():
            uraian, _, jumlah = line.partition("|")
            anggaran.append((uraian.strip(), jumlah.strip()))
    return latar, anggaran


def proposal_pdf(services: Services, program_id: str, tanggal: date | None = None, nomor: str = " ",
                 penandatangan: Pejabat | None = None, uraian: str = "") -> bytes:
    """Proposal / Kerangka Acuan Kerja (KAK) of a monev programme (seed 000 step 3): background, aims,
    scope, targets, schedule, team, outputs, budget, proposed by the Ketua Tim and approved by the
    signer of the agenda draft (the Kepala). Built from the programme and the SOP it runs, plus the
    office's own background paragraphs and budget lines (``uraian``, see :func:`uraian_kak`)."""
    from ppid_desktop.naskah.susun import judul_kata

    m = services.monev
    prog, jadwal, tim = _program(services, program_id)
    defn = m.definisi(prog.instrumen_id)
    ins = services.master.instansi()
    kit = DocumentKit(ins)
    tgl = tanggal or services.clock.today()
    alur = m.alur_program(program_id)
    sop = m.lihat_alur(alur.id).sop if alur is not None else None
    latar, anggaran = uraian_kak(uraian)
    dasar = [esc(x) for x in (sop.get("dasar_hukum") if sop else None) or []] or [
        "Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik;",
        "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;",
        "Peraturan Komisi Informasi Nomor 1 Tahun 2021 tentang Standar Layanan Informasi Publik."]
    if prog.dasar:
        dasar.append(esc(prog.dasar))
    periode = (f"{tanggal_panjang(prog.tanggal_mulai)} s.d. {tanggal_panjang(prog.tanggal_selesai)}"
               if prog.tanggal_mulai and prog.tanggal_selesai else prog.periode or "-")
    jenis_unit = Counter(getattr(o, "jenis_unit", "perangkat_daerah") for _j, o in jadwal)
    from ppid_desktop.master.models import JENIS_UNIT

    sasaran = ", ".join(f"{n} {JENIS_UNIT.get(k, k).lower()}" for k, n in jenis_unit.items()) or "-"
    jadwal_rows = [[str(i), esc(o.nama), esc(tanggal_hari(j.tanggal)) if j.tanggal else "akan ditetapkan",
                    esc(j.jam or "-"), esc(j.tempat or "-")] for i, (j, o) in enumerate(jadwal, 1)]
    tim_rows = [[str(i), esc(p.nama), esc(p.jabatan or "-"), esc(t.peran)] for i, (t, p) in enumerate(tim, 1)]
    keluaran: list[str] = []
    for k in (sop.get("kegiatan") if sop else None) or []:
        for d in k.get("dokumen") or []:
            label = DOKUMEN_LABEL.get(d, d)
            if label not in keluaran:
                keluaran.append(label)
    keluaran = keluaran or [DOKUMEN_LABEL[d] for d in ("sk-tim", "surat-pemberitahuan", "berita-acara", "laporan-unit",
                                                       "laporan-program")]
    isi: list[Any] = [
        kit.judul_bagian("A. LATAR BELAKANG"),
        kit.p(f"Keterbukaan informasi dan pelayanan publik yang baik menuntut pemantauan dan evaluasi yang teratur. "
              f"{esc(prog.nama)} dilaksanakan terhadap {len(jadwal)} unit sasaran dengan instrumen "
              f"<i>{esc(defn.nama)}</i>, berdasarkan:"),
        kit.daftar(dasar, penanda="1."),
        *[kit.p(esc(t)) for t in latar],
        kit.judul_bagian("B. MAKSUD DAN TUJUAN"),
        kit.daftar(["mengetahui tingkat kepatuhan dan kualitas pelaksanaan tugas setiap unit sasaran sesuai instrumen;",
                    "memberikan penilaian, peringkat dan kategori yang terukur dan dapat dipertanggungjawabkan;",
                    "menyusun rekomendasi perbaikan dan memantau tindak lanjutnya."], penanda="1."),
        kit.judul_bagian("C. RUANG LINGKUP"),
        kit.kv_table([("Instrumen", f"{esc(defn.nama)}"),
                      ("Aspek", "; ".join(f"{esc(a.nama)} ({a.bobot:g}%)" for a in defn.aspek) or "-"),
                      ("Cara penilaian", esc(bobot_teks(defn))),
                      ("Sasaran", sasaran), ("Waktu kunjungan", f"± {prog.durasi_menit or defn.durasi_menit} menit per unit"),
                      ("Periode", esc(periode))] + ([("SOP", f"{esc(sop.get('nama') or '')} ({esc(sop.get('kode') or '')})")]
                                                   if sop else []), indent_mm=5),
        kit.judul_bagian("D. JADWAL PELAKSANAAN"),
        _grid(kit, ["No", "Unit sasaran", "Hari, tanggal", "Pukul", "Tempat"], jadwal_rows, [6, 38, 26, 10, 20], ["tengah"]),
        kit.judul_bagian("E. TIM PELAKSANA"),
        _grid(kit, ["No", "Nama", "Jabatan", "Kedudukan"], tim_rows or [["-", "Tim belum ditetapkan", "-", "-"]],
              [6, 36, 38, 20], ["tengah"]),
        kit.judul_bagian("F. KELUARAN"),
        kit.daftar([esc(x) for x in keluaran], penanda="1."),
        kit.judul_bagian("G. ANGGARAN"),
        *([_grid(kit, ["No", "Uraian", "Jumlah"], [[str(i), esc(u), esc(j or "-")] for i, (u, j) in enumerate(anggaran, 1)],
                 [6, 64, 30], ["tengah"]), kit.spasi(2)] if anggaran else []),
        kit.p("Biaya pelaksanaan kegiatan dibebankan pada Dokumen Pelaksanaan Anggaran "
              + (f"{esc(judul_kata(ins.perangkat_daerah))} " if ins.perangkat_daerah else "")
              + f"Tahun Anggaran {esc(prog.periode or str(tgl.year))}."),
        kit.judul_bagian("H. PENUTUP"),
        kit.p("Demikian kerangka acuan kerja ini disusun sebagai pedoman pelaksanaan kegiatan."),
    ]
    from reportlab.platypus import KeepTogether

    pengusul = TandaTangan(pejabat=_ketua(services, program_id), label="Diusulkan oleh Ketua Tim Monev,")
    kepala = penandatangan or _penandatangan(services, "surat_keluar", "laporan")
    isi.append(KeepTogether([kit.p(esc(", ".join(x for x in (ins.kota or "", tanggal_panjang(tgl)) if x)), alignment=2), kit.spasi(2),
                             ttd_sejajar(kit, [pengusul, TandaTangan(pejabat=kepala, label="Disetujui oleh,")])]))
    return kit.naskah_judul(judul="KERANGKA ACUAN KERJA", nomor=nomor, subjudul=[prog.nama.upper(), f"TAHUN {tgl.year}"],
                            isi=isi)


def batas_permintaan(teks: str, tanggal: date) -> date:
    """The deadline of a surat permintaan data: a line ``Batas: DD-MM-YYYY`` (or ``YYYY-MM-DD``) in the
    agenda draft's text, else two weeks after the letter's date (seed 002 step 4: 1–2 weeks)."""
    import re
    from datetime import timedelta

    m = re.search(r"(?im)^\s*batas\s*:\s*(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})\s*$", teks or "")
    if m:
        a, b, c = (int(x) for x in m.groups())
        try:
            return date(a, b, c) if a > 31 else date(c, b, a)
        except ValueError:
            pass
    return tanggal + timedelta(days=14)


def permintaan_data_pdf(services: Services, program_id: str, tanggal: date | None = None, nomor: str = " ",
                        penandatangan: Pejabat | None = None, uraian: str = "", opd_ids: list[str] | None = None) -> bytes:
    """Surat permintaan data / evaluasi mandiri (seed 002 steps 1–4): one letter per target unit (batch,
    one number), asking its head to fill the evaluation form (the self-assessment workbook ``ppid monev
    lembar-kerja``) with its supporting evidence and send it back by the deadline; then a tanda terima
    with one line per addressee."""
    prog, jadwal, _tim = _program(services, program_id)
    ins = services.master.instansi()
    kit = DocumentKit(ins)
    pj = penandatangan or _penandatangan(services, "surat_keluar", "surat_tugas")
    tgl = tanggal or services.clock.today()
    batas = batas_permintaan(uraian, tgl)
    defn = services.monev.definisi(prog.instrumen_id)
    rows = [(j, o) for j, o in jadwal if not opd_ids or o.id in opd_ids]
    if not rows:
        raise UserError("Tidak ada unit sasaran untuk dimintai data.")
    kirim = "melalui surel " + esc(ins.email) if ins.email else "dalam bentuk berkas digital"
    alamat = esc(_judul_kata(ins.perangkat_daerah)) or "kami"
    story: list[Flowable] = []
    for i, (_j, o) in enumerate(rows):
        isi = [
            kit.p(f"Dalam rangka pelaksanaan {esc(prog.nama)}, setiap unit sasaran diminta melakukan evaluasi mandiri "
                  f"dengan instrumen <i>{esc(defn.nama)}</i> ({len(defn.aspek)} aspek) beserta data dan dokumen "
                  "pendukungnya."),
            kit.p("Sehubungan dengan hal tersebut, dengan hormat kami meminta Saudara untuk:"),
            kit.daftar([
                f"mengisi lembar kerja evaluasi mandiri {esc(o.nama)} (berkas .xlsx terlampir) pada kolom Jawaban, "
                "Bukti dan Catatan tanpa mengubah susunan lembar kerja;",
                "melengkapi setiap jawaban dengan data dukung (tautan atau nama berkas) yang dapat diverifikasi;",
                f"menyampaikan kembali lembar kerja dan data dukung tersebut kepada {alamat} {kirim} paling lambat "
                f"<b>{esc(tanggal_hari(batas))}</b>."]),
            kit.p("Lembar kerja yang diterima akan diimpor dan diverifikasi oleh Tim Monitoring dan Evaluasi sebagai "
                  "bahan rapat koordinasi dan penilaian. Unit yang tidak menyampaikan sampai batas waktu tersebut "
                  "dicatat belum menyampaikan isian."),
            kit.p("Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih."),
        ]
        if i:
            story.append(kit.halaman_baru())
        story += kit.story_surat(nomor=nomor, hal=f"Permintaan Data dan Evaluasi Mandiri {prog.nama}",
                                 lampiran="1 (satu) berkas",
                                 kepada=[f"Kepala {o.nama}" if not o.nama.lower().startswith("kepala") else o.nama],
                                 di=ins.kota, isi=isi, ttd=TandaTangan(pejabat=pj, tanggal=tgl), tanggal=tgl)
    story += tanda_terima(kit, nomor, tgl, f"Permintaan Data dan Evaluasi Mandiri {prog.nama}",
                          [_kepala(o.nama) for _j, o in rows])
    return kit.build(story, judul=f"Permintaan Data {prog.nama}")


def _judul_kata(s: str) -> str:
    from ppid_desktop.naskah.susun import judul_kata

    return judul_kata(s) if s else ""


def _sekda(services: Services) -> Pejabat:
    for p in services.master.daftar_pegawai():
        if "sekretaris daerah" in (p.jabatan or "").lower():
            pj: Pejabat = services.master.pejabat(p)
            return pj
    return Pejabat(nama="", jabatan="Sekretaris Daerah")


def ba_evaluasi_mandiri_pdf(services: Services, program_id: str, tanggal: date | None = None, nomor: str = " ",
                            penandatangan: Pejabat | None = None) -> bytes:
    """BA Evaluasi Mandiri SPBE of the instansi, signed by the Sekretaris Daerah (seed 002 step 7)."""
    m = services.monev
    prog, jadwal, _tim = _program(services, program_id)
    inst = m.indeks_instansi(program_id)
    if inst is None:
        raise UserError("BA Evaluasi Mandiri hanya untuk program dengan instrumen SPBE.")
    ins = services.master.instansi_setda()  # signed by the Sekda: on the Sekretariat Daerah's kop
    kit = DocumentKit(ins)
    tgl = tanggal or services.clock.today()
    isi: list[Any] = [
        kit.p(f"{esc(tanggal_kata(tgl))}, telah dilaksanakan Evaluasi Mandiri Sistem Pemerintahan Berbasis Elektronik "
              f"(SPBE) {esc(ins.pemerintah.title())} berdasarkan Peraturan Menteri Pendayagunaan Aparatur Negara dan "
              "Reformasi Birokrasi Nomor 59 Tahun 2020 tentang Pemantauan dan Evaluasi SPBE, dengan data dukung dari "
              f"{len(jadwal)} perangkat daerah ({inst.kontributor} telah menyampaikan isian)."),
        kit.p("Hasil evaluasi mandiri sebagai berikut:"),
        _grid(kit, ["Domain", "Bobot (%)", "Indeks"],
              [[esc(d.nama), f"{d.bobot:g}".replace(".", ","), _n(d.indeks)] for d in inst.domain]
              + [["<b>Indeks SPBE</b>", "100", f"<b>{_n(inst.indeks)}</b>"]], [60, 20, 20], ["", "tengah", "tengah"]),
        kit.spasi(2),
        kit.p(f"Predikat hasil evaluasi mandiri: <b>{esc(inst.predikat or '-')}</b>. Indeks dihitung sebagai rata-rata "
              "tertimbang tingkat kematangan indikator (skala 1–5) dengan bobot domain, aspek dan indikator."),
        kit.p("Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya."),
    ]
    return kit.naskah_judul(judul="BERITA ACARA EVALUASI MANDIRI SPBE", nomor=nomor,
                            subjudul=[ins.pemerintah.upper(), f"TAHUN {tgl.year}"], isi=isi,
                            ttd=TandaTangan(pejabat=penandatangan or _sekda(services), tanggal=tgl))


__all__ = ["DOKUMEN_LABEL", "ba_evaluasi_mandiri_pdf", "evaluasi_per_siklus", "laporan_evaluasi_pdf", "laporan_program_pdf", "laporan_solusi_pdf", "pemberitahuan_per_unit_pdf",
           "notulen_pdf", "permintaan_data_pdf",
           "proposal_pdf", "sk_tim_pdf", "tanggal_panjang", "ttd_sejajar", "undangan_pdf"]
