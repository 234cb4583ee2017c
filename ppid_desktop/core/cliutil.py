"""Shared pieces of the ``ppid`` command line (Qt-free, no room imports): Indonesian argparse, ``--json``
output and date arguments. ``cli.py`` and every room's ``commands`` module use these; no ``commands``
module imports ``cli`` (which loads them)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any, NoReturn


class IndonesianHelpFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix if prefix is not None else "Penggunaan: ")


ARGPARSE_ID = (
    ("the following arguments are required", "argumen berikut wajib diisi"),
    ("unrecognized arguments", "argumen tidak dikenal"),
    ("invalid choice", "pilihan tidak dikenal"),
    ("choose from", "pilih dari"),
    ("invalid int value", "bukan bilangan bulat"),
    ("expected one argument", "memerlukan satu nilai"),
    ("argument ", "argumen "),
)


class IndonesianArgumentParser(argparse.ArgumentParser):
    """argparse with its usage errors said in Indonesian."""

    def error(self, message: str) -> NoReturn:
        for en, id_ in ARGPARSE_ID:
            message = message.replace(en, id_)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: galat: {message}\n")


def parser_kwargs() -> dict[str, Any]:
    return {"formatter_class": IndonesianHelpFormatter, "add_help": False}


def add_help(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini lalu keluar")


def subparser(sub: Any, name: str, help_text: str, **kw: Any) -> argparse.ArgumentParser:
    """Create a sub-command parser with Indonesian help (rooms use this too)."""
    p: argparse.ArgumentParser = sub.add_parser(name, help=help_text, description=help_text, **parser_kwargs(), **kw)
    add_help(p)
    p._positionals.title = "argumen"
    p._optionals.title = "pilihan"
    return p


def emit(args: argparse.Namespace, data: Any, text: str) -> None:
    """Print ``data`` as JSON when ``--json`` was given, else ``text``."""
    if getattr(args, "json", False):
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        print(text)


def parse_date_arg(value: str) -> date:
    from ppid_desktop.core.tanggal import parse_tanggal

    try:
        return parse_tanggal(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
