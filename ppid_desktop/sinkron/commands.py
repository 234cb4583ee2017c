"""``ppid sinkron …``: team key, peers, packages out and in, conflicts, history."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ppid_desktop.core.cliutil import emit, subparser
from ppid_desktop.core.errors import UserError

if TYPE_CHECKING:
    from ppid_desktop.services import Services


def register(sub: Any) -> None:
    p = subparser(sub, "sinkron", "sinkronisasi antarlaptop lewat berkas paket (.ppidsync)")
    g = p.add_subparsers(dest="sinkron_cmd", metavar="PERINTAH", required=True)

    k = subparser(g, "kunci", "kunci tim: buat sekali per tim, lalu pasang di setiap laptop")
    m = k.add_mutually_exclusive_group(required=True)
    m.add_argument("--buat", action="store_true", help="buat kunci tim baru, pasang di sini, dan cetak teksnya")
    m.add_argument("--pasang", metavar="TEKS", help="pasang kunci tim dari teks yang dicetak laptop lain")
    k.set_defaults(func=cmd_kunci)

    k = subparser(g, "perangkat", "identitas replika laptop ini dan rekan yang dikenal")
    k.add_argument("--json", action="store_true", help="keluaran JSON")
    k.set_defaults(func=cmd_perangkat)

    k = subparser(g, "peran", "peran laptop ini: kantor (menerbitkan nomor register) atau lapangan")
    k.add_argument("peran", nargs="?", choices=["kantor", "lapangan"], metavar="PERAN",
                   help="ubah peran menjadi kantor atau lapangan (Admin); tanpa PERAN: tampilkan")
    k.add_argument("--json", action="store_true", help="keluaran JSON")
    k.set_defaults(func=cmd_peran)

    k = subparser(g, "ekspor", "buat paket sinkronisasi ke BERKAS (sandi dari PPID_SANDI bila diisi)")
    k.add_argument("file", type=Path, metavar="BERKAS")
    m = k.add_mutually_exclusive_group()
    m.add_argument("--untuk", metavar="REPLIKA", help="perubahan yang belum diakui rekan REPLIKA (bawaan: semua)")
    m.add_argument("--semua", action="store_true", help="seluruh data yang ikut sinkronisasi")
    m.add_argument("--program", metavar="ID", help="bekal lapangan satu program monev")
    m.add_argument("--serahkan", metavar="ID", help="serahkan sesi monev (id sesi, jadwal atau program)")
    k.add_argument("--data-pribadi", action="store_true", help="sertakan data pribadi (NIK, scan KTP)")
    k.add_argument("--json", action="store_true", help="keluaran JSON")
    k.set_defaults(func=cmd_ekspor)

    k = subparser(g, "impor", "periksa lalu gabungkan paket BERKAS (semua atau tidak sama sekali)")
    k.add_argument("file", type=Path, metavar="BERKAS")
    k.add_argument("--pratinjau", action="store_true", help="hanya hitung: baru, diperbarui, sama, konflik")
    k.add_argument("--json", action="store_true", help="keluaran JSON")
    k.set_defaults(func=cmd_impor)

    k = subparser(g, "konflik", "konflik yang belum diselesaikan")
    k.add_argument("--semua", action="store_true", help="termasuk yang sudah diselesaikan")
    k.add_argument("--json", action="store_true", help="keluaran JSON")
    k.set_defaults(func=cmd_konflik)

    k = subparser(g, "selesaikan", "selesaikan konflik ID")
    k.add_argument("id", metavar="ID")
    k.add_argument("--pakai", required=True, choices=["milik-saya", "milik-mereka"],
                   help="nilai yang dipakai")
    k.set_defaults(func=cmd_selesaikan)

    k = subparser(g, "riwayat", "riwayat paket masuk dan keluar")
    k.add_argument("--json", action="store_true", help="keluaran JSON")
    k.set_defaults(func=cmd_riwayat)


def _actor(services: Services) -> Any:
    """The signed-in CLI user when the headless command has one (``args.actor``), else the app itself."""
    return getattr(services, "cli_actor", None) or services.system()


def cmd_kunci(args: argparse.Namespace, services: Services) -> int:
    actor = _actor(services)
    if args.buat:
        teks = services.sinkron.kunci_buat(actor)
        print(teks)
        return 0
    sidik = services.sinkron.kunci_pasang(actor, args.pasang)
    print(f"Kunci tim dipasang (sidik {sidik}).")
    return 0


def cmd_perangkat(args: argparse.Namespace, services: Services) -> int:
    info = services.sinkron.perangkat()
    lines = [f"Replika ini : {info['replika']} ({info['perangkat']}, peran {info['peran']})",
             f"Kunci tim   : {info['kunci_tim'] or 'belum dipasang'}", "Rekan:"]
    if not info["rekan"]:
        lines.append("  (belum ada paket dari laptop lain)")
    for r in info["rekan"]:
        lines.append(f"  {r['replika']}  {r['perangkat']:<20} {r['pengguna']:<24} terakhir {r['terakhir_at'] or '-'}")
    emit(args, info, "\n".join(lines))
    return 0


def cmd_peran(args: argparse.Namespace, services: Services) -> int:
    if args.peran:
        services.sinkron.atur_peran(_actor(services), args.peran)
    peran = services.sinkron.peran()
    emit(args, {"peran": peran}, f"Peran laptop ini: {peran}" + (
        " (menerbitkan nomor register)." if peran == "kantor" else
        " (tidak menerbitkan nomor register; nomor berita acara dari blok paket program)."))
    return 0


def cmd_ekspor(args: argparse.Namespace, services: Services) -> int:
    out = services.sinkron.ekspor(
        _actor(services), args.file, untuk=args.untuk, semua=args.semua, program=args.program,
        serahkan=args.serahkan, data_pribadi=args.data_pribadi, sandi=os.environ.get("PPID_SANDI") or None)
    total = sum(out["jumlah"].values())
    emit(args, out, f"Paket {out['jenis']} dibuat: {out['berkas']} ({total} rekaman, {out['lampiran']} lampiran"
                    f"{', terenkripsi' if out['terenkripsi'] else ''}).")
    return 0


def _tabel(per: dict[str, dict[str, int]]) -> list[str]:
    lines = [f"  {'Jenis':<24}{'baru':>8}{'diperbarui':>12}{'sama':>8}{'konflik':>9}"]
    for name, c in sorted(per.items()):
        lines.append(f"  {name:<24}{c['baru']:>8}{c['diperbarui']:>12}{c['sama']:>8}{c['konflik']:>9}")
    return lines


def cmd_impor(args: argparse.Namespace, services: Services) -> int:
    out = services.sinkron.impor(_actor(services), args.file, pratinjau=args.pratinjau,
                                 sandi=os.environ.get("PPID_SANDI") or None)
    head = ("Pratinjau (tidak ada yang disimpan)" if args.pratinjau else "Paket diterapkan") + \
        f": {out['jenis']} dari {out['dari']['perangkat'] or out['dari']['replika']} ({out['dari']['pengguna']})"
    if out["sudah_diterapkan"]:
        head += " — paket ini sudah pernah diterapkan"
    lines = [head, *_tabel(out["per_jenis"])]
    if out["konflik_baru"]:
        lines.append(f"Konflik baru: {out['konflik_baru']} — lihat 'ppid sinkron konflik'.")
    emit(args, out, "\n".join(lines))
    return 0


def cmd_konflik(args: argparse.Namespace, services: Services) -> int:
    rows = services.sinkron.konflik(semua=args.semua)
    lines = [] if rows else ["Tidak ada konflik yang terbuka."]
    for r in rows:
        lines.append(f"{r['id'][:8]}  {r['entitas']}/{r['rec_id'][:8]} {r['label']!s:.40}  grup {r['grup']} ({r['jenis']})")
        for side, name in (("menang", "di sini"), ("kalah", "lainnya")):
            v = r[side]
            lines.append(f"    {name:<8}: {v['nilai']}  — {v['penulis']} {v['waktu']}")
    emit(args, rows, "\n".join(lines))
    return 0


def cmd_selesaikan(args: argparse.Namespace, services: Services) -> int:
    services.sinkron.selesaikan(_actor(services), args.id, args.pakai)
    print(f"Konflik {args.id} diselesaikan ({args.pakai}).")
    return 0


def cmd_riwayat(args: argparse.Namespace, services: Services) -> int:
    rows = services.sinkron.riwayat()
    lines = [] if rows else ["Belum ada paket masuk atau keluar."]
    for r in rows:
        total = sum(sum(v.values()) if isinstance(v, dict) else int(v) for v in r["jumlah"].values())
        lines.append(f"{r['at'][:19]}  {r['arah']:<6} {r['jenis']:<9} {r['replika'][:8]:<9} {r['pengguna']:<20} "
                     f"{total:>6} rekaman  {r['hasil']}")
    emit(args, rows, "\n".join(lines))
    return 0


__all__ = ["UserError", "register"]
