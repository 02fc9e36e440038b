"""Finding sections and item markers as OCR leaves them."""

from __future__ import annotations

import pytest

from thaieval.parsers.findings import is_none, is_section_row, read_findings
from thaieval.schemas.page import Cell, Row


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
        ("พ วดแข็ง", "strength"),  # and a letter of the label misread
        ("พ จุดแข็ง เวร", "strength"),  # specks after the heading read as a short word
        ("■ ข้อเสนอแนะเพื่อการพัฒนา a we", "recommendation"),
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


@pytest.mark.parametrize(
    ("text", "none"),
    [("-ไม่มี-", True), ('ไปมี"', True), ("“เมมี”", True), ("มีการจัดทำแผน", False), ("มีมาก", False)],
)
def test_none_as_ocr_reads_it(text: str, none: bool) -> None:
    assert is_none(text) is none


def test_list_debris_before_an_item_is_dropped() -> None:
    rows = [_row("พ จุดแข็ง"), _row("ie มีการจัดทำแผนปฏิบัติงาน"), _row(". มีการบูรณาการ")]
    assert [f.text for f in read_findings(rows)] == ["มีการจัดทำแผนปฏิบัติงาน", "มีการบูรณาการ"]


def test_a_heading_ocr_kept_only_a_piece_of_is_told_by_the_order_of_sections() -> None:
    rows = [
        _row("■ จุดอ่อน"),
        _row("1. งบประมาณไม่เพียงพอ"),
        _row("พ Qa = ข็ง"),  # ■ จุดแข็ง
        _row("1. มีการจัดทำแผนปฏิบัติงาน"),
        _row("5 นอแนะเพื่อการพัฒนา"),  # ■ ข้อเสนอแนะเพื่อการพัฒนา
        _row("1. ควรสำรวจความต้องการ"),
    ]
    found = [(f.section, f.text) for f in read_findings(rows)]
    assert found == [
        ("weakness", "งบประมาณไม่เพียงพอ"),
        ("strength", "มีการจัดทำแผนปฏิบัติงาน"),
        ("recommendation", "ควรสำรวจความต้องการ"),
    ]
    # A piece of a section that came before is text, not a heading: sections keep their order.
    assert is_section_row(_row("พ Qa = ข็ง"), ("recommendation", "evidence")) == ""
