"""Lost marks of a text layer read from OCR of the same page.

The layer's letters and digits stay as they are (exact); for each layer word that still
lacks marks (:attr:`schemas.page.Word.lost_marks`), the OCR words drawn over the same box
are read, their letters aligned with the layer's, and the mark OCR shows on the same
letter is put back where the dictionary agrees or cannot tell
(:func:`parsers.lost_marks.fill_lost_marks`). OCR never adds or changes a letter or digit.

>>> from schemas.page import Box, Word
>>> box = Box(x0=0, top=0, x1=60, bottom=12)
>>> layer = [Word(text="ลอกทอระบาย", box=box, lost_marks=[3])]
>>> fill_from_ocr(layer, [Word(text="ลอกท่อระบาย", box=box, confidence=90.0)])
(1, 0)
>>> layer[0].text, layer[0].lost_marks
('ลอกท่อระบาย', [])
"""

from __future__ import annotations

from parsers.lost_marks import fill_lost_marks, ocr_mark_hints
from schemas.page import Box, Word

__all__ = ["fill_from_ocr", "words_over"]

MIN_CONFIDENCE = 30.0  # OCR words below this lend no marks (tesseract's noise)
MIN_OVERLAP = 0.5  # share of the shorter height two boxes must share to be one line


def _overlaps(a: Box, b: Box) -> bool:
    height = min(a.bottom - a.top, b.bottom - b.top)
    shared_y = min(a.bottom, b.bottom) - max(a.top, b.top)
    shared_x = min(a.x1, b.x1) - max(a.x0, b.x0)
    return height > 0 and shared_y >= MIN_OVERLAP * height and shared_x > 0


def words_over(box: Box, ocr_words: list[Word]) -> str:
    """The text of the confident OCR words over ``box``, left to right."""
    over = [
        w
        for w in ocr_words
        if w.box is not None
        and (w.confidence is None or w.confidence >= MIN_CONFIDENCE)
        and _overlaps(box, w.box)
    ]
    return "".join(w.text for w in sorted(over, key=lambda w: w.box.x0 if w.box else 0.0))


def fill_from_ocr(words: list[Word], ocr_words: list[Word]) -> tuple[int, int]:
    """Put back the lost marks OCR shows; returns (marks put back, marks still missing)."""
    filled = missing = 0
    for word in words:
        if not word.lost_marks or word.box is None:
            missing += len(word.lost_marks)
            continue
        hints = ocr_mark_hints(word.text, word.lost_marks, words_over(word.box, ocr_words))
        # OCR was the last source: where it shows nothing usable, a far more common
        # reading decides (OCR often drops a tone stacked on an upper vowel: ชี้).
        text, left = fill_lost_marks(word.text, word.lost_marks, hints, by_frequency=True)
        filled += len(word.lost_marks) - len(left)
        missing += len(left)
        word.text, word.lost_marks = text, left
    return filled, missing
