"""End to end through the installed commands: ``ppid`` and ``ppid-desktop`` in real subprocesses.

One demo database is built once for the module (init -> demo -> check), then the calendar command and
the desktop smoke test run against it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ppid_desktop.core.db import head_revision
from ppid_desktop.ui.sections import SECTIONS

BIN = Path(sys.executable).parent


def _command(name: str, module: str) -> list[str]:
    """The console script when installed (what users run), else ``python -m``."""
    script = BIN / name
    return [str(script)] if script.exists() else [sys.executable, "-m", module]


PPID = _command("ppid", "ppid_desktop.cli")
PPID_DESKTOP = _command("ppid-desktop", "ppid_desktop")


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str

    def ok(self) -> Run:
        assert self.returncode == 0, f"exit {self.returncode}\n--- stdout\n{self.stdout}\n--- stderr\n{self.stderr}"
        return self


@dataclass
class Env:
    root: Path
    db: Path
    env: dict[str, str]

    def run(self, cmd: list[str], *args: str, timeout: float = 300) -> Run:
        p = subprocess.run([*cmd, *args], cwd=self.root, env=self.env, capture_output=True, text=True,
                           timeout=timeout, stdin=subprocess.DEVNULL)
        return Run(p.returncode, p.stdout, p.stderr)

    def ppid(self, *args: str) -> Run:
        return self.run(PPID, "--db", str(self.db), *args)


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Env]:
    root = tmp_path_factory.mktemp("cli")
    env = dict(os.environ, PPID_DATA_DIR=str(root / "data"), QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8",
               PPID_PENGGUNA="admin", PPID_KATA_SANDI="rahasia123")  # the CLI signs in; init makes this Admin
    yield Env(root=root, db=root / "demo.sqlite", env=env)


@pytest.fixture(scope="module")
def demo_db(cli: Env) -> Env:
    """init, then demo data; shared by the tests below."""
    init = cli.ppid("init").ok()
    assert f"Database: {cli.db}" in init.stdout
    assert f"Revisi skema: {head_revision()}" in init.stdout
    assert cli.db.is_file()
    demo = cli.ppid("demo", "--permohonan", "50", "--opd", "10", "--json").ok()
    counts = json.loads(demo.stdout)
    assert counts["master"]["opd"] == 10
    assert counts["master"]["pengguna"] == 5  # init made the first Admin ("admin"); demo keeps it
    if "layanan" in counts:
        assert 50 in counts["layanan"].values(), counts["layanan"]
    return cli


def test_init_is_idempotent_and_reports_revision(demo_db: Env) -> None:
    again = demo_db.ppid("init", "--json").ok()
    data = json.loads(again.stdout)
    assert data == {"database": str(demo_db.db), "revisi": head_revision(), "terenkripsi": True}  # init encrypts


def test_check_reports_a_sound_database(demo_db: Env) -> None:
    out = demo_db.ppid("check").ok().stdout
    assert "Keutuhan: baik" in out
    assert f"Revisi skema: {head_revision()}" in out
    data = json.loads(demo_db.ppid("check", "--json").ok().stdout)
    assert data == {"database": str(demo_db.db), "revisi": head_revision(), "terenkripsi": True, "masalah": []}


def test_check_fails_on_a_file_that_is_not_a_database(cli: Env) -> None:
    bad = cli.root / "bukan.sqlite"
    bad.write_bytes(b"ini bukan database SQLite" * 100)
    r = cli.run(PPID, "--db", str(bad), "check")
    assert r.returncode != 0
    assert "Traceback" not in r.stderr, r.stderr


def test_kalender_tenggat_json_under_default_policy(demo_db: Env) -> None:
    data = json.loads(demo_db.ppid("kalender", "tenggat", "2026-03-16", "10", "--json").ok().stdout)
    assert data["mulai"] == "2026-03-16"
    assert data["hari_kerja"] == 10
    assert data["tenggat"] == "2026-04-07"  # the documented key (README), exactly
    assert data["cuti_bersama_hari_kerja"] is False
    assert set(data) == {"mulai", "hari_kerja", "tenggat", "hari_dilewati", "versi_kalender",
                         "cuti_bersama_hari_kerja"}
    assert all(set(d) == {"tanggal", "alasan"} for d in data["hari_dilewati"])
    skipped = {d["tanggal"]: d["alasan"] for d in data["hari_dilewati"]}
    assert "Nyepi" in skipped["2026-03-19"]
    assert "cuti bersama" in skipped["2026-03-18"].lower()
    assert "Sabtu" in skipped["2026-03-28"]
    assert "2026-03-17" not in skipped  # an ordinary Tuesday counts


def test_permohonan_list_json_has_every_documented_key(demo_db: Env) -> None:
    rows = json.loads(demo_db.ppid("permohonan", "list", "--json").ok().stdout)
    assert len(rows) == 50
    documented = {"nomor", "tanggal_diterima", "tenggat", "tenggat_perpanjangan", "status", "keputusan", "opd"}
    for row in rows:
        assert documented <= set(row), documented - set(row)
    assert any(r["tenggat_perpanjangan"] for r in rows)  # the demo extends some requests


def test_monev_skor_json_has_every_documented_key(demo_db: Env) -> None:
    programs = json.loads(demo_db.ppid("monev", "program", "list", "--json").ok().stdout)
    scored = []
    for prog in programs:
        out = json.loads(demo_db.ppid("monev", "skor", prog["id"], "--json").ok().stdout)
        if prog["jenis"] == "spbe":  # SPBE: the units and the one instansi evaluation they feed
            assert set(out) == {"unit", "instansi"}
            assert {"indeks", "predikat", "domain"} <= set(out["instansi"])
            assert all({"nama", "indeks"} <= set(d) for d in out["instansi"]["domain"])
            out = out["unit"]
        else:  # every other instrument: the documented list of unit rows (kept: scripts index it)
            assert isinstance(out, list)
        scored += out
    assert scored
    for row in scored:
        assert {"opd", "aspek", "total", "kategori", "lengkap"} <= set(row)
        assert isinstance(row["lengkap"], bool)
        assert all({"nama", "skor"} <= set(a) for a in row["aspek"])
    assert any(row["aspek"] for row in scored)  # OPD not visited yet have none
    assert len({frozenset(r) for r in scored}) == 1  # a unit row has the same keys for SPBE and the others


def test_sop_list_json_keys(demo_db: Env) -> None:
    rows = json.loads(demo_db.ppid("sop", "list", "--json").ok().stdout)
    assert len(rows) == 5
    for row in rows:  # jumlah_langkah, and the prose spelling kept for older scripts
        assert {"kode", "nama", "asal", "jumlah_langkah", "jumlah langkah"} <= set(row)
        assert row["jumlah_langkah"] == row["jumlah langkah"] > 0


def test_kalender_tenggat_text_in_indonesian(demo_db: Env) -> None:
    out = demo_db.ppid("kalender", "tenggat", "16 Maret 2026", "10").ok().stdout
    assert "Selasa, 7 April 2026" in out
    assert "Hari yang dilewati:" in out


def test_help_is_indonesian(cli: Env) -> None:
    out = cli.run(PPID, "--help").ok().stdout
    assert out.startswith("Penggunaan: ppid")
    assert "perintah" in out


def test_desktop_smoke_test_on_the_demo_database(demo_db: Env) -> None:
    r = demo_db.run(PPID_DESKTOP, "--smoke-test", "--db", str(demo_db.db)).ok()
    assert f"Uji asap berhasil: {len(SECTIONS)} halaman dibuka ({demo_db.db})." in r.stdout
    for sec in SECTIONS:
        assert f"ok  {sec.title}" in r.stdout
    assert "GAGAL" not in r.stdout + r.stderr
