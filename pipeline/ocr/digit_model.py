"""A trained classifier for single glyphs of a number: Thai and Arabic digits, the decimal
point, the comma, and a reject class for everything else (letters, marks, specks, rule and
stroke fragments, neighbours that touch).

Each blob is described by its shape (its ink in a 24×24 square, aspect kept) and by where it
sits on its line (height, width, drop and lift against the baseline, in digit heights: a point
and a speck look alike, only their place tells them apart). A small convolutional network in
plain numpy (:mod:`thaieval.pipeline.ocr.digit_net`) turns that into one probability per class; the weights
(``pipeline/ocr/data/digit_cnn.npz``, trained by ``make train-digits``) ship with the package and
load with no network. A reading is ``accepted`` when its probability reaches the threshold
stored with the weights (chosen on font families the network was not trained on, so that wrong
readings above it are rarer than 1 in 1000); below it the caller must flag, never guess.

>>> import numpy as np
>>> dot = np.full((3, 3), 255, np.uint8)
>>> shapes, places = features([(0, 0, 3, 3, dot)], (14.0, 3.0))
>>> CLASSES[-1], len(CLASSES), shapes.shape, places.shape
('reject', 23, (1, 24, 24, 1), (1, 9))
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from thaieval.parsers.digits import THAI_DIGITS
from thaieval.pipeline.ocr.digit_net import forward
from thaieval.pipeline.ocr.ink_blobs import holes
from thaieval.pipeline.pages.images import GrayImage
from thaieval.pipeline.verify.indicator import LOW_CONFIDENCE  # the one scale's flag bar

__all__ = [
    "CLASSES",
    "REJECT",
    "WEIGHTS",
    "WEIGHTS_ENV",
    "GlyphGuess",
    "classify",
    "confidence",
    "features",
    "line_context",
    "load_model",
]

REJECT = "reject"
CLASSES: tuple[str, ...] = (*THAI_DIGITS, *"0123456789", ".", ",", REJECT)
WEIGHTS = Path(__file__).with_name("data") / "digit_cnn.npz"

Blob = tuple[
    int, int, int, int, GrayImage
]  # x, y, w, h, mask (as thaieval.pipeline.ocr.ink_blobs gives)
Context = tuple[float, float]  # the line's digit height and baseline (y), in pixels

SIDE = 24  # the network's input: the blob's ink in a 24×24 square, aspect kept
PLACE = ("log aspect", "height", "width", "drop", "lift", "ink", "loops", "above", "below")


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


def square(mask: GrayImage, side: int = SIDE) -> np.ndarray:
    """The blob's ink centred in a square (aspect kept, a pixel of margin), resized to
    ``side``×``side``, float32 0–1: the shape whatever the type size."""
    ys, xs = np.nonzero(mask)
    if ys.size == 0:
        return np.zeros((side, side), np.float32)
    mask = mask[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    h, w = mask.shape
    big = max(h, w) + 2
    canvas = np.zeros((big, big), np.uint8)
    top, left = (big - h) // 2, (big - w) // 2
    canvas[top : top + h, left : left + w] = np.where(mask > 0, 255, 0)
    shrink = big > side
    out = cv2.resize(
        canvas, (side, side), interpolation=cv2.INTER_AREA if shrink else cv2.INTER_LINEAR
    )
    return out.astype(np.float32) / 255.0


def stacked(blob: Blob, among: list[Blob], height: float) -> tuple[float, float]:
    """Whether a small blob sits right above ``blob`` and whether one sits right below it
    (within a digit height, sharing half its width): a colon's or ะ's lower dot has one above,
    a decimal point has none, whatever its own shape.

    >>> m = np.zeros((1, 1), np.uint8)
    >>> stacked((0, 20, 3, 3, m), [(0, 10, 3, 3, m), (0, 20, 3, 3, m)], 14.0)
    (1.0, 0.0)
    """
    x, y, w, h, _ = blob
    above = below = 0.0
    for ox, oy, ow, oh, _ in among:
        if (ox, oy, ow, oh) == (x, y, w, h) or oh > 0.7 * height:
            continue
        if min(x + w, ox + ow) - max(x, ox) < 0.5 * min(w, ow):
            continue
        if oy + oh <= y and y - (oy + oh) < height:
            above = 1.0
        elif oy >= y + h and oy - (y + h) < height:
            below = 1.0
    return above, below


def features(
    blobs: list[Blob], context: Context | None = None, among: list[Blob] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The network's two inputs for each blob: its shape (n × 24 × 24 × 1, float32 0–1) and
    its place on the line (n × 9: aspect, height, width, drop below and lift above the
    baseline in digit heights, share of its box inked, closed loops, a small blob stacked
    above or below among the line's blobs ``among``, by default ``blobs``)."""
    height, baseline = context if context is not None else line_context(blobs)
    among = blobs if among is None else among
    shapes, places = [], []
    for blob in blobs:
        _, y, w, h, mask = blob
        shapes.append(square(mask))
        places.append(
            [
                np.log(max(h, 1) / max(w, 1)),
                h / height,
                w / height,
                (baseline - (y + h)) / height,  # below the baseline: a comma's tail
                (baseline - y) / height,  # high above it: a mark of the line
                float(np.count_nonzero(mask)) / max(1, w * h),
                min(holes(mask), 3),  # closed loops: ๔ one, ๕ two (the curl of its tail)
                *stacked(blob, among, height),
            ]
        )
    if not shapes:
        return np.zeros((0, SIDE, SIDE, 1), np.float32), np.zeros((0, len(PLACE)), np.float32)
    return np.asarray(shapes, np.float32)[..., None], np.asarray(places, np.float32)


