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

PERMISSIONS: dict[str, frozenset[str]] = {
    PETUGAS: frozenset({LAYANAN_CATAT, PDP_LIHAT, REKAP_IMPOR}),
    PPID: frozenset({LAYANAN_CATAT, LAYANAN_PUTUS, PDP_LIHAT, NASKAH_KELOLA, REKAP_IMPOR}),
    ATASAN: frozenset({KEBERATAN_PUTUS, PDP_LIHAT}),
    MONEV: frozenset({MONEV_KELOLA, MONEV_LAPANGAN, MONEV_VERIFIKASI}),
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
}


def can(actor: Actor, permission: str) -> bool:
    if ADMIN in actor.roles:
        return True
    return any(permission in PERMISSIONS.get(role, frozenset()) for role in actor.roles)


def require(actor: Actor, permission: str) -> None:
    if not can(actor, permission):
        what = DESCRIPTION.get(permission, permission)
        raise PermissionDenied(f"Pengguna {actor.username} tidak berwenang {what}.")
