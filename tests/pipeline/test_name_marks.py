"""Names never receive a mark the page does not show: a person's name and a unit's are kept
as read by dictionary restoration, on OCR'd rows and on text layers; a mark a damaged layer
lost inside a name comes from OCR of the page or stays lost, and the page says so."""

from __future__ import annotations

from thaieval.pipeline.normalise.page_text import normalise_pages, restore_outside_names
from thaieval.pipeline.pages.records import page_flags
from thaieval.pipeline.pages.text_layer.classify import PageClass, classify_words
from thaieval.pipeline.pages.text_layer.glyph_map import GlyphMap
from thaieval.pipeline.pages.text_layer.mark_fill import OcrMarks, fill_from_ocr
from thaieval.pipeline.pages.text_layer.raw_words import raw_words
from thaieval.pipeline.pages.text_layer.read import _record_marks
from thaieval.schemas.page import Box, Cell, Page, Row, Word


def _char(text: str, x: float, top: float = 0.0, width: float = 5.0) -> dict[str, object]:
    return {
        "text": text,
        "x0": x,
        "x1": x + width,
        "top": top,
        "bottom": top + 12.0,
        "size": 12.0,
        "width": width,
        "fontname": "F",
    }


def _layer(lines: list[list[str]]) -> list[dict[str, object]]:
    """Characters of each line's words; ∅ is a mark glyph drawn without text."""
    chars = []
    for number, words in enumerate(lines):
        x, top = 0.0, 20.0 * number
        for word in words:
            for ch in word:
                mark = ch == "∅" or ch in "\u0e31\u0e34-\u0e37\u0e47-\u0e4e"
                chars.append(_char("" if ch == "∅" else ch, x, top, 0.0 if mark else 5.0))
                x += 0.0 if mark else 5.0
            chars.append(_char(" ", x, top, 3.0))
            x += 3.0
    return chars


def test_ocr_rows_keep_names_as_read_and_restore_the_rest() -> None:
    assert restore_outside_names("(นายสมศักดิ์ เรืองศรี)") == "(นายสมศักดิ์ เรืองศรี)"
    assert restore_outside_names("ลดความเหลือมลํา (นายสมศักดิ์ เรืองศรี)") == (
        "ลดความเหลื่อมล้ำ (นายสมศักดิ์ เรืองศรี)"
    )
    # A name takes a mark from the name lists alone, where they allow one reading.
    assert restore_outside_names("(นายกิตติศักดิ มันคง)") == "(นายกิตติศักดิ์ มั่นคง)"
    # … listed as read (สมแสง, and ส้มแสง too), or two listed readings (จักร, จักรี): kept.
    assert restore_outside_names("(นายจกร สมแสง)") == "(นายจกร สมแสง)"
    rows = [
        Row(page=9, cells=[Cell(text=t)])
        for t in ("(นายสมศักดิ์ เรืองศรี)", "ตำแหน่ง ผู้อำนวยการส่วนทังสิน", "นางสาวผู้สดี แยมอยู่)")
    ]
    page = Page(number=9, method="ocr", rows=rows)
    texts = [r.text for r in normalise_pages([page])[0].rows]
    assert texts == [
        "(นายสมศักดิ์ เรืองศรี)",
        "ตำแหน่ง ผู้อำนวยการส่วนทั้งสิ้น",
        "นางสาวผู้สดี แยมอยู่)",
    ]


