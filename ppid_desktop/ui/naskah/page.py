"""Naskah & Arsip: agenda surat keluar (paraf → tanda tangan → nomor → kirim → arsip) and the kop test page.

Every outgoing letter of every room is listed here. The detail pane shows the paraf chain, the history of
every act and the signed versions; actions follow the service's transitions (``naskah.jenis``). PDFs
(preview of a draft, the frozen signed letter) and signatures run on the task runner.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ppid_desktop.akun import roles as R
from ppid_desktop.core.errors import UserError
from ppid_desktop.core.tanggal import tanggal_panjang
from ppid_desktop.naskah.agenda import JENIS_LABEL, MODE_TTD, SIFAT, STATUS_LABEL, ParafInput
from ppid_desktop.naskah.jenis import TRANSITIONS
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.listmodel import Column, ListTableModel
from ppid_desktop.ui.widgets import (
    FormFeedback,
    PageHeader,
    info,
    make_date_edit,
    qdate_to_date,
    show_error,
    table_view,
    wenang,
)


def preview_test_page(ctx: AppContext, parent: QWidget) -> None:
    """Build the kop-surat test page in the background and open it in the preview window."""
    from ppid_desktop.dokumen.data import Pejabat
    from ppid_desktop.naskah.dokumen.uji_kop import halaman_uji_kop
    from ppid_desktop.ui.naskah.preview import PdfPreviewDialog

    master = ctx.services.master
    signers = master.list_pegawai(boleh_ttd="surat_keluar") or master.list_pegawai()
    pejabat = master.pejabat(signers[0]) if signers else Pejabat(nama="NAMA PEJABAT", jabatan="Kepala Dinas")
    instansi, setda, clock = master.instansi(), master.instansi_setda(), ctx.services.clock

    def show(pdf: bytes) -> None:
        dlg = PdfPreviewDialog(pdf, "uji-kop-surat.pdf", parent)
        parent._preview = dlg  # type: ignore[attr-defined]  # keep a reference while it is open
        dlg.open()

    ctx.tasks.run(lambda _p: halaman_uji_kop(instansi, pejabat, clock=clock, setda=setda), title=parent.tr("Menyusun halaman uji…"),
                  on_done=show, parent=parent)


class KonsepDialog(QDialog):
    """A new draft, or an edit of one (``surat``): kind, subject, addressee, classification code, signer,
    body and the paraf chain in order (new drafts start from the office's default chain of the kind)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, surat: Any = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.surat = surat
        self.created: Any = None
        self.setWindowTitle(self.tr("Ubah konsep naskah") if surat is not None else self.tr("Konsep naskah baru"))
        self.setMinimumWidth(600)
        master = ctx.services.master
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.jenis = QComboBox()
        for key, label in JENIS_LABEL.items():
            self.jenis.addItem(label, key)
        self.hal = QLineEdit()
        self.kepada = QLineEdit()
        self.kepada.setPlaceholderText(self.tr("mis. Kepala Perangkat Daerah se-Kota Salatiga (pisahkan dengan ;)"))
        self.sifat = QComboBox()
        self.sifat.addItems(list(SIFAT))
        self.lampiran = QLineEdit("-")
        self.kode = QComboBox()
        self.kode.setEditable(True)
        self.kode.addItem("", "")
        for k in ctx.services.agenda.daftar_klasifikasi(hanya_aktif=True):
            self.kode.addItem(f"{k.kode} — {k.nama}", k.kode)
        self.kode.setToolTip(self.tr("Kode klasifikasi arsip (Data Master › Klasifikasi arsip)"))
        self.signer = QComboBox()
        self.mode = QComboBox()
        self.mode.addItems([m or "—" for m in MODE_TTD])
        self.pegawai = master.list_pegawai()
        for p in self.pegawai:
            self.signer.addItem(f"{p.nama} — {p.jabatan}", p.id)
        self.ringkasan = QPlainTextEdit()
        self.ringkasan.setPlaceholderText(self.tr("Isi surat; pisahkan alinea dengan baris kosong."))
        self.ringkasan.setMaximumHeight(110)
        for label, w in ((self.tr("Jenis"), self.jenis), (self.tr("Hal"), self.hal), (self.tr("Kepada"), self.kepada),
                         (self.tr("Sifat"), self.sifat), (self.tr("Lampiran"), self.lampiran),
                         (self.tr("Kode klasifikasi"), self.kode), (self.tr("Penanda tangan"), self.signer),
                         (self.tr("a.n./Plt./Plh."), self.mode), (self.tr("Isi surat"), self.ringkasan)):
            form.addRow(label, w)
        lay.addLayout(form)
        box = QGroupBox(self.tr("Urutan paraf (hierarki lalu koordinasi)"))
        bl = QHBoxLayout(box)
        self.avail = QComboBox()
        for p in self.pegawai:
            self.avail.addItem(f"{p.nama} — {p.jabatan}", p.id)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("hierarki"), "hierarki")
        self.kind.addItem(self.tr("koordinasi"), "koordinasi")
        add = QPushButton(self.tr("Tambah"))
        self.chain = QListWidget()
        self.chain.setMaximumHeight(90)
        remove = QPushButton(self.tr("Hapus"))
        col = QVBoxLayout()
        row = QHBoxLayout()
        row.addWidget(self.avail, 1)
        row.addWidget(self.kind)
        row.addWidget(add)
        col.addLayout(row)
        col.addWidget(self.chain)
        col.addWidget(remove, 0, Qt.AlignmentFlag.AlignRight)
        bl.addLayout(col)
        lay.addWidget(box)
        add.clicked.connect(self.add_paraf)
        remove.clicked.connect(lambda: self.chain.takeItem(self.chain.currentRow()))
        self.feedback = FormFeedback()
        lay.addWidget(self.feedback)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(self.tr("Simpan konsep"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setProperty("primary", True)
        buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole).clicked.connect(self.reject)
        self.ok.clicked.connect(self.save)
        lay.addWidget(buttons)
        if surat is not None:
            self._isi_dari(surat)
        else:
            self.jenis.currentIndexChanged.connect(self._rantai_baku)
            self._rantai_baku()

    def _isi_dari(self, surat: Any) -> None:
        self.jenis.setCurrentIndex(self.jenis.findData(surat.jenis))
        self.hal.setText(surat.hal)
        self.kepada.setText(surat.kepada)
        self.sifat.setCurrentText(surat.sifat)
        self.lampiran.setText(surat.lampiran)
        idx = self.kode.findData(surat.kode_klasifikasi)
        if idx >= 0:
            self.kode.setCurrentIndex(idx)
        else:
            self.kode.setEditText(surat.kode_klasifikasi)
        self.signer.setCurrentIndex(self.signer.findData(surat.penandatangan_id))
        self.mode.setCurrentText(surat.mode_ttd or "—")
        self.ringkasan.setPlainText(surat.ringkasan)
        for p in self.ctx.services.agenda.detail(surat.id).paraf:
            self._tambah(p.pegawai_id, f"{p.nama} — {p.jabatan}", p.jenis)

    def _rantai_baku(self) -> None:
        self.chain.clear()
        names = {p.id: f"{p.nama} — {p.jabatan}" for p in self.pegawai}
        for b in self.ctx.services.agenda.paraf_baku(self.jenis.currentData()):
            self._tambah(b.pegawai_id, names.get(b.pegawai_id, "?"), b.jenis)

    def _tambah(self, pegawai_id: str, teks: str, jenis: str) -> None:
        item = QListWidgetItem(f"{self.chain.count() + 1}. {teks} ({jenis})")
        item.setData(Qt.ItemDataRole.UserRole, (pegawai_id, jenis))
        self.chain.addItem(item)

    def add_paraf(self) -> None:
        if self.avail.currentIndex() < 0:
            return
        self._tambah(self.avail.currentData(), self.avail.currentText(), self.kind.currentData())

    def kode_klasifikasi(self) -> str:
        data = self.kode.currentData()
        text = self.kode.currentText().strip()
        if data and text.startswith(str(data)):
            return str(data)
        return text.split(" ")[0] if text else ""

    def save(self) -> None:
        chain = [ParafInput(*self.chain.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.chain.count())]
        mode = self.mode.currentText()
        data = {"jenis": self.jenis.currentData(), "hal": self.hal.text(), "kepada": self.kepada.text(),
                "sifat": self.sifat.currentText(), "lampiran": self.lampiran.text(),
                "kode_klasifikasi": self.kode_klasifikasi(), "penandatangan_id": self.signer.currentData(),
                "mode_ttd": "" if mode == "—" else mode, "ringkasan": self.ringkasan.toPlainText()}
        agenda = self.ctx.services.agenda
        try:
            if self.surat is not None:
                self.created = agenda.ubah_konsep(self.ctx.actor, self.surat.id, data, chain)
            else:
                self.created = agenda.buat_konsep(self.ctx.actor, data, chain)
        except UserError as exc:
            self.feedback.show_exception(exc, {"hal": self.hal, "penandatangan_id": self.signer, "jenis": self.jenis})
            return
        self.accept()


class PengaturanDialog(QDialog):
    """The office's tata naskah settings and the default paraf chain of each kind."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Pengaturan tata naskah"))
        self.setMinimumWidth(560)
        agenda = ctx.services.agenda
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.mundur = QComboBox()
        self.mundur.addItem(self.tr("Tolak (nomor mengikuti urutan tanda tangan)"), "tolak")
        self.mundur.addItem(self.tr("Beri nomor sisipan (mis. 12a)"), "sisipan")
        self.mundur.setCurrentIndex(self.mundur.findData(agenda.pengaturan("tanggal_mundur")))
        self.paraf = QCheckBox(self.tr("Cetak tabel paraf di samping tanda tangan"))
        self.paraf.setChecked(agenda.pengaturan("tabel_paraf") == "cetak")
        form.addRow(self.tr("Tanggal mundur"), self.mundur)
        form.addRow(self.tr("Tabel paraf"), self.paraf)
        lay.addLayout(form)
        box = QGroupBox(self.tr("Rantai paraf baku per jenis naskah"))
        bl = QVBoxLayout(box)
        self.jenis = QComboBox()
        for key, label in JENIS_LABEL.items():
            self.jenis.addItem(label, key)
        bl.addWidget(self.jenis)
        self.konsep = KonsepDialog(ctx, self)  # reuse its chain editor widgets
        self.chain = self.konsep.chain
        row = QHBoxLayout()
        row.addWidget(self.konsep.avail, 1)
        row.addWidget(self.konsep.kind)
        add = QPushButton(self.tr("Tambah"))
        rm = QPushButton(self.tr("Hapus"))
        row.addWidget(add)
        row.addWidget(rm)
        bl.addLayout(row)
        bl.addWidget(self.chain)
        save_chain = QPushButton(self.tr("Simpan rantai paraf jenis ini"))
        bl.addWidget(save_chain, 0, Qt.AlignmentFlag.AlignRight)
        lay.addWidget(box)
        self.feedback = FormFeedback()
        lay.addWidget(self.feedback)
        buttons = QDialogButtonBox()
        ok = buttons.addButton(self.tr("Simpan pengaturan"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setProperty("primary", True)
        buttons.addButton(self.tr("Tutup"), QDialogButtonBox.ButtonRole.RejectRole).clicked.connect(self.reject)
        lay.addWidget(buttons)
        add.clicked.connect(self.konsep.add_paraf)
        rm.clicked.connect(lambda: self.chain.takeItem(self.chain.currentRow()))
        self.jenis.currentIndexChanged.connect(self._muat)
        save_chain.clicked.connect(self.simpan_rantai)
        ok.clicked.connect(self.simpan)
        self._muat()

    def _muat(self) -> None:
        self.konsep.jenis.setCurrentIndex(self.konsep.jenis.findData(self.jenis.currentData()))
        self.konsep._rantai_baku()

    def simpan_rantai(self) -> None:
        chain = [ParafInput(*self.chain.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.chain.count())]
        try:
            self.ctx.services.agenda.simpan_paraf_baku(self.ctx.actor, self.jenis.currentData(), chain)
        except UserError as exc:
            self.feedback.show_exception(exc)
            return
        self.feedback.clear_problems()
        info(self, self.tr("Rantai paraf baku {jenis} disimpan.").format(jenis=self.jenis.currentText().lower()))

    def simpan(self) -> None:
        agenda = self.ctx.services.agenda
        try:
            agenda.simpan_pengaturan(self.ctx.actor, "tanggal_mundur", self.mundur.currentData())
            agenda.simpan_pengaturan(self.ctx.actor, "tabel_paraf", "cetak" if self.paraf.isChecked() else "tidak")
        except UserError as exc:
            self.feedback.show_exception(exc)
            return
        self.accept()


AKSI = (("ubah", "Ubah konsep…"), ("ajukan", "Ajukan untuk paraf"), ("setuju", "Paraf: setujui"),
        ("kembalikan", "Tidak disetujui: kembalikan…"), ("pratinjau", "Pratinjau / cetak PDF"),
        ("ttd", "Tandatangani && beri nomor"), ("koreksi", "Koreksi (versi baru)…"), ("kirim", "Tandai dikirim…"),
        ("arsip", "Arsipkan PDF bertanda tangan…"), ("lihat", "Lihat arsip PDF"), ("batal", "Batalkan…"))


class NaskahPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 20, 24, 16)
        lay.addWidget(PageHeader(self.tr("Naskah & Arsip"), self.tr(
            "Agenda semua surat keluar: konsep → paraf berjenjang → tanda tangan (nomor diberikan saat itu, PDF "
            "dibekukan) → kirim → arsip. Surat layanan informasi dan monev masuk ke sini saat pertama dicetak.")))
        bar = QHBoxLayout()
        self.tahun = QComboBox()
        self.status = QComboBox()
        self.status.addItem(self.tr("Semua status"), "")
        for key, label in STATUS_LABEL.items():
            self.status.addItem(label, key)
        self.jenis = QComboBox()
        self.jenis.addItem(self.tr("Semua jenis"), "")
        for key, label in JENIS_LABEL.items():
            self.jenis.addItem(label, key)
        self.new_btn = QPushButton(self.tr("Konsep baru…"))
        self.new_btn.setProperty("primary", True)
        self.test_btn = QPushButton(self.tr("Halaman uji kop surat"))
        self.setting_btn = QPushButton(self.tr("Pengaturan tata naskah…"))
        bar.addWidget(QLabel(self.tr("Tahun")))
        bar.addWidget(self.tahun)
        bar.addWidget(self.status)
        bar.addWidget(self.jenis)
        bar.addStretch(1)
        bar.addWidget(self.setting_btn)
        bar.addWidget(self.test_btn)
        bar.addWidget(self.new_btn)
        lay.addLayout(bar)
        split = QSplitter()
        self.model: ListTableModel[Any] = ListTableModel([
            Column(self.tr("Nomor"), lambda r: r.nomor or "—"),
            Column(self.tr("Tanggal"), lambda r: tanggal_panjang(r.tanggal) if r.tanggal else "—"),
            Column(self.tr("Jenis"), lambda r: JENIS_LABEL.get(r.jenis, r.jenis)),
            Column(self.tr("Hal"), lambda r: r.hal),
            Column(self.tr("Status"), lambda r: STATUS_LABEL.get(r.status, r.status)),
        ])
        self.table = table_view(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        split.addWidget(self.table)
        detail = QWidget()
        dl = QVBoxLayout(detail)
        dl.setContentsMargins(8, 0, 0, 0)
        self.info = QLabel(self.tr("Pilih surat di daftar."))
        self.info.setWordWrap(True)
        self.info.setTextFormat(Qt.TextFormat.RichText)
        dl.addWidget(self.info)
        self.tabs = QTabWidget()
        self.paraf_list = QListWidget()
        self.riwayat_list = QListWidget()
        self.versi_list = QListWidget()
        self.versi_list.setToolTip(self.tr("Klik dua kali untuk membuka PDF versi itu."))
        self.tabs.addTab(self.paraf_list, self.tr("Paraf"))
        self.tabs.addTab(self.riwayat_list, self.tr("Riwayat"))
        self.tabs.addTab(self.versi_list, self.tr("Versi"))
        dl.addWidget(self.tabs, 1)
        ttd_row = QHBoxLayout()
        ttd_row.addWidget(QLabel(self.tr("Tanggal tanda tangan")))
        self.tanggal_ttd = make_date_edit(ctx.services.clock.today())
        ttd_row.addWidget(self.tanggal_ttd, 1)
        dl.addLayout(ttd_row)
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        for i, (key, label) in enumerate(AKSI):
            b = QPushButton(self.tr(label))
            b.setEnabled(False)
            self.buttons[key] = b
            grid.addWidget(b, i // 2, i % 2)
        self.buttons["batal"].setProperty("danger", True)
        self.buttons["ttd"].setProperty("primary", True)
        dl.addLayout(grid)
        split.addWidget(detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([760, 380])  # the register first; the detail pane keeps just its minimum width
        lay.addWidget(split, 1)
        self.new_btn.clicked.connect(self.new_draft)
        self.test_btn.clicked.connect(lambda: preview_test_page(self.ctx, self))
        self.setting_btn.clicked.connect(self.settings)
        for combo in (self.tahun, self.status, self.jenis):
            combo.currentIndexChanged.connect(self.refresh)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_detail())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.versi_list.itemDoubleClicked.connect(self.open_version)
        agenda = self.ctx.services.agenda
        b = self.buttons
        b["ubah"].clicked.connect(self.edit_draft)
        b["ajukan"].clicked.connect(lambda: self._do(lambda a, i: agenda.ajukan(a, i)))
        b["setuju"].clicked.connect(lambda: self._do(lambda a, i: agenda.paraf(a, i, True)))
        b["kembalikan"].clicked.connect(self.return_draft)
        b["pratinjau"].clicked.connect(self.preview)
        b["ttd"].clicked.connect(self.sign)
        b["koreksi"].clicked.connect(self.correct)
        b["kirim"].clicked.connect(self.mark_sent)
        b["arsip"].clicked.connect(self.archive)
        b["lihat"].clicked.connect(self.view_pdf)
        b["batal"].clicked.connect(self.cancel)
        wenang(ctx, R.NASKAH_KELOLA, self.new_btn)
        wenang(ctx, R.MASTER_UBAH, self.setting_btn)
        self._fill_years()

    def _fill_years(self) -> None:
        this = self.ctx.services.clock.today().year
        self.tahun.blockSignals(True)
        self.tahun.clear()
        self.tahun.addItem(self.tr("Semua tahun"), 0)
        for y in range(this, this - 5, -1):
            self.tahun.addItem(str(y), y)
        self.tahun.setCurrentIndex(1)
        self.tahun.blockSignals(False)

    def refresh(self) -> None:
        current = self.selected()
        self.model.set_rows(self.ctx.services.agenda.daftar(tahun=self.tahun.currentData() or None,
                                                             status=self.status.currentData() or None,
                                                             jenis=self.jenis.currentData() or None))
        self.table.resizeColumnsToContents()
        if current is not None:
            for r, row in enumerate(self.model.rows):
                if row.id == current.id:
                    self.table.selectRow(r)
        self.show_detail()

    def selected(self) -> Any:
        idx = self.table.currentIndex()
        return self.model.row_at(idx.row()) if idx.isValid() and idx.row() < len(self.model.rows) else None

    def selected_rows(self) -> list[Any]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        out = [self.model.row_at(r) for r in rows if r < len(self.model.rows)]
        cur = self.selected()
        return out or ([cur] if cur is not None else [])

    def show_detail(self) -> None:
        row = self.selected()
        for lst in (self.paraf_list, self.riwayat_list, self.versi_list):
            lst.clear()
        self._detail: Any = None
        if row is None:
            self.info.setText(self.tr("Pilih surat di daftar."))
            self._enable()
            return
        d = self.ctx.services.agenda.detail(row.id)
        self._detail = d
        s = d.surat
        esc = _html
        self.info.setText(
            f"<b>{esc(s.hal)}</b><br>{esc(JENIS_LABEL.get(s.jenis, s.jenis))} · {esc(s.sifat)} · "
            f"{STATUS_LABEL[s.status]} · versi {s.versi}<br>"
            f"Nomor: {esc(s.nomor or '—')} · Tanggal: {tanggal_panjang(s.tanggal) if s.tanggal else '—'}"
            f"{' · kode ' + esc(s.kode_klasifikasi) if s.kode_klasifikasi else ''}<br>"
            f"Kepada: {esc(s.kepada or '—')}<br>Penanda tangan: {esc((s.mode_ttd + ' ') if s.mode_ttd else '')}"
            f"{esc(s.penandatangan or '—')} · Konseptor: {esc(s.konseptor)}"
            + (f"<br>SHA-256: <tt>{s.pdf_sha256[:16]}…</tt>" if s.pdf_sha256 else "")
            + (f"<br>Catatan: {esc(s.catatan)}" if s.catatan else "")
            + (f"<br>Menutupi: {esc(JENIS_LABEL.get(d.menutupi.jenis, d.menutupi.jenis))} "
               f"{esc(d.menutupi.nomor or '(konsep)')} — {esc(d.menutupi.hal)}" if d.menutupi else "")
            + "".join(f"<br>Ditutupi nota dinas {esc(n.nomor or '(konsep)')} — {esc(n.penandatangan)}"
                      for n in d.ditutupi))
        mark = {"menunggu": "○", "disetujui": "✓", "dikembalikan": "↩"}
        for p in d.paraf:
            text = f"{mark.get(p.status, '?')} {p.urutan}. {p.nama} — {p.jabatan} ({p.jenis})"
            if p.catatan:
                text += f": {p.catatan}"
            self.paraf_list.addItem(text)
        for r in d.riwayat:
            waktu = r.waktu.astimezone().strftime("%d-%m-%Y %H.%M")
            self.riwayat_list.addItem(f"{waktu} · {r.oleh} · {r.aksi} (v{r.versi}): {r.catatan}")
        for v in d.versi:
            item = QListWidgetItem(f"Versi {v.versi} · {v.nomor} · {tanggal_panjang(v.tanggal)}"
                                   + (f" · alasan: {v.alasan}" if v.alasan else ""))
            item.setData(Qt.ItemDataRole.UserRole, v)
            self.versi_list.addItem(item)
        self._enable()

    def _enable(self) -> None:
        d = getattr(self, "_detail", None)
        for b in self.buttons.values():
            b.setEnabled(False)
        rows = self.selected_rows()
        if self.ctx.can(R.NASKAH_KELOLA):
            # one or several selected letters, all ready to sign
            self.buttons["ttd"].setEnabled(bool(rows) and all(r.status == "siap_ttd" for r in rows))
            self.buttons["ttd"].setText(self.tr("Tandatangani {n} surat").format(n=len(rows)) if len(rows) > 1
                                        else self.tr("Tandatangani && beri nomor"))
        if d is None:
            return
        st = d.surat.status
        self.buttons["pratinjau"].setEnabled(True)
        self.buttons["lihat"].setEnabled(bool(d.surat.pdf_hash))
        if not self.ctx.can(R.NASKAH_KELOLA):
            return
        first_done = any(p.status == "disetujui" for p in d.paraf)
        self.buttons["ubah"].setEnabled(st in TRANSITIONS["ubah"] and not (st == "paraf" and first_done))
        self.buttons["ajukan"].setEnabled(st in TRANSITIONS["ajukan"])
        self.buttons["setuju"].setEnabled(st == "paraf")
        self.buttons["kembalikan"].setEnabled(st in TRANSITIONS["kembalikan"])
        self.buttons["koreksi"].setEnabled(st in TRANSITIONS["koreksi"])
        self.buttons["kirim"].setEnabled(st in TRANSITIONS["kirim"])
        self.buttons["arsip"].setEnabled(st in TRANSITIONS["arsipkan"])
        self.buttons["batal"].setEnabled(st in TRANSITIONS["batalkan"])

    def _do(self, action: Any) -> None:
        row = self.selected()
        if row is None:
            return
        try:
            action(self.ctx.actor, row.id)
        except UserError as exc:
            show_error(self, exc)
        self.refresh()

    def new_draft(self) -> None:
        dlg = KonsepDialog(self.ctx, self)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
            for r, row in enumerate(self.model.rows):
                if row.id == dlg.created.id:
                    self.table.selectRow(r)

    def edit_draft(self) -> None:
        row = self.selected()
        if row is None:
            return
        dlg = KonsepDialog(self.ctx, self, surat=row)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def settings(self) -> None:
        PengaturanDialog(self.ctx, self).exec()

    def return_draft(self) -> None:
        text, ok = QInputDialog.getText(self, self.tr("Tidak disetujui"),
                                        self.tr("Catatan untuk konseptor (wajib):"))
        if ok:
            self._do(lambda a, i: self.ctx.services.agenda.kembalikan(a, i, text))

    def sign(self) -> None:
        """Sign the selected letters (in list order) on the chosen date, off the GUI thread."""
        rows = [r for r in self.selected_rows() if r.status == "siap_ttd"]
        if not rows:
            return
        ids = [r.id for r in rows]
        tanggal = qdate_to_date(self.tanggal_ttd.date())
        agenda, actor = self.ctx.services.agenda, self.ctx.actor
        self.buttons["ttd"].setEnabled(False)

        def failed(exc: BaseException) -> None:
            show_error(self, exc)
            self.refresh()

        self.ctx.tasks.run(lambda _p: agenda.tandatangani(actor, ids, tanggal), title=self.tr("Menandatangani…"),
                           on_done=lambda _r: self.refresh(), on_error=failed, parent=self)

    def preview(self) -> None:
        """The letter as printed: the frozen PDF once signed, else the draft without a number."""
        from ppid_desktop.ui.naskah.preview import PdfPreviewDialog

        row = self.selected()
        if row is None:
            return
        agenda, sid = self.ctx.services.agenda, row.id
        name = f"{(row.nomor or 'konsep-' + row.id[:8]).replace('/', '-')}.pdf"

        def show(pdf: bytes) -> None:
            self._preview = PdfPreviewDialog(pdf, name, self)
            self._preview.open()

        self.ctx.tasks.run(lambda _p: agenda.cetak(sid), title=self.tr("Menyusun naskah…"), on_done=show, parent=self)

    def open_version(self, item: QListWidgetItem) -> None:
        from ppid_desktop.ui.naskah.preview import PdfPreviewDialog

        v = item.data(Qt.ItemDataRole.UserRole)
        try:
            pdf = self.ctx.services.agenda.pdf_versi(v)
        except UserError as exc:
            show_error(self, exc)
            return
        self._preview = PdfPreviewDialog(pdf, f"{v.nomor.replace('/', '-')}-v{v.versi}.pdf", self)
        self._preview.open()

    def correct(self) -> None:
        text, ok = QInputDialog.getText(self, self.tr("Koreksi surat"),
                                        self.tr("Alasan koreksi (versi lama tetap tersimpan):"))
        if ok:
            self._do(lambda a, i: self.ctx.services.agenda.koreksi(a, i, text))

    def mark_sent(self) -> None:
        cara, ok = QInputDialog.getItem(self, self.tr("Kirim surat"), self.tr("Cara pengiriman:"),
                                        ["kurir", "pos", "e-mail", "diserahkan langsung", "aplikasi TTE"], 0, True)
        if ok:
            self._do(lambda a, i: self.ctx.services.agenda.kirim(a, i, self.ctx.services.clock.today(), cara))

    def archive(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("PDF bertanda tangan"), "", self.tr("PDF (*.pdf)"))
        if name:
            self._do(lambda a, i: self.ctx.services.agenda.arsipkan(a, i, Path(name)))

    def view_pdf(self) -> None:
        from ppid_desktop.ui.naskah.preview import PdfPreviewDialog

        row = self.selected()
        path = self.ctx.services.agenda.pdf_path(row) if row else None
        if path is None:
            info(self, self.tr("Arsip PDF tidak ditemukan di folder lampiran."))
            return
        self._preview = PdfPreviewDialog(path.read_bytes(), f"{(row.nomor or 'surat').replace('/', '-')}.pdf", self)
        self._preview.open()

    def cancel(self) -> None:
        text, ok = QInputDialog.getText(self, self.tr("Batalkan surat"), self.tr("Alasan pembatalan:"))
        if ok:
            self._do(lambda a, i: self.ctx.services.agenda.batalkan(a, i, text))

    def smoke(self) -> None:
        from PySide6.QtWidgets import QApplication

        self.refresh()
        dlg = KonsepDialog(self.ctx, self)
        dlg.show()
        dlg.close()
        self.test_btn.click()
        self.ctx.tasks.wait(60000)
        QApplication.processEvents()
        preview: Any = getattr(self, "_preview", None)
        if preview is not None:
            preview.close()


def _html(text: object) -> str:
    from html import escape

    return escape(str(text))
