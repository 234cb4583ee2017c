"""Sign-in and first-run dialogs; the idle lock (``PenjagaDiam`` + ``LayarKunci``); the recovery key.

An encrypted database (``core.kunci_db``) is signed into before it is opened: ``LoginDialog`` without
services unwraps the data key with the typed password, opens the database, then checks the account as
always (lock-out counts in the key file and in the database). An Admin signing into a plaintext office
database converts it (``enkripsi_setelah_masuk``) and is shown the recovery key once
(``KunciPemulihanDialog``); so does the first run after the first Admin is created.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ppid_desktop.akun import roles as R
from ppid_desktop.core import kunci_db
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.errors import UserError, ValidationError
from ppid_desktop.master.masukan import IsianProfil
from ppid_desktop.ui.widgets import FormFeedback, judul

if TYPE_CHECKING:
    from ppid_desktop.services import Services


class _Checked(QObject):
    done = Signal(object, float)  # Actor or the exception, seconds spent


class _Check(QRunnable):
    """The password check (argon2, deliberately slow) on a worker thread."""

    def __init__(self, fn: Any, signals: _Checked) -> None:
        super().__init__()
        self.fn, self.signals = fn, signals

    def run(self) -> None:
        t = time.perf_counter()
        try:
            result: object = self.fn()
        except Exception as exc:  # noqa: BLE001 - shown by the dialog on the GUI thread
            result = exc
        self.signals.done.emit(result, time.perf_counter() - t)


def enkripsi_setelah_masuk(services: Services, actor: Actor, username: str, password: str,
                           buka: Callable[[Path], Services]) -> tuple[Services, str | None, str]:
    """An Admin signed into a plaintext database: convert it (the store is closed, encrypted in place and
    opened again). Returns ``(services, recovery key or None, warning)``; a conversion that cannot run
    now (another process has the file open) leaves the database as it was and says why."""
    if services.store.kunci is not None or not R.can(actor, R.AKUN_KELOLA):
        return services, None, ""
    path = services.store.path
    hashes = services.akun.hash_untuk_kunci(actor)
    services.close()
    try:
        kode, _, _ = kunci_db.konversi(path, username, password, hashes)
    except UserError as exc:
        return buka(path), None, f"Database belum dienkripsi: {exc}"
    return buka(path), kode, ""


class LoginDialog(QDialog):
    def __init__(self, services: Services | None, hint: str = "", parent: QWidget | None = None, *,
                 db_path: Path | None = None, buka: Callable[[Path], Services] | None = None,
                 enkripsi: bool = False) -> None:
        """``services`` None: the database at ``db_path`` is encrypted and is opened (with ``buka``) only
        after the password unwrapped its key. ``enkripsi``: an Admin's sign-in converts a plaintext one."""
        super().__init__(parent)
        self.services = services
        self.db_path = db_path if services is None else services.store.path
        self.buka = buka
        self.enkripsi = enkripsi
        self.kode_pemulihan: str | None = None
        self.peringatan = ""
        self.actor: Actor | None = None
        self.hash_seconds = 0.0  # time the last password check took (reported apart by bench_startup)
        self._checked = _Checked(self)
        self._checked.done.connect(self._on_checked, Qt.ConnectionType.QueuedConnection)
        self._busy = False
        self.setWindowTitle(self.tr("Masuk — PPID Desktop"))
        self.setMinimumWidth(380)
        lay = QVBoxLayout(self)
        title = QLabel(self.tr("Masuk ke PPID Desktop"))
        title.setObjectName("pageTitle")
        lay.addWidget(title)
        office = services.master.profil() if services is not None else None
        sub = QLabel(judul(office.perangkat_daerah) if office is not None and office.perangkat_daerah
                     else self.tr("Database terenkripsi: %s") % db_path if services is None else str(services.store.path))
        sub.setObjectName("pageSubtitle")
        lay.addWidget(sub)
        form = QFormLayout()
        self.username = QLineEdit()
        self.username.setPlaceholderText(self.tr("nama pengguna"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Nama pengguna"), self.username)
        form.addRow(self.tr("Kata sandi"), self.password)
        lay.addLayout(form)
        if hint:
            h = QLabel(hint)
            h.setObjectName("hint")
            h.setWordWrap(True)
            lay.addWidget(h)
        self.feedback = FormFeedback()
        lay.addWidget(self.feedback)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(self.tr("Masuk"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setProperty("primary", True)
        cancel = buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.clicked.connect(self.try_login)
        cancel.clicked.connect(self.reject)
        lay.addWidget(buttons)
        self.ok.setDefault(True)

    def try_login(self) -> None:
        """Check the password on a worker thread (argon2 takes ~0.1 s by design); the dialog stays live."""
        if self._busy:
            return
        self._busy = True
        self.ok.setEnabled(False)
        username, password = self.username.text(), self.password.text()
        QThreadPool.globalInstance().start(_Check(lambda: self._masuk(username, password), self._checked))

    def _masuk(self, username: str, password: str) -> tuple[Services, Actor, str | None, str]:
        """Worker thread: unlock and open an encrypted database, check the account, convert a plaintext one."""
        services = self.services
        if services is None:
            assert self.db_path is not None and self.buka is not None
            kunci_db.buka(self.db_path, username, password)
            services = self.buka(self.db_path)
            try:
                actor = services.akun.authenticate(username, password)
            except BaseException:
                services.close()
                raise
        else:
            actor = services.akun.authenticate(username, password)
        kode, peringatan = None, ""
        if self.enkripsi and self.buka is not None:
            services, kode, peringatan = enkripsi_setelah_masuk(services, actor, username, password, self.buka)
        return services, actor, kode, peringatan

    def _on_checked(self, result: object, seconds: float) -> None:
        self._busy = False
        self.ok.setEnabled(True)
        self.hash_seconds = seconds
        if isinstance(result, UserError):
            self.feedback.show_exception(result, {"": self.password})
            self.password.selectAll()
            return
        if isinstance(result, BaseException):
            raise result
        assert isinstance(result, tuple)
        self.services, self.actor, self.kode_pemulihan, self.peringatan = result
        self.accept()


class KunciPemulihanDialog(QDialog):
    """The recovery key, shown once: to be written down or printed and kept away from the laptop."""

    def __init__(self, kode: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kode = kode
        self.setWindowTitle(self.tr("Kunci pemulihan — PPID Desktop"))
        self.setMinimumWidth(520)
        lay = QVBoxLayout(self)
        title = QLabel(self.tr("Catat kunci pemulihan database"))
        title.setObjectName("pageTitle")
        lay.addWidget(title)
        info = QLabel(self.tr(
            "Database di laptop ini kini terenkripsi: tanpa kata sandi akun, isinya tidak terbaca bila laptop "
            "atau berkasnya hilang. Bila kata sandi Admin terlupa, hanya kunci di bawah ini yang dapat "
            "membukanya (perintah: ppid pulihkan-kunci). Kunci ini hanya ditampilkan sekali: tulis atau "
            "cetak, lalu simpan di tempat aman yang terpisah dari laptop."))
        info.setWordWrap(True)
        lay.addWidget(info)
        self.label = QLabel(kode)
        self.label.setObjectName("kunciPemulihan")
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.label.font()
        font.setFamily("Liberation Mono")
        font.setStyleHint(font.StyleHint.Monospace)
        font.setPointSize(max(font.pointSize(), 10) + 6)
        font.setBold(True)
        self.label.setFont(font)
        lay.addWidget(self.label)
        self.salin = QPushButton(self.tr("Salin ke papan klip"))
        self.salin.clicked.connect(lambda: QApplication.clipboard().setText(kode))
        lay.addWidget(self.salin, 0, Qt.AlignmentFlag.AlignCenter)
        self.sudah = QCheckBox(self.tr("Saya sudah mencatat kunci pemulihan ini di tempat aman"))
        lay.addWidget(self.sudah)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(self.tr("Lanjut"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setProperty("primary", True)
        self.ok.setEnabled(False)
        self.sudah.toggled.connect(self.ok.setEnabled)
        self.ok.clicked.connect(self.accept)
        lay.addWidget(buttons)

    def reject(self) -> None:
        if self.sudah.isChecked():  # Esc closes only once the key is noted
            super().reject()


class FirstRunDialog(QDialog):
    """First start: the office profile and the first Admin account, or demo data."""

    DEMO = 2

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Selamat datang — PPID Desktop"))
        self.setMinimumWidth(620)
        lay = QVBoxLayout(self)
        title = QLabel(self.tr("Selamat datang di PPID Desktop"))
        title.setObjectName("pageTitle")
        lay.addWidget(title)
        intro = QLabel(self.tr(
            "Isi profil instansi untuk kop surat dan buat akun Admin pertama. Semua data tersimpan di "
            "laptop ini dan dapat diubah nanti di Data Master. Ingin melihat-lihat dulu? Pilih "
            "“Coba dengan data demo”: database demo terpisah akan dibuka."))
        intro.setWordWrap(True)
        intro.setObjectName("pageSubtitle")
        lay.addWidget(intro)

        box = QGroupBox(self.tr("Profil instansi"))
        f = QFormLayout(box)
        self.fields: dict[str, QWidget] = {}
        self.pemerintah = QLineEdit()
        self.pemerintah.setPlaceholderText("PEMERINTAH KOTA SALATIGA")
        self.perangkat = QLineEdit()
        self.perangkat.setPlaceholderText("DINAS KOMUNIKASI DAN INFORMATIKA")
        self.alamat = QLineEdit()
        self.kota = QLineEdit()
        self.kota.setPlaceholderText("Salatiga")
        self.telepon = QLineEdit()
        self.email = QLineEdit()
        self.kertas = QComboBox()
        self.kertas.addItems(["F4", "A4"])
        for label, w, key in (
            (self.tr("Pemerintah"), self.pemerintah, "pemerintah"),
            (self.tr("Perangkat daerah"), self.perangkat, "perangkat_daerah"),
            (self.tr("Alamat"), self.alamat, "alamat"),
            (self.tr("Kota (tempat surat)"), self.kota, "kota"),
            (self.tr("Telepon"), self.telepon, "telepon"),
            (self.tr("E-mail"), self.email, "email"),
            (self.tr("Ukuran kertas"), self.kertas, "kertas"),
        ):
            f.addRow(label, w)
            self.fields[key] = w
        lay.addWidget(box)

        box2 = QGroupBox(self.tr("Akun Admin pertama"))
        f2 = QFormLayout(box2)
        self.username = QLineEdit("admin")
        self.nama = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit()
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        f2.addRow(self.tr("Nama pengguna"), self.username)
        f2.addRow(self.tr("Nama lengkap"), self.nama)
        f2.addRow(self.tr("Kata sandi (min. 8)"), self.password)
        f2.addRow(self.tr("Ulangi kata sandi"), self.password2)
        self.fields.update({"username": self.username, "nama": self.nama, "password": self.password})
        lay.addWidget(box2)
        self.feedback = FormFeedback()
        lay.addWidget(self.feedback)

        row = QHBoxLayout()
        self.demo_btn = QPushButton(self.tr("Coba dengan data demo"))
        self.demo_btn.clicked.connect(lambda: self.done(self.DEMO))
        row.addWidget(self.demo_btn)
        row.addStretch(1)
        cancel = QPushButton(self.tr("Batal"))
        cancel.clicked.connect(self.reject)
        self.save_btn = QPushButton(self.tr("Simpan dan mulai"))
        self.save_btn.setProperty("primary", True)
        self.save_btn.setDefault(True)
        self.save_btn.clicked.connect(self.save)
        row.addWidget(cancel)
        row.addWidget(self.save_btn)
        lay.addLayout(row)

    def save(self) -> None:
        self.feedback.clear_problems()
        if self.password.text() != self.password2.text():
            self.feedback.show_exception(ValidationError({"password": self.tr("Kedua kata sandi tidak sama.")}),
                                         self.fields)
            return
        profil = {
            "pemerintah": self.pemerintah.text().upper(), "perangkat_daerah": self.perangkat.text().upper(),
            "alamat": self.alamat.text(), "kota": self.kota.text(), "telepon": self.telepon.text(),
            "email": self.email.text(), "kertas": self.kertas.currentText(), "font": "Arial",
        }
        system = self.services.system()
        try:
            # Check the account before writing the profile, so a bad account writes nothing.
            from ppid_desktop.akun.service import check_new_user

            check_new_user(self.username.text(), self.nama.text(), self.password.text(), [R.ADMIN],
                           siapa="Admin")
            self.services.master.simpan_profil(system, IsianProfil.dari(profil))
            self.services.akun.create_user(None, self.username.text(), self.nama.text(), self.password.text(),
                                           [R.ADMIN])
            self.actor = self.services.akun.authenticate(self.username.text(), self.password.text())
        except UserError as exc:
            self.feedback.show_exception(exc, self.fields)
            return
        self.accept()


class RoleChecks(QWidget):
    """Check boxes for the six roles."""

    def __init__(self, selected: frozenset[str] = frozenset(), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for role in R.ROLES:
            cb = QCheckBox(role)
            cb.setChecked(role in selected)
            self.boxes[role] = cb
            lay.addWidget(cb)
        lay.addStretch(1)

    def roles(self) -> list[str]:
        return [r for r, cb in self.boxes.items() if cb.isChecked()]



# --------------------------------------------------------------------------- idle lock
_AKTIVITAS = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
              QEvent.Type.TouchBegin}


class PenjagaDiam(QObject):
    """Emits ``terkunci`` after ``ms`` milliseconds without keyboard, mouse or touch input anywhere in
    the application (an application-wide event filter restarts the timer)."""

    terkunci = Signal()

    def __init__(self, ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(max(ms, 1))
        self.timer.timeout.connect(self._habis)
        self.dikunci = False
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if not self.dikunci and event.type() in _AKTIVITAS:
            self.timer.start()
        return False

    def _habis(self) -> None:
        self.dikunci = True
        self.terkunci.emit()

    def buka(self) -> None:
        """Unlocked again: count from now."""
        self.dikunci = False
        self.timer.start()

    def berhenti(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


class LayarKunci(QDialog):
    """The lock screen: only the signed-in account's password opens the app again (wrong passwords
    count towards the account lockout like any sign-in); "Keluar akun" signs out instead."""

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.setWindowTitle(self.tr("Aplikasi dikunci — PPID Desktop"))
        self.setMinimumWidth(380)
        lay = QVBoxLayout(self)
        title = QLabel(self.tr("Aplikasi dikunci"))
        title.setObjectName("pageTitle")
        lay.addWidget(title)
        info = QLabel(self.tr("PPID Desktop dikunci karena lama tidak dipakai. Masukkan kata sandi %s untuk "
                              "melanjutkan.") % (actor.nama or actor.username))
        info.setWordWrap(True)
        lay.addWidget(info)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("kata sandi"))
        lay.addWidget(self.password)
        self.feedback = FormFeedback()
        lay.addWidget(self.feedback)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(self.tr("Buka"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setProperty("primary", True)
        self.keluar = buttons.addButton(self.tr("Keluar akun"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.clicked.connect(self.buka)
        self.keluar.clicked.connect(self.reject)
        lay.addWidget(buttons)
        self.ok.setDefault(True)

    def buka(self) -> None:
        try:
            self.services.akun.authenticate(self.actor.username, self.password.text())
        except UserError as exc:
            self.feedback.show_exception(exc, {"": self.password})
            self.password.selectAll()
            return
        self.accept()
