"""The service report sent through the agenda from the Laporan layanan dialog: "Buat naskah keluar…"
creates the period's un-numbered ``laporan`` draft once (a second click finds it), and is disabled with
the reason for a role without the naskah permission."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from ppid_desktop.akun import roles as R  # noqa: N812
from ppid_desktop.master.masukan import IsianPegawai
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.layanan.laporan import LaporanDialog
from ppid_desktop.ui.tasks import SyncTaskRunner
from tests.conftest import make_actor


def test_buat_naskah_keluar_creates_one_unnumbered_draft(qtbot, profil, admin, messages) -> None:  # type: ignore[no-untyped-def]
    profil.master.simpan_pegawai(admin, IsianPegawai.dari({"nama": "Drs. Budi Prasetiyono, M.Si.", "nip": "196707151993091001",
                                         "jabatan": "Kepala Dinas", "boleh_ttd": "laporan"}))
    ctx = AppContext(services=profil, actor=make_actor(R.PPID, username="ppid"), tasks=SyncTaskRunner())
    profil.layanan.clock = lambda: date(2026, 2, 10)
    dlg = LaporanDialog(ctx)
    qtbot.addWidget(dlg)
    assert dlg.btn_naskah.isEnabled() and dlg.btn_naskah.text() == "Buat naskah keluar…"
    assert profil.agenda.daftar(jenis="laporan") == []
    qtbot.mouseClick(dlg.btn_naskah, Qt.MouseButton.LeftButton)
    drafts = profil.agenda.daftar(jenis="laporan")
    assert len(drafts) == 1 and not drafts[0].nomor
    assert "2025" in drafts[0].hal  # the dialog's default period: last year
    assert messages and "Naskah & Arsip" in messages[-1][2] and "tanpa nomor" in messages[-1][2]
    qtbot.mouseClick(dlg.btn_naskah, Qt.MouseButton.LeftButton)
    again = profil.agenda.daftar(jenis="laporan")
    assert [s.id for s in again] == [drafts[0].id]  # no second draft
    assert "sudah ada" in messages[-1][2]


def test_buat_naskah_keluar_disabled_without_naskah_permission(qtbot, profil, messages) -> None:  # type: ignore[no-untyped-def]
    ctx = AppContext(services=profil, actor=make_actor(R.PETUGAS, username="petugas"), tasks=SyncTaskRunner())
    dlg = LaporanDialog(ctx)
    qtbot.addWidget(dlg)
    assert not dlg.btn_naskah.isEnabled()
    assert R.DESCRIPTION[R.NASKAH_KELOLA] in dlg.btn_naskah.toolTip()
    assert profil.agenda.daftar(jenis="laporan") == []
