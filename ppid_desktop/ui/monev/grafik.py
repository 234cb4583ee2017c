"""Dashboard pieces: a QPainter bar chart and the OPD × aspek heat table model."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from ppid_desktop.monev import instrumen as I
from ppid_desktop.monev.models import STATUS_JADWAL_LABEL
from ppid_desktop.monev.skor import SkorOpd, teks_nilai

Index = QModelIndex | QPersistentModelIndex


class BarChart(QWidget):
    """Horizontal bars (one per OPD), coloured by kategori; painted by hand (no QtCharts)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[tuple[str, float, str]] = []
        self.skala = 100.0
        self.setMinimumHeight(160)

    def set_items(self, items: list[tuple[str, float, str]], skala: float) -> None:
        self.items, self.skala = items, skala or 100.0
        self.setMinimumHeight(max(160, 22 * len(items) + 20))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(520, max(160, 22 * len(self.items) + 20))

    def paintEvent(self, _event: Any) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, row_h, label_w = self.width(), 22, min(230, self.width() // 3)
        bar_w = max(10, w - label_w - 70)
        p.setPen(QPen(QColor("#555")))
        for i, (label, value, colour) in enumerate(self.items):
            y = 10 + i * row_h
            p.setPen(QPen(QColor("#333")))
            p.drawText(QRectF(4, y, label_w - 8, row_h - 4), int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                       label)
            length = bar_w * max(0.0, min(1.0, value / self.skala))
            p.fillRect(QRectF(label_w, y + 3, length, row_h - 8), QBrush(QColor(colour or "#1565c0")))
            p.drawText(QRectF(label_w + length + 4, y, 64, row_h - 4), int(Qt.AlignmentFlag.AlignVCenter), teks_nilai(value))
        p.end()


class HeatModel(QAbstractTableModel):
    """Rows = OPD (ranked), columns = aspek + total + kategori; background = band colour of the score."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[SkorOpd] = []
        self.aspek: list[tuple[str, str]] = []
        self.defn: I.Definisi | None = None

    def set_rows(self, rows: list[SkorOpd], defn: I.Definisi | None) -> None:
        self.beginResetModel()
        self.rows, self.defn = rows, defn
        self.aspek = [(a.kode, a.nama) for a in defn.aspek] if defn else []
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3 + len(self.aspek) + 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        heads = ["#", "Perangkat daerah", "Status", *[k for k, _ in self.aspek], "Total", "Kategori"]
        if role == Qt.ItemDataRole.DisplayRole:
            return heads[section]
        if role == Qt.ItemDataRole.ToolTipRole and 3 <= section < 3 + len(self.aspek):
            return self.aspek[section - 3][1]
        return None

    def _value(self, r: SkorOpd, c: int) -> float | None:
        if r.hasil is None:
            return None
        if 3 <= c < 3 + len(self.aspek):
            return r.hasil.aspek[c - 3].verifikasi
        if c == 3 + len(self.aspek):
            return r.total
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r, c = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.UserRole + 1:
            return r
        if role == Qt.ItemDataRole.DisplayRole:
            if c == 0:
                return "" if r.peringkat is None else str(r.peringkat)
            if c == 1:
                return r.opd
            if c == 2:
                return STATUS_JADWAL_LABEL.get(r.status, r.status)
            if c == 4 + len(self.aspek):
                return r.kategori
            v = self._value(r, c)
            return "" if v is None else teks_nilai(v)
        if role == Qt.ItemDataRole.BackgroundRole and self.defn is not None:
            v = self._value(r, c)
            if c == 4 + len(self.aspek):
                v = r.total
            band = I.band_untuk(self.defn, v) if v is not None else None
            if band and band.warna:
                col = QColor(band.warna)
                col.setAlpha(110)
                return QBrush(col)
        if role == Qt.ItemDataRole.TextAlignmentRole and c >= 3:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
