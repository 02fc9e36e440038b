"""One number read from a crop of its page: the readings, and the one to keep.

A crop is read again by tesseract under other binarisations, scales and page segmentation
modes (:data:`VARIANTS`), and by the glyph classifier (:mod:`thaieval.pipeline.ocr.glyph_classes`);
:func:`choose_reading` keeps the reading the readings themselves agree on, never the value
that would make a total agree. Crops are taken from the page as :func:`thaieval.pipeline.ocr.page.ocr_page`
read it (:func:`page_as_read`).

>>> choose_reading(("8.7", 60.0), [("8.77", 90.0), ("8.77", 88.0)], None)
('8.77', 90.0)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import cv2
import numpy as np

from thaieval.parsers.digits import THAI_DIGITS, thai_to_arabic
from thaieval.pipeline.ocr.glyph_classes import (
    LOW_CONFIDENCE,
    Reading,
    floor_confidence,
    read_digit_glyphs,
)
from thaieval.pipeline.ocr.passes.decimal_point import with_found_point
from thaieval.pipeline.ocr.preprocess import prepare, rotate
from thaieval.pipeline.ocr.tesseract_run import parse_tsv, px_box, run_tesseract
from thaieval.pipeline.pages.images import GrayImage, PageImage
from thaieval.schemas.page import Box

__all__ = [
    "GLYPH_SURE",
    "MIN_VOTE",
    "VARIANTS",
    "Reading",
    "choose_reading",
    "crop_box",
    "digit_shape",
    "glyphs_trusted",
    "has_thai_digit",
    "number_shaped",
    "numeric_like",
    "page_as_read",
    "readings_until_agreed",
    "reread_cell",
    "reread_number",
    "value_key",
    "well_formed",
    "wide_crop",
]

REREAD_TIMEOUT = 20.0  # seconds for one small crop
# A Thai number the classifier is sure of (every glyph accepted by the model: at least the one
# scale's low-confidence bar) replaces tesseract's reading; one it is less sure of only when it
# has tesseract's shape (digits, point) and is a number in Thai digits at all
# (:func:`~thaieval.pipeline.ocr.glyph_classes.floor_confidence`); it keeps its low confidence,
# so the number is flagged.
GLYPH_SURE = LOW_CONFIDENCE
# A reading tesseract gives less confidence does not overrule another (set by hand in de90d70,
# where readings tesseract gives no confidence stopped overruling; no sweep recorded).
MIN_VOTE = 20.0
MARGIN_PX = (
    10  # white margin round a crop: tesseract needs one to find the line; a wide one breaks psm 8
)
ADAPTIVE_C = 15  # grey levels under the local mean that the adaptive variant calls ink

_NUMBER = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?")
_NUMERIC_CHARS = set("0123456789" + THAI_DIGITS + ".,-")
_DIGIT_WHITELIST = "0123456789" + THAI_DIGITS + ".,-"


def _digits_only(text: str) -> str:
    return thai_to_arabic(text.replace(" ", ""))


def well_formed(text: str) -> bool:
    """A plain number in Arabic or Thai digits, with a point or a comma as decimal mark.

    >>> well_formed("๙๘.๗๗"), well_formed("98,770"), well_formed("9.8.7"), well_formed("8O")
    (True, True, False, False)
    """
    return bool(_NUMBER.fullmatch(_digits_only(text)))


def numeric_like(text: str) -> bool:
    """Text that is mostly digits with points or commas: a number, maybe misread (tesseract
    turns Thai digits into letters such as ญ or ฒ, and Arabic ones into O or l).

    >>> numeric_like("87.7O"), numeric_like("๕ฒ.ฒ๐"), numeric_like("ระดับ ๔"), numeric_like("รวม")
    (True, True, False, False)
    """
    compact = text.replace(" ", "")
    if not compact or len(compact) > 16:
        return False
    digits = sum(ch.isdigit() for ch in compact)
    others = sum(ch not in _NUMERIC_CHARS for ch in compact)
    return digits > 0 and digits >= others


_HALF_NUMBER = re.compile(r"[0-9]{2,3}[.,]\S{1,3}|\S{1,3}[.,][0-9]{2,3}")


def number_shaped(text: str) -> bool:
    """:func:`numeric_like`, or two digits then a decimal mark and up to three marks that
    tesseract made letters of (its Thai model reads ๙๘.๗๗ as ``๕๕.ฆญ่``).

    >>> number_shaped("๕๕.ฆญ่"), number_shaped("1.มี"), number_shaped("ระดับ 4")
    (True, False, False)
    """
    compact = text.replace(" ", "")
    return numeric_like(compact) or bool(_HALF_NUMBER.fullmatch(_digits_only(compact)))


def has_thai_digit(text: str) -> bool:
    return any(ch in THAI_DIGITS for ch in text)


def value_key(text: str) -> str:
    """Comparison key of a reading: Arabic digits, a point for the decimal mark."""
    return _digits_only(text).replace(",", ".")


def digit_shape(text: str) -> str:
    """``๕๕.๓๓`` → ``dd.dd``: where the digits and marks are."""
    return "".join("d" if ch.isdigit() else ch for ch in text.replace(" ", ""))


def glyphs_trusted(glyphs: Reading, original: Reading) -> bool:
    """A classifier reading of Thai digits sure enough to replace tesseract's reading."""
    if not well_formed(glyphs[0]):
        return False
    if not (has_thai_digit(original[0]) or has_thai_digit(glyphs[0])):
        return False
    if glyphs[1] >= GLYPH_SURE:
        return True
    return glyphs[1] >= floor_confidence() and digit_shape(glyphs[0]) == digit_shape(original[0])


