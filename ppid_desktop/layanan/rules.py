"""Rules of the information service, without a database: code lists, the status machine, deadlines.

- Code lists (value -> Indonesian label): channels, requester types, cara memperoleh / salinan,
  statuses, decisions, Pasal 17 (a–j) and Pasal 35 (a–g) grounds.
- ``TRANSISI``: the allowed next steps of a permohonan and the permission each step needs;
  ``cek_transisi`` refuses everything else with an Indonesian message.
- ``validasi_keputusan``: a decision must carry its grounds (Pasal 17 + uji konsekuensi for a
  refusal, the redaction note for a partial grant, the holder for "tidak dikuasai", the time needed
  for "belum didokumentasikan"); fees only for copies and delivery.
- Deadlines (UU KIP Ps. 22, 36, 37): 10 HK + one extension of 7 HK; keberatan 30 HK to file and
  30 HK to answer; sengketa 14 HK after the answer or its lapse.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from ppid_desktop.akun import roles as R  # noqa: N812
from ppid_desktop.core.errors import UserError, ValidationError

HK_PEMBERITAHUAN = 10
HK_PERPANJANGAN = 7
HK_KEBERATAN_AJU = 30
HK_KEBERATAN_JAWAB = 30
HK_SENGKETA_AJU = 14

SALURAN: dict[str, str] = {
    "langsung": "Langsung (meja layanan)",
    "surat": "Surat",
    "email": "E-mail",
    "website": "Website PPID",
    "telepon": "Telepon",
    "lapor": "SP4N-LAPOR!",
    "medsos": "Media sosial",
}
JENIS_PEMOHON: dict[str, str] = {
    "perorangan": "Perorangan",
    "kelompok": "Kelompok orang",
    "badan_hukum": "Badan hukum",
}
CARA_MEMPEROLEH: dict[str, str] = {
    "melihat": "Melihat / membaca / mendengarkan / mencatat",
    "salinan_hardcopy": "Mendapatkan salinan (hardcopy)",
    "salinan_softcopy": "Mendapatkan salinan (softcopy)",
}
CARA_SALINAN: dict[str, str] = {
    "ambil": "Mengambil langsung",
    "kurir": "Kurir",
    "pos": "Pos",
    "faksimili": "Faksimili",
    "email": "E-mail",
}
BENTUK_INFORMASI: dict[str, str] = {"softcopy": "Softcopy", "hardcopy": "Hardcopy"}

DITERIMA, DIPROSES, DIPERPANJANG, DIPUTUSKAN, DISERAHKAN, SELESAI, DITARIK = (
    "diterima", "diproses", "diperpanjang", "diputuskan", "diserahkan", "selesai", "ditarik",
)
STATUS: dict[str, str] = {
    DITERIMA: "Diterima",
    DIPROSES: "Diproses (disposisi)",
    DIPERPANJANG: "Diperpanjang",
    DIPUTUSKAN: "Diputuskan",
    DISERAHKAN: "Informasi diserahkan",
    SELESAI: "Selesai",
    DITARIK: "Ditarik",
}
STATUS_TERBUKA = (DITERIMA, DIPROSES, DIPERPANJANG)
"""Statuses whose written-notice clock is running."""

SELURUHNYA, SEBAGIAN, DITOLAK, TIDAK_DIKUASAI, BELUM_DIDOKUMENTASIKAN = (
    "dikabulkan_seluruhnya", "dikabulkan_sebagian", "ditolak", "tidak_dikuasai", "belum_didokumentasikan",
)
KEPUTUSAN: dict[str, str] = {
    SELURUHNYA: "Dikabulkan seluruhnya",
    SEBAGIAN: "Dikabulkan sebagian",
    DITOLAK: "Ditolak (informasi dikecualikan)",
    TIDAK_DIKUASAI: "Tidak dapat diberikan: informasi tidak dikuasai",
    BELUM_DIDOKUMENTASIKAN: "Tidak dapat diberikan: belum didokumentasikan",
}
KEPUTUSAN_DIBERIKAN = (SELURUHNYA, SEBAGIAN)

PASAL_17: dict[str, str] = {
    "a": "menghambat proses penegakan hukum",
    "b": "mengganggu perlindungan HKI dan persaingan usaha tidak sehat",
    "c": "membahayakan pertahanan dan keamanan negara",
    "d": "mengungkapkan kekayaan alam Indonesia",
    "e": "merugikan ketahanan ekonomi nasional",
    "f": "merugikan kepentingan hubungan luar negeri",
    "g": "mengungkap isi akta otentik yang bersifat pribadi dan wasiat",
    "h": "mengungkap rahasia pribadi",
    "i": "memorandum/surat antar atau intra badan publik yang dirahasiakan",
    "j": "informasi yang tidak boleh diungkapkan berdasarkan undang-undang",
}
PASAL_35: dict[str, str] = {
    "a": "penolakan berdasarkan alasan pengecualian Pasal 17",
    "b": "tidak disediakannya informasi berkala (Pasal 9)",
    "c": "tidak ditanggapinya permintaan informasi",
    "d": "permintaan ditanggapi tidak sebagaimana yang diminta",
    "e": "tidak dipenuhinya permintaan informasi",
    "f": "pengenaan biaya yang tidak wajar",
    "g": "penyampaian informasi melebihi waktu yang diatur",
}

K_DITERIMA, K_DIPUTUSKAN, K_SELESAI, K_DITARIK = "diterima", "diputuskan", "selesai", "ditarik"
STATUS_KEBERATAN: dict[str, str] = {
    K_DITERIMA: "Diterima", K_DIPUTUSKAN: "Dijawab Atasan PPID", K_SELESAI: "Selesai", K_DITARIK: "Ditarik",
}
PUTUSAN_KEBERATAN: dict[str, str] = {
    "dikabulkan": "Dikabulkan (PPID diperintahkan memberikan informasi)",
    "dikabulkan_sebagian": "Dikabulkan sebagian",
    "ditolak": "Ditolak (menguatkan keputusan PPID)",
    "musyawarah": "Selesai melalui musyawarah",
}
TANGGAPAN_PEMOHON: dict[str, str] = {
    "menerima": "Menerima tanggapan",
    "tidak_menerima": "Tidak menerima (akan mengajukan sengketa)",
    "tidak_ada": "Tidak ada tanggapan",
}
TINDAK_LANJUT: dict[str, str] = {
    "dilaksanakan": "Dilaksanakan",
    "tidak_dilaksanakan": "Tidak dilaksanakan",
}
"""What followed a keberatan answer or a KI/court ruling (annual report, Perki 1/2021)."""
HK_PUTUSAN_KI = 100
"""The Komisi Informasi settles a dispute within 100 working days (UU 14/2008 Pasal 38)."""
TAHAP_SENGKETA: dict[str, str] = {
    "registrasi": "Registrasi di Komisi Informasi",
    "mediasi": "Mediasi",
    "ajudikasi": "Ajudikasi non-litigasi",
    "putusan_ki": "Putusan Komisi Informasi",
    "pengadilan": "Keberatan di PTUN/PN",
    "kasasi": "Kasasi Mahkamah Agung",
    "selesai": "Selesai",
}
DOKUMEN: dict[str, str] = {
    "tanda-bukti": "Formulir permohonan dan tanda bukti penerimaan",
    "pemberitahuan": "Pemberitahuan tertulis",
    "perpanjangan": "Surat perpanjangan waktu",
    "penolakan": "Surat keputusan penolakan",
    "penyerahan": "Tanda bukti penyerahan informasi",
    "keberatan": "Formulir keberatan dan tanda terima",
    "tanggapan-keberatan": "Tanggapan atas keberatan",
}
"""Documents ``dokumen.cetak`` prints (``dokumen.JENIS``); here so ``ppid`` builds its parser without reportlab."""


def izin_dokumen(jenis: str) -> tuple[str, ...]:
    """The permissions printing letter ``jenis`` needs: every letter names the requester (PDP_LIHAT); the
    receipt prints the whole NIK and is the service desk's (LAYANAN_CATAT too)."""
    return (R.PDP_LIHAT, R.LAYANAN_CATAT) if jenis == "tanda-bukti" else (R.PDP_LIHAT,)
