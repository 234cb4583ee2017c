"""The main window: sidebar of sections, a stack of pages built on first visit, status bar.

The window can start as a *shell* (``MainWindow()``): it paints at once with the sidebar and a
"Memuat…" page while the database layer loads off the GUI thread, then ``attach(ctx)`` fills it for
the signed-in user; ``detach()`` empties it again on sign-out.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ppid_desktop import APP_NAME, __version__
from ppid_desktop.akun.ringan import kunci_menit
from ppid_desktop.core.paths import data_dir, resource
from ppid_desktop.master.ringkasan import nama_instansi
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.sections import SECTIONS, Section
from ppid_desktop.ui.widgets import PlaceholderPage, judul

PAGE_MARGINS = (24, 20, 24, 16)


def settings() -> QSettings:
    return QSettings(str(data_dir() / "tampilan.ini"), QSettings.Format.IniFormat)


def icon(name: str) -> QIcon:
    return QIcon(str(resource("icons", f"{name}.svg")))


class MainWindow(QMainWindow):
    section_changed = Signal(str)
    open_demo_requested = Signal()
    open_real_requested = Signal()  # back from the demo to the office database
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
        self._menunggu: AppContext | None = None  # the session whose services a click waits for
        self._sesudah_muat: Callable[[], object] = lambda: None

        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.demo_bar = QWidget()
        self.demo_bar.setObjectName("demoBar")
        bar = QHBoxLayout(self.demo_bar)
        bar.setContentsMargins(0, 0, 10, 0)
        self.demo_label = QLabel(self.tr("DATA DEMO — isi database ini contoh, bukan data kantor Anda. "
                                         "Yang Anda ubah di sini tidak masuk ke database kantor."))
        self.demo_label.setObjectName("demoBanner")
        self.demo_back = QPushButton(self.tr("Kembali ke database kantor"))
        self.demo_back.setObjectName("demoKembali")
        self.demo_back.clicked.connect(self.open_real_requested.emit)
        bar.addWidget(self.demo_label, 1)
        bar.addWidget(self.demo_back)
        self.demo_bar.hide()
        column.addWidget(self.demo_bar)
        outer = QHBoxLayout()
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        column.addLayout(outer, 1)
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

        find = QAction(self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self.cari)
        self.addAction(find)
        # Ctrl+N from any page; on Layanan the page's own Ctrl+N serves (this one steps aside, see _on_row).
        self.act_baru = QAction(self)
        self.act_baru.setShortcut(QKeySequence("Ctrl+N"))
        self.act_baru.triggered.connect(lambda: self.buka("layanan", {"baru": True}))
        self.addAction(self.act_baru)
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
        """Fill the window for a signed-in user. The services may still be loading (``ctx.siap`` false: the
        light start); a page other than Beranda then waits for them (``_on_row``)."""
        self.ctx = ctx
        ctx._status = self._show_status
        ctx.changed.connect(self._on_changed)
        demo = ctx.demo
        self.setWindowTitle(f"{APP_NAME} — {'DATA DEMO' if demo else ctx.db_path.name}")
        self.office.setText(("DATA DEMO · " if demo else "") + self._office_line())
        self.demo_bar.setVisible(demo)
        self.act_demo.setVisible(not demo)
        self.act_real.setVisible(demo)
        self.db_label.setText(self.tr("Database: %s") % ctx.db_path)
        self.device_label.setText(self.tr("Perangkat: %s") % ctx.device.name)
        who = ctx.actor.nama or ctx.actor.username
        roles = ", ".join(sorted(ctx.actor.roles)) or "–"
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
            self.ctx.wait(10000)
        for page in self.pages.values():
            holder = self._holder(page)
            self.stack.removeWidget(holder)
            holder.deleteLater()
        self.pages = {}
        self.ctx = None
        self.sidebar.blockSignals(True)
        self.sidebar.setCurrentRow(-1)
        self.sidebar.blockSignals(False)
        self.sidebar.setEnabled(False)
        self.stack.setCurrentWidget(self.loading)
        self.user_label.setText("")
        self.demo_bar.hide()

    def _pasang_kunci(self, ctx: AppContext) -> None:
        """Lock after the database's idle minutes (Pengaturan, ``AkunService.kunci_menit``; 0 = never); a
        ``keamanan/kunci_menit`` QSettings value on this device, if set, overrides it."""
        from ppid_desktop.ui.akun import LayarKunci, PenjagaDiam

        bawaan = _baca(ctx, kunci_menit)
        try:
            menit = float(str(settings().value("keamanan/kunci_menit", bawaan)))
        except ValueError:
            menit = bawaan
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
            self.layar_kunci = dlg = LayarKunci(ctx.services, ctx.actor, self, tasks=ctx.tasks)
            dlg.accepted.connect(dibuka)
            dlg.rejected.connect(self.sign_out_requested.emit)
            dlg.open()

        penjaga.terkunci.connect(kunci)

    # ------------------------------------------------------------------ layout
    def _office_line(self) -> str:
        assert self.ctx is not None
        nama = _baca(self.ctx, nama_instansi)
        return judul(nama) if nama else self.tr("Profil instansi belum diisi")

    def _build_menu(self) -> None:
        berkas = self.menuBar().addMenu(self.tr("&Berkas"))
        self.act_demo = berkas.addAction(self.tr("Buka data demo (terpisah dari data kantor)"))
        self.act_demo.triggered.connect(self.open_demo_requested.emit)
        self.act_real = berkas.addAction(self.tr("Kembali ke database kantor"))
        self.act_real.triggered.connect(self.open_real_requested.emit)
        self.act_real.setVisible(False)
        out = berkas.addAction(self.tr("Keluar akun"))
        out.triggered.connect(self.sign_out_requested.emit)
        berkas.addSeparator()
        quit_ = berkas.addAction(self.tr("Tutup aplikasi"))
        quit_.setShortcut(QKeySequence.StandardKey.Quit)
        quit_.triggered.connect(self.close)
        bantuan = self.menuBar().addMenu(self.tr("Ban&tuan"))
        guide = bantuan.addAction(self.tr("Panduan pengguna"))
        guide.setShortcut(QKeySequence.StandardKey.HelpContents)
        guide.triggered.connect(self.panduan)
        bantuan.addSeparator()
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

    def panduan(self) -> None:
        from ppid_desktop.ui.panduan import PanduanDialog

        dlg = PanduanDialog(self)
        self._panduan = dlg  # keep a reference while it is open (non-modal)
        dlg.show()

    def cari(self) -> None:
        """Ctrl+F: to the search box of the page shown; from a page without one, to the register search."""
        if self.ctx is None:
            return
        if not self.ctx.siap:
            self._tunggu_layanan(self.cari)
            return
        page = self.page(self.current_key())
        target = _search_box(page)
        if target is None:
            self.show_section("layanan")
            target = _search_box(self.page("layanan"))
        if target is not None:
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)
            target.selectAll()

    # ------------------------------------------------------------ navigation
    @Slot(str, dict)
    def buka(self, key: str, opsi: dict[str, object]) -> None:
        """Open a page with a filter (Beranda's work queue); after the services, if they are still loading."""
        if self.ctx is not None and not self.ctx.siap:
            self._tunggu_layanan(lambda: self.buka(key, opsi))
            return
        self.show_section(key)
        page = self.page(key)
        if key == "layanan":
            _buka_register(page, opsi)
        elif key == "monev" and opsi.get("program"):
            _pilih_program(page, str(opsi["program"]))

    @Slot(frozenset)
    def _on_changed(self, rooms: frozenset[str]) -> None:
        """A change made anywhere: the visible page refreshes now, the others when next shown."""
        del rooms  # pages refresh on show already; the visible one needs it now
        if self.ctx is None:
            return
        page = self.pages.get(self.current_key())
        refresh = getattr(page, "refresh", None)
        if callable(refresh) and page is not None and page.isVisible():
            refresh()

    # ------------------------------------------------------------------- pages
    def current_page(self) -> QWidget | None:
        return self.pages.get(self.current_key()) if self.ctx is not None else None

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
            page_layout = widget.layout()
            if page_layout is not None:  # one page margin everywhere (pages set their own, differently)
                page_layout.setContentsMargins(*PAGE_MARGINS)
            buka = getattr(widget, "buka", None)
            if buka is not None and hasattr(buka, "connect"):
                buka.connect(self.buka)
            self.pages[key] = widget
            self.stack.addWidget(self._scroller(widget))
        return self.pages[key]

    @staticmethod
    def _scroller(page: QWidget) -> QScrollArea:
        """Each page sits in a scroll area: one tall page neither grows the window past a 768-px screen
        (a stacked widget's minimum is the largest of its pages) nor gets clipped; it scrolls instead."""
        area = QScrollArea()
        area.setObjectName("pageScroll")
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        area.setWidget(page)
        return area

    def _holder(self, page: QWidget) -> QWidget:
        """The widget in the stack that holds a page (its scroll area)."""
        w: QWidget = page
        parent = w.parentWidget()
        while parent is not None and parent is not self.stack:
            w, parent = parent, parent.parentWidget()
        return w

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
        self.act_baru.setEnabled(key != "layanan" and self.ctx.can("layanan.catat"))
        if key not in self.pages and key != "beranda" and not self.ctx.siap:
            # The services are still loading behind Beranda: wait for them, the window stays live.
            self.stack.setCurrentWidget(self.loading)
            self._tunggu_layanan(lambda: self._on_row(self.sidebar.currentRow()))
            return
        widget = self.page(key)
        self.stack.setCurrentWidget(self._holder(widget))
        refresh = getattr(widget, "refresh", None)
        if callable(refresh):
            if self._defer_refresh:
                QTimer.singleShot(0, refresh)
            else:
                refresh()
        self.section_changed.emit(key)

    def _tunggu_layanan(self, lalu: Callable[[], object]) -> None:
        """Run ``lalu`` once the services are loaded; meanwhile a busy cursor and a status line (the last
        wish wins: a second click while waiting replaces the first)."""
        ctx = self.ctx
        assert ctx is not None
        self._sesudah_muat = lalu
        if self._menunggu is ctx:  # already waiting for these services
            return
        self._menunggu = ctx
        self.statusBar().showMessage(self.tr("Memuat data…"))
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)

        def siap() -> None:
            QApplication.restoreOverrideCursor()
            self._menunggu = None
            self.statusBar().clearMessage()
            if self.ctx is ctx:
                self._sesudah_muat()

        def gagal(_exc: object) -> None:
            QApplication.restoreOverrideCursor()
            self._menunggu = None

        ctx.bus.siap.connect(siap, type=Qt.ConnectionType.SingleShotConnection)
        ctx.bus.gagal.connect(gagal, type=Qt.ConnectionType.SingleShotConnection)
        ctx.muat()

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
            self.ctx.wait(10000)
        super().closeEvent(event)
        self.closed.emit()


