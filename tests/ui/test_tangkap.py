"""The screen check: ``ppid-desktop --smoke-test --tangkap DIR --ukuran WxH`` as a real process, and its
measuring rules on windows built to fail them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QPushButton, QVBoxLayout

from ppid_desktop.ui import bahasa
from ppid_desktop.ui.tangkap import Layar, bukan_indonesia, kegagalan, parse_ukuran, periksa
from ppid_desktop.ui.widgets import table_view

ROOT = Path(__file__).resolve().parents[2]
PAGES = {"beranda", "layanan", "monev", "naskah", "rekap", "sinkron", "master", "pengaturan"}
DIALOGS = {"permohonan-baru", "permohonan-detail", "keberatan-detail", "laporan-layanan", "anonimkan",
           "sesi-monev", "konsep-naskah", "impor-uji-coba", "pratinjau-pdf", "masuk", "pertama",
           "keputusan-permohonan", "keberatan-baru", "tahap-sengketa", "pengaturan-naskah", "petakan-kolom",
           "pulihkan-cadangan"}

LAYAR_LAYANAN = {"layanan", "naskah", "rekap", "permohonan-baru", "permohonan-detail", "keberatan-detail",
                 "keputusan-permohonan", "keberatan-baru", "tahap-sengketa", "laporan-layanan", "anonimkan",
                 "konsep-naskah", "pengaturan-naskah", "petakan-kolom", "impor-uji-coba"}


@pytest.mark.timeout(900)  # the capture subprocess alone may use its 600 s
@pytest.mark.parametrize("ukuran", ["1366x768", "1920x1080"])
def test_screen_check_every_window_fits(tmp_path: Path, ukuran: str) -> None:
    out = tmp_path / "layar"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    res = subprocess.run([sys.executable, "-m", "ppid_desktop.app", "--smoke-test", "--tangkap", str(out),
                          "--ukuran", ukuran], capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    report = json.loads((out / "laporan.json").read_text(encoding="utf-8"))
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    assert report["berhasil"] is True and report["gagal"] == []
    lebar, tinggi = (int(x) for x in ukuran.split("x"))
    assert report["layar"] == {"lebar": lebar, "tinggi": tinggi, "tersedia": [lebar, tinggi - 40]}
    names = {w["nama"] for w in report["jendela"]}
    assert names >= PAGES | DIALOGS
    for w in report["jendela"]:
        assert set(w) >= {"nama", "jenis", "ukuran", "ukuran_minimum", "muat", "tabel", "label_terpotong",
                          "tombol", "tombol_terpotong", "tombol_bukan_indonesia"}
        assert w["muat"] and w["ukuran"][0] <= lebar and w["ukuran"][1] + 30 <= tinggi - 40, w["nama"]
        assert w["tombol_bukan_indonesia"] == []
        assert (out / f"{w['nama']}.png").stat().st_size > 1000
    # the main window is maximised on the screen: it uses a 1920×1080 screen, not a 1280 box in a corner
    beranda = next(w for w in report["jendela"] if w["nama"] == "beranda")
    assert beranda["ukuran"] == [lebar, tinggi - 40 - 30]
    # the layanan, naskah and rekap screens (demo banner on): no page scroll, no sideways scroll, no elided
    # label, no column off-screen or with its header cut (the entry form once scrolled sideways even at 1920)
    for w in report["jendela"]:
        if w["nama"].split("-")[0] in LAYAR_LAYANAN or w["nama"] in LAYAR_LAYANAN:
            assert not w["bergulir"] and w["gulir_mendatar"] == [] and w["label_terpotong"] == [], w["nama"]
            for t in w["tabel"]:
                assert not [m for m in t.get("masalah", []) if m["masalah"] != "isi terpotong"], (w["nama"], t)
    # the entry form shows its validation errors; Simpan/Batal are on screen
    form = next(w for w in report["jendela"] if w["nama"] == "permohonan-baru")
    assert {"Simpan", "Batal"} <= set(form["tombol"])


def test_bad_size_is_refused(tmp_path: Path) -> None:
    res = subprocess.run([sys.executable, "-m", "ppid_desktop.app", "--smoke-test", "--tangkap", str(tmp_path),
                          "--ukuran", "besar"], capture_output=True, text=True, cwd=ROOT, timeout=120,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert res.returncode == 2
    assert "ukuran layar tidak dikenali" in res.stderr and "Traceback" not in res.stderr
    assert parse_ukuran("1366×768") == Layar(1366, 768)


class _Wide(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()):  # type: ignore[no-untyped-def]  # noqa: B008
        return 3

    def columnCount(self, parent=QModelIndex()):  # type: ignore[no-untyped-def]  # noqa: B008
        return 6

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return ["Nomor", "Pemohon", "Rincian informasi", "Status", "Tenggat", "Keputusan"][section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if role == Qt.ItemDataRole.DisplayRole:
            return ["145/PPID/XI/2026", "Perkumpulan Warga Peduli Anggaran", "Salinan laporan " * 12,
                    "Diproses (disposisi)", "10-12-2026", "Dikabulkan sebagian"][index.column()]
        return None


def test_checker_reports_what_does_not_fit(qtbot) -> None:  # type: ignore[no-untyped-def]
    dlg = QDialog()
    qtbot.addWidget(dlg)
    lay = QVBoxLayout(dlg)
    lay.addWidget(QLabel("x" * 600))  # a label that does not wrap: the dialog grows past the screen
    lay.addWidget(QPushButton("Cancel"))
    dlg.show()
    item = periksa(dlg, "uji", "dialog", Layar(1366, 768))
    assert not item["muat"]
    assert item["tombol_bukan_indonesia"] == ["Cancel"]
    problems = kegagalan(item, Layar(1366, 768))
    assert any("tidak muat" in p for p in problems) and any("Cancel" in p for p in problems)
    assert bukan_indonesia("Save") and bukan_indonesia("&Yes") and not bukan_indonesia("Simpan")
    assert not bukan_indonesia("OK") and not bukan_indonesia("Cetak…")


def test_house_table_keeps_key_columns_on_screen(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = table_view(_Wide())
    qtbot.addWidget(view)
    view.resize(700, 200)
    view.show()
    qtbot.waitUntil(lambda: view.horizontalHeader().sectionSize(2) != 100)
    item = periksa(view, "tabel", "halaman", Layar(1366, 768))
    assert item["tabel"] == [] or all(m["masalah"] == "isi terpotong" for t in item["tabel"] for m in t["masalah"])
    header, vp = view.horizontalHeader(), view.viewport().width()
    for col in (0, 1, 3, 4):  # nomor, pemohon, status, tenggat: whole and on screen
        assert header.sectionViewportPosition(col) + header.sectionSize(col) <= vp
        assert header.sectionSize(col) >= view.sizeHintForColumn(col)


def test_standard_buttons_speak_indonesian(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    installed = bahasa.pasang(qapp)
    try:
        _check_buttons(qtbot)
    finally:
        for t in installed:
            qapp.removeTranslator(t)


def _check_buttons(qtbot) -> None:  # type: ignore[no-untyped-def]
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
                           | QDialogButtonBox.StandardButton.Close)
    qtbot.addWidget(box)
    assert sorted(b.text() for b in box.buttons()) == ["Batal", "Simpan", "Tutup"]
    msg = QMessageBox()
    qtbot.addWidget(msg)
    msg.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                           | QMessageBox.StandardButton.Ok)
    assert sorted(b.text().replace("&", "") for b in msg.buttons()) == ["OK", "Tidak", "Ya"]


def test_screen_check_in_process_writes_the_report(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The same check inside the test process (so its code counts for coverage), on a small demo."""
    from ppid_desktop.ui.tangkap import jalankan
    from ppid_desktop.ui.widgets import Messages

    out = tmp_path / "layar"
    rc = jalankan(out, Layar(1920, 1080), permohonan=20)
    report = json.loads((out / "laporan.json").read_text(encoding="utf-8"))
    assert rc == (0 if report["berhasil"] else 1)
    # a 20-request demo has no dispute yet: the stage dialog is skipped there ("tidak ada data contoh")
    assert {w["nama"] for w in report["jendela"]} >= PAGES | DIALOGS - {"tahap-sengketa"}
    assert report["jendela_liar"] == []
    assert Messages.sink is None  # the check leaves the message sink as it found it
