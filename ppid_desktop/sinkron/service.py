"""Sinkronisasi: the team key, packages out (``ekspor``) and in (``impor``), history, hand-over; conflicts are
the inherited half in ``sinkron.konflik``."""

from __future__ import annotations

import functools
import json
import os
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, select, text
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from ppid_desktop.akun import roles as R
from ppid_desktop.core import crypto, paths, penomoran
from ppid_desktop.core import lampiran as berkas_lampiran
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.audit import AuditLog, log_event, os_user
from ppid_desktop.core.base import utcnow
from ppid_desktop.core.clock import SYSTEM_CLOCK, Clock
from ppid_desktop.core.db import KEEP_MIGRATION_COPIES, Store, _prune, head_revision, unique_path
from ppid_desktop.core.device import Device
from ppid_desktop.core.errors import UserError
from ppid_desktop.core.progress import Progress
from ppid_desktop.core.tipe import uuid_ke_db, waktu_dari_db, waktu_ke_db
from ppid_desktop.sinkron import identitas as ID
from ppid_desktop.sinkron import paket as P
from ppid_desktop.sinkron import transformasi
from ppid_desktop.sinkron.gabung import Hasil, Penggabung, urutan_tabel
from ppid_desktop.sinkron.konflik import KonflikSinkron, potong
from ppid_desktop.sinkron.rekam import (
    author,
    capture,
    groups_of,
    keterangan_serah,
    scan,
    ser,
    table_of,
    travelling,
)
from ppid_desktop.sinkron.spesifikasi import PROGRAM_TABEL, SESI_ANAK

JENIS = ("delta", "semua", "program", "serahkan")
DEADLINE_INPUT = frozenset({"permohonan", "keberatan", "hari_libur", "kalender_tahun", "profil_instansi"})
KALENDER = frozenset({"hari_libur", "kalender_tahun", "profil_instansi"})  # the working calendar and its policy
BLOK_BA = 50  # berita acara numbers reserved for a field laptop in a programme package
PERAN = ("kantor", "lapangan")
PERAN_LABEL = {"kantor": "Kantor (menerbitkan nomor register)", "lapangan": "Lapangan (tanpa nomor register)"}
JENIS_LABEL = {"delta": "Perubahan untuk rekan", "semua": "Semua data", "program": "Program monev",
               "serahkan": "Serahkan sesi"}


