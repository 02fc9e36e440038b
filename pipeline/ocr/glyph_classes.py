"""Digits of a crop read by the trained glyph classifier (:mod:`thaieval.pipeline.ocr.digit_model`).

Tesseract's Thai models lack ๔ ๖ ๗ ๘ ๙, so numbers printed in Thai digits are read here: the
crop's ink blobs (:mod:`thaieval.pipeline.ocr.ink_blobs`) are classified, each with its place
on the line, and read once in Thai and once in Arabic digits. Which script the digits are in
is the classifier's too: the share of the digits' probability that falls on Thai classes.
Probabilities are the model's calibrated ones (0–1); :func:`confidence` puts them on the one
scale every reader's confidence is stored on, where the model's ``accept`` threshold sits at
:data:`LOW_CONFIDENCE`, the bar under which a number is flagged.

>>> found = glyph_readings(crop_of_98_77)  # doctest: +SKIP
>>> found.best.text, found.thai_share > 0.99, found.best.sure  # doctest: +SKIP
('๙๘.๗๗', True, True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from thaieval.parsers.digits import THAI_DIGITS
from thaieval.pipeline.ocr.digit_model import (
    CLASSES,
    Model,
    confidence,
    features,
    line_context,
    load_model,
)
from thaieval.pipeline.ocr.ink_blobs import (
    DIGIT_TALL,
    Blob,
    components,
    is_slash,
    number_chain,
    split_brackets,
    without_specks,
)
from thaieval.pipeline.pages.images import GrayImage
from thaieval.pipeline.verify.indicator import LOW_CONFIDENCE  # the one scale's flag bar

__all__ = [
    "LOW_CONFIDENCE",
    "GlyphReading",
    "GlyphReadings",
    "Reading",
    "confidence",
    "floor_confidence",
    "glyph_readings",
    "read_digit_glyphs",
    "thai_digit_reading",
]

Reading = tuple[str, float]  # a number's text and its confidence on the one scale, 0–100

_SCRIPT = {"thai": THAI_DIGITS, "arabic": "0123456789"}
_INDEX = {c: i for i, c in enumerate(CLASSES)}
_THAI = np.array([_INDEX[c] for c in THAI_DIGITS])
_ARABIC = np.array([_INDEX[c] for c in "0123456789"])
_MARKS = np.array([_INDEX["."], _INDEX[","]])


@dataclass(frozen=True)
class GlyphReading:
    """One script's reading of a crop: its text, the worst and the mean probability (0–1) of
    its glyphs (a tone mark above the line makes ``worst`` 0: no number), ``sure`` when every
    glyph reaches the ``accept`` threshold of the model that read it, and ``worst`` on the one
    confidence scale of that model (:func:`confidence`)."""

    text: str
    worst: float
    mean: float
    sure: bool
    confidence: float


@dataclass(frozen=True)
class GlyphReadings:
    """A crop read in both scripts; ``thai_share`` is the share of its digits' probability
    that is on Thai digit classes (0–1): the script the classifier sees."""

    thai: GlyphReading
    arabic: GlyphReading
    thai_share: float

    @property
    def best(self) -> GlyphReading:
        """The reading in the script the classifier sees."""
        return self.thai if self.thai_share >= 0.5 else self.arabic


def glyph_readings(
    crop: GrayImage, core: tuple[int, int, int, int] | None = None
) -> GlyphReadings | None:
    """The crop's number read in Thai and in Arabic digits; None when it holds no blobs.
    Small blobs on the line are decimal marks, a tall leaning one a ``/``; a small blob above
    the line (a tone mark) makes the crop no number. With ``core`` (a word's box in the crop:
    x0, x1, top, bottom), only the blobs of the number that overlaps it are read."""
    blobs = components(crop)
    if core is not None:
        blobs = number_chain(blobs, core)
    blobs = without_specks(blobs)
    if not blobs:
        return None
    opening, closing, blobs = split_brackets(blobs)
    if not blobs:
        return None
    model = load_model()
    context = line_context(blobs)
    probs = model.probabilities(*features(blobs, context))
    height = max(b[3] for b in blobs)
    widths = [b[2] for b in blobs if b[3] >= DIGIT_TALL * height]
    # Wider than its neighbours, or than any one digit is for its height (two digits that
    # touch are one blob, with no neighbour to compare).
    width = float(np.median(widths)) if len(widths) >= 2 else height / LONE_WIDE * WIDE_DIGIT
    wide = WIDE_DIGIT * width if len(widths) >= 2 else LONE_WIDE * height
    line = _Line(blobs, probs, context, height, width, wide, model)
    thai, arabic = line.read(_THAI), line.read(_ARABIC)
    digits = [p for b, p in zip(blobs, probs, strict=True) if not line.mark(b)]
    thai_mass = sum(float(p[_THAI].sum()) for p in digits)
    arabic_mass = sum(float(p[_ARABIC].sum()) for p in digits)
    total = thai_mass + arabic_mass
    return GlyphReadings(
        _bracketed(thai, opening, closing, model),
        _bracketed(arabic, opening, closing, model),
        thai_mass / total if total > 0 else 0.0,
    )


def _bracketed(
    read: tuple[str, list[float]], opening: bool, closing: bool, model: Model
) -> GlyphReading:
    text, ps = read
    worst = min(ps) if ps else 0.0
    mean = float(np.mean(ps)) if ps else 0.0
    text = "(" * opening + text + ")" * closing
    return GlyphReading(text, worst, mean, worst >= model.accept, confidence(worst, model))


@dataclass(frozen=True)
class _Line:
    """The blobs of one number with their class probabilities and the line's measures."""

    blobs: list[Blob]
    probs: np.ndarray
    context: tuple[float, float]
    height: float  # the tallest blob's
    width: float  # a digit's (the median of the tall blobs)
    wide: float  # a blob wider than this may be glyphs touching
    model: Model

    cut: dict[tuple[int, int], Cutting] = field(default_factory=dict)  # by blob, both scripts'

    def cuts(self, blob: Blob) -> Cutting:
        """The blob's cuts into the glyphs its width holds, classified once for both scripts."""
        count = 3 if blob[2] > THREE_WIDE * self.width else 2
        if blob[:2] not in self.cut:
            self.cut[blob[:2]] = _classified_cuts(blob, count, self.context, self.blobs, self.model)
        return self.cut[blob[:2]]

    def mark(self, blob: Blob) -> bool:
        return blob[3] < MARK_HEIGHT * self.height and blob[2] < MARK_WIDTH * self.height

    def read(self, columns: np.ndarray) -> tuple[str, list[float]]:
        """The blobs read as the digits of ``columns`` (one script's classes), with each
        glyph's probability; a tone mark above the line makes one of them 0 (no number)."""
        baseline = max(b[1] + b[3] for b in self.blobs)
        text, ps = "", []
        for blob, p in zip(self.blobs, self.probs, strict=True):
            _, y, w, h, mask = blob
            if self.mark(blob):
                if y + h < baseline - ABOVE_LINE * self.height:
                    ps.append(0.0)  # a tone mark above the line: the crop is no number
                k = int(_MARKS[int(np.argmax(p[_MARKS]))])
                text += CLASSES[k]
                ps.append(float(p[_MARKS].sum()))
                continue
            if is_slash(mask):
                text += "/"
                continue
            k = int(columns[int(np.argmax(p[columns]))])
            chars, parts = CLASSES[k], [float(p[k])]
            if w > self.wide and h >= DIGIT_TALL * self.height and parts[0] < self.model.accept:
                run = _split_run(self.cuts(blob), columns)
                if run is not None and min(run[1]) > parts[0]:
                    chars, parts = run
            text += chars
            ps.extend(parts)
        return text, ps


