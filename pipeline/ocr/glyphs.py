"""Digits read by matching ink blobs against digits drawn from the machine's Thai fonts.

Tesseract's installed Thai model misreads Thai digits (๘ as ๕, ๙๐ as ``wo``, ๑๐ as ``90``
with tha+eng), so numbers printed in Thai digits are read here instead: each blob of a crop
is compared with templates of ๐–๙ and of 0–9; the script whose templates fit clearly better
decides what the digits are.

>>> read_digit_glyphs(crop_of_98_77)  # doctest: +SKIP
('๙๘.๗๗', 86.0)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from thaieval.parsers.digits import THAI_DIGITS
from thaieval.pipeline.pages.images import GrayImage

__all__ = ["GlyphReading", "glyph_readings", "holes", "read_digit_glyphs", "thai_digit_reading"]

Reading = tuple[str, float]  # text and confidence 0–100

FONT_DIR = Path("/usr/share/fonts/truetype/tlwg")  # fonts-thai-tlwg, a system dependency


_GLYPH = 32  # templates and components are compared as 32×32 squares


def _square(mask: GrayImage) -> tuple[np.ndarray, float]:
    """Ink cropped to its box, centred in a square, resized; and its height/width ratio."""
    ys, xs = np.nonzero(mask)
    mask = mask[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    h, w = mask.shape
    side = max(h, w)
    square = np.zeros((side, side), np.uint8)
    square[(side - h) // 2 : (side - h) // 2 + h, (side - w) // 2 : (side - w) // 2 + w] = mask
    resized = cv2.resize(square, (_GLYPH, _GLYPH), interpolation=cv2.INTER_AREA)
    return resized.astype(np.float32), h / w


@dataclass(frozen=True)
class _Templates:
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
def _templates() -> dict[str, _Templates]:
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
                    shape, ratio = _square(mask)
                    row = _normalised(shape)
                    if row is not None:
                        ys, xs = np.nonzero(mask)
                        loops = holes(mask[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1])
                        bold = "Bold" in font_path.name
                        found[script].append((ch, row, ratio, loops, bold))
    return {
        script: _Templates(
            chars=tuple(row[0] for row in rows),
            matrix=np.stack([row[1] for row in rows]) if rows else np.zeros((0, _GLYPH**2)),
            log_ratios=np.log(np.array([row[2] for row in rows], dtype=np.float64)),
            holes=tuple(row[3] for row in rows),
            bold=tuple(row[4] for row in rows),
        )
        for script, rows in found.items()
    }


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
    slashes = {b[4] for b in blobs if _is_slash(labels[b[1] : b[3], b[0] : b[2]] == b[4])}
    merged: list[list[int]] = []
    members: list[list[int]] = []
    for x0, y0, x1, y1, label in blobs:
        # A leaning slash overlaps its neighbours' x-range without being part of them.
        if merged and label not in slashes and not slashes & set(members[-1]):
            px0, py0, px1, py1 = merged[-1][:4]
            overlap = min(px1, x1) - max(px0, x0)
            # A mark of the line above is no broken stroke of this glyph: too far above it.
            apart = max(y0, py0) - min(y1, py1) > 0.35 * max(y1 - y0, py1 - py0)
            if overlap > 0.5 * min(px1 - px0, x1 - x0) and not apart:
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


HOLE_AREA_MIN = 3.0  # pixels
HOLE_SHARE = 0.004  # of the blob's box
CLOSE_MATCH = 0.15  # two digits fitting a blob this closely are told apart by their loops


def _match(
    shape: np.ndarray, ratio: float, templates: _Templates, loops: int | None = None
) -> tuple[str, float]:
    """The template ``shape`` correlates best with, less a penalty for another aspect. When
    another digit fits about as well (๔ and ๕ differ only by the small curl of ๕'s tail,
    which the correlation of the whole square hardly sees) and has the closed loops the blob
    has (``loops``) where the first has fewer, that one. Only a loop seen counts: blur fills
    small loops in, so a loop missing says nothing."""
    row = _normalised(shape)
    if row is None or not templates.chars:
        return "", -1.0
    scores = templates.matrix @ row - 0.3 * np.abs(np.log(ratio) - templates.log_ratios)
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


@dataclass(frozen=True)
class GlyphReading:
    """One script's reading of a crop: ``worst`` and ``mean`` blob match, 0–100."""

    text: str
    worst: float
    mean: float


SPECK = 3  # pixels: smaller blobs are dropped outright
POINT = 6  # ... and blobs under this many pixels kept only as a decimal point


