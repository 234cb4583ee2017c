"""The sidebar sections and the page class behind each.

Each room replaces its placeholder with ``page="ppid_desktop.ui.<room>.page:ClassName"``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    icon: str  # file name in resources/icons (without .svg)
    page: str | None  # "module:Class"; None shows the placeholder
    coming: tuple[str, ...] = field(default_factory=tuple)


SECTIONS: list[Section] = [
    Section("beranda", "Beranda", "beranda", "ppid_desktop.ui.beranda:BerandaPage"),
    Section("layanan", "Layanan Informasi", "layanan", "ppid_desktop.ui.layanan.page:LayananPage", (
        "Register permohonan informasi dan keberatan dengan tenggat hari kerja",
        "Tanda bukti, pemberitahuan tertulis, perpanjangan, penolakan dan laporan layanan",
    )),
    Section("monev", "Monev", "monev", "ppid_desktop.ui.monev.page:MonevPage", (
        "Instrumen monev berversi, program dan jadwal per perangkat daerah",
        "Sesi lapangan tanpa internet, bukti dukung, skor dan berita acara",
    )),
    Section("naskah", "Naskah & Arsip", "naskah", "ppid_desktop.ui.naskah.page:NaskahPage"),
    Section("rekap", "Rekap Excel", "rekap", "ppid_desktop.ui.rekap.page:RekapPage", (
        "Impor dan ekspor register, data master, instrumen dan rekap monev (.xlsx)",
        "Uji coba impor dengan daftar masalah per sheet, baris dan kolom",
    )),
    Section("sinkron", "Sinkronisasi", "sinkron", "ppid_desktop.ui.sinkron:SinkronPage"),
    Section("master", "Data Master", "master", "ppid_desktop.ui.master.page:MasterPage"),
    Section("pengaturan", "Pengaturan", "pengaturan", "ppid_desktop.ui.pengaturan:PengaturanPage"),
]
