"""The whole database encrypted at rest (SQLCipher, ``core.kunci_db``), through the real command line:

- a copied database, its ``-wal`` and a backup archive searched byte for byte for a known name, address,
  phone and NIK: no hit;
- a wrong password opens nothing (and five lock the key-file entry); the recovery key sets a new password;
- the v0012 fixture converted by ``ppid enkripsi`` keeps every row;
- a backup restores on a "new laptop" (another data folder) with an account's password;
- two real processes registering on one encrypted database still get unique consecutive numbers.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest

from ppid_desktop import cli
from ppid_desktop.core import kunci_db
from ppid_desktop.core.errors import StorageError, UserError
from ppid_desktop.layanan.masukan import PermohonanMasukan
from ppid_desktop.services import Services
from tests.conftest import SANDI_LAPTOP, init_cli

ROOT = Path(__file__).resolve().parents[3]
NAMA, ALAMAT, TELEPON, NIK = "Sulastri Wijayakusuma", "Jl. Kenanga Ungu 17", "081398765432", "3373011203800003"
RAHASIA = [s.encode() for s in (NAMA, ALAMAT, TELEPON, NIK)] + [s.encode("utf-16-le") for s in (NAMA, ALAMAT)]
SANDI = SANDI_LAPTOP


def _bocor(*files: Path) -> list[str]:
    hits = []
    for f in files:
        data = f.read_bytes()
        hits += [f"{f.name}: {s!r}" for s in RAHASIA if s in data]
    return hits


@pytest.fixture
def env(laptop_terenkripsi: Path) -> Path:
    return laptop_terenkripsi


def _init(db: Path, capsys: pytest.CaptureFixture[str]) -> str:
    out = init_cli(db, capsys)
    assert out["terenkripsi"] is True
    return str(out["kunci_pemulihan"])


def _catat(db: Path) -> str:
    """One request with known personal data, through the app (unlocked in this process)."""
    svc = Services.open(db)
    try:
        a = svc.akun.authenticate("admin", SANDI)
        p = svc.layanan.catat_permohonan(a, PermohonanMasukan.dari_dict({"tanggal_diterima": date(2026, 6, 1), "nama": NAMA, "nik": NIK,
                                              "alamat": ALAMAT, "telepon": TELEPON, "rincian": "Salinan DPA",
                                              "tujuan": "Penelitian"}))
        return str(p.nomor)
    finally:
        svc.close()


def test_copied_database_wal_and_backup_show_no_personal_data(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = env / "kantor" / "ppid.sqlite"
    _init(db, capsys)
    svc = Services.open(db)
    try:  # a write left in the WAL (the store stays open while the files are copied)
        a = svc.akun.authenticate("admin", SANDI)
        svc.layanan.catat_permohonan(a, PermohonanMasukan.dari_dict({"tanggal_diterima": date(2026, 6, 1), "nama": NAMA, "nik": NIK,
                                          "alamat": ALAMAT, "telepon": TELEPON, "rincian": "Salinan DPA",
                                          "tujuan": "Penelitian"}))
        wal = Path(f"{db}-wal")
        assert wal.stat().st_size > 0
        copy = env / "salinan"
        copy.mkdir()
        for f in (db, wal):
            shutil.copyfile(f, copy / f.name)
        assert _bocor(*copy.iterdir()) == []
        # the control: the same bytes in clear would be found by this search
        assert _bocor(svc.store.path) == [] and NAMA.encode() not in wal.read_bytes()
    finally:
        svc.close()
    assert cli.main(["--db", str(db), "backup", str(env / "arsip.ppidbak")]) == 0
    with zipfile.ZipFile(env / "arsip.ppidbak") as zf:
        names = zf.namelist()
        extracted = env / "isi"
        zf.extractall(extracted)
    assert "kunci/ppid.sqlite.kunci" in names and not [n for n in names if n.endswith(".key")]  # no key in clear
    assert _bocor(env / "arsip.ppidbak", *[p for p in extracted.rglob("*") if p.is_file()]) == []
    with pytest.raises(sqlite3.DatabaseError):  # the stock sqlite3 cannot read it
        sqlite3.connect(copy / db.name).execute("SELECT count(*) FROM permohonan").fetchone()


def test_plaintext_control_would_be_found(tmp_path: Path) -> None:
    """The byte search finds the same data in a plaintext database (so 0 hits above means something)."""
    db = tmp_path / "polos.sqlite"
    svc = Services.open(db)
    try:
        svc.akun.create_user(None, "admin", "Administrator", SANDI, ["Admin"])
        a = svc.akun.authenticate("admin", SANDI)
        svc.layanan.catat_permohonan(a, PermohonanMasukan.dari_dict({"tanggal_diterima": date(2026, 6, 1), "nama": NAMA, "nik": NIK,
                                          "alamat": ALAMAT, "telepon": TELEPON, "rincian": "x", "tujuan": "y"}))
        svc.store.checkpoint()
    finally:
        svc.close()
    assert _bocor(db)


def test_wrong_password_opens_nothing_and_five_lock_the_entry(env: Path, capsys: pytest.CaptureFixture[str],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    db = env / "ppid.sqlite"
    _init(db, capsys)
    kunci_db.lupakan(db)
    with pytest.raises(StorageError, match="terenkripsi"):
        Services.open(db)
    monkeypatch.setenv("PPID_KATA_SANDI", "salah-sekali")
    for _ in range(kunci_db.MAX_GAGAL):
        assert cli.main(["--db", str(db), "check"]) == 2
        assert "kata sandi salah" in capsys.readouterr().err
    monkeypatch.setenv("PPID_KATA_SANDI", SANDI)  # now even the right one waits
    assert cli.main(["--db", str(db), "check"]) == 2
    assert "terkunci" in capsys.readouterr().err
    assert kunci_db.kunci_untuk(db) is None
    monkeypatch.delenv("PPID_PENGGUNA")
    assert cli.main(["--db", str(db), "kalender", "tenggat", "2026-03-16", "5"]) == 0  # public: no account needed
    assert "kalender publik" in capsys.readouterr().err


def test_recovery_key_sets_a_new_admin_password(env: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    db = env / "ppid.sqlite"
    kode = _init(db, capsys)
    assert len(kode.split("-")) == 8
    kunci_db.lupakan(db)
    monkeypatch.setenv("PPID_KUNCI_PEMULIHAN", "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
    monkeypatch.setenv("PPID_KATA_SANDI", "sandi-baru-456")
    assert cli.main(["--db", str(db), "pulihkan-kunci"]) == 2
    assert "Kunci pemulihan salah" in capsys.readouterr().err
    monkeypatch.setenv("PPID_KUNCI_PEMULIHAN", kode.lower().replace("-", " "))  # as typed from paper
    assert cli.main(["--db", str(db), "pulihkan-kunci"]) == 0
    capsys.readouterr()
    kunci_db.lupakan(db)
    monkeypatch.delenv("PPID_KUNCI_PEMULIHAN")
    assert cli.main(["--db", str(db), "audit", "list", "--json"]) == 0  # the new password signs in
    log = json.loads(capsys.readouterr().out)
    assert any("kunci pemulihan" in (e.get("ringkasan") or e.get("summary") or "") for e in log)
    kunci_db.lupakan(db)
    monkeypatch.setenv("PPID_KATA_SANDI", SANDI)
    assert cli.main(["--db", str(db), "check"]) == 2  # the old one no longer does


def _hitung(db: Path, key: bytes | None = None) -> dict[str, int]:
    con = kunci_db.sambung(db, key)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                            "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'")]
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()


def test_conversion_of_the_v0012_fixture_keeps_every_row(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = env / "lama" / "ppid.sqlite"
    db.parent.mkdir()
    shutil.copyfile(ROOT / "db" / "fixtures" / "v0012.sqlite", db)
    Services.open(db).close()  # migrated to head as plaintext first (migrations may add rows of their own)
    before = _hitung(db)
    assert before["permohonan"] > 0
    nama = sqlite3.connect(db).execute("SELECT nama FROM permohonan LIMIT 1").fetchone()[0]
    assert cli.main(["--db", str(db), "enkripsi", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["kunci_pemulihan"] and out["akun_perlu_atur_ulang"] == []
    assert kunci_db.terenkripsi(db) and not Path(f"{db}-wal").exists()
    assert nama.encode() not in db.read_bytes()
    copies = list((db.parent / "cadangan").glob("*.sqlite"))  # the pre-migration copy was plaintext
    assert copies and all(not c.read_bytes().startswith(b"SQLite format 3") for c in copies)
    assert all(nama.encode() not in c.read_bytes() for c in copies)
    kunci_db.lupakan(db)
    assert cli.main(["--db", str(db), "check", "--json"]) == 0
    check = json.loads(capsys.readouterr().out)
    assert check["terenkripsi"] is True and check["masalah"] == []
    after = _hitung(db)
    local = {"audit_log", "sinkron_info"}  # sign-ins and the app's own open add rows there
    assert {t: after[t] for t in before if t not in local} == {t: n for t, n in before.items() if t not in local}
    assert cli.main(["--db", str(db), "enkripsi"]) == 2  # twice: said, nothing done
    assert "sudah terenkripsi" in capsys.readouterr().err
    # The other accounts sign in with their own passwords (entries made from their password hashes),
    # and that first sign-in replaces the entry by an ordinary one.
    kunci_db.lupakan(db)
    assert kunci_db.baca(db)["akun"]["petugas"]["kdf"]["jenis"] == "argon2-hash"
    with pytest.raises(UserError, match="kata sandi salah"):
        kunci_db.buka(db, "petugas", "bukan-sandinya")
    assert kunci_db.buka(db, "petugas", SANDI) == kunci_db.buka(db, "admin", SANDI)
    assert kunci_db.baca(db)["akun"]["petugas"]["kdf"]["jenis"] == "argon2id"
    assert kunci_db.buka(db, "petugas", SANDI)


def test_backup_restores_on_a_new_laptop_with_a_password(env: Path, capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    db = env / "kantor" / "ppid.sqlite"
    _init(db, capsys)
    nomor = _catat(db)
    arsip = env / "arsip.ppidbak"
    assert cli.main(["--db", str(db), "backup", str(arsip)]) == 0
    capsys.readouterr()
    # Another laptop: its own data folder (no keyring, nothing unlocked), a new database path.
    code = (
        "import sys, json; from ppid_desktop import cli; from ppid_desktop.services import Services;"
        "rc = cli.main(['--db', sys.argv[1], 'restore', sys.argv[2]])\n"
        "if rc: raise SystemExit(rc)\n"
        "rc = cli.main(['--db', sys.argv[1], 'permohonan', 'show', sys.argv[3], '--json'])\n"
        "raise SystemExit(rc)"
    )
    laptop = env / "laptop2"
    laptop.mkdir()
    e = {**os.environ, "PPID_DATA_DIR": str(laptop / "data")}
    for var in ("PPID_PENGGUNA", "PPID_KATA_SANDI"):
        e.pop(var, None)
    target = laptop / "ppid.sqlite"
    p = subprocess.run([sys.executable, "-c", code, str(target), str(arsip), nomor], capture_output=True, text=True,
                       env=e, timeout=300)
    assert p.returncode == 2 and "terenkripsi" in p.stderr and "Traceback" not in p.stderr
    assert not target.exists()
    e.update(PPID_PENGGUNA="admin", PPID_KATA_SANDI="salah-sekali")
    p = subprocess.run([sys.executable, "-c", code, str(target), str(arsip), nomor], capture_output=True, text=True,
                       env=e, timeout=300)
    assert p.returncode == 2 and "kata sandi salah" in p.stderr and not target.exists()
    e["PPID_KATA_SANDI"] = SANDI
    p = subprocess.run([sys.executable, "-c", code, str(target), str(arsip), nomor], capture_output=True, text=True,
                       env=e, timeout=300)
    assert p.returncode == 0, p.stderr
    shown = json.loads(p.stdout[p.stdout.index("{"):])
    assert shown["nama"] == NAMA and shown["nik"].endswith(NIK[-4:])  # the keyring travelled (sealed)
    assert kunci_db.terenkripsi(target) and _bocor(target) == []


TULIS = """
import sys
from datetime import date
from ppid_desktop.core import kunci_db
from ppid_desktop.layanan.masukan import PermohonanMasukan
from ppid_desktop.services import Services
kunci_db.buka(sys.argv[1], "admin", sys.argv[2])
svc = Services.open(sys.argv[1])
a = svc.akun.authenticate("admin", sys.argv[2])
for i in range(int(sys.argv[3])):
    p = svc.layanan.catat_permohonan(a, PermohonanMasukan(tanggal_diterima=date(2026, 6, 1), nama=f"Pemohon {i}",
                                                          nik="3373011203800003", rincian="Data", tujuan="Uji"))
    print(p.nomor, flush=True)
svc.close()
"""


def test_two_processes_on_one_encrypted_database_get_unique_numbers(env: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    db = env / "ppid.sqlite"
    _init(db, capsys)
    n = 25
    procs = [subprocess.Popen([sys.executable, "-c", TULIS, str(db), SANDI, str(n)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=600) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1][-2000:] for o in outs]
    numbers = [line for out, _ in outs for line in out.split()]
    assert len(numbers) == 2 * n and len(set(numbers)) == 2 * n
    urut = sorted(int(x.split("/")[0]) for x in numbers)
    assert urut == list(range(1, 2 * n + 1))
    assert kunci_db.terenkripsi(db)


def test_key_file_is_private_and_holds_no_key_in_clear(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = env / "ppid.sqlite"
    kode = _init(db, capsys)
    key = kunci_db.kunci_untuk(db)
    assert key is not None
    path = kunci_db.berkas_kunci(db)
    text = path.read_bytes()
    assert key not in text and key.hex().encode() not in text and kode.encode() not in text
    import base64

    assert base64.b64encode(key) not in text
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600
    with pytest.raises(UserError, match="sudah ada"):
        kunci_db.buat(db, "admin", SANDI)  # never replaced: the database would become unreadable
