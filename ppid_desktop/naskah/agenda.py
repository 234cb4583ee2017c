"""Agenda surat keluar: draft → paraf (hierarki, koordinasi) → signature and number → sent → archived.

The SOPs this follows (Balikpapan monev SOP steps 3–6, Kalsel monev SOP steps 1–18): a drafter
prepares the konsep, officials initial it in order, the signer signs, the secretariat gives the
number from the agenda (``master.nomor_berikut`` with the letter kind's template) and files it.

Statuses and the actions that move between them (``TRANSITIONS``)::

    konsep --ajukan--> paraf --(all approved)--> siap_ttd --tandatangani--> ditandatangani
    paraf --kembalikan--> dikembalikan --ajukan--> paraf
    ditandatangani --kirim--> dikirim --arsipkan--> diarsipkan ; konsep/paraf/dikembalikan --batalkan--> dibatalkan
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from ppid_desktop.akun import roles as R
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.audit import log_event
from ppid_desktop.core.base import utcnow
from ppid_desktop.core.clock import SYSTEM_CLOCK, Clock
from ppid_desktop.core.db import Store
from ppid_desktop.core.errors import UserError, ValidationError
from ppid_desktop.master.models import Pegawai
from ppid_desktop.master.service import MasterService, attachment_path, store_attachment
from ppid_desktop.naskah.models import ParafSurat, SuratKeluar

STATUS_LABEL = {
    "konsep": "Konsep",
    "paraf": "Menunggu paraf",
    "dikembalikan": "Dikembalikan",
    "siap_ttd": "Siap ditandatangani",
    "ditandatangani": "Ditandatangani",
    "dikirim": "Dikirim",
    "diarsipkan": "Diarsipkan",
    "dibatalkan": "Dibatalkan",
}
JENIS_LABEL = {
    "surat_keluar": "Surat dinas",
    "nota_dinas": "Nota dinas",
    "surat_tugas": "Surat tugas",
    "berita_acara": "Berita acara",
    "pemberitahuan": "Pemberitahuan tertulis",
    "undangan": "Undangan",
    "laporan": "Laporan",
}
TRANSITIONS: dict[str, set[str]] = {
    "ajukan": {"konsep", "dikembalikan"},
    "tandatangani": {"siap_ttd"},
    "kirim": {"ditandatangani"},
    "arsipkan": {"ditandatangani", "dikirim"},
    "batalkan": {"konsep", "paraf", "dikembalikan", "siap_ttd"},
}
SIFAT = ("Biasa", "Penting", "Segera", "Rahasia")
MODE_TTD = ("", "a.n.", "u.b.", "Plt.", "Plh.", "Pj.")


@dataclass
class ParafInput:
    pegawai_id: str
    jenis: str = "hierarki"


@dataclass
class SuratDetail:
    surat: SuratKeluar
    paraf: list[ParafSurat]


class AgendaService:
    def __init__(self, store: Store, master: MasterService, *, clock: Clock = SYSTEM_CLOCK) -> None:
        self.store = store
        self.master = master
        self.clock = clock

    # ---------------------------------------------------------------- queries
    def daftar(self, tahun: int | None = None, status: str | None = None, jenis: str | None = None) -> list[SuratKeluar]:
        with self.store.read() as s:
            stmt = select(SuratKeluar).where(SuratKeluar.deleted == False)  # noqa: E712
            if status:
                stmt = stmt.where(SuratKeluar.status == status)
            if jenis:
                stmt = stmt.where(SuratKeluar.jenis == jenis)
            rows = list(s.exec(stmt.order_by(SuratKeluar.created_at.desc())))  # type: ignore[attr-defined]
        if tahun:
            rows = [r for r in rows if (r.tanggal or r.created_at.date()).year == tahun]
        return rows

    def detail(self, surat_id: str) -> SuratDetail:
        with self.store.read() as s:
            surat = s.get(SuratKeluar, surat_id)
            if surat is None or surat.deleted:
                raise UserError("Surat tidak ditemukan.")
            paraf = list(s.exec(select(ParafSurat).where(ParafSurat.surat_id == surat_id,
                                                         ParafSurat.deleted == False)  # noqa: E712
                                .order_by(ParafSurat.urutan)))  # type: ignore[arg-type]
        return SuratDetail(surat, paraf)

    def pdf_path(self, surat: SuratKeluar) -> Path | None:
        if not surat.pdf_hash:
            return None
        path = attachment_path(self.store, surat.pdf_hash)
        return path if path.exists() else None

    # ---------------------------------------------------------------- actions
    def buat_konsep(self, actor: Actor, data: dict[str, Any], paraf: list[ParafInput] | None = None) -> SuratKeluar:
        R.require(actor, R.NASKAH_KELOLA)
        problems: dict[str, str] = {}
        jenis = str(data.get("jenis") or "")
        if jenis not in JENIS_LABEL:
            problems["jenis"] = "Pilih jenis naskah."
        hal = str(data.get("hal") or "").strip()
        if not hal:
            problems["hal"] = "Hal (perihal) wajib diisi."
        if data.get("sifat", "Biasa") not in SIFAT:
            problems["sifat"] = f"Sifat harus salah satu dari: {', '.join(SIFAT)}."
        if data.get("mode_ttd", "") not in MODE_TTD:
            problems["mode_ttd"] = "Keterangan penandatangan (a.n./Plt./Plh.) tidak dikenal."
        signer_id = data.get("penandatangan_id") or None
        with self.store.session(actor) as s:
            signer = s.get(Pegawai, signer_id) if signer_id else None
            if signer is None or signer.deleted:
                problems["penandatangan_id"] = "Pilih pejabat penanda tangan."
            elif jenis and signer.boleh_ttd and jenis not in signer.boleh_ttd.split(",") and "surat_keluar" not in signer.boleh_ttd.split(","):
                problems["penandatangan_id"] = f"{signer.nama} tidak berwenang menandatangani {JENIS_LABEL.get(jenis, jenis).lower()}."
            chain: list[Pegawai] = []
            for p in paraf or []:
                peg = s.get(Pegawai, p.pegawai_id)
                if peg is None or peg.deleted:
                    problems["paraf"] = "Pejabat paraf tidak ditemukan."
                elif p.jenis not in ("hierarki", "koordinasi"):
                    problems["paraf"] = "Jenis paraf harus hierarki atau koordinasi."
                else:
                    chain.append(peg)
            if problems:
                raise ValidationError(problems)
            assert signer is not None
            surat = SuratKeluar(
                jenis=jenis, hal=hal, kepada=str(data.get("kepada") or "").strip(), sifat=data.get("sifat", "Biasa"),
                lampiran=str(data.get("lampiran") or "-"), ringkasan=str(data.get("ringkasan") or ""),
                kode_klasifikasi=str(data.get("kode_klasifikasi") or ""), konseptor=actor.username,
                penandatangan_id=signer.id, penandatangan=signer.nama, mode_ttd=data.get("mode_ttd", ""),
                sumber=str(data.get("sumber") or ""), status="konsep",
            )
            s.add(surat)
            s.flush()
            for i, (peg, p) in enumerate(zip(chain, paraf or [], strict=True), start=1):
                s.add(ParafSurat(surat_id=surat.id, urutan=i, jenis=p.jenis, pegawai_id=peg.id, nama=peg.nama,
                                 jabatan=peg.jabatan))
        return surat

    def _load(self, s: Session, surat_id: str, action: str) -> SuratKeluar:
        surat = s.get(SuratKeluar, surat_id)
        if surat is None or surat.deleted:
            raise UserError("Surat tidak ditemukan.")
        allowed = TRANSITIONS[action]
        if surat.status not in allowed:
            raise UserError(
                f"Surat berstatus “{STATUS_LABEL[surat.status]}” tidak dapat {action}: hanya dari "
                + ", ".join(f"“{STATUS_LABEL[x]}”" for x in sorted(allowed)) + "."
            )
        return surat

    def _chain(self, s: Session, surat_id: str) -> list[ParafSurat]:
        return list(s.exec(select(ParafSurat).where(ParafSurat.surat_id == surat_id, ParafSurat.deleted == False)  # noqa: E712
                           .order_by(ParafSurat.urutan)))  # type: ignore[arg-type]

    def ajukan(self, actor: Actor, surat_id: str) -> SuratKeluar:
        """Send the draft (again) round the paraf chain; without a chain it is ready to sign."""
        R.require(actor, R.NASKAH_KELOLA)
        with self.store.session(actor) as s:
            surat = self._load(s, surat_id, "ajukan")
            chain = self._chain(s, surat_id)
            for p in chain:
                p.status, p.catatan, p.waktu = "menunggu", "", None
                s.add(p)
            surat.status = "paraf" if chain else "siap_ttd"
            s.add(surat)
        return surat

    def paraf(self, actor: Actor, surat_id: str, setuju: bool, catatan: str = "") -> SuratKeluar:
        """Record the next official's paraf (in chain order); a refusal returns the draft to its drafter."""
        R.require(actor, R.NASKAH_KELOLA)
        if not setuju and not catatan.strip():
            raise ValidationError({"catatan": "Tuliskan alasan pengembalian konsep."})
        with self.store.session(actor) as s:
            surat = s.get(SuratKeluar, surat_id)
            if surat is None or surat.status != "paraf":
                raise UserError("Surat ini tidak sedang menunggu paraf.")
            pending = [p for p in self._chain(s, surat_id) if p.status == "menunggu"]
            if not pending:
                raise UserError("Semua paraf sudah lengkap.")
            p = pending[0]
            p.status = "disetujui" if setuju else "dikembalikan"
            p.catatan = catatan.strip()
            p.waktu = utcnow()
            p.dicatat_oleh = actor.username
            s.add(p)
            if not setuju:
                surat.status = "dikembalikan"
            elif len(pending) == 1:
                surat.status = "siap_ttd"
            s.add(surat)
        return surat

    def tandatangani(self, actor: Actor, surat_id: str, tanggal: date) -> SuratKeluar:
        """Signed: the letter gets its date and its number from the agenda (template of its kind)."""
        R.require(actor, R.NASKAH_KELOLA)
        if tanggal > self.clock.today():
            raise ValidationError({"tanggal": "Tanggal surat tidak boleh di masa depan."})
        with self.store.session(actor) as s:
            surat = self._load(s, surat_id, "tandatangani")
            surat.nomor = self.master.nomor_berikut(s, surat.jenis, tanggal, surat.kode_klasifikasi or None)
            surat.tanggal = tanggal
            surat.status = "ditandatangani"
            s.add(surat)
        return surat

    def kirim(self, actor: Actor, surat_id: str, tanggal: date, cara: str) -> SuratKeluar:
        R.require(actor, R.NASKAH_KELOLA)
        with self.store.session(actor) as s:
            surat = self._load(s, surat_id, "kirim")
            if surat.tanggal and tanggal < surat.tanggal:
                raise ValidationError({"tanggal": "Tanggal kirim tidak boleh sebelum tanggal surat."})
            surat.tanggal_kirim, surat.cara_kirim, surat.status = tanggal, cara.strip(), "dikirim"
            s.add(surat)
        return surat

    def arsipkan(self, actor: Actor, surat_id: str, pdf: Path) -> SuratKeluar:
        """File the signed scan/PDF with the letter (content-addressed attachment)."""
        R.require(actor, R.NASKAH_KELOLA)
        with open(pdf, "rb") as fh:
            head = fh.read(5)
        if head != b"%PDF-":
            raise ValidationError({"pdf": f"Berkas '{Path(pdf).name}' bukan PDF."})
        digest = store_attachment(self.store, pdf)
        with self.store.session(actor) as s:
            surat = self._load(s, surat_id, "arsipkan")
            surat.pdf_hash = digest
            surat.status = "diarsipkan"
            s.add(surat)
        return surat

    def batalkan(self, actor: Actor, surat_id: str, alasan: str) -> SuratKeluar:
        R.require(actor, R.NASKAH_KELOLA)
        if not alasan.strip():
            raise ValidationError({"catatan": "Tuliskan alasan pembatalan."})
        with self.store.session(actor) as s:
            surat = self._load(s, surat_id, "batalkan")
            surat.status = "dibatalkan"
            surat.catatan = alasan.strip()
            s.add(surat)
            log_event(s, actor, "batal", "surat_keluar", surat.id, alasan.strip())
        return surat

    def rows_for_export(self, tahun: int | None = None) -> list[dict[str, Any]]:
        """Plain rows for the Excel agenda (rekap)."""
        out = []
        for r in self.daftar(tahun=tahun):
            out.append({
                "nomor": r.nomor or "", "tanggal": r.tanggal, "jenis": JENIS_LABEL.get(r.jenis, r.jenis),
                "hal": r.hal, "kepada": r.kepada, "sifat": r.sifat, "penandatangan": r.penandatangan,
                "status": STATUS_LABEL.get(r.status, r.status), "tanggal_kirim": r.tanggal_kirim,
                "cara_kirim": r.cara_kirim, "konseptor": r.konseptor,
            })
        return out
