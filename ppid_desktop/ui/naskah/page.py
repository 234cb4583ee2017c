"""Naskah & Arsip: the document kit's test page; letters of each room are printed from their pages."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.widgets import Card, PageHeader


def preview_test_page(ctx: AppContext, parent: QWidget) -> None:
    """Build the kop-surat test page in the background and open it in the preview window."""
    from ppid_desktop.naskah.dokumen.uji_kop import halaman_uji_kop
    from ppid_desktop.naskah.model import Pejabat
    from ppid_desktop.ui.naskah.preview import PdfPreviewDialog

    master = ctx.services.master
    signers = master.list_pegawai(boleh_ttd="surat_keluar") or master.list_pegawai()
    pejabat = master.pejabat(signers[0]) if signers else Pejabat(nama="NAMA PEJABAT", jabatan="Kepala Dinas")
    instansi = master.instansi()

    def show(pdf: bytes) -> None:
        dlg = PdfPreviewDialog(pdf, "uji-kop-surat.pdf", parent)
        parent._preview = dlg  # type: ignore[attr-defined]  # keep a reference while it is open
        dlg.open()

    ctx.tasks.run(lambda _p: halaman_uji_kop(instansi, pejabat), title=parent.tr("Menyusun halaman uji…"),
                  on_done=show, parent=parent)


class NaskahPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 20, 24, 16)
        lay.addWidget(PageHeader(self.tr("Naskah & Arsip"), self.tr(
            "Naskah dinas dicetak di atas kop surat instansi dengan ukuran kertas, huruf dan margin dari profil. "
            "Surat layanan informasi dicetak dari halaman Layanan Informasi; surat tugas, berita acara dan "
            "laporan monev dari halaman Monev.")))
        card = Card(self.tr("Halaman uji kop surat"))
        hint = QLabel(self.tr(
            "Periksa kop, blok nomor, blok tanda tangan (NIP 8-6-1-3), tabel paraf dan nomor halaman sebelum "
            "mencetak surat resmi. Cetak atau simpan sebagai PDF dari jendela pratinjau."))
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        card.body.addWidget(hint)
        row = QHBoxLayout()
        self.preview_btn = QPushButton(self.tr("Pratinjau halaman uji"))
        self.preview_btn.setProperty("primary", True)
        self.preview_btn.clicked.connect(lambda: preview_test_page(self.ctx, self))
        row.addWidget(self.preview_btn)
        row.addStretch(1)
        card.body.addLayout(row)
        lay.addWidget(card)
        coming = Card(self.tr("Arsip dan alur paraf (rilis berikutnya)"))
        for line in (self.tr("Agenda surat keluar dengan nomor dari pola instansi"),
                     self.tr("Alur paraf hierarki dan koordinasi sebelum tanda tangan"),
                     self.tr("Arsip PDF yang ditandatangani beserta kode klasifikasi arsip")):
            lbl = QLabel("•  " + line)
            coming.body.addWidget(lbl)
        lay.addWidget(coming)
        lay.addStretch(1)

    def smoke(self) -> None:
        self.preview_btn.click()
        self.ctx.tasks.wait(60000)
        from PySide6.QtWidgets import QApplication

        QApplication.processEvents()
        dlg: Any = getattr(self, "_preview", None)
        if dlg is not None:
            dlg.close()
