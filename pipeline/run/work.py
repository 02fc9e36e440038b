"""The stage interface: a stage is a name, its folder, and a plain function ``Work → Work``.

:class:`Work` is one document between stages (docling's ``ConversionResult``): each stage
reads the fields the stages before it filled and fills its own — ``ingest`` the record and the
page ranges, ``pages`` the pages, ``normalise`` the normalised pages, ``parse`` and ``link``
the forms, ``verify`` the checks, ``assemble`` the result. A stage that cannot go on says why
in ``error`` and the stages after it do not run. The ordered list itself is
:data:`thaieval.pipeline.run.process.STAGES`.

>>> double = Stage("double", "pipeline/run", lambda w: Work(w.path, str(2 * int(w.source_path))))
>>> run_stages(Work(None, "21"), [double]).source_path
'42'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from thaieval.pipeline.verify.document import Verification
from thaieval.schemas.forms import ParsedForm
from thaieval.schemas.page import Page, Reread
from thaieval.schemas.records import DocumentRecord, DocumentResult

__all__ = ["Chunk", "ChunkResult", "Options", "Stage", "Work", "run_stages"]


@dataclass(frozen=True)
class Options:
    dpi: int = 300
    force_ocr: bool = False
    lang: str = "tha+eng"
    max_bytes: int = 2 * 1024**3
    chunk_pages: int = 4  # pages one task reads; OCR'd pages are seconds each


@dataclass(frozen=True)
class Chunk:
    """Pages of one document for one worker to read (picklable: it crosses processes)."""

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


@dataclass
class Work:
    """One document between stages; ``path`` is None when the pages were read elsewhere and
    the file is not at hand (then nothing is read from it again)."""

    path: Path | None
    source_path: str = ""
    options: Options = field(default_factory=Options)
    sha256: str | None = None
    workers: int = 1  # page ranges at most (one per worker)
    doc: DocumentRecord | None = None  # ingest
    kind: str = ""  # ingest: text, pdf or image
    chunks: list[Chunk] = field(default_factory=list)  # ingest: the page ranges to read
    pages: list[Page] = field(default_factory=list)  # pages (and rereads, which edit them)
    normalised: list[Page] = field(default_factory=list)  # normalise
    forms: list[ParsedForm] = field(default_factory=list)  # parse, then link
    checked: Verification | None = None  # verify
    rereads: list[Reread] = field(default_factory=list)  # reread: second readings, as data
    result: DocumentResult | None = None  # assemble
    error: str = ""  # why the document stopped, one line

    @property
    def file(self) -> Path:
        """The input file (ingest and re-reads read it)."""
        if self.path is None:
            raise ValueError("no input file: the pages were read elsewhere")
        return self.path

    @property
    def record(self) -> DocumentRecord:
        """The document's record (made by ingest)."""
        if self.doc is None:
            raise ValueError("no document record: the ingest stage has not run")
        return self.doc

    @property
    def verification(self) -> Verification:
        if self.checked is None:
            raise ValueError("no verification: the verify stage has not run")
        return self.checked


@dataclass(frozen=True)
class Stage:
    """One step of the pipeline: ``run`` fills its fields of :class:`Work` and returns it."""

    name: str
    folder: str  # where its code lives (a folder, or a module), as docs/ARCHITECTURE.md names it
    run: Callable[[Work], Work]

    def __call__(self, work: Work) -> Work:
        return self.run(work)


def run_stages(work: Work, stages: Iterable[Stage]) -> Work:
    """``work`` through ``stages`` in order, stopping at the first that sets ``error``."""
    for stage in stages:
        if work.error:
            break
        work = stage(work)
    return work
