"""Table cells holding one number that read badly, read again from their crop.

A cell that holds one number read with little confidence, in Thai digits, split by a space
(``5 388``: a point not read), or narrower than its ink (``8`` read of ``8.77``) is cropped
and read again: by tesseract under other binarisations, scales and segmentation modes and by
the glyph classifier (:mod:`thaieval.pipeline.ocr.number_reading`). An unsure short cell of a column
of numbers (``8.77`` read as ``Off``) or an unsure lone letter (``3`` read as ``ว``) becomes a
number only when the readings agree.

>>> _numeric_columns([Row(page=1, table=0, cells=[Cell(text="8.77", col=0)])] * 2)
{(0, 0)}
"""

from __future__ import annotations

import itertools

from thaieval.parsers.layout import lines_from_words
from thaieval.pipeline.ocr.glyph_classes import Reading, read_digit_glyphs
from thaieval.pipeline.ocr.number_reading import (
    MIN_VOTE,
    choose_reading,
    crop_box,
    glyphs_trusted,
    has_thai_digit,
    number_shaped,
    numeric_like,
    readings_until_agreed,
    value_key,
    well_formed,
)
from thaieval.pipeline.ocr.passes.empty_cells import ink_extent
from thaieval.pipeline.ocr.passes.interface import PageDraft, PageScan
from thaieval.pipeline.pages.images import GrayImage
from thaieval.schemas.page import Box, Cell, PageIssue, Row, Word

__all__ = ["REREAD_BELOW", "reread_number_cells", "run"]

STAGE = "ocr"
REREAD_BELOW = 85.0  # a numeric cell read with less confidence is read again (skeleton, f62841c)
# Cells of a column of numbers this short or shorter may be a misread number (68e4a14, with the
# number-column re-read: scan300 numbers 69.4% → 87.8%, scan200 42.4% → 62.8% for the commit).
NUMBER_CELL_CHARS = 8
LONE_CHARS = 2  # a lone word this short may be a digit read as a letter (7214e46)
# A gap wider than this many line heights between two numbers is a word space; narrower, one
# number whose point was lost (``5 388``; c61b7d4: scan200 numbers 99.0% → 99.5%).
WORD_SPACE = 0.5
# Ink reaching this many line heights past the words read holds more of the number (``8`` read
# of ``8.77``; 7933cb0).
UNREAD_SLACK = 0.6


def _replace(cell: Cell, reading: Reading) -> None:
    cell.text = reading[0]
    cell.confidence = reading[1]
    cell.words = [Word(text=reading[0], box=cell.box, confidence=reading[1])]


def _numeric_columns(rows: list[Row]) -> set[tuple[int, int | None]]:
    """(table, column) pairs where most filled cells, and at least two, are numbers.

    >>> _numeric_columns([Row(page=1, table=0, cells=[Cell(text="8.77", col=0)])] * 2)
    {(0, 0)}
    """
    counts: dict[tuple[int, int | None], list[int]] = {}
    for row in rows:
        if row.table is None:
            continue
        for cell in row.cells:
            if cell.text.strip():
                seen = counts.setdefault((row.table, cell.col), [0, 0])
                seen[0] += numeric_like(cell.text)
                seen[1] += 1
    return {key for key, (n, filled) in counts.items() if n >= 2 and 2 * n >= filled}


def _several_numbers(cell: Cell) -> bool:
    """Two or more numbers a word space apart; ``5 388`` with a narrow gap is one number
    whose point was not read."""
    numbers = [w for w in cell.words if number_shaped(w.text) and w.box is not None]
    if len(numbers) < 2:
        return False
    for a, b in itertools.pairwise(numbers):
        assert a.box is not None and b.box is not None
        if b.box.x0 - a.box.x1 > WORD_SPACE * (a.box.bottom - a.box.top):
            return True
    return False


