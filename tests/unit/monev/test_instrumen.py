"""Instrument validation (clear Indonesian problems, nothing saved) and versioning."""

from __future__ import annotations

import copy

import pytest
from sqlmodel import func, select

from ppid_desktop.core.errors import UserError
from ppid_desktop.monev import instrumen as I
from ppid_desktop.monev.masukan import IsianInstrumen
from ppid_desktop.monev.models import Instrumen, Jawaban
from tests.unit.monev.test_skor import small


def messages(data: dict) -> str:
    return "\n".join(str(p) for p in I.periksa(data))


def test_every_shipped_template_is_valid_and_marked() -> None:
    names = [n for n, _ in I.daftar_templat()]
    assert set(names) == {"kip_2025", "spbe_59_2020", "pekppp_2025", "ppid_checklist", "monitoring_kegiatan"}
    for n in names:
        data = I.muat_templat(n)
        assert I.periksa(data) == []
        assert data["templat"] is True and data["catatan"].startswith("TEMPLAT — sesuaikan")
        # round trip through the canonical dict
        assert I.sebagai_dict(I.dari_dict(I.sebagai_dict(I.dari_dict(data)))) == I.sebagai_dict(I.dari_dict(data))


def test_answer_types_present_across_templates() -> None:
    kinds = {q.jenis for n, _ in I.daftar_templat() for q in I.dari_dict(I.muat_templat(n)).pertanyaan()}
    assert kinds == set(I.JENIS_JAWABAN)


def test_aspek_weights_must_add_up() -> None:
    d = small()
    d["aspek"][0]["bobot"] = 50
    assert "Jumlah bobot aspek adalah 90, seharusnya 100" in messages(d)


def test_indikator_weights_must_match_aspek() -> None:
    d = small()
    d["aspek"][0]["indikator"][0]["bobot"] = 55
    assert "Jumlah bobot indikator di aspek A (A) adalah 55, seharusnya sama dengan bobot aspek 60" in messages(d)


def test_band_gap_is_reported() -> None:
    d = copy.deepcopy(I.muat_templat("kip_2025"))
    d["band"][3]["max"] = 89.9  # the classic "80 – 89,9" table
    msg = messages(d)
    assert "celah antara kategori 'Menuju Informatif' (sampai 89,9) dan 'Informatif' (mulai 90)" in msg


def test_band_overlap_start_and_end() -> None:
    d = small(band=[{"nama": "Rendah", "min": 0, "max": 60}, {"nama": "Tinggi", "min": 50, "max": 100}])
    assert "tumpang tindih" in messages(d)
    d = small(band=[{"nama": "Rendah", "min": 10, "max": 50}, {"nama": "Tinggi", "min": 50, "max": 90}])
    msg = messages(d)
    assert "harus dimulai dari 0" in msg and "harus berakhir di 100" in msg


def test_stage_weights_levels_duplicates_and_types() -> None:
    d = small(tahap=[{"kode": "saq", "nama": "SAQ", "bobot": 70, "sumber": "instrumen"},
                     {"kode": "v", "nama": "Visitasi", "bobot": 20, "sumber": "input"}])
    assert "Jumlah bobot tahap penilaian adalah 90, seharusnya 100" in messages(d)
    d = small()
    d["aspek"][1]["indikator"][0]["pertanyaan"][1]["kode"] = "q2"
    assert "dipakai lebih dari sekali" in messages(d)
    d = small()
    d["aspek"][0]["indikator"][0]["pertanyaan"][0].update({"jenis": "level", "level": [{"level": 1, "kriteria": "a"}]})
    assert "level 1 sampai 5" in messages(d)
    d = small()
    d["aspek"][0]["indikator"][0]["pertanyaan"][0].update({"jenis": "skala"})
    assert "Jenis jawaban 'skala'" in messages(d)
    d = small()
    d["aspek"][0]["indikator"][0]["pertanyaan"][0].update({"jenis": "pilihan", "opsi": [{"label": "x", "skor": "abc"}]})
    msg = messages(d)
    assert "minimal 2 opsi" in msg and "harus berupa angka" in msg


def test_invalid_instrument_saves_nothing(env) -> None:  # noqa: ANN001
    d = small()
    d["aspek"][0]["bobot"] = 10
    with pytest.raises(I.InstrumenTidakValid) as exc:
        env.monev.simpan_instrumen(env.actor, IsianInstrumen.dari_dict(d))
    assert "seharusnya 100" in str(exc.value) and exc.value.problems
    with env.services.store.read() as s:
        assert s.exec(select(func.count()).select_from(Instrumen)).one() == 0


def test_versioning_freezes_programme_and_keeps_old_drafts(env) -> None:  # noqa: ANN001
    m, a = env.monev, env.actor
    v1 = m.simpan_instrumen(a, IsianInstrumen.dari_dict(small()))
    assert v1.versi == 1 and v1.status == "draf"
    with pytest.raises(UserError, match="masih draf"):
        m.buat_program(a, "P", v1.id, env.opd_ids[:1])
    # editing a draft updates it in place
    d = small()
    d["nama"] = "Uji (revisi draf)"
    assert m.simpan_instrumen(a, IsianInstrumen.dari_dict(d)).id == v1.id
    m.terbitkan(a, v1.id)
    prog = m.buat_program(a, "Program 1", v1.id, env.opd_ids[:2])
    sesi = m.mulai_sesi(a, m.daftar_jadwal(prog.id)[0][0].id)
    m.jawab(a, sesi.id, "q2", "ya")
    # editing the published version creates version 2; programme and session stay on version 1
    d2 = small()
    d2["aspek"][1]["indikator"][0]["pertanyaan"][0]["teks"] = "Q2 diubah"
    d2["aspek"][1]["indikator"][0]["pertanyaan"].append({"kode": "q4", "teks": "Baru", "jenis": "ya_tidak"})
    v2 = m.simpan_instrumen(a, IsianInstrumen.dari_dict(d2))
    assert v2.id != v1.id and v2.versi == 2 and v2.status == "draf"
    assert m.ambil_program(prog.id).instrumen_id == v1.id
    data = m.muat_sesi(sesi.id)
    assert data.defn.ambil("q2").teks == "Q2" and "q4" not in {q.kode for q in data.defn.pertanyaan()}
    # the draft session on the old version stays valid and writable
    m.jawab(a, sesi.id, "q3", "tidak")
    with pytest.raises(UserError, match="q4"):
        m.jawab(a, sesi.id, "q4", "ya")
    with env.services.store.read() as s:
        rows = list(s.exec(select(Jawaban).where(Jawaban.sesi_id == sesi.id)))
    assert {(r.instrumen_id, r.instrumen_versi) for r in rows} == {(v1.id, 1)}
    # the stored v1 definition is byte-for-byte unchanged
    assert I.muat(env.services.store, v1.id)["aspek"][1]["indikator"][0]["pertanyaan"][0]["teks"] == "Q2"
    m.terbitkan(a, v2.id)
    prog2 = m.buat_program(a, "Program 2", v2.id, env.opd_ids[:1])
    assert m.muat_sesi(m.mulai_sesi(a, m.daftar_jadwal(prog2.id)[0][0].id).id).defn.ambil("q2").teks == "Q2 diubah"
    assert [i.versi for i in m.daftar_instrumen("uji")] == [2, 1]
