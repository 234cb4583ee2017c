"""Regenerate the README screenshots, offscreen: ``./dev screenshots``.

Writes ``docs/screenshots/<key>.png`` for every section in ``ppid_desktop.ui.sections.SECTIONS``
(main window at 1280×800, signed in as the demo admin on a freshly filled demo database), plus
``first-run.png`` (the first-run dialog on an empty database) and ``login.png`` (the sign-in dialog).

Options: ``--out DIR`` (default docs/screenshots), ``--permohonan N`` demo size (default 300).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WIDTH, HEIGHT = 1280, 800


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    ap.add_argument("--permohonan", type=int, default=300)
    args = ap.parse_args(argv)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # A fixed, throw-away folder (the status bar and Pengaturan show its path) and a fixed device name,
    # so the pictures do not change from one run or machine to the next.
    work = Path(tempfile.gettempdir()) / "ppid-desktop-contoh"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    os.environ["PPID_DATA_DIR"] = str(work)  # device id, window state: not the user's own

    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
    from PySide6.QtGui import QFontDatabase, QIcon
    from PySide6.QtWidgets import QApplication, QWidget

    from ppid_desktop import APP_NAME, __version__, demo
    from ppid_desktop import app as app_module
    from ppid_desktop.core.device import Device
    from ppid_desktop.core.paths import resource
    from ppid_desktop.services import Services
    from ppid_desktop.ui.akun import FirstRunDialog, LoginDialog
    from ppid_desktop.ui.context import AppContext
    from ppid_desktop.ui.main_window import MainWindow
    from ppid_desktop.ui.sections import SECTIONS
    from ppid_desktop.ui.tasks import TaskRunner
    from ppid_desktop.ui.widgets import Messages

    device = Device(id="3f0c2a9e-0000-4000-8000-00000000c0de", name="LAPTOP-PPID-01")
    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resource("icons", "app.svg"))))
    for name in ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"):
        QFontDatabase.addApplicationFont(str(resource("fonts", name)))
    app.setStyleSheet(app_module.stylesheet())
    font = app.font()
    font.setFamily("Liberation Sans")
    app.setFont(font)

    problems: list[str] = []
    Messages.sink = lambda kind, title, text: problems.append(f"{kind}: {title}: {text}") if kind == "error" else None
    Messages.answer = False

    def settle(ms: int = 150) -> None:
        """Let layouts, lazy models and queued paints run."""
        for _ in range(3):
            QCoreApplication.processEvents()
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()
        QCoreApplication.processEvents()

    args.out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def save(widget: QWidget, name: str) -> None:
        path = args.out / f"{name}.png"
        if not widget.grab().save(str(path)):
            raise SystemExit(f"gagal menyimpan {path}")
        written.append(path)
        print(f"  {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")

    # 1. First run on an empty database.
    empty = Services.open(work / "kosong.sqlite", device=device)
    try:
        first = FirstRunDialog(empty)
        first.show()
        settle()
        save(first, "first-run")
        first.close()
        first.deleteLater()
        settle(0)
    finally:
        empty.close()

    # 2. The demo database, the sign-in dialog, then every section as the demo admin.
    services = Services.open(work / "demo.sqlite", device=device)
    try:
        print(f"Mengisi data demo ({args.permohonan} permohonan) …", flush=True)
        demo.fill(services, services.system(), demo.DemoOptions(permohonan=args.permohonan, today=date.today()))
        login = LoginDialog(services, "Database demo: masuk sebagai admin dengan kata sandi rahasia123.")
        login.username.setText("admin")
        login.show()
        settle()
        save(login, "login")
        login.close()
        login.deleteLater()
        settle(0)

        actor = services.akun.authenticate("admin", "rahasia123")
        ctx = AppContext(services=services, actor=actor, tasks=TaskRunner())
        window = MainWindow(ctx)
        window.resize(WIDTH, HEIGHT)
        window.show()
        settle()
        for sec in SECTIONS:
            window.show_section(sec.key)
            ctx.tasks.wait(60000)
            settle(300)
            if window.size().width() != WIDTH or window.size().height() != HEIGHT:
                window.resize(WIDTH, HEIGHT)
                settle()
            save(window, sec.key)
        window.close()
        ctx.tasks.wait(60000)
        window.deleteLater()
        settle()
    finally:
        services.close()

    shutil.rmtree(work, ignore_errors=True)
    print(f"{len(written)} tangkapan layar ditulis ke {args.out}")
    if problems:
        print("Pesan galat yang muncul saat mengambil tangkapan layar:", file=sys.stderr)
        for p in problems:
            print(f"  - {p}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
