"""The screen check anyone can run: ``ppid-desktop --smoke-test --tangkap DIR [--ukuran 1366x768]``.

On a fresh demo database (in a throw-away folder) it opens every page (and every tab of a page) and every
main dialog at the given screen size, saves ``DIR/<nama>.png`` for each and writes ``DIR/laporan.json``::

    {"layar": {"lebar": 1366, "tinggi": 768, "tersedia": [1366, 728]},
     "jendela": [{"nama": "layanan", "jenis": "halaman", "ukuran": [1366, 698], "ukuran_minimum": [...],
                  "muat": true, "bergulir": false, "tabel": [...], "label_terpotong": [...], "tombol": [...],
                  "tombol_terpotong": [...], "tombol_bukan_indonesia": [...]}, ...],
     "gagal": ["..."], "berhasil": true}

A window fits when it and its minimum size fit the screen less the taskbar (40 px) and a title bar
(30 px). A table problem is a visible column that starts or ends beyond the visible width (needs a
horizontal scroll: "di luar layar") or whose header text is cut ("judul terpotong"); cells cut inside a
column ("isi terpotong") and elided labels are reported too. The check fails (exit 1) when a window does
not fit, a column is off-screen or its header cut, a button's text is clipped, a button is not in
Indonesian, or a widget flashed up as a stray window of its own ("jendela_liar": shown before it had a
parent, it steals the focus).
"""

from __future__ import annotations

import importlib
import json
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QToolButton,
    QWidget,
)

TASKBAR = 40
TITLE_BAR = 30

# Words that betray an English button (checked as whole words, case-insensitive).
ENGLISH = frozenset((
    "save", "cancel", "close", "yes", "no", "apply", "open", "discard", "reset", "help", "abort", "retry",
    "ignore", "all", "restore", "defaults", "don't", "dont", "browse", "next", "back", "finish", "print",
    "previous", "zoom", "fit", "page", "width", "first", "last", "show", "details", "hide", "select", "delete",
    "edit", "new", "file", "export", "import", "copy", "paste", "undo", "redo", "search", "find", "clear", "add",
    "remove", "submit", "login", "logout", "settings", "choose",
))


@dataclass
class Layar:
    lebar: int
    tinggi: int

    @property
    def tersedia(self) -> tuple[int, int]:
        return self.lebar, self.tinggi - TASKBAR

    @property
    def jendela_utama(self) -> tuple[int, int]:
        """A maximised main window's size (the screen less taskbar and title bar)."""
        return self.lebar, self.tinggi - TASKBAR - TITLE_BAR

    def muat(self, w: int, h: int) -> bool:
        return w <= self.lebar and h + TITLE_BAR <= self.tinggi - TASKBAR


def parse_ukuran(text: str) -> Layar:
    m = re.fullmatch(r"\s*(\d{3,5})\s*[x×X]\s*(\d{3,5})\s*", text or "")
    if not m:
        raise ValueError(f"ukuran layar tidak dikenali: {text!r} (contoh: 1366x768)")
    return Layar(int(m.group(1)), int(m.group(2)))


def offscreen_config(layar: Layar, folder: Path) -> Path:
    """A config file for Qt's offscreen platform: one screen of the given size."""
    path = folder / "layar.json"
    path.write_text(json.dumps({"screens": [{"name": "layar", "x": 0, "y": 0, "width": layar.lebar,
                                             "height": layar.tinggi, "logicalDpi": 96, "logicalBaseDpi": 96,
                                             "dpr": 1}]}), encoding="utf-8")
    return path


def settle(ms: int = 120) -> None:
    """Let layouts, lazy models and queued paints run."""
    for _ in range(3):
        QCoreApplication.processEvents()
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    QCoreApplication.processEvents()


def _visible(w: QWidget, root: QWidget) -> bool:
    return w.isVisibleTo(root) and w.width() > 0 and w.height() > 0