HASIL_SENGKETA: dict[str, str] = {
    "": "-",
    "mediasi_berhasil": "Mediasi berhasil (kesepakatan)",
    "mediasi_gagal": "Mediasi gagal",
    "dikabulkan": "Permohonan sengketa dikabulkan",
    "dikabulkan_sebagian": "Dikabulkan sebagian",
    "ditolak": "Permohonan sengketa ditolak",
    "gugur": "Gugur / dicabut",
}


@dataclass(frozen=True)
class Transisi:
    dari: str
    ke: str
    izin: str
    label: str


TRANSISI: tuple[Transisi, ...] = (
    Transisi(DITERIMA, DIPROSES, R.LAYANAN_CATAT, "Disposisi ke OPD / PPID Pelaksana"),
    Transisi(DITERIMA, DIPUTUSKAN, R.LAYANAN_PUTUS, "Putuskan langsung"),
    Transisi(DITERIMA, DITARIK, R.LAYANAN_CATAT, "Permohonan ditarik pemohon"),
    Transisi(DIPROSES, DIPERPANJANG, R.LAYANAN_PUTUS, "Perpanjang waktu 7 hari kerja"),
    Transisi(DIPROSES, DIPUTUSKAN, R.LAYANAN_PUTUS, "Putuskan (pemberitahuan tertulis)"),
    Transisi(DIPROSES, DITARIK, R.LAYANAN_CATAT, "Permohonan ditarik pemohon"),
    Transisi(DIPERPANJANG, DIPUTUSKAN, R.LAYANAN_PUTUS, "Putuskan (pemberitahuan tertulis)"),
    Transisi(DIPERPANJANG, DITARIK, R.LAYANAN_CATAT, "Permohonan ditarik pemohon"),
    Transisi(DIPUTUSKAN, DISERAHKAN, R.LAYANAN_CATAT, "Catat penyerahan informasi"),
    Transisi(DIPUTUSKAN, SELESAI, R.LAYANAN_CATAT, "Tutup permohonan"),
    Transisi(DISERAHKAN, SELESAI, R.LAYANAN_CATAT, "Tutup permohonan"),
)
_TABEL = {(t.dari, t.ke): t for t in TRANSISI}


