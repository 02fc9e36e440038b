"""The base tag a component or sub-component line ends with names its number.

Every BMA form prints its component as ``องค์ประกอบที่ 1 : … (Performance Base)`` and its
sub-component as ``1.1 … (Function Base)``. At 200 dpi in the national fonts (Sarabun, K2D…)
OCR misreads the one digit of the number (``๑`` as ``๐``, ``1`` as ``4`` or ``]``) while the
Latin tag, a whole word, stays readable. The number is then a second cue: a tag read close
enough (by its first word, fuzzily) decides; a code with a zero part (``๐.๓``, ``๓.๐``) is
no code at all, since components and their parts are numbered from 1.

>>> component_by_tag("4", "การประเมินประสิทธิภาพผลการดำเนินงาน (Performance Base)")
'1'
>>> component_by_tag("", "ศักยภาพในการดำเนินการของหน่วยงาน (Potential ธิลร๑)")
'3'
>>> component_by_tag("2", "ชื่อที่ไม่มีแท็ก")
'2'
>>> has_zero_part("๐.๓"), has_zero_part("3.10")
(True, False)
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from thaieval.parsers.digits import thai_to_arabic

__all__ = ["COMPONENT_TAGS", "SUB_TAGS", "component_by_tag", "has_zero_part", "tag_code"]

COMPONENT_TAGS: dict[str, str] = {"Performance": "1", "Innovation": "2", "Potential": "3"}
SUB_TAGS: dict[str, str] = {"Function": "1.1", "Joint": "1.2", "Agenda": "1.3"}

# The tag's first word, after its opening parenthesis; what follows may be garbled.
_TAG_WORD = re.compile(r"\(\s*([A-Za-z]{4,})[^()]*\)?\s*$")
# A slip or two in the word still names it; the six words differ from each other by far more.
_WORD_SCORE = 80.0


def tag_code(text: str, tags: dict[str, str]) -> str:
    """The number ``tags`` gives the tag that ends ``text``, or ``""``.

    >>> tag_code("… (Funclion Base)", SUB_TAGS)
    '1.1'
    """
    m = _TAG_WORD.search(text.strip())
    if m is None:
        return ""
    word = m.group(1)
    best = max(tags, key=lambda t: fuzz.ratio(word, t))
    return tags[best] if fuzz.ratio(word, best) >= _WORD_SCORE else ""


def component_by_tag(number: str, title: str) -> str:
    """The component a component line names: its tag's number, else ``number`` as read."""
    return tag_code(title, COMPONENT_TAGS) or number


def has_zero_part(code: str) -> bool:
    """Is any part of ``code`` (Thai or Arabic digits) zero? No BMA code has one."""
    parts = thai_to_arabic(code).replace(",", ".").split(".")
    return any(p.isdigit() and int(p) == 0 for p in parts)
