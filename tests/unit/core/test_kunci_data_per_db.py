"""The personal-data keyring per database (``core.crypto``): an encrypted database keeps its Fernet keys
sealed beside it (``<db>.kunci-data``, under its SQLCipher data key), never in the clear folder keyring,
while a plaintext database in the same folder keeps using the folder keyring (the failure that got the
earlier "one sealed keyring per folder" attempt reverted).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest
from cryptography.fernet import Fernet, InvalidToken

from ppid_desktop import cli
from ppid_desktop.core import crypto, kunci_db
from ppid_desktop.layanan.masukan import PermohonanMasukan
from ppid_desktop.services import Services
from tests.conftest import SANDI_LAPTOP, init_cli

NIK_A, NIK_P, NIK_Q = "3373011203800003", "3373014506900002", "3373012208750001"
SANDI = SANDI_LAPTOP
KTP = b"%PDF-1.4\n% KTP Sulastri " + os.urandom(48).hex().encode() + b"\n%%EOF\n"


@pytest.fixture
def folder(laptop_terenkripsi: Path) -> Path:
    return laptop_terenkripsi / "data"  # the data folder and the databases are one folder


def _init(db: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> None:
    init_cli(db, capsys, *extra)


def _catat(db: Path, nik: str, ktp: Path | None = None) -> str:
    svc = Services.open(db)
    try:
        a = svc.akun.authenticate("admin", SANDI)
        p = svc.layanan.catat_permohonan(a, PermohonanMasukan.dari_dict({
            "tanggal_diterima": date(2026, 6, 1), "nama": "Sulastri", "nik": nik, "rincian": "Salinan DPA",
            "tujuan": "Penelitian"}))
        if ktp is not None:
            svc.layanan.tambah_lampiran(a, "permohonan", p.id, "ktp", ktp)
        return str(p.id)
    finally:
        svc.close()


def _nik(db: Path, pid: str) -> str:
    svc = Services.open(db)
    try:
        a = svc.akun.authenticate("admin", SANDI)
        return svc.layanan.lihat_nik(a, pid)
    finally:
        svc.close()


def _lampiran(db: Path, pid: str) -> bytes:
    svc = Services.open(db)
    try:
        a = svc.akun.authenticate("admin", SANDI)
        (row,) = svc.layanan.lampiran(pid)
        return svc.layanan.buka_lampiran(a, row.id)
    finally:
        svc.close()


def _clear_keys(root: Path) -> list[bytes]:
    """Every Fernet key lying in clear anywhere under ``root``."""
    out = []
    for f in root.rglob("*"):
        if f.is_file() and f.stat().st_size < 4096:
            for line in f.read_bytes().split():
                if crypto.valid_key(line.strip()):
                    out.append(line.strip())
    return out


def test_encrypted_database_keeps_its_own_keyring_and_plaintext_neighbours_keep_theirs(
        folder: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    polos = folder / "polos.sqlite"
    _init(polos, capsys, "--tanpa-enkripsi")
    pid_p = _catat(polos, NIK_P)  # the folder keyring is created for it
    assert (folder / crypto.KEY_FILENAME).exists()
    folder_key = (folder / crypto.KEY_FILENAME).read_bytes().strip()

    db = folder / "ppid.sqlite"
    _init(db, capsys)
    scan = tmp_path / "ktp-sulastri.pdf"
    scan.write_bytes(KTP)
    pid = _catat(db, NIK_A, scan)
    ring = crypto.berkas_ring(db)
    assert ring.exists() and kunci_db.terenkripsi(db)
    if os.name == "posix":
        assert ring.stat().st_mode & 0o777 == 0o600
    assert json.loads(ring.read_text())["format"] == crypto.RING_FORMAT

    # The plaintext database in the same folder still reads its NIK (and a new one records another).
    assert _nik(polos, pid_p) == NIK_P
    pid_q = _catat(polos, NIK_Q)
    assert _nik(polos, pid_q) == NIK_Q
    assert (folder / crypto.KEY_FILENAME).read_bytes().strip() == folder_key  # the folder file is left alone
    assert _nik(db, pid) == NIK_A and _lampiran(db, pid) == KTP

    # A backup of the encrypted database beside it, then the whole folder copied, minus nothing.
    arsip = folder / "cadangan-uji.ppidbak"
    assert cli.main(["--db", str(db), "backup", str(arsip)]) == 0
    capsys.readouterr()
    with zipfile.ZipFile(arsip) as zf:
        kunci_members = [n for n in zf.namelist() if n.startswith("kunci/")]
        assert kunci_members and all(n.endswith((".gcm", ".kunci")) for n in kunci_members)
    salinan = tmp_path / "salinan"
    shutil.copytree(folder, salinan)
    hits = []
    for f in salinan.rglob("*"):
        if f.is_file():
            data = f.read_bytes()
            hits += [f"{f.relative_to(salinan)}: {s!r}" for s in (NIK_A.encode(), KTP, KTP[:40])
                     if s in data]
    assert hits == []
    # No key lying in clear in the copy opens the encrypted database's scan or anything sealed for it.
    lampiran = [f for f in (salinan / "ppid-lampiran").rglob("*") if f.is_file()]
    assert lampiran
    clear = _clear_keys(salinan)
    assert folder_key in clear  # the plaintext database's keyring is still there, as it must be
    for key in clear:
        for f in lampiran:
            with pytest.raises(InvalidToken):
                Fernet(key).decrypt(f.read_bytes())


def test_an_attachment_is_sealed_with_its_own_database_keyring_while_another_store_is_in_use(
        folder: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Two stores open in one process: the scan is encrypted before the unit of work starts, so the
    keyring must be the one of the database it is attached to, not the one the thread touched last."""
    polos, db = folder / "polos.sqlite", folder / "ppid.sqlite"
    _init(polos, capsys, "--tanpa-enkripsi")
    _init(db, capsys)
    pid = _catat(db, NIK_A)
    scan = tmp_path / "ktp.pdf"
    scan.write_bytes(KTP)
    enc, plain = Services.open(db), Services.open(polos)
    try:
        a_enc = enc.akun.authenticate("admin", SANDI)
        plain.akun.authenticate("admin", SANDI)  # the plaintext store is the one this thread used last
        enc.layanan.tambah_lampiran(a_enc, "permohonan", pid, "ktp", scan)
    finally:
        plain.close()
        enc.close()
    assert _lampiran(db, pid) == KTP