def _name(w: QWidget) -> str:
    return w.objectName() or type(w).__name__


def bukan_indonesia(text: str) -> bool:
    words = re.findall(r"[A-Za-z']+", text.replace("&", "").lower())
    return any(w in ENGLISH for w in words)


def periksa_tabel(view: QTableView) -> dict[str, Any] | None:
    model = view.model()
    if model is None:
        return None
    header = view.horizontalHeader()
    vp = view.viewport().width()
    masalah: list[dict[str, Any]] = []
    for col in range(model.columnCount()):
        if view.isColumnHidden(col):
            continue
        judul = str(model.headerData(col, header.orientation()) or "")
        x = header.sectionViewportPosition(col) + view.horizontalScrollBar().value()
        w = header.sectionSize(col)
        if x + w > vp + 1:
            masalah.append({"kolom": judul, "masalah": "di luar layar", "posisi": x, "lebar": w, "tampak": vp})
            continue
        butuh = header.sectionSizeHint(col)
        if w + 2 < butuh:
            masalah.append({"kolom": judul, "masalah": "judul terpotong", "lebar": w, "butuh": butuh})
        isi = view.sizeHintForColumn(col)
        if model.rowCount() and w + 2 < isi:
            masalah.append({"kolom": judul, "masalah": "isi terpotong", "lebar": w, "butuh": isi})
    if not masalah:
        return None
    kolom = [str(model.headerData(c, header.orientation()) or "") for c in range(model.columnCount())
             if not view.isColumnHidden(c)]
    return {"tabel": _name(view), "kolom": kolom, "masalah": masalah}


def periksa(root: QWidget, nama: str, jenis: str, layar: Layar) -> dict[str, Any]:
    """Measure one window (a main-window page or a dialog)."""
    size, minimum = root.size(), root.minimumSizeHint().expandedTo(root.minimumSize())
    tabel = [t for v in root.findChildren(QTableView) if _visible(v, root) and (t := periksa_tabel(v))]
    labels: list[str] = []
    for lbl in root.findChildren(QLabel):
        if not _visible(lbl, root) or not lbl.text().strip() or lbl.pixmap() is not None and not lbl.pixmap().isNull():
            continue
        if lbl.wordWrap():
            if lbl.hasHeightForWidth() and lbl.height() + 2 < lbl.heightForWidth(lbl.width()):
                labels.append(lbl.text()[:120])
        elif lbl.width() + 2 < lbl.sizeHint().width():
            labels.append(lbl.text()[:120])
    tombol: list[str] = []
    terpotong: list[str] = []
    asing: list[str] = []
    for b in root.findChildren(QAbstractButton):
        text = b.text().replace("&&", "\0").replace("&", "").replace("\0", "&").strip()
        if not _visible(b, root) or not text:
            continue
        if isinstance(b, (QPushButton, QToolButton)):
            tombol.append(text)
            if b.width() + 2 < b.sizeHint().width() and not (isinstance(b, QToolButton) and b.text() == ""):
                terpotong.append(text)
        if bukan_indonesia(text):
            asing.append(text)
    # A page taller than the window scrolls inside it (reported, not a failure).
    bergulir = any(a.isVisibleTo(root) and a.verticalScrollBar().maximum() > 0
                   for a in root.findChildren(QScrollArea) if a.objectName() == "pageScroll")
    # A form wider than its scroll area hides the right edge of its fields behind a horizontal scroll bar.
    mendatar = sorted({_name(a.widget() or a) for a in root.findChildren(QScrollArea)
                       if a.isVisibleTo(root) and a.horizontalScrollBar().isVisible()
                       and a.horizontalScrollBar().maximum() > 0})
    return {
        "nama": nama, "jenis": jenis, "bergulir": bergulir, "gulir_mendatar": mendatar,
        "ukuran": [size.width(), size.height()], "ukuran_minimum": [minimum.width(), minimum.height()],
        "muat": layar.muat(size.width(), size.height()) and layar.muat(minimum.width(), minimum.height()),
        "tabel": tabel, "label_terpotong": labels, "tombol": sorted(set(tombol)),
        "tombol_terpotong": sorted(set(terpotong)), "tombol_bukan_indonesia": sorted(set(asing)),
    }


