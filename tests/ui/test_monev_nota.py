"""The programme naskah dialog drafts a nota dinas covering the programme letter (another signer), and
the agenda page shows both sides of the link — real windows, offscreen."""

from __future__ import annotations

from ppid_desktop.master.masukan import IsianOpd, IsianPegawai
from ppid_desktop.monev import surat as SURAT
from ppid_desktop.ui.monev.program import NaskahProgramDialog
from ppid_desktop.ui.naskah.page import NaskahPage


def test_nota_dinas_from_the_programme_dialog_and_the_link_in_the_agenda(qtbot, ctx, messages) -> None:  # type: ignore[no-untyped-def]
    svc, a = ctx.services, ctx.actor
    opd = [svc.master.simpan_opd(a, IsianOpd.dari({"kode": "DINKES", "nama": "Dinas Kesehatan"})).id]
    inst = svc.monev.impor_templat(a, "kip_2025")
    prog = svc.monev.buat_program(a, "Monev Pelayanan Publik", inst.id, opd)
    sekda = svc.master.simpan_pegawai(a, IsianPegawai.dari({"nama": "Drs. Roy Anwar", "nip": "196712121993031005",
                                        "jabatan": "Sekretaris Daerah", "boleh_ttd": "surat_keluar"}))
    kabag = svc.master.simpan_pegawai(a, IsianPegawai.dari({"nama": "Nurul Hidayah, S.H.", "nip": "197505052000032004",
                                        "jabatan": "Kepala Bagian Pelayanan Publik", "boleh_ttd": "nota_dinas"}))
    dlg = NaskahProgramDialog(ctx, prog.id)
    qtbot.addWidget(dlg)
    dlg.kind.setCurrentIndex(dlg.kind.findData("pemberitahuan"))
    assert not dlg.btn_nota.isEnabled()  # nothing to cover yet
    dlg.penandatangan.setCurrentIndex(dlg.penandatangan.findData(sekda.id))
    letter = dlg.buat_konsep()
    assert letter is not None and dlg.btn_nota.isEnabled()
    nota = dlg.buat_nota_dinas(kabag.id)
    assert nota is not None and nota.penandatangan_id == kabag.id
    assert dlg.buat_nota_dinas(sekda.id) is None  # the letter's own signer: refused with a message
    assert any("pejabat lain" in t for _k, _title, t in messages), messages
    page = NaskahPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    row = next(i for i, r in enumerate(page.model.rows) if r.id == letter.id)
    page.table.selectRow(row)
    assert "Ditutupi nota dinas" in page.info.text() and "Nurul Hidayah" in page.info.text()
    row = next(i for i, r in enumerate(page.model.rows) if r.id == nota.id)
    page.table.selectRow(row)
    assert "Menutupi:" in page.info.text() and letter.hal in page.info.text()
    assert SURAT.surat_program(svc, prog.id, "pemberitahuan").id == letter.id
