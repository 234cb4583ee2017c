"""Which tables travel between laptops and how they merge, declared per room (one place).

Each ``Tabel`` names its field groups (a group is the unit of a write and of a conflict: two laptops
changing different groups of one record both keep their change; the same group is a conflict).
Columns not named in a group form the group ``umum``; ``deleted`` is always its own group ``hapus``.
The stamp columns (``id``, ``created_*``, ``updated_*``, ``device_id``, ``rev``) are not merged: the
creation stamps keep the earliest, the update stamps follow the newest write. Derived columns (``turunan``) are never merged: they are recomputed after a
merge. ``kunci_alami`` is the natural key: one natural thing gets one id on every laptop (UUIDv5 of
the key for new rows, mapping of older random ids on import).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

STEMPEL = frozenset({"id", "created_at", "created_by", "updated_at", "updated_by", "device_id", "rev"})
HAPUS = "hapus"
UMUM = "umum"


@dataclass(frozen=True)
class Tabel:
    nama: str
    grup: dict[str, tuple[str, ...]] = field(default_factory=dict)
    per_kolom: tuple[str, ...] = ()  # each of these columns is a group of its own
    kunci_alami: tuple[str, ...] = ()
    tunggal: bool = False  # one live row per database (office profile)
    sisip_saja: bool = False  # insert or tombstone only: content never changes after insert
    paling_awal: tuple[str, ...] = ()  # own group each; concurrent writes keep the earliest value, no conflict
    paling_akhir: tuple[str, ...] = ()  # own group each; concurrent writes keep the latest value, no conflict
    turunan: tuple[str, ...] = ()
    pribadi: tuple[str, ...] = ()  # personal data: only with --data-pribadi and the right role
    pribadi_tabel: bool = False  # the whole table is personal data
    lampiran: tuple[str, ...] = ()  # columns holding an attachment digest
    nomor: tuple[str, ...] = ()  # official numbers that must never collide
    label: tuple[str, ...] = ("nomor", "nama", "kode", "judul", "hal", "pertanyaan", "kunci", "jenis")


# Merge rules, grouped by the room whose ``Room.travel`` lists the tables. Order matters only for
# readability: the import sorts tables by their foreign keys.
TRAVEL: dict[str, tuple[Tabel, ...]] = {
    "master": (
        Tabel("profil_instansi", tunggal=True, lampiran=("logo_hash",), grup={
            "kop": ("pemerintah", "perangkat_daerah", "sub_unit", "alamat", "kota", "kode_pos", "telepon",
                    "email", "website", "logo_hash", "kode_unit"),
            "naskah": ("kertas", "font", "ukuran_font", "margin_atas", "margin_bawah", "margin_kiri",
                       "margin_kanan", "spasi"),
            "kalender": ("cuti_bersama_hari_kerja", "sabtu_hari_kerja"),
            "dpo": ("dpo_nama", "dpo_kontak"),
        }),
        Tabel("perangkat_daerah", kunci_alami=("kode",), grup={
            "identitas": ("kode", "nama", "singkatan", "alamat", "aktif"),
            "pimpinan": ("kepala", "kepala_nip"),
            "ppid": ("ppid_pelaksana", "ppid_telepon", "ppid_email"),
        }),
        Tabel("pegawai", grup={
            "identitas": ("nama", "nip", "pangkat", "golongan", "jabatan", "opd_id", "aktif"),
            "kontak": ("telepon", "email"),
            "ttd": ("boleh_ttd",),
        }),
        Tabel("templat_nomor", kunci_alami=("jenis",)),
    ),
    "rekap": (
        Tabel("rekap_pemetaan"),
    ),
    "core": (
        Tabel("kalender_tahun", kunci_alami=("tahun",)),
        Tabel("hari_libur", kunci_alami=("tanggal", "jenis", "nama")),
    ),
    "layanan": (
        Tabel("pengaturan_layanan", kunci_alami=("kunci",)),
        Tabel(
            "permohonan",
            per_kolom=("nama", "jenis_pemohon", "no_sk_badan_hukum", "kuasa", "nama_kuasa", "alamat", "pekerjaan",
                       "telepon", "email", "rincian", "tujuan", "cara_memperoleh", "cara_salinan", "opd_id",
                       "saluran", "tanggal_diterima", "petugas"),
            grup={
                "nomor": ("nomor",),
                "nik": ("nik_enc", "nik_hash", "nik_mask"),
                "langkah": ("status", "tanggal_perpanjangan", "alasan_perpanjangan", "keputusan",
                            "tanggal_pemberitahuan", "hk_pemberitahuan", "pasal17", "uji_konsekuensi",
                            "catatan_penghitaman", "badan_penguasa", "waktu_dokumentasi", "catatan_keputusan",
                            "bentuk_informasi", "waktu_penyediaan", "biaya_per_lembar", "jumlah_lembar",
                            "biaya_kirim", "biaya_total", "pejabat_id", "tanggal_penyerahan", "cara_penyerahan",
                            "penerima", "tanggal_selesai", "alasan_ditarik", "retain_until", "dianonimkan"),
                "surat": ("nomor_surat",),
            },
            turunan=("tenggat", "tenggat_perpanjangan", "tenggat_efektif", "versi_kalender", "tenggat_rincian"),
            pribadi=("nik_enc", "nik_hash"),
            nomor=("nomor",),
        ),
        Tabel("keberatan", grup={
            "nomor": ("nomor",),
            "identitas": ("permohonan_id", "tanggal_diterima", "nama", "nama_kuasa", "alamat_kuasa", "alasan",
                          "kasus_posisi", "tanggal_dasar", "batas_pengajuan", "terlambat_diajukan",
                          # the pemohon's own identity when the keberatan stands alone (0015)
                          "alamat", "pekerjaan", "telepon", "email", "kuasa"),
            "nik": ("nik_enc", "nik_hash", "nik_mask"),
            "langkah": ("status", "putusan", "tanggal_tanggapan", "isi_tanggapan", "atasan_nama", "atasan_jabatan",
                        "atasan_nip", "tanggapan_pemohon", "catatan_pemohon", "dianonimkan"),
        }, turunan=("tenggat_jawaban", "versi_kalender", "tenggat_rincian"), pribadi=("nik_enc", "nik_hash"),
            nomor=("nomor",)),
        Tabel("sengketa"),
        Tabel("riwayat_layanan", sisip_saja=True),
        Tabel("lampiran_layanan", sisip_saja=True, pribadi_tabel=True, lampiran=("digest",)),
        Tabel("narasi_laporan", kunci_alami=("dari", "sampai", "bagian")),
        Tabel("pengiriman_laporan"),  # a report-sent record: one group, like any small register
    ),
    "naskah": (
        Tabel("surat_keluar", grup={
            "nomor": ("nomor", "tanggal"),
            "status": ("status", "tanggal_kirim", "cara_kirim", "pdf_hash"),
        }, lampiran=("pdf_hash",), nomor=("nomor",)),
        Tabel("paraf_surat", grup={"status": ("status", "catatan", "waktu", "dicatat_oleh")}),
        Tabel("paraf_baku"),
        Tabel("riwayat_surat", sisip_saja=True),
        Tabel("versi_surat", sisip_saja=True, lampiran=("sha256",), nomor=()),
        Tabel("klasifikasi_arsip", kunci_alami=("kode",)),
        Tabel("pengaturan_naskah", kunci_alami=("kunci",)),
    ),
    "monev": (
        Tabel("monev_instrumen"),
        Tabel("monev_program"),
        Tabel("monev_tim", kunci_alami=("program_id", "pegawai_id")),
        Tabel("monev_jadwal", kunci_alami=("program_id", "opd_id"), grup={
            "jadwal": ("tanggal", "jam", "tempat"),
        }, turunan=("status",)),
        Tabel("monev_sesi", kunci_alami=("jadwal_id", "revisi"), paling_awal=("mulai_at",), grup={
            "status": ("status", "final_at", "final_oleh", "selesai_at", "ba_nomor", "ba_tanggal"),
            "verifikasi": ("verifikasi_at", "verifikasi_oleh"),
            "nilai_tahap": ("nilai_tahap",),
            "catatan": ("catatan",),
        }, nomor=("ba_nomor",)),
        Tabel("monev_responden", sisip_saja=False, pribadi=("telepon",)),
        Tabel("monev_jawaban", kunci_alami=("sesi_id", "pertanyaan"), paling_akhir=("dijawab_at",), grup={
            "nilai": ("nilai", "na"),
            "catatan": ("catatan",),
            "verifikasi": ("nilai_verifikasi", "catatan_verifikasi"),
        }),
        Tabel("monev_bukti", sisip_saja=True, lampiran=("sha256",)),
        Tabel("monev_sanggah", grup={
            "pengajuan": ("sesi_id", "pertanyaan", "alasan", "diajukan_oleh", "diajukan_tanggal", "nilai_usulan"),
            "keputusan": ("keputusan", "jawaban", "nilai_baru", "dijawab_oleh", "dijawab_tanggal"),
        }),
        Tabel("monev_rekomendasi"),
        Tabel("monev_tindak_lanjut", lampiran=("bukti_sha256",), grup={
            "status": ("status", "catatan", "selesai_tanggal", "bukti_sha256", "bukti_nama"),
        }),
        Tabel("monev_sop"),
        Tabel("monev_alur", paling_awal=("mulai_at",), grup={
            "langkah": ("langkah", "siklus", "status", "langkah_at", "selesai_at"),
        }),
        Tabel("monev_alur_aksi", sisip_saja=True),
        Tabel("monev_hadir_rapat", per_kolom=("hadir",), kunci_alami=("program_id", "rapat", "urutan")),
    ),
    "sinkron": (
        Tabel("sinkron_serah", grup={"pemegang": ("pemegang", "dari", "perangkat")}),
        Tabel("sinkron_konflik", grup={"selesai": ("selesai", "selesai_oleh")}),
    ),
}

# What a ``program`` package carries (the field needs these to work offline).
PROGRAM_TABEL = ("profil_instansi", "perangkat_daerah", "pegawai", "templat_nomor", "kalender_tahun",
                 "hari_libur", "monev_instrumen", "monev_program", "monev_tim", "monev_jadwal")
# What a ``serahkan`` package carries besides the programme: the sessions and their children.
SESI_ANAK = ("monev_responden", "monev_jawaban", "monev_bukti", "monev_sanggah")


ATURAN: dict[str, Tabel] = {t.nama: t for decl in TRAVEL.values() for t in decl}


@cache
def semua_tabel() -> dict[str, Tabel]:
    """Every travelling table, by table name, in registry order.

    Which tables travel is each room's declaration (``Room.travel`` in the room registry); how a table
    merges is the rule above (a table with no rule merges as one ``umum`` group). Without a registry
    that declares anything, the rules' own list is used.
    """
    from ppid_desktop.rooms import ROOMS

    names = [t.table for room in ROOMS for t in room.travel]
    if not names:
        return dict(ATURAN)
    return {n: ATURAN.get(n, Tabel(n)) for n in dict.fromkeys(names)}


def tabel_ruang() -> dict[str, tuple[str, ...]]:
    """The tables each room declares here, for ``Room.travel`` (and the room test)."""
    return {room: tuple(t.nama for t in decl) for room, decl in TRAVEL.items()}
