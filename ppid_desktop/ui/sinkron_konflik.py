"""Sync conflicts on screen: the resolution dialog (both values side by side, who and when) and the
Beranda panel with the count of open conflicts."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.dialog import DialogFormulir
from ppid_desktop.ui.operasi import operasi
from ppid_desktop.ui.widgets import table_view

ENTITAS = {
    "perangkat_daerah": "Perangkat daerah", "pegawai": "Pegawai", "profil_instansi": "Profil instansi",
    "permohonan": "Permohonan", "keberatan": "Keberatan", "monev_jawaban": "Jawaban monev",
    "monev_sesi": "Sesi monev", "monev_jadwal": "Jadwal monev", "surat_keluar": "Surat keluar",
    "templat_nomor": "Templat nomor", "hari_libur": "Hari libur",
}
JENIS = {"nilai": "Diubah di dua laptop", "hapus": "Dihapus di satu laptop, diubah di laptop lain",
         "terkunci": "Jawaban masuk setelah sesi difinalkan", "nomor_ganda": "Nomor resmi ganda"}

Index = QModelIndex | QPersistentModelIndex


class ListModel(QAbstractTableModel):
    """Rows of dicts shown through ``columns`` [(header, function(row) -> text)]."""

    def __init__(self, columns: list[tuple[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.rows: list[dict[str, Any]] = []

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        return str(self.columns[index.column()][1](self.rows[index.row()]))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section][0]
        return None


def _teks(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, bool):
        return "ya" if v else "tidak"
    return str(v)


def _sisi(side: dict[str, Any]) -> str:
    who = side.get("penulis") or side.get("replika", "")[:8] or "—"
    return f"{who}, {side.get('waktu', '')[:16].replace('T', ' ')}".strip(", ")


class KonflikDialog(QDialog):
    """Every open conflict; for the selected one its differing fields side by side, then
    pakai milik saya / pakai milik mereka / ubah."""

    resolved = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, hanya: set[str] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.hanya = hanya  # opened from a record's badge: just that record's conflicts
        self.setWindowTitle(self.tr("Konflik sinkronisasi"))
        self.resize(1000, 560)
        lay = QVBoxLayout(self)
        hint = QLabel(self.tr(
            "Perubahan yang dibuat bersamaan di dua laptop pada bagian yang sama. Nilai yang dipakai sementara "
            "sama di semua laptop; pilih nilai yang benar. Penyelesaian ikut terkirim dan menutup konflik di "
            "semua laptop."))
        hint.setWordWrap(True)
        lay.addWidget(hint)
        split = QSplitter(Qt.Orientation.Vertical)
        self.model = ListModel([
            (self.tr("Data"), lambda r: ENTITAS.get(r["entitas"], r["entitas"])),
            (self.tr("Rekaman"), lambda r: r["label"] or r["rec_id"][:8]),
            (self.tr("Bagian"), lambda r: r["grup"]),
            (self.tr("Jenis"), lambda r: JENIS.get(r["jenis"], r["jenis"])),
            (self.tr("Di laptop ini"), lambda r: _sisi(r["menang"])),
            (self.tr("Laptop lain"), lambda r: _sisi(r["kalah"])),
        ], self)
        self.table = table_view(self.model)
        split.addWidget(self.table)
        self.detail = ListModel([
            (self.tr("Isian"), lambda r: r["kolom"]),
            (self.tr("Milik saya (dipakai sekarang)"), lambda r: _teks(r["saya"])),
            (self.tr("Milik mereka"), lambda r: _teks(r["mereka"])),
        ], self)
        self.detail_view = table_view(self.detail)
        split.addWidget(self.detail_view)
        lay.addWidget(split, 1)
        row = QHBoxLayout()
        self.who = QLabel()
        self.who.setObjectName("hint")
        row.addWidget(self.who, 1)
        self.mine = QPushButton(self.tr("Pakai milik saya"))
        self.theirs = QPushButton(self.tr("Pakai milik mereka"))
        self.edit = QPushButton(self.tr("Ubah…"))
        close = QPushButton(self.tr("Tutup"))
        for b in (self.mine, self.theirs, self.edit, close):
            row.addWidget(b)
        lay.addLayout(row)
        close.clicked.connect(self.accept)
        self.mine.clicked.connect(lambda: self.resolve("milik-saya"))
        self.theirs.clicked.connect(lambda: self.resolve("milik-mereka"))
        self.edit.clicked.connect(self.ask_edit)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_current())
        self.load()

    def load(self) -> None:
        rows = self.ctx.services.sinkron.konflik()
        self.model.set_rows([r for r in rows if self.hanya is None or r["id"] in self.hanya])
        if self.model.rows:
            self.table.selectRow(0)
        self.show_current()

    def current(self) -> dict[str, Any] | None:
        idx = self.table.currentIndex()
        return self.model.rows[idx.row()] if idx.isValid() and idx.row() < len(self.model.rows) else None

    def show_current(self) -> None:
        k = self.current()
        for b in (self.mine, self.theirs, self.edit):
            b.setEnabled(k is not None and k["jenis"] != "nomor_ganda")
        if k is None:
            self.detail.set_rows([])
            self.who.setText(self.tr("Tidak ada konflik yang terbuka."))
            return
        if k["jenis"] == "nomor_ganda":
            self.mine.setEnabled(True)
            self.mine.setText(self.tr("Tandai sudah ditangani"))
        else:
            self.mine.setText(self.tr("Pakai milik saya"))
        a, b = k["menang"]["nilai"], k["kalah"]["nilai"]
        rows = [{"kolom": c, "saya": a.get(c), "mereka": b.get(c)} for c in dict.fromkeys([*a, *b])]
        differing = [r for r in rows if r["saya"] != r["mereka"]]
        self.detail.set_rows(differing or rows)
        self.who.setText(self.tr("Milik saya: %s · Milik mereka: %s") % (_sisi(k["menang"]), _sisi(k["kalah"])))

    def resolve(self, pakai: str) -> None:
        k = self.current()
        if k is None:
            return
        sinkron, actor, kid = self.ctx.services.sinkron, self.ctx.actor, k["id"]
        operasi(self.ctx, lambda: sinkron.selesaikan(actor, kid, pakai), rooms=ROOMS,
                title=self.tr("Menyelesaikan konflik…"), parent=self, on_done=lambda _r: self._selesai())

    def _selesai(self) -> None:
        self.resolved.emit()
        self.load()

    def dialog_ubah(self) -> UbahNilaiDialog | None:
        k = self.current()
        return UbahNilaiDialog(self.ctx, k, self) if k is not None else None

    def ask_edit(self) -> None:
        dlg = self.dialog_ubah()
        if dlg is not None and dlg.exec() == QDialog.DialogCode.Accepted:
            self._selesai()


# Rooms whose screens show data a resolution or an import may change.
ROOMS = frozenset({"layanan", "monev", "naskah", "master", "rekap", "sinkron"})


class UbahNilaiDialog(DialogFormulir):
    """``ubah``: the user writes the value that covers both sides (the fields of the conflict's group)."""

    ROOMS = set(ROOMS)

    def __init__(self, ctx: AppContext, konflik: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Ubah nilai", parent, tombol_simpan="Simpan penyelesaian")
        self.konflik = konflik
        self.edits: dict[str, QLineEdit] = {}
        for c, v in konflik["menang"]["nilai"].items():
            e = QLineEdit("" if v is None else (json.dumps(v) if isinstance(v, bool | list | dict) else str(v)))
            e.setToolTip(self.tr("Milik mereka: %s") % _teks(konflik["kalah"]["nilai"].get(c)))
            self.edits[c] = self.baris(c, c, e)

    def kirim(self) -> Callable[[], Any]:
        contoh = self.konflik["menang"]["nilai"]
        nilai = {c: _nilai(e.text(), contoh.get(c)) for c, e in self.edits.items()}
        sinkron, actor, kid = self.ctx.services.sinkron, self.ctx.actor, self.konflik["id"]
        return lambda: sinkron.selesaikan(actor, kid, "ubah", nilai)


def _nilai(text: str, contoh: Any) -> Any:
    if isinstance(contoh, bool):
        return text.strip().lower() in ("ya", "true", "1")
    if isinstance(contoh, int):
        try:
            return int(text)
        except ValueError:
            return contoh
    if contoh is None and not text:
        return None
    return text


class KonflikPanel(QWidget):
    """Beranda: how many sync conflicts wait for a person."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setWordWrap(True)
        lay.addWidget(self.label, 1)
        self.button = QPushButton(self.tr("Selesaikan…"))
        lay.addWidget(self.button)
        self.button.clicked.connect(self.open_dialog)
        self.refresh()

    def refresh(self) -> None:
        n = self.ctx.services.sinkron.jumlah_konflik()
        self.count = n
        if n:
            self.label.setText(self.tr("<b>Konflik sinkronisasi:</b> <span style='color:#b00020'><b>%d</b></span> "
                                       "perubahan bersamaan menunggu diputuskan.") % n)
        else:
            self.label.setText(self.tr("<b>Konflik sinkronisasi:</b> tidak ada."))
        self.button.setVisible(bool(n))

    def open_dialog(self) -> None:
        dlg = KonflikDialog(self.ctx, self)
        dlg.resolved.connect(self.refresh)
        dlg.exec()
        self.refresh()
