"""The normalise stage: markup removed, Thai digits made Arabic, Thai text repaired.

A single-cell line with HTML paragraphs becomes one row per paragraph (the rows keep their
source line); a line of HTML table rows (``<tr><td>…</td></tr>``) becomes one row per ``<tr>``
with a cell per ``<td>``/``<th>``, empty cells kept so that columns stay in place; a table row
keeps its cells, each cleaned on its own.

>>> from thaieval.schemas.page import Cell, Row, Page
>>> page = Page(number=1, rows=[Row(page=1, line=3, cells=[Cell(text="<p>■ จุดอ่อน</p> <p>๑. ก</p>")])])
>>> [r.text for r in normalise_pages([page])[0].rows]
['■ จุดอ่อน', '1. ก']
"""

from __future__ import annotations

import itertools
import re

from thaieval.parsers.debris import drop_debris, is_speck_line
from thaieval.parsers.digits import thai_to_arabic
from thaieval.parsers.line_wrap import merge_wrapped_rows
from thaieval.parsers.mark_restoration import restore_lost_marks
from thaieval.parsers.markup import split_blocks, strip_markup
from thaieval.parsers.name_spans import name_spans
from thaieval.parsers.person_names import restore_listed_name
from thaieval.parsers.thai_repair import repair_thai_text
from thaieval.schemas.page import Page, Row

__all__ = ["html_table_rows", "normalise_pages", "normalise_text", "restore_outside_names"]

_SPACES = re.compile(r"[ \u00a0\u2000-\u200a\u3000]+")
_THAI = re.compile(r"[\u0e01-\u0e2e]")
_TABLE_CELL = re.compile(r"<t[dh]\b[^>]*>", re.IGNORECASE)
_TABLE_ROW = re.compile(r"</?tr\b[^>]*>", re.IGNORECASE)


def normalise_text(text: str) -> str:
    """One cell's text: markup out, digits Arabic, Thai repaired, spaces folded."""
    text = repair_thai_text(thai_to_arabic(strip_markup(text)))
    return _SPACES.sub(" ", text).strip()


def html_table_rows(text: str) -> list[list[str]] | None:
    """Cells of each ``<tr>`` in ``text`` (raw, markup still in); None when it has no table cell.

    >>> html_table_rows("<table><tr><th>ตัวชี้วัด</th><th>คะแนนที่ได้</th></tr><tr><td></td><td>๑๐</td></tr>")
    [['<th>ตัวชี้วัด</th>', '<th>คะแนนที่ได้</th>'], ['<td></td>', '<td>๑๐</td>']]
    """
    if not _TABLE_CELL.search(text):
        return None
    rows: list[list[str]] = []
    for piece in _TABLE_ROW.split(text):
        starts = [m.start() for m in _TABLE_CELL.finditer(piece)]
        if starts:
            bounds = [*starts, len(piece)]
            rows.append([piece[a:b] for a, b in itertools.pairwise(bounds)])
    return rows


def _normalise_row(row: Row) -> list[Row]:
    filled = row.filled()
    table = html_table_rows(filled[0].text) if len(filled) == 1 else None
    if table is not None:
        cell = filled[0]
        out = [
            row.model_copy(
                update={
                    "cells": [cell.model_copy(update={"text": normalise_text(t)}) for t in cells]
                }
            )
            for cells in table
        ]
        return [r for r in out if any(c.text for c in r.cells)]
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
        source = page.rows
        if page.method == "ocr":
            source = [_without_debris(row) for row in source]
        rows = [new for row in source for new in _normalise_row(row)]
        if page.method == "ocr":
            rows = [_restored(row) for row in rows]
        rows = merge_wrapped_rows(rows, page.width)
        out.append(page.model_copy(update={"rows": rows}))
    return out


def _without_debris(row: Row) -> Row:
    """An OCR'd row without the specks read as words inside its Thai text."""
    free = row.table is None
    if free and is_speck_line([w for c in row.cells for w in c.words]):
        return row.model_copy(update={"cells": []})
    cells = [drop_debris(c, keep_first=free and i == 0) for i, c in enumerate(row.cells)]
    return row.model_copy(update={"cells": cells})


def _restored(row: Row) -> Row:
    """An OCR'd row with the marks tesseract dropped put back where the dictionary leaves one
    clear reading (ที → ที่, นำท่วม → น้ำท่วม); numbers and codes are left alone, and so are
    persons' names, which the dictionary of words would only guess at."""
    cells = [
        c.model_copy(update={"text": restore_outside_names(c.text)}) if _THAI.search(c.text) else c
        for c in row.cells
    ]
    return row.model_copy(update={"cells": cells})


def restore_outside_names(text: str) -> str:
    """``text`` with lost marks restored by the dictionary everywhere but in the persons'
    names it prints (:func:`thaieval.parsers.name_spans.name_spans`): a name takes a mark only from
    the lists of names, where they allow one reading alone
    (:func:`thaieval.parsers.person_names.restore_listed_name`). เรืองศรี is no เรื่อง + ศรี.

    Units are words (สำนักการระบายน้ำ): OCR loses their marks as any word's, and on a scan
    the dictionary is what puts them back (a text layer keeps them exactly, see
    :mod:`thaieval.pipeline.pages.text_layer.classify`).

    >>> restore_outside_names("(นายสมศักดิ เรืองศรี) ผู้ประเมินผลการดำเนินงานที")
    '(นายสมศักดิ์ เรืองศรี) ผู้ประเมินผลการดำเนินงานที่'
    """
    out, at = [], 0
    for start, end in name_spans(text, units=False):
        if start > at:
            out.append(restore_lost_marks(text[at:start], compounds=True))
        out.append(restore_listed_name(text[max(at, start) : end]))
        at = max(at, end)
    if at < len(text):
        out.append(restore_lost_marks(text[at:], compounds=True))
    return "".join(out)
