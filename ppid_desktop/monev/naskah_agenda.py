"""Monev paperwork through the agenda route (Naskah & Arsip): draft, paraf, number at signature, frozen.

The surat pemberitahuan and surat tugas go through ``monev.surat`` (engineer naskah's module). The other
monev naskah are agenda letters made here with ``AgendaService.pastikan_konsep`` and
``SuratKeluar.sumber = "monev.naskah:<jenis>:<program_id>[:<unit_id>]"``; the agenda composes their PDF
with :func:`susun` (registered with ``naskah.susun.daftarkan`` when this module is imported, which
``monev.service`` does), so the frozen PDF at signature is the monev document with its agenda number
and signing date. The review loop of a report (seed 000 step 11 "tidak disetujui", seed 001 steps
21–23) is the agenda's paraf with ``kembalikan`` (a note is required) and a new draft version.

``JENIS_AGENDA`` maps the ``monev cetak`` kind to the agenda jenis (the SK Tim Monev is a ``keputusan``:
its own number series, e.g. ``188.4/{urut}/KEP/{tahun}`` or the office's pattern in Data Master ›
Penomoran, and only a signer with ``keputusan`` authority); ``calon_penandatangan(services, jenis)``;
``siapkan(services, actor, jenis,
program_id, unit_id=None, penandatangan_id=None)``; ``surat(services, jenis, program_id, unit_id=None)``;
``cetak_agenda(services, jenis, program_id, unit_id=None) -> bytes | None`` (the frozen PDF once signed,
a numberless draft while in the agenda, ``None`` when the letter was never drafted);
``nota_dinas(services, actor, jenis, program_id, penandatangan_id)`` drafts a nota dinas covering the
programme letter (linked in the agenda, its own signer: ``calon_nota``); ``dokumen_langkah(services,
program_id, dokumen, opd_id=None)`` says where each document of an SOP step stands and how to open it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ppid_desktop.akun import roles as R
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.errors import PermissionDenied, UserError, ValidationError
from ppid_desktop.naskah.jenis import BERNOMOR, JENIS, JENIS_LABEL
from ppid_desktop.naskah.masukan import IsianKonsep
from ppid_desktop.naskah.susun import Cetakan, daftarkan

if TYPE_CHECKING:
    from ppid_desktop.services import Services

PREFIX = "monev.naskah"
JENIS_AGENDA = {"sk-tim": "keputusan", "undangan": "undangan", "laporan-unit": "laporan",
                "laporan-program": "laporan", "laporan-solusi": "laporan", "ba-evaluasi-mandiri": "berita_acara",
                "proposal": "laporan", "surat-permintaan-data": "surat_keluar",
                "notulen": "laporan", "laporan-evaluasi": "laporan"}
HAL = {"sk-tim": "Keputusan Pembentukan Tim Monitoring dan Evaluasi {p}", "undangan": "Undangan Rapat Koordinasi {p}",
       "laporan-unit": "Laporan Hasil Monitoring dan Evaluasi {p} pada {u}", "laporan-program": "Laporan Hasil {p}",
       "laporan-solusi": "Laporan Hasil Analisa dan Solusi Permasalahan {p}",
       "ba-evaluasi-mandiri": "Berita Acara Evaluasi Mandiri SPBE {p}",
       "proposal": "Kerangka Acuan Kerja (Proposal) {p}",
       "surat-permintaan-data": "Permintaan Data dan Evaluasi Mandiri {p}",
       "notulen": "Notulen Rapat Koordinasi {p}",
       "laporan-evaluasi": "Laporan Hasil Evaluasi {p}"}


SYARAT_SUSUN: dict[str, tuple[str, ...]] = {
    # a keputusan of the Kepala (SK Tim Monev) is drafted by whoever keeps the naskah dinas (the PPID's
    # petugas informasi in seed 000 step 3, the Sekretariat), never by the team it appoints
    "sk-tim": (R.NASKAH_KELOLA,),
    # the team's own records and reports (seed 000 step 10, seed 004 steps 8-15): Tim Monev (or Sekretariat)
    "laporan-unit": (R.MONEV_KELOLA,), "laporan-program": (R.MONEV_KELOLA,), "laporan-solusi": (R.MONEV_KELOLA,),
    "laporan-evaluasi": (R.MONEV_KELOLA,), "notulen": (R.MONEV_KELOLA,),
}
"""Who may draft each monev naskah (any one of the permissions); kinds not listed (proposal, undangan,
surat permintaan data, BA Evaluasi Mandiri): Tim Monev or a naskah keeper (``monev.kelola`` or
``naskah.kelola``)."""
SYARAT_BAKU = (R.MONEV_KELOLA, R.NASKAH_KELOLA)


def boleh_susun(actor: Actor, jenis: str) -> bool:
    return any(R.can(actor, p) for p in SYARAT_SUSUN.get(jenis, SYARAT_BAKU))


def _cek_peran(actor: Actor, jenis: str) -> None:
    """Issue #9: drafting a monev naskah checks the acting account's role (``SYARAT_SUSUN``)."""
    if not boleh_susun(actor, jenis):
        label = HAL.get(jenis, jenis).replace(" {p}", "").replace(" pada {u}", "").lower()
        raise PermissionDenied(f"Pengguna {actor.username} tidak berwenang menyusun konsep {label}.")


