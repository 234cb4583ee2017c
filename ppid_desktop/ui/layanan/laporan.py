"""The service report dialog of the layanan page: period, editable narrative, PDF preview, the Excel
workbook (the rekap ``laporan-layanan`` export) and the record that the report was sent."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ppid_desktop.core.errors import UserError
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.layanan.formulir import FormDialog, Isian, teks_panjang
from ppid_desktop.ui.widgets import FormFeedback, gulung, info, make_date_edit, qdate_to_date, tutup_dialog


class LaporanDialog(QDialog):
    """Period, editable narrative (stored per period), PDF/xlsx in the background."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ppid_desktop.layanan.service import NARASI_BAGIAN

        self.ctx = ctx
        self.setWindowTitle(self.tr("Laporan layanan informasi publik"))
        self.resize(720, 620)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # labels above: the boxes get the width
        y = ctx.services.layanan.clock().year - 1
        self.dari = make_date_edit(date(y, 1, 1))
        self.sampai = make_date_edit(date(y, 12, 31))
        form.addRow(self.tr("Dari"), self.dari)
        form.addRow(self.tr("Sampai"), self.sampai)
        self.narasi: dict[str, QPlainTextEdit] = {}
        for key, label in NARASI_BAGIAN.items():
            t = teks_panjang(tinggi=70)
            self.narasi[key] = t
            form.addRow(label, t)
        lay.addWidget(gulung(form), 1)
        self.feedback = FormFeedback(self)
        lay.addWidget(self.feedback)
        bar = QHBoxLayout()
        self.btn_simpan = QPushButton(self.tr("Simpan narasi"))
        self.btn_pdf = QPushButton(self.tr("Buat PDF"))
        self.btn_xlsx = QPushButton(self.tr("Simpan Excel…"))
        self.btn_kirim = QPushButton(self.tr("Catat pengiriman…"))
        self.btn_kirim.setToolTip(self.tr("Catat kepada siapa, kapan dan bagaimana laporan dikirim; pengingat di "
                                          "Beranda berhenti setelah laporan setahun penuh tercatat terkirim"))
        for b in (self.btn_simpan, self.btn_pdf, self.btn_xlsx, self.btn_kirim):
            bar.addWidget(b)
        lay.addLayout(bar)
        tutup_dialog(self, lay)
        self.btn_simpan.clicked.connect(self.simpan)
        self.btn_pdf.clicked.connect(self.pdf)
        self.btn_xlsx.clicked.connect(self.xlsx)
        self.btn_kirim.clicked.connect(lambda: self.dialog_kirim().exec())
        self.dari.dateChanged.connect(lambda _d: self.muat())
        self.sampai.dateChanged.connect(lambda _d: self.muat())
        self.muat()

    def periode(self) -> tuple[date, date]:
        return qdate_to_date(self.dari.date()), qdate_to_date(self.sampai.date())

    def dialog_kirim(self) -> FormDialog:
        lay, actor, (dari, sampai) = self.ctx.services.layanan, self.ctx.actor, self.periode()
        return FormDialog(self.tr("Catat pengiriman laporan"), [
            Isian("kepada", "Dikirim kepada", awal="Komisi Informasi Provinsi"),
            Isian("tanggal", "Tanggal kirim", "tanggal", awal=lay.clock()),
            Isian("cara", "Cara", awal="Surat dinas"), Isian("catatan", "Catatan", "panjang"),
        ], lambda v: lay.catat_pengiriman_laporan(actor, dari, sampai, v), self)

    def muat(self) -> None:
        teks = self.ctx.services.layanan.narasi(*self.periode())
        for k, w in self.narasi.items():
            w.setPlainText(teks.get(k, ""))

    def simpan(self) -> bool:
        try:
            self.ctx.services.layanan.simpan_narasi(self.ctx.actor, *self.periode(),
                                                    {k: w.toPlainText() for k, w in self.narasi.items()})
        except UserError as exc:
            self.feedback.show_exception(exc)
            return False
        self.feedback.clear_problems()
        return True

    def pdf(self) -> None:
        from ppid_desktop.layanan import laporan as LP  # noqa: N812

        if not self.simpan():
            return
        ctx, (dari, sampai) = self.ctx, self.periode()

        def work(_p: Any) -> bytes:
            r = LP.laporan(ctx.services, ctx.actor, dari, sampai)
            return LP.pdf(ctx.services.master.instansi(), r, LP.penandatangan(ctx.services))

        def done(pdf: bytes) -> None:
            from ppid_desktop.ui.naskah.preview import PdfPreviewDialog

            self.last_pdf = pdf
            PdfPreviewDialog(pdf, f"laporan-layanan-{dari}-{sampai}.pdf", self).show()

        ctx.tasks.run(work, title=self.tr("Menyusun laporan…"), on_done=done)

    def xlsx(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        if not self.simpan():
            return
        dari, sampai = self.periode()
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Simpan Excel"), f"laporan-layanan-{dari}-{sampai}.xlsx", "Excel (*.xlsx)")
        if not path:
            return
        ctx = self.ctx

        def work(_p: Any) -> str:
            from ppid_desktop.layanan.berkas import tulis

            # the same workbook as ``ppid ekspor laporan-layanan`` (the shared writer)
            data = ctx.services.rekap.ekspor_bytes(ctx.actor, "laporan-layanan", dari=dari, sampai=sampai)
            return str(tulis(path, data))

        ctx.tasks.run(work, title=self.tr("Menyimpan Excel…"), on_done=lambda p: info(self, self.tr("Tersimpan: %1").replace("%1", p)))