# Touching glyphs, as the template matcher split them (LONE_WIDE de90d70, WIDE_DIGIT,
# THREE_WIDE, CUT_FROM/CUT_TO f0d3e22: ๑๗๒ touching in bold at 200 dpi; CUT_STEPS f3259f4),
# set by hand, no sweep recorded. A wide blob is cut only when the classifier is not sure of it.
LONE_WIDE = 1.5  # a lone blob this many times wider than tall may be two glyphs touching
WIDE_DIGIT = 1.35  # ... or one this many times the median digit's width
THREE_WIDE = 2.5  # ... and three glyphs when over this many digit widths
CUT_STEPS = 12  # cuts tried per glyph width
CUT_FROM, CUT_TO = 0.5, 1.5  # each cut from this to that share of a glyph's width
# A blob under MARK_HEIGHT and MARK_WIDTH digit heights is a mark: a point, a comma, or
# (ending over ABOVE_LINE digit heights above the baseline) a tone mark (f62841c, by hand).
MARK_HEIGHT = 0.45
MARK_WIDTH = 0.6
ABOVE_LINE = 0.3


def _part(mask: GrayImage, x: int, y: int) -> Blob | None:
    ys, xs = np.nonzero(mask)
    if not ys.size:
        return None
    y0, x0 = int(ys.min()), int(xs.min())
    piece = mask[y0 : ys.max() + 1, x0 : xs.max() + 1]
    return (x + x0, y + y0, piece.shape[1], piece.shape[0], piece)


