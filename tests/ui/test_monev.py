"""Monev UI: filling a session with the keyboard, evidence, finalise; dashboard; instrument editor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt

from ppid_desktop.master.masukan import IsianOpd
from ppid_desktop.ui.monev.editor import InstrumenEditor
from ppid_desktop.ui.monev.page import MonevPage
from ppid_desktop.ui.monev.sesi import SesiWidget


@pytest.fixture
def setup(ctx):  # type: ignore[no-untyped-def]
    svc, a = ctx.services, ctx.actor
    opd = [svc.master.simpan_opd(a, IsianOpd.dari({"kode": k, "nama": n})).id for k, n in
           (("DINKES", "Dinas Kesehatan"), ("DISDIK", "Dinas Pendidikan"))]
    return svc, a, opd


def program(svc, a, opd, tpl):  # type: ignore[no-untyped-def]
    inst = svc.monev.impor_templat(a, tpl)
    prog = svc.monev.buat_program(a, f"Monev {tpl}", inst.id, opd)
    jad = svc.monev.daftar_jadwal(prog.id)
    return prog, svc.monev.mulai_sesi(a, jad[0][0].id)


def test_fill_session_with_keyboard(qtbot, ctx, setup, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    svc, a, opd = setup
    _, sesi = program(svc, a, opd, "ppid_checklist")
    w = SesiWidget(ctx, sesi.id)
    qtbot.addWidget(w)
    w.show()
    w.table.setFocus()
    assert w.current_question().kode == "K.1.1"
    qtbot.keyClick(w.table, Qt.Key.Key_Y)  # K.1.1 ya -> moves to K.1.2 (tanggal)
    assert w.current_question().kode == "K.1.2"
    qtbot.keyClick(w.table, Qt.Key.Key_Return)  # skip to K.1.3
    qtbot.keyClick(w.table, Qt.Key.Key_T)  # K.1.3 tidak
    assert w.current_question().kode == "D.1.1"
    qtbot.keyClick(w.table, Qt.Key.Key_N)  # D.1.1 is not N/A-able: refused, stays
    assert w.current_question().kode == "D.1.1" and w.feedback.isVisible()
    qtbot.keyClick(w.table, Qt.Key.Key_Y)
    qtbot.keyClick(w.table, Qt.Key.Key_N)  # D.1.2 allows N/A
    assert w.current_question().kode == "D.1.3"
    qtbot.keyClick(w.table, Qt.Key.Key_Up)
    assert w.current_question().kode == "D.1.2"
    data = svc.monev.muat_sesi(sesi.id)  # every key press already saved
    assert data.jawaban["K.1.1"].nilai == "ya" and data.jawaban["K.1.3"].nilai == "tidak"
    assert data.jawaban["D.1.2"].na and data.jawaban["D.1.1"].nilai == "ya"
    assert "Terjawab 4 dari 15" in w.progress.text()
    # tanggal question: typing starts the editor, Enter saves
    w.select_question("K.1.2")
    qtbot.keyClicks(w.value_edit, "16 Maret 2026")
    qtbot.keyClick(w.value_edit, Qt.Key.Key_Return)
    assert svc.monev.muat_sesi(sesi.id).jawaban["K.1.2"].nilai == "2026-03-16"
    # evidence: a bad file is refused with a message, a photo is stored
    w.select_question("S.1.1")
    bad = tmp_path / "rusak.jpg"
    bad.write_text("bukan gambar")
    assert not w.add_evidence_file(str(bad)) and "bukan foto" in w.feedback.text()
    img = tmp_path / "foto.jpg"
    Image.new("RGB", (20, 20), (200, 10, 10)).save(img)
    assert w.add_evidence_file(str(img))
    assert w.evidence.count() == 1 and w.model.data(w.model.index(w.table.currentIndex().row(), 4)) == "1"
    assert "Waktu 00:" in w.timer_label.text() and "dari 90 menit" in w.timer_label.text()


def test_level_and_pilihan_digits(qtbot, ctx, setup) -> None:  # type: ignore[no-untyped-def]
    svc, a, opd = setup
    _, s1 = program(svc, a, opd, "spbe_59_2020")
    w = SesiWidget(ctx, s1.id)
    qtbot.addWidget(w)
    for key in (Qt.Key.Key_3, Qt.Key.Key_5, Qt.Key.Key_1, Qt.Key.Key_7):  # 7 is ignored for level
        qtbot.keyClick(w.table, key)
    data = svc.monev.muat_sesi(s1.id)
    assert [data.jawaban[k].nilai for k in ("I01.L", "I02.L", "I03.L")] == ["3", "5", "1"]
    assert "I04.L" not in data.jawaban and w.current_question().kode == "I04.L"
    _, s2 = program(svc, a, opd, "pekppp_2025")
    w2 = SesiWidget(ctx, s2.id)
    qtbot.addWidget(w2)
    qtbot.keyClick(w2.table, Qt.Key.Key_6)  # 6th option = skor 5
    assert svc.monev.muat_sesi(s2.id).jawaban["K.1.1"].nilai == "5"


def test_angka_entry_and_finalise_lock(qtbot, ctx, setup, messages) -> None:  # type: ignore[no-untyped-def]
    svc, a, opd = setup
    _, sesi = program(svc, a, opd, "monitoring_kegiatan")
    w = SesiWidget(ctx, sesi.id)
    qtbot.addWidget(w)
    w.target.setValue(10)
    w.realisasi.setValue(8)
    qtbot.mouseClick(w.btn_angka, Qt.MouseButton.LeftButton)
    assert json.loads(svc.monev.muat_sesi(sesi.id).jawaban["KG.1.R"].nilai) == {"target": 10.0, "realisasi": 8.0}
    w.finalisasi()  # incomplete: refused with a message
    assert messages and "belum lengkap" in messages[-1][2]
    svc.monev.tambah_responden(a, sesi.id, "Budi", "Kabid")
    d = svc.monev.muat_sesi(sesi.id)
    for q in d.defn.pertanyaan():
        if q.jenis == "angka":
            svc.monev.jawab(a, sesi.id, q.kode, {"target": 1, "realisasi": 1})
            svc.monev.tambah_bukti(a, sesi.id, q.kode, url="https://contoh.go.id/laporan")
        elif q.jenis == "ya_tidak":
            svc.monev.jawab(a, sesi.id, q.kode, "ya")
    w.reload()
    w.finalisasi()
    assert svc.monev.ambil_sesi(sesi.id).status == "final"
    assert not w.btn_file.isEnabled() and "TERKUNCI" in w.title.text()
    qtbot.keyClick(w.table, Qt.Key.Key_T)
    assert "terkunci" in w.feedback.text()


def test_page_dashboard_and_drill_down(qtbot, ctx, setup) -> None:  # type: ignore[no-untyped-def]
    svc, a, opd = setup
    prog, sesi = program(svc, a, opd, "kip_2025")
    svc.monev.jawab(a, sesi.id, "JI.1.4", "ya")
    page = MonevPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    tab = page.program
    assert tab.t_opd.value.text() == "2" and tab.t_visit.value.text() == "1"
    assert tab.heat.rowCount() == 2 and tab.heat.columnCount() == 3 + 6 + 2
    assert tab.heat.data(tab.heat.index(0, 1)) == "Dinas Kesehatan"
    assert tab.heat.data(tab.heat.index(0, 3 + 6 + 1)) == "Tidak Informatif"
    assert tab.heat.data(tab.heat.index(0, 3), Qt.ItemDataRole.BackgroundRole) is not None
    assert len(tab.chart.items) == 1
    tab.chart.resize(600, 200)
    tab.chart.repaint()
    tab.heat_table.selectRow(0)
    dlg = tab.open_jadwal(tab.heat.rows[0].jadwal_id)
    assert dlg is not None and dlg.sesi.sesi_id == sesi.id
    dlg.sesi.select_question("JI.1.4")
    assert dlg.sesi.current_question().kode == "JI.1.4"
    dlg.close()
    page.smoke()


def test_heat_model_is_sane(qtmodeltester, ctx, setup) -> None:  # type: ignore[no-untyped-def]
    svc, a, opd = setup
    prog, _ = program(svc, a, opd, "kip_2025")
    page = MonevPage(ctx)
    page.refresh()
    qtmodeltester.check(page.program.heat)
    qtmodeltester.check(page.program.jadwal_model)


def test_instrument_editor_refuses_bad_weights(qtbot, ctx, setup) -> None:  # type: ignore[no-untyped-def]
    svc, a, _ = setup
    ed = InstrumenEditor(ctx)
    qtbot.addWidget(ed)
    from ppid_desktop.monev import instrumen as I

    ed.load_dict(I.muat_templat("pekppp_2025"))
    first = ed.tree.topLevelItem(0)
    ed.tree.setCurrentItem(first)
    assert ed.f_nama.text() == "Kebijakan Pelayanan"
    ed.f_bobot.setText("30")
    ed.apply_detail()
    assert not ed.save()
    assert "Jumlah bobot aspek adalah 106, seharusnya 100" in ed.feedback.text()
    assert svc.monev.daftar_instrumen() == []
    ed.f_bobot.setText("24")
    ed.apply_detail()
    assert ed.save()
    (row,) = svc.monev.daftar_instrumen()
    assert row.versi == 1 and row.status == "draf"
    ed._publish()
    # editing a published version makes version 2
    q = ed.tree.topLevelItem(0).child(0).child(0)
    ed.tree.setCurrentItem(q)
    ed.f_nama.setText("Standar pelayanan ditetapkan?")
    ed.apply_detail()
    assert ed.save()
    assert [r.versi for r in svc.monev.daftar_instrumen()] == [2, 1]
