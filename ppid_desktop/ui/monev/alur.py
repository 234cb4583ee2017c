"""Monev › Alur SOP and Monev › SOP: the step tracker of a programme's SOP run (current step, who must
act, documents, acts, decisions with a note, disposisi), the compliance view against the waktu baku,
the self-assessment workbook per unit, and the SOP list with print and a simple editor."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ppid_desktop.akun import roles as R
from ppid_desktop.monev.alur import STATUS_LANGKAH
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.dialog import DialogFormulir
from ppid_desktop.ui.listmodel import Column, ListTableModel
from ppid_desktop.ui.operasi import operasi
from ppid_desktop.ui.widgets import alasan_tidak_berwenang, info, show_error, table_view, ukuran_pas, wenang

WARNA = {"selesai": QColor("#e3f3e6"), "berjalan": QColor("#fff4d6"), "unit": QColor("#fff4d6")}
LEWAT = QColor("#fde2e1")


def _menit(x: int | None) -> str:
    """A duration in its two largest units ("24 hari 16 jam", "2 jam", "45 menit"), not "35529 menit"."""
    if x is None:
        return "-"
    jam, menit = divmod(x, 60)
    hari, jam = divmod(jam, 24)
    parts = [f"{n} {u}" for n, u in ((hari, "hari"), (jam, "jam"), (menit, "menit")) if n]
    return " ".join(parts[:2]) or "0 menit"


def _tolak_peran(ctx: AppContext, permission: str, button: QWidget) -> None:
    """Keep ``button`` as its state left it when the role may; otherwise disabled with the reason."""
    if not ctx.can(permission):
        button.setEnabled(False)
        button.setToolTip(alasan_tidak_berwenang(permission))


class LangkahModel(ListTableModel[Any]):
    """Steps of a run; the row is coloured by status, red when a visit overran its standard time."""

    def __init__(self) -> None:
        super().__init__([
            Column("No", lambda r: r.no, True), Column("Kegiatan", lambda r: r.kegiatan),
            Column("Pelaksana", lambda r: r.pelaksana), Column("Status", lambda r: STATUS_LANGKAH.get(r.status, r.status)),
            Column("Waktu baku", lambda r: _menit(r.waktu_baku_menit)),
            Column("Aktual", lambda r: _menit(r.waktu_aktual_menit)), Column("Lewat", lambda r: r.melampaui or "", True),
        ])

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return super().data(index, Qt.ItemDataRole.DisplayRole)
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid():
            r = self.rows[index.row()]
            c = LEWAT if r.melampaui else WARNA.get(r.status)
            return QBrush(c) if c is not None else None
        return super().data(index, role)


class AksiDialog(DialogFormulir):
    """Complete a step, decide a decision step, or record a disposisi."""

    ROOMS = {"monev"}
    JUDUL = {"selesai": "Selesaikan langkah", "keputusan": "Keputusan", "disposisi": "Disposisi"}

    def __init__(self, ctx: AppContext, alur_id: str, mode: str, langkah: Any, parent: QWidget | None = None) -> None:
        super().__init__(ctx, f"{self.JUDUL[mode]} {langkah.no}", parent)
        self.alur_id, self.mode = alur_id, mode
        kepala = QLabel(f"<b>{langkah.no}. {langkah.kegiatan}</b><br/>{self.tr('Pelaksana')}: {langkah.pelaksana} "
                        f"({self.tr('peran')} {langkah.peran})")
        kepala.setWordWrap(True)
        self.form.addRow(kepala)
        self.pilihan = QComboBox()
        self.kepada = QLineEdit()
        self.instruksi = QPlainTextEdit()
        self.catatan = QPlainTextEdit()
        self.dokumen = QLineEdit()
        if mode == "keputusan":
            for c in langkah.keputusan:
                back = int(c["ke"]) <= langkah.no
                self.pilihan.addItem(f"{c['label']} → langkah {c['ke']}" + (self.tr(" (kembali)") if back else ""),
                                     c["label"])
            self.baris("keputusan", "Keputusan", self.pilihan)
            self.baris("catatan", "Catatan (wajib bila kembali)", self.catatan)
        elif mode == "disposisi":
            self.baris("kepada", "Kepada", self.kepada)
            self.baris("instruksi", "Instruksi", self.instruksi)
        else:
            self.baris("catatan", "Catatan", self.catatan)
            self.baris("dokumen", "Dokumen (nomor/berkas)", self.dokumen)

    def kirim(self) -> Callable[[], Any]:
        m, a, alur_id = self.ctx.services.monev, self.ctx.actor, self.alur_id
        catatan = self.catatan.toPlainText()
        if self.mode == "keputusan":
            pilihan = str(self.pilihan.currentData() or "")
            return lambda: m.putuskan(a, alur_id, pilihan, catatan=catatan)
        if self.mode == "disposisi":
            kepada, instruksi = self.kepada.text(), self.instruksi.toPlainText()
            return lambda: m.disposisi(a, alur_id, kepada, instruksi)
        dokumen = self.dokumen.text()
        return lambda: m.selesaikan_langkah(a, alur_id, catatan=catatan, dokumen=dokumen)


class AlurTab(QWidget):
    """The tracker of the selected programme's SOP run, its unit runs, compliance and workbooks."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.m = ctx.services.monev
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        self.program = QComboBox()
        self.program.currentIndexChanged.connect(lambda *_: self.tampilkan())
        self.sop = QComboBox()
        self.btn_mulai = QPushButton(self.tr("Jalankan SOP"))
        self.btn_mulai.clicked.connect(self.mulai)
        top.addWidget(QLabel(self.tr("Program")))
        top.addWidget(self.program, 2)
        top.addWidget(QLabel(self.tr("SOP")))
        top.addWidget(self.sop, 2)
        top.addWidget(self.btn_mulai)
        lay.addLayout(top)
        self.judul = QLabel()
        self.judul.setWordWrap(True)
        lay.addWidget(self.judul)
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        self.unit_model = ListTableModel[Any]([
            Column("Alur", lambda r: r[1]), Column("Langkah", lambda r: r[0].langkah, True),
            Column("Status", lambda r: "Selesai" if r[0].status == "selesai" else "Berjalan"),
        ])
        self.unit_table = table_view(self.unit_model)
        self.unit_table.setWordWrap(True)  # long names wrap onto a second line instead of "Dinas …"
        self.unit_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        uh = self.unit_table.horizontalHeader()
        uh.setStretchLastSection(False)
        uh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2):
            uh.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.unit_table.selectionModel().currentRowChanged.connect(lambda *_: self._show_run())
        ll.addWidget(QLabel(self.tr("Alur program dan per unit")))
        ll.addWidget(self.unit_table, 1)
        wb = QHBoxLayout()
        self.btn_lk = QPushButton(self.tr("Lembar kerja unit…"))
        self.btn_lk.setToolTip(self.tr("Ekspor lembar kerja evaluasi mandiri (.xlsx) untuk unit terpilih"))
        self.btn_lk.clicked.connect(self._ekspor_dialog)
        self.btn_impor = QPushButton(self.tr("Impor jawaban…"))
        self.btn_impor.clicked.connect(self._impor_dialog)
        wb.addWidget(self.btn_lk)
        wb.addWidget(self.btn_impor)
        ll.addLayout(wb)
        split.addWidget(left)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        self.langkah = LangkahModel()
        self.table = table_view(self.langkah)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        h = self.table.horizontalHeader()
        h.setStretchLastSection(False)
        for c in range(7):
            h.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        h.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        h.resizeSection(2, 170)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._detail())
        rl.addWidget(self.table, 3)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.detail.linkActivated.connect(self.buka_tautan)
        rl.addWidget(self.detail, 1)
        act = QHBoxLayout()
        self.btn_selesai = QPushButton(self.tr("Selesaikan langkah…"))
        self.btn_putus = QPushButton(self.tr("Keputusan…"))
        self.btn_dispo = QPushButton(self.tr("Disposisi…"))
        self.btn_siklus = QPushButton(self.tr("Siklus baru"))
        self.btn_cetak = QPushButton(self.tr("Laporan kepatuhan (PDF)…"))
        self.btn_selesai.clicked.connect(lambda: self.aksi("selesai"))
        self.btn_putus.clicked.connect(lambda: self.aksi("keputusan"))
        self.btn_dispo.clicked.connect(lambda: self.aksi("disposisi"))
        self.btn_siklus.clicked.connect(self.siklus)
        self.btn_cetak.clicked.connect(self._cetak_dialog)
        for b in (self.btn_selesai, self.btn_putus, self.btn_dispo, self.btn_siklus):
            act.addWidget(b)
        act.addStretch(1)
        act.addWidget(self.btn_cetak)
        rl.addLayout(act)
        self.kepatuhan = QLabel()
        rl.addWidget(self.kepatuhan)
        split.addWidget(right)
        split.setSizes([300, 900])
        lay.addWidget(split, 1)
        self.view: Any = None
        self.kelola = ctx.can(R.MONEV_KELOLA)
        wenang(ctx, R.MONEV_LAPANGAN, self.btn_impor)

    # ------------------------------------------------------------------ data
    def refresh(self) -> None:
        cur = self.program.currentData()
        self.program.blockSignals(True)
        self.program.clear()
        for p in self.m.daftar_program():
            self.program.addItem(f"{p['nama']} ({p['periode']})", p["id"])
        if cur:
            self.program.setCurrentIndex(max(0, self.program.findData(cur)))
        self.program.blockSignals(False)
        if self.sop.count() == 0:
            for s in self.m.daftar_sop():
                self.sop.addItem(f"{s['kode']} — {s['nama']}", s["kode"])
        self.tampilkan()

    def program_id(self) -> str | None:
        pid = self.program.currentData()
        return str(pid) if pid else None

    def tampilkan(self) -> None:
        pid = self.program_id()
        alur = self.m.alur_program(pid) if pid else None
        rows: list[tuple[Any, str]] = []
        if alur is not None:
            rows = [(alur, self.tr("Program (siklus {n})").format(n=alur.siklus))]
            rows += [(u, f"{n} (siklus {u.siklus})") for u, n in self.m.alur_unit(alur.id) if u.siklus == alur.siklus]
        self.unit_model.set_rows(rows)
        self.btn_mulai.setEnabled(pid is not None and (alur is None or alur.status == "selesai"))
        _tolak_peran(self.ctx, R.MONEV_KELOLA, self.btn_mulai)
        if rows:
            self.unit_table.selectRow(0)
        self._show_run()
        if alur is not None and pid:
            k = self.m.kepatuhan(pid)
            self.kepatuhan.setText(self.tr("Kepatuhan waktu baku: {a} langkah tepat waktu, {b} melampaui; total aktual "
                                           "{c} dari baku {d}.").format(a=k["tepat_waktu"], b=k["melampaui"],
                                                                       c=_menit(k["waktu_aktual_menit"]),
                                                                       d=_menit(k["waktu_baku_menit"])))
        else:
            self.kepatuhan.setText(self.tr("Program ini belum menjalankan SOP: pilih SOP lalu Jalankan SOP."))

    def current_run(self) -> Any:
        idx = self.unit_table.currentIndex()
        return self.unit_model.row_at(idx.row())[0] if idx.isValid() else None

    def _show_run(self) -> None:
        run = self.current_run()
        if run is None:
            self.view = None
            self.langkah.set_rows([])
            self.judul.setText("")
            self._detail()
            return
        self.view = self.m.lihat_alur(run.id)
        self.langkah.set_rows(self.view.langkah)
        sop = self.view.sop
        self.judul.setText(f"<b>SOP {sop['kode']}</b> — {sop['nama']} ({sop.get('asal', '')})")
        k = self.view.sekarang
        if k is not None:
            self.table.selectRow(k.no - 1)
        self._detail()

    def _detail(self) -> None:
        v = self.view
        k = v.sekarang if v is not None else None
        for b in (self.btn_selesai, self.btn_putus, self.btn_dispo):
            b.setEnabled(False)
        self.btn_siklus.setEnabled(bool(v is not None and v.sop.get("siklus") and v.alur.status == "selesai"
                                        and v.alur.opd_id is None))
        _tolak_peran(self.ctx, R.MONEV_KELOLA, self.btn_siklus)
        idx = self.table.currentIndex()
        sel = self.langkah.row_at(idx.row()) if idx.isValid() else k
        if sel is None:
            self.detail.setText(self.tr("Alur selesai.") if v is not None else "")
            return
        aksi = "<br/>".join(
            f"{a.waktu:%d-%m-%Y %H.%M} — {a.oleh}: " + (f"keputusan <b>{a.keputusan}</b>" if a.keputusan else
                                                        f"disposisi kepada {a.kepada}: {a.instruksi}" if a.jenis == "disposisi"
                                                        else "selesai") + (f" — {a.catatan}" if a.catatan else "")
            for a in sel.aksi if a.waktu) or self.tr("Belum ada tindakan.")
        self.detail.setText(
            f"<b>{sel.no}. {sel.kegiatan}</b><br/>{self.tr('Harus bertindak')}: {sel.pelaksana} "
            f"({self.tr('peran')} {sel.peran})<br/>{self.tr('Kelengkapan')}: {sel.kelengkapan or '-'}<br/>"
            f"{self.tr('Output')}: {sel.output or '-'}" + self._naskah(sel) + f"<br/>{aksi}")
        alasan = v.alasan_tolak(self.ctx.actor) if v is not None else None
        for b in (self.btn_selesai, self.btn_putus, self.btn_dispo):
            b.setToolTip(alasan or "")  # who must act on this step, when it is not this user
        if k is not None and sel.no == k.no and k.status == "berjalan" and alasan is None:
            self.btn_putus.setEnabled(bool(k.keputusan))
            self.btn_selesai.setEnabled(not k.keputusan)
            self.btn_dispo.setEnabled(True)

    def _naskah(self, sel: Any) -> str:
        """The documents a step needs/produces: a link to open each (agenda letter, the unit's session with
        its evidence), its state, and what is not there yet."""
        from html import escape

        from ppid_desktop.monev import naskah_agenda as NA

        pid, run = self.program_id(), self.current_run()
        if not sel.dokumen or pid is None:
            return ""
        docs = NA.dokumen_langkah(self.ctx.services, pid, sel.dokumen, run.opd_id if run is not None else None)
        parts = [(f'<a href="{d.tautan}">{escape(d.label)}</a>' if d.tautan else escape(d.label))
                 + f" — {escape(d.keadaan)}" for d in docs]
        out = "<br/>" + self.tr("Dokumen") + ": " + "; ".join(parts)
        kurang = [escape(d.label) for d in docs if d.ada is False]
        if kurang:
            out += "<br/><b>" + self.tr("Belum ada") + ":</b> " + ", ".join(kurang)
        return out

    def buka_tautan(self, href: str) -> Any:
        """Open what a step's document link points at: an agenda letter (its PDF) or a unit's session."""
        jenis, _, ident = href.partition(":")
        if jenis == "sesi":
            from ppid_desktop.ui.monev.sesi import SesiDialog

            self._sesi_dlg = SesiDialog(self.ctx, ident, self)
            self._sesi_dlg.open()
            return self._sesi_dlg
        if jenis == "agenda":
            from ppid_desktop.ui.naskah.preview import PdfPreviewDialog

            agenda = self.ctx.services.agenda

            def show(pdf: bytes) -> None:
                self._pratinjau = PdfPreviewDialog(pdf, "naskah.pdf", self)
                self._pratinjau.open()

            self.ctx.tasks.run(lambda _p: agenda.cetak(ident), title=self.tr("Menyusun naskah…"), on_done=show,
                               parent=self)
        return None

    # --------------------------------------------------------------- actions
    def mulai(self) -> None:
        pid = self.program_id()
        if pid is None:
            return
        m, actor, kode = self.m, self.ctx.actor, str(self.sop.currentData())
        self._jalankan(lambda: m.mulai_alur(actor, kode, program_id=pid), self.tr("Menjalankan SOP…"))

    def _jalankan(self, call: Callable[[], Any], judul: str) -> None:
        """Run an act on the run through the one operation wrapper, then show the run again."""
        operasi(self.ctx, call, rooms={"monev"}, title=judul, parent=self, on_done=lambda _r: self.tampilkan(),
                on_error=lambda _e: self.tampilkan())

    def aksi(self, mode: str) -> AksiDialog | None:
        run, k = self.current_run(), self.view.sekarang if self.view is not None else None
        if run is None or k is None:
            return None
        dlg = AksiDialog(self.ctx, run.id, mode, k, self)
        dlg.accepted.connect(self.tampilkan)
        dlg.open()
        return dlg

    def siklus(self) -> None:
        run = self.current_run()
        if run is None:
            return
        m, actor = self.m, self.ctx.actor
        self._jalankan(lambda: m.siklus_baru(actor, run.id), self.tr("Memulai siklus baru…"))

    def _unit_kode(self) -> str | None:
        run = self.current_run()
        if run is None or run.opd_id is None:
            return None
        o = self.ctx.services.master.ambil_opd(run.opd_id)
        return o.kode if o else None

    def ekspor_lembar_kerja(self, path: str, unit_kode: str) -> None:
        from ppid_desktop.monev.lembar_kerja import ekspor_lembar_kerja

        pid = self.program_id()
        if pid is None:
            return
        self.ctx.tasks.run(lambda _p: ekspor_lembar_kerja(self.ctx.services, pid, unit_kode, path),
                           title=self.tr("Menulis lembar kerja…"), parent=self, cancellable=False,
                           on_done=lambda n: info(self, self.tr("Lembar kerja {n} pertanyaan disimpan ke {f}.")
                                                  .format(n=n, f=path)))

    def impor_jawaban(self, path: str, dry_run: bool = False) -> None:
        def done(h: Any) -> None:
            if h.galat:
                show_error(self, self.tr("Lembar kerja tidak diimpor:\n") + "\n".join(
                    f"- {p.where()}: {p.message}" if p.where() else f"- {p.message}" for p in h.galat[:12]))
            else:
                info(self, h.ringkasan())
            self.tampilkan()

        self.ctx.tasks.run(lambda _p: self.ctx.services.rekap.impor(self.ctx.actor, "jawaban", path, dry_run=dry_run),
                           title=self.tr("Mengimpor jawaban…"), parent=self, cancellable=False, on_done=done)

    def cetak_laporan(self, path: str) -> None:
        from ppid_desktop.monev.cetak import cetak, tulis_pdf

        pid = self.program_id()
        if pid is None:
            return
        self.ctx.tasks.run(lambda _p: tulis_pdf(path, cetak(self.ctx.services, "laporan-program", pid)),
                           title=self.tr("Mencetak laporan program…"), parent=self, cancellable=False,
                           on_done=lambda _r: info(self, self.tr("Laporan disimpan ke {f}.").format(f=path)))

    def _ekspor_dialog(self) -> None:
        kode = self._unit_kode()
        if kode is None:
            show_error(self, self.tr("Pilih alur sebuah unit di daftar kiri."))
            return
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Simpan lembar kerja"), f"lembar-kerja-{kode}.xlsx",
                                              "Excel (*.xlsx)")
        if name:
            self.ekspor_lembar_kerja(name, kode)

    def _impor_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Impor lembar kerja"), "", "Excel (*.xlsx)")
        if name:
            self.impor_jawaban(name)

    def _cetak_dialog(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Simpan laporan"), "laporan-program.pdf", "PDF (*.pdf)")
        if name:
            self.cetak_laporan(name)


class LangkahEditModel(QAbstractTableModel):
    """Editable steps of an SOP (the office's own version)."""

    KOLOM = (("kegiatan", "Kegiatan"), ("pelaksana", "Pelaksana"), ("kelengkapan", "Kelengkapan"),
             ("waktu", "Waktu"), ("output", "Output"))

    def __init__(self, steps: list[dict[str, Any]]) -> None:
        super().__init__()
        self.steps = steps

    def rowCount(self, parent: QModelIndex | Any = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.steps)

    def columnCount(self, parent: QModelIndex | Any = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.KOLOM)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.KOLOM[section][1] if orientation == Qt.Orientation.Horizontal else str(section + 1)

    def data(self, index: QModelIndex | Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole,
                                               Qt.ItemDataRole.ToolTipRole):
            return None
        return str(self.steps[index.row()].get(self.KOLOM[index.column()][0]) or "")

    def flags(self, index: QModelIndex | Any) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: QModelIndex | Any, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        self.steps[index.row()][self.KOLOM[index.column()][0]] = str(value).strip()
        self.dataChanged.emit(index, index)
        return True


class SopEditor(DialogFormulir):
    """A simple editor: identity fields and the steps table (decisions and roles stay as shipped)."""

    ROOMS = {"monev"}
    LEBAR = 1100

    def __init__(self, ctx: AppContext, kode: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, f"Ubah SOP {kode}", parent)
        self.sop = ctx.services.monev.sop(kode)
        labels = {"nama": "Nama SOP", "nomor": "Nomor SOP", "tanggal_pembuatan": "Tanggal pembuatan",
                  "tanggal_revisi": "Tanggal revisi", "tanggal_efektif": "Tanggal efektif", "disahkan_oleh": "Disahkan oleh"}
        self.w = {k: self.baris(k, label, QLineEdit(str(self.sop.get(k) or ""))) for k, label in labels.items()}
        self.model = LangkahEditModel([dict(x) for x in self.sop.get("kegiatan") or []])
        self.table = table_view(self.model, kunci=(3,))  # the time whole ("300 menit")
        self.table.setEditTriggers(self.table.EditTrigger.DoubleClicked | self.table.EditTrigger.EditKeyPressed)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(300)
        petunjuk = QLabel(self.tr("Langkah (klik dua kali untuk mengubah; pelaksana harus salah satu dari: {p})")
                          .format(p=", ".join(self.sop.get("pelaksana") or [])))
        petunjuk.setWordWrap(True)
        lay = self.layout()  # the steps under the identity fields, taking the height the dialog has
        assert isinstance(lay, QVBoxLayout)
        lay.insertWidget(1, petunjuk)
        lay.insertWidget(2, self.table, 2)
        self.fields["kegiatan"] = self.table

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        first = not self.property("_sized")
        super().showEvent(event)
        if first:  # the steps table wants the room of the screen (up to 1100×680)
            ukuran_pas(self, self.LEBAR, 680)

    def kirim(self) -> Callable[[], Any]:
        data = dict(self.sop)
        data.update({k: e.text().strip() for k, e in self.w.items()})
        data["kegiatan"] = [dict(x) for x in self.model.steps]
        m, actor = self.ctx.services.monev, self.ctx.actor
        return lambda: m.simpan_sop(actor, data)


class SopTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        lay = QVBoxLayout(self)
        self.model = ListTableModel[Any]([
            Column("Kode", lambda r: r["kode"]), Column("Nama", lambda r: r["nama"]), Column("Asal", lambda r: r["asal"]),
            Column("Langkah", lambda r: r["jumlah_langkah"], True),
            Column("Versi", lambda r: "Diubah kantor" if r["diubah"] else "Bawaan"),
        ])
        self.table = table_view(self.model)
        self.table.setWordWrap(True)  # long names wrap onto a second line instead of "Dinas …"
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        sh = self.table.horizontalHeader()
        sh.setStretchLastSection(False)
        for c in (0, 3, 4):
            sh.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        sh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        sh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda *_: self.ubah())
        lay.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.btn_cetak = QPushButton(self.tr("Cetak SOP (PDF)…"))
        self.btn_cetak.clicked.connect(self._cetak_dialog)
        self.btn_ubah = QPushButton(self.tr("Ubah…"))
        self.btn_ubah.clicked.connect(self.ubah)
        self.btn_ekspor = QPushButton(self.tr("Ekspor Excel…"))
        self.btn_ekspor.setToolTip(self.tr("Semua SOP ke satu buku kerja (satu sheet per SOP) yang dapat diubah lalu "
                                           "diimpor kembali"))
        self.btn_ekspor.clicked.connect(self._ekspor_dialog)
        self.btn_impor = QPushButton(self.tr("Impor Excel…"))
        self.btn_impor.setToolTip(self.tr("Impor SOP dari buku kerja hasil ekspor SOP (diperiksa dulu; semua atau "
                                          "tidak sama sekali)"))
        self.btn_impor.clicked.connect(self._impor_dialog)
        row.addWidget(self.btn_cetak)
        row.addWidget(self.btn_ubah)
        row.addWidget(self.btn_ekspor)
        row.addWidget(self.btn_impor)
        row.addStretch(1)
        lay.addLayout(row)
        wenang(ctx, R.MONEV_KELOLA, self.btn_ubah)

    def refresh(self) -> None:
        self.model.set_rows(self.ctx.services.monev.daftar_sop())
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    def current(self) -> str | None:
        idx = self.table.currentIndex()
        return str(self.model.row_at(idx.row())["kode"]) if idx.isValid() else None

    def ubah(self) -> SopEditor | None:
        kode = self.current()
        if kode is None or not self.btn_ubah.isEnabled():  # a double click of a role that may only read
            return None
        dlg = SopEditor(self.ctx, kode, self)
        dlg.accepted.connect(self.refresh)
        dlg.open()
        return dlg

    def cetak(self, path: str) -> None:
        from ppid_desktop.monev.cetak import sop_pdf, tulis_pdf

        kode = self.current()
        if kode is None:
            return
        svc = self.ctx.services
        self.ctx.tasks.run(lambda _p: tulis_pdf(Path(path), sop_pdf(svc, svc.monev.sop(kode))),
                           title=self.tr("Mencetak SOP…"), parent=self, cancellable=False,
                           on_done=lambda _r: info(self, self.tr("SOP disimpan ke {f}.").format(f=path)))

    def impor(self, path: str, dry_run: bool = False, lanjut: Any = None) -> None:
        """Import the SOP workbook (background task); ``lanjut(hasil)`` after a clean dry run."""
        from ppid_desktop.rekap.kinds.sop import impor_sop

        def done(h: Any) -> None:
            if h.galat:
                show_error(self, self.tr("SOP tidak diimpor:\n") + "\n".join(
                    f"- {p.where()}: {p.message}" if p.where() else f"- {p.message}" for p in h.galat[:12]))
            elif dry_run and lanjut is not None:
                lanjut(h)
            else:
                info(self, h.ringkasan())
                self.refresh()

        svc, actor = self.ctx.services, self.ctx.actor
        self.ctx.tasks.run(lambda _p: impor_sop(svc, actor, path, dry_run=dry_run), title=self.tr("Mengimpor SOP…"),
                           parent=self, cancellable=False, on_done=done)

    def ekspor(self, path: str) -> None:
        svc, actor = self.ctx.services, self.ctx.actor
        self.ctx.tasks.run(lambda _p: svc.rekap.ekspor(actor, "sop", path), title=self.tr("Menulis SOP…"), parent=self,
                           cancellable=False, on_done=lambda _n: info(self, self.tr("SOP disimpan ke {f}.").format(f=path)))

    def _ekspor_dialog(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Ekspor SOP"), "SOP.xlsx", "Excel (*.xlsx)")
        if name:
            self.ekspor(name)

    def _impor_dialog(self) -> None:
        from ppid_desktop.ui.widgets import confirm

        name, _ = QFileDialog.getOpenFileName(self, self.tr("Impor SOP"), "", "Excel (*.xlsx)")
        if name:
            self.impor(name, dry_run=True, lanjut=lambda h: confirm(self, self.tr(
                "Hasil pemeriksaan: {r}. Simpan SOP?").format(r=h.ringkasan())) and self.impor(name))

    def _cetak_dialog(self) -> None:
        kode = self.current()
        if kode is None:
            return
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Simpan SOP"), f"SOP-{kode}.pdf", "PDF (*.pdf)")
        if name:
            self.cetak(name)
