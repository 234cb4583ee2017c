"""``ppid agenda list`` and ``ppid agenda cetak``: the agenda of outgoing letters, headless.

``list`` prints one line per letter (id, number, date, kind, status, subject); ``--json`` gives a list
of objects with the keys ``nomor``, ``tanggal``, ``jenis``, ``hal``, ``status``, ``sha256``
(``nomor``/``tanggal``/``sha256`` are ``null`` until the letter is signed) and ``terkait`` (the linked
letters: a nota dinas ``menutupi`` the letter it covers, which is ``ditutupi`` by it). ``cetak`` writes the letter
given by its id (or its number): the frozen PDF once signed, otherwise the draft without a number.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ppid_desktop.core.cliutil import emit, subparser
from ppid_desktop.core.errors import UserError

if TYPE_CHECKING:
    from ppid_desktop.services import Services


def register(sub: Any) -> None:
    from ppid_desktop.naskah.jenis import JENIS, STATUS_LABEL

    g = subparser(sub, "agenda", "agenda surat keluar (naskah dinas): daftar dan cetak")
    gs = g.add_subparsers(dest="agenda_cmd", metavar="PERINTAH", required=True)
    p = subparser(gs, "list", "daftar surat keluar di agenda")
    p.add_argument("--jenis", choices=list(JENIS), metavar="JENIS", help="saring menurut jenis naskah: " + ", ".join(JENIS))
    p.add_argument("--status", choices=list(STATUS_LABEL), metavar="STATUS",
                   help="saring menurut status: " + ", ".join(STATUS_LABEL))
    p.add_argument("--json", action="store_true", help="keluaran JSON")
    p.set_defaults(func=cmd_list)
    p = subparser(gs, "cetak", "tulis PDF surat: yang sudah ditandatangani dari arsip bekunya, konsep tanpa nomor")
    p.add_argument("id", metavar="ID", help="id surat (lihat 'ppid agenda list') atau nomor surat")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="BERKAS.pdf")
    p.set_defaults(func=cmd_cetak)


def baris_json(surat: Any) -> dict[str, Any]:
    return {"nomor": surat.nomor, "tanggal": surat.tanggal.isoformat() if surat.tanggal else None,
            "jenis": surat.jenis, "hal": surat.hal, "status": surat.status, "sha256": surat.pdf_sha256}


def cmd_list(args: argparse.Namespace, services: Services) -> int:
    from ppid_desktop.naskah.jenis import STATUS_LABEL

    rows = services.agenda.daftar(status=args.status, jenis=args.jenis)
    lines = [f"{r.id}  {(r.nomor or '-'):<32} {r.tanggal.isoformat() if r.tanggal else '-':<10}  {r.jenis:<20} "
             f"{STATUS_LABEL.get(r.status, r.status):<20} {r.hal}" for r in rows]
    lines.append(f"{len(rows)} surat.")
    tautan = services.agenda.tautan()  # the six keys, plus the linked letters (nota dinas <-> covered letter)
    emit(args, [baris_json(r) | {"terkait": tautan.get(r.id, [])} for r in rows], "\n".join(lines))
    return 0


def cmd_cetak(args: argparse.Namespace, services: Services) -> int:
    key = args.id.strip()
    agenda = services.agenda
    match = [r for r in agenda.daftar() if r.id == key or (r.nomor and r.nomor == key)]
    if not match:
        raise UserError(f"Surat '{key}' tidak ada di agenda (sebutkan id atau nomor dari 'ppid agenda list').")
    surat = match[0]
    _tulis(args.output, agenda.cetak(surat.id))
    keadaan = f"nomor {surat.nomor}, beku (SHA-256 {surat.pdf_sha256[:12]}…)" if surat.pdf_sha256 else "konsep tanpa nomor"
    print(f"Surat ditulis ke {args.output} ({keadaan}).")
    return 0


def _tulis(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        raise UserError(f"Berkas {path} tidak dapat ditulis: {exc.strerror or exc}. "
                        "Periksa foldernya, atau tutup berkas itu bila sedang dibuka program lain.") from None
