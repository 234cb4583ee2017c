"""Data Master services: profile, OPD, pegawai, number templates, working-day calendar."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from sqlmodel import Session, select

from ppid_desktop.akun import roles as R
from ppid_desktop.core import kalender as K
from ppid_desktop.core import lampiran, penomoran
from ppid_desktop.core.actor import Actor, system_actor
from ppid_desktop.core.clock import SYSTEM_CLOCK, Clock
from ppid_desktop.core.db import Store
from ppid_desktop.core.errors import UserError, ValidationError
from ppid_desktop.core.identitas import IdentitasError, parse_nip
from ppid_desktop.master import ringkasan
from ppid_desktop.master.masukan import IsianOpd, IsianPegawai, IsianProfil
from ppid_desktop.master.models import JENIS_UNIT, Pegawai, PerangkatDaerah, ProfilInstansi, TemplatNomor

KERTAS = ("A4", "F4")
FONTS = ("Arial", "Times New Roman", "Bookman Old Style")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

# Document kinds an official may sign (Pegawai.boleh_ttd).
TTD_JENIS: dict[str, str] = {
    "pemberitahuan": "Pemberitahuan tertulis / surat PPID",
    "keberatan": "Tanggapan atas keberatan (Atasan PPID)",
    "surat_tugas": "Surat tugas",
    "nota_dinas": "Nota dinas",
    "berita_acara": "Berita acara",
    "laporan": "Laporan",
    "keputusan": "Keputusan (Kepala Daerah/Sekda/Kepala Dinas)",
    "surat_keluar": "Surat keluar lainnya",
}

DEFAULT_TEMPLATES: tuple[tuple[str, str, str], ...] = (
    ("permohonan", "Nomor pendaftaran permohonan informasi", "{urut:03}/PPID/{romawi}/{tahun}"),
    ("keberatan", "Nomor registrasi keberatan", "{urut:03}/KEB/PPID/{romawi}/{tahun}"),
    ("surat_keluar", "Surat keluar (PPID)", "{kode}/{urut}/{unit}/{tahun}"),
    ("nota_dinas", "Nota dinas", "{kode}/{urut}/ND/{unit}/{tahun}"),
    ("surat_tugas", "Surat tugas", "{kode}/{urut}/ST/{unit}/{tahun}"),
    ("berita_acara", "Berita acara", "{kode}/{urut}/BA/{unit}/{tahun}"),
    ("keputusan", "Keputusan", "188.4/{urut}/KEP/{tahun}"),
)


def check_day(tanggal: date, jenis: str, nama: str) -> dict[str, str]:
    """Problems (per field, Indonesian) of a calendar day; empty when it can be saved."""
    problems: dict[str, str] = {}
    if jenis not in K.JENIS_LABEL:
        problems["jenis"] = "Jenis hari tidak dikenal."
    if not nama.strip():
        problems["nama"] = "Keterangan hari wajib diisi."
    try:
        K.check_year(tanggal)
    except UserError as exc:
        problems["tanggal"] = exc.message
    if jenis == K.HARI_KERJA_PENGGANTI and tanggal.weekday() < 5:
        problems["jenis"] = "Hari kerja pengganti hanya untuk hari Sabtu atau Minggu."
    return problems


def check_boleh_ttd(value: str) -> str | None:
    """The problem with a comma-separated list of document kinds an official may sign, if any."""
    unknown = [k.strip() for k in value.split(",") if k.strip() and k.strip() not in TTD_JENIS]
    if unknown:
        return f"Jenis naskah tidak dikenal: {', '.join(unknown)}. Pilihan: {', '.join(TTD_JENIS)}."
    return None


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    required: bool = False
    max_len: int = 200


def _clean(data: dict[str, Any], specs: Iterable[FieldSpec]) -> tuple[dict[str, Any], dict[str, str]]:
    out: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for spec in specs:
        if spec.name not in data:
            continue
        value = data[spec.name]
        if isinstance(value, str):
            value = value.strip()
            if len(value) > spec.max_len:
                problems[spec.name] = f"{spec.label} terlalu panjang (maksimal {spec.max_len} karakter)."
        if spec.required and not value:
            problems[spec.name] = f"{spec.label} wajib diisi."
        out[spec.name] = value
    return out, problems


PROFIL_FIELDS = (
    FieldSpec("pemerintah", "Nama pemerintah", True),
    FieldSpec("perangkat_daerah", "Nama perangkat daerah", True),
    FieldSpec("sub_unit", "Sub-unit"),
    FieldSpec("alamat", "Alamat", True, 300),
    FieldSpec("kota", "Kota/tempat surat", True, 100),
    FieldSpec("kode_pos", "Kode pos", False, 10),
    FieldSpec("telepon", "Telepon", False, 100),
    FieldSpec("email", "E-mail"),
    FieldSpec("website", "Situs web"),
    FieldSpec("kertas", "Ukuran kertas", True, 8),
    FieldSpec("font", "Huruf", True, 64),
    FieldSpec("ukuran_font", "Ukuran huruf"),
    FieldSpec("margin_atas", "Margin atas"),
    FieldSpec("margin_bawah", "Margin bawah"),
    FieldSpec("margin_kiri", "Margin kiri"),
    FieldSpec("margin_kanan", "Margin kanan"),
    FieldSpec("spasi", "Spasi baris"),
    FieldSpec("cuti_bersama_hari_kerja", "Cuti bersama dihitung hari kerja"),
    FieldSpec("sabtu_hari_kerja", "Sabtu hari kerja"),
    FieldSpec("dpo_nama", "Pejabat pelindungan data pribadi"),
    FieldSpec("dpo_kontak", "Kontak pejabat PDP"),
    FieldSpec("kode_unit", "Kode unit pengolah", False, 64),
    FieldSpec("setda_nama", "Nama Sekretariat Daerah"),
    FieldSpec("setda_alamat", "Alamat Sekretariat Daerah", False, 300),
    FieldSpec("setda_telepon", "Telepon Sekretariat Daerah", False, 100),
    FieldSpec("setda_email", "E-mail Sekretariat Daerah"),
    FieldSpec("setda_website", "Situs web Sekretariat Daerah"),
)

OPD_FIELDS = (
    FieldSpec("kode", "Kode OPD", True, 32),
    FieldSpec("nama", "Nama perangkat daerah", True),
    FieldSpec("singkatan", "Singkatan", False, 64),
    FieldSpec("alamat", "Alamat", False, 300),
    FieldSpec("kepala", "Kepala perangkat daerah"),
    FieldSpec("kepala_nip", "NIP kepala", False, 24),
    FieldSpec("ppid_pelaksana", "PPID Pelaksana"),
    FieldSpec("ppid_telepon", "Telepon PPID Pelaksana", False, 64),
    FieldSpec("ppid_email", "E-mail PPID Pelaksana"),
    FieldSpec("aktif", "Aktif"),
    FieldSpec("jenis_unit", "Jenis unit", False, 32),
)

PEGAWAI_FIELDS = (
    FieldSpec("nama", "Nama", True),
    FieldSpec("nip", "NIP", False, 24),
    FieldSpec("pangkat", "Pangkat", False, 64),
    FieldSpec("golongan", "Golongan", False, 16),
    FieldSpec("jabatan", "Jabatan", True),
    FieldSpec("opd_id", "Perangkat daerah", False, 36),
    FieldSpec("telepon", "Telepon", False, 64),
    FieldSpec("email", "E-mail"),
    FieldSpec("boleh_ttd", "Berwenang menandatangani", False, 500),
    FieldSpec("aktif", "Aktif"),
)


def _isian(data: IsianOpd | IsianPegawai | IsianProfil) -> dict[str, Any]:
    """A form's typed input (``master.masukan``) as the field dict the checks read (the fields set)."""
    if not isinstance(data, IsianOpd | IsianPegawai | IsianProfil):
        raise TypeError(f"masukan master harus IsianOpd/IsianPegawai/IsianProfil, bukan {type(data).__name__}")
    return data.diubah()


