from __future__ import annotations

import zipfile
from pathlib import Path

from ppid_desktop.master.masukan import IsianOpd
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.sinkron import SinkronPage


def test_backup_from_the_page_with_and_without_keys(qtbot, ctx: AppContext, tmp_path: Path, messages) -> None:  # type: ignore[no-untyped-def]
    ctx.services.master.simpan_opd(ctx.actor, IsianOpd.dari({"kode": "DINKES", "nama": "Dinas Kesehatan"}))
    page = SinkronPage(ctx)
    qtbot.addWidget(page)
    page.backup(tmp_path / "a.ppidbak")
    page.with_keys.setChecked(False)
    page.backup(tmp_path / "b.ppidbak")
    with zipfile.ZipFile(tmp_path / "a.ppidbak") as za, zipfile.ZipFile(tmp_path / "b.ppidbak") as zb:
        assert any(n.startswith("kunci/") for n in za.namelist())
        assert not any(n.startswith("kunci/") for n in zb.namelist())
        assert "ppid.sqlite" in zb.namelist()
    assert [m[0] for m in messages] == ["info", "info"]
    assert "Cadangan dibuat" in messages[0][2]
