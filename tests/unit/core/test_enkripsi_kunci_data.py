"""The personal-data keyring (Fernet, NIK and KTP scans) sealed under the encrypted database's data key:

- after a sign-in and a KTP attachment, every file of the data folder and the database folder (db, wal,
  key files, attachments) searched byte for byte: no NIK, name, KTP content, no Fernet key in clear;
- without a sign-in the sealed keyring is refused; after it the attachment opens;
- a clear keyring left by an older release is sealed (and its clear file removed) at the first encrypted
  open and by ``ppid enkripsi``;
- a backup restores on another data folder with the password, and the attachment opens there.
"""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from ppid_desktop import cli
from ppid_desktop.core import crypto, kunci_db
from ppid_desktop.core.errors import UserError
from ppid_desktop.services import Services

NAMA, NIK = "Sulastri Wijayakusuma", "3373011203800003"
KTP = b"KTP-PINDAIAN|PROVINSI JAWA TENGAH|" + NIK.encode() + b"|" + NAMA.encode() + b"|" * 64
SANDI = "rahasia123"


def _lupa() -> None:
    """Forget everything unlocked in this process (as a new process would start)."""
    crypto._cache.clear()
    crypto._ring_cache.clear()
    crypto._segel.clear()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("PPID_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PPID_PENGGUNA", "admin")
    monkeypatch.setenv("PPID_KATA_SANDI", SANDI)
    monkeypatch.delenv("PPID_KUNCI_PEMULIHAN", raising=False)
    _lupa()
    yield tmp_path
    for db in tmp_path.rglob("*.sqlite"):
        kunci_db.lupakan(db)
    _lupa()


def _catat_ktp(db: Path, scan: Path) -> tuple[str, str]:
    svc = Services.open(db)
    try:
        a = svc.akun.authenticate("admin", SANDI)
        p = svc.layanan.catat_permohonan(a, {"tanggal_diterima": date(2026, 6, 1), "nama": NAMA, "nik": NIK,
                                              "rincian": "Salinan DPA", "tujuan": "Penelitian"})
        row = svc.layanan.tambah_lampiran(a, "permohonan", p.id, "ktp", scan)
        assert svc.layanan.buka_lampiran(a, row.id) == KTP
        return str(p.nomor), row.id
    finally:
        svc.close()


def _buka_ktp(db: Path, lampiran_id: str) -> bytes:
    svc = Services.open(db)
    try:
        return svc.layanan.buka_lampiran(svc.akun.authenticate("admin", SANDI), lampiran_id)
    finally:
        svc.close()


def _bocor(folder: Path, keys: list[bytes]) -> list[str]:
    needles = [NIK.encode(), NAMA.encode(), NAMA.encode("utf-16-le"), KTP[:24]]
    needles += keys + [base64.urlsafe_b64decode(k) for k in keys]
    hits = []
    for f in folder.rglob("*"):
        if f.is_file():
            data = f.read_bytes()
            hits += [f"{f.relative_to(folder)}: {n[:12]!r}" for n in needles if n in data]
    return hits


def test_data_folder_reveals_nothing_and_attachment_opens_after_sign_in(env: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    data = env / "data"
    data.mkdir()
    from cryptography.fernet import Fernet

    lama = Fernet.generate_key()  # a clear keyring left by release 2
    (data / crypto.KEY_FILENAME).write_bytes(lama)
    db = data / "ppid.sqlite"
    assert cli.main(["--db", str(db), "init", "--json"]) == 0
    capsys.readouterr()
    assert not (data / crypto.KEY_FILENAME).exists() and (data / (crypto.KEY_FILENAME + ".gcm")).exists()
    scan = env / "ktp.jpg"
    scan.write_bytes(KTP)
    _, lampiran_id = _catat_ktp(db, scan)
    scan.unlink()
    keys = crypto.all_keys()
    assert keys[0] == lama  # the old key stays the primary: data it encrypted still opens
    kunci_db.lupakan(db)
    crypto.lupakan_segel()  # signed out
    assert _bocor(env, keys) == []
    assert oct((data / (crypto.KEY_FILENAME + ".gcm")).stat().st_mode & 0o777) == "0o600"
    with pytest.raises(UserError, match="tersegel"):  # nothing unlocked: the keyring is refused, never recreated
        crypto.encrypt_text("x")
    assert not (data / crypto.KEY_FILENAME).exists()
    kunci_db.buka(db, "admin", SANDI)
    assert _buka_ktp(db, lampiran_id) == KTP


def test_enkripsi_command_seals_the_clear_keyring(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = env / "data" / "ppid.sqlite"
    assert cli.main(["--db", str(db), "init", "--tanpa-enkripsi", "--json"]) == 0
    capsys.readouterr()
    svc = Services.open(db)
    try:
        a = svc.akun.authenticate("admin", SANDI)
        p = svc.layanan.catat_permohonan(a, {"tanggal_diterima": date(2026, 6, 1), "nama": NAMA, "nik": NIK,
                                              "rincian": "Data", "tujuan": "Uji"})
    finally:
        svc.close()
    clear = env / "data" / crypto.KEY_FILENAME
    assert clear.exists()  # an unencrypted data folder keeps working as before
    key = clear.read_bytes().strip()
    assert cli.main(["--db", str(db), "enkripsi", "--json"]) == 0
    capsys.readouterr()
    assert not clear.exists() and _bocor(env, [key]) == []
    kunci_db.lupakan(db)
    _lupa()
    kunci_db.buka(db, "admin", SANDI)
    svc = Services.open(db)
    try:
        assert svc.layanan.nik_untuk_formulir(svc.akun.authenticate("admin", SANDI), p.id) == NIK
    finally:
        svc.close()


RESTORE = (
    "import sys; from ppid_desktop import cli; from ppid_desktop.services import Services\n"
    "rc = cli.main(['--db', sys.argv[1], 'restore', sys.argv[2]])\n"
    "if rc: raise SystemExit(rc)\n"
    "svc = Services.open(sys.argv[1])\n"
    "a = svc.akun.authenticate('admin', sys.argv[4])\n"
    "sys.stdout.buffer.write(svc.layanan.buka_lampiran(a, sys.argv[3])); svc.close()\n"
)


def test_restore_on_another_data_folder_opens_the_attachment(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = env / "data" / "ppid.sqlite"
    assert cli.main(["--db", str(db), "init", "--json"]) == 0
    scan = env / "ktp.jpg"
    scan.write_bytes(KTP)
    _, lampiran_id = _catat_ktp(db, scan)
    keys = crypto.all_keys()
    arsip = env / "arsip.ppidbak"
    assert cli.main(["--db", str(db), "backup", str(arsip)]) == 0
    capsys.readouterr()
    laptop = env / "laptop2"
    e = {**os.environ, "PPID_DATA_DIR": str(laptop / "data"), "PPID_PENGGUNA": "admin", "PPID_KATA_SANDI": SANDI}
    target = laptop / "data" / "ppid.sqlite"
    p = subprocess.run([sys.executable, "-c", RESTORE, str(target), str(arsip), lampiran_id, SANDI],
                       capture_output=True, env=e, timeout=300)
    assert p.returncode == 0, p.stderr.decode()
    assert p.stdout.endswith(KTP)
    assert _bocor(laptop, keys) == [] and not (laptop / "data" / crypto.KEY_FILENAME).exists()
    assert list((laptop / "data" / crypto.KEYRING_DIR).glob("*.key.gcm"))
