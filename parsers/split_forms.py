"""Split a document's rows into its forms, at each form title.

A component form starts at its title (แบบสรุปผลคะแนน…, matched fuzzily); the overall summary
at ผลการประเมินผลการปฏิบัติงานประจำปีงบประมาณ. Rows before the first title hold no form.

>>> from schemas.page import Cell, Row
>>> rows = [Row(page=1, cells=[Cell(text=t)]) for t in ("x", "แบบสรุปผลคะแนนการตรวจติดตามประเมินผลการปฏิบัติราชการ", "y")]
>>> [(s.form_type, len(s.rows)) for s in split_forms(rows)]
[('component', 2)]
"""

from __future__ import annotations

from dataclasses import dataclass, field

from parsers.vocabulary import match_label
from schemas.page import Row

__all__ = ["FormSegment", "form_title_of", "split_forms"]


@dataclass
class FormSegment:
    form_type: str  # "overall_summary" or "component"
    rows: list[Row] = field(default_factory=list)


def form_title_of(row: Row) -> str:
    """``"component"``, ``"overall_summary"`` or ``""`` for a row that starts no form."""
    text = row.text
    if len(text) < 20:
        return ""
    if match_label(text, "title_component", threshold=78).matched:
        return "component"
    if match_label(text, "title_overall", threshold=82).matched:
        return "overall_summary"
    return ""


def split_forms(rows: list[Row]) -> list[FormSegment]:
    """Segments in document order, each starting at its title row."""
    segments: list[FormSegment] = []
    for row in rows:
        kind = form_title_of(row)
        if kind:
            segments.append(FormSegment(kind, [row]))
        elif segments:
            segments[-1].rows.append(row)
    return segments
