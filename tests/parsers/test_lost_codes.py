"""A lost overall-table code is told by the coded rows printed around it, never guessed past them."""

from __future__ import annotations

import pytest

from thaieval.parsers.lost_codes import gap_code, under_component
from thaieval.parsers.overall_summary import _fill_lost_codes
from thaieval.schemas.forms import ParsedIndicator


@pytest.mark.parametrize(
    ("before", "after", "codes", "code"),
    [
        ("1.1.2", "1.2.1", {"1.1.2", "1.2.1"}, "1.1.3"),
        ("3.1", "3.3", {"3.1", "3.3"}, "3.2"),
        ("", "1.1.2", {"1.1.2"}, "1.1.1"),
        ("3.1", "", {"3.1"}, "3.2"),
        ("1.1.2", "1.1.3", {"1.1.2", "1.1.3"}, ""),  # no gap between them
        ("", "1.1.1", {"1.1.1"}, ""),  # nothing before 1
        ("3.1", "", {"3.1", "3.2"}, ""),  # already read
    ],
)
def test_gap_code(before: str, after: str, codes: set[str], code: str) -> None:
    assert gap_code(before, after, codes) == code


def _row(code: str, printed: bool) -> ParsedIndicator:
    return ParsedIndicator(indicator_no=0, indicator_code=code, code_printed=printed)


def test_an_uncoded_row_takes_its_place_and_a_whole_component_keeps_its_number() -> None:
    rows = [_row("1.1.1", True), _row("1", False), _row("1.2.1", True), _row("2", False)]
    _fill_lost_codes(rows, {id(r): i for i, r in enumerate(rows)})
    assert [r.indicator_code for r in rows] == ["1.1.1", "1.1.2", "1.2.1", "2"]


@pytest.mark.parametrize(
    ("code", "component", "fixed"),
    [
        ("13.1", "1", "1.3.1"),  # the dot after the component's number lost
        ("11.2", "1", "1.1.2"),
        ("1.3.1", "1", "1.3.1"),  # already under it
        ("23.1", "1", "23.1"),  # not its number: left as read
        ("13.1", "", "13.1"),  # component unknown
    ],
)
def test_under_component(code: str, component: str, fixed: str) -> None:
    assert under_component(code, component) == fixed
