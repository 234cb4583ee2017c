"""Rekap Excel page: import with a dry run first, export, templates, column mapping for unknown layouts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ppid_desktop.akun import roles as R  # noqa: N812
from ppid_desktop.core.errors import Problem
from ppid_desktop.rekap.engine import HasilImpor
from ppid_desktop.rekap.reader import Kandidat, Pemetaan
from ppid_desktop.ui.dialog import DialogFormulir
from ppid_desktop.ui.operasi import operasi
from ppid_desktop.ui.widgets import (
    PageHeader,
    alasan_tidak_berwenang,
    info,
    make_date_edit,
    qdate_to_date,
    show_error,
    table_view,
    wenang,
    wenang_semua,
)

Index = QModelIndex | QPersistentModelIndex


class ProblemModel(QAbstractTableModel):
    HEADERS = ("Tingkat", "Sheet", "Baris", "Kolom", "Nilai", "Pesan")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Problem] = []

    def set_rows(self, rows: list[Problem]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        p = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            values = (self.tr("Galat") if p.severity == "error" else self.tr("Peringatan"), p.sheet or "",
                      "" if p.row is None else str(p.row), p.column or "", p.value or "", p.message)
            return values[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and p.severity == "error" and index.column() == 0:
            return QBrush(QColor("#b00020"))
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 5:
            return p.message
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(self.HEADERS[section])
        return None


class MappingDialog(DialogFormulir):
    """Map each field of an import kind to a column of an unknown layout; "Simpan" remembers the mapping
    (when asked) through ``operasi``, then the page runs the dry run again with it."""

    ROOMS: ClassVar[set[str]] = {"rekap"}
    LEBAR: ClassVar[int] = 560
    TINGGI_MAKS: ClassVar[int] = 720  # a long field list scrolls rather than filling a 1080-px screen

    def __init__(self, ctx: Any, kind: Any, kandidat: Kandidat, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Petakan kolom", parent, tombol_simpan="Pakai pemetaan")
        self.kind = kind
        self.kandidat = kandidat
        intro = QLabel(self.tr("Tata letak berkas ini belum dikenal. Pilih kolom berkas untuk setiap isian "
                               "(sheet {0}). Pemetaan diingat untuk berkas dengan judul kolom yang sama.")
                       .format(kandidat.sheet))
        intro.setWordWrap(True)
        intro.setMinimumWidth(320)
        self.baris_penuh(intro)
        self.baris = QSpinBox()
        self.baris.setRange(1, 40)
        self.baris.setValue(kandidat.baris_judul)
        self.form.addRow(self.tr("Baris judul kolom"), self.baris)
        self.combos: dict[str, QComboBox] = {}
        for k in kind.sheets[0].kolom:
            cb = QComboBox()
            cb.addItem(self.tr("(tidak ada)"), "")
            for letter, text in kandidat.judul:
                cb.addItem(f"{letter} — {text}", letter)
            cb.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            cb.setMinimumContentsLength(16)
            self.combos[k.key] = cb
            self.fields[k.key] = cb
            self.form.addRow(k.label + (" *" if k.wajib else ""), cb)
        self.ingat = QCheckBox(self.tr("Ingat pemetaan ini"))
        self.ingat.setChecked(True)
        self.baris_penuh(self.ingat)
        if not wenang(ctx, R.REKAP_IMPOR, self.ingat):  # remembering is stored: the importers' act
            self.ingat.setChecked(False)

    def pemetaan(self) -> Pemetaan:
        cols = {k: cb.currentData() for k, cb in self.combos.items() if cb.currentData()}
        return Pemetaan(self.baris.value(), cols, self.kandidat.sheet)

    def kirim(self) -> Callable[[], Any]:
        peta, kandidat, jenis = self.pemetaan(), self.kandidat, self.kind.nama
        if not self.ingat.isChecked():
            return lambda: peta
        rekap, actor = self.ctx.services.rekap, self.ctx.actor

        def call() -> Pemetaan:
            rekap.simpan_pemetaan(actor, jenis, kandidat, peta)
            return peta

        return call


class RekapPage(QWidget):
    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rekap = ctx.services.rekap
        self.hasil: HasilImpor | None = None
        self.pemetaan: Pemetaan | None = None
        lay = QVBoxLayout(self)
        lay.addWidget(PageHeader(self.tr("Rekap Excel"), self.tr(
            "Impor dari Excel dengan uji coba lebih dahulu (tidak ada yang disimpan sampai berkas bersih), "
            "ekspor register dan rekap, serta templat impor.")))

        # ---------------------------------------------------------------- import
        box = QGroupBox(self.tr("Impor"))
        bl = QVBoxLayout(box)
        row = QHBoxLayout()
        self.jenis = QComboBox()
        for name, k in self.rekap.jenis_impor().items():
            self.jenis.addItem(k.judul, name)
        self.jenis.currentIndexChanged.connect(self._reset)
        row.addWidget(QLabel(self.tr("Jenis data")))
        row.addWidget(self.jenis)
        self.berkas = QLineEdit()
        self.berkas.setPlaceholderText(self.tr("Berkas .xlsx"))
        self.berkas.textChanged.connect(self._reset)
        row.addWidget(self.berkas, 1)
        pilih = QPushButton(self.tr("Pilih berkas…"))
        pilih.clicked.connect(self._pilih_berkas)
        row.addWidget(pilih)
        bl.addLayout(row)
        row = QHBoxLayout()
        self.perbarui = QCheckBox(self.tr("Perbarui data yang sudah ada (kunci sama)"))
        self.perbarui.toggled.connect(self._reset)
        row.addWidget(self.perbarui)
        row.addStretch(1)
        self.btn_templat = QPushButton(self.tr("Unduh templat…"))
        self.btn_templat.clicked.connect(self._unduh_templat)
        self.btn_peta = QPushButton(self.tr("Petakan kolom…"))
        self.btn_peta.setEnabled(False)
        self.btn_peta.clicked.connect(self._petakan)
        self.btn_periksa = QPushButton(self.tr("Uji coba"))
        self.btn_periksa.clicked.connect(self.periksa)
        self.btn_terapkan = QPushButton(self.tr("Terapkan"))
        self.btn_terapkan.setEnabled(False)
        self.btn_terapkan.clicked.connect(self.terapkan)
        for b in (self.btn_templat, self.btn_peta, self.btn_periksa, self.btn_terapkan):
            row.addWidget(b)
        bl.addLayout(row)
        self.ringkasan = QLabel(self.tr("Pilih jenis data dan berkas, lalu jalankan uji coba."))
        self.ringkasan.setWordWrap(True)
        bl.addWidget(self.ringkasan)
        self.model = ProblemModel(self)
        self.table = table_view(self.model)  # the message column (last) stretches
        bl.addWidget(self.table, 1)
        lay.addWidget(box, 1)

        # ---------------------------------------------------------------- export
        # compact: the kind and its button on one row, the period with the NIK choice on the next; the
        # programme row and the NIK choice appear only for kinds that take them (fits 1366×768 with the
        # demo banner, no page scroll)
        box = QGroupBox(self.tr("Ekspor"))
        form = QFormLayout(box)
        self.ekspor_form = form
        self.ekspor_jenis = QComboBox()
        for name, k in self.rekap.jenis_ekspor().items():
            self.ekspor_jenis.addItem(k.judul, name)
        self.btn_ekspor = QPushButton(self.tr("Ekspor…"))
        self.btn_ekspor.setProperty("primary", True)
        self.btn_ekspor.clicked.connect(self._ekspor_dialog)
        atas = QHBoxLayout()
        atas.addWidget(self.ekspor_jenis, 1)
        atas.addWidget(self.btn_ekspor)
        form.addRow(self.tr("Jenis"), atas)
        per = QHBoxLayout()
        self.semua = QCheckBox(self.tr("Semua periode"))
        self.semua.setChecked(True)
        today = ctx.services.clock.today()
        self.dari = make_date_edit(date(today.year, 1, 1))
        self.sampai = make_date_edit(today)
        self.nik_lengkap = QCheckBox(self.tr("Tampilkan NIK lengkap (dicatat di log audit)"))
        for w in (self.semua, QLabel(self.tr("dari")), self.dari, QLabel(self.tr("sampai")), self.sampai):
            per.addWidget(w)
        per.addSpacing(16)
        per.addWidget(self.nik_lengkap)
        per.addStretch(1)
        form.addRow(self.tr("Periode"), per)
        self.semua.toggled.connect(lambda on: (self.dari.setEnabled(not on), self.sampai.setEnabled(not on)))
        self.dari.setEnabled(False)
        self.sampai.setEnabled(False)
        self.program = QComboBox()
        self.program.setEditable(True)  # a programme from the list, or an id typed by hand
        self.program.lineEdit().setPlaceholderText(self.tr("Program monev (rekap monev, tindak lanjut)"))
        self._isi_program()
        form.addRow(self.tr("Program"), self.program)
        self.ekspor_info = QLabel()
        self.ekspor_info.setWordWrap(True)
        self.ekspor_info.setObjectName("hint")
        form.addRow("", self.ekspor_info)
        lay.addWidget(box)
        self.jenis.currentIndexChanged.connect(lambda _i: self._impor_berubah())
        self.ekspor_jenis.currentIndexChanged.connect(self._ekspor_berubah)
        self._impor_berubah()
        self._ekspor_berubah()

    def _isi_program(self) -> None:
        self.program.clear()
        self.program.addItem("", None)
        for p in self.ctx.services.monev.daftar_program():
            self.program.addItem(f"{p.get('nama', '')} ({str(p.get('id', ''))[:8]})", p.get("id"))

    def _boleh_impor(self) -> bool:
        """Whether the role may apply the chosen kind: ``rekap.impor`` requires REKAP_IMPOR and the kind's own
        ``izin`` (read from the kind, not copied here). The dry run needs none."""
        kind = self.rekap.jenis_impor().get(self._kind())
        return kind is not None and all(self.ctx.can(p) for p in (R.REKAP_IMPOR, *kind.izin))

    def _impor_berubah(self) -> None:
        kind = self.rekap.jenis_impor().get(self._kind())
        izin = (R.REKAP_IMPOR, *(kind.izin if kind else ()))
        ok = wenang_semua(self.ctx, izin, self.perbarui)
        if not ok:
            self.perbarui.setChecked(False)
            kurang = next(p for p in izin if not self.ctx.can(p))
            self.btn_terapkan.setToolTip(alasan_tidak_berwenang(kurang))
            self.ringkasan.setText(self.tr("Uji coba boleh dijalankan; menyimpan data jenis ini tidak: ")
                                   + alasan_tidak_berwenang(kurang))
        else:
            self.btn_terapkan.setToolTip("")

    def _ekspor_berubah(self) -> None:
        kind = self.rekap.jenis_ekspor().get(str(self.ekspor_jenis.currentData()))
        if kind is None:
            return
        self.ekspor_info.setText(kind.keterangan)
        self.program.setEnabled(kind.pakai_program)
        self.ekspor_form.setRowVisible(self.program, kind.pakai_program)
        self.nik_lengkap.setVisible(kind.data_pribadi)
        if not kind.data_pribadi:
            self.nik_lengkap.setChecked(False)
        # what ``rekap.ekspor`` requires for this kind: its ``izin``, and PDP_LIHAT when it names people
        syarat = (*kind.izin, *((R.PDP_LIHAT,) if kind.data_pribadi else ()))
        self.btn_ekspor.setToolTip("")
        wenang_semua(self.ctx, syarat, self.btn_ekspor)
        self.nik_lengkap.setToolTip("")
        wenang(self.ctx, R.PDP_LIHAT, self.nik_lengkap)

    def _program_id(self) -> str | None:
        data = self.program.currentData()
        if data and self.program.currentText() == self.program.itemText(self.program.currentIndex()):
            return str(data)
        return self.program.currentText().strip() or None

    def refresh(self) -> None:
        current = self._program_id()
        self._isi_program()
        if current:
            i = self.program.findData(current)
            if i >= 0:
                self.program.setCurrentIndex(i)

    # ------------------------------------------------------------------ import
    def _reset(self) -> None:
        self.hasil = None
        self.pemetaan = None
        self.btn_terapkan.setEnabled(False)

    def _pilih_berkas(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Pilih berkas Excel"), "", self.tr("Excel (*.xlsx);;Semua (*)"))
        if path:
            self.berkas.setText(path)

    def _kind(self) -> str:
        return str(self.jenis.currentData())

    def periksa(self) -> None:
        path = self.berkas.text().strip()
        if not path:
            show_error(self, self.tr("Pilih berkas .xlsx lebih dahulu."))
            return
        jenis, perbarui, peta = self._kind(), self.perbarui.isChecked(), self.pemetaan
        self.btn_terapkan.setEnabled(False)
        self.ctx.tasks.run(lambda progress: self.rekap.periksa(jenis, path, perbarui=perbarui, pemetaan=peta,
                                                               progress=progress),
                           title=self.tr("Memeriksa berkas…"), on_done=self._tampilkan, parent=self)

    def _tampilkan(self, hasil: HasilImpor) -> None:
        self.hasil = hasil
        self.model.set_rows(hasil.masalah)
        self.table.resizeColumnsToContents()
        text = self.tr("{0} baru, {1} diperbarui, {2} dilewati; {3} galat, {4} peringatan.").format(
            hasil.baru, hasil.ubah, hasil.lewati, len(hasil.galat), len(hasil.masalah) - len(hasil.galat))
        if hasil.diterapkan:
            text = self.tr("Tersimpan: ") + text
        elif hasil.bersih:
            text += " " + self.tr("Berkas bersih: tekan Terapkan untuk menyimpan.")
        else:
            text += " " + self.tr("Perbaiki galat di berkas lalu uji coba lagi; tidak ada yang disimpan.")
        self.ringkasan.setText(text)
        self.btn_terapkan.setEnabled(hasil.bersih and not hasil.diterapkan and (hasil.baru + hasil.ubah) > 0
                                     and self._boleh_impor())
        self.btn_peta.setEnabled(hasil.kandidat is not None and not hasil.tata_letak)

    def terapkan(self) -> None:
        if self.hasil is None or not self.hasil.bersih:
            return
        path, jenis, perbarui, peta = self.berkas.text().strip(), self._kind(), self.perbarui.isChecked(), self.pemetaan
        actor = self.ctx.actor
        self.btn_terapkan.setEnabled(False)
        rekap = self.rekap
        # every room whose data an import may write hears of it (its page refreshes)
        operasi(self.ctx, lambda progress: rekap.impor(actor, jenis, path, perbarui=perbarui, pemetaan=peta,
                                                       progress=progress),
                rooms={"rekap", "layanan", "master", "monev", "naskah"}, title=self.tr("Menyimpan data…"),
                parent=self, on_done=self._selesai, on_error=lambda _e: self._impor_berubah(), progres=True)

    def _selesai(self, hasil: HasilImpor) -> None:
        self._tampilkan(hasil)
        if hasil.diterapkan:
            self.ctx.status(self.tr("Impor selesai: {0}").format(hasil.ringkasan()))

    def _petakan(self) -> None:
        if self.hasil is None or self.hasil.kandidat is None:
            return
        dlg = self.mapping_dialog()
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self._pakai_pemetaan(dlg)

    def mapping_dialog(self) -> MappingDialog:
        assert self.hasil is not None and self.hasil.kandidat is not None
        return MappingDialog(self.ctx, self.rekap.jenis_impor()[self._kind()], self.hasil.kandidat, self)

    def terima_pemetaan(self, dlg: MappingDialog) -> None:
        """What "Pakai pemetaan" does: remember it (when asked; a required field left unmapped is shown in the
        dialog), then the dry run again with it."""
        dlg.simpan()
        if dlg.result() == QDialog.DialogCode.Accepted:
            self._pakai_pemetaan(dlg)

    def _pakai_pemetaan(self, dlg: MappingDialog) -> None:
        self.pemetaan = dlg.pemetaan()
        self.periksa()

    def _unduh_templat(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Simpan templat"), f"templat-{self._kind()}.xlsx",
                                              "Excel (*.xlsx)")
        if path:
            self.templat_ke(Path(path))

    def templat_ke(self, path: Path) -> None:
        jenis = self._kind()
        self.ctx.tasks.run(lambda progress: self.rekap.templat(jenis, path), title=self.tr("Membuat templat…"),
                           on_done=lambda _: self.ctx.status(self.tr("Templat disimpan: {0}").format(path)),
                           parent=self)

    # ------------------------------------------------------------------ export
    def _ekspor_dialog(self) -> None:
        name = str(self.ekspor_jenis.currentData())
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Simpan ekspor"), f"{name}.xlsx", "Excel (*.xlsx)")
        if path:
            self.ekspor_ke(Path(path))

    def ekspor_ke(self, path: Path) -> None:
        name = str(self.ekspor_jenis.currentData())
        dari = None if self.semua.isChecked() else qdate_to_date(self.dari.date())
        sampai = None if self.semua.isChecked() else qdate_to_date(self.sampai.date())
        program = self._program_id()
        nik = self.nik_lengkap.isChecked()
        actor = self.ctx.actor
        self.ctx.tasks.run(
            lambda progress: self.rekap.ekspor(actor, name, path, dari=dari, sampai=sampai, program=program,
                                               tampilkan_nik=nik, progress=progress),
            title=self.tr("Mengekspor…"), parent=self,
            on_done=lambda n: info(self, self.tr("{0} baris diekspor ke {1}.").format(n, path)))

    def smoke(self) -> None:
        kinds = self.rekap.jenis_impor()
        if kinds:
            k = next(iter(kinds.values()))
            dlg = MappingDialog(self.ctx, k, Kandidat("Sheet1", 1, [("A", "Kode"), ("B", "Nama")], "x"), self)
            dlg.show()
            dlg.close()
