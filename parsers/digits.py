"""Thai digits (๐–๙) to Arabic digits and back.

Thai digits appear anywhere in the forms, tables included; every parser converts them first.
Both directions map one character to one character, so spans found in the converted text are
valid in the original.

>>> thai_to_arabic("๒๕๖๗")
'2567'
"""

from __future__ import annotations

__all__ = ["ARABIC_DIGITS", "THAI_DIGITS", "arabic_to_thai", "thai_to_arabic"]

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
ARABIC_DIGITS = "0123456789"

_TO_ARABIC = str.maketrans(THAI_DIGITS, ARABIC_DIGITS)
_TO_THAI = str.maketrans(ARABIC_DIGITS, THAI_DIGITS)


def thai_to_arabic(text: str) -> str:
    """Replace Thai digits by Arabic digits; every other character is kept.

    >>> thai_to_arabic("วันที่ ๗ ตุลาคม ๒๕๖๗")
    'วันที่ 7 ตุลาคม 2567'
    """
    return text.translate(_TO_ARABIC)


def arabic_to_thai(text: str) -> str:
    """Replace Arabic digits by Thai digits; every other character is kept.

    >>> arabic_to_thai("98.770")
    '๙๘.๗๗๐'
    """
    return text.translate(_TO_THAI)
