"""The Thai script as character classes: letters, combining marks, and the vowels repair names.

Ranges are written for regular-expression classes (``[...]``); ``MARK_SET`` is the same marks as
a set, for tests one character at a time.

>>> bool(THAI_RUN.fullmatch("ตัวชี้วัด")), "\u0e49" in MARK_SET, SARA_AM == "ำ"
(True, True, True)
"""

from __future__ import annotations

import re

__all__ = [
    "MARKS",
    "MARK_ORDER",
    "MARK_SET",
    "NIKHAHIT",
    "SARA_AA",
    "SARA_AM",
    "THAI_LETTERS",
    "THAI_RUN",
]

MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"  # every Thai combining mark
THAI_LETTERS = "\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e"  # no digits, ฯ, ๆ
MARK_SET = frozenset(chr(c) for c in (0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F)))
SARA_AA, SARA_AM, NIKHAHIT = "\u0e32", "\u0e33", "\u0e4d"
THAI_RUN = re.compile(f"[{THAI_LETTERS}]+")
# Order of marks on one consonant, as typed: vowel, then maitaikhu, then tone, then the silent marks.
MARK_ORDER = {
    **{chr(c): 0 for c in (0x0E31, *range(0x0E34, 0x0E3B))},
    "\u0e47": 1,
    **{chr(c): 2 for c in range(0x0E48, 0x0E4C)},
    **{chr(c): 3 for c in range(0x0E4C, 0x0E4F)},
}
