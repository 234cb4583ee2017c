"""Sinkronisasi: the team key, packages out and in (preview, then apply), conflicts, history, backups.

Every export and import runs on ``ctx.tasks`` (never on the GUI thread); the import shows the same
work rolled back first (``pratinjau``) and applies only after the user agrees.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ppid_desktop.akun import roles as R
from ppid_desktop.sinkron.service import JENIS_LABEL, PERAN_LABEL
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.dialog import DialogFormulir
from ppid_desktop.ui.operasi import operasi
from ppid_desktop.ui.sinkron_konflik import ENTITAS, ROOMS, KonflikDialog, ListModel
from ppid_desktop.ui.widgets import Card, PageHeader, confirm, info, table_view

JENIS = (("delta", "Perubahan untuk rekan (delta)"), ("semua", "Semua data"),
         ("program", "Bekal lapangan satu program monev"), ("serahkan", "Serahkan sesi monev"))
HASIL = {"dibuat": "dibuat", "diterapkan": "diterapkan"}


def _total(jumlah: dict[str, Any]) -> int:
    return sum(sum(v.values()) if isinstance(v, dict) else int(v) for v in jumlah.values())


class PratinjauDialog(DialogFormulir):
    """Per kind of record: new, updated, unchanged, in conflict — then Terapkan (the import itself, run
    through ``operasi``) or Batal. ``self.hasil`` holds the applied result."""

    ROOMS = set(ROOMS)
    LEBAR = 720

    def __init__(self, ctx: AppContext, hasil: dict[str, Any], terapkan: Callable[[], Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Pratinjau paket sinkronisasi", parent, tombol_simpan="Terapkan")
        self.terapkan = terapkan
        self.apply = self.simpan_btn
        src = hasil["dari"]
        head = QLabel(self.tr("Paket <b>%s</b> dari <b>%s</b> (%s). Belum ada yang disimpan.") % (
            JENIS_LABEL.get(hasil["jenis"], hasil["jenis"]), src.get("perangkat") or src["replika"][:8],
            src.get("pengguna", "")))
        head.setWordWrap(True)
        self.form.addRow(head)
        if hasil.get("sudah_diterapkan"):
            self.form.addRow(QLabel(self.tr("Paket ini sudah pernah diterapkan; menerapkannya lagi tidak mengubah apa pun.")))
        self.model = ListModel([
            (self.tr("Data"), lambda r: ENTITAS.get(r["tabel"], r["tabel"])),
            (self.tr("Baru"), lambda r: r["baru"]), (self.tr("Diperbarui"), lambda r: r["diperbarui"]),
            (self.tr("Sama"), lambda r: r["sama"]), (self.tr("Konflik"), lambda r: r["konflik"]),
        ], self)
        self.model.set_rows([{"tabel": t, **c} for t, c in sorted(hasil["per_jenis"].items())])
        view = table_view(self.model)
        view.setMinimumHeight(240)
        self.form.addRow(view)
        t = hasil["total"]
        self.form.addRow(QLabel(self.tr("Jumlah: %d baru, %d diperbarui, %d sama, %d konflik.") % (
            t["baru"], t["diperbarui"], t["sama"], t["konflik"])))

    def kirim(self) -> Callable[[], Any]:
        return self.terapkan


class SinkronPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 16)
        outer.addWidget(PageHeader(self.tr("Sinkronisasi & Cadangan"), self.tr(
            "Tukar perubahan antarlaptop lewat berkas paket (.ppidsync): flashdisk, folder bersama atau lampiran "
            "e-mail. Setiap paket ditandatangani dengan kunci tim, diperiksa utuh sebelum digabungkan, dan "
            "perubahan bersamaan tidak pernah hilang diam-diam.")))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        grid = QGridLayout(body)
        grid.setContentsMargins(0, 0, 0, 0)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        # ---- team key
        kunci = Card(self.tr("Kunci tim"))
        self.kunci_label = QLabel()
        self.kunci_label.setWordWrap(True)
        kunci.body.addWidget(self.kunci_label)
        row = QHBoxLayout()
        self.buat_btn = QPushButton(self.tr("Buat kunci tim…"))
        self.pasang_btn = QPushButton(self.tr("Pasang kunci dari laptop lain…"))
        self.salin_btn = QPushButton(self.tr("Salin kunci"))
        admin = ctx.can(R.AKUN_KELOLA)
        for b in (self.buat_btn, self.pasang_btn, self.salin_btn):
            b.setEnabled(admin)
            row.addWidget(b)
        row.addStretch(1)
        kunci.body.addLayout(row)
        prow = QHBoxLayout()
        prow.addWidget(QLabel(self.tr("Peran laptop")))
        self.peran = QComboBox()
        self.peran.setObjectName("peran_laptop")
        for key, label in PERAN_LABEL.items():
            self.peran.addItem(self.tr(label), key)
        self.peran.setToolTip(self.tr(
            "Hanya database kantor yang menerbitkan nomor register (permohonan, keberatan, surat keluar). Laptop "
            "lapangan memakai blok nomor berita acara dari paket program. Hanya Admin yang dapat mengubahnya."))
        self.peran_btn = QPushButton(self.tr("Simpan peran"))
        for w in (self.peran, self.peran_btn):
            w.setEnabled(admin)
        prow.addWidget(self.peran)
        prow.addWidget(self.peran_btn)
        prow.addStretch(1)
        kunci.body.addLayout(prow)
        kunci.body.addStretch(1)
        grid.addWidget(kunci, 0, 0)

        # ---- conflicts
        konflik = Card(self.tr("Konflik"))
        self.konflik_label = QLabel()
        self.konflik_label.setWordWrap(True)
        konflik.body.addWidget(self.konflik_label)
        self.konflik_btn = QPushButton(self.tr("Selesaikan konflik…"))
        konflik.body.addWidget(self.konflik_btn, 0, Qt.AlignmentFlag.AlignLeft)
        konflik.body.addStretch(1)
        grid.addWidget(konflik, 0, 1)

        # ---- export
        ekspor = Card(self.tr("Kirim paket"))
        form = QFormLayout()
        self.jenis = QComboBox()
        for key, label in JENIS:
            self.jenis.addItem(self.tr(label), key)
        form.addRow(self.tr("Jenis"), self.jenis)
        self.rekan = QComboBox()
        form.addRow(self.tr("Untuk rekan"), self.rekan)
        self.program = QComboBox()
        form.addRow(self.tr("Program monev"), self.program)
        self.sesi = QComboBox()
        form.addRow(self.tr("Sesi"), self.sesi)
        self.sandi = QLineEdit()
        self.sandi.setEchoMode(QLineEdit.EchoMode.Password)
        self.sandi.setPlaceholderText(self.tr("kosongkan bila tidak dienkripsi"))
        form.addRow(self.tr("Sandi paket"), self.sandi)
        self.pribadi = QCheckBox(self.tr("Sertakan data pribadi (NIK, scan KTP)"))
        self.pribadi.setEnabled(ctx.can(R.PDP_LIHAT))
        form.addRow("", self.pribadi)
        ekspor.body.addLayout(form)
        self.ekspor_btn = QPushButton(self.tr("Buat paket…"))
        self.ekspor_btn.setProperty("primary", True)
        ekspor.body.addWidget(self.ekspor_btn, 0, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(ekspor, 1, 0)

        # ---- import
        impor = Card(self.tr("Terima paket"))
        lbl = QLabel(self.tr("Paket diperiksa seluruhnya (tanda tangan, sidik setiap berkas, versi) lalu "
                             "ditampilkan pratinjaunya. Sebelum diterapkan, database dicadangkan otomatis."))
        lbl.setWordWrap(True)
        impor.body.addWidget(lbl)
        form2 = QFormLayout()
        self.sandi_masuk = QLineEdit()
        self.sandi_masuk.setEchoMode(QLineEdit.EchoMode.Password)
        self.sandi_masuk.setPlaceholderText(self.tr("hanya untuk paket terenkripsi"))
        form2.addRow(self.tr("Sandi paket"), self.sandi_masuk)
        impor.body.addLayout(form2)
        self.impor_btn = QPushButton(self.tr("Pilih paket…"))
        self.impor_btn.setProperty("primary", True)
        impor.body.addWidget(self.impor_btn, 0, Qt.AlignmentFlag.AlignLeft)
        impor.body.addStretch(1)
        grid.addWidget(impor, 1, 1)

        # ---- history
        riwayat = Card(self.tr("Riwayat paket"))
        self.riwayat = ListModel([
            (self.tr("Waktu"), lambda r: str(r["at"])[:16]),
            (self.tr("Arah"), lambda r: r["arah"]),
            (self.tr("Jenis"), lambda r: r["jenis"]),
            (self.tr("Laptop"), lambda r: self._peer_name(r["replika"])),
            (self.tr("Pengguna"), lambda r: r["pengguna"]),
            (self.tr("Rekaman"), lambda r: _total(r["jumlah"])),
            (self.tr("Hasil"), lambda r: HASIL.get(r["hasil"], r["hasil"])),
        ], self)
        self.riwayat_view = table_view(self.riwayat)
        self.riwayat_view.setMinimumHeight(120)
        self.riwayat_view.setMaximumHeight(200)
        riwayat.body.addWidget(self.riwayat_view)
        grid.addWidget(riwayat, 2, 0, 1, 2)

        # ---- backups (unchanged behaviour)
        card = Card(self.tr("Cadangan"))
        self.last = QLabel()
        self.last.setObjectName("hint")
        card.body.addWidget(self.last)
        self.with_keys = QCheckBox(self.tr(
            "Sertakan kunci enkripsi data pribadi (agar NIK dan scan KTP dapat dibuka setelah dipulihkan)"))
        self.with_keys.setChecked(True)
        card.body.addWidget(self.with_keys)
        row = QHBoxLayout()
        self.backup_btn = QPushButton(self.tr("Buat cadangan…"))
        self.restore_btn = QPushButton(self.tr("Pulihkan dari cadangan…"))
        self.restore_btn.setEnabled(ctx.can(R.AKUN_KELOLA))
        row.addWidget(self.backup_btn)
        row.addWidget(self.restore_btn)
        row.addStretch(1)
        card.body.addLayout(row)
        grid.addWidget(card, 3, 0, 1, 2)
        grid.setRowStretch(4, 1)

        self.backup_btn.clicked.connect(self.ask_backup)
        self.restore_btn.clicked.connect(self.ask_restore)
        self.buat_btn.clicked.connect(self.buat_kunci)
        self.pasang_btn.clicked.connect(self.ask_pasang)
        self.salin_btn.clicked.connect(self.salin_kunci)
        self.peran_btn.clicked.connect(self.simpan_peran)
        self.konflik_btn.clicked.connect(self.open_konflik)
        self.ekspor_btn.clicked.connect(self.ask_ekspor)
        self.impor_btn.clicked.connect(self.ask_impor)
        self.jenis.currentIndexChanged.connect(lambda _i: self._jenis_changed())
        self.program.currentIndexChanged.connect(lambda _i: self._fill_sesi())
        self._peers: dict[str, str] = {}

    # ------------------------------------------------------------------ state
    def _peer_name(self, replika: str) -> str:
        return self._peers.get(replika) or replika[:8]

    def refresh(self) -> None:
        s = self.ctx.services.sinkron
        self.last.setText(self.tr("Database: %s") % self.ctx.services.store.path)
        me = s.perangkat()
        sidik = me["kunci_tim"]
        self.kunci_label.setText(
            (self.tr("Kunci tim terpasang (sidik <b>%s</b>). Laptop ini: %s, replika %s.") % (sidik, me["perangkat"], me["replika"][:8]))
            if sidik else self.tr("<b>Kunci tim belum dipasang.</b> Buat sekali per tim, pasang di setiap laptop."))
        self.salin_btn.setEnabled(bool(sidik) and self.ctx.can(R.AKUN_KELOLA))
        self.peran.setCurrentIndex(max(0, self.peran.findData(me["peran"])))
        self._peers = {r["replika"]: r["perangkat"] or r["replika"][:8] for r in me["rekan"]}
        self.rekan.clear()
        self.rekan.addItem(self.tr("Rekan baru (semua data)"), "")
        for r in me["rekan"]:
            self.rekan.addItem(f"{r['perangkat'] or r['replika'][:8]} — {r['pengguna']}", r["replika"])
        self.program.clear()
        for p in self.ctx.services.monev.daftar_program():
            self.program.addItem(p["nama"], p["id"])
        self._fill_sesi()
        self._jenis_changed()
        n = s.jumlah_konflik()
        self.konflik_label.setText(
            self.tr("<span style='color:#b00020'><b>%d</b></span> konflik menunggu diputuskan.") % n if n
            else self.tr("Tidak ada konflik yang terbuka."))
        self.konflik_btn.setEnabled(bool(n))
        self.riwayat.set_rows(s.riwayat())

    def _fill_sesi(self) -> None:
        self.sesi.clear()
        pid = self.program.currentData()
        if not pid:
            return
        for r in self.ctx.services.monev.daftar_sesi(pid):
            self.sesi.addItem(f"{r['opd']} (revisi {r['revisi']}, {r['status']})", r["id"])

    def _jenis_changed(self) -> None:
        jenis = self.jenis.currentData()
        self.rekan.setEnabled(jenis == "delta")
        self.program.setEnabled(jenis in ("program", "serahkan"))
        self.sesi.setEnabled(jenis == "serahkan")

    # ------------------------------------------------------------------ key
    def buat_kunci(self) -> None:
        s = self.ctx.services.sinkron
        if s.punya_kunci() and not confirm(self, self.tr(
                "Laptop ini sudah memakai kunci tim. Kunci baru membuat paket dari laptop lain yang memakai kunci "
                "lama ditolak. Lanjutkan?")):
            return
        teks = s.kunci_buat(self.ctx.actor)
        QGuiApplication.clipboard().setText(teks)
        info(self, self.tr("Kunci tim baru (sudah disalin ke papan klip). Pasang teks ini di setiap laptop tim:\n\n%s") % teks)
        self.refresh()

    def ask_pasang(self) -> None:
        teks, ok = QInputDialog.getText(self, self.tr("Pasang kunci tim"), self.tr("Tempel teks kunci tim (PPIDTIM1-…):"))
        if ok and teks.strip():
            self.pasang(teks)

    def pasang(self, teks: str) -> None:
        sinkron, actor = self.ctx.services.sinkron, self.ctx.actor

        def done(sidik: str) -> None:
            info(self, self.tr("Kunci tim dipasang (sidik %s).") % sidik)
            self.refresh()

        operasi(self.ctx, lambda: sinkron.kunci_pasang(actor, teks), rooms={"sinkron"},
                title=self.tr("Memasang kunci tim…"), parent=self, on_done=done)

    def simpan_peran(self) -> None:
        sinkron, actor, peran = self.ctx.services.sinkron, self.ctx.actor, self.peran.currentData()
        operasi(self.ctx, lambda: sinkron.atur_peran(actor, peran), rooms={"sinkron"},
                title=self.tr("Menyimpan peran laptop…"), parent=self, on_done=lambda _r: self.refresh())

    def salin_kunci(self) -> None:
        QGuiApplication.clipboard().setText(self.ctx.services.sinkron.teks_kunci(self.ctx.actor))
        info(self, self.tr("Teks kunci tim disalin ke papan klip. Jangan kirim lewat saluran yang sama dengan paketnya."))

    # ------------------------------------------------------------------ export
    def ask_ekspor(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Simpan paket sinkronisasi"),
            f"ppid-{self.jenis.currentData()}-{self.ctx.services.clock.now():%Y%m%d-%H%M}.ppidsync",
            self.tr("Paket sinkronisasi (*.ppidsync)"))
        if name:
            self.ekspor(Path(name))

    def ekspor(self, target: Path) -> None:
        jenis = self.jenis.currentData()
        kw: dict[str, Any] = {"data_pribadi": self.pribadi.isChecked(), "sandi": self.sandi.text() or None}
        if jenis == "delta":
            kw["untuk"] = self.rekan.currentData() or None
        elif jenis == "semua":
            kw["semua"] = True
        elif jenis == "program":
            kw["program"] = self.program.currentData()
        else:
            kw["serahkan"] = self.sesi.currentData()
        svc, actor = self.ctx.services.sinkron, self.ctx.actor

        def done(out: dict[str, Any]) -> None:
            info(self, self.tr("Paket dibuat: %s\n%d rekaman, %d lampiran%s.") % (
                out["berkas"], sum(out["jumlah"].values()), out["lampiran"],
                self.tr(", terenkripsi") if out["terenkripsi"] else ""))
            self.refresh()

        self.ctx.tasks.run(lambda p: svc.ekspor(actor, target, progress=p, **kw), title=self.tr("Membuat paket…"),
                           on_done=done, parent=self)

    # ------------------------------------------------------------------ import
    def ask_impor(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Pilih paket sinkronisasi"), "",
                                              self.tr("Paket sinkronisasi (*.ppidsync)"))
        if name:
            self.impor(Path(name))

    def impor(self, path: Path, *, tanya: bool = True) -> None:
        svc, actor, sandi = self.ctx.services.sinkron, self.ctx.actor, self.sandi_masuk.text() or None

        def applied(out: dict[str, Any]) -> None:
            t = out["total"]
            info(self, self.tr("Paket diterapkan: %d baru, %d diperbarui, %d sama, %d konflik.") % (
                t["baru"], t["diperbarui"], t["sama"], t["konflik"]))
            self.refresh()

        def previewed(out: dict[str, Any]) -> None:
            if tanya:
                dlg = PratinjauDialog(self.ctx, out, lambda: svc.impor(actor, path, sandi=sandi), self)
                self.pratinjau = dlg
                if dlg.exec() == QDialog.DialogCode.Accepted:
                    applied(dlg.hasil)
                return

            def done(res: dict[str, Any]) -> None:
                self.ctx.notify(ROOMS)  # every page showing merged data refreshes
                applied(res)

            self.ctx.tasks.run(lambda p: svc.impor(actor, path, sandi=sandi, progress=p),
                               title=self.tr("Menerapkan paket…"), on_done=done, parent=self)

        self.ctx.tasks.run(lambda p: svc.impor(actor, path, pratinjau=True, sandi=sandi, progress=p),
                           title=self.tr("Memeriksa paket…"), on_done=previewed, parent=self)

    def open_konflik(self) -> None:
        dlg = KonflikDialog(self.ctx, self)
        dlg.exec()
        self.refresh()

    # ------------------------------------------------------------------ backups
    def ask_backup(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Simpan cadangan"), f"cadangan-ppid-{self.ctx.services.clock.now():%Y%m%d-%H%M}.ppidbak",
            self.tr("Cadangan PPID (*.ppidbak)"))
        if name:
            self.backup(Path(name))

    def backup(self, target: Path) -> None:
        from ppid_desktop.sinkron.backup import backup

        def done(result: Any) -> None:
            info(self, self.tr("Cadangan dibuat: %s (%d berkas).") % (result.path, result.files))

        keys = self.with_keys.isChecked()
        self.ctx.tasks.run(lambda p: backup(self.ctx.services.store, target, p, kunci=keys), title=self.tr("Membuat cadangan…"),
                           on_done=done, parent=self)

    def dialog_pulihkan(self) -> Any:
        from ppid_desktop.ui.pulihkan import PulihkanDialog

        return PulihkanDialog(self.ctx, self)

    def ask_restore(self) -> None:
        """The archive, the target and, for an encrypted archive, its password or recovery key (``ui.pulihkan``)."""
        dlg = self.dialog_pulihkan()
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()

    def smoke(self) -> None:
        self.refresh()
        dlg = KonflikDialog(self.ctx, self)
        dlg.close()
        pre = PratinjauDialog(self.ctx, {"jenis": "delta", "dari": {"replika": "-" * 8, "perangkat": "uji", "pengguna": ""},
                                         "per_jenis": {}, "total": {"baru": 0, "diperbarui": 0, "sama": 0, "konflik": 0}},
                              lambda: None, self)
        pre.close()
