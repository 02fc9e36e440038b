"""OCR of one page image into the page model: tesseract once per page, then cell rereads.

Steps: deskew and binarise (:mod:`thaieval.pipeline.ocr.preprocess`) → one tesseract pass giving word
boxes and confidences, Thai symbols merged back into words (:mod:`thaieval.pipeline.ocr.tesseract_run`) →
rules found in the image (:mod:`thaieval.pipeline.ocr.table_rules`) → :func:`thaieval.parsers.layout.find_tables`
and :func:`thaieval.parsers.layout.page_rows`, the same table model the text-layer reader builds → a
second, focused reading of numeric table cells that read badly
(:mod:`thaieval.pipeline.ocr.number_reading`).

Boxes are in points, top-left origin, in the frame of the page once deskewed (and turned
over when it was upside down); the correction is kept on the :class:`PageImage` so that
:func:`thaieval.pipeline.ocr.number_reading.reread_cell` crops the same place.

>>> page = ocr_page(next(iter_page_images(Path("scan.pdf"))))  # doctest: +SKIP
>>> page.method, page.rows[0].text  # doctest: +SKIP
('ocr', 'แบบสรุปผลคะแนนการตรวจติดตามประเมินผลการปฏิบัติราชการ')
"""

from __future__ import annotations

import itertools
import re
import statistics

import cv2

from thaieval.parsers.layout import TableGrid, find_tables, lines_from_words, page_rows, words_text
from thaieval.pipeline.ocr.glyphs import glyph_readings, read_digit_glyphs, thai_digit_reading
from thaieval.pipeline.ocr.number_reading import (
    GLYPH_SAME_SHAPE,
    MIN_VOTE,
    Reading,
    choose_reading,
    crop_box,
    glyphs_trusted,
    has_thai_digit,
    number_shaped,
    numeric_like,
    readings_until_agreed,
    value_key,
    well_formed,
    wide_crop,
)
from thaieval.pipeline.ocr.passes.date_rows import reread_date_rows
from thaieval.pipeline.ocr.passes.empty_cells import ink_extent, read_empty_cells
from thaieval.pipeline.ocr.passes.list_markers import restore_list_markers
from thaieval.pipeline.ocr.passes.number_slots import read_missing_slots
from thaieval.pipeline.ocr.passes.split_numbers import join_split_numbers
from thaieval.pipeline.ocr.preprocess import (
    Prepared,
    choose_orientation,
    histogram,
    median_level,
    prepare,
    rotate,
)
from thaieval.pipeline.ocr.table_rules import RuleMasks, detect_rules, rule_masks, table_rule_mask
from thaieval.pipeline.ocr.tesseract_run import parse_tsv, read_words, run_tesseract
from thaieval.pipeline.pages.images import GrayImage, PageImage
from thaieval.schemas.frame import PageFrame
from thaieval.schemas.page import Box, Cell, Page, PageIssue, Row, Word

__all__ = ["ocr_page"]

STAGE = "ocr"
REREAD_BELOW = 85.0  # a numeric cell read with less confidence is read again
POOR_PAGE = 70.0  # mean word confidence under which the page may be upside down (read
# upside down, Thai still scores 50–55)
LOW_PAGE = 60.0  # mean word confidence reported as a page issue


def _mean_confidence(words: list[Word]) -> float:
    values = [w.confidence for w in words if w.confidence is not None]
    return statistics.fmean(values) if values else 0.0


# --- numbers on the page read again -------------------------------------------------------


def _fill_confidence(rows: list[Row]) -> None:
    for row in rows:
        for cell in row.cells:
            values = [w.confidence for w in cell.words if w.confidence is not None]
            cell.confidence = min(values) if values else None


def _grid_box(grid: TableGrid, cell: Cell) -> Box | None:
    """The ruled box (inset past its rules) of the grid cell that holds ``cell``."""
    if cell.box is None:
        return None
    x, y = (cell.box.x0 + cell.box.x1) / 2, (cell.box.top + cell.box.bottom) / 2
    for gc in grid.cells:
        b = gc.box
        if b.x0 <= x <= b.x1 and b.top <= y <= b.bottom:
            return Box(x0=b.x0 + 2, top=b.top + 2, x1=b.x1 - 2, bottom=b.bottom - 2)
    return None


