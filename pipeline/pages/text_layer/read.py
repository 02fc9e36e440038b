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
A page whose layer drew marks without text keeps its letters and digits. :func:`read_layer`
returns each page judged but not yet laid out (:class:`LayerPage`), so that a later step may
read the marks the dictionary left (``pending``) from OCR of the page
(:mod:`thaieval.pipeline.pages.layer_marks`) before :func:`lay_out` builds its rows; the
page's method then says so (``mixed``), with a ``lost_marks`` issue counting what came from
where. This module never calls OCR: data flows one way, layer → marks → rows.

>>> pages = read_text_layer(Path("/work/shared/real/budget-2565-vol17.pdf"), [10])
>>> "พื้นฐาน" in pages[0].text or pages[0].method == "none"
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thaieval.parsers.layout import page_rows
from thaieval.parsers.table_grid import Segment, find_tables, rules_from_boxes
from thaieval.pipeline.ingest.pdf_open import open_pdf
from thaieval.pipeline.pages.text_layer.classify import PageClass, classify_words, image_coverage
from thaieval.pipeline.pages.text_layer.glyph_map import GlyphMap
from thaieval.pipeline.pages.text_layer.raw_words import RawWord, raw_words
from thaieval.schemas.page import Page, PageIssue

__all__ = [
    "LayerPage",
    "MarksRead",
    "PageReading",
    "lay_out",
    "read_layer",
    "read_page",
    "read_text_layer",
]


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


@dataclass
class MarksRead:
    """What OCR of a page gave the lost marks the dictionary left undecided."""

    filled: int = 0
    missing: int = 0
    confidences: list[float] = field(default_factory=list)  # of the OCR words read
    error: str = ""  # OCR failed: the layer's words are left as they were


@dataclass
class LayerPage:
    """One page read and judged, its rows not yet laid out (``verdict`` None: unparsable)."""

    reading: PageReading
    verdict: PageClass | None
    marks: MarksRead | None = None  # filled by the step that reads marks from OCR

    @property
    def number(self) -> int:
        return self.reading.number

    @property
    def pending(self) -> bool:
        """The page is read as text and lost marks the dictionary could not decide."""
        v = self.verdict
        return v is not None and v.kind == "text" and v.marks_lost > 0 and v.marks_unresolved > 0


def _record_marks(page: Page, verdict: PageClass, marks: MarksRead | None) -> None:
    """Record where the lost marks came from (``marks``: what OCR of the page gave)."""
    filled, missing = 0, verdict.marks_unresolved
    if missing and marks is not None:
        if marks.error:
            page.issues.append(
                PageIssue(stage="text_layer", category="ocr_failed", message=marks.error)
            )
        else:
            filled, missing = marks.filled, marks.missing
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


def lay_out(layer: LayerPage) -> Page:
    """The page in the page model: its issues, and its rows from its (repaired) words."""
    reading, verdict = layer.reading, layer.verdict
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
        _record_marks(page, verdict, layer.marks)
    tables = find_tables(reading.h_rules, reading.v_rules)
    page.rows = page_rows(reading.number, verdict.words, tables)
    return page


def read_layer(path: Path, page_numbers: list[int] | None = None) -> list[LayerPage]:
    """The text layer of ``path`` read and judged page by page (1-based ``page_numbers``, all
    when None), rows not yet laid out.

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
    return [
        LayerPage(
            reading,
            None if reading.error else classify_words(reading.words, glyphs, reading.coverage),
        )
        for reading in readings
    ]


def read_text_layer(path: Path, page_numbers: list[int] | None = None) -> list[Page]:
    """The text layer of ``path`` as pages, lost marks left as the dictionary left them
    (:func:`read_layer`, then :func:`lay_out`)."""
    return [lay_out(layer) for layer in read_layer(path, page_numbers)]
