"""Beranda widget: requests due today / this week / overdue per OPD, keberatan clocks, annual-report reminder."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ppid_desktop.ui.context import AppContext


class TenggatPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setWordWrap(True)
        lay.addWidget(self.label)
        self.refresh()

    def refresh(self) -> None:
        """Counted on a worker (``layanan.ringkasan.ringkasan_tenggat`` via the service); a refresh asked
        while one is on its way is that one (sign-in built the panel and refreshed Beranda at once)."""
        if getattr(self, "_busy", False):
            return
        self._busy = True
        layanan = self.ctx.services.layanan

        def done(r: object) -> None:
            self._busy = False
            self.show_summary(r)

        def failed(exc: BaseException) -> None:
            self._busy = False
            self.label.setText(escape(str(exc)))

        self.ctx.tasks.run(lambda _p: layanan.ringkasan(), title=self.tr("Menghitung tenggat…"), on_done=done,
                           on_error=failed, parent=self, cancellable=False)

    def show_summary(self, r: Any) -> None:
        html = (f"<b>{escape(self.tr('Tenggat pemberitahuan tertulis'))}</b><br/>"
                f"Hari ini: <b>{r.total_hari_ini}</b> · Minggu ini: <b>{r.total_minggu_ini}</b> · "
                f"<span style='color:#b00020'>Terlambat: <b>{r.total_terlambat}</b></span><br/>"
                f"Keberatan: {r.keberatan_minggu_ini} jatuh tempo minggu ini, {r.keberatan_terlambat} terlambat")
        if r.per_opd:
            html += "<table cellspacing='4'><tr><th align='left'>OPD</th><th>Hari ini</th><th>Minggu ini</th><th>Terlambat</th></tr>"
            for row in r.per_opd[:12]:
                html += (f"<tr><td>{escape(row['opd'])}</td><td align='center'>{row['hari_ini']}</td>"
                         f"<td align='center'>{row['minggu_ini']}</td><td align='center'>{row['terlambat']}</td></tr>")
            html += "</table>"
        if r.pengingat_laporan:
            html += f"<p style='color:#8a5300'><b>Pengingat:</b> {escape(r.pengingat_laporan)}</p>"
        self.label.setText(html)
        self.summary = r
