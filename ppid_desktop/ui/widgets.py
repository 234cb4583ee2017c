"""Shared widgets and message helpers (Indonesian, calm, consistent)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFrame,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ppid_desktop.core.errors import PermissionDenied, UserError, ValidationError

INDONESIA = QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)
_SMALL_WORDS = {"dan", "atau", "di", "ke", "dari", "untuk", "pada", "yang", "serta"}


def judul(text: str) -> str:
    """Title case the Indonesian way: "DINAS KOMUNIKASI DAN INFORMATIKA" -> "Dinas Komunikasi dan Informatika"."""
    words = text.split()
    out = []
    for i, w in enumerate(words):
        low = w.lower()
        out.append(low if i and low in _SMALL_WORDS else (w if len(w) <= 4 and w.isupper() and i else w.capitalize()))
    return " ".join(out)


class Messages:
    """Where message boxes go. Tests and the smoke test set ``sink`` so nothing blocks."""

    sink: Callable[[str, str, str], None] | None = None
    answer: bool = True  # what confirm() returns when a sink is set


def _present(kind: str, parent: QWidget | None, title: str, text: str) -> None:
    if Messages.sink is not None:
        Messages.sink(kind, title, text)
        return
    box = {"error": QMessageBox.warning, "info": QMessageBox.information}[kind]
    box(parent, title, text)


def error_text(exc: BaseException) -> str:
    if isinstance(exc, ValidationError):
        return "\n".join(f"• {m}" for m in exc.problems.values())
    if isinstance(exc, UserError):
        return exc.message
    return (
        "Terjadi kesalahan tak terduga. Data Anda aman: perubahan yang belum selesai dibatalkan.\n\n"
        f"Rincian teknis: {exc.__class__.__name__}: {exc}"
    )


def show_error(parent: QWidget | None, exc: BaseException | str) -> None:
    if isinstance(exc, str):
        _present("error", parent, "PPID Desktop", exc)
        return
    title = "Tidak berwenang" if isinstance(exc, PermissionDenied) else "Tidak dapat dilanjutkan"
    _present("error", parent, title, error_text(exc))


def info(parent: QWidget | None, text: str, title: str = "PPID Desktop") -> None:
    _present("info", parent, title, text)


def confirm(parent: QWidget | None, text: str, title: str = "Konfirmasi") -> bool:
    if Messages.sink is not None:
        Messages.sink("confirm", title, text)
        return Messages.answer
    answer = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


class FormFeedback(QLabel):
    """A calm red box listing field problems under a form; highlights the offending widgets."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("formFeedback")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()
        self._marked: list[QWidget] = []

    def clear_problems(self) -> None:
        for w in self._marked:
            w.setProperty("invalid", False)
            w.style().unpolish(w)
            w.style().polish(w)
        self._marked = []
        self.setText("")
        self.hide()

    def show_exception(self, exc: BaseException, fields: dict[str, QWidget] | None = None) -> None:
        self.clear_problems()
        fields = fields or {}
        problems = exc.problems if isinstance(exc, ValidationError) else {getattr(exc, "field", None) or "": error_text(exc)}
        for name in problems:
            w = fields.get(name or "")
            if w is not None:
                w.setProperty("invalid", True)
                w.style().unpolish(w)
                w.style().polish(w)
                self._marked.append(w)
        if self._marked:
            self._marked[0].setFocus()
        self.setText("\n".join(f"• {m}" for m in problems.values()))
        self.show()


def make_date_edit(value: date | None = None, parent: QWidget | None = None) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setLocale(INDONESIA)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd MMMM yyyy")
    edit.setMinimumDate(QDate(1950, 1, 1))
    edit.setMaximumDate(QDate(2100, 12, 31))
    d = value or date.today()
    edit.setDate(QDate(d.year, d.month, d.day))
    return edit


def qdate_to_date(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def table_view(model: Any, *, sortable: bool = False, parent: QWidget | None = None) -> QTableView:
    """The house table: whole-row single selection, read-only cells, zebra rows, no row numbers."""
    t = QTableView(parent)
    t.setModel(model)
    t.setSortingEnabled(sortable)
    t.setAlternatingRowColors(True)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.verticalHeader().hide()
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    t.horizontalHeader().setStretchLastSection(True)
    return t


class PageHeader(QWidget):
    def __init__(self, title: str, subtitle: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 8)
        lay.setSpacing(2)
        self.title = QLabel(title)
        self.title.setObjectName("pageTitle")
        lay.addWidget(self.title)
        self.subtitle = QLabel(subtitle)
        self.subtitle.setObjectName("pageSubtitle")
        self.subtitle.setWordWrap(True)
        self.subtitle.setVisible(bool(subtitle))
        lay.addWidget(self.subtitle)


class Card(QFrame):
    """A white rounded panel used on Beranda and dashboards."""

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(16, 14, 16, 14)
        if title:
            head = QLabel(title)
            head.setObjectName("cardTitle")
            self.body.addWidget(head)


class StatTile(Card):
    def __init__(self, label: str, value: str = "–", tone: str = "", parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setProperty("tone", tone)
        self.value = QLabel(value)
        self.value.setObjectName("statValue")
        self.label = QLabel(label)
        self.label.setObjectName("statLabel")
        self.body.addWidget(self.value)
        self.body.addWidget(self.label)

    def set_value(self, text: str) -> None:
        self.value.setText(text)


class PlaceholderPage(QWidget):
    """A section whose capability is still being built: says clearly what will come."""

    def __init__(self, title: str, lines: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(28, 24, 28, 24)
        lay.addWidget(PageHeader(title, "Bagian ini sedang disiapkan untuk rilis berikutnya."))
        card = Card("Yang akan tersedia di sini")
        for line in lines:
            lbl = QLabel(f"•  {line}")
            lbl.setWordWrap(True)
            card.body.addWidget(lbl)
        lay.addWidget(card)
        lay.addStretch(1)

