"""Lost marks: found from the glyphs a layer drew without text, filled only where decided."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.parsers.test_thai_repair import clean_thai
from thaieval.parsers.lost_marks import (
    add_mark,
    fill_lost_marks,
    lost_mark_positions,
    ocr_mark_hints,
    skeleton,
)

TONES = "\u0e48\u0e49\u0e4a\u0e4b\u0e4c"


def test_clean_shaped_cluster_explains_its_silent_glyphs() -> None:
    # fpdf2 puts the text of ้ำ on the sara aa glyph: nikhahit and tone glyphs are empty.
    assert lost_mark_positions(["น", "", "", "้ำ", "ท", "่", "ว", "ม"]) == []
    assert lost_mark_positions(["ป่", "", "า"]) == []  # a cluster text on its base glyph


def test_unmapped_tone_glyphs_are_lost_marks() -> None:
    # The same word with the tones' mappings emptied and sara am read as U+FFFD + sara aa.
    assert lost_mark_positions(["น", "", "", "\ufffdา", "ท", "", "ว", "ม"]) == [0, 2]
    assert lost_mark_positions(["ท", "ี", "", "ด", "ิ", "น"]) == [0]  # stacked over a vowel


def test_glyph_of_unknown_reading_neither_lost_nor_explaining() -> None:
    assert lost_mark_positions(["ท", None, "ว"]) == []
    assert lost_mark_positions(["ท", None, "", "ว"]) == [0]


def test_add_mark_keeps_typing_order() -> None:
    assert add_mark("พืนที", 0, "\u0e49") == "พื้นที"
    assert add_mark("นำ", 0, "\u0e49") == "น้ำ"


def test_dictionary_fills_only_an_unambiguous_mark() -> None:
    assert fill_lost_marks("วงศใหญ่", [2]) == ("วงศ์ใหญ่", [])
    assert fill_lost_marks("ฐานขอมูลเพื่อการ", [3])[1] == [3]  # ข้อ and ข่อ both words
    assert fill_lost_marks("สำนักงานการตางประเทศ", [10]) == ("สำนักงานการต่างประเทศ", [])


def test_ocr_hint_decides_among_dictionary_readings_only() -> None:
    assert fill_lost_marks("ลอกทอระบาย", [3], {3: "\u0e48"}) == ("ลอกท่อระบาย", [])
    # OCR reads thanthakhat as sara i; the dictionary allows only ์ there.
    assert fill_lost_marks("อิเล็กทรอนิกส", [9], {9: "\u0e34"}) == ("อิเล็กทรอนิกส์", [])


def test_frequency_decides_last_and_only_when_asked() -> None:
    assert fill_lost_marks("ระบบไมเป็น", [5]) == ("ระบบไมเป็น", [5])
    assert fill_lost_marks("ระบบไมเป็น", [5], by_frequency=True) == ("ระบบไม่เป็น", [])


def test_ocr_marks_follow_aligned_letters() -> None:
    # OCR misread a letter elsewhere (ร → ธ) and decomposed sara am: the marks still align.
    assert ocr_mark_hints("การลอกทอระบายนำ", [6], "กาธลอกท่อระบายนํา") == {6: "\u0e48"}
    assert ocr_mark_hints("ทอ", [0], "ท่อ") == {}  # too short to align safely


@settings(max_examples=60, deadline=None)
@given(clean_thai)
def test_clean_text_as_one_glyph_per_character_loses_nothing(text: str) -> None:
    assert lost_mark_positions(list(text.replace(" ", ""))) == []


@settings(max_examples=60, deadline=None)
@given(clean_thai, st.data())
def test_filling_never_changes_letters(text: str, data: st.DataObject) -> None:
    stripped = "".join(c for c in text if c not in TONES)
    size = len(skeleton(stripped))
    positions = data.draw(st.lists(st.integers(0, max(0, size - 1)), max_size=4))
    filled, left = fill_lost_marks(stripped, positions, by_frequency=True)
    assert skeleton(filled) == skeleton(stripped)
    assert set(left) <= set(positions)
