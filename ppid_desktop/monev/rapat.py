"""Who attended a rapat of a monev programme (the rapat koordinasi of the undangan and notulen): recorded
as data, one row per participant, printed in the daftar hadir and the notulen.

``HadirRapat`` rows belong to a programme (one rapat per programme, ``rapat = "koordinasi"``). Before
anything is recorded the list is the invitation's addressees (the team by name, one representative line
per target unit: ``undangan``); the office records who came (``hadir``), fills the representatives'
names and adds extra names (``tambahan``). ``daftar_hadir(services, program_id)`` -> ``[Peserta]``
(``tercatat`` says whether attendance was recorded); ``catat_hadir(services, actor, program_id,
peserta)`` replaces the list in one unit of work (``monev.kelola`` or ``naskah.kelola``: Tim Monev or the
Sekretariat's notulis); each row needs a name or a jabatan, and a present unit representative a name.
Rows keep their id per position (``urutan``), so a second save updates rather than duplicates; the id is the
natural id of (programme, rapat, position) (sinkron spec ``kunci_alami``), the same on every laptop.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlmodel import Field, col, select

from ppid_desktop.akun import roles as R
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.base import SyncRecord
from ppid_desktop.core.errors import PermissionDenied, ValidationError

if TYPE_CHECKING:
    from ppid_desktop.services import Services

__all__ = ["HadirRapat", "Peserta", "catat_hadir", "daftar_hadir", "ringkas", "undangan"]

RAPAT = "koordinasi"


class HadirRapat(SyncRecord, table=True):
    __tablename__ = "monev_hadir_rapat"

    program_id: str = Field(foreign_key="monev_program.id", max_length=36, index=True)
    rapat: str = Field(default=RAPAT, max_length=32)
    urutan: int = 1
    nama: str = Field(default="", max_length=200)
    jabatan: str = Field(default="", max_length=200)
    instansi: str = Field(default="", max_length=200)  # unit / instansi / "Tim Monev"
    opd_id: str | None = Field(default=None, foreign_key="perangkat_daerah.id", max_length=36)
    pegawai_id: str | None = Field(default=None, foreign_key="pegawai.id", max_length=36)
    hadir: bool = False
    sumber: str = Field(default="undangan", max_length=16)  # undangan | tambahan
    keterangan: str = Field(default="", max_length=300)


@dataclass
class Peserta:
    nama: str
    jabatan: str
    instansi: str
    hadir: bool | None = None  # None: not recorded yet (the invitation list)
    sumber: str = "undangan"
    opd_id: str | None = None
    pegawai_id: str | None = None
    keterangan: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"nama": self.nama, "jabatan": self.jabatan, "instansi": self.instansi, "hadir": self.hadir,
                "sumber": self.sumber, "opd_id": self.opd_id, "pegawai_id": self.pegawai_id,
                "keterangan": self.keterangan}


def undangan(services: Services, program_id: str) -> list[Peserta]:
    """The invitation's addressees: the team by name, then one representative line per target unit."""
    m = services.monev
    tim = [Peserta(p.nama, p.jabatan, "Tim Monev", pegawai_id=p.id) for _t, p in m.daftar_tim(program_id)]
    return tim + [Peserta("", f"Perwakilan {o.nama}", o.nama, opd_id=o.id) for _j, o in m.daftar_jadwal(program_id)]


def _tercatat(services: Services, program_id: str) -> list[HadirRapat]:
    with services.store.read() as s:
        return list(s.exec(select(HadirRapat).where(HadirRapat.program_id == program_id, HadirRapat.rapat == RAPAT,
                                                    HadirRapat.deleted == False)  # noqa: E712
                           .order_by(col(HadirRapat.urutan))))


def daftar_hadir(services: Services, program_id: str) -> tuple[list[Peserta], bool]:
    """The rapat's participants and whether attendance was recorded (else the invitation list)."""
    rows = _tercatat(services, program_id)
    if not rows:
        return undangan(services, program_id), False
    return [Peserta(r.nama, r.jabatan, r.instansi, r.hadir, r.sumber, r.opd_id, r.pegawai_id, r.keterangan)
            for r in rows], True


def _teks(x: Any, n: int) -> str:
    return " ".join(str(x or "").split())[:n]


def catat_hadir(services: Services, actor: Actor, program_id: str, peserta: list[Peserta]) -> list[HadirRapat]:
    """Record the rapat's attendance (replaces the list; one unit of work)."""
    if not (R.can(actor, R.MONEV_KELOLA) or R.can(actor, R.NASKAH_KELOLA)):
        raise PermissionDenied(f"Pengguna {actor.username} tidak berwenang mencatat daftar hadir rapat monev.")
    services.monev.ambil_program(program_id)  # a clear message when it is not there
    if not peserta:
        raise ValidationError({"peserta": "Daftar hadir kosong: isi paling sedikit satu peserta."})
    problems: list[str] = []
    bersih: list[Peserta] = []
    for i, p in enumerate(peserta, 1):
        nama, jabatan, instansi = _teks(p.nama, 200), _teks(p.jabatan, 200), _teks(p.instansi, 200)
        if not nama and not jabatan:
            problems.append(f"baris {i}: isi nama atau jabatan peserta")
        elif p.hadir and not nama:
            problems.append(f"baris {i} ({jabatan}): peserta yang hadir harus bernama")
        bersih.append(Peserta(nama, jabatan, instansi, bool(p.hadir), p.sumber if p.sumber in ("undangan", "tambahan")
                              else "tambahan", p.opd_id, p.pegawai_id, _teks(p.keterangan, 300)))
    if problems:
        raise ValidationError({"peserta": "Daftar hadir belum benar: " + "; ".join(problems) + "."})
    with services.store.session(actor) as s:
        lama = {r.urutan: r for r in s.exec(select(HadirRapat).where(
            HadirRapat.program_id == program_id, HadirRapat.rapat == RAPAT, HadirRapat.deleted == False))}  # noqa: E712
        out = []
        for i, p in enumerate(bersih, 1):
            row = lama.pop(i, None) or HadirRapat(program_id=program_id, rapat=RAPAT, urutan=i)
            row.nama, row.jabatan, row.instansi, row.hadir = p.nama, p.jabatan, p.instansi, bool(p.hadir)
            row.sumber, row.opd_id, row.pegawai_id, row.keterangan = p.sumber, p.opd_id, p.pegawai_id, p.keterangan
            s.add(row)
            out.append(row)
        for row in lama.values():
            row.deleted = True
            s.add(row)
    return out


def ringkas(peserta: list[Peserta], tercatat: bool) -> str:
    """``"12 orang hadir dari 15 undangan"`` (recorded) or ``"15 orang diundang"``."""
    if not tercatat:
        return f"{len(peserta)} orang diundang"
    hadir = sum(1 for p in peserta if p.hadir)
    return f"{hadir} orang hadir dari {len(peserta)} peserta tercatat"

