"""What the office edits about its letters: the kode klasifikasi arsip list, the default paraf chain per
kind, and the tata naskah settings (``jenis.PENGATURAN_BAKU``). Mixed into ``AgendaService``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sqlmodel import col, select

from ppid_desktop.akun import roles as R
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.db import Store
from ppid_desktop.core.errors import UserError, ValidationError
from ppid_desktop.master.models import Pegawai
from ppid_desktop.naskah.jenis import JENIS, PENGATURAN_BAKU
from ppid_desktop.naskah.models import KlasifikasiArsip, ParafBaku, PengaturanNaskah

PILIHAN = {"tanggal_mundur": ("tolak", "sisipan"), "tabel_paraf": ("cetak", "tidak")}
_KODE = re.compile(r"^\d{3}(\.\d{1,3})*$")


class PengaturanAgenda:
    store: Store

    # ---------------------------------------------------------------- settings
    def pengaturan(self, kunci: str) -> str:
        if kunci not in PENGATURAN_BAKU:
            raise UserError(f"Pengaturan naskah '{kunci}' tidak dikenal.")
        with self.store.read() as s:
            row = s.exec(select(PengaturanNaskah).where(PengaturanNaskah.kunci == kunci,
                                                        PengaturanNaskah.deleted == False)).first()  # noqa: E712
        return row.nilai if row is not None else PENGATURAN_BAKU[kunci]

    def simpan_pengaturan(self, actor: Actor, kunci: str, nilai: str) -> None:
        R.require(actor, R.MASTER_UBAH)
        if kunci not in PILIHAN:
            raise UserError(f"Pengaturan naskah '{kunci}' tidak dikenal.")
        if nilai not in PILIHAN[kunci]:
            raise ValidationError({kunci: f"Pilihan untuk {kunci}: {', '.join(PILIHAN[kunci])}."})
        with self.store.session(actor) as s:
            row = s.exec(select(PengaturanNaskah).where(PengaturanNaskah.kunci == kunci,
                                                        PengaturanNaskah.deleted == False)).first()  # noqa: E712
            row = row or PengaturanNaskah(kunci=kunci)
            row.nilai = nilai
            s.add(row)

    # ---------------------------------------------------------------- klasifikasi arsip
    def daftar_klasifikasi(self, hanya_aktif: bool = False) -> list[KlasifikasiArsip]:
        with self.store.read() as s:
            q = select(KlasifikasiArsip).where(KlasifikasiArsip.deleted == False)  # noqa: E712
            if hanya_aktif:
                q = q.where(KlasifikasiArsip.aktif == True)  # noqa: E712
            return list(s.exec(q.order_by(col(KlasifikasiArsip.kode))))

    def simpan_klasifikasi(self, actor: Actor, kode: str, nama: str, aktif: bool = True,
                           klasifikasi_id: str | None = None) -> KlasifikasiArsip:
        R.require(actor, R.MASTER_UBAH)
        kode, nama = kode.strip(), nama.strip()
        problems: dict[str, str] = {}
        if not _KODE.match(kode):
            problems["kode"] = f"Kode klasifikasi '{kode}' tidak sah: tulis seperti 000.8.3.3 (angka dipisah titik)."
        if not nama:
            problems["nama"] = "Nama klasifikasi wajib diisi."
        with self.store.session(actor) as s:
            dupe = s.exec(select(KlasifikasiArsip).where(KlasifikasiArsip.kode == kode,
                                                         KlasifikasiArsip.deleted == False)).first()  # noqa: E712
            if dupe is not None and dupe.id != klasifikasi_id:
                problems["kode"] = f"Kode {kode} sudah ada ({dupe.nama})."
            if problems:
                raise ValidationError(problems)
            row = s.get(KlasifikasiArsip, klasifikasi_id) if klasifikasi_id else None
            row = row or KlasifikasiArsip(kode=kode, nama=nama)
            row.kode, row.nama, row.aktif = kode, nama, aktif
            s.add(row)
        return row

    def hapus_klasifikasi(self, actor: Actor, klasifikasi_id: str) -> None:
        R.require(actor, R.MASTER_UBAH)
        with self.store.session(actor) as s:
            row = s.get(KlasifikasiArsip, klasifikasi_id)
            if row is None or row.deleted:
                raise UserError("Kode klasifikasi tidak ditemukan.")
            row.deleted = True
            s.add(row)

    # ---------------------------------------------------------------- default paraf chains
    def paraf_baku(self, jenis: str) -> list[ParafBaku]:
        with self.store.read() as s:
            return list(s.exec(select(ParafBaku).where(ParafBaku.jenis_surat == jenis, ParafBaku.deleted == False)  # noqa: E712
                               .order_by(col(ParafBaku.urutan))))

    def simpan_paraf_baku(self, actor: Actor, jenis: str, rantai: Sequence[Any]) -> list[ParafBaku]:
        """Replace the default chain of ``jenis`` by ``rantai`` (``ParafInput`` items, in order)."""
        R.require(actor, R.MASTER_UBAH)
        if jenis not in JENIS:
            raise ValidationError({"jenis": f"Jenis naskah '{jenis}' tidak dikenal."})
        with self.store.session(actor) as s:
            seen: set[str] = set()
            for p in rantai:
                peg = s.get(Pegawai, p.pegawai_id)
                if peg is None or peg.deleted:
                    raise ValidationError({"paraf": "Pejabat paraf tidak ditemukan."})
                if p.jenis not in ("hierarki", "koordinasi"):
                    raise ValidationError({"paraf": "Jenis paraf harus hierarki atau koordinasi."})
                if p.pegawai_id in seen:
                    raise ValidationError({"paraf": f"{peg.nama} tercantum dua kali dalam rantai paraf."})
                seen.add(p.pegawai_id)
            for old in s.exec(select(ParafBaku).where(ParafBaku.jenis_surat == jenis, ParafBaku.deleted == False)):  # noqa: E712
                old.deleted = True
                s.add(old)
            rows = [ParafBaku(jenis_surat=jenis, urutan=i, jenis=p.jenis, pegawai_id=p.pegawai_id)
                    for i, p in enumerate(rantai, 1)]
            s.add_all(rows)
        return rows
