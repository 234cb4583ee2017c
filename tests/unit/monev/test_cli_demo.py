"""``ppid monev ...`` commands and the demo filler."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from ppid_desktop import cli, demo
from ppid_desktop.master.service import attachment_path
from ppid_desktop.services import Services
from tests.conftest import TEST_DEVICE


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("monev-demo") / "ppid.sqlite"
    svc = Services.open(path, device=TEST_DEVICE)
    try:
        opt = demo.DemoOptions(permohonan=0, opd=31, seed=7, today=date(2026, 5, 20))
        import random

        rng = random.Random(7)
        demo.fill_master(svc, svc.system(), rng, opt)
        from ppid_desktop.monev.demo import fill

        counts = fill(svc, svc.system(), rng, opt)
        assert counts["program"] == 5 and counts["sesi"] > 40 and counts["bukti"] > 100
    finally:
        svc.close()
    return path


def run(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> tuple[int, str]:
    rc = cli.main(["--db", str(db), *argv])
    return rc, capsys.readouterr().out


def test_program_list_and_demo_kinds(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc, out = run(capsys, demo_db, "monev", "program", "list", "--json")
    assert rc == 0
    rows = json.loads(out)
    assert {r["jenis"] for r in rows} == {"kip", "spbe", "pekppp", "checklist", "kegiatan"}
    for r in rows:
        assert r["dikunjungi"] >= r["opd"] * 0.6  # sessions across most of its OPDs
    assert sum(r["difinalkan"] for r in rows) > sum(r["opd"] for r in rows) * 0.4
    rc, out = run(capsys, demo_db, "monev", "program", "list")
    assert "Monev Keterbukaan Informasi Publik" in out


def test_sesi_list_and_skor(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out = run(capsys, demo_db, "monev", "program", "list", "--json")
    kip = next(r for r in json.loads(out) if r["jenis"] == "kip")
    rc, out = run(capsys, demo_db, "monev", "sesi", "list", "--program", kip["id"][:8], "--json")
    sesi = json.loads(out)
    assert rc == 0 and len(sesi) == kip["dikunjungi"] and all(s["terjawab"] > 0 for s in sesi)
    rc, out = run(capsys, demo_db, "monev", "skor", kip["id"], "--json")
    skor = json.loads(out)
    assert rc == 0 and len(skor) == kip["opd"]
    scored = [r for r in skor if r["total"] is not None]
    assert scored and all(isinstance(r["opd"], str) and r["kategori"] for r in scored)
    assert [a["nama"] for a in scored[0]["aspek"]] == ["Jenis Informasi", "Digitalisasi", "Kualitas Informasi",
                                                      "Pelayanan Informasi", "Komitmen Organisasi", "Sarana dan Prasarana"]
    assert all(set(a) >= {"nama", "skor"} for a in scored[0]["aspek"])
    totals = [r["total"] for r in scored]
    assert totals == sorted(totals, reverse=True)
    rc, out = run(capsys, demo_db, "monev", "skor", kip["nama"])
    assert rc == 0 and "Jenis Informasi" in out
    rc = cli.main(["--db", str(demo_db), "monev", "skor", "tidak-ada"])
    assert rc == 2 and "tidak ditemukan" in capsys.readouterr().err


def test_demo_evidence_files_exist(demo_db: Path) -> None:
    svc = Services.open(demo_db, device=TEST_DEVICE)
    try:
        sid = svc.monev.daftar_sesi()[0]["id"]
        data = svc.monev.muat_sesi(sid)
        files = [b for bs in data.bukti.values() for b in bs if b.sha256]
        assert files and all(attachment_path(svc.store, b.sha256).exists() for b in files)
        photos = [b for s in svc.monev.daftar_sesi() for bs in svc.monev.muat_sesi(s["id"]).bukti.values()
                  for b in bs if b.jenis == "foto"]
        assert photos and all(b.lat and b.lon and b.diambil_at for b in photos)
        assert svc.store.integrity_check() == []
    finally:
        svc.close()


def test_instrumen_list_cli(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc, out = run(capsys, demo_db, "monev", "instrumen", "list", "--json")
    data = json.loads(out)
    assert rc == 0 and len(data["instrumen"]) == 5 and len(data["templat"]) == 5


def test_demo_tanggal_answers_count_back_from_the_demo_today() -> None:
    import random

    from ppid_desktop.monev import instrumen as I
    from ppid_desktop.monev.demo import _answer

    q = I.Pertanyaan(kode="T1", teks="Tanggal penetapan SK PPID", jenis="tanggal")
    hari = date(2001, 1, 1)  # far from the machine's date
    rng = random.Random(3)
    for _ in range(20):
        nilai, na = _answer(q, 0.8, rng, hari)
        assert not na and nilai is not None
        assert date(1998, 1, 1) < date.fromisoformat(nilai) < hari
