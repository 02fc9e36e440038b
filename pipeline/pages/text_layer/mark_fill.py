"""Lost marks of a text layer read from OCR of the same page.

The layer's letters and digits stay as they are (exact). For each layer word that still
lacks marks (:attr:`thaieval.schemas.page.Word.lost_marks`), a few letters either side of each loss
are cut from the page image and OCR'd; the reading's letters are aligned with the layer's,
and the mark OCR shows on the same letter is put back where the dictionary agrees or cannot
tell (:func:`thaieval.parsers.lost_marks.fill_lost_marks`). OCR never adds or changes a letter.

>>> from thaieval.schemas.page import Box, Word
>>> box = Box(x0=0, top=0, x1=60, bottom=12)
>>> layer = [Word(text="ลอกทอระบาย", box=box, lost_marks=[3])]
>>> fill_from_ocr(layer, [["ลอกท่อระบาย"]])
(1, 0)
>>> layer[0].text, layer[0].lost_marks
('ลอกท่อระบาย', [])
"""

from __future__ import annotations

from thaieval.parsers.lost_marks import (
    add_mark,
    fill_lost_marks,
    ocr_mark_hints,
    skeleton,
    skeleton_slice,
)
from thaieval.schemas.page import Box, Word

__all__ = ["OcrMarks", "fill_from_ocr", "mark_windows"]

# A word's layer text, its lost positions, and whether it is a name (filled by OCR alone)
WordKey = tuple[str, tuple[int, ...], bool]

WINDOW = 5  # letters OCR'd on each side of a lost one: enough to align, little to read
MIN_CONFIDENCE = 10.0  # OCR words below this lend no marks: noise (a crop cuts letters
# at its edges, which lowers a word's confidence; the alignment guards the rest)


def mark_windows(word: Word) -> list[tuple[int, int, Box]]:
    """Skeleton letters ``start:end`` around the word's lost letters (near ones merged) and
    the box they were drawn in; the whole word where its letters' places are unknown.

    >>> box = Box(x0=0, top=0, x1=100, bottom=12)
    >>> letters = [(10.0 * i, 10.0 * i + 9) for i in range(10)]
    >>> mark_windows(Word(text="กขคงจฉชซฌญ", box=box, lost_marks=[8], letters=letters))
    [(3, 10, Box(x0=30.0, top=0.0, x1=99.0, bottom=12.0))]
    """
    if word.box is None or not word.lost_marks:
        return []
    size = len(skeleton(word.text))
    if len(word.letters) != size:
        return [(0, size, word.box)]
    ranges: list[tuple[int, int]] = []
    for position in sorted(word.lost_marks):
        start, end = max(0, position - WINDOW), min(size, position + WINDOW + 1)
        if ranges and start <= ranges[-1][1]:
            ranges[-1] = (ranges[-1][0], max(end, ranges[-1][1]))
        else:
            ranges.append((start, end))
    return [
        (
            start,
            end,
            word.box.model_copy(
                update={
                    "x0": min(x0 for x0, _ in word.letters[start:end]),
                    "x1": max(x1 for _, x1 in word.letters[start:end]),
                }
            ),
        )
        for start, end in ranges
    ]


def _text(words: list[Word]) -> str:
    """The confident OCR words of one crop, left to right."""
    kept = [w for w in words if w.confidence is None or w.confidence >= MIN_CONFIDENCE]
    return "".join(w.text for w in sorted(kept, key=lambda w: w.box.x0 if w.box else 0.0))


def _shown_marks(text: str, lost: list[int], hints: dict[int, str]) -> tuple[str, list[int]]:
    """A name's lost marks where OCR shows them, and nowhere else: a name is no dictionary
    word, so neither the dictionary nor word frequency may choose its marks.

    >>> _shown_marks("นายสมศกดิ เรองศรี", [3, 9], {9: "\u0e37"})
    ('นายสมศกดิ เรืองศรี', [3])
    """
    left = []
    for position in lost:
        if position in hints:
            text = add_mark(text, position, hints[position])
        else:
            left.append(position)
    return text, left


