"""PDF pages: the text layer where it is usable, OCR where it is not (or everywhere on --force-ocr).

A page the text-layer reader marks ``needs_ocr`` (scanned, or a layer still damaged after
repair) is rendered alone and OCR'd — unless a cheap screen finds no form on it: pages of a
budget book mixed into an archive are passed over in a fraction of a second each, with their
reason. Every page inside a form (the page before it was a form page) is read in full, and so
is a scanned page that opens a range. A text layer that lost marks the dictionary cannot
restore has the page OCR'd for its marks only (:mod:`thaieval.pipeline.pages.layer_marks`).

>>> from pathlib import Path
>>> [p.method for p in read_pdf_pages(Path("/work/shared/real/budget-2565-vol17.pdf"), [3])]  # doctest: +SKIP
['text']
"""

from __future__ import annotations

from pathlib import Path

from thaieval.parsers.form_vocabulary import has_form_vocabulary
from thaieval.parsers.vocabulary import contains_label
from thaieval.pipeline.pages.image_files import ocr_image_page
from thaieval.pipeline.pages.images import PageImage, render_page
from thaieval.pipeline.pages.layer_marks import read_layer_with_marks
from thaieval.schemas.page import Page

__all__ = ["needs_ocr", "read_pdf_pages", "screen_for_form"]


def needs_ocr(page: Page) -> bool:
    return page.method == "none" and any(i.category == "needs_ocr" for i in page.issues)


def _continues_forms(text: str) -> bool:
    """Form labels, or the score table's own column labels: a page that may continue a table
    begun before it (an overall table's second page prints no title), so the page after it
    must be read whole too rather than screened."""
    table_keys = ("col_weight", "col_score", "col_result", "grand_total")
    return has_form_vocabulary(text) or any(contains_label(text, key) for key in table_keys)


def _scanned(page: Page) -> bool:
    """The page has no text layer at all (not a damaged one)."""
    return any(i.category == "needs_ocr" and i.message.startswith("scanned") for i in page.issues)


def screen_for_form(image: PageImage, thorough: bool) -> str:
    """Why the page holds no form (``""`` when it may hold one)."""
    from thaieval.pipeline.pages.screen import screen_full_page, screen_page_image

    if screen_page_image(image):
        return ""
    if thorough and screen_full_page(image):
        return ""
    return "no form label found by a low-resolution OCR screen"


def _skipped(page: Page, reason: str) -> Page:
    return page.model_copy(update={"skipped": True, "skip_reason": reason, "rows": []})


def read_pdf_pages(
    path: Path,
    page_numbers: list[int] | None = None,
    *,
    dpi: int = 300,
    force_ocr: bool = False,
    lang: str = "tha+eng",
) -> list[Page]:
    """Pages ``page_numbers`` (1-based; all when None) of the PDF at ``path``."""
    layer = read_layer_with_marks(path, page_numbers, dpi=dpi, lang=lang, ocr=not force_ocr)
    out: list[Page] = []
    in_form = False
    for i, page in enumerate(layer):
        if page.skipped:
            out.append(page)
            continue
        if not (force_ocr or needs_ocr(page)):
            in_form = has_form_vocabulary(page.text) or (in_form and bool(page.rows))
            out.append(page)
            continue
        image = render_page(path, page.number, dpi)
        # A scanned page that opens a range is read whole: in an archive of scanned forms it
        # nearly always opens or continues a form, so a screen there is paid for nothing. A
        # damaged text layer (a budget book's) and a page after one with no form are screened.
        whole = i == 0 and _scanned(page)
        if not force_ocr and not in_form and not whole:
            reason = screen_for_form(image, thorough=i == 0 and page.number > 1)
            if reason:
                out.append(_skipped(page, reason))
                continue
        ocr = ocr_image_page(image, lang, page.issues)
        in_form = not whole or _continues_forms(ocr.text)
        out.append(ocr)
    return out
