"""The scoring rules of FORMS.md, as plain arithmetic.

>>> round(criteria_points(98.77, [92, 94, 96, 98, 100]), 3)
4.385
>>> criteria_points(7, [3, 4, 5, 6, 7])
5.0
>>> criteria_points(1.5, [5, 4, 3, 2, 1])  # falling: lower is better
4.5
"""

from __future__ import annotations

import math

__all__ = [
    "criteria_points",
    "innovation_weighted",
    "level_from_points",
    "level_weighted",
    "points_weighted",
]

# Points within this of a whole level reach it (4.9999999999 from float sums is level 5): a
# rounding guard, not a judgment. Set by hand in the skeleton (f62841c), no sweep recorded.
LEVEL_EPSILON = 1e-9


def criteria_points(value: float, thresholds: list[float]) -> float:
    """Points 0–5 for ``value`` against thresholds t1…t5 (rising or falling)."""
    if len(thresholds) != 5:
        raise ValueError("five thresholds are needed")
    t = list(thresholds)
    v = value
    if t[0] > t[-1]:  # a falling criterion is a rising one on the negated scale
        t = [-x for x in t]
        v = -v
    if v >= t[4]:
        return 5.0
    if v < t[0]:
        return 0.0
    for k in range(4):
        if t[k] <= v < t[k + 1]:
            span = t[k + 1] - t[k]
            return (k + 1) + ((v - t[k]) / span if span else 0.0)
    return 0.0  # thresholds out of order: no defined points


def level_from_points(points: float) -> int:
    """The whole level a number of points reaches: 4.385 → 4 (never above 5, never below 0)."""
    return max(0, min(5, math.floor(points + LEVEL_EPSILON)))


def points_weighted(weight: float, points: float) -> float:
    """Weighted score from points: w × p / 5."""
    return weight * points / 5.0


def level_weighted(weight: float, level: int) -> float:
    """Level-based weighted score: w × L / 5 (level 5 of weight 10 is 10)."""
    return weight * level / 5.0


def innovation_weighted(weight: float, score_out_of_100: float) -> float:
    """Innovation: score × w / 100 (95.143 of weight 10 → 9.5143)."""
    return score_out_of_100 * weight / 100.0