def sumber(jenis: str, program_id: str, unit_id: str | None = None) -> str:
    return f"{PREFIX}:{jenis}:{program_id}" + (f":{unit_id}" if unit_id else "")


def _agenda(services: Services) -> Any:
    agenda = getattr(services, "agenda", None)
    if agenda is None:
        raise UserError("Agenda surat (Naskah & Arsip) tidak tersedia.")
    return agenda


def surat(services: Services, jenis: str, program_id: str, unit_id: str | None = None) -> Any | None:
    return _agenda(services).dari_sumber(sumber(jenis, program_id, unit_id))


def siapkan(services: Services, actor: Actor, jenis: str, program_id: str, *, unit_id: str | None = None,
            penandatangan_id: str | None = None) -> Any:
    """The agenda draft of this monev naskah (created once; an existing one is returned)."""
    if jenis not in JENIS_AGENDA:
        raise UserError(f"Naskah '{jenis}' tidak melalui agenda dari sini.")
    _cek_peran(actor, jenis)
    if jenis == "laporan-unit" and not unit_id:
        raise ValidationError({"unit": "Laporan per unit memerlukan unitnya."})
    prog = services.monev.ambil_program(program_id)
    unit = services.master.ambil_opd(unit_id) if unit_id else None
    agenda_jenis = JENIS_AGENDA[jenis]
    ttd = JENIS[agenda_jenis].ttd
    penandatangan = ""
    if penandatangan_id is None:
        rows = calon_penandatangan(services, jenis)
        if not rows and ttd != "keputusan":
            rows = services.master.daftar_pegawai()
        if rows:
            penandatangan_id = rows[0].id
        elif ttd == "keputusan":  # the draft prints; an official with 'keputusan' authority is chosen before signing
            penandatangan = "Pejabat penetap keputusan (pilih di Naskah & Arsip)"
        else:
            raise ValidationError({"penandatangan_id": "Belum ada pegawai penanda tangan. Atur di Data Master › Pegawai."})
    data = {"jenis": agenda_jenis, "hal": HAL[jenis].format(p=prog.nama, u=unit.nama if unit else ""),
            "kepada": "Kepala Perangkat Daerah/Unit (daftar terlampir)" if jenis in ("undangan", "surat-permintaan-data")
            else "",
            "penandatangan_id": penandatangan_id, "penandatangan": penandatangan,
            "ringkasan": f"Dibuat dari program monev {prog.nama} ({prog.periode})."}
    return _agenda(services).pastikan_konsep(actor, sumber(jenis, program_id, unit_id), IsianKonsep.dari(data))


def calon_penandatangan(services: Services, jenis: str) -> list[Any]:
    """Who may sign this monev naskah: pegawai with the kind's authority; a keputusan (SK Tim Monev) only
    those with ``keputusan`` (Kepala Daerah/Sekda/Kepala Dinas) or no recorded restriction, the other
    kinds fall back to the ``surat_keluar`` signers."""
    ttd = JENIS[JENIS_AGENDA[jenis]].ttd
    rows: list[Any] = services.master.daftar_pegawai(boleh_ttd=ttd)
    if rows:
        return rows
    if ttd == "keputusan":
        return [p for p in services.master.daftar_pegawai() if not p.boleh_ttd.strip()]
    return list(services.master.daftar_pegawai(boleh_ttd="surat_keluar"))


def surat_program(services: Services, jenis: str, program_id: str) -> Any | None:
    """The agenda letter of a programme naskah of any kind (``monev.surat`` letters or the ones here)."""
    from ppid_desktop.monev import surat as SURAT

    if jenis in SURAT.JENIS:
        return SURAT.surat_program(services, program_id, jenis)
    return surat(services, jenis, program_id)


