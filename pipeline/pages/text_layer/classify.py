"""Read a PDF page's text layer into words and judge it: usable, scanned, damaged or empty.

Words are built from pdfplumber's characters in content-stream order, not sorted by x:
Thai combining marks are zero-width glyphs placed at or behind their base character, so
sorting by position (pdfplumber's ``extract_words``) tears words apart (``ยทุ ธศาสตร์``)
and puts marks out of order. A mark always joins the word being built; a base character
starts a new word after a space, a horizontal gap or a jump to another line.

Glyphs without a Unicode mapping come out of pdfminer as ``(cid:N)``. Measured: in the
budget document (DilleniaUPC) they are lost tone marks (201 → ่, 202 → ้, 205 → ์); in
fpdf2 output shaped by HarfBuzz they are the extra glyphs of a cluster whose text is
already on its first glyph (ำ drawn as ํ + า), so they must be dropped. :class:`GlyphMap`
learns, per font and code, which reading turns the most words into dictionary words, and
keeps what it learned for the document's later pages.

The verdict comes from characters and image coverage only, never from the file name.

>>> decide(chars=0, image_coverage=0.9, thai_chars=0, ratio_after=1.0, unresolved=0, fffd_after=0)
('scanned', 'no text layer; images cover 90% of the page')
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import Any, Literal

from pydantic import BaseModel, Field
from pythainlp.corpus import thai_words
from pythainlp.corpus.tnc import word_freqs
from pythainlp.tokenize import word_tokenize

from thaieval.parsers.layer_chars import is_unmappable, map_layer_chars
from thaieval.parsers.layout import is_thai_char
from thaieval.parsers.lost_marks import base_letters, fill_lost_marks, lost_mark_positions
from thaieval.parsers.mark_restoration import restore_lost_marks
from thaieval.parsers.name_spans import name_words
from thaieval.parsers.thai_repair import repair_thai_text
from thaieval.parsers.thai_words import thai_word_ratio
from thaieval.schemas.page import Box, Word

__all__ = [
    "GlyphMap",
    "PageClass",
    "PageKind",
    "RawWord",
    "classify_page",
    "classify_words",
    "decide",
    "image_coverage",
    "plausibility",
    "raw_words",
]

PageKind = Literal["text", "scanned", "damaged", "empty"]
Char = dict[str, Any]  # one pdfplumber char
GlyphKey = tuple[str, str]  # (font name, "(cid:N)")

# What an unmapped glyph can stand for: nothing (an extra glyph of a shaped cluster), a
# tone mark, or an upper vowel / sign — the glyphs Thai fonts draw in positional variants.
GLYPH_CANDIDATES = ("", "่", "้", "๊", "๋", "์", "ั", "ิ", "ี", "ึ", "ื", "็", "ํ")
COMBINING = frozenset("ัิีึืฺุู็่้๊๋์ํ๎")
DOUBLED_MARK = re.compile(r"([ัิีึืุู็่้๊๋์ํ])\1")
CID = re.compile(r"^\(cid:\d+\)$")
SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")

# Thresholds, measured on the budget document and fpdf2 renderings (see the tests):
MIN_TEXT_CHARS = 20  # fewer visible characters than this is no usable text layer
SCANNED_COVERAGE = 0.5  # images over half the page with no text: a scan
MIN_WORD_RATIO = 0.80  # share of dictionary words a readable Thai page keeps after repair
RESTORE_BELOW = 0.97  # pages reading worse than this get lost marks restored
MIN_THAI_CHARS = 50  # below this the dictionary ratio says too little to judge
UNKNOWN_CHAR_COST = 5.0  # log-probability paid per character of a non-word token
VOTE_MARGIN = 1.0  # a word votes for a glyph reading this much more plausible than the next
WORD_MARGIN = 5.0  # … and a glyph never learned is read in one word only with this margin
MIN_VOTES = 2  # words that must prefer one reading of an unmapped glyph before it is learned
VOTE_RATIO = 3  # … and by this factor over the next reading
LEARN_SAMPLE = 40  # words looked at per unknown glyph


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


def _is_mark(text: str, char: Char) -> bool:
    return (len(text) >= 1 and text[0] in COMBINING) or (
        CID.match(text) is not None and char["width"] < 0.5
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
        if not text and parts and ch["width"] < 0.5:
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
                new_line = abs(ch["top"] - top) > 0.5 * size
                if new_line or gap > max(1.0, 0.2 * size) or gap < -0.5 * size:
                    flush()
            last_x1, top, size = ch["x1"], ch["top"], float(ch.get("size") or 10.0)
        else:  # a mark that carries a cluster's text may be drawn wide (the sara aa of ้ำ)
            last_x1 = max(last_x1, ch["x1"])
        parts.append(_glyph_key(ch) if CID.match(text) else text)
        spans.append((ch["x0"], ch["x1"]))
        x0, top0 = min(x0, ch["x0"]), min(top0, ch["top"])
        x1, bottom1 = max(x1, ch["x1"]), max(bottom1, ch["bottom"])
    flush()
    return words


@lru_cache(maxsize=1)
def _word_log_probabilities() -> tuple[dict[str, float], float]:
    """Unigram log-probability of each Thai National Corpus word, and the floor for others."""
    counts = dict(word_freqs())
    total = float(sum(counts.values()) + len(counts))
    known = {w: math.log((counts.get(w, 0) + 1) / total) for w in set(counts) | set(thai_words())}
    return known, math.log(1 / total)


def plausibility(text: str) -> float:
    """Log-probability of ``text`` (after repair) as a sequence of Thai words; an unknown
    token costs far more than any word, so higher means more like correct Thai.

    The dictionary alone cannot choose a lost mark: archaic spellings such as ทัง, เหลือม
    and สัมฤทธิ are entries too. Word frequency can: ทั้ง is far more common than ทัง.

    >>> plausibility("รวมทั้งสิ้น") > plausibility("รวมทังสิน")
    True
    """
    known, floor = _word_log_probabilities()
    score = 0.0
    for token in word_tokenize(repair_thai_text(text), engine="newmm", keep_whitespace=False):
        if not any(is_thai_char(c) for c in token):
            continue
        score += known.get(token, floor - UNKNOWN_CHAR_COST * len(token))
    return score


@dataclass
class GlyphMap:
    """Readings learned for unmapped glyphs; votes add up over the pages of one document."""

    learned: dict[GlyphKey, str] = field(default_factory=dict)
    votes: dict[GlyphKey, Counter[str]] = field(default_factory=dict)
    seen: dict[GlyphKey, set[str]] = field(default_factory=dict)

    @property
    def undecided(self) -> set[GlyphKey]:
        return set(self.votes) - set(self.learned)

    def learn(self, words: list[RawWord]) -> None:
        """Let each distinct word holding an unknown glyph vote for the reading that makes it
        most dictionary-like; a reading is learned once it clearly leads."""
        for word in words:
            for key in word.keys() - self.learned.keys():
                seen = self.seen.setdefault(key, set())
                votes = self.votes.setdefault(key, Counter())
                raw = word.text({})
                if raw in seen or len(seen) >= LEARN_SAMPLE:
                    continue
                seen.add(raw)
                best = _best_reading(word, {key}, self.learned, VOTE_MARGIN)
                if best is not None and len(best[1]) == 1:  # a tie says nothing about the glyph
                    votes[best[1][0]] += 1
                ranked = [*votes.most_common(2), ("", 0), ("", 0)]
                (top, top_votes), (_, second_votes) = ranked[0], ranked[1]
                if top_votes >= MIN_VOTES and top_votes >= VOTE_RATIO * second_votes:
                    self.learned[key] = top

    def read(self, word: RawWord) -> tuple[str, int]:
        """The word's text and how many of its glyphs stayed unknown.

        A glyph not learned for the document is read, in this word only, as the reading
        that is clearly the most plausible; otherwise it is dropped and counted.
        """
        unknown = word.keys() - self.learned.keys()
        if not unknown:
            return word.text(self.learned), 0
        best = _best_reading(word, unknown, self.learned, WORD_MARGIN)
        if best is not None:
            return best[0], 0
        return word.text(self.learned), len(unknown)


def _best_reading(
    word: RawWord, keys: set[GlyphKey], learned: dict[GlyphKey, str], margin: float
) -> tuple[str, list[str]] | None:
    """The repaired text that beats every other reading of ``keys`` by ``margin``, with the
    candidates that give it (readings equal after repair are one reading), or None."""
    by_text: dict[str, list[str]] = {}
    for candidate in GLYPH_CANDIDATES:
        text = repair_thai_text(word.text({**learned, **dict.fromkeys(keys, candidate)}))
        by_text.setdefault(text, []).append(candidate)
    scored = sorted(((plausibility(t), t) for t in by_text), reverse=True)
    if len(scored) == 1 or scored[0][0] - scored[1][0] >= margin:
        return scored[0][1], by_text[scored[0][1]]
    return None


class PageClass(BaseModel):
    """The verdict on one page's text layer and the measurements that decided it."""

    kind: PageKind
    reason: str
    chars: int  # visible characters (spaces excluded)
    thai_chars: int
    image_coverage: float  # share of the page area under images (0–1)
    unknown_glyphs: int  # (cid:N) glyphs without a Unicode mapping
    unresolved_glyphs: int  # of those, still unknown after learning
    fffd_before: int
    fffd_after: int
    unmappable_after: int = 0  # U+0000 and private-use characters no table maps
    symbols_dropped: int = 0  # words of symbol-font private-use codes only, left out
    doubled_marks_before: int
    doubled_marks_after: int
    ratio_before: float  # Thai dictionary-word share of the raw text
    ratio_after: float  # … after glyph learning and repair
    words_restored: int  # words whose lost marks the dictionary put back
    marks_lost: int = 0  # mark glyphs drawn without text (empty mappings)
    marks_from_dictionary: int = 0  # … put back where one mark alone makes dictionary words
    marks_unresolved: int = 0  # … left for OCR to show (Word.lost_marks)
    words: list[Word] = Field(default_factory=list, exclude=True)


