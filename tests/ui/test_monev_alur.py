"""Monev UI: the SOP tracker (start, act, decide with a note, disposisi), the compliance view, the
self-assessment workbook export/import, the SOP list with print and editor — real windows, offscreen."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from pypdf import PdfReader

from ppid_desktop.master.masukan import IsianOpd, IsianPegawai
from ppid_desktop.ui.monev.alur import AksiDialog, AlurTab, SopTab
from ppid_desktop.ui.monev.page import MonevPage
from tests.ui.formulir import disimpan


def _program(ctx, kode_sop: str = "BPN-MONEV-PI"):  # type: ignore[no-untyped-def]
    svc, a = ctx.services, ctx.actor
    opd = [svc.master.simpan_opd(a, IsianOpd.dari({"kode": k, "nama": n})).id for k, n in
           (("DINKES", "Dinas Kesehatan"), ("DISDIK", "Dinas Pendidikan"))]
    inst = svc.monev.impor_templat(a, "kip_2025")
    return svc.monev.buat_program(a, "Monev KIP", inst.id, opd)


def test_tracker_runs_an_sop_with_decisions_and_disposisi(qtbot, ctx, messages) -> None:  # type: ignore[no-untyped-def]
    prog = _program(ctx)
    w = AlurTab(ctx)
    qtbot.addWidget(w)
    w.resize(1300, 700)
    w.refresh()
    assert w.program.currentData() == prog.id
    w.sop.setCurrentIndex(w.sop.findData("BPN-MONEV-PI"))
    w.mulai()
    assert w.langkah.rowCount() == 13 and not w.btn_mulai.isEnabled()
    assert w.btn_dispo.isEnabled() and not w.btn_putus.isEnabled()
    dlg = w.aksi("disposisi")
    assert isinstance(dlg, AksiDialog)
    assert not disimpan(dlg) and dlg.feedback.isVisible()  # kepada/instruksi empty: refused
    dlg.kepada.setText("Bidang Pelayanan Informasi dan Dokumentasi")
    dlg.instruksi.setPlainText("Laksanakan monev")
    assert disimpan(dlg)
    w.tampilkan()
    assert w.view.alur.langkah == 2
    m = ctx.services.monev
    for _ in range(6):  # steps 2..7
        k = m.lihat_alur(w.view.alur.id).sekarang
        if k.disposisi:
            m.disposisi(ctx.actor, w.view.alur.id, "Petugas", "Susun draf")
        else:
            m.selesaikan_langkah(ctx.actor, w.view.alur.id)
    w.tampilkan()
    assert w.unit_model.rowCount() == 3  # the programme run + one per unit
    w.unit_table.selectRow(1)
    unit = w.current_run()
    assert unit.opd_id is not None and w.view.sekarang.no == 8
    for _ in range(3):
        m.selesaikan_langkah(ctx.actor, unit.id)
    w._show_run()
    assert w.btn_putus.isEnabled() and not w.btn_selesai.isEnabled()
    dlg = w.aksi("keputusan")
    dlg.pilihan.setCurrentIndex(dlg.pilihan.findData("Tidak disetujui"))
    assert not disimpan(dlg) and "catatan" in dlg.feedback.text().lower()
    dlg.catatan.setPlainText("Lengkapi foto")
    assert disimpan(dlg)
    assert m.lihat_alur(unit.id).alur.langkah == 10
    assert "Kepatuhan" in w.kepatuhan.text()


def test_workbook_export_import_from_the_tab(qtbot, ctx, messages, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    prog = _program(ctx)
    w = AlurTab(ctx)
    qtbot.addWidget(w)
    w.refresh()
    f = tmp_path / "lk.xlsx"
    w.ekspor_lembar_kerja(str(f), "DINKES")
    wb = openpyxl.load_workbook(f)
    ws = wb["Jawaban"]
    defn = ctx.services.monev.definisi(ctx.services.monev.ambil_program(prog.id).instrumen_id)
    ya = [q.kode for q in defn.pertanyaan() if q.jenis == "ya_tidak"]
    for r in range(6, ws.max_row + 1):
        if ws.cell(r, 1).value in ya:
            ws.cell(r, 7).value = "Ya"
    wb.save(f)
    w.impor_jawaban(str(f))
    assert any("baru" in t.lower() for _k, _title, t in messages), messages
    jad = next(j for j, o in ctx.services.monev.daftar_jadwal(prog.id) if o.kode == "DINKES")
    sesi = ctx.services.monev.sesi_jadwal(jad.id)
    assert sesi is not None and len(ctx.services.monev.muat_sesi(sesi.id).jawaban) == len(ya)


def test_sop_list_print_and_edit(qtbot, ctx, messages, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = SopTab(ctx)
    qtbot.addWidget(w)
    w.refresh()
    assert w.model.rowCount() == 5
    f = tmp_path / "sop.pdf"
    w.cetak(str(f))
    assert len(PdfReader(str(f)).pages) >= 2
    dlg = w.ubah()
    dlg.w["nomor"].setText("000.8.3.3/999")
    idx = dlg.model.index(0, 3)
    dlg.model.setData(idx, "45 menit")
    assert disimpan(dlg)
    kode = w.current()
    assert ctx.services.monev.sop(kode)["nomor"] == "000.8.3.3/999"
    assert ctx.services.monev.sop(kode)["kegiatan"][0]["waktu"] == "45 menit"
    dlg = w.ubah()
    dlg.model.setData(dlg.model.index(0, 1), "Bukan pelaksana")
    assert not disimpan(dlg) and dlg.feedback.isVisible()


def test_monev_page_fits_and_has_the_tabs(qtbot, ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _program(ctx)
    page = MonevPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366 - 220, 768 - 40)
    page.show()
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert "Alur SOP dan kepatuhan" in titles and "SOP" in titles
    page.tabs.setCurrentWidget(page.alur)
    page.tabs.setCurrentWidget(page.sop)
    assert page.sop.model.rowCount() == 5


def test_naskah_dialog_drafts_sk_tim_in_the_agenda(qtbot, ctx, messages) -> None:  # type: ignore[no-untyped-def]
    from ppid_desktop.monev import naskah_agenda as NA
    from ppid_desktop.ui.monev.program import NaskahProgramDialog

    prog = _program(ctx)
    ctx.services.master.simpan_pegawai(ctx.actor, IsianPegawai.dari({"nama": "Agus Santoso", "nip": "198003152005011002",
                                                 "jabatan": "Kepala Dinas", "boleh_ttd": "surat_keluar"}))
    ctx.services.monev.atur_tim(ctx.actor, prog.id, [(ctx.services.master.daftar_pegawai()[0].id, "Ketua")])
    dlg = NaskahProgramDialog(ctx, prog.id)
    qtbot.addWidget(dlg)
    dlg.kind.setCurrentIndex(dlg.kind.findData("sk-tim"))
    assert dlg.buat_konsep() is not None
    row = NA.surat(ctx.services, "sk-tim", prog.id)
    assert row is not None and row.status == "konsep" and "Tim Monitoring" in row.hal
    assert not dlg.btn_konsep.isEnabled()
    pdf = dlg.pdf_bytes()
    assert pdf is not None and pdf.startswith(b"%PDF")


def test_only_perangkat_daerah_in_the_request_opd_chooser(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from ppid_desktop.ui.layanan.page import PermohonanForm

    a = ctx.actor
    ctx.services.master.simpan_opd(a, IsianOpd.dari({"kode": "DINKES", "nama": "Dinas Kesehatan"}))
    ctx.services.master.simpan_opd(a, IsianOpd.dari({"kode": "BID-IKP", "nama": "Bidang IKP", "jenis_unit": "bidang"}))
    ctx.services.master.simpan_opd(a, IsianOpd.dari({"kode": "KAB-X", "nama": "Kabupaten X", "jenis_unit": "kabupaten_kota"}))
    form = PermohonanForm(ctx)
    qtbot.addWidget(form)
    combo = form.w["opd_id"]
    names = [combo.itemText(i) for i in range(combo.count())]
    assert "Dinas Kesehatan" in names and "Bidang IKP" not in names and "Kabupaten X" not in names


def test_tracker_shows_the_agenda_state_of_a_step_document(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from ppid_desktop.monev import naskah_agenda as NA

    prog = _program(ctx)
    ctx.services.master.simpan_pegawai(ctx.actor, IsianPegawai.dari({"nama": "Agus Santoso", "nip": "198003152005011002",
                                                 "jabatan": "Kepala Dinas", "boleh_ttd": "surat_keluar"}))
    ctx.services.monev.atur_tim(ctx.actor, prog.id, [(ctx.services.master.daftar_pegawai()[0].id, "Ketua")])
    NA.siapkan(ctx.services, ctx.actor, "sk-tim", prog.id)
    ctx.services.monev.mulai_alur(ctx.actor, "BPN-MONEV-PI", program_id=prog.id)
    w = AlurTab(ctx)
    qtbot.addWidget(w)
    w.refresh()
    w.table.selectRow(2)  # step 3 produces the SK Tim Monev
    assert "SK Tim Monev</a> — Konsep" in w.detail.text() and "Belum ada:</b> Proposal/KAK monev" in w.detail.text()