def _replace(cell: Cell, reading: Reading) -> None:
    cell.text = reading[0]
    cell.confidence = reading[1]
    cell.words = [Word(text=reading[0], box=cell.box, confidence=reading[1])]


def _numeric_columns(rows: list[Row]) -> set[tuple[int, int | None]]:
    """(table, column) pairs where most filled cells, and at least two, are numbers.

    >>> _numeric_columns([Row(page=1, table=0, cells=[Cell(text="8.77", col=0)])] * 2)
    {(0, 0)}
    """
    counts: dict[tuple[int, int | None], list[int]] = {}
    for row in rows:
        if row.table is None:
            continue
        for cell in row.cells:
            if cell.text.strip():
                seen = counts.setdefault((row.table, cell.col), [0, 0])
                seen[0] += numeric_like(cell.text)
                seen[1] += 1
    return {key for key, (n, filled) in counts.items() if n >= 2 and 2 * n >= filled}


def _several_numbers(cell: Cell) -> bool:
    """Two or more numbers a word space apart; ``5 388`` with a narrow gap is one number
    whose point was not read."""
    numbers = [w for w in cell.words if number_shaped(w.text) and w.box is not None]
    if len(numbers) < 2:
        return False
    for a, b in itertools.pairwise(numbers):
        assert a.box is not None and b.box is not None
        if b.box.x0 - a.box.x1 > 0.5 * (a.box.bottom - a.box.top):
            return True
    return False


def _unread_ink(box: Box, grid_box: Box | None, ink: GrayImage, dpi: float) -> Box | None:
    """The ink of the cell when it reaches well past what was read (``8`` read of ``8.77``:
    tesseract dropped the rest), else None."""
    if grid_box is None:
        return None
    extent = ink_extent(ink, grid_box, dpi)
    if extent is None:
        return None
    slack = 0.6 * (box.bottom - box.top)
    if extent.x0 < box.x0 - slack or extent.x1 > box.x1 + slack:
        return extent.union(box)
    return None


def _reread_numbers(
    rows: list[Row],
    tables: list[TableGrid],
    gray: GrayImage,
    ink: GrayImage,
    dpi: float,
    settled: set[int] | None = None,
) -> list[PageIssue]:
    """Table cells holding one number that read badly (or in Thai digits) read again; also an
    unsure short cell of a column of numbers (``8.77`` read as ``Off``) or an unsure lone
    letter (``3`` read as ``ว``), which become numbers only if the readings agree."""
    issues: list[PageIssue] = []
    number_columns = _numeric_columns(rows)
    for row in rows:
        for cell in row.cells:
            if row.table is None or cell.box is None:
                continue
            unsure = (cell.confidence or 0.0) < REREAD_BELOW
            in_numbers = (row.table, cell.col) in number_columns and len(cell.text) <= 8
            lone = len(cell.words) == 1 and len(cell.text.strip()) <= 2  # "ว" for a lone 3
            if not number_shaped(cell.text) and not (unsure and (in_numbers or lone)):
                continue
            if len(lines_from_words(cell.words)) != 1:
                continue
            if _several_numbers(cell):
                continue  # several numbers in one cell (criteria in a merged cell) stay apart
            thai = has_thai_digit(cell.text)
            confidence = cell.confidence if cell.confidence is not None else 0.0
            grid_box = _grid_box(tables[row.table], cell)
            area = _unread_ink(cell.box, grid_box, ink, dpi)
            if area is None and settled and id(cell) in settled:
                continue
            split = " " in cell.text.strip()  # "5 388": a point not read
            if (
                area is None
                and not (thai or split)
                and confidence >= REREAD_BELOW
                and well_formed(cell.text)
            ):
                continue
            crop = crop_box(gray, area or cell.box, dpi, grid_box)
            # Glyphs for Thai digits, and as one more voter where the page pass saw letters.
            glyphs = read_digit_glyphs(crop) if thai or not number_shaped(cell.text) else None
            sure_glyphs = glyphs is not None and glyphs_trusted(glyphs, (cell.text, confidence))
            # Tesseract again only where the glyphs did not settle it: each call costs ~0.1 s.
            others = [] if sure_glyphs else readings_until_agreed(crop, dpi)
            chosen = choose_reading((cell.text, confidence), others, glyphs)
            agreeing = [
                r
                for r in [*others, glyphs]
                if r is not None and value_key(r[0]) == value_key(chosen[0])
            ]
            believed = len(agreeing) >= 2 and max(r[1] for r in agreeing) >= MIN_VOTE
            if not number_shaped(cell.text) and not (believed or sure_glyphs):
                # A word in a number column becomes a number only if readings agree (and
                # tesseract believes one of them), or its glyphs are surely Thai digits.
                continue
            if chosen[0] == cell.text:
                # Confirmed by another reading: as sure as the surest reading of that value.
                sure = max([confidence, *(r[1] for r in agreeing)])
                if sure > confidence:
                    _replace(cell, (cell.text, sure))
                continue
            if chosen != (cell.text, confidence):
                issues.append(
                    PageIssue(
                        stage=STAGE,
                        category="reread",
                        message=f"cell read again: {cell.text!r} ({confidence:.0f}) → "
                        f"{chosen[0]!r} ({chosen[1]:.0f})",
                    )
                )
                if area is not None:
                    cell.box = area  # the number's whole ink, not the part first read
                _replace(cell, chosen)
    return issues


