"""'Keberatan baru' on the keberatan register: a keberatan without a permohonan (Pasal 35(1) b–g) with the
pemohon's own identity; errors beside the fields, nothing saved; the detail shows the identity (NIK masked)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QApplication, QTextBrowser
from sqlmodel import select

from ppid_desktop.layanan.models import Keberatan
from ppid_desktop.ui.layanan.keberatan_baru import KeberatanBaru
from ppid_desktop.ui.layanan.page import DetailKeberatan, LayananPage

TODAY = date(2026, 6, 15)
NIK = "3373011203800003"


def test_button_only_on_the_keberatan_tab_opens_the_dialog(qtbot, ctx, monkeypatch):
    ctx.services.layanan.clock = lambda: TODAY
    page = LayananPage(ctx)
    qtbot.addWidget(page)
    page.show()
    btn = page.btn_keberatan_baru
    assert not btn.isVisible()
    page.tabs.setCurrentWidget(page.keberatan)
    assert btn.isVisible() and btn.isEnabled()
    opened: list[KeberatanBaru] = []
    monkeypatch.setattr(KeberatanBaru, "exec", lambda self: opened.append(self) or 0)
    btn.click()
    assert len(opened) == 1


def test_saves_standalone_keberatan_and_detail_shows_identity(qtbot, ctx):
    lay = ctx.services.layanan
    lay.clock = lambda: TODAY
    dlg = KeberatanBaru(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.width() <= 1366 and dlg.height() <= 768
    dlg.nama.setText("Siti Aminah")
    dlg.nik.setText(NIK)
    dlg.alamat.setText("Jl. Merdeka 5, Salatiga")
    dlg.pekerjaan.setText("Guru")
    dlg.alasan["b"].setChecked(True)
    dlg.kasus.setPlainText("Laporan keuangan 2025 tidak diumumkan.")
    dlg.simpan()
    assert dlg.result() == dlg.DialogCode.Accepted, dlg.feedback.text()
    k, warnings = dlg.hasil
    assert warnings == [] and k.permohonan_id is None and k.alasan == "b"
    detail = DetailKeberatan(ctx, k.id)
    qtbot.addWidget(detail)
    html = detail.findChild(QTextBrowser).toPlainText()
    assert "Tanpa permohonan" in html and "Siti Aminah" in html and k.nik_mask in html and NIK not in html


def test_errors_beside_fields_nothing_saved(qtbot, ctx):
    lay = ctx.services.layanan
    lay.clock = lambda: TODAY
    dlg = KeberatanBaru(ctx)
    qtbot.addWidget(dlg)
    dlg.nik.setText("1234")
    dlg.pakai_dasar.setChecked(True)
    dlg.simpan()
    assert dlg.result() != dlg.DialogCode.Accepted
    text = dlg.feedback.text()
    assert "Nama pemohon" in text and "alasan" in text.lower() and "Kasus posisi" in text
    assert dlg.simpan_btn.isEnabled()
    with ctx.services.store.read() as s:
        assert s.exec(select(Keberatan)).all() == []


def test_looks(qtbot, ctx, tmp_path):
    from ppid_desktop.app import stylesheet

    QApplication.instance().setStyleSheet(stylesheet())
    ctx.services.layanan.clock = lambda: TODAY
    dlg = KeberatanBaru(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    assert dlg.grab().save(str(tmp_path / "keberatan_baru.png"))
    assert dlg.width() <= 1366 and dlg.height() <= 768
