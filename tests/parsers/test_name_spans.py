"""Names a line prints (a signatory's, a unit's): the spans mark restoration leaves alone."""

from __future__ import annotations

from thaieval.parsers.name_spans import in_spans, name_spans, name_words


def _names(text: str) -> list[str]:
    return [text[a:b] for a, b in name_spans(text)]


def test_person_names_after_a_title() -> None:
    assert _names("(นายสมศักดิ์ เรืองศรี)") == ["นายสมศักดิ์ เรืองศรี"]
    assert _names("( นางสาวผู้สดี แยมอยู่ ) 2") == ["นางสาวผู้สดี แยมอยู่"]
    assert _names("(น.ส.กนกวรรณ ศรีสุข)") == ["น.ส.กนกวรรณ ศรีสุข"]
    assert _names("(ว่าที่ร้อยตรีสมชาย ใจดี)") == ["ว่าที่ร้อยตรีสมชาย ใจดี"]
    assert _names("ลงชื่อ.............นางสมหญิง รักดี") == ["นางสมหญิง รักดี"]
    # The opening bracket lost by OCR; a line holding only a listed name.
    assert _names("นายธนพล วงศ์ใหญ่)") == ["นายธนพล วงศ์ใหญ่"]
    assert _names("นายสมศักดิ์ เรืองศรี") == ["นายสมศักดิ์ เรืองศรี"]


def test_a_name_runs_to_its_bracket_and_no_further() -> None:
    text = "ลงชื่อ (นายสมศักดิ์ เรืองศรี) ผู้ประเมิน ตำแหน่ง ผู้อำนวยการ"
    assert _names(text) == ["นายสมศักดิ์ เรืองศรี"]


def test_sentences_opening_with_a_title_like_word_are_no_names() -> None:
    for text in (
        "นายกรัฐมนตรีกล่าวว่า การดำเนินงานเป็นไปด้วยดี",
        "นางเลิ้งเป็นชุมชนเก่า",
        "ตำแหน่ง ผู้อำนวยการสำนักงานการต่างประเทศ",
        "ผลการดำเนินงานตามนโยบายผู้บริหาร",
    ):
        assert name_spans(text) == [], text


def test_unit_names_after_the_unit_label() -> None:
    assert _names("ชื่อหน่วยงานผู้รับการประเมิน : สำนักการระบายนำ สำนักปลัดกรุงเทพมหานคร") == [
        "สำนักการระบายนำ สำนักปลัดกรุงเทพมหานคร"
    ]
    text = "ชื่อหน่วยงานผู้รับการประเมิน : สำนักงานเขตบางรัก"
    assert name_spans(text, units=False) == []
    # A findings line wrapped after ของ is no unit line.
    assert name_spans("ของหน่วยงานอื่น ที่เกี่ยวข้อง") == []
    # A damaged label still names the unit after it (fuzzy, as the header parser reads it).
    assert _names("ชื่อหนวยงานผู้รับการประเมิน : สำนักสิ่งแวดล้อม") == ["สำนักสิ่งแวดล้อม"]
    assert name_spans("หน่วยงานที่ร่วมดำเนินการ : สำนักการแพทย์") == []


def test_words_of_a_layer_line() -> None:
    words = [
        ("ชื่อหน่วยงานผู้รับการประเมิน", 100.0, 112.0),
        (":", 100.5, 112.0),
        ("สำนักการแพทย์", 100.0, 112.5),
        ("ลงชื่อ", 300.0, 312.0),
        ("(นางสาวกนกวรรณ", 330.0, 342.0),
        ("ศรีสุข)", 330.2, 342.0),
        ("ตำแหน่ง", 360.0, 372.0),
        ("นักวิเคราะห์", 360.0, 372.0),
    ]
    assert name_words(words) == {2, 4, 5}
    assert in_spans([(0, 3)], 2, 5) and not in_spans([(0, 3)], 3, 5)
