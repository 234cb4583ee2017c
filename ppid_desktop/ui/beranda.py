"""Beranda: what needs attention today."""

from __future__ import annotations

import importlib
from datetime import date

from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from ppid_desktop.core.tanggal import tanggal_hari
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.widgets import Card, PageHeader, StatTile

# Panels rooms contribute to Beranda ("module:Class", constructed with ctx), shown when importable.
PANELS = (
    "ppid_desktop.ui.layanan.beranda:TenggatPanel",
    "ppid_desktop.ui.monev.beranda:MonevPanel",
    "ppid_desktop.ui.sinkron_konflik:KonflikPanel",
)


class BerandaPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 20, 24, 16)
        who = ctx.actor.nama or ctx.actor.username
        self.header = PageHeader(self.tr("Selamat datang, %s") % who, tanggal_hari(date.today()))
        lay.addWidget(self.header)
        self.warning = QLabel()
        self.warning.setObjectName("warning")
        self.warning.setWordWrap(True)
        self.warning.hide()
        lay.addWidget(self.warning)
        tiles = QGridLayout()
        self.t_opd = StatTile(self.tr("Perangkat daerah"))
        self.t_pegawai = StatTile(self.tr("Pegawai & pejabat"))
        self.t_libur = StatTile(self.tr("Hari libur & cuti bersama tahun ini"))
        self.t_naskah = StatTile(self.tr("Naskah menunggu paraf atau tanda tangan"), tone="warn")
        for i, t in enumerate((self.t_opd, self.t_pegawai, self.t_libur, self.t_naskah)):
            tiles.addWidget(t, 0, i)
        lay.addLayout(tiles)
        self.panels: list[QWidget] = []
        for spec in PANELS:
            module, cls = spec.split(":")
            try:
                panel = getattr(importlib.import_module(module), cls)(ctx)
            except (ImportError, AttributeError):
                continue
            self.panels.append(panel)
            card = Card()
            card.body.addWidget(panel)
            lay.addWidget(card)
        if not self.panels:
            card = Card(self.tr("Tenggat layanan informasi"))
            card.body.addWidget(QLabel(self.tr("Register permohonan belum tersedia di versi ini.")))
            lay.addWidget(card)
        lay.addStretch(1)

    def refresh(self) -> None:
        master = self.ctx.services.master
        self.t_opd.set_value(str(len(master.list_opd())))
        self.t_pegawai.set_value(str(len(master.list_pegawai())))
        self.t_libur.set_value(str(len(master.list_days(date.today().year))))
        agenda = self.ctx.services.agenda
        waiting = len(agenda.daftar(status="paraf")) + len(agenda.daftar(status="siap_ttd"))
        self.t_naskah.set_value(str(waiting))
        warnings = master.calendar_warnings()
        if not master.has_profil():
            warnings.insert(0, self.tr("Profil instansi belum diisi: kop surat memakai teks contoh. Isi di Data Master."))
        self.warning.setText("\n".join(warnings))
        self.warning.setVisible(bool(warnings))
        for p in self.panels:
            refresh = getattr(p, "refresh", None)
            if callable(refresh):
                refresh()
