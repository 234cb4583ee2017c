"""'Ubah data' of a saved request: the entry form in edit mode, history with old and new values (NIK
masked), the form's layout on a 1366×768 screen (scroll area, multi-line fields, conditional rows)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QApplication
from sqlmodel import select

from ppid_desktop.core.audit import AuditLog
from ppid_desktop.layanan import rules as RU  # noqa: N812
from ppid_desktop.layanan.masukan import (
    KeberatanMasukan,
    KeputusanMasukan,
    PermohonanMasukan,
    PutusanKeberatanMasukan,
    SengketaMasukan,
)
from ppid_desktop.ui.layanan.formulir import TINGGI_PANJANG, PermohonanForm
from ppid_desktop.ui.layanan.page import DetailPermohonan

TODAY = date(2026, 6, 15)
NIK = "3373011203800003"


def _data(**kw):
    base = {"tanggal_diterima": date(2026, 6, 1), "nama": "Budi Santos", "nik": NIK,
            "rincian": "DPA Dinkes 2025", "tujuan": "Penelitian"}
    base.update(kw)
    return base


def _styled(app_qss: bool = True) -> None:
    if app_qss:
        from ppid_desktop.app import stylesheet

        QApplication.instance().setStyleSheet(stylesheet())


def test_edit_from_detail_records_old_and_new_nik_masked(qtbot, ctx, monkeypatch):
    lay = ctx.services.layanan
    lay.clock = lambda: TODAY
    p = lay.catat_permohonan(ctx.actor, PermohonanMasukan.dari_dict(_data()))
    dlg = DetailPermohonan(ctx, p.id)
    qtbot.addWidget(dlg)
    assert dlg.findChild(object, "ubah_data") is not None
    form = dlg.dialog_ubah()
    qtbot.addWidget(form)
    assert form.w["nama"].text() == "Budi Santos" and form.w["nik"].text() == ""  # NIK never shown
    assert "3373••••••••0003" in form.w["nik"].placeholderText()
    form.w["nama"].setText("Budi Santoso")
    form.w["nik"].setText("3373015507900004")
    form.simpan()
    assert form.result() == form.DialogCode.Accepted, form.feedback.text()
    got = lay.ambil_permohonan(p.id)
    assert got.nama == "Budi Santoso" and got.nik_mask == "3373••••••••0004"
    note = [e.catatan for e in lay.riwayat(p.id) if e.aksi == "diubah"][0]
    assert "Nama pemohon: “Budi Santos” → “Budi Santoso”" in note
    assert "NIK: 3373••••••••0003 → 3373••••••••0004" in note
    assert "3373015507900004" not in note
    with ctx.services.store.read() as s:
        audit = [a.changes or "" for a in s.exec(select(AuditLog).where(AuditLog.entity_id == p.id))]
    assert audit and not any("3373015507900004" in a or NIK in a for a in audit)


def test_edit_bad_value_keeps_record_and_marks_field(qtbot, ctx):
    lay = ctx.services.layanan
    lay.clock = lambda: TODAY
    p = lay.catat_permohonan(ctx.actor, PermohonanMasukan.dari_dict(_data()))
    form = PermohonanForm(ctx, permohonan_id=p.id)
    qtbot.addWidget(form)
    form.w["email"].setText("bukan-email")
    form.simpan()
    assert "e-mail" in form.feedback.text().lower() and form.result() != form.DialogCode.Accepted
    assert lay.ambil_permohonan(p.id).email == "" and not [e for e in lay.riwayat(p.id) if e.aksi == "diubah"]


def test_receipt_date_locked_after_decision(qtbot, ctx):
    lay = ctx.services.layanan
    lay.clock = lambda: TODAY
    p = lay.catat_permohonan(ctx.actor, PermohonanMasukan.dari_dict(_data()))
    lay.putuskan(ctx.actor, p.id, KeputusanMasukan.dari_dict({"keputusan": RU.SELURUHNYA, "tanggal_pemberitahuan": date(2026, 6, 5)}))
    form = PermohonanForm(ctx, permohonan_id=p.id)
    qtbot.addWidget(form)
    assert not form.w["tanggal_diterima"].isEnabled()
    form.w["rincian"].setPlainText("DPA Dinkes 2025 dan 2024")
    form.simpan()
    assert lay.ambil_permohonan(p.id).rincian == "DPA Dinkes 2025 dan 2024" and lay.ambil_permohonan(p.id).status == RU.DIPUTUSKAN


def test_form_fits_1366x768_and_keeps_multiline_fields(qtbot, ctx, tmp_path):
    _styled()
    try:
        form = PermohonanForm(ctx)
        qtbot.addWidget(form)
        form.show()
        qtbot.waitExposed(form)
        assert form.height() <= 768 - 40 - 30 and form.width() <= 1366
        for key in ("rincian", "tujuan"):
            w = form.w[key]
            assert w.height() >= TINGGI_PANJANG and w.height() >= 2 * form.w["nama"].height(), key
            assert w.height() >= 3 * w.fontMetrics().lineSpacing(), key
        # conditional rows
        assert not form.form.isRowVisible(form.w["no_sk_badan_hukum"])
        assert not form.form.isRowVisible(form.w["nama_kuasa"])
        form.w["jenis_pemohon"].setCurrentIndex(form.w["jenis_pemohon"].findData("badan_hukum"))
        form.w["kuasa"].setChecked(True)
        assert form.form.isRowVisible(form.w["no_sk_badan_hukum"]) and form.form.isRowVisible(form.w["nama_kuasa"])
        QApplication.processEvents()  # the re-layout after the rows appear
        r, tj = form.w["rincian"].geometry(), form.w["tujuan"].geometry()
        assert r.bottom() < tj.top(), "rincian and tujuan overlap"
        form.grab().save(str(tmp_path / "formulir.png"))
    finally:
        QApplication.instance().setStyleSheet("")


def test_keberatan_follow_up_ki_clock_and_report_sent(qtbot, ctx):
    from ppid_desktop.ui.layanan.page import DetailKeberatan, LaporanDialog

    lay = ctx.services.layanan
    lay.clock = lambda: TODAY
    p = lay.catat_permohonan(ctx.actor, PermohonanMasukan.dari_dict(_data()))
    lay.putuskan(ctx.actor, p.id, KeputusanMasukan.dari_dict({"keputusan": RU.DITOLAK, "pasal17": "h", "uji_konsekuensi": "BA 1/2026",
                                   "tanggal_pemberitahuan": date(2026, 6, 3)}))
    k, _ = lay.catat_keberatan(ctx.actor, p.id, KeberatanMasukan.dari_dict({"alasan": "a", "kasus_posisi": "x", "tanggal_diterima": date(2026, 6, 4)}))
    lay.putus_keberatan(ctx.actor, k.id, PutusanKeberatanMasukan.dari_dict({"putusan": "ditolak", "isi_tanggapan": "Menguatkan", "atasan_nama": "W",
                                          "tanggal_tanggapan": date(2026, 6, 8)}))
    lay.catat_sengketa(ctx.actor, k.id, SengketaMasukan.dari_dict({"tanggal_diajukan": date(2026, 6, 12), "tanggal_jawaban_diterima": date(2026, 6, 9)}))
    dlg = DetailKeberatan(ctx, k.id)
    qtbot.addWidget(dlg)
    assert dlg.findChild(object, "tindak_lanjut") is not None
    assert "100 hari kerja" in dlg.text.toPlainText()
    form = dlg.dialog_ubah()
    form.widgets["kasus_posisi"].setPlainText("Bukan rahasia pribadi")
    form.simpan()
    assert lay.ambil_keberatan(k.id).kasus_posisi == "Bukan rahasia pribadi"
    lap = LaporanDialog(ctx)
    qtbot.addWidget(lap)
    kirim = lap.dialog_kirim()
    kirim.widgets["kepada"].setText("Komisi Informasi Provinsi Jawa Tengah")
    kirim.simpan()
    assert kirim.result_value is not None and kirim.result_value.kepada.startswith("Komisi Informasi")


def test_standalone_keberatan_identity_corrected_from_the_dialog(qtbot, ctx):
    from ppid_desktop.layanan.keberatan import KeberatanMandiri
    from ppid_desktop.ui.layanan.page import DetailKeberatan

    lay = ctx.services.layanan
    lay.clock = lambda: TODAY
    k, _ = lay.catat_keberatan_mandiri(ctx.actor, KeberatanMandiri(
        nama="Siti Aminh", nik=NIK, alamat="Jl. Merdek 5", alasan=("b",), kasus_posisi="Laporan tidak diumumkan.",
        tanggal_diterima=date(2026, 6, 10)))
    dlg = DetailKeberatan(ctx, k.id)
    qtbot.addWidget(dlg)
    form = dlg.dialog_ubah()
    qtbot.addWidget(form)
    assert form.widgets["nik"].text() == "" and NIK not in form.widgets["nik"].placeholderText()  # never in clear
    assert k.nik_mask in form.widgets["nik"].placeholderText()
    assert form.widgets["alamat"].text() == "Jl. Merdek 5"
    form.widgets["nama"].setText("Siti Aminah")
    form.widgets["alamat"].setText("Jl. Merdeka 5, Salatiga")
    form.simpan()
    assert form.result() == form.DialogCode.Accepted, form.feedback.text()
    got = lay.ambil_keberatan(k.id)
    assert got.nama == "Siti Aminah" and got.alamat == "Jl. Merdeka 5, Salatiga"
    assert got.nik_hash == k.nik_hash and got.nik_mask == k.nik_mask  # empty NIK field: unchanged
    note = " ".join(e.catatan for e in lay.riwayat(k.id))
    assert "“Siti Aminh” → “Siti Aminah”" in note and "Jl. Merdeka 5, Salatiga" in note
    assert NIK not in note
    # a keberatan on a permohonan offers no identity fields beyond the name (the permohonan holds them)
    p = lay.catat_permohonan(ctx.actor, PermohonanMasukan.dari_dict(_data()))
    lay.putuskan(ctx.actor, p.id, KeputusanMasukan.dari_dict({"keputusan": RU.DITOLAK, "pasal17": "h", "uji_konsekuensi": "BA 1/2026",
                                   "tanggal_pemberitahuan": date(2026, 6, 3)}))
    k2, _ = lay.catat_keberatan(ctx.actor, p.id, KeberatanMasukan.dari_dict({"alasan": "a", "kasus_posisi": "x", "tanggal_diterima": date(2026, 6, 4)}))
    dlg2 = DetailKeberatan(ctx, k2.id)
    qtbot.addWidget(dlg2)
    form2 = dlg2.dialog_ubah()
    qtbot.addWidget(form2)
    assert "nik" not in form2.widgets and "alamat" not in form2.widgets
