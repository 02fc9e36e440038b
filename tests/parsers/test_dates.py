from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thaieval.parsers.dates import (
    DATE_STYLES,
    MONTHS_ABBR,
    MONTHS_FULL,
    be_to_ce,
    fiscal_year_bounds,
    format_thai_date,
    parse_thai_date,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("วัน/เดือน/ปี..... 5 พฤษภาคม 2567", date(2024, 5, 5)),
        ("วัน/เดือน/ปี.. 17 ต.ค. 2567", date(2024, 10, 17)),
        ("วัน/เดือน/ปี 3 7 2567", date(2024, 7, 3)),
        ("วัน/เดือน/ปี ๗ ตุลาคม ๒๕๖๗", date(2024, 10, 7)),
        ("วัน/เดือน/ปี.....  ๗   ตุลาคม   ๒๕๖๗ ", date(2024, 10, 7)),
        ("วัน/เดือน/ปี..... ๑ ตุลาคม ๒๕๖๗", date(2024, 10, 1)),
        ("๑ ต.ค. ๖๗", date(2024, 10, 1)),
        ("17 ต.ค 2567", date(2024, 10, 17)),
        ("17 ตค. 2567", date(2024, 10, 17)),
        ("17 ตค 2567", date(2024, 10, 17)),
        ("17 ต. ค. 2567", date(2024, 10, 17)),
        ("3/7/2567", date(2024, 7, 3)),
        ("3.7.2567", date(2024, 7, 3)),
        ("3-7-2567", date(2024, 7, 3)),
        ("03 / 07 / 2567", date(2024, 7, 3)),
        ("3/7/67", date(2024, 7, 3)),
        ("1 มีนาคม 2024", date(2024, 3, 1)),
        ("1/3/1999", date(1999, 3, 1)),
        ("ณ 30 กันยายน 2567", date(2024, 9, 30)),
        ("1 กุมภาพันธ 2567", date(2024, 2, 1)),
        ("29 ก.พ. 2567", date(2024, 2, 29)),
        ("วัน/เดือน/ปี..... ๓๐ กุย. ๖๗", date(2024, 9, 30)),  # Loma scan: ก.ย.'s point read ุ
        ("17 ตุค. 2567", date(2024, 10, 17)),
    ],
)
def test_parse_thai_date(text: str, expected: date) -> None:
    assert parse_thai_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "วัน/เดือน/ปี.....",
        "31 กุมภาพันธ์ 2567",
        "29 ก.พ. 2566",  # 2023 is not a leap year
        "31/4/2567",
        "5 13 2567",
        "ระดับ 5 10 20",  # scores, not a date: spaced dates need a four-digit year
        "3/7-2567",  # mixed separators
        "5 มกราคมม 2567",  # a month name must stand alone
        "5 xมกราคม 2567",
        "5 พ.ศ. 2567",
        "1 มกราคม 1500",  # neither BE nor CE range
        "พฤษภาคม 2567",
        "5 กุยย 2567",  # the letters must still be the abbreviation's own
    ],
)
def test_parse_thai_date_rejects(text: str) -> None:
    assert parse_thai_date(text) is None


def test_first_valid_date_wins() -> None:
    assert parse_thai_date("31/2/2567 แก้เป็น 1 มี.ค. 2567 และ 2 เม.ย. 2567") == date(2024, 3, 1)


def test_numeric_months_are_not_read_as_month_names() -> None:
    # pythainlp's thai_strptime("15 11 2565", "%d %B %Y") returns January: ours reads month 11.
    assert parse_thai_date("15 11 2565") == date(2022, 11, 15)


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_in_every_spelling(month: int) -> None:
    expected = date(2024, month, 9)
    full, abbr = MONTHS_FULL[month - 1], MONTHS_ABBR[month - 1]
    assert parse_thai_date(f"9 {full} 2567") == expected
    assert parse_thai_date(f"๙ {full} ๒๕๖๗") == expected
    assert parse_thai_date(f"9 {abbr} 2567") == expected
    assert parse_thai_date(f"9 {abbr.rstrip('.')} 2567") == expected
    assert parse_thai_date(f"9 {abbr.replace('.', '')} 2567") == expected
    assert parse_thai_date(f"9 {abbr.replace('.', '')}. 67") == expected
    assert parse_thai_date(f"9 {month} 2567") == expected
    assert parse_thai_date(f"๙/{month}/๒๕๖๗") == expected


def test_format_every_style() -> None:
    d = date(2024, 10, 7)
    assert [format_thai_date(d, style) for style in DATE_STYLES] == [
        "7 ตุลาคม 2567",
        "๗ ตุลาคม ๒๕๖๗",
        "7 ต.ค. 2567",
        "๗ ต.ค. ๒๕๖๗",
        "7 10 2567",
        "7/10/2567",
        "7.10.2567",
        "๗ ต.ค. ๖๗",
    ]


def test_format_unknown_style_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown date style"):
        format_thai_date(date(2024, 1, 1), "iso")


def test_fiscal_year_and_era() -> None:
    assert fiscal_year_bounds(2567) == (date(2023, 10, 1), date(2024, 9, 30))
    assert be_to_ce(2567) == 2024


@given(
    st.dates(min_value=date(1857, 1, 1), max_value=date(2157, 12, 31)), st.sampled_from(DATE_STYLES)
)
def test_any_date_in_any_style_parses_back(d: date, style: str) -> None:
    if style == "two_digit_year" and not 2500 <= d.year + 543 <= 2599:
        d = d.replace(year=2024, day=min(d.day, 28))
    printed = format_thai_date(d, style)
    assert parse_thai_date(printed) == d
    assert parse_thai_date(f"วัน/เดือน/ปี..... {printed}") == d
