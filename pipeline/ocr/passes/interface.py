"""The one signature of an OCR pass: ``(scan, draft) -> None``.

:func:`thaieval.pipeline.ocr.page.ocr_page` reads the page once with tesseract, then runs its
passes in order. Each pass reads the :class:`PageScan` (the page's pixels as tesseract read
them, its tables, the reading options; never changed) and edits the :class:`PageDraft` in
place: the words as read, the rows and cells made of them, the issues it noticed.

>>> def count_rows(scan: PageScan, draft: PageDraft) -> None:
...     draft.issues.append(PageIssue(stage="ocr", category="rows", message=str(len(draft.rows))))
>>> draft = PageDraft(number=1, words=[])
>>> count_rows(scan, draft)  # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from thaieval.parsers.table_grid import TableGrid
from thaieval.pipeline.ocr.preprocess import Prepared
from thaieval.pipeline.pages.images import GrayImage
from thaieval.schemas.page import Box, Cell, PageIssue, Row, Word

__all__ = ["RULE_CLEARANCE", "OcrPass", "PageDraft", "PageScan"]

# Points a ruled cell's box is inset by, so that a crop of it holds none of its rules; set by
# hand in the first skeleton (f62841c), no measurement recorded.
RULE_CLEARANCE = 2


@dataclass(frozen=True)
class PageScan:
    """The page as tesseract read it, the same for every pass: ``prepared`` holds the grey
    page and its ink mask, deskewed and (when ``turn`` is 180) turned over; ``tables`` the
    ruled tables found in it; ``dpi``, ``lang`` and ``timeout`` the reading options."""

    prepared: Prepared
    tables: list[TableGrid]
    turn: int
    dpi: float
    lang: str
    timeout: float

    @property
    def gray(self) -> GrayImage:
        return self.prepared.gray

    @property
    def ink(self) -> GrayImage:
        return self.prepared.ink

    def ruled_box(self, row: Row, cell: Cell) -> Box | None:
        """The ruled box (inset past its rules) of the grid cell that holds ``cell`` of a
        table ``row``; None for free text or a cell outside every grid cell."""
        if row.table is None or cell.box is None:
            return None
        x, y = (cell.box.x0 + cell.box.x1) / 2, (cell.box.top + cell.box.bottom) / 2
        for gc in self.tables[row.table].cells:
            b = gc.box
            if b.x0 <= x <= b.x1 and b.top <= y <= b.bottom:
                inset = RULE_CLEARANCE
                return Box(
                    x0=b.x0 + inset, top=b.top + inset, x1=b.x1 - inset, bottom=b.bottom - inset
                )
        return None


@dataclass
class PageDraft:
    """What the passes build: ``words`` as read from the page (the page's OCR confidence is
    theirs), ``rows`` laid out from them and corrected, ``issues`` noticed, and ``settled``,
    the ids of cells whose every word glyph matching read (not to be matched again)."""

    number: int
    words: list[Word]
    rows: list[Row] = field(default_factory=list)
    issues: list[PageIssue] = field(default_factory=list)
    settled: set[int] = field(default_factory=set)


class OcrPass(Protocol):
    """One step after tesseract's page read: reads ``scan``, edits ``draft`` in place."""

    def __call__(self, scan: PageScan, draft: PageDraft, /) -> None: ...
