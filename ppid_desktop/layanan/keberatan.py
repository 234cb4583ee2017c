"""Keberatan: the objection to the Atasan PPID (UU 14/2008 Pasal 35–36), its answer and the requester's response."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Any

from sqlmodel import select

from ppid_desktop.akun import roles as R  # noqa: N812
from ppid_desktop.core import crypto
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.audit import log_event
from ppid_desktop.core.errors import UserError, ValidationError
from ppid_desktop.core.identitas import IdentitasError, parse_nik
from ppid_desktop.core.tanggal import tanggal_panjang
from ppid_desktop.layanan import rincian as rincian_ringkas
from ppid_desktop.layanan import rules as RU  # noqa: N812
from ppid_desktop.layanan.inti import Bagian, ada, set_nik
from ppid_desktop.layanan.models import Keberatan, Permohonan
from ppid_desktop.master.service import EMAIL_RE


def tanggal_dasar(p: Permohonan) -> date:
    """When the ground for objecting arose: the written notice, else the lapse of its deadline."""
    return p.tanggal_pemberitahuan or p.tenggat_efektif


IDENTITAS_TEKS = {
    "nama": ("Nama pemohon", 200), "alamat": ("Alamat", 300), "pekerjaan": ("Pekerjaan", 100),
    "telepon": ("Telepon", 64), "email": ("E-mail", 200), "nama_kuasa": ("Nama kuasa", 200),
    "alamat_kuasa": ("Alamat kuasa", 300),
}
HURUF_MANDIRI = tuple(h for h in RU.PASAL_35 if h != "a")  # b–g may stand alone; a needs the refused request


@dataclass(frozen=True)
class KeberatanMandiri:
    """A keberatan recorded without a registered permohonan (Pasal 35(1) b–g): the pemohon's own identity,
    the grounds and, optionally, the day the 30-working-day filing window runs from and why."""

    nama: str
    alasan: tuple[str, ...] | str
    kasus_posisi: str
    tanggal_diterima: date | None = None
    nik: str = ""
    alamat: str = ""
    pekerjaan: str = ""
    telepon: str = ""
    email: str = ""
    kuasa: bool = False
    nama_kuasa: str = ""
    alamat_kuasa: str = ""
    tanggal_dasar: date | None = None
    alasan_tanggal_dasar: str = ""

    @classmethod
    def dari_dict(cls, data: dict[str, Any]) -> KeberatanMandiri:
        """From a plain dict (JSON, a dialog); unknown keys are ignored, values kept as given (the service
        validates them)."""
        names = {f.name for f in fields(cls)}
        kw = {k: v for k, v in data.items() if k in names and v is not None}
        for k in ("tanggal_diterima", "tanggal_dasar"):
            if isinstance(kw.get(k), str):
                try:
                    kw[k] = date.fromisoformat(kw[k])
                except ValueError:
                    raise ValidationError({k: f"Tanggal '{kw[k]}' tidak valid (format TTTT-BB-HH)."}) from None
        if isinstance(kw.get("alasan"), list):
            kw["alasan"] = tuple(str(h) for h in kw["alasan"])
        return cls(**{"nama": "", "alasan": "", "kasus_posisi": "", **kw})

    def data(self) -> dict[str, Any]:
        return asdict(self)


class KeberatanLayanan(Bagian):
    _tanggal_dasar = staticmethod(tanggal_dasar)

    def _validasi_umum(self, data: dict[str, Any], problems: dict[str, str]) -> tuple[list[str], str, date, str]:
        """Grounds, case, receipt day and the hand-set start of the filing window, shared by both kinds."""
        try:
            alasan = RU.parse_huruf(data.get("alasan"), RU.PASAL_35, "alasan")
        except ValidationError as exc:
            problems.update(exc.problems)
            alasan = []
        if not alasan and "alasan" not in problems:
            problems["alasan"] = "Pilih sedikitnya satu alasan keberatan (Pasal 35 ayat (1) huruf a–g)."
        kasus = str(data.get("kasus_posisi") or "").strip()
        if not kasus:
            problems["kasus_posisi"] = "Kasus posisi wajib diisi."
        tgl = data.get("tanggal_diterima") or self.clock()
        if not isinstance(tgl, date):
            problems["tanggal_diterima"] = "Tanggal keberatan diterima tidak valid."
            tgl = self.clock()
        elif tgl > self.clock():
            problems["tanggal_diterima"] = "Tanggal keberatan diterima tidak boleh setelah hari ini."
        dasar_tangan = data.get("tanggal_dasar")
        alasan_dasar = str(data.get("alasan_tanggal_dasar") or "").strip()
        if dasar_tangan is not None:
            if not isinstance(dasar_tangan, date):
                problems["tanggal_dasar"] = "Tanggal mulai hitung 30 hari kerja tidak valid."
            elif dasar_tangan > tgl:
                problems["tanggal_dasar"] = "Tanggal mulai hitung tidak boleh setelah keberatan diterima."
            elif not alasan_dasar:
                problems["alasan_tanggal_dasar"] = ("Sebutkan alasannya bila 30 hari kerja dihitung dari tanggal lain "
                                                    "(mis. hari pemohon mengetahui informasi berkala tidak tersedia).")
        return alasan, kasus, tgl, alasan_dasar

    def validasi_pemohon(self, data: dict[str, Any], *, nik_wajib: bool = True) -> dict[str, Any]:
        """The standalone pemohon's identity cleaned (nama, nik, alamat, pekerjaan, telepon, email, kuasa,
        nama_kuasa, alamat_kuasa); ``ValidationError`` per field otherwise. The NIK rules are the request
        form's (16 digits, valid region/date)."""
        problems: dict[str, str] = {}
        out: dict[str, Any] = {}
        for key, (lbl, maks) in IDENTITAS_TEKS.items():
            v = str(data.get(key) or "").strip()
            if len(v) > maks:
                problems[key] = f"{lbl} terlalu panjang (maksimal {maks} karakter)."
            out[key] = v
        if not out["nama"]:
            problems["nama"] = "Nama pemohon wajib diisi bila keberatan tidak atas permohonan yang terdaftar."
        if out["email"] and not EMAIL_RE.match(out["email"]):
            problems["email"] = "Alamat e-mail tidak valid."
        raw = str(data.get("nik") or "").strip()
        out["nik"] = None
        if raw:
            try:
                out["nik"] = parse_nik(raw).nik
            except IdentitasError as exc:
                problems["nik"] = exc.message
        elif nik_wajib:
            problems["nik"] = "NIK pemohon wajib diisi (16 digit sesuai KTP)."
        out["kuasa"] = bool(data.get("kuasa"))
        if out["kuasa"] and not out["nama_kuasa"]:
            problems["nama_kuasa"] = "Keberatan melalui kuasa wajib menyebut nama penerima kuasa."
        if problems:
            raise ValidationError(problems)
        return out

    def catat_keberatan_mandiri(self, actor: Actor, m: KeberatanMandiri, *,
                                nomor: str | None = None) -> tuple[Keberatan, list[str]]:
        """Register a keberatan that stands alone (no permohonan): grounds b–g only, the pemohon's own
        identity (NIK encrypted like a request's). The 30-working-day window runs from ``tanggal_dasar``
        (set with a reason) or, when none is given, from the day the keberatan is received."""
        return self.catat_keberatan(actor, None, m.data(), nomor=nomor)

    def catat_keberatan(self, actor: Actor, permohonan_id: str | None, data: dict[str, Any], *,
                         nomor: str | None = None, nik_wajib: bool = True) -> tuple[Keberatan, list[str]]:
        """Register an objection. Returns the row and warnings (late filing warns, never blocks).
        ``permohonan_id`` None: a keberatan standing alone (see ``catat_keberatan_mandiri``)."""
        R.require(actor, R.LAYANAN_CATAT)
        problems: dict[str, str] = {}
        alasan, kasus, tgl, alasan_dasar = self._validasi_umum(data, problems)
        dasar_tangan = data.get("tanggal_dasar")
        identitas: dict[str, Any] = {}
        if permohonan_id is None:
            if "a" in alasan:
                problems["alasan"] = ("Alasan huruf a (permohonan ditolak berdasarkan Pasal 17) memerlukan permohonan "
                                      "yang terdaftar: catat keberatan dari permohonan tersebut.")
            try:
                identitas = self.validasi_pemohon(data, nik_wajib=nik_wajib)
            except ValidationError as exc:
                problems.update(exc.problems)
        if problems:
            raise ValidationError(problems)
        cur: Permohonan | None = None
        if permohonan_id is not None:
            with self.store.read() as s:
                cur = ada(s, Permohonan, permohonan_id, "Permohonan")
            cal, versi = self._kalender(cur.tanggal_diterima, cur.tenggat_efektif, tgl, dasar_tangan)
        else:
            cal, versi = self._kalender(tgl, dasar_tangan)
        warnings: list[str] = []
        with self.store.session(actor) as s:
            p: Permohonan | None = None
            if permohonan_id is not None:
                p = ada(s, Permohonan, permohonan_id, "Permohonan")
                if tgl < p.tanggal_diterima:
                    raise ValidationError({"tanggal_diterima": "Keberatan tidak boleh diterima sebelum permohonannya."})
                if "a" in alasan and p.keputusan != RU.DITOLAK:
                    warnings.append("Alasan huruf a (penolakan Pasal 17) dipilih, padahal permohonan ini tidak ditolak.")
                dasar = dasar_tangan or self._tanggal_dasar(p)
            else:
                dasar = dasar_tangan or tgl
            batas = cal.add_workdays(dasar, RU.HK_KEBERATAN_AJU).jatuh_tempo
            terlambat = tgl > batas
            if terlambat:
                warnings.append(
                    f"Keberatan diajukan {tanggal_panjang(tgl)}, melewati batas 30 hari kerja "
                    f"({tanggal_panjang(batas)}) sejak {tanggal_panjang(dasar)}. Tetap dicatat."
                )
            t = cal.add_workdays(tgl, RU.HK_KEBERATAN_JAWAB, versi)
            if nomor:
                nomor = nomor.strip()
                if s.exec(select(Keberatan.id).where(Keberatan.nomor == nomor, Keberatan.deleted == False)).first():  # noqa: E712
                    raise ValidationError({"nomor": f"Nomor keberatan {nomor} sudah dipakai."})
                self._bump(s, "keberatan", nomor, tgl)
            else:
                nomor = self.master.nomor_berikut(s, "keberatan", tgl)
            if p is not None:
                orang: dict[str, Any] = {"nama": str(data.get("nama") or p.nama),
                                         "nama_kuasa": str(data.get("nama_kuasa") or ""),
                                         "alamat_kuasa": str(data.get("alamat_kuasa") or "")}
                nik = None
            else:
                orang = dict(identitas)
                nik = orang.pop("nik")
            k = Keberatan(
                nomor=nomor, permohonan_id=p.id if p is not None else None, tanggal_diterima=tgl,
                alasan=",".join(alasan), kasus_posisi=kasus, tanggal_dasar=dasar, batas_pengajuan=batas,
                terlambat_diajukan=terlambat, tenggat_jawaban=t.jatuh_tempo, versi_kalender=versi,
                tenggat_rincian=rincian_ringkas.pack_one(t.to_dict()),
                alasan_tanggal_dasar=alasan_dasar if dasar_tangan is not None else "", **orang,
            )
            set_nik(k, nik)
            s.add(k)
            s.flush()
            asal = (f"Keberatan atas permohonan {p.nomor}" if p is not None
                    else "Keberatan tanpa permohonan (Pasal 35 ayat (1) huruf " + ", ".join(alasan) + ")")
            self._event(s, actor, "keberatan", k.id, "dicatat", "", RU.K_DITERIMA,
                        f"{asal}; jawaban paling lambat {tanggal_panjang(k.tenggat_jawaban)}."
                        + (f" Batas pengajuan dihitung sejak {tanggal_panjang(dasar)}: {alasan_dasar}."
                           if dasar_tangan is not None else "")
                        + (" Diajukan melewati 30 hari kerja." if terlambat else ""))
            if p is not None:
                self._event(s, actor, "permohonan", p.id, "keberatan", p.status, p.status, f"Keberatan {nomor} diajukan.")
        return k, warnings

    def lihat_nik(self, actor: Actor, keberatan_id: str) -> str:
        """The standalone pemohon's full NIK (PDP_LIHAT, audited); "" when none is stored."""
        R.require(actor, R.PDP_LIHAT)
        with self.store.session(actor) as s:
            k = ada(s, Keberatan, keberatan_id, "Keberatan")
            if not k.nik_enc:
                return ""
            nik = crypto.decrypt_text(k.nik_enc)
            log_event(s, actor, "view", "keberatan", k.id, f"NIK pemohon keberatan {k.nomor} dibuka")
        return nik

    def ambil_keberatan(self, keberatan_id: str) -> Keberatan:
        with self.store.read() as s:
            return ada(s, Keberatan, keberatan_id, "Keberatan")

    def cari_keberatan(self, nomor: str) -> Keberatan | None:
        with self.store.read() as s:
            return s.exec(select(Keberatan).where(Keberatan.nomor == nomor.strip(), Keberatan.deleted == False)).first()  # noqa: E712

    def keberatan_untuk(self, permohonan_id: str) -> list[Keberatan]:
        with self.store.read() as s:
            return list(s.exec(select(Keberatan).where(Keberatan.permohonan_id == permohonan_id, Keberatan.deleted == False)))  # noqa: E712

    def putus_keberatan(self, actor: Actor, keberatan_id: str, data: dict[str, Any]) -> Keberatan:
        """The Atasan PPID's written answer (KEBERATAN_PUTUS)."""
        R.require(actor, R.KEBERATAN_PUTUS)
        problems: dict[str, str] = {}
        putusan = str(data.get("putusan") or "")
        if putusan not in RU.PUTUSAN_KEBERATAN:
            problems["putusan"] = "Pilih putusan Atasan PPID."
        isi = str(data.get("isi_tanggapan") or "").strip()
        if not isi:
            problems["isi_tanggapan"] = "Isi tanggapan/pertimbangan Atasan PPID wajib diisi."
        if not str(data.get("atasan_nama") or "").strip():
            problems["atasan_nama"] = "Nama Atasan PPID wajib diisi."
        if problems:
            raise ValidationError(problems)
        with self.store.session(actor) as s:
            k = ada(s, Keberatan, keberatan_id, "Keberatan")
            if k.status != RU.K_DITERIMA:
                raise UserError(f"Keberatan berstatus '{RU.STATUS_KEBERATAN[k.status]}' tidak dapat diputus lagi.")
            if putusan == "musyawarah" and "a" in k.alasan.split(","):
                raise ValidationError({"putusan": "Keberatan atas penolakan Pasal 17 (huruf a) tidak dapat diselesaikan secara musyawarah (Pasal 35 ayat (2))."})
            tgl = data.get("tanggal_tanggapan") or self.clock()
            if tgl > self.clock() or tgl < k.tanggal_diterima:
                raise ValidationError({"tanggal_tanggapan": "Tanggal tanggapan tidak wajar (sebelum keberatan diterima atau setelah hari ini)."})
            k.putusan, k.isi_tanggapan, k.tanggal_tanggapan = putusan, isi, tgl
            k.atasan_nama = str(data.get("atasan_nama")).strip()
            k.atasan_jabatan = str(data.get("atasan_jabatan") or "Atasan PPID").strip()
            k.atasan_nip = str(data.get("atasan_nip") or "").strip()
            dari, k.status = k.status, RU.K_DIPUTUSKAN
            s.add(k)
            note = RU.PUTUSAN_KEBERATAN[putusan]
            if tgl > k.tenggat_jawaban:
                note += f" (melewati tenggat {tanggal_panjang(k.tenggat_jawaban)})"
            self._event(s, actor, "keberatan", k.id, "diputuskan", dari, k.status, note)
        return k

    def tanggapan_pemohon(self, actor: Actor, keberatan_id: str, tanggapan: str, catatan: str = "") -> Keberatan:
        R.require(actor, R.LAYANAN_CATAT)
        if tanggapan not in RU.TANGGAPAN_PEMOHON:
            raise ValidationError({"tanggapan_pemohon": "Pilih tanggapan pemohon."})
        with self.store.session(actor) as s:
            k = ada(s, Keberatan, keberatan_id, "Keberatan")
            if k.status != RU.K_DIPUTUSKAN:
                raise UserError("Tanggapan pemohon dicatat setelah Atasan PPID menjawab keberatan.")
            k.tanggapan_pemohon, k.catatan_pemohon = tanggapan, catatan.strip()
            dari, k.status = k.status, RU.K_SELESAI
            s.add(k)
            self._event(s, actor, "keberatan", k.id, "tanggapan_pemohon", dari, k.status,
                        f"{RU.TANGGAPAN_PEMOHON[tanggapan]}. {catatan}".strip())
        return k

    def tindak_lanjut(self, actor: Actor, keberatan_id: str, nilai: str, catatan: str = "") -> Keberatan:
        """Record whether the Atasan's answer was carried out (``dilaksanakan`` / ``tidak_dilaksanakan``),
        counted in the annual report."""
        R.require(actor, R.LAYANAN_CATAT)
        if nilai not in RU.TINDAK_LANJUT:
            raise ValidationError({"tindak_lanjut": "Pilih: dilaksanakan atau tidak dilaksanakan."})
        with self.store.session(actor) as s:
            k = ada(s, Keberatan, keberatan_id, "Keberatan")
            if not k.putusan:
                raise ValidationError({"tindak_lanjut": "Tindak lanjut dicatat setelah Atasan PPID menjawab."})
            k.tindak_lanjut = nilai
            s.add(k)
            self._event(s, actor, "keberatan", k.id, "tindak_lanjut", k.status, k.status,
                        f"Jawaban Atasan PPID {RU.TINDAK_LANJUT[nilai].lower()}. {catatan}".strip())
        return k

    KOREKSI = {"nama": ("Nama pemohon", 200), "nama_kuasa": ("Nama kuasa", 200), "alamat_kuasa": ("Alamat kuasa", 300),
               "kasus_posisi": ("Kasus posisi", 20000), "alamat": ("Alamat", 300), "pekerjaan": ("Pekerjaan", 100),
               "telepon": ("Telepon", 64), "email": ("E-mail", 200)}

    def ubah_keberatan(self, actor: Actor, keberatan_id: str, data: dict[str, Any]) -> Keberatan:
        """Correct an objection's identity and narrative (nama, nama_kuasa, alamat_kuasa, kasus_posisi; for a
        keberatan without a permohonan also nik, alamat, pekerjaan, telepon, email) and its Pasal 35 grounds
        while it awaits the Atasan's answer; each change goes into the history as "label: old → new" (NIK
        masked). The answer, dates and clocks are not changed here."""
        R.require(actor, R.LAYANAN_CATAT)
        problems: dict[str, str] = {}
        clean: dict[str, Any] = {}
        for key, (lbl, maks) in self.KOREKSI.items():
            if key in data:
                v = str(data.get(key) or "").strip()
                if len(v) > maks:
                    problems[key] = f"{lbl} terlalu panjang (maksimal {maks} karakter)."
                clean[key] = v
        if "kasus_posisi" in clean and not clean["kasus_posisi"]:
            problems["kasus_posisi"] = "Kasus posisi wajib diisi."
        if clean.get("email") and not EMAIL_RE.match(clean["email"]):
            problems["email"] = "Alamat e-mail tidak valid."
        if "alasan" in data:
            try:
                huruf = RU.parse_huruf(data.get("alasan"), RU.PASAL_35, "alasan")
            except ValidationError as exc:
                problems.update(exc.problems)
                huruf = []
            if not huruf and "alasan" not in problems:
                problems["alasan"] = "Pilih sedikitnya satu alasan keberatan (Pasal 35 ayat (1) huruf a–g)."
            clean["alasan"] = ",".join(huruf)
        nik: str | None = None
        if str(data.get("nik") or "").strip():
            try:
                nik = parse_nik(str(data["nik"]).strip()).nik
            except IdentitasError as exc:
                problems["nik"] = exc.message
        if problems:
            raise ValidationError(problems)
        with self.store.session(actor) as s:
            k = ada(s, Keberatan, keberatan_id, "Keberatan")
            if "alasan" in clean and k.status != RU.K_DITERIMA and clean["alasan"] != k.alasan:
                raise ValidationError({"alasan": "Alasan keberatan tidak dapat diubah setelah Atasan PPID menjawab."})
            if k.permohonan_id is None and "a" in clean.get("alasan", "").split(","):
                raise ValidationError({"alasan": "Alasan huruf a memerlukan permohonan yang terdaftar; keberatan ini "
                                                 "tanpa permohonan (huruf b–g)."})
            if nik is not None and k.permohonan_id is not None:
                raise ValidationError({"nik": "NIK keberatan atas permohonan diubah pada permohonannya."})
            perubahan = []
            if nik is not None and (k.nik_hash is None or crypto.keyed_hash(nik) != k.nik_hash):
                lama_mask = k.nik_mask or "-"
                set_nik(k, nik)
                perubahan.append(f"NIK: {lama_mask} → {k.nik_mask}")  # masked on both sides
            for key, v in clean.items():
                lama = getattr(k, key)
                if lama != v:
                    setattr(k, key, v)
                    lbl = "Alasan (Pasal 35)" if key == "alasan" else self.KOREKSI[key][0]
                    perubahan.append(f"{lbl}: {_ringkas(lama)} → {_ringkas(v)}")
            if perubahan:
                s.add(k)
                self._event(s, actor, "keberatan", k.id, "diubah", k.status, k.status,
                            "Data diubah: " + "; ".join(perubahan))
        return k


