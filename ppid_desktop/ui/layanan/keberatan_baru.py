"""Keberatan baru tanpa permohonan (UU 14/2008 Pasal 35 ayat (1) huruf b–g): the pemohon's own identity, the
grounds, the case and, when the 30 working days run from another day, that day and why.

A keberatan of a registered request (ground a included) is recorded from the request's detail ("Ajukan
keberatan"); this dialog says so. Saving runs ``layanan.catat_keberatan_mandiri`` through ``operasi``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QCheckBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from ppid_desktop.layanan import rules as RU  # noqa: N812
from ppid_desktop.layanan.keberatan import HURUF_MANDIRI, KeberatanMandiri
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.dialog import DialogFormulir
from ppid_desktop.ui.widgets import make_date_edit, qdate_to_date, ukuran_pas


def _sebaris(*widgets: QWidget) -> QWidget:
    """Widgets side by side in one form row."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    for w in widgets:
        row.addWidget(w, 0 if isinstance(w, QCheckBox) else 1)
    return box


class KeberatanBaru(DialogFormulir):
    ROOMS = {"layanan"}
    LEBAR = 680

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Keberatan baru tanpa permohonan", parent)
        catatan = QLabel(self.tr("Untuk keberatan atas permohonan yang terdaftar (termasuk penolakan, huruf a), "
                                 "buka permohonannya lalu pilih \u201cAjukan keberatan\u201d."))
        catatan.setWordWrap(True)
        self.form.addRow(catatan)
        hari_ini = ctx.services.layanan.clock()
        self.tanggal = self.baris("tanggal_diterima", "Tanggal diterima", make_date_edit(hari_ini))
        self.nama = self.baris("nama", "Nama pemohon", QLineEdit())
        self.nik = self.baris("nik", "NIK", QLineEdit())
        self.nik.setPlaceholderText(self.tr("16 digit sesuai KTP"))
        self.nik.setMaxLength(32)
        self.alamat = self.baris("alamat", "Alamat", QLineEdit())
        self.pekerjaan = self.baris("pekerjaan", "Pekerjaan", QLineEdit())
        self.telepon, self.email = QLineEdit(), QLineEdit()
        self.telepon.setPlaceholderText(self.tr("Telepon"))
        self.email.setPlaceholderText(self.tr("E-mail"))
        self.form.addRow(self.tr("Telepon / e-mail"), _sebaris(self.telepon, self.email))
        self.fields["telepon"], self.fields["email"] = self.telepon, self.email
        self.kuasa, self.nama_kuasa = QCheckBox(self.tr("Melalui kuasa:")), QLineEdit()
        self.nama_kuasa.setPlaceholderText(self.tr("nama penerima kuasa"))
        self.form.addRow(self.tr("Kuasa pemohon"), _sebaris(self.kuasa, self.nama_kuasa))
        self.fields["kuasa"], self.fields["nama_kuasa"] = self.kuasa, self.nama_kuasa
        self.alamat_kuasa = self.baris("alamat_kuasa", "Alamat kuasa", QLineEdit())
        self.kuasa.toggled.connect(self._kuasa)
        self._kuasa(False)
        kotak = QWidget()
        grid = QGridLayout(kotak)
        grid.setContentsMargins(0, 0, 0, 0)
        self.alasan: dict[str, QCheckBox] = {}
        for i, h in enumerate(HURUF_MANDIRI):
            cb = QCheckBox(f"{h}. {RU.PASAL_35[h]}")
            cb.setObjectName(f"alasan_{h}")
            grid.addWidget(cb, i, 0)
            self.alasan[h] = cb
        self.baris("alasan", "Alasan (Pasal 35 ayat (1))", kotak)
        self.kasus = self.baris("kasus_posisi", "Kasus posisi", QPlainTextEdit())
        self.kasus.setFixedHeight(60)
        self.pakai_dasar = QCheckBox(self.tr("Hitung sejak tanggal lain:"))
        self.dasar = make_date_edit(hari_ini)
        self.form.addRow(self.tr("Batas 30 hari kerja"), _sebaris(self.pakai_dasar, self.dasar))
        self.fields["tanggal_dasar"] = self.dasar
        self.alasan_dasar = self.baris("alasan_tanggal_dasar", "Alasan tanggal mulai hitung", QLineEdit())
        self.alasan_dasar.setPlaceholderText(self.tr("mis. hari pemohon mengetahui informasi berkala tidak diumumkan"))
        self.pakai_dasar.toggled.connect(self._dasar)
        self._dasar(False)

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        first = not self.property("_sized")
        super().showEvent(event)
        if first:  # the whole form when the screen has room (it scrolls otherwise)
            ukuran_pas(self, self.LEBAR, self._isi.sizeHint().height() + self.buttons.sizeHint().height() + 60)

    def _kuasa(self, on: bool) -> None:
        self.nama_kuasa.setEnabled(on)
        self.alamat_kuasa.setEnabled(on)

    def _dasar(self, on: bool) -> None:
        self.dasar.setEnabled(on)
        self.alasan_dasar.setEnabled(on)

    def data(self) -> dict[str, Any]:
        kuasa = self.kuasa.isChecked()
        return {
            "tanggal_diterima": qdate_to_date(self.tanggal.date()), "nama": self.nama.text(),
            "nik": self.nik.text().replace(" ", ""), "alamat": self.alamat.text(), "pekerjaan": self.pekerjaan.text(),
            "telepon": self.telepon.text(), "email": self.email.text(), "kuasa": kuasa,
            "nama_kuasa": self.nama_kuasa.text() if kuasa else "",
            "alamat_kuasa": self.alamat_kuasa.text() if kuasa else "",
            "alasan": tuple(h for h, cb in self.alasan.items() if cb.isChecked()),
            "kasus_posisi": self.kasus.toPlainText(),
            "tanggal_dasar": qdate_to_date(self.dasar.date()) if self.pakai_dasar.isChecked() else None,
            "alasan_tanggal_dasar": self.alasan_dasar.text() if self.pakai_dasar.isChecked() else "",
        }

    def kirim(self) -> Callable[[], Any]:
        m = KeberatanMandiri.dari_dict(self.data())
        ctx = self.ctx
        return lambda: ctx.services.layanan.catat_keberatan_mandiri(ctx.actor, m)
