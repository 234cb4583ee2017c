"""``ppid agenda list/cetak`` and ``ppid cetak`` in real subprocesses: drafts without a number, frozen
letters byte-identical, every printed number in the agenda, JSON keys exactly as documented."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from ppid_desktop.akun import roles as R
from ppid_desktop.layanan import rules as RU
from ppid_desktop.layanan.masukan import KeputusanMasukan, PermohonanMasukan
from ppid_desktop.master.masukan import IsianPegawai
from ppid_desktop.naskah.jenis import MENUNGGU_NOMOR
from ppid_desktop.naskah.masukan import IsianKonsep
from ppid_desktop.services import Services
from tests.conftest import TEST_DEVICE, cli_admin, make_actor
from tests.unit.layanan.conftest import data_permohonan

PPID = [str(Path(sys.executable).parent / "ppid")] if (Path(sys.executable).parent / "ppid").exists() else \
    [sys.executable, "-m", "ppid_desktop.cli"]


def _run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # The same data folder as the test process (the same laptop): the frozen letters the test signed are
    # encrypted under its keyring (core.lampiran), as the NIKs are.
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([*PPID, "--db", str(db), *args], env=env, capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)


def _text(path: Path) -> str:
    return " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages).split())


def test_cli_prints_drafts_without_number_and_signed_letters_frozen(profil, admin, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    svc = profil
    svc.master.simpan_pegawai(admin, IsianPegawai.dari({"nama": "Dra. Sri Lestari, M.Si.", "nip": "196804111993032009",
                                    "jabatan": "Kepala Bidang IKP", "boleh_ttd": "pemberitahuan"}))
    svc.layanan.clock = lambda: date(2026, 6, 15)
    p = svc.layanan.catat_permohonan(make_actor(R.PETUGAS), PermohonanMasukan.dari_dict(data_permohonan()))
    svc.layanan.putuskan(make_actor(R.PPID), p.id, KeputusanMasukan.dari_dict({"keputusan": RU.SELURUHNYA, "tanggal_pemberitahuan": date(2026, 6, 5),
                                                    "bentuk_informasi": "softcopy"}))
    db = svc.store.path
    cli_admin(Path(db))  # the CLI signs in
    svc.close()

    draft = tmp_path / "konsep.pdf"
    assert _run(db, "cetak", "pemberitahuan", p.nomor, "-o", str(draft)).returncode == 0
    assert f"NOMOR {MENUNGGU_NOMOR}" in _text(draft)
    listed = _run(db, "agenda", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert len(rows) == 1 and set(rows[0]) == {"nomor", "tanggal", "jenis", "hal", "status", "sha256", "terkait"}
    assert rows[0]["jenis"] == "pemberitahuan" and rows[0]["status"] == "konsep" and rows[0]["nomor"] is None

    svc2 = Services.open(db, TEST_DEVICE)
    surat = svc2.agenda.daftar()[0]
    svc2.agenda.ajukan(admin, surat.id)
    signed = svc2.agenda.tandatangani(admin, surat.id, date(2026, 6, 5), hari_ini=date(2026, 6, 30))
    svc2.close()

    a, b, c = tmp_path / "a.pdf", tmp_path / "b.pdf", tmp_path / "c.pdf"
    assert _run(db, "cetak", "pemberitahuan", p.nomor, "-o", str(a)).returncode == 0
    assert _run(db, "cetak", "pemberitahuan", p.nomor, "-o", str(b)).returncode == 0
    assert _run(db, "agenda", "cetak", surat.id, "-o", str(c)).returncode == 0
    assert a.read_bytes() == b.read_bytes() == c.read_bytes()
    text = _text(a)
    assert signed.nomor and f"NOMOR {signed.nomor}" in text and MENUNGGU_NOMOR not in text
    rows = json.loads(_run(db, "agenda", "list", "--status", "ditandatangani", "--json").stdout)
    assert [r["nomor"] for r in rows] == [signed.nomor] and rows[0]["sha256"] == signed.pdf_sha256
    assert rows[0]["tanggal"] == "2026-06-05"

    bad = _run(db, "agenda", "cetak", "tidak-ada", "-o", str(tmp_path / "x.pdf"))
    assert bad.returncode == 2 and "tidak ada di agenda" in bad.stderr and "Traceback" not in bad.stderr


def test_agenda_commands_in_process(profil, admin, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from ppid_desktop import cli

    svc = profil
    kadis = svc.master.simpan_pegawai(admin, IsianPegawai.dari({"nama": "Drs. Budi", "nip": "196707151993091001", "jabatan": "Kepala Dinas",
                                            "boleh_ttd": "nota_dinas"}))
    s = svc.agenda.buat_konsep(admin, IsianKonsep.dari({"jenis": "nota_dinas", "hal": "Rapat", "penandatangan_id": kadis.id}), [])
    db = str(svc.store.path)
    cli_admin(Path(db))  # the CLI signs in
    svc.close()
    assert cli.main(["--db", db, "agenda", "list", "--jenis", "nota_dinas", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows == [{"nomor": None, "tanggal": None, "jenis": "nota_dinas", "hal": "Rapat", "status": "konsep",
                     "sha256": None, "terkait": []}]
    assert cli.main(["--db", db, "agenda", "list"]) == 0
    assert s.id in capsys.readouterr().out
    out = tmp_path / "sub" / "konsep.pdf"
    assert cli.main(["--db", db, "agenda", "cetak", s.id, "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF") and "konsep tanpa nomor" in capsys.readouterr().out
    blocked = tmp_path / "berkas"
    blocked.write_text("bukan folder")
    assert cli.main(["--db", db, "agenda", "cetak", s.id, "-o", str(blocked / "x.pdf")]) == 2
    assert "tidak dapat ditulis" in capsys.readouterr().err


def test_cli_service_report_letter_draft_then_frozen(profil, admin, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """``ppid laporan naskah``: the report that goes out is an agenda letter (draft without a number, then
    the frozen signed PDF); ``ppid laporan layanan --pdf`` stays the internal un-numbered report."""
    svc = profil
    kadis = svc.master.simpan_pegawai(admin, IsianPegawai.dari({"nama": "Drs. Budi Prasetiyono, M.Si.", "nip": "196707151993091001",
                                            "jabatan": "Kepala Dinas", "boleh_ttd": "laporan"}))
    svc.layanan.catat_permohonan(make_actor(R.PETUGAS), PermohonanMasukan.dari_dict(data_permohonan()))
    db = svc.store.path
    cli_admin(Path(db))
    svc.close()

    draft = tmp_path / "konsep.pdf"
    out = _run(db, "laporan", "naskah", "--dari", "2026-01-01", "--sampai", "2026-06-30", "-o", str(draft))
    assert out.returncode == 0, out.stderr
    assert MENUNGGU_NOMOR in _text(draft) and "Komisi Informasi" in _text(draft)
    bad = _run(db, "laporan", "naskah", "--dari", "2026-06-30", "--sampai", "2026-01-01", "-o", str(tmp_path / "x.pdf"))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and not (tmp_path / "x.pdf").exists()

    svc2 = Services.open(db, TEST_DEVICE)
    surat = svc2.agenda.daftar(jenis="laporan")[0]
    assert surat.penandatangan_id == kadis.id
    svc2.agenda.ajukan(admin, surat.id)
    signed = svc2.agenda.tandatangani(admin, surat.id, date(2026, 7, 2), hari_ini=date(2026, 7, 2))
    svc2.close()
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assert _run(db, "laporan", "naskah", "--dari", "2026-01-01", "--sampai", "2026-06-30", "-o", str(a)).returncode == 0
    assert _run(db, "agenda", "cetak", surat.id, "-o", str(b)).returncode == 0
    assert a.read_bytes() == b.read_bytes() and signed.nomor and signed.nomor in _text(a)
    internal = tmp_path / "internal.pdf"
    assert _run(db, "laporan", "layanan", "--dari", "2026-01-01", "--sampai", "2026-06-30", "--pdf",
                str(internal)).returncode == 0
    assert signed.nomor not in _text(internal) and MENUNGGU_NOMOR not in _text(internal)
