"""Rules found by morphology, in points, fed to the shared table finder."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from tests.pipeline.scan_fixtures import FONT
from thaieval.parsers.table_grid import find_tables
from thaieval.pipeline.ocr.preprocess import binarise
from thaieval.pipeline.ocr.table_rules import detect_rules, rule_mask, rule_masks, table_rule_mask


def _table_image(dpi: int = 300) -> np.ndarray:
    """A 3-column, 2-row ruled table at x 50/200/300/400 pt, y 100/130/170 pt, with text."""
    k = dpi / 72
    page = np.full((int(400 * k), int(500 * k)), 255, np.uint8)
    for y in (100, 130, 170):
        cv2.line(page, (int(50 * k), int(y * k)), (int(400 * k), int(y * k)), 0, 3)
    for x in (50, 200, 300, 400):
        cv2.line(page, (int(x * k), int(100 * k)), (int(x * k), int(170 * k)), 0, 3)
    cv2.putText(page, "98.77 text", (int(60 * k), int(122 * k)), cv2.FONT_HERSHEY_SIMPLEX, 2, 0, 4)
    # A line broken by a scan dropout of one pixel must still be one rule.
    page[int(130 * k) - 2 : int(130 * k) + 3, int(250 * k)] = 255
    return page


def test_rules_in_points() -> None:
    h_rules, v_rules = detect_rules(binarise(_table_image()), dpi=300)
    assert sorted(round(r[1]) for r in h_rules) == [100, 130, 170]
    assert sorted(round(r[0]) for r in v_rules) == [50, 200, 300, 400]
    for x0, top, x1, bottom in h_rules:
        assert (
            top == bottom and x0 == pytest.approx(50, abs=1.5) and x1 == pytest.approx(400, abs=1.5)
        )
    for x0, top, x1, bottom in v_rules:
        assert (
            x0 == x1
            and top == pytest.approx(100, abs=1.5)
            and bottom == pytest.approx(170, abs=1.5)
        )


def test_thai_text_is_not_a_rule() -> None:
    # Flat-bottomed letters side by side (แบบ, ปม, บบ) almost make a baseline rule.
    image = Image.new("L", (2400, 300), 255)
    font = ImageFont.truetype(FONT, 75)  # 18 pt at 300 dpi
    ImageDraw.Draw(image).text((20, 100), "แบบประเมินผลบบบบมมมม ๙๘.๗๗ 87.70", font=font, fill=0)
    assert detect_rules(binarise(np.array(image)), dpi=300) == ([], [])


def test_rules_feed_find_tables() -> None:
    (grid,) = find_tables(*detect_rules(binarise(_table_image(200)), dpi=200))
    assert [round(x) for x in grid.xs] == [50, 200, 300, 400]
    assert [round(y) for y in grid.ys] == [100, 130, 170]
    assert (grid.n_rows, grid.n_cols) == (2, 3)


def test_rule_mask_covers_rules_not_text() -> None:
    page = _table_image()
    mask = rule_mask(binarise(page), dpi=300)
    k = 300 / 72
    assert mask[int(130 * k), int(120 * k)] == 255  # on a rule
    text = (page < 128) & (mask == 0)
    assert np.count_nonzero(text[int(105 * k) : int(125 * k), int(55 * k) : int(195 * k)]) > 500


def test_table_rule_mask_leaves_runs_outside_tables() -> None:
    # Bold title text has flat runs the opening keeps; wiping them cut letters out of words.
    page = _table_image()
    k = 300 / 72
    cv2.line(page, (int(60 * k), int(50 * k)), (int(300 * k), int(50 * k)), 0, 3)
    ink = binarise(page)
    tables = find_tables(*detect_rules(ink, dpi=300))
    mask = table_rule_mask(ink, 300, tables)
    assert rule_mask(ink, 300)[int(50 * k), int(120 * k)] == 255
    assert mask[int(50 * k), int(120 * k)] == 0
    assert mask[int(130 * k), int(120 * k)] == 255


def test_rule_masks_computed_once_give_the_same_rules_and_mask() -> None:
    ink = binarise(_table_image())
    masks = rule_masks(ink, 300)
    assert detect_rules(ink, 300, masks) == detect_rules(ink, 300)
    tables = find_tables(*detect_rules(ink, 300))
    assert np.array_equal(
        table_rule_mask(ink, 300, tables, masks), table_rule_mask(ink, 300, tables)
    )
