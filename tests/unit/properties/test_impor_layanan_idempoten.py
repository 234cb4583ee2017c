"""The permohonan register import as properties (hypothesis), through its typed rows
(``layanan.masukan.BarisImporPermohonan``: a field not in the file is ``TETAP``):

- importing the same register workbook twice changes nothing (no row created or updated, every stored
  column — revision and timestamps included — the same), with or without ``--perbarui``;
- a workbook missing some optional columns, imported with ``--perbarui`` over the stored register, never
  blanks (or changes) the fields of those columns, while a changed column present in the file is applied.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from ppid_desktop.akun import roles as R
from ppid_desktop.core.clock import FixedClock
from ppid_desktop.layanan import rules as RU  # noqa: N812
from ppid_desktop.layanan.masukan import KeputusanMasukan, PermohonanMasukan
from ppid_desktop.layanan.models import Permohonan
from ppid_desktop.master.masukan import IsianProfil
from ppid_desktop.services import Services
from tests.conftest import TEST_DEVICE, copy_template, make_actor

ADMIN = make_actor(R.ADMIN, username="admin")
HARI_INI = date(2026, 6, 30)

TEKS = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "Zs", "Pd", "Po")),
               min_size=1, max_size=30).map(str.strip).filter(bool)
NIK = st.integers(0, 9999).map(lambda n: f"33730112038{n:04d}3"[:16])

# Columns a register may lack (the required ones — number, date, name, request, purpose — stay); the
# decision's columns go together (a row saying "Ditolak" without its Pasal 17 reason, or "Diputuskan" without
# a decision, is refused, rightly: the row contradicts itself).
OPSIONAL = (("Alamat",), ("Nomor Kontak",), ("E-mail",), ("Pekerjaan",), ("NIK",), ("Saluran",),
            ("Cara Memperoleh Informasi",), ("Status",),
            ("Keputusan", "Tanggal Pemberitahuan Tertulis", "Alasan Penolakan", "Status"))
KOLOM_FIELD = {"Alamat": "alamat", "Nomor Kontak": "telepon", "E-mail": "email", "Pekerjaan": "pekerjaan",
               "NIK": "nik_hash", "Saluran": "saluran", "Keputusan": "keputusan",
               "Tanggal Pemberitahuan Tertulis": "tanggal_pemberitahuan", "Alasan Penolakan": "pasal17",
               "Cara Memperoleh Informasi": "cara_memperoleh", "Status": "status"}


@st.composite
def permohonan(draw: st.DrawFn) -> list[dict[str, Any]]:
    n = draw(st.integers(1, 4))
    rows = []
    for i in range(n):
        rows.append({
            "masukan": PermohonanMasukan(
                nama=draw(TEKS), nik=draw(NIK), tanggal_diterima=HARI_INI - timedelta(days=draw(st.integers(20, 200))),
                alamat=draw(st.one_of(st.just(""), TEKS)), pekerjaan=draw(st.one_of(st.just(""), TEKS)),
                telepon=draw(st.sampled_from(("", "0812345678", "(0298) 326767"))),
                email=draw(st.sampled_from(("", "warga@contoh.id"))),
                saluran=draw(st.sampled_from(tuple(RU.SALURAN))), rincian=f"Informasi {i}: " + draw(TEKS),
                tujuan=draw(TEKS)),
            "putus": draw(st.sampled_from((None, RU.SELURUHNYA, RU.DITOLAK))),
        })
    return rows


@contextmanager
def fresh(template: Path, d: Path, name: str) -> Iterator[Services]:
    svc = Services.open(copy_template(template, d / name), device=TEST_DEVICE, clock=FixedClock(HARI_INI))
    try:
        svc.master.simpan_profil(ADMIN, IsianProfil(pemerintah="PEMERINTAH KOTA SALATIGA", kota="Salatiga",
                                                    perangkat_daerah="DINAS KOMUNIKASI DAN INFORMATIKA",
                                                    alamat="Jalan Letjen Sukowati Nomor 51", kode_unit="DISKOMINFO"))
        yield svc
    finally:
        svc.close()


def isi(svc: Services, rows: list[dict[str, Any]]) -> None:
    lay = svc.layanan
    for r in rows:
        p = lay.catat_permohonan(ADMIN, r["masukan"])
        if r["putus"]:
            tgl = r["masukan"].tanggal_diterima + timedelta(days=3)
            lay.putuskan(ADMIN, p.id, KeputusanMasukan(
                keputusan=r["putus"], tanggal_pemberitahuan=tgl,
                pasal17=("h",) if r["putus"] == RU.DITOLAK else (),
                uji_konsekuensi="Membuka informasi ini menimbulkan konsekuensi." if r["putus"] == RU.DITOLAK else ""))


def snapshot(svc: Services) -> list[tuple[Any, ...]]:
    with svc.store.read() as s:
        return sorted(tuple(getattr(r, c) for c in Permohonan.model_fields) for r in s.exec(select(Permohonan)))


def per_nomor(svc: Services) -> dict[str, Permohonan]:
    with svc.store.read() as s:
        return {p.nomor: p for p in s.exec(select(Permohonan))}


def tanpa_kolom(src: Path, dst: Path, buang: set[str], nama_baru: str) -> None:
    """The register workbook without the columns ``buang`` and with every name replaced by ``nama_baru``."""
    wb = openpyxl.load_workbook(src)
    ws = wb["Register Permohonan"]
    header_row = next(r for r in range(1, 15) if ws.cell(r, 1).value == "No. Pendaftaran")
    judul = {ws.cell(header_row, c).value: c for c in range(1, ws.max_column + 1)}
    for r in range(header_row + 1, ws.max_row + 1):
        if ws.cell(r, judul["Nama"]).value:
            ws.cell(r, judul["Nama"]).value = nama_baru
    for c in sorted((judul[k] for k in buang), reverse=True):
        ws.delete_cols(c)
    wb.save(dst)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(rows=permohonan(), perbarui=st.booleans(), buang=st.sets(st.sampled_from(OPSIONAL), min_size=1, max_size=4).map(lambda g: {k for x in g for k in x}))
def test_register_import_is_idempotent_and_a_missing_column_never_blanks_a_field(
        template_db: Path, rows: list[dict[str, Any]], perbarui: bool, buang: set[str]) -> None:
    with tempfile.TemporaryDirectory() as d, fresh(template_db, Path(d), "a.sqlite") as source, \
            fresh(template_db, Path(d), "b.sqlite") as target:
        isi(source, rows)
        book = Path(d) / "register.xlsx"
        source.rekap.ekspor(ADMIN, "register-permohonan", book, tampilkan_nik=True)

        first = target.rekap.impor(ADMIN, "permohonan", book)
        assert first.bersih and first.diterapkan, first.masalah
        once = snapshot(target)
        assert len(once) == len(rows)
        again = target.rekap.impor(ADMIN, "permohonan", book, perbarui=perbarui)
        assert (again.baru, again.ubah) == (0, 0), [(i.aksi, i.kunci, i.data) for i in again.items]
        assert snapshot(target) == once

        before = per_nomor(target)
        kurang = Path(d) / "kurang.xlsx"
        tanpa_kolom(book, kurang, buang, "Nama Diubah")
        h = target.rekap.impor(ADMIN, "permohonan", kurang, perbarui=True)
        assert h.bersih and h.diterapkan, h.masalah
        after = per_nomor(target)
        assert set(after) == set(before)
        for nomor, p in after.items():
            assert p.nama == "Nama Diubah"  # a column the file has is applied
            for kolom in buang:  # the columns it lacks are left as they were
                f = KOLOM_FIELD[kolom]
                assert getattr(p, f) == getattr(before[nomor], f), (nomor, kolom)
            assert p.tanpa_nik == before[nomor].tanpa_nik
