"""Where a line prints a name: a person's (the signatory's, with a title) or a unit's.

Names are not dictionary words, and a mark the dictionary would add to one is a guess: the
family name เรืองศรี reads as the far more common word เรื่อง + ศรี. Mark restoration passes
these spans over; a mark lost inside one comes from OCR of its own crop or stays lost.

A person's name follows a title (นาย, นาง, นางสาว, น.ส., ดร., ว่าที่ …) in brackets, after
ลงชื่อ, or alone on its line (closed by a bracket, or with a first or family name the name
lists hold), and runs to its closing bracket (at most three words). A unit's
name is what follows the unit label at the start of a line (``ชื่อหน่วยงานผู้รับการประเมิน :``):
the unit and its parent.

>>> text = "ลงชื่อ ....... (นายสมศักดิ์ เรืองศรี) ผู้ประเมิน"
>>> [text[a:b] for a, b in name_spans(text)]
['นายสมศักดิ์ เรืองศรี']
>>> text = "ชื่อหน่วยงานผู้รับการประเมิน : สำนักการระบายนำ สำนักปลัดกรุงเทพมหานคร"
>>> [text[a:b] for a, b in name_spans(text)]
['สำนักการระบายนำ สำนักปลัดกรุงเทพมหานคร']
"""

from __future__ import annotations

import re

from thaieval.parsers.person_names import listed_parts
from thaieval.parsers.vocabulary import match_label

__all__ = ["in_spans", "name_spans", "name_words"]

_TITLE = r"(?:นางสาว|นาง|นาย|น\.\s?ส\.|ดร\.|ว่าที่)"
_WORDS = r"[^()\s]+(?:[ \t]+[^()\s]+){0,2}"  # the name: at most three words
# After an opening bracket, after ลงชื่อ and its dots, or opening the line.
_PERSON = re.compile(
    rf"(?:\(\s*|ลงชื่อ[\s.…_]*|^\s*)({_TITLE}\s?{_WORDS})(?=\s*\)|\s*$|\s)", re.MULTILINE
)
# A line holding a title and no more than a name, closed by its bracket (OCR lost the
# opening one) or naming a listed first or family name.
_BARE_LINE = re.compile(rf"^\s*{_TITLE}\s?[^()\s]+(?:\s+[^()\s]+)?\s*(\)?)\s*$")
# The unit line of a form. Not ของหน่วยงาน: findings wrap onto lines that open with it
# (ของหน่วยงานอื่น), and the overall table's title names its unit after it mid-line.
_UNIT_LABELS = ("unit",)


def _person_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _PERSON.finditer(text):
        start = match.start(1)
        bracketed = "(" in text[match.start() : start]
        signed = "ลงชื่อ" in text[match.start() : start]
        bare = _BARE_LINE.match(text)
        listed = bare is not None and (bare.group(1) or listed_parts(text.strip()) > 0)
        if not (bracketed or signed or listed):
            continue  # a title-like word opening a sentence (นายกรัฐมนตรี …) is no signature
        spans.append((start, match.end(1)))
    return spans


def _unit_span(text: str) -> list[tuple[int, int]]:
    for key in _UNIT_LABELS:
        found = match_label(text, key)
        if found.matched and found.rest:
            start = text.rfind(found.rest)
            if start >= 0:
                return [(start, start + len(found.rest))]
    return []


def name_spans(text: str, *, units: bool = True) -> list[tuple[int, int]]:
    """Character spans ``[start, end)`` of the names printed in one line ``text`` (persons'
    only when not ``units``).

    >>> name_spans("นายกรัฐมนตรีกล่าวว่า การดำเนินงานเป็นไปด้วยดี")
    []
    >>> text = "(นางสาวผู้สดี แยมอยู่)"
    >>> [text[a:b] for a, b in name_spans(text)]
    ['นางสาวผู้สดี แยมอยู่']
    """
    return sorted(_person_spans(text) + (_unit_span(text) if units else []))


def in_spans(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does ``[start, end)`` overlap one of ``spans``?

    >>> in_spans([(4, 9)], 0, 4), in_spans([(4, 9)], 8, 12)
    (False, True)
    """
    return any(start < b and a < end for a, b in spans)


# A word is on the line of the line's first word when their tops differ by less than this
# share of the taller one (floored at 1 point). Set by hand in ad5244d, no sweep recorded.
_SAME_LINE = 0.5
_MIN_LINE_HEIGHT = 1.0


def name_words(words: list[tuple[str, float, float]]) -> set[int]:
    """Indexes of the words that print a name, from each word's (text, top, bottom) in
    reading order: words whose tops lie within half a height of the line's first word are
    one line, read with a space between words.

    >>> words = [("ลงชื่อ", 0, 12), ("(นายสมศักดิ์", 20, 32), ("เรืองศรี)", 20, 32), ("ตำแหน่ง", 40, 52)]
    >>> sorted(name_words(words))
    [1, 2]
    """
    found: set[int] = set()
    line: list[int] = []

    def close() -> None:
        text, starts = "", []
        for index in line:
            starts.append(len(text))
            text += words[index][0] + " "
        spans = name_spans(text)
        found.update(
            index
            for index, start in zip(line, starts, strict=True)
            if in_spans(spans, start, start + len(words[index][0]))
        )

    for index, (_, top, bottom) in enumerate(words):
        if line:
            first_top, first_bottom = words[line[0]][1], words[line[0]][2]
            if abs(top - first_top) > _SAME_LINE * max(
                first_bottom - first_top, bottom - top, _MIN_LINE_HEIGHT
            ):
                close()
                line = []
        line.append(index)
    if line:
        close()
    return found
