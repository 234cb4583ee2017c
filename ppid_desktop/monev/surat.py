"""Programme letters through the agenda surat keluar (Naskah & Arsip), so they get real numbers.

The surat pemberitahuan (agenda jenis ``surat_keluar``) and the surat tugas Tim Monev (jenis
``surat_tugas``) of a programme are agenda letters linked by ``SuratKeluar.sumber =
"monev.program:<id>"`` (one per jenis; a cancelled one is replaced by a new draft). The secretariat
routes the draft for paraf (the office's default chain of that jenis, also for letters made in batch)
and signature in Naskah & Arsip; ``tandatangani`` gives the number from the office template of that
jenis and freezes the PDF. Printing a signed letter gives that frozen PDF; before signature (or without
any agenda letter) it prints "NOMOR (diberikan saat ditandatangani)" and no date.

Berita acara are not routed here: each keeps the number given at finalisation of its session.

Public: ``JENIS`` (kind -> agenda jenis), ``sumber(program_id)``, ``surat_program(services, program_id,
kind)``, ``siapkan(services, actor, program_id, kind, penandatangan_id=None, kode_klasifikasi="",
paraf=None)``, ``nomor_cetak(surat)``, ``pdf(services, program_id, kind)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ppid_desktop.core.actor import Actor
from ppid_desktop.core.errors import UserError, ValidationError
from ppid_desktop.naskah.jenis import BERNOMOR
from ppid_desktop.naskah.jenis import MENUNGGU_NOMOR as MENUNGGU
from ppid_desktop.naskah.masukan import IsianKonsep

if TYPE_CHECKING:
    from ppid_desktop.services import Services

JENIS = {"pemberitahuan": "surat_keluar", "surat_tugas": "surat_tugas"}
LABEL = {"pemberitahuan": "Surat pemberitahuan monev", "surat_tugas": "Surat tugas Tim Monev"}


@dataclass(frozen=True)
class Cetak:
    nomor: str
    tanggal: date | None
    penandatangan_id: str | None


def sumber(program_id: str) -> str:
    return f"monev.program:{program_id}"


def _agenda(services: Services) -> Any:
    agenda = getattr(services, "agenda", None)
    if agenda is None:
        from ppid_desktop.naskah.agenda import AgendaService

        agenda = AgendaService(services.store, services.master)
    return agenda


def _check_kind(kind: str) -> str:
    if kind not in JENIS:
        raise UserError(f"Naskah '{kind}' tidak dikenal.")
    return JENIS[kind]


def surat_program(services: Services, program_id: str, kind: str) -> Any | None:
    """The agenda letter of this programme and kind (newest not cancelled), or ``None``."""
    jenis = _check_kind(kind)
    for row in _agenda(services).daftar(jenis=jenis):  # newest first
        if row.sumber == sumber(program_id) and row.status != "dibatalkan":
            return row
    return None


def siapkan(services: Services, actor: Actor, program_id: str, kind: str, *, penandatangan_id: str | None = None,
            kode_klasifikasi: str = "", paraf: list[Any] | None = None) -> Any:
    """Create the agenda draft of this letter, or return the existing one (matched by ``sumber``).

    The signer defaults to the first pegawai allowed to sign that jenis (``boleh_ttd``)."""
    jenis = _check_kind(kind)
    have = surat_program(services, program_id, kind)
    if have is not None:
        return have
    prog = services.monev.ambil_program(program_id)
    if penandatangan_id is None:
        rows = services.master.daftar_pegawai(boleh_ttd=jenis) or services.master.daftar_pegawai(boleh_ttd="surat_keluar")
        if not rows:
            raise ValidationError({"penandatangan_id": "Belum ada pegawai yang berwenang menandatangani "
                                                       f"{LABEL[kind].lower()}. Atur di Data Master › Pegawai."})
        penandatangan_id = rows[0].id
    if kind == "pemberitahuan":
        hal, kepada, lampiran = f"Pemberitahuan {prog.nama}", "Kepala Perangkat Daerah (daftar terlampir)", "1 (satu) berkas"
    else:
        hal, kepada, lampiran = f"Surat Tugas Tim Monev {prog.nama}", "Tim Monev (daftar terlampir)", "-"
    data = {"jenis": jenis, "hal": hal, "kepada": kepada, "lampiran": lampiran, "penandatangan_id": penandatangan_id,
            "kode_klasifikasi": kode_klasifikasi.strip(), "sumber": sumber(program_id),
            "ringkasan": f"Dibuat dari program monev {prog.nama} ({prog.periode})."}
    return _agenda(services).buat_konsep(actor, IsianKonsep.dari(data), paraf)


def nomor_cetak(surat: Any | None) -> Cetak:
    """What the PDF prints: the agenda number and date once signed, else the waiting text (or blank)."""
    if surat is None:
        return Cetak("", None, None)
    if surat.status in BERNOMOR and surat.nomor:
        return Cetak(surat.nomor, surat.tanggal, surat.penandatangan_id)
    return Cetak(MENUNGGU, None, surat.penandatangan_id)


def pdf(services: Services, program_id: str, kind: str) -> bytes:
    """The letter as printed now: the agenda's (frozen once signed, else a draft without a number)."""
    from ppid_desktop.monev import dokumen

    surat = surat_program(services, program_id, kind)
    if surat is not None:
        data: bytes = _agenda(services).cetak(surat.id)
        return data
    fn = dokumen.surat_pemberitahuan_pdf if kind == "pemberitahuan" else dokumen.surat_tugas_pdf
    return fn(services, program_id, nomor=MENUNGGU, tanggal=None, penandatangan_id=None)


def _susun(services: Services, c: Any) -> bytes:
    """Composer of the agenda (``naskah.susun``) for ``monev.program:<id>`` letters."""
    from ppid_desktop.monev import dokumen

    program_id = c.surat.sumber.partition(":")[2]
    fn = dokumen.surat_tugas_pdf if c.surat.jenis == JENIS["surat_tugas"] else dokumen.surat_pemberitahuan_pdf
    return fn(services, program_id, nomor=c.nomor, tanggal=c.tanggal, penandatangan_id=c.surat.penandatangan_id)


def _daftarkan() -> None:
    from ppid_desktop.naskah.susun import daftarkan

    daftarkan("monev.program", _susun)


_daftarkan()
