"""``DIR/parquet/<table>.parquet``: each table with its column types, for pandas and DuckDB.

Written with pyarrow from :mod:`thaieval.pipeline.export.columns`, with the metadata pandas writes: text is
a string (``component`` ``2`` stays ``"2"``), an integer column with unknowns is a nullable
integer, dates are dates. ``pandas.read_parquet`` gives back the dtypes ``columns.csv`` lists.

>>> table = arrow_table([Column("forms", "component", "text", ""),
...                      Column("forms", "level", "integer", "")], [("2", None)])
>>> table.to_pandas().dtypes.astype(str).tolist()
['string', 'Int64']
"""

from __future__ import annotations

import datetime as dt
import json
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from thaieval.pipeline.export.columns import Column

if TYPE_CHECKING:
    import pyarrow as pa

    from thaieval.pipeline.export.tables import Table

__all__ = ["arrow_table", "export_parquet", "pandas_metadata"]


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None  # the CSV keeps what was read; a date column holds only dates


# What pandas writes in a Parquet file's "pandas" metadata for each of our dtypes; it is what
# makes read_parquet give back a nullable Int64 (not float64) and a string column. Written by
# hand so that a run does not import pandas (seconds) only to describe four dtypes.
_PANDAS_META = {
    "string": ("unicode", "string"),
    "Int64": ("int64", "Int64"),
    "float64": ("float64", "float64"),
    "object": ("date", "object"),
}


def pandas_metadata(columns: list[Column]) -> bytes:
    """The ``pandas`` schema metadata for ``columns`` (no index)."""
    try:
        pandas_version = version("pandas")
    except PackageNotFoundError:
        pandas_version = "2.2.0"
    described = [
        {
            "name": c.name,
            "field_name": c.name,
            "pandas_type": _PANDAS_META[c.kind.pandas][0],
            "numpy_type": _PANDAS_META[c.kind.pandas][1],
            "metadata": None,
        }
        for c in columns
    ]
    meta = {
        "index_columns": [],
        "column_indexes": [],
        "columns": described,
        "creator": {"library": "pyarrow", "version": version("pyarrow")},
        "pandas_version": pandas_version,
    }
    return json.dumps(meta).encode()


def arrow_table(columns: list[Column], rows: list[tuple[Any, ...]]) -> pa.Table:
    """The rows as an Arrow table with each column's type and the pandas dtypes."""
    import pyarrow as pa

    types = {
        "string": pa.string(),
        "int64": pa.int64(),
        "float64": pa.float64(),
        "date32": pa.date32(),
    }
    arrays = []
    for i, column in enumerate(columns):
        values = [row[i] for row in rows]
        if column.type == "date":
            values = [_date(v) for v in values]
        elif column.type == "text":
            values = [None if v is None else str(v) for v in values]
        arrays.append(pa.array(values, type=types[column.kind.parquet]))
    schema = pa.schema(
        [(c.name, types[c.kind.parquet]) for c in columns],
        metadata={b"pandas": pandas_metadata(columns)},
    )
    return pa.Table.from_arrays(arrays, schema=schema)


def export_parquet(tables: list[Table], folder: Path) -> list[Path]:
    """One Parquet file per table in ``folder``; returns the paths written."""
    import pyarrow.parquet as pq

    from thaieval.pipeline.export.tables import atomic_path

    folder.mkdir(exist_ok=True)
    written = []
    for table in tables:
        path = folder / f"{table.name}.parquet"
        with atomic_path(path) as tmp:
            pq.write_table(arrow_table(table.columns, table.rows), tmp)
        written.append(path)
    return written
