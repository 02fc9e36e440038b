"""Image inputs (PNG, JPEG, multi-page TIFF): every page OCR'd.

>>> from pathlib import Path
>>> read_image_pages(Path("page.png"), [1])  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

from thaieval.pipeline.pages.images import PageImage, iter_page_images
from thaieval.schemas.page import Page, PageIssue

__all__ = ["ocr_image_page", "read_image_pages"]


def ocr_image_page(image: PageImage, lang: str, issues: list[PageIssue] | None = None) -> Page:
    """OCR one page image into the page model, numbered as the image is."""
    from thaieval.pipeline.ocr.page import ocr_page

    page = ocr_page(image, lang=lang)
    page.number = image.number
    for row in page.rows:
        row.page = image.number
    page.issues = list(issues or []) + page.issues
    return page


def read_image_pages(
    path: Path, page_numbers: list[int] | None = None, *, lang: str = "tha+eng"
) -> list[Page]:
    """OCR'd pages of an image file (1-based ``page_numbers``; all when None)."""
    wanted = set(page_numbers) if page_numbers else None
    return [
        ocr_image_page(image, lang)
        for image in iter_page_images(path)
        if wanted is None or image.number in wanted
    ]
