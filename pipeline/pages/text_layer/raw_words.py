"""A PDF page's text layer as words, built from pdfplumber's characters in stream order.

Words are built in content-stream order, not sorted by x: Thai combining marks are zero-width
glyphs placed at or behind their base character, so sorting by position (pdfplumber's
``extract_words``) tears words apart (``ยทุ ธศาสตร์``) and puts marks out of order. A mark
always joins the word being built; a base character starts a new word after a space, a
horizontal gap or a jump to another line. A glyph without a Unicode mapping stays in its word
as a :data:`GlyphKey` (font, ``(cid:N)``), for :mod:`.glyph_map` to read.

>>> c = lambda t, x, w=5.0: {"text": t, "x0": x, "x1": x + w, "top": 0.0, "bottom": 12.0, "size": 12.0, "width": w, "fontname": "F"}
>>> [w.text({}) for w in raw_words([c("ท", 0), c("ี", 4.5, 0), c("่", 4.5, 0), c("น", 5), c("ี", 9.5, 0), c(" ", 10, 3), c("1", 13)])]
['ที่นี', '1']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from thaieval.parsers.layer_chars import map_layer_chars
from thaieval.parsers.lost_marks import base_letters, lost_mark_positions
from thaieval.schemas.page import Box

__all__ = ["Char", "GlyphKey", "RawWord", "raw_words"]

Char = dict[str, Any]  # one pdfplumber char
GlyphKey = tuple[str, str]  # (font name, "(cid:N)")

COMBINING = frozenset("ัิีึืฺุู็่้๊๋์ํ๎")
CID = re.compile(r"^\(cid:\d+\)$")
SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")


@dataclass
class RawWord:
    """A word as drawn: its text pieces (str, or a GlyphKey for an unmapped glyph) and box."""

    parts: list[str | GlyphKey]
    box: Box
    spans: list[tuple[float, float]] = field(default_factory=list)  # x0, x1 of each part

    def text(self, mapping: dict[GlyphKey, str]) -> str:
        return "".join(p if isinstance(p, str) else mapping.get(p, "") for p in self.parts)

    def keys(self) -> set[GlyphKey]:
        return {p for p in self.parts if not isinstance(p, str)}

    def lost_marks(self) -> list[int]:
        """Skeleton indices of letters whose mark glyphs outnumber their text (see
        :func:`thaieval.parsers.lost_marks.lost_mark_positions`)."""
        return lost_mark_positions([p if isinstance(p, str) else None for p in self.parts])

    def letter_spans(self) -> list[tuple[float, float]]:
        """x0, x1 of each skeleton letter (the glyph that drew it), in skeleton order."""
        return [
            span
            for part, span in zip(self.parts, self.spans, strict=True)
            if isinstance(part, str)
            for _ in range(base_letters(part))
        ]


# Points: a glyph narrower than this draws no advance (a mark, a cluster's silent glyph). Set by
# hand in the skeleton (f62841c; the silent glyph in dd86029, U+0000 in 1cdc7e2), not swept.
ZERO_WIDTH = 0.5
# In font sizes: a char whose top moved more than _NEW_LINE starts a line; a gap over
# _WORD_GAP (at least _MIN_WORD_GAP points) or an overlap over _MAX_OVERLAP ends a word; a char
# without a size is _DEFAULT_SIZE points. Set by hand in f62841c, no sweep recorded.
_NEW_LINE = 0.5
_WORD_GAP = 0.2
_MIN_WORD_GAP = 1.0
_MAX_OVERLAP = 0.5
_DEFAULT_SIZE = 10.0


def _is_mark(text: str, char: Char) -> bool:
    return (len(text) >= 1 and text[0] in COMBINING) or (
        CID.match(text) is not None and char["width"] < ZERO_WIDTH
    )


def _glyph_key(char: Char) -> GlyphKey:
    """(font, code) with the subset tag dropped: subsets of one font made by the same
    writer keep the font's glyph ids (measured: DilleniaUPC 201/202/205 in every subset)."""
    return (SUBSET_TAG.sub("", str(char["fontname"])), char["text"])


def raw_words(chars: list[Char]) -> list[RawWord]:
    """Characters in stream order grouped into words; marks always stay with their base.

    >>> c = lambda t, x, w=5.0: {"text": t, "x0": x, "x1": x + w, "top": 0.0, "bottom": 12.0, "size": 12.0, "width": w, "fontname": "F"}
    >>> [w.text({}) for w in raw_words([c("ท", 0), c("ี", 4.5, 0), c("่", 4.5, 0), c("น", 5), c("ี", 9.5, 0), c(" ", 10, 3), c("1", 13)])]
    ['ที่นี', '1']
    """
    words: list[RawWord] = []
    parts: list[str | GlyphKey] = []
    spans: list[tuple[float, float]] = []
    x0 = top0 = float("inf")
    x1 = bottom1 = float("-inf")  # the word's box, built as floats: one Box per word
    last_x1 = top = 0.0
    size = 10.0

    def flush() -> None:
        nonlocal parts, spans, x0, top0, x1, bottom1
        if parts:
            box = Box(x0=x0, top=top0, x1=x1, bottom=bottom1)
            words.append(RawWord(parts=parts, box=box, spans=spans))
        parts, spans = [], []
        x0 = top0 = float("inf")
        x1 = bottom1 = float("-inf")

    for ch in chars:
        # The one place a layer's Thai private-use glyph codes become standard marks (and
        # ligatures letters): every later step (glyph learning, repair, lost marks,
        # restoration) sees real Thai and plain Latin.
        text = map_layer_chars(ch["text"])
        if ch["width"] < ZERO_WIDTH and text and not text.strip("\x00"):
            # Chromium (Skia) maps a glyph no character reaches — a mark's positional variant
            # picked by the font's own substitutions — to U+0000 instead of leaving it
            # unmapped: the same lost mark as a zero-width glyph with no text. (U+FFFD is
            # left to thaieval.parsers.thai_repair, which reads it from its neighbours.)
            text = ""
        if not text and parts and ch["width"] < ZERO_WIDTH:
            # A zero-width glyph with no text: a cluster's silent glyph, or a mark whose
            # mapping was lost. It stays in the word (as "") so the loss can be counted.
            parts.append("")
            spans.append((ch["x0"], ch["x1"]))
            continue
        if not text or text.isspace():
            flush()
            continue
        if not (parts and _is_mark(text, ch)):
            if parts:
                gap = ch["x0"] - last_x1
                new_line = abs(ch["top"] - top) > _NEW_LINE * size
                if (
                    new_line
                    or gap > max(_MIN_WORD_GAP, _WORD_GAP * size)
                    or gap < -_MAX_OVERLAP * size
                ):
                    flush()
            last_x1, top, size = ch["x1"], ch["top"], float(ch.get("size") or _DEFAULT_SIZE)
        else:  # a mark that carries a cluster's text may be drawn wide (the sara aa of ้ำ)
            last_x1 = max(last_x1, ch["x1"])
        parts.append(_glyph_key(ch) if CID.match(text) else text)
        spans.append((ch["x0"], ch["x1"]))
        x0, top0 = min(x0, ch["x0"]), min(top0, ch["top"])
        x1, bottom1 = max(x1, ch["x1"]), max(bottom1, ch["bottom"])
    flush()
    return words
