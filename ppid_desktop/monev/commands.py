"""``ppid monev ...``: programmes, sessions, scores and instrument templates without the GUI."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from ppid_desktop.core.cliutil import emit, subparser

if TYPE_CHECKING:
    from ppid_desktop.services import Services


def register(sub: Any) -> None:
    p = subparser(sub, "monev", "monitoring dan evaluasi: program, sesi lapangan, nilai, instrumen")
    msub = p.add_subparsers(dest="monev_cmd", metavar="PERINTAH", required=True)

    prog = subparser(msub, "program", "program monev")
    psub = prog.add_subparsers(dest="program_cmd", metavar="PERINTAH", required=True)
    x = subparser(psub, "list", "daftar program monev dengan kemajuannya")
    x.add_argument("--json", action="store_true", help="keluaran JSON")
    x.set_defaults(func=cmd_program_list)

    sesi = subparser(msub, "sesi", "sesi lapangan per perangkat daerah")
    ssub = sesi.add_subparsers(dest="sesi_cmd", metavar="PERINTAH", required=True)
    x = subparser(ssub, "list", "daftar sesi (revisi terkini)")
    x.add_argument("--program", metavar="ID", help="hanya sesi program ini (id, awalan id, atau nama)")
    x.add_argument("--semua-revisi", action="store_true", help="sertakan revisi lama yang sudah diganti")
    x.add_argument("--json", action="store_true", help="keluaran JSON")
    x.set_defaults(func=cmd_sesi_list)

    x = subparser(msub, "skor", "nilai per perangkat daerah: aspek, total, kategori, peringkat")
    x.add_argument("program", metavar="PROGRAM", help="id, awalan id, atau nama program")
    x.add_argument("--json", action="store_true", help="keluaran JSON")
    x.set_defaults(func=cmd_skor)

    ins = subparser(msub, "instrumen", "instrumen monev dan templat bawaan")
    isub = ins.add_subparsers(dest="instrumen_cmd", metavar="PERINTAH", required=True)
    x = subparser(isub, "list", "daftar instrumen (semua versi) dan templat bawaan")
    x.add_argument("--json", action="store_true", help="keluaran JSON")
    x.set_defaults(func=cmd_instrumen_list)
    x = subparser(isub, "templat", "salin templat bawaan NAMA menjadi instrumen terbit")
    x.add_argument("nama", metavar="NAMA", help="mis. kip_2025, spbe_59_2020, pekppp_2025")
    x.set_defaults(func=cmd_instrumen_templat)


def cmd_program_list(args: argparse.Namespace, services: Services) -> int:
    rows = services.monev.list_program()
    lines = [f"{'ID':8}  {'Program':44} {'Periode':8} {'OPD':>4} {'Dikunjungi':>10} {'Final':>6} {'Verif':>6}"]
    for r in rows:
        lines.append(f"{r['id'][:8]}  {r['nama'][:44]:44} {r['periode'][:8]:8} {r['opd']:>4} {r['dikunjungi']:>10} "
                     f"{r['difinalkan']:>6} {r['diverifikasi']:>6}")
    if not rows:
        lines = ["Belum ada program monev."]
    emit(args, rows, "\n".join(lines))
    return 0


def cmd_sesi_list(args: argparse.Namespace, services: Services) -> int:
    pid = services.monev.cari_program(args.program).id if args.program else None
    rows = services.monev.list_sesi(pid, semua_revisi=args.semua_revisi)
    lines = [f"{'ID':8}  {'Perangkat daerah':40} {'Rev':>3} {'Status':8} {'Jadwal':13} {'Terjawab':>9}"]
    for r in rows:
        lines.append(f"{r['id'][:8]}  {r['opd'][:40]:40} {r['revisi']:>3} {r['status']:8} {r['status_jadwal']:13} "
                     f"{r['terjawab']:>4}/{r['jumlah_pertanyaan']:<4}")
    if not rows:
        lines = ["Belum ada sesi monev."]
    emit(args, rows, "\n".join(lines))
    return 0


def cmd_skor(args: argparse.Namespace, services: Services) -> int:
    from ppid_desktop.monev.skor import teks_nilai

    prog = services.monev.cari_program(args.program)
    rows = services.monev.program_scores(prog.id)
    data = [r.to_dict() for r in rows]
    lines = [f"{prog.nama} ({prog.periode})", f"{'#':>3}  {'Perangkat daerah':42} {'Total':>7}  Kategori"]
    for r in rows:
        lines.append(f"{r.peringkat or '':>3}  {r.opd[:42]:42} {teks_nilai(r.total):>7}  {r.kategori or r.status}")
        if r.hasil:
            lines.append("       " + "; ".join(f"{a.nama}: {teks_nilai(a.verifikasi)}" for a in r.hasil.aspek))
    emit(args, data, "\n".join(lines))
    return 0


def cmd_instrumen_list(args: argparse.Namespace, services: Services) -> int:
    from ppid_desktop.monev import instrumen as I

    rows: list[dict[str, Any]] = [{"id": i.id, "kode": i.kode, "versi": i.versi, "status": i.status, "nama": i.nama, "jenis": i.jenis,
             "pertanyaan": i.jumlah_pertanyaan} for i in services.monev.list_instrumen()]
    tpl = [{"templat": n, "nama": nama} for n, nama in I.templates()]
    lines = [f"{r['id'][:8]}  {r['kode']:22} v{r['versi']:<3} {r['status']:7} {r['pertanyaan']:>4} pert.  {r['nama']}"
             for r in rows] or ["Belum ada instrumen."]
    lines += ["", "Templat bawaan (TEMPLAT — sesuaikan):"] + [f"  {t['templat']:22} {t['nama']}" for t in tpl]
    emit(args, {"instrumen": rows, "templat": tpl}, "\n".join(lines))
    return 0


def cmd_instrumen_templat(args: argparse.Namespace, services: Services) -> int:
    row = services.monev.impor_templat(services.system(), args.nama)
    print(f"Instrumen {row.nama} versi {row.versi} diterbitkan (id {row.id}).")
    return 0
