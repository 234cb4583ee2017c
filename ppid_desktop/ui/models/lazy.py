"""``LazySqlTableModel``: a QAbstractTableModel over a big SQL register that stays instant at 100,000 rows.

The model is fed by a *source* (Qt-free) with two methods:

- ``ids() -> list[key]``: the ordered keys (e.g. rowids) of the current filter and sort, from one
  indexed SQL query;
- ``rows(keys) -> dict[key, dict]``: the display values of just those keys (one ``IN (...)`` query),

and optional attributes ``sort`` / ``desc`` the model sets when the user clicks a header. Rows are
fetched in pages of ``page_size`` when the view asks for them; at most ``max_pages`` pages stay cached.
Columns are ``Kolom(key, judul, format=None, rata=None)``; ``format(value, row) -> str``.
Example (monev may reuse it)::

    model = LazySqlTableModel(PermohonanSource(conn), [Kolom("nomor", "Nomor"), ...])
    model.set_filter(RegisterFilter(status=("diproses",)))   # source.filter = ...; reload
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Kolom:
    key: str
    judul: str
    format: Callable[[Any, dict[str, Any]], str] | None = None
    rata: Qt.AlignmentFlag | None = None
    sort_key: str | None = None  # the source's sort name (defaults to ``key``)


class LazySqlTableModel(QAbstractTableModel):
    reloaded = Signal(int)  # row count after a reload

    def __init__(self, source: Any, kolom: Sequence[Kolom], *, page_size: int = 200, max_pages: int = 50,
                 row_brush: Callable[[dict[str, Any]], QColor | None] | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.source = source
        self.kolom = list(kolom)
        self.page_size = page_size
        self.max_pages = max_pages
        self.row_brush = row_brush
        self._ids: list[Any] = []
        self._pages: OrderedDict[int, dict[Any, dict[str, Any]]] = OrderedDict()
        self.reload()

    # ------------------------------------------------------------ data loading
    def reload(self) -> None:
        self.beginResetModel()
        self._ids = list(self.source.ids())
        self._pages.clear()
        self.endResetModel()
        self.reloaded.emit(len(self._ids))

    def set_filter(self, f: Any) -> None:
        self.source.filter = f
        self.reload()

    def _page(self, page: int) -> dict[Any, dict[str, Any]]:
        got = self._pages.get(page)
        if got is None:
            keys = self._ids[page * self.page_size:(page + 1) * self.page_size]
            got = self.source.rows(keys)
            self._pages[page] = got
            while len(self._pages) > self.max_pages:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        return got

    def row_data(self, row: int) -> dict[str, Any] | None:
        if not 0 <= row < len(self._ids):
            return None
        return self._page(row // self.page_size).get(self._ids[row])

    # ------------------------------------------------------------ Qt API
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.kolom)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.kolom):
                return self.kolom[section].judul
            if orientation == Qt.Orientation.Vertical:
                return str(section + 1)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._ids)) or not (0 <= index.column() < len(self.kolom)):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole,
                        Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.UserRole):
            return None
        row = self.row_data(index.row())
        if row is None:
            return None
        k = self.kolom[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(k.rata) if k.rata is not None else None
        if role == Qt.ItemDataRole.BackgroundRole:
            if self.row_brush is None:
                return None
            color = self.row_brush(row)
            return QBrush(color) if color is not None else None
        value = row.get(k.key)
        text = k.format(value, row) if k.format else ("" if value is None else str(value))
        return text

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.kolom):
            return
        k = self.kolom[column]
        self.source.sort = k.sort_key or k.key
        self.source.desc = order == Qt.SortOrder.DescendingOrder
        self.reload()