_BRACKETED = re.compile(r"\([^()\s]{1,6}\)")
_LETTER_POINT = re.compile(r"[\u0e01-\u0e2e]\.")
_LATIN_SCRAP = re.compile(
    r"[A-Za-z@]{1,4}(?:[.,][A-Za-z@]{1,4})?"
)  # ๙๐ read as "wo", ๙๙.๐๕ as "wer.odo"


def _digit_candidate(text: str) -> bool:
    compact = text.replace(" ", "")
    if not compact or len(compact) > 12:
        return False
    if _BRACKETED.fullmatch(compact):
        return True  # a result in brackets: (๗) read as (ฒ)
    return any(ch.isdigit() for ch in compact) or bool(_LATIN_SCRAP.fullmatch(compact))


_LEVEL_WORD = re.compile(r"ระดับ\s*[๐-๙]")  # one word of tesseract's: ๔ and ๕ confused


def _level_digit(gray: GrayImage, box: Box, dpi: float) -> Reading | None:
    """The Thai digit that ends a word ``ระดับ ๕``, read by glyph matching from the word's
    last digit-wide stretch; None unless it is clearly one Thai digit of a level (1–5)."""
    height = box.bottom - box.top
    tail = Box(x0=max(box.x0, box.x1 - 0.8 * height), top=box.top, x1=box.x1, bottom=box.bottom)
    crop, core = wide_crop(gray, tail, dpi)
    reading = thai_digit_reading(crop, core)
    if reading is None or reading[0] not in "๑๒๓๔๕" or reading[1] < GLYPH_SAME_SHAPE:
        return None
    return reading


ARABIC_SURE = 80.0  # worst digit match of an Arabic number read between two numbers


def _arabic_between(crop: GrayImage, core: tuple[int, int, int, int]) -> Reading | None:
    """A word between two numbers (``70 7S 80``) read by the Arabic digit templates, when
    every digit matches surely and the Arabic templates fit better than the Thai ones."""
    readings = glyph_readings(crop, core)
    if not readings:
        return None
    arabic, thai = readings["arabic"], readings["thai"]
    if arabic.worst < ARABIC_SURE or arabic.mean <= thai.mean or not well_formed(arabic.text):
        return None
    return (arabic.text, arabic.worst)


def _flanked(words: list[Word], i: int) -> bool:
    """A short word between two numbers (``๗๐ ๗๕ ๘๐ สซี ๙๐``: criteria in one merged cell,
    ๘๕ read as letters) may be a number too.

    >>> _flanked([Word(text="๘๐"), Word(text="สซี"), Word(text="๙๐")], 1)
    True
    >>> _flanked([Word(text="3.2"), Word(text=":"), Word(text="3")], 1)
    False
    """
    if not 0 < i < len(words) - 1 or len(words[i].text) > 4:
        return False
    if not any(ch.isalnum() for ch in words[i].text):
        return False  # "3.2 : 3": punctuation between numbers stays punctuation
    return number_shaped(words[i - 1].text) and number_shaped(words[i + 1].text)


