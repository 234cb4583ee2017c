"""Behaviour kept by the folded helpers of MonevService (tombstones, answer rows, schedule times)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from ppid_desktop.core.errors import UserError, ValidationError


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
    j = m.list_jadwal(prog.id)[0][0]
    assert m.atur_jadwal(a, j.id, None, " 09:30 ", "Aula").jam == "09.30"
    assert m.atur_jadwal(a, j.id, None, "").jam == ""
    with pytest.raises(ValidationError) as exc:
        m.atur_jadwal(a, j.id, None, "jam sembilan")
    assert "jam sembilan" in str(exc.value.problems["jam"])
