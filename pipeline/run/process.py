"""One document through the stages, in the order of :data:`STAGES` (docling's ``build_pipe``).

Reading pages is the slow part (OCR), so ``ingest`` cuts a document into page ranges that
workers read in parallel (:func:`read_chunk`, the pages stage's part for one range, picklable
in and out); the cheap rest runs where the results are gathered (:func:`finish_document`, the
stages after ``pages``). :func:`process_document` runs the whole list here. Bad input becomes
a failed row with one readable line, never a traceback.

>>> [stage.name for stage in STAGES]
['ingest', 'pages', 'normalise', 'parse', 'link', 'verify', 'reread', 'assemble']
>>> method_of(["text", "ocr"]), method_of(["ocr-text"])
('mixed', 'ocr-text')
"""

from __future__ import annotations

import time
from pathlib import Path

from thaieval.parsers.document import document_rows, link_document, parse_forms
from thaieval.pipeline.assemble.records import assemble, guard_unmappable
from thaieval.pipeline.errors import InputError, one_line
from thaieval.pipeline.ingest.files import document_id_of, sha256_of
from thaieval.pipeline.normalise.page_text import normalise_pages
from thaieval.pipeline.ocr.corrections import apply_rereads
from thaieval.pipeline.pages.read import count_pages, input_kind, read_pages
from thaieval.pipeline.pages.records import mean_confidence, page_flags, page_records
from thaieval.pipeline.review.reading import forms_json
from thaieval.pipeline.run.faults import inject_fault
from thaieval.pipeline.run.work import Chunk, ChunkResult, Options, Stage, Work, run_stages
from thaieval.pipeline.verify.document import verify_forms
from thaieval.schemas.page import Page, Reread
from thaieval.schemas.records import DocumentRecord, DocumentResult

__all__ = [
    "STAGES",
    "Chunk",
    "ChunkResult",
    "Options",
    "failed",
    "finish_document",
    "method_of",
    "plan_document",
    "process_document",
    "read_chunk",
    "stages_after",
    "stages_until",
]


def _ingest(work: Work) -> Work:
    work.doc, work.chunks, work.error = plan_document(
        work.file, work.source_path, work.options, work.sha256, work.workers
    )
    if work.chunks:
        work.kind = work.chunks[0].kind
    return work


def _pages(work: Work) -> Work:
    """Every page range read here, in turn (the batch hands :func:`read_chunk` to workers)."""
    parts = [read_chunk(c) for c in work.chunks]
    errors = [p.error for p in parts if p.error]
    if errors:
        work.error = errors[0]
        return work
    return _gathered(work, [p for part in parts for p in part.pages])


def _normalise(work: Work) -> Work:
    work.normalised = normalise_pages(work.pages)
    return work


def _parse(work: Work) -> Work:
    work.forms = parse_forms(document_rows(work.normalised))
    return work


def _link(work: Work) -> Work:
    work.forms = link_document(work.forms)
    return work


def _verify(work: Work) -> Work:
    work.checked = verify_forms(work.forms)
    return work


def _reread(work: Work) -> Work:
    """OCR'd numbers that break a rule read again from the page; when one changed, the
    stages from normalise to verify run again on the corrected pages."""
    if work.path is None or not any(p.method == "ocr" for p in work.pages):
        return work
    work.rereads = _read_again(work)
    if apply_rereads(work.pages, work.rereads):
        work = run_stages(work, _between("normalise", "verify"))
        work.doc = work.record.model_copy(update=_document_fields(work.pages))
    return work


def _read_again(work: Work) -> list[Reread]:
    """The second readings, as data (OpenCV and tesseract only for OCR'd pages)."""
    from thaieval.pipeline.ocr.reread import read_again

    return read_again(work.file, work.pages, work.forms, work.verification, dpi=work.options.dpi)