def choose_reading(original: Reading, others: list[Reading], glyphs: Reading | None) -> Reading:
    """The reading of a number to keep, never chosen by what makes a total agree.

    Thai digits: the classifier's reading wins when it is sure, or a number with the same shape
    of digits and point as the original (tesseract's Thai model confuses
    ๔–๙; measured ``๙๘.๗๗`` → ``๕๕.๓๓`` at every scale and psm). Otherwise the value most
    well-formed readings agree on, the original's text when it is among them; a lone
    reading never overrules a well-formed original.

    >>> choose_reading(("8.7", 60.0), [("8.77", 90.0), ("8.77", 88.0)], None)
    ('8.77', 90.0)
    >>> choose_reading(("87.93", 80.0), [("5", 0.0), ("5", 0.0)], None)
    ('87.93', 80.0)
    """
    if glyphs is not None and glyphs_trusted(glyphs, original):
        return glyphs
    pool = [r for r in [original, *others, glyphs] if r is not None and well_formed(r[0])]
    groups: dict[str, list[Reading]] = {}
    for reading in pool:
        groups.setdefault(value_key(reading[0]), []).append(reading)
    if not groups:
        return original
    best = max(groups.values(), key=lambda g: (len(g), max(r[1] for r in g)))
    if well_formed(original[0]) and (len(best) < 2 or max(r[1] for r in best) < MIN_VOTE):
        return original  # one reading, or only readings tesseract itself does not believe
    if original in best:
        return original
    return max(best, key=lambda r: r[1])


@dataclass(frozen=True)
class _Variant:
    scale: float
    threshold: str  # "otsu", "adaptive" or "grey"
    psm: int


# Ways to read a crop again, best first: each differs from the page pass in scale,
# binarisation and segmentation, so their errors are not the page pass's errors.
# Upscaling hurts: at 300 dpi a digit is already taller than the LSTM's training lines.
VARIANTS = (
    _Variant(1.0, "otsu", 7),
    _Variant(1.0, "otsu", 8),
    _Variant(0.75, "adaptive", 7),
)