def langkah_berikut(status: str) -> list[Transisi]:
    return [t for t in TRANSISI if t.dari == status]


def cek_transisi(status: str, ke: str, actor: Any, keputusan: str | None = None) -> Transisi:
    """The transition ``status -> ke`` if allowed for ``actor``; else ``UserError``/``PermissionDenied``."""
    t = _TABEL.get((status, ke))
    if t is None:
        boleh = ", ".join(STATUS[x.ke] for x in langkah_berikut(status)) or "tidak ada (status akhir)"
        raise UserError(
            f"Perubahan status dari '{STATUS.get(status, status)}' ke '{STATUS.get(ke, ke)}' tidak diperbolehkan. "
            f"Langkah yang boleh: {boleh}."
        )
    if ke == SELESAI and status == DIPUTUSKAN and keputusan in KEPUTUSAN_DIBERIKAN:
        raise UserError(
            "Permohonan yang dikabulkan harus dicatat penyerahan informasinya sebelum ditutup."
        )
    if ke == DISERAHKAN and keputusan not in KEPUTUSAN_DIBERIKAN:
        raise UserError("Penyerahan informasi hanya untuk permohonan yang dikabulkan (seluruhnya atau sebagian).")
    R.require(actor, t.izin)
    return t


def parse_huruf(value: str | list[str] | tuple[str, ...] | None, allowed: dict[str, str], label: str) -> list[str]:
    """``"a, c"`` / ``["a","c"]`` -> ``["a","c"]`` (sorted, unique), refusing unknown letters."""
    if value is None:
        return []
    items = value.replace(";", ",").split(",") if isinstance(value, str) else list(value)
    out = sorted({str(i).strip().lower().removeprefix("huruf ").strip() for i in items if str(i).strip()})
    bad = [x for x in out if x not in allowed]
    if bad:
        raise ValidationError({label: f"Huruf {', '.join(bad)} tidak dikenal (pilihan: {', '.join(allowed)})."})
    return out


