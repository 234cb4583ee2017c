"""Step documents in the tracker are links: the agenda letter opens its PDF preview, the unit's
berita acara opens the unit's session (answers and evidence) — real windows, offscreen."""

from __future__ import annotations

from ppid_desktop.master.masukan import IsianOpd, IsianPegawai
from ppid_desktop.monev import naskah_agenda as NA
from ppid_desktop.ui.monev.alur import AlurTab
from ppid_desktop.ui.monev.sesi import SesiDialog


def test_step_document_links_open_what_they_refer_to(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    svc, a = ctx.services, ctx.actor
    opd = [svc.master.simpan_opd(a, IsianOpd.dari({"kode": k, "nama": n})).id for k, n in
           (("DINKES", "Dinas Kesehatan"), ("DISDIK", "Dinas Pendidikan"))]
    inst = svc.monev.impor_templat(a, "kip_2025")
    prog = svc.monev.buat_program(a, "Monev KIP", inst.id, opd)
    peg = svc.master.simpan_pegawai(a, IsianPegawai.dari({"nama": "Agus Santoso", "nip": "198003152005011002", "jabatan": "Kepala Dinas",
                                      "boleh_ttd": "surat_keluar,keputusan"}))
    svc.monev.atur_tim(a, prog.id, [(peg.id, "Ketua")])
    sk = NA.siapkan(svc, a, "sk-tim", prog.id)
    alur = svc.monev.mulai_alur(a, "BPN-MONEV-PI", program_id=prog.id)
    w = AlurTab(ctx)
    qtbot.addWidget(w)
    w.refresh()
    w.table.selectRow(2)  # step 3: proposal and SK Tim Monev
    text = w.detail.text()
    assert f'href="agenda:{sk.id}"' in text and "Belum ada:</b> Proposal/KAK monev" in text
    w.buka_tautan(f"agenda:{sk.id}")
    qtbot.waitUntil(lambda: getattr(w, "_pratinjau", None) is not None, timeout=20000)
    assert w._pratinjau.isVisible()
    # a unit run at its berita acara step: the link opens the unit's session
    m = svc.monev
    for _ in range(7):
        k = m.lihat_alur(alur.id).sekarang
        if k.disposisi:
            m.disposisi(a, alur.id, "Petugas", "Laksanakan")
        else:
            m.selesaikan_langkah(a, alur.id)
    jad = next(j for j, o in m.daftar_jadwal(prog.id) if o.kode == "DINKES")
    se = m.mulai_sesi(a, jad.id)
    w.tampilkan()
    unit_row = next(i for i, (u, _n) in enumerate(w.unit_model.rows) if u.opd_id == jad.opd_id)
    w.unit_table.selectRow(unit_row)
    step9 = next(i for i, x in enumerate(w.langkah.rows) if "berita-acara" in x.dokumen)
    w.table.selectRow(step9)
    assert f'href="sesi:{se.id}"' in w.detail.text() and "sesi belum difinalkan" in w.detail.text()
    dlg = w.buka_tautan(f"sesi:{se.id}")
    assert isinstance(dlg, SesiDialog) and dlg.isVisible()
    dlg.close()
