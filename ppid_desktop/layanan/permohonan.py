"""Permohonan: registration, correction, identity (NIK), attachments, the status steps and the deadlines.

Published for other rooms (rekap imports): ``hitung_tenggat`` / ``terapkan_tenggat`` (the Pasal 22 clocks
of a request), ``set_nik`` (NIK encrypted, keyed hash, mask) and ``PermohonanLayanan.validasi`` (the
form's rules, the same messages as the entry form).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from ppid_desktop.akun import roles as R  # noqa: N812
from ppid_desktop.core import crypto, lampiran
from ppid_desktop.core import kalender as K  # noqa: N812
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.audit import log_event
from ppid_desktop.core.errors import UserError, ValidationError
from ppid_desktop.core.identitas import IdentitasError, parse_nik
from ppid_desktop.core.tanggal import tanggal_panjang
from ppid_desktop.layanan import rincian as rincian_ringkas
from ppid_desktop.layanan import rules as RU  # noqa: N812
from ppid_desktop.layanan.inti import Bagian, Inti, ada, nama_aktor, set_nik
from ppid_desktop.layanan.models import Keberatan, LampiranLayanan, Permohonan
from ppid_desktop.layanan.retensi import RetensiLayanan, retain_until
from ppid_desktop.master.models import PerangkatDaerah
from ppid_desktop.master.service import EMAIL_RE

TEXT_FIELDS = {
    "nama": ("Nama pemohon", 200), "nama_kuasa": ("Nama kuasa", 200), "alamat": ("Alamat", 300),
    "pekerjaan": ("Pekerjaan", 100), "telepon": ("Telepon", 64), "email": ("E-mail", 200),
    "rincian": ("Rincian informasi", 5000), "tujuan": ("Tujuan penggunaan", 2000),
    "no_sk_badan_hukum": ("Nomor SK badan hukum", 100), "petugas": ("Petugas", 200),
}
LAMPIRAN_JENIS: dict[str, str] = {
    "ktp": "Scan KTP", "surat_kuasa": "Surat kuasa", "surat": "Surat permohonan", "akta": "Akta / SK badan hukum",
    "lain": "Lainnya",
}


def hitung_tenggat(cal: K.WorkCalendar, versi: str, tanggal_diterima: date,
                   tanggal_perpanjangan: date | None) -> dict[str, Any]:
    """The deadline fields of a request received on ``tanggal_diterima`` (extended on
    ``tanggal_perpanjangan``): 10 working days for the written notice, 7 more when extended
    (UU 14/2008 Pasal 22(7)–(8)), with the calendar version and the skipped days (``tenggat_rincian``)."""
    t10 = cal.add_workdays(tanggal_diterima, RU.HK_PEMBERITAHUAN, versi)
    rincian: dict[str, Any] = {"awal": t10.to_dict(), "perpanjangan": None}
    t_perpanjangan = None
    if tanggal_perpanjangan is not None:
        t7 = cal.add_workdays(t10.jatuh_tempo, RU.HK_PERPANJANGAN, versi)
        t_perpanjangan = t7.jatuh_tempo
        rincian["perpanjangan"] = t7.to_dict()
    out: dict[str, Any] = {"tenggat": t10.jatuh_tempo, "tenggat_perpanjangan": t_perpanjangan,
                           "tenggat_efektif": t_perpanjangan or t10.jatuh_tempo, "versi_kalender": versi}
    # relative to the row (form 2 of layanan.rincian): weekends and the row's own dates implied
    out["tenggat_rincian"] = rincian_ringkas.pack_row(rincian, {**out, "tanggal_diterima": tanggal_diterima})
    return out


def terapkan_tenggat(p: Permohonan, cal: K.WorkCalendar, versi: str) -> None:
    """Set ``p``'s deadline fields from its receipt and extension dates (see ``hitung_tenggat``)."""
    for k, v in hitung_tenggat(cal, versi, p.tanggal_diterima, p.tanggal_perpanjangan).items():
        setattr(p, k, v)


