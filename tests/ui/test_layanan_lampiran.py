"""qtbot tests: attachment pickers and the audited attachment viewer, sengketa stage dialog, anonymisation."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QPushButton
from sqlmodel import select

from ppid_desktop.akun import roles as R  # noqa: N812
from ppid_desktop.core.audit import AuditLog
from ppid_desktop.layanan import rules as RU  # noqa: N812
from ppid_desktop.layanan.masukan import (
    KeberatanMasukan,
    KeputusanMasukan,
    PermohonanMasukan,
    PutusanKeberatanMasukan,
    SengketaMasukan,
)
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.layanan.page import (
    AnonimDialog,
    DetailKeberatan,
    DetailPermohonan,
    LayananPage,
    PermohonanForm,
)
from ppid_desktop.ui.tasks import SyncTaskRunner
from tests.conftest import make_actor

TODAY = date(2026, 6, 15)


def _data(**kw):
    base = {"tanggal_diterima": date(2026, 6, 1), "nama": "Budi Santoso", "nik": "3373011203800003",
            "rincian": "DPA Dinkes 2025", "tujuan": "Penelitian"}
    base.update(kw)
    return base


def test_entry_form_attachments_stored_encrypted(qtbot, ctx, tmp_path):
    ctx.services.layanan.clock = lambda: TODAY
    ktp, kuasa = tmp_path / "ktp.jpg", tmp_path / "kuasa.pdf"
    ktp.write_bytes(b"JPEG-KTP-3373015507900004")
    kuasa.write_bytes(b"%PDF-surat-kuasa")
    form = PermohonanForm(ctx)
    qtbot.addWidget(form)
    form.w["nama"].setText("Siti Aminah")
    form.w["nik"].setText("3373015507900004")
    form.w["rincian"].setPlainText("Data stunting")
    form.w["tujuan"].setPlainText("Penelitian")
    form.w["tanggal_diterima"].setDate(QDate(2026, 6, 10))
    form.lampiran["ktp"].setText(str(ktp))
    form.lampiran["surat_kuasa"].setText(str(tmp_path / "hilang.pdf"))
    form.simpan()
    assert form.created is None and "tidak ditemukan" in form.feedback.text()
    form.lampiran["surat_kuasa"].setText(str(kuasa))
    qtbot.mouseClick(form.simpan_btn, Qt.MouseButton.LeftButton)
    assert form.created is not None, form.feedback.text()
    got = {x.jenis: x for x in ctx.services.layanan.lampiran(form.created.id)}
    assert set(got) == {"ktp", "surat_kuasa"} and got["ktp"].nama_berkas == "KTP.jpg"  # stored without personal data (core.teks)
    from ppid_desktop.master.service import attachment_path

    assert b"3373015507900004" not in attachment_path(ctx.services.store, got["ktp"].digest).read_bytes()


def test_detail_lists_attachments_and_opens_only_with_pdp_lihat(qtbot, profil, admin, tmp_path):
    lay = profil.layanan
    lay.clock = lambda: TODAY
    ktp = tmp_path / "ktp.jpg"
    ktp.write_bytes(b"JPEG-KTP")
    p = lay.catat_permohonan(admin, PermohonanMasukan.dari_dict(_data()), lampiran=[("ktp", ktp)])
    petugas = AppContext(services=profil, actor=make_actor(R.PETUGAS, username="petugas"), tasks=SyncTaskRunner())
    dlg = DetailPermohonan(petugas, p.id)
    qtbot.addWidget(dlg)
    assert "Scan KTP: KTP.jpg" in dlg.text.toPlainText()
    (lamp,) = lay.lampiran(p.id)
    opened = []
    dlg.opener = opened.append
    btn = dlg.findChild(QPushButton, f"lampiran_{lamp.id}")
    assert btn is not None
    qtbot.mouseClick(btn, Qt.MouseButton.LeftButton)
    assert len(opened) == 1 and opened[0].read_bytes() == b"JPEG-KTP" and opened[0].name == "KTP.jpg"
    with profil.store.read() as s:
        views = list(s.exec(select(AuditLog).where(AuditLog.action == "view", AuditLog.entity == "lampiran_layanan")))
    assert len(views) == 1 and views[0].username == "petugas"
    monev = AppContext(services=profil, actor=make_actor(R.MONEV, username="monev"), tasks=SyncTaskRunner())
    dlg2 = DetailPermohonan(monev, p.id)
    qtbot.addWidget(dlg2)
    assert "KTP.jpg" in dlg2.text.toPlainText()
    b2 = dlg2.findChild(QPushButton, f"lampiran_{lamp.id}")  # no PDP_LIHAT: listed, not openable, saying why
    assert b2 is not None and not b2.isEnabled() and "melihat data pribadi" in b2.toolTip()


def test_sengketa_stage_dialog_updates_and_warns(qtbot, ctx, messages):
    lay = ctx.services.layanan
    lay.clock = lambda: date(2026, 3, 2)
    p = lay.catat_permohonan(ctx.actor, PermohonanMasukan.dari_dict(_data(tanggal_diterima=date(2026, 1, 9))))
    lay.putuskan(ctx.actor, p.id, KeputusanMasukan.dari_dict({"keputusan": RU.DITOLAK, "pasal17": "h", "uji_konsekuensi": "BA 1/2026",
                                   "tanggal_pemberitahuan": date(2026, 1, 20)}))
    lay.clock = lambda: TODAY
    k, _ = lay.catat_keberatan(ctx.actor, p.id, KeberatanMasukan.dari_dict({"alasan": "a", "kasus_posisi": "x", "tanggal_diterima": date(2026, 2, 2)}))
    lay.putus_keberatan(ctx.actor, k.id, PutusanKeberatanMasukan.dari_dict({"putusan": "ditolak", "isi_tanggapan": "Menguatkan", "atasan_nama": "Sekda",
                                          "tanggal_tanggapan": date(2026, 2, 20)}))
    g, _ = lay.catat_sengketa(ctx.actor, k.id, SengketaMasukan.dari_dict({"tanggal_diajukan": date(2026, 3, 2), "nomor_ki": "010/KIP/2026"}))
    dlg = DetailKeberatan(ctx, k.id)
    qtbot.addWidget(dlg)
    assert "Registrasi di Komisi Informasi" in dlg.text.toPlainText()
    form = dlg.dialog_sengketa(g.id)
    w = form.widgets
    w["tahap"].setCurrentIndex(w["tahap"].findData("putusan_ki"))
    form.simpan()  # putusan KI without its date: refused, record unchanged
    assert "tanggal putusan" in form.feedback.text().lower() and lay.ambil_sengketa(g.id).tahap == "registrasi"
    w["tanggal_putusan"].aktif.setChecked(True)
    w["tanggal_putusan"].tanggal.setDate(QDate(2026, 4, 6))
    w["nomor_putusan"].setText("15/PTS/KIP/2026")
    w["tanggal_diajukan_pengadilan"].aktif.setChecked(True)
    w["tanggal_diajukan_pengadilan"].tanggal.setDate(QDate(2026, 5, 11))
    w["tahap"].setCurrentIndex(w["tahap"].findData("pengadilan"))
    w["pengadilan"].setText("PTUN Semarang")
    form.simpan()
    row = lay.ambil_sengketa(g.id)
    assert row.tahap == "pengadilan" and row.tanggal_putusan == date(2026, 4, 6) and row.nomor_putusan == "15/PTS/KIP/2026"
    assert len(dlg.peringatan) == 1 and "PTUN/PN" in dlg.peringatan[0]
    dlg.refresh()
    assert "melewati 14 hari kerja" in dlg.text.toPlainText() and "PTUN Semarang" in dlg.text.toPlainText()


def test_anonim_dialog_preview_then_run(qtbot, ctx):
    lay = ctx.services.layanan
    lay.clock = lambda: date(2019, 3, 1)
    p = lay.catat_permohonan(ctx.actor, PermohonanMasukan.dari_dict(_data(tanggal_diterima=date(2019, 2, 4))))
    lay.putuskan(ctx.actor, p.id, KeputusanMasukan.dari_dict({"keputusan": RU.TIDAK_DIKUASAI, "badan_penguasa": "BPS",
                                   "tanggal_pemberitahuan": date(2019, 2, 8)}))
    lay.selesaikan(ctx.actor, p.id, tanggal=date(2019, 2, 8))
    lay.clock = lambda: TODAY
    page = LayananPage(ctx)
    qtbot.addWidget(page)
    assert page.btn_anonim.isVisibleTo(page)
    dlg = AnonimDialog(ctx)
    qtbot.addWidget(dlg)
    assert dlg.tahun.value() == 5
    qtbot.mouseClick(dlg.btn_periksa, Qt.MouseButton.LeftButton)
    assert dlg.ringkasan.text().startswith("1 permohonan akan dianonimkan") and lay.ambil_permohonan(p.id).nik_enc
    dlg.konfirmasi = lambda _t: False
    qtbot.mouseClick(dlg.btn_jalankan, Qt.MouseButton.LeftButton)
    assert lay.ambil_permohonan(p.id).nik_enc  # cancelled: nothing changed
    dlg.konfirmasi = lambda _t: True
    qtbot.mouseClick(dlg.btn_jalankan, Qt.MouseButton.LeftButton)
    assert lay.ambil_permohonan(p.id).nik_enc is None and lay.ambil_permohonan(p.id).dianonimkan == TODAY
    petugas = AppContext(services=ctx.services, actor=make_actor(R.PETUGAS), tasks=ctx.tasks)
    page2 = LayananPage(petugas)
    qtbot.addWidget(page2)
    assert not page2.btn_anonim.isVisibleTo(page2)


def test_documents_of_both_detail_dialogs_open_in_the_preview(qtbot, ctx):
    from ppid_desktop.ui.naskah.preview import PdfPreviewDialog

    lay = ctx.services.layanan
    lay.clock = lambda: TODAY
    p = lay.catat_permohonan(ctx.actor, PermohonanMasukan.dari_dict(_data()))
    lay.putuskan(ctx.actor, p.id, KeputusanMasukan.dari_dict({"keputusan": RU.SELURUHNYA, "tanggal_pemberitahuan": date(2026, 6, 5)}))
    k, _ = lay.catat_keberatan(ctx.actor, p.id, KeberatanMasukan.dari_dict({"alasan": ["e"], "kasus_posisi": "Salinan tidak lengkap"}))
    dp = DetailPermohonan(ctx, p.id)
    qtbot.addWidget(dp)
    dp.cetak("tanda-bukti")
    dk = DetailKeberatan(ctx, k.id)
    qtbot.addWidget(dk)
    dk.cetak("keberatan")
    for dlg, name in ((dp, "tanda-bukti-001-PPID-VI-2026.pdf"), (dk, f"keberatan-{k.nomor.replace('/', '-')}.pdf")):
        previews = dlg.findChildren(PdfPreviewDialog)
        assert len(previews) == 1
        assert previews[0]._pdf.startswith(b"%PDF") and previews[0]._nama_berkas == name
        previews[0].close()


def test_anonimisation_scans_on_the_task_runner_and_reports_problems_in_the_dialog(qtbot, ctx):
    from ppid_desktop.ui.tasks import SyncTaskRunner

    class Recording(SyncTaskRunner):
        titles: list[str] = []

        def run(self, fn, *, title, **kw):  # type: ignore[no-untyped-def]
            self.titles.append(title)
            return super().run(fn, title=title, **kw)

    ctx.services.layanan.clock = lambda: TODAY
    runner = Recording()
    dlg = AnonimDialog(AppContext(services=ctx.services, actor=ctx.actor, tasks=runner))
    qtbot.addWidget(dlg)
    qtbot.mouseClick(dlg.btn_periksa, Qt.MouseButton.LeftButton)
    assert runner.titles == ["Memeriksa masa retensi…"] and dlg.hasil is not None
    dlg.sampai.setDate(QDate(2026, 7, 1))  # after today
    qtbot.mouseClick(dlg.btn_jalankan, Qt.MouseButton.LeftButton)
    assert "tidak boleh setelah hari ini" in dlg.feedback.text() and not dlg.feedback.isHidden()


def test_anonim_preview_with_another_period_changes_nothing(qtbot, ctx):
    lay = ctx.services.layanan
    lay.clock = lambda: date(2023, 3, 1)
    p = lay.catat_permohonan(ctx.actor, PermohonanMasukan.dari_dict(_data(tanggal_diterima=date(2023, 2, 6))))
    lay.putuskan(ctx.actor, p.id, KeputusanMasukan.dari_dict({"keputusan": RU.TIDAK_DIKUASAI, "badan_penguasa": "BPS",
                                   "tanggal_pemberitahuan": date(2023, 2, 8)}))
    lay.selesaikan(ctx.actor, p.id, tanggal=date(2023, 2, 8))
    lay.clock = lambda: TODAY
    dlg = AnonimDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.tahun.setValue(2)
    qtbot.mouseClick(dlg.btn_periksa, Qt.MouseButton.LeftButton)  # "Periksa (tanpa mengubah)"
    assert dlg.ringkasan.text().startswith("1 permohonan akan dianonimkan")
    assert lay.retensi_tahun() == 5 and lay.ambil_permohonan(p.id).retain_until == date(2028, 2, 8)
    dlg.konfirmasi = lambda _t: False
    qtbot.mouseClick(dlg.btn_jalankan, Qt.MouseButton.LeftButton)
    assert lay.retensi_tahun() == 5 and lay.ambil_permohonan(p.id).nik_enc  # cancelled: nothing changed, setting included
