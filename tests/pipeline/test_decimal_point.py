"""A decimal point tesseract did not see, put back from the ink: never one that is not there."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from thaieval.pipeline.ocr.passes.decimal_point import with_found_point

SERIF = "/usr/share/fonts/truetype/tlwg/Norasi.ttf"


def _drawn(text: str, size: int = 26) -> np.ndarray:
    """``text`` at about 9 pt and 200 dpi, where a point is a few pixels, on grainy paper."""
    font = ImageFont.truetype(SERIF, size)
    image = Image.new("L", (20 + size * len(text), 2 * size), 235)
    ImageDraw.Draw(image).text((10, size // 3), text, font=font, fill=20)
    rng = np.random.default_rng(11)
    noisy = np.array(image) + rng.normal(0, 6, (image.height, image.width))
    return np.clip(noisy, 0, 255).astype(np.uint8)


@pytest.mark.parametrize(
    ("printed", "read"), [("7.080", "7080"), ("95.22", "9522"), ("100.00", "10000"), ("0.5", "05")]
)
def test_the_point_is_put_where_the_ink_shows_it(printed: str, read: str) -> None:
    assert with_found_point(_drawn(printed), read) == printed


@pytest.mark.parametrize("printed", ["7080", "95", "1,250"])
def test_no_point_is_made_up(printed: str) -> None:
    assert with_found_point(_drawn(printed), printed.replace(",", "")) is None


def test_a_reading_with_fewer_digits_than_the_ink_gets_no_point() -> None:
    assert with_found_point(_drawn("7.080"), "708") is None
