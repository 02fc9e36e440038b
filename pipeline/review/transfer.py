"""Corrections as a CSV file, so that they travel with an archive to another dataset.

The file has the ``corrections`` table's columns (``decision_id`` … ``supersedes``), UTF-8
with BOM like every CSV of the dataset. Import checks every row first and writes nothing if
one is wrong (the message names the row); a decision already there (same ``decision_id``) is
not added twice, so importing the same file again changes nothing. Imported decisions attach
at once to the documents of this dataset with the same sha256, and to the others when they
are run.

>>> problems_of({"decision": "corrected", "field": "level", "value_corrected": "7"})[0]
"'7' is not a level: a level is a whole number from 1 to 5"
"""

from __future__ import annotations

import csv
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from thaieval.pipeline.export.tables import write_csv_atomic
from thaieval.pipeline.review.apply import rewrite_document
from thaieval.pipeline.review.corrections import all_decisions, ensure_table, write
from thaieval.pipeline.review.keys import BadValue, correctable, parse_typed
from thaieval.pipeline.review.reading import ensure_table as ensure_readings
from thaieval.pipeline.review.record import DECISIONS, CorrectionRecord

__all__ = ["ImportProblem", "Imported", "export_corrections", "import_corrections", "problems_of"]

_SHA = re.compile(r"[0-9a-f]{64}")
_REQUIRED = ("decision_id", "sha256", "form_key", "field", "decision", "who", "at")


class ImportProblem(ValueError):
    """The file cannot be imported; nothing was written."""


@dataclass
class Imported:
    added: int
    known: int
    documents: int  # documents of this dataset whose rows changed
    waiting: int  # decisions on documents this dataset does not hold (yet)


def export_corrections(db: sqlite3.Connection, path: Path) -> int:
    """Write every decision to ``path`` (atomically); returns how many."""
    ensure_table(db)
    rows = all_decisions(db)
    columns = CorrectionRecord.columns()
    write_csv_atomic(path, columns, [tuple(r.model_dump().values()) for r in rows])
    return len(rows)


def problems_of(row: dict[str, str]) -> list[str]:
    """What is wrong with one row of the file (empty when nothing)."""
    out = [f"{name} is empty" for name in _REQUIRED if name in row and not row[name].strip()]
    if "sha256" in row and row["sha256"] and not _SHA.fullmatch(row["sha256"]):
        out.append(f"sha256 {row['sha256']!r} is not 64 hexadecimal digits")
    decision = row.get("decision", "")
    if decision not in DECISIONS:
        out.append(f"decision {decision!r} is not one of {', '.join(DECISIONS)}")
    if decision == "corrected":
        try:
            parse_typed(row.get("value_corrected", ""), row.get("field", ""))
        except BadValue as exc:
            out.append(str(exc))
    if decision == "unreadable" and row.get("value_corrected"):
        out.append("an unreadable value has no value_corrected")
    return out


def _records(path: Path) -> list[CorrectionRecord]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
            header = rows[0].keys() if rows else []
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ImportProblem(f"cannot read {path}: {exc}") from None
    missing = [c for c in _REQUIRED if rows and c not in header]
    if missing:
        raise ImportProblem(f"{path} lacks the column(s) {', '.join(missing)}")
    records = []
    columns = set(CorrectionRecord.columns())
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        clean = {k: (v or "").strip() for k, v in row.items() if k in columns}
        problems = problems_of(clean)
        if not problems:
            record = CorrectionRecord(**clean)
            if record.decision != "accepted" and not correctable(record.target):
                problems.append(f"{record.field} can only be accepted as read")
            records.append(record)
        if problems:
            raise ImportProblem(f"{path}, line {number}: {'; '.join(problems)}; nothing imported")
    return records


def import_corrections(db: sqlite3.Connection, path: Path) -> Imported:
    """Add the file's decisions that are new here and re-verify the documents they change.

    ``db`` must be in autocommit mode (:func:`thaieval.pipeline.review.decide.connect`): the import is
    one transaction.
    """
    records = _records(path)
    ensure_table(db)
    ensure_readings(db)
    db.execute("BEGIN IMMEDIATE")
    try:
        known = {r[0] for r in db.execute('SELECT "decision_id" FROM "corrections"')}
        new = [r for r in records if r.decision_id not in known]
        write(db, new)
        shas = {r.sha256 for r in new}
        docs = {
            sha: doc_id
            for doc_id, sha in db.execute('SELECT "document_id", "sha256" FROM "readings"')
            if sha in shas
        }
        for doc_id in sorted(docs.values()):
            rewrite_document(db, doc_id)
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    waiting = sum(1 for r in new if r.sha256 not in docs)
    return Imported(len(new), len(records) - len(new), len(docs), waiting)
