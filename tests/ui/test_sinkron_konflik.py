"""The Sinkronisasi page and the conflict screen on real databases: key, export, preview then apply,
conflicts side by side and resolved, the Beranda count; the page fits 1366×768."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ppid_desktop.core.device import Device
from ppid_desktop.master.masukan import IsianOpd
from ppid_desktop.services import Services
from ppid_desktop.ui.beranda import BerandaPage
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.sinkron import PratinjauDialog, SinkronPage
from ppid_desktop.ui.sinkron_konflik import KonflikDialog, KonflikPanel
from ppid_desktop.ui.tasks import SyncTaskRunner
from tests.conftest import make_actor


def _peer(tmp_path: Path, ctx: AppContext) -> tuple[Services, AppContext]:
    other = Services.open(tmp_path / "lain.sqlite", device=Device(id="lain", name="Laptop Lain"))
    actor = make_actor("Admin", username="lain")
    other.sinkron.kunci_pasang(actor, ctx.services.sinkron.teks_kunci(ctx.actor))
    return other, AppContext(services=other, actor=actor, tasks=SyncTaskRunner())


def test_page_key_export_preview_apply_history(qtbot, ctx: AppContext, tmp_path: Path, messages) -> None:  # type: ignore[no-untyped-def]
    page = SinkronPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    assert "belum dipasang" in page.kunci_label.text()
    page.buat_kunci()
    assert "PPIDTIM1-" in messages[-1][2]
    assert "sidik" in page.kunci_label.text()
    opd = ctx.services.master.simpan_opd(ctx.actor, IsianOpd.dari({"kode": "DINKES", "nama": "Dinas Kesehatan"}))
    page.jenis.setCurrentIndex(1)  # semua
    page.ekspor(tmp_path / "semua.ppidsync")
    assert "Paket dibuat" in messages[-1][2]
    other, octx = _peer(tmp_path, ctx)
    try:
        opage = SinkronPage(octx)
        qtbot.addWidget(opage)
        opage.refresh()
        opage.impor(tmp_path / "semua.ppidsync", tanya=False)
        assert "Paket diterapkan" in messages[-1][2]
        assert other.master.ambil_opd(opd.id).nama == "Dinas Kesehatan"
        assert opage.riwayat.rowCount() == 1
        assert opage.riwayat.data(opage.riwayat.index(0, 1)) == "masuk"
        assert opage.rekan.count() == 2  # "rekan baru" and the office
        # The preview dialog shows the same counts without writing.
        pre = other.sinkron.impor(octx.actor, tmp_path / "semua.ppidsync", pratinjau=True)
        dlg = PratinjauDialog(octx, pre, lambda: None, opage)
        qtbot.addWidget(dlg)
        assert dlg.model.rowCount() == len(pre["per_jenis"])
    finally:
        other.close()


def test_conflict_dialog_side_by_side_and_resolution(qtbot, ctx: AppContext, tmp_path: Path, messages) -> None:  # type: ignore[no-untyped-def]
    s = ctx.services.sinkron
    s.kunci_buat(ctx.actor)
    opd = ctx.services.master.simpan_opd(ctx.actor, IsianOpd.dari({"kode": "DINKES", "nama": "Dinas Kesehatan"}))
    other, octx = _peer(tmp_path, ctx)
    try:
        s.ekspor(ctx.actor, tmp_path / "1.ppidsync", semua=True)
        other.sinkron.impor(octx.actor, tmp_path / "1.ppidsync")
        ctx.services.master.simpan_opd(ctx.actor, IsianOpd.dari({"nama": "Nama Kantor"}), opd.id)
        other.master.simpan_opd(octx.actor, IsianOpd.dari({"nama": "Nama Lapangan"}), opd.id)
        other.sinkron.ekspor(octx.actor, tmp_path / "2.ppidsync")
        s.impor(ctx.actor, tmp_path / "2.ppidsync")
    finally:
        other.close()
    panel = KonflikPanel(ctx)
    qtbot.addWidget(panel)
    assert panel.count == 0  # built without a query: Beranda's pass brings the count (tampilkan)
    panel.refresh()
    assert panel.count == 1 and "1" in panel.label.text()
    dlg = KonflikDialog(ctx)
    qtbot.addWidget(dlg)
    assert dlg.model.rowCount() == 1
    rows = dlg.detail.rows
    assert rows == [r for r in rows if r["kolom"] == "nama"]
    assert {rows[0]["saya"], rows[0]["mereka"]} == {"Nama Kantor", "Nama Lapangan"}
    assert "·" in dlg.who.text()
    theirs = rows[0]["mereka"]
    dlg.resolve("milik-mereka")
    assert dlg.model.rowCount() == 0
    assert ctx.services.master.ambil_opd(opd.id).nama == theirs
    panel.refresh()
    assert panel.count == 0 and not panel.button.isVisible()


def test_beranda_shows_the_conflict_panel(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    page = BerandaPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    assert any(isinstance(p, KonflikPanel) for p in page.panels)


def test_page_fits_a_small_screen(qtbot, ctx: AppContext, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = SinkronPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366 - 220, 768 - 40)  # the sidebar and the title bar take the rest
    page.show()
    page.refresh()
    qtbot.waitExposed(page)
    assert page.minimumSizeHint().width() <= 1366 - 220
    page.grab().save(str(tmp_path / "sinkron.png"))
    if os.environ.get("PPID_SHOT"):
        page.grab().save(os.environ["PPID_SHOT"])
    page.smoke()




def test_role_set_on_the_page_by_an_admin_only(qtbot, ctx: AppContext, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = SinkronPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    assert page.peran.currentData() == "kantor" and page.peran_btn.isEnabled()
    page.peran.setCurrentIndex(page.peran.findData("lapangan"))
    page.simpan_peran()
    assert ctx.services.sinkron.peran() == "lapangan"
    page.refresh()
    assert page.peran.currentData() == "lapangan"
    petugas = AppContext(services=ctx.services, actor=make_actor("Petugas Layanan", username="petugas"),
                         tasks=SyncTaskRunner())
    other = SinkronPage(petugas)
    qtbot.addWidget(other)
    assert not other.peran_btn.isEnabled() and not other.peran.isEnabled()


@pytest.mark.parametrize(("tombol", "hasil"), [("mine", "Nama Kantor"), ("theirs", "Nama Lapangan")])
def test_conflict_sides_are_named_by_where_they_were_written(qtbot, ctx: AppContext, tmp_path: Path, tombol: str,
                                                             hasil: str) -> None:  # type: ignore[no-untyped-def]
    """"Di laptop ini" is the edit made here, "Dari paket <perangkat>, <waktu>" the one that came in; the value
    before this laptop's edit shows as "Nilai semula"; the buttons name the side they keep."""
    from PySide6.QtCore import Qt

    s = ctx.services.sinkron
    s.kunci_buat(ctx.actor)
    opd = ctx.services.master.simpan_opd(ctx.actor, IsianOpd.dari({"kode": "DINKES", "nama": "Dinas Kesehatan"}))
    other, octx = _peer(tmp_path, ctx)
    try:
        s.ekspor(ctx.actor, tmp_path / "1.ppidsync", semua=True)
        other.sinkron.impor(octx.actor, tmp_path / "1.ppidsync")
        other.sinkron.ekspor(octx.actor, tmp_path / "kenal.ppidsync")  # the office learns the peer's name
        s.impor(ctx.actor, tmp_path / "kenal.ppidsync")
        ctx.services.master.simpan_opd(ctx.actor, IsianOpd.dari({"nama": "Nama Kantor"}), opd.id)
        other.master.simpan_opd(octx.actor, IsianOpd.dari({"nama": "Nama Lapangan"}), opd.id)
        other.sinkron.ekspor(octx.actor, tmp_path / "2.ppidsync")
        s.impor(ctx.actor, tmp_path / "2.ppidsync")
    finally:
        other.close()
    dlg = KonflikDialog(ctx)
    qtbot.addWidget(dlg)
    assert dlg.model.rowCount() == 1
    heads = [dlg.detail.headerData(i, Qt.Orientation.Horizontal) for i in range(dlg.detail.columnCount())]
    assert heads[0] == "Isian" and heads[1] == "Nilai semula"
    assert heads[2].startswith("Di laptop ini")
    assert heads[3].startswith("Dari paket Laptop Lain, 20")  # the device and the time of its write
    assert sum("dipakai sekarang" in h for h in heads) == 1  # the merge keeps one of them meanwhile
    cells = [dlg.detail.data(dlg.detail.index(0, c)) for c in range(4)]
    assert cells == ["nama", "Dinas Kesehatan", "Nama Kantor", "Nama Lapangan"]
    assert dlg.theirs.text() == "Pakai nilai dari Laptop Lain" and dlg.mine.text() == "Pakai nilai di laptop ini"
    assert "Di laptop ini:" in dlg.who.text() and "Dari paket Laptop Lain:" in dlg.who.text()
    getattr(dlg, tombol).click()  # whichever side the merge kept, the button keeps the side it names
    assert dlg.model.rowCount() == 0
    assert ctx.services.master.ambil_opd(opd.id).nama == hasil
