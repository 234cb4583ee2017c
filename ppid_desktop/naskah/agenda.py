"""Agenda surat keluar: every outgoing letter of every room, from konsep to a frozen, numbered PDF.

The SOPs this follows (Balikpapan monev SOP steps 3–6, Kalsel monev SOP steps 1–18): a drafter
prepares the konsep, officials initial it in order (hierarki, then koordinasi), the signer signs, the
secretariat gives the number from the agenda and files it.

Statuses and the actions that move between them (``jenis.TRANSITIONS``)::

    konsep --ajukan--> paraf --(all approved)--> siap_ttd --tandatangani--> ditandatangani
    paraf/siap_ttd --kembalikan (with a note)--> dikembalikan --ubah/ajukan--> paraf
    ditandatangani --kirim--> dikirim --arsipkan--> diarsipkan
    ditandatangani/dikirim/diarsipkan --koreksi (with a reason)--> konsep (version + 1, same number)
    konsep/paraf/dikembalikan/siap_ttd --batalkan--> dibatalkan

Rules: a draft prints "NOMOR: (diberikan saat ditandatangani)" and never takes a number. At signature,
in one unit of work that holds the database's write lock from its first statement, the number is taken
from the yearly counter of the kind's template (``core.penomoran``) with the kode klasifikasi arsip,
the PDF is composed (``naskah.susun``) and frozen: stored under its SHA-256 in the attachments folder;
every later print is that file. Numbers follow the order of signature; a signature date before the last
numbered letter of the series is refused, or takes a sisipan number (``12a``) when the office setting
``tanggal_mundur`` is ``sisipan``.
"""

from __future__ import annotations

import hashlib
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from ppid_desktop.akun import roles as R
from ppid_desktop.core import identitas, lampiran, penomoran
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.audit import log_event
from ppid_desktop.core.base import utcnow
from ppid_desktop.core.clock import SYSTEM_CLOCK, Clock
from ppid_desktop.core.db import Store
from ppid_desktop.core.errors import UserError, ValidationError
from ppid_desktop.core.tanggal import tanggal_panjang
from ppid_desktop.master.models import Pegawai, ProfilInstansi, TemplatNomor
from ppid_desktop.master.service import MasterService, attachment_path, store_attachment
from ppid_desktop.naskah import keputusan as KEP
from ppid_desktop.naskah.jenis import (
    BERNOMOR,
    JENIS,
    JENIS_LABEL,
    MENUNGGU_NOMOR,
    MENUTUPI,
    MODE_TTD,
    SIFAT,
    STATUS_LABEL,
    TRANSITIONS,
)
from ppid_desktop.naskah.masukan import IsianKonsep
from ppid_desktop.naskah.models import ParafSurat, RiwayatSurat, SuratKeluar, VersiSurat
from ppid_desktop.naskah.pengaturan import PengaturanAgenda

if TYPE_CHECKING:
    from ppid_desktop.services import Services

__all__ = ["JENIS_LABEL", "MENUTUPI", "MODE_TTD", "SIFAT", "STATUS_LABEL", "AgendaService", "ParafInput", "SuratDetail"]

AKSI_KATA = {"ajukan": "diajukan", "tandatangani": "ditandatangani", "kembalikan": "dikembalikan",
             "kirim": "dikirim", "arsipkan": "diarsipkan", "batalkan": "dibatalkan", "koreksi": "dikoreksi",
             "ubah": "diubah"}


@dataclass
class ParafInput:
    pegawai_id: str
    jenis: str = "hierarki"


@dataclass
class SuratDetail:
    surat: SuratKeluar
    paraf: list[ParafSurat]
    riwayat: list[RiwayatSurat]
    versi: list[VersiSurat]
    menutupi: SuratKeluar | None = None  # the letter this nota dinas covers (``MENUTUPI``)
    ditutupi: list[SuratKeluar] = field(default_factory=list)  # the nota dinas covering this letter


def _riwayat(s: Session, actor: Actor, surat: SuratKeluar, aksi: str, catatan: str = "") -> None:
    s.add(RiwayatSurat(surat_id=surat.id, waktu=utcnow(), aksi=aksi, oleh=actor.nama or actor.username,
                       catatan=catatan, versi=surat.versi))


def kunci_tulis(s: Session) -> None:
    """Take the database's write lock now (waiting up to the busy timeout), before anything is read, so
    no other process can take a number between our read of the counter and our write."""
    s.connection().exec_driver_sql("UPDATE nomor_urut SET terakhir = terakhir WHERE 0")


def _sisipan_render(pola: str, dasar: int, akhiran: str, tanggal: date, kode: str, unit: str) -> str:
    """The number of serial ``dasar`` with a letter suffix (``12a``), in the template's own padding."""
    spec = next((fs for _, f, fs, _ in string.Formatter().parse(pola) if f == "urut"), "") or ""
    penanda = 987654321
    teks = penomoran.render(pola, penanda, tanggal, kode, unit)
    return teks.replace(str(penanda), format(dasar, spec) + akhiran, 1)


