"""The signed-in start (issue #15), in a real process on a database ``ppid demo`` built: the shell paints,
the database layer loads, the user is attached and Beranda fills. What the first screen must not cost:
no page but Beranda is built, Beranda's summary runs once and off the GUI thread, and none of the heavy
libraries the first screen does not use (documents, Excel, images, migrations) is imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("reportlab", "openpyxl", "PIL", "num2words", "alembic", "lxml", "ppid_desktop.rekap.service",
         "ppid_desktop.layanan.dokumen", "ppid_desktop.ui.layanan.page", "ppid_desktop.ui.monev.page")

CHILD = r"""
import json, sys, threading
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

app = QApplication(sys.argv[:1])
from ppid_desktop import app as app_module
from ppid_desktop.ui.main_window import MainWindow

window = MainWindow()
window.show()
app.processEvents()
services = app_module._run_with_progress("Membuka database", lambda _p: app_module._open_services(sys.argv[1]))
calls = []
ringkasan = services.layanan.ringkasan

def counted(*a, **k):
    calls.append(threading.current_thread() is threading.main_thread())
    return ringkasan(*a, **k)

services.layanan.ringkasan = counted
from ppid_desktop.ui.beranda import BerandaPage
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.tasks import TaskRunner

admin = next(u for u in services.akun.list_users() if u.username == "admin")
ctx = AppContext(services=services, actor=services.akun.actor_for(admin), tasks=TaskRunner())
window.attach(ctx)
loop = QEventLoop()
timer = QTimer()
timer.timeout.connect(lambda: loop.quit() if all(p.data is not None for p in window.findChildren(BerandaPage)) else None)
timer.start(5)
QTimer.singleShot(60000, loop.quit)
loop.exec()
for _ in range(20):  # a few more turns: a second summary would have started by now
    app.processEvents()
ctx.tasks.wait(10000)
print(json.dumps({"pages": sorted(window.pages), "calls": calls,
                  "filled": all(p.data is not None for p in window.findChildren(BerandaPage)),
                  "modules": sorted(m for m in sys.modules)}))
window.detach()
services.close()
"""


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("mulai")
    db = base / "demo.sqlite"
    env = {**os.environ, "PPID_DATA_DIR": str(base / "data"), "PPID_PENGGUNA": "admin",
           "PPID_KATA_SANDI": "rahasia123"}
    subprocess.run([sys.executable, "-m", "ppid_desktop.cli", "--db", str(db), "demo", "--tanpa-enkripsi", "--permohonan", "40",
                    "--opd", "6"], env=env, check=True, capture_output=True, timeout=600)
    return db


def test_signed_in_start_builds_beranda_only_once_off_the_gui_thread(demo_db: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PPID_DATA_DIR": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"}
    p = subprocess.run([sys.executable, "-c", CHILD, str(demo_db)], env=env, capture_output=True, text=True,
                       timeout=300)
    assert p.returncode == 0, p.stderr[-4000:]
    out = json.loads(p.stdout.strip().splitlines()[-1])
    assert out["filled"], "Beranda tidak terisi"
    assert out["pages"] == ["beranda"], out["pages"]  # the other sections are built on first visit
    assert out["calls"] == [False], out["calls"]  # the deadline summary: once, on a worker thread
    loaded = set(out["modules"])
    heavy = [m for m in HEAVY if m in loaded or any(x.startswith(m + ".") for x in loaded)]
    assert heavy == [], f"dimuat saat mulai: {heavy}"
