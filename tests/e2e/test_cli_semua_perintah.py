"""Walk every ``ppid`` command (from the parser itself) with bad arguments: always an Indonesian
message and exit 2, never a traceback."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from ppid_desktop import cli


def _leaves(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    out = []
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        return [(prefix, parser)]
    for name, child in subs[0].choices.items():
        out += _leaves(child, (*prefix, name))
    return out


LEAVES = _leaves(cli.build_parser())


def _bad_variants(parser: argparse.ArgumentParser, tmp: Path) -> list[list[str]]:
    positionals = [a for a in parser._actions if not a.option_strings and not isinstance(a, argparse._SubParsersAction)]
    weird = ["/tidak/ada/berkas.xlsx", "30/02/2026", "-5", "\x0b", "０８"]
    variants: list[list[str]] = [["--opsi-tidak-ada"]]
    if positionals:
        variants.append([])  # missing arguments
        for w in weird:
            variants.append([w] * len(positionals))
    return variants


@pytest.mark.parametrize("path, parser", LEAVES, ids=[" ".join(p) for p, _ in LEAVES])
def test_every_command_with_bad_arguments_says_so_in_indonesian(path: tuple[str, ...],
                                                                parser: argparse.ArgumentParser,
                                                                tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # commands given odd file names write them here, not into the checkout
    db = tmp_path / "ppid.sqlite"
    assert cli.main(["--db", str(db), "init"]) == 0
    capsys.readouterr()
    for args in _bad_variants(parser, tmp_path):
        argv = ["--db", str(db), *path, *args]
        try:
            rc = cli.main(argv)
        except SystemExit as exc:  # argparse's own usage errors
            rc = exc.code
        out = capsys.readouterr()
        assert "Traceback" not in out.err + out.out, argv
        if rc != 0:
            assert rc in (1, 2), (argv, rc, out.err)
            assert ("galat" in out.err.lower()) or rc == 1, (argv, out.err)


def test_db_in_a_missing_folder_is_refused_except_for_init(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    typo = tmp_path / "tidak-ada" / "x.sqlite"
    assert cli.main(["--db", str(typo), "check"]) == 2
    assert "tidak ada" in capsys.readouterr().err and not typo.parent.exists()
    assert cli.main(["--db", str(typo), "init"]) == 0
    assert typo.exists()


def test_negative_working_days_is_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc = cli.main(["--db", str(tmp_path / "a.sqlite"), "init"])
    assert rc == 0
    capsys.readouterr()
    rc = cli.main(["--db", str(tmp_path / "a.sqlite"), "kalender", "tenggat", "2026-03-16", "-5"])
    err = capsys.readouterr().err
    assert rc == 2 and "Traceback" not in err and "Galat" in err