def _baca(ctx: AppContext, query: Callable[[Any], Any]) -> Any:
    """A small read of the window frame (office name, idle minutes): on the light connection while the
    services load, on the store's own connection afterwards; the same SQL either way."""
    if not ctx.siap and ctx.ringan is not None:
        with ctx.ringan.pakai() as conn:
            return query(conn)
    with ctx.services.store.raw() as conn:
        return query(conn)


def _search_box(page: QWidget) -> QLineEdit | None:
    """The first visible search box of a page (a line edit whose placeholder starts with "Cari")."""
    for edit in page.findChildren(QLineEdit):
        if edit.isVisibleTo(page) and edit.placeholderText().lower().startswith("cari"):
            return edit
    return None


def _buka_register(page: QWidget, opsi: dict[str, object]) -> None:
    """Set the register's filters from Beranda's work-queue line."""
    tabs = getattr(page, "tabs", None)
    panel = getattr(page, "keberatan" if opsi.get("keberatan") else "permohonan", None)
    if tabs is None or panel is None:
        return
    tabs.setCurrentWidget(panel)
    if opsi.get("baru"):
        page.baru()  # type: ignore[attr-defined]
        return
    panel.cari.clear()
    panel.status.setCurrentIndex(0)
    panel.pakai_tanggal.setChecked(False)
    opd = opsi.get("opd")
    index = 0
    if opd:
        found = panel.opd.findText(str(opd))
        index = max(found, 0)
    panel.opd.setCurrentIndex(index)
    panel.terlambat.setChecked(bool(opsi.get("terlambat")))
    if opsi.get("terbuka"):  # due today / this week: the nearest deadline first
        panel.view.sortByColumn(_kolom(panel, "Tenggat"), Qt.SortOrder.AscendingOrder)
    panel.apply()


def _kolom(panel: object, judul: str) -> int:
    model = panel.view.model()  # type: ignore[attr-defined]
    for c in range(model.columnCount()):
        if str(model.headerData(c, Qt.Orientation.Horizontal)) == judul:
            return c
    return 0


def _pilih_program(page: QWidget, program_id: str) -> None:
    program = getattr(page, "program", None)
    table = getattr(program, "prog_table", None)
    model = getattr(program, "prog_model", None)
    if table is None or model is None:
        return
    for row in range(model.rowCount()):
        item = model.row_at(row) if hasattr(model, "row_at") else None
        if isinstance(item, dict) and item.get("id") == program_id:
            table.selectRow(row)
            return