@lru_cache(maxsize=8192)
def _restore(text: str) -> str:
    return restore_lost_marks(text)


def image_coverage(page: Any) -> float:
    """Share of the page area covered by images, overlaps counted once (0–1)."""
    width, height = float(page.width), float(page.height)
    boxes = []
    for im in page.images:
        x0, x1 = max(0.0, im["x0"]), min(width, im["x1"])
        top, bottom = max(0.0, im["top"]), min(height, im["bottom"])
        if x1 > x0 and bottom > top:
            boxes.append((x0, top, x1, bottom))
    if not boxes or width <= 0 or height <= 0:
        return 0.0
    ys = sorted({b[1] for b in boxes} | {b[3] for b in boxes})
    area = 0.0
    for y0, y1 in pairwise(ys):
        spans = sorted((b[0], b[2]) for b in boxes if b[1] <= y0 and b[3] >= y1)
        covered, end = 0.0, -1.0
        for a, b in spans:
            if b > end:
                covered += b - max(a, end)
                end = b
        area += covered * (y1 - y0)
    return min(1.0, area / (width * height))


def decide(
    *,
    chars: int,
    image_coverage: float,
    thai_chars: int,
    ratio_after: float,
    unresolved: int,
    fffd_after: int,
    unmappable: int = 0,
) -> tuple[PageKind, str]:
    """The page kind and a one-line reason, from the measurements alone.

    >>> decide(chars=900, image_coverage=0.0, thai_chars=800, ratio_after=0.95, unresolved=0, fffd_after=0, unmappable=3)
    ('damaged', '3 characters without a Unicode reading (U+0000, private use) left after repair')
    """
    if chars < MIN_TEXT_CHARS:
        if image_coverage >= SCANNED_COVERAGE:
            return "scanned", f"no text layer; images cover {image_coverage:.0%} of the page"
        if chars == 0:
            return "empty", "no text and no image"
    if fffd_after:
        return "damaged", f"{fffd_after} U+FFFD characters left after repair"
    if unmappable:
        return "damaged", (
            f"{unmappable} characters without a Unicode reading (U+0000, private use)"
            " left after repair"
        )
    if unresolved:
        return "damaged", f"{unresolved} glyphs without a Unicode mapping could not be read"
    if thai_chars >= MIN_THAI_CHARS and ratio_after < MIN_WORD_RATIO:
        return "damaged", f"only {ratio_after:.0%} of Thai words are dictionary words after repair"
    if chars < MIN_TEXT_CHARS and image_coverage > 0:
        return "scanned", f"only {chars} characters of text beside images"
    return "text", f"text layer readable ({ratio_after:.0%} dictionary words)"


