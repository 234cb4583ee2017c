"""Form dialogs of the layanan page: the request entry form (new and "Ubah data") and small dialogs
built from field specs (decision, extension, keberatan, Atasan answer, …)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ppid_desktop.core.errors import UserError
from ppid_desktop.layanan import rules as RU  # noqa: N812
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.widgets import FormFeedback, make_date_edit, qdate_to_date

TINGGI_PANJANG = 66
"""Height of the multi-line fields (rincian, tujuan, kasus posisi): about three lines."""


def teks_panjang(awal: str = "", tinggi: int = TINGGI_PANJANG) -> QPlainTextEdit:
    """A multi-line field that keeps its height: the application style sheet gives every input a
    ``min-height`` that wins over ``setFixedHeight`` (the field collapsed to one line, or overlapped the
    next row), so the height is set in the widget's own style sheet, which takes precedence and which
    the layout honours."""
    w = QPlainTextEdit(awal)
    w.setObjectName("isianPanjang")
    w.setTabChangesFocus(True)
    w.setStyleSheet(f"QPlainTextEdit#isianPanjang {{ min-height: {tinggi}px; max-height: {tinggi}px; }}")
    return w


@dataclass
class Isian:
    key: str
    label: str
    jenis: str = "teks"  # teks | panjang | pilihan | huruf | tanggal | tanggal_opsional | angka | centang
    pilihan: dict[str, str] = field(default_factory=dict)
    awal: Any = None


class FormDialog(QDialog):
    """Fields from ``Isian`` specs; ``submit(values) -> Any`` runs on OK; a ``UserError`` keeps the dialog
    open and shows the problems beside the fields (the record is unchanged)."""

    def __init__(self, title: str, isian: list[Isian], submit: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.submit = submit
        self.result_value: Any = None
        self.widgets: dict[str, Any] = {}
        lay = QVBoxLayout(self)
        form = QFormLayout()
        for f in isian:
            w = self._make(f)
            self.widgets[f.key] = w
            form.addRow(f.label, w)
        lay.addLayout(form)
        self.feedback = FormFeedback(self)
        lay.addWidget(self.feedback)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.simpan)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        lay.addWidget(buttons)
        self.isian = isian

    def _make(self, f: Isian) -> Any:
        if f.jenis == "panjang":
            return teks_panjang(str(f.awal or ""), 70)
        if f.jenis == "pilihan":
            w = QComboBox()
            for k, v in f.pilihan.items():
                w.addItem(v, k)
            if f.awal is not None:
                w.setCurrentIndex(max(0, w.findData(f.awal)))
            return w
        if f.jenis == "huruf":
            box = QWidget()
            grid = QGridLayout(box)
            grid.setContentsMargins(0, 0, 0, 0)
            box.checks = {}  # type: ignore[attr-defined]
            for i, (k, v) in enumerate(f.pilihan.items()):
                c = QCheckBox(f"{k}. {v}")
                c.setChecked(k in (f.awal or ()))
                box.checks[k] = c  # type: ignore[attr-defined]
                grid.addWidget(c, i // 2, i % 2)
            return box
        if f.jenis == "tanggal":
            return make_date_edit(f.awal or date.today())
        if f.jenis == "tanggal_opsional":  # a check box turns the date on (None when unchecked)
            box = QWidget()
            row = QHBoxLayout(box)
            row.setContentsMargins(0, 0, 0, 0)
            box.aktif = QCheckBox()  # type: ignore[attr-defined]
            box.aktif.setChecked(f.awal is not None)  # type: ignore[attr-defined]
            box.tanggal = make_date_edit(f.awal or date.today())  # type: ignore[attr-defined]
            box.tanggal.setEnabled(f.awal is not None)  # type: ignore[attr-defined]
            box.aktif.toggled.connect(box.tanggal.setEnabled)  # type: ignore[attr-defined]
            row.addWidget(box.aktif)  # type: ignore[attr-defined]
            row.addWidget(box.tanggal, 1)  # type: ignore[attr-defined]
            return box
        if f.jenis == "angka":
            w = QSpinBox()
            w.setRange(0, 100_000_000)
            w.setValue(int(f.awal or 0))
            return w
        if f.jenis == "centang":
            w = QCheckBox()
            w.setChecked(bool(f.awal))
            return w
        return QLineEdit(str(f.awal or ""))

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in self.isian:
            w = self.widgets[f.key]
            if f.jenis == "panjang":
                out[f.key] = w.toPlainText()
            elif f.jenis == "pilihan":
                out[f.key] = w.currentData()
            elif f.jenis == "huruf":
                out[f.key] = [k for k, c in w.checks.items() if c.isChecked()]
            elif f.jenis == "tanggal":
                out[f.key] = qdate_to_date(w.date())
            elif f.jenis == "tanggal_opsional":
                out[f.key] = qdate_to_date(w.tanggal.date()) if w.aktif.isChecked() else None
            elif f.jenis == "angka":
                out[f.key] = w.value()
            elif f.jenis == "centang":
                out[f.key] = w.isChecked()
            else:
                out[f.key] = w.text()
        return out

    def simpan(self) -> None:
        try:
            self.result_value = self.submit(self.values())
        except UserError as exc:
            self.feedback.show_exception(exc, self.widgets)
            return
        self.accept()


class PermohonanForm(QDialog):
    """Keyboard-friendly entry of a request from any channel, and its correction ("Ubah data") when
    ``permohonan_id`` is given; errors shown beside the fields. The fields sit in a scroll area so the
    dialog fits a 1366×768 screen with its taskbar; the badan-hukum and proxy fields show only when they
    apply. In edit mode the NIK box stays empty (the stored NIK is never shown here): typing one replaces
    it; the history records each change with the NIK masked."""

    LABELS = {
        "tanggal_diterima": "Tanggal diterima", "saluran": "Saluran", "jenis_pemohon": "Jenis pemohon",
        "nama": "Nama pemohon / badan hukum", "nik": "NIK", "no_sk_badan_hukum": "No. SK badan hukum",
        "kuasa": "", "nama_kuasa": "Nama penerima kuasa", "alamat": "Alamat", "pekerjaan": "Pekerjaan",
        "telepon": "Telepon", "email": "E-mail", "rincian": "Rincian informasi", "tujuan": "Tujuan penggunaan",
        "cara_memperoleh": "Cara memperoleh", "cara_salinan": "Cara mendapatkan salinan",
        "opd_id": "OPD / PPID Pelaksana",
    }

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, permohonan_id: str | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.created: Any = None
        self.updated: Any = None
        self.permohonan_id = permohonan_id
        p = ctx.services.layanan.get(permohonan_id) if permohonan_id else None
        self.setWindowTitle(self.tr("Ubah data permohonan %1").replace("%1", p.nomor) if p
                            else self.tr("Permohonan informasi baru"))
        lay = QVBoxLayout(self)
        body = QWidget()
        form = QFormLayout(body)
        self.form = form
        self.w: dict[str, Any] = {}

        def combo(table: dict[str, str]) -> QComboBox:
            c = QComboBox()
            for k, v in table.items():
                c.addItem(v, k)
            return c

        self.w["tanggal_diterima"] = make_date_edit(ctx.services.layanan.clock())
        self.w["saluran"] = combo(RU.SALURAN)
        self.w["jenis_pemohon"] = combo(RU.JENIS_PEMOHON)
        self.w["nama"] = QLineEdit()
        self.w["nik"] = QLineEdit()
        self.w["nik"].setPlaceholderText(self.tr("16 digit sesuai KTP"))
        self.w["no_sk_badan_hukum"] = QLineEdit()
        self.w["kuasa"] = QCheckBox(self.tr("Diajukan melalui kuasa (surat kuasa khusus)"))
        self.w["nama_kuasa"] = QLineEdit()
        self.w["alamat"] = QLineEdit()
        self.w["pekerjaan"] = QLineEdit()
        self.w["telepon"] = QLineEdit()
        self.w["email"] = QLineEdit()
        self.w["rincian"] = teks_panjang()
        self.w["tujuan"] = teks_panjang()
        self.w["cara_memperoleh"] = combo(RU.CARA_MEMPEROLEH)
        self.w["cara_salinan"] = combo(RU.CARA_SALINAN)
        self.w["opd_id"] = QComboBox()
        self.w["opd_id"].addItem(self.tr("(belum ditentukan)"), None)
        for o in ctx.services.master.list_opd(include_inactive=False, jenis_unit="perangkat_daerah"):
            self.w["opd_id"].addItem(o.nama, o.id)
        for key, label in self.LABELS.items():
            form.addRow(self.tr(label), self.w[key])
        # attachments (stored encrypted): KTP scan, surat kuasa, the letter itself — new requests only
        # (the detail dialog adds attachments to a saved one)
        self.lampiran: dict[str, QLineEdit] = {}
        if p is None:
            for jenis, label in (("ktp", "Scan KTP"), ("surat_kuasa", "Surat kuasa"), ("surat", "Surat permohonan")):
                row = QHBoxLayout()
                edit = QLineEdit()
                edit.setReadOnly(True)
                edit.setPlaceholderText(self.tr("(tidak ada berkas)"))
                btn = QPushButton(self.tr("Pilih…"))
                btn.setObjectName(f"pilih_{jenis}")
                btn.clicked.connect(lambda _=False, j=jenis: self.pilih_lampiran(j))
                hapus = QPushButton(self.tr("Hapus"))
                hapus.clicked.connect(lambda _=False, e=edit: e.clear())
                row.addWidget(edit, 1)
                row.addWidget(btn)
                row.addWidget(hapus)
                self.lampiran[jenis] = edit
                form.addRow(self.tr(label), row)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        lay.addWidget(scroll, 1)
        if p is not None:
            note = QLabel(self.tr("Surat yang sudah ditandatangani tetap memuat data seperti saat dicetak; "
                                  "perubahan dicatat di riwayat permohonan."))
            note.setObjectName("hint")
            note.setWordWrap(True)
            lay.addWidget(note)
        self.feedback = FormFeedback(self)
        lay.addWidget(self.feedback)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.simpan)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.w["jenis_pemohon"].currentIndexChanged.connect(lambda _i: self._sesuaikan())
        self.w["kuasa"].toggled.connect(lambda _b: self._sesuaikan())
        if p is not None:
            self._isi(p)
        self._sesuaikan()
        # 1366x768 minus a 40-px taskbar and the title bar: never taller than about 690 px
        self.resize(720, 660)
        self.w["nama"].setFocus()

    def _isi(self, p: Any) -> None:
        w = self.w
        w["tanggal_diterima"].setDate(QDate(p.tanggal_diterima.year, p.tanggal_diterima.month, p.tanggal_diterima.day))
        w["tanggal_diterima"].setEnabled(p.status in RU.STATUS_TERBUKA)
        for key in ("saluran", "jenis_pemohon", "cara_memperoleh", "cara_salinan", "opd_id"):
            w[key].setCurrentIndex(max(0, w[key].findData(getattr(p, key))))
        for key in ("nama", "no_sk_badan_hukum", "nama_kuasa", "alamat", "pekerjaan", "telepon", "email"):
            w[key].setText(getattr(p, key) or "")
        w["kuasa"].setChecked(bool(p.kuasa))
        w["rincian"].setPlainText(p.rincian)
        w["tujuan"].setPlainText(p.tujuan)
        w["nik"].setPlaceholderText(self.tr("tersimpan: %1 — isi hanya untuk menggantinya").replace(
            "%1", p.nik_mask or "-"))
        self._awal = self.data()

    def _sesuaikan(self) -> None:
        """Show the badan-hukum number only for a legal entity, the proxy's name only with a proxy."""
        badan = self.w["jenis_pemohon"].currentData() == "badan_hukum"
        self.form.setRowVisible(self.w["no_sk_badan_hukum"], badan)
        self.form.setRowVisible(self.w["nama_kuasa"], self.w["kuasa"].isChecked())

    def data(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k, w in self.w.items():
            if isinstance(w, QComboBox):
                out[k] = w.currentData()
            elif isinstance(w, QPlainTextEdit):
                out[k] = w.toPlainText()
            elif isinstance(w, QCheckBox):
                out[k] = w.isChecked()
            elif isinstance(w, QLineEdit):
                out[k] = w.text()
            else:
                out[k] = qdate_to_date(w.date())
        if out.get("jenis_pemohon") != "badan_hukum":
            out["no_sk_badan_hukum"] = ""
        if not out.get("kuasa"):
            out["nama_kuasa"] = ""
        return out

    def pilih_lampiran(self, jenis: str) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self, self.tr("Pilih berkas lampiran"), "",
                                              self.tr("Dokumen (*.pdf *.jpg *.jpeg *.png);;Semua berkas (*)"))
        if path:
            self.lampiran[jenis].setText(path)

    def berkas_lampiran(self) -> list[tuple[str, Path]]:
        return [(j, Path(e.text())) for j, e in self.lampiran.items() if e.text().strip()]

    def simpan(self) -> None:
        lay = self.ctx.services.layanan
        if self.permohonan_id:
            data = self.data()
            if not data["nik"].strip():
                data.pop("nik")  # empty in edit mode: keep the stored NIK
            data = {k: v for k, v in data.items() if k == "nik" or self._awal.get(k) != v}
            if not self.w["tanggal_diterima"].isEnabled():
                data.pop("tanggal_diterima", None)
            try:
                self.updated = lay.update_permohonan(self.ctx.actor, self.permohonan_id, data)
            except UserError as exc:
                self.feedback.show_exception(exc, self.w)
                return
            self.ctx.status(self.tr("Data permohonan %1 diubah").replace("%1", self.updated.nomor))
            self.accept()
            return
        files = self.berkas_lampiran()
        hilang = [str(p) for _j, p in files if not p.is_file()]
        if hilang:
            self.feedback.show_exception(UserError(self.tr("Berkas lampiran tidak ditemukan: %1").replace("%1", ", ".join(hilang))))
            return
        try:
            self.created = lay.create_permohonan(self.ctx.actor, self.data(), lampiran=files)
        except UserError as exc:
            self.feedback.show_exception(exc, self.w)
            return
        self.ctx.status(self.tr("Permohonan %1 tersimpan").replace("%1", self.created.nomor))
        self.accept()
