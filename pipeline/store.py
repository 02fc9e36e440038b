"""``DIR/dataset.sqlite``: the run's output and its state.

Each document's rows are committed in one transaction when it finishes (WAL mode), so a run
killed half-way keeps every finished document and none half-written; a re-run skips the
documents whose sha256 is done.

>>> store = Store(":memory:")
>>> store.done_shas()
set()
"""

from __future__ import annotations

import sqlite3
import types
import typing
from pathlib import Path
from typing import Any

from schemas.records import ALL_RECORDS, DocumentResult, Record

__all__ = ["Store", "sql_type"]


def sql_type(annotation: Any) -> str:
    """SQLite column type for a record field's annotation."""
    args = typing.get_args(annotation) if isinstance(annotation, types.UnionType) else (annotation,)
    for arg in args:
        if arg is int:
            return "INTEGER"
        if arg is float:
            return "REAL"
    return "TEXT"


def _create_sql(record: type[Record]) -> str:
    cols = ", ".join(
        f'"{name}" {sql_type(field.annotation)}' for name, field in record.model_fields.items()
    )
    return f'CREATE TABLE IF NOT EXISTS "{record.table}" ({cols})'


class Store:
    """The SQLite dataset of one output folder."""

    def __init__(self, path: Path | str) -> None:
        self.path = path
        self.db = sqlite3.connect(str(path), timeout=60)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        with self.db:
            for record in ALL_RECORDS:
                self.db.execute(_create_sql(record))
                key = (
                    "document_id"
                    if record.table in ("documents", "pages", "flags", "checks")
                    else "form_id"
                )
                self.db.execute(
                    f'CREATE INDEX IF NOT EXISTS "ix_{record.table}_{key}" ON "{record.table}" ("{key}")'
                )

    def close(self) -> None:
        self.db.close()

    def done_shas(self) -> set[str]:
        """sha256 of documents already processed (failed ones are tried again)."""
        rows = self.db.execute("SELECT sha256 FROM documents WHERE status != 'failed'")
        return {r[0] for r in rows}

    def _delete(self, document_id: str) -> None:
        form_ids = [
            r[0]
            for r in self.db.execute(
                "SELECT form_id FROM forms WHERE document_id = ?", (document_id,)
            )
        ]
        for table in ("indicators", "score_items", "findings"):
            self.db.executemany(
                f'DELETE FROM "{table}" WHERE form_id = ?', [(f,) for f in form_ids]
            )
        for table in ("forms", "flags", "checks", "pages", "documents"):
            self.db.execute(f'DELETE FROM "{table}" WHERE document_id = ?', (document_id,))

    def save(self, result: DocumentResult) -> None:
        """Replace the document's rows with ``result``'s, in one transaction."""
        with self.db:
            self._delete(result.document.document_id)
            for table, records in result.tables().items():
                if not records:
                    continue
                cols = type(records[0]).columns()
                names = ", ".join(f'"{c}"' for c in cols)
                sql = f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(cols))})'
                self.db.executemany(sql, [tuple(r.model_dump()[c] for c in cols) for r in records])

    def rows(self, record: type[Record], order: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Columns and rows of one table (columns in the record's order), sorted by ``order``."""
        existing = [r[1] for r in self.db.execute(f'PRAGMA table_info("{record.table}")')]
        cols = [c for c in record.columns() if c in existing]
        quoted = ", ".join(f'"{c}"' for c in cols)
        return cols, list(
            self.db.execute(f'SELECT {quoted} FROM "{record.table}" ORDER BY {order}')
        )
