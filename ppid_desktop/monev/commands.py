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


    x = subparser(msub, "alur", "langkah SOP yang dijalankan program: status, waktu baku dan aktual")
    x.add_argument("program", metavar="PROGRAM", help="id, awalan id, atau nama program")
    x.add_argument("--json", action="store_true", help="keluaran JSON")
    x.set_defaults(func=cmd_alur)

    x = subparser(msub, "lembar-kerja", "lembar kerja evaluasi mandiri (.xlsx) satu unit untuk diisi OPD")
    x.add_argument("program", metavar="PROGRAM", help="id, awalan id, atau nama program")
    x.add_argument("unit", metavar="UNIT", help="kode unit (perangkat daerah/bidang/kabupaten-kota)")
    x.add_argument("-o", "--output", metavar="BERKAS", required=True, help="berkas .xlsx tujuan")
    x.set_defaults(func=cmd_lembar_kerja)

    from ppid_desktop.monev.jenis_cetak import JENIS_CETAK

    x = subparser(msub, "cetak", "cetak naskah monev ke PDF (JENIS: " + ", ".join(JENIS_CETAK) + ")")
    x.add_argument("jenis", metavar="JENIS", choices=list(JENIS_CETAK), help=", ".join(JENIS_CETAK))
    x.add_argument("program", metavar="PROGRAM", help="id, awalan id, atau nama program")
    x.add_argument("--unit", metavar="KODE", help="kode unit (berita-acara, laporan-unit, surat-pemberitahuan per unit)")
    x.add_argument("-o", "--output", metavar="BERKAS", required=True, help="berkas .pdf tujuan")
    x.set_defaults(func=cmd_cetak)

    sop = subparser(sub, "sop", "standar operasional prosedur (SOP) yang dijalankan program monev")
    osub = sop.add_subparsers(dest="sop_cmd", metavar="PERINTAH", required=True)
    x = subparser(osub, "list", "daftar SOP: kode, nama, asal, jumlah langkah")
    x.add_argument("--json", action="store_true", help="keluaran JSON")
    x.set_defaults(func=cmd_sop_list)
    x = subparser(osub, "cetak", "cetak SOP (format SOP Administrasi Pemerintahan) ke PDF")
    x.add_argument("kode", metavar="KODE", help="kode SOP (lihat: ppid sop list)")
    x.add_argument("-o", "--output", metavar="BERKAS", required=True, help="berkas .pdf tujuan")
    x.set_defaults(func=cmd_sop_cetak)
    x = subparser(osub, "impor", "impor SOP dari buku kerja Excel hasil ekspor SOP (semua atau tidak sama sekali)")
    x.add_argument("file", metavar="BERKAS", help="berkas .xlsx (mis. dari: ppid ekspor sop F.xlsx)")
    x.add_argument("--dry-run", action="store_true", help="periksa saja, jangan simpan")
    x.add_argument("--json", action="store_true", help="keluaran JSON")
    x.set_defaults(func=cmd_sop_impor)


def cmd_program_list(args: argparse.Namespace, services: Services) -> int:
    rows = services.monev.daftar_program()
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
    rows = services.monev.daftar_sesi(pid, semua_revisi=args.semua_revisi)
    lines = [f"{'ID':8}  {'Perangkat daerah':40} {'Rev':>3} {'Status':8} {'Jadwal':13} {'Terjawab':>9}"]
    for r in rows:
        lines.append(f"{r['id'][:8]}  {r['opd'][:40]:40} {r['revisi']:>3} {r['status']:8} {r['status_jadwal']:13} "
                     f"{r['terjawab']:>4}/{r['jumlah_pertanyaan']:<4}")
    if not rows:
        lines = ["Belum ada sesi monev."]
    emit(args, rows, "\n".join(lines))
    return 0


def cmd_skor(args: argparse.Namespace, services: Services) -> int:
    from ppid_desktop.monev.skor import bobot_teks, teks_nilai

    prog = services.monev.cari_program(args.program)
    rows = services.monev.program_scores(prog.id)
    data: Any = [r.to_dict() for r in rows]
    lines = [f"{prog.nama} ({prog.periode})", bobot_teks(services.monev.definisi(prog.instrumen_id)),
             f"{'#':>3}  {'Perangkat daerah':42} {'Total':>7}  Kategori"]
    for r in rows:
        kat = (r.kategori or r.status) if r.lengkap or r.total is None else f"{r.kategori} (belum lengkap)"
        lines.append(f"{r.peringkat or '':>3}  {r.opd[:42]:42} {teks_nilai(r.total):>7}  {kat}")
        if r.hasil:
            lines.append("       " + "; ".join(f"{a.nama}: {teks_nilai(a.verifikasi)}" for a in r.hasil.aspek))
    inst = services.monev.indeks_instansi(prog.id, rows)
    if inst is not None:  # SPBE: one evaluation of the instansi fed by the OPD contributions
        data = {"unit": data, "instansi": inst.to_dict()}
        lines += ["", f"Indeks SPBE instansi: {teks_nilai(inst.indeks)} ({inst.predikat or '-'}), "
                      f"dari {inst.kontributor} perangkat daerah"]
        lines += [f"  {d.nama}: {teks_nilai(d.indeks)} (bobot {d.bobot:g}%)" for d in inst.domain]
    emit(args, data, "\n".join(lines))
    return 0


