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
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ppid_desktop.akun import roles as R
from ppid_desktop.akun.enkripsi import enkripsi_setelah_masuk
from ppid_desktop.akun.ringan import periksa_masuk
from ppid_desktop.core import kunci_db
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.errors import ValidationError
from ppid_desktop.core.progress import Progress
from ppid_desktop.master.masukan import IsianProfil
from ppid_desktop.master.ringkasan import nama_instansi
from ppid_desktop.ui.dialog import DialogDasar
from ppid_desktop.ui.tasks import TaskRunner
from ppid_desktop.ui.widgets import judul

if TYPE_CHECKING:
    from ppid_desktop.core.ringan import Ringan
    from ppid_desktop.services import Services

__all__ = ["FirstRunDialog", "KunciPemulihanDialog", "LayarKunci", "LoginDialog", "PenjagaDiam", "RoleChecks",
           "enkripsi_setelah_masuk"]


def _sandi(placeholder: str = "") -> QLineEdit:
    w = QLineEdit()
    w.setEchoMode(QLineEdit.EchoMode.Password)
    if placeholder:
        w.setPlaceholderText(placeholder)
    return w


def buka_ringan(db_path: Path) -> Ringan | None:
    """The light connection of the start (``core.ringan.buka``), after the same network-drive check as
    ``Services.open``; None: the full path opens this database."""
    from ppid_desktop.core import ringan
    from ppid_desktop.sinkron.fs import cek_bukan_jaringan

    cek_bukan_jaringan(db_path)
    return ringan.buka(db_path)


def _buka_layanan(db_path: Path) -> Services:
    from ppid_desktop.services import Services

    return Services.open(db_path)


class LoginDialog(DialogDasar):
    """Sign-in. The password check (argon2, deliberately slow) and the opening of an encrypted database run
    on the task runner (its own unless ``tasks`` is given); the dialog stays live meanwhile."""

    LEBAR = 420
    JUDUL_KERJA = "Memeriksa kata sandi…"

    def __init__(self, services: Services | None, hint: str = "", parent: QWidget | None = None, *,
                 db_path: Path | None = None, buka: Callable[[Path], Services] | None = None,
                 enkripsi: bool = False, tasks: TaskRunner | None = None, ringan: Ringan | None = None) -> None:
        """``services`` None: either ``ringan`` (the light start path: the account is checked on it and the
        services load after Beranda) or the database at ``db_path`` is encrypted and is opened only after the
        password unwrapped its key (light again when it can, else with ``buka``). ``enkripsi``: an Admin's
        sign-in converts a plaintext one (the full path)."""
        super().__init__("Masuk — PPID Desktop", parent, tombol_simpan="Masuk", tasks=tasks)
        self.services = services
        self.ringan = ringan if services is None else None
        self.db_path = services.store.path if services is not None else ringan.path if ringan is not None else db_path
        self.buka = buka
        self.enkripsi = enkripsi
        self.kode_pemulihan: str | None = None
        self.peringatan = ""
        self.actor: Actor | None = None
        self.waktu_masuk: datetime | None = None  # a light sign-in: when (its writes come with the services)
        self.hash_seconds = 0.0  # time the last password check took (reported apart by bench_startup)
        if services is not None:
            office = services.master.profil().perangkat_daerah
        elif self.ringan is not None:
            with self.ringan.pakai() as conn:
                office = nama_instansi(conn)
        else:
            office = ""
        self.kepala(self.tr("Masuk ke PPID Desktop"),
                    judul(office) if office
                    else self.tr("Database terenkripsi: %s") % self.db_path if services is None and self.ringan is None
                    else str(self.db_path))
        self.username = self.baris("username", "Nama pengguna", QLineEdit())
        self.username.setPlaceholderText(self.tr("nama pengguna"))
        self.password = self.baris("password", "Kata sandi", _sandi())
        self.fields[""] = self.password  # a failed sign-in marks the password
        if hint:
            h = QLabel(hint)
            h.setObjectName("hint")
            h.setWordWrap(True)
            self.baris_penuh(h)
        self.ok = self.simpan_btn

    @property
    def _busy(self) -> bool:  # the name older tests and the start-up benchmark use
        return self.sibuk

    def try_login(self) -> None:
        self.simpan()

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self.username.text():  # the demo fills the user name in: straight to the password
            self.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def kirim(self) -> Callable[..., Any]:
        username, password = self.username.text(), self.password.text()

        def masuk(kemajuan: Progress) -> tuple[Services | None, Actor, str | None, str, Ringan | None, datetime | None]:
            t = time.perf_counter()
            try:
                return self._masuk(username, password, kemajuan)
            finally:
                self.hash_seconds = time.perf_counter() - t

        masuk.kemajuan = True  # type: ignore[attr-defined]  # it says when it converts or re-encrypts
        return masuk

    def _masuk(self, username: str, password: str, kemajuan: Progress | None = None
               ) -> tuple[Services | None, Actor, str | None, str, Ringan | None, datetime | None]:
        """Worker thread: unlock an encrypted database, check the account — on the light connection when this
        is a clean sign-in, else through ``AkunService.authenticate`` (every failure: counters, lockout,
        audit) — and convert a plaintext one (full path)."""
        services, ringan = self.services, self.ringan
        if services is None and ringan is None and self.db_path is not None and kunci_db.perlu_masuk(self.db_path):
            kunci_db.buka(self.db_path, username, password)
            ringan = buka_ringan(self.db_path)
        konversi = self.enkripsi and self.buka is not None and self.db_path is not None and (
            bool(kunci_db.polos(self.db_path)) or kunci_db.perlu_perbarui(self.db_path))  # convert, or re-encrypt
        if konversi and ringan is not None:  # converting needs the file to itself: the full path, now and after
            ringan.tutup()
            self.ringan = ringan = None
        if services is None and ringan is not None:
            waktu = datetime.now(UTC)
            try:
                with ringan.pakai() as conn:
                    akun = periksa_masuk(conn, username, password, waktu)
            except Exception:  # noqa: BLE001 - an unreadable account row: the full path reports it
                akun = None
            if akun is not None:
                actor = Actor(username=akun.username, device_id=ringan.device.id, device_name=ringan.device.name,
                              user_id=akun.id, nama=akun.nama, roles=akun.roles)
                return None, actor, None, "", ringan, waktu
        if ringan is not None and ringan is not self.ringan:
            ringan.tutup()  # opened here for an encrypted file; the full path takes over
        if services is None:
            assert self.db_path is not None
            if kunci_db.perlu_masuk(self.db_path):
                kunci_db.buka(self.db_path, username, password)
            services = (self.buka or _buka_layanan)(self.db_path)
            try:
                actor = services.akun.authenticate(username, password)
            except BaseException:
                services.close()
                raise
        else:
            actor = services.akun.authenticate(username, password)
        kode, peringatan = None, ""
        if self.enkripsi and self.buka is not None:
            if konversi and kemajuan is not None:  # minutes for a large register: the progress window says why
                if services.store.kunci is not None:
                    kemajuan.start(0, "Memperbarui enkripsi database ke pengaturan terbaru…")
                elif R.can(actor, R.AKUN_KELOLA):
                    kemajuan.start(0, "Mengenkripsi database…")
            services, kode, peringatan = enkripsi_setelah_masuk(services, actor, username, password, self.buka)
        return services, actor, kode, peringatan, None, None

    def sesudah_simpan(self, hasil: Any) -> None:
        self.services, self.actor, self.kode_pemulihan, self.peringatan, ringan, self.waktu_masuk = hasil
        if self.services is not None and self.ringan is not None:
            self.ringan.tutup()  # signed in through the full path: the light connection is not needed
        self.ringan = ringan

    def sesudah_gagal(self, exc: BaseException) -> None:
        self.password.selectAll()
        self.password.setFocus()


