"""Image inputs (PNG, JPEG, multi-page TIFF): every page OCR'd.

>>> from pathlib import Path
>>> read_image_pages(Path("page.png"), [1])  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

from pipeline.page_images import iter_page_images
from schemas.page import Page

__all__ = ["read_image_pages"]


def read_image_pages(
    path: Path, page_numbers: list[int] | None = None, *, lang: str = "tha+eng"
) -> list[Page]:
    """OCR'd pages of an image file (1-based ``page_numbers``; all when None)."""
    from pipeline.ocr import ocr_page

    wanted = set(page_numbers) if page_numbers else None
    pages = []
    for image in iter_page_images(path):
        if wanted is not None and image.number not in wanted:
            continue
        page = ocr_page(image, lang=lang)
        page.number = image.number
        for row in page.rows:
            row.page = image.number
        pages.append(page)
    return pages
