"""A list + form editor used by the OPD and pegawai tabs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.listmodel import Column, ListTableModel
from ppid_desktop.ui.operasi import operasi
from ppid_desktop.ui.widgets import FormFeedback, confirm, gulung, table_view


class FieldDef:
    def __init__(self, key: str, label: str, kind: str = "text", choices: Callable[[], Sequence[tuple[str, str]]] | None = None,
                 placeholder: str = "") -> None:
        self.key, self.label, self.kind, self.choices, self.placeholder = key, label, kind, choices, placeholder


class RecordEditor(QWidget):
    """Left: a filterable table. Right: the form of the selected record with Baru/Simpan/Hapus."""

    saved = Signal()

    def __init__(self, columns: Sequence[Column[Any]], fields: Sequence[FieldDef], *,
                 load: Callable[[], Sequence[Any]], save: Callable[[dict[str, Any], str | None], Any],
                 delete: Callable[[str], None], can_edit: bool, noun: str, ctx: AppContext,
                 parent: QWidget | None = None, rooms: frozenset[str] = frozenset({"master"})) -> None:
        super().__init__(parent)
        self.ctx, self.rooms = ctx, rooms
        self._load, self._save, self._delete, self.noun = load, save, delete, noun
        self.current_id: str | None = None
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        split = QSplitter()
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Cari…"))
        self.search.setClearButtonEnabled(True)
        ll.addWidget(self.search)
        self.model: ListTableModel[Any] = ListTableModel(columns)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = table_view(self.proxy, sortable=True)
        self.table.setWordWrap(True)  # long names wrap onto a second line instead of "Dinas …"
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._select(cur))
        ll.addWidget(self.table)
        split.addWidget(left)

        right = QWidget()
        rl = QVBoxLayout(right)
        form = QFormLayout()
        self.widgets: dict[str, QWidget] = {}
        for f in fields:
            w: QWidget
            if f.kind == "bool":
                w = QCheckBox()
            elif f.kind == "choice":
                w = QComboBox()
            elif f.kind == "multi":
                w = QWidget()
                box = QVBoxLayout(w)
                box.setContentsMargins(0, 0, 0, 0)
                for key, label in (f.choices() if f.choices else []):
                    cb = QCheckBox(label)
                    cb.setProperty("key", key)
                    box.addWidget(cb)
            else:
                w = QLineEdit()
                w.setPlaceholderText(f.placeholder)
            w.setObjectName(f"field_{f.key}")
            self.widgets[f.key] = w
            form.addRow(f.label, w)
        self.fields = list(fields)
        rl.setContentsMargins(12, 0, 0, 0)
        rl.addWidget(gulung(form), 1)
        self.feedback = FormFeedback()
        rl.addWidget(self.feedback)
        buttons = QHBoxLayout()
        self.new_btn = QPushButton(self.tr("Baru"))
        self.save_btn = QPushButton(self.tr("Simpan"))
        self.save_btn.setProperty("primary", True)
        self.del_btn = QPushButton(self.tr("Hapus"))
        self.del_btn.setProperty("danger", True)
        for b in (self.new_btn, self.del_btn):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.save_btn)
        rl.addLayout(buttons)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        split.setSizes([600, 420])
        lay.addWidget(split)
        self.new_btn.clicked.connect(self.new)
        self.save_btn.clicked.connect(self.save)
        self.del_btn.clicked.connect(self.remove)
        self.can_edit = can_edit
        alasan = self.tr("Peran Anda tidak berwenang mengubah %1.").replace("%1", noun)
        for b in (self.new_btn, self.save_btn, self.del_btn):
            b.setEnabled(can_edit)
            if not can_edit:
                b.setToolTip(alasan)
        if not can_edit:  # read-only fields instead of a Simpan that would be refused
            for w in self.widgets.values():
                if isinstance(w, QLineEdit):
                    w.setReadOnly(True)
                else:
                    w.setEnabled(False)
                w.setToolTip(alasan)
        self.refresh()

    def _fill_choices(self) -> None:
        for f in self.fields:
            if f.kind == "choice" and f.choices:
                combo = self.widgets[f.key]
                assert isinstance(combo, QComboBox)
                combo.clear()
                combo.addItem("—", "")
                for key, label in f.choices():
                    combo.addItem(label, key)

    def refresh(self) -> None:
        self._fill_choices()
        self.model.set_rows(self._load())
        self.table.resizeColumnsToContents()
        if self.current_id:
            self.select_id(self.current_id)

    def select_id(self, record_id: str) -> None:
        for r, item in enumerate(self.model.rows):
            if item.id == record_id:
                idx = self.proxy.mapFromSource(self.model.index(r, 0))
                self.table.selectionModel().setCurrentIndex(
                    idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                return

    def _select(self, proxy_index: Any) -> None:
        if not proxy_index.isValid():
            return
        item = self.model.row_at(self.proxy.mapToSource(proxy_index).row())
        self.current_id = item.id
        self.feedback.clear_problems()
        for f in self.fields:
            self.set_value(f, getattr(item, f.key, ""))

    def set_value(self, f: FieldDef, value: Any) -> None:
        w = self.widgets[f.key]
        if isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, QComboBox):
            i = w.findData(value or "")
            w.setCurrentIndex(max(i, 0))
        elif isinstance(w, QLineEdit):
            w.setText("" if value is None else str(value))
        else:
            keys = set(str(value or "").split(","))
            for cb in w.findChildren(QCheckBox):
                cb.setChecked(cb.property("key") in keys)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in self.fields:
            w = self.widgets[f.key]
            if isinstance(w, QCheckBox):
                out[f.key] = w.isChecked()
            elif isinstance(w, QComboBox):
                out[f.key] = w.currentData() or ""
            elif isinstance(w, QLineEdit):
                out[f.key] = w.text()
            else:
                out[f.key] = ",".join(cb.property("key") for cb in w.findChildren(QCheckBox) if cb.isChecked())
        return out

    def new(self) -> None:
        self.current_id = None
        self.table.clearSelection()
        self.feedback.clear_problems()
        for f in self.fields:
            self.set_value(f, True if f.kind == "bool" else "")
        first = self.widgets[self.fields[0].key]
        first.setFocus()

    def _run(self, call: Callable[[], Any], done: Callable[[Any], None], fields: dict[str, QWidget] | None) -> None:
        """Through the operation wrapper: task runner, one place for errors, ``changed(rooms)``."""
        operasi(self.ctx, call, rooms=self.rooms, parent=self, feedback=self.feedback, fields=fields, on_done=done)

    def save(self) -> None:
        data, current = self.values(), self.current_id

        def saved(row: Any) -> None:
            self.current_id = row.id
            self.refresh()
            self.saved.emit()

        self._run(lambda: self._save(data, current), saved, self.widgets)

    def remove(self) -> None:
        if not self.current_id:
            return
        if not confirm(self, self.tr("Hapus %s ini? Data ditandai terhapus dan tetap tercatat di log audit.") % self.noun):
            return
        current = self.current_id

        def removed(_result: Any) -> None:
            self.current_id = None
            self.refresh()
            self.new()

        self._run(lambda: self._delete(current), removed, None)
