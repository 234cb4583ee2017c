"""Registers kept in the Perki 1/2021 layout, as offices keep them, import with no manual mapping.

The fixtures are built here in that layout (domain.md §1.4): a title block, a two-row header where
"Status Informasi", "Bentuk Informasi yang Dikuasai" and "Jenis Permohonan" span ticked sub-columns, a
row of column numbers, dates with the weekday in front, no NIK column, refusal reasons written out and
decisions worded the way offices word them. Variants change the tick marks, the wording and the layout.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from ppid_desktop.layanan import rules as RU  # noqa: N812
from ppid_desktop.layanan.models import Permohonan, RiwayatLayanan
from ppid_desktop.services import Services

from .conftest import build_xlsx, count

GRUP = ["No", "Tanggal", "Nama", "Alamat", "Nomor Kontak", "Pekerjaan", "Informasi yang Diminta",
        "Tujuan Penggunaan Informasi", "Status Informasi", None, None, "Bentuk Informasi yang Dikuasai", None,
        "Jenis Permohonan", None, "Keputusan", "Alasan Penolakan", "Hari dan Tanggal Pemberitahuan Tertulis",
        "Biaya dan Cara Pembayaran"]
SUB = [None] * 8 + ["Dikuasai", "Tidak Dikuasai", "Belum Didokumentasikan", "Softcopy", "Hardcopy",
                    "Melihat/Mengetahui", "Meminta Salinan", None, None, None, None]
MERGES = ["I4:K4", "L4:M4", "N4:O4", *[f"{c}4:{c}5" for c in "ABCDEFGHPQRS"]]
JUDUL = [["BUKU REGISTER PERMOHONAN INFORMASI PUBLIK"], ["PPID DINAS KESEHATAN KOTA SALATIGA TAHUN 2026"], []]


def _baris(no, tgl, nama, si, bi, jp, keputusan, alasan, tgl_pb, biaya, tick="√"):
    sub = [None] * 7
    sub[{"d": 0, "t": 1, "b": 2}[si]] = tick
    if bi:
        sub[3 + {"s": 0, "h": 1}[bi]] = tick
    sub[5 + {"m": 0, "s": 1}[jp]] = tick
    return [no, tgl, nama, "Jl. Diponegoro 1, Salatiga", "081234567890", "Mahasiswa", "Data stunting 2025",
            "Penelitian", *sub, keputusan, alasan, tgl_pb, biaya]


def _register(path: Path, rows, *, nomor_kolom: bool = True, sub=SUB, grup=GRUP) -> Path:
    data = [*JUDUL, grup, sub]
    if nomor_kolom:
        data.append(list(range(1, len(grup) + 1)))
    data += rows
    return build_xlsx(path, data, sheet="Register 2026", merges=MERGES)


@pytest.fixture
def kantor(profil: Services) -> Services:
    profil.layanan.clock = lambda: date(2026, 6, 30)
    return profil


def _semua(svc: Services) -> dict[str, Permohonan]:
    with svc.store.read() as s:
        return {p.nomor: p for p in s.exec(select(Permohonan))}


def test_perki_register_imports_without_mapping(kantor: Services, admin, tmp_path: Path) -> None:
    path = _register(tmp_path / "perki.xlsx", [
        _baris("1/PPID/II/2026", "Selasa, 10 Februari 2026", "Budi", "d", "s", "s", "Dikabulkan Seluruhnya", None,
               "Jumat, 13 Februari 2026", "Rp0 (gratis)"),
        _baris("2/PPID/II/2026", "Rabu, 11 Februari 2026", "Ani", "d", "h", "s", "Ditolak",
               "Pasal 17 huruf b UU 14/2008 (hak kekayaan intelektual dan persaingan usaha tidak sehat)",
               "Senin, 23 Februari 2026", None),
        _baris("3/PPID/II/2026", "Kamis, 12 Februari 2026", "Citra", "t", None, "m", "Informasi tidak dikuasai", None,
               "Selasa, 17 Februari 2026", "-"),
        _baris("4/PPID/II/2026", "Jumat, 13 Februari 2026", "Dodi", "b", None, "s", "Belum didokumentasikan", None,
               "Rabu, 18 Februari 2026", "Rp 15.000 (fotokopi 150 lembar, tunai)"),
    ])
    h = kantor.rekap.impor(admin, "permohonan", path)
    assert h.diterapkan and h.baru == 4, [(p.row, p.column, p.message) for p in h.galat]
    tanpa = [p for p in h.masalah if "tanpa NIK" in p.message]
    assert len(tanpa) == 4 and all(p.severity == "warning" for p in tanpa)
    ps = _semua(kantor)
    a, b, c, d = (ps[f"{i}/PPID/II/2026"] for i in range(1, 5))
    assert a.tanggal_diterima == date(2026, 2, 10) and a.tanggal_pemberitahuan == date(2026, 2, 13)
    assert a.keputusan == RU.SELURUHNYA and a.status == RU.DIPUTUSKAN and a.tanpa_nik and not a.nik_enc
    assert a.bentuk_informasi == "softcopy" and a.cara_memperoleh == "salinan_softcopy" and a.biaya_total == 0
    assert b.keputusan == RU.DITOLAK and b.pasal17 == "b" and "hak kekayaan intelektual" in b.catatan_keputusan
    assert b.cara_memperoleh == "salinan_hardcopy"
    assert c.keputusan == RU.TIDAK_DIKUASAI and c.badan_penguasa and c.cara_memperoleh == "melihat"
    assert d.keputusan == RU.BELUM_DIDOKUMENTASIKAN and d.biaya_total == 15000
    with kantor.store.read() as s:
        notes = [r.catatan for r in s.exec(select(RiwayatLayanan).where(RiwayatLayanan.objek_id == d.id))]
    assert any("Rp15.000" in n and "fotokopi" in n for n in notes)
    assert any("pemberitahuan tertulis 18 Februari 2026" in n for n in notes)


@pytest.mark.parametrize("tick", ["v", "V", "x", "X", 1, "ya", "√"])
def test_tick_variants_and_no_number_row(kantor: Services, admin, tmp_path: Path, tick) -> None:
    sub = [None] * 8 + ["Dikuasai", "Tidak Dikuasai", "Belum Didokumentasikan", "Soft Copy", "Hard Copy",
                        "Melihat / Mengetahui", "Meminta Salinan", None, None, None, None]
    path = _register(tmp_path / "v.xlsx", [
        _baris("10/PPID/2026", "10/02/2026", "Eka", "d", "s", "m", "Dikabulkan Seluruhnya", None, "12/02/2026",
               5000, tick=tick),
    ], nomor_kolom=False, sub=sub)
    h = kantor.rekap.impor(admin, "permohonan", path)
    assert h.diterapkan and h.baru == 1, [(p.row, p.column, p.message) for p in h.galat]
    p = _semua(kantor)["10/PPID/2026"]
    assert p.cara_memperoleh == "melihat" and p.bentuk_informasi == "softcopy" and p.biaya_total == 5000


def test_thirty_february_weekday_date_is_an_error_with_row_and_column(kantor: Services, admin, tmp_path) -> None:
    path = _register(tmp_path / "salah.xlsx", [
        _baris("1/PPID/2026", "Senin, 30 Februari 2026", "Fajar", "d", "s", "s", "Dikabulkan Seluruhnya", None,
               "Selasa, 3 Maret 2026", None),
        _baris("2/PPID/2026", "Senin, 10 Februari 2026", "Gita", "d", "s", "s", "Dikabulkan Seluruhnya", None,
               "Kamis, 12 Februari 2026", None),  # 10 Feb 2026 is a Tuesday: a warning, the date is used
    ])
    h = kantor.rekap.periksa("permohonan", path)
    (err,) = h.galat
    assert err.row == 7 and err.column.startswith("B") and "tidak ada" in err.message and "30" in (err.value or "")
    assert any("Senin" in p.message and "Selasa" in p.message and p.row == 8 for p in h.masalah)
    h = kantor.rekap.impor(admin, "permohonan", path)
    assert not h.diterapkan and count(kantor, Permohonan) == 0


def test_two_ticks_in_one_group_and_unknown_opd_reported_in_one_dry_run(kantor: Services, admin, tmp_path) -> None:
    row = _baris("1/PPID/2026", "10/02/2026", "Hadi", "d", "s", "s", "Dikabulkan Seluruhnya", None, "12/02/2026", None)
    row[9] = "√"  # Tidak Dikuasai ticked too
    path = _register(tmp_path / "dua.xlsx", [row])
    h = kantor.rekap.periksa("permohonan", path)
    assert any("hanya satu sub-kolom" in p.message for p in h.galat)
    # a row with a bad cell and an unknown OPD: both in the same dry run
    path = build_xlsx(tmp_path / "opd.xlsx", [
        ["No. Pendaftaran", "Tanggal", "Nama", "NIK", "Informasi yang Diminta", "Tujuan Penggunaan Informasi", "OPD"],
        ["9/PPID/2026", "31/02/2026", "Ika", "3373014203850002", "Data", "Kajian", "DINAS ANTAH"]])
    h = kantor.rekap.periksa("permohonan", path)
    msgs = [p.message for p in h.galat]
    assert any("tidak ada" in m for m in msgs) and any("tidak dikenal di Data Master" in m for m in msgs)


def test_ods_file_says_save_as_xlsx(kantor: Services, admin, tmp_path: Path) -> None:
    import zipfile

    from ppid_desktop.core.errors import UserError

    path = tmp_path / "register.ods"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(UserError, match=r"\.ods.*Simpan sebagai"):
        kantor.rekap.periksa("permohonan", path)


@pytest.mark.parametrize(("teks", "huruf"), [
    ("h", "h"), ("a, h", "a,h"), ("huruf h", "h"), ("Pasal 17 huruf a dan h", "a,h"),
    ("Pasal 17 huruf b UU 14/2008 (hak kekayaan intelektual dan persaingan usaha tidak sehat)", "b"),
    ("Dikecualikan berdasarkan Pasal 17 huruf j jo. UU 27/2022 tentang PDP", "j"),
])
def test_pasal17_letters_read_from_the_reason(teks, huruf) -> None:
    from ppid_desktop.rekap.kinds.layanan import _pasal

    assert _pasal(teks) == huruf


@pytest.mark.parametrize(("sel", "rupiah"), [
    ("Rp0 (gratis)", 0), ("Gratis", 0), ("-", 0), (15000, 15000), ("Rp 15.000 (fotokopi, tunai)", 15000),
    ("Rp15.000,00", 15000), ("Rp 2.500.000", 2500000), ("7500", 7500),
])
def test_cost_column(sel, rupiah) -> None:
    from ppid_desktop.rekap.kinds.layanan import _biaya

    assert _biaya(sel)[0] == rupiah
