"""Shared widgets and message helpers (Indonesian, calm, consistent)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialogButtonBox,
    QFrame,
    QHeaderView,
    QLabel,
    QLayout,
    QMessageBox,
    QScrollArea,
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


def angka(x: float | int | None, desimal: int | None = None) -> str:
    """The one number format shown to users: thousands dot, decimal comma ("1.234", "13,33").

    Integers (and floats that are whole, unless ``desimal`` is given) show without decimals; other floats
    with ``desimal`` places (2 by default), so a weight never reads 13.333333333333334."""
    if x is None:
        return "–"
    if desimal is None:
        if isinstance(x, int) or float(x).is_integer():
            return f"{int(round(x)):,}".replace(",", ".")
        desimal = 2
    text = f"{float(x):,.{desimal}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def angka_bebas(x: Any) -> str:
    """``angka`` for numbers (bools excluded), "" for None, the text itself for anything else."""
    if x is None:
        return ""
    if isinstance(x, (int, float)) and not isinstance(x, bool):
        return angka(x)
    return str(x)


def tanggal(d: date | None) -> str:
    """The one date format shown to users: "16 Maret 2026"."""
    from ppid_desktop.core.tanggal import tanggal_panjang

    return tanggal_panjang(d) if d else "–"


def alasan_tidak_berwenang(permission: str) -> str:
    """Why a role may not: "Peran Anda tidak berwenang memutuskan permohonan informasi. Hanya PPID yang
    dapat melakukannya." — the roles are read from ``akun.roles.PERMISSIONS`` (one source)."""
    from ppid_desktop.akun.roles import DESCRIPTION, PERMISSIONS

    teks = f"Peran Anda tidak berwenang {DESCRIPTION.get(permission, permission)}."
    peran = [r for r, izin in PERMISSIONS.items() if permission in izin]
    if peran:
        daftar = peran[0] if len(peran) == 1 else ", ".join(peran[:-1]) + " atau " + peran[-1]
        teks += f" Hanya {daftar} yang dapat melakukannya."
    return teks


def wenang(ctx: Any, permission: str, *widgets: QWidget) -> bool:
    """Enable ``widgets`` when the signed-in role holds ``permission``; otherwise disable them (they look
    disabled) with a tooltip saying why. Returns whether the role may."""
    return wenang_semua(ctx, (permission,), *widgets)


def wenang_semua(ctx: Any, permissions: Iterable[str], *widgets: QWidget) -> bool:
    """``wenang`` for an act that needs every one of ``permissions``; the tooltip names the first missing."""
    kurang = next((p for p in permissions if not ctx.can(p)), None)
    for w in widgets:
        w.setEnabled(kurang is None)
        if kurang is not None:
            w.setToolTip(alasan_tidak_berwenang(kurang))
    return kurang is None


def hanya_baca(ctx: Any, permission: str, *widgets: QWidget) -> bool:
    """Make input ``widgets`` read-only (line and text edits) or disabled (others) when the role may not
    save them, with the reason as tooltip; returns whether the role may."""
    if ctx.can(permission):
        return True
    for w in widgets:
        if hasattr(w, "setReadOnly"):
            w.setReadOnly(True)
        else:
            w.setEnabled(False)
        w.setToolTip(alasan_tidak_berwenang(permission))
    return False


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


TASKBAR_PX = 40  # a Windows/Linux taskbar the screen's available geometry may not report
TITLE_BAR_PX = 30


def layar_tersedia(w: QWidget | None = None) -> QSize:
    """The room a window has on its screen: the available geometry less a taskbar and a title bar."""
    screen = (w.screen() if w is not None else None) or QGuiApplication.primaryScreen()
    if screen is None:
        return QSize(1366, 768 - TASKBAR_PX - TITLE_BAR_PX)
    geo, avail = screen.geometry(), screen.availableGeometry()
    height = min(avail.height(), geo.height() - TASKBAR_PX) - TITLE_BAR_PX
    return QSize(avail.width(), height)


def ukuran_pas(w: QWidget, lebar: int, tinggi: int) -> None:
    """Resize a window to ``lebar``×``tinggi`` or the screen's room, whichever is smaller."""
    room = layar_tersedia(w)
    w.resize(min(lebar, room.width()), min(tinggi, room.height()))


