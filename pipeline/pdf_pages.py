"""PDF pages: the text layer where it is usable, OCR where it is not (or everywhere on --force-ocr).

A page the text-layer reader marks ``needs_ocr`` (scanned, or a layer still damaged after
repair) is rendered alone and OCR'd; the page keeps the reason in its issues, so the
document's method says what was used.

>>> from pathlib import Path
>>> [p.method for p in read_pdf_pages(Path("/work/shared/real/budget-2565-vol17.pdf"), [1])]  # doctest: +SKIP
['text']
"""

from __future__ import annotations

from pathlib import Path

from pipeline.page_images import render_page
from pipeline.pdf_text import read_text_layer
from schemas.page import Page, PageIssue

__all__ = ["needs_ocr", "ocr_pdf_page", "read_pdf_pages"]


def needs_ocr(page: Page) -> bool:
    return page.method == "none" and any(i.category == "needs_ocr" for i in page.issues)


def ocr_pdf_page(
    path: Path, number: int, dpi: int, lang: str, issues: list[PageIssue] | None = None
) -> Page:
    """Render page ``number`` and OCR it."""
    from pipeline.ocr import ocr_page

    page = ocr_page(render_page(path, number, dpi), lang=lang)
    page.number = number
    for row in page.rows:
        row.page = number
    page.issues = list(issues or []) + page.issues
    return page


def read_pdf_pages(
    path: Path,
    page_numbers: list[int] | None = None,
    *,
    dpi: int = 300,
    force_ocr: bool = False,
    lang: str = "tha+eng",
) -> list[Page]:
    """Pages ``page_numbers`` (1-based; all when None) of the PDF at ``path``."""
    layer = read_text_layer(path, page_numbers)
    out: list[Page] = []
    for page in layer:
        if force_ocr or needs_ocr(page):
            out.append(ocr_pdf_page(path, page.number, dpi, lang, page.issues))
        else:
            out.append(page)
    return out
