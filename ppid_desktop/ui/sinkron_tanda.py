"""Sync marks on the other rooms' screens, each put there by one call:

- ``pasang_tanda_register(ctx, view, model, "permohonan")``: a warning icon on the first cell of every
  register row with open sync conflicts, tooltip "N konflik sinkronisasi — buka Sinkronisasi";
- ``pasang_tanda_jadwal(ctx, view, id_baris)``: the same on the monev schedule rows, plus the hand-over
  (who holds the session, since when);
- ``BannerKonflik(ctx, "permohonan", id)``: a strip at the top of a record's dialog, with a button that
  opens the resolution screen on that record's conflicts only;
- ``BannerSesi(ctx)`` + ``banner.muat(sesi_id, *tombol_ubah)``: the session dialog's strip: conflicts,
  and when another laptop holds the session, who and since when, the edit buttons disabled, and
  "Ambil kembali…".

The data comes from ``services.sinkron.konflik_untuk`` / ``konflik_dari`` / ``status_serah`` (a few
indexed rows: the open conflicts and hand-overs are few).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QHelpEvent, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from ppid_desktop.akun import roles as R
from ppid_desktop.ui.context import AppContext

Index = QModelIndex | QPersistentModelIndex


def teks_konflik(n: int) -> str:
    return f"{n} konflik sinkronisasi — buka Sinkronisasi"


class TandaDelegate(QStyledItemDelegate):
    """Column 0 of ``view``: a warning icon and a tooltip for the rows whose key has a mark."""

    def __init__(self, view: QAbstractItemView, kunci: Callable[[int], str | None],
                 muat: Callable[[], dict[str, str]]) -> None:
        super().__init__(view)
        self.view = view
        self.kunci = kunci
        self._muat = muat
        self.tanda: dict[str, str] = {}
        self.ikon: QIcon = view.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        view.setItemDelegateForColumn(0, self)
        model = view.model()
        model.modelReset.connect(self.muat)
        reloaded = getattr(model, "reloaded", None)
        if reloaded is not None:
            reloaded.connect(lambda *_: self.muat())
        self.muat()

    def muat(self) -> None:
        self.tanda = self._muat()
        self.view.viewport().update()

    def teks(self, row: int) -> str | None:
        """The mark of ``row`` (its tooltip), or None."""
        if not self.tanda:
            return None
        key = self.kunci(row)
        return self.tanda.get(key) if key else None

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:  # noqa: N802 - Qt's name
        super().initStyleOption(option, index)
        if self.teks(index.row()):
            option.icon = self.ikon
            option.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration

    def helpEvent(self, event: QHelpEvent, view: QAbstractItemView, option: QStyleOptionViewItem,  # noqa: N802
                  index: Index) -> bool:
        t = self.teks(index.row())
        if t and event.type() == QEvent.Type.ToolTip:
            QToolTip.showText(event.globalPos(), t, view)
            return True
        return super().helpEvent(event, view, option, index)


def pasang_tanda_register(ctx: AppContext, view: QAbstractItemView, model: Any, entitas: str) -> TandaDelegate:
    """Conflict marks on a lazy register (rows are dicts with ``id``)."""
    sinkron = ctx.services.sinkron

    def kunci(row: int) -> str | None:
        data = model.row_data(row)
        return str(data["id"]) if data else None

    return TandaDelegate(view, kunci, lambda: {k: teks_konflik(n) for k, n in sinkron.konflik_untuk(entitas).items()})


def pasang_tanda_jadwal(ctx: AppContext, view: QAbstractItemView, id_baris: Callable[[int], str | None]) -> TandaDelegate:
    """Conflict and hand-over marks on monev schedule rows (``id_baris(row)`` gives the schedule id)."""
    sinkron = ctx.services.sinkron

    def muat() -> dict[str, str]:
        konflik = sinkron.konflik_untuk("monev_jadwal")
        serah = sinkron.status_serah(per_jadwal=True)
        out: dict[str, str] = {}
        for key in set(konflik) | set(serah):
            lines = [serah[key]["teks"]] if key in serah else []
            if key in konflik:
                lines.append(teks_konflik(konflik[key]))
            out[key] = "\n".join(lines)
        return out

    return TandaDelegate(view, id_baris, muat)


class _Strip(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tandaSinkron")
        self.setStyleSheet("#tandaSinkron { background: #fff4e5; border: 1px solid #f0b429; border-radius: 4px; }")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 4)
        self.ikon = QLabel()
        self.ikon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(18, 18))
        lay.addWidget(self.ikon, 0, Qt.AlignmentFlag.AlignTop)
        self.label = QLabel()
        self.label.setWordWrap(True)
        lay.addWidget(self.label, 1)
        self.lay = lay
        self.hide()


def buka_konflik(ctx: AppContext, parent: QWidget, hanya: set[str] | None = None) -> None:
    from ppid_desktop.ui.sinkron_konflik import KonflikDialog

    KonflikDialog(ctx, parent, hanya=hanya).exec()


class BannerKonflik(_Strip):
    """The open sync conflicts of one record, with a button to resolve them."""

    berubah = Signal()

    def __init__(self, ctx: AppContext, entitas: str, rec_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.entitas, self.rec_id = ctx, entitas, rec_id
        self.tombol = QPushButton(self.tr("Buka Sinkronisasi…"))
        self.tombol.clicked.connect(self.buka)
        self.lay.addWidget(self.tombol, 0, Qt.AlignmentFlag.AlignTop)
        self.muat()

    def muat(self) -> None:
        self.kid = self.ctx.services.sinkron.konflik_dari(self.entitas, self.rec_id)
        self.label.setText(self.tr("<b>%1</b>: perubahan bersamaan di dua laptop yang menunggu diputuskan.")
                           .replace("%1", teks_konflik(len(self.kid)).split(" — ")[0]))
        self.setVisible(bool(self.kid))

    def buka(self) -> None:
        buka_konflik(self.ctx, self, self.kid)
        self.muat()
        self.berubah.emit()


class BannerSesi(_Strip):
    """The session dialog's strip: who holds a handed-over session and since when (edits disabled, "Ambil
    kembali…"), and the session's open sync conflicts."""

    berubah = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.sesi_id = ""
        self.serah: dict[str, Any] | None = None
        self.kid: set[str] = set()
        self.tombol_konflik = QPushButton(self.tr("Lihat konflik…"))
        self.tombol_konflik.clicked.connect(self.buka_konflik)
        self.tombol_ambil = QPushButton(self.tr("Ambil kembali…"))
        self.tombol_ambil.setToolTip(self.tr("Pakai bila laptop pemegang hilang atau rusak: sesi kembali dapat diubah "
                                             "di sini, dan laptop pemegang tidak dapat mengubahnya lagi."))
        self.tombol_ambil.clicked.connect(self.tanya_ambil)
        for b in (self.tombol_konflik, self.tombol_ambil):
            self.lay.addWidget(b, 0, Qt.AlignmentFlag.AlignTop)

    def muat(self, sesi_id: str, *tombol_ubah: QWidget) -> None:
        """Show the marks of ``sesi_id``; while another laptop holds it, disable ``tombol_ubah``."""
        s = self.ctx.services.sinkron
        self.sesi_id = sesi_id
        self.serah = s.status_serah([sesi_id]).get(sesi_id)
        self.kid = s.konflik_dari("monev_sesi", sesi_id)
        lines = []
        if self.serah is not None:
            lines.append("<b>" + self.serah["teks"] + "</b> " + self.tr(
                "Perubahan di laptop ini ditolak sampai sesi kembali lewat paket serah."))
            for w in tombol_ubah:
                w.setEnabled(False)
                w.setToolTip(self.serah["teks"])
        if self.kid:
            lines.append(teks_konflik(len(self.kid)).split(" — ")[0] + self.tr(" pada sesi ini."))
        self.label.setText("<br>".join(lines))
        self.tombol_ambil.setVisible(self.serah is not None)
        self.tombol_ambil.setEnabled(self.ctx.can(R.MONEV_KELOLA))
        self.tombol_konflik.setVisible(bool(self.kid))
        self.setVisible(bool(lines))

    def tanya_ambil(self) -> None:
        from ppid_desktop.ui.operasi import operasi
        from ppid_desktop.ui.widgets import confirm

        if self.serah is None or not confirm(self, self.tr(
                "Ambil kembali sesi ini tanpa menunggu paket dari laptop pemegang? Perubahan yang dibuat di laptop "
                "itu tetap digabungkan bila paketnya datang kemudian, tetapi laptop itu tidak dapat mengubah sesi "
                "ini lagi.")):
            return
        sinkron, actor, sid = self.ctx.services.sinkron, self.ctx.actor, self.sesi_id
        operasi(self.ctx, lambda: sinkron.ambil_kembali(actor, sid), rooms={"monev", "sinkron"},
                title=self.tr("Mengambil kembali sesi…"), parent=self, on_done=lambda _r: self.berubah.emit())

    def buka_konflik(self) -> None:
        buka_konflik(self.ctx, self, self.kid)
        self.berubah.emit()
