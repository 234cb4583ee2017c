"""The room's share of ``ppid`` start-up: building the parser must not load the document kit."""

from __future__ import annotations

import subprocess
import sys


def test_cli_parser_does_not_load_reportlab() -> None:
    code = ("import sys; from ppid_desktop.cli import build_parser; build_parser(); "
            "print(sorted(m for m in ('reportlab', 'ppid_desktop.layanan.dokumen') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_cetak_choices_are_the_documents() -> None:
    from ppid_desktop.cli import build_parser
    from ppid_desktop.layanan import dokumen

    args = build_parser().parse_args(["cetak", "penolakan", "001", "-o", "x.pdf"])
    assert args.jenis == "penolakan"
    assert set(dokumen.JENIS) == {"tanda-bukti", "pemberitahuan", "perpanjangan", "penolakan", "penyerahan",
                                  "keberatan", "tanggapan-keberatan"}


def test_unwritable_output_is_a_user_error_naming_the_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from ppid_desktop.core.errors import UserError
    from ppid_desktop.layanan.berkas import tulis

    blocker = tmp_path / "bukan-folder"
    blocker.write_text("x")
    with pytest.raises(UserError, match="bukan-folder/laporan.xlsx tidak dapat ditulis"):
        tulis(blocker / "laporan.xlsx", b"data")
    assert tulis(tmp_path / "a" / "b.pdf", b"%PDF").read_bytes() == b"%PDF"
