"""One truth value against one dataset cell: tolerance, integers, text, empty slots, CER."""

from __future__ import annotations

import pytest

from thaieval.pipeline.evaluate.compare import (
    char_errors,
    compare,
    normalise_text,
    parse_float,
    tolerance,
)


@pytest.mark.parametrize(
    ("truth", "cell", "expected"),
    [
        (9.514, "9.514", True),
        (9.514, "9.5145", True),  # half a unit of the third decimal: still the printed value
        (9.514, "9.5135", True),
        (9.514, "9.5146", False),
        (9.514, "9.515", False),
        (8.77, "8.770", True),  # a 2-decimal print and its 3-decimal spelling agree
        (8.77, "8.78", False),
        (30.0, "30", True),
        (30.0, "30.001", False),
        (98.2845, "98.2845", True),
        (98.2845, "98.2846", False),  # a truth printing 4 decimals gets half of the fourth
        (10.0, "10,000", False),  # an unconverted OCR comma is a wrong value, not a crash
        (10.0, "abc", False),
        (10.0, "", False),  # missing: a miss
        (None, "10", False),  # invented: wrong
        (None, "", None),  # neither: not scored
        (None, "  ", None),
    ],
)
def test_float_values(truth: float | None, cell: str, expected: bool | None) -> None:
    assert compare("float", truth, cell) is expected


@pytest.mark.parametrize(
    ("truth", "cell", "expected"),
    [(2567, "2567", True), (2567, "2567.0", True), (2567, "2566", False), (4, "4.385", False)],
)
def test_integer_values_must_be_equal(truth: int, cell: str, expected: bool) -> None:
    assert compare("int", truth, cell) is expected


@pytest.mark.parametrize(
    ("truth", "cell", "expected"),
    [
        ("end_of_year", "end_of_year", True),
        ("end_of_year", "mid_year", False),
        ("สำนักงานเขตบางรัก", " สำนักงานเขตบางรัก ", True),
        ("ระดับ  4 (98.77)", "ระดับ 4\n(98.77)", True),
        # sara am composed of nikhahit + sara aa is what OCR gives; NFC does not merge it
        ("สม่ำเสมอ", "สม่ําเสมอ", False),
        ("", "", None),
        ("", "สำนัก", False),
    ],
)
def test_text_values(truth: str, cell: str, expected: bool | None) -> None:
    assert compare("text", truth, cell) is expected


def test_tolerance_is_half_a_unit_of_the_third_decimal_at_least() -> None:
    assert tolerance(8.77) == pytest.approx(0.0005 + 1e-9, abs=1e-15)
    assert tolerance(100.0) == pytest.approx(0.0005 + 1e-9, abs=1e-15)
    assert tolerance(0.12345) == pytest.approx(0.000005 + 1e-9, abs=1e-15)


def test_parse_float() -> None:
    assert [parse_float(c) for c in ("98.77", " 7 ", "", "nan", "inf", "9,5")] == [
        98.77,
        7.0,
        None,
        None,
        None,
        None,
    ]


def test_char_errors_are_edit_distance_over_truth_length() -> None:
    assert char_errors("สำนักงานเขตลาดกระบัง", "สำนักงานเขตลาคกระบัว") == (2, 20)
    assert char_errors("ก ข", "ก  ข") == (0, 3)
    assert char_errors("กขค", "") == (3, 3)
    assert char_errors("", "กข") == (2, 0)


def test_normalise_text() -> None:
    assert normalise_text("  ก\tข\n\nค ") == "ก ข ค"
