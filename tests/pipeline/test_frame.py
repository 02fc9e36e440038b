"""One box frame: exported boxes are in the source page's frame whatever OCR turned.

The transform alone (round trips, and against OpenCV's own rotations), then real OCR of an
upside-down and a skewed scan of the test form: the box a flag exports, cropped from the
raw image, holds the value's ink and reads as the value.
"""

from __future__ import annotations

import csv
from pathlib import Path

import cv2
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import ROOT, run_cli
from tests.pipeline.scan_fixtures import (
    COLUMNS,
    ROW_HEIGHTS,
    TABLE_TOP,
    damage,
    form_pdf,
    image_pdf,
    rasterise,
)
from thaieval.pipeline.assemble.records import assemble
from thaieval.pipeline.ocr.page import ocr_page
from thaieval.pipeline.ocr.preprocess import rotate
from thaieval.pipeline.ocr.tesseract_run import parse_tsv, run_tesseract
from thaieval.pipeline.pages.images import PageImage, iter_page_images
from thaieval.pipeline.verify.document import Verification
from thaieval.schemas.forms import ParsedForm, ParseNote
from thaieval.schemas.frame import PageFrame
from thaieval.schemas.page import Box, Page
from thaieval.schemas.provenance import Prov
from thaieval.schemas.records import DocumentRecord

DPI = 300.0
PIXEL = 72.0 / DPI

frames = st.builds(
    lambda turn, angle, rows, cols: PageFrame.of_pixels(
        turn=turn, angle=angle, size=(rows, cols), dpi=DPI
    ),
    st.sampled_from([0, 90, 180, 270]),
    st.floats(-5.0, 5.0),
    st.integers(500, 3600),
    st.integers(500, 3600),
)


@st.composite
def boxes(draw: st.DrawFn) -> Box:
    x0, top = draw(st.floats(0, 500)), draw(st.floats(0, 700))
    return Box(x0=x0, top=top, x1=x0 + draw(st.floats(1, 200)), bottom=top + draw(st.floats(1, 60)))


@given(frames, st.floats(0, 600), st.floats(0, 850))
def test_a_point_comes_back_from_the_source_frame(frame: PageFrame, x: float, y: float) -> None:
    u, v = frame.point_to_upright(frame.point_to_source((x, y)))
    assert abs(u - x) < 1e-6 and abs(v - y) < 1e-6


@given(frames, boxes())
def test_a_box_comes_back_within_a_pixel(frame: PageFrame, box: Box) -> None:
    back = frame.to_upright(frame.to_source(box))
    # A turn maps a box exactly; a skew widens it to the rectangle holding the turned box,
    # so the round trip holds the box and keeps its centre within a pixel.
    assert back.x0 <= box.x0 + 1e-6 and back.top <= box.top + 1e-6
    assert back.x1 >= box.x1 - 1e-6 and back.bottom >= box.bottom - 1e-6
    assert abs((back.x0 + back.x1) - (box.x0 + box.x1)) / 2 < PIXEL
    assert abs((back.top + back.bottom) - (box.top + box.bottom)) / 2 < PIXEL
    if frame.angle == 0:
        for a, b in zip(back.model_dump().values(), box.model_dump().values(), strict=True):
            assert abs(a - b) < 1e-6


_TURNS = {90: cv2.ROTATE_90_COUNTERCLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_CLOCKWISE}


@pytest.mark.parametrize(
    ("turn", "angle"), [(0, 3.7), (180, 0.0), (180, -2.25), (90, 1.5), (270, -4.0)]
)
def test_the_frame_follows_the_pixels_opencv_moves(turn: int, angle: float) -> None:
    """A dot drawn on the source image lands, after OCR's deskew and turn, where the frame
    says (within a pixel)."""
    rows, cols, dpi = 900, 700, 150.0
    frame = PageFrame.of_pixels(turn=turn, angle=angle, size=(rows, cols), dpi=dpi)
    for px, py in [(100, 120), (600, 800), (350, 450), (40, 860)]:
        source = np.full((rows, cols), 255, np.uint8)
        cv2.circle(source, (px, py), 6, 0, -1)
        upright = rotate(source, -angle)
        if turn:
            upright = cv2.rotate(upright, _TURNS[turn])
        ys, xs = np.nonzero(upright < 128)
        found = ((xs.mean() + 0.5) * 72 / dpi, (ys.mean() + 0.5) * 72 / dpi)
        expected = frame.point_to_upright(((px + 0.5) * 72 / dpi, (py + 0.5) * 72 / dpi))
        assert abs(found[0] - expected[0]) < 72 / dpi and abs(found[1] - expected[1]) < 72 / dpi
        back = frame.point_to_source(found)
        assert abs(back[0] - (px + 0.5) * 72 / dpi) < 72 / dpi


# --- an exported box on real OCR of a turned and a skewed scan ----------------------------

# Where the test form prints 30.284 (last column, last row), inset past the rules.
_VALUE = "30.284"
_CELL = Box(
    x0=50 + sum(COLUMNS[:3]) + 4,
    top=TABLE_TOP + sum(ROW_HEIGHTS[:3]) + 3,
    x1=50 + sum(COLUMNS) - 4,
    bottom=TABLE_TOP + sum(ROW_HEIGHTS) - 3,
)


def _ink_points(clean: np.ndarray, matrix: np.ndarray) -> np.ndarray:
    """The value's ink pixels of the clean render, moved by ``matrix`` (2×3, pixels) as the
    damage moved them: their centres in points."""
    x0, y0 = round(_CELL.x0 / PIXEL), round(_CELL.top / PIXEL)
    x1, y1 = round(_CELL.x1 / PIXEL), round(_CELL.bottom / PIXEL)
    ys, xs = np.nonzero(clean[y0:y1, x0:x1] < 128)
    points = np.stack([xs + x0, ys + y0, np.ones_like(xs)]).astype(np.float64)
    moved = matrix @ points
    return ((moved + 0.5) * PIXEL).T


