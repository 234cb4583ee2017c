"""Daftar hadir rapat of a monev programme (``monev.rapat``): the invitation's addressees and extra
names, who attended, their jabatan and instansi; saved on the task runner, printed in the daftar hadir
and the notulen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ppid_desktop.monev import rapat as RAPAT
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.dialog import DialogFormulir

KOLOM = ("Nama", "Jabatan", "Instansi/Unit", "Hadir")


class DaftarHadirDialog(DialogFormulir):
    ROOMS: ClassVar[set[str]] = {"monev"}
    LEBAR: ClassVar[int] = 760

    def __init__(self, ctx: AppContext, program_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Daftar hadir rapat koordinasi", parent, tombol_simpan="Simpan daftar hadir")
        self.program_id = program_id
        peserta, tercatat = RAPAT.daftar_hadir(ctx.services, program_id)
        self._asal: list[RAPAT.Peserta] = list(peserta)
        ket = QLabel(self.tr("Peserta yang diundang (Tim Monev dan perwakilan setiap unit) dan tamu tambahan. Centang "
                             "yang hadir; perwakilan unit yang hadir diisi namanya. Dicetak pada daftar hadir dan notulen.")
                     if not tercatat else self.tr("Kehadiran sudah dicatat; ubah bila perlu."))
        ket.setWordWrap(True)
        self.baris_penuh(ket)
        self.tabel = QTableWidget(0, len(KOLOM))
        self.tabel.setHorizontalHeaderLabels([self.tr(k) for k in KOLOM])
        hh = self.tabel.horizontalHeader()
        for i in range(3):
            hh.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(3, QHeaderView.ResizeMode.Fixed)
        self.tabel.setColumnWidth(3, 64)
        self.tabel.setMinimumWidth(660)
        self.tabel.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tabel.setMinimumHeight(260)
        for p in peserta:
            self._tambah_baris(p)
        self.baris_penuh(self.tabel)
        self.fields["peserta"] = self.tabel
        tombol = QWidget()
        row = QHBoxLayout(tombol)
        row.setContentsMargins(0, 0, 0, 0)
        self.btn_tambah = QPushButton(self.tr("Tambah peserta"))
        self.btn_tambah.clicked.connect(lambda: self._tambah_baris(RAPAT.Peserta("", "", "", True, sumber="tambahan")))
        self.btn_hapus = QPushButton(self.tr("Hapus baris"))
        self.btn_hapus.clicked.connect(self._hapus)
        row.addWidget(self.btn_tambah)
        row.addWidget(self.btn_hapus)
        row.addStretch(1)
        self.baris_penuh(tombol)

    def _tambah_baris(self, p: RAPAT.Peserta) -> None:
        r = self.tabel.rowCount()
        self.tabel.insertRow(r)
        for c, teks in enumerate((p.nama, p.jabatan, p.instansi)):
            item = QTableWidgetItem(teks)
            if c == 0:
                item.setData(Qt.ItemDataRole.UserRole, p)
            self.tabel.setItem(r, c, item)
        cek = QTableWidgetItem()
        cek.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        cek.setCheckState(Qt.CheckState.Checked if p.hadir else Qt.CheckState.Unchecked)
        self.tabel.setItem(r, 3, cek)

    def _hapus(self) -> None:
        for r in sorted({i.row() for i in self.tabel.selectedIndexes()}, reverse=True):
            self.tabel.removeRow(r)

    def atur(self, baris: int, *, nama: str | None = None, hadir: bool | None = None) -> None:
        """Set a row's name / attendance (as a user would type and tick; tests)."""
        if nama is not None:
            self.tabel.item(baris, 0).setText(nama)
        if hadir is not None:
            self.tabel.item(baris, 3).setCheckState(Qt.CheckState.Checked if hadir else Qt.CheckState.Unchecked)

    def peserta(self) -> list[RAPAT.Peserta]:
        out = []
        for r in range(self.tabel.rowCount()):
            asal = self.tabel.item(r, 0).data(Qt.ItemDataRole.UserRole)
            teks = [(self.tabel.item(r, c).text() if self.tabel.item(r, c) else "") for c in range(3)]
            hadir = self.tabel.item(r, 3).checkState() == Qt.CheckState.Checked
            out.append(RAPAT.Peserta(teks[0], teks[1], teks[2], hadir,
                                     sumber=asal.sumber if asal else "tambahan",
                                     opd_id=asal.opd_id if asal else None, pegawai_id=asal.pegawai_id if asal else None,
                                     keterangan=asal.keterangan if asal else ""))
        return out

    def kirim(self) -> Callable[[], Any]:
        svc, actor, pid, peserta = self.ctx.services, self.ctx.actor, self.program_id, self.peserta()
        return lambda: RAPAT.catat_hadir(svc, actor, pid, peserta)
