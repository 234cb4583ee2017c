"""Pulihkan dari cadangan (issue #9): restore a backup archive into a database file, also one made on another
laptop from an encrypted database.

The dialog asks for the archive, the target database (never the one open now) and, when the archive holds an
encrypted database, how to open its key file: an account of *that* database and its password (the signed-in
account's name is filled in: the usual case is the same office) or the recovery key shown when it was
encrypted. ``sinkron.backup.restore`` does the work on the task runner with a progress dialog; every problem
(wrong password, a locked entry, a damaged archive, a target in use) is its Indonesian message in the
dialog's feedback box, and nothing is written before the archive and the key were checked.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ppid_desktop.core.errors import ValidationError
from ppid_desktop.core.progress import Progress
from ppid_desktop.sinkron.backup import KEYFILE_MEMBER, restore
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.dialog import DialogFormulir
from ppid_desktop.ui.operasi import operasi
from ppid_desktop.ui.tasks import Task
from ppid_desktop.ui.widgets import info


def cadangan_terenkripsi(path: Path) -> bool | None:
    """Whether the archive at ``path`` carries an encrypted database (its key file); None when it cannot be
    read as an archive (``restore`` then says exactly what is wrong). Reads the zip's directory only."""
    try:
        with zipfile.ZipFile(path) as zf:
            return KEYFILE_MEMBER in zf.namelist()
    except (OSError, zipfile.BadZipFile, ValueError):
        return None


def _baris_berkas(edit: QLineEdit, tombol: QPushButton) -> QWidget:
    w = QWidget()
    lay = QHBoxLayout(w)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.addWidget(edit, 1)
    lay.addWidget(tombol)
    return w


