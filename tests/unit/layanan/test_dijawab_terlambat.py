"""Late written notices (UU 14/2008 Pasal 22(7)–(8)): 10 working days, or 17 with an extension made in
time. The report's counts are checked against an independent count over ``ppid permohonan list --json``."""

from __future__ import annotations

import json
from datetime import date

import pytest

from ppid_desktop import cli
from ppid_desktop.layanan import rules as RU  # noqa: N812
from ppid_desktop.layanan.masukan import KeputusanMasukan, PermohonanMasukan
from ppid_desktop.layanan.queries import RegisterFilter, register_rows
from tests.conftest import cli_admin
from tests.unit.layanan.conftest import data_permohonan

D0 = date(2026, 4, 1)


@pytest.fixture
def jawaban(kantor, petugas, ppid, opd):
    """Six requests received Wed 1 Apr 2026; notices on working day 3, 10, 12, 17 (extended) and 18 (extended)."""
    L = kantor.layanan
    cal, _ = L.kalender(date(2026, 4, 1))
    hk = {n: cal.add_workdays(D0, n).jatuh_tempo for n in (3, 10, 12, 17, 18)}
    out = {}

    def buat(nama, opd_kode="DINKES"):
        return L.catat_permohonan(petugas, PermohonanMasukan.dari_dict(data_permohonan(nama=nama, opd_id=opd[opd_kode], tanggal_diterima=D0)))

    def putus(p, d):
        L.putuskan(ppid, p.id, KeputusanMasukan.dari_dict({"keputusan": RU.SELURUHNYA, "tanggal_pemberitahuan": d}))

    out["tepat"] = buat("Tepat")
    putus(out["tepat"], hk[3])
    out["hari10"] = buat("Hari sepuluh")
    putus(out["hari10"], hk[10])
    out["hari12"] = buat("Hari dua belas", "DPUPR")  # no extension: late (Pasal 22(7))
    putus(out["hari12"], hk[12])
    out["diperpanjang"] = buat("Diperpanjang")
    L.disposisi(petugas, out["diperpanjang"].id)
    L.perpanjang(ppid, out["diperpanjang"].id, "Dihimpun", hk[3])
    putus(out["diperpanjang"], hk[17])
    out["lewat17"] = buat("Lewat tujuh belas", "DPUPR")
    L.disposisi(petugas, out["lewat17"].id)
    L.perpanjang(ppid, out["lewat17"].id, "Dihimpun", hk[3])
    putus(out["lewat17"], hk[18])
    out["terbuka"] = buat("Belum dijawab")
    return out


def test_flag_per_request(kantor, jawaban):
    got = {p.nama: RU.dijawab_terlambat(kantor.layanan.ambil_permohonan(p.id)) for p in jawaban.values()}
    assert got == {"Tepat": False, "Hari sepuluh": False, "Hari dua belas": True, "Diperpanjang": False,
                   "Lewat tujuh belas": True, "Belum dijawab": False}


def test_extension_made_too_late_extends_nothing():
    d = date
    assert RU.batas_jawab(d(2026, 6, 15), d(2026, 6, 16), d(2026, 6, 24)) == d(2026, 6, 15)
    assert RU.batas_jawab(d(2026, 6, 15), d(2026, 6, 15), d(2026, 6, 24)) == d(2026, 6, 24)
    assert RU.batas_jawab(d(2026, 6, 15), None, None) == d(2026, 6, 15)


def _cli(kantor, capsys, *args):
    cli_admin(kantor.store.path)  # the CLI signs in
    capsys.readouterr()
    assert cli.main(["--db", str(kantor.store.path), *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_cli_list_json_and_report_agree_with_an_independent_count(kantor, jawaban, capsys):
    rows = _cli(kantor, capsys, "permohonan", "list")
    filtered = _cli(kantor, capsys, "permohonan", "list", "--dijawab-terlambat")
    r = _cli(kantor, capsys, "laporan", "layanan", "--dari", "2026-04-01", "--sampai", "2026-04-30")
    with kantor.store.read() as s:
        assert list(register_rows(s, RegisterFilter(dijawab_terlambat=True))) != []
    assert {"terlambat", "dijawab_terlambat"} <= set(rows[0])
    by_name = {x["nama"]: x for x in rows}
    assert by_name["Hari dua belas"]["dijawab_terlambat"] is True
    assert by_name["Belum dijawab"]["dijawab_terlambat"] is False
    # independent count: the notice date against 10 HK / 17 HK recomputed here from the list's own dates
    cal, _ = kantor.layanan.kalender(date(2026, 4, 1))
    late = 0
    for x in rows:
        if not x["tanggal_pemberitahuan"]:
            continue
        d0, pb = date.fromisoformat(x["tanggal_diterima"]), date.fromisoformat(x["tanggal_pemberitahuan"])
        limit = 17 if x["tenggat_perpanjangan"] else 10
        late += cal.workdays_between(d0, pb) > limit
    assert late == 2 == r["dijawab_terlambat"] == sum(1 for x in rows if x["dijawab_terlambat"])
    assert r["dijawab_tepat_waktu"] == 3
    assert {x["nama"] for x in filtered} == {"Hari dua belas", "Lewat tujuh belas"}
    dpupr = next(o for o in r["per_opd"] if o["opd"].startswith("Dinas Pekerjaan"))
    assert dpupr["dijawab_terlambat"] == 2 and dpupr["dijawab_tepat_waktu"] == 0
