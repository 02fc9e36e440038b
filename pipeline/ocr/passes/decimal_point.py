"""A decimal point that tesseract did not see, found in the ink.

At 200 dpi the point of ``7.080`` in a serif face is three pixels square and tucked under
the 7's bar; tesseract reads ``7080`` under every binarisation, scale and segmentation
mode. The ink still shows it: a dot on the digits' baseline, between two digits. Its place
among the digits is read from where it stands along the number's width.

>>> with_found_point(crop_of_7_080, "7080")  # doctest: +SKIP
'7.080'
"""

from __future__ import annotations

import re

from thaieval.pipeline.ocr.ink_blobs import DIGIT_TALL, Blob, components
from thaieval.pipeline.pages.images import GrayImage

__all__ = ["with_found_point"]

_DIGITS = re.compile(r"[0-9๐-๙]{2,}")
# Set by hand on the 200 dpi serif ``7.080`` (3a9a692), no sweep recorded.
DOT = 0.35  # a point is at most this many digit heights wide and tall
ON_BASELINE = 0.15  # ... and ends within this many digit heights of the baseline
# The point's place among n digits, from where it stands, must fall this close to a gap.
PLACE_SLACK = 0.25
SAME_WIDTH = 0.3  # ... and the digits either side be this close in width


def _dots(blobs: list[Blob], height: int, baseline: int) -> list[Blob]:
    return [
        b
        for b in blobs
        if b[2] <= DOT * height
        and b[3] <= DOT * height
        and abs(b[1] + b[3] - baseline) <= ON_BASELINE * height
    ]


def with_found_point(crop: GrayImage, text: str) -> str | None:
    """``text`` (digits only, as tesseract read the number in ``crop``) with the decimal
    point the ink shows between two of its digits; None when the ink shows no lone point
    or its place is unclear."""
    if not _DIGITS.fullmatch(text):
        return None
    blobs = components(crop)
    if not blobs:
        return None
    height = max(b[3] for b in blobs)
    tall = [b for b in blobs if b[3] >= DIGIT_TALL * height]
    if not tall:
        return None
    baseline = max(b[1] + b[3] for b in tall)
    start, end = min(b[0] for b in tall), max(b[0] + b[2] for b in tall)
    dots = [d for d in _dots(blobs, height, baseline) if start < d[0] and d[0] + d[2] < end]
    if len(dots) != 1 or len(tall) + len(dots) < len(blobs):
        return None  # no point, several, or other marks in the crop: not a plain number
    dot = dots[0]
    left, right = dot[0] - start, end - (dot[0] + dot[2])
    # The digits stand left and right of the point in proportion to their count, and the
    # two sides must agree on a digit's width (a digit tesseract lost would show here).
    place = left / (left + right) * len(text)
    k = round(place)
    if not 0 < k < len(text) or abs(place - k) > PLACE_SLACK:
        return None
    widths = left / k, right / (len(text) - k)
    if min(widths) < (1 - SAME_WIDTH) * max(widths):
        return None
    return f"{text[:k]}.{text[k:]}"
