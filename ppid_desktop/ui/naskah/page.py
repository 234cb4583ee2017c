"""Naskah & Arsip: agenda surat keluar (paraf → tanda tangan → nomor → kirim → arsip) and the kop test page.

Every outgoing letter of every room is listed here. The detail pane shows the paraf chain, the history of
every act and the signed versions; actions follow the service's transitions (``naskah.jenis``). PDFs
(preview of a draft, the frozen signed letter) and signatures run on the task runner.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
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
from ppid_desktop.core.tanggal import tanggal_panjang
from ppid_desktop.naskah import keputusan as KEP
from ppid_desktop.naskah.agenda import JENIS_LABEL, MODE_TTD, SIFAT, STATUS_LABEL, ParafInput
from ppid_desktop.naskah.jenis import TRANSITIONS
from ppid_desktop.naskah.masukan import IsianKonsep
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.dialog import DialogFormulir
from ppid_desktop.ui.listmodel import Column, ListTableModel
from ppid_desktop.ui.operasi import operasi
from ppid_desktop.ui.widgets import (
    PageHeader,
    alasan_tidak_berwenang,
    info,
    make_date_edit,
    qdate_to_date,
    table_view,
    wenang,
)


def preview_test_page(ctx: AppContext, parent: QWidget) -> None:
    """Build the kop-surat test page in the background and open it in the preview window."""
    from ppid_desktop.dokumen.data import Pejabat
    from ppid_desktop.naskah.dokumen.uji_kop import halaman_uji_kop
    from ppid_desktop.ui.naskah.preview import PdfPreviewDialog

    master = ctx.services.master
    signers = master.daftar_pegawai(boleh_ttd="surat_keluar") or master.daftar_pegawai()
    pejabat = master.pejabat(signers[0]) if signers else Pejabat(nama="NAMA PEJABAT", jabatan="Kepala Dinas")
    instansi, setda, clock = master.instansi(), master.instansi_setda(), ctx.services.clock

    def show(pdf: bytes) -> None:
        dlg = PdfPreviewDialog(pdf, "uji-kop-surat.pdf", parent)
        parent._preview = dlg  # type: ignore[attr-defined]  # keep a reference while it is open
        dlg.open()

    ctx.tasks.run(lambda _p: halaman_uji_kop(instansi, pejabat, clock=clock, setda=setda), title=parent.tr("Menyusun halaman uji…"),
                  on_done=show, parent=parent)


class RantaiParaf(QGroupBox):
    """The paraf chain editor (who initials, in order; hierarchy then coordination), shared by the draft
    dialog and the settings' default chains."""

    def __init__(self, ctx: AppContext, judul: str, parent: QWidget | None = None) -> None:
        super().__init__(judul, parent)
        self.ctx = ctx
        self.pegawai = ctx.services.master.daftar_pegawai()
        col = QVBoxLayout(self)
        self.avail = QComboBox()
        for p in self.pegawai:
            self.avail.addItem(f"{p.nama} — {p.jabatan}", p.id)
        self.avail.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.avail.setMinimumContentsLength(20)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("hierarki"), "hierarki")
        self.kind.addItem(self.tr("koordinasi"), "koordinasi")
        self.add_btn = QPushButton(self.tr("Tambah"))
        self.remove_btn = QPushButton(self.tr("Hapus"))
        self.chain = QListWidget()
        self.chain.setMinimumHeight(72)
        self.chain.setMaximumHeight(110)
        row = QHBoxLayout()
        row.addWidget(self.avail, 1)
        row.addWidget(self.kind)
        row.addWidget(self.add_btn)
        row.addWidget(self.remove_btn)
        col.addLayout(row)
        col.addWidget(self.chain)
        self.add_btn.clicked.connect(self.add_paraf)
        self.remove_btn.clicked.connect(lambda: self.chain.takeItem(self.chain.currentRow()))

    def isi_baku(self, jenis: str) -> None:
        """Fill with the office's default chain of ``jenis``."""
        self.chain.clear()
        names = {p.id: f"{p.nama} — {p.jabatan}" for p in self.pegawai}
        for b in self.ctx.services.agenda.paraf_baku(jenis):
            self.tambah(b.pegawai_id, names.get(b.pegawai_id, "?"), b.jenis)

    def tambah(self, pegawai_id: str, teks: str, jenis: str) -> None:
        item = QListWidgetItem(f"{self.chain.count() + 1}. {teks} ({jenis})")
        item.setData(Qt.ItemDataRole.UserRole, (pegawai_id, jenis))
        self.chain.addItem(item)

    def add_paraf(self) -> None:
        if self.avail.currentIndex() < 0:
            return
        self.tambah(self.avail.currentData(), self.avail.currentText(), self.kind.currentData())

    def rantai(self) -> list[ParafInput]:
        return [ParafInput(*self.chain.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.chain.count())]


