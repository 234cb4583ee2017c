"""Re-encrypting a database of an earlier release (``kunci_db.perbarui``): 4 KiB pages and HMAC-SHA512
(``SETELAN_LAMA``) become 16 KiB pages and HMAC-SHA256 (``SETELAN_BARU``) under the same data key, with the
same rows and readable NIKs; automatically at sign-in (CLI) and by ``ppid enkripsi --perbarui``; refused while
another process has the database open; a real process SIGKILLed at every step and at random moments of the
export leaves a database that opens with every row, and no leftovers after the next start."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import pytest

from ppid_desktop import cli
from ppid_desktop.core import kunci_db, paths
from ppid_desktop.core.errors import Cancelled, UserError
from ppid_desktop.core.progress import Progress
from ppid_desktop.layanan.masukan import PermohonanMasukan
from ppid_desktop.services import Services

ROOT = Path(__file__).resolve().parents[3]
SANDI = "rahasia123"
NIKS = [f"33730112038{i:05d}" for i in range(1, 13)]


@pytest.fixture(autouse=True)
def _lupakan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PPID_PENGGUNA", "admin")
    monkeypatch.setenv("PPID_KATA_SANDI", SANDI)
    yield
    for db in tmp_path.rglob("*.sqlite"):
        kunci_db.lupakan(db)


def _db_lama(db: Path) -> bytes:
    """A database as the earlier release encrypted it: its key file has no ``sqlcipher`` record, so the
    file is built with SQLCipher 4's defaults (``SETELAN_LAMA``); twelve requests with NIKs."""
    key, _ = kunci_db.buat(db, "admin", SANDI)
    data = json.loads(kunci_db.berkas_kunci(db).read_text())
    del data["sqlcipher"]
    kunci_db._tulis(db, data)
    svc = Services.open(db)
    try:
        svc.akun.create_user(None, "admin", "Administrator", SANDI, ["Admin"])
        a = svc.akun.authenticate("admin", SANDI)
        for i, nik in enumerate(NIKS):
            svc.layanan.catat_permohonan(a, PermohonanMasukan.dari_dict({
                "tanggal_diterima": date(2026, 6, 1 + i), "nama": f"Pemohon {i}", "nik": nik, "alamat": "Jl. Uji",
                "rincian": "Salinan DPA", "tujuan": "Penelitian"}))
    finally:
        svc.close()
    assert kunci_db.setelan_untuk(db) == kunci_db.SETELAN_LAMA
    assert kunci_db._coba_setelan(db, key, kunci_db.SETELAN_LAMA)
    assert not kunci_db._coba_setelan(db, key, kunci_db.SETELAN_BARU)
    return key


def _isi(db: Path) -> tuple[dict[str, int], list[str]]:
    """Row counts of every table and the NIKs read back through the app (signs in first)."""
    kunci_db.lupakan(db)
    kunci_db.buka(db, "admin", SANDI)
    svc = Services.open(db)
    try:
        with svc.store.raw() as con:  # before the sign-in, which adds its own audit entry
            counts = kunci_db._jumlah_baris(con)
            counts.pop("audit_log")  # each sign-in and NIK view below appends to it (checked by perbarui itself)
            ids = [r[0] for r in con.execute("SELECT id FROM permohonan ORDER BY tanggal_diterima")]
        a = svc.akun.authenticate("admin", SANDI)
        niks = [svc.layanan.lihat_nik(a, i) for i in ids]
    finally:
        svc.close()
    kunci_db.lupakan(db)
    return counts, niks


def _setelan_nyata(db: Path, key: bytes) -> dict[str, object]:
    hits = [s for s in (kunci_db.SETELAN_LAMA, kunci_db.SETELAN_BARU) if kunci_db._coba_setelan(db, key, s)]
    assert len(hits) == 1
    return hits[0]


def test_old_database_ends_with_new_settings_same_rows_and_readable_niks(tmp_path: Path) -> None:
    db = tmp_path / "ppid.sqlite"
    key = _db_lama(db)
    counts, niks = _isi(db)
    assert niks == NIKS
    kunci_db.buka(db, "admin", SANDI)
    assert kunci_db.perlu_perbarui(db)
    keep = kunci_db.perbarui(db)
    assert keep is not None and keep.parent == db.parent / "cadangan" and "sebelum-perbarui-enkripsi-" in keep.name
    assert kunci_db.setelan_untuk(db) == kunci_db.SETELAN_BARU
    assert _setelan_nyata(db, key) == kunci_db.SETELAN_BARU
    con = kunci_db.sambung(db, key)
    try:
        assert con.execute("PRAGMA cipher_page_size").fetchone()[0] in (16384, "16384")
    finally:
        con.close()
    assert _isi(db) == (counts, NIKS)
    # the safety copy: the old file, still under the old settings, with its own key file saying so
    assert kunci_db.setelan_untuk(keep) == kunci_db.SETELAN_LAMA
    assert _setelan_nyata(keep, key) == kunci_db.SETELAN_LAMA
    assert oct(keep.stat().st_mode & 0o777) == "0o600"
    assert not list(db.parent.glob(f"{paths.TEMP_PREFIX}*")) and not list(db.parent.glob("*.sebagian"))
    kunci_db.buka(db, "admin", SANDI)
    assert not kunci_db.perlu_perbarui(db) and kunci_db.perbarui(db) is None  # nothing left to do


