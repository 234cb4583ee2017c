"""The signed-in start (issue #15), in a real process on a database ``ppid demo`` built, through the app's own
start path (``app._load_ringan`` → the real ``LoginDialog`` → ``app.konteks_sesi`` → ``attach``): the sign-in
and Beranda's counts go through the light read path (``core.ringan``), so neither SQLAlchemy nor the ORM
is loaded when Beranda gets its counts; the services load behind Beranda, the sign-in's writes (audit
``login``, last login) land with a valid hash chain, and a page opened before the services are ready
waits for them and then opens. What the first screen must not cost: no page but Beranda is built,
Beranda's summary runs off the GUI thread, and none of the heavy libraries is imported."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "alembic", "reportlab", "openpyxl", "PIL", "num2words", "lxml",
         "ppid_desktop.services", "ppid_desktop.schema", "ppid_desktop.rekap.service", "ppid_desktop.layanan.dokumen",
         "ppid_desktop.layanan.service", "ppid_desktop.ui.layanan.page", "ppid_desktop.ui.monev.page")

CHILD = r"""
import functools, json, sys, threading
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

app = QApplication(sys.argv[:1])
from ppid_desktop import app as app_module
from ppid_desktop.ui import beranda as B
from ppid_desktop.ui.akun import LoginDialog
from ppid_desktop.ui.main_window import MainWindow

db, password, buka_dulu = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
out = {}
calls = []
hitung = B.hitung

def counted(*a, **k):
    calls.append({"gui": threading.current_thread() is threading.main_thread(),
                  "sqlalchemy": "sqlalchemy" in sys.modules})
    return hitung(*a, **k)

B.hitung = counted
window = MainWindow()
window.show()
app.processEvents()
ringan = app_module._run_with_progress("Membuka database", functools.partial(app_module._load_ringan, db))
out["ringan"] = ringan is not None
login = LoginDialog(None, "", window, ringan=ringan)
login.username.setText("admin")
login.password.setText(password)
loop = QEventLoop()
login.accepted.connect(loop.quit)
gagal = login.sesudah_gagal

def gagal_dicatat(exc):
    out["error"] = str(exc)
    gagal(exc)
    loop.quit()  # a wrong password leaves the dialog open

login.sesudah_gagal = gagal_dicatat
login.show()
login.try_login()
QTimer.singleShot(60000, loop.quit)
if login.actor is None:
    loop.exec()
out["signed_in"] = login.actor is not None
if login.actor is None:
    print(json.dumps(out))
    sys.exit(0)
out["services_at_sign_in"] = login.services is not None
ctx = app_module.konteks_sesi(db, login.actor, login.services, login.ringan, login.waktu_masuk)
window.attach(ctx)
page = window.findChildren(B.BerandaPage)[0]
isi = page.isi

def isi_dicatat(data):
    out.setdefault("modules", sorted(sys.modules))
    isi(data)
    if buka_dulu and "waited" not in out:  # a click on Register before the services are ready
        out["waited"] = not ctx.siap
        window.show_section("layanan")
        out["loading_shown"] = window.stack.currentWidget() is window.loading

page.isi = isi_dicatat
done = QEventLoop()
ctx.bus.siap.connect(done.quit)
ctx.bus.gagal.connect(lambda exc: (out.setdefault("gagal", str(exc)), done.quit()))
QTimer.singleShot(60000, done.quit)
if not ctx.siap:
    done.exec()
for _ in range(20):  # a few more turns: the waiting page opens, a second summary would have started
    app.processEvents()
ctx.tasks.wait(10000)
app.processEvents()
out.update({"siap": ctx.siap, "calls": calls, "pages": sorted(window.pages), "current": window.current_key(),
            "filled": page.data is not None,
            "layanan_shown": "layanan" in window.pages
                and window.stack.currentWidget() is window._holder(window.pages["layanan"])})
