"""The export stage: the contract's CSV files from ``dataset.sqlite``.

UTF-8 with BOM (so Excel shows Thai), ``.`` decimals, no thousands separators, empty cell for
unknown. Each file is written beside its destination and renamed over it, so no reader ever
sees a half-written CSV.

>>> format_value(98.28400000000001), format_value(10.0), format_value(None)
('98.284', '10', '')
"""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path
from typing import Any

from pipeline.store import Store
from schemas.records import (
    CheckRecord,
    DocumentRecord,
    FindingRecord,
    FlagRecord,
    FormRecord,
    IndicatorRecord,
    PageRecord,
    Record,
    ScoreItemRecord,
)

__all__ = ["EXPORT_ORDER", "export_csv", "format_value", "write_csv_atomic"]

EXPORT_ORDER: tuple[tuple[type[Record], str], ...] = (
    (DocumentRecord, "source_path, document_id"),
    (PageRecord, "source_path, document_id, page"),
    (FormRecord, "form_id"),
    (IndicatorRecord, "form_id, indicator_no"),
    (ScoreItemRecord, "form_id, indicator_no, part, rowid"),
    (FindingRecord, "form_id, section, item_no"),
    (FlagRecord, 'document_id, form_id, severity, "check", rowid'),
    (CheckRecord, "document_id, form_id, indicator_no, rowid"),
)


def format_value(value: Any) -> str:
    """A cell as the contract prints it."""
    if value is None:
        return ""
    if isinstance(value, float):
        text = f"{value:.6f}".rstrip("0").rstrip(".")
        return "0" if text in ("-0", "") else text
    return str(value)


def write_csv_atomic(path: Path, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    """Write ``path`` through a temporary file in the same folder, then rename it into place."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(columns)
            for row in rows:
                writer.writerow([format_value(v) for v in row])
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a dataset is for sharing
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def export_csv(store: Store, out_dir: Path) -> list[Path]:
    """Every contract table as ``out_dir/<table>.csv``; returns the paths written."""
    written = []
    for record, order in EXPORT_ORDER:
        cols, rows = store.rows(record, order)
        path = out_dir / f"{record.table}.csv"
        write_csv_atomic(path, cols, rows)
        written.append(path)
    return written
