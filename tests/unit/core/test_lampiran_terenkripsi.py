"""Attachments of an encrypted office database, end to end (extends the byte search of ``test_enkripsi``):

- a whole copied data folder (database, WAL, key files, attachments folder) and a backup archive searched byte
  for byte for the name and address inside an archived pemberitahuan PDF, a monev evidence photo (its EXIF
  carries the name; a slice of its bytes too) and a tindak-lanjut evidence file: no hit;
- every reader still works: the archive PDF read back with pypdf, the frozen letter, the evidence viewers,
  the kop with a custom logo, the KTP scan;
- two encrypted laptops exchange the session with evidence and the archived letter: both open on the
  receiver, stored under the receiver's own keyring;
- a backup restored with the recovery key on another laptop (a real process, its own data folder) opens them;
- a plaintext database converted by ``ppid enkripsi`` moves every attachment under its sealed keyring (the clear
  folder keyring can be deleted afterwards);
- an earlier release's clear attachments in an encrypted database are converted by ``ppid enkripsi``.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pypdf import PdfReader
from sqlmodel import select

from ppid_desktop import cli
from ppid_desktop.core import crypto, kunci_db, lampiran
from ppid_desktop.core.errors import UserError
from ppid_desktop.layanan.masukan import PermohonanMasukan
from ppid_desktop.master.masukan import IsianOpd, IsianPegawai, IsianProfil
from ppid_desktop.monev.masukan import IsianTindakLanjut, RekomendasiBaru
from ppid_desktop.monev.models import Bukti
from ppid_desktop.naskah.agenda import ParafInput
from ppid_desktop.naskah.masukan import IsianKonsep
from ppid_desktop.services import Services
from tests.conftest import init_cli
from tests.unit.core.test_enkripsi import ALAMAT, NAMA, NIK, SANDI, _bocor

HARI_INI = date(2026, 6, 30)


@pytest.fixture
def env(laptop_terenkripsi: Path) -> Path:
    return laptop_terenkripsi


def _init(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert init_cli(db, capsys)["terenkripsi"] is True


def _pdf_pemberitahuan(path: Path) -> bytes:
    """A scanned-and-signed pemberitahuan as offices archive it: the pemohon's name and address in clear
    (uncompressed page stream), so a byte search of the clear file finds them."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pageCompression=0)
    c.drawString(72, 760, "PEMBERITAHUAN TERTULIS")
    c.drawString(72, 740, f"Kepada Yth. {NAMA}")
    c.drawString(72, 725, ALAMAT)
    c.save()
    return path.read_bytes()


def _foto(path: Path) -> bytes:
    img = Image.new("RGB", (96, 64), (200, 40, 40))
    exif = Image.Exif()
    exif[0x010E] = f"Wawancara dengan {NAMA}, {ALAMAT}"  # ImageDescription: personal data inside the photo
    exif.get_ifd(0x8769)[0x9003] = "2026:03:16 09:15:30"
    img.save(path, exif=exif, quality=95)
    return path.read_bytes()


