"""Scoring against hand-computed fixtures for every shipped template (N/A re-weighting, band edges)."""

from __future__ import annotations

import json

import pytest

from ppid_desktop.monev import instrumen as I
from ppid_desktop.monev.skor import Isian, hitung


def defn(name: str) -> I.Definisi:
    return I.dari_dict(I.muat_templat(name))


def ans(**kw: str) -> dict[str, Isian]:
    out = {}
    for k, v in kw.items():
        kode = k.replace("_", ".")
        out[kode] = Isian(na=True) if v == "NA" else Isian(v)
    return out


def aspek(h, kode):  # noqa: ANN001
    return next(a for a in h.aspek if a.kode == kode)


def test_kip_hand_computed_with_na_and_stages() -> None:
    d = defn("kip_2025")
    a = ans(JI_1_1="2", JI_1_2="1", JI_1_3="0", JI_1_4="ya", JI_2_1="ya", JI_2_2="NA", JI_3_1="2", JI_3_2="tidak",
            DG_1_1="ya", DG_1_2="tidak", DG_1_3="1", KI_1_1="2", KI_1_2="ya", PI_1_1="ya", PI_1_2="ya",
            PI_1_3="NA", KO_1_1="ya", KO_1_2="2025-01-10", KO_1_3="tidak", SP_1_1="ya", SP_1_2="tidak", SP_1_3="ya")
    h = hitung(d, a)
    # JI.1 = (1 + .5 + 0 + 1)/4 = 62.5 ; JI.2 = 100 (N/A dropped) ; JI.3 = 50 ; JI = 70.83
    ind = {n.kode: n.verifikasi for n in h.indikator}
    assert ind["JI.1"] == 62.5 and ind["JI.2"] == 100.0 and ind["JI.3"] == 50.0
    assert aspek(h, "JI").verifikasi == 70.83
    assert aspek(h, "DG").verifikasi == 50.0
    assert aspek(h, "PI").verifikasi == 100.0  # PI.1.3 N/A re-weighted away
    assert aspek(h, "KO").verifikasi == 50.0  # the tanggal question is not scored
    assert aspek(h, "SP").verifikasi == 66.67
    # total = (40*70.8333 + 20*50 + 10*100 + 10*100 + 10*50 + 10*66.667) / 100 = 70.00
    assert h.verifikasi == 70.0 and h.mandiri == 70.0
    assert h.final == 70.0 and not h.tahap_lengkap  # visitasi missing: re-weighted to SAQ alone
    assert h.kategori == "Cukup Informatif"
    h2 = hitung(d, a, {"visitasi": 80})
    assert h2.final == 72.0 and h2.tahap_lengkap  # 0.8*70 + 0.2*80
    assert h2.tahap == {"saq": 70.0, "visitasi": 80.0}


def test_kip_band_edges_through_stage_weights() -> None:
    d = defn("kip_2025")
    full = {q.kode: Isian("ya" if q.jenis == "ya_tidak" else "2" if q.kode != "PI.1.3" else "a")
            for q in d.pertanyaan() if q.berskor}
    assert hitung(d, full).verifikasi == 100.0
    h = hitung(d, full, {"visitasi": 49.75})  # 80 + 9.95
    assert h.final == 89.95 and h.kategori == "Menuju Informatif"
    h = hitung(d, full, {"visitasi": 50})
    assert h.final == 90.0 and h.kategori == "Informatif"


@pytest.mark.parametrize(("x", "kategori"), [
    (0, "Tidak Informatif"), (39.99, "Tidak Informatif"), (40, "Kurang Informatif"), (59.99, "Kurang Informatif"),
    (60, "Cukup Informatif"), (79.99, "Cukup Informatif"), (80, "Menuju Informatif"), (89.95, "Menuju Informatif"),
    (89.99, "Menuju Informatif"), (90.0, "Informatif"), (100, "Informatif"),
])
def test_kip_bands_half_open(x: float, kategori: str) -> None:
    band = I.band_untuk(defn("kip_2025"), x)
    assert band is not None and band.nama == kategori


def test_unanswered_required_counts_zero_and_self_vs_verifier() -> None:
    d = defn("kip_2025")
    a = {"SP.1.1": Isian("ya", nilai_verifikasi="tidak"), "SP.1.2": Isian("ya"), "SP.1.3": Isian("tidak", nilai_verifikasi="ya")}
    h = hitung(d, a)
    assert aspek(h, "SP").mandiri == 66.67  # ya, ya, tidak
    assert aspek(h, "SP").verifikasi == 66.67  # tidak, ya (self), ya
    assert aspek(h, "JI").verifikasi == 0.0  # nothing answered: required questions are 0
    assert h.verifikasi == 6.67


def test_spbe_index_hand_computed() -> None:
    d = defn("spbe_59_2020")
    assert len(d.aspek) == 8 and len(d.pertanyaan()) == 47
    assert {a.kelompok for a in d.aspek} == {"Domain 1 Kebijakan Internal SPBE", "Domain 2 Tata Kelola SPBE",
                                              "Domain 3 Manajemen SPBE", "Domain 4 Layanan SPBE"}
    a = {}
    for asp in d.aspek:
        lv = "5" if asp.kode == "A1" else "1" if asp.kode == "A8" else "3"
        for ind in asp.indikator:
            a[ind.pertanyaan[0].kode] = Isian(lv)
    h = hitung(d, a)
    # (13*5 + 69*3 + 18*1) / 100 = 2.90
    assert h.final == 2.9 and h.kategori == "Baik"
    assert aspek(h, "A1").verifikasi == 5.0 and aspek(h, "A8").verifikasi == 1.0
    a = {q.kode: Isian("4") for q in d.pertanyaan()}
    a["I01.L"] = Isian("2")
    h = hitung(d, a)
    # A1 = (9*4 + 2)/10 = 3.8 ; index = (13*3.8 + 87*4)/100 = 3.974
    assert aspek(h, "A1").verifikasi == 3.8 and h.final == 3.97 and h.kategori == "Sangat Baik"


