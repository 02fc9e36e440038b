"""Narrative sections after ■ bullets: reasons, weaknesses, strengths, recommendations, evidence.

Items are numbered (``1.``), dashed (``-``), per indicator (``ตัวชี้วัดที่ 1 :``) or paragraphs;
``-ไม่มี-`` means the section has none. In a numbered section an unmarked line continues the
item before it (a word broken with a hyphen is joined back).

>>> split_inline_numbered("1. ระบบ ก 2. ระบบ ข")
['1. ระบบ ก', '2. ระบบ ข']
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from thaieval.parsers.cells import leading_number
from thaieval.parsers.vocabulary import LABELS, SECTION_KEYS, best_label, match_label
from thaieval.parsers.wrap_fit import join_wrapped
from thaieval.schemas.forms import ParsedFinding
from thaieval.schemas.page import Row
from thaieval.schemas.provenance import Prov

__all__ = ["is_none", "is_section_row", "read_findings", "split_inline_numbered"]

_DASH = re.compile(r"^\s*[-–•▪]\s*(?=\S)")
# "ตัวชี้วัดที่ 1 :" numbers an item; a bare "ตัวชี้วัด :" is part of the sentence it opens.
_INDICATOR_MARK = re.compile(r"^\s*(ตัวชี้วัด(?:ที่)?\s*\d{1,2}\s*[:：])\s*")
# The same marker as OCR leaves it: marks lost, debris before the number (ตว ชีวัดที dD. 2 :).
_INDICATOR_LOOSE = re.compile(r"^\s*(\S.{0,18}?)\s*(\d{1,2})\s*[:：]\s*")
_THAI = "\u0e01-\u0e4f"
# What is left of a list marker OCR could not read ("ie มีการ…", ". มีการ…", ", มีการ…").
_DEBRIS = re.compile(r"^(?:[A-Za-z]{1,2}|[.,;:'\"!|])\s+(?=[\u0e01-\u0e2e\u0e40-\u0e44])")
# A heading stands alone on its line; what OCR adds after it (specks read as "เวร", "a we") is
# shorter than any item, which is a sentence.
# Set by hand in affd9a0, no sweep recorded.
_HEADING_TAIL = 6
# ``-ไม่มี-`` and its OCR readings are this short at most (characters). Set by hand in the
# skeleton (f62841c; the fuzzy reading in f93fa52), no sweep recorded.
_NONE_MAX_LEN = 8
# Ratio ไมม (ไม่มี without marks) needs: one letter of three misread (2/3). Set by hand in f93fa52
# (whose change as a whole took scan300 Thai text CER 6.4% -> 5.0%), no sweep recorded.
_NONE_BARE_SCORE = 66
# The ■ bullet as OCR reads it is this many characters at most (พ, a, ๒, =). Set by hand in
# affd9a0 / 6d8e8fd, no sweep recorded.
_BULLET_MAX_LEN = 2
# A garbled heading (bullet, a piece of its label) is this short at most, and keeps at least
# _GARBLED_MIN_THAI Thai letters; set by hand in affd9a0, no sweep recorded.
_GARBLED_MAX_LEN = 30
_GARBLED_MIN_THAI = 3
# partial_ratio a garbled heading's Thai letters need against a label. Set by hand in affd9a0,
# no sweep recorded.
_GARBLED_LABEL_SCORE = 90
# A line longer than this without a ■ is an item, not a section heading. Set by hand in f62841c,
# no sweep recorded.
_SECTION_ROW_MAX_LEN = 60
# Label score a section heading needs (f62841c), and after an OCR-read bullet (b66ef19): the
# bullet is evidence of a heading. Set by hand, no sweep recorded.
_SECTION_SCORE = 85
_SECTION_SCORE_AFTER_BULLET = 75
# Label score a loosely read ``ตัวชี้วัดที่ 2 :`` item marker needs. Set by hand in 6d8e8fd, no
# sweep recorded.
_INDICATOR_MARK_SCORE = 85
_MARKS = set("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c")


def split_inline_numbered(text: str) -> list[str]:
    """Split ``"1. a 2. b 3. c"`` at each next expected number; other text stays whole."""
    first, _ = leading_number(text)
    if first is None:
        return [text]
    parts: list[str] = []
    start, expected = 0, first + 1
    while True:
        m = re.search(rf"(?<=\s){expected}\s*\.\s+(?!\d)", text[start + 1 :])
        if not m:
            break
        cut = start + 1 + m.start()
        parts.append(text[start:cut].strip())
        start, expected = cut, expected + 1
    parts.append(text[start:].strip())
    return parts


def _join(previous: str, text: str) -> str:
    """An item's next line: as a wrap joins (no space between Thai letters, a hyphen undone)."""
    return join_wrapped(previous, text)


