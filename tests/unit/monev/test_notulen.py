"""Notulen rapat koordinasi with its daftar hadir as a ``monev cetak`` kind through the agenda: the
discussion rows and conclusions come from the draft's text, notulis (the team's Sekretaris) and pimpinan
rapat (the signer) sign side by side, every team member and target unit is on the daftar hadir; numbered
and frozen at signature; A4 and F4."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from ppid_desktop import cli
from ppid_desktop.akun import roles as R
from ppid_desktop.master.masukan import IsianProfil
from ppid_desktop.monev import naskah_agenda as NA
from ppid_desktop.monev.cetak import JENIS_CETAK, cetak
from ppid_desktop.naskah.masukan import IsianKonsep
from tests.conftest import cli_admin, make_actor


def _halaman(pdf: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages]


def test_notulen_through_the_agenda(env: Any) -> None:
    svc, m = env.services, env.monev
    _inst, prog = env.program("kip_2025", n_opd=3)
    m.atur_tim(env.actor, prog.id, [(env.pegawai_ids[1], "Sekretaris")])
    assert "notulen" in JENIS_CETAK and JENIS_CETAK.index("notulen") > JENIS_CETAK.index("proposal")
    sek = make_actor(R.SEKRETARIAT, R.MONEV, username="sekretariat")
    draft = NA.siapkan(svc, sek, "notulen", prog.id, penandatangan_id=env.pegawai_ids[0])
    assert draft.jenis == "laporan" and "Notulen" in draft.hal
    pages = _halaman(cetak(svc, "notulen", prog.id))
    t = " ".join(pages)
    assert "NOTULEN RAPAT KOORDINASI" in pages[0] and "diberikan saat ditandatangani" in t
    assert "Notulis" in t and "Pimpinan Rapat" in t and "Sri Lestari" in t and "Agus Santoso" in t
    assert "KESIMPULAN" not in t  # nothing written yet: blank rows to fill by hand
    hadir = next(p for p in pages if "DAFTAR HADIR" in p)
    assert all(o.nama in hadir for _j, o in m.daftar_jadwal(prog.id)) and "Sri Lestari" in hadir
    teks = ("Jadwal kunjungan | Disepakati 10-14 Maret 2026\nInstrumen | Lembar kerja dikirim H-7\n\n"
            "Seluruh unit menyiapkan bukti dukung sebelum kunjungan.")
    svc.agenda.ubah_konsep(sek, draft.id, IsianKonsep.dari({"jenis": "laporan", "hal": draft.hal, "penandatangan_id": env.pegawai_ids[0],
                                           "ringkasan": teks}))
    t = " ".join(_halaman(cetak(svc, "notulen", prog.id)))
    assert t.find("Jadwal kunjungan") < t.find("Disepakati 10-14 Maret 2026") < t.find("Lembar kerja dikirim H-7")
    assert t.find("KESIMPULAN") < t.find("Seluruh unit menyiapkan bukti dukung") and "|" not in t
    svc.agenda.ajukan(sek, draft.id)
    signed = svc.agenda.tandatangani(sek, draft.id, date(2026, 3, 2), hari_ini=date(2026, 3, 2))
    pdf = cetak(svc, "notulen", prog.id)
    assert signed.nomor and signed.nomor in _halaman(pdf)[0] and pdf == cetak(svc, "notulen", prog.id)
    d = NA.dokumen_langkah(svc, prog.id, ["notulen"])[0]
    assert d.ada is True and d.tautan == f"agenda:{draft.id}" and d.label == "Notulen rapat dan daftar hadir"


@pytest.mark.parametrize("kertas,tinggi", [("A4", 297), ("F4", 330)])
def test_cli_prints_the_notulen(env: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str], kertas: str,
                                tinggi: int) -> None:
    from tests.unit.monev.test_dokumen_program import _admin

    env.services.master.simpan_profil(_admin(), IsianProfil.dari({"kertas": kertas}))
    _inst, prog = env.program("kip_2025", n_opd=2)
    db = str(env.services.store.path)
    cli_admin(Path(db))
    f = tmp_path / "notulen.pdf"
    assert cli.main(["--db", db, "monev", "cetak", "notulen", prog.id[:8], "-o", str(f)]) == 0, capsys.readouterr().err
    r = PdfReader(str(f))
    assert all(round(float(p.mediabox.height) / 72 * 25.4) == tinggi for p in r.pages)
    t = " ".join(_halaman(f.read_bytes()))
    assert "NOTULEN RAPAT KOORDINASI" in t and "DAFTAR HADIR" in t and "Dinas Kesehatan" in t