def classify_words(raws: list[RawWord], glyphs: GlyphMap, coverage: float) -> PageClass:
    """Read a page's raw words with the learned glyphs, repair them and judge the result."""
    words: list[Word] = []
    before: list[str] = []
    unresolved = unknown_glyphs = marks_lost = marks_open = 0
    symbols = 0
    read: list[tuple[RawWord, str]] = []
    for raw in raws:
        text, unknown = glyphs.read(raw)
        if text and all("\ue000" <= c <= "\uf8ff" for c in text):
            # A word of private-use codes only is a symbol font's glyph (a Wingdings bullet
            # at U+F0xx), not Thai text a font failed to map: it is no text, not damage.
            symbols += 1
            continue
        unresolved += unknown
        unknown_glyphs += len([p for p in raw.parts if not isinstance(p, str)])
        before.append(raw.text({}))
        read.append((raw, repair_thai_text(text)))
    # Names (a signatory's, a unit's) are no dictionary words: the dictionary never picks
    # their marks; a mark their layer lost is left to OCR of the page.
    names = name_words([(text, raw.box.top, raw.box.bottom) for raw, text in read])
    for index, (raw, repaired) in enumerate(read):
        lost = raw.lost_marks()
        if lost:
            if index not in names:
                repaired, lost = fill_lost_marks(repaired, lost)
            marks_lost += len(raw.lost_marks())
            marks_open += len(lost)
        if repaired.strip():
            letters = raw.letter_spans() if lost else []
            words.append(
                Word(
                    text=repaired,
                    box=raw.box,
                    lost_marks=lost,
                    letters=letters,
                    is_name=index in names,
                )
            )
    # Restoring lost marks is dictionary search, slow and only needed where marks were lost
    # without a trace (a font with no glyph for them): pages that still read poorly. Where
    # the layer shows where marks were lost (empty glyphs), only those places are touched.
    restored = 0
    if not marks_lost and thai_word_ratio(" ".join(w.text for w in words)) < RESTORE_BELOW:
        for word in words:
            fixed = word.text if word.is_name else _restore(word.text)
            if fixed != word.text:
                word.text, restored = fixed, restored + 1
    raw_text = " ".join(before)
    text = " ".join(w.text for w in words)
    chars = sum(1 for c in text if not c.isspace())
    thai = sum(1 for c in text if is_thai_char(c))
    ratio_before = thai_word_ratio(raw_text)
    ratio_after = thai_word_ratio(text)
    fffd_after = text.count("\ufffd")
    unmappable = sum(1 for c in text if is_unmappable(c)) - fffd_after
    kind, reason = decide(
        chars=chars,
        image_coverage=coverage,
        thai_chars=thai,
        ratio_after=ratio_after,
        unresolved=unresolved,
        fffd_after=fffd_after,
        unmappable=unmappable,
    )
    return PageClass(
        kind=kind,
        reason=reason,
        chars=chars,
        thai_chars=thai,
        image_coverage=round(coverage, 4),
        unknown_glyphs=unknown_glyphs,
        unresolved_glyphs=unresolved,
        fffd_before=raw_text.count("\ufffd"),
        fffd_after=fffd_after,
        unmappable_after=unmappable,
        symbols_dropped=symbols,
        doubled_marks_before=len(DOUBLED_MARK.findall(raw_text)),
        doubled_marks_after=len(DOUBLED_MARK.findall(text)),
        ratio_before=round(ratio_before, 4),
        ratio_after=round(ratio_after, 4),
        words_restored=restored,
        marks_lost=marks_lost,
        marks_from_dictionary=marks_lost - marks_open,
        marks_unresolved=marks_open,
        words=words,
    )


def classify_page(page: Any, glyphs: GlyphMap | None = None) -> PageClass:
    """Judge a pdfplumber page; ``glyphs`` carries learned glyph readings between pages.

    >>> import pdfplumber
    >>> with pdfplumber.open("/work/shared/real/budget-2565-vol17.pdf") as pdf:
    ...     classify_page(pdf.pages[1]).kind
    'empty'
    """
    glyphs = glyphs if glyphs is not None else GlyphMap()
    raws = raw_words(page.chars)
    glyphs.learn(raws)
    return classify_words(raws, glyphs, image_coverage(page))
