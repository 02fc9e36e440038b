"""Ink blobs of a crop, as the glyph classifier sees them: components left to right, specks
and decimal points, the run of blobs that is one number, slashes, brackets and closed loops.

>>> [(x, w) for x, _, w, _, _ in components(crop_of_98_77)]  # doctest: +SKIP
[(12, 20), (35, 21), (59, 4), (66, 20), (89, 20)]
"""

from __future__ import annotations

import cv2
import numpy as np

from thaieval.pipeline.pages.images import GrayImage

__all__ = [
    "DIGIT_TALL",
    "POINT",
    "SPECK",
    "Blob",
    "components",
    "holes",
    "is_slash",
    "number_chain",
    "split_brackets",
    "without_specks",
]


# At 200 dpi a decimal point is 2 × 2 pixels (326ec86: 87.930 had been read 87930 when all
# blobs under 6 pixels were dropped).
SPECK = 3  # pixels: smaller blobs are dropped outright
POINT = 6  # ... and blobs under this many pixels kept only as a decimal point
POINT_BASELINE = 0.25  # ... when they end this close (digit heights) to the baseline (326ec86)
# Shapes in digit (or line) heights, each set by hand with the change named, no sweep recorded.
DIGIT_TALL = 0.6  # a blob this share of the tallest, or taller, is a digit (002a873)
STROKE_OVERLAP = 0.5  # blobs sharing this share of the narrower's width are one glyph (f62841c)
APART = 0.35  # ... unless this far apart in height: a mark of the line above (a978307)
CHAIN_GAP = 0.4  # blobs closer than this are one number; a word space is wider (002a873)
# A bracket is BRACKET_TALL times the line's median height (PAREN_TALL beside the digits of a
# run: 002a873; de90d70 in a chain) and at most BRACKET_NARROW times as wide as tall; beside
# a lone digit, that digit is LONE_DIGIT_HEIGHT of its height and LONE_DIGIT_WIDTH as wide as
# tall (da578c9: the level of (ระดับ ๔)).
BRACKET_TALL = 1.3
PAREN_TALL = 1.15
BRACKET_NARROW = 0.45
LONE_DIGIT_HEIGHT = 0.35
LONE_DIGIT_WIDTH = 0.5
# A slash is SLASH_TALL times taller than wide and its top third stands SLASH_LEAN of its
# width right of its bottom third (002a873).
SLASH_TALL = 1.3
SLASH_LEAN = 0.35
Blob = tuple[int, int, int, int, GrayImage]  # x, y, w, h, mask


def components(crop: GrayImage) -> list[Blob]:
    """Ink blobs of a crop left to right as (x, y, w, h, mask); blobs touching the crop's
    edge (a rule, a neighbour's stroke) and specks are dropped, broken strokes joined."""
    _, ink = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    height, width = crop.shape
    blobs: list[list[int]] = []
    for i in range(1, count):
        x, y, w, h, area = (int(v) for v in stats[i])
        if x == 0 or y == 0 or x + w >= width or y + h >= height or area < SPECK:
            continue
        blobs.append([x, y, x + w, y + h, i])
    blobs.sort()
    slashes = {b[4] for b in blobs if is_slash(labels[b[1] : b[3], b[0] : b[2]] == b[4])}
    merged: list[list[int]] = []
    members: list[list[int]] = []
    for x0, y0, x1, y1, label in blobs:
        # A leaning slash overlaps its neighbours' x-range without being part of them.
        if merged and label not in slashes and not slashes & set(members[-1]):
            px0, py0, px1, py1 = merged[-1][:4]
            overlap = min(px1, x1) - max(px0, x0)
            # A mark of the line above is no broken stroke of this glyph: too far above it.
            apart = max(y0, py0) - min(y1, py1) > APART * max(y1 - y0, py1 - py0)
            if overlap > STROKE_OVERLAP * min(px1 - px0, x1 - x0) and not apart:
                last = merged[-1]
                merged[-1] = [min(px0, x0), min(last[1], y0), max(px1, x1), max(last[3], y1), 0]
                members[-1].append(label)
                continue
        merged.append([x0, y0, x1, y1, label])
        members.append([label])
    out = []
    for (x0, y0, x1, y1, _), labels_in in zip(merged, members, strict=True):
        mask = np.isin(labels[y0:y1, x0:x1], labels_in).astype(np.uint8) * 255
        out.append((x0, y0, x1 - x0, y1 - y0, mask))
    return out


def without_specks(blobs: list[Blob]) -> list[Blob]:
    """Blobs of fewer than :data:`POINT` pixels dropped, unless they are a decimal point
    (at 200 dpi a point is 2 × 2 pixels): on the digits' baseline, between two digits.

    >>> dot = np.full((2, 2), 255, np.uint8); digit = np.full((14, 10), 255, np.uint8)
    >>> [b[0] for b in without_specks([(0, 0, 10, 14, digit), (12, 12, 2, 2, dot),
    ...                                (16, 0, 10, 14, digit), (30, 2, 2, 2, dot)])]
    [0, 12, 16]
    """
    big = [b for b in blobs if np.count_nonzero(b[4]) >= POINT]
    if len(big) < 2:
        return big
    height = max(b[3] for b in big)
    baseline = max(b[1] + b[3] for b in big)
    first, last = big[0][0], big[-1][0]
    return [
        b
        for b in blobs
        if np.count_nonzero(b[4]) >= POINT
        or (first < b[0] < last and abs(b[1] + b[3] - baseline) <= POINT_BASELINE * height)
    ]


