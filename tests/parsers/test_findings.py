"""Finding sections and item markers as OCR leaves them."""

from __future__ import annotations

import pytest

from parsers.findings import is_section_row, read_findings
from schemas.page import Cell, Row


def _row(text: str) -> Row:
    return Row(page=1, cells=[Cell(text=text)])


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("■ จุดอ่อน", "weakness"),
        ("พ จุดอ่อน", "weakness"),  # the ■ bullet read as a letter
        ("a จุดแข็ง", "strength"),
        ("๒ เหตุผลของคะแนน", "reason"),
        ("พ จุดแข็ง ู", "strength"),
        ("พ จุดอ่อนของระบบงานที่ต้องแก้ไข", ""),  # a sentence, not a heading
        ("ประชาชนบางกลุ่มยังเข้าไม่ถึง", ""),
    ],
)
def test_section_heading_after_an_ocr_bullet(text: str, key: str) -> None:
    assert is_section_row(_row(text)) == key


def test_indicator_markers_with_ocr_debris() -> None:
    rows = [
        _row("พ เหตุผลของคะแนน"),
        _row("ตัวชี่วัดที่ 5 1 : สำนักงานเขตดำเนินการได้ตามเป้าหมาย"),
        _row("ตว ชีวัดที dD. 2 : สำนักงานเขตดำเนินการได้ตามเป้าหมาย"),
    ]
    found = read_findings(rows)
    assert [f.text for f in found] == ["สำนักงานเขตดำเนินการได้ตามเป้าหมาย"] * 2
    assert [f.marker for f in found] == ["ตัวชี้วัดที่ 1", "ตัวชี้วัดที่ 2"]