LABEL_UBAH: dict[str, str] = {
    **{k: lbl for k, (lbl, _n) in TEXT_FIELDS.items()}, "tanggal_diterima": "Tanggal diterima", "saluran": "Saluran",
    "jenis_pemohon": "Jenis pemohon", "cara_memperoleh": "Cara memperoleh", "cara_salinan": "Cara mendapatkan salinan",
    "kuasa": "Melalui kuasa", "opd_id": "OPD", "nik": "NIK",
}
_PILIHAN_UBAH = {"saluran": RU.SALURAN, "jenis_pemohon": RU.JENIS_PEMOHON, "cara_memperoleh": RU.CARA_MEMPEROLEH,
                 "cara_salinan": RU.CARA_SALINAN}


def _nilai(s: Session, key: str, v: Any) -> str:
    """A value as the history shows it: labels for codes, dates the Indonesian way, long text shortened."""
    if v is None or v == "":
        return "-"
    if isinstance(v, bool):
        return "ya" if v else "tidak"
    if isinstance(v, date):
        return tanggal_panjang(v)
    if key in _PILIHAN_UBAH:
        return RU.label(_PILIHAN_UBAH[key], str(v))
    if key == "opd_id":
        opd = s.get(PerangkatDaerah, v)
        return opd.nama if opd else str(v)
    text = " ".join(str(v).split())
    return f"“{text[:77]}…”" if len(text) > 80 else f"“{text}”"