class SinkronService(KonflikSinkron):
    def __init__(self, store: Store, device: Device, master: Any = None, *, clock: Clock = SYSTEM_CLOCK) -> None:
        self.clock = clock  # the injected clock: today's year, backup names (packages carry the HLC)
        from ppid_desktop.sinkron import rekam

        rekam.register_hooks()
        self.store = store
        self.device = device
        self.master = master
        self.after_import: list[Callable[[Actor], object]] = []
        with store.engine.begin() as conn:
            self._replika = ID.pastikan_replika(conn, store.path)
            if not ID.get_info(conn, "perangkat"):
                ID.set_info(conn, "perangkat", device.name)

    # ------------------------------------------------------------ identity
    @property
    def replika(self) -> str:
        return self._replika

    def _who(self, actor: Actor) -> str:
        return author(actor)

    # ------------------------------------------------------------ team key
    def _key(self, conn: Connection) -> bytes | None:
        teks = ID.get_info(conn, "kunci_tim")
        return P.parse_kunci(teks) if teks else None

    def punya_kunci(self) -> bool:
        with self.store.engine.connect() as conn:
            return bool(ID.get_info(conn, "kunci_tim"))

    def sidik_kunci(self) -> str:
        with self.store.engine.connect() as conn:
            key = self._key(conn)
        return P.sidik_kunci(key) if key else ""

    def teks_kunci(self, actor: Actor) -> str:
        R.require(actor, R.AKUN_KELOLA)
        with self.store.engine.connect() as conn:
            return ID.get_info(conn, "kunci_tim")

    def kunci_buat(self, actor: Actor) -> str:
        """Create a new team key, install it here and return it as text to copy to the other laptops."""
        R.require(actor, R.AKUN_KELOLA)
        teks = P.kunci_baru()
        self.kunci_pasang(actor, teks)
        return teks

    def kunci_pasang(self, actor: Actor, teks: str) -> str:
        R.require(actor, R.AKUN_KELOLA)
        raw = P.parse_kunci(teks)
        with self.store.engine.begin() as conn:
            ID.set_info(conn, "kunci_tim", P.KUNCI_PREFIX + teks.strip().upper().replace(" ", "")[len(P.KUNCI_PREFIX):])
        return P.sidik_kunci(raw)

    # ------------------------------------------------------------ role
    def peran(self) -> str:
        """``kantor`` (issues register numbers) or ``lapangan`` (a field laptop: it does not)."""
        with self.store.engine.connect() as conn:
            return penomoran.peran(conn)

    def atur_peran(self, actor: Actor, peran: str) -> None:
        """Set this database's role (Admin only, audited). The number helper in core enforces it."""
        R.require(actor, R.AKUN_KELOLA)
        if peran not in PERAN:
            raise UserError(f"Peran laptop '{peran}' tidak dikenal: pilih kantor atau lapangan.")
        with self.store.session(actor) as s:
            conn = s.connection()
            lama = penomoran.peran(conn)
            ID.set_info(conn, "peran", peran)
            if lama != peran:
                log_event(s, actor, "ubah", "sinkron_peran", self.replika,
                          f"Peran laptop diubah dari {lama} menjadi {peran}.", {"peran": [lama, peran]})

    def _peran_lapangan_bila_baru(self, conn: Connection, who: str) -> bool:
        """A ``program`` package arriving on a fresh install (no role chosen, no register, no earlier
        package) makes this database a field laptop: it must not issue register numbers."""
        if ID.get_info(conn, "peran"):
            return False
        for tabel in ("permohonan", "keberatan", "surat_keluar", "monev_sesi"):
            if conn.execute(text(f"SELECT 1 FROM {tabel} LIMIT 1")).first():  # noqa: S608
                return False
        if conn.execute(text("SELECT 1 FROM sinkron_riwayat WHERE arah = 'masuk' AND hasil = 'diterapkan'")).first():
            return False
        ID.set_info(conn, "peran", "lapangan")
        conn.execute(AuditLog.__table__.insert(), [{  # type: ignore[attr-defined]
            "at": utcnow(), "username": who.split("@")[0][:64], "device_id": self.device.id[:64], "action": "ubah",
            "entity": "sinkron_peran", "entity_id": self.replika,
            "summary": "Peran laptop menjadi lapangan: paket program monev diterima pada instalasi baru.",
            "changes": json.dumps({"peran": ["", "lapangan"]}), "os_user": os_user()}])
        return True

    # ------------------------------------------------------------ peers
    def perangkat(self) -> dict[str, Any]:
        with self.store.engine.connect() as conn:
            rekan = [dict(r) for r in conn.execute(text(
                "SELECT replika, perangkat, pengguna, ack, diterima, terakhir_at FROM sinkron_rekan "
                "ORDER BY terakhir_at DESC")).mappings()]
            return {"replika": self.replika, "perangkat": self.device.name,
                    "peran": penomoran.peran(conn),
                    "kunci_tim": P.sidik_kunci(k) if (k := self._key(conn)) else "",
                    "jam": ID.get_info(conn, "hlc"), "urutan": int(ID.get_info(conn, "seq", "0")),
                    "rekan": [{**r, "terakhir_at": ser(r["terakhir_at"])} for r in rekan]}

    # ------------------------------------------------------------ export
    def ekspor(self, actor: Actor, target: Path | str, *, untuk: str | None = None, semua: bool = False,
               program: str | None = None, serahkan: str | None = None, data_pribadi: bool = False,
               sandi: str | None = None, progress: Progress | None = None) -> dict[str, Any]:
        progress = progress or Progress()
        target = Path(target)
        if sum(bool(x) for x in (untuk, semua, program, serahkan)) > 1:
            raise UserError("Pilih satu jenis paket saja: --untuk, --semua, --program atau --serahkan.")
        if data_pribadi:
            R.require(actor, R.PDP_LIHAT)
        jenis = "semua" if semua else "program" if program else "serahkan" if serahkan else "delta"
        if jenis == "serahkan":
            R.require(actor, R.MONEV_LAPANGAN)
        if not target.parent.exists():
            raise UserError(f"Folder tujuan {target.parent} tidak ada.")
        who = self._who(actor)
        with self.store.engine.begin() as conn:
            key = self._key(conn)
            if key is None:
                raise UserError("Kunci tim belum dipasang. Buat kunci tim (sekali per tim) atau pasang kunci dari "
                                "laptop lain di halaman Sinkronisasi.")
            scan(conn, who)
            extra: dict[str, Any] = {}
            if jenis == "delta":
                peer = self._peer(conn, untuk) if untuk else None
                ack = int(peer["ack"]) if peer else 0
                sel = self._sel_seq(conn, ack)
                extra["untuk"] = peer["replika"] if peer else (untuk or None)
            elif jenis == "semua":
                sel = self._sel_seq(conn, 0)
            elif jenis == "program":
                sel = self._sel_program(conn, str(program))
                extra["program_id"] = program
                extra["blok_nomor"] = self._blok(conn)
            else:
                sesi_ids, prog_id = self._sesi_serah(conn, str(serahkan))
                sel = self._sel_program(conn, prog_id)
                self._tandai_serah(conn, sesi_ids, who, target.name)
                for tabel, ids in self._sel_sesi(conn, sesi_ids).items():
                    sel[tabel] = list(dict.fromkeys(sel.get(tabel, []) + ids))
                extra["program_id"] = prog_id
                extra["serah"] = sesi_ids
            if not data_pribadi:
                for tabel in [t for t, s in travelling().items() if s.pribadi_tabel]:
                    sel.pop(tabel, None)
            hlc = ID.tick(conn)
            seq = int(ID.get_info(conn, "seq", "0"))
            diterima = {r[0]: int(r[1]) for r in conn.execute(text("SELECT replika, diterima FROM sinkron_rekan"))}
            fd, tmpname = tempfile.mkstemp(suffix=".zip", dir=target.parent)
            os.close(fd)
            tmp = Path(tmpname)
            try:
                counts = self._tulis(conn, tmp, sel, data_pribadi, progress, key, {
                    "format": P.FORMAT, "paket_id": str(uuid.uuid4()), "dibuat": utcnow().isoformat(),
                    "revisi_skema": head_revision(), "replika": self.replika,
                    "perangkat": self.device.name, "pengguna": who,
                    "jam": hlc, "jenis": jenis, "seq": seq, "counter": int(ID.get_info(conn, "counter", "0")),
                    "diterima": diterima, "data_pribadi": data_pribadi, **extra})
                P.selesaikan_berkas(tmp, target, sandi)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
            self._riwayat(conn, "keluar", counts["paket_id"], jenis, str(extra.get("untuk") or ""), who, str(target),
                          counts["jumlah"], "dibuat", "")
        return {"berkas": str(target), "jenis": jenis, "paket_id": counts["paket_id"], "jumlah": counts["jumlah"],
                "lampiran": counts["lampiran"], "terenkripsi": bool(sandi)}

    def _peer(self, conn: Connection, ref: str) -> dict[str, Any] | None:
        rows = [dict(r) for r in conn.execute(text("SELECT * FROM sinkron_rekan")).mappings()]
        exact = [r for r in rows if r["replika"] == ref]
        if exact:
            return exact[0]
        pref = [r for r in rows if r["replika"].startswith(ref) or r["perangkat"] == ref]
        if len(pref) == 1:
            return pref[0]
        return None  # an unknown peer gets everything

    def _sel_seq(self, conn: Connection, after: int) -> dict[str, list[str]]:
        sel: dict[str, list[str]] = {}
        names = set(travelling())
        for tabel, rid in conn.execute(text("SELECT tabel, rec_id FROM sinkron_meta WHERE seq > :s ORDER BY seq"),
                                       {"s": after}):
            if tabel in names:
                sel.setdefault(tabel, []).append(rid)
        return sel

    def _ids(self, conn: Connection, sql: str, **params: Any) -> list[str]:
        return [str(r[0]) for r in conn.execute(text(sql), params)]

    def _sel_program(self, conn: Connection, ref: str) -> dict[str, list[str]]:
        prog = conn.execute(text("SELECT id, instrumen_id FROM monev_program WHERE deleted = 0 AND (id = :r OR nama = :r)"),
                            {"r": ref}).first()
        if prog is None:
            raise UserError(f"Program monev '{ref}' tidak ditemukan.")
        pid, iid = str(prog[0]), str(prog[1])
        sel: dict[str, list[str]] = {}
        for tabel in ("profil_instansi", "perangkat_daerah", "pegawai", "templat_nomor", "kalender_tahun", "hari_libur"):
            sel[tabel] = self._ids(conn, f"SELECT id FROM {tabel}")  # noqa: S608
        sel["monev_instrumen"] = [iid]
        sel["monev_program"] = [pid]
        sel["monev_tim"] = self._ids(conn, "SELECT id FROM monev_tim WHERE program_id = :p", p=pid)
        sel["monev_jadwal"] = self._ids(conn, "SELECT id FROM monev_jadwal WHERE program_id = :p", p=pid)
        assert set(sel) <= set(PROGRAM_TABEL)
        return sel

    def _sesi_serah(self, conn: Connection, ref: str) -> tuple[list[str], str]:
        """Sessions named by ``ref``: a session id, a schedule id, or a programme (all its sessions)."""
        rows = conn.execute(text(
            "SELECT id, program_id FROM monev_sesi WHERE deleted = 0 AND status <> 'diganti' "
            "AND (id = :r OR jadwal_id = :r OR program_id = :r)"), {"r": ref}).all()
        if not rows:
            raise UserError(f"Tidak ada sesi monev untuk '{ref}' (isi id sesi, id jadwal, atau id program).")
        return [str(r[0]) for r in rows], str(rows[0][1])

    def _sel_sesi(self, conn: Connection, sesi_ids: list[str]) -> dict[str, list[str]]:
        sel: dict[str, list[str]] = {"monev_sesi": list(sesi_ids), "sinkron_serah": list(sesi_ids)}
        for tabel in SESI_ANAK:
            sel[tabel] = [str(r[0]) for r in conn.execute(
                text(f"SELECT id FROM {tabel} WHERE sesi_id IN :ids")  # noqa: S608
                .bindparams(bindparam("ids", expanding=True)), {"ids": sesi_ids})]
        return sel

    def _tandai_serah(self, conn: Connection, sesi_ids: list[str], who: str, berkas: str) -> None:
        for sid in sesi_ids:
            self._tulis_serah(conn, sid, "diserahkan", f"paket {berkas}", who)

    def _tulis_serah(self, conn: Connection, sid: str, pemegang: str, perangkat: str, who: str) -> None:
        now = utcnow()
        exists = conn.execute(text("SELECT rev FROM sinkron_serah WHERE id = :i"), {"i": sid}).first()
        user = who.split("@")[0][:64]
        if exists is None:
            conn.execute(table_of("sinkron_serah").insert(), [{
                "id": sid, "created_at": now, "updated_at": now, "created_by": user, "updated_by": user,
                "device_id": self.device.id, "rev": 1, "deleted": False, "pemegang": pemegang,
                "dari": self.replika, "perangkat": perangkat}])
        else:
            conn.execute(text("UPDATE sinkron_serah SET pemegang = :p, dari = :d, perangkat = :n, updated_at = :t, "
                              "updated_by = :u, device_id = :dev, rev = rev + 1, deleted = 0 WHERE id = :i"),
                         {"p": pemegang, "d": self.replika, "n": perangkat, "t": waktu_ke_db(now), "u": user,
                          "dev": uuid_ke_db(self.device.id), "i": sid})  # raw SQL: the stored forms (core.tipe)
        capture(conn, "sinkron_serah", [sid], who, replika=self.replika)

    def _blok(self, conn: Connection) -> dict[str, int]:
        """Reserve a block of berita acara numbers for the field laptop taking a programme package."""
        tahun = self.clock.today().year
        row = conn.execute(text("SELECT terakhir FROM nomor_urut WHERE seri = 'berita_acara' AND tahun = :t"),
                           {"t": tahun}).first()
        last = int(row[0]) if row else 0
        conn.execute(text("INSERT INTO nomor_urut (seri, tahun, terakhir) VALUES ('berita_acara', :t, :u) "
                          "ON CONFLICT(seri, tahun) DO UPDATE SET terakhir = excluded.terakhir"),
                     {"t": tahun, "u": last + BLOK_BA})
        return {"tahun": tahun, "dari": last + 1, "sampai": last + BLOK_BA}

    def _tulis(self, conn: Connection, tmp: Path, sel: dict[str, list[str]], data_pribadi: bool,
               progress: Progress, key: bytes, manifest: dict[str, Any]) -> dict[str, Any]:
        specs = travelling()
        total = sum(len(v) for v in sel.values())
        progress.start(total + 1, "Menyusun paket sinkronisasi")
        w = P.Penulis(tmp)
        digests: set[str] = set()
        tabel_info: dict[str, Any] = {}
        jumlah: dict[str, int] = {}
        try:
            for tabel in urutan_tabel(sel):
                ids = sel[tabel]
                if not ids:
                    continue
                spec = specs[tabel]
                t = table_of(tabel)
                drop = set() if data_pribadi else set(spec.pribadi)
                cols = [c.key for c in t.columns if c.key not in drop]
                drop_groups = {g for g, gc in groups_of(tabel).items() if set(gc) & drop}

                def lines(tabel: str = tabel, ids: list[str] = ids, t: Any = t, cols: list[str] = cols,
                          drop_groups: set[str] = drop_groups, spec: Any = spec) -> Iterator[dict[str, Any]]:
                    for chunk in potong(ids):
                        rows = {str(r["id"]): r for r in conn.execute(
                            select(*[t.c[c] for c in cols]).where(t.c.id.in_(chunk))).mappings()}
                        metas = {str(r[0]): (r[1], r[2]) for r in conn.execute(
                            text("SELECT rec_id, vv, grup FROM sinkron_meta WHERE tabel = :t AND rec_id IN :ids")
                            .bindparams(bindparam("ids", expanding=True)), {"t": tabel, "ids": chunk})}
                        for rid in chunk:
                            r = rows.get(rid)
                            m = metas.get(rid)
                            if r is None or m is None:
                                continue
                            grup = {g: d for g, d in json.loads(m[1]).items() if g not in drop_groups}
                            for c in spec.lampiran:
                                if r.get(c):
                                    digests.add(str(r[c]))
                            progress.step()
                            yield {"id": rid, "row": {c: ser(r[c]) for c in cols}, "vv": json.loads(m[0]),
                                   "grup": grup}

                n = w.tulis_baris(f"data/{tabel}.jsonl", lines())
                tabel_info[tabel] = {"kolom": cols, "jumlah": n}
                jumlah[tabel] = n
            w.tulis_baris("audit.jsonl", self._audit_rows(conn, sel))
            if data_pribadi:  # NIKs and scans travel encrypted: so do the keys that open them (sealed, team key)
                crypto.aktifkan(self.store.path)
                w.tulis_baris(P.KUNCI_MEMBER, ({"sidik": crypto.fingerprint(k), "kunci": P.segel_kunci(key, k)}
                                               for k in crypto.all_keys()))
            lampiran = 0
            for digest in sorted(digests):
                if len(digest) != 64 or any(ch not in "0123456789abcdef" for ch in digest):
                    continue
                if berkas_lampiran.ada(self.store, digest):
                    # The plaintext, verified (the receiver's keys are not ours: it encrypts under its own
                    # keyring; the package is sealed with the team key when a passphrase is given).
                    w.tulis_berkas(f"lampiran/{digest}", functools.partial(berkas_lampiran.salin, self.store, digest),
                                   digest)
                    lampiran += 1
            manifest["tabel"] = tabel_info
            manifest["jumlah"] = jumlah
            w.tutup(manifest, key)
        except BaseException:
            w.zf.close()
            raise
        progress.step()
        return {"paket_id": manifest["paket_id"], "jumlah": jumlah, "lampiran": lampiran}

    def _audit_rows(self, conn: Connection, sel: dict[str, list[str]]) -> Iterator[dict[str, Any]]:
        for tabel, ids in sel.items():
            for chunk in potong(ids):
                for r in conn.execute(text(
                        "SELECT id, at, username, device_id, action, entity, entity_id, summary, changes FROM audit_log "
                        "WHERE entity = :t AND entity_id IN :ids ORDER BY id")
                        .bindparams(bindparam("ids", expanding=True)), {"t": tabel, "ids": chunk}).mappings():
                    yield {k: ser(v) for k, v in r.items()} | {"replika": self.replika}

    # ------------------------------------------------------------ import
    def impor(self, actor: Actor, path: Path | str, *, pratinjau: bool = False, sandi: str | None = None,
              progress: Progress | None = None) -> dict[str, Any]:
        """Verify the whole package, then merge it in one transaction (rolled back for a preview)."""
        progress = progress or Progress()
        path = Path(path)
        who = self._who(actor)
        with self.store.engine.connect() as conn:
            key = self._key(conn)
        paket = P.buka(path, key, sandi, tmp_dir=self.store.path.parent)
        try:
            m = paket.manifest
            self._cek_manifest(m)
            progress.start(sum(int(v.get("jumlah", 0)) for v in m.get("tabel", {}).values()) + 1,
                           "Menggabungkan paket sinkronisasi")
            if not pratinjau:
                stamp = self.clock.now().strftime("%Y%m%d-%H%M%S")
                awalan = f"{self.store.path.stem}-sebelum-sinkron-"
                folder = paths.backups_dir(self.store.path)
                self.store.backup_to(unique_path(folder / f"{awalan}{stamp}.sqlite"), dengan_kunci=True)
                _prune(folder, awalan, KEEP_MIGRATION_COPIES)  # a copy per package: the newest three, not all
            ulang = False
            with self.store.engine.connect() as conn:
                trans = conn.begin()
                try:
                    ulang = bool(conn.execute(text(
                        "SELECT 1 FROM sinkron_riwayat WHERE paket_id = :p AND arah = 'masuk' AND hasil = 'diterapkan'"),
                        {"p": m["paket_id"]}).first())
                    scan(conn, who)
                    pg = Penggabung(conn, paket, self.replika, who, pratinjau=pratinjau)
                    hasil = pg.jalankan()
                    pg.sesudah()
                    if not pratinjau:
                        self._sesudah_impor(conn, paket, who, hasil, ulang)
                        trans.commit()
                    else:
                        trans.rollback()
                except BaseException as exc:
                    if trans.is_active:
                        trans.rollback()
                    raise _pesan_gagal(exc, self.store.path) from exc
        finally:
            paket.close()
        if not pratinjau and self._perlu_hitung_ulang(hasil):
            for cb in self.after_import:  # derived deadlines follow the merged requests and calendar
                cb(actor)
        if not pratinjau and self.master is not None and self._berubah(hasil) & KALENDER:
            from ppid_desktop.master import kalender_publik

            kalender_publik.tulis(self.master)  # the calendar outside the encrypted file follows at once
        progress.step()
        return {"paket_id": m["paket_id"], "jenis": m["jenis"], "dari": {"replika": m["replika"],
                "perangkat": m.get("perangkat", ""), "pengguna": m.get("pengguna", "")},
                "pratinjau": pratinjau, "sudah_diterapkan": ulang, "per_jenis": hasil.jumlah, "total": hasil.total(),
                "konflik_baru": hasil.konflik_baru}

    @staticmethod
    def _berubah(hasil: Hasil) -> set[str]:
        return {t for t, c in hasil.jumlah.items() if c["baru"] or c["diperbarui"] or c["konflik"]}

    def _perlu_hitung_ulang(self, hasil: Hasil) -> bool:
        """Deadlines are derived: recompute when the calendar changed, or when a request arrived whose
        deadline was counted on another calendar than this laptop's."""
        berubah = self._berubah(hasil)
        if not berubah & DEADLINE_INPUT:
            return False
        if berubah & KALENDER or self.master is None:
            return True
        versi = self.master.versi_kalender()
        with self.store.engine.connect() as conn:
            return any(conn.execute(text(f"SELECT 1 FROM {t} WHERE deleted = 0 AND versi_kalender <> :v LIMIT 1"),  # noqa: S608
                                    {"v": versi}).first() for t in ("permohonan", "keberatan") if t in berubah)

    def _cek_manifest(self, m: dict[str, Any]) -> None:
        if m.get("replika") == self.replika:
            raise UserError("Paket sinkronisasi ditolak: paket ini mengaku dibuat oleh laptop ini sendiri. Paket "
                            "buatan sendiri tidak diimpor kembali; bila database ini salinan, buka ulang agar "
                            "mendapat identitas baru.")
        if m.get("jenis") not in JENIS:
            raise UserError(f"Paket sinkronisasi ditolak: jenis paket '{m.get('jenis')}' tidak dikenal.")
        rev = str(m.get("revisi_skema") or "")
        if rev != head_revision():
            transformasi.rantai(rev)  # an older schema has a path of transforms to this one, or is refused
        names = set(SQLModel.metadata.tables)
        for tabel, info in dict(m.get("tabel", {})).items():
            if tabel not in names:
                continue
            local = {c.key for c in table_of(tabel).columns}
            unknown = [c for c in info.get("kolom", []) if c not in local]
            if unknown and rev == head_revision():
                raise UserError(f"Paket sinkronisasi ditolak: tabel {tabel} memuat kolom yang tidak dikenal "
                                f"({', '.join(unknown[:3])}).")

    def _sesudah_impor(self, conn: Connection, paket: P.Paket, who: str, hasil: Hasil, ulang: bool) -> None:
        m = paket.manifest
        if m["jenis"] == "program":
            self._peran_lapangan_bila_baru(conn, who)
        for sid in m.get("serah", []) or []:
            if conn.execute(text("SELECT 1 FROM monev_sesi WHERE id = :i"), {"i": sid}).first():
                self._tulis_serah(conn, str(sid), self.replika, self.device.name,
                                  who)
        blok = m.get("blok_nomor")
        if isinstance(blok, dict) and blok.get("dari"):
            conn.execute(text("INSERT INTO nomor_urut (seri, tahun, terakhir) VALUES ('berita_acara', :t, :u) "
                              "ON CONFLICT(seri, tahun) DO UPDATE SET terakhir = max(terakhir, excluded.terakhir)"),
                         {"t": int(blok["tahun"]), "u": int(blok["dari"]) - 1})
            ID.set_info(conn, "blok_ba", json.dumps(blok))
        rows = []
        for a in paket.audit():
            rows.append({"replika": str(a.get("replika") or m["replika"]), "asal_id": int(a["id"]),
                         "at": datetime.fromisoformat(str(a["at"])), "username": str(a.get("username") or ""),
                         "device_id": str(a.get("device_id") or ""), "action": str(a.get("action") or ""),
                         "entity": str(a.get("entity") or ""), "entity_id": a.get("entity_id"),
                         "summary": str(a.get("summary") or ""), "changes": a.get("changes")})
            if len(rows) >= 500:
                self._audit_masuk(conn, rows)
                rows = []
        self._audit_masuk(conn, rows)
        sender = str(m["replika"])
        ack = int(dict(m.get("diterima") or {}).get(self.replika, 0))
        lengkap = m["jenis"] == "semua" or (m["jenis"] == "delta" and m.get("untuk") == self.replika)
        got = int(m.get("seq", 0)) if lengkap else 0
        conn.execute(text(
            "INSERT INTO sinkron_rekan (replika, perangkat, pengguna, ack, diterima, terakhir_at) "
            "VALUES (:r, :p, :u, :a, :d, :t) ON CONFLICT(replika) DO UPDATE SET perangkat = excluded.perangkat, "
            "pengguna = excluded.pengguna, ack = max(ack, excluded.ack), diterima = max(diterima, excluded.diterima), "
            "terakhir_at = excluded.terakhir_at"),
            {"r": sender, "p": str(m.get("perangkat") or ""), "u": str(m.get("pengguna") or ""), "a": ack, "d": got,
             "t": utcnow()})
        ID.tick(conn, str(m.get("jam") or ""))
        self._lampiran(paket)
        self._kunci_data(conn, paket)
        self._riwayat(conn, "masuk", str(m["paket_id"]), str(m["jenis"]), sender, str(m.get("pengguna") or ""),
                      str(paket.path), hasil.jumlah, "diterapkan", "paket ini sudah pernah diterapkan" if ulang else "")

    def _audit_masuk(self, conn: Connection, rows: list[dict[str, Any]]) -> None:
        if rows:
            conn.execute(text(
                "INSERT OR IGNORE INTO sinkron_audit (replika, asal_id, at, username, device_id, action, entity, "
                "entity_id, summary, changes) VALUES (:replika, :asal_id, :at, :username, :device_id, :action, "
                ":entity, :entity_id, :summary, :changes)"), rows)

    def _kunci_data(self, conn: Connection, paket: P.Paket) -> None:
        """The sender's personal-data keys into this database's keyring (its own sealed one when encrypted)."""
        if P.KUNCI_MEMBER not in paket.manifest["anggota"]:
            return
        team = self._key(conn)
        with paket.zf.open(P.KUNCI_MEMBER) as fh:
            for line in fh:
                item = json.loads(line) if line.strip() else None
                k = P.buka_segel_kunci(team, str(item.get("kunci"))) if isinstance(item, dict) and team else None
                if k is None or not crypto.valid_key(k):
                    raise UserError("Paket sinkronisasi ditolak: kunci data pribadi di dalamnya rusak.")
                crypto.import_key(k, db=self.store.path)

    def _lampiran(self, paket: P.Paket) -> None:
        for name in paket.manifest["anggota"]:
            if not name.startswith("lampiran/"):
                continue
            digest = name.split("/", 1)[1]
            if berkas_lampiran.ada(self.store, digest):
                continue
            with paket.zf.open(name) as src:  # verified against its SHA-256, encrypted under OUR keyring
                try:
                    berkas_lampiran.simpan(self.store, src, digest=digest)
                except UserError as exc:
                    raise UserError(f"Lampiran {digest[:12]}… rusak saat dibaca dari paket: {exc}") from None

    def _riwayat(self, conn: Connection, arah: str, paket_id: str, jenis: str, replika: str, pengguna: str,
                 berkas: str, jumlah: Any, hasil: str, pesan: str) -> None:
        conn.execute(table_of("sinkron_riwayat").insert(), [{
            "at": utcnow(), "arah": arah, "paket_id": paket_id, "jenis": jenis, "replika": replika,
            "pengguna": pengguna, "berkas": berkas, "jumlah": json.dumps(jumlah, sort_keys=True), "hasil": hasil,
            "pesan": pesan}])

    def riwayat(self, batas: int = 200) -> list[dict[str, Any]]:
        with self.store.engine.connect() as conn:
            rows = conn.execute(text("SELECT * FROM sinkron_riwayat ORDER BY id DESC LIMIT :n"), {"n": batas}).mappings()
            return [{**{k: ser(v) for k, v in r.items()}, "jumlah": json.loads(r["jumlah"] or "{}")} for r in rows]

    # ------------------------------------------------------------ hand-over
    def pemegang(self, sesi_id: str) -> dict[str, Any] | None:
        with self.store.engine.connect() as conn:
            r = conn.execute(text("SELECT pemegang, perangkat, dari FROM sinkron_serah WHERE id = :i AND deleted = 0"),
                             {"i": sesi_id}).first()
        if r is None:
            return None
        return {"pemegang": r[0], "perangkat": r[1], "di_sini": r[0] == self.replika}

    def ambil_kembali(self, actor: Actor, sesi_id: str) -> None:
        """Take a handed-over session back explicitly (when the other laptop is lost): a write of the
        hand-over record that travels like any other, audited."""
        R.require(actor, R.MONEV_KELOLA)
        with self.store.session(actor) as s:
            conn = s.connection()
            row = conn.execute(text("SELECT pemegang, perangkat FROM sinkron_serah WHERE id = :i AND deleted = 0"),
                               {"i": sesi_id}).first()
            if row is None or row[0] == self.replika:
                raise UserError("Sesi ini tidak sedang diserahkan ke laptop lain; tidak ada yang perlu diambil kembali.")
            self._tulis_serah(conn, sesi_id, self.replika, self.device.name,
                              self._who(actor))
            log_event(s, actor, "ambil_kembali", "monev_sesi", sesi_id,
                      f"Sesi monev diambil kembali dari {row[1] or row[0][:8]} tanpa menunggu paket serah balik.")

    def status_serah(self, sesi_ids: Iterable[str] | None = None, *, per_jadwal: bool = False) -> dict[str, dict[str, Any]]:
        """Monev sessions held by another laptop (handed over), keyed by session id (or by schedule id with
        ``per_jadwal``): ``pemegang`` (replica, or ``diserahkan`` before the receiver has answered),
        ``perangkat``, ``sejak`` (ISO time), ``oleh`` and ``teks`` (the Indonesian sentence to show)."""
        wanted = set(sesi_ids) if sesi_ids is not None else None
        out: dict[str, dict[str, Any]] = {}
        with self.store.engine.connect() as conn:
            rows = conn.execute(text(
                "SELECT s.id, s.pemegang, s.perangkat, s.updated_at, s.updated_by, m.jadwal_id FROM sinkron_serah s "
                "JOIN monev_sesi m ON m.id = s.id WHERE s.deleted = 0 AND s.pemegang <> :me AND m.deleted = 0 "
                "AND m.status <> 'diganti'"), {"me": self.replika}).all()
        for sid, holder, perangkat, sejak, oleh, jadwal in rows:
            if wanted is not None and str(sid) not in wanted and str(jadwal) not in wanted:
                continue
            at = waktu_dari_db(sejak)
            info = {"sesi_id": str(sid), "jadwal_id": str(jadwal), "pemegang": str(holder),
                    "perangkat": str(perangkat or ""), "sejak": at.isoformat() if at else "", "oleh": str(oleh or ""),
                    "teks": keterangan_serah(str(holder), str(perangkat or ""), at, str(oleh or ""))}
            out[str(jadwal) if per_jadwal else str(sid)] = info
        return out

    # ------------------------------------------------------------ canonical dump (tests, diagnostics)
    def dump(self, *, stempel: bool = True) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        specs = travelling()
        with self.store.engine.connect() as conn:
            for tabel, spec in sorted(specs.items()):
                t = table_of(tabel)
                skip = {"rev"} | set(spec.turunan) | ({"updated_at", "updated_by", "device_id"} if not stempel else set())
                cols = [c.key for c in t.columns if c.key not in skip]
                # Core, not raw SQL: the compact stored forms (core.tipe) read back as the text/datetime values
                cur = conn.execute(select(*[t.c[c] for c in cols]).order_by(t.c.id))
                out[tabel] = [dict(zip(cols, r, strict=True)) for r in cur]
        return out