def _int(data: dict[str, Any], key: str, label: str, problems: dict[str, str]) -> int:
    raw = data.get(key)
    if raw in (None, ""):
        return 0
    try:
        value = int(str(raw).replace(".", "").strip())
    except ValueError:
        problems[key] = f"{label} harus berupa bilangan bulat."
        return 0
    if value < 0:
        problems[key] = f"{label} tidak boleh negatif."
    return value


def validasi_keputusan(data: dict[str, Any]) -> dict[str, Any]:
    """Check a decision and return its cleaned fields; raises ``ValidationError`` naming each missing ground."""
    problems: dict[str, str] = {}
    jenis = str(data.get("keputusan") or "")
    if jenis not in KEPUTUSAN:
        raise ValidationError({"keputusan": "Pilih jenis keputusan."})
    out: dict[str, Any] = {"keputusan": jenis}
    text = {k: str(data.get(k) or "").strip() for k in (
        "uji_konsekuensi", "catatan_penghitaman", "badan_penguasa", "waktu_dokumentasi", "catatan_keputusan",
        "waktu_penyediaan", "bentuk_informasi",
    )}
    if jenis == DITOLAK:
        try:
            huruf = parse_huruf(data.get("pasal17"), PASAL_17, "pasal17")
        except ValidationError as exc:
            problems.update(exc.problems)
            huruf = []
        if not huruf and "pasal17" not in problems:
            problems["pasal17"] = "Penolakan wajib menyebut sedikitnya satu alasan pengecualian Pasal 17 (huruf a–j)."
        if not text["uji_konsekuensi"]:
            problems["uji_konsekuensi"] = "Penolakan wajib merujuk hasil uji konsekuensi (nomor/tanggal penetapan)."
        out["pasal17"] = ",".join(huruf)
    else:
        out["pasal17"] = ""
    if jenis == SEBAGIAN and not text["catatan_penghitaman"]:
        problems["catatan_penghitaman"] = "Pengabulan sebagian wajib menjelaskan bagian yang dihitamkan/dikaburkan dan alasannya."
    if jenis == TIDAK_DIKUASAI and not text["badan_penguasa"]:
        problems["badan_penguasa"] = "Sebutkan badan publik yang menguasai informasi (atau 'tidak diketahui')."
    if jenis == BELUM_DIDOKUMENTASIKAN and not text["waktu_dokumentasi"]:
        problems["waktu_dokumentasi"] = "Sebutkan waktu yang diperlukan untuk mendokumentasikan informasi."
    if text["bentuk_informasi"] and text["bentuk_informasi"] not in BENTUK_INFORMASI:
        problems["bentuk_informasi"] = "Bentuk informasi harus softcopy atau hardcopy."
    per_lembar = _int(data, "biaya_per_lembar", "Biaya salinan per lembar", problems)
    lembar = _int(data, "jumlah_lembar", "Jumlah lembar", problems)
    kirim = _int(data, "biaya_kirim", "Biaya pengiriman", problems)
    if jenis not in KEPUTUSAN_DIBERIKAN and (per_lembar * lembar + kirim) > 0:
        problems["biaya_per_lembar"] = "Biaya hanya dapat dikenakan bila informasi diberikan (salinan dan pengiriman)."
    if data.get("biaya_lain"):
        problems["biaya_lain"] = "Permohonan informasi gratis: biaya hanya untuk penggandaan salinan dan pengiriman."
    if problems:
        raise ValidationError(problems)
    out.update(text)
    out.update(biaya_per_lembar=per_lembar, jumlah_lembar=lembar, biaya_kirim=kirim,
               biaya_total=per_lembar * lembar + kirim)
    return out


def angka(n: int | None) -> str:
    """A whole number the Indonesian way: ``12345`` -> ``"12.345"``."""
    return f"{int(n or 0):,}".replace(",", ".")


def rupiah(n: int | None) -> str:
    return "Rp" + angka(n)


def label(table: dict[str, str], key: str | None) -> str:
    return table.get(key or "", key or "")


def pasal_label(huruf_csv: str, table: dict[str, str] = PASAL_17) -> str:
    return "; ".join(f"huruf {h} ({table.get(h, '?')})" for h in huruf_csv.split(",") if h)


