"""Training of the digit classifier (:mod:`thaieval.pipeline.ocr.digit_model`) from rendered glyphs, in
plain numpy from a fixed seed: ``make train-digits`` writes ``pipeline/data/digit_mlp.npz``.

The acceptance threshold is chosen on font families the network was not trained on (a first
network is trained without :data:`VALIDATION`, and the threshold is set where its wrong
readings on those families fall under 1 in 1000 of its accepted ones); the network that ships
is then trained on every family from the same seed and keeps that threshold, so the threshold
speaks for fonts never seen.

>>> fit(np.eye(3, dtype=np.float32).repeat(20, 0), np.array([0, 1, 22]).repeat(20),
...     seed=1, epochs=60, hidden=8, rate=0.05).probabilities(np.eye(3, dtype=np.float32)).argmax(1)
array([ 0,  1, 22])
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from samples.digits.render import FAMILIES, faces, glyph_set
from thaieval.pipeline.ocr.digit_model import CLASSES, REJECT, WEIGHTS, Model

__all__ = ["DPIS", "SEED", "VALIDATION", "choose_accept", "fit", "train_families"]

SEED = 15
DPIS = (150, 200, 250, 300, 400)
LINES = 130  # degraded lines per face: ~1,300 blobs kept
KEEP_REJECT = 0.35  # of the reject blobs (letters, marks, fragments) kept for training
VALIDATION = ("Kinnari", "Krub", "Chakra Petch")  # families the threshold is chosen on
WRONG_RATE = 0.001  # of accepted readings, on the validation families


def fit(
    x: np.ndarray,
    y: np.ndarray,
    seed: int,
    epochs: int = 10,
    hidden: int = 256,
    rate: float = 2e-3,
    decay: float = 1e-4,
) -> Model:
    """A two-layer network trained by Adam on mini-batches, cross-entropy with weight decay;
    the learning rate falls linearly to a tenth. The threshold is left at 0.5."""
    rng = np.random.default_rng(seed)
    mean = x.mean(axis=0)
    scale = x.std(axis=0) + 1e-3
    z = ((x - mean) / scale).astype(np.float32)
    n, d = z.shape
    k = len(CLASSES)
    params = {
        "w1": (rng.normal(0, np.sqrt(2 / d), (d, hidden))).astype(np.float32),
        "b1": np.zeros(hidden, np.float32),
        "w2": (rng.normal(0, np.sqrt(1 / hidden), (hidden, k))).astype(np.float32),
        "b2": np.zeros(k, np.float32),
    }
    moments = {key: (np.zeros_like(v), np.zeros_like(v)) for key, v in params.items()}
    onehot = np.eye(k, dtype=np.float32)
    batch, step = 256, 0
    total = epochs * ((n + batch - 1) // batch)
    for _ in range(epochs):
        order = rng.permutation(n)
        for start in range(0, n, batch):
            idx = order[start : start + batch]
            xb, yb = z[idx], onehot[y[idx]]
            h = np.maximum(xb @ params["w1"] + params["b1"], 0.0)
            logits = h @ params["w2"] + params["b2"]
            logits -= logits.max(axis=1, keepdims=True)
            p = np.exp(logits)
            p /= p.sum(axis=1, keepdims=True)
            g_logits = (p - yb) / len(idx)
            g_h = (g_logits @ params["w2"].T) * (h > 0)
            grads = {
                "w2": h.T @ g_logits + decay * params["w2"],
                "b2": g_logits.sum(axis=0),
                "w1": xb.T @ g_h + decay * params["w1"],
                "b1": g_h.sum(axis=0),
            }
            step += 1
            lr = rate * (1 - 0.9 * step / total)
            for key, g in grads.items():
                m, v = moments[key]
                m *= 0.9
                m += 0.1 * g
                v *= 0.999
                v += 0.001 * g * g
                m_hat = m / (1 - 0.9**step)
                v_hat = v / (1 - 0.999**step)
                params[key] -= (lr * m_hat / (np.sqrt(v_hat) + 1e-8)).astype(np.float32)
    return Model(mean=mean, scale=scale, accept=0.5, **params)


def choose_accept(
    model: Model, x: np.ndarray, y: np.ndarray, wrong_rate: float = WRONG_RATE
) -> float:
    """The lowest probability at which accepted readings (a class other than reject) of
    ``x`` are wrong at most ``wrong_rate`` of the time; never below 0.5."""
    probs = model.probabilities(x)
    best, p = probs.argmax(axis=1), probs.max(axis=1)
    reading = best != CLASSES.index(REJECT)
    order = np.argsort(-p[reading])
    wrong = (best[reading] != y[reading])[order]
    accepted = np.arange(1, wrong.size + 1)
    fine = np.cumsum(wrong) <= wrong_rate * accepted
    if not wrong.size:
        return 0.5
    surest = p[reading][order]
    bad = np.nonzero(~fine)[0]
    if not bad.size:
        return float(max(0.5, surest[-1]))
    if bad[0] == 0:  # the surest reading is wrong: nothing is accepted
        return float(np.nextafter(surest[0], np.float32(2)))
    # The probability of the last reading up to which every prefix is fine.
    return float(max(0.5, surest[bad[0] - 1]))


def train_families(families: tuple[str, ...], seed: int = SEED, lines: int = LINES) -> Model:
    """A network trained on ``families`` with its threshold set on the validation ones."""
    rng = np.random.default_rng(seed)
    held = tuple(f for f in VALIDATION if f in families)
    rest = tuple(f for f in families if f not in held)
    x, y = glyph_set(rng, faces(rest), DPIS, lines, keep_reject=KEEP_REJECT)
    xv, yv = glyph_set(rng, faces(held), DPIS, lines, keep_reject=KEEP_REJECT)
    accept = choose_accept(fit(x, y, seed), xv, yv)
    model = fit(np.concatenate([x, xv]), np.concatenate([y, yv]), seed)
    return replace(model, accept=accept)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=WEIGHTS)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--lines", type=int, default=LINES)
    args = parser.parse_args(argv)
    start = time.time()
    model = train_families(FAMILIES, args.seed, args.lines)
    model.save(args.out)
    print(
        f"{args.out}: {len(FAMILIES)} families, {2 * len(FAMILIES)} faces, accept "
        f"p >= {model.accept:.4f}, {args.out.stat().st_size // 1024} kB, "
        f"{time.time() - start:.0f} s"
    )


if __name__ == "__main__":
    main()
