"""Page images for OCR: one greyscale image per page of a PDF, PNG, JPEG or TIFF file.

A PDF page that is a single full-page image (a scan) gives that image at its own resolution,
so no pixel is invented or lost by re-rendering; any other PDF page is rendered at ``dpi``.
Pages are produced one at a time, so memory stays flat for a file of 500 pages.

>>> page = next(iter_page_images(Path("scan.pdf")))  # doctest: +SKIP
>>> page.number, page.image.shape, round(page.dpi)  # doctest: +SKIP
(1, (3508, 2480), 300)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageSequence, UnidentifiedImageError

from thaieval.pipeline.errors import CorruptInput, EmptyInput, EncryptedInput, UnsupportedInput
from thaieval.pipeline.ingest.files import kind_of_file

__all__ = [
    "DEFAULT_DPI",
    "PageImage",
    "iter_page_images",
    "page_count",
    "render_page",
]

# All six set by hand in the skeleton (f62841c), no sweep recorded.
DEFAULT_DPI = 300  # assumed for an image file that does not say its resolution
PLACEMENT_TOLERANCE = 1.0  # points; a scan placed this close to the page edges is the page
MIN_DPI, MAX_DPI = 50.0, 1200.0  # embedded images outside this range are re-rendered
MIN_FILE_DPI = MIN_DPI * 2  # a file's declared dpi is believed from this up (not 72 or 96)
DPI_AGREEMENT = 2  # dpi; an image whose two axes' resolutions differ more is re-rendered

# A 2-D uint8 array; typed loosely because OpenCV's stubs return generic arrays.
GrayImage = npt.NDArray[Any]


@dataclass
class PageImage:
    """One page as pixels: 1-based ``number``, 2-D uint8 ``image``, its ``dpi`` and the page
    size in points (what a box in points is measured against)."""

    number: int
    image: GrayImage
    dpi: float
    width: float
    height: float

    def to_points(self, px: float) -> float:
        """Pixels to points: ``px * 72 / dpi``."""
        return px * 72.0 / self.dpi


def _gray(image: Image.Image) -> GrayImage:
    """Any PIL image as 8-bit grey; 16-bit and float images are scaled, alpha is flattened."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        arr = np.asarray(image, dtype=np.float64)
        top = float(arr.max()) or 1.0
        return np.clip(arr * 255.0 / top, 0, 255).astype(np.uint8)
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        background = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, image.convert("RGBA"))
    return np.array(image.convert("L"), dtype=np.uint8)


# --- PDF ----------------------------------------------------------------------------------


