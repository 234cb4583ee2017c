"""The documents of an SOP step point at what they refer to: the agenda letter (with its state and
number), the unit's session (answers, evidence, BA number); a document not there yet says so; the
headless ``ppid monev alur --json`` carries the same per step under ``dokumen``."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ppid_desktop import cli
from ppid_desktop.akun import roles as R
from ppid_desktop.monev import naskah_agenda as NA
from tests.conftest import cli_admin, make_actor
from tests.unit.monev.test_dokumen_program import _isi_sesi, _siap


def test_step_documents_link_to_agenda_and_session(env: Any, capsys: pytest.CaptureFixture[str]) -> None:
    svc, m = env.services, env.monev
    _inst, prog = _siap(env, n_opd=2)
    m.mulai_alur(env.actor, "BPN-MONEV-PI", program_id=prog.id)
    docs = {d.kode: d for d in NA.dokumen_langkah(svc, prog.id, ["proposal", "sk-tim"])}
    assert docs["sk-tim"].ada is False and docs["sk-tim"].keadaan == "belum dibuat di agenda" and not docs["sk-tim"].tautan
    sk = NA.siapkan(svc, make_actor(R.SEKRETARIAT, username="sekretariat"), "sk-tim", prog.id)
    d = NA.dokumen_langkah(svc, prog.id, ["sk-tim"])[0]
    assert d.ada is True and d.tautan == f"agenda:{sk.id}" and d.keadaan == "Konsep" and d.label == "SK Tim Monev"
    # per unit: the berita acara is the unit's finalised session
    dinkes = next(o for _j, o in m.daftar_jadwal(prog.id) if o.kode == "DINKES")
    ba = NA.dokumen_langkah(svc, prog.id, ["berita-acara"], dinkes.id)[0]
    assert ba.ada is False and ba.keadaan == "sesi unit belum ada"
    se = _isi_sesi(env, prog, "DINKES", "ya", 80, tgl=date(2026, 11, 23))
    ba = NA.dokumen_langkah(svc, prog.id, ["berita-acara", "lembar-kerja"], dinkes.id)
    assert ba[0].ada is True and ba[0].tautan == f"sesi:{se.id}" and se.ba_nomor in ba[0].keadaan
    assert ba[1].ada is True and "jawaban" in ba[1].keadaan
    # programme level: how many units have it
    prog_ba = NA.dokumen_langkah(svc, prog.id, ["berita-acara", "laporan-unit", "surat-permintaan-data"])
    assert prog_ba[0].keadaan == "1 dari 2 unit" and prog_ba[0].ada is False
    assert prog_ba[1].keadaan == "0 dari 2 unit ada di agenda" and prog_ba[2].ada is False
    assert prog_ba[2].keadaan == "belum dibuat di agenda"  # the surat permintaan data is an agenda naskah now
    db = str(svc.store.path)
    cli_admin(Path(db))
    capsys.readouterr()
    assert cli.main(["--db", db, "monev", "alur", prog.id[:8], "--json"]) == 0
    steps = json.loads(capsys.readouterr().out)
    s3 = steps[2]["dokumen"]
    assert [x["kode"] for x in s3] == ["proposal", "sk-tim"]
    assert s3[0]["ada"] is False and s3[1]["tautan"] == f"agenda:{sk.id}"
    assert {"kode", "label", "ada", "keadaan", "tautan"} == set(s3[0])
