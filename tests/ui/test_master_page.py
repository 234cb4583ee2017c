from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt

from ppid_desktop.core import kalender as K
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.master.page import MasterPage


def _page(qtbot, ctx: AppContext) -> MasterPage:  # type: ignore[no-untyped-def]
    page = MasterPage(ctx)
    qtbot.addWidget(page)
    page.show()
    return page


def test_add_opd_through_the_form(qtbot, ctx: AppContext, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, ctx)
    editor = page.opd
    editor.new()
    qtbot.keyClicks(editor.widgets["kode"], "DINKES")
    qtbot.keyClicks(editor.widgets["nama"], "Dinas Kesehatan")
    qtbot.mouseClick(editor.save_btn, Qt.MouseButton.LeftButton)
    assert editor.feedback.isHidden()
    assert [o.kode for o in editor.model.rows] == ["DINKES"]
    qtmodeltester.check(editor.model)
    # the same code again is refused with a message at the field
    editor.new()
    qtbot.keyClicks(editor.widgets["kode"], "DINKES")
    qtbot.keyClicks(editor.widgets["nama"], "Duplikat")
    qtbot.mouseClick(editor.save_btn, Qt.MouseButton.LeftButton)
    assert "sudah dipakai" in editor.feedback.text()
    assert len(ctx.services.master.daftar_opd()) == 1


def test_invalid_nip_shows_message_and_saves_nothing(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, ctx)
    editor = page.pegawai
    editor.new()
    qtbot.keyClicks(editor.widgets["nama"], "Budi Santoso, S.Kom.")
    qtbot.keyClicks(editor.widgets["nip"], "19681311199303 1 009")
    qtbot.keyClicks(editor.widgets["jabatan"], "Pranata Komputer")
    qtbot.mouseClick(editor.save_btn, Qt.MouseButton.LeftButton)
    assert "tanggal lahir" in editor.feedback.text()
    assert editor.widgets["nip"].property("invalid") is True
    assert ctx.services.master.daftar_pegawai() == []
    editor.widgets["nip"].setText("19681111 199303 1 009")
    qtbot.mouseClick(editor.save_btn, Qt.MouseButton.LeftButton)
    assert [p.nip for p in ctx.services.master.daftar_pegawai()] == ["196811111993031009"]
    assert editor.model.rows[0].nama == "Budi Santoso, S.Kom."


def test_calendar_tab_explains_deadline_and_adds_local_holiday(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, ctx)
    tab = page.kalender
    tab.calc_start.setDate(QDate(2026, 3, 16))
    tab.calc_n.setValue(10)
    tab.compute()
    text = tab.calc_out.toPlainText()
    assert text.startswith("Tenggat: Selasa, 7 April 2026")
    assert "Hari Suci Nyepi" in text
    tab.tanggal.setDate(QDate(2026, 7, 1))
    tab.jenis.setCurrentIndex(tab.jenis.findData(K.LIBUR_LOKAL))
    qtbot.keyClicks(tab.nama, "Hari Jadi Kota Salatiga")
    qtbot.mouseClick(tab.add_btn, Qt.MouseButton.LeftButton)
    assert any(d.tanggal == date(2026, 7, 1) and d.jenis == K.LIBUR_LOKAL for d in tab.model.rows)
    # a nameless day is refused at the field
    tab.tanggal.setDate(QDate(2026, 7, 2))
    qtbot.mouseClick(tab.add_btn, Qt.MouseButton.LeftButton)
    assert not tab.feedback.isHidden() and "wajib" in tab.feedback.text()


def test_logo_that_is_not_an_image(qtbot, ctx: AppContext, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, ctx)
    fake = tmp_path / "logo.png"
    fake.write_text("bukan gambar")
    page.profil.atur_logo(fake)
    assert "bukan gambar" in page.profil.feedback.text()
    assert ctx.services.master.profil().logo_hash is None


def test_profile_save_validates(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, ctx)
    tab = page.profil
    tab.w["perangkat_daerah"].setText("")
    qtbot.mouseClick(tab.save_btn, Qt.MouseButton.LeftButton)
    assert "wajib diisi" in tab.feedback.text()
    assert ctx.services.master.profil().perangkat_daerah == "DINAS KOMUNIKASI DAN INFORMATIKA"
    tab.w["perangkat_daerah"].setText("DINAS KOMINFO")
    qtbot.mouseClick(tab.save_btn, Qt.MouseButton.LeftButton)
    assert ctx.services.master.profil().perangkat_daerah == "DINAS KOMINFO"


def test_template_preview_and_bad_pattern(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, ctx)
    tab = page.nomor
    row = next(i for i, t in enumerate(tab.model.rows) if t.jenis == "permohonan")
    tab.table.selectRow(row)
    assert tab.pola.text() == "{urut:03}/PPID/{romawi}/{tahun}"
    assert tab.preview.text().startswith("007/PPID/")
    tab.pola.setText("{nomor}/{tahun}")
    qtbot.mouseClick(tab.save_btn, Qt.MouseButton.LeftButton)
    assert "tidak dikenal" in tab.feedback.text()


def test_users_tab_adds_account(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, ctx)
    tab = page.pengguna
    qtbot.keyClicks(tab.username, "petugas1")
    qtbot.keyClicks(tab.nama, "Petugas Satu")
    qtbot.keyClicks(tab.password, "sandi-petugas")
    tab.roles.boxes["Petugas Layanan"].setChecked(True)
    qtbot.mouseClick(tab.add_btn, Qt.MouseButton.LeftButton)
    assert [u.username for u in tab.model.rows] == ["petugas1"]
    assert ctx.services.akun.authenticate("petugas1", "sandi-petugas").roles == frozenset({"Petugas Layanan"})


def test_users_tab_short_password_changes_nothing(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    ctx.services.akun.create_user(ctx.actor, "petugas1", "Petugas Satu", "sandi-petugas", ["Petugas Layanan"])
    page = _page(qtbot, ctx)
    tab = page.pengguna
    tab.table.selectRow(0)
    tab.roles.boxes["PPID"].setChecked(True)
    tab.password.setText("pendek")
    qtbot.mouseClick(tab.update_btn, Qt.MouseButton.LeftButton)
    assert "minimal 8" in tab.feedback.text()
    assert ctx.services.akun.authenticate("petugas1", "sandi-petugas").roles == frozenset({"Petugas Layanan"})
