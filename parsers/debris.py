"""OCR debris inside Thai text: specks, marks and stamps read as short words.

Tesseract reads the marks over a bold line, a speck or a stroke of a signature as words of
their own (``o ๘ wv a aia``, ``%4 ~ a``, ``Si Sion``), and the page's lines put them between
the words of a name. Such a word holds no Thai syllable, and it is either read with low
confidence or far shorter than the text around it. Only cells that hold Thai text are
cleaned, so a table's numbers are never touched, and a number is dropped only when it is
both far smaller than any digit and unsure.

>>> from thaieval.schemas.page import Box
>>> def w(t, c, h): return Word(text=t, confidence=c, box=Box(x0=0, top=0, x1=10, bottom=h))
>>> cell = Cell(text="ระดับความสำเร็จในการจัดระเบียบ %4 ~ a พื้นที่",
...     words=[w("ระดับความสำเร็จในการจัดระเบียบ", 92, 14), w("%4", 24, 8), w("~", 15, 2),
...            w("a", 85, 4), w("พื้นที่", 92, 14)])
>>> drop_debris(cell).text
'ระดับความสำเร็จในการจัดระเบียบ พื้นที่'
"""

from __future__ import annotations

import re
import statistics

from thaieval.schemas.page import Cell, Word

__all__ = ["drop_debris", "is_debris", "is_speck_line"]

_THAI_LETTER = re.compile("[\u0e01-\u0e2e]")
# Two letters (consonants or vowels written on the line) make a syllable; a letter with a
# mark (ซ์) does not.
_THAI_BASE = re.compile("[\u0e01-\u0e2e\u0e30\u0e32\u0e33\u0e40-\u0e45]")
# A number, a code or a date in digits (๗/๖/๒๕๖๗): small, and often read with less confidence.
_NUMBER = re.compile(r"^\(?[0-9๐-๙]+(?:[.,/][0-9๐-๙]+)*[.):;]?\)?$")
_LATIN_WORD = re.compile(r"^\(?[A-Za-z][A-Za-z'-]{3,}\)?[.,:;]?$")
_PUNCTUATION = re.compile(r"^[-–—:;.,…_]+$")
_DASH = re.compile(r"^[-–—]+$")

# All six set by hand in 35ef5a5, no sweep recorded.
UNSURE = 60.0  # confidence below which a word without Thai is taken for debris
TINY = 0.35  # share of the text's height below which a word is a mark or a speck
_SPECK = 0.25  # a number this much shorter than the text is marks read as digits
_UNSURE_DIGITS = 65.0
_UNSURE_FIRST = 30.0  # the first word of a free line is dropped only below this
# A word with at least _TEXT_LETTERS Thai base letters is text, never debris (35ef5a5); a free
# line's word with more than _SPECK_LETTERS is no speck (799930e). Set by hand, no sweep recorded.
_TEXT_LETTERS = 2
_SPECK_LETTERS = 2
_ANCHOR_LETTERS = 4  # a word with this many Thai letters is text that sets the height


def _height(word: Word) -> float:
    return word.box.bottom - word.box.top if word.box is not None else 0.0


def _text_height(words: list[Word]) -> float | None:
    """Median height of the cell's Thai words, None when it holds none (a number cell)."""
    heights = [
        _height(w)
        for w in words
        if w.box is not None and len(_THAI_LETTER.findall(w.text)) >= _ANCHOR_LETTERS
    ]
    return statistics.median(heights) if heights else None


def is_debris(word: Word, text_height: float) -> bool:
    """Is ``word`` (OCR'd, beside Thai text ``text_height`` tall) a speck rather than text?"""
    text = word.text.strip()
    if word.confidence is None or not text or len(_THAI_BASE.findall(text)) >= _TEXT_LETTERS:
        return False
    if _PUNCTUATION.match(text):
        # A label's colon, a list number's dot, a dash item: small but meant, unless unsure.
        return word.confidence < _UNSURE_FIRST and not _DASH.match(text)
    tiny = word.box is not None and _height(word) < TINY * text_height
    if _NUMBER.match(text):
        # Codes, list numbers and values are small (a Thai digit is a third of a line) and
        # often unsure; only digits read from marks are smaller still, and unsure.
        return _height(word) < _SPECK * text_height and word.confidence < _UNSURE_DIGITS
    if _LATIN_WORD.match(text) and word.confidence >= _UNSURE_FIRST:
        return False  # Traffy, (Innovation, KPIs): a long Latin word is text, if not sure
    return tiny or word.confidence < UNSURE


def drop_debris(cell: Cell, keep_first: bool = False) -> Cell:
    """``cell`` without its debris words, in its words and its text.

    With ``keep_first`` (a line of free text) the first word stays unless it is very unsure:
    a bullet read as a letter (``พ จุดอ่อน``) still marks a section.
    """
    height = _text_height(cell.words)
    if height is None:
        return cell
    debris = [
        w
        for i, w in enumerate(cell.words)
        if is_debris(w, height)
        and not (keep_first and i == 0 and (w.confidence or 0.0) >= _UNSURE_FIRST)
    ]
    if not debris:
        return cell
    text = cell.text
    for word in debris:
        text = re.sub(rf"(?<!\S){re.escape(word.text)}(?!\S)", " ", text, count=1)
    kept = [w for w in cell.words if not any(w is d for d in debris)]
    return cell.model_copy(update={"text": " ".join(text.split()), "words": kept})


def _speck(word: Word) -> bool:
    text = word.text.strip()
    return not (
        len(_THAI_BASE.findall(text)) > _SPECK_LETTERS
        or any(ch.isdigit() for ch in text)
        or _LATIN_WORD.match(text)
        or _PUNCTUATION.match(text)
    )


def is_speck_line(words: list[Word]) -> bool:
    """A line of OCR'd specks alone (``ede a``, ``เว yay a a``): the marks over a bold line
    read as a line of their own. No Thai word of three letters, no number, no long Latin
    word, no punctuation: nothing a form prints on a line by itself.

    >>> from thaieval.schemas.page import Box
    >>> def w(t): return Word(text=t, confidence=80.0, box=Box(x0=0, top=0, x1=5, bottom=3))
    >>> is_speck_line([w("ede"), w("a")]), is_speck_line([w("-ไม่มี-")]), is_speck_line([w("1.")])
    (True, False, False)
    """
    ocr = [w for w in words if w.confidence is not None]
    return bool(ocr) and len(ocr) == len(words) and all(_speck(w) for w in words)
