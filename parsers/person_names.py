"""A signatory's name as OCR left it: the space between first and family name put back.

A name is a title (นาย, นาง, นางสาว), a first name, a space and a family name. OCR drops
the space (``นายธนพลวงศ์ใหญ่``); the name lists of pythainlp tell where it goes, when the
body is a listed first name followed by a listed family name. Marks are not changed by the lists:
names outside them are common (ผู้สดี is no listed ผุสดี), and the other printings of the
name in the document mend them better (:mod:`thaieval.parsers.consensus`).

>>> mend_name("นายธนพลวงศ์ใหญ่")
'นายธนพล วงศ์ใหญ่'
>>> mend_name("นายปิยะพงษ์ เซ ทองคำ")
'นายปิยะพงษ์ ทองคำ'
>>> mend_name("นางสาวผู้สดี แย้มอยู่"), mend_name("นายสมมติ")
('นางสาวผู้สดี แย้มอยู่', 'นายสมมติ')
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["listed_parts", "mend_name", "restore_listed_name"]

_TITLES = ("นางสาว", "นาง", "นาย")
_MARKS = frozenset(
    "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d"
)
_MIN_PART = 2
_THAI_LETTER = re.compile("[\u0e01-\u0e2e]")


@lru_cache(maxsize=1)
def _first_names() -> frozenset[str]:
    from pythainlp.corpus import thai_female_names, thai_male_names

    return frozenset(thai_male_names()) | frozenset(thai_female_names())


@lru_cache(maxsize=1)
def _family_names() -> frozenset[str]:
    from pythainlp.corpus import thai_family_names

    return frozenset(thai_family_names())


def _split(body: str) -> tuple[str, str] | None:
    """First and family name of a body printed without the space between them: a listed
    first name followed by a listed family name (the longer first name if several)."""
    firsts, families = _first_names(), _family_names()
    for cut in range(len(body) - _MIN_PART, _MIN_PART - 1, -1):
        head, tail = body[:cut], body[cut:]
        if tail[0] not in _MARKS and head in firsts and tail in families:
            return head, tail
    return None


def _with_marks(part: str, family: bool) -> str:
    """A name part OCR read without some of its marks (กิตติศักดิ, มันคง), given them back when
    one listed name alone has those letters and marks plus others; else as read. Marks read
    are never taken away or changed: a name outside the lists is common (ผู้สดี)."""
    from thaieval.parsers.lost_marks import skeleton

    if part in (_family_names() if family else _first_names()):
        return part
    found = [n for n in _by_skeleton(family).get(skeleton(part), ()) if _adds_marks(part, n)]
    return found[0] if len(found) == 1 else part


def _adds_marks(read: str, listed: str) -> bool:
    """Does ``listed`` hold ``read`` with marks inserted, and nothing else?

    >>> _adds_marks("มันคง", "มั่นคง"), _adds_marks("ผู้สดี", "ผุสดี")
    (True, False)
    """
    i = 0
    for ch in listed:
        if i < len(read) and ch == read[i]:
            i += 1
        elif ch not in _MARKS:
            return False
    return i == len(read) and len(listed) > len(read)


def mend_name(name: str) -> str:
    """The name with the space between first and family name put back where the list of
    first names says where it goes, specks between the two dropped, and marks OCR lost put
    back where the lists know one name alone for the letters; otherwise as read.

    >>> mend_name("นายกิตติศักดิ als So มันคง")
    'นายกิตติศักดิ์ มั่นคง'
    """
    title = next((t for t in _TITLES if name.startswith(t)), "")
    body = name[len(title) :].strip()
    if not title or not body:
        return name
    parts = body.split()
    if len(parts) >= 3 and parts[-2] == "ณ":
        return name  # ณ อยุธยา: a family name of two words, not a speck before one
    if len(parts) >= 3:
        middle = [p for p in parts[1:-1] if len(p) > _MIN_PART and _THAI_LETTER.search(p)]
        if middle:
            return name
        parts = [parts[0], parts[-1]]  # specks or Latin debris read between the two names
    if len(parts) == 1:
        split = _split(parts[0])
        if split is None:
            return name
        parts = list(split)
    first, family = _with_marks(parts[0], False), _with_marks(parts[1], True)
    return f"{title}{first} {family}"


def listed_parts(name: str) -> int:
    """How many of the name's first and family name the lists hold (0–2).

    >>> listed_parts("นายปิยะพงษ์ ทองคำ"), listed_parts("นายปยะพงษ์ ทองคำ")
    (2, 1)
    """
    title = next((t for t in _TITLES if name.startswith(t)), "")
    parts = name[len(title) :].split()
    if len(parts) != 2:
        return 0
    return (parts[0] in _first_names()) + (parts[1] in _family_names())


@lru_cache(maxsize=2)
def _by_skeleton(family: bool) -> dict[str, tuple[str, ...]]:
    from thaieval.parsers.lost_marks import skeleton

    groups: dict[str, list[str]] = {}
    for name in _family_names() if family else _first_names():
        groups.setdefault(skeleton(name), []).append(name)
    return {key: tuple(group) for key, group in groups.items()}


def restore_listed_name(name: str) -> str:
    """The name with marks OCR lost put back where the name lists allow one reading only:
    a first or family name as read that is no listed name, but is one listed name with
    marks lost. A listed name as read is kept (เรืองศรี is a family name, whatever the
    far more common word เรื่อง), and the dictionary of words is never asked.

    >>> restore_listed_name("นายสมศักดิ เรืองศรี"), restore_listed_name("นายกิตติศักดิ มันคง")
    ('นายสมศักดิ์ เรืองศรี', 'นายกิตติศักดิ์ มั่นคง')
    """
    from thaieval.parsers.lost_marks import skeleton
    from thaieval.parsers.mark_restoration import lost_mark_readings

    title = next((t for t in _TITLES if name.startswith(t)), "")
    parts = name[len(title) :].split(" ")
    if not title or len(parts) != 2:
        return name
    out = []
    for family, part in enumerate(parts):
        listed = _family_names() if family else _first_names()
        fits = (
            []
            if part in listed
            else lost_mark_readings(part, _by_skeleton(bool(family)).get(skeleton(part), ()))
        )
        out.append(fits[0] if len(fits) == 1 else part)
    return title + " ".join(out)
