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

from collections.abc import Callable

from parsers.lost_marks import fill_lost_marks, ocr_mark_hints
from schemas.page import Box, Word

__all__ = ["OcrMarks", "fill_from_ocr", "words_over"]

# (page number, boxes of the words still missing marks) → OCR words over them, in points
MarkReader = Callable[[int, list[Box]], list[Word]]
WordKey = tuple[str, tuple[int, ...]]  # a word's layer text and its lost positions

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


class OcrMarks:
    """Lost marks read from OCR once per distinct damaged word of a document: the same
    glyphs drawn on another page (a repeated header, a signatory's title) read the same.

    >>> marks = OcrMarks(lambda page, boxes: [Word(text="ลอกท่อ", box=b) for b in boxes])
    >>> box = Box(x0=0, top=0, x1=20, bottom=12)
    >>> marks.fill(1, [Word(text="ลอกทอ", box=box, lost_marks=[3])]), marks.reads
    ((1, 0), 1)
    >>> marks.fill(2, [Word(text="ลอกทอ", box=box, lost_marks=[3])]), marks.reads
    ((1, 0), 1)
    """

    def __init__(self, reader: MarkReader) -> None:
        self.reader = reader
        self.known: dict[WordKey, tuple[str, list[int]]] = {}
        self.reads = 0  # OCR runs so far
        self.confidences: list[float] = []  # of the OCR words read by the last fill

    def fill(self, page: int, words: list[Word]) -> tuple[int, int]:
        """Fill ``words``' lost marks; returns (marks put back, marks still missing).

        Raises :class:`pipeline.errors.OcrFailure` when OCR fails.
        """
        pending = [w for w in words if w.lost_marks]
        before = sum(len(w.lost_marks) for w in pending)
        first: dict[WordKey, Word] = {}
        for word in pending:
            first.setdefault((word.text, tuple(word.lost_marks)), word)
        unread = {k: w for k, w in first.items() if k not in self.known and w.box is not None}
        self.confidences = []
        if unread:
            ocr = self.reader(page, [w.box for w in unread.values() if w.box is not None])
            self.reads += 1
            self.confidences = [w.confidence for w in ocr if w.confidence is not None]
            fill_from_ocr(list(unread.values()), ocr)
            for key, word in unread.items():
                self.known[key] = (word.text, list(word.lost_marks))
        for word in pending:
            word.text, word.lost_marks = self.known.get(
                (word.text, tuple(word.lost_marks)), (word.text, word.lost_marks)
            )
        after = sum(len(w.lost_marks) for w in pending)
        return before - after, after