def _drop_repeated(cell: Cell) -> bool:
    """Neighbour words of which one reads as part of the other (``๙๒.`` beside ``๙๒.๓๗๑``:
    a fragment tesseract made a word of, read whole by glyphs twice) kept once."""
    words = cell.words
    for i in range(len(words) - 1):
        a, b = words[i], words[i + 1]
        if (
            a.box is None
            or b.box is None
            or not (has_thai_digit(a.text) and has_thai_digit(b.text))
        ):
            continue
        if b.box.x0 - a.box.x1 > a.box.bottom - a.box.top:
            continue
        short, long_ = sorted((a, b), key=lambda w: len(w.text))
        if short.text in long_.text:
            merged = Word(text=long_.text, box=a.box.union(b.box), confidence=long_.confidence)
            cell.words[i : i + 2] = [merged]
            return True
    return False


def _read_thai_digit_words(rows: list[Row], gray: GrayImage, dpi: float) -> set[int]:
    """Words that are numbers printed in Thai digits read by glyph matching, in tables and
    in free text: tesseract's Thai model reads ๑๐ as ``90``, ๘ as ``๕``, ``wo`` for ๙๐.
    Returns the ids of the cells whose every word was settled so (not to be matched again
    on another crop, which can turn a right ๕ into ๔)."""
    settled: set[int] = set()
    for row in rows:
        for cell in row.cells:
            changed = False
            read = 0
            # A lone letter or two (and a mark) in a table cell may be a Thai digit read as
            # letters (๖ → อ, ๗ → ฒญ่).
            lone = row.table is not None and len(cell.words) == 1 and len(cell.text) <= 3
            for i, word in enumerate(cell.words):
                if word.box is not None and _LEVEL_WORD.fullmatch(word.text):
                    level = _level_digit(gray, word.box, dpi)
                    if level is not None and not word.text.endswith(level[0]):
                        text = word.text[:-1] + level[0]
                        cell.words[i] = Word(text=text, box=word.box, confidence=level[1])
                        changed = True
                    continue
                # A list number read as a letter: "ต." for "๒." starting a line.
                listed = (
                    i == 0 and cell is row.cells[0] and bool(_LETTER_POINT.fullmatch(word.text))
                )
                if word.box is None or not (
                    lone or listed or _digit_candidate(word.text) or _flanked(cell.words, i)
                ):
                    continue
                crop, core = wide_crop(gray, word.box, dpi)
                reading = thai_digit_reading(crop, core)
                if reading is None and _flanked(cell.words, i):
                    reading = _arabic_between(crop, core)
                if reading is not None and _LATIN_SCRAP.fullmatch(word.text):
                    # Latin letters with no digit are as often a Thai mark (ั read as "ow")
                    # as Thai digits: only a sure match makes them digits.
                    reading = reading if reading[1] >= GLYPH_SAME_SHAPE else None
                read += reading is not None
                if reading is not None and reading[0] != word.text:
                    cell.words[i] = Word(text=reading[0], box=word.box, confidence=reading[1])
                    changed = True
            if read and read == len(cell.words):
                settled.add(id(cell))
            changed = _drop_repeated(cell) or changed
            if changed:
                cell.text = words_text(cell.words)
                values = [w.confidence for w in cell.words if w.confidence is not None]
                cell.confidence = min(values) if values else None
    return settled


# --- the page -----------------------------------------------------------------------------


def _tables(prepared: Prepared, dpi: float) -> tuple[list[TableGrid], RuleMasks]:
    """The page's tables, and the rule masks they were found from (to wipe the rules).

    Rules are found on the grey page thresholded as it is: the 3×3 median that clears
    grain from the text mask also erases stretches of a rule one pixel thick (a 0.5 pt rule
    at 150 dpi), which cut cells off a noisy page's tables (747 cells found of 816 on four
    150 dpi stress documents, 816 without it). Grain makes no long runs, so the rules'
    opening removes it anyway."""
    if not prepared.ink.any():
        return [], rule_masks(prepared.ink, dpi)
    # The text mask's threshold, applied to the raw pixels.
    _, ink = cv2.threshold(prepared.gray, prepared.level, 255, cv2.THRESH_BINARY_INV)
    masks = rule_masks(ink, dpi)
    return find_tables(*detect_rules(ink, dpi, masks)), masks


