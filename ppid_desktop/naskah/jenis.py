"""The kinds of outgoing letters, their numbering series and signing authority; statuses and actions.

Every outgoing letter of every room is one :class:`~ppid_desktop.naskah.models.SuratKeluar` of one of
these kinds. ``templat`` is the number template (Data Master › Pola nomor) and so the yearly counter
series; ``ttd`` is the key a signer needs in ``Pegawai.boleh_ttd`` (see ``master.service.TTD_JENIS``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ppid_desktop.dokumen.teks import NOMOR_MENUNGGU

__all__ = ["JENIS", "JENIS_LABEL", "MENUNGGU_NOMOR", "MODE_TTD", "SIFAT", "STATUS_LABEL", "TRANSITIONS", "JenisNaskah"]


@dataclass(frozen=True)
class JenisNaskah:
    label: str
    templat: str
    ttd: str
    layout: str = "surat"  # surat | nota_dinas | judul
    pola: str = ""  # default number template when the office has none for ``templat``


JENIS: dict[str, JenisNaskah] = {
    "surat_keluar": JenisNaskah("Surat dinas", "surat_keluar", "surat_keluar"),
    "nota_dinas": JenisNaskah("Nota dinas", "nota_dinas", "nota_dinas", "nota_dinas"),
    "surat_tugas": JenisNaskah("Surat tugas", "surat_tugas", "surat_tugas", "judul"),
    "berita_acara": JenisNaskah("Berita acara", "berita_acara", "berita_acara", "judul"),
    "undangan": JenisNaskah("Undangan", "surat_keluar", "surat_keluar"),
    "laporan": JenisNaskah("Laporan", "surat_keluar", "laporan", "judul"),
    "pemberitahuan": JenisNaskah("Pemberitahuan tertulis", "surat_keluar", "pemberitahuan", "judul"),
    "perpanjangan": JenisNaskah("Pemberitahuan perpanjangan", "surat_keluar", "pemberitahuan"),
    "penolakan": JenisNaskah("Keputusan penolakan", "surat_keluar", "pemberitahuan", "judul"),
    "keputusan": JenisNaskah("Keputusan", "keputusan", "keputusan", "judul", pola="188.4/{urut}/KEP/{tahun}"),
    "tanggapan_keberatan": JenisNaskah("Tanggapan atas keberatan", "tanggapan_keberatan", "keberatan",
                                       pola="{kode}/{urut}/SETDA/{tahun}"),
}
JENIS_LABEL: dict[str, str] = {k: v.label for k, v in JENIS.items()}

STATUS_LABEL = {
    "konsep": "Konsep",
    "paraf": "Menunggu paraf",
    "dikembalikan": "Dikembalikan",
    "siap_ttd": "Siap ditandatangani",
    "ditandatangani": "Ditandatangani",
    "dikirim": "Dikirim",
    "diarsipkan": "Diarsipkan",
    "dibatalkan": "Dibatalkan",
}
AKSI_LABEL = {
    "ajukan": "diajukan",
    "tandatangani": "ditandatangani",
    "kirim": "ditandai dikirim",
    "arsipkan": "diarsipkan",
    "batalkan": "dibatalkan",
    "kembalikan": "dikembalikan",
    "koreksi": "dikoreksi",
    "ubah": "diubah",
    "migrasi": "dicatat saat pembaruan aplikasi",
}
TRANSITIONS: dict[str, set[str]] = {
    "ajukan": {"konsep", "dikembalikan"},
    "tandatangani": {"siap_ttd"},
    "kembalikan": {"paraf", "siap_ttd"},
    "kirim": {"ditandatangani"},
    "arsipkan": {"ditandatangani", "dikirim"},
    "batalkan": {"konsep", "paraf", "dikembalikan", "siap_ttd"},
    "koreksi": {"ditandatangani", "dikirim", "diarsipkan"},
    "ubah": {"konsep", "paraf", "dikembalikan"},
}
BERNOMOR = ("ditandatangani", "dikirim", "diarsipkan")
SIFAT = ("Biasa", "Penting", "Segera", "Rahasia")
MODE_TTD = ("", "a.n.", "u.b.", "Plt.", "Plh.", "Pj.")
MENUNGGU_NOMOR = NOMOR_MENUNGGU
"""What a draft prints where its number will be (the kit's own text, ``dokumen.teks``)."""

PENGATURAN_BAKU = {"tanggal_mundur": "tolak", "tabel_paraf": "cetak"}
"""Office settings: a signature date before the last numbered letter of its series is refused (``tolak``)
or takes a sisipan number such as 12a (``sisipan``); the paraf table is printed on letters (``cetak``) or
not (``tidak``)."""

MENUTUPI = "naskah.menutupi"
"""``SuratKeluar.sumber`` of a nota dinas covering another agenda letter: ``naskah.menutupi:<surat_id>``
(seed 001: the nota dinas that carries a letter up to its signer; each has its own signer and number)."""