def _pesan_gagal(exc: BaseException, path: Path) -> BaseException:
    """A merge that cannot finish: rolled back whole; said in Indonesian."""
    from sqlalchemy.exc import DatabaseError, IntegrityError, OperationalError

    from ppid_desktop.core.db import storage_message

    if isinstance(exc, UserError | KeyboardInterrupt | SystemExit):
        return exc
    if isinstance(exc, IntegrityError) and "UNIQUE" in str(exc.orig) and "nomor" in str(exc.orig):
        return UserError("Paket sinkronisasi tidak dapat digabungkan dan tidak ada yang disimpan: paket memuat nomor "
                         "register resmi yang di laptop ini sudah dipakai rekaman lain (nomor ganda). Dua database "
                         "sama-sama menerbitkan nomor register: hanya database kantor yang boleh; jadikan yang lain "
                         "laptop lapangan (halaman Sinkronisasi, peran laptop) dan catat ulang rekamannya di kantor.")
    if isinstance(exc, IntegrityError):
        return UserError("Paket sinkronisasi tidak dapat digabungkan dan tidak ada yang disimpan: paket memuat "
                         "rekaman yang induknya tidak ada di laptop ini (mis. sesi tanpa programnya). Minta "
                         "paket 'semua' dari pengirim.")
    if isinstance(exc, OperationalError | DatabaseError):
        return UserError(storage_message(getattr(exc, "orig", None) or exc, path))
    if isinstance(exc, ValueError | KeyError | TypeError):
        return UserError(f"Paket sinkronisasi ditolak: isi data paket tidak sah ({type(exc).__name__}). Tidak ada "
                         "yang disimpan.")
    return exc

