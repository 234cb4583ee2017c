"""Behaviour kept by the folded helpers of MonevService (tombstones, answer rows, schedule times)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from ppid_desktop.core.errors import UserError, ValidationError
from ppid_desktop.monev.masukan import IsianTindakLanjut, RekomendasiBaru


def test_hapus_responden_dan_bukti_menandai_terhapus_dan_terkunci_setelah_final(env: Any) -> None:
    m, a = env.monev, env.actor
    _, prog = env.program()
    se = env.sesi(prog)
    kode = m.muat_sesi(se.id).defn.pertanyaan()[0].kode
    r1 = m.tambah_responden(a, se.id, "Budi")
    r2 = m.tambah_responden(a, se.id, "Ani")
    b1 = m.tambah_bukti(a, se.id, kode, url="https://contoh.go.id/a")
    b2 = m.tambah_bukti(a, se.id, kode, url="https://contoh.go.id/b")
    m.hapus_responden(a, r1.id)
    m.hapus_bukti(a, b1.id)
    d = m.muat_sesi(se.id)
    assert [r.id for r in d.responden] == [r2.id]
    assert [b.id for b in d.bukti[kode]] == [b2.id]
    with pytest.raises(UserError, match="Narasumber tidak ditemukan"):
        m.hapus_responden(a, "tidak-ada")
    with pytest.raises(UserError, match="Bukti tidak ditemukan"):
        m.hapus_bukti(a, "tidak-ada")
    m.finalisasi(a, se.id, date(2026, 3, 16), paksa=True)
    with pytest.raises(UserError, match="terkunci"):
        m.hapus_responden(a, r2.id)
    with pytest.raises(UserError, match="terkunci"):
        m.hapus_bukti(a, b2.id)


def test_jawab_dan_catat_menulis_baris_jawaban_yang_sama(env: Any) -> None:
    m, a = env.monev, env.actor
    _, prog = env.program()
    se = env.sesi(prog)
    q = next(q for q in m.muat_sesi(se.id).defn.pertanyaan() if q.opsi)
    m.catat(a, se.id, q.kode, "  catatan lapangan  ")
    row = m.jawab(a, se.id, q.kode, q.opsi[0].kode)
    d = m.muat_sesi(se.id)
    assert d.jawaban[q.kode].id == row.id
    assert d.jawaban[q.kode].catatan == "catatan lapangan"
    assert d.jawaban[q.kode].nilai is not None


def test_atur_jadwal_jam_dinormalkan_dan_jam_salah_ditolak(env: Any) -> None:
    m, a = env.monev, env.actor
    _, prog = env.program()
    j = m.daftar_jadwal(prog.id)[0][0]
    assert m.atur_jadwal(a, j.id, None, " 09:30 ", "Aula").jam == "09.30"
    assert m.atur_jadwal(a, j.id, None, "").jam == ""
    with pytest.raises(ValidationError) as exc:
        m.atur_jadwal(a, j.id, None, "jam sembilan")
    assert "jam sembilan" in str(exc.value.problems["jam"])


def test_tindak_lanjut_baru_dengan_catatan_dan_bukti_dalam_satu_unit_kerja(env: Any, tmp_path: Any) -> None:
    from ppid_desktop.monev import tindak_lanjut as TL

    m, a = env.monev, env.actor
    _, prog = env.program("ppid_checklist")
    r = m.tambah_rekomendasi(a, RekomendasiBaru(prog.id, env.opd_ids[0], "Tetapkan SOP"))
    kosong = tmp_path / "kosong.pdf"
    kosong.write_bytes(b"")
    with pytest.raises(UserError, match="kosong"):
        m.tambah_tindak_lanjut(a, r.id, IsianTindakLanjut("Rapat SOP", "Sekretaris", None, catatan="x", bukti=kosong))
    with env.services.store.read() as s:
        assert TL.daftar_tindak_lanjut(s, program_id=prog.id, hari_ini=date(2026, 5, 1)) == []  # nothing half-written
    ev = tmp_path / "notulen.pdf"
    ev.write_bytes(b"%PDF-1.4 notulen")
    t = m.tambah_tindak_lanjut(a, r.id, IsianTindakLanjut("Rapat SOP", "Sekretaris", None, catatan="  sudah rapat ", bukti=ev))
    assert t.catatan == "sudah rapat" and t.bukti_nama == "notulen.pdf"
    path = m.lokasi_bukti_tl(t)
    assert path is not None and path.read_bytes() == b"%PDF-1.4 notulen"


def test_daftar_tindak_lanjut_dari_layanan_sama_dengan_kueri_langsung(env: Any) -> None:
    from ppid_desktop.monev import tindak_lanjut as TL

    m, a = env.monev, env.actor
    _, prog = env.program("ppid_checklist")
    r = m.tambah_rekomendasi(a, RekomendasiBaru(prog.id, env.opd_ids[1], "Mutakhirkan DIP"))
    m.tambah_tindak_lanjut(a, r.id, IsianTindakLanjut("Rapat", "Sekretaris", date(2026, 4, 1)))
    m.tambah_tindak_lanjut(a, r.id, IsianTindakLanjut("Unggah", "Admin web", date(2026, 6, 1), status="selesai"))
    reks, tls = m.daftar_tindak_lanjut(prog.id, env.opd_ids[1], "belum", date(2026, 7, 1))
    with env.services.store.read() as s:
        assert reks == TL.daftar_rekomendasi(s, program_id=prog.id, opd_id=env.opd_ids[1])
        assert tls == TL.daftar_tindak_lanjut(s, program_id=prog.id, opd_id=env.opd_ids[1], status="belum",
                                              terlambat_per=date(2026, 7, 1), hari_ini=env.monev.clock.today())
    assert [t.uraian for t in tls] == ["Rapat"] and reks[0].jumlah_tl == 2


def test_catatan_verifikator_butuh_izin_verifikasi(env: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from ppid_desktop.akun import roles as R
    from ppid_desktop.core.errors import PermissionDenied
    from tests.conftest import make_actor

    m, a = env.monev, env.actor
    _, prog = env.program()
    se = env.sesi(prog)
    kode = m.muat_sesi(se.id).defn.pertanyaan()[0].kode
    monkeypatch.setitem(R.PERMISSIONS, R.MONEV, frozenset({R.MONEV_LAPANGAN}))  # a field-only role
    lapangan = make_actor(R.MONEV, username="lapangan")
    m.catat(lapangan, se.id, kode, "catatan lapangan")
    with pytest.raises(PermissionDenied):
        m.catat(lapangan, se.id, kode, "catatan verifikator", verifikasi=True)
    monkeypatch.undo()
    m.catat(a, se.id, kode, "catatan verifikator", verifikasi=True)
    j = m.muat_sesi(se.id).jawaban[kode]
    assert (j.catatan, j.catatan_verifikasi) == ("catatan lapangan", "catatan verifikator")


def test_teks_nilai_dua_desimal_koma() -> None:
    from ppid_desktop.monev.skor import teks_nilai

    assert teks_nilai(82.5) == "82,50" and teks_nilai(None) == "—" and teks_nilai(None, "-") == "-"


def test_nilai_tahap_sama_di_sesi_dan_peringkat_program(env: Any) -> None:
    m, a = env.monev, env.actor
    _, prog = env.program("kip_2025")
    se = env.sesi(prog)
    m.atur_nilai_tahap(a, se.id, "visitasi", 80)
    (skor,) = [r for r in m.program_scores(prog.id) if r.sesi_id == se.id]
    assert skor.hasil is not None and skor.hasil.tahap["visitasi"] == 80.0
    assert skor.total == m.hasil(se.id).final
