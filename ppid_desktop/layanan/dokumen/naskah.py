"""The information service's outgoing letters as agenda letters (Naskah & Arsip).

A pemberitahuan tertulis, a pemberitahuan perpanjangan, a keputusan penolakan and a tanggapan atas
keberatan are each one :class:`~ppid_desktop.naskah.models.SuratKeluar`, linked by ``sumber``:
``layanan.permohonan:<id>:<jenis>`` / ``layanan.keberatan:<id>``. Printing one before it is signed
creates its draft (no number: "(diberikan saat ditandatangani)"); the number comes at signature in the
agenda, from the template of the kind, and from then on every print is the frozen PDF.

Public: ``SURAT`` (document kind -> agenda jenis), ``konsep(services, actor, jenis, p, k=None)``,
``pdf(services, actor, jenis, p, k=None)``. The composer registered with ``naskah.susun`` for the
``layanan.permohonan`` and ``layanan.keberatan`` prefixes turns a draft or a signature into PDF bytes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlmodel import select

from ppid_desktop.core.actor import Actor
from ppid_desktop.core.errors import UserError
from ppid_desktop.dokumen import Pejabat
from ppid_desktop.layanan.models import Keberatan, Permohonan
from ppid_desktop.master.models import Pegawai
from ppid_desktop.naskah.masukan import IsianKonsep
from ppid_desktop.naskah.susun import Cetakan, daftarkan

if TYPE_CHECKING:
    from ppid_desktop.services import Services

SURAT = {"pemberitahuan": "pemberitahuan", "perpanjangan": "perpanjangan", "penolakan": "penolakan",
         "tanggapan-keberatan": "tanggapan_keberatan"}
HAL = {
    "pemberitahuan": "Pemberitahuan Tertulis atas Permohonan Informasi {nomor}",
    "perpanjangan": "Pemberitahuan Perpanjangan Waktu Permohonan Informasi {nomor}",
    "penolakan": "Keputusan PPID tentang Penolakan Permohonan Informasi {nomor}",
    "tanggapan-keberatan": "Tanggapan atas Keberatan {nomor}",
}


def sumber(jenis: str, p: Permohonan | None, k: Keberatan | None = None) -> str:
    if jenis == "tanggapan-keberatan":
        assert k is not None
        return f"layanan.keberatan:{k.id}"
    assert p is not None
    return f"layanan.permohonan:{p.id}:{jenis}"


def _penanda_tangan(services: Services, jenis: str, k: Keberatan | None) -> tuple[str | None, str]:
    """(pegawai id, name) of the letter's signer: the PPID for its letters; for a tanggapan the Atasan
    PPID recorded with the decision when Data Master knows them (by NIP or name), else the first official
    allowed to sign tanggapan atas keberatan."""
    if jenis == "tanggapan-keberatan":
        assert k is not None
        rows = services.master.daftar_pegawai()
        nip = "".join(ch for ch in k.atasan_nip if ch.isdigit())
        for row in rows:
            if (nip and "".join(ch for ch in row.nip if ch.isdigit()) == nip) or (
                    k.atasan_nama and row.nama.strip().lower() == k.atasan_nama.strip().lower()):
                return row.id, row.nama
        allowed = services.master.daftar_pegawai(boleh_ttd="keberatan")
        if allowed:
            return allowed[0].id, allowed[0].nama
        return None, k.atasan_nama or "Atasan PPID"
    allowed = services.master.daftar_pegawai(boleh_ttd="pemberitahuan")
    if not allowed:
        raise UserError("Belum ada pegawai yang berwenang menandatangani pemberitahuan PPID. "
                        "Atur di Data Master › Pegawai.")
    return allowed[0].id, allowed[0].nama


def konsep(services: Services, actor: Actor, jenis: str, p: Permohonan | None, k: Keberatan | None = None) -> Any:
    """The agenda letter of this document (created as a draft the first time)."""
    agenda = services.agenda
    src = sumber(jenis, p, k)
    have = agenda.dari_sumber(src)
    if have is not None:
        return have
    signer_id, signer_nama = _penanda_tangan(services, jenis, k)
    nomor = k.nomor if k is not None and jenis == "tanggapan-keberatan" else (p.nomor if p is not None else "")
    kepada = f"Sdr. {(k.nama if k is not None and k.nama else p.nama if p is not None else '')}"
    data = {"jenis": SURAT[jenis], "hal": HAL[jenis].format(nomor=nomor), "kepada": kepada,
            "penandatangan_id": signer_id, "penandatangan": signer_nama,
            "ringkasan": f"Dibuat dari layanan informasi ({nomor})."}
    return agenda.pastikan_konsep(actor, src, IsianKonsep.dari(data))


def pdf(services: Services, actor: Actor, jenis: str, p: Permohonan | None, k: Keberatan | None = None) -> bytes:
    """The letter as printed now: the frozen signed PDF, or the draft without a number."""
    surat = konsep(services, actor, jenis, p, k)
    data: bytes = services.agenda.cetak(surat.id)
    return data


def _susun(services: Services, c: Cetakan) -> bytes:
    from ppid_desktop.layanan import dokumen

    kind, _, rest = c.surat.sumber.partition(":")
    ins = services.master.instansi()
    with services.store.read() as s:
        if kind == "layanan.keberatan":
            k = s.get(Keberatan, rest)
            if k is None:
                raise UserError("Keberatan surat ini tidak ditemukan.")
            p = s.get(Permohonan, k.permohonan_id) if k.permohonan_id else None  # None: standalone keberatan
            if p is None and k.permohonan_id:
                raise UserError("Permohonan keberatan ini tidak ditemukan.")
            return dokumen.tanggapan_keberatan_pdf(ins, k, p, nomor_surat=c.nomor, tanggal=c.tanggal,
                                                   atasan=c.penandatangan, paraf=c.paraf,
                                                   setda=services.master.instansi_setda())
        pid, _, jenis = rest.partition(":")
        p = s.get(Permohonan, pid)
        if p is None:
            raise UserError("Permohonan surat ini tidak ditemukan.")
        opd = services.master.ambil_opd(p.opd_id) if p.opd_id else None
        ppid = _ppid(c, s)
        if jenis == "pemberitahuan":
            return dokumen.pemberitahuan_pdf(ins, p, opd_nama=opd.nama if opd else "", ppid=ppid, nomor_surat=c.nomor,
                                             tanggal=c.tanggal, paraf=c.paraf)
        if jenis == "perpanjangan":
            return dokumen.perpanjangan_pdf(ins, p, ppid=ppid, nomor_surat=c.nomor, tanggal=c.tanggal, paraf=c.paraf)
        if jenis == "penolakan":
            return dokumen.penolakan_pdf(ins, p, ppid=ppid, nomor_surat=c.nomor, tanggal=c.tanggal, paraf=c.paraf)
    raise UserError(f"Surat layanan '{c.surat.sumber}' tidak dikenal.")


def _ppid(c: Cetakan, s: Any) -> Pejabat:
    if c.penandatangan is not None:
        return c.penandatangan
    row = s.exec(select(Pegawai).where(Pegawai.nama == c.surat.penandatangan)).first()
    if row is not None:
        return Pejabat(nama=row.nama, jabatan=row.jabatan, nip=row.nip, pangkat=row.pangkat, golongan=row.golongan)
    return Pejabat(nama=c.surat.penandatangan, jabatan="")


daftarkan("layanan.permohonan", _susun)
daftarkan("layanan.keberatan", _susun)
