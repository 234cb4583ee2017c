"""The naskah dinas kit: kop surat, layouts, signature and paraf blocks, page numbers, big registers.

Everything here is Qt-free and built on reportlab platypus. A :class:`DocumentKit` is made from an
:class:`~ppid_desktop.dokumen.data.Instansi` (paper, font, margins, kop lines) and turns a handful of
arguments into PDF bytes::

    kit = DocumentKit(instansi)
    pdf = kit.surat(nomor="000.9/15/PPID", hal="Pemberitahuan Tertulis", kepada=["Sdr. Budi"],
                    di="Salatiga", isi=[kit.p("Menindaklanjuti …")], ttd=ttd, tembusan=["Arsip"])

Text conventions: values that the kit lays out itself (``nomor``, ``hal``, ``kepada``, ``tembusan``,
``judul``, names in the model dataclasses …) are **plain text** and escaped by the kit. Strings in ``isi``
and the strings given to :meth:`DocumentKit.p`, :meth:`~DocumentKit.judul_bagian`,
:meth:`~DocumentKit.kv_table` and :meth:`~DocumentKit.daftar` are **Paragraph markup** (``<b>``, ``<i>``,
``<u>``, ``<br/>``): escape user values in them with :func:`~ppid_desktop.dokumen.teks.esc`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    TableStyle,
)

from ppid_desktop.core.tanggal import tanggal_panjang
from ppid_desktop.dokumen.data import Paraf, TandaTangan
from ppid_desktop.dokumen.halaman import (
    A4,
    F4,
    FORMAT_HALAMAN,
    FORMAT_HALAMAN_STRIP,
    MM,
    GarisKop,
    _Garis,
    paraf_tunda,
    ukuran_kertas,
)
from ppid_desktop.dokumen.tabel import KitTabel
from ppid_desktop.dokumen.teks import esc, nomor_cetak

__all__ = [
    "A4",
    "F4",
    "FORMAT_HALAMAN",
    "FORMAT_HALAMAN_STRIP",
    "MM",
    "DocumentKit",
    "GarisKop",
    "ukuran_kertas",
]


class DocumentKit(KitTabel):
    """Layouts and building blocks for the naskah dinas of one office profile.

    Construct once per document (it is cheap) and call one of the layout methods, which return PDF bytes:
    :meth:`surat` (korespondensi), :meth:`naskah_judul` (judul layout: surat tugas, berita acara,
    laporan …), :meth:`nota_dinas`, :meth:`tabel` (big registers). Each has a ``story_*`` twin returning
    the flowables, to be combined and passed to :meth:`build`.
    """

    def _blok_nomor(
        self, nomor: str, sifat: str, lampiran: str, hal: str, tanggal_teks: str
    ) -> Flowable:
        """Nomor/Sifat/Lampiran/Hal with aligned colons; place and date right-aligned on the Nomor line."""
        labels = ["Nomor", "Sifat", "Lampiran", "Hal"]
        nomor = nomor_cetak(nomor)
        values = [nomor, sifat or "Biasa", lampiran or "-", hal]
        w_label = self._lebar_label(labels)
        w_colon = stringWidth(": ", self.font.normal, self.ukuran) + 1
        w_tgl = min(stringWidth(tanggal_teks, self.font.normal, self.ukuran) + 1, self.lebar * 0.45)
        w_val = self.lebar - w_label - w_colon - w_tgl
        # Sifat/Lampiran/Hal values may run under the date column, but Hal wraps before ~65% of the width.
        w_hal = self.lebar * 0.65 - w_label - w_colon
        st = self.styles["normal"]
        st_hal = self.gaya("normal", rightIndent=max(w_val + w_tgl - w_hal, 0))
        # A number too long to share its line with the date gets the whole line; the date goes above it.
        sendiri = stringWidth(nomor, self.font.normal, self.ukuran) > w_val - 1
        data: list[list[Any]] = []
        if sendiri:
            data.append(["", "", "", Paragraph(esc(tanggal_teks), self.styles["kanan"])])
        for i, (lbl, val) in enumerate(zip(labels, values, strict=True)):
            kanan: Any = Paragraph(esc(tanggal_teks), self.styles["kanan"]) if i == 0 and not sendiri else ""
            data.append([Paragraph(lbl, st), Paragraph(":", st), Paragraph(esc(val), st if i == 0 else st_hal), kanan])
        t = self._tabel_tata_letak(data, [w_label, w_colon, w_val, w_tgl])
        awal = 1 if sendiri else 0
        rentang = range(awal, awal + 4) if sendiri else range(1, 4)
        t.setStyle(TableStyle([("SPAN", (2, r), (3, r)) for r in rentang]))
        return t

    def _blok_yth(self, kepada: Sequence[str], di: str) -> list[Flowable]:
        st = self.styles["normal"]
        w_yth = stringWidth("Yth. ", self.font.normal, self.ukuran) + 1
        w_isi = self.x_ttd + 25 * MM - w_yth
        if len(kepada) == 1:
            isi: Any = Paragraph(esc(kepada[0]), st)
        else:
            w_no = stringWidth(f"{len(kepada)}. ", self.font.normal, self.ukuran) + 1
            isi = self._tabel_tata_letak(
                [[Paragraph(f"{i}.", st), Paragraph(esc(k), st)] for i, k in enumerate(kepada, 1)], [w_no, w_isi - w_no]
            )
        rows: list[list[Any]] = [[Paragraph("Yth.", st), isi]]
        out: list[Flowable] = [self._tabel_tata_letak(rows, [w_yth, w_isi], hAlign="LEFT")]
        if di.strip():
            out.append(Paragraph("di", st))
            out.append(Paragraph(esc(di.strip()), self.gaya("normal", leftIndent=w_yth + 5 * MM)))
        return out

    def _isi(self, isi: Sequence[str | Flowable], gaya: str = "isi") -> list[Flowable]:
        return [Paragraph(x, self.styles[gaya]) if isinstance(x, str) else x for x in isi]

    def _akhir(self, badan: list[Flowable], penutup: Sequence[Flowable], lanjutan: Sequence[Flowable] = ()) -> list[Flowable]:
        """Keep the last body flowable with the signature so a signature never stands alone on a page.

        ``penutup`` is kept together with the last body flowable; ``lanjutan`` follows freely. (No
        KeepTogether may be nested in another one: its wrap reports a huge height and forces a break.)
        """
        keep = [*penutup]
        if badan and not isinstance(badan[-1], KeepTogether):
            return [*badan[:-1], KeepTogether([badan[-1], self.baris_kosong(0.5), *keep]), *lanjutan]
        return [KeepTogether(keep), *lanjutan]

    def story_surat(
        self,
        *,
        nomor: str,
        hal: str,
        kepada: Sequence[str],
        isi: Sequence[str | Flowable],
        ttd: TandaTangan,
        di: str = "",
        sifat: str = "Biasa",
        lampiran: str = "-",
        tanggal: date | None = None,
        tempat: str = "",
        tembusan: Sequence[str] = (),
        paraf: Sequence[Paraf] = (),
        halaman_lampiran: Sequence[Flowable] = (),
        kop: bool = True,
    ) -> list[Flowable]:
        """Flowables of a korespondensi letter (see :meth:`surat`)."""
        when = tanggal or ttd.tanggal
        story: list[Flowable] = self.kop() if kop else []
        story.append(self._blok_nomor(nomor, sifat, lampiran, hal, self.tempat_tanggal(when, tempat or ttd.tempat)))
        story.append(self.baris_kosong(0.75))
        story.extend(self._blok_yth(kepada, di))
        story.append(self.baris_kosong(0.75))
        story.extend(self._akhir(self._isi(isi), [self.ttd_kanan(ttd, dengan_tanggal=False, paraf=paraf)]))
        if tembusan:
            story.append(self.baris_kosong(0.5))
            story.extend(self.tembusan(tembusan))
        if halaman_lampiran:
            story.append(PageBreak())
            story.extend(halaman_lampiran)
        return story

    def surat(
        self,
        *,
        nomor: str,
        hal: str,
        kepada: Sequence[str],
        isi: Sequence[str | Flowable],
        ttd: TandaTangan,
        di: str = "",
        sifat: str = "Biasa",
        lampiran: str = "-",
        tanggal: date | None = None,
        tempat: str = "",
        tembusan: Sequence[str] = (),
        paraf: Sequence[Paraf] = (),
        halaman_lampiran: Sequence[Flowable] = (),
        kop: bool = True,
    ) -> bytes:
        """A surat dinas in the korespondensi layout, as PDF bytes.

        Kop; ``Tempat, tanggal`` top right on the Nomor line (``tanggal`` or ``ttd.tanggal``; ``tempat`` or
        ``ttd.tempat`` or the profile's ``kota``); Nomor/Sifat/Lampiran/Hal; ``Yth.`` + ``kepada`` (one
        line each, numbered when several) + ``di`` place; ``isi`` (markup strings or flowables,
        justified); signature on the right with the paraf table beside it; Tembusan bottom-left;
        ``halaman_lampiran`` flowables start on a new page (see :meth:`kepala_lampiran`).
        """
        story = self.story_surat(
            nomor=nomor, hal=hal, kepada=kepada, isi=isi, ttd=ttd, di=di, sifat=sifat, lampiran=lampiran,
            tanggal=tanggal, tempat=tempat, tembusan=tembusan, paraf=paraf, halaman_lampiran=halaman_lampiran,
            kop=kop,
        )
        return self.build(story, judul=hal, subjek=nomor)

    def kepala_lampiran(
        self, keterangan: str, nomor: str, tanggal: date | None, hal: str = ""
    ) -> Flowable:
        """The block at the top right of an attachment page (plain text)::

            LAMPIRAN SURAT KEPALA DINAS …
            NOMOR    : 000.9/15/PPID
            TANGGAL  : 16 Maret 2026
            HAL      : …
        """
        st = self.gaya("normal", fontSize=self.ukuran - 1, leading=(self.ukuran - 1) * 1.2)
        w = self.lebar - self.x_ttd + 10 * MM
        rows = [("NOMOR", nomor_cetak(nomor)), ("TANGGAL", tanggal_panjang(tanggal) if tanggal else "")]
        if hal:
            rows.append(("HAL", hal))
        w_label = max(stringWidth(r[0], st.fontName, st.fontSize) for r in rows) + 2 * MM
        w_colon = stringWidth(": ", st.fontName, st.fontSize) + 1
        data: list[list[Any]] = [[Paragraph(esc(keterangan.upper()), st), "", ""]]
        data += [[Paragraph(a, st), Paragraph(":", st), Paragraph(esc(b), st)] for a, b in rows]
        inner = self._tabel_tata_letak(data, [w_label, w_colon, w - w_label - w_colon])
        inner.setStyle(TableStyle([("SPAN", (0, 0), (-1, 0))]))
        outer = self._tabel_tata_letak([["", inner]], [self.lebar - w, w])
        outer.spaceAfter = self.leading
        return outer

    # ------------------------------------------------------------------ judul layout

    def blok_judul(self, judul: str, nomor: str = "", subjudul: Sequence[str] = ()) -> list[Flowable]:
        """Centred bold underlined title, ``NOMOR …`` under it, then optional centred lines (plain text)."""
        out: list[Flowable] = [Paragraph(f"<u>{esc(judul.upper())}</u>", self.styles["judul"])]
        if nomor:
            out.append(Paragraph(f"NOMOR {esc(nomor_cetak(nomor))}", self.styles["subjudul"]))
        for line in subjudul:
            out.append(Paragraph(esc(line), self.styles["subjudul"]))
        out.append(self.baris_kosong(1))
        return out

    def story_naskah_judul(
        self,
        *,
        judul: str,
        isi: Sequence[str | Flowable],
        ttd: Sequence[TandaTangan] | TandaTangan = (),
        nomor: str = "",
        subjudul: Sequence[str] = (),
        mengetahui: TandaTangan | None = None,
        tanggal: date | None = None,
        tempat: str = "",
        tembusan: Sequence[str] = (),
        paraf: Sequence[Paraf] = (),
        kop: bool = True,
    ) -> list[Flowable]:
        """Flowables of a judul-layout naskah (see :meth:`naskah_judul`)."""
        signers = [ttd] if isinstance(ttd, TandaTangan) else list(ttd)
        story: list[Flowable] = self.kop() if kop else []
        story.extend(self.blok_judul(judul, nomor, subjudul))
        badan = self._isi(isi)
        penutup: list[Flowable] = []
        lanjutan: list[Flowable] = []
        if tanggal is not None:
            teks = self.tempat_tanggal(tanggal, tempat)
            if len(signers) == 1 and mengetahui is None:
                x = self.x_ttd_untuk(signers[0])
                penutup.append(self._tabel_tata_letak([["", Paragraph(esc(teks), self.styles["ttd"])]],
                                                      [x, self.lebar - x]))
            else:
                penutup.append(Paragraph(esc(teks), self.styles["kanan"]))
                penutup.append(self.baris_kosong(0.5))
        if len(signers) == 1 and mengetahui is None:
            penutup.append(self.ttd_kanan(signers[0], paraf=paraf))
        elif signers or mengetahui is not None:
            rows = self.ttd_banyak(signers, mengetahui=mengetahui)
            penutup.append(rows[0])
            lanjutan.extend(rows[1:])
            paraf = paraf or paraf_tunda()
            if paraf:
                lanjutan.append(self.baris_kosong(1))
                lanjutan.append(self.tabel_paraf(paraf))
        if penutup:
            story.extend(self._akhir(badan, penutup, lanjutan))
        else:
            story.extend(badan)
        if tembusan:
            story.append(self.baris_kosong(1))
            story.extend(self.tembusan(tembusan))
        return story

    def naskah_judul(
        self,
        *,
        judul: str,
        isi: Sequence[str | Flowable],
        ttd: Sequence[TandaTangan] | TandaTangan = (),
        nomor: str = "",
        subjudul: Sequence[str] = (),
        mengetahui: TandaTangan | None = None,
        tanggal: date | None = None,
        tempat: str = "",
        tembusan: Sequence[str] = (),
        paraf: Sequence[Paraf] = (),
        kop: bool = True,
    ) -> bytes:
        """A naskah in the judul layout (surat tugas, berita acara, laporan …), as PDF bytes.

        Kop; centred bold underlined ``judul``; ``NOMOR nomor``; ``subjudul`` lines (``"TENTANG …"``);
        ``isi``; signatures: one signer -> right half (its own ``tempat``/``tanggal`` line when set),
        several -> side by side, two per row, with ``mengetahui`` centred below. ``tanggal`` prints one
        shared ``Tempat, tanggal`` line above the signatures.
        """
        story = self.story_naskah_judul(
            judul=judul, isi=isi, ttd=ttd, nomor=nomor, subjudul=subjudul, mengetahui=mengetahui,
            tanggal=tanggal, tempat=tempat, tembusan=tembusan, paraf=paraf, kop=kop,
        )
        return self.build(story, judul=judul, subjek=nomor)

    # ------------------------------------------------------------------ nota dinas

    def story_nota_dinas(
        self,
        *,
        kepada: str,
        dari: str,
        nomor: str,
        hal: str,
        isi: Sequence[str | Flowable],
        ttd: TandaTangan,
        tanggal: date | None = None,
        tembusan: Sequence[str] = (),
        sifat: str = "Biasa",
        lampiran: str = "-",
        paraf: Sequence[Paraf] = (),
        kop: bool = True,
    ) -> list[Flowable]:
        """Flowables of a nota dinas (see :meth:`nota_dinas`)."""
        when = tanggal or ttd.tanggal
        story: list[Flowable] = self.kop() if kop else []
        story.append(Paragraph("<u>NOTA DINAS</u>", self.styles["judul"]))
        story.append(self.baris_kosong(1))
        tembusan_sel: str | Flowable
        if not tembusan:
            tembusan_sel = "-"
        elif len(tembusan) == 1:
            tembusan_sel = esc(tembusan[0])
        else:
            tembusan_sel = self._daftar_sempit([esc(t) for t in tembusan])
        rows: list[tuple[str, str | Flowable]] = [
            ("Kepada", f"Yth. {esc(kepada)}"),
            ("Dari", esc(dari)),
            ("Tembusan", tembusan_sel),
            ("Tanggal", esc(tanggal_panjang(when)) if when else ""),
            ("Nomor", esc(nomor_cetak(nomor))),
            ("Sifat", esc(sifat or "Biasa")),
            ("Lampiran", esc(lampiran or "-")),
            ("Hal", esc(hal)),
        ]
        story.append(self.kv_table(rows))
        story.append(_Garis(1.2, sebelum=4, sesudah=8))
        story.extend(self._akhir(self._isi(isi), [self.ttd_kanan(ttd, dengan_tanggal=False, paraf=paraf)]))
        return story

    def _daftar_sempit(self, items: Sequence[str]) -> Flowable:
        st = self.styles["normal"]
        w_no = stringWidth(f"{len(items)}. ", self.font.normal, self.ukuran) + 1
        return self._tabel_tata_letak(
            [[Paragraph(f"{i}.", st), Paragraph(x, st)] for i, x in enumerate(items, 1)],
            [w_no, self.lebar * 0.7 - w_no],
        )

    def nota_dinas(
        self,
        *,
        kepada: str,
        dari: str,
        nomor: str,
        hal: str,
        isi: Sequence[str | Flowable],
        ttd: TandaTangan,
        tanggal: date | None = None,
        tembusan: Sequence[str] = (),
        sifat: str = "Biasa",
        lampiran: str = "-",
        paraf: Sequence[Paraf] = (),
        kop: bool = True,
    ) -> bytes:
        """A nota dinas as PDF bytes: kop, ``NOTA DINAS``, the Kepada/Dari/Tembusan/Tanggal/Nomor/Sifat/
        Lampiran/Hal table, a rule, the body and the signature (no place/date line; no stamp)."""
        story = self.story_nota_dinas(
            kepada=kepada, dari=dari, nomor=nomor, hal=hal, isi=isi, ttd=ttd, tanggal=tanggal,
            tembusan=tembusan, sifat=sifat, lampiran=lampiran, paraf=paraf, kop=kop,
        )
        return self.build(story, judul=f"Nota Dinas: {hal}", subjek=nomor)
