from __future__ import annotations

from datetime import date

from ppid_desktop.core import kalender as K
from ppid_desktop.ui.beranda import BerandaPage
from ppid_desktop.ui.context import AppContext


def test_beranda_counts_and_waiting_letters(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    m, a = ctx.services.master, ctx.actor
    m.save_opd(a, {"kode": "DINKES", "nama": "Dinas Kesehatan"})
    kadis = m.save_pegawai(a, {"nama": "Drs. Budi", "nip": "196707151993091001", "jabatan": "Kepala Dinas",
                               "boleh_ttd": "surat_keluar"})
    surat = ctx.services.agenda.buat_konsep(a, {"jenis": "surat_keluar", "hal": "Undangan rapat",
                                                "penandatangan_id": kadis.id})
    ctx.services.agenda.ajukan(a, surat.id)  # no paraf chain: straight to "siap ditandatangani"
    page = BerandaPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    assert page.t_opd.value.text() == "1"
    assert page.t_pegawai.value.text() == "1"
    assert page.t_naskah.value.text() == "1"
    before = int(page.t_libur.value.text())
    assert before >= 17  # at least the libur nasional of the year, seeded from the holidays package
    m.add_day(a, date(date.today().year, 7, 1), K.LIBUR_LOKAL, "Hari Jadi Kota")
    page.refresh()
    assert int(page.t_libur.value.text()) == before + 1
