"""Seed 001: the nota dinas is a real document covering the letter it carries up to the signer — its own
draft, signer, number and PDF (nota dinas layout), linked both ways in the agenda (detail and
``ppid agenda list --json``, which keeps its six keys and gains ``terkait``). Two linked documents,
two different signers; the letter's own signer cannot sign the nota."""

from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from ppid_desktop import cli
from ppid_desktop.akun import roles as R
from ppid_desktop.core.errors import UserError, ValidationError
from ppid_desktop.master.masukan import IsianPegawai
from ppid_desktop.monev import naskah_agenda as NA
from ppid_desktop.monev import surat as SURAT
from ppid_desktop.naskah.masukan import IsianKonsep
from tests.conftest import cli_admin, make_actor


def _teks(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages))


@pytest.fixture
def siap(env: Any, admin: Any) -> dict[str, Any]:
    svc = env.services
    sekda = svc.master.simpan_pegawai(admin, IsianPegawai.dari({"nama": "Drs. H. Roy Rizali Anwar, M.Si.", "nip": "196712121993031005",
                                            "jabatan": "Sekretaris Daerah", "boleh_ttd": "surat_keluar,keputusan"}))
    kabag = svc.master.simpan_pegawai(admin, IsianPegawai.dari({"nama": "Hj. Nurul Hidayah, S.H.", "nip": "197505052000032004",
                                            "jabatan": "Kepala Bagian Kerja Sama dan Pelayanan Publik",
                                            "boleh_ttd": "nota_dinas"}))
    _inst, prog = env.program("kip_2025", n_opd=2)
    sek = make_actor(R.SEKRETARIAT, R.MONEV, username="sekretariat")
    letter = SURAT.siapkan(svc, sek, prog.id, "pemberitahuan", penandatangan_id=sekda.id, paraf=[])
    return {"sekda": sekda, "kabag": kabag, "prog": prog, "sek": sek, "letter": letter}


def test_nota_dinas_covers_the_letter_with_its_own_signer_and_number(env: Any, siap: dict[str, Any],
                                                                      tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    svc, sek, letter = env.services, siap["sek"], siap["letter"]
    with pytest.raises(ValidationError, match="pejabat lain"):
        NA.nota_dinas(svc, sek, "pemberitahuan", siap["prog"].id, siap["sekda"].id)
    assert [p.id for p in NA.calon_nota(svc, letter)] == [siap["kabag"].id]
    nota = NA.nota_dinas(svc, sek, "pemberitahuan", siap["prog"].id, siap["kabag"].id)
    assert nota.jenis == "nota_dinas" and nota.penandatangan_id != letter.penandatangan_id
    assert nota.kepada == "Sekretaris Daerah" and letter.hal in nota.hal
    d = svc.agenda.detail(letter.id)
    assert [n.id for n in d.ditutupi] == [nota.id] and d.menutupi is None
    assert svc.agenda.detail(nota.id).menutupi.id == letter.id
    t = _teks(svc.agenda.cetak(nota.id))
    assert "NOTA DINAS" in t and "Sekretaris Daerah" in t and "Kepala Bagian Kerja Sama" in t
    assert "konsep surat dinas" in t and letter.hal in t and "diberikan saat ditandatangani" in t
    # both go through the agenda: the nota first (it carries the letter up), then the letter
    svc.agenda.ajukan(sek, nota.id)
    n = svc.agenda.tandatangani(sek, nota.id, date(2026, 4, 6), hari_ini=date(2026, 4, 6))
    svc.agenda.ajukan(sek, letter.id)
    sr = svc.agenda.tandatangani(sek, letter.id, date(2026, 4, 7), hari_ini=date(2026, 4, 7))
    assert n.nomor and sr.nomor and "/ND/" in n.nomor and n.nomor != sr.nomor
    assert n.penandatangan == siap["kabag"].nama and sr.penandatangan == siap["sekda"].nama
    assert siap["kabag"].nama in _teks(svc.agenda.cetak(nota.id))
    # handed over with a receipt on its own last page (seed 001 steps 5 and 16: output "Tanda terima")
    halaman = [" ".join((pg.extract_text() or "").split()) for pg in PdfReader(io.BytesIO(svc.agenda.cetak(nota.id))).pages]
    assert "TANDA TERIMA" in halaman[-1] and n.nomor in halaman[-1] and "1 Sekretaris Daerah" in halaman[-1]
    assert "TANDA TERIMA" not in " ".join(halaman[:-1])
    # the headless agenda list: the six documented keys kept, the link under "terkait" both ways
    db = str(svc.store.path)
    cli_admin(Path(db))
    capsys.readouterr()
    assert cli.main(["--db", db, "agenda", "list", "--json"]) == 0
    rows = {r["nomor"]: r for r in json.loads(capsys.readouterr().out)}
    for r in rows.values():
        assert {"nomor", "tanggal", "jenis", "hal", "status", "sha256"} <= set(r)
    assert rows[sr.nomor]["terkait"] == [{"hubungan": "ditutupi", "id": nota.id, "nomor": n.nomor,
                                          "jenis": "nota_dinas", "hal": nota.hal}]
    assert rows[n.nomor]["terkait"][0]["hubungan"] == "menutupi" and rows[n.nomor]["terkait"][0]["id"] == letter.id


def test_no_nota_without_a_letter_or_for_a_cancelled_one(env: Any, siap: dict[str, Any]) -> None:
    svc, sek = env.services, siap["sek"]
    with pytest.raises(UserError, match="Buat dulu konsep"):
        NA.nota_dinas(svc, sek, "surat_tugas", siap["prog"].id, siap["kabag"].id)
    svc.agenda.batalkan(sek, siap["letter"].id, "Salah alamat")
    with pytest.raises(UserError):
        svc.agenda.buat_nota_dinas(sek, siap["letter"].id, IsianKonsep(penandatangan_id=siap["kabag"].id))
    with pytest.raises(Exception, match="tidak berwenang"):
        svc.agenda.buat_nota_dinas(make_actor(R.MONEV), siap["letter"].id, IsianKonsep(penandatangan_id=siap["kabag"].id))
