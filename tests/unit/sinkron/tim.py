"""Test helpers: a team of real SQLite replicas made from one seeded office database."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ppid_desktop.akun import roles as R
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.device import Device
from ppid_desktop.master.masukan import IsianOpd, IsianProfil
from ppid_desktop.services import Services


def actor_for(svc: Services, username: str = "admin") -> Actor:
    return Actor(username=username, device_id=svc.device.id, device_name=svc.device.name,
                 roles=frozenset({R.ADMIN, R.MONEV}), nama=username.title())


@dataclass
class Replika:
    svc: Services
    actor: Actor
    name: str

    @property
    def s(self) -> Any:
        return self.svc.sinkron


@dataclass
class Dasar:
    """The seeded office database (built once) and the ids every copy shares."""

    path: Path
    opd_ids: list[str] = field(default_factory=list)
    program_id: str = ""
    jadwal_ids: list[str] = field(default_factory=list)
    pertanyaan: list[str] = field(default_factory=list)


def buat_dasar(folder: Path, n_opd: int = 2) -> Dasar:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "kantor-dasar.sqlite"
    svc = Services.open(path, device=Device(id="dasar", name="Dasar"))
    a = actor_for(svc)
    try:
        svc.sinkron.kunci_buat(a)
        svc.master.simpan_profil(a, IsianProfil.dari({"pemerintah": "PEMERINTAH KOTA SALATIGA", "perangkat_daerah": "DISKOMINFO",
                                   "kota": "Salatiga", "kode_unit": "DISKOMINFO"}))
        opd = [svc.master.simpan_opd(a, IsianOpd.dari({"kode": f"OPD{i}", "nama": f"Dinas Uji {i}"})).id for i in range(n_opd)]
        inst = svc.monev.impor_templat(a, "kip_2025")
        prog = svc.monev.buat_program(a, "Monev Uji", inst.id, opd, periode="2026")
        jadwal = [j.id for j, _ in svc.monev.daftar_jadwal(prog.id)]
        qs = [q.kode for q in svc.monev.definisi(inst.id).pertanyaan()][:4]
    finally:
        svc.close()
    return Dasar(path, opd, prog.id, jadwal, qs)


def salin(dasar: Dasar, folder: Path, name: str) -> Replika:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.sqlite"
    shutil.copyfile(dasar.path, target)
    svc = Services.open(target, device=Device(id=f"perangkat-{name}", name=f"Laptop {name}"))
    return Replika(svc, actor_for(svc, f"u{name}"), name)


class Pos:
    """Carries packages between replicas through real files."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.n = 0

    def kirim(self, src: Replika, dst: Replika, **kw: Any) -> dict[str, Any]:
        self.n += 1
        path = self.folder / f"p{self.n}.ppidsync"
        if not kw:
            kw = {"untuk": dst.s.replika}
        src.s.ekspor(src.actor, path, **kw)
        return dict(dst.s.impor(dst.actor, path))

    def tukar(self, *reps: Replika, putaran: int = 2) -> None:
        for _ in range(putaran):
            for a in reps:
                for b in reps:
                    if a is not b:
                        self.kirim(a, b)
