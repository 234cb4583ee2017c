"""The SOP tab's "Impor Excel…": a checked file is imported (the list shows the new SOP), a bad one is
refused with its sheet and row, nothing saved — real window, offscreen."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from ppid_desktop.ui.monev.alur import SopTab


def test_sop_import_from_the_tab(qtbot, ctx, messages, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = SopTab(ctx)
    qtbot.addWidget(w)
    w.refresh()
    assert w.btn_impor.isEnabled() and w.model.rowCount() == 5
    f = tmp_path / "sop.xlsx"
    w.ekspor(str(f))  # the tab's own export
    assert any("SOP disimpan" in t for _k, _title, t in messages)
    wb = openpyxl.load_workbook(f)
    ws = wb["Kalbar - Laporan Online"]
    kode = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "Kode SOP")
    ws.cell(kode, 3).value = "KANTOR-01"
    wb.save(f)
    seen: list[object] = []
    w.impor(str(f), dry_run=True, lanjut=seen.append)
    assert len(seen) == 1 and w.model.rowCount() == 5  # checked, not saved yet
    w.impor(str(f))
    assert w.model.rowCount() == 6 and any("1 baru" in t for _k, _title, t in messages), messages
    head = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "No")
    ws.cell(head + 2, 1).value = "satu"
    ws.cell(kode, 3).value = "KANTOR-02"
    wb.save(f)
    w.impor(str(f))
    assert w.model.rowCount() == 6
    assert any("Kalbar - Laporan Online" in t and f"baris {head + 2}" in t for _k, _title, t in messages), messages
