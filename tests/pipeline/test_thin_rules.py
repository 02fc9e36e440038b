"""A noisy page's tables are found even when its rules are one pixel thick."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from tests.pipeline.scan_fixtures import FONT
from thaieval.pipeline.ocr.preprocess import prepare
from thaieval.pipeline.ocr.upright import page_tables

ROWS, COLS = (100, 160, 220, 280), (100, 400, 600, 800)


def _grainy_table(noise: float) -> np.ndarray:
    """A 3×3 table drawn with 1 px rules (a 0.5 pt rule at 150 dpi), text in its cells,
    on paper with grain."""
    image = Image.new("L", (900, 600), 235)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 22)
    for y in ROWS:
        draw.line([(COLS[0], y), (COLS[-1], y)], fill=40, width=1)
    for x in COLS:
        draw.line([(x, ROWS[0]), (x, ROWS[-1])], fill=40, width=1)
    for y in ROWS[:-1]:
        for x, text in zip(COLS, ("ระดับความสำเร็จ", "ระดับ 5", "9.952"), strict=False):
            draw.text((x + 20, y + 15), text, font=font, fill=30)
    draw.text((100, 40), "แบบสรุปผลคะแนนการตรวจติดตามประเมินผล", font=font, fill=30)
    rng = np.random.default_rng(1)
    grain = rng.normal(0, noise, (image.height, image.width))
    return np.clip(np.array(image) + grain, 0, 255).astype(np.uint8)


def test_one_pixel_rules_on_grainy_paper_still_make_the_table() -> None:
    # The text mask's 3×3 median erases such rules: no table at all was found from it.
    tables, _ = page_tables(prepare(_grainy_table(noise=20)), dpi=150)
    assert [len(t.cells) for t in tables] == [9]


def test_grain_alone_makes_no_rules() -> None:
    image = _grainy_table(noise=20)
    image[90:290, 90:810] = np.clip(235 + (image[90:290, 90:810].astype(int) - 235), 200, 255)
    tables, _ = page_tables(prepare(image), dpi=150)
    assert tables == []
