"""The daftar hadir dialog of a programme (from the programme naskah dialog): the invitation list, tick
who came, add a guest, save; a present representative without a name is refused beside the table; the
notulen prints the recorded attendance — a real window, offscreen."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from PySide6.QtCore import Qt

from ppid_desktop.master.masukan import IsianOpd, IsianPegawai
from ppid_desktop.monev import rapat as RAPAT
from ppid_desktop.monev.cetak import cetak
from ppid_desktop.ui.monev.program import NaskahProgramDialog


def test_attendance_dialog_records_and_the_notulen_prints_it(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    svc, a = ctx.services, ctx.actor
    opd = [svc.master.simpan_opd(a, IsianOpd.dari({"kode": "DINKES", "nama": "Dinas Kesehatan"})).id]
    inst = svc.monev.impor_templat(a, "kip_2025")
    prog = svc.monev.buat_program(a, "Monev Pelayanan Publik", inst.id, opd)
    ketua = svc.master.simpan_pegawai(a, IsianPegawai.dari({"nama": "Agus Santoso, S.Kom.", "nip": "198003152005011002",
                                        "jabatan": "Kepala Bidang IKP", "boleh_ttd": "laporan,surat_keluar"}))
    svc.monev.atur_tim(a, prog.id, [(ketua.id, "Ketua")])
    host = NaskahProgramDialog(ctx, prog.id)
    qtbot.addWidget(host)
    dlg = host.daftar_hadir()
    qtbot.addWidget(dlg)
    assert dlg.tabel.rowCount() == 2 and dlg.tabel.item(1, 1).text() == "Perwakilan Dinas Kesehatan"
    dlg.atur(0, hadir=True)
    dlg.atur(1, hadir=True)  # no name yet
    qtbot.mouseClick(dlg.simpan_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "harus bernama" in dlg.feedback.text())
    assert RAPAT.daftar_hadir(svc, prog.id)[1] is False  # nothing written
    dlg.atur(1, nama="dr. Maya Sari")
    qtbot.mouseClick(dlg.btn_tambah, Qt.MouseButton.LeftButton)
    dlg.tabel.item(2, 0).setText("Ir. Bambang Susilo")
    dlg.tabel.item(2, 1).setText("Kepala Bagian Organisasi")
    dlg.tabel.item(2, 2).setText("Sekretariat Daerah")
    dlg.atur(2, hadir=False)
    qtbot.mouseClick(dlg.simpan_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: RAPAT.daftar_hadir(svc, prog.id)[1])
    peserta, _ = RAPAT.daftar_hadir(svc, prog.id)
    assert [(p.nama, p.hadir, p.sumber) for p in peserta] == [
        ("Agus Santoso, S.Kom.", True, "undangan"), ("dr. Maya Sari", True, "undangan"),
        ("Ir. Bambang Susilo", False, "tambahan")]
    t = re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in
                                     PdfReader(io.BytesIO(cetak(svc, "notulen", prog.id))).pages))
    assert "2 orang hadir dari 3 peserta tercatat" in t and "dr. Maya Sari" in t and "Tidak hadir" in t