def is_none(text: str) -> bool:
    """``-ไม่มี-`` (the section has no items), also as OCR reads it: ``ไปมี"``, ``“เมมี”``.

    >>> is_none("-ไม่มี-"), is_none('ไปมี"'), is_none("“เมมี”"), is_none("มีการจัดทำแผน")
    (True, True, True, False)
    """
    if match_label(text, "none").matched and len(text) <= _NONE_MAX_LEN:
        return True
    bare = "".join(ch for ch in text if "\u0e01" <= ch <= "\u0e5b" and ch not in _MARKS)
    # ไม่มี without its marks is ไมม: one letter of three may be misread.
    return (
        len(text) <= _NONE_MAX_LEN
        and len(bare) == 3
        and fuzz.ratio(bare, "ไมม") >= _NONE_BARE_SCORE
    )


def _garbled_heading(text: str, later: tuple[str, ...]) -> str:
    """A heading OCR left only a piece of (``พ Qa = ข็ง`` for ■ จุดแข็ง), told by its bullet, its
    shortness and a piece of a label that may still come (sections keep their order).

    >>> _garbled_heading("พ Qa = ข็ง", ("strength", "recommendation", "evidence"))
    'strength'
    >>> _garbled_heading("พ Qa = ข็ง", ("recommendation", "evidence"))
    ''
    """
    bullet, _, rest = text.strip().partition(" ")
    if len(bullet) > _BULLET_MAX_LEN or len(text) > _GARBLED_MAX_LEN:
        return ""
    thai = "".join(ch for ch in rest if "\u0e01" <= ch <= "\u0e4e")
    if len(thai) < _GARBLED_MIN_THAI:
        return ""
    for key in later:
        if (
            max(fuzz.partial_ratio(thai, spelling) for spelling in LABELS[key])
            >= _GARBLED_LABEL_SCORE
        ):
            return key
    return ""


def is_section_row(row: Row, later: tuple[str, ...] = ()) -> str:
    """The section key a row starts (``reason`` …), or ``""``; ``later`` are the sections
    that may still come, for a heading OCR damaged beyond its label's start."""
    text = row.text
    if len(text) > _SECTION_ROW_MAX_LEN and "■" not in text:
        return ""
    found = best_label(text, SECTION_KEYS, threshold=_SECTION_SCORE)
    if found.matched and len(found.rest) <= _HEADING_TAIL:
        return found.key
    # The ■ bullet as OCR reads it: a letter or two (พ, a, ๒, =) before the label.
    bullet, _, rest = text.strip().partition(" ")
    if len(bullet) <= _BULLET_MAX_LEN and rest:
        # The bullet is evidence of a heading: a label with one letter misread still is one.
        found = best_label(rest, SECTION_KEYS, threshold=_SECTION_SCORE_AFTER_BULLET)
        if found.matched and len(found.rest) <= _HEADING_TAIL:
            return found.key
    return _garbled_heading(text, later)


def _marker(text: str) -> tuple[str, str]:
    """Printed marker and item text: ``("2.", "…")``, ``("-", "…")``, ``("", "…")``."""
    number, rest = leading_number(text)
    if number is not None:
        return f"{number}.", rest
    m = _INDICATOR_MARK.match(text)
    if m:
        return m.group(1).rstrip(" :：").strip(), text[m.end() :].strip()
    m = _INDICATOR_LOOSE.match(text)
    if m and match_label(m.group(1), "indicator_no", threshold=_INDICATOR_MARK_SCORE).matched:
        return f"ตัวชี้วัดที่ {m.group(2)}", text[m.end() :].strip()
    m = _DASH.match(text)
    if m:
        return "-", text[m.end() :].strip()
    return "", text.strip()


def read_findings(rows: list[Row], skip: set[int] | None = None) -> list[ParsedFinding]:
    """Findings of every section in ``rows``; rows whose index is in ``skip`` are tables."""
    skip = skip or set()
    out: list[ParsedFinding] = []
    section = ""
    numbered = False
    for i, row in enumerate(rows):
        after = SECTION_KEYS.index(section) + 1 if section else 0
        key = is_section_row(row, SECTION_KEYS[after:])
        if key:
            section, numbered = key, False
            continue
        if not section or i in skip:
            continue
        text = _DEBRIS.sub("", row.text.strip())
        if not text or is_none(text):
            continue
        for piece in split_inline_numbered(text):
            marker, body = _marker(piece)
            if marker.endswith(".") and marker[:-1].isdigit():
                numbered = True
            last = out[-1] if out and out[-1].section == section else None
            if last is not None and numbered and marker in ("", "-"):
                last.text = _join(last.text, piece.strip())
                continue
            if last is not None and re.search(rf"[{_THAI}]-$", last.text) and not marker:
                last.text = _join(last.text, body)
                continue
            item_no = sum(1 for f in out if f.section == section) + 1
            out.append(
                ParsedFinding(
                    section=section,
                    item_no=item_no,
                    text=body,
                    marker=marker,
                    prov=Prov.of_cell(row),
                )
            )
    return out