@pytest.mark.parametrize(("x", "predikat"), [(1.79, "Kurang"), (1.8, "Cukup"), (2.59, "Cukup"), (2.6, "Baik"),
                                             (3.49, "Baik"), (3.5, "Sangat Baik"), (4.19, "Sangat Baik"),
                                             (4.2, "Memuaskan"), (5, "Memuaskan")])
def test_spbe_predikat_edges(x: float, predikat: str) -> None:
    assert I.band_untuk(defn("spbe_59_2020"), x).nama == predikat


def test_pekppp_hand_computed() -> None:
    d = defn("pekppp_2025")
    assert [a.bobot for a in d.aspek] == [24, 25, 18, 11, 10, 12]
    a = ans(K_1_1="5", K_2_1="4", K_3_1="3", S_1_1="3", S_2_1="3", S_3_1="3", P_1_1="5", P_2_1="5",
            I_1_1="2", I_2_1="4", A_1_1="0", A_2_1="2", N_1_1="4")
    h = hitung(d, a)
    # (24*4 + 25*3 + 18*5 + 11*3 + 10*1 + 12*4) / 100 = 3.52
    assert [x.verifikasi for x in h.aspek] == [4.0, 3.0, 5.0, 3.0, 1.0, 4.0]
    assert h.final == 3.52 and h.kategori.startswith("B — Baik")


def test_checklist_hand_computed() -> None:
    d = defn("ppid_checklist")
    assert d.durasi_menit == 90
    a = ans(K_1_1="ya", K_1_2="2024-02-01", K_1_3="tidak", D_1_1="ya", D_1_2="NA", D_1_3="ya", L_1_1="ya",
            L_1_2="ya", L_1_3="tidak", S_1_1="ya", S_1_2="ya", W_1_1="tidak", W_1_2="tidak", R_1_1="ya",
            R_1_2="Catatan")
    h = hitung(d, a)
    # (20*50 + 20*100 + 20*66.667 + 15*100 + 15*0 + 10*100) / 100 = 68.33
    assert [x.verifikasi for x in h.aspek] == [50.0, 100.0, 66.67, 100.0, 0.0, 100.0]
    assert h.final == 68.33 and h.kategori == "Cukup Informatif"


def test_kegiatan_target_realisasi_hand_computed() -> None:
    d = defn("monitoring_kegiatan")

    def tr(t: float, r: float) -> str:
        return json.dumps({"target": t, "realisasi": r})

    a = {"KG.1.R": Isian(tr(10, 8)), "KG.1.V": Isian("ya"), "KG.1.K": Isian("Anggaran terlambat"),
         "KG.1.S": Isian("Percepat DPA"), "KG.2.R": Isian(tr(100, 120)), "KG.2.V": Isian("tidak"),
         "KG.3.R": Isian(tr(4, 4)), "KG.3.V": Isian("ya"), "LY.1.R": Isian(tr(50, 25)), "LY.1.V": Isian("ya"),
         "LY.2.R": Isian(tr(20, 0)), "LY.2.V": Isian("tidak")}
    h = hitung(d, a)
    ind = {n.kode: n.verifikasi for n in h.indikator}
    assert ind == {"KG.1": 85.0, "KG.2": 75.0, "KG.3": 100.0, "LY.1": 62.5, "LY.2": 0.0}
    # (60*86.667 + 40*31.25) / 100 = 64.50
    assert h.final == 64.5 and h.kategori == "Cukup"


def small(**over: object) -> dict:
    d = {
        "kode": "uji", "nama": "Uji", "jenis": "lain", "skala": 100, "presisi": 2,
        "band": [{"nama": "Rendah", "min": 0, "max": 50}, {"nama": "Tinggi", "min": 50, "max": 100}],
        "aspek": [
            {"kode": "A", "nama": "A", "bobot": 60, "indikator": [{"kode": "A1", "nama": "A1", "pertanyaan": [
                {"kode": "q1", "teks": "Q1", "jenis": "ya_tidak", "boleh_na": True}]}]},
            {"kode": "B", "nama": "B", "bobot": 40, "indikator": [{"kode": "B1", "nama": "B1", "pertanyaan": [
                {"kode": "q2", "teks": "Q2", "jenis": "ya_tidak", "bobot": 3},
                {"kode": "q3", "teks": "Q3", "jenis": "ya_tidak", "bobot": 1}]}]},
        ],
    }
    d.update(over)
    return d


def test_na_reweights_whole_aspek() -> None:
    d = I.dari_dict(small())
    h = hitung(d, {"q1": Isian(na=True), "q2": Isian("ya"), "q3": Isian("tidak")})
    # aspek A dropped; total = B = (3*1 + 1*0)/4 = 75
    assert aspek(h, "A").verifikasi is None
    assert h.final == 75.0 and h.kategori == "Tinggi"
    h = hitung(d, {"q1": Isian("tidak"), "q2": Isian("ya"), "q3": Isian("tidak")})
    assert h.final == 30.0  # 0.6*0 + 0.4*75


def test_rounding_is_half_up() -> None:
    assert I.bulat(89.945, 2) == 89.95
    assert I.bulat(2.675, 2) == 2.68
    assert I.bulat(0.125, 2) == 0.13
