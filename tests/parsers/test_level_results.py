"""A bare digit in a level-based indicator's result cell is its level; nothing else is."""

from __future__ import annotations

import pytest

from thaieval.parsers.level_results import bare_level
from thaieval.schemas.forms import ParsedIndicator


def _ind(name: str, result: str, criteria: list[float] | None = None) -> ParsedIndicator:
    return ParsedIndicator(
        indicator_no=1,
        indicator_name=name,
        result_text=result,
        result_value=float(result.strip("()")) if result.strip("()").isdigit() else None,
        criteria=criteria or [],
    )


@pytest.mark.parametrize("result", ["5", "๕", "(4)"])
def test_a_bare_digit_of_a_level_based_indicator_is_its_level(result: str) -> None:
    ind = _ind("ระดับความสำเร็จในการขับเคลื่อนนโยบาย", result)
    assert bare_level(ind)
    assert ind.level in (4, 5) and ind.result_value is None


@pytest.mark.parametrize(
    ("name", "result", "criteria"),
    [
        ("ร้อยละของการจัดเก็บภาษี", "5", None),  # not level-based: a result value
        ("ระดับความสำเร็จในการขับเคลื่อนนโยบาย", "5", [3, 4, 5, 6, 7]),  # scored by criteria
        ("ระดับความสำเร็จในการขับเคลื่อนนโยบาย", "7", None),  # no level 7
        ("ระดับความสำเร็จในการขับเคลื่อนนโยบาย", "4.5", None),
    ],
)
def test_other_results_stay_values(name: str, result: str, criteria: list[float] | None) -> None:
    ind = _ind(name, result, criteria)
    assert not bare_level(ind)
    assert ind.level is None
