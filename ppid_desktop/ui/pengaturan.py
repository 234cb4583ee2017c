"""Pengaturan: this device, my password, the database's security settings (Admin: idle lock, import row
cap, encryption status), the audit log, where data lives."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ppid_desktop.akun import roles as R
from ppid_desktop.core.device import rename_device
from ppid_desktop.core.errors import UserError
from ppid_desktop.core.paths import data_dir
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.listmodel import Column, ListTableModel
from ppid_desktop.ui.operasi import operasi
from ppid_desktop.ui.widgets import FormFeedback, PageHeader, table_view

AKSI = {
    "create": "membuat", "update": "mengubah", "delete": "menghapus", "bulk_create": "membuat (massal)",
    "view": "melihat data pribadi", "export": "mengekspor", "print": "mencetak", "import": "mengimpor",
    "login": "masuk", "login_gagal": "gagal masuk", "batal": "membatalkan",
}


def nama_data(entity: str) -> str:
    """A table name as a reader would say it: ``monev_sanggah`` -> ``monev sanggah``."""
    return {"perangkat_daerah": "perangkat daerah", "hari_libur": "kalender", "profil_instansi": "profil instansi",
            "templat_nomor": "pola nomor", "surat_keluar": "surat keluar", "paraf_surat": "paraf surat",
            "pengguna": "akun pengguna"}.get(entity, entity.replace("_", " "))


class PengaturanPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 20, 24, 16)
        lay.addWidget(PageHeader(self.tr("Pengaturan"), self.tr("Perangkat ini, kata sandi Anda, keamanan database dan log audit.")))
        top = QHBoxLayout()
        dev = QGroupBox(self.tr("Perangkat"))
        df = QFormLayout(dev)
        self.device_name = QLineEdit(ctx.services.device.name)
        df.addRow(self.tr("Nama perangkat"), self.device_name)
        self.device_name.setToolTip(self.tr("ID perangkat untuk dukungan teknis: %1").replace("%1", ctx.services.device.id))
        df.addRow(self.tr("Folder data"), QLabel(str(data_dir())))
        df.addRow(self.tr("Database"), QLabel(str(ctx.services.store.path)))
        save_dev = QPushButton(self.tr("Simpan nama perangkat"))
        save_dev.clicked.connect(self.save_device)
        df.addRow(save_dev)
        top.addWidget(dev)
        pw = QGroupBox(self.tr("Ganti kata sandi"))
        pf = QFormLayout(pw)
        self.old = QLineEdit()
        self.new = QLineEdit()
        self.new2 = QLineEdit()
        for e in (self.old, self.new, self.new2):
            e.setEchoMode(QLineEdit.EchoMode.Password)
        pf.addRow(self.tr("Kata sandi lama"), self.old)
        pf.addRow(self.tr("Kata sandi baru"), self.new)
        pf.addRow(self.tr("Ulangi kata sandi baru"), self.new2)
        self.feedback = FormFeedback()
        pf.addRow(self.feedback)
        change = QPushButton(self.tr("Ganti kata sandi"))
        change.clicked.connect(self.change_password)
        pf.addRow(change)
        top.addWidget(pw)
        top.addWidget(self._keamanan())
        lay.addLayout(top)
        self.semua_log = ctx.can(R.AKUN_KELOLA)  # a petugas sees their own entries, the admin everyone's
        box = QGroupBox(self.tr("Log audit (200 kejadian terakhir)") if self.semua_log else
                        self.tr("Log audit: kegiatan Anda (200 kejadian terakhir)"))
        bl = QVBoxLayout(box)
        self.model: ListTableModel[Any] = ListTableModel([
            Column(self.tr("Waktu"), lambda a: a.at.astimezone().strftime("%d-%m-%Y %H:%M:%S")),
            Column(self.tr("Pengguna"), lambda a: a.username),
            Column(self.tr("Aksi"), lambda a: AKSI.get(a.action, a.action)),
            Column(self.tr("Data"), lambda a: nama_data(a.entity)),
            Column(self.tr("Keterangan"), lambda a: a.summary),
        ])
        self.table = table_view(self.model)
        bl.addWidget(self.table)
        lay.addWidget(box, 1)

    def _keamanan(self) -> QGroupBox:
        """Idle lock and import row cap of this database: shown to all, changed by an Admin only."""
        from ppid_desktop.akun import service as S  # noqa: N812

        akun = self.ctx.services.akun
        box = QGroupBox(self.tr("Keamanan database"))
        f = QFormLayout(box)
        self.kunci_menit = QSpinBox()
        self.kunci_menit.setRange(0, S.KUNCI_MENIT_MAKS)
        self.kunci_menit.setSuffix(self.tr(" menit"))
        self.kunci_menit.setSpecialValueText(self.tr("tidak pernah"))
        self.kunci_menit.setValue(akun.kunci_menit())
        self.kunci_menit.setToolTip(self.tr("Aplikasi terkunci setelah sekian menit tanpa ketikan atau gerakan tetikus."))
        self.batas_baris = QSpinBox()
        self.batas_baris.setRange(S.BATAS_BARIS_MIN, S.BATAS_BARIS_MAKS)
        self.batas_baris.setSingleStep(10_000)
        self.batas_baris.setGroupSeparatorShown(True)
        self.batas_baris.setLocale(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))  # 100.000
        self.batas_baris.setSuffix(self.tr(" baris"))
        self.batas_baris.setValue(akun.batas_baris_impor())
        self.batas_baris.setToolTip(self.tr("Impor Excel menolak tabel yang lebih panjang (memori tetap terbatas)."))
        f.addRow(self.tr("Kunci otomatis"), self.kunci_menit)
        f.addRow(self.tr("Batas baris impor"), self.batas_baris)
        enc = self.ctx.services.store.kunci is not None
        self.status_enkripsi = QLabel(self.tr("terenkripsi (SQLCipher)") if enc else self.tr("TIDAK terenkripsi"))
        f.addRow(self.tr("Database"), self.status_enkripsi)
        self.feedback_keamanan = FormFeedback()
        f.addRow(self.feedback_keamanan)
        self.simpan_keamanan = QPushButton(self.tr("Simpan pengaturan keamanan"))
        self.simpan_keamanan.clicked.connect(self.save_keamanan)
        f.addRow(self.simpan_keamanan)
        boleh = self.ctx.can(R.AKUN_KELOLA)
        for w in (self.kunci_menit, self.batas_baris, self.simpan_keamanan):
            w.setEnabled(boleh)
        if not boleh:
            self.simpan_keamanan.setToolTip(self.tr("Hanya Admin yang dapat mengubah pengaturan keamanan."))
        return box

    def save_keamanan(self) -> None:
        akun, actor = self.ctx.services.akun, self.ctx.actor
        kunci, batas = self.kunci_menit.value(), self.batas_baris.value()
        operasi(self.ctx, lambda: akun.atur_keamanan(actor, kunci_menit=kunci, batas_baris_impor=batas),
                rooms={"akun"}, parent=self, feedback=self.feedback_keamanan,
                fields={"kunci_menit": self.kunci_menit, "batas_baris_impor": self.batas_baris},
                on_done=lambda _r: self.ctx.status(
                    self.tr("Pengaturan keamanan disimpan (kunci otomatis berlaku sejak masuk berikutnya).")))

    def refresh(self) -> None:
        rows = self.ctx.services.akun.audit_terbaru(200 if self.semua_log else 2000)
        if not self.semua_log:
            rows = [a for a in rows if a.username == self.ctx.actor.username][:200]
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()

    def save_device(self) -> None:
        dev = rename_device(self.device_name.text())
        self.ctx.status(self.tr("Nama perangkat: %s (berlaku setelah aplikasi dibuka ulang).") % dev.name)

    def change_password(self) -> None:
        self.feedback.clear_problems()
        if self.new.text() != self.new2.text():
            self.feedback.show_exception(UserError(self.tr("Kedua kata sandi baru tidak sama.")), {"": self.new2})
            return
        akun, actor, lama, baru = self.ctx.services.akun, self.ctx.actor, self.old.text(), self.new.text()
        operasi(self.ctx, lambda: akun.change_password(actor, actor.username, lama, baru), rooms={"akun"},
                title="Mengganti kata sandi…", parent=self, feedback=self.feedback,
                fields={"password": self.new, "password_lama": self.old}, on_done=self._sandi_diganti)

    def _sandi_diganti(self, _result: object) -> None:
        for e in (self.old, self.new, self.new2):
            e.clear()
        self.ctx.status(self.tr("Kata sandi diganti."))

    def smoke(self) -> None:
        self.refresh()