def _exported_box(page: Page) -> Box:
    """The box a flag on the page's ``30.284`` exports, through :func:`assemble`."""
    (cell,) = [c for r in page.rows for c in r.cells if c.text == _VALUE]
    prov = Prov(page=page.number, box=cell.box, text=cell.text)
    note = ParseNote(severity="error", check="form_total_mismatch", message="", prov=prov)
    doc = DocumentRecord(document_id="d", source_path="scan.png", sha256="")
    result = assemble(
        doc, [ParsedForm(form_type="component")], Verification(flags=[(0, note)]), [page]
    )
    box = Box.from_text(result.flags[0].box)
    assert box is not None and cell.box is not None
    return box


def _read_crop(raw: np.ndarray, box: Box, turn: int) -> str:
    """The number tesseract reads in the raw image at ``box``, turned upright first."""
    pad = 2.0
    crop = raw[
        max(0, round((box.top - pad) / PIXEL)) : round((box.bottom + pad) / PIXEL),
        max(0, round((box.x0 - pad) / PIXEL)) : round((box.x1 + pad) / PIXEL),
    ]
    if turn:
        crop = rotate(crop, float(turn))
    crop = cv2.copyMakeBorder(crop, 20, 20, 20, 20, cv2.BORDER_CONSTANT, value=255)
    out = run_tesseract(
        crop,
        lang="eng",
        psm=7,
        dpi=DPI,
        timeout=30,
        variables={"tessedit_char_whitelist": "0123456789."},
    )
    return "".join(s.text for s in parse_tsv(out["tsv"]))


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> np.ndarray:
    return rasterise(form_pdf(tmp_path_factory.mktemp("frame") / "form.pdf"), int(DPI))


def _scan(raw: np.ndarray) -> PageImage:
    h, w = raw.shape
    return PageImage(number=1, image=raw, dpi=DPI, width=w * PIXEL, height=h * PIXEL)


@pytest.mark.slow
@pytest.mark.parametrize(("angle", "turn"), [(4.0, 0), (1.5, 180)])
def test_an_exported_box_holds_its_ink_on_the_raw_page(
    clean: np.ndarray, angle: float, turn: int
) -> None:
    raw = damage(clean, angle=angle)
    h, w = raw.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    if turn:
        raw = rotate(raw, 180.0)
        matrix = np.array([[-1.0, 0.0, w - 1.0], [0.0, -1.0, h - 1.0]]) @ np.vstack(
            [matrix, [0.0, 0.0, 1.0]]
        )
    page = ocr_page(_scan(raw))
    assert page.frame is not None and page.frame.turn == turn
    assert abs(page.frame.angle - angle) < 0.2
    box = _exported_box(page)
    ink = _ink_points(clean, matrix)
    inside = (
        (ink[:, 0] >= box.x0 - PIXEL)
        & (ink[:, 0] <= box.x1 + PIXEL)
        & (ink[:, 1] >= box.top - PIXEL)
        & (ink[:, 1] <= box.bottom + PIXEL)
    )
    assert len(ink) > 200 and inside.mean() > 0.97
    assert _read_crop(raw, box, turn) == _VALUE
    # The box as OCR read it (the upright frame) is elsewhere on the raw page.
    (cell,) = [c for r in page.rows for c in r.cells if c.text == _VALUE]
    assert cell.box is not None and _read_crop(raw, cell.box, turn) != _VALUE


def _boxes(out: Path) -> dict[tuple[str, tuple[str, ...]], Box]:
    """Exported boxes of indicators and flags by page and what the row is about."""
    found: dict[tuple[str, tuple[str, ...]], Box] = {}
    for table in ("indicators", "flags"):
        with (out / f"{table}.csv").open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                box = Box.from_text(row["box"])
                key = (table, row["indicator_no"], row.get("check", ""), row.get("field", ""))
                if box is not None:
                    found[(row["page"], key)] = box
    return found


@pytest.mark.slow
def test_a_page_upside_down_exports_the_boxes_of_the_same_page_upright(tmp_path: Path) -> None:
    """The same form scanned upright and upside down: each indicator's exported box on the
    turned page is its box on the upright page turned over, as the raw pages are."""
    (form,) = iter_page_images(ROOT / "samples/archive/image/latkrabang-2567.p8.png")
    pdf = image_pdf([form.image, rotate(form.image, 180.0)], tmp_path / "scan.pdf", round(form.dpi))
    out = tmp_path / "out"
    proc = run_cli("run", str(pdf), "--out", str(out), "--workers", "1")
    assert proc.returncode == 0, proc.stderr
    boxes = _boxes(out)
    upright = {key: box for (page, key), box in boxes.items() if page == "1"}
    turned = {key: box for (page, key), box in boxes.items() if page == "2"}
    assert upright and upright.keys() == turned.keys()
    width, height = 595.28, 841.89  # the A4 page image_pdf draws each scan on
    for key, box in upright.items():
        other = turned[key]
        flipped = (width - other.x1, height - other.bottom, width - other.x0, height - other.top)
        # The same place: the same left and right edges and the same middle line. Not the
        # same height: a number's box is tesseract's word box, whose height differs between
        # two renders of one word (``100.00`` of 3.1: 14 pt upright, 7 pt turned over).
        upright_box = (box.x0, (box.top + box.bottom) / 2, box.x1)
        turned_box = (flipped[0], (flipped[1] + flipped[3]) / 2, flipped[2])
        assert all(abs(a - b) < 2.0 for a, b in zip(turned_box, upright_box, strict=True)), key