def _cuttings(blob: Blob, count: int) -> list[list[Blob]]:
    """Every way to cut ``blob`` into ``count`` parts near where each glyph should end."""
    x, y, w, _, mask = blob
    if count <= 1:
        return [[blob]]
    lo = int(CUT_FROM * w / count)
    hi = max(lo + 1, int(CUT_TO * w / count))
    step = max(1, round(w / count / CUT_STEPS))
    out = []
    for cut in range(lo, min(hi, w - 1), step):
        first, rest = _part(mask[:, :cut], x, y), _part(mask[:, cut:], x + cut, y)
        if first is None or rest is None:
            continue
        out += [[first, *tail] for tail in _cuttings(rest, count - 1)]
    return out


Cutting = tuple[list[list[Blob]], list[list[np.ndarray]]]  # the cuts, each part's probabilities


def _classified_cuts(
    blob: Blob, count: int, context: tuple[float, float], among: list[Blob], model: Model
) -> Cutting:
    """Every cut of ``blob`` into ``count`` parts, with each part's class probabilities; a part
    that several cuts share (three glyphs: the first part of twelve cuts) is classified once,
    all in one batch."""
    cuttings = _cuttings(blob, count)
    index: dict[tuple[int, int, int, int], int] = {}
    parts: list[Blob] = []
    for part in (p for cutting in cuttings for p in cutting):
        if part[:4] not in index:
            index[part[:4]] = len(parts)
            parts.append(part)
    probs = model.probabilities(*features(parts, context, among)) if parts else np.zeros((0, 0))
    return cuttings, [[probs[index[p[:4]]] for p in cutting] for cutting in cuttings]


def _split_run(cut: Cutting, columns: np.ndarray) -> tuple[str, list[float]] | None:
    """Touching glyphs (2 or 3) read as the script's digits whose parts the classifier is
    surest of on average, over every cut near where each glyph should end (touching digits
    of unequal widths, ``๗๒``, meet neither at the middle nor always at the thinnest
    column). None when no cut works."""
    best: tuple[float, str, list[float]] | None = None
    for cutting, rows in zip(*cut, strict=True):
        text, ps, fits = "", [], []
        for part, row in zip(cutting, rows, strict=True):
            # A slash may touch one digit (๗/๖ of a date): sure, as a lone slash is, and
            # no digit of the number; three glyphs in one blob are digits.
            if len(cutting) == 2 and is_slash(part[4]):
                text += "/"
                fits.append(1.0)
                continue
            k = int(columns[int(np.argmax(row[columns]))])
            text += CLASSES[k]
            ps.append(float(row[k]))
            fits.append(float(row[k]))
        fit = float(np.mean(fits))
        if ps and (best is None or fit > best[0]):
            best = (fit, text, ps)
    return None if best is None else (best[1], best[2])


def floor_confidence() -> float:
    """:data:`THAI_FLOOR` on the one confidence scale: the least a number read by the classifier
    may have to be taken at all (flagged, as it is under :data:`LOW_CONFIDENCE`)."""
    return confidence(THAI_FLOOR, load_model())


def read_digit_glyphs(crop: GrayImage) -> Reading | None:
    """The crop's number in the script the classifier sees, with its confidence on the one
    scale; None when the crop holds no blobs.

    >>> read_digit_glyphs(crop_of_98_77)  # doctest: +SKIP
    ('๙๘.๗๗', 97.3)
    """
    found = glyph_readings(crop)
    return None if found is None else (found.best.text, found.best.confidence)


# A crop is a number printed in Thai digits at all when the Thai classes hold THAI_SHARE of its
# digits' probability and its worst glyph is a Thai digit with THAI_FLOOR probability. Measured
# on every crop `make eval` and `make eval-family` read for Thai digits (2667, shipped weights):
# the 465 numbers the template matcher and the classifier read alike had worst ≥ 0.867 and
# share ≥ 0.98; letters and marks the templates took for digits (ศ, a tone mark, ๆ) had worst
# ≤ 0.54 — at a share as high (Thai letters look like Thai digits, not Arabic ones). The
# share tells the script: the 20 Arabic numbers read between numbers (``70 7S 80``) had < 1e-5.
THAI_SHARE = 0.9
THAI_FLOOR = 0.7
_CODE_OR_NUMBER = re.compile(r"\(?[๐-๙]+(?:[.,/][๐-๙]+)*[.]?\)?")


def thai_digit_reading(
    crop: GrayImage, core: tuple[int, int, int, int] | None = None
) -> Reading | None:
    """The crop's number (or code, list number, date) when it is printed in Thai digits,
    with its confidence on the one scale (under :data:`LOW_CONFIDENCE` when the classifier is
    not sure of every glyph: the caller's number is then flagged); else None.

    >>> thai_digit_reading(crop_of_thai_10)  # doctest: +SKIP
    ('๑๐', 88.0)
    """
    found = glyph_readings(crop, core)
    if found is None or not _CODE_OR_NUMBER.fullmatch(found.thai.text):
        return None
    if found.thai_share < THAI_SHARE or found.thai.worst < THAI_FLOOR:
        return None
    return (found.thai.text, found.thai.confidence)
