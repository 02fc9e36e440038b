"""Thai digits, printed numbers and the date spellings the forms use.

>>> format_thai_date("2024-10-07", "full_thai_digits")
'๗ ตุลาคม ๒๕๖๗'
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

__all__ = [
    "DATE_STYLES",
    "DateStyle",
    "format_number",
    "format_thai_date",
    "quantize",
    "to_thai_digits",
]

_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")

MONTHS_FULL = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip
MONTHS_ABBR = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip

DateStyle = Literal["full", "full_thai_digits", "abbr", "abbr_short_thai", "numeric_space", "slash"]
DATE_STYLES: tuple[DateStyle, ...] = (
    "full", "full_thai_digits", "abbr", "abbr_short_thai", "numeric_space", "slash",
)  # fmt: skip


def to_thai_digits(text: str) -> str:
    """Arabic digits → Thai digits, everything else unchanged.

    >>> to_thai_digits("98.77")
    '๙๘.๗๗'
    """
    return text.translate(_THAI_DIGITS)


def quantize(value: Decimal, decimals: int) -> Decimal:
    """Round half up to ``decimals`` places, as a printed value is rounded.

    >>> quantize(Decimal("8.7700001"), 2)
    Decimal('8.77')
    """
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_number(value: Decimal, decimals: int, thai: bool = False, trim: bool = False) -> str:
    """Print ``value`` with ``decimals`` places; ``trim`` prints whole numbers bare.

    >>> format_number(Decimal("10"), 3), format_number(Decimal("10"), 2, trim=True)
    ('10.000', '10')
    """
    q = quantize(value, decimals)
    text = str(int(q)) if trim and q == q.to_integral_value() else f"{q:.{decimals}f}"
    return to_thai_digits(text) if thai else text


def format_thai_date(iso: str, style: DateStyle) -> str:
    """An ISO date spelled the way a signatory line prints it (Buddhist Era year).

    >>> format_thai_date("2024-07-03", "numeric_space"), format_thai_date("2024-10-01", "abbr_short_thai")
    ('3 7 2567', '๑ ต.ค. ๖๗')
    """
    d = date.fromisoformat(iso)
    be = d.year + 543
    if style == "full":
        return f"{d.day} {MONTHS_FULL[d.month - 1]} {be}"
    if style == "full_thai_digits":
        return to_thai_digits(f"{d.day} {MONTHS_FULL[d.month - 1]} {be}")
    if style == "abbr":
        return f"{d.day} {MONTHS_ABBR[d.month - 1]} {be}"
    if style == "abbr_short_thai":
        return to_thai_digits(f"{d.day} {MONTHS_ABBR[d.month - 1]} {be % 100:02d}")
    if style == "numeric_space":
        return f"{d.day} {d.month} {be}"
    return f"{d.day}/{d.month}/{be}"