def test_refused_while_another_process_has_it_open_and_cancel_leaves_it(tmp_path: Path) -> None:
    db = tmp_path / "ppid.sqlite"
    _db_lama(db)
    kunci_db.buka(db, "admin", SANDI)
    svc = Services.open(db)  # holds the shared lock, as the app and every ppid command do
    try:
        with pytest.raises(UserError, match="sedang dibuka oleh aplikasi atau proses lain"):
            kunci_db.perbarui(db)
        assert kunci_db.perbarui_bila_perlu(db) is None  # at sign-in: left for a later one, no error
    finally:
        svc.close()
    assert kunci_db.setelan_untuk(db) == kunci_db.SETELAN_LAMA
    p = Progress()
    p.cancel()
    with pytest.raises(Cancelled):
        kunci_db.perbarui(db, progress=p)
    assert kunci_db.setelan_untuk(db) == kunci_db.SETELAN_LAMA
    assert not list(db.parent.glob(f"{paths.TEMP_PREFIX}*"))
    assert _isi(db)[1] == NIKS


def test_cli_sign_in_converts_and_the_explicit_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "ppid.sqlite"
    key = _db_lama(db)
    kunci_db.lupakan(db)
    assert cli.main(["--db", str(db), "permohonan", "list", "--json"]) == 0  # any signed-in command
    cap = capsys.readouterr()
    assert len(json.loads(cap.out)) == len(NIKS)
    assert "Enkripsi database diperbarui" in cap.err
    assert kunci_db.setelan_untuk(db) == kunci_db.SETELAN_BARU and _setelan_nyata(db, key) == kunci_db.SETELAN_BARU
    kunci_db.lupakan(db)
    assert cli.main(["--db", str(db), "enkripsi", "--perbarui", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["diperbarui"] is False and out["setelan"] == kunci_db.SETELAN_BARU


def test_explicit_command_messages(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "ppid.sqlite"
    _db_lama(db)
    kunci_db.lupakan(db)
    monkeypatch.setenv("PPID_KATA_SANDI", "salah")
    assert cli.main(["--db", str(db), "enkripsi", "--perbarui"]) == 2
    assert "kata sandi salah" in capsys.readouterr().err
    monkeypatch.setenv("PPID_KATA_SANDI", SANDI)
    assert cli.main(["--db", str(db), "enkripsi", "--perbarui"]) == 0
    out = capsys.readouterr().out
    assert "16 KiB" in out and "salinan pengaman" in out.lower()
    polos = tmp_path / "polos.sqlite"
    assert cli.main(["--db", str(polos), "init", "--tanpa-enkripsi"]) == 0
    capsys.readouterr()
    assert cli.main(["--db", str(polos), "enkripsi", "--perbarui"]) == 2
    assert "tidak terenkripsi" in capsys.readouterr().err


def test_key_file_left_describing_the_old_settings_is_put_right_at_sign_in(tmp_path: Path) -> None:
    """The crash window between the swap and the record, made by hand."""
    db = tmp_path / "ppid.sqlite"
    key = _db_lama(db)
    kunci_db.buka(db, "admin", SANDI)
    kunci_db.perbarui(db)
    kunci_db._catat_setelan(db, kunci_db.SETELAN_LAMA)  # as if killed before the record
    kunci_db.lupakan(db)
    counts, niks = _isi(db)
    assert niks == NIKS and kunci_db.setelan_untuk(db) == kunci_db.SETELAN_BARU
    assert _setelan_nyata(db, key) == kunci_db.SETELAN_BARU


CHILD = textwrap.dedent("""
    import os, signal, sys
    from ppid_desktop.core import kunci_db
    langkah = sys.argv[2]
    def mati(nama):
        if nama == langkah:
            os.kill(os.getpid(), signal.SIGKILL)
    kunci_db._langkah = mati
    kunci_db.buka(sys.argv[1], "admin", "rahasia123")
    print("MULAI", flush=True)
    kunci_db.perbarui(sys.argv[1])
    print("SELESAI", flush=True)
""")
LANGKAH = ["mulai", "ekspor", "salinan", "tukar", "catat"]


def _anak(db: Path, langkah: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-c", CHILD, str(db), langkah], stdout=subprocess.PIPE, text=True,
                            env=env, cwd=ROOT)


def _setelah_mati(db: Path, key: bytes, counts: dict[str, int]) -> None:
    """The next start: the database opens with every row and NIK, no leftovers; a re-run finishes the job."""
    assert _isi(db) == (counts, NIKS)
    assert not list(db.parent.glob(f"{paths.TEMP_PREFIX}*")) and not list(db.parent.glob("*.sebagian"))
    kunci_db.buka(db, "admin", SANDI)
    kunci_db.perbarui(db)
    assert _setelan_nyata(db, key) == kunci_db.SETELAN_BARU == kunci_db.setelan_untuk(db)
    assert _isi(db) == (counts, NIKS)


@pytest.mark.parametrize("langkah", LANGKAH)
def test_sigkill_at_every_step_leaves_a_database_with_every_row(tmp_path: Path, langkah: str) -> None:
    db = tmp_path / "ppid.sqlite"
    key = _db_lama(db)
    counts, _ = _isi(db)
    child = _anak(db, langkah)
    out, _ = child.communicate(timeout=120)
    assert child.returncode == -signal.SIGKILL and "SELESAI" not in out
    _setelah_mati(db, key, counts)


def test_sigkill_at_random_moments_of_the_export(tmp_path: Path) -> None:
    rng = random.Random(9023)
    db = tmp_path / "ppid.sqlite"
    key = _db_lama(db)
    counts, _ = _isi(db)
    for _ in range(4):
        child = _anak(db, "-")
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "MULAI"  # unlocked: the re-encryption starts now
        time.sleep(rng.uniform(0, 0.25))  # a random moment of the work, not a wait for a result
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=60)
        assert _isi(db) == (counts, NIKS)
        if _setelan_nyata(db, key) == kunci_db.SETELAN_BARU:
            break
    _setelah_mati(db, key, counts)


TAHAN = ("import sys; from ppid_desktop.core import kunci_db; from ppid_desktop.services import Services; "
         "kunci_db.buka(sys.argv[1], 'admin', 'rahasia123'); s = Services.open(sys.argv[1]); "
         "print('buka', flush=True); sys.stdin.readline(); s.close()")


def test_gui_sign_in_hook_renews_for_any_role_and_waits_for_other_processes(tmp_path: Path) -> None:
    """``akun.enkripsi.enkripsi_setelah_masuk`` (the sign-in dialog's worker): any account, not only an Admin."""
    from ppid_desktop.akun import roles as R
    from ppid_desktop.akun.enkripsi import enkripsi_setelah_masuk

    db = tmp_path / "ppid.sqlite"
    key = _db_lama(db)
    kunci_db.buka(db, "admin", SANDI)
    svc = Services.open(db)
    admin = svc.akun.authenticate("admin", SANDI)
    svc.akun.create_user(admin, "petugas", "Petugas", "sandi-petugas-1", [R.PETUGAS])
    petugas = svc.akun.authenticate("petugas", "sandi-petugas-1")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    holder = subprocess.Popen([sys.executable, "-c", TAHAN, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True, env=env, cwd=ROOT)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "buka"
        svc, kode, warn = enkripsi_setelah_masuk(svc, petugas, "petugas", "sandi-petugas-1", Services.open)
        assert kode is None and warn == "" and kunci_db.setelan_untuk(db) == kunci_db.SETELAN_LAMA
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=60)
    try:
        svc, kode, warn = enkripsi_setelah_masuk(svc, petugas, "petugas", "sandi-petugas-1", Services.open)
        assert kode is None and warn == ""
        assert kunci_db.setelan_untuk(db) == kunci_db.SETELAN_BARU and _setelan_nyata(db, key) == kunci_db.SETELAN_BARU
        assert svc.akun.authenticate("petugas", "sandi-petugas-1").username == "petugas"  # the reopened store
    finally:
        svc.close()


def test_full_disk_leaves_the_database_as_it_was_and_the_command_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "ppid.sqlite"
    key = _db_lama(db)
    asli = kunci_db.enkripsi_berkas

    def penuh(src: Path, dst: Path, *a: object, **kw: object) -> None:
        asli(src, dst, *a, **kw)  # type: ignore[arg-type]
        raise kunci_db.modul_cipher().OperationalError("database or disk is full")

    monkeypatch.setattr(kunci_db, "enkripsi_berkas", penuh)
    kunci_db.buka(db, "admin", SANDI)
    with pytest.raises(UserError, match="disk is full.*Database tidak diubah"):
        kunci_db.perbarui(db)
    assert not list(db.parent.glob(f"{paths.TEMP_PREFIX}*"))
    assert _setelan_nyata(db, key) == kunci_db.SETELAN_LAMA == kunci_db.setelan_untuk(db)
    kunci_db.lupakan(db)  # a new run: the CLI unlocks, tries to renew, warns, and goes on
    assert cli.main(["--db", str(db), "permohonan", "list", "--json"]) == 0  # works on the old settings
    cap = capsys.readouterr()
    assert len(json.loads(cap.out)) == len(NIKS) and "belum diperbarui" in cap.err and "Traceback" not in cap.err
