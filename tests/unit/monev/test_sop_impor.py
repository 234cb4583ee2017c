"""Excel import of SOPs: the workbook the SOP export writes (one sheet per SOP: identity block, steps
table with the acting pelaksana marked, mutu baku, decisions, documents, disposisi) imports back.

Round trip into a fresh database gives the same SOP; importing again changes nothing; bad rows are
reported with sheet, Excel row and column and nothing is written (all or nothing across sheets)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from ppid_desktop import cli
from ppid_desktop.akun import roles as R
from ppid_desktop.core.errors import PermissionDenied
from ppid_desktop.monev.models import SopTemplat
from ppid_desktop.rekap.kinds.sop import TANDA, impor_sop, kanonik
from ppid_desktop.services import Services
from tests.conftest import TEST_DEVICE, cli_admin, copy_template, make_actor
from tests.unit.monev.test_lembar_kerja import _tulis_mentah


@pytest.fixture
def segar(tmp_path: Path, template_db: Path) -> Any:
    svc = Services.open(copy_template(template_db, tmp_path / "segar.sqlite"), device=TEST_DEVICE)
    yield svc
    svc.close()


def _ekspor(svc: Services, path: Path) -> Path:
    svc.rekap.ekspor(make_actor(R.ADMIN), "sop", path)
    return path


def _baris(ws: Any, teks: str, kolom: int = 2) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, kolom).value == teks)


def _langkah(ws: Any, no: int) -> int:
    head = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "No" and ws.cell(r, 2).value == "Kegiatan")
    return next(r for r in range(head + 2, ws.max_row + 1) if ws.cell(r, 1).value == no)


def _rows(svc: Services) -> list[tuple[str, int, str]]:
    from sqlmodel import select

    with svc.store.read() as s:
        return sorted((r.kode, r.rev, r.definisi) for r in s.exec(select(SopTemplat)))


def test_round_trip_into_a_fresh_database_gives_the_same_sop(env: Any, segar: Services, tmp_path: Path) -> None:
    m = env.monev
    sop = m.sop("SLG-MONEV-BIDANG")
    sop["kegiatan"][3]["kegiatan"] = "Memeriksa laporan unit; catatan \"khusus\" ✓ — ü"
    sop["kegiatan"][3]["keputusan"] = [{"label": "Lengkap", "ke": 5}, {"label": "Belum lengkap", "ke": 2}]
    sop["kegiatan"][1]["disposisi"] = True
    sop["peringatan"] = ["Satu-satunya peringatan"]  # a one-item list has no number in the sheet
    sop["keterkaitan"] = []
    m.simpan_sop(env.actor, sop)
    f = _ekspor(env.services, tmp_path / "sop.xlsx")
    admin = make_actor(R.ADMIN)
    hasil = impor_sop(segar, admin, f, dry_run=True)
    assert hasil.bersih and not hasil.diterapkan
    assert {i.kunci: i.aksi for i in hasil.items} == {"BPN-MONEV-PI": "lewati", "KALBAR-LAP-SIP": "lewati",
                                                      "KALSEL-MONEV-PP": "lewati", "PTK-MONEV-SPBE": "lewati",
                                                      "SLG-MONEV-BIDANG": "ubah"}
    assert _rows(segar) == []  # the dry run wrote nothing
    hasil = impor_sop(segar, admin, f)
    assert hasil.diterapkan and hasil.ubah == 1
    log = [e for e in segar.akun.audit(admin) if e.entity == "monev_sop" and e.action == "import"]
    assert len(log) == 1 and "sop.xlsx: 0 SOP baru, 1 diperbarui, 4 sama" in log[0].summary
    for kode in ("BPN-MONEV-PI", "KALSEL-MONEV-PP", "PTK-MONEV-SPBE", "KALBAR-LAP-SIP", "SLG-MONEV-BIDANG"):
        assert kanonik(segar.monev.sop(kode)) == kanonik(m.sop(kode)), kode
    got = segar.monev.sop("SLG-MONEV-BIDANG")
    assert got["kegiatan"][3]["keputusan"][1] == {"label": "Belum lengkap", "ke": 2}
    assert got["siklus"] == {"hari": 30, "mulai": 1} and got["per_unit"] == [1, 9]
    assert got["peran"]["Sekretaris"] == R.SEKRETARIAT and got["peringatan"] == ["Satu-satunya peringatan"]
    disimpulkan = [k["no"] for k in got["kegiatan"] if k.get("pelaksana_disimpulkan")]
    assert disimpulkan and disimpulkan == [k["no"] for k in sop["kegiatan"] if k.get("pelaksana_disimpulkan")]
    # importing again changes nothing
    before = _rows(segar)
    again = impor_sop(segar, admin, f)
    assert again.bersih and again.baru == again.ubah == 0 and again.lewati == 5
    assert _rows(segar) == before


def test_a_workbook_resaved_by_another_writer_imports_the_same(env: Any, segar: Services, tmp_path: Path) -> None:
    """Re-written by hand (inline strings, numbers as floats, no styles), as LibreOffice-like writers store
    it: every SOP reads back the same (all skipped), nothing written."""
    f = _ekspor(env.services, tmp_path / "sop.xlsx")
    lain = tmp_path / "lain.xlsx"
    _tulis_mentah(f, lain)
    hasil = impor_sop(segar, make_actor(R.ADMIN), lain)
    assert hasil.bersih and hasil.lewati == 5 and hasil.baru == hasil.ubah == 0, hasil.masalah
    assert _rows(segar) == []


def test_a_new_kode_is_a_new_sop(env: Any, segar: Services, tmp_path: Path) -> None:
    f = _ekspor(env.services, tmp_path / "sop.xlsx")
    wb = openpyxl.load_workbook(f)
    ws = wb["Kalbar - Laporan Online"]
    ws.cell(_baris(ws, "Kode SOP"), 3).value = "KANTOR-LAP-01"
    ws.cell(_baris(ws, "Nama SOP"), 3).value = "Laporan Layanan Kantor"
    for name in wb.sheetnames:
        if name != "Kalbar - Laporan Online":
            del wb[name]
    wb.save(f)
    hasil = impor_sop(segar, make_actor(R.ADMIN), f)
    assert hasil.diterapkan and hasil.baru == 1
    rows = {r["kode"]: r for r in segar.monev.daftar_sop()}
    assert rows["KANTOR-LAP-01"]["jumlah_langkah"] == 3 and rows["KANTOR-LAP-01"]["diubah"]
    assert segar.monev.sop("KANTOR-LAP-01")["nama"] == "Laporan Layanan Kantor"


def test_bad_rows_are_located_and_nothing_is_written(env: Any, segar: Services, tmp_path: Path) -> None:
    f = _ekspor(env.services, tmp_path / "sop.xlsx")
    wb = openpyxl.load_workbook(f)
    ok = wb["Kalbar - Laporan Online"]
    ok.cell(_langkah(ok, 1), 2).value = "Uraian yang diubah (sheet ini sendiri bersih)"
    ws = wb["Balikpapan - Monev PIP"]
    r2, r11, r5 = _langkah(ws, 2), _langkah(ws, 11), _langkah(ws, 5)
    ws.cell(r2, 3).value = TANDA
    ws.cell(r2, 4).value = TANDA  # two pelaksana marked
    head = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "No")
    kep = next(c for c in range(1, ws.max_column + 1) if ws.cell(head, c).value == "Keputusan")
    ws.cell(r11, kep).value = "Disetujui → 12; Tidak disetujui → 99"  # a branch to no step
    ws.cell(r5, 2).value = None  # no activity text
    disp = next(c for c in range(1, ws.max_column + 1) if ws.cell(head, c).value == "Disposisi")
    ws.cell(r5, disp).value = "mungkin"
    wb.save(f)
    hasil = impor_sop(segar, make_actor(R.ADMIN), f)
    assert not hasil.bersih and not hasil.diterapkan
    where = {(p.sheet, p.row, p.column) for p in hasil.galat}
    assert ("Balikpapan - Monev PIP", r2, "C") in where
    assert any(p.row == r11 and "Tidak disetujui" in p.message for p in hasil.galat)
    assert any(p.row == r5 and p.column == "kegiatan" for p in hasil.galat)
    assert any(p.row == r5 and "Disposisi" in p.message for p in hasil.galat)
    assert all(p.sheet == "Balikpapan - Monev PIP" for p in hasil.galat)
    assert _rows(segar) == []  # all or nothing: the clean sheet was not saved either


def test_permission_and_foreign_files(segar: Services, tmp_path: Path) -> None:
    from ppid_desktop.core.errors import UserError

    f = _ekspor(segar, tmp_path / "sop.xlsx")
    with pytest.raises(PermissionDenied):
        impor_sop(segar, make_actor(R.PETUGAS), f, dry_run=True)
    asing = tmp_path / "asing.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["Nama", "Alamat"])
    wb.save(asing)
    hasil = impor_sop(segar, make_actor(R.ADMIN), asing)
    assert not hasil.bersih and "Tidak ada tabel SOP" in hasil.galat[0].message
    rusak = tmp_path / "rusak.xlsx"
    rusak.write_bytes(f.read_bytes()[:500])
    with pytest.raises(UserError, match="rusak"):
        impor_sop(segar, make_actor(R.ADMIN), rusak)


def test_cli_sop_impor(env: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(env.services.store.path)
    cli_admin(Path(db))
    f = _ekspor(env.services, tmp_path / "sop.xlsx")
    capsys.readouterr()
    assert cli.main(["--db", db, "sop", "impor", str(f), "--dry-run", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["bersih"] and not out["diterapkan"] and out["lewati"] == 5
    assert {"kode", "nama", "sheet", "aksi", "jumlah_langkah"} <= set(out["sop"][0])
    wb = openpyxl.load_workbook(f)
    ws = wb["Pontianak - Monev SPBE"]
    ws.cell(_langkah(ws, 3), 1).value = "tiga"
    wb.save(f)
    assert cli.main(["--db", db, "sop", "impor", str(f)]) == 1
    out = capsys.readouterr().out
    assert "sheet 'Pontianak - Monev SPBE', baris" in out and "Tidak ada SOP yang disimpan" in out
    assert cli.main(["--db", db, "sop", "impor", str(tmp_path / "tidak-ada.xlsx")]) == 2
    assert "tidak ditemukan" in capsys.readouterr().err
