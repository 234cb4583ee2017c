"""The office's working-day calendar as a public file beside an encrypted database.

The calendar (libur nasional, cuti bersama, local days off, office closures, replacement working days and
the office policy) is public information, not personal data; #9 lets ``ppid kalender`` run without an
account. An encrypted database cannot be read without one, so the app writes ``<db>.kalender.json``
(mode 0600, atomic) with the active calendar, its seeded years, the policy and the calendar version:

- every time the calendar or its policy changes (``MasterService.kalender_berubah``),
- every time an encrypted database is opened (after the sign-in and the migrations: ``master.on_open``).

``ppid kalender`` without credentials on an encrypted database reads it (``baca``) and answers exactly as
the signed-in path: a year the database never seeded comes from the ``holidays`` package, as seeding it
would; with no file at all it falls back to the built-in calendar (``bawaan``) and says so.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ppid_desktop.core import kalender as K
from ppid_desktop.core import paths
from ppid_desktop.core.errors import UserError

if TYPE_CHECKING:
    from ppid_desktop.master.service import MasterService

FORMAT = "ppid-kalender-publik"
VERSI = 1


def berkas(db: Path | str) -> Path:
    """``<db>.kalender.json`` beside the database."""
    return Path(f"{Path(db).expanduser().resolve()}.kalender.json")


def tulis(master: MasterService, *, paksa: bool = False) -> Path | None:
    """Write (or refresh) the public calendar of ``master``'s encrypted database. A plaintext database needs
    none (``ppid kalender`` reads it directly; ``paksa`` writes it anyway, for tests). Best effort: a folder
    that cannot be written keeps the calendar change itself (the file is rewritten at the next open)."""
    store = master.store
    if store.kunci is None and not paksa:
        return None
    kebijakan = master.kebijakan()
    with store.read() as s:
        tahun = sorted(K.seeded_years(s))
        hari = [{"tanggal": r.tanggal.isoformat(), "jenis": r.jenis, "nama": r.nama} for r in K.active_entries(s)]
        versi = K.calendar_version(s, kebijakan)
    target = berkas(store.path)
    with contextlib.suppress(OSError, ValueError, UserError):
        lama = json.loads(target.read_text(encoding="utf-8"))
        if isinstance(lama, dict) and lama.get("versi_kalender") == versi and lama.get("tahun") == tahun:
            return target  # unchanged: the common case at every open
    data = {"format": FORMAT, "versi": VERSI, "versi_kalender": versi,
            "dibuat": datetime.now().astimezone().isoformat(timespec="seconds"),
            "kebijakan": {"cuti_bersama_hari_kerja": kebijakan.cuti_bersama_hari_kerja,
                          "sabtu_hari_kerja": kebijakan.sabtu_hari_kerja},
            "tahun": tahun, "hari": hari}
    tmp = paths.partial(target)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError:
        tmp.unlink(missing_ok=True)
        return None
    return target


@dataclass
class KalenderPublik:
    """The calendar without the database: the same method names as ``MasterService`` (``kebijakan``,
    ``kalender_kerja``, ``versi_kalender``, ``tenggat``), so the CLI asks either the same way."""

    kebijakan_kantor: K.Kebijakan
    tahun: frozenset[int]
    hari: list[K.Entry]
    versi: str
    sumber: str  # "berkas" (the public file) or "bawaan" (built-in: no file)
    dibuat: str = ""
    _paket: dict[int, list[K.Entry]] = field(default_factory=dict)

    def kebijakan(self) -> K.Kebijakan:
        return self.kebijakan_kantor

    def _tahun(self, year: int) -> list[K.Entry]:
        ada = [e for e in self.hari if e.tanggal.year == year]
        if year in self.tahun or not K.MIN_YEAR <= year <= K.MAX_YEAR:
            return ada
        if year not in self._paket:  # as seeding the year into the database would (``ensure_years``)
            kunci = {(e.tanggal, e.jenis, e.nama) for e in ada}
            self._paket[year] = [e for e in K.package_entries(year) if (e.tanggal, e.jenis, e.nama) not in kunci]
        return ada + self._paket[year]

    def kalender_kerja(self) -> K.WorkCalendar:
        return K.WorkCalendar(self._tahun, self.kebijakan_kantor)

    def versi_kalender(self) -> str:
        """The database's version after the years asked for were seeded: the file's version when none had
        to come from the package, else the same hash over the file's entries and the package's (the order
        ``active_entries`` gives: by date, seeded rows in the order they were added)."""
        extra = [e for y in sorted(self._paket) for e in self._paket[y]]
        if not extra and self.sumber == "berkas":
            return self.versi
        return K.versi_dari(sorted([*self.hari, *extra], key=lambda e: e.tanggal), self.kebijakan_kantor)

    def tenggat(self, mulai: date, hari_kerja: int) -> K.Tenggat:
        result = self.kalender_kerja().add_workdays(mulai, hari_kerja)
        return K.Tenggat(result.mulai, result.hari_kerja, result.jatuh_tempo, result.dilewati, self.versi_kalender())


def baca(db: Path | str) -> KalenderPublik | None:
    """The public calendar beside ``db``; None when there is none. A damaged or foreign file: ``UserError``
    naming it."""
    path = berkas(db)
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise UserError(f"Berkas kalender publik {path} tidak dapat dibaca atau rusak: {exc}.") from None
    try:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("bukan berkas kalender PPID Desktop")
        pol = data["kebijakan"]
        hari = []
        for h in data["hari"]:
            if h["jenis"] not in K.JENIS_LABEL:
                raise ValueError(f"jenis hari {h['jenis']!r} tidak dikenal")
            hari.append(K.Entry(date.fromisoformat(h["tanggal"]), h["jenis"], str(h["nama"])))
        return KalenderPublik(K.Kebijakan(bool(pol["cuti_bersama_hari_kerja"]), bool(pol["sabtu_hari_kerja"])),
                              frozenset(int(y) for y in data["tahun"]), hari, str(data["versi_kalender"]), "berkas",
                              str(data.get("dibuat", "")))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise UserError(f"Berkas kalender publik {path.name} rusak: {exc}. Masuk dengan akun (--pengguna) agar "
                        "kalender dibaca dari database dan berkas ini ditulis ulang.") from None


def bawaan() -> KalenderPublik:
    """The built-in calendar: libur nasional and cuti bersama from the ``holidays`` package, the default
    policy, no local days."""
    return KalenderPublik(K.Kebijakan(), frozenset(), [], "", "bawaan")
