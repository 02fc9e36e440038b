"""Join free-text lines that a layout wrapped: a title or a finding printed over two lines.

A line continues the one above it when the one above runs to the text's right edge, the gap
between them is no more than a line's spacing, and the lower line starts no new item (a ■
heading, a dash, a number, a name in brackets, a label of the forms).

>>> from schemas.page import Box, Cell, Row
>>> a = Row(page=1, cells=[Cell(text="ของหน่วยงาน ประจำปีงบประมาณ (ระยะสิ้น", box=Box(x0=50, top=100, x1=545, bottom=112))])
>>> b = Row(page=1, cells=[Cell(text="ปีงบประมาณ)", box=Box(x0=50, top=114, x1=120, bottom=126))])
>>> [r.text for r in merge_wrapped_rows([a, b])]
['ของหน่วยงาน ประจำปีงบประมาณ (ระยะสิ้นปีงบประมาณ)']
"""

from __future__ import annotations

import re
from functools import lru_cache

from parsers.vocabulary import LABELS, best_label
from schemas.page import Cell, Row

__all__ = ["joins_above", "merge_wrapped_rows"]

_ITEM_START = re.compile(r"^\s*(?:[■□▪●•◆*\-–]|\d{1,2}\s*[.)]\s|\d\.\d)")
# Lines of the signatory block stand alone: the office under ตำแหน่ง is not its wrap.
_BLOCK_KEYS = ("sign", "position", "date", "signatory_heading")
_THAI = re.compile(r"[\u0e01-\u0e4f]")
_TITLE_KEYS = ("title_component", "title_overall")
_LABEL_KEYS = tuple(k for k in LABELS if not k.startswith(("col_", "period_", "none", "total")))


def _starts_item(text: str) -> bool:
    return bool(_ITEM_START.match(text)) or best_label(text, _LABEL_KEYS, threshold=88).matched


def joins_above(above: Row, row: Row, right_edge: float) -> bool:
    """Does ``row`` continue the line ``above`` it?"""
    a, b = above.box, row.box
    if a is None or b is None or above.table is not None or row.table is not None:
        return False
    if len(above.filled()) != 1 or len(row.filled()) != 1 or above.page != row.page:
        return False
    height = max(a.bottom - a.top, 1.0)
    gap = b.top - a.bottom
    if gap < -0.3 * height or gap > 0.9 * height:
        return False
    if b.x0 < a.x0 - 6 or best_label(above.text, _BLOCK_KEYS, threshold=88).matched:
        return False
    if above.text.lstrip().startswith("("):
        return False
    # Wrapped: the lower line's first word would not have fitted at the end of the upper one.
    if a.x1 + _first_word_width(row) < right_edge - 2:
        return False
    return not _starts_item(row.text)


def _first_word_width(row: Row) -> float:
    """Width of the first word a line breaker could have moved: for Thai, which puts no
    spaces between words, the first dictionary word of the first space-delimited chunk."""
    cell = row.filled()[0]
    box = cell.words[0].box if cell.words and cell.words[0].box is not None else cell.box
    chunk = cell.words[0].text if cell.words else cell.text.split(" ")[0]
    if box is None or not chunk:
        return 0.0
    width = box.x1 - box.x0
    if _THAI.match(chunk[:1]):
        first = _first_thai_word(chunk[:40])
        width *= min(1.0, len(first) / len(chunk))
    return width


@lru_cache(maxsize=4096)
def _first_thai_word(text: str) -> str:
    from pythainlp.tokenize import word_tokenize

    tokens = word_tokenize(text, engine="newmm", keep_whitespace=False)
    return tokens[0] if tokens else text


def _join_text(left: str, right: str) -> str:
    left, right = left.rstrip(), right.lstrip()
    if left.endswith("-") and _THAI.match(right[:1]) and _THAI.match(left[-2:-1] or " "):
        return left[:-1] + right
    if _THAI.match(left[-1:] or " ") and _THAI.match(right[:1]):
        return left + right
    return f"{left} {right}"


def _outside_signatures(rows: list[Row]) -> list[Row]:
    """Rows outside the signatory blocks: their office line may run past the text's right
    margin (measured: 567 pt against 545), which would hide every wrap above it."""
    out: list[Row] = []
    inside = False
    for row in rows:
        if row.table is None and best_label(row.text, ("signatory_heading",), 85).matched:
            inside = True
        elif row.table is not None or best_label(row.text, _TITLE_KEYS, 85).matched:
            inside = False
        if not inside:
            out.append(row)
    return out


def merge_wrapped_rows(rows: list[Row]) -> list[Row]:
    """Rows with wrapped free-text lines joined into one row each."""
    edges = [r.box.x1 for r in _outside_signatures(rows) if r.box is not None]
    if not edges:
        return rows
    right_edge = max(edges)
    out: list[Row] = []
    for row in rows:
        above = out[-1] if out else None
        if above is not None and joins_above(above, row, right_edge):
            cell = above.filled()[0]
            merged = Cell(
                text=_join_text(cell.text, row.filled()[0].text),
                box=cell.box.union(row.box) if cell.box else row.box,
                confidence=min(
                    (c for c in (cell.confidence, row.filled()[0].confidence) if c is not None),
                    default=None,
                ),
                words=cell.words + row.filled()[0].words,
            )
            out[-1] = above.model_copy(update={"cells": [merged]})
        else:
            out.append(row)
    return out