def cmd_instrumen_list(args: argparse.Namespace, services: Services) -> int:
    from ppid_desktop.monev import instrumen as I

    rows: list[dict[str, Any]] = [{"id": i.id, "kode": i.kode, "versi": i.versi, "status": i.status, "nama": i.nama, "jenis": i.jenis,
             "pertanyaan": i.jumlah_pertanyaan} for i in services.monev.daftar_instrumen()]
    tpl = [{"templat": n, "nama": nama} for n, nama in I.daftar_templat()]
    lines = [f"{r['id'][:8]}  {r['kode']:22} v{r['versi']:<3} {r['status']:7} {r['pertanyaan']:>4} pert.  {r['nama']}"
             for r in rows] or ["Belum ada instrumen."]
    lines += ["", "Templat bawaan (TEMPLAT — sesuaikan):"] + [f"  {t['templat']:22} {t['nama']}" for t in tpl]
    emit(args, {"instrumen": rows, "templat": tpl}, "\n".join(lines))
    return 0


def cmd_instrumen_templat(args: argparse.Namespace, services: Services) -> int:
    row = services.monev.impor_templat(services.system(), args.nama)
    print(f"Instrumen {row.nama} versi {row.versi} diterbitkan (id {row.id}).")
    return 0


def cmd_alur(args: argparse.Namespace, services: Services) -> int:
    m = services.monev
    prog = m.cari_program(args.program)
    alur = m.alur_program(prog.id)
    if alur is None:
        from ppid_desktop.core.errors import UserError

        raise UserError(f"Program {prog.nama} belum menjalankan SOP.")
    from ppid_desktop.monev.naskah_agenda import dokumen_langkah

    v = m.lihat_alur(alur.id)
    rows: list[dict[str, Any]] = [{"no": x.no, "kegiatan": x.kegiatan, "pelaksana": x.pelaksana, "status": x.status,
             "waktu_baku_menit": x.waktu_baku_menit, "waktu_aktual_menit": x.waktu_aktual_menit,
             "kunjungan": x.kunjungan, "melampaui": x.melampaui,
             "dokumen": [d.to_dict() for d in dokumen_langkah(services, prog.id, x.dokumen)]} for x in v.langkah]
    lines = [f"{prog.nama}: SOP {v.sop['kode']} — {v.sop['nama']} (siklus {alur.siklus}, {alur.status})",
             f"{'No':>3}  {'Kegiatan':50} {'Pelaksana':24} {'Status':9} {'Baku':>6} {'Aktual':>7}"]
    for r in rows:
        baku = "-" if r["waktu_baku_menit"] is None else str(r["waktu_baku_menit"])
        akt = "-" if r["waktu_aktual_menit"] is None else str(r["waktu_aktual_menit"])
        lines.append(f"{r['no']:>3}  {r['kegiatan'][:50]:50} {r['pelaksana'][:24]:24} {r['status']:9} {baku:>6} {akt:>7}"
                     + ("  melampaui" if r["melampaui"] else ""))
    emit(args, rows, "\n".join(lines))
    return 0


def cmd_sop_list(args: argparse.Namespace, services: Services) -> int:
    rows = [{k: r[k] for k in ("kode", "nama", "asal", "jumlah_langkah", "jumlah langkah")} for r in services.monev.daftar_sop()]
    lines = [f"{r['kode']:18} {r['jumlah_langkah']:>3} langkah  {r['nama'][:60]}  [{r['asal']}]" for r in rows]
    emit(args, rows, "\n".join(lines) or "Belum ada SOP.")
    return 0


def cmd_sop_cetak(args: argparse.Namespace, services: Services) -> int:
    from ppid_desktop.monev.cetak import sop_pdf, tulis_pdf

    tulis_pdf(args.output, sop_pdf(services, services.monev.sop(args.kode)))
    print(f"SOP {args.kode} dicetak ke {args.output}.")
    return 0


def cmd_sop_impor(args: argparse.Namespace, services: Services) -> int:
    hasil = services.rekap.impor_sop(services.system(), args.file, dry_run=args.dry_run)  # rekap reads the workbook
    lines = [f"Berkas {hasil.berkas} (SOP): {hasil.ringkasan()}."]
    lines += [f"  {i.kunci:18} {i.aksi:7} {i.data.get('nama', '')[:60]}" for i in hasil.items]
    lines += [f"  [{'GALAT' if p.severity == 'error' else 'peringatan'}] {p}" for p in hasil.masalah]
    if not hasil.bersih:
        lines.append("Tidak ada SOP yang disimpan: perbaiki galat di atas lalu impor lagi.")
    elif hasil.diterapkan:
        lines.append("SOP disimpan.")
    else:
        lines.append("Uji coba (--dry-run): tidak ada SOP yang disimpan.")
    data = hasil.to_dict() | {"sop": [{"kode": i.kunci, "nama": i.data.get("nama"), "sheet": i.data.get("sheet"),
                                       "aksi": i.aksi, "jumlah_langkah": len(i.data.get("kegiatan") or [])}
                                      for i in hasil.items]}
    emit(args, data, "\n".join(lines))
    return 0 if hasil.bersih else 1


def cmd_cetak(args: argparse.Namespace, services: Services) -> int:
    from ppid_desktop.monev.cetak import cetak, tulis_pdf

    prog = services.monev.cari_program(args.program)
    tulis_pdf(args.output, cetak(services, args.jenis, prog.id, unit=args.unit))
    print(f"{args.jenis} {prog.nama} dicetak ke {args.output}.")
    return 0


def cmd_lembar_kerja(args: argparse.Namespace, services: Services) -> int:
    from ppid_desktop.monev.lembar_kerja import ekspor_lembar_kerja

    prog = services.monev.cari_program(args.program)
    n = ekspor_lembar_kerja(services, prog.id, args.unit, args.output)
    print(f"Lembar kerja {n} pertanyaan untuk unit {args.unit} ditulis ke {args.output}.")
    return 0
