"""LayananService: the room's face — permohonan, keberatan and sengketa through their life, with history and clocks.

The work is done by the parts (``permohonan``, ``keberatan``, ``sengketa``, ``retensi``) built on one shared
``inti.Inti`` (store, master, clock, calendar, history events, numbering); this class keeps the public
methods callers use and delegates. Every write is one unit of work; every status step adds a
``RiwayatLayanan`` row (who, when, note). Deadlines are computed from ``services.master``'s working-day
calendar and stored with its version.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from ppid_desktop.akun import roles as R  # noqa: N812
from ppid_desktop.core import kalender as K  # noqa: N812
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.clock import SYSTEM_CLOCK, Clock
from ppid_desktop.core.db import Store
from ppid_desktop.core.errors import ValidationError
from ppid_desktop.layanan import impor
from ppid_desktop.layanan import ringkasan as R_
from ppid_desktop.layanan.impor import BarisImpor
from ppid_desktop.layanan.inti import Inti
from ppid_desktop.layanan.keberatan import KeberatanLayanan, KeberatanMandiri
from ppid_desktop.layanan.masukan import (
    BarisImporPermohonan,
    KeberatanMasukan,
    KeputusanMasukan,
    KoreksiKeberatan,
    KoreksiPermohonan,
    KoreksiSengketa,
    PengirimanLaporanMasukan,
    PermohonanMasukan,
    PutusanKeberatanMasukan,
    SengketaMasukan,
)
from ppid_desktop.layanan.models import (
    Keberatan,
    LampiranLayanan,
    NarasiLaporan,
    PengirimanLaporan,
    Permohonan,
    RiwayatLayanan,
    Sengketa,
)
from ppid_desktop.layanan.permohonan import LAMPIRAN_JENIS, TEXT_FIELDS, PermohonanLayanan, hitung_tenggat
from ppid_desktop.layanan.retensi import RETENSI_DEFAULT_TAHUN, RetensiLayanan
from ppid_desktop.layanan.ringkasan import Ringkasan
from ppid_desktop.layanan.sengketa import SengketaLayanan
from ppid_desktop.master.service import MasterService

__all__ = ["BarisImpor", "LAMPIRAN_JENIS", "NARASI_BAGIAN", "RETENSI_DEFAULT_TAHUN", "TEXT_FIELDS", "LayananService", "Ringkasan"]

NARASI_BAGIAN: dict[str, str] = {
    "kebijakan": "Gambaran umum kebijakan pelayanan informasi publik",
    "pelaksanaan": "Gambaran umum pelaksanaan pelayanan informasi (sarana, SDM, anggaran)",
    "kendala": "Kendala internal dan eksternal",
    "rekomendasi": "Rekomendasi dan rencana tindak lanjut",
}


class LayananService:
    """The face of the room: the same public methods as before the split, each delegating to its part."""

    def __init__(self, store: Store, master: MasterService, *, clock: Clock = SYSTEM_CLOCK) -> None:
        self.inti = Inti(store, master)
        self.inti.clock = clock.today
        self.store = store
        self.master = master
        self.retensi = RetensiLayanan(self.inti)
        self.permohonan = PermohonanLayanan(self.inti, self.retensi)
        self.keberatan = KeberatanLayanan(self.inti)
        self.sengketa = SengketaLayanan(self.inti)

    @property
    def clock(self) -> Callable[[], date]:
        """Today's date for every part of the room (tests replace it)."""
        return self.inti.clock

    @clock.setter
    def clock(self, value: Callable[[], date]) -> None:
        self.inti.clock = value

    # ------------------------------------------------------------ history
    def riwayat(self, objek_id: str) -> list[RiwayatLayanan]:
        with self.store.read() as s:
            stmt = select(RiwayatLayanan).where(RiwayatLayanan.objek_id == objek_id, RiwayatLayanan.deleted == False)  # noqa: E712
            return sorted(s.exec(stmt), key=lambda r: (r.created_at, r.rev))

    # ------------------------------------------------------------ published for the rekap room (imports)
    def validasi_permohonan(self, data: PermohonanMasukan | BarisImporPermohonan, *, baru: bool,
                            opd_ids: Collection[str] | None = None, nik_wajib: bool = True) -> dict[str, Any]:
        """The entry form's rules on ``data`` (``ValidationError`` per field); an import row is checked on the
        columns it has only (``TETAP`` fields are not there); ``opd_ids``: the known OPD ids, so a bulk caller
        checks membership instead of one query per row; ``nik_wajib=False`` for an old register row that has
        no NIK at all (imported marked ``tanpa_nik``)."""
        isian = data.diubah() if isinstance(data, BarisImporPermohonan) else data.sebagai_dict()
        return self.permohonan.validasi(isian, baru=baru, opd_ids=opd_ids, nik_wajib=nik_wajib)

    def kalender(self, *days: date | None) -> tuple[K.WorkCalendar, str]:
        """The working calendar (years around ``days`` loaded) and its version."""
        return self.inti.kalender(*days)

    @staticmethod
    def hitung_tenggat(cal: K.WorkCalendar, versi: str, tanggal_diterima: date,
                       tanggal_perpanjangan: date | None = None) -> dict[str, Any]:
        """The Pasal 22 deadline fields of a request (see ``permohonan.hitung_tenggat``)."""
        return hitung_tenggat(cal, versi, tanggal_diterima, tanggal_perpanjangan)

    def impor_permohonan(self, session: Session, actor: Actor, rows: Sequence[BarisImpor]) -> int:
        """Write validated request rows inside the caller's unit of work, in bulk (see ``layanan.impor``)."""
        R.require(actor, R.LAYANAN_CATAT)
        return impor.impor_permohonan(self.inti, session, actor, rows)

    def impor_keberatan(self, session: Session, actor: Actor, rows: Sequence[BarisImpor]) -> int:
        """Write validated objection rows inside the caller's unit of work, in bulk (see ``layanan.impor``)."""
        R.require(actor, R.LAYANAN_CATAT)
        return impor.impor_keberatan(self.inti, session, actor, rows)

    # ------------------------------------------------------------ permohonan

    def catat_permohonan(self, actor: Actor, data: PermohonanMasukan, *, nomor: str | None = None,
                          lampiran: list[tuple[str, Path]] | None = None) -> Permohonan:
        return self.permohonan.catat_permohonan(actor, data.sebagai_dict(), nomor=nomor, lampiran=lampiran)

    def catat_banyak(self, actor: Actor, rows: Sequence[dict[str, Any]], sumber: str) -> list[Permohonan]:
        return self.permohonan.catat_banyak(actor, rows, sumber)

    def ubah_permohonan(self, actor: Actor, permohonan_id: str, data: KoreksiPermohonan) -> Permohonan:
        return self.permohonan.ubah_permohonan(actor, permohonan_id, data.sebagai_dict())

    def ambil_permohonan(self, permohonan_id: str) -> Permohonan:
        return self.permohonan.ambil_permohonan(permohonan_id)

    def cari_nomor(self, nomor: str) -> Permohonan | None:
        return self.permohonan.cari_nomor(nomor)

    def cari_nik(self, nik: str) -> list[Permohonan]:
        return self.permohonan.cari_nik(nik)

    def lihat_nik(self, actor: Actor, permohonan_id: str) -> str:
        return self.permohonan.lihat_nik(actor, permohonan_id)

    def nik_untuk_formulir(self, actor: Actor, permohonan_id: str) -> str:
        return self.permohonan.nik_untuk_formulir(actor, permohonan_id)

    def tambah_lampiran(self, actor: Actor, objek: str, objek_id: str, jenis: str, path: Path) -> LampiranLayanan:
        return self.permohonan.tambah_lampiran(actor, objek, objek_id, jenis, path)

    def lampiran(self, objek_id: str) -> list[LampiranLayanan]:
        return self.permohonan.lampiran(objek_id)

    def buka_lampiran(self, actor: Actor, lampiran_id: str) -> bytes:
        return self.permohonan.buka_lampiran(actor, lampiran_id)

    def disposisi(self, actor: Actor, permohonan_id: str, opd_id: str | None = None, catatan: str = "") -> Permohonan:
        return self.permohonan.disposisi(actor, permohonan_id, opd_id, catatan)

    def perpanjang(self, actor: Actor, permohonan_id: str, alasan: str, tanggal: date | None = None) -> Permohonan:
        return self.permohonan.perpanjang(actor, permohonan_id, alasan, tanggal)

    def putuskan(self, actor: Actor, permohonan_id: str, data: KeputusanMasukan) -> Permohonan:
        return self.permohonan.putuskan(actor, permohonan_id, data.sebagai_dict())

    def serahkan(self, actor: Actor, permohonan_id: str, tanggal: date | None = None, cara: str = "",
                 penerima: str = "", catatan: str = "") -> Permohonan:
        return self.permohonan.serahkan(actor, permohonan_id, tanggal, cara, penerima, catatan)

    def selesaikan(self, actor: Actor, permohonan_id: str, catatan: str = "", tanggal: date | None = None) -> Permohonan:
        return self.permohonan.selesaikan(actor, permohonan_id, catatan, tanggal)

    def tarik(self, actor: Actor, permohonan_id: str, alasan: str) -> Permohonan:
        return self.permohonan.tarik(actor, permohonan_id, alasan)

    def nomor_surat(self, actor: Actor, permohonan_id: str, jenis: str, tanggal: date) -> str:
        return self.permohonan.nomor_surat(actor, permohonan_id, jenis, tanggal)

    def penjelasan_tenggat(self, p: Permohonan) -> dict[str, Any]:
        return self.permohonan.penjelasan_tenggat(p)

    @staticmethod
    def teks_penjelasan(info: dict[str, Any]) -> str:
        return PermohonanLayanan.teks_penjelasan(info)

    def hitung_ulang_tenggat(self, actor: Actor) -> int:
        return self.permohonan.hitung_ulang_tenggat(actor)

    # ------------------------------------------------------------ keberatan
    def catat_keberatan(self, actor: Actor, permohonan_id: str | None, data: KeberatanMasukan, *,
                         nomor: str | None = None) -> tuple[Keberatan, list[str]]:
        return self.keberatan.catat_keberatan(actor, permohonan_id, data.sebagai_dict(), nomor=nomor)

    def catat_keberatan_mandiri(self, actor: Actor, m: KeberatanMandiri, *,
                                nomor: str | None = None) -> tuple[Keberatan, list[str]]:
        return self.keberatan.catat_keberatan_mandiri(actor, m, nomor=nomor)

    def lihat_nik_keberatan(self, actor: Actor, keberatan_id: str) -> str:
        return self.keberatan.lihat_nik(actor, keberatan_id)

    def ambil_keberatan(self, keberatan_id: str) -> Keberatan:
        return self.keberatan.ambil_keberatan(keberatan_id)

    def cari_keberatan(self, nomor: str) -> Keberatan | None:
        return self.keberatan.cari_keberatan(nomor)

    def keberatan_untuk(self, permohonan_id: str) -> list[Keberatan]:
        return self.keberatan.keberatan_untuk(permohonan_id)

    def putus_keberatan(self, actor: Actor, keberatan_id: str,
                        data: PutusanKeberatanMasukan) -> Keberatan:
        return self.keberatan.putus_keberatan(actor, keberatan_id, data.sebagai_dict())

    def tindak_lanjut_keberatan(self, actor: Actor, keberatan_id: str, nilai: str, catatan: str = "") -> Keberatan:
        return self.keberatan.tindak_lanjut(actor, keberatan_id, nilai, catatan)

    def ubah_keberatan(self, actor: Actor, keberatan_id: str, data: KoreksiKeberatan) -> Keberatan:
        return self.keberatan.ubah_keberatan(actor, keberatan_id, data.sebagai_dict())

    def tanggapan_pemohon(self, actor: Actor, keberatan_id: str, tanggapan: str, catatan: str = "") -> Keberatan:
        return self.keberatan.tanggapan_pemohon(actor, keberatan_id, tanggapan, catatan)

    # ------------------------------------------------------------ sengketa
    SENGKETA_FIELDS = SengketaLayanan.SENGKETA_FIELDS
    SENGKETA_TANGGAL = SengketaLayanan.SENGKETA_TANGGAL

    def catat_sengketa(self, actor: Actor, keberatan_id: str,
                        data: SengketaMasukan) -> tuple[Sengketa, list[str]]:
        return self.sengketa.catat_sengketa(actor, keberatan_id, data.sebagai_dict())

    def ubah_sengketa(self, actor: Actor, sengketa_id: str, data: KoreksiSengketa) -> Sengketa:
        return self.sengketa.ubah_sengketa(actor, sengketa_id, data.sebagai_dict())

    def peringatan_sengketa(self, row: Sengketa) -> list[str]:
        return self.sengketa.peringatan_sengketa(row)

    def ambil_sengketa(self, sengketa_id: str) -> Sengketa:
        return self.sengketa.ambil_sengketa(sengketa_id)

    def jam_ki(self, row: Sengketa) -> str:
        return self.sengketa.jam_ki(row)

    def sengketa_untuk(self, keberatan_id: str) -> list[Sengketa]:
        return self.sengketa.sengketa_untuk(keberatan_id)

    # ------------------------------------------------------------ retention (UU 27/2022)
    def retensi_tahun(self) -> int:
        return self.retensi.retensi_tahun()

    def atur_retensi(self, actor: Actor, tahun: int) -> int:
        return self.retensi.atur_retensi(actor, tahun)

    def anonimkan(self, actor: Actor, sampai: date, *, dry_run: bool = False,
                  tahun: int | None = None) -> dict[str, Any]:
        return self.retensi.anonimkan(actor, sampai, dry_run=dry_run, tahun=tahun)

    # ------------------------------------------------------------ Beranda
    def ringkasan(self, hari_ini: date | None = None) -> Ringkasan:
        """Beranda's deadline summary: ``layanan.ringkasan.ringkasan``, the SQL the light start path runs."""
        with self.store.raw() as conn:
            return R_.ringkasan(conn, hari_ini or self.clock())

    # ------------------------------------------------------------ annual report sent
    def catat_pengiriman_laporan(self, actor: Actor, dari: date, sampai: date,
                                 data: PengirimanLaporanMasukan) -> PengirimanLaporan:
        """Record that the service report of ``dari``–``sampai`` was sent (``kepada``, ``tanggal``, ``cara``,
        ``catatan``); the Beranda reminder for that year stops once the whole year is recorded as sent."""
        R.require(actor, R.LAYANAN_CATAT)
        problems: dict[str, str] = {}
        kepada = str(data.kepada or "").strip()
        if not kepada:
            problems["kepada"] = "Sebutkan kepada siapa laporan dikirim (mis. Komisi Informasi Provinsi, Wali Kota)."
        elif len(kepada) > 200:
            problems["kepada"] = "Tujuan terlalu panjang (maksimal 200 karakter)."
        tgl = data.tanggal or self.clock()
        if not isinstance(tgl, date) or tgl > self.clock():
            problems["tanggal"] = "Tanggal pengiriman tidak boleh setelah hari ini."
        elif tgl < sampai:
            problems["tanggal"] = "Laporan tidak mungkin dikirim sebelum periodenya berakhir."
        cara = str(data.cara or "").strip()[:64]
        if sampai < dari:
            problems["sampai"] = "Akhir periode tidak boleh sebelum awal periode."
        if problems:
            raise ValidationError(problems)
        with self.store.session(actor) as s:
            row = PengirimanLaporan(dari=dari, sampai=sampai, kepada=kepada, tanggal=tgl, cara=cara,
                                    catatan=str(data.catatan or "").strip())
            s.add(row)
        return row

    def laporan_terkirim(self, tahun: int) -> bool:
        """Whether the report covering the whole of ``tahun`` is recorded as sent."""
        with self.store.raw() as conn:
            return R_.laporan_terkirim(conn, tahun)

    # ------------------------------------------------------------ report narrative
    def narasi(self, dari: date, sampai: date) -> dict[str, str]:
        with self.store.read() as s:
            rows = s.exec(select(NarasiLaporan).where(NarasiLaporan.dari == dari, NarasiLaporan.sampai == sampai,
                                                      NarasiLaporan.deleted == False))  # noqa: E712
            have = {r.bagian: r.isi for r in rows}
        return {k: have.get(k, "") for k in NARASI_BAGIAN}

    def simpan_narasi(self, actor: Actor, dari: date, sampai: date, isi: dict[str, str]) -> None:
        R.require(actor, R.LAYANAN_CATAT)
        if sampai < dari:
            raise ValidationError({"sampai": "Akhir periode tidak boleh sebelum awal periode."})
        with self.store.session(actor) as s:
            rows = {r.bagian: r for r in s.exec(select(NarasiLaporan).where(
                NarasiLaporan.dari == dari, NarasiLaporan.sampai == sampai, NarasiLaporan.deleted == False))}  # noqa: E712
            for bagian, teks in isi.items():
                if bagian not in NARASI_BAGIAN:
                    raise ValidationError({bagian: "Bagian laporan tidak dikenal."})
                row = rows.get(bagian) or NarasiLaporan(dari=dari, sampai=sampai, bagian=bagian)
                if row.isi != teks:
                    row.isi = teks
                    s.add(row)
