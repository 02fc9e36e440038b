"""Digits read by matching ink blobs against digits drawn from the machine's Thai fonts.

Tesseract's installed Thai model misreads Thai digits (๘ as ๕, ๙๐ as ``wo``, ๑๐ as ``90``
with tha+eng), so numbers printed in Thai digits are read here instead: each blob of a crop
(:mod:`thaieval.pipeline.ocr.ink_blobs`) is compared with templates of ๐–๙ and of 0–9
(:mod:`thaieval.pipeline.ocr.glyph_templates`); the script whose templates fit clearly better
decides what the digits are.

>>> read_digit_glyphs(crop_of_98_77)  # doctest: +SKIP
('๙๘.๗๗', 86.0)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from thaieval.pipeline.ocr.glyph_templates import (
    Templates,
    best_match,
    digit_templates,
    holes,
    square,
)
from thaieval.pipeline.ocr.ink_blobs import (
    DIGIT_TALL,
    POINT,
    components,
    is_slash,
    number_chain,
    split_brackets,
    without_specks,
)
from thaieval.pipeline.pages.images import GrayImage

__all__ = ["GlyphReading", "Reading", "glyph_readings", "read_digit_glyphs", "thai_digit_reading"]

Reading = tuple[str, float]  # a number's text and its confidence, 0–100


@dataclass(frozen=True)
class GlyphReading:
    """One script's reading of a crop: ``worst`` and ``mean`` blob match, 0–100."""

    text: str
    worst: float
    mean: float


def glyph_readings(
    crop: GrayImage, core: tuple[int, int, int, int] | None = None
) -> dict[str, GlyphReading]:
    """The crop read with the Thai and with the Arabic digit templates; {} when it holds no
    blobs. Small blobs on the line are decimal marks (``,`` when taller than wide), a tall
    leaning one a ``/``; a small blob above the line (a tone mark) makes ``worst`` 0: the
    crop is not a number. With ``core`` (a word's box in the crop: x0, x1, top, bottom), only
    the blobs of the number that overlaps it are read.

    >>> glyph_readings(crop_of_98_77)["thai"]  # doctest: +SKIP
    GlyphReading(text='๙๘.๗๗', worst=86.0, mean=88.5)
    """
    templates = digit_templates()
    blobs = components(crop)
    if core is not None:
        blobs = number_chain(blobs, core)
    blobs = without_specks(blobs)
    if not templates["thai"].chars or not blobs:
        return {}
    opening, closing, blobs = split_brackets(blobs)
    if not blobs:
        return {}
    digit_height = max(h for _, _, _, h, _ in blobs)
    baseline = max(y + h for _, y, _, h, _ in blobs)
    digits_base = max(y + h for _, y, _, h, _ in blobs if h >= DIGIT_TALL * digit_height)
    widths = [b[2] for b in blobs if b[3] >= DIGIT_TALL * digit_height]
    # Wider than its neighbours, or than any one digit is for its height (a number of two
    # digits that touch is a single blob, with no neighbour to compare).
    width = float(np.median(widths)) if len(widths) >= 2 else digit_height / LONE_WIDE * WIDE_DIGIT
    wide = WIDE_DIGIT * width if len(widths) >= 2 else LONE_WIDE * digit_height
    out: dict[str, GlyphReading] = {}
    for script in ("thai", "arabic"):
        text, scores, above = "", [], False
        for blob in blobs:
            _, y, w, h, mask = blob
            if h < MARK_HEIGHT * digit_height and w < MARK_WIDTH * digit_height:
                above = above or y + h < baseline - ABOVE_LINE * digit_height
                # A comma is taller than wide and hangs below the digits' baseline; a point
                # of a few pixels has no shape to tell.
                comma = (
                    h > COMMA_TALL * w
                    and np.count_nonzero(mask) >= POINT
                    and y + h > digits_base + COMMA_HANG * digit_height
                )
                text += "," if comma else "."
                continue
            chars, score = _glyph(mask, templates[script])
            if w > wide and h >= DIGIT_TALL * digit_height and score < SPLIT_BELOW:
                count = 3 if w > THREE_WIDE * width else 2
                run = _split_run(mask, templates[script], count)
                if run is not None and run[1] > score:
                    chars, score = run
            text += chars
            if chars != "/":
                scores.append(max(0.0, score) * 100)
        worst = 0.0 if above or not scores else min(scores)
        mean = float(np.mean(scores)) if scores else 0.0
        text = "(" * opening + text + ")" * closing
        out[script] = GlyphReading(text, round(worst, 1), round(mean, 1))
    return out


# Touching glyphs, set by hand with the changes that split them (SPLIT_BELOW 002a873, LONE_WIDE
# de90d70), no sweep recorded; CUT_STEPS measured in f3259f4: cutting at every column made
# three touching glyphs cost ~700 matches, a fifth of a scanned page's CPU.
LONE_WIDE = 1.5  # a lone blob this many times wider than tall may be two glyphs touching
SPLIT_BELOW = 0.5  # a wide blob matching a digit this poorly may be two glyphs touching
CUT_STEPS = 12  # cuts tried per glyph width when splitting touching glyphs
# A blob this many times the median digit's width may be glyphs touching, and one over
# THREE_WIDE digit widths three of them; each cut is tried from CUT_FROM to CUT_TO of a glyph's
# width (f0d3e22: ๑๗๒ touching in bold at 200 dpi), set by hand.
WIDE_DIGIT = 1.35
THREE_WIDE = 2.5
CUT_FROM, CUT_TO = 0.5, 1.5
# A blob under MARK_HEIGHT and MARK_WIDTH digit heights is a mark: a point, a comma, or (ending
# over ABOVE_LINE digit heights above the baseline) a tone mark; a comma is COMMA_TALL times
# taller than wide (all three from the skeleton, f62841c) and hangs COMMA_HANG digit heights
# below the digits' baseline (7deec87: ๑.๒ was read ๑,๒ at 200 dpi and the form lost).
MARK_HEIGHT = 0.45
MARK_WIDTH = 0.6
ABOVE_LINE = 0.3
COMMA_TALL = 1.3
COMMA_HANG = 0.1