def kegagalan(item: dict[str, Any], layar: Layar) -> list[str]:
    out: list[str] = []
    nama = item["nama"]
    if not item["muat"]:
        w, h = item["ukuran"]
        mw, mh = item["ukuran_minimum"]
        out.append(f"{nama}: {w}×{h} (minimum {mw}×{mh}) tidak muat di layar "
                   f"{layar.tersedia[0]}×{layar.tersedia[1]}")
    for t in item["tabel"]:
        for m in t["masalah"]:
            if m["masalah"] in ("di luar layar", "judul terpotong"):
                out.append(f"{nama}: tabel {t['tabel']}, kolom “{m['kolom']}” {m['masalah']}")
    out += [f"{nama}: teks tombol terpotong: {b}" for b in item["tombol_terpotong"]]
    out += [f"{nama}: tombol bukan bahasa Indonesia: {b}" for b in item["tombol_bukan_indonesia"]]
    return out


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("&", "")).strip("-")


@dataclass
class Pemotret:
    """Saves a PNG and a measurement per window."""

    folder: Path
    layar: Layar
    hasil: list[dict[str, Any]] = field(default_factory=list)

    def ambil(self, w: QWidget, nama: str, jenis: str) -> dict[str, Any]:
        settle()
        item = periksa(w, nama, jenis, self.layar)
        w.grab().save(str(self.folder / f"{nama}.png"))
        self.hasil.append(item)
        print(f"  {'ok   ' if not kegagalan(item, self.layar) else 'MASALAH'} {nama} "
              f"{item['ukuran'][0]}×{item['ukuran'][1]}")
        return item


class PenjagaJendela(QObject):
    """During the check: records every stray window — a widget shown before it had a parent flashes on
    screen as a window of its own and steals the focus (a real bug this check found)."""

    def __init__(self) -> None:
        super().__init__()
        self.liar: list[str] = []

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Show and isinstance(obj, QWidget) and obj.isWindow():
            popup = obj.windowType() in (Qt.WindowType.Popup, Qt.WindowType.ToolTip, Qt.WindowType.SplashScreen)
            if not popup and not isinstance(obj, (QDialog, QMainWindow, QMenu)):
                text = getattr(obj, "text", None)
                label = text() if callable(text) else obj.objectName()
                self.liar.append(f"{type(obj).__name__} “{str(label)[:60]}”")
        return False


# ---------------------------------------------------------------------------------------- dialogs
Pembuat = Callable[[Any, Any], Any]  # (ctx, window) -> the window to measure, or None


def _kelas(spec: str) -> Callable[..., QWidget]:
    """A room's dialog class by "module:Class", looked up like the sidebar's pages (the rooms' screens are
    theirs; the check only opens them)."""
    module, name = spec.split(":")
    cls: Callable[..., QWidget] = getattr(importlib.import_module(module), name)
    return cls


def _baris_pertama(panel: Any) -> Any:
    panel.apply()
    panel.view.selectRow(0)
    return panel.current()


def _permohonan_baru(ctx: Any, window: Any) -> Any:
    dlg: Any = _kelas("ppid_desktop.ui.layanan.formulir:PermohonanForm")(ctx, window)
    dlg.show()
    dlg.simpan()  # empty form: the validation errors show beside the fields
    return dlg


def _detail_permohonan(ctx: Any, window: Any) -> Any:
    row = _baris_pertama(window.page("layanan").permohonan)
    return _kelas("ppid_desktop.ui.layanan.page:DetailPermohonan")(ctx, row["id"], window) if row else None