def _check_number(problems: dict[str, str], data: dict[str, Any], name: str, label: str, lo: float, hi: float) -> None:
    if name not in data:
        return
    try:
        value = float(data[name])
    except (TypeError, ValueError):
        problems[name] = f"{label} harus berupa angka."
        return
    if not lo <= value <= hi:
        problems[name] = f"{label} harus antara {lo:g} dan {hi:g}."
    data[name] = value


def _validated(data: dict[str, Any], specs: tuple[FieldSpec, ...], creating: bool) -> tuple[dict[str, Any], dict[str, str]]:
    """Clean ``data`` against ``specs``; a new record must also have every required field."""
    clean, problems = _clean(data, specs)
    if creating:
        for spec in specs:
            if spec.required and not clean.get(spec.name):
                problems.setdefault(spec.name, f"{spec.label} wajib diisi.")
    return clean, problems


def _check_nip(clean: dict[str, Any], problems: dict[str, str], field: str) -> None:
    if clean.get(field):
        try:
            clean[field] = parse_nip(clean[field]).nip
        except IdentitasError as exc:
            problems[field] = exc.message


MasterRow = TypeVar("MasterRow", PerangkatDaerah, Pegawai)


def _upsert(s: Session, model: type[MasterRow], record_id: str | None, new: MasterRow, clean: dict[str, Any], key: str,
            duplicate: Callable[[MasterRow, str], str], not_found: str) -> MasterRow:
    """Load or create a record, refuse a live duplicate of ``key``, apply ``clean``, add it."""
    row = s.get(model, record_id) if record_id else new
    if row is None or row.deleted:
        raise UserError(not_found)
    value = clean.get(key, getattr(row, key))
    if value:
        column = getattr(model, key)
        dup = s.exec(select(model).where(column == value, model.deleted == False, model.id != row.id)).first()  # noqa: E712
        if dup is not None:
            raise ValidationError({key: duplicate(dup, value)})
    for k, v in clean.items():
        setattr(row, k, v)
    s.add(row)
    return row


