"""Upgrading a database from before the agenda path: numbers layanan took on first print become signed
agenda letters, frozen on their first print."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
from pathlib import Path

from pypdf import PdfReader

from ppid_desktop.core import paths
from ppid_desktop.services import Services
from tests.conftest import TEST_DEVICE


def test_numbers_printed_before_the_agenda_are_in_the_agenda(tmp_path: Path) -> None:
    db = tmp_path / "lama.sqlite"
    shutil.copyfile(paths.migrations_dir() / "fixtures" / "v0006.sqlite", db)
    with sqlite3.connect(db) as c:
        pid, nomor = c.execute("SELECT id, nomor FROM permohonan WHERE keputusan = 'dikabulkan_seluruhnya' "
                               "ORDER BY nomor LIMIT 1").fetchone()
        c.execute("UPDATE permohonan SET nomor_surat = ? WHERE id = ?",
                  (json.dumps({"pemberitahuan": "000.9/77/DISKOMINFO/2024"}), pid))
    svc = Services.open(db, TEST_DEVICE)
    try:
        rows = [r for r in svc.agenda.daftar() if r.sumber == f"layanan.permohonan:{pid}:pemberitahuan"]
        assert len(rows) == 1 and rows[0].nomor == "000.9/77/DISKOMINFO/2024" and rows[0].status == "ditandatangani"
        assert rows[0].penandatangan == "Heru Suryani, S.E." and rows[0].pdf_sha256 is None
        first = svc.agenda.cetak(rows[0].id)
        assert svc.agenda.cetak(rows[0].id) == first
        assert "000.9/77/DISKOMINFO/2024" in " ".join(PdfReader(io.BytesIO(first)).pages[0].extract_text().split())
        assert svc.agenda.ambil(rows[0].id).pdf_sha256 is not None
        assert nomor in " ".join(PdfReader(io.BytesIO(first)).pages[0].extract_text().split())
    finally:
        svc.close()
