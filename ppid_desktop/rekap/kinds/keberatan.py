"""Keberatan kinds: the objection register's import (key: nomor keberatan; its permohonan found by nomor
pendaftaran) and export.

Split from ``rekap.kinds.layanan`` (one module per register); the same published layanan API:
``layanan.rules`` for the Pasal 35 letters and rulings, ``services.layanan.impor_keberatan`` for the bulk
write inside the import's single unit of work.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from ppid_desktop.akun import roles as R  # noqa: N812
from ppid_desktop.core import crypto
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.errors import ValidationError
from ppid_desktop.core.progress import Progress
from ppid_desktop.layanan import rules as RU  # noqa: N812
from ppid_desktop.layanan.impor import BarisImpor
from ppid_desktop.layanan.masukan import BarisImporKeberatan
from ppid_desktop.rekap import kolom as T  # noqa: N812
from ppid_desktop.rekap.engine import (
    BARU,
    UBAH,
    Item,
    JenisEkspor,
    JenisImpor,
    Konteks,
    OpsiEkspor,
    kolom_dari_spec,
)
from ppid_desktop.rekap.kinds.layanan import _d, _kunci_nomor, _periode_sql, _pil, _wewenang
from ppid_desktop.rekap.kolom import Kolom
from ppid_desktop.rekap.reader import Baris, SheetSpec
from ppid_desktop.rekap.writer import Buku, KolomEkspor

if TYPE_CHECKING:
    from ppid_desktop.services import Services


# ------------------------------------------------------------------ keberatan import
KEBERATAN_KOLOM = (
    Kolom("nomor", "No. Registrasi Keberatan", wajib=True, max_len=64, lebar=22, contoh="001/KEB/PPID/2026",
          sinonim=("Nomor Keberatan", "No. Keberatan", "Nomor Registrasi Keberatan", "No Registrasi Keberatan",
                   "Nomor Register Keberatan"), keterangan="Kunci unik keberatan."),
    Kolom("tanggal_diterima", "Tanggal", T.TANGGAL, wajib=True, lebar=12,
          sinonim=("Tanggal Keberatan", "Tanggal Diterima", "Tanggal Pengajuan", "Tgl. Keberatan")),
    Kolom("permohonan", "No. Pendaftaran Permohonan", max_len=64, lebar=22,
          sinonim=("Nomor Pendaftaran Permohonan", "Nomor Permohonan", "No. Permohonan", "No. Pendaftaran",
                   "Nomor Pendaftaran", "No Registrasi Permohonan"),
          keterangan="Nomor pendaftaran permohonan yang sudah ada di aplikasi (impor register permohonan dahulu). "
                     "Kosong: keberatan tanpa permohonan (Pasal 35 ayat (1) huruf b–g); isi nama dan identitas pemohon."),
    Kolom("nama", "Nama", max_len=200, lebar=24, sinonim=("Nama Pemohon", "Nama Pengaju Keberatan"),
          keterangan="Kosong: nama pemohon pada permohonannya. Wajib bila tanpa permohonan."),
    Kolom("nik", "NIK", T.NIK, lebar=20, sinonim=("Nomor KTP", "No. KTP", "NIK Pemohon"),
          keterangan="Hanya untuk keberatan tanpa permohonan: 16 digit sesuai KTP. Format sel sebagai Teks."),
    Kolom("alamat", "Alamat", max_len=300, lebar=30, sinonim=("Alamat Pemohon",),
          keterangan="Hanya untuk keberatan tanpa permohonan."),
    Kolom("pekerjaan", "Pekerjaan", max_len=100, lebar=16),
    Kolom("telepon", "Nomor Kontak", T.TELEPON, max_len=64, lebar=16,
          sinonim=("No. HP", "Nomor Telepon", "Telepon", "No. Telp", "Nomor HP", "Kontak")),
    Kolom("email", "E-mail", T.EMAIL, max_len=200, lebar=22, sinonim=("Email", "Surel")),
    Kolom("nama_kuasa", "Nama Kuasa", max_len=200, lebar=20, sinonim=("Kuasa Pemohon",)),
    Kolom("alamat_kuasa", "Alamat Kuasa", max_len=300, lebar=24),
    Kolom("alasan", "Alasan (Pasal 35)", wajib=True, max_len=32, lebar=14, contoh="a,c",
          sinonim=("Alasan Keberatan", "Alasan", "Pasal 35", "Alasan Pengajuan Keberatan"),
          keterangan="Huruf Pasal 35 ayat (1) UU KIP (a–g), dipisah koma."),
    Kolom("kasus_posisi", "Kasus Posisi", wajib=True, max_len=20000, lebar=40, sinonim=("Uraian Keberatan",)),
    Kolom("status", "Status", T.PILIHAN, pilihan=_pil(RU.STATUS_KEBERATAN), lebar=14,
          keterangan="Kosong: Diterima, atau Dijawab Atasan PPID bila putusan diisi."),
    Kolom("putusan", "Putusan", T.PILIHAN, pilihan=_pil(RU.PUTUSAN_KEBERATAN), lebar=22,
          sinonim=("Putusan Atasan PPID", "Tanggapan Atasan PPID", "Keputusan Atasan PPID")),
    Kolom("tanggal_tanggapan", "Tanggal Tanggapan", T.TANGGAL, lebar=12,
          sinonim=("Tanggal Tanggapan Atasan PPID", "Tanggal Putusan")),
    Kolom("atasan_nama", "Atasan PPID", max_len=200, lebar=24, sinonim=("Nama Atasan PPID",)),
    Kolom("isi_tanggapan", "Isi Tanggapan", max_len=20000, lebar=30,
          sinonim=("Isi Tanggapan Atasan PPID", "Pertimbangan", "Tanggapan")),
)
KEBERATAN_SHEET = SheetSpec("Register Keberatan", KEBERATAN_KOLOM, sinonim=("Keberatan", "Buku Register Keberatan"))
K_FIELDS = ("permohonan", "tanggal_diterima", "nama", "nama_kuasa", "alamat_kuasa", "alasan", "kasus_posisi",
            "status", "putusan", "tanggal_tanggapan", "atasan_nama", "isi_tanggapan", "alamat", "pekerjaan",
            "telepon", "email")
K_IDENTITAS = ("alamat", "pekerjaan", "telepon", "email")  # the pemohon's own, when there is no permohonan


class ImporKeberatan(JenisImpor):
    """Register keberatan; key: nomor keberatan; linked to its permohonan by nomor pendaftaran."""

    nama = "keberatan"
    judul = "Register keberatan"
    keterangan = ("Keberatan atas permohonan informasi (dengan putusan Atasan PPID); kunci: nomor keberatan; "
                  "permohonannya dicari dengan nomor pendaftaran.")
    izin = (R.LAYANAN_CATAT,)
    sheets = (KEBERATAN_SHEET,)
    kunci_kolom = ("nomor",)

    def kunci(self, nilai: dict[str, Any]) -> str | None:
        return _kunci_nomor(nilai)

    def mulai(self, ctx: Konteks) -> None:
        self._p: dict[str, dict[str, Any]] = {}
        with ctx.services.store.read() as s:
            cur = s.connection().exec_driver_sql(
                "SELECT id, nomor, tanggal_diterima, nama, keputusan FROM permohonan WHERE deleted = 0")
            for pid, nomor, tgl, nama, kep in cur:
                self._p[str(nomor).strip()] = {"id": pid, "tanggal_diterima": _d(tgl), "nama": nama, "keputusan": kep}

    def ada(self, ctx: Konteks) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        with ctx.services.store.read() as s:
            cur = s.connection().exec_driver_sql(
                "SELECT k.id, k.nomor, p.nomor, k.tanggal_diterima, k.nama, k.nama_kuasa, k.alamat_kuasa, k.alasan, "
                "k.kasus_posisi, k.status, k.putusan, k.tanggal_tanggapan, k.atasan_nama, k.isi_tanggapan, "
                "k.alamat, k.pekerjaan, k.telepon, k.email, k.nik_hash "
                "FROM keberatan k LEFT JOIN permohonan p ON p.id = k.permohonan_id WHERE k.deleted = 0")
            for r in cur:
                d = dict(zip(("id", "nomor", *K_FIELDS, "nik_hash"), r, strict=True))
                d["tanggal_diterima"], d["tanggal_tanggapan"] = _d(d["tanggal_diterima"]), _d(d["tanggal_tanggapan"])
                out[str(d["nomor"]).strip()] = d
        return out

    def bersihkan(self, ctx: Konteks, b: Baris) -> dict[str, Any] | None:
        sheet = self.sheets[0].nama
        v = b.nilai
        ok = True

        def salah(key: str | None, pesan: str, nilai: Any = None) -> None:
            nonlocal ok
            ok = False
            ctx.salah(sheet, b, key, pesan, nilai)

        layanan = ctx.services.layanan
        today = layanan.clock()
        nomor_p = str(v.get("permohonan") or "").strip()
        p = self._p.get(nomor_p) if nomor_p else None
        if nomor_p and p is None:
            salah("permohonan", "Permohonan dengan nomor ini tidak ditemukan (impor register permohonan lebih dahulu).",
                  v["permohonan"])
        try:
            alasan = RU.parse_huruf(str(v["alasan"]), RU.PASAL_35, "alasan")
        except ValidationError as exc:
            salah("alasan", exc.problems.get("alasan", "Alasan tidak dikenal."), v["alasan"])
            alasan = []
        if ok and not alasan:
            salah("alasan", "Pilih sedikitnya satu alasan keberatan (Pasal 35 ayat (1) huruf a–g).", v["alasan"])
        if not nomor_p:  # a keberatan standing alone (Pasal 35(1) b–g)
            if "a" in alasan:
                salah("permohonan", "Alasan huruf a (permohonan ditolak) memerlukan nomor pendaftaran permohonannya; "
                      "tanpa permohonan hanya huruf b–g.", v.get("permohonan"))
            if not v.get("nama"):
                salah("nama", "Nama pemohon wajib diisi untuk keberatan tanpa permohonan.")
            elif not v.get("nik") and "nik" not in b.salah:
                ctx.salah(sheet, b, "nik", "Keberatan tanpa permohonan dan tanpa NIK: diimpor dengan nama saja.",
                          severity="warning")
        tgl: date = v["tanggal_diterima"]
        if tgl > today:
            salah("tanggal_diterima", "Tanggal keberatan diterima tidak boleh setelah hari ini.", tgl)
        elif p is not None and p["tanggal_diterima"] and tgl < p["tanggal_diterima"]:
            salah("tanggal_diterima", "Keberatan tidak boleh diterima sebelum permohonannya.", tgl)
        putusan = v.get("putusan") or ""
        tgl_t = v.get("tanggal_tanggapan")
        status = v.get("status") or (RU.K_DIPUTUSKAN if putusan else RU.K_DITERIMA)
        if putusan:
            if not v.get("isi_tanggapan"):
                salah("isi_tanggapan", "Isi tanggapan/pertimbangan Atasan PPID wajib diisi bila putusan diisi.")
            if not v.get("atasan_nama"):
                salah("atasan_nama", "Nama Atasan PPID wajib diisi bila putusan diisi.")
            if tgl_t is None:
                salah("tanggal_tanggapan", "Tanggal tanggapan wajib diisi bila putusan diisi.")
            elif tgl_t > today or tgl_t < tgl:
                salah("tanggal_tanggapan", "Tanggal tanggapan tidak wajar (sebelum keberatan diterima atau setelah "
                      "hari ini).", tgl_t)
            if putusan == "musyawarah" and "a" in alasan:
                salah("putusan", "Keberatan atas penolakan Pasal 17 (huruf a) tidak dapat diselesaikan secara "
                      "musyawarah (Pasal 35 ayat (2)).", putusan)
            if status == RU.K_DITERIMA:
                salah("status", "Status 'Diterima' tidak sesuai: putusan Atasan PPID sudah diisi.", status)
        else:
            if tgl_t is not None or v.get("atasan_nama") or v.get("isi_tanggapan"):
                salah("putusan", "Tanggapan Atasan PPID diisi tetapi putusannya kosong.")
            if status in (RU.K_DIPUTUSKAN, RU.K_SELESAI):
                salah("status", "Status ini memerlukan putusan Atasan PPID.", status)
        if not ok or (nomor_p and p is None):
            return None
        # only the columns the file has: a column it lacks leaves the stored field alone (a new row takes the
        # model's default), so a smaller register never blanks the proxy, the ruling or the identity
        lay = ctx.layout(sheet)
        kolom = set(lay.kolom) if lay is not None else set(v)
        out: dict[str, Any] = {k: v.get(k) or "" for k in (*K_IDENTITAS, "nama_kuasa", "alamat_kuasa", "atasan_nama",
                                                           "isi_tanggapan", "putusan") if k in kolom}
        if v.get("nik") and not nomor_p:
            out["nik"] = v["nik"]
        if "status" in kolom or "putusan" in kolom:
            out["status"] = status
        if "tanggal_tanggapan" in kolom:
            out["tanggal_tanggapan"] = tgl_t
        return {**out, "permohonan": nomor_p or None, "tanggal_diterima": tgl,
                "nama": v.get("nama") or (p["nama"] if p else ""), "alasan": ",".join(alasan),
                "kasus_posisi": v["kasus_posisi"]}

    def banding(self, ctx: Konteks, key: str, data: dict[str, Any], b: Baris, old: dict[str, Any] | None) -> Item:
        if old is not None and data.get("nik"):  # a NIK is compared by its keyed hash, never stored in clear
            if crypto.keyed_hash(data["nik"]) == old.get("nik_hash"):
                data = {k: v for k, v in data.items() if k != "nik"}
            else:
                old = {**old, "nik": None}
        return super().banding(ctx, key, data, b, old)

    def terapkan(self, ctx: Konteks, session: Session, actor: Actor, items: list[Item]) -> None:
        _wewenang(actor, items, "putusan", R.KEBERATAN_PUTUS)  # a ruling needs the Atasan PPID's permission
        rows = []
        for i in items:
            if i.aksi not in (BARU, UBAH):
                continue
            data = dict(i.data)
            if "permohonan" in data:  # an update carries only what changed
                nomor_p = data.pop("permohonan")
                data["permohonan_id"] = self._p[nomor_p]["id"] if nomor_p else None
            rows.append(BarisImpor(i.kunci, BarisImporKeberatan.dari(data), i.id if i.aksi == UBAH else None,
                                   f"Excel (baris {i.baris.nomor})"))
        ctx.services.layanan.impor_keberatan(session, actor, rows)


class EksporRegisterKeberatan(JenisEkspor):
    nama = "register-keberatan"
    judul = "Register Keberatan atas Permohonan Informasi"
    keterangan = "Keberatan dengan nomor permohonan, alasan Pasal 35, tenggat jawaban, putusan Atasan PPID."
    izin = (R.LAYANAN_CATAT,)

    def tulis(self, services: Services, actor: Actor, buku: Buku, opsi: OpsiEkspor, progress: Progress) -> int:
        kolom = [*kolom_dari_spec(KEBERATAN_SHEET), KolomEkspor("Tenggat Jawaban", "tanggal", 12),
                 KolomEkspor("Terlambat Diajukan", lebar=10)]
        sql = ("SELECT k.nomor, k.tanggal_diterima, p.nomor, k.nama, k.nik_mask, k.alamat, k.pekerjaan, k.telepon, "
               "k.email, k.nama_kuasa, k.alamat_kuasa, k.alasan, "
               "k.kasus_posisi, k.status, k.putusan, k.tanggal_tanggapan, k.atasan_nama, k.isi_tanggapan, "
               "k.tenggat_jawaban, k.terlambat_diajukan "
               "FROM keberatan k LEFT JOIN permohonan p ON p.id = k.permohonan_id WHERE k.deleted = 0")
        sql, params = _periode_sql(sql, "k.tanggal_diterima", opsi)
        sql += " ORDER BY k.tanggal_diterima, k.nomor"
        stt, put = RU.STATUS_KEBERATAN, RU.PUTUSAN_KEBERATAN

        def rows(conn: Any) -> Any:
            for r in conn.exec_driver_sql(sql, tuple(params)):
                # a standalone keberatan (no permohonan) carries its own identity; NIK masked (UU 27/2022)
                yield (r[0], _d(r[1]), r[2], r[3], *(x or None for x in r[4:9]), r[9] or None, r[10] or None, r[11],
                       r[12], stt.get(r[13], r[13]), put.get(r[14], r[14]) if r[14] else None, _d(r[15]),
                       r[16] or None, r[17] or None, _d(r[18]), "Ya" if r[19] else "Tidak")

        with services.store.read() as s:
            return buku.tabel("Register Keberatan", self.judul.upper(), kolom, rows(s.connection()),
                              periode=opsi.periode(), progress=progress)
