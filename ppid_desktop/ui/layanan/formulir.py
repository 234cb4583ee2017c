"""Small form dialogs built from field specs (decision, extension, keberatan, Atasan answer, …)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ppid_desktop.core.errors import UserError
from ppid_desktop.ui.widgets import FormFeedback, make_date_edit, qdate_to_date


@dataclass
class Isian:
    key: str
    label: str
    jenis: str = "teks"  # teks | panjang | pilihan | huruf | tanggal | tanggal_opsional | angka | centang
    pilihan: dict[str, str] = field(default_factory=dict)
    awal: Any = None


class FormDialog(QDialog):
    """Fields from ``Isian`` specs; ``submit(values) -> Any`` runs on OK; a ``UserError`` keeps the dialog
    open and shows the problems beside the fields (the record is unchanged)."""

    def __init__(self, title: str, isian: list[Isian], submit: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.submit = submit
        self.result_value: Any = None
        self.widgets: dict[str, Any] = {}
        lay = QVBoxLayout(self)
        form = QFormLayout()
        for f in isian:
            w = self._make(f)
            self.widgets[f.key] = w
            form.addRow(f.label, w)
        lay.addLayout(form)
        self.feedback = FormFeedback(self)
        lay.addWidget(self.feedback)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.simpan)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        lay.addWidget(buttons)
        self.isian = isian

    def _make(self, f: Isian) -> Any:
        if f.jenis == "panjang":
            w = QPlainTextEdit(str(f.awal or ""))
            w.setTabChangesFocus(True)
            w.setFixedHeight(70)
            return w
        if f.jenis == "pilihan":
            w = QComboBox()
            for k, v in f.pilihan.items():
                w.addItem(v, k)
            if f.awal is not None:
                w.setCurrentIndex(max(0, w.findData(f.awal)))
            return w
        if f.jenis == "huruf":
            box = QWidget()
            grid = QGridLayout(box)
            grid.setContentsMargins(0, 0, 0, 0)
            box.checks = {}  # type: ignore[attr-defined]
            for i, (k, v) in enumerate(f.pilihan.items()):
                c = QCheckBox(f"{k}. {v}")
                c.setChecked(k in (f.awal or ()))
                box.checks[k] = c  # type: ignore[attr-defined]
                grid.addWidget(c, i // 2, i % 2)
            return box
        if f.jenis == "tanggal":
            return make_date_edit(f.awal or date.today())
        if f.jenis == "tanggal_opsional":  # a check box turns the date on (None when unchecked)
            box = QWidget()
            row = QHBoxLayout(box)
            row.setContentsMargins(0, 0, 0, 0)
            box.aktif = QCheckBox()  # type: ignore[attr-defined]
            box.aktif.setChecked(f.awal is not None)  # type: ignore[attr-defined]
            box.tanggal = make_date_edit(f.awal or date.today())  # type: ignore[attr-defined]
            box.tanggal.setEnabled(f.awal is not None)  # type: ignore[attr-defined]
            box.aktif.toggled.connect(box.tanggal.setEnabled)  # type: ignore[attr-defined]
            row.addWidget(box.aktif)  # type: ignore[attr-defined]
            row.addWidget(box.tanggal, 1)  # type: ignore[attr-defined]
            return box
        if f.jenis == "angka":
            w = QSpinBox()
            w.setRange(0, 100_000_000)
            w.setValue(int(f.awal or 0))
            return w
        if f.jenis == "centang":
            w = QCheckBox()
            w.setChecked(bool(f.awal))
            return w
        return QLineEdit(str(f.awal or ""))

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in self.isian:
            w = self.widgets[f.key]
            if f.jenis == "panjang":
                out[f.key] = w.toPlainText()
            elif f.jenis == "pilihan":
                out[f.key] = w.currentData()
            elif f.jenis == "huruf":
                out[f.key] = [k for k, c in w.checks.items() if c.isChecked()]
            elif f.jenis == "tanggal":
                out[f.key] = qdate_to_date(w.date())
            elif f.jenis == "tanggal_opsional":
                out[f.key] = qdate_to_date(w.tanggal.date()) if w.aktif.isChecked() else None
            elif f.jenis == "angka":
                out[f.key] = w.value()
            elif f.jenis == "centang":
                out[f.key] = w.isChecked()
            else:
                out[f.key] = w.text()
        return out

    def simpan(self) -> None:
        try:
            self.result_value = self.submit(self.values())
        except UserError as exc:
            self.feedback.show_exception(exc, self.widgets)
            return
        self.accept()
