"""Deskew, binarise, blank-page and orientation checks on drawn pages."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from pipeline.preprocess import (
    binarise,
    choose_orientation,
    estimate_skew,
    is_blank,
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
