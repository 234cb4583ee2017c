"""Agenda surat keluar: paraf chain in order, number only at signature, archive only a PDF."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from ppid_desktop.akun import roles as R
from ppid_desktop.core.errors import PermissionDenied, UserError, ValidationError
from ppid_desktop.master.masukan import IsianPegawai
from ppid_desktop.naskah.agenda import ParafInput
from ppid_desktop.naskah.masukan import IsianKonsep
from tests.conftest import make_actor


@pytest.fixture
def org(profil, admin):  # type: ignore[no-untyped-def]
    m = profil.master
    kadis = m.simpan_pegawai(admin, IsianPegawai.dari({"nama": "Drs. Budi Prasetiyono, M.Si.", "nip": "196707151993091001",
                                   "jabatan": "Kepala Dinas", "boleh_ttd": "nota_dinas,surat_tugas,surat_keluar"}))
    sekdin = m.simpan_pegawai(admin, IsianPegawai.dari({"nama": "Ani Rahayu, S.E.", "nip": "197501012000032001", "jabatan": "Sekretaris"}))
    kabid = m.simpan_pegawai(admin, IsianPegawai.dari({"nama": "Agus Wibowo, S.Kom.", "nip": "198002022005011002", "jabatan": "Kepala Bidang"}))
    staf = m.simpan_pegawai(admin, IsianPegawai.dari({"nama": "Rina Utami", "nip": "199003032015032003", "jabatan": "Pranata Humas",
                                  "boleh_ttd": "berita_acara"}))
    return profil, {"kadis": kadis, "sekdin": sekdin, "kabid": kabid, "staf": staf}


def _draft(svc, actor, people, jenis="nota_dinas"):  # type: ignore[no-untyped-def]
    return svc.agenda.buat_konsep(actor, IsianKonsep.dari({"jenis": jenis, "hal": "Pelaksanaan Monev Keterbukaan Informasi",
                                          "kepada": "Kepala Perangkat Daerah", "penandatangan_id": people["kadis"].id,
                                          "kode_klasifikasi": "000.8.3.3"}),
                                  [ParafInput(people["kabid"].id), ParafInput(people["sekdin"].id)])


def test_full_route_gives_number_at_signature(org, admin, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    svc, people = org
    surat = _draft(svc, admin, people)
    assert surat.status == "konsep" and surat.nomor is None
    svc.agenda.ajukan(admin, surat.id)
    with pytest.raises(UserError, match="tidak dapat ditandatangani"):
        svc.agenda.tandatangani(admin, surat.id, date.today())
    svc.agenda.paraf(admin, surat.id, True)
    d = svc.agenda.detail(surat.id)
    assert [p.status for p in d.paraf] == ["disetujui", "menunggu"] and d.surat.status == "paraf"
    svc.agenda.paraf(admin, surat.id, True)
    assert svc.agenda.detail(surat.id).surat.status == "siap_ttd"
    signed = svc.agenda.tandatangani(admin, surat.id, date(2026, 5, 4))
    assert signed.nomor == "000.8.3.3/1/ND/DISKOMINFO/2026"
    assert signed.tanggal == date(2026, 5, 4)
    svc.agenda.kirim(admin, surat.id, date(2026, 5, 5), "kurir")
    fake = tmp_path / "scan.pdf"
    fake.write_bytes(b"bukan pdf")
    with pytest.raises(ValidationError, match="bukan PDF"):
        svc.agenda.arsipkan(admin, surat.id, fake)
    assert svc.agenda.detail(surat.id).surat.status == "dikirim"
    pdf = tmp_path / "ttd.pdf"
    pdf.write_bytes(b"%PDF-1.4\n% surat bertanda tangan\n")
    archived = svc.agenda.arsipkan(admin, surat.id, pdf)
    assert archived.status == "diarsipkan"
    path = svc.agenda.lokasi_pdf(archived)
    assert path is not None and path.read_bytes() == pdf.read_bytes()
    second = _draft(svc, admin, people)
    svc.agenda.ajukan(admin, second.id)
    svc.agenda.paraf(admin, second.id, True)
    svc.agenda.paraf(admin, second.id, True)
    assert svc.agenda.tandatangani(admin, second.id, date(2026, 5, 6)).nomor == "000.8.3.3/2/ND/DISKOMINFO/2026"


def test_returned_draft_goes_round_again(org, admin) -> None:  # type: ignore[no-untyped-def]
    svc, people = org
    surat = _draft(svc, admin, people)
    svc.agenda.ajukan(admin, surat.id)
    with pytest.raises(ValidationError, match="alasan"):
        svc.agenda.paraf(admin, surat.id, False, "")
    svc.agenda.paraf(admin, surat.id, False, "Perbaiki daftar OPD")
    d = svc.agenda.detail(surat.id)
    assert d.surat.status == "dikembalikan" and d.paraf[0].catatan == "Perbaiki daftar OPD"
    svc.agenda.ajukan(admin, surat.id)
    assert [p.status for p in svc.agenda.detail(surat.id).paraf] == ["menunggu", "menunggu"]


def test_signer_must_be_allowed_and_fields_required(org, admin) -> None:  # type: ignore[no-untyped-def]
    svc, people = org
    with pytest.raises(ValidationError) as err:
        svc.agenda.buat_konsep(admin, IsianKonsep.dari({"jenis": "nota_dinas", "hal": " ", "penandatangan_id": people["staf"].id}))
    assert set(err.value.problems) == {"hal", "penandatangan_id"}
    assert "tidak berwenang" in err.value.problems["penandatangan_id"]
    assert svc.agenda.daftar() == []


def test_future_date_and_wrong_role_refused(org, admin) -> None:  # type: ignore[no-untyped-def]
    svc, people = org
    surat = _draft(svc, admin, people)
    with pytest.raises(PermissionDenied):
        svc.agenda.ajukan(make_actor(R.MONEV), surat.id)
    svc.agenda.ajukan(admin, surat.id)
    svc.agenda.paraf(admin, surat.id, True)
    svc.agenda.paraf(admin, surat.id, True)
    with pytest.raises(ValidationError, match="masa depan"):
        svc.agenda.tandatangani(admin, surat.id, date.today() + timedelta(days=3))
    assert svc.agenda.detail(surat.id).surat.nomor is None


def test_cancel_needs_reason_and_stops_the_route(org, admin) -> None:  # type: ignore[no-untyped-def]
    svc, people = org
    surat = _draft(svc, admin, people)
    with pytest.raises(ValidationError):
        svc.agenda.batalkan(admin, surat.id, "")
    svc.agenda.batalkan(admin, surat.id, "Jadwal monev ditunda")
    with pytest.raises(UserError):
        svc.agenda.ajukan(admin, surat.id)
    rows = svc.agenda.baris_ekspor()
    assert rows[0]["status"] == "Dibatalkan" and rows[0]["nomor"] == ""


def test_a_draft_takes_the_typed_input_only(org, admin) -> None:  # type: ignore[no-untyped-def]
    svc, people = org
    with pytest.raises(TypeError):
        svc.agenda.buat_konsep(admin, {"jenis": "nota_dinas", "hal": "Uji", "penandatangan_id": people["kadis"].id})
    with pytest.raises(UserError, match="Isian konsep tidak dikenal: perihal"):
        IsianKonsep.dari({"jenis": "nota_dinas", "perihal": "Uji"})
    surat = svc.agenda.buat_konsep(admin, IsianKonsep(jenis="nota_dinas", hal="Uji", penandatangan_id=people["kadis"].id))
    # an edit names only what it changes: the rest stays as drafted
    ubah = svc.agenda.ubah_konsep(admin, surat.id, IsianKonsep(hal="Uji kedua"))
    assert (ubah.hal, ubah.jenis, ubah.penandatangan_id) == ("Uji kedua", "nota_dinas", people["kadis"].id)
