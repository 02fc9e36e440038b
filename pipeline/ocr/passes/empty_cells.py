"""Table cells the page pass left empty but that hold ink, read on their own.

Tesseract's page segmentation passes over a lone short word in a ruled cell (the criteria
๓ ๔ ๕ ๖ ๗ of a row whose name wraps over three lines came back as nothing). A cell with no
word but with a text-sized blob of ink is read from its crop: by the glyph classifier when it
is Thai digits, else by tesseract as one line.

>>> words += read_empty_cells(words, tables, prepared, dpi=200, lang="tha+eng")  # doctest: +SKIP
"""

from __future__ import annotations

import cv2
import numpy as np

from thaieval.parsers.table_grid import TableGrid
from thaieval.pipeline.ocr.glyph_classes import thai_digit_reading
from thaieval.pipeline.ocr.passes.interface import PageDraft, PageScan
from thaieval.pipeline.ocr.preprocess import Prepared
from thaieval.pipeline.ocr.tesseract_run import parse_tsv, run_tesseract
from thaieval.pipeline.pages.images import GrayImage
from thaieval.schemas.page import Box, Word

__all__ = ["INSET_PT", "MIN_INK_PT", "ink_extent", "inked_empty_cells", "read_empty_cells", "run"]

# Set by hand with this pass (7214e46: scan200 numbers 96.6% → 98.5%, scan300 91.8% → 95.9%,
# no false error flags), no sweep recorded.
INSET_PT = 3.0  # the cell's inside, clear of its rules
MIN_INK_PT = 4.0  # a blob at least this tall (or wide) is text, not a speck
CELL_TIMEOUT = 20.0  # seconds for one cell
MARGIN_PX = 10  # margin round a cell's crop, for tesseract to find the line (as number_reading's)


def _inside(box: Box) -> Box:
    return Box(
        x0=box.x0 + INSET_PT,
        top=box.top + INSET_PT,
        x1=box.x1 - INSET_PT,
        bottom=box.bottom - INSET_PT,
    )


def _px(box: Box, dpi: float) -> tuple[int, int, int, int]:
    k = dpi / 72.0
    return round(box.x0 * k), round(box.top * k), round(box.x1 * k), round(box.bottom * k)


def _ink_box(ink: GrayImage, dpi: float) -> tuple[int, int, int, int] | None:
    """Bounding box (x0, y0, x1, y1 in the crop) of the text-sized blobs of a cell's ink."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    least = MIN_INK_PT * dpi / 72.0
    boxes = [
        (int(x), int(y), int(x + w), int(y + h))
        for x, y, w, h, _ in stats[1:count]
        if max(w, h) >= least
    ]
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def ink_extent(ink: GrayImage, box: Box, dpi: float) -> Box | None:
    """Box (points) around the text-sized ink inside a table cell's ``box``, clear of its
    rules; None when the cell holds none.

    >>> ink_extent(np.zeros((100, 100), np.uint8), Box(x0=0, top=0, x1=30, bottom=30), 200) is None
    True
    """
    inner = _inside(box)
    if inner.x1 <= inner.x0 or inner.bottom <= inner.top:
        return None
    x0, y0, x1, y1 = _px(inner, dpi)
    x0, y0 = max(0, x0), max(0, y0)
    found = _ink_box(ink[y0:y1, x0:x1], dpi)
    if found is None:
        return None
    k = 72.0 / dpi
    fx0, fy0, fx1, fy1 = found
    return Box(x0=(x0 + fx0) * k, top=(y0 + fy0) * k, x1=(x0 + fx1) * k, bottom=(y0 + fy1) * k)


def inked_empty_cells(
    words: list[Word], tables: list[TableGrid], ink: GrayImage, dpi: float
) -> list[Box]:
    """Boxes (points) around the ink of grid cells that no word's centre falls in."""
    out: list[Box] = []
    for grid in tables:
        for cell in grid.cells:
            b = cell.box
            if any(
                w.box is not None
                and b.x0 <= (w.box.x0 + w.box.x1) / 2 <= b.x1
                and b.top <= (w.box.top + w.box.bottom) / 2 <= b.bottom
                for w in words
            ):
                continue
            found = ink_extent(ink, b, dpi)
            if found is not None:
                out.append(found)
    return out


def _read_line(crop: GrayImage, dpi: float, lang: str) -> tuple[str, float] | None:
    pad = MARGIN_PX
    padded = cv2.copyMakeBorder(crop, pad, pad, pad, pad, cv2.BORDER_REPLICATE)
    out = run_tesseract(
        padded, lang=lang, psm=7, dpi=dpi, timeout=CELL_TIMEOUT, outputs=("txt", "tsv")
    )
    symbols = parse_tsv(out["tsv"])
    text = " ".join(out["txt"].split())
    if not symbols or not text:
        return None
    return text, float(np.min([s.confidence for s in symbols]))


def read_empty_cells(
    words: list[Word], tables: list[TableGrid], prepared: Prepared, dpi: float, lang: str
) -> list[Word]:
    """Words read from the inked cells the page pass left empty, one word a cell."""
    found: list[Word] = []
    for box in inked_empty_cells(words, tables, prepared.ink, dpi):
        pad = (box.bottom - box.top) / 3
        x0, y0, x1, y1 = _px(
            Box(x0=box.x0 - pad, top=box.top - pad, x1=box.x1 + pad, bottom=box.bottom + pad), dpi
        )
        crop = prepared.gray[max(0, y0) : y1, max(0, x0) : x1]
        if crop.size == 0:
            continue
        reading = thai_digit_reading(crop) or _read_line(crop, dpi, lang)
        if reading is not None:
            found.append(Word(text=reading[0], box=box, confidence=round(reading[1], 2)))
    return found


def run(scan: PageScan, draft: PageDraft) -> None:
    """The pass: words read from the inked cells the page pass left empty join ``draft.words``."""
    draft.words += read_empty_cells(draft.words, scan.tables, scan.prepared, scan.dpi, scan.lang)
