"""Deskew, binarise, blank-page and orientation checks on drawn pages."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from thaieval.pipeline.ocr.preprocess import (
    binarise,
    choose_orientation,
    estimate_skew,
    histogram,
    is_blank,
    median_level,
    prepare,
    rotate,
    text_strip,
)


def _lines_page() -> np.ndarray:
    """A page of text-like lines: dashes of ink in rows, a ruled box."""
    page = np.full((1400, 1000), 255, np.uint8)
    rng = np.random.default_rng(3)
    for y in range(150, 1200, 45):
        x = 100
        while x < 880:
            w = int(rng.integers(15, 60))
            page[y : y + 18, x : x + w] = 0
            x += w + int(rng.integers(8, 25))
    cv2.rectangle(page, (80, 120), (920, 1230), 0, 3)
    return page


@pytest.mark.parametrize("angle", [-3.2, -1.5, 0.0, 0.7, 2.0, 4.5])
def test_skew_is_measured_to_a_tenth_of_a_degree(angle: float) -> None:
    turned = rotate(_lines_page(), angle)
    assert estimate_skew(binarise(turned)) == pytest.approx(angle, abs=0.1)


def test_prepare_turns_the_page_back_level() -> None:
    prepared = prepare(rotate(_lines_page(), 2.0))
    assert prepared.angle == pytest.approx(2.0, abs=0.1)
    assert not prepared.blank
    assert estimate_skew(prepared.ink) == pytest.approx(0.0, abs=0.1)
    assert prepared.gray.shape == (1400, 1000)


def test_blank_and_noisy_blank_pages() -> None:
    rng = np.random.default_rng(1)
    noisy = np.clip(245 + rng.normal(0, 6, (1400, 1000)), 0, 255).astype(np.uint8)
    noisy[rng.integers(0, 1400, 40), rng.integers(0, 1000, 40)] = 0  # dust
    assert prepare(noisy).blank
    assert prepare(np.full((100, 100), 255, np.uint8)).blank
    assert not is_blank(binarise(_lines_page()))


def test_text_strip_is_the_densest_band() -> None:
    page = np.full((1000, 500), 255, np.uint8)
    page[700:760, 50:450] = 0
    strip = text_strip(page, binarise(page), height_share=0.1)
    assert strip.shape == (100, 500) and int(strip.min()) == 0


def test_choose_orientation_picks_the_better_reading() -> None:
    page = np.full((1000, 500), 255, np.uint8)
    page[300:340, 50:250] = 0  # ink in the strip's top-left: "upright" by this scorer

    def score(strip: np.ndarray) -> float:
        return 100.0 if strip[: strip.shape[0] // 2, :250].min() == 0 else 0.0

    ink = binarise(page)
    assert choose_orientation(page, ink, score) == 0
    flipped = rotate(page, 180)
    assert choose_orientation(flipped, binarise(flipped), score) == 180


def _binarise_by_pixels(gray: np.ndarray) -> np.ndarray:
    """The reference: the means taken over the pixels themselves."""
    smooth = cv2.medianBlur(gray, 3)
    threshold, ink = cv2.threshold(smooth, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    dark, light = smooth[smooth <= threshold], smooth[smooth > threshold]
    if dark.size == 0 or light.size == 0 or float(light.mean()) - float(dark.mean()) < 60.0:
        return np.zeros_like(gray)
    return ink


@pytest.mark.parametrize("seed", range(6))
def test_histogram_figures_are_the_pixels_own(seed: int) -> None:
    rng = np.random.default_rng(seed)
    shape = (int(rng.integers(1, 400)), int(rng.integers(1, 400)))
    gray = rng.integers(int(rng.integers(0, 200)), 256, shape, dtype=np.uint8)
    mask = np.where(rng.random(shape) < 0.3, 255, 0).astype(np.uint8)
    assert histogram(gray).tolist() == np.bincount(gray.ravel(), minlength=256).tolist()
    inside = gray[mask > 0]
    assert histogram(gray, mask).tolist() == np.bincount(inside, minlength=256).tolist()
    if inside.size:
        assert median_level(histogram(gray, mask)) == int(np.median(inside))
    for page in (gray, _lines_page(), np.full((50, 50), 250, np.uint8)):
        assert np.array_equal(binarise(page), _binarise_by_pixels(page))


def test_histogram_counts_past_float32_exactly() -> None:
    gray = np.zeros((4100, 4100), np.uint8)  # 16.8 M pixels: more than float32 counts exactly
    gray[0, :3] = (1, 2, 2)
    counts = histogram(gray)
    assert (int(counts[0]), int(counts[1]), int(counts[2])) == (4100 * 4100 - 3, 1, 2)
