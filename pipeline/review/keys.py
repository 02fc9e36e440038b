"""What a reviewer's decision is attached to, and the values a person may type.

A decision is keyed by the document's sha256, the form (``overall``, or its component,
``1.3``; ``1.3#2`` for a second form of that component in one document), the indicator (its
code, ``1.1.1``, or ``#3`` for the third row of a form that prints none; empty for a form's
own field) and the field. The key holds nothing a new reading is likely to move (no form
position, no row number where a code exists), so a decision attaches to the same value
after ``--force`` or a new release of the pipeline.

>>> form_keys([ParsedForm(form_type="overall_summary"), ParsedForm(form_type="component",
...            component="1.1"), ParsedForm(form_type="component", component="1.1")])
['overall', '1.1', '1.1#2']
>>> parse_typed("๑๖.๕", "weighted_score")
(16.5, '16.5')
>>> item_id(Target("ab" * 32, "1.3", "", "total_score"))
'a72faf2d2679c894'
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from thaieval.parsers.digits import thai_to_arabic
from thaieval.schemas.forms import ParsedForm, ParsedIndicator

__all__ = [
    "FORM_FIELDS",
    "INDICATOR_FIELDS",
    "BadValue",
    "Target",
    "correctable",
    "form_keys",
    "indicator_keys",
    "item_id",
    "parse_typed",
]

# Numbers a person may correct: the ones the scoring rules read. Other flagged fields (a
# date, a list of findings, a signatory) can be accepted as read, not retyped here.
INDICATOR_FIELDS = ("weight", "result_value", "level", "score_pct", "weighted_score")
FORM_FIELDS = ("total_weight", "total_score")

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


class BadValue(ValueError):
    """What a person typed is not a value of the field; the message says what to type."""


@dataclass(frozen=True, order=True)
class Target:
    """One value a decision is about."""

    sha256: str
    form_key: str
    indicator: str  # "" for a field of the form itself
    field: str

    def text(self) -> str:
        return "|".join((self.sha256, self.form_key, self.indicator, self.field))


def item_id(target: Target) -> str:
    """A short stable id for URLs: 16 hex digits of the key's SHA-1."""
    return hashlib.sha1(target.text().encode()).hexdigest()[:16]


def correctable(target: Target) -> bool:
    """Whether a person may type a value for ``target`` (else only accept it as read)."""
    fields = INDICATOR_FIELDS if target.indicator else FORM_FIELDS
    return target.field in fields


def _numbered(keys: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for key in keys:
        seen[key] = seen.get(key, 0) + 1
        out.append(key if seen[key] == 1 else f"{key}#{seen[key]}")
    return out


def form_keys(forms: list[ParsedForm]) -> list[str]:
    """Each form's key, in order."""
    return _numbered(
        ["overall" if f.form_type == "overall_summary" else (f.component or "?") for f in forms]
    )


def indicator_keys(indicators: list[ParsedIndicator]) -> list[str]:
    """Each indicator row's key, in order: its code, else ``#`` and its number."""
    return _numbered([i.indicator_code or f"#{i.indicator_no}" for i in indicators])


def parse_typed(text: str, field: str) -> tuple[float | int, str]:
    """The value and its text (Arabic digits) of what a person typed for ``field``.

    Thai digits are read; a comma is refused (a decimal point or a thousands separator?),
    as is anything but one number.

    >>> parse_typed("4", "level")
    (4, '4')
    >>> parse_typed("x", "weight")
    Traceback (most recent call last):
    thaieval.pipeline.review.keys.BadValue: 'x' is not a number: type the number the page shows (digits 0-9 or ๐-๙, '.' before decimals)
    """
    clean = thai_to_arabic(text).strip()
    if "," in clean:
        raise BadValue(f"{text!r} has a comma: type the number with '.' before decimals")
    if not _NUMBER.fullmatch(clean):
        raise BadValue(
            f"{text!r} is not a number: type the number the page shows "
            "(digits 0-9 or ๐-๙, '.' before decimals)"
        )
    if field == "level":
        if "." in clean or not 1 <= int(clean) <= 5:
            raise BadValue(f"{text!r} is not a level: a level is a whole number from 1 to 5")
        return int(clean), clean
    value = float(clean)
    if value < 0:
        raise BadValue(f"{text!r} is negative: no score, weight or result on these forms is")
    return value, clean