def gulung(isi: QLayout | QWidget) -> QScrollArea:
    """Put a form (layout or widget) in a frameless vertical scroll area, so a long form scrolls inside its
    dialog instead of pushing Simpan/Batal below a 768-px screen."""
    body = isi if isinstance(isi, QWidget) else QWidget()
    if isinstance(isi, QLayout):
        body.setLayout(isi)
    if not body.objectName():
        body.setObjectName("gulungIsi")
    area = QScrollArea()
    area.setObjectName("gulung")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(body)
    # As tall as the form, up to the room the screen gives (the dialog's buttons stay visible).
    area.setMinimumHeight(min(body.sizeHint().height(), 240))
    area.setMinimumWidth(body.minimumSizeHint().width() + 24)
    return area


# Lines of a service's explanation that speak to developers, not to users.
_BARIS_TEKNIS = ("Versi kalender:",)


def teks_kartu(text: str) -> str:
    """A service's multi-line explanation as readable HTML (proportional font, indented continuation
    lines), without developer lines such as the calendar hash."""
    from html import escape

    out = []
    for line in text.splitlines():
        if line.strip().startswith(_BARIS_TEKNIS):
            continue
        indent = len(line) - len(line.lstrip())
        body = escape(line.strip())
        out.append(f"<div style='margin-left:{indent * 8}px'>{body}</div>" if indent else f"<div>{body}</div>")
    return "<div style='line-height:135%'>" + "".join(out) + "</div>"


