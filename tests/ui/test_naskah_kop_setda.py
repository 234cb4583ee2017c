"""Data Master › Profil instansi: the Sekretariat Daerah's kop lines are edited with the profile."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt

from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.master.page import MasterPage


def test_setda_kop_lines_saved_with_the_profile(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    page = MasterPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    tab = page.profil
    assert tab.w["setda_nama"].text() == "" and "SEKRETARIAT DAERAH" in tab.w["setda_nama"].placeholderText()
    tab.w["setda_email"].setText("bukan e-mail")
    qtbot.mouseClick(tab.save_btn, Qt.MouseButton.LeftButton)
    assert "Sekretariat Daerah" in tab.feedback.text()
    assert ctx.services.master.profil().setda_email == ""
    tab.w["setda_email"].setText("setda@salatiga.go.id")
    tab.w["setda_alamat"].setText("Jalan Letjen Sukowati Nomor 51 Gedung Setda")
    qtbot.mouseClick(tab.save_btn, Qt.MouseButton.LeftButton)
    s = ctx.services.master.instansi_setda()
    assert s.email == "setda@salatiga.go.id" and s.alamat.endswith("Gedung Setda")
    assert s.perangkat_daerah == "SEKRETARIAT DAERAH"
    if os.environ.get("PPID_TANGKAP"):
        page.grab().save(os.environ["PPID_TANGKAP"])
