"""``ppid impor``, ``ppid ekspor``, ``ppid templat``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ppid_desktop.core import cliutil
from ppid_desktop.core.actor import Actor
from ppid_desktop.rekap import kinds

if TYPE_CHECKING:
    from ppid_desktop.services import Services


def register(sub: Any) -> None:
    impor_names = ", ".join(kinds.jenis_impor())
    ekspor_names = ", ".join(kinds.jenis_ekspor())

    p = cliutil.subparser(sub, "impor", f"impor data dari berkas Excel .xlsx (JENIS: {impor_names})")
    p.add_argument("jenis", metavar="JENIS", help=impor_names)
    p.add_argument("file", type=Path, metavar="BERKAS")
    p.add_argument("--dry-run", action="store_true", help="hanya periksa dan tampilkan rencana; tidak menulis apa pun")
    p.add_argument("--perbarui", action="store_true", help="perbarui data yang sudah ada (kunci sama) alih-alih melewatinya")
    p.add_argument("--json", action="store_true", help="keluaran JSON")
    p.set_defaults(func=cmd_impor)

    p = cliutil.subparser(sub, "ekspor", f"ekspor register/rekap ke berkas Excel .xlsx (JENIS: {ekspor_names})")
    p.add_argument("jenis", metavar="JENIS", help=ekspor_names)
    p.add_argument("file", type=Path, metavar="BERKAS")
    p.add_argument("--dari", type=cliutil.parse_date_arg, metavar="TANGGAL", help="awal periode")
    p.add_argument("--sampai", type=cliutil.parse_date_arg, metavar="TANGGAL", help="akhir periode")
    p.add_argument("--program", metavar="ID", help="program monev (rekap-monev, tindak-lanjut)")
    p.add_argument("--nik-lengkap", action="store_true",
                   help="tampilkan NIK lengkap (butuh hak melihat data pribadi; dicatat di log audit)")
    p.add_argument("--json", action="store_true", help="keluaran JSON")
    p.set_defaults(func=cmd_ekspor)

    p = cliutil.subparser(sub, "templat", f"buat templat impor kosong yang terdokumentasi (JENIS: {impor_names})")
    p.add_argument("jenis", metavar="JENIS", help=impor_names)
    p.add_argument("file", type=Path, metavar="BERKAS")
    p.set_defaults(func=cmd_templat)


def _actor(services: Services) -> Actor:
    actor: Actor = services.system()
    return actor


def _print_problems(hasil: Any) -> list[str]:
    lines = []
    for p in hasil.masalah:
        tag = "GALAT" if p.severity == "error" else "peringatan"
        lines.append(f"  [{tag}] {p}")
    return lines


def cmd_impor(args: argparse.Namespace, services: Services) -> int:
    hasil = services.rekap.impor(_actor(services), args.jenis, args.file, perbarui=args.perbarui,
                                 dry_run=args.dry_run)
    lines = [f"Berkas {hasil.berkas} ({args.jenis}): {hasil.ringkasan()}."]
    lines += _print_problems(hasil)
    if not hasil.bersih:
        lines.append("Tidak ada data yang disimpan: perbaiki galat di atas lalu impor lagi.")
    elif hasil.diterapkan:
        lines.append("Data disimpan.")
    else:
        lines.append("Uji coba (--dry-run): tidak ada data yang disimpan.")
    cliutil.emit(args, hasil.to_dict(), "\n".join(lines))
    return 0 if hasil.bersih else 1


def cmd_ekspor(args: argparse.Namespace, services: Services) -> int:
    n = services.rekap.ekspor(_actor(services), args.jenis, args.file, dari=args.dari, sampai=args.sampai,
                              program=args.program, tampilkan_nik=args.nik_lengkap)
    cliutil.emit(args, {"jenis": args.jenis, "berkas": str(args.file), "baris": n},
             f"Ekspor {args.jenis}: {n} baris ditulis ke {args.file}")
    return 0


def cmd_templat(args: argparse.Namespace, services: Services) -> int:
    path = services.rekap.templat(args.jenis, args.file)
    print(f"Templat impor {args.jenis} ditulis ke {path}")
    return 0
