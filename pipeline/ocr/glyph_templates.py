"""Digit templates drawn from the machine's Thai fonts, and one blob's shape matched to them.

Each script's digits (๐–๙ and 0–9) are drawn from every upright face of fonts-thai-tlwg,
reduced to a 32×32 square and normalised, so one matrix product scores a blob against all
of them; ๔ and ๕, which the whole square hardly tells apart, are told by their loops.

>>> chars, score = best_match(*square(blob_mask), digit_templates()["thai"])  # doctest: +SKIP
>>> chars, round(score, 2)  # doctest: +SKIP
('๘', 0.87)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from thaieval.parsers.digits import THAI_DIGITS
from thaieval.pipeline.pages.images import GrayImage

__all__ = ["FONT_DIR", "Templates", "best_match", "digit_templates", "holes", "square"]


FONT_DIR = Path("/usr/share/fonts/truetype/tlwg")  # fonts-thai-tlwg, a system dependency
_GLYPH = 32  # templates and components are compared as 32×32 squares


def square(mask: GrayImage) -> tuple[np.ndarray, float]:
    """Ink cropped to its box, centred in a square, resized; and its height/width ratio."""
    ys, xs = np.nonzero(mask)
    mask = mask[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    h, w = mask.shape
    side = max(h, w)
    canvas = np.zeros((side, side), np.uint8)
    canvas[(side - h) // 2 : (side - h) // 2 + h, (side - w) // 2 : (side - w) // 2 + w] = mask
    resized = cv2.resize(canvas, (_GLYPH, _GLYPH), interpolation=cv2.INTER_AREA)
    return resized.astype(np.float32), h / w


@dataclass(frozen=True)
class Templates:
    """One script's digit templates: each a zero-mean unit-norm row of ``matrix``, so one
    product gives every normalised correlation (``cv2.TM_CCOEFF_NORMED`` of equal sizes)."""

    chars: tuple[str, ...]
    matrix: np.ndarray  # n × (_GLYPH²)
    log_ratios: np.ndarray  # log(height / width) of each template
    holes: tuple[int, ...] = ()  # closed loops of each template (๔ 1, ๕ 2 in most faces)
    bold: tuple[bool, ...] = ()  # drawn from a bold face


def _normalised(shape: np.ndarray) -> np.ndarray | None:
    flat = shape.reshape(-1).astype(np.float32)
    flat = flat - flat.mean()
    norm = float(np.linalg.norm(flat))
    return flat / norm if norm > 0 else None


@lru_cache(maxsize=1)
def digit_templates() -> dict[str, Templates]:
    """Digit shapes drawn from the Thai fonts on the machine, by script."""
    found: dict[str, list[tuple[str, np.ndarray, float, int, bool]]] = {"thai": [], "arabic": []}
    fonts = [
        f
        for f in sorted(FONT_DIR.glob("*.ttf"))
        if not any(k in f.name for k in ("Oblique", "Italic", "Mono", "Typ"))
    ]
    for font_path in fonts:
        font = ImageFont.truetype(str(font_path), 80)
        for script, digits in (("thai", THAI_DIGITS), ("arabic", "0123456789")):
            for ch in digits:
                canvas = Image.new("L", (200, 200), 0)
                ImageDraw.Draw(canvas).text((40, 40), ch, font=font, fill=255)
                mask = np.where(np.array(canvas) > 127, 255, 0).astype(np.uint8)
                if np.any(mask):
                    shape, ratio = square(mask)
                    row = _normalised(shape)
                    if row is not None:
                        ys, xs = np.nonzero(mask)
                        loops = holes(mask[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1])
                        bold = "Bold" in font_path.name
                        found[script].append((ch, row, ratio, loops, bold))
    return {
        script: Templates(
            chars=tuple(row[0] for row in rows),
            matrix=np.stack([row[1] for row in rows]) if rows else np.zeros((0, _GLYPH**2)),
            log_ratios=np.log(np.array([row[2] for row in rows], dtype=np.float64)),
            holes=tuple(row[3] for row in rows),
            bold=tuple(row[4] for row in rows),
        )
        for script, rows in found.items()
    }


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


# Set by hand with the loop tie-break for ๔ and ๕ (a971d86), no sweep recorded.
HOLE_AREA_MIN = 3.0  # pixels: a smaller hole is a pinhole of scanner noise, no loop
HOLE_SHARE = 0.004  # ... nor one under this share of the blob's box
CLOSE_MATCH = 0.15  # two digits fitting a blob this closely are told apart by their loops
# Match lost per unit of log(height/width) a blob differs from a template by; set by hand (in
# its present form since 7933cb0), no sweep recorded.
ASPECT_PENALTY = 0.3


def best_match(
    shape: np.ndarray, ratio: float, templates: Templates, loops: int | None = None
) -> tuple[str, float]:
    """The template ``shape`` correlates best with, less a penalty for another aspect. When
    another digit fits about as well (๔ and ๕ differ only by the small curl of ๕'s tail,
    which the correlation of the whole square hardly sees) and has the closed loops the blob
    has (``loops``) where the first has fewer, that one. Only a loop seen counts: blur fills
    small loops in, so a loop missing says nothing."""
    row = _normalised(shape)
    if row is None or not templates.chars:
        return "", -1.0
    scores = templates.matrix @ row - ASPECT_PENALTY * np.abs(np.log(ratio) - templates.log_ratios)
    best = int(np.argmax(scores))
    if loops is not None and templates.holes:
        rivals = [i for i in np.argsort(-scores) if templates.chars[i] != templates.chars[best]]
        rival = int(rivals[0]) if rivals else best
        if (
            rival != best
            and not templates.bold[best]  # bold strokes close loops of their own
            and scores[best] - scores[rival] < CLOSE_MATCH
            and templates.holes[best] < loops == templates.holes[rival]
        ):
            return templates.chars[rival], float(scores[rival])
    return templates.chars[best], float(scores[best])