def fill_from_ocr(words: list[Word], readings: list[list[str]]) -> tuple[int, int]:
    """Put back the lost marks OCR shows; ``readings[i]`` holds the OCR text of each of
    ``mark_windows(words[i])``. Returns (marks put back, marks still missing)."""
    filled = missing = 0
    for word, texts in zip(words, readings, strict=True):
        hints: dict[int, str] = {}
        for (start, end, _), text in zip(mark_windows(word), texts, strict=False):
            inside = [p - start for p in word.lost_marks if start <= p < end]
            found = ocr_mark_hints(skeleton_slice(word.text, start, end), inside, text)
            hints.update({p + start: mark for p, mark in found.items()})
        if word.is_name:
            text, left = _shown_marks(word.text, word.lost_marks, hints)
        else:
            # OCR was the last source: where it shows nothing usable, a far more common
            # reading decides (OCR often drops a tone stacked on an upper vowel: ชี้).
            text, left = fill_lost_marks(word.text, word.lost_marks, hints, by_frequency=True)
        filled += len(word.lost_marks) - len(left)
        missing += len(left)
        word.text, word.lost_marks = text, left
    return filled, missing


def _key(word: Word) -> WordKey:
    return word.text, tuple(word.lost_marks), word.is_name


class OcrMarks:
    """Lost marks read from OCR once per distinct damaged word of a document: the same
    glyphs drawn on another page (a repeated header, a signatory's title) read the same.

    It never calls OCR itself: :meth:`to_read` says which boxes of a page OCR must read, the
    caller reads them, and :meth:`fill` puts back what the readings show.

    >>> marks = OcrMarks()
    >>> box = Box(x0=0, top=0, x1=20, bottom=12)
    >>> words = [Word(text="ลอกทอ", box=box, lost_marks=[3])]
    >>> boxes = marks.to_read(words)
    >>> marks.fill(words, [[Word(text="ลอกท่อ")] for b in boxes]), marks.reads
    ((1, 0), 1)
    >>> again = [Word(text="ลอกทอ", box=box, lost_marks=[3])]
    >>> marks.to_read(again), marks.fill(again, []), marks.reads
    ([], (1, 0), 1)
    """

    def __init__(self) -> None:
        self.known: dict[WordKey, tuple[str, list[int]]] = {}
        self.reads = 0  # OCR runs so far
        self.confidences: list[float] = []  # of the OCR words read by the last fill

    def _unread(self, words: list[Word]) -> list[tuple[WordKey, Word]]:
        first: dict[WordKey, Word] = {}
        for word in words:
            if word.lost_marks:
                first.setdefault(_key(word), word)
        return [(k, w) for k, w in first.items() if k not in self.known and w.box is not None]

    def to_read(self, words: list[Word]) -> list[Box]:
        """The boxes OCR must read for ``words`` (of one page), window after window; none
        when every damaged word among them was read before."""
        return [box for _, word in self._unread(words) for _, _, box in mark_windows(word)]

    def fill(self, words: list[Word], read: list[list[Word]]) -> tuple[int, int]:
        """Fill ``words``' lost marks; ``read`` holds the OCR words read in each box of
        :meth:`to_read` (called just before on the same words). Returns (marks put back,
        marks still missing)."""
        pending = [w for w in words if w.lost_marks]
        before = sum(len(w.lost_marks) for w in pending)
        unread = self._unread(words)
        self.confidences = []
        if unread:
            windows = [mark_windows(word) for _, word in unread]
            self.reads += 1
            self.confidences = [w.confidence for ws in read for w in ws if w.confidence is not None]
            texts, at = [], 0
            for boxes in windows:
                texts.append([_text(ws) for ws in read[at : at + len(boxes)]])
                at += len(boxes)
            fill_from_ocr([word for _, word in unread], texts)
            for key, word in unread:
                self.known[key] = (word.text, list(word.lost_marks))
        for word in pending:
            word.text, word.lost_marks = self.known.get(_key(word), (word.text, word.lost_marks))
        after = sum(len(w.lost_marks) for w in pending)
        return before - after, after
