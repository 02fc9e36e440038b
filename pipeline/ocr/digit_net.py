"""The layers of the digit classifier's small convolutional network, in plain numpy: 3×3
convolutions (as one matrix product over the image's 3×3 patches), ReLU, 2×2 max pooling and
dense layers, each with its forward pass (what :mod:`thaieval.pipeline.ocr.digit_model` runs) and its
backward pass (what :mod:`samples.digits.train` trains with). Images are NHWC float32.

>>> x = np.arange(16, dtype=np.float32).reshape(1, 4, 4, 1)
>>> pool(x)[0, :, :, 0].tolist()
[[5.0, 7.0], [13.0, 15.0]]
>>> w = np.zeros((9, 1), np.float32); w[4] = 1  # the identity kernel
>>> bool((conv(x, w, np.zeros(1, np.float32)) == x).all())
True
"""

from __future__ import annotations

import numpy as np

__all__ = ["conv", "conv_backward", "forward", "patches", "pool", "pool_backward"]


def patches(x: np.ndarray) -> np.ndarray:
    """The 3×3 neighbourhood of every pixel (zero beyond the edge): (N·H·W, C·9)."""
    n, h, w, c = x.shape
    padded = np.pad(x, ((0, 0), (1, 1), (1, 1), (0, 0)))
    windows = np.lib.stride_tricks.sliding_window_view(padded, (3, 3), axis=(1, 2))
    return np.ascontiguousarray(windows).reshape(n * h * w, c * 9)


def conv(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    """A 3×3 convolution, same size: ``w`` is (C·9, F) in :func:`patches` order."""
    n, h, wd, _ = x.shape
    return (patches(x) @ w + b).reshape(n, h, wd, w.shape[1])


def conv_backward(
    x: np.ndarray, cols: np.ndarray, w: np.ndarray, grad: np.ndarray, need_input: bool = True
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients of a convolution's input, weights and bias from its output's ``grad``;
    ``cols`` are the :func:`patches` of its input ``x``. The first layer's input needs none."""
    n, h, wd, c = x.shape
    g = grad.reshape(-1, w.shape[1])
    dw = cols.T @ g
    db = g.sum(axis=0)
    if not need_input:
        return x, dw, db
    dcols = (g @ w.T).reshape(n, h, wd, c, 3, 3)
    dpad = np.zeros((n, h + 2, wd + 2, c), np.float32)
    for i in range(3):
        for j in range(3):
            dpad[:, i : i + h, j : j + wd, :] += dcols[..., i, j]
    return dpad[:, 1:-1, 1:-1, :], dw, db


def pool(x: np.ndarray) -> np.ndarray:
    """2×2 max pooling (sides even)."""
    n, h, w, c = x.shape
    return x.reshape(n, h // 2, 2, w // 2, 2, c).max(axis=(2, 4))


def pool_backward(x: np.ndarray, out: np.ndarray, grad: np.ndarray) -> np.ndarray:
    """The gradient of a pooling's input: to the maxima of each 2×2 window."""
    up = np.repeat(np.repeat(out, 2, axis=1), 2, axis=2)
    g = np.repeat(np.repeat(grad, 2, axis=1), 2, axis=2)
    return np.where(x == up, g, 0.0).astype(np.float32)


def forward(
    params: dict[str, np.ndarray], images: np.ndarray, place: np.ndarray
) -> tuple[np.ndarray, list[np.ndarray]]:
    """Logits of a batch, and what the backward pass needs: three convolution blocks
    (convolution, ReLU, pooling) over the images, then the flattened maps and the place
    features through a ReLU layer to one logit per class."""
    keep: list[np.ndarray] = []
    x = images
    for k in (1, 2, 3):
        cols = patches(x)
        a = np.maximum(cols @ params[f"c{k}"] + params[f"cb{k}"], 0.0)
        a = a.reshape(*x.shape[:3], -1)
        p = pool(a)
        keep += [x, cols, a, p]
        x = p
    flat = np.concatenate([x.reshape(len(x), -1), place], axis=1)
    hidden = np.maximum(flat @ params["w1"] + params["b1"], 0.0)
    keep += [flat, hidden]
    return hidden @ params["w2"] + params["b2"], keep
