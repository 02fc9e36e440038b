"""Page image clean-up before OCR (OpenCV): deskew, denoise, binarise, blank and upside-down.

The deskewed grey image is kept beside the binary one: crops for a second reading of a cell
come from the grey, which still holds what binarisation threw away.

>>> prepared = prepare(gray)  # doctest: +SKIP
>>> round(prepared.angle, 1), prepared.blank  # doctest: +SKIP
(1.5, False)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np

from thaieval.pipeline.pages.images import GrayImage

__all__ = [
    "MAX_SKEW",
    "Prepared",
    "binarise",
    "choose_orientation",
    "estimate_skew",
    "histogram",
    "is_blank",
    "median_level",
    "prepare",
    "rotate",
    "text_strip",
]


# Set in the first skeleton (f62841c; MIN_CONTRAST in 90644e1), no sweep recorded.
MAX_SKEW = 5.0  # degrees; a scan tilted further is rotated by hand, not by us
SKEW_WIDTH = 800  # px; the skew is measured on a copy this wide (fast, still 0.1° exact)
MIN_CONTRAST = 60.0  # grey levels between ink and paper; less is noise on a blank page
BLANK_INK = 0.0015  # share of ink pixels below which a page (after despeckling) is blank
SKEW_COARSE_STEP = 0.5  # degrees between the angles tried first (skeleton, f62841c)
SKEW_FINE_STEP = 0.05  # ... then round the best; a smaller angle is no skew


@dataclass
class Prepared:
    """A page ready for OCR: ``gray`` deskewed, ``ink`` its denoised binary mask (255 =
    ink), the ``angle`` (degrees, counter-clockwise) it was turned back by, and ``blank``;
    ``level`` is the grey level ``ink`` was thresholded at (levels at or under it are ink)."""

    gray: GrayImage
    ink: GrayImage
    angle: float
    blank: bool
    level: float = 0.0


_HISTOGRAM_BAND = 1 << 22  # pixels per calcHist call: its float32 counts stay exact


def histogram(gray: GrayImage, mask: GrayImage | None = None) -> np.ndarray:
    """Exact count of each grey level (int64, 256 entries), where ``mask`` is non-zero.

    OpenCV's histogram is several times faster than numpy's on a page, but counts in
    float32, exact only to 2**24: a page is counted in bands of rows.

    >>> histogram(np.array([[0, 0], [7, 255]], np.uint8))[[0, 7, 255]].tolist()
    [2, 1, 1]
    """
    counts = np.zeros(256, np.int64)
    rows = max(1, _HISTOGRAM_BAND // max(1, gray.shape[1]))
    for top in range(0, gray.shape[0], rows):
        band = gray[top : top + rows]
        part = None if mask is None else mask[top : top + rows]
        counts += cv2.calcHist([band], [0], part, [256], [0, 256]).ravel().astype(np.int64)
    return counts


_LEVELS = np.arange(256, dtype=np.int64)


def _mean_level(counts: np.ndarray, first: int = 0) -> float:
    """The mean grey level of the histogram ``counts`` of levels ``first`` and up, the same
    value as the pixels' ``mean()`` (both sum integers exactly, then divide once)."""
    return float(int(counts @ _LEVELS[first : first + len(counts)]) / int(counts.sum()))


