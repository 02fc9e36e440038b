"""Numbers tesseract cut in two at their point, joined again.

Tesseract sometimes ends a word at a decimal point: ``(95.22)`` comes out as ``(95.`` and
``22)``. Read apart, the cell holds 95 and 22, and a re-read of either half finds only half
the number. Two such words with no word space between them are one number.

>>> [w.text for w in join_split_numbers([
...     Word(text="(95.", box=Box(x0=238.7, top=190, x1=257.0, bottom=199)),
...     Word(text="22)", box=Box(x0=258.5, top=190, x1=279.0, bottom=199))])]
['(95.22)']
"""

from __future__ import annotations

import re

from thaieval.schemas.page import Box, Word

__all__ = ["join_split_numbers"]

_HEAD = re.compile(r"\(?[0-9๐-๙]+[.,]")  # digits ending at a point: ``(95.``
_TAIL = re.compile(r"[0-9๐-๙]+\)?")  # digits only: ``22)``
# A word space is a quarter of the line height or more; the gap after a point that
# tesseract cut at is a pixel or two (3a9a692).
MAX_GAP = 0.2
MIN_GAP = -0.1  # ... and the two boxes may overlap by this much (line heights)
SAME_LINE = 0.5  # boxes sharing this share of a line height are on one line


def _split(a: Word, b: Word) -> bool:
    if a.box is None or b.box is None:
        return False
    if not (_HEAD.fullmatch(a.text) and _TAIL.fullmatch(b.text)):
        return False
    height = max(a.box.bottom - a.box.top, b.box.bottom - b.box.top)
    overlap = min(a.box.bottom, b.box.bottom) - max(a.box.top, b.box.top)
    gap = b.box.x0 - a.box.x1
    return overlap > SAME_LINE * height and MIN_GAP * height <= gap <= MAX_GAP * height


def _joined(a: Word, b: Word) -> Word:
    assert a.box is not None and b.box is not None
    confidences = [c for c in (a.confidence, b.confidence) if c is not None]
    return Word(
        text=a.text + b.text,
        box=Box(
            x0=a.box.x0,
            top=min(a.box.top, b.box.top),
            x1=b.box.x1,
            bottom=max(a.box.bottom, b.box.bottom),
        ),
        confidence=min(confidences) if confidences else None,
    )


def join_split_numbers(words: list[Word]) -> list[Word]:
    """``words`` (in reading order) with each number cut at its point made one word again."""
    out: list[Word] = []
    for word in words:
        if out and _split(out[-1], word):
            out[-1] = _joined(out[-1], word)
        else:
            out.append(word)
    return out