class KunciPemulihanDialog(DialogDasar):
    """The recovery key, shown once: to be written down or printed and kept away from the laptop."""

    LEBAR = 560

    def __init__(self, kode: str, parent: QWidget | None = None) -> None:
        super().__init__("Kunci pemulihan — PPID Desktop", parent, tombol_simpan="Lanjut", tombol_batal=None)
        self.kode = kode
        self.kepala(self.tr("Catat kunci pemulihan database"), self.tr(
            "Database di laptop ini kini terenkripsi: tanpa kata sandi akun, isinya tidak terbaca bila laptop "
            "atau berkasnya hilang. Bila kata sandi Admin terlupa, hanya kunci di bawah ini yang dapat "
            "membukanya (perintah: ppid pulihkan-kunci). Kunci ini hanya ditampilkan sekali: tulis atau "
            "cetak, lalu simpan di tempat aman yang terpisah dari laptop."), "")
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
        self.baris_penuh(self.label)
        self.salin = QPushButton(self.tr("Salin ke papan klip"))
        self.salin.clicked.connect(lambda: QApplication.clipboard().setText(kode))
        baris = QHBoxLayout()
        baris.addStretch(1)
        baris.addWidget(self.salin)
        baris.addStretch(1)
        self.form.addRow(baris)
        self.sudah = self.baris_penuh(QCheckBox(self.tr("Saya sudah mencatat kunci pemulihan ini di tempat aman")))
        self.ok = self.simpan_btn
        self.ok.setEnabled(False)
        self.sudah.toggled.connect(self.ok.setEnabled)

    def periksa(self) -> bool:
        return bool(self.sudah.isChecked())

    def kirim(self) -> None:
        return None  # nothing to save: "Lanjut" closes once the key is noted

    def reject(self) -> None:
        if self.sudah.isChecked():  # Esc closes only once the key is noted
            super().reject()


