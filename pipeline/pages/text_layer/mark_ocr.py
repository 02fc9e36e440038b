"""OCR of just the words whose marks a text layer lost: their crops stacked, one tesseract run.

A damaged layer needs OCR only where the dictionary could not restore a mark — a tenth to
a third of a page. Each word's box is cut from the page image (with room above and below
for the marks), the crops are stacked into one strip image read as a block of lines
(``--psm 6``), and every OCR word is mapped back to the page by the crop it fell in.

>>> read = ocr_boxes(image, [Box(x0=148, top=254, x1=335, bottom=270)], lang="tha")  # doctest: +SKIP
>>> [w.text for w in read[0]]  # doctest: +SKIP
['ระดับความสําเร็จในการจัดการนําท่วม']
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from thaieval.pipeline.ocr.tesseract_run import merge_symbols, parse_tsv, run_tesseract
from thaieval.pipeline.pages.images import GrayImage, PageImage
from thaieval.schemas.page import Box, Word

__all__ = ["ocr_boxes"]

# GAP_PX, MARGIN_PX and the pads: set by hand in d1cbbef, no sweep recorded.
GAP_PX = 24  # white space between stacked crops, so tesseract keeps them apart
MARGIN_PX = 16  # white border around the strip image
# Room around a word's box, in word heights: a text layer's box ends at the font's ascent,
# and stacked marks are drawn above it.
PAD_TOP, PAD_BOTTOM, PAD_X = 0.8, 0.3, 0.3


@dataclass
class _Crop:
    x0: int  # where the crop was cut from the page, in pixels
    y0: int
    top: int  # where it sits in the strip image, in pixels
    height: int


def _cut(gray: GrayImage, box: Box, dpi: float) -> tuple[int, int, GrayImage]:
    k = dpi / 72.0
    size = box.bottom - box.top
    h, w = gray.shape
    x0, x1 = max(0, round((box.x0 - PAD_X * size) * k)), min(w, round((box.x1 + PAD_X * size) * k))
    y0 = max(0, round((box.top - PAD_TOP * size) * k))
    y1 = min(h, round((box.bottom + PAD_BOTTOM * size) * k))
    return x0, y0, gray[y0 : max(y0 + 1, y1), x0 : max(x0 + 1, x1)]


def _stack(image: PageImage, boxes: list[Box]) -> tuple[GrayImage, list[_Crop]]:
    cuts = [_cut(image.image, box, image.dpi) for box in boxes]
    width = max(c.shape[1] for _, _, c in cuts) + 2 * MARGIN_PX
    height = sum(c.shape[0] for _, _, c in cuts) + GAP_PX * (len(cuts) - 1) + 2 * MARGIN_PX
    strip = np.full((height, width), 255, np.uint8)
    crops, top = [], MARGIN_PX
    for x0, y0, cut in cuts:
        strip[top : top + cut.shape[0], MARGIN_PX : MARGIN_PX + cut.shape[1]] = cut
        crops.append(_Crop(x0=x0, y0=y0, top=top, height=cut.shape[0]))
        top += cut.shape[0] + GAP_PX
    return strip, crops


def ocr_boxes(
    image: PageImage, boxes: list[Box], *, lang: str, timeout: float = 120
) -> list[list[Word]]:
    """The OCR words read in each of ``boxes`` of a page image, boxes in page points."""
    if not boxes:
        return []
    strip, crops = _stack(image, boxes)
    out = run_tesseract(
        strip, lang=lang, psm=6, dpi=image.dpi, timeout=timeout, outputs=("txt", "tsv")
    )
    k = 72.0 / image.dpi
    read: list[list[Word]] = [[] for _ in boxes]
    for group in merge_symbols(parse_tsv(out["tsv"]), out["txt"]):
        middle = (min(s.top for s in group) + max(s.bottom for s in group)) / 2
        # A word belongs to the crop it was read in (the gap below a crop counts as its own).
        index = next(
            (i for i, c in enumerate(crops) if c.top <= middle < c.top + c.height + GAP_PX), None
        )
        if index is None:
            continue
        crop = crops[index]
        dx, dy = crop.x0 - MARGIN_PX, crop.y0 - crop.top
        read[index].append(
            Word(
                text="".join(s.text for s in group),
                box=Box(
                    x0=(min(s.left for s in group) + dx) * k,
                    top=(min(s.top for s in group) + dy) * k,
                    x1=(max(s.right for s in group) + dx) * k,
                    bottom=(max(s.bottom for s in group) + dy) * k,
                ),
                confidence=round(min(s.confidence for s in group), 2),
            )
        )
    return read
