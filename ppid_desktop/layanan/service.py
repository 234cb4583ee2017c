"""LayananService: permohonan, keberatan and sengketa through their life, with history and clocks.

Every write is one unit of work; every status step adds a ``RiwayatLayanan`` row (who, when, note).
Deadlines are computed from ``services.master``'s working-day calendar and stored with its version.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

from sqlmodel import Session, col, select

from ppid_desktop.akun import roles as R  # noqa: N812
from ppid_desktop.core import crypto, penomoran
from ppid_desktop.core import kalender as K  # noqa: N812
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.audit import log_event
from ppid_desktop.core.db import Store
from ppid_desktop.core.errors import UserError, ValidationError
from ppid_desktop.core.identitas import IdentitasError, mask_nik, parse_nik
from ppid_desktop.core.tanggal import tanggal_panjang
from ppid_desktop.layanan import rules as RU  # noqa: N812
from ppid_desktop.layanan.models import (
    Keberatan,
    LampiranLayanan,
    NarasiLaporan,
    PengaturanLayanan,
    Permohonan,
    RiwayatLayanan,
    Sengketa,
)
from ppid_desktop.master.models import PerangkatDaerah
from ppid_desktop.master.service import EMAIL_RE, MasterService, attachment_path, store_attachment

TEXT_FIELDS = {
    "nama": ("Nama pemohon", 200), "nama_kuasa": ("Nama kuasa", 200), "alamat": ("Alamat", 300),
    "pekerjaan": ("Pekerjaan", 100), "telepon": ("Telepon", 64), "email": ("E-mail", 200),
    "rincian": ("Rincian informasi", 5000), "tujuan": ("Tujuan penggunaan", 2000),
    "no_sk_badan_hukum": ("Nomor SK badan hukum", 100), "petugas": ("Petugas", 200),
}
NARASI_BAGIAN: dict[str, str] = {
    "kebijakan": "Gambaran umum kebijakan pelayanan informasi publik",
    "pelaksanaan": "Gambaran umum pelaksanaan pelayanan informasi (sarana, SDM, anggaran)",
    "kendala": "Kendala internal dan eksternal",
    "rekomendasi": "Rekomendasi dan rencana tindak lanjut",
}
RETENSI_DEFAULT_TAHUN = 5  # default only: adjust to the pemda's Jadwal Retensi Arsip (JRA)
LAMPIRAN_JENIS: dict[str, str] = {
    "ktp": "Scan KTP", "surat_kuasa": "Surat kuasa", "surat": "Surat permohonan", "akta": "Akta / SK badan hukum",
    "lain": "Lainnya",
}


@dataclass
class Ringkasan:
    """What the Beranda shows: open deadlines per OPD and the annual-report reminder."""

    hari_ini: date
    per_opd: list[dict[str, Any]] = field(default_factory=list)  # opd, hari_ini, minggu_ini, terlambat
    total_hari_ini: int = 0
    total_minggu_ini: int = 0
    total_terlambat: int = 0
    keberatan_terlambat: int = 0
    keberatan_minggu_ini: int = 0
    pengingat_laporan: str = ""


_Row = TypeVar("_Row", Permohonan, Keberatan, Sengketa, LampiranLayanan)


def _ada(s: Session, model: type[_Row], row_id: str, nama: str) -> _Row:
    """The live row ``row_id`` of ``model``; ``UserError("<nama> tidak ditemukan.")`` when absent or deleted."""
    row = s.get(model, row_id)
    if row is None or row.deleted:
        raise UserError(f"{nama} tidak ditemukan.")
    return row


def _actor_name(actor: Actor) -> str:
    return actor.nama or actor.username


class LayananService:
    def __init__(self, store: Store, master: MasterService) -> None:
        self.store = store
        self.master = master
        self.clock: Callable[[], date] = date.today

    # ------------------------------------------------------------ calendar
    def _kalender(self, *days: date | None) -> tuple[K.WorkCalendar, str]:
        """The working calendar with the years around ``days`` loaded (and seeded) up front, so no
        seeding session opens while our unit of work holds the write lock; then its version."""
        cal = self.master.workcalendar()
        years = {d.year + k for d in days if d is not None for k in (0, 1)} or {self.clock().year}
        for y in sorted(years):
            if K.MIN_YEAR <= y <= K.MAX_YEAR:
                cal.is_workday(date(y, 1, 1))
        return cal, self.master.calendar_version()

    @staticmethod
    def _apply_deadlines(p: Permohonan, cal: K.WorkCalendar, versi: str) -> None:
        t10 = cal.add_workdays(p.tanggal_diterima, RU.HK_PEMBERITAHUAN, versi)
        rincian: dict[str, Any] = {"awal": t10.to_dict(), "perpanjangan": None}
        p.tenggat = t10.jatuh_tempo
        p.tenggat_perpanjangan = None
        if p.tanggal_perpanjangan is not None:
            t7 = cal.add_workdays(t10.jatuh_tempo, RU.HK_PERPANJANGAN, versi)
            p.tenggat_perpanjangan = t7.jatuh_tempo
            rincian["perpanjangan"] = t7.to_dict()
        p.tenggat_efektif = p.tenggat_perpanjangan or p.tenggat
        p.versi_kalender = versi
        p.tenggat_rincian = json.dumps(rincian, ensure_ascii=False)

    # ------------------------------------------------------------ history
    @staticmethod
    def _event(s: Session, actor: Actor, objek: str, objek_id: str, aksi: str, dari: str = "", ke: str = "",
               catatan: str = "") -> None:
        s.add(RiwayatLayanan(objek=objek, objek_id=objek_id, aksi=aksi, status_dari=dari, status_ke=ke,
                             catatan=catatan, oleh=actor.username, oleh_nama=_actor_name(actor)))

    def riwayat(self, objek_id: str) -> list[RiwayatLayanan]:
        with self.store.read() as s:
            stmt = select(RiwayatLayanan).where(RiwayatLayanan.objek_id == objek_id, RiwayatLayanan.deleted == False)  # noqa: E712
            return sorted(s.exec(stmt), key=lambda r: (r.created_at, r.rev))

    # ------------------------------------------------------------ permohonan: validation
    def _validasi(self, data: dict[str, Any], *, baru: bool) -> dict[str, Any]:
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
            elif jenis in ("perorangan", "kelompok"):
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
            if opd and self.master.get_opd(opd) is None:
                problems["opd_id"] = "Perangkat daerah tidak ditemukan."
            out["opd_id"] = opd
        if problems:
            raise ValidationError(problems)
        return out

    @staticmethod
    def _set_nik(p: Permohonan, nik: str | None) -> None:
        if nik:
            p.nik_enc = crypto.encrypt_text(nik)
            p.nik_hash = crypto.keyed_hash(nik)
            p.nik_mask = mask_nik(nik)
        else:
            p.nik_enc = p.nik_hash = None
            p.nik_mask = ""

    # ------------------------------------------------------------ permohonan: create / edit / read
    def create_permohonan(self, actor: Actor, data: dict[str, Any], *, nomor: str | None = None,
                          lampiran: list[tuple[str, Path]] | None = None) -> Permohonan:
        """Register a request. ``nomor`` given (import) is kept; otherwise the next number is taken.

        ``data`` keys: tanggal_diterima (date), saluran, jenis_pemohon, nama, nik, no_sk_badan_hukum,
        kuasa, nama_kuasa, alamat, pekerjaan, telepon, email, rincian, tujuan, cara_memperoleh,
        cara_salinan, opd_id, petugas. ``lampiran``: [(jenis, path)], stored encrypted.
        """
        R.require(actor, R.LAYANAN_CATAT)
        data = {"saluran": "langsung", "jenis_pemohon": "perorangan", "cara_memperoleh": "salinan_softcopy",
                "cara_salinan": "email", **data}
        clean = self._validasi(data, baru=True)
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
            p = Permohonan(nomor=nomor, tenggat=clean["tanggal_diterima"],
                           tenggat_efektif=clean["tanggal_diterima"], **clean)
            if not p.petugas:
                p.petugas = _actor_name(actor)
            self._set_nik(p, nik)
            self._apply_deadlines(p, cal, versi)
            s.add(p)
            s.flush()
            self._event(s, actor, "permohonan", p.id, "dicatat", "", RU.DITERIMA,
                        f"Permohonan dicatat melalui {RU.label(RU.SALURAN, p.saluran)}; "
                        f"tenggat pemberitahuan {tanggal_panjang(p.tenggat)}.")
            for jenis, nama, digest, size in files:
                s.add(LampiranLayanan(objek="permohonan", objek_id=p.id, jenis=jenis, nama_berkas=nama,
                                      digest=digest, ukuran=size))
        return p

    def _bump(self, s: Session, jenis: str, nomor: str, tanggal: date) -> None:
        """Keep the yearly counter ahead of an imported number that follows the office template."""
        pola = next((t.pola for t in self.master.list_templates() if t.jenis == jenis), None)
        if not pola:
            return
        rx = re.escape(pola)
        rx = re.sub(r"\\\{urut[^}]*\\\}", r"(?P<urut>\\d+)", rx)
        rx = re.sub(r"\\\{[a-z]+\\\}", r".*?", rx)
        m = re.fullmatch(rx, nomor)
        if m:
            penomoran.bump_to_at_least(s, jenis, tanggal.year, int(m.group("urut")))

    def update_permohonan(self, actor: Actor, permohonan_id: str, data: dict[str, Any]) -> Permohonan:
        """Correct identity/request fields (not status, decision or deadlines)."""
        R.require(actor, R.LAYANAN_CATAT)
        clean = self._validasi(data, baru=False)
        nik = clean.pop("nik", None)
        cal, versi = self._kalender(clean.get("tanggal_diterima"), self.clock())
        with self.store.session(actor) as s:
            p = self._get(s, permohonan_id)
            changed = []
            for k, v in clean.items():
                if getattr(p, k) != v:
                    setattr(p, k, v)
                    changed.append(k)
            if nik is not None and (not p.nik_hash or p.nik_hash not in crypto.keyed_hashes(nik)):
                self._set_nik(p, nik)
                changed.append("nik")
            if "tanggal_diterima" in changed:
                if p.status not in RU.STATUS_TERBUKA:
                    raise UserError("Tanggal diterima tidak dapat diubah setelah permohonan diputuskan.")
                self._apply_deadlines(p, cal, versi)
            if changed:
                s.add(p)
                self._event(s, actor, "permohonan", p.id, "diubah", p.status, p.status,
                            "Data diubah: " + ", ".join(changed))
        return p

    @staticmethod
    def _get(s: Session, permohonan_id: str) -> Permohonan:
        return _ada(s, Permohonan, permohonan_id, "Permohonan")

    def get(self, permohonan_id: str) -> Permohonan:
        with self.store.read() as s:
            return self._get(s, permohonan_id)

    def find_by_nomor(self, nomor: str) -> Permohonan | None:
        with self.store.read() as s:
            return s.exec(select(Permohonan).where(Permohonan.nomor == nomor.strip(), Permohonan.deleted == False)).first()  # noqa: E712

    def find_by_nik(self, nik: str) -> list[Permohonan]:
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
        out = []
        for jenis, path in files:
            if jenis not in LAMPIRAN_JENIS:
                raise ValidationError({"lampiran": f"Jenis lampiran '{jenis}' tidak dikenal."})
            path = Path(path)
            tmp = self.store.path.parent / f".enc-{path.name}.tmp"
            try:
                crypto.encrypt_file(path, tmp)
                digest = store_attachment(self.store, tmp)
            finally:
                tmp.unlink(missing_ok=True)
            out.append((jenis, path.name, digest, path.stat().st_size))
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
            row = _ada(s, LampiranLayanan, lampiran_id, "Lampiran")
            data = crypto.decrypt_file(attachment_path(self.store, row.digest))
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
        cur = self.get(permohonan_id)
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
        cur = self.get(permohonan_id)
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
        tahun = self.retensi_tahun()
        with self.store.session(actor) as s:
            p = self._get(s, permohonan_id)
            RU.cek_transisi(p.status, RU.SELESAI, actor, p.keputusan)
            p.tanggal_selesai = self._tanggal(tanggal, p, "Tanggal selesai", "tanggal_selesai")
            self._step(s, actor, p, RU.SELESAI, catatan or "Permohonan selesai")
            p.retain_until = self._retain_until(p, tahun)
        return p

    def tarik(self, actor: Actor, permohonan_id: str, alasan: str) -> Permohonan:
        if not (alasan or "").strip():
            raise ValidationError({"alasan_ditarik": "Sebutkan alasan/cara pemohon menarik permohonannya."})
        tahun = self.retensi_tahun()
        with self.store.session(actor) as s:
            p = self._get(s, permohonan_id)
            RU.cek_transisi(p.status, RU.DITARIK, actor, p.keputusan)
            p.alasan_ditarik = alasan.strip()
            p.tanggal_selesai = self.clock()
            self._step(s, actor, p, RU.DITARIK, f"Ditarik: {alasan.strip()}")
            p.retain_until = self._retain_until(p, tahun)
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
            rincian = json.loads(p.tenggat_rincian) if p.tenggat_rincian else {}
        except ValueError:
            rincian = {}
        hari_ini = self.clock()
        sisa = None
        if p.status in RU.STATUS_TERBUKA:
            cal = self.master.workcalendar()
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
                k.tenggat_rincian = json.dumps(t.to_dict(), ensure_ascii=False)
                s.add(k)
                if lama_k != k.tenggat_jawaban:
                    changed += 1
                    self._event(s, actor, "keberatan", k.id, "tenggat_dihitung_ulang", k.status, k.status,
                                f"Kalender kerja berubah: tenggat jawaban {tanggal_panjang(lama_k)} → "
                                f"{tanggal_panjang(k.tenggat_jawaban)} (versi kalender {versi}).")
        return changed

    # ------------------------------------------------------------ keberatan
    def _tanggal_dasar(self, p: Permohonan) -> date:
        """When the ground for objecting arose: the written notice, else the lapse of its deadline."""
        return p.tanggal_pemberitahuan or p.tenggat_efektif

    def create_keberatan(self, actor: Actor, permohonan_id: str, data: dict[str, Any], *,
                         nomor: str | None = None) -> tuple[Keberatan, list[str]]:
        """Register an objection. Returns the row and warnings (late filing warns, never blocks)."""
        R.require(actor, R.LAYANAN_CATAT)
        problems: dict[str, str] = {}
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
        if tgl > self.clock():
            problems["tanggal_diterima"] = "Tanggal keberatan diterima tidak boleh setelah hari ini."
        if problems:
            raise ValidationError(problems)
        cur = self.get(permohonan_id)
        cal, versi = self._kalender(cur.tanggal_diterima, cur.tenggat_efektif, tgl, data.get("tanggal_dasar"))
        warnings: list[str] = []
        with self.store.session(actor) as s:
            p = self._get(s, permohonan_id)
            if tgl < p.tanggal_diterima:
                raise ValidationError({"tanggal_diterima": "Keberatan tidak boleh diterima sebelum permohonannya."})
            if "a" in alasan and p.keputusan != RU.DITOLAK:
                warnings.append("Alasan huruf a (penolakan Pasal 17) dipilih, padahal permohonan ini tidak ditolak.")
            dasar = data.get("tanggal_dasar") or self._tanggal_dasar(p)
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
            k = Keberatan(
                nomor=nomor, permohonan_id=p.id, tanggal_diterima=tgl, nama=str(data.get("nama") or p.nama),
                nama_kuasa=str(data.get("nama_kuasa") or ""), alamat_kuasa=str(data.get("alamat_kuasa") or ""),
                alasan=",".join(alasan), kasus_posisi=kasus, tanggal_dasar=dasar, batas_pengajuan=batas,
                terlambat_diajukan=terlambat, tenggat_jawaban=t.jatuh_tempo, versi_kalender=versi,
                tenggat_rincian=json.dumps(t.to_dict(), ensure_ascii=False),
            )
            s.add(k)
            s.flush()
            self._event(s, actor, "keberatan", k.id, "dicatat", "", RU.K_DITERIMA,
                        f"Keberatan atas permohonan {p.nomor}; jawaban paling lambat {tanggal_panjang(k.tenggat_jawaban)}."
                        + (" Diajukan melewati 30 hari kerja." if terlambat else ""))
            self._event(s, actor, "permohonan", p.id, "keberatan", p.status, p.status, f"Keberatan {nomor} diajukan.")
        return k, warnings

    def get_keberatan(self, keberatan_id: str) -> Keberatan:
        with self.store.read() as s:
            return _ada(s, Keberatan, keberatan_id, "Keberatan")

    def find_keberatan(self, nomor: str) -> Keberatan | None:
        with self.store.read() as s:
            return s.exec(select(Keberatan).where(Keberatan.nomor == nomor.strip(), Keberatan.deleted == False)).first()  # noqa: E712

    def keberatan_of(self, permohonan_id: str) -> list[Keberatan]:
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
            k = _ada(s, Keberatan, keberatan_id, "Keberatan")
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
            k = _ada(s, Keberatan, keberatan_id, "Keberatan")
            if k.status != RU.K_DIPUTUSKAN:
                raise UserError("Tanggapan pemohon dicatat setelah Atasan PPID menjawab keberatan.")
            k.tanggapan_pemohon, k.catatan_pemohon = tanggapan, catatan.strip()
            dari, k.status = k.status, RU.K_SELESAI
            s.add(k)
            self._event(s, actor, "keberatan", k.id, "tanggapan_pemohon", dari, k.status,
                        f"{RU.TANGGAPAN_PEMOHON[tanggapan]}. {catatan}".strip())
        return k

    # ------------------------------------------------------------ sengketa
    def create_sengketa(self, actor: Actor, keberatan_id: str, data: dict[str, Any]) -> tuple[Sengketa, list[str]]:
        R.require(actor, R.LAYANAN_CATAT)
        tgl = data.get("tanggal_diajukan")
        if not isinstance(tgl, date):
            raise ValidationError({"tanggal_diajukan": "Tanggal pengajuan ke Komisi Informasi wajib diisi."})
        if tgl > self.clock():
            raise ValidationError({"tanggal_diajukan": "Tanggal pengajuan tidak boleh setelah hari ini."})
        cur = self.get_keberatan(keberatan_id)
        cal, _ = self._kalender(cur.tanggal_diterima, cur.tenggat_jawaban, tgl)
        warnings: list[str] = []
        with self.store.session(actor) as s:
            k = _ada(s, Keberatan, keberatan_id, "Keberatan")
            dasar = k.tanggal_tanggapan or k.tenggat_jawaban
            batas = cal.add_workdays(dasar, RU.HK_SENGKETA_AJU).jatuh_tempo
            terlambat = tgl > batas
            if terlambat:
                warnings.append(f"Sengketa diajukan {tanggal_panjang(tgl)}, melewati 14 hari kerja sejak "
                                f"{'tanggapan' if k.tanggal_tanggapan else 'habisnya waktu jawaban'} ({tanggal_panjang(batas)}).")
            if not k.tanggal_tanggapan and tgl <= k.tenggat_jawaban:
                warnings.append("Atasan PPID belum menjawab dan waktu jawaban 30 hari kerja belum habis.")
            row = Sengketa(keberatan_id=k.id, nomor_ki=str(data.get("nomor_ki") or "").strip(),
                           komisi=str(data.get("komisi") or "").strip(), tanggal_diajukan=tgl,
                           batas_pengajuan=batas, terlambat_diajukan=terlambat, catatan=str(data.get("catatan") or ""))
            s.add(row)
            s.flush()
            self._event(s, actor, "sengketa", row.id, "dicatat", "", row.tahap,
                        f"Sengketa informasi didaftarkan {row.nomor_ki or '(nomor KI belum ada)'}")
            self._event(s, actor, "keberatan", k.id, "sengketa", k.status, k.status, "Diajukan sengketa ke Komisi Informasi.")
        return row, warnings

    SENGKETA_FIELDS = ("nomor_ki", "komisi", "tahap", "hasil_mediasi", "hasil_ajudikasi", "tanggal_putusan",
                       "nomor_putusan", "tanggal_diajukan_pengadilan", "tanggal_putusan_pengadilan", "tanggal_kasasi",
                       "tanggal_putusan_kasasi", "pengadilan", "nomor_perkara", "putusan_pengadilan", "catatan")
    SENGKETA_TANGGAL = {
        "tanggal_putusan": "Tanggal putusan Komisi Informasi",
        "tanggal_diajukan_pengadilan": "Tanggal diajukan ke PTUN/PN",
        "tanggal_putusan_pengadilan": "Tanggal putusan PTUN/PN",
        "tanggal_kasasi": "Tanggal permohonan kasasi",
        "tanggal_putusan_kasasi": "Tanggal putusan kasasi",
    }

    def update_sengketa(self, actor: Actor, sengketa_id: str, data: dict[str, Any]) -> Sengketa:
        """Record a stage of the dispute: mediation/adjudication outcome, the KI decision (date, number),
        the court stage (PTUN/PN, kasasi) with dates. Dates are checked for order; the statutory windows
        (14 working days to the KI and to the court, 14 days to kasasi) warn via ``peringatan_sengketa``."""
        R.require(actor, R.LAYANAN_CATAT)
        problems: dict[str, str] = {}
        if data.get("tahap") and data["tahap"] not in RU.TAHAP_SENGKETA:
            problems["tahap"] = "Tahap sengketa tidak dikenal."
        for key in ("hasil_mediasi", "hasil_ajudikasi"):
            if data.get(key) and data[key] not in RU.HASIL_SENGKETA:
                problems[key] = "Hasil tidak dikenal."
        for key, lbl in self.SENGKETA_TANGGAL.items():
            v = data.get(key)
            if v is not None and not isinstance(v, date):
                problems[key] = f"{lbl} tidak valid."
            elif v is not None and v > self.clock():
                problems[key] = f"{lbl} ({tanggal_panjang(v)}) tidak boleh setelah hari ini."
        if problems:
            raise ValidationError(problems)
        with self.store.session(actor) as s:
            row = _ada(s, Sengketa, sengketa_id, "Sengketa")
            dari = row.tahap
            changed = []
            for key in self.SENGKETA_FIELDS:
                if key in data:
                    v = data[key]
                    if isinstance(v, str):
                        v = v.strip()
                    if getattr(row, key) != v:
                        setattr(row, key, v)
                        changed.append(key)
            urutan = [("tanggal_diajukan", "Tanggal diajukan ke Komisi Informasi"), *self.SENGKETA_TANGGAL.items()]
            sebelumnya: tuple[str, date] | None = None
            for key, lbl in urutan:
                v = getattr(row, key)
                if v is None:
                    continue
                if sebelumnya and v < sebelumnya[1]:
                    raise ValidationError({key: f"{lbl} ({tanggal_panjang(v)}) tidak boleh sebelum "
                                                f"{sebelumnya[0].lower()} ({tanggal_panjang(sebelumnya[1])})."})
                sebelumnya = (lbl, v)
            if row.tahap == "putusan_ki" and not row.tanggal_putusan:
                raise ValidationError({"tanggal_putusan": "Tahap putusan KI wajib disertai tanggal putusan."})
            if row.tahap == "pengadilan" and not row.tanggal_diajukan_pengadilan:
                raise ValidationError({"tanggal_diajukan_pengadilan": "Tahap pengadilan wajib disertai tanggal pengajuan ke PTUN/PN."})
            if row.tahap == "kasasi" and not row.tanggal_kasasi:
                raise ValidationError({"tanggal_kasasi": "Tahap kasasi wajib disertai tanggal permohonan kasasi."})
            s.add(row)
            note = RU.label(RU.TAHAP_SENGKETA, row.tahap)
            if row.hasil_mediasi:
                note += f"; mediasi: {RU.label(RU.HASIL_SENGKETA, row.hasil_mediasi)}"
            if row.hasil_ajudikasi:
                note += f"; ajudikasi: {RU.label(RU.HASIL_SENGKETA, row.hasil_ajudikasi)}"
            if changed:
                note += " (diubah: " + ", ".join(changed) + ")"
            self._event(s, actor, "sengketa", row.id, "diubah", dari, row.tahap, note)
        return row

    def peringatan_sengketa(self, row: Sengketa) -> list[str]:
        """The statutory windows of a dispute, as warnings (never blocking): filing at the KI within 14
        working days of the Atasan's answer (or its lapse), filing at PTUN/PN within 14 working days of the
        KI decision (UU 14/2008 Pasal 47–48), kasasi within 14 days of the PTUN/PN decision (Pasal 50)."""
        out: list[str] = []
        if row.terlambat_diajukan and row.batas_pengajuan:
            out.append(f"Sengketa diajukan ke Komisi Informasi melewati 14 hari kerja (batas {tanggal_panjang(row.batas_pengajuan)}).")
        cal, _ = self._kalender(row.tanggal_putusan, row.tanggal_putusan_pengadilan)
        if row.tanggal_putusan and row.tanggal_diajukan_pengadilan:
            batas = cal.add_workdays(row.tanggal_putusan, RU.HK_SENGKETA_AJU).jatuh_tempo
            if row.tanggal_diajukan_pengadilan > batas:
                out.append(f"Keberatan ke PTUN/PN diajukan {tanggal_panjang(row.tanggal_diajukan_pengadilan)}, melewati "
                           f"14 hari kerja sejak putusan Komisi Informasi (batas {tanggal_panjang(batas)}).")
        if row.tanggal_putusan_pengadilan and row.tanggal_kasasi:
            batas = row.tanggal_putusan_pengadilan + timedelta(days=14)
            if row.tanggal_kasasi > batas:
                out.append(f"Kasasi diajukan {tanggal_panjang(row.tanggal_kasasi)}, melewati 14 hari sejak putusan "
                           f"PTUN/PN (batas {tanggal_panjang(batas)}).")
        return out

    def get_sengketa(self, sengketa_id: str) -> Sengketa:
        with self.store.read() as s:
            return _ada(s, Sengketa, sengketa_id, "Sengketa")

    def sengketa_of(self, keberatan_id: str) -> list[Sengketa]:
        with self.store.read() as s:
            return list(s.exec(select(Sengketa).where(Sengketa.keberatan_id == keberatan_id, Sengketa.deleted == False)))  # noqa: E712

    # ------------------------------------------------------------ Beranda
    def ringkasan(self, hari_ini: date | None = None) -> Ringkasan:
        today = hari_ini or self.clock()
        akhir_minggu = today + timedelta(days=6 - today.weekday())
        out = Ringkasan(hari_ini=today)
        with self.store.read() as s:
            opd_names = {o.id: (o.singkatan or o.nama) for o in s.exec(select(PerangkatDaerah))}
            stmt = select(col(Permohonan.opd_id), col(Permohonan.tenggat_efektif)).where(
                col(Permohonan.deleted) == False, col(Permohonan.status).in_(RU.STATUS_TERBUKA),  # noqa: E712
                col(Permohonan.tenggat_efektif) <= akhir_minggu,
            )
            per: dict[str, dict[str, Any]] = {}
            for opd_id, tenggat in s.exec(stmt):
                name = opd_names.get(opd_id or "", "(belum didisposisi)")
                row = per.setdefault(name, {"opd": name, "hari_ini": 0, "minggu_ini": 0, "terlambat": 0})
                if tenggat < today:
                    row["terlambat"] += 1
                elif tenggat == today:
                    row["hari_ini"] += 1
                else:
                    row["minggu_ini"] += 1
            kstmt = select(col(Keberatan.tenggat_jawaban)).where(
                col(Keberatan.deleted) == False, col(Keberatan.status) == RU.K_DITERIMA,  # noqa: E712
                col(Keberatan.tenggat_jawaban) <= akhir_minggu,
            )
            for t in s.exec(kstmt):
                if t < today:
                    out.keberatan_terlambat += 1
                else:
                    out.keberatan_minggu_ini += 1
        out.per_opd = sorted(per.values(), key=lambda r: (-r["terlambat"], -r["hari_ini"], r["opd"]))
        out.total_hari_ini = sum(r["hari_ini"] for r in out.per_opd)
        out.total_minggu_ini = sum(r["minggu_ini"] for r in out.per_opd)
        out.total_terlambat = sum(r["terlambat"] for r in out.per_opd)
        if today.month in (2, 3):
            out.pengingat_laporan = (
                f"Laporan layanan informasi publik tahun {today.year - 1} wajib tersedia paling lambat "
                f"31 Maret {today.year} (Perki 1/2021 Pasal 56)."
            )
        return out

    # ------------------------------------------------------------ personal-data retention (UU 27/2022)
    def retensi_tahun(self) -> int:
        """Years personal data of a closed request is kept (setting ``retensi_tahun``; default 5 — a
        default to adjust to the pemda's Jadwal Retensi Arsip)."""
        with self.store.read() as s:
            row = s.exec(select(PengaturanLayanan).where(col(PengaturanLayanan.kunci) == "retensi_tahun",
                                                        col(PengaturanLayanan.deleted) == False)).first()  # noqa: E712
        try:
            return int(row.nilai) if row else RETENSI_DEFAULT_TAHUN
        except ValueError:
            return RETENSI_DEFAULT_TAHUN

    @staticmethod
    def _retain_until(p: Permohonan, tahun: int) -> date | None:
        if p.status not in (RU.SELESAI, RU.DITARIK) or p.tanggal_selesai is None:
            return None
        d = p.tanggal_selesai
        try:
            return d.replace(year=d.year + tahun)
        except ValueError:  # 29 February
            return d.replace(year=d.year + tahun, day=28)

    def atur_retensi(self, actor: Actor, tahun: int) -> int:
        """Set the retention period (years after closing) and recompute ``retain_until`` of closed,
        not yet anonymised requests. Returns how many were recomputed."""
        R.require(actor, R.MASTER_UBAH)
        self._cek_retensi(tahun)
        with self.store.session(actor) as s:
            return self._simpan_retensi(s, tahun)

    @staticmethod
    def _cek_retensi(tahun: int) -> None:
        if not isinstance(tahun, int) or not 1 <= tahun <= 100:
            raise ValidationError({"retensi_tahun": "Masa retensi harus 1–100 tahun."})

    def _simpan_retensi(self, s: Session, tahun: int) -> int:
        row = s.exec(select(PengaturanLayanan).where(col(PengaturanLayanan.kunci) == "retensi_tahun",
                                                    col(PengaturanLayanan.deleted) == False)).first()  # noqa: E712
        row = row or PengaturanLayanan(kunci="retensi_tahun")
        row.nilai = str(tahun)
        s.add(row)
        n = 0
        for p in s.exec(select(Permohonan).where(col(Permohonan.deleted) == False,  # noqa: E712
                                                 col(Permohonan.status).in_((RU.SELESAI, RU.DITARIK)),
                                                 col(Permohonan.dianonimkan).is_(None))):
            baru = self._retain_until(p, tahun)
            if baru != p.retain_until:
                p.retain_until = baru
                s.add(p)
                n += 1
        return n

    def anonimkan(self, actor: Actor, sampai: date, *, dry_run: bool = False,
                  tahun: int | None = None) -> dict[str, Any]:
        """Wipe the personal data of closed requests whose retention ended on or before ``sampai``: NIK
        (encrypted value, hash, mask), address, phone, e-mail, proxy name/address and the encrypted
        attachments (of the request and its keberatan). Kept: number, dates, channel, requester type,
        name, OPD, rincian, decision, Pasal 17 grounds, fees and the history — what the annual report
        counts. Requests with an unfinished keberatan or sengketa are skipped. One transaction (all or
        nothing), audited; attachment files are removed from disk after the commit. ``tahun``, when it
        differs from the stored period, is applied: only previewed in a dry run, saved (as ``atur_retensi``)
        in the same transaction as the wipe otherwise."""
        R.require(actor, R.MASTER_UBAH)
        R.require(actor, R.PDP_LIHAT)
        if sampai > self.clock():
            raise ValidationError({"sampai": "Tanggal batas anonimisasi tidak boleh setelah hari ini."})
        ubah = tahun is not None and tahun != self.retensi_tahun()
        if tahun is None:
            tahun = self.retensi_tahun()
        self._cek_retensi(tahun)
        hasil: dict[str, Any] = {"sampai": sampai.isoformat(), "retensi_tahun": tahun, "dry_run": dry_run,
                                 "permohonan": 0, "lampiran": 0, "dilewati": 0, "nomor": []}
        digests: set[str] = set()
        with self.store.session(actor) as s:
            if ubah and not dry_run:  # the new period is saved in the same unit of work as the wipe
                self._simpan_retensi(s, tahun)
            rows = list(s.exec(select(Permohonan).where(
                col(Permohonan.deleted) == False, col(Permohonan.status).in_((RU.SELESAI, RU.DITARIK)),  # noqa: E712
                col(Permohonan.dianonimkan).is_(None))))
            for p in rows:
                batas = self._retain_until(p, tahun) if ubah else (p.retain_until or self._retain_until(p, tahun))
                if batas is None or batas > sampai:
                    continue
                keberatan = list(s.exec(select(Keberatan).where(col(Keberatan.permohonan_id) == p.id,
                                                                 col(Keberatan.deleted) == False)))  # noqa: E712
                kids = [k.id for k in keberatan]
                terbuka = any(k.status != RU.K_SELESAI for k in keberatan)
                if kids and not terbuka:
                    terbuka = any(g.tahap != "selesai" for g in s.exec(select(Sengketa).where(
                        col(Sengketa.keberatan_id).in_(kids), col(Sengketa.deleted) == False)))  # noqa: E712
                if terbuka:
                    hasil["dilewati"] += 1
                    continue
                hasil["permohonan"] += 1
                hasil["nomor"].append(p.nomor)
                lampiran = list(s.exec(select(LampiranLayanan).where(
                    col(LampiranLayanan.objek_id).in_([p.id, *kids]), col(LampiranLayanan.deleted) == False)))  # noqa: E712
                hasil["lampiran"] += len(lampiran)
                if dry_run:
                    continue
                self._set_nik(p, None)
                p.alamat = p.telepon = p.email = p.nama_kuasa = ""
                p.retain_until = batas
                p.dianonimkan = self.clock()
                s.add(p)
                for k in keberatan:
                    if k.alamat_kuasa or k.nama_kuasa:
                        k.alamat_kuasa = k.nama_kuasa = ""
                        s.add(k)
                for lam in lampiran:
                    lam.deleted = True
                    digests.add(lam.digest)
                    s.add(lam)
                self._event(s, actor, "permohonan", p.id, "dianonimkan", p.status, p.status,
                            f"Data pribadi dihapus (masa retensi {tahun} tahun berakhir {tanggal_panjang(batas)}); "
                            f"{len(lampiran)} lampiran dihapus.")
            if not dry_run and hasil["permohonan"]:
                log_event(s, actor, "anonymize", "permohonan", "*",
                          f"Anonimisasi data pribadi {hasil['permohonan']} permohonan (retensi berakhir s.d. "
                          f"{sampai.isoformat()}), {hasil['lampiran']} lampiran")
        if digests and not dry_run:
            with self.store.read() as s:
                still = set(s.exec(select(col(LampiranLayanan.digest)).where(
                    col(LampiranLayanan.digest).in_(digests), col(LampiranLayanan.deleted) == False)))  # noqa: E712
            for digest in digests - still:
                attachment_path(self.store, digest).unlink(missing_ok=True)
        return hasil

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
