"""The GUI restore of an encrypted backup (another laptop's): the dialog asks for an account's password
or the recovery key; a wrong password is said in the dialog (nothing written), a right one or the
recovery key restores an encrypted database whose attachment keyring stays sealed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from ppid_desktop import cli
from ppid_desktop.core import crypto, kunci_db
from ppid_desktop.ui.akun import PulihkanCadanganDialog
from ppid_desktop.ui.context import AppContext

SANDI = "sandi-laptop-lain"


@pytest.fixture
def arsip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    """An encrypted backup made on another laptop (its own data folder), and its recovery key."""
    monkeypatch.setenv("PPID_DATA_DIR", str(tmp_path / "laptop-lain"))
    monkeypatch.setenv("PPID_PENGGUNA", "admin")
    monkeypatch.setenv("PPID_KATA_SANDI", SANDI)
    db = tmp_path / "laptop-lain" / "ppid.sqlite"
    assert cli.main(["--db", str(db), "init", "--json"]) == 0
    kode = json.loads(capsys.readouterr().out)["kunci_pemulihan"]
    out = tmp_path / "lain.ppidbak"
    assert cli.main(["--db", str(db), "backup", str(out)]) == 0
    kunci_db.lupakan(db)
    monkeypatch.setenv("PPID_DATA_DIR", str(tmp_path / "laptop-ini"))  # this laptop: nothing unlocked
    return out, str(kode)


def test_restore_dialog_asks_for_a_password_or_the_recovery_key(ctx: AppContext, qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                 arsip: tuple[Path, str]) -> None:
    source, kode = arsip
    target = tmp_path / "laptop-ini" / "pulihan.sqlite"
    dlg = PulihkanCadanganDialog(ctx, source, target)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.terenkripsi and {"pengguna", "kata_sandi", "kode_pemulihan"} <= set(dlg.fields)
    dlg.pengguna.setText("admin")
    dlg.simpan()  # no password, no recovery key: said, nothing run
    assert "kunci pemulihan" in dlg.feedback.text() and not target.exists()
    dlg.sandi.setText("bukan-sandinya")
    dlg.simpan()
    assert "kata sandi salah" in dlg.feedback.text() and dlg.result() != QDialog.DialogCode.Accepted
    assert not target.exists()
    dlg.sandi.setText(SANDI)
    dlg.simpan()
    assert dlg.result() == QDialog.DialogCode.Accepted, dlg.feedback.text()
    assert kunci_db.terenkripsi(target) and not (tmp_path / "laptop-ini" / crypto.KEY_FILENAME).exists()
    # The recovery key, to another file.
    kedua = tmp_path / "laptop-ini" / "pulihan-2.sqlite"
    dlg2 = PulihkanCadanganDialog(ctx, source, kedua)
    qtbot.addWidget(dlg2)
    dlg2.kode.setText(kode.lower().replace("-", " "))
    dlg2.simpan()
    assert dlg2.result() == QDialog.DialogCode.Accepted, dlg2.feedback.text()
    assert kunci_db.terenkripsi(kedua)
    for db in (target, kedua):
        kunci_db.lupakan(db)


def test_plaintext_backup_needs_no_password(ctx: AppContext, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ppid_desktop.sinkron.backup import backup

    source = tmp_path / "polos.ppidbak"
    backup(ctx.services.store, source)
    dlg = PulihkanCadanganDialog(ctx, source, tmp_path / "pulihan.sqlite")
    qtbot.addWidget(dlg)
    assert not dlg.terenkripsi and "kata_sandi" not in dlg.fields
    dlg.simpan()
    assert dlg.result() == QDialog.DialogCode.Accepted, dlg.feedback.text()
    assert kunci_db.polos(tmp_path / "pulihan.sqlite")
