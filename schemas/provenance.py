"""Where an extracted value came from: page, box, confidence, source line and printed text.

>>> Prov(page=3, text="8,770").text
'8,770'
"""

from __future__ import annotations

from pydantic import BaseModel

from thaieval.schemas.page import Box, Cell, Row


class Prov(BaseModel):
    """Provenance of one value; ``text`` is the cell as printed, before normalisation."""

    page: int | None = None
    box: Box | None = None
    confidence: float | None = None
    line: int | None = None
    text: str = ""

    @classmethod
    def of_cell(cls, row: Row, cell: Cell | None = None, text: str | None = None) -> Prov:
        """Provenance of a cell of ``row`` (the whole row when ``cell`` is None)."""
        if cell is None:
            return cls(page=row.page, box=row.box, line=row.line, text=text or row.text)
        return cls(
            page=row.page,
            box=cell.box,
            confidence=cell.confidence,
            line=row.line,
            text=cell.text if text is None else text,
        )
