"""Composition root of the desktop app: paths -> open/migrate store -> services -> QApplication -> MainWindow.

``ppid-desktop [--db PATH] [--demo] [--smoke-test [--tangkap DIR] [--ukuran 1366x768]]``
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ppid_desktop import APP_NAME, __version__
from ppid_desktop.core.errors import StorageError, UserError
from ppid_desktop.core.paths import data_dir, default_db_path, resource

if TYPE_CHECKING:
    from ppid_desktop.services import Services

# Messages Qt prints on the offscreen platform that say nothing about our code.
BENIGN_QT_MESSAGES = ("propagateSizeHints", "This plugin does not support")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="ppid-desktop", description=f"{APP_NAME} {__version__}")
    p.add_argument("--db", type=Path, help="berkas database yang dibuka")
    p.add_argument("--demo", action="store_true", help="buka database demo (dibuat dan diisi bila belum ada)")
    p.add_argument("--smoke-test", action="store_true",
                   help="buka jendela utama tanpa layar, kunjungi setiap halaman, lalu keluar")
    p.add_argument("--tangkap", type=Path, metavar="FOLDER",
                   help="bersama --smoke-test: buka setiap halaman dan dialog utama pada data demo, simpan "
                        "FOLDER/<nama>.png dan FOLDER/laporan.json (ukuran, muat di layar, kolom, tombol)")
    p.add_argument("--ukuran", default="1366x768", metavar="LEBARxTINGGI",
                   help="ukuran layar untuk --tangkap (bawaan 1366x768; 40 px untuk taskbar)")
    return p.parse_args(argv)


def stylesheet() -> str:
    """The application style with icon paths resolved (source, wheel and frozen build alike)."""
    icons = resource("icons").as_posix()
    return resource("style", "app.qss").read_text(encoding="utf-8").replace("@ICONS@", icons)


DEMO_SANDI = "rahasia123"  # every demo account's password (master.demo)


def demo_db_path() -> Path:
    return data_dir() / "demo.sqlite"


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    layar = None
    if args.tangkap is not None:
        from ppid_desktop.ui.tangkap import offscreen_config, parse_ukuran

        if not args.smoke_test:
            print("--tangkap hanya dipakai bersama --smoke-test", file=sys.stderr)
            return 2
        try:
            layar = parse_ukuran(args.ukuran)
        except ValueError as exc:
            print(str(exc), file=sys.stderr)
            return 2
        import tempfile

        # A throw-away data folder (window state, device id) and an offscreen screen of the asked size.
        work = Path(tempfile.mkdtemp(prefix="ppid-layar-"))
        os.environ["PPID_DATA_DIR"] = str(work)
        if os.environ.get("QT_QPA_PLATFORM", "offscreen").startswith("offscreen"):
            os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={offscreen_config(layar, work)}"
    if args.smoke_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler
    from PySide6.QtGui import QFontDatabase, QIcon
    from PySide6.QtWidgets import QApplication

    qt_problems: list[str] = []

    def on_qt_message(kind: QtMsgType, _ctx: Any, message: str) -> None:
        serious = kind in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
        if serious and not any(b in message for b in BENIGN_QT_MESSAGES):
            qt_problems.append(message)
        sys.stderr.write(f"qt: {message}\n")

    qInstallMessageHandler(on_qt_message)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resource("icons", "app.svg"))))
    for name in ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"):
        QFontDatabase.addApplicationFont(str(resource("fonts", name)))
    app.setStyleSheet(stylesheet())
    font = app.font()
    font.setFamily("Liberation Sans")
    app.setFont(font)
    from ppid_desktop.ui import bahasa

    bahasa.pasang(app)
    if layar is not None:
        from ppid_desktop.ui.tangkap import jalankan

        code = jalankan(args.tangkap, layar)
        if qt_problems:
            print("Peringatan Qt:\n" + "\n".join(f"  - {m}" for m in qt_problems), file=sys.stderr)
        return code

    db_path = args.db or (demo_db_path() if args.demo else default_db_path())
    if args.smoke_test:
        return _smoke(app, db_path, qt_problems)
    return _interactive(app, db_path, demo=args.demo)


def _load_services(db_path: Path, _progress: Any) -> Any:
    """Task body: the import of the database layer and opening the store happen off the GUI thread."""
    return _open_services(db_path)


def _open_services(db_path: Path) -> Any:
    from ppid_desktop.services import Services

    return Services.open(db_path)


def _load_ringan(db_path: Path, _progress: Any) -> Any:
    """Task body: the light connection of the start (``core.ringan``), or None when the full path must open
    the database (new, to migrate, without accounts yet, foreign or locked: ``Services.open`` says why)."""
    from ppid_desktop.akun.ringan import ada_pengguna
    from ppid_desktop.ui.akun import buka_ringan

    ringan = buka_ringan(db_path)
    if ringan is not None:
        with ringan.pakai() as conn:
            if ada_pengguna(conn):
                return ringan
        ringan.tutup()
    return None


def _muat_layanan(db_path: Path, username: str, waktu: Any, _progress: Any) -> Any:
    """Task body, after a light sign-in and Beranda: open the services (migration check included), make the
    sign-in's writes in one unit of work (last login, counters, the audit ``login``) and set the ORM up, so
    the next page opens at once. Nothing else can write before this returns (``AppContext.services``)."""
    from sqlalchemy.orm import configure_mappers

    services = _open_services(db_path)
    try:
        services.akun.catat_masuk(username, waktu)
        configure_mappers()
    except BaseException:
        services.close()
        raise
    return services


def _run_with_progress(title: str, fn: Callable[[Any], Any]) -> Any:
    """Run ``fn(progress)`` off the GUI thread while a progress dialog spins; return its result."""
    from PySide6.QtCore import QEventLoop

    from ppid_desktop.ui.tasks import TaskRunner

    runner = TaskRunner()
    loop = QEventLoop()
    box: dict[str, Any] = {}
    task = runner.run(fn, title=title, on_done=lambda r: box.setdefault("result", r),
                      on_error=lambda e: box.setdefault("error", e), cancellable=False)
    task.ended.connect(loop.quit)
    if "result" not in box and "error" not in box:
        loop.exec()
    runner.wait()
    if "error" in box:
        raise box["error"]
    return box.get("result")


def konteks_sesi(db_path: Path, actor: Any, services: Services | None, ringan: Any, waktu: Any,
                 demo: bool = False) -> Any:
    """The signed-in session's ``AppContext``: with the services, or — after a light sign-in — with the light
    connection and ``_muat_layanan`` as the loader (Beranda first, the services behind it)."""
    from ppid_desktop.ui.context import AppContext
    from ppid_desktop.ui.tasks import TaskRunner

    if services is not None:
        return AppContext(services=services, actor=actor, tasks=TaskRunner(), demo=demo)
    return AppContext(actor=actor, tasks=TaskRunner(), demo=demo, ringan=ringan,
                      pemuat=functools.partial(_muat_layanan, db_path, actor.username, waktu))


def fill_demo(services: Services) -> None:
    from ppid_desktop import demo

    if not services.akun.has_users():
        _run_with_progress("Menyiapkan data demo…", lambda _p: demo.fill(services, services.system(), demo.DemoOptions()))


def _interactive(app: Any, db_path: Path, demo: bool) -> int:
    """The real start: the main window paints first, the database layer loads off the GUI thread,
    then sign-in (or first run) appears over the window. Sign-out empties the window and asks again."""
    from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop
    from PySide6.QtWidgets import QDialog, QMessageBox

    from ppid_desktop.core import kunci_db, lampiran
    from ppid_desktop.ui.akun import FirstRunDialog, LoginDialog
    from ppid_desktop.ui.context import AppContext
    from ppid_desktop.ui.lampiran import enkripsi_lampiran_lama
    from ppid_desktop.ui.main_window import MainWindow
    from ppid_desktop.ui.widgets import show_error

    def on_exception(kind: type[BaseException], exc: BaseException, tb: Any) -> None:
        sys.__excepthook__(kind, exc, tb)
        show_error(app.activeWindow(), exc)

    sys.excepthook = on_exception
    window = MainWindow()
    window.show()
    session_loop = QEventLoop()
    outcome: dict[str, str] = {}
    def end_session(how: str) -> None:
        outcome["next"] = how
        session_loop.exit()

    real_path = default_db_path() if demo and db_path == demo_db_path() else db_path
    window.open_demo_requested.connect(lambda: end_session("demo"))
    window.open_real_requested.connect(lambda: end_session("real"))
    window.sign_out_requested.connect(lambda: end_session("login"))
    window.closed.connect(lambda: end_session("quit"))
    services: Services | None = None
    ringan: Any = None  # the light connection (core.ringan) until the services are loaded
    ctx: AppContext | None = None
    try:
        while True:
            try:
                services = ringan = None  # an encrypted database opens only after the sign-in unwrapped its key
                if demo and kunci_db.polos(db_path) is None:  # a new demo is born encrypted (its accounts' key)
                    kunci_db.berkas_kunci(db_path).unlink(missing_ok=True)
                    kunci_db.buat(db_path, "admin", DEMO_SANDI)
                if not kunci_db.perlu_masuk(db_path):
                    ringan = _run_with_progress("Membuka database…", functools.partial(_load_ringan, db_path))
                if ringan is None and not kunci_db.perlu_masuk(db_path):
                    services = _run_with_progress("Membuka database…", functools.partial(_load_services, db_path))
                    if demo:
                        fill_demo(services)
            except UserError as exc:
                QMessageBox.critical(window, APP_NAME, str(exc))
                return 2
            actor = None
            if services is not None and not services.akun.has_users():
                first = FirstRunDialog(services, window)
                result = first.exec()
                if result == FirstRunDialog.DEMO:
                    services.close()
                    services, db_path, demo = None, demo_db_path(), True
                    continue
                if result != QDialog.DialogCode.Accepted:
                    return 0
                actor = first.actor
                if not demo and actor is not None:  # the office database is encrypted from its first Admin on
                    services, kode, peringatan = _run_with_progress("Mengenkripsi database…", functools.partial(
                        _enkripsi, services, actor, first.username.text(), first.password.text()))
                    _tampilkan_kunci(window, kode, peringatan)
            if actor is None:
                hint = "Database demo: masuk sebagai admin dengan kata sandi rahasia123." if demo else ""
                login = LoginDialog(services, hint, window, db_path=db_path, buka=_open_services, enkripsi=not demo,
                                    ringan=ringan)
                if demo:
                    login.username.setText("admin")
                    login.password.setFocus()
                if login.exec() != QDialog.DialogCode.Accepted or login.actor is None:
                    if login.ringan is not None:
                        login.ringan.tutup()
                    if demo:  # Batal on the demo's sign-in leads back to the office database
                        if services is not None:
                            services.close()
                        services, db_path, demo = None, real_path, False
                        continue
                    return 0
                actor, services, ringan = login.actor, login.services, login.ringan
                _tampilkan_kunci(window, login.kode_pemulihan, login.peringatan)
            assert actor is not None
            ctx = konteks_sesi(db_path, actor, services, ringan, login.waktu_masuk if services is None else None, demo)

            def gagal_muat(exc: object) -> None:
                show_error(window, exc if isinstance(exc, BaseException) else RuntimeError(str(exc)))
                end_session("login")

            ctx.bus.gagal.connect(gagal_muat)
            services = ringan = None
            window.attach(ctx)
            ctx.setelah_siap(functools.partial(enkripsi_lampiran_lama, ctx, window))  # an earlier release's clear attachments, once
            outcome.clear()
            session_loop.exec()
            window.detach()
            ctx.tutup()
            lampiran.bersihkan_sementara()  # decrypted copies opened in viewers go with the session
            ctx = None
            kunci_db.lupakan(db_path)  # signed out: the next sign-in unwraps the data key again
            if outcome.get("next") == "demo":
                db_path, demo = demo_db_path(), True
                continue
            if outcome.get("next") == "real" or (outcome.get("next") == "login" and demo):
                # Back to the office database; signing out of the demo leads there too (no demo trap).
                db_path, demo = real_path, False
                continue
            if outcome.get("next") == "login":
                continue
            return 0
    finally:
        if ctx is not None:
            ctx.tutup()
        if services is not None:
            services.close()
        if ringan is not None:
            ringan.tutup()
        # Let Qt delete the window (and the menu that may have closed it) before Python drops it.
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _buka_kunci_env(db_path: Path) -> None:
    """An encrypted database for the smoke test: unlocked with ``PPID_PENGGUNA``/``PPID_KATA_SANDI``."""
    from ppid_desktop.core import kunci_db

    if kunci_db.perlu_masuk(db_path):
        kunci_db.buka(db_path, os.environ.get("PPID_PENGGUNA", ""), os.environ.get("PPID_KATA_SANDI", ""))


def _enkripsi(services: Services, actor: Any, username: str, password: str, _progress: Any) -> Any:
    """Task body: encrypt the office database its first Admin just created (off the GUI thread)."""
    from ppid_desktop.akun.enkripsi import enkripsi_setelah_masuk

    return enkripsi_setelah_masuk(services, actor, username, password, _open_services)


def _tampilkan_kunci(window: Any, kode: str | None, peringatan: str) -> None:
    """The recovery key of a database just encrypted (shown once), or why it was not encrypted."""
    from PySide6.QtWidgets import QMessageBox

    from ppid_desktop.ui.akun import KunciPemulihanDialog

    if kode:
        KunciPemulihanDialog(kode, window).exec()
    elif peringatan:
        QMessageBox.warning(window, APP_NAME, peringatan)


def _smoke(app: Any, db_path: Path, qt_problems: list[str]) -> int:
    from PySide6.QtWidgets import QApplication

    from ppid_desktop.ui.context import AppContext
    from ppid_desktop.ui.main_window import MainWindow
    from ppid_desktop.ui.sections import SECTIONS
    from ppid_desktop.ui.tasks import TaskRunner
    from ppid_desktop.ui.widgets import Messages

    shown: list[str] = []
    crashes: list[str] = []

    def on_exception(kind: type[BaseException], exc: BaseException, tb: Any) -> None:
        import traceback

        crashes.append("".join(traceback.format_exception(kind, exc, tb)))
        sys.__excepthook__(kind, exc, tb)

    sys.excepthook = on_exception
    Messages.sink = lambda kind, title, text: shown.append(f"{kind}: {title}: {text}") if kind == "error" else None
    Messages.answer = False
    try:
        _buka_kunci_env(db_path)
        services = _open_services(db_path)
    except (StorageError, UserError) as exc:
        print(f"Uji asap gagal: {exc}", file=sys.stderr)
        return 2
    failures: list[str] = []
    try:
        ctx = AppContext(services=services, actor=services.system(), tasks=TaskRunner())
        window = MainWindow(ctx)
        window.show()
        QApplication.processEvents()
        for sec in SECTIONS:
            try:
                window.show_section(sec.key)
                page = window.page(sec.key)
                smoke = getattr(page, "smoke", None)
                if callable(smoke):
                    smoke()
                ctx.tasks.wait(60000)
                QApplication.processEvents()
                print(f"  ok  {sec.title}")
            except Exception as exc:  # noqa: BLE001 - every failure is reported
                failures.append(f"{sec.title}: {exc.__class__.__name__}: {exc}")
                print(f"  GAGAL {sec.title}: {exc}")
        window.close()
        QApplication.processEvents()
    finally:
        services.close()
    failures += [f"pengecualian: {c}" for c in crashes]
    failures += [f"pesan galat: {m}" for m in shown]
    failures += [f"peringatan Qt: {m}" for m in qt_problems]
    if failures:
        print("Uji asap GAGAL:\n" + "\n".join(f"  - {f}" for f in failures), file=sys.stderr)
        return 1
    print(f"Uji asap berhasil: {len(SECTIONS)} halaman dibuka ({db_path}).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
