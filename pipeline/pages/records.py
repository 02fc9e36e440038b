"""What each source page went through, as rows of ``pages.csv`` and page-level warnings.

A page's issues (turned over, OCR failed, low confidence, numbers re-read …) are noticed by
the readers and kept on the page model; this stage makes them visible in the dataset, so an
auditor can tell which pages were OCR'd, turned, skipped or doubtful.

>>> from thaieval.schemas.page import PageIssue
>>> page = Page(number=3, method="ocr", ocr_confidences=[90.0, 70.0], ocr_correction=(180, 0.4))
>>> page.issues.append(PageIssue(stage="ocr", category="upside_down", message="page was upside down; turned"))
>>> row = page_record(page, "d1", "scan.pdf")
>>> (row.page, row.status, row.mean_ocr_confidence, row.turned_degrees, row.notes)
(3, 'read', 80.0, 180, 'upside_down: page was upside down; turned')
"""

from __future__ import annotations

from thaieval.schemas.page import Page
from thaieval.schemas.records import FlagRecord, PageRecord

__all__ = ["PAGE_FLAG_CHECKS", "mean_confidence", "page_flags", "page_record", "page_records"]

# Issues that mean part of a page may be missing or wrong in the dataset: worth a warning in
# flags.csv, where users look first. The others (deskewed, re-read …) are notes on the page.
_WARN = {
    "ocr_failed": "page_ocr_failed",
    "reread_failed": "page_ocr_failed",
    "low_confidence": "page_low_confidence",
    "name_marks_unread": "name_marks_unread",
}
PAGE_FLAG_CHECKS = frozenset(_WARN.values())  # flags of the pages, not of the forms' values


def mean_confidence(confidences: list[float]) -> float | None:
    """Mean OCR word confidence to two decimals; None when nothing was OCR'd.

    >>> mean_confidence([90.0, 70.0]), mean_confidence([])
    (80.0, None)
    """
    return round(sum(confidences) / len(confidences), 2) if confidences else None


def page_record(page: Page, document_id: str, source_path: str) -> PageRecord:
    """One page's row: method, skip reason, OCR confidence and correction, notes."""
    confidences = page.ocr_confidences
    turn, skew = page.ocr_correction if page.ocr_correction else (None, None)
    return PageRecord(
        document_id=document_id,
        source_path=source_path,
        page=page.number,
        method="" if page.skipped else page.method,
        status="skipped" if page.skipped else "read",
        skip_reason=page.skip_reason,
        word_count=len(confidences) if confidences else None,
        mean_ocr_confidence=mean_confidence(confidences),
        turned_degrees=turn,
        skew_degrees=None if skew is None else round(skew, 2),
        notes="; ".join(f"{i.category}: {i.message}" for i in page.issues),
    )


def page_records(pages: list[Page], document_id: str, source_path: str) -> list[PageRecord]:
    """Rows of every page, in page order."""
    return [page_record(p, document_id, source_path) for p in sorted(pages, key=lambda p: p.number)]


def page_flags(pages: list[Page], document_id: str) -> list[FlagRecord]:
    """Document-level warnings for pages whose reading may have lost or misread something.

    >>> from thaieval.schemas.page import PageIssue
    >>> page = Page(number=2, method="ocr")
    >>> page.issues.append(PageIssue(stage="ocr", category="low_confidence", message="mean OCR confidence 41"))
    >>> [(f.check, f.page, f.severity) for f in page_flags([page], "d1")]
    [('page_low_confidence', 2, 'warning')]
    """
    flags = []
    for page in sorted(pages, key=lambda p: p.number):
        for issue in page.issues:
            check = _WARN.get(issue.category)
            if check is None:
                continue
            flags.append(
                FlagRecord(
                    document_id=document_id,
                    severity="warning",
                    check=check,
                    message=f"page {page.number}: {issue.message}",
                    page=page.number,
                )
            )
    return flags
