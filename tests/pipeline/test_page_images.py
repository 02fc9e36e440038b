"""Page images from PDFs (embedded scan or rendered), PNG, JPEG and multi-page TIFF."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.pipeline.scan_fixtures import form_pdf, image_pdf
from thaieval.pipeline.errors import CorruptInput, EmptyInput, UnsupportedInput
from thaieval.pipeline.pages.images import iter_page_images, page_count, render_page


def _page(height: int, width: int, value: int) -> np.ndarray:
    image = np.full((height, width), 255, np.uint8)
    image[10:20, 10 : width - 10] = value  # something to recognise the page by
    return image


def test_png_dpi_and_size_in_points(tmp_path: Path) -> None:
    path = tmp_path / "p.png"
    Image.fromarray(_page(400, 300, 0)).save(path, dpi=(200, 200))
    (page,) = iter_page_images(path)
    assert (page.number, page.image.shape, page.dpi) == (1, (400, 300), 200.0)
    assert (page.width, page.height) == pytest.approx((108.0, 144.0))


def test_jpeg_without_dpi_assumes_300(tmp_path: Path) -> None:
    path = tmp_path / "p.jpg"
    Image.fromarray(_page(600, 300, 0)).convert("RGB").save(path, quality=95)
    (page,) = iter_page_images(path)
    assert page.dpi == 300.0
    assert page.image.dtype == np.uint8 and page.image.ndim == 2
    assert (page.width, page.height) == pytest.approx((72.0, 144.0))


def test_multipage_tiff_one_page_at_a_time(tmp_path: Path) -> None:
    path = tmp_path / "p.tif"
    frames = [Image.fromarray(_page(100, 80, v)) for v in (0, 60, 120)]
    frames[0].save(path, save_all=True, append_images=frames[1:], dpi=(300, 300))
    pages = iter_page_images(path)
    assert [(p.number, int(p.image[15, 40])) for p in pages] == [(1, 0), (2, 60), (3, 120)]
    assert page_count(path) == 3
    assert int(render_page(path, 2).image[15, 40]) == 60


def test_image_pdf_gives_the_embedded_scan_at_its_own_resolution(tmp_path: Path) -> None:
    # A4 at 200 dpi: 1654 x 2339 pixels.
    scans = [_page(2339, 1654, 0), _page(2339, 1654, 90)]
    path = image_pdf(scans, tmp_path / "scan.pdf", dpi=200)
    pages = list(iter_page_images(path, dpi=300))
    assert [p.image.shape for p in pages] == [(2339, 1654), (2339, 1654)]
    assert [p.dpi for p in pages] == pytest.approx([200.0, 200.0], abs=0.1)
    assert pages[0].width == pytest.approx(595.28, abs=0.01)
    # JPEG blurs the bar a little; its inside keeps the grey it was drawn with.
    assert abs(int(pages[1].image[15, 800]) - 90) < 12
    assert render_page(path, 2).dpi == pytest.approx(200.0, abs=0.1)


def test_text_pdf_is_rendered_at_the_requested_dpi(tmp_path: Path) -> None:
    path = form_pdf(tmp_path / "form.pdf")
    (page,) = iter_page_images(path, dpi=100)
    assert page.dpi == 100.0
    height, width = page.image.shape
    assert abs(height - 841.89 * 100 / 72) <= 1 and abs(width - 595.28 * 100 / 72) <= 1
    assert page.image.min() < 100  # the text was drawn


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("missing.pdf", None, EmptyInput),
        ("empty.pdf", b"", EmptyInput),
        ("broken.pdf", b"%PDF-1.4 this is not a pdf", CorruptInput),
        ("broken.png", b"\x89PNG\r\n\x1a\n garbage", CorruptInput),
        ("notes.docx", b"PK\x03\x04", UnsupportedInput),
    ],
)
def test_bad_input_raises_a_clear_input_error(
    tmp_path: Path, name: str, content: bytes | None, error: type[Exception]
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(error) as caught:
        list(iter_page_images(path))
    assert name in str(caught.value) and "\n" not in str(caught.value)


def test_render_page_out_of_range(tmp_path: Path) -> None:
    path = form_pdf(tmp_path / "form.pdf")
    with pytest.raises(EmptyInput, match="no page 2"):
        render_page(path, 2, dpi=50)
