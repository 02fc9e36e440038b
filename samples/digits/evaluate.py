"""Leave-fonts-out evaluation of the digit classifier: a network is trained as
``make train-digits`` trains it, but without :data:`HELD_OUT` (four families), and tested on
degraded renders of those families at 300, 200 and 150 dpi: per-glyph accuracy, how many
readings it accepts wrongly (above its threshold), how many it flags, and the confusion
matrix. ``python -m samples.digits.evaluate [--save PATH]`` (15-20 minutes on one quiet core).

>>> confusion(np.array([0, 0, 22]), np.array([0, 1, 22]))[0, :2].tolist()
[1, 1]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from samples.digits.labels import LabelInk
from samples.digits.render import FAMILIES, SCANNED, Degrade, faces, glyph_set
from samples.digits.train import EPOCHS, LINES, SEED, train_families
from thaieval.pipeline.ocr.digit_model import CLASSES, REJECT, Model, read_model

__all__ = ["HELD_OUT", "Scores", "confusion", "score"]

HELD_OUT = ("Sarabun", "Niramit", "Noto Serif Thai", "Garuda")
_REJECT = CLASSES.index(REJECT)


def confusion(truth: np.ndarray, guess: np.ndarray) -> np.ndarray:
    """Counts of (true class, argmax class), classes in :data:`CLASSES` order."""
    k = len(CLASSES)
    return np.bincount(truth * k + guess, minlength=k * k).reshape(k, k)


class Scores:
    """What one test set says about a model: accuracy over glyphs of a class (digits, point,
    comma) and over every blob; accepted readings that are wrong, as a share of all glyphs
    and of accepted readings; glyphs flagged (not accepted)."""

    def __init__(self, model: Model, shapes: np.ndarray, places: np.ndarray, y: np.ndarray):
        probs = model.probabilities(shapes, places)
        self.guess = probs.argmax(axis=1)
        p = probs.max(axis=1)
        self.truth = y
        glyph = y != _REJECT
        accepted = (self.guess != _REJECT) & (p >= model.accept)
        wrong = accepted & (self.guess != y)
        self.glyphs = int(glyph.sum())
        self.blobs = int(y.size)
        self.glyph_accuracy = float((self.guess[glyph] == y[glyph]).mean())
        self.blob_accuracy = float((self.guess == y).mean())
        self.wrong_accepted = int(wrong.sum())
        self.accepted = int(accepted.sum())
        self.flagged = float((glyph & ~accepted).sum() / max(1, self.glyphs))

    def line(self, label: str) -> str:
        return (
            f"{label}: glyph accuracy {100 * self.glyph_accuracy:.2f}% of {self.glyphs}, "
            f"all blobs {100 * self.blob_accuracy:.2f}% of {self.blobs}; wrong accepted "
            f"{self.wrong_accepted} ({100 * self.wrong_accepted / max(1, self.accepted):.3f}% "
            f"of {self.accepted} accepted); glyphs flagged {100 * self.flagged:.2f}%"
        )


def score(
    model: Model,
    dpi: int,
    lines: int,
    seed: int,
    how: Degrade = SCANNED,
    keep: Path | None = None,
    ink: LabelInk = "clean",
) -> Scores:
    """The held-out families rendered at ``dpi`` and scored; ``keep`` (a folder) stores the
    renders, and they are read from there when they are already stored."""
    stored = keep / f"heldout-{dpi}-{lines}-{seed}-{ink}.npz" if keep else None
    if stored and stored.exists():
        with np.load(stored) as data:
            shapes, places, y = data["shapes"], data["places"], data["labels"]
    else:
        rng = np.random.default_rng(seed + dpi)
        shapes, places, y = glyph_set(rng, faces(HELD_OUT), (dpi,), lines, how, label_ink=ink)
        if stored:
            np.savez_compressed(stored, shapes=shapes, places=places, labels=y)
    return Scores(model, shapes, places, y)


def print_confusion(matrix: np.ndarray) -> None:
    names = [("rej" if c == REJECT else c) for c in CLASSES]
    print("true\\read " + " ".join(f"{n:>4}" for n in names))
    for name, row in zip(names, matrix, strict=True):
        print(f"{name:>9} " + " ".join(f"{v:>4}" if v else "   ." for v in row))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--lines", type=int, default=LINES)
    parser.add_argument("--test-lines", type=int, default=120)
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--save", type=Path, help="write the held-out network's weights here")
    parser.add_argument(
        "--weights",
        type=Path,
        help="score these weights (of a network trained without the held-out families, as "
        "--save writes them) instead of training one",
    )
    parser.add_argument(
        "--train-seed",
        type=int,
        help="train from this seed (default --seed) and test on the same renders: the spread",
    )
    parser.add_argument("--soft", action="store_true", help="train on soft border targets")
    parser.add_argument(
        "--keep-validation", type=Path, help="store the validation renders here (npz)"
    )
    parser.add_argument(
        "--renders", type=Path, help="a folder where the held-out renders are kept and reused"
    )
    parser.add_argument(
        "--labels",
        choices=("scanned", "clean"),
        default="clean",
        help="a test glyph's ink share against its clean drawing (default: a thinned digit may "
        "be reject) or against what the scan left of it",
    )
    args = parser.parse_args(argv)
    start = time.time()
    train = tuple(f for f in FAMILIES if f not in HELD_OUT)
    if args.weights:
        model = read_model(args.weights)
    else:
        model = train_families(
            train,
            args.seed if args.train_seed is None else args.train_seed,
            args.lines,
            args.epochs,
            args.keep_validation,
            args.soft,
        )
    print(
        f"trained on {len(train)} families ({2 * len(train)} faces), held out: "
        f"{', '.join(HELD_OUT)}; temperature {model.temperature:.2f}, accept p >= "
        f"{model.accept:.6f} ({time.time() - start:.0f} s)"
    )
    if args.save:
        model.save(args.save)
    total = np.zeros((len(CLASSES), len(CLASSES)), np.int64)
    for dpi in (300, 200, 150):
        scores = score(model, dpi, args.test_lines, args.seed, keep=args.renders, ink=args.labels)
        print(scores.line(f"{dpi} dpi"))
        total += confusion(scores.truth, scores.guess)
    print("confusion (all three resolutions; rows the truth, columns the argmax):")
    print_confusion(total)


if __name__ == "__main__":
    main()
