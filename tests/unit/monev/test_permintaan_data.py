"""Surat permintaan data / evaluasi mandiri (seed 002 steps 1–4) as a ``monev cetak`` kind through the
agenda: one letter per target unit (batch, one number) asking its head to fill the self-assessment
workbook with evidence and send it back by the deadline, then a tanda terima per addressee; draft
numberless, numbered and frozen at signature; A4 and F4; the SOP step tracker links it."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from ppid_desktop import cli
from ppid_desktop.akun import roles as R
from ppid_desktop.master.masukan import IsianProfil
from ppid_desktop.monev import naskah_agenda as NA
from ppid_desktop.monev.cetak import JENIS_CETAK, cetak
from ppid_desktop.monev.dokumen_program import batas_permintaan
from ppid_desktop.naskah.masukan import IsianKonsep
from tests.conftest import cli_admin, make_actor


def _halaman(pdf: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages]


def test_kind_is_added_after_the_documented_ones() -> None:
    assert JENIS_CETAK[:10] == ("sk-tim", "surat-pemberitahuan", "surat-tugas", "undangan", "berita-acara",
                                "laporan-unit", "laporan-program", "laporan-solusi", "ba-evaluasi-mandiri", "proposal")
    assert "surat-permintaan-data" in JENIS_CETAK and NA.JENIS_AGENDA["surat-permintaan-data"] == "surat_keluar"


def test_deadline_from_the_draft_text_or_two_weeks() -> None:
    assert batas_permintaan("", date(2026, 3, 2)) == date(2026, 3, 16)
    assert batas_permintaan("Mohon segera.\nBatas: 20-03-2026", date(2026, 3, 2)) == date(2026, 3, 20)
    assert batas_permintaan("batas: 2026-03-21", date(2026, 3, 2)) == date(2026, 3, 21)
    assert batas_permintaan("Batas: 31-02-2026", date(2026, 3, 2)) == date(2026, 3, 16)  # impossible date: default


def test_permintaan_data_through_the_agenda(env: Any, tmp_path: Path) -> None:
    svc, m = env.services, env.monev
    _inst, prog = env.program("kip_2025", n_opd=3)
    units = [o.nama for _j, o in m.daftar_jadwal(prog.id)]
    sek = make_actor(R.SEKRETARIAT, R.MONEV, username="sekretariat")
    # before any draft: the plain letter prints, one per unit plus the receipt
    assert len(_halaman(cetak(svc, "surat-permintaan-data", prog.id))) >= 4
    draft = NA.siapkan(svc, sek, "surat-permintaan-data", prog.id, penandatangan_id=env.pegawai_ids[0])
    assert draft.jenis == "surat_keluar" and "Permintaan Data" in draft.hal
    assert NA.dokumen_langkah(svc, prog.id, ["surat-permintaan-data"])[0].tautan == f"agenda:{draft.id}"
    pages = _halaman(cetak(svc, "surat-permintaan-data", prog.id))
    assert "diberikan saat ditandatangani" in pages[0]
    letters = [p for p in pages if "Permintaan Data dan Evaluasi Mandiri" in p and "Yth." in p]
    assert len(letters) == 3
    for nama, page in zip(units, letters, strict=True):  # one letter per unit, addressed to its head
        assert f"Kepala {nama}" in page and "lembar kerja evaluasi mandiri" in page and "paling lambat" in page
        assert "Agus Santoso" in page and "198003152005011002"[:8] in page.replace(" ", "")
    assert "TANDA TERIMA" in pages[-1] and all(f"Kepala {n}" in pages[-1] for n in units)
    # the office sets the deadline in the draft text; signature numbers and freezes it
    svc.agenda.ubah_konsep(sek, draft.id, IsianKonsep.dari({"jenis": "surat_keluar", "hal": draft.hal, "penandatangan_id": env.pegawai_ids[0],
                                           "ringkasan": "Batas: 20-03-2026"}))
    assert "20 Maret 2026" in " ".join(_halaman(cetak(svc, "surat-permintaan-data", prog.id)))
    svc.agenda.ajukan(sek, draft.id)
    signed = svc.agenda.tandatangani(sek, draft.id, date(2026, 3, 2), hari_ini=date(2026, 3, 2))
    assert signed.nomor and signed.status == "ditandatangani"
    pdf = cetak(svc, "surat-permintaan-data", prog.id)
    pages = _halaman(pdf)
    assert all(signed.nomor in p for p in pages if "Yth." in p) and signed.nomor in pages[-1]
    assert "20 Maret 2026" in pages[0] and pdf == cetak(svc, "surat-permintaan-data", prog.id)
    d = NA.dokumen_langkah(svc, prog.id, ["surat-permintaan-data"])[0]
    assert d.ada is True and signed.nomor in d.keadaan


@pytest.mark.parametrize("kertas,tinggi", [("A4", 297), ("F4", 330)])
def test_cli_prints_it_on_a4_and_f4(env: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str], kertas: str,
                                    tinggi: int) -> None:
    from tests.unit.monev.test_dokumen_program import _admin

    env.services.master.simpan_profil(_admin(), IsianProfil.dari({"kertas": kertas}))
    _inst, prog = env.program("kip_2025", n_opd=2)
    db = str(env.services.store.path)
    cli_admin(Path(db))
    f = tmp_path / "permintaan.pdf"
    args = ["--db", db, "monev", "cetak", "surat-permintaan-data", prog.id[:8], "--unit", "DINKES", "-o", str(f)]
    assert cli.main(args) == 0, capsys.readouterr().err
    r = PdfReader(str(f))
    assert all(round(float(p.mediabox.height) / 72 * 25.4) == tinggi for p in r.pages)
    pages = _halaman(f.read_bytes())
    assert len(pages) == 2 and "Kepala Dinas Kesehatan" in pages[0] and "Dinas Pendidikan" not in " ".join(pages)
