"""Tesseract's words laid out in rows and cells, the same table model the text-layer reader
builds (:func:`thaieval.parsers.layout.page_rows`); numbers tesseract cut at their point are
joined first (:mod:`thaieval.pipeline.ocr.passes.split_numbers`), and a cell is as sure as its
least sure word.

>>> from thaieval.schemas.page import Box, Word
>>> word = Word(text="8.77", box=Box(x0=10, top=10, x1=30, bottom=20), confidence=91.0)
>>> draft = PageDraft(number=1, words=[word])
>>> run(PageScan(prepared=None, tables=[], turn=0, dpi=300, lang="tha", timeout=1), draft)
>>> [(c.text, c.confidence) for r in draft.rows for c in r.cells]
[('8.77', 91.0)]
"""

from __future__ import annotations

from thaieval.parsers.layout import page_rows
from thaieval.pipeline.ocr.passes.interface import PageDraft, PageScan
from thaieval.pipeline.ocr.passes.split_numbers import join_split_numbers
from thaieval.schemas.page import Row

__all__ = ["fill_confidence", "run"]


def fill_confidence(rows: list[Row]) -> None:
    """Each cell's confidence set to its least sure word's (None with no word's)."""
    for row in rows:
        for cell in row.cells:
            values = [w.confidence for w in cell.words if w.confidence is not None]
            cell.confidence = min(values) if values else None


def run(scan: PageScan, draft: PageDraft) -> None:
    """The pass: ``draft.rows`` made from ``draft.words`` (which keep the words as read)."""
    draft.rows = page_rows(draft.number, join_split_numbers(draft.words), scan.tables)
    fill_confidence(draft.rows)
