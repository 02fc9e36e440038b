"""Wrapped lines joined; the signatory block's long office line hides no wrap."""

from __future__ import annotations

from thaieval.parsers.line_wrap import merge_wrapped_rows
from thaieval.schemas.page import Box, Cell, Row, Word


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


def _words_row(texts: list[str], top: float, tall: int | None = None) -> Row:
    """A line of OCR words 14 pt tall, one of them (``tall``) reaching 16 pt further down."""
    words, x = [], 54.0
    for i, text in enumerate(texts):
        bottom = top + 14 + (16 if i == tall else 0)
        words.append(Word(text=text, box=Box(x0=x, top=top, x1=x + 9 * len(text), bottom=bottom)))
        x += 9 * len(text) + 5
    box = Box(x0=54, top=top, x1=words[-1].box.x1, bottom=max(w.box.bottom for w in words))
    return Row(page=1, cells=[Cell(text=" ".join(texts), box=box, words=words)])


def test_a_word_box_reaching_into_the_next_line_does_not_hide_the_wrap() -> None:
    title = _words_row(
        ["ตัวชี้วัด", "3.1", ":", "ร้อยละความสำเร็จในการยกระดับการเปลี่ยนผ่าน", "ราชการที่"], 116, tall=3
    )
    rows = [
        title,
        _words_row(["ทันสมัย", "โปร่งใส", "คล่องตัว"], 132),
        _words_row(["เนื้อความบรรทัดยาวที่สุดของหน้านี้ไปจนถึงขอบขวาของข้อความพอดี"], 300),
    ]
    rows[2].cells[0].box = Box(x0=54, top=300, x1=title.box.x1 + 2, bottom=314)
    texts = [r.text for r in merge_wrapped_rows(rows)]
    assert texts[0].endswith("ราชการที่ทันสมัย โปร่งใส คล่องตัว")


def test_a_title_closed_by_its_base_tag_takes_no_wrap() -> None:
    # dusit at 200 dpi: the sub-component's code "1.3" read "13", and the lines' boxes overlap
    rows = [
        _words_row(
            ["องค์ประกอบที่", "1", ":", "การประเมินประสิทธิภาพผลการดำเนินงาน", "(Performance", "Base)"],
            100,
            tall=3,
        ),
        _words_row(["13", "ประสิทธิภาพของการดำเนินการกิจกรรม"], 116),
        _words_row(["เนื้อความบรรทัดยาวที่สุดของหน้านี้ไปจนถึงขอบขวาของข้อความพอดีเลยทีเดียว"], 300),
    ]
    assert [r.text for r in merge_wrapped_rows(rows)][:2] == [rows[0].text, rows[1].text]


def test_a_title_wrapped_before_its_last_words_of_the_unit_takes_them() -> None:
    # Kinnari, Chromium: the innovation title breaks before ``ของหน่วยงาน (Innovation Base)``;
    # ของหน่วยงาน opens the overall title's unit line too, but a base tag is no unit.
    rows = [
        _row(
            "องค์ประกอบที่ 2 : ประสิทธิภาพในการบริหารจัดการและพัฒนานวัตกรรมเพื่อเพิ่มประสิทธิภาพการปฏิบัติงาน",
            545,
            145,
        ),
        _row("ของหน่วยงาน (Innovation Base)", 220, 161),
        _row("ของหน่วยงาน สำนักการศึกษา", 260, 300),
    ]
    texts = [r.text for r in merge_wrapped_rows(rows)]
    assert texts[0].endswith("การปฏิบัติงานของหน่วยงาน (Innovation Base)")
    assert texts[1] == "ของหน่วยงาน สำนักการศึกษา"