def test_a_poorly_reading_layer_restores_words_but_not_names() -> None:
    # Marks lost without a trace (no glyph drawn): the page reads poorly and is restored.
    lines = [
        ["การดําเนินภารกิจพืนฐาน", "ความเชือมโยง", "ทังสิน"],
        ["ลงชื่อ"],
        ["(นายสมศักดิ์", "เรืองศรี)"],
        ["ชื่อหน่วยงานผู้รับการประเมิน", ":", "สำนักเรืองศรี"],
    ]
    verdict = classify_words(raw_words(_layer(lines)), GlyphMap(), 0.0)
    texts = [w.text for w in verdict.words]
    assert texts[:3] == ["การดำเนินภารกิจพื้นฐาน", "ความเชื่อมโยง", "ทั้งสิ้น"]
    assert texts[4:6] == ["(นายสมศักดิ์", "เรืองศรี)"] and texts[-1] == "สำนักเรืองศรี"
    assert [w.is_name for w in verdict.words] == [False] * 4 + [True, True, False, False, True]


def test_a_mark_glyph_lost_in_a_name_is_left_for_ocr() -> None:
    # เรืองศรี with its ื drawn but unmapped on a signatory line; วงศ์ใหญ่ with its ์ so
    # drawn in a sentence, where one mark alone makes dictionary words.
    layer = _layer([["(นายสมศักดิ์", "เร∅องศรี)"], ["วงศ∅ใหญ่"]])
    verdict = classify_words(raw_words(layer), GlyphMap(), 0.0)
    assert [(w.text, w.lost_marks, w.is_name) for w in verdict.words] == [
        ("(นายสมศักดิ์", [], True),
        ("เรองศรี)", [1], True),
        ("วงศ์ใหญ่", [], False),
    ]
    assert (verdict.marks_lost, verdict.marks_from_dictionary, verdict.marks_unresolved) == (
        2,
        1,
        1,
    )


def test_ocr_fills_a_name_only_with_the_mark_it_shows() -> None:
    box = Box(x0=0, top=0, x1=40, bottom=12)
    name = Word(text="เรองศรี", box=box, lost_marks=[1], is_name=True)
    word = Word(text="เรองศรี", box=box, lost_marks=[1])
    # OCR shows nothing there: the word takes the far more common reading, the name none.
    assert fill_from_ocr([name, word], [[""], [""]]) == (1, 1)
    assert (name.text, name.lost_marks, word.text) == ("เรองศรี", [1], "เรืองศรี")
    name = Word(text="เรองศรี", box=box, lost_marks=[1], is_name=True)
    assert fill_from_ocr([name], [["เรืองศรี"]]) == (1, 0)
    assert (name.text, name.lost_marks) == ("เรืองศรี", [])


def test_a_name_left_with_a_lost_mark_is_flagged() -> None:
    box = Box(x0=0, top=0, x1=40, bottom=12)
    words = [Word(text="เรองศรี)", box=box, lost_marks=[1], is_name=True)]
    verdict = PageClass(
        kind="text", reason="", chars=8, thai_chars=7, image_coverage=0.0, unknown_glyphs=0,
        unresolved_glyphs=0, fffd_before=0, fffd_after=0, doubled_marks_before=0,
        doubled_marks_after=0, ratio_before=1.0, ratio_after=1.0, words_restored=0,
        marks_lost=1, marks_unresolved=1, words=words,
    )  # fmt: skip
    page = Page(number=9, method="text")
    _record_marks(page, verdict, None)  # no OCR to read it from
    assert [i.category for i in page.issues] == ["name_marks_unread", "lost_marks"]
    (flag,) = page_flags([page], "d")
    assert (flag.check, flag.severity, flag.page) == ("name_marks_unread", "warning", 9)
    assert "เรองศรี)" in flag.message


def test_a_name_shares_no_ocr_reading_with_the_same_letters_outside_a_name() -> None:
    box = Box(x0=0, top=0, x1=40, bottom=12)
    marks = OcrMarks()
    word = Word(text="เรองศรี", box=box, lost_marks=[1])
    name = Word(text="เรองศรี", box=box, lost_marks=[1], is_name=True)
    read = [[Word(text="")] for _ in marks.to_read([word, name])]
    assert marks.fill([word, name], read) == (1, 1)
    assert (word.text, name.text, name.lost_marks) == ("เรืองศรี", "เรองศรี", [1])
