"""``ppid permohonan …``, ``ppid keberatan list``, ``ppid cetak …``, ``ppid laporan layanan …``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ppid_desktop.core.cliutil import emit, parse_date_arg, subparser
from ppid_desktop.core.errors import UserError
from ppid_desktop.layanan.masukan import KeberatanMasukan, PengirimanLaporanMasukan

if TYPE_CHECKING:
    from ppid_desktop.services import Services


def _group(sub: Any, name: str, help_text: str) -> Any:
    """The sub-command group ``name`` (created, or reused when another room registered it first)."""
    parser = sub.choices.get(name)
    if parser is None:
        parser = subparser(sub, name, help_text)
        return parser.add_subparsers(dest=f"{name}_cmd", metavar="PERINTAH", required=True)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return parser.add_subparsers(dest=f"{name}_cmd", metavar="PERINTAH", required=True)


def register(sub: Any) -> None:
    from ppid_desktop.layanan import rules as RU  # noqa: N812

    JENIS = RU.DOKUMEN  # noqa: N806 - not ``dokumen.JENIS``: that module loads reportlab on every ``ppid`` start

    g = _group(sub, "permohonan", "register permohonan informasi publik")
    p = subparser(g, "list", "daftar permohonan (tersaring), dengan tenggat dan keputusan")
    p.add_argument("--status", choices=list(RU.STATUS), action="append", help="saring menurut status (boleh berulang)")
    p.add_argument("--terlambat", action="store_true", help="hanya yang melewati tenggat dan belum diputuskan")
    p.add_argument("--dijawab-terlambat", action="store_true",
                   help="hanya yang pemberitahuan tertulisnya melewati 10 hari kerja (17 bila diperpanjang tepat waktu)")
    p.add_argument("--opd", metavar="KODE", help="kode perangkat daerah")
    p.add_argument("--saluran", choices=list(RU.SALURAN))
    p.add_argument("--dari", type=parse_date_arg, metavar="TANGGAL", help="diterima sejak tanggal")
    p.add_argument("--sampai", type=parse_date_arg, metavar="TANGGAL", help="diterima sampai tanggal")
    p.add_argument("--cari", default="", metavar="TEKS", help="cari nomor, nama atau rincian informasi")
    p.add_argument("--batas", type=int, default=0, metavar="N", help="tampilkan paling banyak N baris")
    p.add_argument("--json", action="store_true", help="keluaran JSON")
    p.set_defaults(func=cmd_list)
    p = subparser(g, "show", "rincian satu permohonan: tenggat dan cara menghitungnya, riwayat")
    p.add_argument("nomor", metavar="NOMOR")
    p.add_argument("--json", action="store_true", help="keluaran JSON")
    p.set_defaults(func=cmd_show)

    p = subparser(g, "baru", "catat satu permohonan atau daftar permohonan dari BERKAS.json (semua atau tidak sama sekali)")
    p.add_argument("file", type=Path, metavar="BERKAS.json", help="objek atau daftar objek dengan kunci seperti "
                   "'permohonan show --json': tanggal_diterima, saluran, jenis_pemohon, nama, nik, alamat, telepon, "
                   "email, pekerjaan, rincian, tujuan, opd")
    p.add_argument("--json", action="store_true", help="keluaran JSON")
    p.set_defaults(func=cmd_baru)

    p = subparser(g, "anonimkan", "hapus data pribadi permohonan yang selesai dan lewat masa retensi (UU 27/2022)")
    p.add_argument("--sampai", type=parse_date_arg, required=True, metavar="TANGGAL",
                   help="anonimkan yang masa retensinya berakhir paling lambat tanggal ini")
    p.add_argument("--dry-run", action="store_true", help="hanya hitung, tidak mengubah apa pun")
    p.add_argument("--json", action="store_true", help="keluaran JSON")
    p.set_defaults(func=cmd_anonimkan)

    g = _group(sub, "keberatan", "register keberatan")
    p = subparser(g, "list", "daftar keberatan dengan tenggat jawaban Atasan PPID")
    p.add_argument("--terlambat", action="store_true", help="hanya yang belum dijawab melewati 30 hari kerja")
    p.add_argument("--json", action="store_true", help="keluaran JSON")
    p.set_defaults(func=cmd_keberatan)
    p = subparser(g, "baru", "catat satu keberatan dari BERKAS.json; tanpa 'permohonan' keberatan berdiri sendiri "
                  "(Pasal 35 ayat (1) huruf b–g) dengan identitas pemohon sendiri")
    p.add_argument("file", type=Path, metavar="BERKAS.json", help="objek dengan kunci: " + ", ".join(KEBERATAN_KUNCI))
    p.add_argument("--json", action="store_true", help="keluaran JSON")
    p.set_defaults(func=cmd_keberatan_baru)

    p = subparser(sub, "cetak", "cetak dokumen layanan informasi ke PDF")
    p.add_argument("jenis", choices=[*JENIS, "register"], metavar="JENIS",
                   help=f"salah satu: {', '.join(JENIS)}, register")
    p.add_argument("nomor", nargs="?", metavar="NOMOR", help="nomor pendaftaran permohonan atau nomor keberatan")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="BERKAS", help="berkas PDF tujuan")
    p.add_argument("--dari", type=parse_date_arg, metavar="TANGGAL", help="awal periode (register)")
    p.add_argument("--sampai", type=parse_date_arg, metavar="TANGGAL", help="akhir periode (register)")
    p.set_defaults(func=cmd_cetak)

    g = _group(sub, "laporan", "laporan")
    p = subparser(g, "layanan", "laporan layanan informasi publik untuk satu periode")
    p.add_argument("--dari", type=parse_date_arg, required=True, metavar="TANGGAL")
    p.add_argument("--sampai", type=parse_date_arg, required=True, metavar="TANGGAL")
    p.add_argument("--pdf", type=Path, metavar="BERKAS", help="tulis laporan PDF")
    p.add_argument("--xlsx", type=Path, metavar="BERKAS", help="tulis angka laporan ke Excel")
    p.add_argument("--json", action="store_true", help="keluaran JSON")
    p.set_defaults(func=cmd_laporan)
    p = subparser(g, "kirim", "catat bahwa laporan layanan suatu periode sudah dikirim (pengingat Beranda berhenti)")
    p.add_argument("--dari", type=parse_date_arg, required=True, metavar="TANGGAL")
    p.add_argument("--sampai", type=parse_date_arg, required=True, metavar="TANGGAL")
    p.add_argument("--kepada", required=True, metavar="TUJUAN", help="mis. Komisi Informasi Provinsi Jawa Tengah")
    p.add_argument("--tanggal", type=parse_date_arg, metavar="TANGGAL", help="tanggal kirim (bawaan: hari ini)")
    p.add_argument("--cara", default="", metavar="CARA", help="mis. surat dinas, e-mail, aplikasi e-Monev")
    p.add_argument("--json", action="store_true", help="keluaran JSON")
    p.set_defaults(func=cmd_laporan_kirim)
    # the report that goes out: a naskah in the agenda (draft without a number, frozen once signed)
    p = subparser(g, "naskah", "surat laporan layanan suatu periode lewat agenda: konsep tanpa nomor, bernomor setelah "
                               "ditandatangani di Naskah & Arsip")
    p.add_argument("--dari", type=parse_date_arg, required=True, metavar="TANGGAL")
    p.add_argument("--sampai", type=parse_date_arg, required=True, metavar="TANGGAL")
    p.add_argument("--kepada", default="", metavar="TUJUAN", help="bawaan: Atasan PPID; Komisi Informasi")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="BERKAS.pdf")
    p.set_defaults(func=cmd_laporan_naskah)


def _write(path: Path, data: bytes) -> None:
    from ppid_desktop.layanan.berkas import tulis

    tulis(path, data)


DISAMARKAN = "(disamarkan)"  # a personal field shown to a role without PDP_LIHAT


def _pribadi(services: Services) -> bool:
    """Whether the signed-in account may see personal fields (PDP_LIHAT); others get them masked."""
    from ppid_desktop.akun import roles as R  # noqa: N812

    return R.can(services.system(), R.PDP_LIHAT)


def cmd_list(args: argparse.Namespace, services: Services) -> int:
    from ppid_desktop.layanan.queries import RegisterFilter

    opd_id = None
    if args.opd:
        match = [o for o in services.master.daftar_opd() if o.kode.lower() == args.opd.lower()]
        if not match:
            raise UserError(f"Perangkat daerah dengan kode {args.opd} tidak ditemukan.")
        opd_id = match[0].id
    f = RegisterFilter(status=tuple(args.status or ()), terlambat=args.terlambat,
                       dijawab_terlambat=args.dijawab_terlambat, opd_id=opd_id, saluran=args.saluran,
                       dari=args.dari, sampai=args.sampai, cari=args.cari, hari_ini=services.layanan.clock())
    keys = ("nomor", "tanggal_diterima", "nama", "saluran", "opd", "status", "keputusan", "tenggat",
            "tenggat_perpanjangan", "tenggat_efektif", "tanggal_pemberitahuan", "hk_pemberitahuan", "terlambat", "dijawab_terlambat", "rincian")
    # Streamed: one keyset page of the register in memory at a time, written as it is read (the JSON is
    # the same text ``json.dumps(rows, indent=2)`` would give).
    import json
    import sys

    write = sys.stdout.write
    as_json = getattr(args, "json", False)
    try:
        n = _stream_list(services, f, keys, args, write, as_json, json, _pribadi(services))
    except BrokenPipeError:  # the reader stopped early (| head): not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    if as_json:
        write("\n]\n" if n else "[]\n")
    else:
        write(f"{n} permohonan.\n")
    return 0


def _stream_list(services: Services, f: Any, keys: tuple[str, ...], args: argparse.Namespace, write: Any,
                 as_json: bool, json: Any, pribadi: bool = False) -> int:
    from ppid_desktop.layanan.queries import register_rows

    n = 0
    with services.store.read() as s:
        if not as_json:
            write(f"{'Nomor':<20} {'Diterima':<10} {'Tenggat':<10} {'Status':<12} {'Keputusan':<24} {'OPD':<12} Nama\n")
        for row in register_rows(s, f):
            r = {k: row[k] for k in keys}
            if not pribadi:
                r["nama"] = DISAMARKAN
            if as_json:
                item = json.dumps(r, ensure_ascii=False, indent=2, default=str).replace("\n", "\n  ")
                write(("[\n  " if n == 0 else ",\n  ") + item)
            else:
                flag = " (TERLAMBAT)" if r["terlambat"] else " (DIJAWAB TERLAMBAT)" if r["dijawab_terlambat"] else ""
                write(f"{r['nomor']:<20} {r['tanggal_diterima']:<10} {r['tenggat_efektif']:<10} {r['status']:<12} "
                      f"{(r['keputusan'] or '-'):<24} {(r['opd'] or '-'):<12} {r['nama']}{flag}\n")
            n += 1
            if args.batas and n >= args.batas:
                break
    return n


def cmd_show(args: argparse.Namespace, services: Services) -> int:
    from ppid_desktop.layanan import rules as RU  # noqa: N812

    lay = services.layanan
    p = lay.cari_nomor(args.nomor)
    if p is None:
        raise UserError(f"Permohonan nomor {args.nomor} tidak ditemukan.")
    opd = services.master.ambil_opd(p.opd_id) if p.opd_id else None
    info = lay.penjelasan_tenggat(p)
    pribadi = _pribadi(services)
    nama = p.nama if pribadi else DISAMARKAN
    nik = p.nik_mask if pribadi else (DISAMARKAN if p.nik_mask else None)
    data = {
        "nomor": p.nomor, "tanggal_diterima": p.tanggal_diterima.isoformat(), "saluran": p.saluran,
        "jenis_pemohon": p.jenis_pemohon, "nama": nama, "nik": nik,
        "alamat": p.alamat if pribadi else DISAMARKAN,
        "rincian": p.rincian, "tujuan": p.tujuan, "opd": opd.nama if opd else None, "status": p.status,
        "keputusan": p.keputusan, "pasal17": p.pasal17 or None,
        "tanggal_pemberitahuan": p.tanggal_pemberitahuan.isoformat() if p.tanggal_pemberitahuan else None,
        "hk_pemberitahuan": p.hk_pemberitahuan, "biaya_total": p.biaya_total,
        "tenggat": p.tenggat.isoformat(),
        "tenggat_perpanjangan": p.tenggat_perpanjangan.isoformat() if p.tenggat_perpanjangan else None,
        "alasan_perpanjangan": p.alasan_perpanjangan or None,
        "perhitungan_tenggat": info,
        "riwayat": [{"waktu": e.created_at.isoformat(), "oleh": e.oleh, "aksi": e.aksi, "dari": e.status_dari,
                     "ke": e.status_ke, "catatan": e.catatan} for e in lay.riwayat(p.id)],
        "keberatan": [k.nomor for k in lay.keberatan_untuk(p.id)],
    }
    lines = [
        f"Permohonan {p.nomor} — {nama} (NIK {nik or '-'})",
        f"Status: {RU.label(RU.STATUS, p.status)}; keputusan: {RU.label(RU.KEPUTUSAN, p.keputusan) if p.keputusan else '-'}",
        f"OPD: {opd.nama if opd else '-'}",
        f"Rincian: {p.rincian}",
        "",
        "Cara menghitung tenggat:",
        lay.teks_penjelasan(info),
        "",
        "Riwayat:",
    ]
    lines += [f"  {e.created_at.astimezone():%Y-%m-%d %H:%M} {e.oleh:<10} {e.aksi:<22} {e.catatan}" for e in lay.riwayat(p.id)]
    emit(args, data, "\n".join(lines))
    return 0


def cmd_keberatan(args: argparse.Namespace, services: Services) -> int:
    from ppid_desktop.layanan.queries import RegisterFilter, keberatan_rows

    with services.store.read() as s:
        rows = list(keberatan_rows(s, RegisterFilter(terlambat=args.terlambat, hari_ini=services.layanan.clock())))
    lines = [f"{r['nomor']:<24} {r['tanggal_diterima']} permohonan {r['permohonan'] or '(tanpa)':<20} alasan {r['alasan']:<6} "
             f"tenggat {r['tenggat_jawaban']} {r['status_label']}{' (TERLAMBAT)' if r['terlambat'] else ''}" for r in rows]
    lines.append(f"{len(rows)} keberatan.")
    emit(args, rows, "\n".join(lines))
    return 0


def cmd_cetak(args: argparse.Namespace, services: Services) -> int:
    from ppid_desktop.layanan import dokumen

    actor = services.system()
    if args.jenis == "register":
        if not (args.dari and args.sampai):
            raise UserError("Cetak register memerlukan --dari dan --sampai.")
        if args.sampai < args.dari:
            raise UserError("--sampai tidak boleh sebelum --dari.")
        data = dokumen.cetak_register(services, actor, args.dari, args.sampai)
    else:
        if not args.nomor:
            raise UserError(f"Sebutkan NOMOR permohonan/keberatan untuk dokumen {args.jenis}.")
        data, _ = dokumen.cetak(services, actor, args.jenis, args.nomor)
    _write(args.output, data)
    print(f"Dokumen ditulis ke {args.output}")
    return 0


def cmd_laporan(args: argparse.Namespace, services: Services) -> int:
    from ppid_desktop.layanan import laporan as LP  # noqa: N812

    if args.sampai < args.dari:
        raise UserError("--sampai tidak boleh sebelum --dari.")
    r = LP.laporan(services, services.system(), args.dari, args.sampai)
    if args.pdf:
        _write(args.pdf, LP.pdf(services.master.instansi(), r, LP.penandatangan(services)))
    if args.xlsx:  # the same workbook as ``ppid ekspor laporan-layanan`` (one writer for both)
        _write(args.xlsx, services.rekap.ekspor_bytes(services.system(), "laporan-layanan", dari=args.dari,
                                                      sampai=args.sampai))
    lines = [
        f"Laporan layanan informasi publik {LP.periode_teks(r)}",
        f"Permohonan: {r.total}; diputuskan {r.diputuskan}; rata-rata {LP._fmt(r.rata_hk)} HK, median "
        f"{LP._fmt(r.median_hk)}, terlama {LP._fmt(r.maks_hk)}; >10 HK {r.lebih_10_hk}; >17 HK {r.lebih_17_hk}",
        f"Dijawab tepat waktu {r.dijawab_tepat_waktu}; dijawab terlambat {r.dijawab_terlambat}",
        "Saluran: " + ", ".join(f"{k} {v}" for k, v in r.per_saluran.items()),
        "Keputusan: " + ", ".join(f"{k} {v}" for k, v in r.per_keputusan.items()),
        "Penolakan per Pasal 17: " + (", ".join(f"{k} {v}" for k, v in r.per_pasal17.items()) or "-"),
        f"Keberatan: {r.keberatan_total}; sengketa: {r.sengketa_total}",
    ]
    if args.pdf:
        lines.append(f"PDF: {args.pdf}")
    if args.xlsx:
        lines.append(f"Excel: {args.xlsx}")
    emit(args, r.to_dict(), "\n".join(lines))
    return 0


def cmd_laporan_kirim(args: argparse.Namespace, services: Services) -> int:
    row = services.layanan.catat_pengiriman_laporan(services.system(), args.dari, args.sampai, PengirimanLaporanMasukan(
        kepada=args.kepada, tanggal=args.tanggal, cara=args.cara))
    data = {"dari": row.dari.isoformat(), "sampai": row.sampai.isoformat(), "kepada": row.kepada,
            "tanggal": row.tanggal.isoformat(), "cara": row.cara}
    emit(args, data, f"Pengiriman laporan {data['dari']} s.d. {data['sampai']} kepada {row.kepada} "
                     f"({data['tanggal']}) dicatat.")
    return 0


def cmd_laporan_naskah(args: argparse.Namespace, services: Services) -> int:
    from ppid_desktop.layanan import laporan as LP  # noqa: N812

    data = LP.cetak_naskah(services, services.system(), args.dari, args.sampai, args.kepada)
    _write(args.output, data)
    row = LP.naskah(services, args.dari, args.sampai)
    nomor = row.nomor if row is not None else None
    print(f"Surat laporan ({nomor or 'konsep, nomor diberikan saat ditandatangani'}) ditulis ke {args.output}")
    return 0


def cmd_anonimkan(args: argparse.Namespace, services: Services) -> int:
    r = services.layanan.anonimkan(services.system(), args.sampai, dry_run=args.dry_run)
    verb = "akan dianonimkan" if args.dry_run else "dianonimkan"
    text = (f"{r['permohonan']} permohonan {verb} (retensi {r['retensi_tahun']} tahun, berakhir s.d. {r['sampai']}); "
            + (f"{r['keberatan']} keberatan tanpa permohonan {verb}; " if r.get("keberatan") else "")
            + f"{r['lampiran']} lampiran; {r['dilewati']} dilewati karena keberatan/sengketa belum selesai.")
    emit(args, r, text)
    return 0


KEBERATAN_KUNCI = ("permohonan", "tanggal_diterima", "alasan", "kasus_posisi", "nama", "nik", "alamat", "pekerjaan",
                   "telepon", "email", "kuasa", "nama_kuasa", "alamat_kuasa", "tanggal_dasar", "alasan_tanggal_dasar")
BARU_KUNCI = ("tanggal_diterima", "saluran", "jenis_pemohon", "nama", "nik", "alamat", "telepon", "email",
              "pekerjaan", "rincian", "tujuan", "opd")
BARU_MAKS = 10_000


def _baca_baru(path: Path) -> list[dict[str, Any]]:
    import json

    if not path.is_file():
        raise UserError(f"Berkas {path} tidak ditemukan.")
    try:
        if path.stat().st_size > 50 * 1024**2:
            raise UserError(f"{path.name} terlalu besar (lebih dari 50 MB).")
        raw = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise UserError(f"Berkas {path} tidak dapat dibaca: {exc.strerror or exc}.") from None
    except UnicodeError:
        raise UserError(f"{path.name} bukan teks UTF-8.") from None
    except (ValueError, RecursionError) as exc:
        raise UserError(f"{path.name} bukan JSON yang sah: {exc}.") from None
    items = raw if isinstance(raw, list) else [raw]
    if not items:
        raise UserError(f"{path.name} tidak berisi permohonan.")
    if len(items) > BARU_MAKS:
        raise UserError(f"{path.name} berisi {len(items)} permohonan; paling banyak {BARU_MAKS} sekali catat.")
    if not all(isinstance(i, dict) for i in items):
        raise UserError(f"{path.name}: setiap permohonan harus berupa objek JSON {{...}}.")
    return items


def cmd_baru(args: argparse.Namespace, services: Services) -> int:
    """Register requests from JSON as the signed-in account, in ONE unit of work (all or nothing)."""

    from ppid_desktop.akun import roles as R  # noqa: N812
    from ppid_desktop.core import teks
    from ppid_desktop.core.errors import ValidationError
    from ppid_desktop.core.tanggal import parse_tanggal
    from ppid_desktop.layanan.masukan import PermohonanMasukan

    actor = services.system()
    R.require(actor, R.LAYANAN_CATAT)
    items = _baca_baru(args.file)
    lay = services.layanan
    opd = {}
    for o in services.master.daftar_opd():
        opd[o.kode.strip().lower()] = o.id
        opd[o.nama.strip().lower()] = o.id
    masalah: list[str] = []
    bersih: list[dict[str, Any]] = []
    for n, obj in enumerate(items, 1):
        asing = sorted(set(obj) - set(BARU_KUNCI))
        if asing:
            masalah.append(f"permohonan ke-{n}: kunci tidak dikenal: {', '.join(asing)}")
            continue
        data: dict[str, Any] = {k: obj[k] for k in BARU_KUNCI if k in obj and k != "opd"}
        for k, v in data.items():
            if v is not None and not isinstance(v, str):
                data[k] = None
                masalah.append(f"permohonan ke-{n}: {k} harus berupa teks")
            elif v:
                try:
                    data[k] = teks.bersihkan(v, k, k)
                except ValidationError as exc:
                    data[k] = None
                    masalah.append(f"permohonan ke-{n}: {exc.problems[k]}")
        tgl = data.get("tanggal_diterima")
        if isinstance(tgl, str) and tgl.strip():
            try:
                data["tanggal_diterima"] = parse_tanggal(tgl)
            except ValueError as exc:
                masalah.append(f"permohonan ke-{n}: tanggal_diterima: {exc}")
                continue
        if obj.get("opd"):
            data["opd_id"] = opd.get(str(obj["opd"]).strip().lower())
            if data["opd_id"] is None:
                masalah.append(f"permohonan ke-{n}: perangkat daerah '{obj['opd']}' tidak dikenal (kode atau nama)")
                continue
        try:
            masukan = PermohonanMasukan.dari_dict({k: v for k, v in data.items() if v is not None})
            clean = lay.validasi_permohonan(masukan, baru=True)
        except ValidationError as exc:
            masalah += [f"permohonan ke-{n}: {msg}" for msg in exc.problems.values()]
            continue
        bersih.append(clean)
    if masalah:
        raise UserError("Tidak ada yang dicatat:\n  " + "\n  ".join(masalah))
    dicatat = lay.catat_banyak(actor, bersih, f"berkas {args.file.name}")
    hasil = [{"nomor": p.nomor, "nama": p.nama, "tenggat": p.tenggat.isoformat()} for p in dicatat]
    emit(args, hasil, "\n".join([f"{h['nomor']}  {h['nama']}  (tenggat {h['tenggat']})" for h in hasil]
                                 + [f"{len(hasil)} permohonan dicatat."]))
    return 0


def cmd_keberatan_baru(args: argparse.Namespace, services: Services) -> int:
    """Register one keberatan from JSON as the signed-in account: of a registered request (``permohonan``:
    its number) or standing alone (no ``permohonan``; grounds b–g, the pemohon's own identity)."""
    from ppid_desktop.akun import roles as R  # noqa: N812
    from ppid_desktop.core import teks
    from ppid_desktop.core.errors import ValidationError
    from ppid_desktop.core.tanggal import parse_tanggal
    from ppid_desktop.layanan.keberatan import KeberatanMandiri

    actor = services.system()
    R.require(actor, R.LAYANAN_CATAT)
    items = _baca_baru(args.file)
    if len(items) != 1:
        raise UserError(f"{args.file.name} berisi {len(items)} objek; catat satu keberatan per berkas.")
    obj = items[0]
    masalah: list[str] = []
    asing = sorted(set(obj) - set(KEBERATAN_KUNCI))
    if asing:
        masalah.append(f"kunci tidak dikenal: {', '.join(asing)} (pilihan: {', '.join(KEBERATAN_KUNCI)})")
    data: dict[str, Any] = {}
    for k in KEBERATAN_KUNCI:
        v = obj.get(k)
        if v is None:
            continue
        if k == "kuasa":
            if not isinstance(v, bool):
                masalah.append("kuasa harus true atau false")
            data[k] = bool(v)
        elif k == "alasan" and isinstance(v, list):
            if not all(isinstance(h, str) for h in v):
                masalah.append("alasan harus berupa huruf, mis. [\"b\", \"c\"] atau \"b,c\"")
            data[k] = ",".join(str(h) for h in v)
        elif not isinstance(v, str):
            masalah.append(f"{k} harus berupa teks")
        else:
            try:
                data[k] = teks.bersihkan(v, k, k)
            except ValidationError as exc:
                masalah.append(exc.problems[k])
    for k in ("tanggal_diterima", "tanggal_dasar"):
        if isinstance(data.get(k), str):
            try:
                data[k] = parse_tanggal(data[k])
            except ValueError as exc:
                masalah.append(f"{k}: {exc}")
    if masalah:
        raise UserError("Keberatan tidak dicatat:\n  " + "\n  ".join(masalah))
    lay = services.layanan
    nomor_p = str(data.pop("permohonan", "") or "").strip()
    if nomor_p:
        p = lay.cari_nomor(nomor_p)
        if p is None:
            raise UserError(f"Permohonan nomor {nomor_p} tidak ditemukan.")
        kb, warnings = lay.catat_keberatan(actor, p.id, KeberatanMasukan.dari_dict(data))
    else:
        kb, warnings = lay.catat_keberatan_mandiri(actor, KeberatanMandiri.dari_dict(data))
    hasil = {"nomor": kb.nomor, "permohonan": nomor_p or None, "nama": kb.nama, "nik": kb.nik_mask,
             "alasan": kb.alasan, "tanggal_diterima": kb.tanggal_diterima.isoformat(),
             "batas_pengajuan": kb.batas_pengajuan.isoformat() if kb.batas_pengajuan else None,
             "terlambat_diajukan": kb.terlambat_diajukan, "tenggat_jawaban": kb.tenggat_jawaban.isoformat(),
             "peringatan": warnings}
    asal = f"atas permohonan {nomor_p}" if nomor_p else "tanpa permohonan"
    emit(args, hasil, "\n".join([f"Keberatan {kb.nomor} ({asal}) dicatat; jawaban paling lambat {hasil['tenggat_jawaban']}.",
                                 *[f"Peringatan: {w}" for w in warnings]]))
    return 0