def _assemble(work: Work) -> Work:
    doc = work.record
    result = assemble(doc, work.forms, work.verification, work.pages, work.rereads)
    result.reading = forms_json(work.forms)  # what a reviewer's corrections apply to
    result.pages = page_records(work.pages, doc.document_id, doc.source_path)
    result.flags += page_flags(work.pages, doc.document_id)
    if not work.forms:
        if work.kind == "text":
            result = failed(result.document, "no evaluation form found in the text")
        else:
            result.document.status = "no_form"
    work.result = result
    return work


# The pipeline, in the order the data flows; docs/ARCHITECTURE.md names each stage's folder.
# After assemble, the batch (run/batch.py) is the one writer: it commits each result to the
# store and exports the tables at the end (pipeline/export/).
STAGES: tuple[Stage, ...] = (
    Stage("ingest", "pipeline/ingest/", _ingest),  # record, sha256, kind, page ranges
    Stage("pages", "pipeline/pages/", _pages),  # text layer, OCR or text file; per page range
    Stage("normalise", "pipeline/normalise/", _normalise),  # digits, Thai repair, wraps joined
    Stage("parse", "parsers/", _parse),  # forms split at their titles, each parsed
    Stage("link", "parsers/link_forms.py", _link),  # what a form takes from another
    Stage("verify", "pipeline/verify/", _verify),  # every rule re-derived: flags and checks
    Stage("reread", "pipeline/ocr/reread.py", _reread),  # OCR'd numbers behind errors
    Stage("assemble", "pipeline/assemble/", _assemble),  # records with ids and provenance
)


def _index(name: str) -> int:
    return [s.name for s in STAGES].index(name)


def _between(first: str, last: str) -> tuple[Stage, ...]:
    return STAGES[_index(first) : _index(last) + 1]


def stages_until(name: str) -> tuple[Stage, ...]:
    """The stages up to ``name`` included: ingest and pages turn bad input into a line."""
    return STAGES[: _index(name) + 1]


def stages_after(name: str) -> tuple[Stage, ...]:
    """The stages after ``name``: after pages, what runs where the page ranges are gathered."""
    return STAGES[_index(name) + 1 :]


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


def _gathered(work: Work, pages: list[Page]) -> Work:
    """The pages of every range in page order, and what the record says of them."""
    work.pages = sorted(pages, key=lambda p: p.number)
    work.doc = work.record.model_copy(update=_document_fields(work.pages))
    return work


def _result(work: Work) -> DocumentResult:
    """A failed row when ingest or pages stopped the document; else what assemble made,
    with no character left that has no Unicode reading (:func:`guard_unmappable`)."""
    if work.result is None:
        return failed(work.record, work.error)
    return guard_unmappable(work.result)


def _finish(work: Work) -> DocumentResult:
    """The stages after pages on gathered pages; an exception there is a bug: the document
    fails with one line and keeps its pages' rows."""
    try:
        work = run_stages(work, stages_after("pages"))
    except Exception as exc:
        doc = work.record
        result = failed(doc, f"internal error while parsing ({one_line(exc)}); please report it")
        result.pages = page_records(work.pages, doc.document_id, doc.source_path)
        return guard_unmappable(result)
    return _result(work)


def finish_document(
    doc: DocumentRecord,
    pages: list[Page],
    kind: str = "",
    path: Path | None = None,
    options: Options | None = None,
) -> DocumentResult:
    """Normalise, parse, link, verify, reread and assemble pages read elsewhere.

    With the file's ``path``, OCR'd numbers that break a scoring rule are read again from
    the page, rendered as ``options`` say (:mod:`thaieval.pipeline.ocr.reread`), and the
    document parsed again if one changed; the second readings are exported as ``rereads``.
    """
    work = Work(path, doc.source_path, options or Options(), doc=doc, kind=kind)
    return _finish(_gathered(work, pages))


def process_document(
    path: Path, source_path: str, options: Options, sha256: str | None = None
) -> DocumentResult:
    """Everything one input file yields, every stage run here in this process."""
    started = time.perf_counter()
    work = run_stages(Work(path, source_path, options, sha256), stages_until("pages"))
    result = _result(work) if work.error else _finish(work)
    result.document.seconds = round(time.perf_counter() - started, 3)
    return result