NAMES = ("c1", "cb1", "c2", "cb2", "c3", "cb3", "w1", "b1", "w2", "b2")


@dataclass(frozen=True)
class Model:
    """The network's weights (:func:`thaieval.pipeline.ocr.digit_net.forward`), the place features'
    standardisation, a temperature that calibrates its probabilities, and the probability a
    reading needs to be accepted."""

    params: dict[str, np.ndarray]
    mean: np.ndarray
    scale: np.ndarray
    temperature: float
    accept: float

    def logits(self, shapes: np.ndarray, places: np.ndarray) -> np.ndarray:
        z = ((places - self.mean) / self.scale).astype(np.float32)
        out = [
            forward(self.params, shapes[i : i + 512], z[i : i + 512])[0]
            for i in range(0, len(shapes), 512)
        ]
        return np.concatenate(out) if out else np.zeros((0, len(CLASSES)), np.float32)

    def probabilities(self, shapes: np.ndarray, places: np.ndarray) -> np.ndarray:
        # Double precision: a sure reading is 1 - 1e-9, not 1.0, so sure readings still rank.
        logits = self.logits(shapes, places).astype(np.float64) / self.temperature
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return np.asarray(exp / exp.sum(axis=1, keepdims=True))

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Half precision: the file stays a fraction of a megabyte, the readings the same.
        arrays: dict[str, Any] = {k: v.astype(np.float16) for k, v in self.params.items()}
        arrays |= {
            "classes": np.array(CLASSES),
            "mean": self.mean.astype(np.float32),
            "scale": self.scale.astype(np.float32),
            "temperature": np.float32(self.temperature),
            "accept": np.float32(self.accept),
        }
        np.savez_compressed(path, **arrays)


def read_model(path: Path) -> Model:
    """Weights from an ``.npz`` written by :meth:`Model.save`; refuses another class list."""
    with np.load(path, allow_pickle=False) as data:
        if tuple(str(c) for c in data["classes"]) != CLASSES:
            raise ValueError(f"{path}: weights for other classes than {CLASSES}")
        return Model(
            params={k: np.asarray(data[k], np.float32) for k in NAMES},
            mean=np.asarray(data["mean"], np.float32),
            scale=np.asarray(data["scale"], np.float32),
            temperature=float(data["temperature"]),
            accept=float(data["accept"]),
        )


# Another weights file (written by :meth:`Model.save`) in place of the shipped one: to read
# documents with a network that never saw their fonts, or newly trained weights.
WEIGHTS_ENV = "THAIEVAL_DIGIT_WEIGHTS"


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The weights shipped in the package, or those at ``$THAIEVAL_DIGIT_WEIGHTS`` when it is
    set (read once)."""
    chosen = os.environ.get(WEIGHTS_ENV)
    return read_model(Path(chosen) if chosen else WEIGHTS)


def confidence(p: float, model: Model | None = None) -> float:
    """A probability on the one confidence scale (0–100): its "nines" (−log₁₀(1 − p)) against
    the model's ``accept`` threshold's, so that ``accept`` maps to :data:`LOW_CONFIDENCE`.

    >>> m = load_model(); round(confidence(m.accept, m), 1), confidence(0.0, m), confidence(1.0, m)
    (60.0, 0.0, 100.0)
    """
    accept = (model or load_model()).accept
    nines = max(0.0, -math.log10(max(1.0 - p, 1e-12)))
    return round(min(100.0, LOW_CONFIDENCE * nines / -math.log10(1.0 - accept)), 1)


@dataclass(frozen=True)
class GlyphGuess:
    """One blob's best class, its probability on the one confidence scale (:func:`confidence`),
    and whether that probability is high enough to take the reading without a flag."""

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
    probs = model.probabilities(*features(blobs, context))
    best = probs.argmax(axis=1)
    out = []
    for i, k in enumerate(best):
        p = float(probs[i, k])
        char = "" if CLASSES[k] == REJECT else CLASSES[k]
        out.append(GlyphGuess(char, confidence(p, model), bool(char) and p >= model.accept))
    return out
