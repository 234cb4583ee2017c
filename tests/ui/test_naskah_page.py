from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt

from ppid_desktop.naskah.agenda import ParafInput
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.naskah.page import KonsepDialog, NaskahPage


def _people(ctx: AppContext):  # type: ignore[no-untyped-def]
    m, a = ctx.services.master, ctx.actor
    kadis = m.save_pegawai(a, {"nama": "Drs. Budi Prasetiyono, M.Si.", "nip": "196707151993091001",
                               "jabatan": "Kepala Dinas", "boleh_ttd": "nota_dinas,surat_keluar"})
    kabid = m.save_pegawai(a, {"nama": "Agus Wibowo, S.Kom.", "nip": "198002022005011002", "jabatan": "Kepala Bidang"})
    return kadis, kabid


def test_new_draft_dialog_validates_then_saves(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    kadis, kabid = _people(ctx)
    dlg = KonsepDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.jenis.setCurrentIndex(dlg.jenis.findData("nota_dinas"))
    qtbot.mouseClick(dlg.ok, Qt.MouseButton.LeftButton)
    assert "Hal (perihal) wajib diisi" in dlg.feedback.text()
    assert ctx.services.agenda.daftar() == []
    qtbot.keyClicks(dlg.hal, "Pelaksanaan Monev")
    dlg.signer.setCurrentIndex(dlg.signer.findData(kadis.id))
    dlg.avail.setCurrentIndex(dlg.avail.findData(kabid.id))
    dlg.add_paraf()
    qtbot.mouseClick(dlg.ok, Qt.MouseButton.LeftButton)
    rows = ctx.services.agenda.daftar()
    assert [r.hal for r in rows] == ["Pelaksanaan Monev"]
    assert [p.nama for p in ctx.services.agenda.detail(rows[0].id).paraf] == ["Agus Wibowo, S.Kom."]


def test_page_routes_a_letter_to_its_number(qtbot, ctx: AppContext, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    kadis, kabid = _people(ctx)
    surat = ctx.services.agenda.buat_konsep(ctx.actor, {"jenis": "nota_dinas", "hal": "Rapat persiapan monev",
                                                        "penandatangan_id": kadis.id}, [ParafInput(kabid.id)])
    page = NaskahPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    page.table.selectRow(0)
    assert page.buttons["ajukan"].isEnabled() and not page.buttons["ttd"].isEnabled()
    qtbot.mouseClick(page.buttons["ajukan"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.buttons["setuju"], Qt.MouseButton.LeftButton)
    assert page.buttons["ttd"].isEnabled()
    qtbot.mouseClick(page.buttons["ttd"], Qt.MouseButton.LeftButton)
    signed = ctx.services.agenda.detail(surat.id).surat
    assert signed.status == "ditandatangani" and signed.nomor and signed.nomor.endswith(f"/{date.today().year}")
    assert page.model.rows[0].nomor == signed.nomor
    pdf = tmp_path / "ttd.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getOpenFileName", lambda *a, **k: (str(pdf), ""))
    qtbot.mouseClick(page.buttons["arsip"], Qt.MouseButton.LeftButton)
    assert ctx.services.agenda.detail(surat.id).surat.status == "diarsipkan"
    assert page.buttons["lihat"].isEnabled()
