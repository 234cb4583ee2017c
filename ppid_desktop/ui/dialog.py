"""The one form-dialog base (issue #8): title, a form that scrolls instead of outgrowing a 1366×768 screen,
the feedback box, Simpan/Batal (Enter saves, Esc cancels), the save run through ``operasi``.

A subclass adds its rows in ``__init__`` and implements ``kirim()`` (the service call, run on the task
runner) and optionally ``data()``::

    class ProgramBaru(DialogFormulir):
        ROOMS = {"monev"}

        def __init__(self, ctx, parent=None):
            super().__init__(ctx, "Program monev baru", parent)
            self.nama = self.baris("nama", "Nama program", QLineEdit())

        def kirim(self):
            nama = self.nama.text()
            return lambda: self.ctx.services.monev.buat_program(self.ctx.actor, nama, ...)

``self.hasil`` holds what ``kirim``'s call returned once the dialog is accepted; ``sesudah_simpan(hasil)`` runs on
the GUI thread just before (messages, status line). ``baris_penuh(widget)`` adds a row spanning both
columns (a group box, a note); ``tombol_batal`` names the second button ("Tutup" for a dialog whose edits
are saved by its own buttons).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.operasi import operasi
from ppid_desktop.ui.widgets import FormFeedback, gulung, ukuran_pas


class DialogFormulir(QDialog):
    ROOMS: ClassVar[set[str]] = set()
    LEBAR: ClassVar[int] = 560
    TINGGI_MAKS: ClassVar[int] = 10_000  # cap on the first height (the screen's room caps it anyway)

    def __init__(self, ctx: AppContext, judul: str, parent: QWidget | None = None, *,
                 tombol_simpan: str = "Simpan", tombol_batal: str = "Batal") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.hasil: Any = None
        self.setWindowTitle(judul)
        self.fields: dict[str, QWidget] = {}
        lay = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._isi = QWidget()
        self._isi.setLayout(self.form)
        self._gulung = gulung(self._isi)
        lay.addWidget(self._gulung, 1)
        self.feedback = FormFeedback(self)
        lay.addWidget(self.feedback)
        self.buttons = QDialogButtonBox()
        self.simpan_btn: QPushButton = self.buttons.addButton(self.tr(tombol_simpan),
                                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.simpan_btn.setProperty("primary", True)
        self.simpan_btn.setDefault(True)
        self.batal_btn: QPushButton = self.buttons.addButton(self.tr(tombol_batal),
                                                             QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.simpan)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(min(self.LEBAR, 900))

    def baris(self, key: str, label: str, widget: QWidget) -> Any:
        """Add a labelled row; ``key`` is the field name a ValidationError uses to mark it."""
        if isinstance(widget, QPlainTextEdit):
            widget.setTabChangesFocus(True)
        self.form.addRow(self.tr(label), widget)
        self.fields[key] = widget
        return widget

    def baris_penuh(self, widget: QWidget) -> Any:
        """Add a row spanning the label and field columns."""
        self.form.addRow(widget)
        return widget

    def pas_lebar(self) -> None:
        """Keep the form whole across (never a sideways scroll): the scroll area is as wide as the form's
        widest row, and an open dialog grows when a row that just appeared needs it (up to the screen)."""
        bar = self._gulung.verticalScrollBar().sizeHint().width()
        self._gulung.setMinimumWidth(self._isi.minimumSizeHint().width() + bar + 4)
        if self.isVisible() and self.minimumSizeHint().width() > self.width():
            ukuran_pas(self, self.minimumSizeHint().width(), self.height())

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        if not self.property("_sized"):
            self.setProperty("_sized", True)
            self.pas_lebar()
            self.adjustSize()
            # as tall as the whole form (no scrolling when the screen has the room), up to the screen
            kurang = max(0, self._isi.sizeHint().height() - self._gulung.viewport().height())
            ukuran_pas(self, max(self.width(), self.LEBAR), min(self.height() + kurang, self.TINGGI_MAKS))
            first = next((w for w in self.fields.values() if isinstance(w, (QLineEdit, QPlainTextEdit))), None)
            if first is not None:
                first.setFocus(Qt.FocusReason.OtherFocusReason)
        super().showEvent(event)

    # ---------------------------------------------------------------- saving
    def kirim(self) -> Callable[[], Any]:
        """Return the service call to run (read the widgets here, on the GUI thread)."""
        raise NotImplementedError

    def periksa(self) -> bool:
        """Checks that need no service (e.g. a file exists); show problems with ``self.feedback``."""
        return True

    def sesudah_simpan(self, hasil: Any) -> None:
        """After a successful save, on the GUI thread, before the dialog closes (optional)."""

    def simpan(self) -> None:
        if not self.periksa():
            return
        call = self.kirim()
        self.simpan_btn.setEnabled(False)

        def done(result: Any) -> None:
            self.hasil = result
            self.simpan_btn.setEnabled(True)
            self.sesudah_simpan(result)
            self.accept()

        operasi(self.ctx, call, rooms=self.ROOMS, title=self.tr("Menyimpan…"), parent=self,
                feedback=self.feedback, fields=self.fields, on_done=done,
                on_error=lambda _exc: self.simpan_btn.setEnabled(True))
