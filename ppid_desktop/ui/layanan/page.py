"""Layanan Informasi: register permohonan / keberatan (lazy, SQL-filtered), entry form, report; the detail
screens are in ``detail.py`` (re-exported here)."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ppid_desktop.akun import roles as R  # noqa: N812
from ppid_desktop.layanan import rules as RU  # noqa: N812
from ppid_desktop.layanan.queries import KeberatanSource, PermohonanSource, RegisterFilter
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.dialog import DialogFormulir
from ppid_desktop.ui.layanan.detail import DetailKeberatan, DetailPermohonan, _lbl, _tgl  # the detail screens
from ppid_desktop.ui.layanan.formulir import PermohonanForm
from ppid_desktop.ui.layanan.laporan import LaporanDialog
from ppid_desktop.ui.models.lazy import Kolom, LazySqlTableModel, tooltip_bila_terpotong
from ppid_desktop.ui.operasi import operasi
from ppid_desktop.ui.widgets import (
    PageHeader,
    confirm,
    info,
    make_date_edit,
    pas_kolom,
    qdate_to_date,
    table_view,
    wenang,
    wenang_semua,
)

__all__ = ["KEBERATAN_KOLOM", "PERMOHONAN_KOLOM", "AnonimDialog", "DetailKeberatan", "DetailPermohonan",
           "LaporanDialog", "LayananPage", "PermohonanForm", "RegisterPanel"]

MERAH = QColor("#fde2e1")


PERMOHONAN_KOLOM = [
    Kolom("nomor", "Nomor"),
    Kolom("tanggal_diterima", "Diterima", _tgl),
    Kolom("nama", "Pemohon"),
    Kolom("saluran", "Saluran", _lbl(RU.SALURAN)),
    Kolom("opd", "OPD"),
    Kolom("rincian", "Rincian informasi"),
    Kolom("status", "Status", _lbl(RU.STATUS)),
    Kolom("tenggat_efektif", "Tenggat", lambda v, r: _tgl(v) + (" ⚠" if r.get("terlambat") else "")),
    Kolom("keputusan", "Keputusan", _lbl(RU.KEPUTUSAN)),
]
KEBERATAN_KOLOM = [
    Kolom("nomor", "Nomor keberatan"),
    Kolom("tanggal_diterima", "Diterima", _tgl),
    Kolom("nama", "Pengaju"),
    Kolom("permohonan", "Permohonan", lambda v, _r: v or "(tanpa)"),  # None: Pasal 35(1) b–g on its own
    Kolom("alasan", "Alasan (Pasal 35)", lambda v, _r: RU.pasal_label(v, RU.PASAL_35) if v else ""),
    Kolom("status", "Status", _lbl(RU.STATUS_KEBERATAN)),
    Kolom("tenggat_jawaban", "Tenggat jawaban", lambda v, r: _tgl(v) + (" ⚠" if r.get("terlambat") else "")),
    Kolom("putusan", "Putusan", _lbl(RU.PUTUSAN_KEBERATAN)),
]



class RegisterPanel(QWidget):
    """Filter bar + lazy table over one register."""

    def __init__(self, ctx: AppContext, source: Any, kolom: list[Kolom], *, permohonan: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.permohonan = permohonan
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.cari = QLineEdit()
        self.cari.setPlaceholderText(self.tr("Cari nomor, nama, rincian…"))
        self.cari.setClearButtonEnabled(True)
        self.status = QComboBox()
        self.status.addItem(self.tr("Semua status"), None)
        for k, v in (RU.STATUS if permohonan else RU.STATUS_KEBERATAN).items():
            self.status.addItem(v, k)
        self.opd = QComboBox()
        self.opd.addItem(self.tr("Semua OPD"), None)
        for o in ctx.services.master.daftar_opd():
            self.opd.addItem(o.singkatan or o.nama, o.id)
        self.saluran = QComboBox()
        self.saluran.addItem(self.tr("Semua saluran"), None)
        for k, v in RU.SALURAN.items():
            self.saluran.addItem(v, k)
        self.pakai_tanggal = QCheckBox(self.tr("Periode"))
        today = ctx.services.layanan.clock()
        self.dari = make_date_edit(date(today.year, 1, 1))
        self.sampai = make_date_edit(today)
        self.terlambat = QCheckBox(self.tr("Terlambat saja"))
        self.dijawab_terlambat = QCheckBox(self.tr("Dijawab terlambat"))
        self.dijawab_terlambat.setObjectName("filter_dijawab_terlambat")
        self.dijawab_terlambat.setToolTip(self.tr(
            "Pemberitahuan tertulis melewati 10 hari kerja, atau 17 hari kerja bila diperpanjang tepat waktu"))
        # Two rows (search; filters), combos sized to a few characters rather than their longest item and
        # short dates, so the panel fits a 1280-px window (1366x768 laptops) without widening it.
        self.cari.setMinimumWidth(240)
        for combo in (self.status, self.opd, self.saluran):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
        for edit in (self.dari, self.sampai):
            edit.setDisplayFormat("dd-MM-yyyy")
        bar.addWidget(self.cari, 1)
        bar.addWidget(self.terlambat)
        bar.addWidget(self.dijawab_terlambat)
        filters = QHBoxLayout()
        for w in (self.status, self.opd, self.saluran, self.pakai_tanggal, self.dari, self.sampai):
            filters.addWidget(w)
        filters.addStretch(1)
        lay.addLayout(bar)
        lay.addLayout(filters)
        self.saluran.setVisible(permohonan)  # after parenting: a parentless widget shown flashes a window
        self.dijawab_terlambat.setVisible(permohonan)
        # Pages and counts are read on the model's worker threads through the store's pool (inline when
        # the tests run tasks inline); nothing loads until reload() below, after the view is set up.
        from ppid_desktop.ui.tasks import SyncTaskRunner

        self.model = LazySqlTableModel(source, kolom, store=ctx.services.store,
                                       threaded=not isinstance(ctx.tasks, SyncTaskRunner), autoload=False,
                                       row_brush=lambda r: MERAH if r.get("terlambat") else None, parent=self)
        self.view = table_view(self.model, sortable=True, kosong=self.tr(
            "Tidak ada yang cocok dengan pencarian dan saringan ini. Hapus kata pencarian, pilih “Semua status” "
            "dan “Semua OPD”, atau matikan “Terlambat saja”.") if permohonan else self.tr(
            "Tidak ada keberatan yang cocok. Ubah pencarian atau saringan di atas."))
        self.view.horizontalHeader().setSortIndicator(1, Qt.SortOrder.DescendingOrder)
        self.view.verticalHeader().setDefaultSectionSize(24)
        # Column fitting reads the visible rows only: Qt's default (1,000 rows) made every reload, count
        # and page arrival ask the lazy model for 1,000 rows and their pages on the GUI thread (~0.4 s at 1M).
        self.view.horizontalHeader().setResizeContentsPrecision(0)
        # the free text (rincian / alasan) is the elastic column; the key columns (nomor, pemohon, status,
        # tenggat) keep their content width (``widgets.PasKolom``)
        pas_kolom(self.view, lentur=[i for i, k in enumerate(kolom) if k.key in ("rincian", "alasan")])
        tooltip_bila_terpotong(self.view)  # a cut cell shows its whole text on hover
        lay.addWidget(self.view)
        from ppid_desktop.ui.sinkron_tanda import pasang_tanda_register  # sync conflict marks
        self.tanda = pasang_tanda_register(ctx, self.view, self.model, "permohonan" if permohonan else "keberatan")
        self.count = QLabel()
        lay.addWidget(self.count)
        self.model.reloaded.connect(self._hitung)
        self.model.reload()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.apply)
        self.cari.textChanged.connect(lambda _t: self._timer.start())
        for combo in (self.status, self.opd, self.saluran):
            combo.currentIndexChanged.connect(lambda _i: self.apply())
        for chk in (self.pakai_tanggal, self.terlambat, self.dijawab_terlambat):
            chk.toggled.connect(lambda _b: self.apply())
        self.dari.dateChanged.connect(lambda _d: self.pakai_tanggal.isChecked() and self.apply())
        self.sampai.dateChanged.connect(lambda _d: self.pakai_tanggal.isChecked() and self.apply())

    def _hitung(self, n: int) -> None:
        if self.model.total is None:  # the first screen is shown; the count is on its way
            self.count.setText(self.tr("Menghitung baris…"))
        else:
            self.count.setText(self.tr("%1 baris").replace("%1", RU.angka(n)))

    def filter(self) -> RegisterFilter:
        st = self.status.currentData()
        periode = self.pakai_tanggal.isChecked()
        return RegisterFilter(
            status=(st,) if st else (), opd_id=self.opd.currentData(), saluran=self.saluran.currentData() if self.permohonan else None,
            dari=qdate_to_date(self.dari.date()) if periode else None,
            sampai=qdate_to_date(self.sampai.date()) if periode else None,
            terlambat=self.terlambat.isChecked(), cari=self.cari.text(), hari_ini=self.ctx.services.layanan.clock(),
            dijawab_terlambat=self.permohonan and self.dijawab_terlambat.isChecked(),
        )

    def apply(self) -> None:
        self.model.set_filter(self.filter())

    def current(self) -> dict[str, Any] | None:
        idx = self.view.currentIndex()
        return self.model.row_data(idx.row()) if idx.isValid() else None



class LayananPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        lay = QVBoxLayout(self)
        lay.addWidget(PageHeader(self.tr("Layanan Informasi"),
                                 self.tr("Register permohonan dan keberatan, tenggat hari kerja, dokumen dan laporan")))
        tools = QHBoxLayout()
        self.btn_baru = QPushButton(self.tr("Permohonan baru (Ctrl+N)"))
        self.btn_buka = QPushButton(self.tr("Buka"))
        self.btn_register = QPushButton(self.tr("Cetak register…"))
        self.btn_laporan = QPushButton(self.tr("Laporan layanan…"))
        self.btn_anonim = QPushButton(self.tr("Anonimkan data pribadi…"))
        self.btn_anonim.setToolTip(self.tr("Anonimkan data pribadi yang lewat masa retensi (UU 27/2022)"))
        self.btn_anonim.clicked.connect(lambda: AnonimDialog(self.ctx, self).exec() and self.refresh())
        for b in (self.btn_baru, self.btn_buka, self.btn_register, self.btn_laporan, self.btn_anonim):
            tools.addWidget(b)
        tools.addStretch(1)
        lay.addLayout(tools)
        self.btn_anonim.setVisible(ctx.can(R.MASTER_UBAH) and ctx.can(R.PDP_LIHAT))  # after parenting: no window flash
        self.tabs = QTabWidget()
        today = ctx.services.layanan.clock()
        self.permohonan = RegisterPanel(ctx, PermohonanSource(filter=RegisterFilter(hari_ini=today)), PERMOHONAN_KOLOM,
                                        permohonan=True)
        self.keberatan = RegisterPanel(ctx, KeberatanSource(filter=RegisterFilter(hari_ini=today)), KEBERATAN_KOLOM,
                                       permohonan=False)
        self.tabs.addTab(self.permohonan, self.tr("Register permohonan"))
        self.tabs.addTab(self.keberatan, self.tr("Register keberatan"))
        lay.addWidget(self.tabs)
        wenang(ctx, R.LAYANAN_CATAT, self.btn_baru)
        wenang(ctx, R.PDP_LIHAT, self.btn_register)  # the register names requesters (``dokumen.cetak_register``)
        self.btn_baru.clicked.connect(self.baru)
        self.btn_buka.clicked.connect(self.buka)
        self.btn_register.clicked.connect(self.cetak_register)
        self.btn_laporan.clicked.connect(self.laporan)
        self.permohonan.view.doubleClicked.connect(lambda _i: self.buka())
        self.keberatan.view.doubleClicked.connect(lambda _i: self.buka())
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.baru)
        # keberatan without a permohonan (Pasal 35(1) b–g): shown on the keberatan register's tab
        self.btn_keberatan_baru = QPushButton(self.tr("Keberatan baru…"))
        self.btn_keberatan_baru.setObjectName("keberatan_baru")
        tools.insertWidget(1, self.btn_keberatan_baru)
        wenang(ctx, R.LAYANAN_CATAT, self.btn_keberatan_baru)
        self.btn_keberatan_baru.clicked.connect(self.keberatan_baru)
        self.tabs.currentChanged.connect(lambda _i: self.btn_keberatan_baru.setVisible(
            self.tabs.currentWidget() is self.keberatan))
        self.btn_keberatan_baru.setVisible(False)

    def keberatan_baru(self) -> None:
        from ppid_desktop.ui.layanan.keberatan_baru import KeberatanBaru

        dlg = KeberatanBaru(self.ctx, self)
        if dlg.exec():
            k, warnings = dlg.hasil
            for w in warnings:
                info(self, w)
            self.keberatan.apply()
            DetailKeberatan(self.ctx, k.id, self).exec()

    def refresh(self) -> None:
        self.permohonan.apply()
        self.keberatan.apply()

    def baru(self) -> None:
        if not self.ctx.can(R.LAYANAN_CATAT):
            return
        dlg = PermohonanForm(self.ctx, self)
        if dlg.exec():
            self.permohonan.apply()
            DetailPermohonan(self.ctx, dlg.created.id, self).exec()

    def buka(self) -> None:
        if self.tabs.currentWidget() is self.keberatan:
            row = self.keberatan.current()
            if row:
                DetailKeberatan(self.ctx, row["id"], self).exec()
                self.keberatan.apply()
            return
        row = self.permohonan.current()
        if row:
            DetailPermohonan(self.ctx, row["id"], self).exec()
            self.permohonan.apply()

    def cetak_register(self) -> None:
        from ppid_desktop.layanan import dokumen

        f = self.permohonan.filter()
        dari = f.dari or qdate_to_date(self.permohonan.dari.date())
        sampai = f.sampai or qdate_to_date(self.permohonan.sampai.date())
        ctx = self.ctx

        def done(pdf: bytes) -> None:
            from ppid_desktop.ui.naskah.preview import PdfPreviewDialog

            PdfPreviewDialog(pdf, f"register-permohonan-{dari}-{sampai}.pdf", self).show()

        operasi(ctx, lambda: dokumen.cetak_register(ctx.services, ctx.actor, dari, sampai, f), rooms=(),
                title=self.tr("Menyiapkan register…"), parent=self, on_done=done)

    def laporan(self) -> None:
        LaporanDialog(self.ctx, self).exec()

    def smoke(self) -> None:
        for dlg in (PermohonanForm(self.ctx, self), LaporanDialog(self.ctx, self), AnonimDialog(self.ctx, self)):
            dlg.show()
            dlg.close()



class AnonimDialog(DialogFormulir):
    """"Anonimkan data pribadi yang lewat masa retensi": the retention period (a default of 5 years after
    closing, to adjust to the pemda's JRA), a preview (dry run) and the irreversible run in one transaction.
    On the form-dialog base: "Periksa (tanpa mengubah)" and "Anonimkan" run through ``operasi``."""

    ROOMS: ClassVar[set[str]] = {"layanan"}
    LEBAR: ClassVar[int] = 620

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Anonimkan data pribadi yang lewat masa retensi", parent, tombol_simpan="Anonimkan",
                         tombol_batal="Tutup")
        intro = QLabel(self.tr(
            "NIK, alamat, telepon, e-mail, nama kuasa dan lampiran (scan KTP, surat kuasa, surat) permohonan yang "
            "sudah selesai dan lewat masa retensinya dihapus permanen. Nomor, tanggal, saluran, jenis pemohon, OPD, "
            "keputusan dan riwayat tetap untuk laporan tahunan. Masa retensi bawaan 5 tahun setelah permohonan "
            "selesai: sesuaikan dengan Jadwal Retensi Arsip (JRA) pemda."))
        intro.setWordWrap(True)
        intro.setMinimumWidth(360)  # wraps instead of stretching the dialog to one long line
        self.baris_penuh(intro)
        self.tahun = QSpinBox()
        self.tahun.setRange(1, 100)
        self.tahun.setValue(ctx.services.layanan.retensi_tahun())
        self.tahun.setSuffix(self.tr(" tahun setelah selesai"))
        self.sampai = make_date_edit(ctx.services.layanan.clock())
        self.baris("tahun", "Masa retensi", self.tahun)
        self.baris("sampai", "Retensi berakhir sampai", self.sampai)
        self.ringkasan = QLabel()
        self.ringkasan.setWordWrap(True)
        self.baris_penuh(self.ringkasan)
        self.btn_periksa = QPushButton(self.tr("Periksa (tanpa mengubah)"))
        self.buttons.addButton(self.btn_periksa, self.buttons.ButtonRole.ActionRole)
        self.btn_periksa.clicked.connect(lambda: self.jalankan(dry_run=True))
        self.btn_jalankan = self.simpan_btn
        self.btn_jalankan.setProperty("danger", True)
        self.btn_jalankan.setDefault(False)
        self.btn_periksa.setDefault(True)
        self.btn_tutup = self.batal_btn
        self.hasil: dict[str, Any] | None = None
        self.konfirmasi: Any = lambda teks: confirm(self, teks)
        # the service requires both (``retensi.anonimkan``): otherwise read-only with the reason
        if not wenang_semua(ctx, (R.MASTER_UBAH, R.PDP_LIHAT), self.btn_periksa, self.btn_jalankan):
            self.tahun.setEnabled(False)
            self.sampai.setEnabled(False)

    def simpan(self) -> None:  # the primary button: the irreversible run, after a fresh check
        self.jalankan(dry_run=False)

    def jalankan(self, *, dry_run: bool) -> None:
        """Both passes scan every closed request (and recompute retention when it changed): on a worker."""
        lay, actor = self.ctx.services.layanan, self.ctx.actor
        tahun, sampai = self.tahun.value(), qdate_to_date(self.sampai.date())

        def periksa() -> dict[str, Any]:  # "tanpa mengubah": a new period is only tried, not saved
            return dict(lay.anonimkan(actor, sampai, dry_run=True, tahun=tahun))

        def sesudah_periksa(cek: dict[str, Any]) -> None:
            if dry_run:
                self._tampilkan(cek, dry_run=True)
                return
            if not cek["permohonan"]:
                self.feedback.clear_problems()
                self.ringkasan.setText(self.tr("Tidak ada permohonan yang lewat masa retensi."))
                return
            if not self.konfirmasi(self.tr("Hapus permanen data pribadi %1 permohonan dan %2 lampiran?")
                                   .replace("%1", str(cek["permohonan"])).replace("%2", str(cek["lampiran"]))):
                return
            operasi(self.ctx, lambda: lay.anonimkan(actor, sampai, tahun=tahun), rooms=self.ROOMS,
                    title=self.tr("Menganonimkan data pribadi…"), parent=self, feedback=self.feedback,
                    fields=self.fields, on_done=lambda r: self._tampilkan(r, dry_run=False))

        operasi(self.ctx, periksa, rooms=(), title=self.tr("Memeriksa masa retensi…"), parent=self,
                feedback=self.feedback, fields=self.fields, on_done=sesudah_periksa)

    def _tampilkan(self, r: dict[str, Any], *, dry_run: bool) -> None:
        self.hasil = r
        self.feedback.clear_problems()
        verb = self.tr("akan dianonimkan") if dry_run else self.tr("dianonimkan")
        self.ringkasan.setText(
            f"{RU.angka(r['permohonan'])} permohonan {verb}; {RU.angka(r['lampiran'])} lampiran; "
            f"{RU.angka(r['dilewati'])} dilewati (keberatan/sengketa belum selesai).")
