from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thaieval.parsers.digits import arabic_to_thai
from thaieval.parsers.numerals import Number, close, find_numbers, parse_number, tolerance


@pytest.mark.parametrize(
    ("text", "value", "decimals"),
    [
        ("10", 10.0, 0),
        ("98.284", 98.284, 3),
        (" 95.143 /", 95.143, 3),
        ("7*", 7.0, 0),
        ("100%", 100.0, 0),
        ("+5", 5.0, 0),
        ("-2.5", -2.5, 1),
        ("−2.5", -2.5, 1),
        ("98. 77", 98.77, 2),
        ("98 .77", 98.77, 2),
        ("๙๘.๗๗", 98.77, 2),
        ("1,234,567", 1234567.0, 0),
        ("1,234.5", 1234.5, 1),
        ("98,77", 98.77, 2),
        ("8,7", 8.7, 1),
        ("3,1416", 3.1416, 4),
        ("0,770", 0.77, 3),
        ("1234,567", 1234.567, 3),
        ("5.", 5.0, 0),
        (".5", 0.5, 1),
    ],
)
def test_parse_number_values(text: str, value: float, decimals: int) -> None:
    number = parse_number(text)
    assert number is not None
    assert number.value == pytest.approx(value)
    assert number.decimals == decimals


@pytest.mark.parametrize(
    "text", ["", " ", "-", "ระดับ 5", "1.1.1", "3 7", "98,77,0", "abc", "1,23,456"]
)
def test_parse_number_rejects_non_numbers(text: str) -> None:
    assert parse_number(text) is None


def test_single_comma_with_three_digits_is_thousands_without_a_bound() -> None:
    assert parse_number("98,770") == Number(98770.0, 0, "98,770", 0, 6)
    assert parse_number("10,000", max_value=10000) == Number(10000.0, 0, "10,000", 0, 6)


def test_single_comma_with_three_digits_is_decimal_when_thousands_exceed_the_bound() -> None:
    assert parse_number("98,770", max_value=100) == Number(98.77, 3, "98,770", 0, 6)
    assert parse_number("10,000", max_value=10) == Number(10.0, 3, "10,000", 0, 6)
    assert parse_number("๓๐,๐๐๐", max_value=100) == Number(30.0, 3, "๓๐,๐๐๐", 0, 6)


def test_text_and_span_are_the_number_as_printed_without_the_marks() -> None:
    assert parse_number("  95.143 / ") == Number(95.143, 3, "95.143", 2, 8)
    assert parse_number("- 3.5") == Number(-3.5, 1, "- 3.5", 0, 5)


def test_find_numbers_in_a_result_cell() -> None:
    found = find_numbers("ระดับ ๔ (98.77)")
    assert found == [Number(4.0, 0, "๔", 6, 7), Number(98.77, 2, "98.77", 9, 14)]


def test_find_numbers_skips_dotted_codes_whole() -> None:
    text = "1.1.1 ความสัมพันธ์ 5.4.0 ข้อ 3.1 รวม 6.170.17"
    assert [(n.value, n.text) for n in find_numbers(text)] == [(3.1, "3.1")]


def test_find_numbers_reads_grouped_thousands_and_ranges() -> None:
    values = [n.value for n in find_numbers("ร้อยละ 99.99-100 งบ 1,234,567.50 บาท ที่ 13/2566")]
    assert values == [99.99, 100.0, 1234567.5, 13.0, 2566.0]


def test_find_numbers_sign_only_at_token_start() -> None:
    assert [n.value for n in find_numbers("ค่า -5 และ 2-3")] == [-5.0, 2.0, 3.0]


def test_find_numbers_ignores_digits_glued_to_latin_codes() -> None:
    assert find_numbers("ระบบ MIS2") == []


def test_find_numbers_spans_point_into_the_original() -> None:
    text = "วันที่ ๗ ตุลาคม ๒๕๖๗"
    for number in find_numbers(text):
        assert text[number.start : number.end] == number.text
    assert [n.value for n in find_numbers(text)] == [7.0, 2567.0]


@pytest.mark.parametrize(
    ("decimals", "expected"), [(0, 0.005), (1, 0.05), (2, 0.005), (3, 0.0005), (4, 0.0005)]
)
def test_tolerance(decimals: int, expected: float) -> None:
    assert tolerance(decimals) == pytest.approx(expected)


def test_close_within_printed_precision() -> None:
    assert close(8.77, 8.7696, 2)
    assert not close(8.77, 8.764, 2)
    assert close(9.514, 9.5143, 3)
    assert not close(9.514, 9.5156, 3)
    assert close(10, 10.004, 0)
    assert not close(10, 10.01, 0)


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))
def test_thai_digit_numbers_round_trip(x: float) -> None:
    printed = f"{x:.3f}"
    number = parse_number(arabic_to_thai(printed))
    assert number is not None
    assert number.decimals == 3
    assert number.value == pytest.approx(float(printed), abs=1e-9)
    assert number.text == arabic_to_thai(printed)