class PulihkanDialog(DialogFormulir):
    """Pick the archive, the target, then (for an encrypted archive) an account + password or the recovery key."""

    ROOMS: ClassVar[set[str]] = set()  # the open database is not touched
    LEBAR = 640
    JUDUL_KERJA = "Memulihkan…"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Pulihkan dari cadangan", parent, tombol_simpan="Pulihkan")
        self.kepala(self.tr("Pulihkan dari cadangan"), self.tr(
            "Cadangan dipulihkan ke berkas database baru; database yang sedang dibuka tidak diubah. Cadangan "
            "dari database terenkripsi (misalnya dari laptop lain) dibuka dengan akun database itu dan kata "
            "sandinya, atau dengan kunci pemulihannya."))
        self.berkas = QLineEdit()
        self.berkas.setPlaceholderText(self.tr("berkas .ppidbak atau .zip"))
        self.pilih_berkas = QPushButton(self.tr("Pilih…"))
        self.baris("berkas", "Berkas cadangan", _baris_berkas(self.berkas, self.pilih_berkas))
        self.fields["berkas"] = self.berkas
        self.tujuan = QLineEdit(str(Path(ctx.services.store.path).with_name("pulihan.sqlite")))
        self.pilih_tujuan = QPushButton(self.tr("Pilih…"))
        self.baris("tujuan", "Database tujuan", _baris_berkas(self.tujuan, self.pilih_tujuan))
        self.fields["tujuan"] = self.tujuan
        self.timpa = self.baris_penuh(QCheckBox(self.tr(
            "Timpa bila database tujuan sudah berisi data (salinan lamanya disimpan)")))

        self.kunci_box = QGroupBox(self.tr("Membuka cadangan terenkripsi"))
        kl = QVBoxLayout(self.kunci_box)
        self.status_kunci = QLabel(self.tr("Pilih berkas cadangan dahulu."))
        self.status_kunci.setWordWrap(True)
        kl.addWidget(self.status_kunci)
        self.pakai_akun = QRadioButton(self.tr("Dengan akun database itu dan kata sandinya"))
        self.pakai_kode = QRadioButton(self.tr("Dengan kunci pemulihan"))
        self.pakai_akun.setChecked(True)
        self._cara = QButtonGroup(self)
        self._cara.addButton(self.pakai_akun)
        self._cara.addButton(self.pakai_kode)
        kl.addWidget(self.pakai_akun)
        self.pengguna = QLineEdit(ctx.actor.username)
        self.pengguna.setPlaceholderText(self.tr("nama pengguna"))
        self.sandi = QLineEdit()
        self.sandi.setEchoMode(QLineEdit.EchoMode.Password)
        self.sandi.setPlaceholderText(self.tr("kata sandi akun itu"))
        akun = QHBoxLayout()
        akun.setContentsMargins(24, 0, 0, 0)
        akun.addWidget(self.pengguna, 1)
        akun.addWidget(self.sandi, 1)
        kl.addLayout(akun)
        kl.addWidget(self.pakai_kode)
        self.kode = QLineEdit()
        self.kode.setPlaceholderText("XXXXX-XXXXX-XXXXX-…")
        kode = QHBoxLayout()
        kode.setContentsMargins(24, 0, 0, 0)
        kode.addWidget(self.kode)
        kl.addLayout(kode)
        self.baris_penuh(self.kunci_box)
        self.fields.update({"pengguna": self.pengguna, "sandi": self.sandi, "kode": self.kode})

        self.terenkripsi: bool | None = None
        self.pilih_berkas.clicked.connect(self._pilih_berkas)
        self.pilih_tujuan.clicked.connect(self._pilih_tujuan)
        self.berkas.editingFinished.connect(self.periksa_berkas)
        self.pakai_akun.toggled.connect(lambda _on: self._atur_cara())
        self._atur_cara()

    # ------------------------------------------------------------------ picking
    def _pilih_berkas(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Pilih cadangan"), self.berkas.text(),
                                              self.tr("Cadangan PPID (*.ppidbak *.zip)"))
        if name:
            self.berkas.setText(name)
            self.periksa_berkas()

    def _pilih_tujuan(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Pulihkan ke database"), self.tujuan.text(),
                                              self.tr("Database (*.sqlite)"))
        if name:
            self.tujuan.setText(name)

    def periksa_berkas(self) -> None:
        """Read the archive's directory (on the task runner): an encrypted one asks for its key."""
        teks = self.berkas.text().strip()
        if not teks:
            return
        path = Path(teks).expanduser()
        self.ctx.tasks.run(lambda _p: cadangan_terenkripsi(path), title=self.tr("Memeriksa cadangan…"), parent=self,
                           cancellable=False, on_done=self._terperiksa)

    def _terperiksa(self, terenkripsi: bool | None) -> None:
        self.terenkripsi = terenkripsi
        self.status_kunci.setText(
            self.tr("Cadangan ini berisi database terenkripsi: isi kata sandi salah satu akunnya, atau kunci "
                    "pemulihannya.") if terenkripsi
            else self.tr("Cadangan ini tidak terenkripsi: tidak perlu kata sandi.") if terenkripsi is False
            else self.tr("Berkas ini belum dapat dibaca sebagai cadangan; pemulihan akan menjelaskan masalahnya."))
        self._atur_cara()

    def _atur_cara(self) -> None:
        perlu = self.terenkripsi is not False
        for w in (self.pakai_akun, self.pakai_kode):
            w.setEnabled(perlu)
        akun = perlu and self.pakai_akun.isChecked()
        self.pengguna.setEnabled(akun)
        self.sandi.setEnabled(akun)
        self.kode.setEnabled(perlu and self.pakai_kode.isChecked())
        self.pas_lebar()

    # ------------------------------------------------------------------ restoring
    def periksa(self) -> bool:
        problems = {}
        if not self.berkas.text().strip():
            problems["berkas"] = self.tr("Pilih berkas cadangan yang akan dipulihkan.")
        elif not Path(self.berkas.text().strip()).expanduser().is_file():
            problems["berkas"] = self.tr("Berkas cadangan %s tidak ditemukan.") % self.berkas.text().strip()
        tujuan = self.tujuan.text().strip()
        if not tujuan:
            problems["tujuan"] = self.tr("Tentukan berkas database tujuan.")
        elif Path(tujuan).expanduser().resolve() == Path(self.ctx.services.store.path).resolve():
            problems["tujuan"] = self.tr("Database tujuan adalah database yang sedang dibuka: pilih berkas lain.")
        if self.terenkripsi:
            if self.pakai_akun.isChecked() and not self.sandi.text():
                problems["sandi"] = self.tr("Isi kata sandi akun database di dalam cadangan.")
            if self.pakai_kode.isChecked() and not self.kode.text().strip():
                problems["kode"] = self.tr("Isi kunci pemulihan database di dalam cadangan.")
        if problems:
            self.feedback.show_exception(ValidationError(problems), self.fields)
            return False
        return True

    def kirim(self) -> Callable[[Progress], dict[str, Any]]:  # type: ignore[override]
        sumber = Path(self.berkas.text().strip()).expanduser()
        tujuan = Path(self.tujuan.text().strip()).expanduser()
        timpa = self.timpa.isChecked()
        perlu = self.terenkripsi is not False
        kredensial = ((self.pengguna.text().strip(), self.sandi.text())
                      if perlu and self.pakai_akun.isChecked() and self.sandi.text() else None)
        kode = self.kode.text().strip() if perlu and self.pakai_kode.isChecked() else None
        # a refusal of the key marks the field it came from; any other problem the archive field
        self.fields[""] = self.sandi if kredensial else self.kode if kode else self.berkas
        self._tujuan = tujuan
        return lambda progress: restore(sumber, tujuan, overwrite=timpa, progress=progress, kredensial=kredensial,
                                        kode_pemulihan=kode or None)

    def jalankan(self, call: Callable[..., Any], on_done: Callable[[Any], None],
                 on_error: Callable[[BaseException], None]) -> Task:
        """With progress and Batal (a large archive takes a while)."""
        return operasi(self.ctx, call, rooms=self.ROOMS, title=self.tr(self.JUDUL_KERJA), parent=self,
                       feedback=self.feedback, fields=self.fields, on_done=on_done, on_error=on_error, progres=True)

    def sesudah_simpan(self, hasil: Any) -> None:
        info(self.parentWidget(), self.tr(
            "Cadangan (revisi skema %s) dipulihkan ke %s. Database yang sedang dibuka tidak diubah; untuk "
            "memakai hasil pemulihan, jalankan PPID Desktop dengan --db %s.") % (hasil.get("revision"), self._tujuan,
                                                                                self._tujuan))