def tutup_dialog(dialog: QWidget, layout: QVBoxLayout) -> QDialogButtonBox:
    """A Tutup button at the bottom right of a detail dialog (Esc closes it too)."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    box.button(QDialogButtonBox.StandardButton.Close).setText("Tutup")
    reject = getattr(dialog, "reject", None)
    if callable(reject):
        box.rejected.connect(reject)
    layout.addWidget(box)
    return box


def make_date_edit(value: date, parent: QWidget | None = None) -> QDateEdit:
    """A date field showing ``value``; a field that starts at "today" gets the services' clock's
    ``today()`` from its caller (never the system clock: a test or a demo runs on its own clock)."""
    edit = QDateEdit(parent)
    edit.setLocale(INDONESIA)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd MMMM yyyy")
    edit.setMinimumDate(QDate(1950, 1, 1))
    edit.setMaximumDate(QDate(2100, 12, 31))
    edit.setDate(QDate(value.year, value.month, value.day))
    return edit


def qdate_to_date(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


# Header titles (lower case) of the columns a reader needs to see whole: they are never squeezed.
KOLOM_KUNCI = frozenset({"nomor", "no.", "pemohon", "tenggat", "tenggat jawaban", "status", "status tl"})
LEBAR_MAKS = 340  # a column sized from its content never takes more than this (the elastic one takes the rest)
LEBAR_LENTUR_MIN = 140


class PasKolom(QObject):
    """Sizes a table's columns from their content to the visible width, on every resize and model change.

    Key columns (``KOLOM_KUNCI`` or ``kunci``) get their full content width; other columns their content
    width capped at ``LEBAR_MAKS``, squeezed towards their header width when the table is narrow; the
    elastic columns (``lentur``, sections a page set to Stretch, else the widest non-key column) take what
    is left. So nomor, pemohon, tenggat and status never sit off-screen behind a horizontal scroll bar.
    """

    def __init__(self, view: QTableView, kunci: Iterable[int] = (), lentur: Iterable[int] = ()) -> None:
        super().__init__(view)
        self.view = view
        self.kunci = set(kunci)
        self.lentur = set(lentur)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.pas)
        view.viewport().installEventFilter(self)
        self._model: Any = None
        self.pasang_model()

    def pasang_model(self) -> None:
        model = self.view.model()
        if model is self._model or model is None:
            return
        self._model = model
        for sig in (model.modelReset, model.layoutChanged, model.rowsInserted, model.columnsInserted,
                    model.headerDataChanged, model.dataChanged):
            sig.connect(self._timer.start)
        self._timer.start()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._timer.start()
        return False

    def pas(self) -> None:
        view, model = self.view, self.view.model()
        if model is None or not view.isVisible():
            return
        hdr = view.horizontalHeader()
        avail = view.viewport().width()
        if avail < 80:
            return
        cols = [c for c in range(model.columnCount()) if not view.isColumnHidden(c)]
        if not cols:
            return
        for c in cols:  # a page's Stretch section becomes an elastic column managed here
            if hdr.sectionResizeMode(c) != QHeaderView.ResizeMode.Interactive:
                if hdr.sectionResizeMode(c) == QHeaderView.ResizeMode.Stretch:
                    self.lentur.add(c)
                hdr.setSectionResizeMode(c, QHeaderView.ResizeMode.Interactive)
        hdr.setStretchLastSection(False)
        kunci = set(self.kunci)
        for c in cols:
            if str(model.headerData(c, Qt.Orientation.Horizontal) or "").strip().lower() in KOLOM_KUNCI:
                kunci.add(c)
        minimum = {c: max(hdr.sectionSizeHint(c), 36) for c in cols}
        mau = {c: max(minimum[c], view.sizeHintForColumn(c)) for c in cols}
        for c in cols:
            if c not in kunci:
                mau[c] = min(mau[c], LEBAR_MAKS)
        lentur = [c for c in cols if c in self.lentur]
        if not lentur:  # the widest free column; with no rows yet, the last one (as stretchLastSection did)
            bebas = [c for c in cols if c not in kunci] or cols
            lentur = [max(bebas, key=lambda c: mau[c]) if model.rowCount() else cols[-1]]
        tetap = [c for c in cols if c not in lentur]
        lentur_min = max(LEBAR_LENTUR_MIN, int(avail * 0.3) // len(lentur))
        butuh_lentur = sum(max(minimum[c], min(mau[c], lentur_min)) for c in lentur)
        lebih = sum(mau[c] for c in tetap) + butuh_lentur - avail
        if lebih > 0:  # squeeze the non-key columns towards their header width, the roomiest first
            kendur = {c: mau[c] - minimum[c] for c in tetap if c not in kunci and mau[c] > minimum[c]}
            total = sum(kendur.values())
            if total:
                f = min(1.0, lebih / total)
                for c, k in kendur.items():
                    mau[c] -= int(k * f + 0.999)
        sisa = avail - sum(mau[c] for c in tetap)
        for i, c in enumerate(lentur):
            share = sisa // len(lentur) if i < len(lentur) - 1 else sisa - (sisa // len(lentur)) * (len(lentur) - 1)
            mau[c] = max(minimum[c], min(share, 10_000), 24)
        for c in cols:
            if hdr.sectionSize(c) != mau[c]:
                hdr.resizeSection(c, mau[c])


def pas_kolom(view: QTableView, *, kunci: Iterable[int] = (), lentur: Iterable[int] = ()) -> PasKolom:
    """Attach (or update) the column fitter of a table; see ``PasKolom``."""
    existing = view.findChild(PasKolom)
    if existing is not None:
        existing.kunci |= set(kunci)
        existing.lentur |= set(lentur)
        existing.pasang_model()
        existing._timer.start()
        return existing
    return PasKolom(view, kunci, lentur)


class TabelRumah(QTableView):
    """A QTableView whose column fitter follows a new model, and that says what to do when it is empty
    (``kosong``: "Tidak ada yang cocok…" instead of a blank grid)."""

    kosong = "Belum ada data."

    def paintEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        model = self.model()
        if model is not None and model.rowCount() == 0 and self.kosong:
            from PySide6.QtGui import QPainter

            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            rect = self.viewport().rect().adjusted(24, 16, -24, -16)
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                                       | Qt.TextFlag.TextWordWrap), self.kosong)
            painter.end()

    def setModel(self, model: Any) -> None:  # noqa: N802 - Qt's name
        super().setModel(model)
        fitter = self.findChild(PasKolom)
        if fitter is not None:
            fitter.pasang_model()

    def resizeColumnsToContents(self) -> None:  # noqa: N802 - pages call it after loading: refit instead
        fitter = self.findChild(PasKolom)
        if fitter is None:
            super().resizeColumnsToContents()
        else:
            fitter.pas()


def table_view(model: Any, *, sortable: bool = False, parent: QWidget | None = None,
               kunci: Iterable[int] = (), lentur: Iterable[int] = (), kosong: str | None = None) -> TabelRumah:
    """The house table: whole-row single selection, read-only cells, zebra rows, no row numbers, columns
    fitted to the visible width (``pas_kolom``), a sentence when empty (``kosong``)."""
    t = TabelRumah(parent)
    if kosong is not None:
        t.kosong = kosong
    t.setModel(model)
    t.setSortingEnabled(sortable)
    t.setAlternatingRowColors(True)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.verticalHeader().hide()
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    t.horizontalHeader().setStretchLastSection(True)
    t.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
    pas_kolom(t, kunci=kunci, lentur=lentur)
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
        lay.addWidget(self.subtitle)  # parented first: showing a parentless label flashes a window
        self.subtitle.setVisible(bool(subtitle))


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

