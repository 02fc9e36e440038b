"""Lost marks of a damaged text layer read from OCR of the page: letters and digits stay."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from thaieval.pipeline.errors import OcrFailure
from thaieval.pipeline.pages import layer_marks
from thaieval.pipeline.pages.layer_marks import read_layer_with_marks
from thaieval.pipeline.pages.text_layer.mark_fill import OcrMarks, fill_from_ocr, mark_windows
from thaieval.pipeline.pages.text_layer.read import read_text_layer
from thaieval.schemas.page import Box, Word

ARCHIVE = Path(__file__).resolve().parents[2] / "samples" / "archive"
LOST = ARCHIVE / "text-damaged" / "dusit-2567.damaged.pdf"  # kind "lost": tones unmapped
CLEAN = ARCHIVE / "text" / "dusit-2567.pdf"


def _box(x0: float, top: float, x1: float) -> Box:
    return Box(x0=x0, top=top, x1=x1, bottom=top + 12)


def test_windows_cover_a_few_letters_around_each_loss() -> None:
    letters = [(10.0 * i, 10.0 * i + 9) for i in range(20)]
    word = Word(text="ก" * 20, box=_box(0, 0, 200), lost_marks=[2, 5, 17], letters=letters)
    assert [(a, b) for a, b, _ in mark_windows(word)] == [(0, 11), (12, 20)]
    assert [(box.x0, box.x1) for _, _, box in mark_windows(word)] == [(0, 109), (120, 199)]
    # Letters' places unknown (or not matching the text): the whole word is read.
    word.letters = letters[:5]
    assert [(a, b) for a, b, _ in mark_windows(word)] == [(0, 20)]


def test_fill_from_ocr_counts_what_it_filled_and_what_is_left() -> None:
    words = [
        Word(text="ลอกทอระบาย", box=_box(0, 0, 60), lost_marks=[3]),
        Word(text="ทอ", box=_box(100, 0, 160), lost_marks=[0]),  # OCR empty; ท่อ, ท้อ common
    ]
    assert fill_from_ocr(words, [["ลอกท่อระบาย"], [""]]) == (1, 1)
    assert [w.text for w in words] == ["ลอกท่อระบาย", "ทอ"]
    assert words[1].lost_marks == [0]


def test_lost_tone_marks_read_from_ocr_of_the_page() -> None:
    (page,) = read_layer_with_marks(LOST, [1], dpi=300, lang="tha+eng")
    (clean,) = read_text_layer(CLEAN, [1])
    assert page.method == "mixed" and clean.method == "text"
    assert [i.category for i in page.issues] == ["lost_marks"]
    assert "0 still missing" in page.issues[0].message
    for word in ("น้ำท่วมขัง", "ท่อระบายน้ำ", "ต้นทางร่วมกับ", "ทางเท้าให้ปลอดภัย"):
        assert word in page.text
    # Digits come from the layer alone: exactly those of the clean rendering.
    assert re.findall(r"[0-9.]+", page.text) == re.findall(r"[0-9.]+", clean.text)


def test_without_ocr_the_loss_is_recorded_not_hidden() -> None:
    (page,) = read_text_layer(LOST, [1])
    assert page.method == "text"
    (issue,) = page.issues
    assert issue.category == "lost_marks" and "from OCR" in issue.message
    (clean,) = read_text_layer(CLEAN, [1])
    assert clean.issues == []


def test_a_word_repeated_on_later_pages_is_read_once() -> None:
    calls: list[int] = []

    def reader(page: int, boxes: list[Box]) -> list[list[Word]]:
        calls.append(len(boxes))
        return [[Word(text="ลอกท่อระบาย", box=b, confidence=90)] for b in boxes]

    def fill(page: int, words: list[Word]) -> tuple[int, int]:
        boxes = marks.to_read(words)
        return marks.fill(words, reader(page, boxes) if boxes else [])

    marks = OcrMarks()
    box = _box(0, 0, 60)
    page_1 = [Word(text="ลอกทอระบาย", box=box, lost_marks=[3]) for _ in range(3)]
    page_2 = [Word(text="ลอกทอระบาย", box=box, lost_marks=[3])]
    assert fill(1, page_1) == (3, 0) and marks.confidences == [90]
    assert fill(2, page_2) == (1, 0) and marks.confidences == []
    assert calls == [1]
    assert {w.text for w in page_1 + page_2} == {"ลอกท่อระบาย"}


def test_failed_ocr_leaves_the_layer_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    def reader(path: Path, page: int, boxes: list[Box], dpi: int, lang: str) -> list[list[Word]]:
        raise OcrFailure("tesseract timed out after 1 s")

    monkeypatch.setattr(layer_marks, "ocr_words_of_page", reader)
    (page,) = read_layer_with_marks(LOST, [1], dpi=300, lang="tha+eng")
    assert page.method == "text"
    assert [i.category for i in page.issues] == ["ocr_failed", "lost_marks"]
