"""Words printed in Thai digits, read by the glyph classifier instead of tesseract.

Tesseract's Thai model reads ๑๐ as ``90``, ๘ as ``๕``, ``wo`` for ๙๐; in tables and in free
text, a word that may be a number in Thai digits (it has a digit, is Latin scrap, a lone
letter in a cell, a list number read as a letter, or stands between two numbers) is read
from its ink by :func:`thaieval.pipeline.ocr.glyph_classes.thai_digit_reading`; the level of
``ระดับ ๕`` from its last digit alone.

>>> _flanked([Word(text="๘๐"), Word(text="สซี"), Word(text="๙๐")], 1)
True
"""

from __future__ import annotations

import itertools
import re

from thaieval.parsers.layout import words_text
from thaieval.pipeline.ocr.glyph_classes import (
    THAI_FLOOR,
    THAI_SHARE,
    Reading,
    confidence,
    glyph_readings,
    thai_digit_reading,
)
from thaieval.pipeline.ocr.number_reading import (
    has_thai_digit,
    number_shaped,
    well_formed,
    wide_crop,
)
from thaieval.pipeline.ocr.passes.interface import PageDraft, PageScan
from thaieval.pipeline.pages.images import GrayImage
from thaieval.schemas.page import Box, Cell, Row, Word

__all__ = ["read_thai_digit_words", "run"]

# Word lengths (characters) that may be a number in Thai digits, each set by hand with the
# change that introduced its case, no sweep recorded: any digit-like word (002a873: glyphs on
# every digit-like word, scan200 numbers 62.8% → 87.8% for the commit); a word between two
# numbers (de90d70); a lone word in a table cell (0446c66).
DIGIT_WORD_CHARS = 12
FLANKED_CHARS = 4
LONE_CELL_CHARS = 3
LEVEL_TAIL = 0.8  # line heights at the end of ``ระดับ ๕`` that hold its digit (3c121eb)
# Latin letters with no digit are as often a Thai mark (ั read as "ow") or letter as Thai
# digits: they become digits only when the classifier's worst glyph has this probability.
# Measured on `make eval` and `make eval-family` (shipped weights): the 24 Latin scraps that
# were Thai digits (``wo`` ๙๐, ``mo`` ๓๐, ``wer.odo`` ๙๙.๐๕๐) had ≥ 0.945; scraps of
# letters and marks ≤ 0.92 (an ``o``-like letter part, ``G``, read ๐), most under 0.66.
LATIN_FLOOR = 0.94


_BRACKETED = re.compile(r"\([^()\s]{1,6}\)")
_LETTER_POINT = re.compile(r"[\u0e01-\u0e2e]\.")
_LATIN_SCRAP = re.compile(
    r"[A-Za-z@]{1,4}(?:[.,][A-Za-z@]{1,4})?"
)  # ๙๐ read as "wo", ๙๙.๐๕ as "wer.odo"


def _digit_candidate(text: str) -> bool:
    compact = text.replace(" ", "")
    if not compact or len(compact) > DIGIT_WORD_CHARS:
        return False
    if _BRACKETED.fullmatch(compact):
        return True  # a result in brackets: (๗) read as (ฒ)
    return any(ch.isdigit() for ch in compact) or bool(_LATIN_SCRAP.fullmatch(compact))


_LEVEL_WORD = re.compile(r"ระดับ\s*[๐-๙]")  # one word of tesseract's: ๔ and ๕ confused


def _level_digit(gray: GrayImage, box: Box, dpi: float) -> Reading | None:
    """The Thai digit that ends a word ``ระดับ ๕``, read by the glyph classifier from the
    word's last digit-wide stretch; None unless it is one Thai digit of a level (1–5)."""
    height = box.bottom - box.top
    tail = Box(
        x0=max(box.x0, box.x1 - LEVEL_TAIL * height), top=box.top, x1=box.x1, bottom=box.bottom
    )
    crop, core = wide_crop(gray, tail, dpi)
    reading = thai_digit_reading(crop, core)
    if reading is None or len(reading[0]) != 1 or reading[0] not in "๑๒๓๔๕":
        return None
    return reading


def _arabic_between(crop: GrayImage, core: tuple[int, int, int, int]) -> Reading | None:
    """A word between two numbers (``70 7S 80``, tesseract unsure) read by the classifier in
    Arabic digits, when it sees Arabic digits (as surely as :func:`thai_digit_reading` sees
    Thai ones: the same share and floor); flagged when the model does not accept them."""
    readings = glyph_readings(crop, core)
    if readings is None:
        return None
    arabic = readings.arabic
    if 1.0 - readings.thai_share < THAI_SHARE or arabic.worst < THAI_FLOOR:
        return None
    return (arabic.text, arabic.confidence) if well_formed(arabic.text) else None


def _flanked(words: list[Word], i: int) -> bool:
    """A short word between two numbers (``๗๐ ๗๕ ๘๐ สซี ๙๐``: criteria in one merged cell,
    ๘๕ read as letters) may be a number too.

    >>> _flanked([Word(text="๘๐"), Word(text="สซี"), Word(text="๙๐")], 1)
    True
    >>> _flanked([Word(text="3.2"), Word(text=":"), Word(text="3")], 1)
    False
    """
    if not 0 < i < len(words) - 1 or len(words[i].text) > FLANKED_CHARS:
        return False
    if not any(ch.isalnum() for ch in words[i].text):
        return False  # "3.2 : 3": punctuation between numbers stays punctuation
    return number_shaped(words[i - 1].text) and number_shaped(words[i + 1].text)