def _isian(data: IsianKonsep) -> dict[str, Any]:
    """The fields a draft's input sets; a plain mapping is refused (the typed face of issue #8)."""
    if not isinstance(data, IsianKonsep):
        raise TypeError("Isian konsep harus IsianKonsep (naskah.masukan), bukan " + type(data).__name__)
    return data.diubah()


class AgendaService(PengaturanAgenda):
    def __init__(self, store: Store, master: MasterService, *, clock: Clock = SYSTEM_CLOCK) -> None:
        self.store = store
        self.master = master
        self.clock = clock
        self.services: Services | None = None
        """The composition root (set by ``Services``); composers of other rooms need it."""

    # ---------------------------------------------------------------- queries
    def daftar(self, tahun: int | None = None, status: str | None = None, jenis: str | None = None) -> list[SuratKeluar]:
        with self.store.read() as s:
            stmt = select(SuratKeluar).where(SuratKeluar.deleted == False)  # noqa: E712
            if status:
                stmt = stmt.where(SuratKeluar.status == status)
            if jenis:
                stmt = stmt.where(SuratKeluar.jenis == jenis)
            rows = list(s.exec(stmt.order_by(col(SuratKeluar.created_at).desc())))
        if tahun:
            rows = [r for r in rows if (r.tanggal or r.created_at.date()).year == tahun]
        return rows

    def ambil(self, surat_id: str) -> SuratKeluar:
        with self.store.read() as s:
            surat = s.get(SuratKeluar, surat_id)
            if surat is None or surat.deleted:
                raise UserError(f"Surat {surat_id} tidak ditemukan di agenda.")
            return surat

    def detail(self, surat_id: str) -> SuratDetail:
        with self.store.read() as s:
            surat = s.get(SuratKeluar, surat_id)
            if surat is None or surat.deleted:
                raise UserError("Surat tidak ditemukan.")
            riwayat = list(s.exec(select(RiwayatSurat).where(RiwayatSurat.surat_id == surat_id)
                                  .order_by(col(RiwayatSurat.waktu), col(RiwayatSurat.created_at))))
            versi = list(s.exec(select(VersiSurat).where(VersiSurat.surat_id == surat_id)
                                .order_by(col(VersiSurat.versi))))
            menutupi, ditutupi = self._terkait(s, surat)
            return SuratDetail(surat, self._chain(s, surat_id), riwayat, versi, menutupi, ditutupi)

    # ---------------------------------------------------------------- nota dinas covering a letter
    @staticmethod
    def _terkait(s: Session, surat: SuratKeluar) -> tuple[SuratKeluar | None, list[SuratKeluar]]:
        menutupi = None
        if surat.sumber.startswith(MENUTUPI + ":"):
            menutupi = s.get(SuratKeluar, surat.sumber.partition(":")[2])
        ditutupi = list(s.exec(select(SuratKeluar).where(SuratKeluar.sumber == f"{MENUTUPI}:{surat.id}",
                                                         SuratKeluar.deleted == False)  # noqa: E712
                               .order_by(col(SuratKeluar.created_at))))
        return menutupi, ditutupi

    def tautan(self) -> dict[str, list[dict[str, Any]]]:
        """Per letter id, its linked letters: ``{"hubungan": "menutupi"|"ditutupi", "id", "nomor", "jenis",
        "hal"}`` (a nota dinas *menutupi* the letter it covers; that letter is *ditutupi* by it)."""
        rows = {r.id: r for r in self.daftar()}
        out: dict[str, list[dict[str, Any]]] = {}

        def ring(r: SuratKeluar, hubungan: str) -> dict[str, Any]:
            return {"hubungan": hubungan, "id": r.id, "nomor": r.nomor, "jenis": r.jenis, "hal": r.hal}

        for r in rows.values():
            if r.sumber.startswith(MENUTUPI + ":"):
                target = rows.get(r.sumber.partition(":")[2])
                if target is not None:
                    out.setdefault(r.id, []).append(ring(target, "menutupi"))
                    out.setdefault(target.id, []).append(ring(r, "ditutupi"))
        return out

    def buat_nota_dinas(self, actor: Actor, surat_id: str, isian: IsianKonsep,
                        paraf: list[ParafInput] | None = None) -> SuratKeluar:
        """A nota dinas covering the agenda letter ``surat_id`` (its own draft, paraf, signer and number),
        linked to it. ``data``: ``penandatangan_id`` (required, not the letter's own signer), optional
        ``kepada`` (default: the letter's signer), ``hal``, ``ringkasan``, ``sifat``, ``kode_klasifikasi``."""
        R.require(actor, R.NASKAH_KELOLA)
        data = _isian(isian)
        surat = self.ambil(surat_id)
        if surat.status == "dibatalkan":
            raise UserError("Surat yang dibatalkan tidak dapat diberi nota dinas.")
        if data.get("penandatangan_id") and data.get("penandatangan_id") == surat.penandatangan_id:
            raise ValidationError({"penandatangan_id": "Nota dinas ditandatangani pejabat lain, bukan penanda tangan "
                                                       f"surat yang ditutupinya ({surat.penandatangan})."})
        label = JENIS_LABEL.get(surat.jenis, surat.jenis)
        signer = self.master.ambil_pegawai(surat.penandatangan_id) if surat.penandatangan_id else None
        kepada = str(data.get("kepada") or "").strip() or (signer.jabatan if signer is not None else "") \
            or surat.penandatangan or "-"
        nomor = f" nomor {surat.nomor}" if surat.nomor else ""
        ringkasan = str(data.get("ringkasan") or "").strip() or (
            f"Bersama ini kami sampaikan konsep {label.lower()}{nomor} hal {surat.hal}"
            + (f" kepada {surat.kepada}" if surat.kepada else "")
            + " untuk mendapat persetujuan dan penandatanganan.\n\n"
            "Demikian disampaikan, atas perhatian dan arahannya diucapkan terima kasih.")
        isi = {"jenis": "nota_dinas", "hal": str(data.get("hal") or "").strip() or f"Penyampaian {label} {surat.hal}"[:300],
               "kepada": kepada, "sifat": data.get("sifat", surat.sifat), "lampiran": "1 (satu) berkas",
               "penandatangan_id": data.get("penandatangan_id"), "kode_klasifikasi": data.get("kode_klasifikasi")
               or surat.kode_klasifikasi, "ringkasan": ringkasan, "sumber": f"{MENUTUPI}:{surat.id}"}
        return self._buat(actor, isi, paraf)

    def dari_sumber(self, sumber: str) -> SuratKeluar | None:
        """The newest letter made from ``sumber`` that is not cancelled."""
        with self.store.read() as s:
            return s.exec(select(SuratKeluar).where(SuratKeluar.sumber == sumber, SuratKeluar.deleted == False,  # noqa: E712
                                                    SuratKeluar.status != "dibatalkan")
                          .order_by(col(SuratKeluar.created_at).desc())).first()

    def lokasi_pdf(self, surat: SuratKeluar) -> Path | None:
        """The archived signed scan (``arsipkan``), else the frozen PDF of the signed version, as a verified
        decrypted copy in the private temporary folder (attachments are encrypted at rest, ``core.lampiran``)
        for the system viewer; None when the file is missing; ``UserError`` when it was tampered with."""
        digest = surat.pdf_hash or surat.pdf_sha256
        if not digest or not lampiran.ada(self.store, digest):
            return None
        nomor = re.sub(r"[^\w.-]+", "_", surat.nomor or surat.id)[:60]
        return lampiran.berkas_sementara(self.store, digest, f"Surat_{nomor}.pdf")

    def pdf_arsip(self, surat: SuratKeluar) -> bytes | None:
        """The verified bytes of what ``lokasi_pdf`` opens (the archived scan, else the frozen PDF)."""
        digest = surat.pdf_hash or surat.pdf_sha256
        if not digest or not lampiran.ada(self.store, digest):
            return None
        return lampiran.baca(self.store, digest)

    # ---------------------------------------------------------------- printing
    def cetak(self, surat_id: str) -> bytes:
        """The letter as printed: the frozen PDF once signed (checked against its SHA-256, never
        regenerated), otherwise a fresh draft without a number (consumes nothing)."""
        surat = self.ambil(surat_id)
        if surat.pdf_sha256 and surat.status in BERNOMOR:
            return self._beku(surat)
        if surat.status in BERNOMOR and surat.nomor:
            return self._bekukan_lama(surat)
        return self._susun(surat, None, None)

    def _bekukan_lama(self, surat: SuratKeluar) -> bytes:
        """A letter numbered before frozen PDFs existed (migration 0009): composed once with its number and
        date, then frozen like any signed letter."""
        waktu = utcnow()
        pdf = self._susun(surat, surat.nomor, surat.tanggal, waktu)
        digest = hashlib.sha256(pdf).hexdigest()
        self._simpan_pdf(digest, pdf)
        with self.store.session() as s:
            row = s.get(SuratKeluar, surat.id)
            if row is None or row.pdf_sha256:  # frozen meanwhile by another print: that one wins
                return self._beku(row) if row is not None else pdf
            row.pdf_sha256, row.ditandatangani_pada = digest, row.ditandatangani_pada or waktu
            s.add(row)
            s.add(VersiSurat(surat_id=row.id, versi=row.versi, nomor=row.nomor or "", tanggal=row.tanggal or waktu.date(),
                             sha256=digest, alasan="Dibekukan saat pertama dicetak (nomor dari versi sebelumnya).",
                             ditandatangani_pada=waktu))
        return pdf

    def _beku(self, surat: SuratKeluar) -> bytes:
        assert surat.pdf_sha256
        path = attachment_path(self.store, surat.pdf_sha256)
        if not path.is_file():
            raise UserError(f"Berkas PDF surat {surat.nomor} tidak ditemukan di folder lampiran ({path}). "
                            "Pulihkan folder lampiran dari cadangan.")
        try:
            return lampiran.baca(self.store, surat.pdf_sha256)  # decrypted and checked against its SHA-256
        except UserError as exc:
            raise UserError(f"Berkas PDF surat {surat.nomor} telah berubah sejak ditandatangani atau tidak dapat "
                            f"dibuka ({path}): {exc} Surat tidak dibuat ulang.") from None

    def _susun(self, surat: SuratKeluar, nomor: str | None, tanggal: date | None,
               waktu: datetime | None = None, paraf: Sequence[ParafSurat] | None = None) -> bytes:
        from ppid_desktop.dokumen.data import Paraf
        from ppid_desktop.dokumen.halaman import paraf_naskah, waktu_dokumen
        from ppid_desktop.naskah.susun import Cetakan, penyusun

        if paraf is None:
            with self.store.read() as s:
                paraf = self._chain(s, surat.id)
        rows = [Paraf(nama=p.nama, jabatan=p.jabatan) for p in paraf] if self.pengaturan("tabel_paraf") == "cetak" else []
        pj = None
        if surat.penandatangan_id:
            peg = self.master.ambil_pegawai(surat.penandatangan_id)
            if peg is not None:
                pj = self.master.pejabat(peg)
        services = self.services if self.services is not None else _Ringkas(self.store, self.master, self)
        c = Cetakan(surat=surat, nomor=nomor or MENUNGGU_NOMOR, tanggal=tanggal, paraf=rows, penandatangan=pj,
                    waktu=waktu)
        # paraf_naskah: composers that do not pass c.paraf (monev documents) still print the table
        with waktu_dokumen(waktu), paraf_naskah(rows):
            return penyusun(surat.sumber)(services, c)

    # ---------------------------------------------------------------- drafting
    def _cek_data(self, s: Session, data: dict[str, Any], paraf: list[ParafInput] | None,
                  wajib_ttd: bool = True) -> tuple[dict[str, str], Pegawai | None, list[tuple[Pegawai, str]]]:
        problems: dict[str, str] = {}
        jenis = str(data.get("jenis") or "")
        if jenis not in JENIS:
            problems["jenis"] = "Pilih jenis naskah."
        if not str(data.get("hal") or "").strip():
            problems["hal"] = "Hal (perihal) wajib diisi."
        if data.get("sifat", "Biasa") not in SIFAT:
            problems["sifat"] = f"Sifat harus salah satu dari: {', '.join(SIFAT)}."
        if data.get("mode_ttd", "") not in MODE_TTD:
            problems["mode_ttd"] = "Keterangan penandatangan (a.n./Plt./Plh.) tidak dikenal."
        signer_id = data.get("penandatangan_id") or None
        signer = s.get(Pegawai, signer_id) if signer_id else None
        if signer is None or signer.deleted:
            signer = None
            if wajib_ttd or not str(data.get("penandatangan") or "").strip():
                problems["penandatangan_id"] = "Pilih pejabat penanda tangan."
        elif jenis in JENIS:
            msg = self._boleh_ttd(signer, jenis)
            if msg:
                problems["penandatangan_id"] = msg
        if jenis == "keputusan" and not str(data.get("sumber") or ""):  # typed here: Menimbang/Mengingat/Memutuskan
            problems.update(KEP.periksa(KEP.urai(str(data.get("ringkasan") or ""))))
        chain: list[tuple[Pegawai, str]] = []
        for p in paraf or []:
            peg = s.get(Pegawai, p.pegawai_id)
            if peg is None or peg.deleted:
                problems["paraf"] = "Pejabat paraf tidak ditemukan."
            elif p.jenis not in ("hierarki", "koordinasi"):
                problems["paraf"] = "Jenis paraf harus hierarki atau koordinasi."
            else:
                chain.append((peg, p.jenis))
        return problems, signer, chain

    @staticmethod
    def _boleh_ttd(signer: Pegawai, jenis: str) -> str:
        """Why ``signer`` may not sign a letter of ``jenis`` ("" when allowed)."""
        kunci = JENIS[jenis].ttd
        boleh = {k.strip() for k in signer.boleh_ttd.split(",") if k.strip()}
        # No recorded authority means unrestricted (as Data Master has always read it); "surat_keluar"
        # covers the office's own letters but not the PPID's or the Atasan PPID's decisions, nor a keputusan.
        if not boleh or (("surat_keluar" in boleh) and kunci not in ("pemberitahuan", "keberatan", "keputusan")):
            return ""
        if kunci not in boleh:
            return (f"{signer.nama} tidak berwenang menandatangani {JENIS[jenis].label.lower()} "
                    f"(atur kewenangan '{kunci}' di Data Master › Pegawai).")
        return ""

    def buat_konsep(self, actor: Actor, data: IsianKonsep, paraf: list[ParafInput] | None = None) -> SuratKeluar:
        """A new draft. ``paraf=None`` takes the office's default chain of the kind (``paraf_baku``);
        ``[]`` means no paraf."""
        R.require(actor, R.NASKAH_KELOLA)
        return self._buat(actor, _isian(data), paraf)

    def _buat(self, actor: Actor, data: dict[str, Any], paraf: list[ParafInput] | None,
              wajib_ttd: bool = True) -> SuratKeluar:
        jenis = str(data.get("jenis") or "")
        if paraf is None and jenis in JENIS:
            paraf = [ParafInput(b.pegawai_id, b.jenis) for b in self.paraf_baku(jenis)]
        with self.store.session(actor) as s:
            problems, signer, chain = self._cek_data(s, data, paraf, wajib_ttd)
            if problems:
                raise ValidationError(problems)
            surat = SuratKeluar(
                jenis=jenis, hal=str(data["hal"]).strip(), kepada=str(data.get("kepada") or "").strip(),
                sifat=data.get("sifat", "Biasa"), lampiran=str(data.get("lampiran") or "-"),
                ringkasan=str(data.get("ringkasan") or ""), kode_klasifikasi=str(data.get("kode_klasifikasi") or "").strip(),
                konseptor=actor.username, penandatangan_id=signer.id if signer else None,
                penandatangan=signer.nama if signer else str(data.get("penandatangan") or "").strip(),
                mode_ttd=data.get("mode_ttd", ""), sumber=str(data.get("sumber") or ""), status="konsep",
            )
            s.add(surat)
            s.flush()
            self._tulis_chain(s, surat.id, chain)
            _riwayat(s, actor, surat, "buat", f"Konsep dibuat oleh {actor.nama or actor.username}.")
        return surat

    @staticmethod
    def _tulis_chain(s: Session, surat_id: str, chain: list[tuple[Pegawai, str]]) -> None:
        # hierarki first (in the given order), then koordinasi: the order the paraf is collected in.
        ordered = [c for c in chain if c[1] == "hierarki"] + [c for c in chain if c[1] == "koordinasi"]
        for i, (peg, kind) in enumerate(ordered, start=1):
            s.add(ParafSurat(surat_id=surat_id, urutan=i, jenis=kind, pegawai_id=peg.id, nama=peg.nama,
                             jabatan=peg.jabatan))

    def pastikan_konsep(self, actor: Actor, sumber: str, data: IsianKonsep) -> SuratKeluar:
        """The agenda letter of ``sumber`` (a room's record), created as a draft when there is none yet.
        Rooms call this before printing a letter (their own permission check applies); it never takes a
        number. The draft takes the kind's default paraf chain; without a signing official in Data
        Master it may carry only a name (``data["penandatangan"]``): it prints, but cannot be signed
        until an official is chosen."""
        have = self.dari_sumber(sumber)
        if have is not None:
            return have
        return self._buat(actor, {**_isian(data), "sumber": sumber}, None, wajib_ttd=False)

    def ubah_konsep(self, actor: Actor, surat_id: str, data: IsianKonsep, paraf: list[ParafInput] | None = None) -> SuratKeluar:
        """Edit a draft: allowed until the first paraf is given, and after a return. ``paraf`` replaces the
        chain when given."""
        R.require(actor, R.NASKAH_KELOLA)
        with self.store.session(actor) as s:
            surat = self._load(s, surat_id, "ubah")
            chain_now = self._chain(s, surat_id)
            if surat.status == "paraf" and any(p.status == "disetujui" for p in chain_now):
                raise UserError("Konsep sudah diparaf: tidak dapat diubah lagi kecuali dikembalikan.")
            merged = {"jenis": surat.jenis, "hal": surat.hal, "kepada": surat.kepada, "sifat": surat.sifat,
                      "lampiran": surat.lampiran, "ringkasan": surat.ringkasan, "kode_klasifikasi": surat.kode_klasifikasi,
                      "penandatangan_id": surat.penandatangan_id, "mode_ttd": surat.mode_ttd, **_isian(data),
                      "sumber": surat.sumber}
            problems, signer, chain = self._cek_data(s, merged, paraf)
            if problems:
                raise ValidationError(problems)
            assert signer is not None
            for key in ("jenis", "hal", "kepada", "sifat", "lampiran", "ringkasan", "kode_klasifikasi", "mode_ttd"):
                setattr(surat, key, str(merged[key] or "").strip() if key != "lampiran" else str(merged[key] or "-"))
            surat.penandatangan_id, surat.penandatangan = signer.id, signer.nama
            if paraf is not None:
                for p in chain_now:
                    p.deleted = True  # tombstone (sync): the old chain stays in the database, out of the route
                    s.add(p)
                s.flush()
                self._tulis_chain(s, surat.id, chain)
            s.add(surat)
            _riwayat(s, actor, surat, "ubah", "Konsep diubah.")
        return surat

    def _load(self, s: Session, surat_id: str, action: str) -> SuratKeluar:
        surat = s.get(SuratKeluar, surat_id)
        if surat is None or surat.deleted:
            raise UserError("Surat tidak ditemukan.")
        allowed = TRANSITIONS[action]
        if surat.status not in allowed:
            raise UserError(
                f"Surat berstatus “{STATUS_LABEL[surat.status]}” tidak dapat {AKSI_KATA.get(action, action)}: hanya dari "
                + ", ".join(f"“{STATUS_LABEL[x]}”" for x in sorted(allowed)) + "."
            )
        return surat

    @staticmethod
    def _chain(s: Session, surat_id: str) -> list[ParafSurat]:
        return list(s.exec(select(ParafSurat).where(ParafSurat.surat_id == surat_id, ParafSurat.deleted == False)  # noqa: E712
                           .order_by(col(ParafSurat.urutan))))

    # ---------------------------------------------------------------- paraf route
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
            _riwayat(s, actor, surat, "ajukan", "Diajukan untuk paraf." if chain else "Diajukan untuk tanda tangan.")
        return surat

    def paraf(self, actor: Actor, surat_id: str, setuju: bool, catatan: str = "", pegawai_id: str | None = None) -> SuratKeluar:
        """Record the next official's paraf (in chain order); a refusal ("tidak disetujui", with a note)
        returns the draft to its drafter. ``pegawai_id`` (when given) must be the one whose turn it is."""
        R.require(actor, R.NASKAH_KELOLA)
        if not setuju and not catatan.strip():
            raise ValidationError({"catatan": "Tuliskan catatan pengembalian (alasan konsep tidak disetujui)."})
        with self.store.session(actor) as s:
            surat = s.get(SuratKeluar, surat_id)
            if surat is None or surat.status != "paraf":
                raise UserError("Surat ini tidak sedang menunggu paraf.")
            pending = [p for p in self._chain(s, surat_id) if p.status == "menunggu"]
            if not pending:
                raise UserError("Semua paraf sudah lengkap.")
            p = pending[0]
            if pegawai_id is not None and p.pegawai_id != pegawai_id:
                lain = next((x for x in pending if x.pegawai_id == pegawai_id), None)
                siapa = lain.nama if lain else "Pejabat ini"
                raise UserError(f"Paraf harus berurutan: {siapa} belum dapat memaraf; giliran {p.nama} "
                                f"({p.jabatan or p.jenis}) lebih dahulu." if lain else
                                f"{siapa} tidak ada dalam rantai paraf surat ini; giliran {p.nama}.")
            p.status = "disetujui" if setuju else "dikembalikan"
            p.catatan = catatan.strip()
            p.waktu = utcnow()
            p.dicatat_oleh = actor.username
            s.add(p)
            if not setuju:
                surat.status = "dikembalikan"
                _riwayat(s, actor, surat, "kembalikan", f"Tidak disetujui oleh {p.nama} (paraf {p.jenis}): {p.catatan}")
            else:
                if len(pending) == 1:
                    surat.status = "siap_ttd"
                _riwayat(s, actor, surat, "paraf", f"Diparaf {p.nama} ({p.jenis}).")
            s.add(surat)
        return surat

    def kembalikan(self, actor: Actor, surat_id: str, catatan: str) -> SuratKeluar:
        """Return the draft to its drafter with a note: by the next paraf, or by the signer when ready to sign."""
        if not catatan.strip():
            raise ValidationError({"catatan": "Tuliskan catatan pengembalian (alasan konsep tidak disetujui)."})
        surat = self.ambil(surat_id)
        if surat.status == "paraf":
            return self.paraf(actor, surat_id, False, catatan)
        R.require(actor, R.NASKAH_KELOLA)
        with self.store.session(actor) as s:
            surat = self._load(s, surat_id, "kembalikan")
            surat.status = "dikembalikan"
            surat.catatan = catatan.strip()
            s.add(surat)
            _riwayat(s, actor, surat, "kembalikan", f"Tidak disetujui penanda tangan ({surat.penandatangan}): {catatan.strip()}")
        return surat

    # ---------------------------------------------------------------- signature
    def tandatangani(self, actor: Actor, surat_id: str | Sequence[str], tanggal: date, *,
                     hari_ini: date | None = None) -> SuratKeluar:
        """Sign one letter or several at once (in the given order): each gets its date, its number and its
        frozen PDF, all in one unit of work. Returns the (last) signed letter."""
        R.require(actor, R.NASKAH_KELOLA)
        ids = [surat_id] if isinstance(surat_id, str) else list(surat_id)
        if tanggal > (hari_ini or self.clock.today()):
            raise ValidationError({"tanggal": "Tanggal tanda tangan tidak boleh di masa depan."})
        sisipan = self.pengaturan("tanggal_mundur") == "sisipan"
        signed: list[SuratKeluar] = []
        files: list[tuple[str, bytes]] = []
        with self.store.session(actor) as s:
            kunci_tulis(s)
            for sid in ids:
                surat = self._load(s, sid, "tandatangani")
                self._cek_penanda_tangan(s, surat)
                tpl = self._templat(s, surat.jenis)
                kode = surat.kode_klasifikasi or tpl.kode_klasifikasi
                profil = s.exec(select(ProfilInstansi).where(ProfilInstansi.deleted == False)).first()  # noqa: E712
                unit = profil.kode_unit if profil else ""
                if surat.urut is not None and surat.nomor:
                    nomor = surat.nomor  # a correction keeps its number
                else:
                    nomor, urut = self._nomor(s, surat, tpl, kode, unit, tanggal, sisipan)
                    surat.urut = urut
                surat.seri, surat.nomor, surat.tanggal = tpl.jenis, nomor, tanggal
                surat.ditandatangani_pada = utcnow()
                surat.status = "ditandatangani"
                chain = self._chain(s, surat.id)
                pdf = self._susun(surat, nomor, tanggal, surat.ditandatangani_pada, chain)
                digest = hashlib.sha256(pdf).hexdigest()
                files.append((digest, pdf))
                surat.pdf_sha256 = digest
                s.add(surat)
                s.add(VersiSurat(surat_id=surat.id, versi=surat.versi, nomor=nomor, tanggal=tanggal, sha256=digest,
                                 alasan=surat.catatan if surat.versi > 1 else "", ditandatangani_pada=surat.ditandatangani_pada))
                _riwayat(s, actor, surat, "tandatangani",
                         f"Ditandatangani {surat.penandatangan} tanggal {tanggal_panjang(tanggal)}; nomor {nomor}.")
                signed.append(surat)
            # The frozen files are written before the commit: a failed commit leaves an unused file
            # (content-addressed, harmless), never a signed letter without its PDF.
            for digest, pdf in files:
                self._simpan_pdf(digest, pdf)
        return signed[-1]

    def _cek_penanda_tangan(self, s: Session, surat: SuratKeluar) -> None:
        signer = s.get(Pegawai, surat.penandatangan_id) if surat.penandatangan_id else None
        if signer is None or signer.deleted:
            raise ValidationError({"penandatangan_id": (
                f"Surat “{surat.hal}” belum punya pejabat penanda tangan dari Data Master"
                + (f" ({surat.penandatangan} belum terdaftar sebagai pegawai)" if surat.penandatangan else "")
                + ": pilih penanda tangan lewat Ubah konsep di Naskah & Arsip.")})
        if not identitas.format_nip(signer.nip).replace(" ", "").isdigit():
            raise ValidationError({"penandatangan_id": f"{signer.nama} belum punya NIP: lengkapi di Data Master › "
                                                       "Pegawai sebelum menandatangani."})
        msg = self._boleh_ttd(signer, surat.jenis) if surat.jenis in JENIS else ""
        if msg:
            raise ValidationError({"penandatangan_id": msg})

    def _templat(self, s: Session, jenis: str) -> TemplatNomor:
        key = JENIS[jenis].templat if jenis in JENIS else jenis
        row = s.exec(select(TemplatNomor).where(TemplatNomor.jenis == key, TemplatNomor.deleted == False)).first()  # noqa: E712
        if row is None:
            from ppid_desktop.master.service import DEFAULT_TEMPLATES

            pola = {j: p for j, _, p in DEFAULT_TEMPLATES}.get(key) or (JENIS[jenis].pola if jenis in JENIS else "") \
                or "{kode}/{urut}/{unit}/{tahun}"
            row = TemplatNomor(jenis=key, nama=JENIS_LABEL.get(jenis, key), pola=pola)
            s.add(row)
            s.flush()
        return row

    def _nomor(self, s: Session, surat: SuratKeluar, tpl: TemplatNomor, kode: str, unit: str, tanggal: date,
               sisipan: bool) -> tuple[str, int]:
        """The next number of the series, or a sisipan number for a back-dated signature."""
        awal, akhir = date(tanggal.year, 1, 1), date(tanggal.year, 12, 31)
        seri = tpl.jenis
        q = select(SuratKeluar).where(SuratKeluar.seri == seri, col(SuratKeluar.urut).is_not(None),
                                      SuratKeluar.id != surat.id, SuratKeluar.deleted == False,  # noqa: E712
                                      col(SuratKeluar.tanggal) >= awal, col(SuratKeluar.tanggal) <= akhir)
        last = s.exec(q.order_by(col(SuratKeluar.tanggal).desc(), col(SuratKeluar.urut).desc())).first()
        if last is not None and last.tanggal is not None and tanggal < last.tanggal:
            if not sisipan:
                raise ValidationError({"tanggal": (
                    f"Tanggal tanda tangan {tanggal_panjang(tanggal)} lebih awal dari surat bernomor terakhir seri ini "
                    f"({last.nomor}, {tanggal_panjang(last.tanggal)}). Nomor mengikuti urutan tanda tangan: gunakan "
                    f"tanggal {tanggal_panjang(last.tanggal)} atau sesudahnya, atau aktifkan nomor sisipan di pengaturan naskah.")})
            sebelum = s.exec(q.where(col(SuratKeluar.tanggal) <= tanggal)
                             .order_by(col(SuratKeluar.urut).desc())).first()
            if sebelum is None or sebelum.urut is None:
                raise ValidationError({"tanggal": f"Belum ada surat bernomor seri ini pada atau sebelum {tanggal_panjang(tanggal)}: "
                                                  "nomor sisipan tidak dapat diberikan."})
            dasar = sebelum.urut
            n = s.exec(select(func.count()).select_from(SuratKeluar).where(
                SuratKeluar.seri == seri, SuratKeluar.urut == dasar, SuratKeluar.id != surat.id,
                col(SuratKeluar.tanggal) >= awal, col(SuratKeluar.tanggal) <= akhir)).one()
            akhiran = "abcdefghijklmnopqrstuvwxyz"[min(int(n) - 1, 25)]
            return _sisipan_render(tpl.pola, dasar, akhiran, tanggal, kode, unit), dasar
        urut = penomoran.next_number(s, seri, tanggal)
        return penomoran.render(tpl.pola, urut, tanggal, kode, unit), urut

    def _simpan_pdf(self, digest: str, pdf: bytes) -> None:
        try:
            lampiran.simpan(self.store, pdf, digest=digest)  # encrypted at rest, under its plaintext SHA-256
        except UserError as exc:
            raise UserError(f"PDF surat tidak dapat disimpan di folder lampiran: {exc} Surat belum ditandatangani.") from None

    def koreksi(self, actor: Actor, surat_id: str, alasan: str) -> SuratKeluar:
        """A correction of a signed letter: a new version (konsep again, same number) with the reason; the
        signed versions stay in the history with their PDFs."""
        R.require(actor, R.NASKAH_KELOLA)
        if not alasan.strip():
            raise ValidationError({"catatan": "Tuliskan alasan koreksi."})
        with self.store.session(actor) as s:
            surat = self._load(s, surat_id, "koreksi")
            surat.versi += 1
            surat.status = "konsep"
            surat.catatan = alasan.strip()
            surat.pdf_sha256 = None
            surat.pdf_hash = None
            for p in self._chain(s, surat_id):
                p.status, p.catatan, p.waktu = "menunggu", "", None
                s.add(p)
            s.add(surat)
            _riwayat(s, actor, surat, "koreksi", f"Versi {surat.versi} dibuat: {alasan.strip()}")
        return surat

    def pdf_versi(self, versi: VersiSurat) -> bytes:
        """The frozen PDF of an earlier signed version."""
        path = attachment_path(self.store, versi.sha256)
        if not path.is_file():
            raise UserError(f"Berkas PDF versi {versi.versi} tidak ditemukan ({path}).")
        return lampiran.baca(self.store, versi.sha256)

    # ---------------------------------------------------------------- after signature
    def kirim(self, actor: Actor, surat_id: str, tanggal: date, cara: str) -> SuratKeluar:
        R.require(actor, R.NASKAH_KELOLA)
        with self.store.session(actor) as s:
            surat = self._load(s, surat_id, "kirim")
            if surat.tanggal and tanggal < surat.tanggal:
                raise ValidationError({"tanggal": "Tanggal kirim tidak boleh sebelum tanggal surat."})
            surat.tanggal_kirim, surat.cara_kirim, surat.status = tanggal, cara.strip(), "dikirim"
            s.add(surat)
            _riwayat(s, actor, surat, "kirim", f"Dikirim {tanggal_panjang(tanggal)} ({cara.strip() or '-'}).")
        return surat

    def arsipkan(self, actor: Actor, surat_id: str, pdf: Path) -> SuratKeluar:
        """File the signed scan/PDF with the letter (content-addressed attachment)."""
        R.require(actor, R.NASKAH_KELOLA)
        try:
            with open(pdf, "rb") as fh:
                head = fh.read(5)
        except OSError as exc:
            raise ValidationError({"pdf": f"Berkas '{Path(pdf).name}' tidak dapat dibaca: {exc.strerror}."}) from None
        if head != b"%PDF-":
            raise ValidationError({"pdf": f"Berkas '{Path(pdf).name}' bukan PDF."})
        digest = store_attachment(self.store, pdf)
        with self.store.session(actor) as s:
            surat = self._load(s, surat_id, "arsipkan")
            surat.pdf_hash = digest
            surat.status = "diarsipkan"
            s.add(surat)
            _riwayat(s, actor, surat, "arsipkan", f"Pindaian bertanda tangan diarsipkan ({Path(pdf).name}).")
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
            _riwayat(s, actor, surat, "batalkan", alasan.strip())
        return surat

    def baris_ekspor(self, tahun: int | None = None) -> list[dict[str, Any]]:
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


@dataclass
class _Ringkas:
    """The part of the composition root a composer may use when the agenda stands alone (tests, tools)."""

    store: Store
    master: MasterService
    agenda: AgendaService

    @property
    def clock(self) -> Clock:
        return self.agenda.clock
