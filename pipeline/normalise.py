"""The normalise stage: markup removed, Thai digits made Arabic, Thai text repaired.

A single-cell line with HTML paragraphs becomes one row per paragraph (the rows keep their
source line); a table row keeps its cells, each cleaned on its own.

>>> from schemas.page import Cell, Row, Page
>>> page = Page(number=1, rows=[Row(page=1, line=3, cells=[Cell(text="<p>■ จุดอ่อน</p> <p>๑. ก</p>")])])
>>> [r.text for r in normalise_pages([page])[0].rows]
['■ จุดอ่อน', '1. ก']
"""

from __future__ import annotations

import re

from parsers.digits import thai_to_arabic
from parsers.markup import split_blocks, strip_markup
from parsers.thai_repair import repair_thai_text
from schemas.page import Page, Row

__all__ = ["normalise_pages", "normalise_text"]

_SPACES = re.compile(r"[ \u00a0\u2000-\u200a\u3000]+")


def normalise_text(text: str) -> str:
    """One cell's text: markup out, digits Arabic, Thai repaired, spaces folded."""
    text = repair_thai_text(thai_to_arabic(strip_markup(text)))
    return _SPACES.sub(" ", text).strip()


def _normalise_row(row: Row) -> list[Row]:
    filled = row.filled()
    if len(filled) == 1 and "<" in filled[0].text:
        blocks = split_blocks(filled[0].text)
        return [
            row.model_copy(
                update={"cells": [filled[0].model_copy(update={"text": normalise_text(b)})]}
            )
            for b in blocks
        ]
    cells = [c.model_copy(update={"text": normalise_text(c.text)}) for c in row.cells]
    if not any(c.text for c in cells):
        return []
    return [row.model_copy(update={"cells": cells})]


def normalise_pages(pages: list[Page]) -> list[Page]:
    """New pages with every row normalised (input pages are left as they are)."""
    out: list[Page] = []
    for page in pages:
        rows = [new for row in page.rows for new in _normalise_row(row)]
        out.append(page.model_copy(update={"rows": rows}))
    return out
