"""OCR of one page image into the page model: tesseract once per page, then passes.

Steps: deskew and binarise (:mod:`thaieval.pipeline.ocr.preprocess`) → rules and tables found,
the rules wiped, one tesseract pass giving word boxes and confidences, the page turned over
and read again if it was upside down (:mod:`thaieval.pipeline.ocr.upright`) → :data:`PASSES`
in order, each ``(scan, draft) -> None`` (:mod:`thaieval.pipeline.ocr.passes.interface`): the
words laid out in rows and cells (the same table model the text-layer reader builds), then
what the page pass misread or missed read again.

Boxes are in points, top-left origin, in the frame of the page once deskewed (and turned
over when it was upside down); that correction is ``page.ocr_correction``, so that
:func:`thaieval.pipeline.ocr.number_reading.page_as_read` crops the same place.

>>> page = ocr_page(next(iter_page_images(Path("scan.pdf"))))  # doctest: +SKIP
>>> page.method, page.rows[0].text  # doctest: +SKIP
('ocr', 'แบบสรุปผลคะแนนการตรวจติดตามประเมินผลการปฏิบัติราชการ')
"""

from __future__ import annotations

from thaieval.pipeline.ocr.passes import (
    date_rows,
    empty_cells,
    list_markers,
    number_cells,
    number_slots,
    rows,
    thai_digit_words,
)
from thaieval.pipeline.ocr.passes.interface import OcrPass, PageDraft
from thaieval.pipeline.ocr.preprocess import prepare
from thaieval.pipeline.ocr.upright import mean_confidence, read_upright
from thaieval.pipeline.pages.images import PageImage
from thaieval.schemas.frame import PageFrame
from thaieval.schemas.page import Page, PageIssue

__all__ = ["PASSES", "ocr_page"]

STAGE = "ocr"
# Both set by hand in the first skeleton (f62841c), no measurement recorded; not tuned since.
LOW_PAGE = 60.0  # mean word confidence reported as a page issue
SKEW_NOTED = 0.1  # degrees of deskew from which the page's issues say so (the skew's precision)

PASSES: tuple[OcrPass, ...] = (
    empty_cells.run,  # inked table cells the page pass left empty, read on their own
    rows.run,  # words laid out in rows and cells
    thai_digit_words.run,  # words in Thai digits read by glyph matching
    number_cells.run,  # number cells that read badly read again
    number_slots.run,  # a number missing from an even run of numbers read from its ink
    date_rows.run,  # a date line that holds no date read with the Thai model alone
    list_markers.run,  # list numbers misread or lost read from their glyphs
)


def ocr_page(image: PageImage, *, lang: str = "tha+eng", timeout: float = 120) -> Page:
    """One page image read into the page model (``method="ocr"``); ``image`` is not changed.

    Blank pages come back skipped; an upside-down page is turned over and read; both are
    reported in ``page.issues``. A failed or timed-out tesseract raises
    :class:`~thaieval.pipeline.errors.OcrFailure`.

    >>> page = ocr_page(render_page(Path("scan.pdf"), 1))  # doctest: +SKIP
    >>> [c.text for c in page.rows[3].cells]  # doctest: +SKIP
    ['10', 'ระดับ 4 (98.77)', '87.70', '8.77']
    """
    page = Page(number=image.number, width=image.width, height=image.height, method="ocr")
    prepared = prepare(image.image)
    if prepared.blank:
        page.skipped, page.skip_reason = True, "blank page"
        page.issues.append(PageIssue(stage=STAGE, category="blank_page", message="page is blank"))
        return page
    scan, words = read_upright(prepared, image.dpi, lang, timeout)
    if scan.turn == 180:
        page.issues.append(
            PageIssue(stage=STAGE, category="upside_down", message="page was upside down; turned")
        )
    angle = scan.prepared.angle
    page.ocr_correction = (scan.turn, angle)
    page.frame = PageFrame.of_pixels(
        turn=scan.turn, angle=angle, size=image.image.shape, dpi=image.dpi
    )
    if abs(angle) >= SKEW_NOTED:
        page.issues.append(
            PageIssue(stage=STAGE, category="deskewed", message=f"deskewed by {angle:.2f}°")
        )
    draft = PageDraft(number=image.number, words=words)
    for step in PASSES:
        step(scan, draft)
    page.rows, page.issues = draft.rows, page.issues + draft.issues
    page.ocr_confidences = [
        w.confidence
        for row in draft.rows
        for cell in row.cells
        for w in cell.words
        if w.confidence is not None
    ]
    if not draft.words:
        page.issues.append(
            PageIssue(stage=STAGE, category="no_text", message="no text found on the page")
        )
    elif mean_confidence(draft.words) < LOW_PAGE:
        page.issues.append(
            PageIssue(
                stage=STAGE,
                category="low_confidence",
                message=f"mean OCR confidence {mean_confidence(draft.words):.0f}",
            )
        )
    return page
