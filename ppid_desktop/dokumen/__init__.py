"""The document kit (Qt-free, the floor under master and naskah): PDF documents on reportlab platypus, A4/F4, embedded Liberation fonts.

Modules: ``data`` (Instansi, Pejabat, TandaTangan, Paraf: plain data the kit consumes), ``teks`` (esc,
format_nip …), ``fonts``, ``halaman`` (paper sizes, page furniture), ``dasar`` (styles, kop, build), ``ttd``
(signature and paraf blocks), ``tabel`` (registers, column widths from content), ``kit`` (DocumentKit with
the surat / naskah_judul / nota_dinas layouts). ``ppid_desktop.naskah`` re-exports the same names.

Public API — what the other rooms call::

    from ppid_desktop.dokumen import (
        DocumentKit, Instansi, Pejabat, TandaTangan, Paraf, esc, format_nip, A4, F4,
    )

    kit = DocumentKit(instansi)                     # one per document; cheap
    kit.surat(nomor=, hal=, kepada=[...], isi=[...], ttd=, di="", sifat="Biasa", lampiran="-",
              tanggal=None, tempat="", tembusan=[...], paraf=[...], halaman_lampiran=[...]) -> bytes
    kit.naskah_judul(judul=, isi=[...], ttd=TandaTangan | [TandaTangan, ...], nomor="", subjudul=[...],
                     mengetahui=None, tanggal=None, tempat="", tembusan=[...], paraf=[...]) -> bytes
    kit.nota_dinas(kepada=, dari=, nomor=, hal=, isi=[...], ttd=, tanggal=None, tembusan=[...],
                   sifat="Biasa", lampiran="-", paraf=[...]) -> bytes
    kit.tabel(judul=, kolom=[...], baris=rows_or_callable, lebar=[relative...], rata=["tengah", ...],
              subjudul=[...], landscape=True, kop=False, ttd=None) -> bytes   # drawn: ``dokumen.register``

    # building blocks (return flowables) for custom documents, finished with kit.build(story) -> bytes
    kit.p(markup, gaya="isi")   kit.teks(plain)   kit.judul_bagian(markup)   kit.kv_table([(label, value)])
    kit.daftar([items], penanda="1."|"a."|"-")   kit.spasi(mm)   kit.baris_kosong(n)   kit.garis()
    kit.kop()   kit.blok_judul(judul, nomor)   kit.blok_ttd(ttd)   kit.ttd_kanan(ttd, paraf=[...])
    kit.ttd_banyak([ttd, ...], mengetahui=ttd)   kit.tabel_paraf([...])   kit.tembusan([...])
    kit.kepala_lampiran(keterangan, nomor, tanggal, hal)   kit.tempat_tanggal(date, tempat)
    kit.story_surat(...) / story_naskah_judul(...) / story_nota_dinas(...) -> list
    kit.build(story, landscape=False, judul="", nomor_halaman=True) -> bytes

Agenda letters: ``dokumen.halaman.paraf_naskah(rows)`` (the agenda wraps every composer in it) makes the
layouts print the pending paraf table; ``dokumen.data.instansi_setda(ins, …)`` is the Sekretariat Daerah's kop.

Text rule: layout fields (nomor, hal, kepada, tembusan, judul, model fields) are plain text and escaped
by the kit; ``isi`` strings and strings passed to ``p``/``judul_bagian``/``kv_table``/``daftar`` are
reportlab markup — wrap user values in :func:`esc`. Page numbers ("Halaman 2 dari 3") appear on every
page when a document has more than one page (``DocumentKit(instansi, format_halaman="- {n} -")`` for the
other style). Dates: :mod:`ppid_desktop.core.tanggal`. Example document: :mod:`ppid_desktop.naskah.dokumen.uji_kop`.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ppid_desktop.dokumen.data import Instansi, Paraf, Pejabat, TandaTangan
    from ppid_desktop.dokumen.fonts import register_fonts
    from ppid_desktop.dokumen.kit import (
        A4,
        F4,
        FORMAT_HALAMAN,
        FORMAT_HALAMAN_STRIP,
        DocumentKit,
        ukuran_kertas,
    )
    from ppid_desktop.dokumen.teks import esc, format_nip, pangkat_golongan, rangkap

# The kit pulls in reportlab; import it on first use so the app starts without it (PEP 562).
_LAZY = {
    "register_fonts": "fonts", "A4": "kit", "F4": "kit", "FORMAT_HALAMAN": "kit", "FORMAT_HALAMAN_STRIP": "kit",
    "DocumentKit": "kit", "ukuran_kertas": "kit", "Instansi": "data", "Paraf": "data", "Pejabat": "data",
    "TandaTangan": "data", "esc": "teks", "format_nip": "teks", "pangkat_golongan": "teks", "rangkap": "teks",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"ppid_desktop.dokumen.{module}"), name)
    globals()[name] = value
    return value

__all__ = [
    "A4",
    "F4",
    "FORMAT_HALAMAN",
    "FORMAT_HALAMAN_STRIP",
    "DocumentKit",
    "Instansi",
    "Paraf",
    "Pejabat",
    "TandaTangan",
    "esc",
    "format_nip",
    "pangkat_golongan",
    "rangkap",
    "register_fonts",
    "ukuran_kertas",
]
