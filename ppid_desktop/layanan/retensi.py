"""Personal-data retention (UU 27/2022): how long a closed request keeps its personal data, and the wipe."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from ppid_desktop.akun import roles as R  # noqa: N812
from ppid_desktop.core import lampiran as berkas_lampiran
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.audit import log_event
from ppid_desktop.core.errors import ValidationError
from ppid_desktop.core.tanggal import tanggal_panjang
from ppid_desktop.layanan import rules as RU  # noqa: N812
from ppid_desktop.layanan.inti import Bagian, set_nik
from ppid_desktop.layanan.models import Keberatan, LampiranLayanan, PengaturanLayanan, Permohonan, Sengketa

RETENSI_DEFAULT_TAHUN = 5  # default only: adjust to the pemda's Jadwal Retensi Arsip (JRA)


def _tambah_tahun(d: date, tahun: int) -> date:
    try:
        return d.replace(year=d.year + tahun)
    except ValueError:  # 29 February
        return d.replace(year=d.year + tahun, day=28)


def retain_until(p: Permohonan, tahun: int) -> date | None:
    """The day a closed request's personal data may be wiped (None while it is open)."""
    if p.status not in (RU.SELESAI, RU.DITARIK) or p.tanggal_selesai is None:
        return None
    return _tambah_tahun(p.tanggal_selesai, tahun)


def retain_until_keberatan(k: Keberatan, tahun: int) -> date | None:
    """The day a closed standalone keberatan's personal data may be wiped: ``tahun`` after the Atasan's
    answer (None while it is not closed)."""
    if k.status != RU.K_SELESAI:
        return None
    return _tambah_tahun(k.tanggal_tanggapan or k.tanggal_diterima, tahun)


def hapus_identitas_keberatan(k: Keberatan) -> None:
    """Wipe the personal data a keberatan carries itself (NIK, address, contacts, proxy); the name stays."""
    set_nik(k, None)
    k.alamat = k.telepon = k.email = k.nama_kuasa = k.alamat_kuasa = ""


class RetensiLayanan(Bagian):
    _retain_until = staticmethod(retain_until)

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
                                 "permohonan": 0, "lampiran": 0, "dilewati": 0, "nomor": [], "keberatan": 0,
                                 "nomor_keberatan": []}
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
                set_nik(p, None)
                p.alamat = p.telepon = p.email = p.nama_kuasa = ""
                p.retain_until = batas
                p.dianonimkan = self.clock()
                s.add(p)
                for k in keberatan:
                    hapus_identitas_keberatan(k)
                    s.add(k)
                for lam in lampiran:
                    lam.deleted = True
                    digests.add(lam.digest)
                    s.add(lam)
                self._event(s, actor, "permohonan", p.id, "dianonimkan", p.status, p.status,
                            f"Data pribadi dihapus (masa retensi {tahun} tahun berakhir {tanggal_panjang(batas)}); "
                            f"{len(lampiran)} lampiran dihapus.")
            self._anonimkan_keberatan_mandiri(s, actor, sampai, tahun, hasil, digests)
            if not dry_run and hasil["keberatan"]:
                log_event(s, actor, "anonymize", "keberatan", "*",
                          f"Anonimisasi data pribadi {hasil['keberatan']} keberatan tanpa permohonan (retensi berakhir "
                          f"s.d. {sampai.isoformat()})")
            if not dry_run and hasil["permohonan"]:
                log_event(s, actor, "anonymize", "permohonan", "*",
                          f"Anonimisasi data pribadi {hasil['permohonan']} permohonan (retensi berakhir s.d. "
                          f"{sampai.isoformat()}), {hasil['lampiran']} lampiran")
        if digests and not dry_run:
            with self.store.read() as s:
                still = set(s.exec(select(col(LampiranLayanan.digest)).where(
                    col(LampiranLayanan.digest).in_(digests), col(LampiranLayanan.deleted) == False)))  # noqa: E712
            for digest in digests - still:
                berkas_lampiran.hapus(self.store, digest)
        return hasil


    def _anonimkan_keberatan_mandiri(self, s: Session, actor: Actor, sampai: date, tahun: int, hasil: dict[str, Any],
                                     digests: set[str]) -> None:
        """The same wipe for keberatan that stand alone (no permohonan, Pasal 35(1) b–g): closed, retention
        over, no unfinished sengketa. NIK, address, contacts, proxy and attachments go; name, grounds, dates,
        the answer and the history stay."""
        rows = list(s.exec(select(Keberatan).where(
            col(Keberatan.permohonan_id).is_(None), col(Keberatan.deleted) == False,  # noqa: E712
            col(Keberatan.status) == RU.K_SELESAI, col(Keberatan.dianonimkan).is_(None))))
        for k in rows:
            batas = retain_until_keberatan(k, tahun)
            if batas is None or batas > sampai:
                continue
            if any(g.tahap != "selesai" for g in s.exec(select(Sengketa).where(
                    col(Sengketa.keberatan_id) == k.id, col(Sengketa.deleted) == False))):  # noqa: E712
                hasil["dilewati"] += 1
                continue
            lampiran = list(s.exec(select(LampiranLayanan).where(
                col(LampiranLayanan.objek_id) == k.id, col(LampiranLayanan.deleted) == False)))  # noqa: E712
            hasil["keberatan"] += 1
            hasil["nomor_keberatan"].append(k.nomor)
            hasil["lampiran"] += len(lampiran)
            if hasil["dry_run"]:
                continue
            hapus_identitas_keberatan(k)
            k.dianonimkan = self.clock()
            s.add(k)
            for lam in lampiran:
                lam.deleted = True
                digests.add(lam.digest)
                s.add(lam)
            self._event(s, actor, "keberatan", k.id, "dianonimkan", k.status, k.status,
                        f"Data pribadi dihapus (masa retensi {tahun} tahun berakhir {tanggal_panjang(batas)}); "
                        f"{len(lampiran)} lampiran dihapus.")
