"""Text hygiene at the unit of work, identity digits, and anonymisation leaving nothing behind."""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ppid_desktop.core import teks
from ppid_desktop.core.errors import UserError, ValidationError
from ppid_desktop.core.identitas import parse_nik, parse_nip
from ppid_desktop.layanan.masukan import KeputusanMasukan, PermohonanMasukan
from ppid_desktop.master.masukan import IsianOpd
from ppid_desktop.master.models import PerangkatDaerah
from ppid_desktop.services import Services


@pytest.mark.parametrize("bad, what", [
    ("Budi\x0bSantoso", "U+000B"), ("Budi\x00", "U+0000"), ("abc\u202edcba", "U+202E"),
    ("\u200b\u200b", "tak terlihat"),
])
def test_bad_text_is_refused_naming_field_and_character(services: Services, admin, bad: str, what: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as exc, services.store.session(admin) as s:
        s.add(PerangkatDaerah(kode="X", nama=bad))
    assert "nama" in exc.value.problems and what in exc.value.problems["nama"]
    assert services.master.daftar_opd() == []


def test_text_is_nfc_and_newlines_unified(services: Services, admin) -> None:  # type: ignore[no-untyped-def]
    decomposed = unicodedata.normalize("NFD", "Dinas Pariwisata Café")
    opd = services.master.simpan_opd(admin, IsianOpd.dari({"kode": "DISPAR", "nama": decomposed, "alamat": "Jl. A\r\nNo. 1"}))
    stored = services.master.ambil_opd(opd.id)
    assert stored.nama == unicodedata.normalize("NFC", decomposed) and stored.alamat == "Jl. A\nNo. 1"


@pytest.mark.parametrize("raw, odd", [
    ("３２０１０１１２０３８００００３", "U+FF13"),  # full-width
    ("٣٢٠١٠١١٢٠٣٨٠٠٠٠٣", "U+0663"),  # Arabic-Indic
    ("320101120380000³", "U+00B3"),  # superscript
])
def test_nik_accepts_only_ascii_digits_and_names_the_odd_one(raw: str, odd: str) -> None:
    with pytest.raises(UserError, match=re.escape(odd)):
        parse_nik(raw)
    with pytest.raises(UserError, match="NIP"):
        parse_nip(raw[:16] + "12")
    assert parse_nik("3201011203800003").nik == "3201011203800003"


def test_phone_with_odd_digits_is_refused(services: Services, admin) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match=re.escape("U+FF10")):
        services.master.simpan_opd(admin, IsianOpd.dari({"kode": "A", "nama": "A", "ppid_telepon": "０８１２"}))


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_bersihkan_never_crashes_and_what_it_keeps_is_clean(value: str) -> None:
    try:
        out = teks.bersihkan(value, "f")
    except ValidationError as exc:
        assert "f" in exc.problems
        return
    assert unicodedata.is_normalized("NFC", out)
    assert all(ch in "\t\n" or unicodedata.category(ch) != "Cc" for ch in out)
    assert not set(out) & teks.BIDI_CONTROLS
    assert teks.aman_untuk_ekspor(value).count("\x0b") == 0


def test_attachment_names_keep_no_personal_numbers() -> None:
    assert teks.nama_berkas_aman("KTP_3201011203800003.JPG", "ktp") == "KTP.jpg"
    assert teks.nama_berkas_aman("surat kuasa 3201011203800003 budi@contoh.id.pdf", "surat_kuasa") == \
        "surat kuasa ••• •••.pdf"
    assert teks.nama_berkas_aman("Akta pendirian 2019.pdf", "akta") == "Akta pendirian 2019.pdf"


def test_anonymisation_leaves_no_personal_value_in_the_file_wal_or_audit(profil: Services, admin,  # type: ignore[no-untyped-def]
                                                                          tmp_path: Path, db_path: Path) -> None:
    L = profil.layanan
    L.clock = lambda: date(2020, 3, 2)
    ktp = tmp_path / "KTP_3373011203800003.jpg"
    ktp.write_bytes(b"\xff\xd8 foto ktp")
    p = L.catat_permohonan(admin, PermohonanMasukan.dari_dict({
        "tanggal_diterima": date(2020, 2, 3), "nama": "Wulandari Kusumaningrum", "nik": "3373011203800003",
        "alamat": "Jl. Kenari Kuning 77", "telepon": "081299887766", "email": "wulan.rahasia@contoh.id",
        "nama_kuasa": "Hendra Wijayakusuma", "kuasa": True, "rincian": "Salinan DPA", "tujuan": "Penelitian"}),
        lampiran=[("ktp", ktp)])
    L.putuskan(admin, p.id, KeputusanMasukan.dari_dict({"keputusan": "tidak_dikuasai", "badan_penguasa": "BPS",
                             "tanggal_pemberitahuan": date(2020, 2, 10)}))
    L.selesaikan(admin, p.id, tanggal=date(2020, 2, 10))
    L.clock = lambda: date(2026, 6, 15)
    assert L.anonimkan(admin, date(2026, 6, 15))["permohonan"] == 1
    blobs = b""
    for f in (db_path, Path(f"{db_path}-wal")):
        if f.exists():
            blobs += f.read_bytes()
    for secret in ("Kenari Kuning", "081299887766", "wulan.rahasia", "Hendra Wijayakusuma", "3373011203800003"):
        assert secret.encode() not in blobs, secret
    con = sqlite3.connect(db_path)
    try:
        names = [r[0] for r in con.execute("SELECT nama_berkas FROM lampiran_layanan")]
    finally:
        con.close()
    assert names == ["ktp (dihapus)"]


def test_register_exports_escape_what_old_data_holds(profil: Services, admin, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    from ppid_desktop.layanan import dokumen

    p = profil.layanan.catat_permohonan(admin, PermohonanMasukan.dari_dict({"tanggal_diterima": date(2026, 3, 16), "nama": "Budi",
                                                 "nik": "3201011203800003", "rincian": "x", "tujuan": "y"}))
    con = sqlite3.connect(db_path)  # written by an older version, before the hygiene existed
    con.execute("UPDATE permohonan SET nama = ?, rincian = ? WHERE id = ?", ("Bu\x0bdi\x00\u202e", "a\x0cb", p.id))
    con.commit()
    con.close()
    out = tmp_path / "r.xlsx"
    profil.rekap.ekspor(admin, "register-permohonan", out)
    cells = [c for r in load_workbook(out).active.iter_rows(values_only=True) for c in r if isinstance(c, str)]
    assert "Bu\\x0bdi\\x00\\u202e" in cells and "a\\x0cb" in cells
    assert dokumen.cetak_register(profil, admin, date(2026, 1, 1), date(2026, 12, 31)).startswith(b"%PDF")
