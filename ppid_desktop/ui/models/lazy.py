"""``LazySqlTableModel``: a QAbstractTableModel over a big SQL register that fetches one screen at a time.

The model is fed by a Qt-free *source* (``layanan.queries.PermohonanSource`` / ``KeberatanSource``)
with attributes ``filter``, ``sort``, ``desc`` and methods taking the sqlite3 connection to use:

- ``page(after, limit, backward=False, conn=)``: the rows after (or before) the row keyed ``after``,
  each with its key in ``row["_k"]`` — keyset (seek) pagination, an index walk at any depth;
- ``page_at(offset, limit, total=, conn=)``: a jump by position (a dragged scrollbar), counted from the
  nearer end;
- ``count(conn=)``: the number of rows of the filter.

How it stays fast at a million rows:

- **One reload per user action.** ``reload()`` bumps a generation counter and asks the worker for the
  first page; ``sort()`` with the order already in force and ``set_filter()`` with the filter already in
  force do nothing, and nothing loads before the first ``reload()`` (so building the view —
  ``setSortingEnabled``, ``setSortIndicator`` — costs no query).
- **Off the GUI thread.** Pages and the count run on the model's own worker threads through
  ``Store.raw()`` (the store's pooled connection with its pragmas); results come back by a queued
  signal and a result of an older generation is discarded.
- **The first screen does not wait for the count.** The first page is shown as soon as it arrives
  (``rowCount`` = its length); the count follows and extends the rows (``counted`` signal).
- **Bounded memory.** Pages live in an LRU of ``max_pages``; a page is loaded by keyset from a
  neighbour when one is cached, otherwise by position. Rows not loaded yet show empty until their page
  arrives (``dataChanged``).

Without a store (``LazySqlTableModel(PermohonanSource(conn), kolom)``, tests and tools) the same steps
run inline on the source's own connection.

A cell whose text is cut (wider than its column, or more than one line) gives its whole text as its
``ToolTipRole``; ``tooltip_bila_terpotong(view)`` tells the model how wide the view's columns are (without a
view every non-empty cell gives its text).
"""

from __future__ import annotations

import contextlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QStyle, QTableView

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Kolom:
    key: str
    judul: str
    format: Callable[[Any, dict[str, Any]], str] | None = None
    rata: Qt.AlignmentFlag | None = None
    sort_key: str | None = None  # the source's sort name (defaults to ``key``)


class _Signals(QObject):
    ready = Signal(int)  # a job id: its result waits in the model's outbox (no Python objects cross threads)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: _Signals, outbox: dict[int, Any], lock: threading.Lock,
                 job_id: int) -> None:
        super().__init__()
        self.fn, self.signals, self.outbox, self.lock, self.job_id = fn, signals, outbox, lock, job_id
        self.setAutoDelete(False)  # the model keeps the job until its result is taken

    def run(self) -> None:
        try:
            result: tuple[bool, Any] = (True, self.fn())
        except Exception as exc:  # noqa: BLE001 - forwarded to the GUI thread
            result = (False, str(exc))
        with self.lock:
            self.outbox[self.job_id] = result
        self.signals.ready.emit(self.job_id)


