"""The kop-surat test page: a real two-page korespondensi letter that exercises the whole kit.

Page 1 is the letter (kop, date on the Nomor line, Nomor/Sifat/Lampiran/Hal, Yth. block, body, signature
with paraf table, Tembusan); page 2 is its attachment listing the profile settings and type samples, so
the page numbers show. Used from the Data Master screen ("Uji cetak kop") to check a profile on paper.
"""

from __future__ import annotations

from datetime import date

from reportlab.platypus import PageBreak

from ppid_desktop.core.clock import SYSTEM_CLOCK, Clock
from ppid_desktop.core.tanggal import bulan_romawi, tanggal_hari, tanggal_kata, tanggal_panjang
from ppid_desktop.dokumen.data import Instansi, Paraf, Pejabat, TandaTangan, instansi_setda
from ppid_desktop.dokumen.kit import DocumentKit
from ppid_desktop.dokumen.teks import esc, format_nip, pangkat_golongan

__all__ = ["halaman_uji_kop"]


def _angka(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def halaman_uji_kop(
    instansi: Instansi,
    penandatangan: TandaTangan | Pejabat,
    *,
    tanggal: date | None = None,
    paraf: list[Paraf] | None = None,
    clock: Clock = SYSTEM_CLOCK,
    setda: Instansi | None = None,
) -> bytes:
    """PDF bytes of the kop test letter for ``instansi`` signed by ``penandatangan``, dated ``tanggal`` (else
    the signature's date, else ``clock.today()`` — pass the services' clock). The last page shows the
    Sekretariat Daerah's kop (``setda``, e.g. ``master.instansi_setda()``; else derived from the pemda name)
    used by the letters the Sekretaris Daerah signs."""
    ttd = penandatangan if isinstance(penandatangan, TandaTangan) else TandaTangan(pejabat=penandatangan)
    hari_ini = tanggal or ttd.tanggal or clock.today()
    kit = DocumentKit(instansi)
    pj = ttd.pejabat
    nomor = f"000.8.3.3/001/PPID/{bulan_romawi(hari_ini.month)}/{hari_ini.year}"
    hal = "Uji Cetak Kop Surat dan Tata Letak Naskah Dinas"
    nama_pd = instansi.perangkat_daerah.strip()
    kota = instansi.kota.strip() or "Tempat"

    isi = [
        kit.p(
            f"Dalam rangka penyiapan aplikasi PPID Desktop pada {esc(nama_pd)}, bersama ini kami sampaikan "
            "contoh naskah dinas yang dicetak langsung dari profil instansi. Naskah ini memuat seluruh unsur "
            "tata naskah dinas korespondensi, yaitu kop surat, tempat dan tanggal, nomor, sifat, lampiran, "
            "hal, alamat tujuan, isi surat, blok tanda tangan, tabel paraf dan tembusan."
        ),
        kit.p(
            "Mohon kiranya Saudara memeriksa hasil cetakan ini pada kertas yang sebenarnya, khususnya "
            "ukuran kertas, batas tepi, jenis dan ukuran huruf, posisi logo, garis penutup kop surat, "
            f"serta penulisan NIP penandatangan ({esc(format_nip(pj.nip) or '-')}). Rincian pengaturan "
            "tercantum pada lampiran surat ini. Apabila terdapat ketidaksesuaian, pengaturan dapat diubah "
            "melalui menu Data Master &gt; Profil Instansi."
        ),
        kit.p("Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih."),
    ]

    lampiran = [
        kit.kepala_lampiran(f"Lampiran Surat {pj.jabatan or nama_pd}", nomor, hari_ini, hal),
        kit.judul_bagian("A. Pengaturan Profil Instansi"),
        kit.kv_table(
            [
                ("Pemerintah", esc(instansi.pemerintah)),
                ("Perangkat daerah", esc(nama_pd)),
                ("Sub-unit", esc(instansi.sub_unit or "-")),
                ("Alamat", esc(instansi.alamat or "-")),
                ("Kota (baris tanggal)", esc(kota)),
                ("Ukuran kertas", esc(instansi.kertas) + (" (215 × 330 mm)" if instansi.kertas == "F4" else " (210 × 297 mm)")),
                ("Huruf", f"{esc(instansi.font)}, {_angka(instansi.ukuran_font)} pt, spasi {_angka(instansi.spasi)}"),
                (
                    "Margin",
                    f"atas {_angka(instansi.margin_atas)} mm, bawah {_angka(instansi.margin_bawah)} mm, "
                    f"kiri {_angka(instansi.margin_kiri)} mm, kanan {_angka(instansi.margin_kanan)} mm",
                ),
                ("Logo", "berkas logo instansi" if instansi.logo_path else "logo bawaan (belum diatur)"),
            ],
            indent_mm=5,
        ),
        kit.judul_bagian("B. Penandatangan"),
        kit.kv_table(
            [
                ("Nama", esc(pj.nama)),
                ("NIP", esc(format_nip(pj.nip) or "-")),
                ("Pangkat/golongan", esc(pangkat_golongan(pj.pangkat, pj.golongan) or "-")),
                ("Jabatan", esc(pj.jabatan)),
                ("Cara menandatangani", esc(ttd.mode or "atas kewenangan sendiri")),
            ],
            indent_mm=5,
        ),
        kit.judul_bagian("C. Contoh Huruf dan Tanggal"),
        kit.daftar(
            [
                "Huruf biasa: Pejabat Pengelola Informasi dan Dokumentasi (PPID) — 0123456789.",
                "<b>Huruf tebal: Pejabat Pengelola Informasi dan Dokumentasi.</b>",
                "<i>Huruf miring: keterbukaan informasi publik.</i>",
                "<b><i>Huruf tebal miring: informasi yang dikecualikan.</i></b>",
                f"Tanggal panjang: {esc(tanggal_panjang(hari_ini))}; dengan hari: {esc(tanggal_hari(hari_ini))}.",
                f"Bentuk kata: {esc(tanggal_kata(hari_ini))}.",
            ],
            penanda="a.",
            indent_mm=5,
        ),
        kit.baris_kosong(1),
        kit.p(
            "Garis tepi halaman ini mengikuti margin profil; seluruh huruf disematkan ke dalam berkas PDF "
            "sehingga hasil cetak sama di setiap komputer.",
        ),
    ]
    kop_setda = setda or instansi_setda(instansi)
    kit_setda = DocumentKit(kop_setda)
    lampiran += [
        PageBreak(),
        *kit_setda.kop(),
        kit.judul_bagian("D. Kop Sekretariat Daerah"),
        kit.p("Kop di atas dipakai untuk naskah yang ditandatangani Sekretaris Daerah selaku Atasan PPID "
              "(tanggapan atas keberatan, berita acara evaluasi mandiri). Baris-barisnya diatur di Data Master "
              "&gt; Profil Instansi &gt; Kop Sekretariat Daerah; yang kosong diturunkan dari nama pemerintah daerah."),
        kit.kv_table([
            ("Nama", esc(kop_setda.perangkat_daerah)),
            ("Alamat", esc(kop_setda.alamat or "-")),
            ("Telepon", esc(kop_setda.telepon or "-")),
            ("E-mail", esc(kop_setda.email or "-")),
            ("Situs web", esc(kop_setda.website or "-")),
        ], indent_mm=5),
    ]

    return kit.build(
        kit.story_surat(
            nomor=nomor,
            sifat="Biasa",
            lampiran="1 (satu) berkas",
            hal=hal,
            kepada=[f"Kepala {nama_pd}"],
            di=kota,
            isi=isi,
            ttd=ttd,
            tanggal=hari_ini,
            tembusan=["Sekretaris Daerah (sebagai laporan);", "Arsip."],
            paraf=paraf if paraf is not None else [Paraf("Pengolah Data", "Pelaksana"), Paraf("Kepala Subbagian Umum", "Pengawas")],
            halaman_lampiran=lampiran,
        ),
        judul=hal,
        subjek=nomor,
    )
