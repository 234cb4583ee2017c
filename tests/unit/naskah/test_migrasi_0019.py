"""Migration 0019 on the released v0018 database: SK Tim Monev letters drafted as a surat dinas before the
keputusan kind move to the keputusan kind while unnumbered (then sign in the keputusan series and print
the keputusan layout); numbered and cancelled ones stay; other letters are untouched; each touched letter
has one history line, the same on every laptop; the sync transform does the same to an older package."""

from __future__ import annotations

import io
import shutil
import sqlite3
import uuid
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from ppid_desktop.core import paths
from ppid_desktop.services import Services
from ppid_desktop.sinkron.transformasi import naikkan, rantai
from tests.conftest import TEST_DEVICE, make_actor

V0018 = paths.migrations_dir() / "fixtures" / "v0018.sqlite"
PROG = "cc5f4bf8-ea9e-4e72-8084-c78366318222"  # a programme of the fixture
TTD_SK = "6ddd0072-18f0-45f6-ace7-17f70ee40309"  # Sri Permana: boleh_ttd has keputusan


def _sisip(c: sqlite3.Connection, status: str, nomor: str | None, sumber: str, jenis: str = "surat_keluar",
           hal: str = "Keputusan Pembentukan Tim Monitoring dan Evaluasi Monev KIP") -> str:
    sid = str(uuid.uuid4())
    c.execute(
        "INSERT INTO surat_keluar (id, created_at, updated_at, created_by, updated_by, device_id, rev, deleted, jenis, hal, "
        "kepada, sifat, lampiran, ringkasan, kode_klasifikasi, konseptor, penandatangan_id, penandatangan, mode_ttd, "
        "status, nomor, tanggal, tanggal_kirim, cara_kirim, sumber, pdf_hash, catatan, seri, urut, versi, pdf_sha256, "
        "ditandatangani_pada) VALUES (?, '2026-10-01 08:00:00.000000', '2026-10-02 09:00:00.000000', 'admin', 'admin', NULL, 1, 0, ?, "
        "?, '', 'Biasa', '-', 'Dibuat dari program monev.', '', 'admin', ?, 'Sri Permana, M.Kom.', '', ?, ?, ?, NULL, "
        "'', ?, NULL, '', ?, ?, 1, NULL, NULL)",
        (sid, jenis, hal, TTD_SK, status, nomor, "2026-10-05" if nomor else None, sumber,
         "surat_keluar" if nomor else "", 7 if nomor else None))
    return sid


def test_old_sk_drafts_become_keputusan_numbered_ones_stay(tmp_path: Path) -> None:
    db = tmp_path / "v0018.sqlite"
    shutil.copyfile(V0018, db)
    with sqlite3.connect(db) as c:
        sebelum = dict(c.execute("SELECT id, jenis FROM surat_keluar").fetchall())
        konsep = _sisip(c, "konsep", None, f"monev.naskah:sk-tim:{PROG}x")
        siap = _sisip(c, "siap_ttd", None, f"monev.naskah:sk-tim:{PROG}")
        bernomor = _sisip(c, "ditandatangani", "000.8.3.3/7/DISKOMINFO/2026", f"monev.naskah:sk-tim:{PROG}y")
        batal = _sisip(c, "dibatalkan", None, f"monev.naskah:sk-tim:{PROG}z")
        lain = _sisip(c, "konsep", None, "", hal="Keputusan rapat (surat dinas biasa)")
        undangan = _sisip(c, "konsep", None, f"monev.naskah:undangan:{PROG}", hal="Undangan Rapat Koordinasi")
    svc = Services.open(db, TEST_DEVICE)  # migrates to the head
    try:
        ag = svc.agenda
        assert ag.ambil(konsep).jenis == "keputusan" and ag.ambil(siap).jenis == "keputusan"
        assert ag.ambil(bernomor).jenis == "surat_keluar" and ag.ambil(bernomor).nomor == "000.8.3.3/7/DISKOMINFO/2026"
        assert ag.ambil(batal).jenis == "surat_keluar"
        assert ag.ambil(lain).jenis == "surat_keluar" and ag.ambil(undangan).jenis == "surat_keluar"
        assert {r.id: r.jenis for r in ag.daftar() if r.id in sebelum} == sebelum  # the fixture's letters untouched
        riw = {sid: [(r.aksi, r.catatan) for r in ag.detail(sid).riwayat] for sid in (konsep, bernomor, batal, lain)}
        assert [a for a, _ in riw[konsep]] == ["ubah"] and "dipindah dari Surat dinas ke Keputusan" in riw[konsep][0][1]
        assert riw[bernomor] == [("migrasi", riw[bernomor][0][1])] and "000.8.3.3/7/DISKOMINFO/2026" in riw[bernomor][0][1]
        assert riw[batal] == [] and riw[lain] == []
        from ppid_desktop.monev import naskah_agenda as NA

        assert [r.id for r in NA.sk_lama(svc)] == [bernomor]  # reported
        # the moved draft signs in the keputusan series and prints the keputusan layout
        admin = make_actor("Admin", username="admin")
        signed = ag.tandatangani(admin, siap, date(2026, 11, 30))
        assert signed.jenis == "keputusan" and "KEP" in (signed.nomor or "")
        t = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(ag.cetak(siap))).pages)
        assert all(k in t for k in ("MEMUTUSKAN", "Menimbang", "KESATU", signed.nomor or "-"))
    finally:
        svc.close()
    # the history line has the same id on every laptop that upgrades the same letter
    with sqlite3.connect(db) as c:
        rid = c.execute("SELECT id FROM riwayat_surat WHERE surat_id = ? AND aksi = 'ubah'", (konsep,)).fetchone()[0]
    assert rid == str(uuid.uuid5(uuid.UUID("6f1d0b1e-0019-4c1a-9a55-5b2e6b7a0019"), konsep))


def test_sync_package_from_0018_is_brought_to_the_keputusan_kind() -> None:
    langkah = rantai("0018")
    assert [r for r, _ in langkah] == ["0019"] or "0019" in [r for r, _ in langkah]
    base = {"jenis": "surat_keluar", "sumber": "monev.naskah:sk-tim:abc", "status": "konsep", "nomor": None, "deleted": False}
    assert naikkan(langkah, "surat_keluar", dict(base))["jenis"] == "keputusan"
    assert naikkan(langkah, "surat_keluar", {**base, "status": "ditandatangani", "nomor": "1/2026"})["jenis"] == "surat_keluar"
    assert naikkan(langkah, "surat_keluar", {**base, "sumber": "monev.naskah:undangan:abc"})["jenis"] == "surat_keluar"
    assert naikkan(langkah, "riwayat_surat", {"aksi": "buat"}) == {"aksi": "buat"}
