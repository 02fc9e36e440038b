"""Marks a text layer drew but did not map: where they were lost, and what they were.

A PDF whose ToUnicode maps a mark's glyph to nothing still draws the glyph: pdfminer reports
a zero-width character with empty text. A clean shaped layer has such glyphs too — the
other glyphs of a cluster whose whole text sits on its widest glyph (น, ∅, ∅, ``้ำ``: sara
am is drawn as nikhahit + sara aa). So a cluster has lost a mark only when it holds more
empty glyphs than its texts explain: a glyph whose text has k characters stands for k
glyphs, and one more per sara am. A lost mark is placed on the cluster's base letter and
named by its index in the *skeleton* (the base letters: marks, spaces and U+FFFD dropped,
ำ read as า), which repair never changes.

The mark is then chosen, never guessed: the one choice that makes the words around it
dictionary words, or the one an OCR reading of the same letters shows (``hints``).

>>> lost_mark_positions(["ว", "ง", "ศ", "", "ใ", "ห", "ญ", "่"])
[2]
>>> fill_lost_marks("วงศใหญ่", [2])
('วงศ์ใหญ่', [])
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher

from thaieval.parsers.thai_repair import repair_thai_text
from thaieval.parsers.thai_script import SARA_AA, SARA_AM
from thaieval.parsers.thai_words import log_probability, segment

__all__ = [
    "LOST_MARK_CHOICES",
    "add_mark",
    "base_letters",
    "fill_lost_marks",
    "lost_mark_positions",
    "ocr_mark_hints",
    "skeleton",
    "skeleton_slice",
]

_FFFD = "\ufffd"
# What a lost mark can be: the tone marks, thanthakhat, maitaikhu and the upper vowels —
# the zero-width glyphs a Thai font draws above a letter.
LOST_MARK_CHOICES = "\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e47\u0e31\u0e34\u0e35\u0e36\u0e37"
# Typing order of marks on one letter: vowel, maitaikhu, tone, then the silent marks.
_RANK = {
    **dict.fromkeys("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a", 0),
    "\u0e47": 1,
    **dict.fromkeys("\u0e48\u0e49\u0e4a\u0e4b", 2),
    **dict.fromkeys("\u0e4c\u0e4d\u0e4e", 3),
}
# These three set by hand in dd86029, no sweep recorded.
_FREQUENCY_MARGIN = 2.0  # log-probability a reading must lead by (7 times as common)
_HINT_SLACK = 3.0  # OCR's reading is kept unless another is 20 times as common
_MIN_BLOCK = 3  # skeleton letters an OCR reading must share in a row to lend its marks


def _is_mark(char: str) -> bool:
    return unicodedata.category(char) == "Mn"


def _is_base(char: str) -> bool:
    """A skeleton letter: not a mark, not a space, not invisible, not U+FFFD."""
    return not (char.isspace() or char == _FFFD or unicodedata.category(char) in ("Mn", "Cf"))


def _is_thai(char: str) -> bool:
    return "\u0e01" <= char <= "\u0e4e"


def skeleton(text: str) -> str:
    """The base letters of ``text`` (ำ read as า).

    >>> skeleton("น้ำท่วม ขัง")
    'นาทวมขง'
    """
    return "".join(SARA_AA if c == SARA_AM else c for c in text if _is_base(c))


def skeleton_slice(text: str, start: int, end: int) -> str:
    """The part of ``text`` holding skeleton letters ``start`` to ``end`` with their marks.

    >>> skeleton_slice("น้ำท่วมขัง", 1, 4)
    'ำท่ว'
    """
    at = _base_indices(text)
    if start >= len(at):
        return ""
    return text[at[start] : at[end] if end < len(at) else len(text)]


def _base_indices(text: str) -> list[int]:
    """Index in ``text`` of each skeleton letter."""
    return [i for i, c in enumerate(text) if _is_base(c)]


def base_letters(glyph_text: str) -> int:
    """Skeleton letters one glyph's text holds (U+FFFD + sara aa is one sara am).

    >>> base_letters("\ufffdา"), base_letters("้ำ"), base_letters("ป่"), base_letters("")
    (1, 1, 1, 0)
    """
    return sum(_is_base(c) for c in glyph_text.replace(_FFFD + SARA_AA, SARA_AM))


def lost_mark_positions(glyphs: Sequence[str | None]) -> list[int]:
    """Skeleton indices of the letters whose cluster drew more mark glyphs than it has text for.

    ``glyphs`` are one word's glyph texts in stream order: ``""`` for a zero-width glyph
    with no text, None for a glyph whose reading is unknown (neither empty nor explaining).

    >>> lost_mark_positions(["น", "", "", "\\ufffdา", "ท", "", "ว"])  # น้ำท่ว with tones lost
    [0, 2]
    >>> lost_mark_positions(["น", "", "", "้ำ", "ท", "่", "ว"])  # the same, mapped cleanly
    []
    """
    lost: list[int] = []
    base = -1  # skeleton index of the current cluster's base letter
    letters = empties = explained = 0

    def close() -> None:
        if base >= 0 and empties > explained:
            lost.append(base)

    for text in glyphs:
        if text is None:
            continue
        if text == "":
            empties += 1
            continue
        # U+FFFD + sara aa on one glyph is a sara am whose nikhahit lost its code.
        norm = text.replace(_FFFD + SARA_AA, SARA_AM)
        first = norm[0]
        if _is_base(first) and first != SARA_AM:
            close()
            empties = explained = 0
            base = letters + sum(_is_base(c) for c in norm) - 1
        explained += len(norm) - 1 + norm.count(SARA_AM)
        letters += sum(_is_base(c) for c in norm)
    close()
    return lost


def _marks_at(text: str, index: int) -> str:
    end = index + 1
    while end < len(text) and _is_mark(text[end]):
        end += 1
    return text[index + 1 : end]


def add_mark(text: str, position: int, mark: str) -> str:
    """``text`` with ``mark`` on its skeleton letter ``position``, marks in typing order.

    >>> add_mark("นำทวม", 0, "\u0e49"), add_mark("ทีดิน", 0, "\u0e48")
    ('น้ำทวม', 'ที่ดิน')
    """
    at = _base_indices(text)[position]
    marks = _marks_at(text, at)
    ordered = sorted(dict.fromkeys(marks + mark), key=lambda m: _RANK.get(m, 4))
    return text[: at + 1] + "".join(ordered) + text[at + 1 + len(marks) :]


def _run(text: str, at: int) -> tuple[int, int]:
    """The span of the Thai run (letters and marks, no spaces) holding ``text[at]``: damage
    breaks a word into pieces that read as other words, so the whole run is judged."""
    start, end = at, at + 1
    while start > 0 and _is_thai(text[start - 1]):
        start -= 1
    while end < len(text) and _is_thai(text[end]):
        end += 1
    return start, end


def _fit(run: str) -> int:
    """How far ``run`` is from reading as dictionary words: its unknown characters."""
    return sum(len(token) for token, known in segment(run) if not known)


def _choices(present: str) -> str:
    """Marks that can join ``present``: one upper vowel (or maitaikhu) per letter at most."""
    if any(_RANK.get(m) in (0, 1) for m in present):
        return "".join(m for m in LOST_MARK_CHOICES if _RANK[m] >= 2 and m not in present)
    return "".join(m for m in LOST_MARK_CHOICES if m not in present)


def _choose(text: str, position: int, hint: str | None, by_frequency: bool) -> str | None:
    """The mark for ``position``: the dictionary's best fit when it is the only one; among
    several, OCR's ``hint`` unless another is far more common, else (with a hint or
    ``by_frequency``) the clearly most common one; else None."""
    at = _base_indices(text)[position]
    if not _is_thai(text[at]):
        return None
    start, end = _run(text, at)
    windows = {
        mark: add_mark(text, position, mark)[start : end + 1]
        for mark in _choices(_marks_at(text, at))
    }
    if not windows:
        return None
    fits = {mark: _fit(window) for mark, window in windows.items()}
    fewest = min(fits.values())
    best = [mark for mark, fit in fits.items() if fit == fewest]
    if len(best) == 1:
        return best[0]
    if hint is None and not by_frequency:
        return None
    likely = {m: log_probability(windows[m]) for m in best}
    top = max(likely, key=likely.__getitem__)
    if hint in likely and likely[hint] >= likely[top] - _HINT_SLACK:
        return hint
    runner_up = max((v for m, v in likely.items() if m != top), default=-math.inf)
    if likely[top] - runner_up >= _FREQUENCY_MARGIN:
        return top
    return None


def fill_lost_marks(
    text: str,
    positions: Iterable[int],
    hints: dict[int, str] | None = None,
    *,
    by_frequency: bool = False,
) -> tuple[str, list[int]]:
    """Put a mark on each lost position the dictionary (or an OCR ``hint``) decides.

    ``by_frequency`` lets a reading far more common than the others decide where neither
    the dictionary nor OCR could (ไม่ over ไม้). Returns the text and the
    positions still undecided.

    >>> fill_lost_marks("ลอกทอระบาย", [3])  # ท่อ and ท้อ are both words
    ('ลอกทอระบาย', [3])
    >>> fill_lost_marks("ลอกทอระบาย", [3], {3: "\u0e48"})
    ('ลอกท่อระบาย', [])
    """
    hints = hints or {}
    size = len(skeleton(text))
    pending = sorted({p for p in positions if 0 <= p < size})
    for _ in range(2):  # a mark decided later in the word can settle an earlier one
        undecided = []
        for position in pending:
            mark = _choose(text, position, hints.get(position), by_frequency)
            if mark is None:
                undecided.append(position)
            else:
                text = add_mark(text, position, mark)
        if len(undecided) == len(pending):
            break
        pending = undecided
    return text, pending


def ocr_mark_hints(layer: str, positions: Iterable[int], ocr: str) -> dict[int, str]:
    """For each lost position, the one mark OCR shows there that the layer lacks.

    The layer and OCR skeletons are aligned; a position lends OCR's marks only inside a run
    of at least three letters both read alike, so a misread letter cannot move a mark.

    >>> ocr_mark_hints("การลอกทอระบายนำ", [6], "การลอกท่อระบายนํา")
    {6: '่'}
    """
    ocr = repair_thai_text(ocr)
    layer_at, ocr_at = _base_indices(layer), _base_indices(ocr)
    matcher = SequenceMatcher(None, skeleton(layer), skeleton(ocr), autojunk=False)
    aligned: dict[int, int] = {}
    for a, b, size in matcher.get_matching_blocks():
        if size >= _MIN_BLOCK:
            aligned.update({a + k: b + k for k in range(size)})
    hints: dict[int, str] = {}
    for position in positions:
        if position not in aligned or position >= len(layer_at):
            continue
        have = set(_marks_at(layer, layer_at[position]))
        extra = [m for m in _marks_at(ocr, ocr_at[aligned[position]]) if m not in have]
        extra = [m for m in extra if m in LOST_MARK_CHOICES]
        if len(extra) == 1:
            hints[position] = extra[0]
    return hints