def _glyph(mask: GrayImage, templates: Templates) -> tuple[str, float]:
    """One blob as a digit (or a ``/``) and its match, -1–1 (a slash counts as sure)."""
    if is_slash(mask):
        return "/", 1.0
    return _digit(mask, templates)


def _digit(mask: GrayImage, templates: Templates) -> tuple[str, float]:
    """One blob as a digit and its match, -1–1 (a part of touching digits: the leaning
    stroke of a ๗ cut off is no ``/``)."""
    shape, ratio = square(mask)
    return best_match(shape, ratio, templates, holes(mask))


def _cut(mask: GrayImage, cut: int) -> list[GrayImage]:
    parts = []
    for part in (mask[:, :cut], mask[:, cut:]):
        ys, xs = np.nonzero(part)
        if ys.size:
            parts.append(part[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1])
    return parts


def _split_run(mask: GrayImage, templates: Templates, count: int = 2) -> tuple[str, float] | None:
    """``count`` touching glyphs (2 or 3) read as the digits whose parts fit best on average,
    over every cut near where each glyph should end: touching digits of unequal widths
    (``๗๒``) meet neither at the blob's middle nor always at its thinnest column. Returns the
    digits and the worst part's match; None when no cut gives the parts.
    """
    # A slash may touch one digit (๗/๖ of a date); three glyphs in one blob are digits.
    read = _glyph if count == 2 else _digit
    found = _best_cuts(mask, templates, count, read)
    return None if found is None else (found[1], min(found[2]))


def _best_cuts(
    mask: GrayImage,
    templates: Templates,
    count: int,
    read: Callable[[GrayImage, Templates], tuple[str, float]],
) -> tuple[float, str, list[float]] | None:
    if count <= 1:
        chars, score = read(mask, templates)
        return score, chars, [score]
    w = mask.shape[1]
    lo, hi = int(CUT_FROM * w / count), max(int(CUT_FROM * w / count) + 1, int(CUT_TO * w / count))
    # Every CUT_STEPS-th of a glyph's width is close enough (a pixel or two at 300 dpi); every
    # column made three touching glyphs cost ~700 matches, a fifth of a page's CPU time.
    step = max(1, round(w / count / CUT_STEPS))
    best: tuple[float, str, list[float]] | None = None
    for cut in range(lo, min(hi, w - 1), step):
        parts = _cut(mask, cut)
        if len(parts) != 2:
            continue
        first = read(parts[0], templates)
        rest = _best_cuts(parts[1], templates, count - 1, read)
        if rest is None:
            continue
        scores = [first[1], *rest[2]]
        fit = float(np.mean(scores))
        if best is None or fit > best[0]:
            best = (fit, first[0] + rest[1], scores)
    return best


def read_digit_glyphs(crop: GrayImage) -> Reading | None:
    """The better script's reading of a crop as (text, worst blob match); None when the
    crop holds no blobs.

    >>> read_digit_glyphs(crop_of_98_77)  # doctest: +SKIP
    ('๙๘.๗๗', 86.0)
    """
    readings = glyph_readings(crop)
    if not readings:
        return None
    best = max(readings.values(), key=lambda r: r.worst)
    return (best.text, best.worst)


# Measured on the 200 dpi scans: Thai-digit numbers match the Thai templates at 44–80 (mean
# blob; ๑ fits worst, 40–56) and the Arabic ones 20–60 points worse; Arabic-digit numbers
# match the Thai templates at 4–28 and the Arabic ones 55–80 points better (002a873).
THAI_MEAN = 42.0  # mean blob match of a Thai-digit number
THAI_WORST = 35.0  # ... and its worst blob
SCRIPT_MARGIN = 20.0  # how much better the Thai templates must fit than the Arabic ones
_CODE_OR_NUMBER = re.compile(r"\(?[๐-๙]+(?:[.,/][๐-๙]+)*[.]?\)?")


def thai_digit_reading(
    crop: GrayImage, core: tuple[int, int, int, int] | None = None
) -> Reading | None:
    """The crop's number (or code, list number, date) when it is clearly printed in Thai
    digits, else None.

    >>> thai_digit_reading(crop_of_thai_10)  # doctest: +SKIP
    ('๑๐', 58.0)
    """
    readings = glyph_readings(crop, core)
    if not readings:
        return None
    thai, arabic = readings["thai"], readings["arabic"]
    if not _CODE_OR_NUMBER.fullmatch(thai.text):
        return None
    if thai.mean < THAI_MEAN or thai.worst < THAI_WORST:
        return None
    if thai.mean - arabic.mean < SCRIPT_MARGIN:
        return None
    return (thai.text, thai.mean)
