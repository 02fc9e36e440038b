"""One document through every stage: plan → pages → normalise → parse → verify → assemble.

Reading pages is the slow part (OCR), so a document is split into page ranges that workers
read in parallel (:func:`read_chunk`, picklable in and out); the cheap rest runs where the
results are gathered (:func:`finish_document`). Bad input becomes a failed row with one
readable line, never a traceback.

>>> method_of(["text", "ocr"]), method_of(["ocr-text"])
('mixed', 'ocr-text')
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from thaieval.parsers.document import document_rows, parse_document
from thaieval.pipeline.assemble.records import assemble, guard_unmappable
from thaieval.pipeline.errors import InputError, one_line
from thaieval.pipeline.ingest.files import document_id_of, sha256_of
from thaieval.pipeline.normalise.page_text import normalise_pages
from thaieval.pipeline.ocr.corrections import apply_rereads
from thaieval.pipeline.pages.read import count_pages, input_kind, read_pages
from thaieval.pipeline.pages.records import mean_confidence, page_flags, page_records
from thaieval.pipeline.run.faults import inject_fault
from thaieval.pipeline.verify.document import Verification, verify_forms
from thaieval.schemas.forms import ParsedForm
from thaieval.schemas.page import Page, Reread
from thaieval.schemas.records import DocumentRecord, DocumentResult

__all__ = [
    "Chunk",
    "ChunkResult",
    "Options",
    "failed",
    "finish_document",
    "method_of",
    "plan_document",
    "process_document",
    "read_chunk",
]


@dataclass(frozen=True)
class Options:
    dpi: int = 300
    force_ocr: bool = False
    lang: str = "tha+eng"
    max_bytes: int = 2 * 1024**3
    chunk_pages: int = 4  # pages one task reads; OCR'd pages are seconds each


@dataclass(frozen=True)
class Chunk:
    """Pages of one document for one worker to read."""

    path: Path
    kind: str
    pages: tuple[int, ...]
    options: Options
    document_id: str = ""


@dataclass
class ChunkResult:
    document_id: str
    pages: list[Page] = field(default_factory=list)
    error: str = ""
    seconds: float = 0.0


def method_of(methods: list[str]) -> str:
    """The document's method from its pages' methods (skipped pages do not count)."""
    used = {m for m in methods if m in ("text", "mixed", "ocr", "ocr-text")}
    if not used:
        return ""
    if len(used) == 1:
        return used.pop()
    return "mixed"


def failed(doc: DocumentRecord, error: str) -> DocumentResult:
    return DocumentResult(document=doc.model_copy(update={"status": "failed", "error": error}))


def plan_document(
    path: Path,
    source_path: str,
    options: Options,
    sha256: str | None = None,
    workers: int = 1,
) -> tuple[DocumentRecord, list[Chunk], str]:
    """The document's record, its page ranges, and an error line when it cannot be read.

    A document is cut into at most one range per worker (and ranges of at least
    ``options.chunk_pages``): more ranges would only add first pages, which are read whole.
    """
    sha = sha256 or sha256_of(path)
    doc = DocumentRecord(
        document_id=document_id_of(sha),
        source_path=source_path,
        sha256=sha,
        file_size=path.stat().st_size if path.exists() else None,
    )
    try:
        kind = input_kind(path, options.max_bytes)
        count = count_pages(path, kind)
    except InputError as exc:
        return doc, [], one_line(exc)
    except Exception as exc:
        return doc, [], f"cannot open the file ({one_line(exc)})"
    doc.page_count = count
    if count == 0:
        return doc, [], "the document has no pages"
    size = count if kind == "text" else max(1, options.chunk_pages, -(-count // max(1, workers)))
    chunks = [
        Chunk(
            path,
            kind,
            tuple(range(start, min(count, start + size - 1) + 1)),
            options,
            doc.document_id,
        )
        for start in range(1, count + 1, size)
    ]
    return doc, chunks, ""


def read_chunk(chunk: Chunk) -> ChunkResult:
    """Read one page range; an error becomes the result's ``error`` line."""
    started = time.perf_counter()
    out = ChunkResult(chunk.document_id)
    inject_fault(str(chunk.path))
    try:
        out.pages = read_pages(
            chunk.path,
            chunk.kind,
            list(chunk.pages),
            dpi=chunk.options.dpi,
            force_ocr=chunk.options.force_ocr,
            lang=chunk.options.lang,
        )
    except InputError as exc:
        out.error = one_line(exc)
    except Exception as exc:  # a bug must not stop the batch; the row says what happened
        out.error = f"internal error while reading pages {chunk.pages[0]}–{chunk.pages[-1]} ({one_line(exc)}); please report it"
    out.seconds = time.perf_counter() - started
    return out


