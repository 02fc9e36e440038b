"""Born-digital PDFs: the text layer read into :class:`thaieval.schemas.page.Page` rows.

Two passes over the document. The first reads each page's characters into raw words and
its ruling lines, then lets pdfplumber drop the page's parsed objects, so memory holds only
words and lines, never a page's full object tree. Between the passes the unmapped glyphs
are learned from the whole document (:class:`thaieval.pipeline.pages.text_layer.glyph_map.GlyphMap`), so page 9
profits from evidence on page 50. The second pass repairs the words, judges each page and
builds its rows with :mod:`thaieval.parsers.table_grid` and :mod:`thaieval.parsers.layout`.

Engines measured on the budget document and on fpdf2 renderings (see the tests and the
report): pdfminer (inside pdfplumber) keeps every drawn glyph in stream order, unmapped ones
as ``(cid:N)``; PDFium turns the same glyphs into Latin-1 letters (É, Ê) and reorders
marks; poppler drops them. pdfminer alone is used: the other two never had a word right
that pdfminer plus glyph learning had wrong.

A page that is scanned, or still damaged after repair, is not exported as text: it comes
back with ``method="none"`` and a ``needs_ocr`` issue, and the pipeline sends it to OCR.
A page whose layer drew marks without text keeps its letters and digits; the marks the
dictionary cannot decide are read from OCR of the page (``mark_reader``), and the page's
method says so (``mixed``), with a ``lost_marks`` issue counting what came from where.

>>> pages = read_text_layer(Path("/work/shared/real/budget-2565-vol17.pdf"), [10])
>>> "พื้นฐาน" in pages[0].text or pages[0].method == "none"
True
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from thaieval.parsers.layout import page_rows
from thaieval.parsers.table_grid import Segment, find_tables, rules_from_boxes
from thaieval.pipeline.errors import OcrFailure
from thaieval.pipeline.ingest.pdf_open import open_pdf
from thaieval.pipeline.pages.text_layer.classify import PageClass, classify_words, image_coverage
from thaieval.pipeline.pages.text_layer.glyph_map import GlyphMap
from thaieval.pipeline.pages.text_layer.mark_fill import MarkReader, OcrMarks
from thaieval.pipeline.pages.text_layer.raw_words import RawWord, raw_words
from thaieval.schemas.page import Page, PageIssue

__all__ = ["MarkReader", "PageReading", "read_page", "read_text_layer"]


@dataclass
class PageReading:
    """What the first pass keeps of one page."""

    number: int
    width: float
    height: float
    words: list[RawWord]
    h_rules: list[Segment]
    v_rules: list[Segment]
    coverage: float
    error: str = ""


def _segments(objects: list[dict[str, Any]]) -> list[Segment]:
    return [(float(o["x0"]), float(o["top"]), float(o["x1"]), float(o["bottom"])) for o in objects]


def read_page(page: Any) -> PageReading:
    """First pass over one pdfplumber page: raw words, ruling lines, image coverage."""
    number = int(page.page_number)
    try:
        h_rules, v_rules = rules_from_boxes(_segments(page.lines) + _segments(page.rects))
        reading = PageReading(
            number=number,
            width=float(page.width),
            height=float(page.height),
            words=raw_words(page.chars),
            h_rules=h_rules,
            v_rules=v_rules,
            coverage=image_coverage(page),
        )
    except Exception as exc:  # pdfminer raises many types for one broken content stream
        message = " ".join(str(exc).split()) or type(exc).__name__
        reading = PageReading(number, 595.0, 842.0, [], [], [], 0.0, error=message)
    finally:
        page.flush_cache()  # keep memory flat: the parsed objects are not needed again
    return reading


def _restore_marks(page: Page, verdict: PageClass, marks: OcrMarks | None) -> None:
    """Read the marks the dictionary left undecided from OCR, and record what was used."""
    filled, missing = 0, verdict.marks_unresolved
    if missing and marks is not None:
        try:
            filled, missing = marks.fill(page.number, verdict.words)
        except OcrFailure as exc:
            page.issues.append(
                PageIssue(stage="text_layer", category="ocr_failed", message=str(exc))
            )
        else:
            page.method = "mixed"
            page.ocr_confidences = marks.confidences
    # A name keeps only the marks the page shows: one OCR could not read is left out and
    # said, never guessed.
    unread = list(dict.fromkeys(w.text for w in verdict.words if w.is_name and w.lost_marks))
    if unread:
        page.issues.append(
            PageIssue(
                stage="text_layer",
                category="name_marks_unread",
                message=f"a mark lost in a name could not be read, left as read: {', '.join(unread)}",
            )
        )
    page.issues.append(
        PageIssue(
            stage="text_layer",
            category="lost_marks",
            message=(
                f"{verdict.marks_lost} marks drawn without text: {verdict.marks_from_dictionary}"
                f" restored by the dictionary, {filled} from OCR, {missing} still missing"
            ),
        )
    )


def _build_page(
    reading: PageReading, verdict: PageClass | None, marks: OcrMarks | None = None
) -> Page:
    page = Page(number=reading.number, width=reading.width, height=reading.height, method="text")
    if verdict is None:
        page.method = "none"
        page.issues.append(
            PageIssue(
                stage="text_layer",
                category="needs_ocr",
                message=f"page cannot be parsed: {reading.error}",
            )
        )
        return page
    if verdict.kind == "empty":
        page.skipped, page.skip_reason = True, verdict.reason
        return page
    if verdict.kind in ("scanned", "damaged"):
        page.method = "none"
        page.issues.append(
            PageIssue(
                stage="text_layer",
                category="needs_ocr",
                message=f"{verdict.kind}: {verdict.reason}",
            )
        )
        return page
    if verdict.symbols_dropped:
        page.issues.append(
            PageIssue(
                stage="text_layer",
                category="symbols_dropped",
                message=f"{verdict.symbols_dropped} symbol-font glyphs (private-use codes) left out",
            )
        )
    if verdict.marks_lost:
        _restore_marks(page, verdict, marks)
    tables = find_tables(reading.h_rules, reading.v_rules)
    page.rows = page_rows(reading.number, verdict.words, tables)
    return page


def read_text_layer(
    path: Path, page_numbers: list[int] | None = None, mark_reader: MarkReader | None = None
) -> list[Page]:
    """The text layer of ``path`` as pages (1-based ``page_numbers``, all when None);
    ``mark_reader`` OCRs a page whose lost marks the dictionary cannot decide.

    Raises an :class:`thaieval.pipeline.errors.InputError` for a file that is not a readable PDF,
    ValueError for a page number outside the document.
    """
    readings: list[PageReading] = []
    with open_pdf(path) as pdf:
        count = len(pdf.pages)
        wanted = list(range(1, count + 1)) if page_numbers is None else page_numbers
        for number in wanted:
            if not 1 <= number <= count:
                raise ValueError(f"page {number} does not exist: the PDF has {count} pages")
            readings.append(read_page(pdf.pages[number - 1]))
    glyphs = GlyphMap()
    for reading in readings:
        glyphs.learn(reading.words)
    pages = []
    marks = None if mark_reader is None else OcrMarks(mark_reader)
    for reading in readings:
        verdict = None if reading.error else classify_words(reading.words, glyphs, reading.coverage)
        pages.append(_build_page(reading, verdict, marks))
    return pages