def calon_nota(services: Services, letter: Any) -> list[Any]:
    """Who may sign a nota dinas covering ``letter``: pegawai with ``nota_dinas`` authority (else anyone
    unrestricted), never the letter's own signer."""
    rows = services.master.daftar_pegawai(boleh_ttd="nota_dinas") or [
        p for p in services.master.daftar_pegawai() if not p.boleh_ttd.strip()]
    return [p for p in rows if p.id != letter.penandatangan_id]


def nota_dinas(services: Services, actor: Actor, jenis: str, program_id: str, penandatangan_id: str,
               kepada: str = "") -> Any:
    """A nota dinas covering the programme's ``jenis`` letter (seed 001: the nota that carries the letter
    to its signer), linked to it in the agenda (``naskah.agenda.MENUTUPI``)."""
    letter = surat_program(services, jenis, program_id)
    if letter is None:
        raise UserError("Buat dulu konsep naskahnya di agenda; nota dinas menutupi naskah yang sudah ada.")
    return _agenda(services).buat_nota_dinas(actor, letter.id, IsianKonsep(penandatangan_id=penandatangan_id,
                                                                           kepada=kepada))


@dataclass(frozen=True)
class DokumenLangkah:
    """A document a step needs or produces, as the tracker shows it: ``ada`` (``None``: made outside the
    app), a state in words, and ``tautan`` to open it (``agenda:<surat_id>`` or ``sesi:<sesi_id>``, the
    session holding the answers and their evidence)."""

    kode: str
    label: str
    ada: bool | None
    keadaan: str
    tautan: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"kode": self.kode, "label": self.label, "ada": self.ada, "keadaan": self.keadaan, "tautan": self.tautan}


SURAT_PROGRAM = {"surat-pemberitahuan": "pemberitahuan", "surat-tugas": "surat_tugas"}
PER_UNIT_SESI = ("berita-acara", "lembar-kerja")


def dokumen_langkah(services: Services, program_id: str, dokumen: list[str],
                    opd_id: str | None = None) -> list[DokumenLangkah]:
    """Where each document of a step stands for this programme (and unit, in a unit run)."""
    from ppid_desktop.monev import surat as SURAT
    from ppid_desktop.monev.dokumen_program import DOKUMEN_LABEL
    from ppid_desktop.naskah.jenis import STATUS_LABEL

    m = services.monev
    out: list[DokumenLangkah] = []

    def dari_agenda(kode: str, row: Any, label: str) -> DokumenLangkah:
        if row is None:
            return DokumenLangkah(kode, label, False, "belum dibuat di agenda")
        st = STATUS_LABEL.get(row.status, row.status) + (f", nomor {row.nomor}" if row.nomor else "")
        if kode in JENIS_AGENDA and row.jenis != JENIS_AGENDA[kode]:  # e.g. an SK Tim numbered as a surat dinas
            st += f" (sebagai {JENIS_LABEL.get(row.jenis, row.jenis).lower()}, dibuat sebelum jenis {JENIS_LABEL[JENIS_AGENDA[kode]]})"
        return DokumenLangkah(kode, label, True, st, f"agenda:{row.id}")

    def sesi_unit(unit_id: str) -> Any:
        jad = next((j for j, o in m.daftar_jadwal(program_id) if o.id == unit_id), None)
        return m.sesi_jadwal(jad.id) if jad is not None else None

    for kode in dokumen:
        label = DOKUMEN_LABEL.get(kode, kode)
        if kode in SURAT_PROGRAM:
            out.append(dari_agenda(kode, SURAT.surat_program(services, program_id, SURAT_PROGRAM[kode]), label))
        elif kode == "laporan-unit" and opd_id is None:
            n = sum(1 for _j, o in m.daftar_jadwal(program_id) if surat(services, kode, program_id, o.id) is not None)
            total = len(m.daftar_jadwal(program_id))
            out.append(DokumenLangkah(kode, label, n == total, f"{n} dari {total} unit ada di agenda"))
        elif kode in JENIS_AGENDA:
            out.append(dari_agenda(kode, surat(services, kode, program_id, opd_id if kode == "laporan-unit" else None),
                                   label))
        elif kode == "tanda-terima":
            row = SURAT.surat_program(services, program_id, "pemberitahuan")
            dikirim = row is not None and row.status in ("dikirim", "diarsipkan")
            out.append(DokumenLangkah(kode, label, dikirim, "tercetak bersama surat pemberitahuan"
                                      + ("" if dikirim else "; surat belum dikirim"), f"agenda:{row.id}" if row else ""))
        elif kode in PER_UNIT_SESI and opd_id is None:
            sesi = [x for j, _o in m.daftar_jadwal(program_id) if (x := m.sesi_jadwal(j.id)) is not None]
            n = sum(1 for x in sesi if (x.ba_nomor if kode == "berita-acara" else True))
            total = len(m.daftar_jadwal(program_id))
            out.append(DokumenLangkah(kode, label, n == total, f"{n} dari {total} unit"))
        elif kode in PER_UNIT_SESI:
            se = sesi_unit(opd_id) if opd_id else None
            if se is None:
                out.append(DokumenLangkah(kode, label, False, "sesi unit belum ada"))
            elif kode == "berita-acara":
                out.append(DokumenLangkah(kode, label, bool(se.ba_nomor), f"nomor {se.ba_nomor}" if se.ba_nomor
                                          else "sesi belum difinalkan", f"sesi:{se.id}"))
            else:
                d = m.muat_sesi(se.id)
                nb = sum(len(x) for x in d.bukti.values())
                out.append(DokumenLangkah(kode, label, bool(d.jawaban), f"{len(d.jawaban)} jawaban, {nb} bukti",
                                          f"sesi:{se.id}"))
        else:
            out.append(DokumenLangkah(kode, label, None, "dibuat di luar aplikasi"))
    return out


