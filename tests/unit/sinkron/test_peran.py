"""Office and field roles: only the office database issues register numbers; a field laptop numbers
berita acara from the block its programme package assigned, and nothing else."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from ppid_desktop.akun import roles as R
from ppid_desktop.core import penomoran
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.device import Device
from ppid_desktop.core.errors import UserError
from ppid_desktop.layanan.masukan import PermohonanMasukan
from ppid_desktop.services import Services
from tests.unit.sinkron.tim import Dasar, Replika, actor_for, salin

PERMOHONAN = {
    "tanggal_diterima": date(2026, 6, 1), "saluran": "langsung", "jenis_pemohon": "perorangan",
    "nama": "Budi Santoso", "nik": "3373011203800003", "alamat": "Jl. Diponegoro 10, Salatiga", "pekerjaan": "Wiraswasta",
    "telepon": "081234567890", "email": "budi@example.com", "rincian": "Salinan DPA Dinas Kesehatan tahun 2025",
    "tujuan": "Penelitian skripsi", "cara_memperoleh": "salinan_softcopy", "cara_salinan": "email",
}


@pytest.fixture
def pasangan(dasar: Dasar, tmp_path: Path) -> Iterator[tuple[Replika, Replika]]:
    kantor = salin(dasar, tmp_path, "kantor")
    svc = Services.open(tmp_path / "lapangan.sqlite", device=Device(id="lap", name="Laptop Lapangan"))
    lap = Replika(svc, actor_for(svc, "lap"), "lapangan")
    lap.s.kunci_pasang(lap.actor, kantor.s.teks_kunci(kantor.actor))
    path = tmp_path / "program.ppidsync"
    kantor.s.ekspor(kantor.actor, path, program=dasar.program_id)
    lap.s.impor(lap.actor, path)
    yield kantor, lap
    lap.svc.close()
    kantor.svc.close()


def test_program_package_on_a_fresh_install_makes_a_field_laptop(pasangan: tuple[Replika, Replika]) -> None:
    kantor, lap = pasangan
    assert kantor.s.peran() == "kantor"
    assert lap.s.peran() == "lapangan"
    assert lap.s.perangkat()["peran"] == "lapangan"
    with lap.svc.store.engine.connect() as conn:
        audit = conn.execute(text("SELECT summary FROM audit_log WHERE entity = 'sinkron_peran'")).scalars().all()
    assert audit and "lapangan" in audit[-1]
    assert not lap.svc.store.integrity_check(audit_chain=True)


def test_field_laptop_refuses_register_numbers(pasangan: tuple[Replika, Replika]) -> None:
    kantor, lap = pasangan
    with pytest.raises(penomoran.NomorKantor, match="nomor pendaftaran permohonan hanya diterbitkan oleh database kantor"):
        lap.svc.layanan.catat_permohonan(lap.actor, PermohonanMasukan.dari_dict(dict(PERMOHONAN)))
    with lap.svc.store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM permohonan")).scalar_one() == 0  # nothing half-written
    for seri, pesan in (("keberatan", "nomor registrasi keberatan"), ("surat_keluar", "surat keluar"),
                        ("nota_dinas", "surat keluar")):
        with pytest.raises(penomoran.NomorKantor, match=pesan), lap.svc.store.session(lap.actor) as s:
            penomoran.next_number(s, seri, date(2026, 6, 1))
    # The office numbers as before.
    p = kantor.svc.layanan.catat_permohonan(kantor.actor, PermohonanMasukan.dari_dict(dict(PERMOHONAN)))
    assert p.nomor.startswith("001/")


def test_field_laptop_numbers_berita_acara_from_its_block_only(dasar: Dasar, pasangan: tuple[Replika, Replika]) -> None:
    _kantor, lap = pasangan
    tahun = date.today().year
    with lap.svc.store.session(lap.actor) as s:
        assert penomoran.reserve_numbers(s, "berita_acara", tahun, 49) == range(1, 50)
    with pytest.raises(penomoran.NomorKantor, match="sudah habis"), lap.svc.store.session(lap.actor) as s:
        penomoran.reserve_numbers(s, "berita_acara", tahun, 2)
    with pytest.raises(penomoran.NomorKantor, match=f"bukan untuk tahun {tahun + 1}"), \
            lap.svc.store.session(lap.actor) as s:
        penomoran.next_number(s, "berita_acara", date(tahun + 1, 1, 2))
    se = lap.svc.monev.mulai_sesi(lap.actor, dasar.jadwal_ids[0])
    assert lap.svc.monev.finalisasi(lap.actor, se.id, paksa=True).ba_nomor.startswith("50/")  # the block's last
    se2 = lap.svc.monev.mulai_sesi(lap.actor, dasar.jadwal_ids[1])
    with pytest.raises(penomoran.NomorKantor, match="Minta paket program monev baru"):
        lap.svc.monev.finalisasi(lap.actor, se2.id, paksa=True)


def test_role_is_set_by_an_admin_and_audited(pasangan: tuple[Replika, Replika]) -> None:
    kantor, lap = pasangan
    petugas = Actor(username="petugas", device_id="x", device_name="x", roles=frozenset({R.PETUGAS}), nama="P")
    with pytest.raises(UserError):
        lap.s.atur_peran(petugas, "kantor")
    with pytest.raises(UserError, match="tidak dikenal"):
        lap.s.atur_peran(lap.actor, "cabang")
    lap.s.atur_peran(lap.actor, "kantor")
    assert lap.s.peran() == "kantor"
    assert lap.svc.layanan.catat_permohonan(lap.actor, PermohonanMasukan.dari_dict(dict(PERMOHONAN))).nomor
    kantor.s.atur_peran(kantor.actor, "lapangan")
    with lap.svc.store.engine.connect() as conn:
        rows = conn.execute(text("SELECT username, summary FROM audit_log WHERE entity = 'sinkron_peran' "
                                 "ORDER BY id")).all()
    assert rows[-1] == ("lap", "Peran laptop diubah dari lapangan menjadi kantor.")
    with pytest.raises(penomoran.NomorKantor), kantor.svc.store.session(kantor.actor) as s:
        penomoran.next_number(s, "permohonan", date(2026, 6, 1))


def test_a_program_package_does_not_demote_a_database_in_use(dasar: Dasar, tmp_path: Path) -> None:
    kantor, kedua = salin(dasar, tmp_path, "kantor"), salin(dasar, tmp_path, "kedua")
    try:
        kedua.svc.layanan.catat_permohonan(kedua.actor, PermohonanMasukan.dari_dict(dict(PERMOHONAN)))
        path = tmp_path / "program.ppidsync"
        kantor.s.ekspor(kantor.actor, path, program=dasar.program_id)
        kedua.s.impor(kedua.actor, path)
        assert kedua.s.peran() == "kantor"
    finally:
        kantor.svc.close()
        kedua.svc.close()
