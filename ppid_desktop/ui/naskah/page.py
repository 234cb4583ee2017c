"""Naskah & Arsip: agenda surat keluar (paraf → tanda tangan → nomor → kirim → arsip) and the kop test page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ppid_desktop.akun import roles as R
from ppid_desktop.core.errors import UserError
from ppid_desktop.core.tanggal import tanggal_panjang
from ppid_desktop.naskah.agenda import JENIS_LABEL, MODE_TTD, SIFAT, STATUS_LABEL, ParafInput
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.listmodel import Column, ListTableModel
from ppid_desktop.ui.widgets import FormFeedback, PageHeader, info, make_date_edit, show_error, table_view


def preview_test_page(ctx: AppContext, parent: QWidget) -> None:
    """Build the kop-surat test page in the background and open it in the preview window."""
    from ppid_desktop.dokumen.data import Pejabat
    from ppid_desktop.naskah.dokumen.uji_kop import halaman_uji_kop
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


class KonsepDialog(QDialog):
    """A new draft: kind, subject, addressee, signer and the paraf chain in order."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.created: Any = None
        self.setWindowTitle(self.tr("Konsep naskah baru"))
        self.setMinimumWidth(560)
        master = ctx.services.master
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.jenis = QComboBox()
        for key, label in JENIS_LABEL.items():
            self.jenis.addItem(label, key)
        self.hal = QLineEdit()
        self.kepada = QLineEdit()
        self.kepada.setPlaceholderText(self.tr("mis. Kepala Perangkat Daerah se-Kota Salatiga"))
        self.sifat = QComboBox()
        self.sifat.addItems(list(SIFAT))
        self.lampiran = QLineEdit("-")
        self.kode = QLineEdit()
        self.kode.setPlaceholderText("000.8.3.3")
        self.signer = QComboBox()
        self.mode = QComboBox()
        self.mode.addItems([m or "—" for m in MODE_TTD])
        self.pegawai = master.list_pegawai()
        for p in self.pegawai:
            self.signer.addItem(f"{p.nama} — {p.jabatan}", p.id)
        self.ringkasan = QPlainTextEdit()
        self.ringkasan.setMaximumHeight(70)
        for label, w in ((self.tr("Jenis"), self.jenis), (self.tr("Hal"), self.hal), (self.tr("Kepada"), self.kepada),
                         (self.tr("Sifat"), self.sifat), (self.tr("Lampiran"), self.lampiran),
                         (self.tr("Kode klasifikasi"), self.kode), (self.tr("Penanda tangan"), self.signer),
                         (self.tr("a.n./Plt./Plh."), self.mode), (self.tr("Ringkasan isi"), self.ringkasan)):
            form.addRow(label, w)
        lay.addLayout(form)
        box = QGroupBox(self.tr("Urutan paraf (atas ke bawah)"))
        bl = QHBoxLayout(box)
        self.avail = QComboBox()
        for p in self.pegawai:
            self.avail.addItem(f"{p.nama} — {p.jabatan}", p.id)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("hierarki"), "hierarki")
        self.kind.addItem(self.tr("koordinasi"), "koordinasi")
        add = QPushButton(self.tr("Tambah"))
        self.chain = QListWidget()
        self.chain.setMaximumHeight(90)
        remove = QPushButton(self.tr("Hapus"))
        col = QVBoxLayout()
        row = QHBoxLayout()
        row.addWidget(self.avail, 1)
        row.addWidget(self.kind)
        row.addWidget(add)
        col.addLayout(row)
        col.addWidget(self.chain)
        col.addWidget(remove, 0, Qt.AlignmentFlag.AlignRight)
        bl.addLayout(col)
        lay.addWidget(box)
        add.clicked.connect(self.add_paraf)
        remove.clicked.connect(lambda: self.chain.takeItem(self.chain.currentRow()))
        self.feedback = FormFeedback()
        lay.addWidget(self.feedback)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(self.tr("Simpan konsep"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setProperty("primary", True)
        buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole).clicked.connect(self.reject)
        self.ok.clicked.connect(self.save)
        lay.addWidget(buttons)

    def add_paraf(self) -> None:
        if self.avail.currentIndex() < 0:
            return
        item = QListWidgetItem(f"{self.chain.count() + 1}. {self.avail.currentText()} ({self.kind.currentText()})")
        item.setData(Qt.ItemDataRole.UserRole, (self.avail.currentData(), self.kind.currentData()))
        self.chain.addItem(item)

    def save(self) -> None:
        chain = [ParafInput(*self.chain.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.chain.count())]
        mode = self.mode.currentText()
        data = {"jenis": self.jenis.currentData(), "hal": self.hal.text(), "kepada": self.kepada.text(),
                "sifat": self.sifat.currentText(), "lampiran": self.lampiran.text(), "kode_klasifikasi": self.kode.text(),
                "penandatangan_id": self.signer.currentData(), "mode_ttd": "" if mode == "—" else mode,
                "ringkasan": self.ringkasan.toPlainText()}
        try:
            self.created = self.ctx.services.agenda.buat_konsep(self.ctx.actor, data, chain)
        except UserError as exc:
            self.feedback.show_exception(exc, {"hal": self.hal, "penandatangan_id": self.signer, "jenis": self.jenis})
            return
        self.accept()


class NaskahPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 20, 24, 16)
        lay.addWidget(PageHeader(self.tr("Naskah & Arsip"), self.tr(
            "Agenda surat keluar: konsep → paraf berjenjang → tanda tangan → nomor dari agenda → kirim → arsip. "
            "Surat layanan informasi dan monev disusun dari halamannya masing-masing.")))
        bar = QHBoxLayout()
        self.tahun = QComboBox()
        self.status = QComboBox()
        self.status.addItem(self.tr("Semua status"), "")
        for key, label in STATUS_LABEL.items():
            self.status.addItem(label, key)
        self.new_btn = QPushButton(self.tr("Konsep baru…"))
        self.new_btn.setProperty("primary", True)
        self.test_btn = QPushButton(self.tr("Halaman uji kop surat"))
        bar.addWidget(QLabel(self.tr("Tahun")))
        bar.addWidget(self.tahun)
        bar.addWidget(self.status)
        bar.addStretch(1)
        bar.addWidget(self.test_btn)
        bar.addWidget(self.new_btn)
        lay.addLayout(bar)
        split = QSplitter()
        self.model: ListTableModel[Any] = ListTableModel([
            Column(self.tr("Nomor"), lambda r: r.nomor or "—"),
            Column(self.tr("Tanggal"), lambda r: tanggal_panjang(r.tanggal) if r.tanggal else "—"),
            Column(self.tr("Jenis"), lambda r: JENIS_LABEL.get(r.jenis, r.jenis)),
            Column(self.tr("Hal"), lambda r: r.hal),
            Column(self.tr("Status"), lambda r: STATUS_LABEL.get(r.status, r.status)),
        ])
        self.table = table_view(self.model)
        split.addWidget(self.table)
        detail = QWidget()
        dl = QVBoxLayout(detail)
        self.info = QLabel(self.tr("Pilih surat di daftar."))
        self.info.setWordWrap(True)
        self.info.setTextFormat(Qt.TextFormat.RichText)
        dl.addWidget(self.info)
        self.paraf_list = QListWidget()
        dl.addWidget(QLabel(self.tr("Paraf")))
        dl.addWidget(self.paraf_list)
        self.buttons: dict[str, QPushButton] = {}
        grid = QVBoxLayout()
        for key, label in (("ajukan", self.tr("Ajukan untuk paraf")), ("setuju", self.tr("Paraf: setujui")),
                           ("kembalikan", self.tr("Paraf: kembalikan…")), ("ttd", self.tr("Tandatangani && beri nomor")),
                           ("kirim", self.tr("Tandai dikirim…")), ("arsip", self.tr("Arsipkan PDF bertanda tangan…")),
                           ("lihat", self.tr("Lihat arsip PDF")), ("batal", self.tr("Batalkan…"))):
            b = QPushButton(label)
            b.setEnabled(False)
            self.buttons[key] = b
            grid.addWidget(b)
        self.buttons["batal"].setProperty("danger", True)
        dl.addLayout(grid)
        dl.addStretch(1)
        split.addWidget(detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay.addWidget(split, 1)
        self.tanggal_ttd = make_date_edit()
        self.new_btn.clicked.connect(self.new_draft)
        self.test_btn.clicked.connect(lambda: preview_test_page(self.ctx, self))
        self.tahun.currentIndexChanged.connect(self.refresh)
        self.status.currentIndexChanged.connect(self.refresh)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_detail())
        b = self.buttons
        b["ajukan"].clicked.connect(lambda: self._do(lambda a, i: self.ctx.services.agenda.ajukan(a, i)))
        b["setuju"].clicked.connect(lambda: self._do(lambda a, i: self.ctx.services.agenda.paraf(a, i, True)))
        b["kembalikan"].clicked.connect(self.return_draft)
        b["ttd"].clicked.connect(lambda: self._do(lambda a, i: self.ctx.services.agenda.tandatangani(a, i, self.ctx.services.clock.today())))
        b["kirim"].clicked.connect(self.mark_sent)
        b["arsip"].clicked.connect(self.archive)
        b["lihat"].clicked.connect(self.view_pdf)
        b["batal"].clicked.connect(self.cancel)
        self.new_btn.setEnabled(ctx.can(R.NASKAH_KELOLA))
        self._fill_years()

    def _fill_years(self) -> None:
        this = self.ctx.services.clock.today().year
        self.tahun.blockSignals(True)
        self.tahun.clear()
        self.tahun.addItem(self.tr("Semua tahun"), 0)
        for y in range(this, this - 5, -1):
            self.tahun.addItem(str(y), y)
        self.tahun.setCurrentIndex(1)
        self.tahun.blockSignals(False)

    def refresh(self) -> None:
        current = self.selected()
        self.model.set_rows(self.ctx.services.agenda.daftar(tahun=self.tahun.currentData() or None,
                                                             status=self.status.currentData() or None))
        self.table.resizeColumnsToContents()
        if current is not None:
            for r, row in enumerate(self.model.rows):
                if row.id == current.id:
                    self.table.selectRow(r)
        self.show_detail()

    def selected(self) -> Any:
        idx = self.table.currentIndex()
        return self.model.row_at(idx.row()) if idx.isValid() and idx.row() < len(self.model.rows) else None

    def show_detail(self) -> None:
        row = self.selected()
        for b in self.buttons.values():
            b.setEnabled(False)
        self.paraf_list.clear()
        if row is None:
            self.info.setText(self.tr("Pilih surat di daftar."))
            return
        d = self.ctx.services.agenda.detail(row.id)
        s = d.surat
        self.info.setText(
            f"<b>{s.hal}</b><br>{JENIS_LABEL.get(s.jenis, s.jenis)} · {s.sifat} · {STATUS_LABEL[s.status]}<br>"
            f"Nomor: {s.nomor or '—'} · Tanggal: {tanggal_panjang(s.tanggal) if s.tanggal else '—'}<br>"
            f"Kepada: {s.kepada or '—'}<br>Penanda tangan: {(s.mode_ttd + ' ') if s.mode_ttd else ''}{s.penandatangan}<br>"
            f"Konseptor: {s.konseptor}" + (f"<br>Catatan: {s.catatan}" if s.catatan else ""))
        mark = {"menunggu": "○", "disetujui": "✓", "dikembalikan": "↩"}
        for p in d.paraf:
            text = f"{mark.get(p.status, '?')} {p.urutan}. {p.nama} — {p.jabatan} ({p.jenis})"
            if p.catatan:
                text += f": {p.catatan}"
            self.paraf_list.addItem(text)
        if not self.ctx.can(R.NASKAH_KELOLA):
            return
        st = s.status
        self.buttons["ajukan"].setEnabled(st in ("konsep", "dikembalikan"))
        self.buttons["setuju"].setEnabled(st == "paraf")
        self.buttons["kembalikan"].setEnabled(st == "paraf")
        self.buttons["ttd"].setEnabled(st == "siap_ttd")
        self.buttons["kirim"].setEnabled(st == "ditandatangani")
        self.buttons["arsip"].setEnabled(st in ("ditandatangani", "dikirim"))
        self.buttons["lihat"].setEnabled(bool(s.pdf_hash))
        self.buttons["batal"].setEnabled(st in ("konsep", "paraf", "dikembalikan", "siap_ttd"))

    def _do(self, action: Any) -> None:
        row = self.selected()
        if row is None:
            return
        try:
            action(self.ctx.actor, row.id)
        except UserError as exc:
            show_error(self, exc)
        self.refresh()

    def new_draft(self) -> None:
        dlg = KonsepDialog(self.ctx, self)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
            for r, row in enumerate(self.model.rows):
                if row.id == dlg.created.id:
                    self.table.selectRow(r)

    def return_draft(self) -> None:
        text, ok = QInputDialog.getText(self, self.tr("Kembalikan konsep"), self.tr("Alasan pengembalian:"))
        if ok:
            self._do(lambda a, i: self.ctx.services.agenda.paraf(a, i, False, text))

    def mark_sent(self) -> None:
        cara, ok = QInputDialog.getItem(self, self.tr("Kirim surat"), self.tr("Cara pengiriman:"),
                                        ["kurir", "pos", "e-mail", "diserahkan langsung", "aplikasi TTE"], 0, True)
        if ok:
            self._do(lambda a, i: self.ctx.services.agenda.kirim(a, i, self.ctx.services.clock.today(), cara))

    def archive(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("PDF bertanda tangan"), "", self.tr("PDF (*.pdf)"))
        if name:
            self._do(lambda a, i: self.ctx.services.agenda.arsipkan(a, i, Path(name)))

    def view_pdf(self) -> None:
        from ppid_desktop.ui.naskah.preview import PdfPreviewDialog

        row = self.selected()
        path = self.ctx.services.agenda.pdf_path(row) if row else None
        if path is None:
            info(self, self.tr("Arsip PDF tidak ditemukan di folder lampiran."))
            return
        self._preview = PdfPreviewDialog(path.read_bytes(), f"{(row.nomor or 'surat').replace('/', '-')}.pdf", self)
        self._preview.open()

    def cancel(self) -> None:
        text, ok = QInputDialog.getText(self, self.tr("Batalkan surat"), self.tr("Alasan pembatalan:"))
        if ok:
            self._do(lambda a, i: self.ctx.services.agenda.batalkan(a, i, text))

    def smoke(self) -> None:
        from PySide6.QtWidgets import QApplication

        self.refresh()
        dlg = KonsepDialog(self.ctx, self)
        dlg.show()
        dlg.close()
        self.test_btn.click()
        self.ctx.tasks.wait(60000)
        QApplication.processEvents()
        preview: Any = getattr(self, "_preview", None)
        if preview is not None:
            preview.close()
