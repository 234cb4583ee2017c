"""``ppid``: the headless command. Same services as the app, no Qt.

Rooms add their sub-commands through the registry (``Room.cli`` in ``ppid_desktop.rooms``): the module
has ``register(sub: argparse._SubParsersAction) -> None`` and sets ``func(args, services) -> int`` on
its parsers (``needs_db = False`` on a parser that must not open the database). A room's module is
imported only when one of its commands is on the command line (``ppid --help`` loads no room).

Sign-in: every command but ``TANPA_AKUN`` (and ``--help``/``--versi``) runs as a signed-in account:
``--pengguna NAMA`` or ``PPID_PENGGUNA``, the password from ``PPID_KATA_SANDI`` or a prompt. In the
CLI ``services.system()`` is that account, so every service checks its permissions. ``ppid init``
(and ``ppid demo``) on a database without accounts creates the first Admin from the same credentials.

Encryption (``core.kunci_db``): an encrypted database is unlocked with the same credentials before it is
opened (without them on an encrypted file ``check`` reports what it can see from outside, exit 2, and
``kalender`` reads the public calendar file, ``master.kalender_publik``); an earlier release's encryption
settings are renewed right after the unlock (``kunci_db.perbarui_bila_perlu``). ``ppid init`` creates
a new database encrypted and prints its recovery key once; ``ppid enkripsi`` converts a plaintext one;
``ppid pulihkan-kunci`` sets a new password for an Admin with the recovery key (``PPID_KUNCI_PEMULIHAN``
or a prompt).
"""

from __future__ import annotations

import argparse
import contextlib
import os
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