services = ctx.services
out["chain_ok"] = services.akun.periksa_audit(login.actor).utuh
window.detach()
ctx.tutup()
print(json.dumps(out))
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


def _run(db: Path, tmp_path: Path, password: str = "rahasia123", buka_dulu: bool = False) -> dict:  # type: ignore[type-arg]
    env = {**os.environ, "PPID_DATA_DIR": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"}
    p = subprocess.run([sys.executable, "-c", CHILD, str(db), password, "1" if buka_dulu else "0"], env=env,
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-4000:]
    return json.loads(p.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _logins(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as con:
        return con.execute("SELECT username, action FROM audit_log WHERE entity = 'pengguna' AND action LIKE 'login%' "
                           "ORDER BY id").fetchall()


def test_signed_in_start_reaches_beranda_without_the_orm(demo_db: Path, tmp_path: Path) -> None:
    before = _logins(demo_db)
    out = _run(demo_db, tmp_path)
    assert out["ringan"] and out["signed_in"] and not out["services_at_sign_in"], out  # the light path served
    assert out["filled"], "Beranda tidak terisi"
    assert out["pages"] == ["beranda"], out["pages"]  # the other sections are built on first visit
    assert out["calls"] and not any(c["gui"] for c in out["calls"]), out["calls"]  # off the GUI thread
    assert not out["calls"][0]["sqlalchemy"], out["calls"]  # counted before the database layer was imported
    assert len(out["calls"]) == 1, out["calls"]  # once (twice only when a calendar year had to be seeded)
    loaded = set(out["modules"])
    heavy = [m for m in HEAVY if m in loaded or any(x.startswith(m + ".") for x in loaded)]
    assert heavy == [], f"dimuat sebelum Beranda terisi: {heavy}"
    # The services loaded behind Beranda and made the sign-in's writes: one 'login', the chain intact.
    assert out["siap"] and "gagal" not in out, out
    assert out["chain_ok"]
    assert _logins(demo_db) == [*before, ("admin", "login")]


def test_a_page_opened_before_the_services_are_ready_waits_then_opens(demo_db: Path, tmp_path: Path) -> None:
    out = _run(demo_db, tmp_path, buka_dulu=True)
    assert out["siap"] and "gagal" not in out, out
    if out["waited"]:  # the click came while they loaded (nearly always): the window showed "Memuat data…"
        assert out["loading_shown"], out
    assert out["current"] == "layanan" and out["layanan_shown"], out


def test_a_wrong_password_goes_through_the_full_sign_in(demo_db: Path, tmp_path: Path) -> None:
    before = _logins(demo_db)
    out = _run(demo_db, tmp_path, password="salah-sekali")
    assert out["ringan"] and not out["signed_in"], out
    assert out["error"] == "Nama pengguna atau kata sandi salah.", out
    assert _logins(demo_db) == [*before, ("admin", "login_gagal")]  # counted and audited as before
    with sqlite3.connect(demo_db) as con:
        assert con.execute("SELECT gagal_masuk FROM pengguna WHERE username = 'admin'").fetchone()[0] == 1


def test_lockout_holds_when_the_light_path_serves_the_dialog(qtbot, services, messages) -> None:  # type: ignore[no-untyped-def]
    """Five wrong passwords lock the account exactly as before: every failure goes through the full sign-in."""
    from ppid_desktop.akun import roles as R
    from ppid_desktop.akun.service import MAX_GAGAL
    from ppid_desktop.services import Services
    from ppid_desktop.ui.akun import LoginDialog, buka_ringan
    from ppid_desktop.ui.tasks import SyncTaskRunner
    from tests.conftest import TEST_DEVICE

    services.akun.create_user(None, "kepala", "Kepala PPID", "rahasia123", [R.ADMIN])
    services.store.analyze()
    ringan = buka_ringan(services.store.path)
    assert ringan is not None
    dlg = LoginDialog(None, "", ringan=ringan, tasks=SyncTaskRunner(),
                      buka=lambda p: Services.open(p, device=TEST_DEVICE))
    qtbot.addWidget(dlg)
    errors: list[str] = []
    dlg.sesudah_gagal = lambda exc: errors.append(str(exc))  # type: ignore[method-assign]
    dlg.username.setText("kepala")
    for _ in range(MAX_GAGAL):
        dlg.password.setText("salah-sekali")
        dlg.try_login()
    dlg.password.setText("rahasia123")
    dlg.try_login()
    assert dlg.actor is None and len(errors) == MAX_GAGAL + 1
    assert errors[0] == "Nama pengguna atau kata sandi salah."
    assert "terkunci" in errors[-1]
    actions = [e.action for e in services.akun.audit_terbaru(20) if e.entity == "pengguna"]
    assert actions[:3] == ["login_ditolak", "akun_dikunci", "login_gagal"]  # newest first
    ringan.tutup()


def _light_ctx(services, **kw):  # type: ignore[no-untyped-def]
    from ppid_desktop.ui.akun import buka_ringan
    from ppid_desktop.ui.context import AppContext
    from ppid_desktop.ui.tasks import TaskRunner
    from tests.conftest import make_actor

    services.store.analyze()
    ringan = buka_ringan(services.store.path)
    assert ringan is not None
    return AppContext(actor=make_actor("Admin"), tasks=TaskRunner(), ringan=ringan, **kw)


def test_reading_the_services_before_they_are_loaded_waits_without_freezing(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    import threading

    from PySide6.QtWidgets import QApplication

    gate = threading.Event()

    def pemuat(_p):  # type: ignore[no-untyped-def]
        gate.wait(30)
        return services

    ctx = _light_ctx(services, pemuat=pemuat)
    assert not ctx.siap and ctx.db_path == services.store.path  # the frame reads what it needs meanwhile
    turns: list[int] = []
    from PySide6.QtCore import QTimer

    ticker = QTimer()
    ticker.timeout.connect(lambda: (turns.append(1), gate.set() if len(turns) == 5 else None))
    ticker.start(5)
    assert ctx.services is services  # waited in an event loop: the timer kept ticking, then the loader ran
    ticker.stop()
    assert len(turns) >= 5 and ctx.siap and not ctx.ringan.terbuka  # type: ignore[union-attr]
    assert QApplication.overrideCursor() is None


def test_a_worker_reading_the_services_starts_the_loading_and_waits(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    ctx = _light_ctx(services, pemuat=lambda _p: services)
    seen: list[object] = []
    with qtbot.waitSignal(ctx.bus.siap, timeout=30000):
        ctx.tasks.run(lambda _p: ctx.services, title="uji", on_done=seen.append)
    qtbot.waitUntil(lambda: seen == [services], timeout=30000)
    ctx.tutup()


def test_a_failed_loading_is_reported_not_swallowed(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    from ppid_desktop.core.errors import UserError

    def pemuat(_p):  # type: ignore[no-untyped-def]
        raise UserError("Akun admin tidak ditemukan atau sudah dinonaktifkan. Masuk lagi.")

    ctx = _light_ctx(services, pemuat=pemuat)
    with qtbot.waitSignal(ctx.bus.gagal, timeout=30000), pytest.raises(UserError, match="dinonaktifkan"):
        _ = ctx.services
    ctx.tutup()


def test_work_waiting_for_the_services_does_not_start_them_early(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    ctx = _light_ctx(services, pemuat=lambda _p: services)
    ran: list[str] = []
    ctx.setelah_siap(lambda: ran.append("sesudah"))
    qtbot.wait(50)
    assert ran == [] and not ctx._mulai  # Beranda starts the loading once it is painted, not this
    with qtbot.waitSignal(ctx.bus.siap, timeout=30000):
        ctx.muat()
    assert ran == ["sesudah"]
    ctx.setelah_siap(lambda: ran.append("langsung"))  # loaded: at once
    assert ran == ["sesudah", "langsung"]
    ctx.tutup()