def _without_specks(blobs: list[Blob]) -> list[Blob]:
    """Blobs of fewer than :data:`POINT` pixels dropped, unless they are a decimal point
    (at 200 dpi a point is 2 × 2 pixels): on the digits' baseline, between two digits.

    >>> dot = np.full((2, 2), 255, np.uint8); digit = np.full((14, 10), 255, np.uint8)
    >>> [b[0] for b in _without_specks([(0, 0, 10, 14, digit), (12, 12, 2, 2, dot),
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
        or (first < b[0] < last and abs(b[1] + b[3] - baseline) <= 0.25 * height)
    ]


def _chain(blobs: list[Blob], core: tuple[int, int, int, int]) -> list[Blob]:
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
    gap = 0.4 * max(b[3] for b in line[first : last + 1])
    height = float(np.median([b[3] for b in line]))

    def bracket(blob: Blob) -> bool:
        """``(`` or ``)``: the number ends there, whatever is printed close beside it
        (``ระดับ ๔ (๘๗.๙๓)``: the level is not part of the result)."""
        return blob[3] >= 1.3 * height and blob[2] <= 0.45 * blob[3]

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


def _is_slash(mask: GrayImage) -> bool:
    """A tall narrow blob leaning right: the ``/`` of a date such as ๗/๖/๒๕๖๗."""
    h, w = mask.shape
    if h < 1.3 * w:
        return False
    third = max(1, h // 3)
    top, bottom = np.nonzero(mask[:third])[1], np.nonzero(mask[-third:])[1]
    if top.size == 0 or bottom.size == 0:
        return False
    return float(top.mean() - bottom.mean()) >= 0.35 * w


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
    templates = _templates()
    blobs = components(crop)
    if core is not None:
        blobs = _chain(blobs, core)
    blobs = _without_specks(blobs)
    if not templates["thai"].chars or not blobs:
        return {}
    opening, closing, blobs = _parens(blobs)
    if not blobs:
        return {}
    digit_height = max(h for _, _, _, h, _ in blobs)
    baseline = max(y + h for _, y, _, h, _ in blobs)
    digits_base = max(y + h for _, y, _, h, _ in blobs if h >= 0.6 * digit_height)
    widths = [b[2] for b in blobs if b[3] >= 0.6 * digit_height]
    # Wider than its neighbours, or than any one digit is for its height (a number of two
    # digits that touch is a single blob, with no neighbour to compare).
    width = float(np.median(widths)) if len(widths) >= 2 else digit_height / LONE_WIDE * 1.35
    wide = 1.35 * width if len(widths) >= 2 else LONE_WIDE * digit_height
    out: dict[str, GlyphReading] = {}
    for script in ("thai", "arabic"):
        text, scores, above = "", [], False
        for blob in blobs:
            _, y, w, h, mask = blob
            if h < 0.45 * digit_height and w < 0.6 * digit_height:
                above = above or y + h < baseline - 0.3 * digit_height
                # A comma is taller than wide and hangs below the digits' baseline; a point
                # of a few pixels has no shape to tell.
                comma = (
                    h > 1.3 * w
                    and np.count_nonzero(mask) >= POINT
                    and y + h > digits_base + 0.1 * digit_height
                )
                text += "," if comma else "."
                continue
            chars, score = _glyph(mask, templates[script])
            if w > wide and h >= 0.6 * digit_height and score < SPLIT_BELOW:
                count = 3 if w > 2.5 * width else 2
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


LONE_WIDE = 1.5  # a lone blob this many times wider than tall may be two glyphs touching
SPLIT_BELOW = 0.5  # a wide blob matching a digit this poorly may be two glyphs touching
CUT_STEPS = 12  # cuts tried per glyph width when splitting touching glyphs


def _glyph(mask: GrayImage, templates: _Templates) -> tuple[str, float]:
    """One blob as a digit (or a ``/``) and its match, -1–1 (a slash counts as sure)."""
    if _is_slash(mask):
        return "/", 1.0
    return _digit(mask, templates)


def _digit(mask: GrayImage, templates: _Templates) -> tuple[str, float]:
    """One blob as a digit and its match, -1–1 (a part of touching digits: the leaning
    stroke of a ๗ cut off is no ``/``)."""
    shape, ratio = _square(mask)
    return _match(shape, ratio, templates, holes(mask))


def _cut(mask: GrayImage, cut: int) -> list[GrayImage]:
    parts = []
    for part in (mask[:, :cut], mask[:, cut:]):
        ys, xs = np.nonzero(part)
        if ys.size:
            parts.append(part[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1])
    return parts


def _split_run(mask: GrayImage, templates: _Templates, count: int = 2) -> tuple[str, float] | None:
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
    templates: _Templates,
    count: int,
    read: Callable[[GrayImage, _Templates], tuple[str, float]],
) -> tuple[float, str, list[float]] | None:
    if count <= 1:
        chars, score = read(mask, templates)
        return score, chars, [score]
    w = mask.shape[1]
    lo, hi = int(0.5 * w / count), max(int(0.5 * w / count) + 1, int(1.5 * w / count))
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


def _parens(blobs: list[Blob]) -> tuple[bool, bool, list[Blob]]:
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
            digit = other[3] >= 0.35 * blob[3] and other[2] >= 0.5 * other[3]
            taller = blob[3] >= 1.15 * other[3] and blob[1] <= other[1]
            return digit and taller and blob[2] <= 0.45 * blob[3]
        return blob[3] >= 1.15 * height and blob[2] <= 0.45 * blob[3]

    opening = paren(blobs[0])
    closing = paren(blobs[-1]) and not (opening and len(blobs) == 2)
    return opening, closing, blobs[int(opening) : len(blobs) - int(closing)]


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
# match the Thai templates at 4–28 and the Arabic ones 55–80 points better.
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
