"""Layanan kinds: the permohonan import, the register permohonan and laporan layanan exports (the keberatan
register's import and export: ``rekap.kinds.keberatan``).

The imports use the layanan room's published API only: ``services.layanan.validasi_permohonan`` (the entry
form's rules and messages), ``layanan.rules`` for decisions and Pasal 17/35 letters, ``kalender`` for
the working calendar, and ``impor_permohonan`` (bulk writes inside the import's
single unit of work: Core executemany, numbering and calendar once per import, one history event per row).
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from ppid_desktop.akun import roles as R  # noqa: N812
from ppid_desktop.core import crypto
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.errors import PermissionDenied, ValidationError
from ppid_desktop.core.identitas import mask_nik
from ppid_desktop.core.progress import Progress
from ppid_desktop.core.tanggal import tanggal_panjang
from ppid_desktop.core.tipe import b64_dari_db, hex_dari_db
from ppid_desktop.layanan import rules as RU  # noqa: N812
from ppid_desktop.layanan.impor import BarisImpor
from ppid_desktop.layanan.masukan import BarisImporPermohonan
from ppid_desktop.layanan.models import Permohonan
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
from ppid_desktop.rekap.kinds.master import ganti_opd, indeks_opd
from ppid_desktop.rekap.kolom import Kolom, normal
from ppid_desktop.rekap.reader import Baris, SheetSpec
from ppid_desktop.rekap.writer import Buku, KolomEkspor

if TYPE_CHECKING:
    from ppid_desktop.services import Services


def _pil(table: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(table.items())


_KEPUTUSAN_ALIAS = (
    ("dikabulkan", RU.SELURUHNYA), ("diterima", RU.SELURUHNYA), ("diterima seluruhnya", RU.SELURUHNYA),
    ("diberikan", RU.SELURUHNYA), ("diberikan seluruhnya", RU.SELURUHNYA), ("dipenuhi", RU.SELURUHNYA),
    ("diterima sebagian", RU.SEBAGIAN), ("diberikan sebagian", RU.SEBAGIAN), ("dipenuhi sebagian", RU.SEBAGIAN),
    ("ditolak", RU.DITOLAK), ("informasi dikecualikan", RU.DITOLAK), ("dikecualikan", RU.DITOLAK),
    ("ditolak dikecualikan", RU.DITOLAK), ("informasi tidak dikuasai", RU.TIDAK_DIKUASAI),
    ("tidak dikuasai", RU.TIDAK_DIKUASAI), ("tidak dapat diberikan tidak dikuasai", RU.TIDAK_DIKUASAI),
    ("belum didokumentasikan", RU.BELUM_DIDOKUMENTASIKAN), ("informasi belum didokumentasikan", RU.BELUM_DIDOKUMENTASIKAN),
    ("tidak dapat diberikan belum didokumentasikan", RU.BELUM_DIDOKUMENTASIKAN),
)


def _centang(key: str, label: str, *sinonim: str) -> Kolom:
    """A tick sub-column of a Perki register group (read when present; not in our templates)."""
    return Kolom(key, label, T.CENTANG, sinonim=sinonim, templat=False)


PERMOHONAN_KOLOM = (
    Kolom("nomor", "No. Pendaftaran", wajib=True, max_len=64, lebar=20, contoh="001/PPID/III/2026",
          sinonim=("Nomor Pendaftaran", "No. Registrasi", "Nomor Registrasi", "Nomor Permohonan", "No. Reg",
                   "Nomor Register", "No. Permohonan", "No", "Nomor", "No. Urut", "No. Pendaftaran Permohonan"),
          keterangan="Kunci unik permohonan."),
    Kolom("tanggal_diterima", "Tanggal", T.TANGGAL, wajib=True, lebar=12,
          sinonim=("Tanggal Permohonan", "Tanggal Diterima", "Tgl. Masuk", "Tanggal Masuk", "Tanggal Pendaftaran",
                   "Hari dan Tanggal", "Hari/Tanggal", "Hari dan Tanggal Permohonan")),
    Kolom("nama", "Nama", wajib=True, max_len=200, lebar=24, sinonim=("Nama Pemohon", "Pemohon")),
    Kolom("alamat", "Alamat", max_len=300, lebar=30, sinonim=("Alamat Pemohon",)),
    Kolom("telepon", "Nomor Kontak", T.TELEPON, max_len=64, lebar=16,
          sinonim=("No. HP", "Nomor Telepon", "Telepon", "No. Telp", "Nomor HP", "Kontak",
                   "Nomor Telepon/E-mail", "No. Telp/E-mail")),
    Kolom("email", "E-mail", T.EMAIL, max_len=200, lebar=22, sinonim=("Email", "Surel")),
    Kolom("pekerjaan", "Pekerjaan", max_len=100, lebar=16),
    Kolom("nik", "NIK", T.NIK, lebar=20, sinonim=("Nomor KTP", "No. KTP", "NIK Pemohon"),
          keterangan="16 digit sesuai KTP; wajib untuk pemohon perorangan/kelompok. Format sel sebagai Teks. "
                     "Register lama tanpa kolom NIK tetap diimpor dengan peringatan (ditandai 'tanpa NIK')."),
    Kolom("jenis_pemohon", "Jenis Pemohon", T.PILIHAN, pilihan=_pil(RU.JENIS_PEMOHON), lebar=14),
    Kolom("no_sk_badan_hukum", "Nomor SK Badan Hukum", max_len=100, lebar=18),
    Kolom("rincian", "Informasi yang Diminta", wajib=True, max_len=20000, lebar=40,
          sinonim=("Rincian Informasi", "Rincian Informasi yang Diminta", "Informasi yang Dibutuhkan",
                   "Informasi yang Dimohon")),
    Kolom("tujuan", "Tujuan Penggunaan Informasi", wajib=True, max_len=20000, lebar=30, sinonim=("Tujuan",)),
    Kolom("cara_memperoleh", "Cara Memperoleh Informasi", T.PILIHAN, pilihan=_pil(RU.CARA_MEMPEROLEH), lebar=22,
          sinonim=("Jenis Permohonan",),
          alias=(("melihat mengetahui", "melihat"), ("melihat", "melihat"), ("meminta salinan", "salinan_softcopy"),
                 ("salinan", "salinan_softcopy"), ("softcopy", "salinan_softcopy"), ("hardcopy", "salinan_hardcopy"))),
    Kolom("cara_salinan", "Cara Mendapatkan Salinan", T.PILIHAN, pilihan=_pil(RU.CARA_SALINAN), lebar=16),
    Kolom("saluran", "Saluran", T.PILIHAN, pilihan=_pil(RU.SALURAN), lebar=16,
          sinonim=("Media Permohonan", "Cara Permohonan", "Kanal")),
    Kolom("opd", "OPD", max_len=200, lebar=14, sinonim=("Kode OPD", "Perangkat Daerah", "OPD Tujuan", "Disposisi"),
          keterangan="Kode, singkatan atau nama perangkat daerah di Data Master."),
    Kolom("keputusan", "Keputusan", T.PILIHAN, pilihan=_pil(RU.KEPUTUSAN), lebar=22, alias=_KEPUTUSAN_ALIAS,
          sinonim=("Keputusan PPID", "Hasil", "Keputusan Pemberitahuan Tertulis"),
          keterangan="Juga dikenali: Dikabulkan Seluruhnya, Ditolak, Informasi tidak dikuasai, Belum didokumentasikan."),
    Kolom("pasal17", "Alasan Penolakan", max_len=2000, lebar=24, sinonim=("Pasal 17", "Alasan Pengecualian"),
          keterangan="Huruf Pasal 17 UU KIP (mis. h atau a,h) atau uraiannya (\"Pasal 17 huruf b UU 14/2008 (…)\": "
                     "teks utuh disimpan, hurufnya dibaca)."),
    Kolom("tanggal_pemberitahuan", "Tanggal Pemberitahuan Tertulis", T.TANGGAL, lebar=14,
          sinonim=("Hari dan Tanggal Pemberitahuan Tertulis", "Tanggal Pemberitahuan", "Tgl. Pemberitahuan",
                   "Hari/Tanggal Pemberitahuan Tertulis")),
    Kolom("status_informasi", "Status Informasi", max_len=300, lebar=20,
          keterangan="Dikuasai, Tidak dikuasai (: badan publik yang menguasai) atau Belum didokumentasikan."),
    Kolom("bentuk_informasi", "Bentuk Informasi", T.PILIHAN, pilihan=_pil(RU.BENTUK_INFORMASI), lebar=12,
          sinonim=("Bentuk Informasi yang Dikuasai",),
          alias=(("soft copy", "softcopy"), ("hard copy", "hardcopy"))),
    Kolom("biaya", "Biaya (Rp)", max_len=300, lebar=14,
          sinonim=("Biaya", "Biaya dan Cara Pembayaran", "Biaya & Cara Pembayaran", "Biaya/Cara Pembayaran"),
          keterangan="Jumlah rupiah (boleh dengan cara pembayaran, mis. \"Rp5.000 tunai\"); kosong atau gratis: 0."),
    Kolom("status", "Status", T.PILIHAN, pilihan=_pil(RU.STATUS), lebar=16,
          keterangan="Kosong: dihitung dari tanggal yang diisi (selesai, diserahkan, diputuskan, diperpanjang)."),
    Kolom("tanggal_perpanjangan", "Tanggal Perpanjangan", T.TANGGAL, lebar=12),
    Kolom("alasan_perpanjangan", "Alasan Perpanjangan", max_len=2000, lebar=24),
    Kolom("tanggal_penyerahan", "Tanggal Penyerahan", T.TANGGAL, lebar=12, sinonim=("Tanggal Informasi Diserahkan",)),
    Kolom("tanggal_selesai", "Tanggal Selesai", T.TANGGAL, lebar=12),
    Kolom("alasan_ditarik", "Alasan Ditarik", max_len=2000, lebar=20),
    # Perki 1/2021 register: a group header over sub-columns, one ticked per row
    _centang("si_dikuasai", "Status Informasi / Dikuasai", "Status Informasi Dikuasai", "Dikuasai",
             "Informasi Dikuasai"),
    _centang("si_tidak", "Status Informasi / Tidak Dikuasai", "Status Informasi Tidak Dikuasai", "Tidak Dikuasai",
             "Belum Dikuasai", "Status Informasi Belum Dikuasai"),
    _centang("si_belum", "Status Informasi / Belum Didokumentasikan", "Status Informasi Belum Didokumentasikan",
             "Belum Didokumentasikan"),
    _centang("bi_soft", "Bentuk Informasi / Softcopy", "Bentuk Informasi yang Dikuasai Softcopy", "Softcopy",
             "Soft Copy", "Bentuk Informasi Softcopy", "Bentuk Informasi yang Dikuasai Soft Copy"),
    _centang("bi_hard", "Bentuk Informasi / Hardcopy", "Bentuk Informasi yang Dikuasai Hardcopy", "Hardcopy",
             "Hard Copy", "Bentuk Informasi Hardcopy", "Bentuk Informasi yang Dikuasai Hard Copy"),
    _centang("jp_melihat", "Jenis Permohonan / Melihat", "Jenis Permohonan Melihat Mengetahui", "Melihat Mengetahui",
             "Melihat", "Jenis Permohonan Melihat", "Melihat Membaca", "Jenis Permohonan Melihat Membaca"),
    _centang("jp_salinan", "Jenis Permohonan / Meminta Salinan", "Jenis Permohonan Meminta Salinan",
             "Meminta Salinan", "Salinan", "Jenis Permohonan Salinan", "Mendapatkan Salinan",
             "Jenis Permohonan Mendapatkan Salinan"),
)
PERMOHONAN_SHEET = SheetSpec("Register Permohonan", PERMOHONAN_KOLOM,
                             sinonim=("Permohonan", "Register", "Buku Register"), sebut_kolom_lain=True)
FIELDS = ("nama", "alamat", "telepon", "email", "pekerjaan", "jenis_pemohon", "no_sk_badan_hukum", "rincian",
          "tujuan", "cara_memperoleh", "cara_salinan", "saluran", "opd_id", "tanggal_diterima", "keputusan",
          "pasal17", "tanggal_pemberitahuan", "status", "badan_penguasa", "bentuk_informasi", "biaya_total",
          "tanggal_perpanjangan", "alasan_perpanjangan", "tanggal_penyerahan", "tanggal_selesai", "alasan_ditarik",
          "catatan_keputusan", "tanpa_nik")
_TANGGAL = ("tanggal_diterima", "tanggal_pemberitahuan", "tanggal_perpanjangan", "tanggal_penyerahan",
            "tanggal_selesai")
_COL_OF = {"opd_id": "opd"}
_HURUF_RE = re.compile(r"huruf\s+((?:[a-j](?![a-z])[\s,;/&]*(?:dan\s+|serta\s+)?)+)", re.I)
_RUPIAH_RE = re.compile(r"\d[\d.,]*")


def _pasal(text: str) -> str:
    """The Pasal 17 letters of a refusal reason: ``"h"``, ``"a, h"``, ``"huruf h"`` or a full sentence
    (``"Pasal 17 huruf b UU 14/2008 (hak kekayaan intelektual …)"``: only the letters after "huruf")."""
    found = _HURUF_RE.findall(text)
    if found:
        letters = {ch.lower() for grp in found for ch in re.findall(r"(?<![a-z])[a-j](?![a-z])", grp, re.I)}
        return ",".join(sorted(letters))
    letters_list = []
    for part in text.replace(";", ",").replace(" ", ",").split(","):
        p = part.strip().lower().strip(" .()")
        if p in RU.PASAL_17 and p not in letters_list:
            letters_list.append(p)
        elif p and p not in {"pasal", "17", "uu", "kip"}:
            raise ValueError(p)
    return ",".join(sorted(letters_list))


def _biaya(text: Any) -> tuple[int, str]:
    """(amount in rupiah, the text as written) of a cost cell: ``15000``, ``"Rp5.000 (tunai)"``, ``"Gratis"``."""
    if isinstance(text, int | float):
        return int(text), ""
    s = str(text).strip()
    m = _RUPIAH_RE.search(s)
    if not m:
        if normal(s) in {"", "gratis", "tidak ada", "nihil", "tanpa biaya", "free"} or s in {"-", "–"}:
            return 0, s
        raise ValueError(s)
    angka = re.sub(r"[.,]\d{1,2}$", "", m.group(0).rstrip(".,"))  # "15.000,00": the cents go, the dots stay
    return int(re.sub(r"[.,]", "", angka) or 0), s


def _wewenang(actor: Actor, items: list[Item], kolom: str, izin: str) -> None:
    """Refuse the whole import when rows carry ``kolom`` (a decision) the actor may not make."""
    baris = [i.baris.nomor for i in items if i.aksi in (BARU, UBAH) and i.data.get(kolom)]
    if baris and not R.can(actor, izin):
        daftar = ", ".join(str(n) for n in baris[:10]) + (" …" if len(baris) > 10 else "")
        raise PermissionDenied(f"Pengguna {actor.username} tidak berwenang {R.DESCRIPTION[izin]}: baris {daftar} "
                               f"berisi kolom {kolom}. Kosongkan kolom itu atau minta pejabat yang berwenang mengimpor.")


def _kunci_nomor(nilai: dict[str, Any]) -> str | None:
    """Registers are keyed by their number as written (trimmed; case kept, unlike the engine's keys)."""
    n = nilai.get("nomor")
    return str(n).strip() if n else None


def _satu(ctx: Konteks, sheet: str, b: Baris, ticks: dict[str, Any], judul: str) -> str | None:
    """The one ticked sub-column of a group (None when none); two ticks: an error."""
    on = [k for k, v in ticks.items() if v]
    if len(on) > 1:
        ctx.salah(sheet, b, on[0], f"{judul}: hanya satu sub-kolom yang boleh dicentang (tercentang {len(on)}).")
        raise ValueError
    return on[0] if on else None


class ImporPermohonan(JenisImpor):
    nama = "permohonan"
    judul = "Register permohonan informasi"
    keterangan = ("Register permohonan (dengan keputusan dan langkah sesudahnya); kunci: nomor pendaftaran. "
                  "Juga membaca register berformat Perki 1/2021 (judul kolom dua baris dengan sub-kolom yang "
                  "dicentang, baris nomor kolom, tanggal dengan nama hari).")
    izin = (R.LAYANAN_CATAT,)
    sheets = (PERMOHONAN_SHEET,)
    kunci_kolom = ("nomor",)
    model = Permohonan

    def mulai(self, ctx: Konteks) -> None:
        self._opd = indeks_opd(ctx.services)
        self._opd_ids = set(self._opd.values())
        lay = ctx.layout(PERMOHONAN_SHEET.nama)
        self._ada_nik = lay is not None and "nik" in lay.kolom
        self._tanpa_nik = 0

    def kunci(self, nilai: dict[str, Any]) -> str | None:
        return _kunci_nomor(nilai)

    def rujukan(self, ctx: Konteks, b: Baris) -> None:
        ganti_opd(ctx, self._opd, self.sheets[0].nama, b, {"opd": b.nilai.get("opd")},
                  "Perangkat daerah tidak dikenal di Data Master.")

    def ada(self, ctx: Konteks) -> dict[str, dict[str, Any]]:
        cols = ", ".join(FIELDS)
        with ctx.services.store.read() as s:
            cur = s.connection().exec_driver_sql(
                f"SELECT id, nomor, nik_hash, {cols} FROM permohonan WHERE deleted = 0")
            out = {}
            for r in cur:
                d = dict(zip(("id", "nomor", "nik_hash", *FIELDS), r, strict=True))
                for k in _TANGGAL:
                    d[k] = _d(d[k])
                d["tanpa_nik"] = bool(d["tanpa_nik"])
                d["nik_hash"] = hex_dari_db(d["nik_hash"])  # stored as bytes (core.tipe.HexBlob)
                out[str(d["nomor"]).strip()] = d
        return out

    def bersihkan(self, ctx: Konteks, b: Baris) -> dict[str, Any] | None:  # noqa: C901 - one row, one place
        sheet = self.sheets[0].nama
        data = dict(b.nilai)
        data.pop("nomor")
        ok = ganti_opd(ctx, self._opd, sheet, b, data, "Perangkat daerah tidak dikenal di Data Master.")
        keputusan = data.pop("keputusan", None)
        pasal_teks = data.pop("pasal17", None)
        tgl_pb = data.pop("tanggal_pemberitahuan", None)
        status_info = data.pop("status_informasi", None)
        bentuk = data.pop("bentuk_informasi", None)
        biaya_sel = data.pop("biaya", None)
        status = data.pop("status", None)
        langkah = {k: data.pop(k, None) for k in ("tanggal_perpanjangan", "alasan_perpanjangan", "tanggal_penyerahan",
                                                  "tanggal_selesai", "alasan_ditarik")}
        # ticked sub-columns (Perki register)
        try:
            si = _satu(ctx, sheet, b, {k: data.pop(k, None) for k in ("si_dikuasai", "si_tidak", "si_belum")},
                       "Status Informasi")
            bi = _satu(ctx, sheet, b, {k: data.pop(k, None) for k in ("bi_soft", "bi_hard")}, "Bentuk Informasi")
            jp = _satu(ctx, sheet, b, {k: data.pop(k, None) for k in ("jp_melihat", "jp_salinan")}, "Jenis Permohonan")
        except ValueError:
            return None
        if bi and not bentuk:
            bentuk = "softcopy" if bi == "bi_soft" else "hardcopy"
        if jp and "cara_memperoleh" not in data:
            data["cara_memperoleh"] = "melihat" if jp == "jp_melihat" else (
                "salinan_hardcopy" if bentuk == "hardcopy" else "salinan_softcopy")
        badan_penguasa = ""
        if si is None and status_info:
            n = normal(status_info)
            si = ("si_tidak" if n.startswith("tidak dikuasai") or n.startswith("belum dikuasai") else
                  "si_belum" if n.startswith("belum didokumentasikan") else
                  "si_dikuasai" if n.startswith("dikuasai") else None)
            if si is None:
                ctx.salah(sheet, b, "status_informasi", "Status informasi harus Dikuasai, Tidak dikuasai atau Belum "
                          "didokumentasikan.", status_info)
                ok = False
            elif si == "si_tidak" and ":" in str(status_info):
                badan_penguasa = str(status_info).split(":", 1)[1].strip()
        if keputusan is None and tgl_pb and si in ("si_tidak", "si_belum"):
            keputusan = RU.TIDAK_DIKUASAI if si == "si_tidak" else RU.BELUM_DIDOKUMENTASIKAN
        if si == "si_tidak" and not badan_penguasa:
            badan_penguasa = "(tidak disebut di register)"
        tanpa_nik = not self._ada_nik or ("nik" not in data and "nik" not in b.salah)
        layanan = ctx.services.layanan
        try:
            clean: dict[str, Any] = layanan.validasi_permohonan(BarisImporPermohonan.dari(data), baru=True,
                                                                opd_ids=self._opd_ids, nik_wajib=not tanpa_nik)
        except ValidationError as exc:
            for field, msg in exc.problems.items():
                col = _COL_OF.get(field, field)
                ctx.salah(sheet, b, col if col in b.nilai or col in {k.key for k in PERMOHONAN_KOLOM} else None,
                          msg, b.nilai.get(col))
            return None
        catatan: list[str] = []
        if "nik" not in clean and clean.get("jenis_pemohon", "perorangan") in ("perorangan", "kelompok"):
            clean["tanpa_nik"] = True
            self._tanpa_nik += 1
            ctx.salah(sheet, b, "nik" if self._ada_nik else None,
                      "Tanpa NIK: baris diimpor dan ditandai 'tanpa NIK' (register lama tanpa kolom NIK).",
                      severity="warning")
        pasal = ""
        if pasal_teks:
            try:
                pasal = _pasal(str(pasal_teks))
            except ValueError:
                pasal = ""
            if not pasal:
                ctx.salah(sheet, b, "pasal17", "Alasan penolakan harus menyebut huruf Pasal 17 UU KIP (a–j), mis. "
                          "'h', 'a,h' atau 'Pasal 17 huruf b UU 14/2008 (…)'.", pasal_teks)
                ok = False
            elif normal(pasal_teks).replace(" ", "") != pasal.replace(",", ""):
                clean["catatan_keputusan"] = f"Alasan penolakan (register): {str(pasal_teks).strip()}"
        if keputusan is None and (tgl_pb or pasal_teks):
            ctx.salah(sheet, b, "keputusan", "Tanggal pemberitahuan/alasan penolakan diisi tetapi keputusan kosong.")
            ok = False
        if keputusan is not None:
            if keputusan == RU.DITOLAK and not pasal:
                ctx.salah(sheet, b, "pasal17", "Permohonan yang ditolak wajib menyebut alasan (huruf Pasal 17).")
                ok = False
            if tgl_pb is None:
                ctx.salah(sheet, b, "tanggal_pemberitahuan", "Keputusan diisi: tanggal pemberitahuan tertulis wajib diisi.")
                ok = False
            elif "tanggal_diterima" in clean and tgl_pb < clean["tanggal_diterima"]:
                ctx.salah(sheet, b, "tanggal_pemberitahuan", "Tanggal pemberitahuan sebelum tanggal permohonan diterima.",
                          tgl_pb)
                ok = False
            clean.update(keputusan=keputusan, pasal17=pasal, tanggal_pemberitahuan=tgl_pb)
            catatan.append(f"Pemberitahuan tertulis {tanggal_panjang(tgl_pb) if tgl_pb else '-'}: "
                           f"{RU.label(RU.KEPUTUSAN, keputusan)}.")
        if badan_penguasa:
            clean["badan_penguasa"] = badan_penguasa
        if bentuk:
            clean["bentuk_informasi"] = bentuk
        if biaya_sel is not None:
            try:
                jumlah, teks = _biaya(biaya_sel)
            except ValueError:
                ctx.salah(sheet, b, "biaya", "Biaya tidak terbaca: tulis jumlah rupiah (mis. 5000 atau Rp5.000) atau "
                          "'gratis'.", biaya_sel)
                ok = False
            else:
                clean["biaya_total"] = jumlah
                catatan.append(f"Biaya {RU.rupiah(jumlah)}" + (f" ({teks})." if teks and not teks.isdigit() else "."))
        ok = self._langkah(ctx, sheet, b, clean, status, langkah) and ok
        if not ok:
            return None
        if catatan:
            clean["_catatan"] = catatan
        return clean

    @staticmethod
    def _langkah(ctx: Konteks, sheet: str, b: Baris, clean: dict[str, Any], status: str | None,
                 langkah: dict[str, Any]) -> bool:
        """Extension, delivery, closing or withdrawal from the file, checked against each other; the status
        follows from them when the file gives none."""
        ok = True
        d0 = clean.get("tanggal_diterima")
        for key in ("tanggal_perpanjangan", "tanggal_penyerahan", "tanggal_selesai"):
            v = langkah.get(key)
            if v is not None and d0 is not None and v < d0:
                ctx.salah(sheet, b, key, "Tanggal ini sebelum tanggal permohonan diterima.", v)
                ok = False
        if langkah.get("tanggal_penyerahan") and clean.get("keputusan") not in RU.KEPUTUSAN_DIBERIKAN:
            ctx.salah(sheet, b, "tanggal_penyerahan", "Penyerahan informasi hanya untuk permohonan yang dikabulkan.",
                      langkah["tanggal_penyerahan"])
            ok = False
        if status is None:
            status = (RU.DITARIK if langkah.get("alasan_ditarik") else
                      RU.SELESAI if langkah.get("tanggal_selesai") else
                      RU.DISERAHKAN if langkah.get("tanggal_penyerahan") else
                      RU.DIPUTUSKAN if clean.get("keputusan") else
                      RU.DIPERPANJANG if langkah.get("tanggal_perpanjangan") else None)
        if status is not None:
            diputus = clean.get("keputusan") is not None
            if status in (RU.DIPUTUSKAN, RU.DISERAHKAN) and not diputus:
                ctx.salah(sheet, b, "status", "Status ini memerlukan keputusan dan tanggal pemberitahuan.", status)
                ok = False
            if status in RU.STATUS_TERBUKA and diputus:
                ctx.salah(sheet, b, "status", "Status masih terbuka padahal keputusan sudah diisi.", status)
                ok = False
            if status == RU.DIPERPANJANG and not langkah.get("tanggal_perpanjangan"):
                ctx.salah(sheet, b, "tanggal_perpanjangan", "Status Diperpanjang memerlukan tanggal perpanjangan.")
                ok = False
            if status in (RU.SELESAI, RU.DITARIK) and not langkah.get("tanggal_selesai"):
                langkah["tanggal_selesai"] = (langkah.get("tanggal_penyerahan") or clean.get("tanggal_pemberitahuan")
                                              or d0)
            clean["status"] = status
        for k, v in langkah.items():
            if v is not None and v != "":
                clean[k] = v
        return ok

    def banding(self, ctx: Konteks, key: str, data: dict[str, Any], b: Baris, old: dict[str, Any] | None) -> Item:
        catatan = data.pop("_catatan", None)
        if old is not None and data.get("nik"):
            nik = data.pop("nik")
            if crypto.keyed_hash(nik) != old.get("nik_hash"):
                data["nik"] = nik
                old = {**old, "nik": None}
        elif old is not None:
            data.pop("nik", None)
            if old.get("nik_hash"):  # a file without the NIK column never marks a record holding a NIK
                data.pop("tanpa_nik", None)
        item = super().banding(ctx, key, data, b, old)
        if catatan:
            item.data = {**item.data, "_catatan": catatan} if item.aksi != "lewati" else item.data
        return item

    def terapkan(self, ctx: Konteks, session: Session, actor: Actor, items: list[Item]) -> None:
        _wewenang(actor, items, "keputusan", R.LAYANAN_PUTUS)  # a row with a decision needs the PPID's permission
        rows = []
        for i in items:
            if i.aksi not in (BARU, UBAH):
                continue
            data = dict(i.data)
            catatan = data.pop("_catatan", None) or []
            rows.append(BarisImpor(i.kunci, BarisImporPermohonan.dari(data), i.id if i.aksi == UBAH else None,
                                   f"Excel (baris {i.baris.nomor})", catatan))
        ctx.services.layanan.impor_permohonan(session, actor, rows)


# ------------------------------------------------------------------ exports
REGISTER_EXTRA = (
    KolomEkspor("Tenggat", "tanggal", 12), KolomEkspor("Tenggat Perpanjangan", "tanggal", 12),
    KolomEkspor("Hari Kerja Terpakai", "angka", 10), KolomEkspor("Nama OPD", lebar=26),
    KolomEkspor("Dijawab Terlambat", lebar=10),
)
_SQL_REG = (
    "SELECT p.nomor, p.tanggal_diterima, p.nama, p.alamat, p.telepon, p.email, p.pekerjaan, p.nik_enc, p.nik_mask, "
    "p.jenis_pemohon, p.no_sk_badan_hukum, p.rincian, p.tujuan, p.cara_memperoleh, p.cara_salinan, p.saluran, "
    "o.kode, p.keputusan, p.pasal17, p.tanggal_pemberitahuan, p.badan_penguasa, p.bentuk_informasi, p.biaya_total, "
    "p.status, p.tanggal_perpanjangan, p.alasan_perpanjangan, p.tanggal_penyerahan, p.tanggal_selesai, "
    "p.alasan_ditarik, p.tenggat, p.tenggat_perpanjangan, p.hk_pemberitahuan, o.nama, "
    f"{RU.SQL_DIJAWAB_TERLAMBAT} "
    "FROM permohonan p LEFT JOIN perangkat_daerah o ON o.id = p.opd_id WHERE p.deleted = 0"
)


def _d(v: Any) -> date | None:
    return date.fromisoformat(str(v)[:10]) if v else None


def _periode_sql(sql: str, col: str, opsi: OpsiEkspor) -> tuple[str, list[Any]]:
    params: list[Any] = []
    if opsi.dari:
        sql += f" AND {col} >= ?"
        params.append(opsi.dari.isoformat())
    if opsi.sampai:
        sql += f" AND {col} <= ?"
        params.append(opsi.sampai.isoformat())
    return sql, params


def _status_informasi(keputusan: str | None, penguasa: str) -> str | None:
    if keputusan == RU.BELUM_DIDOKUMENTASIKAN:
        return "Belum didokumentasikan"
    if penguasa or keputusan == RU.TIDAK_DIKUASAI:
        return "Tidak dikuasai: " + penguasa if penguasa else "Tidak dikuasai"
    return "Dikuasai" if keputusan else None


class EksporRegisterPermohonan(JenisEkspor):
    nama = "register-permohonan"
    judul = "Register Permohonan Informasi Publik"
    keterangan = ("Kolom register baku (Perki 1/2021 Lampiran) ditambah saluran, OPD, status, langkah sesudah "
                  "keputusan, tenggat dan hari kerja terpakai; dapat diimpor kembali tanpa kehilangan status.")
    izin = (R.LAYANAN_CATAT,)
    data_pribadi = True

    def tulis(self, services: Services, actor: Actor, buku: Buku, opsi: OpsiEkspor, progress: Progress) -> int:
        kolom = [*kolom_dari_spec(PERMOHONAN_SHEET), *REGISTER_EXTRA]
        sql, params = _periode_sql(_SQL_REG, "p.tanggal_diterima", opsi)
        sql += " ORDER BY p.tanggal_diterima, p.nomor"
        jp, cm, cs, sal, kep, st, bi = (RU.JENIS_PEMOHON, RU.CARA_MEMPEROLEH, RU.CARA_SALINAN, RU.SALURAN,
                                        RU.KEPUTUSAN, RU.STATUS, RU.BENTUK_INFORMASI)
        full = opsi.tampilkan_nik

        def rows(conn: Any) -> Any:
            for r in conn.exec_driver_sql(sql, tuple(params)):
                (nomor, tgl, nama, alamat, tel, email, pek, nik_enc, nik_mask, jenis, sk, rinci, tujuan, cara, salin,
                 saluran, opd, keputusan, pasal, tgl_pb, penguasa, bentuk, biaya, status, tgl_perp, alasan_perp,
                 tgl_serah, tgl_selesai, alasan_tarik, t1, t2, hk, opd_nama, telat) = r
                nik = (crypto.decrypt_text(b64_dari_db(nik_enc) or "") if full and nik_enc else (nik_mask or mask_nik(None)) or None)
                yield (nomor, _d(tgl), nama, alamat, tel, email, pek, nik, jp.get(jenis, jenis), sk, rinci, tujuan,
                       cm.get(cara, cara), cs.get(salin, salin), sal.get(saluran, saluran), opd,
                       kep.get(keputusan, keputusan) if keputusan else None, pasal or None, _d(tgl_pb),
                       _status_informasi(keputusan, penguasa or ""), bi.get(bentuk, bentuk) if bentuk else None,
                       biaya or 0, st.get(status, status), _d(tgl_perp), alasan_perp or None, _d(tgl_serah),
                       _d(tgl_selesai), alasan_tarik or None, _d(t1), _d(t2), hk, opd_nama,
                       "Ya" if telat else ("Tidak" if tgl_pb else None))

        with services.store.read() as s:
            return buku.tabel("Register Permohonan", self.judul.upper(), kolom, rows(s.connection()),
                              periode=opsi.periode(), progress=progress,
                              catatan=["NIK ditampilkan lengkap (data pribadi: jaga kerahasiaannya)." if full
                                       else "NIK disamarkan sesuai UU 27/2022 (PDP)."])


# ------------------------------------------------------------------ laporan layanan
class EksporLaporanLayanan(JenisEkspor):
    """The figures of ``layanan.laporan.compute`` (nothing recomputed here), one sheet per breakdown."""

    nama = "laporan-layanan"
    judul = "Laporan Layanan Informasi Publik"
    keterangan = ("Angka laporan layanan (Perki 1/2021 Ps. 56) untuk periode --dari/--sampai (bawaan: 1 Januari "
                  "tahun berjalan s.d. hari ini): ringkasan, saluran, OPD, jenis pemohon, keputusan, waktu, "
                  "penolakan per Pasal 17, keberatan per alasan/putusan, sengketa.")
    izin = (R.LAYANAN_CATAT,)

    def tulis(self, services: Services, actor: Actor, buku: Buku, opsi: OpsiEkspor, progress: Progress) -> int:
        from ppid_desktop.layanan import laporan as L  # noqa: N812

        sampai = opsi.sampai or services.clock.today()
        dari = opsi.dari or date(sampai.year, 1, 1)
        cal, _ = services.layanan.kalender(dari, sampai)
        with services.store.read() as s:
            r = L.compute(s, dari, sampai, cal=cal)
        per = L.periode_teks(r)
        n = 0

        def pct(x: int, total: int) -> float | None:
            return x / total if total else None

        def rincian(nama: str, judul: str, label: str, data: dict[str, int], labels: dict[str, str],
                    total: int | None) -> int:
            kolom = [KolomEkspor(label, lebar=44), KolomEkspor("Kode", lebar=22), KolomEkspor("Jumlah", "angka", 10)]
            if total is not None:
                kolom.append(KolomEkspor("Persentase", "persen", 12))
            rows = [[labels.get(k, k or "-"), k or None, v, *([pct(v, total)] if total is not None else [])]
                    for k, v in data.items()]
            return buku.tabel(nama, judul, kolom, rows, periode=per)

        ringkas = [
            ("Periode awal", r.dari), ("Periode akhir", r.sampai), ("Permohonan diterima", r.total),
            ("Telah diberi pemberitahuan tertulis", r.diputuskan), ("Diperpanjang", r.diperpanjang),
            ("Rata-rata waktu pemberitahuan (hari kerja)", r.rata_hk), ("Median (hari kerja)", r.median_hk),
            ("Terlama (hari kerja)", r.maks_hk), ("Lebih dari 10 hari kerja", r.lebih_10_hk),
            ("Lebih dari 17 hari kerja (melampaui batas)", r.lebih_17_hk),
            ("Dijawab tepat waktu", r.dijawab_tepat_waktu),
            ("Dijawab terlambat (lewat 10 hari kerja, atau 17 bila diperpanjang tepat waktu)", r.dijawab_terlambat),
            ("Ditolak (informasi dikecualikan)", r.per_keputusan.get(RU.DITOLAK, 0)),
            ("Informasi diserahkan", r.diserahkan),
            ("Rata-rata waktu pemenuhan (pemberitahuan s.d. penyerahan, hari kerja)", r.rata_hk_pemenuhan),
            ("Keberatan", r.keberatan_total), ("Keberatan dijawab melewati tenggat", r.keberatan_terlambat_dijawab),
            *[(f"Jawaban keberatan: {L.TINDAK_LANJUT_LAPORAN.get(k, k).lower()}", v)
              for k, v in r.keberatan_tindak_lanjut.items()],
            ("Sengketa informasi", r.sengketa_total),
            *[(f"Putusan Komisi Informasi: {L.TINDAK_LANJUT_LAPORAN.get(k, k).lower()}", v)
              for k, v in r.sengketa_putusan_dilaksanakan.items()],
            ("Putusan Komisi Informasi melewati 100 hari kerja", r.sengketa_melewati_100_hk),
            ("Diajukan ke PTUN/PN", r.pengadilan_total), ("Diputus PTUN/PN", r.pengadilan_diputus),
            ("Kasasi ke Mahkamah Agung", r.kasasi_total), ("Diputus kasasi", r.kasasi_diputus),
            *[(f"Laporan dikirim kepada {x['kepada']} ({x['cara'] or '-'})", date.fromisoformat(x["tanggal"]))
              for x in r.terkirim],
        ]
        n += buku.tabel("Ringkasan", self.judul.upper(), [KolomEkspor("Ukuran", lebar=48),
                                                           KolomEkspor("Nilai", "desimal", 16)],
                        [list(x) for x in ringkas], periode=per)
        n += rincian("Saluran", "PERMOHONAN MENURUT SALURAN", "Saluran", r.per_saluran, RU.SALURAN, r.total)
        opd_kolom = [KolomEkspor("Perangkat Daerah", lebar=44), KolomEkspor("Jumlah", "angka", 10),
                     KolomEkspor("Dikabulkan", "angka", 12), KolomEkspor("Ditolak", "angka", 10),
                     KolomEkspor("Tidak Dapat Diberikan", "angka", 14), KolomEkspor("Dalam Proses", "angka", 12),
                     KolomEkspor("Rata-rata Hari Kerja", "desimal", 14),
                     KolomEkspor("Dijawab Tepat Waktu", "angka", 12), KolomEkspor("Dijawab Terlambat", "angka", 12)]
        n += buku.tabel("OPD", "PERMOHONAN MENURUT PERANGKAT DAERAH (PPID PELAKSANA)", opd_kolom,
                        [[o["opd"], o["total"], o["dikabulkan"], o["ditolak"], o["tidak_dapat"], o["proses"],
                          float(o["rata_hk"]) if o["rata_hk"] is not None else None, o["dijawab_tepat_waktu"],
                          o["dijawab_terlambat"]] for o in r.per_opd], periode=per)
        n += rincian("Jenis Pemohon", "PERMOHONAN MENURUT JENIS PEMOHON", "Jenis pemohon", r.per_jenis_pemohon,
                     RU.JENIS_PEMOHON, r.total)
        n += rincian("Keputusan", "KEPUTUSAN ATAS PERMOHONAN", "Keputusan", r.per_keputusan, L.KEPUTUSAN_LAPORAN,
                     r.total)
        waktu = [("Permohonan yang telah diberi pemberitahuan", r.diputuskan), ("Rata-rata", r.rata_hk),
                 ("Median", r.median_hk), ("Terlama", r.maks_hk), ("Diperpanjang", r.diperpanjang),
                 ("Lebih dari 10 hari kerja", r.lebih_10_hk),
                 ("Lebih dari 17 hari kerja (melampaui batas)", r.lebih_17_hk),
                 ("Dijawab tepat waktu", r.dijawab_tepat_waktu), ("Dijawab terlambat", r.dijawab_terlambat)]
        n += buku.tabel("Waktu", "WAKTU PEMBERITAHUAN TERTULIS (HARI KERJA)",
                        [KolomEkspor("Ukuran", lebar=48), KolomEkspor("Nilai", "desimal", 14)],
                        [list(x) for x in waktu], periode=per)
        n += buku.tabel("Pasal 17", "PENOLAKAN MENURUT ALASAN PENGECUALIAN (PASAL 17 UU 14/2008)",
                        [KolomEkspor("Huruf", lebar=8), KolomEkspor("Alasan", lebar=60),
                         KolomEkspor("Jumlah", "angka", 10)],
                        [[h, RU.PASAL_17[h], v] for h, v in r.per_pasal17.items()], periode=per)
        n += buku.tabel("Keberatan", "KEBERATAN MENURUT ALASAN (PASAL 35 AYAT (1))",
                        [KolomEkspor("Huruf", lebar=8), KolomEkspor("Alasan", lebar=60),
                         KolomEkspor("Jumlah", "angka", 10)],
                        [[h, RU.PASAL_35[h], v] for h, v in r.keberatan_per_alasan.items()], periode=per)
        n += rincian("Putusan Keberatan", "KEBERATAN MENURUT PUTUSAN ATASAN PPID", "Putusan", r.keberatan_per_putusan,
                     L.PUTUSAN_KEBERATAN_LAPORAN, r.keberatan_total)
        sengketa = ([["Tahap", RU.TAHAP_SENGKETA.get(k, k), k, v] for k, v in r.sengketa_per_tahap.items()]
                    + [["Hasil", RU.HASIL_SENGKETA.get(k, k), k, v] for k, v in r.sengketa_per_hasil.items()])
        n += buku.tabel("Sengketa", "SENGKETA INFORMASI MENURUT TAHAP DAN HASIL",
                        [KolomEkspor("Kelompok", lebar=10), KolomEkspor("Tahap / Hasil", lebar=44),
                         KolomEkspor("Kode", lebar=16), KolomEkspor("Jumlah", "angka", 10)], sengketa, periode=per)
        from ppid_desktop.layanan.service import NARASI_BAGIAN

        narasi = services.layanan.narasi(dari, sampai)
        n += buku.tabel("Narasi", "NARASI LAPORAN", [KolomEkspor("Bagian", lebar=40), KolomEkspor("Isi", lebar=90, bungkus=True)],
                        [[judul, narasi.get(k) or None] for k, judul in NARASI_BAGIAN.items()], periode=per)
        return n
