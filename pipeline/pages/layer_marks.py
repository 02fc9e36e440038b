"""A PDF's text layer with the lost marks the dictionary left read from OCR of their page.

Three steps, data flowing one way: the layer is read and judged
(:func:`thaieval.pipeline.pages.text_layer.read.read_layer`); each page that lost marks the
dictionary could not decide has the boxes of its undecided words rendered and OCR'd, and the
marks OCR shows put back (:class:`thaieval.pipeline.pages.text_layer.mark_fill.OcrMarks`,
once per distinct word of the document); then each page's rows are laid out
(:func:`thaieval.pipeline.pages.text_layer.read.lay_out`).

>>> from pathlib import Path
>>> pages = read_layer_with_marks(Path("samples/archive/text-damaged/dusit-2567.damaged.pdf"), [1])  # doctest: +SKIP
>>> pages[0].method  # doctest: +SKIP
'mixed'
"""

from __future__ import annotations

from pathlib import Path

from thaieval.pipeline.errors import OcrFailure
from thaieval.pipeline.pages.images import render_page
from thaieval.pipeline.pages.text_layer.mark_fill import OcrMarks
from thaieval.pipeline.pages.text_layer.read import LayerPage, MarksRead, lay_out, read_layer
from thaieval.schemas.page import Box, Page, Word

__all__ = ["OCR_TIMEOUT", "fill_marks_from_ocr", "ocr_words_of_page", "read_layer_with_marks"]

OCR_TIMEOUT = 120.0  # seconds for one page, as for a scanned page


def ocr_words_of_page(
    path: Path, number: int, boxes: list[Box], dpi: int, lang: str
) -> list[list[Word]]:
    """The OCR words read in each of ``boxes`` of one rendered page (the layer's lost marks)."""
    from thaieval.pipeline.pages.text_layer.mark_ocr import ocr_boxes

    # Only Thai words lose marks: the Thai model alone reads them, a quarter faster.
    thai = "tha" if "tha" in lang.split("+") else lang
    image = render_page(path, number, dpi)
    return ocr_boxes(image, boxes, lang=thai, timeout=OCR_TIMEOUT)


def fill_marks_from_ocr(path: Path, layer: list[LayerPage], *, dpi: int, lang: str) -> None:
    """Read, page after page, the lost marks the dictionary left on the pending pages of
    ``layer`` (a text layer of ``path``); each such page records what OCR gave in ``marks``.
    A page whose OCR fails keeps its layer's words and says why."""
    memory = OcrMarks()
    for page in layer:
        if not page.pending or page.verdict is None:
            continue
        words = page.verdict.words
        boxes = memory.to_read(words)
        try:
            read = ocr_words_of_page(path, page.number, boxes, dpi, lang) if boxes else []
        except OcrFailure as exc:
            page.marks = MarksRead(error=str(exc))
            continue
        filled, missing = memory.fill(words, read)
        page.marks = MarksRead(filled, missing, memory.confidences)


def read_layer_with_marks(
    path: Path, page_numbers: list[int] | None = None, *, dpi: int, lang: str, ocr: bool = True
) -> list[Page]:
    """The text layer of ``path`` as pages (1-based ``page_numbers``, all when None), its
    undecided lost marks read from OCR of their page unless ``ocr`` is False."""
    layer = read_layer(path, page_numbers)
    if ocr:
        fill_marks_from_ocr(path, layer, dpi=dpi, lang=lang)
    return [lay_out(page) for page in layer]
