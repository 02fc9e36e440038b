"""How ``thaieval eval`` compares one truth value with one dataset cell.

A value is *scored* when the truth or the dataset has it; when both are empty there was
nothing to extract and the slot is not counted (so the ``score_pct`` a level-based row never
prints does not pad the numeric rate). A missing row is an empty cell: every value the truth
has there is a miss.

Numbers: the forms print at most 3 decimals and the truth stores the printed value, so two
numbers are equal within half a unit of the third decimal, |a − b| ≤ 0.0005 + 1e-9 (a truth
written with more decimals uses half a unit of its own last one). Integers (fiscal year,
level, pages) must be equal. Text is compared after Unicode NFC and collapsing runs of
whitespace — layout spacing is not content.

>>> compare("float", 8.77, "8.770"), compare("float", 8.77, "8.776"), compare("float", None, "")
(True, False, None)
"""

from __future__ import annotations

import math
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Literal

from rapidfuzz.distance import Levenshtein

__all__ = [
    "TruthValue",
    "ValueKind",
    "char_errors",
    "compare",
    "normalise_text",
    "parse_float",
    "tolerance",
]

ValueKind = Literal["text", "int", "float"]
TruthValue = str | int | float | None


def normalise_text(text: str) -> str:
    """NFC, whitespace runs as one space, trimmed: ``"ก  ข\\n"`` → ``"ก ข"``."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def parse_float(cell: str) -> float | None:
    """A dataset number cell, or None when empty or not a finite number.

    >>> parse_float("98.77"), parse_float(""), parse_float("9,5")
    (98.77, None, None)
    """
    try:
        value = float(cell.strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def tolerance(truth: float) -> float:
    """Half a unit of the last decimal the truth prints, at least of the third one.

    >>> tolerance(8.77), tolerance(0.12345)
    (0.000500001, 5.001e-06)
    """
    try:
        exponent = Decimal(repr(float(truth))).normalize().as_tuple().exponent
    except InvalidOperation:  # nan or inf: no decimals to read
        exponent = -3
    decimals = max(3, -exponent) if isinstance(exponent, int) else 3
    # 1e-9 absorbs binary rounding: 98.2845 - 98.284 is a hair under 0.0005 or over it.
    return 0.5 * 10.0**-decimals + 1e-9


def _is_empty(value: TruthValue) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def compare(kind: ValueKind, truth: TruthValue, cell: str) -> bool | None:
    """True/False when the slot is scored, None when neither side has a value.

    >>> compare("int", 2567, "2567.0"), compare("text", "ก  ข", "ก ข"), compare("int", None, "3")
    (True, True, False)
    """
    if _is_empty(truth) and not cell.strip():
        return None
    if _is_empty(truth) or not cell.strip():
        return False
    if kind == "text":
        return normalise_text(str(truth)) == normalise_text(cell)
    found = parse_float(cell)
    if found is None:
        return False
    assert truth is not None  # _is_empty ruled it out
    expected = float(truth)
    if kind == "int":
        return found == expected
    return abs(found - expected) <= tolerance(expected)


def char_errors(truth: str, found: str) -> tuple[int, int]:
    """(Levenshtein distance, truth length) of the normalised texts.

    >>> char_errors("สำนักงานเขตบางรัก", "สำนักงานเขตบางรก")
    (1, 17)
    """
    expected, got = normalise_text(truth), normalise_text(found)
    return Levenshtein.distance(expected, got), len(expected)
