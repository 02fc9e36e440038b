"""Cell helpers: codes, list numbers, levels."""

from __future__ import annotations

import pytest

from parsers.cells import leading_code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("1.3.2 ระดับความสำเร็จ", "1.3.2"),
        ("1,3.2 ระดับความสำเร็จ", "1.3.2"),  # OCR comma for the point of a code
        ("3.2 ความสำเร็จ", "3.2"),
        ("3,2 ความสำเร็จ", ""),  # two parts with a comma may be a number: not a code
        ("98,770", ""),
    ],
)
def test_leading_code_ocr_comma(text: str, code: str) -> None:
    assert leading_code(text)[0] == code