def _detail_keberatan(ctx: Any, window: Any) -> Any:
    row = _baris_pertama(window.page("layanan").keberatan)
    return _kelas("ppid_desktop.ui.layanan.page:DetailKeberatan")(ctx, row["id"], window) if row else None


def _permohonan_terbuka(ctx: Any) -> str | None:
    """A request still open (the register's rows load on worker threads: read it directly)."""
    from sqlmodel import col, select

    from ppid_desktop.layanan.models import Permohonan

    with ctx.services.store.read() as s:
        found = s.exec(select(Permohonan.id).where(col(Permohonan.deleted) == False,  # noqa: E712
                                                   col(Permohonan.status).in_(("diterima", "diproses")))).first()
    return str(found) if found else None


def _keputusan(ctx: Any, window: Any) -> Any:
    """The decision dialog of a request (the Pasal 17 grounds showing: a refusal chosen)."""
    pid = _permohonan_terbuka(ctx)
    if not pid:
        return None
    detail: Any = _kelas("ppid_desktop.ui.layanan.page:DetailPermohonan")(ctx, pid, window)
    dlg = detail.dialog_langkah("diputuskan")
    pilih = dlg.widgets["keputusan"]
    pilih.setCurrentIndex(pilih.findData("ditolak"))
    return dlg


def _keberatan_baru(ctx: Any, window: Any) -> Any:
    pid = _permohonan_terbuka(ctx)
    if not pid:
        return None
    detail: Any = _kelas("ppid_desktop.ui.layanan.page:DetailPermohonan")(ctx, pid, window)
    return detail.dialog_keberatan()


def _tahap_sengketa(ctx: Any, window: Any) -> Any:
    """The dispute stage dialog (the longest form of the keberatan detail), when the demo has a dispute."""
    from sqlmodel import col, select

    from ppid_desktop.layanan.models import Sengketa

    with ctx.services.store.read() as s:
        g = s.exec(select(Sengketa).where(col(Sengketa.deleted) == False)).first()  # noqa: E712
    if g is None:
        return None
    detail: Any = _kelas("ppid_desktop.ui.layanan.page:DetailKeberatan")(ctx, g.keberatan_id, window)
    return detail.dialog_sengketa(g.id)


def _pengaturan_naskah(ctx: Any, window: Any) -> Any:
    return _kelas("ppid_desktop.ui.naskah.page:PengaturanDialog")(ctx, window)


def _petakan_kolom(ctx: Any, window: Any) -> Any:
    from ppid_desktop.rekap.reader import Kandidat

    kind = ctx.services.rekap.jenis_impor()["permohonan"]
    judul = [(chr(65 + i), k.label) for i, k in enumerate(kind.sheets[0].kolom[:20])]
    return _kelas("ppid_desktop.ui.rekap.page:MappingDialog")(ctx, kind, Kandidat("Sheet1", 1, judul, "tangkap"),
                                                               window)


def _cari_kosong(ctx: Any, window: Any) -> Any:
    """The register after a search that finds nothing: the empty state says what to do."""
    window.show_section("layanan")
    panel = window.page("layanan").permohonan
    panel.cari.setText("tidak-ada-yang-cocok-xyz")
    panel.apply()
    settle()
    return window


def _laporan(ctx: Any, window: Any) -> Any:
    return _kelas("ppid_desktop.ui.layanan.page:LaporanDialog")(ctx, window)


def _anonim(ctx: Any, window: Any) -> Any:
    return _kelas("ppid_desktop.ui.layanan.page:AnonimDialog")(ctx, window)


def _sesi(ctx: Any, window: Any) -> Any:
    page = window.page("monev")
    page.refresh()
    for row in page.program.jadwal_model.rows:
        sesi = ctx.services.monev.sesi_jadwal(row[0].id)
        if sesi is not None:
            return _kelas("ppid_desktop.ui.monev.sesi:SesiDialog")(ctx, sesi.id, window)
    return None


