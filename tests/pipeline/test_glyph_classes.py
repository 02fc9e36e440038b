"""Digits read by the glyph classifier: Thai or Arabic, dates, brackets, a digit left out."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from tests.pipeline.scan_fixtures import FONT
from thaieval.pipeline.ocr.digit_model import WEIGHTS_ENV, load_model
from thaieval.pipeline.ocr.glyph_classes import (
    LOW_CONFIDENCE,
    GlyphReadings,
    confidence,
    glyph_readings,
    read_digit_glyphs,
    thai_digit_reading,
)
from thaieval.pipeline.ocr.ink_blobs import holes


def _read(crop: np.ndarray, core: tuple[int, int, int, int] | None = None) -> GlyphReadings:
    found = glyph_readings(crop, core)
    assert found is not None
    return found


def _drawn(text: str, size: int = 50, noise: float = 8.0) -> np.ndarray:
    """``text`` drawn on grey paper with grain, about 15 pt at 200 dpi."""
    font = ImageFont.truetype(FONT, size)
    image = Image.new("L", (60 + size * len(text), 3 * size), 235)
    ImageDraw.Draw(image).text((30, size // 2), text, font=font, fill=20)
    rng = np.random.default_rng(5)
    return np.clip(np.array(image) + rng.normal(0, noise, (3 * size, image.width)), 0, 255).astype(
        np.uint8
    )


@pytest.mark.parametrize("text", ["๙๘.๗๗", "๑๐", "๑.๓.๒", "๗/๖/๒๕๖๗", "(๘๐.๙๒)", "๒๕๖๗"])
def test_thai_digits_are_read(text: str) -> None:
    reading = thai_digit_reading(_drawn(text))
    assert reading is not None and reading[0] == text


@pytest.mark.parametrize("text", ["98.77", "10", "2567", "ระดับ"])
def test_arabic_digits_and_words_are_not_taken_for_thai(text: str) -> None:
    assert thai_digit_reading(_drawn(text)) is None


def test_the_classifier_tells_the_script() -> None:
    arabic, thai = _read(_drawn("88.470")), _read(_drawn("๘๘.๔๗๐"))
    assert arabic.thai_share < 0.01 and arabic.best.text == "88.470"
    assert thai.thai_share > 0.99 and thai.best.text == "๘๘.๔๗๐"


def test_core_keeps_only_the_number_it_overlaps() -> None:
    # "๕๖๗" is what tesseract put in the word; the ๒ before it belongs to the number, the
    # word after a space does not.
    crop = _drawn("๒๕๖๗   ๑๐")
    width = crop.shape[1]
    height = crop.shape[0]
    core = (int(0.12 * width), int(0.3 * width), height // 4, 3 * height // 4)
    reading = thai_digit_reading(crop, core=core)
    assert reading is not None and reading[0] == "๒๕๖๗"


def _touching(digits: str, size: int = 50, overlap: float = 0.12) -> np.ndarray:
    """``digits`` drawn each a little into the one before, so their ink makes one blob (two
    digits run together by blur or a heavy print)."""
    font = ImageFont.truetype(FONT, size)
    image = Image.new("L", (60 + size * len(digits), 3 * size), 235)
    draw = ImageDraw.Draw(image)
    x = 30.0
    for ch in digits:
        left, _, right, _ = font.getbbox(ch)
        draw.text((x - left, size // 2), ch, font=font, fill=20)
        x += (right - left) * (1 - overlap)
    return np.array(image)


@pytest.mark.parametrize("digits", ["๗๒", "๙๒", "๗๕", "๘๕"])
def test_two_touching_digits_alone_are_split(digits: str) -> None:
    assert _read(_touching(digits)).thai.text == digits


def test_touching_digits_of_unequal_widths_are_cut_where_they_fit() -> None:
    crop = np.hstack([_drawn("๙.๑"), _touching("๗๒")])
    assert _read(crop).thai.text == "๙.๑๗๒"


def test_a_bracket_ends_the_number() -> None:
    # "ระดับ ๔ (๘๗.๙๓)" with the level close before the bracket: the result is the
    # bracketed number, not "๔" joined to it.
    crop = _drawn("๔(๘๗.๙๓)")
    width, height = crop.shape[1], crop.shape[0]
    core = (int(0.3 * width), width - 30, height // 4, 3 * height // 4)
    assert _read(crop, core).thai.text == "(๘๗.๙๓)"


@pytest.mark.parametrize("font", ["Laksaman", "Loma", "Norasi", "Garuda", "Kinnari"])
@pytest.mark.parametrize("text", ["๔)", "(๔", "๑)", "๕)"])
def test_a_lone_digit_with_one_bracket_is_read(font: str, text: str) -> None:
    # "(ระดับ ๔)": tesseract reads the level digit as its own word, with or without the
    # bracket, and misreads it (๑ for ๔ in Norasi, ๕ for ๔ in Loma); the bracket beside a
    # lone digit is told by its height against the digit's, not against a median of one.
    pil_font = ImageFont.truetype(f"/usr/share/fonts/truetype/tlwg/{font}.ttf", 50)
    image = Image.new("L", (200, 150), 235)
    ImageDraw.Draw(image).text((30, 25), text, font=pil_font, fill=20)
    grey = np.clip(np.array(image) + np.random.default_rng(5).normal(0, 8, (150, 200)), 0, 255)
    reading = thai_digit_reading(grey.astype(np.uint8))
    assert reading is not None and reading[0] == text


@pytest.mark.parametrize("font", ["Laksaman", "Loma", "Norasi", "Garuda"])
def test_a_list_number_beside_its_point_is_no_bracket(font: str) -> None:
    # ``1.``: a tall narrow blob beside a small one, like a bracket beside a digit.
    pil_font = ImageFont.truetype(f"/usr/share/fonts/truetype/tlwg/{font}.ttf", 50)
    image = Image.new("L", (200, 150), 235)
    ImageDraw.Draw(image).text((30, 25), "1.", font=pil_font, fill=20)
    assert _read(np.array(image)).arabic.text == "1."


def test_the_curl_of_five_tells_it_from_four() -> None:
    # ๕ is ๔ with a small closed curl on its tail; the correlation of the whole square
    # hardly sees it, the blob's loops do.
    font = ImageFont.truetype(FONT, 40)
    image = Image.new("L", (480, 120), 235)
    ImageDraw.Draw(image).text((30, 40), "๔๕๔ ๕๔๕", font=font, fill=20)
    grey = cv2.GaussianBlur(np.array(image), (0, 0), 0.7)
    grey = np.clip(grey + np.random.default_rng(1).normal(0, 6, grey.shape), 0, 255)
    assert _read(grey.astype(np.uint8)).thai.text == "๔๕๔ ๕๔๕".replace(" ", "")


def test_a_loop_counts_only_when_big_enough_to_be_one() -> None:
    ring = np.zeros((40, 40), np.uint8)
    ring[5:35, 5:35] = 255
    ring[12:28, 12:28] = 0  # a loop
    assert holes(ring) == 1
    ring[31, 31] = 0  # a pinhole of noise in the stroke
    assert holes(ring) == 1


def test_a_point_of_four_pixels_between_digits_is_kept() -> None:
    # Digits 14 pixels tall (a 200 dpi scan): the point is a 2 × 2 blob, smaller than the
    # specks dropped elsewhere, but it sits on the baseline between two digits.
    font = ImageFont.truetype(FONT, 22)
    image = Image.new("L", (200, 60), 235)
    ImageDraw.Draw(image).text((20, 15), "๘๗.๙๓๐", font=font, fill=20)
    assert _read(np.array(image)).thai.text == "๘๗.๙๓๐"


def test_three_touching_digits_are_cut_in_three() -> None:
    crop = np.hstack([_drawn("๑๙."), _touching("๑๗๒", overlap=0.18)])
    assert _read(crop).thai.text == "๑๙.๑๗๒"


@pytest.mark.parametrize("font", ["Sawasdee-Bold", "Garuda-Bold", "Loma-Bold"])
def test_bold_digits_of_a_total_row_are_read(font: str) -> None:
    pil_font = ImageFont.truetype(f"/usr/share/fonts/truetype/tlwg/{font}.ttf", 40)
    image = Image.new("L", (400, 120), 235)
    ImageDraw.Draw(image).text((30, 40), "๘๔.๕๖๙", font=pil_font, fill=20)
    grey = cv2.GaussianBlur(np.array(image), (0, 0), 0.8)
    assert _read(grey).thai.text == "๘๔.๕๖๙"


def test_a_mark_of_the_line_above_is_not_joined_to_a_digit() -> None:
    crop = _drawn("๒๕๖๗")
    ys, xs = np.nonzero(crop < 128)
    top, left = int(ys.min()), int(xs.min())
    crop[max(0, top - 30) : top - 20, left + 5 : left + 15] = 20  # a tone mark over ๒
    core = (left, crop.shape[1] - 10, top, int(ys.max()))
    assert _read(crop, core).thai.text == "๒๕๖๗"


def test_a_comma_hangs_below_the_baseline_a_point_does_not() -> None:
    assert _read(_drawn("๙๘,๗๗")).thai.text == "๙๘,๗๗"
    assert _read(_drawn("๙๘.๗๗")).thai.text == "๙๘.๗๗"


def test_a_point_taller_than_wide_that_does_not_hang_is_a_point() -> None:
    # At 200 dpi a point may be a 2 × 4 blob: taller than wide, but sitting on the baseline.
    crop = np.hstack([_drawn("๑"), _drawn("๒")])
    ys, _ = np.nonzero(crop < 128)
    base = int(ys.max())
    middle = crop.shape[1] // 2
    crop[base - 3 : base + 1, middle - 1 : middle + 1] = 20
    assert _read(crop).thai.text == "๑.๒"


def test_the_model_accept_threshold_is_the_low_confidence_bar() -> None:
    model = load_model()
    assert confidence(model.accept) == LOW_CONFIDENCE
    assert confidence(1.0) == 100.0 and confidence(0.0) == 0.0
    assert confidence(0.99) < LOW_CONFIDENCE < confidence(1 - (1 - model.accept) / 10)


@pytest.mark.parametrize("text", ["๙๘.๗๗", "๑๐", "98.77", "๒๕๖๗"])
def test_a_reading_is_flagged_exactly_when_the_model_does_not_accept_it(text: str) -> None:
    found = _read(_drawn(text))
    reading = read_digit_glyphs(_drawn(text))
    assert reading is not None and reading[0] == text
    assert found.best.sure == (found.best.worst >= load_model().accept)
    assert (reading[1] >= LOW_CONFIDENCE) == found.best.sure


@pytest.mark.parametrize("letter", ["ศ", "ๆ", "ค", "อ"])
def test_a_letter_is_no_thai_number(letter: str) -> None:
    # Thai letters look more like Thai digits than Arabic ones (the share is no test); the
    # classifier gives none of them a Thai digit's probability.
    assert thai_digit_reading(_drawn(letter)) is None


def test_other_weights_are_read_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = load_model()
    lenient = replace(shipped, accept=0.5)
    lenient.save(tmp_path / "lenient.npz")
    monkeypatch.setenv(WEIGHTS_ENV, str(tmp_path / "lenient.npz"))
    load_model.cache_clear()
    try:
        assert load_model().accept == pytest.approx(0.5)
        found = _read(_drawn("๑๐"))
        assert found.best.text == "๑๐" and found.best.sure
    finally:
        monkeypatch.delenv(WEIGHTS_ENV)
        load_model.cache_clear()
    assert load_model().accept == shipped.accept
