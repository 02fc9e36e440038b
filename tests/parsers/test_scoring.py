"""The scoring rules of FORMS.md: examples worked by hand, and their invariants by Hypothesis."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thaieval.parsers.scoring import (
    criteria_points,
    innovation_weighted,
    level_from_points,
    level_weighted,
    points_weighted,
)


@pytest.mark.parametrize(
    ("value", "thresholds", "points"),
    [
        (98.77, [92, 94, 96, 98, 100], 4.385),  # the seed's 3.2
        (7, [3, 4, 5, 6, 7], 5.0),  # the seed's 3.1
        (92.5, [80, 85, 90, 95, 100], 3.5),
        (55, [60, 70, 80, 90, 100], 0.0),  # below t1
        (120, [60, 70, 80, 90, 100], 5.0),  # above t5
        (17, [30, 25, 20, 15, 10], 3.6),  # falling: days, fewer is better
        (1, [5, 4, 3, 2, 1], 5.0),  # falling, at t5
        (6, [5, 4, 3, 2, 1], 0.0),  # falling, worse than t1
        (4.5, [5, 4, 3, 2, 1], 1.5),
    ],
)
def test_criteria_points_by_hand(value: float, thresholds: list[float], points: float) -> None:
    assert criteria_points(value, thresholds) == pytest.approx(points, abs=1e-9)


def test_criteria_need_five_thresholds() -> None:
    with pytest.raises(ValueError, match="five thresholds"):
        criteria_points(1, [1, 2, 3])


def test_weighted_rules() -> None:
    assert points_weighted(10, 4.385) == pytest.approx(8.77)
    assert level_weighted(10, 5) == 10 and level_weighted(5, 4) == 4
    assert innovation_weighted(10, 95.143) == pytest.approx(9.5143)
    assert [level_from_points(p) for p in (0, 0.99, 3.48, 4.999999999999, 5, 7)] == [
        0, 0, 3, 5, 5, 5
    ]  # fmt: skip


_GAPS = st.lists(st.floats(0.5, 100, allow_nan=False), min_size=4, max_size=4)
_START = st.floats(-1000, 1000, allow_nan=False)
_VALUE = st.floats(-2000, 2000, allow_nan=False)


def _rising(start: float, gaps: list[float]) -> list[float]:
    out = [start]
    for gap in gaps:
        out.append(out[-1] + gap)
    return out


@settings(max_examples=300, deadline=None)
@given(_START, _GAPS, _VALUE, _VALUE)
def test_rising_criteria_are_monotone(start: float, gaps: list[float], a: float, b: float) -> None:
    t = _rising(start, gaps)
    low, high = sorted((a, b))
    assert 0 <= criteria_points(low, t) <= criteria_points(high, t) <= 5


@settings(max_examples=300, deadline=None)
@given(_START, _GAPS, _VALUE, _VALUE)
def test_falling_criteria_are_anti_monotone(
    start: float, gaps: list[float], a: float, b: float
) -> None:
    t = list(reversed(_rising(start, gaps)))  # t1 > t5: lower is better
    low, high = sorted((a, b))
    assert 5 >= criteria_points(low, t) >= criteria_points(high, t) >= 0


@settings(max_examples=200, deadline=None)
@given(_START, _GAPS, st.booleans())
def test_points_equal_k_at_t_k(start: float, gaps: list[float], falling: bool) -> None:
    t = _rising(start, gaps)
    if falling:
        t.reverse()
    assert [criteria_points(tk, t) for tk in t] == [1.0, 2.0, 3.0, 4.0, 5.0]