# Commands that run without a signed-in account (besides --help and --versi).
TANPA_AKUN = {"init", "check", "kalender"}
ENV_PENGGUNA = "PPID_PENGGUNA"
ENV_KATA_SANDI = "PPID_KATA_SANDI"
ENV_KUNCI_PEMULIHAN = "PPID_KUNCI_PEMULIHAN"


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
    parser.add_argument("--pengguna", default=None, metavar="NAMA",
                        help=f"akun yang menjalankan perintah (bawaan: ${ENV_PENGGUNA}); kata sandi dari "
                             f"${ENV_KATA_SANDI} atau ditanyakan")
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH", required=True)

    p = subparser(sub, "init", "buat (terenkripsi) atau migrasikan database; cetak lokasi, revisi skema dan, untuk "
                               "database baru, kunci pemulihannya")
    p.add_argument("--json", action="store_true", help="keluaran JSON")
    p.add_argument("--tanpa-enkripsi", action="store_true",
                   help="database baru TIDAK dienkripsi (hanya untuk uji dan alat; data pribadi terbaca bila berkas disalin)")
    p.set_defaults(func=cmd_init)

    p = subparser(sub, "demo", "isi database dengan data demo yang realistis")
    p.add_argument("--permohonan", type=int, default=300, metavar="N", help="jumlah permohonan (bawaan 300)")
    p.add_argument("--opd", type=int, default=31, metavar="M", help="jumlah perangkat daerah (bawaan 31)")
    p.add_argument("--seed", type=int, default=2026, metavar="S", help="benih acak (bawaan 2026)")
    p.add_argument("--json", action="store_true", help="keluaran JSON")
    p.add_argument("--tanpa-enkripsi", action="store_true",
                   help="database demo baru TIDAK dienkripsi (hanya untuk uji dan alat)")
    p.set_defaults(func=cmd_demo)

    p = subparser(sub, "check", "periksa keutuhan database dan revisi skemanya")
    p.add_argument("--lampiran", action="store_true",
                   help="periksa juga setiap berkas lampiran (dibuka dan dicocokkan dengan SHA-256-nya)")
    p.add_argument("--json", action="store_true", help="keluaran JSON")
    p.set_defaults(func=cmd_check, needs_db=False)

    p = subparser(sub, "backup", "buat cadangan database beserta lampiran ke BERKAS")
    p.add_argument("file", type=Path, metavar="BERKAS")
    p.add_argument("--tanpa-kunci", action="store_true",
                   help="jangan sertakan kunci enkripsi data pribadi (untuk cadangan yang dibawa keluar kantor)")
    p.set_defaults(func=cmd_backup)

    p = subparser(sub, "restore", "pulihkan cadangan BERKAS ke database --db")
    p.add_argument("file", type=Path, metavar="BERKAS")
    p.add_argument("--timpa", action="store_true", help="timpa database tujuan yang sudah berisi data")
    p.set_defaults(func=cmd_restore, needs_db=False)

    p = subparser(sub, "enkripsi", "enkripsi database lama (tanpa enkripsi) di tempat; cetak kunci pemulihannya; "
                  "lampiran yang masih polos (rilis lama) ikut dienkripsi")
    p.add_argument("--perbarui", action="store_true",
                   help="enkripsi ulang database terenkripsi rilis lama dengan pengaturan terbaru (halaman 16 KiB, "
                        "HMAC-SHA256; juga otomatis saat masuk)")
    p.add_argument("--json", action="store_true", help="keluaran JSON")
    p.set_defaults(func=cmd_enkripsi, needs_db=False)

    p = subparser(sub, "pulihkan-kunci",
                  f"dengan kunci pemulihan (${ENV_KUNCI_PEMULIHAN} atau ditanyakan), atur kata sandi baru Admin "
                  f"--pengguna (kata sandi baru dari ${ENV_KATA_SANDI} atau ditanyakan)")
    p.set_defaults(func=cmd_pulihkan_kunci, needs_db=False)

    p = subparser(sub, "kalender", "kalender hari kerja (tanpa akun juga pada database terenkripsi: dari berkas "
                                   "kalender publik di sampingnya)")
    ksub = p.add_subparsers(dest="kalender_cmd", metavar="PERINTAH", required=True)
    k = subparser(ksub, "tenggat", "tanggal N hari kerja setelah TANGGAL, dengan hari yang dilewati")
    k.add_argument("tanggal", type=parse_date_arg, metavar="TANGGAL", help="mis. 2026-03-16 atau '16 Maret 2026'")
    k.add_argument("n", type=int, metavar="N", help="jumlah hari kerja")
    k.add_argument("--json", action="store_true", help="keluaran JSON")
    k.set_defaults(func=cmd_tenggat, needs_db=False)
    k = subparser(ksub, "hari-kerja", "jumlah hari kerja setelah DARI sampai dengan SAMPAI, dengan hari yang dilewati")
    k.add_argument("dari", type=parse_date_arg, metavar="DARI", help="mis. 2026-03-16 atau '16 Maret 2026'")
    k.add_argument("sampai", type=parse_date_arg, metavar="SAMPAI", help="tanggal akhir (ikut dihitung)")
    k.add_argument("--json", action="store_true", help="keluaran JSON")
    k.set_defaults(func=cmd_hari_kerja, needs_db=False)

    _room_commands(sub, argv)
    return parser


def open_services(args: argparse.Namespace) -> Services:
    from ppid_desktop.services import Services

    if args.db is not None and args.command != "init":
        folder = args.db.expanduser().absolute().parent
        if not folder.is_dir():
            raise UserError(f"Folder {folder} tidak ada. Periksa --db (folder baru hanya dibuat oleh 'ppid init').")
    return Services.open(args.db or default_db_path())


