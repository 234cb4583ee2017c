"""How a letter of the agenda becomes a PDF: one composer (penyusun) per source room.

A composer is ``fn(services, cetakan) -> bytes``. It is looked up by the letter's ``sumber`` prefix (the
text before the first ``":"``): ``layanan.permohonan:<id>:<jenis>``, ``layanan.keberatan:<id>``,
``layanan.laporan:<dari>:<sampai>``, ``monev.program:<id>``, ``monev.naskah:<jenis>:<program>[:<unit>]``; letters written in Naskah & Arsip itself (no or an unknown prefix) use
:func:`susun_umum`, which lays out ``hal``/``kepada``/``ringkasan`` in the kind's layout.

Rooms register their composers with :func:`daftarkan` when their module is imported; ``MODUL`` names
the module of each prefix so the agenda can import it on demand (the agenda sits below those rooms
and never imports them by name).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ppid_desktop.dokumen.data import Paraf, Pejabat, TandaTangan
from ppid_desktop.naskah.jenis import JENIS, MENUNGGU_NOMOR, MENUTUPI
from ppid_desktop.naskah.models import SuratKeluar

if TYPE_CHECKING:
    from ppid_desktop.services import Services

__all__ = ["MODUL", "Cetakan", "Penyusun", "daftarkan", "judul_kata", "penyusun", "susun_umum", "tanda_tangan"]


@dataclass(frozen=True)
class Cetakan:
    """What a composer needs besides the source record: the letter, its number and date (a draft has
    ``nomor == MENUNGGU_NOMOR`` and no date), the paraf table rows to print, the signer."""

    surat: SuratKeluar
    nomor: str = MENUNGGU_NOMOR
    tanggal: date | None = None
    paraf: list[Paraf] = field(default_factory=list)
    penandatangan: Pejabat | None = None
    waktu: datetime | None = None

    @property
    def konsep(self) -> bool:
        return self.tanggal is None


Penyusun = Callable[[Any, Cetakan], bytes]

_DAFTAR: dict[str, Penyusun] = {}
MODUL: dict[str, str] = {
    "layanan.permohonan": "ppid_desktop.layanan.dokumen.naskah",
    "layanan.keberatan": "ppid_desktop.layanan.dokumen.naskah",
    "layanan.laporan": "ppid_desktop.layanan.laporan",
    "monev.program": "ppid_desktop.monev.surat",
    "monev.naskah": "ppid_desktop.monev.naskah_agenda",
}


def daftarkan(prefix: str, fn: Penyusun) -> None:
    _DAFTAR[prefix] = fn


def penyusun(sumber: str) -> Penyusun:
    prefix = sumber.split(":", 1)[0]
    if prefix not in _DAFTAR and prefix in MODUL:
        importlib.import_module(MODUL[prefix])
    return _DAFTAR.get(prefix, susun_umum)


def tanda_tangan(c: Cetakan, instansi: Any, label: str = "") -> TandaTangan:
    """The signature block of the letter: its signer, a.n./u.b./Plt./Plh. from the letter's mode."""
    pj = c.penandatangan or Pejabat(nama=c.surat.penandatangan, jabatan="")
    atas_nama = ""
    if c.surat.mode_ttd in ("a.n.", "u.b."):
        atas_nama = f"Kepala {judul_kata(str(instansi.perangkat_daerah))}"
    return TandaTangan(pejabat=pj, mode=c.surat.mode_ttd, atas_nama_jabatan=atas_nama, label=label)


_SINGKATAN = frozenset({"PPID", "RSUD", "DPRD", "UPT", "UPTD", "BLUD", "OPD", "SKPD", "BPBD", "BKPSDM", "BAPPEDA",
                        "BPKAD", "BAPENDA", "PUPR", "DPMPTSP", "KB", "KIP", "UMKM", "TIK", "SPBE"})
_KATA_KECIL = frozenset({"dan", "atau", "di", "ke", "dari", "untuk", "yang", "pada", "serta", "dengan"})


def judul_kata(teks: str) -> str:
    """``"DINAS KOMUNIKASI DAN INFORMATIKA"`` -> ``"Dinas Komunikasi dan Informatika"`` (EYD title case:
    conjunctions and prepositions stay lower case, acronyms such as PPID stay upper case)."""
    out = []
    for i, w in enumerate(teks.split()):
        low = w.lower()
        if i and low in _KATA_KECIL:
            out.append(low)
        elif w.upper().strip("(),.") in _SINGKATAN:
            out.append(w.upper())
        else:
            out.append(low[:1].upper() + low[1:])
    return " ".join(out)


