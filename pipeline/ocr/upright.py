"""The page's first reading: its tables found, their rules wiped, tesseract once over the page;
a page that reads badly is tried upside down, and turned over and read again when it is.

>>> scan, words = read_upright(prepare(gray), dpi=300, lang="tha+eng", timeout=120)  # doctest: +SKIP
>>> scan.turn, len(scan.tables), words[0].text  # doctest: +SKIP
(180, 3, 'แบบสรุปผลคะแนนการตรวจติดตามประเมินผลการปฏิบัติราชการ')
"""

from __future__ import annotations

import statistics

import cv2

from thaieval.parsers.table_grid import TableGrid, find_tables
from thaieval.pipeline.ocr.passes.interface import PageScan
from thaieval.pipeline.ocr.preprocess import (
    Prepared,
    choose_orientation,
    histogram,
    median_level,
    rotate,
)
from thaieval.pipeline.ocr.table_rules import RuleMasks, detect_rules, rule_masks, table_rule_mask
from thaieval.pipeline.ocr.tesseract_run import parse_tsv, read_words, run_tesseract
from thaieval.pipeline.pages.images import GrayImage
from thaieval.schemas.page import Word

__all__ = ["POOR_PAGE", "mean_confidence", "page_tables", "read_upright"]

# Mean word confidence under which the page may be upside down: read upside down, Thai still
# scores 50–55 (ee2b60c, which moved the check up to 70 from the skeleton's bar).
POOR_PAGE = 70.0
STRIP_PSM = 6  # a text strip tried both ways up is read as one block (skeleton, f62841c)


def mean_confidence(words: list[Word]) -> float:
    values = [w.confidence for w in words if w.confidence is not None]
    return statistics.fmean(values) if values else 0.0


def page_tables(prepared: Prepared, dpi: float) -> tuple[list[TableGrid], RuleMasks]:
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
    out = run_tesseract(strip, lang=lang, psm=STRIP_PSM, dpi=dpi, timeout=timeout)
    symbols = parse_tsv(out["tsv"])
    return statistics.fmean(s.confidence for s in symbols) if symbols else 0.0


def _read(
    prepared: Prepared, dpi: float, lang: str, timeout: float
) -> tuple[list[TableGrid], list[Word]]:
    tables, masks = page_tables(prepared, dpi)
    words = read_words(
        _without_rules(prepared, tables, dpi, masks), dpi, lang=lang, timeout=timeout
    )
    return tables, words


def read_upright(
    prepared: Prepared, dpi: float, lang: str, timeout: float
) -> tuple[PageScan, list[Word]]:
    """The page (deskewed, not blank) read once, or twice when it proves upside down: what
    the passes will see of it, and tesseract's words."""
    tables, words = _read(prepared, dpi, lang, timeout)
    turn = 0
    if mean_confidence(words) < POOR_PAGE:
        turn = choose_orientation(
            prepared.gray,
            prepared.ink,
            lambda strip: _strip_confidence(strip, dpi, lang, timeout),
        )
        if turn == 180:
            prepared = _flipped(prepared)
            tables, words = _read(prepared, dpi, lang, timeout)
    scan = PageScan(
        prepared=prepared, tables=tables, turn=turn, dpi=dpi, lang=lang, timeout=timeout
    )
    return scan, words