def test_conversion_moves_the_keys_the_rows_need_into_the_database_keyring(
        folder: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = folder / "ppid.sqlite"
    _init(db, capsys, "--tanpa-enkripsi")
    scan = tmp_path / "ktp.pdf"
    scan.write_bytes(KTP)
    pid = _catat(db, NIK_A, scan)
    unused = Fernet.generate_key()
    assert crypto.import_key_folder(unused)  # a key in the folder ring that no row of this database needs
    folder_key = (folder / crypto.KEY_FILENAME).read_bytes().strip()

    assert cli.main(["--db", str(db), "enkripsi"]) == 0
    capsys.readouterr()
    assert kunci_db.terenkripsi(db)
    assert _nik(db, pid) == NIK_A  # opening it built the keyring from the folder keys its rows need
    data_key = kunci_db.kunci_untuk(db)
    assert data_key is not None
    utama, lain = crypto._read_ring(crypto.berkas_ring(db), data_key)
    assert folder_key in lain and unused not in lain and utama != folder_key

    # The encrypted database never needs the folder keyring again: take it away, still readable.
    shutil.rmtree(folder / crypto.KEYRING_DIR)
    (folder / crypto.KEY_FILENAME).unlink()
    crypto._cache.clear()
    crypto._ring_cache.clear()
    kunci_db.lupakan(db)  # signed out: the keyring unsealed in this process goes too
    assert crypto.ring_untuk(db) is None
    kunci_db.buka(db, "admin", SANDI)
    assert _nik(db, pid) == NIK_A and _lampiran(db, pid) == KTP
    pid2 = _catat(db, NIK_Q)
    assert _nik(db, pid2) == NIK_Q
    assert not (folder / crypto.KEY_FILENAME).exists()  # new data used the database's own primary


RESTORE = (
    "import sys; from ppid_desktop import cli\n"
    "rc = cli.main(['--db', sys.argv[1], 'restore', sys.argv[2]])\n"
    "if rc: raise SystemExit(rc)\n"
    "from ppid_desktop.services import Services\n"
    "from ppid_desktop.core import kunci_db\n"
    "svc = Services.open(sys.argv[1]); a = svc.akun.authenticate('admin', sys.argv[4])\n"
    "(row,) = svc.layanan.lampiran(sys.argv[3])\n"
    "sys.stdout.write(svc.layanan.lihat_nik(a, sys.argv[3]) + '|' + svc.layanan.buka_lampiran(a, row.id).hex())\n"
    "svc.close()\n"
)


def test_backup_restores_nik_and_scan_on_another_laptop(folder: Path, capsys: pytest.CaptureFixture[str],
                                                       tmp_path: Path) -> None:
    db = folder / "ppid.sqlite"
    _init(db, capsys)
    scan = tmp_path / "ktp.pdf"
    scan.write_bytes(KTP)
    pid = _catat(db, NIK_A, scan)
    arsip = tmp_path / "arsip.ppidbak"
    assert cli.main(["--db", str(db), "backup", str(arsip)]) == 0
    capsys.readouterr()
    laptop = tmp_path / "laptop2"
    laptop.mkdir()
    env = {**os.environ, "PPID_DATA_DIR": str(laptop / "data"), "PPID_PENGGUNA": "admin", "PPID_KATA_SANDI": SANDI}
    target = laptop / "data" / "ppid.sqlite"
    p = subprocess.run([sys.executable, "-c", RESTORE, str(target), str(arsip), pid, SANDI], capture_output=True,
                       text=True, env=env, timeout=300)
    assert p.returncode == 0, p.stderr[-3000:]
    nik, scan_hex = p.stdout.strip().splitlines()[-1].split("|")
    assert nik == NIK_A and bytes.fromhex(scan_hex) == KTP
    assert crypto.berkas_ring(target).exists()
    assert not (laptop / "data" / crypto.KEY_FILENAME).exists() and not (laptop / "data" / crypto.KEYRING_DIR).exists()


def test_a_keyring_of_another_database_is_refused_in_indonesian(folder: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    a, b = folder / "a.sqlite", folder / "b.sqlite"
    _init(a, capsys)
    _init(b, capsys)
    _catat(a, NIK_A)
    _catat(b, NIK_P)
    shutil.copyfile(crypto.berkas_ring(a), crypto.berkas_ring(b))
    kunci_db.lupakan(b)
    rc = cli.main(["--db", str(b), "permohonan", "list"])
    err = capsys.readouterr().err
    assert rc == 2 and "milik database lain" in err and "Traceback" not in err


def test_sync_package_with_personal_data_works_between_two_encrypted_laptops(
        folder: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    a_db, b_db = tmp_path / "a" / "ppid.sqlite", tmp_path / "b" / "ppid.sqlite"
    _init(a_db, capsys)
    _init(b_db, capsys)
    scan = tmp_path / "ktp.pdf"
    scan.write_bytes(KTP)
    pid = _catat(a_db, NIK_A, scan)
    paket = tmp_path / "pribadi.ppidsync"
    a, b = Services.open(a_db), Services.open(b_db)
    try:
        aa, ba = a.akun.authenticate("admin", SANDI), b.akun.authenticate("admin", SANDI)
        b.sinkron.kunci_pasang(ba, a.sinkron.kunci_buat(aa))
        a.sinkron.ekspor(aa, paket, semua=True, data_pribadi=True)
        with zipfile.ZipFile(paket) as zf:
            body = zf.read("kunci.jsonl")
        assert all(k not in body for k in crypto.ring_untuk(a_db).semua())  # sealed, never in clear
        b.sinkron.impor(ba, paket)
        assert b.layanan.lihat_nik(ba, pid) == NIK_A
        (row,) = b.layanan.lampiran(pid)
        assert b.layanan.buka_lampiran(ba, row.id) == KTP
        ring_b = crypto.ring_untuk(b_db)
        assert ring_b is not None and crypto.ring_untuk(a_db).utama in ring_b.lain  # in B's own sealed keyring
    finally:
        a.close()
        b.close()
    assert not (folder / crypto.KEY_FILENAME).exists() and not (folder / crypto.KEYRING_DIR).exists()
