"""``DIR/dataset.sqlite``: the run's output and its state.

Each document's rows are committed in one transaction when it finishes (WAL mode), so a run
killed half-way keeps every finished document and none half-written; a re-run skips the
documents whose sha256 is done (and were read with the same options). Columns have declared
types (:mod:`thaieval.pipeline.export.columns`), a table has a primary key where one is unique by
construction, and an unknown value is NULL whatever its type.

>>> store = Store(":memory:")
>>> store.done_shas()
{}
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from thaieval.pipeline.errors import OutputError
from thaieval.pipeline.export.columns import KEYS, columns_of
from thaieval.pipeline.ingest.files import SkippedRecord
from thaieval.pipeline.review.record import CorrectionRecord
from thaieval.schemas.records import ALL_RECORDS, DocumentResult, Record

__all__ = ["STORE_RECORDS", "Store", "check_database", "create_sql"]

STORE_RECORDS: tuple[type[Record], ...] = (*ALL_RECORDS, SkippedRecord, CorrectionRecord)

SQLITE_MAGIC = b"SQLite format 3\x00"


def create_sql(record: type[Record]) -> str:
    cols = [f'"{c.name}" {c.kind.sqlite}' for c in columns_of(record)]
    key = KEYS.get(record.table)
    if key:
        cols.append("PRIMARY KEY (" + ", ".join(f'"{k}"' for k in key) + ")")
    return f'CREATE TABLE IF NOT EXISTS "{record.table}" ({", ".join(cols)})'


def check_database(path: Path) -> None:
    """Raise :class:`OutputError` when ``path`` exists but is not an SQLite database."""
    if not path.exists():
        return
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise OutputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if head and head != SQLITE_MAGIC:
        raise OutputError(
            f"{path} is not an SQLite database (thaieval keeps its dataset there): "
            "move it away or choose another --out"
        )


def _null_if_empty(value: Any) -> Any:
    return None if value == "" else value


class Store:
    """The SQLite dataset of one output folder."""

    def __init__(self, path: Path | str, records: tuple[type[Record], ...] = STORE_RECORDS) -> None:
        self.path = path
        if str(path) != ":memory:":
            check_database(Path(path))
        try:
            self.db = sqlite3.connect(str(path), timeout=60)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            with self.db:
                for record in records:
                    self._create(record)
        except sqlite3.DatabaseError as exc:
            raise OutputError(f"cannot use {path} as the dataset: {exc}") from exc

    def _create(self, record: type[Record]) -> None:
        self.db.execute(create_sql(record))
        existing = {r[1] for r in self.db.execute(f'PRAGMA table_info("{record.table}")')}
        for column in columns_of(record):  # a dataset written before a column was added
            if column.name not in existing:
                self.db.execute(
                    f'ALTER TABLE "{record.table}" ADD COLUMN "{column.name}" {column.kind.sqlite}'
                )
        names = set(record.model_fields)
        for key in ("document_id", "form_id", "source_path"):
            if key in names and KEYS.get(record.table, ("",))[0] != key:
                self.db.execute(
                    f'CREATE INDEX IF NOT EXISTS "ix_{record.table}_{key}" '
                    f'ON "{record.table}" ("{key}")'
                )
                break

    def close(self) -> None:
        self.db.close()

    def done_shas(self) -> dict[str, str | None]:
        """sha256 → read options of the documents already processed (failed ones are tried
        again); None where no option changes the result (text) or none was recorded (a
        dataset written before options were)."""
        rows = self.db.execute(
            "SELECT sha256, read_options FROM documents "
            "WHERE status != 'failed' AND sha256 IS NOT NULL"
        )
        return {r[0]: r[1] for r in rows}

    def document_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM documents").fetchone()[0])

    def _delete(self, document_id: str, source_path: str) -> None:
        # an earlier failed attempt at the same path (other bytes, or none) is replaced too
        ids = [document_id] + [
            r[0]
            for r in self.db.execute(
                "SELECT document_id FROM documents WHERE source_path = ? AND status = 'failed'",
                (source_path,),
            )
        ]
        for doc_id in dict.fromkeys(ids):
            form_ids = [
                (r[0],)
                for r in self.db.execute(
                    "SELECT form_id FROM forms WHERE document_id = ?", (doc_id,)
                )
            ]
            for table in ("indicators", "score_items", "findings"):
                self.db.executemany(f'DELETE FROM "{table}" WHERE form_id = ?', form_ids)
            for table in ("forms", "flags", "checks", "rereads", "pages", "documents"):
                self.db.execute(f'DELETE FROM "{table}" WHERE document_id = ?', (doc_id,))
        self.db.execute('DELETE FROM "skipped" WHERE source_path = ?', (source_path,))

    def save(self, result: DocumentResult) -> None:
        """Replace the document's rows with ``result``'s, in one transaction."""
        from thaieval.pipeline.review.reading import keep_reading

        with self.db:
            self._delete(result.document.document_id, result.document.source_path)
            for table, records in result.tables().items():
                self._insert(table, records)
            keep_reading(self.db, result)  # a reviewer's decisions attach to the new reading

    def replace(self, records: list[Record]) -> None:
        """Insert or replace rows of a keyed table (``skipped``), in one transaction."""
        if records:
            with self.db:
                self._insert(type(records[0]).table, records, "INSERT OR REPLACE")

    def _insert(self, table: str, records: list[Record], verb: str = "INSERT") -> None:
        if not records:
            return
        cols = type(records[0]).columns()
        names = ", ".join(f'"{c}"' for c in cols)
        sql = f'{verb} INTO "{table}" ({names}) VALUES ({", ".join("?" * len(cols))})'
        self.db.executemany(
            sql, [tuple(_null_if_empty(v) for v in r.model_dump().values()) for r in records]
        )

    def rows(self, record: type[Record], order: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Columns and rows of one table (columns in the record's order), sorted by ``order``."""
        existing = [r[1] for r in self.db.execute(f'PRAGMA table_info("{record.table}")')]
        cols = [c for c in record.columns() if c in existing]
        quoted = ", ".join(f'"{c}"' for c in cols)
        return cols, list(
            self.db.execute(f'SELECT {quoted} FROM "{record.table}" ORDER BY {order}')
        )
