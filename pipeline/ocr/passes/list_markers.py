"""List numbers in free text that tesseract misread or lost, read again by the glyph classifier.

A numbered list with a hanging indent (``2.`` at the margin, the text a tab further in) is
where tesseract's Thai page pass is weakest: it reads the marker as letters (``De``,
``eee``) or leaves it out, and a gap in the numbering (an inconsistency users come for)
can no longer be seen. The ink left of a line's first trusted word is read by the glyph
classifier; an ``N.`` it sees clearly replaces the doubtful words before it.

>>> issues = restore_list_markers(rows, gray, dpi=300)  # doctest: +SKIP
"""

from __future__ import annotations

import re

import numpy as np

from thaieval.parsers.layout import median_band
from thaieval.pipeline.ocr.glyph_classes import THAI_SHARE, glyph_readings
from thaieval.pipeline.ocr.ink_blobs import DIGIT_TALL, components
from thaieval.pipeline.ocr.passes.interface import PageDraft, PageScan
from thaieval.pipeline.pages.images import GrayImage
from thaieval.schemas.page import Box, Cell, PageIssue, Row, Word

__all__ = ["MARKER", "restore_list_markers", "run"]

STAGE = "ocr"
MARKER = re.compile(r"[0-9๐-๙]{1,2}\.")
_BARE = re.compile(r"[0-9๐-๙]{1,2}")
# Set by hand on the seed's evidence list read at 200 and 300 dpi (3a9a692; ON_BASELINE in
# 909af47), no sweep recorded.
DOUBTFUL_WORD = 60.0  # a leading word read with less confidence may be a marker misread
SHORT_WORD = 4  # ... when it is this short (``De``, ``eee``, ``เรณะ``)
# Worst glyph probability of a marker read from ink alone (digits and point); the script's
# share must be glyph_classes.THAI_SHARE. Measured on the markers of `make eval` and
# `make eval-family` (shipped weights): the 45 the template matcher read had 0.91–0.998,
# all read alike by the classifier.
SURE_MARKER = 0.9
ON_BASELINE = 0.2  # a point ends this close (in digit heights) to the digits' baseline
# A marker sits a tab left of its text: up to this many line heights.
REACH = 3.5


def _doubtful(word: Word) -> bool:
    """A word that may be a list number misread: short and unsure (``เรณะ``, ``9.`` for
    ``2.``); short with no Thai letter (``ily``, ``+``) or ending in a point (``ไต.``); or a
    bare number of one or two digits (its point may be lost: ``5``). Only a sure ``N.`` in
    the ink replaces it, so a number printed without a point stays.

    >>> _doubtful(Word(text="De", confidence=45.6)), _doubtful(Word(text="2.", confidence=93))
    (True, False)
    >>> _doubtful(Word(text="5", confidence=95)), _doubtful(Word(text="ที่", confidence=95))
    (True, False)
    >>> _doubtful(Word(text="ily", confidence=62)), _doubtful(Word(text="1.", confidence=92))
    (True, False)
    """
    if _BARE.fullmatch(word.text):
        return True
    if MARKER.fullmatch(word.text):
        return (word.confidence or 0.0) < DOUBTFUL_WORD
    if len(word.text) > SHORT_WORD:
        return False
    # Tesseract's Thai model is often sure of the letters it makes of a number: Latin ones,
    # or Thai ones before the number's point (``ไต.`` for ๒.).
    thai = any("\u0e01" <= ch <= "\u0e4e" for ch in word.text)
    return not thai or word.text.endswith(".") or (word.confidence or 0.0) < DOUBTFUL_WORD


def _marker_ink(crop: GrayImage, top: int, bottom: int) -> tuple[GrayImage, int, int] | None:
    """The crop with only the ink of one line's number left: blobs centred between ``top``
    and ``bottom`` (pixels), of which the small ones only on the digits' baseline (a point
    of the line above or below is not this number's); with the x-range of that ink."""
    blobs = [b for b in components(crop) if top <= b[1] + b[3] / 2 <= bottom]
    if not blobs:
        return None
    height = max(b[3] for b in blobs)
    digits = [b for b in blobs if b[3] >= DIGIT_TALL * height]
    baseline = max(b[1] + b[3] for b in digits)
    kept = digits + [
        b
        for b in blobs
        if b[3] < DIGIT_TALL * height and abs(b[1] + b[3] - baseline) <= ON_BASELINE * height
    ]
    clean = np.full_like(crop, 255)
    for x, y, w, h, mask in kept:
        clean[y : y + h, x : x + w][mask > 0] = crop[y : y + h, x : x + w][mask > 0]
    return clean, min(b[0] for b in kept), max(b[0] + b[2] for b in kept)


def _marker_at(gray: GrayImage, area: Box, dpi: float) -> tuple[str, float, Box] | None:
    """The list number printed in ``area`` (in points) and its box, when its glyphs say so
    surely. The crop reaches half a line above and below, so that a digit taller than the
    line's Thai letters is whole; only the line's own ink is read."""
    scale = dpi / 72
    h, w = gray.shape
    reach = (area.bottom - area.top) / 2
    x0, y0 = max(0, round(area.x0 * scale)), max(0, round((area.top - reach) * scale))
    x1, y1 = min(w, round(area.x1 * scale)), min(h, round((area.bottom + reach) * scale))
    if x1 - x0 < 4 or y1 - y0 < 4:
        return None
    crop = gray[y0:y1, x0:x1]
    ink = _marker_ink(crop, round(area.top * scale) - y0, round(area.bottom * scale) - y0)
    if ink is None:
        return None
    clean, left, right = ink
    readings = glyph_readings(clean)
    if readings is None:
        return None
    best = readings.best
    share = max(readings.thai_share, 1.0 - readings.thai_share)
    if not MARKER.fullmatch(best.text) or best.worst < SURE_MARKER or share < THAI_SHARE:
        return None
    box = Box(x0=(x0 + left) / scale, top=area.top, x1=(x0 + right) / scale, bottom=area.bottom)
    return best.text, best.confidence, box


def _restore(cell: Cell, gray: GrayImage, dpi: float) -> str | None:
    words = cell.words
    if not words or (not _doubtful(words[0]) and MARKER.fullmatch(words[0].text)):
        return None
    lead = 0
    while lead < min(2, len(words) - 1) and _doubtful(words[lead]):
        lead += 1
    anchor = words[lead]
    # The band of the trusted words: a misread word may span two lines.
    boxes = [w.box for w in words[lead:] if w.box is not None]
    if anchor.box is None or not boxes:
        return None
    top, bottom = median_band(boxes)
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
    if lead and words[0].text == text:
        return None  # the glyphs agree with tesseract's reading
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


def run(scan: PageScan, draft: PageDraft) -> None:
    """The pass: list numbers of ``draft.rows`` that tesseract misread or lost read again."""
    draft.issues += restore_list_markers(draft.rows, scan.gray, scan.dpi)
