"""Self-assessment by workbook: export, fill with openpyxl AND re-write with a different writer (raw
SpreadsheetML with inline strings, the way LibreOffice-like writers store text), import, and the
scores equal those of the same answers entered in the app. Bad workbooks are refused clearly with
nothing written; importing again changes nothing."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import openpyxl
import pytest

from ppid_desktop import cli
from ppid_desktop.akun import roles as R
from ppid_desktop.core.errors import UserError
from ppid_desktop.monev.lembar_kerja import NA, ekspor_lembar_kerja
from tests.conftest import cli_admin, make_actor


def _jawaban_uji(defn: Any) -> dict[str, Any]:
    """One plausible answer per question (as the OPD would type it in the workbook)."""
    out: dict[str, Any] = {}
    for i, q in enumerate(defn.pertanyaan()):
        if q.jenis == "ya_tidak":
            out[q.kode] = "Ya" if i % 3 else "Tidak"
        elif q.jenis == "pilihan":
            out[q.kode] = q.opsi[i % len(q.opsi)].label
        elif q.jenis == "level":
            out[q.kode] = 1 + i % 5
        elif q.jenis == "angka":
            out[q.kode] = 7
        elif q.jenis == "teks":
            out[q.kode] = "Sudah ada SOP"
    return out


def _isi_openpyxl(path: Path, answers: dict[str, Any], bukti: str = "https://ppid.example.go.id/bukti.pdf") -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb["Jawaban"]
    for r in range(6, ws.max_row + 1):
        kode = ws.cell(r, 1).value
        if kode in answers:
            ws.cell(r, 7).value = answers[kode]
            ws.cell(r, 8).value = bukti
    wb.save(path)


def _tulis_mentah(src: Path, dst: Path) -> None:
    """Re-write every sheet's values as a minimal .xlsx by hand: inline strings, no shared strings, no
    styles, no validation — a different writer than openpyxl."""
    wb = openpyxl.load_workbook(src)

    def col(n: int) -> str:
        s = ""
        while n:
            n, r = divmod(n - 1, 26)
            s = chr(65 + r) + s
        return s

    sheets = []
    for ws in wb.worksheets:
        rows = []
        for r, row in enumerate(ws.iter_rows(values_only=True), 1):
            cells = []
            for c, v in enumerate(row, 1):
                if v is None:
                    continue
                ref = f"{col(c)}{r}"
                if isinstance(v, int | float) and not isinstance(v, bool):
                    cells.append(f'<c r="{ref}"><v>{float(v)}</v></c>')
                else:
                    cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(v))}</t></is></c>')
            rows.append(f'<row r="{r}">{"".join(cells)}</row>')
        sheets.append((ws.title, "".join(rows)))
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                   'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                   'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
                   '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
                   'main+xml"/>' + "".join(
                       f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-'
                       'officedocument.spreadsheetml.worksheet+xml"/>' for i in range(1, len(sheets) + 1)) + "</Types>")
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                   'openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                   '</Relationships>')
        z.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?><workbook {ns} {rel}><sheets>' + "".join(
            f'<sheet name="{escape(t)}" sheetId="{i}" r:id="rId{i}"/>' for i, (t, _) in enumerate(sheets, 1))
            + "</sheets></workbook>")
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://'
                   'schemas.openxmlformats.org/package/2006/relationships">' + "".join(
                       f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                       f'relationships/worksheet" Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(sheets) + 1))
                   + "</Relationships>")
        for i, (_t, body) in enumerate(sheets, 1):
            z.writestr(f"xl/worksheets/sheet{i}.xml",
                       f'<?xml version="1.0" encoding="UTF-8"?><worksheet {ns}><sheetData>{body}</sheetData></worksheet>')


IMPORTIR = make_actor(R.MONEV, R.SEKRETARIAT, username="sekretariat")  # importing needs rekap.impor


def _impor(env: Any, path: Path, dry_run: bool = False) -> Any:
    return env.services.rekap.impor(IMPORTIR, "jawaban", path, dry_run=dry_run)


def _skor(env: Any, prog: Any) -> dict[str, Any]:
    return {r.opd_kode: r.hasil for r in env.monev.program_scores(prog.id)}


@pytest.mark.parametrize("penulis", ["openpyxl", "mentah"])
def test_round_trip_scores_equal_app_entry(env: Any, tmp_path: Path, penulis: str) -> None:
    m = env.monev
    inst, prog = env.program("kip_2025", n_opd=2)
    defn = m.definisi(inst.id)
    answers = _jawaban_uji(defn)
    f = tmp_path / "lk.xlsx"
    n = ekspor_lembar_kerja(env.services, prog.id, "DISKOMINFO", f)
    assert n == len(defn.pertanyaan())
    wb = openpyxl.load_workbook(f)
    ws = wb["Jawaban"]
    assert ws.protection.sheet and wb["Info"].protection.sheet
    assert not ws.cell(6, 7).protection.locked and ws.cell(6, 4).protection.locked
    assert ws.data_validations.dataValidation, "answer cells are constrained"
    _isi_openpyxl(f, answers)
    if penulis == "mentah":
        g = tmp_path / "lk-lain.xlsx"
        _tulis_mentah(f, g)
        f = g
    dry = _impor(env, f, dry_run=True)
    assert dry.bersih and dry.baru == len(answers) and not dry.diterapkan
    assert m.sesi_jadwal(m.daftar_jadwal(prog.id)[0][0].id) is None  # dry run wrote nothing
    hasil = _impor(env, f)
    assert hasil.diterapkan and hasil.baru == len(answers)
    # the same answers entered in the app for the second unit
    jadwal = next(j for j, o in m.daftar_jadwal(prog.id) if o.kode == "DINKES")
    se = m.mulai_sesi(env.actor, jadwal.id)
    for kode, v in answers.items():
        m.jawab(env.actor, se.id, kode, v)
    skor = _skor(env, prog)
    a, b = skor["DISKOMINFO"], skor["DINKES"]
    assert a is not None and b is not None
    assert a.mandiri == b.mandiri and [x.mandiri for x in a.aspek] == [x.mandiri for x in b.aspek]
    assert a.mandiri is not None and a.mandiri > 0
    # importing again changes nothing
    lagi = _impor(env, f)
    assert lagi.baru == 0 and lagi.ubah == 0 and lagi.lewati == len(answers)
    sesi = m.sesi_jadwal(next(j for j, o in m.daftar_jadwal(prog.id) if o.kode == "DISKOMINFO").id)
    d = m.muat_sesi(sesi.id)
    assert sum(len(v) for v in d.bukti.values()) == len(answers)


def _isi_info(path: Path, kunci: str, nilai: Any) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb["Info"]
    for r in range(1, ws.max_row + 1):
        if ws.cell(r, 1).value == kunci:
            ws.cell(r, 2).value = nilai
    wb.save(path)


def test_bad_workbooks_refused_nothing_written(env: Any, tmp_path: Path) -> None:
    m = env.monev
    inst, prog = env.program("kip_2025", n_opd=2)
    defn = m.definisi(inst.id)
    f = tmp_path / "lk.xlsx"
    ekspor_lembar_kerja(env.services, prog.id, "DISKOMINFO", f)
    _isi_openpyxl(f, _jawaban_uji(defn))

    def refused(path: Path, kata: str) -> None:
        h = _impor(env, path)
        assert not h.diterapkan and not h.bersih
        assert any(kata in p.message for p in h.galat), [p.message for p in h.galat]
        assert all(m.sesi_jadwal(j.id) is None for j, _o in m.daftar_jadwal(prog.id))

    # another programme (not in this database)
    g = tmp_path / "lain.xlsx"
    g.write_bytes(f.read_bytes())
    _isi_info(g, "program_id", "00000000-0000-0000-0000-000000000000")
    refused(g, "tidak ada di basis data")
    # another unit of the same programme, tampered: the tanda no longer matches
    g.write_bytes(f.read_bytes())
    _isi_info(g, "unit_id", env.opd_ids[1])
    refused(g, "Tanda lembar kerja")
    # another instrument version
    g.write_bytes(f.read_bytes())
    _isi_info(g, "instrumen_versi", 9)
    refused(g, "versi 9")
    # an answer outside its options -> row-numbered problem, nothing applied
    q = next(q for q in defn.pertanyaan() if q.jenis == "pilihan")
    g.write_bytes(f.read_bytes())
    _isi_openpyxl(g, {q.kode: "Jawaban karangan"})
    h = _impor(env, g)
    assert not h.diterapkan
    p = next(p for p in h.galat if p.sheet == "Jawaban")
    assert p.row is not None and p.row > 5 and "bukan salah satu opsi" in p.message and (p.column or "").startswith("G")
    # N/A where not allowed
    q2 = next(q for q in defn.pertanyaan() if not q.boleh_na)
    g.write_bytes(f.read_bytes())
    _isi_openpyxl(g, {q2.kode: NA})
    assert any("N/A" in p.message for p in _impor(env, g).galat)
    # a workbook that is not one
    g.write_text("bukan excel")
    with pytest.raises(UserError, match="bukan buku kerja"):
        _impor(env, g)
    assert all(m.sesi_jadwal(j.id) is None for j, _o in m.daftar_jadwal(prog.id))


def test_cli_lembar_kerja_and_impor_jawaban(env: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    m = env.monev
    inst, prog = env.program("spbe_59_2020", n_opd=2)
    db = str(env.services.store.path)
    cli_admin(Path(db))  # the CLI signs in
    f = tmp_path / "lk.xlsx"
    rc = cli.main(["--db", db, "monev", "lembar-kerja", prog.id[:8], "DINKES", "-o", str(f)])
    assert rc == 0 and f.exists()
    _isi_openpyxl(f, _jawaban_uji(m.definisi(inst.id)))
    capsys.readouterr()
    rc = cli.main(["--db", db, "impor", "jawaban", str(f), "--dry-run", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert rc == 0 and out["bersih"] and not out["diterapkan"] and out["baru"] == 47
    rc = cli.main(["--db", db, "impor", "jawaban", str(f), "--json"])
    assert rc == 0 and json.loads(capsys.readouterr().out)["diterapkan"]
    rc = cli.main(["--db", db, "monev", "lembar-kerja", prog.id[:8], "TIDAKADA", "-o", str(f)])
    assert rc == 2 and "bukan sasaran" in capsys.readouterr().err
