"""A keputusan typed in Naskah & Arsip prints in the keputusan layout (the SK Tim Monev's renderer):
Menimbang, Mengingat, MEMUTUSKAN, Menetapkan, KESATU…, the signature "Ditetapkan di", the lampiran with
its header; the body round-trips through ``naskah.keputusan``; a keputusan without its parts is refused."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from ppid_desktop.core.errors import ValidationError
from ppid_desktop.master.masukan import IsianPegawai
from ppid_desktop.naskah import keputusan as KEP
from ppid_desktop.naskah.masukan import IsianKonsep

ISI = KEP.IsiKeputusan(
    menimbang=["bahwa untuk melaksanakan pelayanan informasi publik perlu menunjuk PPID Pelaksana;",
               "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a perlu menetapkan Keputusan;"],
    mengingat=["Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik;",
               "Peraturan Komisi Informasi Nomor 1 Tahun 2021 tentang Standar Layanan Informasi Publik;"],
    diktum=["Menunjuk PPID Pelaksana sebagaimana tercantum dalam Lampiran Keputusan ini.",
            "PPID Pelaksana bertugas melayani permohonan informasi di unitnya.",
            "Keputusan ini mulai berlaku pada tanggal ditetapkan."],
    lampiran="DAFTAR PPID PELAKSANA\nNo | Unit | Jabatan\n1 | Dinas Kesehatan | Sekretaris Dinas\n"
             "2 | Dinas Pendidikan | Sekretaris Dinas")


def _teks(pdf: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages]


def test_body_round_trips_and_old_plain_text_reads_as_diktum() -> None:
    assert KEP.urai(KEP.teks(ISI)) == ISI
    lama = KEP.urai("Menunjuk Saudara sebagai PPID.\n\nKeputusan ini berlaku sejak ditetapkan.")
    assert lama.diktum == ["Menunjuk Saudara sebagai PPID.", "Keputusan ini berlaku sejak ditetapkan."]
    assert not lama.menimbang and KEP.periksa(lama).keys() == {"menimbang", "mengingat"}
    ditulis = KEP.urai("Menimbang:\na. bahwa x;\nMemutuskan:\nKESATU: Menetapkan y.\n- z")
    assert ditulis.menimbang == ["bahwa x;"] and ditulis.diktum == ["Menetapkan y.", "z"]


_baris = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40).filter(
    lambda x: x.strip() == x and x and not re.match(r"(?i)^(menimbang|mengingat|menetapkan|memutuskan|lampiran)\s*:", x)
    and not re.match(r"(?i)^(?:[a-z]\.|\d{1,2}\.|[-•*])\s+", x) and not re.match(r"^KE[A-Z ]+[:.]?\s", x))


@given(st.lists(_baris, min_size=1, max_size=4), st.lists(_baris, min_size=1, max_size=4),
       st.lists(_baris, min_size=1, max_size=5))
def test_any_clean_body_round_trips(menimbang: list[str], mengingat: list[str], diktum: list[str]) -> None:
    isi = KEP.IsiKeputusan(menimbang=menimbang, mengingat=mengingat, diktum=diktum)
    assert KEP.urai(KEP.teks(isi)) == isi


@pytest.fixture
def kepala(profil, admin):  # type: ignore[no-untyped-def]
    return profil.master.simpan_pegawai(admin, IsianPegawai.dari({"nama": "Drs. Budi Prasetiyono, M.Si.", "nip": "196707151993091001",
                                                "jabatan": "Kepala Dinas Komunikasi dan Informatika",
                                                "boleh_ttd": "keputusan,surat_keluar"}))


def test_keputusan_typed_in_the_agenda_prints_in_the_keputusan_layout(profil, admin, kepala) -> None:  # type: ignore[no-untyped-def]
    svc = profil
    draft = svc.agenda.buat_konsep(admin, IsianKonsep.dari({"jenis": "keputusan", "hal": "Penunjukan PPID Pelaksana",
                                           "penandatangan_id": kepala.id, "ringkasan": KEP.teks(ISI)}), [])
    pages = _teks(svc.agenda.cetak(draft.id))
    t = " ".join(pages)
    order = ["KEPUTUSAN KEPALA DINAS KOMUNIKASI DAN INFORMATIKA", "TENTANG", "PENUNJUKAN PPID PELAKSANA", "Menimbang",
             "a. bahwa untuk melaksanakan", "b. bahwa berdasarkan", "Mengingat", "1. Undang-Undang Nomor 14",
             "MEMUTUSKAN", "Menetapkan", "KEPUTUSAN KEPALA DINAS KOMUNIKASI DAN INFORMATIKA TENTANG PENUNJUKAN PPID",
             "KESATU", "Menunjuk PPID Pelaksana", "KEDUA", "KETIGA", "Ditetapkan di"]
    pos = [t.find(k) for k in order]
    assert all(p >= 0 for p in pos) and pos == sorted(pos), list(zip(order, pos, strict=True))
    assert "(diberikan saat ditandatangani)" in pages[0]
    # the lampiran: own page, header with the keputusan, the table
    assert "LAMPIRAN KEPUTUSAN KEPALA DINAS" in pages[-1].upper() and "DAFTAR PPID PELAKSANA" in pages[-1]
    assert "Dinas Kesehatan" in pages[-1] and "Dinas Pendidikan" in pages[-1] and "MEMUTUSKAN" not in pages[-1]
    # signed: its number in the keputusan series, frozen PDF with it
    svc.agenda.ajukan(admin, draft.id)
    signed = svc.agenda.tandatangani(admin, draft.id, date(2026, 11, 30))
    assert signed.nomor and "KEP" in signed.nomor
    t2 = " ".join(_teks(svc.agenda.cetak(draft.id)))
    assert f"NOMOR {signed.nomor}" in t2 and "30 November 2026" in t2 and "MEMUTUSKAN" in t2


def test_keputusan_without_its_parts_is_refused(profil, admin, kepala) -> None:  # type: ignore[no-untyped-def]
    svc = profil
    with pytest.raises(ValidationError) as e:
        svc.agenda.buat_konsep(admin, IsianKonsep.dari({"jenis": "keputusan", "hal": "Penunjukan PPID Pelaksana",
                                       "penandatangan_id": kepala.id, "ringkasan": "Menunjuk Saudara."}), [])
    assert set(e.value.problems) >= {"menimbang", "mengingat"} and "Menimbang wajib diisi" in e.value.problems["menimbang"]
    assert svc.agenda.daftar() == []
    ok = svc.agenda.buat_konsep(admin, IsianKonsep.dari({"jenis": "keputusan", "hal": "X", "penandatangan_id": kepala.id,
                                        "ringkasan": KEP.teks(ISI)}), [])
    with pytest.raises(ValidationError) as e:
        svc.agenda.ubah_konsep(admin, ok.id, IsianKonsep.dari({"ringkasan": "Menimbang:\nbahwa x;\nMengingat:\nUU;\nMemutuskan:\n"}))
    assert "diktum" in e.value.problems and svc.agenda.ambil(ok.id).ringkasan == KEP.teks(ISI)
