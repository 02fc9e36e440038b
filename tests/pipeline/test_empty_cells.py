"""Cells the page pass left empty but that hold ink are read on their own."""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from tests.pipeline.scan_fixtures import FONT
from thaieval.parsers.table_grid import find_tables
from thaieval.pipeline.ocr.passes.empty_cells import ink_extent, inked_empty_cells, read_empty_cells
from thaieval.pipeline.ocr.preprocess import prepare
from thaieval.pipeline.ocr.table_rules import detect_rules
from thaieval.schemas.page import Box, Word

DPI = 200.0
K = DPI / 72


def _page() -> np.ndarray:
    """Three cells at x 50/150/250/350 pt, y 100–140 pt: "๑๐" in the first, "๓" in the
    second, nothing in the third."""
    image = Image.new("L", (int(400 * K), int(200 * K)), 240)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, int(14 * K))
    draw.text((int(90 * K), int(108 * K)), "๑๐", font=font, fill=20)
    draw.text((int(195 * K), int(108 * K)), "๓", font=font, fill=20)
    page = np.array(image)
    for y in (100, 140):
        cv2.line(page, (int(50 * K), int(y * K)), (int(350 * K), int(y * K)), 0, 2)
    for x in (50, 150, 250, 350):
        cv2.line(page, (int(x * K), int(100 * K)), (int(x * K), int(140 * K)), 0, 2)
    return page


def test_only_the_inked_cell_without_words_is_read() -> None:
    prepared = prepare(_page())
    tables = find_tables(*detect_rules(prepared.ink, DPI))
    read = [Word(text="๑๐", box=Box(x0=88, top=108, x1=110, bottom=124), confidence=90)]
    boxes = inked_empty_cells(read, tables, prepared.ink, DPI)
    assert len(boxes) == 1 and 150 < boxes[0].x0 < boxes[0].x1 < 250
    (word,) = read_empty_cells(read, tables, prepared, DPI, "tha+eng")
    assert word.text == "๓" and word.box == boxes[0]


def test_ink_extent_is_the_text_inside_the_rules() -> None:
    prepared = prepare(_page())
    (grid,) = find_tables(*detect_rules(prepared.ink, DPI))
    boxes = [ink_extent(prepared.ink, c.box, DPI) for c in grid.cells]
    assert boxes[2] is None  # the empty third cell: its rules are not its ink
    first = boxes[0]
    assert first is not None and 85 < first.x0 < first.x1 < 125 and first.top > 100