def _program(ctx: Any, window: Any) -> Any:
    p = window.page("monev").program.current_program()
    return _kelas("ppid_desktop.ui.monev.program:ProgramDialog")(ctx, p["id"], window) if p else None


def _konsep(ctx: Any, window: Any) -> Any:
    return _kelas("ppid_desktop.ui.naskah.page:KonsepDialog")(ctx, window)


def _impor(ctx: Any, window: Any) -> Any:
    """The Rekap page after a dry run of a file with errors (the result is shown on the page)."""
    import openpyxl

    window.show_section("rekap")
    page = window.page("rekap")
    jenis = page._kind()
    folder = Path(tempfile.mkdtemp(prefix="ppid-tangkap-impor-"))
    path = folder / f"contoh-{jenis}.xlsx"
    ctx.services.rekap.templat(jenis, path)
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    for i in range(3):
        ws.append([f"salah {i + 1}" if c % 2 else "" for c in range(ws.max_column)])
    wb.save(path)
    page.berkas.setText(str(path))
    page.periksa()
    ctx.tasks.wait(60000)
    settle()
    return window


def _pdf(ctx: Any, window: Any) -> Any:
    from ppid_desktop.dokumen.data import Pejabat
    from ppid_desktop.naskah.dokumen.uji_kop import halaman_uji_kop
    from ppid_desktop.ui.naskah.preview import PdfPreviewDialog

    master = ctx.services.master
    signers = master.daftar_pegawai()
    pejabat = master.pejabat(signers[0]) if signers else Pejabat(nama="NAMA PEJABAT", jabatan="Kepala Dinas")
    return PdfPreviewDialog(halaman_uji_kop(master.instansi(), pejabat), "uji-kop-surat.pdf", window)


def _masuk(ctx: Any, window: Any) -> Any:
    from ppid_desktop.ui.akun import LoginDialog

    dlg = LoginDialog(ctx.services, "Database demo: masuk sebagai admin dengan kata sandi rahasia123.", window)
    dlg.username.setText("admin")
    return dlg


def _pulihkan(ctx: Any, window: Any) -> Any:
    return _kelas("ppid_desktop.ui.pulihkan:PulihkanDialog")(ctx, window)


DIALOGS: list[tuple[str, Pembuat]] = [
    ("permohonan-baru", _permohonan_baru),
    ("permohonan-detail", _detail_permohonan),
    ("keberatan-detail", _detail_keberatan),
    ("layanan-cari-kosong", _cari_kosong),
    ("keputusan-permohonan", _keputusan),
    ("keberatan-baru", _keberatan_baru),
    ("tahap-sengketa", _tahap_sengketa),
    ("laporan-layanan", _laporan),
    ("anonimkan", _anonim),
    ("sesi-monev", _sesi),
    ("program-monev", _program),
    ("konsep-naskah", _konsep),
    ("pengaturan-naskah", _pengaturan_naskah),
    ("petakan-kolom", _petakan_kolom),
    ("impor-uji-coba", _impor),
    ("pratinjau-pdf", _pdf),
    ("masuk", _masuk),
    ("pulihkan-cadangan", _pulihkan),
]


