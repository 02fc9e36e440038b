"""A number missing from an evenly spaced run of numbers in one cell, read from its ink.

Criteria printed in one merged cell (``๗๐  ๗๕  ๘๐  ๘๕  ๙๐``) stand at even steps. When
tesseract's page pass drops one of them, the criteria parser takes the next cell's number
in its place, and a consistent form is flagged. Where the run leaves a step's room empty of
words but not of ink, that room is cropped and read like any number cell.

>>> issues = read_missing_slots(rows, grid_boxes, gray, ink, dpi=200)  # doctest: +SKIP
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Callable

from thaieval.parsers.layout import lines_from_words, words_text
from thaieval.pipeline.ocr.glyph_classes import floor_confidence, read_digit_glyphs
from thaieval.pipeline.ocr.number_reading import (
    GLYPH_SURE,
    MIN_VOTE,
    crop_box,
    digit_shape,
    has_thai_digit,
    number_shaped,
    readings_until_agreed,
    value_key,
    well_formed,
)
from thaieval.pipeline.ocr.passes.empty_cells import ink_extent
from thaieval.pipeline.ocr.passes.interface import PageDraft, PageScan
from thaieval.pipeline.pages.images import GrayImage
from thaieval.schemas.page import Box, Cell, PageIssue, Row, Word, union_boxes

__all__ = ["empty_rooms", "read_missing_slots", "run"]

STAGE = "ocr"
# Set by hand with this pass (0446c66), no sweep recorded.
EVEN = 0.15  # steps between the numbers' centres differ from their median by at most this share
MIN_RUN = 3  # numbers in the run, at least, for its step to be trusted
SLOT_GROW_PT = 2  # a room is looked at for ink this much wider each way than a number


def empty_rooms(words: list[Word], cell_box: Box) -> list[Box]:
    """Boxes (points) where an evenly spaced run of number words in ``cell_box`` leaves a
    step's room without a word: inside the run, or one step before or after it.

    >>> w = lambda x: Word(text="80", box=Box(x0=x, top=0, x1=x + 12, bottom=10))
    >>> [b.x0 for b in empty_rooms([w(434), w(474), w(514), w(554)], Box(x0=390, top=0, x1=600, bottom=10))]
    [394.0]
    """
    numbers = [w for w in words if w.box is not None and number_shaped(w.text)]
    if len(numbers) < MIN_RUN or len(numbers) != len([w for w in words if w.box is not None]):
        return []
    boxes = sorted((w.box for w in numbers if w.box is not None), key=lambda b: b.x0)
    centres = [(b.x0 + b.x1) / 2 for b in boxes]
    steps = [b - a for a, b in itertools.pairwise(centres)]
    step = statistics.median(steps)
    width = statistics.median(b.x1 - b.x0 for b in boxes)
    top, bottom = min(b.top for b in boxes), max(b.bottom for b in boxes)
    if step <= width:
        return []
    wanted: list[float] = []
    for centre, gap in zip(centres, steps, strict=False):
        if abs(gap - 2 * step) <= 2 * EVEN * step:
            wanted.append(centre + step)  # one number missing inside the run
        elif abs(gap - step) > EVEN * step:
            return []  # not an even run: no room can be told
    wanted += [centres[0] - step, centres[-1] + step]
    return [
        Box(x0=c - width / 2, top=top, x1=c + width / 2, bottom=bottom)
        for c in wanted
        if cell_box.x0 <= c - width / 2 and c + width / 2 <= cell_box.x1
    ]


def _read(
    gray: GrayImage, box: Box, grid_box: Box, dpi: float, shape: str
) -> tuple[str, float] | None:
    """The number in the room ``box``, or None. Nothing was read there before, so there is
    no first reading to keep: Thai digits are the classifier's when the model accepts them, or
    when they have the run's ``shape`` and are a Thai number at all (then flagged by their low
    confidence); Arabic ones need two readings that agree."""
    crop = crop_box(gray, box, dpi, grid_box)
    glyphs = read_digit_glyphs(crop)
    if glyphs is not None and has_thai_digit(glyphs[0]) and well_formed(glyphs[0]):
        bar = floor_confidence() if digit_shape(glyphs[0]) == shape else GLYPH_SURE
        return glyphs if glyphs[1] >= bar else None
    votes = [r for r in readings_until_agreed(crop, dpi) if well_formed(r[0])]
    for reading in votes:
        agreeing = [r for r in votes if value_key(r[0]) == value_key(reading[0])]
        if len(agreeing) >= 2 and max(r[1] for r in agreeing) >= MIN_VOTE:
            return max(agreeing, key=lambda r: r[1])
    return None


def read_missing_slots(
    rows: list[Row],
    grid_box: Callable[[Row, Cell], Box | None],
    gray: GrayImage,
    ink: GrayImage,
    dpi: float,
) -> list[PageIssue]:
    """Table cells holding an evenly spaced run of numbers get the number whose room the
    page pass left empty, when that room holds ink that reads as a number."""
    issues: list[PageIssue] = []
    for row in rows:
        for cell in row.cells:
            if row.table is None or cell.box is None or len(lines_from_words(cell.words)) != 1:
                continue
            ruled = grid_box(row, cell)
            if ruled is None:
                continue
            added = []
            shapes = [digit_shape(w.text) for w in cell.words]
            shape = max(set(shapes), key=shapes.count) if shapes else ""
            for slot in empty_rooms(cell.words, ruled):
                grown = Box(
                    x0=slot.x0 - SLOT_GROW_PT,
                    top=slot.top - SLOT_GROW_PT,
                    x1=slot.x1 + SLOT_GROW_PT,
                    bottom=slot.bottom + SLOT_GROW_PT,
                )
                if ink_extent(ink, grown, dpi) is None:
                    continue
                reading = _read(gray, slot, ruled, dpi, shape)
                if reading is not None:
                    added.append(Word(text=reading[0], box=slot, confidence=reading[1]))
            if not added:
                continue
            cell.words = sorted([*cell.words, *added], key=lambda w: w.box.x0 if w.box else 0.0)
            cell.box = cell.box.union(union_boxes([w.box for w in added]))
            cell.text = words_text(cell.words)
            read = ", ".join(w.text for w in added)
            issues.append(
                PageIssue(
                    stage=STAGE,
                    category="missing_number",
                    message=f"a number the page pass left out of a run read from its ink: {read}",
                )
            )
    return issues


def run(scan: PageScan, draft: PageDraft) -> None:
    """The pass: runs of numbers in ``draft.rows`` get the number the page pass left out."""
    draft.issues += read_missing_slots(draft.rows, scan.ruled_box, scan.gray, scan.ink, scan.dpi)
