"""Proposal/KAK monev (seed 000 step 3) through the agenda: draft (numberless), paraf, signature (number
from the series), frozen print, archive; the PDF carries the programme's background with the SOP's legal
basis, aims, scope, every unit's schedule, the team, the outputs and the budget line, proposed by the
Ketua Tim and approved by the signer. The nine documented ``monev cetak`` kinds keep their spelling."""

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
from ppid_desktop.monev import naskah_agenda as NA
from ppid_desktop.monev.cetak import JENIS_CETAK, cetak
from ppid_desktop.naskah.agenda import ParafInput
from ppid_desktop.naskah.masukan import IsianKonsep
from tests.conftest import cli_admin, make_actor


def _teks(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages))


def test_the_nine_documented_kinds_keep_their_spelling() -> None:
    assert JENIS_CETAK[:9] == ("sk-tim", "surat-pemberitahuan", "surat-tugas", "undangan", "berita-acara",
                               "laporan-unit", "laporan-program", "laporan-solusi", "ba-evaluasi-mandiri")
    assert "proposal" in JENIS_CETAK


def test_proposal_through_the_agenda(env: Any, tmp_path: Path) -> None:
    svc, m = env.services, env.monev
    _inst, prog = env.program("kip_2025", n_opd=3)
    m.atur_tim(env.actor, prog.id, [(env.pegawai_ids[1], "Ketua")])
    m.mulai_alur(env.actor, "BPN-MONEV-PI", program_id=prog.id)
    sek = make_actor(R.SEKRETARIAT, R.MONEV, username="sekretariat")
    draft = NA.siapkan(svc, sek, "proposal", prog.id, penandatangan_id=env.pegawai_ids[0])
    assert draft.jenis == "laporan" and "Kerangka Acuan Kerja" in draft.hal
    t = _teks(cetak(svc, "proposal", prog.id))
    assert "diberikan saat ditandatangani" in t
    order = [t.find(k) for k in ("KERANGKA ACUAN KERJA", "LATAR BELAKANG", "MAKSUD DAN TUJUAN", "RUANG LINGKUP",
                                 "JADWAL PELAKSANAAN", "TIM PELAKSANA", "KELUARAN", "ANGGARAN", "PENUTUP")]
    assert all(p >= 0 for p in order) and order == sorted(order), order
    assert "Peraturan Komisi Informasi" in t or "Undang-Undang Nomor 14 Tahun 2008" in t  # the SOP's dasar hukum
    for _j, o in m.daftar_jadwal(prog.id):
        assert o.nama in t
    assert "Sri Lestari" in t and "Ketua" in t and "Proposal/KAK monev" in t and "SK Tim Monev" in t
    assert "Diusulkan oleh" in t and "Disetujui oleh" in t and "Agus Santoso" in t
    # the office's own background and budget lines, written in the draft (Naskah & Arsip › Ubah)
    teks = ("Hasil monev tahun lalu menunjukkan 40% PPID Pelaksana belum memperbarui DIP.\n\nAnggaran:\n"
            "Uang harian Tim Monev 5 orang x 3 hari | Rp 2.250.000\nPenggandaan instrumen | Rp 300.000")
    # paraf by the Ketua Tim, then signature: numbered, frozen, archived
    svc.agenda.ubah_konsep(sek, draft.id, IsianKonsep.dari({"jenis": "laporan", "hal": draft.hal, "penandatangan_id": env.pegawai_ids[0],
                                           "ringkasan": teks}), [ParafInput(env.pegawai_ids[1], "hierarki")])
    t = _teks(cetak(svc, "proposal", prog.id))
    assert "40% PPID Pelaksana belum memperbarui DIP" in t and t.find("DIP") < t.find("MAKSUD DAN TUJUAN")
    assert "Uang harian Tim Monev 5 orang x 3 hari" in t and "Rp 2.250.000" in t and "Penggandaan instrumen" in t
    assert t.find("Rp 300.000") > t.find("ANGGARAN")
    svc.agenda.ajukan(sek, draft.id)
    svc.agenda.paraf(sek, draft.id, True, pegawai_id=env.pegawai_ids[1])
    signed = svc.agenda.tandatangani(sek, draft.id, date(2026, 2, 2), hari_ini=date(2026, 2, 2))
    assert signed.nomor and signed.status == "ditandatangani"
    pdf = cetak(svc, "proposal", prog.id)
    assert signed.nomor in _teks(pdf) and pdf == cetak(svc, "proposal", prog.id)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(pdf)
    assert svc.agenda.arsipkan(sek, draft.id, scan).status == "diarsipkan"


def test_cli_prints_the_proposal(env: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _inst, prog = env.program("kip_2025", n_opd=2)
    db = str(env.services.store.path)
    cli_admin(Path(db))
    f = tmp_path / "kak.pdf"
    assert cli.main(["--db", db, "monev", "cetak", "proposal", prog.id[:8], "-o", str(f)]) == 0, capsys.readouterr().err
    t = _teks(f.read_bytes())
    assert "KERANGKA ACUAN KERJA" in t and "Tim belum ditetapkan" in t