class FirstRunDialog(DialogDasar):
    """First start: the office profile and the first Admin account, or demo data. The account is checked
    before the profile is written (a bad account writes nothing); the work (argon2) runs off the GUI thread."""

    DEMO = 2
    LEBAR = 620
    JUDUL_KERJA = "Menyiapkan akun Admin…"

    def __init__(self, services: Services, parent: QWidget | None = None, *, tasks: TaskRunner | None = None) -> None:
        super().__init__("Selamat datang — PPID Desktop", parent, tombol_simpan="Simpan dan mulai", tasks=tasks)
        self.services = services
        self.actor: Actor | None = None
        self.kepala(self.tr("Selamat datang di PPID Desktop"), self.tr(
            "Isi profil instansi untuk kop surat dan buat akun Admin pertama. Semua data tersimpan di "
            "laptop ini dan dapat diubah nanti di Data Master. Ingin melihat-lihat dulu? Pilih "
            "“Coba dengan data demo”: database demo terpisah akan dibuka."))

        box = QGroupBox(self.tr("Profil instansi"))
        f = QFormLayout(box)
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
        self.baris_penuh(box)

        box2 = QGroupBox(self.tr("Akun Admin pertama"))
        f2 = QFormLayout(box2)
        self.username = QLineEdit("admin")
        self.nama = QLineEdit()
        self.password = _sandi()
        self.password2 = _sandi()
        f2.addRow(self.tr("Nama pengguna"), self.username)
        f2.addRow(self.tr("Nama lengkap"), self.nama)
        f2.addRow(self.tr("Kata sandi (min. 8)"), self.password)
        f2.addRow(self.tr("Ulangi kata sandi"), self.password2)
        self.fields.update({"username": self.username, "nama": self.nama, "password": self.password})
        self.baris_penuh(box2)

        self.demo_btn = self.buttons.addButton(self.tr("Coba dengan data demo"), QDialogButtonBox.ButtonRole.ResetRole)
        self.demo_btn.clicked.connect(lambda: self.done(self.DEMO))
        self.save_btn = self.simpan_btn

    def periksa(self) -> bool:
        if self.password.text() != self.password2.text():
            self.feedback.show_exception(ValidationError({"password": self.tr("Kedua kata sandi tidak sama.")}),
                                         self.fields)
            return False
        return True

    def kirim(self) -> Callable[[], Actor]:
        profil = {
            "pemerintah": self.pemerintah.text().upper(), "perangkat_daerah": self.perangkat.text().upper(),
            "alamat": self.alamat.text(), "kota": self.kota.text(), "telepon": self.telepon.text(),
            "email": self.email.text(), "kertas": self.kertas.currentText(), "font": "Arial",
        }
        username, nama, password = self.username.text(), self.nama.text(), self.password.text()
        services = self.services

        def buat() -> Actor:
            from ppid_desktop.akun.service import check_new_user

            # Check the account before writing the profile, so a bad account writes nothing.
            check_new_user(username, nama, password, [R.ADMIN], siapa="Admin")
            services.master.simpan_profil(services.system(), IsianProfil.dari(profil))
            services.akun.create_user(None, username, nama, password, [R.ADMIN])
            return services.akun.authenticate(username, password)

        return buat

    def sesudah_simpan(self, hasil: Any) -> None:
        self.actor = hasil


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


class LayarKunci(DialogDasar):
    """The lock screen: only the signed-in account's password opens the app again (wrong passwords
    count towards the account lockout like any sign-in, checked on the task runner); "Keluar akun" (or Esc)
    signs out instead."""

    LEBAR = 420
    JUDUL_KERJA = "Memeriksa kata sandi…"

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None, *,
                 tasks: TaskRunner | None = None) -> None:
        super().__init__("Aplikasi dikunci — PPID Desktop", parent, tombol_simpan="Buka",
                         tombol_batal="Keluar akun", tasks=tasks)
        self.services = services
        self.actor = actor
        self.kepala(self.tr("Aplikasi dikunci"),
                    self.tr("PPID Desktop dikunci karena lama tidak dipakai. Masukkan kata sandi %s untuk "
                            "melanjutkan.") % (actor.nama or actor.username), "")
        self.password = self.baris("", "Kata sandi", _sandi(self.tr("kata sandi")))
        self.ok = self.simpan_btn
        assert self.batal_btn is not None
        self.keluar = self.batal_btn

    def kirim(self) -> Callable[[], Actor]:
        username, password, akun = self.actor.username, self.password.text(), self.services.akun
        return lambda: akun.authenticate(username, password)

    def sesudah_gagal(self, exc: BaseException) -> None:
        self.password.selectAll()
