"""One document through every stage: pages → normalise → parse → verify → assemble.

This is the unit of work an executor runs (it is picklable: a path and plain options) and
the unit of commit; bad input becomes a failed row with one readable line, never a traceback.

>>> method_of(["text", "ocr"]), method_of(["ocr-text"])
('mixed', 'ocr-text')
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from parsers.document import document_rows, parse_document
from pipeline.assemble import assemble
from pipeline.errors import InputError, one_line
from pipeline.ingest import document_id_of, sha256_of
from pipeline.normalise import normalise_pages
from pipeline.pages import read_pages
from pipeline.verify import verify_forms
from schemas.page import Page
from schemas.records import DocumentRecord, DocumentResult

__all__ = ["Options", "method_of", "process_document"]


@dataclass(frozen=True)
class Options:
    dpi: int = 300
    force_ocr: bool = False
    lang: str = "tha+eng"
    max_bytes: int = 2 * 1024**3


def method_of(methods: list[str]) -> str:
    """The document's method from its pages' methods (skipped pages do not count)."""
    used = {m for m in methods if m in ("text", "ocr", "ocr-text")}
    if not used:
        return ""
    if len(used) == 1:
        return used.pop()
    return "mixed"


def _document_fields(pages: list[Page]) -> dict[str, object]:
    read = [p for p in pages if not p.skipped]
    confidences = [c for p in pages for c in p.ocr_confidences]
    reasons = sorted({p.skip_reason for p in pages if p.skipped and p.skip_reason})
    return {
        "page_count": len(pages),
        "method": method_of([p.method for p in read]),
        "pages_skipped": sum(1 for p in pages if p.skipped),
        "mean_ocr_confidence": round(sum(confidences) / len(confidences), 2)
        if confidences
        else None,
        "skip_reasons": "; ".join(reasons),
    }


def process_document(
    path: Path, source_path: str, options: Options, sha256: str | None = None
) -> DocumentResult:
    """Everything one input file yields."""
    started = time.perf_counter()
    sha = sha256 or sha256_of(path)
    doc = DocumentRecord(
        document_id=document_id_of(sha),
        source_path=source_path,
        sha256=sha,
        file_size=path.stat().st_size if path.exists() else None,
    )
    try:
        pages = read_pages(path, options.dpi, options.force_ocr, options.lang, options.max_bytes)
        doc = doc.model_copy(update=_document_fields(pages))
        forms = parse_document(document_rows(normalise_pages(pages)))
        result = assemble(doc, forms, verify_forms(forms))
        if not forms:
            result.document.status = "no_form"
    except InputError as exc:
        result = DocumentResult(
            document=doc.model_copy(update={"status": "failed", "error": one_line(exc)})
        )
    except Exception as exc:  # a bug must not stop the batch; the row says what happened
        message = f"internal error while processing ({one_line(exc)}); please report it"
        result = DocumentResult(
            document=doc.model_copy(update={"status": "failed", "error": message})
        )
    result.document.seconds = round(time.perf_counter() - started, 3)
    return result
