"""Programme editing (fields, schedule per OPD, target OPDs, Tim Monev, status) saved in one unit of work,
and the programme letters routed through the agenda surat keluar."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ppid_desktop.core.errors import UserError
from ppid_desktop.core.tanggal import tanggal_angka
from ppid_desktop.monev import naskah_agenda as NA
from ppid_desktop.monev import surat as SURAT
from ppid_desktop.monev.masukan import AnggotaTim, IsianProgram, JadwalKunjungan, PerubahanProgram
from ppid_desktop.monev.models import STATUS_JADWAL_LABEL
from ppid_desktop.monev.service import PERAN_TIM
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.dialog import DialogFormulir
from ppid_desktop.ui.listmodel import Column, ListTableModel
from ppid_desktop.ui.operasi import operasi, tampilkan_galat
from ppid_desktop.ui.widgets import FormFeedback, info, make_date_edit, qdate_to_date, table_view

if TYPE_CHECKING:
    from ppid_desktop.services import Services


@dataclass
class BarisJadwal:
    key: str  # jadwal id, or the opd id of a newly added OPD
    opd_id: str
    opd: str
    tanggal: date | None
    jam: str
    tempat: str
    status: str
    baru: bool = False
    dihapus: bool = False


def _table(model: Any) -> QTableView:
    t = table_view(model)
    t.setAlternatingRowColors(False)
    t.horizontalHeader().setStretchLastSection(False)
    t.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return t


class ProgramDialog(DialogFormulir):
    """Edit a programme. Nothing is written until "Simpan"; then everything in one transaction."""

    ROOMS = {"monev"}
    LEBAR = 860

    def __init__(self, ctx: AppContext, program_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Ubah program monev", parent)
        self.m = ctx.services.monev
        self.program_id = program_id
        prog = self.m.ambil_program(program_id)
        self.tabs = QTabWidget()
        # The tabs size and scroll their own content: they replace the base's (empty) scrolling form.
        lay = self.layout()
        assert isinstance(lay, QVBoxLayout)
        gulung_form = lay.itemAt(0).widget()
        gulung_form.hide()
        lay.insertWidget(0, self.tabs, 1)
        self.tabs.setMinimumHeight(420)  # room for the schedule table; fits a 1366×768 screen
        # --- fields
        w = QWidget()
        form = QFormLayout(w)
        self.nama = QLineEdit(prog.nama)
        self.periode = QLineEdit(prog.periode)
        self.tgl_mulai = make_date_edit(prog.tanggal_mulai or ctx.services.clock.today())
        self.tgl_selesai = make_date_edit(prog.tanggal_selesai or ctx.services.clock.today())
        self.durasi = QSpinBox()
        self.durasi.setRange(1, 1440)
        self.durasi.setSuffix(self.tr(" menit"))
        self.durasi.setValue(prog.durasi_menit or 90)
        self.dasar = QPlainTextEdit(prog.dasar)
        self.dasar.setMaximumHeight(70)
        self.status = QComboBox()
        self.status.addItem(self.tr("Aktif"), "aktif")
        self.status.addItem(self.tr("Selesai"), "selesai")
        self.status.setCurrentIndex(max(0, self.status.findData(prog.status)))
        for label, wid in ((self.tr("Nama program"), self.nama), (self.tr("Periode"), self.periode),
                           (self.tr("Tanggal mulai"), self.tgl_mulai), (self.tr("Tanggal selesai"), self.tgl_selesai),
                           (self.tr("Durasi standar per kunjungan"), self.durasi),
                           (self.tr("Dasar / keterangan"), self.dasar), (self.tr("Status program"), self.status)):
            form.addRow(label, wid)
        self.tabs.addTab(w, self.tr("Program"))
        # --- schedule and target OPDs
        w = QWidget()
        jl = QVBoxLayout(w)
        self.jadwal: list[BarisJadwal] = [
            BarisJadwal(j.id, o.id, o.nama, j.tanggal, j.jam, j.tempat, j.status) for j, o in self.m.daftar_jadwal(program_id)]
        self.jadwal_model: ListTableModel[BarisJadwal] = ListTableModel([
            Column(self.tr("Perangkat daerah"), lambda r: r.opd + (self.tr(" (baru)") if r.baru else "")),
            Column(self.tr("Tanggal"), lambda r: tanggal_angka(r.tanggal) if r.tanggal else "-"),
            Column(self.tr("Jam"), lambda r: r.jam or "-"), Column(self.tr("Tempat"), lambda r: r.tempat or "-"),
            Column(self.tr("Status"), lambda r: STATUS_JADWAL_LABEL.get(r.status, r.status)),
        ])
        self.jadwal_table = _table(self.jadwal_model)
        self.jadwal_table.selectionModel().currentRowChanged.connect(lambda *_: self._show_jadwal())
        jl.addWidget(self.jadwal_table, 1)
        grid = QGridLayout()
        self.j_ada = QCheckBox(self.tr("Tanggal"))
        self.j_tgl = make_date_edit(ctx.services.clock.today())
        self.j_ada.toggled.connect(self.j_tgl.setEnabled)
        self.j_jam = QLineEdit()
        self.j_jam.setPlaceholderText("09.00")
        self.j_jam.setMaximumWidth(90)
        self.j_tempat = QLineEdit()
        self.j_tempat.setPlaceholderText(self.tr("Tempat kunjungan"))
        self.btn_j_apply = QPushButton(self.tr("Terapkan jadwal"))
        self.btn_j_apply.clicked.connect(self.apply_jadwal)
        grid.addWidget(self.j_ada, 0, 0)
        grid.addWidget(self.j_tgl, 0, 1)
        grid.addWidget(QLabel(self.tr("Jam")), 0, 2)
        grid.addWidget(self.j_jam, 0, 3)
        grid.addWidget(self.j_tempat, 0, 4)
        grid.addWidget(self.btn_j_apply, 0, 5)
        grid.setColumnStretch(4, 1)
        jl.addLayout(grid)
        row = QHBoxLayout()
        self.opd_pick = QComboBox()
        self.opd_names = {o.id: o.nama for o in ctx.services.master.daftar_opd(include_inactive=False)}
        self.btn_opd_add = QPushButton(self.tr("Tambah sasaran"))
        self.btn_opd_add.clicked.connect(self.add_opd)
        self.btn_opd_del = QPushButton(self.tr("Hapus dari sasaran"))
        self.btn_opd_del.clicked.connect(self.remove_opd)
        row.addWidget(self.opd_pick, 1)
        row.addWidget(self.btn_opd_add)
        row.addWidget(self.btn_opd_del)
        jl.addLayout(row)
        self.tabs.addTab(w, self.tr("Jadwal dan sasaran"))
        # --- team
        w = QWidget()
        tl = QVBoxLayout(w)
        self.pegawai = {p.id: p for p in ctx.services.master.daftar_pegawai()}
        self.tim: list[tuple[str, str]] = [(t.pegawai_id, t.peran) for t, _ in self.m.daftar_tim(program_id)]
        self.tim_model: ListTableModel[tuple[str, str]] = ListTableModel([
            Column(self.tr("Nama"), lambda r: self.pegawai[r[0]].nama if r[0] in self.pegawai else "?"),
            Column(self.tr("Jabatan"), lambda r: self.pegawai[r[0]].jabatan if r[0] in self.pegawai else ""),
            Column(self.tr("Peran"), lambda r: r[1]),
        ])
        self.tim_table = _table(self.tim_model)
        tl.addWidget(self.tim_table, 1)
        row = QHBoxLayout()
        self.peg_pick = QComboBox()
        for p in self.pegawai.values():
            self.peg_pick.addItem(f"{p.nama} — {p.jabatan}", p.id)
        self.peran_pick = QComboBox()
        self.peran_pick.addItems(list(PERAN_TIM))
        self.peran_pick.setCurrentText("Anggota")
        self.btn_tim_add = QPushButton(self.tr("Tambah anggota"))
        self.btn_tim_add.clicked.connect(self.add_member)
        self.btn_tim_del = QPushButton(self.tr("Hapus anggota"))
        self.btn_tim_del.clicked.connect(self.remove_member)
        row.addWidget(self.peg_pick, 1)
        row.addWidget(self.peran_pick)
        row.addWidget(self.btn_tim_add)
        row.addWidget(self.btn_tim_del)
        tl.addLayout(row)
        self.tabs.addTab(w, self.tr("Tim Monev"))
        self.fields.update({"nama": self.nama, "tanggal_selesai": self.tgl_selesai, "jadwal": self.jadwal_table,
                            "tim": self.tim_table})
        self.accepted.connect(lambda: ctx.status(self.tr("Program tersimpan")))
        self._refresh_lists()

    # ----------------------------------------------------------- schedule
    def _visible(self) -> list[BarisJadwal]:
        return [r for r in self.jadwal if not r.dihapus]

    def _refresh_lists(self) -> None:
        cur = self.jadwal_table.currentIndex().row()
        self.jadwal_model.set_rows(self._visible())
        if self.jadwal_model.rowCount():
            self.jadwal_table.selectRow(min(max(cur, 0), self.jadwal_model.rowCount() - 1))
        have = {r.opd_id for r in self._visible()}
        self.opd_pick.clear()
        for oid, nama in self.opd_names.items():
            if oid not in have:
                self.opd_pick.addItem(nama, oid)
        self.btn_opd_add.setEnabled(self.opd_pick.count() > 0)
        self.tim_model.set_rows(self.tim)

    def current_jadwal(self) -> BarisJadwal | None:
        idx = self.jadwal_table.currentIndex()
        return self.jadwal_model.row_at(idx.row()) if idx.isValid() else None

    def _show_jadwal(self) -> None:
        r = self.current_jadwal()
        if r is None:
            return
        self.j_ada.setChecked(r.tanggal is not None)
        self.j_tgl.setEnabled(r.tanggal is not None)
        d = r.tanggal or qdate_to_date(self.tgl_mulai.date())
        self.j_tgl.setDate(QDate(d.year, d.month, d.day))
        self.j_jam.setText(r.jam)
        self.j_tempat.setText(r.tempat)

    def select_opd(self, nama: str) -> None:
        for i, r in enumerate(self.jadwal_model.rows):
            if r.opd == nama:
                self.jadwal_table.selectRow(i)
                return

    def apply_jadwal(self) -> None:
        r = self.current_jadwal()
        if r is None:
            return
        r.tanggal = qdate_to_date(self.j_tgl.date()) if self.j_ada.isChecked() else None
        r.jam, r.tempat = self.j_jam.text().strip(), self.j_tempat.text().strip()
        self._refresh_lists()

    def add_opd(self) -> None:
        oid = self.opd_pick.currentData()
        if oid is None:
            return
        old = next((r for r in self.jadwal if r.opd_id == oid), None)
        if old is not None:  # removed in this dialog, added back
            old.dihapus = False
        else:
            self.jadwal.append(BarisJadwal(oid, oid, self.opd_names[oid], None, "", "", "dijadwalkan", baru=True))
        self._refresh_lists()
        self.select_opd(self.opd_names[oid])

    def remove_opd(self) -> None:
        r = self.current_jadwal()
        if r is None:
            return
        if r.status != "dijadwalkan":
            self.feedback.show_exception(UserError(self.tr(
                "{opd}: sesi sudah dimulai, perangkat daerah tidak dapat dihapus dari sasaran.").format(opd=r.opd)))
            return
        if r.baru:
            self.jadwal.remove(r)
        else:
            r.dihapus = True
        self.feedback.clear_problems()
        self._refresh_lists()

    # --------------------------------------------------------------- team
    def add_member(self) -> None:
        pid = self.peg_pick.currentData()
        if pid is None:
            return
        self.tim = [t for t in self.tim if t[0] != pid] + [(pid, self.peran_pick.currentText())]
        self._refresh_lists()

    def remove_member(self) -> None:
        idx = self.tim_table.currentIndex()
        if idx.isValid():
            del self.tim[idx.row()]
            self._refresh_lists()

    # --------------------------------------------------------------- save
    def kirim(self) -> Callable[[], Any]:
        ubah = PerubahanProgram(
            isian=IsianProgram(nama=self.nama.text(), periode=self.periode.text().strip(),
                               tanggal_mulai=qdate_to_date(self.tgl_mulai.date()),
                               tanggal_selesai=qdate_to_date(self.tgl_selesai.date()), durasi_menit=self.durasi.value(),
                               dasar=self.dasar.toPlainText().strip(), status=str(self.status.currentData())),
            jadwal={r.key: JadwalKunjungan(r.tanggal, r.jam, r.tempat) for r in self._visible()},
            opd_tambah=tuple(r.opd_id for r in self._visible() if r.baru),
            opd_hapus=tuple(r.key for r in self.jadwal if r.dihapus and not r.baru),
            tim=tuple(AnggotaTim(pid, peran) for pid, peran in self.tim))
        m, actor, pid = self.m, self.ctx.actor, self.program_id
        return lambda: m.simpan_program(actor, pid, ubah)


NASKAH_LAIN = {"proposal": "Proposal/KAK monev", "sk-tim": "SK Tim Monev", "undangan": "Undangan rapat (daftar hadir, notulen)",
               "laporan-program": "Laporan hasil monev program", "laporan-solusi": "Laporan analisa dan solusi",
               "ba-evaluasi-mandiri": "BA Evaluasi Mandiri SPBE (Sekda)",
               "surat-permintaan-data": "Surat permintaan data / evaluasi mandiri",
               "notulen": "Notulen rapat dan daftar hadir"}


def _pdf(services: Services, program_id: str, kind: str) -> bytes:
    if kind in NASKAH_LAIN:
        from ppid_desktop.monev.cetak import cetak

        return cetak(services, kind, program_id)
    return SURAT.pdf(services, program_id, kind)


class NaskahProgramDialog(QDialog):
    """Monev naskah through the agenda: surat pemberitahuan and surat tugas (``monev.surat``), SK Tim Monev,
    undangan, laporan program/solusi, BA Evaluasi Mandiri (``monev.naskah_agenda``): draft here, paraf and
    signature in Naskah & Arsip, PDF preview (numbered and frozen once signed)."""

    def __init__(self, ctx: AppContext, program_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.program_id = program_id
        self.setWindowTitle(self.tr("Naskah program monev"))
        self.resize(720, 320)
        lay = QVBoxLayout(self)
        keterangan = QLabel(self.tr(
            "Konsep dibuat di agenda surat keluar; Sekretariat meneruskannya untuk paraf dan tanda tangan di "
            "Naskah & Arsip. Nomor dan tanggal surat tercetak setelah surat ditandatangani."))
        keterangan.setWordWrap(True)
        lay.addWidget(keterangan)
        self.kind = QComboBox()
        for k, label in SURAT.LABEL.items():
            self.kind.addItem(label, k)
        for k, label in NASKAH_LAIN.items():
            self.kind.addItem(label, k)
        self.kind.currentIndexChanged.connect(lambda *_: self.refresh())
        self.penandatangan = QComboBox()
        self.klasifikasi = QLineEdit()
        self.klasifikasi.setPlaceholderText(self.tr("mis. 000.9"))
        self.state = QLabel()
        self.state.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Naskah"), self.kind)
        form.addRow(self.tr("Penanda tangan"), self.penandatangan)
        form.addRow(self.tr("Kode klasifikasi"), self.klasifikasi)
        form.addRow(self.tr("Status di agenda"), self.state)
        lay.addLayout(form)
        self.feedback = FormFeedback()
        lay.addWidget(self.feedback)
        row = QHBoxLayout()
        self.btn_konsep = QPushButton(self.tr("Buat konsep di agenda"))
        self.btn_konsep.clicked.connect(self.buat_konsep)
        self.btn_pdf = QPushButton(self.tr("Pratinjau PDF…"))
        self.btn_pdf.clicked.connect(self.preview)
        self.btn_nota = QPushButton(self.tr("Nota dinas pengantar…"))
        self.btn_nota.setToolTip(self.tr("Nota dinas yang menutupi naskah ini (penanda tangan lain), tertaut di agenda"))
        self.btn_nota.clicked.connect(self._nota_dialog)
        row.addWidget(self.btn_konsep)
        row.addWidget(self.btn_pdf)
        row.addWidget(self.btn_nota)
        row.addStretch(1)
        bb = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        bb.rejected.connect(self.reject)
        row.addWidget(bb)
        lay.addLayout(row)
        self.refresh()

    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def refresh(self) -> None:
        from ppid_desktop.naskah.agenda import STATUS_LABEL

        kind = self.current_kind()
        self.penandatangan.clear()
        jenis = NA.JENIS_AGENDA[kind] if kind in NASKAH_LAIN else SURAT.JENIS[kind]
        for p in NA.calon_penandatangan(self.ctx.services, kind) if kind in NASKAH_LAIN else \
                self.ctx.services.master.daftar_pegawai(boleh_ttd=jenis) or \
                self.ctx.services.master.daftar_pegawai(boleh_ttd="surat_keluar"):
            self.penandatangan.addItem(f"{p.nama} — {p.jabatan}", p.id)
        if kind in NASKAH_LAIN:
            s = NA.surat(self.ctx.services, kind, self.program_id)
        else:
            s = SURAT.surat_program(self.ctx.services, self.program_id, kind)
        if s is None:
            self.state.setText(self.tr("Belum ada konsep di agenda (PDF dicetak tanpa nomor)."))
        else:
            nomor = f" · Nomor {s.nomor}, {tanggal_angka(s.tanggal)}" if s.nomor and s.tanggal else ""
            self.state.setText(f"{STATUS_LABEL.get(s.status, s.status)} · {s.hal} · {s.penandatangan}{nomor}")
            idx = self.penandatangan.findData(s.penandatangan_id)
            if idx >= 0:
                self.penandatangan.setCurrentIndex(idx)
            self.klasifikasi.setText(s.kode_klasifikasi)
        for w in (self.btn_konsep, self.penandatangan, self.klasifikasi):
            w.setEnabled(s is None)
        self.btn_nota.setEnabled(s is not None and s.status != "dibatalkan")

    def buat_nota_dinas(self, pegawai_id: str) -> Any:
        """Draft a nota dinas covering the chosen letter (on the task runner); returns the row when known at once."""
        svc, actor, kind, pid = self.ctx.services, self.ctx.actor, self.current_kind(), self.program_id
        made: list[Any] = []

        def done(row: Any) -> None:
            made.append(row)
            info(self, self.tr("Nota dinas “{hal}” dibuat di agenda dan tertaut ke naskahnya.").format(hal=row.hal))

        operasi(self.ctx, lambda: NA.nota_dinas(svc, actor, kind, pid, pegawai_id), rooms={"monev", "naskah"},
                title=self.tr("Membuat nota dinas…"), parent=self, on_done=done)
        return made[0] if made else None

    def _nota_dialog(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        letter = NA.surat_program(self.ctx.services, self.current_kind(), self.program_id)
        rows = NA.calon_nota(self.ctx.services, letter) if letter is not None else []
        if not rows:
            tampilkan_galat(UserError(self.tr("Belum ada pejabat lain yang berwenang menandatangani nota dinas "
                                              "(Data Master › Pegawai).")), self)
            return
        names = [f"{p.nama} — {p.jabatan}" for p in rows]
        name, ok = QInputDialog.getItem(self, self.tr("Nota dinas pengantar"), self.tr("Penanda tangan nota dinas:"),
                                        names, 0, False)
        if ok:
            self.buat_nota_dinas(rows[names.index(name)].id)

    def buat_konsep(self) -> Any:
        """Draft the chosen letter in the agenda (on the task runner); returns the row when it is known at once."""
        svc, actor, kind, pid = self.ctx.services, self.ctx.actor, self.current_kind(), self.program_id
        ttd, klas = self.penandatangan.currentData(), self.klasifikasi.text()
        made: list[Any] = []

        def call() -> Any:
            if kind in NASKAH_LAIN:
                return NA.siapkan(svc, actor, kind, pid, penandatangan_id=ttd)
            return SURAT.siapkan(svc, actor, pid, kind, penandatangan_id=ttd, kode_klasifikasi=klas)

        def done(row: Any) -> None:
            made.append(row)
            self.refresh()
            info(self, self.tr("Konsep “{hal}” dibuat di agenda surat keluar. Lanjutkan paraf dan tanda tangan di "
                               "Naskah & Arsip.").format(hal=row.hal))

        operasi(self.ctx, call, rooms={"monev", "naskah"}, title=self.tr("Membuat konsep…"), parent=self,
                feedback=self.feedback, fields={"penandatangan_id": self.penandatangan}, on_done=done)
        return made[0] if made else None

    def pdf_bytes(self) -> bytes:
        """The chosen letter as it prints now (tests; the window previews through ``preview``)."""
        return _pdf(self.ctx.services, self.program_id, self.current_kind())

    def preview(self) -> None:
        """Build the letter off the GUI thread, then open the preview window."""
        from ppid_desktop.ui.naskah.preview import PdfPreviewDialog

        kind, services, program_id = self.current_kind(), self.ctx.services, self.program_id

        def show(pdf: bytes) -> None:
            self._preview = PdfPreviewDialog(pdf, f"{kind.replace('_', '-')}-monev.pdf", self)
            self._preview.open()

        self.ctx.tasks.run(lambda _p: _pdf(services, program_id, kind), title=self.tr("Menyusun naskah…"),
                           on_done=show, parent=self)

