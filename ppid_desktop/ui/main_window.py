"""The main window: sidebar of sections, a stack of pages built on first visit, status bar.

The window can start as a *shell* (``MainWindow()``): it paints at once with the sidebar and a
"Memuat…" page while the database layer loads off the GUI thread, then ``attach(ctx)`` fills it for
the signed-in user; ``detach()`` empties it again on sign-out.
"""

from __future__ import annotations

import importlib
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ppid_desktop import APP_NAME, __version__
from ppid_desktop.core.paths import data_dir, resource
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.sections import SECTIONS, Section
from ppid_desktop.ui.widgets import PlaceholderPage, judul


def settings() -> QSettings:
    return QSettings(str(data_dir() / "tampilan.ini"), QSettings.Format.IniFormat)


def icon(name: str) -> QIcon:
    return QIcon(str(resource("icons", f"{name}.svg")))


class MainWindow(QMainWindow):
    section_changed = Signal(str)
    open_demo_requested = Signal()
    sign_out_requested = Signal()
    closed = Signal()

    def __init__(self, ctx: AppContext | None = None) -> None:
        super().__init__()
        self.ctx: AppContext | None = None
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(icon("app"))
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 1280, 760
        if screen is not None:
            width, height = min(width, screen.width()), min(height, screen.height() - 40)
        self.resize(width, height)
        self.pages: dict[str, QWidget] = {}
        self.penjaga: Any = None  # ui.akun.PenjagaDiam while signed in (idle lock)

        central = QWidget()
        outer = QHBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        side = QWidget()
        side.setFixedWidth(236)
        side.setStyleSheet("background:#17324d;")
        side_lay = QVBoxLayout(side)
        side_lay.setContentsMargins(0, 0, 0, 0)
        side_lay.setSpacing(0)
        brand = QLabel(APP_NAME)
        brand.setObjectName("brand")
        self.office = sub = QLabel("")
        sub.setObjectName("brandSub")
        sub.setWordWrap(True)
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for i, sec in enumerate(SECTIONS):
            item = QListWidgetItem(icon(sec.icon), sec.title)
            item.setData(Qt.ItemDataRole.UserRole, sec.key)
            item.setToolTip(f"{sec.title} (Ctrl+{i + 1})")
            self.sidebar.addItem(item)
        side_lay.addWidget(brand)
        side_lay.addWidget(sub)
        side_lay.addWidget(self.sidebar, 1)
        self.stack = QStackedWidget()
        self.stack.setObjectName("content")
        self.loading = QLabel(self.tr("Memuat data…"))
        self.loading.setObjectName("pageSubtitle")
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.loading)
        outer.addWidget(side)
        outer.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        for i, sec in enumerate(SECTIONS[:9]):
            act = QAction(self)
            act.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            act.triggered.connect(lambda _=False, key=sec.key: self.show_section(key))
            self.addAction(act)
        self._build_menu()
        self._build_status()
        self.sidebar.currentRowChanged.connect(self._on_row)
        self._defer_refresh = False
        self.sidebar.setEnabled(False)
        geo = settings().value("main/geometry")
        if isinstance(geo, QByteArray):
            self.restoreGeometry(geo)
        if ctx is not None:
            self.attach(ctx)

    # ----------------------------------------------------------- signed in/out
    def attach(self, ctx: AppContext) -> None:
        """Fill the window for a signed-in user (services loaded)."""
        self.ctx = ctx
        ctx._status = self._show_status
        self.setWindowTitle(f"{APP_NAME} — {ctx.services.store.path.name}")
        self.office.setText(self._office_line())
        self.db_label.setText(self.tr("Database: %s") % ctx.services.store.path)
        self.device_label.setText(self.tr("Perangkat: %s") % ctx.services.device.name)
        who = ctx.actor.nama or ctx.actor.username
        roles = ", ".join(sorted(ctx.actor.roles)) or "-"
        self.user_label.setText(self.tr("Pengguna: %s (%s)") % (who, roles))
        self.sidebar.setEnabled(True)
        self._pasang_kunci(ctx)
        # The first page fills itself right after the window is painted, not before (start-up speed).
        self._defer_refresh = True
        self._restore_state()
        if self.sidebar.currentRow() < 0:
            self.sidebar.setCurrentRow(0)
        self._defer_refresh = False

    def detach(self) -> None:
        """Empty the window (sign-out): pages are dropped, the shell stays on screen."""
        if self.penjaga is not None:
            self.penjaga.berhenti()
            self.penjaga = None
        if self.ctx is not None:
            self._save_state()
            self.ctx.tasks.wait(10000)
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages = {}
        self.ctx = None
        self.sidebar.blockSignals(True)
        self.sidebar.setCurrentRow(-1)
        self.sidebar.blockSignals(False)
        self.sidebar.setEnabled(False)
        self.stack.setCurrentWidget(self.loading)
        self.user_label.setText("")

    def _pasang_kunci(self, ctx: AppContext) -> None:
        """Lock after ``keamanan/kunci_menit`` idle minutes (QSettings; 0 = never)."""
        from ppid_desktop.ui.akun import KUNCI_MENIT_BAWAAN, LayarKunci, PenjagaDiam

        try:
            menit = float(str(settings().value("keamanan/kunci_menit", KUNCI_MENIT_BAWAAN)))
        except ValueError:
            menit = KUNCI_MENIT_BAWAAN
        if menit <= 0:
            return
        penjaga = PenjagaDiam(int(menit * 60_000), self)
        self.penjaga = penjaga
        central = self.centralWidget()
        assert central is not None

        def dibuka() -> None:
            central.setVisible(True)
            penjaga.buka()

        def kunci() -> None:
            central.setVisible(False)  # nothing readable behind the lock screen
            self.layar_kunci = dlg = LayarKunci(ctx.services, ctx.actor, self)
            dlg.accepted.connect(dibuka)
            dlg.rejected.connect(self.sign_out_requested.emit)
            dlg.open()

        penjaga.terkunci.connect(kunci)

    # ------------------------------------------------------------------ layout
    def _office_line(self) -> str:
        assert self.ctx is not None
        p = self.ctx.services.master.profil()
        return judul(p.perangkat_daerah) if p.perangkat_daerah else self.tr("Profil instansi belum diisi")

    def _build_menu(self) -> None:
        berkas = self.menuBar().addMenu(self.tr("&Berkas"))
        demo = berkas.addAction(self.tr("Buka data demo"))
        demo.triggered.connect(self.open_demo_requested.emit)
        out = berkas.addAction(self.tr("Keluar akun"))
        out.triggered.connect(self.sign_out_requested.emit)
        berkas.addSeparator()
        quit_ = berkas.addAction(self.tr("Tutup aplikasi"))
        quit_.setShortcut(QKeySequence.StandardKey.Quit)
        quit_.triggered.connect(self.close)
        bantuan = self.menuBar().addMenu(self.tr("Ban&tuan"))
        about = bantuan.addAction(self.tr("Tentang PPID Desktop"))
        about.triggered.connect(self._about)

    def _build_status(self) -> None:
        sb = self.statusBar()
        self.db_label = QLabel()
        self.device_label = QLabel()
        self.user_label = QLabel()
        for w in (self.db_label, self.device_label, self.user_label):
            sb.addPermanentWidget(w)

    @Slot(str)
    def _show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 6000)

    def _about(self) -> None:
        from ppid_desktop.ui.widgets import info

        info(self, f"{APP_NAME} {__version__}\nLayanan informasi publik, monev, naskah dinas dan rekap Excel "
                   "untuk PPID dan Tim Monev.\nBekerja tanpa internet; data tersimpan di database SQLite lokal.")

    # ------------------------------------------------------------------- pages
    def section(self, key: str) -> Section:
        return next(s for s in SECTIONS if s.key == key)

    def page(self, key: str) -> QWidget:
        """The page of a section, built on first use."""
        if key not in self.pages:
            assert self.ctx is not None, "pages need a signed-in session (attach)"
            sec = self.section(key)
            if sec.page:
                module, cls = sec.page.split(":")
                widget: QWidget = getattr(importlib.import_module(module), cls)(self.ctx)
            else:
                widget = PlaceholderPage(sec.title, list(sec.coming))
            widget.setObjectName(f"page_{key}")
            self.pages[key] = widget
            self.stack.addWidget(widget)
        return self.pages[key]

    def show_section(self, key: str) -> None:
        row = next(i for i, s in enumerate(SECTIONS) if s.key == key)
        if self.sidebar.currentRow() != row:
            self.sidebar.setCurrentRow(row)
        else:
            self._on_row(row)

    @Slot(int)
    def _on_row(self, row: int) -> None:
        if row < 0 or self.ctx is None:
            return
        key = SECTIONS[row].key
        widget = self.page(key)
        self.stack.setCurrentWidget(widget)
        refresh = getattr(widget, "refresh", None)
        if callable(refresh):
            if self._defer_refresh:
                QTimer.singleShot(0, refresh)
            else:
                refresh()
        self.section_changed.emit(key)

    def current_key(self) -> str:
        return SECTIONS[max(self.sidebar.currentRow(), 0)].key

    # ------------------------------------------------------------------- state
    def _restore_state(self) -> None:
        key = settings().value("main/section", "beranda")
        keys = [sec.key for sec in SECTIONS]
        self.sidebar.setCurrentRow(keys.index(key) if key in keys else 0)

    def _save_state(self) -> None:
        s = settings()
        s.setValue("main/geometry", self.saveGeometry())
        if self.ctx is not None:
            s.setValue("main/section", self.current_key())

    def closeEvent(self, event: QCloseEvent) -> None:
        self._save_state()
        if self.ctx is not None:
            self.ctx.tasks.wait(10000)
        super().closeEvent(event)
        self.closed.emit()