def _neighbours(cell: Cell) -> list[tuple[int, Word, Word]]:
    """Pairs of neighbour words both in Thai digits, at most a line height apart."""
    out = []
    for i, (a, b) in enumerate(itertools.pairwise(cell.words)):
        if (
            a.box is None
            or b.box is None
            or not (has_thai_digit(a.text) and has_thai_digit(b.text))
        ):
            continue
        if b.box.x0 - a.box.x1 <= a.box.bottom - a.box.top:
            out.append((i, a, b))
    return out


def _drop_repeated(cell: Cell) -> bool:
    """Neighbour words of which one reads as part of the other (``๙๒.`` beside ``๙๒.๓๗๑``:
    a fragment tesseract made a word of, read whole by glyphs twice) kept once."""
    for i, a, b in _neighbours(cell):
        assert a.box is not None and b.box is not None
        short, long_ = sorted((a, b), key=lambda w: len(w.text))
        if short.text in long_.text:
            merged = Word(text=long_.text, box=a.box.union(b.box), confidence=long_.confidence)
            cell.words[i : i + 2] = [merged]
            return True
    return False


def _join_split(cell: Cell, gray: GrayImage, dpi: float) -> bool:
    """Neighbour words that read as two overlapping parts of one number (``๑๐๐.๐`` beside
    ``๐.๐๐``: tesseract split ``๑๐๐.๐๐``, and each word's crop cut through the other's
    digits, whose blobs touching the crop's edge are dropped) read once from a crop round
    both; taken when both are in that reading and it is shorter than the two together (they
    share ink: two numbers side by side, ``๗๐ ๗๕``, do not)."""
    for i, a, b in _neighbours(cell):
        assert a.box is not None and b.box is not None
        # Shared ink reads alike at both ends: ``๑๐๐.๐`` ends as ``๐.๐๐`` begins. Only such a
        # pair is read again (criteria side by side, ``๗๐ ๗๕``, cost no crop).
        if not any(a.text.endswith(b.text[:k]) for k in range(1, min(len(a.text), len(b.text)))):
            continue
        box = a.box.union(b.box)
        reading = thai_digit_reading(*wide_crop(gray, box, dpi))
        if reading is None or not well_formed(reading[0]):
            continue
        text = reading[0]
        if a.text in text and b.text in text and len(text) < len(a.text) + len(b.text):
            cell.words[i : i + 2] = [Word(text=text, box=box, confidence=reading[1])]
            return True
    return False


def read_thai_digit_words(rows: list[Row], gray: GrayImage, dpi: float) -> set[int]:
    """Words that are numbers printed in Thai digits read by the glyph classifier, in tables and
    in free text: tesseract's Thai model reads ๑๐ as ``90``, ๘ as ``๕``, ``wo`` for ๙๐.
    Returns the ids of the cells whose every word was settled so (not to be matched again
    on another crop, which can turn a right ๕ into ๔)."""
    settled: set[int] = set()
    for row in rows:
        for cell in row.cells:
            changed = False
            read = 0
            # A lone letter or two (and a mark) in a table cell may be a Thai digit read as
            # letters (๖ → อ, ๗ → ฒญ่).
            lone = (
                row.table is not None and len(cell.words) == 1 and len(cell.text) <= LONE_CELL_CHARS
            )
            for i, word in enumerate(cell.words):
                if word.box is not None and _LEVEL_WORD.fullmatch(word.text):
                    level = _level_digit(gray, word.box, dpi)
                    if level is not None and not word.text.endswith(level[0]):
                        text = word.text[:-1] + level[0]
                        cell.words[i] = Word(text=text, box=word.box, confidence=level[1])
                        changed = True
                    continue
                # A list number read as a letter: "ต." for "๒." starting a line.
                listed = (
                    i == 0 and cell is row.cells[0] and bool(_LETTER_POINT.fullmatch(word.text))
                )
                if word.box is None or not (
                    lone or listed or _digit_candidate(word.text) or _flanked(cell.words, i)
                ):
                    continue
                crop, core = wide_crop(gray, word.box, dpi)
                reading = thai_digit_reading(crop, core)
                if reading is None and _flanked(cell.words, i):
                    reading = _arabic_between(crop, core)
                if reading is not None and _LATIN_SCRAP.fullmatch(word.text):
                    # Latin letters: only a reading surer than LATIN_FLOOR makes them digits.
                    reading = reading if reading[1] >= confidence(LATIN_FLOOR) else None
                read += reading is not None
                if reading is not None and reading[0] != word.text:
                    cell.words[i] = Word(text=reading[0], box=word.box, confidence=reading[1])
                    changed = True
            if read and read == len(cell.words):
                settled.add(id(cell))
            changed = _drop_repeated(cell) or _join_split(cell, gray, dpi) or changed
            if changed:
                cell.text = words_text(cell.words)
                values = [w.confidence for w in cell.words if w.confidence is not None]
                cell.confidence = min(values) if values else None
    return settled


def run(scan: PageScan, draft: PageDraft) -> None:
    """The pass: Thai-digit words of ``draft.rows`` read by the classifier; the cells they settled
    are kept in ``draft.settled``."""
    draft.settled = read_thai_digit_words(draft.rows, scan.gray, scan.dpi)
