from __future__ import annotations

from thaieval.parsers.debris import drop_debris, is_debris
from thaieval.schemas.page import Box, Cell, Word


def word(text: str, confidence: float | None, height: float) -> Word:
    return Word(text=text, confidence=confidence, box=Box(x0=0, top=0, x1=10, bottom=height))


def cell(*words: Word) -> Cell:
    return Cell(text=" ".join(w.text for w in words), words=list(words))


NAME = word("ระดับความสำเร็จในการจัดระเบียบพื้นที่สาธารณะ", 90, 21)
TAIL = word("และทางเท้าให้ปลอดภัย", 93, 21)


def test_specks_between_thai_words_are_dropped() -> None:
    specks = [word("o", 74, 3), word("wv", 35, 10), word("a", 83, 4), word("aia", 71, 6)]
    out = drop_debris(cell(NAME, *specks, TAIL))
    assert out.text == f"{NAME.text} {TAIL.text}"
    assert [w.text for w in out.words] == [NAME.text, TAIL.text]


def test_text_numbers_latin_words_and_colons_stay() -> None:
    kept = [
        word("15", 93, 8),  # สวน 15 นาที
        word("๓.๑", 93, 5),  # a Thai code is small
        word("3.1:", 57, 12),  # unsure, but a code
        word("๗/๖/๒๕๖๗", 47, 8),  # a signing date the digit classifier was not sure of
        word(":", 93, 6),
        word("Traffy", 92, 11),
        word("(Innovation", 95, 9),
    ]
    out = drop_debris(cell(NAME, *kept, TAIL))
    assert out.text == cell(NAME, *kept, TAIL).text


def test_unsure_latin_and_digits_read_from_marks_go() -> None:
    assert is_debris(word("Sion", 2, 14), 20)
    assert is_debris(word("SZ", 26, 6), 13)
    assert is_debris(word("๐๘", 52, 3), 14)
    assert not is_debris(word("way", 75, 9), 21)  # a misread word, not a speck


def test_number_cells_and_text_layers_are_untouched() -> None:
    numbers = cell(word("๓.๑๓๑๒", 23, 5), word("(๕)", 0, 4))
    assert drop_debris(numbers) == numbers
    layer = cell(
        Word(text=NAME.text, box=NAME.box), Word(text="a", box=Box(x0=0, top=0, x1=2, bottom=2))
    )
    assert drop_debris(layer) == layer


def test_a_bullet_opening_a_free_line_stays() -> None:
    line = cell(word("พ", 78, 6), word("ข้อเสนอแนะเพื่อการพัฒนา", 93, 18))
    assert drop_debris(line, keep_first=True).text == line.text
    assert drop_debris(line).text == "ข้อเสนอแนะเพื่อการพัฒนา"


def test_a_line_of_specks_alone_is_no_line() -> None:
    from thaieval.parsers.debris import is_speck_line

    assert is_speck_line([word("เว", 72, 11), word("yay", 81, 7), word("a", 91, 3)])
    assert not is_speck_line([word("(Function", 40, 9), word("Base)", 92, 9)])
    assert not is_speck_line([Word(text="a", box=NAME.box)])  # a text layer's word


def test_an_unsure_long_latin_word_stays() -> None:
    assert not is_debris(word("(Function", 45, 9), 18)
