"""Agenda surat keluar and SOP AP exports, re-opened with openpyxl."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook

from ppid_desktop.master.masukan import IsianPegawai
from ppid_desktop.naskah.masukan import IsianKonsep
from ppid_desktop.rekap.kinds.sop import TANDA, daftar_sop, sop_dir
from ppid_desktop.services import Services


def _header_row(ws, first: str) -> int:  # type: ignore[no-untyped-def]
    return next(r[0].row for r in ws.iter_rows() if r[0].value == first)


def _surat(profil: Services, admin) -> None:  # type: ignore[no-untyped-def]
    peg = profil.master.simpan_pegawai(admin, IsianPegawai.dari({"nama": "Drs. Agus", "nip": "196804111993031009", "jabatan": "Kepala",
                                             "boleh_ttd": "surat_keluar"}))
    ag = profil.agenda
    a = ag.buat_konsep(admin, IsianKonsep.dari({"jenis": "surat_keluar", "hal": "=Undangan monev", "kepada": "Kepala OPD",
                               "penandatangan_id": peg.id}))
    ag.ajukan(admin, a.id)
    ag.tandatangani(admin, a.id, date(2026, 3, 5))
    ag.kirim(admin, a.id, date(2026, 3, 6), "Srikandi")
    b = ag.buat_konsep(admin, IsianKonsep.dari({"jenis": "nota_dinas", "hal": "Laporan", "penandatangan_id": peg.id}))
    ag.ajukan(admin, b.id)
    ag.tandatangani(admin, b.id, date(2026, 4, 1))
    ag.buat_konsep(admin, IsianKonsep.dari({"jenis": "surat_keluar", "hal": "Konsep", "penandatangan_id": peg.id}))


def test_agenda_surat_export_types_and_period(profil: Services, admin, tmp_path: Path) -> None:
    _surat(profil, admin)
    path = tmp_path / "agenda.xlsx"
    assert profil.rekap.ekspor(admin, "agenda-surat", path) == 3
    ws = load_workbook(path)["Agenda Surat Keluar"]
    h = _header_row(ws, "No.")
    rows = list(ws.iter_rows(min_row=h + 1))
    assert [r[0].value for r in rows] == [1, 2, 3]
    first = rows[0]
    assert isinstance(first[2].value, datetime) and first[2].number_format == "dd/mm/yyyy"
    assert first[4].value == "=Undangan monev" and first[4].data_type == "s"
    assert first[9].is_date and first[10].value == "Srikandi"
    assert rows[2][1].value is None and rows[2][2].value is None  # the draft: no number, no date, last
    assert ws.freeze_panes == f"A{h + 1}" and ws.auto_filter.ref == f"A{h}:L{h + 3}"
    path2 = tmp_path / "agenda-maret.xlsx"
    assert profil.rekap.ekspor(admin, "agenda-surat", path2, dari=date(2026, 3, 1), sampai=date(2026, 3, 31)) == 1
    ws2 = load_workbook(path2)["Agenda Surat Keluar"]
    assert "Maret 2026" in str(ws2.cell(row=_header_row(ws2, "No.") - 2, column=1).value)


def test_sop_data_files_are_complete() -> None:
    sops = daftar_sop()
    assert len(sops) == 5 and {p.stem for p in sop_dir().glob("*.json")} == {s["slug"] for s in sops}
    for s in sops:
        for key in ("instansi", "nomor", "nama", "dasar_hukum", "kualifikasi", "keterkaitan", "peralatan", "peringatan",
                    "pencatatan", "pelaksana", "kegiatan"):
            assert key in s, (s["slug"], key)
        assert s["dasar_hukum"] and s["pelaksana"] and s["kegiatan"]
        assert [r["no"] for r in s["kegiatan"]] == list(range(1, len(s["kegiatan"]) + 1))
        assert all(r["pelaksana"] in ("", *s["pelaksana"]) for r in s["kegiatan"])
        assert all(set(r) >= {"kegiatan", "kelengkapan", "waktu", "output", "keterangan"} for r in s["kegiatan"])
    kalsel = next(s for s in sops if s["slug"].startswith("kalsel"))
    assert len(kalsel["kegiatan"]) == 24 and len(kalsel["pelaksana"]) == 7


def test_sop_export_layout(services: Services, admin, tmp_path: Path) -> None:
    path = tmp_path / "sop.xlsx"
    n = services.rekap.ekspor(admin, "sop", path)
    sops = daftar_sop()
    assert n == sum(len(s["kegiatan"]) for s in sops)
    wb = load_workbook(path)
    assert len(wb.sheetnames) == 5
    ws = wb["Balikpapan - Monev PIP"]
    assert ws["A1"].value == "PEMERINTAH KOTA BALIKPAPAN"
    ident = {r[1].value: r[2].value for r in ws.iter_rows(max_row=40) if r[1].value}
    assert ident["Nomor SOP"] == "490 / 377 / M / DISKOMINFO"
    assert ident["Dasar Hukum"].startswith("1. Peraturan Wali Kota Balikpapan")
    h = _header_row(ws, "No")
    assert [c.value for c in ws[h]][:3] == ["No", "Kegiatan", "Pelaksana"]
    sop = json.loads((sop_dir() / "balikpapan-monev-pelayanan-informasi.json").read_text(encoding="utf-8"))
    pel = sop["pelaksana"]
    assert [c.value for c in ws[h + 1]][2:2 + len(pel) + 3] == [*pel, "Kelengkapan", "Waktu", "Output"]
    assert ws.print_title_rows == f"${h}:${h + 1}" and ws.freeze_panes == f"A{h + 2}"
    assert ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage
    rows = list(ws.iter_rows(min_row=h + 2, values_only=True))
    assert len(rows) == len(sop["kegiatan"]) and rows[0][0] == 1 and isinstance(rows[0][0], int)
    for row, keg in zip(rows, sop["kegiatan"], strict=True):
        marks = [pel[i] for i, v in enumerate(row[2:2 + len(pel)]) if v == TANDA]
        assert marks == ([keg["pelaksana"]] if keg["pelaksana"] else [])
        assert row[1] == keg["kegiatan"] and row[2 + len(pel) + 1] == keg["waktu"]
    assert ws.cell(row=h + 2, column=2).alignment.wrap_text