def median_level(counts: np.ndarray) -> int:
    """``int(np.median(pixels))`` from the pixels' histogram (255 when there are none).

    >>> pixels = np.array([3, 9, 9, 200], np.uint8)
    >>> median_level(np.bincount(pixels, minlength=256)), int(np.median(pixels))
    (9, 9)
    """
    n = int(counts.sum())
    if n == 0:
        return 255
    cumulative = np.cumsum(counts)
    low = int(np.searchsorted(cumulative, (n - 1) // 2, side="right"))
    high = int(np.searchsorted(cumulative, n // 2, side="right"))
    return (low + high) // 2


def binarise(gray: GrayImage) -> GrayImage:
    """Ink mask (255 = ink) by Otsu's threshold after a 3×3 median that removes scan noise.

    >>> binarise(np.array([[0, 255], [0, 255]], np.uint8)).tolist()  # doctest: +SKIP
    [[255, 0], [255, 0]]
    """
    return _binarised(gray)[0]


def _binarised(gray: GrayImage) -> tuple[GrayImage, float]:
    """:func:`binarise`'s mask and the threshold it was cut at."""
    smooth = cv2.medianBlur(gray, 3)
    threshold, ink = cv2.threshold(smooth, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    # Otsu always splits the histogram, even a blank page's noise: without a real gap
    # between the two sides there is no ink. (Means from the histogram: the same values as
    # the pixels' own means, in a third of the time.)
    counts = histogram(smooth)
    split = int(threshold) + 1  # levels <= threshold are dark
    dark, light = counts[:split], counts[split:]
    if not dark.any() or not light.any():
        return np.zeros_like(gray), threshold
    if _mean_level(light, split) - _mean_level(dark) < MIN_CONTRAST:
        return np.zeros_like(gray), threshold
    return ink, threshold


def _despeckle(ink: GrayImage) -> GrayImage:
    """The mask without isolated dots of one or two pixels (noise, JPEG ringing)."""
    kernel = np.ones((2, 2), np.uint8)
    return cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)


def is_blank(ink: GrayImage) -> bool:
    """True when almost no ink is left once specks are removed: a blank or empty scan.

    >>> is_blank(np.zeros((100, 100), np.uint8))
    True
    """
    return _blank(ink, _despeckle(ink))


def _blank(ink: GrayImage, despeckled: GrayImage) -> bool:
    if ink.size == 0:
        return True
    return float(np.count_nonzero(despeckled)) / ink.size < BLANK_INK


def _profile_sharpness(ink_small: GrayImage, angle: float) -> float:
    """How sharply rows of ink separate once the image is turned back by ``angle``."""
    h, w = ink_small.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    turned = cv2.warpAffine(ink_small, matrix, (w, h), flags=cv2.INTER_NEAREST)
    rows = turned.sum(axis=1, dtype=np.float64)
    return float(np.sum(np.diff(rows) ** 2))


def estimate_skew(ink: GrayImage, max_angle: float = MAX_SKEW) -> float:
    """Angle in degrees (counter-clockwise) that text lines and table rules are turned by.

    Maximises the sharpness of the horizontal ink profile: coarse steps of 0.5°, then 0.05°
    around the best; text lines and rules both give sharp peaks when level.

    >>> estimate_skew(np.zeros((50, 50), np.uint8))
    0.0
    """
    if not np.any(ink):
        return 0.0
    h, w = ink.shape
    scale = min(1.0, SKEW_WIDTH / w)
    small = cv2.resize(
        ink, (max(1, int(w * scale)), max(1, int(h * scale))), interpolation=cv2.INTER_AREA
    )
    coarse = np.arange(-max_angle, max_angle + 1e-9, SKEW_COARSE_STEP)
    best = max(coarse, key=lambda a: _profile_sharpness(small, float(a)))
    fine = np.arange(best - SKEW_COARSE_STEP, best + SKEW_COARSE_STEP + 1e-9, SKEW_FINE_STEP)
    angle = float(max(fine, key=lambda a: _profile_sharpness(small, float(a))))
    return round(angle, 2) if abs(angle) >= SKEW_FINE_STEP else 0.0


def rotate(gray: GrayImage, angle: float) -> GrayImage:
    """The image turned counter-clockwise by ``angle`` degrees about its centre, same size,
    white where the corners come in; 180 is an exact flip."""
    if angle == 0:
        return gray
    if abs(angle) == 180:
        return cv2.rotate(gray, cv2.ROTATE_180)
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_CUBIC, borderValue=255)


def prepare(gray: GrayImage) -> Prepared:
    """Deskew (±5°), denoise and binarise a page; a blank page is reported, not deskewed."""
    ink, level = _binarised(gray)
    despeckled = _despeckle(ink)
    if _blank(ink, despeckled):
        return Prepared(gray=gray, ink=ink, angle=0.0, blank=True, level=level)
    angle = estimate_skew(despeckled)
    if angle:
        gray = rotate(gray, -angle)
        ink, level = _binarised(gray)
    # No filter on the grey: tesseract binarises it itself, and even a 3×3 median (tried)
    # thins Thai vowel and tone marks at 200 dpi and turns paper grain into letters.
    return Prepared(gray=gray, ink=ink, angle=angle, blank=False, level=level)


def text_strip(gray: GrayImage, ink: GrayImage, height_share: float = 0.12) -> GrayImage:
    """The horizontal band of the page holding the most ink, for a quick orientation test."""
    h = gray.shape[0]
    band = max(1, int(h * height_share))
    rows = ink.sum(axis=1, dtype=np.float64)
    window = np.convolve(rows, np.ones(band), mode="valid")
    top = int(np.argmax(window)) if window.size else 0
    return gray[top : top + band]


def choose_orientation(
    gray: GrayImage, ink: GrayImage, score: Callable[[GrayImage], float], margin: float = 10.0
) -> int:
    """0 or 180: which way up the page reads better, by ``score`` (e.g. the mean OCR
    confidence) of its densest text strip read as it is and turned over.

    Tesseract's own orientation detection (``--psm 0``) has no Thai script model, so the two
    readings are compared instead; 180 wins only by ``margin``.

    >>> choose_orientation(img, ink, lambda strip: float(strip[0, 0]))  # doctest: +SKIP
    0
    """
    strip = text_strip(gray, ink)
    upright = score(strip)
    flipped = score(cv2.rotate(strip, cv2.ROTATE_180))
    return 180 if flipped > upright + margin else 0
