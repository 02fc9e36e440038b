"""Printed dates and numbers: every date style reads back with the pipeline's own parser."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from samples.scoring import criteria_points, innovation_weighted, points_weighted
from samples.thai_format import DATE_STYLES, format_number, format_thai_date
from thaieval.parsers.dates import parse_thai_date


@pytest.mark.parametrize("style", DATE_STYLES)
@pytest.mark.parametrize("iso", ["2024-10-07", "2024-05-05", "2023-12-31", "2025-01-15"])
def test_every_date_style_reads_back(style: str, iso: str) -> None:
    printed = format_thai_date(iso, style)  # type: ignore[arg-type]
    assert parse_thai_date(printed) == date.fromisoformat(iso), printed


def test_seed_dates_are_printed_as_in_the_seed() -> None:
    assert format_thai_date("2024-10-07", "full_thai_digits") == "๗ ตุลาคม ๒๕๖๗"
    assert format_thai_date("2024-10-17", "abbr") == "17 ต.ค. 2567"
    assert format_thai_date("2024-07-03", "numeric_space") == "3 7 2567"
    assert format_thai_date("2024-10-01", "abbr_short_thai") == "๑ ต.ค. ๖๗"


def test_seed_scores_follow_the_rules() -> None:
    p = criteria_points(Decimal("98.77"), [Decimal(t) for t in (92, 94, 96, 98, 100)])
    assert format_number(points_weighted(Decimal(10), p), 2) == "8.77"
    assert format_number(p * 20, 2) == "87.70"
    assert format_number(innovation_weighted(Decimal("95.143"), Decimal(10)), 3) == "9.514"
    falling = [Decimal(t) for t in (15, 13, 11, 9, 7)]
    assert criteria_points(Decimal(10), falling) == Decimal("3.5")
    assert criteria_points(Decimal(16), falling) == 0
    assert criteria_points(Decimal(7), falling) == 5