def _tombstone(s: Session, model: type[MasterRow], record_id: str, not_found: str) -> None:
    row = s.get(model, record_id)
    if row is None or row.deleted:
        raise UserError(not_found)
    row.deleted = True
    s.add(row)


class MasterService:
    def __init__(self, store: Store, *, clock: Clock = SYSTEM_CLOCK) -> None:
        self.store = store
        self.clock = clock
        self._calendar_listeners: list[Callable[[Actor], object]] = []

    # ------------------------------------------------------------------ profil
    def profil(self) -> ProfilInstansi:
        with self.store.read() as s:
            row = s.exec(select(ProfilInstansi).where(ProfilInstansi.deleted == False)).first()  # noqa: E712
        return row or ProfilInstansi()

    def ada_profil(self) -> bool:
        with self.store.raw() as conn:
            return ringkasan.ada_profil(conn)

    def simpan_profil(self, actor: Actor, data: IsianProfil) -> ProfilInstansi:
        R.require(actor, R.MASTER_UBAH)
        clean, problems = _clean(_isian(data), PROFIL_FIELDS)
        if clean.get("kertas") and clean["kertas"] not in KERTAS:
            problems["kertas"] = "Ukuran kertas harus A4 atau F4 (215 × 330 mm)."
        if clean.get("email") and not EMAIL_RE.match(clean["email"]):
            problems["email"] = "Alamat e-mail tidak valid."
        if clean.get("setda_email") and not EMAIL_RE.match(clean["setda_email"]):
            problems["setda_email"] = "Alamat e-mail Sekretariat Daerah tidak valid."
        _check_number(problems, clean, "ukuran_font", "Ukuran huruf", 8, 16)
        for side in ("atas", "bawah", "kiri", "kanan"):
            _check_number(problems, clean, f"margin_{side}", f"Margin {side}", 5, 60)
        _check_number(problems, clean, "spasi", "Spasi baris", 1, 2.5)
        if problems:
            raise ValidationError(problems)
        policy_changed = False
        with self.store.session(actor) as s:
            row = s.exec(select(ProfilInstansi).where(ProfilInstansi.deleted == False)).first()  # noqa: E712
            if row is None:
                row = ProfilInstansi()
            for key in ("cuti_bersama_hari_kerja", "sabtu_hari_kerja"):
                if key in clean and bool(clean[key]) != bool(getattr(row, key)):
                    policy_changed = True
            for key, value in clean.items():
                setattr(row, key, value)
            s.add(row)
        if policy_changed:
            self.kalender_berubah(actor)
        return row

    def atur_logo(self, actor: Actor, source: Path) -> str:
        """Check that ``source`` is a readable image, store it by content hash, link it to the profile."""
        R.require(actor, R.MASTER_UBAH)
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(source) as img:
                img.verify()
            with Image.open(source) as img:
                img.load()
                if img.width < 16 or img.height < 16:
                    raise UserError("Logo terlalu kecil (minimal 16 × 16 piksel).", field="logo")
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
            raise UserError(
                f"Berkas logo '{Path(source).name}' bukan gambar yang dapat dibaca (PNG/JPEG). ({exc.__class__.__name__})",
                field="logo",
            ) from None
        digest = store_attachment(self.store, source)
        with self.store.session(actor) as s:
            row = s.exec(select(ProfilInstansi).where(ProfilInstansi.deleted == False)).first()  # noqa: E712
            if row is None:
                raise UserError("Isi profil instansi terlebih dahulu.")
            row.logo_hash = digest
            s.add(row)
        return digest

    def logo_path(self, profil: ProfilInstansi | None = None) -> Path | None:
        profil = profil or self.profil()
        if not profil.logo_hash:
            return None
        if not lampiran.ada(self.store, profil.logo_hash):
            return None
        try:  # reportlab and QPixmap read a file: a verified decrypted copy in the private temp folder
            return lampiran.berkas_sementara(self.store, profil.logo_hash, akhiran=".img", pakai_ulang=True)
        except UserError:
            return None  # a tampered logo: the kop falls back to the default logo

    def instansi(self) -> Any:
        """The profile as the document kit's ``dokumen.data.Instansi``."""
        from ppid_desktop.dokumen.data import Instansi

        p = self.profil()
        logo = self.logo_path(p)
        return Instansi(
            pemerintah=p.pemerintah, perangkat_daerah=p.perangkat_daerah, sub_unit=p.sub_unit, alamat=p.alamat,
            kota=p.kota, kode_pos=p.kode_pos, telepon=p.telepon, email=p.email, website=p.website,
            logo_path=str(logo) if logo else None, kertas=p.kertas, font=p.font, ukuran_font=p.ukuran_font,
            margin_atas=p.margin_atas, margin_bawah=p.margin_bawah, margin_kiri=p.margin_kiri,
            margin_kanan=p.margin_kanan, spasi=p.spasi,
        )

    def instansi_setda(self) -> Any:
        """The Sekretariat Daerah's kop (``dokumen.data.instansi_setda``) from the profile's ``setda_*`` lines."""
        from ppid_desktop.dokumen.data import instansi_setda

        p = self.profil()
        return instansi_setda(self.instansi(), nama=p.setda_nama, alamat=p.setda_alamat, telepon=p.setda_telepon,
                              email=p.setda_email, website=p.setda_website)

    # --------------------------------------------------------------------- OPD
    def daftar_opd(self, include_inactive: bool = True, jenis_unit: str | None = None) -> list[PerangkatDaerah]:
        """Units (``jenis_unit`` filters one kind: ``perangkat_daerah``, ``kabupaten_kota``, ``bidang``)."""
        with self.store.read() as s:
            stmt = select(PerangkatDaerah).where(PerangkatDaerah.deleted == False)  # noqa: E712
            if jenis_unit:
                stmt = stmt.where(PerangkatDaerah.jenis_unit == jenis_unit)
            if not include_inactive:
                stmt = stmt.where(PerangkatDaerah.aktif == True)  # noqa: E712
            return list(s.exec(stmt.order_by(PerangkatDaerah.kode)))

    def ambil_opd(self, opd_id: str) -> PerangkatDaerah | None:
        with self.store.read() as s:
            return s.get(PerangkatDaerah, opd_id)

    def simpan_opd(self, actor: Actor, data: IsianOpd, opd_id: str | None = None) -> PerangkatDaerah:
        R.require(actor, R.MASTER_UBAH)
        clean, problems = _validated(_isian(data), OPD_FIELDS, creating=opd_id is None)
        _check_nip(clean, problems, "kepala_nip")
        if clean.get("ppid_email") and not EMAIL_RE.match(clean["ppid_email"]):
            problems["ppid_email"] = "Alamat e-mail PPID Pelaksana tidak valid."
        if clean.get("jenis_unit") and clean["jenis_unit"] not in JENIS_UNIT:
            problems["jenis_unit"] = "Jenis unit harus perangkat_daerah, kabupaten_kota atau bidang."
        if problems:
            raise ValidationError(problems)
        with self.store.session(actor) as s:
            return _upsert(s, PerangkatDaerah, opd_id, PerangkatDaerah(kode="", nama=""), clean, "kode",
                           lambda dup, kode: f"Kode OPD '{kode}' sudah dipakai oleh {dup.nama}.",
                           "Perangkat daerah tidak ditemukan.")

    def hapus_opd(self, actor: Actor, opd_id: str) -> None:
        R.require(actor, R.MASTER_UBAH)
        with self.store.session(actor) as s:
            _tombstone(s, PerangkatDaerah, opd_id, "Perangkat daerah tidak ditemukan.")

    # ----------------------------------------------------------------- pegawai
    def daftar_pegawai(self, boleh_ttd: str | None = None) -> list[Pegawai]:
        with self.store.read() as s:
            rows = list(
                s.exec(select(Pegawai).where(Pegawai.deleted == False).order_by(Pegawai.nama))  # noqa: E712
            )
        if boleh_ttd:
            rows = [r for r in rows if boleh_ttd in r.boleh_ttd.split(",")]
        return rows

    def ambil_pegawai(self, pegawai_id: str) -> Pegawai | None:
        with self.store.read() as s:
            return s.get(Pegawai, pegawai_id)

    def simpan_pegawai(self, actor: Actor, data: IsianPegawai, pegawai_id: str | None = None) -> Pegawai:
        R.require(actor, R.MASTER_UBAH)
        clean, problems = _validated(_isian(data), PEGAWAI_FIELDS, creating=pegawai_id is None)
        _check_nip(clean, problems, "nip")
        if clean.get("email") and not EMAIL_RE.match(clean["email"]):
            problems["email"] = "Alamat e-mail tidak valid."
        if clean.get("boleh_ttd") and (msg := check_boleh_ttd(str(clean["boleh_ttd"]))):
            problems["boleh_ttd"] = msg
        if clean.get("opd_id") == "":
            clean["opd_id"] = None
        if problems:
            raise ValidationError(problems)
        with self.store.session(actor) as s:
            return _upsert(s, Pegawai, pegawai_id, Pegawai(nama=""), clean, "nip",
                           lambda dup, nip: f"NIP {nip} sudah terdaftar atas nama {dup.nama}.",
                           "Pegawai tidak ditemukan.")

    def hapus_pegawai(self, actor: Actor, pegawai_id: str) -> None:
        R.require(actor, R.MASTER_UBAH)
        with self.store.session(actor) as s:
            _tombstone(s, Pegawai, pegawai_id, "Pegawai tidak ditemukan.")

    @staticmethod
    def pejabat(p: Pegawai) -> Any:
        """A ``Pegawai`` as the document kit's ``dokumen.data.Pejabat``."""
        from ppid_desktop.dokumen.data import Pejabat

        return Pejabat(nama=p.nama, jabatan=p.jabatan, nip=p.nip, pangkat=p.pangkat, golongan=p.golongan)

    # -------------------------------------------------------- number templates
    def pastikan_pola_bawaan(self, session: Session) -> None:
        have = {t.jenis for t in session.exec(select(TemplatNomor).where(TemplatNomor.deleted == False))}  # noqa: E712
        for jenis, nama, pola in DEFAULT_TEMPLATES:
            if jenis not in have:
                session.add(TemplatNomor(jenis=jenis, nama=nama, pola=pola))

    def daftar_pola_nomor(self) -> list[TemplatNomor]:
        with self.store.read() as s:
            return list(s.exec(select(TemplatNomor).where(TemplatNomor.deleted == False).order_by(TemplatNomor.jenis)))  # noqa: E712

    def _render_pola(self, pola: str, urut: int, kode_klasifikasi: str, kode_unit: str) -> str:
        """A number from a pattern today; a bad pattern is a ``ValidationError`` on ``pola``."""
        try:
            penomoran.validate_template(pola)
            return penomoran.render(pola, urut, self.clock.today(), kode_klasifikasi, kode_unit)
        except UserError as exc:
            raise ValidationError({"pola": exc.message}) from None
        except (ValueError, KeyError, IndexError) as exc:
            raise ValidationError({"pola": f"Pola nomor tidak valid: {exc}."}) from None

    def contoh_nomor(self, pola: str, kode_klasifikasi: str = "") -> str:
        """What number 7 of today would look like under ``pola`` (the form's live example), or, for a bad
        pattern, the reason in brackets."""
        try:
            return self._render_pola(pola, 7, kode_klasifikasi, self.profil().kode_unit)
        except ValidationError as exc:
            return f"({exc.problems['pola']})"

    def simpan_pola_nomor(self, actor: Actor, jenis: str, pola: str, kode_klasifikasi: str = "", nama: str = "") -> None:
        R.require(actor, R.MASTER_UBAH)
        self._render_pola(pola, 1, kode_klasifikasi, "X")
        with self.store.session(actor) as s:
            row = s.exec(select(TemplatNomor).where(TemplatNomor.jenis == jenis, TemplatNomor.deleted == False)).first()  # noqa: E712
            if row is None:
                row = TemplatNomor(jenis=jenis, nama=nama or jenis, pola=pola)
            row.pola = pola
            row.kode_klasifikasi = kode_klasifikasi
            if nama:
                row.nama = nama
            s.add(row)

    def nomor_berikut(self, session: Session, jenis: str, tanggal: date, kode: str | None = None) -> str:
        """Render the next number of ``jenis`` inside the caller's unit of work."""
        row = session.exec(select(TemplatNomor).where(TemplatNomor.jenis == jenis, TemplatNomor.deleted == False)).first()  # noqa: E712
        if row is None:
            default = {j: p for j, _, p in DEFAULT_TEMPLATES}.get(jenis, "{urut}/" + jenis.upper() + "/{tahun}")
            row = TemplatNomor(jenis=jenis, nama=jenis, pola=default)
            session.add(row)
        profil = session.exec(select(ProfilInstansi).where(ProfilInstansi.deleted == False)).first()  # noqa: E712
        urut = penomoran.next_number(session, jenis, tanggal)
        return penomoran.render(
            row.pola, urut, tanggal, kode if kode is not None else row.kode_klasifikasi,
            profil.kode_unit if profil else "",
        )

    # ---------------------------------------------------------------- calendar
    def kebijakan(self) -> K.Kebijakan:
        p = self.profil()
        return K.Kebijakan(cuti_bersama_hari_kerja=p.cuti_bersama_hari_kerja, sabtu_hari_kerja=p.sabtu_hari_kerja)

    def saat_kalender_berubah(self, listener: Callable[[Actor], object]) -> None:
        """Register a callback run after every calendar or policy change (e.g. deadline recompute)."""
        self._calendar_listeners.append(listener)

    def kalender_berubah(self, actor: Actor) -> None:
        """Tell the listeners (deadline recompute) that the calendar or its policy changed; refresh the public
        calendar beside an encrypted database (``ppid kalender`` without an account reads it)."""
        from ppid_desktop.master import kalender_publik

        kalender_publik.tulis(self)
        for listener in self._calendar_listeners:
            listener(actor)

    def pastikan_tahun(self, years: Iterable[int]) -> list[int]:
        """Seed the years not seeded yet; a read first, so page refreshes do not open write transactions."""
        wanted = {y for y in years if K.MIN_YEAR <= y <= K.MAX_YEAR}
        with self.store.read() as s:
            missing = wanted - K.seeded_years(s)
        if not missing:
            return []
        with self.store.session(system_actor()) as s:
            done = K.ensure_years(s, missing)
        if done:  # the calendar's content (and version) changed: the public copy follows
            from ppid_desktop.master import kalender_publik

            kalender_publik.tulis(self)
        return done

    def _load_year(self, year: int) -> list[K.Entry]:
        if K.MIN_YEAR <= year <= K.MAX_YEAR:
            self.pastikan_tahun([year])
        with self.store.read() as s:
            return [K.Entry(r.tanggal, r.jenis, r.nama) for r in K.active_entries(s, year)]

    def kalender_kerja(self) -> K.WorkCalendar:
        return K.WorkCalendar(self._load_year, self.kebijakan())

    def versi_kalender(self) -> str:
        with self.store.read() as s:
            return K.calendar_version(s, self.kebijakan())

    def tenggat(self, mulai: date, hari_kerja: int) -> K.Tenggat:
        cal = self.kalender_kerja()
        result = cal.add_workdays(mulai, hari_kerja)
        return K.Tenggat(result.mulai, result.hari_kerja, result.jatuh_tempo, result.dilewati, self.versi_kalender())

    def daftar_hari(self, year: int) -> list[K.HariLibur]:
        self.pastikan_tahun([year])
        with self.store.read() as s:
            return K.active_entries(s, year)

    def tambah_hari(self, actor: Actor, tanggal: date, jenis: str, nama: str) -> K.HariLibur:
        R.require(actor, R.MASTER_UBAH)
        problems = check_day(tanggal, jenis, nama)
        if problems:
            raise ValidationError(problems)
        self.pastikan_tahun([tanggal.year])
        with self.store.session(actor) as s:
            dup = s.exec(
                select(K.HariLibur).where(
                    K.HariLibur.tanggal == tanggal, K.HariLibur.jenis == jenis, K.HariLibur.deleted == False  # noqa: E712
                )
            ).first()
            if dup:
                raise ValidationError({"tanggal": f"{tanggal.isoformat()} sudah tercatat sebagai {K.JENIS_LABEL[jenis]}."})
            row = K.HariLibur(tanggal=tanggal, jenis=jenis, nama=nama.strip(), sumber="manual")
            s.add(row)
        self.kalender_berubah(actor)
        return row

    def hapus_hari(self, actor: Actor, day_id: str) -> None:
        R.require(actor, R.MASTER_UBAH)
        with self.store.session(actor) as s:
            row = s.get(K.HariLibur, day_id)
            if row is None or row.deleted:
                raise UserError("Hari libur tidak ditemukan.")
            row.deleted = True
            s.add(row)
        self.kalender_berubah(actor)

    def muat_ulang_tahun(self, actor: Actor, year: int) -> int:
        R.require(actor, R.MASTER_UBAH)
        with self.store.session(actor) as s:
            added = K.refresh_year(s, year)
        if added:
            self.kalender_berubah(actor)
        return added

    def peringatan_kalender(self, today: date | None = None) -> list[str]:
        """Beranda's calendar warning (``master.ringkasan.peringatan_kalender``, after seeding the years)."""
        today = today or self.clock.today()
        self.pastikan_tahun(ringkasan.tahun_kalender(today))
        with self.store.raw() as conn:
            return ringkasan.peringatan_kalender(conn, today) or []


# ---------------------------------------------------------------- attachments
def attachment_path(store: Store, digest: str) -> Path:
    """Where the attachment lives on disk: its **encrypted** form (``core.lampiran``); read it with
    ``lampiran.baca``/``berkas_sementara``, never directly."""
    return lampiran.berkas(store, digest)


def store_attachment(store: Store, source: Path) -> str:
    """Store ``source`` encrypted under the database's keyring (``core.lampiran.simpan``); the plaintext's
    SHA-256."""
    return lampiran.simpan(store, source)