def bisa_diperpanjang(tenggat_awal: date, hari_ini: date) -> bool:
    """An extension is possible only while the first 10 working days have not run out."""
    return hari_ini <= tenggat_awal


# ------------------------------------------------------------------ view model (what a screen may offer)
@dataclass(frozen=True)
class TampilanPermohonan:
    """What the detail screen of one permohonan offers, decided here so the UI copies no rule:
    ``langkah`` the next steps this user may take, ``dokumen`` the letters that exist for it (keys of
    ``DOKUMEN``), ``boleh_keberatan`` an objection can be recorded, ``boleh_ubah`` its data can be corrected,
    ``cetak`` for each letter whether this user may print it and ``izin_cetak`` the permissions it needs (the
    screen shows a letter it may not print disabled, saying why)."""

    langkah: tuple[Transisi, ...]
    dokumen: tuple[str, ...]
    boleh_keberatan: bool
    boleh_ubah: bool
    cetak: tuple[bool, ...] = ()
    izin_cetak: tuple[tuple[str, ...], ...] = ()


def tampilan_permohonan(p: Any, boleh: Callable[[str], bool]) -> TampilanPermohonan:
    """The view model of permohonan ``p`` for a user whose permissions answer ``boleh(izin)``.

    A step is offered when ``cek_transisi`` would allow it for this request and the user holds its
    permission; a letter when the fact it reports is recorded (extension, decision, refusal, delivery)."""
    langkah = []
    for t in langkah_berikut(p.status):
        if not boleh(t.izin):
            continue
        if t.ke == SELESAI and p.status == DIPUTUSKAN and p.keputusan in KEPUTUSAN_DIBERIKAN:
            continue  # a granted request is closed only after delivery (cek_transisi)
        if t.ke == DISERAHKAN and p.keputusan not in KEPUTUSAN_DIBERIKAN:
            continue
        langkah.append(t)
    dokumen = ["tanda-bukti"]
    if p.tanggal_perpanjangan:
        dokumen.append("perpanjangan")
    if p.keputusan:
        dokumen.append("pemberitahuan")
    if p.keputusan == DITOLAK:
        dokumen.append("penolakan")
    if p.tanggal_penyerahan:
        dokumen.append("penyerahan")
    return TampilanPermohonan(
        langkah=tuple(langkah), dokumen=tuple(dokumen),
        boleh_keberatan=bool(p.keputusan) and boleh(R.LAYANAN_CATAT),
        boleh_ubah=boleh(R.LAYANAN_CATAT) and not p.dianonimkan,
        cetak=tuple(all(boleh(i) for i in izin_dokumen(j)) for j in dokumen),
        izin_cetak=tuple(izin_dokumen(j) for j in dokumen),
    )


# ------------------------------------------------------------------ late answers (Pasal 22(7)–(8))
def batas_jawab(tenggat: date, tanggal_perpanjangan: date | None, tenggat_perpanjangan: date | None) -> date:
    """The deadline a written notice is held to: 10 working days, or 17 when the extension was made
    while the first 10 had not run out (an extension made too late extends nothing)."""
    if tanggal_perpanjangan is not None and tenggat_perpanjangan is not None and tanggal_perpanjangan <= tenggat:
        return tenggat_perpanjangan
    return tenggat


def dijawab_terlambat(p: Any) -> bool:
    """True when ``p``'s written notice came after ``batas_jawab`` (a request without a notice: False)."""
    if p.tanggal_pemberitahuan is None:
        return False
    return bool(p.tanggal_pemberitahuan > batas_jawab(p.tenggat, p.tanggal_perpanjangan, p.tenggat_perpanjangan))


SQL_BATAS_JAWAB = (
    "(CASE WHEN p.tanggal_perpanjangan IS NOT NULL AND p.tenggat_perpanjangan IS NOT NULL "
    "AND p.tanggal_perpanjangan <= p.tenggat THEN p.tenggat_perpanjangan ELSE p.tenggat END)"
)
SQL_DIJAWAB_TERLAMBAT = f"(p.tanggal_pemberitahuan IS NOT NULL AND p.tanggal_pemberitahuan > {SQL_BATAS_JAWAB})"
"""``dijawab_terlambat`` as an SQL expression over the ``permohonan`` table aliased ``p`` (ISO dates)."""
