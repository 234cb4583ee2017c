"""Monev naskah dinas through the document kit: each function returns PDF bytes.

- ``surat_pemberitahuan_pdf(services, program_id, nomor="", tanggal=None, penandatangan_id=None)``: letter to the heads of the target OPDs
  announcing the monev, with the schedule as an attachment.
- ``surat_tugas_pdf(services, program_id, nomor="", tanggal=None, penandatangan_id=None)``: surat tugas
  for the Tim Monev. ``monev.surat.pdf`` calls both with the number/date/signer of their agenda letter.
- ``berita_acara_pdf(services, sesi_id)``: berita acara signed on the spot (words-form date, the
  number given at finalisation; "DRAF" in the title while the session is not final).
- ``laporan_pdf(services, sesi_id)``: laporan hasil monev for one OPD (scores per aspek, answers with
  evidence counts, rekomendasi).
The signer is the first pegawai allowed to sign that kind (Data Master › Pegawai › boleh tanda tangan).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from reportlab.platypus import KeepTogether, Paragraph, Table, TableStyle

from ppid_desktop.core.errors import UserError
from ppid_desktop.core.tanggal import tanggal_hari, tanggal_kata, tanggal_panjang
from ppid_desktop.dokumen import DocumentKit, Pejabat, TandaTangan, esc, format_nip, pangkat_golongan
from ppid_desktop.dokumen.tanda_terima import grid as _grid
from ppid_desktop.dokumen.tanda_terima import tanda_terima
from ppid_desktop.monev import instrumen as I
from ppid_desktop.monev.skor import bobot_teks, teks_nilai

if TYPE_CHECKING:
    from ppid_desktop.services import Services

__all__ = ["berita_acara_pdf", "durasi_kunjungan", "laporan_pdf", "surat_pemberitahuan_pdf", "surat_tugas_pdf",
           "ttd_sejajar"]

NBSP = "\u00a0"


def ttd_sejajar(kit: DocumentKit, ttd: list[TandaTangan]) -> Table:
    """Two (or more) signature blocks side by side whose lines LINE UP: one table row per line kind
    (label, jabatan, signing space, name, pangkat, NIP), so a label that wraps on one side pushes the
    same row on the other. The NIP is kept on one line (non-breaking spaces)."""
    st = kit.styles["ttd"]
    cols = len(ttd)
    rows: list[list[Any]] = [[], [], [], [], [], []]
    for t in ttd:
        pj = t.pejabat
        rows[0].append(Paragraph(esc(t.label.strip()), st))
        rows[1].append(Paragraph(esc(pj.jabatan.strip()) + ("," if pj.jabatan.strip() and not pj.jabatan.strip().endswith(",") else ""), st))
        rows[2].append("")
        rows[3].append(Paragraph(f"<b><u>{esc(pj.nama.strip())}</u></b>" if pj.nama.strip() else "(" + "." * 40 + ")", st))
        rows[4].append(Paragraph(esc(pangkat_golongan(pj.pangkat, pj.golongan)), st))
        nip = format_nip(pj.nip).replace(" ", NBSP) if pj.nip.strip() else ""
        rows[5].append(Paragraph(f"NIP{NBSP}{esc(nip)}" if nip else "", st))
    w = kit.lebar / cols
    t = Table(rows, colWidths=[w] * cols, rowHeights=[None, None, 20 * 2.8346, None, None, None])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 2),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 2), ("TOPPADDING", (0, 0), (-1, -1), 0),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return t


def durasi_kunjungan(sesi: Any, standar: int) -> tuple[int | None, bool]:
    """The actual visit duration in minutes (start to end of the session) and whether it overran."""
    if sesi.mulai_at is None or sesi.selesai_at is None:
        return None, False
    menit = max(0, int(round((sesi.selesai_at - sesi.mulai_at).total_seconds() / 60)))
    return menit, menit > standar


def _n(x: float | None) -> str:
    return teks_nilai(x, "-")


def _penandatangan(services: Services, *jenis: str, pegawai_id: str | None = None) -> Pejabat:
    if pegawai_id:
        peg = next((p for p in services.master.daftar_pegawai() if p.id == pegawai_id), None)
        if peg is not None:
            chosen: Pejabat = services.master.pejabat(peg)
            return chosen
    rows: list[Any] = next((r for j in jenis if (r := services.master.daftar_pegawai(boleh_ttd=j))), [])
    if not rows:
        raise UserError(f"Belum ada pegawai yang berwenang menandatangani {jenis[0].replace('_', ' ')}. "
                        "Atur di Data Master › Pegawai.")
    pj: Pejabat = services.master.pejabat(rows[0])
    return pj


def _program(services: Services, program_id: str) -> tuple[Any, list[Any], list[Any]]:
    m = services.monev
    prog = m.ambil_program(program_id)
    return prog, m.daftar_jadwal(program_id), m.daftar_tim(program_id)


def surat_pemberitahuan_pdf(services: Services, program_id: str, nomor: str = "", tanggal: date | None = None,
                            penandatangan_id: str | None = None) -> bytes:
    prog, jadwal, _ = _program(services, program_id)
    kit = DocumentKit(services.master.instansi())
    pj = _penandatangan(services, "surat_tugas", "surat_keluar", pegawai_id=penandatangan_id)
    tgl = tanggal or services.clock.today()
    defn = services.monev.definisi(prog.instrumen_id)
    periode = ""
    if prog.tanggal_mulai and prog.tanggal_selesai:
        periode = f" pada tanggal {tanggal_panjang(prog.tanggal_mulai)} sampai dengan {tanggal_panjang(prog.tanggal_selesai)}"
    isi = [
        kit.p(f"Dalam rangka pelaksanaan {esc(prog.nama)}, Tim Monitoring dan Evaluasi (Tim Monev) akan melaksanakan "
              f"kunjungan ke perangkat daerah Saudara{esc(periode)} sesuai jadwal terlampir."),
        kit.p(f"Kunjungan dilaksanakan selama ± {prog.durasi_menit or defn.durasi_menit} menit untuk setiap perangkat "
              f"daerah dengan menggunakan instrumen <i>{esc(defn.nama)}</i>. Sehubungan dengan hal tersebut, kami mohon "
              "Saudara berkenan menugaskan PPID Pelaksana beserta pejabat terkait sebagai narasumber serta menyiapkan "
              "dokumen dan bukti dukung yang diperlukan."),
        kit.p("Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih."),
    ]
    rows = []
    for i, (j, opd) in enumerate(jadwal, 1):
        rows.append([str(i), esc(opd.nama), esc(tanggal_hari(j.tanggal)) if j.tanggal else "-",
                     esc(j.jam or "-"), esc(j.tempat or "-")])
    lampiran = [
        kit.kepala_lampiran(f"Lampiran Surat {pj.jabatan}", nomor or "-", tgl, f"Pemberitahuan {prog.nama}"),
        kit.p("<b>JADWAL KUNJUNGAN MONITORING DAN EVALUASI</b>", alignment=1),
        _grid(kit, ["No", "Perangkat Daerah", "Hari, Tanggal", "Jam", "Tempat"], rows, [6, 35, 24, 9, 26],
              ["tengah", "", "", "tengah", ""]),
    ]
    return kit.surat(nomor=nomor, hal=f"Pemberitahuan {prog.nama}", lampiran="1 (satu) berkas",
                     kepada=["Kepala Perangkat Daerah (daftar terlampir)"], di=services.master.instansi().kota,
                     isi=isi, ttd=TandaTangan(pejabat=pj, tanggal=tgl), tanggal=tgl, halaman_lampiran=lampiran)


def surat_tugas_pdf(services: Services, program_id: str, nomor: str = "", tanggal: date | None = None,
                    penandatangan_id: str | None = None) -> bytes:
    prog, jadwal, tim = _program(services, program_id)
    if not tim:
        raise UserError("Tim Monev program ini belum diisi.")
    kit = DocumentKit(services.master.instansi())
    pj = _penandatangan(services, "surat_tugas", pegawai_id=penandatangan_id)
    tgl = tanggal or services.clock.today()
    dasar = [esc(prog.dasar)] if prog.dasar else []
    dasar.append("Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik")
    anggota = []
    for i, (t, p) in enumerate(tim, 1):
        anggota.append([str(i), f"<b>{esc(p.nama)}</b><br/>NIP {esc(format_nip(p.nip) or '-')}",
                        esc(pangkat_golongan(p.pangkat, p.golongan) or "-"), esc(p.jabatan), esc(t.peran)])
    periode = ""
    if prog.tanggal_mulai and prog.tanggal_selesai:
        periode = f"pada tanggal {tanggal_panjang(prog.tanggal_mulai)} sampai dengan {tanggal_panjang(prog.tanggal_selesai)} "
    isi = [
        kit.kv_table([("Dasar", kit.daftar(dasar, penanda="1.", gaya="normal"))]),
        kit.p("<b>MEMERINTAHKAN:</b>", alignment=1),
        kit.kv_table([("Kepada", "nama-nama sebagaimana tersebut di bawah ini:")]),
        _grid(kit, ["No", "Nama / NIP", "Pangkat (Gol.)", "Jabatan", "Kedudukan dalam Tim"], anggota, [6, 32, 18, 29, 15],
              ["tengah"]),
        kit.spasi(3),
        kit.kv_table([("Untuk", kit.daftar([
            f"melaksanakan {esc(prog.nama)} {esc(periode)}pada {len(jadwal)} perangkat daerah sesuai jadwal yang "
            "telah diberitahukan;",
            "menyusun berita acara dan laporan hasil monitoring dan evaluasi setiap perangkat daerah;",
            "melaksanakan tugas ini dengan penuh tanggung jawab.",
        ], penanda="1.", gaya="normal"))]),
    ]

    story = kit.story_naskah_judul(judul="SURAT TUGAS", nomor=nomor or " ", isi=isi, ttd=TandaTangan(pejabat=pj, tanggal=tgl))
    # tanda terima: one line per team member the letter is addressed to (seed 001 step 18 "Menerima surat tugas")
    story += tanda_terima(kit, nomor, tanggal, f"Surat Tugas {prog.nama}",
                          [f"{p.nama} ({t.peran})" for t, p in tim])
    return kit.build(story, judul="SURAT TUGAS", subjek=nomor or " ")


def _hasil_grid(kit: DocumentKit, h: Any) -> Table:
    rows = [[str(i), esc(a.nama), f"{a.bobot:g}".replace(".", ","), _n(a.mandiri), _n(a.verifikasi)]
            for i, a in enumerate(h.aspek, 1)]
    rows.append(["", "<b>Nilai</b>", "100", f"<b>{_n(h.mandiri)}</b>", f"<b>{_n(h.verifikasi)}</b>"])
    return _grid(kit, ["No", "Aspek", "Bobot (%)", "Nilai Mandiri", "Nilai Verifikasi"], rows, [6, 50, 14, 15, 15],
                 ["tengah", "", "tengah", "tengah", "tengah"])


def _tahap_teks(d: Any, h: Any) -> str:
    """How the final score of this session is made, with the stage scores it has."""
    if not d.defn.tahap:
        return esc(bobot_teks(d.defn))
    parts = [f"{t.nama} {_n(h.tahap.get(t.kode))} × {t.bobot:g}%" for t in d.defn.tahap]
    return esc(bobot_teks(d.defn)) + "<br/>Nilai tahap: " + esc("; ".join(parts)) + "."


def berita_acara_pdf(services: Services, sesi_id: str) -> bytes:
    m = services.monev
    d = m.muat_sesi(sesi_id)
    kit = DocumentKit(services.master.instansi())
    tim = m.daftar_tim(d.program.id)
    tgl = d.sesi.ba_tanggal or d.jadwal.tanggal or services.clock.today()
    h = d.hasil()
    tempat = d.jadwal.tempat or d.opd.nama
    standar = d.program.durasi_menit or d.defn.durasi_menit
    menit, lewat = durasi_kunjungan(d.sesi, standar)
    durasi = "-" if menit is None else f"{menit} menit (waktu baku {standar} menit" + (", melampaui)" if lewat else ")")
    status_nilai = ("Nilai akhir" if h.tahap_lengkap else "Nilai sementara (belum final: tahap penilaian belum lengkap)")
    isi = [
        kit.p(f"{esc(tanggal_kata(tgl))}, bertempat di {esc(tempat)}, Tim Monitoring dan Evaluasi telah melaksanakan "
              f"{esc(d.program.nama)} pada <b>{esc(d.opd.nama)}</b> dengan menggunakan instrumen "
              f"{esc(d.defn.nama)} versi {d.sesi.instrumen_versi}. Lama kunjungan: {esc(durasi)}."),
        kit.p("Narasumber dari perangkat daerah:"),
        kit.daftar([f"{esc(r.nama)}, {esc(r.jabatan)}" + (f", NIP{NBSP}{esc(format_nip(r.nip).replace(' ', NBSP))}" if r.nip else "")
                    for r in d.responden] or ["-"], penanda="1."),
        kit.p(f"Hasil pengisian instrumen: {h.terjawab} dari {h.total_pertanyaan} pertanyaan terjawab, dengan nilai "
              "sebagai berikut:"),
        _hasil_grid(kit, h),
        kit.spasi(2),
        kit.p(f"{status_nilai} <b>{_n(h.final)}</b> dengan kategori <b>{esc(h.kategori or '-')}</b>. "
              "Nilai ini dapat berubah setelah verifikasi dan masa sanggah."),
        kit.p(f"<b>Cara nilai akhir dibentuk:</b> {_tahap_teks(d, h)}"),
    ]
    penutup = kit.p("Demikian berita acara ini dibuat dengan sebenarnya dan ditandatangani bersama di tempat untuk "
                    "dipergunakan sebagaimana mestinya.")
    ttd: list[TandaTangan] = []
    if d.responden:
        r = d.responden[0]
        ttd.append(TandaTangan(pejabat=Pejabat(nama=r.nama, jabatan=r.jabatan or "Narasumber", nip=r.nip),
                               label=f"Narasumber {d.opd.nama},"))
    ketua = next((p for t, p in tim if t.peran == "Ketua"), tim[0][1] if tim else None)
    if ketua is not None:
        ttd.append(TandaTangan(pejabat=services.master.pejabat(ketua), label="Ketua Tim Monev,"))
    judul = "BERITA ACARA MONITORING DAN EVALUASI" + ("" if d.sesi.status != "draf" else " (DRAF)")
    # the closing sentence and both signature blocks stay on one page, lined up row by row
    isi.append(KeepTogether([penutup, kit.spasi(4), ttd_sejajar(kit, ttd)]) if ttd else penutup)
    return kit.naskah_judul(judul=judul, nomor=d.sesi.ba_nomor or " ", isi=isi)


def laporan_pdf(services: Services, sesi_id: str, tanggal: date | None = None, nomor: str = "") -> bytes:
    m = services.monev
    d = m.muat_sesi(sesi_id)
    kit = DocumentKit(services.master.instansi())
    tim = m.daftar_tim(d.program.id)
    h = d.hasil()
    from ppid_desktop.monev import tindak_lanjut as TL

    with services.store.read() as s:
        rek = TL.daftar_rekomendasi(s, program_id=d.program.id, opd_id=d.opd.id)
    waktu = tanggal_hari(d.jadwal.tanggal) if d.jadwal.tanggal else "-"
    detail = []
    for q in d.defn.pertanyaan():
        j = d.jawaban.get(q.kode)
        jaw = "N/A" if j and j.na else I.uraikan(q, j.nilai) if j else ""
        ver = I.uraikan(q, j.nilai_verifikasi) if j and j.nilai_verifikasi else ""
        detail.append([esc(q.kode), esc(q.teks), esc(jaw or "-"), esc(ver or "-"), str(len(d.bukti.get(q.kode, []))),
                       esc((j.catatan if j else "") or "")])
    isi = [
        kit.judul_bagian("I. PENDAHULUAN"),
        kit.kv_table([("Program", esc(d.program.nama)), ("Perangkat daerah", esc(d.opd.nama)),
                      ("Hari, tanggal", esc(waktu)), ("Tempat", esc(d.jadwal.tempat or "-")),
                      ("Instrumen", f"{esc(d.defn.nama)} (versi {d.sesi.instrumen_versi})"),
                      ("Tim Monev", "<br/>".join(f"{esc(p.nama)} ({esc(t.peran)})" for t, p in tim) or "-"),
                      ("Narasumber", "<br/>".join(f"{esc(r.nama)}, {esc(r.jabatan)}" for r in d.responden) or "-")],
                     indent_mm=5),
        kit.judul_bagian("II. HASIL PENILAIAN"),
        _hasil_grid(kit, h),
        kit.spasi(2),
        kit.p(f"Nilai akhir <b>{_n(h.final)}</b>, kategori <b>{esc(h.kategori or '-')}</b>"
              + ("" if h.tahap_lengkap else " (BELUM FINAL: belum seluruh tahap penilaian dinilai)") + "."),
        kit.p(f"<b>Cara nilai akhir dibentuk:</b> {_tahap_teks(d, h)}"),
        kit.p("<b>III. RINCIAN JAWABAN DAN BUKTI DUKUNG</b>", alignment=0),
        _grid(kit, ["Kode", "Pertanyaan", "Jawaban", "Verifikasi", "Bukti", "Catatan"], detail, [9, 38, 17, 13, 7, 16],
              ["", "", "", "", "tengah", ""]),
        kit.judul_bagian("IV. REKOMENDASI"),
        kit.daftar([esc(r.uraian) for r in rek] or ["Tidak ada rekomendasi."], penanda="1."),
        kit.judul_bagian("V. PENUTUP"),
        kit.p("Demikian laporan hasil monitoring dan evaluasi ini disusun untuk menjadi bahan tindak lanjut."),
    ]
    ketua = next((p for t, p in tim if t.peran == "Ketua"), tim[0][1] if tim else None)
    pj = services.master.pejabat(ketua) if ketua else _penandatangan(services, "laporan")
    from ppid_desktop.monev.dokumen_program import _kepala

    tgl = tanggal or services.clock.today()
    judul = "LAPORAN HASIL MONITORING DAN EVALUASI"
    story = kit.story_naskah_judul(judul=judul, nomor=nomor, subjudul=[d.opd.nama.upper()], isi=isi,
                                   ttd=TandaTangan(pejabat=pj, label="Ketua Tim Monev,", tanggal=tgl))
    # tanda terima: the report is handed to the unit (seed 000 step 13 "laporan diserahkan kepada PD")
    story += tanda_terima(kit, nomor, tgl, f"Laporan Hasil Monitoring dan Evaluasi {d.program.nama}",
                          [_kepala(d.opd.nama)])
    return kit.build(story, judul=judul, subjek=nomor)
