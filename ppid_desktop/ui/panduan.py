"""Bantuan › Panduan pengguna: the guides in docs/*.md rendered with QTextBrowser's Markdown support.

The guides ship with the app: ``docs/`` sits next to ``resources/`` in the source tree, in the wheel
(``ppid_desktop/_bundle/docs``) and in the frozen build (``<_MEIPASS>/docs``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ppid_desktop.core.paths import resources_dir
from ppid_desktop.ui.widgets import ukuran_pas

# Developer documents are not user guides.
BUKAN_PANDUAN = {"CONTRACT.md"}
URUTAN = ("panduan.md", "layanan.md", "monev.md", "rekap.md")


def docs_dir() -> Path:
    return resources_dir().parent / "docs"


def daftar_panduan() -> list[tuple[str, Path]]:
    """(title, path) of every guide, the general one first."""
    folder = docs_dir()
    files = [p for p in folder.glob("*.md") if p.name not in BUKAN_PANDUAN] if folder.is_dir() else []
    files.sort(key=lambda p: (URUTAN.index(p.name) if p.name in URUTAN else len(URUTAN), p.name))
    out = []
    for p in files:
        first = next((ln for ln in p.read_text(encoding="utf-8").splitlines() if ln.startswith("# ")), p.stem)
        out.append((first.lstrip("# ").strip(), p))
    return out


class PanduanDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Panduan pengguna — PPID Desktop"))
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        self.bab = QListWidget()
        self.bab.setFixedWidth(220)
        self.teks = QTextBrowser()
        self.teks.setOpenExternalLinks(True)
        row.addWidget(self.bab)
        row.addWidget(self.teks, 1)
        lay.addLayout(row, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.panduan = daftar_panduan()
        for title, path in self.panduan:
            item = QListWidgetItem(title)
            item.setData(256, str(path))
            self.bab.addItem(item)
        self.bab.currentRowChanged.connect(self.tampilkan)
        if self.panduan:
            self.bab.setCurrentRow(0)
        else:
            self.teks.setPlainText(self.tr("Panduan tidak ditemukan di %1.").replace("%1", str(docs_dir())))
        ukuran_pas(self, 980, 760)

    def tampilkan(self, row: int) -> None:
        if 0 <= row < len(self.panduan):
            path = self.panduan[row][1]
            self.teks.setSearchPaths([str(path.parent)])
            self.teks.setMarkdown(path.read_text(encoding="utf-8"))
