"""Rows of a package made by an older schema, upgraded to this one: one function per migration.

A package names the schema revision it was made at (``revisi_skema``). Before merging, every row of
every table is passed through the transforms of the migrations after that revision, in order, so it
arrives with the columns and values this schema expects — the same change the migration made to the
sender's own rows. ``TRANSFORMASI`` maps a migration's revision to its transform:

- a function ``(tabel, baris) -> baris`` for a migration that changed a travelling table (a column
  added with a value derived from others, a value moved);
- ``identitas`` for a migration that changed no travelling table (new tables, indexes, sync metadata,
  tables that do not travel): the package simply lacks what did not exist yet;
- ``None`` for a migration whose change cannot be redone on a row (there is no path across it): a
  package from before it is refused with a clear message.

A migration not listed here (added after this registry) counts as ``identitas``: columns it added take
their defaults on import. **A new migration that changes a travelling table registers its transform
here** (``tests/unit/sinkron/test_transformasi.py`` checks the list against ``db/versions``).

A package whose revision is not in this app's migration chain (a newer app, or a build this app does
not know) is refused: there is no path from it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from ppid_desktop.core import paths
from ppid_desktop.core.errors import UserError

Baris = dict[str, Any]
Transformasi = Callable[[str, Baris], Baris]

_REV_RE = re.compile(r'^(revision|down_revision)\s*(?::\s*[^=]+)?=\s*["\']?([\w]+)["\']?', re.MULTILINE)


def identitas(_tabel: str, baris: Baris) -> Baris:
    return baris


def _0006_sanggah_usulan(tabel: str, baris: Baris) -> Baris:
    """monev_sanggah gained ``nilai_usulan`` (the value asked for); ``nilai_baru`` is only the decided
    value, so it is emptied unless the sanggah was accepted."""
    if tabel == "monev_sanggah" and "nilai_usulan" not in baris:
        baris["nilai_usulan"] = baris.get("nilai_baru")
        if baris.get("keputusan") != "diterima":
            baris["nilai_baru"] = None
    return baris


def _0009_naskah_agenda(tabel: str, baris: Baris) -> Baris:
    """surat_keluar gained its agenda columns, at the migration's values. (The letters the migration adds
    to the agenda from ``permohonan.nomor_surat`` are made by the sender's own upgrade and travel from
    there: made here too, they would be a second copy under another id.)"""
    if tabel == "surat_keluar":
        for kolom, nilai in (("seri", ""), ("urut", None), ("versi", 1), ("pdf_sha256", None),
                             ("ditandatangani_pada", None)):
            baris.setdefault(kolom, nilai)
    return baris


def _0010_layanan_koreksi(tabel: str, baris: Baris) -> Baris:
    baru: dict[str, tuple[tuple[str, Any], ...]] = {
        "permohonan": (("tanpa_nik", False),),
        "keberatan": (("alasan_tanggal_dasar", ""), ("tindak_lanjut", "")),
        "sengketa": (("tanggal_jawaban_diterima", None), ("batas_ki", None), ("putusan_dilaksanakan", "")),
    }
    for kolom, nilai in baru.get(tabel, ()):
        baris.setdefault(kolom, nilai)
    return baris


def _0011_sop_alur(tabel: str, baris: Baris) -> Baris:
    if tabel == "perangkat_daerah":
        baris.setdefault("jenis_unit", "perangkat_daerah")
    return baris


def _0015_keberatan_mandiri(tabel: str, baris: Baris) -> Baris:
    """keberatan gained the pemohon's own identity (a keberatan without a permohonan), empty on older rows."""
    if tabel == "keberatan":
        for kolom, nilai in (("nik_enc", None), ("nik_hash", None), ("nik_mask", ""), ("alamat", ""),
                             ("pekerjaan", ""), ("telepon", ""), ("email", ""), ("kuasa", False),
                             ("dianonimkan", None)):
            baris.setdefault(kolom, nilai)
    return baris


def _0017_kop_setda(tabel: str, baris: Baris) -> Baris:
    if tabel == "profil_instansi":
        for kolom in ("setda_nama", "setda_alamat", "setda_telepon", "setda_email", "setda_website"):
            baris.setdefault(kolom, "")
    return baris


def _0019_sk_tim_keputusan(tabel: str, baris: Baris) -> Baris:
    """An SK Tim Monev drafted as a surat dinas before the keputusan kind, still unnumbered, is a keputusan
    (the history line the migration adds travels from the sender's own upgrade)."""
    if (tabel == "surat_keluar" and baris.get("jenis") == "surat_keluar"
            and str(baris.get("sumber") or "").startswith("monev.naskah:sk-tim:") and not baris.get("deleted")
            and baris.get("status") in ("konsep", "paraf", "dikembalikan", "siap_ttd") and not (baris.get("nomor") or "")):
        baris["jenis"] = "keputusan"
    return baris


