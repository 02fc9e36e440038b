"""The export stage: every table of ``dataset.sqlite`` as CSV, Parquet and one Excel workbook.

CSV: UTF-8 with BOM (so Excel shows Thai), ``.`` decimals, no thousands separators, empty cell
for unknown. ``columns.csv`` lists every column's type (:mod:`thaieval.pipeline.export.columns`); Parquet
(``parquet/<table>.parquet``) and ``dataset.xlsx`` carry the types themselves. Each file is
written beside its destination and renamed over it, so no reader ever sees half a file.
Tables are the store's records, in order: a new table needs no entry here (``ORDER`` only
names a sort better than insertion order).

>>> format_value(98.28400000000001), format_value(10.0), format_value(None)
('98.284', '10', '')
"""

from __future__ import annotations

import contextlib
import csv
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

from thaieval.pipeline.export.columns import Column, columns_of
from thaieval.pipeline.export.store import STORE_RECORDS, Store
from thaieval.schemas.records import Record

__all__ = [
    "ORDER",
    "Table",
    "atomic_path",
    "export_all",
    "export_csv",
    "format_value",
    "read_tables",
    "write_csv_atomic",
]

ORDER: dict[str, str] = {
    "documents": "source_path, document_id",
    "pages": "source_path, document_id, page",
    "forms": "form_id",
    "indicators": "form_id, indicator_no",
    "score_items": "form_id, indicator_no, part, rowid",
    "findings": "form_id, section, item_no",
    "flags": 'document_id, form_id, severity, "check", rowid',
    "checks": "document_id, form_id, indicator_no, rowid",
    "rereads": "document_id, page, rowid",
    "skipped": "source_path",
}


class Table:
    """One table as read from the store: its typed columns and its rows."""

    def __init__(self, record: type[Record], columns: list[Column], rows: list[tuple[Any, ...]]):
        self.name, self.record, self.columns, self.rows = record.table, record, columns, rows


def read_tables(store: Store, records: tuple[type[Record], ...] = STORE_RECORDS) -> list[Table]:
    tables = []
    for record in records:
        names, rows = store.rows(record, ORDER.get(record.table, "rowid"))
        typed = {c.name: c for c in columns_of(record)}
        tables.append(Table(record, [typed[n] for n in names], rows))
    return tables


def format_value(value: Any) -> str:
    """A cell as the contract prints it."""
    if value is None:
        return ""
    if isinstance(value, float):
        text = f"{value:.6f}".rstrip("0").rstrip(".")
        return "0" if text in ("-0", "") else text
    return str(value)


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path``, renamed over it when the block ends without error."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a dataset is for sharing
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_text_atomic(path: Path, write: Callable[[TextIO], None]) -> None:
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as fh:
        write(fh)


def write_csv_atomic(path: Path, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    """Write ``path`` through a temporary file in the same folder, then rename it into place."""

    def write(fh: TextIO) -> None:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([format_value(v) for v in row])

    _write_text_atomic(path, write)


def _columns_csv(tables: list[Table], out_dir: Path) -> Path:
    path = out_dir / "columns.csv"
    header = ["table", "column", "thai", "type", "sqlite", "parquet", "pandas", "excel"]
    rows = [
        (
            c.table,
            c.name,
            c.thai,
            c.type,
            c.kind.sqlite,
            c.kind.parquet,
            c.kind.pandas,
            c.kind.excel,
        )
        for t in tables
        for c in t.columns
    ]
    write_csv_atomic(path, header, rows)
    return path


def export_csv(store: Store, out_dir: Path) -> list[Path]:
    """Every table as ``out_dir/<table>.csv``, and ``columns.csv``; returns the paths written."""
    return _write_csvs(read_tables(store), out_dir)


def _write_csvs(tables: list[Table], out_dir: Path) -> list[Path]:
    written = []
    for table in tables:
        path = out_dir / f"{table.name}.csv"
        write_csv_atomic(path, [c.name for c in table.columns], table.rows)
        written.append(path)
    written.append(_columns_csv(tables, out_dir))
    return written


def export_all(store: Store, out_dir: Path) -> list[Path]:
    """CSV, Parquet and Excel of every table; returns the paths written."""
    from thaieval.pipeline.export.parquet import export_parquet
    from thaieval.pipeline.export.xlsx import export_xlsx

    tables = read_tables(store)  # read once, written three ways
    written = _write_csvs(tables, out_dir)
    written += export_parquet(tables, out_dir / "parquet")
    written.append(export_xlsx(tables, out_dir / "dataset.xlsx"))
    return written
