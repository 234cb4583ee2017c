"""Sinkronisasi: backups and restores now; laptop-to-laptop sync packages in a later release."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QCheckBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ppid_desktop.akun import roles as R
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.widgets import Card, PageHeader, confirm, info


class SinkronPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 20, 24, 16)
        lay.addWidget(PageHeader(self.tr("Sinkronisasi & Cadangan"), self.tr(
            "Pindahkan data antarlaptop lewat berkas, tanpa server. Cadangan berisi salinan database yang "
            "konsisten beserta seluruh lampiran, dengan sidik SHA-256 untuk setiap berkas.")))
        card = Card(self.tr("Cadangan"))
        self.last = QLabel()
        self.last.setObjectName("hint")
        card.body.addWidget(self.last)
        self.with_keys = QCheckBox(self.tr(
            "Sertakan kunci enkripsi data pribadi (agar NIK dan scan KTP dapat dibuka setelah dipulihkan)"))
        self.with_keys.setChecked(True)
        card.body.addWidget(self.with_keys)
        row = QHBoxLayout()
        self.backup_btn = QPushButton(self.tr("Buat cadangan…"))
        self.backup_btn.setProperty("primary", True)
        self.restore_btn = QPushButton(self.tr("Pulihkan dari cadangan…"))
        self.restore_btn.setEnabled(ctx.can(R.AKUN_KELOLA))
        row.addWidget(self.backup_btn)
        row.addWidget(self.restore_btn)
        row.addStretch(1)
        card.body.addLayout(row)
        lay.addWidget(card)
        coming = Card(self.tr("Paket sinkronisasi (rilis berikutnya)"))
        for line in (
            self.tr("Paket terenkripsi berisi perubahan sejak sinkronisasi terakhir, dengan sidik integritas"),
            self.tr("Impor idempoten: rekaman yang sama tidak terduplikasi; konflik ditampilkan untuk diputuskan"),
            self.tr("Mode “pindahkan” atau “salin” untuk sesi monev dari laptop lapangan"),
        ):
            lbl = QLabel("•  " + line)
            lbl.setWordWrap(True)
            coming.body.addWidget(lbl)
        lay.addWidget(coming)
        lay.addStretch(1)
        self.backup_btn.clicked.connect(self.ask_backup)
        self.restore_btn.clicked.connect(self.ask_restore)

    def refresh(self) -> None:
        self.last.setText(self.tr("Database: %s") % self.ctx.services.store.path)

    def ask_backup(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Simpan cadangan"), f"cadangan-ppid-{datetime.now():%Y%m%d-%H%M}.ppidbak",
            self.tr("Cadangan PPID (*.ppidbak)"))
        if name:
            self.backup(Path(name))

    def backup(self, target: Path) -> None:
        from ppid_desktop.sinkron.backup import backup

        def done(result: Any) -> None:
            info(self, self.tr("Cadangan dibuat: %s (%d berkas).") % (result.path, result.files))

        keys = self.with_keys.isChecked()
        self.ctx.tasks.run(lambda p: backup(self.ctx.services.store, target, p, kunci=keys), title=self.tr("Membuat cadangan…"),
                           on_done=done, parent=self)

    def ask_restore(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Pilih cadangan"), "",
                                              self.tr("Cadangan PPID (*.ppidbak *.zip)"))
        if not name:
            return
        target, _ = QFileDialog.getSaveFileName(self, self.tr("Pulihkan ke database baru"), "pulihan.sqlite",
                                                self.tr("Database (*.sqlite)"))
        if target and confirm(self, self.tr("Pulihkan %s ke %s? Database yang sedang dibuka tidak diubah.") % (name, target)):
            from ppid_desktop.sinkron.backup import restore

            self.ctx.tasks.run(lambda p: restore(Path(name), Path(target), overwrite=False, progress=p),
                               title=self.tr("Memulihkan…"), parent=self,
                               on_done=lambda _m: info(self, self.tr("Dipulihkan ke %s. Buka dengan --db.") % target))

    def smoke(self) -> None:
        self.refresh()
