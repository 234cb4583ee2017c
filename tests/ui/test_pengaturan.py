from __future__ import annotations

from ppid_desktop.akun import roles as R
from ppid_desktop.master.masukan import IsianOpd
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.pengaturan import PengaturanPage


def test_audit_log_reads_in_indonesian(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    ctx.services.master.simpan_opd(ctx.actor, IsianOpd.dari({"kode": "DINKES", "nama": "Dinas Kesehatan"}))
    page = PengaturanPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    rows = [[page.model.data(page.model.index(r, c)) for c in range(page.model.columnCount())]
            for r in range(page.model.rowCount())]
    assert ["admin", "membuat", "perangkat daerah", "Dinas Kesehatan"] in [row[1:] for row in rows]


def test_change_own_password(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    ctx.services.akun.create_user(None, "admin", "Administrator", "sandi-lama-1", [R.ADMIN])
    page = PengaturanPage(ctx)
    qtbot.addWidget(page)
    qtbot.keyClicks(page.old, "sandi-lama-1")
    qtbot.keyClicks(page.new, "sandi-baru-22")
    qtbot.keyClicks(page.new2, "sandi-baru-2X")
    page.change_password()
    assert "tidak sama" in page.feedback.text()
    page.new2.clear()
    qtbot.keyClicks(page.new2, "sandi-baru-22")
    page.old.setText("salah-sandi-9")
    page.change_password()  # runs on the task runner; the service's UserError lands in the form's feedback
    qtbot.waitUntil(lambda: not page.feedback.isHidden() and page.feedback.text() != "")
    assert "tidak sama" not in page.feedback.text() and page.new.text() == "sandi-baru-22"  # nothing cleared
    page.old.setText("sandi-lama-1")
    page.change_password()
    qtbot.waitUntil(lambda: page.old.text() == "" and page.new.text() == "")  # fields cleared after success
    assert page.feedback.isHidden()
    assert ctx.services.akun.authenticate("admin", "sandi-baru-22").username == "admin"


def test_save_keamanan_runs_off_the_gui_thread_and_applies(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    page = PengaturanPage(ctx)
    qtbot.addWidget(page)
    baru = 7 if ctx.services.akun.kunci_menit() != 7 else 8
    page.kunci_menit.setValue(baru)
    with qtbot.waitSignal(ctx.changed, timeout=10000):  # operasi notifies the rooms it touched
        page.save_keamanan()
    assert ctx.services.akun.kunci_menit() == baru
    assert page.feedback_keamanan.isHidden()
