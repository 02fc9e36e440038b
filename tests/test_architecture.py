"""docs/ARCHITECTURE.md is kept true by the code: its stage table is ``process.STAGES``, in
order; every folder of ``pipeline/`` is named on it and every path it names exists; the
order its lost-marks section argues for holds."""

from __future__ import annotations

import re
from pathlib import Path

from thaieval.pipeline.normalise.page_text import normalise_pages, restore_outside_names
from thaieval.pipeline.run.process import (
    STAGES,
    Options,
    finish_document,
    plan_document,
    process_document,
    read_chunk,
    stages_after,
    stages_until,
)
from thaieval.schemas.page import Box, Cell, Page, Row, Word

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
# A stage row: | 3 | normalise | `pipeline/normalise/` | …
STAGE_ROW = re.compile(r"^\|\s*(\d+)\s*\|\s*(\w+)\s*\|\s*`([^`]+)`\s*\|", re.MULTILINE)
# A path the page names: `pipeline/ocr/reread.py`, `schemas/page.py`, `pipeline/run/`
NAMED_PATH = re.compile(r"`((?:pipeline|parsers|schemas|tests)/[\w/.]*)`")


def test_the_stage_table_is_the_ordered_list() -> None:
    rows = [(int(n), name, where) for n, name, where in STAGE_ROW.findall(DOC)]
    assert [n for n, _, _ in rows] == list(range(1, len(STAGES) + 1))
    assert [(name, where) for _, name, where in rows] == [(s.name, s.folder) for s in STAGES]


def test_every_stage_lives_where_it_says() -> None:
    for stage in STAGES:
        path = ROOT / stage.folder
        assert path.is_dir() if stage.folder.endswith("/") else path.is_file(), stage


def test_every_pipeline_folder_is_named_and_every_named_path_exists() -> None:
    folders = {
        f"{p.parent.relative_to(ROOT).as_posix()}/"
        for p in (ROOT / "pipeline").rglob("__init__.py")
    } - {"pipeline/"}
    named = set(NAMED_PATH.findall(DOC))
    assert folders - named == set()
    assert [p for p in sorted(named) if not (ROOT / p).exists()] == []


def test_a_document_read_in_ranges_ends_as_one_read_here(seed_path: Path) -> None:
    """The batch's way (plan, ranges read apart, the stages after pages where they meet)
    gives what the whole list run here gives."""
    assert [s.name for s in stages_until("pages")] == ["ingest", "pages"]
    whole = process_document(seed_path, str(seed_path), Options())
    doc, chunks, error = plan_document(seed_path, str(seed_path), Options())
    assert error == "" and chunks
    pages = [page for chunk in chunks for page in read_chunk(chunk).pages]
    gathered = finish_document(doc, pages[::-1], chunks[0].kind, seed_path)
    for result in (whole, gathered):
        result.document.seconds = None
    assert gathered.model_dump() == whole.model_dump()
    assert whole.forms and stages_after("pages")[0].name == "normalise"


def test_ocr_marks_are_restored_after_the_specks_are_dropped() -> None:
    """Why OCR's lost marks are put back in normalise and not while reading: a speck read as
    ``ที`` restored first would be ``ที่``, no longer found, and kept."""

    def word(text: str, confidence: float, height: float) -> Word:
        return Word(text=text, confidence=confidence, box=Box(x0=0, top=0, x1=10, bottom=height))

    cell = Cell(text="ผลการดำเนินงาน ที", words=[word("ผลการดำเนินงาน", 90, 14), word("ที", 40, 3)])
    page = Page(number=1, method="ocr", rows=[Row(page=1, cells=[cell])])
    assert normalise_pages([page])[0].rows[0].text == "ผลการดำเนินงาน"
    restored_first = cell.model_copy(update={"text": restore_outside_names(cell.text)})
    page = Page(number=1, method="ocr", rows=[Row(page=1, cells=[restored_first])])
    assert normalise_pages([page])[0].rows[0].text == "ผลการดำเนินงาน ที่"
