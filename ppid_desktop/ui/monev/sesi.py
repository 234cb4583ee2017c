"""The field session form: fast keyboard entry, every answer saved the moment it is given.

Keys on the question list: ``1``–``5`` (level, or the n-th option of a pilihan), ``Y``/``T`` (ya/tidak),
``N`` (N/A where allowed), ``Delete`` (clear), ``↑``/``↓`` move, ``Enter`` next question.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, QUrl
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
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
from ppid_desktop.core.base import utcnow
from ppid_desktop.core.errors import UserError
from ppid_desktop.core.identitas import format_nip
from ppid_desktop.core.tanggal import tanggal_angka, tanggal_panjang
from ppid_desktop.monev import instrumen as I
from ppid_desktop.monev.service import SesiData
from ppid_desktop.monev.skor import teks_nilai
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.listmodel import Column, ListTableModel
from ppid_desktop.ui.operasi import operasi
from ppid_desktop.ui.widgets import FormFeedback, confirm, info, show_error, table_view, ukuran_pas, wenang

Index = QModelIndex | QPersistentModelIndex
LAMA_KUNJUNGAN_S = 12 * 3600  # longer than this since the start: the draft was left open, no clock shown
QROLE = Qt.ItemDataRole.UserRole + 1


def izinkan(alasan: str | None, *widgets: QWidget) -> None:
    """Enable the widgets (``alasan is None``), or make them read-only (text and number fields) or disabled
    (the rest) with ``alasan`` as the tooltip saying why."""
    for w in widgets:
        if isinstance(w, (QLineEdit, QPlainTextEdit, QAbstractSpinBox)):
            w.setReadOnly(alasan is not None)
        else:
            w.setEnabled(alasan is None)
        w.setToolTip(alasan or "")


class PertanyaanModel(QAbstractTableModel):
    HEAD = ("Kode", "Pertanyaan", "Jawaban", "Verifikasi", "Bukti")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.data_: SesiData | None = None
        self.qs: list[I.Pertanyaan] = []

    def set_data(self, d: SesiData) -> None:
        self.beginResetModel()
        self.data_ = d
        self.qs = d.defn.pertanyaan()
        self.endResetModel()

    def refresh_row(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEAD) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.qs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEAD)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEAD[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.data_ is None or not 0 <= index.row() < len(self.qs):
            return None
        q = self.qs[index.row()]
        j = self.data_.jawaban.get(q.kode)
        c = index.column()
        if role == QROLE:
            return q
        if role == Qt.ItemDataRole.FontRole and c == 1 and q.wajib:
            from PySide6.QtGui import QFont

            bold = QFont()
            bold.setBold(True)
            return bold
        if role == Qt.ItemDataRole.ToolTipRole and c == 1:
            return q.teks + ("\n(wajib dijawab)" if q.wajib else "")
        if role == Qt.ItemDataRole.DisplayRole:
            if c == 0:
                return q.kode
            if c == 1:
                return q.teks  # required questions are bold (FontRole) instead of a "* " prefix
            if c == 2:
                if j is None:
                    return ""
                return "N/A" if j.na else I.uraikan(q, j.nilai)
            if c == 3:
                return I.uraikan(q, j.nilai_verifikasi) if j and j.nilai_verifikasi else ""
            if c == 4:
                n = len(self.data_.bukti.get(q.kode, []))
                return f"{n}" if n else ("perlu" if q.bukti and q.wajib else "")
        if role == Qt.ItemDataRole.BackgroundRole and c == 2:
            answered = j is not None and (j.na or j.nilai is not None)
            if q.wajib and not answered:
                return QBrush(QColor("#fff4e5"))
        return None


class SesiWidget(QWidget):
    """One OPD's field session."""

    def __init__(self, ctx: AppContext, sesi_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.m = ctx.services.monev
        self.sesi_id = sesi_id
        self.verifikasi_mode = False
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("cardTitle")
        self.title.setWordWrap(True)
        top.addWidget(self.title, 1)
        self.timer_label = QLabel()
        self.timer_label.setObjectName("sesiTimer")
        top.addWidget(self.timer_label)
        lay.addLayout(top)
        from ppid_desktop.ui.sinkron_tanda import BannerSesi  # hand-over and sync conflicts of this session
        self.tanda = BannerSesi(ctx, self)
        self.tanda.berubah.connect(lambda: self.reload())
        lay.addWidget(self.tanda)
        self.progress = QLabel()
        lay.addWidget(self.progress)

        self.tabs = QTabWidget()
        lay.addWidget(self.tabs, 1)
        # --- answers tab
        split = QSplitter(Qt.Orientation.Horizontal)
        self.model = PertanyaanModel(self)
        self.table = table_view(self.model, kunci=(0,), lentur=(1,))  # the code whole, the question takes the room
        self.table.installEventFilter(self)
        self.table.selectionModel().currentRowChanged.connect(self._show_current)
        split.addWidget(self.table)
        detail = QWidget()
        dl = QVBoxLayout(detail)
        self.q_text = QLabel()
        self.q_text.setWordWrap(True)
        self.q_text.setObjectName("cardTitle")
        dl.addWidget(self.q_text)
        self.q_help = QLabel()
        self.q_help.setWordWrap(True)
        dl.addWidget(self.q_help)
        self.q_keys = QLabel()
        self.q_keys.setWordWrap(True)
        self.q_keys.setObjectName("pageSubtitle")
        dl.addWidget(self.q_keys)
        self.options = QListWidget()
        self.options.setMaximumHeight(150)
        self.options.setWordWrap(True)
        self.options.itemActivated.connect(self._option_activated)
        dl.addWidget(self.options)
        self.value_edit = QLineEdit()
        self.value_edit.setPlaceholderText(self.tr("Jawaban (teks/tanggal); Enter untuk menyimpan"))
        self.value_edit.returnPressed.connect(self._save_text)
        dl.addWidget(self.value_edit)
        angka = QHBoxLayout()
        self.target = QDoubleSpinBox()
        self.target.setMaximum(1e9)
        self.realisasi = QDoubleSpinBox()
        self.realisasi.setMaximum(1e9)
        self.btn_angka = QPushButton(self.tr("Simpan angka"))
        self.btn_angka.clicked.connect(self._save_angka)
        for w in (QLabel(self.tr("Target")), self.target, QLabel(self.tr("Realisasi")), self.realisasi, self.btn_angka):
            angka.addWidget(w)
        self.angka_box = QWidget()
        self.angka_box.setLayout(angka)
        dl.addWidget(self.angka_box)
        dl.addWidget(QLabel(self.tr("Catatan")))
        self.note = QPlainTextEdit()
        self.note.setMaximumHeight(70)
        dl.addWidget(self.note)
        self.btn_note = QPushButton(self.tr("Simpan catatan"))
        self.btn_note.clicked.connect(self._save_note)
        dl.addWidget(self.btn_note)
        dl.addWidget(QLabel(self.tr("Bukti dukung")))
        self.evidence = QListWidget()
        self.evidence.itemActivated.connect(self._open_evidence)
        dl.addWidget(self.evidence, 1)
        ev_row = QHBoxLayout()
        self.btn_file = QPushButton(self.tr("Lampirkan berkas/foto…"))
        self.btn_file.clicked.connect(self._add_file)
        self.btn_link = QPushButton(self.tr("Tambah tautan…"))
        self.btn_link.clicked.connect(self._add_link)
        ev_row.addWidget(self.btn_file)
        ev_row.addWidget(self.btn_link)
        dl.addLayout(ev_row)
        self.feedback = FormFeedback()
        dl.addWidget(self.feedback)
        split.addWidget(detail)
        split.setSizes([700, 460])
        self.tabs.addTab(split, self.tr("Jawaban"))
        # --- respondents tab
        resp = QWidget()
        rl = QVBoxLayout(resp)
        self.resp_list = QListWidget()
        rl.addWidget(self.resp_list, 1)
        form = QFormLayout()
        self.r_nama, self.r_jabatan, self.r_nip, self.r_tel = QLineEdit(), QLineEdit(), QLineEdit(), QLineEdit()
        for label, w in ((self.tr("Nama"), self.r_nama), (self.tr("Jabatan"), self.r_jabatan),
                         (self.tr("NIP"), self.r_nip), (self.tr("Telepon"), self.r_tel)):
            form.addRow(label, w)
        rl.addLayout(form)
        self.resp_feedback = FormFeedback()
        rl.addWidget(self.resp_feedback)
        self.btn_resp = QPushButton(self.tr("Tambah narasumber"))
        self.btn_resp.clicked.connect(self._add_resp)
        rl.addWidget(self.btn_resp)
        self.tabs.addTab(resp, self.tr("Narasumber"))
        # --- sanggah tab
        sg = QWidget()
        sl = QVBoxLayout(sg)
        self.sanggah_model: ListTableModel[Any] = ListTableModel([
            Column(self.tr("Tanggal"), lambda r: tanggal_angka(r.diajukan_tanggal) if r.diajukan_tanggal else ""),
            Column(self.tr("Pertanyaan"), lambda r: r.pertanyaan or "-"),
            Column(self.tr("Pengaju"), lambda r: r.diajukan_oleh), Column(self.tr("Alasan"), lambda r: r.alasan),
            Column(self.tr("Usulan"), lambda r: self._describe(r.pertanyaan, r.nilai_usulan)),
            Column(self.tr("Nilai baru"), lambda r: self._describe(r.pertanyaan, r.nilai_baru)),
            Column(self.tr("Keputusan"), lambda r: {"diterima": "Diterima", "ditolak": "Ditolak"}.get(r.keputusan, "Menunggu")),
            Column(self.tr("Jawaban"), lambda r: r.jawaban),
        ])
        self.sanggah_table = table_view(self.sanggah_model)
        self.sanggah_table.horizontalHeader().setStretchLastSection(False)
        self.sanggah_table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        sl.addWidget(self.sanggah_table, 1)
        boxes = QHBoxLayout()
        fa = QFormLayout()
        self.sg_q = QLabel()
        self.sg_oleh, self.sg_usulan = QLineEdit(), QLineEdit()
        self.sg_oleh.setPlaceholderText(self.tr("mis. PPID Pelaksana Dinas Kesehatan"))
        self.sg_usulan.setPlaceholderText(self.tr("nilai yang diusulkan (boleh kosong)"))
        self.sg_alasan = QPlainTextEdit()
        self.sg_alasan.setMaximumHeight(60)
        self.btn_sg_ajukan = QPushButton(self.tr("Catat sanggah"))
        self.btn_sg_ajukan.clicked.connect(self.ajukan_sanggah)
        fa.addRow(self.tr("Pertanyaan"), self.sg_q)
        fa.addRow(self.tr("Diajukan oleh"), self.sg_oleh)
        fa.addRow(self.tr("Alasan"), self.sg_alasan)
        fa.addRow(self.tr("Nilai usulan"), self.sg_usulan)
        fa.addRow("", self.btn_sg_ajukan)
        fj = QFormLayout()
        self.sg_keputusan = QComboBox()
        self.sg_keputusan.addItem(self.tr("Diterima"), "diterima")
        self.sg_keputusan.addItem(self.tr("Ditolak"), "ditolak")
        self.sg_jawaban = QPlainTextEdit()
        self.sg_jawaban.setMaximumHeight(60)
        self.sg_nilai = QLineEdit()
        self.sg_nilai.setPlaceholderText(self.tr("kosong = pakai nilai usulan"))
        self.btn_sg_jawab = QPushButton(self.tr("Simpan jawaban sanggah"))
        self.btn_sg_jawab.clicked.connect(self.jawab_sanggah)
        fj.addRow(self.tr("Keputusan"), self.sg_keputusan)
        fj.addRow(self.tr("Jawaban"), self.sg_jawaban)
        fj.addRow(self.tr("Nilai baru"), self.sg_nilai)
        fj.addRow("", self.btn_sg_jawab)
        boxes.addLayout(fa, 1)
        boxes.addLayout(fj, 1)
        sl.addLayout(boxes)
        self.sg_feedback = FormFeedback()
        sl.addWidget(self.sg_feedback)
        self.tabs.addTab(sg, self.tr("Sanggah"))
        # --- actions
        act = QHBoxLayout()
        self.btn_mode = QPushButton(self.tr("Mode verifikator"))
        self.btn_mode.setCheckable(True)
        self.btn_mode.toggled.connect(self._toggle_mode)
        self.btn_cek = QPushButton(self.tr("Cek kelengkapan"))
        self.btn_cek.clicked.connect(self.cek)
        self.btn_final = QPushButton(self.tr("Finalisasi"))
        self.btn_final.clicked.connect(self.finalisasi)
        self.btn_revisi = QPushButton(self.tr("Buat revisi…"))
        self.btn_revisi.clicked.connect(self._revisi)
        self.btn_ba = QPushButton(self.tr("Berita acara…"))
        self.btn_ba.clicked.connect(lambda: self._naskah("berita_acara"))
        self.btn_lap = QPushButton(self.tr("Laporan…"))
        self.btn_lap.clicked.connect(lambda: self._naskah("laporan"))
        for b in (self.btn_mode, self.btn_cek, self.btn_final, self.btn_revisi, self.btn_ba, self.btn_lap):
            act.addWidget(b)
        lay.addLayout(act)
        self._clock = QTimer(self)
        self._clock.timeout.connect(self._tick)
        self._clock.start(1000)
        self.reload()

    # ------------------------------------------------------------------ data
    def reload(self, keep_row: int | None = None) -> None:
        self.data = self.m.muat_sesi(self.sesi_id)
        row = keep_row if keep_row is not None else max(0, self.table.currentIndex().row())
        self.model.set_data(self.data)
        d = self.data
        lock = self.tr(" — TERKUNCI (final)") if d.terkunci else ""
        self.title.setText(f"{d.opd.nama} · {d.program.nama} · revisi {d.sesi.revisi} · instrumen v{d.sesi.instrumen_versi}{lock}")
        self.resp_list.clear()
        for r in d.responden:
            self.resp_list.addItem(f"{r.nama} — {r.jabatan}" + (f" (NIP {format_nip(r.nip)})" if r.nip else ""))
        self.sanggah_model.set_rows(d.sanggah)
        self._atur_akses()
        self.tabs.setTabText(2, self.tr("Sanggah ({n})").format(n=len(d.sanggah)) if d.sanggah else self.tr("Sanggah"))
        self._update_progress()
        if self.model.rowCount():
            self.table.selectRow(min(row, self.model.rowCount() - 1))
        self._tick()

    def _tolak(self, tindakan: str) -> str | None:
        return self.data.alasan_tolak(self.ctx.actor, tindakan)

    def _atur_akses(self) -> None:
        """What the role and the session's state allow (the session's view model decides): the rest is
        disabled or read-only, the reason in its tooltip — never a button that is refused on click."""
        isi = self._tolak("isi")
        jawab = self._tolak("verifikasi" if self.verifikasi_mode else "isi")
        izinkan(jawab, self.options, self.value_edit, self.target, self.realisasi, self.btn_angka, self.note,
                self.btn_note)
        izinkan(isi, self.btn_file, self.btn_link, self.r_nama, self.r_jabatan, self.r_nip, self.r_tel, self.btn_resp)
        izinkan(self._tolak("finalisasi"), self.btn_final)
        izinkan(self._tolak("revisi"), self.btn_revisi)
        izinkan(self._tolak("sanggah"), self.sg_oleh, self.sg_alasan, self.sg_usulan, self.btn_sg_ajukan)
        izinkan(self._tolak("jawab_sanggah"), self.sg_keputusan, self.sg_jawaban, self.sg_nilai, self.btn_sg_jawab)
        wenang(self.ctx, R.MONEV_VERIFIKASI, self.btn_mode)
        self.tanda.muat(self.sesi_id, self.options, self.value_edit, self.target, self.realisasi, self.btn_angka,
                        self.note, self.btn_note, self.btn_file, self.btn_link, self.btn_resp, self.btn_final,
                        self.btn_revisi, self.btn_sg_ajukan)  # handed over to another laptop: nothing editable

    def _update_progress(self) -> None:
        h = self.data.hasil()
        if not h.terjawab:  # not started: no score to show yet (not "nilai akhir 0,00 (Kurang)")
            self.progress.setText(self.tr("Belum ada jawaban · {b} pertanyaan").format(b=h.total_pertanyaan))
            return
        nilai = teks_nilai(h.final)
        self.progress.setText(self.tr("Terjawab {a} dari {b} · nilai mandiri {m} · nilai akhir {n} {k}").format(
            a=h.terjawab, b=h.total_pertanyaan, m=teks_nilai(h.mandiri),
            n=nilai, k=f"({h.kategori})" if h.kategori else ""))

    def elapsed_seconds(self) -> int:
        s = self.data.sesi
        if s.mulai_at is None:
            return 0
        end = s.selesai_at if s.status != "draf" and s.selesai_at else utcnow()
        start = s.mulai_at if s.mulai_at.tzinfo else s.mulai_at.replace(tzinfo=utcnow().tzinfo)
        end = end if end.tzinfo else end.replace(tzinfo=utcnow().tzinfo)
        return max(0, int((end - start).total_seconds()))

    def _tick(self) -> None:
        sec = self.elapsed_seconds()
        std = self.data.program.durasi_menit or self.data.defn.durasi_menit
        if self.data.terkunci or self.data.sesi.mulai_at is None:  # a locked or unstarted session has no clock
            menit = sec // 60
            self.timer_label.setText(self.tr("Lama kunjungan {m} menit").format(m=menit) if menit else "")
            self.timer_label.setStyleSheet("")
            return
        if sec >= LAMA_KUNJUNGAN_S:  # a visit is a same-day thing: a draft left open is not a running clock
            mulai = self.data.sesi.mulai_at.astimezone()  # office clock
            self.timer_label.setText(self.tr("Kunjungan dimulai {t} pukul {j}, belum difinalkan").format(
                t=tanggal_panjang(mulai.date()), j=f"{mulai:%H.%M}"))
            self.timer_label.setStyleSheet("")
            return
        over = sec > std * 60
        self.timer_label.setText(self.tr("Waktu {m:02d}:{s:02d} dari {std} menit").format(m=sec // 60, s=sec % 60, std=std))
        self.timer_label.setStyleSheet("color: #c62828; font-weight: bold;" if over else "font-weight: bold;")

    def current_question(self) -> I.Pertanyaan | None:
        idx = self.table.currentIndex()
        return self.model.qs[idx.row()] if idx.isValid() else None

    def _show_current(self, *_: Any) -> None:
        q = self.current_question()
        if q is None:
            return
        d = self.data
        j = d.jawaban.get(q.kode)
        self.q_text.setText(f"{q.kode}. {q.teks}")
        self.sg_q.setText(f"{q.kode} — {q.teks[:90]}")
        extras = []
        if q.bantuan:
            extras.append(q.bantuan)
        if q.bukti:
            extras.append(self.tr("Bukti diperlukan: {b}").format(b=I.JENIS_BUKTI[q.bukti].lower()))
        self.q_help.setText("\n".join(extras))
        keys = {"ya_tidak": "Y = Ya, T = Tidak", "level": "1–5 = level", "pilihan": f"1–{len(q.opsi)} = opsi",
                "angka": "isi target dan realisasi lalu Simpan", "teks": "ketik lalu Enter", "tanggal": "ketik tanggal lalu Enter"}
        self.q_keys.setText(self.tr("Tombol: {k}; N = N/A{na}; Enter = berikutnya").format(
            k=keys[q.jenis], na="" if q.boleh_na else " (tidak diizinkan)"))
        self.options.clear()
        if q.jenis == "pilihan":
            for i, o in enumerate(q.opsi, 1):
                it = QListWidgetItem(f"{i}. {o.label} (skor {o.skor:g})")
                it.setData(QROLE, o.kode)
                self.options.addItem(it)
        elif q.jenis == "level":
            for lv in q.level:
                it = QListWidgetItem(f"{lv.level}. {lv.kriteria}")
                it.setData(QROLE, str(lv.level))
                self.options.addItem(it)
        elif q.jenis == "ya_tidak":
            for label, val in (("Y. Ya", "ya"), ("T. Tidak", "tidak")):
                it = QListWidgetItem(label)
                it.setData(QROLE, val)
                self.options.addItem(it)
        self.options.setVisible(self.options.count() > 0)
        self.value_edit.setVisible(q.jenis in ("teks", "tanggal"))
        self.angka_box.setVisible(q.jenis == "angka")
        stored = (j.nilai_verifikasi if self.verifikasi_mode else j.nilai) if j else None
        self.value_edit.setText(I.uraikan(q, stored) if q.jenis == "tanggal" and stored else (stored or "") if q.jenis == "teks" else "")
        if q.jenis == "angka" and stored:
            v = json.loads(stored)
            self.target.setValue(v.get("target") or 0)
            self.realisasi.setValue(v.get("realisasi") or 0)
        self.note.setPlainText((j.catatan_verifikasi if self.verifikasi_mode else j.catatan) if j else "")
        self.evidence.clear()
        for b in d.bukti.get(q.kode, []):
            when = f" · diambil {b.diambil_at.astimezone():%d-%m-%Y %H:%M}" if b.diambil_at else ""  # office clock
            gps = f" · GPS {b.lat:.5f}, {b.lon:.5f}" if b.lat is not None and b.lon is not None else ""
            it = QListWidgetItem(f"[{b.jenis}] {b.nama_berkas or b.url}{when}{gps}")
            it.setData(QROLE, b)
            self.evidence.addItem(it)
        self.feedback.clear_problems()

    # --------------------------------------------------------------- answers
    def answer(self, value: Any = None, na: bool = False, advance: bool = True) -> bool:
        """Save the current question's answer NOW (own transaction); move to the next question."""
        q = self.current_question()
        if q is None:
            return False
        alasan = self._tolak("verifikasi" if self.verifikasi_mode else "isi")
        if alasan is not None:  # the keys only move between questions: say why nothing is saved
            self.feedback.show_exception(UserError(alasan))
            return False
        row = self.table.currentIndex().row()
        m, actor, sesi_id, kode, verif = self.m, self.ctx.actor, self.sesi_id, q.kode, self.verifikasi_mode
        final = verif and self.data.sesi.status == "final"
        saved: list[bool] = []
        refused: list[BaseException] = []

        def call() -> SesiData:  # on the one writer: answers are saved in the order they were typed
            if final:
                m.jawab_verifikasi_final(actor, sesi_id, kode, value)
            else:
                m.jawab(actor, sesi_id, kode, value, na=na, verifikasi=verif)
            return m.muat_sesi(sesi_id)

        def done(data: SesiData) -> None:
            saved.append(True)
            self.data = data
            self.model.data_ = data
            self.model.refresh_row(row)
            self._update_progress()
            self.ctx.status(self.tr("Jawaban {k} tersimpan").format(k=kode))
            if self.table.currentIndex().row() == row:
                self._show_current()

        def failed(exc: BaseException) -> None:
            refused.append(exc)
            self.table.selectRow(row)  # back to the question whose answer was refused, the reason under it
            self.feedback.show_exception(exc)

        operasi(self.ctx, call, rooms={"monev"}, parent=self, feedback=self.feedback, on_done=done,
                on_error=failed)
        # The next question at once (the save runs on the writer): fast typing never answers one question twice.
        if advance and not refused and self.table.currentIndex().row() == row and row + 1 < self.model.rowCount():
            self.table.selectRow(row + 1)
        return bool(saved)

    def eventFilter(self, obj: Any, event: Any) -> bool:  # noqa: N802
        if (obj is self.table and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress
                and self.handle_key(event)):
            return True
        return super().eventFilter(obj, event)

    def handle_key(self, event: QKeyEvent) -> bool:
        q = self.current_question()
        if q is None:
            return False
        key, text = event.key(), event.text().lower()
        row = self.table.currentIndex().row()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if row + 1 < self.model.rowCount():
                self.table.selectRow(row + 1)
            return True
        if key == Qt.Key.Key_Delete:
            self.answer(None, advance=False)
            return True
        if text == "n" and not self.verifikasi_mode:
            if q.boleh_na:
                self.answer(na=True)
            else:
                self.feedback.show_exception(UserError(self.tr("Pertanyaan {k} tidak boleh dijawab N/A.").format(k=q.kode)))
            return True
        if q.jenis == "ya_tidak" and text in ("y", "t", "1", "0"):
            self.answer("ya" if text in ("y", "1") else "tidak")
            return True
        if q.jenis == "level" and text in "12345" and text:
            self.answer(text)
            return True
        if q.jenis == "pilihan" and text.isdigit() and text != "0":
            n = int(text)
            if n <= len(q.opsi):
                self.answer(q.opsi[n - 1].kode)
            else:
                self.feedback.show_exception(UserError(self.tr("Opsi {n} tidak ada (1–{m}).").format(n=n, m=len(q.opsi))))
            return True
        if q.jenis in ("teks", "tanggal", "angka") and text and text.isprintable() and key not in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            target = self.value_edit if q.jenis != "angka" else self.target
            target.setFocus()
            if q.jenis != "angka":
                self.value_edit.setText(event.text())
            return True
        return False

    def _option_activated(self, item: QListWidgetItem) -> None:
        self.answer(item.data(QROLE))

    def _save_text(self) -> None:
        if self.answer(self.value_edit.text()):
            self.table.setFocus()

    def _save_angka(self) -> None:
        if self.answer({"target": self.target.value(), "realisasi": self.realisasi.value()}):
            self.table.setFocus()

    def _save_note(self) -> None:
        q = self.current_question()
        if q is None:
            return
        m, actor, sesi_id, kode, verif = self.m, self.ctx.actor, self.sesi_id, q.kode, self.verifikasi_mode
        catatan = self.note.toPlainText()

        def call() -> SesiData:
            m.catat(actor, sesi_id, kode, catatan, verifikasi=verif)
            return m.muat_sesi(sesi_id)

        def done(data: SesiData) -> None:
            self.data = data
            self.model.data_ = data
            self.ctx.status(self.tr("Catatan {k} tersimpan").format(k=kode))

        operasi(self.ctx, call, rooms={"monev"}, parent=self, feedback=self.feedback, on_done=done)

    def _toggle_mode(self, on: bool) -> None:
        self.verifikasi_mode = on
        self._atur_akses()
        self._show_current()

    # -------------------------------------------------------------- evidence
    def add_evidence_file(self, path: str) -> bool:
        """Check (photo EXIF), copy and record the file on a worker via ``ctx.tasks``.

        Returns whether it was stored by the time the job was handed over (always known with the
        synchronous runner of the tests)."""
        q = self.current_question()
        if q is None:
            return False
        m, actor, sesi_id, kode = self.m, self.ctx.actor, self.sesi_id, q.kode
        stored: list[bool] = []

        def done(_row: Any) -> None:
            stored.append(True)
            self.reload(self.table.currentIndex().row())

        operasi(self.ctx, lambda: m.tambah_bukti(actor, sesi_id, kode, path), rooms={"monev"},
                title=self.tr("Menyimpan bukti…"), parent=self, feedback=self.feedback, on_done=done)
        return bool(stored)

    def _add_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Pilih bukti dukung"), "",
                                              self.tr("Dokumen dan foto (*.pdf *.jpg *.jpeg *.png *.docx *.xlsx);;Semua berkas (*)"))
        if path:
            self.add_evidence_file(path)

    def _add_link(self) -> None:
        q = self.current_question()
        if q is None:
            return
        url, ok = QInputDialog.getText(self, self.tr("Tautan bukti"), self.tr("Alamat (https://…)"))
        if ok and url:
            m, actor, sesi_id, kode = self.m, self.ctx.actor, self.sesi_id, q.kode
            operasi(self.ctx, lambda: m.tambah_bukti(actor, sesi_id, kode, url=url), rooms={"monev"}, parent=self,
                    feedback=self.feedback, on_done=lambda _r: self.reload(self.table.currentIndex().row()))

    def _open_evidence(self, item: QListWidgetItem) -> None:
        b = item.data(QROLE)
        if b.url:
            QDesktopServices.openUrl(QUrl(b.url))
            return
        def buka(path: Any) -> None:  # a verified decrypted copy in the private temp folder (core.lampiran)
            if path is not None and path.exists():
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
            else:
                show_error(self, self.tr("Berkas bukti tidak ditemukan di folder lampiran."))

        m = self.m
        operasi(self.ctx, lambda: m.lokasi_bukti(b), rooms=(), title=self.tr("Membuka bukti…"), parent=self,
                on_done=buka)

    def select_question(self, kode: str) -> None:
        for i, q in enumerate(self.model.qs):
            if q.kode == kode:
                self.table.selectRow(i)
                return

    # ------------------------------------------------------------ respondents
    def _add_resp(self) -> None:
        m, actor, sesi_id = self.m, self.ctx.actor, self.sesi_id
        nama, jabatan, nip, tel = self.r_nama.text(), self.r_jabatan.text(), self.r_nip.text(), self.r_tel.text()

        def done(_row: Any) -> None:
            for w in (self.r_nama, self.r_jabatan, self.r_nip, self.r_tel):
                w.clear()
            self.reload()

        operasi(self.ctx, lambda: m.tambah_responden(actor, sesi_id, nama, jabatan, nip, tel), rooms={"monev"},
                parent=self, feedback=self.resp_feedback,
                fields={"nama": self.r_nama, "nip": self.r_nip, "telepon": self.r_tel}, on_done=done)

    # --------------------------------------------------------------- sanggah
    def _describe(self, kode: str, stored: str | None) -> str:
        q = next((x for x in self.model.qs if x.kode == kode), None) if stored else None
        return I.uraikan(q, stored) if q is not None and stored else (stored or "")

    def ajukan_sanggah(self) -> bool:
        """Record a sanggah on the current question (the session must be final)."""
        q = self.current_question()
        m, actor, sesi_id = self.m, self.ctx.actor, self.sesi_id
        alasan, oleh, usulan = self.sg_alasan.toPlainText(), self.sg_oleh.text(), self.sg_usulan.text().strip() or None
        saved: list[bool] = []

        def done(_row: Any) -> None:
            saved.append(True)
            for w in (self.sg_oleh, self.sg_usulan):
                w.clear()
            self.sg_alasan.clear()
            self.reload()
            self.ctx.status(self.tr("Sanggah tercatat"))

        operasi(self.ctx, lambda: m.ajukan_sanggah(actor, sesi_id, alasan, pertanyaan=q.kode if q else "",
                                                   diajukan_oleh=oleh, nilai_usulan=usulan),
                rooms={"monev"}, parent=self, feedback=self.sg_feedback,
                fields={"alasan": self.sg_alasan, "diajukan_oleh": self.sg_oleh, "nilai": self.sg_usulan},
                on_done=done)
        return bool(saved)

    def jawab_sanggah(self) -> bool:
        """Answer the selected sanggah; an accepted one with a value makes a new revision (shown here)."""
        idx = self.sanggah_table.currentIndex()
        if not idx.isValid():
            self.sg_feedback.show_exception(UserError(self.tr("Pilih sanggah yang akan dijawab.")))
            return False
        row = self.sanggah_model.row_at(idx.row())
        m, actor, jadwal_id = self.m, self.ctx.actor, self.data.jadwal.id
        keputusan, jawaban = self.sg_keputusan.currentData(), self.sg_jawaban.toPlainText()
        nilai = self.sg_nilai.text().strip() or None
        saved: list[bool] = []

        def call() -> Any:  # an accepted sanggah with a value makes a new revision: follow it
            m.jawab_sanggah(actor, row.id, keputusan, jawaban, nilai_baru=nilai)
            return m.sesi_jadwal(jadwal_id)

        def done(cur: Any) -> None:
            saved.append(True)
            self.sg_jawaban.clear()
            self.sg_nilai.clear()
            if cur is not None:
                self.sesi_id = cur.id
            self.reload()
            self.ctx.status(self.tr("Jawaban sanggah tersimpan"))

        operasi(self.ctx, call, rooms={"monev"}, parent=self, feedback=self.sg_feedback,
                fields={"jawaban": self.sg_jawaban}, on_done=done)
        return bool(saved)

    # ---------------------------------------------------------------- finish
    def cek(self) -> list[str]:
        problems = self.m.kelengkapan(self.sesi_id, self.data)
        if problems:
            info(self, self.tr("Belum lengkap:\n") + "\n".join(f"• {p}" for p in problems[:25]))
        else:
            info(self, self.tr("Semua pertanyaan wajib sudah dijawab dan bukti sudah dilampirkan."))
        return problems

    def finalisasi(self) -> None:
        if not confirm(self, self.tr("Finalkan sesi ini? Setelah final, jawaban terkunci; koreksi dilakukan dengan revisi.")):
            return
        m, actor, sesi_id = self.m, self.ctx.actor, self.sesi_id
        operasi(self.ctx, lambda: m.finalisasi(actor, sesi_id), rooms={"monev"}, title=self.tr("Memfinalkan…"),
                parent=self, on_done=lambda _r: self.reload())

    def _revisi(self) -> None:
        alasan, ok = QInputDialog.getText(self, self.tr("Revisi sesi"), self.tr("Alasan koreksi"))
        if not ok:
            return
        m, actor, sesi_id = self.m, self.ctx.actor, self.sesi_id

        def done(new: Any) -> None:
            self.sesi_id = new.id
            self.reload()

        operasi(self.ctx, lambda: m.revisi(actor, sesi_id, alasan), rooms={"monev"}, parent=self, on_done=done)

    def _naskah(self, jenis: str) -> None:
        """Build the berita acara or report off the GUI thread, then open the preview window."""
        from ppid_desktop.monev import dokumen
        from ppid_desktop.ui.naskah.preview import PdfPreviewDialog

        fn = dokumen.berita_acara_pdf if jenis == "berita_acara" else dokumen.laporan_pdf
        services, sesi_id, name = self.ctx.services, self.sesi_id, f"{jenis.replace('_', '-')}-monev-{self.data.opd.kode}.pdf"

        def show(pdf: bytes) -> None:
            self._preview = PdfPreviewDialog(pdf, name, self)
            self._preview.open()

        self.ctx.tasks.run(lambda _p: fn(services, sesi_id), title=self.tr("Menyusun naskah…"), on_done=show, parent=self)


class SesiDialog(QDialog):
    def __init__(self, ctx: AppContext, sesi_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sesi monev lapangan"))
        ukuran_pas(self, 1280, 720)
        lay = QVBoxLayout(self)
        self.sesi = SesiWidget(ctx, sesi_id, self)
        lay.addWidget(self.sesi)
        bb = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        bb.rejected.connect(self.reject)
        lay.addWidget(bb)
        self.sesi.table.setFocus()

