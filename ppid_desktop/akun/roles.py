"""Roles and what each may do. Services call ``require(actor, PERMISSION)``."""

from __future__ import annotations

from ppid_desktop.core.actor import Actor
from ppid_desktop.core.errors import PermissionDenied

ADMIN = "Admin"
PETUGAS = "Petugas Layanan"
PPID = "PPID"
ATASAN = "Atasan PPID"
MONEV = "Tim Monev"
SEKRETARIAT = "Sekretariat"
ROLES = (ADMIN, PETUGAS, PPID, ATASAN, MONEV, SEKRETARIAT)

MASTER_UBAH = "master.ubah"
AKUN_KELOLA = "akun.kelola"
LAYANAN_CATAT = "layanan.catat"
LAYANAN_PUTUS = "layanan.putus"
KEBERATAN_PUTUS = "keberatan.putus"
PDP_LIHAT = "pdp.lihat"  # see unmasked NIK and open KTP scans
MONEV_KELOLA = "monev.kelola"
MONEV_LAPANGAN = "monev.lapangan"
MONEV_VERIFIKASI = "monev.verifikasi"
NASKAH_KELOLA = "naskah.kelola"
REKAP_IMPOR = "rekap.impor"
REKAP_IMPOR_JAWABAN = "rekap.impor.jawaban"  # one import kind only: the self-assessment workbook (Tim Monev)

PERMISSIONS: dict[str, frozenset[str]] = {
    PETUGAS: frozenset({LAYANAN_CATAT, PDP_LIHAT, REKAP_IMPOR}),
    PPID: frozenset({LAYANAN_CATAT, LAYANAN_PUTUS, PDP_LIHAT, NASKAH_KELOLA, REKAP_IMPOR}),
    ATASAN: frozenset({KEBERATAN_PUTUS, PDP_LIHAT}),
    MONEV: frozenset({MONEV_KELOLA, MONEV_LAPANGAN, MONEV_VERIFIKASI, REKAP_IMPOR_JAWABAN}),
    SEKRETARIAT: frozenset({MASTER_UBAH, NASKAH_KELOLA, MONEV_KELOLA, REKAP_IMPOR}),
}

DESCRIPTION: dict[str, str] = {
    MASTER_UBAH: "mengubah data master",
    AKUN_KELOLA: "mengelola akun pengguna",
    LAYANAN_CATAT: "mencatat permohonan dan keberatan",
    LAYANAN_PUTUS: "memutuskan permohonan informasi",
    KEBERATAN_PUTUS: "memutuskan keberatan (Atasan PPID)",
    PDP_LIHAT: "melihat data pribadi (NIK, scan KTP)",
    MONEV_KELOLA: "mengelola program dan instrumen monev",
    MONEV_LAPANGAN: "mengisi sesi monev lapangan",
    MONEV_VERIFIKASI: "memverifikasi nilai monev",
    NASKAH_KELOLA: "mengelola naskah dinas",
    REKAP_IMPOR: "mengimpor data dari Excel",
    REKAP_IMPOR_JAWABAN: "mengimpor lembar kerja evaluasi mandiri",
}


def can(actor: Actor, permission: str) -> bool:
    if ADMIN in actor.roles:
        return True
    return any(permission in PERMISSIONS.get(role, frozenset()) for role in actor.roles)


def require_any(actor: Actor, *permissions: str) -> None:
    """At least one of ``permissions`` (e.g. recomputing deadlines: service staff or calendar keepers)."""
    if not any(can(actor, p) for p in permissions):
        what = " atau ".join(DESCRIPTION.get(p, p) for p in permissions)
        raise PermissionDenied(f"Pengguna {actor.username} tidak berwenang {what}.")


def require_impor(actor: Actor, jenis: str) -> None:
    """Importing kind ``jenis``: ``rekap.impor`` (every kind) or the per-kind ``rekap.impor.<jenis>``
    (Tim Monev may import the self-assessment workbook, ``jawaban``, and nothing else)."""
    if not (can(actor, REKAP_IMPOR) or can(actor, f"{REKAP_IMPOR}.{jenis}")):
        raise PermissionDenied(f"Pengguna {actor.username} tidak berwenang {DESCRIPTION[REKAP_IMPOR]} ({jenis}).")


