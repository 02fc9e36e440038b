"""A level-based indicator's result cell that OCR left as a bare digit: ``5`` for ``ระดับ 5``.

FORMS.md: an indicator named ระดับความสำเร็จ… is scored by its level (1–5). Its result cell
prints ``ระดับ N``; when OCR loses the word ระดับ, the digit alone reads as a result value
with no criteria to score it by. On such an indicator, and only when it has no criteria, a
bare 1–5 is the level it states.

>>> from thaieval.schemas.forms import ParsedIndicator
>>> ind = ParsedIndicator(indicator_no=1, indicator_name="ระดับความสำเร็จในการจัดระเบียบ",
...                       result_text="5", result_value=5.0)
>>> bare_level(ind), ind.level, ind.result_value
(True, 5, None)
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from thaieval.parsers.digits import thai_to_arabic
from thaieval.schemas.forms import ParsedForm, ParsedIndicator

__all__ = ["bare_level", "bare_levels"]

_LEVEL_NAME = "ระดับความสำเร็จ"
# partial_ratio a name's head needs against ระดับความสำเร็จ, the head being that long plus this
# many characters (a bullet or a space before it). Set by hand in 558fdb4, no sweep recorded.
_LEVEL_NAME_SCORE = 85
_LEVEL_HEAD_SLACK = 2
_BARE_DIGIT = re.compile(r"^\(?([1-5])\)?$")


def _level_based(name: str) -> bool:
    head = name.strip()[: len(_LEVEL_NAME) + _LEVEL_HEAD_SLACK]
    return fuzz.partial_ratio(_LEVEL_NAME, head) >= _LEVEL_NAME_SCORE


def bare_level(ind: ParsedIndicator) -> bool:
    """Read a bare 1–5 result of a level-based indicator as its level; True when it did."""
    if ind.level is not None or ind.criteria or not _level_based(ind.indicator_name):
        return False
    m = _BARE_DIGIT.match(thai_to_arabic(ind.result_text.strip()))
    if m is None:
        return False
    ind.level = int(m.group(1))
    ind.result_value = None
    ind.prov.pop("result_value", None)
    return True


def bare_levels(forms: list[ParsedForm]) -> list[ParsedForm]:
    """:func:`bare_level` on every indicator of ``forms`` (once the overall table has lent
    its criteria, so a criteria-based result is never taken for a level)."""
    for form in forms:
        for ind in form.indicators:
            bare_level(ind)
    return forms