def jalankan(folder: Path, layar: Layar, *, permohonan: int = 300) -> int:
    """Run the whole check in the running QApplication; returns the exit code."""
    from ppid_desktop import demo
    from ppid_desktop.core.device import Device
    from ppid_desktop.services import Services
    from ppid_desktop.ui.akun import FirstRunDialog
    from ppid_desktop.ui.context import AppContext
    from ppid_desktop.ui.main_window import MainWindow
    from ppid_desktop.ui.sections import SECTIONS
    from ppid_desktop.ui.tasks import TaskRunner
    from ppid_desktop.ui.widgets import Messages

    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    foto = Pemotret(folder, layar)
    pesan: list[str] = []
    Messages.sink = lambda kind, title, text: pesan.append(f"{kind}: {title}: {text}") if kind == "error" else None
    Messages.answer = False
    penjaga = PenjagaJendela()
    app = QCoreApplication.instance()
    assert app is not None
    app.installEventFilter(penjaga)
    work = Path(tempfile.mkdtemp(prefix="ppid-tangkap-"))
    device = Device(id="3f0c2a9e-0000-4000-8000-00000000c0de", name="LAPTOP-PPID-01")
    failures: list[str] = []
    try:
        empty = Services.open(work / "kosong.sqlite", device=device)
        try:
            first = FirstRunDialog(empty)
            first.show()
            foto.ambil(first, "pertama", "dialog")
            first.close()
            first.deleteLater()
        finally:
            empty.close()

        services = Services.open(work / "demo.sqlite", device=device)
        try:
            print(f"Mengisi data demo ({permohonan} permohonan) …", flush=True)
            demo.fill(services, services.system(), demo.DemoOptions(permohonan=permohonan, today=services.clock.today()))
            actor = services.akun.authenticate("admin", "rahasia123")
            ctx = AppContext(services=services, actor=actor, tasks=TaskRunner(), demo=True)
            window = MainWindow(ctx)
            window.resize(*layar.jendela_utama)
            window.show()
            settle()
            for sec in SECTIONS:
                window.show_section(sec.key)
                ctx.tasks.wait(60000)
                settle(250)
                window.resize(*layar.jendela_utama)
                page = window.page(sec.key)
                tabs = [t for t in page.findChildren(QTabWidget) if t.isVisibleTo(page)]
                top = [t for t in tabs if not any(o is not t and o.isAncestorOf(t) for o in tabs)]
                foto.ambil(window, sec.key, "halaman")
                for tw in top[:1]:
                    first_index = tw.currentIndex()
                    for i in range(tw.count()):
                        if i == first_index:
                            continue
                        tw.setCurrentIndex(i)
                        ctx.tasks.wait(60000)
                        foto.ambil(window, f"{sec.key}-{_slug(tw.tabText(i))}", "halaman")
                    tw.setCurrentIndex(first_index)
            for nama, pembuat in DIALOGS:
                try:
                    w = pembuat(ctx, window)
                except Exception as exc:  # noqa: BLE001 - every failure is reported
                    failures.append(f"{nama}: tidak dapat dibuka: {exc.__class__.__name__}: {exc}")
                    continue
                if w is None:
                    print(f"  --    {nama} (tidak ada data contoh)")
                    continue
                if w is window:
                    foto.ambil(window, nama, "halaman")
                    continue
                w.show()
                foto.ambil(w, nama, "dialog")
                if isinstance(w, QDialog):
                    w.reject()
                w.close()
                w.deleteLater()
                settle(0)
            window.close()
            ctx.tasks.wait(60000)
            window.deleteLater()
            settle(0)
        finally:
            services.close()
    finally:
        app.removeEventFilter(penjaga)
        Messages.sink = None
        shutil.rmtree(work, ignore_errors=True)
    for item in foto.hasil:
        failures += kegagalan(item, layar)
    failures += [f"pesan galat: {m}" for m in pesan]
    failures += [f"jendela liar (widget ditampilkan sebelum punya induk): {w}" for w in sorted(set(penjaga.liar))]
    laporan = {
        "layar": {"lebar": layar.lebar, "tinggi": layar.tinggi, "tersedia": list(layar.tersedia)},
        "jendela": foto.hasil, "jendela_liar": sorted(set(penjaga.liar)), "gagal": failures, "berhasil": not failures,
    }
    (folder / "laporan.json").write_text(json.dumps(laporan, ensure_ascii=False, indent=2), encoding="utf-8")
    if failures:
        print("Pemeriksaan layar GAGAL:\n" + "\n".join(f"  - {f}" for f in failures))
        return 1
    print(f"Pemeriksaan layar berhasil: {len(foto.hasil)} jendela di {layar.lebar}×{layar.tinggi} ({folder}).")
    return 0