def _kredensial(args: argparse.Namespace, *, wajib: bool, baru: bool = False) -> tuple[str, str] | None:
    """(username, password) from ``--pengguna``/``PPID_PENGGUNA`` and ``PPID_KATA_SANDI`` or a prompt."""
    import getpass

    if getattr(args, "_kred", None) is not None:  # already given once in this run (the key was unlocked with it)
        return args._kred  # type: ignore[no-any-return]
    user = (getattr(args, "pengguna", None) or os.environ.get(ENV_PENGGUNA) or "").strip()
    interaktif = sys.stdin is not None and sys.stdin.isatty()
    if not user:
        if not wajib:
            return None
        if not interaktif:
            raise UserError(f"Perintah ini memerlukan akun: beri --pengguna NAMA atau ${ENV_PENGGUNA}, dan kata sandi "
                            f"lewat ${ENV_KATA_SANDI}.")
        user = input("Nama pengguna" + (" Admin pertama" if baru else "") + ": ").strip()
    password = os.environ.get(ENV_KATA_SANDI)
    if password is None:
        if not interaktif:
            raise UserError(f"Kata sandi untuk {user} belum diberikan: isi ${ENV_KATA_SANDI} atau jalankan perintah "
                            "di terminal agar kata sandi ditanyakan.")
        password = getpass.getpass(f"Kata sandi {user}: ")
        if baru and getpass.getpass("Ulangi kata sandi: ") != password:
            raise UserError("Kedua kata sandi tidak sama.")
    args._kred = (user, password)
    return user, password


def _db_path(args: argparse.Namespace) -> Path:
    return Path(args.db or default_db_path()).expanduser().absolute()


def buka_kunci(args: argparse.Namespace) -> None:
    """Before the database is opened: unlock an encrypted one with the account's password, or (``init`` on
    a new file, ``demo`` on a new file too unless ``--tanpa-enkripsi``) create its data key and key file so it
    is born encrypted."""
    from ppid_desktop.core import kunci_db

    path = _db_path(args)
    baru = not path.exists() or path.stat().st_size == 0
    if args.command in {"init", "demo"} and baru and not getattr(args, "tanpa_enkripsi", False):
        cred = _kredensial(args, wajib=False, baru=True)
        if cred is None:
            raise UserError(f"Database baru dibuat terenkripsi dengan kunci dari kata sandi Admin pertama: beri "
                            f"--pengguna NAMA (atau ${ENV_PENGGUNA}) dan ${ENV_KATA_SANDI}, atau jalankan di terminal.")
        if not path.parent.is_dir():
            try:
                path.parent.mkdir(parents=True, mode=0o700)
            except OSError as exc:
                raise UserError(f"Folder {path.parent} tidak dapat dibuat: {exc.strerror or exc}.") from None
        kunci_db.berkas_kunci(path).unlink(missing_ok=True)  # a key file without its database: a killed init
        _, args._kode_pemulihan = kunci_db.buat(path, *cred)
        return
    if kunci_db.perlu_masuk(path):
        cred = _kredensial(args, wajib=False)
        if cred is None:
            raise UserError(f"Database {path.name} terenkripsi: beri --pengguna NAMA (atau ${ENV_PENGGUNA}) dan "
                            f"${ENV_KATA_SANDI} untuk membukanya, juga untuk '{args.command}'.")
        kunci_db.buka(path, *cred)
        if args.command != "restore":  # like a migration: an earlier release's encryption settings renewed
            _perbarui_enkripsi(path)


def _perbarui_enkripsi(path: Path) -> None:
    from ppid_desktop.core import kunci_db

    try:
        keep = kunci_db.perbarui_bila_perlu(path)
    except UserError as exc:  # the database is as it was and still usable: the command goes on
        print(f"Peringatan: enkripsi database belum diperbarui ke pengaturan terbaru: {exc}", file=sys.stderr)
        return
    if keep is not None:
        print(f"Enkripsi database diperbarui (halaman 16 KiB, HMAC-SHA256); salinan pengaman: {keep}", file=sys.stderr)


