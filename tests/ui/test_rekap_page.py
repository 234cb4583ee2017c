"""Rekap Excel page: dry run, problems model, apply only when clean, mapping, export, template."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook, load_workbook

from ppid_desktop.master.masukan import IsianOpd
from ppid_desktop.ui.rekap.page import ProblemModel, RekapPage


def _xlsx(path: Path, rows: list[list]) -> Path:
    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    wb.save(path)
    return path


def _page(qtbot, ctx) -> RekapPage:  # type: ignore[no-untyped-def]
    page = RekapPage(ctx)
    qtbot.addWidget(page)
    page.jenis.setCurrentIndex(page.jenis.findData("opd"))
    return page


def test_dry_run_then_apply(qtbot, ctx, tmp_path: Path, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, ctx)
    bad = _xlsx(tmp_path / "bad.xlsx", [["Kode OPD", "Nama Perangkat Daerah"], ["A", "Satu"], ["A", "Dua"]])
    page.berkas.setText(str(bad))
    page.periksa()
    assert not page.btn_terapkan.isEnabled()
    assert page.model.rowCount() == 1 and page.model.rows[0].row == 3
    qtmodeltester.check(page.model)
    good = _xlsx(tmp_path / "good.xlsx", [["Kode OPD", "Nama Perangkat Daerah"], ["A", "Satu"], ["B", "Dua"]])
    page.berkas.setText(str(good))
    page.periksa()
    assert page.btn_terapkan.isEnabled()
    assert ctx.services.master.daftar_opd() == []
    page.terapkan()
    assert {o.kode for o in ctx.services.master.daftar_opd()} == {"A", "B"}
    assert not page.btn_terapkan.isEnabled()


def test_mapping_dialog_remembers(qtbot, ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, ctx)
    f = _xlsx(tmp_path / "aneh.xlsx", [["Singkatan unit", "Uraian unit"], ["DK", "Dinas K"]])
    page.berkas.setText(str(f))
    page.periksa()
    assert page.btn_peta.isEnabled()
    dlg = page.mapping_dialog()
    dlg.combos["kode"].setCurrentIndex(dlg.combos["kode"].findData("A"))
    dlg.combos["nama"].setCurrentIndex(dlg.combos["nama"].findData("B"))
    page.terima_pemetaan(dlg)
    assert page.hasil is not None and page.hasil.bersih and page.hasil.baru == 1
    page.pemetaan = None
    page.periksa()  # remembered by header signature
    assert page.hasil.bersih and page.hasil.baru == 1


def test_export_and_template(qtbot, ctx, tmp_path: Path, messages) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, ctx)
    page.templat_ke(tmp_path / "t.xlsx")
    assert "Petunjuk" in load_workbook(tmp_path / "t.xlsx").sheetnames
    page.ekspor_jenis.setCurrentIndex(page.ekspor_jenis.findData("kalender"))
    page.ekspor_ke(tmp_path / "k.xlsx")
    assert load_workbook(tmp_path / "k.xlsx")["Kalender"].max_row > 5
    page.smoke()


def test_problem_model_empty(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(ProblemModel())


def test_every_kind_is_offered_and_programme_export(qtbot, ctx, tmp_path: Path, messages) -> None:  # type: ignore[no-untyped-def]
    rekap = ctx.services.rekap
    page = _page(qtbot, ctx)
    assert [page.jenis.itemData(i) for i in range(page.jenis.count())] == list(rekap.jenis_impor())
    assert [page.ekspor_jenis.itemData(i) for i in range(page.ekspor_jenis.count())] == list(rekap.jenis_ekspor())
    assert set(rekap.jenis_impor()) == {"opd", "pegawai", "permohonan", "keberatan", "instrumen", "kalender", "jawaban"}
    assert set(rekap.jenis_ekspor()) == {"register-permohonan", "register-keberatan", "laporan-layanan", "rekap-monev",
                                         "tindak-lanjut", "opd", "pegawai", "instrumen", "kalender", "agenda-surat",
                                         "sop"}
    for i in range(page.jenis.count()):  # a template for every import kind
        page.jenis.setCurrentIndex(i)
        page.templat_ke(tmp_path / f"t{i}.xlsx")
        assert "Petunjuk" in load_workbook(tmp_path / f"t{i}.xlsx").sheetnames
    svc, actor = ctx.services, ctx.actor
    opd = svc.master.simpan_opd(actor, IsianOpd.dari({"kode": "DK", "nama": "Dinas K"}))
    inst = svc.monev.impor_templat(actor, "ppid_checklist")
    prog = svc.monev.buat_program(actor, "Monev uji", inst.id, [opd.id], periode="2026")
    page.refresh()
    page.ekspor_jenis.setCurrentIndex(page.ekspor_jenis.findData("rekap-monev"))
    assert page.program.isEnabled() and page.ekspor_info.text()
    page.program.setCurrentIndex(page.program.findData(prog.id))
    page.ekspor_ke(tmp_path / "rekap.xlsx")
    assert load_workbook(tmp_path / "rekap.xlsx").sheetnames[0] == "Ringkasan"
    page.ekspor_jenis.setCurrentIndex(page.ekspor_jenis.findData("sop"))
    assert not page.program.isEnabled()
    page.ekspor_ke(tmp_path / "sop.xlsx")
    assert len(load_workbook(tmp_path / "sop.xlsx").sheetnames) == 5


def test_template_is_written_off_the_gui_thread(qtbot, ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    titles: list[str] = []
    run = ctx.tasks.run

    def recording(fn, **kw):  # type: ignore[no-untyped-def]
        titles.append(kw["title"])
        return run(fn, **kw)

    ctx.tasks.run = recording
    page = _page(qtbot, ctx)
    page.templat_ke(tmp_path / "t.xlsx")
    assert titles == ["Membuat templat…"]
    assert "Petunjuk" in load_workbook(tmp_path / "t.xlsx").sheetnames