def number_chain(blobs: list[Blob], core: tuple[int, int, int, int]) -> list[Blob]:
    """The blobs of the word's line (centre between its top and bottom) that overlap its
    x-range, and those joined to them by gaps narrower than 0.4 digit heights (a word space
    is wider): tesseract sometimes leaves the first digit of a number out of its word
    (๒๕๖๗ read as ``๕๖๗``). Blobs of the lines above and below are not the number's."""
    x0, x1, top, bottom = core
    line = [b for b in blobs if top <= b[1] + b[3] / 2 <= bottom]
    keep = [b[0] + b[2] > x0 and b[0] < x1 for b in line]
    if not any(keep):
        return []
    first, last = keep.index(True), len(keep) - 1 - keep[::-1].index(True)
    gap = CHAIN_GAP * max(b[3] for b in line[first : last + 1])
    height = float(np.median([b[3] for b in line]))

    def bracket(blob: Blob) -> bool:
        """``(`` or ``)``: the number ends there, whatever is printed close beside it
        (``ระดับ ๔ (๘๗.๙๓)``: the level is not part of the result)."""
        return blob[3] >= BRACKET_TALL * height and blob[2] <= BRACKET_NARROW * blob[3]

    while (
        first > 0
        and not bracket(line[first])
        and line[first][0] - (line[first - 1][0] + line[first - 1][2]) <= gap
    ):
        first -= 1
    while (
        last < len(line) - 1
        and not bracket(line[last])
        and line[last + 1][0] - (line[last][0] + line[last][2]) <= gap
    ):
        last += 1
    return line[first : last + 1]


def is_slash(mask: GrayImage) -> bool:
    """A tall narrow blob leaning right: the ``/`` of a date such as ๗/๖/๒๕๖๗."""
    h, w = mask.shape
    if h < SLASH_TALL * w:
        return False
    third = max(1, h // 3)
    top, bottom = np.nonzero(mask[:third])[1], np.nonzero(mask[-third:])[1]
    if top.size == 0 or bottom.size == 0:
        return False
    return float(top.mean() - bottom.mean()) >= SLASH_LEAN * w


def split_brackets(blobs: list[Blob]) -> tuple[bool, bool, list[Blob]]:
    """Brackets round a number, ``(๙๘.๗๗)``: a first or last blob taller than the rest and
    narrow; found, and taken off the list. A lone digit may have one (``ระดับ ๔)``: the
    level's closing bracket), told by its height against the digit's."""
    if len(blobs) < 2:
        return False, False, blobs
    inner = blobs[1:-1] if len(blobs) >= 3 else blobs
    height = float(np.median([b[3] for b in inner]))

    def paren(blob: Blob) -> bool:
        if len(blobs) == 2:
            # The other blob must be a digit, not a point: a list number ``1.`` is a tall
            # narrow blob beside a small one too. A bracket also rises above the digit.
            other = blobs[1] if blob is blobs[0] else blobs[0]
            digit = (
                other[3] >= LONE_DIGIT_HEIGHT * blob[3] and other[2] >= LONE_DIGIT_WIDTH * other[3]
            )
            taller = blob[3] >= PAREN_TALL * other[3] and blob[1] <= other[1]
            return digit and taller and blob[2] <= BRACKET_NARROW * blob[3]
        return blob[3] >= PAREN_TALL * height and blob[2] <= BRACKET_NARROW * blob[3]

    opening = paren(blobs[0])
    closing = paren(blobs[-1]) and not (opening and len(blobs) == 2)
    return opening, closing, blobs[int(opening) : len(blobs) - int(closing)]


# Set by hand with the loop tie-break for ๔ and ๕ (a971d86), no sweep recorded.
HOLE_AREA_MIN = 3.0  # pixels: a smaller hole is a pinhole of scanner noise, no loop
HOLE_SHARE = 0.004  # ... nor one under this share of the blob's box


def holes(mask: GrayImage) -> int:
    """Closed loops in a blob's ink (๔ has one, ๕ two: the curl of its tail).

    >>> ring = np.zeros((12, 12), np.uint8); ring[1:11, 1:11] = 255; ring[3:9, 3:9] = 0
    >>> holes(ring)
    1
    """
    ink = (mask > 0).astype(np.uint8)
    contours, hierarchy = cv2.findContours(ink, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_NONE)
    if hierarchy is None:
        return 0
    # A pinhole of scanner noise in a thick stroke is no loop.
    least = max(HOLE_AREA_MIN, HOLE_SHARE * ink.shape[0] * ink.shape[1])
    return sum(
        1
        for contour, link in zip(contours, hierarchy[0], strict=True)
        if link[3] >= 0 and cv2.contourArea(contour) >= least
    )