def _prepare_crop(crop: GrayImage, variant: _Variant) -> GrayImage:
    out = crop
    if variant.scale != 1.0:
        out = cv2.resize(
            crop, None, fx=variant.scale, fy=variant.scale, interpolation=cv2.INTER_AREA
        )
    if variant.threshold == "otsu":
        _, out = cv2.threshold(out, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    elif variant.threshold == "adaptive":
        block = max(3, (out.shape[0] // 2) | 1)
        out = cv2.adaptiveThreshold(
            out, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, block, ADAPTIVE_C
        )
    pad = MARGIN_PX
    return cv2.copyMakeBorder(out, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)


def _tesseract_number(crop: GrayImage, variant: _Variant, dpi: float) -> Reading:
    image = _prepare_crop(crop, variant)
    out = run_tesseract(
        image,
        lang="tha",  # reads Arabic digits as well as eng does, and loads in a third of the time
        psm=variant.psm,
        dpi=dpi * variant.scale,
        timeout=REREAD_TIMEOUT,
        variables={"tessedit_char_whitelist": _DIGIT_WHITELIST},
    )
    symbols = parse_tsv(out["tsv"])
    if not symbols:
        return ("", 0.0)
    # A speck beside the number read as a point (".92.739") is not part of it.
    text = "".join(s.text for s in symbols).strip(".,")
    return (text, min(s.confidence for s in symbols))


# --- crops --------------------------------------------------------------------------------


def crop_box(gray: GrayImage, box: Box, dpi: float, limit: Box | None = None) -> GrayImage:
    """The page area of ``box`` grown by a third of its height, kept inside ``limit``."""
    pad = (box.bottom - box.top) / 3
    area = Box(x0=box.x0 - pad, top=box.top - pad, x1=box.x1 + pad, bottom=box.bottom + pad)
    if limit is not None:
        area = Box(
            x0=max(area.x0, limit.x0),
            top=max(area.top, limit.top),
            x1=min(area.x1, limit.x1),
            bottom=min(area.bottom, limit.bottom),
        )
    x0, y0, x1, y1 = px_box(area, dpi)
    h, w = gray.shape
    x0, y0, x1, y1 = max(0, x0), max(0, y0), min(w, x1), min(h, y1)
    if x1 - x0 < 2 or y1 - y0 < 2:
        return np.full((4, 4), 255, np.uint8)
    return gray[y0:y1, x0:x1]


def wide_crop(gray: GrayImage, box: Box, dpi: float) -> tuple[GrayImage, tuple[int, int, int, int]]:
    """The word's area widened by two line heights each side (a digit tesseract left out
    of the word), and the word's own box in the crop's pixels (x0, x1, top, bottom)."""
    height = box.bottom - box.top
    wide = Box(x0=box.x0 - 2 * height, top=box.top, x1=box.x1 + 2 * height, bottom=box.bottom)
    crop = crop_box(gray, wide, dpi)
    pad = round(height / 3 * dpi / 72)
    x0 = max(0, px_box(wide, dpi)[0] - pad)
    y0 = max(0, px_box(wide, dpi)[1] - pad)
    left, top, right, bottom = px_box(box, dpi)
    return crop, (left - x0, right - x0, top - y0, bottom - y0)


def _readings(crop: GrayImage, dpi: float, variants: int) -> list[Reading]:
    return [_tesseract_number(crop, v, dpi) for v in VARIANTS[: max(0, variants)]]


def readings_until_agreed(crop: GrayImage, dpi: float) -> list[Reading]:
    """The variants in turn, stopping once two of them agree on a well-formed value: the
    third call (a third of the cost of a re-read) only settles a disagreement."""
    out: list[Reading] = []
    for variant in VARIANTS:
        out.append(_tesseract_number(crop, variant, dpi))
        values = [value_key(r[0]) for r in out if well_formed(r[0])]
        if len(values) != len(set(values)):
            break
    return out


def page_as_read(image: PageImage, correction: tuple[int, float] | None) -> PageImage:
    """``image`` as :func:`thaieval.pipeline.ocr.page.ocr_page` read it: turned over and
    deskewed by ``correction`` (its ``page.ocr_correction``: turn, skew in degrees), or
    deskewed afresh when None; a new image, ``image`` is not changed.

    >>> page_as_read(render_page(Path("scan.pdf"), 3), page.ocr_correction)  # doctest: +SKIP
    PageImage(number=3, ...)
    """
    turn, angle = correction if correction is not None else (0, None)
    gray = image.image
    if turn:
        gray = rotate(gray, float(turn))
    if angle is None:
        gray = prepare(gray).gray
    elif angle:
        gray = rotate(gray, -angle)
    return replace(image, image=gray)


def reread_cell(image: PageImage, box: Box, *, variants: int = 3) -> list[Reading]:
    """Readings of one cell's number from a crop of the page under other binarisations,
    scales and page segmentation modes, then by the glyph classifier; the caller decides.

    ``image`` is the page as read (:func:`page_as_read`), ``box`` in points in its frame.

    >>> reread_cell(page_image, Box(x0=224, top=222, x1=331, bottom=248))  # doctest: +SKIP
    [('๕๕.๓๓', 91.0), ('๕6.๕6', 88.2), ('๕6.6๓', 70.1), ('๙๘.๗๗', 86.0)]
    """
    crop = crop_box(image.image, box, image.dpi)
    readings = _readings(crop, image.dpi, variants=variants)
    glyphs = read_digit_glyphs(crop)
    return readings + ([glyphs] if glyphs is not None else [])


def reread_number(image: PageImage, box: Box, original: Reading) -> Reading:
    """The reading to keep of the number in ``box`` once read again under every variant and
    by the glyph classifier (a voter for Arabic digits, the judge for Thai ones), chosen by
    :func:`choose_reading` from the readings alone; ``image`` is the page as read
    (:func:`page_as_read`).

    >>> reread_number(page_image, Box(x0=224, top=222, x1=331, bottom=248), ("6.480", 70.0))  # doctest: +SKIP
    ('6.580', 88.0)
    """
    crop = crop_box(image.image, box, image.dpi)
    glyphs = read_digit_glyphs(crop)
    if glyphs is not None:
        glyphs = (glyphs[0].strip("()"), glyphs[1])  # the word's brackets, in the crop too
    if glyphs is not None and glyphs_trusted(glyphs, original):
        return glyphs  # tesseract's variants misread Thai digits: the glyphs settle them
    chosen = choose_reading(original, _readings(crop, image.dpi, len(VARIANTS)), glyphs)
    pointed = with_found_point(crop, chosen[0])
    return (pointed, chosen[1]) if pointed is not None else chosen