def require(actor: Actor, permission: str) -> None:
    if not can(actor, permission):
        what = DESCRIPTION.get(permission, permission)
        raise PermissionDenied(f"Pengguna {actor.username} tidak berwenang {what}.")


# ----------------------------------------------------------------- the role x action matrix
# Every protected action and what it needs: ALL of the listed permissions; a tuple inside the list
# means ANY one of those. The README table (``matriks_markdown``) and the matrix tests
# (tests/unit/akun/test_matriks.py, through the services and the CLI) are generated from this.
Syarat = tuple[str | tuple[str, ...], ...]
TINDAKAN: tuple[tuple[str, Syarat], ...] = (
    ("Catat permohonan (juga `ppid permohonan baru`)", (LAYANAN_CATAT,)),
    ("Putuskan permohonan", (LAYANAN_PUTUS,)),
    ("Putus keberatan", (KEBERATAN_PUTUS,)),
    ("Ambil nomor surat keluar permohonan", (LAYANAN_CATAT,)),
    ("Hitung ulang tenggat", ((LAYANAN_CATAT, MASTER_UBAH),)),
    ("Cetak tanda bukti permohonan, NIK utuh (`ppid cetak`)", (LAYANAN_CATAT, PDP_LIHAT)),
    ("Cetak register permohonan", (PDP_LIHAT,)),
    ("Lihat NIK lengkap", (PDP_LIHAT,)),
    ("Ekspor register permohonan", (LAYANAN_CATAT, PDP_LIHAT)),
    ("Ekspor dengan NIK lengkap (`--nik-lengkap`)", (LAYANAN_CATAT, PDP_LIHAT)),
    ("Ekspor pegawai", (MASTER_UBAH,)),
    ("Anonimkan data pribadi", (MASTER_UBAH, PDP_LIHAT)),
    ("Impor permohonan berkeputusan", (REKAP_IMPOR, LAYANAN_CATAT, LAYANAN_PUTUS)),
    ("Impor keberatan berputusan", (REKAP_IMPOR, LAYANAN_CATAT, KEBERATAN_PUTUS)),
    ("Kelola akun, atur ulang kata sandi", (AKUN_KELOLA,)),
    ("Lihat dan periksa jejak audit (`ppid audit`)", (AKUN_KELOLA,)),
    ("Pulihkan cadangan menimpa (`restore --timpa`)", (AKUN_KELOLA,)),
    ("Ubah data master", (MASTER_UBAH,)),
    ("Isi sesi monev", (MONEV_LAPANGAN,)),
    ("Verifikasi nilai sesi monev", (MONEV_VERIFIKASI,)),
    ("Kelola program dan instrumen monev", (MONEV_KELOLA,)),
    ("Impor lembar kerja evaluasi mandiri (`ppid impor jawaban`)", ((REKAP_IMPOR, REKAP_IMPOR_JAWABAN), MONEV_LAPANGAN)),
    ("Buat naskah dinas", (NASKAH_KELOLA,)),
    # drafting the monev naskah (monev.naskah_agenda.SYARAT_SUSUN; the test checks they agree kind by kind)
    ("Susun konsep SK Tim Monev", (NASKAH_KELOLA,)),
    ("Susun konsep laporan dan notulen monev", (MONEV_KELOLA,)),
    ("Susun konsep undangan, KAK, permintaan data, BA evaluasi mandiri monev", ((MONEV_KELOLA, NASKAH_KELOLA),)),
    ("Catat daftar hadir rapat monev", ((MONEV_KELOLA, NASKAH_KELOLA),)),
)


def boleh(actor: Actor, syarat: Syarat) -> bool:
    """Whether ``actor`` meets ``syarat`` (see ``TINDAKAN``)."""
    return all(any(can(actor, p) for p in s) if isinstance(s, tuple) else can(actor, s) for s in syarat)


def matriks_markdown() -> str:
    """The role x action table (Markdown), as in the README."""
    head = "| Tindakan | " + " | ".join(ROLES) + " |"
    rows = [head, "|" + "---|" * (len(ROLES) + 1)]
    for label, syarat in TINDAKAN:
        cells = ["ya" if boleh(Actor(username="-", device_id="-", roles=frozenset({r})), syarat) else "—"
                 for r in ROLES]
        rows.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(rows)