def susun_umum(services: Services, c: Cetakan) -> bytes:
    """A letter written in Naskah & Arsip: the body is ``ringkasan`` (paragraphs split on blank lines)."""
    from ppid_desktop.dokumen import DocumentKit, esc

    ins = services.master.instansi()
    kit = DocumentKit(ins)
    s = c.surat
    teks = [t.strip() for t in (s.ringkasan or "").replace("\r\n", "\n").split("\n\n") if t.strip()]
    isi = [kit.p(esc(t)) for t in teks] or [kit.p(esc(s.hal))]
    ttd = tanda_tangan(c, ins)
    layout = JENIS[s.jenis].layout if s.jenis in JENIS else "surat"
    kepada = [k.strip() for k in s.kepada.split(";") if k.strip()] or ["-"]
    if s.jenis == "keputusan":
        return susun_keputusan(kit, c, ttd)
    if layout == "nota_dinas":
        story = kit.story_nota_dinas(kepada=kepada[0], dari=ttd.pejabat.jabatan, nomor=c.nomor, hal=s.hal, isi=isi,
                                     ttd=ttd, tanggal=c.tanggal, sifat=s.sifat, lampiran=s.lampiran, paraf=c.paraf)
        if (s.sumber or "").startswith(MENUTUPI + ":"):  # it carries another letter to its signer: a receipt
            from ppid_desktop.dokumen.tanda_terima import tanda_terima  # (seed 001 steps 5 and 16)

            story += tanda_terima(kit, c.nomor, c.tanggal, f"Nota Dinas {s.hal}", [kepada[0]])
        return kit.build(story, judul=f"Nota Dinas: {s.hal}", subjek=c.nomor)
    if layout == "judul":
        return kit.naskah_judul(judul=JENIS[s.jenis].label, nomor=c.nomor, subjudul=[f"TENTANG {s.hal.upper()}"],
                                isi=isi, ttd=ttd, tanggal=c.tanggal, paraf=c.paraf)
    return kit.surat(nomor=c.nomor, hal=s.hal, kepada=kepada, di="Tempat", isi=isi, ttd=ttd, sifat=s.sifat,
                     lampiran=s.lampiran, tanggal=c.tanggal, paraf=c.paraf)


def susun_keputusan(kit: Any, c: Cetakan, ttd: TandaTangan) -> bytes:
    """A keputusan typed in Naskah & Arsip, in the keputusan layout (``dokumen.keputusan``, the SK Tim
    Monev's renderer): its body read from ``ringkasan`` (``naskah.keputusan``), ``hal`` as TENTANG."""
    from dataclasses import replace

    from ppid_desktop.dokumen import esc
    from ppid_desktop.dokumen.keputusan import story_keputusan
    from ppid_desktop.naskah.keputusan import urai

    s = c.surat
    isi = urai(s.ringkasan)
    jabatan = ttd.pejabat.jabatan or "Pejabat yang menetapkan"
    lampiran = _lampiran(kit, isi.lampiran)
    story = story_keputusan(
        kit, jabatan=jabatan, nomor=c.nomor, tentang=s.hal, menimbang=[esc(x) for x in isi.menimbang],
        mengingat=[esc(x) for x in isi.mengingat], diktum=[(k, esc(v)) for k, v in isi.diktum_berlabel()],
        menetapkan=esc(isi.menetapkan), lampiran=lampiran, tanggal=c.tanggal, paraf=c.paraf,
        ttd=replace(ttd, tanggal=c.tanggal, label=ttd.label or f"Ditetapkan di {kit.instansi.kota or ''}".rstrip()))
    return bytes(kit.build(story, judul=f"Keputusan {s.hal}", subjek=c.nomor))


def _lampiran(kit: Any, teks: str) -> list[Any]:
    """The lampiran text as flowables: runs of lines with ``|`` become a table (first line its header),
    other paragraphs (split on blank lines) stay paragraphs."""
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Paragraph, Table, TableStyle

    from ppid_desktop.dokumen import esc

    out: list[Any] = []
    blok: list[list[str]] = []
    paragraf: list[str] = []

    def tutup_paragraf() -> None:
        if paragraf:
            out.append(kit.p(esc(" ".join(paragraf))))
            paragraf.clear()

    def tutup_tabel() -> None:
        if not blok:
            return
        n = max(len(r) for r in blok)
        sel, kepala = kit.styles["sel"], kit.styles["sel_kepala"]
        data = [[Paragraph(esc(x), kepala if i == 0 else sel) for x in r + [""] * (n - len(r))]
                for i, r in enumerate(blok)]
        t = Table(data, colWidths=[kit.lebar / n] * n, repeatRows=1)
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, HexColor("#000000")), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BACKGROUND", (0, 0), (-1, 0), HexColor("#e8e8e8"))]))
        out.append(t)
        blok.clear()

    for line in (teks or "").splitlines():
        if "|" in line:
            tutup_paragraf()
            blok.append([x.strip() for x in line.split("|")])
        elif line.strip():
            tutup_tabel()
            paragraf.append(line.strip())
        else:
            tutup_tabel()
            tutup_paragraf()
    tutup_tabel()
    tutup_paragraf()
    return out
