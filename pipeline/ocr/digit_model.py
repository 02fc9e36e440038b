"""A trained classifier for single glyphs of a number: Thai and Arabic digits, the decimal
point, the comma, and a reject class for everything else (letters, marks, specks, rule and
stroke fragments, neighbours that touch).

Each blob is described by its shape (a 20×20 thumbnail and a histogram of oriented gradients
of its 32×32 square) and by where it sits on its line (height, width, lift above the baseline,
all in digit heights: a point and a speck look alike, only their place tells them apart). A
small neural network in plain numpy turns that into one probability per class; the weights
(``pipeline/data/digit_mlp.npz``, trained by ``make train-digits``) ship with the package and
load with no network. A reading is ``accepted`` when its probability reaches the threshold
stored with the weights (chosen on held-out renders so that wrong readings above it are rarer
than 1 in 1000); below it the caller must flag, never guess.

>>> import numpy as np
>>> dot = np.full((3, 3), 255, np.uint8)
>>> CLASSES[-1], len(CLASSES), features([(0, 0, 3, 3, dot)], (14.0, 3.0)).shape
('reject', 23, (1, 551))
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np

from thaieval.parsers.digits import THAI_DIGITS
from thaieval.pipeline.ocr.glyph_templates import holes
from thaieval.pipeline.pages.images import GrayImage

__all__ = [
    "CLASSES",
    "REJECT",
    "WEIGHTS",
    "GlyphGuess",
    "classify",
    "features",
    "line_context",
    "load_model",
]

REJECT = "reject"
CLASSES: tuple[str, ...] = (*THAI_DIGITS, *"0123456789", ".", ",", REJECT)
WEIGHTS = Path(__file__).with_name("data") / "digit_mlp.npz"

Blob = tuple[
    int, int, int, int, GrayImage
]  # x, y, w, h, mask (as thaieval.pipeline.ocr.glyphs gives)
Context = tuple[float, float]  # the line's digit height and baseline (y), in pixels

_SQUARE = 32
_THUMB = 20
_CELL = 8  # gradient histograms over 4×4 cells of 8×8 pixels
_BINS = 9  # unsigned orientations, 20° each
_SHAPE = _THUMB * _THUMB + (_SQUARE // _CELL) ** 2 * _BINS


def line_context(blobs: list[Blob]) -> Context:
    """The digit height and baseline of a line of blobs: the median height and bottom of its
    tall blobs (at least 0.6 of the tallest), so points, marks and one bracket or descender
    do not move them.

    >>> m = np.zeros((1, 1), np.uint8)
    >>> line_context([(0, 10, 8, 20, m), (10, 12, 8, 18, m), (20, 27, 3, 3, m)])
    (19.0, 30.0)
    """
    if not blobs:
        return 1.0, 0.0
    tallest = max(b[3] for b in blobs)
    tall = [b for b in blobs if b[3] >= 0.6 * tallest]
    height = float(np.median([b[3] for b in tall]))
    baseline = float(np.median([b[1] + b[3] for b in tall]))
    return max(height, 1.0), baseline


def _square(mask: GrayImage) -> np.ndarray:
    """The blob's ink centred in a square (aspect kept), resized to 32×32, uint8 0–255."""
    ys, xs = np.nonzero(mask)
    if ys.size == 0:
        return np.zeros((_SQUARE, _SQUARE), np.uint8)
    mask = mask[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    h, w = mask.shape
    side = max(h, w) + 2  # a pixel of margin: gradients at the edge of the ink count
    square = np.zeros((side, side), np.uint8)
    top, left = (side - h) // 2, (side - w) // 2
    square[top : top + h, left : left + w] = np.where(mask > 0, 255, 0)
    shrink = side > _SQUARE
    return cv2.resize(
        square,
        (_SQUARE, _SQUARE),
        interpolation=cv2.INTER_AREA if shrink else cv2.INTER_LINEAR,
    )


PLACE = ("log aspect", "height", "width", "drop", "lift", "ink", "loops")


def _gradients(square: np.ndarray) -> np.ndarray:
    """Histograms of stroke directions per cell, weighted by gradient strength (HOG without
    blocks): the shape of a stroke whatever its thickness or the font's contrast."""
    img = square.astype(np.float32) / 255.0
    gx = cv2.Sobel(img, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(img, cv2.CV_32F, 0, 1, ksize=3)
    magnitude = np.hypot(gx, gy)
    angle = np.mod(np.arctan2(gy, gx), np.pi)
    bins = np.minimum((angle / np.pi * _BINS).astype(np.int64), _BINS - 1)
    cells = _SQUARE // _CELL
    cell = (np.arange(_SQUARE) // _CELL)[:, None] * cells + (np.arange(_SQUARE) // _CELL)[None, :]
    index = (cell * _BINS + bins).reshape(-1)
    hist = np.bincount(index, weights=magnitude.reshape(-1), minlength=cells * cells * _BINS)
    hist = np.sqrt(hist / (np.linalg.norm(hist) + 1e-6))
    return hist.astype(np.float32)


def features(blobs: list[Blob], context: Context | None = None) -> np.ndarray:
    """One row of features per blob (n × 551, float32): shape, then place on the line."""
    height, baseline = context if context is not None else line_context(blobs)
    rows = []
    for _, y, w, h, mask in blobs:
        square = _square(mask)
        thumb = cv2.resize(square, (_THUMB, _THUMB), interpolation=cv2.INTER_AREA) / 255.0
        hog = _gradients(square)
        ink = float(np.count_nonzero(mask)) / max(1, w * h)
        place = [
            np.log(max(h, 1) / max(w, 1)),
            h / height,
            w / height,
            (baseline - (y + h)) / height,  # below the baseline: a comma's tail
            (baseline - y) / height,  # high above it: a mark of the line
            ink,
            min(holes(mask), 3),  # closed loops: ๔ one, ๕ two (the curl of its tail)
        ]
        rows.append(np.concatenate([thumb.reshape(-1), hog, np.asarray(place)]))
    if not rows:
        return np.zeros((0, _SHAPE + len(PLACE)), np.float32)
    return np.asarray(rows, np.float32)


@dataclass(frozen=True)
class Model:
    """A two-layer network: standardised features, a ReLU layer, softmax over CLASSES."""

    mean: np.ndarray
    scale: np.ndarray
    w1: np.ndarray
    b1: np.ndarray
    w2: np.ndarray
    b2: np.ndarray
    accept: float  # probability a reading needs to be taken without a flag

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        z = (x - self.mean) / self.scale
        hidden = np.maximum(z @ self.w1 + self.b1, 0.0)
        logits = hidden @ self.w2 + self.b2
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return np.asarray(exp / exp.sum(axis=1, keepdims=True))

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            path,
            classes=np.array(CLASSES),
            mean=self.mean.astype(np.float32),
            scale=self.scale.astype(np.float32),
            w1=self.w1.astype(np.float16),  # half precision: the file stays under a megabyte
            b1=self.b1.astype(np.float32),
            w2=self.w2.astype(np.float16),
            b2=self.b2.astype(np.float32),
            accept=np.float32(self.accept),
        )


def read_model(path: Path) -> Model:
    """Weights from an ``.npz`` written by :meth:`Model.save`; refuses another class list."""
    with np.load(path, allow_pickle=False) as data:
        if tuple(str(c) for c in data["classes"]) != CLASSES:
            raise ValueError(f"{path}: weights for other classes than {CLASSES}")
        arrays = {k: np.asarray(data[k], np.float32) for k in ("mean", "scale", "w1", "b1")}
        arrays |= {k: np.asarray(data[k], np.float32) for k in ("w2", "b2")}
        return Model(accept=float(data["accept"]), **arrays)


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The weights shipped in the package (read once)."""
    return read_model(WEIGHTS)


@dataclass(frozen=True)
class GlyphGuess:
    """One blob's best class, its probability on the 0–100 scale of every reader, and whether
    that probability is high enough to take the reading without a flag."""

    char: str  # a digit, "." or ",", or "" for the reject class
    confidence: float
    accepted: bool


def classify(
    blobs: list[Blob], context: Context | None = None, model: Model | None = None
) -> list[GlyphGuess]:
    """Each blob's reading; ``context`` (digit height, baseline) defaults to the blobs' own."""
    if not blobs:
        return []
    model = model or load_model()
    probs = model.probabilities(features(blobs, context))
    best = probs.argmax(axis=1)
    out = []
    for i, k in enumerate(best):
        p = float(probs[i, k])
        char = "" if CLASSES[k] == REJECT else CLASSES[k]
        out.append(GlyphGuess(char, round(100 * p, 1), bool(char) and p >= model.accept))
    return out