def masuk(args: argparse.Namespace, services: Services) -> Any:
    """Sign the CLI in as an account and make it the actor of every command (``services.system()``).

    A database without accounts: ``init`` and ``demo`` create the first Admin from the credentials;
    other commands are refused.
    """
    from ppid_desktop.akun import roles as R

    akun = services.akun
    if not akun.has_users():
        if args.command not in {"init", "demo"}:
            raise UserError("Belum ada akun di database ini. Jalankan 'ppid init' untuk membuat Admin pertama.")
        cred = _kredensial(args, wajib=args.command == "demo", baru=True)
        if cred is None:
            return None
        akun.create_user(None, cred[0], "Administrator", cred[1], [R.ADMIN])
        print(f"Admin pertama dibuat: {cred[0].strip().lower()}", file=sys.stderr)
    else:
        cred = _kredensial(args, wajib=args.command not in TANPA_AKUN)
        if cred is None:
            return None
    actor = akun.authenticate(*cred)
    services.system = lambda: actor  # type: ignore[method-assign]  # in the CLI every action is the account's
    _SIGNED_IN[id(services)] = actor
    return actor


_SIGNED_IN: dict[int, Any] = {}


def current_actor(services: Services) -> Any:
    """The account this CLI run signed in as (rooms' commands call this), else ``services.system()``."""
    return _SIGNED_IN.get(id(services)) or services.system()


def _masuk_pulih(args: argparse.Namespace) -> None:
    """``restore --timpa`` replaces a database that has accounts: only its Admin may do that."""
    from ppid_desktop.akun import roles as R

    if not args.timpa:
        return
    target = (args.db or default_db_path()).expanduser()
    if not target.exists() or target.stat().st_size == 0:
        return
    buka_kunci(args)
    services = open_services(args)
    try:
        if not services.akun.has_users():
            return
        actor = masuk(args, services)
        R.require(actor, R.AKUN_KELOLA)
    finally:
        services.close()


def cmd_init(args: argparse.Namespace, services: Services) -> int:
    if not services.akun.has_users() and masuk(args, services) is None:
        raise UserError(f"Database siap ({services.store.path}), tetapi Admin pertama belum dibuat: beri --pengguna "
                        f"NAMA (atau ${ENV_PENGGUNA}) dan ${ENV_KATA_SANDI}, atau jalankan di terminal.")
    rev = services.store.current_revision()
    kode = getattr(args, "_kode_pemulihan", None)
    data: dict[str, Any] = {"database": str(services.store.path), "revisi": rev,
                            "terenkripsi": services.store.kunci is not None}
    text = f"Database: {services.store.path}\nRevisi skema: {rev}\nTerenkripsi: " + (
        "ya" if services.store.kunci is not None else "tidak (jalankan 'ppid enkripsi')")
    if kode:
        data["kunci_pemulihan"] = kode
        text += "\n\n" + teks_pemulihan(kode)
    emit(args, data, text)
    return 0


def teks_pemulihan(kode: str) -> str:
    return (f"KUNCI PEMULIHAN (hanya ditampilkan sekali):\n\n    {kode}\n\n"
            "Tulis atau cetak kunci ini dan simpan di tempat aman, terpisah dari laptop. Tanpa kata sandi Admin "
            "dan tanpa kunci ini, database terenkripsi tidak dapat dibuka lagi.")


