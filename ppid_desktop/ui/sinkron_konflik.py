"""Sync conflicts on screen: the resolution dialog (both values side by side, who and when) and the
Beranda panel with the count of open conflicts.

The two sides are named by where they were written, not by which one the merge keeps: "Di laptop ini" (the
write made on this laptop) and "Dari paket <perangkat>, <waktu>" (the write that came in a package); the one
every laptop shows meanwhile is marked "dipakai sekarang", and "Nilai semula" is the value before this laptop's
edit where this laptop's audit log knows it (never for personal fields: the log keeps no such values)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.dialog import DialogFormulir
from ppid_desktop.ui.operasi import operasi
from ppid_desktop.ui.widgets import table_view

ENTITAS = {
    "perangkat_daerah": "Perangkat daerah", "pegawai": "Pegawai", "profil_instansi": "Profil instansi",
    "permohonan": "Permohonan", "keberatan": "Keberatan", "monev_jawaban": "Jawaban monev",
    "monev_sesi": "Sesi monev", "monev_jadwal": "Jadwal monev", "surat_keluar": "Surat keluar",
    "templat_nomor": "Templat nomor", "hari_libur": "Hari libur",
}
JENIS = {"nilai": "Diubah di dua laptop", "hapus": "Dihapus di satu laptop, diubah di laptop lain",
         "terkunci": "Jawaban masuk setelah sesi difinalkan", "nomor_ganda": "Nomor resmi ganda"}

Index = QModelIndex | QPersistentModelIndex


class ListModel(QAbstractTableModel):
    """Rows of dicts shown through ``columns`` [(header, function(row) -> text)]."""

    def __init__(self, columns: list[tuple[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.rows: list[dict[str, Any]] = []

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        return str(self.columns[index.column()][1](self.rows[index.row()]))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section][0]
        return None


def _teks(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, bool):
        return "ya" if v else "tidak"
    return str(v)


def _sisi(side: dict[str, Any]) -> str:
    who = side.get("penulis") or side.get("replika", "")[:8] or "—"
    return f"{who}, {_waktu(side)}".strip(", ")


def _waktu(side: dict[str, Any]) -> str:
    return str(side.get("waktu", ""))[:16].replace("T", " ")


def nilai_semula(audit: list[Any], device_id: str, konflik: dict[str, Any], lokal: dict[str, Any] | None) -> dict[str, Any]:
    """The values before this laptop's write of ``konflik`` (field -> value), from this laptop's audit log
    entries (newest first): the update of that record that wrote the local side's value. Personal fields are
    logged as "diubah" without values, so they stay unknown (absent)."""
    if lokal is None:
        return {}
    nilai = lokal["nilai"]
    out: dict[str, Any] = {}
    for a in audit:
        if a.entity != konflik["entitas"] or a.entity_id != konflik["rec_id"] or a.device_id != device_id:
            continue
        if a.action not in ("update", "delete") or not a.changes:
            continue
        try:
            changes = json.loads(a.changes)
        except ValueError:
            continue
        for c, ch in changes.items():
            if c in nilai and c not in out and isinstance(ch, list) and len(ch) == 2 and str(ch[1]) == str(nilai[c]):
                out[c] = ch[0]
    return out


class KonflikDialog(QDialog):
    """Every open conflict; for the selected one its differing fields side by side, then
    pakai milik saya / pakai milik mereka / ubah."""

    resolved = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, hanya: set[str] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.hanya = hanya  # opened from a record's badge: just that record's conflicts
        self._replika = ""  # this laptop's replica (``load``)
        self._perangkat: dict[str, str] = {}  # replica -> device name, from the packages received
        self.setWindowTitle(self.tr("Konflik sinkronisasi"))
        self.resize(1000, 560)
        lay = QVBoxLayout(self)
        hint = QLabel(self.tr(
            "Perubahan yang dibuat bersamaan di dua laptop pada bagian yang sama. Nilai yang dipakai sementara "
            "sama di semua laptop; pilih nilai yang benar. Penyelesaian ikut terkirim dan menutup konflik di "
            "semua laptop."))
        hint.setWordWrap(True)
        lay.addWidget(hint)
        split = QSplitter(Qt.Orientation.Vertical)
        self.model = ListModel([
            (self.tr("Data"), lambda r: ENTITAS.get(r["entitas"], r["entitas"])),
            (self.tr("Rekaman"), lambda r: r["label"] or r["rec_id"][:8]),
            (self.tr("Bagian"), lambda r: r["grup"]),
            (self.tr("Jenis"), lambda r: JENIS.get(r["jenis"], r["jenis"])),
            (self.tr("Di laptop ini"), lambda r: _sisi(self._sisi_lokal(r)[0])),
            (self.tr("Dari paket"), lambda r: self._asal(self._sisi_lokal(r)[1]) + ": " + _sisi(self._sisi_lokal(r)[1])),
        ], self)
        self.table = table_view(self.model)
        split.addWidget(self.table)
        self.detail = ListModel(self._kolom_detail(self.tr("Di laptop ini"), self.tr("Dari paket")), self)
        self.detail_view = table_view(self.detail)
        split.addWidget(self.detail_view)
        lay.addWidget(split, 1)
        row = QHBoxLayout()
        self.who = QLabel()
        self.who.setObjectName("hint")
        self.who.setWordWrap(True)  # who and when of both sides: never wider than the screen
        row.addWidget(self.who, 1)
        self.mine = QPushButton(self.tr("Pakai nilai di laptop ini"))
        self.theirs = QPushButton(self.tr("Pakai nilai dari paket"))
        self.edit = QPushButton(self.tr("Ubah…"))
        close = QPushButton(self.tr("Tutup"))
        for b in (self.mine, self.theirs, self.edit, close):
            row.addWidget(b)
        lay.addLayout(row)
        close.clicked.connect(self.accept)
        self._pakai = {"lokal": "milik-saya", "lain": "milik-mereka"}  # per conflict: which side is in use now
        self.mine.clicked.connect(lambda: self.resolve(self._pakai["lokal"]))
        self.theirs.clicked.connect(lambda: self.resolve(self._pakai["lain"]))
        self.edit.clicked.connect(self.ask_edit)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_current())
        self.load()

    def _sisi_lokal(self, k: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any], bool]:
        """(the side written on this laptop, the side that came in a package, whether the merge kept the
        local one); when neither was written here, the kept one stands first."""
        menang, kalah = k["menang"], k["kalah"]
        lokal_menang = menang.get("replika") == self._replika or kalah.get("replika") != self._replika
        return (menang, kalah, True) if lokal_menang else (kalah, menang, False)

    def _asal(self, side: dict[str, Any]) -> str:
        """The device a side was written on, by name when a package told it."""
        rep = side.get("replika", "")
        if rep == self._replika:
            return self.tr("laptop ini")
        return self._perangkat.get(rep) or rep[:8] or self.tr("laptop lain")

    def _kolom_detail(self, judul_lokal: str, judul_lain: str) -> list[tuple[str, Any]]:
        return [
            (self.tr("Isian"), lambda r: r["kolom"]),
            (self.tr("Nilai semula"), lambda r: _teks(r["semula"]) if r["semula_ada"] else self.tr("tidak diketahui")),
            (judul_lokal, lambda r: _teks(r["lokal"])),
            (judul_lain, lambda r: _teks(r["lain"])),
        ]

    def load(self) -> None:
        svc = self.ctx.services
        me = svc.sinkron.perangkat()
        self._replika = me["replika"]
        self._perangkat = {r["replika"]: r["perangkat"] for r in me["rekan"] if r.get("perangkat")}
        self._audit = svc.akun.audit_terbaru(2000)  # this laptop's edits: the value before them
        self._device_id = svc.device.id
        rows = svc.sinkron.konflik()
        self.model.set_rows([r for r in rows if self.hanya is None or r["id"] in self.hanya])
        if self.model.rows:
            self.table.selectRow(0)
        self.show_current()

    def current(self) -> dict[str, Any] | None:
        idx = self.table.currentIndex()
        return self.model.rows[idx.row()] if idx.isValid() and idx.row() < len(self.model.rows) else None

    def show_current(self) -> None:
        k = self.current()
        for b in (self.mine, self.theirs, self.edit):
            b.setEnabled(k is not None and k["jenis"] != "nomor_ganda")
        if k is None:
            self.detail.set_rows([])
            self.who.setText(self.tr("Tidak ada konflik yang terbuka."))
            return
        menang, kalah = k["menang"], k["kalah"]
        # Which side was written here: the other came in a package (the merge may keep either one).
        lokal, lain, lokal_menang = self._sisi_lokal(k)
        dari_sini = lokal.get("replika") == self._replika
        self._pakai = {"lokal": "milik-saya" if lokal_menang else "milik-mereka",
                       "lain": "milik-mereka" if lokal_menang else "milik-saya"}
        sekarang = self.tr(" — dipakai sekarang")
        asal_lain = self._asal(lain)
        judul_lokal = (self.tr("Di laptop ini") if dari_sini else self.tr("Dari paket %s, %s") % (
            self._asal(lokal), _waktu(lokal)))
        judul_lain = self.tr("Dari paket %s, %s") % (asal_lain, _waktu(lain))
        if k["jenis"] == "nomor_ganda":
            self.mine.setEnabled(True)
            self.mine.setText(self.tr("Tandai sudah ditangani"))
        else:
            self.mine.setText(self.tr("Pakai nilai di laptop ini") if dari_sini else self.tr("Pakai nilai yang dipakai sekarang"))
        self.theirs.setText(self.tr("Pakai nilai dari %s") % asal_lain)
        semula = nilai_semula(self._audit, self._device_id, k, lokal if dari_sini else None)
        a, b = menang["nilai"], kalah["nilai"]
        rows = [{"kolom": c, "saya": a.get(c), "mereka": b.get(c), "lokal": lokal["nilai"].get(c),
                 "lain": lain["nilai"].get(c), "semula": semula.get(c), "semula_ada": c in semula}
                for c in dict.fromkeys([*a, *b])]
        differing = [r for r in rows if r["saya"] != r["mereka"]]
        self.detail.columns = self._kolom_detail(judul_lokal + (sekarang if lokal_menang else ""),
                                                 judul_lain + ("" if lokal_menang else sekarang))
        self.detail.set_rows(differing or rows)
        asal_lokal = self._asal(lokal)
        dipakai = asal_lokal if lokal_menang else asal_lain
        self.who.setText(self.tr("%s: %s · Dari paket %s: %s · Sampai diputuskan, semua laptop memakai nilai dari %s.") % (
            self.tr("Di laptop ini") if dari_sini else self.tr("Dari paket %s") % asal_lokal, _sisi(lokal),
            asal_lain, _sisi(lain), dipakai))

    def resolve(self, pakai: str) -> None:
        k = self.current()
        if k is None:
            return
        sinkron, actor, kid = self.ctx.services.sinkron, self.ctx.actor, k["id"]
        operasi(self.ctx, lambda: sinkron.selesaikan(actor, kid, pakai), rooms=ROOMS,
                title=self.tr("Menyelesaikan konflik…"), parent=self, on_done=lambda _r: self._selesai())

    def _selesai(self) -> None:
        self.resolved.emit()
        self.load()

    def dialog_ubah(self) -> UbahNilaiDialog | None:
        k = self.current()
        return UbahNilaiDialog(self.ctx, k, self) if k is not None else None

    def ask_edit(self) -> None:
        dlg = self.dialog_ubah()
        if dlg is not None and dlg.exec() == QDialog.DialogCode.Accepted:
            self._selesai()


# Rooms whose screens show data a resolution or an import may change.
ROOMS = frozenset({"layanan", "monev", "naskah", "master", "rekap", "sinkron"})


class UbahNilaiDialog(DialogFormulir):
    """``ubah``: the user writes the value that covers both sides (the fields of the conflict's group)."""

    ROOMS = set(ROOMS)

    def __init__(self, ctx: AppContext, konflik: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Ubah nilai", parent, tombol_simpan="Simpan penyelesaian")
        self.konflik = konflik
        self.edits: dict[str, QLineEdit] = {}
        for c, v in konflik["menang"]["nilai"].items():
            e = QLineEdit("" if v is None else (json.dumps(v) if isinstance(v, bool | list | dict) else str(v)))
            e.setToolTip(self.tr("Diisi dengan nilai yang dipakai sekarang; nilai lainnya: %s") % _teks(konflik["kalah"]["nilai"].get(c)))
            self.edits[c] = self.baris(c, c, e)

    def kirim(self) -> Callable[[], Any]:
        contoh = self.konflik["menang"]["nilai"]
        nilai = {c: _nilai(e.text(), contoh.get(c)) for c, e in self.edits.items()}
        sinkron, actor, kid = self.ctx.services.sinkron, self.ctx.actor, self.konflik["id"]
        return lambda: sinkron.selesaikan(actor, kid, "ubah", nilai)


def _nilai(text: str, contoh: Any) -> Any:
    if isinstance(contoh, bool):
        return text.strip().lower() in ("ya", "true", "1")
    if isinstance(contoh, int):
        try:
            return int(text)
        except ValueError:
            return contoh
    if contoh is None and not text:
        return None
    return text


class KonflikPanel(QWidget):
    """Beranda: how many sync conflicts wait for a person."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setWordWrap(True)
        lay.addWidget(self.label, 1)
        self.button = QPushButton(self.tr("Selesaikan…"))
        lay.addWidget(self.button)
        self.button.clicked.connect(self.open_dialog)
        self._tulis(0)  # Beranda's pass fills the count in (``tampilkan``)

    def tampilkan(self, data: Any) -> None:
        """The count Beranda's one pass made (``DataBeranda.konflik``): no query of its own."""
        self._tulis(int(getattr(data, "konflik", 0) or 0))

    def refresh(self) -> None:
        self._tulis(self.ctx.services.sinkron.jumlah_konflik())

    def _tulis(self, n: int) -> None:
        self.count = n
        if n:
            self.label.setText(self.tr("<b>Konflik sinkronisasi:</b> <span style='color:#b00020'><b>%d</b></span> "
                                       "perubahan bersamaan menunggu diputuskan.") % n)
        else:
            self.label.setText(self.tr("<b>Konflik sinkronisasi:</b> tidak ada."))
        self.button.setVisible(bool(n))

    def open_dialog(self) -> None:
        dlg = KonflikDialog(self.ctx, self)
        dlg.resolved.connect(self.refresh)
        dlg.exec()
        self.refresh()
