"""Monev section: programmes with dashboard (progress, ranking, heat table, bar chart), sessions,
instrument editor, and tindak lanjut."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ppid_desktop.akun import roles as R
from ppid_desktop.core.errors import UserError
from ppid_desktop.core.tanggal import tanggal_angka
from ppid_desktop.monev import tindak_lanjut as TL
from ppid_desktop.monev.masukan import IsianTindakLanjut, RekomendasiBaru
from ppid_desktop.monev.models import STATUS_JADWAL_LABEL, STATUS_TL_LABEL
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.dialog import DialogFormulir
from ppid_desktop.ui.listmodel import Column, ListTableModel
from ppid_desktop.ui.monev.alur import AlurTab, SopTab
from ppid_desktop.ui.monev.editor import InstrumenEditor
from ppid_desktop.ui.monev.grafik import BarChart, HeatModel
from ppid_desktop.ui.monev.program import NaskahProgramDialog, ProgramDialog
from ppid_desktop.ui.monev.sesi import SesiDialog
from ppid_desktop.ui.operasi import operasi
from ppid_desktop.ui.widgets import (
    PageHeader,
    StatTile,
    make_date_edit,
    qdate_to_date,
    show_error,
    table_view,
    wenang,
)

ROW = Qt.ItemDataRole.UserRole + 1
LATE = QColor("#fde2e1")


class TipModel(ListTableModel[Any]):
    """ListTableModel with the full cell text as tooltip (long names) and an optional row colour."""

    def __init__(self, columns: list[Column[Any]], colour: Any = None) -> None:
        super().__init__(columns)
        self.colour = colour

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return super().data(index, Qt.ItemDataRole.DisplayRole)
        if role == Qt.ItemDataRole.BackgroundRole and self.colour is not None and index.isValid():
            c = self.colour(self.rows[index.row()])
            return QBrush(c) if c is not None else None
        return super().data(index, role)




def _opd_pilihan(ctx: AppContext) -> QListWidget:
    """The active perangkat daerah as a checked list (all checked)."""
    opd = QListWidget()
    for o in ctx.services.master.daftar_opd(include_inactive=False):
        it = QListWidgetItem(o.nama)
        it.setData(ROW, o.id)
        it.setCheckState(Qt.CheckState.Checked)
        opd.addItem(it)
    return opd


class ProgramBaruDialog(DialogFormulir):
    ROOMS = {"monev"}

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Program monev baru", parent)
        self.nama = self.baris("nama", "Nama program", QLineEdit())
        self.periode = self.baris("periode", "Periode", QLineEdit(str(ctx.services.clock.today().year)))
        self.instrumen = self.baris("instrumen", "Instrumen (versi terbit)", QComboBox())
        for i in ctx.services.monev.daftar_instrumen():
            if i.status == "terbit":
                self.instrumen.addItem(f"{i.nama} v{i.versi}", i.id)
        self.tgl_mulai = self.baris("tanggal_mulai", "Tanggal mulai", make_date_edit(ctx.services.clock.today()))
        self.tgl_selesai = self.baris("tanggal_selesai", "Tanggal selesai", make_date_edit(ctx.services.clock.today()))
        self.opd = self.baris("opd", "Perangkat daerah sasaran", _opd_pilihan(ctx))
        self.program: Any = None

    def kirim(self) -> Callable[[], Any]:
        m, actor = self.ctx.services.monev, self.ctx.actor
        ids = [self.opd.item(i).data(ROW) for i in range(self.opd.count())
               if self.opd.item(i).checkState() == Qt.CheckState.Checked]
        nama, inst, periode = self.nama.text(), self.instrumen.currentData(), self.periode.text()
        mulai, selesai = qdate_to_date(self.tgl_mulai.date()), qdate_to_date(self.tgl_selesai.date())

        def call() -> Any:
            if inst is None:
                raise UserError("Belum ada instrumen terbit. Terbitkan instrumen di tab Instrumen.")
            self.program = m.buat_program(actor, nama, inst, ids, periode=periode, tanggal_mulai=mulai,
                                          tanggal_selesai=selesai)
            return self.program

        return call


class ProgramTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.m = ctx.services.monev
        lay = QHBoxLayout(self)
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        self.prog_model = TipModel([
            Column("Program", lambda r: r["nama"]), Column("Periode", lambda r: r["periode"]),
            Column("OPD", lambda r: r["opd"], True), Column("Final", lambda r: r["difinalkan"], True),
        ])
        self.prog_table = table_view(self.prog_model)
        self.prog_table.setWordWrap(True)
        h = self.prog_table.horizontalHeader()
        h.setStretchLastSection(False)
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2, 3):
            h.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.prog_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.prog_table.selectionModel().currentRowChanged.connect(lambda *_: self.show_program())
        ll.addWidget(self.prog_table, 1)
        prow = QHBoxLayout()
        self.btn_new = QPushButton(self.tr("Program baru…"))
        self.btn_new.clicked.connect(self._new_program)
        self.btn_edit = QPushButton(self.tr("Ubah program…"))
        self.btn_edit.setToolTip(self.tr("Jadwal per perangkat daerah, sasaran, Tim Monev dan status program"))
        self.btn_edit.clicked.connect(self.edit_program)
        prow.addWidget(self.btn_new)
        prow.addWidget(self.btn_edit)
        ll.addLayout(prow)
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
        self.heat_table = table_view(self.heat)
        self.heat_table.doubleClicked.connect(self._open_row)
        self.tabs.addTab(self.heat_table, self.tr("Peringkat dan peta aspek"))
        self.chart = BarChart()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.chart)
        self.tabs.addTab(scroll, self.tr("Grafik nilai"))
        self.jadwal_model = TipModel([
            Column("Perangkat daerah", lambda r: r[1].nama),
            Column("Tanggal", lambda r: tanggal_angka(r[0].tanggal) if r[0].tanggal else ""),
            Column("Jam", lambda r: r[0].jam), Column("Tempat", lambda r: r[0].tempat),
            Column("Status", lambda r: STATUS_JADWAL_LABEL.get(r[0].status, r[0].status)),
        ])
        self.jadwal_table = table_view(self.jadwal_model)
        self.jadwal_table.setWordWrap(True)  # long names wrap onto a second line instead of "Dinas …"
        self.jadwal_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        from ppid_desktop.ui.sinkron_tanda import pasang_tanda_jadwal  # sync conflict and hand-over marks
        self.tanda = pasang_tanda_jadwal(ctx, self.jadwal_table, lambda row: self.jadwal_model.row_at(row)[0].id)
        self.jadwal_table.doubleClicked.connect(self._open_jadwal)
        self.tabs.addTab(self.jadwal_table, self.tr("Jadwal dan status"))
        self.tim = QListWidget()
        self.tabs.addTab(self.tim, self.tr("Tim Monev"))
        self.sanggah_model = TipModel([
            Column("Perangkat daerah", lambda r: r[2].nama), Column("Pertanyaan", lambda r: r[0].pertanyaan or "-"),
            Column("Pengaju", lambda r: r[0].diajukan_oleh), Column("Alasan", lambda r: r[0].alasan),
            Column("Usulan", lambda r: r[0].nilai_usulan or ""),
            Column("Nilai baru", lambda r: r[0].nilai_baru or ""),
            Column("Keputusan", lambda r: {"diterima": "Diterima", "ditolak": "Ditolak"}.get(r[0].keputusan, "Menunggu")),
            Column("Jawaban", lambda r: r[0].jawaban),
        ], colour=lambda r: None if r[0].keputusan else QColor("#fff4e5"))
        self.sanggah_table = table_view(self.sanggah_model)
        self.sanggah_table.doubleClicked.connect(self._open_sanggah)
        self.tabs.addTab(self.sanggah_table, self.tr("Sanggah"))
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
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 5)
        split.setSizes([380, 860])
        lay.addWidget(split)
        wenang(ctx, R.MONEV_KELOLA, self.btn_new, self.btn_edit)  # disabled with the reason, not refused on save

    def refresh(self) -> None:
        self.prog_model.set_rows(self.m.daftar_program())
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
        m, pid = self.m, p["id"]

        def score(_p: Any) -> tuple[dict[str, Any], Any]:  # the whole programme is scored: off the GUI thread
            return m.dasbor(pid), m.definisi(m.ambil_program(pid).instrumen_id)

        self.ctx.tasks.run(score, title=self.tr("Menghitung nilai program…"),
                           on_done=lambda r: self._show_dasbor(pid, *r), parent=self, cancellable=False)
        self.jadwal_model.set_rows(self.m.daftar_jadwal(p["id"]))
        self.tim.clear()
        for t, peg in self.m.daftar_tim(p["id"]):
            self.tim.addItem(f"{t.peran}: {peg.nama} — {peg.jabatan}")
        self.sanggah_model.set_rows(self.m.daftar_sanggah(p["id"]))
        n = sum(1 for r in self.sanggah_model.rows if not r[0].keputusan)
        self.tabs.setTabText(self.tabs.indexOf(self.sanggah_table),
                             self.tr("Sanggah ({n} menunggu)").format(n=n) if n else self.tr("Sanggah"))

    def _show_dasbor(self, program_id: str, d: dict[str, Any], defn: Any) -> None:
        p = self.current_program()
        if p is None or p["id"] != program_id:  # another programme was picked meanwhile
            return
        self.t_opd.set_value(str(d["opd"]))
        self.t_visit.set_value(str(d["dikunjungi"]))
        self.t_final.set_value(str(d["difinalkan"]))
        self.t_verif.set_value(str(d["diverifikasi"]))
        skor = d["skor"]
        self.heat.set_rows(skor, defn)
        self.heat_table.resizeColumnsToContents()
        self.chart.set_items([(r.opd[:34], r.total, r.hasil.warna) for r in skor if r.total is not None], defn.skala)

    def edit_program(self) -> ProgramDialog | None:
        p = self.current_program()
        if p is None:
            return None
        dlg = ProgramDialog(self.ctx, p["id"], self)
        dlg.accepted.connect(self.refresh)
        dlg.open()
        return dlg

    def _open_sanggah(self, index: Any) -> SesiDialog | None:
        sg, sesi, _ = self.sanggah_model.row_at(index.row())
        dlg = self.open_jadwal(sesi.jadwal_id)
        if dlg is not None:
            dlg.sesi.tabs.setCurrentIndex(2)
            if sg.pertanyaan:
                dlg.sesi.select_question(sg.pertanyaan)
        return dlg

    def _new_program(self) -> ProgramBaruDialog:
        dlg = ProgramBaruDialog(self.ctx, self)
        dlg.accepted.connect(self.refresh)
        dlg.open()
        return dlg

    def open_jadwal(self, jadwal_id: str) -> SesiDialog | None:
        """Open the session of a scheduled OPD, starting it first when there is none (on the task runner;
        returns the dialog when it could be opened at once)."""
        opened: list[SesiDialog] = []

        def show(sesi: Any) -> None:
            dlg = SesiDialog(self.ctx, sesi.id, self)
            dlg.finished.connect(lambda *_: self.show_program())
            dlg.open()
            opened.append(dlg)

        sesi = self.m.sesi_jadwal(jadwal_id)
        if sesi is not None:
            show(sesi)
        else:
            m, actor = self.m, self.ctx.actor
            operasi(self.ctx, lambda: m.mulai_sesi(actor, jadwal_id), rooms={"monev"},
                    title=self.tr("Memulai sesi…"), parent=self, on_done=show)
        return opened[0] if opened else None

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

    def _documents(self) -> NaskahProgramDialog | None:
        p = self.current_program()
        if p is None:
            return None
        dlg = NaskahProgramDialog(self.ctx, p["id"], self)
        dlg.open()
        return dlg


class RekomendasiDialog(DialogFormulir):
    ROOMS = {"monev"}

    def __init__(self, ctx: AppContext, program_id: str | None, opd_id: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Rekomendasi baru", parent)
        self.program = self.baris("program", "Program", QComboBox())
        for p in ctx.services.monev.daftar_program():
            self.program.addItem(p["nama"], p["id"])
        if program_id:
            self.program.setCurrentIndex(max(0, self.program.findData(program_id)))
        self.opd = self.baris("opd", "Perangkat daerah", QComboBox())
        self.program.currentIndexChanged.connect(lambda *_: self._fill_opd(None))
        self._fill_opd(opd_id)
        self.uraian = self.baris("uraian", "Rekomendasi", QPlainTextEdit())
        self.prioritas = self.baris("prioritas", "Prioritas", QComboBox())
        for k in ("tinggi", "sedang", "rendah"):
            self.prioritas.addItem(k.capitalize(), k)
        self.prioritas.setCurrentIndex(1)

    def _fill_opd(self, opd_id: str | None) -> None:
        self.opd.clear()
        pid = self.program.currentData()
        if pid:
            for _, o in self.ctx.services.monev.daftar_jadwal(pid):
                self.opd.addItem(o.nama, o.id)
        if opd_id:
            self.opd.setCurrentIndex(max(0, self.opd.findData(opd_id)))

    def kirim(self) -> Callable[[], Any]:
        m, actor = self.ctx.services.monev, self.ctx.actor
        pid, oid = self.program.currentData(), self.opd.currentData()
        uraian, prioritas = self.uraian.toPlainText(), self.prioritas.currentData()

        baru = RekomendasiBaru(pid or "", oid or "", uraian, prioritas=prioritas)
        return lambda: m.tambah_rekomendasi(actor, baru)


class TindakLanjutDialog(DialogFormulir):
    """Add or edit a follow-up: what, who, due date, status, note, evidence file (checked and copied on the
    task runner, in the same unit of work as the row)."""

    ROOMS = {"monev"}

    def __init__(self, ctx: AppContext, rekomendasi_id: str, row: TL.BarisTindakLanjut | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Ubah tindak lanjut" if row else "Tindak lanjut baru", parent)
        self.rekomendasi_id, self.row = rekomendasi_id, row
        self.uraian = self.baris("uraian", "Apa (uraian)", QLineEdit(row.uraian if row else ""))
        self.pic = self.baris("pic", "Siapa (penanggung jawab)", QLineEdit(row.pic if row else ""))
        self.ada_tenggat = QCheckBox(self.tr("Ada tenggat"))
        self.tenggat = make_date_edit(row.tenggat if row and row.tenggat else ctx.services.clock.today())
        self.ada_tenggat.toggled.connect(self.tenggat.setEnabled)
        self.ada_tenggat.setChecked(bool(row is None or row.tenggat))
        self.tenggat.setEnabled(self.ada_tenggat.isChecked())
        tg = QHBoxLayout()
        tg.addWidget(self.ada_tenggat)
        tg.addWidget(self.tenggat, 1)
        self.form.addRow(self.tr("Tenggat"), tg)
        self.fields["tenggat"] = self.tenggat
        self.status = self.baris("status", "Status", QComboBox())
        for k, v in STATUS_TL_LABEL.items():
            self.status.addItem(v, k)
        self.status.setCurrentIndex(max(0, self.status.findData(row.status if row else "belum")))
        self.catatan = self.baris("catatan", "Catatan", QPlainTextEdit(row.catatan if row else ""))
        self.bukti = QLineEdit()
        self.bukti.setPlaceholderText(row.bukti_nama if row and row.bukti_nama else self.tr("berkas bukti (opsional)"))
        pick = QPushButton(self.tr("Pilih…"))
        pick.clicked.connect(self._pick)
        brow = QHBoxLayout()
        brow.addWidget(self.bukti, 1)
        brow.addWidget(pick)
        self.form.addRow(self.tr("Bukti tindak lanjut"), brow)
        self.fields["bukti"] = self.bukti

    def _pick(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self, self.tr("Bukti tindak lanjut"), "",
                                              self.tr("Dokumen dan foto (*.pdf *.jpg *.jpeg *.png *.docx *.xlsx);;Semua berkas (*)"))
        if path:
            self.bukti.setText(path)

    def kirim(self) -> Callable[[], Any]:
        m, actor, row = self.ctx.services.monev, self.ctx.actor, self.row
        tenggat = qdate_to_date(self.tenggat.date()) if self.ada_tenggat.isChecked() else None
        bukti = self.bukti.text().strip() or None
        uraian, pic, status = self.uraian.text(), self.pic.text(), self.status.currentData()
        catatan, rek_id = self.catatan.toPlainText(), self.rekomendasi_id

        if row is None:
            isian = IsianTindakLanjut(uraian, pic, tenggat, status=status, catatan=catatan, bukti=bukti)
            return lambda: m.tambah_tindak_lanjut(actor, rek_id, isian)
        return lambda: m.ubah_tindak_lanjut(actor, row.id, uraian=uraian, pic=pic, tenggat=tenggat, status=status,
                                            catatan=catatan, bukti=bukti)


class TindakLanjutTab(QWidget):
    """Rekomendasi per OPD (top) and their tindak lanjut (bottom), filterable; overdue rows in red."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        lay = QVBoxLayout(self)
        filt = QHBoxLayout()
        self.f_program, self.f_opd, self.f_status = QComboBox(), QComboBox(), QComboBox()
        self.f_status.addItem(self.tr("Semua status"), None)
        for k, v in STATUS_TL_LABEL.items():
            self.f_status.addItem(v, k)
        self.only_late = QCheckBox(self.tr("Hanya yang terlambat"))
        for w in (QLabel(self.tr("Program")), self.f_program, QLabel(self.tr("Perangkat daerah")), self.f_opd,
                  QLabel(self.tr("Status")), self.f_status, self.only_late):
            filt.addWidget(w)
        filt.addStretch(1)
        lay.addLayout(filt)
        split = QSplitter(Qt.Orientation.Vertical)
        self.rek_model = TipModel([
            Column("Perangkat daerah", lambda r: r.opd), Column("Rekomendasi", lambda r: r.uraian),
            Column("Prioritas", lambda r: r.prioritas.capitalize()), Column("Program", lambda r: r.program),
            Column("Tindak lanjut", lambda r: f"{r.tl_selesai}/{r.jumlah_tl} selesai"),
        ])
        self.rek_table = table_view(self.rek_model)
        self.rek_table.setWordWrap(True)  # long names wrap onto a second line instead of "Dinas …"
        self.rek_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.rek_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.rek_table.horizontalHeader().setStretchLastSection(False)
        split.addWidget(self.rek_table)
        self.today = ctx.services.clock.today()
        self.model = TipModel([
            Column("Perangkat daerah", lambda r: r.opd), Column("Rekomendasi", lambda r: r.rekomendasi),
            Column("Tindak lanjut", lambda r: r.uraian), Column("PIC", lambda r: r.pic),
            Column("Tenggat", lambda r: tanggal_angka(r.tenggat) if r.tenggat else ""),
            Column("Status", lambda r: r.status_label + (" (terlambat)" if r.terlambat else "")),
            Column("Bukti", lambda r: r.bukti_nama),
        ], colour=lambda r: LATE if r.terlambat else None)
        self.table = table_view(self.model)
        self.table.setWordWrap(True)  # long names wrap onto a second line instead of "Dinas …"
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for c in (1, 2):  # rekomendasi and tindak lanjut share the room (fewer lines per row)
            self.table.horizontalHeader().setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.doubleClicked.connect(lambda *_: self.edit_tl())
        split.addWidget(self.table)
        split.setSizes([220, 380])
        lay.addWidget(split, 1)
        row = QHBoxLayout()
        self.btn_rek = QPushButton(self.tr("Rekomendasi baru…"))
        self.btn_rek.clicked.connect(self.new_rekomendasi)
        self.btn_tl = QPushButton(self.tr("Tindak lanjut baru…"))
        self.btn_tl.clicked.connect(self.new_tl)
        self.btn_edit = QPushButton(self.tr("Ubah…"))
        self.btn_edit.clicked.connect(self.edit_tl)
        self.btn_close = QPushButton(self.tr("Tandai selesai"))
        self.btn_close.clicked.connect(self.close_tl)
        for b in (self.btn_rek, self.btn_tl, self.btn_edit, self.btn_close):
            row.addWidget(b)
        row.addStretch(1)
        lay.addLayout(row)
        wenang(ctx, R.MONEV_LAPANGAN, self.btn_rek, self.btn_tl, self.btn_edit, self.btn_close)
        self._filling = False
        for c in (self.f_program, self.f_opd, self.f_status):
            c.currentIndexChanged.connect(lambda *_: self._changed())
        self.only_late.toggled.connect(lambda *_: self._changed())

    def _changed(self) -> None:
        if not self._filling:
            self.refresh()

    def _fill_filters(self) -> None:
        self._filling = True
        keep_p, keep_o = self.f_program.currentData(), self.f_opd.currentData()
        self.f_program.clear()
        self.f_program.addItem(self.tr("Semua program"), None)
        for p in self.ctx.services.monev.daftar_program():
            self.f_program.addItem(p["nama"], p["id"])
        self.f_program.setCurrentIndex(max(0, self.f_program.findData(keep_p)))
        self.f_opd.clear()
        self.f_opd.addItem(self.tr("Semua perangkat daerah"), None)
        for o in self.ctx.services.master.daftar_opd(include_inactive=False):
            self.f_opd.addItem(o.nama, o.id)
        self.f_opd.setCurrentIndex(max(0, self.f_opd.findData(keep_o)))
        self._filling = False

    def refresh(self) -> None:
        if self.f_program.count() == 0:
            self._fill_filters()
        pid, oid = self.f_program.currentData(), self.f_opd.currentData()
        self.today = self.ctx.services.clock.today()
        reks, rows = self.ctx.services.monev.daftar_tindak_lanjut(
            pid, oid, self.f_status.currentData(), self.today if self.only_late.isChecked() else None)
        self.rek_model.set_rows(reks)
        self.model.set_rows(rows)

    def current_rekomendasi(self) -> TL.BarisRekomendasi | None:
        idx = self.rek_table.currentIndex()
        return self.rek_model.row_at(idx.row()) if idx.isValid() else None

    def current_tl(self) -> TL.BarisTindakLanjut | None:
        idx = self.table.currentIndex()
        return self.model.row_at(idx.row()) if idx.isValid() else None

    def new_rekomendasi(self) -> RekomendasiDialog:
        dlg = RekomendasiDialog(self.ctx, self.f_program.currentData(), self.f_opd.currentData(), self)
        dlg.accepted.connect(self.refresh)
        dlg.open()
        return dlg

    def new_tl(self) -> TindakLanjutDialog | None:
        r = self.current_rekomendasi()
        if r is None:
            show_error(self, self.tr("Pilih rekomendasi lebih dahulu."))
            return None
        dlg = TindakLanjutDialog(self.ctx, r.id, None, self)
        dlg.accepted.connect(self.refresh)
        dlg.open()
        return dlg

    def edit_tl(self) -> TindakLanjutDialog | None:
        t = self.current_tl()
        if t is None or not self.btn_edit.isEnabled():  # a double click of a role that may only read
            return None
        dlg = TindakLanjutDialog(self.ctx, t.rekomendasi_id, t, self)
        dlg.accepted.connect(self.refresh)
        dlg.open()
        return dlg

    def close_tl(self) -> None:
        t = self.current_tl()
        if t is None:
            return
        m, actor = self.ctx.services.monev, self.ctx.actor
        operasi(self.ctx, lambda: m.ubah_tindak_lanjut(actor, t.id, status="selesai"), rooms={"monev"},
                parent=self, on_done=lambda _r: self.refresh())


