"""Monev UI, second round: programme editing, sanggah entry, rekomendasi/tindak lanjut, bands and stage
weights, letters through the agenda (real windows, real SQLite file)."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt

from ppid_desktop.master.masukan import IsianOpd, IsianPegawai
from ppid_desktop.monev import instrumen as I
from ppid_desktop.monev import surat as SURAT
from ppid_desktop.ui.monev.editor import InstrumenEditor
from ppid_desktop.ui.monev.page import MonevPage, TindakLanjutDialog
from ppid_desktop.ui.monev.program import NaskahProgramDialog, ProgramDialog
from ppid_desktop.ui.monev.sesi import SesiWidget
from tests.ui.formulir import disimpan


@pytest.fixture
def setup(ctx):  # type: ignore[no-untyped-def]
    svc, a = ctx.services, ctx.actor
    opd = [svc.master.simpan_opd(a, IsianOpd.dari({"kode": k, "nama": n})).id for k, n in
           (("DINKES", "Dinas Kesehatan"), ("DISDIK", "Dinas Pendidikan"), ("BAPPEDA", "Bappeda"))]
    peg = [svc.master.simpan_pegawai(a, IsianPegawai.dari({"nama": "Agus Santoso, S.Kom.", "nip": "198003152005011002",
                                       "jabatan": "Kepala Bidang IKP", "boleh_ttd": "surat_tugas,surat_keluar"})).id,
           svc.master.simpan_pegawai(a, IsianPegawai.dari({"nama": "Sri Lestari, S.Sos.", "nip": "198507202010012003",
                                       "jabatan": "Pranata Humas"})).id]
    inst = svc.monev.impor_templat(a, "ppid_checklist")
    prog = svc.monev.buat_program(a, "Monev PPID Pelaksana 2026", inst.id, opd[:2], tanggal_mulai=date(2026, 5, 1),
                                  tanggal_selesai=date(2026, 5, 29))
    return svc, a, opd, peg, prog


def test_program_dialog_edits_everything_or_nothing(qtbot, ctx, setup) -> None:  # type: ignore[no-untyped-def]
    svc, a, opd, peg, prog = setup
    dlg = ProgramDialog(ctx, prog.id)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.select_opd("Dinas Kesehatan")
    dlg.j_ada.setChecked(True)
    dlg.j_tgl.setDate(QDate(2026, 5, 4))
    dlg.j_jam.setText("9.75")  # invalid
    dlg.j_tempat.setText("Aula Dinkes")
    dlg.apply_jadwal()
    dlg.opd_pick.setCurrentIndex(dlg.opd_pick.findData(opd[2]))
    dlg.add_opd()  # Bappeda, new
    dlg.j_ada.setChecked(True)
    dlg.j_tgl.setDate(QDate(2026, 5, 6))
    dlg.j_tempat.setText("Ruang rapat Bappeda")
    dlg.apply_jadwal()
    dlg.select_opd("Dinas Pendidikan")
    dlg.remove_opd()
    dlg.peg_pick.setCurrentIndex(dlg.peg_pick.findData(peg[0]))
    dlg.peran_pick.setCurrentText("Ketua")
    dlg.add_member()
    dlg.peg_pick.setCurrentIndex(dlg.peg_pick.findData(peg[1]))
    dlg.peran_pick.setCurrentText("Anggota")
    dlg.add_member()
    dlg.status.setCurrentIndex(dlg.status.findData("selesai"))
    assert not disimpan(dlg)
    assert "jam '9.75' tidak valid" in dlg.feedback.text() and dlg.isVisible()
    assert svc.monev.daftar_tim(prog.id) == [] and len(svc.monev.daftar_jadwal(prog.id)) == 2  # nothing half-saved
    dlg.select_opd("Dinas Kesehatan")
    dlg.j_jam.setText("09.00")
    dlg.apply_jadwal()
    dlg.nama.setText("Monev PPID Pelaksana 2026 — tahap I")
    assert disimpan(dlg), dlg.feedback.text()
    rows = {o.nama: j for j, o in svc.monev.daftar_jadwal(prog.id)}
    assert set(rows) == {"Dinas Kesehatan", "Bappeda"}
    assert (rows["Dinas Kesehatan"].tanggal, rows["Dinas Kesehatan"].jam) == (date(2026, 5, 4), "09.00")
    assert rows["Bappeda"].tempat == "Ruang rapat Bappeda"
    assert [t.peran for t, _ in svc.monev.daftar_tim(prog.id)] == ["Ketua", "Anggota"]
    p = svc.monev.ambil_program(prog.id)
    assert p.nama.endswith("tahap I") and p.status == "selesai"
    # a started OPD cannot be removed
    svc.monev.mulai_sesi(a, rows["Dinas Kesehatan"].id)
    dlg2 = ProgramDialog(ctx, prog.id)
    qtbot.addWidget(dlg2)
    dlg2.select_opd("Dinas Kesehatan")
    dlg2.remove_opd()
    assert "sesi sudah dimulai" in dlg2.feedback.text() and dlg2.jadwal_model.rowCount() == 2


def _finalised(svc, a, prog):  # type: ignore[no-untyped-def]
    jad = svc.monev.daftar_jadwal(prog.id)[0][0]
    sesi = svc.monev.mulai_sesi(a, jad.id)
    svc.monev.tambah_responden(a, sesi.id, "Budi", "Sekretaris")
    for q in svc.monev.muat_sesi(sesi.id).defn.pertanyaan():
        if q.jenis == "ya_tidak":
            svc.monev.jawab(a, sesi.id, q.kode, "ya")
    svc.monev.finalisasi(a, sesi.id, paksa=True)
    svc.monev.jawab_verifikasi_final(a, sesi.id, "W.1.1", "tidak")
    return sesi


def test_sanggah_entry_makes_revision_and_shows_on_dashboard(qtbot, ctx, setup) -> None:  # type: ignore[no-untyped-def]
    svc, a, _, _, prog = setup
    sesi = _finalised(svc, a, prog)
    w = SesiWidget(ctx, sesi.id)
    qtbot.addWidget(w)
    w.show()
    w.select_question("W.1.1")
    w.tabs.setCurrentIndex(2)
    assert w.ajukan_sanggah() is False and "Alasan sanggah wajib" in w.sg_feedback.text()
    w.sg_oleh.setText("PPID Dinkes")
    w.sg_alasan.setPlainText("Halaman PPID ada di menu Profil")
    w.sg_usulan.setText("ya")
    assert w.ajukan_sanggah()
    assert w.sanggah_model.rowCount() == 1 and w.tabs.tabText(2) == "Sanggah (1)"
    assert w.sanggah_model.data(w.sanggah_model.index(0, 4)) == "Ya"
    assert w.sanggah_model.data(w.sanggah_model.index(0, 5)) == ""  # no value decided yet
    assert w.sanggah_model.data(w.sanggah_model.index(0, 6)) == "Menunggu"
    # dashboard drill-down lists the pending sanggah and opens the session at its question
    page = MonevPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    tab = page.program
    assert tab.sanggah_model.rowCount() == 1 and "1 menunggu" in tab.tabs.tabText(tab.tabs.indexOf(tab.sanggah_table))
    d = tab._open_sanggah(tab.sanggah_model.index(0, 0))
    assert d is not None and d.sesi.current_question().kode == "W.1.1" and d.sesi.tabs.currentIndex() == 2
    d.close()
    # answer: accepted, no new value typed -> the proposal; the locked session gets revision 2
    w.sanggah_table.selectRow(0)
    w.sg_keputusan.setCurrentIndex(w.sg_keputusan.findData("diterima"))
    w.sg_jawaban.setPlainText("Tautan terbukti aktif")
    assert w.jawab_sanggah()
    assert w.sesi_id != sesi.id and w.data.sesi.revisi == 2 and w.data.sesi.status == "final"
    assert "revisi 2" in w.title.text()
    assert w.data.jawaban["W.1.1"].nilai_verifikasi == "ya"
    assert svc.monev.muat_sesi(sesi.id).jawaban["W.1.1"].nilai_verifikasi == "tidak"  # history unchanged
    assert w.sanggah_model.data(w.sanggah_model.index(0, 6)) == "Diterima"
    page.refresh()
    assert "menunggu" not in tab.tabs.tabText(tab.tabs.indexOf(tab.sanggah_table))


def test_rekomendasi_and_tindak_lanjut_entry(qtbot, ctx, setup, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    svc, a, opd, _, prog = setup
    page = MonevPage(ctx)
    qtbot.addWidget(page)
    page.tabs.setCurrentWidget(page.tl)
    tab = page.tl
    tab.f_program.setCurrentIndex(tab.f_program.findData(prog.id))
    rd = tab.new_rekomendasi()
    assert not disimpan(rd) and "Uraian rekomendasi wajib" in rd.feedback.text()
    rd.opd.setCurrentIndex(rd.opd.findData(opd[1]))
    rd.uraian.setPlainText("Tetapkan SOP pelayanan informasi")
    assert disimpan(rd)
    assert tab.rek_model.rowCount() == 1 and tab.rek_model.row_at(0).opd == "Dinas Pendidikan"
    tab.rek_table.selectRow(0)
    td = tab.new_tl()
    bad = tmp_path / "kosong.pdf"
    bad.write_bytes(b"")
    td.uraian.setText("Rapat penyusunan SOP")
    td.pic.setText("Sekretaris Disdik")
    td.tenggat.setDate(QDate.currentDate().addDays(-2))
    td.bukti.setText(str(bad))
    assert not disimpan(td) and td.isVisible()
    with svc.store.read() as s:
        from ppid_desktop.monev import tindak_lanjut as TL

        assert TL.daftar_tindak_lanjut(s, hari_ini=date.today()) == []  # refused evidence: nothing saved
    td.bukti.clear()
    assert disimpan(td)
    assert tab.model.rowCount() == 1 and tab.model.row_at(0).terlambat
    assert tab.model.data(tab.model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert "(terlambat)" in tab.model.data(tab.model.index(0, 5))
    tab.only_late.setChecked(True)
    assert tab.model.rowCount() == 1
    tab.table.selectRow(0)
    ed = tab.edit_tl()
    assert isinstance(ed, TindakLanjutDialog) and ed.uraian.text() == "Rapat penyusunan SOP"
    ed.tenggat.setDate(QDate.currentDate().addDays(10))
    ev = tmp_path / "sop.pdf"
    ev.write_bytes(b"%PDF-1.4 sop")
    ed.bukti.setText(str(ev))
    assert disimpan(ed)
    assert tab.model.rowCount() == 0  # no longer late
    tab.only_late.setChecked(False)
    row = tab.model.row_at(0)
    assert row.bukti_nama == "sop.pdf" and row.tenggat == date.today() + timedelta(days=10)
    assert tab.model.data(tab.model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None
    tab.table.selectRow(0)
    tab.close_tl()
    assert tab.model.row_at(0).status == "selesai"
    tab.f_status.setCurrentIndex(tab.f_status.findData("belum"))
    assert tab.model.rowCount() == 0
    tab.f_status.setCurrentIndex(0)
    tab.f_opd.setCurrentIndex(tab.f_opd.findData(opd[0]))
    assert tab.model.rowCount() == 0 and tab.rek_model.rowCount() == 0


def test_editor_bands_and_stage_weights(qtbot, ctx, setup) -> None:  # type: ignore[no-untyped-def]
    svc, _, _, _, _ = setup
    ed = InstrumenEditor(ctx)
    qtbot.addWidget(ed)
    ed.load_dict(I.muat_templat("kip_2025"))
    ed.side.setCurrentIndex(1)
    bm, tm = ed.band_model, ed.tahap_model
    assert bm.rowCount() == 5 and tm.rowCount() == 2
    n0 = len(svc.monev.daftar_instrumen())
    # a gap between two bands
    i = next(r for r in range(bm.rowCount()) if bm.rows[r]["nama"] == "Informatif")
    assert bm.setData(bm.index(i, 1), "91")
    # stage weights that do not add up
    j = next(r for r in range(tm.rowCount()) if tm.rows[r]["kode"] == "visitasi")
    tm.setData(tm.index(j, 2), "30")
    problems = [str(p) for p in ed.check()]
    assert any("celah" in p.lower() for p in problems) and any("seharusnya 100" in p for p in problems)
    assert not ed.save() and len(svc.monev.daftar_instrumen()) == n0
    bm.setData(bm.index(i, 1), "90")
    tm.setData(tm.index(j, 2), "20")
    assert ed.check() == []
    ed._add_row(bm, {"nama": "Tambahan", "min": 10, "max": 20, "warna": ""})
    assert any("tumpang tindih" in str(p).lower() for p in ed.check())
    ed.band_table.selectRow(bm.rowCount() - 1)
    ed._del_row(ed.band_table, bm)
    tm.setData(tm.index(j, 2), "25")
    tm.setData(tm.index(1 - j, 2), "75")
    assert ed.save()
    saved = svc.monev.definisi(ed.instrumen_id)
    assert {t.kode: t.bobot for t in saved.tahap} == {"saq": 75.0, "visitasi": 25.0}
    tm.setData(tm.index(j, 2), "10")
    ed._publish()  # unsaved edits: refused
    assert svc.monev.ambil_instrumen(ed.instrumen_id).status == "draf"


def _pdf_text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_letter_from_programme_through_agenda_to_numbered_pdf(qtbot, ctx, setup) -> None:  # type: ignore[no-untyped-def]
    svc, a, _, peg, prog = setup
    svc.monev.atur_tim(a, prog.id, [(peg[0], "Ketua"), (peg[1], "Anggota")])
    page = MonevPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    dlg = page.program._documents()
    assert isinstance(dlg, NaskahProgramDialog)
    dlg.kind.setCurrentIndex(dlg.kind.findData("surat_tugas"))
    assert "Belum ada konsep" in dlg.state.text() and dlg.btn_konsep.isEnabled()
    dlg.klasifikasi.setText("000.9")
    row = dlg.buat_konsep()
    assert row is not None and row.sumber == f"monev.program:{prog.id}" and row.jenis == "surat_tugas"
    assert "Konsep" in dlg.state.text() and not dlg.btn_konsep.isEnabled()
    assert SURAT.MENUNGGU in _pdf_text(dlg.pdf_bytes())
    # the secretariat routes it in Naskah & Arsip
    svc.agenda.ajukan(a, row.id)
    signed = svc.agenda.tandatangani(a, row.id, date.today())
    dlg.refresh()
    assert signed.nomor in dlg.state.text()
    text = _pdf_text(dlg.pdf_bytes())
    assert signed.nomor in text and SURAT.MENUNGGU not in text and "Agus Santoso" in text
    # pemberitahuan has its own agenda letter
    dlg.kind.setCurrentIndex(dlg.kind.findData("pemberitahuan"))
    assert "Belum ada konsep" in dlg.state.text()
    assert signed.nomor not in _pdf_text(dlg.pdf_bytes())
    dlg.close()
