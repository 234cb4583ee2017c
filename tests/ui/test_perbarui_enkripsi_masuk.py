"""The sign-in dialog (real window, its worker on the real task runner) re-encrypts a database of the
earlier release (4 KiB pages, HMAC-SHA512) with the current settings before the main window opens."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from ppid_desktop.core import kunci_db
from ppid_desktop.layanan.masukan import PermohonanMasukan
from ppid_desktop.services import Services
from ppid_desktop.ui.akun import LoginDialog
from ppid_desktop.ui.tasks import TaskRunner

SANDI = "sandi-kantor-1"


def test_sign_in_renews_old_encryption_settings(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "ppid.sqlite"
    kunci_db.buat(db, "admin", SANDI)
    data = json.loads(kunci_db.berkas_kunci(db).read_text())
    del data["sqlcipher"]  # as the earlier release wrote it: SQLCipher's defaults
    kunci_db._tulis(db, data)
    svc = Services.open(db)
    try:
        svc.akun.create_user(None, "admin", "Administrator", SANDI, ["Admin"])
        a = svc.akun.authenticate("admin", SANDI)
        svc.layanan.catat_permohonan(a, PermohonanMasukan.dari_dict({
            "tanggal_diterima": date(2026, 6, 1), "nama": "Budi", "nik": "3373011203800003", "alamat": "Jl. Uji",
            "rincian": "Salinan DPA", "tujuan": "Penelitian"}))
    finally:
        svc.close()
    kunci_db.lupakan(db)
    assert kunci_db.perlu_perbarui(db)
    dialog = LoginDialog(None, db_path=db, buka=Services.open, enkripsi=True, tasks=TaskRunner())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setText("admin")
    dialog.password.setText(SANDI)
    with qtbot.waitSignal(dialog.accepted, timeout=60_000):
        dialog.ok.click()
    try:
        assert dialog.actor is not None and dialog.peringatan == "" and dialog.kode_pemulihan is None
        assert dialog.tugas._last[2] == "Memperbarui enkripsi database ke pengaturan terbaru…"  # what the wait is
        assert kunci_db.setelan_untuk(db) == kunci_db.SETELAN_BARU
        with dialog.services.store.raw() as con:  # the reopened store reads the re-encrypted file
            assert con.execute("PRAGMA cipher_page_size").fetchone()[0] in (16384, "16384")
            assert con.execute("SELECT count(*) FROM permohonan").fetchone()[0] == 1
        assert list((db.parent / "cadangan").glob("ppid-sebelum-perbarui-enkripsi-*.sqlite"))
    finally:
        dialog.services.close()
        kunci_db.lupakan(db)
