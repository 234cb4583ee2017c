"""Role-aware screens (issue #14) for layanan, naskah and rekap: what a role may not do is visibly disabled
with a tooltip naming who may, fields are read-only where saving would be refused, and the acts run
through the one form-dialog base and ``ui.operasi`` (issue #8)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QPushButton

from ppid_desktop.akun import roles as R  # noqa: N812
from ppid_desktop.layanan import rules as RU  # noqa: N812
from ppid_desktop.layanan.masukan import KeberatanMasukan, KeputusanMasukan, PermohonanMasukan
from ppid_desktop.master.masukan import IsianPegawai
from ppid_desktop.naskah.masukan import IsianKonsep
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.layanan.laporan import LaporanDialog
from ppid_desktop.ui.layanan.page import AnonimDialog, DetailKeberatan, DetailPermohonan, LayananPage
from ppid_desktop.ui.naskah.page import NaskahPage, PengaturanDialog
from ppid_desktop.ui.rekap.page import RekapPage
from ppid_desktop.ui.tasks import SyncTaskRunner
from tests.conftest import make_actor

TODAY = date(2026, 6, 15)


def _as(profil, *roles: str) -> AppContext:  # type: ignore[no-untyped-def]
    return AppContext(services=profil, actor=make_actor(*roles, username="_".join(r.split()[0].lower() for r in roles)),
                      tasks=SyncTaskRunner())


def _permohonan(profil, admin, **kw):  # type: ignore[no-untyped-def]
    lay = profil.layanan
    lay.clock = lambda: TODAY
    data = {"tanggal_diterima": date(2026, 6, 1), "nama": "Budi Santoso", "nik": "3373011203800003",
            "rincian": "DPA Dinkes 2025", "tujuan": "Penelitian", **kw}
    p = lay.catat_permohonan(admin, PermohonanMasukan.dari_dict(data))
    lay.disposisi(admin, p.id)
    return p


def _btn(dlg, name: str) -> QPushButton:  # type: ignore[no-untyped-def]
    b = dlg.findChild(QPushButton, name)
    assert b is not None, name
    return b


def test_request_steps_per_role(qtbot, profil, admin, messages) -> None:  # type: ignore[no-untyped-def]
    p = _permohonan(profil, admin)
    petugas = DetailPermohonan(_as(profil, R.PETUGAS), p.id)
    qtbot.addWidget(petugas)
    putus = _btn(petugas, f"aksi_{RU.DIPUTUSKAN}")
    assert not putus.isEnabled() and "Hanya PPID yang dapat" in putus.toolTip()
    assert not _btn(petugas, f"aksi_{RU.DIPERPANJANG}").isEnabled()
    assert _btn(petugas, f"aksi_{RU.DITARIK}").isEnabled() and _btn(petugas, "ubah_data").isEnabled()
    assert _btn(petugas, "lihat_nik").isEnabled() and _btn(petugas, "cetak_tanda-bukti").isEnabled()

    ppid = DetailPermohonan(_as(profil, R.PPID), p.id)
    qtbot.addWidget(ppid)
    assert _btn(ppid, f"aksi_{RU.DIPUTUSKAN}").isEnabled() and _btn(ppid, f"aksi_{RU.DIPERPANJANG}").isEnabled()

    monev = DetailPermohonan(_as(profil, R.MONEV), p.id)
    qtbot.addWidget(monev)
    for name in (f"aksi_{RU.DIPUTUSKAN}", f"aksi_{RU.DITARIK}", "ubah_data", "lihat_nik", "tambah_lampiran",
                 "cetak_tanda-bukti"):
        b = _btn(monev, name)
        assert not b.isEnabled() and "tidak berwenang" in b.toolTip(), name
    # the atasan may see personal data but not print the receipt (it is the service desk's, NIK in full)
    atasan = DetailPermohonan(_as(profil, R.ATASAN), p.id)
    qtbot.addWidget(atasan)
    assert _btn(atasan, "lihat_nik").isEnabled()
    receipt = _btn(atasan, "cetak_tanda-bukti")
    assert not receipt.isEnabled() and "mencatat permohonan" in receipt.toolTip()


def test_decision_dialog_shows_only_the_grounds_that_apply(qtbot, profil, admin, messages) -> None:  # type: ignore[no-untyped-def]
    p = _permohonan(profil, admin)
    ctx = _as(profil, R.PPID)
    dlg = DetailPermohonan(ctx, p.id)
    qtbot.addWidget(dlg)
    form = dlg.dialog_langkah(RU.DIPUTUSKAN)
    qtbot.addWidget(form)
    w = form.widgets
    assert not form.form.isRowVisible(w["pasal17"]) and form.form.isRowVisible(w["biaya_per_lembar"])
    w["biaya_per_lembar"].setValue(500)
    w["jumlah_lembar"].setValue(10)
    w["keputusan"].setCurrentIndex(w["keputusan"].findData(RU.DITOLAK))
    assert form.form.isRowVisible(w["pasal17"]) and form.form.isRowVisible(w["uji_konsekuensi"])
    assert not form.form.isRowVisible(w["biaya_per_lembar"]) and not form.form.isRowVisible(w["catatan_penghitaman"])
    w["pasal17"].checks["h"].setChecked(True)
    w["uji_konsekuensi"].setText("Penetapan PPID 1/2026")
    form.simpan()  # the hidden fees are sent empty: a refusal carries no fee
    got = profil.layanan.ambil_permohonan(p.id)
    assert got.keputusan == RU.DITOLAK and got.biaya_total == 0 and got.pasal17 == "h", form.feedback.text()


def test_a_refused_save_is_shown_beside_the_form_once(qtbot, profil, admin, messages) -> None:  # type: ignore[no-untyped-def]
    p = _permohonan(profil, admin)
    ctx = _as(profil, R.PETUGAS)
    changed: list[frozenset[str]] = []
    ctx.changed.connect(changed.append)
    dlg = DetailPermohonan(ctx, p.id)
    qtbot.addWidget(dlg)
    form = dlg.dialog_langkah(RU.DIPUTUSKAN)  # opened anyway (a stale screen): the service refuses
    qtbot.addWidget(form)
    form.widgets["keputusan"].setCurrentIndex(form.widgets["keputusan"].findData(RU.SELURUHNYA))
    form.simpan()
    assert "tidak berwenang" in form.feedback.text() and not form.feedback.isHidden()
    assert messages == [] and changed == [] and profil.layanan.ambil_permohonan(p.id).keputusan in (None, "")
    ok = dlg.dialog_langkah(RU.DITARIK)
    qtbot.addWidget(ok)
    ok.widgets["alasan_ditarik"].setPlainText("Pemohon mencabut permohonannya")
    ok.simpan()
    assert profil.layanan.ambil_permohonan(p.id).status == RU.DITARIK and changed == [frozenset({"layanan"})]


def test_objection_answer_is_the_atasan_s(qtbot, profil, admin, messages) -> None:  # type: ignore[no-untyped-def]
    lay = profil.layanan
    p = _permohonan(profil, admin)
    lay.putuskan(admin, p.id, KeputusanMasukan.dari_dict({"keputusan": RU.DITOLAK, "pasal17": "h", "uji_konsekuensi": "BA 1/2026",
                               "tanggal_pemberitahuan": date(2026, 6, 3)}))
    k, _ = lay.catat_keberatan(admin, p.id, KeberatanMasukan.dari_dict({"alasan": "a", "kasus_posisi": "x", "tanggal_diterima": date(2026, 6, 4)}))
    petugas = DetailKeberatan(_as(profil, R.PETUGAS), k.id)
    qtbot.addWidget(petugas)
    jawab = _btn(petugas, "jawab_keberatan")
    assert not jawab.isEnabled() and "Hanya Atasan PPID yang dapat" in jawab.toolTip()
    assert _btn(petugas, "ubah_keberatan").isEnabled()
    atasan = DetailKeberatan(_as(profil, R.ATASAN), k.id)
    qtbot.addWidget(atasan)
    assert _btn(atasan, "jawab_keberatan").isEnabled() and not _btn(atasan, "ubah_keberatan").isEnabled()
    form = atasan.dialog_jawab()
    qtbot.addWidget(form)
    form.widgets["isi_tanggapan"].setPlainText("Menguatkan keputusan PPID")
    form.widgets["atasan_nama"].setText("Sekda")
    form.simpan()
    assert lay.ambil_keberatan(k.id).status == RU.K_DIPUTUSKAN, form.feedback.text()
    atasan.refresh()
    assert atasan.findChild(QPushButton, "jawab_keberatan") is None  # answered: no longer offered


def test_layanan_page_report_and_anonymisation_per_role(qtbot, profil, messages) -> None:  # type: ignore[no-untyped-def]
    monev = _as(profil, R.MONEV)
    page = LayananPage(monev)
    qtbot.addWidget(page)
    assert not page.btn_register.isEnabled() and "melihat data pribadi" in page.btn_register.toolTip()
    atasan = _as(profil, R.ATASAN)
    lap = LaporanDialog(atasan)
    qtbot.addWidget(lap)
    assert not lap.simpan_btn.isEnabled() and not lap.btn_kirim.isEnabled()
    assert all(w.isReadOnly() for w in lap.narasi.values()) and lap.btn_pdf.isEnabled()
    anon = AnonimDialog(_as(profil, R.PETUGAS))
    qtbot.addWidget(anon)
    assert not anon.btn_jalankan.isEnabled() and not anon.btn_periksa.isEnabled()
    assert "mengubah data master" in anon.btn_jalankan.toolTip() and not anon.tahun.isEnabled()


def test_naskah_acts_say_why_for_a_reader(qtbot, profil, messages) -> None:  # type: ignore[no-untyped-def]
    page = NaskahPage(_as(profil, R.PETUGAS))
    qtbot.addWidget(page)
    for key in ("ubah", "ajukan", "setuju", "ttd", "kirim", "arsip", "batal"):
        assert "Hanya PPID atau Sekretariat yang dapat" in page.buttons[key].toolTip(), key
    assert page.buttons["pratinjau"].toolTip() == ""
    dlg = PengaturanDialog(_as(profil, R.PPID))  # Data Master's keepers only
    qtbot.addWidget(dlg)
    assert not dlg.simpan_btn.isEnabled() and not dlg.save_chain.isEnabled() and not dlg.mundur.isEnabled()
    assert "mengubah data master" in dlg.simpan_btn.toolTip()


def test_rekap_import_and_export_per_kind(qtbot, profil, messages) -> None:  # type: ignore[no-untyped-def]
    page = RekapPage(_as(profil, R.MONEV))
    qtbot.addWidget(page)
    page.jenis.setCurrentIndex(page.jenis.findData("permohonan"))
    assert not page.perbarui.isEnabled() and "mengimpor data dari Excel" in page.perbarui.toolTip()
    assert "menyimpan data jenis ini tidak" in page.ringkasan.text() and page.btn_periksa.isEnabled()
    page.ekspor_jenis.setCurrentIndex(page.ekspor_jenis.findData("register-permohonan"))
    assert not page.btn_ekspor.isEnabled() and "tidak berwenang" in page.btn_ekspor.toolTip()
    assert not page.nik_lengkap.isHidden() and not page.nik_lengkap.isEnabled()
    page.ekspor_jenis.setCurrentIndex(page.ekspor_jenis.findData("rekap-monev"))
    assert page.btn_ekspor.isEnabled() and page.nik_lengkap.isHidden()
    assert page.ekspor_form.isRowVisible(page.program)
    page.ekspor_jenis.setCurrentIndex(page.ekspor_jenis.findData("opd"))
    assert not page.ekspor_form.isRowVisible(page.program)  # the programme row appears only where it applies

    petugas = RekapPage(_as(profil, R.PETUGAS))
    qtbot.addWidget(petugas)
    petugas.jenis.setCurrentIndex(petugas.jenis.findData("permohonan"))
    assert petugas.perbarui.isEnabled()
    petugas.ekspor_jenis.setCurrentIndex(petugas.ekspor_jenis.findData("register-permohonan"))
    assert petugas.btn_ekspor.isEnabled() and petugas.nik_lengkap.isEnabled()


def test_paraf_button_names_whose_turn_it_is(qtbot, profil, admin, messages) -> None:  # type: ignore[no-untyped-def]
    from ppid_desktop.naskah.agenda import ParafInput

    m = profil.master
    kadis = m.simpan_pegawai(admin, IsianPegawai.dari({"nama": "Drs. Budi Prasetiyono, M.Si.", "nip": "196707151993091001",
                                   "jabatan": "Kepala Dinas", "boleh_ttd": "nota_dinas,surat_keluar"}))
    kabid = m.simpan_pegawai(admin, IsianPegawai.dari({"nama": "Agus Wibowo, S.Kom.", "nip": "198002022005011002",
                                   "jabatan": "Kepala Bidang"}))
    agenda = profil.agenda
    s = agenda.buat_konsep(admin, IsianKonsep.dari({"jenis": "nota_dinas", "hal": "Rapat", "penandatangan_id": kadis.id}),
                           [ParafInput(kabid.id)])
    agenda.ajukan(admin, s.id)
    page = NaskahPage(_as(profil, R.SEKRETARIAT))
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    page.table.selectRow(0)
    assert page.buttons["setuju"].isEnabled()
    assert page.buttons["setuju"].toolTip() == "Giliran paraf: Agus Wibowo, S.Kom. — Kepala Bidang"
