"""qtbot tests: attachments encrypted at rest in the screens (``core.lampiran``, ``ui.lampiran``).

- after sign-in, an earlier release's clear attachments are converted in a background task (the real
  threaded runner), once;
- the KTP viewer, the evidence viewer and the archive preview get verified decrypted copies in the private
  temporary folder; a tampered evidence file gives the Indonesian message instead of opening.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from ppid_desktop.core import lampiran
from ppid_desktop.layanan.masukan import PermohonanMasukan
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.lampiran import enkripsi_lampiran_lama
from ppid_desktop.ui.layanan.page import DetailPermohonan
from ppid_desktop.ui.tasks import TaskRunner


def test_clear_attachments_are_converted_in_the_background_once(qtbot, profil, admin) -> None:  # type: ignore[no-untyped-def]
    store = profil.store
    contents = [f"%PDF-1.4 surat lama {i}".encode() for i in range(12)]
    for c in contents:  # what an earlier release left: clear files named by their SHA-256
        path = lampiran.berkas(store, hashlib.sha256(c).hexdigest())
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(c)
    ctx = AppContext(services=profil, actor=admin, tasks=TaskRunner())
    statuses: list[str] = []
    ctx._status = statuses.append
    task = enkripsi_lampiran_lama(ctx)
    assert task is not None
    qtbot.waitUntil(lambda: bool(statuses), timeout=60000)
    assert "Lampiran dienkripsi: 12" in statuses[0]
    for c in contents:
        d = hashlib.sha256(c).hexdigest()
        assert lampiran.terenkripsi(lampiran.berkas(store, d)) and lampiran.baca(store, d) == c
    assert enkripsi_lampiran_lama(ctx) is None  # done: the next sign-in has nothing to start
    assert enkripsi_lampiran_lama(None) is None


def test_ktp_viewer_gets_a_private_decrypted_copy(qtbot, ctx, profil, admin, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ktp = tmp_path / "ktp.jpg"
    ktp.write_bytes(b"JPEG-KTP-3373015507900004")
    lay = profil.layanan
    p = lay.catat_permohonan(admin, PermohonanMasukan.dari_dict({
        "tanggal_diterima": date(2026, 6, 1), "nama": "Budi Santoso", "nik": "3373011203800003",
        "rincian": "DPA", "tujuan": "Penelitian"}), lampiran=[("ktp", ktp)])
    (lamp,) = lay.lampiran(p.id)
    assert b"3373015507900004" not in lampiran.berkas(profil.store, lamp.digest).read_bytes()
    dlg = DetailPermohonan(ctx, p.id)
    qtbot.addWidget(dlg)
    opened: list = []
    dlg.opener = opened.append
    btn = dlg.findChild(QPushButton, f"lampiran_{lamp.id}")
    qtbot.mouseClick(btn, Qt.MouseButton.LeftButton)
    (path,) = opened
    assert path.read_bytes() == b"JPEG-KTP-3373015507900004" and path.name == "KTP.jpg"
    assert lampiran.folder_sementara(profil.store) in path.parents and (path.stat().st_mode & 0o777) == 0o600
    lampiran.bersihkan_sementara()  # what sign-out and exit do
    assert not path.exists()


def test_evidence_opens_a_verified_copy_off_the_gui_thread(qtbot, ctx, messages, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PIL import Image
    from PySide6.QtGui import QDesktopServices

    from ppid_desktop.master.masukan import IsianOpd
    from ppid_desktop.ui.monev.sesi import SesiWidget

    svc, a = ctx.services, ctx.actor
    opd = [svc.master.simpan_opd(a, IsianOpd.dari({"kode": "DINKES", "nama": "Dinas Kesehatan"})).id]
    inst = svc.monev.impor_templat(a, "ppid_checklist")
    prog = svc.monev.buat_program(a, "Monev", inst.id, opd)
    sesi = svc.monev.mulai_sesi(a, svc.monev.daftar_jadwal(prog.id)[0][0].id)
    img = tmp_path / "meja layanan.jpg"
    Image.new("RGB", (20, 20), (200, 10, 10)).save(img)
    bukti = svc.monev.tambah_bukti(a, sesi.id, "S.1.1", img)
    w = SesiWidget(ctx, sesi.id)
    qtbot.addWidget(w)
    w.select_question("S.1.1")
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    titles: list[str] = []
    run = ctx.tasks.run
    ctx.tasks.run = lambda fn, **kw: (titles.append(kw["title"]), run(fn, **kw))[1]
    w._open_evidence(w.evidence.item(0))
    assert titles == ["Membuka bukti…"] and len(opened) == 1
    path = Path(opened[0])
    assert path.name == "meja layanan.jpg" and path.read_bytes() == img.read_bytes()
    assert lampiran.folder_sementara(svc.store) in path.parents
    # tampered on disk: the Indonesian message, nothing opened
    lampiran.bersihkan_sementara()
    target = lampiran.berkas(svc.store, bukti.sha256)
    raw = bytearray(target.read_bytes())
    raw[-3] ^= 1
    target.write_bytes(bytes(raw))
    w._open_evidence(w.evidence.item(0))
    assert len(opened) == 1 and any("rusak atau telah diubah" in m[2] for m in messages)