class KonsepDialog(DialogFormulir):
    """A new draft, or an edit of one (``surat``): kind, subject, addressee, classification code, signer,
    body and the paraf chain in order (new drafts start from the office's default chain of the kind).
    On the form-dialog base: saved on the task runner, problems beside the fields."""

    ROOMS: ClassVar[set[str]] = {"naskah"}
    LEBAR: ClassVar[int] = 680

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, surat: Any = None) -> None:
        super().__init__(ctx, "Ubah konsep naskah" if surat is not None else "Konsep naskah baru", parent,
                         tombol_simpan="Simpan konsep")
        self.surat = surat
        self.created: Any = None
        self.ok = self.simpan_btn
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
        self.paraf_box = RantaiParaf(ctx, self.tr("Urutan paraf (hierarki lalu koordinasi)"))
        self.pegawai = self.paraf_box.pegawai
        for p in self.pegawai:
            self.signer.addItem(f"{p.nama} — {p.jabatan}", p.id)
        for combo in (self.kode, self.signer):  # long names elide instead of widening the dialog
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(24)
        self.ringkasan = QPlainTextEdit()
        self.ringkasan.setPlaceholderText(self.tr("Isi surat; pisahkan alinea dengan baris kosong."))
        self.ringkasan.setObjectName("isianPanjang")
        self.ringkasan.setStyleSheet("QPlainTextEdit#isianPanjang { min-height: 96px; max-height: 160px; }")
        for key, label, w in (("jenis", "Jenis", self.jenis), ("hal", "Hal", self.hal), ("kepada", "Kepada", self.kepada),
                              ("sifat", "Sifat", self.sifat), ("lampiran", "Lampiran", self.lampiran),
                              ("kode_klasifikasi", "Kode klasifikasi", self.kode),
                              ("penandatangan_id", "Penanda tangan", self.signer), ("mode_ttd", "a.n./Plt./Plh.", self.mode),
                              ("ringkasan", "Isi surat", self.ringkasan)):
            self.baris(key, label, w)
        self._keputusan_ui()
        self.baris_penuh(self.paraf_box)
        self.fields["paraf"] = self.paraf_box.chain
        self.avail, self.kind, self.chain = self.paraf_box.avail, self.paraf_box.kind, self.paraf_box.chain
        if surat is not None:
            self._isi_dari(surat)
        else:
            self.jenis.currentIndexChanged.connect(self._rantai_baku)
            self._rantai_baku()
        self.jenis.currentIndexChanged.connect(self._ganti_jenis)
        self._ganti_jenis()

    def _keputusan_ui(self) -> None:
        """The keputusan's own parts (``naskah.keputusan``): shown instead of "Isi surat" for that kind."""
        def teks(placeholder: str, tinggi: int) -> QPlainTextEdit:
            w = QPlainTextEdit()
            w.setPlaceholderText(self.tr(placeholder))
            w.setTabChangesFocus(True)
            w.setFixedHeight(tinggi)
            return w

        self.menimbang = teks("Satu pertimbangan per baris, mis. bahwa untuk … perlu …;", 64)
        self.mengingat = teks("Satu dasar hukum per baris, mis. Undang-Undang Nomor 14 Tahun 2008 tentang …;", 64)
        self.menetapkan = QLineEdit()
        self.menetapkan.setPlaceholderText(self.tr("Kosong: KEPUTUSAN <jabatan penanda tangan> TENTANG <hal>"))
        self.diktum = teks("Satu diktum per baris: KESATU, KEDUA, … diberikan otomatis", 80)
        self.lampiran_kep = teks("Opsional. Baris dengan | menjadi tabel, baris pertama judul kolom", 64)
        self.kep_box = QGroupBox(self.tr("Isi keputusan"))
        grid = QGridLayout(self.kep_box)
        for i, (label, w) in enumerate((("Menimbang", self.menimbang), ("Mengingat", self.mengingat),
                                        ("Menetapkan", self.menetapkan), ("Memutuskan", self.diktum),
                                        ("Lampiran", self.lampiran_kep))):
            grid.addWidget(QLabel(self.tr(label)), i, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(w, i, 1)
        self.baris_penuh(self.kep_box)
        self.fields.update({"menimbang": self.menimbang, "mengingat": self.mengingat, "diktum": self.diktum,
                            "menetapkan": self.menetapkan})

    def _keputusan(self) -> bool:
        """A keputusan typed here (one composed by its room, e.g. the SK Tim Monev, keeps "Isi surat")."""
        return bool(self.jenis.currentData() == "keputusan") and not (self.surat is not None and self.surat.sumber)

    def _ganti_jenis(self) -> None:
        kep = self._keputusan()
        if kep and not any(w.toPlainText().strip() for w in (self.menimbang, self.mengingat, self.diktum)):
            isi = KEP.urai(self.ringkasan.toPlainText())
            self.menimbang.setPlainText("\n".join(isi.menimbang))
            self.mengingat.setPlainText("\n".join(isi.mengingat))
            self.menetapkan.setText(isi.menetapkan)
            self.diktum.setPlainText("\n".join(isi.diktum))
            self.lampiran_kep.setPlainText(isi.lampiran)
        self.form.setRowVisible(self.ringkasan, not kep)
        self.kep_box.setVisible(kep)

    def _isi_keputusan(self) -> str:
        def baris(w: QPlainTextEdit) -> list[str]:
            return [x.strip() for x in w.toPlainText().splitlines() if x.strip()]

        return KEP.teks(KEP.IsiKeputusan(menimbang=baris(self.menimbang), mengingat=baris(self.mengingat),
                                         menetapkan=self.menetapkan.text().strip(), diktum=baris(self.diktum),
                                         lampiran=self.lampiran_kep.toPlainText()))

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
            self.paraf_box.tambah(p.pegawai_id, f"{p.nama} — {p.jabatan}", p.jenis)

    def _rantai_baku(self) -> None:
        self.paraf_box.isi_baku(self.jenis.currentData())

    def add_paraf(self) -> None:
        self.paraf_box.add_paraf()

    def kode_klasifikasi(self) -> str:
        data = self.kode.currentData()
        text = self.kode.currentText().strip()
        if data and text.startswith(str(data)):
            return str(data)
        return text.split(" ")[0] if text else ""

    def kirim(self) -> Callable[[], Any]:
        chain = self.paraf_box.rantai()
        mode = self.mode.currentText()
        isian = IsianKonsep(jenis=self.jenis.currentData(), hal=self.hal.text(), kepada=self.kepada.text(),
                            sifat=self.sifat.currentText(), lampiran=self.lampiran.text(),
                            kode_klasifikasi=self.kode_klasifikasi(), penandatangan_id=self.signer.currentData(),
                            mode_ttd="" if mode == "—" else mode,
                            ringkasan=self._isi_keputusan() if self._keputusan() else self.ringkasan.toPlainText())
        agenda, actor = self.ctx.services.agenda, self.ctx.actor
        if self.surat is not None:
            sid = self.surat.id
            return lambda: agenda.ubah_konsep(actor, sid, isian, chain)
        return lambda: agenda.buat_konsep(actor, isian, chain)

    def sesudah_simpan(self, hasil: Any) -> None:
        self.created = hasil

    def save(self) -> None:
        self.simpan()


class PengaturanDialog(DialogFormulir):
    """The office's tata naskah settings and the default paraf chain of each kind (Data Master's keepers)."""

    ROOMS: ClassVar[set[str]] = {"naskah"}
    LEBAR: ClassVar[int] = 620

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Pengaturan tata naskah", parent, tombol_simpan="Simpan pengaturan", tombol_batal="Tutup")
        agenda = ctx.services.agenda
        self.mundur = QComboBox()
        self.mundur.addItem(self.tr("Tolak (nomor mengikuti urutan tanda tangan)"), "tolak")
        self.mundur.addItem(self.tr("Beri nomor sisipan (mis. 12a)"), "sisipan")
        self.mundur.setCurrentIndex(self.mundur.findData(agenda.pengaturan("tanggal_mundur")))
        self.paraf = QCheckBox(self.tr("Cetak tabel paraf di samping tanda tangan"))
        self.paraf.setChecked(agenda.pengaturan("tabel_paraf") == "cetak")
        self.baris("tanggal_mundur", "Tanggal mundur", self.mundur)
        self.baris("tabel_paraf", "Tabel paraf", self.paraf)
        self.jenis = QComboBox()
        for key, label in JENIS_LABEL.items():
            self.jenis.addItem(label, key)
        self.konsep = RantaiParaf(ctx, self.tr("Rantai paraf baku per jenis naskah"))
        self.chain = self.konsep.chain
        box_lay = self.konsep.layout()
        assert box_lay is not None
        box_lay.insertWidget(0, self.jenis)  # type: ignore[attr-defined]
        self.save_chain = QPushButton(self.tr("Simpan rantai paraf jenis ini"))
        box_lay.addWidget(self.save_chain)
        self.baris_penuh(self.konsep)
        self.fields["paraf"] = self.chain
        self.jenis.currentIndexChanged.connect(self._muat)
        self.save_chain.clicked.connect(self.simpan_rantai)
        # the service keeps these for Data Master's keepers: read-only (with the reason) for everyone else
        wenang(ctx, R.MASTER_UBAH, self.simpan_btn, self.save_chain, self.mundur, self.paraf, self.konsep.add_btn,
               self.konsep.remove_btn)
        self._muat()

    def _muat(self) -> None:
        self.konsep.isi_baku(self.jenis.currentData())

    def simpan_rantai(self) -> None:
        agenda, actor, jenis, chain = self.ctx.services.agenda, self.ctx.actor, self.jenis.currentData(), self.konsep.rantai()
        label = self.jenis.currentText().lower()
        operasi(self.ctx, lambda: agenda.simpan_paraf_baku(actor, jenis, chain), rooms=self.ROOMS,
                title=self.tr("Menyimpan rantai paraf…"), parent=self, feedback=self.feedback, fields=self.fields,
                on_done=lambda _r: info(self, self.tr("Rantai paraf baku {jenis} disimpan.").format(jenis=label)))

    def kirim(self) -> Callable[[], Any]:
        agenda, actor = self.ctx.services.agenda, self.ctx.actor
        mundur, tabel = self.mundur.currentData(), "cetak" if self.paraf.isChecked() else "tidak"

        def call() -> None:
            agenda.simpan_pengaturan(actor, "tanggal_mundur", mundur)
            agenda.simpan_pengaturan(actor, "tabel_paraf", tabel)

        return call


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
        # the date and kind read whole; the subject (Hal) takes what is left (``widgets.PasKolom``)
        self.table = table_view(self.model, kunci=[1, 2], lentur=[3])
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
        if not ctx.can(R.NASKAH_KELOLA):  # konsep, paraf, tanda tangan, kirim, arsip: disabled, saying why
            for key, b in self.buttons.items():
                if key not in ("pratinjau", "lihat"):
                    b.setToolTip(alasan_tidak_berwenang(R.NASKAH_KELOLA))
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
        giliran = next((p for p in d.paraf if p.status == "menunggu"), None) if st == "paraf" else None
        self.buttons["setuju"].setToolTip(self.tr("Giliran paraf: %1").replace("%1", f"{giliran.nama} — {giliran.jabatan}")
                                          if giliran is not None else "")
        self.buttons["kembalikan"].setEnabled(st in TRANSITIONS["kembalikan"])
        self.buttons["koreksi"].setEnabled(st in TRANSITIONS["koreksi"])
        self.buttons["kirim"].setEnabled(st in TRANSITIONS["kirim"])
        self.buttons["arsip"].setEnabled(st in TRANSITIONS["arsipkan"])
        self.buttons["batal"].setEnabled(st in TRANSITIONS["batalkan"])

    def _do(self, action: Any) -> None:
        """One act on the selected letter, through ``operasi`` (task runner, one error display, ``changed``)."""
        row = self.selected()
        if row is None:
            return
        actor, sid = self.ctx.actor, row.id
        operasi(self.ctx, lambda: action(actor, sid), rooms={"naskah"}, title=self.tr("Menyimpan…"), parent=self,
                on_done=lambda _r: self.refresh(), on_error=lambda _e: self.refresh())

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
        operasi(self.ctx, lambda: agenda.tandatangani(actor, ids, tanggal), rooms={"naskah"},
                title=self.tr("Menandatangani…"), parent=self, on_done=lambda _r: self.refresh(),
                on_error=lambda _e: self.refresh())

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
        agenda = self.ctx.services.agenda

        def show(pdf: bytes) -> None:
            self._preview = PdfPreviewDialog(pdf, f"{v.nomor.replace('/', '-')}-v{v.versi}.pdf", self)
            self._preview.open()

        operasi(self.ctx, lambda: agenda.pdf_versi(v), rooms=(), title=self.tr("Membuka versi…"), parent=self,
                on_done=show)

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
        if row is None:
            return
        agenda = self.ctx.services.agenda

        def show(pdf: bytes | None) -> None:  # decrypted and verified off the GUI thread (core.lampiran)
            if pdf is None:
                info(self, self.tr("Arsip PDF tidak ditemukan di folder lampiran."))
                return
            self._preview = PdfPreviewDialog(pdf, f"{(row.nomor or 'surat').replace('/', '-')}.pdf", self)
            self._preview.open()

        operasi(self.ctx, lambda: agenda.pdf_arsip(row), rooms=(), title=self.tr("Membuka arsip…"), parent=self,
                on_done=show)

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
