"""Monev kinds: instrument round trip / idempotence / monev validation placed on rows; recap and tindak lanjut."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ppid_desktop.master.masukan import IsianOpd
from ppid_desktop.monev import instrumen as I
from ppid_desktop.monev.masukan import IsianInstrumen, IsianTindakLanjut, RekomendasiBaru
from ppid_desktop.monev.models import Instrumen
from ppid_desktop.rekap.kinds.monev import kanonik
from ppid_desktop.services import Services
from tests.conftest import TEST_DEVICE

from .conftest import count


@pytest.fixture
def empty(tmp_path: Path) -> Services:
    svc = Services.open(tmp_path / "kosong.sqlite", device=TEST_DEVICE)
    yield svc
    svc.close()


def _inst(svc: Services) -> list[tuple]:
    return sorted((r.kode, r.versi, r.status, r.nama, r.jumlah_pertanyaan,
                   kanonik(I.dari_dict(json.loads(r.definisi))))
                  for r in svc.monev.daftar_instrumen())


def test_instrumen_round_trip_and_idempotence(services: Services, empty: Services, admin, tmp_path: Path) -> None:
    m = services.monev
    for name in ("kip_2025", "spbe_59_2020", "monitoring_kegiatan"):
        m.impor_templat(admin, name)
    m.simpan_instrumen(admin, IsianInstrumen.dari_dict({**I.muat_templat("kip_2025"), "nama": "KIP versi 2"}))  # draft v2 of kip-2025
    path = tmp_path / "inst.xlsx"
    assert services.rekap.ekspor(admin, "instrumen", path) == 4
    wb = load_workbook(path)
    assert wb.sheetnames == ["Instrumen", "Aspek", "Indikator", "Pertanyaan", "Opsi", "Level", "Band", "Tahap"]
    ws = wb["Aspek"]
    hdr = int(ws.freeze_panes[1:]) - 1
    assert [c.value for c in ws[hdr]][:5] == ["Kode Instrumen", "Versi", "Kode Aspek", "Nama Aspek", "Bobot Aspek"]
    first = ws.cell(row=hdr + 1, column=5)
    assert isinstance(first.value, int | float) and first.number_format == "#,##0.00"
    assert isinstance(ws.cell(row=hdr + 1, column=2).value, int)
    h = empty.rekap.impor(admin, "instrumen", path)
    assert h.diterapkan and h.baru == 4, h.masalah
    assert _inst(empty) == _inst(services)
    h = empty.rekap.impor(admin, "instrumen", path)
    assert (h.baru, h.ubah, h.lewati) == (0, 0, 4) and count(empty, Instrumen) == 4


def test_instrumen_template_then_problems_on_rows(services: Services, admin, tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)

    def sheet(name: str, rows: list[list]) -> None:
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)

    sheet("Instrumen", [["DAFTAR INSTRUMEN"], ["Kode Instrumen", "Versi", "Nama Instrumen", "Jenis"],
                        ["uji", 1, "Instrumen uji", "Lainnya"]])
    sheet("Aspek", [["Kode Aspek", "Nama Aspek", "Bobot Aspek"], ["A", "Aspek A", 60], ["B", "Aspek B", 30]])
    sheet("Indikator", [["Kode Aspek", "Kode Indikator", "Nama Indikator", "Bobot Indikator"],
                        ["A", "A.1", "Satu", 30], ["A", "A.2", "Dua", 20], ["B", "B.1", "Tiga", 30],
                        ["C", "C.1", "Yatim", None]])
    sheet("Pertanyaan", [["Kode Indikator", "Kode Pertanyaan", "Pertanyaan", "Jenis Jawaban"],
                         ["A.1", "A.1.1", "Ada?", "Ya/Tidak"], ["A.2", "A.2.1", "Pilih", "Pilihan (skor per opsi)"],
                         ["B.1", "B.1.1", "Ada?", "Ya/Tidak"]])
    sheet("Opsi", [["Kode Pertanyaan", "Kode Opsi", "Label", "Skor"], ["A.2.1", "a", "Satu", 1]])
    sheet("Band", [["Kategori", "Nilai Minimal", "Nilai Maksimal"], ["Kurang", 0, 50], ["Baik", 60, 100]])
    path = tmp_path / "uji.xlsx"
    wb.save(path)
    h = services.rekap.impor(admin, "instrumen", path)
    assert not h.diterapkan and count(services, Instrumen) == 0
    by = {(p.sheet, p.row): p for p in h.galat}
    assert ("Indikator", 5) in by and "tidak ada di sheet Aspek" in by[("Indikator", 5)].message  # C.1
    # now only the orphan row goes; monev's own rules remain
    wb["Indikator"].delete_rows(5)
    wb.save(path)
    h = services.rekap.impor(admin, "instrumen", path)
    msgs = {(p.sheet, p.row, (p.column or "")[:1]): p.message for p in h.galat}
    assert not h.diterapkan and count(services, Instrumen) == 0
    aspek_sum = next(k for k, v in msgs.items() if "Jumlah bobot aspek" in v)
    assert aspek_sum[0] == "Aspek" and aspek_sum[2] == "C"
    ind_sum = next(k for k, v in msgs.items() if "Jumlah bobot indikator di aspek A" in v)
    assert ind_sum == ("Indikator", 2, "D")  # first indikator row of aspek A, Bobot Indikator column
    gap = next(k for k, v in msgs.items() if "celah" in v)
    assert gap[:2] == ("Band", 3)  # the band after the gap
    opsi = next(k for k, v in msgs.items() if "minimal 2 opsi" in v)
    assert opsi[:2] == ("Opsi", 2)
    tpl = tmp_path / "templat.xlsx"
    services.rekap.templat("instrumen", tpl)
    assert {"Petunjuk", "Pertanyaan", "Opsi", "Band", "Tahap"} <= set(load_workbook(tpl).sheetnames)


def test_instrumen_published_version_is_not_overwritten(services: Services, admin, tmp_path: Path) -> None:
    services.monev.impor_templat(admin, "ppid_checklist")
    path = tmp_path / "i.xlsx"
    services.rekap.ekspor(admin, "instrumen", path)
    wb = load_workbook(path)
    ws = wb["Instrumen"]
    hdr = int(ws.freeze_panes[1:]) - 1
    ws.cell(row=hdr + 1, column=3).value = "Nama baru"
    wb.save(path)
    h = services.rekap.impor(admin, "instrumen", path)
    assert h.bersih and h.lewati == 1 and any("sudah ada" in p.message for p in h.masalah)
    h = services.rekap.impor(admin, "instrumen", path, perbarui=True)
    assert not h.bersih and "sudah terbit" in h.galat[0].message and h.galat[0].row == hdr + 1
    ws.cell(row=hdr + 1, column=2).value = None  # empty version -> a new version (status from the file)
    ws.cell(row=hdr + 1, column=10).value = "Draf"
    wb.save(path)
    h = services.rekap.impor(admin, "instrumen", path)
    assert h.diterapkan and h.baru == 1
    assert sorted((r.versi, r.status) for r in services.monev.daftar_instrumen()) == [(1, "terbit"), (2, "draf")]


def _program(profil: Services, admin) -> tuple:  # type: ignore[no-untyped-def]
    from ppid_desktop.akun import roles as R
    from tests.conftest import make_actor

    m = profil.monev
    ids = [profil.master.simpan_opd(admin, IsianOpd.dari({"kode": k, "nama": n})).id
           for k, n in (("DISKOMINFO", "Dinas Kominfo"), ("DINKES", "Dinas Kesehatan"), ("DISDIK", "Disdik"))]
    inst = m.impor_templat(admin, "ppid_checklist")
    prog = m.buat_program(admin, "Monev PPID 2026", inst.id, ids, periode="2026")
    act = make_actor(R.MONEV, username="monev")
    for i, jawab in ((0, "ya"), (1, "tidak")):
        jadwal = m.daftar_jadwal(prog.id)[i][0]
        s = m.mulai_sesi(act, jadwal.id)
        for q in m.muat_sesi(s.id).defn.pertanyaan():
            if q.jenis == "ya_tidak":
                m.jawab(act, s.id, q.kode, jawab)
            elif q.jenis == "pilihan":
                m.jawab(act, s.id, q.kode, q.opsi[-1].kode)
    return prog, act, ids


def test_rekap_monev_matrix_uses_monev_scores(profil: Services, admin, tmp_path: Path) -> None:
    prog, _act, _ids = _program(profil, admin)
    path = tmp_path / "rekap.xlsx"
    with pytest.raises(Exception, match="program"):
        profil.rekap.ekspor(admin, "rekap-monev", path)
    assert profil.rekap.ekspor(admin, "rekap-monev", path, program=prog.id) == 3
    scores = profil.monev.program_scores(prog.id)
    defn = profil.monev.definisi(prog.instrumen_id)
    wb = load_workbook(path)
    assert wb.sheetnames[0] == "Ringkasan" and len(wb.sheetnames) == 1 + len(defn.aspek)
    ws = wb["Ringkasan"]
    hdr = int(ws.freeze_panes[1:]) - 1
    head = [c.value for c in ws[hdr]]
    rows = {r[1].value: r for r in ws.iter_rows(min_row=hdr + 1)}
    for sc in scores:
        row = rows[sc.opd_kode]
        assert row[head.index("Nilai Akhir")].value == sc.total
        assert (row[head.index("Kategori")].value or "") == sc.kategori
        assert row[0].value == sc.peringkat
    scored = next(r for r in scores if r.total is not None)
    cell = rows[scored.opd_kode][head.index("Nilai Akhir")]
    assert isinstance(cell.value, int | float) and cell.number_format == "#,##0.00"
    rules = [r for rng in ws.conditional_formatting for r in rng.rules]
    assert {r.formula[0].strip('"') for r in rules} == {b.nama for b in defn.band if b.warna}
    a = defn.aspek[0]
    wa = wb[f"{a.kode} {a.nama}"[:31]]
    h2 = int(wa.freeze_panes[1:]) - 1
    r2 = {r[0].value: r for r in wa.iter_rows(min_row=h2 + 1)}
    ind = {n.kode: n.verifikasi for n in scored.hasil.indikator}
    assert [c.value for c in r2[scored.opd_kode][2:2 + len(a.indikator)]] == [ind[i.kode] for i in a.indikator]
    assert wa.conditional_formatting


def test_tindak_lanjut_export(profil: Services, admin, tmp_path: Path) -> None:
    prog, act, ids = _program(profil, admin)
    m = profil.monev
    rek = m.tambah_rekomendasi(act, RekomendasiBaru(prog.id, ids[1], "=Lengkapi DIP", prioritas="tinggi"))
    m.tambah_tindak_lanjut(act, rek.id, IsianTindakLanjut("Menyusun DIP", "Kabid IKP", date(2026, 1, 5)))
    path = tmp_path / "tl.xlsx"
    assert profil.rekap.ekspor(admin, "tindak-lanjut", path, program=prog.id) == 1
    ws = load_workbook(path)["Tindak Lanjut"]
    hdr = int(ws.freeze_panes[1:]) - 1
    row = ws[hdr + 1]
    assert row[2].value == "=Lengkapi DIP" and row[2].data_type == "s"
    assert isinstance(row[5].value, datetime) and row[5].number_format == "dd/mm/yyyy"
    assert row[7].value == "Ya"  # past due
    assert load_workbook(path)["Rekomendasi"].max_row == hdr + 1


def test_programme_kinds_declare_it() -> None:
    from ppid_desktop.rekap import kinds

    ekspor = kinds.jenis_ekspor()
    assert {n for n, k in ekspor.items() if k.pakai_program} == {"rekap-monev", "tindak-lanjut"}
    assert all(k.pakai_program for k in ekspor.values() if k.butuh_program)