class TabRingkas(QTabWidget):
    """A tab widget that asks for no more height than its tallest tab needs at the least: the page's layout
    adds the sizes its items ask for when a wrapped label makes it height-for-width, so a tab that merely
    *prefers* more room would make the whole page scroll on a 1366×768 screen under the demo banner."""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(super().sizeHint().width(), self.minimumSizeHint().height())

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return False  # the tabs lay their wrapped labels out in the height they get


class MonevPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        lay = QVBoxLayout(self)
        lay.setContentsMargins(28, 24, 28, 24)
        lay.addWidget(PageHeader(self.tr("Monitoring dan Evaluasi"),
                                 self.tr("Program monev per perangkat daerah, sesi lapangan tanpa internet, nilai, "
                                         "rekomendasi dan tindak lanjut.")))
        self.tabs = TabRingkas()
        self.program = ProgramTab(ctx)
        self.editor = InstrumenEditor(ctx)
        self.tl = TindakLanjutTab(ctx)
        self.tabs.addTab(self.program, self.tr("Program dan dasbor"))
        self.tabs.addTab(self.editor, self.tr("Instrumen"))
        self.tabs.addTab(self.tl, self.tr("Tindak lanjut"))
        self.alur = AlurTab(ctx)
        self.sop = SopTab(ctx)
        self.tabs.addTab(self.alur, self.tr("Alur SOP dan kepatuhan"))
        self.tabs.addTab(self.sop, self.tr("SOP"))
        self.tabs.currentChanged.connect(lambda *_: self.refresh())
        lay.addWidget(self.tabs, 1)

    def refresh(self) -> None:
        w = self.tabs.currentWidget()
        if w is self.program:
            self.program.refresh()
        elif w is self.editor:
            self.editor.refresh()
        elif w is self.alur:
            self.alur.refresh()
        elif w is self.sop:
            self.sop.refresh()
        else:
            self.tl.refresh()

    def smoke(self) -> None:
        for i in range(self.tabs.count()):
            self.tabs.setCurrentIndex(i)
        self.tabs.setCurrentIndex(0)
        dlg = ProgramBaruDialog(self.ctx, self)
        dlg.close()
        p = self.program.current_program()
        if p is not None:
            ProgramDialog(self.ctx, p["id"], self).close()
            NaskahProgramDialog(self.ctx, p["id"], self).close()
        for d in (RekomendasiDialog(self.ctx, None, None, self),):
            d.close()
        rows = self.program.jadwal_model.rows
        if rows:
            sesi = self.ctx.services.monev.sesi_jadwal(rows[0][0].id)
            if sesi is not None:
                d = SesiDialog(self.ctx, sesi.id, self)
                d.close()
