"""Shared set-up of the sync tests: one base database per test module (``dasar``, built by the app) and
three replicas copied from it for a test (``tim``); ``tim.Pos`` carries packages between them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.unit.sinkron.tim import Dasar, Replika, buat_dasar, salin


@pytest.fixture(scope="module")
def dasar(tmp_path_factory: pytest.TempPathFactory) -> Dasar:
    return buat_dasar(tmp_path_factory.mktemp("dasar"))


@pytest.fixture
def tim(dasar: Dasar, tmp_path: Path) -> Iterator[list[Replika]]:
    reps = [salin(dasar, tmp_path, n) for n in "abc"]
    yield reps
    for r in reps:
        r.svc.close()
