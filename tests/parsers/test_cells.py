"""Cell helpers: codes, list numbers, levels."""

from __future__ import annotations

import pytest

from thaieval.parsers.cells import leading_code, level_of


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


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("ระดับ 4 (98.77)", 4),
        ("ะดับ 4", 4),  # first letter lost against the cell's rule
        ("ระดัย5", 5),  # บ read as ย
        ("ได้ระดับ 5", 5),
        ("ลำดับ 4", None),  # a word that only ends in ดับ
        ("ระดับ 4.5", None),
    ],
)
def test_level_of_ocr_damage(text: str, level: int | None) -> None:
    assert level_of(text) == level
