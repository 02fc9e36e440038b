"""The dataset ``thaieval eval`` reads: the contract CSV files of an output folder, as text.

Rows stay ``dict[str, str]``, so extra columns and malformed cells never stop a scoring run
(a cell that does not parse is simply a wrong value). :func:`dataset_from_truth` writes the
same files from truth documents — a perfect run, for tests of the scorer.

>>> Dataset().forms_of("d1")
[]
"""

from __future__ import annotations

import csv
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from thaieval.schemas.records import (
    DocumentRecord,
    FindingRecord,
    FlagRecord,
    FormRecord,
    IndicatorRecord,
    Record,
    ScoreItemRecord,
)
from thaieval.schemas.truth import TruthDocument

__all__ = ["Dataset", "DatasetError", "Row", "dataset_from_truth", "read_dataset"]

Row = dict[str, str]

TABLES = ("documents", "forms", "indicators", "score_items", "findings", "flags")


class DatasetError(Exception):
    """The output folder cannot be scored (missing, or without documents.csv)."""


@dataclass
class Dataset:
    """The six tables, rows in file order, with indexes by document and form."""

    documents: list[Row] = field(default_factory=list)
    forms: list[Row] = field(default_factory=list)
    indicators: list[Row] = field(default_factory=list)
    score_items: list[Row] = field(default_factory=list)
    findings: list[Row] = field(default_factory=list)
    flags: list[Row] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._forms_by_doc = _group(self.forms, "document_id")
        self._flags_by_doc = _group(self.flags, "document_id")
        self._by_form = {
            name: _group(getattr(self, name), "form_id")
            for name in ("indicators", "score_items", "findings")
        }

    def forms_of(self, document_id: str) -> list[Row]:
        return self._forms_by_doc.get(document_id, [])

    def flags_of(self, document_id: str) -> list[Row]:
        return self._flags_by_doc.get(document_id, [])

    def rows_of(self, table: str, form_id: str) -> list[Row]:
        """Rows of ``indicators``, ``score_items`` or ``findings`` belonging to one form."""
        return self._by_form[table].get(form_id, [])


def _group(rows: list[Row], key: str) -> dict[str, list[Row]]:
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[row.get(key, "")].append(row)
    return dict(grouped)


def _read_table(path: Path) -> list[Row]:
    # utf-8-sig strips the BOM the contract asks for, and reads a file without one too.
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [
            {key: (value or "") for key, value in row.items() if key is not None}
            for row in csv.DictReader(handle)
        ]


def read_dataset(out_dir: Path) -> Dataset:
    """Load the contract tables of ``out_dir``; a missing table other than documents is empty.

    >>> read_dataset(Path("/nonexistent"))
    Traceback (most recent call last):
    thaieval.pipeline.evaluate.dataset.DatasetError: no dataset at /nonexistent: documents.csv is missing
    """
    if not (out_dir / "documents.csv").is_file():
        raise DatasetError(f"no dataset at {out_dir}: documents.csv is missing")
    tables: dict[str, list[Row]] = {}
    for name in TABLES:
        path = out_dir / f"{name}.csv"
        try:
            tables[name] = _read_table(path) if path.is_file() else []
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise DatasetError(f"cannot read {path}: {exc}") from exc
    return Dataset(**tables)


def _write_table(path: Path, columns: list[str], rows: list[Record]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows:
            values = row.model_dump()
            writer.writerow(["" if values[c] is None else values[c] for c in columns])
    os.replace(tmp, path)


def dataset_from_truth(truth_docs: list[TruthDocument], out_dir: Path) -> None:
    """Write the contract CSVs a perfect run would write for ``truth_docs`` into ``out_dir``.

    Ids are made up (``d1``, ``d1-f1``); flags are the documents' ``injected`` ones, on the
    form they name, or on the document when no such form exists.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     dataset_from_truth([TruthDocument(file="a.pdf", variant="text", source_id="a")], Path(tmp))
    ...     read_dataset(Path(tmp)).documents[0]["source_path"]
    'a.pdf'
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    tables: dict[type[Record], list[Record]] = {
        DocumentRecord: [],
        FormRecord: [],
        IndicatorRecord: [],
        ScoreItemRecord: [],
        FindingRecord: [],
        FlagRecord: [],
    }
    for d, doc in enumerate(truth_docs, start=1):
        doc_id = f"d{d}"
        tables[DocumentRecord].append(
            DocumentRecord(
                document_id=doc_id,
                source_path=doc.file,
                sha256=f"{d:064x}",
                page_count=doc.page_count,
                form_count=len(doc.forms),
            )
        )
        form_ids: dict[tuple[str, str], str] = {}
        for f, form in enumerate(doc.forms, start=1):
            form_id = f"{doc_id}-f{f}"
            form_ids[(form.form_type, form.component)] = form_id
            fields = form.model_dump(exclude={"indicators", "score_items", "findings"})
            tables[FormRecord].append(
                FormRecord(form_id=form_id, document_id=doc_id, source_path=doc.file, **fields)
            )
            for ind in form.indicators:
                tables[IndicatorRecord].append(IndicatorRecord(form_id=form_id, **ind.model_dump()))
            for item in form.score_items:
                tables[ScoreItemRecord].append(
                    ScoreItemRecord(form_id=form_id, **item.model_dump())
                )
            for finding in form.findings:
                tables[FindingRecord].append(FindingRecord(form_id=form_id, **finding.model_dump()))
        for flag in doc.injected:
            tables[FlagRecord].append(
                FlagRecord(
                    document_id=doc_id,
                    form_id=form_ids.get((flag.form_type, flag.component), ""),
                    severity=flag.severity,
                    check=flag.check,
                    field=flag.field,
                    message=flag.note or flag.check,
                    indicator_no=flag.indicator_no,
                )
            )
    for record, rows in tables.items():
        _write_table(out_dir / f"{record.table}.csv", record.columns(), rows)
