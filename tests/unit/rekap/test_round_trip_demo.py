"""Export → import loses nothing: a demo register (every status, extensions, refusals, withdrawals) exported
by the app and imported into a new database gives the same status, decision, extension, dates, fees and
history summary for every row, compared field by field."""

from __future__ import annotations

import random
from pathlib import Path

from sqlmodel import select

from ppid_desktop import demo
from ppid_desktop.layanan import rules as RU  # noqa: N812
from ppid_desktop.layanan.models import Permohonan, RiwayatLayanan
from ppid_desktop.services import Services
from tests.conftest import TEST_DEVICE

FIELDS = ("tanggal_diterima", "nama", "saluran", "jenis_pemohon", "status", "keputusan", "pasal17",
          "tanggal_pemberitahuan", "hk_pemberitahuan", "tanggal_perpanjangan", "alasan_perpanjangan", "tenggat",
          "tenggat_perpanjangan", "tenggat_efektif", "tanggal_penyerahan", "tanggal_selesai", "alasan_ditarik",
          "biaya_total", "bentuk_informasi", "nik_mask", "cara_memperoleh", "rincian")
LANGKAH = (RU.DIPERPANJANG, RU.DIPUTUSKAN, RU.DISERAHKAN, RU.SELESAI, RU.DITARIK)


def _ringkas(p: Permohonan) -> tuple:
    """The history summary a register row carries: which steps happened, on which day."""
    return tuple((aksi, d) for aksi, d in (
        (RU.DIPERPANJANG, p.tanggal_perpanjangan), (RU.DIPUTUSKAN, p.tanggal_pemberitahuan),
        (RU.DISERAHKAN, p.tanggal_penyerahan),
        (p.status if p.status in (RU.SELESAI, RU.DITARIK) else None, p.tanggal_selesai)) if aksi and d)


def test_demo_register_round_trip_field_by_field(tmp_path: Path) -> None:
    src = Services.open(tmp_path / "sumber.sqlite", device=TEST_DEVICE)
    actor = src.system()
    demo.fill(src, actor, demo.DemoOptions(permohonan=400, seed=11))
    src.rekap.ekspor(actor, "register-permohonan", tmp_path / "register.xlsx", tampilkan_nik=True)
    src.rekap.ekspor(actor, "opd", tmp_path / "opd.xlsx")
    with src.store.read() as s:
        before = {p.nomor: p for p in s.exec(select(Permohonan))}
    src.close()
    dst = Services.open(tmp_path / "baru.sqlite", device=TEST_DEVICE)
    try:
        assert dst.rekap.impor(dst.system(), "opd", tmp_path / "opd.xlsx").diterapkan
        h = dst.rekap.impor(dst.system(), "permohonan", tmp_path / "register.xlsx")
        assert h.diterapkan and h.baru == len(before), [(p.row, p.column, p.message) for p in h.galat[:5]]
        unused = [p.message for p in h.masalah if "tidak diimpor" in p.message]
        assert len(unused) == 1 and "Tenggat" in unused[0] and "Hari Kerja Terpakai" in unused[0]
        with dst.store.read() as s:
            after = {p.nomor: p for p in s.exec(select(Permohonan))}
            events: dict[str, list[RiwayatLayanan]] = {}
            for e in s.exec(select(RiwayatLayanan).where(RiwayatLayanan.objek == "permohonan")):
                events.setdefault(e.objek_id, []).append(e)
    finally:
        dst.close()
    statuses = {p.status for p in before.values()}
    assert {RU.SELESAI, RU.DITARIK, RU.DIPERPANJANG} <= statuses, statuses  # the demo covers the hard cases
    assert sum(1 for p in before.values() if p.tanggal_perpanjangan) > 0
    beda = []
    for nomor, a in before.items():
        b = after[nomor]
        for f in FIELDS:
            if getattr(a, f) != getattr(b, f):
                beda.append((nomor, f, getattr(a, f), getattr(b, f)))
        steps = [(e.status_ke, e.created_at) for e in events[b.id] if e.status_ke in LANGKAH]
        assert [x for x, _ in sorted(steps, key=lambda t: t[1])] == [x for x, _ in _ringkas(a)], nomor
        assert _ringkas(b) == _ringkas(a)
    assert beda == [], beda[:10]
    sample = random.Random(1).sample(sorted(before), 5)
    assert all(after[n].nik_hash and after[n].nik_mask == before[n].nik_mask for n in sample if before[n].nik_enc)


def test_large_import_refreshes_planner_statistics(tmp_path: Path, monkeypatch) -> None:
    from ppid_desktop.rekap import service as rekap_service

    src = Services.open(tmp_path / "a.sqlite", device=TEST_DEVICE)
    demo.fill(src, src.system(), demo.DemoOptions(permohonan=30, seed=3))
    src.rekap.ekspor(src.system(), "register-permohonan", tmp_path / "r.xlsx", tampilkan_nik=True)
    src.rekap.ekspor(src.system(), "opd", tmp_path / "o.xlsx")
    src.close()
    dst = Services.open(tmp_path / "b.sqlite", device=TEST_DEVICE)
    try:
        dst.rekap.impor(dst.system(), "opd", tmp_path / "o.xlsx")
        monkeypatch.setattr(rekap_service, "ANALISIS_SETELAH", 10)
        assert dst.rekap.impor(dst.system(), "permohonan", tmp_path / "r.xlsx").diterapkan
        with dst.store.engine.connect() as conn:
            stat = conn.exec_driver_sql("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'permohonan'").scalar()
        assert stat and stat > 0
    finally:
        dst.close()