def cmd_enkripsi(args: argparse.Namespace, _services: Services) -> int:
    """Convert a plaintext database in place (an Admin signs in first); ``--perbarui``: re-encrypt an
    encrypted one with the current settings (any signed-in account, as at every sign-in)."""
    from ppid_desktop.core import kunci_db, lampiran

    path = _db_path(args)
    if args.perbarui:
        return _cmd_perbarui(args, path)
    if not path.exists() or path.stat().st_size == 0:
        raise UserError(f"Database {path} belum ada. Database baru dari 'ppid init' sudah terenkripsi.")
    if kunci_db.terenkripsi(path):
        buka_kunci(args)
        services = open_services(args)
        try:  # attachments of an earlier release still in clear: only they are converted
            if not lampiran.perlu_konversi(services.store):
                raise UserError(f"Database {path.name} sudah terenkripsi.")
            masuk(args, services)
            hasil = lampiran.konversi(services.store, catat=lambda m: print(m, file=sys.stderr))
        finally:
            services.close()
        emit(args, {"database": str(path), "lampiran": hasil}, f"Database {path.name} sudah terenkripsi. "
             + _teks_lampiran(hasil))
        return 0
    services = open_services(args)
    try:
        actor = masuk(args, services)
        hashes = services.akun.hash_untuk_kunci(actor)
    finally:
        services.close()
    cred = _kredensial(args, wajib=True)
    assert cred is not None
    kode, berkas, tanpa = kunci_db.konversi(path, cred[0], cred[1], hashes)
    buka_kunci(args)
    services = open_services(args)
    try:  # the attachments too, under the database's own (sealed) keyring
        masuk(args, services)
        hasil = lampiran.konversi(services.store, catat=lambda m: print(m, file=sys.stderr))
    finally:
        services.close()
    data = {"database": str(path), "berkas": [str(b) for b in berkas], "kunci_pemulihan": kode,
            "akun_perlu_atur_ulang": tanpa, "lampiran": hasil}
    text = (f"Database {path} kini terenkripsi ({len(berkas)} berkas). {_teks_lampiran(hasil)}\n\n"
            + teks_pemulihan(kode)
            + ("\n\nAkun berikut belum punya kunci: atur ulang kata sandinya (Admin, halaman Master > Pengguna): "
               + ", ".join(tanpa) if tanpa else ""))
    emit(args, data, text)
    return 0


def _cmd_perbarui(args: argparse.Namespace, path: Path) -> int:
    from ppid_desktop.core import kunci_db

    if not path.exists() or path.stat().st_size == 0:
        raise UserError(f"Database {path} belum ada.")
    if not kunci_db.terenkripsi(path):
        raise UserError(f"Database {path.name} tidak terenkripsi: jalankan 'ppid enkripsi' (tanpa --perbarui) "
                        "untuk mengenkripsinya.")
    if kunci_db.perlu_masuk(path):
        cred = _kredensial(args, wajib=True)
        assert cred is not None
        kunci_db.buka(path, *cred)
    services = open_services(args)  # the account must be a real one of this database
    try:
        masuk(args, services)
    finally:
        services.close()
    keep = kunci_db.perbarui(path)
    st = kunci_db.setelan_untuk(path)
    data = {"database": str(path), "diperbarui": keep is not None, "setelan": st,
            "salinan_pengaman": str(keep) if keep else None}
    text = (f"Enkripsi {path} diperbarui: halaman {st['halaman'] // 1024} KiB, {st['hmac'].replace('_', '-')}.\n"
            f"Salinan pengaman berkas lama (enkripsi lama): {keep}" if keep else
            f"Database {path} sudah memakai pengaturan enkripsi terbaru (halaman {st['halaman'] // 1024} KiB, "
            f"{st['hmac'].replace('_', '-')}).")
    emit(args, data, text)
    return 0


def _teks_lampiran(hasil: dict[str, int]) -> str:
    return (f"Lampiran: {hasil['dienkripsi']} dienkripsi, {hasil['dikunci_ulang']} dikunci ulang, {hasil['sudah']} sudah "
            f"terenkripsi" + (f", {hasil['rusak']} rusak (tidak cocok dengan sidiknya; dibiarkan)." if hasil["rusak"]
                              else "."))


def cmd_pulihkan_kunci(args: argparse.Namespace, _services: Services) -> int:
    """With the recovery key: a new password (and key-file entry) for an Admin account."""
    import getpass

    from ppid_desktop.akun import roles as R  # noqa: N812
    from ppid_desktop.core import kunci_db
    from ppid_desktop.services import Services as _Services

    path = _db_path(args)
    if not kunci_db.terenkripsi(path):
        raise UserError(f"Database {path} tidak terenkripsi: kunci pemulihan tidak diperlukan.")
    kode = os.environ.get(ENV_KUNCI_PEMULIHAN)
    if kode is None:
        if not (sys.stdin is not None and sys.stdin.isatty()):
            raise UserError(f"Beri kunci pemulihan lewat ${ENV_KUNCI_PEMULIHAN} atau jalankan di terminal.")
        kode = getpass.getpass("Kunci pemulihan: ")
    kunci_db.buka_pemulihan(path, kode)
    cred = _kredensial(args, wajib=True, baru=True)
    assert cred is not None
    services = _Services.open(path)
    try:
        akun = {u.username: u for u in services.akun.list_users()}
        user = akun.get(cred[0].strip().lower())
        if user is None or R.ADMIN not in user.role_set():
            raise UserError(f"{cred[0]} bukan akun Admin di database ini.")
        services.akun.pulihkan_admin(user.username, cred[1])
    finally:
        services.close()
    print(f"Kata sandi baru untuk {user.username} disimpan; masuk dengan kata sandi itu.")
    return 0


