"""qtbot tests of the layanan page: entry form (good and bad input), register filtering, lazy model."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt

from ppid_desktop.layanan import rules as RU  # noqa: N812
from ppid_desktop.layanan.masukan import KeputusanMasukan, PermohonanMasukan
from ppid_desktop.layanan.queries import PermohonanSource, RegisterFilter, raw_connection
from ppid_desktop.ui.layanan.beranda import TenggatPanel
from ppid_desktop.ui.layanan.page import PERMOHONAN_KOLOM, DetailPermohonan, LayananPage, PermohonanForm
from ppid_desktop.ui.models.lazy import LazySqlTableModel

TODAY = date(2026, 6, 15)


def _data(**kw):
    base = {"tanggal_diterima": date(2026, 6, 1), "nama": "Budi Santoso", "nik": "3373011203800003",
            "rincian": "DPA Dinkes 2025", "tujuan": "Penelitian"}
    base.update(kw)
    return base


def _fill(form, **kw):
    form.w["nama"].setText(kw.get("nama", "Siti Aminah"))
    form.w["nik"].setText(kw.get("nik", "3373015507900004"))
    form.w["rincian"].setPlainText("Data stunting per kelurahan 2025")
    form.w["tujuan"].setPlainText("Penelitian")


def test_entry_form_saves_and_numbers(qtbot, ctx):
    ctx.services.layanan.clock = lambda: TODAY
    form = PermohonanForm(ctx)
    qtbot.addWidget(form)
    _fill(form)
    form.w["tanggal_diterima"].setDate(QDate(2026, 6, 10))
    qtbot.mouseClick(form.simpan_btn, Qt.MouseButton.LeftButton)
    assert form.created is not None and form.created.nomor == "001/PPID/VI/2026"
    assert ctx.services.layanan.ambil_permohonan(form.created.id).nik_mask == "3373••••••••0004"


def test_entry_form_bad_nik_shows_message_and_saves_nothing(qtbot, ctx):
    ctx.services.layanan.clock = lambda: TODAY
    form = PermohonanForm(ctx)
    qtbot.addWidget(form)
    _fill(form, nik="3373013213800003")
    form.simpan()
    assert form.created is None
    assert "tanggal lahir" in form.feedback.text() and not form.feedback.isHidden()
    assert form.w["nik"].property("invalid") is True
    form.w["nik"].setText("123")
    form.w["tanggal_diterima"].setDate(QDate(2026, 7, 1))
    form.simpan()
    assert "16 digit" in form.feedback.text() and "setelah hari ini" in form.feedback.text()
    conn = raw_connection(ctx.services.store)
    assert conn.execute("SELECT count(*) FROM permohonan").fetchone()[0] == 0


def test_register_filtering_search_sort(qtbot, ctx):
    lay = ctx.services.layanan
    lay.clock = lambda: TODAY
    a = lay.catat_permohonan(ctx.actor, PermohonanMasukan.dari_dict(_data(nama="Zainal", tanggal_diterima=date(2026, 5, 4))))
    b = lay.catat_permohonan(ctx.actor, PermohonanMasukan.dari_dict(_data(nama="Anita", saluran="email", rincian="RAB jalan lingkar")))
    lay.putuskan(ctx.actor, b.id, KeputusanMasukan.dari_dict({"keputusan": RU.SELURUHNYA, "tanggal_pemberitahuan": date(2026, 6, 5)}))
    page = LayananPage(ctx)
    qtbot.addWidget(page)
    panel = page.permohonan
    assert panel.model.rowCount() == 2
    panel.terlambat.setChecked(True)
    assert panel.model.rowCount() == 1 and panel.model.row_data(0)["nomor"] == a.nomor
    panel.terlambat.setChecked(False)
    panel.saluran.setCurrentIndex(panel.saluran.findData("email"))
    assert [panel.model.row_data(i)["nama"] for i in range(panel.model.rowCount())] == ["Anita"]
    panel.saluran.setCurrentIndex(0)
    panel.cari.setText("lingkar")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    panel.cari.setText("")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    panel.model.sort(2, Qt.SortOrder.AscendingOrder)
    assert panel.model.index(0, 2).data() == "Anita"
    panel.model.sort(2, Qt.SortOrder.DescendingOrder)
    assert panel.model.index(0, 2).data() == "Zainal"
    panel.status.setCurrentIndex(panel.status.findData("diputuskan"))
    assert panel.model.rowCount() == 1
    page.smoke()


def test_lazy_model_passes_modeltester(qtmodeltester, ctx):
    lay = ctx.services.layanan
    lay.clock = lambda: TODAY
    for i in range(30):
        lay.catat_permohonan(ctx.actor, PermohonanMasukan.dari_dict(_data(nama=f"Pemohon {i:02d}")))
    src = PermohonanSource(raw_connection(ctx.services.store), RegisterFilter(hari_ini=TODAY))
    model = LazySqlTableModel(src, PERMOHONAN_KOLOM, page_size=7)
    qtmodeltester.check(model)
    assert model.rowCount() == 30 and model.index(29, 0).data()
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert model.index(0, 0).data() == "001/PPID/VI/2026"


def test_detail_steps_and_decision_without_ground(qtbot, ctx):
    lay = ctx.services.layanan
    lay.clock = lambda: TODAY
    p = lay.catat_permohonan(ctx.actor, PermohonanMasukan.dari_dict(_data()))
    dlg = DetailPermohonan(ctx, p.id)
    qtbot.addWidget(dlg)
    assert "Senin, 15 Juni 2026" in dlg.text.toPlainText()
    form = dlg.dialog_langkah(RU.DIPUTUSKAN)
    form.widgets["keputusan"].setCurrentIndex(form.widgets["keputusan"].findData(RU.DITOLAK))
    form.simpan()
    assert "Pasal 17" in form.feedback.text()
    assert lay.ambil_permohonan(p.id).status == "diterima"
    form.widgets["pasal17"].checks["h"].setChecked(True)
    form.widgets["uji_konsekuensi"].setText("Penetapan PPID 1/2026")
    form.simpan()
    assert lay.ambil_permohonan(p.id).keputusan == RU.DITOLAK, form.feedback.text()


def test_tenggat_panel(qtbot, ctx):
    ctx.services.layanan.clock = lambda: date(2026, 2, 10)
    panel = TenggatPanel(ctx)
    qtbot.addWidget(panel)
    assert "31 Maret 2026" in panel.label.text()


def test_history_times_are_shown_on_the_office_clock(qtbot, ctx, monkeypatch):
    import time
    from datetime import timedelta

    monkeypatch.setenv("TZ", "WIB-7")  # Asia/Jakarta, UTC+7, without tzdata
    time.tzset()
    try:
        ctx.services.layanan.clock = lambda: TODAY
        p = ctx.services.layanan.catat_permohonan(ctx.actor, PermohonanMasukan.dari_dict(_data()))
        dlg = DetailPermohonan(ctx, p.id)
        qtbot.addWidget(dlg)
        at = ctx.services.layanan.riwayat(p.id)[0].created_at
        wib = (at.replace(tzinfo=None) + timedelta(hours=7)).strftime("%d-%m-%Y %H:%M")
        assert wib in dlg.text.toPlainText()
    finally:
        monkeypatch.undo()
        time.tzset()


def test_register_dates_read_day_month_year(qtbot, ctx):
    ctx.services.layanan.clock = lambda: TODAY
    p = ctx.services.layanan.catat_permohonan(ctx.actor, PermohonanMasukan.dari_dict(_data(tanggal_diterima=date(2026, 5, 4))))
    model = LazySqlTableModel(PermohonanSource(raw_connection(ctx.services.store), RegisterFilter(hari_ini=TODAY)),
                              PERMOHONAN_KOLOM)
    assert model.index(0, 1).data() == "04-05-2026"
    t = p.tenggat_efektif
    assert model.index(0, 7).data() == f"{t.day:02d}-{t.month:02d}-{t.year} ⚠"  # undecided by 15 June: late


def test_registers_are_house_tables(qtbot, ctx):
    from PySide6.QtWidgets import QAbstractItemView

    page = LayananPage(ctx)
    qtbot.addWidget(page)
    for panel in (page.permohonan, page.keberatan):
        view = panel.view
        assert view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
        assert view.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows
        assert view.isSortingEnabled() and view.verticalHeader().isHidden()
        assert view.horizontalHeader().sortIndicatorSection() == 1


def test_report_excel_to_an_unwritable_place_says_so_in_indonesian(qtbot, ctx, messages, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from ppid_desktop.ui.layanan.page import LaporanDialog

    blocker = tmp_path / "bukan-folder"
    blocker.write_text("x")
    target = blocker / "laporan.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    dlg = LaporanDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.xlsx()
    assert [m[0] for m in messages] == ["error"] and "tidak dapat ditulis" in messages[0][2]
    assert str(target) in messages[0][2]


def test_row_count_reads_the_indonesian_way(qtbot, ctx):
    page = LayananPage(ctx)
    qtbot.addWidget(page)
    page.permohonan._hitung(12345)
    assert page.permohonan.count.text() == "12.345 baris"
    assert RU.rupiah(1500) == "Rp1.500"


def test_step_dialogs_mark_the_field_the_service_names(qtbot, ctx):
    lay = ctx.services.layanan
    lay.clock = lambda: TODAY
    p = lay.catat_permohonan(ctx.actor, PermohonanMasukan.dari_dict(_data(tanggal_diterima=date(2026, 6, 10))))
    lay.disposisi(ctx.actor, p.id)
    dlg = DetailPermohonan(ctx, p.id)
    qtbot.addWidget(dlg)
    for ke, field in ((RU.DIPERPANJANG, "alasan_perpanjangan"), (RU.DITARIK, "alasan_ditarik")):
        form = dlg.dialog_langkah(ke)
        qtbot.addWidget(form)
        form.simpan()  # reason left empty
        assert form.widgets[field].property("invalid") is True and not form.feedback.isHidden(), (ke, form.feedback.text())
    assert lay.ambil_permohonan(p.id).status == RU.DIPROSES
