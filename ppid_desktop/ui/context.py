"""What every page receives: the services, the signed-in actor, the task runner, a status sink, and the
``changed(rooms)`` signal every page listens to so that a change made anywhere refreshes what shows it.

The services may still be loading (the light start, issue #15): a sign-in checked through
``core.ringan`` attaches the window with ``ringan`` (the light connection) and ``pemuat`` (the task body
that opens the services and makes the sign-in's writes, in one unit of work). ``muat()`` starts it on a
worker of its own, quietly (no progress dialog), and ``setelah_siap(fn)`` runs ``fn`` once it is done
(without starting it).
Reading ``services`` before that waits for it without freezing the window (a busy cursor and a nested
event loop on the GUI thread; a plain wait on a worker), so no write can come before the sign-in's.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal, SignalInstance

from ppid_desktop.core.actor import Actor
from ppid_desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:  # the services pull in the database layer: not needed to paint the first window
    from ppid_desktop.core.clock import Clock
    from ppid_desktop.core.device import Device
    from ppid_desktop.core.progress import Progress
    from ppid_desktop.core.ringan import Ringan
    from ppid_desktop.services import Services


class Perubahan(QObject):
    """Carries ``changed(rooms)``: a frozenset of room names ("layanan", "monev", "naskah", "master", …);
    ``siap`` once the services are loaded, ``gagal(exc)`` if loading them failed."""

    changed = Signal(frozenset)
    siap = Signal()
    gagal = Signal(object)
    minta_muat = Signal()  # a worker asks the GUI thread to start the loading


class AppContext:
    def __init__(self, services: Services | None = None, actor: Actor | None = None,
                 tasks: TaskRunner | None = None, _status: Callable[[str], None] | None = None,
                 demo: bool = False, bus: Perubahan | None = None, *, ringan: Ringan | None = None,
                 pemuat: Callable[[Progress], Services] | None = None) -> None:
        if services is None and (ringan is None or pemuat is None):
            raise ValueError("AppContext needs services, or the light connection and a loader")
        assert actor is not None and tasks is not None
        self._services = services
        self.actor = actor
        self.tasks = tasks
        self._status = _status or (lambda _msg: None)
        self.demo = demo  # the demo database is open (the window shows a banner)
        self.bus = bus or Perubahan()
        self.ringan = ringan if services is None else None
        self._pemuat = pemuat
        self._mulai = False
        self._galat: BaseException | None = None
        self._selesai = threading.Event()
        self._pemuat_tasks: TaskRunner | None = None  # the loader's own runner, once ``muat`` started it
        self._dimuat_pekerja: Services | None = None  # what the loader opened (closed by ``tutup``)
        if services is not None:
            self._selesai.set()
        self.bus.minta_muat.connect(self.muat, Qt.ConnectionType.QueuedConnection)

    # ------------------------------------------------------------ services, loaded now or later
    @property
    def siap(self) -> bool:
        """The services are loaded (always, for a context made with them)."""
        return self._services is not None

    @property
    def services(self) -> Services:
        if self._services is None:
            self._tunggu()
        assert self._services is not None
        return self._services

    @services.setter
    def services(self, value: Services) -> None:
        self._services = value

    def muat(self) -> None:
        """Start loading the services on the task runner (once; nothing to do when they are loaded)."""
        if self._mulai or self._services is not None or self._pemuat is None:
            return
        self._mulai = True
        # Its own worker: a task on ``tasks`` that reads ``services`` waits for it instead of blocking it.
        self._pemuat_tasks = TaskRunner()
        self._pemuat_tasks.run(self._muat_di_pekerja, title="Memuat data…", on_done=self._dimuat, on_error=self._gagal,
                               cancellable=False, diam=True)

    def _muat_di_pekerja(self, progress: Progress) -> Services:
        assert self._pemuat is not None
        services = self._pemuat(progress)
        self._dimuat_pekerja = services  # closed by ``tutup`` even if the GUI thread never saw it arrive
        return services

    def wait(self, msecs: int = 30000) -> bool:
        """Wait for the tasks and the loading of the services (sign-out, closing the window)."""
        loader = self._pemuat_tasks
        return (loader is None or loader.wait(msecs)) and self.tasks.wait(msecs)

    def tutup(self) -> None:
        """Sign-out: wait for the work under way (the loading included), close the services and the light
        connection."""
        self.wait(60000)
        services = self._services or self._dimuat_pekerja
        if services is not None:
            services.close()
        if self.ringan is not None:
            self.ringan.tutup()

    def setelah_siap(self, fn: Callable[[], Any]) -> None:
        """Run ``fn`` on the GUI thread once the services are loaded (now, if they are). It does not start the
        loading (Beranda does once it is painted; ``muat()`` hurries it): start-up work that needs the
        services, e.g. a one-off conversion after sign-in, goes here instead of reading ``services`` at once."""
        if self._services is not None:
            fn()
            return
        self.bus.siap.connect(fn, type=Qt.ConnectionType.SingleShotConnection)

    def _dimuat(self, services: Services) -> None:
        self._services = services
        if self.ringan is not None:
            self.ringan.tutup()  # the services have their own connections now
        self._selesai.set()
        self.bus.siap.emit()

    def _gagal(self, exc: BaseException) -> None:
        self._galat = exc
        self._selesai.set()
        self.bus.gagal.emit(exc)

    def _tunggu(self) -> None:
        """Wait for the services: an event loop on the GUI thread (the window stays live, the cursor busy),
        a plain wait elsewhere."""
        if self._pemuat is None:
            raise RuntimeError("AppContext has no services")
        from PySide6.QtCore import QCoreApplication, QEventLoop, QThread
        from PySide6.QtWidgets import QApplication

        app = QCoreApplication.instance()
        if app is None or QThread.currentThread() is not app.thread():
            self.bus.minta_muat.emit()  # started on the GUI thread (its runner must live there)
            self._selesai.wait()
        elif not self._selesai.is_set():
            self.muat()
            loop = QEventLoop()
            self.bus.siap.connect(loop.quit)
            self.bus.gagal.connect(loop.quit)
            self.status("Memuat data…")
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
            try:
                if not self._selesai.is_set():
                    loop.exec()
            finally:
                QApplication.restoreOverrideCursor()
                self.bus.siap.disconnect(loop.quit)
                self.bus.gagal.disconnect(loop.quit)
        if self._services is None:
            from ppid_desktop.core.errors import UserError

            raise self._galat or UserError("Data belum dapat dimuat.")

    # ------------------------------------------------------------ what the frame reads before that
    @property
    def db_path(self) -> Path:
        return self._services.store.path if self._services is not None else self._ringan().path

    @property
    def device(self) -> Device:
        return self._services.device if self._services is not None else self._ringan().device

    @property
    def clock(self) -> Clock:
        return self._services.clock if self._services is not None else self._ringan().clock

    def hari_ini(self) -> date:
        return self.clock.today()

    def _ringan(self) -> Ringan:
        assert self.ringan is not None
        return self.ringan

    # ------------------------------------------------------------ the rest
    def status(self, message: str) -> None:
        self._status(message)

    def can(self, permission: str) -> bool:
        from ppid_desktop.akun.roles import can

        return can(self.actor, permission)

    @property
    def changed(self) -> SignalInstance:
        """``ctx.changed.connect(slot)``; the slot receives the frozenset of rooms that changed."""
        return self.bus.changed

    def notify(self, rooms: Iterable[str]) -> None:
        """Tell every page that data of these rooms changed."""
        self.bus.changed.emit(frozenset(rooms))


