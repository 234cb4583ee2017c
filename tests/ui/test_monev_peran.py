"""Role-aware Monev screens: what a role may not do is disabled (or read-only) with the reason as tooltip,
decided by the roles' permissions and the services' view models (``SesiData.alasan_tolak``,
``AlurView.alasan_tolak``) — real windows offscreen, a real SQLite file, one context per role."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

from ppid_desktop.akun import roles as R
from ppid_desktop.master.masukan import IsianOpd
from ppid_desktop.monev.masukan import IsianTindakLanjut, RekomendasiBaru
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.monev.alur import AlurTab, SopTab
from ppid_desktop.ui.monev.editor import InstrumenEditor
from ppid_desktop.ui.monev.page import TindakLanjutTab
from ppid_desktop.ui.monev.sesi import SesiWidget
from ppid_desktop.ui.tasks import SyncTaskRunner
from ppid_desktop.ui.widgets import alasan_tidak_berwenang
from tests.conftest import make_actor


def _as(ctx: AppContext, role: str) -> AppContext:
    return AppContext(services=ctx.services, actor=make_actor(role, username=role.split()[0].lower()),
                      tasks=SyncTaskRunner())


@pytest.fixture
def monev(ctx):  # type: ignore[no-untyped-def]
    svc, a = ctx.services, ctx.actor
    opd = [svc.master.simpan_opd(a, IsianOpd.dari({"kode": k, "nama": n})).id for k, n in
           (("DINKES", "Dinas Kesehatan"), ("DISDIK", "Dinas Pendidikan"))]
    inst = svc.monev.impor_templat(a, "ppid_checklist")
    prog = svc.monev.buat_program(a, "Monev PPID 2026", inst.id, opd)
    sesi = svc.monev.mulai_sesi(a, svc.monev.daftar_jadwal(prog.id)[0][0].id)
    return svc, prog, sesi


def _widget(qtbot, ctx: AppContext, sesi_id: str) -> SesiWidget:  # type: ignore[no-untyped-def]
    w = SesiWidget(ctx, sesi_id)
    qtbot.addWidget(w)
    return w


def test_session_fields_are_read_only_for_a_role_that_may_not_fill_them(qtbot, ctx, monev) -> None:  # type: ignore[no-untyped-def]
    svc, _, sesi = monev
    w = _widget(qtbot, _as(ctx, R.SEKRETARIAT), sesi.id)  # manages programmes, does not fill sessions
    reason = alasan_tidak_berwenang(R.MONEV_LAPANGAN)  # the session's view model words it like every screen
    assert w.note.isReadOnly() and w.value_edit.isReadOnly() and w.r_nama.isReadOnly()
    assert not w.btn_note.isEnabled() and not w.btn_file.isEnabled() and not w.btn_final.isEnabled()
    assert not w.options.isEnabled() and w.btn_file.toolTip() == reason and w.note.toolTip() == reason
    assert not w.btn_mode.isEnabled() and "memverifikasi nilai monev" in w.btn_mode.toolTip()
    first = w.current_question()
    qtbot.keyClick(w.table, Qt.Key.Key_Y)  # a key only moves: nothing saved, the reason shown
    assert reason in w.feedback.text()
    assert first.kode not in svc.monev.muat_sesi(sesi.id).jawaban
    # the same session for the Tim Monev: everything open, and the key saves
    tim = _widget(qtbot, _as(ctx, R.MONEV), sesi.id)
    assert not tim.note.isReadOnly() and tim.btn_file.isEnabled() and tim.btn_final.isEnabled()
    assert tim.btn_mode.isEnabled() and tim.btn_file.toolTip() == ""
    assert not tim.btn_revisi.isEnabled() and "sudah difinalkan" in tim.btn_revisi.toolTip()
    assert not tim.btn_sg_ajukan.isEnabled() and tim.sg_alasan.isReadOnly()


def test_a_final_session_locks_answers_and_opens_revision_and_sanggah(qtbot, ctx, monev) -> None:  # type: ignore[no-untyped-def]
    svc, _, sesi = monev
    svc.monev.tambah_responden(ctx.actor, sesi.id, "Budi", "Kabid")
    svc.monev.finalisasi(ctx.actor, sesi.id, paksa=True)
    w = _widget(qtbot, _as(ctx, R.MONEV), sesi.id)
    locked = "Sesi ini sudah difinalkan dan terkunci. Buat revisi untuk melakukan koreksi."
    assert not w.btn_final.isEnabled() and w.btn_final.toolTip() == locked
    assert w.note.isReadOnly() and w.note.toolTip() == locked
    assert w.btn_revisi.isEnabled() and w.btn_sg_ajukan.isEnabled() and not w.sg_alasan.isReadOnly()
    assert not w.btn_sg_jawab.isEnabled() and "Tidak ada sanggah" in w.btn_sg_jawab.toolTip()
    w.btn_mode.setChecked(True)  # the verifier scores a final session: its answer fields open again
    assert not w.note.isReadOnly() and w.options.isEnabled()
    w.sg_oleh.setText("PPID Pelaksana Dinkes")
    w.sg_alasan.setPlainText("Bukti sudah diunggah")
    assert w.ajukan_sanggah()
    assert w.btn_sg_jawab.isEnabled() and not w.sg_jawaban.isReadOnly()
    # the secretariat reads the same session: nothing to press, each says why
    sek = _widget(qtbot, _as(ctx, R.SEKRETARIAT), sesi.id)
    for b in (sek.btn_revisi, sek.btn_sg_ajukan, sek.btn_sg_jawab, sek.btn_mode):
        assert not b.isEnabled() and b.toolTip().startswith("Peran Anda tidak berwenang")


def test_instrument_editor_reads_only_without_monev_kelola(qtbot, ctx, monev) -> None:  # type: ignore[no-untyped-def]
    ed = InstrumenEditor(_as(ctx, R.PETUGAS))
    qtbot.addWidget(ed)
    for b in (ed.btn_save, ed.btn_pub, ed.btn_tpl, ed.btn_add, ed.btn_del, ed.btn_apply, ed.btn_band_add):
        assert not b.isEnabled() and "program dan instrumen monev" in b.toolTip()
    assert ed.f_nama.isReadOnly() and ed.f_opsi.isReadOnly()
    assert ed.band_table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    ed.tree.setCurrentItem(ed.tree.topLevelItem(0).child(0).child(0))
    assert not ed.f_jenis.isEnabled() and ed.f_nama.text()  # a question shown, not editable
    tim = InstrumenEditor(_as(ctx, R.MONEV))
    qtbot.addWidget(tim)
    assert tim.btn_save.isEnabled() and not tim.f_nama.isReadOnly()
    tim.tree.setCurrentItem(tim.tree.topLevelItem(0).child(0).child(0))
    assert tim.f_jenis.isEnabled()


def test_follow_up_buttons_need_monev_lapangan(qtbot, ctx, monev) -> None:  # type: ignore[no-untyped-def]
    svc, prog, _ = monev
    opd = svc.monev.daftar_jadwal(prog.id)[0][1].id
    rek = svc.monev.tambah_rekomendasi(ctx.actor, RekomendasiBaru(prog.id, opd, "Tetapkan SOP"))
    svc.monev.tambah_tindak_lanjut(ctx.actor, rek.id, IsianTindakLanjut("Rapat SOP", "Sekretaris", None))
    tab = TindakLanjutTab(_as(ctx, R.SEKRETARIAT))
    qtbot.addWidget(tab)
    tab.refresh()
    for b in (tab.btn_rek, tab.btn_tl, tab.btn_edit, tab.btn_close):
        assert not b.isEnabled() and b.toolTip() == alasan_tidak_berwenang(R.MONEV_LAPANGAN)
        assert b.toolTip().startswith("Peran Anda tidak berwenang mengisi sesi monev lapangan.")
    tab.table.selectRow(0)
    assert tab.edit_tl() is None  # a double click opens no form that would be refused
    tim = TindakLanjutTab(_as(ctx, R.MONEV))
    qtbot.addWidget(tim)
    tim.refresh()
    tim.table.selectRow(0)
    assert all(b.isEnabled() for b in (tim.btn_rek, tim.btn_tl, tim.btn_edit, tim.btn_close))
    dlg = tim.edit_tl()
    assert dlg is not None
    dlg.close()


def test_sop_step_acts_only_for_the_role_the_step_names(qtbot, ctx, monev) -> None:  # type: ignore[no-untyped-def]
    svc, prog, _ = monev
    run = svc.monev.mulai_alur(ctx.actor, "BPN-MONEV-PI", program_id=prog.id)
    peran = svc.monev.lihat_alur(run.id).sekarang.peran
    other = next(r for r in (R.PETUGAS, R.SEKRETARIAT, R.MONEV) if r != peran)

    def tab_for(role: str) -> Any:
        t = AlurTab(_as(ctx, role))
        qtbot.addWidget(t)
        t.refresh()
        t.program.setCurrentIndex(t.program.findData(prog.id))
        return t

    t = tab_for(other)
    assert t.view is not None and t.view.sekarang is not None
    acts = (t.btn_selesai, t.btn_putus, t.btn_dispo)
    assert not any(b.isEnabled() for b in acts)
    assert all(f"(peran {peran})" in b.toolTip() for b in acts)
    if other != R.MONEV and other != R.SEKRETARIAT:
        assert not t.btn_mulai.isEnabled() and "program dan instrumen monev" in t.btn_mulai.toolTip()
    own = tab_for(peran) if peran in R.ROLES and peran != R.ADMIN else tab_for(R.ADMIN)
    assert any(b.isEnabled() for b in (own.btn_selesai, own.btn_putus, own.btn_dispo))
    assert own.btn_dispo.toolTip() == ""
    sop = SopTab(_as(ctx, R.PETUGAS))
    qtbot.addWidget(sop)
    sop.refresh()
    assert not sop.btn_ubah.isEnabled() and sop.ubah() is None


def test_session_header_says_the_truth_before_during_and_after_the_visit(qtbot, ctx, monev) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from PySide6.QtGui import QFont

    from ppid_desktop.core.base import utcnow
    from ppid_desktop.monev.models import Sesi

    svc, _, sesi = monev
    w = _widget(qtbot, ctx, sesi.id)
    # not started: no score yet (not "nilai akhir 0,00 (Kurang)"); required questions bold, not "* …"
    assert w.progress.text().startswith("Belum ada jawaban") and "nilai akhir" not in w.progress.text()
    q = w.model.qs[0]
    assert w.model.data(w.model.index(0, 1)) == q.teks and not q.teks.startswith("*")
    font = w.model.data(w.model.index(0, 1), Qt.ItemDataRole.FontRole)
    assert (isinstance(font, QFont) and font.bold()) == q.wajib
    # a draft left open for days shows when the visit began, not a red clock of thousands of minutes
    with svc.store.session(ctx.actor) as s:
        row = s.get(Sesi, sesi.id)
        row.mulai_at = utcnow() - timedelta(days=3, minutes=10)
        s.add(row)
    w.reload()
    assert w.timer_label.text().startswith("Kunjungan dimulai") and "Waktu" not in w.timer_label.text()
    assert w.timer_label.styleSheet() == ""
    # finalised: the length of the visit, never a red running clock
    svc.monev.tambah_responden(ctx.actor, sesi.id, "Budi", "Kabid")
    svc.monev.finalisasi(ctx.actor, sesi.id, paksa=True)
    w.reload()
    assert "Waktu" not in w.timer_label.text() and "c62828" not in w.timer_label.styleSheet()