def cmd_demo(args: argparse.Namespace, services: Services) -> int:
    from ppid_desktop import demo

    opt = demo.DemoOptions(permohonan=args.permohonan, opd=args.opd, seed=args.seed)
    counts = demo.fill(services, services.system(), opt)
    lines = [f"Data demo dimuat ke {services.store.path}:"]
    for room, c in counts.items():
        lines.append(f"  {room}: " + ", ".join(f"{k} {v}" for k, v in c.items()))
    lines.append("Akun demo: admin, petugas, ppid, atasan, monev, sekretariat (kata sandi: rahasia123)")
    if kode := getattr(args, "_kode_pemulihan", None):  # a new demo database is born encrypted
        print(f"Database demo terenkripsi.\n{teks_pemulihan(kode)}", file=sys.stderr)
    emit(args, counts, "\n".join(lines))
    return 0


def cmd_check(args: argparse.Namespace, _services: Services) -> int:
    from ppid_desktop.core import kunci_db

    path = _db_path(args)
    if kunci_db.perlu_masuk(path) and _kredensial(args, wajib=False) is None:
        return _check_tanpa_akun(args, path)
    buka_kunci(args)
    services = open_services(args)
    try:
        return _check(args, services)
    finally:
        services.close()


TIDAK_DIPERIKSA = ["keutuhan halaman database", "revisi skema", "rantai sidik jejak audit"]


def _check_tanpa_akun(args: argparse.Namespace, path: Path) -> int:
    """``check`` on an encrypted database without credentials: what can be seen from outside (the file is
    encrypted and whole pages long, the key file, the public calendar); the rest needs the key. Exit 2."""
    from ppid_desktop.core import kunci_db
    from ppid_desktop.master import kalender_publik

    diperiksa: list[str] = []
    masalah: list[str] = []
    try:
        data = kunci_db.baca(path)
        st = kunci_db.setelan_untuk(path)
        akun = len(data["akun"])
        diperiksa.append(f"berkas kunci {kunci_db.berkas_kunci(path).name}: utuh ({akun} akun"
                         + (", kunci pemulihan ada)" if isinstance(data.get("pemulihan"), dict) else
                            "; kunci pemulihan TIDAK ada)"))
        if not isinstance(data.get("pemulihan"), dict):
            masalah.append("berkas kunci tidak memuat kunci pemulihan")
        ukuran = path.stat().st_size
        if ukuran % int(st["halaman"]):
            masalah.append(f"ukuran berkas ({ukuran} bita) bukan kelipatan halaman {st['halaman']} bita: terpotong?")
        else:
            diperiksa.append(f"berkas database terenkripsi, {ukuran // int(st['halaman'])} halaman utuh "
                             f"({int(st['halaman']) // 1024} KiB, {st['hmac'].replace('_', '-')})")
        if kunci_db.perlu_perbarui(path):
            diperiksa.append("enkripsi rilis lama: diperbarui otomatis saat masuk ('ppid enkripsi --perbarui')")
    except UserError as exc:
        masalah.append(str(exc))
    try:
        kal = kalender_publik.baca(path)
        diperiksa.append(f"berkas kalender publik: {'utuh' if kal is not None else 'belum ada (dibuat saat masuk)'}")
    except UserError as exc:
        masalah.append(str(exc))
    emit(args, {"database": str(path), "revisi": None, "terenkripsi": True, "masalah": masalah,
                "diperiksa": diperiksa, "tidak_diperiksa": TIDAK_DIPERIKSA},
         f"Database: {path}\nTerenkripsi: ya\nDiperiksa tanpa akun:\n" + "\n".join(f"  - {d}" for d in diperiksa)
         + ("\nMasalah:\n" + "\n".join(f"  - {m}" for m in masalah) if masalah else "")
         + "\nTIDAK diperiksa (perlu kunci database): " + ", ".join(TIDAK_DIPERIKSA) + ".")
    print(f"Galat: isi database terenkripsi {path.name} tidak dapat diperiksa tanpa akun: beri --pengguna NAMA "
          f"(atau ${ENV_PENGGUNA}) dan ${ENV_KATA_SANDI} untuk pemeriksaan lengkap.", file=sys.stderr)
    return 2


