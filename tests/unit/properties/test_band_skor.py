"""Score banding as properties (hypothesis): on any valid band table every score of 0..skala falls in
exactly one band (half-open ``[min, max)``, the top band closed), the band never goes down as the score
goes up, and a table with a gap or an overlap is refused with a message."""

from __future__ import annotations

import copy
import itertools
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ppid_desktop.monev import instrumen as I

TEMPLATE = I.muat_templat(I.daftar_templat()[0][0])
SKALA = float(TEMPLATE.get("skala", 100))


@st.composite
def cut_points(draw: st.DrawFn) -> list[float]:
    cuts = draw(st.lists(st.floats(0.5, SKALA - 0.5, allow_nan=False).map(lambda v: round(v, 2)),
                         min_size=1, max_size=6, unique=True))
    return sorted(cuts)


def _table(cuts: list[float]) -> list[dict[str, Any]]:
    edges = [0.0, *cuts, SKALA]
    return [{"nama": f"Kategori {i + 1}", "min": lo, "max": hi} for i, (lo, hi) in enumerate(itertools.pairwise(edges))]


def _defn(bands: list[dict[str, Any]]) -> I.Definisi:
    data = copy.deepcopy(TEMPLATE)
    data["band"] = bands
    return I.dari_dict(data)


def _holding(defn: I.Definisi, x: float) -> list[str]:
    """Every band that holds ``x`` by the documented rule (not by ``band_untuk``'s code)."""
    top = max(b.max for b in defn.band)
    return [b.nama for b in defn.band if b.min <= x < b.max or (b.max == top and x == top)]


SCORES = st.one_of(st.floats(0, SKALA, allow_nan=False), st.integers(0, int(SKALA)).map(float))


@settings(max_examples=60, deadline=None)
@given(cuts=cut_points(), xs=st.lists(SCORES, min_size=1, max_size=20))
def test_every_score_is_in_exactly_one_band(cuts: list[float], xs: list[float]) -> None:
    defn = _defn(_table(cuts))
    for x in [*xs, 0.0, SKALA, *cuts]:
        holding = _holding(defn, x)
        assert len(holding) == 1, (x, holding)
        band = I.band_untuk(defn, x)
        assert band is not None and band.nama == holding[0]


@settings(max_examples=60, deadline=None)
@given(cuts=cut_points(), a=SCORES, b=SCORES)
def test_the_band_never_goes_down_as_the_score_goes_up(cuts: list[float], a: float, b: float) -> None:
    defn = _defn(_table(cuts))
    lo, hi = sorted((a, b))
    band_lo, band_hi = I.band_untuk(defn, lo), I.band_untuk(defn, hi)
    assert band_lo is not None and band_hi is not None
    assert band_lo.min <= band_hi.min


@settings(max_examples=30, deadline=None)
@given(cuts=cut_points(), x=st.one_of(st.floats(-1e6, -0.01), st.floats(SKALA + 0.01, 1e6)))
def test_a_score_outside_the_scale_has_no_band(cuts: list[float], x: float) -> None:
    assert I.band_untuk(_defn(_table(cuts)), x) is None


@settings(max_examples=40, deadline=None)
@given(cuts=cut_points(), i=st.integers(0, 5), shift=st.sampled_from((-0.25, 0.25)))
def test_a_gap_or_an_overlap_is_refused(cuts: list[float], i: int, shift: float) -> None:
    table = _table(cuts)
    assume(i < len(table) - 1)
    table[i]["max"] = round(table[i]["max"] + shift, 2)  # below the next min: a gap; above it: an overlap
    assume(table[i]["max"] > table[i]["min"])
    data = copy.deepcopy(TEMPLATE)
    data["band"] = table
    problems = [p for p in I.periksa(data) if p.sheet == "Band"]
    assert problems
    assert any(("celah" if shift < 0 else "tumpang tindih") in p.message for p in problems)
