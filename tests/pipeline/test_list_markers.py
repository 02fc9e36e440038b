"""List numbers tesseract misread or lost, read back from the ink left of the line's text."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from tests.pipeline.scan_fixtures import FONT
from thaieval.pipeline.ocr.passes.list_markers import restore_list_markers
from thaieval.schemas.page import Box, Cell, Row, Word

DPI = 200
SIZE = 44  # pixels: a 16 pt line at 200 dpi
MARKER_X, TEXT_X = 200, 270  # a hanging indent: the number a tab left of its text


def _page(lines: list[tuple[str, str]]) -> tuple[np.ndarray, list[tuple[int, Box, Box]]]:
    """Lines of (marker, text) drawn on grey grainy paper; for each line its y and the point
    boxes of the marker and of the text."""
    font = ImageFont.truetype(FONT, SIZE)
    image = Image.new("L", (1400, 120 + 90 * len(lines)), 235)
    draw = ImageDraw.Draw(image)
    boxes = []
    for i, (marker, text) in enumerate(lines):
        y = 60 + 90 * i
        draw.text((MARKER_X, y), marker, font=font, fill=20)
        draw.text((TEXT_X, y), text, font=font, fill=20)
        mx0, mt, mx1, mb = draw.textbbox((MARKER_X, y), marker or ".", font=font)
        tx0, tt, tx1, tb = draw.textbbox((TEXT_X, y), text, font=font)
        scale = 72 / DPI
        boxes.append(
            (
                y,
                Box(x0=mx0 * scale, top=mt * scale, x1=mx1 * scale, bottom=mb * scale),
                Box(x0=tx0 * scale, top=tt * scale, x1=tx1 * scale, bottom=tb * scale),
            )
        )
    rng = np.random.default_rng(3)
    gray = np.clip(np.array(image) + rng.normal(0, 8, (image.height, image.width)), 0, 255)
    return gray.astype(np.uint8), boxes


def _row(words: list[Word]) -> Row:
    return Row(page=1, cells=[Cell(text=" ".join(w.text for w in words), words=words)])


def test_a_misread_and_a_lost_list_number_are_read_from_their_glyphs() -> None:
    gray, boxes = _page([("2.", "รายงานสรุป"), ("6.", "แบบสอบถาม")])
    (_, mark2, text2), (_, _, text6) = boxes
    misread = _row(
        [
            Word(text="De", box=mark2, confidence=45),
            Word(text="รายงานสรุป", box=text2, confidence=95),
        ]
    )
    lost = _row([Word(text="แบบสอบถาม", box=text6, confidence=93)])
    issues = restore_list_markers([misread, lost], gray, DPI)
    assert [r.cells[0].text for r in (misread, lost)] == ["2. รายงานสรุป", "6. แบบสอบถาม"]
    assert [w.text for w in misread.cells[0].words] == ["2.", "รายงานสรุป"]
    assert len(issues) == 2 and "(OCR: De)" in issues[0].message


def test_a_line_with_no_number_before_it_is_left_alone() -> None:
    gray, boxes = _page([("", "แบบสอบถาม")])
    row = _row([Word(text="แบบสอบถาม", box=boxes[0][2], confidence=93)])
    assert restore_list_markers([row], gray, DPI) == []
    assert row.cells[0].text == "แบบสอบถาม"


@pytest.mark.parametrize(
    ("printed", "read", "confidence"),
    [
        ("ที่", "ที่", 40),  # a doubtful word that is no number
        ("25", "25", 95),  # a bare number printed without a point stays as printed
    ],
)
def test_a_word_before_the_text_that_is_no_list_number_is_kept(
    printed: str, read: str, confidence: float
) -> None:
    gray, boxes = _page([(printed, "คะแนน")])
    _, mark, text = boxes[0]
    row = _row(
        [
            Word(text=read, box=mark, confidence=confidence),
            Word(text="คะแนน", box=text, confidence=93),
        ]
    )
    assert restore_list_markers([row], gray, DPI) == []
    assert row.cells[0].text == f"{read} คะแนน"


def test_a_number_without_its_point_is_not_a_list_number() -> None:
    gray, boxes = _page([("25", "แบบสอบถาม")])
    row = _row([Word(text="แบบสอบถาม", box=boxes[0][2], confidence=93)])
    assert restore_list_markers([row], gray, DPI) == []


def test_table_rows_are_not_touched() -> None:
    gray, boxes = _page([("2.", "รายงานสรุป")])
    row = _row([Word(text="รายงานสรุป", box=boxes[0][2], confidence=95)])
    row.table = 0
    assert restore_list_markers([row], gray, DPI) == []


def test_the_number_keeps_the_box_of_its_ink() -> None:
    gray, boxes = _page([("6.", "แบบสอบถาม")])
    _, mark, text = boxes[0]
    row = _row([Word(text="แบบสอบถาม", box=text, confidence=93)])
    restore_list_markers([row], gray, DPI)
    found = row.cells[0].words[0].box
    assert found is not None and abs(found.x0 - mark.x0) < 1.5 and abs(found.x1 - mark.x1) < 1.5


def test_a_number_read_without_its_point_or_as_another_number_is_read_again() -> None:
    gray, boxes = _page([("5.", "ระบบการลา"), ("2.", "บุคลากรมีความรู้")])
    rows = [
        _row(
            [Word(text=bare, box=mark, confidence=conf), Word(text=text_, box=text, confidence=92)]
        )
        for (bare, conf, text_), (_, mark, text) in zip(
            [("5", 95, "ระบบการลา"), ("9.", 57, "บุคลากรมีความรู้")], boxes, strict=True
        )
    ]
    restore_list_markers(rows, gray, DPI)
    assert [r.cells[0].text for r in rows] == ["5. ระบบการลา", "2. บุคลากรมีความรู้"]
