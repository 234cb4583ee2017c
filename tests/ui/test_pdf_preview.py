from __future__ import annotations

import io
import os
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from pypdf import PdfReader  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtPrintSupport import QPrinter  # noqa: E402
from PySide6.QtWidgets import QFileDialog  # noqa: E402

from ppid_desktop.dokumen import DocumentKit, Instansi, Pejabat, TandaTangan  # noqa: E402
from ppid_desktop.ui.naskah.preview import PdfPreviewDialog  # noqa: E402


@pytest.fixture(scope="module")
def pdf_dua_halaman() -> bytes:
    kit = DocumentKit(Instansi(pemerintah="Pemerintah Kota Salatiga", perangkat_daerah="Dinas Uji", kota="Salatiga"))
    ttd = TandaTangan(Pejabat("Budi", "Kepala Dinas", "196804111993031009"), tanggal=date(2026, 3, 16))
    isi = [kit.p("Halaman pertama."), kit.halaman_baru(), kit.p("Halaman kedua.")]
    pdf = kit.surat(nomor="1/2026", hal="Uji", kepada=["Sdr. Uji"], di="Salatiga", isi=isi, ttd=ttd)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 2
    return pdf


def test_preview_opens_two_pages_and_navigates(qtbot, pdf_dua_halaman: bytes) -> None:
    dlg = PdfPreviewDialog(pdf_dua_halaman, "uji-surat.pdf")
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    assert dlg.page_count() == 2
    assert dlg.page_total.text() == "dari 2"
    assert dlg.save_btn.isEnabled() and dlg.print_btn.isEnabled()
    assert not dlg.prev_btn.isEnabled() and dlg.next_btn.isEnabled()
    dlg.halaman_berikutnya()
    assert dlg.current_page() == 1
    assert dlg.page_spin.value() == 2
    assert not dlg.next_btn.isEnabled()
    dlg.go_to_page(99)
    assert dlg.current_page() == 1
    dlg.page_spin.setValue(1)
    assert dlg.current_page() == 0
    dlg.perbesar()
    assert dlg.view.zoomFactor() > 1.0
    dlg.sesuai_lebar()
    assert "uji-surat.pdf" in dlg.windowTitle()


def test_save_writes_the_same_bytes(qtbot, monkeypatch, tmp_path: Path, pdf_dua_halaman: bytes) -> None:
    dlg = PdfPreviewDialog(pdf_dua_halaman, "uji-surat.pdf")
    qtbot.addWidget(dlg)
    target = tmp_path / "hasil"  # no suffix: the dialog adds .pdf
    seen: dict[str, str] = {}

    def fake_save(parent, caption, directory, filter_):
        seen["directory"] = directory
        seen["filter"] = filter_
        return str(target), filter_

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    qtbot.mouseClick(dlg.save_btn, Qt.MouseButton.LeftButton)
    written = tmp_path / "hasil.pdf"
    assert written.read_bytes() == pdf_dua_halaman
    assert seen["directory"].endswith("uji-surat.pdf")
    assert "*.pdf" in seen["filter"]


def test_save_cancelled_writes_nothing(qtbot, monkeypatch, tmp_path: Path, pdf_dua_halaman: bytes) -> None:
    dlg = PdfPreviewDialog(pdf_dua_halaman, "uji")
    qtbot.addWidget(dlg)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: ("", "")))
    assert dlg.simpan() is False
    assert list(tmp_path.iterdir()) == []


def test_print_renders_every_page_at_pdf_page_size(qtbot, tmp_path: Path, pdf_dua_halaman: bytes) -> None:
    dlg = PdfPreviewDialog(pdf_dua_halaman, "uji-surat.pdf")
    qtbot.addWidget(dlg)
    printer = dlg._siapkan_printer()
    assert dlg.printer is printer  # the reference is kept on the dialog
    out = tmp_path / "cetak.pdf"
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setResolution(72)
    assert dlg.cetak_ke(printer) is True
    reader = PdfReader(str(out))
    assert len(reader.pages) == 2
    box = reader.pages[1].mediabox
    # F4 = 215 × 330 mm = 609.45 × 935.43 pt, never Legal (612 × 1008).
    assert float(box.width) == pytest.approx(609.45, abs=1.5)
    assert float(box.height) == pytest.approx(935.43, abs=1.5)


def test_invalid_pdf_disables_actions(qtbot) -> None:
    dlg = PdfPreviewDialog(b"bukan pdf", "rusak.pdf")
    qtbot.addWidget(dlg)
    assert dlg.page_count() == 0
    assert not dlg.save_btn.isEnabled()
    assert not dlg.print_btn.isEnabled()
