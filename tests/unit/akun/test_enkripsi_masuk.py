"""``akun.enkripsi.enkripsi_setelah_masuk``: an Admin's sign-in encrypts a plaintext office database; while
another process has the file open it leaves it as it was and says why; other roles change nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ppid_desktop.akun import roles as R
from ppid_desktop.akun.enkripsi import enkripsi_setelah_masuk
from ppid_desktop.core import kunci_db
from ppid_desktop.services import Services

SANDI = "sandi-admin-1"
TAHAN = ("import sys; from ppid_desktop.services import Services; s = Services.open(sys.argv[1]); "
         "print('buka', flush=True); sys.stdin.readline(); s.close()")


def test_admin_sign_in_encrypts_unless_another_process_holds_the_file(tmp_path: Path) -> None:
    db = tmp_path / "kantor.sqlite"
    svc = Services.open(db)
    svc.akun.create_user(None, "admin", "Administrator", SANDI, [R.ADMIN])
    admin = svc.akun.authenticate("admin", SANDI)
    svc.akun.create_user(admin, "petugas", "Petugas", "sandi-petugas-1", [R.PETUGAS])
    petugas = svc.akun.authenticate("petugas", "sandi-petugas-1")
    same, kode, warn = enkripsi_setelah_masuk(svc, petugas, "petugas", "sandi-petugas-1", Services.open)
    assert same is svc and kode is None and warn == ""  # not an Admin: nothing happens
    holder = subprocess.Popen([sys.executable, "-c", TAHAN, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "buka"
        svc, kode, warn = enkripsi_setelah_masuk(svc, admin, "admin", SANDI, Services.open)
        assert kode is None and "belum dienkripsi" in warn and "sedang dibuka" in warn
        assert not kunci_db.terenkripsi(db) and svc.akun.has_users()  # reopened, as it was
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=60)
    try:
        svc, kode, warn = enkripsi_setelah_masuk(svc, admin, "admin", SANDI, Services.open)
        assert kode and warn == "" and kunci_db.terenkripsi(db)
        assert svc.akun.authenticate("admin", SANDI).username == "admin"  # the reopened store reads it
    finally:
        svc.close()
        kunci_db.lupakan(db)