def _open_pdf(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise EncryptedInput(f"{path.name}: PDF is encrypted; decrypt it first") from exc
        raise CorruptInput(f"{path.name}: cannot open PDF ({message})") from exc


def _sole_page_image(page: pdfium.PdfPage) -> pdfium.PdfImage | None:
    """The page's image object when the page is nothing but one upright full-page image."""
    images: list[pdfium.PdfImage] = []
    for obj in page.get_objects(max_depth=3):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images.append(obj)
        elif obj.type in (pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_SHADING):
            return None  # drawn content beside the image: render the page instead
        if len(images) > 1:
            return None
    if len(images) != 1 or page.get_rotation() != 0:
        return None
    image = images[0]
    matrix = image.get_matrix().get()
    a, b, c, d = matrix[:4]
    if b != 0 or c != 0 or a <= 0 or d <= 0:  # rotated or mirrored placement
        return None
    left, bottom, right, top = image.get_bounds()
    crop_left, crop_bottom, crop_right, crop_top = page.get_bbox()  # the visible page
    # Boxes are measured from the page's corner, so the image must be the page, not inside it.
    if (
        max(
            abs(left - crop_left),
            abs(bottom - crop_bottom),
            abs(right - crop_right),
            abs(top - crop_top),
        )
        > PLACEMENT_TOLERANCE
    ):
        return None
    return image


def _pdf_page_image(pdf: pdfium.PdfDocument, index: int, dpi: int) -> PageImage:
    """Page ``index`` (0-based) as a PageImage: the embedded scan if it is one, else rendered."""
    page = pdf[index]
    try:
        width, height = page.get_size()
        embedded = _sole_page_image(page)
        if embedded is not None:
            px_w, px_h = embedded.get_px_size()
            own_dpi = px_w * 72.0 / width
            if (
                MIN_DPI <= own_dpi <= MAX_DPI
                and abs(px_h * 72.0 / height - own_dpi) < DPI_AGREEMENT
            ):
                # The decoded pixels as stored (pdfium applies the colour space and decode
                # array); rendering instead would resample them by up to a pixel.
                pil = embedded.get_bitmap(render=False).to_pil()
                return PageImage(
                    number=index + 1, image=_gray(pil), dpi=own_dpi, width=width, height=height
                )
        bitmap = page.render(scale=dpi / 72.0, grayscale=True)
        image = _gray(bitmap.to_pil())
        return PageImage(number=index + 1, image=image, dpi=float(dpi), width=width, height=height)
    except pdfium.PdfiumError as exc:
        raise CorruptInput(f"page {index + 1}: cannot render ({exc})") from exc
    finally:
        page.close()


def _iter_pdf(path: Path, dpi: int) -> Iterator[PageImage]:
    pdf = _open_pdf(path)
    try:
        if len(pdf) == 0:
            raise EmptyInput(f"{path.name}: PDF has no pages")
        for index in range(len(pdf)):
            yield _pdf_page_image(pdf, index, dpi)
    finally:
        pdf.close()


# --- image files --------------------------------------------------------------------------


def _file_dpi(image: Image.Image) -> float:
    """The resolution an image file declares, else :data:`DEFAULT_DPI`."""
    dpi = image.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        value = 0.0
    # Many writers store 72 or 96 as a placeholder; a page scanned that coarsely is unreadable.
    # PNG stores pixels per metre: 200 dpi comes back as 199.9996.
    return round(value, 1) if MIN_FILE_DPI <= value <= MAX_DPI else float(DEFAULT_DPI)


def _frame_page(frame: Image.Image, number: int) -> PageImage:
    dpi = _file_dpi(frame)
    gray = _gray(frame)
    height_px, width_px = gray.shape
    return PageImage(
        number=number,
        image=gray,
        dpi=dpi,
        width=width_px * 72.0 / dpi,
        height=height_px * 72.0 / dpi,
    )


def _open_image(path: Path) -> Image.Image:
    try:
        return Image.open(path)
    except (UnidentifiedImageError, OSError) as exc:
        raise CorruptInput(f"{path.name}: not a readable image ({exc})") from exc


def _iter_image(path: Path) -> Iterator[PageImage]:
    with _open_image(path) as image:
        try:
            for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
                yield _frame_page(frame, number)
        except (OSError, ValueError, SyntaxError) as exc:
            raise CorruptInput(f"{path.name}: damaged image data ({exc})") from exc


# --- public -------------------------------------------------------------------------------


def _kind(path: Path) -> str:
    kind = kind_of_file(path)  # by the bytes: a PNG named .pdf is an image
    if kind in ("pdf", "image"):
        return kind
    raise UnsupportedInput(f"{path.name}: not a PDF or page image (PNG, JPEG, TIFF)")


def _check_file(path: Path) -> None:
    if not path.is_file():
        raise EmptyInput(f"{path}: no such file")
    if path.stat().st_size == 0:
        raise EmptyInput(f"{path.name}: file is empty")


def iter_page_images(path: Path, dpi: int = DEFAULT_DPI) -> Iterator[PageImage]:
    """Every page of a PDF or image file as a :class:`PageImage`, one at a time.

    Raises an :class:`~thaieval.pipeline.errors.InputError` for a missing, empty, damaged,
    encrypted or unsupported file.

    >>> [p.number for p in iter_page_images(Path("three_pages.tif"))]  # doctest: +SKIP
    [1, 2, 3]
    """
    _check_file(path)
    if _kind(path) == "pdf":
        yield from _iter_pdf(path, dpi)
    else:
        yield from _iter_image(path)


def page_count(path: Path) -> int:
    """Number of pages (PDF pages or image frames) without decoding them."""
    _check_file(path)
    if _kind(path) == "pdf":
        pdf = _open_pdf(path)
        try:
            return len(pdf)
        finally:
            pdf.close()
    with _open_image(path) as image:
        return int(getattr(image, "n_frames", 1))


def render_page(path: Path, page_no: int, dpi: int = DEFAULT_DPI) -> PageImage:
    """One page (1-based) of a PDF or image file, for the text-layer reader's fallback.

    >>> render_page(Path("report.pdf"), 3).number  # doctest: +SKIP
    3
    """
    _check_file(path)
    if _kind(path) == "pdf":
        pdf = _open_pdf(path)
        try:
            if not 1 <= page_no <= len(pdf):
                raise EmptyInput(f"{path.name}: no page {page_no} (has {len(pdf)})")
            return _pdf_page_image(pdf, page_no - 1, dpi)
        finally:
            pdf.close()
    with _open_image(path) as image:
        frames = int(getattr(image, "n_frames", 1))
        if not 1 <= page_no <= frames:
            raise EmptyInput(f"{path.name}: no page {page_no} (has {frames})")
        try:
            image.seek(page_no - 1)
            return _frame_page(image, page_no)
        except (OSError, ValueError, SyntaxError) as exc:
            raise CorruptInput(f"{path.name}: damaged image data ({exc})") from exc
