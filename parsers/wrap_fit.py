"""Where a layout wrapped a line, and whether the break swallowed a space.

A line breaker fills a line token by token and breaks before the first token that does not
fit; a space at the break is dropped. So, with ``limit`` the right edge the breaker filled to:

- the next line's first token fits after the line even with a space → not a wrap;
- it fits without a space but not with one → a wrap that swallowed a space;
- it does not fit at all → a wrap; Thai puts no space between words, so none is restored
  between two Thai letters (the one reading the geometry cannot settle).

Widths come from the word boxes: a token's share of its word's width is its share of the
word's spacing characters (Thai marks are drawn over their base and take no width).

>>> from thaieval.schemas.page import Box, Word
>>> line2 = [Word(text="โปร่งใส", box=Box(x0=50, top=20, x1=80, bottom=32))]
>>> boundary(473.0, line2, limit=505.0)
'space'
>>> boundary(490.0, line2, limit=505.0)
'wrap'
>>> boundary(400.0, line2, limit=505.0)
'fits'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

from thaieval.schemas.page import Word

__all__ = ["Boundary", "boundary", "first_token_width", "join_wrapped", "space_width"]

Boundary = Literal["fits", "space", "wrap"]

_THAI = re.compile(r"[\u0e01-\u0e4f]")
_SPACE_BEFORE_MARK = re.compile(r" (?=[\u0e31\u0e33-\u0e3a\u0e47-\u0e4e])")
# No space is restored after an opening bracket or slash, nor before closing punctuation.
_NO_SPACE_AFTER = ("(", "[", "/", "“", '"')
_NO_SPACE_BEFORE = (")", "]", ",", ".", ":", ";", "/", "”", "%")
# TOLERANCE, SPACE_SHARE and DEFAULT_LINE_HEIGHT: set by hand in 7361ff4, no sweep recorded.
TOLERANCE = 1.5  # points: rounding of glyph advances and of our width estimate
SPACE_SHARE = 0.22  # a space's width per point of line height (a quarter font size / 1.1)
DEFAULT_LINE_HEIGHT = 12.0  # points, for a word without a box


def _spacing(text: str) -> int:
    """Characters that advance the pen (a Thai mark sits on its base and does not)."""
    return sum(1 for ch in text if unicodedata.category(ch) != "Mn")


@lru_cache(maxsize=8192)
def _first_thai_token(text: str) -> str:
    from pythainlp.tokenize import word_tokenize

    tokens = word_tokenize(text, engine="newmm", keep_whitespace=False)
    return tokens[0] if tokens else text


def first_token_width(words: list[Word]) -> float:
    """Width in points of the first token a line breaker could have moved to this line.

    For Thai, the first dictionary word of the line (marks split off by a damaged layer are
    put back first, so ``ส ำนัก`` is one word); otherwise the first space-delimited word.
    """
    if not words or words[0].box is None:
        return 0.0
    first = words[0]
    if not _THAI.match(first.text[:1]):
        return first.box.x1 - first.box.x0  # type: ignore[union-attr]
    line = _SPACE_BEFORE_MARK.sub("", " ".join(w.text for w in words))
    token = _first_thai_token(line[:40])
    need = _spacing(token)
    width = 0.0
    for word in words:
        if word.box is None or need <= 0:
            break
        have = _spacing(word.text)
        share = min(1.0, need / have) if have else 1.0
        width += (word.box.x1 - word.box.x0) * share
        need -= have
    return width


def space_width(height: float) -> float:
    """A space is about a quarter of the font size; a line box is about 1.1 font sizes tall."""
    return SPACE_SHARE * height


def boundary(left_x1: float, right_words: list[Word], limit: float) -> Boundary:
    """What the break between a line ending at ``left_x1`` and ``right_words`` below was."""
    width = first_token_width(right_words)
    box = right_words[0].box if right_words else None
    height = (box.bottom - box.top) if box is not None else DEFAULT_LINE_HEIGHT
    if left_x1 + space_width(height) + width <= limit - TOLERANCE:
        return "fits"
    if left_x1 + width <= limit - TOLERANCE:
        return "space"
    return "wrap"


def join_wrapped(left: str, right: str, spaced: bool = False) -> str:
    """Two wrapped lines as one text: a space unless Thai meets Thai (or ``spaced``), never
    after an opening bracket or slash nor before closing punctuation.

    >>> join_wrapped("ระดับความสำเร็จ", "ในการพัฒนา"), join_wrapped("ทันสมัย", "โปร่งใส", spaced=True)
    ('ระดับความสำเร็จในการพัฒนา', 'ทันสมัย โปร่งใส')
    >>> join_wrapped("(Joint KPIs", ")"), join_wrapped("ประชาสัมพันธ์/", "จำหน่าย")
    ('(Joint KPIs)', 'ประชาสัมพันธ์/จำหน่าย')
    """
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left + right
    if left.endswith("-") and _THAI.match(right[:1]) and _THAI.match(left[-2:-1] or " "):
        return left[:-1] + right  # a word hyphenated over the break
    if left.endswith(_NO_SPACE_AFTER) or right.startswith(_NO_SPACE_BEFORE):
        return left + right
    if _THAI.match(left[-1]) and _THAI.match(right[0]) and not spaced:
        return left + right
    return f"{left} {right}"
