"""Keyboard paths (Ctrl+N, Ctrl+F, Enter/Esc), role-aware screens, the operation wrapper, the guide."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit

from ppid_desktop.akun import roles as R
from ppid_desktop.core.errors import ValidationError
from ppid_desktop.master.masukan import IsianOpd
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.dialog import DialogFormulir
from ppid_desktop.ui.layanan.formulir import PermohonanForm
from ppid_desktop.ui.main_window import MainWindow
from ppid_desktop.ui.master.page import MasterPage
from ppid_desktop.ui.operasi import operasi
from ppid_desktop.ui.panduan import PanduanDialog, daftar_panduan
from ppid_desktop.ui.pengaturan import PengaturanPage
from ppid_desktop.ui.tasks import SyncTaskRunner
from tests.conftest import make_actor


def _window(qtbot, ctx: AppContext) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitActive(win)
    qtbot.waitUntil(win.isActiveWindow)  # offscreen activation is asynchronous
    return win


def test_ctrl_f_goes_to_the_register_search(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    win = _window(qtbot, ctx)
    win.show_section("beranda")
    qtbot.keyClick(win.windowHandle(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert win.current_key() == "layanan"
    search = win.page("layanan").permohonan.cari  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is search)
    # on a page with its own search box, Ctrl+F stays there
    win.show_section("master")
    win.page("master").tabs.setCurrentIndex(1)  # type: ignore[attr-defined]
    qtbot.keyClick(win.windowHandle(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert win.current_key() == "master"
    focused = QApplication.focusWidget()
    assert isinstance(focused, QLineEdit) and focused.placeholderText().startswith("Cari")


def test_ctrl_n_from_beranda_opens_the_entry_form_and_esc_closes_it(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    win = _window(qtbot, ctx)
    win.show_section("beranda")
    seen: list[Any] = []

    def escape() -> None:
        modal = QApplication.activeModalWidget()
        seen.append(modal)
        if modal is not None:
            qtbot.keyClick(modal, Qt.Key.Key_Escape)

    QTimer.singleShot(200, escape)
    qtbot.keyClick(win.windowHandle(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(seen) == 1 and isinstance(seen[0], PermohonanForm)
    assert not seen[0].isVisible() and seen[0].created is None
    assert win.current_key() == "layanan"


class _Nama(DialogFormulir):
    ROOMS = {"master"}

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx, "Uji formulir")
        self.nama = self.baris("nama", "Nama", QLineEdit())
        self.calls: list[str] = []

    def kirim(self):  # type: ignore[no-untyped-def]
        nama = self.nama.text()

        def call() -> str:
            self.calls.append(nama)
            if not nama:
                raise ValidationError({"nama": "Nama wajib diisi."})
            return nama.upper()
        return call


def test_form_dialog_base_enter_saves_esc_cancels(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    changed: list[frozenset[str]] = []
    ctx.changed.connect(changed.append)
    dlg = _Nama(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.keyClick(dlg.nama, Qt.Key.Key_Return)  # empty: refused, the field is marked, nothing announced
    assert dlg.isVisible() and dlg.calls == [""]
    assert "Nama wajib diisi." in dlg.feedback.text() and dlg.nama.property("invalid") is True
    assert changed == [] and dlg.simpan_btn.isEnabled()
    assert [b.text() for b in dlg.buttons.buttons()] == ["Simpan", "Batal"]
    qtbot.keyClicks(dlg.nama, "budi")
    with qtbot.waitSignal(dlg.accepted):
        qtbot.keyClick(dlg.nama, Qt.Key.Key_Return)
    assert dlg.hasil == "BUDI" and changed == [frozenset({"master"})]
    other = _Nama(ctx)
    qtbot.addWidget(other)
    other.show()
    with qtbot.waitSignal(other.rejected):
        qtbot.keyClick(other.nama, Qt.Key.Key_Escape)
    assert other.calls == []


def test_operation_wrapper_refreshes_the_visible_page(qtbot, ctx: AppContext, messages) -> None:  # type: ignore[no-untyped-def]
    win = _window(qtbot, ctx)
    win.show_section("master")
    page = win.page("master")
    ctx.services.master.simpan_opd(ctx.actor, IsianOpd.dari({"kode": "DINKES", "nama": "Dinas Kesehatan"}))
    assert page.jumlah.text().startswith("0 perangkat daerah")  # type: ignore[attr-defined]
    operasi(ctx, lambda: ctx.services.master.simpan_opd(ctx.actor, IsianOpd.dari({"kode": "DLH", "nama": "Dinas Lingkungan Hidup"})),
            rooms={"master"})
    assert page.jumlah.text().startswith("2 perangkat daerah")  # type: ignore[attr-defined]
    operasi(ctx, lambda: ctx.services.master.simpan_opd(ctx.actor, IsianOpd.dari({"kode": "", "nama": ""})), rooms={"master"})
    assert messages and messages[-1][0] == "error"  # a refused save: one message, nothing announced


def test_petugas_sees_read_only_master_data_and_only_their_own_audit(qtbot, profil, messages) -> None:  # type: ignore[no-untyped-def]
    admin = make_actor(R.ADMIN, username="admin")
    profil.master.simpan_opd(admin, IsianOpd.dari({"kode": "DINKES", "nama": "Dinas Kesehatan"}))
    petugas = AppContext(services=profil, actor=make_actor(R.PETUGAS, username="petugas"), tasks=SyncTaskRunner())
    page = MasterPage(petugas)
    qtbot.addWidget(page)
    page.refresh()
    profil_tab = page.profil
    assert not profil_tab.save_btn.isEnabled()
    assert "tidak berwenang mengubah data master" in profil_tab.save_btn.toolTip()
    edits = [w for w in profil_tab.w.values() if isinstance(w, QLineEdit)]
    assert edits and all(w.isReadOnly() for w in edits)
    assert not page.opd.save_btn.isEnabled() and "tidak berwenang" in page.opd.save_btn.toolTip()
    assert all(w.isReadOnly() for w in page.opd.widgets.values() if isinstance(w, QLineEdit))
    assert not page.kalender.add_btn.isEnabled() and not page.nomor.save_btn.isEnabled()
    assert page.nomor.pola.isReadOnly()
    assert not page.pengguna.add_btn.isEnabled()
    settings = PengaturanPage(petugas)
    qtbot.addWidget(settings)
    settings.refresh()
    users = {settings.model.row_at(r).username for r in range(settings.model.rowCount())}
    assert users <= {"petugas"}  # the admin's changes above are not in a petugas' log
    boss = PengaturanPage(AppContext(services=profil, actor=admin, tasks=SyncTaskRunner()))
    qtbot.addWidget(boss)
    boss.refresh()
    assert "admin" in {boss.model.row_at(r).username for r in range(boss.model.rowCount())}


def test_user_guide_opens_from_bantuan(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    titles = [t for t, _p in daftar_panduan()]
    assert titles[0] == "Panduan PPID Desktop" and "Layanan Informasi" in titles
    assert all("Kontrak" not in t for t in titles)
    win = _window(qtbot, ctx)
    help_menu = next(a.menu() for a in win.menuBar().actions() if a.text() == "Ban&tuan")
    guide = next(a for a in help_menu.actions() if a.text() == "Panduan pengguna")
    guide.trigger()
    dlg = win._panduan
    assert isinstance(dlg, PanduanDialog) and dlg.isVisible()
    assert "Beranda" in dlg.teks.toPlainText()
    dlg.bab.setCurrentRow(1)
    assert dlg.teks.toPlainText().startswith(titles[1])
    dlg.close()


def test_pages_disable_what_the_role_may_not_do_and_say_why(qtbot, profil, messages) -> None:  # type: ignore[no-untyped-def]
    from ppid_desktop.ui.layanan.page import LayananPage
    from ppid_desktop.ui.monev.page import ProgramTab
    from ppid_desktop.ui.naskah.page import NaskahPage

    tim = AppContext(services=profil, actor=make_actor(R.MONEV, username="tim"), tasks=SyncTaskRunner())
    layanan = LayananPage(tim)
    qtbot.addWidget(layanan)
    assert not layanan.btn_baru.isEnabled()
    assert layanan.btn_baru.toolTip() == ("Peran Anda tidak berwenang mencatat permohonan dan keberatan. "
                                          "Hanya Petugas Layanan atau PPID yang dapat melakukannya.")
    naskah = NaskahPage(tim)
    qtbot.addWidget(naskah)
    assert not naskah.new_btn.isEnabled() and "mengelola naskah dinas" in naskah.new_btn.toolTip()
    petugas = AppContext(services=profil, actor=make_actor(R.PETUGAS, username="petugas"), tasks=SyncTaskRunner())
    program = ProgramTab(petugas)
    qtbot.addWidget(program)
    assert not program.btn_new.isEnabled() and "program dan instrumen monev" in program.btn_new.toolTip()
    program_tim = ProgramTab(tim)
    qtbot.addWidget(program_tim)
    assert program_tim.btn_new.isEnabled()
