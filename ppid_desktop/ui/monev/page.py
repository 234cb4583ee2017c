"""Monev section: programmes with dashboard (progress, ranking, heat table, bar chart), sessions,
instrument editor, and tindak lanjut."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ppid_desktop.core.errors import UserError
from ppid_desktop.monev import tindak_lanjut as TL
from ppid_desktop.monev.models import STATUS_JADWAL_LABEL
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.listmodel import Column, ListTableModel
from ppid_desktop.ui.monev.editor import InstrumenEditor
from ppid_desktop.ui.monev.grafik import BarChart, HeatModel
from ppid_desktop.ui.monev.sesi import SesiDialog
from ppid_desktop.ui.widgets import (
    FormFeedback,
    PageHeader,
    StatTile,
    make_date_edit,
    qdate_to_date,
    show_error,
)

ROW = Qt.ItemDataRole.UserRole + 1


def _table(model: Any) -> QTableView:
    t = QTableView()
    t.setModel(model)
    t.setAlternatingRowColors(True)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.verticalHeader().hide()
    t.horizontalHeader().setStretchLastSection(True)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return t


class ProgramBaruDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Program monev baru"))
        form = QFormLayout(self)
        self.nama = QLineEdit()
        self.periode = QLineEdit(str(date.today().year))
        self.instrumen = QComboBox()
        for i in ctx.services.monev.list_instrumen():
            if i.status == "terbit":
                self.instrumen.addItem(f"{i.nama} v{i.versi}", i.id)
        self.mulai = make_date_edit()
        self.selesai = make_date_edit()
        self.opd = QListWidget()
        for o in ctx.services.master.list_opd(include_inactive=False):
            it = QListWidgetItem(o.nama)
            it.setData(ROW, o.id)
            it.setCheckState(Qt.CheckState.Checked)
            self.opd.addItem(it)
        form.addRow(self.tr("Nama program"), self.nama)
        form.addRow(self.tr("Periode"), self.periode)
        form.addRow(self.tr("Instrumen (versi terbit)"), self.instrumen)
        form.addRow(self.tr("Tanggal mulai"), self.mulai)
        form.addRow(self.tr("Tanggal selesai"), self.selesai)
        form.addRow(self.tr("Perangkat daerah sasaran"), self.opd)
        self.feedback = FormFeedback()
        form.addRow(self.feedback)
        bb = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        bb.accepted.connect(self._ok)
        bb.rejected.connect(self.reject)
        form.addRow(bb)
        self.program = None

    def _ok(self) -> None:
        ids = [self.opd.item(i).data(ROW) for i in range(self.opd.count())
               if self.opd.item(i).checkState() == Qt.CheckState.Checked]
        try:
            if self.instrumen.currentData() is None:
                raise UserError(self.tr("Belum ada instrumen terbit. Terbitkan instrumen di tab Instrumen."))
            self.program = self.ctx.services.monev.buat_program(
                self.ctx.actor, self.nama.text(), self.instrumen.currentData(), ids, periode=self.periode.text(),
                tanggal_mulai=qdate_to_date(self.mulai.date()), tanggal_selesai=qdate_to_date(self.selesai.date()))
        except UserError as exc:
            self.feedback.show_exception(exc, {"nama": self.nama})
            return
        self.accept()


class ProgramTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.m = ctx.services.monev
        lay = QHBoxLayout(self)
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        self.prog_model: ListTableModel[dict[str, Any]] = ListTableModel([
            Column("Program", lambda r: r["nama"]), Column("Periode", lambda r: r["periode"]),
            Column("OPD", lambda r: r["opd"], True), Column("Final", lambda r: r["difinalkan"], True),
        ])
        self.prog_table = _table(self.prog_model)
        self.prog_table.selectionModel().currentRowChanged.connect(lambda *_: self.show_program())
        ll.addWidget(self.prog_table, 1)
        self.btn_new = QPushButton(self.tr("Program baru…"))
        self.btn_new.clicked.connect(self._new_program)
        ll.addWidget(self.btn_new)
        split.addWidget(left)

        right = QWidget()
        rl = QVBoxLayout(right)
        tiles = QHBoxLayout()
        self.t_opd, self.t_visit = StatTile(self.tr("OPD sasaran")), StatTile(self.tr("Dikunjungi"))
        self.t_final, self.t_verif = StatTile(self.tr("Difinalkan")), StatTile(self.tr("Diverifikasi"))
        for t in (self.t_opd, self.t_visit, self.t_final, self.t_verif):
            tiles.addWidget(t)
        rl.addLayout(tiles)
        self.tabs = QTabWidget()
        self.heat = HeatModel(self)
        self.heat_table = _table(self.heat)
        self.heat_table.doubleClicked.connect(self._open_row)
        self.tabs.addTab(self.heat_table, self.tr("Peringkat dan peta aspek"))
        self.chart = BarChart()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.chart)
        self.tabs.addTab(scroll, self.tr("Grafik nilai"))
        self.jadwal_model: ListTableModel[tuple[Any, Any]] = ListTableModel([
            Column("Perangkat daerah", lambda r: r[1].nama),
            Column("Tanggal", lambda r: r[0].tanggal.strftime("%d-%m-%Y") if r[0].tanggal else ""),
            Column("Jam", lambda r: r[0].jam), Column("Tempat", lambda r: r[0].tempat),
            Column("Status", lambda r: STATUS_JADWAL_LABEL.get(r[0].status, r[0].status)),
        ])
        self.jadwal_table = _table(self.jadwal_model)
        self.jadwal_table.doubleClicked.connect(self._open_jadwal)
        self.tabs.addTab(self.jadwal_table, self.tr("Jadwal dan status"))
        self.tim = QListWidget()
        self.tabs.addTab(self.tim, self.tr("Tim Monev"))
        rl.addWidget(self.tabs, 1)
        row = QHBoxLayout()
        self.btn_open = QPushButton(self.tr("Buka sesi lapangan"))
        self.btn_open.clicked.connect(self.open_selected)
        row.addWidget(self.btn_open)
        self.btn_docs = QPushButton(self.tr("Naskah…"))
        self.btn_docs.clicked.connect(self._documents)
        row.addWidget(self.btn_docs)
        row.addStretch(1)
        rl.addLayout(row)
        split.addWidget(right)
        split.setSizes([330, 800])
        lay.addWidget(split)
        self.skor: list[Any] = []

    def refresh(self) -> None:
        self.prog_model.set_rows(self.m.list_program())
        if self.prog_model.rowCount() and not self.prog_table.currentIndex().isValid():
            self.prog_table.selectRow(0)
        else:
            self.show_program()

    def current_program(self) -> dict[str, Any] | None:
        idx = self.prog_table.currentIndex()
        return self.prog_model.row_at(idx.row()) if idx.isValid() else None

    def show_program(self) -> None:
        p = self.current_program()
        if p is None:
            return
        d = self.m.dasbor(p["id"])
        self.t_opd.set_value(str(d["opd"]))
        self.t_visit.set_value(str(d["dikunjungi"]))
        self.t_final.set_value(str(d["difinalkan"]))
        self.t_verif.set_value(str(d["diverifikasi"]))
        prog = self.m.get_program(p["id"])
        defn = self.m.definisi(prog.instrumen_id)
        self.skor = d["skor"]
        self.heat.set_rows(self.skor, defn)
        self.heat_table.resizeColumnsToContents()
        self.chart.set_items([(r.opd[:34], r.total, r.hasil.warna) for r in self.skor if r.total is not None], defn.skala)
        self.jadwal_model.set_rows(self.m.list_jadwal(p["id"]))
        self.tim.clear()
        for t, peg in self.m.list_tim(p["id"]):
            self.tim.addItem(f"{t.peran}: {peg.nama} — {peg.jabatan}")

    def _new_program(self) -> None:
        dlg = ProgramBaruDialog(self.ctx, self)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def open_jadwal(self, jadwal_id: str) -> SesiDialog | None:
        try:
            sesi = self.m.sesi_jadwal(jadwal_id) or self.m.mulai_sesi(self.ctx.actor, jadwal_id)
        except UserError as exc:
            show_error(self, exc)
            return None
        dlg = SesiDialog(self.ctx, sesi.id, self)
        dlg.finished.connect(lambda *_: self.show_program())
        dlg.open()
        return dlg

    def _open_row(self, index: Any) -> None:
        r = self.heat.rows[index.row()]
        self.open_jadwal(r.jadwal_id)

    def _open_jadwal(self, index: Any) -> None:
        self.open_jadwal(self.jadwal_model.row_at(index.row())[0].id)

    def open_selected(self) -> None:
        if self.tabs.currentWidget() is self.jadwal_table and self.jadwal_table.currentIndex().isValid():
            self._open_jadwal(self.jadwal_table.currentIndex())
        elif self.heat_table.currentIndex().isValid():
            self._open_row(self.heat_table.currentIndex())

    def _documents(self) -> None:
        p = self.current_program()
        if p is None:
            return
        from PySide6.QtWidgets import QInputDialog

        kinds = {self.tr("Surat pemberitahuan monev"): "pemberitahuan", self.tr("Surat tugas Tim Monev"): "surat_tugas"}
        label, ok = QInputDialog.getItem(self, self.tr("Naskah"), self.tr("Pilih naskah"), list(kinds), 0, False)
        if not ok:
            return
        try:
            from ppid_desktop.monev import dokumen
            from ppid_desktop.ui.naskah.preview import PdfPreviewDialog

            pdf = dokumen.surat_pemberitahuan_pdf(self.ctx.services, p["id"]) if kinds[label] == "pemberitahuan" \
                else dokumen.surat_tugas_pdf(self.ctx.services, p["id"])
        except (UserError, ImportError) as exc:
            show_error(self, exc if isinstance(exc, UserError) else str(exc))
            return
        PdfPreviewDialog(pdf, f"{kinds[label]}-monev.pdf", self).open()


class TindakLanjutTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        lay = QVBoxLayout(self)
        self.only_late = QComboBox()
        self.only_late.addItems([self.tr("Semua tindak lanjut"), self.tr("Hanya yang terlambat")])
        self.only_late.currentIndexChanged.connect(lambda *_: self.refresh())
        lay.addWidget(self.only_late)
        self.model: ListTableModel[TL.BarisTindakLanjut] = ListTableModel([
            Column("Perangkat daerah", lambda r: r.opd), Column("Rekomendasi", lambda r: r.rekomendasi),
            Column("Tindak lanjut", lambda r: r.uraian), Column("PIC", lambda r: r.pic),
            Column("Tenggat", lambda r: r.tenggat.strftime("%d-%m-%Y") if r.tenggat else ""),
            Column("Status", lambda r: r.status_label + (" (terlambat)" if r.terlambat else "")),
            Column("Bukti", lambda r: r.bukti_nama),
        ])
        self.table = _table(self.model)
        lay.addWidget(self.table, 1)

    def refresh(self) -> None:
        with self.ctx.services.store.read() as s:
            rows = TL.daftar_tindak_lanjut(s, terlambat_per=date.today() if self.only_late.currentIndex() else None)
        self.model.set_rows(rows)


class MonevPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        lay = QVBoxLayout(self)
        lay.setContentsMargins(28, 24, 28, 24)
        lay.addWidget(PageHeader(self.tr("Monitoring dan Evaluasi"),
                                 self.tr("Program monev per perangkat daerah, sesi lapangan tanpa internet, nilai, "
                                         "rekomendasi dan tindak lanjut.")))
        self.tabs = QTabWidget()
        self.program = ProgramTab(ctx)
        self.editor = InstrumenEditor(ctx)
        self.tl = TindakLanjutTab(ctx)
        self.tabs.addTab(self.program, self.tr("Program dan dasbor"))
        self.tabs.addTab(self.editor, self.tr("Instrumen"))
        self.tabs.addTab(self.tl, self.tr("Tindak lanjut"))
        self.tabs.currentChanged.connect(lambda *_: self.refresh())
        lay.addWidget(self.tabs, 1)
        self.hint = QLabel()
        lay.addWidget(self.hint)

    def refresh(self) -> None:
        w = self.tabs.currentWidget()
        if w is self.program:
            self.program.refresh()
        elif w is self.editor:
            self.editor.refresh()
        else:
            self.tl.refresh()

    def smoke(self) -> None:
        for i in range(self.tabs.count()):
            self.tabs.setCurrentIndex(i)
        self.tabs.setCurrentIndex(0)
        dlg = ProgramBaruDialog(self.ctx, self)
        dlg.close()
        rows = self.program.jadwal_model.rows
        if rows:
            sesi = self.ctx.services.monev.sesi_jadwal(rows[0][0].id)
            if sesi is not None:
                d = SesiDialog(self.ctx, sesi.id, self)
                d.close()
