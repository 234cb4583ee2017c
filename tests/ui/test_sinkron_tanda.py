"""Sync marks on the other rooms' screens, on real replicas exchanging real packages: the conflict badge on
the permohonan register row and in its detail dialog (opening the resolution screen on that record), and
the hand-over indicator of a monev session (who holds it, since when, edits refused, "Ambil kembali")."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QStyleOptionViewItem
from sqlalchemy import text

from ppid_desktop.core.errors import UserError
from ppid_desktop.layanan.keberatan import KeberatanMandiri
from ppid_desktop.layanan.masukan import KoreksiKeberatan, KoreksiPermohonan, PermohonanMasukan
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.layanan.page import DetailKeberatan, DetailPermohonan, LayananPage
from ppid_desktop.ui.monev.page import ProgramTab
from ppid_desktop.ui.monev.sesi import SesiDialog
from ppid_desktop.ui.sinkron_konflik import KonflikDialog
from ppid_desktop.ui.sinkron_tanda import teks_konflik
from ppid_desktop.ui.tasks import SyncTaskRunner
from tests.unit.sinkron.tim import Dasar, Replika, buat_dasar, salin

PERMOHONAN = {
    "tanggal_diterima": date(2026, 6, 1), "saluran": "langsung", "jenis_pemohon": "perorangan",
    "nama": "Budi Santoso", "nik": "3373011203800003", "alamat": "Jl. Diponegoro 10, Salatiga",
    "pekerjaan": "Wiraswasta", "telepon": "081234567890", "email": "budi@example.com",
    "rincian": "Salinan DPA Dinas Kesehatan tahun 2025", "tujuan": "Penelitian skripsi",
    "cara_memperoleh": "salinan_softcopy", "cara_salinan": "email",
}


@pytest.fixture(scope="module")
def dasar(tmp_path_factory: pytest.TempPathFactory) -> Dasar:
    return buat_dasar(tmp_path_factory.mktemp("dasar"))


@pytest.fixture
def dua(dasar: Dasar, tmp_path: Path, messages: list[tuple[str, str, str]]) -> Iterator[tuple[Replika, Replika]]:
    a, b = salin(dasar, tmp_path, "a"), salin(dasar, tmp_path, "b")
    yield a, b
    a.svc.close()
    b.svc.close()


def _kirim(src: Replika, dst: Replika, path: Path, **kw: object) -> None:
    src.s.ekspor(src.actor, path, **(kw or {"untuk": dst.s.replika}))  # type: ignore[arg-type]
    dst.s.impor(dst.actor, path)


def _ctx(r: Replika) -> AppContext:
    return AppContext(services=r.svc, actor=r.actor, tasks=SyncTaskRunner())


def test_permohonan_register_row_and_detail_show_their_conflicts(qtbot, dua, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a, b = dua
    p = a.svc.layanan.catat_permohonan(a.actor, PermohonanMasukan.dari_dict(dict(PERMOHONAN)))
    lain = a.svc.layanan.catat_permohonan(a.actor, PermohonanMasukan.dari_dict(dict(PERMOHONAN, nama="Siti Aminah")))
    _kirim(a, b, tmp_path / "1.ppidsync")
    a.svc.layanan.ubah_permohonan(a.actor, p.id, KoreksiPermohonan.dari_dict({"rincian": "Rincian versi kantor"}))
    b.svc.layanan.ubah_permohonan(b.actor, p.id, KoreksiPermohonan.dari_dict({"rincian": "Rincian versi lapangan"}))
    _kirim(b, a, tmp_path / "2.ppidsync")
    assert a.s.konflik_untuk("permohonan") == {p.id: 1}
    assert a.s.konflik_untuk("permohonan", [lain.id]) == {}

    ctx = _ctx(a)
    page = LayananPage(ctx)
    qtbot.addWidget(page)
    panel = page.permohonan
    rows = {panel.model.row_data(i)["id"]: i for i in range(panel.model.rowCount())}
    tanda = panel.tanda
    assert tanda.teks(rows[p.id]) == teks_konflik(1) == "1 konflik sinkronisasi — buka Sinkronisasi"
    assert tanda.teks(rows[lain.id]) is None
    opt = QStyleOptionViewItem()
    tanda.initStyleOption(opt, panel.model.index(rows[p.id], 0))
    assert not opt.icon.isNull()  # the warning icon on the row's first cell
    opt = QStyleOptionViewItem()
    tanda.initStyleOption(opt, panel.model.index(rows[lain.id], 0))
    assert opt.icon.isNull()
    assert page.keberatan.tanda.teks(0) is None

    dlg = DetailPermohonan(ctx, p.id)
    qtbot.addWidget(dlg)
    assert dlg.tanda.isVisibleTo(dlg)
    assert "1 konflik sinkronisasi" in dlg.tanda.label.text()
    assert len(dlg.tanda.kid) == 1
    # The resolution screen opened from the badge shows that record's conflicts only.
    k = KonflikDialog(ctx, hanya=dlg.tanda.kid)
    qtbot.addWidget(k)
    assert k.model.rowCount() == 1 and k.model.rows[0]["rec_id"] == p.id
    k.resolve("milik-mereka")
    assert k.model.rowCount() == 0
    dlg.tanda.muat()
    assert not dlg.tanda.isVisibleTo(dlg)
    page.refresh()
    assert tanda.teks(rows[p.id]) is None
    quiet = DetailPermohonan(ctx, lain.id)
    qtbot.addWidget(quiet)
    assert not quiet.tanda.isVisibleTo(quiet)


def test_keberatan_detail_shows_its_conflicts(qtbot, dua, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a, b = dua
    m = KeberatanMandiri(nama="Siti Aminah", nik="3373011203800003", alamat="Jl. Merdeka 5, Salatiga",
                         alasan=("b",), kasus_posisi="Laporan keuangan 2025 tidak diumumkan.",
                         tanggal_diterima=date(2026, 6, 10))
    k, _ = a.svc.layanan.catat_keberatan_mandiri(a.actor, m)
    lain, _ = a.svc.layanan.catat_keberatan_mandiri(a.actor, m)
    _kirim(a, b, tmp_path / "1.ppidsync")
    a.svc.layanan.ubah_keberatan(a.actor, k.id, KoreksiKeberatan.dari_dict({"kasus_posisi": "Versi kantor"}))
    b.svc.layanan.ubah_keberatan(b.actor, k.id, KoreksiKeberatan.dari_dict({"kasus_posisi": "Versi lapangan"}))
    _kirim(b, a, tmp_path / "2.ppidsync")
    assert a.s.konflik_untuk("keberatan") == {k.id: 1}

    ctx = _ctx(a)
    dlg = DetailKeberatan(ctx, k.id)
    qtbot.addWidget(dlg)
    assert dlg.tanda.isVisibleTo(dlg)
    assert "1 konflik sinkronisasi" in dlg.tanda.label.text()
    assert len(dlg.tanda.kid) == 1
    kd = KonflikDialog(ctx, hanya=dlg.tanda.kid)
    qtbot.addWidget(kd)
    assert kd.model.rowCount() == 1 and kd.model.rows[0]["rec_id"] == k.id
    kd.resolve("milik-mereka")
    dlg.tanda.muat()
    assert not dlg.tanda.isVisibleTo(dlg)
    quiet = DetailKeberatan(ctx, lain.id)
    qtbot.addWidget(quiet)
    assert not quiet.tanda.isVisibleTo(quiet)


def test_duplicate_berita_acara_number_marks_both_sessions(dua, dasar: Dasar, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a, b = dua
    s0 = a.svc.monev.mulai_sesi(a.actor, dasar.jadwal_ids[0])
    s1 = b.svc.monev.mulai_sesi(b.actor, dasar.jadwal_ids[1])
    assert a.svc.monev.finalisasi(a.actor, s0.id, paksa=True).ba_nomor == \
        b.svc.monev.finalisasi(b.actor, s1.id, paksa=True).ba_nomor  # two copies numbering on their own
    _kirim(b, a, tmp_path / "1.ppidsync")
    assert a.s.konflik_untuk("monev_sesi") == {s0.id: 1, s1.id: 1}
    assert a.s.konflik_untuk("monev_jadwal") == {dasar.jadwal_ids[0]: 1, dasar.jadwal_ids[1]: 1}


def test_a_register_number_issued_twice_is_refused_clearly(dua, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a, b = dua
    pa = a.svc.layanan.catat_permohonan(a.actor, PermohonanMasukan.dari_dict(dict(PERMOHONAN)))
    pb = b.svc.layanan.catat_permohonan(b.actor, PermohonanMasukan.dari_dict(dict(PERMOHONAN, nama="Siti Aminah")))
    assert pa.nomor == pb.nomor  # two office databases numbering on their own (what the role prevents)
    with pytest.raises(UserError, match="nomor ganda.*laptop lapangan"):
        _kirim(b, a, tmp_path / "1.ppidsync")


def test_handed_over_session_shows_who_holds_it_and_is_taken_back_explicitly(  # type: ignore[no-untyped-def]
        qtbot, dua, dasar: Dasar, tmp_path: Path) -> None:
    a, b = dua
    jadwal, q = dasar.jadwal_ids[0], dasar.pertanyaan[0]
    se = a.svc.monev.mulai_sesi(a.actor, jadwal)
    _kirim(a, b, tmp_path / "serah.ppidsync", serahkan=se.id)
    ctx = _ctx(a)

    # Right after the hand-over: given away, the receiver not heard of yet.
    dlg = SesiDialog(ctx, se.id)
    qtbot.addWidget(dlg)
    w = dlg.sesi
    assert w.tanda.isVisibleTo(w)
    assert "diserahkan oleh ua sejak" in w.tanda.label.text()
    assert "serah.ppidsync" in w.tanda.label.text()
    assert not w.btn_final.isEnabled() and not w.btn_note.isEnabled()
    assert w.tanda.tombol_ambil.isVisibleTo(w) and w.tanda.tombol_ambil.isEnabled()

    # The receiver's delta tells the giver who holds it.
    b.svc.monev.catat(b.actor, se.id, q, "dicatat di lapangan")
    _kirim(b, a, tmp_path / "delta.ppidsync")
    w.reload()
    assert "dipegang laptop lain (Laptop b) sejak" in w.tanda.label.text()
    with pytest.raises(UserError, match=r"dipegang laptop lain \(Laptop b\) sejak .*Ambil kembali"):
        a.svc.monev.catat(a.actor, se.id, q, "tidak boleh")

    tab = ProgramTab(ctx)
    qtbot.addWidget(tab)
    tab.refresh()
    row = next(i for i in range(tab.jadwal_model.rowCount()) if tab.jadwal_model.row_at(i)[0].id == jadwal)
    assert "dipegang laptop lain (Laptop b)" in (tab.tanda.teks(row) or "")
    others = [i for i in range(tab.jadwal_model.rowCount()) if i != row]
    assert others and all(tab.tanda.teks(i) is None for i in others)

    if os.environ.get("PPID_SHOT"):
        dlg.show()
        qtbot.waitExposed(dlg)
        dlg.grab().save(os.environ["PPID_SHOT"])

    # "Ambil kembali": explicit, audited, and the session is editable here again.
    w.tanda.tombol_ambil.click()
    assert not w.tanda.isVisibleTo(w)
    assert w.btn_final.isEnabled() and w.btn_note.isEnabled()
    a.svc.monev.catat(a.actor, se.id, q, "diambil kembali")
    with a.svc.store.engine.connect() as conn:
        audit = conn.execute(text("SELECT summary FROM audit_log WHERE action = 'ambil_kembali'")).scalars().all()
    assert audit == ["Sesi monev diambil kembali dari Laptop b tanpa menunggu paket serah balik."]
    with pytest.raises(UserError, match="tidak sedang diserahkan"):
        a.s.ambil_kembali(a.actor, se.id)
    tab.show_program()
    assert tab.tanda.teks(row) is None