def susun(services: Services, c: Cetakan) -> bytes:
    """The agenda's composer for ``monev.naskah:*`` letters: the monev document with the agenda's number,
    date and signer."""
    from ppid_desktop.monev import dokumen as D
    from ppid_desktop.monev import dokumen_program as DP

    parts = c.surat.sumber.split(":")
    if len(parts) < 3:
        raise UserError(f"Sumber surat '{c.surat.sumber}' tidak dikenali.")
    jenis, program_id = parts[1], parts[2]
    unit_id = parts[3] if len(parts) > 3 else None
    nomor, tgl, pj = c.nomor, c.tanggal, c.penandatangan
    if jenis == "sk-tim":
        return DP.sk_tim_pdf(services, program_id, tgl, nomor, pj)
    if jenis == "undangan":
        return DP.undangan_pdf(services, program_id, tgl, nomor, pj)
    if jenis == "ba-evaluasi-mandiri":
        return DP.ba_evaluasi_mandiri_pdf(services, program_id, tgl, nomor, pj)
    if jenis == "proposal":
        return DP.proposal_pdf(services, program_id, tgl, nomor, pj, uraian=c.surat.ringkasan or "")
    if jenis == "surat-permintaan-data":
        return DP.permintaan_data_pdf(services, program_id, tgl, nomor, pj, uraian=c.surat.ringkasan or "")
    if jenis == "notulen":
        return DP.notulen_pdf(services, program_id, tgl, nomor, pj, uraian=c.surat.ringkasan or "")
    if jenis == "laporan-program":
        return DP.laporan_program_pdf(services, program_id, tgl, nomor)
    if jenis == "laporan-solusi":
        return DP.laporan_solusi_pdf(services, program_id, tgl, nomor)
    if jenis == "laporan-evaluasi":
        return DP.laporan_evaluasi_pdf(services, program_id, tgl, nomor)
    if jenis == "laporan-unit" and unit_id:
        m = services.monev
        jadwal = next((j for j, o in m.daftar_jadwal(program_id) if o.id == unit_id), None)
        sesi = m.sesi_jadwal(jadwal.id) if jadwal is not None else None
        if sesi is None:
            raise UserError("Unit ini belum memiliki sesi monev.")
        return D.laporan_pdf(services, sesi.id, tgl, nomor)
    raise UserError(f"Naskah monev '{jenis}' tidak dikenal.")


def cetak_agenda(services: Services, jenis: str, program_id: str, unit_id: str | None = None) -> bytes | None:
    """The agenda's print of this naskah: frozen once signed, a numberless draft before; ``None`` when
    it was never drafted (the caller prints the plain document)."""
    if jenis not in JENIS_AGENDA or getattr(services, "agenda", None) is None:
        return None
    row = surat(services, jenis, program_id, unit_id)
    if row is None:
        return None
    data: bytes = services.agenda.cetak(row.id)
    return data


def sk_lama(services: Services) -> list[Any]:
    """SK Tim Monev letters numbered as a surat dinas before the keputusan kind existed (left as they are by
    migration 0019; the unnumbered ones became keputusan drafts)."""
    return [r for r in _agenda(services).daftar(jenis="surat_keluar") if r.sumber.startswith(f"{PREFIX}:sk-tim:")
            and r.status != "dibatalkan"]


def bernomor(row: Any) -> bool:
    return row is not None and row.status in BERNOMOR


daftarkan(PREFIX, susun)
