"""Thai dates: Buddhist-Era years, Thai month names and abbreviations, Thai digits.

Month names are matched as whole tokens between the day and the year digits, never as
substrings, and numeric dates need one consistent separator.

>>> parse_thai_date("วัน/เดือน/ปี.. 17 ต.ค. 2567")
datetime.date(2024, 10, 17)
"""

from __future__ import annotations

import re
from datetime import date

from thaieval.parsers.digits import arabic_to_thai, thai_to_arabic

__all__ = [
    "DATE_STYLES",
    "MONTHS_ABBR",
    "MONTHS_FULL",
    "be_to_ce",
    "fiscal_year_bounds",
    "format_thai_date",
    "parse_thai_date",
]

BE_OFFSET = 543
MONTHS_FULL = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
MONTHS_ABBR = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
# Spellings OCR produces that are still unambiguous: the thanthakhat of กุมภาพันธ์ is often lost.
_MONTH_VARIANTS = {"กุมภาพันธ": 2}

DATE_STYLES: tuple[str, ...] = (
    "full",
    "full_thai",
    "abbr",
    "abbr_thai",
    "numeric_space",
    "slash",
    "dot",
    "two_digit_year",
)


# OCR reads the point between an abbreviation's letters as sara u hung under the first
# (ก.ย. → กุย.): no month abbreviation holds that vowel, so it is still the point.
_INNER_POINT = "\u0e38"


def _abbr_pattern(abbr: str) -> str:
    """An abbreviation with each dot optional and spaces allowed around it: ต.ค. → ต ?.? ?ค ?.?

    >>> [parse_thai_date(t) for t in ("๓๐ กุย. ๖๗", "30 ก ย 67")]
    [datetime.date(2024, 9, 30), datetime.date(2024, 9, 30)]
    """
    parts = [re.escape(part) for part in abbr.split(".") if part]
    return rf"\s*[.{_INNER_POINT}]?\s*".join(parts) + r"(?:\s*\.)?"


def _month_lookup() -> dict[str, int]:
    lookup = {name: number for number, name in enumerate(MONTHS_FULL, 1)}
    lookup.update(_MONTH_VARIANTS)
    return lookup


_FULL_LOOKUP = _month_lookup()
_ABBR_LOOKUP = {abbr.replace(".", ""): number for number, abbr in enumerate(MONTHS_ABBR, 1)}
# Longest spellings first, so that a full name is never cut to a shorter one.
_MONTH_ALTERNATIVES = sorted(
    [re.escape(name) for name in _FULL_LOOKUP] + [_abbr_pattern(abbr) for abbr in MONTHS_ABBR],
    key=len,
    reverse=True,
)
_DAY = r"(?<!\d)(?P<day>\d{1,2})"
_YEAR = r"(?P<year>\d{4}|\d{2})(?!\d)"
# The month must stand alone: no Thai letter or mark may touch it on either side.
_NAMED = re.compile(
    _DAY
    + r"[\s.]*(?<![\u0e01-\u0e4e])(?P<month>"
    + "|".join(_MONTH_ALTERNATIVES)
    + r")(?![\u0e01-\u0e4e])[\s.]*"
    + _YEAR
)
_NUMERIC = re.compile(_DAY + r"\s*(?P<sep>[/.\-])\s*(?P<month>\d{1,2})\s*(?P=sep)\s*" + _YEAR)
# Day, month and year separated by spaces only: the year must have four digits, so that
# a row of scores such as "5 10 20" is not read as a date.
_SPACED = re.compile(_DAY + r"\s+(?P<month>\d{1,2})\s+(?P<year>\d{4})(?!\d)")


def be_to_ce(year: int) -> int:
    """Buddhist-Era year to Common-Era year.

    >>> be_to_ce(2567)
    2024
    """
    return year - BE_OFFSET


def fiscal_year_bounds(fiscal_year_be: int) -> tuple[date, date]:
    """First and last day of a Thai fiscal year (1 October of the year before – 30 September).

    >>> fiscal_year_bounds(2567)
    (datetime.date(2023, 10, 1), datetime.date(2024, 9, 30))
    """
    year_ce = be_to_ce(fiscal_year_be)
    return date(year_ce - 1, 10, 1), date(year_ce, 9, 30)


def _year_ce(printed: str) -> int | None:
    """CE year of a printed year: two digits are BE 25xx, ≥ 2400 is BE, 1900–2100 is CE."""
    year = int(printed)
    if len(printed) == 2:
        return be_to_ce(2500 + year)
    if year >= 2400:
        return be_to_ce(year)
    if 1900 <= year <= 2100:
        return year
    return None


def _month_number(printed: str) -> int | None:
    if printed.isdigit():
        return int(printed)
    if printed in _FULL_LOOKUP:
        return _FULL_LOOKUP[printed]
    return _ABBR_LOOKUP.get(re.sub(rf"[\s.{_INNER_POINT}]", "", printed))


def parse_thai_date(text: str) -> date | None:
    """The first valid date in ``text``, in any of the printed styles, or None.

    >>> parse_thai_date("วัน/เดือน/ปี ๗ ตุลาคม ๒๕๖๗")
    datetime.date(2024, 10, 7)
    >>> parse_thai_date("31/2/2567") is None
    True
    """
    arabic = thai_to_arabic(text)
    matches = [m for pattern in (_NAMED, _NUMERIC, _SPACED) for m in pattern.finditer(arabic)]
    for match in sorted(matches, key=lambda m: m.start()):
        month = _month_number(match.group("month"))
        year = _year_ce(match.group("year"))
        if month is None or year is None:
            continue
        try:
            return date(year, month, int(match.group("day")))
        except ValueError:
            continue
    return None


def format_thai_date(d: date, style: str) -> str:
    """Print a date the way the forms do; ``style`` is one of DATE_STYLES.

    >>> format_thai_date(date(2024, 10, 1), "two_digit_year")
    '๑ ต.ค. ๖๗'
    """
    year_be = d.year + BE_OFFSET
    full = f"{d.day} {MONTHS_FULL[d.month - 1]} {year_be}"
    abbr = f"{d.day} {MONTHS_ABBR[d.month - 1]} {year_be}"
    printed = {
        "full": full,
        "full_thai": arabic_to_thai(full),
        "abbr": abbr,
        "abbr_thai": arabic_to_thai(abbr),
        "numeric_space": f"{d.day} {d.month} {year_be}",
        "slash": f"{d.day}/{d.month}/{year_be}",
        "dot": f"{d.day}.{d.month}.{year_be}",
        "two_digit_year": arabic_to_thai(f"{d.day} {MONTHS_ABBR[d.month - 1]} {year_be % 100:02d}"),
    }
    if style not in printed:
        raise ValueError(f"unknown date style {style!r}; expected one of {DATE_STYLES}")
    return printed[style]
