"""Data Master: profil instansi, perangkat daerah, pegawai, kalender, nomor surat, pengguna."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ppid_desktop.akun import roles as R
from ppid_desktop.core import kalender as K
from ppid_desktop.core.errors import ValidationError
from ppid_desktop.core.identitas import format_nip
from ppid_desktop.core.paths import resource
from ppid_desktop.core.tanggal import tanggal_hari
from ppid_desktop.master.masukan import IsianOpd, IsianPegawai, IsianProfil
from ppid_desktop.master.models import JENIS_UNIT
from ppid_desktop.master.service import KERTAS, TTD_JENIS
from ppid_desktop.ui.akun import RoleChecks
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.listmodel import Column, ListTableModel
from ppid_desktop.ui.master.editor import FieldDef, RecordEditor
from ppid_desktop.ui.operasi import operasi, tampilkan_galat
from ppid_desktop.ui.widgets import (
    INDONESIA,
    FormFeedback,
    PageHeader,
    angka,
    gulung,
    info,
    make_date_edit,
    qdate_to_date,
    table_view,
    wenang,
)


class ProfilTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        scroll.setWidget(body)
        outer.addWidget(scroll)
        grid = QGridLayout(body)
        self.w: dict[str, QWidget] = {}

        kop = QGroupBox(self.tr("Kop surat"))
        f = QFormLayout(kop)
        for key, label, ph in (
            ("pemerintah", self.tr("Pemerintah"), "PEMERINTAH KOTA SALATIGA"),
            ("perangkat_daerah", self.tr("Perangkat daerah"), "DINAS KOMUNIKASI DAN INFORMATIKA"),
            ("sub_unit", self.tr("Sub-unit"), ""),
            ("alamat", self.tr("Alamat"), ""),
            ("kota", self.tr("Kota (tempat surat)"), "Salatiga"),
            ("kode_pos", self.tr("Kode pos"), ""),
            ("telepon", self.tr("Telepon"), ""),
            ("email", self.tr("E-mail"), ""),
            ("website", self.tr("Situs web"), ""),
            ("kode_unit", self.tr("Kode unit pengolah"), "DISKOMINFO"),
        ):
            e = QLineEdit()
            e.setPlaceholderText(ph)
            self.w[key] = e
            f.addRow(label, e)
        logo_row = QHBoxLayout()
        self.logo = QLabel()
        self.logo.setFixedSize(64, 64)
        self.logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo.setStyleSheet("border:1px dashed #c9d2dd; border-radius:6px; background:#fff;")
        self.logo_btn = QPushButton(self.tr("Pilih logo…"))
        self.logo_btn.clicked.connect(self.pick_logo)
        logo_row.addWidget(self.logo)
        logo_row.addWidget(self.logo_btn)
        logo_row.addStretch(1)
        f.addRow(self.tr("Logo"), logo_row)
        grid.addWidget(kop, 0, 0, 3, 1)

        paper = QGroupBox(self.tr("Kertas dan huruf"))
        pf = QFormLayout(paper)
        self.kertas = QComboBox()
        self.kertas.addItems(list(KERTAS))
        self.font = QComboBox()
        self.font.addItems(["Arial", "Times New Roman", "Bookman Old Style"])
        self.ukuran = QDoubleSpinBox()
        self.ukuran.setRange(8, 16)
        self.ukuran.setSingleStep(0.5)
        self.ukuran.setDecimals(1)
        self.spasi = QDoubleSpinBox()
        self.spasi.setRange(1, 2.5)
        self.spasi.setSingleStep(0.05)
        pf.addRow(self.tr("Ukuran kertas"), self.kertas)
        pf.addRow(self.tr("Huruf"), self.font)
        pf.addRow(self.tr("Ukuran huruf (pt)"), self.ukuran)
        pf.addRow(self.tr("Spasi baris"), self.spasi)
        self.margins: dict[str, QDoubleSpinBox] = {}
        for side, label in (("atas", "Margin atas (mm)"), ("bawah", "Margin bawah (mm)"),
                            ("kiri", "Margin kiri (mm)"), ("kanan", "Margin kanan (mm)")):
            sp = QDoubleSpinBox()
            sp.setRange(5, 60)
            sp.setDecimals(1)
            self.margins[side] = sp
            pf.addRow(self.tr(label), sp)
        grid.addWidget(paper, 0, 1)

        pdp = QGroupBox(self.tr("Pelindungan data pribadi (UU 27/2022)"))
        df = QFormLayout(pdp)
        for key, label in (("dpo_nama", self.tr("Pejabat PDP")), ("dpo_kontak", self.tr("Kontak PDP"))):
            e = QLineEdit()
            self.w[key] = e
            df.addRow(label, e)
        grid.addWidget(pdp, 1, 1)

        setda = QGroupBox(self.tr("Kop Sekretariat Daerah (naskah Sekda)"))
        sf = QFormLayout(setda)
        for key, label, ph in (
            ("setda_nama", self.tr("Nama"), "SEKRETARIAT DAERAH"),
            ("setda_alamat", self.tr("Alamat"), self.tr("kosong: nama kota")),
            ("setda_telepon", self.tr("Telepon"), ""),
            ("setda_email", self.tr("E-mail"), self.tr("kosong: setda@<pemda>.go.id")),
            ("setda_website", self.tr("Situs web"), self.tr("kosong: setda.<pemda>.go.id")),
        ):
            e = QLineEdit()
            e.setPlaceholderText(ph)
            self.w[key] = e
            sf.addRow(label, e)
        grid.addWidget(setda, 2, 1)

        self.feedback = FormFeedback()
        grid.addWidget(self.feedback, 3, 0, 1, 2)
        row = QHBoxLayout()
        self.test_btn = QPushButton(self.tr("Pratinjau halaman uji kop surat"))
        self.test_btn.clicked.connect(self.preview_kop)
        self.save_btn = QPushButton(self.tr("Simpan profil"))
        self.save_btn.setProperty("primary", True)
        self.save_btn.clicked.connect(self.save)
        row.addWidget(self.test_btn)
        row.addStretch(1)
        row.addWidget(self.save_btn)
        grid.addLayout(row, 4, 0, 1, 2)
        grid.setRowStretch(5, 1)
        self.w.update({"kertas": self.kertas, "font": self.font, "ukuran_font": self.ukuran, "spasi": self.spasi})
        self.w.update({f"margin_{k}": v for k, v in self.margins.items()})
        for spin in self.w.values():
            if isinstance(spin, QDoubleSpinBox):
                spin.setLocale(INDONESIA)  # decimal comma, like every other number on screen
        if not wenang(ctx, R.MASTER_UBAH, self.save_btn, self.logo_btn):  # read-only, not a Simpan that is refused
            for w in self.w.values():
                if isinstance(w, QLineEdit):
                    w.setReadOnly(True)
                else:
                    w.setEnabled(False)
                w.setToolTip(self.save_btn.toolTip())
        self.load()

    def load(self) -> None:
        p = self.ctx.services.master.profil()
        for key, w in self.w.items():
            value = getattr(p, key)
            if isinstance(w, QLineEdit):
                w.setText(value or "")
            elif isinstance(w, QComboBox):
                w.setCurrentText(str(value))
            elif isinstance(w, QDoubleSpinBox):
                w.setValue(float(value))
        path = self.ctx.services.master.logo_path(p) or resource("icons", "logo-default.png")
        self.logo.setPixmap(QPixmap(str(path)).scaled(60, 60, Qt.AspectRatioMode.KeepAspectRatio,
                                                      Qt.TransformationMode.SmoothTransformation))
        self.logo.setToolTip(self.tr("Logo instansi") if p.logo_hash else self.tr("Logo bawaan (belum diganti)"))

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, w in self.w.items():
            if isinstance(w, QLineEdit):
                out[key] = w.text()
            elif isinstance(w, QComboBox):
                out[key] = w.currentText()
            elif isinstance(w, QDoubleSpinBox):
                out[key] = w.value()
        return out

    def save(self) -> None:
        data, master, actor = self.values(), self.ctx.services.master, self.ctx.actor
        operasi(self.ctx, lambda: master.simpan_profil(actor, IsianProfil.dari(data)), rooms={"master", "naskah"}, parent=self,
                feedback=self.feedback, fields=self.w,
                on_done=lambda _p: self.ctx.status(self.tr("Profil instansi disimpan.")))

    def pick_logo(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Pilih logo"), "", self.tr("Gambar (*.png *.jpg *.jpeg)"))
        if name:
            self.atur_logo(Path(name))

    def atur_logo(self, path: Path) -> None:
        master, actor = self.ctx.services.master, self.ctx.actor
        operasi(self.ctx, lambda: master.atur_logo(actor, path), rooms={"master", "naskah"}, parent=self,
                feedback=self.feedback, on_done=lambda _r: self.load())

    def preview_kop(self) -> None:
        from ppid_desktop.ui.naskah.page import preview_test_page

        preview_test_page(self.ctx, self)


def sumber_libur(sumber: str) -> str:
    """Where a day off came from, in words (the database keeps "holidays 0.109" or "manual")."""
    if sumber == "manual":
        return "Ditambahkan kantor"
    if sumber.startswith("holidays"):
        return "Kalender nasional bawaan"
    return sumber or "–"


class KalenderTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        master = ctx.services.master
        lay = QHBoxLayout(self)
        left = QVBoxLayout()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Tahun")))
        self.year = QSpinBox()
        self.year.setRange(K.MIN_YEAR, K.MAX_YEAR)
        self.year.setValue(ctx.services.clock.today().year)
        self.year.valueChanged.connect(self.refresh)
        top.addWidget(self.year)
        self.reload_btn = QPushButton(self.tr("Muat ulang libur nasional"))
        self.reload_btn.setToolTip(self.tr("Tambahkan lagi libur nasional dan cuti bersama bawaan aplikasi untuk "
                                           "tahun ini (hari yang sudah ada tidak diubah)"))
        self.reload_btn.clicked.connect(self.reload_year)
        top.addWidget(self.reload_btn)
        top.addStretch(1)
        left.addLayout(top)
        self.warning = QLabel()
        self.warning.setObjectName("warning")
        self.warning.setWordWrap(True)
        left.addWidget(self.warning)
        self.model: ListTableModel[K.HariLibur] = ListTableModel([
            Column(self.tr("Tanggal"), lambda r: tanggal_hari(r.tanggal)),
            Column(self.tr("Jenis"), lambda r: K.JENIS_LABEL.get(r.jenis, r.jenis)),
            Column(self.tr("Keterangan"), lambda r: r.nama),
            Column(self.tr("Sumber"), lambda r: sumber_libur(r.sumber)),
        ])
        self.table = table_view(self.model)
        left.addWidget(self.table)
        self.remove_btn = QPushButton(self.tr("Hapus hari terpilih"))
        self.remove_btn.clicked.connect(self.remove)
        left.addWidget(self.remove_btn)
        lay.addLayout(left, 3)

        right = QVBoxLayout()
        add = QGroupBox(self.tr("Tambah hari"))
        af = QFormLayout(add)
        self.tanggal = make_date_edit(ctx.services.clock.today())
        self.jenis = QComboBox()
        for key, label in K.JENIS_LABEL.items():
            self.jenis.addItem(label, key)
        self.jenis.setCurrentIndex(self.jenis.findData(K.LIBUR_LOKAL))
        self.nama = QLineEdit()
        self.nama.setPlaceholderText(self.tr("mis. Hari Jadi Kota Salatiga"))
        af.addRow(self.tr("Tanggal"), self.tanggal)
        af.addRow(self.tr("Jenis"), self.jenis)
        af.addRow(self.tr("Keterangan"), self.nama)
        self.feedback = FormFeedback()
        af.addRow(self.feedback)
        self.add_btn = QPushButton(self.tr("Tambah"))
        self.add_btn.setProperty("primary", True)
        self.add_btn.clicked.connect(self.add)
        af.addRow(self.add_btn)
        right.addWidget(add)

        pol = QGroupBox(self.tr("Kebijakan kantor"))
        pl = QVBoxLayout(pol)
        k = master.kebijakan()
        self.cuti = QCheckBox(self.tr("Cuti bersama dihitung sebagai hari kerja"))
        self.cuti.setChecked(k.cuti_bersama_hari_kerja)
        self.sabtu = QCheckBox(self.tr("Sabtu hari kerja"))
        self.sabtu.setChecked(k.sabtu_hari_kerja)
        pl.addWidget(self.cuti)
        pl.addWidget(self.sabtu)
        self.policy_btn = QPushButton(self.tr("Simpan kebijakan"))
        self.policy_btn.clicked.connect(self.save_policy)
        pl.addWidget(self.policy_btn)
        right.addWidget(pol)

        calc = QGroupBox(self.tr("Hitung tenggat"))
        cf = QFormLayout(calc)
        self.calc_start = make_date_edit(ctx.services.clock.today())
        self.calc_n = QSpinBox()
        self.calc_n.setRange(1, 200)
        self.calc_n.setValue(10)
        self.calc_out = QPlainTextEdit()
        self.calc_out.setReadOnly(True)
        self.calc_out.setMinimumHeight(140)
        btn = QPushButton(self.tr("Hitung"))
        btn.clicked.connect(self.compute)
        cf.addRow(self.tr("Mulai"), self.calc_start)
        cf.addRow(self.tr("Hari kerja"), self.calc_n)
        cf.addRow(btn)
        cf.addRow(self.calc_out)
        right.addWidget(calc)
        right.addStretch(1)
        lay.addLayout(right, 2)
        wenang(ctx, R.MASTER_UBAH, self.add_btn, self.remove_btn, self.reload_btn, self.policy_btn,
               self.tanggal, self.jenis, self.nama, self.cuti, self.sabtu)
        self.refresh()

    def refresh(self) -> None:
        master = self.ctx.services.master
        self.model.set_rows(master.daftar_hari(self.year.value()))
        self.table.resizeColumnsToContents()
        warnings = master.peringatan_kalender()
        self.warning.setText("\n".join(warnings))
        self.warning.setVisible(bool(warnings))

    def _calendar_change(self, work: Any, done: Any = None, fields: dict[str, QWidget] | None = None) -> None:
        """Calendar edits recompute every open deadline: off the GUI thread, through the operation wrapper
        (problems of the Tambah hari form under it, others in a message)."""
        def finished(result: Any) -> None:
            if done is not None:
                done(result)
            self.refresh()

        operasi(self.ctx, work, rooms={"master", "layanan"}, title=self.tr("Menghitung ulang tenggat…"), parent=self,
                feedback=self.feedback if fields is not None else None, fields=fields, on_done=finished)

    def add(self) -> None:
        when, jenis, nama = qdate_to_date(self.tanggal.date()), self.jenis.currentData(), self.nama.text()

        def added(_row: Any) -> None:
            self.nama.clear()
            self.year.setValue(when.year)

        self._calendar_change(lambda: self.ctx.services.master.tambah_hari(self.ctx.actor, when, jenis, nama),
                              added, {"nama": self.nama, "tanggal": self.tanggal, "jenis": self.jenis})

    def remove(self) -> None:
        idx = self.table.currentIndex()
        if not idx.isValid():
            return
        day_id = self.model.row_at(idx.row()).id
        self._calendar_change(lambda: self.ctx.services.master.hapus_hari(self.ctx.actor, day_id))

    def reload_year(self) -> None:
        year = self.year.value()
        self._calendar_change(lambda: self.ctx.services.master.muat_ulang_tahun(self.ctx.actor, year),
                              lambda added: info(self, self.tr("%d hari ditambahkan dari kalender nasional bawaan.") % added))

    def save_policy(self) -> None:
        policy = IsianProfil(cuti_bersama_hari_kerja=self.cuti.isChecked(), sabtu_hari_kerja=self.sabtu.isChecked())
        self._calendar_change(
            lambda: self.ctx.services.master.simpan_profil(self.ctx.actor, policy),
            lambda _p: self.ctx.status(self.tr("Kebijakan kalender disimpan; tenggat yang masih berjalan dihitung ulang.")))

    def compute(self) -> None:
        """Work out a deadline on the task runner (a refused date shows in the one error place)."""
        master, mulai, n = self.ctx.services.master, qdate_to_date(self.calc_start.date()), self.calc_n.value()

        def show(t: Any) -> None:
            lines = [self.tr("Tenggat: %s") % tanggal_hari(t.jatuh_tempo)]
            lines += [f"– {tanggal_hari(d.tanggal)}: {d.alasan}" for d in t.dilewati]
            self.calc_out.setPlainText("\n".join(lines))

        self.ctx.tasks.run(lambda _p: master.tenggat(mulai, n), title=self.tr("Menghitung tenggat…"), on_done=show,
                           on_error=lambda exc: tampilkan_galat(exc, self), parent=self, cancellable=False)


class NomorTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        lay = QVBoxLayout(self)
        hint = QLabel(self.tr(
            "Penanda: {urut} (nomor urut; {urut:03} tiga digit), {kode} (kode klasifikasi arsip), {unit} "
            "(kode unit pengolah), {bulan}, {romawi} (bulan Romawi), {tahun}. Nomor urut dimulai dari 1 setiap tahun."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        lay.addWidget(hint)
        self.model: ListTableModel[Any] = ListTableModel([
            Column(self.tr("Jenis"), lambda r: r.nama),
            Column(self.tr("Pola"), lambda r: r.pola),
            Column(self.tr("Kode klasifikasi"), lambda r: r.kode_klasifikasi),
        ])
        self.table = table_view(self.model)
        self.table.selectionModel().currentRowChanged.connect(self._select)
        lay.addWidget(self.table)
        form = QFormLayout()
        self.pola = QLineEdit()
        self.kode = QLineEdit()
        self.preview = QLabel()
        self.pola.textChanged.connect(self._preview)
        self.kode.textChanged.connect(self._preview)
        form.addRow(self.tr("Pola"), self.pola)
        form.addRow(self.tr("Kode klasifikasi"), self.kode)
        form.addRow(self.tr("Contoh"), self.preview)
        lay.addLayout(form)
        self.feedback = FormFeedback()
        lay.addWidget(self.feedback)
        self.save_btn = QPushButton(self.tr("Simpan pola"))
        self.save_btn.setProperty("primary", True)
        self.save_btn.clicked.connect(self.save)
        if not wenang(ctx, R.MASTER_UBAH, self.save_btn):
            for edit in (self.pola, self.kode):
                edit.setReadOnly(True)
                edit.setToolTip(self.save_btn.toolTip())
        lay.addWidget(self.save_btn, 0, Qt.AlignmentFlag.AlignRight)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(self.ctx.services.master.daftar_pola_nomor())
        self.table.resizeColumnsToContents()

    def _select(self, cur: Any, _prev: Any) -> None:
        if cur.isValid():
            row = self.model.row_at(cur.row())
            self.pola.setText(row.pola)
            self.kode.setText(row.kode_klasifikasi)

    def _preview(self) -> None:
        self.preview.setText(self.ctx.services.master.contoh_nomor(self.pola.text(), self.kode.text()))

    def save(self) -> None:
        idx = self.table.currentIndex()
        if not idx.isValid():
            return
        row = self.model.row_at(idx.row())
        master, actor, pola, kode = self.ctx.services.master, self.ctx.actor, self.pola.text(), self.kode.text()
        operasi(self.ctx, lambda: master.simpan_pola_nomor(actor, row.jenis, pola, kode), rooms={"master"}, parent=self,
                feedback=self.feedback, fields={"pola": self.pola}, on_done=lambda _r: self.refresh())


class PenggunaTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        lay = QVBoxLayout(self)
        self.model: ListTableModel[Any] = ListTableModel([
            Column(self.tr("Nama pengguna"), lambda u: u.username),
            Column(self.tr("Nama"), lambda u: u.nama),
            Column(self.tr("Peran"), lambda u: u.roles.replace(",", ", ")),
            Column(self.tr("Aktif"), lambda u: "Ya" if u.aktif else "Tidak"),
            Column(self.tr("Terakhir masuk"), lambda u: u.last_login.strftime("%d-%m-%Y %H:%M") if u.last_login else "–"),
        ])
        self.table = table_view(self.model)
        self.table.selectionModel().currentRowChanged.connect(self._select)
        lay.addWidget(self.table)
        box = QGroupBox(self.tr("Akun"))
        f = QFormLayout(box)
        self.username = QLineEdit()
        self.nama = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("kosongkan bila tidak diganti"))
        self.roles = RoleChecks()
        self.aktif = QCheckBox(self.tr("Aktif"))
        self.aktif.setChecked(True)
        f.addRow(self.tr("Nama pengguna"), self.username)
        f.addRow(self.tr("Nama lengkap"), self.nama)
        f.addRow(self.tr("Kata sandi"), self.password)
        f.addRow(self.tr("Peran"), self.roles)
        f.addRow("", self.aktif)
        self.feedback = FormFeedback()
        f.addRow(self.feedback)
        row = QHBoxLayout()
        self.add_btn = QPushButton(self.tr("Tambah akun"))
        self.update_btn = QPushButton(self.tr("Simpan perubahan"))
        self.update_btn.setProperty("primary", True)
        self.reset_btn = QPushButton(self.tr("Atur ulang kata sandi"))  # the account's key-file entry follows
        self.reset_btn.setToolTip(self.tr("Kata sandi baru dari kolom Kata sandi; membuka juga akun yang terkunci."))
        self.reset_btn.clicked.connect(self.reset_password)
        row.addWidget(self.add_btn)
        row.addWidget(self.reset_btn)
        row.addStretch(1)
        row.addWidget(self.update_btn)
        f.addRow(row)
        lay.addWidget(box)
        self.add_btn.clicked.connect(self.add)
        self.update_btn.clicked.connect(self.update_user)
        if not wenang(ctx, R.AKUN_KELOLA, self.add_btn, self.update_btn, self.reset_btn):
            box.setVisible(False)  # nothing here a non-admin may change: the list alone
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(self.ctx.services.akun.list_users())

    def _select(self, cur: Any, _prev: Any) -> None:
        if not cur.isValid():
            return
        u = self.model.row_at(cur.row())
        self.username.setText(u.username)
        self.nama.setText(u.nama)
        self.aktif.setChecked(u.aktif)
        for role, cb in self.roles.boxes.items():
            cb.setChecked(role in u.role_set())

    def _selesai(self, _result: Any) -> None:
        self.password.clear()
        self.refresh()

    def add(self) -> None:
        akun, actor = self.ctx.services.akun, self.ctx.actor
        username, nama, sandi, roles = self.username.text(), self.nama.text(), self.password.text(), self.roles.roles()
        operasi(self.ctx, lambda: akun.create_user(actor, username, nama, sandi, roles), rooms={"akun"}, parent=self,
                feedback=self.feedback, fields={"username": self.username, "nama": self.nama, "password": self.password},
                on_done=self._selesai)

    def reset_password(self) -> None:
        """Admin: a new password for the selected account (unlocks it; logged; the key file follows)."""
        akun, actor = self.ctx.services.akun, self.ctx.actor
        username, sandi = self.username.text().strip().lower(), self.password.text()

        def done(result: Any) -> None:
            self.ctx.status(self.tr("Kata sandi %s diatur ulang.") % username)
            self._selesai(result)

        operasi(self.ctx, lambda: akun.reset_password(actor, username, sandi), rooms={"akun"}, parent=self,
                feedback=self.feedback, fields={"password": self.password, "username": self.username}, on_done=done)

    def update_user(self) -> None:
        from ppid_desktop.akun.service import check_password

        akun, actor = self.ctx.services.akun, self.ctx.actor
        username, sandi, roles, aktif = (self.username.text().strip().lower(), self.password.text(), self.roles.roles(),
                                         self.aktif.isChecked())

        def call() -> None:
            if sandi:  # checked first: a refused password must not leave new roles saved
                check_password(sandi)
            akun.set_roles(actor, username, roles, aktif)
            if sandi:
                akun.change_password(actor, username, None, sandi)

        operasi(self.ctx, call, rooms={"akun"}, parent=self, feedback=self.feedback, fields={"password": self.password},
                on_done=self._selesai)


class MasterPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        master = ctx.services.master
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 20, 24, 16)
        lay.addWidget(PageHeader(self.tr("Data Master"), self.tr(
            "Profil instansi untuk kop surat, perangkat daerah, pegawai dan pejabat penanda tangan, "
            "kalender hari kerja, pola nomor surat dan akun pengguna.")))
        self.jumlah = QLabel()
        self.jumlah.setObjectName("hint")
        lay.addWidget(self.jumlah)
        self.tabs = QTabWidget()
        lay.addWidget(self.tabs)
        can_edit = ctx.can(R.MASTER_UBAH)
        self.profil = ProfilTab(ctx)
        self.opd = RecordEditor(
            [Column(self.tr("Kode"), lambda o: o.kode), Column(self.tr("Nama"), lambda o: o.nama),
             Column(self.tr("Singkatan"), lambda o: o.singkatan), Column(self.tr("PPID Pelaksana"), lambda o: o.ppid_pelaksana)],
            [FieldDef("kode", self.tr("Kode")), FieldDef("nama", self.tr("Nama")),
             FieldDef("singkatan", self.tr("Singkatan")), FieldDef("alamat", self.tr("Alamat")),
             FieldDef("kepala", self.tr("Kepala")), FieldDef("kepala_nip", self.tr("NIP kepala"), placeholder="18 digit"),
             FieldDef("ppid_pelaksana", self.tr("PPID Pelaksana")), FieldDef("ppid_telepon", self.tr("Telepon PPID")),
             FieldDef("ppid_email", self.tr("E-mail PPID")), FieldDef("aktif", self.tr("Aktif"), "bool"),
             FieldDef("jenis_unit", self.tr("Jenis unit"), "choice", choices=lambda: list(JENIS_UNIT.items()))],
            load=master.daftar_opd, save=lambda d, i: master.simpan_opd(ctx.actor, IsianOpd.dari(d), i),
            delete=lambda i: master.hapus_opd(ctx.actor, i), can_edit=can_edit, noun=self.tr("perangkat daerah"), ctx=ctx)
        self.pegawai = RecordEditor(
            [Column(self.tr("Nama"), lambda p: p.nama), Column(self.tr("NIP"), lambda p: format_nip(p.nip)),
             Column(self.tr("Pangkat/Gol."), lambda p: f"{p.pangkat} ({p.golongan})" if p.golongan else p.pangkat),
             Column(self.tr("Jabatan"), lambda p: p.jabatan)],
            [FieldDef("nama", self.tr("Nama dan gelar")), FieldDef("nip", self.tr("NIP"), placeholder="18 digit"),
             FieldDef("pangkat", self.tr("Pangkat")), FieldDef("golongan", self.tr("Golongan"), placeholder="III/a"),
             FieldDef("jabatan", self.tr("Jabatan")),
             FieldDef("opd_id", self.tr("Perangkat daerah"), "choice", choices=lambda: [(o.id, o.nama) for o in master.daftar_opd()]),
             FieldDef("telepon", self.tr("Telepon")), FieldDef("email", self.tr("E-mail")),
             FieldDef("boleh_ttd", self.tr("Berwenang menandatangani"), "multi", choices=lambda: list(TTD_JENIS.items())),
             FieldDef("aktif", self.tr("Aktif"), "bool")],
            load=master.daftar_pegawai, save=lambda d, i: master.simpan_pegawai(ctx.actor, IsianPegawai.dari(d), i),
            delete=lambda i: master.hapus_pegawai(ctx.actor, i), can_edit=can_edit, noun=self.tr("pegawai"), ctx=ctx)
        self.kalender = KalenderTab(ctx)
        self.nomor = NomorTab(ctx)
        self.pengguna = PenggunaTab(ctx)
        agenda = ctx.services.agenda  # the kode klasifikasi arsip list used in letter numbers (naskah)
        self.klasifikasi = RecordEditor(
            [Column(self.tr("Kode"), lambda k: k.kode), Column(self.tr("Klasifikasi arsip"), lambda k: k.nama),
             Column(self.tr("Aktif"), lambda k: "Ya" if k.aktif else "Tidak")],
            [FieldDef("kode", self.tr("Kode"), placeholder="000.8.3.3"), FieldDef("nama", self.tr("Nama")),
             FieldDef("aktif", self.tr("Aktif"), "bool")],
            load=agenda.daftar_klasifikasi,
            save=lambda d, i: agenda.simpan_klasifikasi(ctx.actor, d.get("kode", ""), d.get("nama", ""),
                                                        bool(d.get("aktif", True)), i),
            delete=lambda i: agenda.hapus_klasifikasi(ctx.actor, i), can_edit=can_edit,
            noun=self.tr("kode klasifikasi"), ctx=ctx, rooms=frozenset({"master", "naskah"}))
        # Each tab scrolls on its own: a tab widget is as tall as its tallest tab, which would make every tab
        # of Data Master scroll on a 768-px screen.
        for tab, title in ((self.profil, self.tr("Profil instansi")), (self.opd, self.tr("Perangkat daerah")),
                           (self.pegawai, self.tr("Pegawai && pejabat")), (self.kalender, self.tr("Kalender hari kerja")),
                           (self.nomor, self.tr("Nomor surat")), (self.klasifikasi, self.tr("Klasifikasi arsip")),
                           (self.pengguna, self.tr("Pengguna"))):
            area = gulung(tab)
            area.setMinimumSize(0, 0)
            area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
            self.tabs.addTab(area, title)

    def refresh(self) -> None:
        self.opd.refresh()
        self.pegawai.refresh()
        self.klasifikasi.refresh()
        master, tahun = self.ctx.services.master, self.ctx.services.clock.today().year
        self.jumlah.setText(self.tr("%1 perangkat daerah · %2 pegawai dan pejabat · %3 hari libur dan cuti "
                                    "bersama tahun %4").replace("%1", angka(self.opd.model.rowCount()))
                            .replace("%2", angka(self.pegawai.model.rowCount()))
                            .replace("%3", angka(len(master.daftar_hari(tahun)))).replace("%4", str(tahun)))

    def smoke(self) -> None:
        for i in range(self.tabs.count()):
            self.tabs.setCurrentIndex(i)
        self.kalender.compute()
        self.ctx.tasks.wait()
        QCoreApplication.processEvents()  # the result comes back by a queued signal
        if not self.kalender.calc_out.toPlainText().startswith("Tenggat"):
            raise ValidationError({"kalender": "kalkulator tenggat tidak menghasilkan tanggal"})
