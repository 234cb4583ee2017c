"""Issue #11: a monev document printed before any agenda draft never shows "NOMOR" with nothing after it;
the kit prints the draft placeholder instead, as agenda drafts do."""

from __future__ import annotations

import re
from typing import Any

from ppid_desktop.dokumen.teks import NOMOR_MENUNGGU
from ppid_desktop.monev.cetak import JENIS_CETAK, PER_UNIT, cetak
from tests.unit.monev.test_dokumen_program import _isi_sesi, _siap, _teks

# a title "NOMOR …" or a "Nomor :"/"NOMOR :" row, and what follows it (text flattened to single spaces)
LABEL = re.compile(r"\b(?:NOMOR(?: :)?|Nomor :) ")
BERNILAI = re.compile(r"\(diberikan saat ditandatangani\)|\S*\d\S*/")  # the placeholder or a real number


def _kosong(pdf: bytes) -> list[str]:
    """The label occurrences not followed by a value (e.g. "NOMOR TENTANG …", "Nomor : Salatiga, …")."""
    t = re.sub(r"\s+", " ", _teks(pdf))
    return [t[m.start():m.end() + 40] for m in LABEL.finditer(t) if not BERNILAI.match(t, m.end())]


def test_every_monev_print_without_a_draft_shows_the_placeholder_not_a_bare_nomor(env: Any) -> None:
    _inst, prog = _siap(env, "spbe_59_2020", n_opd=2)
    _isi_sesi(env, prog, "DINKES", "ya", None)
    dengan_nomor = 0
    for jenis in JENIS_CETAK:
        pdf = cetak(env.services, jenis, prog.id, "DINKES" if jenis in PER_UNIT else None)
        assert _kosong(pdf) == [], jenis
        t = _teks(pdf)
        if re.search(r"\bNOMOR\b|\bNomor\s*:", t):
            dengan_nomor += 1
            if jenis not in PER_UNIT:  # berita acara keep the number given at finalisation
                assert NOMOR_MENUNGGU in re.sub(r"\s+", " ", t), jenis
    assert dengan_nomor >= 8  # the check above actually ran on the numbered kinds


def test_kit_prints_the_placeholder_for_a_blank_number(env: Any) -> None:
    from ppid_desktop.dokumen import DocumentKit, Pejabat, TandaTangan

    kit = DocumentKit(env.services.master.instansi())
    pj = Pejabat(nama="Agus Santoso", nip="198003152005011002", jabatan="Kepala Bidang")
    for pdf in (kit.naskah_judul(judul="Surat Tugas", nomor=" ", isi=["x"], ttd=TandaTangan(pejabat=pj)),
                kit.surat(nomor="", hal="Uji", kepada=["Kepala Dinas"], isi=["x"], ttd=TandaTangan(pejabat=pj)),
                kit.nota_dinas(kepada="Sekda", dari="PPID", nomor=" ", hal="Uji", isi=["x"], ttd=TandaTangan(pejabat=pj))):
        assert _kosong(pdf) == []
        t = _teks(pdf)
        assert NOMOR_MENUNGGU in re.sub(r"\s+", " ", t)
