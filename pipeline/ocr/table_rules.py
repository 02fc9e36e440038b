"""Table rules found in a page image by morphology, as segments in points.

Long thin runs of ink survive an opening with a long horizontal (or vertical) kernel; text
does not. The segments feed :func:`thaieval.parsers.table_grid.find_tables`, the same function the
text-layer reader feeds with the PDF's drawn lines, so both readers see one table model.

>>> h_rules, v_rules = detect_rules(ink, dpi=300)  # doctest: +SKIP
>>> h_rules[0]  # doctest: +SKIP
(50.2, 140.1, 545.0, 140.1)
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from thaieval.parsers.table_grid import Segment, TableGrid
from thaieval.pipeline.pages.images import GrayImage

__all__ = [
    "MIN_RULE_PT",
    "RuleMasks",
    "detect_rules",
    "rule_mask",
    "rule_masks",
    "table_rule_mask",
]


# Set in the first skeleton (f62841c; EDGE_BAND_PT in 68e4a14), no sweep recorded.
MIN_RULE_PT = 28.0  # shortest rule kept: longer than any Thai glyph or run of underline
BRIDGE_PT = 1.5  # gaps this short in a rule (scan dropouts, JPEG) are closed first
MAX_THICKNESS_PT = 4.0  # thicker runs are filled areas or bold text, not rules
EDGE_BAND_PT = 6.0  # a rule pixel within half this of to a table cell's edge belongs to the table
WORK_DPI = 150.0  # rules are found on a copy at this resolution: 4x faster at 300 dpi, 0.5 pt


def _px(points: float, dpi: float) -> int:
    return max(1, round(points * dpi / 72.0))


def _directional(ink: GrayImage, dpi: float, horizontal: bool) -> GrayImage:
    """Ink that belongs to long runs in one direction."""
    # odd sizes: an even kernel's anchor is off centre and shifts each rule by a pixel a pass
    length, bridge = _px(MIN_RULE_PT, dpi) | 1, _px(BRIDGE_PT, dpi) | 1
    shape = (bridge, 1) if horizontal else (1, bridge)
    closed = cv2.morphologyEx(
        ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, shape)
    )
    shape = (length, 1) if horizontal else (1, length)
    return cv2.morphologyEx(
        closed, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, shape)
    )


def _working_copy(ink: GrayImage, dpi: float) -> tuple[GrayImage, float]:
    """The mask at no more than :data:`WORK_DPI`; a pixel of ink anywhere in the area keeps it."""
    if dpi <= WORK_DPI:
        return ink, dpi
    scale = WORK_DPI / dpi
    h, w = ink.shape
    small = cv2.resize(
        ink, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA
    )
    _, small = cv2.threshold(small, 40, 255, cv2.THRESH_BINARY)  # 255 where > 40
    return small, dpi * small.shape[1] / w


@dataclass(frozen=True)
class RuleMasks:
    """Long horizontal and vertical runs of one ink mask, at :data:`WORK_DPI` (``dpi``):
    computed once per page by :func:`rule_masks` for both :func:`detect_rules` and
    :func:`table_rule_mask`."""

    horizontal: GrayImage
    vertical: GrayImage
    dpi: float


def rule_masks(ink: GrayImage, dpi: float) -> RuleMasks:
    """The horizontal and vertical runs of ``ink`` (255 = ink) at ``dpi``."""
    small, small_dpi = _working_copy(ink, dpi)
    return RuleMasks(
        _directional(small, small_dpi, True), _directional(small, small_dpi, False), small_dpi
    )


def rule_mask(ink: GrayImage, dpi: float, masks: RuleMasks | None = None) -> GrayImage:
    """Pixels of horizontal or vertical rules (255) at the mask's own size, grown by about a
    point to cover their ragged edges; used to wipe rules before reading text. ``masks``:
    :func:`rule_masks` of the same ``ink`` and ``dpi``, when already at hand.

    >>> int(rule_mask(np.zeros((10, 10), np.uint8), 300).max())
    0
    """
    masks = masks or rule_masks(ink, dpi)
    mask = cv2.bitwise_or(masks.horizontal, masks.vertical)
    mask = cv2.dilate(mask, np.ones((5, 5), np.uint8))
    if mask.shape != ink.shape:
        mask = cv2.resize(mask, (ink.shape[1], ink.shape[0]), interpolation=cv2.INTER_NEAREST)
    return mask


def table_rule_mask(
    ink: GrayImage, dpi: float, tables: list[TableGrid], masks: RuleMasks | None = None
) -> GrayImage:
    """:func:`rule_mask` kept only near the edges of the cells of ``tables``.

    Bold text (a form's title) has long flat runs of ink that survive the opening at
    :data:`WORK_DPI`; wiping them cut letters out of words (ชื่อ → ขย). Only a rule that
    bounds a table cell is wiped.

    >>> int(table_rule_mask(np.zeros((10, 10), np.uint8), 300, []).max())
    0
    """
    near = np.zeros_like(ink)
    if not tables:
        return near
    k = dpi / 72.0
    band = max(1, round(EDGE_BAND_PT * k))
    for grid in tables:
        for cell in grid.cells:
            b = cell.box
            corners = (round(b.x0 * k), round(b.top * k)), (round(b.x1 * k), round(b.bottom * k))
            cv2.rectangle(near, corners[0], corners[1], 255, band)
    return cv2.bitwise_and(rule_mask(ink, dpi, masks), near)


def _segments(mask: GrayImage, dpi: float, horizontal: bool) -> list[Segment]:
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    scale = 72.0 / dpi
    max_thickness = _px(MAX_THICKNESS_PT, dpi)
    segments: list[Segment] = []
    for x, y, w, h, _area in stats[1:count]:
        thickness = h if horizontal else w
        if thickness > max_thickness:
            continue
        if horizontal:
            mid = (y + h / 2) * scale
            segments.append((float(x * scale), float(mid), float((x + w) * scale), float(mid)))
        else:
            mid = (x + w / 2) * scale
            segments.append((float(mid), float(y * scale), float(mid), float((y + h) * scale)))
    return segments


def detect_rules(
    ink: GrayImage, dpi: float, masks: RuleMasks | None = None
) -> tuple[list[Segment], list[Segment]]:
    """Horizontal and vertical rules of a deskewed ink mask (255 = ink) as ``(x0, top, x1,
    bottom)`` in points; a horizontal rule has ``top == bottom``, a vertical one ``x0 == x1``.

    >>> ink = np.zeros((300, 300), np.uint8); ink[100:103, 10:290] = 255
    >>> detect_rules(ink, dpi=72)[0]
    [(10.0, 101.5, 290.0, 101.5)]
    """
    masks = masks or rule_masks(ink, dpi)
    h_rules = _segments(masks.horizontal, masks.dpi, True)
    v_rules = _segments(masks.vertical, masks.dpi, False)
    return h_rules, v_rules
