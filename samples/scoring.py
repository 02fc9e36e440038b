"""The scoring rules of FORMS.md, in exact decimals.

>>> criteria_points(Decimal("98.77"), [Decimal(t) for t in (92, 94, 96, 98, 100)])
Decimal('4.385')
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

__all__ = ["criteria_points", "innovation_weighted", "level_weighted", "points_weighted"]

FIVE = Decimal(5)


def level_weighted(weight: Decimal, level: int) -> Decimal:
    """w × L / 5.

    >>> level_weighted(Decimal(10), 4)
    Decimal('8')
    """
    return weight * level / FIVE


def criteria_points(value: Decimal, thresholds: Sequence[Decimal]) -> Decimal:
    """Points 0–5 from five thresholds; falling criteria (t1 > t5) are handled alike.

    >>> criteria_points(Decimal(10), [Decimal(t) for t in (15, 13, 11, 9, 7)])
    Decimal('3.5')
    """
    t = list(thresholds)
    rising = t[0] <= t[-1]

    def reached(v: Decimal, target: Decimal) -> bool:
        return v >= target if rising else v <= target

    if reached(value, t[4]):
        return FIVE
    if not reached(value, t[0]):
        return Decimal(0)
    for k in range(4):
        if reached(value, t[k]) and not reached(value, t[k + 1]):
            return (k + 1) + (value - t[k]) / (t[k + 1] - t[k])
    raise AssertionError("unreachable: thresholds are monotonic")


def points_weighted(weight: Decimal, points: Decimal) -> Decimal:
    """w × p / 5.

    >>> points_weighted(Decimal(10), Decimal("4.385"))
    Decimal('8.770')
    """
    return weight * points / FIVE


def innovation_weighted(score: Decimal, weight: Decimal) -> Decimal:
    """score × w / 100.

    >>> innovation_weighted(Decimal("95.143"), Decimal(10))
    Decimal('9.5143')
    """
    return score * weight / Decimal(100)
