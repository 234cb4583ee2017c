"""Layanan Informasi (issue #3): permohonan, keberatan and sengketa with statutory clocks, letters, report.

Service API (``services.layanan``, ``layanan.service.LayananService``, the room's face) — used by the UI,
CLI and the Rekap room (imports). Behind it the parts: ``permohonan``, ``keberatan``, ``sengketa``,
``retensi`` (personal-data retention), all on one ``inti.Inti`` (store, master, clock, working calendar,
history events, numbering). Published for other rooms: ``validasi_permohonan``, ``kalender``,
``hitung_tenggat``, ``impor_permohonan(session, actor, rows)`` / ``impor_keberatan`` (bulk, inside the
caller's unit of work; rows are ``impor.BarisImpor``), and ``rules.tampilan_permohonan(p, can)`` (the
steps and letters a screen may offer).

- ``catat_permohonan(actor, data, *, nomor=None, lampiran=[(jenis, path)])`` -> Permohonan. ``data``:
  tanggal_diterima (date), saluran, jenis_pemohon, nama, nik, no_sk_badan_hukum, kuasa, nama_kuasa,
  alamat, pekerjaan, telepon, email, rincian, tujuan, cara_memperoleh, cara_salinan, opd_id, petugas.
  ``nomor`` keeps an imported number (counter bumped); ``ValidationError`` per field otherwise.
- ``ubah_permohonan``, ``get(id)``, ``cari_nomor(nomor)``, ``cari_nik(nik)`` (keyed hash),
  ``lihat_nik(actor, id)`` (PDP_LIHAT, audited), ``tambah_lampiran`` / ``lampiran`` / ``buka_lampiran``.
- Steps (status machine in ``rules.TRANSISI``, each a ``RiwayatLayanan`` event): ``disposisi``,
  ``perpanjang(actor, id, alasan, tanggal)``, ``putuskan(actor, id, data)`` (grounds checked by
  ``rules.validasi_keputusan``), ``serahkan``, ``selesaikan``, ``tarik``.
- Deadlines: ``penjelasan_tenggat(p)`` / ``teks_penjelasan(info)``; ``hitung_ulang_tenggat(actor)`` is
  registered with ``master.saat_kalender_berubah``.
- Keberatan/sengketa: ``catat_keberatan(actor, permohonan_id, data, *, nomor=None) -> (row, warnings)``,
  ``catat_keberatan_mandiri(actor, keberatan.KeberatanMandiri(...), *, nomor=None) -> (row, warnings)`` (no
  permohonan: Pasal 35(1) b–g, the pemohon's own identity, NIK encrypted), ``lihat_nik_keberatan``,
  ``cari_keberatan(nomor)``, ``putus_keberatan`` (KEBERATAN_PUTUS), ``tanggapan_pemohon``,
  ``catat_sengketa(actor, keberatan_id, data) -> (row, warnings)``, ``ubah_sengketa``.
- Beranda: ``ringkasan(hari_ini) -> Ringkasan``; report narrative: ``narasi`` / ``simpan_narasi``.

Qt-free query functions: ``queries.register_rows(session, RegisterFilter(...), sort, desc)`` and
``queries.keberatan_rows(...)`` yield plain dicts (NIK masked); ``queries.PermohonanSource`` feeds
``ui.models.lazy.LazySqlTableModel``. Report: ``laporan.compute(session, dari, sampai) -> LaporanLayanan``,
``laporan.pdf(instansi, r)`` (the workbook: ``services.rekap.ekspor_bytes(actor, "laporan-layanan", ...)``). Documents: ``dokumen.cetak(services, actor, jenis, nomor)``
and ``dokumen.cetak_register(services, actor, dari, sampai)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ppid_desktop.core.room import Cli, Command, Room, ServiceSpec, Travel, UiSection

if TYPE_CHECKING:
    from ppid_desktop.services import Services

ROOM = Room(
    name="layanan",
    models=("ppid_desktop.layanan.models",),
    services=(ServiceSpec("layanan", "ppid_desktop.layanan.service:LayananService", ("store", "master")),),
    on_open="ppid_desktop.layanan:on_open",
    cli=Cli("ppid_desktop.layanan.commands", (
        Command("permohonan", "register permohonan informasi publik"),
        Command("keberatan", "register keberatan"),
        Command("cetak", "cetak dokumen layanan informasi ke PDF"),
        Command("laporan", "laporan"),
    )),
    demo="ppid_desktop.layanan.demo:fill",
    rekap_kinds=("ppid_desktop.rekap.kinds.layanan", "ppid_desktop.rekap.kinds.keberatan"),
    section=UiSection("layanan", "Layanan Informasi", "layanan", "ppid_desktop.ui.layanan.page:LayananPage", 10, (
        "Register permohonan informasi dan keberatan dengan tenggat hari kerja",
        "Tanda bukti, pemberitahuan tertulis, perpanjangan, penolakan dan laporan layanan",
    )),
    travel=tuple(Travel(t) for t in (  # sinkron: the merge rules live in sinkron/spesifikasi.py
        "pengaturan_layanan", "permohonan", "keberatan", "sengketa", "riwayat_layanan", "lampiran_layanan",
        "narasi_laporan", "pengiriman_laporan",
    )),
)


def on_open(services: Services) -> None:
    """Open deadlines follow the calendar: recompute them when it or the policy changes."""
    services.master.saat_kalender_berubah(services.layanan.hitung_ulang_tenggat)
