"""The service report dialog of the layanan page: period, editable narrative, PDF preview, the Excel
workbook (the rekap ``laporan-layanan`` export) and the record that the report was sent.

It stands on the one form-dialog base (``DialogFormulir``): "Simpan narasi" saves through ``operasi``
without closing (the PDF and Excel buttons save the narrative first, then build); "Tutup" closes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, ClassVar

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QWidget

from ppid_desktop.akun import roles as R  # noqa: N812
from ppid_desktop.layanan.masukan import PengirimanLaporanMasukan
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.dialog import DialogFormulir
from ppid_desktop.ui.layanan.formulir import FormDialog, Isian, teks_panjang
from ppid_desktop.ui.operasi import operasi
from ppid_desktop.ui.widgets import hanya_baca, info, make_date_edit, qdate_to_date, wenang, wenang_semua


class LaporanDialog(DialogFormulir):
    """Period, editable narrative (stored per period), PDF/xlsx in the background."""

    ROOMS: ClassVar[set[str]] = {"layanan"}
    LEBAR: ClassVar[int] = 760

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        from ppid_desktop.layanan.service import NARASI_BAGIAN

        super().__init__(ctx, "Laporan layanan informasi publik", parent, tombol_simpan="Simpan narasi",
                         tombol_batal="Tutup")
        # labels above their boxes: the narrative gets the dialog's whole width
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        y = ctx.services.layanan.clock().year - 1
        self.dari = make_date_edit(date(y, 1, 1))
        self.sampai = make_date_edit(date(y, 12, 31))
        periode = QWidget()
        row = QHBoxLayout(periode)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.dari, 1)
        row.addWidget(QLabel(self.tr("sampai")))
        row.addWidget(self.sampai, 1)
        self.form.addRow(self.tr("Periode laporan"), periode)
        self.fields["dari"] = self.dari
        self.fields["sampai"] = self.sampai
        self.narasi: dict[str, QPlainTextEdit] = {}
        for key, label in NARASI_BAGIAN.items():
            self.narasi[key] = self.baris(key, label, teks_panjang(tinggi=70))
        bar = QHBoxLayout()
        self.btn_pdf = QPushButton(self.tr("Buat PDF"))
        self.btn_xlsx = QPushButton(self.tr("Simpan Excel…"))
        self.btn_kirim = QPushButton(self.tr("Catat pengiriman…"))
        self.btn_kirim.setToolTip(self.tr("Catat kepada siapa, kapan dan bagaimana laporan dikirim; pengingat di "
                                          "Beranda berhenti setelah laporan setahun penuh tercatat terkirim"))
        self.btn_naskah = QPushButton(self.tr("Buat naskah keluar…"))
        self.btn_naskah.setObjectName("buat_naskah")
        for b in (self.btn_pdf, self.btn_xlsx, self.btn_kirim, self.btn_naskah):
            bar.addWidget(b)
        bar.addStretch(1)
        lay = self.layout()
        assert lay is not None
        lay.insertLayout(1, bar)  # type: ignore[attr-defined]
        # the narrative and the sent record are the service staff's; a reader may still build the report
        if not wenang(ctx, R.LAYANAN_CATAT, self.simpan_btn, self.btn_kirim):
            hanya_baca(ctx, R.LAYANAN_CATAT, *self.narasi.values())
        self.btn_pdf.clicked.connect(self.pdf)
        self.btn_xlsx.clicked.connect(self.xlsx)
        self.btn_kirim.clicked.connect(lambda: self.dialog_kirim().exec())
        # the report as an agenda letter: the service staff drafts it, the agenda is the naskah room's
        if wenang_semua(ctx, (R.LAYANAN_CATAT, R.NASKAH_KELOLA), self.btn_naskah):
            self.btn_naskah.setToolTip(self.tr("Buat (atau buka) konsep surat laporan periode ini di agenda surat; "
                                               "nomor diberikan saat ditandatangani"))
        self.btn_naskah.clicked.connect(self.buat_naskah)
        self.dari.dateChanged.connect(lambda _d: self.muat())
        self.sampai.dateChanged.connect(lambda _d: self.muat())
        self.muat()

    def periode(self) -> tuple[date, date]:
        return qdate_to_date(self.dari.date()), qdate_to_date(self.sampai.date())

    def dialog_kirim(self) -> FormDialog:
        lay, actor, (dari, sampai) = self.ctx.services.layanan, self.ctx.actor, self.periode()
        return FormDialog(self.ctx, self.tr("Catat pengiriman laporan"), [
            Isian("kepada", "Dikirim kepada", awal="Komisi Informasi Provinsi"),
            Isian("tanggal", "Tanggal kirim", "tanggal", awal=lay.clock()),
            Isian("cara", "Cara", awal="Surat dinas"), Isian("catatan", "Catatan", "panjang"),
        ], lambda v: lay.catat_pengiriman_laporan(actor, dari, sampai, PengirimanLaporanMasukan.dari_dict(v)), self)

    def muat(self) -> None:
        teks = self.ctx.services.layanan.narasi(*self.periode())
        for k, w in self.narasi.items():
            w.setPlainText(teks.get(k, ""))

    # ---------------------------------------------------------------- saving the narrative
    def kirim(self) -> Callable[[], Any]:
        lay, actor, (dari, sampai) = self.ctx.services.layanan, self.ctx.actor, self.periode()
        isi = {k: w.toPlainText() for k, w in self.narasi.items()}
        return lambda: lay.simpan_narasi(actor, dari, sampai, isi)

    def simpan(self) -> None:
        """Save the narrative and stay open (the base would close)."""
        self._simpan_lalu(lambda: self.ctx.status(self.tr("Narasi laporan tersimpan")))

    def _simpan_lalu(self, then: Callable[[], None]) -> None:
        if not self.ctx.can(R.LAYANAN_CATAT):  # a reader builds the report from what is stored
            then()
            return
        operasi(self.ctx, self.kirim(), rooms=self.ROOMS, title=self.tr("Menyimpan narasi…"), parent=self,
                feedback=self.feedback, fields=self.fields, on_done=lambda _r: then())

    # ---------------------------------------------------------------- the agenda letter
    def buat_naskah(self) -> None:
        """Create (once per period) or find the report's agenda draft; paraf and signature go on in Naskah & Arsip."""
        from ppid_desktop.layanan import laporan as LP  # noqa: N812

        ctx, (dari, sampai) = self.ctx, self.periode()
        ada = LP.naskah(ctx.services, dari, sampai) is not None

        def done(surat: Any) -> None:
            self.naskah_terakhir = surat
            nomor = getattr(surat, "nomor", None)
            keadaan = (self.tr("bernomor %1").replace("%1", nomor) if nomor
                       else self.tr("konsep tanpa nomor; nomor diberikan saat ditandatangani"))
            awal = self.tr("Surat laporan periode ini sudah ada di agenda") if ada else self.tr(
                "Konsep surat laporan dibuat di agenda")
            info(self, awal + f" ({keadaan}). " + self.tr(
                "Lanjutkan paraf dan tanda tangan di Naskah & Arsip."))

        operasi(ctx, lambda: LP.konsep(ctx.services, ctx.actor, dari, sampai), rooms={"layanan", "naskah"},
                title=self.tr("Membuat naskah keluar…"), parent=self, on_done=done)

    # ---------------------------------------------------------------- building
    def pdf(self) -> None:
        self._simpan_lalu(self._pdf)

    def _pdf(self) -> None:
        from ppid_desktop.layanan import laporan as LP  # noqa: N812

        ctx, (dari, sampai) = self.ctx, self.periode()

        def work() -> bytes:
            r = LP.laporan(ctx.services, ctx.actor, dari, sampai)
            return LP.pdf(ctx.services.master.instansi(), r, LP.penandatangan(ctx.services))

        def done(pdf: bytes) -> None:
            from ppid_desktop.ui.naskah.preview import PdfPreviewDialog

            self.last_pdf = pdf
            PdfPreviewDialog(pdf, f"laporan-layanan-{dari}-{sampai}.pdf", self).show()

        operasi(ctx, work, rooms=(), title=self.tr("Menyusun laporan…"), parent=self, on_done=done)

    def xlsx(self) -> None:
        self._simpan_lalu(self._xlsx)

    def _xlsx(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        dari, sampai = self.periode()
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Simpan Excel"), f"laporan-layanan-{dari}-{sampai}.xlsx",
                                              "Excel (*.xlsx)")
        if not path:
            return
        ctx = self.ctx

        def work() -> str:
            from ppid_desktop.layanan.berkas import tulis

            # the same workbook as ``ppid ekspor laporan-layanan`` (the shared writer)
            data = ctx.services.rekap.ekspor_bytes(ctx.actor, "laporan-layanan", dari=dari, sampai=sampai)
            return str(tulis(path, data))

        operasi(ctx, work, rooms=(), title=self.tr("Menyimpan Excel…"), parent=self,
                on_done=lambda p: info(self, self.tr("Tersimpan: %1").replace("%1", p)))
