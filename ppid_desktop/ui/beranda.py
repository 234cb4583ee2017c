"""Beranda: the signed-in role's work queue — what is overdue, due today and this week (each line opens the
filtered register), letters waiting for paraf or signature, monev visits scheduled and sessions not
finished, sync conflicts, DIP, and the quick actions. Master-data counts live on Data Master.

Everything Beranda shows is computed in one pass on the task runner (``hitung``), never on the GUI thread.
"""

from __future__ import annotations

import importlib
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ppid_desktop.akun import roles as R
from ppid_desktop.core.tanggal import tanggal_hari
from ppid_desktop.layanan.ringkasan import ringkasan as ringkasan_layanan
from ppid_desktop.master.ringkasan import ada_profil, peringatan_kalender, tahun_kalender
from ppid_desktop.monev.ringkasan import BarisMonev, antrean_monev
from ppid_desktop.naskah.ringkasan import naskah_menunggu
from ppid_desktop.sinkron.ringkasan import jumlah_konflik
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.widgets import Card, PageHeader, angka, wenang

if TYPE_CHECKING:
    from ppid_desktop.services import Services

# Panels rooms contribute to Beranda ("module:Class", constructed with ctx), shown when importable: the sync
# conflicts panel (count and the resolution dialog) belongs to the sinkron room.
PANELS = ("ppid_desktop.ui.sinkron_konflik:KonflikPanel",)

@dataclass
class DataBeranda:
    hari_ini: date
    terlambat: int = 0
    jatuh_tempo_hari_ini: int = 0
    minggu_ini: int = 0
    keberatan_minggu_ini: int = 0
    keberatan_terlambat: int = 0
    per_opd: list[dict[str, Any]] = field(default_factory=list)
    pengingat: str = ""
    paraf: int = 0
    siap_ttd: int = 0
    monev: list[BarisMonev] = field(default_factory=list)
    konflik: int | None = None
    peringatan: list[str] = field(default_factory=list)
    lengkap: bool = True  # False: a calendar year was not seeded yet (the services seed it, then recount)


def hitung(conn: Any, hari_ini: date) -> DataBeranda:
    """One pass over what Beranda shows, in plain SQL on one DB-API connection (runs on a worker thread):
    the light start path's connection before the services are loaded, ``Store.raw()`` after. Each room
    owns its query (``layanan.ringkasan``, ``naskah.ringkasan``, ``monev.ringkasan``, ``sinkron.ringkasan``,
    ``master.ringkasan``); none of them loads the ORM."""
    r = ringkasan_layanan(conn, hari_ini)
    out = DataBeranda(hari_ini=hari_ini, terlambat=r.total_terlambat, jatuh_tempo_hari_ini=r.total_hari_ini,
                      minggu_ini=r.total_minggu_ini, keberatan_minggu_ini=r.keberatan_minggu_ini,
                      keberatan_terlambat=r.keberatan_terlambat, per_opd=list(r.per_opd),
                      pengingat=r.pengingat_laporan or "")
    out.paraf, out.siap_ttd = naskah_menunggu(conn)
    out.monev = antrean_monev(conn, hari_ini)
    out.konflik = jumlah_konflik(conn)
    peringatan = peringatan_kalender(conn, hari_ini)
    out.lengkap = peringatan is not None
    out.peringatan = list(peringatan or [])
    if not ada_profil(conn):
        out.peringatan.insert(0, "Profil instansi belum diisi: kop surat memakai teks contoh. Isi di Data Master.")
    return out


def hitung_layanan(services: Services, hari_ini: date | None = None) -> DataBeranda:
    """``hitung`` through the loaded services: their clock, the calendar years seeded first (a write, done
    only when a year is missing), then the same SQL on the store's own connection."""
    today = hari_ini or services.layanan.clock()
    services.master.pastikan_tahun(tahun_kalender(today))
    with services.store.raw() as conn:
        return hitung(conn, today)


