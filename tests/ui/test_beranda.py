"""Beranda as a work queue: counts computed on the task runner, each line opens the filtered page."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from ppid_desktop.akun import roles as R
from ppid_desktop.core import kalender as K
from ppid_desktop.layanan.masukan import PermohonanMasukan
from ppid_desktop.master.masukan import IsianOpd, IsianPegawai
from ppid_desktop.naskah.masukan import IsianKonsep
from ppid_desktop.ui import beranda as B
from ppid_desktop.ui.beranda import BerandaPage
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.main_window import MainWindow
from ppid_desktop.ui.master.page import MasterPage
from ppid_desktop.ui.tasks import SyncTaskRunner
from tests.conftest import make_actor

TODAY = date(2026, 6, 15)


def _permohonan(ctx: AppContext, nama: str, diterima: date) -> None:
    ctx.services.layanan.catat_permohonan(ctx.actor, PermohonanMasukan.dari_dict({
        "tanggal_diterima": diterima, "nama": nama, "nik": "3373011203800003",
        "rincian": "DPA Dinkes 2025", "tujuan": "Penelitian"}))


def _queue(qtbot, ctx: AppContext) -> BerandaPage:  # type: ignore[no-untyped-def]
    ctx.services.layanan.clock = lambda: TODAY
    m, a = ctx.services.master, ctx.actor
    kadis = m.simpan_pegawai(a, IsianPegawai.dari({"nama": "Drs. Budi", "nip": "196707151993091001", "jabatan": "Kepala Dinas",
                               "boleh_ttd": "surat_keluar"}))
    surat = ctx.services.agenda.buat_konsep(a, IsianKonsep.dari({"jenis": "surat_keluar", "hal": "Undangan rapat",
                                                "penandatangan_id": kadis.id}))
    ctx.services.agenda.ajukan(a, surat.id)  # no paraf chain: straight to "siap ditandatangani"
    _permohonan(ctx, "Terlambat Sekali", date(2026, 5, 4))
    _permohonan(ctx, "Masih Lama", date(2026, 6, 12))
    page = BerandaPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    return page


def test_work_queue_counts_overdue_and_waiting_letters(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    page = _queue(qtbot, ctx)
    assert page.data is not None and page.data.hari_ini == TODAY
    assert page.q_terlambat.text().endswith("1 permohonan lewat tenggat")
    assert page.q_ttd.text() == "1 naskah siap ditandatangani"
    assert page.q_paraf.text() == "0 naskah menunggu paraf"
    # master-data counts left Beranda for Data Master
    assert not hasattr(page, "t_opd")


def test_work_queue_is_computed_on_the_task_runner(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    calls: list[str] = []

    class Recording(SyncTaskRunner):
        def run(self, fn, **kw):  # type: ignore[no-untyped-def, override]
            calls.append(kw["title"])
            return super().run(fn, **kw)

    ctx.tasks = Recording()
    _queue(qtbot, ctx)
    assert calls == ["Menghitung antrean kerja…"]


def test_sync_conflicts_are_counted_in_the_queue(qtbot, ctx: AppContext, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(B, "jumlah_konflik", lambda _conn: 3)  # the one SQL count Beranda runs
    page = _queue(qtbot, ctx)
    assert page.data is not None and page.data.konflik == 3
    assert B.PANELS and page.panels and "3" in page.panels[0].label.text()  # sinkron's panel, in the queue card


def test_clicking_overdue_opens_the_filtered_register(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    ctx.services.layanan.clock = lambda: TODAY
    _permohonan(ctx, "Terlambat Sekali", date(2026, 5, 4))
    _permohonan(ctx, "Masih Lama", date(2026, 6, 12))
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    win.show_section("beranda")
    page = win.page("beranda")
    assert isinstance(page, BerandaPage)
    page.refresh()
    qtbot.mouseClick(page.q_terlambat, Qt.MouseButton.LeftButton)
    assert win.current_key() == "layanan"
    register = win.page("layanan").permohonan  # type: ignore[attr-defined]
    assert register.terlambat.isChecked()
    names = [register.model.row_data(r)["nama"] for r in range(register.model.rowCount())]
    assert names == ["Terlambat Sekali"]


def test_quick_actions_follow_the_role(qtbot, profil, messages) -> None:  # type: ignore[no-untyped-def]
    monev = AppContext(services=profil, actor=make_actor(R.MONEV, username="tim"), tasks=SyncTaskRunner())
    page = BerandaPage(monev)
    qtbot.addWidget(page)
    assert not page.btn_baru.isEnabled()
    assert "tidak berwenang mencatat permohonan" in page.btn_baru.toolTip()
    assert page.btn_sesi.isEnabled()
    assert not page.btn_impor.isEnabled()


def test_data_master_shows_the_master_counts(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    m, a = ctx.services.master, ctx.actor
    m.simpan_opd(a, IsianOpd.dari({"kode": "DINKES", "nama": "Dinas Kesehatan"}))
    before = len(m.daftar_hari(date.today().year))
    m.tambah_hari(a, date(date.today().year, 7, 1), K.LIBUR_LOKAL, "Hari Jadi Kota")
    page = MasterPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    assert page.jumlah.text().startswith("1 perangkat daerah · 0 pegawai dan pejabat · ")
    assert f"{before + 1} hari libur" in page.jumlah.text()


def test_header_date_comes_from_the_services_clock(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    from ppid_desktop.core.clock import FixedClock

    ctx.services.clock = FixedClock(date(2031, 2, 3))  # not the machine's date
    page = BerandaPage(ctx)
    qtbot.addWidget(page)
    assert "3 Februari 2031" in page.header.subtitle.text()
