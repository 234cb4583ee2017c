from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from ppid_desktop.akun import roles as R
from ppid_desktop.core.errors import PermissionDenied, UserError, ValidationError
from ppid_desktop.master.masukan import IsianOpd, IsianPegawai, IsianProfil
from ppid_desktop.master.service import attachment_path
from tests.conftest import make_actor


def test_profile_validation_writes_nothing(services, admin) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as err:
        services.master.simpan_profil(admin, IsianProfil.dari({"pemerintah": "", "perangkat_daerah": "DINAS", "alamat": "x",
                                            "kota": "Salatiga", "kertas": "Legal", "font": "Arial",
                                            "email": "bukan-email", "margin_kiri": 90}))
    assert set(err.value.problems) >= {"pemerintah", "kertas", "email", "margin_kiri"}
    assert "F4" in err.value.problems["kertas"]
    assert not services.master.ada_profil()


def test_profile_needs_permission(services) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        services.master.simpan_profil(make_actor(R.PETUGAS), IsianProfil.dari({"alamat": "x"}))


def test_logo_must_be_an_image(profil, admin, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fake = tmp_path / "logo.png"
    fake.write_bytes(b"%PDF-1.4 bukan gambar")
    with pytest.raises(UserError, match="bukan gambar"):
        profil.master.atur_logo(admin, fake)
    assert profil.master.profil().logo_hash is None
    real = tmp_path / "lambang.png"
    Image.new("RGB", (120, 140), "#1f5f8b").save(real)
    digest = profil.master.atur_logo(admin, real)
    path = profil.master.logo_path()  # a verified decrypted copy: the stored file is encrypted (core.lampiran)
    assert path is not None and path.read_bytes() == real.read_bytes()
    assert real.read_bytes()[:64] not in attachment_path(profil.store, digest).read_bytes()


def test_opd_code_unique_and_required(services, admin) -> None:  # type: ignore[no-untyped-def]
    services.master.simpan_opd(admin, IsianOpd.dari({"kode": "DINKES", "nama": "Dinas Kesehatan"}))
    with pytest.raises(ValidationError, match="sudah dipakai"):
        services.master.simpan_opd(admin, IsianOpd.dari({"kode": "DINKES", "nama": "Dinas Kesehatan 2"}))
    with pytest.raises(ValidationError) as err:
        services.master.simpan_opd(admin, IsianOpd.dari({"kode": "", "nama": ""}))
    assert set(err.value.problems) == {"kode", "nama"}
    with pytest.raises(ValidationError) as err:
        services.master.simpan_opd(admin, IsianOpd.dari({"kode": "X", "nama": "Y", "kepala_nip": "123"}))
    assert "18 digit" in err.value.problems["kepala_nip"]
    assert [o.kode for o in services.master.daftar_opd()] == ["DINKES"]


def test_pegawai_nip_checked_and_unique(services, admin) -> None:  # type: ignore[no-untyped-def]
    p = services.master.simpan_pegawai(admin, IsianPegawai.dari({"nama": "Drs. Budi, M.Si.", "nip": "19670715 199309 1 001",
                                             "jabatan": "Kepala Dinas", "boleh_ttd": "surat_tugas,berita_acara"}))
    assert p.nip == "196707151993091001"
    with pytest.raises(ValidationError, match="sudah terdaftar"):
        services.master.simpan_pegawai(admin, IsianPegawai.dari({"nama": "Lain", "nip": "196707151993091001", "jabatan": "Staf"}))
    with pytest.raises(ValidationError) as err:
        services.master.simpan_pegawai(admin, IsianPegawai.dari({"nama": "Lain", "nip": "19670230199309 1 001", "jabatan": "Staf"}))
    assert "tanggal lahir" in err.value.problems["nip"]
    with pytest.raises(ValidationError) as err:
        services.master.simpan_pegawai(admin, IsianPegawai.dari({"nama": "", "jabatan": "", "boleh_ttd": "cek_kosong"}))
    assert set(err.value.problems) == {"nama", "jabatan", "boleh_ttd"}
    assert [x.nama for x in services.master.daftar_pegawai(boleh_ttd="surat_tugas")] == ["Drs. Budi, M.Si."]
    assert services.master.daftar_pegawai(boleh_ttd="keberatan") == []


def test_instansi_for_document_kit(profil) -> None:  # type: ignore[no-untyped-def]
    inst = profil.master.instansi()
    assert inst.pemerintah == "PEMERINTAH KOTA SALATIGA"
    assert inst.kertas == "F4"
    assert inst.logo_path is None