def _isi(svc: Services, a: Any, tmp: Path) -> dict[str, Any]:
    """Letters, monev evidence, TL evidence, a logo and a KTP scan in the database, through the services."""
    m = svc.master
    m.simpan_profil(a, IsianProfil.dari({"pemerintah": "PEMERINTAH KOTA SALATIGA", "perangkat_daerah": "DISKOMINFO",
                                         "kota": "Salatiga", "kode_unit": "DISKOMINFO"}))
    logo = tmp / "logo.png"
    Image.new("RGB", (40, 50), (10, 160, 60)).save(logo)
    m.atur_logo(a, logo)
    kadis = m.simpan_pegawai(a, IsianPegawai.dari({"nama": "Drs. Budi Prasetiyono, M.Si.", "nip": "196707151993091001",
                                                   "jabatan": "Kepala Dinas", "boleh_ttd": "nota_dinas"}))
    kabid = m.simpan_pegawai(a, IsianPegawai.dari({"nama": "Agus Wibowo, S.Kom.", "nip": "198002022005011002",
                                                   "jabatan": "Kepala Bidang"}))
    surat = svc.agenda.buat_konsep(a, IsianKonsep.dari({
        "jenis": "nota_dinas", "hal": "Pemberitahuan tertulis", "kepada": "Sekretaris Daerah",
        "penandatangan_id": kadis.id, "kode_klasifikasi": "000.8.3.3", "ringkasan": "Pemberitahuan."}),
        [ParafInput(kabid.id)])
    svc.agenda.ajukan(a, surat.id)
    while svc.agenda.ambil(surat.id).status == "paraf":
        svc.agenda.paraf(a, surat.id, True)
    svc.agenda.tandatangani(a, surat.id, date(2026, 6, 10), hari_ini=HARI_INI)
    pdf = _pdf_pemberitahuan(tmp / "pemberitahuan.pdf")
    svc.agenda.arsipkan(a, surat.id, tmp / "pemberitahuan.pdf")
    opd = m.simpan_opd(a, IsianOpd.dari({"kode": "DINKES", "nama": "Dinas Kesehatan"})).id
    inst = svc.monev.impor_templat(a, "ppid_checklist")
    prog = svc.monev.buat_program(a, "Monev PPID", inst.id, [opd], periode="2026")
    jadwal = svc.monev.daftar_jadwal(prog.id)[0][0]
    sesi = svc.monev.mulai_sesi(a, jadwal.id)
    foto = _foto(tmp / "wawancara.jpg")
    bukti = svc.monev.tambah_bukti(a, sesi.id, "S.1.1", tmp / "wawancara.jpg", keterangan="Meja layanan")
    rek = svc.monev.tambah_rekomendasi(a, RekomendasiBaru(prog.id, opd, "Tetapkan SOP PPID"))
    tl = svc.monev.tambah_tindak_lanjut(a, rek.id, IsianTindakLanjut("Rapat", "Sekretaris"))
    ev = tmp / "notulen.txt"
    ev.write_bytes(f"Notulen rapat. Hadir: {NAMA}, {ALAMAT}.".encode())
    svc.monev.ubah_tindak_lanjut(a, tl.id, status="selesai", bukti=ev)
    ktp = tmp / "ktp.pdf"
    ktp.write_bytes(f"%PDF-1.4 KTP {NIK} {NAMA}".encode())
    p = svc.layanan.catat_permohonan(a, PermohonanMasukan.dari_dict({
        "tanggal_diterima": date(2026, 6, 1), "nama": NAMA, "nik": NIK, "alamat": ALAMAT, "rincian": "Salinan DPA",
        "tujuan": "Penelitian"}))
    svc.layanan.tambah_lampiran(a, "permohonan", p.id, "ktp", ktp)
    return {"surat": surat.id, "pdf": pdf, "sesi": sesi.id, "bukti": bukti.id, "foto": foto, "tl": tl.id,
            "ev": ev.read_bytes(), "logo": logo.read_bytes(), "permohonan": p.id, "ktp": ktp.read_bytes()}


def _tl(svc: Services, tl_id: str) -> Any:
    from ppid_desktop.monev.models import TindakLanjut

    with svc.store.read() as s:
        return s.get(TindakLanjut, tl_id)


def _baca_semua(svc: Services, a: Any, isi: dict[str, Any], *, ktp: bool = True) -> None:
    """Every reader of every kind of attachment returns the original content."""
    surat = svc.agenda.ambil(isi["surat"])
    arsip = svc.agenda.pdf_arsip(surat)
    assert arsip == isi["pdf"]
    text = " ".join(PdfReader(io.BytesIO(arsip)).pages[0].extract_text().split())
    assert NAMA in text and ALAMAT in text
    path = svc.agenda.lokasi_pdf(surat)
    assert path is not None and path.read_bytes() == isi["pdf"] and path.suffix == ".pdf"
    with svc.store.read() as s:
        bukti = s.exec(select(Bukti).where(Bukti.id == isi["bukti"])).one()
    foto = svc.monev.lokasi_bukti(bukti)
    assert foto is not None and foto.read_bytes() == isi["foto"] and foto.name == "wawancara.jpg"
    tl = svc.monev.lokasi_bukti_tl(_tl(svc, isi["tl"]))
    assert tl is not None and tl.read_bytes() == isi["ev"]
    if ktp:
        (row,) = svc.layanan.lampiran(isi["permohonan"])
        assert svc.layanan.buka_lampiran(a, row.id) == isi["ktp"]