class Antrian(QPushButton):
    """One clickable line of the work queue: "<b>12</b> permohonan terlambat"."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setObjectName("antrian")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFlat(True)


class BerandaPage(QWidget):
    """``buka(section, options)`` asks the main window to open a page with a filter, e.g.
    ``("layanan", {"terlambat": True})``."""

    buka = Signal(str, dict)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: DataBeranda | None = None
        self._berjalan = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 20, 24, 16)
        who = ctx.actor.nama or ctx.actor.username
        self.header = PageHeader(self.tr("Selamat datang, %s") % who, tanggal_hari(self.ctx.hari_ini()))
        lay.addWidget(self.header)

        aksi = QHBoxLayout()
        self.btn_baru = QPushButton(self.tr("Permohonan baru (Ctrl+N)"))
        self.btn_baru.setProperty("primary", True)
        self.btn_sesi = QPushButton(self.tr("Sesi monev…"))
        self.btn_impor = QPushButton(self.tr("Impor Excel…"))
        for b in (self.btn_baru, self.btn_sesi, self.btn_impor):
            aksi.addWidget(b)
        aksi.addStretch(1)
        lay.addLayout(aksi)
        wenang(ctx, R.LAYANAN_CATAT, self.btn_baru)
        wenang(ctx, R.MONEV_LAPANGAN, self.btn_sesi)
        wenang(ctx, R.REKAP_IMPOR, self.btn_impor)
        self.btn_baru.clicked.connect(lambda: self.buka.emit("layanan", {"baru": True}))
        self.btn_sesi.clicked.connect(lambda: self.buka.emit("monev", {}))
        self.btn_impor.clicked.connect(lambda: self.buka.emit("rekap", {}))

        self.warning = QLabel()
        self.warning.setObjectName("warning")
        self.warning.setWordWrap(True)
        self.warning.hide()
        lay.addWidget(self.warning)

        grid = QGridLayout()
        grid.setSpacing(12)
        # Layanan: overdue first, then today, this week, keberatan.
        self.c_layanan = Card(self.tr("Tenggat layanan informasi"))
        self.q_terlambat = Antrian()
        self.q_hari_ini = Antrian()
        self.q_minggu = Antrian()
        self.q_keberatan = Antrian()
        for q in (self.q_terlambat, self.q_hari_ini, self.q_minggu, self.q_keberatan):
            self.c_layanan.body.addWidget(q)
        self.q_terlambat.clicked.connect(lambda: self.buka.emit("layanan", {"terlambat": True}))
        self.q_hari_ini.clicked.connect(lambda: self.buka.emit("layanan", {"terbuka": True}))
        self.q_minggu.clicked.connect(lambda: self.buka.emit("layanan", {"terbuka": True}))
        self.q_keberatan.clicked.connect(lambda: self.buka.emit("layanan", {"keberatan": True}))
        self.opd_title = QLabel(self.tr("Terlambat per OPD (klik untuk membuka)"))
        self.opd_title.setObjectName("hint")
        self.c_layanan.body.addWidget(self.opd_title)
        self.opd_box = QVBoxLayout()
        self.opd_box.setSpacing(0)
        self.c_layanan.body.addLayout(self.opd_box)
        self.pengingat = QLabel()
        self.pengingat.setWordWrap(True)
        self.pengingat.setObjectName("warning")
        self.pengingat.hide()
        self.c_layanan.body.addWidget(self.pengingat)
        self.c_layanan.body.addStretch(1)
        grid.addWidget(self.c_layanan, 0, 0, 2, 1)

        self.c_naskah = Card(self.tr("Naskah menunggu"))
        self.q_paraf = Antrian()
        self.q_ttd = Antrian()
        for q in (self.q_paraf, self.q_ttd):
            self.c_naskah.body.addWidget(q)
            q.clicked.connect(lambda: self.buka.emit("naskah", {}))
        self.c_naskah.body.addStretch(1)
        grid.addWidget(self.c_naskah, 0, 1)

        self.c_monev = Card(self.tr("Monev: kunjungan dan sesi"))
        self.monev_box = QVBoxLayout()
        self.monev_box.setSpacing(0)
        self.c_monev.body.addLayout(self.monev_box)
        self.c_monev.body.addStretch(1)
        grid.addWidget(self.c_monev, 0, 2)

        self.c_lain = Card(self.tr("Sinkronisasi dan DIP"))
        self.panels: list[QWidget] = []
        for spec in PANELS:
            module, cls = spec.split(":")
            try:
                panel = getattr(importlib.import_module(module), cls)(ctx)
            except (ImportError, AttributeError):
                continue
            self.panels.append(panel)
            self.c_lain.body.addWidget(panel)
        dip = QLabel(self.tr("Daftar Informasi Publik (DIP) belum dikelola di aplikasi ini: pemutakhiran DIP "
                             "dicatat di luar PPID Desktop."))
        dip.setWordWrap(True)
        dip.setObjectName("hint")
        self.c_lain.body.addWidget(dip)
        self.c_lain.body.addStretch(1)
        grid.addWidget(self.c_lain, 1, 1, 1, 2)
        grid.setColumnStretch(0, 5)
        grid.setColumnStretch(1, 4)
        grid.setColumnStretch(2, 4)
        lay.addLayout(grid)
        lay.addStretch(1)
        self.memuat = QLabel(self.tr("Menghitung antrean kerja…"))
        self.memuat.setObjectName("hint")
        lay.addWidget(self.memuat)
        ctx.changed.connect(self._berubah)

    # ------------------------------------------------------------------ data
    def refresh(self) -> None:
        """Recompute in the background (one task at a time): on the light connection while the services
        load (the start), through them afterwards. The first result starts loading the services."""
        if self._berjalan:
            return
        self._berjalan = True
        self.memuat.show()
        ctx = self.ctx

        def body(_p: object) -> DataBeranda:
            ringan = None if ctx.siap else ctx.ringan
            if ringan is not None:
                try:
                    with ringan.pakai() as conn:
                        return hitung(conn, ctx.hari_ini())
                except sqlite3.ProgrammingError:
                    pass  # closed meanwhile: the services are loaded
            return hitung_layanan(ctx.services)

        def selesai(data: DataBeranda) -> None:
            if not isValid(self):  # signed out (page deleted) while the queue was being counted
                return
            self._berjalan = False
            self.isi(data)
            if not ctx.siap:  # Beranda is filled: once it is painted, the rest of the app loads behind it
                if not data.lengkap:
                    ctx.bus.siap.connect(self._lengkapi, type=Qt.ConnectionType.SingleShotConnection)
                QTimer.singleShot(0, ctx.muat)

        def gagal(exc: BaseException) -> None:
            if not isValid(self):
                return
            self._berjalan = False
            ctx.muat()
            from ppid_desktop.ui.widgets import show_error

            show_error(self, exc)

        self.ctx.tasks.run(body, title=self.tr("Menghitung antrean kerja…"), on_done=selesai, on_error=gagal,
                           cancellable=False)

    def _lengkapi(self) -> None:
        """The light count could not seed a calendar year: count again through the services."""
        if isValid(self):
            self.refresh()

    def _berubah(self, rooms: frozenset[str]) -> None:
        if rooms & {"layanan", "naskah", "monev", "master", "sinkron"} and self.isVisible():
            self.refresh()

    def isi(self, d: DataBeranda) -> None:
        self.data = d
        self.memuat.hide()
        self.header.subtitle.setText(tanggal_hari(d.hari_ini))
        self.q_terlambat.setText(self.tr("⚠  %1 permohonan lewat tenggat").replace("%1", angka(d.terlambat)))
        self.q_terlambat.setProperty("tone", "bad" if d.terlambat else "")
        self.q_hari_ini.setText(self.tr("%1 jatuh tempo hari ini").replace("%1", angka(d.jatuh_tempo_hari_ini)))
        self.q_minggu.setText(self.tr("%1 jatuh tempo minggu ini").replace("%1", angka(d.minggu_ini)))
        self.q_keberatan.setText(self.tr("Keberatan: %1 jatuh tempo minggu ini, %2 terlambat")
                                 .replace("%1", angka(d.keberatan_minggu_ini)).replace("%2", angka(d.keberatan_terlambat)))
        for w in (self.q_terlambat, self.q_hari_ini, self.q_minggu):
            w.style().unpolish(w)
            w.style().polish(w)
        _kosongkan(self.opd_box)
        rows = [r for r in d.per_opd if r["terlambat"] or r["hari_ini"]]
        for r in rows[:6]:
            b = Antrian(self.tr("%1 — %2 terlambat, %3 hari ini").replace("%1", r["opd"])
                        .replace("%2", angka(r["terlambat"])).replace("%3", angka(r["hari_ini"])))
            b.clicked.connect(lambda _=False, opd=r["opd"]: self.buka.emit("layanan", {"terlambat": True, "opd": opd}))
            self.opd_box.addWidget(b)
        if len(rows) > 6:
            more = Antrian(self.tr("… dan %1 OPD lainnya: buka register").replace("%1", angka(len(rows) - 6)))
            more.clicked.connect(lambda: self.buka.emit("layanan", {"terlambat": True}))
            self.opd_box.addWidget(more)
        self.opd_title.setVisible(bool(rows))
        self.pengingat.setText(d.pengingat)
        self.pengingat.setVisible(bool(d.pengingat))
        self.q_paraf.setText(self.tr("%1 naskah menunggu paraf").replace("%1", angka(d.paraf)))
        self.q_ttd.setText(self.tr("%1 naskah siap ditandatangani").replace("%1", angka(d.siap_ttd)))
        _kosongkan(self.monev_box)
        if not d.monev:
            lbl = QLabel(self.tr("Tidak ada kunjungan minggu ini dan tidak ada sesi yang belum selesai."))
            lbl.setWordWrap(True)
            lbl.setObjectName("hint")
            self.monev_box.addWidget(lbl)
        for m in d.monev[:5]:
            parts = []
            if m.minggu_ini:
                parts.append(self.tr("%1 kunjungan minggu ini").replace("%1", angka(m.minggu_ini)))
            if m.berlangsung:
                parts.append(self.tr("%1 sesi belum selesai").replace("%1", angka(m.berlangsung)))
            nama = m.nama if len(m.nama) <= 44 else m.nama[:42].rstrip() + "…"
            b = Antrian(f"{nama}: {', '.join(parts)}")
            b.setToolTip(m.nama)
            b.clicked.connect(lambda _=False, pid=m.program_id: self.buka.emit("monev", {"program": pid}))
            self.monev_box.addWidget(b)
        for p in self.panels:  # the panels show what this pass counted (no query of their own)
            tampilkan = getattr(p, "tampilkan", None)
            if callable(tampilkan):
                tampilkan(d)
        self.warning.setText("\n".join(d.peringatan))
        self.warning.setVisible(bool(d.peringatan))


def _kosongkan(box: QVBoxLayout) -> None:
    while box.count():
        item = box.takeAt(0)
        w = item.widget() if item is not None else None
        if w is not None:
            w.deleteLater()
