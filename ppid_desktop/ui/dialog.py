"""The one form-dialog base (issue #8): title, a form that scrolls instead of outgrowing a 1366×768 screen,
the feedback box, Simpan/Batal (Enter saves, Esc cancels), the save run on a task runner with a ``UserError``
shown in one place (``operasi.tampilkan_galat``).

Two classes: ``DialogDasar`` needs no ``AppContext`` (sign-in, first run, the lock screen, the recovery key,
the restore dialog: they open before any context exists; they run on the ``tasks`` runner they are given, or
on their own), and ``DialogFormulir`` adds ``ctx``, ``ROOMS`` and the ``changed(rooms)`` notification through
``operasi``. No screen catches ``UserError`` itself.

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
are saved by its own buttons; ``None``: no second button). ``kepala(judul, keterangan)`` puts a page title and
a note above the form; ``kirim()`` returning ``None`` accepts without running anything (an information
dialog). ``sibuk`` is true while the call runs (``tugas``: its task). On this runner (not a form's ``operasi``) a call
with the attribute ``kemajuan`` set is given the task's ``Progress`` to say what it is doing (``LoginDialog``:
"Memperbarui enkripsi…").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ppid_desktop.core.progress import Progress
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.operasi import operasi, tampilkan_galat
from ppid_desktop.ui.tasks import Task, TaskRunner
from ppid_desktop.ui.widgets import FormFeedback, gulung, ukuran_pas


class DialogDasar(QDialog):
    """The context-free base: see the module docstring."""

    LEBAR: ClassVar[int] = 560
    TINGGI_MAKS: ClassVar[int] = 10_000  # cap on the first height (the screen's room caps it anyway)
    JUDUL_KERJA: ClassVar[str] = "Menyimpan…"  # the progress title if the call takes long

    def __init__(self, judul: str, parent: QWidget | None = None, *, tombol_simpan: str = "Simpan",
                 tombol_batal: str | None = "Batal", tasks: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks if tasks is not None else TaskRunner(self)
        self.hasil: Any = None
        self.sibuk = False
        self.setWindowTitle(judul)
        self.fields: dict[str, QWidget] = {}
        self._lay = lay = QVBoxLayout(self)
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
        self.batal_btn: QPushButton | None = None
        if tombol_batal is not None:
            self.batal_btn = self.buttons.addButton(self.tr(tombol_batal), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.simpan)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(min(self.LEBAR, 900))

    def kepala(self, judul: str, keterangan: str = "", nama_keterangan: str = "pageSubtitle") -> QLabel:
        """A page title (and a wrapped note) above the form; returns the note's label."""
        title = QLabel(judul)
        title.setObjectName("pageTitle")
        self._lay.insertWidget(0, title)
        sub = QLabel(keterangan)
        sub.setObjectName(nama_keterangan)
        sub.setWordWrap(True)
        self._lay.insertWidget(1, sub)
        sub.setVisible(bool(keterangan))  # after parenting: a parentless widget shown flashes a window
        return sub

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
    def kirim(self) -> Callable[..., Any] | None:
        """Return the service call to run (read the widgets here, on the GUI thread); ``None``: just accept."""
        raise NotImplementedError

    def periksa(self) -> bool:
        """Checks that need no service (e.g. a file exists); show problems with ``self.feedback``."""
        return True

    def sesudah_simpan(self, hasil: Any) -> None:
        """After a successful save, on the GUI thread, before the dialog closes (optional)."""

    def sesudah_gagal(self, exc: BaseException) -> None:
        """After the error was shown (optional): e.g. select the password again."""

    def simpan(self) -> None:
        if self.sibuk:
            return
        self.feedback.clear_problems()
        if not self.periksa():
            return
        call = self.kirim()
        if call is None:
            self.accept()
            return
        self.sibuk = True
        self.simpan_btn.setEnabled(False)

        def done(result: Any) -> None:
            self.sibuk = False
            self.hasil = result
            self.simpan_btn.setEnabled(True)
            self.sesudah_simpan(result)
            self.accept()

        def failed(exc: BaseException) -> None:
            self.sibuk = False
            self.simpan_btn.setEnabled(True)
            self.sesudah_gagal(exc)

        task = self.tugas = self.jalankan(call, done, failed)
        task.ended.connect(self._berhenti)  # cancelled (Batal on the progress): neither done nor failed

    def _berhenti(self) -> None:
        self.sibuk = False
        self.simpan_btn.setEnabled(True)

    def jalankan(self, call: Callable[..., Any], on_done: Callable[[Any], None],
                 on_error: Callable[[BaseException], None]) -> Task:
        """Run ``call`` off the GUI thread; a failure is shown in the feedback box (the one place)."""

        def failed(exc: BaseException) -> None:
            tampilkan_galat(exc, self, self.feedback, self.fields)
            on_error(exc)

        jalan: Callable[[Progress], Any] = call if getattr(call, "kemajuan", False) else lambda _p: call()
        return self.tasks.run(jalan, title=self.tr(self.JUDUL_KERJA), on_done=on_done, on_error=failed, parent=self,
                              cancellable=False)


class DialogFormulir(DialogDasar):
    """A form dialog of a signed-in screen: ``ctx``, and the rooms ``ROOMS`` a save changes (``ctx.changed``)."""

    ROOMS: ClassVar[set[str]] = set()

    def __init__(self, ctx: AppContext, judul: str, parent: QWidget | None = None, *,
                 tombol_simpan: str = "Simpan", tombol_batal: str | None = "Batal") -> None:
        self.ctx = ctx
        super().__init__(judul, parent, tombol_simpan=tombol_simpan, tombol_batal=tombol_batal, tasks=ctx.tasks)

    def kirim(self) -> Callable[[], Any]:
        """Return the service call to run (read the widgets here, on the GUI thread)."""
        raise NotImplementedError

    def jalankan(self, call: Callable[[], Any], on_done: Callable[[Any], None],
                 on_error: Callable[[BaseException], None]) -> Task:
        return operasi(self.ctx, call, rooms=self.ROOMS, title=self.tr(self.JUDUL_KERJA), parent=self,
                       feedback=self.feedback, fields=self.fields, on_done=on_done, on_error=on_error)