def _ringkas(v: Any) -> str:
    text = " ".join(str(v or "").split())
    if not text:
        return "-"
    return f"“{text[:77]}…”" if len(text) > 80 else f"“{text}”"


# ------------------------------------------------------------------ view model (what a screen may offer)
@dataclass(frozen=True)
class AksiKeberatan:
    """One act the detail screen of an objection offers: ``kunci`` (ubah | jawab | tanggapan | sengketa |
    tindak_lanjut), its button text and the permission it needs (the screen disables it, saying why, for a
    role without it)."""

    kunci: str
    label: str
    izin: str


def tampilan_keberatan(k: Keberatan) -> tuple[tuple[AksiKeberatan, ...], tuple[str, ...]]:
    """The acts objection ``k``'s status allows (the same guards the methods above enforce) and the letters
    that exist for it (keys of ``rules.DOKUMEN``), so the UI copies no rule."""
    aksi = [AksiKeberatan("ubah", "Ubah data…", R.LAYANAN_CATAT)]
    if k.status == RU.K_DITERIMA:
        aksi.append(AksiKeberatan("jawab", "Jawaban Atasan PPID", R.KEBERATAN_PUTUS))
    if k.status == RU.K_DIPUTUSKAN:
        aksi.append(AksiKeberatan("tanggapan", "Tanggapan pemohon", R.LAYANAN_CATAT))
    if k.status in (RU.K_DIPUTUSKAN, RU.K_SELESAI):
        aksi.append(AksiKeberatan("sengketa", "Catat sengketa KI", R.LAYANAN_CATAT))
    if k.putusan:
        aksi.append(AksiKeberatan("tindak_lanjut", "Tindak lanjut jawaban", R.LAYANAN_CATAT))
    dokumen = ("keberatan", "tanggapan-keberatan") if k.tanggal_tanggapan else ("keberatan",)
    return tuple(aksi), dokumen
