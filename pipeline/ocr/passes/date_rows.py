"""A signature date line that does not read as a date, read again with the Thai model alone.

With ``tha+eng`` tesseract sometimes takes a Thai month abbreviation for Latin letters
(พ.ย. → ``WE.``, พ.ศ. → ``W.A.``), and the date is lost. The line, found by its label
(วัน/เดือน/ปี), is read again as one line with ``tha`` only; the new reading is kept only if
it is a date.

>>> issues = reread_date_rows(rows, gray, dpi=200)  # doctest: +SKIP
"""

from __future__ import annotations

import re

from thaieval.parsers.dates import parse_thai_date
from thaieval.parsers.digits import thai_to_arabic
from thaieval.parsers.vocabulary import match_label
from thaieval.pipeline.ocr.passes.interface import PageDraft, PageScan
from thaieval.pipeline.ocr.tesseract_run import parse_tsv, run_tesseract
from thaieval.pipeline.pages.images import GrayImage
from thaieval.schemas.page import Cell, PageIssue, Row, Word

__all__ = ["merged_date", "reread_date_rows", "run"]

LINE_TIMEOUT = 20.0  # seconds for one line, as for a number's crop (39b8450)
# The crop reaches this many pads (a third of the line height) right of the line's box, one
# pad on the other sides (39b8450, set by hand; no reason or measurement recorded).
DATE_TAIL = 4


def _date_of(text: str) -> str:
    found = match_label(text, "date")
    if not found.matched:
        return ""
    day = parse_thai_date(thai_to_arabic(found.rest))
    return day.isoformat() if day else ""


def _is_month(token: str) -> bool:
    return parse_thai_date(f"1 {token} 2567") is not None


def _misread_month(token: str) -> bool:
    """A token where a month should be that is no month: Latin letters (``WE.`` for พ.ย.), or
    Thai letters with another mark for a point (``พิย.``; a sara u, ``พุย.``, is read as the
    point by :mod:`thaieval.parsers.dates`). Numbers and labels are left alone.

    >>> _misread_month("WE."), _misread_month("พิย."), _misread_month("พุย."), _misread_month("๖๘")
    (True, True, False, False)
    """
    if re.search(r"[A-Za-z]", token):
        return True
    letters = [ch for ch in token if "\u0e01" <= ch <= "\u0e4e" and ch not in "๐๑๒๓๔๕๖๗๘๙"]
    return 1 <= len(letters) <= 5 and "/" not in token and not _is_month(token)


def _junk(token: str) -> bool:
    """A token of symbols alone (``©`` for ๑): neither letters nor digits.

    >>> _junk("©"), _junk("๑"), _junk("ต.ค.")
    (True, False, False)
    """
    return not any(ch.isalnum() for ch in token)


def merged_date(first: str, again: str) -> str:
    """The first reading with each month token misread (Latin letters, a mark for a point)
    replaced by the Thai month the second reading has in its place (its year glued on cut
    off), and a day read as a symbol by the second reading's number (``๒๐ WE. ๖๗`` + ``๒๐
    พ.ย. ๑ณ 7`` → ``๒๐ พ.ย. ๖๗``: the first reading's digits were already matched as
    glyphs); else the second reading; "" if neither is a date.

    >>> merged_date("วัน/เดือน/ปี ๑๒ A.A. ๖๗", "วัน/เดือน/ปี ๑๒ ต.ค.๒๓ ๖๗")
    'วัน/เดือน/ปี ๑๒ ต.ค. ๖๗'
    >>> merged_date("วัน/เดือน/ปี © ตุลาคม ๒๕๖๗", "วัน/เดือน/ปี ๑ ตุลาคม ๒๕๐๓ 7")
    'วัน/เดือน/ปี ๑ ตุลาคม ๒๕๖๗'
    >>> merged_date("วัน/เดือน/ปี ๑ พิย. ๖๘", "วัน/เดือน/ปี ๑ พย. ๒๕")
    'วัน/เดือน/ปี ๑ พย. ๖๘'
    """
    tokens, others = first.split(), again.split()
    for i, token in enumerate(tokens):
        if i >= len(others):
            break
        month = re.sub(r"[0-9๐-๙]+$", "", others[i])  # "ต.ค.๒๓": the year glued on
        if _misread_month(token) and _is_month(month):
            tokens[i] = month
        elif _junk(token) and re.fullmatch(r"[0-9๐-๙]{1,2}", others[i]):
            tokens[i] = others[i]  # "©" for the day ๑
    for text in (" ".join(tokens), again):
        if _date_of(text):
            return text
    return ""


def reread_date_rows(rows: list[Row], gray: GrayImage, dpi: float) -> list[PageIssue]:
    """Date lines (free text starting with the date label) that hold no readable date read
    again with ``tha`` as one line; replaced when the new reading is a date."""
    issues: list[PageIssue] = []
    for row in rows:
        box = row.box
        if row.table is not None or box is None or not match_label(row.text, "date").matched:
            continue
        if _date_of(row.text):
            continue
        k = dpi / 72.0
        pad = (box.bottom - box.top) / 3
        y0, y1 = max(0, round((box.top - pad) * k)), round((box.bottom + pad) * k)
        x0, x1 = max(0, round((box.x0 - pad) * k)), round((box.x1 + DATE_TAIL * pad) * k)
        crop = gray[y0:y1, x0:x1]
        if crop.size == 0:
            continue
        out = run_tesseract(
            crop, lang="tha", psm=7, dpi=dpi, timeout=LINE_TIMEOUT, outputs=("txt", "tsv")
        )
        text = merged_date(row.text, " ".join(out["txt"].split()))
        if not text:
            continue
        symbols = parse_tsv(out["tsv"])
        confidence = min((s.confidence for s in symbols), default=0.0)
        word = Word(text=text, box=box, confidence=round(confidence, 2))
        issues.append(
            PageIssue(
                stage="ocr",
                category="reread_date",
                message=f"date line read again with the Thai model: {row.text!r} → {text!r}",
            )
        )
        row.cells = [Cell(text=text, box=box, confidence=word.confidence, words=[word])]
    return issues


def run(scan: PageScan, draft: PageDraft) -> None:
    """The pass: date lines of ``draft.rows`` that hold no date read again."""
    draft.issues += reread_date_rows(draft.rows, scan.gray, scan.dpi)
