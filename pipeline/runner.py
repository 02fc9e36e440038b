"""A batch: discover inputs, skip what is done, run documents, commit each, export at the end.

The writer is this process alone: executors (serial, process pool, Dask) only compute
:class:`DocumentResult` values and hand them back here.

>>> RunSummary(documents=2, pages=3, forms=7, flags=6, errors=1, failures=0, seconds=1.25).line()
'thaieval: 2 documents, 3 pages, 7 forms, 6 flags (1 error), 0 failed, 0 skipped as done, 1.2 s'
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipeline.executors import make_executor
from pipeline.export import export_csv
from pipeline.ingest import InputFile, document_id_of, sha256_of
from pipeline.process import Chunk, ChunkResult, Options, failed, finish_document, plan_document
from pipeline.store import Store
from schemas.page import Page
from schemas.records import DocumentRecord, DocumentResult

__all__ = ["RunSummary", "run_batch"]

log = logging.getLogger("thaieval")


@dataclass
class RunSummary:
    documents: int = 0
    pages: int = 0
    forms: int = 0
    flags: int = 0
    errors: int = 0
    failures: int = 0
    seconds: float = 0.0
    skipped_done: int = 0

    def line(self) -> str:
        return (
            f"thaieval: {self.documents} documents, {self.pages} pages, {self.forms} forms, "
            f"{self.flags} flags ({self.errors} error{'s' if self.errors != 1 else ''}), "
            f"{self.failures} failed, {self.skipped_done} skipped as done, {self.seconds:.1f} s"
        )


def _log_handler(out_dir: Path) -> logging.Handler:
    handler = logging.FileHandler(out_dir / "run.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    return handler


def run_batch(
    files: list[InputFile],
    out_dir: Path,
    options: Options,
    *,
    workers: int = 1,
    scheduler: str | None = None,
    timeout: float | None = None,
    force: bool = False,
    on_result: Callable[[DocumentResult], None] | None = None,
    on_start: Callable[[int, int], None] | None = None,
    on_pages: Callable[[int], None] | None = None,
) -> RunSummary:
    """Process ``files`` into ``out_dir``; every finished document is committed at once."""
    started = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    handler = _log_handler(out_dir)
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    store = Store(out_dir / "dataset.sqlite")
    summary = RunSummary()

    def commit(result: DocumentResult) -> None:
        store.save(result)
        _count(summary, result)
        doc = result.document
        log.info(
            "%s %s: %s, %s pages, %d forms, %d flags, %.1f s%s",
            doc.status,
            doc.source_path,
            doc.method or "-",
            doc.page_count,
            len(result.forms),
            len(result.flags),
            doc.seconds or 0.0,
            f" — {doc.error}" if doc.error else "",
        )
        if on_result:
            on_result(result)

    try:
        done = set() if force else store.done_shas()
        pending: dict[str, _Pending] = {}
        chunks: list[Chunk] = []
        for f in files:
            sha = sha256_of(f.path)
            if sha in done or document_id_of(sha) in pending:
                summary.skipped_done += 1
                log.info("skip %s: sha256 %s already done", f.source_path, sha[:16])
                continue
            doc, doc_chunks, error = plan_document(f.path, f.source_path, options, sha, workers)
            if error:
                commit(failed(doc, error))
                continue
            pending[doc.document_id] = _Pending(
                doc, len(doc_chunks), doc_chunks[0].kind, doc_chunks[0].path
            )
            chunks.extend(doc_chunks)
        if on_start:
            on_start(len(pending), sum(p.doc.page_count or 0 for p in pending.values()))
        executor = make_executor(workers=workers, scheduler=scheduler, timeout=timeout)
        for part in executor.map(chunks):
            entry = pending[part.document_id]
            entry.add(part)
            if on_pages:
                on_pages(len(part.pages))
            if entry.complete():
                commit(entry.finish())
                del pending[part.document_id]
        export_csv(store, out_dir)
    finally:
        store.close()
        log.removeHandler(handler)
        handler.close()
    summary.seconds = time.perf_counter() - started
    return summary


class _Pending:
    """A document whose page ranges are still being read."""

    def __init__(self, doc: DocumentRecord, chunks: int, kind: str, path: Path) -> None:
        self.doc, self.left, self.kind, self.path = doc, chunks, kind, path
        self.pages: list[Page] = []
        self.errors: list[str] = []
        self.seconds = 0.0

    def add(self, part: ChunkResult) -> None:
        self.left -= 1
        self.pages.extend(part.pages)
        self.seconds += part.seconds
        if part.error:
            self.errors.append(part.error)

    def complete(self) -> bool:
        return self.left == 0

    def finish(self) -> DocumentResult:
        started = time.perf_counter()
        if self.errors:
            result = failed(self.doc, self.errors[0])
        else:
            result = finish_document(self.doc, self.pages, self.kind, self.path)
        result.document.seconds = round(self.seconds + time.perf_counter() - started, 3)
        return result


def _count(summary: RunSummary, result: DocumentResult) -> None:
    summary.documents += 1
    summary.pages += result.document.page_count or 0
    summary.forms += len(result.forms)
    summary.flags += len(result.flags)
    summary.errors += sum(1 for f in result.flags if f.severity == "error")
    summary.failures += result.document.status == "failed"