TRANSFORMASI: dict[str, Transformasi | None] = {
    "0001": identitas,  # the foundation: the first revision, nothing before it
    "0002": identitas,  # layanan tables created
    "0003": identitas,  # monev tables created
    "0004": identitas,  # rekap table created
    "0005": identitas,  # naskah tables created
    "0006": _0006_sanggah_usulan,
    "0007": identitas,  # unique natural keys (the merge maps natural twins), audit chain, sign-in lockout
    "0008": identitas,  # sync metadata tables
    "0009": _0009_naskah_agenda,  # plus new naskah tables
    "0010": _0010_layanan_koreksi,  # plus pengiriman_laporan created
    "0011": _0011_sop_alur,  # plus monev_sop / monev_alur tables created
    "0012": identitas,  # indexes and statistics only
    "0013": identitas,  # pengaturan_akun created (does not travel)
    "0015": _0015_keberatan_mandiri,  # (keberatan.permohonan_id nullable: no row changes)
    "0017": _0017_kop_setda,
    "0018": identitas,  # indexes and the register's full-text index only
    "0019": _0019_sk_tim_keputusan,  # old unnumbered SK Tim Monev drafts: surat_keluar -> keputusan
    "0020": identitas,  # permohonan.tenggat_rincian rewritten relative to its row (a derived column, recomputed)
    "0021": identitas,  # stamps stored compactly (integer times, 16-byte uuids): rows travel as text, unchanged
}


@cache
def rantai_migrasi() -> tuple[str, ...]:
    """This app's migration revisions, oldest first (from the scripts' revision/down_revision lines)."""
    parent: dict[str, str | None] = {}
    for script in (paths.migrations_dir() / "versions").glob("*.py"):
        found = dict(_REV_RE.findall(script.read_text(encoding="utf-8")))
        if found.get("revision"):
            down = found.get("down_revision")
            parent[found["revision"]] = None if down in (None, "None") else down
    heads = set(parent) - {p for p in parent.values() if p}
    if len(heads) != 1:
        from ppid_desktop.core.db import head_revision

        heads = {head_revision()}
    out: list[str] = []
    cur: str | None = heads.pop()
    while cur is not None and cur not in out:
        out.append(cur)
        cur = parent.get(cur)
    return tuple(reversed(out))


def rantai(revisi: str) -> list[tuple[str, Transformasi]]:
    """The transforms that bring a row from ``revisi`` to this schema, in order; ``UserError`` when there
    is no path (an unknown or newer revision, or a migration that cannot be redone on a row)."""
    chain = rantai_migrasi()
    if revisi not in chain:
        if chain and revisi.isdigit() and chain[-1].isdigit() and int(revisi) > int(chain[-1]):
            raise UserError(f"Paket sinkronisasi ditolak: paket dibuat oleh versi PPID Desktop yang lebih baru "
                            f"(revisi skema {revisi}, di sini {chain[-1]}). Perbarui aplikasi di laptop ini dulu.")
        raise UserError(f"Paket sinkronisasi ditolak: revisi skema paket ({revisi or 'tidak tertulis'}) tidak "
                        f"dikenal aplikasi ini (di sini {chain[-1] if chain else '-'}), jadi datanya tidak dapat "
                        "disesuaikan. Perbarui aplikasi di kedua laptop ke versi yang sama, lalu buat paket lagi.")
    out: list[tuple[str, Transformasi]] = []
    for rev in chain[chain.index(revisi) + 1:]:
        fn = TRANSFORMASI.get(rev, identitas)
        if fn is None:
            raise UserError(f"Paket sinkronisasi ditolak: paket dibuat dengan skema lama (revisi {revisi}) dan "
                            f"perubahan skema revisi {rev} tidak dapat diterapkan pada isinya. Perbarui aplikasi di "
                            "laptop pengirim, buka databasenya sekali (diperbarui otomatis), lalu buat paket lagi.")
        if fn is not identitas:
            out.append((rev, fn))
    return out


def naikkan(langkah: list[tuple[str, Transformasi]], tabel: str, baris: Baris) -> Baris:
    """``baris`` of ``tabel`` passed through ``langkah`` (from ``rantai``)."""
    for _rev, fn in langkah:
        baris = fn(tabel, baris)
    return baris
