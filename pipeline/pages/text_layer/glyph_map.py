"""Readings of unmapped glyphs (``(cid:N)``), learned per document from the words they make.

Glyphs without a Unicode mapping come out of pdfminer as ``(cid:N)``. Measured: in the budget
document (DilleniaUPC) they are lost tone marks (201 → ่, 202 → ้, 205 → ์); in fpdf2 output
shaped by HarfBuzz they are the extra glyphs of a cluster whose text is already on its first
glyph (ำ drawn as ํ + า), so they must be dropped. :class:`GlyphMap` learns, per font and
code, which reading turns the most words into dictionary words (:func:`plausibility`), and
keeps what it learned for the document's later pages.

>>> plausibility("รวมทั้งสิ้น") > plausibility("รวมทังสิน")
True
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from pythainlp.corpus import thai_words
from pythainlp.corpus.tnc import word_freqs
from pythainlp.tokenize import word_tokenize

from thaieval.parsers.layout import is_thai_char
from thaieval.parsers.thai_repair import repair_thai_text
from thaieval.pipeline.pages.text_layer.raw_words import GlyphKey, RawWord

__all__ = ["GlyphMap", "plausibility"]

# What an unmapped glyph can stand for: nothing (an extra glyph of a shaped cluster), a
# tone mark, or an upper vowel / sign — the glyphs Thai fonts draw in positional variants.
GLYPH_CANDIDATES = ("", "่", "้", "๊", "๋", "์", "ั", "ิ", "ี", "ึ", "ื", "็", "ํ")

# Measured on the budget document and fpdf2 renderings (see the tests); all five set by hand in
# the skeleton (f62841c), no sweep recorded:
UNKNOWN_CHAR_COST = 5.0  # log-probability paid per character of a non-word token
VOTE_MARGIN = 1.0  # a word votes for a glyph reading this much more plausible than the next
WORD_MARGIN = 5.0  # … and a glyph never learned is read in one word only with this margin
MIN_VOTES = 2  # words that must prefer one reading of an unmapped glyph before it is learned
VOTE_RATIO = 3  # … and by this factor over the next reading
LEARN_SAMPLE = 40  # words looked at per unknown glyph


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