def _document_fields(pages: list[Page]) -> dict[str, object]:
    read = [p for p in pages if not p.skipped]
    confidences = [c for p in pages for c in p.ocr_confidences]
    reasons = sorted({p.skip_reason for p in pages if p.skipped and p.skip_reason})
    return {
        "method": method_of([p.method for p in read]),
        "pages_skipped": sum(1 for p in pages if p.skipped),
        "mean_ocr_confidence": mean_confidence(confidences),
        "skip_reasons": "; ".join(reasons),
    }


def _reread(
    path: Path, pages: list[Page], forms: list[ParsedForm], checked: Verification, options: Options
) -> list[Reread]:
    if not any(p.method == "ocr" for p in pages):
        return []
    from thaieval.pipeline.ocr.reread import (
        read_again,  # OpenCV and tesseract only for OCR'd pages
    )

    return read_again(path, pages, forms, checked, dpi=options.dpi)


def finish_document(
    doc: DocumentRecord,
    pages: list[Page],
    kind: str = "",
    path: Path | None = None,
    options: Options | None = None,
) -> DocumentResult:
    """Normalise, parse, verify and assemble the pages of one document.

    With the file's ``path``, OCR'd numbers that break a scoring rule are read again from
    the page first, rendered as ``options`` say (:mod:`thaieval.pipeline.ocr.reread`), and
    the document parsed again if one changed; the second readings are exported as
    ``rereads``. No character without a Unicode reading is left in any value
    (:func:`guard_unmappable`).
    """
    return guard_unmappable(_finish_document(doc, pages, kind, path, options or Options()))


def _finish_document(
    doc: DocumentRecord, pages: list[Page], kind: str, path: Path | None, options: Options
) -> DocumentResult:
    pages = sorted(pages, key=lambda p: p.number)
    doc = doc.model_copy(update=_document_fields(pages))
    try:
        forms = parse_document(document_rows(normalise_pages(pages)))
        checked = verify_forms(forms)
        rereads = _reread(path, pages, forms, checked, options) if path is not None else []
        if apply_rereads(pages, rereads):
            forms = parse_document(document_rows(normalise_pages(pages)))
            checked = verify_forms(forms)
            doc = doc.model_copy(update=_document_fields(pages))
        result = assemble(doc, forms, checked, pages, rereads)
    except Exception as exc:
        result = failed(doc, f"internal error while parsing ({one_line(exc)}); please report it")
        result.pages = page_records(pages, doc.document_id, doc.source_path)
        return result
    result.pages = page_records(pages, doc.document_id, doc.source_path)
    result.flags += page_flags(pages, doc.document_id)
    if not forms:
        if kind == "text":
            return failed(result.document, "no evaluation form found in the text")
        result.document.status = "no_form"
    return result


def process_document(
    path: Path, source_path: str, options: Options, sha256: str | None = None
) -> DocumentResult:
    """Everything one input file yields, read here in this process."""
    started = time.perf_counter()
    doc, chunks, error = plan_document(path, source_path, options, sha256)
    if error:
        result = failed(doc, error)
    else:
        parts = [read_chunk(c) for c in chunks]
        errors = [p.error for p in parts if p.error]
        if errors:
            result = failed(doc, errors[0])
        else:
            pages = [p for part in parts for p in part.pages]
            result = finish_document(doc, pages, chunks[0].kind, path, options)
    result.document.seconds = round(time.perf_counter() - started, 3)
    return result
