"""Monev UI: file work (evidence photos, follow-up files) goes through ctx.tasks, not the GUI thread."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PIL import Image

from ppid_desktop.master.masukan import IsianOpd
from ppid_desktop.monev.masukan import RekomendasiBaru
from ppid_desktop.ui.monev.page import TindakLanjutDialog
from ppid_desktop.ui.monev.sesi import SesiWidget
from tests.ui.formulir import disimpan


def _spy(ctx: Any) -> list[str]:
    titles: list[str] = []
    run = ctx.tasks.run

    def recording(fn: Any, **kw: Any) -> Any:
        titles.append(kw["title"])
        return run(fn, **kw)

    ctx.tasks.run = recording
    return titles


def test_bukti_foto_disimpan_lewat_tugas_latar(qtbot, ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    svc, a = ctx.services, ctx.actor
    opd = [svc.master.simpan_opd(a, IsianOpd.dari({"kode": "DINKES", "nama": "Dinas Kesehatan"})).id]
    inst = svc.monev.impor_templat(a, "ppid_checklist")
    prog = svc.monev.buat_program(a, "Monev", inst.id, opd)
    sesi = svc.monev.mulai_sesi(a, svc.monev.daftar_jadwal(prog.id)[0][0].id)
    w = SesiWidget(ctx, sesi.id)
    qtbot.addWidget(w)
    w.select_question("S.1.1")
    titles = _spy(ctx)
    img = tmp_path / "foto.jpg"
    Image.new("RGB", (20, 20), (200, 10, 10)).save(img)
    assert w.add_evidence_file(str(img))
    assert titles == ["Menyimpan bukti…"] and w.evidence.count() == 1


def test_tindak_lanjut_disimpan_lewat_tugas_latar(qtbot, ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    svc, a = ctx.services, ctx.actor
    opd = [svc.master.simpan_opd(a, IsianOpd.dari({"kode": "DINKES", "nama": "Dinas Kesehatan"})).id]
    inst = svc.monev.impor_templat(a, "ppid_checklist")
    prog = svc.monev.buat_program(a, "Monev", inst.id, opd)
    rek = svc.monev.tambah_rekomendasi(a, RekomendasiBaru(prog.id, opd[0], "Tetapkan SOP"))
    dlg = TindakLanjutDialog(ctx, rek.id)
    qtbot.addWidget(dlg)
    dlg.uraian.setText("Rapat SOP")
    dlg.pic.setText("Sekretaris")
    dlg.catatan.setPlainText("Notulen terlampir")
    ev = tmp_path / "notulen.pdf"
    ev.write_bytes(b"%PDF-1.4 notulen")
    dlg.bukti.setText(str(ev))
    titles = _spy(ctx)
    assert disimpan(dlg)
    assert titles == ["Menyimpan…"]  # through the one operation wrapper, on the task runner
    _, (row,) = svc.monev.daftar_tindak_lanjut(prog.id)
    assert row.catatan == "Notulen terlampir" and row.bukti_nama == "notulen.pdf"


def test_dasbor_program_dihitung_lewat_tugas_latar(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from ppid_desktop.ui.monev.page import MonevPage

    svc, a = ctx.services, ctx.actor
    opd = [svc.master.simpan_opd(a, IsianOpd.dari({"kode": "DINKES", "nama": "Dinas Kesehatan"})).id]
    inst = svc.monev.impor_templat(a, "ppid_checklist")
    svc.monev.buat_program(a, "Monev", inst.id, opd)
    page = MonevPage(ctx)
    qtbot.addWidget(page)
    titles = _spy(ctx)
    page.refresh()
    assert "Menghitung nilai program…" in titles
    assert page.program.t_opd.value.text() == "1" and page.program.heat.rowCount() == 1
    # a result that arrives for a programme no longer selected is dropped
    page.program._show_dasbor("program-lain", {"opd": 9, "dikunjungi": 9, "difinalkan": 9, "diverifikasi": 9,
                                               "skor": []}, None)
    assert page.program.t_opd.value.text() == "1"


def test_daftar_narasumber_menampilkan_nip_berformat(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    svc, a = ctx.services, ctx.actor
    opd = [svc.master.simpan_opd(a, IsianOpd.dari({"kode": "DINKES", "nama": "Dinas Kesehatan"})).id]
    inst = svc.monev.impor_templat(a, "ppid_checklist")
    prog = svc.monev.buat_program(a, "Monev", inst.id, opd)
    sesi = svc.monev.mulai_sesi(a, svc.monev.daftar_jadwal(prog.id)[0][0].id)
    w = SesiWidget(ctx, sesi.id)
    qtbot.addWidget(w)
    w.r_nama.setText("Budi")
    w.r_jabatan.setText("Sekretaris")
    w.r_nip.setText("198003152005011002")
    w._add_resp()
    assert w.resp_list.item(0).text() == "Budi — Sekretaris (NIP 19800315 200501 1 002)"


def test_waktu_pengambilan_foto_pada_jam_kantor(qtbot, ctx, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import time

    monkeypatch.setenv("TZ", "WIB-7")  # Asia/Jakarta, UTC+7, without tzdata
    time.tzset()
    try:
        svc, a = ctx.services, ctx.actor
        opd = [svc.master.simpan_opd(a, IsianOpd.dari({"kode": "DINKES", "nama": "Dinas Kesehatan"})).id]
        inst = svc.monev.impor_templat(a, "ppid_checklist")
        prog = svc.monev.buat_program(a, "Monev", inst.id, opd)
        sesi = svc.monev.mulai_sesi(a, svc.monev.daftar_jadwal(prog.id)[0][0].id)
        w = SesiWidget(ctx, sesi.id)
        qtbot.addWidget(w)
        w.select_question("S.1.1")
        img = Image.new("RGB", (10, 10))
        exif = img.getexif()
        exif.get_ifd(0x8769)[0x9003] = "2026:03:16 09:15:00"  # no offset: read as WIB
        path = tmp_path / "foto.jpg"
        img.save(path, exif=exif)
        assert w.add_evidence_file(str(path))
        text = w.evidence.item(0).text()
        assert "diambil 16-03-2026 09:15" in text and "UTC" not in text
    finally:
        monkeypatch.undo()
        time.tzset()
