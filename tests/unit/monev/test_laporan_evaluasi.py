"""Laporan hasil evaluasi (seed 004 step 15), its own document: per cycle and per Bidang/unit the
verification results (terverifikasi / dikembalikan with the note), the kendala and the solutions, the
follow-up status; printed headless (``ppid monev cetak laporan-evaluasi``) and through the agenda."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from ppid_desktop import cli
from ppid_desktop.monev.cetak import JENIS_CETAK, cetak
from ppid_desktop.monev.masukan import IsianTindakLanjut, RekomendasiBaru
from tests.conftest import cli_admin
from tests.unit.monev.test_alur import ALL, Jam, _jalan


def _teks(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages))


def _dua_siklus(env: Any) -> Any:
    m = env.monev
    _, prog = env.program("monitoring_kegiatan", n_opd=2)
    m.atur_tim(env.actor, prog.id, [(env.pegawai_ids[0], "Ketua"), (env.pegawai_ids[1], "Anggota")])
    jam = Jam()
    alur = m.mulai_alur(env.actor, "SLG-MONEV-BIDANG", program_id=prog.id, waktu=jam(0))
    for i, (u, _n) in enumerate(m.alur_unit(alur.id)):
        _jalan(m, u.id, jam, 5, menit=30)
        if i == 0:  # Terverifikasi? Tidak -> back to the unit with a note
            m.putuskan(ALL, u.id, "Tidak", catatan="Lampirkan daftar hadir kegiatan", waktu=jam(20))
            _jalan(m, u.id, jam, 5, menit=30)
        m.putuskan(ALL, u.id, "Ya", waktu=jam(20))
        _jalan(m, u.id, jam, 99, menit=30)
    _jalan(m, alur.id, jam, 12, menit=60)
    m.putuskan(ALL, alur.id, "Ya", catatan="Data layanan dua bidang terlambat diinput", waktu=jam(60))
    m.selesaikan_langkah(ALL, alur.id, catatan="Input data diganti formulir bersama dengan tenggat mingguan",
                         waktu=jam(60))
    _jalan(m, alur.id, jam, 99, menit=60)
    m.siklus_baru(env.actor, alur.id, waktu=jam(30 * 1440))
    units2 = [u for u, _n in m.alur_unit(alur.id) if u.siklus == 2]
    _jalan(m, units2[0].id, jam, 5, menit=30)
    m.putuskan(ALL, units2[0].id, "Ya", waktu=jam(20))  # the second unit has not reported yet
    dinkes = next(o for _j, o in m.daftar_jadwal(prog.id) if o.kode == "DINKES")
    rek = m.tambah_rekomendasi(env.actor, RekomendasiBaru(prog.id, dinkes.id, "Tetapkan petugas input data"))
    m.tambah_tindak_lanjut(env.actor, rek.id, IsianTindakLanjut("SK petugas input", "Sekretaris",
                                                               tenggat=date(2026, 1, 10)))
    return prog


def test_kind_is_added_without_changing_the_others() -> None:
    assert JENIS_CETAK[:9] == ("sk-tim", "surat-pemberitahuan", "surat-tugas", "undangan", "berita-acara",
                               "laporan-unit", "laporan-program", "laporan-solusi", "ba-evaluasi-mandiri")
    assert "laporan-evaluasi" in JENIS_CETAK


def test_laporan_evaluasi_per_cycle_unit_kendala_and_follow_up(env: Any, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    prog = _dua_siklus(env)
    db = env.services.store.path
    cli_admin(Path(db))
    out = tmp_path / "evaluasi.pdf"
    rc = cli.main(["--db", str(db), "monev", "cetak", "laporan-evaluasi", prog.id[:8], "-o", str(out)])
    assert rc == 0, capsys.readouterr().err
    t = _teks(out.read_bytes())
    pos = [t.find(k) for k in ("LAPORAN HASIL EVALUASI", "SIKLUS 1", "Hasil verifikasi per unit", "Kendala",
                               "Analisa dan solusi", "SIKLUS 2", "TINDAK LANJUT", "Ketua Tim Monev")]
    assert all(p >= 0 for p in pos) and pos == sorted(pos), pos
    s1, s2 = t[t.find("SIKLUS 1"):t.find("SIKLUS 2")], t[t.find("SIKLUS 2"):t.find("TINDAK LANJUT")]
    assert "2 dari 2 unit terverifikasi" in s1 and "Lampirkan daftar hadir kegiatan" in s1
    assert "Data layanan dua bidang terlambat diinput" in s1
    assert "Input data diganti formulir bersama dengan tenggat mingguan" in s1
    assert "1 dari 2 unit terverifikasi" in s2 and "belum terverifikasi" in s2 and "belum diputuskan" in s2
    assert "Lampirkan daftar hadir" not in s2
    for _j, o in env.monev.daftar_jadwal(prog.id):
        assert o.nama in s1 and o.nama in s2
    tl = t[t.find("TINDAK LANJUT"):]
    assert "Tetapkan petugas input data" in tl and "SK petugas input" in tl and "terlambat" in tl


def test_through_the_agenda_and_without_a_run(env: Any) -> None:
    from ppid_desktop.monev import naskah_agenda as NA

    _, bare = env.program("monitoring_kegiatan", n_opd=1)
    t = _teks(cetak(env.services, "laporan-evaluasi", bare.id))
    assert "belum menjalankan SOP" in t and "SIKLUS" not in t and "TINDAK LANJUT" in t
    prog = _dua_siklus(env)
    draft = NA.siapkan(env.services, env.actor, "laporan-evaluasi", prog.id, penandatangan_id=env.pegawai_ids[0])
    assert draft.jenis == "laporan" and draft.hal.startswith("Laporan Hasil Evaluasi")
    t = _teks(cetak(env.services, "laporan-evaluasi", prog.id))
    assert "(diberikan saat ditandatangani)" in t and "SIKLUS 2" in t
