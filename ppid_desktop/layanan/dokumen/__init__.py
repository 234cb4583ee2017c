"""Letters and forms of the information service, on the office kop and paper (via ``ppid_desktop.dokumen``).

Each ``*_pdf`` function turns domain rows into PDF bytes; ``cetak(services, actor, jenis, nomor)``
looks the record up by its number and returns ``(pdf_bytes, suggested_file_name)`` — the CLI and
the UI both call it. NIK is masked everywhere except on the formulir permohonan the requester signs.

Outgoing letters (pemberitahuan, perpanjangan, penolakan, tanggapan atas keberatan) go through the
agenda (:mod:`.naskah`): before signature they print without a number, after it the frozen letter.
Forms and receipts carry the petugas who recorded the request (or handed the information over), with
NIP when Data Master knows them (user account linked to a pegawai, or the same name).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from reportlab.platypus import KeepTogether
from sqlmodel import col, select

from ppid_desktop.akun import roles as R  # noqa: N812
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.audit import log_event
from ppid_desktop.core.errors import UserError
from ppid_desktop.core.tanggal import tanggal_angka, tanggal_hari, tanggal_panjang
from ppid_desktop.dokumen import DocumentKit, Instansi, Paraf, Pejabat, TandaTangan, esc
from ppid_desktop.layanan import rules as RU  # noqa: N812
from ppid_desktop.layanan.dokumen import naskah  # noqa: E402  (registers the letters' composer)
from ppid_desktop.layanan.models import Keberatan, Permohonan

if TYPE_CHECKING:
    from ppid_desktop.services import Services

JENIS = RU.DOKUMEN  # the document kinds (kept light in ``rules`` so the CLI parser needs no reportlab)


GUNTING = "- " * 24 + "gunting di sini " + "- " * 24
PPID = "Pejabat Pengelola Informasi dan Dokumentasi"


def _x(on: bool) -> str:
    return "[&nbsp;X&nbsp;]" if on else "[&nbsp;&nbsp;&nbsp;]"


def _v(text: object) -> str:
    s = str(text or "").strip()
    return esc(s) if s else "-"


def _identitas(p: Permohonan, nik: str, opd_nama: str) -> list[tuple[str, str]]:
    rows = [
        ("Jenis pemohon", esc(RU.label(RU.JENIS_PEMOHON, p.jenis_pemohon))),
        ("Nama", f"<b>{esc(p.nama)}</b>"),
    ]
    if p.jenis_pemohon == "badan_hukum":
        rows.append(("Nomor SK badan hukum", _v(p.no_sk_badan_hukum)))
    if nik:
        rows.append(("NIK", esc(nik)))
    if p.kuasa:
        rows.append(("Kuasa pemohon", _v(p.nama_kuasa) + " (dengan surat kuasa khusus)"))
    rows += [
        ("Alamat", _v(p.alamat)),
        ("Pekerjaan", _v(p.pekerjaan)),
        ("Nomor telepon / e-mail", _v(" / ".join(x for x in (p.telepon, p.email) if x))),
    ]
    return rows


def _pemohon_ttd(nama: str, label: str = "Pemohon Informasi,") -> TandaTangan:
    return TandaTangan(pejabat=Pejabat(nama=nama, jabatan=""), label=label)


# ------------------------------------------------------------------ permohonan
def tanda_bukti_pdf(ins: Instansi, p: Permohonan, *, nik: str, opd_nama: str, petugas: Pejabat) -> bytes:
    """Formulir permohonan informasi (NIK in full: the requester signs it) with the tanda bukti below."""
    kit = DocumentKit(ins)
    story = kit.kop()
    story += kit.blok_judul("Formulir Permohonan Informasi Publik", subjudul=[f"No. Pendaftaran: {p.nomor}"])
    rows = [("Tanggal diterima", esc(tanggal_hari(p.tanggal_diterima))),
            ("Saluran", esc(RU.label(RU.SALURAN, p.saluran)))]
    rows += _identitas(p, nik, opd_nama)
    rows += [
        ("Rincian informasi yang dibutuhkan", _v(p.rincian)),
        ("Tujuan penggunaan informasi", _v(p.tujuan)),
        ("Cara memperoleh informasi", "<br/>".join(f"{_x(p.cara_memperoleh == k)} {esc(v)}" for k, v in RU.CARA_MEMPEROLEH.items())),
        ("Cara mendapatkan salinan", "&nbsp;&nbsp; ".join(f"{_x(p.cara_salinan == k)}&nbsp;{esc(v)}" for k, v in RU.CARA_SALINAN.items())),
        ("PPID Pelaksana / OPD", _v(opd_nama)),
    ]
    story.append(kit.kv_table(rows, jarak_baris=1))
    story.append(kit.p(
        "<i>Data pribadi pemohon (termasuk NIK dan salinan KTP) diproses untuk memverifikasi identitas sesuai "
        "UU Nomor 14 Tahun 2008 dan dilindungi berdasarkan UU Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi. "
        "Data disimpan terenkripsi dan hanya dibuka oleh petugas yang berwenang.</i>", gaya="kecil"))
    story.append(kit.baris_kosong(0.5))
    story += kit.ttd_banyak([
        TandaTangan(pejabat=petugas, label="Petugas Pelayanan Informasi,"),
        _pemohon_ttd(p.nama),
    ], dengan_tanggal=False, ruang_mm=15)
    slip: list[Any] = [kit.baris_kosong(0.3), kit.teks(GUNTING, "tengah", fontSize=kit.ukuran - 4),
                       kit.baris_kosong(0.3)]
    slip.append(kit.p("<b>TANDA BUKTI PENERIMAAN PERMOHONAN INFORMASI PUBLIK</b>", "tengah"))
    slip.append(kit.baris_kosong(0.3))
    slip.append(kit.kv_ttd([
        ("Nomor pendaftaran", f"<b>{esc(p.nomor)}</b>"),
        ("Tanggal diterima", esc(tanggal_hari(p.tanggal_diterima))),
        ("Nama pemohon", esc(p.nama)),
        ("NIK", esc(p.nik_mask or "-")),
        ("Informasi yang diminta", _v(p.rincian[:300])),
        ("Pemberitahuan tertulis paling lambat", f"<b>{esc(tanggal_hari(p.tenggat))}</b> (10 hari kerja, dapat "
                                                 "diperpanjang 7 hari kerja dengan alasan tertulis)"),
    ], TandaTangan(pejabat=petugas, label="Petugas Pelayanan Informasi,", tanggal=p.tanggal_diterima), gaya="kecil"))
    story.append(KeepTogether(slip))
    return kit.build(story, judul="Formulir Permohonan Informasi Publik", subjek=p.nomor)


def pemberitahuan_pdf(ins: Instansi, p: Permohonan, *, opd_nama: str, ppid: Pejabat, nomor_surat: str = "",
                      tanggal: date | None = None, paraf: Sequence[Paraf] = ()) -> bytes:
    """Pemberitahuan tertulis (UU KIP Ps. 22 ayat (7)): variant A (dapat diberikan) or B (tidak dapat)."""
    if not p.keputusan:
        raise UserError(f"Permohonan {p.nomor} belum diputuskan: pemberitahuan tertulis belum dapat dicetak.")
    kit = DocumentKit(ins)
    dapat = p.keputusan in RU.KEPUTUSAN_DIBERIKAN
    isi: list[Any] = [
        kit.p(f"Berdasarkan permohonan informasi pada tanggal {esc(tanggal_panjang(p.tanggal_diterima))} dengan "
              f"nomor pendaftaran <b>{esc(p.nomor)}</b>, kami menyampaikan kepada Saudara/i:"),
        kit.kv_table([("Nama", esc(p.nama)), ("Alamat", _v(p.alamat)),
                      ("Nomor telepon / e-mail", _v(" / ".join(x for x in (p.telepon, p.email) if x)))], indent_mm=5),
        kit.p("Pemberitahuan sebagai berikut:"),
        kit.p(f"<b>{'A' if dapat else 'B'}. Informasi {'dapat' if dapat else 'tidak dapat'} diberikan"
              f"{'' if dapat else ' karena'}</b>"),
    ]
    if dapat:
        biaya = (f"{RU.rupiah(p.biaya_per_lembar)} × {p.jumlah_lembar} lembar + pengiriman {RU.rupiah(p.biaya_kirim)}"
                 f" = <b>{RU.rupiah(p.biaya_total)}</b>") if p.biaya_total else "Tanpa biaya"
        isi.append(kit.kv_table([
            ("Informasi yang diminta", _v(p.rincian)),
            ("Penguasaan informasi", f"{_x(True)} Kami ({esc(opd_nama or ins.perangkat_daerah)})"),
            ("Bentuk fisik", "   ".join(f"{_x(p.bentuk_informasi == k)} {v}" for k, v in RU.BENTUK_INFORMASI.items())),
            ("Biaya", biaya),
            ("Waktu penyediaan", _v(p.waktu_penyediaan)),
            ("Cara penyampaian", esc(RU.label(RU.CARA_SALINAN, p.cara_salinan))),
            ("Penjelasan penghitaman/pengaburan", _v(p.catatan_penghitaman if p.keputusan == RU.SEBAGIAN else "")),
        ], indent_mm=5, jarak_baris=1.5))
    else:
        isi.append(kit.kv_table([("Informasi yang diminta", _v(p.rincian))], indent_mm=5))
        isi.append(kit.daftar([
            f"{_x(p.keputusan == RU.TIDAK_DIKUASAI)} Informasi yang diminta belum dikuasai"
            + (f"; informasi dikuasai oleh: <b>{esc(p.badan_penguasa)}</b>" if p.badan_penguasa else ""),
            f"{_x(p.keputusan == RU.BELUM_DIDOKUMENTASIKAN)} Informasi yang diminta belum didokumentasikan"
            + (f"; waktu yang diperlukan: <b>{esc(p.waktu_dokumentasi)}</b>" if p.waktu_dokumentasi else ""),
            f"{_x(p.keputusan == RU.DITOLAK)} Informasi yang diminta termasuk informasi yang dikecualikan "
            + (f"({esc(pasal17(p.pasal17))}; uji konsekuensi {esc(p.uji_konsekuensi)})"
               if p.keputusan == RU.DITOLAK else ""),
        ], penanda="-", indent_mm=5))
        if p.keputusan == RU.DITOLAK:
            isi.append(kit.p("Atas penolakan ini Saudara/i dapat mengajukan keberatan kepada Atasan PPID paling lambat "
                             "30 (tiga puluh) hari kerja sejak diterimanya pemberitahuan ini (Pasal 35–36 UU 14/2008)."))
    if p.catatan_keputusan:
        isi.append(kit.p(f"Keterangan: {esc(p.catatan_keputusan)}"))
    isi.append(kit.p("Demikian pemberitahuan ini kami sampaikan."))
    return kit.naskah_judul(judul="Pemberitahuan Tertulis", nomor=nomor_surat, isi=isi, ttd=_ttd_ppid(ppid),
                            tanggal=tanggal, paraf=paraf)


def perpanjangan_pdf(ins: Instansi, p: Permohonan, *, ppid: Pejabat, nomor_surat: str, tanggal: date | None = None,
                     paraf: Sequence[Paraf] = ()) -> bytes:
    if not p.tanggal_perpanjangan:
        raise UserError(f"Permohonan {p.nomor} tidak diperpanjang.")
    kit = DocumentKit(ins)
    isi = [
        kit.p(f"Menindaklanjuti permohonan informasi Saudara/i tanggal {esc(tanggal_panjang(p.tanggal_diterima))} "
              f"dengan nomor pendaftaran <b>{esc(p.nomor)}</b> mengenai:"),
        kit.p(f"<i>{_v(p.rincian)}</i>"),
        kit.p("dengan ini kami beritahukan bahwa jangka waktu pemberitahuan tertulis atas permohonan tersebut "
              "<b>diperpanjang paling lama 7 (tujuh) hari kerja</b> sesuai Pasal 22 ayat (8) Undang-Undang Nomor 14 "
              "Tahun 2008 tentang Keterbukaan Informasi Publik, dengan alasan:"),
        kit.p(f"<b>{_v(p.alasan_perpanjangan)}</b>"),
        kit.p(f"Pemberitahuan tertulis akan kami sampaikan paling lambat pada "
              f"<b>{esc(tanggal_hari(p.tenggat_perpanjangan or p.tenggat_efektif))}</b>."),
        kit.p("Demikian disampaikan, atas pengertian Saudara/i kami ucapkan terima kasih."),
    ]
    return kit.surat(nomor=nomor_surat, hal="Pemberitahuan Perpanjangan Waktu Permohonan Informasi",
                     kepada=[f"Sdr. {p.nama}"], di=p.alamat or "Tempat", isi=isi,
                     ttd=_ttd_ppid(ppid), tanggal=tanggal, paraf=paraf)


def penolakan_pdf(ins: Instansi, p: Permohonan, *, ppid: Pejabat, nomor_surat: str, tanggal: date | None = None,
                  paraf: Sequence[Paraf] = ()) -> bytes:
    if p.keputusan != RU.DITOLAK:
        raise UserError(f"Permohonan {p.nomor} tidak ditolak: surat keputusan penolakan tidak berlaku.")
    kit = DocumentKit(ins)
    alasan = [f"huruf {h}: {esc(RU.PASAL_17.get(h, ''))}" for h in p.pasal17.split(",") if h]
    isi: list[Any] = [
        kit.p("Pejabat Pengelola Informasi dan Dokumentasi, setelah memeriksa permohonan informasi:"),
        kit.kv_table([
            ("Nomor pendaftaran", f"<b>{esc(p.nomor)}</b>"),
            ("Tanggal diterima", esc(tanggal_panjang(p.tanggal_diterima))),
            ("Nama pemohon", esc(p.nama)), ("NIK", esc(p.nik_mask or "-")), ("Alamat", _v(p.alamat)),
            ("Informasi yang diminta", _v(p.rincian)), ("Tujuan penggunaan", _v(p.tujuan)),
        ], indent_mm=5),
        kit.p("<b>MEMUTUSKAN</b>", gaya="tengah"),
        kit.p("Menolak permohonan informasi tersebut karena informasi yang diminta merupakan informasi yang "
              "dikecualikan berdasarkan Pasal 17 Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik:"),
        kit.daftar(alasan, penanda="-", indent_mm=5),
        kit.p(f"Pengecualian tersebut telah melalui uji konsekuensi sebagaimana ditetapkan dalam "
              f"<b>{_v(p.uji_konsekuensi)}</b>, dengan pertimbangan bahwa membuka informasi tersebut dapat "
              "menimbulkan konsekuensi yang lebih besar daripada menutupnya."),
    ]
    if p.catatan_keputusan:
        isi.append(kit.p(f"Pertimbangan: {esc(p.catatan_keputusan)}"))
    isi.append(kit.p("Apabila Saudara/i keberatan atas keputusan ini, Saudara/i dapat mengajukan keberatan secara "
                     "tertulis kepada Atasan PPID paling lambat 30 (tiga puluh) hari kerja sejak keputusan ini diterima."))
    return kit.naskah_judul(judul="Surat Keputusan PPID tentang Penolakan Permohonan Informasi", nomor=nomor_surat,
                            isi=isi, ttd=_ttd_ppid(ppid), tanggal=tanggal, paraf=paraf)


def penyerahan_pdf(ins: Instansi, p: Permohonan, *, petugas: Pejabat) -> bytes:
    if not p.tanggal_penyerahan:
        raise UserError(f"Penyerahan informasi untuk permohonan {p.nomor} belum dicatat.")
    kit = DocumentKit(ins)
    isi: list[Any] = [
        kit.p(f"Pada hari ini, {esc(tanggal_hari(p.tanggal_penyerahan))}, telah diserahkan informasi publik sebagai berikut:"),
        kit.kv_table([
            ("Nomor pendaftaran", f"<b>{esc(p.nomor)}</b>"),
            ("Tanggal permohonan", esc(tanggal_panjang(p.tanggal_diterima))),
            ("Nama pemohon", esc(p.nama)), ("NIK", esc(p.nik_mask or "-")),
            ("Informasi yang diserahkan", _v(p.rincian)),
            ("Bentuk informasi", esc(RU.label(RU.BENTUK_INFORMASI, p.bentuk_informasi) or "-")),
            ("Cara penyerahan", esc(RU.label(RU.CARA_SALINAN, p.cara_penyerahan))),
            ("Biaya", esc(RU.rupiah(p.biaya_total)) + (" (penggandaan dan pengiriman)" if p.biaya_total else " (tanpa biaya)")),
            ("Diterima oleh", _v(p.penerima)),
        ], indent_mm=5, jarak_baris=1.5),
        kit.p("Demikian tanda bukti ini dibuat untuk dipergunakan sebagaimana mestinya."),
    ]
    return kit.naskah_judul(judul="Tanda Bukti Penyerahan Informasi Publik", subjudul=[f"No. Pendaftaran: {p.nomor}"],
                            isi=isi, ttd=[TandaTangan(pejabat=petugas, label="Yang Menyerahkan,"),
                                          _pemohon_ttd(p.penerima or p.nama, "Yang Menerima,")],
                            tanggal=p.tanggal_penyerahan)


# ------------------------------------------------------------------ keberatan
def _pengaju(k: Keberatan, p: Permohonan | None) -> Permohonan | Keberatan:
    """Whose identity a keberatan's documents print: the request's, or the keberatan's own when it stands
    alone (Pasal 35(1) b–g without a registered permohonan)."""
    return p if p is not None else k


def keberatan_pdf(ins: Instansi, k: Keberatan, p: Permohonan | None, *, petugas: Pejabat) -> bytes:
    kit = DocumentKit(ins)
    story = kit.kop()
    story += kit.blok_judul("Formulir Pernyataan Keberatan atas Permohonan Informasi" if p is not None
                            else "Formulir Pernyataan Keberatan")
    story.append(kit.judul_bagian("A. Informasi Pengaju Keberatan"))
    o = _pengaju(k, p)
    story.append(kit.kv_table([
        ("Nomor registrasi keberatan", f"<b>{esc(k.nomor)}</b>"),
        ("Nomor pendaftaran permohonan", esc(p.nomor) if p is not None else "- (keberatan tanpa permohonan)"),
        ("Tujuan penggunaan informasi", _v(p.tujuan if p is not None else "")),
        ("Identitas pemohon", f"{esc(k.nama or o.nama)}; NIK {esc(o.nik_mask or '-')}; {_v(o.alamat)}; "
                              f"{_v(o.pekerjaan)}; {_v(' / '.join(x for x in (o.telepon, o.email) if x))}"),
        ("Identitas kuasa pemohon", _v(" — ".join(x for x in (k.nama_kuasa, k.alamat_kuasa) if x))),
    ], indent_mm=5))
    story.append(kit.judul_bagian("B. Alasan Pengajuan Keberatan (Pasal 35 ayat (1) UU 14/2008)"))
    chosen = set(k.alasan.split(","))
    story.append(kit.daftar([f"{_x(h in chosen)} {esc(t[0].upper() + t[1:])}" for h, t in RU.PASAL_35.items()],
                            penanda="a.", indent_mm=5))
    story.append(kit.judul_bagian("C. Kasus Posisi"))
    story.append(kit.p(_v(k.kasus_posisi)))
    story.append(kit.judul_bagian("D. Hari/Tanggal Tanggapan atas Keberatan akan Diberikan"))
    story.append(kit.p(f"<b>{esc(tanggal_hari(k.tenggat_jawaban))}</b> (30 hari kerja sejak keberatan diterima)"))
    if k.terlambat_diajukan:
        story.append(kit.p(f"<i>Catatan petugas: keberatan diajukan melewati 30 hari kerja "
                           f"(batas {esc(tanggal_panjang(k.batas_pengajuan)) if k.batas_pengajuan else '-'}).</i>", gaya="kecil"))
    story += kit.ttd_banyak([TandaTangan(pejabat=petugas, label="Petugas Penerima Keberatan,"),
                             _pemohon_ttd(k.nama_kuasa or k.nama or o.nama, "Pengaju Keberatan,")], dengan_tanggal=False,
                            ruang_mm=15)
    slip: list[Any] = [kit.baris_kosong(0.3), kit.teks(GUNTING, "tengah", fontSize=kit.ukuran - 4),
                       kit.baris_kosong(0.3)]
    slip.append(kit.p("<b>TANDA TERIMA PENGAJUAN KEBERATAN</b>", "tengah"))
    slip.append(kit.baris_kosong(0.3))
    slip.append(kit.kv_ttd([
        ("Nomor registrasi keberatan", f"<b>{esc(k.nomor)}</b>"),
        ("Tanggal diterima", esc(tanggal_hari(k.tanggal_diterima))),
        ("Nama pengaju", esc(k.nama or o.nama)),
        ("Nomor pendaftaran permohonan", esc(p.nomor) if p is not None else "-"),
        ("Tanggapan paling lambat", f"<b>{esc(tanggal_hari(k.tenggat_jawaban))}</b>"),
    ], TandaTangan(pejabat=petugas, label="Petugas Penerima,", tanggal=k.tanggal_diterima), gaya="kecil"))
    story.append(KeepTogether(slip))
    return kit.build(story, judul="Formulir Keberatan", subjek=k.nomor)


def tanggapan_keberatan_pdf(ins: Instansi, k: Keberatan, p: Permohonan | None, *, nomor_surat: str = "",
                            tanggal: date | None = None, atasan: Pejabat | None = None,
                            paraf: Sequence[Paraf] = (), setda: Instansi | None = None) -> bytes:
    """The Atasan PPID's answer: on the Sekretariat Daerah's kop (``setda``, from the profile's Setda
    lines; else derived from the pemda name), numbered from the agenda (its own series, not the
    keberatan's registration number), signed with pangkat and NIP."""
    from ppid_desktop.dokumen.data import instansi_setda

    if not k.tanggal_tanggapan:
        raise UserError(f"Keberatan {k.nomor} belum dijawab Atasan PPID.")
    kit = DocumentKit(setda or instansi_setda(ins))
    alasan = "; ".join(f"huruf {h} ({RU.PASAL_35.get(h, '')})" for h in k.alasan.split(",") if h)
    isi = [
        kit.p(f"Menanggapi keberatan Saudara/i yang kami terima pada tanggal {esc(tanggal_panjang(k.tanggal_diterima))} "
              f"dengan nomor registrasi <b>{esc(k.nomor)}</b>"
              + (f" atas permohonan informasi nomor {esc(p.nomor)}, " if p is not None else ", ")
              + f"dengan alasan keberatan Pasal 35 ayat (1) {esc(alasan)}, dengan ini kami sampaikan bahwa keberatan "
              f"Saudara/i <b>{esc(_kalimat(RU.label(RU.PUTUSAN_KEBERATAN, k.putusan)))}</b>."),
        kit.p(f"Pertimbangan: {_v(k.isi_tanggapan)}"),
        kit.p("Apabila Saudara/i tidak puas dengan tanggapan ini, Saudara/i dapat mengajukan penyelesaian sengketa "
              "informasi kepada Komisi Informasi paling lambat 14 (empat belas) hari kerja setelah diterimanya "
              "tanggapan ini (Pasal 37 ayat (2) UU 14/2008)."),
        kit.p("Demikian tanggapan ini disampaikan untuk menjadi maklum."),
    ]
    pj = atasan or Pejabat(nama=k.atasan_nama, jabatan=k.atasan_jabatan or "Atasan PPID", nip=k.atasan_nip)
    if not pj.jabatan.strip():
        pj = replace(pj, jabatan=k.atasan_jabatan or "Atasan PPID")
    o = _pengaju(k, p)
    return kit.surat(nomor=nomor_surat, hal="Tanggapan atas Keberatan", kepada=[f"Sdr. {k.nama or o.nama}"],
                     di=o.alamat or "Tempat", isi=isi, ttd=TandaTangan(pejabat=pj), tanggal=tanggal,
                     tembusan=[PPID], paraf=paraf)


# ------------------------------------------------------------------ register
REGISTER_KOLOM = ("No.", "No. Pendaftaran", "Tanggal", "Nama / NIK", "Alamat / Kontak", "Pekerjaan",
                  "Informasi yang diminta", "Tujuan", "OPD", "Keputusan", "Alasan penolakan", "Tgl. pemberitahuan",
                  "Biaya")


def _tgl(iso: str | None) -> str:
    return tanggal_angka(date.fromisoformat(iso)) if iso else ""


def register_pdf(ins: Instansi, rows: Iterable[dict[str, Any]] | Callable[[], Iterable[dict[str, Any]]], *,
                 dari: date, sampai: date, ppid: Pejabat | None = None, tanggal: date | None = None) -> bytes:
    """The buku register permohonan, landscape, header repeated on every page, NIK masked; column widths
    from the content (numbers and dates never wrap), ending with the count and the PPID's signature
    (dated ``tanggal``). Drawn straight onto the canvas (``DocumentKit.tabel``): pass a list or a
    zero-argument callable returning an iterator (a query, read once and streamed)."""
    kit = DocumentKit(ins)

    def baris() -> Iterable[list[object]]:
        for i, r in enumerate(rows() if callable(rows) else rows, 1):
            yield [
                i, r["nomor"], _tgl(r["tanggal_diterima"]), f"{r['nama']}\n{r['nik'] or ''}".strip(),
                ", ".join(x for x in (r["alamat"], r["telepon"] or r["email"]) if x), r["pekerjaan"], r["rincian"], r["tujuan"],
                r["opd"] or "", RU.label(RU.KEPUTUSAN, r["keputusan"]) if r["keputusan"] else RU.label(RU.STATUS, r["status"]),
                pasal17(r["pasal17"] or "", singkat=True),
                _tgl(r["tanggal_pemberitahuan"]), RU.rupiah(r["biaya_total"]) if r["biaya_total"] else "-",
            ]

    return kit.tabel(
        judul="Register Permohonan Informasi Publik", kolom=list(REGISTER_KOLOM), baris=baris,
        rata=["kanan", "kiri", "tengah", "kiri", "kiri", "kiri", "kiri", "kiri", "kiri", "kiri", "kiri", "tengah", "kanan"],
        subjudul=[ins.perangkat_daerah, f"Periode {tanggal_panjang(dari)} s.d. {tanggal_panjang(sampai)}"],
        landscape=True, kop=True, ukuran=7.5, jumlah="Jumlah permohonan dalam register ini: {n}",
        ttd=_ttd_ppid(ppid, tanggal) if ppid is not None else None,
    )


# ------------------------------------------------------------------ dispatcher
def _petugas(services: Services, username: str, nama: str) -> Pejabat:
    """The officer as printed under a form: the pegawai linked to the user account that recorded the
    step, else the pegawai of the same name, else the recorded name alone (no NIP known)."""
    from ppid_desktop.akun.models import Pengguna
    from ppid_desktop.master.models import Pegawai

    with services.store.read() as s:
        peg = None
        if username:
            user = s.exec(select(Pengguna).where(Pengguna.username == username)).first()
            if user is not None and user.pegawai_id:
                peg = s.get(Pegawai, user.pegawai_id)
        if peg is None and nama.strip():
            peg = s.exec(select(Pegawai).where(Pegawai.nama == nama.strip(), Pegawai.deleted == False)).first()  # noqa: E712
    if peg is not None and not peg.deleted:
        return Pejabat(nama=peg.nama, jabatan="", nip=peg.nip)
    return Pejabat(nama=nama.strip(), jabatan="")


def _pencatat(services: Services, objek: str, objek_id: str, status_ke: str | None, fallback: str) -> Pejabat:
    """The petugas of a recorded step of the request (``riwayat_layanan``)."""
    from ppid_desktop.layanan.models import RiwayatLayanan

    with services.store.read() as s:
        q = select(RiwayatLayanan).where(RiwayatLayanan.objek == objek, RiwayatLayanan.objek_id == objek_id)
        q = q.where(RiwayatLayanan.status_ke == status_ke) if status_ke else q.where(RiwayatLayanan.aksi == "dicatat")
        ev = s.exec(q.order_by(col(RiwayatLayanan.created_at).desc())).first()
    if ev is None:
        return _petugas(services, "", fallback)
    return _petugas(services, ev.oleh, ev.oleh_nama or fallback)


def _ttd_ppid(ppid: Pejabat, tanggal: date | None = None) -> TandaTangan:
    """The PPID signs as "Pejabat Pengelola Informasi dan Dokumentasi," (the jabatan of these letters)."""
    return TandaTangan(pejabat=replace(ppid, jabatan=PPID), tanggal=tanggal)


def pasal17(huruf_csv: str, *, singkat: bool = False) -> str:
    """``"h,j"`` -> ``"Pasal 17 huruf h dan j UU 14/2008 (rahasia pribadi; …)"``; ``singkat``: without the
    descriptions (register cells)."""
    huruf = [h for h in huruf_csv.split(",") if h]
    if not huruf:
        return ""
    daftar = huruf[0] if len(huruf) == 1 else ", ".join(huruf[:-1]) + " dan " + huruf[-1]
    teks = f"Pasal 17 huruf {daftar} UU 14/2008"
    if singkat:
        return teks
    return f"{teks}: " + "; ".join(RU.PASAL_17.get(h, "?") for h in huruf)


def _kalimat(label: str) -> str:
    """A label used mid-sentence: first letter lower-cased, acronyms (PPID) kept."""
    return label[:1].lower() + label[1:] if label[:2] != label[:2].upper() else label


def cetak(services: Services, actor: Actor, jenis: str, nomor: str) -> tuple[bytes, str]:
    """PDF of document ``jenis`` (see ``JENIS``) for the permohonan/keberatan ``nomor``; audited as 'print'."""
    R.require(actor, R.PDP_LIHAT)  # every one of these documents names the requester
    if jenis not in JENIS:
        raise UserError(f"Jenis dokumen '{jenis}' tidak dikenal (pilihan: {', '.join(JENIS)}).")
    lay = services.layanan
    ins = services.master.instansi()
    safe = nomor.replace("/", "-")
    if jenis in ("keberatan", "tanggapan-keberatan"):
        k = lay.cari_keberatan(nomor)
        if k is None:
            raise UserError(f"Keberatan nomor {nomor} tidak ditemukan.")
        p = lay.ambil_permohonan(k.permohonan_id) if k.permohonan_id else None
        if jenis == "keberatan":
            pdf = keberatan_pdf(ins, k, p, petugas=_pencatat(services, "keberatan", k.id, None, ""))
        else:
            if not k.tanggal_tanggapan:
                raise UserError(f"Keberatan {k.nomor} belum dijawab Atasan PPID.")
            pdf = naskah.pdf(services, actor, jenis, p, k)
        with services.store.session(actor) as s:
            log_event(s, actor, "print", "keberatan", k.id, f"{JENIS[jenis]} {k.nomor} dicetak")
        return pdf, f"{jenis}-{safe}.pdf"
    found = lay.cari_nomor(nomor)
    if found is None:
        raise UserError(f"Permohonan nomor {nomor} tidak ditemukan.")
    p = found
    opd = services.master.ambil_opd(p.opd_id) if p.opd_id else None
    opd_nama = opd.nama if opd else ""
    if jenis == "tanda-bukti":
        petugas = _pencatat(services, "permohonan", p.id, None, p.petugas)
        pdf = tanda_bukti_pdf(ins, p, nik=lay.nik_untuk_formulir(actor, p.id), opd_nama=opd_nama, petugas=petugas)
        return pdf, f"{jenis}-{safe}.pdf"
    if jenis == "penyerahan":
        if not p.tanggal_penyerahan:
            raise UserError(f"Penyerahan informasi untuk permohonan {p.nomor} belum dicatat.")
        pdf = penyerahan_pdf(ins, p, petugas=_pencatat(services, "permohonan", p.id, RU.DISERAHKAN, p.petugas))
    else:
        if jenis == "pemberitahuan" and not p.keputusan:
            raise UserError(f"Permohonan {p.nomor} belum diputuskan: pemberitahuan tertulis belum dapat dicetak.")
        if jenis == "perpanjangan" and not p.tanggal_perpanjangan:
            raise UserError(f"Permohonan {p.nomor} tidak diperpanjang.")
        if jenis == "penolakan" and p.keputusan != RU.DITOLAK:
            raise UserError(f"Permohonan {p.nomor} tidak ditolak: surat keputusan penolakan tidak berlaku.")
        pdf = naskah.pdf(services, actor, jenis, p)
    with services.store.session(actor) as s:
        log_event(s, actor, "print", "permohonan", p.id, f"{JENIS[jenis]} {p.nomor} dicetak")
    return pdf, f"{jenis}-{safe}.pdf"


def cetak_register(services: Services, actor: Actor, dari: date, sampai: date, filter: Any = None) -> bytes:
    from ppid_desktop.layanan.queries import RegisterFilter, register_rows

    R.require(actor, R.PDP_LIHAT)  # names, addresses and phones of requesters
    f = (filter or RegisterFilter()).with_(dari=dari, sampai=sampai)
    ins = services.master.instansi()
    n = 0

    def rows() -> Iterator[dict[str, Any]]:  # read page by page (keyset), once, never a list
        nonlocal n
        for n, row in enumerate(register_rows(s, f), 1):  # noqa: B007
            yield row

    with services.store.read() as s:  # one read transaction: both passes see the same rows
        ppid = services.master.daftar_pegawai(boleh_ttd="pemberitahuan")
        pdf = register_pdf(ins, rows, dari=dari, sampai=sampai, tanggal=services.clock.today(),
                           ppid=services.master.pejabat(ppid[0]) if ppid else None)
    with services.store.session(actor) as s:
        log_event(s, actor, "print", "permohonan", None, f"Register permohonan {dari}–{sampai} dicetak ({n} baris)")
    return pdf
