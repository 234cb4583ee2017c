"""One path for every letter: number once at signature, frozen PDF, versions, returns, bad input refused."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
from datetime import UTC, date, datetime

import pytest
from pypdf import PdfReader
from sqlmodel import select

from ppid_desktop.core.errors import UserError, ValidationError
from ppid_desktop.core.penomoran import NomorUrut
from ppid_desktop.master.masukan import IsianPegawai
from ppid_desktop.master.service import attachment_path
from ppid_desktop.naskah.agenda import ParafInput
from ppid_desktop.naskah.jenis import MENUNGGU_NOMOR
from ppid_desktop.naskah.masukan import IsianKonsep

HARI_INI = date(2026, 6, 30)


def _text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def _counter(svc, seri: str = "nota_dinas", tahun: int = 2026) -> int:  # type: ignore[no-untyped-def]
    with svc.store.read() as s:
        row = s.exec(select(NomorUrut).where(NomorUrut.seri == seri, NomorUrut.tahun == tahun)).first()
        return row.terakhir if row else 0


@pytest.fixture
def org(profil, admin):  # type: ignore[no-untyped-def]
    m = profil.master
    kadis = m.simpan_pegawai(admin, IsianPegawai.dari({"nama": "Drs. Budi Prasetiyono, M.Si.", "nip": "196707151993091001",
                                   "pangkat": "Pembina Utama Muda", "golongan": "IV/c",
                                   "jabatan": "Kepala Dinas Komunikasi dan Informatika",
                                   "boleh_ttd": "nota_dinas,surat_tugas,surat_keluar"}))
    sekdin = m.simpan_pegawai(admin, IsianPegawai.dari({"nama": "Ani Rahayu, S.E.", "nip": "197501012000032001", "jabatan": "Sekretaris"}))
    kabid = m.simpan_pegawai(admin, IsianPegawai.dari({"nama": "Agus Wibowo, S.Kom.", "nip": "198002022005011002", "jabatan": "Kepala Bidang"}))
    tanpa_nip = m.simpan_pegawai(admin, IsianPegawai.dari({"nama": "Plt. Tanpa NIP", "jabatan": "Kepala Dinas", "boleh_ttd": "nota_dinas"}))
    staf = m.simpan_pegawai(admin, IsianPegawai.dari({"nama": "Rina Utami", "nip": "199003032015032003", "jabatan": "Pranata Humas",
                                  "boleh_ttd": "berita_acara"}))
    return profil, {"kadis": kadis, "sekdin": sekdin, "kabid": kabid, "tanpa_nip": tanpa_nip, "staf": staf}


def _draft(svc, actor, people, *, signer="kadis", paraf=None, hal="Rapat koordinasi PPID"):  # type: ignore[no-untyped-def]
    chain = [ParafInput(people["kabid"].id), ParafInput(people["sekdin"].id, "koordinasi")] if paraf is None else paraf
    return svc.agenda.buat_konsep(actor, IsianKonsep.dari({"jenis": "nota_dinas", "hal": hal, "kepada": "Sekretaris Daerah",
                                          "penandatangan_id": people[signer].id, "kode_klasifikasi": "000.8.3.3",
                                          "ringkasan": "Mohon hadir pada rapat koordinasi PPID."}), chain)


def _siap(svc, actor, surat_id):  # type: ignore[no-untyped-def]
    svc.agenda.ajukan(actor, surat_id)
    while svc.agenda.ambil(surat_id).status == "paraf":
        svc.agenda.paraf(actor, surat_id, True)


def _sign(svc, actor, surat_id, tanggal):  # type: ignore[no-untyped-def]
    return svc.agenda.tandatangani(actor, surat_id, tanggal, hari_ini=HARI_INI)


def test_draft_previews_never_take_a_number(org, admin) -> None:  # type: ignore[no-untyped-def]
    svc, people = org
    surat = _draft(svc, admin, people)
    for _ in range(10):
        text = " ".join(_text(svc.agenda.cetak(surat.id)).split())
        assert f"Nomor : {MENUNGGU_NOMOR}" in text
    assert _counter(svc) == 0 and svc.agenda.ambil(surat.id).nomor is None
    _siap(svc, admin, surat.id)
    signed = _sign(svc, admin, surat.id, date(2026, 6, 10))
    assert signed.nomor == "000.8.3.3/1/ND/DISKOMINFO/2026" and _counter(svc) == 1


def test_signed_letter_is_frozen_and_prints_byte_identical(org, admin) -> None:  # type: ignore[no-untyped-def]
    svc, people = org
    surat = _draft(svc, admin, people)
    _siap(svc, admin, surat.id)
    before = datetime.now(UTC).replace(microsecond=0)
    signed = _sign(svc, admin, surat.id, date(2026, 6, 10))
    one, two = svc.agenda.cetak(surat.id), svc.agenda.cetak(surat.id)
    assert one == two and hashlib.sha256(one).hexdigest() == signed.pdf_sha256
    text = " ".join(_text(one).split())
    assert signed.nomor in text and MENUNGGU_NOMOR not in text and "NIP 19670715 199309 1 001" in text
    # the paraf table is on the letter (office setting "cetak") with both officials
    assert "Agus Wibowo, S.Kom." in text and "Ani Rahayu, S.E." in text
    # the PDF carries the real time of signing, not reportlab's 2000-01-01
    info = PdfReader(io.BytesIO(one)).metadata
    assert info is not None and info.creation_date is not None
    assert abs((info.creation_date.astimezone(UTC) - before).total_seconds()) < 120
    # a tampered frozen file is never silently regenerated
    path = attachment_path(svc.store, signed.pdf_sha256)
    path.write_bytes(one.replace(b"Rapat", b"Rapet"))
    with pytest.raises(UserError, match="berubah sejak ditandatangani"):
        svc.agenda.cetak(surat.id)


def test_numbers_follow_signature_order_and_back_dating_is_refused(org, admin) -> None:  # type: ignore[no-untyped-def]
    svc, people = org
    a, b = _draft(svc, admin, people, hal="A"), _draft(svc, admin, people, hal="B")
    for s in (a, b):
        _siap(svc, admin, s.id)
    assert _sign(svc, admin, a.id, date(2026, 6, 10)).nomor.endswith("/1/ND/DISKOMINFO/2026")
    with pytest.raises(ValidationError) as err:
        _sign(svc, admin, b.id, date(2026, 6, 9))
    msg = err.value.problems["tanggal"]
    assert "lebih awal" in msg and "000.8.3.3/1/ND/DISKOMINFO/2026" in msg and "10 Juni 2026" in msg
    left = svc.agenda.ambil(b.id)
    assert left.status == "siap_ttd" and left.nomor is None and _counter(svc) == 1
    # the office may allow a sisipan number instead
    svc.agenda.simpan_pengaturan(admin, "tanggal_mundur", "sisipan")
    c = _draft(svc, admin, people, hal="C")
    _siap(svc, admin, c.id)
    assert _sign(svc, admin, c.id, date(2026, 6, 12)).nomor.endswith("/2/ND/DISKOMINFO/2026")
    assert _sign(svc, admin, b.id, date(2026, 6, 11)).nomor == "000.8.3.3/1a/ND/DISKOMINFO/2026"
    assert _counter(svc) == 2


def test_batch_signature_gives_consecutive_numbers(org, admin) -> None:  # type: ignore[no-untyped-def]
    svc, people = org
    drafts = [_draft(svc, admin, people, paraf=[], hal=f"Surat {i}") for i in range(5)]
    for d in drafts:
        svc.agenda.ajukan(admin, d.id)
    svc.agenda.tandatangani(admin, [d.id for d in drafts], date(2026, 6, 10), hari_ini=HARI_INI)
    numbers = [svc.agenda.ambil(d.id).nomor for d in drafts]
    assert numbers == [f"000.8.3.3/{i}/ND/DISKOMINFO/2026" for i in range(1, 6)]


def test_bad_signers_are_refused_and_nothing_changes(org, admin) -> None:  # type: ignore[no-untyped-def]
    svc, people = org
    surat = _draft(svc, admin, people, signer="tanpa_nip", paraf=[])
    svc.agenda.ajukan(admin, surat.id)
    with pytest.raises(ValidationError, match="belum punya NIP"):
        _sign(svc, admin, surat.id, date(2026, 6, 10))
    assert svc.agenda.ambil(surat.id).status == "siap_ttd" and _counter(svc) == 0
    with pytest.raises(ValidationError, match="tidak berwenang menandatangani nota dinas"):
        _draft(svc, admin, people, signer="staf")
    # a batch with one bad letter signs none
    good = _draft(svc, admin, people, paraf=[])
    svc.agenda.ajukan(admin, good.id)
    with pytest.raises(ValidationError):
        svc.agenda.tandatangani(admin, [good.id, surat.id], date(2026, 6, 10), hari_ini=HARI_INI)
    assert svc.agenda.ambil(good.id).nomor is None and _counter(svc) == 0


def test_paraf_in_order_returns_need_a_note(org, admin) -> None:  # type: ignore[no-untyped-def]
    svc, people = org
    surat = _draft(svc, admin, people)
    svc.agenda.ajukan(admin, surat.id)
    with pytest.raises(UserError, match="Paraf harus berurutan.*giliran Agus Wibowo"):
        svc.agenda.paraf(admin, surat.id, True, pegawai_id=people["sekdin"].id)
    with pytest.raises(ValidationError, match="catatan pengembalian"):
        svc.agenda.kembalikan(admin, surat.id, "  ")
    assert [p.status for p in svc.agenda.detail(surat.id).paraf] == ["menunggu", "menunggu"]
    svc.agenda.paraf(admin, surat.id, True, pegawai_id=people["kabid"].id)
    with pytest.raises(UserError, match="sudah diparaf"):
        svc.agenda.ubah_konsep(admin, surat.id, IsianKonsep.dari({"hal": "Ubah setelah paraf"}))
    svc.agenda.paraf(admin, surat.id, True)
    # the signer returns it ("tidak disetujui") with a note; the drafter edits and sends it round again
    svc.agenda.kembalikan(admin, surat.id, "Tambahkan jam rapat")
    assert svc.agenda.ambil(surat.id).status == "dikembalikan"
    svc.agenda.ubah_konsep(admin, surat.id, IsianKonsep.dari({"ringkasan": "Rapat pukul 09.00 WIB."}))
    svc.agenda.ajukan(admin, surat.id)
    assert [p.status for p in svc.agenda.detail(surat.id).paraf] == ["menunggu", "menunggu"]
    acts = [r.aksi for r in svc.agenda.detail(surat.id).riwayat]
    assert acts == ["buat", "ajukan", "paraf", "paraf", "kembalikan", "ubah", "ajukan"]
    assert "Tambahkan jam rapat" in svc.agenda.detail(surat.id).riwayat[4].catatan


def test_correction_is_a_new_version_keeping_the_number(org, admin) -> None:  # type: ignore[no-untyped-def]
    svc, people = org
    surat = _draft(svc, admin, people, paraf=[])
    svc.agenda.ajukan(admin, surat.id)
    first = _sign(svc, admin, surat.id, date(2026, 6, 10))
    with pytest.raises(ValidationError):
        svc.agenda.koreksi(admin, surat.id, "")
    svc.agenda.koreksi(admin, surat.id, "Salah tanggal rapat")
    svc.agenda.ubah_konsep(admin, surat.id, IsianKonsep.dari({"ringkasan": "Rapat diundur ke hari Jumat."}))
    svc.agenda.ajukan(admin, surat.id)
    second = _sign(svc, admin, surat.id, date(2026, 6, 11))
    assert second.nomor == first.nomor and second.versi == 2 and second.pdf_sha256 != first.pdf_sha256
    d = svc.agenda.detail(surat.id)
    assert [(v.versi, v.nomor) for v in d.versi] == [(1, first.nomor), (2, first.nomor)]
    assert d.versi[1].alasan == "Salah tanggal rapat"
    assert "Rapat pukul" not in _text(svc.agenda.pdf_versi(d.versi[0]))
    assert _counter(svc) == 1


def test_default_paraf_chain_and_classification_list(org, admin) -> None:  # type: ignore[no-untyped-def]
    svc, people = org
    svc.agenda.simpan_paraf_baku(admin, "nota_dinas", [ParafInput(people["kabid"].id),
                                                       ParafInput(people["sekdin"].id, "koordinasi")])
    surat = svc.agenda.buat_konsep(admin, IsianKonsep.dari({"jenis": "nota_dinas", "hal": "X", "penandatangan_id": people["kadis"].id}))
    assert [(p.nama, p.jenis) for p in svc.agenda.detail(surat.id).paraf] == [
        ("Agus Wibowo, S.Kom.", "hierarki"), ("Ani Rahayu, S.E.", "koordinasi")]
    with pytest.raises(ValidationError, match="tidak sah"):
        svc.agenda.simpan_klasifikasi(admin, "abc", "Salah")
    svc.agenda.simpan_klasifikasi(admin, "000.8.3.3", "Keterbukaan informasi publik")
    with pytest.raises(ValidationError, match="sudah ada"):
        svc.agenda.simpan_klasifikasi(admin, "000.8.3.3", "Dua kali")
    assert [k.kode for k in svc.agenda.daftar_klasifikasi()] == ["000.8.3.3"]


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_every_font_is_embedded(org, admin) -> None:  # type: ignore[no-untyped-def]
    svc, people = org
    surat = _draft(svc, admin, people)
    pdf = svc.agenda.cetak(surat.id)
    out = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    rows = [ln.split() for ln in out.splitlines()[2:] if ln.strip()]
    assert rows and all(r[-5] == "yes" for r in rows), out  # the "emb" column
    assert not re.search(r"Helvetica", out)


def test_signature_block_carries_an_from_the_letter(org, admin) -> None:  # type: ignore[no-untyped-def]
    svc, people = org
    surat = svc.agenda.buat_konsep(admin, IsianKonsep.dari({"jenis": "nota_dinas", "hal": "Undangan", "mode_ttd": "a.n.",
                                           "penandatangan_id": people["sekdin"].id}), [])
    text = " ".join(_text(svc.agenda.cetak(surat.id)).split())
    assert "a.n. Kepala Dinas Komunikasi dan Informatika" in text and "Sekretaris," in text
    svc.agenda.simpan_pengaturan(admin, "tabel_paraf", "tidak")
    with pytest.raises(ValidationError):
        svc.agenda.simpan_pengaturan(admin, "tabel_paraf", "kadang")


def test_settings_lists_and_chains_refuse_bad_input(org, admin) -> None:  # type: ignore[no-untyped-def]
    svc, people = org
    with pytest.raises(UserError, match="tidak dikenal"):
        svc.agenda.pengaturan("warna")
    with pytest.raises(UserError, match="tidak dikenal"):
        svc.agenda.simpan_pengaturan(admin, "warna", "merah")
    assert svc.agenda.pengaturan("tanggal_mundur") == "tolak"
    k = svc.agenda.simpan_klasifikasi(admin, "000.8.3.3", "Keterbukaan informasi publik")
    svc.agenda.simpan_klasifikasi(admin, "000.8.3.3", "Keterbukaan informasi publik (diubah)", False, k.id)
    assert svc.agenda.daftar_klasifikasi(hanya_aktif=True) == []
    svc.agenda.hapus_klasifikasi(admin, k.id)
    assert svc.agenda.daftar_klasifikasi() == []
    with pytest.raises(UserError, match="tidak ditemukan"):
        svc.agenda.hapus_klasifikasi(admin, k.id)
    with pytest.raises(ValidationError, match="tidak dikenal"):
        svc.agenda.simpan_paraf_baku(admin, "surat_cinta", [])
    with pytest.raises(ValidationError, match="dua kali"):
        svc.agenda.simpan_paraf_baku(admin, "nota_dinas", [ParafInput(people["kabid"].id), ParafInput(people["kabid"].id)])
    with pytest.raises(ValidationError, match="hierarki atau koordinasi"):
        svc.agenda.simpan_paraf_baku(admin, "nota_dinas", [ParafInput(people["kabid"].id, "samping")])
    with pytest.raises(ValidationError, match="tidak ditemukan"):
        svc.agenda.simpan_paraf_baku(admin, "nota_dinas", [ParafInput("tidak-ada")])
    assert svc.agenda.paraf_baku("nota_dinas") == []
    # a draft cannot be cancelled without a reason, nor signed twice
    s = _draft(svc, admin, people, paraf=[])
    svc.agenda.ajukan(admin, s.id)
    _sign(svc, admin, s.id, date(2026, 6, 10))
    with pytest.raises(UserError, match="tidak dapat ditandatangani"):
        _sign(svc, admin, s.id, date(2026, 6, 10))
    with pytest.raises(ValidationError, match="sebelum tanggal surat"):
        svc.agenda.kirim(admin, s.id, date(2026, 6, 9), "kurir")
    with pytest.raises(UserError, match="tidak ditemukan"):
        svc.agenda.ambil("tidak-ada")
