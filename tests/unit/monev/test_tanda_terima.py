"""Tanda terima per addressee on the undangan (one line per target unit) and the surat tugas (one line
per team member), the same page as the pemberitahuan and permintaan data: read back from the PDFs."""

from __future__ import annotations

import io
import re
from typing import Any

from pypdf import PdfReader

from ppid_desktop.monev.cetak import cetak


def _halaman(pdf: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages]


def _siap(env: Any) -> Any:
    _inst, prog = env.program("kip_2025", n_opd=3)
    env.monev.atur_tim(env.actor, prog.id, [(env.pegawai_ids[0], "Ketua"), (env.pegawai_ids[1], "Anggota")])
    return prog


def test_undangan_has_a_receipt_line_per_unit(env: Any) -> None:
    prog = _siap(env)
    pages = _halaman(cetak(env.services, "undangan", prog.id))
    last = pages[-1]
    assert "TANDA TERIMA" in last and "hal Undangan Rapat Koordinasi" in last
    units = [o.nama for _j, o in env.monev.daftar_jadwal(prog.id)]
    assert len(units) == 3 and all(f"Kepala {n}" in last for n in units)
    assert all(f"{i}." in last for i in range(1, 4))
    assert "Nama penerima" in last and "Tanggal terima" in last and "Tanda tangan" in last
    assert "TANDA TERIMA" not in " ".join(pages[:-1])  # its own page, after the daftar hadir and notulen


def test_surat_tugas_has_a_receipt_line_per_team_member(env: Any) -> None:
    prog = _siap(env)
    pages = _halaman(cetak(env.services, "surat-tugas", prog.id))
    assert "SURAT TUGAS" in pages[0] and "MEMERINTAHKAN" in pages[0]
    last = pages[-1]
    assert "TANDA TERIMA" in last and "hal Surat Tugas" in last
    assert "Agus Santoso, S.Kom. (Ketua)" in last and "Sri Lestari, S.Sos. (Anggota)" in last
    assert "Kepala Dinas" not in last  # addressed to the team, not the units


def test_undangan_receipt_through_the_agenda_carries_the_number(env: Any) -> None:
    from ppid_desktop.monev import naskah_agenda as NA

    prog = _siap(env)
    s = NA.siapkan(env.services, env.actor, "undangan", prog.id, penandatangan_id=env.pegawai_ids[0])
    pages = _halaman(env.services.agenda.cetak(s.id))
    assert "TANDA TERIMA" in pages[-1] and "(diberikan saat ditandatangani)" in pages[-1]
