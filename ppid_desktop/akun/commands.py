"""``ppid audit list`` and ``ppid audit periksa``: the audit log headless (Admin only)."""

from __future__ import annotations

import argparse
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from ppid_desktop.core.cliutil import emit, subparser

if TYPE_CHECKING:
    from ppid_desktop.services import Services


def _waktu(value: str) -> datetime:
    """``2026-03-16``, ``16 Maret 2026`` or ``2026-03-16T09:30`` (office clock) -> aware datetime."""
    text = value.strip()
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        from ppid_desktop.core.tanggal import parse_tanggal

        try:
            dt = datetime.combine(parse_tanggal(text), time())
        except ValueError as exc:
            raise argparse.ArgumentTypeError(f"waktu tidak dikenal: {value!r} ({exc})") from None
    if dt.tzinfo is None:
        dt = dt.astimezone()
    return dt


def _sampai(value: str) -> datetime:
    dt = _waktu(value)
    if len(value.strip()) <= 10 or not any(c in value for c in "T:"):
        dt += timedelta(days=1)  # a bare date includes that whole day
    return dt


def register(sub: Any) -> None:
    p = subparser(sub, "audit", "jejak audit: siapa melakukan apa, kapan, dari perangkat dan akun OS mana")
    g = p.add_subparsers(dest="audit_cmd", metavar="PERINTAH", required=True)
    x = subparser(g, "list", "daftar catatan audit (terlama dulu)")
    x.add_argument("--dari", type=_waktu, metavar="WAKTU", help="sejak tanggal/waktu ini (mis. 2026-03-16 atau 2026-03-16T09:00)")
    x.add_argument("--sampai", type=_sampai, metavar="WAKTU", help="sampai tanggal/waktu ini (tanggal saja: sehari penuh)")
    x.add_argument("--json", action="store_true", help="keluaran JSON")
    x.set_defaults(func=cmd_list)
    x = subparser(g, "periksa", "periksa rantai sidik (hash) jejak audit; sebut mata rantai pertama yang putus")
    x.add_argument("--json", action="store_true", help="keluaran JSON")
    x.set_defaults(func=cmd_periksa)


def cmd_list(args: argparse.Namespace, services: Services) -> int:
    rows = services.akun.audit(services.system(), dari=args.dari, sampai=args.sampai)
    data = [{
        "id": r.id, "waktu": r.at.astimezone().isoformat(timespec="seconds") if r.at.tzinfo else r.at.isoformat(),
        "akun": r.username, "pengguna_os": r.os_user, "perangkat": r.device_id, "aksi": r.action,
        "entitas": r.entity, "id_entitas": r.entity_id, "ringkasan": r.summary, "perubahan": r.changes,
    } for r in rows]
    lines = [f"{d['waktu']}  {d['akun']} ({d['pengguna_os'] or '-'})  {d['aksi']} {d['entitas']}"
             f"{' ' + str(d['id_entitas']) if d['id_entitas'] else ''}  {d['ringkasan']}" for d in data]
    lines.append(f"{len(data)} catatan.")
    emit(args, data, "\n".join(lines))
    return 0


def cmd_periksa(args: argparse.Namespace, services: Services) -> int:
    hasil = services.akun.periksa_audit(services.system())
    data = {"baris": hasil.baris, "utuh": hasil.utuh,
            "putus": None if hasil.putus is None else {"id": hasil.putus.id, "waktu": hasil.putus.at,
                                                       "alasan": hasil.putus.alasan}}
    text = (f"Rantai audit utuh: {hasil.baris} catatan diperiksa." if hasil.utuh
            else f"RANTAI AUDIT PUTUS: {hasil.putus} ({hasil.baris} catatan diperiksa).")
    emit(args, data, text)
    return 0 if hasil.utuh else 1

