"""A code OCR lost in the overall table, told by the coded rows printed either side of it.

A row whose code cell was misread (``1ว153``, ``32)``) keeps its numbers but is known only by
its component (``1``); sorted by code it would land before 1.1.1 and every later row would
seem shifted by one. Printed between 1.1.2 and 1.2.1 it can only be 1.1.3; printed before
1.1.2 with no 1.1.1 read, only 1.1.1.

>>> gap_code("1.1.2", "1.2.1", {"1.1.2", "1.2.1"})
'1.1.3'
>>> gap_code("", "3.2", {"3.2", "3.3"})
'3.1'
>>> gap_code("1.1.2", "1.1.3", {"1.1.2", "1.1.3"})
''
"""

from __future__ import annotations

__all__ = ["code_key", "gap_code", "under_component"]


def code_key(code: str) -> tuple[int, ...]:
    """``"1.1.10"`` → ``(1, 1, 10)``, for ordering codes as numbers."""
    return tuple(int(p) for p in code.split(".") if p.isdigit())


def _step(code: str, by: int) -> str:
    parts = code.split(".")
    last = int(parts[-1]) + by
    return ".".join([*parts[:-1], str(last)]) if last >= 1 else ""


def gap_code(before: str, after: str, codes: set[str]) -> str:
    """The one code a row printed between ``before`` and ``after`` (either may be ``""``)
    can have: the next after ``before``, else the one before ``after``; ``""`` when that code
    is already read or does not fall strictly between them.
    """
    candidate = _step(before, 1) if before else (_step(after, -1) if after else "")
    if not candidate or candidate in codes:
        return ""
    if before and code_key(candidate) <= code_key(before):
        return ""
    if after and code_key(candidate) >= code_key(after):
        return ""
    return candidate


def under_component(code: str, component: str) -> str:
    """``code`` with the dot OCR dropped after its component's number put back.

    Every code of the overall table under component 1 starts ``1.``; a ``13.1`` read there
    is ``1.3.1`` with one dot lost. A code already under the component, or one that does not
    start with its number, is returned as read.

    >>> under_component("13.1", "1"), under_component("1.3.1", "1"), under_component("23.1", "1")
    ('1.3.1', '1.3.1', '23.1')
    """
    if not component or not code or code.startswith(component + ".") or code == component:
        return code
    tail = code[len(component) :]
    if code.startswith(component) and tail[:1].isdigit():
        return f"{component}.{tail}"
    return code