def _unread_ink(box: Box, grid_box: Box | None, ink: GrayImage, dpi: float) -> Box | None:
    """The ink of the cell when it reaches well past what was read (``8`` read of ``8.77``:
    tesseract dropped the rest), else None."""
    if grid_box is None:
        return None
    extent = ink_extent(ink, grid_box, dpi)
    if extent is None:
        return None
    slack = UNREAD_SLACK * (box.bottom - box.top)
    if extent.x0 < box.x0 - slack or extent.x1 > box.x1 + slack:
        return extent.union(box)
    return None


def reread_number_cells(
    rows: list[Row], scan: PageScan, settled: set[int] | None = None
) -> list[PageIssue]:
    """Table cells holding one number that read badly (or in Thai digits) read again; also an
    unsure short cell of a column of numbers (``8.77`` read as ``Off``) or an unsure lone
    letter (``3`` read as ``ว``), which become numbers only if the readings agree. Cells in
    ``settled`` are left alone unless their ink reaches past what was read."""
    gray, ink, dpi = scan.gray, scan.ink, scan.dpi
    issues: list[PageIssue] = []
    number_columns = _numeric_columns(rows)
    for row in rows:
        for cell in row.cells:
            if row.table is None or cell.box is None:
                continue
            unsure = (cell.confidence or 0.0) < REREAD_BELOW
            in_numbers = (row.table, cell.col) in number_columns and len(
                cell.text
            ) <= NUMBER_CELL_CHARS
            lone = len(cell.words) == 1 and len(cell.text.strip()) <= LONE_CHARS  # "ว" for a lone 3
            if not number_shaped(cell.text) and not (unsure and (in_numbers or lone)):
                continue
            if len(lines_from_words(cell.words)) != 1:
                continue
            if _several_numbers(cell):
                continue  # several numbers in one cell (criteria in a merged cell) stay apart
            thai = has_thai_digit(cell.text)
            confidence = cell.confidence if cell.confidence is not None else 0.0
            grid_box = scan.ruled_box(row, cell)
            area = _unread_ink(cell.box, grid_box, ink, dpi)
            if area is None and settled and id(cell) in settled:
                continue
            split = " " in cell.text.strip()  # "5 388": a point not read
            if (
                area is None
                and not (thai or split)
                and confidence >= REREAD_BELOW
                and well_formed(cell.text)
            ):
                continue
            crop = crop_box(gray, area or cell.box, dpi, grid_box)
            # Glyphs for Thai digits, and as one more voter where the page pass saw letters.
            glyphs = read_digit_glyphs(crop) if thai or not number_shaped(cell.text) else None
            sure_glyphs = glyphs is not None and glyphs_trusted(glyphs, (cell.text, confidence))
            # Tesseract again only where the glyphs did not settle it: each call costs ~0.1 s.
            others = [] if sure_glyphs else readings_until_agreed(crop, dpi)
            chosen = choose_reading((cell.text, confidence), others, glyphs)
            agreeing = [
                r
                for r in [*others, glyphs]
                if r is not None and value_key(r[0]) == value_key(chosen[0])
            ]
            believed = len(agreeing) >= 2 and max(r[1] for r in agreeing) >= MIN_VOTE
            if not number_shaped(cell.text) and not (believed or sure_glyphs):
                # A word in a number column becomes a number only if readings agree (and
                # tesseract believes one of them), or its glyphs are surely Thai digits.
                continue
            if chosen[0] == cell.text:
                # Confirmed by another reading: as sure as the surest reading of that value.
                sure = max([confidence, *(r[1] for r in agreeing)])
                if sure > confidence:
                    _replace(cell, (cell.text, sure))
                continue
            if chosen != (cell.text, confidence):
                issues.append(
                    PageIssue(
                        stage=STAGE,
                        category="reread",
                        message=f"cell read again: {cell.text!r} ({confidence:.0f}) → "
                        f"{chosen[0]!r} ({chosen[1]:.0f})",
                    )
                )
                if area is not None:
                    cell.box = area  # the number's whole ink, not the part first read
                _replace(cell, chosen)
    return issues


def run(scan: PageScan, draft: PageDraft) -> None:
    """The pass: number cells of ``draft.rows`` read again (but those glyphs settled)."""
    draft.issues += reread_number_cells(draft.rows, scan, draft.settled)
