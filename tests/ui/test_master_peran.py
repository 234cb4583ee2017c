"""Role-aware Data Master: a role without master.ubah reads every tab (fields read-only, buttons disabled with
the reason) and can still use what only reads (the deadline calculator) — real windows, real SQLite file."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit

from ppid_desktop.akun import roles as R
from ppid_desktop.master.masukan import IsianOpd, IsianPegawai
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.master.page import MasterPage
from ppid_desktop.ui.tasks import SyncTaskRunner
from tests.conftest import make_actor


def test_pegawai_klasifikasi_and_logo_read_only_without_master_ubah(qtbot, profil, admin, messages) -> None:  # type: ignore[no-untyped-def]
    profil.master.simpan_opd(admin, IsianOpd(kode="DINKES", nama="Dinas Kesehatan"))
    profil.master.simpan_pegawai(admin, IsianPegawai(nama="Agus Santoso", jabatan="Kepala Dinas",
                                                   nip="198003152005011002", boleh_ttd="surat_keluar"))
    tim = AppContext(services=profil, actor=make_actor(R.MONEV, username="tim"), tasks=SyncTaskRunner())
    page = MasterPage(tim)
    qtbot.addWidget(page)
    page.refresh()
    assert not page.profil.logo_btn.isEnabled() and "mengubah data master" in page.profil.logo_btn.toolTip()
    for editor in (page.pegawai, page.klasifikasi):
        assert not any(b.isEnabled() for b in (editor.new_btn, editor.save_btn, editor.del_btn))
        for w in editor.widgets.values():
            assert w.isReadOnly() if isinstance(w, QLineEdit) else not w.isEnabled()
    assert any(isinstance(w, (QCheckBox, QComboBox)) for w in page.pegawai.widgets.values())
    page.pegawai.table.selectRow(0)
    assert page.pegawai.widgets["nama"].text() == "Agus Santoso"  # read, not editable
    page.kalender.compute()  # reading is for everyone
    assert page.kalender.calc_out.toPlainText().startswith("Tenggat")
    admin_page = MasterPage(AppContext(services=profil, actor=admin, tasks=SyncTaskRunner()))
    qtbot.addWidget(admin_page)
    assert admin_page.profil.logo_btn.isEnabled() and admin_page.pegawai.save_btn.isEnabled()