def _check(args: argparse.Namespace, services: Services) -> int:
    from ppid_desktop.core.db import head_revision

    problems = services.store.integrity_check(audit_chain=True)
    rev = services.store.current_revision()
    head = head_revision()
    if rev != head:
        problems.append(f"revisi skema {rev} bukan revisi terbaru {head}")
    data: dict[str, object] = {}
    teks_lampiran = ""
    if getattr(args, "lampiran", False):
        from ppid_desktop.core import lampiran

        n, masalah = lampiran.periksa_semua(services.store)
        problems += masalah
        data["lampiran_diperiksa"] = n
        teks_lampiran = f"Lampiran diperiksa: {n} berkas\n"
    enc = services.store.kunci is not None
    emit(args, {"database": str(services.store.path), "revisi": rev, "terenkripsi": enc, "masalah": problems, **data},
         f"Database: {services.store.path}\nRevisi skema: {rev}\nTerenkripsi: {'ya' if enc else 'tidak'}\n"
         + teks_lampiran
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
    kode = os.environ.get(ENV_KUNCI_PEMULIHAN)
    try:
        cred = _kredensial(args, wajib=False) if not kode else None
    except UserError:
        cred = None  # a plaintext archive needs none; an encrypted one says what it needs
    manifest = restore(args.file, target, overwrite=args.timpa, kredensial=cred, kode_pemulihan=kode)
    print(f"Cadangan {args.file} (revisi {manifest.get('revision')}) dipulihkan ke {target}")
    return 0


@contextlib.contextmanager
def _kalender(args: argparse.Namespace) -> Any:
    """Where ``ppid kalender`` reads the calendar: the database (plaintext, or encrypted and signed in with
    credentials); without credentials on an encrypted database, its public calendar file, else the
    built-in calendar (with a note on stderr). Yields the source; it answers as ``services.master`` does."""
    from ppid_desktop.core import kunci_db
    from ppid_desktop.master import kalender_publik

    path = _db_path(args)
    if kunci_db.perlu_masuk(path) and _kredensial(args, wajib=False) is None:
        kal = kalender_publik.baca(path)
        if kal is None:
            print(f"Catatan: database {path.name} terenkripsi dan berkas kalender publiknya "
                  f"({kalender_publik.berkas(path).name}) belum ada: memakai kalender bawaan (libur nasional dan "
                  "cuti bersama dari paket holidays, kebijakan bawaan), tanpa hari libur daerah atau kantor tutup. "
                  "Masuk dengan --pengguna untuk kalender kantor.", file=sys.stderr)
        else:
            print(f"Sumber kalender: berkas kalender publik {kalender_publik.berkas(path).name} (ditulis "
                  f"{kal.dibuat or '?'}; database terenkripsi dibaca tanpa akun).", file=sys.stderr)
        yield kal or kalender_publik.bawaan()
        return
    buka_kunci(args)
    services = open_services(args)
    try:
        yield services.master
    finally:
        services.close()


def cmd_tenggat(args: argparse.Namespace, _services: Services) -> int:
    from ppid_desktop.core.tanggal import tanggal_hari

    if not 0 <= args.n <= 5000:
        raise UserError("N (jumlah hari kerja) harus bilangan 0 sampai 5000.")
    with _kalender(args) as kal:
        t = kal.tenggat(args.tanggal, args.n)
        pol = kal.kebijakan()
    lines = [f"{args.n} hari kerja setelah {tanggal_hari(t.mulai)}: {tanggal_hari(t.jatuh_tempo)}"]
    if t.dilewati:
        lines.append("Hari yang dilewati:")
        lines += [f"  {tanggal_hari(d.tanggal)} — {d.alasan}" for d in t.dilewati]
    lines.append("Kebijakan: cuti bersama " + ("dihitung hari kerja" if pol.cuti_bersama_hari_kerja else "bukan hari kerja"))
    emit(args, t.to_dict() | {"cuti_bersama_hari_kerja": pol.cuti_bersama_hari_kerja}, "\n".join(lines))
    return 0


def cmd_hari_kerja(args: argparse.Namespace, _services: Services) -> int:
    from datetime import timedelta

    from ppid_desktop.core import kalender as K
    from ppid_desktop.core.tanggal import tanggal_hari

    if args.sampai < args.dari:
        raise UserError("SAMPAI tidak boleh sebelum DARI.")
    if (args.sampai - args.dari).days > 3660:
        raise UserError("Rentang DARI sampai SAMPAI paling lama 10 tahun.")
    K.check_year(args.dari)
    K.check_year(args.sampai)
    with _kalender(args) as kal:
        cal = kal.kalender_kerja()
        n = cal.workdays_between(args.dari, args.sampai)
        dilewati = []
        d = args.dari
        while d < args.sampai:
            d += timedelta(days=1)
            if (why := cal.reason_closed(d)) is not None:
                dilewati.append(K.HariDilewati(d, why))
        versi = kal.versi_kalender()
        pol = kal.kebijakan()
    lines = [f"Hari kerja setelah {tanggal_hari(args.dari)} sampai dengan {tanggal_hari(args.sampai)}: {n}"]
    if dilewati:
        lines.append("Hari yang dilewati:")
        lines += [f"  {tanggal_hari(x.tanggal)} — {x.alasan}" for x in dilewati]
    lines.append("Kebijakan: cuti bersama " + ("dihitung hari kerja" if pol.cuti_bersama_hari_kerja else "bukan hari kerja"))
    emit(args, {"dari": args.dari.isoformat(), "sampai": args.sampai.isoformat(), "hari_kerja": n,
                "hari_dilewati": [x.to_dict() for x in dilewati], "versi_kalender": versi,
                "cuti_bersama_hari_kerja": pol.cuti_bersama_hari_kerja}, "\n".join(lines))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["_demo-baris"]:  # not a user command: the drawing process of a large demo (layanan.demo_baris)
        from ppid_desktop.layanan.demo_baris import anak

        return anak()
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    services = None
    try:
        if getattr(args, "needs_db", True):
            buka_kunci(args)
            services = open_services(args)
            if args.command not in TANPA_AKUN:  # init signs in itself (it may create the first Admin)
                masuk(args, services)
        elif args.command == "restore":
            _masuk_pulih(args)
        return int(args.func(args, services))
    except UserError as exc:
        print(f"Galat: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Dibatalkan.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader (``| head``) closed the pipe: nothing to say, as other tools do
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # the exit-time flush stays quiet
        return 1
    except (EOFError, OSError) as exc:
        print(f"Galat: {getattr(exc, 'strerror', None) or exc or 'masukan tidak tersedia'}.", file=sys.stderr)
        return 2
    except Exception as exc:  # the last line of defence: an Indonesian message, never a traceback
        print(f"Galat tak terduga ({type(exc).__name__}): {exc}. Laporkan ke pengelola aplikasi.", file=sys.stderr)
        return 2
    finally:
        if services is not None:
            _SIGNED_IN.pop(id(services), None)
            services.close()


if __name__ == "__main__":
    raise SystemExit(main())
