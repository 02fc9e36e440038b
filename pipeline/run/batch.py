"""A batch: discover inputs, skip what is done, run documents, commit each, export at the end.

The writer is this process alone: executors (serial, process pool, Dask) only compute
:class:`DocumentResult` values and hand them back here. Ctrl-C stops the batch: the workers
are stopped (they ignore SIGINT themselves), what is committed is exported as usual and the
summary says the run was interrupted.

>>> RunSummary(documents=1, pages=3, forms=7, flags=6, errors=1, failures=0, seconds=1.25).line()
'thaieval: 1 document, 3 pages, 7 forms, 6 flags (1 error), 0 failed, 0 skipped as done, 1.2 s'
>>> read_options("pdf", Options(dpi=200, force_ocr=True)), read_options("text", Options())
('dpi=200 force_ocr', '')
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from thaieval.pipeline.errors import OutputError
from thaieval.pipeline.export.store import Store
from thaieval.pipeline.export.tables import export_all
from thaieval.pipeline.ingest.files import (
    InputFile,
    Inputs,
    SkippedRecord,
    document_id_of,
    kind_of_file,
    path_document_id,
    sha256_of,
)
from thaieval.pipeline.run.executors import make_executor
from thaieval.pipeline.run.process import (
    Chunk,
    ChunkResult,
    Options,
    failed,
    finish_document,
    plan_document,
)
from thaieval.schemas.page import Page
from thaieval.schemas.records import DocumentRecord, DocumentResult

__all__ = ["RunSummary", "plural", "read_options", "run_batch"]

log = logging.getLogger("thaieval")


def plural(count: int, word: str) -> str:
    """``1 document``, ``2 documents``."""
    return f"{count} {word}{'' if count == 1 else 's'}"


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
    skipped: int = 0
    redone: int = 0
    interrupted: bool = False
    not_finished: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source_path, error)

    def line(self) -> str:
        extra = f", {self.skipped} not read (see skipped.csv)" if self.skipped else ""
        return (
            f"thaieval: {plural(self.documents, 'document')}, {plural(self.pages, 'page')}, "
            f"{plural(self.forms, 'form')}, {plural(self.flags, 'flag')} "
            f"({plural(self.errors, 'error')}), {self.failures} failed, "
            f"{self.skipped_done} skipped as done{extra}, {self.seconds:.1f} s"
        )


def read_options(kind: str, options: Options) -> str:
    """The options that change what a document of ``kind`` yields, as recorded with it."""
    if kind != "pdf":  # images are read at their own resolution; text is not rendered
        return ""
    return f"dpi={options.dpi}" + (" force_ocr" if options.force_ocr else "")


def _log_handler(out_dir: Path) -> logging.Handler:
    handler = logging.FileHandler(out_dir / "run.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    return handler


def _problem_result(source_path: str, error: str) -> DocumentResult:
    doc = DocumentRecord(
        document_id=path_document_id(source_path), source_path=source_path, sha256=""
    )
    return failed(doc, error)


def run_batch(
    files: list[InputFile] | Inputs,
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
    """Process ``files`` into ``out_dir``; every finished document is committed at once.

    Raises :class:`OutputError` when ``out_dir``, its dataset or the scheduler cannot be used.
    """
    inputs = files if isinstance(files, Inputs) else Inputs(files=list(files))
    started = time.perf_counter()
    executor = make_executor(workers=workers, scheduler=scheduler, timeout=timeout)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        handler = _log_handler(out_dir)
    except OSError as exc:
        executor.close()
        raise OutputError(f"cannot write to {out_dir}: {exc.strerror or exc}") from exc
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    summary = RunSummary()
    try:
        store = Store(out_dir / "dataset.sqlite")
    except OutputError:
        executor.close()
        log.removeHandler(handler)
        handler.close()
        raise

    def commit(result: DocumentResult) -> None:
        try:
            store.save(result)
        except sqlite3.IntegrityError as exc:  # a key a reader repeated: a bug, not the batch's end
            error = f"internal error while saving ({exc}); please report it"
            result = failed(result.document, error)
            store.save(result)
        _count(summary, result)
        doc = result.document
        pages = f"{plural(doc.page_count, 'page')}, " if doc.page_count is not None else ""
        line = (
            f"{doc.status} {doc.source_path}: {doc.method or '-'}, {pages}"
            f"{plural(len(result.forms), 'form')}, {plural(len(result.flags), 'flag')}, "
            f"{doc.seconds or 0.0:.1f} s"
        )
        if doc.status == "failed":
            log.error("%s — %s", line, doc.error)
        else:
            log.info("%s", line)
        if on_result:
            on_result(result)

    pending: dict[str, _Pending] = {}
    results: Iterator[ChunkResult] | None = None
    try:
        for problem in inputs.problems:
            commit(_problem_result(problem.source_path, problem.error))
        _note_skipped(store, inputs.skipped, summary)
        chunks = _plan(inputs.files, store, options, force, workers, pending, summary, commit)
        if on_start:
            on_start(len(pending), sum(p.doc.page_count or 0 for p in pending.values()))
        results = executor.map(chunks)
        for part in results:
            entry = pending[part.document_id]
            entry.add(part)
            if on_pages:
                on_pages(len(part.pages))
            if entry.complete():
                commit(entry.finish())
                del pending[part.document_id]
    except KeyboardInterrupt:
        summary.interrupted = True
        summary.not_finished = len(pending)
        log.warning("interrupted: %s not finished", plural(len(pending), "document"))
    finally:
        try:
            if isinstance(results, Generator):
                results.close()  # stops the workers of a pool, cancels Dask tasks
            executor.close()
            export_all(store, out_dir)
        finally:
            store.close()
            log.removeHandler(handler)
            handler.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _plan(
    files: list[InputFile],
    store: Store,
    options: Options,
    force: bool,
    workers: int,
    pending: dict[str, _Pending],
    summary: RunSummary,
    commit: Callable[[DocumentResult], None],
) -> list[Chunk]:
    """The page ranges to read; documents done with the same options are skipped, those done
    with other result-changing options (``--dpi``, ``--force-ocr``) are read again."""
    done = {} if force else store.done_shas()
    chunks: list[Chunk] = []
    for f in files:
        try:
            sha = sha256_of(f.path)
            wanted = read_options(kind_of_file(f.path), options)
        except OSError as exc:
            commit(_problem_result(f.source_path, f"cannot read it: {exc.strerror or exc}"))
            continue
        if document_id_of(sha) in pending:
            summary.skipped_done += 1  # the same bytes twice in one run
            continue
        if sha in done:
            if done[sha] in (None, wanted):
                summary.skipped_done += 1
                log.info("skip %s: sha256 %s already done", f.source_path, sha[:16])
                continue
            summary.redone += 1
            log.info("redo %s: read with %r before, %r now", f.source_path, done[sha], wanted)
        doc, doc_chunks, error = plan_document(f.path, f.source_path, options, sha, workers)
        doc.read_options = wanted
        if error:
            commit(failed(doc, error))
            continue
        pending[doc.document_id] = _Pending(
            doc, len(doc_chunks), doc_chunks[0].kind, doc_chunks[0].path, options
        )
        chunks.extend(doc_chunks)
    return chunks


def _note_skipped(store: Store, skipped: list[SkippedRecord], summary: RunSummary) -> None:
    store.replace(list(skipped))
    summary.skipped = len(skipped)
    for record in skipped:
        log.warning("not read %s: %s", record.source_path, record.reason)


class _Pending:
    """A document whose page ranges are still being read."""

    def __init__(
        self, doc: DocumentRecord, chunks: int, kind: str, path: Path, options: Options
    ) -> None:
        self.doc, self.left, self.kind, self.path = doc, chunks, kind, path
        self.options = options
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
            result = finish_document(self.doc, self.pages, self.kind, self.path, self.options)
        result.document.seconds = round(self.seconds + time.perf_counter() - started, 3)
        return result


def _count(summary: RunSummary, result: DocumentResult) -> None:
    summary.documents += 1
    summary.pages += result.document.page_count or 0
    summary.forms += len(result.forms)
    summary.flags += len(result.flags)
    summary.errors += sum(1 for f in result.flags if f.severity == "error")
    if result.document.status == "failed":
        summary.failures += 1
        summary.failed.append((result.document.source_path, result.document.error))
