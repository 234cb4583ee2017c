"""``ppid``: the headless command. Same services as the app, no Qt.

Rooms add their sub-commands through the registry (``Room.cli`` in ``ppid_desktop.rooms``): the module
has ``register(sub: argparse._SubParsersAction) -> None`` and sets ``func(args, services) -> int`` on
its parsers (``needs_db = False`` on a parser that must not open the database). A room's module is
imported only when one of its commands is on the command line (``ppid --help`` loads no room).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ppid_desktop import __version__
from ppid_desktop.core.cliutil import (
    IndonesianArgumentParser,
    add_help,
    emit,
    parse_date_arg,
    parser_kwargs,
    subparser,
)
from ppid_desktop.core.errors import UserError
from ppid_desktop.core.paths import default_db_path
from ppid_desktop.core.room import resolve

if TYPE_CHECKING:
    from ppid_desktop.services import Services


def _room_commands(sub: Any, argv: Sequence[str] | None) -> None:
    """Register each room's commands: the real parsers when ``argv`` names one of them (or is None: all),
    else a one-line entry for ``ppid --help`` without importing the room."""
    from ppid_desktop.rooms import ROOMS

    words = set(argv) if argv is not None else None
    for room in ROOMS:
        if room.cli is None:
            continue
        names = {c.name for c in room.cli.commands}
        if words is None or names & words:
            resolve(room.cli.module).register(sub)
        else:
            for c in room.cli.commands:
                sub.add_parser(c.name, help=c.help, add_help=False)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole ``ppid`` parser; given ``argv``, only the rooms whose commands it names are loaded."""
    parser = IndonesianArgumentParser(
        prog="ppid",
        description="PPID Desktop tanpa layar: basis data, data demo, cadangan, kalender hari kerja dan lainnya.",
        **parser_kwargs(),
    )
    add_help(parser)
    parser._positionals.title = "perintah"
    parser._optionals.title = "pilihan"
    parser.add_argument("--versi", action="version", version=f"PPID Desktop {__version__}",
                        help="tampilkan versi lalu keluar")
    parser.add_argument("--db", type=Path, default=None,
                        help="berkas database (bawaan: ppid.sqlite di folder data pengguna)")
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH", required=True)

    p = subparser(sub, "init", "buat atau migrasikan database; cetak lokasi dan revisi skemanya")
    p.add_argument("--json", action="store_true", help="keluaran JSON")
    p.set_defaults(func=cmd_init)

    p = subparser(sub, "demo", "isi database dengan data demo yang realistis")
    p.add_argument("--permohonan", type=int, default=300, metavar="N", help="jumlah permohonan (bawaan 300)")
    p.add_argument("--opd", type=int, default=31, metavar="M", help="jumlah perangkat daerah (bawaan 31)")
    p.add_argument("--seed", type=int, default=2026, metavar="S", help="benih acak (bawaan 2026)")
    p.add_argument("--json", action="store_true", help="keluaran JSON")
    p.set_defaults(func=cmd_demo)

    p = subparser(sub, "check", "periksa keutuhan database dan revisi skemanya")
    p.add_argument("--json", action="store_true", help="keluaran JSON")
    p.set_defaults(func=cmd_check)

    p = subparser(sub, "backup", "buat cadangan database beserta lampiran ke BERKAS")
    p.add_argument("file", type=Path, metavar="BERKAS")
    p.add_argument("--tanpa-kunci", action="store_true",
                   help="jangan sertakan kunci enkripsi data pribadi (untuk cadangan yang dibawa keluar kantor)")
    p.set_defaults(func=cmd_backup)

    p = subparser(sub, "restore", "pulihkan cadangan BERKAS ke database --db")
    p.add_argument("file", type=Path, metavar="BERKAS")
    p.add_argument("--timpa", action="store_true", help="timpa database tujuan yang sudah berisi data")
    p.set_defaults(func=cmd_restore, needs_db=False)

    p = subparser(sub, "kalender", "kalender hari kerja")
    ksub = p.add_subparsers(dest="kalender_cmd", metavar="PERINTAH", required=True)
    k = subparser(ksub, "tenggat", "tanggal N hari kerja setelah TANGGAL, dengan hari yang dilewati")
    k.add_argument("tanggal", type=parse_date_arg, metavar="TANGGAL", help="mis. 2026-03-16 atau '16 Maret 2026'")
    k.add_argument("n", type=int, metavar="N", help="jumlah hari kerja")
    k.add_argument("--json", action="store_true", help="keluaran JSON")
    k.set_defaults(func=cmd_tenggat)

    _room_commands(sub, argv)
    return parser


