"""``DIR/dataset.xlsx``: every table as one sheet, for analysts who live in Excel.

Row 1 holds the Thai header, row 2 the contract's column name (frozen, with filters on), and
cells keep their types: numbers are numbers, ``signed_date`` is a date (``yyyy-mm-dd``), text
is text even when it looks like a number (``component`` ``2``). Written with openpyxl.

>>> cell_value(Column("forms", "signed_date", "date", ""), "2024-05-05")
datetime.date(2024, 5, 5)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from thaieval.pipeline.export.columns import Column

if TYPE_CHECKING:
    from thaieval.pipeline.export.tables import Table

__all__ = ["cell_value", "export_xlsx"]

_MAX_WIDTH = 60


def cell_value(column: Column, value: Any) -> Any:
    """A stored value as the cell holds it (a date column's ISO text becomes a date)."""
    if column.type == "date" and isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value  # kept as read: never a made-up date
    if column.type == "text" and value is not None:
        return str(value)
    return value


def export_xlsx(tables: list[Table], path: Path) -> Path:
    """Write the workbook atomically; returns its path."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from thaieval.pipeline.export.tables import atomic_path

    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    for table in tables:
        sheet = book.create_sheet(table.name[:31])
        sheet.append([c.thai for c in table.columns])
        sheet.append([c.name for c in table.columns])
        for row in table.rows:
            sheet.append([cell_value(c, v) for c, v in zip(table.columns, row, strict=True)])
        for i, column in enumerate(table.columns, start=1):
            letter = get_column_letter(i)
            sheet.cell(1, i).font = sheet.cell(2, i).font = bold
            if column.type == "date":
                for (cell,) in sheet.iter_rows(min_row=3, min_col=i, max_col=i):
                    cell.number_format = "yyyy-mm-dd"
            elif column.type == "text":
                for (cell,) in sheet.iter_rows(min_row=3, min_col=i, max_col=i):
                    cell.number_format = "@"
            width = max(len(column.name), len(column.thai)) + 2
            sheet.column_dimensions[letter].width = min(_MAX_WIDTH, width)
        last = get_column_letter(max(1, len(table.columns)))
        sheet.freeze_panes = "A3"
        sheet.auto_filter.ref = f"A2:{last}{max(2, sheet.max_row)}"
    with atomic_path(path) as tmp:
        book.save(tmp)
    return path
