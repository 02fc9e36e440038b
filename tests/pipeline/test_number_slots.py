"""A number the page pass left out of an evenly spaced run in one cell, read from its ink."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from tests.pipeline.scan_fixtures import FONT
from thaieval.pipeline.ocr.passes.number_slots import read_missing_slots
from thaieval.pipeline.ocr.preprocess import binarise
from thaieval.schemas.page import Box, Cell, Row, Word

DPI = 200
SCALE = 72 / DPI
CRITERIA = ["๗๐", "๗๕", "๘๐", "๘๕", "๙๐"]


def _cell(printed: list[str]) -> tuple[np.ndarray, list[Box], Box]:
    """A ruled cell with ``printed`` numbers at even steps (""; nothing printed there), on
    grainy paper; the numbers' boxes and the cell's, in points."""
    font = ImageFont.truetype(FONT, 36)
    image = Image.new("L", (900, 160), 235)
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 30, 860, 130), outline=30, width=2)
    boxes = []
    for i, text in enumerate(printed):
        x = 100 + 150 * i
        draw.text((x, 60), text or "๐๐", font=font, fill=20 if text else 235)
        x0, top, x1, bottom = draw.textbbox((x, 60), text or "๐๐", font=font)
        boxes.append(Box(x0=x0 * SCALE, top=top * SCALE, x1=x1 * SCALE, bottom=bottom * SCALE))
    rng = np.random.default_rng(2)
    grain = rng.normal(0, 6, (image.height, image.width))
    gray = np.clip(np.array(image) + grain, 0, 255).astype(np.uint8)
    ruled = Box(x0=44 * SCALE, top=34 * SCALE, x1=856 * SCALE, bottom=126 * SCALE)
    return gray, boxes, ruled


def _row(words: list[Word]) -> Row:
    box = Box(x0=words[0].box.x0, top=0, x1=words[-1].box.x1, bottom=40)  # type: ignore[union-attr]
    return Row(
        page=1,
        table=0,
        cells=[Cell(text=" ".join(w.text for w in words), box=box, words=words, col=0)],
    )


@pytest.mark.parametrize("lost", [0, 2, 4])
def test_the_number_left_out_of_a_run_is_read_from_its_room(lost: int) -> None:
    gray, boxes, ruled = _cell(CRITERIA)
    words = [
        Word(text=t, box=b, confidence=80)
        for i, (t, b) in enumerate(zip(CRITERIA, boxes, strict=True))
        if i != lost
    ]
    row = _row(words)
    issues = read_missing_slots([row], lambda r, c: ruled, gray, binarise(gray), DPI)
    assert row.cells[0].text == " ".join(CRITERIA)
    assert len(issues) == 1 and CRITERIA[lost] in issues[0].message


def test_an_empty_room_stays_empty() -> None:
    printed = [*CRITERIA[:4], ""]
    gray, boxes, ruled = _cell(printed)
    row = _row(
        [Word(text=t, box=b, confidence=80) for t, b in zip(CRITERIA[:4], boxes, strict=False)]
    )
    assert read_missing_slots([row], lambda r, c: ruled, gray, binarise(gray), DPI) == []
    assert row.cells[0].text == " ".join(CRITERIA[:4])