class LazySqlTableModel(QAbstractTableModel):
    reloaded = Signal(int)  # rows known after a reload: the first page, then again with the count
    counted = Signal(int)  # the filter's row count, once known
    failed = Signal(str)

    def __init__(self, source: Any, kolom: Sequence[Kolom], *, store: Any = None, threaded: bool = True,
                 page_size: int = 200, max_pages: int = 50,
                 row_brush: Callable[[dict[str, Any]], QColor | None] | None = None,
                 autoload: bool | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.source = source
        self.kolom = list(kolom)
        self.store = store
        self.page_size = page_size
        self.max_pages = max_pages
        self.row_brush = row_brush
        self.terpotong: Callable[[int, str], bool] | None = None  # (column, text) -> cut in the view?
        self.generation = 0
        self.total: int | None = None  # the count, once known
        self._rows = 0
        self._started = False
        self._pages: OrderedDict[int, list[dict[str, Any]]] = OrderedDict()
        self._pending: set[int] = set()
        self._loading: tuple[Any, ...] | None = None  # (filter, sort, desc) of a first page on its way
        # The pool is created before the signal object: children are destroyed in creation order, so the
        # pool's destructor waits for running jobs while their signal object still exists.
        self._pool: QThreadPool | None = None
        if store is not None and threaded:
            self._pool = QThreadPool(self)
            self._pool.setMaxThreadCount(2)  # a page never waits behind a slow count
        self._signals = _Signals(self)
        self._signals.ready.connect(self._on_ready, Qt.ConnectionType.QueuedConnection)
        self._lock = threading.Lock()
        self._outbox: dict[int, tuple[bool, Any]] = {}
        self._jobs: dict[int, tuple[_Job, int, str, Any]] = {}
        self._next_job = 0
        if autoload if autoload is not None else self._pool is None:
            self.reload()  # inline (tools, tests): load at once; the app's register calls reload()

    # ------------------------------------------------------------ running queries
    @contextlib.contextmanager
    def _conn(self) -> Iterator[Any]:
        if self.store is None:
            yield None  # the source's own connection
        else:
            with self.store.raw() as conn:
                yield conn

    def _submit(self, kind: str, arg: Any, fn: Callable[[Any], Any]) -> None:
        gen = self.generation

        def call() -> Any:
            with self._conn() as conn:
                return fn(conn)

        if self._pool is None:
            try:
                result = call()
            except Exception as exc:  # noqa: BLE001
                self._on_failed(gen, kind, arg, str(exc))
            else:
                self._on_done(gen, kind, arg, result)
            return
        self._next_job += 1
        job = _Job(call, self._signals, self._outbox, self._lock, self._next_job)
        self._jobs[self._next_job] = (job, gen, kind, arg)
        self._pool.start(job)

    def _on_ready(self, job_id: int) -> None:
        with self._lock:
            ok, result = self._outbox.pop(job_id)
        _job, gen, kind, arg = self._jobs.pop(job_id)
        if ok:
            self._on_done(gen, kind, arg, result)
        else:
            self._on_failed(gen, kind, arg, result)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the worker is idle (tests, benchmarks); the results still arrive by signal."""
        return True if self._pool is None else self._pool.waitForDone(msecs)

    # ------------------------------------------------------------ data loading
    def reload(self) -> None:
        """Start over with the current filter and sort: one first page, then the count. A reload asked
        while the first page of the very same filter and sort is still on its way is that load."""
        params = (self.source.filter, self.source.sort, self.source.desc)
        if self._loading is not None and self._loading == params:
            return
        self._started = True
        self._loading = params if self._pool is not None else None
        self.generation += 1
        self._pending = {0}
        src = self.source
        size = self.page_size
        self._submit("first", 0, lambda conn: src.page(None, size, conn=conn))

    def set_filter(self, f: Any) -> None:
        """A new filter (or the same one, to see new data): reload."""
        self.source.filter = f
        self.reload()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.kolom):
            return
        k = self.kolom[column]
        key, desc = k.sort_key or k.key, order == Qt.SortOrder.DescendingOrder
        if (key, desc) == (self.source.sort, self.source.desc) and self._started:
            return
        self.source.sort, self.source.desc = key, desc
        if self._started:
            self.reload()

    def _on_done(self, gen: int, kind: str, arg: Any, result: Any) -> None:
        if gen != self.generation:
            return  # a result for a filter/sort no longer shown
        if kind == "first":
            self._loading = None
            rows: list[dict[str, Any]] = result
            self.beginResetModel()
            self._pages.clear()
            self._pending.clear()
            self._pages[0] = rows
            self._rows = len(rows)
            self.total = len(rows) if len(rows) < self.page_size else None
            self.endResetModel()
            self.reloaded.emit(self._rows)
            if self.total is None:
                src = self.source
                self._submit("count", 0, lambda conn: src.count(conn=conn))
            else:
                self.counted.emit(self.total)
        elif kind == "count":
            total = int(result)
            self.total = total
            if total > self._rows:
                self.beginInsertRows(QModelIndex(), self._rows, total - 1)
                self._rows = total
                self.endInsertRows()
            elif total < self._rows:  # rows were deleted meanwhile
                self.beginRemoveRows(QModelIndex(), total, self._rows - 1)
                self._rows = total
                self.endRemoveRows()
            self.counted.emit(total)
            self.reloaded.emit(total)
        elif kind == "page":
            page: int = arg
            self._pending.discard(page)
            self._store_page(page, result)
            first = page * self.page_size
            last = min(first + self.page_size, self._rows) - 1
            if last >= first and self._pool is not None:  # inline pages are answered inside data()
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.kolom) - 1))

    def _on_failed(self, gen: int, kind: str, arg: Any, message: str) -> None:
        if gen != self.generation:
            return
        if kind == "first":
            self._loading = None
        if kind == "page":
            self._pending.discard(arg)
        self.failed.emit(message)

    def _store_page(self, page: int, rows: list[dict[str, Any]]) -> None:
        self._pages[page] = rows
        self._pages.move_to_end(page)
        while len(self._pages) > self.max_pages:
            self._pages.popitem(last=False)

    def _request(self, page: int) -> None:
        if page in self._pending or page in self._pages or self._loading is not None:
            return  # (while a reload is on its way the old pages stay on screen; nothing new is asked)
        self._pending.add(page)
        src, size, total = self.source, self.page_size, self.total
        before, after = self._pages.get(page - 1), self._pages.get(page + 1)
        if before and len(before) == size:  # keyset from the page above: exact and cheap at any depth
            key = before[-1]["_k"]
            self._submit("page", page, lambda conn: src.page(key, size, conn=conn))
        elif after:  # keyset backwards from the page below
            key = after[0]["_k"]
            self._submit("page", page, lambda conn: src.page(key, size, backward=True, conn=conn))
        else:  # a jump: by position, from the nearer end
            self._submit("page", page, lambda conn: src.page_at(page * size, size, total=total, conn=conn))

    def row_data(self, row: int) -> dict[str, Any] | None:
        if not 0 <= row < self._rows:
            return None
        page, i = divmod(row, self.page_size)
        got = self._pages.get(page)
        if got is None:
            self._request(page)
            got = self._pages.get(page)  # inline sources answer at once
            if got is None:
                return None
        else:
            self._pages.move_to_end(page)
        return got[i] if i < len(got) else None

    # ------------------------------------------------------------ Qt API
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._rows

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
        if not index.isValid() or not (0 <= index.row() < self._rows) or not (0 <= index.column() < len(self.kolom)):
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
        if role == Qt.ItemDataRole.ToolTipRole:
            if not text:
                return None
            if "\n" in text or self.terpotong is None or self.terpotong(index.column(), text):
                return text
            return None
        return text


def tooltip_bila_terpotong(view: QTableView) -> None:
    """Tell ``view``'s lazy model how wide the columns are, so that only a cell whose text is cut (elided
    by the column's width) shows its whole text as a tooltip."""
    model = view.model()
    assert isinstance(model, LazySqlTableModel)

    def terpotong(column: int, text: str) -> bool:
        margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
        return view.fontMetrics().horizontalAdvance(text) + margin > view.columnWidth(column)

    model.terpotong = terpotong