def test_copied_data_folder_and_backup_show_no_attachment_content(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = env / "kantor" / "ppid.sqlite"
    _init(db, capsys)
    svc = Services.open(db)
    try:
        a = svc.akun.authenticate("admin", SANDI)
        isi = _isi(svc, a, env)
        sumber = [env / "pemberitahuan.pdf", env / "wawancara.jpg", env / "notulen.txt"]
        assert all(_bocor(f) for f in sumber)  # the control: in clear the search finds the name in each
        foto_potong = isi["foto"][len(isi["foto"]) // 2:len(isi["foto"]) // 2 + 48]
        copy = env / "salinan"
        shutil.copytree(db.parent, copy)  # the whole data folder while the app has it open (WAL included)
        files = [p for p in copy.rglob("*") if p.is_file()]
        assert any(p.name.endswith("-wal") for p in files) and len([p for p in files if "lampiran" in str(p)]) >= 6
        assert _bocor(*files) == []
        assert not [p for p in files if foto_potong in p.read_bytes() or isi["ev"] in p.read_bytes()
                    or isi["pdf"][200:260] in p.read_bytes()]
        _baca_semua(svc, a, isi)
        # the kop with the custom logo: reportlab reads a verified decrypted copy, the letter carries the logo
        logo = svc.master.logo_path()
        assert logo is not None and logo.read_bytes() == isi["logo"]
        assert lampiran.folder_sementara(svc.store) in logo.parents
        cetak = svc.agenda.cetak(isi["surat"])
        sizes = {(img.image.width, img.image.height) for img in PdfReader(io.BytesIO(cetak)).pages[0].images}
        assert (40, 50) in sizes
        # a tampered attachment: an Indonesian message, never a traceback, never a regenerated letter
        with svc.store.read() as s:
            bukti = s.exec(select(Bukti).where(Bukti.id == isi["bukti"])).one()
        target = lampiran.berkas(svc.store, bukti.sha256)
        raw = bytearray(target.read_bytes())
        raw[-20] ^= 0xFF
        target.write_bytes(bytes(raw))
        lampiran.bersihkan_sementara()  # the viewer copy made above would otherwise be reused
        with pytest.raises(UserError, match="rusak atau telah diubah"):
            svc.monev.lokasi_bukti(bukti)
        target.write_bytes(copy.joinpath(target.relative_to(db.parent)).read_bytes())
    finally:
        svc.close()
    arsip = env / "arsip.ppidbak"
    assert cli.main(["--db", str(db), "backup", str(arsip)]) == 0
    with zipfile.ZipFile(arsip) as zf:
        extracted = env / "isi"
        zf.extractall(extracted)
        assert len([n for n in zf.namelist() if n.startswith("lampiran/")]) >= 6
    found = [p for p in extracted.rglob("*") if p.is_file()]
    assert _bocor(arsip, *found) == [] and not [p for p in found if foto_potong in p.read_bytes()]


def test_two_encrypted_laptops_exchange_evidence_and_archived_letter(env: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    a_db, b_db = env / "a" / "ppid.sqlite", env / "b" / "ppid.sqlite"
    _init(a_db, capsys)
    _init(b_db, capsys)
    a, b = Services.open(a_db), Services.open(b_db)
    try:
        aa, ba = a.akun.authenticate("admin", SANDI), b.akun.authenticate("admin", SANDI)
        isi = _isi(a, aa, env)
        b.sinkron.kunci_pasang(ba, a.sinkron.kunci_buat(aa))
        paket = env / "semua.ppidsync"
        hasil = a.sinkron.ekspor(aa, paket, semua=True, data_pribadi=True)
        assert hasil["lampiran"] >= 6
        with zipfile.ZipFile(paket) as zf:  # the sender puts the verified plaintext (the receiver's keys differ)
            d = hashlib.sha256(isi["foto"]).hexdigest()
            assert zf.read(f"lampiran/{d}") == isi["foto"]
        b.sinkron.impor(ba, paket)
        _baca_semua(b, ba, isi)
        utama_b = crypto.fingerprint(crypto.ring_untuk(b_db).utama)
        assert utama_b != crypto.fingerprint(crypto.ring_untuk(a_db).utama)
        files = [p for p in lampiran.folder(b.store).rglob("*") if p.is_file() and len(p.name) == 64]
        assert len(files) >= 6 and all(lampiran._sidik_header(p) == utama_b for p in files)  # under B's own key
        assert _bocor(*files) == []
        # a package whose attachment does not match its name is refused, nothing stored
        rusak = env / "rusak.ppidsync"
        with zipfile.ZipFile(paket) as src, zipfile.ZipFile(rusak, "w") as dst:
            for item in src.infolist():
                body = src.read(item.filename)
                dst.writestr(item, body.replace(b"Notulen", b"Notulan") if item.filename.startswith("lampiran/") else body)
        with pytest.raises(UserError):
            b.sinkron.impor(ba, rusak)
    finally:
        a.close()
        b.close()


def test_clear_attachments_of_an_earlier_release_are_converted_by_ppid_enkripsi(
        env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = env / "kantor" / "ppid.sqlite"
    _init(db, capsys)
    svc = Services.open(db)
    try:
        a = svc.akun.authenticate("admin", SANDI)
        isi = _isi(svc, a, env)
        # make them what an earlier release left: clear files under their SHA-256 (KTP: the Fernet token)
        base = lampiran.folder(svc.store)
        for f in [p for p in base.rglob("*") if p.is_file() and len(p.name) == 64]:
            f.write_bytes(lampiran.baca(svc.store, f.name))
        (base / lampiran.SELESAI).unlink(missing_ok=True)
        assert _bocor(*[p for p in base.rglob("*") if p.is_file()])  # the clear files show the name
        _baca_semua(svc, a, isi)  # readers accept the clear form during the transition
        assert lampiran.perlu_konversi(svc.store)
    finally:
        svc.close()
    kunci_db.lupakan(db)
    assert cli.main(["--db", str(db), "check", "--lampiran", "--json"]) == 1  # said by 'ppid check --lampiran'
    masalah = json.loads(capsys.readouterr().out)["masalah"]
    assert len(masalah) >= 6 and all("belum dienkripsi" in m for m in masalah)
    kunci_db.lupakan(db)
    assert cli.main(["--db", str(db), "enkripsi", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["lampiran"]["dienkripsi"] >= 6 and out["lampiran"]["rusak"] == 0
    assert _bocor(*[p for p in (db.parent / "ppid-lampiran").rglob("*") if p.is_file()]) == []
    assert cli.main(["--db", str(db), "enkripsi"]) == 2  # nothing left to do: said so
    assert "sudah terenkripsi" in capsys.readouterr().err
    assert cli.main(["--db", str(db), "check", "--lampiran", "--json"]) == 0
    hasil = json.loads(capsys.readouterr().out)
    assert hasil["masalah"] == []
    assert hasil["lampiran_diperiksa"] == len([p for p in (db.parent / "ppid-lampiran").rglob("*")
                                               if p.is_file() and len(p.name) == 64])
    korban = next(p for p in (db.parent / "ppid-lampiran").rglob("*") if p.is_file() and len(p.name) == 64)
    raw = bytearray(korban.read_bytes())
    raw[-5] ^= 1
    korban.write_bytes(bytes(raw))
    assert cli.main(["--db", str(db), "check", "--lampiran", "--json"]) == 1
    (masalah,) = json.loads(capsys.readouterr().out)["masalah"]
    assert korban.name[:12] in masalah and "rusak atau telah diubah" in masalah
    korban.write_bytes(bytes(raw[:-5]) + bytes([raw[-5] ^ 1]) + bytes(raw[-4:]))
    svc = Services.open(db)
    try:
        _baca_semua(svc, svc.akun.authenticate("admin", SANDI), isi)
    finally:
        svc.close()


PULIHKAN = """
import hashlib, json, sys
from pathlib import Path
from ppid_desktop.core import kunci_db, lampiran
from ppid_desktop.sinkron.backup import restore
from ppid_desktop.services import Services
target, arsip, kode, isi = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], json.loads(sys.argv[4])
restore(arsip, target, kode_pemulihan=kode)
kunci_db.buka_pemulihan(target, kode)
svc = Services.open(target)
out = {}
for nama, digest in isi.items():
    out[nama] = hashlib.sha256(lampiran.baca(svc.store, digest)).hexdigest() == digest
surat = svc.agenda.daftar()[0]
out["arsip"] = svc.agenda.pdf_arsip(surat) is not None
out["logo"] = svc.master.logo_path() is not None
svc.close()
print(json.dumps(out))
"""


def test_backup_restored_with_the_recovery_key_on_another_laptop_opens_attachments(
        env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import subprocess
    import sys

    db = env / "kantor" / "ppid.sqlite"
    assert cli.main(["--db", str(db), "init", "--json"]) == 0
    kode = json.loads(capsys.readouterr().out)["kunci_pemulihan"]
    svc = Services.open(db)
    try:
        isi = _isi(svc, svc.akun.authenticate("admin", SANDI), env)
    finally:
        svc.close()
    arsip = env / "arsip.ppidbak"
    assert cli.main(["--db", str(db), "backup", str(arsip)]) == 0
    digests = {k: hashlib.sha256(isi[k]).hexdigest() for k in ("pdf", "foto", "ev", "logo")}
    laptop = env / "laptop2"
    laptop.mkdir()
    e = {k: v for k, v in os.environ.items() if k not in ("PPID_PENGGUNA", "PPID_KATA_SANDI")}
    e["PPID_DATA_DIR"] = str(laptop / "data")  # another laptop: no keyring of its own, nothing unlocked
    p = subprocess.run([sys.executable, "-c", PULIHKAN, str(laptop / "ppid.sqlite"), str(arsip), kode,
                        json.dumps(digests)], capture_output=True, text=True, env=e, timeout=300,
                       cwd=Path(__file__).resolve().parents[3])
    assert p.returncode == 0, p.stderr[-3000:]
    assert json.loads(p.stdout.strip().splitlines()[-1]) == {"pdf": True, "foto": True, "ev": True, "logo": True,
                                                             "arsip": True}


def test_a_plaintext_database_converted_by_ppid_enkripsi_moves_its_attachments_to_the_sealed_keyring(
        env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = env / "kantor" / "ppid.sqlite"
    assert cli.main(["--db", str(db), "init", "--tanpa-enkripsi", "--json"]) == 0
    capsys.readouterr()
    svc = Services.open(db)
    try:
        a = svc.akun.authenticate("admin", SANDI)
        isi = _isi(svc, a, env)  # under the clear folder keyring (a plaintext database)
        lama = b"%PDF-1.4 arsip rilis lama " + NAMA.encode()
        path = lampiran.berkas(svc.store, hashlib.sha256(lama).hexdigest())
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(lama)  # and one clear file of an earlier release
    finally:
        svc.close()
    assert cli.main(["--db", str(db), "enkripsi", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["lampiran"]["dikunci_ulang"] >= 6 and out["lampiran"]["dienkripsi"] == 1 and out["lampiran"]["rusak"] == 0
    # the clear folder keyring no longer opens anything: remove it, everything still opens after a sign-in
    data = Path(os.environ["PPID_DATA_DIR"])
    (data / crypto.KEY_FILENAME).unlink()
    shutil.rmtree(data / crypto.KEYRING_DIR, ignore_errors=True)
    crypto._cache.clear()
    crypto._ring_cache.clear()
    kunci_db.lupakan(db)
    crypto.lupakan_ring(db)
    kunci_db.buka(db, "admin", SANDI)
    svc = Services.open(db)
    try:
        _baca_semua(svc, svc.akun.authenticate("admin", SANDI), isi)
        assert lampiran.baca(svc.store, hashlib.sha256(lama).hexdigest()) == lama
        utama = crypto.fingerprint(crypto.ring_untuk(db).utama)
        files = [p for p in lampiran.folder(svc.store).rglob("*") if p.is_file() and len(p.name) == 64]
        assert all(lampiran._sidik_header(p) == utama for p in files)
    finally:
        svc.close()
