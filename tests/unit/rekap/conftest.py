"""Builders for messy office workbooks (made at test time with openpyxl's normal mode)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import func
from sqlmodel import select


def build_xlsx(path: Path, rows: Sequence[Sequence[Any]], *, sheet: str = "Sheet1",
               merges: Sequence[str] = (), text_cells: Sequence[str] = (),
               quote_cells: Sequence[str] = (), extra_sheets: dict[str, Sequence[Sequence[Any]]] | None = None) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate(row, start=1):
            if v is not None:
                ws.cell(row=r, column=c, value=v)
    for m in merges:
        ws.merge_cells(m)
    for ref in text_cells:
        ws[ref].number_format = "@"
    for ref in quote_cells:
        ws[ref].quotePrefix = True
    for name, data in (extra_sheets or {}).items():
        w2 = wb.create_sheet(name)
        for row in data:
            w2.append(list(row))
    wb.save(path)
    return path


@pytest.fixture
def xlsx(tmp_path: Path) -> Callable[..., Path]:
    counter = iter(range(1000))

    def make(rows: Sequence[Sequence[Any]], **kw: Any) -> Path:
        return build_xlsx(tmp_path / f"f{next(counter)}.xlsx", rows, **kw)

    return make


def count(services: Any, model: Any) -> int:
    with services.store.read() as s:
        return int(s.exec(select(func.count()).select_from(model)).one())
