"""PDF preview window: every document of the app is shown here before it is printed or saved.

``PdfPreviewDialog(pdf_bytes, "nama-berkas.pdf", parent)`` shows the pages with QtPdf (continuous pages,
fit to width, zoom, page navigation) and offers "Cetak…" (QPrinter + QPrintDialog, pages rendered at the
printer's resolution on paper of the PDF's own size, e.g. F4) and "Simpan sebagai PDF…" (writes the
bytes unchanged).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMarginsF,
    QPointF,
    QRect,
    QSize,
    QSizeF,
    QStandardPaths,
    Slot,
)
from PySide6.QtGui import QKeySequence, QPageLayout, QPageSize, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ppid_desktop.ui.widgets import show_error, ukuran_pas

__all__ = ["PdfPreviewDialog"]

# Printing renders each page to an image; cap its resolution to keep memory sane (F4 at 300 dpi ≈ 40 MB).
_DPI_CETAK_MAKS = 300
_ZOOM_LANGKAH = 1.25


def _ukuran_halaman(size_pt: QSizeF) -> QPageSize:
    """A QPageSize for a PDF page size in points, named A4/F4 when it is one of them."""
    w_mm = size_pt.width() * 25.4 / 72
    h_mm = size_pt.height() * 25.4 / 72
    short, long_ = sorted((w_mm, h_mm))
    if abs(short - 210) < 1.5 and abs(long_ - 297) < 1.5:
        return QPageSize(QPageSize.PageSizeId.A4)
    if abs(short - 215) < 1.5 and abs(long_ - 330) < 1.5:
        # F4 is defined explicitly (never Legal, which is 216 × 356 mm).
        return QPageSize(QSizeF(215, 330), QPageSize.Unit.Millimeter, "F4", QPageSize.SizeMatchPolicy.ExactMatch)
    return QPageSize(QSizeF(short, long_), QPageSize.Unit.Millimeter, "", QPageSize.SizeMatchPolicy.ExactMatch)


class PdfPreviewDialog(QDialog):
    """Preview of a PDF given as bytes, with print and save."""

    def __init__(self, pdf: bytes, nama_berkas: str = "dokumen.pdf", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pdf = bytes(pdf)
        self._nama_berkas = nama_berkas if nama_berkas.lower().endswith(".pdf") else f"{nama_berkas}.pdf"
        self._ok = False
        self.printer: QPrinter | None = None  # kept on self: a temporary QPrinter crashes QPrintDialog
        self.setWindowTitle(self.tr("Pratinjau — %1").replace("%1", self._nama_berkas))
        self.setModal(False)

        # QPdfDocument reads from a QIODevice that must live as long as the document.
        self._data = QByteArray(self._pdf)
        self._buffer = QBuffer(self)
        self._buffer.setData(self._data)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)

        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)

        self.prev_btn = QPushButton(self.tr("‹"))
        self.prev_btn.setToolTip(self.tr("Halaman sebelumnya (Page Up)"))
        self.prev_btn.setAccessibleName(self.tr("Halaman sebelumnya"))
        self.next_btn = QPushButton(self.tr("›"))
        self.next_btn.setToolTip(self.tr("Halaman berikutnya (Page Down)"))
        self.next_btn.setAccessibleName(self.tr("Halaman berikutnya"))
        self.page_spin = QSpinBox()
        self.page_spin.setMinimum(1)
        self.page_spin.setMaximum(max(self.page_count(), 1))
        self.page_spin.setAccessibleName(self.tr("Nomor halaman"))
        self.page_total = QLabel()
        self.zoom_out_btn = QPushButton(self.tr("−"))
        self.zoom_out_btn.setToolTip(self.tr("Perkecil (Ctrl+-)"))
        self.zoom_out_btn.setAccessibleName(self.tr("Perkecil"))
        self.zoom_in_btn = QPushButton(self.tr("+"))
        self.zoom_in_btn.setToolTip(self.tr("Perbesar (Ctrl++)"))
        self.zoom_in_btn.setAccessibleName(self.tr("Perbesar"))
        self.fit_btn = QPushButton(self.tr("Lebar penuh"))
        self.fit_btn.setToolTip(self.tr("Sesuaikan halaman dengan lebar jendela"))
        self.print_btn = QPushButton(self.tr("Cetak…"))
        self.print_btn.setProperty("primary", True)
        self.save_btn = QPushButton(self.tr("Simpan PDF…"))
        self.save_btn.setToolTip(self.tr("Simpan sebagai berkas PDF (Ctrl+S)"))
        for b in (self.prev_btn, self.next_btn, self.zoom_out_btn, self.zoom_in_btn):
            b.setMinimumWidth(36)
        self.close_btn = QPushButton(self.tr("Tutup"))
        self.print_btn.setDefault(True)

        bar = QHBoxLayout()
        bar.setSpacing(6)
        bar.addWidget(self.prev_btn)
        bar.addWidget(QLabel(self.tr("Halaman")))
        bar.addWidget(self.page_spin)
        bar.addWidget(self.page_total)
        bar.addWidget(self.next_btn)
        bar.addSpacing(12)
        bar.addWidget(self.zoom_out_btn)
        bar.addWidget(self.zoom_in_btn)
        bar.addWidget(self.fit_btn)
        bar.addStretch(1)
        bar.addWidget(self.print_btn)
        bar.addWidget(self.save_btn)
        bar.addWidget(self.close_btn)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        # WORKAROUND: a layout that constrains the window size makes the offscreen platform warn
        # "does not support propagateSizeHints()"; the preview scrolls, so no window minimum is needed.
        lay.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        lay.addLayout(bar)
        lay.addWidget(self.view, 1)

        self.prev_btn.clicked.connect(self.halaman_sebelumnya)
        self.next_btn.clicked.connect(self.halaman_berikutnya)
        self.page_spin.valueChanged.connect(self._spin_changed)
        self.view.pageNavigator().currentPageChanged.connect(self._page_changed)
        self.zoom_in_btn.clicked.connect(self.perbesar)
        self.zoom_out_btn.clicked.connect(self.perkecil)
        self.fit_btn.clicked.connect(self.sesuai_lebar)
        self.print_btn.clicked.connect(self.cetak)
        self.save_btn.clicked.connect(self.simpan)
        self.close_btn.clicked.connect(self.close)
        QShortcut(QKeySequence.StandardKey.Print, self, self.cetak)
        QShortcut(QKeySequence.StandardKey.Save, self, self.simpan)
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, self.perbesar)
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, self.perkecil)

        self._ok = self.document.status() == QPdfDocument.Status.Ready and self.page_count() > 0
        for w in (self.print_btn, self.save_btn, self.page_spin, self.zoom_in_btn, self.zoom_out_btn, self.fit_btn):
            w.setEnabled(self._ok)
        self._update_nav(0)
        # A4 portrait read at the width of the window, as tall as the screen allows (1366×768: 860×698).
        ukuran_pas(self, max(860, bar.minimumSize().width() + 16), 1000)

    # ------------------------------------------------------------------ state

    def page_count(self) -> int:
        return int(self.document.pageCount())

    def current_page(self) -> int:
        """Zero-based index of the page shown."""
        return int(self.view.pageNavigator().currentPage())

    def pdf_bytes(self) -> bytes:
        return self._pdf

    # ------------------------------------------------------------------ navigation and zoom

    def go_to_page(self, index: int) -> None:
        """Show page ``index`` (zero-based; clamped)."""
        if self.page_count() == 0:
            return
        index = max(0, min(index, self.page_count() - 1))
        nav = self.view.pageNavigator()
        nav.jump(index, QPointF(), nav.currentZoom())
        self._update_nav(index)

    @Slot()
    def halaman_sebelumnya(self) -> None:
        self.go_to_page(self.current_page() - 1)

    @Slot()
    def halaman_berikutnya(self) -> None:
        self.go_to_page(self.current_page() + 1)

    @Slot(int)
    def _spin_changed(self, value: int) -> None:
        if value - 1 != self.current_page():
            self.go_to_page(value - 1)

    @Slot(int)
    def _page_changed(self, index: int) -> None:
        self._update_nav(index)

    def _update_nav(self, index: int) -> None:
        n = self.page_count()
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(index + 1)
        self.page_spin.blockSignals(False)
        self.page_total.setText(self.tr("dari %1").replace("%1", str(n)))
        self.prev_btn.setEnabled(self._ok and index > 0)
        self.next_btn.setEnabled(self._ok and index < n - 1)

    @Slot()
    def perbesar(self) -> None:
        self._set_zoom(self.view.zoomFactor() * _ZOOM_LANGKAH)

    @Slot()
    def perkecil(self) -> None:
        self._set_zoom(self.view.zoomFactor() / _ZOOM_LANGKAH)

    @Slot()
    def sesuai_lebar(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def _set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(factor, 5.0)))

    # ------------------------------------------------------------------ save

    def _folder_awal(self) -> str:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return str(Path(folder) / self._nama_berkas) if folder else self._nama_berkas

    @Slot()
    def simpan(self) -> bool:
        """Ask for a file name and write the PDF bytes unchanged. Returns True when written."""
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Simpan sebagai PDF"), self._folder_awal(), self.tr("Dokumen PDF (*.pdf)")
        )
        if not path:
            return False
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            target.write_bytes(self._pdf)
        except OSError as exc:
            show_error(self, self.tr("Berkas tidak dapat disimpan: %1").replace("%1", str(exc)))
            return False
        return True

    # ------------------------------------------------------------------ print

    def _siapkan_printer(self) -> QPrinter:
        if self.printer is None:
            self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            self.printer.setDocName(self._nama_berkas)
        if self.page_count():
            size = self.document.pagePointSize(0)
            orient = (
                QPageLayout.Orientation.Landscape
                if size.width() > size.height()
                else QPageLayout.Orientation.Portrait
            )
            layout = QPageLayout(_ukuran_halaman(size), orient, QMarginsF(0, 0, 0, 0))
            self.printer.setPageLayout(layout)
        self.printer.setFullPage(True)
        self.printer.setFromTo(1, max(self.page_count(), 1))
        return self.printer

    @Slot()
    def cetak(self) -> None:
        """Open the print dialog and print the chosen pages."""
        printer = self._siapkan_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Cetak %1").replace("%1", self._nama_berkas))
        dialog.setMinMax(1, max(self.page_count(), 1))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if not self.cetak_ke(printer):
            show_error(self, self.tr("Pencetak tidak dapat dipakai. Periksa pencetak lalu coba lagi."))

    def cetak_ke(self, printer: QPrinter) -> bool:
        """Render the pages (the printer's from/to range, 1-based; 0 = all) onto ``printer``.

        Each page is drawn on paper of its own size, filling the paper exactly, so a 215 × 330 mm page
        prints 1:1 on F4. Returns False when the printer cannot be opened.
        """
        n = self.page_count()
        if n == 0:
            return False
        first = printer.fromPage() or 1
        last = printer.toPage() or n
        first, last = max(first, 1), min(last, n)
        dpi = min(printer.resolution(), _DPI_CETAK_MAKS)
        painter = QPainter()
        for k, index in enumerate(range(first - 1, last)):
            size_pt = self.document.pagePointSize(index)
            orient = (
                QPageLayout.Orientation.Landscape
                if size_pt.width() > size_pt.height()
                else QPageLayout.Orientation.Portrait
            )
            printer.setPageLayout(QPageLayout(_ukuran_halaman(size_pt), orient, QMarginsF(0, 0, 0, 0)))
            if k == 0:
                if not painter.begin(printer):
                    return False
            elif not printer.newPage():
                painter.end()
                return False
            image = self.document.render(
                index, QSize(round(size_pt.width() * dpi / 72), round(size_pt.height() * dpi / 72))
            )
            target: QRect = printer.paperRect(QPrinter.Unit.DevicePixel).toRect()
            target.moveTo(0, 0)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            painter.drawImage(target, image)
        painter.end()
        return True
