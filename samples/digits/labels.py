"""Labels of the blobs of a rendered line: which glyph a blob is, or ``reject``.

A blob is labelled with a glyph's class when it holds most of that glyph's ink and little of
another's (the ownership map ``owner`` says which token drew each clean pixel); anything else
(a letter, a mark, a fragment of a broken stroke, two glyphs touching, a rule, a speck) is
``reject``.

>>> owner = np.zeros((8, 8), np.int16); owner[:, :] = 1
>>> [CLASSES[i] for i in blob_labels([(0, 0, 8, 8, np.full((8, 8), 255, np.uint8))], owner, ["7"])]
['7']
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from thaieval.pipeline.ocr.digit_model import CLASSES, REJECT

__all__ = ["MIN_EXTENT", "LabelInk", "blob_labels", "blob_targets"]

LabelInk = Literal["scanned", "clean"]  # what a glyph's ink share is measured against
# A blob labelled a glyph spans at least this share of the glyph's clean drawing's height and
# width (less a pixel): a thinned digit keeps its extent, a fragment does not (session 7, set
# by hand, no sweep recorded).
MIN_EXTENT = 0.75


def blob_labels(blobs: list, owner: np.ndarray, classes: list[str]) -> list[int]:
    """Each blob's class index: its main token's class when it holds most of that token's
    ink and little of another's, else ``reject``."""
    return [label for label, _, _ in blob_targets(blobs, owner, classes)]


def blob_targets(
    blobs: list, owner: np.ndarray, classes: list[str], label_ink: LabelInk = "clean"
) -> list[tuple[int, int, float]]:
    """Each blob's class index (as :func:`blob_labels`), the class of its main token, and how
    much of the training target goes to that class rather than to ``reject``: 1 for a blob
    that holds ≥ 75% of its glyph's ink and ≤ 2% of another's, 0 under 45% or over 20%, in
    between a ramp that passes 0.5 where the label changes (60%, 10%). A blob on the border
    is taught as half a glyph: the network learns to doubt it rather than to be sure of
    either side (the label alone flips between two near-identical blobs).

    A glyph's ink is, by default (``"clean"``, the labels the shipped network was trained and
    scored on), its clean drawing's, so a digit whose strokes the scan thinned may be
    ``reject``; with ``label_ink="scanned"`` it is what the scan left of it (its pixels in
    every blob of the line), and a blob must span :data:`MIN_EXTENT` of the clean drawing's
    height and width (README: tried in session 7, not the default).

    >>> owner = np.zeros((8, 16), np.int16); owner[:, :8] = 1; owner[:, 8:] = 2
    >>> thinned = np.zeros((8, 8), np.uint8); thinned[::7] = thinned[:, ::7] = 255
    >>> part = (8, 0, 8, 3, np.full((3, 8), 255, np.uint8))
    >>> blobs = [(0, 0, 8, 8, thinned), part]
    >>> [(CLASSES[a], CLASSES[b], round(w, 2)) for a, b, w in blob_targets(blobs, owner, ["3", "5"])]
    [('reject', '3', 0.0), ('reject', '5', 0.0)]
    >>> [CLASSES[a] for a, _, _ in blob_targets(blobs, owner, ["3", "5"], "scanned")]
    ['3', 'reject']
    """
    clean = np.bincount(owner.reshape(-1), minlength=len(classes) + 1)
    held = [
        np.bincount(owner[y : y + h, x : x + w][mask > 0], minlength=len(classes) + 1)
        for x, y, w, h, mask in blobs
    ]
    scanned = label_ink == "scanned"
    totals = np.sum(held, axis=0) if scanned and held else clean
    extents = _extents(owner, len(classes) + 1) if scanned else None
    reject = CLASSES.index(REJECT)
    out = []
    for (x, y, w, h, mask), counts in zip(blobs, held, strict=True):
        counts[0] = 0
        total = int(counts.sum())
        if total == 0:
            out.append((reject, reject, 0.0))
            continue
        main = int(counts.argmax())
        cover = counts[main] / max(1, totals[main])
        if extents is not None:
            ys, xs = np.nonzero((owner[y : y + h, x : x + w] == main) & (mask > 0))
            tall, wide = extents[main]
            if np.ptp(ys) + 2 < MIN_EXTENT * tall or np.ptp(xs) + 2 < MIN_EXTENT * wide:
                cover = 0.0  # a fragment: what the scan left of the glyph reaches less far
        other = (total - counts[main]) / total
        cls = CLASSES.index(classes[main - 1])
        label = cls if cover >= 0.6 and other <= 0.1 else reject
        share = min(np.clip((cover - 0.45) / 0.3, 0, 1), np.clip((0.2 - other) / 0.18, 0, 1))
        out.append((label, cls, float(share) if cls != reject else 0.0))
    return out


def _extents(owner: np.ndarray, n: int) -> np.ndarray:
    """Height and width (pixels) of each owner's clean drawing, by owner index."""
    ys, xs = np.nonzero(owner)
    keys = owner[ys, xs]
    lo = np.full((n, 2), np.iinfo(np.int64).max, np.int64)
    hi = np.full((n, 2), -1, np.int64)
    np.minimum.at(lo, keys, np.stack([ys, xs], axis=1))
    np.maximum.at(hi, keys, np.stack([ys, xs], axis=1))
    return np.maximum(hi - lo + 1, 0)