def _without_rules(
    prepared: Prepared, tables: list[TableGrid], dpi: float, masks: RuleMasks | None = None
) -> GrayImage:
    """The grey page with its tables' rules painted white: tesseract reads cell text better
    without a rule touching it, and does not take rules for ``|`` or ``l``."""
    clean = prepared.gray.copy()
    mask = table_rule_mask(prepared.ink, dpi, tables, masks) > 0
    # Paper colour, not white: a white bar on grey paper is an edge tesseract reads as ink.
    if mask.any():
        # int(np.median(gray[ink == 0])), from a histogram: 5x faster on a page
        clean[mask] = median_level(histogram(prepared.gray, cv2.bitwise_not(prepared.ink)))
    return clean


def _flipped(prepared: Prepared) -> Prepared:
    return Prepared(
        gray=rotate(prepared.gray, 180.0),
        ink=rotate(prepared.ink, 180.0),
        angle=prepared.angle,
        blank=False,
        level=prepared.level,  # an exact flip: the same histogram
    )


def _strip_confidence(strip: GrayImage, dpi: float, lang: str, timeout: float) -> float:
    out = run_tesseract(strip, lang=lang, psm=6, dpi=dpi, timeout=timeout)
    symbols = parse_tsv(out["tsv"])
    return statistics.fmean(s.confidence for s in symbols) if symbols else 0.0


def ocr_page(image: PageImage, *, lang: str = "tha+eng", timeout: float = 120) -> Page:
    """One page image read into the page model (``method="ocr"``).

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
        image.correction = (0, 0.0)
        return page
    tables, masks = _tables(prepared, image.dpi)
    words = read_words(
        _without_rules(prepared, tables, image.dpi, masks), image.dpi, lang=lang, timeout=timeout
    )
    turn = 0
    if _mean_confidence(words) < POOR_PAGE:
        turn = choose_orientation(
            prepared.gray,
            prepared.ink,
            lambda strip: _strip_confidence(strip, image.dpi, lang, timeout),
        )
        if turn == 180:
            prepared = _flipped(prepared)
            tables, masks = _tables(prepared, image.dpi)
            words = read_words(
                _without_rules(prepared, tables, image.dpi, masks),
                image.dpi,
                lang=lang,
                timeout=timeout,
            )
            page.issues.append(
                PageIssue(
                    stage=STAGE, category="upside_down", message="page was upside down; turned"
                )
            )
    image.correction = (turn, prepared.angle)
    page.ocr_correction = image.correction
    page.frame = PageFrame.of_pixels(
        turn=turn, angle=prepared.angle, size=image.image.shape, dpi=image.dpi
    )
    if abs(prepared.angle) >= 0.1:
        page.issues.append(
            PageIssue(
                stage=STAGE, category="deskewed", message=f"deskewed by {prepared.angle:.2f}°"
            )
        )
    words += read_empty_cells(words, tables, prepared, image.dpi, lang)
    rows = page_rows(image.number, join_split_numbers(words), tables)
    _fill_confidence(rows)
    settled = _read_thai_digit_words(rows, prepared.gray, image.dpi)
    page.issues += _reread_numbers(rows, tables, prepared.gray, prepared.ink, image.dpi, settled)
    page.issues += read_missing_slots(
        rows,
        lambda row, cell: _grid_box(tables[row.table], cell) if row.table is not None else None,
        prepared.gray,
        prepared.ink,
        image.dpi,
    )
    page.issues += reread_date_rows(rows, prepared.gray, image.dpi)
    page.issues += restore_list_markers(rows, prepared.gray, image.dpi)
    page.rows = rows
    page.ocr_confidences = [
        w.confidence
        for row in rows
        for cell in row.cells
        for w in cell.words
        if w.confidence is not None
    ]
    if not words:
        page.issues.append(
            PageIssue(stage=STAGE, category="no_text", message="no text found on the page")
        )
    elif _mean_confidence(words) < LOW_PAGE:
        page.issues.append(
            PageIssue(
                stage=STAGE,
                category="low_confidence",
                message=f"mean OCR confidence {_mean_confidence(words):.0f}",
            )
        )
    return page