def open_services(args: argparse.Namespace) -> Services:
    from ppid_desktop.services import Services

    return Services.open(args.db or default_db_path())


def cmd_init(args: argparse.Namespace, services: Services) -> int:
    rev = services.store.current_revision()
    emit(args, {"database": str(services.store.path), "revisi": rev},
         f"Database: {services.store.path}\nRevisi skema: {rev}")
    return 0


def cmd_demo(args: argparse.Namespace, services: Services) -> int:
    from ppid_desktop import demo

    opt = demo.DemoOptions(permohonan=args.permohonan, opd=args.opd, seed=args.seed)
    counts = demo.fill(services, services.system(), opt)
    lines = [f"Data demo dimuat ke {services.store.path}:"]
    for room, c in counts.items():
        lines.append(f"  {room}: " + ", ".join(f"{k} {v}" for k, v in c.items()))
    lines.append("Akun demo: admin, petugas, ppid, atasan, monev, sekretariat (kata sandi: rahasia123)")
    emit(args, counts, "\n".join(lines))
    return 0


def cmd_check(args: argparse.Namespace, services: Services) -> int:
    from ppid_desktop.core.db import head_revision

    problems = services.store.integrity_check()
    rev = services.store.current_revision()
    head = head_revision()
    if rev != head:
        problems.append(f"revisi skema {rev} bukan revisi terbaru {head}")
    emit(args, {"database": str(services.store.path), "revisi": rev, "masalah": problems},
         f"Database: {services.store.path}\nRevisi skema: {rev}\n"
         + ("Keutuhan: baik" if not problems else "Masalah:\n" + "\n".join(f"  - {p}" for p in problems)))
    return 1 if problems else 0


def cmd_backup(args: argparse.Namespace, services: Services) -> int:
    from ppid_desktop.sinkron.backup import backup

    info = backup(services.store, args.file, kunci=not args.tanpa_kunci)
    size = f"{info.bytes:,}".replace(",", ".")
    print(f"Cadangan dibuat: {info.path} ({info.files} berkas, {size} bita, revisi skema {info.revision})")
    return 0


def cmd_restore(args: argparse.Namespace, _services: Services) -> int:
    from ppid_desktop.sinkron.backup import restore

    target = args.db or default_db_path()
    manifest = restore(args.file, target, overwrite=args.timpa)
    print(f"Cadangan {args.file} (revisi {manifest.get('revision')}) dipulihkan ke {target}")
    return 0


def cmd_tenggat(args: argparse.Namespace, services: Services) -> int:
    from ppid_desktop.core.tanggal import tanggal_hari

    t = services.master.tenggat(args.tanggal, args.n)
    lines = [f"{args.n} hari kerja setelah {tanggal_hari(t.mulai)}: {tanggal_hari(t.jatuh_tempo)}"]
    if t.dilewati:
        lines.append("Hari yang dilewati:")
        lines += [f"  {tanggal_hari(d.tanggal)} — {d.alasan}" for d in t.dilewati]
    pol = services.master.kebijakan()
    lines.append("Kebijakan: cuti bersama " + ("dihitung hari kerja" if pol.cuti_bersama_hari_kerja else "bukan hari kerja"))
    emit(args, t.to_dict() | {"cuti_bersama_hari_kerja": pol.cuti_bersama_hari_kerja}, "\n".join(lines))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    services = None
    try:
        if getattr(args, "needs_db", True):
            services = open_services(args)
        return int(args.func(args, services))
    except UserError as exc:
        print(f"Galat: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Dibatalkan.", file=sys.stderr)
        return 130
    finally:
        if services is not None:
            services.close()


if __name__ == "__main__":
    raise SystemExit(main())
