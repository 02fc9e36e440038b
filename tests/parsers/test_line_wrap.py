"""Wrapped lines joined; the signatory block's long office line hides no wrap."""

from __future__ import annotations

from parsers.line_wrap import merge_wrapped_rows
from schemas.page import Box, Cell, Row, Word


def _row(text: str, x1: float, top: float) -> Row:
    box = Box(x0=54, top=top, x1=x1, bottom=top + 14)
    first = text.split(" ")[0]
    word_box = Box(x0=54, top=top, x1=54 + 8 * len(first), bottom=top + 14)
    return Row(page=1, cells=[Cell(text=text, box=box, words=[Word(text=first, box=word_box)])])


def test_office_line_past_the_margin_does_not_hide_a_wrap() -> None:
    rows = [
        _row("1.1 ประสิทธิภาพในการดำเนินงานภารกิจหลักตามยุทธศาสตร์กรุงเทพมหานคร", 483, 145),
        _row("(Function Base)", 153, 161),
        _row("เนื้อความบรรทัดยาวที่สุดของหน้านี้ไปจนถึงขอบขวาของข้อความพอดี", 545, 300),
        _row("เจ้าหน้าที่ผู้สรุปผลการตรวจติดตามประเมินผล :", 450, 600),
        _row("กองติดตามและประเมินผล สำนักยุทธศาสตร์และประเมินผล", 567, 680),
    ]
    texts = [r.text for r in merge_wrapped_rows(rows)]
    assert texts[0].endswith("กรุงเทพมหานคร (Function Base)")
    assert len(texts) == 4
