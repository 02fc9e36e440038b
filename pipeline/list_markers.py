"""List numbers in free text that tesseract misread or lost, read again by glyph matching.

A numbered list with a hanging indent (``2.`` at the margin, the text a tab further in) is
where tesseract's Thai page pass is weakest: it reads the marker as letters (``De``,
``eee``) or leaves it out, and a gap in the numbering (an inconsistency users come for)
can no longer be seen. The ink left of a line's first trusted word is matched against the
digit templates; a sure ``N.`` replaces the doubtful words before it.

>>> issues = restore_list_markers(rows, gray, dpi=300)  # doctest: +SKIP
"""

from __future__ import annotations

import re
import statistics

import cv2
import numpy as np

from pipeline.glyphs import glyph_readings
from pipeline.page_images import GrayImage
from schemas.page import Box, Cell, PageIssue, Row, Word

__all__ = ["MARKER", "restore_list_markers"]

STAGE = "ocr"
MARKER = re.compile(r"[0-9๐-๙]{1,2}\.")
DOUBTFUL_WORD = 60.0  # a leading word read with less confidence may be a marker misread
SHORT_WORD = 4  # ... when it is this short (``De``, ``eee``, ``เรณะ``)
# Worst digit match of a marker read from ink alone, by script: the Thai templates fit
# less closely (๑ matches at 40–65 when right, Arabic digits at 85–96), so a Thai reading
# must also fit much better than the Arabic one.
SURE_MARKER = {"arabic": 70.0, "thai": 50.0}
SCRIPT_MARGIN = 20.0
# A marker sits a tab left of its text: up to this many line heights.
REACH = 3.5


def _doubtful(word: Word) -> bool:
    """A word that may be a list number misread: short, unsure and not already a marker.

    >>> _doubtful(Word(text="De", confidence=45.6)), _doubtful(Word(text="2.", confidence=40))
    (True, False)
    """
    return (
        len(word.text) <= SHORT_WORD
        and (word.confidence or 0.0) < DOUBTFUL_WORD
        and not MARKER.fullmatch(word.text)
    )


def _band(words: list[Word]) -> tuple[float, float] | None:
    """The line's text band (top, bottom) from its trusted words' boxes, whose medians
    ignore a misread word spanning two lines."""
    boxes = [w.box for w in words if w.box is not None]
    if not boxes:
        return None
    return statistics.median(b.top for b in boxes), statistics.median(b.bottom for b in boxes)


def _ink_box(crop: GrayImage, band: tuple[int, int, int, int]) -> tuple[int, int] | None:
    """The x-range (pixels) of the ink in the band's rows of ``crop``."""
    top, bottom = band[2], band[3]
    rows = crop[max(0, top) : max(top + 1, bottom)]
    _, ink = cv2.threshold(rows, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    columns = np.flatnonzero(ink.any(axis=0))
    return (int(columns[0]), int(columns[-1]) + 1) if columns.size else None


def _marker_at(gray: GrayImage, area: Box, dpi: float) -> tuple[str, float, Box] | None:
    """The list number printed in ``area`` (in points) and its box, when its glyphs say so
    surely. The crop reaches half a line above and below, so that a digit taller than the
    line's Thai letters is whole; only blobs centred in the line's band are read."""
    scale = dpi / 72
    h, w = gray.shape
    reach = (area.bottom - area.top) / 2
    x0, y0 = max(0, round(area.x0 * scale)), max(0, round((area.top - reach) * scale))
    x1, y1 = min(w, round(area.x1 * scale)), min(h, round((area.bottom + reach) * scale))
    if x1 - x0 < 4 or y1 - y0 < 4:
        return None
    crop = gray[y0:y1, x0:x1]
    band = (0, x1 - x0, round(area.top * scale) - y0, round(area.bottom * scale) - y0)
    readings = glyph_readings(crop, band)
    if not readings:
        return None
    script, other = sorted(readings, key=lambda k: readings[k].mean, reverse=True)
    best = readings[script]
    ink = _ink_box(crop, band)
    if (
        not MARKER.fullmatch(best.text)
        or best.worst < SURE_MARKER[script]
        or best.mean - readings[other].mean < SCRIPT_MARGIN
        or ink is None
    ):
        return None
    box = Box(x0=(x0 + ink[0]) / scale, top=area.top, x1=(x0 + ink[1]) / scale, bottom=area.bottom)
    return best.text, best.worst, box


def _restore(cell: Cell, gray: GrayImage, dpi: float) -> str | None:
    words = cell.words
    if not words or MARKER.fullmatch(words[0].text):
        return None
    lead = 0
    while lead < min(2, len(words) - 1) and _doubtful(words[lead]):
        lead += 1
    anchor = words[lead]
    band = _band(words[lead:])
    if anchor.box is None or band is None:
        return None
    top, bottom = band
    height = bottom - top
    left = anchor.box.x0 - REACH * height
    if lead:
        left = min(left, min(w.box.x0 for w in words[:lead] if w.box is not None) - height / 3)
    area = Box(
        x0=left,
        top=top,
        x1=anchor.box.x0 - height / 8,
        bottom=bottom,
    )
    found = _marker_at(gray, area, dpi)
    if found is None:
        return None
    text, confidence, box = found
    marker = Word(text=text, box=box, confidence=confidence)
    replaced = " ".join(w.text for w in words[:lead])
    rest = cell.text.strip()
    # The rest of the line keeps the spacing the layout gave it.
    rest = rest[len(replaced) :].lstrip() if rest.startswith(replaced) else rest
    cell.words[:lead] = [marker]
    cell.text = f"{text} {rest}"
    return f"list number {text} read from its glyphs" + (f" (OCR: {replaced})" if lead else "")


def restore_list_markers(rows: list[Row], gray: GrayImage, dpi: float) -> list[PageIssue]:
    """Free-text lines whose list number tesseract misread or lost get it back, read from
    the ink left of their first trusted word; one ``list_marker`` issue per line mended."""
    issues: list[PageIssue] = []
    for row in rows:
        if row.table is not None or not row.cells:
            continue
        message = _restore(row.cells[0], gray, dpi)
        if message is not None:
            issues.append(PageIssue(stage=STAGE, category="list_marker", message=message))
    return issues
