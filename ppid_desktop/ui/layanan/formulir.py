"""Form dialogs of the layanan page: the request entry form (new and "Ubah data") and small dialogs
built from field specs (decision, extension, keberatan, Atasan answer, …). Both stand on the one form-dialog
base (``ui.dialog.DialogFormulir``): the save runs on the task runner through ``ui.operasi``, a
``UserError`` shows beside the fields, and ``ctx.changed({"layanan"})`` refreshes every page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ppid_desktop.core.errors import UserError
from ppid_desktop.layanan import rules as RU  # noqa: N812
from ppid_desktop.layanan.masukan import KoreksiPermohonan, PermohonanMasukan
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.dialog import DialogFormulir
from ppid_desktop.ui.widgets import make_date_edit, qdate_to_date

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


class FormDialog(DialogFormulir):
    """Fields from ``Isian`` specs; ``submit(values) -> Any`` is the service call (run on the task runner,
    so it must not touch widgets); ``sesudah(result)`` runs on the GUI thread after a successful save
    (warnings, messages). A ``UserError`` keeps the dialog open and shows the problems beside the fields
    (the record is unchanged). ``tampil`` maps a field key to a predicate over the current values: the row
    shows only while it holds (sections that appear only when they apply)."""

    ROOMS: ClassVar[set[str]] = {"layanan"}

    def __init__(self, ctx: AppContext, title: str, isian: list[Isian], submit: Callable[[dict[str, Any]], Any],
                 parent: QWidget | None = None, *, sesudah: Callable[[Any], None] | None = None,
                 tampil: dict[str, Callable[[dict[str, Any]], bool]] | None = None) -> None:
        super().__init__(ctx, title, parent)
        self.submit = submit
        self.sesudah = sesudah
        self.isian = isian
        self.tampil = tampil or {}
        for f in isian:
            w = self._make(f)
            self.baris(f.key, f.label, w)
            if self.tampil:
                for sig in ("currentIndexChanged", "toggled"):
                    if hasattr(w, sig):
                        getattr(w, sig).connect(lambda *_a: self._sesuaikan())
        self._sesuaikan()

    @property
    def widgets(self) -> dict[str, Any]:
        return self.fields

    @property
    def result_value(self) -> Any:
        return self.hasil

    def _sesuaikan(self) -> None:
        if not self.tampil:
            return
        v = self.values()
        for key, cond in self.tampil.items():
            self.form.setRowVisible(self.fields[key], cond(v))
        self.pas_lebar()

    def _make(self, f: Isian) -> Any:
        today = self.ctx.services.layanan.clock()
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
                c.setToolTip(v)
                c.setChecked(k in (f.awal or ()))
                box.checks[k] = c  # type: ignore[attr-defined]
                grid.addWidget(c, i, 0)  # one column: the grounds are sentences (Pasal 17 i., Pasal 35 g.)
            return box
        if f.jenis == "tanggal":
            return make_date_edit(f.awal or today)
        if f.jenis == "tanggal_opsional":  # a check box turns the date on (None when unchecked)
            box = QWidget()
            row = QHBoxLayout(box)
            row.setContentsMargins(0, 0, 0, 0)
            box.aktif = QCheckBox()  # type: ignore[attr-defined]
            box.aktif.setChecked(f.awal is not None)  # type: ignore[attr-defined]
            box.tanggal = make_date_edit(f.awal or today)  # type: ignore[attr-defined]
            box.tanggal.setEnabled(f.awal is not None)  # type: ignore[attr-defined]
            box.aktif.toggled.connect(box.tanggal.setEnabled)  # type: ignore[attr-defined]
            row.addWidget(box.aktif)  # type: ignore[attr-defined]
            row.addWidget(box.tanggal, 1)  # type: ignore[attr-defined]
            return box
        if f.jenis == "angka":
            w = QSpinBox()
            w.setRange(0, 100_000_000)
            w.setGroupSeparatorShown(True)
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
            w = self.fields[f.key]
            if f.jenis == "panjang":
                out[f.key] = w.toPlainText()
            elif f.jenis == "pilihan":
                out[f.key] = w.currentData()
            elif f.jenis == "huruf":
                out[f.key] = [k for k, c in w.checks.items() if c.isChecked()]  # type: ignore[attr-defined]
            elif f.jenis == "tanggal":
                out[f.key] = qdate_to_date(w.date())  # type: ignore[attr-defined]
            elif f.jenis == "tanggal_opsional":
                out[f.key] = qdate_to_date(w.tanggal.date()) if w.aktif.isChecked() else None  # type: ignore[attr-defined]
            elif f.jenis == "angka":
                out[f.key] = w.value()  # type: ignore[attr-defined]
            elif f.jenis == "centang":
                out[f.key] = w.isChecked()  # type: ignore[attr-defined]
            else:
                out[f.key] = w.text()  # type: ignore[attr-defined]
        return out

    def kirim(self) -> Callable[[], Any]:
        values, submit = self.values(), self.submit
        kosong = {"huruf": [], "angka": 0, "centang": False, "pilihan": ""}
        for f in self.isian:  # a hidden row does not apply: sent empty, whatever it held before
            if f.key in self.tampil and not self.form.isRowVisible(self.fields[f.key]):
                values[f.key] = kosong.get(f.jenis, None if f.jenis.startswith("tanggal") else "")
        return lambda: submit(values)

    def sesudah_simpan(self, hasil: Any) -> None:
        if self.sesudah is not None:
            self.sesudah(hasil)


class PermohonanForm(DialogFormulir):
    """Keyboard-friendly entry of a request from any channel, and its correction ("Ubah data") when
    ``permohonan_id`` is given; errors shown beside the fields. The fields sit in the base's vertical scroll
    area (never a sideways one) so the dialog fits a 1366×768 screen with its taskbar; the badan-hukum and
    proxy fields show only when they apply. In edit mode the NIK box stays empty (the stored NIK is never
    shown here): typing one replaces it; the history records each change with the NIK masked. Fields the
    service would refuse to change (the received date of a closed request) are read-only."""

    ROOMS: ClassVar[set[str]] = {"layanan"}
    LEBAR: ClassVar[int] = 720
    TINGGI_MAKS: ClassVar[int] = 690  # 1366×768 less a taskbar and a title bar, whatever screen it opens on

    LABELS = {
        "tanggal_diterima": "Tanggal diterima", "saluran": "Saluran", "jenis_pemohon": "Jenis pemohon",
        "nama": "Nama pemohon / badan hukum", "nik": "NIK", "no_sk_badan_hukum": "No. SK badan hukum",
        "kuasa": "", "nama_kuasa": "Nama penerima kuasa", "alamat": "Alamat", "pekerjaan": "Pekerjaan",
        "telepon": "Telepon", "email": "E-mail", "rincian": "Rincian informasi", "tujuan": "Tujuan penggunaan",
        "cara_memperoleh": "Cara memperoleh", "cara_salinan": "Cara mendapatkan salinan",
        "opd_id": "OPD / PPID Pelaksana",
    }

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, permohonan_id: str | None = None) -> None:
        p = ctx.services.layanan.ambil_permohonan(permohonan_id) if permohonan_id else None
        super().__init__(ctx, "Ubah data permohonan %1".replace("%1", p.nomor) if p else "Permohonan informasi baru",
                         parent)
        self.created: Any = None
        self.updated: Any = None
        self.permohonan_id = permohonan_id
        self.w: dict[str, Any] = self.fields

        def combo(table: dict[str, str]) -> QComboBox:
            c = QComboBox()
            for k, v in table.items():
                c.addItem(v, k)
            return c

        w: dict[str, QWidget] = {}
        w["tanggal_diterima"] = make_date_edit(ctx.services.layanan.clock())
        w["saluran"] = combo(RU.SALURAN)
        w["jenis_pemohon"] = combo(RU.JENIS_PEMOHON)
        w["nama"] = QLineEdit()
        nik = QLineEdit()
        nik.setPlaceholderText(self.tr("16 digit sesuai KTP"))
        w["nik"] = nik
        w["no_sk_badan_hukum"] = QLineEdit()
        w["kuasa"] = QCheckBox(self.tr("Diajukan melalui kuasa (surat kuasa khusus)"))
        w["nama_kuasa"] = QLineEdit()
        w["alamat"] = QLineEdit()
        w["pekerjaan"] = QLineEdit()
        w["telepon"] = QLineEdit()
        w["email"] = QLineEdit()
        w["rincian"] = teks_panjang()
        w["tujuan"] = teks_panjang()
        w["cara_memperoleh"] = combo(RU.CARA_MEMPEROLEH)
        w["cara_salinan"] = combo(RU.CARA_SALINAN)
        opd = QComboBox()
        opd.addItem(self.tr("(belum ditentukan)"), None)
        for o in ctx.services.master.daftar_opd(include_inactive=False, jenis_unit="perangkat_daerah"):
            opd.addItem(o.nama, o.id)
        # a long OPD name must not widen the form past the screen (it elides in the closed box)
        opd.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        opd.setMinimumContentsLength(24)
        w["opd_id"] = opd
        for key, label in self.LABELS.items():
            self.baris(key, label, w[key])
        # attachments (stored encrypted): KTP scan, surat kuasa, the letter itself — new requests only
        # (the detail dialog adds attachments to a saved one)
        self.lampiran: dict[str, QLineEdit] = {}
        if p is None:
            for jenis, label in (("ktp", "Scan KTP"), ("surat_kuasa", "Surat kuasa"), ("surat", "Surat permohonan")):
                box = QWidget()
                row = QHBoxLayout(box)
                row.setContentsMargins(0, 0, 0, 0)
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
                self.form.addRow(self.tr(label), box)
                self._lampiran_baris = getattr(self, "_lampiran_baris", {})
                self._lampiran_baris[jenis] = box
        if p is not None:
            note = QLabel(self.tr("Surat yang sudah ditandatangani tetap memuat data seperti saat dicetak; "
                                  "perubahan dicatat di riwayat permohonan."))
            note.setObjectName("hint")
            note.setWordWrap(True)
            lay = self.layout()
            assert lay is not None
            lay.insertWidget(1, note)  # type: ignore[attr-defined]
        w["jenis_pemohon"].currentIndexChanged.connect(lambda _i: self._sesuaikan())  # type: ignore[attr-defined]
        w["kuasa"].toggled.connect(lambda _b: self._sesuaikan())  # type: ignore[attr-defined]
        if p is not None:
            self._isi_dari(p)
        self._sesuaikan()
        w["nama"].setFocus()

    def _isi_dari(self, p: Any) -> None:
        w = self.w
        w["tanggal_diterima"].setDate(QDate(p.tanggal_diterima.year, p.tanggal_diterima.month, p.tanggal_diterima.day))
        if p.status not in RU.STATUS_TERBUKA:  # the service refuses a new received date once it is decided
            w["tanggal_diterima"].setEnabled(False)
            w["tanggal_diterima"].setToolTip(self.tr(
                "Tanggal diterima hanya dapat diubah selama permohonan belum diputuskan (tenggat dihitung darinya)."))
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
        """Show the badan-hukum number only for a legal entity, the proxy's name (and the surat kuasa
        attachment) only with a proxy."""
        badan = self.w["jenis_pemohon"].currentData() == "badan_hukum"
        kuasa = self.w["kuasa"].isChecked()
        self.form.setRowVisible(self.w["no_sk_badan_hukum"], badan)
        self.form.setRowVisible(self.w["nama_kuasa"], kuasa)
        baris = getattr(self, "_lampiran_baris", {})
        if "surat_kuasa" in baris:
            self.form.setRowVisible(baris["surat_kuasa"], kuasa)
        self.pas_lebar()

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
                out[k] = qdate_to_date(w.date())  # type: ignore[attr-defined]
        if out.get("jenis_pemohon") != "badan_hukum":
            out["no_sk_badan_hukum"] = ""
        if not out.get("kuasa"):
            out["nama_kuasa"] = ""
        return out

    def masukan(self) -> PermohonanMasukan:
        """The typed input the service takes (``layanan.masukan``)."""
        return PermohonanMasukan.dari_dict(self.data())

    def koreksi(self) -> KoreksiPermohonan:
        """Only what changed (and a NIK typed to replace the stored one)."""
        data = self.data()
        if not data["nik"].strip():
            data.pop("nik")  # empty in edit mode: keep the stored NIK
        data = {k: v for k, v in data.items() if k == "nik" or self._awal.get(k) != v}
        if not self.w["tanggal_diterima"].isEnabled():
            data.pop("tanggal_diterima", None)
        return KoreksiPermohonan.dari_dict(data)

    def pilih_lampiran(self, jenis: str) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self, self.tr("Pilih berkas lampiran"), "",
                                              self.tr("Dokumen (*.pdf *.jpg *.jpeg *.png);;Semua berkas (*)"))
        if path:
            self.lampiran[jenis].setText(path)

    def berkas_lampiran(self) -> list[tuple[str, Path]]:
        return [(j, Path(e.text())) for j, e in self.lampiran.items() if e.text().strip()]

    def periksa(self) -> bool:
        if self.permohonan_id:
            return True
        hilang = [str(p) for _j, p in self.berkas_lampiran() if not p.is_file()]
        if hilang:
            self.feedback.show_exception(UserError(self.tr("Berkas lampiran tidak ditemukan: %1").replace(
                "%1", ", ".join(hilang))))
            return False
        return True

    def kirim(self) -> Callable[[], Any]:
        lay, actor = self.ctx.services.layanan, self.ctx.actor
        if self.permohonan_id:
            pid, koreksi = self.permohonan_id, self.koreksi()
            return lambda: lay.ubah_permohonan(actor, pid, koreksi)
        masukan, files = self.masukan(), self.berkas_lampiran()
        return lambda: lay.catat_permohonan(actor, masukan, lampiran=files)

    def sesudah_simpan(self, hasil: Any) -> None:
        if self.permohonan_id:
            self.updated = hasil
            self.ctx.status(self.tr("Data permohonan %1 diubah").replace("%1", hasil.nomor))
        else:
            self.created = hasil
            self.ctx.status(self.tr("Permohonan %1 tersimpan").replace("%1", hasil.nomor))
