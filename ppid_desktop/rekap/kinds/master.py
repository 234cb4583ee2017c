"""Data Master kinds: OPD (key: kode), pegawai (key: NIP), calendar (key: tanggal + jenis).

Master services save one record per unit of work, so an all-or-nothing import cannot call them
row by row; these kinds apply the same rules (``master.service`` field specs, NIP/e-mail checks,
``tambah_hari`` rules) and write inside the import's single transaction.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, select

from ppid_desktop.akun import roles as R  # noqa: N812
from ppid_desktop.core import kalender as K  # noqa: N812
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.progress import Progress
from ppid_desktop.core.tanggal import nama_hari
from ppid_desktop.master.models import Pegawai, PerangkatDaerah
from ppid_desktop.master.service import TTD_JENIS, check_boleh_ttd, check_day
from ppid_desktop.rekap import kolom as T  # noqa: N812
from ppid_desktop.rekap.engine import Item, JenisEkspor, JenisImpor, Konteks, OpsiEkspor, kolom_dari_spec
from ppid_desktop.rekap.kolom import Kolom
from ppid_desktop.rekap.reader import Baris, SheetSpec
from ppid_desktop.rekap.writer import Buku, KolomEkspor

if TYPE_CHECKING:
    from ppid_desktop.services import Services

OPD_KOLOM = (
    Kolom("kode", "Kode OPD", wajib=True, max_len=32, lebar=14, contoh="DISKOMINFO",
          sinonim=("Kode", "Kode Perangkat Daerah", "Kode SKPD", "Kode Unit", "Kode Badan Publik"),
          keterangan="Kunci unik: baris dengan kode yang sudah ada tidak digandakan."),
    Kolom("nama", "Nama Perangkat Daerah", wajib=True, max_len=200, lebar=40,
          contoh="Dinas Komunikasi dan Informatika",
          sinonim=("Nama OPD", "Perangkat Daerah", "OPD", "Nama SKPD", "SKPD", "Nama Instansi", "Instansi",
                   "Badan Publik", "Nama Badan Publik", "Unit Kerja", "Nama Unit Kerja")),
    Kolom("singkatan", "Singkatan", max_len=64, lebar=14, contoh="Diskominfo", sinonim=("Nama Singkat",)),
    Kolom("alamat", "Alamat", max_len=300, lebar=36, sinonim=("Alamat Kantor",)),
    Kolom("kepala", "Kepala Perangkat Daerah", max_len=200, lebar=28,
          sinonim=("Kepala", "Nama Kepala", "Kepala OPD", "Pimpinan", "Nama Pimpinan")),
    Kolom("kepala_nip", "NIP Kepala", T.NIP, lebar=22, sinonim=("NIP Kepala OPD", "NIP Pimpinan")),
    Kolom("ppid_pelaksana", "PPID Pelaksana", max_len=200, lebar=26,
          sinonim=("Nama PPID Pelaksana", "Petugas PPID", "PPID Pembantu")),
    Kolom("ppid_telepon", "Telepon PPID Pelaksana", T.TELEPON, max_len=64, lebar=18,
          sinonim=("Telepon PPID", "Nomor Telepon", "Telepon", "Nomor HP", "Kontak", "Nomor Kontak")),
    Kolom("ppid_email", "E-mail PPID Pelaksana", T.EMAIL, max_len=200, lebar=26,
          sinonim=("Email PPID", "E-mail", "Email", "Surel")),
    Kolom("aktif", "Aktif", T.YA_TIDAK, lebar=8, contoh="Ya", sinonim=("Status Aktif",)),
)
OPD_SHEET = SheetSpec("OPD", OPD_KOLOM, sinonim=("Perangkat Daerah", "Daftar OPD", "Badan Publik"))


def _row_dict(obj: Any, fields: list[str]) -> dict[str, Any]:
    return {"id": obj.id, **{f: getattr(obj, f) for f in fields}}


def indeks_opd(services: Services) -> dict[str, str]:
    """OPD id by normalised kode, nama or singkatan (for kinds whose rows name a perangkat daerah)."""
    out: dict[str, str] = {}
    for o in services.master.daftar_opd():
        for name in (o.kode, o.nama, o.singkatan):
            if name:
                out[T.normal(name)] = o.id
    return out


def ganti_opd(ctx: Konteks, indeks: dict[str, str], sheet: str, b: Baris, data: dict[str, Any], pesan: str) -> bool:
    """Replace ``data["opd"]`` (a name) by ``data["opd_id"]``; False after reporting ``pesan`` when unknown."""
    opd = data.pop("opd", None)
    if opd is None:
        return True
    data["opd_id"] = indeks.get(T.normal(opd))
    if data["opd_id"] is None:
        ctx.salah(sheet, b, "opd", pesan, opd)
        return False
    return True


class ImporOpd(JenisImpor):
    nama = "opd"
    judul = "Perangkat daerah (OPD)"
    keterangan = "Daftar perangkat daerah / badan publik; kunci: Kode OPD."
    izin = (R.MASTER_UBAH,)
    sheets = (OPD_SHEET,)
    kunci_kolom = ("kode",)
    model = PerangkatDaerah

    def ada(self, ctx: Konteks) -> dict[str, dict[str, Any]]:
        fields = [k.key for k in OPD_KOLOM]
        with ctx.services.store.read() as s:
            rows = s.exec(select(PerangkatDaerah).where(PerangkatDaerah.deleted == False))  # noqa: E712
            return {r.kode.strip().upper(): _row_dict(r, fields) for r in rows}


PEGAWAI_KOLOM = (
    Kolom("nip", "NIP", T.NIP, wajib=True, lebar=22, contoh="196804111993031009",
          sinonim=("NIP Pegawai", "Nomor Induk Pegawai", "NIP/NRP", "NIP Baru"),
          keterangan="Kunci unik. Format sel sebagai Teks agar 18 digit tidak berubah."),
    Kolom("nama", "Nama", wajib=True, max_len=200, lebar=30, contoh="Drs. Agus Santoso, M.Si.",
          sinonim=("Nama Pegawai", "Nama Lengkap", "Nama dan Gelar", "Nama Lengkap dan Gelar")),
    Kolom("pangkat", "Pangkat", max_len=64, lebar=16, contoh="Pembina", sinonim=("Pangkat/Golongan",)),
    Kolom("golongan", "Golongan", max_len=16, lebar=10, contoh="IV/a", sinonim=("Gol", "Gol Ruang", "Golongan Ruang")),
    Kolom("jabatan", "Jabatan", wajib=True, max_len=200, lebar=30, contoh="Kepala Dinas",
          sinonim=("Nama Jabatan",)),
    Kolom("opd", "Kode OPD", max_len=200, lebar=16,
          sinonim=("OPD", "Perangkat Daerah", "Unit Kerja", "Instansi", "Nama OPD", "SKPD"),
          keterangan="Kode atau nama perangkat daerah yang sudah ada di Data Master."),
    Kolom("telepon", "Telepon", T.TELEPON, max_len=64, lebar=16, sinonim=("Nomor Telepon", "Nomor HP", "HP", "WA")),
    Kolom("email", "E-mail", T.EMAIL, max_len=200, lebar=24, sinonim=("Email", "Surel", "Alamat E-mail")),
    Kolom("boleh_ttd", "Berwenang Menandatangani", max_len=500, lebar=28,
          sinonim=("Boleh TTD", "Penandatangan", "Wewenang TTD"),
          keterangan="Dipisah koma: " + ", ".join(TTD_JENIS), contoh="pemberitahuan,laporan"),
    Kolom("aktif", "Aktif", T.YA_TIDAK, lebar=8, contoh="Ya"),
)
PEGAWAI_SHEET = SheetSpec("Pegawai", PEGAWAI_KOLOM, sinonim=("Daftar Pegawai", "Pejabat", "Data Pegawai"))


class ImporPegawai(JenisImpor):
    nama = "pegawai"
    judul = "Pegawai / pejabat"
    keterangan = "Pegawai dan pejabat penanda tangan; kunci: NIP."
    izin = (R.MASTER_UBAH,)
    sheets = (PEGAWAI_SHEET,)
    kunci_kolom = ("nip",)
    model = Pegawai
    FIELDS = ["nip", "nama", "pangkat", "golongan", "jabatan", "opd_id", "telepon", "email", "boleh_ttd", "aktif"]

    def mulai(self, ctx: Konteks) -> None:
        self._opd = indeks_opd(ctx.services)

    def ada(self, ctx: Konteks) -> dict[str, dict[str, Any]]:
        with ctx.services.store.read() as s:
            rows = s.exec(select(Pegawai).where(Pegawai.deleted == False, Pegawai.nip != ""))  # noqa: E712
            return {r.nip: _row_dict(r, self.FIELDS) for r in rows}

    def bersihkan(self, ctx: Konteks, b: Baris) -> dict[str, Any] | None:
        data = dict(b.nilai)
        ok = ganti_opd(ctx, self._opd, self.sheets[0].nama, b, data,
                       "Perangkat daerah tidak dikenal di Data Master (impor OPD lebih dahulu).")
        if "boleh_ttd" in data:
            if msg := check_boleh_ttd(str(data["boleh_ttd"])):
                ctx.salah(self.sheets[0].nama, b, "boleh_ttd", msg, data["boleh_ttd"])
                ok = False
            data["boleh_ttd"] = ",".join(x.strip() for x in str(data["boleh_ttd"]).split(",") if x.strip())
        return data if ok else None


KALENDER_KOLOM = (
    Kolom("tanggal", "Tanggal", T.TANGGAL, wajib=True, lebar=14, contoh="17/08/2026",
          sinonim=("Tgl", "Tanggal Libur", "Hari/Tanggal")),
    Kolom("jenis", "Jenis", T.PILIHAN, wajib=True, lebar=22, contoh="Libur daerah",
          pilihan=tuple(K.JENIS_LABEL.items()), sinonim=("Jenis Hari", "Kategori")),
    Kolom("nama", "Keterangan", wajib=True, max_len=200, lebar=40, contoh="Hari Jadi Kota Salatiga",
          sinonim=("Nama", "Nama Hari Libur", "Uraian", "Nama Hari")),
)
KALENDER_SHEET = SheetSpec("Kalender", KALENDER_KOLOM, sinonim=("Hari Libur", "Kalender Kerja"))


class ImporKalender(JenisImpor):
    nama = "kalender"
    judul = "Kalender hari kerja"
    keterangan = "Hari libur, cuti bersama, libur daerah, kantor tutup, hari kerja pengganti; kunci: tanggal + jenis."
    izin = (R.MASTER_UBAH,)
    sheets = (KALENDER_SHEET,)
    kunci_kolom = ("tanggal", "jenis")
    model = K.HariLibur

    def mulai(self, ctx: Konteks) -> None:
        years = {b.nilai["tanggal"].year for b in ctx.baca.tabel.get("Kalender", []) if "tanggal" in b.nilai}
        years = {y for y in years if K.MIN_YEAR <= y <= K.MAX_YEAR}
        if years:
            ctx.services.master.pastikan_tahun(sorted(years))

    def ada(self, ctx: Konteks) -> dict[str, dict[str, Any]]:
        with ctx.services.store.read() as s:
            rows = s.exec(select(K.HariLibur).where(K.HariLibur.deleted == False))  # noqa: E712
            return {f"{r.tanggal.isoformat()}|{r.jenis.upper()}": {"id": r.id, "tanggal": r.tanggal, "jenis": r.jenis,
                                                                   "nama": r.nama} for r in rows}

    def bersihkan(self, ctx: Konteks, b: Baris) -> dict[str, Any] | None:
        d: date = b.nilai["tanggal"]
        problems = check_day(d, b.nilai["jenis"], b.nilai["nama"])
        for field, msg in problems.items():
            ctx.salah("Kalender", b, field, msg, d if field == "tanggal" else b.nilai.get(field))
        if problems:
            return None
        return {"tanggal": d, "jenis": b.nilai["jenis"], "nama": b.nilai["nama"]}

    def terapkan(self, ctx: Konteks, session: Session, actor: Actor, items: list[Item]) -> None:
        for i in items:
            if i.aksi == "baru":
                i.data["sumber"] = "impor"
        super().terapkan(ctx, session, actor, items)

    def selesai(self, ctx: Konteks, actor: Actor) -> None:
        # Deadlines depend on the calendar: tell the listeners (same hook as MasterService.tambah_hari).
        ctx.services.master.kalender_berubah(actor)


# ------------------------------------------------------------------ exports
def _aktif(v: bool) -> str:
    return "Ya" if v else "Tidak"


class EksporOpd(JenisEkspor):
    nama = "opd"
    judul = "Daftar Perangkat Daerah"
    keterangan = "Semua perangkat daerah di Data Master."

    def tulis(self, services: Services, actor: Actor, buku: Buku, opsi: OpsiEkspor, progress: Progress) -> int:
        rows = services.master.daftar_opd()
        data = ([o.kode, o.nama, o.singkatan, o.alamat, o.kepala, o.kepala_nip, o.ppid_pelaksana, o.ppid_telepon,
                 o.ppid_email, _aktif(o.aktif)] for o in rows)
        return buku.tabel("OPD", self.judul.upper(), kolom_dari_spec(OPD_SHEET), data)


class EksporPegawai(JenisEkspor):
    nama = "pegawai"
    judul = "Daftar Pegawai dan Pejabat"
    keterangan = "Pegawai dan pejabat penanda tangan."
    izin = (R.MASTER_UBAH,)  # phones and e-mails of staff

    def tulis(self, services: Services, actor: Actor, buku: Buku, opsi: OpsiEkspor, progress: Progress) -> int:
        kode = {o.id: o.kode for o in services.master.daftar_opd()}
        rows = services.master.daftar_pegawai()
        data = ([p.nip, p.nama, p.pangkat, p.golongan, p.jabatan, kode.get(p.opd_id or "", ""), p.telepon, p.email,
                 p.boleh_ttd, _aktif(p.aktif)] for p in rows)
        return buku.tabel("Pegawai", self.judul.upper(), kolom_dari_spec(PEGAWAI_SHEET), data)


class EksporKalender(JenisEkspor):
    nama = "kalender"
    judul = "Kalender Hari Kerja"
    keterangan = "Hari libur dan hari kerja pengganti per tahun (--dari/--sampai memilih tahunnya)."

    def tulis(self, services: Services, actor: Actor, buku: Buku, opsi: OpsiEkspor, progress: Progress) -> int:
        y0 = (opsi.dari or services.clock.today()).year
        y1 = (opsi.sampai or opsi.dari or services.clock.today()).year
        entries: list[K.HariLibur] = []
        for y in range(y0, y1 + 1):
            entries += services.master.daftar_hari(y)
        entries.sort(key=lambda e: (e.tanggal, e.jenis))
        kolom = [*kolom_dari_spec(KALENDER_SHEET), KolomEkspor("Hari", lebar=10), KolomEkspor("Sumber", lebar=18)]
        data = ([e.tanggal, K.JENIS_LABEL.get(e.jenis, e.jenis), e.nama, nama_hari(e.tanggal), e.sumber]
                for e in entries)
        periode = f"Tahun {y0}" if y0 == y1 else f"Tahun {y0}–{y1}"
        return buku.tabel("Kalender", self.judul.upper(), kolom, data, periode=periode)