class PermohonanLayanan(Bagian):
    def __init__(self, inti: Inti, retensi: RetensiLayanan) -> None:
        super().__init__(inti)
        self.retensi = retensi

    _apply_deadlines = staticmethod(terapkan_tenggat)
    _set_nik = staticmethod(set_nik)

    # ------------------------------------------------------------ permohonan: validation
    def validasi(self, data: dict[str, Any], *, baru: bool, opd_ids: Collection[str] | None = None,
                 nik_wajib: bool = True) -> dict[str, Any]:
        """The request form's fields cleaned (``baru``: a new request, required fields checked);
        ``ValidationError`` with one message per field otherwise."""
        problems: dict[str, str] = {}
        out: dict[str, Any] = {}
        for key, (lbl, max_len) in TEXT_FIELDS.items():
            if key in data:
                v = str(data.get(key) or "").strip()
                if len(v) > max_len:
                    problems[key] = f"{lbl} terlalu panjang (maksimal {max_len} karakter)."
                out[key] = v
        for key, table, lbl in (
            ("saluran", RU.SALURAN, "Saluran"), ("jenis_pemohon", RU.JENIS_PEMOHON, "Jenis pemohon"),
            ("cara_memperoleh", RU.CARA_MEMPEROLEH, "Cara memperoleh informasi"),
            ("cara_salinan", RU.CARA_SALINAN, "Cara mendapatkan salinan"),
        ):
            if key in data:
                v = str(data.get(key) or "")
                if v not in table:
                    problems[key] = f"{lbl} '{v}' tidak dikenal (pilihan: {', '.join(table)})."
                out[key] = v
        if baru:
            for key, lbl in (("nama", "Nama pemohon"), ("rincian", "Rincian informasi yang diminta"),
                             ("tujuan", "Tujuan penggunaan informasi")):
                if not out.get(key):
                    problems[key] = f"{lbl} wajib diisi."
        if out.get("email") and not EMAIL_RE.match(out["email"]):
            problems["email"] = "Alamat e-mail tidak valid."
        jenis = out.get("jenis_pemohon", data.get("jenis_pemohon", "perorangan"))
        if "nik" in data or baru:
            raw = str(data.get("nik") or "").strip()
            if raw:
                try:
                    out["nik"] = parse_nik(raw).nik
                except IdentitasError as exc:
                    problems["nik"] = exc.message
            elif jenis in ("perorangan", "kelompok") and nik_wajib:
                problems["nik"] = "NIK wajib diisi untuk pemohon perorangan/kelompok (16 digit sesuai KTP)."
        if jenis == "badan_hukum" and baru and not out.get("no_sk_badan_hukum"):
            problems["no_sk_badan_hukum"] = "Pemohon badan hukum wajib menyebut nomor SK pengesahan badan hukum."
        if "kuasa" in data:
            out["kuasa"] = bool(data.get("kuasa"))
            if out["kuasa"] and not out.get("nama_kuasa"):
                problems["nama_kuasa"] = "Permohonan melalui kuasa wajib menyebut nama penerima kuasa."
        if "tanggal_diterima" in data or baru:
            tgl = data.get("tanggal_diterima")
            if not isinstance(tgl, date):
                problems["tanggal_diterima"] = "Tanggal diterima wajib diisi."
            elif tgl > self.clock():
                problems["tanggal_diterima"] = (
                    f"Tanggal diterima ({tanggal_panjang(tgl)}) tidak boleh setelah hari ini."
                )
            elif tgl.year < 2008:
                problems["tanggal_diterima"] = "Tanggal diterima tidak wajar (sebelum UU KIP berlaku)."
            else:
                out["tanggal_diterima"] = tgl
        if "opd_id" in data:
            opd = data.get("opd_id") or None
            if opd and (opd not in opd_ids if opd_ids is not None else self.master.ambil_opd(opd) is None):
                problems["opd_id"] = "Perangkat daerah tidak ditemukan."
            out["opd_id"] = opd
        if problems:
            raise ValidationError(problems)
        return out

    # ------------------------------------------------------------ permohonan: create / edit / read
    def catat_permohonan(self, actor: Actor, data: dict[str, Any], *, nomor: str | None = None,
                          lampiran: list[tuple[str, Path]] | None = None) -> Permohonan:
        """Register a request. ``nomor`` given (import) is kept; otherwise the next number is taken.

        ``data`` keys: tanggal_diterima (date), saluran, jenis_pemohon, nama, nik, no_sk_badan_hukum,
        kuasa, nama_kuasa, alamat, pekerjaan, telepon, email, rincian, tujuan, cara_memperoleh,
        cara_salinan, opd_id, petugas. ``lampiran``: [(jenis, path)], stored encrypted.
        """
        R.require(actor, R.LAYANAN_CATAT)
        data = {"saluran": "langsung", "jenis_pemohon": "perorangan", "cara_memperoleh": "salinan_softcopy",
                "cara_salinan": "email", **data}
        clean = self.validasi(data, baru=True)
        nik = clean.pop("nik", None)
        cal, versi = self._kalender(clean["tanggal_diterima"])
        files = self._encrypt_files(lampiran or [])
        with self.store.session(actor) as s:
            if nomor:
                nomor = nomor.strip()
                if s.exec(select(Permohonan.id).where(Permohonan.nomor == nomor, Permohonan.deleted == False)).first():  # noqa: E712
                    raise ValidationError({"nomor": f"Nomor pendaftaran {nomor} sudah dipakai."})
                self._bump(s, "permohonan", nomor, clean["tanggal_diterima"])
            else:
                nomor = self.master.nomor_berikut(s, "permohonan", clean["tanggal_diterima"])
            p = self._tambah(s, actor, nomor, clean, nik, cal, versi, None)
            for jenis, nama, digest, size in files:
                s.add(LampiranLayanan(objek="permohonan", objek_id=p.id, jenis=jenis, nama_berkas=nama,
                                      digest=digest, ukuran=size))
        return p

    def _tambah(self, s: Session, actor: Actor, nomor: str, clean: dict[str, Any], nik: str | None, cal: K.WorkCalendar,
                versi: str, sumber: str | None) -> Permohonan:
        """One new request inside the caller's unit of work: petugas, NIK, deadlines and the "dicatat" event
        (from ``sumber`` for a bulk intake, else through the request's channel)."""
        p = Permohonan(nomor=nomor, tenggat=clean["tanggal_diterima"], tenggat_efektif=clean["tanggal_diterima"],
                       **clean)
        if not p.petugas:
            p.petugas = nama_aktor(actor)
        self._set_nik(p, nik)
        self._apply_deadlines(p, cal, versi)
        s.add(p)
        s.flush()
        asal = f"dari {sumber}" if sumber else f"melalui {RU.label(RU.SALURAN, p.saluran)}"
        self._event(s, actor, "permohonan", p.id, "dicatat", "", RU.DITERIMA,
                    f"Permohonan dicatat {asal}; tenggat pemberitahuan {tanggal_panjang(p.tenggat)}.")
        return p

    def catat_banyak(self, actor: Actor, rows: Sequence[dict[str, Any]], sumber: str) -> list[Permohonan]:
        """Register several already validated requests (``validasi(..., baru=True)`` output) in ONE unit of
        work, numbered in order: all or nothing (``ppid permohonan baru`` with a list, a website export)."""
        R.require(actor, R.LAYANAN_CATAT)
        if not rows:
            return []
        cal, versi = self._kalender(*[r["tanggal_diterima"] for r in rows])
        out: list[Permohonan] = []
        with self.store.session(actor) as s:
            for row in rows:
                clean = dict(row)
                nik = clean.pop("nik", None)
                nomor = self.master.nomor_berikut(s, "permohonan", clean["tanggal_diterima"])
                out.append(self._tambah(s, actor, nomor, clean, nik, cal, versi, sumber))
        return out

    def ubah_permohonan(self, actor: Actor, permohonan_id: str, data: dict[str, Any]) -> Permohonan:
        """Correct identity/request fields (not status, decision or deadlines). The history gets each
        change as "label: old → new" (NIK masked; the audit log masks it too). Letters already printed
        are not regenerated: a signed letter keeps the data as printed."""
        R.require(actor, R.LAYANAN_CATAT)
        clean = self.validasi(data, baru=False)
        nik = clean.pop("nik", None)
        cal, versi = self._kalender(clean.get("tanggal_diterima"), self.clock())
        with self.store.session(actor) as s:
            p = self._get(s, permohonan_id)
            if p.dianonimkan:
                raise UserError("Data pribadi permohonan ini sudah dianonimkan; datanya tidak dapat diubah lagi.")
            perubahan: list[str] = []
            for k, v in clean.items():
                lama = getattr(p, k)
                if lama != v:
                    setattr(p, k, v)
                    perubahan.append(f"{LABEL_UBAH.get(k, k)}: {_nilai(s, k, lama)} → {_nilai(s, k, v)}")
            if nik and (not p.nik_hash or p.nik_hash not in crypto.keyed_hashes(nik)):
                lama_mask = p.nik_mask or "-"
                set_nik(p, nik)
                perubahan.append(f"NIK: {lama_mask} → {p.nik_mask}")
            if "tanggal_diterima" in clean and any(x.startswith(LABEL_UBAH["tanggal_diterima"]) for x in perubahan):
                if p.status not in RU.STATUS_TERBUKA:
                    raise ValidationError({"tanggal_diterima": "Tanggal diterima tidak dapat diubah setelah "
                                                               "permohonan diputuskan."})
                self._apply_deadlines(p, cal, versi)
            if perubahan:
                s.add(p)
                self._event(s, actor, "permohonan", p.id, "diubah", p.status, p.status,
                            "Data diubah: " + "; ".join(perubahan))
        return p

    @staticmethod
    def _get(s: Session, permohonan_id: str) -> Permohonan:
        return ada(s, Permohonan, permohonan_id, "Permohonan")

    def ambil_permohonan(self, permohonan_id: str) -> Permohonan:
        with self.store.read() as s:
            return self._get(s, permohonan_id)

    def cari_nomor(self, nomor: str) -> Permohonan | None:
        with self.store.read() as s:
            return s.exec(select(Permohonan).where(Permohonan.nomor == nomor.strip(), Permohonan.deleted == False)).first()  # noqa: E712

    def cari_nik(self, nik: str) -> list[Permohonan]:
        """Earlier requests by the same NIK (keyed-hash lookup under every key of the ring, nothing decrypted)."""
        hashes = crypto.keyed_hashes(parse_nik(nik).nik)
        with self.store.read() as s:
            return list(s.exec(select(Permohonan).where(col(Permohonan.nik_hash).in_(hashes),
                                                        Permohonan.deleted == False)))  # noqa: E712

    def lihat_nik(self, actor: Actor, permohonan_id: str) -> str:
        """The unmasked NIK, for roles with PDP_LIHAT; audited as a 'view'."""
        R.require(actor, R.PDP_LIHAT)
        with self.store.session(actor) as s:
            p = self._get(s, permohonan_id)
            if not p.nik_enc:
                return ""
            nik = crypto.decrypt_text(p.nik_enc)
            log_event(s, actor, "view", "permohonan", p.id, f"NIK pemohon {p.nomor} dibuka")
        return nik

    def nik_untuk_formulir(self, actor: Actor, permohonan_id: str) -> str:
        """The NIK for the form the requester signs (printing is audited)."""
        R.require(actor, R.LAYANAN_CATAT)
        with self.store.session(actor) as s:
            p = self._get(s, permohonan_id)
            nik = crypto.decrypt_text(p.nik_enc) if p.nik_enc else ""
            log_event(s, actor, "print", "permohonan", p.id, f"Formulir permohonan {p.nomor} dicetak (NIK utuh)")
        return nik

    # ------------------------------------------------------------ attachments
    def _encrypt_files(self, files: list[tuple[str, Path]]) -> list[tuple[str, str, str, int]]:
        crypto.aktifkan(self.store.path)  # encrypted before the unit of work starts: name this store's keyring
        out = []
        for jenis, path in files:
            if jenis not in LAMPIRAN_JENIS:
                raise ValidationError({"lampiran": f"Jenis lampiran '{jenis}' tidak dikenal."})
            path = Path(path)
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise UserError(f"Berkas '{path.name}' tidak dapat dibaca: {exc.strerror}.") from None
            # A KTP scan is a Fernet token (as in earlier releases: old rows keep opening), and like every
            # attachment the file on disk is that token encrypted again under the keyring (core.lampiran).
            digest = lampiran.simpan(self.store, crypto.encrypt_bytes(data))
            out.append((jenis, path.name, digest, len(data)))
        return out

    def tambah_lampiran(self, actor: Actor, objek: str, objek_id: str, jenis: str, path: Path) -> LampiranLayanan:
        R.require(actor, R.LAYANAN_CATAT)
        ((jenis, nama, digest, size),) = self._encrypt_files([(jenis, Path(path))])
        with self.store.session(actor) as s:
            row = LampiranLayanan(objek=objek, objek_id=objek_id, jenis=jenis, nama_berkas=nama, digest=digest, ukuran=size)
            s.add(row)
            self._event(s, actor, objek, objek_id, "lampiran", "", "", f"Lampiran ditambahkan: {LAMPIRAN_JENIS[jenis]} ({nama})")
        return row

    def lampiran(self, objek_id: str) -> list[LampiranLayanan]:
        with self.store.read() as s:
            return list(s.exec(select(LampiranLayanan).where(LampiranLayanan.objek_id == objek_id, LampiranLayanan.deleted == False)))  # noqa: E712

    def buka_lampiran(self, actor: Actor, lampiran_id: str) -> bytes:
        """Decrypted bytes of an attachment (PDP_LIHAT; audited)."""
        R.require(actor, R.PDP_LIHAT)
        with self.store.session(actor) as s:
            row = ada(s, LampiranLayanan, lampiran_id, "Lampiran")
            crypto.aktifkan(self.store.path)
            data = crypto.decrypt_bytes(lampiran.baca(self.store, row.digest))
            log_event(s, actor, "view", "lampiran_layanan", row.id, f"Lampiran {row.nama_berkas} dibuka")
        return data

    # ------------------------------------------------------------ status steps
    def _step(self, s: Session, actor: Actor, p: Permohonan, ke: str, catatan: str) -> None:
        RU.cek_transisi(p.status, ke, actor, p.keputusan)
        dari = p.status
        p.status = ke
        s.add(p)
        self._event(s, actor, "permohonan", p.id, ke, dari, ke, catatan)

    def _tanggal(self, value: date | None, p: Permohonan, lbl: str, key: str) -> date:
        d = value or self.clock()
        if d > self.clock():
            raise ValidationError({key: f"{lbl} ({tanggal_panjang(d)}) tidak boleh setelah hari ini."})
        if d < p.tanggal_diterima:
            raise ValidationError({key: f"{lbl} tidak boleh sebelum tanggal permohonan diterima ({tanggal_panjang(p.tanggal_diterima)})."})
        return d

    def disposisi(self, actor: Actor, permohonan_id: str, opd_id: str | None = None, catatan: str = "") -> Permohonan:
        with self.store.session(actor) as s:
            p = self._get(s, permohonan_id)
            if opd_id:
                opd = s.get(PerangkatDaerah, opd_id)
                if opd is None:
                    raise ValidationError({"opd_id": "Perangkat daerah tidak ditemukan."})
                p.opd_id = opd_id
                catatan = f"Disposisi ke {opd.nama}. {catatan}".strip()
            self._step(s, actor, p, RU.DIPROSES, catatan or "Diproses")
        return p

    def perpanjang(self, actor: Actor, permohonan_id: str, alasan: str, tanggal: date | None = None) -> Permohonan:
        alasan = (alasan or "").strip()
        cur = self.ambil_permohonan(permohonan_id)
        cal, versi = self._kalender(cur.tanggal_diterima, cur.tenggat, self.clock())
        with self.store.session(actor) as s:
            p = self._get(s, permohonan_id)
            RU.cek_transisi(p.status, RU.DIPERPANJANG, actor, p.keputusan)
            if not alasan:
                raise ValidationError({"alasan_perpanjangan": "Perpanjangan wajib disertai alasan tertulis."})
            d = self._tanggal(tanggal, p, "Tanggal perpanjangan", "tanggal_perpanjangan")
            if not RU.bisa_diperpanjang(p.tenggat, d):
                raise ValidationError({"tanggal_perpanjangan": (
                    f"Perpanjangan hanya dapat diberikan sebelum 10 hari kerja pertama habis "
                    f"(tenggat {tanggal_panjang(p.tenggat)}); tanggal perpanjangan {tanggal_panjang(d)} sudah lewat."
                )})
            p.tanggal_perpanjangan = d
            p.alasan_perpanjangan = alasan
            self._apply_deadlines(p, cal, versi)
            self._step(s, actor, p, RU.DIPERPANJANG,
                       f"Diperpanjang 7 hari kerja sampai {tanggal_panjang(p.tenggat_efektif)}. Alasan: {alasan}")
        return p

    def putuskan(self, actor: Actor, permohonan_id: str, data: dict[str, Any]) -> Permohonan:
        """Record the decision (the written notice). ``data``: keputusan, tanggal_pemberitahuan, grounds, fees."""
        clean = RU.validasi_keputusan(data)
        cur = self.ambil_permohonan(permohonan_id)
        cal, _ = self._kalender(cur.tanggal_diterima, self.clock())
        with self.store.session(actor) as s:
            p = self._get(s, permohonan_id)
            RU.cek_transisi(p.status, RU.DIPUTUSKAN, actor, clean["keputusan"])
            d = self._tanggal(data.get("tanggal_pemberitahuan"), p, "Tanggal pemberitahuan", "tanggal_pemberitahuan")
            for k, v in clean.items():
                setattr(p, k, v)
            p.tanggal_pemberitahuan = d
            p.hk_pemberitahuan = cal.workdays_between(p.tanggal_diterima, d)
            if data.get("pejabat_id"):
                p.pejabat_id = data["pejabat_id"]
            note = RU.KEPUTUSAN[clean["keputusan"]]
            if p.keputusan == RU.DITOLAK:
                note += f" — Pasal 17 {RU.pasal_label(p.pasal17)}; uji konsekuensi: {p.uji_konsekuensi}"
            if d > p.tenggat_efektif:
                note += f" (melewati tenggat {tanggal_panjang(p.tenggat_efektif)})"
            self._step(s, actor, p, RU.DIPUTUSKAN, note)
        return p

    def serahkan(self, actor: Actor, permohonan_id: str, tanggal: date | None = None, cara: str = "",
                 penerima: str = "", catatan: str = "") -> Permohonan:
        with self.store.session(actor) as s:
            p = self._get(s, permohonan_id)
            RU.cek_transisi(p.status, RU.DISERAHKAN, actor, p.keputusan)
            d = self._tanggal(tanggal, p, "Tanggal penyerahan", "tanggal_penyerahan")
            if p.tanggal_pemberitahuan and d < p.tanggal_pemberitahuan:
                raise ValidationError({"tanggal_penyerahan": "Tanggal penyerahan tidak boleh sebelum tanggal pemberitahuan."})
            p.tanggal_penyerahan = d
            p.cara_penyerahan = cara or p.cara_salinan
            p.penerima = penerima or p.nama
            self._step(s, actor, p, RU.DISERAHKAN,
                       f"Informasi diserahkan ({RU.label(RU.CARA_SALINAN, p.cara_penyerahan)}) kepada {p.penerima}. {catatan}".strip())
        return p

    def selesaikan(self, actor: Actor, permohonan_id: str, catatan: str = "", tanggal: date | None = None) -> Permohonan:
        tahun = self.retensi.retensi_tahun()
        with self.store.session(actor) as s:
            p = self._get(s, permohonan_id)
            RU.cek_transisi(p.status, RU.SELESAI, actor, p.keputusan)
            p.tanggal_selesai = self._tanggal(tanggal, p, "Tanggal selesai", "tanggal_selesai")
            self._step(s, actor, p, RU.SELESAI, catatan or "Permohonan selesai")
            p.retain_until = retain_until(p, tahun)
        return p

    def tarik(self, actor: Actor, permohonan_id: str, alasan: str) -> Permohonan:
        if not (alasan or "").strip():
            raise ValidationError({"alasan_ditarik": "Sebutkan alasan/cara pemohon menarik permohonannya."})
        tahun = self.retensi.retensi_tahun()
        with self.store.session(actor) as s:
            p = self._get(s, permohonan_id)
            RU.cek_transisi(p.status, RU.DITARIK, actor, p.keputusan)
            p.alasan_ditarik = alasan.strip()
            p.tanggal_selesai = self.clock()
            self._step(s, actor, p, RU.DITARIK, f"Ditarik: {alasan.strip()}")
            p.retain_until = retain_until(p, tahun)
        return p

    def nomor_surat(self, actor: Actor, permohonan_id: str, jenis: str, tanggal: date) -> str:
        """The outgoing-letter number of ``jenis`` (perpanjangan, penolakan, pemberitahuan) for this
        request: taken from the office's ``surat_keluar`` template on first print, then reused."""
        R.require(actor, R.LAYANAN_CATAT)
        with self.store.session(actor) as s:
            p = self._get(s, permohonan_id)
            try:
                have = json.loads(p.nomor_surat) if p.nomor_surat else {}
            except ValueError:
                have = {}
            if jenis not in have:
                have[jenis] = self.master.nomor_berikut(s, "surat_keluar", tanggal).strip("/")
                p.nomor_surat = json.dumps(have, ensure_ascii=False)
                s.add(p)
            return str(have[jenis])

    # ------------------------------------------------------------ deadline explanation & recompute
    def penjelasan_tenggat(self, p: Permohonan) -> dict[str, Any]:
        """How the deadline was computed: start, working days, skipped days with reasons, calendar version."""
        try:
            rincian = rincian_ringkas.unpack_row(p.tenggat_rincian, {
                "tanggal_diterima": p.tanggal_diterima, "tenggat": p.tenggat,
                "tenggat_perpanjangan": p.tenggat_perpanjangan, "versi_kalender": p.versi_kalender})
        except (KeyError, TypeError, ValueError):
            rincian = {}
        hari_ini = self.clock()
        sisa = None
        if p.status in RU.STATUS_TERBUKA:
            cal = self.master.kalender_kerja()
            sisa = cal.workdays_between(hari_ini, p.tenggat_efektif)
        return {
            "tanggal_diterima": p.tanggal_diterima.isoformat(),
            "tenggat": p.tenggat.isoformat(),
            "tenggat_perpanjangan": p.tenggat_perpanjangan.isoformat() if p.tenggat_perpanjangan else None,
            "tenggat_efektif": p.tenggat_efektif.isoformat(),
            "sisa_hari_kerja": sisa,
            "terlambat": bool(p.status in RU.STATUS_TERBUKA and p.tenggat_efektif < hari_ini),
            "versi_kalender": p.versi_kalender,
            "awal": rincian.get("awal"),
            "perpanjangan": rincian.get("perpanjangan"),
        }

    @staticmethod
    def teks_penjelasan(info: dict[str, Any]) -> str:
        from ppid_desktop.core.tanggal import parse_tanggal, tanggal_hari

        def d(x: str) -> str:
            return tanggal_hari(parse_tanggal(x))

        lines = [f"Diterima {d(info['tanggal_diterima'])} (hari ke-0)."]
        awal = info.get("awal") or {}
        lines.append(f"10 hari kerja sesudahnya: {d(info['tenggat'])}.")
        for x in awal.get("hari_dilewati", []):
            lines.append(f"  dilewati {d(x['tanggal'])} — {x['alasan']}")
        if info.get("perpanjangan"):
            lines.append(f"Diperpanjang 7 hari kerja: {d(info['tenggat_perpanjangan'])}.")
            for x in info["perpanjangan"].get("hari_dilewati", []):
                lines.append(f"  dilewati {d(x['tanggal'])} — {x['alasan']}")
        if info.get("sisa_hari_kerja") is not None:
            sisa = info["sisa_hari_kerja"]
            lines.append(f"Sisa {sisa} hari kerja." if sisa >= 0 else f"Terlambat {-sisa} hari kerja.")
        lines.append(f"Versi kalender: {info.get('versi_kalender') or '-'}.")
        return "\n".join(lines)

    def hitung_ulang_tenggat(self, actor: Actor) -> int:
        """Recompute open deadlines after a calendar change; each change is logged in the history."""
        R.require_any(actor, R.LAYANAN_CATAT, R.MASTER_UBAH)
        with self.store.read() as s:
            years: set[date] = set(s.exec(select(col(Permohonan.tanggal_diterima)).where(
                col(Permohonan.deleted) == False, col(Permohonan.status).in_(RU.STATUS_TERBUKA))))  # noqa: E712
            years |= set(s.exec(select(col(Keberatan.tanggal_diterima)).where(col(Keberatan.status) == RU.K_DITERIMA)))
        cal, versi = self._kalender(*{date(d.year, 1, 1) for d in years})
        changed = 0
        with self.store.session(actor) as s:
            rows = s.exec(select(Permohonan).where(col(Permohonan.deleted) == False, col(Permohonan.status).in_(RU.STATUS_TERBUKA)))  # noqa: E712
            for p in rows:
                if p.versi_kalender == versi:
                    continue
                lama = (p.tenggat, p.tenggat_perpanjangan)
                self._apply_deadlines(p, cal, versi)
                s.add(p)
                if (p.tenggat, p.tenggat_perpanjangan) != lama:
                    changed += 1
                    self._event(s, actor, "permohonan", p.id, "tenggat_dihitung_ulang", p.status, p.status,
                                f"Kalender kerja berubah: tenggat {tanggal_panjang(lama[1] or lama[0])} → "
                                f"{tanggal_panjang(p.tenggat_efektif)} (versi kalender {versi}).")
            krows = s.exec(select(Keberatan).where(Keberatan.deleted == False, Keberatan.status == RU.K_DITERIMA))  # noqa: E712
            for k in krows:
                if k.versi_kalender == versi:
                    continue
                lama_k = k.tenggat_jawaban
                t = cal.add_workdays(k.tanggal_diterima, RU.HK_KEBERATAN_JAWAB, versi)
                k.tenggat_jawaban, k.versi_kalender = t.jatuh_tempo, versi
                k.tenggat_rincian = rincian_ringkas.pack_one(t.to_dict())
                s.add(k)
                if lama_k != k.tenggat_jawaban:
                    changed += 1
                    self._event(s, actor, "keberatan", k.id, "tenggat_dihitung_ulang", k.status, k.status,
                                f"Kalender kerja berubah: tenggat jawaban {tanggal_panjang(lama_k)} → "
                                f"{tanggal_panjang(k.tenggat_jawaban)} (versi kalender {versi}).")
        return changed

