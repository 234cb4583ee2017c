"""The room registry (``ppid_desktop.rooms``) is the one list every other registry follows."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from ppid_desktop.core.room import BASIC_NEEDS, resolve
from ppid_desktop.rooms import ROOMS
from ppid_desktop.services import Services


def test_room_names_are_unique_and_match_their_package() -> None:
    names = [r.name for r in ROOMS]
    assert len(names) == len(set(names))
    from ppid_desktop.rooms import SINKRON

    for r in ROOMS:
        if r is not SINKRON:  # sinkron reads the registry, so its entry lives in rooms.py
            assert importlib.import_module(f"ppid_desktop.{r.name}").ROOM is r


def test_every_string_reference_resolves() -> None:
    for r in ROOMS:
        for m in r.models + r.rekap_kinds:
            importlib.import_module(m)
        for spec in r.services:
            assert callable(resolve(spec.factory))
        for ref in (r.on_open, r.demo):
            if ref:
                assert callable(resolve(ref))
        if r.cli:
            assert callable(resolve(r.cli.module).register)
        if r.section and r.section.page:
            module, _, cls = r.section.page.partition(":")
            assert cls and importlib.util.find_spec(module) is not None


def test_services_are_built_in_order_from_what_came_before() -> None:
    built: set[str] = set()
    for r in ROOMS:
        for spec in r.services:
            for need in spec.needs:
                assert need in BASIC_NEEDS or need in built, f"{spec.attr} needs {need} before it is built"
            built.add(spec.attr)


def test_the_typed_face_declares_every_service_of_the_registry() -> None:
    hints = Services.__annotations__  # strings: the classes are imported under TYPE_CHECKING only
    declared = set(hints) - {"store", "device", "clock"}
    assert declared == {spec.attr for r in ROOMS for spec in r.services}
    for r in ROOMS:
        for spec in r.services:
            assert hints[spec.attr] == resolve(spec.factory).__name__, spec.attr


def test_services_get_the_injected_clock(services: Services) -> None:
    for r in ROOMS:
        for spec in r.services:
            svc = getattr(services, spec.attr)
            clock = getattr(svc, "clock", None)
            # layanan keeps its ``clock()`` callable (bound to the injected clock's ``today``)
            assert clock is services.clock or getattr(clock, "__self__", None) is services.clock, spec.attr


def test_cli_commands_named_in_the_registry_are_the_ones_registered() -> None:
    from ppid_desktop.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for r in ROOMS:
        if r.cli:
            for c in r.cli.commands:
                assert c.name in sub.choices, c.name  # type: ignore[operator]


def test_help_loads_no_room() -> None:
    code = ("import sys; from ppid_desktop.cli import build_parser; build_parser([]); "
            "print(sorted(m for m in sys.modules if m.startswith('ppid_desktop.') and "
            "m.rsplit('.', 1)[-1] in ('service', 'commands', 'models')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_ppid_help_lists_every_room_command() -> None:
    out = subprocess.run([sys.executable, "-m", "ppid_desktop.cli", "--help"], capture_output=True, text=True,
                         check=True).stdout
    for r in ROOMS:
        for c in r.cli.commands if r.cli else ():
            assert c.name in out


@pytest.mark.parametrize("argv", [["monev", "--help"], ["impor", "--help"], ["permohonan", "list", "--help"]])
def test_a_room_command_loads_its_room_only_when_named(argv: list[str]) -> None:
    out = subprocess.run([sys.executable, "-m", "ppid_desktop.cli", *argv], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Penggunaan: ppid " + argv[0])


# ------------------------------------------------------------------ pyproject follows the registry
def _pyproject() -> dict:  # type: ignore[type-arg]
    import tomllib
    from pathlib import Path

    return tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text())


def _contract(kind: str) -> dict:  # type: ignore[type-arg]
    return next(c for c in _pyproject()["tool"]["importlinter"]["contracts"] if c["type"] == kind)


ROOT_MODULES = {"ppid_desktop.cli", "ppid_desktop.services", "ppid_desktop.demo", "ppid_desktop.schema",
                "ppid_desktop.rooms"}


def test_qt_ban_covers_every_room_and_the_qt_free_root() -> None:
    from ppid_desktop.rooms import LAYERS

    sources = set(_contract("forbidden")["source_modules"])
    floors = {f"ppid_desktop.{name}" for layer in LAYERS for name in layer}  # rooms and lower floors (dokumen)
    assert sources == {f"ppid_desktop.{r.name}" for r in ROOMS} | floors | ROOT_MODULES


def test_layers_contract_ends_with_the_registry_layers() -> None:
    from ppid_desktop.rooms import LAYERS

    layers = _contract("layers")["layers"]
    tail = [" | ".join(f"ppid_desktop.{n}" for n in layer) for layer in LAYERS]
    assert layers[-len(tail):] == tail
    mentioned = {m.strip().removeprefix("ppid_desktop.") for line in layers for m in line.replace(":", "|").split("|")}
    assert {r.name for r in ROOMS} <= mentioned


def test_layanan_and_monev_are_independent() -> None:
    assert set(_contract("independence")["modules"]) == {"ppid_desktop.layanan", "ppid_desktop.monev"}


def test_mypy_is_strict_on_every_room() -> None:
    strict = next(o for o in _pyproject()["tool"]["mypy"]["overrides"] if o.get("strict"))["module"]
    assert {f"ppid_desktop.{r.name}.*" for r in ROOMS} | ROOT_MODULES <= set(strict)


def test_a_fixed_clock_reaches_every_service(tmp_path, template_db) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from ppid_desktop.core.clock import FixedClock
    from tests.conftest import TEST_DEVICE, copy_template

    clock = FixedClock(date(2026, 3, 16))
    svc = Services.open(copy_template(template_db, tmp_path / "a.sqlite"), device=TEST_DEVICE, clock=clock)
    try:
        assert svc.clock is clock
        assert svc.layanan.clock() == date(2026, 3, 16)
        for r in ROOMS:
            for spec in r.services:
                c = getattr(getattr(svc, spec.attr), "clock", None)
                assert c is clock or getattr(c, "__self__", None) is clock, spec.attr
    finally:
        svc.close()


def test_every_room_has_a_coverage_floor() -> None:
    import importlib.util
    from pathlib import Path

    from ppid_desktop.rooms import LAYERS

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("coverage_floors", root / "scripts" / "coverage_floors.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    floors = mod.read_floors()
    expected = {r.name for r in ROOMS} | {n for layer in LAYERS for n in layer} | {"ui", "akar"}
    assert set(floors) == expected
    assert all(0 < v <= 100 for v in floors.values())
    names = {r.name for r in ROOMS} | {"dokumen"}
    assert mod.room_of(str(root / "ppid_desktop" / "layanan" / "inti.py"), names) == "layanan"
    assert mod.room_of(str(root / "ppid_desktop" / "dokumen" / "kit.py"), names) == "dokumen"
    assert mod.room_of(str(root / "ppid_desktop" / "ui" / "tasks.py"), names) == "ui"
    assert mod.room_of(str(root / "ppid_desktop" / "cli.py"), names) == "akar"
