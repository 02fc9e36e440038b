"""The Thai dictionary: its words, their frequencies, and segmentation of a Thai run into them.

Words are pythainlp's list (compounds over ``MAX_WORD_CHARS`` left out), counted in the Thai
National Corpus. ``segment`` is maximal matching; ``thai_word_ratio`` measures damage.

>>> segment("วงศ์ใหญ่x")
(('วงศ์', True), ('ใหญ่', True), ('x', False))
"""

from __future__ import annotations

import math
from functools import lru_cache

from thaieval.parsers.thai_script import MARK_SET, SARA_AA, SARA_AM, THAI_RUN

__all__ = [
    "MAX_WORD_CHARS",
    "UNKNOWN_CHAR_COST",
    "dictionary_words",
    "log_probability",
    "mark_skeleton",
    "segment",
    "thai_word_ratio",
    "word_counts",
    "word_log_probabilities",
    "words_by_skeleton",
]

# MAX_WORD_CHARS: set by hand in the skeleton (f62841c), no sweep recorded.
MAX_WORD_CHARS = 30  # longer dictionary entries are compounds of shorter ones
# UNKNOWN_CHAR_COST: set by hand in the skeleton (f62841c); UNKNOWN_TOKEN_COST in dd86029;
# no sweep recorded.
UNKNOWN_CHAR_COST = 8.0  # log-probability of a character that belongs to no dictionary word
UNKNOWN_TOKEN_COST = 20.0  # … and of each token that is no word, on top of its characters


@lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """pythainlp's Thai words, compounds over ``MAX_WORD_CHARS`` letters left out."""
    from pythainlp.corpus import thai_words

    return frozenset(w for w in thai_words() if len(w) <= MAX_WORD_CHARS)


@lru_cache(maxsize=1)
def _prefixes() -> frozenset[str]:
    return frozenset(word[:k] for word in dictionary_words() for k in range(1, len(word) + 1))


@lru_cache(maxsize=1)
def words_by_skeleton() -> dict[str, tuple[str, ...]]:
    """Dictionary words grouped by their letters without marks (ำ counts as า)."""
    groups: dict[str, list[str]] = {}
    for word in dictionary_words():
        groups.setdefault(mark_skeleton(word), []).append(word)
    return {key: tuple(sorted(group)) for key, group in groups.items()}


@lru_cache(maxsize=1)
def word_log_probabilities() -> dict[str, float]:
    """Unigram log-probability of each dictionary word (Thai National Corpus counts, +1)."""
    counts = word_counts()
    total = sum(counts.values()) + len(dictionary_words())
    return {word: math.log((counts.get(word, 0) + 1) / total) for word in dictionary_words()}


@lru_cache(maxsize=1)
def word_counts() -> dict[str, int]:
    """Word counts of the Thai National Corpus (bundled with pythainlp)."""
    from pythainlp.corpus.tnc import word_freqs

    return dict(word_freqs())


def mark_skeleton(text: str) -> str:
    """``text`` without its marks, ำ read as า: what a lost mark leaves unchanged."""
    return "".join(SARA_AA if c == SARA_AM else c for c in text if c not in MARK_SET)


# --- segmentation -------------------------------------------------------------------------


def _can_end_word(run: str, end: int) -> bool:
    """A word cannot end before a mark or ะ า ำ ๅ, nor right after a leading vowel."""
    if end < len(run) and (run[end] in MARK_SET or run[end] in "\u0e30\u0e32\u0e33\u0e45"):
        return False
    return not "\u0e40" <= run[end - 1] <= "\u0e44"


@lru_cache(maxsize=4096)
def _segment(run: str) -> tuple[tuple[str, bool], ...]:
    """Maximal matching: tokens with the fewest unknown characters, then the fewest tokens.

    Consecutive unknown characters form one token; each token says whether it is a word.
    """
    words, prefixes = dictionary_words(), _prefixes()
    size = len(run)
    best: list[tuple[int, int] | None] = [None] * (size + 1)
    back: list[tuple[int, bool]] = [(0, False)] * (size + 1)
    best[0] = (0, 0)
    for i in range(size):
        reached = best[i]
        if reached is None:
            continue
        unknown, tokens = reached
        steps: list[tuple[int, bool]] = [(i + 1, False)]
        if run[i] not in MARK_SET:
            j = i + 1
            while j <= size and run[i:j] in prefixes:
                if run[i:j] in words and _can_end_word(run, j):
                    steps.append((j, True))
                j += 1
        for j, known in steps:
            cost = (unknown + (0 if known else j - i), tokens + 1)
            current = best[j]
            if current is None or cost < current:
                best[j], back[j] = cost, (i, known)
    pieces: list[tuple[str, bool]] = []
    end = size
    while end > 0:
        start, known = back[end]
        if not known and pieces and not pieces[-1][1]:
            pieces[-1] = (run[start:end] + pieces[-1][0], False)
        else:
            pieces.append((run[start:end], known))
        end = start
    return tuple(reversed(pieces))


def segment(run: str) -> tuple[tuple[str, bool], ...]:
    """A Thai run as dictionary tokens (maximal matching), each with whether it is a word.

    >>> segment("วงศ์ใหญ่x")
    (('วงศ์', True), ('ใหญ่', True), ('x', False))
    """
    return _segment(run)


def log_probability(run: str) -> float:
    """Unigram log-probability of a Thai run read as dictionary words (Thai National Corpus
    counts); an unknown character costs more than any word.

    >>> log_probability("ตัวชี้วัด") > log_probability("ตัวชี่วัด")
    True
    """
    log_p = word_log_probabilities()
    return sum(
        log_p[token] if known else -UNKNOWN_CHAR_COST * len(token) - UNKNOWN_TOKEN_COST
        for token, known in _segment(run)
    )


def thai_word_ratio(text: str) -> float:
    """Share of Thai tokens of two or more characters that are dictionary words (1.0 if none).

    A text layer that lost its tone marks scores far lower than a clean one.

    >>> round(thai_word_ratio("ความเชือมโยงยุทธศาสตร์ชาติ"), 2)  # เชื is not a word
    0.83
    """
    known = total = 0
    for match in THAI_RUN.finditer(text):
        for token, is_word in _segment(match.group()):
            if len(token) >= 2:
                total += 1
                known += is_word
    return known / total if total else 1.0
